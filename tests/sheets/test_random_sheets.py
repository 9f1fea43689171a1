"""Random sheets: every answer of a mapped column stored exactly (or its row flagged), every
unmapped column listed.

Each example writes a CSV with random column headers (the field names a form
uses, in any order, beside questions the import does not know), free-text
answers built from real-looking sentences (with the words that once made a
motivation column look like a meeting preference), accented names, a few
invisible or control characters, and mixed encodings (some lines Windows-1252
in a UTF-8 file, or the whole file in Windows-1252 or UTF-16), imports it into
a fresh SQLite file and reads back what was stored.
"""

from __future__ import annotations

import csv
import io
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from ams_desk.sheets.importing.fields import Field
from ams_desk.sheets.importing.headers import header_hint
from ams_desk.sheets.importing.importer import import_file
from ams_desk.sheets.importing.parse import ImportOptions
from ams_desk.store.database import open_database

TEXT = (
    "I would like to learn how others balance research and teaching any both teams "
    "remote online live flexible in person meeting mentor mentee career funding grants "
    "networking visibility deadlines supervisor lab abroad industry stress priorities "
    "publishing writing because my group is small and new here working hours"
)
WORDS = tuple(TEXT.split())
ACCENTED = ("Zoë", "Müller", "José", "Núñez", "Chloé", "Øvergård", "Renée", "Łukasz", "Ærø",
            "François", "Gülşen", "Dvořák")
PLAIN = ("Anna", "Bram", "Claire", "Daan", "Eva", "Finn", "Greta", "Hugo", "Iris", "Jonas",
         "de Vries", "van Dijk", "Smith", "Jansen", "Bakker", "Visser")
# Field columns by a name a form uses; the values they get are generated below.
FIELD_HEADERS = {
    Field.NAME: ("Name", "Full name", "Naam"),
    Field.EMAIL: ("Email", "E-mail address", "Email address"),
    Field.ROLE: ("Role", "Mentor or mentee"),
    Field.MOTIVATION: ("Motivation", "Comments", "Opmerkingen"),
    Field.DEPARTMENT: ("Department", "Afdeling", "Faculty"),
}
# Questions the import does not know: their columns must be listed as not imported.
OTHER_HEADERS = ("Favourite colour", "Lunch choice", "How did you hear of us",
                 "Shoe size", "Q17", "Extra question", "Parking permit")
ODD = ("\u200b", "\x07", "\u00ad")  # invisible or control characters, removed and flagged

sentences = st.lists(st.sampled_from(WORDS), min_size=3, max_size=18).map(
    lambda words: " ".join(words).capitalize() + ".")
answers = st.lists(sentences, min_size=1, max_size=3).map(" ".join)
names = st.tuples(st.sampled_from(PLAIN + ACCENTED), st.sampled_from(PLAIN + ACCENTED)).map(
    " ".join)


@st.composite
def sheets(draw: st.DrawFn) -> dict[str, object]:
    fields = [Field.NAME, Field.EMAIL, Field.ROLE]
    fields += draw(st.lists(st.sampled_from([Field.MOTIVATION, Field.DEPARTMENT]), max_size=2,
                            unique=True))
    others = draw(st.lists(st.sampled_from(OTHER_HEADERS), max_size=3, unique=True))
    columns: list[tuple[str, Field | None]] = [
        (draw(st.sampled_from(FIELD_HEADERS[f])), f) for f in fields]
    columns += [(h, None) for h in others]
    columns = draw(st.permutations(columns))
    count = draw(st.integers(min_value=1, max_value=12))
    rows = []
    for i in range(count):
        row: dict[str, str] = {}
        for header, target in columns:
            if target is Field.NAME:
                value = draw(names)
            elif target is Field.EMAIL:
                value = f"person{i}@example.org"
            elif target is Field.ROLE:
                value = draw(st.sampled_from(("mentor", "mentee", "Mentee", "Mentor")))
            elif target is Field.MOTIVATION:
                value = draw(st.one_of(st.just(""), answers,
                                       st.tuples(answers, answers).map("\n".join)))
            elif target is Field.DEPARTMENT:
                value = draw(st.sampled_from(("Physics", "Chemie", "Économie", "", "Biologie")))
            else:
                value = draw(st.one_of(st.just(""), answers))
            if value and target in (Field.MOTIVATION, Field.DEPARTMENT) and draw(
                    st.integers(0, 9)) == 0:
                cut = draw(st.integers(1, len(value)))
                value = value[:cut] + draw(st.sampled_from(ODD)) + value[cut:]
            row[header] = value
        rows.append(row)
    encoding = draw(st.sampled_from(("utf-8", "mixed", "cp1252", "utf-16")))
    cp1252_rows = set()
    if encoding == "mixed":
        cp1252_rows = set(draw(st.lists(st.integers(0, count - 1), unique=True)))
    return {"columns": columns, "rows": rows, "encoding": encoding, "cp1252": cp1252_rows}


