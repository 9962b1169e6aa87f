"""Lesson 05's visits explorer: the classification rules, the view, the widget."""

import pandas as pd
import pytest

from comrades import data
from comrades.visit_record import (
    HEAD,
    MINISTER,
    OTHER,
    TO_HANOI,
    TO_PYONGYANG,
    UNCLEAR,
    classify_visits,
    destination,
    select_visits,
    visit_level,
)
from comrades.widgets import visits_explorer
from comrades.widgets.visits import visits_view


@pytest.fixture(scope="module")
def visits():
    return classify_visits()


# --- the rules, one by one ---------------------------------------------------------------

@pytest.mark.parametrize("title, expected", [
    ("Ho Chi Minh's official visit to North Korea", TO_PYONGYANG),
    ("Kim Il-sung's first visit to North Vietnam", TO_HANOI),
    ("Foreign Minister Paek Nam-sun in Hanoi", TO_HANOI),
    ("Party chief Nông Đức Mạnh visits Pyongyang", TO_PYONGYANG),
    ("Kim Jong-un arrives by train at Đồng Đăng", None),
])
def test_destination_is_read_from_the_title(title, expected):
    assert destination(title) == expected


def test_level_reads_the_event_before_the_person():
    # Kim Yong-nam's description names both offices; the event decides.
    person = "DPRK foreign minister (visited in 1992) and later nominal head of state"
    assert visit_level("Foreign Minister Kim Yong-nam visits Vietnam", "", person)[0] == MINISTER
    assert visit_level("Kim Yong-nam visits Vietnam",
                       "The DPRK's nominal head of state for foreign affairs visited.",
                       person)[0] == HEAD
    assert visit_level("Premier Pham Van Dong's official visit", "", "")[0] == OTHER
    assert visit_level("Ho Chi Minh's visit", "", "Founder of the DRV and its president")[0] \
        == HEAD
    assert visit_level("WPK International Department head in Hanoi", "", "Head of the "
                       "International Department")[0] == OTHER


def test_every_recorded_visit_is_classified(visits):
    assert list(visits["event_id"]) == ["E020", "E021", "E025", "E030", "E127", "E070", "E080",
                                        "E084", "E114", "E089", "E115", "E116", "E117",
                                        "E092", "E093", "E096", "E103", "E108"]
    assert UNCLEAR not in set(visits["direction"])
    assert visits["rule"].str.len().gt(20).all()


def test_phase_05_visits_by_direction_and_level(visits):
    five = visits[visits["phase"] == "05"].set_index("event_id")
    assert list(five.index) == ["E080", "E084", "E114", "E089", "E115", "E116", "E117",
                                "E092", "E093", "E096"]
    assert five.loc["E114", ["direction", "level"]].tolist() == [TO_PYONGYANG, HEAD]
    assert five.loc["E115", ["direction", "level"]].tolist() == [TO_HANOI, OTHER]  # premier
    assert five.loc["E117", ["visitor", "level"]].tolist() == ["Kim Yong-nam", HEAD]
    assert five.loc["E080", ["direction", "level"]].tolist() == [TO_HANOI, MINISTER]
    assert five.loc["E084", "level"] == HEAD          # nominal head of state, 2001
    assert five.loc["E089", ["direction", "level"]].tolist() == [TO_PYONGYANG, HEAD]
    assert five.loc["E093", ["direction", "level"]].tolist() == [TO_PYONGYANG, MINISTER]
    assert five.loc["E096", ["visitor", "level"]].tolist() == ["Kim Jong-un", HEAD]


def test_non_visits_are_left_out(visits):
    ids = set(visits["event_id"])
    assert "E022" not in ids  # joint statement "signed in Hanoi": no visitor named
    assert "E094" not in ids  # the arrival leg of the 2019 trip, counted once as E096
    assert "E095" not in ids  # the Trump-Kim summit is regional, not bilateral


def test_a_mismatch_between_destination_and_visitor_is_unclear():
    events = data.events()
    wrong = events[events["event_id"] == "E080"].assign(
        title="Foreign Minister Paek Nam-sun visits Pyongyang")
    table = classify_visits(wrong)
    assert table.loc[0, "direction"] == UNCLEAR


def test_an_added_visit_is_picked_up():
    events = data.events()
    new = events[events["event_id"] == "E093"].assign(
        event_id="E999", start_date=pd.Timestamp("2012-05-01"),
        end_date=pd.Timestamp("2012-05-02"), title="Phạm Bình Minh visits North Korea")
    table = classify_visits(pd.concat([events, new]))
    row = table.set_index("event_id").loc["E999"]
    assert (row["year"], row["direction"], row["level"]) == (2012, TO_PYONGYANG, MINISTER)


# --- the view ------------------------------------------------------------------------------

