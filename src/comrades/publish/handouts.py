"""Printable handouts: ``python -m comrades.publish.handouts``.

For each lesson in ``notebooks/``, A4 PDFs in ``build/handouts/``:

* ``NN_name.pdf``, the **student sheet**, which asks before it tells: the two-factor lens
  in its own words (the five steps of each factor, the five relationships, the grid of
  predictions), an organiser to code the phase with evidence, one of the lesson's
  documents with its sourcing questions and room to answer, then the key terms and the
  discussion prompts. It never gives the lesson's answer.
* ``NN_name-teacher.pdf``, the **teacher sheet**: the lesson's summary and the course's
  own coding of the phase, with its rationale, kept apart until students have answered.
* ``NN_name-documents.pdf``, the **document sheet** of a lesson that reads documents:
  each document of its core, one to a page, with a question to source it, one to put it
  in context and one to corroborate it, then the historian the lesson weighs, with room
  for a verdict and its evidence. It never gives the course's own reading.

Everything is taken from the course itself (the notebook's *Summary*, *Key terms* and
*Discuss* sections, ``documents.csv``, ``phases.csv`` and ``comrades.lens``), so a
handout never says something the lesson does not. Each sheet is laid out as whole A4
pages whose writing spaces take up the room that is left, so no page is left mostly
empty; a page whose text does not fit fails the build, naming it. The fonts are the
committed Noto subsets of ``fonts/`` (SIL OFL 1.1), embedded in every PDF, so Vietnamese,
Korean and Khmer print the same from a fresh clone on any system. Printed by the headless
Chromium the browser tests use (``page.pdf``).
"""

from __future__ import annotations

import argparse
import base64
import shutil
import sys
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import nbformat
import pandas as pd

from comrades import data, documents, lens
from comrades.paths import REPO_ROOT
from comrades.publish.course import Page, numbered_lessons, section
from comrades.publish.render import markdown_html
from comrades.untrusted import markup, render

CHROMIUM = "/usr/bin/chromium"
FONTS = Path(__file__).resolve().parent / "fonts"
# (family, weight, style, file): the embedded faces, tried in this order for each letter.
FACES = (
    ("Handout Sans", 400, "normal", "NotoSans-Regular.subset.ttf"),
    ("Handout Sans", 700, "normal", "NotoSans-Bold.subset.ttf"),
    ("Handout Sans", 400, "italic", "NotoSans-Italic.subset.ttf"),
    ("Handout Symbols", 400, "normal", "NotoSansMath-Regular.subset.ttf"),
    ("Handout Korean", 400, "normal", "NotoSansCJKkr-Regular.subset.otf"),
    ("Handout Khmer", 400, "normal", "NotoSansKhmer-Regular.subset.ttf"),
)
FAMILIES = ("Handout Sans", "Handout Symbols", "Handout Korean", "Handout Khmer")
# A page must be filled to at least this share of its height (writing spaces count).
MIN_FILL = 2 / 3


@dataclass(frozen=True)
class Sheet:
    """One PDF to print: its file name, its HTML and how many A4 pages it is laid out as."""

    name: str
    html: str
    pages: int


# --- what goes on the sheets -----------------------------------------------------------

def _block(notebook, heading: str) -> str:
    """A section of the notebook as HTML; links keep their words (paper cannot follow)."""
    text = section(notebook, heading)
    return markdown_html(text, lambda href: "") if text else ""


def _phase(number: str) -> pd.Series | None:
    phases = data.phases()
    rows = phases[phases["phase"] == number]
    return rows.iloc[0] if len(rows) else None


def _document(number: str) -> pd.Series | None:
    """The lesson's primary document with the longest excerpt: the one to read closely."""
    docs = documents.primary(number)
    if docs.empty:
        return None
    lengths = docs["excerpt"].map(documents.word_count)
    return docs.loc[lengths.idxmax()]


def _lens_grid() -> dict:
    steps = [lens.ALIGNMENT[score] for score in sorted(lens.ALIGNMENT)]
    rows = [(lens.ALIGNMENT[ideology],
             [lens.predict(ideology, interests) for interests in sorted(lens.ALIGNMENT)])
            for ideology in sorted(lens.ALIGNMENT, reverse=True)]
    return {"steps": steps, "rows": rows,
            "relationships": [(name, lens.RELATIONSHIP_MEANING[name])
                              for name in lens.RELATIONSHIPS]}


