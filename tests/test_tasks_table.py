"""Every task, table-driven: at least three correct answers in different natural forms
pass, and at least three wrong ones fail without giving the expected answer away.

The correct forms are made from the task's own expected answer by the transformations
a student's code produces (numpy scalars, floats for whole numbers, a Timedelta for
days, a Series for a table, lower-case ids, capitalised categories, rounded means,
layered charts …), so the table stays right when the data are corrected.
"""

from __future__ import annotations

import datetime as dt
import re

import altair as alt
import numpy as np
import pandas as pd
import pytest

from comrades import data
from comrades.answers import format_number as fmt
from comrades.check import FAILED, PASSED, SUBMITTED, check, registered_tasks, task
from comrades.tasks import (
    kinds,
    lesson01,
    lesson02,
    lesson03,
    lesson04,
    lesson05,
    lesson06,
    lesson07,
    lesson_primer,
)

ESSAY = ("The lens explains the alliance of 1954-1973 well, because both states were "
         "divided and faced US-backed regimes in the south [¶5], and it explains the "
         "hostility after 1978 over Cambodia [¶6]. Its weakness is that interests are "
         "read from the same events they explain, so the fit is partly built in; the "
         "forecast of 2023 [¶9] holds so far, since the visits of 2024 and 2025 (E107, "
         "E108) show warmth without an alliance. ") * 3


def _chart(frame, mark, **encoding):
    return getattr(alt.Chart(frame), f"mark_{mark}")().encode(**encoding)


# Per chart task: a correct chart of the expected rows, and how to break it.
CHARTS = {
    "01.5": lambda m="point": _chart(lesson01.decade(), m, x="start_date:T", y="scope:N",
                                     color="category:N"),
    "02.6": lambda m="bar": _chart(lesson02.claims_with_sources(), m, x="figure:Q",
                                   y="author:N", color="claim_no:N"),
    "03.5": lambda m="line": _chart(lesson03.triangle_rows(), m, x="year:O", y="score:Q",
                                    color="dyad:N").properties(
        title="The triangle, 1973–1989", description="Three pairs' scores by year."),
    "04.6": lambda m="line": _chart(lesson04.pair_rows(), m, x="year:Q", y="score:Q",
                                    color="dyad:N"),
    "05.5": lambda m="point": _chart(lesson05.phase_bilateral(), m, x="start_date:T",
                                     y="bearing:Q", color="category:N"),
    "06.5": lambda m="bar": _chart(lesson06.by_phase(), m, x="phase:N", y="mean_bearing:Q"),
    "07.3": lambda m="bar": _chart(lesson07.mean_scores(), m, x="phase:N", y="mean_score:Q"),
    "P.6": lambda m="line": _chart(lesson_primer.line_rows(), m, x="year:Q", y="score:Q"),
}
WRONG_CHARTS = {  # what each task asks that these charts lack
    "P.6": [lambda: _chart(lesson_primer.line_rows(), "line", x="score:Q", y="year:Q"),
            lambda: _chart(lesson_primer.line_rows().head(10), "line", x="year:Q",
                           y="score:Q")],
    "01.5": [lambda: _chart(lesson01.decade(), "point", x="start_date:T", y="scope:N"),
             lambda: _chart(lesson01.decade(), "point", x="year(start_date):O", y="scope:N",
                            color="category:N")],
    "02.6": [lambda: _chart(lesson02.claims_with_sources(), "bar", x="author:N", y="count()"),
             lambda: _chart(lesson02.claims_with_sources().head(1), "bar", x="figure:Q",
                            y="author:N")],
    "03.5": [lambda: _chart(lesson03.triangle_rows(), "line", x="year:O", y="score:Q"),
             lambda: _chart(lesson03.triangle_rows().head(20), "line", x="year:O",
                            y="score:Q", color="dyad:N")],
    "04.6": [lambda: _chart(lesson04.pair_rows(), "line", x="year:Q", y="dyad:N",
                            color="score:Q"),
             lambda: _chart(lesson04.pair_rows().query("year > 1990"), "line", x="year:Q",
                            y="score:Q", color="dyad:N")],
    "05.5": [lambda: _chart(lesson05.phase_bilateral(), "point", x="start_date:N",
                            color="category:N"),
             lambda: _chart(data.events(), "point", x="start_date:T", color="category:N")],
    "06.5": [lambda: _chart(lesson06.by_phase(), "bar", x="phase:N", y="events:Q"),
             lambda: _chart(lesson06.by_phase().assign(mean_bearing=lambda t:
                                                       t["mean_bearing"] * t["events"]),
                            "bar", x="phase:N", y="mean_bearing:Q")],
    "07.3": [lambda: alt.Chart(lesson07.mean_scores()).mark_bar().encode(x="phase:N"),
             lambda: alt.Chart(lesson07.mean_scores()).mark_bar()],
}


