"""Self-checks of exercise notebook 05 · Re-engagement and the 2019 visit.

Data tasks compute their expected answer from ``data/`` when the check runs, so a row
added later keeps them right. Free-text tasks are not graded: the check returns the
model answer's key points for the student to compare.
"""

from __future__ import annotations

import pandas as pd

from comrades import data, lens
from comrades.check import (
    UNGRADED,
    CheckResult,
    as_number,
    checker,
    expect_sequence,
    numbered,
    result,
)

PHASE = "05"
PAEK, KIM_2019 = "E080", "E096"
# Task 05.6: six events of the phase, as the exercise lists them (shuffled).
ORDER_IDS = ("E093", "E080", "E089", "E086", "E084", "E098")


# --- helpers -------------------------------------------------------------------------------

def phase_bilateral(events: pd.DataFrame | None = None) -> pd.DataFrame:
    """The bilateral events of phase 05, oldest first."""
    events = data.events() if events is None else events
    chosen = events[(events["phase"] == PHASE) & (events["scope"] == "bilateral")]
    return chosen.sort_values("start_date").reset_index(drop=True)


def _is_frame(answer) -> bool:
    return isinstance(answer, pd.DataFrame)


def _not_a_frame(task, answer, checked):
    return result(task, False, f"Expected a pandas DataFrame, got {type(answer).__name__}. "
                  "Build it with pandas (e.g. .merge, .groupby) and assign the result.",
                  checked)


def _missing_columns(answer: pd.DataFrame, needed) -> list[str]:
    return [c for c in needed if c not in answer.columns]


# --- 05.1 filter ---------------------------------------------------------------------------

def expected_05_1() -> int:
    return len(phase_bilateral())


@checker("05.1")
def bilateral_count(answer):
    expected = expected_05_1()
    events = data.events()
    checked = f"that phase 05 has {expected} bilateral events in data/events.csv"
    value = as_number(answer)
    if value is None:
        return False, f"Expected a number (a count of rows), got {type(answer).__name__}. " \
                      "Tip: len(table) or table.shape[0].", checked
    if value == expected:
        return True, f"{expected} is right: the bilateral events of 2000–2019.", checked
    in_phase = events[events["phase"] == PHASE]
    if value == len(in_phase):
        return False, "That counts every event of phase 05; keep only scope == " \
                      "'bilateral' (the regional ones are context).", checked
    bilateral_diplomacy = phase_bilateral()[lambda t: t["category"] == "diplomacy"]
    if value == len(bilateral_diplomacy):
        return False, "That counts only diplomacy events; the task asks for every " \
                      "bilateral category (culture too).", checked
    if value == len(events[events["scope"] == "bilateral"]):
        return False, "That counts bilateral events of every phase; add phase == '05' " \
                      "(a string, with the zero).", checked
    return False, f"{value:g} is {'too low' if value < expected else 'too high'}; filter on "\
                  "both phase == '05' and scope == 'bilateral'.", checked


# --- 05.2 date calculation ------------------------------------------------------------------

def expected_05_2() -> int:
    events = data.events().set_index("event_id")
    return int((events.loc[KIM_2019, "start_date"] - events.loc[PAEK, "start_date"]).days)


@checker("05.2")
def days_between(answer):
    expected = expected_05_2()
    checked = (f"the number of days from the start of {PAEK} to the start of {KIM_2019} "
               f"({expected})")
    if isinstance(answer, pd.Timedelta):
        answer = answer.days
    value = as_number(answer)
    if value is None:
        return False, f"Expected a whole number of days, got {type(answer).__name__}. " \
                      "Tip: (later - earlier).days on two Timestamps.", checked
    if value == expected:
        return True, f"{expected} days, a little over 19 years.", checked
    if abs(value - expected) == 1:
        return False, "Off by one: count the difference between the two start dates, " \
                      "without adding a day for the first.", checked
    if 15 <= value <= 25:
        return False, "That looks like years; the task asks for days.", checked
    if value == -expected:
        return False, "The sign is reversed: subtract the earlier date from the later.", \
            checked
    if abs(value - expected) <= 5:
        return False, "Close: check that you used start_date of both events, not " \
                      "end_date.", checked
    return False, f"{value:g} is {'too low' if value < expected else 'too high'}; use the " \
                  f"start_date of {PAEK} and {KIM_2019}.", checked


