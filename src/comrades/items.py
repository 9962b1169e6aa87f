"""What the course asks: its quiz questions and its exercise tasks, by id.

One place answers "is this a real item of the course, and what did it ask?" for the
student's own progress view (how many items each lesson has) and for the teacher's
class summary (an id read from a student's file must be one of these, or the row is
skipped). Quiz ids come from the question banks (``comrades.quiz``), task ids from
``comrades.check.registered_tasks()``.

A bank a teacher is halfway through editing, or one the TOML reader cannot parse at all
(a 5,000-deep nested array raises ``RecursionError`` there), is left out with a warning
naming the file; it never stops either view.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field

from comrades import objectives

EXERCISE = "exercise"  # the ``kind`` comrades.check records; quiz kinds are the banks'
# Graded items (comrades.graded) are a class's own: G.1, G.2 … saved under this kind.
GRADED, GRADED_LESSON = "graded", "G"
_GRADED_ID = re.compile(r"G\.\d{1,2}")
# Events a student adds in the historian's lab (comrades.lab): L.1, L.2 … saved under this
# kind; evidence for the teacher to read, never an item to grade.
LAB_EVENT, LAB_LESSON = "lab-event", "L"
_LAB_ID = re.compile(r"L\.\d{1,4}")


@dataclass(frozen=True)
class Catalogue:
    """Every quiz question (id -> kind and prompt) and exercise task id of the course."""

    question_kinds: dict[str, str] = field(default_factory=dict)
    prompts: dict[str, str] = field(default_factory=dict)
    tasks: frozenset[str] = frozenset()
    quiz_kinds: frozenset[str] = frozenset()
    problems: tuple[str, ...] = ()

    def per_lesson(self, exercises: bool) -> dict[str, int]:
        """How many tasks (``exercises``) or quiz questions each lesson has."""
        counts: dict[str, int] = {}
        for item in (self.tasks if exercises else self.question_kinds):
            lesson = item.split(".")[0]
            counts[lesson] = counts.get(lesson, 0) + 1
        return counts

    def problem(self, item: str, kind: str) -> tuple[str, str] | None:
        """``(column, reason)`` when ``item`` of ``kind`` is not an item of the course."""
        if kind == EXERCISE:
            if item not in self.tasks:
                return "item", "is not an exercise task of the course"
        elif kind == GRADED:
            if not _GRADED_ID.fullmatch(item):
                return "item", "is not a graded item (G.1, G.2 …)"
        elif kind == LAB_EVENT:
            if not _LAB_ID.fullmatch(item):
                return "item", "is not an event added in the historian's lab (L.1, L.2 …)"
        elif kind in self.quiz_kinds:
            if item not in self.question_kinds:
                return "item", "is not a quiz question of the course"
        else:
            kinds = ", ".join(sorted(self.quiz_kinds | {EXERCISE, GRADED, LAB_EVENT}))
            return "kind", f"is not a kind of item (one of {kinds})"
        return None


def _unread_bank(err: Exception) -> str:
    """Why a question bank could not be read, in one line."""
    from comrades.quiz import QuizBankError

    if isinstance(err, RecursionError):
        return f"nested too deeply to read ({type(err).__name__})"
    if isinstance(err, QuizBankError) and err.problems:
        listed = err.problems
        more = f"; and {len(listed) - 3} more" if len(listed) > 3 else ""
        return f"{err.path.name}: " + "; ".join(listed[:3]) + more
    return str(err).splitlines()[0]


def catalogue() -> Catalogue:
    """The items of the course as they are now (banks are re-read when edited)."""
    from comrades import quiz
    from comrades.check import registered_tasks
    from comrades.quiz.bank import KINDS

    kinds: dict[str, str] = {}
    prompts: dict[str, str] = {}
    problems: list[str] = []
    for lesson in quiz.available_lessons():
        try:
            bank = quiz.load_bank(lesson)
        except Exception as err:  # noqa: BLE001 - a broken bank must not stop a summary
            problems.append(f"the question bank of lesson {lesson} was left out: "
                            f"{_unread_bank(err)}")
            continue
        for question in bank:
            text = " ".join(question.prompt.split())
            kinds[question.id] = question.kind
            prompts[question.id] = text if len(text) <= 90 else text[:89] + "…"
    for problem in problems:
        warnings.warn(problem, stacklevel=2)
    return Catalogue(kinds, prompts, frozenset(registered_tasks()), frozenset(KINDS),
                     tuple(problems))


def coverage() -> dict[str, list[str]]:
    """Every objective id -> the quiz questions and exercise tasks that serve it."""
    from comrades import quiz
    from comrades.check import registered_tasks, task_objective

    served: dict[str, list[str]] = {oid: [] for oid in objectives.all_ids()}
    for lesson in quiz.available_lessons():
        for question in quiz.load_bank(lesson):
            served.setdefault(question.objective, []).append(f"quiz {question.id}")
    for task_id in registered_tasks():
        served.setdefault(task_objective(task_id), []).append(f"task {task_id}")
    return served
