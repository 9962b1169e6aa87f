"""A student's own view of their progress, and a button to export it for the teacher.

In a notebook (``docs/my_progress.ipynb``)::

    from comrades import myprogress
    myprogress.show()

``summary`` turns the results saved by ``comrades.progress`` into one row per lesson;
``chart`` draws that table; ``show`` displays both with an "Export for my teacher"
button. Exporting never overwrites a file: each export gets a new name,
``progress-<name>-<n>.csv``, in the folder the notebook runs in.

A quiz question counts as *correct* when the student's **last** attempt at it was
right; an exercise task counts as *passed* when its last check passed. Everything here is
read-only on the progress file, and nothing raises on empty or odd progress.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import altair as alt
import pandas as pd

from comrades import charts, progress, tables

EXERCISE = "exercise"  # the ``kind`` that comrades.check records; quiz kinds are the others
COLUMNS = ["lesson", "quiz_questions", "quiz_answered", "quiz_correct", "exercise_tasks",
           "tasks_passed"]
MEASURES = {  # column -> (label in the chart, Okabe-Ito colour)
    "quiz_answered": ("Quiz questions answered", charts.OKABE_ITO["sky blue"]),
    "quiz_correct": ("Quiz questions correct (last attempt)", charts.OKABE_ITO["blue"]),
    "tasks_passed": ("Exercise tasks passed (last check)", charts.OKABE_ITO["orange"]),
}
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
    frame["lesson"] = frame["lesson"].astype(str).str.zfill(2)
    frame["item"] = frame["item"].astype(str)
    frame["kind"] = frame["kind"].astype(str)
    frame["passed"] = pd.to_numeric(frame["passed"], errors="coerce").fillna(0).astype(int)
    frame["recorded_at"] = pd.to_numeric(frame["recorded_at"], errors="coerce").fillna(0)
    return frame


def last_attempts(results) -> pd.DataFrame:
    """One row per item: the student's latest attempt at it (ties keep the later row).

    Quiz questions and exercise tasks share ids ("02.1" is both), so an item is its id
    *and* whether it is an exercise.
    """
    frame = _frame(results)
    frame["exercise"] = frame["kind"] == EXERCISE
    frame = frame.reset_index(drop=True).rename_axis("order").reset_index()
    frame = frame.sort_values(["recorded_at", "order"], kind="stable")
    return frame.drop_duplicates(["exercise", "item"], keep="last").drop(columns="order")


def _totals() -> tuple[dict[str, int], dict[str, int]]:
    """Questions in each lesson's bank and exercise tasks registered for each lesson."""
    from comrades import quiz
    from comrades.check import registered_tasks

    questions: dict[str, int] = {}
    for lesson in quiz.available_lessons():
        try:
            questions[lesson] = len(quiz.load_bank(lesson))
        except quiz.QuizBankError:  # a teacher's half-edited bank must not break this view
            questions[lesson] = 0
    tasks: dict[str, int] = {}
    for task in registered_tasks():
        lesson = task.split(".")[0]
        tasks[lesson] = tasks.get(lesson, 0) + 1
    return questions, tasks


def summary(results=None) -> pd.DataFrame:
    """Per lesson: quiz questions answered and correct at the last attempt, exercise tasks
    passed at the last check, each beside how many there are.

    ``results`` defaults to everything saved by ``comrades.progress`` on this machine;
    tests and teachers' tools may pass a list of result dicts (or a DataFrame) instead.
    Every lesson of the course has a row, with zeros where nothing was done.
    """
    last = last_attempts(progress.results() if results is None else results)
    questions, tasks = _totals()
    lessons = sorted(set(questions) | set(tasks) | set(last["lesson"]))
    is_task = last["exercise"]
    rows = []
    for lesson in lessons:
        mine = last["lesson"] == lesson
        quiz_rows, task_rows = last[mine & ~is_task], last[mine & is_task]
        rows.append({"lesson": lesson,
                     "quiz_questions": questions.get(lesson, 0),
                     "quiz_answered": len(quiz_rows),
                     "quiz_correct": int(quiz_rows["passed"].sum()),
                     "exercise_tasks": tasks.get(lesson, 0),
                     "tasks_passed": int(task_rows["passed"].sum())})
    return pd.DataFrame(rows, columns=COLUMNS)


def describe(table: pd.DataFrame) -> str:
    """The summary in words: the text description of the chart."""
    if table.empty or not table[list(MEASURES)].to_numpy().any():
        return "No saved answers yet: every lesson shows zero."
    parts = []
    for row in table.itertuples():
        if not (row.quiz_answered or row.tasks_passed):
            continue
        parts.append(f"lesson {row.lesson}: {row.quiz_answered} of {row.quiz_questions} quiz "
                     f"questions answered, {row.quiz_correct} correct; {row.tasks_passed} of "
                     f"{row.exercise_tasks} exercise tasks passed")
    untouched = [row.lesson for row in table.itertuples()
                 if not (row.quiz_answered or row.tasks_passed)]
    text = "Your progress by lesson. " + "; ".join(parts) + "."
    if untouched:
        text += " Nothing saved yet for lesson" + ("s " if len(untouched) > 1 else " ") \
            + ", ".join(untouched) + "."
    return text


def chart(table: pd.DataFrame) -> charts.Figure:
    """Grouped bars per lesson: quiz questions answered and correct, exercise tasks passed."""
    long = table.melt(id_vars=["lesson"], value_vars=list(MEASURES), var_name="measure",
                      value_name="count")
    totals = {"quiz_answered": "quiz_questions", "quiz_correct": "quiz_questions",
              "tasks_passed": "exercise_tasks"}
    long["out_of"] = [int(table.set_index("lesson").loc[lesson, totals[measure]])
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
                                  "tasks_passed": "tasks passed"})
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
    while (base / f"progress-{safe_name(student)}-{number}.csv").exists():
        number += 1
    return base / f"progress-{safe_name(student)}-{number}.csv"


def export_for_teacher(student: str, folder: str | Path = ".") -> Path:
    """Export every saved result to a new CSV in ``folder``; never overwrites a file."""
    for _ in range(100):  # another export may take the free name between check and write
        try:
            return progress.export_csv(free_path(student, folder), student.strip())
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
        self.empty = not self.table[list(MEASURES)].to_numpy().any()
        self.name = labelled(w.Text(description="Your name:", placeholder="as your teacher "
                                    "knows you"), "Your name goes into the exported file, so "
                                    "that your teacher knows whose answers these are.")
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
                                  f"({html.escape(str(err))}).</p>")
            return None
        shown = html.escape(str(path.resolve()))
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
        display(self.widget)


def show(results=None, folder: str | Path = ".") -> None:
    """Display the summary, the chart (or a friendly word when there is nothing yet) and
    the export controls. (``ProgressPanel`` is the same thing as an object, for tests.)"""
    from IPython.display import display

    display(ProgressPanel(results, folder))
