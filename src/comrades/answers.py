"""Reading what a student wrote, and writing numbers back: one rule for each, everywhere.

Quizzes, exercise checks, the no-code answer boxes and the answer keys all read a number
with :func:`read_number`, print one with :func:`format_number` and compare texts after
:func:`folded`. Copies of these rules drift, and a student sees the drift as unfairness
("1 964" right in a quiz and unreadable in a check), so there is one of each, at the
vocabulary floor: this module imports nothing of the course.

A number is read from a number (numpy and pandas scalars too) or from text that holds
exactly one number, in digits ("2", "1,964", "1 964", "−3") or in words ("two",
"twenty-one", "a hundred"), and nothing else but the task's unit words ("2 km",
"two kilometres"). Text with two numbers, or with other words ("the nineties", "four
pairs and more"), is not a number: a student must say one thing.
"""

from __future__ import annotations

import math
import numbers
import re
import unicodedata
from typing import Any

# Characters people put inside numbers ("1,964", "1 964", "1_964", "1'964", thin spaces),
# taken out only between a digit and a group of three.
_GROUPING = re.compile(r"(?<=[0-9])[,_ \u00a0\u2009\u202f'](?=[0-9]{3}(?![0-9]))")
_MINUS = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2014": "-"})
_TOKENS = re.compile(r"[-+]?[0-9]+(?:\.[0-9]+)?|\.[0-9]+|[^\W\d_]+")

_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * i for i, w in enumerate(
    "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if w != "_"}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
# Spellings students use for the units the course's tasks name.
UNIT_FORMS = {
    "kilometres": ("kilometre", "kilometres", "kilometer", "kilometers", "km", "kms"),
    "days": ("day", "days"),
    "years": ("year", "years", "yr", "yrs"),
    # A calendar year is naturally written "in 1964", "in the year 1964" or "1964 AD".
    "year": ("year", "in", "the", "ad", "ce"),
    "visits": ("visit", "visits"),
    "events": ("event", "events"),
    "pairs": ("pair", "pairs"),
}


def plain(value: Any) -> Any:
    """A numpy or pandas scalar as the Python value it stands for; anything else as is."""
    item = getattr(value, "item", None)
    if callable(item) and type(value).__module__.startswith("numpy"):
        try:
            return item()
        except (TypeError, ValueError):
            return value
    return value


def folded(text: str) -> str:
    """Text compared without case, accents, punctuation or stray spaces: "Việt Nam" and
    "viet nam" are the same, and so are "phase 03" and "Phase 03."."""
    letters = unicodedata.normalize("NFKD", str(text).replace("đ", "d").replace("Đ", "D"))
    letters = "".join(c for c in letters if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w%]+", " ", letters.casefold()).split())


def unit_words(unit: str) -> set[str]:
    """The words that may stand beside a number of ``unit`` ("km" for kilometres)."""
    if not unit:
        return set()
    name = folded(unit)
    forms = set(UNIT_FORMS.get(name, ()))
    forms |= {name, name.rstrip("s"), name + "s"}
    return {word for form in forms for word in folded(form).split()}


def read_number(value: Any, unit: str = "") -> float | None:
    """``value`` as a finite float, or None when it is not one number.

    Text may carry the words of ``unit`` ("2 km" for kilometres) and nothing else. An
    integer too large for a float reads as ±1e308, so it is "far too high", not unreadable.
    """
    value = plain(value)
    if isinstance(value, bool):
        return None
    if isinstance(value, numbers.Integral):
        whole = int(value)
        if abs(whole) > 10**308:
            return 1e308 if whole > 0 else -1e308
        return float(value)
    if isinstance(value, numbers.Real):
        try:
            number = float(value)
        except (OverflowError, ValueError):
            return None
        return number if math.isfinite(number) else None
    if isinstance(value, str) and len(value) < 200:
        return _number_in_text(value, unit_words(unit))
    return None


def _number_in_text(text: str, allowed: set[str]) -> float | None:
    text = _GROUPING.sub("", text.translate(_MINUS).strip())
    try:  # the common case: only a number
        number = float(text)
        return number if math.isfinite(number) else None
    except ValueError:
        pass
    tokens = [t.casefold() for t in _TOKENS.findall(text)]
    found: list[float] = []
    group: list[str] = []

    def flush() -> None:
        if group:
            found.append(_words_value(group))
            group.clear()

    for index, token in enumerate(tokens):
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        if token[:1] in "0123456789+-.":
            flush()
            found.append(float(token))
        elif token in _UNITS or token in _TENS or token in _SCALES or \
                (token == "a" and following in _SCALES):
            group.append(token)
        else:
            flush()
            if token not in allowed:
                return None
    flush()
    if len(found) != 1 or not math.isfinite(found[0]):
        return None
    return found[0]


def _words_value(words: list[str]) -> float:
    """ "twenty one" → 21, "a hundred" → 100, "two thousand and five" is not read (NaN)."""
    total = current = 0
    seen = False
    for word in words:
        if word == "a":
            current = current or 1
        elif word in _UNITS:
            current += _UNITS[word]
            seen = True
        elif word in _TENS:
            current += _TENS[word]
            seen = True
        elif word in _SCALES:
            current = (current or 1) * _SCALES[word]
            if _SCALES[word] >= 1000:
                total, current = total + current, 0
            seen = True
    return float(total + current) if seen else math.nan


def format_number(value: float | int, exact: bool = False) -> str:
    """A number as a student writes it: 12, 0.5, -3 (four significant digits), or with
    ``exact`` every digit (what an answer key's hash is made from)."""
    number = float(value)
    if math.isfinite(number) and number.is_integer() and abs(number) < 1e15:
        return str(int(number))
    return repr(number) if exact else f"{number:.4g}"


# --- an answer kept whole ------------------------------------------------------------
# What a check saves, so that the teacher's machine can judge the answer again
# (``python -m comrades.grade``): the value as given, as JSON with its type, in at most
# RECORD_LIMIT characters. A table keeps its columns and rows, a chart its Vega-Lite
# spec, a duration its days. What cannot be kept whole is saved as "unkept", with a
# glimpse, and is left for the teacher to look at rather than judged from a guess.

RECORD_LIMIT = 20_000
RECORD_VERSION = 1


class Unkept:
    """An answer the record could not hold (too large, or of a kind not kept), or a row
    saved before answers were kept whole: never judged, always shown as it was."""

    def __init__(self, glimpse: str, why: str) -> None:
        self.glimpse, self.why = glimpse, why

    def __repr__(self) -> str:
        return f"Unkept({self.glimpse!r}, {self.why!r})"


class KeptChart(dict):
    """A chart's Vega-Lite spec as a hand-in kept it: the chart kinds judge it as the
    chart it was (a plain dict a student passes is not a chart)."""


def _jsonable(value: Any, depth: int = 0) -> Any:
    value = plain(value)
    if depth > 6:
        raise TypeError("nested too deeply")
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        number = float(value)
        if not math.isfinite(number):
            raise TypeError("not a finite number")
        return number
    if isinstance(value, list | tuple):
        return [_jsonable(v, depth + 1) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v, depth + 1) for k, v in value.items()}
    raise TypeError(type(value).__name__)


