"""Long work off the GUI thread: results, failures, progress and cancel."""

from __future__ import annotations

import threading

import pytest

from ams_desk.gui.tasks import run_task


class Stopped(Exception):
    pass


def test_result_and_progress_arrive_on_the_gui_thread(qtbot: object) -> None:
    gui_thread = threading.get_ident()
    seen: dict[str, object] = {"progress": []}

    def job(progress, cancelled):  # type: ignore[no-untyped-def]
        seen["worker"] = threading.get_ident()
        for i in range(5):
            progress(i + 1, 5)
        return "done"

    def success(result: str) -> None:
        seen["result"] = result
        seen["thread"] = threading.get_ident()

    def progressed(done: int, total: int | None) -> None:
        assert threading.get_ident() == gui_thread
        seen["progress"].append((done, total))  # type: ignore[union-attr]

    task = run_task(job, on_success=success, on_failure=pytest.fail, on_progress=progressed)
    qtbot.waitUntil(lambda: task.done, timeout=5000)  # type: ignore[attr-defined]
    assert seen["result"] == "done"
    assert seen["thread"] == gui_thread and seen["worker"] != gui_thread
    assert seen["progress"] == [(i, 5) for i in range(1, 6)]


def test_failure_is_reported_not_raised(qtbot: object) -> None:
    errors: list[BaseException] = []

    def job(progress, cancelled):  # type: ignore[no-untyped-def]
        raise ValueError("row 7: bad email")

    task = run_task(job, on_success=pytest.fail, on_failure=errors.append)
    qtbot.waitUntil(lambda: task.done, timeout=5000)  # type: ignore[attr-defined]
    assert [str(e) for e in errors] == ["row 7: bad email"]


def test_cancel_stops_the_job(qtbot: object) -> None:
    started = threading.Event()
    errors: list[BaseException] = []

    def job(progress, cancelled):  # type: ignore[no-untyped-def]
        started.set()
        while not cancelled():
            threading.Event().wait(0.01)
        raise Stopped()

    task = run_task(job, on_success=pytest.fail, on_failure=errors.append)
    assert started.wait(5)
    task.cancel()
    qtbot.waitUntil(lambda: task.done, timeout=5000)  # type: ignore[attr-defined]
    assert len(errors) == 1 and isinstance(errors[0], Stopped)


def test_a_job_outliving_its_window_finishes_quietly(qtbot: object) -> None:
    """A window closed mid-job takes its task along; the job ends without an error."""
    import sys

    from PySide6.QtCore import QObject
    from shiboken6 import Shiboken

    from ams_desk.gui import tasks

    release, reached_end = threading.Event(), threading.Event()
    raised: list[BaseException] = []

    def job(progress, cancelled):  # type: ignore[no-untyped-def]
        release.wait(5)
        progress(1, 1)
        reached_end.set()
        return "written"

    window = QObject()
    run_task(job, on_success=pytest.fail, on_failure=pytest.fail, parent=window)
    Shiboken.delete(window)
    hook = threading.excepthook
    threading.excepthook = lambda args: raised.append(args.exc_value)  # type: ignore[assignment]
    unraisable = sys.unraisablehook
    sys.unraisablehook = lambda args: raised.append(args.exc_value)  # type: ignore[assignment]
    try:
        release.set()
        assert tasks._pool().waitForDone(5000)
    finally:
        threading.excepthook, sys.unraisablehook = hook, unraisable
    assert reached_end.is_set()
    assert raised == []
