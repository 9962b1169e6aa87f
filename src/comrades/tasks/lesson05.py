"""Exercise tasks of lesson 05 · Re-engagement and the 2019 visit (2000–2019)."""

from __future__ import annotations

import pandas as pd

from comrades import data, documents, visit_record
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
    rows_problem,
    weighing,
)

PHASE = "05"
PAEK, KIM_2019 = "E080", "E096"
# Task 05.6: six events of the phase, as the exercise lists them (shuffled).
ORDER_IDS = ("E093", "E080", "E089", "E086", "E084", "E098")


def phase_bilateral() -> pd.DataFrame:
    """The bilateral events of phase 05, oldest first."""
    events = data.events()
    chosen = events[(events["phase"] == PHASE) & (events["scope"] == "bilateral")]
    return chosen.sort_values("start_date").reset_index(drop=True)


def days_between() -> int:
    events = data.events().set_index("event_id")
    return int((events.loc[KIM_2019, "start_date"] - events.loc[PAEK, "start_date"]).days)


def people() -> pd.DataFrame:
    """One row per (bilateral event of phase 05, person among its actors)."""
    events = phase_bilateral()[["event_id", "actors"]]
    long = events.assign(actor_id=events["actors"].map(data.split_list)).explode("actor_id")
    joined = long.merge(data.actors()[["actor_id", "kind", "name_en"]], on="actor_id")
    return joined[joined["kind"] == "person"][["event_id", "actor_id", "name_en"]]


def per_phase() -> pd.DataFrame:
    events = data.events()
    bilateral = events[events["scope"] == "bilateral"]
    table = bilateral.groupby("phase").agg(events=("event_id", "size"),
                                           mean_bearing=("bearing", "mean"))
    return table.reset_index()


def chronology() -> list[str]:
    events = data.events().set_index("event_id")
    return sorted(ORDER_IDS, key=lambda e: (events.loc[e, "start_date"], e))


_CHART_ROWS = rows_problem(Table(lambda: phase_bilateral()[["event_id"]],
                                 keys=[Column("event_id", "id")],
                                 what="the bilateral events of phase 05", row="event"))


def chart_rows(frame: pd.DataFrame) -> str:
    """The chart draws the bilateral events of phase 05: by id when it has them."""
    if "event_id" in frame.columns:
        return _CHART_ROWS(frame)
    expected = len(phase_bilateral())
    if len(frame) != expected:
        return (f"it draws {len(frame)} rows, {'more' if len(frame) > expected else 'fewer'} "
                "than the bilateral events of phase 05.")
    return ""


def _keeps_states(frame: pd.DataFrame) -> bool:
    states = set(data.actors().query("kind != 'person'")["actor_id"])
    return any(str(a).strip().upper() in states for a in frame["actor_id"])


register("05.1", Count(lambda: len(phase_bilateral()), f"number of bilateral events of "
                       f"phase {PHASE}", mistakes=[
    Mistake(lambda v: v == (data.events()["phase"] == PHASE).sum(),
            "That counts every event of phase 05; keep only scope == 'bilateral' (the "
            "regional ones are context)."),
    Mistake(lambda v: v == (phase_bilateral()["category"] == "diplomacy").sum(),
            "That counts only diplomacy events; the task asks for every bilateral "
            "category (culture too)."),
    Mistake(lambda v: v == (data.events()["scope"] == "bilateral").sum(),
            "That counts bilateral events of every phase; add phase == '05' (a string, "
            "with the zero)."),
]), objective="P-O1")

register("05.2", Days(days_between, f"number of days from the start of {PAEK} to the "
                      f"start of {KIM_2019}", mistakes=[
    Mistake(lambda v: 15 <= v <= 25, "That looks like years; the task asks for days."),
    Mistake(lambda v: v == -days_between(),
            "The sign is reversed: subtract the earlier date from the later."),
    Mistake(lambda v: v == days_between() + 1,
            "You seem to count both end days: count the difference between the two start "
            "dates."),
]), objective="P-O5")

register("05.3", Table(people, keys=[Column("event_id", "id"), Column("actor_id", "id")],
                       values=[Column("name_en", "text")],
                       what="the people of phase 05's bilateral events",
                       row="event and person",
                       mistakes=[Mistake(_keeps_states, "Your table keeps actors that are "
                                         "not people; keep kind == 'person'.")]), objective="P-O3")

