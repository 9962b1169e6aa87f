"""Load and validate the question banks in ``data/quizzes/<lesson>.toml``.

A bank is edited by hand by teachers, so validation collects *every* problem in a file
and reports them together, each naming the file and the question, instead of stopping
at the first. Loaded banks are cached by path, modification time and size, so a teacher
who edits a file sees the change on the next call without restarting the kernel.
"""

from __future__ import annotations

import math
import re
import reprlib
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeGuard

from comrades import objectives
from comrades.answers import folded, format_number
from comrades.paths import quiz_dir
from comrades.quiz.keys import digest

KINDS = ("single", "multiple", "order", "number")
REQUIRED = ("id", "section", "kind", "prompt", "hint", "explanation", "source")
# ``objective`` names the lesson objective the question serves ("O2", listed in
# comrades.objectives); every bank the course ships has one on each question.
OPTIONAL = ("options", "answer", "tolerance", "unit", "objective")
ALLOWED = frozenset(REQUIRED + OPTIONAL)
# A hashed bank (the student edition, see ``comrades.quiz.keys``) has a top-level
# ``key_salt``, hashed answers, and its explanation and answer text sealed.
SALT_KEY = "key_salt"
HASHED_ONLY = ("shown_answer",)


class QuizBankError(ValueError):
    """A question bank cannot be used; ``.problems`` lists every problem found."""

    def __init__(self, path: Path | str, problems: list[str]):
        self.path = Path(path)
        self.problems = list(problems)
        count = f"{len(problems)} problems" if len(problems) > 1 else "1 problem"
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"Quiz bank {self.path}: {count}\n{lines}")


@dataclass(frozen=True)
class Question:
    """One validated question. ``answer`` is a str (single), a tuple of str (multiple),
    a float (number) or the options in order (order). ``hint`` is shown after a first
    wrong try and never gives the answer away; ``explanation`` is shown after a right
    answer, a second wrong try or "Show answer".

    In a hashed bank ``salt`` is set, ``answer`` holds digests (one per right option,
    one per place of an order question), and ``explanation`` and ``shown_answer`` are
    sealed: read them through ``keys.explanation_of`` and ``grading.answer_text``."""

    id: str
    lesson: str
    section: str
    kind: str
    prompt: str
    explanation: str
    source: str
    hint: str = ""
    options: tuple[str, ...] = ()
    answer: Any = None
    tolerance: float = 0.0
    unit: str = ""
    objective: str = ""  # a full objective id, "02-O3" ("" when the bank names none)
    salt: str = ""
    shown_answer: str = ""


def bank_path(lesson: str) -> Path:
    """The file holding the bank of ``lesson`` ("00".."06", or "_example")."""
    return quiz_dir() / f"{lesson}.toml"


def available_lessons() -> list[str]:
    """Lessons that have a real bank (``NN.toml``), sorted; ``_example`` is left out."""
    folder = quiz_dir()
    return sorted(p.stem for p in folder.glob("[0-9][0-9].toml")) if folder.is_dir() else []


def load_bank(lesson: str) -> tuple[Question, ...]:
    """All questions of ``lesson``, in file order. Raises ``QuizBankError``."""
    path = bank_path(lesson)
    if not path.is_file():
        raise QuizBankError(path, [f"no question bank for lesson {lesson!r} (file not found)"])
    return load_file(path)


def sections(lesson: str) -> list[str]:
    """The section names of ``lesson``'s bank, in order of first appearance."""
    return list(dict.fromkeys(q.section for q in load_bank(lesson)))


_CACHE: dict[Path, tuple[tuple[int, int], tuple[Question, ...]]] = {}


def load_file(path: Path | str) -> tuple[Question, ...]:
    """Parse and validate one bank file; the lesson id is the file's stem."""
    path = Path(path)
    try:
        stat = path.stat()
    except OSError as exc:
        raise QuizBankError(path, [f"cannot read the file ({exc.strerror})"]) from None
    key = (stat.st_mtime_ns, stat.st_size)
    cached = _CACHE.get(path.resolve())
    if cached and cached[0] == key:
        return cached[1]
    questions = _parse(path)
    _CACHE[path.resolve()] = (key, questions)
    return questions


