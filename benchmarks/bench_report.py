"""Benchmark of the yearly report workbook with 10,000 pairs in one program year.

Builds, deterministically and in memory, a program year of 5,000 mentor and
10,000 mentee sign-ups with 10,000 pairs at every step of the program (and
the year before, half the size), then times:

- ``report_figures``: every figure of the year and the year before;
- ``report_workbook``: :func:`ams_desk.sheets.report.write_report` — the
  whole workbook, figures, six sheets and three charts (limit: 3 s);
- ``openpyxl_same_cells``: openpyxl writing the same table cells with the same
  formats, measured in the same run as the yardstick.

Each is run three times; the best is printed (the steadiest figure on a
shared machine)::

    .venv/bin/python benchmarks/bench_report.py
"""

from __future__ import annotations

import os
import random
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
from ams_desk.store.report import PersonBrief, ProgramData
from ams_desk.store.settings import ProgramSettings

YEAR = 2026
TODAY = date(2026, 12, 20)
PAIRS = 10_000
LIMIT_S = 3.0
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


def _best(run: Callable[[], object], times: int = 3) -> tuple[float, float]:
    """The best wall-clock and CPU seconds of ``times`` runs (CPU time moves less when the
    machine is shared)."""
    wall = cpu = float("inf")
    for _ in range(times):
        start, start_cpu = time.perf_counter(), time.process_time()
        run()
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    return wall, cpu


def main() -> int:
    data = _program(random.Random(12))
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "report.xlsx"
        figures = _best(lambda: data.report(YEAR, TODAY))
        workbook = _best(lambda: write_report(target, data, data.report(YEAR, TODAY)))
        size = target.stat().st_size
        yardstick = _best(lambda: _openpyxl_same_cells(data, Path(folder) / "openpyxl.xlsx"))
    pairs = sum(1 for p in data.pairs if p.program_year == YEAR)
    print(f"pairs in the year: {pairs}; load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} cores")
    print(f"report_figures: {figures[0]:.2f} (cpu {figures[1]:.2f})")
    print(f"report_workbook: {workbook[0]:.2f} (cpu {workbook[1]:.2f}; limit {LIMIT_S:.1f}; "
          f"{size / 1e6:.1f} MB)")
    print(f"openpyxl_same_cells: {yardstick[0]:.2f} (cpu {yardstick[1]:.2f}; tables only, "
          f"the same run: {yardstick[0] / workbook[0]:.1f}x the whole workbook)")
    return 0 if workbook[0] < LIMIT_S else 1


if __name__ == "__main__":
    sys.exit(main())
