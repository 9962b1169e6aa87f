"""Exercise tasks of lesson 04 · Mended fences, then a stall (1989–2000)."""

from __future__ import annotations

import pandas as pd

from comrades import data, lens
from comrades.check import register
from comrades.tasks.kinds import (
    Channel,
    Chart,
    Choice,
    Coding,
    Column,
    Days,
    FreeText,
    Mistake,
    Ordering,
    Table,
    Year,
    rows_problem,
    weighing,
)

PHASE = "04"
COMPARED = ("VNM-PRK", "VNM-KOR", "VNM-CHN", "VNM-USA")
FIRST, LAST = 1989, 2000
# Task 04.5: ten events of the phase, named by their titles in data/events.csv.
ORDER_IDS = ("E062", "E064", "E065", "E067", "E068", "E069", "E072", "E073", "E077", "E080")
# Task 04.6: the pair and the years to chart.
CHART_DYADS, CHART_YEARS = ("VNM-PRK", "VNM-KOR"), (1985, 2005)


def vietnam_events() -> pd.DataFrame:
    """The events of phase 04 whose actors include VNM, oldest first."""
    events = data.events()
    names_vietnam = events["actors"].map(lambda cell: "VNM" in data.split_list(cell))
    chosen = events[(events["phase"] == PHASE) & names_vietnam]
    return chosen.sort_values("start_date")[["event_id", "title", "start_date"]]


def days_beijing_to_hanoi() -> int:
    events = data.events().set_index("event_id")
    return int((events.loc["E073", "start_date"] - events.loc["E072", "start_date"]).days)


def changes_per_dyad() -> pd.DataFrame:
    rel = data.relations().sort_values(["dyad", "year"])
    rel = rel[rel["dyad"].isin(COMPARED)]
    moved = rel.groupby("dyad")["score"].diff().fillna(0) != 0
    counted = rel[moved & rel["year"].between(FIRST, LAST)].groupby("dyad").size()
    return pd.DataFrame({"dyad": list(COMPARED),
                         "changes": [int(counted.get(d, 0)) for d in COMPARED]})


def vnm_prk_sources() -> pd.DataFrame:
    rel = data.relations()
    changes = rel[(rel["dyad"] == "VNM-PRK") & rel["year"].between(FIRST, LAST)
                  & rel["rationale"].notna()]
    pairs = changes.assign(source_id=changes["source_ids"].map(data.split_list)) \
        .explode("source_id").merge(data.sources()[["source_id", "author"]], on="source_id")
    return pairs[["year", "author"]].drop_duplicates()


def _author_holds_ids(frame: pd.DataFrame) -> bool:
    ids = set(data.sources()["source_id"])
    return any(";" in str(a) or str(a) in ids for a in frame["author"])


def order_titles() -> list[str]:
    events = data.events().set_index("event_id").loc[list(ORDER_IDS)]
    return list(events.sort_values("start_date")["title"])


def pair_rows() -> pd.DataFrame:
    rel = data.relations()
    return rel[rel["dyad"].isin(CHART_DYADS) & rel["year"].between(*CHART_YEARS)]


register("04.1", Table(vietnam_events, keys=[Column("event_id", "id")],
                       values=[Column("title", "text"), Column("start_date", "date")],
                       what="the phase's events that name Vietnam", row="event",
                       sorted_by="start_date"), objective="P-O1")

register("04.2", Days(days_beijing_to_hanoi, "number of days from E072 to E073", mistakes=[
    Mistake(lambda v: v == -days_beijing_to_hanoi(),
            "Right size, wrong sign: subtract the earlier date from the later one."),
    Mistake(lambda v: v == days_beijing_to_hanoi() + 1,
            "You seem to count both end days; count the days in between."),
]), objective="P-O5")

register("04.3", Table(changes_per_dyad, keys=[Column("dyad", "id")],
                       values=[Column("changes", "whole")],
                       what=f"the years of {FIRST}–{LAST} in which each line moved",
                       row="dyad", series=True, drop_zero=True, universe=lambda: set(COMPARED)),
         objective="P-O2")

