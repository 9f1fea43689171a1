"""Hard rules that decide whether a mentor may be paired with a mentee.

Each rule returns a :class:`RuleResult` whose ``reason`` is a sentence a
coordinator can read, whether the rule holds or not.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ams_desk.core.ladder import SeniorityLadder
from ams_desk.core.model import Person, Role, Signup
from ams_desk.core.workflow import STATUS_LABELS, PairStatus


class Rule(enum.StrEnum):
    """The hard rules, in the order they are checked and shown."""

    DIFFERENT_PEOPLE = "different_people"
    SENIORITY = "seniority"
    NO_SHARED_PROJECT = "no_shared_project"
    NOT_PAIRED_BEFORE = "not_paired_before"
    CAPACITY = "capacity"


@dataclass(frozen=True, slots=True)
class RuleResult:
    """The outcome of one rule for one mentor and mentee."""

    rule: Rule
    ok: bool
    reason: str


@dataclass(frozen=True, slots=True)
class Candidate:
    """A sign-up together with its person."""

    person: Person
    signup: Signup


@dataclass(frozen=True, slots=True)
class PastPairing:
    """An earlier pair of two people, in any year and any status but draft."""

    mentor_person_id: int
    mentee_person_id: int
    program_year: int
    status: str


@dataclass
class PairingHistory:
    """Who was paired with whom before, looked up by the two people."""

    _by_people: dict[frozenset[int], list[PastPairing]] = field(
        default_factory=lambda: defaultdict(list)
    )

    @classmethod
    def of(cls, pairings: Iterable[PastPairing]) -> PairingHistory:
        history = cls()
        for pairing in pairings:
            if pairing.status == PairStatus.DRAFT:
                continue
            key = frozenset((pairing.mentor_person_id, pairing.mentee_person_id))
            history._by_people[key].append(pairing)
        return history

    def between(self, person_a: int, person_b: int) -> list[PastPairing]:
        """Earlier pairings of the two people, oldest year first."""
        found = self._by_people.get(frozenset((person_a, person_b)), [])
        return sorted(found, key=lambda p: p.program_year)


def _check_people(mentor: Candidate, mentee: Candidate) -> RuleResult:
    if mentor.person.id == mentee.person.id:
        return RuleResult(
            Rule.DIFFERENT_PEOPLE, False, f"{mentor.person.name} cannot mentor themselves."
        )
    return RuleResult(Rule.DIFFERENT_PEOPLE, True, "Mentor and mentee are different people.")


def _check_seniority(
    mentor: Candidate, mentee: Candidate, ladder: SeniorityLadder
) -> RuleResult:
    mentor_rank = ladder.rank(mentor.person.position)
    mentee_rank = ladder.rank(mentee.person.position)
    who = mentor.person.name
    if mentor_rank is None:
        return RuleResult(
            Rule.SENIORITY,
            False,
            f"{who}'s position “{mentor.person.position.strip() or 'none'}” is not on the "
            "seniority ladder.",
        )
    if mentee_rank is None:
        return RuleResult(
            Rule.SENIORITY,
            False,
            f"{mentee.person.name}'s position “{mentee.person.position.strip() or 'none'}” is "
            "not on the seniority ladder.",
        )
    mentor_pos = ladder.canonical(mentor.person.position)
    mentee_pos = ladder.canonical(mentee.person.position)
    if mentor_rank <= mentee_rank:
        relation = "the same rank as" if mentor_rank == mentee_rank else "a lower rank than"
        return RuleResult(
            Rule.SENIORITY,
            False,
            f"{who} ({mentor_pos}) has {relation} {mentee.person.name} ({mentee_pos}); "
            "a mentor must rank higher.",
        )
    steps = mentor_rank - mentee_rank
    return RuleResult(
        Rule.SENIORITY,
        True,
        f"{who} ({mentor_pos}) ranks {steps} step{'s' if steps > 1 else ''} above "
        f"{mentee.person.name} ({mentee_pos}).",
    )


def _check_projects(mentor: Candidate, mentee: Candidate) -> RuleResult:
    mentor_projects = {p.casefold(): p for p in mentor.person.projects}
    shared = [p for p in mentee.person.projects if p.casefold() in mentor_projects]
    if shared:
        names = ", ".join(shared)
        return RuleResult(
            Rule.NO_SHARED_PROJECT,
            False,
            f"Both work on {names}; a mentor must not be affiliated with the mentee's project.",
        )
    return RuleResult(Rule.NO_SHARED_PROJECT, True, "They share no project.")


def _check_history(mentor: Candidate, mentee: Candidate, history: PairingHistory) -> RuleResult:
    earlier = history.between(mentor.person.id, mentee.person.id)
    if earlier:
        listed = "; ".join(
            f"{p.program_year} ({STATUS_LABELS[PairStatus(p.status)].lower()})" for p in earlier
        )
        return RuleResult(
            Rule.NOT_PAIRED_BEFORE,
            False,
            f"{mentor.person.name} and {mentee.person.name} were paired before: {listed}.",
        )
    return RuleResult(Rule.NOT_PAIRED_BEFORE, True, "They have not been paired before.")


def _check_capacity(mentor: Candidate, load: int) -> RuleResult:
    capacity = mentor.signup.capacity
    left = capacity - load
    if left <= 0:
        return RuleResult(
            Rule.CAPACITY,
            False,
            f"{mentor.person.name} has no capacity left ({load} of {capacity} taken).",
        )
    return RuleResult(
        Rule.CAPACITY, True, f"{mentor.person.name} has {left} of {capacity} places free."
    )


def check_pair(
    mentor: Candidate,
    mentee: Candidate,
    *,
    ladder: SeniorityLadder,
    history: PairingHistory,
    mentor_load: int,
) -> list[RuleResult]:
    """Check every hard rule for ``mentor`` mentoring ``mentee``.

    Args:
        mentor: The mentor's sign-up and person.
        mentee: The mentee's sign-up and person.
        ladder: The seniority ladder in force.
        history: Earlier pairings of people, in any year.
        mentor_load: How many live pairs (not declined, not cancelled) already
            use the mentor sign-up's capacity.

    Returns:
        One result per :class:`Rule`, in order.

    Raises:
        ValueError: When the sign-ups are not a mentor's and a mentee's.
    """
    if mentor.signup.role is not Role.MENTOR or mentee.signup.role is not Role.MENTEE:
        raise ValueError("check_pair needs a mentor sign-up and a mentee sign-up")
    return [
        _check_people(mentor, mentee),
        _check_seniority(mentor, mentee, ladder),
        _check_projects(mentor, mentee),
        _check_history(mentor, mentee, history),
        _check_capacity(mentor, mentor_load),
    ]


def refusals(results: Iterable[RuleResult]) -> list[RuleResult]:
    """The rules in ``results`` that do not hold."""
    return [r for r in results if not r.ok]


def is_eligible(results: Iterable[RuleResult]) -> bool:
    """True when every rule in ``results`` holds."""
    return all(r.ok for r in results)
