"""Lesson 03's exercise checks: the worked solutions pass; typical mistakes get a
targeted message; the checks follow the data."""

import altair as alt
import nbformat
import pandas as pd
import pytest
from conftest import REPO

from comrades import data
from comrades.check import FAILED, PASSED, UNANSWERED, UNGRADED, check, registered_tasks

SOLUTION = REPO / "solutions" / "03_from_estrangement_to_enmity.ipynb"
TASKS = [f"03.{n}" for n in range(1, 10)]


@pytest.fixture(scope="module")
def solved():
    """The namespace after running every code cell of the solution notebook."""
    namespace: dict = {}
    for cell in nbformat.read(SOLUTION, as_version=4).cells:
        if cell.cell_type == "code":
            exec(compile(cell.source, str(SOLUTION), "exec"), namespace)  # noqa: S102
    return namespace


def _check(task, answer):
    return check(task, answer, record=False)


def test_every_task_is_registered():
    assert set(TASKS) <= set(registered_tasks())


@pytest.mark.parametrize("task", TASKS)
def test_the_solution_passes(solved, task):
    result = _check(task, solved[f"answer_{task.replace('.', '_')}"])
    expected = UNGRADED if task in ("03.7", "03.9") else PASSED
    assert result.status == expected, result.message
    assert result.message and result.checked


@pytest.mark.parametrize("task", TASKS)
def test_an_unanswered_task_says_so(task):
    assert _check(task, ...).status == UNANSWERED


# --- 03.1 -------------------------------------------------------------------------------

@pytest.mark.parametrize("answer, words", [
    (21, "every event of the phase"),  # E110 (withdrawals) and E111 (Ba Chúc) included
    (18, "bearing 0"),
    (4, "bilateral"),
    (3, "-1 is below 0"),
    (15, "every phase"),
    (8, "too low"),
    ("nine", "Expected a number"),
])
def test_03_1_mistakes(answer, words):
    result = _check("03.1", answer)
    assert result.status == FAILED and words in result.message


def test_03_1_follows_the_data(data_copy):
    events = data_copy / "events.csv"
    text = events.read_text(encoding="utf-8")
    row = ("E999,1980-01-01,1980-12-31,year,03,Test event,A test.,VNM;PRK,diplomacy,"
           "bilateral,-1,vu2023,6,\n")
    events.write_text(text + row, encoding="utf-8")
    data.clear_cache()
    assert _check("03.1", 11).passed and not _check("03.1", 10).passed


# --- 03.2 -------------------------------------------------------------------------------

def test_03_2_mistakes():
    result = _check("03.2", ["E055", "E059", "E058", "E060", "E062"])
    assert result.status == FAILED and "Position 2" in result.message
    result = _check("03.2", ["E055", "E058", "E059"])
    assert "Expected 5 events, got 3" in result.message
    result = _check("03.2", ["Vietnam invades Cambodia", "E058", "E059", "E060", "E062"])
    assert "event ids" in result.message
    result = _check("03.2", ["E055", "E058", "E059", "E060", "E064"])
    assert "E064 is not one of the five" in result.message
    assert "Expected a list" in _check("03.2", "E055 E058").message


# --- 03.3 -------------------------------------------------------------------------------

def test_03_3_mistakes(solved):
    right = solved["answer_03_3"]
    assert "lacks the column 'change'" in _check("03.3", right.drop(columns="change")).message
    assert "Expected a pandas DataFrame" in _check("03.3", right.to_dict()).message
    short = right[right["dyad"] != "VNM-KHM"]
    assert "VNM-KHM is missing" in _check("03.3", short).message
    wrong_sign = right.assign(change=right["score_1975"] - right["score_1979"])
    message = _check("03.3", wrong_sign).message
    assert "change" in message and "later score minus the earlier" in message
    off = right.copy()
    off.loc[off["dyad"] == "VNM-PRK", "score_1979"] = -1
    assert "VNM-PRK: score_1979" in _check("03.3", off).message
    doubled = pd.concat([right, right.head(1)])
    assert "more than once" in _check("03.3", doubled).message


def test_03_3_accepts_dyad_as_the_index(solved):
    assert _check("03.3", solved["answer_03_3"].set_index("dyad")).passed


# --- 03.4 -------------------------------------------------------------------------------

def test_03_4_mistakes():
    assert "looks like years" in _check("03.4", 10.75).message
    assert "start of E064" in _check("03.4", 3923).message
    assert _check("03.4", 3929).passed  # counting both ends is fine
    assert "too low" in _check("03.4", 3000).message


