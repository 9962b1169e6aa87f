"""The documents room: every lesson reads primary documents and another historian.

The table (``data/documents.csv``) is checked like every other table (schema, keys,
a bad row named by file, row and column) plus the rules a schema cannot state; the
renderer escapes everything it is given.
"""

import csv
import re

import pandas as pd
import pytest

from comrades import data, documents
from comrades.data import DataError

LESSONS = ["01", "02", "03", "04", "05", "06"]
PRIMARY_KINDS = {"statement", "speech", "memo", "cable", "treaty", "news report",
                 "editorial", "photograph description"}


def _rows(path):
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def _corrupt(folder, row: int, column: str, value: str):
    path = folder / "documents.csv"
    rows = _rows(path)
    rows[row][rows[0].index(column)] = value
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)


def _expect(row: int, column: str, reason: str = ""):
    data.clear_cache()
    with pytest.raises(DataError) as info:
        documents.table()
    err = info.value
    assert (err.file, err.row, err.column) == ("data/documents.csv", row, column), str(err)
    assert reason in err.reason, str(err)
    return err


def _frictionless_valid(folder) -> bool:
    from frictionless import Package, system

    with system.use_context(trusted=True):
        return Package(str(folder / "datapackage.json")).validate().valid


# --- the real table ---------------------------------------------------------------------

@pytest.mark.parametrize("lesson", LESSONS)
def test_each_lesson_has_two_primary_documents_and_another_historian(lesson):
    docs = documents.table(lesson)
    primary = docs[docs["kind"] != "historian"]
    assert len(primary) >= 2, f"lesson {lesson} needs two primary documents"
    assert set(primary["kind"]) <= PRIMARY_KINDS
    historians = docs[docs["kind"] == "historian"]
    assert len(historians) >= 1, f"lesson {lesson} needs another historian's reading"
    assert not historians["author"].str.contains("Khang").any(), "a historian besides Vu"


def test_every_row_is_complete_and_short():
    docs = documents.table()
    assert docs["doc_id"].is_unique
    for _, row in docs.iterrows():
        assert 0 < documents.word_count(row["excerpt"]) <= documents.excerpt_limit(row), \
            row["doc_id"]
        assert re.match(r"^https?://\S+$", row["url"]), row["doc_id"]
        questions = [row[c] for c in ("question_1", "question_2", "question_3")
                     if not pd.isna(row[c])]
        assert 2 <= len(questions) <= 3 and all("?" in q for q in questions)
        if row["kind"] != "historian":
            assert pd.isna(row["course_reading"]), row["doc_id"]
        assert row["lesson"] in data.split_list(row["lessons"]), row["doc_id"]
        assert row["accessed"] <= pd.Timestamp.today()


def test_every_source_is_in_the_sources_table_with_a_citation():
    sources = data.sources().set_index("source_id")
    for source_id in documents.table()["source_id"]:
        assert source_id in sources.index
        assert len(str(sources.at[source_id, "citation"])) > 20


def test_headnotes_are_in_the_course_s_own_words():
    """No headnote repeats eight consecutive words of its own excerpt."""
    def runs(text, n=8):
        words = re.findall(r"[^\W_]+", text.lower())
        return {" ".join(words[i:i + n]) for i in range(len(words) - n + 1)}

    for _, row in documents.table().iterrows():
        shared = runs(row["headnote"]) & runs(row["excerpt"])
        assert not shared, f"{row['doc_id']} headnote copies its excerpt: {sorted(shared)[0]}"


def test_word_count_and_dates():
    assert documents.word_count("had 200-400 personnel, about 90 pilots") == 7
    assert documents.word_count("Hanoi’s Kampuchean front") == 3
    assert documents.when("1945-09-02") == "2 September 1945"
    assert documents.when("1954-07") == "July 1954"
    assert documents.when("1981") == "1981"


# --- rendering -------------------------------------------------------------------------

def test_show_renders_every_primary_document_of_the_lesson():
    shown = documents.show("03")
    primary = documents.primary("03")
    for _, row in primary.iterrows():
        assert f'id="doc-{row["doc_id"]}"' in shown.html
        assert row["title"].split(":")[0] in shown.text
    assert "Read it as a historian" in shown.html and "H04" not in shown.html
    assert "<strong>Put it in context.</strong>" in shown.html
    first = primary.iloc[0]
    assert f'href="{first["url"]}"' in shown.html
    assert "the public copy on wilson-center-digital-archive" in shown.html  # link text
    assert shown._repr_mimebundle_()["text/plain"] == shown.text


