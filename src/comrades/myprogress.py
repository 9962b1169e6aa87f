"""A student's own view of their progress, and a button to export it for the teacher.

In a notebook (``docs/my_progress.ipynb``)::

    from comrades import myprogress
    myprogress.show()

``summary`` turns the results saved by ``comrades.progress`` into one row per lesson;
``chart`` draws that table; ``written_work`` lists the written answers handed in, with
their text; ``show`` displays them with an "Export for my teacher" button. Exporting
never overwrites a file (not even a dangling symbolic link): each export gets a new
name, ``progress-<name>-<n>.csv``, in the folder the notebook runs in, and carries the
per-install id that tells two students of the same name apart.

A quiz question counts as *correct* when the student's **last** attempt at it was
right; an exercise task counts as *done* when its last check passed or, for written
work, when it was handed in (status ``submitted``): running every worked solution makes
every lesson's exercises complete. Counting is the class summary's
(``comrades.classroom``), for one student. Everything here is read-only on the progress
file, every saved text is shown as text, and nothing raises on empty or odd progress
(not even a question bank too broken to parse).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import altair as alt
import pandas as pd

from comrades import charts, classroom, items, progress, status, tables, untrusted
from comrades.check import lesson_id, lesson_label, lesson_order

EXERCISE = items.EXERCISE  # the ``kind`` comrades.check records; quiz kinds are the others
COLUMNS = ["lesson", "quiz_questions", "quiz_answered", "quiz_correct", "exercise_tasks",
           "tasks_tried", "tasks_done"]
MEASURES = {  # column -> (label in the chart, Okabe-Ito colour)
    "quiz_answered": ("Quiz questions answered", charts.OKABE_ITO["sky blue"]),
    "quiz_correct": ("Quiz questions correct (last attempt)", charts.OKABE_ITO["blue"]),
    "tasks_done": ("Exercise tasks done (passed, or written work handed in)",
                   charts.OKABE_ITO["orange"]),
}
TOTALS = {"quiz_answered": "quiz_questions", "quiz_correct": "quiz_questions",
          "tasks_done": "exercise_tasks"}
EMPTY_MESSAGE = ("You have no saved answers yet. Answer a quiz question in any lesson "
                 "(press <b>Check answer</b>) or run an exercise check, then run this "
                 "cell again to see your progress here.")


# --- the numbers -----------------------------------------------------------------------

def _frame(results) -> pd.DataFrame:
    """Results (a list of dicts or a DataFrame) as a DataFrame with the progress columns."""
    frame = pd.DataFrame(results if results is not None else [])
    for column in progress.COLUMNS:
        if column not in frame:
            frame[column] = pd.Series(dtype="object")
    frame = frame[list(progress.COLUMNS)].copy()
    frame["lesson"] = frame["lesson"].map(lesson_id)
    frame["item"] = frame["item"].astype(str)
    frame["kind"] = frame["kind"].astype(str)
    frame = frame[frame["kind"] != items.LAB_EVENT].copy()  # evidence, not work (lab.py)
    frame["passed"] = pd.to_numeric(frame["passed"], errors="coerce").fillna(0).astype(int)
    frame["recorded_at"] = pd.to_numeric(frame["recorded_at"], errors="coerce").fillna(0)
    frame["status"] = [status.of_row(s, p) for s, p in
                       zip(frame["status"], frame["passed"], strict=True)]
    for column in ("answer", "detail"):
        frame[column] = frame[column].fillna("").astype(str)
    return frame


def last_attempts(results) -> pd.DataFrame:
    """One row per item: the student's latest attempt at it (ties keep the later row),
    with ``exercise`` (a task, not a quiz question) and ``done`` (right, or handed in).

    Quiz questions and exercise tasks share ids ("02.1" is both), so an item is its id
    *and* whether it is an exercise.
    """
    frame = _frame(results).assign(student="me", student_id="me")
    last = classroom.last_attempts(frame)
    return last.assign(exercise=last["type"] == EXERCISE)


def summary(results=None) -> pd.DataFrame:
    """Per lesson: quiz questions answered and correct at the last attempt, exercise tasks
    tried and done (passed, or written work handed in), each beside how many there are.

    ``results`` defaults to everything saved by ``comrades.progress`` on this machine;
    tests and teachers' tools may pass a list of result dicts (or a DataFrame) instead.
    Every lesson of the course has a row, with zeros where nothing was done.
    """
    last = last_attempts(progress.results() if results is None else results)
    course = items.catalogue()
    questions, tasks = course.per_lesson(exercises=False), course.per_lesson(exercises=True)
    lessons = sorted(set(questions) | set(tasks) | set(last["lesson"]), key=lesson_order)
    is_task = last["exercise"]
    rows = []
    for lesson in lessons:
        mine = last["lesson"] == lesson
        quiz_rows, task_rows = last[mine & ~is_task], last[mine & is_task]
        rows.append({"lesson": lesson,
                     "quiz_questions": questions.get(lesson, 0),
                     "quiz_answered": len(quiz_rows),
                     "quiz_correct": int(quiz_rows["done"].sum()),
                     "exercise_tasks": tasks.get(lesson, 0),
                     "tasks_tried": len(task_rows),
                     "tasks_done": int(task_rows["done"].sum())})
    return pd.DataFrame(rows, columns=COLUMNS)


def written_work(results=None) -> pd.DataFrame:
    """The written answers handed in, latest per task: lesson, item, when, words, text."""
    frame = _frame(progress.results() if results is None else results)
    return classroom.written_work(frame.assign(student="me", student_id="me")) \
        .drop(columns="student")


def written_html(work: pd.DataFrame) -> str:
    """Each written answer as a collapsible block; the text is shown as text, never markup."""
    if work.empty:
        return ""
    blocks = [f"<details class='myprogress-written'><summary>Task {untrusted.text(r.item)} "
              f"· {r.words} words · handed in {untrusted.text(r.handed_in)}</summary>"
              f"<div style='white-space:pre-wrap;margin:0.3em 0 0.6em 1em'>"
              f"{untrusted.text(r.answer)}</div></details>" for r in work.itertuples()]
    return "<h4>Your written work</h4>" + "".join(blocks)


def _touched(row) -> bool:
    return bool(row.quiz_answered or row.tasks_tried)


def describe(table: pd.DataFrame) -> str:
    """The summary in words: the text description of the chart."""
    touched = [row for row in table.itertuples() if _touched(row)]
    if not touched:
        return "No saved answers yet: every lesson shows zero."
    parts = []
    for row in touched:
        said = []
        if row.quiz_questions or row.quiz_answered:
            said.append(f"{row.quiz_answered} of {row.quiz_questions} quiz questions "
                        f"answered, {row.quiz_correct} correct")
        if row.exercise_tasks and row.tasks_done == row.exercise_tasks:
            said.append(f"all {row.exercise_tasks} exercise tasks done")
        elif row.exercise_tasks or row.tasks_tried:
            said.append(f"{row.tasks_done} of {row.exercise_tasks} exercise tasks done "
                        f"({row.tasks_tried} tried)")
        parts.append(f"{lesson_label(row.lesson)}: " + "; ".join(said))
    untouched = [row.lesson for row in table.itertuples() if not _touched(row)]
    text = "Your progress by lesson. " + "; ".join(parts) + "."
    lessons = [lesson for lesson in untouched if lesson != "P"]
    if lessons:
        text += " Nothing saved yet for lesson" + ("s " if len(lessons) > 1 else " ") \
            + ", ".join(lessons) + "."
    if "P" in untouched:
        text += " Nothing saved yet for the data primer (P)."
    return text


def chart(table: pd.DataFrame) -> charts.Figure:
    """Grouped bars per lesson: quiz questions answered and correct, exercise tasks passed."""
    long = table.melt(id_vars=["lesson"], value_vars=list(MEASURES), var_name="measure",
                      value_name="count")
    long["out_of"] = [int(table.set_index("lesson").loc[lesson, TOTALS[measure]])
                      for lesson, measure in zip(long["lesson"], long["measure"], strict=True)]
    long["measure"] = long["measure"].map(lambda m: MEASURES[m][0])
    labels = [label for label, _ in MEASURES.values()]
    colours = [colour for _, colour in MEASURES.values()]
    bars = alt.Chart(long).mark_bar().encode(
        x=alt.X("lesson:N", title="lesson"),
        xOffset=alt.XOffset("measure:N", sort=labels),
        y=alt.Y("count:Q", title="how many", axis=alt.Axis(tickMinStep=1)),
        color=alt.Color("measure:N", sort=labels, title=None,
                        scale=alt.Scale(domain=labels, range=colours),
                        legend=alt.Legend(orient="bottom", columns=1)),
        tooltip=[alt.Tooltip("lesson:N"), alt.Tooltip("measure:N"),
                 alt.Tooltip("count:Q"), alt.Tooltip("out_of:Q", title="out of")],
    ).properties(width=460, height=220)
    shown = table.rename(columns={"quiz_questions": "quiz questions",
                                  "quiz_answered": "answered", "quiz_correct": "correct",
                                  "exercise_tasks": "exercise tasks",
                                  "tasks_tried": "tasks tried", "tasks_done": "tasks done"})
    return charts.make_figure(bars, describe(table), shown, title="My progress by lesson")


# --- export for the teacher ------------------------------------------------------------

def safe_name(student: str) -> str:
    """A file-name-safe form of the student's name: letters, digits and hyphens."""
    slug = re.sub(r"[^\w]+", "-", str(student).strip().lower(), flags=re.UNICODE).strip("-_")
    return slug[:40] or "student"


