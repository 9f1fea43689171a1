"""The ``ams-desk report`` command: the yearly program report as a workbook and/or JSON.

Kept beside :mod:`ams_desk.cli`, which parses its arguments and calls :func:`cmd_report`.
"""

from __future__ import annotations

import argparse
from datetime import date

from ams_desk.cli_common import CliError, open_db, print_json


def cmd_report(args: argparse.Namespace) -> int:
    """``ams-desk report``: write the yearly program workbook and/or print its figures."""
    from ams_desk.sheets.report import ReportExportError, write_report
    from ams_desk.store.report import load_program_data

    if args.output is None and not args.json:
        raise CliError("say where to write the report (-o FILE.xlsx), or print it with --json")
    if args.output is not None and args.output.suffix.lower() != ".xlsx":
        raise CliError(f"{args.output}: the report is an Excel workbook; name it *.xlsx")
    if args.year is not None and not 1900 <= args.year <= 9999:
        raise CliError(f"--year {args.year} is not a program year")
    db = open_db(args.db)
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
        print_json(report.as_dict())
    else:
        f = report.figures
        print(f"Report {report.year} written to {args.output}: {f['signups_mentor']} mentor and "
              f"{f['signups_mentee']} mentee sign-ups, {f['pairs_proposed']} pairs proposed, "
              f"{f['met']} met.")
    return 0