# --- 05.3 join ----------------------------------------------------------------------------

def expected_05_3() -> pd.DataFrame:
    """One row per (bilateral event of phase 05, person among its actors)."""
    events = phase_bilateral()[["event_id", "actors"]]
    long = events.assign(actor_id=events["actors"].map(data.split_list)).explode("actor_id")
    actors = data.actors()
    joined = long.merge(actors[["actor_id", "kind", "name_en"]], on="actor_id")
    people = joined[joined["kind"] == "person"]
    return people[["event_id", "actor_id", "name_en"]].reset_index(drop=True)


@checker("05.3")
def people_join(answer):
    task, needed = "05.3", ["event_id", "actor_id", "name_en"]
    expected = expected_05_3()
    checked = (f"{len(expected)} (event_id, actor_id) pairs of people in phase 05's "
               "bilateral events, with their English names")
    if not _is_frame(answer):
        return _not_a_frame(task, answer, checked)
    missing = _missing_columns(answer, needed)
    if missing:
        return result(task, False, f"Your table lacks the column(s) {', '.join(missing)}; "
                      f"it needs {', '.join(needed)}.", checked)
    try:
        mine = set(zip(answer["event_id"].astype(str), answer["actor_id"].astype(str),
                       strict=True))
    except Exception:
        return result(task, False, "The event_id and actor_id columns could not be read "
                      "as text.", checked)
    right = set(zip(expected["event_id"], expected["actor_id"], strict=True))
    if mine == right:
        names = dict(zip(expected["actor_id"], expected["name_en"], strict=False))
        wrong = [a for a, n in zip(answer["actor_id"].astype(str),
                                   answer["name_en"].astype(str), strict=True)
                 if a in names and names[a] != n]
        if wrong:
            return result(task, False, f"The pairs are right, but the name of {wrong[0]} "
                          "is off: take name_en from data.actors().", checked)
        if len(answer) != len(expected):
            return result(task, False, f"The pairs are right but some repeat: expected "
                          f"{len(expected)} rows, got {len(answer)}.", checked)
        return result(task, True, f"All {len(expected)} people are matched to their "
                      "events.", checked)
    states = {a for _, a in mine - right} & set(data.actors().query(
        "kind != 'person'")["actor_id"])
    if states:
        return result(task, False, f"Your table keeps actors that are not people (e.g. "
                      f"{sorted(states)[0]}); keep kind == 'person'.", checked)
    if mine - right:
        event, actor = sorted(mine - right)[0]
        return result(task, False, f"({event}, {actor}) should not be there: is {event} a "
                      "bilateral event of phase 05?", checked)
    event, actor = sorted(right - mine)[0]
    return result(task, False, f"{len(right - mine)} pair(s) missing, e.g. ({event}, "
                  f"{actor}); split the actors list of every event (str.split(';') and "
                  ".explode()).", checked)


# --- 05.4 group ---------------------------------------------------------------------------

def expected_05_4() -> pd.DataFrame:
    events = data.events()
    bilateral = events[events["scope"] == "bilateral"]
    table = bilateral.groupby("phase").agg(n_events=("event_id", "size"),
                                           mean_bearing=("bearing", "mean"))
    table["mean_bearing"] = table["mean_bearing"].astype(float)
    return table


