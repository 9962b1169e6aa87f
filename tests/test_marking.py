"""Issue 21.3: the teacher marks written work with the rubric's bands; the marks are
kept (appended, never overwritten), read back safely and joined to the gradebook."""

from __future__ import annotations

import re
import shutil

import pandas as pd
import pytest
from conftest import REPO

from comrades import grade, marking
from comrades.widgets.marking import NOT_MARKED, MarkingDesk

EXAMPLE = REPO / "docs" / "class_example"
GUIDE = REPO / "docs" / "instructor-guide.md"


@pytest.fixture
def marks(tmp_path):
    return tmp_path / "marks" / "marks.csv"


def test_rubrics_have_four_bands_and_the_capstone_is_the_guide_s():
    capstone = marking.rubric_for("07.5")
    assert capstone.name == "Capstone argument" and len(capstone.criteria) == 6
    assert capstone.out_of == 24
    rows = re.findall(r"^\| \*\*(.+?)\*\* \| (.+?) \| (.+?) \| (.+?) \| (.+?) \|$",
                      GUIDE.read_text(encoding="utf-8"), re.M)
    assert [(c.name, *c.bands) for c in capstone.criteria] == rows
    written = marking.rubric_for("03.12")
    assert written.name == "Written task" and written is marking.rubric_for("01.8")
    assert all(len(c.bands) == 4 for r in marking.rubrics() for c in r.criteria)


def test_a_mark_is_appended_and_the_latest_band_counts(marks):
    marking.record(marks, "id-1", "Ana", "03.12", "Evidence", 2, when=100)
    marking.record(marks, "id-1", "Ana", "03.12", "Evidence", 3, when=200)
    marking.record(marks, "id-1", "Ana", "03.12", "Judgement", 4, when=150)
    assert marks.read_text(encoding="utf-8").count("\n") == 4, "header and three lines"
    read = marking.read(marks)
    assert dict(zip(read["criterion"], read["band"], strict=True)) == {"Evidence": 3,
                                                                     "Judgement": 4}
    (total,) = marking.totals(read).itertuples()
    assert (total.points, total.out_of, total.complete) == (7, 12, False)


def test_a_mark_that_could_not_be_read_back_is_refused(marks):
    with pytest.raises(KeyError, match="no criterion"):
        marking.record(marks, "id-1", "Ana", "07.5", "Spelling", 3)
    with pytest.raises(ValueError, match="band"):
        marking.record(marks, "id-1", "Ana", "07.5", "The forecast tested", 5)
    assert not marks.exists()


def test_names_are_kept_as_data_not_formulas(marks):
    marking.record(marks, "id-2", "=HYPERLINK(\"http://x\")", "01.8", "Evidence", 4)
    text = marks.read_text(encoding="utf-8")
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text, "neutralised"
    assert marking.read(marks)["student"].tolist() == ["=HYPERLINK(\"http://x\")"]


def test_bad_lines_are_reported_and_left_out(marks):
    marking.record(marks, "id-1", "Ana", "01.8", "Evidence", 4, when=1)
    with marks.open("a", encoding="utf-8") as handle:
        handle.write("id-1,Ana,01.8,Evidence,9,2\n")          # no such band
        handle.write("id-1,Ana,01.8,Spelling,3,3\n")          # no such criterion
        handle.write("id-1,Ana,01.8,Evidence\n")               # cut off
        handle.write(",Nobody,01.8,Evidence,3,4\n")            # no student
    with pytest.warns(marking.MarkWarning) as caught:
        read = marking.read(marks)
    assert read["band"].tolist() == [4]
    said = [str(w.message) for w in caught]
    assert len(said) == 4 and all("marks.csv, line" in s for s in said)
    assert "band 9" in said[0] and "Spelling" in said[1] and "4 cells" in said[2]


def test_a_missing_file_has_no_marks_and_a_foreign_header_none(marks):
    assert marking.read(marks).empty
    marks.parent.mkdir(parents=True)
    marks.write_text("name,score\nAna,10\n", encoding="utf-8")
    with pytest.warns(marking.MarkWarning, match="header"):
        assert marking.read(marks).empty


def test_marks_join_the_gradebook_of_written_work_only(tmp_path):
    folder = tmp_path / "class"
    shutil.copytree(EXAMPLE, folder)
    book = grade.grade_folder(folder)["gradebook"]
    essay = book[(book["type"] == "exercise") & (book["best"] == grade.HANDED_IN)].iloc[0]
    path = marking.default_path(folder)
    for criterion in marking.rubric_for(essay["item"]).criteria:
        marking.record(path, essay["student_id"], essay["student"], essay["item"],
                       criterion.name, 3)
    result = grade.grade_folder(folder)  # the marks file is not read as an export
    book = result["gradebook"]
    marked = book[book["points"].notna()]
    assert len(marked) == 1 and marked.iloc[0]["type"] == "exercise"
    assert (marked.iloc[0]["points"], marked.iloc[0]["out_of"]) == (9, 12)
    assert bool(marked.iloc[0]["complete"])
    students = result["students"].set_index("student_id")
    assert students.at[essay["student_id"], "marked_points"] == 9
    assert pd.isna(students.drop(essay["student_id"])["marked_points"]).all()


