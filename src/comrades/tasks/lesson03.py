"""Exercise tasks of lesson 03 · From estrangement to enmity (1973–1989)."""

from __future__ import annotations

import pandas as pd

from comrades import data, documents, realignments
from comrades.check import register
from comrades.tasks.kinds import (
    Channel,
    Chart,
    Choice,
    Coding,
    Column,
    Count,
    Days,
    FreeText,
    Mistake,
    Ordering,
    Table,
    in_date_order,
    rows_problem,
    weighing,
)

PHASE = "03"
# Task 03.2: five events of the phase, given to students in this shuffled order.
ORDER_EVENTS = ["E059", "E055", "E062", "E060", "E058"]
# Task 03.3: the two years compared.
YEAR_BEFORE, YEAR_AFTER = 1975, 1979
# Task 03.4: the occupation runs from the start of E055 to the end of E064.
INVASION, LAST_TROOPS = "E055", "E064"
# Task 03.5: the pairs and years to chart.
CHART_DYADS = ("VNM-PRK", "VNM-KHM", "PRK-KHM")
CHART_YEARS = (1973, 1989)
# Task 03.8: the disputed troop numbers of 1989.
DISPUTE = "cambodia_troops_1989"


def phase_events() -> pd.DataFrame:
    events = data.events()
    return events[events["phase"] == PHASE]


def harmful_count() -> int:
    return int((phase_events()["bearing"] < 0).sum())



def comparison() -> pd.DataFrame:
    relations = data.relations()
    wide = relations[relations["year"].isin([YEAR_BEFORE, YEAR_AFTER])].pivot(
        index="dyad", columns="year", values="score").dropna()
    table = pd.DataFrame({"dyad": wide.index,
                          f"score_{YEAR_BEFORE}": wide[YEAR_BEFORE].astype(int).to_numpy(),
                          f"score_{YEAR_AFTER}": wide[YEAR_AFTER].astype(int).to_numpy()})
    table["change"] = table[f"score_{YEAR_AFTER}"] - table[f"score_{YEAR_BEFORE}"]
    return table.reset_index(drop=True)


def occupation_days() -> int:
    events = data.events().set_index("event_id")
    return int((events.at[LAST_TROOPS, "end_date"] - events.at[INVASION, "start_date"]).days)


def days_to_start_of_last() -> int:
    events = data.events().set_index("event_id")
    return int((events.at[LAST_TROOPS, "start_date"]
                - events.at[INVASION, "start_date"]).days)


def triangle_rows() -> pd.DataFrame:
    relations = data.relations()
    return relations[relations["dyad"].isin(CHART_DYADS)
                     & relations["year"].between(*CHART_YEARS)][["dyad", "year", "score"]]


def dispute_joined() -> pd.DataFrame:
    disputes = data.disputes()
    claims = disputes[disputes["dispute_id"] == DISPUTE]
    joined = claims.merge(data.events(), on="event_id", how="left")
    return joined[["claim_no", "figure", "event_id", "title", "start_date"]]


register("03.1", Count(harmful_count, f"number of phase-{PHASE} events with a bearing "
                       "below 0", mistakes=[
    Mistake(lambda v: v == len(phase_events()),
            "That is every event of the phase: keep only those with a bearing below 0."),
    Mistake(lambda v: v == (phase_events()["bearing"] <= 0).sum(),
            "You included bearing 0, which means neutral or context: keep only bearings "
            "below 0."),
    Mistake(lambda v: v == (data.events()["bearing"] < 0).sum(),
            f"You counted every phase: keep only phase '{PHASE}' (a string)."),
    Mistake(lambda v: v == ((phase_events()["bearing"] < 0)
                            & (phase_events()["scope"] == "bilateral")).sum(),
            "You kept only bilateral events: regional events count too."),
    Mistake(lambda v: v == (phase_events()["bearing"] == -2).sum(),
            "You kept only bearing -2: -1 is below 0 too."),
]), objective="P-O1")

register("03.2", Ordering(in_date_order(ORDER_EVENTS), labelled=True), objective="03-O1")

register("03.3", Table(comparison, keys=[Column("dyad", "id")],
                       values=[Column(f"score_{YEAR_BEFORE}", "whole"),
                               Column(f"score_{YEAR_AFTER}", "whole"),
                               Column("change", "whole")],
                       what=f"the scores of {YEAR_BEFORE} and {YEAR_AFTER} compared",
                       row="dyad"), objective="P-O4")

register("03.4", Days(occupation_days, f"number of days from the start of {INVASION} to "
                      f"the end of {LAST_TROOPS}", tolerance=1, mistakes=[
    Mistake(lambda v: abs(v - occupation_days() / 365.25) < 1.5,
            "That looks like years: the task asks for days."),
    Mistake(lambda v: abs(v - days_to_start_of_last()) <= 1,
            f"You used the start of {LAST_TROOPS}; the last troops left on its end_date."),
]), objective="P-O5")

