"""Write a :class:`~ams_desk.sheets.importing.preview.Preview` to the database: all, or nothing.

:func:`apply_preview` runs ONE transaction. Inside it the database's write
lock is taken, the stored state of the sheet's people is read again and the
rows are resolved against it (so a preview made before someone else changed
the database cannot write stale decisions), then everything is written with
bulk statements. Any error, a cancel, or the process being killed leaves the
database as it was.

The returned :class:`ImportReport` says what was created, updated and
skipped and why; it can be saved as text or CSV.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from ams_desk.sheets.importing.errors import ImportCancelled, SheetError
from ams_desk.sheets.importing.outcome import ImportCounts, RowOutcome
from ams_desk.sheets.importing.parse import RowIssue
from ams_desk.sheets.importing.preview import Preview, UnmappedColumn
from ams_desk.sheets.importing.resolve import email_keys, resolve, source_name
from ams_desk.store.bulk import paused_gc
from ams_desk.store.database import Database, StoreError
from ams_desk.store.imports import ImportState, ImportWrites, WriteCancelled, write_import


@dataclass(frozen=True)
class ImportReport:
    """What an import did (``applied``) or would do (a dry run).

    Attributes:
        file: The path that was read.
        sheet: The worksheet (``None`` for CSV).
        applied: True when it was written to the database.
        counts: The totals.
        rows: One outcome per data row, in sheet order.
        finished_at: When the import (or dry run) finished.
        unmapped: The columns that were not imported.
        run_id: The stored record of the import (what undo reverts), if written.
        confirmations: Sign-up confirmations queued to its new sign-ups.
    """

    file: str
    sheet: str | None
    applied: bool
    counts: ImportCounts
    rows: tuple[RowOutcome, ...]
    finished_at: datetime = field(default_factory=lambda: datetime.now().replace(microsecond=0))
    unmapped: tuple[UnmappedColumn, ...] = ()
    run_id: int | None = None
    confirmations: int = 0

    @property
    def skipped(self) -> tuple[RowIssue, ...]:
        """The skipped rows' reasons, in sheet order."""
        return tuple(r.skipped for r in self.rows if r.skipped is not None)

    def to_dict(self) -> dict[str, Any]:
        """The summary the CLI prints with ``--json``.

        ``rows`` adds up: ``read == created + updated + unchanged + merged + skipped``.
        """
        c = self.counts
        return {
            "file": self.file,
            "sheet": self.sheet,
            "rows_read": c.rows_read,
            "rows": {
                "read": c.rows_read, "created": c.rows_created, "updated": c.rows_updated,
                "unchanged": c.unchanged_rows, "merged": c.rows_merged, "skipped": c.skipped,
            },
            "people_created": c.people_created,
            "people_updated": c.people_updated,
            "signups_created": c.signups_created,
            "signups_updated": c.signups_updated,
            "unchanged": c.unchanged_rows,
            "merged": c.rows_merged,
            "skipped": [
                {"row": s.row, "name": s.name, "email": s.email,
                 "field": s.field.value if s.field else None, "column": s.column,
                 "reason": _reason(s)}
                for s in self.skipped
            ],
            "flagged": [
                {"row": f.row, "field": f.field.value if f.field else None, "column": f.column,
                 "reason": _reason(f)}
                for r in self.rows for f in r.flags
            ],
            "unmapped_columns": [
                {"column": u.header, "values": u.filled, "example": u.example}
                for u in self.unmapped
            ],
            "applied": self.applied,
            "import_id": self.run_id,
            "confirmations_queued": self.confirmations,
        }  # fmt: skip

    def summary(self) -> str:
        """One line: the rows (adding up), then the people and sign-ups created and updated."""
        c = self.counts
        verb = "imported" if self.applied else "dry run, nothing written"
        return (
            f"{os.path.basename(self.file)} ({verb}): {c.rows_line()}; "
            f"people: {c.people_created} created, {c.people_updated} updated; "
            f"sign-ups: {c.signups_created} created, {c.signups_updated} updated"
            + (f"; {self.confirmations} sign-up "
               f"{'confirmation' if self.confirmations == 1 else 'confirmations'} queued"
               if self.confirmations else "")
        )

    def to_text(self) -> str:
        """The report as plain text: the summary, the columns left out, one line per row."""
        lines = [self.summary(), f"Finished {self.finished_at.isoformat(sep=' ')}", ""]
        if self.unmapped:
            lines.append("Columns not imported:")
            lines.extend(
                f"    {u.header!r} ({u.filled} values" + (f", e.g. “{u.example}”)" if u.example
                                                          else ")")
                for u in self.unmapped
            )
            lines.append("")
        for row in self.rows:
            name, email = row.name, row.email
            if row.skipped is not None:
                name, email = row.skipped.name, row.skipped.email
            who = f"{name} <{email}>" if email else name
            lines.append(f"row {row.row}: {row.summary}" + (f" — {who}" if who else ""))
            lines.extend(f"    check: {_reason(f)}" for f in row.flags)
        return "\n".join(lines) + "\n"

    def to_csv(self) -> str:
        """The report as CSV, one line per row (formula-like cells quoted so Excel shows text)."""
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["row", "outcome", "name", "email", "role", "person", "sign-up",
                         "column", "reason", "flags"])
        for r in self.rows:
            issue = r.skipped
            writer.writerow([_cell(v) for v in (
                r.row, r.kind.value,
                issue.name if issue else r.name, issue.email if issue else r.email,
                r.role.value if r.role else "",
                r.person.value if r.person else "", r.signup.value if r.signup else "",
                issue.column if issue and issue.column else "",
                issue.message if issue else r.summary,
                "; ".join(_reason(f) for f in r.flags),
            )])  # fmt: skip
        return out.getvalue()

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the report to ``path``: CSV (with a BOM, for Excel) for ``.csv``, else text."""
        target = Path(path)
        if target.suffix.casefold() == ".csv":
            target.write_text(self.to_csv(), encoding="utf-8-sig", newline="")
        else:
            target.write_text(self.to_text(), encoding="utf-8")
        return target


def _reason(issue: RowIssue) -> str:
    return f"column {issue.column!r}: {issue.message}" if issue.column else issue.message


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    # A cell starting like a formula would run as one when the CSV is opened in Excel.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


_Result = tuple[tuple[RowOutcome, ...], ImportCounts]


def refusal(preview: Preview) -> SheetError | None:
    """The reason the whole file is refused (nothing can be imported), or ``None``."""
    if not preview.rows:
        return SheetError(preview.file, "has no rows below the header: nothing to import")
    if not preview.importable:
        first = preview.skipped[0]
        return SheetError(
            preview.file,
            f"none of the {len(preview.rows):,} rows can be imported; "
            f"the first problem: {_reason(first)}",
            row=first.row,
        )
    return None


def dry_run_report(preview: Preview) -> ImportReport:
    """The report of an import that was only previewed."""
    return ImportReport(preview.file, preview.sheet, False, preview.counts, preview.rows,
                        unmapped=preview.unmapped)


def apply_preview(
    db: Database,
    preview: Preview,
    *,
    progress: Callable[[int, int | None], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportReport:
    """Import the rows of ``preview`` in one transaction.

    Args:
        db: The database.
        preview: From :func:`ams_desk.sheets.importing.preview.build_preview`.
        progress: Optional ``progress(done, total)`` in rows written.
        cancelled: Optional ``cancelled()``, checked between chunks of rows;
            a cancel rolls everything back.

    Returns:
        What was done. It may differ from the preview when the database
        changed in between: the report, not the preview, says what happened.

    Raises:
        SheetError: No row of the file can be imported (nothing written).
        ImportCancelled: ``cancelled()`` returned True (nothing written).
        StoreError: The database refused the writes (nothing written).
    """
    refused = refusal(preview)
    if refused is not None:
        raise refused
    name = source_name(preview.file)

    def plan(state: ImportState) -> tuple[ImportWrites, _Result]:
        if preview.writes is not None and state == preview.state:
            return preview.writes, (preview.rows, preview.counts)  # nothing changed meanwhile
        writes, outcomes, counts = resolve(preview.parsed, state, name, preview.options)
        return writes, (outcomes, counts)

    try:
        with paused_gc():
            (outcomes, counts), run_id = write_import(
                db, email_keys(preview.parsed), plan, progress=progress, cancelled=cancelled,
                source=(name, preview.sheet),
            )
    except WriteCancelled:
        raise ImportCancelled(f"importing {name} was cancelled; nothing was written") from None
    except SQLAlchemyError as exc:
        detail = " ".join(str(getattr(exc, "orig", None) or exc).split())[:300]
        raise StoreError(
            f"{name}: nothing was imported: the database refused it ({detail})"
        ) from None
    return ImportReport(preview.file, preview.sheet, True, counts, outcomes,
                        unmapped=preview.unmapped, run_id=run_id)