def _organiser_title(page: Page, phase: pd.Series | None) -> tuple[str, str]:
    if phase is None:
        return ("Your first reading of the relationship today",
                "Code it now from what this lesson shows; you will come back to your "
                "coding in lesson 06.")
    return (f"Your coding of the years {phase['start_year']}–{phase['end_year']}",
            "Code each factor from the evidence of this lesson, and cite it (a document, "
            "an event or a paragraph of the article, [¶N]).")


def _document_values(doc: pd.Series | None) -> dict | None:
    if doc is None:
        return None
    moves = documents.labelled_questions(doc)
    return {"id": doc["doc_id"], "title": doc["title"], "kind": str(doc["kind"]).capitalize(),
            "date": documents.when(doc["date"]), "author": doc["author"],
            "headnote": doc["headnote"], "excerpt": str(doc["excerpt"]).split("\n"),
            "url": doc["url"], "questions": [question for _, question in moves],
            "moves": moves}


def sheets(page: Page, root: Path = REPO_ROOT) -> list[Sheet]:
    """The student sheet and the teacher sheet of one lesson."""
    notebook = nbformat.read(root / page.path, as_version=4)
    phase = _phase(page.number)
    doc = _document_values(_document(page.number))
    title, hint = _organiser_title(page, phase)
    common = {"page": page, "style": markup(style()), "lens": _lens_grid()}
    student = render(STUDENT, **common, organiser_title=title, organiser_hint=hint,
                     document=doc, terms=markup(_block(notebook, "Key terms")),
                     discuss=markup(_block(notebook, "Discuss")))
    coding = None
    if phase is not None:
        coding = {"ideology": phase["ideology"], "interests": phase["interests"],
                  "relationship": phase["relationship"], "rationale": phase["rationale"],
                  "ideology_reason": phase["ideology_reason"],
                  "interest_reason": phase["interest_reason"],
                  "prediction": lens.predict(int(phase["ideology_score"]),
                                             int(phase["interest_score"]))}
    teacher = render(TEACHER, **common, summary=markup(_block(notebook, "Summary")),
                     coding=coding, document=doc)
    made = [Sheet(f"{page.stem}.pdf", str(student), 3 if doc else 2),
            Sheet(f"{page.stem}-teacher.pdf", str(teacher), 1)]
    read = [_document_values(row) for _, row in documents.primary(page.number).iterrows()]
    weighed = [_document_values(row) for _, row in documents.readings(page.number).iterrows()]
    if read or weighed:
        sheet = render(DOCUMENTS, **common, documents=read, historians=weighed)
        made.append(Sheet(f"{page.stem}-documents.pdf", str(sheet), len(read) + len(weighed)))
    return made


# --- how they look ---------------------------------------------------------------------

@cache
def _font_faces() -> str:
    faces = []
    for family, weight, style_, name in FACES:
        encoded = base64.b64encode((FONTS / name).read_bytes()).decode("ascii")
        kind = "opentype" if name.endswith(".otf") else "truetype"
        faces.append(f'@font-face {{ font-family: "{family}"; font-weight: {weight}; '
                     f"font-style: {style_}; src: url(data:font/{kind};base64,{encoded}) "
                     f'format("{kind}"); }}')
    return "\n".join(faces)


def style() -> str:
    return _font_faces() + STYLE


