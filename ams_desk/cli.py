"""The ``ams-desk`` command: the GUI by default, subcommands for scripted work."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ams_desk import __version__
from ams_desk.cli_common import CliError, print_table
from ams_desk.cli_common import open_db as _open
from ams_desk.cli_common import print_json as _print_json

if TYPE_CHECKING:
    from ams_desk.sheets.importing.operations import Confirm
    from ams_desk.store.database import Database


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
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check that this installation works (on a temporary database) and exit",
    )
    # For benchmarks/bench_bundle.py: the moment the window shows, as a Unix time, then exit.
    parser.add_argument("--quit-when-shown", action="store_true", help=argparse.SUPPRESS)
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

    importing = commands.add_parser(
        "import", help="import sign-ups from a spreadsheet (.xlsx or .csv): all rows or none"
    )
    importing.add_argument("file", type=Path, metavar="FILE", nargs="?")
    importing.add_argument("--sheet", metavar="NAME", help="the worksheet (default: the first)")
    importing.add_argument("--header-row", type=int, metavar="N",
                           help="the sheet's row number of the header (default: found among "
                                "the first 20 rows: the first naming two known fields)")
    importing.add_argument("--undo", action="store_true",
                           help="undo the last import (refused if its rows changed since)")
    importing.add_argument("--profile", metavar="NAME", help="use this saved column mapping")
    importing.add_argument("--role", choices=("mentor", "mentee"),
                           help="the role of rows that do not say (or of all rows)")
    importing.add_argument("--dry-run", action="store_true", help="check and count, write nothing")
    importing.add_argument("--queue-confirmations", action="store_true",
                           help="queue the sign-up confirmation email to each new sign-up "
                                "(sent with: ams-desk outbox send)")
    importing.add_argument("--report", type=Path, metavar="FILE",
                           help="save the row-by-row report (.csv, else text)")
    importing.add_argument("--json", action="store_true", help="one JSON object on stdout")

    suggestion = commands.add_parser(
        "suggest", help="print the optimiser's suggestions for the waiting pool (writes nothing)")
    suggestion.add_argument("--year", type=int, metavar="Y",
                            help="only the mentees of this program year (default: every "
                                 "waiting mentee, of any year)")
    suggestion.add_argument("--today", type=_iso_date, metavar="YYYY-MM-DD",
                            help="the day waiting time is counted to (default: today)")
    suggestion.add_argument("--json", action="store_true", help="one JSON object on stdout")

    from ams_desk.mail_cli import add_commands as add_mail_commands

    add_mail_commands(commands)

    reporting = commands.add_parser(
        "report", help="write the yearly program report (Excel) and/or print its figures")
    reporting.add_argument("--year", type=int, metavar="Y",
                           help="the program year (default: the running one)")
    reporting.add_argument("--today", type=_iso_date, metavar="YYYY-MM-DD",
                           help="the day a running year is seen from (default: today)")
    reporting.add_argument("-o", "--output", type=Path, metavar="FILE.xlsx",
                           help="the workbook to write")
    reporting.add_argument("--json", action="store_true",
                           help='print {"year": Y, "figures": {...}, "previous": {...}}')

    backup = commands.add_parser("backup", help="back up the SQLite database to a file")
    backup.add_argument("target", type=Path, metavar="FILE")

    backups = commands.add_parser("backups", help="list the automatic backups of the database")
    backups.add_argument("--json", action="store_true", help="one JSON array on stdout")

    restore = commands.add_parser(
        "restore", help="put a backup in place (the current file is backed up or kept first)")
    restore.add_argument("file", type=Path, metavar="FILE")

    person = commands.add_parser("person", help="export or erase everything about one person")
    person_commands = person.add_subparsers(dest="person_command", metavar="ACTION",
                                            required=True)
    export = person_commands.add_parser("export", help="write every row about a person to JSON")
    export.add_argument("email", metavar="EMAIL")
    export.add_argument("-o", "--output", type=Path, metavar="FILE.json", required=True)
    erase = person_commands.add_parser(
        "erase", help="erase a person for good (their pairs stay as anonymous counts)")
    erase.add_argument("email", metavar="EMAIL")
    erase.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    return parser


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


def _cmd_list(args: argparse.Namespace) -> int:
    producers: dict[str, Callable[[Any], list[dict[str, Any]]]] = {
        "people": _people_json,
        "signups": _signups_json,
        "pairs": _pairs_json,
    }
    db = _open(args.db)
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


def _cmd_attention(args: argparse.Namespace) -> int:
    from ams_desk.store.pair_rows import attention_entries

    db = _open(args.db)
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
    else:
        if rows:
            print_table(["Due", "Pair or sign-up", "Who", "What"], [
                [row["due"],
                 f"pair {row['pair_id']}" if "pair_id" in row else f"sign-up {row['signup_id']}",
                 entry.who, row["text"]]
                for row, entry in zip(rows, entries, strict=True)
            ], {"Who": 48, "What": 60})
        else:
            print("Nothing needs attention.")
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    from ams_desk.core.model import Role
    from ams_desk.core.validation import ValidationError
    from ams_desk.sheets.importing.errors import ReadCancelled, SheetError
    from ams_desk.sheets.importing.importer import UnknownProfile, import_file
    from ams_desk.sheets.importing.parse import ImportOptions
    from ams_desk.store.database import StoreError

    if args.undo:
        return _cmd_import_undo(args)
    if args.file is None:
        raise CliError("import: give the FILE to import (or --undo to undo the last import)")
    if args.header_row is not None and args.header_row < 1:
        raise CliError("import: --header-row counts from 1")
    db = _open(args.db)
    confirm = _confirmations(db) if args.queue_confirmations and not args.dry_run else None
    if not args.dry_run:
        try:
            db.backup("import")
        except StoreError as exc:
            db.close()
            raise CliError(f"nothing was imported: {exc}") from None
    options = ImportOptions(default_role=Role(args.role) if args.role else None)
    try:
        report = import_file(db, args.file, sheet=args.sheet, profile=args.profile,
                             options=options, dry_run=args.dry_run, header_row=args.header_row,
                             confirm=confirm)
    except SheetError as exc:
        if args.json:
            _print_json({"file": str(args.file), "rows_read": 0, "rows": {
                "read": 0, "created": 0, "updated": 0, "unchanged": 0, "merged": 0,
                "skipped": 0}, "people_created": 0, "people_updated": 0, "signups_created": 0,
                "signups_updated": 0, "skipped": [], "applied": False, "error": str(exc)})
        raise CliError(str(exc)) from None
    except (UnknownProfile, StoreError, ReadCancelled) as exc:
        raise CliError(str(exc)) from None
    except ValidationError as exc:  # a confirmation that cannot be written: import taken back
        raise CliError(f"{args.file.name}: nothing was imported: the sign-up confirmation "
                       f"cannot be queued: {exc}") from None
    except Exception as exc:  # noqa: BLE001 - one line, never a traceback; nothing was written
        raise CliError(f"{args.file.name}: nothing was imported: unexpected error "
                       f"({type(exc).__name__}: {exc})") from None
    finally:
        db.close()
    if args.report is not None:
        try:
            report.save(args.report)
        except OSError as exc:
            raise CliError(f"cannot save the report to {args.report}: {exc.strerror}") from None
    if args.json:
        _print_json(report.to_dict())
    else:
        print(report.summary())
        for issue in report.skipped:
            who = f"{issue.name} <{issue.email}>" if issue.email else issue.name
            print(f"  skipped {issue}" + (f" — {who}" if who else ""))
        flags = [f for r in report.rows for f in r.flags]
        for flag in flags[:50]:
            print(f"  check {flag}")
        if len(flags) > 50:
            print(f"  … and {len(flags) - 50} more to check (see --report)")
        for column in report.unmapped:
            print(f"  not imported: column {column.header!r} ({column.filled} values)")
        if report.applied and report.run_id is not None:
            print("  (undo it with: ams-desk import --undo)")
    return 0


def _confirmations(db: Database) -> Confirm:
    """``--queue-confirmations``: refused before anything is read when mail is not set up."""
    from ams_desk.mail.import_emails import queue_import_confirmations
    from ams_desk.mail.settings import get_mail_settings

    if not get_mail_settings(db).from_address:
        db.close()
        raise CliError("import --queue-confirmations: mail is not set up (no From address); "
                       "run ams-desk mail setup first. Nothing was imported.")
    return queue_import_confirmations


def _cmd_import_undo(args: argparse.Namespace) -> int:
    from ams_desk.store.database import StoreError
    from ams_desk.store.import_runs import ImportUndoError, undo_last_import

    if args.file is not None:
        raise CliError("import --undo takes no FILE: it undoes the last import")
    db = _open(args.db)
    try:
        undone = undo_last_import(db)
    except (ImportUndoError, StoreError) as exc:
        raise CliError(f"import --undo: {exc}") from None
    finally:
        db.close()
    if args.json:
        _print_json({"undone": undone.run_id, "file": undone.file,
                     "people_removed": len(undone.people_removed),
                     "signups_removed": len(undone.signups_removed),
                     "people_restored": len(undone.people_restored),
                     "signups_restored": len(undone.signups_restored),
                     "confirmations_removed": len(undone.emails_removed),
                     "confirmations_kept": len(undone.emails_kept)})
    else:
        print(undone.summary()[:1].upper() + undone.summary()[1:])
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


def _sqlite_file(url: str | None) -> Path:
    from ams_desk.store.database import StoreError, default_url, sqlite_file

    try:
        path = sqlite_file(url or default_url())
    except StoreError as exc:
        raise CliError(str(exc)) from None
    if path is None:
        raise CliError("backups and restore are for SQLite files; for PostgreSQL use "
                       "pg_dump and pg_restore (see README)")
    return path


def _cmd_backups(args: argparse.Namespace) -> int:
    from ams_desk.store.backups import list_backups

    found = list_backups(_sqlite_file(args.db))
    if args.json:
        _print_json([b.to_dict() for b in found])
        return 0
    for b in found:
        people = f"{b.people:,} people" if b.people is not None else "unreadable"
        print(f"{b.created:%Y-%m-%d %H:%M:%S}  {b.size / 1e6:8.1f} MB  {people:>15}  "
              f"{b.reason_text:<24}  {b.path}")
    if not found:
        print("No backups yet.")
    return 0


def _cmd_restore(args: argparse.Namespace) -> int:
    from ams_desk.store.database import StoreError
    from ams_desk.store.restore import restore_backup

    path = _sqlite_file(args.db)
    try:
        result = restore_backup(path, args.file)
    except StoreError as exc:
        raise CliError(str(exc)) from None
    print(f"Restored {args.file.name} ({result.people:,} people) to {path}.")
    if result.saved_current is not None:
        print(f"The file it replaced was backed up to {result.saved_current}.")
    if result.moved_aside is not None:
        print(f"The damaged file was kept as {result.moved_aside}.")
    if result.erasures_reapplied:
        print(f"{result.erasures_reapplied} people erased since the backup were erased again.")
    return 0


def _cmd_person(args: argparse.Namespace) -> int:
    from ams_desk.store.database import StoreError
    from ams_desk.store.people import find_person
    from ams_desk.store.rows import NotFoundError

    db = _open(args.db)
    try:
        if args.person_command == "export":
            from ams_desk.store.person_data import export_person, save_export

            data = export_person(db, args.email)
            save_export(data, args.output)
            rows = sum(len(v) for v in data["tables"].values())
            print(f"Wrote {rows} rows about {args.email} to {args.output}")
            return 0
        from ams_desk.store.erasure import erase_person

        person = find_person(db, args.email)
        if person is None:
            raise CliError(f"nobody with the email {args.email} is stored")
        if not args.yes:
            if not sys.stdin.isatty():
                raise CliError("erasing cannot be undone; add --yes to confirm")
            answer = input(f"Erase {person.name} <{person.email}> for good? [y/N] ")
            if answer.strip().lower() not in ("y", "yes"):
                print("Nothing was erased.")
                return 1
        result = erase_person(db, args.email)
        print(f"Erased {result.name}: {result.signups} sign-ups and {result.pairs} pairs kept "
              f"as anonymous counts, {result.other_rows} other rows deleted.")
        return 0
    except NotFoundError as exc:
        raise CliError(str(exc).strip("'\"")) from None
    except StoreError as exc:
        raise CliError(str(exc)) from None
    finally:
        db.close()


def _cmd_suggest(args: argparse.Namespace) -> int:
    from ams_desk.store.board import suggestions

    db = _open(args.db)
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


def _cmd_report(args: argparse.Namespace) -> int:
    from ams_desk.sheets.report import ReportExportError, write_report
    from ams_desk.store.report import load_program_data

    if args.output is None and not args.json:
        raise CliError("say where to write the report (-o FILE.xlsx), or print it with --json")
    if args.output is not None and args.output.suffix.lower() != ".xlsx":
        raise CliError(f"{args.output}: the report is an Excel workbook; name it *.xlsx")
    if args.year is not None and not 1900 <= args.year <= 9999:
        raise CliError(f"--year {args.year} is not a program year")
    db = _open(args.db)
    try:
        data = load_program_data(db)
    finally:
        db.close()
    report = data.report(args.year, args.today or date.today())
    if args.output is not None:
        try:
            write_report(args.output, data, report)
        except ReportExportError as exc:
            raise CliError(str(exc)) from None
    if args.json:
        _print_json(report.as_dict())
    else:
        f = report.figures
        print(f"Report {report.year} written to {args.output}: {f['signups_mentor']} mentor and "
              f"{f['signups_mentee']} mentee sign-ups, {f['pairs_proposed']} pairs proposed, "
              f"{f['met']} met.")
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


def _print_shown_and_quit(_window: Any) -> None:
    import time

    from PySide6.QtWidgets import QApplication

    print(f"SHOWN {time.time():.6f}", flush=True)
    QApplication.quit()


def _cmd_gui(args: argparse.Namespace) -> int:
    from ams_desk.gui.app import run

    on_shown = _print_shown_and_quit if args.quit_when_shown else None
    if args.demo:
        if args.db:
            raise CliError("--demo opens its own database; leave out --db")
        return run(_demo_url(), on_shown)
    return run(args.db, on_shown)


def _cmd_mail(args: argparse.Namespace) -> int:
    from ams_desk.mail_cli import cmd_mail

    return cmd_mail(args)


def _cmd_outbox(args: argparse.Namespace) -> int:
    from ams_desk.mail_cli import cmd_outbox

    return cmd_outbox(args)


COMMANDS: dict[str | None, Callable[[argparse.Namespace], int]] = {
    None: _cmd_gui,
    "demo": _cmd_demo,
    "list": _cmd_list,
    "backup": _cmd_backup,
    "attention": _cmd_attention,
    "suggest": _cmd_suggest,
    "import": _cmd_import,
    "mail": _cmd_mail,
    "outbox": _cmd_outbox,
    "backups": _cmd_backups,
    "restore": _cmd_restore,
    "person": _cmd_person,
    "report": _cmd_report,
}


def _unexpected(exc: BaseException) -> str:
    """One line for an error no command expected (a database damaged while in use, ...)."""
    orig = getattr(exc, "orig", None) or exc
    text = " ".join(str(orig).split()) or type(orig).__name__
    if "malformed" in text or "not a database" in text:
        return f"the database is damaged ({text}); nothing more was written to it"
    return f"unexpected error: {text} ({type(orig).__name__})"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the process exit code."""
    args = _parser().parse_args(argv)
    if args.self_test:
        from ams_desk.gui.self_test import run_self_test

        return run_self_test()
    try:
        return COMMANDS[args.command](args)
    except CliError as exc:
        print(f"ams-desk: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("ams-desk: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of our output went away (`ams-desk list people | head`): not an error
        # worth a traceback. Point stdout at nothing so the interpreter's flush is quiet.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as exc:  # noqa: BLE001 - never a traceback: one line, exit 1
        print(f"ams-desk: {_unexpected(exc)}", file=sys.stderr)
        return 1
