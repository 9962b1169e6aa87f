"""Quiz widgets: ipywidgets only, no custom JavaScript, keyboard-operable.

Every control is a native ipywidget (focusable, labelled by its description and
tooltip). Every event handler goes through ``_safely``, so whatever a student clicks,
in whatever order, the worst outcome is a polite note in the feedback area.
"""

from __future__ import annotations

import functools
import hashlib
import random
from html import escape
from typing import Any

import ipywidgets as widgets

from comrades.quiz.bank import Question, load_bank
from comrades.quiz.grading import Feedback, grade

# Okabe–Ito colour-blind-safe palette; the verdict word is always shown as well.
COLOURS = {True: "#009E73", False: "#D55E00", None: "#0072B2"}
SYMBOLS = {True: "\u2714", False: "\u2718", None: "\u2026"}
NOTE_COLOUR = "#999999"
AUTO = {"width": "auto"}


def shuffled_order(question: Question) -> list[str]:
    """The items of an order question, shuffled the same way every time for this id.

    Seeded from a hash of the id (not Python's ``hash``, which varies between runs), and
    never already in the right order.
    """
    items = list(question.options)
    seed = int.from_bytes(hashlib.sha256(question.id.encode()).digest()[:8], "big")
    random.Random(seed).shuffle(items)
    if items == list(question.options) and len(items) > 1:
        items = items[1:] + items[:1]
    return items


def _safely(handler):
    """Wrap an event handler so an unexpected error becomes a note, not a traceback."""

    @functools.wraps(handler)
    def wrapper(self, *args, **kwargs):
        try:
            return handler(self, *args, **kwargs)
        except Exception:  # noqa: BLE001 - students must never see a traceback
            self.show_note("Something went wrong with this question. "
                           "Please try again, or re-run the cell.")

    return wrapper


class QuestionWidget(widgets.VBox):
    """One question: prompt, input, a "Check answer" button and a feedback area.

    ``reveal_after`` is the number of wrong attempts after which the explanation is
    shown (1: with the first feedback). A correct answer always shows it.
    """

    def __init__(self, question: Question, reveal_after: int = 1, **kwargs: Any):
        super().__init__(**kwargs)
        self.question = question
        self.reveal_after = reveal_after
        self.wrong_attempts = 0
        self.last_feedback: Feedback | None = None
        self.prompt = widgets.HTML(_prompt_html(question))
        self.input = self._build_input()
        self.check_button = widgets.Button(
            description="Check answer", icon="check",
            tooltip=f"Check your answer to question {question.id}",
        )
        self.check_button.on_click(lambda _button: self.check())
        self.feedback = widgets.HTML("")
        self.check_button.add_class("quiz-check")
        self.feedback.add_class("quiz-feedback")
        self.add_class("quiz-question")
        self.children = [self.prompt, self.input, self.check_button, self.feedback]

    # -- inputs -------------------------------------------------------------------------
    def _build_input(self) -> widgets.Widget:
        return getattr(self, f"_build_{self.question.kind}")()

    def _build_single(self) -> widgets.Widget:
        self.choice = widgets.RadioButtons(
            options=list(self.question.options), value=None, description="Answer:",
            style={"description_width": "initial"}, layout=AUTO,
        )
        self.choice.observe(self._changed, names="value")
        return self.choice

    def _build_multiple(self) -> widgets.Widget:
        self.checkboxes = [
            widgets.Checkbox(value=False, description=option, indent=False, layout=AUTO,
                             tooltip=f"Tick if this is right: {option}")
            for option in self.question.options
        ]
        for box in self.checkboxes:
            box.observe(self._changed, names="value")
        hint = widgets.HTML("<em>Tick every option that is right.</em>")
        return widgets.VBox([hint, *self.checkboxes])

    def _build_order(self) -> widgets.Widget:
        self.order = shuffled_order(self.question)
        self.order_select = widgets.Select(
            options=_numbered(self.order), rows=len(self.order), description="Order:",
            style={"description_width": "initial"}, layout=AUTO,
        )
        self.up_button = widgets.Button(
            description="Move up", icon="arrow-up",
            tooltip="Move the selected item one place earlier")
        self.down_button = widgets.Button(
            description="Move down", icon="arrow-down",
            tooltip="Move the selected item one place later")
        self.up_button.on_click(lambda _button: self.move(-1))
        self.down_button.on_click(lambda _button: self.move(+1))
        hint = widgets.HTML("<em>Select an item, then move it up or down. "
                            "The earliest goes first.</em>")
        buttons = widgets.VBox([self.up_button, self.down_button])
        return widgets.VBox([hint, widgets.HBox([self.order_select, buttons])])

    def _build_number(self) -> widgets.Widget:
        unit = self.question.unit
        is_year = unit.lower() in {"year", "years"}
        self.number = widgets.Text(
            value="", description=f"{unit.capitalize()}:" if unit else "Answer:",
            placeholder="e.g. 1950" if is_year else "type a number",
            style={"description_width": "initial"},
        )
        self.number.observe(self._changed, names="value")
        return self.number

    # -- actions ------------------------------------------------------------------------
    def response(self) -> Any:
        """The student's current answer, in the form ``grade`` expects."""
        kind = self.question.kind
        if kind == "single":
            return self.choice.value
        if kind == "multiple":
            return [o for o, b in zip(self.question.options, self.checkboxes, strict=True)
                    if b.value]
        if kind == "order":
            return list(self.order)
        return self.number.value

    @_safely
    def check(self) -> Feedback:
        """Grade the current answer, show the feedback and record it."""
        response = self.response()
        feedback = grade(self.question, response)
        if feedback.correct is False:
            self.wrong_attempts += 1
        reveal = feedback.correct or (
            feedback.correct is False and self.wrong_attempts >= self.reveal_after)
        self.feedback.value = feedback_html(feedback, reveal=bool(reveal))
        self.last_feedback = feedback
        if feedback.correct is not None:
            _record(self.question, response, feedback)
        return feedback

    @_safely
    def move(self, step: int) -> None:
        """Move the selected item of an order question ``step`` places (-1 up, +1 down)."""
        index = self.order_select.index
        if index is None:
            self.show_note("Select an item in the list first, then move it.")
            return
        target = index + step
        if not 0 <= target < len(self.order):
            self.show_note("That item is already " + ("first." if step < 0 else "last."))
            return
        self.order[index], self.order[target] = self.order[target], self.order[index]
        self.order_select.options = _numbered(self.order)
        self.order_select.index = target
        self._changed()

    def show_note(self, text: str) -> None:
        """A neutral note in the feedback area (not a verdict)."""
        self.feedback.value = (
            f'<div class="quiz-note" role="status" aria-live="polite" '
            f'style="border-left:6px solid {NOTE_COLOUR};padding:0.3em 0.8em">'
            f"{escape(text)}</div>")

    def _changed(self, _change: Any = None) -> None:
        """A changed answer makes the old verdict stale, so clear it."""
        self.feedback.value = ""


