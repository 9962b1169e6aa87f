"""Printable handouts: ``python -m comrades.publish.handouts``.

For each lesson in ``notebooks/``, ``build/handouts/NN_name.pdf``: the lesson's question,
its summary and key terms, the two-factor lens organiser to fill in, and its discussion
prompts, all taken from the notebook itself (its *Summary*, *Key terms* and *Discuss*
sections), so a handout never says something the lesson does not. Printed to A4 by the
headless Chromium the browser tests use (``page.pdf``); each must fit on one or two pages,
and the build fails if one does not.
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import sys
import time
from pathlib import Path

import nbformat

from comrades.paths import REPO_ROOT
from comrades.publish.course import Page, numbered_lessons, section
from comrades.publish.render import markdown_html

CHROMIUM = "/usr/bin/chromium"
MAX_PAGES = 2
LENS_ROWS = (
    ("Party ideology", "shared, contested or absent? Who held it?"),
    ("State interests", "shared, divergent or opposed? Over what?"),
    ("The relationship", "alliance, cordial, measured, estranged or hostile?"),
)


def handout_html(page: Page, root: Path = REPO_ROOT) -> str:
    """One lesson's handout as a standalone HTML page (no external files)."""
    notebook = nbformat.read(root / page.path, as_version=4)

    def block(heading: str) -> str:
        text = section(notebook, heading)
        # Links cannot be followed on paper: keep their words, drop the address.
        return markdown_html(text, lambda href: "") if text else ""

    rows = "".join(
        f"<tr><th scope='row'>{name}<br><small>{hint}</small></th><td></td><td></td></tr>"
        for name, hint in LENS_ROWS)
    question = f"<p class='question'>{html.escape(page.question)}</p>" if page.question else ""
    parts = [f"<h1>{html.escape(page.title)}</h1>", question]
    for heading, css in (("Summary", "summary"), ("Key terms", "terms")):
        body = block(heading)
        if body:
            parts.append(f"<section class='{css}'><h2>{heading}</h2>{body}</section>")
    parts.append(
        "<section class='organiser'><h2>The two-factor lens: your reading of this phase</h2>"
        "<p>Code each factor from the evidence, and cite it (event id or [¶N]).</p>"
        "<table><thead><tr><th scope='col'>Factor</th><th scope='col'>Your coding</th>"
        f"<th scope='col'>Evidence (event, ¶)</th></tr></thead><tbody>{rows}</tbody></table>"
        "<p class='lines'><strong>Does the lens explain this phase? Where is it strong, "
        "where weak?</strong></p><div class='write'></div></section>")
    prompts = block("Discuss")
    if prompts:
        parts.append(f"<section class='discuss'><h2>Discuss</h2>{prompts}</section>")
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            f"<title>{html.escape(page.title)}</title><style>{STYLE}</style></head><body>"
            + "".join(parts) +
            "<footer>Close Allies, Distant Comrades · handout · content CC BY 4.0</footer>"
            "</body></html>")


STYLE = """
@page { size: A4; margin: 14mm 15mm; }
body { font: 10.5pt/1.38 "DejaVu Sans", "Noto Sans", sans-serif; color: #000; }
h1 { font-size: 17pt; margin: 0 0 0.2em; }
h2 { font-size: 12pt; margin: 0.8em 0 0.3em; border-bottom: 1px solid #888; }
.question { font-style: italic; margin: 0 0 0.4em; }
ul, ol { margin: 0.2em 0; padding-left: 1.4em; }
li { margin: 0.1em 0; }
p { margin: 0.3em 0; }
code { font-size: 9.5pt; }
.organiser { break-inside: avoid; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #444; padding: 0.3em 0.4em; text-align: left; vertical-align: top; }
tbody th { width: 24%; }
tbody td { height: 4.6em; }
tbody th small { font-weight: normal; color: #333; }
.write { border: 1px solid #444; height: 8em; }
footer { margin-top: 1em; font-size: 8pt; color: #444; }
"""


def pdf_pages(pdf: bytes) -> int:
    """The number of pages of a PDF Chromium printed (its page objects)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def build(dest: Path, root: Path = REPO_ROOT) -> dict[str, int]:
    """Print every lesson's handout into ``dest`` (replaced); returns pages per file."""
    from playwright.sync_api import sync_playwright

    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    counts: dict[str, int] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        context = browser.new_context()
        # Nothing leaves the page: a handout is built from the notebook alone.
        context.route("**/*", lambda route: route.abort()
                      if not route.request.url.startswith(("about:", "data:"))
                      else route.continue_())
        tab = context.new_page()
        for page in numbered_lessons(root):
            tab.set_content(handout_html(page, root), wait_until="load")
            pdf = tab.pdf(format="A4", print_background=True, prefer_css_page_size=True)
            out = dest / f"{page.stem}.pdf"
            out.write_bytes(pdf)
            counts[out.name] = pdf_pages(pdf)
        browser.close()
    too_long = {name: n for name, n in counts.items() if not 1 <= n <= MAX_PAGES}
    if too_long:
        raise SystemExit(f"Handouts longer than {MAX_PAGES} pages: {too_long}")
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dest", type=Path, default=REPO_ROOT / "build" / "handouts")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    for name, pages in build(args.dest).items():
        print(f"{pages} page{'s' if pages > 1 else ''}  {args.dest / name}")
    print(f"wrote {args.dest} in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
