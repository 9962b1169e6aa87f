"""Notebook 03's explorer (the bloc breaks apart), driven in plain Python."""

import re

import pandas as pd
import pytest

from comrades import data, vocab
from comrades.realignments import DYADS, changes, year_table
from comrades.widgets import realignment_explorer
from comrades.widgets.realignment import (
    FIRST_YEAR,
    LAST_YEAR,
    partners,
    realignment_view,
    year_events,
)


def _text(html):
    return re.sub(r"<[^>]+>", "", html)


def test_year_table_has_the_useful_columns_and_one_row_per_dyad():
    table = year_table(1979)
    assert list(table["dyad"]) == list(DYADS)
    for column in ("between", "score", "meaning", "score_year_before", "changed",
                   "rationale", "source_ids"):
        assert column in table
    row = table.set_index("dyad").loc["VNM-PRK"]
    assert row["score"] == -2 and row["score_year_before"] == -1 and row["changed"]
    assert "Phnom Penh" in row["rationale"] and "ap1989" in row["source_ids"]


def test_unchanged_scores_carry_their_last_rationale():
    row = year_table(1985).set_index("dyad").loc["VNM-PRK"]
    assert not row["changed"] and row["score_since"] == 1979
    assert "condemns" in row["rationale"]


@pytest.mark.parametrize("year, expected", [
    (1973, {"VNM-PRK", "VNM-USA"}),
    (1975, {"VNM-PRK", "VNM-CHN", "VNM-KHM", "PRK-KHM"}),
    (1977, {"VNM-KHM"}),
    (1979, {"VNM-PRK", "VNM-CHN", "VNM-KHM", "PRK-KHM"}),
    (1986, set()),
    (1989, {"VNM-PRK", "VNM-KHM"}),
])
def test_changes_match_the_data(year, expected):
    assert set(changes(year)["dyad"]) == expected


def test_changes_are_computed_from_the_table_given():
    relations = data.relations()
    relations.loc[(relations["dyad"] == "PRK-SUN") & (relations["year"] == 1982), "score"] = 0
    assert "PRK-SUN" in set(changes(1982, relations)["dyad"])
    assert "PRK-SUN" in set(changes(1983, relations)["dyad"])


def test_partners_split_friends_and_adversaries():
    found = partners(year_table(1979), "PRK")
    assert "China (+2)" in found["with"] and "Soviet Union (+2)" in found["with"]
    assert "Vietnam (−2)" in found["against"] and "Cambodia (−1)" in found["against"]
    vietnam = partners(year_table(1979), "VNM")
    assert "Cambodia (+2)" in vietnam["with"] and "China (−2)" in vietnam["against"]


def test_summary_of_1979_says_who_stood_with_whom_and_why():
    text = _text(realignment_view(1979).summary)
    assert "In 1979" in text
    assert "Vietnam stood with Cambodia (+2), Soviet Union (+2)" in text
    assert "North Korea stood with China (+2), Soviet Union (+2)" in text
    assert "What changed since 1978 (4 of 9 pairs)" in text
    assert "−1 → −2" in text and "Pyongyang denounces Hanoi" in text
    assert "China invades northern Vietnam" in text
    # the events of the year are named with their ids
    for event_id in ("E056", "E057", "E058", "E059"):
        assert event_id in text
    assert "government in Phnom Penh" in text


def test_summary_of_a_quiet_year_says_nothing_changed():
    text = _text(realignment_view(1984).summary)
    assert "No change since 1983" in text
    assert "Vietnam–North Korea: hostile or at war (−2)" in text


def test_summary_of_1989_shows_the_mended_fences():
    text = _text(realignment_view(1989).summary)
    assert "−2 → +1" in text and "Fences mended" in text
    assert "E064" in text


def test_network_figure_describes_every_pair_and_marks_changes():
    view = realignment_view(1975)
    description = view.figure.description
    assert "Vietnam–North Korea strained (−1), changed from +1" in description
    assert "North Korea–Cambodia allied (+2), changed from 0" in description
    assert "not coded in the data" in description
    assert len(view.figure.table) == len(DYADS)
    spec = view.figure.chart.to_dict()
    assert spec["description"] == description


