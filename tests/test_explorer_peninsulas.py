"""Notebook 01's explorer, the two peninsulas 1945–1954, driven in plain Python."""

import pandas as pd
import pytest

from comrades import data
from comrades.widgets import peninsulas_explorer
from comrades.widgets.peninsulas import (
    BILATERAL,
    INDOCHINA,
    KOREA,
    REGION,
    lane_of,
    peninsula_events,
    peninsulas_view,
    recognitions,
    when,
)


def test_events_of_the_decade_are_sorted_into_lanes():
    table = peninsula_events()
    assert table["year"].between(1945, 1954).all()
    lanes = dict(zip(table["event_id"], table["lane"], strict=True))
    assert lanes["E001"] == KOREA  # division of Korea by the USA and the USSR
    assert lanes["E006"] == KOREA and lanes["E014"] == KOREA
    assert lanes["E003"] == INDOCHINA and lanes["E017"] == INDOCHINA  # Geneva, phase 02
    assert lanes["E010"] == BILATERAL
    assert lanes["E007"] == REGION
    assert list(table["start_date"]) == sorted(table["start_date"])


def test_lane_of_and_when():
    assert lane_of("E999", "PRK;VNM", "bilateral") == BILATERAL
    assert lane_of("E999", "KOR;USA", "regional") == KOREA
    assert lane_of("E999", "FRA;KHM", "regional") == INDOCHINA
    assert lane_of("E999", "", "regional") == REGION
    day = pd.Timestamp("1954-07-21")
    assert when(day, day, "day") == "21 Jul 1954"
    assert when(pd.Timestamp("1950-10-01"), pd.Timestamp("1950-10-31"), "month") == "Oct 1950"
    assert when(pd.Timestamp("1967-01-01"), pd.Timestamp("1968-12-31"), "year") == \
        "1967–1968 (years only)"


def test_recognitions_answer_who_and_when_with_the_disputed_days():
    table = recognitions()
    assert list(table["state"]) == ["China", "Soviet Union", "North Korea"]
    assert list(table["event_id"]) == ["E008", "E009", "E010"]
    assert [d.day for d in table["date"]] == [18, 30, 31]
    assert table["other_days"].tolist() == [[17, 19], [31], []]
    assert table["disputed"].tolist() == [True, True, False]
    assert "prc_recognition" in table.loc[0, "dispute_ids"]


def test_full_view_counts_events_and_names_the_bilateral_step():
    view = peninsulas_view()
    assert "18 events" in view.summary  # the State of Vietnam (E112) included
    assert "Korea 6" in view.summary and "Vietnam and Indochina 9" in view.summary
    assert "E112" in view.figure.description or "Bảo Đại" in view.figure.description
    # "after the Soviet Union and China" [¶5] is a list, not a claim about order
    assert "put China first" not in view.summary and "recognition_order" not in view.summary
    assert "E010" in view.summary and "31 Jan 1950" in view.summary
    assert "18 January 1950" in view.summary and "17 or 19 January" in view.summary
    assert "disputed" in view.summary and "[¶5]" in view.summary
    assert "Geneva Accords" in view.figure.description
    assert "Diamonds mark days" in view.figure.description
    assert set(view.figure.table.columns) >= {"event_id", "when", "lane", "title",
                                              "source_ids"}
    view.figure.chart.to_dict()  # a valid Vega-Lite spec


def test_filters_by_peninsula_category_and_years():
    korea = peninsulas_view("korea", "all", (1945, 1954))
    assert set(korea.figure.table["lane"]) == {KOREA, BILATERAL}
    assert "7 events" in korea.summary
    wars = peninsulas_view("vietnam", "conflict", (1945, 1954))
    assert list(wars.figure.table["event_id"]) == ["E004", "E016"]
    late = peninsulas_view("both", "all", (1953, 1954))
    assert "4 events" in late.summary and "recognised" not in late.summary
    assert "No event between Hanoi and Pyongyang themselves is recorded in 1953–1954" \
        in late.summary


def test_reversed_range_and_a_single_year():
    assert peninsulas_view(years=(1954, 1953)).summary == \
        peninsulas_view(years=(1953, 1954)).summary
    one = peninsulas_view(years=(1950, 1950))
    assert "1950, Both peninsulas: 5 events" in one.summary
    assert "Who recognised the DRV" in one.summary


