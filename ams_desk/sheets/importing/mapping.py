"""Which column of a sheet holds which AMS field: the :class:`Mapping` and its automatic guess.

:func:`auto_map` reads the headers *and* the values below them. A header only
suggests; the values decide for every field that has a recognisable shape:
Microsoft Forms' respondent ``Email`` column reading ``anonymous`` loses to
the question column that holds real addresses, a column of dates is the
sign-up time whatever its header, a column of ladder positions is the
position even under a header "What is your current role?".

Columns that are not mapped are not stored (data minimisation).

Example::

    guess = auto_map(table, ladder)
    mapping = guess.mapping.assign(7, Field.MOTIVATION)   # the coordinator's change
    if not mapping.missing():
        preview = build_preview(db, table, mapping)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ams_desk.core.ladder import SeniorityLadder
from ams_desk.core.model import Role
from ams_desk.sheets.importing.cells.choices import (
    canonical_position,
    canonical_topic,
    is_language,
    meeting_option,
    parse_meeting_format,
    parse_role,
    role_option,
)
from ams_desk.sheets.importing.cells.dates import detect_date_order, parse_day
from ams_desk.sheets.importing.cells.values import (
    cell_text,
    looks_like_email,
    parse_capacity,
    split_choices,
)
from ams_desk.sheets.importing.fields import Field
from ams_desk.sheets.importing.headers import EXACT, HeaderHint, header_hint, header_key
from ams_desk.sheets.importing.read.table import CellValue, RawTable, is_blank
from ams_desk.store.bulk import paused_gc

SAMPLE_ROWS = 200
"""Values looked at per column when guessing (the first non-empty ones)."""

VALUE_SHARE = 0.8
"""Share of a column's values that must be exactly a choice of a field to map it by values."""

FREE_TEXT_SHARE = 0.2
"""Share of long answers that makes a column free text (never a choice field)."""

CHOICE_FIELDS = frozenset(
    {Field.ROLE, Field.POSITION, Field.TOPICS, Field.MEETING_FORMAT, Field.LANGUAGES}
)
"""Fields whose answers are one of a few choices: a sentence mapped to one loses its words."""

_ANONYMOUS = {"anonymous", "anoniem", "anonym", "anonyme", "anónimo"}


@dataclass(frozen=True)
class Mapping:
    """Column index -> AMS field (or ``None``: not imported). Immutable; edit with :meth:`assign`.

    Attributes:
        headers: The sheet's column names, as in :attr:`RawTable.headers`.
        fields: One entry per column.
    """

    headers: tuple[str, ...]
    fields: tuple[Field | None, ...]

    def __post_init__(self) -> None:
        if len(self.headers) != len(self.fields):
            raise ValueError("a mapping needs one field (or None) per column")
        taken = [f for f in self.fields if f is not None and not f.multi_column]
        if len(taken) != len(set(taken)):
            raise ValueError("a single-valued field is mapped to two columns")

    @classmethod
    def empty(cls, headers: Sequence[str]) -> Mapping:
        """A mapping that imports nothing."""
        return cls(tuple(headers), (None,) * len(headers))

    def field_of(self, column: int) -> Field | None:
        """The field column ``column`` (counting from 0) is mapped to."""
        return self.fields[column]

    def columns(self, wanted: Field) -> tuple[int, ...]:
        """The columns mapped to ``wanted``, left to right."""
        return tuple(i for i, f in enumerate(self.fields) if f is wanted)

    def column(self, wanted: Field) -> int | None:
        """The first column mapped to ``wanted``, if any."""
        found = self.columns(wanted)
        return found[0] if found else None

    def assign(self, column: int, wanted: Field | None) -> Mapping:
        """A copy with ``column`` mapped to ``wanted`` (``None`` to leave it out).

        A single-valued field moves: the column that held it before is unmapped.
        """
        fields = list(self.fields)
        if wanted is not None and not wanted.multi_column:
            fields = [None if f is wanted else f for f in fields]
        fields[column] = wanted
        return Mapping(self.headers, tuple(fields))

    def missing(self, *, default_role: Role | None = None) -> tuple[Field, ...]:
        """The fields an import cannot do without that no column holds.

        Email and a name (or first/last name) are always needed; the role
        unless ``default_role`` says what every row is.
        """
        mapped = {f for f in self.fields if f is not None}
        needed: list[Field] = []
        if Field.NAME not in mapped and not mapped & {Field.FIRST_NAME, Field.LAST_NAME}:
            needed.append(Field.NAME)
        if Field.EMAIL not in mapped:
            needed.append(Field.EMAIL)
        if Field.ROLE not in mapped and default_role is None:
            needed.append(Field.ROLE)
        return tuple(needed)

    def by_header(self) -> dict[str, str | None]:
        """``{header: field name or None}``: the form a profile stores."""
        return {h: (f.value if f else None) for h, f in zip(self.headers, self.fields, strict=True)}

    @classmethod
    def from_headers(cls, headers: Sequence[str], saved: dict[str, str | None]) -> Mapping:
        """Apply a saved ``{header: field name}`` to ``headers`` (matched case- and space-blind).

        Headers the saved mapping does not know, and unknown field names, map to ``None``.
        """
        by_key = {header_key(h): name for h, name in saved.items()}
        known = {f.value: f for f in Field}
        fields: list[Field | None] = []
        used: set[Field] = set()
        for header in headers:
            name = by_key.get(header_key(header))
            chosen = known.get(name) if name else None
            if chosen is not None and not chosen.multi_column and chosen in used:
                chosen = None
            if chosen is not None:
                used.add(chosen)
            fields.append(chosen)
        return cls(tuple(headers), tuple(fields))


