"""The ``ams-desk`` command: the GUI by default, subcommands for scripted work."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from ams_desk import __version__
from ams_desk.cli_common import CliError
from ams_desk.cli_common import open_db as _open


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


# Each command's module is imported only when it runs: opening the window loads none.
def _cmd_list(args: argparse.Namespace) -> int:
    from ams_desk.list_cli import cmd_list

    return cmd_list(args)


def _cmd_attention(args: argparse.Namespace) -> int:
    from ams_desk.list_cli import cmd_attention

    return cmd_attention(args)


def _cmd_suggest(args: argparse.Namespace) -> int:
    from ams_desk.list_cli import cmd_suggest

    return cmd_suggest(args)


def _cmd_import(args: argparse.Namespace) -> int:
    from ams_desk.import_cli import cmd_import

    return cmd_import(args)


def _cmd_backup(args: argparse.Namespace) -> int:
    from ams_desk.backup_cli import cmd_backup

    return cmd_backup(args)


def _cmd_backups(args: argparse.Namespace) -> int:
    from ams_desk.backup_cli import cmd_backups

    return cmd_backups(args)


def _cmd_restore(args: argparse.Namespace) -> int:
    from ams_desk.backup_cli import cmd_restore

    return cmd_restore(args)


def _cmd_person(args: argparse.Namespace) -> int:
    from ams_desk.person_cli import cmd_person

    return cmd_person(args)


def _cmd_report(args: argparse.Namespace) -> int:
    from ams_desk.report_cli import cmd_report

    return cmd_report(args)


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
