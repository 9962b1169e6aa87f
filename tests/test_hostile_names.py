"""Names from a teacher's own tables are text in every explorer, never markup.

A teacher may point the course at their own data (``COMRADES_DATA_DIR``); a state's name
in ``actors.csv`` then reaches the explorers' summaries, legends and descriptions. Each
explorer's default view, and a few of its other views, is rendered with markup in every
name, and no live tag may come out (issue 24, item 1: two explorers ran script)."""

from __future__ import annotations

import csv
import re

import pytest

HOSTILE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'
LIVE = re.compile(r"<(img|script)\b", re.I)


@pytest.fixture
def hostile_actors(data_copy):
    from comrades import data, vocab

    path = data_copy / "actors.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
        fields = list(rows[0])
    for row in rows:
        row["name_en"] = row["name_en"] + ' ' + HOSTILE
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    data.clear_cache()
    for cached in (getattr(vocab, "_actors", None),):
        if hasattr(cached, "cache_clear"):
            cached.cache_clear()
    yield
    data.clear_cache()
    for cached in (getattr(vocab, "_actors", None),):
        if hasattr(cached, "cache_clear"):
            cached.cache_clear()


def _html_of(explorer) -> str:
    parts = [explorer.summary.value]
    for output in explorer.output.outputs:
        parts.append(str(output.get("data", {}).get("text/html", "")))
    return "\n".join(parts)


EXPLORERS = ["two_fronts_explorer", "realignment_explorer", "hanoi_seoul_explorer",
             "visits_explorer", "peninsulas_explorer", "lens_explorer", "recode_explorer"]


@pytest.mark.parametrize("name", EXPLORERS)
def test_every_explorer_shows_hostile_names_as_text(hostile_actors, name):
    from comrades import vocab, widgets

    assert HOSTILE in vocab.state_name("VNM"), "the fixture did not reach the names"
    explorer = getattr(widgets, name)()
    seen = [_html_of(explorer)]
    # Move each control once, so views other than the default are rendered too.
    for control in explorer.controls.values():
        options = getattr(control, "options", None)
        if options and not isinstance(control.value, tuple) and len(options) > 1:
            values = [o[1] if isinstance(o, tuple) else o for o in options]
            control.value = values[-1] if control.value != values[-1] else values[0]
            seen.append(_html_of(explorer))
    from comrades.widgets.base import KEYS_STAY

    html = "\n".join(seen).replace(KEYS_STAY, "")  # the course's own keyboard script
    assert not LIVE.search(html), LIVE.search(html) and html[
        max(0, LIVE.search(html).start() - 80): LIVE.search(html).start() + 80]
