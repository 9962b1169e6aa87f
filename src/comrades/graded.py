"""Graded mode: items a class secret makes, judged only on the teacher's machine.

The public repository holds every self-study key (its solutions, banks and Binder are
public), so a graded item cannot be one of its tasks. Here each class gets its own
**variants**: the parameters of each item (years, a phase, two events, four events to
order, two codings, quiz questions and the order of their options) are drawn from a
**class secret** that the teacher keeps outside the repository (created on first use in
the teacher's configuration folder, readable by the teacher only). The secret never
leaves that machine:

* ``make graded-edition`` (``python -m comrades.graded --dest build/graded``) writes the
  student edition with one more notebook, ``notebooks/graded.ipynb``: each item's prompt
  with its parameters and a box to hand the answer in, and nothing that leads from an
  item to its key (no key, hash, seal or code that computes it: this module stays out of
  every edition);
* a student's box records the answer as given, says only whether it is well formed, and
  answers "handed in: your teacher grades it" (``comrades.widgets.handin``);
* ``python -m comrades.grade FOLDER`` makes the variants again from the secret, with the
  course's data, and judges each hand-in here (:func:`judge`).
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import hmac
import os
import random
import secrets
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, overload

import pandas as pd

from comrades import data, lens, quiz, status
from comrades.answers import folded, read_number
from comrades.check import Verdict
from comrades.items import GRADED_LESSON
from comrades.paths import REPO_ROOT

SECRET_ENV = "COMRADES_CLASS_SECRET"
QUESTIONS_ENV = "COMRADES_GRADED_QUESTIONS"


# --- the class secret ----------------------------------------------------------------------

def secret_path() -> Path:
    """Where the teacher's class secret is kept: ``$COMRADES_CLASS_SECRET``, or
    ``class-secret`` in the configuration folder (``$XDG_CONFIG_HOME/comrades``)."""
    if os.environ.get(SECRET_ENV):
        return Path(os.environ[SECRET_ENV])
    base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "comrades" / "class-secret"


@overload
def class_secret(create: Literal[True] = True) -> str: ...
@overload
def class_secret(create: bool) -> str | None: ...
def class_secret(create: bool = True) -> str | None:
    """The class secret (64 hexadecimal digits), made on first use if ``create``; the
    file is readable by its owner only. ``None`` when there is none and none is made."""
    path = secret_path()
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    if not create:
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    value = secrets.token_hex(32)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(value + "\n")
    return value


def questions_path() -> Path:
    """Where the teacher's own graded questions are kept: ``$COMRADES_GRADED_QUESTIONS``,
    or ``graded.toml`` beside the class secret. It is a question bank like the course's
    (``data/quizzes/_example.toml`` shows each kind), with ids ``graded.1``, ``graded.2``…"""
    if os.environ.get(QUESTIONS_ENV):
        return Path(os.environ[QUESTIONS_ENV])
    return secret_path().parent / "graded.toml"


def teacher_questions() -> tuple[quiz.Question, ...]:
    """The teacher's own questions, validated as a course bank is (every problem listed,
    ``quiz.QuizBankError``); none when the file does not exist."""
    path = questions_path()
    return quiz.load_file(path) if path.is_file() else ()


def _draw(secret: str, item: str) -> random.Random:
    """A random source for ``item`` that only the secret can reproduce."""
    digest = hmac.new(secret.encode(), item.encode(), hashlib.sha256).digest()
    return random.Random(int.from_bytes(digest, "big"))


# --- the variants --------------------------------------------------------------------------

@dataclass(frozen=True)
class Variant:
    """One graded item: what the student sees (``prompt``, ``form``, ``shown``) and, for
    the teacher only, how an answer is judged (``key``)."""

    id: str
    prompt: str
    form: str  # "number", "choice" or "order": the box the student answers in
    key: Callable[[object], Verdict] = field(repr=False, compare=False)
    shown: tuple[str, ...] = ()  # the options, or the items to order as they are shown
    unit: str = ""
    expected: str = field(default="", repr=False)  # the answer, for the teacher's key

    def for_students(self) -> dict:
        """What the graded notebook may hold: never the key."""
        return {"item": self.id, "prompt": self.prompt, "form": self.form,
                "shown": list(self.shown), "unit": self.unit}


def _number(expected: float, unit: str, tolerance: float = 0) -> Callable[[object], Verdict]:
    def judge(answer: object) -> Verdict:
        value = read_number(answer, unit)
        if value is None:
            return Verdict(status.FAILED, "not a number")
        right = abs(value - expected) <= tolerance + 1e-9
        return Verdict(status.PASSED if right else status.FAILED, "")
    return judge


def _choice(right: str) -> Callable[[object], Verdict]:
    def judge(answer: object) -> Verdict:
        return Verdict(status.PASSED if folded(str(answer)) == folded(right)
                       else status.FAILED, "")
    return judge


def _order(right: list[str]) -> Callable[[object], Verdict]:
    def judge(answer: object) -> Verdict:
        given = answer if isinstance(answer, list) else str(answer).split(" | ")
        return Verdict(status.PASSED if [folded(str(g)) for g in given]
                       == [folded(r) for r in right] else status.FAILED, "")
    return judge


# The self-study tasks ask about these; a variant never does, so no public key answers it.
SELF_STUDY_YEARS = {(1945, 1954)}
SELF_STUDY_PHASES = {"02"}


def _count_in_years(secret: str, item: str) -> Variant:
    rng = _draw(secret, item)
    events = data.events()
    while True:
        start = rng.randrange(1950, 2016)
        end = start + rng.randrange(4, 10)
        if (start, end) not in SELF_STUDY_YEARS:
            break
    years = events["start_date"].dt.year
    count = int(years.between(start, end).sum())
    return Variant(item, f"How many events of the course begin between {start} and {end}, "
                         "both years included?", "number", _number(count, "events"),
                   unit="events", expected=str(count))


def _bilateral_in_phase(secret: str, item: str) -> Variant:
    rng = _draw(secret, item)
    phases = [p for p in data.phases()["phase"] if p not in SELF_STUDY_PHASES]
    phase = rng.choice(phases)
    events = data.events()
    count = int(((events["phase"] == phase) & (events["scope"] == "bilateral")).sum())
    title = data.phases().set_index("phase").at[phase, "title"]
    return Variant(item, f"How many bilateral (Vietnam–North Korea) events does the course "
                         f"record for phase {phase}, “{title}”?", "number",
                   _number(count, "events"), unit="events", expected=str(count))


def _dated(events: pd.DataFrame) -> pd.DataFrame:
    """Bilateral events dated to the day, one per date, in date order."""
    chosen = events[(events["scope"] == "bilateral") & (events["precision"] == "day")]
    return chosen.drop_duplicates("start_date").sort_values("start_date")


def _days_between(secret: str, item: str) -> Variant:
    rng = _draw(secret, item)
    dated = _dated(data.events())
    first, second = sorted(rng.sample(range(len(dated)), 2))
    a, b = dated.iloc[first], dated.iloc[second]
    days = int((b["start_date"] - a["start_date"]).days)
    return Variant(item, f"How many days passed from “{a['title']}” ({a['event_id']}) to "
                         f"“{b['title']}” ({b['event_id']})? Give the later date minus the "
                         "earlier one.", "number", _number(days, "days"), unit="days",
                   expected=str(days))


def _order_events(secret: str, item: str) -> Variant:
    """Four events by title only: an event id would give the order away (ids run in date
    order), and so would a date, so titles that name a year are left out."""
    rng = _draw(secret, item)
    dated = _dated(data.events()).drop_duplicates("title")
    dated = dated[~dated["title"].str.contains(r"\b(?:1[89]|20)\d\d\b")]
    picked = dated.iloc[sorted(rng.sample(range(len(dated)), 4))]
    right = list(picked["title"])
    shown = right[:]
    while shown == right:
        rng.shuffle(shown)
    return Variant(item, "Put these four events in the order they happened, earliest "
                         "first.", "order", _order(right), shown=tuple(shown),
                   expected=" | ".join(right))


def _lens(secret: str, item: str) -> Variant:
    rng = _draw(secret, item)
    ideology, interests = rng.choice([(i, j) for i in range(-2, 3) for j in range(-2, 3)])
    words = lens.ALIGNMENT
    return Variant(item, f"A pair of communist party-states whose party ideology is "
                         f"*{words[ideology]}* and whose state interests are "
                         f"*{words[interests]}*: what relationship does the course's lens "
                         "predict?", "choice", _choice(lens.predict(ideology, interests)),
                   shown=tuple(lens.RELATIONSHIPS), expected=lens.predict(ideology, interests))


def _mean_score(secret: str, item: str) -> Variant:
    rng = _draw(secret, item)
    scores = data.relations().query("dyad == 'VNM-PRK'")
    start = rng.randrange(int(scores["year"].min()), int(scores["year"].max()) - 10)
    end = start + rng.randrange(5, 11)
    mean = float(scores[scores["year"].between(start, end)]["score"].mean())
    return Variant(item, f"What is the mean of the course's yearly Vietnam–North Korea "
                         f"scores from {start} to {end}, both years included? Round it to "
                         "two decimal places.", "number", _number(round(mean, 2), "", 0.01),
                   expected=f"{mean:.2f}")


FORM_OF_KIND = {"single": "choice", "multiple": "choices", "order": "order",
                "number": "number"}


def _from_question(question: quiz.Question, item: str, rng: random.Random) -> Variant:
    """A quiz question as a graded item: its options reordered (an order question never
    shown in its right order), judged by the quiz's own grading, its verdict never shown."""
    shown = list(question.options)
    while len(shown) > 1:
        rng.shuffle(shown)
        if question.kind != "order" or shown != list(question.answer):
            break

    def key(answer: object) -> Verdict:
        correct = quiz.grade(question, answer).correct
        return Verdict(status.PASSED if correct else status.FAILED, "")

    return Variant(item, question.prompt, FORM_OF_KIND[question.kind], key,
                   shown=tuple(shown), unit=question.unit,
                   expected=quiz.answer_text(question))