register("04.4", Table(vnm_prk_sources, keys=[Column("year", "whole"),
                                               Column("author", "text")],
                       what="the sources of each change of the VNM-PRK score",
                       row="year and author",
                       mistakes=[Mistake(_author_holds_ids,
                                         "The author column holds source ids: split "
                                         "source_ids, explode, then merge with "
                                         "data.sources() on source_id.")]), objective="P-O3")

register("04.5", Ordering(order_titles, ids=False), objective="04-O2")

register("04.6", Chart(("line",), channels=[
    Channel(("x",), ("year",), say="put year on x"),
    Channel(("y",), ("score",), say="put score on y"),
    Channel(("color",), ("dyad",), say="colour by dyad"),
], rows=rows_problem(Table(pair_rows, keys=[Column("dyad", "id"), Column("year", "whole")],
                           what=f"{' and '.join(CHART_DYADS)} from {CHART_YEARS[0]} to "
                                f"{CHART_YEARS[1]}", row="dyad-year"))), objective="P-O6")

register("04.7", Coding(PHASE), objective="04-O4")

KEY_POINTS_04_8 = (
    "The evidence for the stall is thin and mostly an absence: the article's word "
    "'stalled' [¶6] and 'almost a decade of estrangement' [¶8], and a 2000 newspaper "
    "report (Dong-A Ilbo) that Paek Nam-sun's visit was the first senior DPRK visit since "
    "Kim Yong-nam's in 1992.",
    "The timing supports the article: the score falls in the year Hanoi recognised Seoul "
    "(22 Dec 1992) and recovers only with the 2000 visit.",
    "An alternative fits the same evidence: Pyongyang's own crises in the same years "
    "(NPT withdrawal announced 1993, Kim Il-sung's death 1994, the Agreed Framework, Kim "
    "Jong-il's succession to 1997) may have cut its senior travel everywhere.",
    "To decide, one would need comparisons (DPRK visits to other states in 1993–1999), "
    "statements by either side about Seoul, or trade and aid figures; the course's data "
    "hold none of these.",
)
register("04.8", FreeText(KEY_POINTS_04_8, {
    "the evidence of absence": r"absence|silen|thin|few|no visit|first senior",
    "the timing": r"1992|seoul|2000",
    "an alternative": r"nuclear|npt|death|succession|crisis|alternativ",
    "what would decide": r"compar|statement|trade|aid|figure|need"}), objective="04-O4")


# --- tasks without code (tagged no-code): reading an explorer and the lens -----------------

def first_friendly_year(dyad: str = "VNM-KOR") -> int:
    """The first year the Hanoi–Seoul explorer shows ``dyad`` above 0 (friendly)."""
    relations = data.relations()
    years = relations[(relations["dyad"] == dyad) & (relations["score"] > 0)]["year"]
    return int(years.min())


register("04.9", Year(first_friendly_year, "first year Vietnam's score with South Korea is "
                      "above 0"), objective="O3")

# 04.10: the course's coding of phase 04 (ideology shared, +2; interests divergent, −1).
register("04.10", Choice(lens.RELATIONSHIPS, lambda: lens.predict(2, -1)), objective="O4")


# 04.12 (no code, in the lesson's core): weigh H06, another historian's reading of these
# years, against Vu: a verdict (agrees, qualifies, disagrees) and the evidence.
register("04.12", weighing("Nguyễn and Robinson", [
    "Nguyễn and Robinson explain why the two states chose differently when their "
    "economies were in crisis: admitting mistakes and reforming cost Pyongyang more "
    "legitimacy than Hanoi, and Hanoi had lost its foreign aid.",
    "Vu explains the stall of the 1990s by a realignment: Hanoi's recognition of Seoul in"
    " 1992 [¶6]; his dual-role elites guard the Party's legitimacy as well as the state's"
    " interests [¶4].",
    "The two fit together: different reform paths are a difference of interests, and "
    "legitimacy is the Party's concern in Vu's own mechanism.",
    "The course gives no verdict of its own, since the study is about each state's "
    "choices, not their relations: 'qualifies' (a domestic cause the article does not "
    "name) and 'agrees' (Vu's ¶4) can both be argued.",
], r"legitima|reform|aid|mistake"), objective="O5")
