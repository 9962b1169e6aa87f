"""Self-checks of the exercises of lesson 01 · Comrades without a common cause (1945–1954).

Tasks about the data compute their expected answer from ``data/`` when the check runs,
so they stay right if a row is added or corrected. Every checker returns
``(passed, message, checked)`` or a :class:`CheckResult` and is written not to raise,
whatever it is given.
"""

from __future__ import annotations

import re

import pandas as pd

from comrades import data
from comrades.check import (
    PASSED,
    CheckResult,
    _short,
    as_number,
    checker,
    expect_number,
    expect_sequence,
)
from comrades.lens import ALIGNMENT, predict
from comrades.tasks.common import as_frame, course_coding, free_text

FIRST_YEAR, LAST_YEAR = 1945, 1954
# Task 01.3: the first and the third recognition of the DRV.
FIRST_RECOGNITION, DPRK_RECOGNITION = "E008", "E010"
# Task 01.4: the columns the joined table must have.
JOIN_COLUMNS = ("event_id", "title", "dispute_id")
# Task 01.6: six events, given to students in this shuffled order.
ORDER_EVENTS = ["E014", "E003", "E010", "E006", "E017", "E011"]


# --- helpers ----------------------------------------------------------------------------

def _decade() -> pd.DataFrame:
    events = data.events()
    years = events["start_date"].dt.year
    return events[(years >= FIRST_YEAR) & (years <= LAST_YEAR)]


def _as_counts(answer) -> tuple[dict | None, str]:
    """Category counts from a Series, a dict or a two-column DataFrame."""
    if isinstance(answer, pd.DataFrame):
        frame = answer.reset_index() if answer.index.name == "category" else answer
        if "category" not in frame.columns:
            return None, ("Your DataFrame has no 'category' column; a Series from "
                          "value_counts() or groupby('category').size() is simplest.")
        numeric = [c for c in frame.columns if c != "category"
                   and pd.api.types.is_numeric_dtype(frame[c])]
        if len(numeric) != 1:
            return None, ("Your DataFrame should have one column of counts beside "
                          "'category'.")
        pairs = zip(frame["category"], frame[numeric[0]], strict=True)
    elif isinstance(answer, pd.Series):
        pairs = answer.items()
    elif isinstance(answer, dict):
        pairs = answer.items()
    else:
        return None, ("Expected a pandas Series of counts indexed by category (e.g. from "
                      f"value_counts()), got {type(answer).__name__}.")
    counts = {}
    for key, value in pairs:
        number = as_number(value)
        if number is None:
            return None, f"The count for {_short(key)} is not a number: {_short(value)}."
        counts[str(key)] = number
    return counts, ""


# --- the tasks ----------------------------------------------------------------------------

@checker("01.1")
def events_of_the_decade(answer):
    """How many events begin in 1945–1954 (by date, not by phase)."""
    expected = len(_decade())
    by_phase = int((data.events()["phase"] == "01").sum())
    value = as_number(answer)
    if value is not None and value == by_phase and by_phase != expected:
        return (False, f"{by_phase} is the number of events of phase 01. The task asks for "
                "the events that begin in 1945–1954: a boundary year such as 1954 belongs to "
                "two phases, so filter on the start date's year instead.",
                f"that the count is {expected}")
    if isinstance(answer, pd.DataFrame):
        return (False, "That is a table of events; give its number of rows, e.g. "
                "len(table) or table.shape[0].", f"that the count is {expected}")
    return expect_number(answer, expected, unit="number of events")


@checker("01.2")
def categories_of_the_decade(answer):
    expected = {str(k): int(v) for k, v in _decade()["category"].value_counts().items()}
    checked = f"the count for each of the {len(expected)} categories of 1945–1954"
    counts, hint = _as_counts(answer)
    if counts is None:
        return False, hint, checked
    counts = {k: v for k, v in counts.items() if v != 0}
    if sum(counts.values()) == len(data.events()) and len(data.events()) != len(_decade()):
        return False, ("These are the counts for the whole table; keep only the events "
                       f"that begin in {FIRST_YEAR}–{LAST_YEAR} first."), checked
    for category, number in sorted(expected.items()):
        if category not in counts:
            return False, f"The category '{category}' is missing from your counts.", checked
        if counts[category] != number:
            side = "too low" if counts[category] < number else "too high"
            return False, (f"Your count for '{category}' ({counts[category]:g}) is {side}; "
                           "check your filter on the years."), checked
    extra = [c for c in counts if c not in expected]
    if extra:
        return False, f"'{extra[0]}' has no events in these years.", checked
    top = max(expected, key=expected.get)
    return True, (f"All {len(expected)} counts are right; '{top}' comes first with "
                  f"{expected[top]} events."), checked


