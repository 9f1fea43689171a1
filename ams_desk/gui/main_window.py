"""The main window: Mentors and Mentees tables, the toolbar, undo, and remembered state."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QToolBar,
    QWidget,
)

from ams_desk import APP_NAME
from ams_desk.core.model import Role, SignupStatus
from ams_desk.core.validation import PersonInput, SignupInput
from ams_desk.gui.commands import AddSignupCommand, EditSignupCommand, SetStatusCommand
from ams_desk.gui.people_view import PeopleView
from ams_desk.gui.signup_editor import SignupEditor
from ams_desk.gui.signup_model import SignupTableModel
from ams_desk.store.database import Database
from ams_desk.store.people import (
    DuplicatePersonError,
    add_signup,
    get_signup,
    list_signups,
    person_input,
    program_years,
    set_signup_statuses,
    signup_input,
    update_signup,
)
from ams_desk.store.settings import ProgramSettings, get_program_settings

ROLE_TITLES = {Role.MENTOR: "Mentors", Role.MENTEE: "Mentees"}


class MainWindow(QMainWindow):
    """The coordinator's main window.

    Signals:
        data_changed: Stored data changed; every view reloads from the store.
    """

    data_changed = Signal()

    def __init__(self, db: Database, *, today: date | None = None,
                 settings: QSettings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self._settings = settings or QSettings()
        self.program: ProgramSettings = get_program_settings(db)
        self.undo_stack = QUndoStack(self)
        self.views: dict[Role, PeopleView] = {}
        for role in Role:
            model = SignupTableModel(role, self.program.ladder, today, self)
            self.views[role] = PeopleView(model, self)
        self._build()
        self._connect_signals()
        self.reload()
        self._restore_state()
        self._update_actions()

    # -- building --------------------------------------------------------------------------

    def _build(self) -> None:
        self.setWindowTitle(f"{APP_NAME} — {self._db_label()}")
        self.setWindowIcon(QIcon(":/ams/icons/app.svg"))
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(False)
        self.tabs.addTab(self.views[Role.MENTEE], QIcon(":/ams/icons/mentee.svg"), "Mentees")
        self.tabs.addTab(self.views[Role.MENTOR], QIcon(":/ams/icons/mentor.svg"), "Mentors")
        self.tabs.setContentsMargins(8, 8, 8, 8)
        container = QWidget()
        from PySide6.QtWidgets import QVBoxLayout

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
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setIcon(QIcon(":/ams/icons/undo.svg"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setIcon(QIcon(":/ams/icons/redo.svg"))
        self.redo_action.setShortcuts([QKeySequence.StandardKey.Redo, QKeySequence("Ctrl+Y")])
        self.find_action = QAction("&Find", self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.refresh_action = QAction(QIcon(":/ams/icons/refresh.svg"), "Re&load", self)
        self.refresh_action.setShortcut(QKeySequence.StandardKey.Refresh)
        self.refresh_action.setToolTip("Reload from the database (F5)")
        self.quit_action = QAction("&Quit", self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.mentees_action = QAction("&Mentees", self)
        self.mentees_action.setShortcut(QKeySequence("Ctrl+1"))
        self.mentors_action = QAction("M&entors", self)
        self.mentors_action.setShortcut(QKeySequence("Ctrl+2"))

        toolbar = QToolBar("Main", self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in (self.new_action, self.edit_action, self.withdraw_action):
            toolbar.addAction(action)
        toolbar.addSeparator()
        toolbar.addAction(self.undo_action)
        toolbar.addAction(self.redo_action)
        toolbar.addSeparator()
        toolbar.addAction(self.refresh_action)
        self.addToolBar(toolbar)

        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        file_menu.addAction(self.refresh_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = menu.addMenu("&Edit")
        for action in (self.undo_action, self.redo_action):
            edit_menu.addAction(action)
        edit_menu.addSeparator()
        for action in (self.new_action, self.edit_action, self.withdraw_action,
                       self.reopen_action):
            edit_menu.addAction(action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)
        view_menu = menu.addMenu("&View")
        view_menu.addAction(self.mentees_action)
        view_menu.addAction(self.mentors_action)

        self.count_label = QLabel()
        self.statusBar().addPermanentWidget(self.count_label)
        for view in self.views.values():
            view.table.addAction(self.edit_action)

    def _connect_signals(self) -> None:
        self.new_action.triggered.connect(self.new_signup)
        self.edit_action.triggered.connect(self.edit_selected)
        self.withdraw_action.triggered.connect(self.withdraw_selected)
        self.reopen_action.triggered.connect(self.reopen_selected)
        self.find_action.triggered.connect(self.focus_search)
        self.refresh_action.triggered.connect(self.reload)
        self.quit_action.triggered.connect(self.close)
        self.mentees_action.triggered.connect(self._show_mentees)
        self.mentors_action.triggered.connect(self._show_mentors)
        self.data_changed.connect(self.reload)
        self.tabs.currentChanged.connect(self._update_actions)
        for view in self.views.values():
            view.selection_changed.connect(self._update_actions)
            view.filters_changed.connect(self._update_counts)
            view.activated.connect(self.edit_selected)

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
        self.tabs.setCurrentIndex(int(s.value("main/tab", 0) or 0))

    def save_state(self) -> None:
        s = self._settings
        s.setValue("main/geometry", self.saveGeometry())
        s.setValue("main/state", self.saveState())
        s.setValue("main/tab", self.tabs.currentIndex())
        for role, view in self.views.items():
            s.setValue(f"main/header_{role.value}", view.header_state())
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.save_state()
        super().closeEvent(event)

    # -- data ------------------------------------------------------------------------------

    def current_view(self) -> PeopleView:
        widget = self.tabs.currentWidget()
        assert isinstance(widget, PeopleView)
        return widget

    def reload(self) -> None:
        """Reload every table from the store, keeping selections and filters."""
        rows = list_signups(self.db)
        years = program_years(self.db)
        for role, view in self.views.items():
            selected, current = view.selected_ids(), view.current_id()
            view.model.set_rows([r for r in rows if r.role is role])
            view.set_years(years)
            view.select_ids(selected, current)
        self._update_counts()
        self._update_actions()

    def _update_counts(self) -> None:
        for index, role in enumerate((Role.MENTEE, Role.MENTOR)):
            model = self.views[role].model
            self.tabs.setTabText(index, f"{ROLE_TITLES[role]}  ({model.rowCount()})")
        model = self.current_view().model
        counts = model.counts()
        total = len(model.all_rows())
        parts = [f"{model.rowCount():,} shown of {total:,} {ROLE_TITLES[model.role].lower()}"]
        parts += [f"{n:,} {s.value}" for s, n in counts.items() if n]
        self.count_label.setText("   ·   ".join(parts))

    def _update_actions(self) -> None:
        selected = self.current_view().selected_rows()
        self.edit_action.setEnabled(len(selected) == 1)
        self.withdraw_action.setEnabled(
            any(r.status is not SignupStatus.WITHDRAWN for r in selected))
        self.reopen_action.setEnabled(any(r.status is SignupStatus.WITHDRAWN for r in selected))
        if hasattr(self, "count_label"):
            self._update_counts()

    def _report(self, title: str, error: Exception) -> None:
        QMessageBox.warning(self, APP_NAME, f"{title}.\n\n{error}")

    # -- actions ---------------------------------------------------------------------------

    def focus_search(self) -> None:
        edit = self.current_view().search_edit
        edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        edit.selectAll()

    def _show_mentees(self) -> None:
        self.tabs.setCurrentWidget(self.views[Role.MENTEE])

    def _show_mentors(self) -> None:
        self.tabs.setCurrentWidget(self.views[Role.MENTOR])

    def _editor(self, submit: object, **kwargs: object) -> SignupEditor:
        return SignupEditor(submit, self.program.ladder,  # type: ignore[arg-type]
                            year_start_month=self.program.year_start_month, parent=self,
                            **kwargs)  # type: ignore[arg-type]

    def new_signup(self) -> SignupEditor:
        """Open the editor for a new sign-up of the current tab's role."""
        dialog = self._editor(self._submit_new, role=self.current_view().model.role)
        dialog.open()
        return dialog

    def _submit_new(self, person: PersonInput, signup: SignupInput) -> None:
        try:
            added = add_signup(self.db, person, signup)
        except DuplicatePersonError as duplicate:
            answer = QMessageBox.question(
                self, APP_NAME,
                f"{duplicate.existing.email} already belongs to {duplicate.existing.name}.\n\n"
                f"Add this {signup.role.value} sign-up to {duplicate.existing.name} and update "
                "their details with what you entered?",
            )
            if answer != QMessageBox.StandardButton.Yes:
                raise
            added = add_signup(self.db, person, signup, existing_person_id=duplicate.existing.id)
        self.undo_stack.push(AddSignupCommand(self.db, added, person, signup,
                                              self._report, self.data_changed.emit))
        self.data_changed.emit()
        view = self.views[signup.role]
        self.tabs.setCurrentWidget(view)
        view.select_ids([added.signup_id])

    def edit_selected(self) -> SignupEditor | None:
        """Open the editor on the selected sign-up."""
        selected = self.current_view().selected_ids()
        if len(selected) != 1:
            return None
        signup_id = selected[0]
        person, signup = get_signup(self.db, signup_id)

        def submit(new_person: PersonInput, new_signup: SignupInput) -> None:
            old = update_signup(self.db, signup_id, new_person, new_signup)
            self.undo_stack.push(EditSignupCommand(
                self.db, signup_id, (new_person, new_signup), old, self._report,
                self.data_changed.emit))
            self.data_changed.emit()

        dialog = self._editor(submit, person=person_input(person), signup=signup_input(signup))
        dialog.open()
        return dialog

    def _set_status(self, status: SignupStatus, verb: str) -> None:
        rows = [r for r in self.current_view().selected_rows() if r.status is not status]
        if not rows:
            return
        try:
            previous = set_signup_statuses(self.db, {r.signup_id: status for r in rows})
        except Exception as exc:  # noqa: BLE001 - shown to the coordinator
            self._report(f"Could not {verb.lower()}", exc)
            return
        text = f"{verb} {rows[0].name}" if len(rows) == 1 else f"{verb} {len(rows)} sign-ups"
        changes = {i: (old, status) for i, old in previous.items()}
        self.undo_stack.push(SetStatusCommand(text, self.db, changes, self._report,
                                              self.data_changed.emit))
        self.data_changed.emit()
        self.statusBar().showMessage(f"{text}. Undo with Ctrl+Z.", 6000)

    def withdraw_selected(self) -> None:
        self._set_status(SignupStatus.WITHDRAWN, "Withdraw")

    def reopen_selected(self) -> None:
        self._set_status(SignupStatus.OPEN, "Reopen")
