"""The teacher's side of progress: read the students' exported CSVs, see how the class did
at the first try and at the end, what it missed most, and who handed in which written task.

Each student exports their results with the "Export for my teacher" button of
``docs/my_progress.ipynb`` (``comrades.myprogress``), which writes
``progress-<name>-<n>.csv`` through ``comrades.progress.export_csv``. The teacher puts
the files in one folder and opens ``docs/class_summary.ipynb``::

    from comrades import classroom
    results = classroom.read_exports("class_example")
    classroom.missed_most(results)

**A student's file is data, never code.** Every id must be a real quiz question (the
question banks) or exercise task (``comrades.check.registered_tasks()``); every cell is
read back from its spreadsheet-safe form (``comrades.untrusted``); every table shown is
escaped (:func:`comrades.tables.show`).

**One bad file never stops the class.** A bad row is skipped, and a bad file (not UTF-8,
no header, cut off before its last line) is left out, each with an :class:`ExportWarning`
that names the file, the row and the column; the summary goes on with the rest. Only an
empty, missing or oversized folder raises :class:`ExportError`.

**Bounded cost.** The summary reads at most :data:`MAX_ROWS` saved answers and
:data:`MAX_FILE_BYTES` per file (a real class is a few thousand rows); a bigger folder is
refused at once with a message saying so, instead of minutes of work and gigabytes.

**Who is who.** Students are told apart by the per-install id each export carries
(``student_id``): two students both called "An" stay two, and one student who typed
"An" once and "an " later stays one. Names are shown with spaces tidied; two different
students of the same name are shown as "An (3f2a1c)" and "An (9b07d4)". Exports made
before the id existed are matched by name, ignoring case and spacing.

**Counting.** A student who exported twice is counted once (every export holds all
earlier results, so repeated rows are dropped). For each student and item the **first
try** and the **final** result are both kept: right at the first try, and done at the
end (right, or written work handed in). An item a student never tried counts as
*not tried*, not as missed. Written work (status ``submitted``) is listed with its text
by :func:`written_work`.
"""

from __future__ import annotations

import csv
import math
import os
import re
import stat
import time
import unicodedata
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import altair as alt
import pandas as pd

from comrades import charts, items, lab, progress, status, tables, untrusted
from comrades.check import lesson_id, lesson_order
from comrades.paths import REPO_ROOT

EXAMPLE = REPO_ROOT / "docs" / "class_example"
EXPECTED = progress.EXPORT_COLUMNS
# Older exports lack these columns: "status" follows "passed"; without "student_id"
# a student is known by name, and the file has no footer to check.
OPTIONAL = ("status", "student_id")
EXERCISE = items.EXERCISE
KIND_COLOURS = {"quiz": charts.OKABE_ITO["blue"], "exercise": charts.OKABE_ITO["orange"]}
# Bounds on what one summary reads; both far above a real class (40 students who each
# answer every question and check of the course a few times: about 20,000 rows, 10 MB).
MAX_ROWS = 200_000
MAX_FILE_BYTES = 50_000_000
MAX_CELL = max(progress.ANSWER_LIMIT.values())  # no saved answer is longer than this
_FOOTER = re.compile(r"^# end of export: (\d+) rows$")
_STUDENT_ID = re.compile(r"^[0-9a-f]{8,64}$")
_SHOWN_PROBLEMS = 10  # per file, in a warning; the rest are counted
_KEPT_PROBLEMS = 200  # per file, in memory: a file of a million bad rows costs no more
# When an answer can have been saved: not before 1970 (the clock's start), and a time
# more than a year ahead is a mistake (milliseconds, a typo) or a forgery, which the
# date views could not even turn into a date.
EARLIEST_SAVE = 0.0


class ExportError(ValueError):
    """The folder (or, from :func:`read_export`, a file) cannot be summarised at all."""


class ExportWarning(UserWarning):
    """A row or a file was skipped; the message names the file, the row and the column."""