@checker("01.3")
def days_between_recognitions(answer):
    """Days from China's recognition of the DRV to the DPRK's, on the best-attested dates."""
    events = data.events().set_index("event_id")
    first = events.loc[FIRST_RECOGNITION, "start_date"]
    dprk = events.loc[DPRK_RECOGNITION, "start_date"]
    expected = int((dprk - first).days)
    checked = f"that the gap is {expected} days"
    if isinstance(answer, pd.Timedelta):
        answer = answer.days
    value = as_number(answer)
    if value is not None and value != expected:
        disputes = data.disputes()
        claims = disputes[disputes["event_id"] == FIRST_RECOGNITION]["claim"].dropna()
        other_days = {int(d) for c in claims
                      for d in re.findall(r"\b(\d{1,2}) January 1950", str(c))}
        gaps = {dprk.day - d for d in other_days if d != first.day}
        if value in gaps:
            return False, (f"{value:g} days is the gap with a day that other accounts give "
                           "for China's recognition (see disputes.csv). Use the dates in "
                           "events.csv, which carry the best-attested day."), checked
        if value == expected + 1:
            return False, (f"{value:g} counts both end days. Subtracting the two dates gives "
                           "the number of days between them."), checked
    return expect_number(answer, expected, unit="number of days")


@checker("01.4")
def disputed_recognitions(answer):
    """Events of January 1950 joined to their disputes: (event_id, dispute_id) pairs."""
    events = data.events()
    january = events[(events["start_date"].dt.year == 1950)
                     & (events["start_date"].dt.month == 1)]
    joined = january.merge(data.disputes(), on="event_id")
    expected = set(zip(joined["event_id"], joined["dispute_id"], strict=True))
    checked = (f"the {len(expected)} pairs of event and dispute, and the columns "
               f"{', '.join(JOIN_COLUMNS)}")
    frame, hint = as_frame(answer, "events joined to their disputes", JOIN_COLUMNS)
    if frame is None:
        return False, hint, checked
    pairs = set(zip(frame["event_id"].astype(str), frame["dispute_id"].astype(str),
                    strict=True))
    missing = sorted(expected - pairs)
    extra = sorted(pairs - expected)
    if extra:
        event, dispute = extra[0]
        return False, (f"The pair {event} / {dispute} should not be there: keep only the "
                       "events of January 1950, joined on event_id."), checked
    if missing:
        event, dispute = missing[0]
        return False, (f"The pair {event} / {dispute} is missing. Did you keep every event "
                       "of January 1950, and join with an inner merge on event_id?"), checked
    return True, (f"Right: {len(expected)} disputes touch the recognitions of January 1950 "
                  f"({', '.join(sorted({d for _, d in expected}))})."), checked


@checker("01.6")
def events_in_order(answer):
    events = data.events().set_index("event_id").loc[ORDER_EVENTS]
    expected = list(events.sort_values("start_date").index)
    if isinstance(answer, list | tuple) and any(
            isinstance(a, str) and a.strip().upper() != a and a.strip().upper() in expected
            for a in answer):
        return False, "Write the ids as they appear in the data, e.g. 'E014'.", \
            f"the order of all {len(expected)} events"
    return expect_sequence(answer, expected, what="events")


@checker("01.5")
def chart_of_the_decade(answer):
    """An Altair chart of the 1945–1954 events over time: a time axis, a y axis, a colour."""
    checked = "that it is an Altair chart with an x encoding over time, a y and a colour"
    try:
        import altair as alt
    except Exception:  # pragma: no cover - altair is a dependency of the course
        return False, "Altair is not available to check the chart.", checked
    if not isinstance(answer, alt.TopLevelMixin):
        return False, ("Expected an Altair chart (alt.Chart(...).mark_...().encode(...)), "
                       f"got {type(answer).__name__}."), checked
    try:
        spec = answer.to_dict(validate=False)
    except Exception as err:
        return False, f"The chart cannot be turned into a Vega-Lite spec ({err}).", checked
    encodings = _encodings(spec)
    if not encodings:
        return False, "The chart has no encodings: add .encode(x=..., y=..., color=...).", \
            checked
    xs = [e.get("x", {}) for e in encodings if isinstance(e.get("x"), dict)]
    if not xs:
        return False, "The chart has no x encoding; put the date or the year on x.", checked
    timed = [x for x in xs if re.search(r"date|year", str(x.get("field", "")), re.I)
             or x.get("type") == "temporal" or x.get("timeUnit")]
    if not timed:
        return False, ("The x axis should show time: encode 'start_date:T' or a 'year' "
                       "column."), checked
    if not any("y" in e for e in encodings):
        return False, "Add a y encoding, e.g. the lane or the category.", checked
    if not any("color" in e for e in encodings):
        return False, "Add a colour encoding (color=...), e.g. by category.", checked
    return True, "A chart over time with a y and a colour encoding: well done.", checked