def _quiz(secret: str, item: str, index: int) -> Variant:
    """A quiz question drawn from the whole pool of the course's banks."""
    rng = _draw(secret, item)
    pool = [q for lesson in quiz.available_lessons() for q in quiz.load_bank(lesson)
            if q.kind == "single"]
    return _from_question(rng.sample(pool, index + 1)[index], item, rng)


FAMILIES = (_count_in_years, _bilateral_in_phase, _days_between, _order_events, _lens,
            _mean_score, lambda s, i: _quiz(s, i, 0), lambda s, i: _quiz(s, i, 1))


def variants(secret: str, own: tuple[quiz.Question, ...] | None = None) -> tuple[Variant, ...]:
    """The graded items of the class whose secret this is: G.1 to G.8 drawn from the
    course, then the teacher's own questions (``own``, by default
    :func:`teacher_questions`) as G.9, G.10…, their options reordered by the secret."""
    return _variants(secret, teacher_questions() if own is None else own)


@functools.lru_cache(maxsize=8)
def _variants(secret: str, own: tuple[quiz.Question, ...]) -> tuple[Variant, ...]:
    drawn = [family(secret, f"{GRADED_LESSON}.{n}")
             for n, family in enumerate(FAMILIES, start=1)]
    for n, question in enumerate(own, start=len(drawn) + 1):
        item = f"{GRADED_LESSON}.{n}"
        drawn.append(_from_question(question, item, _draw(secret, f"{item} {question.id}")))
    return tuple(drawn)