def _encodable(text_: str) -> bool:
    try:
        text_.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def _write(path: Path, sheet: dict[str, object]) -> dict[int, bool]:
    """Write the sheet; returns, per data row index, whether its line went out as cp1252."""
    columns = sheet["columns"]
    rows = sheet["rows"]
    assert isinstance(columns, list) and isinstance(rows, list)
    headers = [h for h, _ in columns]
    encoding = sheet["encoding"]
    as_cp1252: dict[int, bool] = {}

    def line(values: list[str]) -> str:
        out = io.StringIO()
        csv.writer(out, lineterminator="\r\n").writerow(values)
        return out.getvalue()

    lines = [line(headers)] + [line([r[h] for h in headers]) for r in rows]
    if encoding == "utf-16":
        path.write_bytes(b"\xff\xfe" + "".join(lines).encode("utf-16-le"))
    elif encoding == "cp1252" and all(_encodable(x) for x in lines):
        path.write_bytes("".join(lines).encode("cp1252"))
    else:
        chosen = sheet["cp1252"]
        assert isinstance(chosen, set)
        data = [lines[0].encode("utf-8")]
        for i, text_ in enumerate(lines[1:]):
            # A quoted cell with a line break spans lines: encode the whole record alike.
            # An ASCII line is the same in both encodings: nothing to flag.
            cp = i in chosen and _encodable(text_) and not text_.isascii()
            as_cp1252[i] = cp
            data.append(text_.encode("cp1252" if cp else "utf-8"))
        path.write_bytes(b"".join(data))
        utf8_text = any(not t.isascii() for i, t in enumerate(lines[1:]) if not as_cp1252[i])
        if not utf8_text:
            # No line shows real UTF-8: the file reads as Windows-1252 throughout, unflagged.
            as_cp1252 = {}
    return as_cp1252


def _tidy(value: str) -> str:
    """What the import documents it does to free text: spaces tidied, line breaks kept."""
    return "\n".join(" ".join(x.split()) for x in value.replace("\r\n", "\n").split("\n")).strip()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sheet=sheets())
def test_every_mapped_answer_is_stored_exactly_or_flagged(sheet: dict[str, object]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "random.csv"
        as_cp1252 = _write(path, sheet)
        db = open_database(f"sqlite:///{Path(folder) / 'ams.sqlite'}")
        try:
            report = import_file(db, path, options=ImportOptions(today=date(2026, 3, 1)))
            with db.engine.connect() as conn:
                people = {r.email: r for r in conn.execute(text(
                    "SELECT p.email, p.name, p.department, s.motivation FROM person p "
                    "JOIN signup s ON s.person_id = p.id"))}
        finally:
            db.close()
    columns = sheet["columns"]
    rows = sheet["rows"]
    assert isinstance(columns, list) and isinstance(rows, list)
    # Every column the mapping left out is listed with its header.
    assert [u.header for u in report.unmapped] == [h for h, f in columns if f is None]
    assert all(header_hint(u.header).field is None for u in report.unmapped)
    assert report.counts.skipped == 0
    outcomes = {o.row: o for o in report.rows}
    by_field = {f: h for h, f in columns if f is not None}
    for index, row in enumerate(rows):
        outcome = outcomes[index + 2]
        flagged = {f.column for f in outcome.flags}
        row_flagged = any(f.column is None and "not UTF-8" in f.message for f in outcome.flags)
        stored = people[row[by_field[Field.EMAIL]]]
        if as_cp1252.get(index):
            assert row_flagged, f"row {index + 2} was Windows-1252 and is not flagged"
        assert stored.name == " ".join(row[by_field[Field.NAME]].split())
        for target, value in ((Field.DEPARTMENT, stored.department),
                              (Field.MOTIVATION, stored.motivation)):
            if target not in by_field:
                continue
            header = by_field[target]
            typed = _tidy(row[header])
            if target is Field.DEPARTMENT:
                typed = " ".join(typed.split())
            cleaned = typed
            for char in ODD:
                cleaned = cleaned.replace(char, "")
            if header in flagged:
                assert value == _tidy(cleaned) if target is Field.MOTIVATION else (
                    value == " ".join(cleaned.split()))
            else:
                assert value == typed, f"row {index + 2}, column {header!r}"
