"""Every exercise check, fuzzed: it never raises, never hangs, always says something,
and no checker crashed behind the student-facing safety net (``result.error``)."""

import pytest
from hypothesis import HealthCheck, given, settings
from strategies import anything
from test_check import assert_no_error

from comrades.check import check, registered_tasks

TASKS = registered_tasks()
EXAMPLES_PER_TASK = 150


def test_tasks_exist_for_every_lesson_with_exercises():
    from conftest import REPO

    for solution in (REPO / "solutions").glob("[0-9][0-9]_*.ipynb"):
        lesson = solution.name[:2]
        assert any(t.startswith(lesson + ".") for t in TASKS), f"no checks for {lesson}"


@pytest.mark.parametrize("task", TASKS)
@settings(max_examples=EXAMPLES_PER_TASK, deadline=2000,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(answer=anything)
def test_check_survives_any_input(task, answer):
    assert_no_error(check(task, answer, record=False))
