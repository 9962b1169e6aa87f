"""The reading site: ``python -m comrades.publish.site [--repo URL] [--hub URL]``.

``build/site/`` holds every lesson and exercise notebook, executed, as a plain HTML page
(``render``), a landing page with the course map, and one stylesheet. Nothing is loaded
from elsewhere: no ``<script src>``, no remote stylesheet or font, charts as inline SVG.
Why not Jupyter Book: version 1 drops Vega-Lite outputs and loads widget code from a
CDN; version 2 (mystmd) fetches its theme at build time and fails offline.

Each page has a *Launch* box: the Binder link (when the course's repository is on
GitHub: ``--repo``, else this clone's ``origin``) and the class-hub link to the
``student`` branch (``--hub``, or a field where a reader types their hub's address).
"""

from __future__ import annotations

import argparse
import html
import html.parser
import json
import os
import shutil
import sys
import time
from pathlib import Path, PurePosixPath
from urllib.parse import quote, urlsplit

import nbformat

from comrades import hub, untrusted
from comrades.paths import REPO_ROOT
from comrades.publish import render
from comrades.publish.course import Page, pages
from comrades.publish.student import BRANCH

TITLE = "Close Allies, Distant Comrades"
HUB_PLACEHOLDER = "https://your-hub.invalid"


def execute(path: Path, timeout: int = 300) -> nbformat.NotebookNode:
    """``path`` run top to bottom in a fresh kernel in its own folder, widget state kept."""
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                            allow_errors=True, store_widget_state=True,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    return notebook


def build(dest: Path, root: Path = REPO_ROOT, repo: str = "", hub_url: str = "",
          only: list[str] | None = None, lite: str = "") -> dict:
    """Write the site into ``dest`` (replaced); returns per-page build seconds and the
    cells that raised (a lesson that raises is reported, and its page still written)."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    course = [p for p in pages(root) if not only or p.stem[:2] in only]
    report: dict = {"pages": {}, "errors": {}}
    for page in course:
        started = time.perf_counter()
        notebook = execute(root / page.path)
        errors = [o.get("ename", "") for c in notebook.cells for o in c.get("outputs", [])
                  if o.get("output_type") == "error"]
        if errors:
            report["errors"][str(page.path)] = errors
        body = render.notebook_html(notebook, _links(page.path, course))
        out = dest / page.path.with_suffix(".html")
        out.parent.mkdir(parents=True, exist_ok=True)
        launch = launch_html(page, repo, hub_url, lite=lite, depth=1)
        out.write_text(_page(page, body, launch, depth=1), encoding="utf-8")
        report["pages"][str(page.path)] = round(time.perf_counter() - started, 1)
    (dest / "index.html").write_text(_page(None, landing_html(course, root), "", depth=0),
                                     encoding="utf-8")
    (dest / "style.css").write_text(STYLE + render.code_css(), encoding="utf-8")
    problems = link_problems(dest, elsewhere=_edition(lite))
    if problems:
        raise SystemExit("Broken links in the site:\n" + "\n".join(problems))
    return report


def _links(page: PurePosixPath | Path, course: list[Page]):
    """Map a link in ``page`` to the site: a course notebook → its page, a web address
    unchanged, anything else (solutions, the guide, data files) → "" (plain text)."""
    known = {p.path.as_posix() for p in course}
    folder = PurePosixPath(page.as_posix()).parent

    def link(href: str) -> str:
        parts = urlsplit(href)
        if parts.scheme or href.startswith(("#", "mailto:")):
            return href
        target = _normalise(folder / parts.path) if parts.path else page.as_posix()
        if target in known:
            rel = os.path.relpath(target, folder.as_posix() or ".")
            return PurePosixPath(rel).with_suffix(".html").as_posix() + (
                f"#{parts.fragment}" if parts.fragment else "")
        return ""

    return link


def _normalise(path: PurePosixPath) -> str:
    out: list[str] = []
    for part in path.parts:
        if part == "..":
            if out:
                out.pop()
        elif part != ".":
            out.append(part)
    return "/".join(out)


def _edition(lite: str) -> str:
    """The in-browser edition's folder beside the site (``lite/``), or ""."""
    lite = (lite or "").strip().strip("/")
    return f"{lite}/" if lite else ""


