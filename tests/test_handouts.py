"""Printable handouts (`make handouts`): per lesson a student sheet that asks before it
tells (the lens, the organiser, a document with its sourcing questions, key terms and
discussion) and a teacher sheet with the lesson's answer, in A4 pages that are used to
the bottom, with Vietnamese, Korean and Khmer printed from the committed fonts."""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

import nbformat
import pytest
from conftest import REPO
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from comrades import documents, lens
from comrades.publish import handouts
from comrades.publish.course import numbered_lessons, section

CHROMIUM = Path("/usr/bin/chromium")
needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium")
LESSONS = numbered_lessons(REPO)


def _plain(markup: str) -> str:
    body = markup.split("</style>", 1)[-1]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def _markdown_plain(text: str) -> str:
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return " ".join(re.sub(r"[*`_]", "", text).split())


def _sheets(page):
    student, teacher, *_ = handouts.sheets(page, REPO)
    assert student.name == f"{page.stem}.pdf" and teacher.name == f"{page.stem}-teacher.pdf"
    return student, teacher


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    dest = tmp_path_factory.mktemp("handouts") / "handouts"
    dest.mkdir()
    (dest / "stale.pdf").write_bytes(b"%PDF- from an older build")
    return dest, handouts.build(dest)


def _pdf_text(path: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages)


# --- what the sheets say -----------------------------------------------------------------

@pytest.mark.parametrize("page", LESSONS, ids=lambda p: p.stem[:2])
def test_the_student_sheet_asks_before_it_tells(page):
    """The lesson's answer (its summary, the course's coding) is on the teacher sheet
    only; the student sheet has the organiser for the student's own coding."""
    student, teacher = _sheets(page)
    notebook = nbformat.read(REPO / page.path, as_version=4)
    summary = [_markdown_plain(line).lstrip("0123456789.- ")
               for line in section(notebook, "Summary").splitlines() if line.strip()]
    assert summary
    squeeze = lambda text: re.sub(r"\s", "", text)  # noqa: E731 - tags leave spaces
    for line in summary:
        assert squeeze(line[:40]) not in squeeze(_plain(student.html)), line
        assert squeeze(line[:40]) in squeeze(_plain(teacher.html)), line
    assert "The course's coding of the phase" not in _plain(student.html)
    assert "The course's coding of the phase" in _plain(teacher.html) or page.number == "00"
    assert "Your coding" in _plain(student.html)


@pytest.mark.parametrize("page", LESSONS, ids=lambda p: p.stem[:2])
def test_the_organiser_speaks_the_lens_s_own_words(page):
    student, _ = _sheets(page)
    text = _plain(student.html)
    for word in (*lens.ALIGNMENT.values(), *lens.RELATIONSHIPS):
        assert word in text, word
    for meaning in lens.RELATIONSHIP_MEANING.values():
        assert meaning in text
    # The grid: one row per ideology step, each with the lens's five predictions.
    grid = student.html.split('class="grid"', 1)[1].split("</table>", 1)[0]
    assert grid.count("<tr>") == 1 + len(lens.ALIGNMENT)
    assert "contested or absent" not in text  # words the lens never uses


def test_lesson_00_does_not_ask_to_code_a_phase_it_has_not_got():
    page = next(p for p in LESSONS if p.number == "00")
    text = _plain(_sheets(page)[0].html)
    assert "this phase" not in text and "lesson 06" in text


@pytest.mark.parametrize("page", [p for p in LESSONS if not documents.primary(p.number).empty],
                         ids=lambda p: p.stem[:2])
def test_the_student_sheet_prints_a_document_with_its_sourcing_questions(page):
    student, _ = _sheets(page)
    text = _plain(student.html)
    doc = handouts._document(page.number)
    assert " ".join(str(doc["title"]).split()) in text
    assert " ".join(str(doc["excerpt"]).split())[:60] in text
    questions = [str(doc[c]) for c in ("question_1", "question_2", "question_3")
                 if isinstance(doc[c], str) and doc[c].strip()]
    assert questions
    for question in questions:
        assert " ".join(question.split()) in text
    # Room to answer each question.
    document_page = student.html.split("Read a document", 1)[1].split("</section>", 1)[0]
    assert document_page.count('class="write') == len(questions)


@pytest.mark.parametrize("page", LESSONS, ids=lambda p: p.stem[:2])
def test_key_terms_and_discussion_come_from_the_lesson(page):
    student, _ = _sheets(page)
    notebook = nbformat.read(REPO / page.path, as_version=4)
    for heading in ("Key terms", "Discuss"):
        first = _markdown_plain(section(notebook, heading).splitlines()[0])
        squeezed = re.sub(r"\s", "", _plain(student.html))
        assert re.sub(r"\s", "", first.lstrip("0123456789.- "))[:30] in squeezed, heading
    assert "<script" not in student.html and "<link" not in student.html


def test_a_title_with_markup_is_printed_as_text(tmp_path):
    root = tmp_path / "course"
    (root / "notebooks").mkdir(parents=True)
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(
        "# 01 · <img src=x onerror=alert(1)> title\n\n**The question of this lesson:** "
        "<script>alert(2)</script>?")]), root / "notebooks" / "01_hostile.ipynb")
    page = numbered_lessons(root)[0]
    for sheet in handouts.sheets(page, root):
        assert "<img src=x" not in sheet.html and "<script>alert" not in sheet.html
        assert "&lt;img src=x onerror=alert(1)&gt;" in sheet.html


