"""The ``ams-desk person`` command: export or erase everything stored about one person.

Kept beside :mod:`ams_desk.cli`, which parses its arguments and calls :func:`cmd_person`.
"""

from __future__ import annotations

import argparse
import sys

from ams_desk.cli_common import CliError, open_db


def cmd_person(args: argparse.Namespace) -> int:
    """``ams-desk person export|erase EMAIL``: everything stored about one person."""
    from ams_desk.store.database import StoreError
    from ams_desk.store.people import find_person
    from ams_desk.store.rows import NotFoundError

    db = open_db(args.db)
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
