"""One number reader, one number printer, one text-folding rule (comrades.answers)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from comrades.answers import folded, format_number, read_number, unit_words

READ = [  # (text or value, unit, number)
    (2, "", 2), (np.int64(2), "", 2), (np.float32(0.5), "", 0.5), ("2", "", 2),
    (" 1964 ", "", 1964), ("1 964", "", 1964), ("1,964", "", 1964), ("1_964", "", 1964),
    ("1\u202f964", "", 1964), ("−3", "", -3), ("+2", "", 2), ("1964.", "", 1964),
    ("two", "", 2), ("Four.", "", 4), ("twenty-one", "", 21), ("a hundred", "", 100),
    ("two thousand", "", 2000), ("2 km", "kilometres", 2), ("2km", "kilometres", 2),
    ("two kilometres", "kilometres", 2), ("2 kilometers", "kilometres", 2),
    ("3 days", "days", 3), ("1 day", "days", 1), ("1979", "year", 1979),
    ("in 1979", "year", 1979), ("in the year 1979", "year", 1979), ("1979 AD", "year", 1979),
]
NOT_ONE_NUMBER = [  # (text or value, unit)
    ("", ""), ("the nineties", "year"), ("four pairs and more", "pairs"), ("2 or 3", ""),
    ("2 miles", "kilometres"), ("about 2 km", "kilometres"), ("2 km", ""), (True, ""),
    ("nan", ""), ("inf", ""), (float("nan"), ""), ([2], ""), ({"a": 1}, ""), (None, ""),
    ("❶", ""), ("2.5.3", ""), ("1,96", ""),
]


@pytest.mark.parametrize(("given", "unit", "number"), READ)
def test_a_number_in_the_forms_people_write_it(given, unit, number):
    assert read_number(given, unit) == number


@pytest.mark.parametrize(("given", "unit"), NOT_ONE_NUMBER)
def test_anything_but_one_number_is_not_read(given, unit):
    assert read_number(given, unit) is None


def test_an_integer_too_large_for_a_float_is_far_too_high_not_unreadable():
    assert read_number(10**400) == 1e308 and read_number(-(10**400)) == -1e308


@given(st.text(max_size=120))
def test_reading_any_text_never_raises(text):
    value = read_number(text, "kilometres")
    assert value is None or isinstance(value, float)


def test_unit_words_include_the_spellings_students_use():
    assert {"km", "kilometre", "kilometres", "kilometer"} <= unit_words("kilometres")
    assert unit_words("") == set()


def test_a_number_is_printed_one_way():
    assert [format_number(v) for v in (12.0, 0.5, -3, 1 / 3, 1e20)] == \
        ["12", "0.5", "-3", "0.3333", "1e+20"]
    assert format_number(1 / 3, exact=True) == repr(1 / 3)
    assert format_number(1964.0, exact=True) == "1964"


def test_text_is_folded_one_way():
    assert folded("Việt Nam") == folded(" viet  nam ") == "viet nam"
    assert folded("Phase 03.") == "phase 03" and folded("Đổi Mới") == "doi moi"


def test_quizzes_and_checks_read_a_number_alike():
    """The drift issue 25 found: "1 964" was 1964 in a quiz and unreadable in a check."""
    from comrades.check import check
    from comrades.quiz.bank import Question
    from comrades.quiz.grading import grade

    question = Question(id="x.1", lesson="x", section="s", kind="number", prompt="p",
                        explanation="e", source="¶5", answer=1950.0, unit="year")
    assert grade(question, "1 950").correct is True
    assert check("00.1", "1 950", record=False).passed
