"""`make exercises`: exercises are generated from solutions and never drift."""

import nbformat
import pytest
from conftest import REPO

from comrades import authoring
from comrades.authoring import BEGIN, END, AuthoringError, strip_solutions


def test_code_region_is_removed_and_the_stub_stays():
    source = f"answer = ...\n{BEGIN}\nanswer = 42\n{END}\ncheck('x', answer)"
    assert strip_solutions(source, "code") == "answer = ...\ncheck('x', answer)"


def test_markdown_region_is_removed_and_an_emptied_cell_dropped():
    """A text cell is never saved: the exercise sends no student to write in one."""
    import nbformat

    source = f"**Task.** Why?\n\n{BEGIN}\nBecause.\n{END}"
    out = strip_solutions(source, "markdown")
    assert "Because" not in out and out.strip() == "**Task.** Why?"
    solution = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("**Task.** Why?"),
        nbformat.v4.new_markdown_cell(f"{BEGIN}\nBecause.\n{END}"),
        nbformat.v4.new_code_cell("answer_box('x')")])
    cells = authoring.exercise_from_solution(solution).cells
    assert [c.source for c in cells] == ["**Task.** Why?", "answer_box('x')"]


def test_no_exercise_asks_for_an_answer_in_a_text_cell():
    for path in sorted((REPO / "exercises").glob("*.ipynb")):
        text = path.read_text(encoding="utf-8")
        assert "double-click this cell" not in text and "Write your answer here" not in text


def test_unbalanced_markers_are_refused():
    with pytest.raises(AuthoringError, match="unbalanced"):
        strip_solutions(f"{BEGIN}\nx = 1\n", "code", "nb cell 3")


def test_every_exercise_matches_its_solution():
    pairs = authoring.pairs()
    assert len(pairs) >= 1, "solutions/ holds the worked solutions"
    for solution, exercise in pairs:
        assert exercise.exists(), f"{exercise.name} missing: run `make exercises`"
        assert exercise.read_text(encoding="utf-8") == authoring.render(solution), \
            f"exercises/{exercise.name} is out of date: run `make exercises`"


def test_no_solution_text_leaks_into_an_exercise():
    for _, exercise in authoring.pairs():
        nb = nbformat.read(exercise, as_version=4)
        for cell in nb.cells:
            assert BEGIN not in cell.source and END not in cell.source
