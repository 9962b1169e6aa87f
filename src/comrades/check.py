"""Exercise self-checks: ``check("02.3", answer)`` says what is right or what is off.

A check never raises and never hangs, whatever it is given: an unanswered task
(``...``, ``None``) is "not answered yet"; a wrong type or shape gets a hint that says
what was expected. A failed check says what is off and where, never the expected value;
seeing the answer is a deliberate act (``check(task, answer, reveal=True)`` or
``reveal(task)``) and is always recorded as "revealed". Written work is recorded whole,
as "submitted"; its key points are revealed only for a real attempt. A number is told
which way it is off at its first wrong try only. Every result is a :class:`CheckResult`
a program can read; it is also recorded by ``comrades.progress``.

Tasks are declared in ``comrades.tasks.lessonNN`` with the kinds of
``comrades.tasks.kinds`` and registered here with :func:`register`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import traceback
from dataclasses import dataclass, replace
from typing import Protocol, TypeVar

from comrades import objectives, status, untrusted
from comrades.answers import format_number, plain, read_number, to_record
from comrades.status import FAILED, PASSED, REVEALED, SUBMITTED, UNANSWERED


@dataclass(frozen=True)
class CheckResult:
    task: str
    status: str
    message: str
    checked: str = ""  # what was verified, said honestly, never the expected value
    error: str = ""  # a checker's own exception, caught so the student never sees it

    @property
    def passed(self) -> bool:
        return self.status == PASSED

    def __bool__(self) -> bool:
        return self.passed

    def __str__(self) -> str:
        text = f"{status.word(self.status)} ({self.task}): {self.message}"
        return text + (f" [Checked: {self.checked}]" if self.checked else "")

    def _repr_html_(self) -> str:
        colour = status.COLOURS.get(self.status, "#000000")
        checked = (f"<br><small>Checked: {untrusted.text(self.checked)}</small>"
                   if self.checked else "")
        return (f"<div class='check-result' data-status='{untrusted.text(self.status)}' "
                f"style='border-left:4px solid {colour};padding-left:0.5em'>"
                f"<b>{untrusted.text(status.word(self.status))}</b> "
                f"({untrusted.text(self.task)}): {untrusted.text(self.message)}{checked}</div>")


@dataclass(frozen=True)
class Verdict:
    """What a task kind says about one answer: a status and a message. ``again`` is the
    message for a repeat wrong try when ``message`` says which way the answer is off:
    only the first wrong try at a task gets a direction, so no one halves the range."""
    status: str
    message: str
    again: str = ""


class Task(Protocol):
    """What :func:`register` needs of a task (see ``comrades.tasks.kinds``)."""

    @property
    def checked(self) -> str: ...  # read only: some kinds compute it, some fix it

    def judge(self, answer) -> Verdict: ...

    def answer_text(self) -> str: ...


AnyTask = TypeVar("AnyTask", bound=Task)
_REGISTRY: dict[str, Task] = {}
_OBJECTIVE: dict[str, str] = {}  # task id -> the objective it serves ("02-O3", "P-O2")
# Every result of this session, in order: lets a test (or a teacher's tool) read the
# outcome of a whole executed notebook as objects rather than printed text.
history: list[CheckResult] = []
# A lesson's tasks are "02.3"; the data primer's are "P.1" (comrades.objectives.PRIMER).
TASK_ID = re.compile(r"(?:\d\d|P)\.\d+")


def register(task_id: str, task: AnyTask, objective: str = "") -> AnyTask:
    """Register ``task`` (an instance of a kind in ``comrades.tasks.kinds``) as ``task_id``,
    serving ``objective`` (an id of ``comrades.objectives``: "O2" of the task's own
    lesson, or a full id such as "P-O3" for a coding skill the primer teaches)."""

    if not TASK_ID.fullmatch(task_id):
        raise ValueError(f"task ids look like '02.3' (or 'P.1' in the primer), not "
                         f"{task_id!r}")
    if task_id in _REGISTRY:
        raise ValueError(f"task {task_id} is declared twice")
    if objective:
        objective = objectives.full_id(task_id.split(".")[0], objective)
        if not objectives.known(objective):
            raise ValueError(f"task {task_id} names an unknown objective {objective!r}")
    _REGISTRY[task_id] = task
    _OBJECTIVE[task_id] = objective
    return task


def task_objective(task_id: str) -> str:
    """The objective task ``task_id`` serves ("" if its declaration names none)."""
    _load_tasks()
    return _OBJECTIVE[task_id]


def is_unanswered(answer) -> bool:
    if answer is None or answer is ...:
        return True
    if isinstance(answer, str) and answer.strip() in ("", "...", "YOUR ANSWER HERE"):
        return True
    return isinstance(answer, float) and math.isnan(answer)


def check(task: str, answer=None, *, record: bool = True, reveal: bool = False) -> CheckResult:
    """Check ``answer`` to exercise task ``task`` (e.g. ``"02.3"``); never raises.

    ``reveal=True`` also shows the expected answer, and always records that it was shown
    (after the answer given with it, recorded as an attempt of its own): ``record=False``
    (for the course's own tests and a teacher's key notebook, which check answers that
    are not a student's) never hides a reveal. A kind may refuse a reveal until the answer
    is a real attempt (written work: :meth:`~comrades.tasks.kinds.FreeText.reveal_problem`);
    then the answer is checked as usual and nothing is revealed.
    """
    task = str(task).strip()
    _load_tasks()
    declared = _REGISTRY.get(task)
    gate = getattr(declared, "reveal_problem", None)  # a kind may refuse a reveal
    refused = _safe(lambda: gate(answer), "") if reveal and gate is not None else ""
    if refused:
        reveal = False
    attempt = None
    if reveal and declared is not None and not is_unanswered(answer):
        attempt = _run(task, answer, False)  # the answer given, an attempt of its own
    result = _run(task, answer, reveal)
    if refused:
        result = replace(result, message=f"{refused} {result.message}")
    if getattr(declared, "written", False) and result.status == FAILED \
            and _handed_in(task):
        record = False  # a shorter re-check never turns handed-in work to failed
        result = replace(result, message=f"{result.message} Your earlier text stays "
                         "handed in; this shorter one was not saved.")
    history.append(result)
    if (record or reveal) and declared is not None:
        for outcome in (attempt, result):
            if outcome is not None and outcome.status in (PASSED, FAILED, SUBMITTED,
                                                          REVEALED):
                _save(task, answer, outcome)
    return result


def _save(task: str, answer, result: CheckResult) -> None:
    from comrades import progress

    # Written work is kept as the text it is; any other answer whole, as a record the
    # teacher's machine judges again (comrades.answers, python -m comrades.grade).
    written = getattr(_REGISTRY.get(task), "written", False)
    kept = answer if written and isinstance(answer, str) else to_record(answer)
    progress.record(task.split(".")[0], task, "exercise", result.passed,
                    "" if is_unanswered(answer) else kept, result.message,
                    status=result.status)


def _handed_in(task: str) -> bool:
    """True when written work for ``task`` was handed in (saved as submitted) before."""
    from comrades import progress

    return any(r["item"] == task and r["kind"] == "exercise" and r["status"] == SUBMITTED
               for r in progress.results())


def reveal(task: str) -> CheckResult:
    """Show the expected answer of ``task``, and record that it was shown."""
    return check(task, None, reveal=True)


def _run(task: str, answer, reveal: bool) -> CheckResult:
    _load_tasks()
    declared = _REGISTRY.get(task)
    if declared is None:
        return CheckResult(task, FAILED, _unknown_task(task))
    checked = _safe(lambda: declared.checked, "")
    if reveal:
        shown = _safe(declared.answer_text, "the answer could not be shown")
        before = ""
        if not is_unanswered(answer):
            verdict, _ = _judge(declared, answer)
            word = status.word(verdict.status)
            before = f"Your answer — {word.lower()}: {verdict.message} "
        return CheckResult(task, REVEALED, f"{before}The expected answer: {shown}", checked)
    if is_unanswered(answer):
        return CheckResult(task, UNANSWERED, "Replace the ... with your answer, run the cell, "
                           "then run this check again.", checked)
    verdict, error = _judge(declared, answer)
    message = verdict.message
    if verdict.status == FAILED and verdict.again and _wrong_before(task):
        message = verdict.again
    return CheckResult(task, verdict.status, message, checked, error)


def _wrong_before(task: str) -> bool:
    """True when ``task`` was already answered wrongly: in this session (recorded or
    not) or in the saved progress of this student."""
    if any(r.task == task and r.status == FAILED for r in history):
        return True
    from comrades import progress

    return any(r["item"] == task and r["kind"] == "exercise" and r["status"] == FAILED
               for r in progress.results())


def _judge(declared: Task, answer) -> tuple[Verdict, str]:
    try:
        return declared.judge(answer), ""
    except Exception as err:  # a checker bug must not become the student's traceback
        where = traceback.extract_tb(err.__traceback__)[-1]
        error = f"{type(err).__name__}: {err} ({where.filename}:{where.lineno})"
        return Verdict(FAILED, "This answer could not be checked "
                       f"({type(err).__name__}); compare its form with the task's "
                       "example."), error


def _safe(function, fallback):
    try:
        return function()
    except Exception:
        return fallback


def _unknown_task(task: str) -> str:
    """Why ``task`` is not a task id, with the id the student probably meant."""
    shown = show(task, 20)
    match = re.fullmatch(r"\s*0*(\d{1,2})\s*[.,_ -]\s*0*(\d{1,2})\s*", task)
    if match:
        guess = f"{int(match.group(1)):02d}.{int(match.group(2))}"
        if guess in _REGISTRY:
            return f"There is no task {shown}: did you mean {guess}? Nothing was recorded."
    lessons = sorted({t.split(".")[0] for t in _REGISTRY})
    return (f"There is no task {shown}. Task ids look like '02.3': the lesson "
            f"({', '.join(lessons)}), a dot, then the task number. Nothing was recorded.")


def registered_tasks() -> list[str]:
    """Every task id that has a check, in order."""
    _load_tasks()
    return sorted(_REGISTRY, key=lambda t: (lesson_order(t.split(".")[0]),
                                            int(t.split(".")[1])))


def lesson_id(value) -> str:
    """A lesson id as the course writes it: "3" -> "03", "p" -> "P" (the primer), "g" ->
    "G" (a class's graded items), "l" -> "L" (events added in the historian's lab)."""
    text = str(value).strip()
    return text.upper() if text.upper() in ("P", "G", "L") else text.zfill(2)


def lesson_label(lesson) -> str:
    """How a lesson is named to a reader: "lesson 03", or "the data primer (P)"."""
    lesson = lesson_id(lesson)
    named = {"P": "the data primer (P)", "G": "graded work (G)",
             "L": "the historian's lab (L)"}
    return named.get(lesson, f"lesson {lesson}")


def lesson_order(lesson: str) -> tuple[int, str]:
    """Sort key of a lesson id in course order: 00, the primer (P), 01, 02 …"""
    lesson = str(lesson)
    if lesson == "P":
        return (0, "00b")
    return (0, lesson) if lesson.isdigit() else (1, lesson)


def task(task_id: str) -> Task:
    """The declared task ``task_id`` (KeyError if there is none)."""
    _load_tasks()
    return _REGISTRY[task_id]


def _load_tasks() -> None:
    try:
        import comrades.tasks  # noqa: F401  (registers the exercise checks on import)
    except ModuleNotFoundError as err:
        if err.name != "comrades.tasks":
            raise


# --- normalising answers ---------------------------------------------------------------





def as_whole(answer) -> int | None:
    """``answer`` as an int when it is a whole number in any form (2, 2.0, np.int64(2))."""
    value = read_number(answer)
    return int(value) if value is not None and value.is_integer() else None


def as_days(answer) -> float | None:
    """A number of days from a number, a ``Timedelta``, ``timedelta`` or ``timedelta64``."""
    try:
        import numpy as np
        import pandas as pd

        if isinstance(answer, np.timedelta64):
            answer = pd.Timedelta(answer)
        if isinstance(answer, pd.Timedelta) and pd.isna(answer):
            return None
    except Exception:  # pragma: no cover - numpy and pandas are dependencies
        pass
    if isinstance(answer, dt.timedelta):  # pd.Timedelta is one too
        return answer.total_seconds() / 86400
    return read_number(answer)


def as_text(answer) -> str | None:
    """Text with stray whitespace removed, or None when ``answer`` is not text."""
    answer = plain(answer)
    if not isinstance(answer, str):
        return None
    return " ".join(answer.split())




def show(answer, limit: int = 60) -> str:
    """A one-line glimpse of any object, however large or strange: never a numpy repr or
    a multi-line table."""
    try:
        answer = plain(answer)
        kind = type(answer).__name__
        if kind == "DataFrame":
            rows, cols = answer.shape
            text = f"a table of {rows} row{'s' * (rows != 1)} and {cols} column" \
                   f"{'s' * (cols != 1)}"
        elif kind == "Series":
            text = f"a Series of {len(answer)} value{'s' * (len(answer) != 1)}"
        elif isinstance(answer, float | int) and not isinstance(answer, bool) \
                and read_number(answer) is not None:
            text = format_number(answer)
        elif isinstance(answer, list | tuple):
            text = "[" + ", ".join(show(a, limit) for a in answer[:6]) + \
                   (", …" if len(answer) > 6 else "") + "]"
        else:
            text = repr(answer)
    except Exception:
        text = f"<{type(answer).__name__}>"
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def numbered(points, sep: str = " ") -> str:
    """Key points as one line: ``(1) first (2) second …``."""
    return sep.join(f"({i}) {p}" for i, p in enumerate(points, start=1))