def to_record(answer: Any) -> str:
    """``answer`` kept whole as JSON text (see the module's note), never raising."""
    import json

    kept: dict[str, Any]
    try:
        kind = type(answer).__name__
        module = type(answer).__module__
        if kind == "DataFrame" and module.startswith("pandas"):
            frame = answer.head(500)
            kept = {"type": "table", "columns": [str(c) for c in frame.columns],
                    "index": [str(n) for n in frame.index.names if n is not None],
                    "rows": [[_cell(v) for v in row] for row in
                             frame.reset_index(drop=not any(frame.index.names))
                             .itertuples(index=False)]}
        elif kind == "Series" and module.startswith("pandas"):
            kept = {"type": "series", "name": str(answer.name),
                    "values": [_cell(v) for v in answer.head(500)],
                    "labels": [_cell(v) for v in answer.head(500).index]}
        elif type(_chart_of(answer)).__module__.startswith("altair"):
            kept = {"type": "chart", "spec": _chart_of(answer).to_dict(validate=False)}
        elif hasattr(answer, "total_seconds"):
            kept = {"type": "days", "value": answer.total_seconds() / 86400}
        elif kind == "timedelta64":
            kept = {"type": "days", "value": float(answer / answer.dtype.type(1, "D"))}
        else:
            kept = {"type": "value", "value": _jsonable(answer)}
    except Exception as err:  # noqa: BLE001 - whatever a student passes, a record is made
        kept = {"type": "unkept", "glimpse": _glimpse(answer), "why": type(err).__name__}
    kept["v"] = RECORD_VERSION
    text = json.dumps(kept, ensure_ascii=False, allow_nan=False, default=str)
    if len(text) > RECORD_LIMIT:
        text = json.dumps({"v": RECORD_VERSION, "type": "unkept", "glimpse": _glimpse(answer),
                           "why": f"longer than {RECORD_LIMIT:,} characters"},
                          ensure_ascii=False)
    return text


def _chart_of(answer: Any) -> Any:
    """An Altair chart, or the one inside a course ``Figure``."""
    return answer if type(answer).__module__.startswith("altair") else \
        getattr(answer, "chart", None)


def _cell(value: Any) -> Any:
    value = plain(value)
    if value is None or isinstance(value, bool | str | int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    return str(value)


def _glimpse(answer: Any) -> str:
    try:
        text = repr(answer)
    except Exception:  # noqa: BLE001
        text = f"<{type(answer).__name__}>"
    return " ".join(text.split())[:200]


def from_record(text: str) -> Any:
    """The answer :func:`to_record` kept: a number, text, list, dict, a table (a pandas
    DataFrame), a chart (its Vega-Lite spec, a :class:`KeptChart`), a number of days; or
    :class:`Unkept` for anything else (including text that is not a record at all)."""
    import json

    try:
        kept = json.loads(text)
    except (TypeError, ValueError):
        return Unkept(str(text)[:200], "saved before answers were kept whole")
    if not isinstance(kept, dict) or kept.get("v") != RECORD_VERSION:
        return Unkept(str(text)[:200], "not an answer record")
    kind = kept.get("type")
    if kind == "value":
        return kept.get("value")
    if kind == "days":
        return kept.get("value")
    if kind == "chart" and isinstance(kept.get("spec"), dict):
        return KeptChart(kept["spec"])
    if kind in ("table", "series"):
        import pandas as pd

        if kind == "series":
            return pd.Series(kept.get("values", []), index=kept.get("labels") or None,
                             name=kept.get("name"))
        frame = pd.DataFrame(kept.get("rows", []),
                             columns=[*kept.get("index", []), *kept.get("columns", [])])
        return frame.set_index(kept["index"]) if kept.get("index") else frame
    return Unkept(str(kept.get("glimpse", ""))[:200], str(kept.get("why", "not kept")))
