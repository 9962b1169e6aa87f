"""The historian's lab: events a student adds, and what they change in the argument.

A student adds an event the course does not record (a date, the pair of states it
concerns, its bearing on their relations from −2 to +2, a title, who says so and where
to find it). Each field is checked by the course's own schema for ``data/events.csv``
(:func:`comrades.data.check_cell`), plus what a student's row needs besides: a date from
1945 to today, one of the pairs the course scores, a source and an address.

Student events are an **overlay**. They are saved in the student's progress (kind
:data:`comrades.items.LAB_EVENT`, lesson ``L``, status *submitted*, so the teacher
receives them with the rest of the export) and read back only here, by the lab's views:
``data.events()``, every check and every grade ignore them. Withdrawing an event saves a
second row; nothing saved is ever removed.

:func:`difference` sets one event beside the course's record: the pair's score that
year and the course's events that year; for Vietnam–North Korea, the phase the date falls
in, its coding, the lens's prediction, and the average bearing of the phase's bilateral
events with and without the student's own.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import asdict, dataclass
from typing import Any

import pandas as pd

from comrades import data, lens, progress, status, vocab
from comrades.answers import from_record, to_record
from comrades.items import LAB_EVENT, LAB_LESSON
from comrades.scores import scores_of

FIELDS = ("date", "pair", "bearing", "title", "source", "address")
ADDED, WITHDRAWN = "added", "withdrawn"
FIRST_YEAR = 1945
MAX_SOURCE = 300
BILATERAL = "VNM-PRK"
BEARING_WORDS = {-2: "sharply cooled", -1: "cooled", 0: "left unchanged (it is context)",
                 1: "warmed", 2: "sharply warmed"}
_DATE = re.compile(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")


@dataclass(frozen=True)
class StudentEvent:
    """One event a student added, checked; ``item`` is its id in the progress file."""

    item: str
    date: str        # YYYY-MM-DD (the first of the month or year when less is known)
    precision: str   # "day", "month" or "year"
    pair: str        # a dyad of data/relations.csv, e.g. "VNM-PRK"
    bearing: int
    title: str
    source: str
    address: str

    @property
    def year(self) -> int:
        return int(self.date[:4])

    @property
    def when(self) -> str:
        day = pd.Timestamp(self.date)
        return vocab.when(day, day, self.precision)


def pairs() -> tuple[str, ...]:
    """The pairs a student event may concern: those the course scores year by year."""
    return tuple(dict.fromkeys(data.relations()["dyad"]))


def _read_date(text: str) -> tuple[str, str, str]:
    """(YYYY-MM-DD, precision, problem) from "1988", "1988-09" or "1988-09-12"."""
    match = _DATE.fullmatch(text.strip())
    if not match:
        return "", "", "write the date as 1988, 1988-09 or 1988-09-12"
    year, month, day = match.groups()
    precision = "day" if day else "month" if month else "year"
    full = f"{year}-{int(month or 1):02d}-{int(day or 1):02d}"
    value, problem = data.check_cell("events", "start_date", full)
    if problem:
        return "", "", problem
    if not FIRST_YEAR <= value.year or value.date() > dt.date.today():
        return "", "", f"the course runs from {FIRST_YEAR} to today"
    return full, precision, ""


def check_event(fields: dict[str, object]) -> tuple[dict[str, Any], dict[str, str]]:
    """The fields of a new event, read and checked: ``(clean, problems by field)``."""
    text = {name: str(fields.get(name) or "").strip() for name in FIELDS}
    clean: dict[str, Any] = {}  # text fields and a whole-number bearing: StudentEvent's
    problems: dict[str, str] = {}
    clean["date"], clean["precision"], problems["date"] = _read_date(text["date"])
    if text["pair"] not in pairs():
        problems["pair"] = "choose one of the pairs the course scores"
    clean["pair"] = text["pair"]
    bearing, problems["bearing"] = data.check_cell("events", "bearing", text["bearing"])
    clean["bearing"] = bearing
    clean["title"], problems["title"] = data.check_cell("events", "title", text["title"])
    clean["source"] = text["source"]
    if not text["source"]:
        problems["source"] = "needed: who reports it (a newspaper, an archive, a historian)"
    elif len(text["source"]) > MAX_SOURCE:
        problems["source"] = f"keep it under {MAX_SOURCE} characters"
    clean["address"] = text["address"]
    if not text["address"]:
        problems["address"] = "needed: a web address or a library reference"
    elif len(text["address"]) > MAX_SOURCE:
        problems["address"] = f"keep it under {MAX_SOURCE} characters"
    elif re.match(r"[a-z][a-z0-9+.-]*:", text["address"], re.I) and \
            not re.match(r"https?://\S+$", text["address"], re.I):
        problems["address"] = "a web address starts with https:// or http://"
    return clean, {name: why for name, why in problems.items() if why}


def _saved() -> list[dict]:
    return [row for row in progress.results() if row.get("kind") == LAB_EVENT]


def add(fields: dict[str, object]) -> tuple[StudentEvent | None, dict[str, str]]:
    """Check and save a new event; ``(event, {})``, or ``(None, problems by field)``."""
    clean, problems = check_event(fields)
    if problems:
        return None, problems
    taken = {row["item"] for row in _saved()}
    number = 1 + max((int(i.split(".")[1]) for i in taken), default=0)
    item = f"{LAB_LESSON}.{number}"
    saved = progress.record(LAB_LESSON, item, LAB_EVENT, False, answer=to_record(clean),
                            detail=ADDED, status=status.SUBMITTED)
    if not saved:
        return None, {"save": "not saved: see the warning above, then press Add again"}
    return StudentEvent(item, **clean), {}


def withdraw(item: str) -> bool:
    """Leave an event out of the lab's views; its rows stay saved, for the teacher too."""
    latest = {row["item"]: row for row in _saved()}
    if item not in latest:
        return False
    return progress.record(LAB_LESSON, item, LAB_EVENT, False, answer=latest[item]["answer"],
                           detail=WITHDRAWN, status=status.SUBMITTED)