def _numbered(items: list[str]) -> list[tuple[str, str]]:
    return [(f"{i}. {item}", item) for i, item in enumerate(items, start=1)]


def _prompt_html(question: Question) -> str:
    return (f'<p class="quiz-prompt"><strong>Question {escape(question.id)}.</strong> '
            f"{escape(question.prompt)}</p>")


def feedback_html(feedback: Feedback, reveal: bool = True) -> str:
    """The feedback block: symbol, verdict word, message, explanation and source.

    The colour is only on the border, so text contrast is the theme's own.
    """
    colour = COLOURS[feedback.correct]
    verdict = feedback.verdict
    parts = [
        f'<div class="quiz-verdict" data-verdict="{verdict.lower().replace(" ", "-")}" '
        f'role="status" aria-live="polite" '
        f'style="border-left:6px solid {colour};padding:0.3em 0.8em;margin:0.3em 0">',
        f'<strong><span style="color:{colour}" aria-hidden="true">'
        f"{SYMBOLS[feedback.correct]}</span> {verdict}.</strong> {escape(feedback.message)}",
    ]
    if reveal and feedback.correct is not None and feedback.explanation:
        parts.append(f"<p><em>Why:</em> {escape(feedback.explanation)}</p>")
    if feedback.correct is not None and feedback.source:
        parts.append(f"<p><small>Source: {escape(feedback.source)}</small></p>")
    parts.append("</div>")
    return "".join(parts)


def _record(question: Question, response: Any, feedback: Feedback) -> None:
    """Save the result through ``comrades.progress`` if it is available; never raises."""
    try:
        from comrades import progress

        progress.record(lesson=question.lesson, item=question.id, kind=question.kind,
                        passed=bool(feedback.correct), answer=_answer_text(response),
                        detail=feedback.message)
    except Exception:  # noqa: BLE001 - progress is optional; the quiz must go on
        pass


def _answer_text(response: Any) -> str:
    if isinstance(response, list | tuple):
        return " | ".join(str(r) for r in response)
    return "" if response is None else str(response)


# ipywidgets gives each radio/checkbox label one fixed-height line, so a long option
# would run over the next one; let the labels of quiz options wrap instead.
_WRAP_LONG_OPTIONS = (
    "<style>.quiz .widget-radio-box label, .quiz .widget-checkbox label"
    "{display:flex;align-items:flex-start;gap:0.35em;height:auto;white-space:normal;"
    "line-height:1.35;min-height:var(--jp-widgets-inline-height);padding:2px 0}"
    ".quiz .widget-radio-box label input, .quiz .widget-checkbox input"
    "{flex:none;order:-1;margin-top:0.2em}</style>"
)


def show(lesson: str, section: str | None = None, reveal_after: int = 1) -> widgets.VBox:
    """The quiz of ``lesson`` (one ``section``, or all when None) under a heading.

    Raises ``QuizBankError`` for a broken bank and ``ValueError`` for an unknown section,
    so a typo in a notebook fails loudly in the tests instead of showing an empty quiz.
    """
    questions = [q for q in load_bank(lesson) if section is None or q.section == section]
    if not questions:
        known = ", ".join(dict.fromkeys(q.section for q in load_bank(lesson)))
        raise ValueError(f"lesson {lesson!r} has no quiz section {section!r}; "
                         f"its sections are: {known}")
    count = f"{len(questions)} question{'s' if len(questions) > 1 else ''}"
    heading = widgets.HTML(f'{_WRAP_LONG_OPTIONS}<h3 class="quiz-heading">Check your '
                           f"understanding</h3><p><em>{count}. Answer, then press “Check "
                           "answer”.</em></p>")
    box = widgets.VBox([heading, *(QuestionWidget(q, reveal_after) for q in questions)])
    box.add_class("quiz")
    return box
