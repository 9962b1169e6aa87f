"""The yearly dyad scores of ``data/relations.csv`` as plain Python, read once.

Every explorer that speaks about scores asks this module, so a sentence such as
"−2 since 1950" or "the lines change places in 1989" is computed in one place and
tested against the data it describes (``tests/test_explorer_scores.py``):

- :meth:`Scores.at` — the score of a pair in a year (None before its record begins);
- :meth:`Scores.set_in` — the year the score in force in a given year was set;
- :meth:`Scores.changes` — the years a score changed, with the reason and sources;
- :meth:`Scores.steps` — the scores a span of years shows, each with the year it was set;
- :func:`crossings` — the years two lines swap order (a tie is not a swap).

Lookups are dictionary reads, so an explorer can redraw without touching pandas.
"""

from __future__ import annotations

from dataclasses import dataclass

from comrades.tablecache import once_per_tables


@dataclass(frozen=True)
class Change:
    """A year in which a pair's score differs from the year before (or its record begins)."""

    dyad: str
    year: int
    before: int | None  # None: the record begins this year
    after: int
    rationale: str
    source_ids: str


class Scores:
    """All dyads' yearly scores, indexed for constant-time lookups."""

    def __init__(self, relations) -> None:
        self._score: dict[str, dict[int, int]] = {}
        self._changes: dict[str, list[Change]] = {}
        self._reason: dict[tuple[str, int], tuple[str, str]] = {}
        for row in relations.sort_values(["dyad", "year"]).itertuples():
            dyad, year, score = str(row.dyad), int(row.year), int(row.score)
            series = self._score.setdefault(dyad, {})
            before = series.get(year - 1)
            series[year] = score
            rationale = "" if _missing(row.rationale) else str(row.rationale)
            sources = "" if _missing(row.source_ids) else str(row.source_ids)
            if rationale:
                self._reason[dyad, year] = (rationale, sources)
            if before is None or before != score:
                self._changes.setdefault(dyad, []).append(
                    Change(dyad, year, before, score, rationale, sources))

    @property
    def dyads(self) -> tuple[str, ...]:
        return tuple(self._score)

    def years(self, dyad: str) -> tuple[int, int] | None:
        """First and last year of a pair's record, or None if it has none."""
        series = self._score.get(dyad)
        return (min(series), max(series)) if series else None

    def at(self, dyad: str, year: int) -> int | None:
        return self._score.get(dyad, {}).get(int(year))

    def changes(self, dyad: str, start: int, end: int) -> list[Change]:
        """The changes of ``dyad`` in ``start``–``end`` (its first year counts as one)."""
        return [c for c in self._changes.get(dyad, ()) if start <= c.year <= end]

    def set_in(self, dyad: str, year: int) -> Change | None:
        """The change that set the score in force in ``year`` (None before the record)."""
        found = None
        for change in self._changes.get(dyad, ()):
            if change.year > year:
                break
            found = change
        return None if self.at(dyad, year) is None else found

    def reason(self, dyad: str, year: int) -> tuple[int, str, str] | None:
        """(year, rationale, sources) of the last explained row at or before ``year``."""
        for y in range(int(year), (self.years(dyad) or (year + 1, 0))[0] - 1, -1):
            if (dyad, y) in self._reason:
                return (y, *self._reason[dyad, y])
        return None

    def steps(self, dyad: str, start: int, end: int) -> list[tuple[int, int]]:
        """(year set, score) for each score the years ``start``–``end`` show, in order.

        The first step carries the year its score was really set, which may be before
        ``start``: PRK-USA in 1974–1975 is ``[(1950, -2)]``, "−2 since 1950".
        """
        first_year = max(start, (self.years(dyad) or (end + 1, 0))[0])
        if first_year > end:
            return []
        opening = self.set_in(dyad, first_year)
        steps = [(opening.year, opening.after)] if opening else []
        steps += [(c.year, c.after) for c in self.changes(dyad, first_year + 1, end)]
        return steps

    def series(self, dyad: str, start: int, end: int) -> list[tuple[int, int]]:
        """(year, score) for every year of ``start``–``end`` the record covers."""
        scores = self._score.get(dyad, {})
        return [(y, scores[y]) for y in range(start, end + 1) if y in scores]


def _missing(value) -> bool:
    return value is None or str(value) in ("", "<NA>", "nan", "None")


def scores_of(relations) -> Scores:
    """A :class:`Scores` for a relations table, built once per table object."""
    return once_per_tables(Scores, relations)


def crossings(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> list[int]:
    """Years in which line ``a`` and line ``b`` swap order, over the years both cover.

    A swap is a change of strict order: a above b, then b above a (with or without
    years level between). Lines that meet and part the way they came do not swap; the
    year reported is the first in which the new order shows.
    """
    right = dict(b)
    last_sign, found = 0, []
    for year, score in a:
        if year not in right:
            continue
        sign = (score > right[year]) - (score < right[year])
        if sign == 0:
            continue
        if last_sign and sign != last_sign:
            found.append(year)
        last_sign = sign
    return found


def level_years(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> list[int]:
    """Years in which the two lines have the same score."""
    right = dict(b)
    return [year for year, score in a if right.get(year) == score]
