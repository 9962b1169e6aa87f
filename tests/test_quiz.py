"""Tests of the quiz: bank loading and validation, grading, and the widgets in plain Python."""

from __future__ import annotations

import json
import math
import subprocess
import sys
import types
from html import escape
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import comrades
from comrades import quiz
from comrades.paths import REPO_ROOT
from comrades.quiz import Feedback, Question, QuizBankError, grade, load_bank, load_file
from comrades.quiz import widget as quiz_widget
from comrades.quiz.grading import UNREADABLE

REAL_QUIZ_DIR = REPO_ROOT / "data" / "quizzes"
EXAMPLE = REAL_QUIZ_DIR / "_example.toml"


# -- fixtures and helpers ---------------------------------------------------------------
@pytest.fixture(autouse=True)
def fake_progress(monkeypatch):
    """Record progress calls in a list instead of the student's data directory."""
    calls: list[dict] = []
    module = types.ModuleType("comrades.progress")
    module.record = lambda **kwargs: calls.append(kwargs)
    module.install_id = lambda: "install-under-test"
    monkeypatch.setitem(sys.modules, "comrades.progress", module)
    monkeypatch.setattr(comrades, "progress", module, raising=False)
    return calls


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """An empty data folder with quizzes/, pointed at by COMRADES_DATA_DIR."""
    (tmp_path / "quizzes").mkdir()
    monkeypatch.setenv("COMRADES_DATA_DIR", str(tmp_path))
    return tmp_path


@pytest.fixture
def example(monkeypatch):
    """The example bank from the repository, by question kind."""
    monkeypatch.delenv("COMRADES_DATA_DIR", raising=False)
    return {q.kind: q for q in load_bank("_example")}


def toml_question(**fields) -> str:
    """A [[question]] table; JSON strings, numbers and lists are valid TOML values."""
    lines = ["[[question]]"] + [f"{k} = {json.dumps(v)}" for k, v in fields.items()]
    return "\n".join(lines) + "\n\n"


def single(**changes) -> dict:
    fields = dict(id="00.1", section="hook", kind="single", prompt="Which?",
                  options=["a", "b", "c"], answer="b", hint="Read ¶5 again.",
                  explanation="Because.", source="¶5")
    fields.update(changes)
    return {k: v for k, v in fields.items() if v is not None}


def write_bank(data_dir: Path, *questions: dict, lesson: str = "00") -> Path:
    path = data_dir / "quizzes" / f"{lesson}.toml"
    path.write_text("".join(toml_question(**q) for q in questions), encoding="utf-8")
    return path


# -- loading ------------------------------------------------------------------------------
def test_example_bank_loads_with_every_kind(example):
    assert set(example) == set(quiz.KINDS)
    assert all(q.lesson == "_example" and q.explanation and q.source and q.hint
               for q in example.values())
    assert quiz.sections("_example") == ["hook", "alliance"]


def test_example_bank_values_are_normalised(example):
    assert example["multiple"].answer == ("China", "Laos", "Cuba")
    assert example["order"].answer == example["order"].options
    assert example["number"].answer == 1964.0 and example["number"].unit == "year"


def test_valid_bank_in_data_dir_loads(data_dir):
    write_bank(data_dir, single(), single(id="00.2", kind="number", options=None,
                                          answer=1950, tolerance=1, unit="year"))
    questions = load_bank("00")
    assert [q.id for q in questions] == ["00.1", "00.2"]
    assert questions[1].tolerance == 1.0
    assert quiz.available_lessons() == ["00"]


def test_cache_returns_same_object_until_file_changes(data_dir):
    path = write_bank(data_dir, single())
    first = load_bank("00")
    assert load_bank("00") is first
    write_bank(data_dir, single(prompt="A longer prompt, so the size changes too?"))
    assert path.exists()
    assert load_bank("00")[0].prompt.startswith("A longer prompt")


def test_missing_bank_names_the_file(data_dir):
    with pytest.raises(QuizBankError, match=r"03\.toml"):
        load_bank("03")


