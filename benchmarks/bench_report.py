"""Benchmark of the yearly report workbook with 10,000 pairs in one program year.

Builds, deterministically, a program year of 5,000 mentor and 10,000 mentee
sign-ups with 10,000 pairs at every step of the program (and the year before,
half the size), stores it in a SQLite file, then times:

- ``store_read``: :func:`ams_desk.store.report.load_program_data` from that file;
- ``report_figures``: every figure of the year and the year before;
- ``report_workbook``: :func:`ams_desk.sheets.report.write_report` — the
  workbook, its table rows, six sheets and three charts;
- ``whole_export``: the three above in a row, what "Export to Excel…" and
  ``ams-desk report -o`` do (limit: 3 s);
- ``openpyxl_same_cells``: openpyxl writing the same table cells with the same
  formats, measured in the same run as the yardstick.

Each is run five times; the best and the median are printed (the machine may be
shared), wall-clock and CPU seconds::

    .venv/bin/python benchmarks/bench_report.py
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

from ams_desk.core.model import TOPICS, Pair, PairEvent, Role, Signup, SignupStatus
from ams_desk.core.workflow import PairStatus
from ams_desk.sheets.report import write_report
from ams_desk.sheets.report.rows import mentors_table, pairs_table, signups_table
from ams_desk.store.database import Database, open_database
from ams_desk.store.report import PersonBrief, ProgramData, load_program_data
from ams_desk.store.schema import (
    PairEventRow,
    PairRow,
    PersonProjectRow,
    PersonRow,
    ProjectRow,
    SignupRow,
)
from ams_desk.store.settings import ProgramSettings

YEAR = 2026
TODAY = date(2026, 12, 20)
PAIRS = 10_000
LIMIT_S = 3.0
RUNS = 5
PATH = (PairStatus.PROPOSED, PairStatus.MENTOR_AGREED, PairStatus.INTRODUCED,
        PairStatus.FIRST_CONTACT, PairStatus.MENTOR_RESPONDED, PairStatus.MEETING_PLANNED,
        PairStatus.MET, PairStatus.EVALUATED, PairStatus.CONTINUING, PairStatus.CLOSED)


def _program(rng: random.Random) -> ProgramData:
    people: dict[int, PersonBrief] = {}
    signups: list[Signup] = []
    pairs: list[Pair] = []
    for year, size in ((YEAR - 1, PAIRS // 2), (YEAR, PAIRS)):
        first = date(year, 1, 1)
        mentors = []
        for _ in range(size // 2):
            pid = len(people) + 1
            people[pid] = PersonBrief(f"Mentor {pid}", f"mentor{pid}@example.org", "Researcher",
                                      "Physics", ("Quantum Matter",))
            s = Signup(len(signups) + 1, pid, Role.MENTOR, first + timedelta(rng.randrange(200)),
                       year, SignupStatus.MATCHED, tuple(rng.sample(TOPICS, 2)), capacity=3)
            signups.append(s)
            mentors.append(s)
        for _ in range(size):
            pid = len(people) + 1
            people[pid] = PersonBrief(f"Mentee {pid}", f"mentee{pid}@example.org",
                                      "PhD candidate", "Chemistry", ("Circular Economy",))
            signed = first + timedelta(rng.randrange(300))
            mentee = Signup(len(signups) + 1, pid, Role.MENTEE, signed, year,
                            SignupStatus.MATCHED, tuple(rng.sample(TOPICS, 3)))
            signups.append(mentee)
            day = datetime.combine(signed, datetime.min.time()) + timedelta(days=20, hours=9)
            events = []
            steps = PATH[: rng.randrange(1, len(PATH) + 1)]
            for status in steps:
                events.append(PairEvent(day, "status", status.value))
                day += timedelta(days=rng.randrange(1, 25))
            if rng.random() < 0.06:
                events[1:] = [PairEvent(events[0].at + timedelta(days=3), "status",
                                        PairStatus.MENTOR_DECLINED.value)]
            pairs.append(Pair(len(pairs) + 1, rng.choice(mentors).id, mentee.id,
                              events[-1].status or "proposed", year, tuple(events)))
    return ProgramData(tuple(signups), tuple(pairs), people, ProgramSettings())


def _openpyxl_same_cells(data: ProgramData, path: Path) -> None:
    """The yardstick: openpyxl writing the table sheets' cells with the same formats."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, NamedStyle

    report = data.report(YEAR, TODAY)
    book = Workbook()
    book.remove(book.active)
    day_style = NamedStyle("day", number_format="d mmm yyyy")
    bold = Font(bold=True)
    for name, table in (("Pairs", pairs_table(data, report)),
                        ("Sign-ups", signups_table(data, report)),
                        ("Mentors", mentors_table(data, report))):
        sheet = book.create_sheet(name)
        for col, column in enumerate(table.columns, 1):
            cell = sheet.cell(4, col, column.header)
            cell.font = bold
        for r, row in enumerate(table.rows, 5):
            for c, value in enumerate(row, 1):
                if value is None:
                    continue
                cell = sheet.cell(r, c, value)
                if isinstance(value, date):
                    cell.style = day_style
        sheet.freeze_panes = "A5"
        sheet.auto_filter.ref = sheet.dimensions
    book.save(path)


