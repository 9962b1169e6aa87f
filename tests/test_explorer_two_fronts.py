"""Lesson 02's explorer (two fronts, one enemy) and the pilots dispute, driven in plain
Python as a student's clicks would drive them."""

import pandas as pd
import pytest

from comrades import data
from comrades.charts import CATEGORIES, Figure
from comrades.widgets import two_fronts_explorer
from comrades.widgets.two_fronts import (
    ACROSS,
    KOREA,
    LANES,
    POWERS,
    VIETNAM,
    dispute_claims,
    front_events,
    front_of,
    pilots_figure,
    two_fronts_view,
)


def test_the_explorer_is_registered_under_its_lesson_name():
    from comrades import widgets

    assert widgets.two_fronts_explorer is two_fronts_explorer


@pytest.mark.parametrize(("actors", "lane"), [
    ("PRK;USA", KOREA), ("KIM_IL_SUNG;WPK", KOREA), ("USA;VNM", VIETNAM),
    ("VNM;RVN;USA", VIETNAM), ("PRK;VNM", ACROSS), ("KOR;USA;RVN", ACROSS),
    ("SUN;CHN", POWERS), ("", POWERS), (["HO_CHI_MINH", "KIM_IL_SUNG"], ACROSS),
])
def test_each_event_goes_to_the_lane_of_its_actors(actors, lane):
    assert front_of(actors) == lane


def test_named_events_sit_in_the_right_lane():
    lanes = front_events().set_index("event_id")["front"]
    assert lanes["E038"] == KOREA          # the Pueblo
    assert lanes["E039"] == VIETNAM        # Tet
    assert lanes["E022"] == ACROSS         # the 1958 joint statement
    assert lanes["E028"] == ACROSS         # South Korean troops in Vietnam
    assert lanes["E040"] == POWERS         # Sino-Soviet clash


def test_1968_answers_what_happened_on_each_front():
    view = two_fronts_view(1968, 1968)
    text = view.summary
    assert text.startswith("<p>In 1968: ")
    assert "Pueblo" in text and "Tet Offensive" in text
    assert "2 on the Korean front" in text and "1 on the Vietnamese front" in text
    assert "US pressure" in text and "+" not in text.split("US pressure")[1].split("(")[0]
    assert isinstance(view.figure, Figure)
    assert set(view.figure.table["event_id"]) == {"E037", "E038", "E039", "E120"}
    assert "Korean front: 2" in view.figure.description


def test_the_whole_phase_counts_every_event_that_began_in_it():
    events = data.events()
    expected = int(events["start_date"].dt.year.between(1954, 1973).sum())
    view = two_fronts_view(1954, 1973)
    assert f"1954–1973: {expected} events" in view.summary
    assert len(view.figure.table) == expected
    # the US score with North Vietnam moves from strained to war and back
    assert "−2 (hostile or at war) from 1964" in view.summary
    assert "−1 (strained) from 1973" in view.summary


def test_us_only_keeps_events_with_the_united_states():
    view = two_fronts_view(1954, 1973, us_only=True)
    table = view.figure.table
    assert len(table) > 0 and table["US took part"].all()
    assert "E038" in set(table["event_id"]) and "E022" not in set(table["event_id"])
    assert "only events in which the United States took part" in view.summary


def test_category_filter_and_its_summary():
    view = two_fronts_view(1954, 1973, categories=["aid"])
    # the 1967 aid agreement, the aid promised for 1968, the students of 1965, and the cut
    # in aid after the US withdrawal of 1973
    assert set(view.figure.table["event_id"]) == {"E035", "E043", "E120", "E125"}
    assert "categories: aid" in view.summary


@pytest.mark.parametrize("kwargs", [
    {"categories": []},
    {"categories": ["culture"], "us_only": True},
    {"start_year": 1975, "end_year": 1975, "categories": ["aid"]},
])
def test_empty_selections_say_so_and_still_draw(kwargs):
    view = two_fronts_view(**{"start_year": 1954, "end_year": 1973, **kwargs})
    assert "no events match" in view.summary
    assert "no events" in view.figure.description
    view.figure.chart.to_dict()  # the chart still builds


def test_extreme_and_reversed_years_never_raise():
    assert "In 1950–1975" in two_fronts_view(1975, 1950).summary
    assert "In 1950:" in two_fronts_view(1950, 1950).summary
    far = two_fronts_view(1800, 1801)
    assert "no events match" in far.summary and "US pressure" not in far.summary


def test_the_view_accepts_its_own_tables():
    events = data.events().head(0)
    view = two_fronts_view(1954, 1973, events=events, relations=data.relations())
    assert "no events match" in view.summary