# Shown every time, not once per place: a teacher who runs the summary again must see
# again which files were left out.
warnings.filterwarnings("always", category=ExportWarning)


@dataclass(frozen=True)
class Problem:
    """Why one row (or a whole file, when ``row`` is None) was skipped."""

    file: str
    row: int | None
    column: str | None
    reason: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column is not None:
            where += f", column {self.column!r}"
        return f"{where}: {self.reason}"


class _FileProblem(Exception):
    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


def _glimpse(value: str, limit: int = 40) -> str:
    return repr(value if len(value) <= limit else value[:limit] + "…")


# --- reading ---------------------------------------------------------------------------

def read_export(path: str | Path) -> pd.DataFrame:
    """One student's export as a DataFrame. Bad rows are skipped with an
    :class:`ExportWarning`; a file that cannot be used at all raises :class:`ExportError`.

    Row numbers count the header as row 1, as a spreadsheet does.
    """
    return _read_files([Path(path)], strict=True)[0]


def read_exports(folder: str | Path | None = None) -> pd.DataFrame:
    """Every export (``*.csv``) in ``folder`` (default: the synthetic ``docs/class_example``)
    as one DataFrame, repeated rows dropped, one student per ``student_id``.

    Bad rows and files are skipped with an :class:`ExportWarning` each (the list is also
    in ``frame.attrs["problems"]``). Raises :class:`ExportError` when the folder is
    missing, holds no CSV file, no usable row, or more than the bounds allow.
    """
    folder = EXAMPLE if folder is None else Path(folder)
    if not folder.is_dir():
        raise ExportError(f"{folder}: no such folder; put the students' exported CSV files "
                          "in one folder and give its path")
    paths = sorted(folder.glob("*.csv"))
    if not paths:
        raise ExportError(f"{folder}: no exported CSV files (progress-<name>-<n>.csv) here")
    frame, problems = _read_files(paths)
    if frame.empty:
        said = "; ".join(str(p) for p in problems[:5])
        raise ExportError(f"{folder}: no usable saved answer in {len(paths)} CSV file(s)"
                          + (f" ({said})" if said else ""))
    return frame


def _read_files(paths: list[Path], strict: bool = False) -> tuple[pd.DataFrame,
                                                                  list[Problem]]:
    """The good rows of ``paths``, and every problem found. A file that cannot be used
    at all is left out with a warning, or with ``strict`` raises :class:`ExportError`."""
    course = items.catalogue()
    records: list[tuple] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            info = path.stat()
        except OSError as err:
            problem: Problem | None = Problem(path.name, None, None,
                                              f"cannot be read ({err.strerror})")
        else:
            size = info.st_size
            problem = (Problem(path.name, None, None, "is not a regular file (a device, a "
                               "pipe or a folder named like an export); left out")
                       if not stat.S_ISREG(info.st_mode) else
                       Problem(path.name, None, None, f"is {size / 1e6:.0f} MB, more than an "
                               f"export can be ({MAX_FILE_BYTES / 1e6:.0f} MB); left out")
                       if size > MAX_FILE_BYTES else None)
        if problem and strict:
            raise ExportError(f"{problem} (file {path})")
        if problem:
            _warn(path, [problem])
            problems.append(problem)
            continue
        found: list[Problem] = []
        try:
            rows = _read_file(path, course, found, budget=MAX_ROWS - len(records))
        except _FileProblem as err:
            if strict:
                raise ExportError(f"{err.problem} (file {path})") from None
            found, rows = [err.problem], []  # the whole file is left out
        records.extend(rows)
        if found:
            _warn(path, found)
            problems.extend(found)
    frame = pd.DataFrame.from_records(records, columns=list(EXPECTED) + ["file"])
    frame["passed"] = frame["passed"].astype(int)
    frame["recorded_at"] = frame["recorded_at"].astype(float)
    frame = _identify_students(frame)
    frame = (frame.drop_duplicates([c for c in EXPECTED if c != "student"])
             .sort_values(["student", "recorded_at"], kind="stable").reset_index(drop=True))
    frame.attrs["problems"] = [str(p) for p in problems]
    return frame, problems


