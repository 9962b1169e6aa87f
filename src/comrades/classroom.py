"""The teacher's side of progress: read the students' exported CSVs, find what the class
missed most.

Each student exports their results with the "Export for my teacher" button of
``docs/my_progress.ipynb`` (``comrades.myprogress``), which writes
``progress-<name>-<n>.csv`` through ``comrades.progress.export_csv``. The teacher puts
the files in one folder and opens ``docs/class_summary.ipynb``::

    from comrades import classroom
    results = classroom.read_exports("class_example")
    classroom.missed_most(results)

A file that is not such an export raises :class:`ExportError`, naming the file, the row
and the column. A student who exported twice is counted once: every export holds all
earlier results, so repeated rows are dropped. For each student and item only the
**last** attempt counts; an item a student never tried counts as *not tried*, not as
missed.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import altair as alt
import pandas as pd

from comrades import charts, progress
from comrades.paths import REPO_ROOT

EXAMPLE = REPO_ROOT / "docs" / "class_example"
EXPECTED = ("student",) + progress.COLUMNS
# Exports made before the course recorded a status lack that column; it follows "passed".
OPTIONAL = ("status",)
EXERCISE = "exercise"
KIND_COLOURS = {"quiz": charts.OKABE_ITO["blue"], "exercise": charts.OKABE_ITO["orange"]}


class ExportError(ValueError):
    """A file in the folder is not a readable progress export."""


def _fail(path: Path, row: int | None, column: str | None, problem: str) -> ExportError:
    where = path.name
    if row is not None:
        where += f", row {row}"
    if column is not None:
        where += f", column {column!r}"
    return ExportError(f"{where}: {problem} (file {path})")


def read_export(path: str | Path) -> pd.DataFrame:
    """One student's export as a DataFrame; raises :class:`ExportError` if malformed.

    Row numbers count the header as row 1, as a spreadsheet does.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise _fail(path, None, None, "not UTF-8 text; export it again from "
                    "my_progress.ipynb") from None
    except OSError as err:
        raise _fail(path, None, None, f"cannot be read ({err.strerror})") from None
    reader = csv.DictReader(text.splitlines())
    header = reader.fieldnames or []
    missing = [c for c in EXPECTED if c not in header and c not in OPTIONAL]
    if missing:
        raise _fail(path, 1, missing[0], "missing column; a progress export has the "
                    f"columns {', '.join(EXPECTED)}")
    rows = []
    for number, row in enumerate(reader, start=2):
        if None in row or any(value is None for value in row.values()):
            raise _fail(path, number, None, f"has {len(header)} columns in the header but a "
                        "different number in this row")
        rows.append(_clean_row(path, number, row))
    frame = pd.DataFrame(rows, columns=list(EXPECTED) + ["file"])
    frame["passed"] = frame["passed"].astype(int)
    frame["recorded_at"] = frame["recorded_at"].astype(float)
    return frame


def _clean_row(path: Path, number: int, row: dict) -> dict:
    clean = {c: (row.get(c) or "").strip() for c in EXPECTED}
    try:
        when = float(clean["recorded_at"])
        if not math.isfinite(when):
            raise ValueError
    except ValueError:
        raise _fail(path, number, "recorded_at", f"{clean['recorded_at']!r} is not a "
                    "time stamp (seconds since 1970)") from None
    passed = clean["passed"].lower()
    if passed not in ("0", "1", "true", "false"):
        raise _fail(path, number, "passed", f"{clean['passed']!r} should be 1 (right) or "
                    "0 (wrong)")
    lesson = clean["lesson"].zfill(2)
    if not (len(lesson) == 2 and lesson.isdigit()):
        raise _fail(path, number, "lesson", f"{clean['lesson']!r} is not a lesson number "
                    "such as 03")
    for column in ("item", "kind"):
        if not clean[column]:
            raise _fail(path, number, column, "is empty")
    if not clean["item"].startswith(lesson + "."):
        raise _fail(path, number, "item", f"{clean['item']!r} does not belong to lesson "
                    f"{lesson} (ids look like {lesson}.3)")
    passed = int(passed in ("1", "true"))
    status = clean["status"] or (progress.PASSED if passed else progress.FAILED)
    if status not in progress.STATUSES:
        raise _fail(path, number, "status", f"{clean['status']!r} should be one of "
                    f"{', '.join(progress.STATUSES)}")
    clean.update(recorded_at=when, passed=passed, status=status, lesson=lesson,
                 student=clean["student"] or path.stem, file=path.name)
    return clean


def read_exports(folder: str | Path | None = None) -> pd.DataFrame:
    """Every export (``*.csv``) in ``folder`` (default: the synthetic ``docs/class_example``)
    as one DataFrame, repeated rows dropped. Raises :class:`ExportError` naming the first
    malformed file, row and column, or when the folder holds no CSV file."""
    folder = EXAMPLE if folder is None else Path(folder)
    if not folder.is_dir():
        raise ExportError(f"{folder}: no such folder; put the students' exported CSV files "
                          "in one folder and give its path")
    paths = sorted(folder.glob("*.csv"))
    if not paths:
        raise ExportError(f"{folder}: no exported CSV files (progress-<name>-<n>.csv) here")
    frames = [read_export(path) for path in paths]
    frame = pd.concat(frames, ignore_index=True)
    return frame.drop_duplicates(list(EXPECTED)).sort_values(["student", "recorded_at"],
                                                   kind="stable").reset_index(drop=True)


def last_attempts(results: pd.DataFrame) -> pd.DataFrame:
    """One row per student and item: the student's latest attempt. Quiz questions and
    exercise tasks share ids ("02.1" is both), so ``type`` is part of the key."""
    ordered = results.sort_values("recorded_at", kind="stable").copy()
    ordered["type"] = ordered["kind"].map(lambda k: EXERCISE if k == EXERCISE else "quiz")
    last = ordered.drop_duplicates(["student", "type", "item"], keep="last")
    return last.reset_index(drop=True)


