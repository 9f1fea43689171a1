"""Hostile and broken files through the whole import path: refused or imported, never half.

Every file of the reader's hostile corpus, plus awkward-but-readable sheets
(header only, unrelated columns, merged cells, formulas without cached
values, a stale dimension tag, a 32,767-character cell, NUL and control
characters, a million rows), goes through :func:`import_file`. Each must end
as a :class:`SheetError` naming the file (and the row where there is one) or
as an import whose skipped rows are named — in bounded memory, with the
database either untouched or fully imported. How fast is measured by
``benchmarks/bench_refusals.py``.
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from hostile_files import CASES
from import_helpers import snapshot
from sheet_files import openpyxl_book, patch_member

from ams_desk.core.model import Role
from ams_desk.core.validation import PersonInput, SignupInput
from ams_desk.sheets.importing.errors import SheetError
from ams_desk.sheets.importing.importer import import_file
from ams_desk.sheets.importing.parse import ImportOptions
from ams_desk.store.database import Database
from ams_desk.store.imports import signup_sources
from ams_desk.store.people import add_signup, list_people

MEMORY_LIMIT_BYTES = 300 * 1024 * 1024
HEADER = ["Name", "Email", "Role", "Notes"]


def _seed(db: Database) -> None:
    add_signup(db, PersonInput("Stored Person", "stored@example.org", "Postdoc"),
               SignupInput(Role.MENTEE, date(2026, 1, 2), 2026))


def _import(db: Database, path: Path) -> tuple[object, int]:
    """Import ``path``: the report or the SheetError, and the Python memory peak."""
    tracemalloc.start()
    try:
        result: object = import_file(db, path, options=ImportOptions(today=date(2026, 3, 1)))
    except SheetError as error:
        result = error
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return result, peak


def test_corpus_is_large_enough() -> None:
    assert len(CASES) + len(ACCEPTED) >= 25


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_file_is_refused_and_nothing_is_written(
    db: Database, tmp_path: Path, name: str
) -> None:
    _seed(db)
    before = snapshot(db.engine)
    path = CASES[name].build(tmp_path)
    result, peak = _import(db, path)
    assert isinstance(result, SheetError), result
    message = str(result)
    assert CASES[name].message in message
    assert message.startswith(path.name) and "\n" not in message
    assert peak < MEMORY_LIMIT_BYTES
    assert snapshot(db.engine) == before


@dataclass(frozen=True)
class Accepted:
    """An awkward but readable file: refused with ``refusal``, or imported as ``imported``."""

    build: Callable[[Path], Path]
    refusal: str | None = None
    imported: int = 0
    skipped: dict[int, str] | None = None  # row -> field at fault


def _book(folder: Path, name: str, rows: list[list[object]]) -> Path:
    return openpyxl_book(folder / name, [HEADER, *rows])


def header_only(folder: Path) -> Path:
    return _book(folder, "header.xlsx", [])


def unrelated(folder: Path) -> Path:
    return openpyxl_book(folder / "stock.xlsx", [["Product", "Price"], ["Chair", 12.5]])


def merged(folder: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER)
    sheet.append(["Ann Archer", "ann@example.org", "mentor", "merged note"])
    sheet.append(["Bob Baker", "bob@example.org", "mentee", None])
    sheet.merge_cells("D2:D3")
    sheet.merge_cells("A5:D5")
    sheet["A5"] = "Section: late sign-ups"
    sheet.append(["Cy Chen", "cy@example.org", "mentee", None])
    path = folder / "merged.xlsx"
    book.save(path)
    return path


def formulas_without_cache(folder: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER)
    sheet.append(["Ann Archer", '=LOWER("ANN@EXAMPLE.ORG")', "mentor", "=1+1"])
    sheet.append(["Bob Baker", "bob@example.org", "mentee", "=NOW()"])
    path = folder / "formulas.xlsx"
    book.save(path)  # openpyxl stores no cached values: the cells read as empty
    return path


def stale_dimension(folder: Path) -> Path:
    good = _book(folder, "good.xlsx",
                 [[f"P {i}", f"p{i}@example.org", "mentee", None] for i in range(50)])
    return patch_member(good, folder / "stale.xlsx", "xl/worksheets/sheet1.xml",
                        lambda xml: xml.replace(b'<dimension ref="A1:C51" />',
                                                b'<dimension ref="A1:B2" />'))


def long_cells(folder: Path) -> Path:
    return _book(folder, "long.xlsx", [
        ["Ann Archer", "ann@example.org", "mentor", "x" * 32_767],
        ["N" * 32_767, "bob@example.org", "mentee", None],
    ])  # fmt: skip


def control_characters(folder: Path) -> Path:
    # NUL bytes near the start make the file look binary (refused, see the corpus); here
    # they come after 200 ordinary rows, as in a long export with one damaged line.
    filler = "".join(f"P {i},p{i}@example.org,mentee,\n" for i in range(200)).encode()
    path = folder / "controls.csv"
    path.write_bytes(
        b"Name,Email,Role,Notes\n" + filler
        + b"A\x00nn\x07 Archer,ann@example.org\x1b,mentor,ok\x0b\x0c\nBob\x00,\x00,mentee,\n"
    )
    return path


def formula_injection(folder: Path) -> Path:
    path = folder / "inject.csv"
    path.write_text(
        'Name,Email,Role,Notes\n"=HYPERLINK(""http://evil.example"",""x"")",ann@example.org,'
        'mentor,"@SUM(1+1)"\n',
        encoding="utf-8",
    )
    return path


ACCEPTED: dict[str, Accepted] = {
    "header-only": Accepted(header_only, "header.xlsx: has no rows below the header"),
    "unrelated-columns": Accepted(unrelated, "stock.xlsx: refused: no column holds the name or "
                                             "email or role (mentor or mentee)"),
    "merged-cells": Accepted(merged, imported=3, skipped={5: "email"}),
    "formulas-without-cache": Accepted(formulas_without_cache, imported=1, skipped={2: "email"}),
    "stale-dimension": Accepted(stale_dimension, imported=50),
    "32767-char-cells": Accepted(long_cells, imported=1, skipped={3: "name"}),
    "control-characters": Accepted(control_characters, imported=201, skipped={203: "email"}),
    "formula-injection": Accepted(formula_injection, imported=1),
}


@pytest.mark.parametrize("name", sorted(ACCEPTED))
def test_awkward_file_is_refused_or_imported_whole(
    any_db: Database, tmp_path: Path, name: str
) -> None:
    case = ACCEPTED[name]
    _seed(any_db)
    before = snapshot(any_db.engine)
    path = case.build(tmp_path)
    result, peak = _import(any_db, path)
    assert peak < MEMORY_LIMIT_BYTES
    if case.refusal is not None:
        assert isinstance(result, SheetError)
        assert str(result).startswith(case.refusal)
        assert snapshot(any_db.engine) == before
        return
    assert not isinstance(result, SheetError), result
    report = result
    assert report.applied  # type: ignore[attr-defined]
    assert report.counts.signups_created == case.imported  # type: ignore[attr-defined]
    skipped = {s.row: s.field.value for s in report.skipped if s.field}  # type: ignore[attr-defined]
    assert skipped == (case.skipped or {})
    for issue in report.skipped:  # type: ignore[attr-defined]
        assert str(issue).startswith(f"row {issue.row}, column ")
    assert len(list_people(any_db)) == 1 + case.imported


def test_cleaned_values_are_stored_literally(db: Database, tmp_path: Path) -> None:
    import_file(db, control_characters(tmp_path))
    ann = next(p for p in list_people(db) if p.email == "ann@example.org")
    assert ann.name == "Ann Archer"
    assert "ok" in {s.notes for s in signup_sources(db).values()}  # \x0b and \x0c removed
    import_file(db, formula_injection(tmp_path))
    ann = next(p for p in list_people(db) if p.email == "ann@example.org")
    assert ann.name == '=HYPERLINK("http://evil.example","x")'
    assert "@SUM(1+1)" in {s.notes for s in signup_sources(db).values()}


@pytest.mark.slow
def test_a_million_rows_are_refused_without_writing(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "million.csv"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("Name,Email,Role\n")
        for start in range(0, 1_000_000, 50_000):
            handle.write("".join(f"P {i},p{i}@example.org,mentee\n"
                                 for i in range(start, start + 50_000)))
    before = snapshot(db.engine)
    with pytest.raises(SheetError) as caught:
        import_file(db, path)
    assert str(caught.value).startswith("million.csv, row 200002: refused: the sheet has more "
                                        "than 200,000 rows")
    assert snapshot(db.engine) == before