def test_explorer_updates_on_every_control():
    explorer = two_fronts_explorer()
    assert "1954–1973" in explorer.summary.value
    explorer.controls["years"].value = (1966, 1968)
    assert "air regiment" in explorer.summary.value
    explorer.controls["categories"].value = ("aid",)
    assert "E035" in explorer.summary.value and "Pueblo" not in explorer.summary.value
    explorer.controls["categories"].value = ()
    assert "no events match" in explorer.summary.value
    explorer.controls["categories"].value = tuple(CATEGORIES)
    explorer.controls["us_only"].value = True
    assert "Pueblo" in explorer.summary.value and "air regiment" not in explorer.summary.value
    outputs = explorer.output.outputs
    assert len(outputs) == 2
    assert "application/vnd.vegalite.v5+json" in outputs[0]["data"]
    assert "Text description" in outputs[1]["data"]["text/html"]


def test_every_control_has_a_label_and_a_tooltip():
    for control in two_fronts_explorer().controls.values():
        assert control.description and control.tooltip


def test_lane_order_is_fixed():
    assert LANES == (KOREA, ACROSS, VIETNAM, POWERS)


# --- the pilots dispute ---------------------------------------------------------------

def test_pilot_claims_name_each_source():
    claims = dispute_claims("pilots")
    assert list(claims["figure"]) == [200, 100, 90, 14]
    assert list(claims["source"])[:3] == ["Khang X. Vu", "Merle L. Pribbenow II",
                                          "Associated Press"]
    assert list(claims["kind"])[:3] == ["article", "archive", "news"]


def test_pilots_figure_shows_competing_figures_with_sources():
    figure = pilots_figure()
    assert isinstance(figure, Figure)
    for text in ("Khang X. Vu (policy article): 200", "Associated Press (news agency): 90",
                 "Merle L. Pribbenow II (archival documents): 100", "14 killed are agreed"):
        assert text in figure.description
    assert set(figure.table["counts"]) == {"pilots who served", "pilots killed"}
    spec = figure.chart.to_dict()
    assert spec["description"] == figure.description


def test_a_dispute_without_figures_gives_a_table_and_unknown_ids_an_empty_one():
    month = dispute_claims("kim1964_month")
    assert len(month) == 2 and month["figure"].isna().all()
    assert set(month["source"]) == {"Ministry of Foreign Affairs of the DPRK", "Global Times"}
    assert dispute_claims("no such dispute").empty


def test_pilots_figure_follows_the_data():
    disputes = data.disputes()
    extra = disputes[disputes["dispute_id"] == "pilots"].head(1).assign(claim_no=9,
                                                                        figure=150.0)
    figure = pilots_figure(pd.concat([disputes, extra], ignore_index=True))
    assert len(figure.table) == 5 and 150 in set(figure.table["figure"])


# --- every sentence checked against the data ------------------------------------------

import re  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from comrades import vocab  # noqa: E402


@pytest.mark.parametrize("event_id", ["E015", "E049", "E051"])
def test_indochinese_events_sit_on_the_vietnamese_front(event_id):
    """Cambodia's independence, the Khmer Rouge in Phnom Penh, the Lao PDR: not 'great
    powers', because their actors are Indochinese in actors.csv."""
    assert front_events().set_index("event_id")["front"][event_id] == VIETNAM


def test_a_score_set_before_the_span_is_said_to_hold_since_then():
    text = two_fronts_view(1974, 1975).summary
    assert "North Korea–United States: −2 (hostile or at war) since 1950" in text
    assert "from 1974" not in text


def _series(dyad):
    rel = data.relations()
    rows = rel[rel["dyad"] == dyad]
    return {int(y): int(s) for y, s in zip(rows["year"], rows["score"], strict=True)}


@settings(max_examples=80, deadline=None)
@given(st.integers(1940, 1980), st.integers(1940, 1980),
       st.lists(st.sampled_from(CATEGORIES), unique=True) | st.none(), st.booleans())
def test_every_summary_sentence_holds_in_the_data(y1, y2, categories, us_only):
    start, end = sorted((y1, y2))
    view = two_fronts_view(y1, y2, categories, us_only)
    text = view.summary
    actors = data.events().set_index("event_id")["actors"]
    # each listed event sits in the lane its actors' regions give
    for lane, body in re.findall(r"<li><b>([^<]+)</b>: \d+ — (.*?)</li>", text):
        for event_id in re.findall(r"\b(E\d{3})\)", body):
            regions = vocab.regions(actors[event_id])
            expected = {frozenset(): POWERS, frozenset({"Korea"}): KOREA,
                        frozenset({"Indochina"}): VIETNAM}.get(regions, ACROSS)
            assert lane == expected, event_id
    # "from YEAR": the score changed that year; "since YEAR": set then, still in force
    for dyad, name in (("PRK-USA", "North Korea–United States"),
                       ("VNM-USA", "Vietnam–United States")):
        found = re.search(re.escape(name) + r": ([^;<]*)", text)
        if not found:
            continue
        series = _series(dyad)
        for value, word, year in re.findall(r"(\S+) \([^)]*\) (since|from) (\d{4})",
                                            found.group(1)):
            year, value = int(year), int(value.replace("−", "-"))
            assert series[year] == value and series.get(year - 1) != value
            if word == "since":
                assert year < start and all(series[y] == value for y in range(year, start + 1))
            else:
                assert start <= year <= end
