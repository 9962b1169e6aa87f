"""Quiz widgets: ipywidgets only, no custom JavaScript, keyboard-operable.

Every control is a native ipywidget (focusable, labelled by its description and
tooltip). Every event handler goes through ``_safely``, so whatever a student clicks,
in whatever order, the worst outcome is a polite note in the feedback area.

What a student sees, and what is saved (``comrades.progress``):

* options in the student's own order (``shuffle``), graded by text, not position;
* "Check answer" records every attempt as passed or failed. A first wrong try shows
  the question's hint (and, for a number, which way it is off; later tries only say
  "not yet"); the explanation comes with a right answer, after a second wrong try, or
  with "Show answer". An explanation names the answer, so once it is shown after a
  wrong try or "Show answer" the question is closed and the attempt recorded as
  "revealed" (never "passed"): nothing typed afterwards is taken;
* an order question can be checked only once an item has been moved.
"""

from __future__ import annotations

import functools
from typing import Any

import ipywidgets as widgets

from comrades import status, untrusted
from comrades.quiz.bank import Question, load_bank
from comrades.quiz.grading import Feedback, answer_text, count, grade, number_kind
from comrades.quiz.keys import explanation_of
from comrades.quiz.shuffle import shuffled_options, student_seed

# Okabe–Ito colour-blind-safe palette; the verdict word is always shown as well.
COLOURS = {c: status.COLOURS[status.of_verdict(c)] for c in (True, False, None)}
SYMBOLS = {True: "\u2714", False: "\u2718", None: "\u2026"}
NOTE_COLOUR = "#999999"
REVEALED = status.REVEALED
EXPLAINED = "The explanation was shown, so the question is closed."
NAME_FIRST = "Type your name in the box above the questions and press “This is me” first."
CLOSED_BEFORE = ("You have seen the answer to this question, so it is closed; your "
                 "teacher sees it as “answer shown”.")
AUTO = {"width": "auto"}
MOVE_FIRST = ("Move at least one item with “Move up” or “Move down”; "
              "“Check answer” is ready once you have.")