# --- fonts ---------------------------------------------------------------------------------

def test_every_character_the_sheets_print_is_in_a_committed_font():
    """No box where a letter should be, on any system: each character of every sheet is
    covered by one of the embedded Noto subsets (else: run tools/build_fonts.py)."""
    covered: set[int] = set()
    for _family, _weight, _style, name in handouts.FACES:
        covered |= set(TTFont(handouts.FONTS / name).getBestCmap())
    missing = {}
    for page in LESSONS:
        for sheet in handouts.sheets(page, REPO):
            for char in set(_plain(sheet.html)):
                if ord(char) > 0x20 and ord(char) not in covered:
                    missing.setdefault(char, sheet.name)
    assert not missing, f"not in the committed fonts (run tools/build_fonts.py): {missing}"


def test_the_fonts_are_committed_with_their_licence():
    licence = (handouts.FONTS / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    for _family, _weight, _style, name in handouts.FACES:
        font = TTFont(handouts.FONTS / name)
        assert font["name"].getDebugName(0).split(".")[0] in licence, name
        assert (handouts.FONTS / name).stat().st_size < 200_000, "a subset, not a whole font"


# --- layout ----------------------------------------------------------------------------

def test_layout_problems_name_the_page_and_what_is_wrong():
    fine = {"overflow": 0, "height": 1000, "reach": 0.98, "writes": [120, 60]}
    assert handouts.layout_problems("a.pdf", [fine]) == []
    problems = handouts.layout_problems("a.pdf", [
        fine, {**fine, "overflow": 40}, {**fine, "reach": 0.5}, {**fine, "writes": [12]}])
    assert problems == ["a.pdf, page 2: the text runs 40 px past the page",
                        "a.pdf, page 3: only 50% of the page is used",
                        "a.pdf, page 4: a writing space is only 12 px high"]


@needs_chromium
def test_every_lesson_has_a_student_and_a_teacher_sheet(printed):
    dest, counts = printed
    expected = {sheet.name: sheet.pages for page in LESSONS
                for sheet in handouts.sheets(page, REPO)}
    assert expected and counts == expected
    assert {p.name for p in dest.iterdir()} == set(expected), "an old file was left behind"
    for name in expected:
        pdf = (dest / name).read_bytes()
        assert pdf.startswith(b"%PDF-")
        box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == (595, 842), "not A4"


@needs_chromium
def test_printed_text_has_no_replacement_glyph_and_only_the_embedded_fonts(printed):
    dest, _ = printed
    for path in sorted(dest.glob("*.pdf")):
        assert "\ufffd" not in _pdf_text(path), path.name
        for page in PdfReader(path).pages:
            fonts = page["/Resources"].get("/Font", {})
            for font in fonts.values():
                base = str(font.get_object().get("/BaseFont", ""))
                # Type 3 fonts (synthetic bold) have no name; every named one is ours.
                assert not base or "+Noto" in base, (path.name, base)
    intro = _pdf_text(dest / "00_introduction.pdf")
    assert "주체" in intro  # Juche, in Korean, extracted from the printed page
    lesson03 = _pdf_text(next(p for p in dest.glob("03_*.pdf") if "-" not in p.name))
    assert re.search("[\u1780-\u17ff]", lesson03), "Khmer printed as text"


@needs_chromium
def test_a_page_whose_text_does_not_fit_fails_the_build(tmp_path):
    root = tmp_path / "course"
    (root / "notebooks").mkdir(parents=True)
    long = "\n".join(f"* point {i}: " + "word " * 40 for i in range(120))
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# 09 · A long lesson\n\n**The question of this "
                                      "lesson:** why so long?"),
        nbformat.v4.new_markdown_cell(f"## Discuss\n\n{long}")])
    nbformat.write(notebook, root / "notebooks" / "09_long.ipynb")
    with pytest.raises(SystemExit, match=r"09_long.pdf, page 2: the text runs"):
        handouts.build(tmp_path / "out", root=root)


def test_handouts_are_linked_from_the_instructor_guide():
    guide = (REPO / "docs" / "instructor-guide.md").read_text(encoding="utf-8")
    for page in LESSONS:
        assert f"(../build/handouts/{page.stem}.pdf)" in guide, page.stem
        assert f"(../build/handouts/{page.stem}-teacher.pdf)" in guide, page.stem
        if page.number != "00":
            assert f"(../build/handouts/{page.stem}-documents.pdf)" in guide, page.stem


@pytest.mark.parametrize("page", [p for p in LESSONS if p.number != "00"],
                         ids=lambda p: p.stem[:2])
def test_the_document_sheet_prints_every_document_read_in_class(page):
    """Issue 22.2: a printable document sheet per lesson, one page per document, with a
    question for each move, and the historian to weigh without the course's reading."""
    *_, sheet = handouts.sheets(page, REPO)
    assert sheet.name == f"{page.stem}-documents.pdf"
    read = [*documents.primary(page.number)["doc_id"], *documents.readings(page.number)["doc_id"]]
    text = _plain(sheet.html)
    assert sheet.pages == len(read) == sheet.html.count('<section class="page">')
    for doc_id in read:
        assert f"{doc_id} · " in text, doc_id
    for move in documents.MOVES:
        assert text.count(f"{move}.") == len(documents.primary(page.number)), move
    assert "Your verdict (circle one): agrees · qualifies · disagrees" in text
    assert "course's reading" not in text and "The course" not in text
