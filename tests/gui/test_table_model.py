"""The self-sorting, self-filtering sign-up table model."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPersistentModelIndex, Qt

from ams_desk.core.ladder import SeniorityLadder
from ams_desk.core.model import Role, SignupStatus
from ams_desk.core.text import collation_key
from ams_desk.gui.signup_model import SignupTableModel
from ams_desk.gui.table_model import FEW_PERSISTENT, ROW_ROLE
from ams_desk.store.people import SignupListRow

TODAY = date(2026, 6, 1)


def _row(
    i: int,
    name: str,
    *,
    status: SignupStatus = SignupStatus.OPEN,
    year: int = 2026,
    position: str = "PhD candidate",
    topics: tuple[str, ...] = ("Career guidance",),
    signed_up: date = date(2026, 3, 1),
) -> SignupListRow:
    return SignupListRow(
        i,
        i,
        Role.MENTEE,
        name,
        f"{name.split()[0].lower()}@ams.org",
        position,
        "Urban Mobility",
        ("Roboat",),
        topics,
        signed_up,
        year,
        status,
        1,
        0,
    )


ROWS = [
    _row(1, "Zoë van den Berg", signed_up=date(2026, 5, 1)),
    _row(2, "Ayşe Öztürk", status=SignupStatus.MATCHED, position="Postdoc"),
    _row(3, "José Muñoz", year=2025, topics=("Funding opportunities",), signed_up=date(2025, 2, 1)),
    _row(4, "Łukasz Wójcik", status=SignupStatus.WITHDRAWN, position="Senior wizard"),
    _row(5, "Eva Müller", signed_up=date(2026, 1, 10)),
]


@pytest.fixture
def model() -> SignupTableModel:
    m = SignupTableModel(Role.MENTEE, SeniorityLadder(), TODAY)
    m.set_rows(ROWS)
    return m


def _names(model: SignupTableModel) -> list[str]:
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_qt_model_tester_is_satisfied_through_sort_and_filter(
    qtmodeltester: object, model: SignupTableModel
) -> None:
    qtmodeltester.check(model, force_py=True)  # type: ignore[attr-defined]
    model.sort(0)
    model.set_search("ö")
    model.set_year(2026)
    model.set_rows(ROWS[:2])
    qtmodeltester.check(model, force_py=True)  # type: ignore[attr-defined]


def test_columns_and_values(model: SignupTableModel) -> None:
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == [
        "Name",
        "Email",
        "Position",
        "Department",
        "Projects",
        "Topics",
        "Signed up",
        "Waiting",
        "Status",
        "Year",
    ]
    first = [model.index(0, c).data() for c in range(model.columnCount())]
    assert first == [
        "Zoë van den Berg",
        "zoë@ams.org",
        "PhD candidate",
        "Urban Mobility",
        "Roboat",
        "Career guidance",
        "2026-05-01",
        "31 d",
        "Open",
        "2026",
    ]
    assert model.index(1, 7).data() == ""  # matched: not waiting
    assert model.index(0, 0).data(ROW_ROLE) is ROWS[0]


def test_unknown_position_is_flagged(model: SignupTableModel) -> None:
    row = _names(model).index("Łukasz Wójcik")
    assert model.index(row, 2).data(Qt.ItemDataRole.DecorationRole) is not None
    assert "not on the seniority ladder" in model.index(row, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(0, 2).data(Qt.ItemDataRole.DecorationRole) is None


def test_sort_by_name_and_by_waiting(model: SignupTableModel) -> None:
    model.sort(0, Qt.SortOrder.AscendingOrder)
    assert _names(model) == [
        "Ayşe Öztürk",
        "Eva Müller",
        "José Muñoz",
        "Łukasz Wójcik",
        "Zoë van den Berg",
    ]
    model.sort(7, Qt.SortOrder.DescendingOrder)  # waiting: longest first, not waiting last
    assert _names(model)[:3] == ["José Muñoz", "Eva Müller", "Zoë van den Berg"]
    assert set(_names(model)[3:]) == {"Ayşe Öztürk", "Łukasz Wójcik"}


def test_sort_keeps_persistent_indexes_on_their_rows(model: SignupTableModel) -> None:
    kept = QPersistentModelIndex(model.index(0, 0))
    assert kept.data() == "Zoë van den Berg"
    model.sort(0, Qt.SortOrder.AscendingOrder)
    assert kept.data() == "Zoë van den Berg" and kept.row() == 4


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", 5),
        ("ZOË", 1),
        ("zoe", 1),
        ("ozturk", 1),
        ("lukasz", 1),
        ("muñoz funding", 1),
        ("roboat", 5),
        ("withdrawn", 1),
        ("2025", 1),
        ("no such person", 0),
    ],
)
def test_search_every_word_in_any_column(model: SignupTableModel, text: str, expected: int) -> None:
    model.set_search(text)
    assert model.rowCount() == expected


def test_year_and_status_filters_combine_with_search(model: SignupTableModel) -> None:
    model.set_year(2026)
    assert model.rowCount() == 4
    model.set_statuses({SignupStatus.OPEN})
    assert sorted(_names(model)) == ["Eva Müller", "Zoë van den Berg"]
    model.set_search("eva")
    assert _names(model) == ["Eva Müller"]
    model.set_year(None)
    model.set_statuses(None)
    model.set_search("")
    assert model.rowCount() == 5
    assert model.counts()[SignupStatus.WITHDRAWN] == 1


def test_mentor_table_has_capacity(qtmodeltester: object) -> None:
    mentor = SignupListRow(
        9,
        9,
        Role.MENTOR,
        "Eva",
        "eva@ams.org",
        "Full professor",
        "",
        (),
        (),
        date(2026, 1, 1),
        2026,
        SignupStatus.OPEN,
        3,
        1,
    )
    model = SignupTableModel(Role.MENTOR, SeniorityLadder(), TODAY)
    model.set_rows([mentor])
    qtmodeltester.check(model, force_py=True)  # type: ignore[attr-defined]
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[6] == "Places"
    assert model.index(0, 6).data() == "1 of 3 taken"
    assert model.index(0, 6).data(Qt.ItemDataRole.ToolTipRole).startswith(
        "2 places free of the 3 this sign-up offers in all")


def test_replace_rows_refreshes_only_the_rows_touched(model: SignupTableModel) -> None:
    """As a reload would show them: sort, filters, search and the store's order kept."""
    model.set_search("ozturk")
    assert _names(model) == ["Ayşe Öztürk"]
    renamed = _row(2, "Ayşe Yılmaz", status=SignupStatus.MATCHED, position="Postdoc")
    model.replace_rows([renamed], lambda r: r.signup_id, [2])
    assert _names(model) == []  # the search text of the row changed with it
    model.set_search("yilmaz")
    assert _names(model) == ["Ayşe Yılmaz"]
    model.set_search("")
    newest = _row(9, "Lena Roßmann", signed_up=date(2026, 5, 20))
    # Sign-up 1 is gone, 9 is new; 3 is listed but unchanged.
    model.replace_rows([newest, ROWS[2]], lambda r: r.signup_id, [1, 3, 9])
    reloaded = SignupTableModel(Role.MENTEE, SeniorityLadder(), TODAY)
    stored = sorted([newest, renamed, *ROWS[2:]], key=lambda r: (r.signed_up, r.signup_id),
                    reverse=True)
    reloaded.set_rows(stored)
    assert model.all_rows() == reloaded.all_rows()
    assert _names(model) == _names(reloaded)
    model.sort(0, Qt.SortOrder.DescendingOrder)
    reloaded.sort(0, Qt.SortOrder.DescendingOrder)
    model.replace_rows([], lambda r: r.signup_id, [9])
    assert "Lena Roßmann" not in _names(model)
    assert _names(model) == [n for n in _names(reloaded) if n != "Lena Roßmann"]


