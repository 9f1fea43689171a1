"""The board's side panels as text: a pair's score breakdown, the figures, the unmatched."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from ams_desk.core.assignment import Unmatched
from ams_desk.core.coverage import BoardFigures
from ams_desk.core.eligibility import Candidate
from ams_desk.core.scoring import CRITERION_LABELS, Criterion
from ams_desk.core.text import count, plural
from ams_desk.gui.board.models import PairLine
from ams_desk.store.board import Board

UNMATCHED_SHOWN = 300
"""Unmatched mentees listed in the panel; the CLI's ``suggest --json`` gives them all."""


def status_line(board: Board | None) -> str:
    """The board in one line, for the status bar."""
    if board is None or not board.years:
        return "No sign-ups yet"
    f = board.figures()
    shown = "All years" if board.year is None else board.year
    return (f"{shown}: {count(f.waiting, 'mentee')} waiting   ·   "
            f"{count(f.mentors, 'mentor')}, {count(f.free_places, 'place')} free   ·   "
            f"{count(f.drafts, 'draft')}, {f.proposals:,} proposed   ·   "
            f"coverage {f.coverage:.0%}")


def figures_html(f: BoardFigures) -> str:
    def score(value: float | None) -> str:
        return "–" if value is None else f"{value:.2f}"

    placed = f"{f.placed} of {f.placed + f.waiting} mentees placed"
    return (
        "<table cellspacing='0' cellpadding='2' width='100%'>"
        f"<tr><td style='color:#44505c'>Coverage</td><td align='right'><b>{f.coverage:.0%}</b>"
        f"</td><td style='color:#44505c'>&nbsp;&nbsp;{placed}</td></tr>"
        f"<tr><td style='color:#44505c'>Score</td><td align='right'><b>{score(f.mean_score)}</b>"
        f"</td><td style='color:#44505c'>&nbsp;&nbsp;mean, lowest {score(f.min_score)}</td></tr>"
        f"<tr><td style='color:#44505c'>On the board</td><td align='right'><b>{f.drafts}</b></td>"
        f"<td style='color:#44505c'>&nbsp;&nbsp;{plural(f.drafts, 'draft')}, "
        f"{f.proposals} proposed, {f.free_places} {plural(f.free_places, 'place')} "
        "free</td></tr>"
        "</table>"
    )


def breakdown_html(line: PairLine | None) -> str:
    """How a pair's score is made up, criterion by criterion, in words."""
    if line is None:
        return ("<p style='color:#5c6670'>Select a draft or a proposal to see how its score "
                "is made up. Drag a draft to another mentor to move it; press Delete to take "
                "it off the board.</p>")
    pair = line.pair
    rows = []
    for item in pair.score.breakdown:
        label = CRITERION_LABELS[Criterion(item.criterion)]
        colour = "#8a939c" if item.weight == 0 else "#10202f"
        rows.append(
            f"<tr><td valign='top' style='color:{colour}'><b>{escape(label)}</b><br>"
            f"<span style='color:#5c6670'>{item.value:.2f} · weight {item.weight:g}</span></td>"
            f"<td valign='top' style='color:{colour}'>{escape(item.explanation)}</td></tr>"
        )
    override = ""
    if pair.override_note:
        override = (f"<p style='color:#8a5a00'>Placed despite a hard rule: "
                    f"{escape(pair.override_note)}</p>")
    status = "Draft — not told to anyone yet" if pair.is_draft else "Proposed to the mentor"
    return (
        f"<p style='margin-bottom:2px'><b>{escape(line.mentee_name)}</b> (mentee) with "
        f"<b>{escape(line.mentor_name)}</b> (mentor)</p>"
        f"<p style='margin-top:0; color:#5c6670'>{status} · score "
        f"<b style='color:#2f5d8a'>{pair.score.total:.2f}</b>, the weighted mean of:</p>"
        f"{override}<table cellspacing='0' cellpadding='3' width='100%'>" + "".join(rows)
        + "</table>"
    )


def unmatched_html(
    unmatched: Sequence[Unmatched] | None, mentees: Mapping[int, Candidate]
) -> str:
    """The mentees the last suggestion left without a mentor (still waiting), with why."""
    if unmatched is None:
        return ("<p style='color:#5c6670'>Press <b>Suggest</b> to fill the free places with "
                "the best drafts the rules allow. Mentees left without a mentor are listed "
                "here with the rules that block them.</p>")
    waiting = [u for u in unmatched if u.mentee_signup_id in mentees]
    if not waiting:
        return "<p>Every mentee on the board has a mentor.</p>"
    parts = [f"<p style='color:#44505c'>{len(waiting)} {plural(len(waiting), 'mentee')} "
             "could not be placed:</p>"]
    for item in waiting[:UNMATCHED_SHOWN]:
        person = mentees[item.mentee_signup_id].person
        reasons = "".join(f"<li>{escape(r)}</li>" for r in item.reasons)
        parts.append(
            f"<p style='margin-bottom:0'><b>{escape(person.name)}</b> "
            f"<span style='color:#5c6670'>{escape(person.position)}</span></p>"
            f"<ul style='margin-top:2px; margin-left:-24px'>{reasons}</ul>"
        )
    if len(waiting) > UNMATCHED_SHOWN:
        parts.append(f"<p style='color:#5c6670'>… and {len(waiting) - UNMATCHED_SHOWN} more "
                     "(all of them: <code>ams-desk suggest --json</code>).</p>")
    return "".join(parts)