FAMILY_CSS = ", ".join(f'"{family}"' for family in FAMILIES)
STYLE = """
@page { size: A4; margin: 12mm 14mm; }
html, body { margin: 0; padding: 0; }
body { font: 10pt/1.35 FAMILIES; color: #000; }
.page { height: 272mm; display: flex; flex-direction: column; overflow: hidden;
        break-after: page; box-sizing: border-box; }
.page:last-child { break-after: auto; }
.top { display: flex; justify-content: space-between; font-size: 8.5pt; color: #333;
       border-bottom: 1px solid #888; padding-bottom: 1mm; margin-bottom: 2mm; }
.top .blank { display: inline-block; width: 38mm; border-bottom: 1px solid #000; }
h1 { font-size: 16pt; margin: 0 0 1mm; }
h2 { font-size: 12pt; margin: 3mm 0 1.5mm; border-bottom: 1px solid #888; }
h3 { font-size: 10.5pt; margin: 2mm 0 1mm; }
p { margin: 1mm 0; }
code, kbd, pre { font-family: inherit; }
ul, ol { margin: 1mm 0; padding-left: 5mm; }
li { margin: 0.5mm 0; }
.question { font-style: italic; }
.hint { font-size: 9pt; color: #222; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #444; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
.grid { font-size: 8.5pt; }
.grid th, .grid td { padding: 0.6mm 1mm; text-align: center; }
.grid tbody th { text-align: right; }
.scale { display: flex; gap: 4mm; align-items: flex-start; }
.scale > * { flex: 1; }
.relationships { font-size: 8.5pt; margin: 0; }
.organiser tbody th { width: 28%; }
.organiser tbody td { height: 17mm; }
.organiser tbody th small { font-weight: normal; }
.write { flex: 1 1 12mm; min-height: 12mm; border: 1px solid #444; margin: 1mm 0 2mm; }
.lined { background: repeating-linear-gradient(to bottom, transparent 0, transparent 7.5mm,
         #bbb 7.5mm, #bbb 7.8mm); }
blockquote { margin: 1.5mm 0 1.5mm 4mm; padding-left: 3mm; border-left: 2px solid #666; }
.source { font-size: 8.5pt; overflow-wrap: anywhere; }
.terms { column-count: 2; column-gap: 6mm; font-size: 9pt; }
.terms ul { margin-top: 0; }
.keep { flex: 0 0 auto; }
.teacher-flag { font-weight: 700; border: 2px solid #000; padding: 1mm 2mm; }
footer { font-size: 7.5pt; color: #444; margin-top: 1mm; }
""".replace("FAMILIES", FAMILY_CSS)