def _store(data: ProgramData, path: Path) -> Database:
    """``data`` in a new SQLite file, inserted table by table."""
    db = open_database(f"sqlite:///{path}")
    projects = sorted({p for person in data.people.values() for p in person.projects})
    project_id = {name: i for i, name in enumerate(projects, 1)}
    with db.engine.begin() as connection:
        connection.execute(ProjectRow.__table__.insert(),
                           [{"id": i, "name": n, "name_key": n.casefold()}
                            for n, i in project_id.items()])
        connection.execute(PersonRow.__table__.insert(), [
            {"id": pid, "name": p.name, "email": p.email, "email_key": p.email.casefold(),
             "position": p.position, "department": p.department, "languages": [], "notes": ""}
            for pid, p in data.people.items()])
        connection.execute(PersonProjectRow.__table__.insert(), [
            {"person_id": pid, "project_id": project_id[name]}
            for pid, p in data.people.items() for name in p.projects])
        connection.execute(SignupRow.__table__.insert(), [
            {"id": s.id, "person_id": s.person_id, "role": s.role.value,
             "signed_up": s.signed_up, "program_year": s.program_year, "status": s.status.value,
             "topics": list(s.topics), "meeting_format": "any", "capacity": s.capacity,
             "motivation": ""}
            for s in data.signups])
        connection.execute(PairRow.__table__.insert(), [
            {"id": p.id, "mentor_signup_id": p.mentor_signup_id,
             "mentee_signup_id": p.mentee_signup_id, "status": p.status,
             "program_year": p.program_year, "override_note": ""}
            for p in data.pairs])
        connection.execute(PairEventRow.__table__.insert(), [
            {"pair_id": p.id, "at": e.at, "kind": e.kind, "status": e.status, "by": "bench",
             "note": ""}
            for p in data.pairs for e in p.events])
    return db


def _timed(run: Callable[[], object], times: int = RUNS) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds of ``times`` runs (CPU time moves less when the machine
    is shared)."""
    wall: list[float] = []
    cpu: list[float] = []
    for _ in range(times):
        start, start_cpu = time.perf_counter(), time.process_time()
        run()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return wall, cpu


def _line(name: str, timing: tuple[list[float], list[float]], extra: str = "") -> str:
    wall, cpu = timing
    return (f"{name}: best {min(wall):.2f} median {statistics.median(wall):.2f} "
            f"(cpu best {min(cpu):.2f} median {statistics.median(cpu):.2f}){extra}")


def main() -> int:
    program = _program(random.Random(12))
    with tempfile.TemporaryDirectory() as folder:
        db = _store(program, Path(folder) / "program.sqlite")
        data = load_program_data(db)
        target = Path(folder) / "report.xlsx"

        def whole_export() -> None:
            loaded = load_program_data(db)
            write_report(target, loaded, loaded.report(YEAR, TODAY))

        read = _timed(lambda: load_program_data(db))
        figures = _timed(lambda: data.report(YEAR, TODAY))
        report = data.report(YEAR, TODAY)
        workbook = _timed(lambda: write_report(target, data, report))
        whole = _timed(whole_export)
        size = target.stat().st_size
        yardstick = _timed(lambda: _openpyxl_same_cells(data, Path(folder) / "openpyxl.xlsx"),
                           times=3)
        db.engine.dispose()
    pairs = sum(1 for p in data.pairs if p.program_year == YEAR)
    print(f"pairs in the year: {pairs}; load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} cores; {RUNS} runs each")
    print(_line("store_read", read))
    print(_line("report_figures", figures))
    print(_line("report_workbook", workbook, f"; {size / 1e6:.1f} MB"))
    print(_line("whole_export", whole, f"; limit {LIMIT_S:.1f}"))
    print(_line("openpyxl_same_cells", yardstick,
                f"; tables only, 3 runs: {min(yardstick[0]) / min(whole[0]):.1f}x "
                "the whole export"))
    return 0 if min(whole[0]) < LIMIT_S else 1


if __name__ == "__main__":
    sys.exit(main())