BROKEN = {
    "missing field": ([single(source=None)], "'00.1'", "missing required field 'source'"),
    "empty field": ([single(prompt="  ")], "'00.1'", "'prompt' must be non-empty"),
    "unknown kind": ([single(kind="essay")], "'00.1'", "unknown kind 'essay'"),
    "no answer": ([single(answer=None)], "'00.1'", "no correct answer"),
    "answer not an option": ([single(answer="z")], "'00.1'", "'z' is not among the options"),
    "single with list": ([single(answer=["a"])], "'00.1'", "use kind = \"multiple\""),
    "multiple empty": ([single(kind="multiple", answer=[])], "'00.1'", "answer list is empty"),
    "multiple not option": ([single(kind="multiple", answer=["a", "q"])], "'00.1'",
                            "'q' is not among the options"),
    "duplicate option": ([single(options=["a", "b", "a"])], "'00.1'", "duplicate option 'a'"),
    "duplicate id": ([single(), single()], "'00.1'", "duplicate id '00.1'"),
    "bad prefix": ([single(id="01.1")], "'01.1'", "must start with the lesson id"),
    "prefix without dot": ([single(id="001")], "'001'", "must start with the lesson id"),
    "order one item": ([single(kind="order", options=["x"], answer=None)], "'00.1'",
                       "at least 2 options"),
    "order with answer": ([single(kind="order")], "'00.1'", "has no 'answer'"),
    "number as text": ([single(kind="number", options=None, answer="1964")], "'00.1'",
                       "must be a number"),
    "negative tolerance": ([single(kind="number", options=None, answer=1, tolerance=-1)],
                           "'00.1'", "tolerance -1 must be a number >= 0"),
    "typo in field": ([single(explanaton="x")], "'00.1'", "unknown field 'explanaton'"),
    "missing id": ([single(id=None)], "question #1 (no id)", "missing required field 'id'"),
    "missing options": ([single(options=None)], "'00.1'", "missing required field 'options'"),
}


@pytest.mark.parametrize("questions, label, problem", BROKEN.values(), ids=BROKEN.keys())
def test_broken_bank_is_rejected_naming_file_and_question(data_dir, questions, label, problem):
    write_bank(data_dir, *questions)
    with pytest.raises(QuizBankError) as info:
        load_bank("00")
    message = str(info.value)
    assert "00.toml" in message
    assert label in message
    assert problem in message


def test_every_problem_is_reported_at_once(data_dir):
    write_bank(data_dir, single(answer="z"), single(id="00.2", kind="essay"))
    with pytest.raises(QuizBankError) as info:
        load_bank("00")
    assert len(info.value.problems) == 2
    assert "'00.1'" in str(info.value) and "'00.2'" in str(info.value)


def test_toml_syntax_error_names_file_and_line(data_dir):
    path = data_dir / "quizzes" / "00.toml"
    path.write_text('[[question]]\nid = "00.1"\nprompt = "unclosed\n', encoding="utf-8")
    with pytest.raises(QuizBankError, match=r"(?s)00\.toml.*syntax error.*line 3"):
        load_bank("00")


def test_nan_answer_is_rejected(data_dir):
    path = data_dir / "quizzes" / "00.toml"
    text = toml_question(**single(kind="number", options=None, answer=0))
    path.write_text(text.replace("answer = 0", "answer = nan"), encoding="utf-8")
    with pytest.raises(QuizBankError, match="must be a number"):
        load_bank("00")


@pytest.mark.parametrize("text", ["", 'title = "x"\n'])
def test_bank_without_questions_is_rejected(data_dir, text):
    (data_dir / "quizzes" / "00.toml").write_text(text, encoding="utf-8")
    with pytest.raises(QuizBankError, match="no questions"):
        load_bank("00")


REAL_BANKS = sorted(REAL_QUIZ_DIR.glob("[0-9][0-9].toml"))


@pytest.mark.parametrize("path", [EXAMPLE, *REAL_BANKS], ids=lambda p: p.name)
def test_every_bank_in_the_repository_loads(path, monkeypatch):
    """Teachers' edits are checked by `make test`; the example always counts, so this
    test never passes on an empty list."""
    monkeypatch.delenv("COMRADES_DATA_DIR", raising=False)
    questions = load_file(path)
    assert questions and all(q.id.startswith(path.stem + ".") for q in questions)
    for section in dict.fromkeys(q.section for q in questions):
        box = quiz.show(path.stem, section)
        assert len(box.children) > 1


# -- grading ------------------------------------------------------------------------------
def test_single(example):
    q = example["single"]
    assert grade(q, "2019").correct is True
    wrong = grade(q, "2000")
    assert wrong.correct is False and wrong.explanation == q.explanation and wrong.source == "¶1"
    assert grade(q, None).correct is None
    assert grade(q, "1066").correct is None


def test_multiple(example):
    q = example["multiple"]
    assert grade(q, ["Cuba", "China", "Laos"]).correct is True
    partial = grade(q, ["China", "Mongolia"])
    assert partial.correct is False
    assert partial.message == "1 of your 2 choices is right; 2 correct options are still missing."
    assert grade(q, ["China", "Laos"]).message == \
        "2 of your 2 choices are right; 1 correct option is still missing."
    assert grade(q, ["China"]).message == \
        "Your one choice is right; 2 correct options are still missing."
    assert grade(q, ["Mongolia"]).message.startswith("Your one choice is not right; 3 ")
    assert grade(q, ["Mongolia", "Cambodia"]).message.startswith("None of your 2 choices is right")
    assert grade(q, ["China", "Laos", "Cuba", "Mongolia"]).message == \
        "3 of your 4 choices are right."
    assert grade(q, []).correct is None


