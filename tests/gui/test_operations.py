"""Operations: one run per action, its inverse on the undo stack, one ``changed`` signal."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from functools import partial
from typing import Any

import pytest
import shiboken6

from ams_desk.gui.operations import OperationBusy, Operations
from ams_desk.store.changes import Changes, Outcome
from ams_desk.store.database import Database


class Counter:
    """A toy operation on a list standing in for the database: counts its runs."""

    def __init__(self) -> None:
        self.value = 0
        self.runs: list[str] = []

    def add(self, _db: Database, n: int) -> Outcome[int]:
        self.runs.append(f"add {n}")
        self.value += n
        return Outcome(self.value, Changes.of(signups=[n]), partial(self.add, n=-n))

    def fail(self, _db: Database) -> Outcome[int]:
        self.runs.append("fail")
        raise ValueError("refused")

    def once(self, _db: Database) -> Outcome[int]:
        self.runs.append("once")
        return Outcome(1, Changes.of(pairs=[1]))  # cannot be undone


class Reports(list[tuple[str, Exception]]):
    def __call__(self, title: str, error: Exception) -> None:
        self.append((title, error))


@pytest.fixture
def ops(db: Database, qapp: Any) -> Iterator[Operations]:
    operations = Operations(db, Reports())
    yield operations
    # Deleted here, on the GUI thread: left to the garbage collector, a Qt object may be
    # collected on the worker thread of a later test.
    shiboken6.delete(operations)


def _spy(ops: Operations) -> list[Changes]:
    seen: list[Changes] = []
    ops.changed.connect(seen.append)
    return seen


def test_run_calls_the_operation_once_and_undo_redo_run_its_inverses(ops: Operations) -> None:
    counter, seen = Counter(), _spy(ops)
    assert ops.run("Add 5", partial(counter.add, n=5)) == 5
    assert counter.runs == ["add 5"]  # pushing ran it; nothing ran twice
    assert seen == [Changes.of(signups=[5])]
    assert ops.undo_stack.undoText() == "Add 5"
    ops.undo_stack.undo()
    assert counter.value == 0 and counter.runs[-1] == "add -5"
    assert seen[-1] == Changes.of(signups=[-5])
    ops.undo_stack.redo()
    assert counter.value == 5 and counter.runs == ["add 5", "add -5", "add 5"]
    ops.undo_stack.undo()
    ops.undo_stack.redo()
    assert counter.runs == ["add 5", "add -5", "add 5", "add -5", "add 5"]


def test_a_failed_operation_raises_and_leaves_no_undo_step(ops: Operations) -> None:
    counter, seen = Counter(), _spy(ops)
    with pytest.raises(ValueError, match="refused"):
        ops.run("Fail", counter.fail)
    assert ops.undo_stack.count() == 0 and not seen


def test_an_operation_without_inverse_is_seen_but_not_kept(ops: Operations) -> None:
    counter, seen = Counter(), _spy(ops)
    assert ops.run("Once", counter.once) == 1
    assert seen == [Changes.of(pairs=[1])]
    assert ops.undo_stack.count() == 0


def test_a_failed_undo_is_reported_dropped_and_everything_reloads(ops: Operations) -> None:
    counter, seen = Counter(), _spy(ops)

    def breaks(db: Database) -> Outcome[int]:
        return Outcome(0, Changes.of(people=[1]), counter.fail)

    ops.run("Breaks", breaks)
    ops.undo_stack.undo()
    assert ops.undo_stack.count() == 0
    assert seen[-1] == Changes.all()
    reports = ops.report
    assert isinstance(reports, Reports) and reports[0][0] == "Undo of “Breaks” failed"


def test_background_operation_runs_once_off_the_gui_thread_and_blocks_writes(
    qtbot: Any, ops: Operations
) -> None:
    counter, seen = Counter(), _spy(ops)
    release = threading.Event()
    threads: list[threading.Thread] = []
    values: list[int] = []
    undo, redo = ops.undo_action(ops.undo_stack), ops.redo_action(ops.undo_stack)
    ops.run("Add 1", partial(counter.add, n=1))
    assert undo.isEnabled()

    def job(db: Database, progress: Any, cancelled: Any) -> Outcome[int]:
        threads.append(threading.current_thread())
        release.wait(10)
        return counter.add(db, 2)

    ops.run_in_background("Add two", job, on_success=values.append,
                          undo_text=lambda value: f"Add up to {value}")
    assert ops.busy and not undo.isEnabled() and not redo.isEnabled()
    with pytest.raises(OperationBusy, match="“Add two” is still running"):
        ops.run("Add 3", partial(counter.add, n=3))
    release.set()
    qtbot.waitUntil(lambda: values == [3])
    assert threads[0] is not threading.main_thread()
    assert counter.runs == ["add 1", "add 2"]  # pushing the done job did not run it again
    assert seen[-1] == Changes.of(signups=[2])
    assert not ops.busy and undo.isEnabled()
    assert ops.undo_stack.undoText() == "Add up to 3"
    ops.undo_stack.undo()
    assert counter.value == 1
    ops.undo_stack.redo()
    assert counter.value == 3


def test_background_failure_is_reported_without_an_undo_step(qtbot: Any, ops: Operations) -> None:
    counter = Counter()
    ops.run_in_background("Break it", lambda db, p, c: counter.fail(db), on_success=print)
    reports = ops.report
    assert isinstance(reports, Reports)
    qtbot.waitUntil(lambda: bool(reports))
    assert reports[0][0] == "Could not break it"
    assert ops.undo_stack.count() == 0 and not ops.busy
