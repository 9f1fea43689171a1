"""The Outbox tab: every email with its state, the stored message beside it, and its actions.

Sending runs off the GUI thread (:mod:`ams_desk.gui.mail.sending`) with a
progress bar and Cancel. The preview shows the stored bytes read back —
headers and body exactly as the server will receive them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QByteArray, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QAction, QFontDatabase, QIcon, QKeySequence
from PySide6.QtWidgets import QWidget

from ams_desk.core.outbox import OUTBOX_STATE_LABELS, OutboxState
from ams_desk.gui.context import AppContext
from ams_desk.gui.forms.ui_outbox_view import Ui_OutboxView
from ams_desk.gui.mail.message_editor import MessageEditor
from ams_desk.gui.mail.outbox_model import WAITING, OutboxTableModel, counts_text
from ams_desk.gui.mail.preview import message_plain_text, read_message
from ams_desk.gui.mail.sending import SendController
from ams_desk.gui.refresh import PendingChanges
from ams_desk.gui.table_model import ROW_ROLE
from ams_desk.gui.widgets import BusyBar, clear_on_escape, search_timer, setup_table
from ams_desk.mail import ops as mail_ops
from ams_desk.mail import step_ops
from ams_desk.mail.listing import OutboxEntry, outbox_entries
from ams_desk.store.changes import Changes

STATE_FILTERS: list[tuple[str, frozenset[OutboxState] | None]] = [
    ("Waiting to go", WAITING),
    ("All emails", None),
    *[(label, frozenset({state})) for state, label in OUTBOX_STATE_LABELS.items()],
]


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"


class OutboxView(QWidget):
    """The outbox: filter, search, the messages, the selected message as stored, and actions.

    Signals:
        counts_changed: The number of messages in some state changed (the tab title).
        pair_requested(int): Show this pair's timeline.
    """

    counts_changed = Signal()
    pair_requested = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ui = Ui_OutboxView()
        self.ui.setupUi(self)
        self.model = OutboxTableModel(self)
        self.table = setup_table(self.ui.table, self.model, multi_select=True)
        self.search_edit = self.ui.searchEdit
        self.search_edit.addAction(QIcon(":/ams/icons/search.svg"),
                                   self.search_edit.ActionPosition.LeadingPosition)
        clear_on_escape(self.search_edit)
        self._search_timer = search_timer(self)
        self.sending = SendController(ctx, self)
        self.busy = BusyBar()
        self.busy.cancel_button.setToolTip("Stop after the email being sent now")
        bar = self.ui.actionBar
        position = bar.indexOf(self.ui.busyPlace)
        bar.replaceWidget(self.ui.busyPlace, self.busy)
        self.ui.busyPlace.deleteLater()
        bar.insertStretch(position + 1, 1)  # the other buttons keep to the right
        self.pending = PendingChanges(self, self._wants, self._refresh, eager=True)
        self._build()
        self._make_actions()
        self._connect_signals()
        self._show_current()

    # -- building --------------------------------------------------------------------------

    def _build(self) -> None:
        ui = self.ui
        for text, states in STATE_FILTERS:
            ui.stateCombo.addItem(text, states)
        ui.previewTitle.setObjectName("headingLabel")
        ui.previewTitle.setTextFormat(Qt.TextFormat.RichText)
        ui.previewState.setObjectName("filterLabel")
        ui.previewText.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        # Lines as they are in the message: no wrapping that is not in the bytes.
        ui.previewText.setLineWrapMode(ui.previewText.LineWrapMode.NoWrap)
        ui.splitter.setStretchFactor(0, 3)
        ui.splitter.setStretchFactor(1, 2)
        ui.splitter.setSizes([780, 520])
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    def _action(self, text: str, tip: str, slot: Callable[[], Any],
                shortcuts: tuple[str | QKeySequence.StandardKey, ...] = (),
                icon: str = "") -> QAction:
        action = QAction(QIcon(icon) if icon else QIcon(), text, self)
        action.setToolTip(tip)
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
        # The shortcuts work while the Outbox is on screen; other tabs keep theirs.
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        ui = self.ui
        self.send_selected_action = self._action(
            "Se&nd selected", "Send the selected queued emails now (Ctrl+Enter)",
            self.send_selected, ("Ctrl+Return", "Ctrl+Enter"), ":/ams/icons/send.svg")
        self.send_all_action = self._action(
            "Send &all queued", "Send every queued email (Ctrl+Shift+Enter)", self.send_all,
            ("Ctrl+Shift+Return", "Ctrl+Shift+Enter"), ":/ams/icons/send.svg")
        self.edit_action = self._action(
            "&Edit queued email…", "Change the subject or the text of the selected queued "
            "email (Ctrl+E, Enter)", self.edit_selected, ("Ctrl+E", "F2"),
            ":/ams/icons/edit.svg")
        self.cancel_action = self._action(
            "&Cancel email", "Do not send the selected emails (Del)", self.cancel_selected,
            (QKeySequence.StandardKey.Delete,))
        self.retry_action = self._action(
            "&Retry failed", "Queue the selected failed emails again (Ctrl+R)",
            self.retry_selected, ("Ctrl+R",))
        self.arrived_action = self._action(
            "It arri&ved", "You checked: the selected unconfirmed email reached its recipient",
            self.confirm_arrived)
        self.resend_action = self._action(
            "Send a&gain", "Queue the selected unconfirmed email again, with the same "
            "Message-ID", self.send_again)
        buttons = ((ui.sendSelectedButton, self.send_selected_action),
                   (ui.sendAllButton, self.send_all_action), (ui.editButton, self.edit_action),
                   (ui.cancelButton, self.cancel_action), (ui.retryButton, self.retry_action),
                   (ui.arrivedButton, self.arrived_action),
                   (ui.resendButton, self.resend_action))
        for button, action in buttons:
            button.setToolTip(action.toolTip())
            button.clicked.connect(action.trigger)
        ui.sendAllButton.setIcon(QIcon(":/ams/icons/send.svg"))
        for action in (self.send_selected_action, self.edit_action, self.cancel_action,
                       self.retry_action, self.arrived_action, self.resend_action):
            self.table.addAction(action)

    def actions_for_menu(self) -> list[QAction | None]:
        """The Outbox's actions for the Mail menu (``None``: a separator)."""
        return [self.send_selected_action, self.send_all_action, None, self.edit_action,
                self.cancel_action, self.retry_action, self.arrived_action, self.resend_action]

    def _connect_signals(self) -> None:
        ui = self.ui
        ui.stateCombo.currentIndexChanged.connect(self._on_state_changed)
        self.search_edit.textChanged.connect(self._search_timer.start)
        self._search_timer.timeout.connect(self._on_search)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self.table.selectionModel().currentRowChanged.connect(self._show_current)
        self.table.activated.connect(self._on_activated)
        self.model.modelReset.connect(self._show_current)
        self.model.layoutChanged.connect(self._show_current)
        ui.allHeadersCheck.toggled.connect(self._show_current)
        ui.previewTitle.linkActivated.connect(self._on_link)
        self.busy.cancel_button.clicked.connect(self.sending.cancel)
        self.sending.started.connect(self._on_send_started)
        self.sending.progressed.connect(self._on_send_progress)
        self.sending.finished.connect(self._on_send_finished)
        self.ctx.ops.changed.connect(self.apply_changes)

    # -- data ------------------------------------------------------------------------------

    def apply_changes(self, changes: Changes) -> None:
        """Read the outbox again when messages (or the templates' names) changed."""
        self.pending.add(changes)

    @staticmethod
    def _wants(changes: Changes) -> bool:
        return bool(changes.outbox) or changes.touches_setting(mail_ops.MAIL_TEMPLATES)

    def _refresh(self, _changes: Changes) -> None:
        self.reload()

    def reload(self) -> None:
        """Read every message again, keeping the selection."""
        selected, current = self.selected_ids(), self.current_id()
        self.model.set_rows(outbox_entries(self.ctx.db))
        self.select_ids(selected, current)
        self._update_actions()
        self.counts_changed.emit()

    def _on_state_changed(self) -> None:
        self._keep(lambda: self.model.set_states(self.ui.stateCombo.currentData()))

    def _on_search(self) -> None:
        self._keep(lambda: self.model.set_search(self.search_edit.text()))

    def apply_search_now(self) -> None:
        self._search_timer.stop()
        self._on_search()

    def _keep(self, change: Callable[[], None]) -> None:
        selected, current = self.selected_ids(), self.current_id()
        change()
        self.select_ids(selected, current)
        self._update_actions()
        self.counts_changed.emit()

    def show_states(self, states: frozenset[OutboxState] | None) -> None:
        """Set the filter to the entry showing ``states``."""
        for index in range(self.ui.stateCombo.count()):
            if self.ui.stateCombo.itemData(index) == states:
                self.ui.stateCombo.setCurrentIndex(index)
                return

    def title(self) -> str:
        """The tab's title: ``Outbox`` and the counts of the states needing action."""
        figures = counts_text(self.model.counts()) if self.pending.loaded else ""
        return f"Outbox  ({figures})" if figures else "Outbox"

    def status_text(self) -> str:
        counts = self.model.counts()
        sent = counts[OutboxState.SENT] + counts[OutboxState.EXPORTED]
        parts = [f"{self.model.rowCount():,} emails shown of {len(self.model.all_rows()):,}",
                 f"{sent:,} sent or saved as drafts" if counts[OutboxState.EXPORTED]
                 else f"{sent:,} sent"]
        figures = counts_text(counts)
        return "   ·   ".join(parts + ([figures] if figures else []))

    # -- selection -------------------------------------------------------------------------

    def selected_entries(self) -> list[OutboxEntry]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.row_at(r) for r in rows]

    def selected_ids(self) -> list[int]:
        return [e.message.id for e in self.selected_entries()]

    def current_entry(self) -> OutboxEntry | None:
        index = self.table.currentIndex()
        return self.model.data(index, ROW_ROLE) if index.isValid() else None

    def current_id(self) -> int | None:
        entry = self.current_entry()
        return entry.message.id if entry else None

    def select_ids(self, ids: list[int], current: int | None = None) -> None:
        """Select the messages ``ids`` that are shown, ``current`` (or the first) current."""
        selection = self.table.selectionModel()
        selection.clearSelection()
        wanted = set(ids)
        first = None
        for row in range(self.model.rowCount()):
            message_id = self.model.row_at(row).message.id
            if message_id in wanted:
                index = self.model.index(row, 0)
                selection.select(index, QItemSelectionModel.SelectionFlag.Select
                                 | QItemSelectionModel.SelectionFlag.Rows)
                if first is None or message_id == current:
                    first = index
        if first is not None:
            selection.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.table.scrollTo(first)

    def reveal(self, outbox_id: int) -> None:
        """Select the email ``outbox_id``, clearing the filter and search that hide it."""
        if self.model.find_row(lambda e: e.message.id == outbox_id) < 0:
            self.search_edit.clear()
            self.apply_search_now()
            self.show_states(None)
        self.select_ids([outbox_id], outbox_id)
        self.table.setFocus()

    def _selected_in(self, states: frozenset[OutboxState]) -> list[OutboxEntry]:
        return [e for e in self.selected_entries() if e.state in states]

    def _update_actions(self) -> None:
        busy = self.sending.busy
        selected = self.selected_entries()
        states = {e.state for e in selected}
        queued = OutboxState.QUEUED in states
        any_queued = any(r.state is OutboxState.QUEUED for r in self.model.all_rows())
        self.send_selected_action.setEnabled(queued and not busy)
        self.send_all_action.setEnabled(any_queued and not busy)
        self.edit_action.setEnabled(
            len(selected) == 1 and selected[0].state is OutboxState.QUEUED and not busy)
        cancellable = {OutboxState.QUEUED, OutboxState.FAILED, OutboxState.UNCONFIRMED}
        self.cancel_action.setEnabled(bool(states & cancellable) and not busy)
        self.retry_action.setEnabled(OutboxState.FAILED in states and not busy)
        unconfirmed = OutboxState.UNCONFIRMED in states and not busy
        self.arrived_action.setEnabled(unconfirmed)
        self.resend_action.setEnabled(unconfirmed)
        ui = self.ui
        for button, action in ((ui.sendSelectedButton, self.send_selected_action),
                               (ui.sendAllButton, self.send_all_action),
                               (ui.editButton, self.edit_action),
                               (ui.cancelButton, self.cancel_action),
                               (ui.retryButton, self.retry_action),
                               (ui.arrivedButton, self.arrived_action),
                               (ui.resendButton, self.resend_action)):
            button.setEnabled(action.isEnabled())
        # Resolving unconfirmed emails is rare: the buttons show only when there are some.
        has_unconfirmed = any(r.state is OutboxState.UNCONFIRMED for r in self.model.all_rows())
        ui.arrivedButton.setVisible(has_unconfirmed)
        ui.resendButton.setVisible(has_unconfirmed)
        ui.retryButton.setVisible(any(r.state is OutboxState.FAILED
                                      for r in self.model.all_rows()))

    # -- preview ---------------------------------------------------------------------------

    def _show_current(self) -> None:
        entry = self.current_entry()
        ui = self.ui
        if entry is None:
            ui.previewTitle.setText("Select an email to see it as it is sent")
            ui.previewState.setText("")
            ui.previewText.setPlainText("")
            self._update_actions()
            return
        message = entry.message
        link = (f"<a href='pair:{message.pair_id}' style='color:#1f2d3a; "
                f"text-decoration:none'>{entry.about}</a>" if message.pair_id else entry.about)
        ui.previewTitle.setText(f"{entry.template_name} — {link}")
        state = [f"<b>{OUTBOX_STATE_LABELS[message.state]}</b>",
                 f"queued {message.queued_at:%Y-%m-%d %H:%M}"
                 + (f" by {message.queued_by}" if message.queued_by else "")]
        if message.sent_at:
            state.append(f"sent {message.sent_at:%Y-%m-%d %H:%M}")
        if message.attempts:
            state.append(_count(message.attempts, "attempt"))
        if message.bcc:
            state.append(f"Bcc (envelope only): {', '.join(message.bcc)}")
        text = " · ".join(state)
        if message.last_error:
            text += f"<br><span style='color:#b3261e'>{message.last_error}</span>"
        if message.state is OutboxState.UNCONFIRMED:
            text += ("<br><span style='color:#8a5a00'>The connection was lost after the "
                     "server took the message: it may have arrived. Check with the recipient "
                     "(or your Sent folder), then choose “It arrived” or “Send again”.</span>")
        ui.previewState.setTextFormat(Qt.TextFormat.RichText)
        ui.previewState.setText(text)
        ui.previewText.setPlainText(message_plain_text(
            read_message(message.raw), all_headers=ui.allHeadersCheck.isChecked()))
        self._update_actions()

    def _on_link(self, link: str) -> None:
        if link.startswith("pair:"):
            self.pair_requested.emit(int(link.split(":", 1)[1]))

    # -- actions ---------------------------------------------------------------------------

    def _run(self, text: str, op: Any, failure: str) -> bool:
        try:
            self.ctx.ops.run(text, op)
        except Exception as error:  # noqa: BLE001 - nothing changed; shown to the coordinator
            self.ctx.report(failure, error)
            return False
        return True

    def _on_activated(self) -> None:
        entry = self.current_entry()
        if entry is not None and entry.state is OutboxState.QUEUED:
            self.edit_selected()

    def edit_selected(self) -> MessageEditor | None:
        selected = self._selected_in(frozenset({OutboxState.QUEUED}))
        if len(selected) != 1 or self.sending.busy:
            return None
        message = selected[0].message

        def submit(subject: str, body: str) -> None:
            self.ctx.ops.run(f"Edit email “{message.subject}”",
                             partial(mail_ops.edit, outbox_id=message.id, subject=subject,
                                     body=body))

        dialog = MessageEditor(message, submit, self)
        dialog.open()
        return dialog

    def cancel_selected(self) -> None:
        entries = self._selected_in(
            frozenset({OutboxState.QUEUED, OutboxState.FAILED, OutboxState.UNCONFIRMED}))
        if not entries or self.sending.busy:
            return
        text = (f"Cancel email “{entries[0].message.subject}”" if len(entries) == 1
                else f"Cancel {_count(len(entries), 'email')}")
        self._run(text, partial(step_ops.cancel, outbox_ids=[e.message.id for e in entries]),
                  "Could not cancel")

    def retry_selected(self) -> None:
        entries = self._selected_in(frozenset({OutboxState.FAILED}))
        if entries and not self.sending.busy:
            self._run(f"Retry {_count(len(entries), 'email')}",
                      partial(step_ops.requeue, outbox_ids=[e.message.id for e in entries]),
                      "Could not queue the emails again")

    def confirm_arrived(self) -> None:
        entries = self._selected_in(frozenset({OutboxState.UNCONFIRMED}))
        if entries and not self.sending.busy:
            self._run(f"Mark {_count(len(entries), 'email')} arrived",
                      partial(step_ops.confirm_arrived,
                              outbox_ids=[e.message.id for e in entries]),
                      "Could not mark the emails sent")

    def send_again(self) -> None:
        """Queue unconfirmed emails again (same Message-ID) and send them at once."""
        entries = self._selected_in(frozenset({OutboxState.UNCONFIRMED}))
        if not entries or self.sending.busy:
            return
        ids = [e.message.id for e in entries]
        if self._run(f"Send again {_count(len(ids), 'email')}",
                     partial(step_ops.requeue, outbox_ids=ids), "Could not queue the emails"):
            self.sending.start(ids)

    def send_selected(self) -> None:
        ids = [e.message.id for e in self._selected_in(frozenset({OutboxState.QUEUED}))]
        if ids:
            self.sending.start(ids)

    def send_all(self) -> None:
        if any(r.state is OutboxState.QUEUED for r in self.model.all_rows()):
            self.sending.start(None)

    # -- sending ---------------------------------------------------------------------------

    def _on_send_started(self, total: int) -> None:
        self.busy.start(f"Sending {_count(total, 'email')}…")
        self._update_actions()

    def _on_send_progress(self, done: int, total: int, text: str) -> None:
        self.busy.step(text, done, total)

    def _on_send_finished(self, summary: str) -> None:
        self.busy.hide()
        self._update_actions()
        if summary:
            self.ui.previewState.setText(self.ui.previewState.text())
            window = self.window()
            bar = getattr(window, "statusBar", None)
            if callable(bar):
                bar().showMessage(summary, 10000)

    # -- state -----------------------------------------------------------------------------

    def save_state(self) -> tuple[QByteArray, QByteArray]:
        return self.table.horizontalHeader().saveState(), self.ui.splitter.saveState()

    def restore_state(self, header: QByteArray | None, splitter: QByteArray | None) -> None:
        if header:
            self.table.horizontalHeader().restoreState(header)
        if splitter:
            self.ui.splitter.restoreState(splitter)