@dataclass(frozen=True)
class AutoMapping:
    """The guess of :func:`auto_map`, with the reason for each column, for the wizard to show.

    Attributes:
        mapping: The guessed mapping.
        reasons: One short explanation per column ("" when nothing was found).
    """

    mapping: Mapping
    reasons: tuple[str, ...]


@dataclass
class _Column:
    """What the values of one column look like: the share that fit each field."""

    count: int = 0
    share: dict[Field, float] = field(default_factory=dict)
    exact: dict[Field, float] = field(default_factory=dict)  # values exactly a choice
    free_text: dict[Field, float] = field(default_factory=dict)  # long, not a choice
    anonymous: float = 0.0
    names: float = 0.0
    distinct: float = 0.0


# Share of values that must fit when a key word of the header points at the field / when
# the header does not. ``None``: never mapped on values alone. A header that names the
# field outright is trusted whatever the values (the row checks then report each odd
# value), unless they read "anonymous" (Microsoft Forms' respondent columns).
_THRESHOLDS: dict[Field, tuple[float, float | None]] = {
    Field.EMAIL: (0.5, 0.8),
    Field.SIGNED_UP: (0.6, 0.9),
    Field.ROLE: (0.5, 0.8),
    Field.POSITION: (0.2, 0.7),
    Field.TOPICS: (0.0, 0.6),
    Field.MEETING_FORMAT: (0.4, 0.8),
    Field.LANGUAGES: (0.2, 0.8),
    Field.CAPACITY: (0.5, None),
}
_VALUE_WEIGHT = 1.5  # fitting values count for more than a header's words
_TEXT_FIELDS = (
    Field.NAME, Field.FIRST_NAME, Field.LAST_NAME, Field.DEPARTMENT, Field.PROJECTS,
    Field.MOTIVATION,
)  # fmt: skip


def _profile(values: list[CellValue], ladder: SeniorityLadder) -> _Column:
    sample = [v for v in values if not is_blank(v)][:SAMPLE_ROWS]
    column = _Column(count=len(sample))
    if not sample:
        return column
    texts = [" ".join(cell_text(v).split()) for v in sample]
    order = detect_date_order(sample)
    n = len(sample)

    def share(hits: int) -> float:
        return hits / n

    column.share = {
        Field.EMAIL: share(sum(looks_like_email(t) for t in texts)),
        Field.SIGNED_UP: share(sum(parse_day(v, order) is not None for v in sample)),
        Field.ROLE: share(sum(parse_role(t) is not None for t in texts)),
        Field.POSITION: share(sum(canonical_position(t, ladder) is not None for t in texts)),
        Field.TOPICS: share(
            sum(any(canonical_topic(c) for c in split_choices(t)) for t in texts)
        ),
        Field.MEETING_FORMAT: share(sum(parse_meeting_format(t) is not None for t in texts)),
        Field.LANGUAGES: share(
            sum(any(is_language(c) for c in split_choices(t.replace("/", ","))) for t in texts)
        ),
        Field.CAPACITY: share(
            sum(len(t) <= 20 and (parse_capacity(v) or 0) in range(1, 11)
                for v, t in zip(sample, texts, strict=True))
        ),
    }  # fmt: skip
    exact: dict[Field, Callable[[str], bool]] = {
        Field.ROLE: lambda t: role_option(t) is not None,
        Field.POSITION: lambda t: canonical_position(t, ladder) is not None,
        Field.TOPICS: lambda t: _all_items(t, canonical_topic),
        Field.MEETING_FORMAT: lambda t: meeting_option(t) is not None,
        Field.LANGUAGES: lambda t: _all_items(t.replace("/", ","), is_language),
    }
    long = [_long_answer(t) for t in texts]
    for target, test in exact.items():
        hits = [test(t) for t in texts]
        column.exact[target] = share(sum(hits))
        # A long answer that is not one of the field's choices is a sentence.
        column.free_text[target] = share(
            sum(is_long and not hit for is_long, hit in zip(long, hits, strict=True)))
    column.anonymous = share(sum(t.casefold() in _ANONYMOUS for t in texts))
    column.names = share(sum(_name_like(t) for t in texts))
    column.distinct = len({t.casefold() for t in texts}) / n
    return column


