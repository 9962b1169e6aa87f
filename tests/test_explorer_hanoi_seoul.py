"""Lesson 04's explorer, Hanoi between Pyongyang and Seoul, driven in plain Python."""

import pytest

from comrades import data
from comrades.widgets import hanoi_seoul_explorer
from comrades.widgets.hanoi_seoul import (
    DYADS,
    dyad_events,
    hanoi_seoul_view,
    turning_points,
    when,
)


def test_default_view_says_what_moved_each_line_and_who_says_so():
    view = hanoi_seoul_view((1986, 2001), ["VNM-PRK", "VNM-KOR"])
    text = view.summary
    # the three changes of Vietnam–North Korea, with their reasons and sources
    for year in ("1989", "1992", "2000"):
        assert f"<b>{year}</b>" in text
    assert "Fences mended as Vietnam leaves Cambodia" in text
    assert "Vietnam recognises Seoul" in text
    assert "Khang X. Vu (2023)" in text and "Vietnam News Agency" in text
    assert "Dong-A Ilbo (2000)" in text
    # Vietnam–South Korea: one change, on 22 December 1992
    assert "VNM-KOR" in text and "1 change:" in text and "22 December 1992" in text
    # the events behind the lines
    for event_id in ("E064", "E070", "E073", "E128"):
        assert event_id in text
    assert "E080" in view.figure.description  # listed in the table under the chart
    assert "change places in 1989 and 1992" in text


def test_changes_in_the_phase_come_from_the_data():
    changes = turning_points(data.relations(), ["VNM-PRK", "VNM-KOR", "VNM-CHN", "VNM-USA"],
                             1989, 2000)
    got = {(r.dyad, r.year, int(r.after)) for r in changes.itertuples()}
    assert got == {("VNM-PRK", 1989, 1), ("VNM-PRK", 1992, -1), ("VNM-PRK", 2000, 1),
                   ("VNM-KOR", 1992, 1), ("VNM-CHN", 1991, 1), ("VNM-USA", 1995, 1)}
    assert changes["rationale"].notna().all() and changes["source_ids"].notna().all()


def test_events_are_matched_to_the_pair_they_involve():
    events = data.events()
    assert list(dyad_events(events, "VNM-CHN", 1989, 2000)["event_id"]) == ["E067", "E068"]
    assert list(dyad_events(events, "VNM-USA", 1989, 2000)["event_id"]) == ["E077"]
    assert list(dyad_events(events, "VNM-KOR", 1989, 2000)["event_id"]) == ["E073"]
    # the withdrawal from Cambodia names no North Korean actor, but moved the relationship
    assert "E064" in set(dyad_events(events, "VNM-PRK", 1989, 1989)["event_id"])
    # SUN stands for Russia after 1991, so a Russian event belongs to PRK-SUN
    assert "E082" in set(dyad_events(events, "PRK-SUN", 2000, 2000)["event_id"])


def test_the_figure_is_readable_without_the_chart():
    view = hanoi_seoul_view((1989, 2000), ["VNM-PRK", "VNM-KOR", "VNM-CHN", "VNM-USA"])
    description = view.figure.description
    assert "Vietnam–North Korea (VNM-PRK): +1 in 1989, −1 from 1992, +1 from 2000" in description
    assert "Vietnam–United States (VNM-USA): −1 in 1989, +1 from 1995" in description
    assert "E077" in description
    table = view.figure.table
    assert list(table.columns) == ["when", "what", "pair", "detail", "sources"]
    assert {"score change", "event"} == set(table["what"])
    assert table.iloc[-1]["detail"].startswith("E080") or "2000" in table.iloc[-1]["when"]
    spec = view.figure.chart.to_dict()
    assert spec["description"] == description


def test_context_marks_more_events_without_listing_them_as_movers():
    plain = hanoi_seoul_view((1989, 2000), ["VNM-KOR"])
    wider = hanoi_seoul_view((1989, 2000), ["VNM-KOR"], context=True)
    assert plain.summary == wider.summary
    assert len(wider.figure.table) > len(plain.figure.table)
    assert "context" in set(wider.figure.table["pair"])
    assert "other events of those years" in wider.figure.description


def test_a_steady_line_says_why_it_was_set():
    text = hanoi_seoul_view((1993, 1999), ["VNM-KOR"]).summary
    assert "no change; steady at +1 (friendly)" in text
    assert "set in 1992" in text


@pytest.mark.parametrize("years,dyads", [
    ((1948, 1948), ["VNM-PRK", "PRK-KHM"]),   # a pair before its record begins
    ((2025, 2025), list(DYADS)),              # every pair, last year
    ((1948, 2025), list(DYADS)),              # everything
    ((2001, 1986), ["VNM-PRK"]),              # reversed years are put in order
    ((1975, 1976), ["VNM-KOR", "VNM-KOR"]),   # a repeated pair counts once
])
def test_extreme_choices_never_raise(years, dyads):
    view = hanoi_seoul_view(years, dyads, context=True)
    assert view.summary and view.figure is not None
    view.figure.chart.to_dict()


