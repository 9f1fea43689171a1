"""The sample sheets in resources/samples/: in step with their generator, importing cleanly."""

from __future__ import annotations

from pathlib import Path

import pytest
from form_exports import (
    GOOGLE_MAPPING,
    MS_FORMS_MAPPING,
    NL_MAPPING,
    SAMPLES,
    write_samples,
)
from import_helpers import run

from ams_desk.sheets.importing.mapping import auto_map
from ams_desk.sheets.importing.read import read_table
from ams_desk.store.database import Database

FOLDER = Path(__file__).resolve().parents[2] / "resources" / "samples"
EXPECTED = {
    "microsoft-forms-export.xlsx": MS_FORMS_MAPPING,
    "google-forms-export.csv": GOOGLE_MAPPING,
    "excel-dutch-semicolon.csv": NL_MAPPING,
}


def test_every_sample_is_committed() -> None:
    assert sorted(p.name for p in FOLDER.iterdir()) == sorted(SAMPLES)


def test_samples_match_their_generator(tmp_path: Path) -> None:
    write_samples(tmp_path)
    for name in SAMPLES:
        fresh, committed = read_table(tmp_path / name), read_table(FOLDER / name)
        assert (fresh.headers, fresh.rows) == (committed.headers, committed.rows), name
        if name.endswith(".csv"):
            assert (tmp_path / name).read_bytes() == (FOLDER / name).read_bytes()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_maps_and_imports(db: Database, name: str) -> None:
    table = read_table(FOLDER / name)
    assert 25 <= len(table.rows) <= 40
    assert any(not str(v).isascii() for row in table.rows for v in row.values if v)
    mapping = auto_map(table).mapping
    assert {h: f.value for h, f in zip(table.headers, mapping.fields, strict=True) if f} == (
        EXPECTED[name])
    report = run(db, FOLDER / name)
    assert report.applied and report.counts.skipped == 1
    assert report.counts.signups_created == 28
