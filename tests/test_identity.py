"""Issue 21.5: a student is a person, not an operating-system account.

Students sharing one account keep separate records (each named student has a progress
file of their own), the hub's user name is used on a hub, and every export carries the
student's name and id."""

from __future__ import annotations

import csv

import pytest

from comrades import progress


@pytest.fixture
def nobody(progress_dir, monkeypatch):
    """A fresh kernel: no name given, none in the environment."""
    monkeypatch.setattr(progress, "_STUDENT", "")
    monkeypatch.delenv(progress.STUDENT_ENV, raising=False)
    monkeypatch.delenv(progress.HUB_USER_ENV, raising=False)
    return progress_dir


def _export(path, student=""):
    rows = list(csv.reader(progress.export_csv(path, student).open(encoding="utf-8")))
    header, body = rows[0], rows[1:-1]
    return [dict(zip(header, row, strict=True)) for row in body]


def test_two_students_on_one_account_keep_separate_records(nobody, tmp_path):
    progress.set_student("An")
    progress.record("02", "02.1", "single", True, "1954")
    an_id = progress.install_id()
    progress.set_student("Bình")
    assert progress.results() == [], "Bình does not see An's answers"
    progress.record("02", "02.1", "single", False, "1960")
    binh_id = progress.install_id()
    assert an_id != binh_id
    assert [r["answer"] for r in progress.results()] == ["1960"]
    binh = _export(tmp_path / "binh.csv")
    assert {(r["student"], r["student_id"]) for r in binh} == {("Bình", binh_id)}
    progress.set_student("  an ")  # the same student, typed again with other spacing
    assert [r["answer"] for r in progress.results()] == ["1954"]
    an = _export(tmp_path / "an.csv")
    assert {(r["student"], r["student_id"]) for r in an} == {("an", an_id)}
    files = sorted(p.name for p in nobody.glob("*.sqlite3"))
    assert len(files) == 2 and progress.FILE_NAME not in files


def test_self_study_needs_no_name(nobody, tmp_path):
    assert progress.student_name() == "" and not progress.needs_student(graded=False)
    progress.record("00", "00.1", "number", True, "1950")
    assert progress.progress_file().name == progress.FILE_NAME
    assert [r["student"] for r in _export(tmp_path / "me.csv")] == [""]
    assert progress.needs_student(graded=True), "graded mode asks for a name first"


def test_the_hub_user_name_is_the_student(nobody, monkeypatch):
    monkeypatch.setenv(progress.HUB_USER_ENV, "ngoc.anh")
    assert progress.student_name() == "ngoc.anh"
    assert not progress.needs_student(graded=True)
    assert progress.progress_file().name == progress.FILE_NAME, \
        "one person per hub account: the existing file stays theirs"


def test_a_lab_may_name_the_student_in_the_environment(nobody, monkeypatch):
    monkeypatch.setenv(progress.STUDENT_ENV, "Lan")
    assert progress.student_name() == "Lan"
    assert progress.progress_file().name != progress.FILE_NAME


@pytest.mark.parametrize("bad", ["", "   ", "a\x00b", "line\nbreak\x1b[31m", "x" * 81])
def test_a_name_must_be_a_name(nobody, bad):
    with pytest.raises(ValueError):
        progress.set_student(bad)
    assert progress.student_name() == ""


def test_file_names_are_safe_and_stable():
    for name in ("../../etc/passwd", "An", "Nguyễn Thị Bình", "=cmd|' /C calc'!A0", "李"):
        file = progress.file_name_for(name)
        assert "/" not in file and file.startswith("progress-") and file.endswith(".sqlite3")
        assert file == progress.file_name_for(f"  {name.casefold()}  ")
    assert progress.file_name_for("An") != progress.file_name_for("Anh")


def test_the_quiz_prompt_saves_the_name(nobody):
    from comrades import quiz

    prompt = quiz.StudentPrompt()
    assert prompt.name.description == "Your name:" and prompt.button.description
    prompt.name.value = ""
    assert prompt.save() == "" and progress.student_name() == ""
    prompt.name.value = "  Minh  "
    assert prompt.save() == "Minh" and progress.student_name() == "Minh"


def test_graded_quiz_takes_no_answer_before_a_name(nobody):
    from comrades import quiz

    box = quiz.show("00", ask_name=True)
    prompt = box.children[1]
    assert isinstance(prompt, quiz.StudentPrompt)
    question = box.children[2]
    question.reveal_button.click()  # reveal is not an answer: still refused without a name
    question.check()
    assert progress.results() == []
    assert "your name" in question.feedback.value.lower()
    prompt.name.value = "Minh"
    prompt.save()
    assert not isinstance(quiz.show("00", ask_name=True).children[1], quiz.StudentPrompt)


def test_the_browser_edition_keeps_each_students_file_apart():
    from pathlib import Path

    from comrades import lite

    assert lite.saved_file(Path("/tmp/x/progress.sqlite3")) == lite.DRIVE / lite.SAVED_NAME
    named = lite.saved_file(Path("/tmp/x") / progress.file_name_for("An"))
    assert named != lite.DRIVE / lite.SAVED_NAME and named.parent == lite.DRIVE
    assert named != lite.saved_file(Path("/tmp/x") / progress.file_name_for("Bình"))
