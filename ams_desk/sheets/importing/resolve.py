"""Decide, row by row, what a parsed sheet does against what is stored.

The rules are described in :mod:`ams_desk.sheets.importing.preview`. The same code runs
for the preview and, inside the writing transaction, for the import itself.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from ams_desk.core.model import MeetingFormat, Person, Role, SignupStatus, program_year_for
from ams_desk.core.places import capacity_below_taken
from ams_desk.core.validation import PersonInput
from ams_desk.sheets.importing.fields import Field
from ams_desk.sheets.importing.outcome import Change, ImportCounts, RowOutcome
from ams_desk.sheets.importing.parse import ImportOptions, ParsedRow, RowIssue
from ams_desk.store.bulk import paused_gc
from ams_desk.store.imports import (
    ImportState,
    ImportWrites,
    NewSignup,
    SignupValues,
    StoredSignup,
)


@dataclass
class _SignupSlot:
    values: SignupValues
    stored: StoredSignup | None = None
    rows: list[int] = field(default_factory=list)  # indices of the outcomes that touch it

    @property
    def open(self) -> bool:
        return self.stored is None or self.stored.status is SignupStatus.OPEN


@dataclass
class _PersonSlot:
    values: PersonInput
    stored: Person | None = None
    signups: list[_SignupSlot] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)


def _same_items(old: tuple[str, ...], new: tuple[str, ...]) -> bool:
    return {x.casefold() for x in old} == {x.casefold() for x in new}


def _merge_items(old: tuple[str, ...], new: tuple[str, ...]) -> tuple[str, ...]:
    return old if not new or _same_items(old, new) else new


def _person_diff(old: PersonInput, new: PersonInput) -> tuple[str, ...]:
    names = ("name", "position", "department", "languages", "projects")
    return tuple(n for n in names if getattr(old, n) != getattr(new, n))


def _signup_diff(old: SignupValues, new: SignupValues) -> tuple[str, ...]:
    names = ("signed_up", "topics", "meeting_format", "capacity", "motivation")
    labels = {"signed_up": "date", "meeting_format": "meeting preference"}
    return tuple(labels.get(n, n) for n in names if getattr(old, n) != getattr(new, n))


def _stored_person(p: Person) -> PersonInput:
    return PersonInput(p.name, p.email, p.position, p.department, p.projects, p.languages,
                       p.notes)


def _stored_signup(s: StoredSignup) -> SignupValues:
    return SignupValues(s.role, s.signed_up, s.program_year, s.topics, s.meeting_format,
                        s.capacity, s.motivation, s.source_file, s.source_row)


class _Resolver:
    """Walks the parsed rows in sheet order against the stored state.

    Rows are merged in sheet order (later rows win). A new person or sign-up
    is *new* on its first row; each later row is an update of it or no change.
    For a stored person or sign-up, the last row that touches it carries the
    net change against what is stored, and earlier rows show no change of
    their own: so a sheet imported twice shows no change at all the second time.
    """

    def __init__(self, state: ImportState, source_file: str, options: ImportOptions) -> None:
        self.state = state
        self.source_file = source_file
        self.today = options.today or date.today()
        self.people: dict[str, _PersonSlot] = {}
        self.outcomes: list[RowOutcome] = []

    def add(self, item: ParsedRow | RowIssue) -> None:
        if isinstance(item, RowIssue):
            self.outcomes.append(RowOutcome(item.row, skipped=item))
            return
        p = item
        index = len(self.outcomes)
        slot = self.people.get(p.email_key)
        if slot is None:
            stored = self.state.people.get(p.email_key)
            if stored is None:
                slot = _PersonSlot(PersonInput(p.name, p.email, p.position, p.department,
                                               p.projects, p.languages))
            else:
                slot = _PersonSlot(_stored_person(stored), stored, [
                    _SignupSlot(_stored_signup(s), s)
                    for s in self.state.signups.get(stored.id, ())
                ])
            self.people[p.email_key] = slot
        same_as = self.outcomes[slot.rows[0]].row if slot.rows else None
        person: Change = Change.NEW
        person_fields: tuple[str, ...] = ()
        if slot.stored is not None or slot.rows:
            old = slot.values
            slot.values = replace(
                old, name=p.name, position=p.position or old.position,
                department=p.department or old.department,
                languages=_merge_items(old.languages, p.languages),
                projects=_merge_items(old.projects, p.projects),
            )  # fmt: skip
            person_fields = _person_diff(old, slot.values)
            person = Change.UPDATE if person_fields else Change.UNCHANGED
        slot.rows.append(index)
        signup, signup_fields, flags = self.signup(slot, p, index)
        self.outcomes.append(RowOutcome(
            p.row, slot.values.name, slot.values.email, p.role, person, signup, person_fields,
            signup_fields, same_as, None, p.flags + flags))

    def signup(
        self, slot: _PersonSlot, p: ParsedRow, index: int
    ) -> tuple[Change, tuple[str, ...], tuple[RowIssue, ...]]:
        day = p.signed_up
        year = program_year_for(day or self.today, self.state.settings.year_start_month)
        if not slot.signups and day is not None:  # the common case: a first sign-up
            slot.signups.append(_SignupSlot(self.new_signup(p, day, year), None, [index]))
            return Change.NEW, (), ()
        same = [
            s for s in slot.signups if s.values.role is p.role and s.values.program_year == year
        ]
        target = next(
            (s for s in same if s.stored is not None and (
                s.stored.signed_up == day
                or (s.stored.source_file, s.stored.source_row) == (self.source_file, p.row))),
            None,
        ) or next((s for s in reversed(same) if s.open), None)
        flags: list[RowIssue] = []
        if target is None:
            if day is None:
                flags.append(RowIssue(p.row, None, None,
                                      f"no sign-up date: {self.today.isoformat()} used"))
            slot.signups.append(
                _SignupSlot(self.new_signup(p, day or self.today, year), None, [index]))
            return Change.NEW, (), tuple(flags)
        target.rows.append(index)
        old = target.values
        capacity = old.capacity
        if p.role is Role.MENTOR and p.capacity is not None:
            taken = target.stored.taken if target.stored is not None else 0
            if capacity_below_taken(p.capacity, taken):
                flags.append(RowIssue(p.row, Field.CAPACITY, None,
                                      f"capacity {p.capacity} is below the mentor's {taken} live "
                                      f"pairs: {old.capacity} kept"))
            else:
                capacity = p.capacity
        new = replace(
            old,
            signed_up=min(old.signed_up, day) if day else old.signed_up,
            topics=_merge_items(old.topics, p.topics),
            meeting_format=p.meeting_format or old.meeting_format,
            capacity=capacity,
            motivation=p.motivation or old.motivation,
        )
        changed = _signup_diff(old, new)
        if not changed:
            return Change.UNCHANGED, (), tuple(flags)
        target.values = replace(new, source_file=self.source_file, source_row=p.row)
        return Change.UPDATE, changed, tuple(flags)

    def new_signup(self, p: ParsedRow, day: date, year: int) -> SignupValues:
        capacity = (p.capacity or 1) if p.role is Role.MENTOR else 1
        return SignupValues(p.role, day, year, p.topics, p.meeting_format or MeetingFormat.ANY,
                            capacity, p.motivation, self.source_file, p.row)

    def finish(self) -> tuple[ImportWrites, tuple[RowOutcome, ...], ImportCounts]:
        """Put net changes of stored people and sign-ups on their last rows; writes and totals."""
        writes = ImportWrites()
        out = self.outcomes
        signups_updated = 0
        for slot in self.people.values():
            new_index: int | None = None
            if slot.stored is None:
                new_index = len(writes.new_people)
                writes.new_people.append(slot.values)
            else:
                net = _person_diff(_stored_person(slot.stored), slot.values)
                for i in slot.rows:
                    out[i] = replace(out[i], person=Change.UNCHANGED, person_fields=())
                if net:
                    out[slot.rows[-1]] = replace(
                        out[slot.rows[-1]], person=Change.UPDATE, person_fields=net)
                    writes.person_updates[slot.stored.id] = slot.values
                    if slot.values.projects != slot.stored.projects:
                        writes.project_updates.add(slot.stored.id)
            for s in slot.signups:
                if s.stored is None:
                    person_id = slot.stored.id if slot.stored is not None else None
                    writes.new_signups.append(NewSignup(s.values, person_id, new_index))
                    continue
                if not s.rows:
                    continue
                net = _signup_diff(_stored_signup(s.stored), s.values)
                for i in s.rows:
                    out[i] = replace(out[i], signup=Change.UNCHANGED, signup_fields=())
                if net:
                    out[s.rows[-1]] = replace(
                        out[s.rows[-1]], signup=Change.UPDATE, signup_fields=net)
                    writes.signup_updates[s.stored.id] = s.values
                    signups_updated += 1
        counts = ImportCounts.of_rows(
            out,
            people_created=len(writes.new_people),
            people_updated=len(writes.person_updates),
            signups_created=len(writes.new_signups),
            signups_updated=signups_updated,
        )
        return writes, tuple(out), counts


def resolve(
    parsed: Sequence[ParsedRow | RowIssue],
    state: ImportState,
    source_file: str,
    options: ImportOptions,
) -> tuple[ImportWrites, tuple[RowOutcome, ...], ImportCounts]:
    """Decide what every row does against ``state``: the writes, the outcomes, the totals."""
    resolver = _Resolver(state, source_file, options)
    with paused_gc():
        for item in parsed:
            resolver.add(item)
        return resolver.finish()


def source_name(path: str) -> str:
    """The file name recorded on imported sign-ups (the base name, at most 260 characters)."""
    return (os.path.basename(path) or path)[:260]


def email_keys(parsed: Sequence[ParsedRow | RowIssue]) -> set[str]:
    """The email keys of the importable rows."""
    return {p.email_key for p in parsed if isinstance(p, ParsedRow)}