def judge(item: str, answer: object, secret: str) -> Verdict | None:
    """The verdict on one hand-in, made again from the secret and the teacher's own
    questions; ``None`` when ``item`` is not a graded item of this class (a teacher's
    question whose file is not on this machine, or a made-up id)."""
    for variant in variants(secret):
        if variant.id == item:
            return variant.key(answer)
    return None


# --- the graded notebook and edition -------------------------------------------------------

INTRO = """# Graded work

This notebook is **graded work**. Your teacher grades the answers you hand in here. Each
box says only whether your answer is well formed (a number where a number is asked, an
order with every item): it does **not** say whether it is right. Your teacher judges every
answer on their own computer. The lessons and exercises are unchanged: they still tell you
at once whether you are right, for practice.

Give your name in the first box, then answer each item and press
**Hand in**. You may hand in again: your teacher sees every version. When you are done,
open [my_progress.ipynb](../docs/my_progress.ipynb) and press **Export for my teacher**."""


def notebook(secret: str):
    """The graded notebook of this class: prompts and boxes, no key."""
    import nbformat

    cells = [nbformat.v4.new_markdown_cell(INTRO),
             nbformat.v4.new_code_cell("from comrades.widgets.handin import hand_in, name_box\n\n"
                                       "name_box()")]
    for variant in variants(secret):
        if variant.id == f"{GRADED_LESSON}.{len(FAMILIES) + 1}":
            cells.append(nbformat.v4.new_markdown_cell("## Your teacher's questions"))
        shown = variant.for_students()
        cells.append(nbformat.v4.new_markdown_cell(f"**{variant.id}.** {variant.prompt}"))
        cells.append(nbformat.v4.new_code_cell(
            f"hand_in({shown['item']!r}, {shown['form']!r}, shown={shown['shown']!r}, "
            f"unit={shown['unit']!r})"))
    book = nbformat.v4.new_notebook(cells=cells)
    book.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)",
                                   "language": "python", "name": "python3"}
    return book


def build(dest: Path, secret: str, root: Path = REPO_ROOT) -> Path:
    """The student edition in ``dest`` (replaced), with this class's graded notebook."""
    import nbformat

    from comrades.publish import student

    student.build(dest, root)
    path = dest / "notebooks" / "graded.ipynb"
    nbformat.write(notebook(secret), path)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the graded edition of your class.")
    parser.add_argument("--dest", type=Path, default=REPO_ROOT / "build" / "graded")
    parser.add_argument("--key", action="store_true",
                        help="print this class's answers (for the teacher) and stop")
    args = parser.parse_args(argv)
    secret = class_secret()
    try:
        items = variants(secret)
    except quiz.QuizBankError as error:
        print(f"Your graded questions cannot be used yet; nothing was built.\n{error}",
              file=sys.stderr)
        return 1
    if args.key:
        for variant in items:
            print(f"{variant.id}: {variant.expected}")
        return 0
    path = build(args.dest, secret)
    own = len(items) - len(FAMILIES)
    print(f"wrote {path}: {len(FAMILIES)} items drawn for your class and {own} of your own "
          f"questions ({questions_path()}). The class secret is {secret_path()}: keep it, "
          "and keep it private; without it the hand-ins cannot be graded.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