def test_order(example):
    q = example["order"]
    right = list(q.answer)
    assert grade(q, right).correct is True
    swapped = [right[0], right[2], right[1], right[3]]
    feedback = grade(q, swapped)
    assert feedback.correct is False
    assert feedback.message == "2 of 4 in the right place; the first wrong one is at position 2."
    assert grade(q, right[:3]).correct is None
    assert grade(q, right[:3] + right[:1]).correct is None


@pytest.mark.parametrize("response", ["1964", " 1,964 ", 1964, 1964.0, "1964.0", "1 964"])
def test_number_right(example, response):
    assert grade(example["number"], response).correct is True


@pytest.mark.parametrize("response, words", [
    (1962, "too early"), ("1900", "too early"), (1966, "too late"), (10**400, "too late"),
])
def test_number_first_wrong_says_direction_never_closeness(example, response, words):
    feedback = grade(example["number"], response)
    assert feedback.correct is False and words in feedback.message
    assert "close" not in feedback.message


def test_number_later_wrong_tries_say_only_not_yet(example):
    """Issue 21: "too early, but close" on every try found 01.1 in 7 guesses."""
    q = example["number"]
    for response in (1900, 1962, 1966, 2000):
        later = grade(q, response, first_wrong=False)
        assert later.correct is False and later.verdict == "Not yet"
        for word in ("early", "late", "close", "low", "high", "few", "many"):
            assert word not in later.message, (response, later.message)
    assert grade(q, 1964, first_wrong=False).correct is True


def test_number_widget_gives_one_direction_then_closes(example, fake_progress):
    w = widget_for(example, "number")
    w.number.value = "1900"
    w.check_button.click()
    assert "too early" in w.feedback.value
    w.number.value = "1962"
    w.check_button.click()
    assert "too early" not in w.feedback.value and "not right" in w.feedback.value
    assert w.revealed and w.check_button.disabled, "the explanation closed the question"


def test_number_without_unit_says_high_or_low(example):
    q = Question(id="x.1", lesson="x", section="s", kind="number", prompt="p",
                 explanation="e", source="¶5", answer=200.0, tolerance=10)
    assert grade(q, 205).correct is True
    assert "too high" in grade(q, 230).message
    assert "too low" in grade(q, 20).message


@pytest.mark.parametrize("response", [None, "", "  ", "the sixties", "19 or 20", "nan",
                                      float("nan"),
                                      float("inf"), "-inf", True, [1964], {"a": 1}, 3j])
def test_number_unreadable_is_not_answered(example, response):
    feedback = grade(example["number"], response)
    assert feedback.correct is None and feedback.message


@pytest.mark.parametrize("response", ["1 964", "1,964", "1964.", " 1964 ", "1964 year"])
def test_a_year_in_the_forms_people_type_is_read_as_in_a_check(response):
    """One number reader for quizzes and checks (issue 25): "1 964" is 1964 in both."""
    from comrades.answers import read_number

    q = Question(id="x.1", lesson="x", section="s", kind="number", prompt="p",
                 explanation="e", source="¶5", answer=1964.0, unit="year")
    assert grade(q, response).correct is True
    assert read_number(response, "year") == 1964


def test_feedback_verdict_words():
    assert [Feedback(c, "m").verdict for c in (True, False, None)] == \
        ["Correct", "Not yet", "Not answered yet"]


responses = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text() | st.binary()
    | st.complex_numbers() | st.sampled_from(["2019", "China", " 1,964 ", "1e999"]),
    lambda inner: st.lists(inner, max_size=6) | st.tuples(inner, inner)
    | st.dictionaries(st.text(max_size=5), inner, max_size=3) | st.sets(st.text(max_size=3)),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(response=responses, kind=st.sampled_from(quiz.KINDS))
def test_grade_never_raises(response, kind):
    question = {q.kind: q for q in load_file(EXAMPLE)}[kind]
    feedback = grade(question, response)
    assert feedback.correct in (True, False, None)
    assert isinstance(feedback.message, str) and feedback.message
    assert feedback.message != UNREADABLE, "a grader raised; the safety net hid it"


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_grade_of_option_subsets_and_permutations(data):
    questions = {q.kind: q for q in load_file(EXAMPLE)}
    multiple, order = questions["multiple"], questions["order"]
    chosen = data.draw(st.lists(st.sampled_from(multiple.options), unique=True))
    feedback = grade(multiple, chosen)
    assert feedback.correct is (None if not chosen else set(chosen) == set(multiple.answer))
    arranged = data.draw(st.permutations(order.options))
    assert grade(order, arranged).correct is (list(arranged) == list(order.answer))


# -- widgets ------------------------------------------------------------------------------
def widget_for(example, kind, **kwargs):
    return quiz.QuestionWidget(example[kind], **kwargs)


def choose(w, texts):
    """Answer by option text, as a student reads it, wherever it is shown."""
    kind = w.question.kind
    if kind == "single":
        w.choice.value = texts
    elif kind == "multiple":
        for box in w.checkboxes:
            box.value = box.description in texts


