"""One tab of the main window: the Mentors or the Mentees table, its filters and actions."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QByteArray, QItemSelectionModel, QPoint, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHeaderView,
    QMainWindow,
    QMenu,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ams_desk import APP_NAME
from ams_desk.core.model import SignupStatus
from ams_desk.core.validation import PersonInput, SignupInput
from ams_desk.gui.context import AppContext
from ams_desk.gui.history_dialog import HistoryDialog
from ams_desk.gui.mail.offer import EmailOffer, added_signup, offer_signup_email, queue_with_signup
from ams_desk.gui.refresh import PendingChanges
from ams_desk.gui.signup_editor import SignupEditor, Submit
from ams_desk.gui.signup_model import STATUS_TEXT, SignupTableModel
from ams_desk.gui.table_model import ROW_ROLE
from ams_desk.gui.widgets import EmptyNote, filter_bar, make_search_edit, make_table, search_timer
from ams_desk.mail.listing import outbox_entries
from ams_desk.store.changes import PROGRAM_SETTINGS, Changes
from ams_desk.store.ops import signups
from ams_desk.store.pair_rows import person_history
from ams_desk.store.people import (
    DuplicatePersonError,
    SignupListRow,
    get_signup,
    list_signups,
    person_input,
    program_years,
    signup_input,
)

STATUS_FILTERS: list[tuple[str, frozenset[SignupStatus] | None]] = [
    ("Open and matched", frozenset({SignupStatus.OPEN, SignupStatus.MATCHED})),
    ("All statuses", None),
    *[(text, frozenset({status})) for status, text in STATUS_TEXT.items()],
]


class PeopleView(QWidget):
    """A filter bar over a table of sign-ups, and the actions on them.

    Signals:
        selection_changed: The selected rows changed.
        activated: A row was double-clicked or Enter was pressed on it.
        filters_changed: The shown rows changed (filter or search).
        signup_added(object, int): A sign-up of this role (a :class:`Role`) and id was
            added; the window shows it.
        mail_settings_requested: The new sign-up's email needs the mail settings first.
    """

    selection_changed = Signal()
    activated = Signal()
    filters_changed = Signal()
    signup_added = Signal(object, int)
    mail_settings_requested = Signal()

    def __init__(
        self, ctx: AppContext, model: SignupTableModel, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = model
        self.pending = PendingChanges(self, self._wants, self._refresh)
        self._build()
        self._connect_signals()

    def _build(self) -> None:
        self.year_combo = QComboBox()
        self.year_combo.setAccessibleName("Program year")
        self.year_combo.setMinimumContentsLength(9)
        self.status_combo = QComboBox()
        self.status_combo.setAccessibleName("Status")
        for text, statuses in STATUS_FILTERS:
            self.status_combo.addItem(text, statuses)
        self.model.set_statuses(self.status_combo.currentData())
        self.search_edit = make_search_edit("Search name, email, project, topic…   (Ctrl+F)")
        self._search_timer = search_timer(self)
        bar = filter_bar(
            [("Program &year", self.year_combo), ("&Status", self.status_combo)], self.search_edit
        )

        self.table = make_table(self.model, multi_select=True)
        header = self.table.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.setToolTip("Click to sort; drag to reorder; right-click to show or hide columns")
        _lead_with(header, self.model, LEADING_COLUMNS)

        self.empty_note = EmptyNote(self.table, self._empty_reason)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

    def _empty_reason(self) -> str:
        """Why no row is shown, in the coordinator's words."""
        kind = self.model.role.value
        search = self.search_edit.text().strip()
        # "Open and matched" (the first choice) is the usual view, not a narrowing.
        narrowed = self.year_combo.currentData() is not None or self.status_combo.currentIndex() > 1
        if search:
            return f"No {kind} matches “{search}”" + (" with these filters." if narrowed else ".")
        if self.model.all_rows():
            return f"No {kind} matches these filters."
        if not self.pending.loaded:
            return ""
        return f"No {kind}s yet: add one with New sign-up (Ctrl+N) or import a sheet (Ctrl+I)."

    def _connect_signals(self) -> None:
        self.year_combo.currentIndexChanged.connect(self._on_year_changed)
        self.status_combo.currentIndexChanged.connect(self._on_status_changed)
        self.search_edit.textChanged.connect(self._search_timer.start)
        self._search_timer.timeout.connect(self._on_search)
        self.table.selectionModel().selectionChanged.connect(self.selection_changed)
        self.table.doubleClicked.connect(self.activated)
        self.table.activated.connect(self.activated)
        self.model.modelReset.connect(self.selection_changed)
        self.table.horizontalHeader().customContextMenuRequested.connect(self._on_header_menu)
        self.ctx.ops.changed.connect(self.apply_changes)

    def _on_header_menu(self, position: QPoint) -> None:
        header = self.table.horizontalHeader()
        menu = QMenu(self)
        menu.setTitle("Columns")
        for column in range(self.model.columnCount()):
            title = self.model.headerData(column, Qt.Orientation.Horizontal)
            action = menu.addAction(title)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.setData(column)
            # The name column always stays, so a row can be recognised.
            action.setEnabled(column != 0)
        chosen = menu.exec(header.mapToGlobal(position))
        if chosen is not None:
            header.setSectionHidden(int(chosen.data()), not chosen.isChecked())

    # -- refresh ---------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        self.pending.flush()  # what changed while the tab was hidden
        super().showEvent(event)

    def apply_changes(self, changes: Changes) -> None:
        """Read the sign-ups again when the change touches sign-ups, people or the ladder."""
        self.pending.add(changes)

    @staticmethod
    def _wants(changes: Changes) -> bool:
        return bool(changes.signups or changes.people) or changes.touches_setting(
            PROGRAM_SETTINGS)

    def _refresh(self, changes: Changes) -> None:
        selected, current = self.selected_ids(), self.current_id()
        db, role = self.ctx.db, self.model.role
        if _partial(changes) and not changes.touches_setting(PROGRAM_SETTINGS):
            # Only the rows touched: of a sign-up changed, or of a person changed.
            rows = list_signups(db, role, signup_ids=changes.signups, person_ids=changes.people)
            gone = set(changes.signups) | {
                r.signup_id for r in self.model.all_rows() if r.person_id in changes.people}
            self.model.replace_rows(rows, _signup_id, gone)
        else:
            self.model.set_ladder(self.ctx.program.ladder)
            self.model.set_rows(list_signups(db, role))
        self.set_years(program_years(db))
        self.select_ids(selected, current)

    # -- filters ---------------------------------------------------------------------------

    def set_years(self, years: list[int]) -> None:
        """Offer ``years`` in the year filter, keeping the current choice when possible."""
        current = self.year_combo.currentData()
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        self.year_combo.addItem("All years", None)
        for year in years:
            self.year_combo.addItem(str(year), year)
        index = self.year_combo.findData(current)
        self.year_combo.setCurrentIndex(max(index, 0))
        self.year_combo.blockSignals(False)
        self.model.set_year(self.year_combo.currentData())

    def _on_year_changed(self) -> None:
        self._keep_selection(lambda: self.model.set_year(self.year_combo.currentData()))

    def _on_status_changed(self) -> None:
        self._keep_selection(lambda: self.model.set_statuses(self.status_combo.currentData()))

    def _on_search(self) -> None:
        self._keep_selection(lambda: self.model.set_search(self.search_edit.text()))

    def apply_search_now(self) -> None:
        """Refilter without waiting for the typing pause (tests, Enter key)."""
        self._search_timer.stop()
        self._on_search()

    def _keep_selection(self, change: object) -> None:
        selected = self.selected_ids()
        current = self.current_id()
        change()  # type: ignore[operator]
        self.select_ids(selected, current)
        self.filters_changed.emit()

    # -- selection -------------------------------------------------------------------------

    def selected_rows(self) -> list[SignupListRow]:
        rows = self.table.selectionModel().selectedRows()
        return [self.model.data(index, ROW_ROLE) for index in sorted(rows, key=lambda i: i.row())]

    def selected_ids(self) -> list[int]:
        return [row.signup_id for row in self.selected_rows()]

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.data(index, ROW_ROLE).signup_id if index.isValid() else None

    def select_ids(self, ids: list[int], current: int | None = None) -> None:
        """Select the rows of ``ids`` that are shown, and scroll to the current one."""
        selection = self.table.selectionModel()
        selection.clearSelection()
        wanted = set(ids)
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        if not wanted:
            return
        for row, item in enumerate(self.model.rows_shown()):
            if item.signup_id in wanted:
                selection.select(self.model.index(row, 0), flags)
        focus = current if current in wanted else next(iter(ids))
        row = self.model.find_row(lambda r: r.signup_id == focus)
        if row >= 0:
            index = self.model.index(row, 0)
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.table.scrollTo(index)

    def reveal(self, signup_id: int) -> None:
        """Select the sign-up, clearing filters that hide it."""
        if self.model.find_row(lambda r: r.signup_id == signup_id) < 0:
            self.search_edit.clear()
            self.apply_search_now()
            self.year_combo.setCurrentIndex(0)
            self.status_combo.setCurrentIndex(self.status_combo.findText("All statuses"))
        self.select_ids([signup_id], signup_id)
        self.table.setFocus()

    # -- actions ---------------------------------------------------------------------------

    def _editor(self, submit: Submit, **kwargs: object) -> SignupEditor:
        program = self.ctx.program
        return SignupEditor(submit, program.ladder, year_start_month=program.year_start_month,
                            today=self.ctx.today, parent=self.window(), **kwargs)  # type: ignore[arg-type]

    def new_signup(self) -> SignupEditor:
        """Open the editor for a new sign-up of this view's role, offering its email."""

        def submit(person: PersonInput, signup: SignupInput) -> None:
            self._submit_new(person, signup, offer)

        dialog = self._editor(submit, role=self.model.role)
        offer = offer_signup_email(self.ctx, dialog)
        offer.settings_requested.connect(self.mail_settings_requested)
        dialog.open()
        return dialog

    def _submit_new(self, person: PersonInput, signup: SignupInput,
                    email: EmailOffer | None = None) -> None:
        text = f"Add {person.name}"
        try:
            added = added_signup(self.ctx.ops.run(text, queue_with_signup(
                partial(signups.add, person=person, signup=signup), email)))
        except DuplicatePersonError as duplicate:
            answer = QMessageBox.question(
                self.window(),
                APP_NAME,
                f"{duplicate.existing.email} already belongs to {duplicate.existing.name}.\n\n"
                f"Add this {signup.role.value} sign-up to {duplicate.existing.name} and update "
                "their details with what you entered?",
            )
            if answer != QMessageBox.StandardButton.Yes:
                raise
            added = added_signup(self.ctx.ops.run(text, queue_with_signup(
                partial(signups.add, person=person, signup=signup,
                        existing_person_id=duplicate.existing.id), email)))
        self.signup_added.emit(signup.role, added.signup_id)

    def edit_selected(self) -> SignupEditor | None:
        """Open the editor on the selected sign-up."""
        selected = self.selected_ids()
        if len(selected) != 1:
            return None
        signup_id = selected[0]
        # What the editor was opened on: saving is refused if someone changed it since.
        base = [get_signup(self.ctx.db, signup_id)]
        person, signup = base[0]

        def submit(new_person: PersonInput, new_signup: SignupInput) -> None:
            self.ctx.ops.run(f"Edit {new_person.name}", partial(
                signups.edit, signup_id=signup_id, person=new_person, signup=new_signup,
                base=base[0]))

        def reload() -> tuple[PersonInput, SignupInput]:
            base[0] = get_signup(self.ctx.db, signup_id)
            self.ctx.ops.changed.emit(Changes.of(signups=[signup_id], people=[base[0][0].id]))
            return person_input(base[0][0]), signup_input(base[0][1])

        dialog = self._editor(submit, person=person_input(person), signup=signup_input(signup),
                              reload=reload)
        dialog.open()
        return dialog

    def _set_status(self, status: SignupStatus, verb: str) -> None:
        rows = [r for r in self.selected_rows() if r.status is not status]
        if not rows:
            return
        text = f"{verb} {rows[0].name}" if len(rows) == 1 else f"{verb} {len(rows)} sign-ups"
        try:
            self.ctx.ops.run(text, partial(signups.set_statuses,
                                           statuses={r.signup_id: status for r in rows}))
        except Exception as exc:  # noqa: BLE001 - shown to the coordinator
            self.ctx.report(f"Could not {verb.lower()}", exc)
            return
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(f"{text}. Undo with Ctrl+Z.", 6000)

    def withdraw_selected(self) -> None:
        self._set_status(SignupStatus.WITHDRAWN, "Withdraw")

    def reopen_selected(self) -> None:
        self._set_status(SignupStatus.OPEN, "Reopen")

    def show_history_of_selected(self) -> HistoryDialog | None:
        selected = self.selected_rows()
        if len(selected) != 1:
            return None
        return show_history(self.ctx, selected[0].person_id, self.window())

    # -- state -----------------------------------------------------------------------------

    def header_state(self) -> QByteArray:
        return self.table.horizontalHeader().saveState()

    def restore_header_state(self, state: QByteArray | None) -> None:
        if state:
            self.table.horizontalHeader().restoreState(state)


