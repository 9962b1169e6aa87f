"""The path through the course: lesson 00 shows a newcomer the way, the data primer sits
between 00 and 01 and its tasks reach the teacher, coding tasks name the primer section
that teaches them, and each period of a lesson's core path fits a class period by the
written timing model, with a plan in the instructor guide that follows it."""

from __future__ import annotations

import importlib.util
import re
import sys

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
    sys.modules[name] = module  # a dataclass looks its module up there
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


# --- the core path and the plans ----------------------------------------------------------

NOTEBOOKS = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
GUIDE = REPO / "docs" / "instructor-guide.md"


def _guide_plans() -> dict[tuple[str, int], list[tuple[str, str]]]:
    """(lesson, period) -> the (minutes, section) cells of each plan in the guide."""
    guide = GUIDE.read_text(encoding="utf-8")
    plans = {}
    for block in re.split(r"^## ", guide, flags=re.M):
        lesson = re.match(r"(\d\d) · ", block)
        if not lesson:
            continue
        for plan in re.finditer(r"^\*\*(?:Period (\d) plan|Plan): [^\n]*\n\n"
                                r"\| min \| section \|[^\n]*\n\|[-|]+\n((?:\|[^\n]*\n)+)",
                                block, re.M):
            rows = [tuple(cell.strip() for cell in line.strip().strip("|").split("|")[:2])
                    for line in plan[2].splitlines()]
            plans[(lesson[1], int(plan[1] or 1))] = rows
    return plans


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name[:2])
def test_every_period_fits_by_the_timing_model(path):
    tool = _tool("core_path")
    periods = tool.periods(path)
    assert len(periods) == (1 if path.name.startswith("00") else 2)
    for steps in periods:
        assert tool.minutes(steps) <= tool.PERIOD == 50
        assert tool.minutes(steps, tool.FLUENT) <= tool.minutes(steps)
    assert tool.extension_headings(path), "at least one section is marked (extension)"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name[:2])
def test_each_plan_follows_its_notebook_section_by_section(path):
    """Issue 22.1: a plan gives every core section its minutes, in the notebook's order,
    and schedules no (extension) section; rows after the notebook's (an exit ticket, the
    exercises) stay inside the period."""
    tool, plans, lesson = _tool("core_path"), _guide_plans(), path.name[:2]
    extension = set(tool.extension_headings(path))
    for number, steps in enumerate(tool.periods(path), start=1):
        expected = tool.plan_rows(steps)
        rows = plans[(lesson, number)]
        assert rows[:len(expected)] == expected, (lesson, number)
        for _span, section in rows:
            assert section not in extension and f"{section} (extension)" not in extension
        for span, section in rows[len(expected):]:
            assert section in ("Exercises", "Exit ticket"), section
            start, end = (int(m) for m in span.split("–"))
            assert int(expected[-1][0].split("–")[1]) <= start < end <= tool.PERIOD
    assert {key for key in plans if key[0] == lesson} == \
        {(lesson, n) for n in range(1, len(tool.periods(path)) + 1)}


def test_plans_name_no_extension_section_in_their_words():
    """A plan's third column may point to "Section 3" only if section 3 is core."""
    tool = _tool("core_path")
    guide = GUIDE.read_text(encoding="utf-8")
    for path in NOTEBOOKS:
        block = guide.split(f"\n## {path.name[:2]} · ", 1)[1].split("\n## ", 1)[0]
        marked = {h.split(" · ")[0] for h in tool.extension_headings(path) if " · " in h}
        for number in re.findall(r"\bSection (\d)", block.split("**Discuss")[0]):
            assert number not in marked, (path.name, number)


def test_the_timing_model_can_fail():
    """Without its period line and extension marks, lesson 03 runs past a period."""
    tool = _tool("core_path")
    path = next(p for p in NOTEBOOKS if p.name.startswith("03"))
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        cell.metadata.pop("tags", None)
        cell.source = cell.source.replace(" (extension)", "")
    unmarked = REPO / "build" / "tests" / path.name
    unmarked.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, unmarked)
    (steps,) = tool.periods(unmarked)
    assert tool.minutes(steps) > tool.PERIOD + 30
    step = tool.Step("x", words=200, questions=2, explorers=1, documents=1, writing=1,
                     warm_ups=1, discussion=True)
    assert step.minutes() == 2 + 3 + 5 + 4 + 5 + 2 + 5


def test_progress_records_a_primer_task_under_lesson_p(progress_dir):
    check("P.5", 508)
    (row,) = progress.results()
    assert (row["lesson"], row["item"], row["status"]) == ("P", "P.5", "passed")