def free_path(student: str, folder: str | Path = ".") -> Path:
    """The first ``progress-<name>-<n>.csv`` in ``folder`` that does not exist yet."""
    base = Path(folder)
    number = 1
    while os.path.lexists(base / f"progress-{safe_name(student)}-{number}.csv"):
        number += 1
    return base / f"progress-{safe_name(student)}-{number}.csv"


def export_for_teacher(student: str, folder: str | Path = ".") -> Path:
    """Export every saved result to a new CSV in ``folder``; never overwrites a file."""
    for _ in range(100):  # another export may take the free name between check and write
        try:
            return progress.export_csv(free_path(student, folder),
                                       classroom.normalise_name(student))
        except FileExistsError:
            continue
    raise FileExistsError(f"Could not find a free file name in {Path(folder).resolve()}")


class ProgressPanel:
    """The summary table, the chart and the export controls, as one widget."""

    def __init__(self, results=None, folder: str | Path = "."):
        import ipywidgets as w

        from comrades.widgets.base import labelled

        self.folder = Path(folder)
        self.table = summary(results)
        self.written = written_work(results)
        self.empty = not any(_touched(row) for row in self.table.itertuples())
        known = progress.student_name()  # given with set_student, or the hub's user name
        self.name = labelled(w.Text(value=known, description="Your name:",
                                    placeholder="as your teacher knows you", disabled=bool(known)),
                             "Your name goes into the exported file, so that your teacher "
                             "knows whose answers these are.")
        self.button = w.Button(description="Export for my teacher", icon="download",
                               tooltip="Save all your answers as a CSV file your teacher "
                                       "can collect. An existing file is never overwritten.",
                               layout=w.Layout(width="auto"))
        self.message = w.HTML()
        self.message.add_class("myprogress-message")
        self.button.on_click(self.export)
        intro = w.HTML("<p>Type your name, then press <b>Export for my teacher</b>. A new "
                       "file is written each time; earlier exports are kept.</p>")
        self.widget = w.VBox([intro, w.HBox([self.name, self.button]), self.message])

    def export(self, _button=None) -> Path | None:
        student = self.name.value.strip()
        if not student:
            self.message.value = ("<p style='color:#D55E00'>Type your name first, so that "
                                  "your teacher knows whose file it is.</p>")
            return None
        try:
            path = export_for_teacher(student, self.folder)
        except OSError as err:
            self.message.value = (f"<p style='color:#D55E00'>The file could not be written "
                                  f"({untrusted.text(str(err))}).</p>")
            return None
        shown = untrusted.text(str(path.resolve()))
        self.message.value = (f"<p style='color:#009E73'><b>Exported.</b> Your answers were "
                              f"written to <code>{shown}</code>. Hand this file to your "
                              f"teacher (download it from the file browser on the left: "
                              f"right-click, <i>Download</i>).</p>")
        return path

    def _ipython_display_(self) -> None:
        from IPython.display import HTML, display

        if self.empty:
            display(HTML(f"<p class='myprogress-empty'>{EMPTY_MESSAGE}</p>"))
        else:
            display(tables.show(self.table))
            display(chart(self.table))
            if not self.written.empty:
                display(HTML(written_html(self.written)))
        display(self.widget)


def show(results=None, folder: str | Path = ".") -> None:
    """Display the summary, the chart (or a friendly word when there is nothing yet) and
    the export controls. (``ProgressPanel`` is the same thing as an object, for tests.)"""
    from IPython.display import display

    display(ProgressPanel(results, folder))