LAUNCH_LINK = '<a class="launch" href="{{ href }}">{{ words }}</a>'


def launch_html(page: Page, repo: str, hub_url: str, lite: str = "", depth: int = 1) -> str:
    """The Launch box: the in-browser edition (when it is published beside the site),
    Binder and the class hub (the student branch), built by ``comrades.hub`` so the links
    are the ones ``make hub-link`` prints. Only real links: when the repository is not
    known, no Binder or hub item is shown (and no box at all if nothing is left)."""
    path = page.path.as_posix()
    items: list[str] = []  # HTML: rendered links and the hub form
    link = LAUNCH_LINK
    if _edition(lite):
        href = "../" * depth + _edition(lite) + "lab/index.html?path=" + quote(path)
        items.append(untrusted.render(link, href=href, words="Open in the browser (nothing "
                                      "to install)"))
    if repo:
        try:
            items.append(untrusted.render(link, href=hub.binder_link(repo, path),
                                          words="Launch on Binder"))
        except hub.HubLinkError:
            pass  # not on GitHub: Binder cannot build it, so no Binder link
        try:
            if hub_url:
                items.append(untrusted.render(
                    link, href=hub.nbgitpuller_link(hub_url, repo, BRANCH, path),
                    words="Launch on your class hub"))
            else:
                items.append(_hub_form(hub.nbgitpuller_link(HUB_PLACEHOLDER, repo, BRANCH,
                                                            path)))
        except hub.HubLinkError:
            pass
    if not items:
        return ""
    return str(untrusted.render('<nav class="launch-box" aria-label="Launch this notebook"><strong>'
                      "Launch this notebook:</strong> {{ items }}</nav>",
                      items=untrusted.markup(" ".join(map(str, items)))))


def _hub_form(template: str) -> str:
    """A field for the hub's address and a button that opens the nbgitpuller link made
    from ``template`` (its placeholder hub replaced). Inline script only."""
    data = untrusted.text(json.dumps(template))
    return (f'<form class="hub-form" data-template="{data}" onsubmit="return comradesHub(this)">'
            '<label>Your class hub: <input name="hub" type="url" required '
            'placeholder="https://hub.example.edu"></label> '
            '<button type="submit">Launch on my hub</button></form>')


HUB_SCRIPT = f"""<script>
function comradesHub(form) {{
  var hub = form.hub.value.trim().replace(/\\/+$/, "");
  if (!/^https?:\\/\\/[^\\s/?#]+/.test(hub)) {{ return false; }}
  var template = JSON.parse(form.dataset.template);
  window.location.href = hub + template.slice({len(HUB_PLACEHOLDER)});
  return false;
}}
</script>"""