def _days_forms(days):
    return [int(days), pd.Timedelta(days=days), dt.timedelta(days=days),
            np.timedelta64(int(days), "D"), np.int64(days), float(days)]


def _number_forms(kind, value):
    if isinstance(kind, kinds.Days):
        return _days_forms(value)
    if float(value).is_integer():
        return [int(value), np.int64(value), float(value), f" {int(value)} "]
    return [value, np.float64(value), round(value, 3)]


def _table_forms(kind, frame):
    keys = [c.name for c in kind.keys]
    values = [c.name for c in kind.values]
    frame = frame.reset_index(drop=True)
    forms = [frame,
             frame.sample(frac=1, random_state=1).assign(extra="x") if not kind.sorted_by
             else frame.assign(extra="x"),
             frame.set_index(keys)]
    for column in kind.values:  # numbers as numpy floats, means rounded to one decimal
        if column.kind == "number" and column.tolerance >= 0.05:
            forms.append(frame.assign(**{column.name: frame[column.name].round(1)}))
        elif column.kind in ("number", "whole"):
            forms.append(frame.assign(**{column.name: frame[column.name].astype(float)}))
    for column in kind.keys:  # ids and categories in another case, with stray spaces
        if column.kind in ("id", "text"):
            other = frame[column.name].astype(str)
            other = other.str.lower() if column.kind == "id" else other.str.capitalize()
            forms.append(frame.assign(**{column.name: " " + other + " "}))
    if kind.series:
        series = frame.set_index(keys[0])[values[0]]
        forms += [series, series.to_dict(), series.rename("n").rename_axis(keys[0])
                  .reset_index()]
    return forms


def _coding(phase, ideology, interests):
    from comrades.lens import predict
    return {"ideology": ideology, "interests": interests,
            "relationship": predict(ideology, interests)}


def _ordering_items(kind) -> list[str]:
    """The right order as a student gives it: letters for a labelled task, else items."""
    items = list(kinds._value(kind.expected))
    if kind.labelled:
        letter = {item: value for value, item in kind._shown()}
        return [letter[i] for i in items]
    return items


def _right_ordering(kind, task_id):
    items = _ordering_items(kind)
    if kind.labelled:  # letters, as shown; or the events' titles
        other = [f" ({i.lower()}) " for i in items]
        return [items, tuple(items), pd.Series(items), other,
                [kind._text(i) for i in kinds._value(kind.expected)]]
    other = [f" {i.lower()} " for i in items] if kind.ids else [i.upper() for i in items]
    return [items, tuple(items), pd.Series(items), other]


def _right_coding(kind, task_id):
    ranges = kinds.coding_range(kind.phase)
    ideology, interests = ranges["course"]
    low, high = ranges["interests"][0], ranges["interests"][1]
    alternative = low if interests != low else high
    course = _coding(kind.phase, ideology, interests)
    return [course,
            {k: np.int64(v) if k != "relationship" else v.upper()
             for k, v in course.items()},
            {" Ideology ": float(ideology), "INTERESTS": float(interests),
             "relationship": f" {course['relationship'].capitalize()} "},
            _coding(kind.phase, ranges["ideology"][0], alternative)]


def _course_codings() -> dict:
    return {p.phase: (int(p.ideology_score), int(p.interest_score))
            for p in data.phases().itertuples()}


def _right_codings(kind, task_id):
    course = _course_codings()
    # Phase 06 recoded to the other end of its defensible range of interests.
    low, high = kinds.coding_range("06")["interests"][:2]
    other = low if course["06"][1] != low else high
    changed = {**course, "06": (course["06"][0], other)}
    course_scores = [b for _, b in course.values()]
    return [changed,
            {int(p): (np.int64(a), np.int64(b)) for p, (a, b) in changed.items()},
            {p: {"ideology": float(a), "interests": float(b)}
             for p, (a, b) in changed.items()},
            {**course, "05": [2, 0], "01": (1, 1)},
            data.phases().assign(interest_score=[*course_scores[:-1], other])]