def _warn(path: Path, problems: list[Problem]) -> None:
    rows = [p for p in problems if p.row is not None]
    if len(problems) == 1 and not rows:
        text = f"{problems[0]}; the summary goes on without this file (file {path})"
    else:
        shown = "; ".join(str(p) for p in problems[:_SHOWN_PROBLEMS])
        more = len(problems) - _SHOWN_PROBLEMS
        text = (f"{path.name}: {len(rows)} row(s) skipped: {shown}"
                + (f"; and {more} more" if more > 0 else "") + f" (file {path})")
    warnings.warn(text, ExportWarning, stacklevel=4)


def _read_file(path: Path, course: items.Catalogue, problems: list[Problem],
               budget: int) -> list[tuple]:
    """The good rows of one file as tuples in :data:`EXPECTED` order (plus the file name);
    bad rows go to ``problems``. Raises :class:`_FileProblem` when the file is unusable."""
    reader = _FileReader(path.name, course, problems, budget)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader.read(handle)
    except UnicodeDecodeError:
        raise _FileProblem(Problem(path.name, None, None, "not UTF-8 text; export it again "
                                   "from my_progress.ipynb")) from None
    except OSError as err:
        raise _FileProblem(Problem(path.name, None, None,
                                   f"cannot be read ({err.strerror or err})")) from None
    reader.finish()
    return reader.records


class _FileReader:
    """One pass over one progress file: its good rows in ``records``, its bad rows sent
    to ``problems`` (a list of the file's own, so a summary can say which file)."""

    def __init__(self, name: str, course: items.Catalogue, problems: list[Problem],
                 budget: int):
        self.name, self.course, self.problems, self.budget = name, course, problems, budget
        self.records: list[tuple] = []
        self.overflow = 0  # bad rows beyond those listed one by one
        self.current = False  # made by this version: a footer, safe cells
        self.footer: int | None = None  # the number of rows the end line states
        self.data_rows = 0
        self.index: dict[str, int] = {}
        self.width = 0

    def report(self, problem: Problem) -> None:
        if len(self.problems) < _KEPT_PROBLEMS:  # this file's own list
            self.problems.append(problem)
        else:
            self.overflow += 1

    def read(self, handle) -> None:
        # A spreadsheet that saves the file again may use ";" between cells (where
        # "," is the decimal mark) and pad every row with empty cells: read both.
        first = handle.readline(MAX_CELL)
        handle.seek(0)
        delimiter = ";" if first.count(";") > first.count(",") else ","
        reader = csv.reader(handle, delimiter=delimiter)
        header = _header(self.name, reader)
        self.current = "student_id" in header
        self.index = {column: header.index(column) for column in EXPECTED if column in header}
        self.width = len(header)
        for number, cells in _numbered_rows(reader, self.width):
            if isinstance(cells, csv.Error):
                self.data_rows += 1
                self.report(Problem(self.name, number, None, f"unreadable ({cells}); no "
                                    f"saved answer is longer than {MAX_CELL:,} characters"))
            else:
                self._row(number, cells)

    def _row(self, number: int, cells: list[str]) -> None:
        if self.footer is not None:
            raise _FileProblem(Problem(self.name, number, None, "rows after the end "
                                       "line; the file was edited or joined"))
        if not any(cells[1:]) and (match := _FOOTER.match(cells[0])):
            self.footer = int(match.group(1))
            return
        self.data_rows += 1
        if len(self.records) >= self.budget:
            raise ExportError(
                f"The class folder holds more than {MAX_ROWS:,} saved answers (at "
                f"{self.name}, row {number}): more than the summary reads in one go. Put "
                "each class in a folder of its own, or raise classroom.MAX_ROWS.")
        if len(cells) != self.width:
            self.report(Problem(self.name, number, None, f"has {len(cells)} cells "
                                f"but the header has {self.width}"))
            return
        if self.current:
            cells = [untrusted.csv_value(cell) for cell in cells]
        try:
            self.records.append(_clean_row(cells, self.index, self.course, self.name,
                                           number))
        except _FileProblem as err:
            self.report(err.problem)

    def finish(self) -> None:
        """Count the rows left unlisted; raise :class:`_FileProblem` if the file was cut
        off (a file of this version ends with a line stating its number of rows)."""
        if self.overflow:
            self.problems.append(Problem(self.name, None, None, f"and {self.overflow:,} "
                                         "more bad rows, not listed one by one"))
        if self.current and self.footer != self.data_rows:
            said = ("has no end line" if self.footer is None
                    else f"says {self.footer} rows but holds {self.data_rows}")
            raise _FileProblem(Problem(self.name, None, None, f"is incomplete: it {said} "
                                       "(the export was cut off, e.g. by a full disk or an "
                                       "interrupted copy); ask the student to export again"))