NUMBER_INPUT = {  # label and placeholder of the box, by the kind of number asked for
    "year": ("Year:", "a year, in digits"),
    "count": ("Number of {unit}:", "a whole number, in digits"),
    "plain": ("Answer:", "a number, in digits"),
}


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
    """One question: prompt, input, "Check answer", "Show answer" and a feedback area.

    ``reveal_after`` is the number of wrong tries after which "Check answer" shows the
    explanation (2: the first wrong try shows only the hint). ``seed`` sets the order of
    the options; by default it is the student's install id. ``require_name`` (graded
    mode): no answer is checked until the student has given a name.
    """

    def __init__(self, question: Question, reveal_after: int = 2, seed: str | None = None,
                 require_name: bool = False, **kwargs: Any):
        super().__init__(**kwargs)
        self.question = question
        self.require_name = require_name  # graded mode: no answer taken from no one
        self.reveal_after = reveal_after
        self.seed = student_seed() if seed is None else seed
        self.shown = shuffled_options(question, self.seed)
        self.wrong_attempts = 0
        self.solved = False
        self.revealed = False
        self.last_feedback: Feedback | None = None
        self.prompt = widgets.HTML(_prompt_html(question))
        self.input = self._build_input()
        self.check_button = widgets.Button(
            description="Check answer", icon="check",
            tooltip=f"Check your answer to question {question.id}",
        )
        self.check_button.on_click(lambda _button: self.check())
        self.reveal_button = widgets.Button(
            description="Show answer", icon="eye",
            tooltip=("Show the right answer and the explanation. This ends the question "
                     "and is saved as 'answer shown'."),
        )
        self.reveal_button.on_click(lambda _button: self.reveal())
        self.feedback = widgets.HTML("")
        self.check_button.add_class("quiz-check")
        self.reveal_button.add_class("quiz-reveal")
        self.feedback.add_class("quiz-feedback")
        self.add_class("quiz-question")
        if question.kind == "order":
            self.check_button.disabled = True
            self.check_button.tooltip = MOVE_FIRST
        self.children = [self.prompt, self.input,
                         widgets.HBox([self.check_button, self.reveal_button]), self.feedback]
        if _revealed_before(question):  # a re-run cell does not reopen a closed question
            self._close()
            self.show_note(CLOSED_BEFORE)

    # -- inputs -------------------------------------------------------------------------
    def _build_input(self) -> widgets.Widget:
        return getattr(self, f"_build_{self.question.kind}")()

    def _build_single(self) -> widgets.Widget:
        self.choice = widgets.RadioButtons(
            options=list(self.shown), value=None, description="Answer:",
            style={"description_width": "initial"}, layout=AUTO,
        )
        self.choice.observe(self._changed, names="value")
        return self.choice

    def _build_multiple(self) -> widgets.Widget:
        self.checkboxes = [
            widgets.Checkbox(value=False, description=option, indent=False, layout=AUTO,
                             tooltip=f"Tick if this is right: {option}")
            for option in self.shown
        ]
        for box in self.checkboxes:
            box.observe(self._changed, names="value")
        hint = widgets.HTML("<em>Tick every option that is right.</em>")
        return widgets.VBox([hint, *self.checkboxes])

    def _build_order(self) -> widgets.Widget:
        self.order = list(self.shown)
        self.moved = False
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
        hint = widgets.HTML("<em>Select an item, then move it up or down. The earliest "
                            "goes first. “Check answer” is ready once you have moved "
                            "an item.</em>")
        buttons = widgets.VBox([self.up_button, self.down_button])
        return widgets.VBox([hint, widgets.HBox([self.order_select, buttons])])

    def _build_number(self) -> widgets.Widget:
        kind = number_kind(self.question)
        label, placeholder = NUMBER_INPUT[kind]
        self.number = widgets.Text(
            value="", description=label.format(unit=self.question.unit),
            placeholder=placeholder, style={"description_width": "initial"},
        )
        self.number.observe(self._changed, names="value")
        return self.number

    def _controls(self) -> list[widgets.Widget]:
        """Every control a student can change or press, to close the question."""
        kind = self.question.kind
        if kind == "single":
            controls = [self.choice]
        elif kind == "multiple":
            controls = list(self.checkboxes)
        elif kind == "order":
            controls = [self.order_select, self.up_button, self.down_button]
        else:
            controls = [self.number]
        return [*controls, self.check_button, self.reveal_button]

    # -- actions ------------------------------------------------------------------------
    def response(self) -> Any:
        """The student's current answer, in the form ``grade`` expects (option texts)."""
        kind = self.question.kind
        if kind == "single":
            return self.choice.value
        if kind == "multiple":
            return [o for o, b in zip(self.shown, self.checkboxes, strict=True) if b.value]
        if kind == "order":
            return list(self.order)
        return self.number.value

    @_safely
    def check(self) -> Feedback | None:
        """Grade the current answer, show the feedback and record the attempt. The wrong
        try that brings the explanation closes the question, recorded as "revealed"."""
        if self.revealed or self.solved:  # closed: what was shown stays, nothing is saved
            return None
        if self.question.kind == "order" and not self.moved:
            self.show_note(MOVE_FIRST)
            return None
        if self.require_name and not _known_student():
            self.show_note(NAME_FIRST)
            return None
        response = self.response()
        feedback = grade(self.question, response, first_wrong=self.wrong_attempts == 0)
        if feedback.correct is False:
            self.wrong_attempts += 1
        if feedback.correct:  # the explanation follows: the question is done
            self.solved = True
            self._disable()
        explain = bool(feedback.correct) or (
            feedback.correct is False and self.wrong_attempts >= self.reveal_after)
        self.feedback.value = feedback_html(feedback, reveal=explain)
        self.last_feedback = feedback
        if feedback.correct is False and explain:  # the explanation names the answer
            self._close()
            _record(self.question, response, f"{feedback.message} {EXPLAINED}", REVEALED)
        elif feedback.correct is not None:
            _record(self.question, response, feedback.message, status.of_verdict(
                feedback.correct))
        return feedback

    @_safely
    def reveal(self) -> None:
        """Show the right answer and the explanation, record "revealed", close the question."""
        if self.revealed or self.solved:
            return
        if self.require_name and not _known_student():
            self.show_note(NAME_FIRST)
            return
        self._close()
        self.feedback.value = reveal_html(self.question)
        _record(self.question, self.response(), "answer shown", REVEALED)

    def _close(self) -> None:
        """The answer was shown: no further answer is taken."""
        self.revealed = True
        self._disable()

    def _disable(self) -> None:
        for control in self._controls():
            control.disabled = True

    @_safely
    def move(self, step: int) -> None:
        """Move the selected item of an order question ``step`` places (-1 up, +1 down)."""
        if self.revealed:  # closed: the right order stays in view
            return
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
        if not self.moved:
            self.moved = True
            self.check_button.disabled = self.revealed
            self.check_button.tooltip = f"Check your answer to question {self.question.id}"
        self._changed()

    def show_note(self, text: str) -> None:
        """A neutral note in the feedback area (not a verdict)."""
        self.feedback.value = _note_html(text)

    def _changed(self, _change: Any = None) -> None:
        """A changed answer makes the old verdict stale, so clear it; a hint already
        given stays in view while the student tries again."""
        if self.wrong_attempts and not self.solved and not self.revealed:
            self.feedback.value = hint_html(self.question.hint)
        elif not self.revealed:
            self.feedback.value = ""


