"""Every objective a lesson states is assessed, and every item names a stated objective."""

from __future__ import annotations

import re

import nbformat
import pytest

from comrades import items, objectives, quiz
from comrades.check import register, registered_tasks, task_objective
from comrades.paths import REPO_ROOT
from comrades.quiz.bank import QuizBankError, load_file
from comrades.tasks.kinds import Count

NOTEBOOKS = {"00": "notebooks/00_introduction.ipynb",
             "P": "notebooks/00b_data_primer.ipynb",
             "07": "solutions/07_capstone.ipynb"}
NOTEBOOKS.update({p.name[:2]: str(p.relative_to(REPO_ROOT))
                  for p in (REPO_ROOT / "notebooks").glob("0[1-6]_*.ipynb")})


def test_every_objective_is_assessed_by_a_quiz_question_or_a_task():
    unassessed = [oid for oid, items in items.coverage().items() if not items]
    assert unassessed == []


def test_the_issue_s_unassessed_objectives_now_have_items():
    served = items.coverage()
    for oid in ("00-O3", "00-O4", "01-O2", "03-O3", "04-O3"):
        assert served[oid], oid


def test_every_task_names_a_stated_objective():
    for task_id in registered_tasks():
        assert objectives.known(task_objective(task_id)), task_id


def test_every_quiz_question_of_the_course_names_a_stated_objective():
    for lesson in quiz.available_lessons():
        for question in quiz.load_bank(lesson):
            assert objectives.known(question.objective), question.id
            assert question.objective.startswith(f"{lesson}-")


def test_the_coding_skills_assessed_are_the_primer_s_objectives():
    served = items.coverage()
    coding = [oid for oid in objectives.all_ids() if oid.startswith("P-")]
    assert len(coding) == 6
    for oid in coding:  # each skill is practised in a lesson's exercises, not only the primer
        assert any(item.startswith("task 0") for item in served[oid]), oid


@pytest.mark.parametrize("lesson", sorted(NOTEBOOKS))
def test_each_notebook_states_exactly_its_objectives_by_id(lesson):
    notebook = nbformat.read(REPO_ROOT / NOTEBOOKS[lesson], as_version=4)
    text = "\n".join(c.source for c in notebook.cells[:2] if c.cell_type == "markdown")
    stated = re.findall(r"^\d\. \*\*(O\d+)\*\*", text, flags=re.M)
    assert stated == list(objectives.OBJECTIVES[lesson])


def test_a_task_naming_an_unknown_objective_is_refused():
    with pytest.raises(ValueError, match="unknown objective"):
        register("99.1", Count(1), objective="O9")
    with pytest.raises(ValueError, match="unknown objective"):
        register("99.2", Count(1), objective="P-O99")


def _bank(tmp_path, objective_line: str):
    path = tmp_path / "02.toml"
    path.write_text(f'''[[question]]
id = "02.1"
section = "s"
{objective_line}
kind = "single"
prompt = "Which?"
options = ["Hanoi", "Seoul"]
answer = "Hanoi"
hint = "Look again."
explanation = "Because."
source = "¶5"
''', encoding="utf-8")
    return path


@pytest.mark.parametrize("line", ['objective = "O9"', 'objective = "two"', "objective = 2"])
def test_a_bank_naming_an_unknown_objective_is_refused(tmp_path, line):
    with pytest.raises(QuizBankError, match="objective"):
        load_file(_bank(tmp_path, line))


def test_a_bank_question_keeps_its_objective_as_a_full_id(tmp_path):
    (question,) = load_file(_bank(tmp_path, 'objective = "O3"'))
    assert question.objective == "02-O3"