@checker("05.4")
def per_phase(answer):
    task = "05.4"
    expected = expected_05_4()
    checked = ("for each phase, the number of bilateral events (n_events) and their mean "
               "bearing (mean_bearing)")
    if not _is_frame(answer):
        return _not_a_frame(task, answer, checked)
    table = answer
    if "phase" in table.columns:
        table = table.set_index("phase")
    missing = _missing_columns(table, ["n_events", "mean_bearing"])
    if missing:
        return result(task, False, f"Your table lacks the column(s) {', '.join(missing)}. "
                      "Tip: .agg(n_events=('event_id', 'size'), mean_bearing=('bearing', "
                      "'mean')).", checked)
    index = [str(p) for p in table.index]
    if sorted(index) != sorted(expected.index):
        return result(task, False, f"Expected one row per phase ({', '.join(expected.index)}), "
                      f"got {', '.join(index[:8]) or 'none'}. Group by 'phase'.", checked)
    table = table.set_axis(index).loc[list(expected.index)]
    for phase in expected.index:
        n = as_number(table.loc[phase, "n_events"])
        if n != expected.loc[phase, "n_events"]:
            return result(task, False, f"Phase {phase}: n_events should count the "
                          "bilateral events only (scope == 'bilateral').", checked)
        mean = as_number(table.loc[phase, "mean_bearing"])
        if mean is None or abs(mean - expected.loc[phase, "mean_bearing"]) > 0.01:
            return result(task, False, f"Phase {phase}: mean_bearing is off; take the mean "
                          "of the bearing column of the same events.", checked)
    warm = expected["mean_bearing"]
    return result(task, True, f"Right. Phase 05's bilateral events average "
                  f"{warm.loc[PHASE]:+.2f}, against {warm.loc['02']:+.2f} in the alliance "
                  f"of phase 02 and {warm.loc['04']:+.2f} in phase 04.", checked)


# --- 05.5 a chart of your own -------------------------------------------------------------

def _encodings(spec: dict) -> list[dict]:
    """The encoding blocks of a chart spec, its layers included."""
    blocks = [spec.get("encoding", {})]
    for layer in spec.get("layer", []):
        blocks.extend(_encodings(layer))
    return blocks


@checker("05.5")
def own_chart(answer):
    task = "05.5"
    checked = ("an Altair chart with x = start_date as a temporal field and a colour "
               "encoding, drawing the bilateral events of phase 05")
    try:
        import altair as alt
    except Exception:
        return result(task, False, "Altair could not be imported.", checked)
    if isinstance(getattr(answer, "chart", None), alt.TopLevelMixin):
        answer = answer.chart  # a comrades Figure: check the chart inside
    if not isinstance(answer, alt.TopLevelMixin):
        return result(task, False, f"Expected an Altair chart (alt.Chart(...).mark_...()"
                      f".encode(...)), got {type(answer).__name__}.", checked)
    try:
        spec = answer.to_dict()
    except Exception as err:
        return result(task, False, f"Altair cannot build this chart: {str(err)[:160]}",
                      checked)
    blocks = _encodings(spec)
    xs = [b["x"] for b in blocks if isinstance(b.get("x"), dict)]
    if not xs:
        return result(task, False, "The chart has no x encoding: .encode(x='start_date:T', "
                      "...).", checked)
    x = xs[0]
    if x.get("field") != "start_date":
        return result(task, False, f"x shows {x.get('field')!r}; put start_date on the x "
                      "axis.", checked)
    if x.get("type") != "temporal":
        return result(task, False, f"start_date is encoded as {x.get('type')}; dates need "
                      "the temporal type (start_date:T).", checked)
    if not any("color" in b for b in blocks):
        return result(task, False, "Add a colour encoding, e.g. color='category:N'.",
                      checked)
    frame = getattr(answer, "data", None)
    if isinstance(frame, pd.DataFrame):
        expected = set(phase_bilateral()["event_id"])
        shown = set(frame["event_id"]) if "event_id" in frame.columns else None
        if len(frame) != len(expected) or (shown is not None and shown != expected):
            return result(task, False, f"The chart draws {len(frame)} rows; it should draw "
                          f"the {len(expected)} bilateral events of phase 05.", checked)
    return result(task, True, "A dated chart with a colour encoding, drawn from the right "
                  "events.", checked)


# --- 05.6 order ---------------------------------------------------------------------------

def expected_05_6() -> list[str]:
    events = data.events().set_index("event_id")
    return sorted(ORDER_IDS, key=lambda e: (events.loc[e, "start_date"], e))


@checker("05.6")
def chronology(answer):
    expected = expected_05_6()
    checked = f"the order of all {len(expected)} event ids"
    if isinstance(answer, list | tuple):
        if not all(isinstance(a, str) for a in answer):
            return False, "Expected event ids as strings, e.g. ['E080', ...].", checked
        answer = [a.strip().upper() for a in answer]
    return expect_sequence(answer, expected, what="event ids")


# --- 05.7 code the phase ------------------------------------------------------------------

