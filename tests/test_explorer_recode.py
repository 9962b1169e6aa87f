"""Lesson 06's recode explorer, driven in plain Python as a student's choices would drive it."""

import itertools

import pytest

from comrades import data, lens
from comrades.widgets import recode_explorer
from comrades.widgets.recode import course_codings, recode, recode_view, why_it_matters


@pytest.fixture(scope="module")
def phases():
    return data.phases()


def _vegalite(explorer):
    return explorer.output.outputs[0]["data"]["application/vnd.vegalite.v5+json"]


def test_course_codings_start_from_phases_csv(phases):
    codings = course_codings(phases)
    assert len(codings) == 2 * len(phases) == 12
    assert codings["ideology_03"] == -1 and codings["interests_03"] == -2
    assert codings["interests_02"] == 2 and codings["interests_06"] == 1  # re-examined


def test_the_course_codings_agree_in_every_phase(phases):
    view = recode_view(phases)
    assert "6 of 6 phases" in view.summary and "100%" in view.summary
    assert "course's codings" in view.summary and "disagree" not in view.summary
    assert "Agree: 01, 02, 03, 04, 05, 06." in view.figure.description
    assert lens.agreement(phases) == 1.0


def test_an_alliance_in_phase_06_is_named_as_a_disagreement(phases):
    view = recode_view(phases, interests_06=2)
    assert "5 of 6 phases" in view.summary and "83%" in view.summary
    assert "06: interests partly shared → shared" in view.summary
    assert "Phase 06" in view.summary and "<b>alliance</b>" in view.summary
    assert "expects allies where the record has none" in view.summary
    assert "06 (lens predicts alliance, record says cordial)" in view.figure.description
    row = view.figure.table.set_index("phase").loc["06"]
    assert (row["predicted"], row["recorded"], row["match"]) == ("alliance", "cordial", "no")


def test_losing_the_one_alliance_is_explained(phases):
    view = recode_view(phases, ideology_02=0)
    # ideology none with shared interests: cordial ties, not an alliance (both are needed)
    assert "Phase 02" in view.summary and "<b>cordial</b>" in view.summary
    assert "one alliance in the record is no longer explained" in view.summary


def test_a_change_that_keeps_the_prediction_is_said_to_be_harmless(phases):
    # Opposed interests make hostility whatever the ideology: ideology does no work in 03.
    view = recode_view(phases, ideology_03=2)
    assert "6 of 6 phases" in view.summary
    assert "03: ideology divergent → shared" in view.summary
    assert "Every phase still agrees" in view.summary


def test_direction_of_error_is_told(phases):
    warmer = recode(phases, {"interests_04": 1}).set_index("phase").loc["04"]
    assert warmer["predicted"] == "cordial" and "too optimistic" in why_it_matters(warmer)
    colder = recode(phases, {"interests_05": -2}).set_index("phase").loc["05"]
    assert colder["predicted"] == "hostile" and "too pessimistic" in why_it_matters(colder)


def test_every_coding_of_every_phase_is_compared(phases):
    for phase, ideo, inter in itertools.product(phases["phase"], lens.ALIGNMENT,
                                                lens.ALIGNMENT):
        table = recode(phases, {f"ideology_{phase}": ideo, f"interests_{phase}": inter})
        row = table.set_index("phase").loc[phase]
        assert row["predicted"] == lens.predict(ideo, inter)
        assert row["match"] == (row["predicted"] == row["recorded"])
        assert table["match"].sum() >= 5  # the other five phases keep the course's codings


def test_every_coding_of_one_phase_gives_a_summary_and_a_figure(phases):
    for ideo, inter in itertools.product(lens.ALIGNMENT, lens.ALIGNMENT):
        view = recode_view(phases, ideology_06=ideo, interests_06=inter)
        assert "of 6 phases" in view.summary
        assert len(view.figure.table) == 6


def test_everything_recoded_to_the_extremes(phases):
    cold = {f"{f}_{p}": -2 for p in phases["phase"] for f in ("ideology", "interests")}
    view = recode_view(phases, **cold)
    # Only phase 03 was hostile; all the others now disagree.
    assert "1 of 6 phases" in view.summary and view.summary.count("<li>") == 5
    warm = {k: 2 for k in cold}
    assert "1 of 6 phases" in recode_view(phases, **warm).summary


def test_edge_cases_never_break_the_view(phases):
    assert "no phases" in recode_view(phases.iloc[0:0]).summary
    one = recode_view(phases[phases["phase"] == "04"], interests_04=2)
    assert "0 of 1 phases" in one.summary
    with pytest.raises(ValueError, match="ideology_99"):
        recode_view(phases, ideology_99=1)
    with pytest.raises(ValueError, match="-2 to 2"):
        recode_view(phases, interests_01=5)


def test_the_explorer_updates_names_and_resets():
    explorer = recode_explorer()
    assert set(explorer.controls) == set(course_codings(data.phases()))
    for control in explorer.controls.values():
        assert control.description and control.tooltip
    assert "6 of 6" in explorer.summary.value
    explorer.controls["interests_06"].value = 0  # the course's coding before re-examination
    assert "5 of 6" in explorer.summary.value and "measured" in explorer.summary.value
    explorer.controls["ideology_02"].value = -1
    assert "4 of 6" in explorer.summary.value and "Phase 02" in explorer.summary.value
    assert "Phase 06" in explorer.summary.value
    outputs = explorer.output.outputs
    assert len(outputs) == 2 and _vegalite(explorer)["layer"]
    assert "Differ: 02" in outputs[1]["data"]["text/html"]
    explorer.reset()
    assert "6 of 6" in explorer.summary.value
    assert explorer.controls["interests_06"].value == 1
    assert explorer.controls["ideology_02"].value == 2


def test_the_explorer_can_start_from_other_codings():
    explorer = recode_explorer(interests_06=2)
    assert "5 of 6" in explorer.summary.value
    with pytest.raises(ValueError):
        recode_explorer(interests_07=1)


# --- every sentence checked against the data ------------------------------------------

import re  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

PHASES = data.phases()
codings = st.dictionaries(
    st.sampled_from([f"{f}_{p}" for f in ("ideology", "interests") for p in PHASES["phase"]]),
    st.integers(-2, 2), max_size=12)


@settings(max_examples=60, deadline=None)
@given(codings)
def test_the_agreement_count_is_the_rule_applied_to_the_codings(chosen):
    text = recode_view(PHASES, **chosen).summary
    agree = 0
    for p in PHASES.itertuples():
        i = chosen.get(f"ideology_{p.phase}", int(p.ideology_score))
        s = chosen.get(f"interests_{p.phase}", int(p.interest_score))
        hit = lens.predict(i, s) == p.relationship
        agree += hit
        assert (f"<b>Phase {p.phase}</b>" in text) == (not hit)
    assert re.search(rf"<b>{agree} of {len(PHASES)} phases</b>", text)