def _numbered(items: list[str]) -> list[tuple[str, str]]:
    return [(f"{i}. {item}", item) for i, item in enumerate(items, start=1)]


def _prompt_html(question: Question) -> str:
    return (f'<p class="quiz-prompt"><strong>Question {untrusted.text(question.id)}.</strong> '
            f"{untrusted.text(question.prompt)}</p>")


def feedback_html(feedback: Feedback, reveal: bool = True) -> str:
    """The feedback block: symbol, verdict word, message, then the hint (a wrong try
    before the explanation is due) or the explanation, and the source.

    The colour is only on the border, so text contrast is the theme's own.
    """
    colour = COLOURS[feedback.correct]
    verdict = feedback.verdict
    parts = [
        f'<div class="quiz-verdict" data-verdict="{verdict.lower().replace(" ", "-")}" '
        f'role="status" aria-live="polite" '
        f'style="border-left:6px solid {colour};padding:0.3em 0.8em;margin:0.3em 0">',
        f'<strong><span style="color:{colour}" aria-hidden="true">'
        f"{SYMBOLS[feedback.correct]}</span> {verdict}.</strong> "
        f"{untrusted.text(feedback.message)}",
    ]
    if feedback.correct is not None:
        if reveal and feedback.explanation:
            parts.append(f"<p><em>Why:</em> {untrusted.text(feedback.explanation)}</p>")
        elif not reveal and feedback.hint:
            parts.append(f'<p class="quiz-hint"><em>Hint:</em> {untrusted.text(feedback.hint)}</p>')
        if feedback.source:
            parts.append(f"<p><small>Source: {untrusted.text(feedback.source)}</small></p>")
    parts.append("</div>")
    return "".join(parts)


def hint_html(hint: str) -> str:
    """The hint alone, kept in view while the student changes the answer."""
    return _note_html(hint, label="Hint:", css="quiz-hint")


def reveal_html(question: Question) -> str:
    """What "Show answer" shows: the answer, the explanation and the source."""
    return (f'<div class="quiz-verdict" data-verdict="answer-shown" role="status" '
            f'aria-live="polite" style="border-left:6px solid {NOTE_COLOUR};'
            f'padding:0.3em 0.8em;margin:0.3em 0"><strong>Answer shown.</strong> '
            f"{untrusted.text(answer_text(question))}"
            f"<p><em>Why:</em> {untrusted.text(explanation_of(question))}</p>"
            f"<p><small>Source: {untrusted.text(question.source)}</small></p></div>")


