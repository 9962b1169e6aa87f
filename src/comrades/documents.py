"""Primary documents and other historians' readings, rendered for a lesson.

The texts live in ``data/documents.csv`` (one row per document: an exact excerpt of a
public copy, its address, a headnote and sourcing questions in the course's words).
``data`` checks each row against the schema; :func:`table` adds the checks a schema
cannot express (excerpt length, the course's reading only for a historian, a real partial
date, the lessons served including the lesson that reads it, and for a document not in
English its original words and who translated them) and reports a bad row by file, row and
column like every other table.

``course_reading`` (agrees, disagrees or qualifies, for historians) is the course's own
reading, kept for teachers: it is never rendered for students, who judge each scholar's
relation to Vu for themselves.

In a lesson::

    from comrades import documents
    documents.show("03")          # the primary documents of lesson 03
    documents.historians("03")    # the historian the core weighs against Vu
    documents.historians("03", extension=True)  # the "Historians disagree" box

Everything from the table is escaped before it reaches HTML: a teacher who edits the
CSV can add a document, never a script.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import pandas as pd

from comrades import data, untrusted
from comrades.data import DataError

FILE = "data/documents.csv"
MAX_WORDS = 150
MAX_OFFICIAL_WORDS = 300
OFFICIAL_KINDS = ("document", "government")
HISTORIAN = "historian"
COURSE_READINGS = {"agrees": "agrees with Vu", "disagrees": "disagrees with Vu",
                   "qualifies": "agrees with Vu in part"}
ENGLISH = "en"
COURSE_TRANSLATION = "the course"
LANGUAGES = {"vi": "Vietnamese", "ko": "Korean", "zh": "Chinese", "km": "Khmer",
             "ru": "Russian", "hu": "Hungarian", "fr": "French"}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


# --- the table ------------------------------------------------------------------------

def word_count(text: str) -> int:
    """Words in an excerpt, counted as runs of letters or digits (so '200-400' is two)."""
    return len(re.findall(r"[^\W_]+(?:['’][^\W_]+)?", str(text)))


def _partial_date(text: str) -> pd.Timestamp:
    """The first day a ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` date can mean."""
    match = _PARTIAL_DATE.match(text)
    if not match:
        raise ValueError(f"'{text}' is not a date in the form YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = match.group(1), match.group(2) or "01", match.group(3) or "01"
    try:
        return pd.Timestamp(f"{year}-{month}-{day}")
    except ValueError:
        raise ValueError(f"'{text}' is not a real date") from None


def excerpt_limit(row, kinds: dict[str, str] | None = None) -> int:
    """How many words an excerpt may quote: :data:`MAX_WORDS` of a work under copyright,
    :data:`MAX_OFFICIAL_WORDS` of an official text (a treaty, a resolution, a government's
    statement: a source of a kind in :data:`OFFICIAL_KINDS`), long enough to read closely."""
    if kinds is None:
        kinds = dict(zip(data.sources()["source_id"], data.sources()["kind"], strict=True))
    return MAX_OFFICIAL_WORDS if kinds.get(row["source_id"]) in OFFICIAL_KINDS else MAX_WORDS


def _check_rows(table: pd.DataFrame) -> None:
    sources = data.sources()
    kinds = dict(zip(sources["source_id"], sources["kind"], strict=True))
    for index, row in table.iterrows():
        line = data.table_row(index)
        words, limit = word_count(row["excerpt"]), excerpt_limit(row, kinds)
        if words > limit:
            raise DataError(FILE, f"the excerpt has {words} words, more than {limit}",
                            line, "excerpt")
        if not pd.isna(row["course_reading"]) and row["kind"] != HISTORIAN:
            raise DataError(FILE, "only a historian's reading has a course reading",
                            line, "course_reading")
        if row["lesson"] not in data.split_list(row["lessons"]):
            raise DataError(FILE, f"the lessons served must include lesson {row['lesson']}",
                            line, "lessons")
        if close_read(row) and len(_questions(row)) < len(MOVES):
            raise DataError(FILE, "a core document needs three questions: source it, put it "
                            "in context, corroborate", line, "question_3")
        _check_translation(row, line)
        try:
            made = _partial_date(str(row["date"]))
        except ValueError as err:
            raise DataError(FILE, str(err), line, "date") from None
        if made > row["accessed"]:
            raise DataError(FILE, "the document is dated after the day it was read",
                            line, "date")


def _check_translation(row, line: int) -> None:
    """A document not in English keeps its original words and names its translator."""
    foreign = row["language"] != ENGLISH
    has_original = not pd.isna(row["original"]) and str(row["original"]).strip()
    has_translator = not pd.isna(row["translation_by"]) and str(row["translation_by"]).strip()
    if foreign and not has_original:
        raise DataError(FILE, f"a document in '{row['language']}' needs its original words",
                        line, "original")
    if foreign and not has_translator:
        raise DataError(FILE, "a translated excerpt needs its translator", line,
                        "translation_by")
    if not foreign and (has_original or has_translator):
        raise DataError(FILE, "an English document has no original or translator",
                        line, "original" if has_original else "translation_by")
    if has_original and word_count(row["original"]) > MAX_WORDS:
        raise DataError(FILE, f"the original has more than {MAX_WORDS} words", line,
                        "original")


def translation_note(row) -> str:
    """How a student should read the excerpt's language, or '' for an English document."""
    if row["language"] == ENGLISH:
        return ""
    who = ("the course's own translation" if row["translation_by"] == COURSE_TRANSLATION
           else f"translated by {row['translation_by']}")
    return f"Original in {LANGUAGES.get(row['language'], row['language'])}; English: {who}."



def serves(lesson) -> pd.DataFrame:
    """Every document that serves lesson ``lesson`` (its ``lessons`` list), in id order."""
    docs = table()
    wanted = _lesson_id(lesson)
    mask = docs["lessons"].map(lambda cell: wanted in data.split_list(cell))
    return docs[mask].reset_index(drop=True)


def table(lesson: str | None = None) -> pd.DataFrame:
    """The documents table, validated; only lesson ``lesson`` if given, in id order."""
    docs = data.load("documents")
    _check_rows(docs)
    if lesson is not None:
        docs = docs[docs["lesson"] == _lesson_id(lesson)]
    return docs.sort_values("doc_id").reset_index(drop=True)


def _lesson_id(lesson) -> str:
    return f"{int(lesson):02d}" if str(lesson).isdigit() else str(lesson)


CORE, EXTENSION = "core", "extension"


def chosen(lesson: str, extension: bool = False, historian: bool = False) -> pd.DataFrame:
    """A lesson's primary documents (or, ``historian``, other historians' readings): its
    core ones, those filed under the lesson as ``core``; or (``extension``) the rest of
    what serves it, including rows of other lessons that list this one in ``lessons``, so
    an archive report filed under lesson 02 can be read again in lesson 03."""
    docs = serves(lesson) if extension else table(lesson)
    kind = (docs["kind"] == HISTORIAN) == historian
    core = (docs["lesson"] == _lesson_id(lesson)) & (docs["section"] == CORE)
    return docs[kind & (~core if extension else core)].reset_index(drop=True)


def primary(lesson: str, extension: bool = False) -> pd.DataFrame:
    """A lesson's primary documents: its core ones, or (``extension``) the others."""
    return chosen(lesson, extension)


def readings(lesson: str, extension: bool = False) -> pd.DataFrame:
    """Other historians' readings for a lesson: the one its core weighs against Vu, or
    (``extension``) the others that serve it."""
    return chosen(lesson, extension, historian=True)


# --- words ----------------------------------------------------------------------------

def when(text: str) -> str:
    """'1945-09-02' → '2 September 1945'; '1954-07' → 'July 1954'; '1981' → '1981'."""
    match = _PARTIAL_DATE.match(str(text))
    if not match:
        return str(text)
    year, month, day = match.groups()
    if not month:
        return year
    name = MONTHS[int(month) - 1]
    return f"{int(day)} {name} {year}" if day else f"{name} {year}"


def _citation(source_id: str) -> str:
    sources = data.sources().set_index("source_id")
    if source_id in sources.index and not pd.isna(sources.at[source_id, "citation"]):
        return str(sources.at[source_id, "citation"])
    return source_id


def _safe_url(url: str) -> str | None:
    """The address, if it is a plain web address; ``None`` for anything else."""
    parts = urlsplit(str(url))
    return str(url) if parts.scheme in ("http", "https") and parts.netloc else None


# --- rendering ------------------------------------------------------------------------

@dataclass(frozen=True)
class Rendered:
    """HTML for the notebook, with a plain-text twin for screen readers and text views."""

    html: str
    text: str

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self.html, "text/plain": self.text}

    def __str__(self) -> str:
        return self.text


def _e(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) \
        else untrusted.text(str(value))


# Reading Like a Historian's moves, one per question column of a core primary document.
MOVES = ("Source it", "Put it in context", "Corroborate")


def close_read(row) -> bool:
    """A core primary document: read closely in class, with one question per move."""
    return row["section"] == CORE and row["kind"] != HISTORIAN


def _questions(row) -> list[str]:
    return [str(row[c]) for c in ("question_1", "question_2", "question_3")
            if not pd.isna(row[c]) and str(row[c]).strip()]


def labelled_questions(row) -> list[tuple[str, str]]:
    """(move, question) for each question: a core document names the move each asks for,
    any other reading leaves the move ''."""
    labels = MOVES if close_read(row) else ("",) * 3
    return list(zip(labels, _questions(row), strict=False))


def _link(row) -> str:
    url = _safe_url(row["url"])
    read = f"accessed {when(row['accessed'].strftime('%Y-%m-%d'))}"
    if url is None:
        return f"Copy read: {_e(row['url'])} ({read})."
    host = urlsplit(url).netloc
    return (f'Copy read: <a href="{_e(url)}" target="_blank" rel="noopener noreferrer">'
            f"the public copy on {_e(host)}</a> ({read}).")


def _excerpt_html(text: str) -> str:
    return "<br>".join(_e(line) for line in str(text).split("\n"))


def document_html(row, level: int = 3) -> str:
    """One document: heading, what it is, headnote, exact excerpt, citation, questions."""
    anchor = f"doc-{_e(row['doc_id'])}"
    kind = "Historian's reading" if row["kind"] == HISTORIAN else str(row["kind"]).capitalize()
    note = translation_note(row)
    translation = (f'<blockquote lang="{_e(row["language"])}" style="margin:0.5em 0 0.5em 1em">'
                   f"{_excerpt_html(row['original'])}</blockquote><p><small>{_e(note)}</small></p>"
                   if note else "")
    questions = "".join(f"<li>{f'<strong>{label}.</strong> ' if label else ''}{_e(q)}</li>"
                        for label, q in labelled_questions(row))
    heading = "Read it as a historian" if close_read(row) else "Sourcing questions"
    return (
        f'<article class="comrades-document" aria-labelledby="{anchor}" '
        'style="border-left:4px solid #0072B2;padding:0.2em 0 0.2em 1em;margin:1em 0">'
        f'<h{level} id="{anchor}">{_e(row["doc_id"])} · {_e(row["title"])}</h{level}>'
        f"<p><em>{_e(kind)}, {_e(when(row['date']))}. {_e(row['author'])}.</em></p>"
        f"<p><strong>Headnote.</strong> {_e(row['headnote'])}</p>"
        f'<blockquote style="margin:0.5em 0 0.5em 1em;font-style:italic">'
        f"“{_excerpt_html(row['excerpt'])}”</blockquote>{translation}"
        f"<p><small>Source: {_e(_citation(row['source_id']))} {_link(row)}</small></p>"
        f"<p><strong>{heading}</strong></p><ol>{questions}</ol></article>")


def document_text(row) -> str:
    lines = [f"{row['doc_id']} · {row['title']}",
             f"{row['kind']}, {when(row['date'])}. {row['author']}.",
             f"Headnote. {row['headnote']}",
             f"“{row['excerpt']}”",
             *([row["original"], translation_note(row)] if translation_note(row) else []),
             f"Source: {_citation(row['source_id'])} Copy read: {row['url']}"]
    lines += [f"{n}. {f'{label}. ' if label else ''}{q}"
              for n, (label, q) in enumerate(labelled_questions(row), start=1)]
    return "\n".join(lines)


def _render(docs: pd.DataFrame, empty: str, level: int = 3) -> Rendered:
    if docs.empty:
        return Rendered(f"<p>{_e(empty)}</p>", empty)
    return Rendered("".join(document_html(r, level) for _, r in docs.iterrows()),
                    "\n\n".join(document_text(r) for _, r in docs.iterrows()))


def show(lesson: str, ids: list[str] | None = None, extension: bool = False) -> Rendered:
    """The primary documents of a lesson (or only ``ids``), ready to display.

    ``extension=True`` gives the lesson's extension readings instead of its core ones.
    """
    docs = primary(lesson, extension)
    if ids is not None:
        docs = docs[docs["doc_id"].isin(ids)]
    which = "extension documents" if extension else "documents"
    return _render(docs, f"No {which} are recorded for lesson {_lesson_id(lesson)}.")


WEIGH_INTRO = ("Vu's article is one reading. Read this historian closely and decide for "
               "yourself whether they agree with Vu, qualify his reading (agree only in "
               "part) or disagree; then write your verdict and your evidence in the box "
               "below.")
MORE_INTRO = ("Vu's article is one reading. Here other scholars read the same years: "
              "decide for yourself whether each agrees with Vu, agrees in part, or disagrees.")


def historians(lesson: str, extension: bool = False) -> Rendered:
    """A box of other scholars' readings, for students to weigh: the one the lesson's
    core weighs against Vu, or (``extension``) the others.

    The lesson's own heading names the box; the box is announced as a note with that name.
    """
    docs = readings(lesson, extension)
    # The core box sits under the "## Weigh a historian" section, the extension box under
    # a "###" heading: their readings are the level below.
    inner = _render(docs, "No other historian's reading is recorded for this lesson.",
                    4 if extension else 3)
    intro, label = ((MORE_INTRO, "Historians disagree") if extension
                    else (WEIGH_INTRO, "Weigh a historian"))
    box = (f'<aside class="comrades-historians" role="note" aria-label="{label}" '
           'style="border:2px solid #E69F00;border-radius:6px;padding:0.5em 1em">'
           f"<p><strong>{_e(intro)}</strong></p>{inner.html}</aside>")
    return Rendered(box, f"{label}\n{intro}\n\n{inner.text}")