def test_heatmap_outlines_the_chosen_year():
    view = realignment_view(1979, "heatmap")
    assert "In 1979: Vietnam–North Korea −2" in view.figure.description
    table = view.figure.table
    assert table["year"].min() == FIRST_YEAR and table["year"].max() == LAST_YEAR
    assert set(table["pair"]) == {vocab.dyad_name(d) for d in DYADS}


@pytest.mark.parametrize("year", [FIRST_YEAR, LAST_YEAR, 1948, 1953, 2025, 1900, 2100])
@pytest.mark.parametrize("view", ["network", "heatmap"])
def test_extreme_and_outside_years_never_raise(year, view):
    result = realignment_view(year, view)
    assert result.summary
    if year in (1900, 2100):
        assert result.figure is None and "No relationship scores" in result.summary


def test_empty_tables_do_not_raise():
    relations = data.relations().iloc[0:0]
    events = data.events().iloc[0:0]
    result = realignment_view(1979, "network", relations, events)
    assert result.figure is None
    assert year_events(1979, events).empty


def test_year_events_involve_the_six_states():
    happened = year_events(1978)
    assert {"E054", "E055"} <= set(happened["event_id"])
    assert happened["start_date"].is_monotonic_increasing


def test_explorer_updates_on_every_change():
    explorer = realignment_explorer()
    assert "In 1979" in explorer.summary.value
    outputs = explorer.output.outputs
    assert len(outputs) == 2
    assert "application/vnd.vegalite.v5+json" in outputs[0]["data"]
    assert "Text description" in outputs[1]["data"]["text/html"]
    explorer.controls["year"].value = 1975
    assert "What changed since 1974" in explorer.summary.value
    assert "Indochina Federation" in explorer.summary.value
    explorer.controls["view"].value = "heatmap"
    html = explorer.output.outputs[1]["data"]["text/html"]
    assert "Heat map" in html and "In 1975" in html
    explorer.controls["year"].value = LAST_YEAR
    assert "Fences mended" in explorer.summary.value


def test_explorer_controls_are_labelled_and_bounded():
    explorer = realignment_explorer(year=1975, view="heatmap")
    for control in explorer.controls.values():
        assert control.description and control.tooltip
    slider = explorer.controls["year"]
    assert (slider.min, slider.max, slider.value) == (FIRST_YEAR, LAST_YEAR, 1975)
    slider.value = 1900  # the slider clamps a value outside its range
    assert slider.value == FIRST_YEAR and "In 1973" in explorer.summary.value


def test_year_table_of_a_year_before_some_dyads_existed():
    table = year_table(1950)
    assert "VNM-KHM" not in set(table["dyad"]) and "VNM-PRK" in set(table["dyad"])
    assert isinstance(table, pd.DataFrame)


# --- every sentence checked against the data ------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=40, deadline=None)
@given(st.integers(1945, 2025), st.sampled_from(["network", "heatmap"]))
def test_every_summary_sentence_holds_in_the_data(year, view):
    rel = data.relations()
    score = {(r.dyad, int(r.year)): int(r.score) for r in rel.itertuples()}
    text = _text(realignment_view(year, view).summary)
    if "No relationship scores" in text:
        assert not any((d, year) in score for d in DYADS)
        return
    moved = {d for d in DYADS if (d, year) in score and (d, year - 1) in score
             and score[d, year] != score[d, year - 1]}
    if moved:
        assert f"What changed since {year - 1} ({len(moved)} of" in text
        for d in moved:
            assert (f"{vocab.dyad_name(d, year)}: {vocab.signed(score[d, year - 1])} → "
                    f"{vocab.signed(score[d, year])}") in text
    else:
        assert f"No change since {year - 1}" in text
    stood = re.search(r"Vietnam stood with (.*?); against", text).group(1)
    friends = {d for d in DYADS if "VNM" in d.split("-") and score.get((d, year), 0) >= 1}
    assert stood.count("(+") == len(friends)