def _numbered_rows(reader, width: int) -> Iterator[tuple[int, list[str] | csv.Error]]:
    """The rows after the header that are not empty, numbered as a spreadsheet shows the
    file (the header is row 1); a row the csv module cannot read comes as its error.
    Empty cells a spreadsheet added beyond ``width`` are dropped."""
    number = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            number += 1
            yield number, err
            continue
        if not any(cells):
            continue
        if len(cells) > width and not any(cells[width:]):
            cells = cells[:width]  # padded by a spreadsheet
        number += 1
        yield number, cells


def _header(name: str, reader) -> list[str]:
    try:
        header = [untrusted.csv_value(cell.strip()) for cell in next(reader)]
        while header and not header[-1]:  # a spreadsheet's padding
            header.pop()
    except StopIteration:
        raise _FileProblem(Problem(name, None, None, "is empty")) from None
    except csv.Error as err:
        raise _FileProblem(Problem(name, 1, None, f"unreadable header ({err})")) from None
    missing = [c for c in EXPECTED if c not in header and c not in OPTIONAL]
    if missing:
        raise _FileProblem(Problem(name, 1, missing[0], "missing column; a progress export "
                                   f"has the columns {', '.join(EXPECTED)}"))
    return header


_Bad = Callable[[str, str], Exception]  # (column, reason) -> the error to raise


def _clean_row(cells: list[str], index: dict[str, int], course: items.Catalogue,
               name: str, number: int) -> tuple:
    def bad(column: str, reason: str) -> Exception:
        return _FileProblem(Problem(name, number, column, reason))

    clean = {c: (cells[i] if c in ("answer", "detail") else cells[i].strip())
             for c, i in index.items()}
    for column, value in clean.items():
        if len(value) > MAX_CELL:
            raise bad(column, f"{len(value):,} characters, longer than any saved answer")
    when = _saved_at(clean["recorded_at"], bad)
    passed = _passed(clean["passed"], bad)
    lesson, item, kind = _course_item(clean, course, bad)
    outcome = status.of_row(clean.get("status"), passed)
    if outcome not in status.STATUSES:
        raise bad("status", f"{_glimpse(outcome)} should be one of "
                  f"{', '.join(status.STATUSES)}")
    student_id = clean.get("student_id", "")
    if "student_id" in index and not _STUDENT_ID.match(student_id):
        raise bad("student_id", f"{_glimpse(student_id)} is not an id written by the "
                  "course (hexadecimal digits)")
    return (clean["student"], student_id, when, lesson, item, kind, passed, outcome,
            clean["answer"], clean["detail"], name)


def _saved_at(text: str, bad: _Bad) -> float:
    """The time a row's answer was saved, in seconds since 1970."""
    try:
        when = float(text)
        if not math.isfinite(when) or not EARLIEST_SAVE <= when <= time.time() + 366 * 86400:
            raise ValueError
    except ValueError:
        raise bad("recorded_at", f"{_glimpse(text)} is not a time an answer was saved "
                  "(seconds since 1970, up to a year from now)") from None
    return when


