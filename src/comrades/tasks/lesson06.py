"""Exercise tasks of lesson 06 · Distant comrades: synthesis and outlook."""

from __future__ import annotations

import pandas as pd

from comrades import data, lens
from comrades.check import register
from comrades.lens import agreement
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
    Share,
    Table,
    Words,
    in_date_order,
    rows_problem,
    weighing,
)

PHASE = "06"
# The article appeared in March 2023 (event E101, month precision): "after the article"
# means an event that starts after the end of that month.
ARTICLE = "E101"
ARTICLE_END = pd.Timestamp("2023-03-31")
# Task 06.3: the last two visits of a Vietnamese party chief to Pyongyang.
EARLIER_VISIT, LATER_VISIT = "E089", "E108"
# Task 06.6: five events after the article, given to students in this shuffled order.
ORDER_EVENTS = ["E107", "E102", "E108", "E104", "E103"]
# Task 06.9: the recoding whose agreement score students compute.
RECODE = {"phase": PHASE, "column": "interest_score", "value": 0}


def after_article() -> pd.DataFrame:
    """Events that start after the article's month, oldest first."""
    events = data.events()
    return events[events["start_date"] > ARTICLE_END].sort_values("start_date")


def by_phase() -> pd.DataFrame:
    grouped = data.events().groupby("phase")["bearing"].agg(["count", "mean"])
    return pd.DataFrame({"phase": grouped.index.astype(str),
                         "events": grouped["count"].astype(int).to_numpy(),
                         "mean_bearing": grouped["mean"].astype(float).to_numpy()})


def days_between_party_chiefs() -> int:
    events = data.events().set_index("event_id")
    return int((events.at[LATER_VISIT, "start_date"]
                - events.at[EARLIER_VISIT, "start_date"]).days)


def days_between_ends() -> int:
    events = data.events().set_index("event_id")
    return int((events.at[LATER_VISIT, "end_date"]
                - events.at[EARLIER_VISIT, "end_date"]).days)


def sources_after() -> pd.DataFrame:
    after = after_article()[["event_id", "source_ids"]]
    pairs = after.assign(source_id=after["source_ids"].map(data.split_list)).explode(
        "source_id")
    return pairs.merge(data.sources(), on="source_id", how="left")[
        ["event_id", "source_id", "kind"]]



def recoded_agreement() -> float:
    phases = data.phases()
    phases.loc[phases["phase"] == RECODE["phase"], RECODE["column"]] = RECODE["value"]
    return agreement(phases)


def _ids_not_split(frame: pd.DataFrame) -> bool:
    return any(";" in str(s) for s in frame["source_id"])


register("06.1", Count(lambda: len(after_article()), "number of events that start after "
                       f"{ARTICLE_END.date()}", mistakes=[
    Mistake(lambda v: v == (data.events()["start_date"] >= "2023-03-01").sum(),
            f"You counted the article itself ({ARTICLE}, March 2023): keep only events "
            "that start after March 2023."),
    Mistake(lambda v: v == (after_article()["scope"] == "bilateral").sum(),
            "You kept only bilateral events: regional events count too."),
    Mistake(lambda v: v == (data.events()["phase"] == PHASE).sum(),
            f"That is every event of phase {PHASE}, which begins in 2019: keep only those "
            "after the article."),
]), objective="P-O1")

_BY_PHASE = Table(by_phase, keys=[Column("phase", "phase")],
                  values=[Column("events", "whole"), Column("mean_bearing", tolerance=0.05)],
                  what="the events of each phase, counted and averaged", row="phase")
register("06.2", _BY_PHASE, objective="P-O2")

register("06.3", Days(days_between_party_chiefs, f"number of days from the start of "
                      f"{EARLIER_VISIT} to the start of {LATER_VISIT}", tolerance=1,
                      mistakes=[
    Mistake(lambda v: abs(v - days_between_party_chiefs() / 365.25) < 1.5,
            "That looks like years: the task asks for days."),
    Mistake(lambda v: abs(v - days_between_ends()) <= 1,
            "You used the end dates: the task asks from start to start."),
    Mistake(lambda v: v < 0, "Subtract the earlier date from the later one."),
]), objective="P-O5")

register("06.4", Table(sources_after, keys=[Column("event_id", "id"),
                                             Column("source_id", "id")],
                       values=[Column("kind", "text")],
                       what="the events after the article with their sources",
                       row="event and source",
                       mistakes=[Mistake(_ids_not_split, "Some source_id still holds "
                                         "several ids separated by ';': split them and "
                                         "explode to one row per source.")]), objective="P-O3")

