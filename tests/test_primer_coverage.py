"""Issue 22.6: the data primer teaches what the coding tasks need.

Each technique has a home section of the primer and a pattern of code that uses it.
Every coding task's worked solution is read for the techniques it uses; each must be
shown in code in its home section, and the section the task names (*Technique: data
primer §N*) must be the home of at least one of them.
"""

from __future__ import annotations

import re

import nbformat
import pytest
from conftest import REPO

PRIMER = REPO / "notebooks" / "00b_data_primer.ipynb"
SOLUTIONS = sorted((REPO / "solutions").glob("0[1-7]_*.ipynb"))

# technique: (home section of the primer, pattern of code that uses it)
TECHNIQUES = {
    "filter by a value": ("1", r"\]\s*==|\.query\("),
    "the year of a date": ("1", r"\.dt\.year"),
    "a range of values": ("1", r"\.between\("),
    "an id in a ;-list": ("1", r"split_list\("),
    "sorting": ("1", r"\.sort_values\("),
    "changing values": ("1", r"\.loc\[.*==.*\]\s*=[^=]"),
    "counting rows": ("2", r"value_counts\(|\.size\(\)|\blen\("),
    "groups": ("2", r"\.groupby\("),
    "several results per group": ("2", r"\.agg\("),
    "a mean": ("2", r"\.mean\("),
    "splitting a list of ids": ("3", r"\.str\.split\("),
    "a new column": ("3", r"\.assign\("),
    "joining tables": ("3", r"\.merge\("),
    "long to wide": ("4", r"\.pivot\("),
    "year columns after a pivot": ("4", r"\[\s*19\d\d\s*\]|rename\(columns=\{\s*19\d\d"),
    "days between dates": ("5", r"\.days\b"),
    "a chart": ("6", r"alt\.Chart\("),
    "bars": ("6", r"mark_bar\("),
    "a line": ("6", r"mark_line\("),
    "points": ("6", r"mark_point\(|mark_circle\("),
    "colour by a column": ("6", r"color=alt\.Color\(|color=\"[\w:]+\""),
    "a tooltip": ("6", r"tooltip="),
}

# What the issue found missing, by task: the techniques each must be seen to use.
NEEDED = {"01.5": {"points", "colour by a column", "a tooltip"},
          "03.5": {"colour by a column", "a tooltip"},
          "03.3": {"long to wide", "year columns after a pivot"},
          "04.1": {"an id in a ;-list", "sorting"},
          "05.4": {"several results per group"}, "06.2": {"several results per group"},
          "06.9": {"changing values"}, "07.2": {"a range of values", "a mean"}}


def _primer_code() -> dict[str, str]:
    """The code of each numbered section of the primer."""
    code: dict[str, list[str]] = {}
    section = ""
    for cell in nbformat.read(PRIMER, as_version=4).cells:
        heading = re.match(r"## (\d) · ", cell.source)
        if cell.cell_type == "markdown" and heading:
            section = heading[1]
        elif cell.cell_type == "code" and section:
            code.setdefault(section, []).append(cell.source)
    return {number: "\n".join(cells) for number, cells in code.items()}


def _coding_tasks() -> dict[str, tuple[str, str]]:
    """task id: (the primer section its text names, its worked solution's code)."""
    tasks = {}
    for path in SOLUTIONS:
        cells = nbformat.read(path, as_version=4).cells
        for index, cell in enumerate(cells):
            task = re.search(r'check\("(\d\d\.\d+)"', cell.source)
            if cell.cell_type != "code" or not task or "### BEGIN SOLUTION" not in cell.source:
                continue
            solution = cell.source.split("### BEGIN SOLUTION")[1].split("### END SOLUTION")[0]
            if not _used(solution):
                continue  # a written or clicked answer, not code
            told = " ".join(c.source for c in cells[max(0, index - 3):index])
            named = re.findall(r"data primer §(\d)", told)
            tasks[task[1]] = (named[-1] if named else "", solution)
    return tasks


def _used(code: str) -> set[str]:
    return {name for name, (_, pattern) in TECHNIQUES.items() if re.search(pattern, code)}


def test_each_technique_is_shown_in_code_in_its_home_section():
    code = _primer_code()
    for name, (section, pattern) in TECHNIQUES.items():
        assert re.search(pattern, code[section]), f"§{section} does not show {name}"


def test_the_coding_tasks_are_found():
    tasks = _coding_tasks()
    assert len(tasks) >= 30 and set(NEEDED) <= set(tasks)


@pytest.mark.parametrize("task_id", sorted(_coding_tasks()))
def test_a_coding_task_names_a_section_that_teaches_what_it_uses(task_id):
    section, solution = _coding_tasks()[task_id]
    used = _used(solution)
    assert section, f"{task_id} names no primer section"
    homes = {TECHNIQUES[name][0] for name in used}
    assert section in homes, f"{task_id} names §{section} but uses {sorted(used)}"
    assert NEEDED.get(task_id, set()) <= used, task_id


def test_the_measure_can_fail():
    """A primer without its §6 point chart would not cover 01.5."""
    code = _primer_code()
    without = re.sub(r"mark_point\(", "mark_line(", code["6"])
    assert not re.search(TECHNIQUES["points"][1], without)
    assert "points" in _used(_coding_tasks()["01.5"][1])
