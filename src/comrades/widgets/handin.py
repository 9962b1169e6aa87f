"""Boxes to hand in graded work: the answer is saved as given, never judged here.

The graded notebook of a class (``comrades.graded``, on the teacher's machine) writes a
``hand_in(...)`` cell for each item with its prompt's form: a number, a choice among
options, or items to put in order. The box holds no key: it says only whether the
answer is well formed ("type a number, e.g. 12") and, once it is, saves it whole
(``comrades.answers``) under the student's name and answers "handed in: your teacher
grades it". The teacher judges every hand-in with the class secret (``comrades.grade``).
Every control has a visible label and works from the keyboard.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from comrades import progress, status
from comrades.answers import read_number, to_record
from comrades.check import CheckResult
from comrades.items import GRADED, GRADED_LESSON
from comrades.quiz.widget import StudentPrompt
from comrades.widgets.answer import FULL, LABEL, AnswerBox, order_control

HANDED_IN = "Handed in: your teacher grades it."
FORMS = ("number", "choice", "choices", "order")


def well_formed(form: str, answer: Any, unit: str = "") -> str:
    """Why ``answer`` cannot be handed in as a ``form`` answer, or ''."""
    if form == "number" and read_number(answer, unit) is None:
        return f"Type a number, e.g. 12{' ' + unit if unit else ''}."
    if form == "choice" and not answer:
        return "Choose one of the options."
    if form == "choices" and not answer:
        return "Tick every option you think is right."
    if form == "order" and not answer:
        return "Put the items in order first."
    return ""


def hand_in_answer(item: str, answer: Any, form: str, unit: str = "") -> CheckResult:
    """Save ``answer`` to graded item ``item`` if it is well formed and a name is known."""
    if progress.needs_student(graded=True):
        return CheckResult(item, status.FAILED, "Not handed in yet: give your name in the "
                           "box at the top of this notebook first.")
    problem = well_formed(form, answer, unit)
    if problem:
        return CheckResult(item, status.FAILED, f"Not handed in yet: {problem}")
    saved = progress.record(GRADED_LESSON, item, GRADED, False, answer=to_record(answer),
                            detail=form, status=status.SUBMITTED)
    if not saved:
        return CheckResult(item, status.FAILED, "Not saved: see the warning above, then "
                           "press Hand in again.")
    return CheckResult(item, status.SUBMITTED, HANDED_IN)


def hand_in(item: str, form: str, shown: list[str] | tuple[str, ...] = (),
            unit: str = "") -> AnswerBox:
    """The box of graded item ``item``: a number field, options (one to choose, or any
    number to tick) or a list to order."""
    if form not in FORMS:
        raise ValueError(f"form must be one of {FORMS}, not {form!r}")
    if form == "number":
        field = w.Text(description=f"Your answer{f' ({unit})' if unit else ''}:",
                       style=LABEL, layout=FULL, placeholder="a number, in digits or words")
        controls, value = [field], (lambda: field.value)
    elif form == "choice":
        options = w.RadioButtons(options=list(shown), value=None, description="Your choice:",
                                 style=LABEL, layout=FULL)
        controls, value = [options], (lambda: options.value)
    elif form == "choices":
        ticks = [w.Checkbox(value=False, description=option, indent=False, layout=FULL)
                 for option in shown]
        controls, value = ([w.Label("Tick every right option:"), *ticks],
                           lambda: [tick.description for tick in ticks if tick.value])
    else:
        controls, value = order_control([(label, label) for label in shown])
    return AnswerBox(item, value, controls, button="Hand in",
                     act=lambda task, answer: hand_in_answer(task, answer, form, unit))


def name_box() -> StudentPrompt:
    """"Who is answering?": the name every hand-in of this kernel is saved under."""
    return StudentPrompt()
