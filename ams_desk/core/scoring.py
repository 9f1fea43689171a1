"""Soft match criteria: how well a mentor suits a mentee, each criterion scored 0..1.

:func:`score_pair` scores one pair, with a sentence per criterion for the
matching board. :func:`ams_desk.core.matching.score_matrix` scores every mentee
against every mentor at once from the same value tables, adding the criteria
in the same order, so the two agree to the last bit.
"""

from __future__ import annotations

import enum
import functools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date

from ams_desk.core.eligibility import Candidate
from ams_desk.core.ladder import SeniorityLadder
from ams_desk.core.model import MEETING_FORMAT_LABELS, MeetingFormat, Role
from ams_desk.core.text import count


class Criterion(enum.StrEnum):
    """The soft criteria, in the order they are scored and shown."""

    TOPICS = "topics"
    MEETING_FORMAT = "meeting_format"
    LANGUAGE = "language"
    SENIORITY_GAP = "seniority_gap"
    DEPARTMENT = "department"
    WAITING_TIME = "waiting_time"


CRITERION_LABELS: dict[Criterion, str] = {
    Criterion.TOPICS: "Topic overlap",
    Criterion.MEETING_FORMAT: "Meeting format",
    Criterion.LANGUAGE: "Language",
    Criterion.SENIORITY_GAP: "Seniority gap",
    Criterion.DEPARTMENT: "Department",
    Criterion.WAITING_TIME: "Waiting time",
}

NEUTRAL = 0.5
"""The value of a criterion that cannot be judged (nothing known on one side)."""

SAME_DEPARTMENT = 0.25
"""Same department: allowed, but an outside perspective is the program's point."""

GAP_VALUES: tuple[float, ...] = (0.0, 1.0, 1.0, 0.6, 0.3)
"""Seniority gap value by steps (index); 4 steps and more take the last entry."""

WAITING_FULL_DAYS = 90
"""Days of waiting after which the waiting-time criterion counts in full."""


@dataclass(frozen=True, slots=True)
class MatchWeights:
    """How much each criterion counts in a pair's total; field names are the criteria."""

    topics: float = 3.0
    meeting_format: float = 1.0
    language: float = 2.0
    seniority_gap: float = 1.0
    department: float = 1.0
    waiting_time: float = 1.0

    def __post_init__(self) -> None:
        for item in fields(self):
            value = getattr(self, item.name)
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValueError(f"match weight “{item.name}” must be a number, not {value!r}")
            if not math.isfinite(value) or value < 0:
                raise ValueError(f"match weight “{item.name}” must be 0 or more, not {value}")

    def weight(self, criterion: Criterion) -> float:
        """The weight of ``criterion``."""
        return float(getattr(self, criterion.value))

    def in_order(self) -> tuple[float, ...]:
        """The weights in :class:`Criterion` order."""
        return (
            float(self.topics),
            float(self.meeting_format),
            float(self.language),
            float(self.seniority_gap),
            float(self.department),
            float(self.waiting_time),
        )

    @property
    def total(self) -> float:
        """The sum of the weights, added in criterion order."""
        total = 0.0
        for weight in self.in_order():
            total += weight
        return total

    def to_dict(self) -> dict[str, float]:
        """The weights by criterion name, for saving in the settings."""
        return {criterion.value: self.weight(criterion) for criterion in Criterion}

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> MatchWeights:
        """Weights saved by :meth:`to_dict`; missing ones take their default.

        Names this version does not know (saved by a newer one) are ignored.

        Raises:
            ValueError: When a weight is not a number of 0 or more; the message names it.
        """
        known = {criterion.value for criterion in Criterion}
        values: dict[str, float] = {}
        for name, raw in data.items():
            if name not in known:
                continue
            if isinstance(raw, bool) or not isinstance(raw, int | float | str):
                raise ValueError(f"match weight “{name}” must be a number, not {raw!r}")
            try:
                values[name] = float(raw)
            except ValueError:
                raise ValueError(f"match weight “{name}” must be a number, not {raw!r}") from None
        return cls(**values)


@dataclass(frozen=True, slots=True)
class CriterionScore:
    """One criterion's value for a pair, its weight, and why."""

    criterion: str
    value: float
    weight: float
    explanation: str


@dataclass(frozen=True, slots=True)
class Score:
    """A pair's weighted mean over the criteria (0..1) and the criteria themselves."""

    total: float
    breakdown: tuple[CriterionScore, ...]


def text_key(text: str) -> str:
    """How topics, languages and departments are compared: spacing and case forgiven."""
    return " ".join(text.split()).casefold()


def text_keys(items: Iterable[str]) -> frozenset[str]:
    """The :func:`text_key` of each item, blanks dropped."""
    if isinstance(items, tuple):
        return _text_keys_tuple(items)
    return frozenset(key for key in map(text_key, items) if key)