def _encodings(spec) -> list[dict]:
    """Every ``encoding`` dictionary in a (possibly layered or concatenated) spec."""
    found = []
    if isinstance(spec, dict):
        if isinstance(spec.get("encoding"), dict):
            found.append(spec["encoding"])
        for key in ("layer", "hconcat", "vconcat", "concat"):
            for part in spec.get(key, []) or []:
                found.extend(_encodings(part))
        if isinstance(spec.get("spec"), dict):
            found.extend(_encodings(spec["spec"]))
    return found


@checker("01.7")
def code_the_phase(answer):
    """A coding of phase 01 on the two factors, and the lens's prediction for it."""
    checked = ("that both scores are whole numbers from -2 to 2, that ideology is coded as "
               "(at least partly) shared, and that the prediction follows the lens's rule")
    if not isinstance(answer, dict):
        return False, ("Expected a dict like {'ideology': 2, 'interests': 0, 'prediction': "
                       f"'measured'}}, got {type(answer).__name__}."), checked
    missing = [k for k in ("ideology", "interests", "prediction") if k not in answer]
    if missing:
        return False, f"Your dict lacks the key '{missing[0]}'.", checked
    scores = {}
    for factor in ("ideology", "interests"):
        value = answer[factor]
        if isinstance(value, bool) or not isinstance(value, int) or value not in ALIGNMENT:
            return False, (f"'{factor}' must be a whole number from -2 to 2, not "
                           f"{_short(value)}."), checked
        scores[factor] = value
    if scores["ideology"] < 1:
        return False, ("The article is explicit that the two shared the same communist "
                       "ideology in these years [¶5]: code ideology as shared (2) or at "
                       "least partly shared (1)."), checked
    if scores["interests"] < 0:
        return False, ("Negative interests would mean the two states' interests clashed. "
                       "Nothing in 1945–1954 set them against each other: they had no "
                       "common interest [¶5], which is 0, or at most a partly shared one."),\
            checked
    prediction = str(answer["prediction"]).strip().lower()
    lens = predict(scores["ideology"], scores["interests"])
    if prediction != lens:
        return False, (f"For ideology {scores['ideology']:+d} and interests "
                       f"{scores['interests']:+d} the lens predicts '{lens}', not "
                       f"'{_short(answer['prediction'])}'. Re-read the rule in lesson 00."),\
            checked
    course = course_coding("01")
    same = (scores["ideology"], scores["interests"]) == course
    if same:
        note = (f"This is the course's own coding; the lens predicts '{lens}', which is "
                "the word the article uses.")
    else:
        note = (f"The course codes ideology {course[0]:+d} and interests "
                f"{course[1]:+d}; your coding is a defensible recoding, "
                f"and the lens predicts '{lens}'. Justify it in task 01.8.")
    return CheckResult("01.7", PASSED, f"Consistent with the lens. {note}", checked)


KEY_POINTS_01_8 = [
    "The article gives 1945–1954 only a few lines of ¶5; its 'measured' rests largely on "
    "the absence of records of help, which is weaker than a record of refusal.",
    "Both states were in conflict with the United States or its partners from 1950 "
    "(relations.csv: PRK-USA -2, VNM-USA -1), so one could code interests as partly "
    "shared; the lens would then predict cordial ties.",
    "A rival explanation: war, distance and dependence on Beijing and Moscow may have "
    "left neither able to help the other, whatever its interests.",
    "Where the argument is strong: ideology stayed the same before and after 1954 while "
    "the relationship changed once both were divided (¶5), and both states were allied "
    "with China, where ideology and a common war coincided.",
    "A good answer cites evidence (article paragraphs, event ids or relations rows) for "
    "each claim and weighs strength against weakness.",
]
_CUES_01_8 = {
    "thin evidence": r"evidence|absence|few lines|little|thin|silent",
    "the United States as a common adversary": r"united states|\bus\b|america|adversar",
    "capacity or dependence on patrons": r"capacity|means|distance|depend|china|soviet|moscow"
                                         r"|beijing",
    "the contrast with after 1954": r"1954|divided|geneva|after",
}


@checker("01.8")
def weakest_point(answer):
    return free_text("01.8", answer, KEY_POINTS_01_8, _CUES_01_8)
