"""Each kind of task, unit-tested on its own: what it accepts, what it says, and that a
failed verdict never states the expected value."""

import datetime as dt

import altair as alt
import numpy as np
import pandas as pd
import pytest

from comrades import data, lens
from comrades.check import FAILED, PASSED, SUBMITTED, check
from comrades.tasks.kinds import (
    Channel,
    Chart,
    Coding,
    Codings,
    Column,
    Days,
    FreeText,
    Mistake,
    Number,
    Ordering,
    Table,
    Year,
    chart_views,
    coding_range,
)


def test_days_read_every_form_of_a_duration():
    days = Days(343, tolerance=1)
    for form in (343, 344.0, np.int64(342), pd.Timedelta(days=343), dt.timedelta(days=343),
                 np.timedelta64(343, "D"), pd.Timedelta("343 days 12:00:00")):
        assert days.judge(form).status == PASSED, form
    assert days.judge(pd.Timedelta(days=345)).message == "345 is too high."
    assert "Timedelta" in days.judge("soon").message


def test_a_known_mistake_is_named_before_the_direction():
    number = Number(10, mistakes=[Mistake(lambda v: v == 12, "You counted the context.")])
    assert number.judge(12).message == "You counted the context."
    assert number.judge(11).message == "11 is too high."
    assert Year(1950).judge(np.int64(1949)).message == "1949 is too early."


def test_a_hint_that_cannot_read_an_answer_does_not_apply():
    number = Number(10, mistakes=[Mistake(lambda v: v["key"], "never shown")])
    assert number.judge(11).message == "11 is too high."


def test_ordering_matches_ids_in_either_case_and_names_what_is_off():
    order = Ordering(["E001", "E002", "E003"])
    assert order.judge([" e001", "E002 ", "e003"]).status == PASSED
    assert "appears more than once" in order.judge(["E001", "E001", "E003"]).message
    assert "not one of the 3" in order.judge(["E001", "E002", "E999"]).message
    assert order.judge(["E002", "E001", "E003"]).message.startswith("Position 1 is off")
    assert "Expected a list" in order.judge("E001, E002, E003").message


def _table(**options):
    expected = pd.DataFrame({"dyad": ["VNM-PRK", "VNM-KOR"], "score": [1, -1],
                             "mean": [0.25, 1.0]})
    return Table(lambda: expected, keys=[Column("dyad", "id")],
                 values=[Column("score", "whole"), Column("mean", tolerance=0.05)],
                 **options), expected


def test_table_names_row_column_and_direction_never_the_value():
    table, expected = _table()
    wrong = expected.assign(score=[3, -1])
    message = table.judge(wrong).message
    assert message == "VNM-PRK, column score: 3 is too high."
    assert "1" not in message.replace("VNM", "")
    assert "lacks the column 'mean'" in table.judge(expected[["dyad", "score"]]).message
    assert "should not be there" in table.judge(pd.concat(
        [expected, expected.iloc[:1].assign(dyad="VNM-USA")])).message
    assert "appears more than once" in table.judge(pd.concat([expected, expected])).message
    assert "1 row is missing" in table.judge(expected.iloc[:1]).message


def test_table_accepts_index_keys_other_case_numpy_and_rounding():
    table, expected = _table()
    assert table.judge(expected.set_index("dyad")).status == PASSED
    assert table.judge(expected.assign(dyad=[" vnm-prk", "vnm-kor"], mean=[0.3, 1.0],
                                       score=np.array([1.0, -1.0]))).status == PASSED


def test_a_series_or_a_dict_is_a_one_column_table():
    table = Table(lambda: pd.DataFrame({"category": ["aid", "war"], "count": [2, 1]}),
                  keys=[Column("category", "text")], values=[Column("count", "whole")],
                  series=True, drop_zero=True, universe=lambda: {"aid", "war", "culture"})
    for form in (pd.Series({"Aid": np.int64(2), "war": 1, "culture": 0}),
                 {"aid": 2.0, "war": 1},
                 pd.DataFrame({"category": ["aid", "war"], "size": [2, 1]})):
        assert table.judge(form).status == PASSED, form
    assert "should not be there" in table.judge({"aid": 2, "war": 1, "peace": 0}).message


def test_a_sorted_table_must_be_in_date_order():
    expected = pd.DataFrame({"event_id": ["E1", "E2"], "start_date": ["1990-01-01",
                                                                      "1991-01-01"]})
    table = Table(lambda: expected, keys=[Column("event_id", "id")],
                  values=[Column("start_date", "date")], sorted_by="start_date")
    assert table.judge(expected).status == PASSED
    assert "not sorted" in table.judge(expected.iloc[::-1]).message


ROWS = pd.DataFrame({"year": [1990, 1991], "score": [1, 2], "dyad": ["A", "A"]})
LINE = Chart(("line",), [Channel(("x",), ("year",), say="put year on x"),
                         Channel(("y",), ("score",), ("quantitative",),
                                 say="put score on y, as a quantity")])


