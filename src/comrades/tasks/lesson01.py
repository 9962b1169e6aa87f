"""Exercise tasks of lesson 01 · Comrades without a common cause (1945–1954)."""

from __future__ import annotations

import re

import pandas as pd

from comrades import data, documents, lens
from comrades.answers import read_number
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
    Number,
    Ordering,
    Table,
    in_date_order,
    rows_problem,
    weighing,
)

FIRST_YEAR, LAST_YEAR = 1945, 1954
# Task 01.3: the first and the third recognition of the DRV.
FIRST_RECOGNITION, DPRK_RECOGNITION = "E008", "E010"
# Task 01.6: six events, given to students in this shuffled order.
ORDER_EVENTS = ["E014", "E003", "E010", "E006", "E017", "E011"]


def decade() -> pd.DataFrame:
    """The events that begin in 1945–1954 (by date, not by phase)."""
    events = data.events()
    years = events["start_date"].dt.year
    return events[(years >= FIRST_YEAR) & (years <= LAST_YEAR)]


def categories_of_the_decade() -> pd.DataFrame:
    counts = decade()["category"].value_counts()
    return pd.DataFrame({"category": counts.index.astype(str), "count": counts.to_numpy()})


def recognition_gap() -> int:
    events = data.events().set_index("event_id")
    return int((events.at[DPRK_RECOGNITION, "start_date"]
                - events.at[FIRST_RECOGNITION, "start_date"]).days)


def other_recognition_gaps() -> set[int]:
    """Gaps computed with a day for China's recognition that another account gives."""
    events = data.events().set_index("event_id")
    first, dprk = (events.at[FIRST_RECOGNITION, "start_date"],
                   events.at[DPRK_RECOGNITION, "start_date"])
    disputes = data.disputes()
    claims = disputes[disputes["event_id"] == FIRST_RECOGNITION]["claim"].dropna()
    days = {int(d) for c in claims for d in re.findall(r"\b(\d{1,2}) January 1950", str(c))}
    return {dprk.day - d for d in days if d != first.day}


def disputed_recognitions() -> pd.DataFrame:
    events = data.events()
    january = events[(events["start_date"].dt.year == 1950)
                     & (events["start_date"].dt.month == 1)]
    return january.merge(data.disputes(), on="event_id")[["event_id", "title", "dispute_id"]]



register("01.1", Count(lambda: len(decade()), "number of events that begin in 1945–1954",
                       mistakes=[Mistake(
                           lambda v: v == (data.events()["phase"] == "01").sum(),
                           "That is the number of events of phase 01. The task asks for the "
                           "events that begin in 1945–1954: a boundary year such as 1954 "
                           "belongs to two phases, so filter on the start date's year.")]),
         objective="P-O1")

register("01.2", Table(
    categories_of_the_decade, keys=[Column("category", "text")],
    values=[Column("count", "whole")], what="the events of 1945–1954 counted by category",
    row="category", series=True, drop_zero=True, universe=lambda: set(data.events()["category"]),
    mistakes=[Mistake(lambda frame: sum(read_number(v) or 0 for v in frame["count"])
                      == len(data.events()),
                      "These are the counts for the whole table; keep only the events that "
                      f"begin in {FIRST_YEAR}–{LAST_YEAR} first.")]), objective="P-O2")

register("01.3", Days(recognition_gap, "number of days from China's recognition of the DRV "
                      "(E008) to DPRK–DRV relations (E010)", mistakes=[
                          Mistake(lambda v: v in other_recognition_gaps(),
                                  "That gap uses a day that other accounts give for China's "
                                  "recognition (see disputes.csv). Use the dates in "
                                  "events.csv, which carry the best-attested day."),
                          Mistake(lambda v: v == recognition_gap() + 1,
                                  "You seem to count both end days. Subtracting the two "
                                  "dates gives the number of days between them.")]),
         objective="P-O5")

register("01.4", Table(
    disputed_recognitions,
    keys=[Column("event_id", "id"), Column("dispute_id", "text")],
    values=[Column("title", "text")],
    what="the events of January 1950 joined to their disputes", row="pair",
    distinct=True), objective="P-O3")

register("01.5", Chart(channels=[
    Channel(("x",), types=("temporal",), say="put the date on x, as a date "
            "('start_date:T')"),
    Channel(("y",), say="put something meaningful on y, e.g. the scope or the category"),
    Channel(("color",), say="add a colour encoding, e.g. by category"),
], rows=rows_problem(Table(lambda: decade()[["event_id"]], keys=[Column("event_id", "id")],
                           what=f"the events of {FIRST_YEAR}–{LAST_YEAR}", row="event"))),
         objective="P-O6")

