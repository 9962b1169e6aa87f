"""High-level visits between Hanoi and Pyongyang, derived from the events, with the
rules that classify them: the table behind notebook 05's explorer
(``comrades.widgets.visits``) and task 05.10, apart from any drawing.

The visits are not a table of their own: they are *derived* from ``data/events.csv`` by
:func:`classify_visits`, whose rules are written out below so that a student can read,
test and dispute them.

Which events count as a visit
    A bilateral (``scope``) diplomacy (``category``) event whose title says that a named
    person went somewhere: it contains "visit", "visits", "in Hanoi" or "in Pyongyang",
    *and* names one of the event's person actors (English or native spelling). A joint
    statement "signed in Hanoi" names no person, so it is not a visit; Kim Jong-un's
    arrival at Đồng Đăng (E094) says "arrives", so his 2019 trip counts once, as E096.

Direction
    Read from the title's destination: North Korea or Pyongyang means Hanoi → Pyongyang;
    (North) Vietnam or Hanoi means Pyongyang → Hanoi. It is cross-checked against the
    visitor's side, taken from the language of the visitor's native name in
    ``actors.csv`` (``vi`` or ``ko``). If the two disagree, or the title names no
    destination, the direction is "unclear" rather than guessed.

Level
    From the event's own words first (title, then summary): "foreign minister" →
    foreign minister; "head of state", "party chief", "general secretary", "leader",
    "president" or "chairman" → head of state/party; "premier" or "prime minister" →
    other (a head of government is not a head of state or party). Only if the event says
    nothing is the visitor's description in ``actors.csv`` read for the head-of-state
    words; everything else is "other". The event comes first because people change
    office: Kim Yong-nam came as foreign minister in 1992 and as nominal head of state
    in 2001.

The data record only the visits the course could source (see data/README.md, "Left
out"): the count is of *recorded* visits, not of every visit that took place.
"""

from __future__ import annotations

import re

import pandas as pd

from comrades import data

TO_PYONGYANG, TO_HANOI, UNCLEAR = "Hanoi → Pyongyang", "Pyongyang → Hanoi", "unclear"
DIRECTIONS = (TO_HANOI, TO_PYONGYANG)
HEAD, MINISTER, OTHER = "head of state/party", "foreign minister", "other"
LEVELS = (HEAD, MINISTER, OTHER)
ALL = "all"
KIM_2019 = "E096"  # Kim Jong-un's official friendship visit, 1-2 March 2019
HANOI_SUMMIT = "E095"  # the Trump-Kim summit of 27-28 February 2019
FIRST_YEAR, LAST_YEAR = 1950, 2025

_VISIT_WORDS = re.compile(r"\bvisits?\b|\bin (?:Hanoi|Pyongyang)\b", re.I)
_DESTINATION = re.compile(
    r"(?:\bvisits?\b(?: to)?|\bin)\s+(North Korea|Pyongyang|North Vietnam|Vietnam|Hanoi)\b",
    re.I)
_TO_PYONGYANG_PLACES = ("north korea", "pyongyang")
_SIDE_OF_LANGUAGE = {"vi": "Vietnam", "ko": "North Korea"}
_MINISTER_WORDS = re.compile(r"\bforeign minister\b", re.I)
_HEAD_WORDS = re.compile(r"\bhead of state\b|\bparty chief\b|\bgeneral secretary\b|"
                         r"\bleader\b|\bpresident\b|\bchairman\b", re.I)
_GOVERNMENT_WORDS = re.compile(r"\bpremier\b|\bprime minister\b", re.I)

TOP_LEADER = re.compile(r"\bleader of the DPRK\b", re.I)  # actors.csv descriptions

COLUMNS = ["event_id", "date", "year", "direction", "level", "visitor", "visitor_id", "title",
           "phase", "source_ids", "rule"]


def destination(title: str) -> str | None:
    """The direction a visit title points to, or ``None`` if it names no destination."""
    match = _DESTINATION.search(str(title))
    if match is None:
        return None
    return TO_PYONGYANG if match.group(1).lower() in _TO_PYONGYANG_PLACES else TO_HANOI


def visit_level(title: str, summary: str = "", visitor_description: str = "") -> tuple[str, str]:
    """(level, reason): the event's words first, then the visitor's description."""
    for where, text in (("title", title), ("summary", summary)):
        text = str(text or "")
        if _MINISTER_WORDS.search(text):
            return MINISTER, f"'foreign minister' in the {where}"
        if (found := _HEAD_WORDS.search(text)):
            return HEAD, f"'{found.group(0)}' in the {where}"
        if (found := _GOVERNMENT_WORDS.search(text)):
            return OTHER, f"'{found.group(0)}' (head of government) in the {where}"
    if (found := _HEAD_WORDS.search(str(visitor_description or ""))):
        return HEAD, f"'{found.group(0)}' in the visitor's description (actors.csv)"
    return OTHER, "no head-of-state or minister words"


def _visitor(event, people: pd.DataFrame):
    """The first person actor of the event whose name appears in its title."""
    title = str(event.title).casefold()
    for actor_id in data.split_list(event.actors):
        if actor_id not in people.index:
            continue
        person = people.loc[actor_id]
        names = [person["name_en"], person["name_native"]]
        if any(isinstance(n, str) and n and n.casefold() in title for n in names):
            return actor_id, person
    return None, None


def classify_visits(events: pd.DataFrame | None = None,
                    actors: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every recorded high-level visit, one row each, with direction, level and the rule.

    Columns: event_id, date, year, direction, level, visitor, title, phase, source_ids,
    rule (how the row was classified, in words). Oldest first.
    """
    events = data.events() if events is None else events
    actors = data.actors() if actors is None else actors
    people = actors[actors["kind"] == "person"].set_index("actor_id")
    candidates = events[(events["scope"] == "bilateral") & (events["category"] == "diplomacy")
                        & events["title"].fillna("").str.contains(_VISIT_WORDS)]
    rows = []
    for event in candidates.itertuples():
        actor_id, person = _visitor(event, people)
        if actor_id is None:
            continue
        direction = destination(event.title)
        side = _SIDE_OF_LANGUAGE.get(str(person["native_language"]))
        expected = {TO_PYONGYANG: "Vietnam", TO_HANOI: "North Korea"}.get(direction or "")
        if direction is None or side is None or side != expected:
            direction, where = UNCLEAR, "destination and visitor's side do not agree"
        else:
            where = f"destination in the title; visitor from {side}"
        level, why = visit_level(event.title, event.summary, person["description"])
        rows.append({"event_id": event.event_id, "date": event.start_date.date(),
                     "year": int(event.start_date.year), "direction": direction,
                     "level": level, "visitor": person["name_en"], "visitor_id": actor_id,
                     "title": event.title,
                     "phase": event.phase, "source_ids": event.source_ids,
                     "rule": f"{where}; level: {why}"})
    table = pd.DataFrame(rows, columns=COLUMNS)
    return table.sort_values(["date", "event_id"]).reset_index(drop=True)


def select_visits(visits: pd.DataFrame, direction: str = ALL, level: str = ALL,
                  years: tuple[int, int] = (FIRST_YEAR, LAST_YEAR)) -> pd.DataFrame:
    """The visits of one direction and level (or ``"all"``) within a range of years."""
    start, end = sorted(int(y) for y in years)
    chosen = visits[visits["year"].between(start, end)]
    if direction != ALL:
        chosen = chosen[chosen["direction"] == direction]
    if level != ALL:
        chosen = chosen[chosen["level"] == level]
    return chosen.reset_index(drop=True)
