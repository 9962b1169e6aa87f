"""The kinds of exercise task, one implementation each; lessons only declare tasks.

A kind judges an answer after normalising it (numpy and pandas scalars, ``Timedelta``
for days, stray whitespace, case where case means nothing) and returns a
:class:`~comrades.check.Verdict`. A failed verdict says what is off and where (too high
or low, which row, column, phase or channel), never the expected value; ``answer_text``
gives that value for a deliberate reveal. ``checked`` says what is checked, not the
value. Expected answers are callables, so they are computed from ``data/`` when the
check runs and stay right when a row is corrected.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from comrades import data, lens
from comrades.answers import KeptChart, folded, format_number, plain, read_number
from comrades.check import (
    FAILED,
    PASSED,
    SUBMITTED,
    Verdict,
    as_days,
    as_text,
    as_whole,
    numbered,
    show,
)
from comrades.quiz.keys import HashedKey

ROW_LIMIT = 10_000  # rows of an answer looked at: a check never hangs on a huge table


def _a(answer) -> str:
    """What kind of thing ``answer`` is, without its value: "a list", "an int"."""
    name = type(plain(answer)).__name__
    return f"{'an' if name[:1].lower() in 'aeiou' else 'a'} {name}"


def _fail(message: str) -> Verdict:
    return Verdict(FAILED, message)


def _value(expected):
    return expected() if callable(expected) else expected


def _is_table(answer) -> bool:
    return isinstance(answer, pd.DataFrame | pd.Series)


@dataclass(frozen=True)
class Mistake:
    """A known wrong answer and the hint it deserves: ``when(normalised answer)``."""
    when: Callable[[Any], bool]  # a number for a Number, a DataFrame for a Table
    message: str


def _mistake(mistakes: Sequence[Mistake], value) -> str:
    """The hint of the first known mistake ``value`` matches. A hint is a guess about a
    wrong answer: one that cannot read a strange answer (a column of lists, say) does
    not apply to it."""
    for mistake in mistakes:
        try:
            matched = bool(mistake.when(value))
        except (TypeError, ValueError, KeyError, AttributeError, ArithmeticError):
            matched = False  # an answer too strange for the guess (e.g. 10**400)
        if matched:
            return mistake.message
    return ""


# --- a number: a count, a year, a number of days, a share --------------------------------

@dataclass
class Number:
    """A number within ``tolerance`` of ``expected``: a first wrong try is told too low or
    too high, a later one only that it is not right (``Verdict.again``), never how close."""
    expected: object
    what: str = "number"
    tolerance: float = 0
    mistakes: Sequence[Mistake] = ()
    low: str = "too low"
    high: str = "too high"
    form: str = "a number"
    unit: str = ""

    @property
    def checked(self) -> str:
        unit = self.unit[:-1] if self.tolerance == 1 and self.unit.endswith("s") \
            else self.unit
        within = f"to within {format_number(self.tolerance)}{' ' + unit if unit else ''}" \
            if self.tolerance else "exactly"
        return f"the {self.what}, {within}"

    def read(self, answer) -> float | None:
        return read_number(answer, self.unit)

    def judge(self, answer) -> Verdict:
        if _is_table(answer):
            return _fail(f"That is {show(answer)}; give one number (for a count of rows, "
                         "len(table) or table.shape[0]).")
        value = self.read(answer)
        if value is None:
            return _fail(self.unreadable(answer))
        expected = _value(self.expected)
        if isinstance(expected, HashedKey):  # the student edition: an exact key, hashed
            if expected.matches(value):
                return Verdict(PASSED, f"{format_number(value)} is right.")
            return _fail(_mistake(self.mistakes, value) or f"{format_number(value)} is not right.")
        expected = float(expected)
        if abs(value - expected) <= self.tolerance + 1e-9:
            return Verdict(PASSED, f"{format_number(value)} is right.")
        hint = _mistake(self.mistakes, value)
        if hint:
            return _fail(hint)
        off = self.low if value < expected else self.high
        return Verdict(FAILED, f"{format_number(value)} is {off}.",
                       again=f"{format_number(value)} is not right either.")

    def unreadable(self, answer) -> str:
        """What to say when ``answer`` holds no one number: in a history student's words
        for typed text, with what was given for anything else (a list, a dict …)."""
        unit = f", and if you like the unit ({self.unit})" if self.unit else ""
        wanted = f"Type {self.form} as one number, in digits or in words{unit}."
        if isinstance(plain(answer), str):
            return f"{wanted} \"{show(answer, 40).strip(chr(39))}\" holds no single number."
        return f"{wanted} (This answer is {_a(answer)}.)"

    def answer_text(self) -> str:
        expected = _value(self.expected)
        if isinstance(expected, HashedKey):
            return expected.text()
        unit = f" {self.unit}" if self.unit else ""
        return f"{format_number(expected)}{unit}"


def Count(expected, what: str = "number of events", **options) -> Number:  # noqa: N802
    """A count of rows: a whole number."""
    return Number(expected, what, form="a whole number (a count)", **options)


def Year(expected, what: str = "year", **options) -> Number:  # noqa: N802
    """A year: the message says too early or too late."""
    return Number(expected, what, low="too early", high="too late", form="a year such as "
                  "1900", **options)


def Share(expected, what: str, tolerance: float = 0.01, **options) -> Number:  # noqa: N802
    """A share between 0 and 1."""
    return Number(expected, what, tolerance=tolerance, form="a number between 0 and 1",
                  **options)


@dataclass
class Days(Number):
    """A number of days: a number, a ``Timedelta``, ``timedelta`` or ``timedelta64``."""
    what: str = "number of days"
    form: str = "a number of days (a number, or the Timedelta of two dates)"
    unit: str = "days"

    def read(self, answer) -> float | None:
        return as_days(answer)


# --- an ordering ---------------------------------------------------------------------------

@dataclass
class Ordering:
    """Items in the right order. ``ids``: items are ids, matched in either case; otherwise
    titles, matched without regard to case or stray spaces.

    ``labelled``: the items are shown shuffled under neutral letters with their text
    (:meth:`choices`), and the answer is the letters (or the texts) in order, never the
    ids: event ids run in date order, so ``sorted(ids)`` would pass without a thought.
    ``text`` gives an item's text (by default an event's title from data/)."""
    expected: object
    what: str = "events"
    ids: bool = True
    labelled: bool = False
    text: Callable[[str], str] | None = None

    @property
    def checked(self) -> str:
        return f"the order of all the {self.what} of the task"

    def _key(self, item) -> str | None:
        text = as_text(item)
        if text is None:
            return None
        return text.upper() if self.ids else text.casefold()

    def _stored(self) -> tuple[Any, list]:
        stored = _value(self.expected)
        return stored, list(stored.items if isinstance(stored, HashedKey) else stored)

    def _text(self, item: str) -> str:
        if self.text is not None:
            return self.text(item)
        if self.ids:
            return str(data.events().set_index("event_id").at[item, "title"])
        return item

    def _shown(self) -> list[tuple[str, str]]:
        """(letter, item) in the order shown: a fixed shuffle of the items that is neither
        their sorted order nor its reverse, so neither tells the answer."""
        items = sorted(map(str, self._stored()[1]), key=lambda i: self._key(i) or "")
        shown = list(items)
        rng = random.Random("|".join(items))
        while len(items) > 2 and shown in (items, items[::-1]):
            rng.shuffle(shown)
        return list(zip(LETTERS, shown, strict=False))

    def choices(self) -> list[tuple[str, str]]:
        """What a student is shown, in the shown order: (value, label) pairs such as
        ("C", "C. Korea divided at the 38th parallel"). The value is what an answer
        lists, in order; a widget offers the labels."""
        return [(letter, f"{letter}. {self._text(item)}") for letter, item in self._shown()]

    def _from_label(self, answer: list) -> tuple[list, str]:
        """The items an answer of letters (or of the items' texts) names, or a problem."""
        shown = self._shown()
        by_letter = dict(shown)
        by_text = {folded(self._text(item)): item for _, item in shown}
        ids = {self._key(item) for _, item in shown}
        letters = f"{shown[0][0]}–{shown[-1][0]}"
        items = []
        for given in answer:
            text = as_text(given)
            if text is None:
                return [], (f"Give the {self.what} as letters such as 'B'; {show(given)} "
                            "is not one.")
            letter = text.strip("()[]. ").upper()
            if letter in by_letter:
                items.append(by_letter[letter])
            elif folded(text) in by_text:
                items.append(by_text[folded(text)])
            elif self._key(text) in ids:
                return [], (f"Give the letters ({letters}) the task shows for the "
                            f"{self.what}, not their ids.")
            else:
                return [], f"{show(given)} is not one of the letters {letters} of the task."
        return items, ""

    def _listed(self, answer, expected: list) -> tuple[list, str]:
        """The items ``answer`` lists (no more than a few beyond the task's), or why it
        is not a list."""
        if isinstance(answer, pd.Series | pd.Index):
            answer = answer.tolist()
        if isinstance(answer, str | bytes | dict) or not hasattr(answer, "__iter__"):
            form = f"{len(expected)} letters" if self.labelled else \
                f"{len(expected)} {self.what}"
            return [], f"Expected a list of the {form}, got {_a(answer)}."
        items = []
        for item in answer:
            items.append(item)
            if len(items) > len(expected) + 50:
                break
        return items, ""

    def _unknown(self, items: list, keys: list, expected: list) -> str:
        """Why an item is not one of the task's, or ''."""
        canonical = {self._key(e) for e in expected}
        for item, key in zip(items, keys, strict=True):
            if key is None:
                form = "ids as strings such as 'E012'" if self.ids else "titles as strings"
                return f"Give the {self.what} as {form}; {show(item)} is not one."
            if key not in canonical:
                return f"{show(item)} is not one of the {len(expected)} {self.what} of the task."
        return ""

    def _incomplete(self, items: list, keys: list, expected: list, name: dict) -> str:
        """Which item is given twice, or which is missing; or ''."""
        seen = set()
        for item, key in zip(items, keys, strict=True):
            if key in seen:
                return f"{name.get(key, show(item))} appears more than once."
            seen.add(key)
        if len(items) != len(expected):
            missing = next(self._key(e) for e in expected if self._key(e) not in seen)
            return (f"Expected all {len(expected)} {self.what}; "
                    f"{name.get(missing, show(missing))} is missing.")
        return ""

    def judge(self, answer) -> Verdict:
        stored, expected = self._stored()
        hashed = isinstance(stored, HashedKey)  # the student edition: a digest per place
        items, problem = self._listed(answer, expected)
        if problem:
            return _fail(problem)
        name = {self._key(i): show(i) for i in expected}  # how a message names an item
        if self.labelled:
            items, problem = self._from_label(items)
            if problem:
                return _fail(problem)
            name = {self._key(i): letter for letter, i in self._shown()}
        keys = [self._key(i) for i in items]
        problem = (self._unknown(items, keys, expected)
                   or self._incomplete(items, keys, expected, name))
        if problem:
            return _fail(problem)
        for position, (mine, right) in enumerate(zip(keys, expected, strict=True), start=1):
            placed = stored.matches(mine, position - 1) if hashed else mine == self._key(right)
            if not placed:
                return _fail(f"Position {position} is off: {name.get(mine, show(mine))} "
                             "does not belong there.")
        return Verdict(PASSED, f"All {len(expected)} {self.what} are in the right order.")

    def answer_text(self) -> str:
        expected = _value(self.expected)
        if isinstance(expected, HashedKey):
            return expected.text()
        if self.labelled:
            letter = {self._key(i): v for v, i in self._shown()}
            return ", ".join(f"{letter[self._key(i)]} ({self._text(i)})" for i in expected)
        return ", ".join(map(str, expected))


def in_date_order(event_ids: Sequence[str]) -> Callable[[], list[str]]:
    """The expected answer of an ordering of ``event_ids``: by start date, from data/."""
    def ordered() -> list[str]:
        chosen = data.events().set_index("event_id").loc[list(event_ids)]
        return list(chosen.sort_values("start_date", kind="stable").index)
    return ordered


# --- a table or a series -------------------------------------------------------------------

def _phase_id(value) -> str | None:
    whole = as_whole(value)
    if whole is not None:
        return f"{whole:02d}"
    text = as_text(value)
    return text.zfill(2) if text and text.isdigit() else text


def _date(value):
    try:
        stamp = pd.Timestamp(plain(value))
    except (ValueError, TypeError, OverflowError):
        return None
    return None if pd.isna(stamp) else stamp.normalize()


def _as_id(value) -> str | None:
    text = as_text(value)
    return None if text is None else text.upper()


def _as_folded(value) -> str | None:
    text = as_text(value)
    return None if text is None else text.casefold()


_NORMALISE = {
    "id": _as_id,
    "text": _as_folded,
    "phase": _phase_id,
    "whole": as_whole,
    "number": read_number,
    "date": _date,
}


@dataclass(frozen=True)
class Column:
    """A column of a table task: its name, what kind of value it holds ("id", "text",
    "phase", "whole", "number", "date") and, for numbers, the tolerance allowed."""
    name: str
    kind: str = "number"
    tolerance: float = 0

    def normal(self, value):
        try:
            return _NORMALISE[self.kind](value)
        except (TypeError, ValueError, OverflowError):
            return None

    def same(self, mine, right) -> bool:
        a, b = self.normal(mine), self.normal(right)
        if a is None or b is None:
            return False
        if self.kind == "number":
            return abs(a - b) <= self.tolerance + 1e-9
        return a == b


def as_frame(answer, columns: Sequence[str], what: str = "a table",
             value_column: str | None = None) -> tuple[pd.DataFrame | None, str]:
    """The answer as a DataFrame with ``columns``, or None and a hint saying what is off.

    Columns may sit in the index (a grouped result); a Series or a dict {key: value}
    is read as a key column and ``value_column`` when the task has one of each; a
    DataFrame with the key column and a single other column of numbers is read the same
    way, whatever that column is called.
    """
    if isinstance(answer, dict | pd.Series) and value_column:
        key = next(c for c in columns if c != value_column)
        pairs = list(answer.items())[:ROW_LIMIT]
        frame = pd.DataFrame({key: [k for k, _ in pairs], value_column: [v for _, v in pairs]},
                             dtype=object)
        return frame, ""
    if not isinstance(answer, pd.DataFrame):
        return None, f"Expected a pandas DataFrame ({what}), got {_a(answer)}."
    frame = answer.head(ROW_LIMIT)
    index_names = [n for n in frame.index.names if n is not None]
    if any(n in columns and n not in frame.columns for n in index_names):
        frame = frame.reset_index()
    frame = frame.rename(columns=lambda c: c.strip() if isinstance(c, str) else c)
    if value_column and value_column not in frame.columns:
        others = [c for c in frame.columns if c not in columns]
        if len(others) == 1:
            frame = frame.rename(columns={others[0]: value_column})
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        have = ", ".join(show(c, 20) for c in list(frame.columns)[:8]) or "none"
        return None, (f"Your table lacks the column{'s' if len(missing) > 1 else ''} "
                      f"{', '.join(repr(c) for c in missing)} (it has: {have}).")
    return frame, ""


def _how_off(column: Column, got, right) -> str:
    """How a wrong cell is off: "too low" or "too high" for a number, else "not right"."""
    number, target = read_number(got), read_number(right)
    if column.kind in ("number", "whole") and number is not None and target is not None:
        return "too low" if number < target else "too high"
    return "not right"


@dataclass
class Table:
    """A table (or a Series keyed like one): rows named by ``keys``, cells in ``values``.

    Extra columns are allowed; missing, extra and repeated rows are named, and each
    wrong cell is named by row and column with the direction it is off.
    """
    expected: object  # a callable returning the expected DataFrame
    keys: Sequence[Column]
    values: Sequence[Column] = ()
    what: str = "a table"
    row: str = "row"
    sorted_by: str | None = None
    distinct: bool = False  # rows are judged as a set of keys: repeats are allowed
    series: bool = False  # one key, one value: a Series or a dict is a natural answer
    drop_zero: bool = False  # a row whose value is 0 may be left out (value_counts) ...
    universe: Callable[[], set] | None = None  # ... or added, if its key is one of these
    mistakes: Sequence[Mistake] = ()  # when(frame) for wrong answers

    @property
    def checked(self) -> str:
        cols = [c.name for c in self.values]
        tolerance = [f"{c.name} to within {format_number(c.tolerance)}" for c in self.values
                     if c.tolerance]
        text = (f"{self.what}: one row per {' and '.join(c.name for c in self.keys)} "
                "that belongs")
        if cols:
            text += f", and its {', '.join(cols)}"
        if tolerance:
            text += f" ({', '.join(tolerance)})"
        if self.sorted_by:
            text += f"; sorted by {self.sorted_by}"
        return text

    def _key(self, row) -> tuple:
        return tuple(c.normal(row[c.name]) for c in self.keys)

    @staticmethod
    def _label(key) -> str:
        return " / ".join(show(plain(k), 30) if not isinstance(k, str) else k for k in key)

    def judge(self, answer) -> Verdict:
        names = [c.name for c in (*self.keys, *self.values)]
        value_column = self.values[0].name if self.series and self.values else None
        frame, problem = as_frame(answer, names, self.what, value_column)
        if frame is None:
            return _fail(problem)
        problem = self._problem(frame)
        if problem:
            return _fail(_mistake(self.mistakes, frame) or problem)
        rows = {self._key(r) for r in self._rows(_value(self.expected))}
        return Verdict(PASSED, f"All {len(rows)} rows are right.")

    def _rows(self, frame: pd.DataFrame) -> list[dict]:
        rows = frame.to_dict("records")
        if self.drop_zero and self.values:
            column, key = self.values[0], self.keys[0]
            known = ({key.normal(k) for k in self.universe()} if self.universe
                     else None)
            rows = [r for r in rows if column.normal(r[column.name]) != 0
                    or (known is not None and key.normal(r[key.name]) not in known)]
        return rows

    def _problem(self, frame: pd.DataFrame) -> str:
        """What is wrong with ``frame``, first problem first, or ''."""
        expected = {self._key(r): r for r in self._rows(_value(self.expected))}
        mine, problem = self._keyed(self._rows(frame))
        return (problem or self._rows_problem(mine, expected)
                or self._cells_problem(mine, expected) or self._order_problem(frame))

    def _keyed(self, rows: list[dict]) -> tuple[dict[tuple, dict], str]:
        """The rows by their key, or a problem: a key that is not valid or repeats."""
        mine: dict[tuple, dict] = {}
        for row in rows:
            key = self._key(row)
            if any(k is None for k in key):
                bad = next(c for c, k in zip(self.keys, key, strict=True) if k is None)
                return {}, (f"{show(row[bad.name])} in column {bad.name} is not a valid "
                            f"{bad.name}.")
            if key in mine and not self.distinct:
                return {}, f"The row for {self._label(key)} appears more than once."
            mine[key] = row
        return mine, ""

    def _rows_problem(self, mine: dict[tuple, dict], expected: dict[tuple, dict]) -> str:
        """A row that should not be there, or one that is missing; or ''."""
        extra = [k for k in mine if k not in expected]
        if extra:
            return (f"The row for {self._label(extra[0])} should not be there "
                    f"({len(extra)} such row{'s' * (len(extra) > 1)}).")
        missing = [k for k in expected if k not in mine]
        if missing:
            return (f"{len(missing)} row{'s are' if len(missing) > 1 else ' is'} missing "
                    f"(one per {self.row}), e.g. the one for {self._label(missing[0])}.")
        return ""

    def _cells_problem(self, mine: dict[tuple, dict], expected: dict[tuple, dict]) -> str:
        """The first wrong cell, by row and column, with the way a number is off; or ''."""
        for key, right in expected.items():
            for column in self.values:
                got = mine[key][column.name]
                if not column.same(got, right[column.name]):
                    return (f"{self._label(key)}, column {column.name}: {show(got)} is "
                            f"{_how_off(column, got, right[column.name])}.")
        return ""

    def _order_problem(self, frame: pd.DataFrame) -> str:
        if self.sorted_by:
            dates = pd.to_datetime(frame[self.sorted_by], errors="coerce")
            if dates.isna().any() or not dates.is_monotonic_increasing:
                return f"The rows are not sorted by {self.sorted_by}, earliest first."
        return ""

    def answer_text(self) -> str:
        table = _value(self.expected)
        names = [c.name for c in (*self.keys, *self.values)]
        if self.distinct:
            table = table.drop_duplicates([c.name for c in self.keys])
        rows = [", ".join(f"{n} {show(r[n], 40)}" for n in names)
                for r in table[names].to_dict("records")[:40]]
        return f"{len(table)} rows: " + "; ".join(rows)


# --- an Altair chart -------------------------------------------------------------------------

@dataclass(frozen=True)
class Channel:
    """What a task asks of one encoding: on one of ``channels``, a field among ``fields``
    (any field when empty) of a type among ``types`` (any type when empty)."""
    channels: tuple[str, ...]
    fields: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    say: str = ""  # how to say what is asked, e.g. "the date on x"


def chart_spec(answer) -> tuple[dict, str]:
    """The Vega-Lite spec of an Altair chart, of the chart inside a course ``Figure``, or
    a spec kept whole in a hand-in (``comrades.answers``, re-judged by the teacher); or
    a problem in words."""
    import altair as alt

    if isinstance(answer, KeptChart):
        return dict(answer), ""
    inner = getattr(answer, "chart", None)
    if not isinstance(answer, alt.TopLevelMixin) and isinstance(inner, alt.TopLevelMixin):
        answer = inner  # a comrades Figure: the chart inside it
    if not isinstance(answer, alt.TopLevelMixin):
        return {}, (f"Expected an Altair chart (alt.Chart(...).mark_...().encode(...)), got "
                    f"{type(plain(answer)).__name__}.")
    try:
        return answer.to_dict(validate=False), ""
    except Exception as err:
        return {}, f"Altair cannot build this chart ({type(err).__name__})."


def chart_views(answer) -> tuple[list[dict], str]:
    """Every single view of a chart, layered and concatenated ones included, each as
    {"mark", "encoding", "data"} with what it inherits from its parents; or a problem."""
    spec, problem = chart_spec(answer)
    if problem:
        return [], problem
    datasets = spec.get("datasets") or {}
    views: list[dict] = []

    def walk(node, encoding, table):
        if not isinstance(node, dict):
            return
        table = node.get("data", table)
        encoding = {**encoding, **(node.get("encoding") or {})}
        if "mark" in node:
            mark = node["mark"]
            views.append({"mark": mark.get("type") if isinstance(mark, dict) else mark,
                          "encoding": encoding, "data": table})
        for key in ("layer", "hconcat", "vconcat", "concat"):
            for part in node.get(key) or []:
                walk(part, encoding, table)
        if isinstance(node.get("spec"), dict):
            walk(node["spec"], encoding, table)

    walk(spec, {}, None)
    for view in views:
        table = view["data"]
        records = (datasets.get(table.get("name")) if isinstance(table, dict)
                   and "name" in table else table.get("values")
                   if isinstance(table, dict) else None)
        view["data"] = pd.DataFrame(records) if isinstance(records, list) else None
    if not views:
        return [], "The chart has no mark: add one, e.g. .mark_bar()."
    return views, ""


def chart_properties(answer) -> set[str]:
    """The names of the properties (``title``, ``description`` …) set, non-empty, on the
    chart or on any chart inside it (a layer or a concatenation)."""
    spec, problem = chart_spec(answer)
    if problem:
        return set()
    found: set[str] = set()

    def walk(node) -> None:
        if not isinstance(node, dict):
            return
        for name, value in node.items():
            if name == "title" and isinstance(value, dict):
                value = value.get("text")
            if isinstance(value, str | list) and value and (
                    name != "title" or "".join(map(str, value)).strip()):
                found.add(name)
        for key in ("layer", "hconcat", "vconcat", "concat"):
            for part in node.get(key) or []:
                walk(part)
        walk(node.get("spec"))

    walk(spec)
    return found


def _encoded(spec) -> tuple[str | None, str | None]:
    if not isinstance(spec, dict):
        return None, None
    name = spec.get("field")
    if isinstance(name, dict):
        name = name.get("repeat")
    return (name if isinstance(name, str) else None), spec.get("type")


@dataclass
class Chart:
    """An Altair chart with a ``marks`` view encoding every ``Channel`` asked; layered
    and concatenated charts pass when one of their views does. ``rows``, when given,
    judges that view's data: ``rows(frame)`` returns a problem or '' (a chart without
    data of its own fails it). ``properties`` must each be set somewhere in the chart."""
    marks: tuple[str, ...] = ()
    channels: Sequence[Channel] = ()
    rows: Callable[[pd.DataFrame], str] | None = None
    what: str = "chart"
    properties: tuple[str, ...] = ()  # e.g. ("title", "description"): each must be set

    @property
    def checked(self) -> str:
        mark = f"a {' or '.join(self.marks)} mark" if self.marks else "any mark"
        asks = "; ".join(c.say for c in self.channels if c.say)
        text = f"that it is an Altair chart with {mark}" + (f": {asks}" if asks else "")
        if self.properties:
            text += f"; that it has a {' and a '.join(self.properties)}"
        return text + ("; and the rows it draws" if self.rows else "")

    def _channel_problem(self, encoding: dict) -> str:
        used: set[str] = set()
        for want in self.channels:
            found = [(c, *_encoded(encoding.get(c))) for c in want.channels if c not in used]
            good = [c for c, name, kind in found if name is not None
                    and (not want.fields or name in want.fields)
                    and (not want.types or kind in want.types)]
            if good:
                used.add(good[0])
                continue
            where = " or ".join(want.channels)
            named = [(c, n, k) for c, n, k in found if n is not None]
            if not named:
                return f"The chart has no {where} encoding: {want.say}."
            channel, name, kind = named[0]
            if want.fields and name not in want.fields:
                return f"{channel} shows {name!r}: {want.say}."
            return f"{name!r} on {channel} is encoded as {kind}: {want.say}."
        return ""

    def judge(self, answer) -> Verdict:
        views, problem = chart_views(answer)
        if problem:
            return _fail(problem)
        marked = [v for v in views if not self.marks or v["mark"] in self.marks]
        if not marked:
            drawn = ", ".join(sorted({str(v["mark"]) for v in views}))
            return _fail(f"The chart draws {drawn}: use .mark_{self.marks[0]}().")
        problems = [self._channel_problem(v["encoding"]) for v in marked]
        fitting = [v for v, p in zip(marked, problems, strict=True) if not p]
        if not fitting:
            return _fail(problems[0])
        if self.rows:
            frames = [v["data"] for v in fitting
                      if v["data"] is not None and len(v["data"].columns)]
            if not frames:
                return _fail("Give the chart a pandas DataFrame, e.g. alt.Chart(my_rows).")
            problem = self.rows(frames[0])
            if problem:
                return _fail(f"The chart's data: {problem}")
        missing = [p for p in self.properties if p not in chart_properties(answer)]
        if missing:
            return _fail(f"The chart has no {missing[0]}: add one with "
                         f".properties({missing[0]}=\"…\").")
        return Verdict(PASSED, "The chart has what the task asks for. Whether it makes "
                       "your point is for you (and your teacher) to judge.")

    def answer_text(self) -> str:
        mark = self.marks[0] if self.marks else "point"
        used: list[str] = []
        for want in self.channels:
            used.append(next((c for c in want.channels if c not in used), want.channels[0]))
        encode = ", ".join(f"{c}={w.fields[0]!r}" if w.fields else f"{c}=<any column>"
                           for c, w in zip(used, self.channels, strict=True))
        return f"a chart such as alt.Chart(rows).mark_{mark}().encode({encode})"


def rows_problem(table: Table) -> Callable[[pd.DataFrame], str]:
    """A chart's ``rows`` judge from a :class:`Table`: the chart draws exactly its rows."""
    def problem(frame: pd.DataFrame) -> str:
        verdict = table.judge(frame)
        return "" if verdict.status == PASSED else verdict.message
    return problem


# --- a coding of a phase on the two factors of the lens -------------------------------------

CODING_KEYS = ("ideology", "interests", "relationship")
_KEY_ALIASES = {"prediction": "relationship", "interest": "interests",
                "interest_score": "interests", "ideology_score": "ideology",
                "predicted": "relationship", "relation": "relationship"}


def coding_range(phase: str) -> dict:
    """The codings of ``phase`` the course considers defensible (data/phases.csv)."""
    row = data.phases().set_index("phase").loc[phase]
    return {"ideology": (int(row["ideology_min"]), int(row["ideology_max"]),
                         str(row["ideology_reason"])),
            "interests": (int(row["interest_min"]), int(row["interest_max"]),
                          str(row["interest_reason"])),
            "course": (int(row["ideology_score"]), int(row["interest_score"])),
            "relationship": str(row["relationship"])}


def _scores(ideology, interests) -> tuple[tuple[int, int] | None, str]:
    """The two scores as whole numbers from -2 to 2, or None and what is wrong."""
    scores = []
    for key, value in (("ideology", ideology), ("interests", interests)):
        score = as_whole(value)
        if score is None or score not in lens.ALIGNMENT:
            return None, (f"{key} must be a whole number from -2 (opposed) to 2 (shared), "
                          f"not {show(value)}.")
        scores.append(score)
    return (scores[0], scores[1]), ""


def coding_problem(phase: str, ideology: int, interests: int) -> str:
    """Why a coding of ``phase`` is outside the defensible range, or ''."""
    ranges = coding_range(phase)
    for factor, score in (("ideology", ideology), ("interests", interests)):
        low, high, reason = ranges[factor]
        if not low <= score <= high:
            side = "too low" if score < low else "too high"
            return (f"Phase {phase}: {factor} coded {lens.ALIGNMENT[score]} ({score:+d}) is "
                    f"{side} for the record. {reason}")
    return ""


def _coding_dict(answer, keys) -> tuple[dict | None, str]:
    if not isinstance(answer, dict):
        example = ", ".join(f'"{k}": ...' for k in keys)
        return None, f"Expected a dict {{{example}}}, got {_a(answer)}."
    coded = {}
    for key, value in list(answer.items())[:20]:
        text = as_text(key)
        name = text.lower() if text is not None else None
        if name not in keys:
            alias = _KEY_ALIASES.get(name or "")
            hint = f" (write {alias!r})" if alias else ""
            return None, (f"Unknown key {show(key, 30)}{hint}: the keys are "
                          f"{', '.join(keys)}.")
        coded[name] = value
    missing = [k for k in keys if k not in coded]
    if missing:
        return None, f"Your dict lacks the key {missing[0]!r}."
    return coded, ""


@dataclass
class Coding:
    """A coding of one phase: {"ideology", "interests", "relationship"}. It passes when
    both scores lie in the range data/phases.csv records as defensible (a coding outside
    fails with the reason) and the relationship is the one the lens predicts for them."""
    phase: str

    checked = ("that both scores are whole numbers from -2 to 2 within the range the "
               "record supports (data/phases.csv), and that the relationship is the one "
               "the lens predicts for them")

    def judge(self, answer) -> Verdict:
        coded, problem = _coding_dict(answer, CODING_KEYS)
        if coded is None:
            return _fail(problem)
        pair, problem = _scores(coded["ideology"], coded["interests"])
        if pair is None:
            return _fail(problem)
        scores = dict(zip(("ideology", "interests"), pair, strict=True))
        relationship = as_text(coded["relationship"])
        relationship = relationship.lower() if relationship else relationship
        if relationship not in lens.RELATIONSHIPS:
            return _fail(f"relationship must be one of {', '.join(lens.RELATIONSHIPS)}, "
                         f"not {show(coded['relationship'])}.")
        predicted = lens.predict(scores["ideology"], scores["interests"])
        if relationship != predicted:
            return _fail(f"With ideology {lens.ALIGNMENT[scores['ideology']]} and interests "
                         f"{lens.ALIGNMENT[scores['interests']]} the lens predicts "
                         f"{predicted}, not {relationship}: change a score or the "
                         "relationship.")
        problem = coding_problem(self.phase, scores["ideology"], scores["interests"])
        if problem:
            return _fail(problem)
        course = coding_range(self.phase)["course"]
        note = ("It is also the course's coding." if (scores["ideology"],
                                                      scores["interests"]) == course
                else f"The course codes it ideology {course[0]:+d}, interests "
                     f"{course[1]:+d}: justify your difference in the next task.")
        return Verdict(PASSED, f"A defensible coding, and the lens predicts {predicted} "
                       f"for it. {note}")

    def answer_text(self) -> str:
        ranges = coding_range(self.phase)
        course = ranges["course"]
        spans = "; ".join(f"{f} from {ranges[f][0]:+d} to {ranges[f][1]:+d}"
                          for f in ("ideology", "interests"))
        return (f"the course codes phase {self.phase} ideology {course[0]:+d}, interests "
                f"{course[1]:+d}, relationship {lens.predict(*course)}; defensible: "
                f"{spans}.")


def _codings_from_table(frame: pd.DataFrame):
    """{phase: (ideology, interests)} from a table like data.phases(), or the table."""
    frame = frame.head(20)
    if "phase" not in frame.columns and frame.index.name == "phase":
        frame = frame.reset_index()
    names = {"ideology": ("ideology_score", "ideology"),
             "interests": ("interest_score", "interests")}
    found = {k: next((c for c in options if c in frame.columns), None)
             for k, options in names.items()}
    if "phase" not in frame.columns or None in found.values():
        return frame
    return {p: (i, s) for p, i, s in zip(frame["phase"], frame[found["ideology"]],
                                         frame[found["interests"]], strict=True)}


def _phase_codings(answer: dict, phases: list[str]) -> tuple[dict[str, tuple[int, int]], str]:
    """{phase: (ideology, interests)} read from a student's dict, or what is wrong."""
    coded = {}
    for key, pair in list(answer.items())[:20]:
        phase = _phase_id(key)
        if phase is None or phase not in phases:
            return {}, f"{show(key, 20)} is not a phase: the keys are {', '.join(phases)}."
        scores, problem = _pair_scores(phase, pair)
        if scores is None:
            return {}, problem
        coded[phase] = scores
    return coded, ""


def _pair_scores(phase: str, pair) -> tuple[tuple[int, int] | None, str]:
    """The scores of one phase's pair (or dict), or None and what is wrong."""
    if isinstance(pair, dict):
        named, problem = _coding_dict(pair, ("ideology", "interests"))
        if named is None:
            return None, f"Phase {phase}: {problem}"
        pair = (named["ideology"], named["interests"])
    if isinstance(pair, str) or not isinstance(pair, tuple | list | pd.Series) \
            or len(pair) != 2:
        return None, f"Phase {phase} needs a pair (ideology, interests), got {show(pair)}."
    scores, problem = _scores(*list(pair))
    return scores, "" if scores is not None else f"Phase {phase}: {problem}"


@dataclass
class Codings:
    """A coding of every phase {phase: (ideology, interests)} that changes at least one
    phase from the course's coding; each phase is judged like :class:`Coding`."""

    checked = ("that every phase has two whole scores from -2 to 2 within the range the "
               "record supports, and that at least one phase differs from the course's "
               "coding; the agreement with the record is reported")

    def judge(self, answer) -> Verdict:
        phases = data.phases()
        if isinstance(answer, pd.DataFrame):  # a recoded copy of data.phases()
            answer = _codings_from_table(answer)
        if not isinstance(answer, dict):
            return _fail("Expected a dict {phase: (ideology, interests)} (or a recoded copy "
                         "of data.phases()), e.g. "
                         f"{{'01': (2, 0), …}}; got {_a(answer)}.")
        coded, problem = _phase_codings(answer, list(phases["phase"]))
        if problem:
            return _fail(problem)
        missing = [p for p in phases["phase"] if p not in coded]
        if missing:
            return _fail(f"Phase {missing[0]} is missing: code every phase.")
        for phase, (ideology, interests) in coded.items():
            problem = coding_problem(phase, ideology, interests)
            if problem:
                return _fail(problem)
        course = {p.phase: (int(p.ideology_score), int(p.interest_score))
                  for p in phases.itertuples()}
        changed = [p for p in coded if coded[p] != course[p]]
        if not changed:
            return _fail("This is the course's own coding: the task asks you to change at "
                         "least one phase where you read the evidence differently.")
        agree = sum(lens.predict(*coded[p.phase]) == p.relationship
                    for p in phases.itertuples())
        return Verdict(PASSED, f"You recoded phase{'s' * (len(changed) > 1)} "
                       f"{', '.join(changed)}. Your coding predicts the recorded relationship "
                       f"in {agree} of {len(phases)} phases. Where it does not, is your "
                       "coding or the record the better guide? Say so in your argument.")

    def answer_text(self) -> str:
        return "any coding within the defensible ranges that changes at least one phase: " \
               + " ".join(Coding(p).answer_text() for p in data.phases()["phase"])


# --- free text -------------------------------------------------------------------------------

# Common English words: real sentences are full of them, a string of junk is not.
_COMMON = frozenset("""a an the and or but not no of to in on at by for from with as is are
was were be been has have had it its this that these those which who what when where why
how than then so if because while after before during about into over under between both
also only more most less very can could would should will may might must did do does they
their them he she his her we our you your i one two""".split())
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_VOWELS = frozenset("aeiouy")


def real_words(text: str) -> list[str]:
    """The words of ``text`` that look like words: letters only (accents allowed), at
    least two of them, with a vowel, and no letter three times in a row. Casefolded."""
    found = []
    for word in _WORD.findall(text.casefold()):
        plain_word = folded(word).replace(" ", "")
        if len(plain_word) >= 2 and _VOWELS & set(plain_word) \
                and not re.search(r"(\w)\1\1", plain_word):
            found.append(word)
    return found


def attempt_problem(text: str, least: int) -> str:
    """Why ``text`` is not yet an attempt of at least ``least`` words, or ''.

    The rule: at least ``least`` real words (:func:`real_words`), at least half of them
    different (no word repeated to make up the count), and at least one in ten a common
    English word such as "the", "of" or "and" (it reads as sentences, not a list of
    keywords or keyboard noise)."""
    words = real_words(text)
    if len(words) < least:
        return f"it has {len(words)} real word{'s' * (len(words) != 1)}, not yet {least}"
    if len(set(words)) * 2 < least:
        return "too many of its words are repeated"
    if sum(w in _COMMON for w in words) * 10 < len(words):
        return "it does not read as sentences yet"
    return ""


STANCES = ("agrees", "qualifies", "disagrees")
_STANCE = re.compile(r"(?P<not>\b(?:not|never)\s+|n[’']t\s+)?\b(?P<word>disagree|qualif|agree)\w*"
                     r"(?P<part>\s+(?:only\s+)?(?:in\s+part|partly))?", re.IGNORECASE)


def stance(text: str) -> str:
    """The verdict a weighing of a historian gives first, as one of :data:`STANCES`, or ''.

    "agrees in part" and "partly agrees" read as *qualifies*, "does not agree" as
    *disagrees*: a student writes a verdict as a sentence, not as a keyword."""
    match = _STANCE.search(text)
    if not match:
        return ""
    word = match["word"].casefold()
    partly = match["part"] or re.search(r"\b(?:partly|in part)\s+$", text[:match.start()],
                                        re.IGNORECASE)
    if word == "agree":
        return "disagrees" if match["not"] else "qualifies" if partly else "agrees"
    if word == "disagree":
        return "qualifies" if match["not"] or partly else "disagrees"
    return "qualifies"


@dataclass
class FreeText:
    """Written work: saved whole for the teacher (status "submitted"). The key points of a
    model answer are shown only on a deliberate, recorded reveal
    (``check(task, answer, reveal=True)``), and only once the text is an attempt of at
    least :data:`ATTEMPT_SHARE` of the minimum length (:func:`attempt_problem`). Keyword
    feedback names only the points whose words appear in a real attempt, and says that
    it is words, not points, that were found."""
    key_points: Sequence[str]
    cues: dict[str, str] = field(default_factory=dict)
    words: tuple[int, int] = (80, 150)
    least: int = 10  # fewer real words than this is not yet something to hand in
    # A weighing of another historian against Vu: the text must give its verdict
    # (agrees, qualifies or disagrees); the course's own reading is a key point.
    weighs: str = ""
    written = True  # checks keep a handed-in text when a shorter one is checked later

    checked = "nothing automatically: your text is saved for your teacher, who reads it"

    def attempt_words(self) -> int:
        """How many real words unlock the key points: 60% of the minimum length."""
        return math.ceil(ATTEMPT_SHARE * self.words[0])

    def reveal_problem(self, answer) -> str:
        """Why the key points cannot be shown for ``answer`` yet, or ''."""
        text = as_text(answer) or ""
        problem = attempt_problem(text, self.attempt_words())
        if problem:
            return (f"The key points of a model answer are shown once you have written an "
                    f"attempt of at least {self.attempt_words()} words of your own "
                    f"({problem}).")
        return ""

    def judge(self, answer) -> Verdict:
        text = as_text(answer)
        if text is None:
            return _fail("Write your answer as text in quotes, e.g. answer = \"\"\"My "
                         f"answer …\"\"\" (got {_a(answer)}).")
        count = len(text.split())
        low, high = self.words
        real = len(real_words(text))
        if real < self.least:  # junk does not make up the count
            return _fail(f"At {real} word{'s' * (real != 1)} this is too short to hand "
                         f"in: aim for {low}–{high} words.")
        note = ""
        if self.weighs:
            verdict = stance(text)
            if not verdict:
                return _fail(f"Say whether {self.weighs} agrees with Vu, qualifies his "
                             "reading (agrees only in part) or disagrees, then give your "
                             "evidence.")
            note += f" Your verdict: {self.weighs} {verdict}."
        if count < low * 0.5:
            note += f" At {count} words it is short: aim for {low}–{high}."
        if attempt_problem(text, self.attempt_words()):
            note += (f" Once it is an attempt of at least {self.attempt_words()} words, "
                     "you may compare it with the key points of a model answer.")
        else:
            lowered = text.casefold()
            found = [point for point, pattern in self.cues.items()
                     if re.search(rf"(?<!\w)(?:{pattern})", lowered)]
            if found:
                note += (f" Words linked to these key points appear in it: "
                         f"{', '.join(found)} (whether it makes the points is for your "
                         "teacher to judge).")
            note += (" To compare it with the key points of a model answer, check it "
                     "with reveal=True; your teacher sees that you looked.")
        return Verdict(SUBMITTED, f"Saved for your teacher ({count} words).{note}")

    def answer_text(self) -> str:
        return "key points of a model answer: " + numbered(self.key_points)


ATTEMPT_SHARE = 0.6  # of the minimum length: an attempt that may see the key points


def weighing(historian: str, key_points: Sequence[str], claim: str) -> FreeText:
    """A lesson's core task of weighing ``historian`` (a surname, as the prompt names
    them) against Vu: a verdict, then evidence, in 60–120 words. ``claim`` is a pattern
    for the words of the historian's own claim; the course's reading is the last key
    point, shown only after a saved attempt."""
    return FreeText(key_points, {f"{historian}'s claim": claim,
                                 "Vu's reading": r"\bvu\b|¶\d|article|interest|ideolog",
                                 "evidence": r"¶\d|\b[edh]\d\d\d?\b|“|\"|because|for example"},
                    words=(60, 120), weighs=historian)


# --- a choice and a short answer: tasks a class without coding can do --------------------



LETTERS = "ABCDEFGH"


@dataclass
class Choice:
    """One of a few options, shown lettered A, B, C …: the answer is the letter ("B",
    "b", "(B)") or the option's text. ``answer`` is the right option's text, or a
    callable giving it from data/; ``feedback`` maps a wrong option to its hint."""
    options: Sequence[str]
    answer: object
    feedback: dict[str, str] = field(default_factory=dict)

    checked = "which option you chose"

    def _option(self, answer) -> str | None:
        """The option ``answer`` names: its letter ("B", "(b)"), its letter with its text
        or the start of it ("B) a memo", "C measured"), its text, or a fragment of its
        text that no other option shares ("memo", "Hungarian diplomats")."""
        text = as_text(answer)
        if text is None:
            return None
        letters = LETTERS[:len(self.options)]
        letter = text.strip("()[]. ").upper()
        if len(letter) == 1 and letter in letters:
            return self.options[letters.index(letter)]
        wanted = folded(text)
        exact = [o for o in self.options if folded(o) == wanted]
        if exact:
            return exact[0]
        lettered = re.match(r"^[(\[]?([A-Za-z])[)\].:\s-]\s*(.+)$", text)
        if lettered and lettered.group(1).upper() in letters:
            option = self.options[letters.index(lettered.group(1).upper())]
            rest = folded(lettered.group(2))
            if rest and f" {rest} " in f" {folded(option)} ":
                return option
        return self._fragment(wanted)

    def _fragment(self, wanted: str) -> str | None:
        """The one option whose text holds ``wanted`` as whole words, if it says
        something (a word of three letters or more) and no other option holds it."""
        if not any(len(word) >= 3 for word in wanted.split()):
            return None
        holding = [o for o in self.options if f" {wanted} " in f" {folded(o)} "]
        return holding[0] if len(holding) == 1 else None

    def judge(self, answer) -> Verdict:
        letters = f"{LETTERS[0]}–{LETTERS[len(self.options) - 1]}"
        if as_text(answer) is None:
            return _fail(f"Give the letter of your choice as text, e.g. \"B\" (got "
                         f"{_a(answer)}).")
        chosen = self._option(answer)
        if chosen is None:
            return _fail(f"{show(answer)} does not name one option: give a letter "
                         f"{letters}, or words from one option's text.")
        letter = LETTERS[list(self.options).index(chosen)]
        if chosen == _value(self.answer):
            return Verdict(PASSED, f"{letter} is right.")
        return _fail(self.feedback.get(chosen) or f"{letter} is not the best answer: go back "
                     "to the evidence the task names and read it again.")

    def answer_text(self) -> str:
        right = _value(self.answer)
        return f"{LETTERS[list(self.options).index(right)]}: {right}"


@dataclass
class Words:
    """A short text answer (a name, a place, an id), matched against ``accepted`` forms
    without regard to case, accents, punctuation or spaces. ``accepted`` may be a
    callable giving them from data/; ``mistakes`` maps a known wrong form to its hint."""
    accepted: object
    what: str
    mistakes: dict[str, str] = field(default_factory=dict)
    longest: int = 8  # more words than this is a sentence, not a short answer

    @property
    def checked(self) -> str:
        return f"the {self.what} you named"

    def judge(self, answer) -> Verdict:
        text = as_text(answer)
        if text is None:
            return _fail(f"Write the {self.what} as text in quotes, e.g. \"…\" (got "
                         f"{_a(answer)}).")
        if len(text.split()) > self.longest:
            return _fail(f"Give only the {self.what}, in a few words, not a sentence.")
        mine = folded(text)
        if mine in {folded(a) for a in _value(self.accepted)}:
            return Verdict(PASSED, f"{show(text)} is right.")
        hint = next((h for wrong, h in self.mistakes.items() if folded(wrong) == mine), "")
        return _fail(hint or f"{show(text)} is not the {self.what} the task asks for.")

    def answer_text(self) -> str:
        return " or ".join(map(str, _value(self.accepted)))