def clear_cache() -> None:
    _CACHE.clear()


def _parse(path: Path) -> tuple[Question, ...]:
    data = _read_toml(path)
    lesson = path.stem
    raw = data.get("question")
    salt = data.get(SALT_KEY, "")
    problems = [f"unknown top-level key {k!r} (questions go in [[question]] tables)"
                for k in data if k not in ("question", SALT_KEY)]
    if not isinstance(salt, str) or (SALT_KEY in data and not salt.strip()):
        problems.append(f"{SALT_KEY!r} must be non-empty text")
        salt = ""
    if not isinstance(raw, list) or not raw:
        problems.append("no questions: add at least one [[question]] table")
        raise QuizBankError(path, problems)
    questions, seen = [], set()
    for index, entry in enumerate(raw, start=1):
        label = _label(entry, index)
        found = _check_entry(entry, lesson, salt)
        qid = entry.get("id") if isinstance(entry, dict) else None
        if isinstance(qid, str):
            if qid in seen:
                found.append(f"duplicate id {_show(qid)} (ids must be unique)")
            seen.add(qid)
        problems += [f"{label}: {p}" for p in found]
        if not found:
            questions.append(_build(entry, lesson, salt))
    if problems:
        raise QuizBankError(path, problems)
    return tuple(questions)


