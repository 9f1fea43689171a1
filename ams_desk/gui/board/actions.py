"""What the board's gestures do: one operation each (:mod:`ams_desk.store.ops.drafts`).

:class:`DraftActions` is one part of :class:`~ams_desk.gui.board.board_view.BoardView`
and uses only its public side (what it shows, what is selected, its hint
line). Each gesture runs through :class:`~ams_desk.gui.operations.Operations`,
which keeps its inverse for Undo and tells the board (and the other tabs)
what changed; nothing here refreshes the board by hand after a change.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING, Any

from ams_desk.core.scoring import MatchWeights
from ams_desk.core.text import count
from ams_desk.core.validation import ValidationError
from ams_desk.core.workflow import TransitionError
from ams_desk.gui.board.dialogs import RefusalDialog, WeightsDialog
from ams_desk.gui.board.mime import DragPayload
from ams_desk.gui.mail.review_dialog import PROPOSAL_EMAIL, ProposalReview, review_rows
from ams_desk.gui.operations import OperationBusy
from ams_desk.mail import step_ops
from ams_desk.store.changes import MATCH_WEIGHTS, Changes
from ams_desk.store.ops import drafts
from ams_desk.store.ops import settings as settings_ops
from ams_desk.store.pairs import PairRefused
from ams_desk.store.rows import NotFoundError
from ams_desk.store.settings import get_program_settings

if TYPE_CHECKING:
    from ams_desk.core.eligibility import RuleResult
    from ams_desk.gui.board.board_view import BoardView
    from ams_desk.store.board import BoardPair


class DraftActions:
    """Placing, moving, removing and proposing drafts; the match weights."""

    def __init__(self, view: BoardView) -> None:
        self._view = view
        self.refusal: RefusalDialog | None = None

    def _refused_while_busy(self) -> bool:
        """Whether Suggest is running; the board's writes wait for it (and say so)."""
        if self._view.suggester.task is None:
            return False
        self._view.set_hint("Suggest is still running: wait for it, or cancel it.")
        return True

    def place(self, payload: DragPayload, mentor_signup_id: int, override: str = "") -> bool:
        """Place the dragged mentee (or move the dragged draft) with the mentor.

        A refusal opens :class:`RefusalDialog`; with ``override`` (its "Pair
        anyway…") the errors go to the caller, which shows them.
        """
        view = self._view
        mentee = view.mentee_of(payload)
        mentor = view.mentor(mentor_signup_id)
        mentee_name = mentee.person.name if mentee else "the mentee"
        mentor_name = mentor.person.name if mentor else "the mentor"
        if payload.from_mentor_signup_id == mentor_signup_id or self._refused_while_busy():
            return False  # a draft dropped back on its own mentor, or Suggest is writing
        if payload.pair_id is not None:
            text = f"Move {mentee_name} to {mentor_name}"
            op = partial(drafts.move, pair_id=payload.pair_id, mentor_signup_id=mentor_signup_id,
                         override=override)
            verb = "Moved"
        else:
            text = f"Place {mentee_name} with {mentor_name}"
            op = partial(drafts.place, mentor_signup_id=mentor_signup_id,
                         mentee_signup_id=payload.mentee_signup_id, override=override)
            verb = "Placed"
        try:
            added = view.ctx.ops.run(text, op)
        except PairRefused as refusal:
            if override:
                raise
            self.show_refusal(payload, mentor_signup_id, refusal.refused)
            return False
        except (ValidationError, NotFoundError, OperationBusy) as error:
            if override:
                raise
            view.ctx.report("Could not place the draft", error)
            view.reload()
            return False
        view.select_pairs([added.pair.id])
        view.set_hint(f"{verb} {mentee_name} with {mentor_name} as a draft. Undo: Ctrl+Z.")
        return True

    def place_anyway(self, payload: DragPayload, mentor_signup_id: int, note: str) -> None:
        """Place despite the broken rules, keeping ``note`` on the pair's timeline."""
        self.place(payload, mentor_signup_id, override=note)

    def place_selected(self) -> None:
        """The keyboard way: the selected mentee (or the one selected draft) to the mentor."""
        view = self._view
        mentor = view.current_mentor()
        mentee = view.selected_mentee()
        selected = [line for line in view.selected_lines() if line.pair.is_draft]
        if mentor is None or (mentee is None and len(selected) != 1):
            view.set_hint("Select a waiting mentee (or one draft) and a mentor first.")
            return
        if mentee is not None:
            self.place(DragPayload(mentee.signup_id), mentor.signup_id)
            return
        pair = selected[0].pair
        self.place(DragPayload(pair.mentee_signup_id, pair.pair_id, pair.mentor_signup_id),
                   mentor.signup_id)

    def remove_selected(self) -> None:
        selected = [line for line in self._view.selected_lines() if line.pair.is_draft]
        if not selected:
            self._view.set_hint("Select the drafts to take off the board. Proposals are "
                                "cancelled on their timeline, in the Pairs tab.")
            return
        self.remove(line.pair.pair_id for line in selected)

    def return_draft(self, pair_id: int) -> None:
        """A draft dragged back onto the waiting mentees: off the board."""
        self.remove([pair_id])

    def remove(self, pair_ids: Iterable[int]) -> bool:
        """Take drafts off the board; their mentees wait again."""
        view = self._view
        ids = list(pair_ids)
        if not ids or self._refused_while_busy():
            return False
        shown = view.board.pair(ids[0]) if view.board is not None and len(ids) == 1 else None
        if shown is not None:
            text = (f"Remove draft {view.name(shown.mentee_signup_id)} with "
                    f"{view.name(shown.mentor_signup_id)}")
        else:
            text = f"Remove {count(len(ids), 'draft')}"
        try:
            view.ctx.ops.run(text, partial(drafts.remove, pair_ids=ids))
        except (ValidationError, NotFoundError, OperationBusy) as error:
            view.ctx.report("Could not remove the draft", error)
            view.reload()  # someone else proposed, moved or removed it: show what is stored
            return False
        view.set_hint(f"{text}: done. Undo: Ctrl+Z.")
        return True

    def _drafts_to_propose(self) -> list[BoardPair]:
        view = self._view
        if view.board is None:
            return []
        selected = [line.pair for line in view.selected_lines() if line.pair.is_draft]
        return selected or [p for p in view.board.pairs if p.is_draft]

    def review_proposal(self) -> ProposalReview | None:
        """Show the drafts to propose with each mentor's proposal email; OK proposes them.

        The selected drafts, or all drafts when none is selected. Proposing
        queues the emails (unless the coordinator unticks them) in the same
        operation: one Undo takes back the proposals and their emails.
        """
        view = self._view
        if view.board is None or self._refused_while_busy():
            return None
        pairs = self._drafts_to_propose()
        if not pairs:
            return None
        rows = review_rows(view.ctx, [(p.pair_id, view.name(p.mentor_signup_id),
                                       p.mentee.person.name) for p in pairs])
        ids = [p.pair_id for p in pairs]

        def submit(emails: list[int]) -> None:
            if not self.propose(ids, emails=emails):
                raise ValueError("The drafts could not be proposed (see the message).")

        dialog = ProposalReview(rows, submit, view)
        dialog.open()
        return dialog

    def propose(self, pair_ids: Iterable[int] | None = None, *,
                emails: Iterable[int] = ()) -> bool:
        """Turn drafts (``pair_ids``; else the selected, or all) into proposals.

        ``emails``: the pairs whose proposal email is queued with the proposal.
        """
        view = self._view
        if view.board is None or self._refused_while_busy():
            return False
        wanted = set(pair_ids) if pair_ids is not None else None
        pairs = [p for p in view.board.pairs if p.is_draft and p.pair_id in wanted] if (
            wanted is not None) else self._drafts_to_propose()
        if not pairs:
            return False
        text = (f"Propose {pairs[0].mentee.person.name} to {view.name(pairs[0].mentor_signup_id)}"
                if len(pairs) == 1 else f"Propose {count(len(pairs), 'pair')}")
        selected = [line for line in view.selected_lines() if line.pair.is_draft]
        if not selected and len(pairs) > 1:  # a bulk change: the file is backed up first
            from ams_desk.store.database import StoreError

            try:
                view.ctx.db.backup("propose")
            except StoreError as error:
                view.ctx.report("Nothing was proposed", error)
                return False
        op: Any = partial(drafts.propose, pair_ids=[p.pair_id for p in pairs])
        queued = [(PROPOSAL_EMAIL, pair_id) for pair_id in emails]
        if queued:
            op = partial(step_ops.with_emails, step=op, emails=queued, today=view.ctx.today)
        try:
            value = view.ctx.ops.run(text, op)
        except (ValidationError, TransitionError, NotFoundError, OperationBusy) as error:
            view.ctx.report("Could not propose the drafts", error)
            view.reload()
            return False
        proposed = value[0] if queued else value
        view.select_pairs(p.id for p in proposed)
        mails = f" {count(len(queued), 'proposal email')} wait in the Outbox." if queued else ""
        view.set_hint(f"{text}: the proposal is on each timeline (Pairs tab).{mails} "
                      "Undo: Ctrl+Z.")
        return True

    def edit_weights(self) -> WeightsDialog:
        """Open the match weights as stored; saving them is one undoable step.

        Saving is refused when someone else changed a weight since the dialog
        opened; its Reload shows theirs (and the board reads them again).
        """
        ctx = self._view.ctx
        base = [get_program_settings(ctx.db)]

        def submit(weights: MatchWeights) -> None:
            ctx.ops.run("Change match weights",
                        partial(settings_ops.save_weights, weights=weights, base=base[0]))

        def reload() -> MatchWeights:
            base[0] = get_program_settings(ctx.db)
            ctx.ops.changed.emit(Changes.of(settings=[MATCH_WEIGHTS]))
            return MatchWeights.from_dict(base[0].match_weights)

        dialog = WeightsDialog(MatchWeights.from_dict(base[0].match_weights), submit,
                               self._view, reload=reload)
        dialog.open()
        return dialog

    def show_refusal(self, payload: DragPayload, mentor_signup_id: int,
                     refused: list[RuleResult]) -> None:
        """Say why the pair cannot be, and offer to place it anyway with a reason."""
        view = self._view
        mentee = view.mentee_of(payload)
        mentor = view.mentor(mentor_signup_id)
        mentee_name = mentee.person.name if mentee else "The mentee"
        mentor_name = mentor.person.name if mentor else "The mentor"
        if mentor is not None and mentee is not None:
            view.set_hint(view.focus.refusal_text(mentor, mentee, refused), refused=True)
        self.refusal = RefusalDialog(mentee_name, mentor_name, refused,
                                     partial(self.place_anyway, payload, mentor_signup_id), view)
        self.refusal.open()


__all__ = ["DraftActions"]