def _item_order(item: str) -> tuple:
    lesson, _, rest = item.partition(".")
    return (lesson, int(rest) if rest.isdigit() else math.inf, rest)


def _prompts() -> dict[str, str]:
    """Quiz prompts by id, shortened, so a teacher sees what each question asked."""
    from comrades import quiz

    prompts = {}
    for lesson in quiz.available_lessons():
        try:
            bank = quiz.load_bank(lesson)
        except quiz.QuizBankError:
            continue
        for question in bank:
            text = " ".join(question.prompt.split())
            prompts[question.id] = text if len(text) <= 90 else text[:89] + "…"
    return prompts


def missed_most(results: pd.DataFrame, lesson: str | None = None) -> pd.DataFrame:
    """Per quiz question and exercise task: how many students tried it, how many got it
    wrong at their last attempt, and that share; worst first within each lesson."""
    last = last_attempts(results)
    if lesson is not None:
        last = last[last["lesson"] == str(lesson).zfill(2)]
    class_size = results["student"].nunique()
    columns = ["lesson", "item", "type", "tried", "missed", "missed_share", "not_tried",
               "question"]
    if last.empty:
        return pd.DataFrame(columns=columns)
    table = (last.groupby(["lesson", "item", "type"], as_index=False)
             .agg(tried=("student", "nunique"), right=("passed", "sum")))
    table["missed"] = table["tried"] - table["right"]
    table["missed_share"] = (table["missed"] / table["tried"]).round(2)
    table["not_tried"] = class_size - table["tried"]
    prompts = _prompts()
    table["question"] = [f"exercise task {item}" if kind == EXERCISE else prompts.get(item, "")
                         for item, kind in zip(table["item"], table["type"], strict=True)]
    table["order"] = table["item"].map(_item_order)
    table = table.sort_values(["lesson", "missed", "missed_share", "order"],
                              ascending=[True, False, False, True], kind="stable")
    return table[columns].reset_index(drop=True)


def lesson_overview(results: pd.DataFrame) -> pd.DataFrame:
    """Per lesson and type (quiz, exercise): students who tried anything, items tried, and
    the share of last attempts that were right."""
    last = last_attempts(results)
    columns = ["lesson", "type", "students", "attempts", "right", "right_share"]
    if last.empty:
        return pd.DataFrame(columns=columns)
    table = (last.groupby(["lesson", "type"], as_index=False)
             .agg(students=("student", "nunique"), attempts=("item", "size"),
                  right=("passed", "sum")))
    table["right_share"] = (table["right"] / table["attempts"]).round(2)
    return table[columns]


def overview_chart(results: pd.DataFrame) -> charts.Figure:
    """Bars per lesson: the share of the class's last attempts that were right."""
    table = lesson_overview(results)
    bars = alt.Chart(table).mark_bar().encode(
        x=alt.X("lesson:N"),
        xOffset=alt.XOffset("type:N", sort=list(KIND_COLOURS)),
        y=alt.Y("right_share:Q", title="share right at last attempt",
                scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format="%")),
        color=alt.Color("type:N", title=None, sort=list(KIND_COLOURS),
                        scale=alt.Scale(domain=list(KIND_COLOURS),
                                        range=list(KIND_COLOURS.values()))),
        tooltip=["lesson:N", "type:N", "students:Q", "attempts:Q", "right:Q",
                 alt.Tooltip("right_share:Q", format=".0%")],
    ).properties(width=460, height=220)
    parts = [f"lesson {r.lesson} {r.type}: {r.right_share:.0%} right of {r.attempts} "
             f"(from {r.students} students)" for r in table.itertuples()]
    description = ("Share of the class's last attempts that were right, by lesson, for quiz "
                   "questions and exercise tasks. " + "; ".join(parts) + "."
                   if parts else "No results in these exports.")
    return charts.make_figure(bars, description, table, title="How the class did, by lesson")


def missed_chart(missed: pd.DataFrame, lesson: str, top: int = 8) -> charts.Figure:
    """Horizontal bars: the items of one lesson missed by most students (at most ``top``)."""
    lesson = str(lesson).zfill(2)
    table = missed[(missed["lesson"] == lesson) & (missed["missed"] > 0)].head(top).copy()
    table.insert(0, "label", [f"{item} {kind}" for item, kind
                              in zip(table["item"], table["type"], strict=True)])
    bars = alt.Chart(table).mark_bar().encode(
        y=alt.Y("label:N", sort=list(table["label"]), title=None),
        x=alt.X("missed:Q", title="students wrong at their last attempt",
                axis=alt.Axis(tickMinStep=1)),
        color=alt.Color("type:N", title=None, sort=list(KIND_COLOURS),
                        scale=alt.Scale(domain=list(KIND_COLOURS),
                                        range=list(KIND_COLOURS.values()))),
        tooltip=["item:N", "type:N", "question:N", "tried:Q", "missed:Q",
                 alt.Tooltip("missed_share:Q", format=".0%")],
    ).properties(width=420, height=max(60, 24 * len(table)))
    if table.empty:
        description = f"Lesson {lesson}: no question or task was missed at the last attempt."
    else:
        description = (f"Lesson {lesson}, items missed by most students at their last "
                       "attempt: " + "; ".join(
                           f"{r.item} ({r.type}) missed by {r.missed} of {r.tried}"
                           for r in table.itertuples()) + ".")
    return charts.make_figure(bars, description, table,
                              title=f"Lesson {lesson}: missed most")
