"""The question banks cannot be answered by position or length, and hints never give the
answer away (issue 10). These tests read the real banks in ``data/quizzes``."""

from __future__ import annotations

from collections import Counter

import pytest

from comrades import quiz
from comrades.answers import folded as _folded
from comrades.quiz.bank import _mentions_number

SIMULATED_INSTALLS = [f"simulated-install-{n}" for n in range(300)]
FIXED_SEED = "0123456789abcdef0123456789abcdef"


@pytest.fixture(scope="module")
def bank(request):
    mp = pytest.MonkeyPatch()
    mp.delenv("COMRADES_DATA_DIR", raising=False)
    request.addfinalizer(mp.undo)
    questions = [q for lesson in quiz.available_lessons() for q in quiz.load_bank(lesson)]
    assert len(questions) >= 60, "the course's banks are all there"
    return {kind: [q for q in questions if q.kind == kind] for kind in quiz.KINDS}


def length_rank(q) -> int:
    """1 when the right option is the longest (ties count against it), 2 next, ..."""
    return sum(len(o) >= len(q.answer) for o in q.options if o != q.answer) + 1


def test_the_right_answer_is_the_longest_in_at_most_half(bank):
    single = bank["single"]
    longest = sum(length_rank(q) == 1 for q in single)
    assert longest <= len(single) / 2, f"{longest} of {len(single)} right answers are longest"


def test_length_gives_no_clue_either_way(bank):
    """Not the longest, but not always the second longest or the shortest either."""
    single = bank["single"]
    ranks = Counter(min(length_rank(q), 4) for q in single)
    assert max(ranks.values()) <= 0.4 * len(single), ranks
    shortest = sum(all(len(o) >= len(q.answer) for o in q.options) for q in single)
    assert shortest <= len(single) / 2


def test_the_files_spread_the_right_answers_over_positions(bank):
    single = bank["single"]
    positions = Counter(q.options.index(q.answer) for q in single)
    assert max(positions.values()) <= 0.4 * len(single), positions


def shown_positions(questions, seed: str) -> Counter:
    return Counter(quiz.shuffled_options(q, seed).index(q.answer) for q in questions)


def test_after_shuffling_no_position_holds_more_than_40_percent(bank):
    single = bank["single"]
    fixed = shown_positions(single, FIXED_SEED)
    assert max(fixed.values()) <= 0.4 * len(single), fixed
    pooled = Counter()
    for seed in SIMULATED_INSTALLS:
        pooled += shown_positions(single, seed)
    total = sum(pooled.values())
    assert max(pooled.values()) <= 0.4 * total, pooled
    assert min(pooled[p] for p in range(4)) >= 0.2 * total, "every position is used"


def test_the_shuffle_is_what_spreads_them(bank):
    """Without shuffling (seed-free), the file order would be shown: the shuffled order
    differs from it for most questions of any one install."""
    single = bank["single"]
    same = sum(quiz.shuffled_options(q, FIXED_SEED) == list(q.options) for q in single)
    assert same <= len(single) / 3


def right_set_first(q, order) -> bool:
    return set(order[:len(q.answer)]) == set(q.answer)


def test_multiple_choice_right_set_is_not_simply_the_first_options(bank):
    multiple = bank["multiple"]
    in_file = [q.id for q in multiple if right_set_first(q, q.options)]
    assert not in_file, f"right options listed first in the file: {in_file}"
    fixed = [q.id for q in multiple if right_set_first(q, quiz.shuffled_options(q, FIXED_SEED))]
    assert len(fixed) <= len(multiple) / 4, fixed
    share = sum(right_set_first(q, quiz.shuffled_options(q, seed))
                for seed in SIMULATED_INSTALLS for q in multiple)
    assert share / (len(SIMULATED_INSTALLS) * len(multiple)) <= 0.2


def test_order_questions_are_never_shown_solved(bank):
    for q in bank["order"]:
        assert all(quiz.shuffled_options(q, s) != list(q.answer) for s in SIMULATED_INSTALLS)


def test_every_question_has_a_hint_that_keeps_the_answer(bank):
    for kind, questions in bank.items():
        for q in questions:
            assert q.hint and q.hint != q.explanation, q.id
            if kind == "number":
                assert not _mentions_number(q.hint, q.answer), q.id
            else:
                right = [q.answer] if kind == "single" else list(q.answer)
                assert not any(_folded(text) in _folded(q.hint) for text in right), q.id


def test_a_count_is_not_asked_as_a_year(bank):
    """Questions asking "how many" use a plural unit, so the box and feedback fit."""
    for q in bank["number"]:
        if q.prompt.lower().startswith("how many") or "how many" in q.prompt.lower():
            assert q.unit and q.unit.lower() != "year", q.id
        else:
            assert q.unit.lower() == "year", q.id


def test_vietnamese_names_keep_their_diacritics(bank):
    text = " ".join(f"{q.prompt} {' '.join(q.options)} {q.hint} {q.explanation}"
                    for qs in bank.values() for q in qs)
    for name in ("Nông Đức Mạnh", "Tô Lâm", "Đổi Mới", "Nguyễn Phú Trọng"):
        assert name in text
    assert "Nong Duc Manh" not in text and "Doi Moi" not in text


def test_a_broken_bank_s_warning_says_why(tmp_path, monkeypatch):
    """Issue 24.12: "03.toml: 1 problem" said nothing a teacher could act on."""
    import warnings

    from comrades import items

    (tmp_path / "03.toml").write_text('[[question]]\nid = "03.1"\nkind = "riddle"\n')
    monkeypatch.setattr("comrades.quiz.bank.quiz_dir", lambda: tmp_path)
    from comrades import quiz
    quiz.clear_cache()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        items.catalogue()
    said = " ".join(str(w.message) for w in caught)
    assert "03.toml: question" in said and "missing required field" in said
    quiz.clear_cache()


# --- no question asked twice (issue 22.5) ------------------------------------------------

def test_no_two_questions_of_the_course_ask_the_same_thing():
    from comrades.quiz.bank import all_questions, repeats

    assert len(all_questions()) >= 70
    assert repeats(all_questions()) == []


def test_the_repeat_finder_flags_a_copy_and_spares_look_alikes():
    """03.7 and 04.2 once both asked when the last troops left Cambodia (1989)."""
    from dataclasses import replace

    from comrades.quiz.bank import load_bank, repeats

    original = next(q for q in load_bank("04") if q.id == "04.2")
    copy = replace(original, id="03.7", lesson="03",
                   prompt="In which year did the last Vietnamese troops leave Cambodia ?")
    assert repeats([original, copy]) == [("04.2", "03.7")]
    other_answer = replace(copy, answer=1988.0)
    other_prompt = replace(copy, prompt="In which year did Đổi Mới begin?")
    assert repeats([original, other_answer]) == repeats([original, other_prompt]) == []