def test_the_desk_shows_the_work_escaped_and_saves_the_bands(tmp_path, marks):
    folder = tmp_path / "class"
    shutil.copytree(EXAMPLE, folder)
    desk = MarkingDesk(folder, marks)
    assert desk.task.options and desk.student.value in desk.student.options
    row = desk._row()
    assert f"task {row['item']}" in desk.essay.value
    assert all(d.value is None and d.description.endswith(":") for d in desk.bands.children)
    assert desk.save_marks() == 0, "nothing chosen, nothing saved"
    desk.bands.children[0].value = 4
    desk.bands.children[-1].value = 2
    assert desk.save_marks() == 2 and "Saved 2 bands" in desk.status.value
    again = MarkingDesk(folder, marks)  # a new desk, as after a restart
    again.task.value, again.student.value = desk.task.value, desk.student.value
    chosen = [d.value for d in again.bands.children]
    assert chosen[0] == 4 and chosen[-1] == 2 and None in chosen
    labels = [label for label, _ in again.bands.children[0].options]
    assert labels[0] == NOT_MARKED and labels[1].startswith("4 · excellent: ")


def test_the_desk_escapes_a_hostile_essay_and_shows_the_first_version(tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    first = "Morris disagrees with Vu: " + "his evidence is of the archives. " * 8
    _export(folder / "progress-ana-1.csv", [
        ("03", "03.12", first, 100.0),
        ("03", "03.12", "<script>alert(1)</script> Morris qualifies Vu.", 200.0)])
    desk = MarkingDesk(folder, folder / "marks" / "marks.csv")
    html = desk.essay.value
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "The first version handed in" in html and "version 2 of 2" in html
    assert "his evidence is of the archives" in html


def _export(path, rows):
    """An export as a student's "Export for my teacher" writes it: written work."""
    from comrades import progress

    header = ["student", "student_id", "recorded_at", "lesson", "item", "kind", "passed",
              "status", "answer", "detail"]
    progress.write_csv(path, header, [["Ana", "a1b2c3d4e5f60718", when, lesson, item, "exercise",
                                       0, "submitted", text, ""]
                                      for lesson, item, text, when in rows])


# --- what a mutation run of comrades.marking found untested -------------------------------

def test_a_marks_file_is_made_in_a_new_folder_and_after_an_empty_one(tmp_path):
    deep = tmp_path / "term 1" / "class 9B" / "marks.csv"
    marking.record(deep, "id-1", "Ana", "07.5", "The forecast tested", 4, when=1)
    empty = tmp_path / "empty.csv"
    empty.touch()
    marking.record(empty, "id-1", "Ana", "07.5", "The forecast tested", 3, when=2)
    for path, band in ((deep, 4), (empty, 3)):
        assert path.read_text(encoding="utf-8").startswith(",".join(marking.HEADER) + "\n")
        read = marking.read(path)
        assert list(read.columns) == list(marking.HEADER) and read["band"].tolist() == [band]
    (total,) = marking.totals(marking.read(deep)).itertuples()
    assert (total.points, total.out_of) == (4, 24), "the capstone's own rubric"


def test_lines_are_named_by_number_and_bad_bytes_do_not_stop_the_reading(marks):
    marking.record(marks, "id-1", "Ana", "01.8", "Evidence", 4, when=1)
    with marks.open("ab") as handle:
        handle.write(b"id-2,B\xffn,01.8,Evidence,3,2\n")   # not UTF-8: read, replaced
        handle.write(b",Nobody,01.8,Evidence,3,4\n")
    with pytest.warns(marking.MarkWarning) as caught:
        read = marking.read(marks)
    assert read["band"].tolist() == [4, 3] and "\ufffd" in read["student"].iloc[1]
    assert [str(w.message) for w in caught] == [
        "marks.csv, line 4: no student id; this line is left out"]


def test_an_empty_or_foreign_file_says_which_header_it_needs(tmp_path):
    empty = tmp_path / "marks.csv"
    empty.touch()
    with pytest.warns(marking.MarkWarning,
                      match="line 1: the header is not student_id, student, item, criterion"):
        read = marking.read(empty)
    assert read.empty and list(read.columns) == list(marking.HEADER)


def test_totals_come_student_by_student_in_order(marks):
    for student_id, band in (("id-b", 2), ("id-a", 3)):
        marking.record(marks, student_id, student_id, "02.12", "Evidence", band)
    assert marking.totals(marking.read(marks))["student_id"].tolist() == ["id-a", "id-b"]