def _reference_order(rows: list[SignupListRow], column_key: Callable[[SignupListRow], object],
                     descending: bool, shown: Callable[[SignupListRow], bool]) -> list[int]:
    """The sign-up ids in the order a plain sort of each row's key gives (None last)."""
    keyed = [(column_key(r), r.signup_id) for r in rows if shown(r)]
    present = [k for k in keyed if k[0] is not None]
    present.sort(key=lambda k: k[0], reverse=descending)  # type: ignore[arg-type,return-value]
    return [i for _, i in present] + [i for key, i in keyed if key is None]


NAMES = ["Zoë Berg", "zoe berg", "Łukasz", "Lukasz", "Ayşe", "ayse", "Eva", "José", "Jose"]


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    picks=st.lists(
        st.tuples(st.sampled_from(NAMES), st.sampled_from(list(SignupStatus)),
                  st.integers(0, 400)),
        min_size=1, max_size=40),
    clicks=st.lists(st.tuples(st.sampled_from([0, 7]), st.booleans()), min_size=1, max_size=4),
    only_open=st.booleans(),
)
def test_sorting_with_gathered_keys_agrees_with_a_plain_sort(
    picks: list[tuple[str, SignupStatus, int]], clicks: list[tuple[int, bool]], only_open: bool
) -> None:
    """Keys gathered once per load and the filter flags kept give the order a fresh sort gives."""
    rows = [_row(i, name, status=status, signed_up=date(2025, 1, 1) + timedelta(days=day))
            for i, (name, status, day) in enumerate(picks, 1)]
    model = SignupTableModel(Role.MENTEE, SeniorityLadder(), TODAY)
    model.set_rows(rows)
    keys = {0: lambda r: collation_key(r.name),
            7: lambda r: (TODAY - r.signed_up).days if r.status is SignupStatus.OPEN else None}
    for column, descending in clicks:
        model.set_statuses({SignupStatus.OPEN} if only_open else None)
        model.sort(column, Qt.SortOrder.DescendingOrder if descending
                   else Qt.SortOrder.AscendingOrder)
        shown = [model.row_at(r).signup_id for r in range(model.rowCount())]
        assert shown == _reference_order(
            rows, keys[column], descending,
            lambda r, only_open=only_open: not only_open or r.status is SignupStatus.OPEN)
        only_open = not only_open


