"""The student's own progress view: numbers, chart, export that never overwrites."""

import csv

import pandas as pd
import pytest

from comrades import charts, myprogress, progress


@pytest.fixture
def some_results(progress_dir):
    progress.record("02", "02.1", "single", False, "1950")
    progress.record("02", "02.1", "single", True, "1954")   # right at the last attempt
    progress.record("02", "02.4", "single", True)
    progress.record("02", "02.4", "single", False)          # wrong at the last attempt
    progress.record("02", "02.2", "order", True)
    progress.record("02", "02.1", "exercise", True)         # task 02.1, same id as the quiz
    progress.record("02", "02.3", "exercise", False)
    progress.record("00", "00.1", "number", True)
    return progress_dir


def row(table, lesson):
    return table.set_index("lesson").loc[lesson]


def test_summary_counts_last_attempts(some_results):
    table = myprogress.summary()
    assert list(table.columns) == myprogress.COLUMNS
    lesson02 = row(table, "02")
    assert lesson02["quiz_answered"] == 3
    assert lesson02["quiz_correct"] == 2
    assert lesson02["tasks_passed"] == 1
    assert lesson02["quiz_questions"] >= 6 and lesson02["exercise_tasks"] >= 5
    assert row(table, "00")[["quiz_answered", "quiz_correct"]].tolist() == [1, 1]
    assert row(table, "01")[myprogress.COLUMNS[1:]].drop(
        ["quiz_questions", "exercise_tasks"]).sum() == 0


def test_summary_accepts_given_results():
    results = [{"recorded_at": 1, "lesson": "5", "item": "05.1", "kind": "number",
                "passed": 0},
               {"recorded_at": 2, "lesson": "05", "item": "05.1", "kind": "number",
                "passed": "1"}]
    lesson05 = row(myprogress.summary(results), "05")
    assert (lesson05["quiz_answered"], lesson05["quiz_correct"]) == (1, 1)
    assert row(myprogress.summary(pd.DataFrame(results)), "05")["quiz_correct"] == 1


def test_chart_is_an_accessible_figure(some_results):
    figure = myprogress.chart(myprogress.summary())
    assert isinstance(figure, charts.Figure)
    assert "lesson 02: 3 of" in figure.description and "2 correct" in figure.description
    spec = figure.chart.to_dict()
    assert spec["description"] == figure.description
    assert set(spec["encoding"]["color"]["scale"]["range"]) <= set(charts.PALETTE)


def test_empty_progress_is_friendly(progress_dir):
    table = myprogress.summary()
    assert len(table) >= 7 and table["quiz_answered"].sum() == 0
    assert "No saved answers" in myprogress.chart(table).description
    panel = myprogress.ProgressPanel()
    assert panel.empty
    myprogress.show()  # displays the friendly message; must not raise


def test_export_never_overwrites(some_results, tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "progress-mai-anh-1.csv").write_text("someone else's file")
    first = myprogress.export_for_teacher(" Mai Anh ", folder)
    second = myprogress.export_for_teacher("Mai Anh", folder)
    assert first.name == "progress-mai-anh-2.csv" and second.name == "progress-mai-anh-3.csv"
    assert (folder / "progress-mai-anh-1.csv").read_text() == "someone else's file"
    with first.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 8 and {r["student"] for r in rows} == {"Mai Anh"}


def test_safe_name():
    assert myprogress.safe_name("../../etc/passwd") == "etc-passwd"
    assert myprogress.safe_name("   ") == "student"
    assert "/" not in myprogress.safe_name("a/b\\c")


def test_panel_button_exports_and_says_where(some_results, tmp_path):
    panel = myprogress.ProgressPanel(folder=tmp_path)
    assert not panel.empty and panel.name.description and panel.button.tooltip
    panel.button.click()
    assert "Type your name first" in panel.message.value
    assert list(tmp_path.glob("*.csv")) == []
    panel.name.value = "student01"
    panel.button.click()
    panel.button.click()
    assert sorted(p.name for p in tmp_path.glob("*.csv")) == [
        "progress-student01-1.csv", "progress-student01-2.csv"]
    assert "progress-student01-2.csv" in panel.message.value


def test_unwritable_folder_gives_a_message(some_results, tmp_path):
    panel = myprogress.ProgressPanel(folder=tmp_path / "missing" / "folder")
    panel.name.value = "student02"
    assert panel.export() is None
    assert "could not be written" in panel.message.value