def arrange(w, items):
    """Put an order question's items in ``items``' order with the Move up button."""
    for target, item in enumerate(items):
        w.order_select.index = w.order.index(item)
        while w.order_select.index > target:
            w.up_button.click()


def test_widget_structure_and_classes(example):
    w = widget_for(example, "single")
    assert "quiz-question" in w._dom_classes
    assert "quiz-check" in w.check_button._dom_classes
    assert "quiz-reveal" in w.reveal_button._dom_classes
    assert "quiz-feedback" in w.feedback._dom_classes
    assert w.check_button.description == "Check answer" and w.check_button.tooltip
    assert w.reveal_button.description == "Show answer" and "saved" in w.reveal_button.tooltip
    assert w.choice.value is None and w.choice.description
    assert w.feedback.value == ""


def test_check_before_answering(example, fake_progress):
    for kind in ("single", "multiple", "number"):
        w = widget_for(example, kind)
        w.check_button.click()
        assert "Not answered yet" in w.feedback.value
    assert fake_progress == []


# -- shuffling: each student's own, stable order; grading by text ---------------------
SEEDS = [f"install-{n}" for n in range(40)]


@pytest.mark.parametrize("kind", ["single", "multiple", "order"])
def test_options_are_shown_in_a_per_student_order(example, kind):
    q = example[kind]
    orders = {tuple(quiz.shuffled_options(q, seed)) for seed in SEEDS}
    assert all(sorted(o) == sorted(q.options) for o in orders)
    assert len(orders) >= 10, "different installs see different orders"
    assert quiz.shuffled_options(q, "same") == quiz.shuffled_options(q, "same")


def test_widget_order_comes_from_the_install_id(example, monkeypatch):
    q = example["multiple"]
    first = widget_for(example, "multiple")
    again = widget_for(example, "multiple")
    assert first.seed == "install-under-test"
    shown = [b.description for b in first.checkboxes]
    assert shown == [b.description for b in again.checkboxes], "re-running shows the same"
    assert shown == quiz.shuffled_options(q, "install-under-test")
    monkeypatch.setattr(comrades.progress, "install_id", lambda: "another-install")
    others = [quiz.shuffled_options(q2, "another-install") for q2 in
              [example["single"], example["order"], q]]
    mine = [quiz.shuffled_options(q2, "install-under-test") for q2 in
            [example["single"], example["order"], q]]
    assert others != mine
    assert [b.description for b in widget_for(example, "multiple").checkboxes] == others[2]


def test_order_of_the_same_install_differs_between_questions(example):
    seed = "install-under-test"
    single = quiz.shuffled_options(example["single"], seed)
    moved = Question(**{**example["single"].__dict__, "id": "_example.99"})
    assert any(quiz.shuffled_options(moved, s) != quiz.shuffled_options(example["single"], s)
               for s in SEEDS[:5])
    assert single == quiz.shuffled_options(example["single"], seed)


def test_order_question_is_never_shown_solved(example):
    q = example["order"]
    assert all(quiz.shuffled_options(q, s) != list(q.answer) for s in SEEDS * 3)


def test_progress_unavailable_still_gives_a_stable_order(monkeypatch):
    def broken():
        raise OSError("read-only")

    monkeypatch.setattr(comrades.progress, "install_id", broken)
    assert quiz.student_seed() == quiz.student_seed() != ""


@pytest.mark.parametrize("seed", SEEDS[:12])
def test_grading_follows_option_text_not_position(example, seed):
    positions = set()
    for kind in ("single", "multiple"):
        q = example[kind]
        w = quiz.QuestionWidget(q, seed=seed)
        choose(w, q.answer)
        w.check_button.click()
        assert "Correct" in w.feedback.value, (kind, w.shown)
        positions.add(w.shown.index(q.answer if kind == "single" else q.answer[0]))
    w = quiz.QuestionWidget(example["order"], seed=seed)
    arrange(w, example["order"].answer)
    w.check_button.click()
    assert "Correct" in w.feedback.value


def test_right_answer_position_varies_between_installs(example):
    q = example["single"]
    assert len({quiz.shuffled_options(q, s).index(q.answer) for s in SEEDS}) == len(q.options)


# -- hints, explanations and "Show answer" -------------------------------------------------
def test_first_wrong_try_shows_the_hint_not_the_explanation(example, fake_progress):
    q = example["single"]
    w = widget_for(example, "single")
    w.choice.value = "2000"
    w.check_button.click()
    assert "Not yet" in w.feedback.value and 'data-verdict="not-yet"' in w.feedback.value
    assert "#D55E00" in w.feedback.value and "Source: ¶1" in w.feedback.value
    assert "Hint:" in w.feedback.value and escape(q.hint) in w.feedback.value
    assert "Why:" not in w.feedback.value and "Nguyễn Phú Trọng" not in w.feedback.value
    w.choice.value = "2015"
    assert "Not yet" not in w.feedback.value, "a changed answer clears the stale verdict"
    assert escape(q.hint) in w.feedback.value, "the hint stays in view"
    w.check_button.click()
    assert "Why:" in w.feedback.value, "a second wrong try shows the explanation"
    assert [c["status"] for c in fake_progress] == ["failed", "revealed"]


