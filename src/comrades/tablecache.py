"""The course's tables shared between views, and what views prepare from them, kept once.

``data`` hands out a fresh copy of a table on every call, so that a notebook cannot spoil
the next lesson's table. Views that only read share one copy (:func:`shared`) and the
lookups they prepare from it (:func:`once_per_tables`). Nothing here draws: the scores,
the realignment and the visits are read through it by tasks and explorers alike.
"""

from __future__ import annotations

from comrades import data
from comrades.paths import data_dir

_PREPARED: dict[str, list[tuple[tuple, object]]] = {}


def once_per_tables(build, *tables):
    """``build(*tables)``, computed once per set of table objects (the last few kept).

    An explorer prepares its per-selection lookups from the course's tables when it is
    created; a view function called with the same tables reuses them.
    """
    kept = _PREPARED.setdefault(f"{build.__module__}.{build.__qualname__}", [])
    for key, value in kept:
        if len(key) == len(tables) and all(a is b for a, b in zip(key, tables, strict=True)):
            return value
    value = build(*tables)
    kept[:] = [*kept[-3:], (tables, value)]
    return value


_SHARED: dict[str, tuple[tuple, object]] = {}


def shared(name: str):
    """``data.load(name)`` as one object for as long as its file is unchanged.

    ``data`` hands out a fresh copy on every call (so a notebook cannot spoil the next
    lesson's table); explorers only read, so they share one copy, and
    :func:`once_per_tables` recognises it.
    """
    path = data_dir() / f"{name}.csv"
    stamp = (str(path), path.stat().st_mtime_ns if path.exists() else None)
    kept = _SHARED.get(name)
    if kept is None or kept[0] != stamp:
        kept = _SHARED[name] = (stamp, data.load(name))
    return kept[1]
