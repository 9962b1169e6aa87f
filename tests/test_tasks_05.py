"""Exercise checks of lesson 05: the solutions pass, typical mistakes get targeted hints."""

import altair as alt
import pandas as pd
import pytest

from comrades import data
from comrades.check import FAILED, PASSED, UNANSWERED, UNGRADED, check
from comrades.tasks import lesson05


@pytest.fixture(scope="module")
def events():
    return data.events()


def _run(task, answer):
    return check(task, answer, record=False)


def _phase5(events):
    return events.query("phase == '05' and scope == 'bilateral'")


# --- the worked solutions pass -------------------------------------------------------------

def solution_answers(events):
    actors = data.actors()
    start = events.set_index("event_id")["start_date"]
    phase5 = _phase5(events)[["event_id", "actors"]]
    long = phase5.assign(actor_id=phase5["actors"].str.split(";")).explode("actor_id")
    people = long.merge(actors, on="actor_id").query("kind == 'person'")
    grouped = (events.query("scope == 'bilateral'").groupby("phase")
               .agg(n_events=("event_id", "size"), mean_bearing=("bearing", "mean")))
    chart = alt.Chart(_phase5(events)).mark_point().encode(
        x="start_date:T", y="bearing:Q", color="category:N")
    return {
        "05.1": len(_phase5(events)),
        "05.2": (start["E096"] - start["E080"]).days,
        "05.3": people[["event_id", "actor_id", "name_en"]],
        "05.4": grouped,
        "05.5": chart,
        "05.6": ["E080", "E084", "E086", "E089", "E093", "E098"],
        "05.7": {"ideology": 2, "interests": 1, "relationship": "cordial"},
    }


def test_every_solution_passes(events):
    for task, answer in solution_answers(events).items():
        result = _run(task, answer)
        assert result.status == PASSED, (task, result.message)
        assert result.checked


def test_expected_values_come_from_the_data():
    assert lesson05.expected_05_1() == 15  # with the visits of 2002-2012 and E118
    assert lesson05.expected_05_2() == 6915  # 2000-03-25 to 2019-03-01
    assert list(lesson05.expected_05_6()) == ["E080", "E084", "E086", "E089", "E093", "E098"]
    assert ("E096", "NGUYEN_PHU_TRONG") in set(
        lesson05.expected_05_3()[["event_id", "actor_id"]].itertuples(index=False, name=None))


def test_unanswered_tasks_say_so():
    for task in ("05.1", "05.2", "05.3", "05.4", "05.5", "05.6", "05.7", "05.8", "05.9"):
        assert _run(task, ...).status == UNANSWERED


# --- targeted hints ---------------------------------------------------------------------------

def test_05_1_hints(events):
    assert "scope == 'bilateral'" in _run("05.1", len(events.query("phase == '05'"))).message
    diplomacy = len(_phase5(events).query("category == 'diplomacy'"))
    assert "culture" in _run("05.1", diplomacy).message
    assert "phase == '05'" in _run("05.1", len(events.query("scope == 'bilateral'"))).message
    assert "Expected a number" in _run("05.1", _phase5(events)).message


def test_05_2_hints():
    right = lesson05.expected_05_2()
    assert "Off by one" in _run("05.2", right + 1).message
    assert "years" in _run("05.2", 19).message
    assert "reversed" in _run("05.2", -right).message
    assert _run("05.2", pd.Timedelta(days=right)).passed  # a Timedelta is fine too
    assert "whole number of days" in _run("05.2", "nineteen years").message


def test_05_3_hints():
    right = lesson05.expected_05_3()
    assert "DataFrame" in _run("05.3", right.to_dict()).message
    assert "name_en" in _run("05.3", right.drop(columns="name_en")).message
    with_states = pd.concat([right, pd.DataFrame([{"event_id": "E080", "actor_id": "PRK",
                                                   "name_en": "North Korea (DPRK)"}])])
    assert "kind == 'person'" in _run("05.3", with_states).message
    assert "missing" in _run("05.3", right.iloc[1:]).message
    wrong_name = right.assign(name_en=right["name_en"].where(right.index != 0, "Paek"))
    assert "name of PAEK_NAM_SUN" in _run("05.3", wrong_name).message
    assert "repeat" in _run("05.3", pd.concat([right, right.iloc[:1]])).message


def test_05_4_hints(events):
    right = lesson05.expected_05_4()
    assert _run("05.4", right.reset_index()).passed  # phase as a column is fine
    assert "mean_bearing" in _run("05.4", right.drop(columns="mean_bearing")).message
    every = events.groupby("phase").agg(n_events=("event_id", "size"),
                                        mean_bearing=("bearing", "mean"))
    assert "bilateral events only" in _run("05.4", every).message
    assert "one row per phase" in _run("05.4", right.iloc[:3]).message.lower()


def test_05_5_hints(events):
    phase5 = _phase5(events)
    assert "Altair chart" in _run("05.5", phase5).message
    by_year = alt.Chart(phase5).mark_point().encode(x="bearing:Q", color="category:N")
    assert "start_date on the x" in _run("05.5", by_year).message
    nominal = alt.Chart(phase5).mark_point().encode(x="start_date:N", color="category:N")
    assert "temporal" in _run("05.5", nominal).message
    plain = alt.Chart(phase5).mark_point().encode(x="start_date:T", y="bearing:Q")
    assert "colour" in _run("05.5", plain).message
    everything = alt.Chart(events).mark_point().encode(x="start_date:T", color="category:N")
    assert "should draw" in _run("05.5", everything).message
    layered = alt.layer(alt.Chart(phase5).mark_point().encode(x="start_date:T",
                                                              color="category:N"))
    assert _run("05.5", layered).passed


def test_05_6_hints():
    right = lesson05.expected_05_6()
    swapped = [right[1], right[0], *right[2:]]
    assert "Position 1" in _run("05.6", swapped).message
    assert "Expected 6" in _run("05.6", right[:5]).message
    assert _run("05.6", [e.lower() for e in right]).passed  # case does not matter
    assert "strings" in _run("05.6", [80, 84, 86, 89, 93, 98]).message


def test_05_7_accepts_a_consistent_recoding_and_refuses_an_inconsistent_one():
    recoded = _run("05.7", {"ideology": 2, "interests": 0, "relationship": "measured"})
    assert recoded.passed and "course codes" in recoded.message
    wrong = _run("05.7", {"ideology": 2, "interests": 1, "relationship": "alliance"})
    assert wrong.status == FAILED and "predicts 'cordial'" in wrong.message
    assert "interests" in _run("05.7", {"ideology": 2, "relationship": "cordial"}).message
    assert "-2" in _run("05.7", {"ideology": 5, "interests": 1,
                                 "relationship": "cordial"}).message
    assert "one of" in _run("05.7", {"ideology": 2, "interests": 1,
                                     "relationship": "friendly"}).message
    assert "dict" in _run("05.7", (2, 1)).message


def test_free_text_is_ungraded_with_key_points():
    text = " ".join(["word"] * 60)
    for task in ("05.8", "05.9"):
        result = _run(task, text)
        assert result.status == UNGRADED and "(1)" in result.message
        assert "aim for 80" in _run(task, "Too short.").message
        assert _run(task, 42).status == FAILED
