"""The printing commands of ``ams-desk``: ``list``, ``attention`` and ``suggest``.

Each prints an aligned plain table (or one JSON value with ``--json``) and writes nothing.
Kept beside :mod:`ams_desk.cli`, which parses their arguments and calls them.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from ams_desk.cli_common import CliError, open_db, print_table

if TYPE_CHECKING:
    from ams_desk.core.attention import AttentionReason
    from ams_desk.store.pair_rows import AttentionEntry


def _people_json(db: Any) -> list[dict[str, Any]]:
    from ams_desk.store.people import list_people
    from ams_desk.store.settings import get_program_settings

    ladder = get_program_settings(db).ladder
    return [
        {
            "id": p.id,
            "name": p.name,
            "email": p.email,
            "position": p.position,
            "rank": ladder.rank(p.position),
            "projects": list(p.projects),
            "department": p.department,
            "languages": list(p.languages),
        }
        for p in list_people(db)
    ]


def _signups_json(db: Any) -> list[dict[str, Any]]:
    from ams_desk.store.imports import signup_sources
    from ams_desk.store.people import list_signups

    sources = signup_sources(db)
    return [
        {
            "id": s.signup_id,
            "person_id": s.person_id,
            "email": s.email,
            "role": s.role.value,
            "topics": list(s.topics),
            "capacity": s.capacity,
            "status": s.status.value,
            "signed_up": s.signed_up.isoformat(),
            "program_year": s.program_year,
            "notes": sources[s.signup_id].notes if s.signup_id in sources else "",
            "motivation": sources[s.signup_id].notes if s.signup_id in sources else "",
            "meeting_format": (
                sources[s.signup_id].meeting_format.value if s.signup_id in sources else "any"),
            "languages": list(sources[s.signup_id].languages) if s.signup_id in sources else [],
            "source": (
                {"file": sources[s.signup_id].file, "row": sources[s.signup_id].row}
                if s.signup_id in sources and sources[s.signup_id].file is not None
                else None
            ),
        }
        for s in sorted(list_signups(db), key=lambda s: s.signup_id)
    ]


def _pairs_json(db: Any) -> list[dict[str, Any]]:
    from ams_desk.store.pairs import list_pairs
    from ams_desk.store.people import list_signups

    emails = {s.signup_id: s.email for s in list_signups(db)}
    return [
        {
            "id": p.id,
            "mentor_signup_id": p.mentor_signup_id,
            "mentee_signup_id": p.mentee_signup_id,
            "mentor_email": emails.get(p.mentor_signup_id),
            "mentee_email": emails.get(p.mentee_signup_id),
            "status": p.status,
            "program_year": p.program_year,
            "events": [
                {"at": e.at.isoformat(), "kind": e.kind, "status": e.status, "by": e.by,
                 "note": e.note,
                 **({"message_id": (e.details or {}).get("message_id")}
                    if e.kind.startswith("email_") else {})}
                for e in p.events
            ],
        }
        for p in list_pairs(db)
    ]


def cmd_list(args: argparse.Namespace) -> int:
    """``ams-desk list people|signups|pairs``: an aligned table, or JSON with ``--json``."""
    producers: dict[str, Callable[[Any], list[dict[str, Any]]]] = {
        "people": _people_json,
        "signups": _signups_json,
        "pairs": _pairs_json,
    }
    db = open_db(args.db)
    try:
        items = producers[args.what](db)
        names = {} if args.json else _signup_names(db)
    finally:
        db.close()
    if args.json:
        json.dump(items, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        headers, rows = _LIST_TABLES[args.what](items, names)
        print_table(headers, rows, {"Email": 40, "Topics": 40, "Motivation": 40})
    return 0


def _signup_names(db: Any) -> dict[int, str]:
    from ams_desk.store.people import list_signups

    return {s.signup_id: s.name for s in list_signups(db)}


Table = tuple[list[str], list[list[object]]]


def _people_table(items: list[dict[str, Any]], _names: dict[int, str]) -> Table:
    keys = ["id", "name", "email", "position", "department", "projects", "languages"]
    headers = ["ID", "Name", "Email", "Position", "Department", "Projects", "Languages"]
    return headers, [[item[k] for k in keys] for item in items]


def _signups_table(items: list[dict[str, Any]], names: dict[int, str]) -> Table:
    headers = ["ID", "Name", "Role", "Status", "Signed up", "Year", "Places", "Topics",
               "Motivation"]
    return headers, [
        [s["id"], names.get(s["id"], ""), s["role"], s["status"], s["signed_up"],
         s["program_year"], s["capacity"] if s["role"] == "mentor" else "", s["topics"],
         s["notes"]]
        for s in items
    ]


def _pairs_table(items: list[dict[str, Any]], names: dict[int, str]) -> Table:
    from ams_desk.core.workflow import STATUS_LABELS, PairStatus

    headers = ["ID", "Mentor", "Mentee", "Status", "Year", "Since"]
    rows: list[list[object]] = []
    for p in items:
        steps = [e["at"] for e in p["events"] if e["status"]]
        rows.append([p["id"], names.get(p["mentor_signup_id"], ""),
                     names.get(p["mentee_signup_id"], ""), STATUS_LABELS[PairStatus(p["status"])],
                     p["program_year"],
                     max(steps)[:10] if steps else ""])
    return headers, rows


_LIST_TABLES: dict[str, Callable[[list[dict[str, Any]], dict[int, str]], Table]] = {
    "people": _people_table,
    "signups": _signups_table,
    "pairs": _pairs_table,
}


def cmd_attention(args: argparse.Namespace) -> int:
    """``ams-desk attention``: what needs the team's action, as a table or JSON."""
    from ams_desk.store.pair_rows import attention_entries

    db = open_db(args.db)
    try:
        entries = attention_entries(db, args.today or date.today())
    finally:
        db.close()
    items = [entry.item for entry in entries]
    rows = [
        {
            **({"pair_id": i.pair_id} if i.pair_id is not None else {"signup_id": i.signup_id}),
            "reason": i.reason.value,
            "due": i.due.isoformat(),
            "days_late": i.days_late,
            "text": i.text,
        }
        for i in items
    ]
    if args.json:
        json.dump(rows, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    elif entries:
        _print_attention_groups(entries)
    else:
        print("Nothing needs attention.")
    return 0


def _print_attention_groups(entries: Sequence[AttentionEntry]) -> None:
    """The attention list as the app shows it: one table per kind, late pair steps first,
    each under its kind and count."""
    from ams_desk.core.attention import REASON_TEXT, group_rank

    groups: dict[AttentionReason, list[AttentionEntry]] = {}
    for entry in entries:
        groups.setdefault(entry.item.reason, []).append(entry)
    for number, reason in enumerate(sorted(groups, key=group_rank)):
        listed = groups[reason]
        if number:
            print()
        print(f"{REASON_TEXT[reason]}  ·  {len(listed):,}")
        print_table(["Due", "Late", "Pair or sign-up", "Who", "About"], [
            [e.item.due.isoformat(), f"{e.item.days_late:,} d",
             f"pair {e.item.pair_id}" if e.item.pair_id is not None
             else f"sign-up {e.item.signup_id}",
             e.who, e.about + (f" (draft with {e.draft_with})" if e.draft_with else "")
             + (f"; cannot be placed: {e.blocked}" if e.blocked else "")]
            for e in listed
        ], {"Who": 48, "About": 90})



def cmd_suggest(args: argparse.Namespace) -> int:
    """``ams-desk suggest``: the optimiser's suggestions for the waiting pool."""
    from ams_desk.store.board import suggestions

    db = open_db(args.db)
    try:
        board, suggestion = suggestions(db, args.year, today=args.today)
    finally:
        db.close()
    if not board.years:
        raise CliError("there are no sign-ups yet")
    if args.year is not None and args.year not in board.years:
        raise CliError(f"there are no sign-ups in program year {args.year}")
    if args.json:
        result = {
            "year": board.year,
            "pairs": [
                {
                    "mentor_signup_id": p.mentor_signup_id,
                    "mentee_signup_id": p.mentee_signup_id,
                    "score": round(p.total, 6),
                    "breakdown": [
                        {"criterion": c.criterion, "value": round(c.value, 6), "weight": c.weight,
                         "explanation": c.explanation}
                        for c in p.score.breakdown
                    ],
                }
                for p in suggestion.pairs
            ],
            "unmatched": [
                {"mentee_signup_id": u.mentee_signup_id, "reasons": list(u.reasons)}
                for u in suggestion.unmatched
            ],
            "coverage": round(suggestion.coverage, 6),
        }
        json.dump(result, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    names = {c.signup.id: c.person.name
             for c in (*board.mentors, *board.mentees, *(p.mentee for p in board.pairs))}
    for pair in suggestion.pairs:
        print(f"{pair.total:.2f}  {names[pair.mentor_signup_id]} → "
              f"{names[pair.mentee_signup_id]}")
    for item in suggestion.unmatched:
        print(f"  —   {names[item.mentee_signup_id]}: {' '.join(item.reasons)}")
    shown = "All years" if board.year is None else board.year
    print(f"{shown}: {len(suggestion.pairs)} pairs suggested, {len(suggestion.unmatched)} "
          f"mentees unmatched, coverage {suggestion.coverage:.0%} (nothing was written)")
    return 0
