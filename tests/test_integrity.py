"""Issue 21, item 4: the findings of a student who games the self-checks, each a test.

A revealed answer is always recorded; a number gets one direction, never "close";
ordering tasks cannot be passed by sorting ids; chart checks look at the data and the
properties the task asks for; an answer seen is never counted as right afterwards."""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest

import comrades  # noqa: F401  (before Altair's heavy import path)
from comrades import check, classroom, data, progress, status
from comrades.tasks.kinds import Ordering

ORDERING_TASKS = [t for t in check.registered_tasks() if isinstance(check.task(t), Ordering)]
LABELLED = ["01.6", "02.4", "03.2", "05.6", "06.6"]


@pytest.fixture
def fresh(progress_dir, monkeypatch):
    monkeypatch.setattr(check, "history", [])
    return progress_dir


# -- reveal always records ---------------------------------------------------------------
@pytest.mark.parametrize("task", ["02.1", "00.1", "01.3", "03.4", "03.3"])
def test_reveal_records_even_with_record_false(fresh, task):
    result = check.check(task, None, record=False, reveal=True)
    assert result.status == status.REVEALED
    rows = progress.results()
    assert [(r["item"], r["status"]) for r in rows] == [(task, "revealed")]


def test_reveal_function_records(fresh):
    check.reveal("02.1")
    assert progress.results()[-1]["status"] == "revealed"


# -- one direction for a number, never "close" ---------------------------------------------
def test_a_number_task_gives_a_direction_once(fresh):
    first = check.check("00.1", 1949)
    assert "too early" in first.message
    later = [check.check("00.1", guess).message for guess in (1958, 1940, 1955)]
    for message in later:
        assert not any(w in message for w in ("early", "late", "close", "low", "high"))
    assert check.check("00.1", 1950).passed


def test_the_direction_rule_reads_saved_progress_across_sessions(fresh, monkeypatch):
    check.check("00.1", 1949)
    monkeypatch.setattr(check, "history", [])  # a new kernel: only the saved file remains
    assert "too late" not in check.check("00.1", 1958).message


def test_unrecorded_checks_still_count_as_tries(fresh):
    check.check("00.1", 1949, record=False)
    assert "too late" not in check.check("00.1", 1958, record=False).message


# -- ordering tasks: neutral labels, sorted ids fail -----------------------------------------
def test_every_ordering_task_is_found():
    assert set(LABELLED) <= set(ORDERING_TASKS)


@pytest.mark.parametrize("task", ORDERING_TASKS)
def test_sorted_items_fail_every_ordering_task(task):
    kind = check.task(task)
    items = list(kind._stored()[1])
    assert not check.check(task, sorted(items), record=False).passed
    assert not check.check(task, sorted(items, reverse=True), record=False).passed
    if kind.labelled:
        letters = [value for value, _ in kind.choices()]
        assert not check.check(task, sorted(letters), record=False).passed
        assert not check.check(task, sorted(letters, reverse=True), record=False).passed


@pytest.mark.parametrize("task", LABELLED)
def test_labelled_tasks_pass_letters_and_titles_in_date_order(task):
    kind = check.task(task)
    assert kind.labelled
    choices = kind.choices()
    assert [v for v, _ in choices] == list("ABCDEF"[:len(choices)])
    starts = data.events().set_index("title")["start_date"]
    title = {v: label.split(". ", 1)[1] for v, label in choices}
    right = sorted(title, key=lambda v: starts[title[v]])
    assert check.check(task, right, record=False).passed
    assert check.check(task, [f" {v.lower()} " for v in right], record=False).passed
    assert check.check(task, pd.Series(right), record=False).passed
    assert check.check(task, [title[v] for v in right], record=False).passed
    ids = list(kind._stored()[0])  # the right order, as ids: refused, and says why
    message = check.check(task, ids, record=False).message
    assert "not their ids" in message and "E0" not in message and "E1" not in message
    wrong = right[1:] + right[:1]
    message = check.check(task, wrong, record=False).message
    assert "Position 1" in message and not any(i in message for i in ids)


def test_choices_hide_the_order():
    for task in LABELLED:
        kind = check.task(task)
        shown = [label for _, label in kind.choices()]
        starts = data.events().set_index("title")["start_date"]
        by_date = sorted(shown, key=lambda label: starts[label.split(". ", 1)[1]])
        assert shown != by_date and shown != by_date[::-1], task


# -- chart checks look at the data and the properties asked for ------------------------------
def _decade(events):
    return events[events["start_date"].dt.year.between(1945, 1954)]


ENCODE_01_5 = {"x": "start_date:T", "y": "scope:N", "color": "category:N"}


