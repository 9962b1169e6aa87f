"""Tasks of the capstone, 07: does the two-factor lens explain the whole record?"""

from __future__ import annotations

import pandas as pd

from comrades import data
from comrades.check import register
from comrades.tasks.kinds import Channel, Chart, Codings, Column, Count, FreeText, Table, Words

DYAD = "VNM-PRK"


def warming_and_cooling() -> pd.DataFrame:
    """Per phase: bilateral events that warmed (bearing > 0) and cooled (< 0) relations."""
    bilateral = data.events().query("scope == 'bilateral'")
    table = pd.DataFrame({"phase": data.phases()["phase"]}).set_index("phase")
    table["warming"] = bilateral[bilateral["bearing"] > 0].groupby("phase").size()
    table["cooling"] = bilateral[bilateral["bearing"] < 0].groupby("phase").size()
    return table.fillna(0).astype(int).reset_index()


def mean_scores() -> pd.DataFrame:
    """Mean yearly VNM-PRK score over each phase's years (boundary years in both)."""
    scores = data.relations().query("dyad == @DYAD")
    rows = [(p.phase, float(scores[scores["year"].between(p.start_year, p.end_year)]
                            ["score"].mean())) for p in data.phases().itertuples()]
    return pd.DataFrame(rows, columns=["phase", "mean_score"])


register("07.1", Table(warming_and_cooling, keys=[Column("phase", "phase")],
                       values=[Column("warming", "whole"), Column("cooling", "whole")],
                       what="bilateral events that warmed and cooled relations, by phase",
                       row="phase"), objective="07-O1")

register("07.2", Table(mean_scores, keys=[Column("phase", "phase")],
                       values=[Column("mean_score", tolerance=0.05)],
                       what=f"the mean {DYAD} score of each phase", row="phase",
                       series=True), objective="07-O1")

register("07.3", Chart(channels=[Channel(("x",), say="add an x encoding"),
                                 Channel(("y",), say="add a y encoding")]), objective="07-O1")

register("07.4", Codings(), objective="07-O2")

register("07.5", FreeText([
    "a clear verdict on the thesis that the two states were allies only when ideology "
    "and interests aligned [¶4]",
    "evidence from at least three phases, with event ids or paragraph numbers",
    "your chart (07.3) used as evidence, not decoration",
    "at least one weakness: e.g. the lens explains after the fact, or 'interests' is "
    "coded by the same people who read the outcome",
    "the 2023 forecast [¶9] tested against the events after the article",
], {"a verdict": r"explain|verdict|fits|borne out|holds",
    "evidence by id or paragraph": r"¶\d|e\d{3}",
    "a weakness": r"weak|after the fact|however|but",
    "the forecast": r"forecast|2023|2024|2025"}, words=(250, 400), least=30), objective="07-O3")


# --- tasks without code (tagged no-code): reading the course's codings ---------------------

def shared_ideology_phases() -> list[str]:
    phases = data.phases()
    return list(phases[phases["ideology_score"] == 2]["phase"])


register("07.6", Count(lambda: len(shared_ideology_phases()),
                       "number of phases coded with shared ideology (+2)"), objective="O2")


def other_phase_names() -> list[str]:
    """Every way of naming the phase(s) not coded shared: "03", "3", "phase 03"."""
    phases = data.phases()
    ids = phases[phases["ideology_score"] != 2]["phase"]
    return [form for p in ids for form in (p, str(int(p)), f"phase {p}")]


register("07.7", Words(other_phase_names, "phase id"), objective="O3")

# 07.8 (no code, corroboration): one claim of the argument, its source, and another.
register("07.8", FreeText([
    "A claim of the argument (07.5) named precisely, with the one source it rests on (a "
    "document id such as D10, or an event id and its source).",
    "That source judged: what kind it is, who produced it, when and for whom, and what "
    "that means for how far it can be trusted.",
    "A second document or reading of the course that supports, qualifies or contradicts "
    "the claim, and what the comparison changes in the argument.",
], {"a named source": r"\bd\d{2}\b|\be\d{3}\b|\bh\d{2}\b|document|reading",
    "who produced it": r"written|produced|embassy|newspaper|government|agency|historian",
    "a second source": r"second|another|other|corroborat|contradict|qualif|support"},
    words=(80, 150), least=10), objective="O3")

