"""Dialogs of data safety: a damaged database, choosing a backup, confirming an erasure."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QIcon, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ams_desk.core.text import count
from ams_desk.store.backups import BackupInfo
from ams_desk.store.database_errors import DamagedDatabase

BACKUP_ROLE = Qt.ItemDataRole.UserRole + 1


def _size(size: int) -> str:
    return f"{size / 1e6:,.1f} MB" if size >= 100_000 else f"{size / 1e3:,.0f} kB"


def _people(backup: BackupInfo) -> str:
    if backup.people is None:
        return "unreadable"
    return f"{backup.people:,} {'person' if backup.people == 1 else 'people'}"


def backup_summary(backup: BackupInfo) -> str:
    return (f"{backup.created:%A %d %B %Y, %H:%M} · {_people(backup)} · {_size(backup.size)} · "
            f"{backup.reason_text}")


class BackupTable(QTableView):
    """The backups of a database, newest first: date, people, size, why it was made."""

    def __init__(self, backups: list[BackupInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = QStandardItemModel(0, 4, self)
        self.source.setHorizontalHeaderLabels(["Made on", "People", "Size", "Why"])
        for backup in backups:
            cells = [
                QStandardItem(f"{backup.created:%Y-%m-%d %H:%M}"),
                QStandardItem(_people(backup)),
                QStandardItem(_size(backup.size)),
                QStandardItem(backup.reason_text),
            ]
            for cell in cells:
                cell.setEditable(False)
                cell.setData(backup, BACKUP_ROLE)
                cell.setToolTip(str(backup.path))
            cells[1].setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            cells[2].setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.source.appendRow(cells)
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self.source)
        self.setModel(proxy)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.verticalHeader().hide()
        self.setAlternatingRowColors(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        if backups:
            self.selectRow(0)

    def selected(self) -> BackupInfo | None:
        rows = self.selectionModel().selectedRows()
        if not rows:
            return None
        backup = rows[0].data(BACKUP_ROLE)
        return backup if isinstance(backup, BackupInfo) else None


class RestoreDialog(QDialog):
    """File → Restore from backup…: pick a backup; the current file is backed up first."""

    def __init__(
        self, backups: list[BackupInfo], db_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore from backup")
        self.setMinimumSize(640, 380)
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"Choose the backup to put in place of <b>{escape(db_name)}</b>. The database as it "
            "is now is backed up first, so a restore can itself be undone by restoring that "
            "backup. People erased since the backup was made are erased again."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = BackupTable(backups, self)
        layout.addWidget(self.table, 1)
        if not backups:
            layout.addWidget(QLabel("There are no backups of this database yet."))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = QPushButton(QIcon(":/ams/icons/undo.svg"), "&Restore")
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.table.doubleClicked.connect(self.accept)
        self.table.selectionModel().selectionChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        self.restore_button.setEnabled(self.table.selected() is not None)

    def chosen(self) -> BackupInfo | None:
        return self.table.selected()


class DamagedDialog(QDialog):
    """The database is damaged: it was not changed; offer the newest good backup."""

    RESTORE, CHOOSE, QUIT = 1, 2, 0

    def __init__(self, problem: DamagedDatabase, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("AMS Desk — the database is damaged")
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        title = QLabel(f"<h3>{escape(problem.path.name)} is damaged</h3>")
        layout.addWidget(title)
        backup = problem.backup
        if backup is not None:
            offer = (f"<p>The newest good backup is from <b>{backup.created:%A %d %B %Y, %H:%M}"
                     f"</b> ({escape(_people(backup))}, {escape(backup.reason_text)}). Restoring "
                     "it keeps the damaged file beside it, renamed, for a specialist.</p>")
        else:
            offer = ("<p>There is no good backup beside it. Choose a backup file you keep "
                     "elsewhere, or quit and ask for help; the damaged file is kept.</p>")
        text = QLabel(
            f"<p>AMS Desk did not open it and wrote nothing to it ({escape(problem.reason)}).</p>"
            + offer
            + f"<p style='color:#5c6670'>{escape(str(problem.path))}</p>"
        )
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(text)
        buttons = QDialogButtonBox()
        if backup is not None:
            restore = buttons.addButton("&Restore this backup",
                                        QDialogButtonBox.ButtonRole.AcceptRole)
            restore.setDefault(True)
            restore.clicked.connect(lambda: self.done(self.RESTORE))
        choose = buttons.addButton("&Choose a backup…", QDialogButtonBox.ButtonRole.ActionRole)
        choose.clicked.connect(lambda: self.done(self.CHOOSE))
        quit_button = buttons.addButton("&Quit", QDialogButtonBox.ButtonRole.RejectRole)
        quit_button.clicked.connect(lambda: self.done(self.QUIT))
        layout.addWidget(buttons)


class EraseDialog(QDialog):
    """Confirm erasing a person for good; the Erase button waits for a tick."""

    def __init__(
        self, name: str, email: str, signups: int, pairs: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Erase a person")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<h3>Erase {escape(name)} for good?</h3>"))
        removed = ["their details", f"the text of their {count(signups, 'sign-up')}"]
        if pairs:  # "the notes on their 0 pairs" read as if something were missing
            removed.append(f"the notes on their {count(pairs, 'pair')}")
        kept = (" The pairs stay as anonymous counts, so past reports keep their figures."
                if pairs else "")
        text = QLabel(
            f"<p>Everything stored about <b>{escape(name)}</b> &lt;{escape(email)}&gt; is "
            f"removed: {', '.join(removed)} and the emails to them.{kept}</p>"
            "<p>This cannot be undone. A backup is made first; if it is ever restored, "
            f"{escape(name)} is erased from it again.</p>"
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        self.confirm = QCheckBox(f"I understand that {name} cannot be brought back")
        layout.addWidget(self.confirm)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.erase_button = QPushButton("&Erase for good")
        self.erase_button.setObjectName("dangerButton")
        self.erase_button.setEnabled(False)
        self.erase_button.setAutoDefault(False)  # Enter must never erase: Cancel is the default
        buttons.addButton(self.erase_button, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.confirm.toggled.connect(self.erase_button.setEnabled)
        layout.addWidget(buttons)
