"""The check room: right, wrong, unanswered and garbage answers; never an exception
reaches the student, and every exception is kept on the result for the tests."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from comrades import check as check_module
from comrades import progress
from comrades.check import (
    FAILED,
    PASSED,
    REVEALED,
    SUBMITTED,
    UNANSWERED,
    CheckResult,
    Verdict,
    check,
    reveal,
    show,
)


def test_right_answer(progress_dir):
    result = check("00.1", 1950)
    assert isinstance(result, CheckResult) and result.passed and result.status == PASSED
    assert progress.results()[-1]["passed"] == 1
    assert progress.results()[-1]["status"] == "passed"


def test_wrong_year_says_which_way_and_never_the_year(progress_dir, monkeypatch):
    for wrong, way in ((1949, "too early"), (1958, "too late")):
        monkeypatch.setattr(check_module, "history", [])  # a first wrong try: a direction
        result = check("00.1", wrong, record=False)
        assert way in result.message
        assert "1950" not in str(result)  # the issue: "Checked: that the year is 1950"


def test_numpy_and_float_forms_of_a_year_pass():
    for form in (np.int64(1950), 1950.0, np.float32(1950), " 1950 "):
        assert check("00.1", form, record=False).passed, form


def test_not_answered_is_not_an_error(progress_dir):
    for placeholder in (None, ..., "", "...", float("nan")):
        result = check("00.1", placeholder)
        assert result.status == UNANSWERED and "not answered" in str(result).lower()
    assert progress.results() == []  # nothing to record yet


def test_wrong_type_explains_what_was_expected():
    result = check("00.1", {"year": 1950}, record=False)
    assert result.status == FAILED and "Type a year" in result.message
    assert "a dict" in result.message
    assert "1950" not in result.message


def test_sequence_names_the_first_wrong_position():
    from comrades.tasks.lesson00 import FOUR_EVENTS_IN_ORDER as right

    swapped = [right[0], right[2], right[1], right[3]]
    assert "Position 2" in check("00.2", swapped, record=False).message
    assert "missing" in check("00.2", right[:3], record=False).message
    assert check("00.2", right, record=False).passed
    assert check("00.2", [f"  {r.upper()} " for r in right], record=False).passed


def test_unknown_task_suggests_the_id_and_records_nothing(progress_dir):
    result = check("2.3", 5)  # issue 13, item 9
    assert not result.passed and "did you mean 02.3?" in result.message
    assert progress.results() == []
    assert "02.3" in check("02.03", 5).message and progress.results() == []
    other = check("99.9", 1)
    assert "no task" in other.message and "did you mean" not in other.message
    assert progress.results() == []


def test_reveal_is_deliberate_and_recorded(progress_dir):
    result = reveal("00.1")
    assert result.status == REVEALED and "1950" in result.message
    row = progress.results()[-1]
    assert row["status"] == "revealed" and row["item"] == "00.1" and row["passed"] == 0
    shown = check("00.1", 1958, reveal=True)
    assert shown.status == REVEALED and "not yet" in shown.message.lower()
    assert progress.results()[-1]["status"] == "revealed"


def test_written_work_is_submitted_and_kept_whole(progress_dir):
    text = "My answer weighs the evidence of the article. " * 100  # 800 words
    result = check("01.8", text)
    assert result.status == SUBMITTED and not result.passed
    row = progress.results()[-1]
    assert row["status"] == "submitted" and row["answer"] == text
    short = check("01.8", "Too short.")
    assert short.status == FAILED and "too short" in short.message


def test_html_shows_the_verdict_escaped():
    html = check("00.1", 1950, record=False)._repr_html_()
    assert "Correct" in html and "data-status='passed'" in html
    hostile = check("<img src=x onerror=alert(1)>", 1, record=False)._repr_html_()
    assert "<img" not in hostile


def test_show_never_prints_numpy_reprs_or_tables():
    assert show(np.int64(2)) == "2" and show(np.float64(2.5)) == "2.5"
    assert show(pd.DataFrame({"a": range(50)})) == "a table of 50 rows and 1 column"
    assert "\n" not in show("two\nlines") and "np." not in show([np.int64(1)])


def test_a_crashing_checker_is_caught_and_recorded_on_the_result(monkeypatch):
    class Crashing:
        checked = "nothing"

        def judge(self, answer):
            raise ZeroDivisionError("a bug in the checker")

        def answer_text(self):
            return ""

    monkeypatch.setitem(check_module._REGISTRY, "00.99", Crashing())
    result = check("00.99", 1, record=False)
    assert result.status == FAILED and "ZeroDivisionError" not in result.message.split(")")[1]
    assert result.error.startswith("ZeroDivisionError: a bug in the checker")
    # and the fuzz tests' own assertion catches it
    with pytest.raises(AssertionError):
        assert_no_error(result)


def assert_no_error(result):
    """What every fuzz test asserts: the result is well formed and no checker crashed."""
    assert result.status in (PASSED, FAILED, UNANSWERED, SUBMITTED)
    assert isinstance(result.message, str) and result.message.strip()
    assert "\n" not in result.message
    assert not result.error, result.error


def test_a_task_kind_returns_a_verdict():
    from comrades.check import task

    assert isinstance(task("00.1").judge(1950), Verdict)


garbage = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text() | st.binary()
    | st.just(...) | st.just(10**400) | st.just(math.inf)
    | st.builds(lambda n: pd.DataFrame({"x": range(n)}), st.integers(0, 5)),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=5), inner,
                                                                 max_size=3),
    max_leaves=10)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(task=st.sampled_from(["00.1", "00.2", "nope"]), answer=garbage)
def test_any_input_gets_a_message_never_an_exception(task, answer):
    assert_no_error(check(task, answer, record=False))


def test_a_revealed_answer_also_says_what_was_off_in_the_students_own(progress_dir):
    result = check("00.1", 1958, reveal=True, record=False)  # a reveal is recorded anyway
    assert result.status == "revealed"
    assert "1958 is too late" in result.message and "1950" in result.message
