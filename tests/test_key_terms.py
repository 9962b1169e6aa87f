"""Language for every student: each lesson's *Key terms* are in the glossary and shown
from it, the terms the issue found undefined are defined, and the idioms are gone."""

from __future__ import annotations

import re

import nbformat
import pytest
from conftest import REPO

from comrades import data

LESSONS = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def _plain(term: str) -> str:
    """A term without its bracketed forms, colon or case: "Juche (주체):" -> "juche"."""
    return " ".join(re.sub(r"\([^)]*\)", " ", term).strip(" :").casefold().split())


def key_terms(path) -> list[str]:
    cells = nbformat.read(path, as_version=4).cells
    (section,) = [c.source for c in cells
                  if c.cell_type == "markdown" and c.source.startswith("## Key terms")]
    found = []
    for bold in re.findall(r"\*\*([^*]+?)\*\*", section):
        found += [part for part in bold.split(" / ") if part.strip(" :")]
    return found


def _glossary() -> dict[str, str]:
    return {_plain(t): t for t in data.glossary()["term"]}


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name[:2])
def test_every_key_term_of_a_lesson_is_in_the_glossary(path):
    glossary = _glossary()
    missing = [t for t in key_terms(path) if _plain(t) not in glossary]
    assert missing == []


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name[:2])
def test_the_lesson_shows_every_key_term_from_the_glossary(path):
    code = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells
                     if c.cell_type == "code")
    glossary = _glossary()
    for term in key_terms(path):
        assert f'"{glossary[_plain(term)]}"' in code or \
            f"'{glossary[_plain(term)]}'" in code, term


def test_the_terms_the_issue_names_are_defined():
    glossary = _glossary()
    for term in ("ideology", "alliance", "recognition (diplomatic)", "dyad", "bearing",
                 "state interests", "two-factor lens", "mend fences", "Ba Chúc"):
        assert _plain(term) in glossary, term


def test_a_term_missing_from_the_glossary_is_found():
    assert _plain("Khmer Rouge (ខ្មែរក្រហម):") in _glossary()
    assert _plain("**hegemony:**") not in _glossary()


IDIOMS = ("wear both hats", "nets them", "netted", "netting")


@pytest.mark.parametrize("folder", ["notebooks", "solutions", "exercises", "data"])
def test_no_idioms_a_learner_of_english_would_trip_on(folder):
    for path in sorted((REPO / folder).rglob("*")):
        if path.suffix in (".ipynb", ".csv", ".toml", ".md"):
            text = path.read_text(encoding="utf-8").casefold()
            assert not [i for i in IDIOMS if i in text], path.name