@pytest.mark.parametrize("kind", quiz.KINDS)
def test_wrong_wrong_then_right_is_revealed_not_passed(example, fake_progress, kind):
    """Issue 21: after two wrong tries the explanation names the answer; a third try was
    recorded "passed" and counted correct. Now the question closes at the explanation."""
    q = example[kind]
    w = widget_for(example, kind)
    wrong = {"single": lambda: next(o for o in q.options if o != q.answer),
             "number": lambda: "1",
             "multiple": lambda: [o for o in q.options if o not in q.answer][:1],
             "order": lambda: list(reversed(q.options))}[kind]()
    for _ in range(2):
        choose_any(w, kind, wrong)
        w.check_button.click()
    assert "Why:" in w.feedback.value
    assert all(c.disabled for c in w._controls()), "every control is closed"
    choose_any(w, kind, q.answer)
    assert w.check() is None, "a closed question takes no answer"
    assert [c["status"] for c in fake_progress] == ["failed", "revealed"]
    assert not any(c["passed"] for c in fake_progress)


def choose_any(w, kind, answer):
    """Put ``answer`` into the widget of ``kind`` (controls may be disabled)."""
    if kind == "single":
        w.choice.value = answer
    elif kind == "number":
        w.number.value = str(answer)
    elif kind == "multiple":
        for option, box in zip(w.shown, w.checkboxes, strict=True):
            box.value = option in answer
    else:
        w.order[:] = list(answer)
        w.moved = True


def test_right_answer_shows_the_explanation_and_records_each_try(example, fake_progress):
    w = widget_for(example, "single")
    w.choice.value = "2000"
    w.check_button.click()
    w.choice.value = "2019"
    w.check_button.click()
    assert "Correct" in w.feedback.value and "Nguyễn Phú Trọng" in w.feedback.value
    assert "Hint:" not in w.feedback.value
    assert [(c["passed"], c["status"]) for c in fake_progress] == \
        [(False, "failed"), (True, "passed")]
    assert fake_progress[-1]["item"] == "_example.1" and fake_progress[-1]["lesson"] == "_example"
    assert fake_progress[0]["answer"] == "2000"
    assert w.reveal_button.disabled, "nothing left to reveal once it is right"
    assert all(c.disabled for c in w._controls()), "a right answer closes the question"


def test_explanation_timing_can_be_set(example):
    w = widget_for(example, "single", reveal_after=1)
    w.choice.value = "2000"
    w.check_button.click()
    assert "Why:" in w.feedback.value
    w = widget_for(example, "single", reveal_after=3)
    w.choice.value = "2000"
    w.check_button.click()
    w.check_button.click()
    assert "Why:" not in w.feedback.value and "Hint:" in w.feedback.value


@pytest.mark.parametrize("kind", quiz.KINDS)
def test_show_answer_reveals_records_and_closes(example, fake_progress, kind):
    q = example[kind]
    w = widget_for(example, kind)
    w.reveal_button.click()
    page = w.feedback.value
    assert "Answer shown" in page and 'data-verdict="answer-shown"' in page
    assert escape(quiz.answer_text(q)) in page and "Why:" in page and "Source:" in page
    assert [(c["status"], c["passed"], c["item"]) for c in fake_progress] == \
        [("revealed", False, q.id)]
    assert w.check_button.disabled and w.reveal_button.disabled
    w.check()
    w.reveal()
    assert len(fake_progress) == 1, "a closed question records nothing more"


def test_answer_text_for_each_kind(example):
    assert quiz.answer_text(example["single"]) == "2019"
    assert quiz.answer_text(example["multiple"]) == "China; Laos; Cuba"
    assert quiz.answer_text(example["order"]).startswith("1. North Korea and North Vietnam")
    assert quiz.answer_text(example["number"]) == "1964"


# -- order questions must be touched before they are checked ---------------------------
def test_untouched_order_question_cannot_be_checked(example, fake_progress):
    w = widget_for(example, "order")
    assert w.check_button.disabled and "Move" in w.check_button.tooltip
    w.check()  # as if the disabled button were pressed anyway
    assert "Move at least one item" in w.feedback.value
    assert "Why:" not in w.feedback.value and "Not yet" not in w.feedback.value
    assert fake_progress == []
    w.order_select.index = 1
    w.up_button.click()
    assert not w.check_button.disabled
    w.check_button.click()
    assert "Correct" in w.feedback.value or "Not yet" in w.feedback.value
    assert len(fake_progress) == 1


