"""Issue 22.6: the data primer teaches what the coding tasks need.

``TASKS`` maps every coding task of lessons 01-07 (a task about the data, not tagged
no-code) to the primer section its text names (*Technique: data primer §N · ...*) and
the techniques it needs from that section. For each task the tests assert that the
exercise and the solution name that section, that the worked solution uses each of
those techniques, and that the section's code shows each of them. ``TECHNIQUES`` gives
every technique a home section and a pattern of code; each must be shown there. Last,
every method a worked solution calls must appear in the primer's code or in the task's
own text, so a solution cannot quietly rely on something no one taught.
"""

from __future__ import annotations

import ast
import re

import nbformat
import pytest
from conftest import REPO

from comrades import check as checks

PRIMER = REPO / "notebooks" / "00b_data_primer.ipynb"
LESSONS = [path.name for path in sorted((REPO / "solutions").glob("0[1-7]_*.ipynb"))]
DATA_KINDS = {"Number", "Days", "Table", "Chart"}  # answered with a value computed by code

# technique: (home section of the primer, pattern of code that uses it)
TECHNIQUES = {
    "filter by a value": ("1", r"\[\"\w+\"\]\s*(==|!=|>=|<=|>|<)|\.query\("),
    "the year of a date": ("1", r"\.dt\.year"),
    "the month of a date": ("1", r"\.dt\.month"),
    "a range of values": ("1", r"\.between\("),
    "counting where a condition holds": ("1", r"\.sum\(\)"),
    "an id in a ;-list": ("1", r"split_list\(cell\)"),
    "sorting": ("1", r"\.sort_values\("),
    "filled cells": ("1", r"\.notna\(\)"),
    "the same question for each phase": ("1", r"\.apply\("),
    "changing values": ("1", r"\.loc\[.*==.*\]\s*=[^=]"),
    "counting rows": ("2", r"value_counts\(|\.size\(\)|\blen\("),
    "groups": ("2", r"\.groupby\("),
    "several results per group": ("2", r"\.agg\("),
    "a condition counted in each group": ("2", r"\.groupby\([^)]*\)\[.*\]\.sum\(\)"),
    "the change from the year before": ("2", r"\.diff\(\)"),
    "a mean": ("2", r"\.mean\("),
    "splitting a list of ids": ("3", r"\.str\.split\(\";\"\)|\.map\(data\.split_list\)"),
    "a new column": ("3", r"\.assign\("),
    "joining tables": ("3", r"\.merge\("),
    "long to wide": ("4", r"\.pivot\("),
    "year columns after a pivot": ("4", r"\[\s*19\d\d\s*\]|rename\(columns=\{\s*19\d\d"),
    "a table from its index": ("4", r"\.reset_index\(\)"),
    "days between dates": ("5", r"\.days\b"),
    "a chart": ("6", r"alt\.Chart\("),
    "bars": ("6", r"mark_bar\("),
    "a line": ("6", r"mark_line\("),
    "points": ("6", r"mark_point\(|mark_circle\("),
    "colour by a column": ("6", r"color=alt\.Color\(|color=\"[\w:]+\""),
    "a tooltip": ("6", r"tooltip="),
}

