"""Tab titles that stay in sight on a narrow screen: the icons give way before the words."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QTabWidget


class TabIconsFit(QObject):
    """Shows the tabs' icons only while every title fits beside the others.

    A tab bar wider than its window hides tabs behind scroll arrows (at 1024
    pixels, "Needs attention" scrolled out once the Outbox said "3 queued");
    eliding would cut the counts off. Without its icon each title is some 24
    pixels shorter and all of them stay readable. Call :meth:`fit` after
    changing a title; resizing the tabs calls it itself.
    """

    def __init__(self, tabs: QTabWidget) -> None:
        super().__init__(tabs)
        self.tabs = tabs
        self.icons = [tabs.tabIcon(i) for i in range(tabs.count())]
        tabs.installEventFilter(self)

    @property
    def icons_shown(self) -> bool:
        return self.tabs.count() > 0 and not self.tabs.tabIcon(0).isNull()

    def fit(self) -> None:
        """Put the icons back if the titles fit with them, else take them away."""
        bar = self.tabs.tabBar()
        self._set_icons(True)
        if bar.sizeHint().width() > self.tabs.width():
            self._set_icons(False)

    def _set_icons(self, shown: bool) -> None:
        for index, icon in enumerate(self.icons):
            self.tabs.setTabIcon(index, icon if shown else QIcon())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.tabs and event.type() == QEvent.Type.Resize:
            self.fit()
        return super().eventFilter(watched, event)
