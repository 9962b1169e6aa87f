"""Checking logic shared by several lessons' tasks (imported by ``lessonNN.py``).

Each helper keeps the exact wording the lessons used before it was shared, so a
student sees the same hint whichever lesson's task they are checking.
"""

from __future__ import annotations

import re

import pandas as pd

from comrades import data
from comrades.check import (
    UNGRADED,
    CheckResult,
    _short,
    as_number,
    expect_sequence,
    numbered,
    result,
)
from comrades.lens import ALIGNMENT, RELATIONSHIPS, predict

# --- tables and numbers -------------------------------------------------------------------


def as_frame(answer, what: str, columns) -> tuple[pd.DataFrame | None, str]:
    """The answer as a DataFrame with ``columns``, or None and a hint saying what is off."""
    if not isinstance(answer, pd.DataFrame):
        return None, f"Expected a pandas DataFrame ({what}), got {type(answer).__name__}."
    frame = answer
    if frame.index.name in columns and frame.index.name not in frame.columns:
        frame = frame.reset_index()
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        have = ", ".join(map(str, list(frame.columns)[:8])) or "none"
        return None, (f"Your DataFrame lacks the column{'s' if len(missing) > 1 else ''} "
                      f"{', '.join(repr(c) for c in missing)} (it has: {have}).")
    return frame, ""


def same_number(value, expected) -> bool:
    """Whether ``value`` reads as the number ``expected`` (to rounding error)."""
    number = as_number(value)
    return number is not None and abs(number - float(expected)) < 1e-9


def close(value, expected, tolerance: float = 0.005) -> bool:
    """Whether ``value`` reads as a number within ``tolerance`` of ``expected``."""
    number = as_number(value)
    return number is not None and abs(number - float(expected)) <= tolerance


# --- ordering events ------------------------------------------------------------------------

_COUNT_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven",
                8: "eight", 9: "nine", 10: "ten"}


def order_of_events(answer, order_events: list[str], example: str):
    """(passed, message, checked) for putting ``order_events`` (event ids) in date order;
    ``example`` is an event id quoted in the hint about the form of an id."""
    events = data.events().set_index("event_id")
    known = [e for e in order_events if e in events.index]
    expected = list(events.loc[known].sort_values("start_date").index)
    checked = f"the order of all {len(expected)} events"
    if isinstance(answer, list | tuple):
        items = list(answer)[:50]
        odd = [i for i in items if not (isinstance(i, str) and re.fullmatch(r"E\d{3}", i))]
        if odd:
            return False, (f"Give event ids as strings such as '{example}'; "
                           f"{_short(odd[0])} is not one."), checked
        extra = [i for i in items if i not in expected]
        if extra:
            count = _COUNT_WORDS.get(len(order_events), str(len(order_events)))
            return False, f"{extra[0]} is not one of the {count} events of the task.", checked
    return expect_sequence(answer, expected, what="events")


# --- charts ---------------------------------------------------------------------------------

def field_and_type(encoding: dict, channel: str) -> tuple[str | None, str | None]:
    """The field name and type encoded on ``channel`` (from ``field`` or the shorthand)."""
    spec = encoding.get(channel)
    if isinstance(spec, dict):
        field, kind = spec.get("field"), spec.get("type")
        if not isinstance(field, str):
            field = spec.get("shorthand")
        if isinstance(field, str):
            name, _, short_kind = field.partition(":")
            return name, kind if isinstance(kind, str) else (short_kind or None)
    return None, None


def encoded_field(encoding: dict, channel: str) -> str | None:
    """The field name encoded on ``channel``, or None."""
    return field_and_type(encoding, channel)[0]