# Every coding task: (the section it names, the techniques it needs from that section).
TASKS = {
    "01.1": ("1", {"the year of a date", "a range of values", "counting rows"}),
    "01.2": ("2", {"counting rows"}),
    "01.3": ("5", {"days between dates"}),
    "01.4": ("3", {"joining tables"}),
    "01.5": ("6", {"a chart", "points", "colour by a column", "a tooltip"}),
    "02.1": ("1", {"filter by a value", "counting rows"}),
    "02.2": ("5", {"days between dates"}),
    "02.3": ("2", {"counting rows"}),
    "02.5": ("3", {"splitting a list of ids", "a new column", "joining tables"}),
    "02.6": ("6", {"a chart", "bars", "colour by a column", "a tooltip"}),
    "03.1": ("1", {"filter by a value", "counting where a condition holds"}),
    "03.3": ("4", {"long to wide", "year columns after a pivot", "a table from its index"}),
    "03.4": ("5", {"days between dates"}),
    "03.5": ("6", {"a chart", "a line", "colour by a column", "a tooltip"}),
    "03.8": ("3", {"joining tables"}),
    "04.1": ("1", {"filter by a value", "an id in a ;-list", "sorting"}),
    "04.2": ("5", {"days between dates"}),
    "04.3": ("2", {"groups", "the change from the year before", "counting rows"}),
    "04.4": ("3", {"splitting a list of ids", "a new column", "joining tables"}),
    "04.6": ("6", {"a chart", "a line", "colour by a column"}),
    "05.1": ("1", {"filter by a value", "counting rows"}),
    "05.2": ("5", {"days between dates"}),
    "05.3": ("3", {"splitting a list of ids", "a new column", "joining tables"}),
    "05.4": ("2", {"groups", "several results per group"}),
    "05.5": ("6", {"a chart", "points", "colour by a column", "a tooltip"}),
    "06.1": ("1", {"filter by a value", "counting rows"}),
    "06.2": ("2", {"groups", "several results per group"}),
    "06.3": ("5", {"days between dates"}),
    "06.4": ("3", {"splitting a list of ids", "a new column", "joining tables"}),
    "06.5": ("6", {"bars", "a tooltip"}),  # the cell gives the chart itself
    "06.9": ("1", {"filter by a value", "changing values"}),
    "07.1": ("2", {"groups", "a condition counted in each group"}),
    "07.2": ("1", {"a range of values", "the same question for each phase", "a mean"}),
    "07.3": ("6", {"a chart", "bars", "colour by a column", "a tooltip"}),
}

# What issue 22 found the primer did not teach, by task.
ISSUE = {"01.5": {"points", "colour by a column", "a tooltip"},
         "03.5": {"colour by a column", "a tooltip"},
         "03.3": {"year columns after a pivot"},
         "04.1": {"sorting", "an id in a ;-list"},
         "05.4": {"several results per group"}, "06.2": {"several results per group"},
         "07.2": {"a range of values", "the same question for each phase"}}

# Names a worked solution may call without the primer teaching them: the course's own
# functions (data, lens, charts) and Altair's encoding helpers (alt.X, alt.Tooltip, ...),
# which §6 shows by example; plain Python that reads as English.
COURSE_MODULES = {"data", "lens", "charts", "alt"}
PLAIN_PYTHON = {"int", "float", "round", "list", "sorted", "len"}


def _primer_code(cells=None) -> dict[str, str]:
    """The code of each numbered section of the primer."""
    code: dict[str, list[str]] = {}
    section = ""
    for cell in cells if cells is not None else nbformat.read(PRIMER, as_version=4).cells:
        heading = re.match(r"## (\d) · ", cell.source)
        if cell.cell_type == "markdown" and heading:
            section = heading[1]
        elif cell.cell_type == "code" and section:
            code.setdefault(section, []).append(cell.source)
    return {number: "\n".join(cells) for number, cells in code.items()}


def _tasks(folder: str) -> dict[str, dict]:
    """Each data task of the lessons' notebooks in ``folder``: its text (the markdown
    cell that sets it) and its worked solution."""
    tasks = {}
    for name in LESSONS:
        cells = nbformat.read(REPO / folder / name, as_version=4).cells
        for cell in cells:
            task = re.search(r'check\("(\d\d\.\d+)"', cell.source)
            if (cell.cell_type != "code" or not task
                    or "no-code" in cell.metadata.get("tags", [])
                    or type(checks.task(task[1])).__name__ not in DATA_KINDS):
                continue
            heading = rf"(?:\*\*|## )Task {re.escape(task[1])}(?:\.| \(| ·)"
            text = [c.source for c in cells
                    if c.cell_type == "markdown" and re.search(heading, c.source)]
            solution = ""
            if "### BEGIN SOLUTION" in cell.source:
                solution = cell.source.split("### BEGIN SOLUTION")[1].split(
                    "### END SOLUTION")[0]
            tasks[task[1]] = {"text": "\n".join(text), "solution": solution}
    return tasks


SOLVED, ASKED = _tasks("solutions"), _tasks("exercises")


def _used(code: str) -> set[str]:
    return {name for name, (_, pattern) in TECHNIQUES.items() if re.search(pattern, code)}


def _named(text: str) -> set[str]:
    return set(re.findall(r"data primer §(\d) · ", text))