def _passed(text: str, bad: _Bad) -> int:
    """1 for a right answer, 0 for a wrong one."""
    word = text.lower()
    if word not in ("0", "1", "true", "false"):
        raise bad("passed", f"{_glimpse(text)} should be 1 (right) or 0 (wrong)")
    return int(word in ("1", "true"))


def _course_item(clean: dict[str, str], course: items.Catalogue,
                 bad: _Bad) -> tuple[str, str, str]:
    """(lesson, item, kind) of a row, when the item is one of the course's."""
    lesson = lesson_id(clean["lesson"])
    if not (lesson in ("P", items.GRADED_LESSON, items.LAB_LESSON)
            or (len(lesson) == 2 and lesson.isdigit())):
        raise bad("lesson", f"{_glimpse(clean['lesson'])} is not a lesson number such as 03 "
                  "(or P, the data primer)")
    item, kind = clean["item"], clean["kind"]
    if not item.startswith(lesson + "."):
        raise bad("item", f"{_glimpse(item)} does not belong to lesson {lesson} (ids look "
                  f"like {lesson}.3)")
    if problem := course.problem(item, kind):
        column, reason = problem
        raise bad(column, f"{_glimpse(clean[column])} {reason}")
    return lesson, item, kind


def normalise_name(name: str) -> str:
    """A name as shown: surrounding spaces stripped, inner runs of spaces made one."""
    return " ".join(str(name).split())


# Letters of other scripts that look like Latin ones: "Аnn" with a Cyrillic А is not "Ann".
_CONFUSABLE = str.maketrans("АВЕКМНОРСТХаеорсухіјѕԁɡΑΒΕΗΙΚΜΝΟΡΤΧΥΖοιν",
                            "ABEKMHOPCTXaeopcyxijsdgABEHIKMNOPTXYZoiv")


def lookalike(name: str) -> str:
    """What a teacher reading the table sees of ``name``: the same key for names that look
    the same (NFC and NFD accents, zero-width characters, Cyrillic or Greek look-alikes,
    case), so two students whose names merely look alike are told apart by a suffix."""
    text = unicodedata.normalize("NFKC", str(name))
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return " ".join(text.translate(_CONFUSABLE).casefold().split())


def _identify_students(frame: pd.DataFrame) -> pd.DataFrame:
    """``student_id``: the per-install id, or for older exports ``name:<name casefolded>``;
    ``student``: the name last typed under that id, made unique when two ids share it."""
    if frame.empty:
        return frame
    names = frame["student"].map(normalise_name)
    names = names.where(names != "", frame["file"].str.rsplit(".", n=1).str[0])
    frame = frame.assign(student=names)
    no_id = frame["student_id"] == ""
    frame.loc[no_id, "student_id"] = "name:" + names[no_id].str.casefold()
    latest = (frame.sort_values("recorded_at", kind="stable")
              .drop_duplicates("student_id", keep="last").set_index("student_id")["student"])
    clash = latest.map(lookalike).duplicated(keep=False)
    label = latest.where(~clash, latest + " (" + latest.index.str[:6] + ")")
    return frame.assign(student=frame["student_id"].map(label))


# --- counting --------------------------------------------------------------------------

def work_only(results: pd.DataFrame) -> pd.DataFrame:
    """The rows that answer something: events added in the historian's lab are evidence
    a student offers (:func:`lab_events`), not work to count or grade."""
    return results[results["kind"] != items.LAB_EVENT]