@functools.lru_cache(maxsize=4096)
def _text_keys_tuple(items: tuple[str, ...]) -> frozenset[str]:
    # Sign-ups and people keep topics, languages and projects in tuples, and a
    # program year has far fewer distinct ones than people.
    return frozenset(key for key in map(text_key, items) if key)


def _keyed(items: Iterable[str]) -> Mapping[str, str]:
    """Items by :func:`text_key`, first spelling kept, blanks dropped (do not modify)."""
    if isinstance(items, tuple):
        return _keyed_tuple(items)
    return _keyed_fresh(items)


@functools.lru_cache(maxsize=4096)
def _keyed_tuple(items: tuple[str, ...]) -> Mapping[str, str]:
    # Sign-ups keep topics and languages in tuples; a suggestion explains thousands
    # of pairs from a few distinct ones.
    return _keyed_fresh(items)


def _keyed_fresh(items: Iterable[str]) -> dict[str, str]:
    keyed: dict[str, str] = {}
    for item in items:
        key = text_key(item)
        if key:
            keyed.setdefault(key, item.strip())
    return keyed


def _listing(items: Sequence[str]) -> str:
    return ", ".join(items)


def _topics(mentor: Candidate, mentee: Candidate) -> tuple[float, str]:
    wanted = _keyed(mentee.signup.topics)
    offered = _keyed(mentor.signup.topics)
    if not wanted:
        return NEUTRAL, "The mentee named no topics."
    if not offered:
        return NEUTRAL, "The mentor offered no topics."
    shared = [label for key, label in wanted.items() if key in offered]
    value = len(shared) / len(wanted)
    if len(wanted) == 1:
        verb = "Offers" if shared else "Does not offer"
        return value, f"{verb} the wanted topic: {next(iter(wanted.values()))}."
    if not shared:
        return value, f"Shares none of the {len(wanted)} wanted topics."
    if len(shared) == len(wanted):
        return value, f"Shares all {len(wanted)} wanted topics: {_listing(shared)}."
    return value, f"Shares {len(shared)} of {len(wanted)} wanted topics: {_listing(shared)}."


def _formats_fit(mentor_format: MeetingFormat, mentee_format: MeetingFormat) -> bool:
    return MeetingFormat.ANY in (mentor_format, mentee_format) or mentor_format == mentee_format


def _meeting_format(mentor: Candidate, mentee: Candidate) -> tuple[float, str]:
    ours, theirs = mentor.signup.meeting_format, mentee.signup.meeting_format
    value = 1.0 if _formats_fit(ours, theirs) else 0.0
    mentor_label = MEETING_FORMAT_LABELS[ours].lower()
    mentee_label = MEETING_FORMAT_LABELS[theirs].lower()
    if ours == theirs == MeetingFormat.ANY:
        return value, "Neither minds whether they meet in person or online."
    if ours == theirs:
        return value, f"Both prefer to meet {mentee_label}."
    if ours == MeetingFormat.ANY:
        return value, f"The mentor meets either way; the mentee prefers {mentee_label}."
    if theirs == MeetingFormat.ANY:
        return value, f"The mentee meets either way; the mentor prefers {mentor_label}."
    return value, f"The mentee prefers to meet {mentee_label}, the mentor {mentor_label}."


def _language(mentor: Candidate, mentee: Candidate) -> tuple[float, str]:
    ours = _keyed(mentor.person.languages)
    theirs = _keyed(mentee.person.languages)
    if not ours and not theirs:
        return NEUTRAL, "Neither's languages are known."
    if not ours:
        return NEUTRAL, "The mentor's languages are unknown."
    if not theirs:
        return NEUTRAL, "The mentee's languages are unknown."
    shared = [label for key, label in theirs.items() if key in ours]
    if shared:
        return 1.0, f"Both speak {_listing(shared)}."
    return 0.0, (
        f"No shared language: the mentor speaks {_listing(list(ours.values()))}, "
        f"the mentee {_listing(list(theirs.values()))}."
    )


def gap_value(steps: int) -> float:
    """The seniority-gap value of a mentor ranking ``steps`` above the mentee."""
    return GAP_VALUES[min(max(steps, 0), len(GAP_VALUES) - 1)]


def _seniority_gap(
    mentor_rank: int | None, mentee_rank: int | None, ladder: SeniorityLadder
) -> tuple[float, str]:
    if mentor_rank is None or mentee_rank is None:
        whose = "mentor" if mentor_rank is None else "mentee"
        return 0.0, f"The {whose}'s position is not on the seniority ladder."
    steps = mentor_rank - mentee_rank
    value = gap_value(steps)
    if steps <= 0:
        return value, "The mentor does not rank above the mentee."
    over, under = ladder.positions[mentor_rank - 1], ladder.positions[mentee_rank - 1]
    text = f"The mentor ranks {count(steps, 'step')} above the mentee ({over} over {under})"
    if value < 1.0:
        return value, f"{text}; one or two steps are preferred."
    return value, f"{text}."


