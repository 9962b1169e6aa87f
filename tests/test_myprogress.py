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
    assert (lesson02["tasks_tried"], lesson02["tasks_done"]) == (2, 1)
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
    assert rows.pop()["student"] == "# end of export: 8 rows"
    assert len(rows) == 8 and {r["student"] for r in rows} == {"Mai Anh"}
    assert {r["student_id"] for r in rows} == {progress.install_id()}


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


def test_a_dangling_link_at_the_export_name_is_passed_over_at_once(some_results, tmp_path,
                                                                   monkeypatch):
    """Issue 13.12: a dangling symbolic link at the free name made export loop 100 times."""
    (tmp_path / "progress-lan-1.csv").symlink_to(tmp_path / "gone" / "x.csv")
    calls = []
    real = myprogress.progress.export_csv
    monkeypatch.setattr(myprogress.progress, "export_csv",
                        lambda *a, **k: calls.append(a) or real(*a, **k))
    path = myprogress.export_for_teacher("Lan", tmp_path)
    assert path.name == "progress-lan-2.csv" and len(calls) == 1
    assert (tmp_path / "progress-lan-1.csv").is_symlink()


def test_written_work_is_done_and_shown_as_text(progress_dir):
    """Issue 10.5: written work counts as done (not failed) and is shown with its text."""
    progress.record("07", "07.5", "exercise", False, "too short")
    progress.record("07", "07.5", "exercise", False, "My essay <script>x()</script>\nline 2",
                    status="submitted")
    progress.record("07", "07.1", "exercise", False)
    lesson07 = row(myprogress.summary(), "07")
    assert (lesson07["tasks_tried"], lesson07["tasks_done"]) == (2, 1)
    work = myprogress.written_work()
    assert work[["item", "words"]].values.tolist() == [["07.5", 5]]
    shown = myprogress.written_html(work)
    assert "&lt;script&gt;x()&lt;/script&gt;" in shown and "<script" not in shown
    assert "line 2" in shown


def test_checks_saved_for_lesson_07_are_not_called_nothing(progress_dir):
    """Issue 10: "Nothing saved yet for lesson 07" showed while lesson-07 checks were saved."""
    for task in ("07.1", "07.2", "07.3"):
        progress.record("07", task, "exercise", False)
    text = myprogress.describe(myprogress.summary())
    from comrades.check import registered_tasks

    tasks = sum(task.startswith("07.") for task in registered_tasks())
    assert f"lesson 07: 0 of {tasks} exercise tasks done (3 tried)" in text
    assert "07" not in text.split("Nothing saved yet")[1]
    assert not myprogress.ProgressPanel().empty


def test_every_task_passed_or_handed_in_is_a_full_lesson(progress_dir):
    """Issue 10.5: running every worked solution gives 100% for every lesson. A worked
    solution records each task as passed, or as submitted for written work."""
    from comrades.check import registered_tasks

    written = {"01.8", "07.5"}
    for task in registered_tasks():
        lesson = task.split(".")[0]  # "02", or "P" for the data primer
        progress.record(lesson, task, "exercise", False, "first try", status="failed")
        progress.record(lesson, task, "exercise", task not in written, "worked solution",
                        status="submitted" if task in written else None)
    table = myprogress.summary()
    assert (table["tasks_done"] == table["exercise_tasks"]).all()
    assert (table["exercise_tasks"] > 0).sum() == 9  # 00-07 and the primer
    text = myprogress.describe(table)
    for lesson in table["lesson"]:
        assert (f"lesson {lesson}:" if lesson != "P" else "the data primer (P):") in text
    assert text.count("exercise tasks done") == 9
    assert f"lesson 07: all {table.set_index('lesson').loc['07', 'exercise_tasks']} " \
        "exercise tasks done" in text
