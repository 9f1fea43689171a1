"""Benchmark of :func:`ams_desk.core.assignment.suggest` on a large program year.

Generates, deterministically, 1,000 mentors and 2,000 mentees with realistic
positions, departments, projects, topics, languages and meeting formats, a
history of earlier pairings, places already taken and a few fixed drafts, then
times ``suggest`` five times and prints the best and the median in seconds
(the best is the steadiest figure on a shared machine), then the same with
every pair's breakdown worded::

    .venv/bin/python benchmarks/bench_match.py
    suggest_1000x2000: 0.35 (median 0.41)
    suggest_1000x2000_explained: 0.40 (median 0.45)

On a shared 2-core machine the same code runs 0.34-0.37 s in quiet spells and
0.45-0.50 s in busy ones; compare figures taken minutes apart with care.
"""

from __future__ import annotations

import random
import statistics
import time
from dataclasses import dataclass
from datetime import date, timedelta

from ams_desk.core.assignment import suggest
from ams_desk.core.eligibility import Candidate, PairingHistory, PastPairing
from ams_desk.core.ladder import SeniorityLadder
from ams_desk.core.model import TOPICS, MeetingFormat, PairStatus, Person, Role, Signup
from ams_desk.core.scoring import MatchWeights

TODAY = date(2025, 3, 1)
DEPARTMENTS = (
    "Physics", "Chemistry", "Biology", "Mathematics", "Computer Science", "Earth Sciences",
    "Economics", "Psychology", "Medicine", "Engineering", "Linguistics", "History",
)  # fmt: skip
MENTOR_POSITIONS = {
    "Postdoc": 0.05,
    "Researcher": 0.20,
    "Assistant professor": 0.25,
    "Associate professor": 0.25,
    "Full professor": 0.25,
}
MENTEE_POSITIONS = {
    "PhD candidate": 0.55,
    "Postdoc": 0.30,
    "Researcher": 0.10,
    "Assistant professor": 0.05,
}
TOPIC_POPULARITY = (10, 6, 6, 4, 5, 5, 3, 2, 3, 1)
FORMATS = {MeetingFormat.ANY: 0.5, MeetingFormat.IN_PERSON: 0.25, MeetingFormat.ONLINE: 0.25}


@dataclass(frozen=True)
class Program:
    """Everything ``suggest`` needs for one program year."""

    mentors: list[Candidate]
    mentees: list[Candidate]
    history: PairingHistory
    taken: dict[int, int]
    fixed: list[tuple[int, int]]


def _pick(rng: random.Random, weights: dict[str, float] | dict[MeetingFormat, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _person(rng: random.Random, person_id: int, position: str, projects: list[str]) -> Person:
    department_index = rng.randrange(len(DEPARTMENTS))
    # Most projects belong to one's own department, some cross over.
    own = [p for p in projects if p.endswith(f"/{department_index}")]
    chosen = rng.sample(own, rng.randint(0, 2)) if rng.random() < 0.85 else []
    if rng.random() < 0.3:
        chosen.append(rng.choice(projects))
    languages = ["English"] if rng.random() < 0.9 else []
    if rng.random() < 0.5:
        languages.append("Dutch")
    if rng.random() < 0.1:
        languages.append("German")
    return Person(
        id=person_id,
        name=f"Person {person_id}",
        email=f"person{person_id}@ams.example",
        position=position,
        department=DEPARTMENTS[department_index] if rng.random() < 0.95 else "",
        projects=tuple(dict.fromkeys(chosen)),
        languages=tuple(languages),
    )


def make_program(n_mentors: int = 1000, n_mentees: int = 2000, seed: int = 2025) -> Program:
    """A deterministic program year of ``n_mentors`` mentors and ``n_mentees`` mentees."""
    rng = random.Random(seed)
    projects = [f"Project {i}/{i % len(DEPARTMENTS)}" for i in range(150)]
    mentors: list[Candidate] = []
    mentees: list[Candidate] = []
    for index in range(n_mentors):
        person = _person(rng, index + 1, _pick(rng, MENTOR_POSITIONS), projects)
        topics = rng.sample(TOPICS, rng.randint(2, 5))
        signup = Signup(
            id=index + 1,
            person_id=person.id,
            role=Role.MENTOR,
            signed_up=TODAY - timedelta(days=rng.randint(0, 240)),
            program_year=2025,
            topics=tuple(topics),
            meeting_format=MeetingFormat(_pick(rng, FORMATS)),
            capacity=rng.randint(1, 3),
        )
        mentors.append(Candidate(person, signup))
    for index in range(n_mentees):
        # A few people sign up on both sides; they keep their person id.
        person_id = rng.randint(1, n_mentors) if rng.random() < 0.01 else 10_000 + index
        person = _person(rng, person_id, _pick(rng, MENTEE_POSITIONS), projects)
        topics = set(rng.choices(TOPICS, weights=TOPIC_POPULARITY, k=rng.randint(0, 3)))
        signup = Signup(
            id=10_000 + index,
            person_id=person.id,
            role=Role.MENTEE,
            signed_up=TODAY - timedelta(days=rng.randint(0, 200)),
            program_year=2025,
            topics=tuple(sorted(topics)),
            meeting_format=MeetingFormat(_pick(rng, FORMATS)),
        )
        mentees.append(Candidate(person, signup))
    history = PairingHistory.of(
        PastPairing(rng.choice(mentors).person.id, rng.choice(mentees).person.id, 2023,
                    PairStatus.CLOSED)
        for _ in range(800)
    )
    taken = {m.signup.id: 1 for m in rng.sample(mentors, n_mentors // 10) if m.signup.capacity > 1}
    fixed = [
        (mentor.signup.id, mentee.signup.id)
        for mentor, mentee in zip(rng.sample(mentors, 50), rng.sample(mentees, 50), strict=True)
    ]
    return Program(mentors, mentees, history, taken, fixed)


def run_once(program: Program, *, explain: bool = False) -> float:
    """Seconds one ``suggest`` call takes on ``program``.

    With ``explain``, every pair's breakdown is worded too, as ``ams-desk
    suggest --json`` does (the board reads only the pairs).
    """
    started = time.perf_counter()
    result = suggest(
        program.mentors,
        program.mentees,
        ladder=SeniorityLadder(),
        history=program.history,
        taken=program.taken,
        weights=MatchWeights(),
        today=TODAY,
        fixed=program.fixed,
    )
    if explain:
        for pair in result.pairs:
            _ = pair.score
    return time.perf_counter() - started


def main() -> None:
    """Print the best and the median of five timed runs of each kind."""
    program = make_program()
    run_once(program)  # the solver library's first import is not part of a suggestion
    for name, explain in (("suggest_1000x2000", False), ("suggest_1000x2000_explained", True)):
        times = [run_once(program, explain=explain) for _ in range(5)]
        print(f"{name}: {min(times):.2f} (median {statistics.median(times):.2f})")


if __name__ == "__main__":
    main()
