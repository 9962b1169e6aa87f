"""Own words: no unquoted run of eight words may be shared with the article.

The course is built on Khang X. Vu's article (``../shared/seed/article.md`` beside the
repository). Its wording may appear only as a quotation, in quotation marks. This test
reads every lesson (``notebooks/``, ``solutions/``, ``exercises/``), every data CSV, every
quiz bank and the teacher's documents, removes the quoted passages, and fails on any run
of eight consecutive words that also occurs in the article.

The article itself is not needed at test time: ``article-shingles.txt`` beside this file
holds a fingerprint of it (a short hash of each eight-word run, never the text), so the
test runs anywhere. Where the article is present, the fingerprint is checked against it;
regenerate it with ``python tests/test_own_words.py``.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import sys
import tomllib
import unicodedata
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
ARTICLE = REPO.parent / "shared" / "seed" / "article.md"
FINGERPRINT = Path(__file__).with_name("article-shingles.txt")
RUN = 8  # words

# Quoted passages, within one paragraph: straight or curly double quotes, and single
# quotes that open after a space (so the apostrophe in "Kim's" never opens a quotation).
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|‘[^’]*’|(?<![\w’'])'[^'\n]+'(?!\w)")
# Bibliographic names may be cited as they stand: the article's title and its series.
TITLES = ("From Close Allies to Distant Comrades: The Ups and Downs of the Vietnam-North "
          "Korea Relationship", "Asia Pacific Bulletin, series North Korea in the World")
_TITLES = [re.compile(r"\W+".join(re.escape(w) for w in re.findall(r"\w+", t)), re.I)
           for t in TITLES]
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_CITATION = re.compile(r"\[¶[^\]]*\]|¶\s*\d+(?:\s*[–-]\s*\d+)?")
_WORD = re.compile(r"[a-z0-9]+")


def _fold(text: str) -> str:
    """Lower case without diacritics, so 'Nguyễn Phú Trọng' matches 'Nguyen Phu Trong'."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def pieces(text: str) -> list[list[str]]:
    """The unquoted stretches of ``text``, each as a list of folded words.

    A quotation ends a stretch, so words on either side of it never join into one run.
    Markdown link targets and [¶N] citations are dropped first.
    """
    text = _CITATION.sub(" ", _LINK_TARGET.sub("]", text))
    text = text.replace("\\\n", " ")  # TOML line continuations
    for title in _TITLES:
        text = title.sub("\n\n", text)
    out = []
    for paragraph in re.split(r"\n\s*\n", text):
        for stretch in _QUOTED.split(paragraph):
            words = _WORD.findall(_fold(stretch.replace("’", "'").replace("'", "")))
            if words:
                out.append(words)
    return out


def shingle_hash(words) -> str:
    return hashlib.sha256(" ".join(words).encode()).hexdigest()[:16]


def shingles(words: list[str]):
    for i in range(len(words) - RUN + 1):
        yield i, words[i:i + RUN]


def article_fingerprint(text: str) -> set[str]:
    """Hashes of every eight-word run of the article (quotations inside it included)."""
    text = _CITATION.sub(" ", _LINK_TARGET.sub("]", text))
    words = _WORD.findall(_fold(text.replace("’", "'").replace("'", "")))
    return {shingle_hash(run) for _, run in shingles(words)}


def load_fingerprint() -> set[str]:
    lines = FINGERPRINT.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def write_fingerprint() -> None:
    hashes = sorted(article_fingerprint(ARTICLE.read_text(encoding="utf-8")))
    header = ("# sha256[:16] of each 8-word run of the article (lower case, no diacritics,\n"
              "# apostrophes dropped, [¶N] citations and link targets removed). Regenerate:\n"
              "# python tests/test_own_words.py\n")
    FINGERPRINT.write_text(header + "\n".join(hashes) + "\n", encoding="utf-8")


# --- what the course says ----------------------------------------------------------------