def _read_toml(path: Path) -> dict[str, Any]:
    """The parsed file. A byte-order mark (Notepad adds one) is accepted; nesting too
    deep for the parser is reported, not raised as a RecursionError."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except RecursionError:
        raise QuizBankError(path, [
            "arrays or tables are nested too deeply to read; a question bank needs only "
            "[[question]] tables holding texts, numbers and flat lists of texts"]) from None
    except tomllib.TOMLDecodeError as exc:
        # The message ends with "(at line N, column M)".
        raise QuizBankError(path, [f"TOML syntax error: {exc}"]) from None
    except UnicodeDecodeError:
        raise QuizBankError(path, ["the file is not UTF-8 text; save it as UTF-8"]) from None
    except OSError as exc:
        raise QuizBankError(path, [f"cannot read the file ({exc.strerror})"]) from None


def _label(entry: Any, index: int) -> str:
    qid = entry.get("id") if isinstance(entry, dict) else None
    if isinstance(qid, str) and qid.strip():
        return f"question {_show(qid)}"
    return f"question #{index} (no id)"


def _check_entry(entry: Any, lesson: str, salt: str = "") -> list[str]:
    """Every problem with one ``[[question]]`` table, as readable sentences."""
    if not isinstance(entry, dict):
        return ["each question must be a [[question]] table"]
    allowed = ALLOWED | set(HASHED_ONLY) if salt else ALLOWED
    problems = [f"missing required field {f!r}" for f in REQUIRED if f not in entry]
    problems += [f"field {f!r} must be non-empty text" for f in REQUIRED
                 if f in entry and not _text(entry[f])]
    problems += [f"unknown field {f!r} (allowed: {', '.join(REQUIRED + OPTIONAL)})"
                 for f in entry if f not in allowed]
    qid = entry.get("id")
    if _text(qid) and not qid.startswith(f"{lesson}."):
        problems.append(f"id {_show(qid)} must start with the lesson id and a dot, "
                        f"e.g. '{lesson}.1'")
    problems += _check_objective(entry, lesson)
    kind = entry.get("kind")
    if kind in KINDS and salt:
        problems += _check_hashed(entry, salt)
    elif kind in KINDS:
        kind_problems = _CHECKS[kind](entry)
        problems += kind_problems or _check_hint(entry)
    elif "kind" in entry:
        problems.append(f"unknown kind {_show(kind)} (use one of: {', '.join(KINDS)})")
    return problems


def _check_objective(entry: dict, lesson: str) -> list[str]:
    """The objective, when given, must be one the lesson states (comrades.objectives)."""

    if "objective" not in entry:
        return []
    value = entry["objective"]
    stated = objectives.OBJECTIVES.get(lesson)
    if not _text(value) or not re.fullmatch(r"O\d+", value.strip()):
        return [f"objective {_show(value)} must be an objective id such as \"O2\""]
    if stated is not None and value.strip() not in stated:
        return [f"objective {_show(value)} is not one of lesson {lesson}'s objectives "
                f"({', '.join(stated)})"]
    return []


def _check_hint(entry: dict) -> list[str]:
    """A hint points the way back to the evidence; it must not contain the answer."""
    hint = entry.get("hint")
    if not _text(hint):
        return []
    kind = entry["kind"]
    answer: Any = entry.get("answer")  # the kind's own check has vetted it
    if kind == "number":
        if _mentions_number(hint, answer):
            return [f"the hint gives the answer away: it contains {format_number(answer)}"]
        return []
    right: list[Any] = {"single": [answer], "multiple": answer,
                        "order": entry.get("options")}[kind]
    return [f"the hint gives the answer away: it contains the option {_show(text)}"
            for text in right if folded(text) in folded(hint)]






def _mentions_number(text: str, value: float) -> bool:
    """Whether ``text`` contains ``value`` as a number of its own ("1964", not "19645")."""
    digits = re.escape(format_number(value, exact=True))
    return re.search(rf"(?<![\d.]){digits}(?![\d]|\.\d)", text) is not None


_SHORT = reprlib.Repr()
_SHORT.maxlevel, _SHORT.maxstring, _SHORT.maxother, _SHORT.maxlist = 3, 200, 60, 6


def _show(value: Any) -> str:
    """A value from the file, quoted as Python would, but short and never recursing."""
    return _SHORT.repr(value)


def _text(value: Any) -> TypeGuard[str]:
    return isinstance(value, str) and bool(value.strip())


def _check_options(entry: dict, minimum: int) -> list[str]:
    options = entry.get("options")
    if options is None:
        return ["missing required field 'options'"]
    if not isinstance(options, list) or not all(_text(o) for o in options):
        return ["'options' must be a list of non-empty texts"]
    problems = [f"duplicate option {_show(o)}" for o in dict.fromkeys(options)
                if options.count(o) > 1]
    if len(options) < minimum:
        problems.append(f"needs at least {minimum} options, has {len(options)}")
    return problems


def _check_single(entry: dict) -> list[str]:
    problems = _check_options(entry, 2)
    answer = entry.get("answer")
    if answer is None:
        return problems + ["no correct answer: add answer = \"<one of the options>\""]
    if isinstance(answer, list):
        return problems + ["a single-choice answer is one text; "
                           "for several right answers use kind = \"multiple\""]
    if not problems and answer not in entry["options"]:
        problems.append(f"answer {_show(answer)} is not among the options")
    return problems


def _check_multiple(entry: dict) -> list[str]:
    problems = _check_options(entry, 2)
    answer = entry.get("answer")
    if answer is None:
        return problems + ["no correct answer: add answer = [\"<option>\", ...]"]
    if not isinstance(answer, list) or not all(isinstance(a, str) for a in answer):
        return problems + ["a multiple-choice answer must be a list of options"]
    if not answer:
        return problems + ["the answer list is empty: at least one option must be correct"]
    problems += [f"answer {_show(a)} is listed twice" for a in dict.fromkeys(answer)
                 if answer.count(a) > 1]
    if not _check_options(entry, 2):
        problems += [f"answer {_show(a)} is not among the options" for a in answer
                     if a not in entry["options"]]
    return problems


def _check_order(entry: dict) -> list[str]:
    problems = _check_options(entry, 2)
    if "answer" in entry:
        problems.append("an order question has no 'answer': list the options in the right order")
    return problems


def _check_number(entry: dict) -> list[str]:
    problems = []
    answer = entry.get("answer")
    if answer is None:
        problems.append("no correct answer: add answer = <a number>")
    elif not _finite_number(answer):
        problems.append(f"answer {_show(answer)} must be a number (no quotes)")
    tolerance = entry.get("tolerance", 0)
    if not _finite_number(tolerance) or tolerance < 0:
        problems.append(f"tolerance {_show(tolerance)} must be a number >= 0")
    if "unit" in entry and not isinstance(entry["unit"], str):
        problems.append("'unit' must be text, e.g. unit = \"year\"")
    if "options" in entry:
        problems.append("a number question has no 'options'")
    return problems


def _finite_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


_CHECKS = {"single": _check_single, "multiple": _check_multiple,
           "order": _check_order, "number": _check_number}


def _check_hashed(entry: dict, salt: str) -> list[str]:
    """A hashed question: its digests must be digests of its own options (so a
    damaged student bank is caught here, not by a student who cannot get it right)."""
    kind, qid, answer = entry["kind"], entry.get("id", ""), entry.get("answer")
    if kind == "number":
        problems = [] if _digest_text(answer) else ["the hashed answer must be one digest"]
        if entry.get("tolerance", 0) != 0:
            problems.append("a hashed number is exact: it cannot have a tolerance")
        return problems
    problems = _check_options(entry, 2)
    if problems:
        return problems
    options = entry["options"]
    if kind == "single":
        ok = _digest_text(answer) and answer in {digest(salt, qid, o) for o in options}
        return [] if ok else ["the hashed answer is not the digest of an option"]
    if not isinstance(answer, list) or not all(_digest_text(a) for a in answer):
        return ["the hashed answer must be a list of digests"]
    if kind == "multiple":
        hashes = {digest(salt, qid, o) for o in options}
        ok = bool(answer) and len(set(answer)) == len(answer) and set(answer) <= hashes
        return [] if ok else ["the hashed answers are not digests of distinct options"]
    places = [{digest(salt, qid, o, i) for o in options} for i in range(len(options))]
    ok = len(answer) == len(options) and all(a in p for a, p in zip(answer, places,
                                                                        strict=False))
    return [] if ok else ["the hashed order does not match the options"]


def _digest_text(value: Any) -> bool:
    return isinstance(value, str) and value.startswith("sha256:") and len(value) == 71


def _build(entry: dict, lesson: str, salt: str = "") -> Question:
    kind = entry["kind"]
    options = tuple(entry.get("options", ()))
    answer: Any = entry.get("answer")
    if salt:
        answer = tuple(answer) if isinstance(answer, list) else answer
    elif kind == "multiple":
        answer = tuple(answer)
    elif kind == "order":
        answer = options
    elif kind == "number":
        answer = float(answer)
    return Question(
        id=entry["id"], lesson=lesson, section=entry["section"].strip(), kind=kind,
        prompt=entry["prompt"].strip(), explanation=entry["explanation"].strip(),
        source=entry["source"].strip(), hint=entry["hint"].strip(), options=options, answer=answer,
        tolerance=float(entry.get("tolerance", 0)), unit=entry.get("unit", "").strip(),
        objective=f"{lesson}-{entry['objective'].strip()}" if "objective" in entry else "",
        salt=salt, shown_answer=entry.get("shown_answer", "") if salt else "",
    )


# --- repeats across banks -------------------------------------------------------------

SAME_PROMPT = 0.8  # how alike two prompts must be (difflib's ratio) to count as one question


def repeats(questions: list[Question] | tuple[Question, ...]) -> list[tuple[str, str]]:
    """Pairs of question ids that ask the same thing: the same answer and prompts alike
    at :data:`SAME_PROMPT` or more once case, punctuation and spacing are set aside.
    Read it over every bank when adding a question (``repeats(all_questions())``)."""
    from difflib import SequenceMatcher

    def plain(text: str) -> str:
        return " ".join(re.sub(r"[^\w\s]", " ", folded(text)).split())

    found = []
    for index, first in enumerate(questions):
        for second in questions[index + 1:]:
            if first.answer != second.answer or first.kind != second.kind:
                continue
            ratio = SequenceMatcher(None, plain(first.prompt), plain(second.prompt)).ratio()
            if ratio >= SAME_PROMPT:
                found.append((first.id, second.id))
    return found


def all_questions() -> tuple[Question, ...]:
    """Every question of every bank the course ships, lesson by lesson."""
    return tuple(q for lesson in available_lessons() for q in load_bank(lesson))