def test_historians_box_leaves_the_judgement_to_students():
    """The course's reading of each scholar is for teachers: neither box states it."""
    for extension in (False, True):
        box = documents.historians("03", extension)
        assert 'role="note"' in box.html and "decide for yourself" in box.text
        for _, row in documents.readings("03", extension).iterrows():
            assert f"doc-{row['doc_id']}" in box.html
        for label in documents.COURSE_READINGS.values():
            assert label not in box.html.replace("agrees with Vu", "")
    assert "Historians disagree" in documents.historians("03", extension=True).html
    for lesson in ("01", "02", "03", "04", "05", "06"):
        for extension in (False, True):
            shown = documents.historians(lesson, extension).text
            assert not any(word in shown for word in (" · agrees", " · disagrees",
                                                      "agrees in part ·"))
    assert "D09" not in documents.historians("03").html


def test_each_history_lesson_weighs_one_historian_in_its_core():
    """Issue 22.3: one reading to weigh in the core box, the others in the extension box,
    and no reading in both."""
    for lesson in ("01", "02", "03", "04", "05", "06"):
        core = set(documents.readings(lesson)["doc_id"])
        more = set(documents.readings(lesson, extension=True)["doc_id"])
        assert len(core) == 1 and not core & more, lesson
        assert core <= set(documents.table(lesson)["doc_id"]), "filed under its lesson"
    assert documents.readings("03")["doc_id"].tolist() == ["H05"]
    assert {"H04", "H09", "H12"} <= set(documents.readings("03", extension=True)["doc_id"])


def test_a_translated_document_shows_its_original_and_says_who_translated():
    shown = documents.show("02", ["D31"], extension=True)
    row = documents.table().set_index("doc_id").loc["D31"]
    assert row["original"] in shown.text and row["excerpt"] in shown.text
    assert "Original in Vietnamese; English: the course's own translation." in shown.text
    assert 'lang="vi"' in shown.html
    english = documents.show("03", ["D10"])
    assert "Original in" not in english.text and "lang=" not in english.html


def test_a_lesson_without_documents_says_so():
    assert "No documents" in documents.show("00").text
    assert "No other historian" in documents.historians("00").text


def test_hostile_text_in_the_table_is_escaped(data_copy):
    _corrupt(data_copy, 1, "excerpt", "<script>alert('x')</script>\nsecond line")
    _corrupt(data_copy, 1, "title", '<img src=x onerror="alert(1)">')
    _corrupt(data_copy, 1, "headnote", "A & B <b>bold</b>")
    data.clear_cache()
    shown = documents.show("01").html
    assert "<script>" not in shown and "<img" not in shown and "<b>bold" not in shown
    assert "&lt;script&gt;" in shown and "A &amp; B" in shown
    assert "<br>second line" in shown  # line breaks of the excerpt survive


def test_a_non_web_address_never_becomes_a_link():
    row = documents.table("01").iloc[0].copy()
    row["url"] = "javascript:alert(1)"
    rendered = documents.document_html(row)
    assert "href" not in rendered and "javascript:alert(1)" in rendered


# --- a bad row is named by file, row and column ------------------------------------------

def test_an_excerpt_over_its_limit_is_refused(data_copy):
    """150 words of a work under copyright (H01, a news site), 300 of an official text
    (D02, the armistice)."""
    rows = _rows(data_copy / "documents.csv")
    news = next(i for i, r in enumerate(rows) if r[0] == "H01")
    _corrupt(data_copy, news, "excerpt", " ".join(["word"] * 151))
    _expect(news, "excerpt", "151 words, more than 150")
    _corrupt(data_copy, news, "excerpt", "word")
    official = next(i for i, r in enumerate(rows) if r[0] == "D02")
    _corrupt(data_copy, official, "excerpt", " ".join(["word"] * 301))
    _expect(official, "excerpt", "301 words, more than 300")


def test_a_primary_document_has_no_course_reading(data_copy):
    _corrupt(data_copy, 1, "course_reading", "agrees")
    _expect(1, "course_reading", "only a historian")


def test_the_lessons_served_include_the_lesson_that_reads_it(data_copy):
    _corrupt(data_copy, 2, "lessons", "05;06")
    _expect(2, "lessons", "must include lesson 01")