def _right_chart(kind, task_id):
    base = CHARTS[task_id]()
    text = base.mark_text(dy=-8).encode(text=alt.value("·"))
    return [base, base + text, alt.layer(base, text).properties(title="A title"),
            base.properties(width=300, description="A chart.").interactive()]


def _right_free_text(kind, task_id):
    if kind.weighs:  # a verdict, then evidence
        return [f"{kind.weighs} agrees with Vu only in part. {ESSAY}",
                f"I think this historian disagrees. {ESSAY}",
                f"{' '.join(ESSAY.split()[:40])} So the reading qualifies Vu's."]
    return [ESSAY, "  " + ESSAY.replace(". ", ".\n\n"), " ".join(ESSAY.split()[:40])]


def _right_choice(kind, task_id):
    right = kinds._value(kind.answer)
    letter = kinds.LETTERS[list(kind.options).index(right)]
    return [letter, letter.lower(), f"({letter}) ", np.str_(letter), right.upper()]


def _right_words(kind, task_id):
    accepted = list(kinds._value(kind.accepted))
    return [accepted[0], f"  {accepted[0].upper()}. ", np.str_(accepted[-1])]


# Each kind's right answers in natural forms, found by isinstance (Days is a Number).
RIGHT_FORMS = [
    (kinds.Number, lambda kind, _: _number_forms(kind, kinds._value(kind.expected))),
    (kinds.Ordering, _right_ordering),
    (kinds.Table, lambda kind, _: _table_forms(kind, kinds._value(kind.expected))),
    (kinds.Coding, _right_coding),
    (kinds.Codings, _right_codings),
    (kinds.Chart, _right_chart),
    (kinds.FreeText, _right_free_text),
    (kinds.Choice, _right_choice),
    (kinds.Words, _right_words),
]


def _forms_of(task_id, table):
    """The forms ``table`` gives for the task's kind (the first class that matches)."""
    kind = task(task_id)
    for kind_class, forms in table:
        if isinstance(kind, kind_class):
            return forms(kind, task_id)
    raise AssertionError(f"no forms for {type(kind).__name__}")


def right_answers(task_id):
    return _forms_of(task_id, RIGHT_FORMS)


def _wrong_number(kind, task_id):
    expected = kinds._value(kind.expected)
    step = max(kind.tolerance * 2, 1 if not isinstance(kind, kinds.Number) or
               float(expected).is_integer() else 0.2)
    wrong = [expected + step, expected - step, expected + 8 * step, "many", [expected],
             pd.DataFrame({"x": range(3)})]
    return [(w, fmt(expected)) for w in wrong]


def _wrong_ordering(kind, task_id):
    items = _ordering_items(kind)
    hidden = ", ".join(items)
    unknown = "Z" if kind.labelled else "E999"
    return [(list(reversed(items)), hidden), ([items[1], items[0], *items[2:]], hidden),
            (items[:-1], hidden), (items[:-1] + [unknown], hidden),
            ([items[0]] * len(items), hidden), (", ".join(items), hidden)]


def _wrong_table(kind, task_id):
    frame = kinds._value(kind.expected)
    if kind.distinct:  # rows are a set: a repeated row is no mistake
        frame = frame.drop_duplicates([c.name for c in kind.keys])
    frame = frame.reset_index(drop=True)
    wrong = [frame.iloc[1:], pd.concat([frame, frame.iloc[:1].assign(
                 **{kind.keys[0].name: "E999" if kind.keys[0].kind == "id" else 1999})])
             if kind.distinct else pd.concat([frame, frame.iloc[:1]]),
             frame.to_numpy().tolist(),
             frame.drop(columns=frame.columns[-1])]
    changed, hidden = _one_cell_wrong(kind, frame)
    wrong.append(changed)
    return [(w, hidden if w is wrong[-1] else "") for w in wrong]


def _one_cell_wrong(kind, frame):
    """``frame`` with its first value (or, with no values, a key) wrong, and the right
    value a message must not show."""
    if not kind.values:
        return frame.assign(**{kind.keys[-1].name: "nobody"}), ""
    column = kind.values[0].name
    changed = frame.copy()
    changed[column] = changed[column].astype(object)
    right = changed.at[0, column]
    if kind.values[0].kind in ("number", "whole"):
        changed.at[0, column] = right + 3
        return changed, fmt(right)
    changed.at[0, column] = "something else"
    return changed, ""