LEADING_COLUMNS = ("Name", "Position", "Places", "Status", "Waiting", "Signed up", "Year")
"""Shown first (until the coordinator reorders them): what a narrow window must not hide."""


def _lead_with(header: QHeaderView, model: SignupTableModel, titles: tuple[str, ...]) -> None:
    """Move the columns named ``titles`` to the front, in that order (the model keeps its own)."""
    horizontal = Qt.Orientation.Horizontal
    logical = {model.headerData(c, horizontal): c for c in range(model.columnCount())}
    for place, column in enumerate(logical[t] for t in titles if t in logical):
        header.moveSection(header.visualIndex(column), place)


PARTIAL_LIMIT = 500
"""Above this many sign-ups and people changed, a table reads all its rows again."""


def _partial(changes: Changes) -> bool:
    return not changes.everything and len(changes.signups) + len(changes.people) <= PARTIAL_LIMIT


def _signup_id(row: SignupListRow) -> int:
    return row.signup_id


def show_history(ctx: AppContext, person_id: int, parent: QWidget) -> HistoryDialog:
    """Open the page of every sign-up, pair and email of the person."""
    dialog = HistoryDialog(person_history(ctx.db, person_id), parent,
                           outbox_entries(ctx.db, person_id=person_id))
    dialog.open()
    return dialog


__all__ = ["STATUS_FILTERS", "PeopleView", "show_history"]
