"""The ``ams-desk`` command: the GUI by default, subcommands for scripted work."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from ams_desk import __version__


class CliError(Exception):
    """A problem reported as one line on stderr with exit code 1."""


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” is not a date like 2026-03-31") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ams-desk",
        description="AMS Desk: run the AMS mentorship program. Without a command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--db",
        metavar="URL",
        help="database URL (default: $AMS_DESK_DB, else SQLite in the user's data folder)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open the app on a separate demo database (created with demo data on first use)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser("demo", help="fill an empty database with a demo program")
    demo.add_argument("--people", type=int, metavar="N", help="number of people (default ~230)")
    demo.add_argument("--seed", type=int, default=7, metavar="S", help="random seed (default 7)")

    listing = commands.add_parser("list", help="print people, sign-ups or pairs")
    listing.add_argument("what", choices=("people", "signups", "pairs"))
    listing.add_argument("--json", action="store_true", help="one JSON array on stdout")

    attention = commands.add_parser("attention", help="print what needs the team's action")
    attention.add_argument("--today", type=_iso_date, metavar="YYYY-MM-DD",
                           help="the day to judge deadlines on (default: today)")
    attention.add_argument("--json", action="store_true", help="one JSON array on stdout")

    backup = commands.add_parser("backup", help="back up the SQLite database to a file")
    backup.add_argument("target", type=Path, metavar="FILE")
    return parser


def _open(url: str | None) -> Any:
    from ams_desk.store.database import StoreError, open_database

    try:
        return open_database(url)
    except StoreError as exc:
        raise CliError(str(exc)) from None


def _cmd_demo(args: argparse.Namespace) -> int:
    from ams_desk.store.demo import fill_demo

    if args.people is not None and args.people < 1:
        raise CliError("--people must be at least 1")
    db = _open(args.db)
    try:
        summary = fill_demo(db, people=args.people, seed=args.seed)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    finally:
        db.close()
    print(
        f"Demo program created: {summary.people} people, {summary.mentors} mentor and "
        f"{summary.mentees} mentee sign-ups, {summary.pairs} pairs."
    )
    return 0


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
    from ams_desk.store.people import list_signups

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
                 "note": e.note}
                for e in p.events
            ],
        }
        for p in list_pairs(db)
    ]


def _cmd_list(args: argparse.Namespace) -> int:
    producers: dict[str, Callable[[Any], list[dict[str, Any]]]] = {
        "people": _people_json,
        "signups": _signups_json,
        "pairs": _pairs_json,
    }
    db = _open(args.db)
    try:
        items = producers[args.what](db)
    finally:
        db.close()
    if args.json:
        json.dump(items, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        for item in items:
            print("\t".join(str(v) for k, v in item.items() if k != "events"))
    return 0


def _cmd_attention(args: argparse.Namespace) -> int:
    from ams_desk.store.pair_rows import attention_list

    db = _open(args.db)
    try:
        items = attention_list(db, args.today or date.today())
    finally:
        db.close()
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
    else:
        for row in rows:
            what = f"pair {row['pair_id']}" if "pair_id" in row else f"sign-up {row['signup_id']}"
            print(f"{row['due']}  {what:<14} {row['text']}")
        if not rows:
            print("Nothing needs attention.")
    return 0


def _cmd_backup(args: argparse.Namespace) -> int:
    from ams_desk.store.database import StoreError

    db = _open(args.db)
    try:
        if args.target.exists():
            raise CliError(f"{args.target} exists already; choose a new file name")
        db.backup_to(args.target)
    except StoreError as exc:
        raise CliError(str(exc)) from None
    finally:
        db.close()
    print(f"Backed up to {args.target}")
    return 0


def _demo_url() -> str:
    """The demo database beside the real one, filled with a demo program on first use."""
    from ams_desk.store.database import default_data_dir
    from ams_desk.store.demo import fill_demo
    from ams_desk.store.people import list_people

    folder = default_data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{folder / 'ams-desk-demo.sqlite'}"
    db = _open(url)
    try:
        if not list_people(db):
            print("Creating the demo program…", file=sys.stderr)
            fill_demo(db)
    finally:
        db.close()
    return url


def _cmd_gui(args: argparse.Namespace) -> int:
    from ams_desk.gui.app import run

    if args.demo:
        if args.db:
            raise CliError("--demo opens its own database; leave out --db")
        return run(_demo_url())
    return run(args.db)


COMMANDS: dict[str | None, Callable[[argparse.Namespace], int]] = {
    None: _cmd_gui,
    "demo": _cmd_demo,
    "list": _cmd_list,
    "backup": _cmd_backup,
    "attention": _cmd_attention,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the process exit code."""
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except CliError as exc:
        print(f"ams-desk: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("ams-desk: interrupted", file=sys.stderr)
        return 130
