"""The course's two-factor lens, as a plain function students can test and argue with.

Vu's argument [¶4]: dual-role elites guard both party ideology and state interests, so
Hanoi and Pyongyang were allies only when *both* aligned; when either did not, they
were not allies, or left the alliance. The course codes each factor on a five-step
scale and turns the argument into a rule that predicts the relationship. The rule is
the course's reading of the article, not the article's own words.
"""

from __future__ import annotations

from dataclasses import dataclass

# The scale used for both factors in data/phases.csv (columns ideology, interests).
ALIGNMENT = {-2: "opposed", -1: "divergent", 0: "none", 1: "partly shared", 2: "shared"}

# Relationship categories, warmest first.
RELATIONSHIPS = ("alliance", "cordial", "measured", "estranged", "hostile")


def warmth(relationship: str) -> int:
    """4 for an alliance … 0 for hostility: the order in which the lens ranks outcomes."""
    return len(RELATIONSHIPS) - 1 - RELATIONSHIPS.index(relationship)


RELATIONSHIP_MEANING = {
    "alliance": "allies: military and economic support against a common enemy",
    "cordial": "friendly, with visits and cooperation, but no alliance",
    "measured": "polite relations between comrades, little shared business",
    "estranged": "cool: few contacts, suspicion, no common cause",
    "hostile": "open hostility: public condemnation, opposite sides in a conflict",
}


def predict(ideology: int, interests: int) -> str:
    """The relationship the lens predicts from two alignment scores in -2..2.

    Alliance needs both factors: shared interests (2) *and* at least partly shared
    ideology (1). Opposed interests, or both factors divergent, make enemies; a
    divergence in either makes the two estranged; interests at least partly shared
    give cordial ties; otherwise relations are measured.

    The rule is monotone: more alignment in either factor never predicts a cooler
    relationship (``tests/test_lens.py`` checks all 25 cells).
    """
    ideology, interests = _score(ideology, "ideology"), _score(interests, "interests")
    if ideology >= 1 and interests >= 2:
        return "alliance"
    if interests <= -2 or (ideology <= -1 and interests <= -1):
        return "hostile"
    if interests == -1 or ideology <= -1:
        return "estranged"
    if interests >= 1:
        return "cordial"
    return "measured"


def _score(value, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value not in ALIGNMENT:
        raise ValueError(f"{name} must be a whole number from -2 to 2, not {value!r}")
    return value


@dataclass(frozen=True)
class LensReading:
    ideology: int
    interests: int
    prediction: str
    matching_phases: tuple[str, ...]

    @property
    def sentence(self) -> str:
        phases = ", ".join(self.matching_phases) or "no phase of the course"
        return (f"Ideology {ALIGNMENT[self.ideology]}, interests "
                f"{ALIGNMENT[self.interests]}: the lens predicts <b>{self.prediction}</b> "
                f"({RELATIONSHIP_MEANING[self.prediction]}). Coded this way: {phases}.")


def read(ideology: int, interests: int, phases) -> LensReading:
    """The lens's prediction for one pair of scores, and the phases coded that way.

    ``phases`` is the ``data.phases()`` table.
    """
    prediction = predict(ideology, interests)
    same = phases[(phases["ideology_score"] == ideology)
                  & (phases["interest_score"] == interests)]
    labels = tuple(f"{p.phase} ({p.start_year}–{p.end_year})" for p in same.itertuples())
    return LensReading(ideology, interests, prediction, labels)


def predictions(phases) -> list[str]:
    """The lens's prediction for each row of a phases table, in order."""
    return [predict(int(p.ideology_score), int(p.interest_score))
            for p in phases.itertuples()]


def agreement(phases) -> float:
    """Share of phases whose recorded relationship matches the lens's prediction."""
    if len(phases) == 0:
        return 0.0
    hits = [predicted == recorded for predicted, recorded
            in zip(predictions(phases), phases["relationship"], strict=True)]
    return sum(hits) / len(hits)
