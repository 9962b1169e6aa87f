"""Executing each worked solution, every task is recorded as passed or submitted.

The verdicts are read as objects (``comrades.check.history``), not from printed text,
and from the progress file the kernel wrote, as ``my_progress`` reads them.
"""

import json
import re

import nbformat
import pytest
from conftest import REPO
from nbclient import NotebookClient

from comrades import progress
from comrades.check import registered_tasks

SOLUTIONS = sorted((REPO / "solutions").glob("[0-9][0-9]_*.ipynb"))
REPORT = """
import json as _json
from comrades.check import history as _history
print("CHECK-RESULTS", _json.dumps([[r.task, r.status, r.message, r.error]
                                    for r in _history]))
"""


@pytest.mark.parametrize("path", SOLUTIONS, ids=[p.stem for p in SOLUTIONS])
def test_every_task_is_passed_or_submitted_in_the_worked_solution(path, progress_dir):
    lesson = path.name[:2]
    nb = nbformat.read(path, as_version=4)
    tasks = {t for c in nb.cells if c.cell_type == "code"
             for t in re.findall(r'check\("(\d\d\.\d+)"', c.source)}
    assert tasks == {t for t in registered_tasks() if t.startswith(lesson + ".")}, \
        "the notebook checks every task of its lesson"
    nb.cells.append(nbformat.v4.new_code_cell(REPORT))
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    printed = "".join(o.get("text", "") for o in nb.cells[-1].outputs)
    results = json.loads(printed.split("CHECK-RESULTS", 1)[1])
    assert {task for task, *_ in results} == tasks, "every task's check ran"
    for task, status, message, error in results:
        assert not error, f"{path.name} {task}: {error}"
        assert status in ("passed", "submitted"), f"{path.name} {task}: {status}: {message}"
    recorded = {row["item"]: row["status"] for row in progress.results()
                if row["kind"] == "exercise"}
    assert recorded.keys() == tasks and set(recorded.values()) <= {"passed", "submitted"}
    counts = {s: list(recorded.values()).count(s) for s in ("passed", "submitted")}
    print(f"\n{lesson}: {len(tasks)} tasks, {counts['passed']} passed, "
          f"{counts['submitted']} submitted")
