"""The ``ams-desk import`` command: sign-ups from a spreadsheet, all rows or none, and ``--undo``.

Kept beside :mod:`ams_desk.cli`, which parses its arguments and calls :func:`cmd_import`.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ams_desk.cli_common import CliError, open_db, print_json

if TYPE_CHECKING:
    from ams_desk.sheets.importing.operations import Confirm
    from ams_desk.store.database import Database


def cmd_import(args: argparse.Namespace) -> int:
    """``ams-desk import``: import sign-ups from a spreadsheet, or undo the last import."""
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
    db = open_db(args.db)
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
            print_json({"file": str(args.file), "rows_read": 0, "rows": {
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
        print_json(report.to_dict())
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
    db = open_db(args.db)
    try:
        undone = undo_last_import(db)
    except (ImportUndoError, StoreError) as exc:
        raise CliError(f"import --undo: {exc}") from None
    finally:
        db.close()
    if args.json:
        print_json({"undone": undone.run_id, "file": undone.file,
                     "people_removed": len(undone.people_removed),
                     "signups_removed": len(undone.signups_removed),
                     "people_restored": len(undone.people_restored),
                     "signups_restored": len(undone.signups_restored),
                     "confirmations_removed": len(undone.emails_removed),
                     "confirmations_kept": len(undone.emails_kept)})
    else:
        print(undone.summary()[:1].upper() + undone.summary()[1:])
    return 0
