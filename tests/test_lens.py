import pandas as pd
import pytest

from comrades import lens


@pytest.mark.parametrize(("ideology", "interests", "expected"), [
    (2, 2, "alliance"), (1, 2, "alliance"), (0, 2, "cordial"), (0, 1, "cordial"),
    (2, 0, "measured"), (2, 1, "cordial"), (2, -1, "estranged"),
    (-1, 0, "estranged"), (-1, -1, "hostile"), (2, -2, "hostile"), (-2, 2, "estranged"),
])
def test_predict(ideology, interests, expected):
    assert lens.predict(ideology, interests) == expected


def test_shared_ideology_alone_is_never_an_alliance():
    assert all(lens.predict(2, s) != "alliance" for s in (-2, -1, 0, 1))


@pytest.mark.parametrize("bad", [3, -3, 1.5, "2", None, True])
def test_predict_rejects_scores_off_the_scale(bad):
    with pytest.raises(ValueError, match="whole number from -2 to 2"):
        lens.predict(bad, 0)


def test_every_prediction_is_a_known_relationship():
    assert {lens.predict(i, s) for i in lens.ALIGNMENT for s in lens.ALIGNMENT} == \
        set(lens.RELATIONSHIPS)


def test_read_and_agreement():
    phases = pd.DataFrame({"phase": ["01", "02"], "title": ["a", "b"],
                           "start_year": [1945, 1954], "end_year": [1954, 1973],
                           "ideology_score": [2, 2], "interest_score": [0, 2],
                           "relationship": ["measured", "hostile"]})
    reading = lens.read(2, 2, phases)
    assert reading.prediction == "alliance"
    assert reading.matching_phases == ("02 (1954–1973)",)
    assert "alliance" in reading.sentence
    assert lens.agreement(phases) == 0.5
    assert lens.agreement(phases.iloc[:0]) == 0.0


def test_the_course_codings_agree_with_the_lens():
    from comrades import data

    phases = data.phases()
    assert len(phases) == 6
    assert lens.agreement(phases) == 1.0


# --- the rule is monotone -----------------------------------------------------------------

CELLS = [(i, s) for i in lens.ALIGNMENT for s in lens.ALIGNMENT]


@pytest.mark.parametrize(("ideology", "interests"), CELLS)
def test_more_alignment_in_either_factor_never_predicts_a_cooler_relationship(ideology,
                                                                              interests):
    here = lens.warmth(lens.predict(ideology, interests))
    if ideology < 2:
        assert lens.warmth(lens.predict(ideology + 1, interests)) >= here, \
            f"more ideology at ({ideology}, {interests}) cools the prediction"
    if interests < 2:
        assert lens.warmth(lens.predict(ideology, interests + 1)) >= here, \
            f"more interests at ({ideology}, {interests}) cools the prediction"


def test_monotone_over_every_pair_of_cells():
    for a, b in CELLS:
        for c, d in CELLS:
            if c >= a and d >= b:
                assert lens.warmth(lens.predict(c, d)) >= lens.warmth(lens.predict(a, b))


def test_both_factors_matter():
    """The article needs both [¶4]: neither factor alone decides the prediction."""
    # ideology changes the outcome with interests held fixed, and vice versa
    assert any(len({lens.predict(i, s) for i in lens.ALIGNMENT}) > 1 for s in lens.ALIGNMENT)
    assert any(len({lens.predict(i, s) for s in lens.ALIGNMENT}) > 1 for i in lens.ALIGNMENT)
    # shared interests make an alliance only with at least partly shared ideology
    assert [lens.predict(i, 2) for i in lens.ALIGNMENT] == \
        ["estranged", "estranged", "cordial", "alliance", "alliance"]


def test_warmth_orders_the_relationships():
    assert [lens.warmth(r) for r in lens.RELATIONSHIPS] == [4, 3, 2, 1, 0]


# The whole rule, cell by cell (rows: ideology −2 … 2; columns: interests −2 … 2). A
# mutation run found that a monotone check alone lets "ideology ≤ −1" become "≤ +1".
GRID = {
    -2: ["hostile", "hostile", "estranged", "estranged", "estranged"],
    -1: ["hostile", "hostile", "estranged", "estranged", "estranged"],
    0: ["hostile", "estranged", "measured", "cordial", "cordial"],
    1: ["hostile", "estranged", "measured", "cordial", "alliance"],
    2: ["hostile", "estranged", "measured", "cordial", "alliance"],
}


def test_every_cell_of_the_rule():
    for ideology, row in GRID.items():
        assert [lens.predict(ideology, interests) for interests in range(-2, 3)] == row


@pytest.mark.parametrize(("ideology", "interests", "named"), [(3, 0, "ideology"),
                                                               (0, -3, "interests")])
def test_a_score_out_of_range_names_its_factor(ideology, interests, named):
    with pytest.raises(ValueError, match=f"^{named} must be a whole number"):
        lens.predict(ideology, interests)