def test_01_5_fails_all_events_and_no_data():
    events = data.events()
    assert not check.check("01.5", alt.Chart(events).mark_point().encode(**ENCODE_01_5),
                           record=False).passed
    assert not check.check("01.5", alt.Chart().mark_point(), record=False).passed
    empty = check.check("01.5", alt.Chart().mark_point().encode(**ENCODE_01_5), record=False)
    assert not empty.passed and "DataFrame" in empty.message
    fewer = _decade(events).iloc[:-2]
    assert "missing" in check.check("01.5", alt.Chart(fewer).mark_point().encode(
        **ENCODE_01_5), record=False).message


def test_01_5_natural_right_forms_pass():
    decade = _decade(data.events())
    charts = [
        alt.Chart(decade).mark_point().encode(**ENCODE_01_5),
        alt.Chart(decade[["scope", "category", "event_id", "start_date", "title"]])
        .mark_circle().encode(color="category:N", y="category:N", x="start_date:T"),
        alt.layer(alt.Chart(decade).mark_point().encode(**ENCODE_01_5),
                  alt.Chart(decade).mark_text(dy=-8).encode(x="start_date:T", text="title")),
        alt.Chart(decade).mark_point().encode(**ENCODE_01_5)
        + alt.Chart(decade).mark_rule().encode(x="start_date:T"),
    ]
    for chart in charts:
        assert check.check("01.5", chart, record=False).passed


def _triangle():
    relations = data.relations()
    return relations[relations["dyad"].isin(["VNM-PRK", "VNM-KHM", "PRK-KHM"])
                     & relations["year"].between(1973, 1989)]


def test_03_5_asks_for_a_title_and_a_description():
    base = alt.Chart(_triangle()).mark_line().encode(x="year:O", y="score:Q", color="dyad:N")
    assert "title" in check.check("03.5", base, record=False).message
    assert "description" in check.check("03.5", base.properties(title="T"),
                                        record=False).message
    assert not check.check("03.5", base.properties(title="  ", description="d"),
                           record=False).passed
    assert check.check("03.5", base.properties(title="T", description="D"),
                       record=False).passed


def test_03_5_natural_right_forms_pass():
    rows = _triangle()
    base = alt.Chart(rows[["score", "year", "dyad"]]).mark_line().encode(
        color="dyad:N", y="score:Q", x="year:Q")
    forms = [base.properties(description="D", title=alt.TitleParams("T")),
             alt.layer(base, base.mark_point()).properties(title="T", description="D"),
             alt.Chart(rows).mark_line().encode(x="year:O", y="score:Q", color="dyad:N")
             .properties(title=["Two", "lines"], description="D")]
    for chart in forms:
        assert check.check("03.5", chart, record=False).passed


# -- an answer seen is not counted right afterwards ---------------------------------------------
def _rows(*statuses):
    return pd.DataFrame([{"student": "An", "student_id": "a1", "recorded_at": float(i),
                          "lesson": "02", "item": "02.1", "kind": kind, "passed":
                          int(s == "passed"), "status": s, "answer": "", "detail": ""}
                         for i, (kind, s) in enumerate(statuses)])


def test_revealed_then_passed_is_not_done():
    last = classroom.last_attempts(_rows(("single", "failed"), ("single", "revealed"),
                                         ("single", "passed")))
    assert not last["done"].any()
    final = classroom.first_and_final(_rows(("exercise", "revealed"), ("exercise", "passed")))
    assert not final["final"].any() and final["revealed"].all()
    assert classroom.last_attempts(_rows(("single", "failed"), ("single", "passed")))[
        "done"].all()


def test_one_set_of_status_words():
    from comrades.quiz import Feedback

    assert Feedback(False, "m").verdict == status.word(status.FAILED) == "Not yet"
    assert str(check.CheckResult("00.1", status.FAILED, "m")).startswith("Not yet")
    assert progress.STATUSES == status.STATUSES and progress.DONE == status.DONE


# -- written work: key points after a real attempt, recorded; handed-in work kept --------------
ESSAY = ("The alliance of the two states rested on ideology and on interests at once. Both "
         "parties were communist and spoke of each other as brothers, but what held them "
         "together between 1954 and 1973 was a common enemy: each faced a southern state "
         "backed by the United States. When the war ended, that shared interest went, and "
         "so did the warmth. Hanoi's invasion of Cambodia in 1978 set it against a friend "
         "of Pyongyang, and the ideological rivalry over who led Asian socialism made the "
         "split worse. A good test of the lens is the visit of 2019 (E098), which shows "
         "that shared ideology brought the leaders back to the table, even if it could "
         "not make them allies again. Where is the argument weak? The record of private "
         "talks is thin, so the motives of either side are partly a guess.")
JUNK = "asdf qwer zxcv uiop hjkl vbnm tyui ghjk fghj rtyu"


def _written(task="06.8"):
    return check.task(task)