def _note_html(text: str, label: str = "", css: str = "quiz-note") -> str:
    lead = f"<em>{untrusted.text(label)}</em> " if label else ""
    return (f'<div class="{css}" role="status" aria-live="polite" '
            f'style="border-left:6px solid {NOTE_COLOUR};padding:0.3em 0.8em">'
            f"{lead}{untrusted.text(text)}</div>")


def _record(question: Question, response: Any, detail: str, outcome: str) -> None:
    """Save one attempt through ``comrades.progress`` if it is available; never raises."""
    try:
        from comrades import progress

        progress.record(lesson=question.lesson, item=question.id, kind=question.kind,
                        passed=outcome == status.PASSED, answer=_answer_text(response),
                        detail=detail, status=outcome)
    except Exception:  # noqa: BLE001 - progress is optional; the quiz must go on
        pass


def _revealed_before(question: Question) -> bool:
    """True when this student's saved progress shows the answer of ``question`` was seen
    (an explanation or "Show answer"); False when progress cannot be read."""
    try:
        from comrades import progress

        return any(row["item"] == question.id and row["kind"] == question.kind
                   and row["status"] == REVEALED for row in progress.results())
    except Exception:  # noqa: BLE001 - progress is optional; the quiz must go on
        return False


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


class StudentPrompt(widgets.VBox):
    """"Who is answering?": a labelled name box and a button that saves the name for this
    kernel (``comrades.progress.set_student``), so that students sharing a computer
    account keep separate records and every export carries the name. Shown before a
    quiz in graded mode; optional in self-study."""

    def __init__(self, **kwargs: Any):
        super().__init__(**kwargs)
        self.name = widgets.Text(value=_known_student(), description="Your name:",
                                 placeholder="as your teacher knows you",
                                 style={"description_width": "initial"},
                                 tooltip="Your answers are saved under this name")
        self.button = widgets.Button(description="This is me", icon="user",
                                     tooltip="Save your answers under this name")
        self.message = widgets.HTML("")
        self.button.on_click(lambda _button: self.save())
        self.add_class("quiz-student")
        self.children = [widgets.HBox([self.name, self.button]), self.message]

    def save(self) -> str:
        """Save the typed name; return it as saved ("" when it was refused)."""
        try:
            from comrades import progress

            name = progress.set_student(self.name.value)
        except (ValueError, ImportError, AttributeError) as err:
            self.message.value = _note_html(str(err) if isinstance(err, ValueError)
                                            else "Your name could not be saved.")
            return ""
        self.name.value = name
        self.message.value = _note_html(f"Your answers are saved under the name {name}.")
        return name


def _known_student() -> str:
    """The name the course already knows for this kernel, or ""."""
    try:
        from comrades import progress

        return str(progress.student_name())
    except Exception:  # noqa: BLE001 - progress is optional; the quiz must go on
        return ""


def show(lesson: str, section: str | None = None, reveal_after: int = 2,
         ask_name: bool = False) -> widgets.VBox:
    """The quiz of ``lesson`` (one ``section``, or all when None) under a heading.

    Raises ``QuizBankError`` for a broken bank and ``ValueError`` for an unknown section,
    so a typo in a notebook fails loudly in the tests instead of showing an empty quiz.
    ``ask_name`` (graded mode) puts a :class:`StudentPrompt` first when no name is known.
    """
    questions = [q for q in load_bank(lesson) if section is None or q.section == section]
    if not questions:
        known = ", ".join(dict.fromkeys(q.section for q in load_bank(lesson)))
        raise ValueError(f"lesson {lesson!r} has no quiz section {section!r}; "
                         f"its sections are: {known}")
    heading = widgets.HTML(f'{_WRAP_LONG_OPTIONS}<h3 class="quiz-heading">Check your '
                           f"understanding</h3><p><em>{count(len(questions), 'question')}. "
                           "Answer, then press “Check answer”. A wrong try gives a hint; "
                           "“Show answer” shows the answer and ends the question.</em></p>")
    seed = student_seed()
    prompt = [StudentPrompt()] if ask_name and not _known_student() else []
    box = widgets.VBox([heading, *prompt,
                        *(QuestionWidget(q, reveal_after, seed, require_name=ask_name)
                          for q in questions)])
    box.add_class("quiz")
    return box
