"""The cards of the matching board: what each row of its lists shows, built once per load."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ams_desk.core.eligibility import Candidate, Rule
from ams_desk.core.places import free_places
from ams_desk.core.scoring import text_keys, waiting_days
from ams_desk.core.text import collation_key, count, plural
from ams_desk.core.workflow import STATUS_LABELS
from ams_desk.store.board import Board, BoardPair

RULE_BADGES: dict[Rule, str] = {
    Rule.DIFFERENT_PEOPLE: "Same person",
    Rule.SENIORITY: "Not senior",
    Rule.NO_SHARED_PROJECT: "Shared project",
    Rule.NOT_PAIRED_BEFORE: "Paired before",
    Rule.CAPACITY: "No place free",
}
"""A short label per hard rule, for the badge on a refused mentor's card."""


def _details(candidate: Candidate, *, department: bool) -> str:
    person = candidate.person
    parts = [person.position or "No position"]
    if department and person.department:
        parts.append(person.department)
    parts.extend(person.projects)
    return " · ".join(parts)


def _haystack(candidate: Candidate) -> str:
    person = candidate.person
    texts = (person.name, person.position, person.department, *person.projects,
             *candidate.signup.topics)
    return "\x1f".join(collation_key(t) for t in texts)


class _CandidateCard:
    """What every card knows through its sign-up and person (``candidate``)."""

    __slots__ = ()
    candidate: Candidate

    @property
    def signup_id(self) -> int:
        return self.candidate.signup.id

    @property
    def name(self) -> str:
        return self.candidate.person.name

    @property
    def topics(self) -> tuple[str, ...]:
        return self.candidate.signup.topics

    @property
    def year(self) -> int:
        """The program year of the sign-up."""
        return self.candidate.signup.program_year


@dataclass(frozen=True, slots=True)
class MenteeCard(_CandidateCard):
    """A waiting mentee as the board shows them (``label``: the name, told apart)."""

    candidate: Candidate
    label: str
    details: str
    days_waiting: int
    haystack: str
    topic_keys: frozenset[str]
    project_keys: frozenset[str]


@dataclass(frozen=True, slots=True)
class PairLine:
    """A draft or proposal with both names (told apart), for a mentor's card and the list."""

    pair: BoardPair
    mentor_name: str
    mentee_name: str

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.pair.status]


@dataclass(frozen=True, slots=True)
class MentorCard(_CandidateCard):
    """A mentor with their places and the drafts and proposals placed with them."""

    candidate: Candidate
    label: str
    details: str
    taken: int
    lines: tuple[PairLine, ...]
    haystack: str
    topic_keys: frozenset[str]
    project_keys: frozenset[str]

    @property
    def capacity(self) -> int:
        return self.candidate.signup.capacity

    @property
    def free(self) -> int:
        return free_places(self.capacity, self.taken)

    @property
    def others(self) -> int:
        """Places taken by pairs past the proposal (agreed, met, closed…)."""
        return max(self.taken - len(self.lines), 0)

    @property
    def places_text(self) -> str:
        """The places at the card's top right: free of those offered, or taken when full."""
        if self.free:
            return f"{self.free} of {self.capacity} {plural(self.capacity, 'place')} free"
        return f"Full: {self.taken} of {self.capacity} taken"

    @property
    def others_text(self) -> str:
        """The places taken by the sign-up's pairs the board does not show (agreed, under
        way or closed: past the proposal)."""
        n = self.others
        return ("1 place taken by an earlier pair" if n == 1
                else f"{count(n, 'place')} taken by earlier pairs")


def labels(candidates: Iterable[Candidate]) -> dict[int, str]:
    """Per sign-up, the name to show, telling apart people the name alone does not.

    Two people with the same name (accents and case aside) get their email
    beside it; one person with two sign-ups on the board gets the sign-up date.
    """
    groups: defaultdict[str, dict[int, Candidate]] = defaultdict(dict)
    for candidate in candidates:
        groups[collation_key(candidate.person.name)][candidate.signup.id] = candidate
    shown: dict[int, str] = {}
    for group in groups.values():
        people = Counter(c.person.id for c in group.values())
        for signup_id, c in group.items():
            label = c.person.name
            if len(people) > 1:
                label += f" <{c.person.email}>"
            if people[c.person.id] > 1:
                label += f", signed up {c.signup.signed_up:%Y-%m-%d}"
            shown[signup_id] = label
    return shown


def board_labels(board: Board) -> dict[int, str]:
    """:func:`labels` of everyone on the board."""
    return labels((*board.mentors, *board.mentees, *(p.mentee for p in board.pairs)))


def mentee_cards(board: Board, shown: dict[int, str] | None = None) -> list[MenteeCard]:
    shown = board_labels(board) if shown is None else shown
    return [
        MenteeCard(c, shown[c.signup.id], _details(c, department=False),
                   waiting_days(c.signup.signed_up, board.today), _haystack(c),
                   text_keys(c.signup.topics), text_keys(c.person.projects))
        for c in board.mentees
    ]


def mentor_cards(board: Board, shown: dict[int, str] | None = None) -> list[MentorCard]:
    shown = board_labels(board) if shown is None else shown
    return [
        MentorCard(c, shown[c.signup.id], _details(c, department=True),
                   board.places_taken(c.signup.id),
                   tuple(PairLine(p, shown[c.signup.id], shown[p.mentee_signup_id])
                         for p in board.pairs_of(c.signup.id)),
                   _haystack(c), text_keys(c.signup.topics), text_keys(c.person.projects))
        for c in board.mentors
    ]


def pair_lines(cards: Iterable[MentorCard]) -> list[PairLine]:
    return [line for card in cards for line in card.lines]
