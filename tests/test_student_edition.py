"""The student edition (`make student-edition`, `make student-branch`): everything a
student needs, no solutions, no teachers' materials, no answer key in plain text."""

from __future__ import annotations

import shutil
import subprocess

import nbformat
import pytest
from conftest import REPO

from comrades import quiz
from comrades.publish import student
from comrades.quiz import keys


@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    return student.build(tmp_path_factory.mktemp("student") / "edition")


def _names(folder):
    return sorted(p.name for p in folder.glob("*.ipynb"))


def test_edition_has_every_lesson_exercise_and_table(edition):
    for folder in ("notebooks", "exercises"):
        assert _names(edition / folder) == _names(REPO / folder)
        assert _names(edition / folder)
    assert sorted(p.name for p in (edition / "data").glob("*.csv")) == \
        sorted(p.name for p in (REPO / "data").glob("*.csv"))
    assert (edition / "data" / "datapackage.json").is_file()
    assert (edition / "src" / "comrades" / "quiz" / "grading.py").is_file()
    link = edition / "src" / "comrades" / "course_data"
    assert link.is_symlink() and (link / "events.csv").is_file()
    readme = (edition / "README.md").read_text(encoding="utf-8")
    assert "student edition" in readme and "solutions" not in readme
    for path in sorted((REPO / "notebooks").glob("*.ipynb")):
        assert f"notebooks/{path.name}" in readme


def test_edition_leaves_out_solutions_guides_and_class_data(edition):
    assert student.leaks(edition) == []
    for path in ("solutions", "docs/instructor-guide.md", "docs/class_example",
                 "docs/class_summary.ipynb", "docs/marking.ipynb", "docs/checked-facts.md",
                 "tests", "hub_tests",
                 "src/comrades/publish", "src/comrades/authoring.py"):
        assert not (edition / path).exists(), path
    for path in edition.rglob("*.ipynb"):
        text = path.read_text(encoding="utf-8")
        assert "### BEGIN SOLUTION" not in text, path


def test_every_quiz_key_is_hashed_and_still_grades(edition):
    for bank in sorted((REPO / "data" / "quizzes").glob("[0-9][0-9].toml")):
        shipped = edition / "data" / "quizzes" / bank.name
        text = shipped.read_text(encoding="utf-8")
        hashed = quiz.load_file(shipped)
        for plain, h in zip(quiz.load_file(bank), hashed, strict=True):
            assert keys.is_hashed(h)
            assert " ".join(plain.explanation.split())[:40] not in " ".join(text.split())
            right = list(plain.answer) if plain.kind in ("multiple", "order") else plain.answer
            assert quiz.grade(h, right).correct is True, plain.id
            assert quiz.grade(plain, right).correct is True


def test_leaks_finds_what_must_not_ship(edition, tmp_path):
    bad = tmp_path / "bad"
    shutil.copytree(edition, bad, symlinks=True)
    shutil.copy2(REPO / "data" / "quizzes" / "00.toml", bad / "data" / "quizzes" / "00.toml")
    (bad / "solutions").mkdir()
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "### BEGIN SOLUTION\nx = 1\n### END SOLUTION")])
    nbformat.write(notebook, bad / "exercises" / "extra.ipynb")
    found = "\n".join(student.leaks(bad))
    assert "solutions is present" in found
    assert "extra.ipynb holds a solution marker" in found
    assert "00.toml: question 00.1 is not hashed" in found


