"""The no-code route: every kind of task a non-coder is assigned is answered in a box by
clicking and typing words, judged by the same check, saved in the same store (issue 20)."""

from __future__ import annotations

import pytest

from comrades import check, progress
from comrades.check import PASSED, registered_tasks, task
from comrades.tasks import kinds
from comrades.widgets.answer import AnswerBox, answer_box, saved_text


@pytest.fixture
def store(progress_dir):
    return progress_dir


def _last(task_id):
    rows = [r for r in progress.results() if r["item"] == task_id and r["kind"] == "exercise"]
    return rows[-1] if rows else None


@pytest.mark.parametrize("typed", ["2 km", "two", "2 kilometres", "2"])
def test_a_number_typed_in_words_is_checked_and_saved(store, typed):
    box = answer_box("01.10")
    box.widget.children[0].value = typed
    assert box.check().status == PASSED
    assert "Correct" in box.feedback.value and _last("01.10")["status"] == PASSED


def test_a_wrong_number_says_which_way_without_the_answer(store):
    box = answer_box("01.10")
    box.widget.children[0].value = "five"
    result = box.check()
    assert result.status == "failed" and "2" not in result.message


def test_a_choice_is_a_click_on_an_option(store):
    box = answer_box("02.11")
    options = box.widget.children[0]
    assert [label[:3] for label, _ in options.options] == ["A. ", "B. ", "C. ", "D. "]
    assert box.check().status == "unanswered"  # nothing chosen yet: nothing is judged
    options.value = "B"
    assert box.check().status == PASSED


def test_an_ordering_is_put_in_order_with_the_buttons(store):
    task_id = "01.6"
    box = answer_box(task_id)
    order, buttons = box.widget.children[0], box.widget.children[1]
    up, down = buttons.children
    labels = [label for label, _ in order.options]
    assert all(label[1] == "." for label in labels), "neutral letters, never event ids"
    kind = task(task_id)
    by_item = {item: letter for letter, item in kind._shown()}
    wanted = [by_item[str(i)] for i in kind._stored()[1]]
    # put each letter in place, as a student would: select it, press Move up
    for place, letter in enumerate(wanted):
        order.value = letter
        while [v for _, v in order.options].index(letter) > place:
            up.click()
    assert box.value() == wanted
    assert box.check().status == PASSED
    order.value = wanted[0]
    down.click()
    assert box.value()[1] == wanted[0] and box.check().status == "failed"


def test_a_phase_is_coded_with_three_labelled_drop_downs(store):
    box = answer_box("01.7")
    ideology, interests, relationship = box.widget.children[:3]
    assert [c.description for c in (ideology, interests, relationship)] == \
        ["Party ideology:", "State interests:", "The relationship:"]
    ideology.value, interests.value, relationship.value = 2, 0, "measured"
    assert box.check().status == PASSED
    relationship.value = "alliance"
    assert box.check().status == "failed"


def test_written_work_is_saved_on_every_check_and_shown_back_after_a_restart(store):
    task_id = "01.8"
    box = answer_box(task_id)
    area = box.widget.children[0]
    assert area.value == ""
    text = ("The weakest point is the evidence for the early years: the article gives this "
            "phase only a few lines, and the recognition of January 1950 is the one hard "
            "fact. Shared ideology shows in the recognition, but nothing shows shared "
            "interests, so the relationship stayed measured. A historian would want the "
            "archives of both parties before calling the link close or distant, and would "
            "ask whether the silence of the sources is evidence of distance at all.")
    area.value = text
    assert box.check().status == "submitted"
    assert saved_text(task_id) == text
    again = answer_box(task_id)  # a new box, as after a kernel restart or a reload
    assert again.widget.children[0].value == text


def test_tasks_that_need_code_say_so():
    box = answer_box("01.5")  # a chart
    assert isinstance(box, AnswerBox) and "answered in code" in box.widget.children[0].value


def test_every_core_task_a_non_coder_can_do_has_a_box():
    reachable = (kinds.Number, kinds.Choice, kinds.Words, kinds.Ordering, kinds.Coding,
                 kinds.FreeText)
    for task_id in registered_tasks():
        if isinstance(check.task(task_id), reachable):
            box = answer_box(task_id)
            assert len(box.widget.children) >= 3, task_id
            assert box.button.description in ("Check", "Save and check")


def test_the_capstone_chart_is_built_by_clicking_and_judged_by_the_same_check(store):
    box = answer_box("07.3")
    pairs, years, mark, title, preview = box.widget.children[:5]
    first, last = years.children
    assert pairs.value == ("VNM-PRK",) and preview.outputs, "a chart is shown at once"
    pairs.value = ("VNM-PRK", "VNM-KOR")
    first.value, last.value = 1975, 2000
    for drawn in ("line", "point", "bar"):
        mark.value = drawn
        title.value = "Hanoi warmed to Seoul as it cooled to Pyongyang"
        assert box.check().status == PASSED, drawn
    chart = box.value()
    spec = chart.to_dict()
    assert spec["title"] == title.value and "description" in spec
    rows = next(iter(spec["datasets"].values()))
    assert {r["year"] for r in rows} <= set(range(1975, 2001))
    assert {r["pair"] for r in rows} == {"Vietnam–North Korea", "Vietnam–South Korea"}
    pairs.value = ()
    assert box.check().status == "unanswered"


def test_the_key_points_are_a_recorded_click_after_a_real_attempt(store):
    box = answer_box("01.11")
    area = box.widget.children[0]
    compare = next(c for c in box.widget.children
                   if getattr(c, "description", "") == "Compare with the key points")
    area.value = "Too short to compare."
    compare.click()
    assert "Who produced it" not in box.feedback.value
    area.value = ("D01 was produced by the Provisional Government and read to a crowd in "
                  "Hanoi, but it speaks to the whole world and borrows the American "
                  "declaration. What I read is an English translation on a school website, "
                  "so I would check the Vietnamese original before quoting it. It says "
                  "nothing about Korea, so it cannot show ties with Pyongyang.")
    compare.click()
    assert "Who produced it" in box.feedback.value
    assert _last("01.11")["status"] == "revealed"
