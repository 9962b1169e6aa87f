"""Printable handouts (`make handouts`): one PDF of one or two A4 pages per lesson, with
the lesson's own summary, key terms and discussion prompts and the lens organiser."""

from __future__ import annotations

import html
import re
from pathlib import Path

import nbformat
import pytest
from conftest import REPO

from comrades.publish import handouts
from comrades.publish.course import numbered_lessons, section

CHROMIUM = Path("/usr/bin/chromium")
needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium")


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    dest = tmp_path_factory.mktemp("handouts") / "handouts"
    dest.mkdir()
    (dest / "stale.pdf").write_bytes(b"%PDF- from an older build")
    return dest, handouts.build(dest)


@needs_chromium
def test_every_lesson_has_a_handout_of_one_or_two_pages(printed):
    dest, counts = printed
    expected = {f"{p.stem}.pdf" for p in numbered_lessons(REPO)}
    assert expected and set(counts) == expected
    assert {p.name for p in dest.iterdir()} == expected, "an old file was left behind"
    for name in expected:
        pdf = (dest / name).read_bytes()
        assert pdf.startswith(b"%PDF-")
        assert 1 <= handouts.pdf_pages(pdf) <= 2, name
        assert re.search(rb"/MediaBox\s*\[0 0 59[45]\.\d+ 841\.\d+\]", pdf), "not A4"


def test_page_count_is_read_from_the_pdf():
    two = b"%PDF-1.4\n1 0 obj <</Type /Pages /Count 2>>\n2 0 obj <</Type /Page>>\n" \
          b"3 0 obj <</Type/Page /Parent 1 0 R>>\n"
    assert handouts.pdf_pages(two) == 2


@needs_chromium
def test_a_handout_that_runs_long_fails_the_build(tmp_path, monkeypatch):
    root = tmp_path / "course"
    (root / "notebooks").mkdir(parents=True)
    long = "\n".join(f"* point {i}: " + "word " * 40 for i in range(120))
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# 09 · A long lesson\n\n**The question of this "
                                      "lesson:** why so long?"),
        nbformat.v4.new_markdown_cell(f"## Summary\n\n{long}")])
    nbformat.write(notebook, root / "notebooks" / "09_long.ipynb")
    with pytest.raises(SystemExit, match="09_long.pdf"):
        handouts.build(tmp_path / "out", root=root)


@pytest.mark.parametrize("page", numbered_lessons(REPO), ids=lambda p: p.stem[:2])
def test_handout_carries_the_lessons_own_words(page):
    text = handouts.handout_html(page, REPO)
    notebook = nbformat.read(REPO / page.path, as_version=4)
    plain = " ".join(html.unescape(re.sub(r"<[^>]+>", "", text)).split())
    for heading in ("Summary", "Key terms", "Discuss"):
        body = section(notebook, heading)
        assert body, f"{page.path} has no {heading} section"
        first = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", body.splitlines()[0])
        first = re.sub(r"[*`_]", "", first).lstrip("0123456789.- ")
        assert " ".join(first.split())[:30] in plain, (heading, first)
    for factor, _ in handouts.LENS_ROWS:
        assert factor in text
    assert "<script" not in text and "<link" not in text
    assert page.title in html.unescape(text)


def test_handouts_are_linked_from_the_instructor_guide():
    guide = (REPO / "docs" / "instructor-guide.md").read_text(encoding="utf-8")
    for page in numbered_lessons(REPO):
        assert f"(../build/handouts/{page.stem}.pdf)" in guide, page.stem