def from_row(item: str, answer: str) -> StudentEvent | None:
    """An event as saved, checked again (a hand-edited row that fails is left out)."""
    kept = from_record(answer)
    if not isinstance(kept, dict):
        return None
    date = str(kept.get("date", ""))
    typed = {"year": date[:4], "month": date[:7]}.get(str(kept.get("precision")), date)
    clean, problems = check_event({**kept, "date": typed,
                                   "bearing": str(kept.get("bearing", ""))})
    if problems:
        return None
    return StudentEvent(item, **clean)


def my_events() -> list[StudentEvent]:
    """The student's events that are not withdrawn, in date order."""
    latest: dict[str, dict] = {}
    for row in _saved():
        latest[row["item"]] = row
    events = [from_row(item, row["answer"]) for item, row in latest.items()
              if row.get("detail") != WITHDRAWN]
    return sorted((e for e in events if e), key=lambda e: (e.date, e.item))


# --- the overlay: the course's tables with the student's events added --------------------

YOURS = "yours"


def overlay(mine: list[StudentEvent]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(events, sources)``: the course's tables with ``mine`` added, for the lab's views
    only. Each student event is titled "Yours: …" and cites its own source."""
    events, sources = data.events(), data.sources()
    rows, cited = [], []
    for event in mine:
        source_id = f"{YOURS}_{event.item.split('.')[1]}"
        day = pd.Timestamp(event.date)
        rows.append({"event_id": event.item, "start_date": day, "end_date": day,
                     "precision": event.precision, "phase": phase_of(event.year),
                     "title": f"Yours: {event.title}", "summary": event.title,
                     "actors": event.pair.replace("-", ";"), "category": "diplomacy",
                     "scope": "bilateral" if event.pair == BILATERAL else "regional",
                     "bearing": event.bearing if event.pair == BILATERAL else 0,
                     "source_ids": source_id, "paras": None, "notes": event.address})
        cited.append({"source_id": source_id, "kind": YOURS,
                      "author": f"your source: {event.source}", "title": event.title,
                      "year": None, "url": event.address})
    if rows:
        events = _appended(events, rows)
        sources = _appended(sources, cited)
    return events, sources


def _appended(table: pd.DataFrame, rows: list[dict]) -> pd.DataFrame:
    """``table`` with ``rows`` added, each column keeping the table's type."""
    added = pd.DataFrame(rows, columns=table.columns).astype(table.dtypes.to_dict())
    return pd.DataFrame({column: pd.concat([table[column], added[column]], ignore_index=True)
                         for column in table.columns})


def phase_of(year: int) -> str:
    """The phase a year falls in; a year where two phases meet (1954) is the later one's."""
    phases = data.phases().sort_values("phase")
    inside = phases[(phases["start_year"] <= year) & (year <= phases["end_year"])]
    if inside.empty:
        return str(phases["phase"].iloc[-1 if year > phases["end_year"].max() else 0])
    return str(inside["phase"].iloc[-1])


# --- what one event changes -------------------------------------------------------------

@dataclass(frozen=True)
class Difference:
    """One student event beside the course's record (see :func:`difference`)."""

    event: StudentEvent
    score: int | None                 # the course's score of the pair in that year
    year_events: tuple[str, ...]      # the course's events of the pair that year
    phase: str
    recorded: str                     # the relationship the course codes for the phase
    predicted: str                    # what the lens predicts from the phase's coding
    phase_count: int                  # the course's bilateral events in the phase
    phase_mean: float | None          # their average bearing
    with_mine: float | None           # the average with every student event of the phase
    mine_in_phase: int

    def sentences(self) -> list[str]:
        """What the event changes, in plain words (text, to be escaped where shown)."""
        e = self.event
        name = vocab.dyad_name(e.pair, e.year)
        said = [f"Your event of {e.when} {BEARING_WORDS[e.bearing]} {name} relations."]
        if self.score is None:
            said.append(f"The course has no score for {name} in {e.year}.")
        else:
            said.append(f"The course scores {name} in {e.year} at "
                        f"{vocab.score_text(self.score)}, from "
                        f"{_count(len(self.year_events), 'event')} of its own that year.")
            said.append(_against(e.bearing, self.score))
        if e.pair != BILATERAL:
            said.append("The phases and the lens code Vietnam–North Korea only, so this "
                        "event moves no phase average.")
            return said
        said.append(f"It falls in phase {self.phase}, which the course codes "
                    f"“{self.recorded}”; the lens predicts “{self.predicted}” from its "
                    "coding of ideology and interests.")
        if self.phase_mean is None:
            said.append("The course records no bilateral event in this phase.")
        else:
            said.append(f"The course's {self.phase_count} bilateral events of the phase "
                        f"average {_signed(self.phase_mean)}; with your "
                        f"{_count(self.mine_in_phase, 'event')}, {_signed(self.with_mine)}.")
        said.append("If your event shows ideology or interests differently from the "
                    "course's coding, recode the phase in the recode explorer (lesson 06, "
                    "section 2) and see what the lens then predicts.")
        return said


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _signed(value: float | None) -> str:
    """An average bearing as printed: +0.25, −1.10, 0."""
    if value is None or math.isnan(value):
        return "nothing"
    text = f"{value:+.2f}".replace("-", vocab.MINUS)
    return "0" if text in ("+0.00", f"{vocab.MINUS}0.00") else text


def _against(bearing: int, score: int) -> str:
    if bearing == 0:
        return "As context, it moves nothing by itself."
    if score == 0 or (bearing > 0) == (score > 0):
        return ("It points the same way as the course's score." if score else
                "The course scores that year as neutral: your event suggests a change.")
    return ("It pulls against the course's score: is it an exception, or a change the "
            "course's record misses?")


def difference(event: StudentEvent, mine: list[StudentEvent] | None = None) -> Difference:
    """``event`` beside the course's record; ``mine`` (by default :func:`my_events`) are
    the student's events that count in the phase average with it."""
    mine = my_events() if mine is None else mine
    if event not in mine:
        mine = [*mine, event]
    course = data.events()
    score = scores_of(data.relations()).at(event.pair, event.year)
    left, right = event.pair.split("-")
    same_year = course[course["start_date"].dt.year == event.year]
    year_events = tuple(str(e.event_id) for e in same_year.itertuples()
                        if {left, right} <= set(data.split_list(e.actors))
                        or (event.pair == BILATERAL and e.scope == "bilateral"))
    phase = phase_of(event.year)
    row = data.phases().set_index("phase").loc[phase]
    bilateral = course[(course["phase"] == phase) & (course["scope"] == "bilateral")]
    bearings = [float(b) for b in bilateral["bearing"]]
    own = [float(e.bearing) for e in mine
           if e.pair == BILATERAL and phase_of(e.year) == phase]
    return Difference(
        event, score, year_events, phase, str(row["relationship"]),
        lens.predict(int(row["ideology_score"]), int(row["interest_score"])),
        len(bearings), sum(bearings) / len(bearings) if bearings else None,
        (sum(bearings) + sum(own)) / (len(bearings) + len(own)) if bearings or own else None,
        len(own))


def as_row(event: StudentEvent) -> dict[str, object]:
    """An event as a row of the lab's table (plain values)."""
    return {"id": event.item, **{k: v for k, v in asdict(event).items() if k != "item"}}
