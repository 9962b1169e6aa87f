"""Issue 24.1: markup in any free-text cell of any table reaches every surface that shows
the tables as text, never as live HTML.

A copy of data/ gets an image with an ``onerror`` handler and a script appended to every
non-empty cell of every free-text column (a string column without a pattern or a list of
allowed values, so the copy still loads), and the course renders what a student sees:
every explorer, every lesson's documents and historians, every table, both maps, the
historian's lab and a lesson's page of the reading site. Each page of HTML is parsed; an
injected tag must not be among its elements. (The handouts are tested with hostile text
in ``tests/test_handouts.py``.)
"""

from __future__ import annotations

import html.parser
import json
import shutil

import pytest
from conftest import DATA

MARK = ' <img src=x onerror="alert(1)"><script>alert(2)</script>'


class _LiveMarkup(html.parser.HTMLParser):
    """Collects what the injected markup would become if it were live."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.live: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if "onerror" in values or (tag == "img" and values.get("src") == "x"):
            self.live.append(f"<{tag} {values}>")
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script and "alert(2)" in data:
            self.live.append(f"<script>{data[:60]}")


def live_markup(page: str) -> list[str]:
    parser = _LiveMarkup()
    parser.feed(page)
    parser.close()
    return parser.live


def test_the_detector_finds_live_markup_and_passes_escaped_text():
    assert live_markup(f"<p>{MARK}</p>")
    assert not live_markup(f"<p>{html.escape(MARK)}</p>")


def _poison(folder, mark: str = MARK) -> int:
    """Append ``mark`` to every free-text cell of every table in ``folder``; the count."""
    import csv

    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    poisoned = 0
    for resource in package["resources"]:
        free = [f["name"] for f in resource["schema"]["fields"]
                if f.get("type", "string") == "string"
                and not {"pattern", "enum"} & set(f.get("constraints", {}))
                and f["name"] not in _KEYS.get(resource["name"], ())]
        limits = {f["name"]: f.get("constraints", {}).get("maxLength")
                  for f in resource["schema"]["fields"]}
        path = folder / resource["path"]
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        header = list(rows[0])
        for row in rows:
            for column in free:
                if row[column]:
                    limit = limits[column]
                    keep = row[column][: max(limit - len(mark), 1)] if limit else row[column]
                    row[column] = (keep + mark)[:limit] if limit else keep + mark
                    poisoned += 1
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, header, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    return poisoned


# Columns other tables or the course's code look up by value: kept as they are, so the
# copy still loads and every surface still finds its rows. (People's and states' names
# are found in event titles; tests/test_hostile_names.py puts markup in those.)
_KEYS = {"actors": ("actor_id", "name_en", "name_native"), "sources": ("source_id",),
         "glossary": ("term",),
         "phases": ("phase", "ideology", "interests", "relationship"),
         "documents": ("doc_id", "lesson", "lessons", "section", "kind", "language",
                       "course_reading", "date", "accessed"),
         "disputes": ("dispute_id",), "relations": ("dyad",)}


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory):
    from comrades import data

    copy = tmp_path_factory.mktemp("poisoned") / "data"
    shutil.copytree(DATA, copy)
    count = _poison(copy)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COMRADES_DATA_DIR", str(copy))
        patch.setenv("COMRADES_PROGRESS_DIR", str(tmp_path_factory.mktemp("progress")))
        data.refresh_hashes(copy)
        data.clear_cache()
        yield count
        data.clear_cache()


def _pages(outputs) -> list[str]:
    return [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]


def test_the_copy_is_poisoned_and_still_loads(poisoned):
    from comrades import data

    assert poisoned > 500
    assert data.events()["title"].str.endswith(MARK).all()
    assert data.actors()["description"].str.endswith(MARK).any()


EXPLORERS = ("lens_explorer", "peninsulas_explorer", "two_fronts_explorer",
             "realignment_explorer", "hanoi_seoul_explorer", "visits_explorer",
             "recode_explorer")


@pytest.mark.parametrize("name", EXPLORERS)
def test_every_explorer_shows_poisoned_text_as_text(poisoned, name):
    from comrades import widgets

    explorer = getattr(widgets, name)()
    pages = [explorer.summary.value, *_pages(explorer.output.outputs)]
    assert any("alert(1)" in page for page in pages), "the poisoned text is shown"
    for page in pages:
        assert not live_markup(page), name


@pytest.mark.parametrize("lesson", ["01", "02", "03", "04", "05", "06"])
def test_documents_and_historians_show_poisoned_text_as_text(poisoned, lesson):
    from comrades import documents

    pages = [documents.show(lesson).html, documents.show(lesson, extension=True).html,
             documents.historians(lesson).html,
             documents.historians(lesson, extension=True).html]
    assert any("alert(1)" in page for page in pages)
    for page in pages:
        assert not live_markup(page), lesson


def test_every_table_shows_poisoned_text_as_text(poisoned):
    from comrades import data, tables

    for name in data.table_names():
        page = tables.show(data.load(name).head(40)).to_html()
        assert not live_markup(page), name


def test_both_maps_show_poisoned_names_as_text(poisoned):
    from comrades import maps

    for figure in (maps.divided_peninsulas(), maps.indochina()):
        for page in _pages(figure.outputs()):
            assert not live_markup(page)


def test_the_historians_lab_shows_poisoned_text_as_text(poisoned):
    from comrades import lab
    from comrades.widgets.lab import historians_lab

    added, problems = lab.add({"date": "1988-09", "pair": "VNM-PRK", "bearing": "1",
                               "title": "A thaw" + MARK[:60], "source": "VNA" + MARK,
                               "address": "https://example.org/" + MARK})
    assert added is None and "address" in problems, "markup is no web address"
    added, problems = lab.add({"date": "1988-09", "pair": "VNM-PRK", "bearing": "1",
                               "title": "A thaw" + MARK[:60], "source": "VNA" + MARK,
                               "address": "Library" + MARK})
    assert problems == {}
    shown = historians_lab()
    pages = [shown.explorer.summary.value, *_pages(shown.explorer.output.outputs)]
    assert any("alert(1)" in page for page in pages)
    for page in pages:
        assert not live_markup(page)


def test_the_reading_site_shows_poisoned_text_as_text(poisoned, tmp_path):
    """Lesson 03's page (two explorers that once ran script, its documents, its tables)
    and the landing page (the phases), built from the poisoned copy."""
    from comrades.publish import site

    dest = tmp_path / "site"
    site.build(dest, only=["03"])
    pages = sorted(dest.rglob("*.html"))
    assert len(pages) >= 2
    texts = [page.read_text(encoding="utf-8") for page in pages]
    assert any("alert(1)" in text for text in texts), "the poisoned text is on the site"
    for page, text in zip(pages, texts, strict=True):
        assert not live_markup(text), page.name
