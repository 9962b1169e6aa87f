"""The teacher's class summary: reading exports, what was missed most, the charts."""

import shutil

import pytest
from conftest import REPO

from comrades import charts, classroom, myprogress, progress, quiz
from comrades.check import registered_tasks

HEADER = "student,recorded_at,lesson,item,kind,passed,answer,detail\n"


def write(folder, name, *rows):
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")


@pytest.fixture
def small_class(tmp_path):
    folder = tmp_path / "class"
    write(folder, "progress-a-1.csv",
          "a,1,02,02.1,single,0,,", "a,2,02,02.1,single,1,,",   # right at the last attempt
          "a,3,02,02.4,single,0,,", "a,4,02,02.1,exercise,0,,")
    write(folder, "progress-b-1.csv", "b,1,02,02.1,single,0,,", "b,2,02,02.4,single,0,,")
    # b exported again later: the old rows repeat and must count once
    write(folder, "progress-b-2.csv", "b,1,02,02.1,single,0,,", "b,2,02,02.4,single,0,,",
          "b,3,03,03.1,single,1,,")
    return folder


def test_read_exports_drops_repeated_rows(small_class):
    results = classroom.read_exports(small_class)
    assert len(results) == 7 and set(results["student"]) == {"a", "b"}
    assert results["lesson"].tolist().count("03") == 1


def test_missed_most_counts_last_attempts(small_class):
    missed = classroom.missed_most(classroom.read_exports(small_class))
    by_key = missed.set_index(["item", "type"])
    assert by_key.loc[("02.4", "quiz"), ["tried", "missed"]].tolist() == [2, 2]
    assert by_key.loc[("02.1", "quiz"), ["tried", "missed"]].tolist() == [2, 1]
    assert by_key.loc[("02.1", "exercise"), ["tried", "missed", "not_tried"]].tolist() == \
        [1, 1, 1]
    assert by_key.loc[("03.1", "quiz"), "missed"] == 0
    lesson02 = missed[missed["lesson"] == "02"]
    assert lesson02["item"].iloc[0] == "02.4"          # missed by most comes first
    assert by_key.loc[("02.4", "quiz"), "question"]      # the prompt from the bank
    assert list(classroom.missed_most(classroom.read_exports(small_class), "03")["item"]) \
        == ["03.1"]


def test_charts_are_figures(small_class):
    results = classroom.read_exports(small_class)
    overview = classroom.overview_chart(results)
    assert isinstance(overview, charts.Figure) and "lesson 02 quiz" in overview.description
    missed = classroom.missed_chart(classroom.missed_most(results), "02")
    assert "02.4 (quiz) missed by 2 of 2" in missed.description
    for figure in (overview, missed):
        spec = figure.chart.to_dict()
        assert set(spec["encoding"]["color"]["scale"]["range"]) <= set(charts.PALETTE)
    assert "no question" in classroom.missed_chart(classroom.missed_most(results), "05") \
        .description


@pytest.mark.parametrize("rows, where", [
    (["a,1,02,02.1,single,yes,,"], "row 2, column 'passed'"),
    (["a,1,02,02.1,single,1,,", "a,soon,02,02.1,single,1,,"], "row 3, column 'recorded_at'"),
    (["a,1,two,02.1,single,1,,"], "row 2, column 'lesson'"),
    (["a,1,02,03.1,single,1,,"], "row 2, column 'item'"),
    (["a,1,02,,single,1,,"], "row 2, column 'item'"),
    (["a,1,02,02.1,single,1,,,extra"], "row 2"),
])
def test_malformed_rows_are_named(tmp_path, rows, where):
    write(tmp_path / "c", "progress-good-1.csv", "g,1,02,02.1,single,1,,")
    write(tmp_path / "c", "progress-bad-1.csv", *rows)
    with pytest.raises(classroom.ExportError, match=where) as info:
        classroom.read_exports(tmp_path / "c")
    assert "progress-bad-1.csv" in str(info.value)


def test_missing_column_and_empty_folder(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    with pytest.raises(classroom.ExportError, match="no exported CSV"):
        classroom.read_exports(folder)
    with pytest.raises(classroom.ExportError, match="no such folder"):
        classroom.read_exports(tmp_path / "nowhere")
    (folder / "notes.csv").write_text("name,score\nx,1\n")
    with pytest.raises(classroom.ExportError, match="notes.csv, row 1, column 'student'"):
        classroom.read_exports(folder)
    (folder / "notes.csv").write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(classroom.ExportError, match="not UTF-8"):
        classroom.read_exports(folder)


def test_round_trip_from_the_students_button(progress_dir, tmp_path):
    progress.record("04", "04.1", "single", False)
    progress.record("04", "04.2", "exercise", True)
    folder = tmp_path / "class"
    folder.mkdir()
    myprogress.export_for_teacher("Lan", folder)
    results = classroom.read_exports(folder)
    assert results["student"].tolist() == ["Lan", "Lan"]
    missed = classroom.missed_most(results).set_index(["item", "type"])
    assert missed.loc[("04.1", "quiz"), "missed"] == 1


def test_the_example_class_is_real_course_items(tmp_path):
    results = classroom.read_exports()  # docs/class_example
    assert 6 <= results["student"].nunique() <= 8
    assert set(results["lesson"]) == {f"0{n}" for n in range(7)}
    questions = {q.id for lesson in quiz.available_lessons() for q in quiz.load_bank(lesson)}
    quiz_items = set(results.loc[results["kind"] != "exercise", "item"])
    assert quiz_items <= questions
    assert set(results.loc[results["kind"] == "exercise", "item"]) <= set(registered_tasks())
    copy = tmp_path / "copy"
    shutil.copytree(REPO / "docs" / "class_example", copy)
    assert len(classroom.read_exports(copy)) == len(results)