def test_order_widget_moves_and_grades(example):
    w = widget_for(example, "order")
    q = example["order"]
    assert sorted(w.order) == sorted(q.options) and w.order != list(q.options)
    assert w.order == quiz.shuffled_options(q, w.seed), "the shuffle is the same every time"
    assert (w.up_button.description, w.down_button.description) == ("Move up", "Move down")
    assert w.up_button.tooltip and w.down_button.tooltip
    arrange(w, q.options)
    assert w.order_select.options[0][0].startswith("1. ")
    w.check_button.click()
    assert "Correct" in w.feedback.value


def test_order_widget_polite_about_impossible_moves(example):
    w = widget_for(example, "order")
    w.order_select.index = None
    w.up_button.click()
    assert "Select an item" in w.feedback.value
    w.order_select.index = 0
    w.up_button.click()
    assert "already first" in w.feedback.value
    w.order_select.index = len(w.order) - 1
    w.down_button.click()
    assert "already last" in w.feedback.value
    assert w.check_button.disabled, "a move that went nowhere is not a move"


def test_multiple_widget(example):
    q = example["multiple"]
    w = widget_for(example, "multiple")
    assert [b.description for b in w.checkboxes] == w.shown
    choose(w, q.answer)
    w.check_button.click()
    assert "Correct" in w.feedback.value
    assert w.check() is None, "a right answer shows the explanation: the question is done"
    w = widget_for(example, "multiple")
    choose(w, q.answer[1:])
    w.check_button.click()
    assert "still missing" in w.feedback.value


# -- number questions: a year, a count, a plain number -------------------------------------
def test_number_widget(example):
    w = widget_for(example, "number")
    assert w.number.description == "Year:" and w.number.placeholder
    w.number.value = " 1,964 "
    w.check_button.click()
    assert "Correct" in w.feedback.value
    w = widget_for(example, "number")
    w.number.value = "sometime in the sixties"
    w.check_button.click()
    assert "Not answered yet" in w.feedback.value


def test_a_number_of_years_is_a_count_not_a_date(monkeypatch):
    """06.9 asks how many years lay between two visits."""
    monkeypatch.delenv("COMRADES_DATA_DIR", raising=False)
    q = next(q for q in load_bank("06") if q.id == "06.9")
    w = quiz.QuestionWidget(q)
    assert w.number.description == "Number of years:"
    assert not any(ch.isdigit() for ch in w.number.placeholder), "no sample year to copy"
    assert grade(q, 17).message == "17 is too few."
    assert grade(q, 40).message == "40 is too many."
    assert grade(q, 17, first_wrong=False).message == "17 is not right either."
    assert grade(q, 18).correct is True


@pytest.mark.parametrize("unit, label, low", [
    ("year", "Year:", "too early"), ("years", "Number of years:", "too few"),
    ("visits", "Number of visits:", "too few"), ("", "Answer:", "too low"),
])
def test_number_wording_follows_the_unit(unit, label, low):
    q = Question(id="x.1", lesson="x", section="s", kind="number", prompt="p",
                 explanation="e", source="¶5", answer=50.0, unit=unit, hint="h")
    assert quiz.QuestionWidget(q, seed="s").number.description == label
    assert low in grade(q, 10).message


# -- escaping and robustness of the widget ---------------------------------------------------
def test_bank_text_reaches_the_page_as_text(data_dir):
    evil = "<img src=x onerror=alert(1)>"
    write_bank(data_dir, single(prompt=f"Which {evil}?", hint=f"Look {evil}",
                                explanation=f"Because {evil}", source=f"¶5 {evil}",
                                options=[f"a {evil}", "b", "c"], answer=f"a {evil}"))
    q = load_bank("00")[0]
    w = quiz.QuestionWidget(q, seed="s")
    w.choice.value = "b"
    w.check_button.click()
    w.choice.value = "c"
    pages = [w.prompt.value, w.feedback.value]
    w.check_button.click()
    pages.append(w.feedback.value)
    pages.append(quiz.reveal_html(q))
    for page in pages:
        assert "<img" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in "".join(pages)


def test_unexpected_error_becomes_a_note(example, monkeypatch):
    monkeypatch.setattr(quiz_widget, "grade", lambda *a: 1 / 0)
    w = widget_for(example, "single")
    w.check_button.click()
    assert "Something went wrong" in w.feedback.value


