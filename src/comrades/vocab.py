"""The course's shared wording: one place for the words every explorer, check and chart
prints, so that two lessons never describe the same score, state or date differently.

- **Scores** of ``data/relations.csv`` (−2 … +2): :data:`SCORE_WORDS`, :func:`signed`
  (one minus sign, U+2212, everywhere) and :func:`score_text` ("+1 (friendly)").
- **States and pairs** named from ``data/actors.csv``: :func:`state_name` gives the
  plain name a legend shows ("North Korea", not "North Korea (DPRK)"), :func:`dyad_name`
  a pair ("Vietnam–North Korea"); :func:`region_of` says which peninsula an actor
  belongs to, from its language in ``actors.csv``.
- **Phase years** from ``data/phases.csv``: :func:`phase_years`.
- **Dates** as precise as the data know them: :func:`when`, :func:`long_day`.

Tables are read through :mod:`comrades.data` (cached), so every answer follows the data.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from comrades import data

# relations.csv's scale (data/README.md, "relations.csv").
SCORE_WORDS = {-2: "hostile or at war", -1: "strained", 0: "none or neutral",
               1: "friendly", 2: "allied"}
MINUS = "−"  # U+2212, the minus sign of every printed score

# relations.csv's SUN stands for the USSR until 1991 and for Russia from 1992
# (data/README.md); an event naming RUS belongs to the same pair.
SUCCESSORS = {"SUN": ("RUS", 1992)}

# Which peninsula an actor belongs to, from the language actors.csv records for it:
# Korean actors (both Koreas, their parties and leaders) and Indochinese ones (the two
# Vietnams, Cambodia, Laos, their parties, movements and leaders).
REGION_OF_LANGUAGE = {"ko": "Korea", "vi": "Indochina", "km": "Indochina",
                      "lo": "Indochina"}

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
           "Dec")


# --- scores ------------------------------------------------------------------------------

def signed(score) -> str:
    """+1, 0, −2: a score as the course prints it (a true minus sign, never a hyphen)."""
    score = int(score)
    return "0" if score == 0 else f"+{score}" if score > 0 else f"{MINUS}{-score}"


def score_text(score) -> str:
    """'+1 (friendly)', '−2 (hostile or at war)'."""
    return f"{signed(score)} ({SCORE_WORDS[int(score)]})"


def alignment_options() -> list[tuple[str, int]]:
    """The two-factor lens's scale as (label, value) pairs for a control: 'shared (+2)'."""
    from comrades.lens import ALIGNMENT

    return [(f"{label} ({signed(score)})", score) for score, label in ALIGNMENT.items()]


# --- states, pairs and regions ------------------------------------------------------------

@lru_cache(maxsize=1)
def _actors() -> dict[str, dict]:
    table = data.actors()
    return {row.actor_id: {"name": str(row.name_en), "kind": str(row.kind),
                           "language": str(row.native_language)}
            for row in table.itertuples()}


def plain_name(full: str) -> str:
    """'North Korea (DPRK)' -> 'North Korea': the name without its bracketed gloss."""
    return full.split(" (", 1)[0].strip()


def state_name(actor_id: str, year: int | None = None) -> str:
    """The plain English name of an actor in ``actors.csv``; its id when unknown.

    ``SUN`` is "Soviet Union" up to 1991, "Russia" from 1992 (as ``relations.csv``
    uses it), and "Soviet Union/Russia" when no year is given.
    """
    actors = _actors()
    if actor_id in SUCCESSORS:
        successor, since = SUCCESSORS[actor_id]
        own, later = state_name_of(actor_id), state_name_of(successor)
        if year is None:
            return f"{own}/{later}"
        return later if int(year) >= since else own
    return state_name_of(actor_id) if actor_id in actors else actor_id


def state_name_of(actor_id: str) -> str:
    actors = _actors()
    return plain_name(actors[actor_id]["name"]) if actor_id in actors else actor_id


def dyad_name(dyad: str, year: int | None = None) -> str:
    """'VNM-PRK' -> 'Vietnam–North Korea' (an en dash, plain names from actors.csv)."""
    return "–".join(state_name(code, year) for code in dyad.split("-"))


def members(actor_id: str) -> frozenset[str]:
    """The actor ids that count as one side of a pair: ``SUN`` includes ``RUS``."""
    successor = SUCCESSORS.get(actor_id)
    return frozenset({actor_id, successor[0]}) if successor else frozenset({actor_id})


def region_of(actor_id: str) -> str | None:
    """'Korea', 'Indochina' or None (a great power, an organisation, another region)."""
    actor = _actors().get(actor_id)
    return None if actor is None else REGION_OF_LANGUAGE.get(actor["language"])


def regions(actor_ids) -> frozenset[str]:
    """The regions an event's actors belong to (an ``actors`` cell or a list of ids)."""
    ids = data.split_list(actor_ids) if isinstance(actor_ids, str) else list(actor_ids)
    return frozenset(r for r in map(region_of, ids) if r is not None)


# --- phases -------------------------------------------------------------------------------

@lru_cache(maxsize=8)
def phase_years(phase: str) -> tuple[int, int]:
    """(first, last) year of a phase in ``data/phases.csv``: '02' -> (1954, 1973)."""
    table = data.phases()
    row = table[table["phase"] == str(phase)]
    if row.empty:
        raise ValueError(f"no phase {phase!r} in data/phases.csv")
    return int(row["start_year"].iloc[0]), int(row["end_year"].iloc[0])


# --- dates --------------------------------------------------------------------------------

def short_day(date) -> str:
    """'21 Jul 1954'."""
    return f"{date.day} {_MONTHS[date.month - 1]} {date.year}"


def long_day(date) -> str:
    """'18 January 1950'."""
    return f"{date.day} {dt.date(date.year, date.month, 1):%B} {date.year}"


def when(start, end, precision: str) -> str:
    """A date or span as precisely as the data know it.

    '1992 (year only)', '1992–2000 (years only)', 'Oct 1950', 'Oct–Dec 1950',
    '22 Dec 1992', '21–26 Sep 1989', '13 Mar – 7 May 1954', '21 Jul 1954 – 3 Aug 1955'.
    """
    if precision == "year":
        return (f"{start.year} (year only)" if start.year == end.year
                else f"{start.year}–{end.year} (years only)")
    if precision == "month":
        first = f"{_MONTHS[start.month - 1]} {start.year}"
        if (start.year, start.month) == (end.year, end.month):
            return first
        if start.year == end.year:
            return f"{_MONTHS[start.month - 1]}–{_MONTHS[end.month - 1]} {end.year}"
        return f"{first}–{_MONTHS[end.month - 1]} {end.year}"
    if (start.year, start.month, start.day) == (end.year, end.month, end.day):
        return short_day(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {_MONTHS[start.month - 1]} {start.year}"
    if start.year == end.year:
        return f"{start.day} {_MONTHS[start.month - 1]} – {short_day(end)}"
    return f"{short_day(start)} – {short_day(end)}"


def event_when(event) -> str:
    """:func:`when` for a row of ``data.events()`` (anything with the three fields)."""
    return when(event.start_date, event.end_date, event.precision)
