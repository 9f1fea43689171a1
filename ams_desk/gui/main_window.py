"""The main window: Mentors and Mentees tables, the toolbar, undo, and remembered state."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ams_desk import APP_NAME
from ams_desk.core.model import Role, SignupStatus
from ams_desk.gui.attention_view import AttentionView
from ams_desk.gui.board import BoardView
from ams_desk.gui.context import AppContext
from ams_desk.gui.data_safety import DataSafety
from ams_desk.gui.history_dialog import HistoryDialog
from ams_desk.gui.mail.controller import MailController
from ams_desk.gui.main_menus import add_toolbar_and_menus
from ams_desk.gui.operations import Operations
from ams_desk.gui.pairs_view import PairsView
from ams_desk.gui.people_view import PeopleView, show_history
from ams_desk.gui.report import ReportView
from ams_desk.gui.settings_dialog import ProgramSettingsDialog
from ams_desk.gui.signup_editor import SignupEditor
from ams_desk.gui.signup_model import SignupTableModel
from ams_desk.gui.tab_fit import TabIconsFit
from ams_desk.store.changes import PROGRAM_SETTINGS, Changes
from ams_desk.store.database import Database
from ams_desk.store.ops import settings as settings_ops
from ams_desk.store.settings import ProgramSettings, get_program_settings

if TYPE_CHECKING:
    from ams_desk.gui.importing import ImportWizard

ROLE_TITLES = {Role.MENTOR: "Mentors", Role.MENTEE: "Mentees"}


class MainWindow(QMainWindow):
    """The coordinator's main window: the tabs, the toolbar and menus, remembered state.

    Each tab is a view that runs its own actions through ``ops`` and refreshes
    itself from ``ops.changed``; the window only routes its toolbar actions to
    the tab shown and keeps the tab titles and status bar up to date.
    """

    def __init__(
        self,
        db: Database,
        *,
        today: date | None = None,
        settings: QSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self._settings = settings or QSettings()
        self.ops = Operations(db, self._report, self)
        self.undo_stack = self.ops.undo_stack
        self.ctx = AppContext(db, self.ops, self._report, get_program_settings(db), today)
        # First in line: the views read the program settings from the context.
        self.ops.changed.connect(self._read_program)
        self.views: dict[Role, PeopleView] = {}
        for role in Role:
            model = SignupTableModel(role, self.program.ladder, today, self)
            self.views[role] = PeopleView(self.ctx, model, self)
        self.attention = AttentionView(self.ctx, self)
        self.pairs = PairsView(self.ctx, self)
        self.board = BoardView(self.ctx, self)
        self.report_view = ReportView(self.ctx, self, settings=self._settings)
        self.mail = MailController(self.ctx, self._settings, self)
        self.outbox = self.mail.outbox
        self._build()
        self._connect_signals()
        self.ops.reload()
        self._restore_state()
        self.mail.show_recovered()
        self._update_actions()

    @property
    def program(self) -> ProgramSettings:
        return self.ctx.program

    # -- building --------------------------------------------------------------------------

    def _build(self) -> None:
        self.setWindowTitle(f"{APP_NAME} — {self._db_label()}")
        self.setWindowIcon(QIcon(":/ams/icons/app.svg"))
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(False)
        self.tabs.addTab(self.attention, QIcon(":/ams/icons/warning.svg"), "Needs attention")
        self.tabs.addTab(self.views[Role.MENTEE], QIcon(":/ams/icons/mentee.svg"), "Mentees")
        self.tabs.addTab(self.views[Role.MENTOR], QIcon(":/ams/icons/mentor.svg"), "Mentors")
        self.tabs.addTab(self.board, QIcon(":/ams/icons/board.svg"), "Matching board")
        self.tabs.addTab(self.pairs, QIcon(":/ams/icons/pair.svg"), "Pairs")
        self.tabs.addTab(self.report_view, QIcon(":/ams/icons/report.svg"), "Report")
        self.tabs.addTab(self.outbox, QIcon(":/ams/icons/mail.svg"), "Outbox")
        self.tab_fit = TabIconsFit(self.tabs)
        container = QWidget()
        layout = QVBoxLayout(container)
        layout.setContentsMargins(10, 10, 10, 6)
        layout.addWidget(self.tabs)
        self.setCentralWidget(container)

        self.new_action = QAction(QIcon(":/ams/icons/add.svg"), "&New sign-up…", self)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_action.setToolTip("Add a mentor or mentee (Ctrl+N)")
        self.edit_action = QAction(QIcon(":/ams/icons/edit.svg"), "&Edit…", self)
        self.edit_action.setShortcuts([QKeySequence("Ctrl+E"), QKeySequence("F2")])
        self.edit_action.setToolTip("Edit the selected sign-up (Ctrl+E, Enter)")
        self.withdraw_action = QAction(QIcon(":/ams/icons/withdraw.svg"), "&Withdraw", self)
        self.withdraw_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.withdraw_action.setToolTip("Mark the selected sign-ups withdrawn (Del)")
        self.reopen_action = QAction("Re&open", self)
        self.reopen_action.setToolTip("Set the selected withdrawn sign-ups back to open")
        self.undo_action = self.ops.undo_action(self)
        self.undo_action.setIcon(QIcon(":/ams/icons/undo.svg"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.ops.redo_action(self)
        self.redo_action.setIcon(QIcon(":/ams/icons/redo.svg"))
        self.redo_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Redo),
                                      QKeySequence("Ctrl+Y")])
        self.find_action = QAction("&Find", self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.refresh_action = QAction(QIcon(":/ams/icons/refresh.svg"), "Re&load", self)
        self.refresh_action.setShortcut(QKeySequence.StandardKey.Refresh)
        self.refresh_action.setToolTip("Reload from the database (F5)")
        self.import_action = QAction(QIcon(":/ams/icons/import.svg"), "&Import sign-ups…", self)
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_action.setToolTip("Import a sign-up sheet: Microsoft Forms, Google Forms, "
                                      "Excel or CSV (Ctrl+I)")
        self.settings_action = QAction("Program &settings…", self)
        # StandardKey.Preferences is Ctrl+, on macOS only; empty on Linux and Windows.
        self.settings_action.setShortcuts(
            list(dict.fromkeys([*QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences),
                                QKeySequence("Ctrl+,")])))
        self.settings_action.setToolTip("Deadlines, waiting limit, program year, seniority ladder")
        self.quit_action = QAction("&Quit", self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.history_action = QAction("&History…", self)
        self.history_action.setShortcut(QKeySequence("Ctrl+H"))
        self.history_action.setToolTip("All sign-ups and pairs of the selected person (Ctrl+H)")
        self.tab_actions = []
        titles = ("&Needs attention", "&Mentees", "M&entors", "Matching &board", "&Pairs",
                  "&Report", "&Outbox")
        for index, title in enumerate(titles):
            action = QAction(title, self)
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.setData(index)
            self.tab_actions.append(action)

        self.safety = DataSafety(self)
        add_toolbar_and_menus(self)

        self.count_label = QLabel()
        self.statusBar().addPermanentWidget(self.count_label)
        for view in self.views.values():
            view.table.addAction(self.edit_action)
            view.table.addAction(self.history_action)
            view.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    def _connect_signals(self) -> None:
        self.new_action.triggered.connect(self.new_signup)
        self.edit_action.triggered.connect(self.edit_selected)
        self.withdraw_action.triggered.connect(self.withdraw_selected)
        self.reopen_action.triggered.connect(self.reopen_selected)
        self.find_action.triggered.connect(self.focus_search)
        self.refresh_action.triggered.connect(self.ops.reload)
        self.quit_action.triggered.connect(self.close)
        self.settings_action.triggered.connect(self.edit_settings)
        self.import_action.triggered.connect(self.import_signups)
        for action in self.tab_actions:
            action.triggered.connect(self._on_tab_action)
        self.history_action.triggered.connect(self.show_history_of_selected)
        self.attention.pair_requested.connect(self.open_pair)
        self.attention.signup_requested.connect(self.open_signup)
        self.pairs.person_requested.connect(self.show_history)
        self.pairs.counts_changed.connect(self._update_counts)
        self.board.counts_changed.connect(self._update_counts)
        self.report_view.counts_changed.connect(self._update_counts)
        self.report_view.pair_requested.connect(self.open_pair)
        self.outbox.counts_changed.connect(self._update_counts)
        self.outbox.pair_requested.connect(self.open_pair)
        self.attention.reminder_requested.connect(self.mail.queue_reminder)
        self.attention.erase_requested.connect(self.safety.erase_signup)
        self.pairs.mail_settings_requested.connect(self.mail.edit_settings)
        for view in self.views.values():
            view.mail_settings_requested.connect(self.mail.edit_settings)
        self.ops.changed.connect(self._update_actions)  # last in line: after the views
        self.ops.noticed.connect(self._show_notice)
        self.tabs.currentChanged.connect(self._update_actions)
        for view in self.views.values():
            view.selection_changed.connect(self._update_actions)
            view.filters_changed.connect(self._update_counts)
            view.activated.connect(self.edit_selected)
            view.signup_added.connect(self._show_added)

    def settings_store(self) -> QSettings:
        """Where this window keeps the coordinator's own settings."""
        return self._settings

    def _db_label(self) -> str:
        path = self.db.sqlite_path
        return path.name if path else self.db.engine.url.render_as_string(hide_password=True)

    # -- state -----------------------------------------------------------------------------

    def _restore_state(self) -> None:
        s = self._settings
        geometry = s.value("main/geometry")
        if geometry:
            self.restoreGeometry(geometry)
        else:
            self.resize(1360, 800)
        state = s.value("main/state")
        if state:
            self.restoreState(state)
        for role, view in self.views.items():
            view.restore_header_state(s.value(f"main/header_{role.value}"))
        self.pairs.restore_state(s.value("main/header_pairs"), s.value("main/splitter_pairs"))
        self.board.restore_state(s.value("main/splitters_board"))
        self.report_view.restore_state(s.value("main/splitter_report"))
        self.outbox.restore_state(s.value("main/header_outbox"), s.value("main/splitter_outbox"))
        # The day starts with what needs attention; otherwise where the coordinator left off.
        start = 0 if self.attention.model.rowCount() else int(str(s.value("main/tab", 1) or 1))
        self.tabs.setCurrentIndex(start)
        shown = self.tabs.currentWidget()  # its table takes the keys, not nothing
        (getattr(shown, "table", None) or shown).setFocus(Qt.FocusReason.OtherFocusReason)

    def save_state(self) -> None:
        s = self._settings
        s.setValue("main/geometry", self.saveGeometry())
        s.setValue("main/state", self.saveState())
        s.setValue("main/tab", self.tabs.currentIndex())
        for role, view in self.views.items():
            s.setValue(f"main/header_{role.value}", view.header_state())
        header, splitter = self.pairs.save_state()
        s.setValue("main/header_pairs", header)
        s.setValue("main/splitter_pairs", splitter)
        s.setValue("main/splitters_board", self.board.save_state())
        s.setValue("main/splitter_report", self.report_view.save_state())
        header, splitter = self.outbox.save_state()
        s.setValue("main/header_outbox", header)
        s.setValue("main/splitter_outbox", splitter)
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.save_state()
        self.safety.close()
        super().closeEvent(event)

    # -- data ------------------------------------------------------------------------------

    def current_view(self) -> PeopleView:
        """The Mentees or Mentors view shown, or the Mentees view when another tab is."""
        widget = self.tabs.currentWidget()
        return widget if isinstance(widget, PeopleView) else self.views[Role.MENTEE]

    def _read_program(self, changes: Changes) -> None:
        if changes.touches_setting(PROGRAM_SETTINGS):
            self.ctx.program = get_program_settings(self.db)

    def reload(self) -> None:
        """Read everything from the store again (F5): the tab shown now, the others when shown."""
        self.ops.reload()

    def _update_counts(self) -> None:
        titles: dict[AttentionView | PairsView | PeopleView, str] = {
            self.attention: "Needs attention",
            self.pairs: "Pairs",
            **{view: ROLE_TITLES[role] for role, view in self.views.items()},
        }
        for tab, title in titles.items():
            # A tab read once keeps its count while a change waits for it to be shown.
            count = f"  ({tab.model.rowCount():,})" if tab.pending.read_once else ""
            self.tabs.setTabText(self.tabs.indexOf(tab), title + count)
        self.tabs.setTabText(self.tabs.indexOf(self.outbox), self.outbox.title())
        self.tab_fit.fit()
        widget = self.tabs.currentWidget()
        if widget is self.board:
            self.count_label.setText(self.board.status_text())
            return
        if widget is self.outbox:
            self.count_label.setText(self.outbox.status_text())
            return
        if widget is self.pairs:
            late = self.pairs.model.late_count()
            self.count_label.setText(
                f"{self.pairs.model.rowCount():,} pairs shown   ·   {late:,} late"
            )
            return
        if widget is self.report_view:
            self.count_label.setText(self.report_view.status_text())
            return
        if widget is self.attention:
            self.count_label.setText(
                f"{self.attention.model.rowCount():,} items need attention"
                f" on {self.ctx.today:%Y-%m-%d}"
            )
            return
        model = self.current_view().model
        counts = model.counts()
        total = len(model.all_rows())
        parts = [f"{model.rowCount():,} shown of {total:,} {ROLE_TITLES[model.role].lower()}"]
        parts += [f"{n:,} {s.value}" for s, n in counts.items() if n]
        self.count_label.setText("   ·   ".join(parts))

    def _update_actions(self) -> None:
        on_people = isinstance(self.tabs.currentWidget(), PeopleView)
        selected = self.current_view().selected_rows() if on_people else []
        self.history_action.setEnabled(len(selected) == 1)
        self.edit_action.setEnabled(len(selected) == 1)
        self.withdraw_action.setEnabled(
            any(r.status is not SignupStatus.WITHDRAWN for r in selected)
        )
        self.reopen_action.setEnabled(any(r.status is SignupStatus.WITHDRAWN for r in selected))
        if hasattr(self, "count_label"):
            self._update_counts()

    def _report(self, title: str, error: Exception) -> None:
        QMessageBox.warning(self, APP_NAME, f"{title}.\n\n{error}")

    # -- actions ---------------------------------------------------------------------------

    def focus_search(self) -> None:
        widget = self.tabs.currentWidget()
        if widget is self.attention:
            return
        edit = getattr(widget, "search_edit", None) or self.current_view().search_edit
        edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        edit.selectAll()

    def _on_tab_action(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            self.tabs.setCurrentIndex(int(action.data()))

    def open_pair(self, pair_id: int) -> None:
        """Show the Pairs tab with this pair's timeline."""
        self.tabs.setCurrentWidget(self.pairs)
        self.pairs.pending.flush()
        self.pairs.show_pair(pair_id)

    def open_signup(self, signup_id: int) -> None:
        """Show the sign-up in its table, widening the filters if needed."""
        for view in self.views.values():
            view.pending.flush()
            if any(r.signup_id == signup_id for r in view.model.all_rows()):
                self.tabs.setCurrentWidget(view)
                view.reveal(signup_id)
                return

    def _show_notice(self, text: str) -> None:
        self.statusBar().showMessage(text, 20_000)

    def import_signups(self) -> ImportWizard:
        """Open the import wizard; the tables refresh once it has written."""
        from ams_desk.gui.importing import ImportWizard

        wizard = ImportWizard(self.ctx, self)
        wizard.mail_settings_requested.connect(self.mail.edit_settings)
        wizard.open()
        return wizard

    def edit_settings(self) -> ProgramSettingsDialog:
        """Open the program settings; saving them is one undoable step."""

        base = [get_program_settings(self.db)]  # saving is refused if changed since

        def submit(new: ProgramSettings) -> None:
            self.ops.run("Change program settings", partial(settings_ops.save_program,
                                                            settings=new, base=base[0]))

        def reload() -> ProgramSettings:
            base[0] = get_program_settings(self.db)
            self.ops.changed.emit(Changes.of(settings=[PROGRAM_SETTINGS]))
            return base[0]

        dialog = ProgramSettingsDialog(base[0], submit, self, reload=reload)
        dialog.open()
        return dialog

    def show_history_of_selected(self) -> None:
        dialog = self.current_view().show_history_of_selected()
        if dialog is not None:
            dialog.email_requested.connect(self.open_email)

    def show_history(self, person_id: int) -> HistoryDialog:
        dialog = show_history(self.ctx, person_id, self)
        dialog.email_requested.connect(self.open_email)
        return dialog

    def open_email(self, outbox_id: int) -> None:
        """Show the Outbox with this email selected (from a person's History)."""
        self.tabs.setCurrentWidget(self.outbox)
        self.outbox.reveal(outbox_id)

    # The people actions act on the Mentees or Mentors tab shown (the Mentees one otherwise).

    def new_signup(self) -> SignupEditor:
        """Open the editor for a new sign-up of the current tab's role."""
        return self.current_view().new_signup()

    def edit_selected(self) -> SignupEditor | None:
        """Open the editor on the selected sign-up."""
        return self.current_view().edit_selected()

    def withdraw_selected(self) -> None:
        self.current_view().withdraw_selected()

    def reopen_selected(self) -> None:
        self.current_view().reopen_selected()

    def _show_added(self, role: Role, signup_id: int) -> None:
        view = self.views[role]
        self.tabs.setCurrentWidget(view)
        view.select_ids([signup_id])