def test_before_a_record_begins_the_summary_says_so():
    text = hanoi_seoul_view((1948, 1950), ["PRK-KHM"]).summary
    assert "no scores in 1948–1950" in text and "begins in 1953" in text


def test_no_pair_chosen_asks_for_one():
    view = hanoi_seoul_view((1989, 2000), [])
    assert view.figure is None and "Choose at least one pair" in view.summary


def test_an_unknown_pair_is_refused_with_a_message():
    with pytest.raises(ValueError, match="unknown pair"):
        hanoi_seoul_view((1989, 2000), ["VNM-XYZ"])


def test_dates_are_as_precise_as_the_data():
    rows = {r.event_id: when(r) for r in data.events().itertuples()}
    assert rows["E073"] == "22 Dec 1992"
    assert rows["E064"] == "21–26 Sep 1989"
    assert rows["E070"] == "1992 (year only)"
    assert rows["E071"] == "1992–2000 (years only)"


def test_explorer_updates_on_every_change():
    explorer = hanoi_seoul_explorer()
    assert "VNM-PRK" in explorer.summary.value and "VNM-KOR" in explorer.summary.value
    outputs = explorer.output.outputs
    assert len(outputs) == 2
    assert "application/vnd.vegalite.v5+json" in outputs[0]["data"]
    assert "Text description" in outputs[1]["data"]["text/html"]

    explorer.controls["dyads"].value = ("VNM-PRK", "VNM-KOR", "VNM-CHN", "VNM-USA")
    explorer.controls["years"].value = (1989, 2000)
    assert "5 November 1991" in explorer.summary.value
    assert "11 July 1995" in explorer.summary.value

    explorer.controls["dyads"].value = ()
    assert "Choose at least one pair" in explorer.summary.value
    assert explorer.output.outputs == ()

    explorer.controls["dyads"].value = ("PRK-CHN",)
    explorer.controls["years"].value = (1992, 1992)
    assert "Beijing recognises Seoul" in explorer.summary.value
    assert "E072" in explorer.summary.value

    explorer.controls["context"].value = True
    assert "cannot be shown" not in explorer.summary.value


def test_every_control_has_a_label_and_a_tooltip():
    explorer = hanoi_seoul_explorer()
    for control in explorer.controls.values():
        assert control.description and control.tooltip


# --- every sentence checked against the data ------------------------------------------

import re  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

RELATIONS = data.relations()


def _scores(dyad):
    rows = RELATIONS[RELATIONS["dyad"] == dyad]
    return {int(y): int(s) for y, s in zip(rows["year"], rows["score"], strict=True)}


def test_level_lines_are_not_said_to_change_places():
    text = hanoi_seoul_view((1999, 2005), ["VNM-PRK", "VNM-KOR"]).summary
    assert "change places in" not in text
    assert "level in 2000–2003, but their order never flips" in text


selections = st.tuples(st.integers(1948, 2025), st.integers(1948, 2025),
                       st.lists(st.sampled_from(DYADS), max_size=4, unique=True),
                       st.booleans())


@settings(max_examples=60, deadline=None)
@given(selections)
def test_every_summary_sentence_holds_in_the_data(choice):
    y1, y2, dyads, context = choice
    start, end = sorted((y1, y2))
    view = hanoi_seoul_view((y1, y2), dyads, context)
    text = view.summary
    if not dyads:
        assert view.figure is None
        return
    if (found := re.search(r"change places in ([\d, and]+):", text)):
        a, b = (_scores(d) for d in dyads[:2])
        for year in map(int, re.findall(r"\d{4}", found.group(1))):
            earlier = [y for y in range(start, year) if y in a and y in b and a[y] != b[y]]
            assert earlier and a[year] != b[year]
            assert (a[year] > b[year]) != (a[earlier[-1]] > b[earlier[-1]])
    for block in text.split("<p><b>")[1:]:
        dyad = re.search(r"\(([A-Z]{3}-[A-Z]{3})\)", block)
        if not dyad:
            continue
        series = _scores(dyad.group(1))
        for year, before, after in re.findall(r"<li><b>(\d{4})</b>: (\S+) → (\S+) ", block):
            year = int(year)
            assert start <= year <= end
            assert series[year] == int(after.replace("−", "-"))
            assert series.get(year - 1) != series[year]
            if before != "start":
                assert series[year - 1] == int(before.replace("−", "-"))
        if (steady := re.search(r"steady at (\S+) ", block)):
            value = int(steady.group(1).replace("−", "-"))
            assert all(series[y] == value for y in range(start, end + 1))
    spec = view.figure.mimebundles()[0]["application/vnd.vegalite.v5+json"]
    assert spec["datasets"]["lines"] or all(_scores(d).get(end) is None for d in dyads)