def test_ten_junk_words_do_not_unlock_the_key_points(fresh):
    kind = _written()
    for junk in (JUNK, " ".join(["history"] * 60), " ".join(JUNK.split() * 10),
                 "Vietnam Korea alliance ideology interests party war China Cambodia "
                 "Hanoi Pyongyang " * 6):
        result = check.check("06.8", junk, reveal=True)
        assert result.status != status.REVEALED, junk[:30]
        assert not any(point[:40] in result.message for point in kind.key_points)
        assert "key points of a model answer are shown once" in result.message
    assert all(r["status"] != "revealed" for r in progress.results())
    assert check.reveal("06.8").status != status.REVEALED


def test_a_real_attempt_may_see_the_key_points_and_that_is_recorded(fresh):
    kind = _written()
    plain = check.check("06.8", ESSAY)
    assert plain.status == status.SUBMITTED
    assert not any(point[:40] in plain.message for point in kind.key_points), \
        "a plain check never shows the key points"
    shown = check.check("06.8", ESSAY, reveal=True)
    assert shown.status == status.REVEALED
    assert all(point[:40] in shown.message for point in kind.key_points)
    rows = [(r["status"], r["answer"]) for r in progress.results()]
    assert rows[-2:] == [("submitted", ESSAY), ("revealed", rows[-1][1])]
    last = classroom.last_attempts(_as_frame(progress.results()))
    assert last["done"].all(), "handed in, then looked at the key points: still handed in"


def test_the_attempt_rule_is_sixty_percent_of_the_minimum():
    kind = _written()
    assert kind.attempt_words() == 48 and kind.words[0] == 80
    short = " ".join(ESSAY.split()[:40])
    assert "not yet 48" in kind.reveal_problem(short)
    assert kind.reveal_problem(ESSAY) == ""


def test_a_shorter_recheck_never_turns_handed_in_work_to_failed(fresh):
    check.check("06.8", ESSAY)
    later = check.check("06.8", "Too short to hand in, eight words.")
    assert "stays handed in" in later.message
    assert [r["status"] for r in progress.results()] == ["submitted"]
    second = ESSAY + " I add a sentence on the forecast."
    check.check("06.8", second)
    work = classroom.written_work(_as_frame(progress.results()))
    assert work.loc[0, "versions"] == 2
    assert work.loc[0, "first_answer"] == ESSAY and work.loc[0, "answer"] == second


def test_keyword_feedback_never_claims_coverage_a_text_lacks(fresh):
    nonsense = ("party visit united states evidence E102 ¶9 forecast verdict weakness "
                "words test short " * 4)
    message = check.check("06.8", nonsense).message
    assert "touch" not in message and "appear in it" not in message
    honest = check.check("06.8", ESSAY).message
    assert "Words linked to these key points appear in it" in honest
    assert "whether it makes the points is for your teacher" in honest
    assert "partyline" not in honest
    partial = check.task("06.8").judge(ESSAY.replace("United States", "superpower"))
    assert "the US-presence split" not in partial.message


def _as_frame(rows):
    frame = pd.DataFrame(rows).assign(student="me", student_id="me")
    return frame


def test_my_progress_does_not_count_a_revealed_question_correct():
    from comrades import myprogress

    rows = [{"recorded_at": float(i), "lesson": "02", "item": "02.1", "kind": "single",
             "passed": int(s == "passed"), "status": s, "answer": "", "detail": ""}
            for i, s in enumerate(["failed", "revealed", "passed"])]
    table = myprogress.summary(rows).set_index("lesson")
    assert table.loc["02", "quiz_answered"] == 1 and table.loc["02", "quiz_correct"] == 0


def test_one_version_shows_no_second_copy(fresh):
    check.check("06.8", ESSAY)
    work = classroom.written_work(_as_frame(progress.results()))
    assert work.loc[0, "versions"] == 1 and work.loc[0, "first_answer"] == ""


def test_ten_junk_words_are_not_handed_in(fresh):
    result = check.check("06.8", JUNK)
    assert result.status == status.FAILED and "too short to hand in" in result.message
    assert check.check("06.8", "Hồ Chí Minh's Vietnam and Kim Il-sung's Korea were allies "
                       "for a while.").status == status.SUBMITTED


def test_the_notebooks_list_each_ordering_task_s_items_as_the_task_shows_them():
    """The letters and titles an exercise prints are the task's own (a renamed event in
    events.csv must not leave a notebook offering a title the check no longer knows)."""
    import json
    import re

    from conftest import REPO

    labels = {label for task in LABELLED for _, label in check.task(task).choices()}
    for folder in ("solutions", "exercises"):
        for path in sorted((REPO / folder).glob("*.ipynb")):
            cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
            for cell in cells:
                for line in "".join(cell["source"]).splitlines():
                    listed = re.match(r"^- \*\*([A-Z])\.\*\* (.+)$", line)
                    if listed:
                        label = f"{listed.group(1)}. {listed.group(2)}"
                        assert label in labels, f"{path.name}: {label}"
