"""Reading sign-up dates from whatever a form export or a typed sheet holds.

Accepted: real Excel dates (the reader hands them over as ``datetime``), Excel
serial numbers (``45293`` or ``45293.376`` — also as text, with a decimal
comma), ISO dates and timestamps (``2026-01-02``, ``2026-01-02T09:03:11Z``),
Google's ``2026/01/02 9:03:11 AM GMT+1``, numeric day/month dates with ``-``,
``.`` or ``/`` and an optional time (``02-01-2026``, ``2.1.2026 14:05``,
Google's and Microsoft Forms' ``1/2/2026 9:03:11``), and written-out months in
English, Dutch and German (``2 January 2026``, ``Jan 2, 2026``, ``2 januari
2026``, ``2. März 2026``).

``1/2/2026`` is ambiguous. :func:`detect_date_order` looks at a whole column:
values such as ``13/2/2026`` or ``2/13/2026`` can only be read one way, and the
order they show wins for the ambiguous ones. A column that never shows its
order follows its separator: ``/`` month first (the US-style exports of Google
Forms and Microsoft Forms), ``-`` and ``.`` day first (Dutch and German Excel).
"""

from __future__ import annotations

import enum
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ams_desk.sheets.importing.read.table import CellValue


class DateOrder(enum.StrEnum):
    """How to read an ambiguous numeric date such as ``1/2/2026``."""

    DAY_FIRST = "day_first"
    MONTH_FIRST = "month_first"


_EXCEL_EPOCH = date(1899, 12, 30)
# Serial numbers of 1954-10-03 .. 2119-01-10: no plausible sign-up lies outside.
_SERIAL_MIN, _SERIAL_MAX = 20_000, 80_000

