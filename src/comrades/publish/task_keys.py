"""The exercise tasks' literal keys, hashed or sealed in the student edition.

Most tasks compute their expected answer from ``data/`` when the check runs (a count, a
number of days, a table, a chart's rows, a coding range): there is no stored key to
hide, only the computation, and the student has the same data. A few tasks declare
their key as a literal in ``comrades/tasks/lessonNN.py``. In the edition's copy of
those modules each such literal is replaced, in place, by:

* an exact number (tolerance 0) or an ordering → a ``HashedKey`` (``comrades.quiz.keys``:
  the digest the quizzes use; one per place for an ordering), with the answer text
  sealed for a deliberate reveal. A hashed number can say right or not right, not "too
  early" or "too late";
* a model answer's key points (written tasks) → sealed text, unsealed when the module
  is imported, because the check shows them once the student has handed in.

A number with a tolerance cannot be hashed (no digest says "within 2 of"); it keeps its
literal, and ``literal_keys`` reports it. Numbers and orderings are hashed only when the
task kinds grade a ``HashedKey`` (``comrades.tasks.kinds`` imports it); otherwise they
stay plain and the build says so, since a key the kinds cannot read would break the task.
"""

from __future__ import annotations

import ast
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from comrades.quiz import keys

HASHABLE = {"Number", "Year", "Count", "Days", "Share", "Ordering"}
SEALED = {"FreeText"}
IMPORT = "from comrades.quiz.keys import HashedKey, unseal_list  # student edition keys\n"


@dataclass(frozen=True)
class LiteralKey:
    task: str
    kind: str
    node: ast.expr  # the literal in the module's source
    value: Any
    exact: bool  # no tolerance: a digest can stand for it

    @property
    def must_stay_plain(self) -> bool:
        return self.kind in HASHABLE and self.kind != "Ordering" and not self.exact


def literal_keys(source: str) -> list[LiteralKey]:
    """The tasks of a ``lessonNN`` module whose key (the kind's first argument, or the
    module-level constant it names) is a literal: ``register("00.1", Year(1950))``."""
    tree = ast.parse(source)
    constants = {node.targets[0].id: node.value for node in tree.body
                 if isinstance(node, ast.Assign) and len(node.targets) == 1
                 and isinstance(node.targets[0], ast.Name)}
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "register"
                and len(node.args) == 2):
            continue
        task, kind_call = node.args
        if not isinstance(kind_call, ast.Call):
            continue
        kind = getattr(kind_call.func, "id", "")
        if not (isinstance(task, ast.Constant) and kind in HASHABLE | SEALED
                and kind_call.args):
            continue
        key: ast.expr | None = kind_call.args[0]
        if isinstance(key, ast.Name):
            key = constants.get(key.id)
        if key is None:
            continue
        try:
            value = ast.literal_eval(key)
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            continue  # a call or a lambda: computed from data when the check runs
        tolerance = next((k.value for k in kind_call.keywords if k.arg == "tolerance"), None)
        exact = kind != "Share" and (tolerance is None or (
            isinstance(tolerance, ast.Constant) and tolerance.value == 0))
        found.append(LiteralKey(str(task.value), kind, key, value, exact))
    return found


def replacement(key: LiteralKey, task: Any, salt: str, hashing: bool = True) -> str | None:
    """The Python expression that stands for ``key`` in the edition, or None when it
    must stay as it is (a number with a tolerance; any hashed kind when ``hashing`` is
    off because the kinds cannot grade a ``HashedKey``)."""
    if key.kind in SEALED:
        return f"unseal_list({salt!r}, {keys.seal_list(salt, key.value)!r})"
    if not hashing:
        return None
    shown = keys.seal(salt, task.answer_text())
    if key.kind == "Ordering":
        digests = tuple(keys.digest(salt, key.task, task._key(item), i)
                        for i, item in enumerate(key.value))
        items = tuple(sorted(map(str, key.value)))
        return (f"HashedKey({salt!r}, {key.task!r}, {digests!r}, items={items!r}, "
                f"shown={shown!r})")
    tolerance = getattr(task, "tolerance", 0)
    if key.must_stay_plain or tolerance:
        return None
    digest = keys.digest(salt, key.task, key.value)
    return f"HashedKey({salt!r}, {key.task!r}, ({digest!r},), shown={shown!r})"


def _last_line(node: ast.stmt) -> int:
    """The line ``node`` ends on."""
    assert node.end_lineno is not None, "ast.parse gives every node an end"
    return node.end_lineno


def _span(node: ast.expr, starts: list[int]) -> tuple[int, int]:
    """Where ``node`` begins and ends in the source's bytes; ``starts`` holds the byte
    offset of each line (``ast`` counts columns in UTF-8 bytes)."""
    assert node.end_lineno is not None and node.end_col_offset is not None, \
        "ast.parse gives every node an end"
    return (starts[node.lineno - 1] + node.col_offset,
            starts[node.end_lineno - 1] + node.end_col_offset)


def rewrite(module: Path, registry: dict, hashing: bool = True) -> list[str]:
    """Replace the literal keys of one edition module in place; returns what stayed
    plain and why (empty when every literal key was replaced)."""
    source = module.read_text(encoding="utf-8")
    salt = hashlib.sha256(b"comrades-tasks\x00" + source.encode()).hexdigest()[:24]
    raw = source.encode("utf-8")
    starts = [0]
    for line in raw.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    edits, kept = [], []
    for key in literal_keys(source):
        task = registry.get(key.task)
        text = replacement(key, task, salt, hashing) if task is not None else None
        if text is None:
            kept.append(f"{module.name}: task {key.task} ({key.kind}) keeps a plain key")
            continue
        begin, end = _span(key.node, starts)
        edits.append((begin, end, text.encode("utf-8")))
    if not edits:
        return kept
    for begin, end, new in sorted(set(edits), reverse=True):
        raw = raw[:begin] + new + raw[end:]
    tree = ast.parse(source)
    last_import = max(_last_line(n) for n in tree.body
                      if isinstance(n, ast.Import | ast.ImportFrom))
    offset = starts[last_import]
    raw = raw[:offset] + IMPORT.encode() + raw[offset:]
    module.write_text(raw.decode("utf-8"), encoding="utf-8")
    return kept


def hash_tasks(tasks_dir: Path) -> list[str]:
    """Rewrite every ``lessonNN.py`` in ``tasks_dir`` (the edition's copy) from the
    checkout's registry; returns the keys that stayed plain."""
    from comrades import check

    check._load_tasks()
    hashing = kinds_grade_hashed_keys()
    kept = []
    for module in sorted(tasks_dir.glob("lesson*.py")):
        kept += rewrite(module, check._REGISTRY, hashing)
    return kept


def kinds_grade_hashed_keys() -> bool:
    """Whether the task kinds grade a ``HashedKey``: the module imports the quizzes' own
    class. (The edition copies these kinds, so the checkout's module answers for it.)"""
    from comrades.tasks import kinds

    return getattr(kinds, "HashedKey", None) is keys.HashedKey