def _wrong_coding(kind, task_id):
    ranges = kinds.coding_range(kind.phase)
    ideology, interests = ranges["course"]
    right = _coding(kind.phase, ideology, interests)
    outside = next(s for s in (-2, -1, 0, 1, 2)
                   if not ranges["interests"][0] <= s <= ranges["interests"][1])
    return [(_coding(kind.phase, ideology, outside), ""),  # consistent but indefensible
            ({**right, "relationship": "hostile" if right["relationship"] != "hostile"
              else "alliance"}, ""),
            ({**right, "extra": 1}, ""),
            ({"ideology": ideology, "interests": interests,
              "prediction": right["relationship"]}, ""),
            ({**right, "ideology": 5}, ""), ((ideology, interests), "")]


def _wrong_codings(kind, task_id):
    course = _course_codings()
    return [(course, ""), ({**course, "06": (2, 2)}, ""), ({"06": (2, 1)}, ""),
            ({**course, "06": (2, 1), "07": (2, 2)}, ""),
            ({**course, "06": ("2", "x")}, ""), ([(2, 0)] * 6, "")]


def _wrong_chart(kind, task_id):
    return [(make(), "") for make in WRONG_CHARTS[task_id]] + [
        (CHARTS[task_id]().to_dict(), ""), ("a chart", ""),
        (kinds._value(lambda: CHARTS[task_id]("area")) if kind.marks else
         CHARTS[task_id]().encode(x=alt.value(0)), "")]


def _wrong_free_text(kind, task_id):
    if kind.weighs:  # evidence without a verdict
        return [(ESSAY, ""), ("Too short.", ""), (["a", "list"], "")]
    return [(42, ""), ("Too short.", ""), (["a", "list"], "")]


def _wrong_choice(kind, task_id):
    right = kinds._value(kind.answer)
    others = [o for o in kind.options if o != right]
    letters = [kinds.LETTERS[list(kind.options).index(o)] for o in others]
    return [(letters[0], right), (others[-1], right), ("Z", right), (2, right),
            ([letters[0]], right)]


def _wrong_words(kind, task_id):
    return [("nowhere in particular", ""), (1975, ""), (["a", "list"], ""),
            ("a whole sentence that goes on much longer than any short answer", "")]


WRONG_FORMS = [
    (kinds.Number, _wrong_number),
    (kinds.Ordering, _wrong_ordering),
    (kinds.Table, _wrong_table),
    (kinds.Coding, _wrong_coding),
    (kinds.Codings, _wrong_codings),
    (kinds.Chart, _wrong_chart),
    (kinds.FreeText, _wrong_free_text),
    (kinds.Choice, _wrong_choice),
    (kinds.Words, _wrong_words),
]


def wrong_answers(task_id):
    """(answer, what the message must not contain) pairs."""
    return _forms_of(task_id, WRONG_FORMS)


TASKS = registered_tasks()
RIGHT = [(t, i) for t in TASKS for i in range(len(right_answers(t)))]
WRONG = [(t, i) for t in TASKS for i in range(len(wrong_answers(t)))]


def test_every_task_has_three_right_and_three_wrong_forms():
    for t in TASKS:
        assert len(right_answers(t)) >= 3 and len(wrong_answers(t)) >= 3, t


@pytest.mark.parametrize(("task_id", "index"), RIGHT)
def test_right_answer_in_a_natural_form_passes(task_id, index):
    answer = right_answers(task_id)[index]
    result = check(task_id, answer, record=False)
    expected = SUBMITTED if isinstance(task(task_id), kinds.FreeText) else PASSED
    assert not result.error, result.error
    assert result.status == expected, f"{task_id} form {index}: {result}"


@pytest.mark.parametrize(("task_id", "index"), WRONG)
def test_wrong_answer_fails_and_gives_nothing_away(task_id, index):
    answer, hidden = wrong_answers(task_id)[index]
    result = check(task_id, answer, record=False)
    assert not result.error, result.error
    assert result.status == FAILED, f"{task_id} wrong {index}: {result}"
    text = f"{result.message} {result.checked}"
    assert "\n" not in text and "np." not in text and "dtype" not in text, text
    if hidden:
        assert not re.search(rf"(?<![\d.\-]){re.escape(hidden)}(?![\d.])", text), text
    shown = task(task_id).answer_text()
    assert shown not in text, text


def test_the_count_of_tasks_and_forms_tested(capsys):
    with capsys.disabled():
        print(f"\n{len(TASKS)} tasks, {len(RIGHT)} right and {len(WRONG)} wrong answer "
              "forms")
    assert len(RIGHT) >= 3 * len(TASKS) and len(WRONG) >= 3 * len(TASKS)
