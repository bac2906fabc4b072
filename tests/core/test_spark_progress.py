"""Spark's task counts reach the user: throttled while a query runs, never lost at its ends."""
from __future__ import annotations

from types import SimpleNamespace

from analysis.core.spark import _TaskProgress


def stage(done: int, of: int) -> SimpleNamespace:
    return SimpleNamespace(num_tasks=of, num_completed_tasks=done)


def test_each_query_reports_its_first_and_last_count_even_inside_half_a_second():
    said = []
    report = _TaskProgress(said.append)
    report([stage(1, 4)], 3, "q1", False)
    report([stage(2, 4)], 2, "q1", False)  # within half a second of the first: held back
    report([stage(4, 4)], 0, "q1", True)
    report([stage(0, 2)], 2, "q2", False)  # a new query: its first count goes through
    report([stage(2, 2)], 0, "q2", True)
    assert said == ["Spark: 1 of 4 tasks done", "Spark: 4 of 4 tasks done",
                    "Spark: 0 of 2 tasks done", "Spark: 2 of 2 tasks done"]


def test_no_stages_or_no_tasks_say_nothing_and_a_repeat_is_said_once():
    said = []
    report = _TaskProgress(said.append)
    report([], 0, "q1", True)
    report([stage(0, 0)], 0, "q1", False)
    report([stage(3, 3)], 0, "q1", False)
    report([stage(3, 3)], 0, "q1", True)
    assert said == ["Spark: 3 of 3 tasks done"]