def _department(mentor: Candidate, mentee: Candidate) -> tuple[float, str]:
    ours, theirs = mentor.person.department.strip(), mentee.person.department.strip()
    if not ours and not theirs:
        return NEUTRAL, "Neither's department is known."
    if not ours or not theirs:
        whose = "mentor" if not ours else "mentee"
        return NEUTRAL, f"The {whose}'s department is unknown."
    if text_key(ours) == text_key(theirs):
        return SAME_DEPARTMENT, f"Both work in {theirs}; an outside perspective is preferred."
    return 1.0, f"Different departments ({ours}, {theirs}): an outside perspective."


def waiting_days(signed_up: date, today: date) -> int:
    """Whole days a sign-up has waited by ``today`` (0 for a sign-up dated later)."""
    return max((today - signed_up).days, 0)


def waiting_value(days: int) -> float:
    """The waiting-time value of ``days`` waited, saturating at :data:`WAITING_FULL_DAYS`."""
    return min(days, WAITING_FULL_DAYS) / WAITING_FULL_DAYS


def _waiting_time(mentee: Candidate, today: date) -> tuple[float, str]:
    signed_up = mentee.signup.signed_up
    days = waiting_days(signed_up, today)
    value = waiting_value(days)
    if signed_up > today:
        return (
            value,
            f"Signed up on {signed_up.isoformat()}, after {today.isoformat()}; no waiting yet.",
        )
    if days == 0:
        return value, "Signed up today."
    text = f"Waiting {count(days, 'day')} since signing up on {signed_up.isoformat()}"
    if days >= WAITING_FULL_DAYS:
        return value, f"{text}; {WAITING_FULL_DAYS} days or more count in full."
    return value, f"{text}."


def check_roles(mentors: Iterable[Candidate], mentees: Iterable[Candidate]) -> None:
    """Raise ValueError unless ``mentors`` have mentor sign-ups and ``mentees`` mentee ones."""
    if any(m.signup.role is not Role.MENTOR for m in mentors):
        raise ValueError("every mentor candidate needs a mentor sign-up")
    if any(m.signup.role is not Role.MENTEE for m in mentees):
        raise ValueError("every mentee candidate needs a mentee sign-up")


def score_pair(
    mentor: Candidate,
    mentee: Candidate,
    *,
    ladder: SeniorityLadder,
    weights: MatchWeights,
    today: date,
) -> Score:
    """Score how well ``mentor`` suits ``mentee`` on every soft criterion.

    The hard rules are not checked here (see
    :func:`ams_desk.core.eligibility.check_pair`); a pair that breaks one still
    gets a score.

    Args:
        mentor: The mentor's sign-up and person.
        mentee: The mentee's sign-up and person.
        ladder: The seniority ladder in force.
        weights: How much each criterion counts.
        today: The day waiting time is counted to.

    Returns:
        The weighted mean of the criteria (0 when every weight is 0) and one
        :class:`CriterionScore` per :class:`Criterion`, in order.

    Raises:
        ValueError: When the sign-ups are not a mentor's and a mentee's.
    """
    check_roles((mentor,), (mentee,))
    return score_ranked(
        mentor,
        mentee,
        ladder.rank(mentor.person.position),
        ladder.rank(mentee.person.position),
        ladder=ladder,
        weights=weights,
        today=today,
    )


def score_ranked(
    mentor: Candidate,
    mentee: Candidate,
    mentor_rank: int | None,
    mentee_rank: int | None,
    *,
    ladder: SeniorityLadder,
    weights: MatchWeights,
    today: date,
) -> Score:
    """:func:`score_pair` for callers that know both ranks already (no role check)."""
    values = (
        _topics(mentor, mentee),
        _meeting_format(mentor, mentee),
        _language(mentor, mentee),
        _seniority_gap(mentor_rank, mentee_rank, ladder),
        _department(mentor, mentee),
        _waiting_time(mentee, today),
    )
    breakdown: list[CriterionScore] = []
    weighted = total_weight = 0.0
    # The order score_matrix adds the criteria in, so the totals agree exactly.
    for criterion, weight, (value, explanation) in zip(
        Criterion, weights.in_order(), values, strict=True
    ):
        weighted += weight * value
        total_weight += weight
        breakdown.append(CriterionScore(criterion, value, weight, explanation))
    total = weighted / total_weight if total_weight > 0 else 0.0
    return Score(total, tuple(breakdown))
