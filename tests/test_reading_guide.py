"""docs/reading-guide.md is current: every paragraph the course cites, found by its
first words, with the lessons that cite it, and the article's reference and address."""

from __future__ import annotations

import importlib.util
import re

import pytest
from conftest import REPO

spec = importlib.util.spec_from_file_location("reading_guide",
                                              REPO / "tools" / "reading_guide.py")
guide_tool = importlib.util.module_from_spec(spec)
spec.loader.exec_module(guide_tool)
GUIDE = (REPO / "docs" / "reading-guide.md").read_text(encoding="utf-8")


def test_the_guide_is_current():
    assert guide_tool.main(["--check"]) == 0


def test_every_cited_paragraph_has_a_row_with_a_few_first_words_and_its_lessons():
    rows = dict(re.findall(r"^\| ¶(\d+) \| (.*?) … \|", GUIDE, re.M))
    cited = guide_tool.citations()
    assert {int(n) for n in rows} == set(cited)
    assert all(1 <= len(words.split()) <= guide_tool.FIRST_WORDS for words in rows.values())
    assert re.search(r"^\| ¶5 \| .* \| .*\b02\b", GUIDE, re.M)  # lesson 02 cites [¶5]


def test_the_guide_gives_the_article_s_reference_and_address():
    assert "Asia Pacific Bulletin" in GUIDE and "March 2023" in GUIDE
    assert "<https://www.eastwestcenter.org/" in GUIDE


def test_a_new_citation_without_first_words_is_refused(monkeypatch):
    monkeypatch.setattr(guide_tool, "citations", lambda: {10: {"06"}})
    with pytest.raises(SystemExit, match="¶10"):
        guide_tool.render({})


def test_a_guide_missing_a_citation_is_out_of_date(monkeypatch):
    cited = guide_tool.citations()
    monkeypatch.setattr(guide_tool, "citations", lambda: {**cited, 2: {"06"}})
    words = guide_tool.first_words_from_guide(GUIDE) | {2: "Khang X. Vu, a doctoral"}
    assert guide_tool.render(words) != GUIDE


def test_the_syllabus_points_to_the_guide():
    assert "(reading-guide.md)" in (REPO / "docs" / "syllabus.md").read_text(encoding="utf-8")