def test_the_instructor_guide_reports_the_measured_periods():
    tool = _tool("core_path")
    guide = GUIDE.read_text(encoding="utf-8")
    for path in NOTEBOOKS:
        for number, steps in enumerate(tool.periods(path), start=1):
            row = (f"| {path.name[:2]} | {number} | {tool.minutes(steps)} / "
                   f"{tool.minutes(steps, tool.FLUENT)} |")
            assert row in guide, row


def _sessions(heading: str) -> list[str]:
    """The "in class" cell of every session in one of the syllabus's tables."""
    syllabus = (REPO / "docs" / "syllabus.md").read_text(encoding="utf-8")
    table = syllabus.split(f"## {heading}", 1)[1].split("\n## ", 1)[0]
    return [line.split("|")[2].strip() for line in table.splitlines()
            if re.match(r"\| \d+ \|", line)]


@pytest.mark.parametrize("heading", ["Full unit", "One-week short version"])
def test_every_session_of_the_syllabus_has_a_plan(heading):
    """Issue 22.7: each session is a lesson's period with its plan, or a named session
    (the role-play, the capstone workshop, the debate) with a 50-minute plan."""
    plans, guide = _guide_plans(), GUIDE.read_text(encoding="utf-8")
    taught = set()
    for cell in _sessions(heading):
        lesson = re.match(r"(\d\d) · .+?, (?:the one period|period (\d))", cell)
        if lesson:
            taught.add((lesson[1], int(lesson[2] or 1)))
            assert taught <= plans.keys(), cell
        else:
            name = re.split(r"[:(]", cell)[0].strip()
            plan = guide.split(f"**Plan: {name}, 50 minutes.**", 1)
            assert len(plan) == 2, f"no plan for {name!r}"
            last = re.findall(r"^\| (\d+)–(\d+) \|", plan[1].split("\n\n**", 1)[0], re.M)
            assert last and int(last[-1][1]) == 50, name
    if heading == "Full unit":
        assert taught == set(plans), "every period of every lesson is a session"
    assert any("Role-play" in cell for cell in _sessions(heading))


def test_event_ids_sit_in_a_references_line_not_in_the_prose():
    """Issue 22.4: the prose reads like a textbook; the ids a paragraph rests on are
    listed under it, one line away, instead of in parentheses mid-sentence."""
    only_ids = re.compile(r"\((?:E\d{3}(?:[–-]E\d{3})?|\[?¶\d+\]?)(?:\s*[,;]\s*(?:E\d{3}"
                          r"(?:[–-]E\d{3})?|\[?¶\d+\]?))*\)")
    for path in NOTEBOOKS:
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type != "markdown" or cell.source.startswith(
                    ("## Discuss", "### Discuss", "## Key terms")):  # prompts, a glossary
                continue
            prose = cell.source.split("<small>**Events:**")[0]
            found = [m for m in only_ids.findall(prose) if "E" in m]
            assert not found, (path.name, found)
            if "<small>**Events:**" in cell.source:
                listed = cell.source.split("<small>**Events:**")[1]
                assert re.search(r"E\d{3}", listed), path.name


def test_the_guide_has_teacher_notes_for_every_document_read_in_class():
    """Issue 22.2: a note for each core document and for the historian each lesson
    weighs, in that lesson's section of the guide."""
    from comrades import documents

    guide = GUIDE.read_text(encoding="utf-8")
    for lesson in ("01", "02", "03", "04", "05", "06"):
        section = guide.split(f"\n## {lesson} · ", 1)[1].split("\n## ", 1)[0]
        notes = section.split("**Teacher notes on the documents.**", 1)[1]
        notes = notes.split("**Discuss:", 1)[0]
        read = [*documents.primary(lesson)["doc_id"], *documents.readings(lesson)["doc_id"]]
        for doc_id in read:
            assert f"- **{doc_id}.**" in notes, (lesson, doc_id)


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if p.name[:2] != "00"],
                         ids=lambda p: p.name[:2])
def test_each_history_lesson_s_core_has_documents_a_historian_a_quiz_and_an_explorer(path):
    """Issue 22, done when: counted by the timing model, in the core path only."""
    steps = [s for period in _tool("core_path").periods(path) for s in period]
    weigh = next(s for s in steps if s.section == "Weigh a historian")
    assert weigh.documents == 1 and weigh.writing == 1
    assert sum(s.documents for s in steps if s.section == "Read the documents") >= 3
    assert sum(s.questions for s in steps) >= 5 and sum(s.explorers for s in steps) >= 1
