"""Tasks a class without coding can do: three right forms pass, three wrong ones fail;
every exercise task cell is tagged core or extension, and each notebook has two no-code."""

from __future__ import annotations

import re

import nbformat
import numpy as np
import pytest

from comrades import check as checks
from comrades.check import PASSED, check, task
from comrades.paths import REPO_ROOT
from comrades.tasks.kinds import Choice, FreeText, Number, Words

CASES = {
    "01.9": (["C", "measured", " Measured ", "C measured", "c) measured"],
             ["A", "alliance", "Z", "C alliance"]),
    "01.10": ([2, "2", np.int64(2), "2 km", "two", "2 kilometres", "two km"],
              [1, 200, "2 or 3 km", "2 miles", "two (2) kilometres and more"]),
    "02.10": (["b", "(B)", "CORDIAL"], ["A", "alliance", "measured"]),
    "02.11": (["B", "b.", "a memo of a North Vietnamese committee, read in an English "
               "translation", "a memo", "memo", "B) a memo"],
              ["A", "a treaty signed by both governments", "E", "a", "B) a treaty"]),
    "03.10": ([4, "4", np.int64(4), "four", "Four."], [3, 5, "four pairs and more"]),
    "03.11": (["D", "[d]", "hungarian diplomats reporting what the vietnamese ambassador "
               "told them", "Hungarian diplomats"], ["A", "the US State Department", 4]),
    "04.9": ([1992, "1992", np.int32(1992)], [1975, 1993, "the nineties"]),
    "04.10": (["D", "estranged", "Estranged."], ["E", "hostile", 4]),
    "05.10": ([10, "10", 10.0], [9, 11, 3.5]),
    "05.11": (["C", "no agreement was reached", "No agreement was reached."],
              ["A", "A peace treaty was signed", "yes"]),
    "06.11": (["B", "cordial", "Cordial"], ["D", "estranged", ["B"]]),
    "06.12": (["Vietnam", "Việt Nam", " viet nam "], ["North Korea", "China", 1975]),
    "07.6": ([5, "5", np.int64(5)], [6, 4, "all"]),
    "07.7": (["03", "3", "Phase 03"], ["04", "phase 3 and 4", 2]),
}


@pytest.mark.parametrize("task_id", sorted(CASES))
def test_three_right_forms_pass_and_three_wrong_ones_fail(task_id):
    rights, wrongs = CASES[task_id]
    for answer in rights:
        assert check(task_id, answer, record=False).status == PASSED, (task_id, answer)
    expected = task(task_id).answer_text()
    for answer in wrongs:
        result = check(task_id, answer, record=False)
        assert result.status == "failed", (task_id, answer)
        assert expected not in result.message, (task_id, answer)  # never the answer


def test_a_wrong_choice_names_the_options_not_the_answer():
    result = check("05.11", "Z", record=False)
    assert "A–D" in result.message and "No agreement" not in result.message


def test_a_known_wrong_short_answer_gets_its_own_hint():
    assert "own country" in check("06.12", "DPRK", record=False).message


def test_a_derived_answer_breaks_when_its_evidence_changes(monkeypatch):
    """A choice whose evidence no longer says what the task assumes has no right answer."""
    import comrades.tasks.lesson05 as lesson05

    monkeypatch.setattr(lesson05, "summit_outcome", lambda: "")
    broken = Choice(lesson05.SUMMIT_OPTIONS, lesson05.summit_outcome)
    assert broken.judge("C").status == "failed"


# --- the cells of the exercise notebooks ------------------------------------------------------

TASK_CALL = re.compile(r'check\("((?:\d\d|P)\.\d+)"')
NO_CODE_KINDS = (Choice, Words, Number)  # a count, a year or a number read from a display
# ... and the written sourcing or corroboration judgement each notebook asks (issue 20.5)
REASONING = (FreeText,)


def _task_cells(folder: str):
    for path in sorted((REPO_ROOT / folder).glob("0[1-7]_*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        for cell in notebook.cells:
            found = TASK_CALL.findall(cell.source) if cell.cell_type == "code" else []
            if found:
                yield path.name, found[0], set(cell.metadata.get("tags", []))


@pytest.mark.parametrize("folder", ["solutions", "exercises"])
def test_every_task_cell_is_core_or_extension(folder):
    cells = list(_task_cells(folder))
    assert cells
    for name, task_id, tags in cells:
        assert len(tags & {"core", "extension"}) == 1, (name, task_id, tags)


def test_every_exercise_notebook_has_two_no_code_tasks_of_a_reading_kind():
    per_notebook: dict[str, list[str]] = {}
    for name, task_id, tags in _task_cells("solutions"):
        if "no-code" in tags and not isinstance(task(task_id), REASONING):
            per_notebook.setdefault(name, []).append(task_id)
            assert isinstance(task(task_id), NO_CODE_KINDS), task_id
            assert "core" in tags, task_id  # the no-code route is part of the core path
    notebooks = {p.name for p in (REPO_ROOT / "solutions").glob("0[1-7]_*.ipynb")}
    assert set(per_notebook) == notebooks
    assert all(len(ids) >= 2 for ids in per_notebook.values()), per_notebook


def test_every_registered_exercise_task_has_a_cell():
    in_cells = {task_id for _, task_id, _ in _task_cells("solutions")}
    declared = {t for t in checks.registered_tasks() if t[:2] in
                {"01", "02", "03", "04", "05", "06", "07"}}
    assert declared == in_cells


def test_every_exercise_notebook_asks_a_sourcing_judgement_in_words():
    """Issue 20.5: reasoning, not trivia. Each notebook has a core no-code written task
    that judges a source (who made it, for whom, how far to trust it) or corroborates one
    with another, answered in its answer box and saved for the teacher."""
    found: dict[str, list[str]] = {}
    for path in sorted((REPO_ROOT / "solutions").glob("0[1-7]_*.ipynb")):
        cells = nbformat.read(path, as_version=4).cells
        for index, cell in enumerate(cells):
            ids = TASK_CALL.findall(cell.source) if cell.cell_type == "code" else []
            tags = set(cell.metadata.get("tags", []))
            if not ids or not isinstance(task(ids[0]), REASONING) or \
                    not {"core", "no-code"} <= tags:
                continue
            prompt = " ".join(c.source for c in cells[max(0, index - 3):index]
                              if c.cell_type == "markdown").lower()
            if re.search(r"sourc|corroborat|trust|who produced|rely", prompt):
                assert any(f'answer_box("{ids[0]}")' in c.source
                           for c in cells[index:index + 2]), ids[0]
                found.setdefault(path.name, []).append(ids[0])
    notebooks = {p.name for p in (REPO_ROOT / "solutions").glob("0[1-7]_*.ipynb")}
    assert set(found) == notebooks, sorted(notebooks - set(found))


def test_key_points_of_a_reasoning_task_wait_for_a_real_attempt():
    """Shown only after an attempt of at least 60% of the task's minimum length, and
    recorded as revealed (the written kind's rule, issue 21.4)."""
    short = "It is a translation so we should check it."
    result = check("01.11", short, reveal=True, record=False)
    assert result.status != "revealed" and "Who produced it" not in result.message