def single_chart_spec(answer, mark: str) -> tuple[dict | None, str]:
    """The Vega-Lite spec of a single ``alt.Chart`` drawn with ``mark``, or None and a hint."""
    import altair as alt

    if isinstance(answer, alt.LayerChart | alt.HConcatChart | alt.VConcatChart |
                  alt.ConcatChart | alt.FacetChart):
        return None, "Make one alt.Chart, not a layered or combined chart."
    if not isinstance(answer, alt.Chart):
        return None, f"Expected an Altair chart (alt.Chart(...)), got {type(answer).__name__}."
    try:
        spec = answer.to_dict(validate=False)
    except Exception as err:
        return None, f"Altair cannot build this chart ({type(err).__name__})."
    found = spec.get("mark")
    found = found.get("type") if isinstance(found, dict) else found
    if found != mark:
        return None, f"The mark is {found!r}: use .mark_{mark}()."
    return spec, ""


# --- coding a phase on the two factors of the lens ------------------------------------------

def read_coding(answer) -> tuple[dict[str, int] | None, str, str]:
    """A coding ``{"ideology", "interests", "relationship"}`` that the lens agrees with:
    (scores, relationship, "") or (None, "", a hint saying what is off)."""
    if not isinstance(answer, dict):
        return None, "", ('Expected a dict such as {"ideology": 0, "interests": 0, '
                          f'"relationship": "measured"}}, got {type(answer).__name__}.')
    missing = [k for k in ("ideology", "interests", "relationship") if k not in answer]
    if missing:
        return None, "", f"Your dict lacks the key {missing[0]!r}."
    scores = {}
    for key in ("ideology", "interests"):
        value = answer[key]
        number = as_number(value)
        if number is None or number not in ALIGNMENT:
            return None, "", f"{key} must be a whole number from -2 to 2, not {_short(value)}."
        scores[key] = int(number)
    relationship = answer["relationship"]
    if not isinstance(relationship, str) or relationship.strip().lower() not in RELATIONSHIPS:
        return None, "", (f"relationship must be one of {', '.join(RELATIONSHIPS)}, not "
                          f"{_short(relationship)}.")
    relationship = relationship.strip().lower()
    predicted = predict(scores["ideology"], scores["interests"])
    if predicted != relationship:
        return None, "", (f"With ideology {ALIGNMENT[scores['ideology']]} and interests "
                          f"{ALIGNMENT[scores['interests']]} the lens predicts {predicted}, "
                          f"not {relationship}.")
    return scores, relationship, ""


def course_coding(phase: str) -> tuple[int, int]:
    """The course's own (ideology, interests) scores for ``phase`` (data/phases.csv)."""
    row = data.phases().set_index("phase").loc[phase]
    return int(row["ideology_score"]), int(row["interest_score"])


def course_coding_note(course: tuple[int, int], justify_in: str) -> str:
    """How the course codes a phase, for a student whose codes differ from it."""
    return (f"The course codes ideology {ALIGNMENT[course[0]]} ({course[0]:+d}) and "
            f"interests {ALIGNMENT[course[1]]} ({course[1]:+d}); justify your "
            f"{justify_in}.")


# --- free text ------------------------------------------------------------------------------

def free_text(task: str, answer, key_points, cues: dict[str, str]) -> CheckResult:
    """An ungraded free-text answer: show the model answer's key points, and which of
    them the text seems to touch (a rough hint from keywords, not a grade)."""
    checked = "nothing automatically: free text is read by you or your teacher"
    if not isinstance(answer, str):
        return result(task, False, "Write your answer as text in quotes, e.g. "
                      f'answer_{task.replace(".", "_")} = """My answer …""" '
                      f"(got {type(answer).__name__}).", checked)
    words = len(answer.split())
    lowered = answer.lower()
    touched = [point for point, pattern in cues.items() if re.search(pattern, lowered)]
    points = numbered(key_points)
    note = f" Your text seems to touch on: {', '.join(touched)}." if touched else ""
    if words < 40:
        note += f" At {words} words it is short: aim for a paragraph (80–150 words)."
    return CheckResult(task, UNGRADED, "Compare your answer with these key points: "
                       f"{points}{note}", checked)