register("05.4", Table(per_phase, keys=[Column("phase", "phase")],
                       values=[Column("events", "whole"),
                               Column("mean_bearing", tolerance=0.05)],
                       what="the bilateral events of each phase, counted and averaged",
                       row="phase", mistakes=[
    Mistake(lambda f: any(str(c) == "n_events" for c in f.columns)
            and "events" not in f.columns, "Call the count column 'events'.")]), objective="P-O2")

register("05.5", Chart(channels=[
    Channel(("x",), ("start_date",), ("temporal",),
            say="put start_date on x, as a date ('start_date:T')"),
    Channel(("color",), say="add a colour encoding, e.g. color='category:N'"),
], rows=chart_rows), objective="P-O6")

register("05.6", Ordering(chronology, labelled=True), objective="05-O1")

register("05.7", Coding(PHASE), objective="05-O4")

register("05.8", FreeText([
    "ideology: both still communist party-states [¶3]; the course reads the Juche "
    "quarrel as eased, since the article records no further clash",
    "interests overlapping in part: reform, the factory visit, tourism (The Amazing "
    "Race Vietnam), investment interest [¶8]",
    "interests limited or divergent: no common enemy, ties with Seoul, the 2004 "
    "defectors (E086), nuclear tests and UN sanctions (E087), the US role [¶9]",
    "so cordial ties (visits, ceremony) but no alliance; evidence cited by event id or ¶",
    "a recoding (e.g. interests 0 → measured) is acceptable if argued from the record",
], {"ideology": r"ideolog|communis|juche", "common ground": r"reform|touris|invest",
    "what pulls apart": r"seoul|defector|sanction|nuclear|enemy",
    "evidence": r"¶\d|e0\d\d|\[\d"}), objective="05-O2")

register("05.9", FreeText([
    "E086 rests on media reports (BBC); neither Seoul nor Hanoi named the departure "
    "country, so Vietnam's role is 'reported', not established",
    "what is solid: the airlift of 468 people and Pyongyang's protest",
    "the visits data hold only sourced visits; the README lists Vietnamese visits to "
    "Pyongyang 1961–2007 as left out, so gaps are gaps in the record",
    "counting visits measures protocol, not substance (trade, aid, agreements)",
    "what further sources would help: official communiqués, Vietnamese and Korean "
    "archives or press, trade statistics",
], {"what the reports establish": r"bbc|report|468|airlift|protest",
    "gaps in the visits data": r"left out|gap|sourced|readme|missing",
    "protocol versus substance": r"protocol|substance|trade|aid",
    "further sources": r"archive|communiqu|press|statistic"}), objective="05-O4")


# --- tasks without code (tagged no-code): reading an explorer and a document ---------------

VISIT_YEARS = (2000, 2019)
register("05.10", Count(lambda: len(visit_record.select_visits(visit_record.classify_visits(),
                                                         years=VISIT_YEARS)),
                        f"number of recorded visits of {VISIT_YEARS[0]}–{VISIT_YEARS[1]}"),
         objective="O3")

# 05.11: how the US–DPRK summit in Hanoi ended, according to document D17.
SUMMIT_OPTIONS = ("A peace treaty was signed",
                  "North Korea agreed to give up its nuclear weapons",
                  "No agreement was reached",
                  "The talks were called off before they began")


def summit_outcome() -> str:
    excerpt = documents.table().set_index("doc_id").at["D17", "excerpt"]
    return SUMMIT_OPTIONS[2] if "No agreement was reached" in excerpt else ""


register("05.11", Choice(SUMMIT_OPTIONS, summit_outcome), objective="O1")


# 05.12 (no code, in the lesson's core): weigh H07, another historian's reading of these
# years, against Vu: a verdict (agrees, qualifies, disagrees) and the evidence.
register("05.12", weighing("Lê Thu Hương", [
    "Lê Thu Hương: there are parallels between Vietnam and North Korea, but the "
    "differences mean North Korea may take inspiration from Vietnam and must still find "
    "its own path.",
    "Vu: North Korea has shown an interest in Vietnam-style market reforms, and Vietnam "
    "could offer expertise and capital if it ever reforms [¶8], [¶9].",
    "Both treat Vietnam as a possible example; she stresses the limits, Vu leaves the "
    "decision to Pyongyang ('if one day').",
    "The course gives no verdict of its own, since her essay is about reform models, not "
    "the two states' relations: 'qualifies' and 'agrees' (neither expects North Korea "
    "simply to copy Vietnam) can both be argued.",
], r"parallel|differen|own path|inspir"), objective="O5")