# --- 03.5 -------------------------------------------------------------------------------

def _rows(dyads=("VNM-PRK", "VNM-KHM", "PRK-KHM"), start=1973, end=1989):
    rel = data.relations()
    return rel[rel["dyad"].isin(dyads) & rel["year"].between(start, end)]


def test_03_5_mistakes():
    rows = _rows()
    bar = alt.Chart(rows).mark_bar().encode(x="year:O", y="score:Q", color="dyad:N")
    assert "use .mark_line()" in _check("03.5", bar).message
    swapped = alt.Chart(rows).mark_line().encode(x="score:Q", y="year:O", color="dyad:N")
    assert "Encode 'year' on x" in _check("03.5", swapped).message
    no_colour = alt.Chart(rows).mark_line().encode(x="year:O", y="score:Q")
    assert "'dyad' on color" in _check("03.5", no_colour).message
    two = alt.Chart(_rows(("VNM-PRK", "VNM-KHM"))).mark_line().encode(
        x="year:O", y="score:Q", color="dyad:N")
    assert "PRK-KHM is missing" in _check("03.5", two).message
    long = alt.Chart(_rows(start=1970)).mark_line().encode(
        x="year", y="score", color="dyad")
    assert "Keep the years 1973 to 1989" in _check("03.5", long).message
    layered = bar + bar
    assert "not a layered" in _check("03.5", layered).message
    assert "Expected an Altair chart" in _check("03.5", rows).message


def test_03_5_accepts_shorthand_and_encoding_objects():
    chart = alt.Chart(_rows()).mark_line().encode(
        x=alt.X("year:Q"), y="score", color=alt.Color("dyad"))
    assert _check("03.5", chart).passed


# --- 03.6 -------------------------------------------------------------------------------

def test_03_6_mistakes_and_alternatives():
    inconsistent = {"ideology": -1, "interests": -2, "relationship": "estranged"}
    assert "predicts hostile, not estranged" in _check("03.6", inconsistent).message
    too_mild = {"ideology": 2, "interests": -1, "relationship": "estranged"}
    message = _check("03.6", too_mild).message
    assert "the record" in message and "hostile" in message and "opposite sides" in message
    out_of_range = {"ideology": 3, "interests": -2, "relationship": "hostile"}
    assert "from -2 to 2" in _check("03.6", out_of_range).message
    assert "lacks the key 'relationship'" in _check("03.6", {"ideology": -1,
                                                            "interests": -2}).message
    assert "Expected a dict" in _check("03.6", (-1, -2, "hostile")).message
    assert "must be one of" in _check("03.6", {"ideology": -1, "interests": -2,
                                              "relationship": "enemies"}).message
    other = _check("03.6", {"ideology": 2, "interests": -2, "relationship": "Hostile"})
    assert other.passed and "justify your difference" in other.message


# --- 03.7 and 03.9 (free text) ----------------------------------------------------------

def test_free_text_shows_key_points_and_never_grades():
    result = _check("03.9", "Hanoi might lie.")
    assert result.status == UNGRADED and "(1)" in result.message and "short" in result.message
    assert "who gave each figure" in result.message
    result = _check("03.7", 42)
    assert result.status == FAILED and "as text in quotes" in result.message


# --- 03.8 -------------------------------------------------------------------------------

def test_03_8_mistakes(solved):
    right = solved["answer_03_8"]
    assert "lacks the column 'title'" in _check("03.8", right.drop(columns="title")).message
    assert "Expected 2 rows" in _check("03.8", right.head(1)).message
    wrong_figure = right.assign(figure=[50000, 60000])
    assert "the data says 65000" in _check("03.8", wrong_figure).message
    unjoined = right.assign(title="Last Vietnamese troops leave Cambodia")
    assert "join on event_id" in _check("03.8", unjoined).message
    assert _check("03.8", right.iloc[::-1]).passed  # row order does not matter


@pytest.mark.parametrize("answer", [None, [], {}, "", 0, pd.DataFrame(), [[1, 2]],
                                    {"ideology": None, "interests": "x", "relationship": 1},
                                    pd.DataFrame({"dyad": [1, 2], "year": [None, None]})])
@pytest.mark.parametrize("task", TASKS)
def test_odd_answers_get_a_message(task, answer):
    result = _check(task, answer)
    assert result.status in (FAILED, UNANSWERED, UNGRADED) and result.message.strip()
    assert "could not be checked" not in result.message
