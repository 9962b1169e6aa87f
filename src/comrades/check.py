"""Exercise self-checks: ``check("02.3", answer)`` says what is right or what is off.

A check never raises and never hangs, whatever it is given: an unanswered task
(``...``, ``None``) is "not answered yet"; a wrong type or shape gets a hint that says
what was expected. The result is a :class:`CheckResult` a program can read; it is also
recorded by ``comrades.progress``. Checks are registered per task id with
:func:`checker`; the exercise notebooks' tasks live in ``comrades.tasks``.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable
from dataclasses import dataclass

PASSED, FAILED, UNANSWERED, UNGRADED = "passed", "failed", "unanswered", "ungraded"
_COLOURS = {PASSED: "#009E73", FAILED: "#D55E00", UNANSWERED: "#0072B2",
            UNGRADED: "#0072B2"}
_WORDS = {PASSED: "Correct", FAILED: "Not yet", UNANSWERED: "Not answered yet",
          UNGRADED: "Not auto-graded"}


@dataclass(frozen=True)
class CheckResult:
    task: str
    status: str
    message: str
    checked: str = ""  # what was actually verified, said honestly

    @property
    def passed(self) -> bool:
        return self.status == PASSED

    def __bool__(self) -> bool:
        return self.passed

    def __str__(self) -> str:
        text = f"{_WORDS.get(self.status, self.status)} ({self.task}): {self.message}"
        return text + (f" [Checked: {self.checked}]" if self.checked else "")

    def _repr_html_(self) -> str:
        colour = _COLOURS.get(self.status, "#000000")
        checked = (f"<br><small>Checked: {html.escape(self.checked)}</small>"
                   if self.checked else "")
        return (f"<div class='check-result' data-status='{self.status}' style='border-left:"
                f"4px solid {colour};padding-left:0.5em'><b>{_WORDS[self.status]}</b> "
                f"({html.escape(self.task)}): {html.escape(self.message)}{checked}</div>")


Checker = Callable[[object], CheckResult]
_REGISTRY: dict[str, Checker] = {}
# Every result of this session, in order: lets a test (or a teacher's tool) read the
# outcome of a whole executed notebook as objects rather than printed text.
history: list[CheckResult] = []


def checker(task: str):
    """Register ``function(answer) -> (passed, message, checked)`` as task ``task``'s check."""

    def register(function):
        _REGISTRY[task] = function
        return function

    return register


def is_unanswered(answer) -> bool:
    if answer is None or answer is ...:
        return True
    if isinstance(answer, str) and answer.strip() in ("", "...", "YOUR ANSWER HERE"):
        return True
    return isinstance(answer, float) and math.isnan(answer)


def check(task: str, answer=None, record: bool = True) -> CheckResult:
    """Check ``answer`` to exercise task ``task`` (e.g. ``"02.3"``); never raises."""
    task = str(task)
    result = _run(task, answer)
    history.append(result)
    if record and result.status in (PASSED, FAILED):
        from comrades import progress

        progress.record(task.split(".")[0], task, "exercise", result.passed,
                        _short(answer, 300), result.message)
    return result


def _run(task: str, answer) -> CheckResult:
    _load_tasks()
    function = _REGISTRY.get(task)
    if function is None:
        known = ", ".join(sorted(_REGISTRY)) or "none"
        return CheckResult(task, FAILED, f"There is no task '{task}'. Known tasks: {known}.")
    if is_unanswered(answer):
        return CheckResult(task, UNANSWERED, "Replace the ... with your answer, run the cell, "
                           "then run this check again.")
    try:
        outcome = function(answer)
    except Exception as err:  # a checker bug must not become the student's traceback
        return CheckResult(task, FAILED, "This answer could not be checked "
                           f"({type(err).__name__}); compare its form with the task's example.")
    if isinstance(outcome, CheckResult):
        return outcome
    passed, message, checked = outcome
    return result(task, passed, message, checked)


def result(task: str, passed: bool, message: str, checked: str = "") -> CheckResult:
    """A passed or failed :class:`CheckResult` from a checker's ``(passed, message, checked)``."""
    return CheckResult(task, PASSED if passed else FAILED, message, checked)


def registered_tasks() -> list[str]:
    """Every task id that has a check, in order."""
    _load_tasks()
    return sorted(_REGISTRY)