def _typed(results: pd.DataFrame) -> pd.DataFrame:
    frame = work_only(results).sort_values("recorded_at", kind="stable").copy()
    frame["type"] = frame["kind"].map(lambda k: EXERCISE if k == EXERCISE else "quiz")
    # Done: written work handed in (at any time: a later, shorter re-check or a look at
    # the key points does not undo it), or right without having seen the answer first:
    # once an answer is shown, a later right try at the same item is not counted.
    keys = [frame["student_id"], frame["type"], frame["item"]]
    seen = (frame["status"] == status.REVEALED).groupby(keys, sort=False).cummax()
    handed = (frame["status"] == status.SUBMITTED).groupby(keys, sort=False).cummax()
    frame["done"] = handed | ((frame["status"] == status.PASSED) & ~seen)
    return frame


def last_attempts(results: pd.DataFrame) -> pd.DataFrame:
    """One row per student and item: the student's latest attempt. Quiz questions and
    exercise tasks share ids ("02.1" is both), so ``type`` is part of the key."""
    return (_typed(results).drop_duplicates(["student_id", "type", "item"], keep="last")
            .reset_index(drop=True))


def first_and_final(results: pd.DataFrame) -> pd.DataFrame:
    """One row per student and item: ``first_try`` (right, or handed in, at the first
    attempt), ``final`` (the same at the last attempt), ``attempts`` and ``revealed`` (the
    student chose to see the answer at some point)."""
    frame = _typed(results)
    frame["revealed"] = frame["status"] == status.REVEALED
    grouped = frame.groupby(["student_id", "type", "item"], sort=False)
    table = grouped.agg(student=("student", "last"), lesson=("lesson", "last"),
                        first_try=("done", "first"), final=("done", "last"),
                        attempts=("done", "size"), revealed=("revealed", "max"))
    return table.reset_index()


def missed_most(results: pd.DataFrame, lesson: str | None = None) -> pd.DataFrame:
    """Per quiz question and exercise task: how many students tried it, how many were right
    at the first try and at the end, how many still missed it (and that share), how many
    revealed the answer; worst first within each lesson."""
    table = first_and_final(results)
    if lesson is not None:
        table = table[table["lesson"] == lesson_id(lesson)]
    class_size = results["student_id"].nunique()
    columns = ["lesson", "item", "type", "tried", "first_try_right", "final_right",
               "missed", "missed_share", "revealed", "not_tried", "question"]
    if table.empty:
        return pd.DataFrame(columns=columns)
    table = (table.groupby(["lesson", "item", "type"], as_index=False)
             .agg(tried=("student_id", "nunique"), first_try_right=("first_try", "sum"),
                  final_right=("final", "sum"), revealed=("revealed", "sum")))
    table["missed"] = table["tried"] - table["final_right"]
    table["missed_share"] = (table["missed"] / table["tried"]).round(2)
    table["not_tried"] = class_size - table["tried"]
    prompts = items.catalogue().prompts
    table["question"] = [f"exercise task {item}" if kind == EXERCISE else prompts.get(item, "")
                         for item, kind in zip(table["item"], table["type"], strict=True)]
    table["order"] = table["item"].map(_item_order)
    table = table.sort_values(["lesson", "missed", "missed_share", "order"],
                              ascending=[True, False, False, True], kind="stable")
    return table[columns].reset_index(drop=True)


def _item_order(item: str) -> tuple:
    lesson, _, rest = item.partition(".")
    return (lesson_order(lesson), int(rest) if rest.isdigit() else math.inf, rest)


def lesson_overview(results: pd.DataFrame) -> pd.DataFrame:
    """Per lesson and type (quiz, exercise): students who tried anything, items tried,
    and the share right (or handed in) at the first try and at the end."""
    table = first_and_final(results)
    columns = ["lesson", "type", "students", "attempts", "first_try_right",
               "first_try_share", "right", "right_share"]
    if table.empty:
        return pd.DataFrame(columns=columns)
    table = (table.groupby(["lesson", "type"], as_index=False)
             .agg(students=("student_id", "nunique"), attempts=("item", "size"),
                  first_try_right=("first_try", "sum"), right=("final", "sum")))
    table["first_try_share"] = (table["first_try_right"] / table["attempts"]).round(2)
    table["right_share"] = (table["right"] / table["attempts"]).round(2)
    return table[columns]


