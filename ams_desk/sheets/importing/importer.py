"""The whole sign-up import in one call, and the choice of mapping (saved profile or guess).

The wizard runs the steps one by one (read, map, preview, apply) so that the
coordinator can look and change things in between; the CLI, the benchmark and
the tests use :func:`import_file`, which runs the same steps in a row::

    read_table ─▶ choose_mapping ─▶ build_preview ─▶ apply_preview
"""

from __future__ import annotations

import enum
import os
from collections.abc import Callable
from dataclasses import dataclass

from ams_desk.sheets.importing.apply import ImportReport, dry_run_report, refusal
from ams_desk.sheets.importing.errors import SheetError
from ams_desk.sheets.importing.mapping import Mapping, auto_map
from ams_desk.sheets.importing.operations import Confirm, apply_import
from ams_desk.sheets.importing.parse import ImportOptions
from ams_desk.sheets.importing.preview import build_preview
from ams_desk.sheets.importing.read.reader import read_table, sheets_with_rows
from ams_desk.sheets.importing.read.table import RawTable
from ams_desk.store.bulk import paused_gc
from ams_desk.store.database import Database
from ams_desk.store.import_profiles import (
    ImportProfile,
    find_import_profile,
    get_import_profile,
    save_import_profile,
)
from ams_desk.store.settings import get_program_settings


class UnknownProfile(LookupError):
    """No import profile has the name asked for."""


class ImportPhase(enum.StrEnum):
    """The steps of :func:`import_file`, reported through its ``phase`` callable."""

    READING = "reading"
    CHECKING = "checking"
    WRITING = "writing"


@dataclass(frozen=True)
class MappingChoice:
    """The mapping to start from, and where it came from.

    Attributes:
        mapping: The mapping.
        profile: The saved profile it came from, or ``None`` for a fresh guess.
        reasons: One explanation per column, for the wizard's mapping page.
    """

    mapping: Mapping
    profile: str | None
    reasons: tuple[str, ...]


def choose_mapping(db: Database, table: RawTable, profile: str | None = None) -> MappingChoice:
    """The mapping for ``table``: the named profile, a saved one for its headers, or a guess.

    Raises:
        UnknownProfile: ``profile`` is given but no profile has that name.
    """
    saved: ImportProfile | None
    if profile is not None:
        saved = get_import_profile(db, profile)
        if saved is None:
            raise UnknownProfile(f"no import profile is called {profile!r}")
    else:
        saved = find_import_profile(db, table.headers)
    if saved is not None:
        mapping = Mapping.from_headers(table.headers, saved.mapping)
        reasons = tuple(
            f"{f.label}: profile “{saved.name}”" if f else f"not imported (profile “{saved.name}”)"
            for f in mapping.fields
        )
        return MappingChoice(mapping, saved.name, reasons)
    guess = auto_map(table, get_program_settings(db).ladder)
    return MappingChoice(guess.mapping, None, guess.reasons)


NO_ROWS = "has no rows below the header: nothing to import"
NO_HEADER = "has no header row: every row is empty"


def nothing_to_import(path: str, sheet: str | None, reason: str = NO_ROWS) -> SheetError:
    """The error for a sheet without data, naming the other sheets that hold rows.

    Args:
        path: The file.
        sheet: The sheet that was read (``None``: the first, or a CSV).
        reason: What is wrong with it.
    """
    others = sheets_with_rows(path, sheet)
    if not sheet and others:
        # read_table took the first visible sheet: leave it out of the suggestions.
        from ams_desk.sheets.importing.read.reader import sheet_names

        names = sheet_names(path)
        first = names[0] if names else None
        others = [(n, c) for n, c in others if n != first]
    if others:
        shown = ", ".join(f"“{name}” ({count:,} rows)" for name, count in others[:3])
        name = others[0][0]
        reason += (f"; the sheet{'s' if len(others) > 1 else ''} {shown} "
                   f"{'hold' if len(others) > 1 else 'holds'} rows: choose it with "
                   f"--sheet \"{name}\" (or in the wizard)")
    return SheetError(path, reason)


def save_profile(db: Database, name: str, mapping: Mapping) -> ImportProfile:
    """Save ``mapping`` as the profile ``name`` (picked automatically for the same headers later).

    Raises:
        ValidationError: The name is empty or too long.
    """
    return save_import_profile(db, name, mapping.headers, mapping.by_header())


def import_file(
    db: Database,
    path: str | os.PathLike[str],
    *,
    sheet: str | None = None,
    profile: str | None = None,
    options: ImportOptions | None = None,
    dry_run: bool = False,
    header_row: int | None = None,
    progress: Callable[[int, int | None], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    phase: Callable[[ImportPhase], None] | None = None,
    confirm: Confirm | None = None,
) -> ImportReport:
    """Read, map, check and (unless ``dry_run``) import a sign-up sheet.

    Args:
        db: The database.
        path: The .xlsx or .csv file.
        sheet: The worksheet (default: the first visible one).
        profile: A saved mapping profile to use instead of the automatic choice.
        options: Default role, date order, date for rows without one.
        dry_run: Check and count, write nothing.
        header_row: The sheet's own number of the header row (default: found).
        progress: Optional ``progress(done, total)``; restarts at each phase.
        cancelled: Optional ``cancelled()``; stops any phase, nothing written.
        phase: Optional ``phase(ImportPhase)``, called as each phase starts.
        confirm: Queues the new sign-ups' confirmations once the import is
            written (see :func:`~ams_desk.sheets.importing.operations.apply_import`).

    Returns:
        The report (``applied`` False for a dry run).

    Raises:
        SheetError: The file is refused — unreadable, unsafe, no usable
            columns, or not one importable row. Nothing was written.
        UnknownProfile: ``profile`` names no saved profile.
        ReadCancelled: ``cancelled()`` returned True (``ImportCancelled`` after reading).
        StoreError: The database could not be read or written. Nothing was written.
    """
    if phase is not None:
        phase(ImportPhase.READING)
    with paused_gc():
        try:
            table = read_table(path, sheet, progress=progress, cancelled=cancelled,
                               header_row=header_row)
        except SheetError as error:
            if error.reason == NO_HEADER:
                raise nothing_to_import(error.file, sheet, NO_HEADER) from None
            raise
    if not table.rows:
        raise nothing_to_import(table.file, sheet)
    choice = choose_mapping(db, table, profile)
    if phase is not None:
        phase(ImportPhase.CHECKING)
    preview = build_preview(
        db, table, choice.mapping, options, progress=progress, cancelled=cancelled
    )
    refused = refusal(preview)
    if refused is not None:
        raise refused
    if dry_run:
        return dry_run_report(preview)
    if phase is not None:
        phase(ImportPhase.WRITING)
    return apply_import(db, preview, progress=progress, cancelled=cancelled,
                        confirm=confirm).value