def test_broken_progress_does_not_break_the_quiz(example, monkeypatch):
    def explode(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(comrades.progress, "record", explode)
    w = widget_for(example, "number")
    w.number.value = "1964"
    w.check_button.click()
    assert "Correct" in w.feedback.value


def test_show_sections(example):
    everything = quiz.show("_example")
    assert len(everything.children) == 1 + len(example)
    hook = quiz.show("_example", "hook")
    assert [c.question.id for c in hook.children[1:]] == ["_example.1", "_example.2"]
    assert "2 questions." in hook.children[0].value
    with pytest.raises(ValueError, match="hook, alliance"):
        quiz.show("_example", "no-such-section")


ACTIONS = st.lists(st.tuples(
    st.sampled_from(["check", "up", "down", "select", "set", "tick", "reveal"]),
    st.integers(-2, 6) | st.none() | st.text(max_size=6) | st.floats()), max_size=15)
SETTLED = ("Correct", "Not yet", "Not answered", "Answer shown", "Move at least one item")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kind=st.sampled_from(quiz.KINDS), actions=ACTIONS)
def test_random_click_sequences_never_raise(kind, actions):
    questions = {q.kind: q for q in load_file(EXAMPLE)}
    w = quiz.QuestionWidget(questions[kind], seed="fuzz")
    for action, arg in actions:
        do(w, action, arg)
        assert isinstance(w.feedback.value, str)
        assert "Something went wrong" not in w.feedback.value, (action, arg)
    w.check()
    assert any(word in w.feedback.value for word in SETTLED), w.feedback.value


def do(w, action, arg):
    """Play one user action; actions that do not fit this kind of question are skipped."""
    kind, n = w.question.kind, len(w.question.options)
    index = arg if isinstance(arg, int) and 0 <= arg < max(n, 1) else None
    if action == "check":
        w.check_button.click()
    elif action == "reveal" and isinstance(arg, int) and arg == 6:
        w.reveal_button.click()
    elif kind == "order" and action in ("up", "down"):
        (w.up_button if action == "up" else w.down_button).click()
    elif kind == "order" and action == "select":
        w.order_select.index = index
    elif kind == "single" and action == "select":
        w.choice.value = None if index is None else w.shown[index]
    elif kind == "multiple" and action == "tick" and index is not None:
        w.checkboxes[index].value = not w.checkboxes[index].value
    elif kind == "number" and action == "set":
        w.number.value = str(arg) if not (isinstance(arg, float) and math.isnan(arg)) else "nan"