def landing_html(course: list[Page], root: Path) -> str:
    """The course map: each lesson with its years, question, lens coding and exercises."""
    import pandas as pd

    phases = pd.read_csv(root / "data" / "phases.csv", dtype={"phase": str})
    phases = phases.set_index("phase")
    exercises = {p.number: p for p in course if p.kind == "exercises"}
    rows = []
    for page in (p for p in course if p.kind == "lesson"):
        years = lens = "—"
        if page.number in phases.index:
            row = phases.loc[page.number]
            end = "" if pd.isna(row.end_year) else int(row.end_year)
            years = f"{int(row.start_year)}–{end}"
            lens = (f"ideology {untrusted.text(row.ideology)}; interests "
                    f"{untrusted.text(row.interests)} → {untrusted.text(row.relationship)}")
        ex = exercises.get(page.number)
        ex_link = f'<a href="{ex.path.with_suffix(".html").as_posix()}">exercises</a>' if ex else ""
        rows.append(f'<tr><td>{page.number}</td><td><a href="'
                    f'{page.path.with_suffix(".html").as_posix()}">{untrusted.text(page.title)}'
                    f"</a></td><td>{years}</td><td>{untrusted.text(page.question)}</td>"
                    f"<td>{lens}</td><td>{ex_link}</td></tr>")
    extra = [p for p in course if p.kind == "exercises" and p.number not in
             {q.number for q in course if q.kind == "lesson"}]
    more = "".join(f'<li><a href="{p.path.with_suffix(".html").as_posix()}">'
                   f"{untrusted.text(p.title)}</a></li>" for p in extra)
    return f"""<h1>{TITLE}</h1>
<p>An open Jupyter course on the Vietnam–North Korea relationship since 1945. Every lesson
reads the record through one <strong>two-factor lens</strong>: the two states were allies
only when <em>party ideology</em> and <em>state interests</em> aligned, because the same
people — dual-role elites — answer for both.</p>
<p>This is the reading copy: each lesson as it looks after running, with its charts and
the default view of its explorers. To answer the quizzes and exercises, launch the
notebook (the <em>Launch</em> box at the top of each page).</p>
<h2 id="course-map">Course map</h2>
<table class="course-map"><thead><tr><th scope="col">#</th><th scope="col">Lesson</th>
<th scope="col">Years</th><th scope="col">The question</th>
<th scope="col">Lens (the course's coding)</th><th scope="col">Exercises</th></tr></thead>
<tbody>{"".join(rows)}</tbody></table>
{f"<h2>Also</h2><ul>{more}</ul>" if more else ""}"""


PRINT_NOTE = ("<p class='print-note'>This printed copy is the lesson's core: the sections "
              "marked (extension) are left out; they are in the screen version.</p>")


def _page(page: Page | None, body: str, launch: str, depth: int) -> str:
    up = "../" * depth
    title = untrusted.text(f"{page.title} · {TITLE}" if page else TITLE)
    script = HUB_SCRIPT if "hub-form" in launch else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title><link rel="stylesheet" href="{up}style.css">{script}</head>
