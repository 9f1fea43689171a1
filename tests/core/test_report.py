"""The yearly report's figures against hand-built programs (issue 12's definitions)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from ams_desk.core.model import Pair, PairEvent, Role, Signup, SignupStatus
from ams_desk.core.report import (
    FIGURES,
    answer_late,
    days_to_answer,
    pair_steps,
    program_figures,
    response_late,
    topic_counts,
    waiting_on,
    year_span,
    yearly_report,
)

TODAY = date(2026, 6, 15)


def signup(
    sid: int,
    person: int,
    role: Role,
    day: date,
    year: int | None = None,
    *,
    status: SignupStatus = SignupStatus.OPEN,
    topics: tuple[str, ...] = (),
) -> Signup:
    return Signup(sid, person, role, day, year or day.year, status, topics)


def pair(
    pid: int, mentor: int, mentee: int, year: int, *steps: tuple[str, date]
) -> Pair:
    events = tuple(
        PairEvent(datetime.combine(day, datetime.min.time()).replace(hour=9), "status", status)
        for status, day in steps
    )
    status = steps[-1][0] if steps else "draft"
    return Pair(pid, mentor, mentee, status, year, events)


def d(month: int, day: int, year: int = 2026) -> date:
    return date(year, month, day)


def figures(signups: list[Signup], pairs: list[Pair], year: int = 2026, **kw: object):
    return program_figures(signups, pairs, year, today=TODAY, **kw)  # type: ignore[arg-type]


# A small program: 2025 and 2026, three mentors, four mentees, one person returning.
SIGNUPS = [
    signup(1, 101, Role.MENTOR, d(3, 1, 2025), topics=("Leadership",)),
    signup(2, 102, Role.MENTEE, d(3, 5, 2025), status=SignupStatus.CLOSED),
    signup(3, 101, Role.MENTOR, d(1, 10), topics=("Leadership", "Career guidance")),
    signup(4, 103, Role.MENTOR, d(2, 1), topics=("Career guidance",)),
    signup(5, 104, Role.MENTEE, d(1, 20), status=SignupStatus.MATCHED,
           topics=("Career guidance", "Work/life balance")),
    signup(6, 105, Role.MENTEE, d(2, 3), status=SignupStatus.MATCHED),
    signup(7, 106, Role.MENTEE, d(3, 1)),  # still waiting
    signup(8, 102, Role.MENTEE, d(4, 2), topics=("Funding opportunities",)),  # returning
]
PAIRS = [
    pair(1, 1, 2, 2025, ("proposed", d(4, 1, 2025)), ("mentor_agreed", d(4, 3, 2025)),
         ("introduced", d(4, 4, 2025)), ("first_contact", d(4, 10, 2025)),
         ("mentor_responded", d(5, 10, 2025)), ("meeting_planned", d(5, 12, 2025)),
         ("met", d(5, 20, 2025)), ("evaluated", d(6, 1, 2025)), ("closed", d(6, 2, 2025))),
    # Mentee 5: answered in 4 days, responded in 21 (in time), met, continuing.
    pair(2, 3, 5, 2026, ("proposed", d(2, 1)), ("mentor_agreed", d(2, 5)),
         ("introduced", d(2, 6)), ("first_contact", d(2, 10)), ("mentor_responded", d(3, 3)),
         ("meeting_planned", d(3, 5)), ("met", d(3, 20)), ("evaluated", d(3, 25)),
         ("continuing", d(3, 26))),
    # Mentee 6: declined after 2 days, then proposed to another mentor (re-proposed).
    pair(3, 3, 6, 2026, ("proposed", d(2, 10)), ("mentor_declined", d(2, 12))),
    pair(4, 4, 6, 2026, ("proposed", d(2, 20)), ("mentor_agreed", d(3, 2)),
         ("introduced", d(3, 3)), ("first_contact", d(3, 5)), ("mentor_responded", d(3, 28))),
    # Mentee 8: a draft only (tells no one: she is still waiting).
    pair(5, 4, 8, 2026),
]


def test_counts_of_a_small_program() -> None:
    f = figures(SIGNUPS, PAIRS)
    assert f["signups_mentor"] == 2
    assert f["signups_mentee"] == 4
    assert f["people_new"] == 4  # 103, 104, 105, 106
    assert f["people_returning"] == 2  # 101 and 102 signed up in 2025 too
    assert f["pairs_proposed"] == 3  # the draft was never proposed
    assert f["mentor_agreed"] == 2
    assert f["mentor_declined"] == 1
    assert f["introduced"] == 2
    assert f["first_contact"] == 2
    assert f["mentor_responded"] == 2
    assert f["met"] == 1
    assert f["evaluated"] == 1
    assert f["continuing"] == 1
    assert f["closed"] == 0
    assert f["cancelled"] == 0


def test_rates_and_medians_of_a_small_program() -> None:
    f = figures(SIGNUPS, PAIRS)
    assert f["acceptance_rate"] == pytest.approx(2 / 3)
    # Pair 2 took 21 days (in time, ≤ 21), pair 4 took 23 (late).
    assert f["responded_within_21_days"] == 1
    assert f["response_on_time_rate"] == pytest.approx(1 / 2)
    assert f["median_days_to_answer"] == 4  # 4, 2, 10 → 4
    assert f["median_days_to_response"] == 22  # 21, 23 → 22
    # Mentee 5: 20 Jan → 1 Feb = 12 days; mentee 6: 3 Feb → 10 Feb (first proposal) = 7.
    assert f["median_days_waiting"] == 9.5
    # Open on 15 June 2026: mentee 7 and mentee 8 (a draft does not count).
    assert f["mentees_waiting"] == 2


def test_the_previous_year_beside() -> None:
    report = yearly_report(SIGNUPS, PAIRS, 2026, today=TODAY)
    assert report.year == 2026 and report.previous.year == 2025
    p = report.previous
    assert (p["signups_mentor"], p["signups_mentee"]) == (1, 1)
    assert (p["people_new"], p["people_returning"]) == (2, 0)
    assert p["pairs_proposed"] == 1 and p["closed"] == 1 and p["met"] == 1
    assert p["acceptance_rate"] == 1.0
    assert p["median_days_to_response"] == 30
    assert p["responded_within_21_days"] == 0 and p["response_on_time_rate"] == 0.0
    assert p["median_days_waiting"] == 27  # 5 March → 1 April 2025
    assert p["mentees_waiting"] == 0  # at 31 Dec 2025 the only mentee was paired
    assert report.as_of == TODAY


def test_the_running_year_is_the_default() -> None:
    assert yearly_report(SIGNUPS, PAIRS, today=TODAY).year == 2026
    report = yearly_report(SIGNUPS, PAIRS, today=date(2026, 3, 31), start_month=4)
    assert report.year == 2025


def test_no_pairs_gives_zero_counts_and_no_rates() -> None:
    f = figures(SIGNUPS, [])
    assert f["pairs_proposed"] == 0 and f["mentor_agreed"] == 0
    assert f["acceptance_rate"] is None
    assert f["response_on_time_rate"] is None
    assert f["median_days_to_answer"] is None
    assert f["median_days_to_response"] is None
    assert f["median_days_waiting"] is None
    # Every mentee sign-up without a pair, except 2025's: closed by hand, undated.
    assert f["mentees_waiting"] == 4
    assert f["signups_mentee"] == 4


def test_a_year_without_sign_ups() -> None:
    f = figures(SIGNUPS, PAIRS, year=2024)
    assert all(f[k] in (0, None) for k in FIGURES)
    assert f.topics == {}
    assert sum(m.signups for m in f.by_month.values()) == 0
    assert list(f.by_month) == [f"2024-{m:02d}" for m in range(1, 13)]
    f = figures([], [], year=2026)
    assert f["people_new"] == 0 and f["acceptance_rate"] is None


def test_declined_and_re_proposed_counts_both_pairs_and_the_first_proposal() -> None:
    signups = [signup(1, 1, Role.MENTOR, d(1, 1)), signup(2, 2, Role.MENTOR, d(1, 1)),
               signup(3, 3, Role.MENTEE, d(1, 1))]
    pairs = [
        pair(1, 1, 3, 2026, ("proposed", d(1, 11)), ("mentor_declined", d(1, 20))),
        pair(2, 2, 3, 2026, ("proposed", d(1, 25)), ("mentor_agreed", d(1, 26))),
    ]
    f = figures(signups, pairs)
    assert f["pairs_proposed"] == 2
    assert (f["mentor_agreed"], f["mentor_declined"]) == (1, 1)
    assert f["acceptance_rate"] == 0.5
    assert f["median_days_to_answer"] == 5  # 9 and 1
    assert f["median_days_waiting"] == 10  # to the first proposal, not the second
    assert f["mentees_waiting"] == 0
    # Between the decline and the new proposal she was waiting again.
    steps = [pair_steps(p) for p in pairs]
    assert waiting_on(signups[2], steps, d(1, 22))
    assert not waiting_on(signups[2], steps, d(1, 15))


def test_a_re_proposal_in_the_next_year_counts_in_each_pairs_year() -> None:
    signups = [signup(1, 1, Role.MENTOR, d(11, 1, 2025)),
               signup(3, 3, Role.MENTEE, d(12, 1, 2025))]
    pairs = [
        pair(1, 1, 3, 2025, ("proposed", d(12, 20, 2025)), ("mentor_declined", d(12, 30, 2025))),
        pair(2, 1, 3, 2026, ("proposed", d(1, 5, 2026))),
    ]
    report = yearly_report(signups, pairs, 2026, today=TODAY)
    assert report.figures["pairs_proposed"] == 1 and report.previous["pairs_proposed"] == 1
    assert report.previous["median_days_waiting"] == 19
    assert report.previous["mentees_waiting"] == 1  # declined on 30 Dec: waiting at year end
    assert report.figures["mentees_waiting"] == 0


def test_a_back_dated_step_counts_by_its_date_not_by_when_it_was_entered() -> None:
    # The response was entered after the meeting, back-dated to 10 days after first contact;
    # events come in the order they were stored, not by date.
    p = Pair(1, 1, 2, "met", 2026, (
        PairEvent(datetime(2026, 2, 1, 9), "status", "proposed"),
        PairEvent(datetime(2026, 2, 3, 9), "status", "mentor_agreed"),
        PairEvent(datetime(2026, 2, 4, 9), "status", "introduced"),
        PairEvent(datetime(2026, 2, 5, 9), "status", "first_contact"),
        PairEvent(datetime(2026, 3, 20, 9), "status", "met"),
        PairEvent(datetime(2026, 2, 15, 18), "status", "mentor_responded"),
    ))
    signups = [signup(1, 1, Role.MENTOR, d(1, 1)), signup(2, 2, Role.MENTEE, d(1, 1))]
    f = figures(signups, [p])
    assert f["median_days_to_response"] == 10
    assert f["responded_within_21_days"] == 1
    assert f["response_on_time_rate"] == 1.0
    assert f["met"] == 1


def test_day_counts_use_calendar_dates_not_hours() -> None:
    p = Pair(1, 1, 2, "mentor_agreed", 2026, (
        PairEvent(datetime(2026, 2, 1, 23, 50), "status", "proposed"),
        PairEvent(datetime(2026, 2, 2, 0, 10), "status", "mentor_agreed"),
    ))
    assert days_to_answer(pair_steps(p)) == 1


def test_the_configured_response_period() -> None:
    f = figures(SIGNUPS, PAIRS, response_days=23)
    assert f["responded_within_21_days"] == 2
    f = figures(SIGNUPS, PAIRS, response_days=20)
    assert f["responded_within_21_days"] == 0


def test_topics_count_sign_ups_of_the_year_naming_them() -> None:
    f = figures(SIGNUPS, PAIRS)
    assert f.topics == {"Career guidance": 3, "Funding opportunities": 1, "Leadership": 1,
                        "Work/life balance": 1}
    assert list(f.topics)[0] == "Career guidance"
    assert topic_counts([signup(1, 1, Role.MENTEE, d(1, 1), topics=("A", "A"))]) == {"A": 1}


def test_months_cover_the_year_and_add_up_to_the_totals() -> None:
    f = figures(SIGNUPS, PAIRS)
    assert list(f.by_month)[:12] == [f"2026-{m:02d}" for m in range(1, 13)]
    assert f.by_month["2026-02"].signups == 2 and f.by_month["2026-02"].proposals == 3
    assert f.by_month["2026-01"].proposals == 0
    assert sum(m.signups for m in f.by_month.values()) == 6
    assert sum(m.proposals for m in f.by_month.values()) == f["pairs_proposed"]
    # A year starting in September; a sign-up filed early for it still counts.
    early = [signup(1, 1, Role.MENTEE, d(8, 20), 2026)]
    f = program_figures(early, [], 2026, today=TODAY, start_month=9)
    assert list(f.by_month)[0] == "2026-08" and f.by_month["2026-08"].signups == 1
    assert list(f.by_month)[1:3] == ["2026-09", "2026-10"] and list(f.by_month)[-1] == "2027-08"


def test_mentees_waiting_at_a_past_years_end() -> None:
    signups = [
        signup(1, 1, Role.MENTEE, d(5, 1, 2025)),  # proposed in 2026: waiting at 2025's end
        signup(2, 2, Role.MENTEE, d(5, 1, 2025), status=SignupStatus.WITHDRAWN),
        signup(3, 3, Role.MENTEE, d(1, 5, 2026)),  # signed up after 2025's end
        signup(4, 4, Role.MENTEE, d(3, 1, 2024)),  # an older year's, still waiting
        signup(9, 9, Role.MENTOR, d(1, 1, 2025)),
    ]
    pairs = [pair(1, 9, 1, 2026, ("proposed", d(2, 1, 2026)))]
    f = figures(signups, pairs, year=2025)
    assert f["mentees_waiting"] == 2
    assert figures(signups, pairs, year=2026)["mentees_waiting"] == 2  # 3 and 4, today


def test_cancelled_pair_returns_the_mentee_and_closed_pair_does_not() -> None:
    mentee = signup(1, 1, Role.MENTEE, d(1, 1))
    cancelled = pair(1, 9, 1, 2026, ("proposed", d(1, 5)), ("mentor_agreed", d(1, 6)),
                     ("cancelled", d(1, 9)))
    closed = pair(2, 9, 1, 2026, ("proposed", d(1, 5)), ("closed", d(1, 9)))
    assert waiting_on(mentee, [pair_steps(cancelled)], d(1, 10))
    assert not waiting_on(mentee, [pair_steps(closed)], d(1, 10))
    f = figures([mentee], [cancelled])
    assert f["cancelled"] == 1 and f["mentor_agreed"] == 1


def test_late_flags() -> None:
    steps = pair_steps(PAIRS[3])  # answered in 10 days, responded in 23
    assert answer_late(steps, TODAY, 7) and not answer_late(steps, TODAY, 10)
    assert response_late(steps, TODAY, 21) and not response_late(steps, TODAY, 23)
    waiting = pair_steps(pair(9, 1, 2, 2026, ("proposed", d(6, 1))))
    assert not answer_late(waiting, d(6, 8), 7) and answer_late(waiting, d(6, 9), 7)
    assert not response_late(waiting, d(12, 1), 21)


def test_json_shape_has_every_key() -> None:
    data = yearly_report(SIGNUPS, PAIRS, 2026, today=TODAY).as_dict()
    assert data["year"] == 2026
    for part in ("figures", "previous"):
        assert set(data[part]) == {*FIGURES, "topics", "by_month"}
        assert set(data[part]["by_month"]["2026-02" if part == "figures" else "2025-04"]) == {
            "signups", "proposals"}


def test_year_span() -> None:
    assert year_span(2026) == (date(2026, 1, 1), date(2026, 12, 31))
    assert year_span(2026, 9) == (date(2026, 9, 1), date(2027, 8, 31))


def test_sections_show_every_figure_once() -> None:
    from ams_desk.core.report import SECTIONS

    keys = [key for _, keys in SECTIONS for key in keys]
    assert sorted(keys) == sorted(FIGURES)