def written_work(results: pd.DataFrame, item: str | None = None) -> pd.DataFrame:
    """Written work handed in (status ``submitted``): one row per student and task, the
    latest text, when it was handed in and how many words, beside how many versions were
    handed in and the first one (``first_answer``, blank when it is the latest too): a
    later version never hides the first.
    ``item`` keeps one task."""
    frame = work_only(results)
    frame = frame[frame["status"] == status.SUBMITTED]
    if item is not None:
        frame = frame[frame["item"] == item]
    frame = frame.sort_values("recorded_at", kind="stable")
    grouped = frame.groupby(["student_id", "item"], sort=False)["answer"]
    versions = grouped.transform("size")
    first = grouped.transform("first")
    keep = ~frame.duplicated(["student_id", "item"], keep="last")
    frame, versions, first = frame[keep], versions[keep], first[keep]
    table = pd.DataFrame({
        "student": frame["student"], "lesson": frame["lesson"], "item": frame["item"],
        "handed_in": pd.to_datetime(frame["recorded_at"], unit="s").dt.strftime(
            "%Y-%m-%d %H:%M"),
        "words": frame["answer"].str.split().str.len().fillna(0).astype(int),
        "answer": frame["answer"], "versions": versions.astype(int),
        "first_answer": first.where(first != frame["answer"], "")})
    order = table["item"].map(_item_order)
    return (table.assign(order=order).sort_values(["order", "student"], kind="stable")
            .drop(columns="order").reset_index(drop=True))


LAB_COLUMNS = ["student", "id", "date", "pair", "bearing", "title", "source", "address",
               "added", "state"]


def lab_events(results: pd.DataFrame) -> pd.DataFrame:
    """Every event students added in the historian's lab, one row per student and event:
    its fields as saved, when it was added, and whether it was later withdrawn (a
    withdrawn event stays listed). A row whose fields no longer pass the lab's checks
    (edited by hand) is listed with its state saying so."""
    frame = results[results["kind"] == items.LAB_EVENT].sort_values("recorded_at",
                                                                      kind="stable")
    rows = []
    for (_student_id, item), saved in frame.groupby(["student_id", "item"], sort=False):
        first, last = saved.iloc[0], saved.iloc[-1]
        event = lab.from_row(item, first["answer"])
        fields = lab.as_row(event) if event else {"id": item}
        withdrawn = last["detail"] == lab.WITHDRAWN
        rows.append({**{c: "" for c in LAB_COLUMNS}, **fields, "student": last["student"],
                     "added": pd.to_datetime(first["recorded_at"], unit="s").strftime(
                         "%Y-%m-%d %H:%M"),
                     "state": ("does not pass the lab's checks" if event is None else
                               lab.WITHDRAWN if withdrawn else lab.ADDED)})
    table = pd.DataFrame(rows, columns=LAB_COLUMNS)
    return table.sort_values(["date", "student"], kind="stable").reset_index(drop=True)


def who_submitted(results: pd.DataFrame) -> pd.DataFrame:
    """Students (rows) by written task (columns): "handed in" or blank. Every student of
    the folder has a row, so a missing essay shows as a blank."""
    work = written_work(results)
    students = sorted(results["student"].unique(), key=str.casefold)
    tasks = sorted(work["item"].unique(), key=_item_order)
    table = pd.DataFrame("", index=pd.Index(students, name="student"), columns=tasks)
    for row in work.itertuples():
        table.loc[row.student, row.item] = "handed in"
    return table.reset_index()


def show_table(table: pd.DataFrame, formats: dict | None = None):
    """A table for the notebook, every value shown as text (``comrades.untrusted``)."""
    shares = {c: "{:.0%}" for c in table.columns if str(c).endswith("_share")}
    style = tables.show(table, formats={**shares, **(formats or {})})
    text = [c for c in table.columns if table[c].dtype == object]
    style = style.set_properties(subset=text, **{"text-align": "left"})
    long = [c for c in ("question", "answer") if c in table.columns]
    return style.set_properties(subset=long, **{"white-space": "pre-wrap",
                                                "min-width": "22em"})