def test_import_is_cheap():
    code = ("import sys, comrades.quiz; "
            "print(sorted({'pandas', 'altair', 'ipywidgets'} & set(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env={"PYTHONPATH": str(REPO_ROOT / "src")})
    assert out.stdout.strip() == "[]"




def run_cli(data_dir, *args):
    env = {"PYTHONPATH": str(REPO_ROOT / "src"), "COMRADES_DATA_DIR": str(data_dir)}
    return subprocess.run([sys.executable, "-m", "comrades.quiz", *args], capture_output=True,
                          text=True, env=env, timeout=120)


LESSONS = sorted({p.name[:2] for p in (REPO_ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")})


def test_command_line_check(data_dir):
    for lesson in LESSONS:
        write_bank(data_dir, single(id=f"{lesson}.1"), lesson=lesson)
    write_bank(data_dir, single(id="01.1", answer="z"), lesson="01")
    out = run_cli(data_dir)
    assert out.returncode == 1
    assert "00.toml: OK, 1 question\n" in out.stdout
    assert "01.toml" in out.stdout and "'z' is not among the options" in out.stdout


def test_command_line_passes_when_every_bank_is_good(data_dir):
    for lesson in LESSONS:
        write_bank(data_dir, single(id=f"{lesson}.1"), lesson=lesson)
    out = run_cli(data_dir)
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.count(": OK, 1 question") == len(LESSONS)


def test_command_line_fails_when_a_lesson_bank_is_missing(data_dir):
    assert "03" in LESSONS
    for lesson in LESSONS:
        if lesson != "03":
            write_bank(data_dir, single(id=f"{lesson}.1"), lesson=lesson)
    out = run_cli(data_dir)
    assert out.returncode == 1
    assert "03.toml" in out.stdout and "file not found" in out.stdout
    out = run_cli(data_dir, str(data_dir / "quizzes" / "nowhere.toml"))
    assert out.returncode == 1 and "nowhere.toml" in out.stdout


# -- hostile bank files: a BOM, deep nesting, odd values -----------------------------------
def test_bank_saved_with_a_byte_order_mark_loads(data_dir):
    path = write_bank(data_dir, single())
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert [q.id for q in load_bank("00")] == ["00.1"]


DEEP = "[" * 5000 + "]" * 5000


@pytest.mark.parametrize("where", ["top", "options", "inline table"])
def test_deep_nesting_is_a_named_error_not_a_recursion_error(data_dir, where):
    path = data_dir / "quizzes" / "00.toml"
    text = {"top": f"x = {DEEP}\n" + toml_question(**single()),
            "options": toml_question(**single()).replace('options = ["a", "b", "c"]',
                                                          f"options = {DEEP}"),
            "inline table": f"x = {'{a = ' * 3000}1{'}' * 3000}\n"}[where]
    path.write_text(text, encoding="utf-8")
    with pytest.raises(QuizBankError) as info:
        load_bank("00")
    assert "00.toml" in str(info.value) and "nested too deeply" in str(info.value)
    out = run_cli(data_dir, str(path))
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert "00.toml" in out.stdout and "nested too deeply" in out.stdout


@pytest.mark.parametrize("changes, problem", [
    (dict(answer=[[[[[[[["x"]]]]]]]], kind="number", options=None), "must be a number"),
    (dict(kind=[[[[[[[[["single"]]]]]]]]]), "unknown kind"),
    (dict(id=["00.1"]), "'id' must be non-empty text"),
])
def test_odd_values_are_reported_briefly(data_dir, changes, problem):
    write_bank(data_dir, single(**changes), single(id="00.2"))
    with pytest.raises(QuizBankError) as info:
        load_bank("00")
    assert problem in str(info.value) and len(str(info.value)) < 600


# -- hints --------------------------------------------------------------------------------
GIVEAWAYS = {
    "single": (single(hint="It is B."), "contains the option 'b'"),
    "multiple": (single(kind="multiple", options=["Laos", "Cuba", "Chad"],
                        answer=["Laos", "Cuba"], hint="Think of  laos."), "'Laos'"),
    "order": (single(kind="order", options=["Geneva Accords", "Armistice"], answer=None,
                     hint="The Geneva accords came…"), "'Geneva Accords'"),
    "number": (single(kind="number", options=None, answer=1964, unit="year",
                      hint="Kim's last trip was in 1964."), "contains 1964"),
}


@pytest.mark.parametrize("question, problem", GIVEAWAYS.values(), ids=GIVEAWAYS.keys())
def test_a_hint_that_gives_the_answer_away_is_rejected(data_dir, question, problem):
    write_bank(data_dir, question)
    with pytest.raises(QuizBankError, match="the hint gives the answer away") as info:
        load_bank("00")
    assert problem in str(info.value) and "'00.1'" in str(info.value)


@pytest.mark.parametrize("hint", ["It was in the 1960s.", "Count 19645 days.", "¶1 dates it."])
def test_a_hint_near_the_number_is_fine(data_dir, hint):
    write_bank(data_dir, single(kind="number", options=None, answer=1964, unit="year", hint=hint))
    assert load_bank("00")[0].hint == hint


def test_every_question_needs_a_hint(data_dir):
    write_bank(data_dir, single(hint=None))
    with pytest.raises(QuizBankError, match="missing required field 'hint'"):
        load_bank("00")


# -- with the real progress file ------------------------------------------------------------
def test_attempts_reach_the_real_progress_file(example, tmp_path, monkeypatch):
    """First try, final try and a reveal are all in the saved rows, with their status; the
    order a student sees comes from the progress file's install id."""
    import importlib

    monkeypatch.setenv("COMRADES_PROGRESS_DIR", str(tmp_path))
    monkeypatch.delitem(sys.modules, "comrades.progress")
    progress = importlib.import_module("comrades.progress")
    monkeypatch.setattr(comrades, "progress", progress)
    w = widget_for(example, "single")
    assert w.seed == progress.install_id()
    w.choice.value = "2000"
    w.check_button.click()
    w.choice.value = "2019"
    w.check_button.click()
    n = widget_for(example, "number")
    n.reveal_button.click()
    rows = [(r["item"], r["status"], r["passed"]) for r in progress.results()]
    assert rows == [("_example.1", "failed", 0), ("_example.1", "passed", 1),
                    ("_example.4", "revealed", 0)]


def test_a_deeply_nested_bank_does_not_break_the_progress_views(data_dir, tmp_path,
                                                               monkeypatch):
    """Issue 13: the same bank raised RecursionError in myprogress and classroom too;
    they skip a bank that raises QuizBankError."""
    import importlib

    monkeypatch.setenv("COMRADES_PROGRESS_DIR", str(tmp_path / "progress"))
    monkeypatch.delitem(sys.modules, "comrades.progress")
    monkeypatch.setattr(comrades, "progress", importlib.import_module("comrades.progress"))
    from comrades import items, myprogress

    write_bank(data_dir, single(id="01.1"), lesson="01")
    (data_dir / "quizzes" / "00.toml").write_text(f"x = {DEEP}\n", encoding="utf-8")
    table = myprogress.summary([])
    assert "01" in set(table["lesson"].astype(str))
    with pytest.warns(UserWarning, match="lesson 00 was left out"):
        prompts = items.catalogue().prompts
    assert "01.1" in prompts and not any(k.startswith("00.") for k in prompts)


# --- what a mutation run of comrades.quiz.grading found untested ---------------------------

def test_a_multiple_question_reads_one_choice_given_as_text_and_names_strangers():
    from comrades.quiz import grade, load_bank

    question = next(q for q in load_bank("03") if q.kind == "multiple")
    right = question.answer[0]
    one = grade(question, right)
    assert one.correct is False and "Your one choice is right" in one.message
    assert grade(question, "   ").correct is None
    stranger = grade(question, [right, "A choice nobody offered"])
    assert stranger.correct is None
    assert "1 of your choices is not among the options." in stranger.message
    two = grade(question, ["one stranger", "another"])
    assert "2 of your choices are not among the options." in two.message