@checker("05.7")
def coding(answer):
    task = "05.7"
    checked = ("that ideology and interests are whole numbers from -2 to 2 and that the "
               "relationship is the one the lens predicts for them")
    if not isinstance(answer, dict):
        return result(task, False, "Expected a dict like {'ideology': 2, 'interests': 0, "
                      f"'relationship': 'measured'}}, got {type(answer).__name__}.", checked)
    missing = [k for k in ("ideology", "interests", "relationship") if k not in answer]
    if missing:
        return result(task, False, f"The dict lacks the key(s) {', '.join(missing)}.",
                      checked)
    scores = {}
    for key in ("ideology", "interests"):
        value = answer[key]
        if isinstance(value, bool) or not isinstance(value, int) or not -2 <= value <= 2:
            return result(task, False, f"{key} must be a whole number from -2 (opposed) to "
                          f"2 (shared), not {value!r}.", checked)
        scores[key] = value
    predicted = lens.predict(scores["ideology"], scores["interests"])
    relationship = answer["relationship"]
    if not isinstance(relationship, str) or relationship.strip().lower() not in \
            lens.RELATIONSHIPS:
        return result(task, False, f"relationship must be one of "
                      f"{', '.join(lens.RELATIONSHIPS)}.", checked)
    if relationship.strip().lower() != predicted:
        return result(task, False, f"With ideology {scores['ideology']:+d} and interests "
                      f"{scores['interests']:+d} the lens predicts '{predicted}', not "
                      f"'{relationship}'. Either change a score or the relationship.", checked)
    course = data.phases().set_index("phase").loc[PHASE]
    same = (scores["ideology"], scores["interests"]) == (int(course["ideology_score"]),
                                                        int(course["interest_score"]))
    note = ("the same as the course's coding." if same else
            f"the course codes the phase ideology {int(course['ideology_score']):+d}, "
            f"interests {int(course['interest_score']):+d} ({course['relationship']}): "
            "your recoding is allowed, so justify it in task 05.8.")
    return result(task, True, f"Consistent: the lens predicts '{predicted}' for your "
                  f"scores; {note}", checked)


# --- 05.8, 05.9 free text -----------------------------------------------------------------

KEY_POINTS = {
    "05.8": [
        "ideology: both still communist party-states [¶3]; the course reads the Juche "
        "quarrel as eased, since the article records no further clash",
        "interests overlapping in part: reform, the factory visit, tourism (The Amazing "
        "Race Vietnam), investment interest [¶8]",
        "interests limited or divergent: no common enemy, ties with Seoul, the 2004 "
        "defectors (E086), nuclear tests and UN sanctions (E087), the US role [¶9]",
        "so cordial ties (visits, ceremony) but no alliance; evidence cited by event id or ¶",
        "a recoding (e.g. interests 0 → measured) is acceptable if argued from the record",
    ],
    "05.9": [
        "E086 rests on media reports (BBC); neither Seoul nor Hanoi named the departure "
        "country, so Vietnam's role is 'reported', not established",
        "what is solid: the airlift of 468 people and Pyongyang's protest",
        "the visits data hold only sourced visits; the README lists Vietnamese visits to "
        "Pyongyang 1961–2007 as left out, so gaps are gaps in the record",
        "counting visits measures protocol, not substance (trade, aid, agreements)",
        "what further sources would help: official communiqués, Vietnamese and Korean "
        "archives or press, trade statistics",
    ],
}


def _free_text(task: str, answer) -> CheckResult:
    checked = "nothing automatically: free text is read by you or your teacher"
    if not isinstance(answer, str):
        return result(task, False, f"Expected your answer as text (a string in quotes), "
                      f"got {type(answer).__name__}.", checked)
    words = len(answer.split())
    points = numbered(KEY_POINTS[task], sep="; ")
    lead = ("Compare your answer with the key points of the model answer: " if words >= 40
            else f"Only {words} words: aim for 80–150. Key points to cover: ")
    return CheckResult(task, UNGRADED, lead + points, checked)


@checker("05.8")
def justify(answer):
    return _free_text("05.8", answer)


@checker("05.9")
def source_criticism(answer):
    return _free_text("05.9", answer)
