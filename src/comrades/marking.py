"""Marking written work on the teacher's machine: a band per criterion, kept in a file.

The rubrics are in ``data/rubrics.toml``: each criterion has four bands, 4 (excellent)
to 1 (beginning); a rubric serves the tasks it lists, and the ``default`` rubric every
other written task. The teacher reads each essay (the marking widget of
``comrades.widgets.marking``, or any spreadsheet) and records bands; every mark is one
line appended to a marks file (by default ``marks/marks.csv`` in the folder of the class's
exports, a folder of its own so it is never read as an export), so
an earlier mark is never overwritten and the latest mark for a criterion counts. Cells
are neutralised for spreadsheets on the way out and back; a line that cannot be read (a
hand edit gone wrong, a cut-off last line) is reported and left out, never fatal.
``comrades.grade`` joins the marks to the gradebook.
"""

from __future__ import annotations

import csv
import os
import time
import tomllib
import warnings
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from comrades import untrusted
from comrades.paths import data_dir

BANDS = (4, 3, 2, 1)
BAND_NAMES = {4: "excellent", 3: "good", 2: "developing", 1: "beginning"}
DEFAULT = "default"
MARKS_FILE = Path("marks") / "marks.csv"
HEADER = ("student_id", "student", "item", "criterion", "band", "marked_at")


class MarkWarning(UserWarning):
    """A line of a marks file that was left out, and why."""


@dataclass(frozen=True)
class Criterion:
    name: str
    bands: tuple[str, str, str, str]  # what bands 4, 3, 2 and 1 look like

    def describe(self, band: int) -> str:
        return self.bands[BANDS.index(band)]


@dataclass(frozen=True)
class Rubric:
    name: str
    tasks: tuple[str, ...]
    criteria: tuple[Criterion, ...]

    @property
    def out_of(self) -> int:
        return max(BANDS) * len(self.criteria)

    def criterion(self, name: str) -> Criterion:
        for criterion in self.criteria:
            if criterion.name == name:
                return criterion
        raise KeyError(f"the rubric {self.name!r} has no criterion {name!r}")


@cache
def rubrics() -> tuple[Rubric, ...]:
    """Every rubric of ``data/rubrics.toml``, checked: four bands a criterion, one default."""
    with (data_dir() / "rubrics.toml").open("rb") as handle:
        table = tomllib.load(handle)
    found = []
    for entry in table.get("rubric", []):
        criteria = tuple(Criterion(c["name"], tuple(c["bands"]))
                         for c in entry.get("criterion", []))
        if not criteria or any(len(c.bands) != len(BANDS) for c in criteria):
            raise ValueError(f"rubric {entry.get('name')!r}: each criterion needs "
                             f"{len(BANDS)} bands")
        found.append(Rubric(entry["name"], tuple(entry["tasks"]), criteria))
    if sum(DEFAULT in r.tasks for r in found) != 1:
        raise ValueError("data/rubrics.toml needs exactly one rubric for the default tasks")
    return tuple(found)


def rubric_for(task_id: str) -> Rubric:
    """The rubric that marks ``task_id``: its own, or the default one."""
    for rubric in rubrics():
        if task_id in rubric.tasks:
            return rubric
    return next(r for r in rubrics() if DEFAULT in r.tasks)


# --- the marks file ----------------------------------------------------------------------

def default_path(folder: str | os.PathLike) -> Path:
    """Where the marks of the class whose exports are in ``folder`` are kept."""
    return Path(folder) / MARKS_FILE


def record(path: str | os.PathLike, student_id: str, student: str, item: str,
           criterion: str, band: int, when: float | None = None) -> None:
    """Append one mark to the marks file at ``path`` (made, with its header, if new).

    ``criterion`` must be one of the rubric's for ``item`` and ``band`` one of
    :data:`BANDS`: a mark that could not be read back is refused here, not later."""
    rubric_for(item).criterion(criterion)
    if band not in BANDS:
        raise ValueError(f"a band is one of {BANDS}, not {band!r}")
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    new = not target.exists() or target.stat().st_size == 0
    line = (student_id, student, item, criterion, band, round(when or time.time(), 3))
    with target.open("a", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        if new:
            writer.writerow(HEADER)
        writer.writerow(untrusted.csv_row(line))
        handle.flush()
        os.fsync(handle.fileno())


def read(path: str | os.PathLike) -> pd.DataFrame:
    """Every mark of the file that can be read, the latest for each student, task and
    criterion (columns as :data:`HEADER`). A missing file has no marks; each line left out
    is reported as a :class:`MarkWarning` naming the file and line."""
    target = Path(path)
    if not target.exists():
        return pd.DataFrame(columns=list(HEADER))
    rows = []
    with target.open(newline="", encoding="utf-8", errors="replace") as handle:
        lines = csv.reader(handle)
        if [untrusted.csv_value(c) for c in next(lines, [])] != list(HEADER):
            _report(target, 1, f"the header is not {', '.join(HEADER)}")
            return pd.DataFrame(columns=list(HEADER))
        for number, cells in enumerate(lines, start=2):
            problem, row = _parse(cells)
            if problem:
                _report(target, number, problem)
            else:
                rows.append(row)
    marks = pd.DataFrame(rows, columns=list(HEADER))
    marks = marks.sort_values("marked_at", kind="stable")
    return marks.drop_duplicates(["student_id", "item", "criterion"], keep="last") \
        .reset_index(drop=True)


def _parse(cells: list[str]) -> tuple[str, tuple]:
    """(why the line cannot be used, or '', the mark it holds)."""
    if len(cells) != len(HEADER):
        return f"{len(cells)} cells where a mark has {len(HEADER)}", ()
    student_id, student, item, criterion, band, marked_at = (untrusted.csv_value(c)
                                                              for c in cells)
    try:
        band_number, moment = int(band), float(marked_at)
    except ValueError:
        return f"the band {band!r} or the time {marked_at!r} is not a number", ()
    if band_number not in BANDS:
        return f"the band {band_number} is not one of {BANDS}", ()
    try:
        rubric_for(item).criterion(criterion)
    except KeyError as err:
        return str(err.args[0]), ()
    if not student_id.strip():
        return "no student id", ()
    return "", (student_id, student, item, criterion, band_number, moment)


def _report(path: Path, line: int, reason: str) -> None:
    warnings.warn(f"{path.name}, line {line}: {reason}; this line is left out",
                  MarkWarning, stacklevel=3)


def totals(marks: pd.DataFrame) -> pd.DataFrame:
    """Per student and task: points, out of how many, and whether every criterion of its
    rubric has a band (``complete``)."""
    rows = []
    for (student_id, item), given in marks.groupby(["student_id", "item"], sort=True):
        rubric = rubric_for(item)
        rows.append({"student_id": student_id, "item": item,
                     "points": int(given["band"].sum()), "out_of": rubric.out_of,
                     "complete": len(given) == len(rubric.criteria)})
    return pd.DataFrame(rows, columns=["student_id", "item", "points", "out_of", "complete"])
