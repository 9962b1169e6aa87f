"""Grades decided on the teacher's machine (python -m comrades.grade): every answer is
judged again with the course's keys; what a student's file says of itself is never read."""

from __future__ import annotations

import csv
import shutil

import pandas as pd
import pytest
from conftest import REPO

from comrades import grade, progress
from comrades.answers import to_record
from comrades.check import task
from comrades.tasks import kinds

EXAMPLE = REPO / "docs" / "class_example"
ID = "0123456789abcdef0123456789abcdef"


def _export(folder, name, rows, student_id=ID, file_name=""):
    """Write a hand-in as the course writes one: rows of (item, kind, status, answer)."""
    lines = []
    for n, (item, kind, status, answer) in enumerate(rows):
        lines.append([name, student_id, f"{1_772_000_000 + n}.0", item.split(".")[0], item,
                      kind, int(status == "passed"), status, answer, "made by a test"])
    folder.mkdir(exist_ok=True)
    return progress.write_csv(folder / f"progress-{file_name or name}-1.csv",
                              progress.EXPORT_COLUMNS,
                              lines)


def _forge(path):
    """Every row of an export marked right, as a student with a spreadsheet could."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header, body, footer = rows[0], rows[1:-1], rows[-1]
    passed, status = header.index("passed"), header.index("status")
    for row in body:
        if row[status] != "revealed":
            row[passed], row[status] = "1", "passed"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *body, footer])


def test_a_forged_hand_in_gets_its_true_grade(tmp_path):
    honest = grade.grade_folder(EXAMPLE)["students"].set_index("student")
    forged_folder = tmp_path / "class"
    shutil.copytree(EXAMPLE, forged_folder)
    for path in forged_folder.glob("progress-*.csv"):
        _forge(path)
    forged = grade.grade_folder(forged_folder)["students"].set_index("student")
    pd.testing.assert_frame_equal(honest.drop(columns="student_id"),
                                  forged.drop(columns="student_id"))
    claimed = sum(1 for p in forged_folder.glob("progress-student01-*.csv")
                  for line in p.read_text().splitlines() if ",passed," in line)
    assert forged.loc["student01", "right_best"] < claimed


def test_the_example_s_judged_verdicts_agree_with_its_honest_files():
    judged = grade.grade_folder(EXAMPLE)["judged"]
    kept = judged[judged["verdict"].isin([grade.RIGHT, grade.WRONG])]
    assert len(kept) > 500
    assert ((kept["verdict"] == grade.RIGHT) == (kept["status"] == "passed")).all()


def test_a_right_answer_after_the_answer_was_shown_is_not_a_grade(tmp_path):
    right = to_record(float(kinds._value(task("00.1").expected)))
    _export(tmp_path, "ann", [("00.1", "exercise", "failed", to_record(1900)),
                              ("00.1", "exercise", "revealed", ""),
                              ("00.1", "exercise", "passed", right)])
    book = grade.grade_folder(tmp_path)["gradebook"].set_index("item")
    row = book.loc["00.1"]
    assert row["first_try"] == grade.WRONG and row["best"] == grade.WRONG
    assert row["revealed"] and row["attempts"] == 2
    _export(tmp_path, "ann", [("00.2", "exercise", "revealed", ""),
                              ("00.2", "exercise", "passed", right)], file_name="ann2")
    book = grade.grade_folder(tmp_path)["gradebook"].set_index("item")
    assert book.loc["00.2", "best"] == grade.SHOWN


@pytest.mark.parametrize(("answer", "verdict"), [
    (to_record("1950"), grade.RIGHT), (to_record("nineteen fifty"), grade.WRONG),
    (to_record(1950.0), grade.RIGHT), (to_record(1949), grade.WRONG),
    ("1950", grade.NOT_JUDGED), ("", grade.NOT_JUDGED)])
def test_an_exercise_answer_is_judged_by_its_own_kind(tmp_path, answer, verdict):
    expected = kinds._value(task("00.1").expected)
    answer = answer.replace("1950", str(int(expected)))
    _export(tmp_path, "bo", [("00.1", "exercise", "passed", answer)])
    judged = grade.grade_folder(tmp_path)["judged"]
    assert judged.loc[0, "verdict"] == verdict


def test_quiz_answers_are_graded_again_against_the_bank(tmp_path):
    from comrades import quiz

    question = next(q for q in quiz.load_bank("00") if q.kind == "single")
    wrong = next(o for o in question.options if o != question.answer)
    _export(tmp_path, "cy", [(question.id, "single", "passed", wrong),
                             (question.id, "single", "passed", question.answer)])
    verdicts = list(grade.grade_folder(tmp_path)["judged"]["verdict"])
    assert verdicts == [grade.WRONG, grade.RIGHT]


def test_item_statistics_give_difficulty_and_discrimination(tmp_path):
    expected = float(kinds._value(task("00.1").expected))
    for n, name in enumerate(["a1", "b2", "c3", "d4"]):
        rows = [("00.1", "exercise", "passed", to_record(expected if n >= 2 else 1)),
                ("01.10", "exercise", "passed", to_record(2 if n >= 1 else 7))]
        _export(tmp_path, name, rows, student_id=f"{n:032x}")
    items = grade.grade_folder(tmp_path)["items"].set_index("item")
    assert items.loc["00.1", "difficulty"] == 0.5
    assert items.loc["01.10", "difficulty"] == 0.75
    assert items.loc["00.1", "discrimination"] == 1.0  # the top student right, the bottom not
    assert "(2)" in items.loc["00.1", "common_wrong_answers"]


def test_the_gradebook_files_are_safe_to_open(tmp_path):
    _export(tmp_path / "in", "=HYPERLINK(\"http://x\")", [
        ("00.1", "exercise", "failed", to_record("<img src=x onerror=alert(1)>"))],
        file_name="hostile")
    written = grade.write(grade.grade_folder(tmp_path / "in"), tmp_path / "out")
    names = {p.name for p in written}
    assert names == {"students.csv", "gradebook.csv", "items.csv", "grades.html"}
    assert "'=HYPERLINK" in (tmp_path / "out" / "students.csv").read_text()
    page = (tmp_path / "out" / "grades.html").read_text()
    assert "<img src=x" not in page and "&lt;img src=x" in page


def test_the_command_reports_and_never_overwrites(tmp_path, capsys):
    assert grade.main([str(EXAMPLE), "--dest", str(tmp_path)]) == 0
    assert "7 students" in capsys.readouterr().out
    first = (tmp_path / "students.csv").read_bytes()
    assert grade.main([str(EXAMPLE), "--dest", str(tmp_path)]) == 0
    assert (tmp_path / "students.csv").read_bytes() == first, "never overwritten"
    assert (tmp_path.with_name(f"{tmp_path.name}-2") / "students.csv").exists()
    assert grade.main([str(tmp_path / "missing")]) == 1