register("03.5", Chart(("line",), channels=[
    Channel(("x",), ("year",), say="put year on x"),
    Channel(("y",), ("score",), say="put score on y"),
    Channel(("color",), ("dyad",), say="colour by dyad"),
], rows=rows_problem(Table(triangle_rows, keys=[Column("dyad", "id"), Column("year", "whole")],
                           what=f"{', '.join(CHART_DYADS)} from {CHART_YEARS[0]} to "
                                f"{CHART_YEARS[1]}", row="dyad-year")),
                  properties=("title", "description")), objective="P-O6")

register("03.6", Coding(PHASE), objective="03-O4")

register("03.7", FreeText([
    "Interests: the common enemy left in 1973 and aid was cut; after 1975 Cambodia set "
    "Hanoi's Indochina design against Pyongyang's friendship; in 1979 Pyongyang backed "
    "the Khmer Rouge and kept silent on China's war, Hanoi condemned it [¶6].",
    "Ideology: both stayed communist, but Hanoi claimed superiority over Juche, so the "
    "shared ideology was contested [¶6].",
    "Weakness: the rule makes opposed interests enough for hostility, so the phase "
    "cannot show what ideology added; the article dates neither the ideological claim "
    "nor the repair.",
    "Evidence named by event id or paragraph.",
], {"interests": r"interest|cambodia|khmer|china", "ideology": r"ideolog|juche",
    "a weakness": r"weak|thin|undated|not dated|cannot|however",
    "evidence": r"¶\d|e0\d\d|\[\d"}), objective="03-O2")

register("03.8", Table(dispute_joined, keys=[Column("claim_no", "whole")],
                       values=[Column("figure"), Column("event_id", "id"),
                               Column("title", "text"), Column("start_date", "date")],
                       what=f"the claims of '{DISPUTE}' joined to their event",
                       row="claim"), objective="P-O3")

register("03.9", FreeText([
    "Name who gives each figure: Hanoi about 50,000; US estimates 60,000–70,000.",
    "Each side may have had a motive to shade the number: Hanoi to show its withdrawal "
    "was far advanced, Washington, at odds with Hanoi, to doubt it.",
    "Neither figure is confirmed by the other; a midpoint is not evidence.",
    "What would settle it: independent counts (e.g. observers of the withdrawal, later "
    "archives, Cambodian records), and how each side defined 'troops'.",
], {"who gave each figure": r"hanoi|vietnam|us |united states|american|washington",
    "motive or bias": r"motiv|bias|interest|propaganda|reason to|want",
    "further evidence": r"archive|observer|independent|record|evidence|verify"}), objective="03-O4")


# --- tasks without code (tagged no-code): reading an explorer and a document ---------------

# 03.10: the realignment explorer at 1979: how many pairs changed score since 1978.
REALIGNMENT_YEAR = 1979
register("03.10", Count(lambda: len(realignments.changes(REALIGNMENT_YEAR)),
                        f"number of pairs whose score changed in {REALIGNMENT_YEAR}"),
         objective="O3")

# 03.11: who wrote document D10 (a Hungarian telegram about Vietnamese-DPRK relations).
D10_OPTIONS = ("North Korean officials describing their own policy",
               "a Vietnamese newspaper editorial",
               "the US State Department",
               "Hungarian diplomats reporting what the Vietnamese ambassador told them")


def d10_author() -> str:
    author = documents.table().set_index("doc_id").at["D10", "author"]
    return D10_OPTIONS[3] if "Hungarian" in author and "Vietnamese ambassador" in author \
        else ""


register("03.11", Choice(D10_OPTIONS, d10_author, feedback={
    D10_OPTIONS[0]: "Read the author line of D10: whose embassy sent it, and whom did it "
                    "hear?"}), objective="O2")


# 03.12 (no code, in the lesson's core): weigh H05, another historian's reading of these
# years, against Vu: a verdict (agrees, qualifies, disagrees) and the evidence.
register("03.12", weighing("Morris", [
    "Morris, as the reviewer reports him: the war over Cambodia is explained by how "
    "'chiliastic' ruling parties saw the world, in Manichean terms: an explanation from "
    "political culture and ideology.",
    "Vu: the common interest went first (the aid cut after 1973), then the quarrels over "
    "Cambodia and over Juche [¶6]; interests moved first and ideology made it worse.",
    "Evidence on each side: Morris used Soviet party archives and interviews; the excerpt"
    " is a review, not the book, and says nothing of Pyongyang directly.",
    "The course gives no verdict of its own, since Morris writes about Hanoi and Phnom "
    "Penh, not Pyongyang. Read as an explanation of the Cambodian war, his puts ideology "
    "first, against Vu's order; 'qualifies' can be argued, since Vu also counts Hanoi's "
    "claim of ideological superiority [¶6].",
], r"chilias|manich|culture|archiv"), objective="O5")
