"""The check room: right, wrong, unanswered and garbage answers; never an exception."""

import math

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from comrades import progress
from comrades.check import FAILED, PASSED, UNANSWERED, CheckResult, check


def test_right_answer(progress_dir):
    result = check("00.1", 1950)
    assert isinstance(result, CheckResult) and result.passed and result.status == PASSED
    assert "1950" in result.checked
    assert progress.results()[-1]["passed"] == 1


def test_wrong_year_says_which_way():
    assert "too early" in check("00.1", 1949, record=False).message
    assert "too late" in check("00.1", 1951, record=False).message


def test_not_answered_is_not_an_error(progress_dir):
    for placeholder in (None, ..., "", "...", float("nan")):
        result = check("00.1", placeholder)
        assert result.status == UNANSWERED and "not answered" in str(result).lower()
    assert progress.results() == []  # nothing to record yet


def test_wrong_type_explains_what_was_expected():
    result = check("00.1", {"year": 1950}, record=False)
    assert result.status == FAILED and "Expected a number" in result.message


def test_sequence_names_the_first_wrong_position():
    from comrades.tasks.lesson00 import FOUR_EVENTS_IN_ORDER as right

    swapped = [right[0], right[2], right[1], right[3]]
    assert "Position 2" in check("00.2", swapped, record=False).message
    assert "Expected 4" in check("00.2", right[:3], record=False).message
    assert check("00.2", right, record=False).passed


def test_unknown_task():
    result = check("99.9", 1, record=False)
    assert not result.passed and "no task" in result.message


def test_html_shows_the_verdict():
    html = check("00.1", 1950, record=False)._repr_html_()
    assert "Correct" in html and "data-status='passed'" in html


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
    result = check(task, answer, record=False)
    assert result.status in (PASSED, FAILED, UNANSWERED)
    assert result.message