def _notebook_texts(path: Path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    for number, cell in enumerate(cells):
        source = cell["source"]
        yield f"cell {number}", "".join(source) if isinstance(source, list) else source


def _csv_texts(path: Path):
    with path.open(newline="", encoding="utf-8") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            for column, value in row.items():
                if value and not value.replace(".", "").isdigit():
                    yield f"row {number}, {column}", value


def _toml_texts(path: Path):
    bank = tomllib.loads(path.read_text(encoding="utf-8"))
    for question in bank.get("question", []):
        for field, value in question.items():
            values = value if isinstance(value, list) else [value]
            for item in values:
                if isinstance(item, str):
                    yield f"{question.get('id', '?')} {field}", item


def course_texts():
    """(file, place, text) for every piece of prose the course shows or ships."""
    for folder in ("notebooks", "solutions", "exercises"):
        for path in sorted((REPO / folder).glob("*.ipynb")):
            for place, text in _notebook_texts(path):
                yield path, place, text
    for path in sorted((REPO / "data").glob("*.csv")):
        for place, text in _csv_texts(path):
            yield path, place, text
    for path in sorted((REPO / "data" / "quizzes").glob("*.toml")):
        for place, text in _toml_texts(path):
            yield path, place, text
    for path in sorted((REPO / "docs").glob("*.md")) + [REPO / "README.md"]:
        yield path, "text", path.read_text(encoding="utf-8")


def shared_runs(fingerprint: set[str]):
    """Every unquoted eight-word run (longest stretch per place) found in the article."""
    found = []
    for path, place, text in course_texts():
        for words in pieces(text):
            hits = [i for i, run in shingles(words) if shingle_hash(run) in fingerprint]
            if hits:
                first, last = hits[0], hits[-1] + RUN
                found.append(f"{path.relative_to(REPO)} ({place}): "
                             f"\"{' '.join(words[first:last])}\"")
    return found


# --- the tests ---------------------------------------------------------------------------

def test_the_fingerprint_matches_the_article():
    if not ARTICLE.exists():
        pytest.skip(f"the article is not beside the repository ({ARTICLE}); the committed "
                    "fingerprint is used as it stands")
    fresh = article_fingerprint(ARTICLE.read_text(encoding="utf-8"))
    assert load_fingerprint() == fresh, (
        "tests/article-shingles.txt is out of date with the article; regenerate it with "
        "`python tests/test_own_words.py`")


def test_the_fingerprint_is_not_the_text():
    text = FINGERPRINT.read_text(encoding="utf-8")
    assert len(load_fingerprint()) > 1000
    assert "Pyongyang" not in text and "ideology" not in text


def test_no_unquoted_run_of_eight_words_from_the_article():
    found = shared_runs(load_fingerprint())
    assert not found, ("These passages share eight or more consecutive words with the "
                       "article without quotation marks; quote them exactly (in double "
                       "quotation marks, cited) or write them in the course's words:\n"
                       + "\n".join(found))


def test_the_check_catches_a_copied_run_and_lets_a_quotation_pass():
    fingerprint = load_fingerprint()
    copied = ("Relations were measured because the two nations did not share any "
              "geopolitical interests, the article says.")
    quoted = ("Relations, Vu writes, were \"measured because the two nations did not share "
              "any geopolitical interests\" [¶5].")
    close = "Relations stayed cool: the two states had no geopolitical interest in common."

    def hits(text):
        return [run for words in pieces(text) for _, run in shingles(words)
                if shingle_hash(run) in fingerprint]

    assert hits(copied)
    assert not hits(quoted)
    assert not hits(close)
    # Diacritics and curly quotes do not hide a copy.
    assert hits("Kim’s grandson visited at the invitation of the Communist Party of Vietnam "
                "General Secretary Nguyễn Phú Trọng.")


if __name__ == "__main__":
    if not ARTICLE.exists():
        sys.exit(f"article not found at {ARTICLE}")
    write_fingerprint()
    print(f"wrote {FINGERPRINT.relative_to(REPO)}")
