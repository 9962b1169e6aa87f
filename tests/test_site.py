"""The reading site (`make site`): pages open offline in Chromium, every chart is an
inline SVG, nothing is requested from outside the local server, links resolve, quizzes
show no answers, and each page can be launched.

The site is built once for the module from lesson 00 and lesson 02 with its exercises
(about half a minute); `make site` builds every notebook with the same code and fails
on a broken link itself.
"""

from __future__ import annotations

import functools
import html
import http.server
import re
import threading
from pathlib import Path

import pytest
from conftest import REPO

from comrades import quiz
from comrades.publish import site
from comrades.publish.course import pages

CHROMIUM = Path("/usr/bin/chromium")
ONLY = ["00", "02"]
GITHUB = "https://github.com/example-org/close-allies"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    dest = tmp_path_factory.mktemp("site") / "site"
    report = site.build(dest, repo=GITHUB, only=ONLY)
    return dest, report


@pytest.fixture(scope="module")
def server(built):
    dest, _ = built
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(dest))
    handler.log_message = lambda *a: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}"
    finally:
        httpd.shutdown()


def _html_pages(dest: Path) -> list[Path]:
    return sorted(dest.rglob("*.html"))


def test_every_chosen_notebook_has_a_page_and_ran_without_errors(built):
    dest, report = built
    expected = [p for p in pages(REPO) if p.stem[:2] in ONLY]
    assert expected
    for page in expected:
        assert (dest / page.path.with_suffix(".html")).is_file(), page.path
    assert report["errors"] == {}


def test_no_script_or_stylesheet_points_off_the_site_and_links_resolve(built):
    dest, _ = built
    assert site.link_problems(dest) == []
    for page in _html_pages(dest):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"<script[^>]+src=", text), page
        assert not re.search(r"<link[^>]+href=\"https?:", text), page
        assert "@import" not in text and "url(http" not in text
        assert "application/vnd.vegalite" not in text and "&lt;Chart:" not in text, page


def test_link_check_catches_a_broken_link_and_a_remote_script(built, tmp_path):
    dest, _ = built
    page = tmp_path / "page.html"
    page.write_text('<a href="missing.html">x</a><script src="https://cdn.example/x.js">'
                    '</script><link rel="stylesheet" href="https://cdn.example/s.css">'
                    '<a href="https://example.org">fine</a>')
    problems = "\n".join(site.link_problems(tmp_path))
    assert "missing.html is missing" in problems
    assert "script loads https://cdn.example/x.js" in problems
    assert "link loads https://cdn.example/s.css" in problems
    assert "example.org" not in problems
    odd = tmp_path / "odd.html"  # quoted otherwise, or not at all, or in capitals
    odd.write_text("<A HREF=gone.html>x</A><IMG SRC='https://cdn.example/i.png'>"
                   "<script src='https://cdn.example/y.js'></script><link href=&#x27;z.css>")
    problems = "\n".join(site.link_problems(tmp_path))
    for said in ("a href=gone.html is missing", "img loads https://cdn.example/i.png",
                 "script loads https://cdn.example/y.js", "link href='z.css is missing"):
        assert said in problems, said


def test_quizzes_show_questions_without_answers(built):
    dest, _ = built
    for lesson in ONLY:
        [page] = dest.glob(f"notebooks/{lesson}_*.html")
        text = html.unescape(page.read_text(encoding="utf-8"))
        flat = " ".join(text.split())
        for question in quiz.load_bank(lesson):
            assert " ".join(question.prompt.split()) in flat, question.id
            assert " ".join(question.explanation.split())[:50] not in flat, question.id
        assert "Answer shown" not in text and "Why:" not in text