def test_a_lesson_runs_from_the_edition_alone(edition, monkeypatch):
    """The edition's own package and hashed banks, not the checkout's, run lesson 00."""
    from nbclient import NotebookClient

    monkeypatch.setenv("PYTHONPATH", str(edition / "src"))
    monkeypatch.delenv("COMRADES_DATA_DIR", raising=False)
    path = edition / "notebooks" / "00_introduction.ipynb"
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(
        "import comrades.quiz as q\nprint(q.bank_path('00').resolve())\n"
        "print(all(bool(x.salt) for x in q.load_bank('00')))"))
    NotebookClient(notebook, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    printed = notebook.cells[-1].outputs[0]["text"].split()
    assert printed[0] == str((edition / "data" / "quizzes" / "00.toml").resolve())
    assert printed[1] == "True"


def test_student_branch_is_committed_without_touching_the_work_tree(edition, tmp_path,
                                                                     monkeypatch):
    repo = tmp_path / "repo"
    for key in ("GIT_AUTHOR", "GIT_COMMITTER"):  # an identity, as a teacher's git has
        monkeypatch.setenv(f"{key}_NAME", "Teacher")
        monkeypatch.setenv(f"{key}_EMAIL", "teacher@example.edu")

    def git(*args):
        return subprocess.run(["git", "-C", str(repo), *args], check=True, text=True,
                              capture_output=True).stdout.strip()

    repo.mkdir()
    git("init", "--quiet", "--initial-branch=main")
    (repo / "teacher.md").write_text("answers\n")
    git("add", "teacher.md")
    git("commit", "--quiet", "-m", "main")
    (repo / "draft.md").write_text("not added\n")
    before = (git("status", "--porcelain"), git("rev-parse", "HEAD"))

    commit = student.commit_branch(edition, repo=repo)
    again = student.commit_branch(edition, repo=repo)
    assert again == commit, "an unchanged edition must not add a commit"
    assert (git("status", "--porcelain"), git("rev-parse", "HEAD")) == before
    files = git("ls-tree", "-r", "--name-only", "student").splitlines()
    assert "notebooks/00_introduction.ipynb" in files and "README.md" in files
    assert not any(f.startswith("solutions/") or f == "teacher.md" for f in files)
    assert git("cat-file", "-p", "student:src/comrades/course_data") == "../../data"
    (edition / "notebooks" / "new.md").write_text("an update\n")
    try:
        update = student.commit_branch(edition, repo=repo)
    finally:
        (edition / "notebooks" / "new.md").unlink()
    assert git("rev-parse", f"{update}^") == commit


def test_make_targets_run_the_builders():
    def dry(target):
        return subprocess.run(["make", "-n", "-W", "pyproject.toml", target, "ENV_PREFIX="],
                              cwd=REPO, capture_output=True, text=True, check=True).stdout

    assert ".venv/bin/python -m comrades.publish.student\n" in dry("student-edition")
    assert "-m comrades.publish.student --branch" in dry("student-branch")
    for target, module in (("site", "site"), ("handouts", "handouts")):
        command = dry(target)
        assert "pip install --quiet -c requirements.lock -e '.[lab,test,site]'" in command
        assert f".venv/bin/python -m comrades.publish.{module}" in command


def test_no_task_module_names_a_hashed_key_in_a_comment(edition):
    """A hashed key is no secret if a comment beside it gives the value (00.1's year)."""
    lesson00 = (edition / "src" / "comrades" / "tasks" / "lesson00.py").read_text()
    assert "HashedKey(" in lesson00
    assert "1950" not in lesson00 and "1945-09-02" not in lesson00


# --- issue 24, item 2: links are never followed, and every file is scanned -------------------

@pytest.fixture
def checkout(tmp_path):
    """A copy of the course to plant links in (without .git, builds and tests)."""
    root = tmp_path / "course"
    shutil.copytree(REPO, root, symlinks=True, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "tests", "hub_tests", "__pycache__", "*.egg-info"))
    return root


def test_a_link_to_a_file_outside_the_course_is_refused_not_copied(checkout, tmp_path):
    secret = tmp_path / "teacher-only.txt"
    secret.write_text("the answer key of the final exam")
    (checkout / "data" / "geo" / "extra.json").symlink_to(secret)
    with pytest.raises(SystemExit, match="extra.json is a link to .*outside the edition"):
        student.build(tmp_path / "edition", root=checkout)
    copied = tmp_path / "edition" / "data" / "geo" / "extra.json"
    assert not copied.exists() or copied.is_symlink(), "the file's content was copied in"


def test_a_link_to_a_solution_inside_the_course_is_refused(checkout, tmp_path):
    (checkout / "data" / "geo" / "peek.json").symlink_to(
        "../../solutions/01_comrades_without_a_common_cause.ipynb")
    with pytest.raises(SystemExit, match="peek.json is a link"):
        student.build(tmp_path / "edition", root=checkout)


def test_a_link_loop_is_copied_once_as_a_link(checkout, tmp_path):
    (checkout / "notebooks" / "loop").symlink_to(".")
    edition = student.build(tmp_path / "edition", root=checkout)
    loop = edition / "notebooks" / "loop"
    assert loop.is_symlink() and loop.resolve() == (edition / "notebooks").resolve()


def test_a_solution_marker_in_any_file_is_found(edition, tmp_path):
    bad = tmp_path / "bad"
    shutil.copytree(edition, bad, symlinks=True)
    (bad / "data" / "geo" / "notes.json").write_text('{"x": "### BEGIN SOLUTION"}')
    assert any("notes.json holds a solution marker" in p for p in student.leaks(bad))