def save_csv(table: pd.DataFrame, path: str | os.PathLike) -> Path:
    """Save a summary table as a CSV for a spreadsheet: formulas neutralised, never over
    an existing file (``comrades.progress.write_csv``)."""
    rows = table.astype(object).where(table.notna(), "").itertuples(index=False, name=None)
    return progress.write_csv(path, [str(c) for c in table.columns], rows)


# --- charts ----------------------------------------------------------------------------

SERIES = {  # (type, attempt) -> plain legend name and Okabe-Ito colour
    ("quiz", "first"): ("Quiz, first try", charts.OKABE_ITO["sky blue"]),
    ("quiz", "final"): ("Quiz, final", charts.OKABE_ITO["blue"]),
    ("exercise", "first"): ("Exercise, first try", charts.OKABE_ITO["yellow"]),
    ("exercise", "final"): ("Exercise, final", charts.OKABE_ITO["orange"]),
}


def overview_chart(results: pd.DataFrame) -> charts.Figure:
    """Bars per lesson: the share right at the first try and at the end, for quiz
    questions and exercise tasks."""
    table = lesson_overview(results)
    long = pd.DataFrame([
        {"lesson": r.lesson, "series": SERIES[(r.type, attempt)][0],
         "share": share, "right": right, "attempts": r.attempts, "students": r.students}
        for r in table.itertuples()
        for attempt, share, right in (("first", r.first_try_share, r.first_try_right),
                                      ("final", r.right_share, r.right))],
        columns=["lesson", "series", "share", "right", "attempts", "students"])
    names = [name for name, _ in SERIES.values()]
    bars = alt.Chart(long).mark_bar().encode(
        x=alt.X("lesson:N"),
        xOffset=alt.XOffset("series:N", sort=names),
        y=alt.Y("share:Q", title="share right", scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(format="%")),
        color=alt.Color("series:N", title=None, sort=names,
                        scale=alt.Scale(domain=names,
                                        range=[colour for _, colour in SERIES.values()]),
                        legend=alt.Legend(orient="bottom", columns=2)),
        tooltip=["lesson:N", "series:N", "students:Q", "attempts:Q", "right:Q",
                 alt.Tooltip("share:Q", format=".0%")],
    ).properties(width=460, height=220)
    parts = [f"lesson {r.lesson} {r.type}: {r.first_try_share:.0%} right at the first try, "
             f"{r.right_share:.0%} at the end, of {r.attempts} items tried "
             f"(by {r.students} students)" for r in table.itertuples()]
    description = ("Share of the class's items right at the first try and at the end, by "
                   "lesson, for quiz questions and exercise tasks (written work handed in "
                   "counts as right). " + "; ".join(parts) + "."
                   if parts else "No results in these exports.")
    return charts.make_figure(bars, description, table, title="How the class did, by lesson")


def missed_chart(missed: pd.DataFrame, lesson: str, top: int = 8) -> charts.Figure:
    """Horizontal bars: the items of one lesson missed by most students (at most ``top``)."""
    lesson = lesson_id(lesson)
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
        tooltip=["item:N", "type:N", "question:N", "tried:Q", "first_try_right:Q",
                 "missed:Q", alt.Tooltip("missed_share:Q", format=".0%")],
    ).properties(width=420, height=max(60, 24 * len(table)))
    if table.empty:
        description = f"Lesson {lesson}: no question or task was missed at the last attempt."
    else:
        description = (f"Lesson {lesson}, items missed by most students at their last "
                       "attempt: " + "; ".join(
                           f"{r.item} ({r.type}) missed by {r.missed} of {r.tried} "
                           f"({r.first_try_right} right at the first try)"
                           for r in table.itertuples()) + ".")
    return charts.make_figure(bars, description, table,
                              title=f"Lesson {lesson}: missed most")