def _load_tasks() -> None:
    try:
        import comrades.tasks  # noqa: F401  (registers the exercise checks on import)
    except ModuleNotFoundError as err:
        if err.name != "comrades.tasks":
            raise


def _short(answer, limit: int = 60) -> str:
    """A printable glimpse of any object, however large or strange."""
    try:
        text = repr(answer)
    except Exception:
        text = f"<{type(answer).__name__}>"
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- reusable comparisons for task checkers ------------------------------------------

def expect_number(answer, expected: float, unit: str = "", tolerance: float = 0):
    """(passed, message, checked) for a numeric answer such as a year or a count."""
    value = as_number(answer)
    checked = (f"that the {unit} is {_fmt(expected)}" if unit
               else f"that the answer is {_fmt(expected)}")
    if value is None:
        return False, f"Expected a number{' (' + unit + ')' if unit else ''}, got " \
                      f"{type(answer).__name__} {_short(answer)}.", checked
    if abs(value - expected) <= tolerance:
        return True, f"{_fmt(value)} is right.", checked
    direction = ("too early" if unit == "year" else "too low") if value < expected else \
        ("too late" if unit == "year" else "too high")
    return False, f"{_fmt(value)} is {direction}.", checked


def expect_sequence(answer, expected: list, what: str = "items"):
    """(passed, message, checked) for an ordered list, naming the first wrong position."""
    checked = f"the order of all {len(expected)} {what}"
    if isinstance(answer, str | bytes) or not hasattr(answer, "__iter__") or \
            isinstance(answer, dict):
        return False, f"Expected a list of {len(expected)} {what}, got " \
                      f"{type(answer).__name__}.", checked
    items = list(answer)[: len(expected) + 100]
    if len(items) != len(expected):
        return False, f"Expected {len(expected)} {what}, got {len(items)}.", checked
    missing = [e for e in expected if e not in items]
    if missing:
        return False, f"{_short(missing[0])} is missing from your list.", checked
    for position, (mine, right) in enumerate(zip(items, expected, strict=True), start=1):
        if mine != right:
            return False, f"Position {position} is off: {_short(mine)} does not belong " \
                          "there.", checked
    return True, f"All {len(expected)} {what} are in the right order.", checked


def as_number(answer) -> float | None:
    if isinstance(answer, bool):
        return None
    if isinstance(answer, int | float):
        try:
            value = float(answer)
        except OverflowError:  # an int too large for a float
            return None
    elif isinstance(answer, str):
        try:
            value = float(answer.strip().replace(",", ""))
        except ValueError:
            return None
    else:
        try:
            import numpy as np

            if isinstance(answer, np.number):
                value = float(answer)
            else:
                return None
        except Exception:
            return None
    return value if math.isfinite(value) else None


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def chart_problem(answer, channels: tuple[str, ...] = ("x", "y")) -> str | None:
    """Why ``answer`` is not an Altair chart encoding ``channels``, or None when it is."""
    import altair as alt

    if not isinstance(answer, alt.TopLevelMixin):
        return f"Expected an Altair chart (alt.Chart(...)), got {type(answer).__name__}."
    try:
        spec = answer.to_dict()
    except Exception as err:  # an invalid spec: say what Altair said, briefly
        return f"Altair cannot draw this chart: {str(err).splitlines()[0][:160]}"
    layers = [spec] + spec.get("layer", []) + spec.get("vconcat", []) + spec.get("hconcat", [])
    encoded = set().union(*(layer.get("encoding", {}).keys() for layer in layers))
    missing = [c for c in channels if c not in encoded]
    if missing:
        return f"Your chart has no {' or '.join(missing)} encoding; add it with .encode()."
    return None


def ungraded(task: str, key_points: list[str]) -> CheckResult:
    """A free-text task: not auto-graded; returns the model answer's key points."""
    points = numbered(key_points)
    return CheckResult(task, UNGRADED, "Free-text answers are not graded automatically. "
                       f"Compare yours with the key points of a model answer: {points}",
                       "only that an answer was given")


def numbered(points, sep: str = " ") -> str:
    """Key points as one line: ``(1) first (2) second …``."""
    return sep.join(f"({i}) {p}" for i, p in enumerate(points, start=1))