def test_the_view_answers_how_many_when_who(visits):
    view = visits_view("all", "all", (2000, 2019), visits)
    assert "10 recorded visits" in view.summary
    assert "6 Pyongyang → Hanoi, 4 Hanoi → Pyongyang" in view.summary
    assert "Paek Nam-sun (2000, E080)" in view.summary
    assert "Trần Đức Lương (2002, E114)" in view.summary
    assert "2012 to 2018" in view.summary  # the longest gap, once 2002-2012 are recorded
    assert "Kim Il-sung" in view.summary and "1964" in view.summary  # 2019 in context
    assert "E095" in view.summary and "Paek Nam-sun" in view.figure.description
    assert list(view.figure.table["event_id"]) == ["E080", "E084", "E114", "E089", "E115",
                                                   "E116", "E117", "E092", "E093", "E096"]
    assert {"direction", "level", "visitor", "source_ids", "rule"} <= set(view.figure.table)


def test_the_2019_context_uses_all_visits_even_in_a_narrow_range(visits):
    view = visits_view(TO_HANOI, HEAD, (2019, 2019), visits)
    assert "1 recorded visit (head of state/party, Pyongyang → Hanoi)" in view.summary
    assert "since Kim Yong-nam in 2012" in view.summary
    assert "55 years earlier" in view.summary


def test_head_of_state_visits_to_pyongyang(visits):
    view = visits_view(TO_PYONGYANG, HEAD, (1950, 2025), visits)
    assert "5 recorded visits" in view.summary
    for name in ("Hồ Chí Minh (1957", "Võ Chí Công (1988", "Trần Đức Lương (2002",
                 "Nông Đức Mạnh (2007",
                 "Tô Lâm (2025"):
        assert name in view.summary


@pytest.mark.parametrize("direction, level, years", [
    ("all", "all", (1970, 1990)),          # the years of enmity: nothing recorded
    (TO_PYONGYANG, OTHER, (1990, 2000)),
    ("all", "all", (2025, 2025)),
    ("all", "all", (1950, 1950)),
    ("all", "all", (2025, 1950)),          # a reversed range is read as 1950-2025
])
def test_edge_cases_never_raise(visits, direction, level, years):
    view = visits_view(direction, level, years, visits)
    assert view.summary.startswith("<p>")
    assert view.figure.chart.to_dict()


def test_an_empty_selection_says_so_honestly(visits):
    view = visits_view("all", "all", (1970, 1987), visits)  # the enmity, before Võ Chí Công
    assert "No recorded visits" in view.summary and "not necessarily" in view.summary
    assert "empty" in view.figure.description


def test_unknown_choices_are_refused_with_a_message(visits):
    with pytest.raises(ValueError, match="direction"):
        visits_view("Seoul → Hanoi", "all", (1950, 2025), visits)
    assert len(select_visits(visits, "all", "all", (2025, 1950))) == len(visits)


# --- the widget ----------------------------------------------------------------------------

def test_the_explorer_follows_its_controls():
    explorer = visits_explorer()
    assert "18 recorded visits" in explorer.summary.value
    assert "between 1954 and 2025" in explorer.summary.value  # the default span
    explorer.controls["years"].value = (2000, 2019)
    assert "10 recorded visits" in explorer.summary.value
    explorer.controls["direction"].value = TO_PYONGYANG
    assert "4 recorded visits" in explorer.summary.value
    assert "Nông Đức Mạnh" in explorer.summary.value
    explorer.controls["level"].value = OTHER
    assert "1 recorded visit" in explorer.summary.value
    assert "Lê Hồng Anh (2008, E116)" in explorer.summary.value
    explorer.controls["years"].value = (2009, 2019)
    assert "No recorded visits" in explorer.summary.value
    outputs = explorer.output.outputs
    assert len(outputs) == 2
    assert "application/vnd.vegalite.v5+json" in outputs[0]["data"]
    assert "Text description" in outputs[1]["data"]["text/html"]


def test_every_control_is_labelled():
    for control in visits_explorer().controls.values():
        assert control.description and control.tooltip


# --- every sentence checked against the data ------------------------------------------

import re  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from comrades.visit_record import ALL, DIRECTIONS, LEVELS  # noqa: E402

VISITS = classify_visits()


@settings(max_examples=60, deadline=None)
@given(st.sampled_from([ALL, *DIRECTIONS]), st.sampled_from([ALL, *LEVELS]),
       st.integers(1950, 2025), st.integers(1950, 2025))
def test_every_summary_sentence_holds_in_the_data(direction, level, y1, y2):
    start, end = sorted((y1, y2))
    text = visits_view(direction, level, (y1, y2), VISITS).summary
    rows = VISITS[VISITS["year"].between(start, end)
                  & ((VISITS["direction"] == direction) if direction != ALL else True)
                  & ((VISITS["level"] == level) if level != ALL else True)]
    if rows.empty:
        assert "No recorded visits" in text
        return
    n = int(re.search(r"<b>(\d+) recorded visit", text).group(1))
    assert n == len(rows) and f"between {start} and {end}" in text
    when = re.search(r"When: ([\d, ]+)\.", text).group(1)
    assert [int(y) for y in when.split(", ")] == list(rows["year"])
    if (gap := re.search(r"longest gap in this selection is (\d+) years?, from (\d+) to (\d+)",
                         text)):
        size, a, b = map(int, gap.groups())
        years = sorted(set(rows["year"]))
        assert b - a == size and a in years and b in years
        assert size == max(y2 - y1 for y1, y2 in zip(years, years[1:], strict=False))
        assert not any(a < y < b for y in years)
