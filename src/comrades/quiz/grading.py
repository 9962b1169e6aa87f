"""Grade a response to a question: a pure function that never raises.

Students type and click anything, in any order, so ``grade`` accepts any Python value.
A response it cannot read is "not answered yet" (``correct is None``) with a message
saying what is expected; it is never an exception and never counted as wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from comrades import status
from comrades.answers import format_number, read_number
from comrades.quiz.bank import Question
from comrades.quiz.keys import explanation_of, is_hashed, key_of, unseal


@dataclass(frozen=True)
class Feedback:
    """The verdict on one response. ``correct`` is None when nothing gradable was given."""

    correct: bool | None
    message: str
    explanation: str = ""
    source: str = ""
    hint: str = ""

    @property
    def verdict(self) -> str:
        """The word shown beside the colour, so the verdict is never colour-only."""
        return status.word(status.of_verdict(self.correct))


UNREADABLE = "That answer could not be read. Please try again."


def grade(question: Question, response: Any, first_wrong: bool = True) -> Feedback:
    """Grade ``response`` against ``question``; never raises.

    ``first_wrong``: no wrong try came before, so a wrong number may say which way it is
    off; a later wrong number says only that it is not right (no binary search).
    """
    try:
        if question.kind == "number":
            correct, message = _grade_number(question, response, first_wrong)
        else:
            correct, message = _GRADERS[question.kind](question, response)
    except Exception:  # noqa: BLE001 - a quiz must never show a traceback
        correct, message = None, UNREADABLE
    return Feedback(correct, message, explanation_of(question), question.source, question.hint)


def _grade_single(question: Question, response: Any) -> tuple[bool | None, str]:
    if not isinstance(response, str) or not response.strip():
        return None, "Choose one of the options, then check your answer."
    if response not in question.options:
        return None, "That is not one of the options. Choose one from the list."
    if key_of(question, response) == question.answer:
        return True, "That is the right choice."
    return False, "That is not the best choice. Re-read the source and try another option."


def _as_choices(response: Any) -> list[str] | None:
    """A list of texts from a str, list, tuple or set, else None."""
    if isinstance(response, str):
        return [response] if response.strip() else []
    if isinstance(response, list | tuple | set | frozenset):
        return [r for r in response if isinstance(r, str)]
    return None


def _grade_multiple(question: Question, response: Any) -> tuple[bool | None, str]:
    chosen = _as_choices(response)
    if not chosen:
        return None, "Tick every option you think is right, then check your answer."
    unknown = [c for c in chosen if c not in question.options]
    if unknown:
        verb = "is" if len(unknown) == 1 else "are"
        return None, f"{len(unknown)} of your choices {verb} not among the options."
    picked, right = {key_of(question, c) for c in chosen}, set(question.answer)
    hits, missing = len(picked & right), len(right - picked)
    if hits == len(picked) and not missing:
        return True, f"All {count(len(right), 'correct option')}, and nothing else."
    if len(picked) == 1:
        parts = ["Your one choice is " + ("right" if hits else "not right")]
    else:
        said = "None" if hits == 0 else str(hits)
        parts = [f"{said} of your {len(picked)} choices {'is' if hits <= 1 else 'are'} right"]
    if missing:
        parts.append(f"{count(missing, 'correct option')} {'is' if missing == 1 else 'are'} "
                     "still missing")
    return False, "; ".join(parts) + "."


def count(n: int, noun: str) -> str:
    """"1 question", "2 questions": the one place the quiz words a count."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _grade_order(question: Question, response: Any) -> tuple[bool | None, str]:
    items = list(response) if isinstance(response, list | tuple) else []
    expected = list(question.answer)
    if not all(isinstance(i, str) for i in items) or sorted(items) != sorted(question.options):
        return None, f"Arrange all {len(expected)} items, each once, then check your answer."
    placed = [i for i, item in enumerate(items) if key_of(question, item, i) == expected[i]]
    if len(placed) == len(expected):
        return True, f"All {len(expected)} items are in the right order."
    first_wrong = next(i for i in range(len(expected)) if i not in placed) + 1
    return False, (f"{len(placed)} of {len(expected)} in the right place; "
                   f"the first wrong one is at position {first_wrong}.")




def _grade_number(question: Question, response: Any,
                  first_wrong: bool = True) -> tuple[bool | None, str]:
    if response is None or (isinstance(response, str) and not response.strip()):
        return None, "Type a number, then check your answer."
    value = read_number(response, question.unit)
    if value is None:
        return None, "That is not a number I can read. Type digits only, e.g. 1950."
    if is_hashed(question):  # an exact key: right or not, no direction to give
        if key_of(question, value) == question.answer:
            return True, f"{format_number(value)} is right."
        return False, f"{format_number(value)} is not right."
    diff = value - question.answer
    if abs(diff) <= question.tolerance:
        return True, f"{format_number(value)} is right."
    if not first_wrong:  # one direction per question: never a path to halve the range
        return False, f"{format_number(value)} is not right either."
    low, high = DIRECTION_WORDS[number_kind(question)]
    return False, f"{format_number(value)} is {low if diff < 0 else high}."


# What "off" means for each kind of number: a date, a count of something, a plain number.
# Only the first wrong try is told which way it is off, and never how close it is: a
# "close" with every try would let a student halve the range until the answer falls out.
DIRECTION_WORDS = {"year": ("too early", "too late"), "count": ("too few", "too many"),
                   "plain": ("too low", "too high")}


def number_kind(question: Question) -> str:
    """"year" for a calendar year (unit = "year"), "count" for a number of things
    (any other unit, e.g. "years" or "visits"), "plain" for a number without unit."""
    unit = question.unit.strip().lower()
    if unit == "year":
        return "year"
    return "count" if unit else "plain"


def answer_text(question: Question) -> str:
    """The right answer as a student reads it, for "Show answer"."""
    if is_hashed(question):
        return unseal(question.salt, question.shown_answer)
    if question.kind == "single":
        return question.answer
    if question.kind == "multiple":
        return "; ".join(question.answer)
    if question.kind == "order":
        return "; ".join(f"{i}. {item}" for i, item in enumerate(question.answer, start=1))
    text = format_number(question.answer)
    if question.unit and number_kind(question) == "count":
        text += f" {question.unit}"
    if question.tolerance:
        text += f" (anything within {format_number(question.tolerance)} counts as right)"
    return text




_GRADERS: dict[str, Callable[..., tuple[bool | None, str]]] = {
    "single": _grade_single, "multiple": _grade_multiple, "order": _grade_order,
    "number": _grade_number}
