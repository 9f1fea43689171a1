"""``ams-desk suggest``: the optimiser's suggestions as JSON or text, writing nothing."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from ams_desk.cli import main
from ams_desk.store.board import load_board
from ams_desk.store.database import open_database

TODAY = "2026-11-20"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def demo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[str, Path]:
    path = tmp_path / "demo.sqlite"
    url = f"sqlite:///{path}"
    assert _run(capsys, "--db", url, "demo", "--seed", "3")[0] == 0
    return url, path


def _dump(path: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        return [row for table in ("pair", "pair_event", "signup", "setting")
                for row in conn.execute(f"SELECT * FROM {table} ORDER BY 1")]  # noqa: S608


def test_suggest_json(capsys: pytest.CaptureFixture[str], demo: tuple[str, Path]) -> None:
    url, path = demo
    before = _dump(path)
    code, out, err = _run(capsys, "--db", url, "suggest", "--today", TODAY, "--json")
    assert code == 0 and err == ""
    assert _dump(path) == before  # writes nothing
    result = json.loads(out)
    assert set(result) == {"year", "pairs", "unmatched", "coverage"}
    assert result["year"] is None and result["pairs"]  # the whole pool
    pair = result["pairs"][0]
    assert set(pair) == {"mentor_signup_id", "mentee_signup_id", "score", "breakdown"}
    assert 0 <= pair["score"] <= 1
    assert [c["criterion"] for c in pair["breakdown"]] == [
        "topics", "meeting_format", "language", "seniority_gap", "department", "waiting_time"]
    assert all(c["explanation"] for c in pair["breakdown"])
    assert all(u["reasons"] and isinstance(u["mentee_signup_id"], int)
               for u in result["unmatched"])
    # Every waiting mentee of every year is either suggested or listed, as on the board.
    db = open_database(url)
    try:
        board = load_board(db, today=date.fromisoformat(TODAY))
    finally:
        db.close()
    waiting = {c.signup.id for c in board.mentees}
    listed = {p["mentee_signup_id"] for p in result["pairs"]} | {
        u["mentee_signup_id"] for u in result["unmatched"]}
    assert listed == waiting
    with sqlite3.connect(path) as conn:
        open_mentees = dict(conn.execute(
            "SELECT id, program_year FROM signup WHERE role = 'mentee' AND status = 'open' "
            "AND id NOT IN (SELECT mentee_signup_id FROM pair WHERE status = 'draft')"))
    assert listed == set(open_mentees)  # nobody waiting is left out...
    assert {open_mentees[i] for i in listed} == {2025, 2026}  # ...whatever their year
    placed = len(board.pairs) + len(result["pairs"])
    assert result["coverage"] == pytest.approx(placed / (placed + len(result["unmatched"])),
                                               abs=1e-6)


def test_suggest_text_and_errors(capsys: pytest.CaptureFixture[str], demo: tuple[str, Path],
                                 tmp_path: Path) -> None:
    url, _path = demo
    code, out, _err = _run(capsys, "--db", url, "suggest", "--year", "2025", "--today", TODAY)
    assert code == 0
    assert out.splitlines()[-1].startswith("2025: ")
    assert "(nothing was written)" in out
    code, _out, err = _run(capsys, "--db", url, "suggest", "--year", "1999")
    assert code == 1 and err == "ams-desk: there are no sign-ups in program year 1999\n"
    empty = f"sqlite:///{tmp_path / 'empty.sqlite'}"
    code, _out, err = _run(capsys, "--db", empty, "suggest", "--json")
    assert code == 1 and err == "ams-desk: there are no sign-ups yet\n"


def test_drafts_of_suggest_change_no_status_and_no_attention(
        capsys: pytest.CaptureFixture[str], demo: tuple[str, Path]) -> None:
    """What Suggest places on the board tells no one: the sign-ups and Needs attention, as
    the command line prints them, stay as they were until the drafts are proposed."""
    from ams_desk.store.board import propose_drafts, suggest_drafts

    url, _path = demo

    def printed(*argv: str) -> object:
        code, out, _err = _run(capsys, "--db", url, *argv, "--json")
        assert code == 0
        return json.loads(out)

    signups = printed("list", "signups")
    attention = printed("attention", "--today", TODAY)
    db = open_database(url)
    try:
        _board, _suggestion, added = suggest_drafts(db, None, today=date.fromisoformat(TODAY))
        assert added  # the demo has free places
        assert printed("list", "signups") == signups
        assert printed("attention", "--today", TODAY) == attention
        waiting = {row["signup_id"] for row in attention if "signup_id" in row}
        placed = {r.pair.mentee_signup_id for r in added}
        propose_drafts(db, [r.pair.id for r in added])
    finally:
        db.close()
    status = {row["id"]: row["status"] for row in printed("list", "signups")}
    assert {status[i] for i in placed} == {"matched"}
    still = {row["signup_id"] for row in printed("attention", "--today", TODAY)
             if "signup_id" in row}
    assert still == waiting - placed
