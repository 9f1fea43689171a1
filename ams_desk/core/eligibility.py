"""May this pair exist? The hard rules, the mentor's places, and admitting a new pair.

:func:`check_pair` checks every hard rule (the mentor's free places among
them, :func:`ams_desk.core.places.free_places`); each rule returns a
:class:`RuleResult` whose ``reason`` is a sentence a coordinator can read,
whether the rule holds or not. :func:`admit_pair` is the one decision every
new pair goes through (a draft placed on the board, a proposal, Suggest's
drafts, a draft put back by undo): the hard rules, the coordinator's
override, and the sign-ups' own state. The vectorised
:func:`ams_desk.core.matching.rule_matrices` gives :func:`check_pair`'s
verdicts for whole programs at once (a property test holds them equal).
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ams_desk.core.ladder import SeniorityLadder
from ams_desk.core.model import Person, Role, Signup, SignupStatus
from ams_desk.core.places import free_places
from ams_desk.core.text import plural
from ams_desk.core.validation import ValidationError
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
    status: PairStatus


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
        f"{who} ({mentor_pos}) ranks {steps} {plural(steps, 'step')} above "
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
            f"{p.program_year} ({STATUS_LABELS[p.status].lower()})" for p in earlier
        )
        return RuleResult(
            Rule.NOT_PAIRED_BEFORE,
            False,
            f"{mentor.person.name} and {mentee.person.name} were paired before: {listed}.",
        )
    return RuleResult(Rule.NOT_PAIRED_BEFORE, True, "They have not been paired before.")


def _check_capacity(mentor: Candidate, taken: int) -> RuleResult:
    capacity = mentor.signup.capacity
    left = free_places(capacity, taken)
    if left == 0:
        return RuleResult(
            Rule.CAPACITY,
            False,
            f"{mentor.person.name} has no capacity left ({taken} of {capacity} taken).",
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
    mentor_taken: int,
) -> list[RuleResult]:
    """Check every hard rule for ``mentor`` mentoring ``mentee``.

    Args:
        mentor: The mentor's sign-up and person.
        mentee: The mentee's sign-up and person.
        ladder: The seniority ladder in force.
        history: Earlier pairings of people, in any year.
        mentor_taken: How many places of the mentor sign-up its pairs take
            already (:data:`ams_desk.core.places.TAKES_PLACE`).

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
        _check_capacity(mentor, mentor_taken),
    ]


def refusals(results: Iterable[RuleResult]) -> list[RuleResult]:
    """The rules in ``results`` that do not hold."""
    return [r for r in results if not r.ok]


def is_eligible(results: Iterable[RuleResult]) -> bool:
    """True when every rule in ``results`` holds."""
    return all(r.ok for r in results)


class PairRefused(ValidationError):
    """A pair that breaks a hard rule; ``refused`` holds the rules and their reasons."""

    def __init__(self, refused: list[RuleResult]) -> None:
        super().__init__("pair", " ".join(r.reason for r in refused))
        self.refused = refused


CLOSED_TO_PAIRS = (SignupStatus.WITHDRAWN, SignupStatus.CLOSED)
"""Sign-up statuses that take no new pair, whatever a coordinator overrides."""


def require_roles(mentor: Candidate, mentee: Candidate) -> None:
    """Raise :class:`ValidationError`, naming the person, unless the roles are mentor and mentee."""
    for candidate, role in ((mentor, Role.MENTOR), (mentee, Role.MENTEE)):
        if candidate.signup.role is not role:
            raise ValidationError(
                role.value, f"{candidate.person.name}'s sign-up is not a {role.value}'s."
            )


def admit_pair(
    mentor: Candidate,
    mentee: Candidate,
    *,
    ladder: SeniorityLadder,
    history: PairingHistory,
    mentor_taken: int,
    override: str = "",
    mentee_placed: bool = False,
) -> list[RuleResult]:
    """Decide whether ``mentor`` may take ``mentee`` in a new pair now: the one admission rule.

    In this order: the sign-ups must have the right roles; every hard rule
    (:func:`check_pair`) must hold unless the coordinator gives an
    ``override`` reason; neither sign-up may be withdrawn or closed, and
    the mentee must be waiting (no override lifts these).

    Args:
        mentor: The mentor's sign-up and person.
        mentee: The mentee's sign-up and person.
        ladder: The seniority ladder in force.
        history: Earlier pairings of people, in any year.
        mentor_taken: Places of the mentor sign-up taken already
            (:data:`ams_desk.core.places.TAKES_PLACE`).
        override: The coordinator's reason to pair despite broken hard rules.
        mentee_placed: The mentee is in a pair already that their status does
            not show: a draft (which leaves the sign-up open) or a pair
            placed earlier in the same batch.

    Returns:
        The hard rules that ``override`` overrides (empty when none is broken).

    Raises:
        ValidationError: A sign-up has the wrong role, is withdrawn or
            closed, or the mentee is already in a pair.
        PairRefused: A hard rule is broken and ``override`` is blank.
    """
    require_roles(mentor, mentee)
    refused = refusals(check_pair(mentor, mentee, ladder=ladder, history=history,
                                  mentor_taken=mentor_taken))  # fmt: skip
    if refused and not override.strip():
        raise PairRefused(refused)
    for candidate, who in ((mentee, "mentee"), (mentor, "mentor")):
        if candidate.signup.status in CLOSED_TO_PAIRS:
            raise ValidationError(who, f"The {who}'s sign-up is {candidate.signup.status}.")
    if mentee.signup.status is not SignupStatus.OPEN or mentee_placed:
        raise ValidationError("mentee", f"{mentee.person.name} is already in a pair.")
    return refused
