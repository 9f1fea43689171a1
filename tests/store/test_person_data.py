"""A person's data: exported completely, erased for good, erased again after a restore."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from ams_desk.cli import main
from ams_desk.core.attention import AttentionReason
from ams_desk.core.model import Role
from ams_desk.core.validation import PersonInput, SignupInput
from ams_desk.core.workflow import PairStatus
from ams_desk.store.database import Database, open_database
from ams_desk.store.erasure import erase_person, read_ledger_file
from ams_desk.store.ops.settings import save_program
from ams_desk.store.pair_rows import AttentionEntry, attention_entries
from ams_desk.store.pairs import add_note, change_status, create_pair, list_pairs
from ams_desk.store.people import add_signup, find_person, list_people
from ams_desk.store.person_data import export_person
from ams_desk.store.restore import restore_backup
from ams_desk.store.rows import NotFoundError
from ams_desk.store.settings import get_program_settings

NAME, EMAIL = "Ayşe Öztürk-Vermeulen", "ayse.vermeulen@ams-institute.org"


def _program(db: Database) -> dict[str, int]:
    """Ayşe as a mentee in 2025 (a closed pair with notes) and as a mentor in 2026."""
    mentor = add_signup(
        db,
        PersonInput("Eva Müller", "eva@ams.org", "Full professor", projects=("Circular",)),
        SignupInput(Role.MENTOR, date(2025, 1, 10), 2025, capacity=2),
    )
    ayse = add_signup(
        db,
        PersonInput(NAME, EMAIL, "PhD candidate", "Urban Water", ("Roboat",), ("Turkish",),
                    notes=f"{NAME} prefers mornings"),
        SignupInput(Role.MENTEE, date(2025, 1, 12), 2025, ("Career guidance",),
                    motivation="I want to find my way in academia."),
    )
    other = add_signup(
        db,
        PersonInput("Jan Jansen", "jan@ams.org", "Postdoc"),
        SignupInput(Role.MENTEE, date(2025, 1, 13), 2025),
    )
    pair = create_pair(db, mentor.signup_id, ayse.signup_id, at=datetime(2025, 2, 1, 9, 0))
    change_status(db, pair.id, PairStatus.MENTOR_AGREED, at=datetime(2025, 2, 3, 9, 0))
    add_note(db, pair.id, f"Called {NAME} about the first meeting", at=datetime(2025, 2, 4, 9))
    pair2 = create_pair(db, mentor.signup_id, other.signup_id, at=datetime(2025, 2, 1, 9, 0))
    add_note(db, pair2.id, f"Jan knows {NAME} from the lab ({EMAIL})", at=datetime(2025, 2, 5))
    later = add_signup(
        db,
        PersonInput(NAME, EMAIL, "Postdoc", "Urban Water", ("Roboat",)),
        SignupInput(Role.MENTOR, date(2026, 1, 5), 2026),
        existing_person_id=ayse.person_id,
    )
    from ams_desk.store.outbox import NewMessage, add_message

    with db.session() as session:  # an email about her pair, addressed to her and Eva
        add_message(session, NewMessage(
            "introduction", pair.id, None, "<m1@ams>", "Your mentor", "team@ams.org",
            (EMAIL, "eva@ams.org"), (), (), f"To: {NAME} <{EMAIL}>\r\n\r\nHello".encode(),
            (ayse.person_id, mentor.person_id)), by="Team")
        add_message(session, NewMessage(  # a sign-up email, to her alone
            "welcome", None, None, "<m2@ams>", "Welcome", "team@ams.org", (EMAIL,), (), (),
            f"To: {EMAIL}\r\n\r\nWelcome".encode(), (ayse.person_id,)), by="Team")
    return {"person": ayse.person_id, "pair": pair.id, "other_pair": pair2.id,
            "signup": ayse.signup_id, "signup2": later.signup_id}


def _reachable_tables(db: Database) -> set[str]:
    """Every table that refers to ``person`` through a chain of foreign keys."""
    with db.engine.connect() as conn:
        inspector = inspect(conn)
        refers = {
            table: {fk["referred_table"] for fk in inspector.get_foreign_keys(table)}
            for table in inspector.get_table_names()
        }
    found = {"person"}
    while True:
        more = {t for t, targets in refers.items() if targets & found} - found
        if not more:
            return found
        found |= more


def test_export_holds_a_row_of_every_table_that_refers_to_the_person(any_db: Database) -> None:
    ids = _program(any_db)
    data = export_person(any_db, EMAIL.upper())
    tables = data["tables"]
    # Walks the database's own foreign keys: a new table that refers to people (an
    # outbox, a log) must show up here, or this test fails until it is exported.
    assert set(tables) == _reachable_tables(any_db) | {"project"}  # + her projects' names
    assert tables["person"][0]["name"] == NAME
    assert {s["id"] for s in tables["signup"]} == {ids["signup"], ids["signup2"]}
    assert [p["id"] for p in tables["pair"]] == [ids["pair"]]
    notes = [e["note"] for e in tables["pair_event"]]
    assert any("first meeting" in n for n in notes)
    # Other people's rows are not theirs: the pair of Jan is not exported.
    assert all(e["pair_id"] == ids["pair"] for e in tables["pair_event"])
    assert "jan@ams.org" not in json.dumps(data)
    assert {m["message_id"] for m in tables["outbox_message"]} == {"<m1@ams>", "<m2@ams>"}
    json.dumps(data, ensure_ascii=False)  # plain JSON values only


def test_export_cli_writes_a_private_json_file(
    db: Database, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _program(db)
    target = tmp_path / "ayse.json"
    assert main(["--db", f"sqlite:///{db_path}", "person", "export", EMAIL, "-o",
                 str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8"))["tables"]["person"][0]["email"] == EMAIL
    assert target.stat().st_mode & 0o777 == 0o600
    assert main(["--db", f"sqlite:///{db_path}", "person", "export", "x@y.z", "-o",
                 str(target)]) == 1
    assert "nobody with the email x@y.z" in capsys.readouterr().err


def _hits(path: Path, needles: list[str]) -> dict[str, int]:
    files = [path, path.with_name(path.name + "-wal")]
    blob = b"".join(f.read_bytes() for f in files if f.exists())
    found = {}
    for needle in needles:
        for encoded in {needle.encode("utf-8"), needle.lower().encode("utf-8")}:
            found[encoded.decode()] = blob.count(encoded)
    return found


def test_erase_keeps_anonymous_counts_and_changes_nothing_else(any_db: Database) -> None:
    ids = _program(any_db)
    pairs_before = [(p.status, p.program_year) for p in list_pairs(any_db)]
    result = erase_person(any_db, EMAIL)
    assert (result.name, result.signups, result.pairs) == (NAME, 2, 1)
    assert find_person(any_db, EMAIL) is None
    assert [(p.status, p.program_year) for p in list_pairs(any_db)] == pairs_before
    text = repr(list_people(any_db))
    assert NAME not in text and EMAIL not in text
    events = {p.id: p.events for p in list_pairs(any_db)}
    assert all(e.note == "" for e in events[ids["pair"]])
    assert any("[erased]" in e.note and "Jan knows" in e.note for e in events[ids["other_pair"]])
    assert {p.name for p in list_people(any_db)} >= {"Eva Müller", "Jan Jansen"}
    from ams_desk.store.outbox import list_outbox

    assert list_outbox(any_db) == []  # both emails held her address
    with pytest.raises(NotFoundError):
        erase_person(any_db, EMAIL)


def test_erase_leaves_no_byte_of_the_name_or_email_in_the_files(
    db: Database, db_path: Path
) -> None:
    _program(db)
    needles = [NAME, EMAIL, "Öztürk-Vermeulen", "ayse.vermeulen"]
    assert sum(_hits(db_path, needles).values()) > 0
    erase_person(db, EMAIL)
    # The window's engine stays open, as in the app: its -wal is grepped too.
    assert _hits(db_path, needles) == {k: 0 for k in _hits(db_path, needles)}
    ledger = (db_path.parent / "backups" / "erasures.json").read_text()
    assert EMAIL not in ledger and "ayse" not in ledger.lower()


def test_erase_cli_asks_unless_yes(
    db: Database, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _program(db)
    url = f"sqlite:///{db_path}"
    assert main(["--db", url, "person", "erase", EMAIL]) == 1  # stdin is not a terminal
    assert "--yes" in capsys.readouterr().err
    assert find_person(db, EMAIL) is not None
    assert main(["--db", url, "person", "erase", EMAIL, "--yes"]) == 0
    assert "Erased" in capsys.readouterr().out
    assert find_person(db, EMAIL) is None


def test_restoring_a_backup_erases_the_person_again(db: Database, db_path: Path) -> None:
    _program(db)
    old = db.backup("manual")  # holds Ayşe
    assert old is not None
    erase_person(db, EMAIL)
    db.close()
    result = restore_backup(db_path, old)
    assert result.erasures_reapplied == 1
    again = open_database(f"sqlite:///{db_path}")
    try:
        assert find_person(again, EMAIL) is None
        assert len(list_pairs(again)) == 2
    finally:
        again.close()
    assert sum(_hits(db_path, [NAME, EMAIL]).values()) == 0
    # The ledger survives even when the database it lived in is damaged and moved aside.
    with db_path.open("r+b") as file:
        file.seek(4096)
        file.write(b"\xff" * 8192)
    assert restore_backup(db_path, old).erasures_reapplied == 1
    key, hashes = read_ledger_file(db_path)
    assert key and len(hashes) == 1


def test_people_whose_sign_ups_ended_long_ago_are_due_for_erasure(
    any_db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    def add(name: str, role: Role, day: date) -> int:
        position = "Full professor" if role is Role.MENTOR else "Postdoc"
        return add_signup(any_db, PersonInput(name, f"{name.split()[0].lower()}@old.org",
                                              position),
                          SignupInput(role, day, day.year)).signup_id

    def due() -> list[AttentionEntry]:
        return [e for e in attention_entries(any_db, date.today())
                if e.item.reason is AttentionReason.DUE_FOR_ERASURE]

    def keep_for(years: int) -> None:
        settings = get_program_settings(any_db)
        save_program(any_db, replace(settings, retention_years=years), base=settings)

    mentor = add("Greta Olsen", Role.MENTOR, date(2018, 2, 1))
    mentee = add("Piet Smit", Role.MENTEE, date(2018, 2, 3))
    pair = create_pair(any_db, mentor, mentee, at=datetime(2018, 2, 5, 9))
    for day, status in enumerate(WALK, start=6):
        change_status(any_db, pair.id, status, at=datetime(2018, 2, day, 9))
    waiting = add("Lina Haddad", Role.MENTEE, date(2019, 3, 1))
    assert due() == []  # the sign-ups were last changed today
    with any_db.engine.begin() as conn:  # as if they had last been changed back then
        conn.execute(text("UPDATE signup SET modified_at = NULL"))
    assert sorted(e.who for e in due()) == ["Greta Olsen", "Piet Smit"]
    assert all("last activity 2018-02-13" in e.about for e in due())  # the pair's last step
    assert waiting not in {e.item.signup_id for e in due()}
    assert main(["--db", any_db.url, "attention", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert {r["signup_id"] for r in listed if r["reason"] == "due_for_erasure"} == {
        mentor, mentee}
    keep_for(50)
    assert due() == []
    keep_for(5)
    erase_person(any_db, "piet@old.org", backup=False)
    assert [e.who for e in due()] == ["Greta Olsen"]  # the erased are not listed again


WALK = (PairStatus.MENTOR_AGREED, PairStatus.INTRODUCED, PairStatus.FIRST_CONTACT,
        PairStatus.MENTOR_RESPONDED, PairStatus.MEETING_PLANNED, PairStatus.MET,
        PairStatus.EVALUATED, PairStatus.CLOSED)