register("01.6", Ordering(in_date_order(ORDER_EVENTS), labelled=True), objective="01-O1")

register("01.7", Coding("01"), objective="01-O4")

KEY_POINTS_01_8 = [
    "The article gives 1945–1954 only a few lines of ¶5; its 'measured' rests largely on "
    "the absence of records of help, which is weaker than a record of refusal.",
    "Both states were in conflict with the United States or its partners from 1950 "
    "(relations.csv: PRK-USA -2, VNM-USA -1), so one could code interests as partly "
    "shared; the lens would then predict cordial ties.",
    "A rival explanation: war, distance and dependence on Beijing and Moscow may have "
    "left neither able to help the other, whatever its interests.",
    "Where the argument is strong: ideology stayed the same before and after 1954 while "
    "the relationship changed once both were divided (¶5), and both states were allied "
    "with China, where ideology and a common war coincided.",
    "A good answer cites evidence (article paragraphs, event ids or relations rows) for "
    "each claim and weighs strength against weakness.",
]
register("01.8", FreeText(KEY_POINTS_01_8, {
    "thin evidence": r"evidence|absence|few lines|little|thin|silent",
    "the United States as a common adversary": r"united states|\bus\b|america|adversar",
    "capacity or dependence on patrons": r"capacity|means|distance|depend|china|soviet"
                                         r"|moscow|beijing",
    "the contrast with after 1954": r"1954|divided|geneva|after",
}), objective="01-O3")


# --- tasks without code (tagged no-code): reading the lens and a document -----------------

# 01.9: the lens explorer set to the course's coding of phase 01 (ideology shared, +2;
# interests none, 0).
register("01.9", Choice(lens.RELATIONSHIPS, lambda: lens.predict(2, 0), feedback={
    "alliance": "An alliance needs shared interests too: are interests shared in 01?"}),
    objective="O3")

# 01.10: document D02, the Korean Armistice Agreement, Article I, paragraph 1.
ARMISTICE, ARMISTICE_KM = "D02", 2


def armistice_distance() -> int:
    """The kilometres each side withdraws, read from D02's excerpt ("two (2) kilometers")."""
    excerpt = documents.table().set_index("doc_id").at[ARMISTICE, "excerpt"]
    return ARMISTICE_KM if f"({ARMISTICE_KM}) kilometers" in excerpt else -1


register("01.10", Number(armistice_distance, "distance each side withdraws from the line",
                         unit="kilometres", form="a number of kilometres"), objective="O1")

# 01.11 (no code, sourcing): document D01, Hồ Chí Minh's declaration of 2 September 1945,
# read in an English translation on a school website (its headnote and questions).
register("01.11", FreeText([
    "Who produced it and for whom: the Provisional Government of the DRV, read to a crowd "
    "in Hanoi but addressed to the world, borrowing the American and French declarations.",
    "What kind of copy it is: an English translation reproduced for schools, not the "
    "Vietnamese original, so its exact words must be checked against the original.",
    "What it can and cannot show: it is silent about Korea and communism, so it cannot "
    "show ties with Pyongyang; that needs other evidence, e.g. the recognition of January "
    "1950 [¶5].",
], {"author or audience": r"provisional|government|crowd|audience|world|allies",
    "the translation": r"translat|original|vietnamese text|school",
    "its silence": r"korea|communis|silen|does not mention|nothing about"},
    words=(60, 120), least=10), objective="O4")


# 01.12 (no code, in the lesson's core): weigh H01, another historian's reading of these
# years, against Vu: a verdict (agrees, qualifies, disagrees) and the evidence.
register("01.12", weighing("Szalontai", [
    "Where Szalontai agrees with Vu: the two regimes had much in common, yet conflict "
    "recurred; shared communism did not hold them together [¶4].",
    "Where he goes further: he calls 'national egoism' the root cause and adds the "
    "tactless style of North Korean diplomacy; ideology gets no binding role, while Vu's "
    "lens makes it one of two necessary factors.",
    "Evidence: words quoted from both texts, and what each reading predicts for "
    "1945–1954, when relations were measured [¶5].",
    "The course's reading: Szalontai qualifies Vu (he agrees that ideology was not enough"
    " and gives interests, and style, more weight). 'Agrees' or 'disagrees' can be as "
    "good if the evidence is argued.",
], r"egois|tactless|diplomac"), objective="O5")
