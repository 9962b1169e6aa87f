"""Exercise tasks of lesson 02 · Allies against a common enemy (1954–1973)."""

from __future__ import annotations

import pandas as pd

from comrades import data, documents, lens
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
    weighing,
)

PHASE = "02"
# Task 02.2: days from the seizure of the Pueblo to the start of the Tet Offensive.
PUEBLO, TET = "E038", "E039"
# Task 02.4: six events of the phase, given to students in this shuffled order.
ORDER_EVENTS = ["E044", "E025", "E038", "E022", "E029", "E033"]
# Tasks 02.5 and 02.6: the pilots dispute joined to its sources.
DISPUTE = "pilots"


def phase_events() -> pd.DataFrame:
    events = data.events()
    return events[events["phase"] == PHASE]



def bilateral_count() -> int:
    return int((phase_events()["scope"] == "bilateral").sum())


def pueblo_to_tet() -> int:
    events = data.events().set_index("event_id")
    return int((events.at[TET, "start_date"] - events.at[PUEBLO, "start_date"]).days)


def categories() -> pd.DataFrame:
    counts = phase_events()["category"].value_counts()
    return pd.DataFrame({"category": counts.index.astype(str), "count": counts.to_numpy()})



def claims_with_sources() -> pd.DataFrame:
    disputes = data.disputes()
    claims = disputes[disputes["dispute_id"] == DISPUTE].assign(
        source_id=lambda t: t["source_ids"].str.split(";")).explode("source_id")
    joined = claims.merge(data.sources(), on="source_id", how="left")
    return joined[["claim_no", "figure", "source_id", "author", "kind"]]


def pilots_figures_problem(frame: pd.DataFrame) -> str:
    """'' when the chart's rows hold exactly the figures of the pilots dispute."""
    if "figure" not in frame.columns:
        return "it needs the column 'figure'."
    shown = set(pd.to_numeric(frame["figure"], errors="coerce").dropna())
    disputes = data.disputes()
    expected = set(disputes[disputes["dispute_id"] == DISPUTE]["figure"].dropna())
    if expected - shown:
        return f"{len(expected - shown)} figure(s) of the pilots dispute are not drawn."
    if shown - expected:
        return "it draws a figure that is not one of the pilots dispute."
    return ""


register("02.1", Count(bilateral_count, f"number of bilateral events of phase {PHASE}",
                       mistakes=[
    Mistake(lambda v: v == len(phase_events()),
            "That is every event of the phase: keep only scope 'bilateral'."),
    Mistake(lambda v: v == (data.events()["scope"] == "bilateral").sum(),
            f"You counted every phase: keep only phase '{PHASE}' (a string, with its "
            "leading zero)."),
    Mistake(lambda v: v == (phase_events()["scope"] == "regional").sum(),
            "You counted the regional events: keep scope 'bilateral'."),
]), objective="P-O1")

register("02.2", Days(pueblo_to_tet, f"number of days from {PUEBLO} to {TET}", mistakes=[
    Mistake(lambda v: v == -pueblo_to_tet(),
            "The sign is reversed: subtract the earlier date from the later one."),
]), objective="P-O5")

register("02.3", Table(categories, keys=[Column("category", "text")],
                       values=[Column("count", "whole")],
                       what=f"the events of phase {PHASE} counted by category",
                       row="category", series=True, drop_zero=True,
                       universe=lambda: set(data.events()["category"]),
                       mistakes=[Mistake(lambda f: len(f) > len(categories()) + 1,
                                         "Some categories have no events in phase "
                                         f"{PHASE}: did you filter the phase?")]), objective="P-O2")

register("02.4", Ordering(in_date_order(ORDER_EVENTS), labelled=True), objective="02-O1")

register("02.5", Table(
    claims_with_sources, keys=[Column("claim_no", "whole"), Column("source_id", "id")],
    values=[Column("figure"), Column("author", "text"), Column("kind", "text")],
    what=f"the claims of '{DISPUTE}' with their sources", row="claim and source",
    mistakes=[Mistake(lambda f: len(f) == (data.disputes()["dispute_id"] == DISPUTE).sum(),
                      "You have one row per claim; a claim with two sources needs two "
                      "rows. Split source_ids and explode before the join.")]), objective="P-O3")

