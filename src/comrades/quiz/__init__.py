"""Quizzes from the question banks in ``data/quizzes/<lesson>.toml``.

In a notebook::

    from comrades import quiz
    quiz.show("02", section="alliance")

``bank`` loads and validates the files, ``grading`` grades answers (pure, never raises),
``shuffle`` gives each student their own order of options and ``widget`` draws them.
The widget module (and ipywidgets) is imported only when ``show`` or ``QuestionWidget``
is first used, so importing ``comrades.quiz`` is cheap.
"""

from __future__ import annotations

from typing import Any

from comrades.quiz.bank import (
    KINDS,
    Question,
    QuizBankError,
    available_lessons,
    bank_path,
    clear_cache,
    load_bank,
    load_file,
    sections,
)
from comrades.quiz.grading import Feedback, answer_text, grade
from comrades.quiz.shuffle import shuffled_options, student_seed

__all__ = [
    "KINDS", "Feedback", "Question", "QuestionWidget", "QuizBankError", "answer_text",
    "available_lessons", "bank_path", "clear_cache", "grade", "load_bank", "load_file",
    "StudentPrompt", "sections", "show", "shuffled_options", "student_seed",
]

_LAZY = {"show", "QuestionWidget", "StudentPrompt", "feedback_html", "reveal_html", "hint_html"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from comrades.quiz import widget

        return getattr(widget, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