<body><header><a href="{up}index.html">{TITLE}</a> · <a href="{up}index.html#course-map">Course
map</a></header><main>{launch}{PRINT_NOTE if page else ""}{body}</main>
<footer>Code MIT, content CC BY 4.0. A reading copy: nothing here is saved or sent.</footer>
</body></html>
"""


STYLE = """
body { font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  color: #1a1a1a; background: #fff; margin: 0; }
header, footer { background: #f3f3f3; padding: 0.6em 1.2em; }
footer { font-size: 0.85em; margin-top: 3em; }
main { max-width: 62rem; margin: 0 auto; padding: 0 1.2em; }
a { color: #0b5cad; }
.launch-box { border: 1px solid #ccc; border-radius: 4px; padding: 0.5em 0.8em;
  margin: 1em 0; display: flex; flex-wrap: wrap; gap: 0.8em; align-items: center; }
.launch { font-weight: 600; }
.cell { margin: 0.8em 0; }
details.source > summary { color: #555; font-size: 0.85em; cursor: pointer; }
.highlight pre, pre { background: #f7f7f7; padding: 0.5em; overflow-x: auto;
  font-size: 0.88em; }
figure.chart { margin: 0.6em 0; overflow-x: auto; }
figure.chart svg { max-width: 100%; height: auto; }
table { border-collapse: collapse; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.5em; vertical-align: top; }
.widget.hbox { display: flex; flex-wrap: wrap; gap: 0.6em; }
.comrades-explorer { border: 1px solid #ccc; padding: 0.6em; margin: 0.6em 0; }
.quiz { border-left: 4px solid #0072B2; padding-left: 0.8em; }
.widget.choice ul { margin: 0.2em 0 0.6em; }
.widget-label { font-weight: 600; }
.field { display: inline-block; border-bottom: 1px solid #555; min-width: 6em; }
.offsite { text-decoration: underline dotted; }
.error { color: #8a1c00; }
/* On paper: the reading, the charts and the questions; nothing that needs a screen (the
   Launch box, the hub form, explorers' controls, code), smaller type, charts kept whole. */
@media print {
  @page { size: A4; margin: 14mm 15mm; }
  body { font: 10pt/1.4 "Noto Sans", "DejaVu Sans", sans-serif; }
  header, footer, .launch-box, .hub-form, .explorer-controls, details.source,
  .skip-link { display: none !important; }
  main { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  h1 { font-size: 16pt; } h2 { font-size: 13pt; } h3, h4 { font-size: 11pt; }
  h1, h2, h3, h4 { break-after: avoid; }
  .cell { margin: 0.4em 0; }
  figure.chart { break-inside: avoid; overflow: visible; }
  figure.chart svg { max-height: 95mm; max-width: 100%; width: auto; }
  .comrades-explorer { border: none; padding: 0; }
  pre, .highlight pre { white-space: pre-wrap; background: none; }
  table { font-size: 8.5pt; }
  .cell.extension { display: none; }
  .print-note { display: block; font-style: italic; }
}
.print-note { display: none; }
"""


class _References(html.parser.HTMLParser):
    """Every (tag, attribute, target) of a link, stylesheet, script or image on a page,
    however its attributes are quoted or cased (the parser unescapes the targets)."""

    TAGS = {"a": "href", "link": "href", "script": "src", "img": "src"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        wanted = self.TAGS.get(tag)
        for name, value in attrs:
            if name == wanted and value is not None:
                self.found.append((tag, name, value))

    handle_startendtag = handle_starttag


def _references(text: str) -> list[tuple[str, str, str]]:
    parser = _References()
    parser.feed(text)
    parser.close()
    return parser.found


def link_problems(site: Path, elsewhere: str = "") -> list[str]:
    """Every link, stylesheet or script in ``site`` that points at a missing local file,
    and every script or stylesheet that is not local. Links into ``elsewhere`` (the
    in-browser edition, published beside the site) are not the site's to check."""
    problems = []
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        for tag, attr, target in _references(text):
            parts = urlsplit(target)
            name = page.relative_to(site)
            if parts.scheme in ("http", "https", "mailto", "data"):
                if tag in ("link", "script") or (tag == "img" and parts.scheme != "data"):
                    problems.append(f"{name}: {tag} loads {target} from outside the site")
                continue
            if not parts.path:
                continue
            beside = (page.parent / parts.path).resolve()
            if elsewhere and beside.is_relative_to((site / elsewhere).resolve()):
                continue
            if not beside.is_file():
                problems.append(f"{name}: {tag} {attr}={target} is missing")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dest", type=Path, default=REPO_ROOT / "build" / "site")
    parser.add_argument("--repo", default=os.environ.get("REPO", ""),
                        help="the course's repository (default: this clone's origin)")
    parser.add_argument("--lite", default=os.environ.get("LITE", ""),
                        help="the in-browser edition's folder beside the site, e.g. lite/ "
                             "(the Pages workflow publishes it there)")
    parser.add_argument("--hub", default=os.environ.get("HUB", ""),
                        help="a class hub for the Launch links (default: a field to type it)")
    parser.add_argument("--only", nargs="*", help="lesson numbers to build (default: all)")
    args = parser.parse_args(argv)
    repo = args.repo
    if not repo:
        try:
            repo = hub.origin_url()
        except hub.HubLinkError as err:
            print(f"note: {err}", file=sys.stderr)
    started = time.perf_counter()
    report = build(args.dest, repo=repo, hub_url=args.hub, only=args.only, lite=args.lite)
    for path, seconds in report["pages"].items():
        print(f"{seconds:6.1f} s  {path}")
    for path, errors in report["errors"].items():
        print(f"ERROR in {path}: {', '.join(errors)}", file=sys.stderr)
    print(f"wrote {args.dest} in {time.perf_counter() - started:.0f} s")
    return 1 if report["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
