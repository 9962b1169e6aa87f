"""The score lookups every explorer's sentences rest on, checked against relations.csv."""

from hypothesis import given, settings
from hypothesis import strategies as st

from comrades import data
from comrades.scores import crossings, level_years, scores_of

RELATIONS = data.relations()
SCORES = scores_of(RELATIONS)
DYADS = sorted(set(RELATIONS["dyad"]))
years = st.integers(1940, 2030)


def raw(dyad: str) -> dict[int, int]:
    """The dyad's scores straight from the table, independent of the code under test."""
    rows = RELATIONS[RELATIONS["dyad"] == dyad]
    return {int(y): int(s) for y, s in zip(rows["year"], rows["score"], strict=True)}


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(DYADS), years, years)
def test_steps_say_when_each_score_was_really_set(dyad, a, b):
    start, end = sorted((a, b))
    series = raw(dyad)
    for set_year, score in SCORES.steps(dyad, start, end):
        # the score was set in that year: it holds then, and differs the year before
        assert series[set_year] == score
        assert series.get(set_year - 1) != score
        # and it is still in force at the start of the span (or was set inside it)
        shown_from = max(start, set_year)
        assert series[shown_from] == score or set_year > start


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(DYADS), years, years)
def test_changes_are_the_years_the_score_moved(dyad, a, b):
    start, end = sorted((a, b))
    series = raw(dyad)
    moved = {y for y in series if start <= y <= end and series.get(y - 1) != series[y]}
    assert {c.year for c in SCORES.changes(dyad, start, end)} == moved
    for c in SCORES.changes(dyad, start, end):
        assert c.after == series[c.year] and c.before == series.get(c.year - 1)


def test_north_korea_us_has_been_hostile_since_1950():
    """The two-fronts explorer once said '−2 from 1974' for a span starting in 1974."""
    assert SCORES.steps("PRK-USA", 1974, 1975) == [(1950, -2)]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(DYADS), st.sampled_from(DYADS), years, years)
def test_a_crossing_means_the_order_flips(a, b, y1, y2):
    start, end = sorted((y1, y2))
    left, right = raw(a), raw(b)
    common = [y for y in range(start, end + 1) if y in left and y in right]
    found = crossings(SCORES.series(a, start, end), SCORES.series(b, start, end))
    for year in found:
        before = [y for y in common if y < year and left[y] != right[y]]
        assert before, "a crossing needs a strict order before it"
        was = left[before[-1]] > right[before[-1]]
        assert left[year] != right[year] and (left[year] > right[year]) != was
    # and every flip of strict order is reported
    signs = [(y, left[y] > right[y]) for y in common if left[y] != right[y]]
    flips = [y for (_, p), (y, s) in zip(signs, signs[1:], strict=False) if p != s]
    assert found == flips
    assert set(level_years(SCORES.series(a, start, end), SCORES.series(b, start, end))) == \
        {y for y in common if left[y] == right[y]}


def test_level_lines_are_not_a_crossing():
    """1999–2005: Vietnam–North Korea meets Vietnam–South Korea (2000–03) and falls back."""
    assert crossings(SCORES.series("VNM-PRK", 1999, 2005),
                     SCORES.series("VNM-KOR", 1999, 2005)) == []
    assert crossings(SCORES.series("VNM-PRK", 1986, 2001),
                     SCORES.series("VNM-KOR", 1986, 2001)) == [1989, 1992]