HEAD = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ page.title }}{{ suffix }}</title>
<style>{{ style }}</style></head><body>"""

TOP = """<div class="top keep"><span>Close Allies, Distant Comrades · lesson {{ page.number }}
{{ which }}</span><span>Name <span class="blank"></span> Date <span class="blank"></span>
</span></div>"""

FOOT = """<footer class="keep">Close Allies, Distant Comrades · {{ which }} ·
content CC BY 4.0 · fonts Noto (SIL OFL 1.1)</footer>"""

STUDENT = (HEAD.replace("{{ suffix }}", " · student sheet") + """
<section class="page">
""" + TOP.replace("{{ which }}", "· student sheet") + """
<h1 class="keep">{{ page.title }}</h1>
{% if page.question %}<p class="question keep">{{ page.question }}</p>{% endif %}
<div class="keep"><h2>The lens</h2>
<div class="scale"><div>
<p>The course codes each factor, <strong>party ideology</strong> and <strong>state
interests</strong>, on five steps: {{ lens.steps | join(", ") }}. The lens then predicts
one of five relationships:</p>
<ul class="relationships">{% for name, meaning in lens.relationships %}
<li><strong>{{ name }}</strong>: {{ meaning }}</li>{% endfor %}</ul></div>
<table class="grid" aria-label="The lens's prediction for each pair of codings">
<thead><tr><th scope="col">ideology ↓ · interests →</th>{% for step in lens.steps %}
<th scope="col">{{ step }}</th>{% endfor %}</tr></thead>
<tbody>{% for ideology, predicted in lens.rows %}<tr><th scope="row">{{ ideology }}</th>
{% for cell in predicted %}<td>{{ cell }}</td>{% endfor %}</tr>{% endfor %}</tbody></table>
</div></div>
<h2 class="keep">{{ organiser_title }}</h2>
<p class="hint keep">{{ organiser_hint }}</p>
<table class="organiser keep"><thead><tr><th scope="col">Factor</th>
<th scope="col">Your coding</th><th scope="col">Evidence (document, event, [¶N])</th></tr>
</thead><tbody>
<tr><th scope="row">Party ideology<br><small>{{ lens.steps | join(", ") }}? Who held
it?</small></th><td></td><td></td></tr>
<tr><th scope="row">State interests<br><small>{{ lens.steps | join(", ") }}? Over
what?</small></th><td></td><td></td></tr>
<tr><th scope="row">The relationship<br><small>{{ lens.relationships | map("first") |
join(", ") }}?</small></th><td></td><td></td></tr></tbody></table>
<p class="keep"><strong>Does the lens predict the relationship you coded? Where is it
strong, where is it weak?</strong></p>
<div class="write lined"></div>
""" + FOOT.replace("{{ which }}", "student sheet") + """
</section>
{% if document %}<section class="page">
""" + TOP.replace("{{ which }}", "· a document") + """
<h2 class="keep">Read a document: {{ document.id }} · {{ document.title }}</h2>
<p class="keep"><em>{{ document.kind }}, {{ document.date }}. {{ document.author }}.</em></p>
<p class="keep"><strong>Headnote.</strong> {{ document.headnote }}</p>
<blockquote class="keep">“{% for line in document.excerpt %}{{ line }}{% if not loop.last
%}<br>{% endif %}{% endfor %}”</blockquote>
<p class="source keep">Copy read: {{ document.url }}</p>
<h3 class="keep">Sourcing, context, corroboration</h3>
{% for question in document.questions %}
<p class="keep">{{ loop.index }}. {{ question }}</p><div class="write lined"></div>
{% endfor %}
""" + FOOT.replace("{{ which }}", "student sheet") + """
</section>{% endif %}
<section class="page">
""" + TOP.replace("{{ which }}", "· discussion") + """
{% if terms %}<h2 class="keep">Key terms</h2><div class="terms keep">{{ terms }}</div>
{% endif %}
{% if discuss %}<h2 class="keep">Discuss</h2><div class="keep">{{ discuss }}</div>{% endif %}
<p class="keep"><strong>Notes for the discussion</strong></p>
<div class="write lined"></div>
""" + FOOT.replace("{{ which }}", "student sheet") + """
</section></body></html>""")

# The document sheet: every document the lesson reads in class, one to a page, with a
# question for each of the historian's moves, then the historian the lesson weighs.
DOCUMENT_CARD = """<h2 class="keep">{{ doc.id }} · {{ doc.title }}</h2>
<p class="keep"><em>{{ doc.kind }}, {{ doc.date }}. {{ doc.author }}.</em></p>
<p class="keep"><strong>Headnote.</strong> {{ doc.headnote }}</p>
<blockquote class="keep">“{% for line in doc.excerpt %}{{ line }}{% if not loop.last
%}<br>{% endif %}{% endfor %}”</blockquote>
<p class="source keep">Copy read: {{ doc.url }}</p>"""

DOCUMENTS = (HEAD.replace("{{ suffix }}", " · documents") + """
{% for doc in documents %}<section class="page">
""" + TOP.replace("{{ which }}", "· documents") + DOCUMENT_CARD + """
{% for move, question in doc.moves %}
<p class="keep">{% if move %}<strong>{{ move }}.</strong> {% endif %}{{ question }}</p>
<div class="write lined"></div>{% endfor %}
""" + FOOT.replace("{{ which }}", "documents") + """
</section>{% endfor %}
{% for doc in historians %}<section class="page">
""" + TOP.replace("{{ which }}", "· historian") + """
<p class="hint keep">Vu's article is one reading. Read this historian closely, then decide
for yourself: does the historian agree with Vu, qualify his reading (agree only in part),
or disagree?</p>""" + DOCUMENT_CARD + """
<p class="keep"><strong>Your verdict</strong> (circle one): agrees · qualifies ·
disagrees</p>
<p class="keep"><strong>Your evidence,</strong> from both texts (60–120 words):</p>
<div class="write lined"></div>
{% for question in doc.questions %}<p class="keep">{{ question }}</p>
<div class="write lined"></div>{% endfor %}
""" + FOOT.replace("{{ which }}", "documents") + """
</section>{% endfor %}</body></html>""")

TEACHER = (HEAD.replace("{{ suffix }}", " · teacher sheet") + """
<section class="page">
<div class="top keep"><span>Close Allies, Distant Comrades · lesson {{ page.number }} ·
teacher sheet</span><span class="teacher-flag">For the teacher: not to hand out before
students have answered</span></div>
<h1 class="keep">{{ page.title }}</h1>
{% if page.question %}<p class="question keep">{{ page.question }}</p>{% endif %}
{% if summary %}<h2 class="keep">The lesson's answer (its summary)</h2>
<div class="keep">{{ summary }}</div>{% endif %}
{% if coding %}<h2 class="keep">The course's coding of the phase</h2>
<p class="keep">Party ideology <strong>{{ coding.ideology }}</strong>; state interests
<strong>{{ coding.interests }}</strong>; relationship <strong>{{ coding.relationship
}}</strong> (the lens predicts <strong>{{ coding.prediction }}</strong>). This is the
course's reading of the article, open to students' recoding with evidence.</p>
<p class="keep">{{ coding.rationale }}</p>
<p class="keep hint"><strong>Ideology.</strong> {{ coding.ideology_reason }}</p>
<p class="keep hint"><strong>Interests.</strong> {{ coding.interest_reason }}</p>{% endif %}
{% if document %}<h2 class="keep">The document on the student sheet</h2>
<p class="keep">{{ document.id }} · {{ document.title }}. The instructor guide's notes on
the lesson's documents say what students usually miss and give a model reading.</p>
{% endif %}
<p class="keep"><strong>Notes</strong></p><div class="write"></div>
""" + FOOT.replace("{{ which }}", "teacher sheet") + """
</section></body></html>""")


# --- printing --------------------------------------------------------------------------

def pdf_pages(pdf: bytes) -> int:
    """The number of pages of a PDF (read with pypdf)."""
    from io import BytesIO

    from pypdf import PdfReader

    return len(PdfReader(BytesIO(pdf)).pages)


# What each laid-out page reports: overflowing text, and how far down its content reaches.
MEASURE = """() => [...document.querySelectorAll('.page')].map((page) => {
  const top = page.getBoundingClientRect().top, height = page.clientHeight;
  const bottoms = [...page.children].map((c) => c.getBoundingClientRect().bottom - top);
  const writes = [...page.querySelectorAll('.write')].map((w) => w.clientHeight);
  return {overflow: page.scrollHeight - height, height: height,
          reach: Math.max(0, ...bottoms) / height, writes: writes};
})"""


def layout_problems(name: str, measured: list[dict]) -> list[str]:
    """Why a laid-out sheet cannot be printed as it is (empty when it can)."""
    problems = []
    for number, page in enumerate(measured, start=1):
        where = f"{name}, page {number}"
        if page["overflow"] > 1:
            problems.append(f"{where}: the text runs {page['overflow']:.0f} px past the page")
        if page["reach"] < MIN_FILL:
            problems.append(f"{where}: only {page['reach']:.0%} of the page is used")
        # 12 mm is about 45 CSS px: room for at least one line of handwriting
        small = [h for h in page["writes"] if h < 40]
        if small:
            problems.append(f"{where}: a writing space is only {min(small)} px high")
    return problems


def build(dest: Path, root: Path = REPO_ROOT) -> dict[str, int]:
    """Print every lesson's sheets into ``dest`` (replaced); returns pages per file."""
    from playwright.sync_api import sync_playwright

    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    counts: dict[str, int] = {}
    problems: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        context = browser.new_context()
        # Nothing leaves the page: a handout is built from the course alone.
        context.route("**/*", lambda route: route.abort()
                      if not route.request.url.startswith(("about:", "data:"))
                      else route.continue_())
        tab = context.new_page()
        tab.emulate_media(media="print")
        # The width of an A4 page less its margins, so the layout measured is the printed one.
        tab.set_viewport_size({"width": 687, "height": 1028})
        for page in numbered_lessons(root):
            for sheet in sheets(page, root):
                tab.set_content(sheet.html, wait_until="load")
                tab.evaluate("document.fonts.ready")
                problems += layout_problems(sheet.name, tab.evaluate(MEASURE))
                pdf = tab.pdf(format="A4", print_background=True, prefer_css_page_size=True)
                out = dest / sheet.name
                out.write_bytes(pdf)
                counts[out.name] = pdf_pages(pdf)
                if counts[out.name] != sheet.pages:
                    problems.append(f"{sheet.name}: printed {counts[out.name]} pages, "
                                    f"laid out as {sheet.pages}")
        browser.close()
    if problems:
        raise SystemExit("Handouts that do not print well:\n  " + "\n  ".join(problems))
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
