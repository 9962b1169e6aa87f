import pandas as pd
import pytest

from comrades import lens


@pytest.mark.parametrize(("ideology", "interests", "expected"), [
    (2, 2, "alliance"), (1, 2, "alliance"), (0, 2, "measured"),
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