def test_a_reload_sorts_by_the_new_rows(model: SignupTableModel) -> None:
    model.sort(0, Qt.SortOrder.AscendingOrder)
    assert _names(model)[0] == "Ayşe Öztürk"
    model.set_rows([_row(2, "Ülle Zeller", status=SignupStatus.MATCHED), *ROWS[2:]])
    assert _names(model) == ["Eva Müller", "José Muñoz", "Łukasz Wójcik", "Ülle Zeller"]
    model.replace_rows([_row(5, "Aaron Müller")], lambda r: r.signup_id, [5])
    assert _names(model)[0] == "Aaron Müller"


def test_many_kept_indexes_follow_a_sort() -> None:
    """A large selection (more indexes than are looked up one by one) stays on its rows."""
    rows = [_row(i, f"Person {i:03}", status=SignupStatus.OPEN if i % 3 else
                 SignupStatus.WITHDRAWN) for i in range(1, 201)]
    model = SignupTableModel(Role.MENTEE, SeniorityLadder(), TODAY)
    model.set_rows(rows)
    model.set_statuses({SignupStatus.OPEN})
    kept = [QPersistentModelIndex(model.index(r, 0)) for r in range(0, model.rowCount(), 2)]
    names = [k.data() for k in kept]
    assert len(kept) > FEW_PERSISTENT
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert [k.data() for k in kept] == names
    few = kept[:3]
    model.sort(0, Qt.SortOrder.AscendingOrder)
    assert [k.data() for k in few] == names[:3]