def _problems(task_id: str, code: dict[str, str]) -> list[str]:
    """What is wrong with how the primer (its sections' ``code``) serves ``task_id``."""
    section, needed = TASKS[task_id]
    problems = [f"the {where} of {task_id} does not name §{section}"
                for where, tasks in (("exercise", ASKED), ("solution", SOLVED))
                if _named(tasks[task_id]["text"]) != {section}]
    used = _used(SOLVED[task_id]["solution"])
    problems += [f"the solution of {task_id} does not use {name}" for name in needed - used]
    problems += [f"§{section} shows no code for {name}, which {task_id} needs"
                 for name in sorted(needed)
                 if not re.search(TECHNIQUES[name][1], code.get(section, ""))]
    return problems


def _calls(code: str) -> set[str]:
    """The methods and functions ``code`` calls, and the ``.dt``/``.str`` parts it reads,
    leaving out the course's modules and Altair."""
    names = set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            names.add(node.func.id)
        elif isinstance(node, ast.Call | ast.Attribute):
            attribute = node.func if isinstance(node, ast.Call) else node
            if not isinstance(attribute, ast.Attribute):
                continue
            owner = attribute.value
            if isinstance(owner, ast.Name) and owner.id in COURSE_MODULES:
                continue
            if isinstance(node, ast.Call) or (isinstance(owner, ast.Attribute)
                                              and owner.attr in ("dt", "str")):
                names.add(attribute.attr)
    return names - PLAIN_PYTHON


def _primer_calls() -> set[str]:
    cells = nbformat.read(PRIMER, as_version=4).cells
    names = set()
    for cell in cells:
        if cell.cell_type == "code":
            names |= _calls(cell.source)
    return names


# --- the tests ------------------------------------------------------------------------

def test_each_technique_is_shown_in_code_in_its_home_section():
    code = _primer_code()
    for name, (section, pattern) in TECHNIQUES.items():
        assert re.search(pattern, code[section]), f"§{section} does not show {name}"


def test_the_table_lists_every_coding_task_of_lessons_01_to_07():
    assert set(SOLVED) == set(ASKED) == set(TASKS)
    assert {task[:2] for task in TASKS} == {f"0{n}" for n in range(1, 8)}
    assert len(TASKS) >= 30


def test_the_table_holds_what_the_issue_found_missing():
    for task_id, techniques in ISSUE.items():
        assert techniques <= TASKS[task_id][1], task_id


@pytest.mark.parametrize("task_id", sorted(TASKS))
def test_a_coding_task_names_the_section_that_shows_what_it_needs(task_id):
    assert _problems(task_id, _primer_code()) == []


@pytest.mark.parametrize("task_id", sorted(TASKS))
def test_every_technique_a_solution_uses_is_shown_in_its_home_section(task_id):
    code = _primer_code()
    for name in _used(SOLVED[task_id]["solution"]):
        section, pattern = TECHNIQUES[name]
        assert re.search(pattern, code[section]), (task_id, name)


def _untaught(task: dict) -> set[str]:
    """What ``task``'s solution calls that neither the primer's code nor, in `code`, the
    task's own text shows."""
    told = re.findall(r"`[^`]*`", task["text"])
    return {name for name in _calls(task["solution"]) - _primer_calls()
            if not any(re.search(rf"\b{name}\b", snippet) for snippet in told)}


@pytest.mark.parametrize("task_id", sorted(TASKS))
def test_a_solution_calls_nothing_the_primer_or_its_task_does_not_show(task_id):
    unknown = _untaught(SOLVED[task_id])
    assert unknown == set(), f"{task_id} calls {sorted(unknown)}, which nothing teaches"


def test_the_measure_can_fail():
    """A primer without its §6 point chart, or its §4 year columns, fails the tasks that
    need them; a solution calling an untaught method is caught."""
    cells = nbformat.read(PRIMER, as_version=4).cells
    for cell in cells:
        cell.source = cell.source.replace("mark_point(", "mark_line(")
        cell.source = cell.source.replace("rename(columns={1988", "rename(columns={0")
    without = _primer_code(cells)
    assert "§6 shows no code for points, which 01.5 needs" in _problems("01.5", without)
    assert any("year columns" in p for p in _problems("03.3", without))
    assert _problems("01.5", _primer_code()) == []
    assert _untaught({"text": "", "solution": "x = rows.interpolate()"}) == {"interpolate"}
    assert _untaught({"text": "Try `interpolate()`.", "solution": "x = rows.interpolate()"}) \
        == set()