def test_each_page_has_binder_and_hub_launch_links(built):
    dest, _ = built
    for page in (p for p in pages(REPO) if p.stem[:2] in ONLY):
        text = (dest / page.path.with_suffix(".html")).read_text(encoding="utf-8")
        binder = f"https://mybinder.org/v2/gh/example-org/close-allies/HEAD?urlpath=lab/tree/{page.path.as_posix()}"
        assert html.escape(binder) in text
        assert "branch=student" in html.unescape(text) and "hub-form" in text


def test_landing_page_maps_the_course(built):
    dest, _ = built
    text = (dest / "index.html").read_text(encoding="utf-8")
    for page in (p for p in pages(REPO) if p.kind == "lesson" and p.stem[:2] in ONLY):
        assert f'href="{page.path.with_suffix(".html").as_posix()}"' in text
    assert "1954–1973" in text and "exercises/02_" in text


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium")
def test_pages_open_offline_with_every_chart_an_svg(built, server):
    from playwright.sync_api import sync_playwright

    dest, _ = built
    outside: list[str] = []

    def route(r):
        if r.request.url.startswith(server):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        context = browser.new_context()
        context.route("**/*", route)
        tab = context.new_page()
        errors: list[str] = []
        tab.on("pageerror", lambda e: errors.append(str(e)))
        for path in _html_pages(dest):
            rel = path.relative_to(dest).as_posix()
            response = tab.goto(f"{server}/{rel}", wait_until="load")
            assert response and response.ok, rel
            # The stylesheet applied (it came from the local server).
            assert tab.evaluate("getComputedStyle(document.body).margin") == "0px", rel
            charts = tab.locator("figure.chart")
            for i in range(charts.count()):
                box = charts.nth(i).locator("svg").first.bounding_box()
                assert box and box["width"] > 100 and box["height"] > 50, (rel, i)
                label = charts.nth(i).locator("svg").first.get_attribute("aria-label")
                assert label and label != "Chart", (rel, i)
            if rel.startswith("notebooks/"):
                assert charts.count() >= 1, rel
                # every local link on the page answers
                hrefs = tab.eval_on_selector_all(
                    "a[href]", "els => els.map(e => e.href)")
                for href in {h.split("#")[0] for h in hrefs if h.startswith(server)}:
                    assert context.request.get(href).ok, (rel, href)
        browser.close()
    assert outside == [], outside
    assert errors == [], errors


# --- issue 26.1 and 26.3: real launch links only, and pages that print ------------------------

def test_the_launch_box_shows_real_links_or_nothing():
    from comrades.publish.course import pages as all_pages

    page = next(p for p in all_pages(REPO) if p.stem.startswith("02_"))
    none = site.launch_html(page, repo="", hub_url="")
    assert none == "", "nothing developer-facing when the repository is not known"
    lite = site.launch_html(page, repo="", hub_url="", lite="lite/")
    assert 'href="../lite/lab/index.html?path=notebooks/02_' in lite
    assert "make site" not in lite and "OWNER" not in lite
    full = site.launch_html(page, repo=GITHUB, hub_url="", lite="lite")
    assert "Open in the browser" in full and "Binder" in full and "hub-form" in full
    elsewhere = site.launch_html(page, repo="https://git.example.org/x/course", hub_url="")
    assert "Binder" not in elsewhere and "make site" not in elsewhere


def test_extension_sections_are_marked_for_print(built):
    dest, _ = built
    text = (dest / "notebooks" / "02_allies_against_a_common_enemy.html").read_text()
    assert 'class="cell markdown extension"' in text
    assert "print-note" in text


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium")
def test_a_lesson_prints_its_core_in_about_twelve_pages(built):
    import io

    from playwright.sync_api import sync_playwright
    from pypdf import PdfReader

    dest, _ = built
    page_file = dest / "notebooks" / "02_allies_against_a_common_enemy.html"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        tab = browser.new_page()
        tab.goto(page_file.as_uri())
        pdf = tab.pdf(format="A4")
        browser.close()
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    print(f"lesson 02 prints to {pages} A4 pages")
    assert pages <= 13, f"lesson 02 prints to {pages} A4 pages"