register("02.6", Chart(("bar",), channels=[
    Channel(("x", "y"), ("figure",), ("quantitative",),
            say="put figure on one axis, as a quantity ('figure:Q')"),
    Channel(("x", "y"), ("author", "source_id", "citation"), ("nominal", "ordinal"),
            say="put the source (author or source_id) on the other axis, as a category"),
], rows=pilots_figures_problem), objective="P-O6")

register("02.7", FreeText([
    "Name each source and what it is: the article (a 2023 policy bulletin, a secondary "
    "source whose links to evidence the course's copy lost) says about 200; "
    "Pribbenow's translated Soviet memo of 1967 and a Vietnamese general say about "
    "100; AP (2019, a news agency) says about 90 pilots among 200–400 personnel.",
    "What is counted: pilots only, or all personnel sent; AP's 200–400 overlaps the "
    "article's 200.",
    "When and with what access: a 1967 document sees one moment; the DPRK confirmed the "
    "pilots only in 2001 (E083), so outsiders estimated.",
    "What is agreed (14 killed) and what follows: the range, not one winner; the "
    "argument needs only that pilots were sent.",
], {"what each source is": r"article|bulletin|memo|soviet|general|ap\b|associated",
    "what is counted": r"personnel|count|crew|staff|mechanic",
    "time or access": r"1967|2001|access|secre|confirm|time|rotat",
    "the agreed 14": r"\b14\b|fourteen"}), objective="02-O3")

register("02.8", Coding(PHASE), objective="02-O4")

register("02.9", FreeText([
    "Ideology: both Marxist-Leninist party-states; the 1958 declaration pledged a "
    "common cause of building socialism [¶5]. But Juche (1955, E018) and the "
    "Sino-Soviet split complicate 'shared'.",
    "Interests: both divided after 1954 with US-backed southern states; Kim linked a US "
    "setback in Vietnam to relief for Korea [¶5].",
    "The test: aid fell soon after the US left in 1973 while ideology stayed [¶6], so "
    "interests did the work.",
    "Weakness: the alliance's depth rests partly on the disputed 200 pilots; the "
    "article's links to evidence are lost in the course's copy; no treaty of alliance "
    "appears in the data.",
], {"ideology": r"ideolog|socialis|marx|juche", "interests": r"interest|divided|enemy|us-",
    "the 1973 test": r"1973|aid|withdr", "a weakness": r"weak|disput|however|but|lost",
    "evidence": r"¶\d|e0\d\d|\[\d"}), objective="02-O4")


# --- tasks without code (tagged no-code): reading the lens and a document -----------------

# 02.10: interests shared (+2) but ideology none (0): the lens needs both factors.
register("02.10", Choice(lens.RELATIONSHIPS, lambda: lens.predict(0, 2), feedback={
    "alliance": "Look at the lens's rule for an alliance: shared interests are not "
                "enough on their own."}), objective="O4")

# 02.11: what kind of document D07 (the terms for the North Korean air force personnel) is.
MEMO_OPTIONS = ("a news report written in 2019",
                "a memo of a North Vietnamese committee, read in an English translation",
                "a treaty signed by both governments",
                "a speech by Kim Il-sung")


def d07_kind() -> str:
    row = documents.table().set_index("doc_id").loc["D07"]
    return MEMO_OPTIONS[1] if row["kind"] == "memo" and "translated" in row["author"] else ""


register("02.11", Choice(MEMO_OPTIONS, d07_kind), objective="O3")


# 02.12 (no code, in the lesson's core): weigh H09, another historian's reading of these
# years, against Vu: a verdict (agrees, qualifies, disagrees) and the evidence.
register("02.12", weighing("Tuong Vu", [
    "Two authors called Vu: Khang Vu wrote the article; Tuong Vu wrote the book the "
    "review describes. A strong answer keeps them apart.",
    "Tuong Vu, as the reviewer states him: ideology has often guided Vietnam's foreign "
    "policy, even at some cost to the national interest.",
    "Khang Vu: the alliance held while ideology and interests both aligned, and Kim's "
    "help was 'not simply due to communist solidarity' [¶5]; dual-role elites will "
    "sacrifice neither the Party's ideology nor the state's interests [¶4].",
    "What would settle it for 1954–1973: a case where Hanoi paid a price in interest for "
    "ideology's sake; the excerpt is a reviewer's summary, so the book must be read.",
    "The course's reading: Tuong Vu disagrees with Khang Vu about how much ideology "
    "weighs against interest; 'qualifies' can be argued, since both keep ideology in the "
    "explanation.",
], r"ideolog|realist|cost"), objective="O5")