def test_the_chart_walker_sees_inside_layers_and_concatenations():
    base = alt.Chart(ROWS).encode(x="year:O", y="score:Q")
    for chart in (base.mark_line(), base.mark_line() + base.mark_point(),
                  alt.hconcat(base.mark_bar(), base.mark_line()),
                  alt.layer(base.mark_line(), base.mark_text().encode(text="score:Q"))):
        assert LINE.judge(chart).status == PASSED, chart
    views, problem = chart_views(base.mark_line() + base.mark_rule())
    assert not problem and [v["mark"] for v in views] == ["line", "rule"]
    assert all(len(v["data"]) == 2 for v in views)  # data inherited from the layer


def test_the_chart_check_says_what_the_task_asks_and_lacks():
    base = alt.Chart(ROWS)
    assert "draws bar" in LINE.judge(base.mark_bar().encode(x="year", y="score")).message
    assert LINE.judge(base.mark_line().encode(x="year")).message == \
        "The chart has no y encoding: put score on y, as a quantity."
    assert "x shows 'score'" in LINE.judge(base.mark_line().encode(x="score",
                                                                   y="score")).message
    assert "encoded as nominal" in LINE.judge(base.mark_line().encode(
        x="year", y="score:N")).message
    assert "Expected an Altair chart" in LINE.judge(ROWS).message


def test_chart_channels_may_take_either_axis():
    bars = Chart(("bar",), [Channel(("x", "y"), ("score",), ("quantitative",), say="a"),
                            Channel(("x", "y"), ("dyad",), say="b")])
    assert bars.judge(alt.Chart(ROWS).mark_bar().encode(x="score:Q", y="dyad:N")).status \
        == PASSED
    assert bars.judge(alt.Chart(ROWS).mark_bar().encode(y="score:Q", x="dyad:N")).status \
        == PASSED


def test_every_phase_records_a_defensible_range_containing_the_course_coding():
    for phase in data.phases().itertuples():
        assert phase.ideology_min <= phase.ideology_score <= phase.ideology_max
        assert phase.interest_min <= phase.interest_score <= phase.interest_max
        assert "¶" in phase.ideology_reason and "¶" in phase.interest_reason


def test_a_coding_outside_the_range_fails_with_the_reason_even_if_the_lens_agrees():
    coding = Coding("01")
    verdict = coding.judge({"ideology": 2, "interests": 2, "relationship":
                            lens.predict(2, 2)})
    assert verdict.status == FAILED
    assert coding_range("01")["interests"][2] in verdict.message
    assert "praised" not in verdict.message and "defensible recoding" not in verdict.message


def test_a_coding_reports_unknown_keys_and_inconsistent_relationships():
    coding = Coding("02")
    assert "Unknown key 'prediction' (write 'relationship')" in coding.judge(
        {"ideology": 2, "interests": 2, "prediction": "alliance"}).message
    assert "Unknown key 'notes'" in coding.judge(
        {"ideology": 2, "interests": 2, "relationship": "alliance", "notes": ""}).message
    assert "the lens predicts alliance, not hostile" in coding.judge(
        {"ideology": 2, "interests": 2, "relationship": "hostile"}).message
    assert coding.judge({"Ideology": np.int64(2), "interests": 2.0,
                         "relationship": " Alliance"}).status == PASSED


def test_the_capstone_recoding_requires_a_change():
    course = {p.phase: (int(p.ideology_score), int(p.interest_score))
              for p in data.phases().itertuples()}
    assert "change at least one phase" in Codings().judge(course).message
    assert Codings().judge({**course, "05": (2, 0)}).status == PASSED
    assert "Phase 02" in Codings().judge({**course, "02": (2, 0)}).message
    assert "is not a phase" in Codings().judge({**course, "05": (2, 0), "08": (1, 1)}).message


@pytest.mark.parametrize(("words", "status"), [(3, FAILED), (12, SUBMITTED), (90, SUBMITTED)])
def test_free_text_is_submitted_when_it_is_something_to_hand_in(words, status):
    verdict = FreeText(["a point"]).judge(" ".join(["word"] * words))
    assert verdict.status == status
    assert ("short" in verdict.message) == (words < 40)


@pytest.mark.parametrize(("task", "answer", "hint"), [
    ("01.1", lambda: (data.events()["phase"] == "01").sum(), "number of events of phase 01"),
    ("03.1", lambda: ((data.events()["phase"] == "03") & (data.events()["bearing"] <= 0))
     .sum(), "included bearing 0"),
    ("02.2", lambda: -7, "sign is reversed"),
    ("03.4", lambda: 11, "looks like years"),
    ("06.9", lambda: 83.33, "percentage"),
    ("06.9", lambda: lens.agreement(data.phases()), "agreement with the course's codings"),
])
def test_known_mistakes_get_their_hint(task, answer, hint):
    assert hint in check(task, answer(), record=False).message
