"""Notebooks as files: committed clean, with a kernel, links that resolve, and the
conventions of DESIGN.md. (nbval runs them; the browser test opens them.)"""

import json
import re

import pytest
from conftest import REPO

FOLDERS = ("notebooks", "exercises", "solutions", "docs")
ALL = sorted(p for f in FOLDERS for p in (REPO / f).glob("*.ipynb"))
LESSONS = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
LINK = re.compile(r"\]\(([^)\s]+)\)")


def _nb(path):
    return json.loads(path.read_text(encoding="utf-8"))


def _markdown(path):
    return "\n".join("".join(c["source"]) for c in _nb(path)["cells"]
                     if c["cell_type"] == "markdown")


def _code(path):
    return "\n".join("".join(c["source"]) for c in _nb(path)["cells"]
                     if c["cell_type"] == "code")


def _id(path):
    return str(path.relative_to(REPO))


def test_there_are_notebooks():
    assert (REPO / "notebooks" / "00_introduction.ipynb") in LESSONS


@pytest.mark.parametrize("path", ALL, ids=_id)
def test_committed_without_outputs(path):
    for cell in _nb(path)["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, \
                f"{_id(path)}: clear outputs before committing"


@pytest.mark.parametrize("path", ALL, ids=_id)
def test_has_a_python_kernelspec(path):
    assert _nb(path)["metadata"]["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("path", ALL, ids=_id)
def test_relative_links_resolve(path):
    for target in LINK.findall(_markdown(path)):
        if re.match(r"[a-z]+:", target) or target.startswith("#"):
            continue
        resolved = (path.parent / target.split("#")[0]).resolve()
        assert resolved.exists(), f"{_id(path)} links to missing {target}"


@pytest.mark.parametrize("path", LESSONS, ids=_id)
def test_lesson_follows_the_conventions(path):
    text = _markdown(path)
    assert text.lstrip().startswith("# "), "a lesson starts with its title"
    for heading in ("Overview", "Discuss", "Key terms", "Summary", "What's next"):
        assert re.search(rf"^##+ .*{heading}", text, re.M), f"missing section {heading}"
    assert "Prerequisites" in text and "Time to learn" in text
    objectives = re.search(r"## Overview(.*?)\n## ", text, re.S).group(1)
    assert 3 <= len(re.findall(r"^\d+\. ", objectives, re.M)) <= 5, "3–5 objectives"
    assert re.search(r"\[¶\d+", text), "the article is cited by paragraph"
    code = _code(path)
    assert re.search(r"widgets\.\w+_explorer\(", code), "at least one explorer"
    assert "quiz.show(" in code


@pytest.mark.parametrize("path", LESSONS, ids=_id)
def test_lesson_quiz_has_at_least_six_questions_of_two_kinds(path):
    from comrades import quiz

    lesson = path.name[:2]
    questions = quiz.load_bank(lesson)
    assert len(questions) >= 6
    assert len({q.kind for q in questions}) >= 2
    shown = set(re.findall(r'quiz\.show\("\d\d", section="([^"]+)"\)', _code(path)))
    assert shown == set(quiz.sections(lesson)), "every section of the bank is shown"


def test_code_cells_are_short():
    for path in LESSONS:
        for cell in _nb(path)["cells"]:
            if cell["cell_type"] == "code":
                lines = "".join(cell["source"]).splitlines()
                assert len(lines) <= 12, f"{_id(path)}: a code cell of {len(lines)} lines"
