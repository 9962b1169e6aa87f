"""Hashed quiz banks (the student edition): the same grading, no key in plain text."""

from __future__ import annotations

import itertools
from html import escape
from pathlib import Path

import pytest

from comrades.publish import student
from comrades.quiz import answer_text, available_lessons, grade, keys, load_bank, load_file
from comrades.quiz.bank import QuizBankError
from comrades.quiz.shuffle import shuffled_options
from comrades.quiz.widget import reveal_html

SALT = "test-salt"


def _hashed(lesson: str, tmp_path: Path) -> tuple:
    path = tmp_path / f"{lesson}.toml"
    path.write_text(student.hashed_bank(load_bank(lesson), SALT), encoding="utf-8")
    return load_bank(lesson), load_file(path), path.read_text(encoding="utf-8")


def _responses(question) -> list:
    if question.kind == "single":
        return [*question.options, "", None, "not an option"]
    if question.kind == "multiple":
        return [list(c) for r in range(len(question.options) + 1)
                for c in itertools.combinations(question.options, r)]
    if question.kind == "order":
        return [list(p) for p in itertools.islice(
            itertools.permutations(question.options), 120)] + [["x"], []]
    return [question.answer, question.answer + 1, str(int(question.answer)), "abc", None]


@pytest.mark.parametrize("lesson", available_lessons())
def test_hashed_bank_grades_every_response_as_the_plain_bank(lesson, tmp_path):
    plain, hashed, _ = _hashed(lesson, tmp_path)
    assert [q.id for q in plain] == [q.id for q in hashed]
    for p, h in zip(plain, hashed, strict=True):
        assert keys.is_hashed(h) and not keys.is_hashed(p)
        for response in _responses(p):
            a, b = grade(p, response), grade(h, response)
            assert a.correct == b.correct, (p.id, response)
            if p.kind != "number":  # a hashed number cannot say "too early"
                assert a.message == b.message, (p.id, response)
            assert b.explanation == p.explanation
        assert answer_text(h) == answer_text(p)
        assert escape(keys.explanation_of(h)) in reveal_html(h)


@pytest.mark.parametrize("lesson", available_lessons())
def test_hashed_bank_holds_no_answer_or_explanation_as_text(lesson, tmp_path):
    plain, _, text = _hashed(lesson, tmp_path)
    flat = " ".join(text.split())
    for q in plain:
        assert " ".join(q.explanation.split())[:40] not in flat
        if q.kind == "number":
            assert f"answer = {keys.normalise(q.answer)}" not in text
        if q.kind == "order":  # the file order of an order question is its answer
            assert f'options = {list(q.options)!r}'.replace("'", '"') not in text


def test_a_hashed_order_question_is_never_shown_in_the_right_order(tmp_path):
    plain, hashed, _ = _hashed("02", tmp_path)
    for p, h in zip(plain, hashed, strict=True):
        if p.kind == "order":
            for seed in map(str, range(200)):
                assert shuffled_options(h, seed) != list(p.options)


def test_a_damaged_hashed_bank_is_reported(tmp_path):
    _, _, text = _hashed("00", tmp_path)
    bad = tmp_path / "00.toml"
    # Another salt: every digest now belongs to no option.
    bad.write_text(text.replace(f'key_salt = "{SALT}"', 'key_salt = "other"'), "utf-8")
    with pytest.raises(QuizBankError, match="not the digest of an option"):
        load_file(bad)


def test_sealed_text_round_trips_and_damage_never_raises():
    sealed = keys.seal("s", "Kim Il-sung, 1964 — Đồng Đăng")
    assert "1964" not in sealed and keys.unseal("s", sealed) == "Kim Il-sung, 1964 — Đồng Đăng"
    assert keys.unseal("s", "sealed:@@not base64") == "sealed:@@not base64"
    assert keys.unseal("", sealed) == sealed


def test_normalised_answers_hash_alike():
    assert keys.digest("s", "q", 1964.0) == keys.digest("s", "q", 1964)
    assert keys.digest("s", "q", "a  b\n") == keys.digest("s", "q", "a b")
    assert keys.digest("s", "q", "a", 0) != keys.digest("s", "q", "a", 1)
    assert keys.digest("s", "q", "a") != keys.digest("t", "q", "a")