register("06.5", Chart(("bar",), channels=[
    Channel(("x",), ("phase",), say="put phase on x"),
    Channel(("y",), ("mean_bearing",), say="put mean_bearing on y"),
], rows=rows_problem(Table(by_phase, keys=[Column("phase", "phase")],
                           values=[Column("mean_bearing", tolerance=0.05)],
                           what="one row per phase with its mean bearing", row="phase"))),
         objective="P-O6")

register("06.6", Ordering(in_date_order(ORDER_EVENTS), labelled=True), objective="06-O1")

register("06.7", Coding(PHASE), objective="06-O2")

register("06.8", FreeText([
    "Ideology: both parties still rule as communist parties and talk party to party "
    "(E103, E108) [¶9].",
    "Interests pulling together: visits, the Year of Friendship, tourism and reform "
    "interest (E107, E108; ¶8).",
    "Interests pulling apart: Hanoi's partnership with Washington (E102) and Seoul "
    "(E100) against Pyongyang's treaty with Moscow (E104): the US-presence split [¶9].",
    "A judgement on how to net these, and what it means for the forecast: no alliance "
    "so far, but 'none' versus 'partly shared' is a choice the evidence leaves open.",
], {"ideology": r"ideolog|communis|party", "cooperation": r"visit|friendship|touris|reform",
    "the US-presence split": r"united states|u\.s\.|\bus\b|washington|russia|moscow",
    "evidence": r"¶\d|e\d{3}"}), objective="06-O4")

register("06.9", Share(recoded_agreement, "share of phases the lens predicts correctly "
                       f"once phase {PHASE}'s interests are coded none", mistakes=[
    Mistake(lambda v: v > 1 and abs(v / 100 - recoded_agreement()) <= 0.01,
            "That looks like a percentage: give the share between 0 and 1."),
    Mistake(lambda v: abs(v - agreement(data.phases())) <= 0.01,
            f"That is the agreement with the course's codings: recode phase {PHASE}'s "
            f"interest_score to {RECODE['value']} first."),
    Mistake(lambda v: abs(v * len(data.phases()) - round(v * len(data.phases()))) > 0.06,
            "A share of the phases is a whole number of phases divided by how many "
            "phases there are."),
]), objective="06-O2")

register("06.10", FreeText([
    "The post-2023 record rests on news agencies and official texts (Task 06.4), "
    "several of them state media or government statements.",
    "They record that visits and declarations happened, not what was agreed in private; "
    "official wording ('friendship') is diplomatic language, as in 2019 [¶1; ¶3].",
    "A negative forecast ('will not become allies') is hard to refute in two years; "
    "only a treaty or military tie would do it.",
    "Better evidence: texts of any agreements, trade and investment figures, later "
    "archives or memoirs, and independent reporting.",
], {"kinds of source": r"news|agenc|state media|official|government|reuters|afp|vna",
    "limits of visits and words": r"private|rhetoric|language|speech|substance|words",
    "testability": r"falsif|refut|negative|too soon|short|test",
    "better evidence": r"archive|trade|agreement|text|independent|memoir|figure"}),
         objective="06-O3")


# --- tasks without code (tagged no-code): reading the recode explorer and a document -------

# 06.11: phase 04 recoded with interests partly shared (+1) instead of divergent (−1).
register("06.11", Choice(lens.RELATIONSHIPS, lambda: lens.predict(2, 1)), objective="O2")

# 06.12: document D23 (the talks of 9 October 2025): the country Kim thanked for its help.
register("06.12", Words(["Vietnam", "Viet Nam", "Việt Nam", "Socialist Republic of Vietnam",
                         "SRV"], "country", mistakes={
    "North Korea": "That is Kim's own country: which country had helped it?",
    "DPRK": "That is Kim's own country: which country had helped it?"}), objective="O4")


# 06.13 (no code, in the lesson's core): weigh H04, another historian's reading of these
# years, against Vu: a verdict (agrees, qualifies, disagrees) and the evidence.
register("06.13", weighing("Đỗ Diệu Khuê", [
    "Đỗ Diệu Khuê places a key source of the discord in how each side saw the other's "
    "record in building a nation and reunifying it: rivalry and pride, not only policy.",
    'Vu explains every phase by two factors, party ideology and state interests [¶4].',
    "The overlap: Hanoi's claim of ideological superiority over Juche after 1975 [¶6] is "
    "close to her rivalry over achievements; a strong answer says whether that rivalry is"
    " ideology, interest, or a third factor the lens leaves out.",
    "The course's reading: she qualifies Vu (like him, she places the damage in Cambodia, "
    "and adds a rivalry of comparison); 'disagrees' can be argued if that rivalry was the "
    "main source. The excerpt is the study's summary, so the argument itself must be read.",
], r"percep|nation-building|reunific|pride|envy"), objective="O5")
