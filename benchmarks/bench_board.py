"""Time the matching board on a program year of 500 mentors and 1,500 mentees.

Run from the repository root::

    .venv/bin/python benchmarks/bench_board.py [--url URL]

Stores the program of ``bench_match.make_program(500, 1500)`` (with 100 drafts and
proposals) in a fresh SQLite file (or an empty database at ``--url``), then prints,
in seconds (median of 5 runs)::

    board_load_500x1500: X.XX     read the board and build the three list models
    board_models_500x1500: X.XX   building the models alone (cards, filters, reset)
    board_drag_verdicts_500: X.XX mark 500 mentors allowed/refused for a dragged mentee
    board_drop_500x1500: X.XX     one drop: place the draft, reload, rebuild the models
    board_paint_1340x680: X.XX    paint the whole board once (what a scroll repaints)
    board_optimise_500x1500: X.XX the optimiser alone on that board (writes nothing)
    board_suggest_500x1500: X.XX  Suggest: optimise, place every suggested draft, reload
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_match import make_program  # noqa: E402
from sqlalchemy import insert  # noqa: E402

from ams_desk.core.validation import email_key  # noqa: E402
from ams_desk.store import schema  # noqa: E402
from ams_desk.store.database import Database, open_database  # noqa: E402

TODAY = date(2025, 3, 1)
RUNS = 5


def fill(db: Database) -> None:
    """Store the benchmark program: people, projects, sign-ups, 50 drafts and 50 proposals."""
    program = make_program(500, 1500)
    people = {c.person.id: c.person for c in (*program.mentors, *program.mentees)}
    projects = sorted({p for person in people.values() for p in person.projects})
    project_ids = {name: i + 1 for i, name in enumerate(projects)}
    fixed = program.fixed[:50]
    proposals = [
        (mentor.signup.id, mentee.signup.id)
        for mentor, mentee in zip(program.mentors[100:150], program.mentees[100:150], strict=True)
    ]
    placed = {mentee for _mentor, mentee in (*fixed, *proposals)}
    at = datetime(2025, 2, 20, 10, 0)
    with db.session() as session:
        conn = session.connection()
        conn.execute(insert(schema.PersonRow), [
            {"id": p.id, "name": p.name, "email": p.email, "email_key": email_key(p.email),
             "position": p.position, "department": p.department,
             "languages": list(p.languages), "notes": ""}
            for p in people.values()
        ])
        conn.execute(insert(schema.ProjectRow), [
            {"id": i, "name": name, "name_key": name.casefold()}
            for name, i in project_ids.items()
        ])
        conn.execute(insert(schema.PersonProjectRow), [
            {"person_id": p.id, "project_id": project_ids[name]}
            for p in people.values() for name in p.projects
        ])
        conn.execute(insert(schema.SignupRow), [
            {"id": c.signup.id, "person_id": c.person.id, "role": c.signup.role.value,
             "signed_up": c.signup.signed_up, "program_year": c.signup.program_year,
             "status": "matched" if c.signup.id in placed else "open",
             "topics": list(c.signup.topics), "meeting_format": c.signup.meeting_format.value,
             "capacity": c.signup.capacity, "motivation": ""}
            for c in (*program.mentors, *program.mentees)
        ])
        pairs = [(m, e, "draft") for m, e in fixed] + [(m, e, "proposed") for m, e in proposals]
        conn.execute(insert(schema.PairRow), [
            {"id": i + 1, "mentor_signup_id": m, "mentee_signup_id": e, "status": status,
             "program_year": 2025, "override_note": ""}
            for i, (m, e, status) in enumerate(pairs)
        ])
        conn.execute(insert(schema.PairEventRow), [
            {"pair_id": i + 1, "at": at, "kind": "status", "status": status, "by": "bench",
             "note": ""}
            for i, (_m, _e, status) in enumerate(pairs)
        ])
        if conn.dialect.name == "postgresql":
            for table in ("person", "project", "signup", "pair", "pair_event"):
                conn.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT MAX(id) FROM {table}))")


def median(action: Callable[[], object], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", help="an empty database to use (default: a temporary SQLite)")
    args = parser.parse_args()

    from ams_desk.gui.app import make_application
    from ams_desk.gui.board import BoardView
    from ams_desk.gui.board.models import mentee_cards, mentor_cards, pair_lines
    from ams_desk.gui.context import AppContext
    from ams_desk.gui.operations import Operations
    from ams_desk.store.board import (
        blocked_rules,
        load_board,
        place_draft,
        remove_drafts,
        suggest_for,
    )
    from ams_desk.store.settings import get_program_settings

    folder = Path(tempfile.mkdtemp(prefix="ams-board-"))
    db = open_database(args.url or f"sqlite:///{folder / 'board.sqlite'}")
    fill(db)
    app = make_application()
    ops = Operations(db, lambda title, error: print(f"{title}: {error}", file=sys.stderr))
    ctx = AppContext(db, ops, ops.report, get_program_settings(db), TODAY)
    view = BoardView(ctx)
    ops.setParent(view)
    view.resize(1340, 680)
    view.show()
    app.processEvents()

    def load() -> None:
        board = load_board(db, 2025, today=TODAY)
        cards = mentor_cards(board)
        view.mentee_model.set_cards(mentee_cards(board))
        view.mentor_model.set_cards(cards)
        view.pair_model.set_cards(pair_lines(cards))

    print(f"board_load_500x1500: {median(load):.2f}", flush=True)
    board = load_board(db, 2025, today=TODAY)
    assert len(board.mentors) == 500 and len(board.mentees) == 1400 and len(board.pairs) == 100

    def models() -> None:
        cards = mentor_cards(board)
        view.mentee_model.set_cards(mentee_cards(board))
        view.mentor_model.set_cards(cards)
        view.pair_model.set_cards(pair_lines(cards))

    print(f"board_models_500x1500: {median(models):.2f}", flush=True)
    mentee = board.mentees[len(board.mentees) // 2]
    print(f"board_drag_verdicts_500: {median(lambda: blocked_rules(board, mentee)):.3f}",
          flush=True)

    view.reload()
    allowed = [m for m, blocked in zip(board.mentors, blocked_rules(board, mentee), strict=True)
               if not blocked]
    placed: list[int] = []

    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        record = place_draft(db, allowed[len(placed)].signup.id, mentee.signup.id)
        view.reload()
        times.append(time.perf_counter() - start)
        placed.append(record.pair.id)
        remove_drafts(db, [record.pair.id])
    print(f"board_drop_500x1500: {statistics.median(times):.2f}", flush=True)

    print(f"board_paint_1340x680: {median(view.grab):.3f}", flush=True)
    fresh = load_board(db, 2025, today=TODAY)
    print(f"board_optimise_500x1500: {median(lambda: suggest_for(fresh)):.2f}", flush=True)

    times = []
    added: list[object] = []
    for _ in range(3):
        finished: list[object] = []
        view.suggestion_finished.connect(finished.append)
        start = time.perf_counter()
        view.suggester.start()  # runs in the background; wait for it as the coordinator does
        while not finished:
            app.processEvents()
            time.sleep(0.005)
        times.append(time.perf_counter() - start)
        view.suggestion_finished.disconnect(finished.append)
        added = list(finished[0] or [])  # type: ignore[call-overload]
        ctx.undo_stack.undo()
    print(f"board_suggest_500x1500: {statistics.median(times):.2f}  # {len(added)} drafts placed",
          flush=True)
    db.close()


if __name__ == "__main__":
    main()