def test_an_empty_selection_says_so_and_still_draws():
    view = peninsulas_view("korea", "ideology", (1945, 1947))
    assert "no ideology events" in view.summary
    assert "No events match" in view.figure.description
    view.figure.chart.to_dict()


def test_an_unknown_peninsula_is_refused_in_words():
    with pytest.raises(ValueError, match="choose a peninsula"):
        peninsulas_view("laos")


def test_a_table_without_disputes_shows_undisputed_days():
    view = peninsulas_view(disputes=data.disputes().iloc[0:0])
    assert "18 January 1950 [E008]" in view.summary and "17 or 19" not in view.summary


def test_explorer_updates_on_every_control():
    explorer = peninsulas_explorer()
    assert "18 events" in explorer.summary.value
    explorer.controls["country"].value = "korea"
    assert "Korea 6" in explorer.summary.value and "Vietnam and Indochina" not in \
        explorer.summary.value.split("Who recognised")[0]
    explorer.controls["category"].value = "conflict"
    assert "1 conflict event</b>" in explorer.summary.value  # the Korean War, E011
    assert "E011" in explorer.output.outputs[1]["data"]["text/html"]
    explorer.controls["years"].value = (1951, 1952)
    assert "no conflict events" in explorer.summary.value
    outputs = explorer.output.outputs
    assert len(outputs) == 2
    assert "application/vnd.vegalite.v5+json" in outputs[0]["data"]
    assert "Text description" in outputs[1]["data"]["text/html"]


def test_extreme_slider_values_never_break_the_explorer():
    explorer = peninsulas_explorer()
    for years in [(1945, 1945), (1954, 1954), (1945, 1954)]:
        for category in [v for _, v in explorer.controls["category"].options]:
            explorer.controls["years"].value = years
            explorer.controls["category"].value = category
            assert "cannot be shown" not in explorer.summary.value


def test_every_control_has_a_label_and_tooltip():
    for control in peninsulas_explorer().controls.values():
        assert control.description and control.tooltip


# --- every sentence checked against the data ------------------------------------------

import re  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from comrades import vocab  # noqa: E402
from comrades.widgets.peninsulas import COUNTRY_CHOICES  # noqa: E402


def test_military_never_says_nothing_passed_then_lists_a_recognition():
    text = peninsulas_view("both", "military", (1945, 1954)).summary
    assert "No military event between Hanoi and Pyongyang themselves" in text
    assert "recognised the DRV" not in text and "E010" not in text


def test_diplomacy_shows_the_recognitions_and_the_bilateral_step_together():
    text = peninsulas_view("both", "diplomacy", (1950, 1950)).summary
    assert "Between Hanoi and Pyongyang themselves" in text and "E010" in text
    assert "Who recognised the DRV" in text


EVENTS = data.events().set_index("event_id")


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(list(COUNTRY_CHOICES)),
       st.sampled_from(["all", "diplomacy", "military", "conflict", "aid", "ideology"]),
       st.integers(1945, 1954), st.integers(1945, 1954))
def test_every_summary_sentence_holds_in_the_data(country, category, y1, y2):
    first, last = sorted((y1, y2))
    view = peninsulas_view(country, category, (y1, y2))
    text = view.summary
    events = data.events()
    years = events["start_date"].dt.year
    bilateral = events[(events["scope"] == "bilateral") & years.between(first, last)
                       & ((events["category"] == category) if category != "all" else True)]
    if "themselves is recorded" in text:        # "no event between Hanoi and Pyongyang"
        assert bilateral.empty
        assert "Who recognised" not in text     # so no recognition is listed beside it
    if "Between Hanoi and Pyongyang themselves:" in text:
        named = set(re.findall(r"(E\d{3})\)", text.split("themselves:")[1].split("</p>")[0]))
        assert named == set(bilateral["event_id"])
    if "Who recognised the DRV" in text:
        assert first <= 1950 <= last and category in ("all", "diplomacy")
    for event_id in view.figure.table["event_id"]:
        row = EVENTS.loc[event_id]
        assert first <= row["start_date"].year <= last
        assert category in ("all", row["category"])
        lane = view.figure.table.set_index("event_id").loc[event_id, "lane"]
        if lane not in (BILATERAL, REGION) and event_id != "E001":
            assert {KOREA: "Korea", INDOCHINA: "Indochina"}[lane] in \
                vocab.regions(row["actors"])