def _all_items(text: str, known: Callable[[str], object]) -> bool:
    items = split_choices(text)
    return bool(items) and all(known(item) for item in items)


def _long_answer(text: str) -> bool:
    """A sentence rather than a choice: many words, or a long run of several words, in one item."""
    for item in split_choices(text):
        words = len(item.split())
        if words > 8 or (words >= 3 and len(item) > 60):
            return True
    return False


def _name_like(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 5 and all(
        w[0].isupper() or w.casefold() in {"van", "de", "der", "den", "von", "zu", "ter", "la"}
        for w in words
    ) and all(c.isalpha() or c in " '-." for c in text)


NAMED = 10.0
"""The score of a header that names its field: more than any values can add."""


def _score(hint: HeaderHint, target: Field, column: _Column) -> tuple[float, str]:
    """How well ``column`` fits ``target``, and why; ``(0, "")`` when it does not."""
    header = hint.strength if hint.field is target else 0.0
    if column.anonymous > 0.5:
        return 0.0, ""
    if column.free_text.get(target, 0.0) >= FREE_TEXT_SHARE:
        return 0.0, ""
    if header == EXACT:
        if not column.count:  # an empty column loses to one with answers under the same name
            return header * 0.5, "header (the column is empty)"
        return NAMED, "the header names it"
    if target in _THRESHOLDS:
        if column.count == 0:
            return (header * 0.5, "header (the column is empty)") if header else (0.0, "")
        with_header, alone = _THRESHOLDS[target]
        needed: float | None
        if header:
            fit, needed = column.share.get(target, 0.0), with_header
        elif target in CHOICE_FIELDS:
            fit, needed = column.exact.get(target, 0.0), VALUE_SHARE
        else:
            fit, needed = column.share.get(target, 0.0), alone
        if needed is None or fit < needed or (fit == 0 and not header):
            return 0.0, ""
        percent = f"{fit:.0%} of the values fit"
        why = f"header and values ({percent})" if header else f"values ({percent})"
        return header + _VALUE_WEIGHT * fit, why
    if column.count and (
        column.share.get(Field.EMAIL, 0) > 0.5
        or column.share.get(Field.SIGNED_UP, 0) > 0.8
    ):
        return 0.0, ""
    if header:
        if not column.count:
            return header * 0.5, "header (the column is empty)"
        return header, "header"
    if target is Field.NAME and column.names >= 0.9 and column.distinct >= 0.9:
        return 0.4, "values look like names"
    return 0.0, ""


def auto_map(table: RawTable, ladder: SeniorityLadder | None = None) -> AutoMapping:
    """Guess the mapping of ``table`` from its headers and values.

    Args:
        table: The sheet as read.
        ladder: The program's seniority ladder (to recognise positions);
            the default ladder if ``None``.

    Returns:
        The mapping and a reason per column.
    """
    ladder = ladder or SeniorityLadder()
    width = len(table.headers)
    hints = [header_hint(h) for h in table.headers]
    with paused_gc():
        columns = [
            _profile([row.values[i] for row in table.rows[: SAMPLE_ROWS * 2]], ladder)
            for i in range(width)
        ]
    candidates: list[tuple[float, int, Field, str]] = []
    for index, (hint, column) in enumerate(zip(hints, columns, strict=True)):
        if hint.ignore:
            continue
        for target in Field:
            score, why = _score(hint, target, column)
            if score > 0:
                candidates.append((score, index, target, why))
    candidates.sort(key=lambda c: (-c[0], c[1]))
    fields: list[Field | None] = [None] * width
    reasons = ["" for _ in range(width)]
    taken: set[Field] = set()
    for _score_value, index, target, why in candidates:
        if fields[index] is not None:
            continue
        if target in taken and (not target.multi_column or hints[index].field is not target):
            continue
        fields[index] = target
        taken.add(target)
        reasons[index] = f"{target.label}: {why}"
    for index, hint in enumerate(hints):
        if hint.ignore:
            reasons[index] = "not imported: a form's bookkeeping column"
        elif fields[index] is None and columns[index].anonymous > 0.5:
            reasons[index] = "not imported: the values read “anonymous”"
        elif (
            fields[index] is None and hint.field is not None and hint.field in CHOICE_FIELDS
            and columns[index].free_text.get(hint.field, 0.0) >= FREE_TEXT_SHARE
        ):
            reasons[index] = (
                f"not imported: long free-text answers, not choices of {hint.field.label}"
                " (map it to Motivation / notes to keep them)"
            )
        elif fields[index] is None and hint.field is not None:
            reasons[index] = (
                f"not imported: the header suggests {hint.field.label}, the values do not"
            )
    mapping = Mapping(table.headers, tuple(fields))
    return AutoMapping(mapping, tuple(reasons))
