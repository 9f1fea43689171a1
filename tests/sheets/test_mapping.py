"""Column mapping by headers (English, Dutch, German, form exports) and by the values below."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from form_exports import (
    DE_MAPPING,
    GOOGLE_MAPPING,
    MS_FORMS_MAPPING,
    NL_MAPPING,
    excel_de_csv,
    excel_nl_csv,
    google_forms_csv,
    ms_forms_xlsx,
)

from ams_desk.core.model import Role
from ams_desk.core.validation import ValidationError
from ams_desk.sheets.importing.fields import Field
from ams_desk.sheets.importing.headers import header_hint
from ams_desk.sheets.importing.importer import choose_mapping, save_profile
from ams_desk.sheets.importing.mapping import Mapping, auto_map
from ams_desk.sheets.importing.read import RawRow, RawTable, read_table
from ams_desk.store.database import Database
from ams_desk.store.import_profiles import (
    MAX_NAME,
    delete_import_profile,
    find_import_profile,
    get_import_profile,
    list_import_profiles,
    save_import_profile,
)

POSITIONS = ["PhD candidate", "Postdoc", "Full professor"]


def _table(headers: list[str], rows: list[list[Any]]) -> RawTable:
    return RawTable(
        "t.csv", None, tuple(headers),
        [RawRow(i, tuple(r)) for i, r in enumerate(rows, start=2)],
    )  # fmt: skip


def _mapped(mapping: Mapping) -> dict[str, str]:
    return {h: f.value for h, f in zip(mapping.headers, mapping.fields, strict=True) if f}


@pytest.mark.parametrize(
    ("build", "expected"),
    [
        (ms_forms_xlsx, MS_FORMS_MAPPING),
        (google_forms_csv, GOOGLE_MAPPING),
        (excel_nl_csv, NL_MAPPING),
        (excel_de_csv, DE_MAPPING),
    ],
    ids=["microsoft-forms", "google-forms", "excel-dutch", "excel-german"],
)
def test_real_exports_are_mapped_correctly(
    tmp_path: Path, build: Any, expected: dict[str, str]
) -> None:
    table = read_table(build(tmp_path / "export.bin"))
    guess = auto_map(table)
    assert _mapped(guess.mapping) == expected
    assert guess.mapping.missing() == ()
    assert all(reason for reason in guess.reasons)


def test_ms_forms_respondent_columns_are_left_out_for_what_they_hold(tmp_path: Path) -> None:
    table = read_table(ms_forms_xlsx(tmp_path / "forms.xlsx"))
    guess = auto_map(table)
    reasons = dict(zip(table.headers, guess.reasons, strict=True))
    assert reasons["Email"] == "not imported: the values read “anonymous”"
    assert reasons["Id"] == "not imported: a form's bookkeeping column"
    assert reasons["Start time"] == "not imported: a form's bookkeeping column"
    assert "values" in reasons["Your work email address"]


def test_a_named_respondent_email_column_wins_when_it_holds_real_addresses() -> None:
    table = _table(
        ["Id", "Email", "Name", "Role"],
        [[1, "ann@example.org", "Ann Archer", "mentor"], [2, "bob@example.org", "Bob B", "mentee"]],
    )
    assert _mapped(auto_map(table).mapping) == {"Email": "email", "Name": "name", "Role": "role"}


def test_values_decide_over_misleading_headers() -> None:
    start = datetime(2026, 1, 5, 9)
    table = _table(
        ["Who", "Contact", "Current role?", "Q4", "When", "Q6"],
        [
            [f"Ann {chr(65 + i)}ppel", f"p{i}@example.org", POSITIONS[i % 3],
             ["Mentor", "Mentee"][i % 2], start + timedelta(days=i),
             "Career guidance;Networking and visibility;"]
            for i in range(12)
        ],
    )  # fmt: skip
    mapping = auto_map(table).mapping
    assert _mapped(mapping) == {
        "Contact": "email", "Current role?": "position", "Q4": "role", "When": "signed_up",
        "Q6": "topics", "Who": "name",
    }  # fmt: skip


def test_small_sequential_id_column_is_never_a_capacity() -> None:
    table = _table(
        ["ID", "Name", "Email", "Role", "Capacity"],
        [[i, f"P {i}", f"p{i}@example.org", "mentor", 2] for i in range(1, 6)],
    )
    assert _mapped(auto_map(table).mapping)["Capacity"] == "capacity"
    assert auto_map(table).mapping.field_of(0) is None


def test_unrelated_columns_map_to_nothing() -> None:
    table = _table(["Product", "Price", "Stock"], [["Chair", "12,50", 3], ["Desk", "99", 1]])
    mapping = auto_map(table).mapping
    assert _mapped(mapping) == {}
    assert mapping.missing() == (Field.NAME, Field.EMAIL, Field.ROLE)
    assert mapping.missing(default_role=Role.MENTOR) == (Field.NAME, Field.EMAIL)


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("E-mail", Field.EMAIL), ("E-Mail-Adresse", Field.EMAIL), ("Emailadres", Field.EMAIL),
        ("Voornaam", Field.FIRST_NAME), ("Nachname", Field.LAST_NAME),
        ("Naam", Field.NAME), ("Vor- und Nachname", Field.NAME),
        ("Rolle", Field.ROLE), ("Aanmelden als", Field.ROLE),
        ("Functie", Field.POSITION), ("Karrierestufe", Field.POSITION),
        ("Afdeling", Field.DEPARTMENT), ("Fakultät / Institut", Field.DEPARTMENT),
        ("Projekte", Field.PROJECTS), ("Onderwerpen", Field.TOPICS), ("Themen", Field.TOPICS),
        ("Wie möchtest du dich treffen?", Field.MEETING_FORMAT), ("Talen", Field.LANGUAGES),
        ("Hoeveel mentees wil je begeleiden?", Field.CAPACITY),
        ("Anmerkungen", Field.MOTIVATION), ("Motivatie (optioneel)", Field.MOTIVATION),
        ("Tijdstempel", Field.SIGNED_UP), ("Zeitstempel", Field.SIGNED_UP),
        ("Completion time", Field.SIGNED_UP), ("Fertigstellungszeit", Field.SIGNED_UP),
    ],
)  # fmt: skip
def test_header_words_in_three_languages(header: str, field: Field) -> None:
    assert header_hint(header).field is field


@pytest.mark.parametrize(
    "header", ["Id", "ID", "Start time", "Startzeit", "Begintijd", "Last modified time", "Points"]
)
def test_form_bookkeeping_headers_are_ignored(header: str) -> None:
    assert header_hint(header).ignore


def test_mapping_edits_move_single_fields_and_keep_multi_fields() -> None:
    mapping = Mapping.empty(["A", "B", "C"]).assign(0, Field.EMAIL).assign(1, Field.EMAIL)
    assert mapping.fields == (None, Field.EMAIL, None)
    mapping = mapping.assign(0, Field.MOTIVATION).assign(2, Field.MOTIVATION)
    assert mapping.columns(Field.MOTIVATION) == (0, 2)
    assert mapping.assign(2, None).columns(Field.MOTIVATION) == (0,)
    with pytest.raises(ValueError, match="two columns"):
        Mapping(("A", "B"), (Field.EMAIL, Field.EMAIL))
    with pytest.raises(ValueError, match="one field"):
        Mapping(("A",), ())


def test_mapping_from_saved_headers_is_case_and_space_blind() -> None:
    saved = {"E-mail ": "email", "Full  Name": "name", "Gone": "role", "Bogus": "nonsense"}
    mapping = Mapping.from_headers(("e-mail", "full name", "Bogus", "New"), saved)
    assert mapping.fields == (Field.EMAIL, Field.NAME, None, None)


def test_profiles_are_saved_listed_found_and_deleted(any_db: Database) -> None:
    headers = ("Email", "Name", "Role", "Notes")
    profile = save_import_profile(any_db, " Spring form ", headers,
                                  {"Email": "email", "Name": "name", "Role": "role"})
    assert profile.name == "Spring form" and profile.mapping["Notes"] is None
    assert [p.name for p in list_import_profiles(any_db)] == ["Spring form"]
    assert find_import_profile(any_db, ("notes", "ROLE", "name", "email")) is not None
    assert find_import_profile(any_db, ("Email", "Name")) is None
    save_import_profile(any_db, "Spring form", headers, {"Email": "email"})
    stored = get_import_profile(any_db, "Spring form")
    assert stored is not None and stored.mapping == {
        "Email": "email", "Name": None, "Role": None, "Notes": None}
    assert delete_import_profile(any_db, "Spring form")
    assert not delete_import_profile(any_db, "Spring form")
    with pytest.raises(ValidationError):
        save_import_profile(any_db, "   ", headers, {})
    with pytest.raises(ValidationError):
        save_import_profile(any_db, "x" * (MAX_NAME + 1), headers, {})


def test_a_saved_profile_is_picked_for_the_same_headers(any_db: Database, tmp_path: Path) -> None:
    table = read_table(google_forms_csv(tmp_path / "google.csv"))
    first = choose_mapping(any_db, table)
    assert first.profile is None
    edited = first.mapping.assign(table.headers.index("Your motivation"), None)
    save_profile(any_db, "Google form 2026", edited)
    again = choose_mapping(any_db, table)
    assert again.profile == "Google form 2026"
    assert again.mapping == edited
    assert choose_mapping(any_db, table, "Google form 2026").mapping == edited