_YEAR_FIRST = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s])")
_NUMERIC = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?:$|[T\s,])")
_SERIAL_TEXT = re.compile(r"(\d{5})(?:[.,]\d+)?")
_DAY_MONTH_NAME = re.compile(r"(\d{1,2})\.?\s+([^\W\d_]+)\.?,?\s+(\d{4})\b")
_MONTH_NAME_DAY = re.compile(r"([^\W\d_]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
_WEEKDAY_PREFIX = re.compile(r"^[^\W\d_]+\.?,?\s+(?=\d|[^\W\d_]+\.?\s+\d)")

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january jan januari januar jänner",
        "february feb februari februar",
        "march mar maart mrt märz maerz mär",
        "april apr",
        "may mei mai",
        "june jun juni",
        "july jul juli",
        "august aug augustus",
        "september sep sept",
        "october oct oktober okt",
        "november nov",
        "december dec dezember dez",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _number


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _year(text: str) -> int:
    year = int(text)
    return 2000 + year if len(text) == 2 else year


def _from_serial(serial: float) -> date | None:
    if not _SERIAL_MIN <= serial <= _SERIAL_MAX:
        return None
    return _EXCEL_EPOCH + timedelta(days=int(serial))


@dataclass(frozen=True)
class DateEvidence:
    """What a column's numeric day/month dates say about their order.

    Attributes:
        order: The order to read ambiguous values in (see :func:`detect_date_order`).
        day_first: Values that can only be read day first (``13/01/2026``).
        month_first: Values that can only be read month first (``01/13/2026``).
        ambiguous: Values that read as two different days (``05/06/2026``).
    """

    order: DateOrder | None
    day_first: int = 0
    month_first: int = 0
    ambiguous: int = 0

    @property
    def doubt(self) -> str | None:
        """Why the column's ambiguous values are in doubt, or ``None`` when they are not."""
        if not self.ambiguous or self.order is None:
            return None
        reading = "day first" if self.order is DateOrder.DAY_FIRST else "month first"
        if self.day_first and self.month_first:
            return (f"read {reading}, but the column holds dates of both orders "
                    f"({self.day_first} only day first, {self.month_first} only month first)")
        if not self.day_first and not self.month_first:
            return f"read {reading}: no date in this column shows the order"
        return None


def is_ambiguous(value: CellValue) -> bool:
    """True for a numeric date that reads as two different days (``05/06/2026``)."""
    if not isinstance(value, str):
        return False
    match = _NUMERIC.match(" ".join(value.split()))
    if match is None:
        return False
    first, second = int(match[1]), int(match[3])
    return first != second and first <= 12 and second <= 12


def date_evidence(values: Iterable[CellValue]) -> DateEvidence:
    """Count what a column's dates say about their order, and decide it.

    A value that fits only one order decides the column (the majority if they
    disagree); a column without one follows its separator.
    """
    day_first = month_first = ambiguous = 0
    separators: Counter[str] = Counter()
    for value in values:
        if not isinstance(value, str):
            continue
        match = _NUMERIC.match(value.strip())
        if match is None:
            continue
        first, second = int(match[1]), int(match[3])
        separators[match[2]] += 1
        if first > 12 >= second:
            day_first += 1
        elif second > 12 >= first:
            month_first += 1
        elif first != second and first <= 12 and second <= 12:
            ambiguous += 1
    order: DateOrder | None
    if day_first != month_first:
        order = DateOrder.DAY_FIRST if day_first > month_first else DateOrder.MONTH_FIRST
    elif not separators:
        order = None
    else:
        separator = separators.most_common(1)[0][0]
        order = DateOrder.MONTH_FIRST if separator == "/" else DateOrder.DAY_FIRST
    return DateEvidence(order, day_first, month_first, ambiguous)


def detect_date_order(values: Iterable[CellValue]) -> DateOrder | None:
    """The order ambiguous numeric dates of a column should be read in.

    Args:
        values: The column's cells.

    Returns:
        The order the column's unambiguous values show (the majority if they
        disagree), else the one its separator suggests; ``None`` when no value
        is a numeric day/month date at all.
    """
    return date_evidence(values).order


def parse_day(value: CellValue, order: DateOrder | None = None) -> date | None:
    """Read the day of a sign-up from one cell.

    Args:
        value: The cell as read.
        order: How to read an ambiguous ``1/2/2026`` (see :func:`detect_date_order`);
            ``None`` lets the separator decide.

    Returns:
        The day, or ``None`` when the cell holds no recognisable date.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return _from_serial(value)
    return _parse_text(" ".join(value.split()), order)


def _parse_text(text: str, order: DateOrder | None) -> date | None:
    if not text:
        return None
    match = _YEAR_FIRST.match(text)
    if match:
        return _safe_date(int(match[1]), int(match[2]), int(match[3]))
    match = _NUMERIC.match(text)
    if match:
        first, separator, second = int(match[1]), match[2], int(match[3])
        if order is None:
            order = DateOrder.MONTH_FIRST if separator == "/" else DateOrder.DAY_FIRST
        day_first = first > 12 or (second <= 12 and order is DateOrder.DAY_FIRST)
        day, month = (first, second) if day_first else (second, first)
        return _safe_date(_year(match[4]), month, day)
    match = _SERIAL_TEXT.fullmatch(text)
    if match:
        return _from_serial(float(text.replace(",", ".")))
    text = text.casefold()
    # "Monday, 2 January 2026": try as written, then without a leading weekday.
    return _parse_month_name(text) or _parse_month_name(_WEEKDAY_PREFIX.sub("", text, count=1))


def _parse_month_name(text: str) -> date | None:
    match = _DAY_MONTH_NAME.match(text)
    if match and match[2] in _MONTHS:
        return _safe_date(int(match[3]), _MONTHS[match[2]], int(match[1]))
    match = _MONTH_NAME_DAY.match(text)
    if match and match[1] in _MONTHS:
        return _safe_date(int(match[3]), _MONTHS[match[1]], int(match[2]))
    return None