@pytest.mark.parametrize(("column", "value", "blamed", "reason"), [
    ("language", "vi", "original", "needs its original words"),
    ("original", "Chủ tịch Hồ Chí Minh", "original", "has no original or translator"),
    ("translation_by", "the course", "translation_by", "has no original or translator"),
])
def test_translation_columns_agree_with_the_language(data_copy, column, value, blamed, reason):
    _corrupt(data_copy, 1, column, value)
    _expect(1, blamed, reason)


def test_a_translated_excerpt_needs_its_translator(data_copy):
    rows = _rows(data_copy / "documents.csv")
    row = next(i for i, r in enumerate(rows) if r[0] == "D31")
    _corrupt(data_copy, row, "translation_by", "")
    _expect(row, "translation_by", "needs its translator")


def test_a_document_dated_after_it_was_read_is_refused(data_copy):
    _corrupt(data_copy, 3, "date", "2099-01")
    _expect(3, "date", "after the day it was read")


@pytest.mark.parametrize(("column", "value", "reason"), [
    ("kind", "rumour", "not one of"),
    ("date", "1979-13", "does not match"),
    ("url", "javascript:alert(1)", "does not match"),
    ("source_id", "no_such_source", "not a known key"),
    ("lesson", "09", "does not match"),
    ("excerpt", "", "required"),
])
def test_schema_faults_are_reported_and_frictionless_agrees(data_copy, column, value, reason):
    _corrupt(data_copy, 4, column, value)
    _expect(4, column, reason)
    assert not _frictionless_valid(data_copy)


def test_a_missing_column_is_named(data_copy):
    path = data_copy / "documents.csv"
    rows = _rows(path)
    gone = rows[0].index("excerpt")
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([r[:gone] + r[gone + 1:] for r in rows])
    data.clear_cache()
    with pytest.raises(DataError) as info:
        documents.table()
    assert info.value.column == "excerpt"


def test_serves_lists_every_document_wired_to_a_lesson():
    """``lessons`` lets a reading serve another lesson's activity (period wires them)."""
    intro = documents.serves("00")
    assert {"D20", "D30", "D37"} <= set(intro["doc_id"])
    assert all("00" in data.split_list(cell) for cell in intro["lessons"])
    assert set(documents.serves(3)["doc_id"]) >= set(documents.table("03")["doc_id"])
    assert documents.serves("09").empty


def test_extension_readings_stay_out_of_the_core_path_and_show_on_request():
    core, extra = documents.show("03"), documents.show("03", extension=True)
    assert 'id="doc-D10"' in core.html and 'id="doc-D10"' not in extra.html
    assert 'id="doc-D29"' in extra.html and 'id="doc-D29"' not in core.html
    assert 'id="doc-D27"' in extra.html, "a lesson-02 report that also serves lesson 03"
    assert "H04" not in extra.html, "historians stay in their own box"
    assert "No extension documents" in documents.show("00", extension=True).text \
        or not documents.primary("00", extension=True).empty


def test_a_section_outside_core_and_extension_is_refused(data_copy):
    _corrupt(data_copy, 1, "section", "appendix")
    _expect(1, "section", "not one of")


def test_document_cards_keep_heading_levels_in_order():
    """Issue 26.5 (axe heading-order): a lesson's documents and the historian it weighs
    sit under a "##" section, so their titles are h3; the extension box of historians
    sits under a "###" heading, so h4."""
    from comrades import documents

    assert "<h3 " in documents.show("03").html and "<h4 " not in documents.show("03").html
    weigh = documents.historians("03").html
    assert "<h3 " in weigh and "<h4 " not in weigh
    box = documents.historians("03", extension=True).html
    assert "<h4 " in box and "<h3 " not in box


def test_a_core_document_needs_a_question_for_each_move(data_copy):
    """Issue 22.2: a document read in class asks to source it, put it in context and
    corroborate it; an extension reading may ask fewer."""
    _corrupt(data_copy, 1, "question_3", "")
    _expect(1, "question_3", "three questions")


def test_an_official_text_may_be_quoted_at_length_a_copyrighted_one_not():
    """Issue 22.2: long enough to read closely where the licence allows: a treaty or a
    government's statement up to 300 words, a newspaper or a historian up to 150."""
    docs = documents.table().set_index("doc_id")
    assert documents.excerpt_limit(docs.loc["D02"]) == documents.MAX_OFFICIAL_WORDS == 300
    assert documents.excerpt_limit({"source_id": docs.at["H01", "source_id"]}) == 150
    long_enough = [d for d in ("D02", "D03", "D12", "D24")
                   if documents.word_count(docs.at[d, "excerpt"]) >= 100]
    assert long_enough == ["D02", "D03", "D12", "D24"]
