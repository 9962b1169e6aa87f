"""The path through the course: lesson 00 shows a newcomer the way, the data primer sits
between 00 and 01 and its tasks reach the teacher, coding tasks name the primer section
that teaches them, and each lesson's core path fits one period."""

from __future__ import annotations

import importlib.util
import re

import altair as alt
import nbformat
import pytest
from conftest import REPO

from comrades import check as checks
from comrades import classroom, data, myprogress, progress
from comrades.check import check

PRIMER = REPO / "notebooks" / "00b_data_primer.ipynb"
LESSONS = sorted((REPO / "notebooks").glob("0[1-6]_*.ipynb"))


def _tool(name):
    spec = importlib.util.spec_from_file_location(name, REPO / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _markdown(path):
    notebook = nbformat.read(path, as_version=4)
    return "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")


# --- lesson 00 and the course map -------------------------------------------------------

def test_lesson_00_shows_a_newcomer_how_to_run_restart_and_find_the_exercises():
    text = " ".join(_markdown(REPO / "notebooks" / "00_introduction.ipynb").split())
    assert "<kbd>Shift</kbd>+<kbd>Enter</kbd>" in text
    assert "Restart Kernel" in text
    assert "`exercises/`" in text
    assert "**(extension)**" in text and "*core path*" in text  # the marker explained
    assert "no-code route" in text and "coding route" in text


@pytest.mark.parametrize("where", ["README.md", "notebooks/00_introduction.ipynb"])
def test_the_primer_sits_between_lesson_00_and_lesson_01_in_the_course_map(where):
    text = (REPO / where).read_text(encoding="utf-8")
    at = {name: text.find(name) for name in
          ("00_introduction.ipynb" if where == "README.md" else "00b_data_primer",
           "00b_data_primer.ipynb", "01_comrades_without_a_common_cause.ipynb")}
    assert all(v >= 0 for v in at.values()), at
    first, primer, lesson_01 = at.values()
    assert first <= primer < lesson_01


# --- the primer's tasks --------------------------------------------------------------------

def _worked_answers():
    events, relations = data.events(), data.relations()
    visit = events[events["event_id"] == "E096"]
    visit = visit.assign(source_id=visit["source_ids"].str.split(";")).explode("source_id")
    chosen = relations[relations["dyad"].isin(["VNM-PRK", "VNM-KOR"])
                       & relations["year"].between(1990, 1995)]
    by_id = events.set_index("event_id")
    return {
        "P.1": len(events[events["start_date"].dt.year.between(1960, 1969)]),
        "P.2": events.groupby("phase").size(),
        "P.3": visit.merge(data.sources(), on="source_id")[["source_id", "author"]],
        "P.4": chosen.pivot(index="year", columns="dyad", values="score"),
        "P.5": by_id.at["E021", "start_date"] - by_id.at["E020", "start_date"],
        "P.6": alt.Chart(relations[relations["dyad"] == "VNM-PRK"]).mark_line().encode(
            x="year:Q", y="score:Q"),
    }


def test_each_primer_task_passes_with_the_technique_its_section_teaches():
    answers = _worked_answers()
    assert set(answers) == {t for t in checks.registered_tasks() if t.startswith("P.")}
    for task_id, answer in answers.items():
        assert check(task_id, answer, record=False).passed, task_id


def test_every_primer_task_is_asked_in_the_primer():
    code = "\n".join(c.source for c in nbformat.read(PRIMER, as_version=4).cells
                     if c.cell_type == "code")
    asked = set(re.findall(r'check\("(P\.\d+)"', code))
    assert asked == {t for t in checks.registered_tasks() if t.startswith("P.")}


def test_a_primer_result_reaches_my_progress_and_the_class_summary(progress_dir, tmp_path):
    events = data.events()
    check("P.1", int(events["start_date"].dt.year.between(1960, 1969).sum()))  # from the data
    check("P.2", 3)
    table = myprogress.summary().set_index("lesson")
    assert table.loc["P", "exercise_tasks"] == 6
    assert table.loc["P", "tasks_done"] == 1
    assert list(table.index[:3]) == ["00", "P", "01"]  # in course order
    folder = tmp_path / "class"
    folder.mkdir()
    myprogress.export_for_teacher("Lan", folder)
    results = classroom.read_exports(folder)
    assert set(results["item"]) == {"P.1", "P.2"}
    missed = classroom.missed_most(results, lesson="p").set_index("item")
    assert missed.loc["P.2", "missed"] == 1


def test_an_unknown_primer_task_in_an_export_is_skipped():
    course = classroom.items.catalogue()
    assert course.problem("P.1", "exercise") is None
    assert course.problem("P.99", "exercise") is not None


# --- every coding task names the primer section that teaches it ---------------------------

def test_every_coding_task_names_its_primer_section_in_the_solutions_and_exercises():
    titles = re.findall(r"^## ([1-9]) · (.+)$", _markdown(PRIMER), flags=re.M)
    sections = {f"P-O{n}": f"§{n} · {title}" for n, title in titles}
    assert len(sections) == 6
    for folder in ("solutions", "exercises"):
        for path in sorted((REPO / folder).glob("0[1-7]_*.ipynb")):
            cells = nbformat.read(path, as_version=4).cells
            for task_id in re.findall(r'check\("(\d\d\.\d+)"', "\n".join(
                    c.source for c in cells if c.cell_type == "code")):
                objective = checks.task_objective(task_id)
                if not objective.startswith("P-"):
                    continue
                named = [c.source for c in cells if c.cell_type == "markdown"
                         and re.search(rf"Task {re.escape(task_id)}\b", c.source)]
                assert any(f"data primer {sections[objective]}" in n for n in named), \
                    (folder, task_id)


# --- the core path -------------------------------------------------------------------------

@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name[:2])
def test_each_lesson_marks_extension_sections_so_the_core_path_fits_a_period(path):
    tool = _tool("core_path")
    core, total, marked = tool.core_words(path)
    assert marked, "at least one section is marked (extension)"
    assert core < total
    assert tool.minutes(core, tool.FLUENT) <= 50
    assert tool.minutes(core, tool.SLOW) <= 52


def test_an_unmarked_lesson_would_not_fit(tmp_path):
    """The measure can fail: without its markers lesson 03 is longer than a period."""
    tool = _tool("core_path")
    path = next(p for p in LESSONS if p.name.startswith("03"))
    unmarked = tmp_path / path.name
    unmarked.write_text(path.read_text(encoding="utf-8").replace(" (extension)", ""),
                        encoding="utf-8")
    core, _, marked = tool.core_words(unmarked)
    assert not marked and tool.minutes(core, tool.SLOW) > 52


def test_progress_records_a_primer_task_under_lesson_p(progress_dir):
    check("P.5", 508)
    (row,) = progress.results()
    assert (row["lesson"], row["item"], row["status"]) == ("P", "P.5", "passed")


def test_the_instructor_guide_reports_the_measured_core_paths():
    tool = _tool("core_path")
    guide = (REPO / "docs" / "instructor-guide.md").read_text(encoding="utf-8")
    for path in sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        core, _, _ = tool.core_words(path)
        row = (f"| {core:,} | {tool.minutes(core)} / {tool.minutes(core, tool.FLUENT)} |")
        assert re.search(rf"^\| {path.name[:2]} \|.*{re.escape(row)}$", guide, re.M), row
