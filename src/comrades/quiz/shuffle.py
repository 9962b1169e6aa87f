"""Each student's own order of a question's options.

A quiz cannot be answered by position: the options of every single, multiple and order
question are shown in an order seeded by the student's install id (kept with their
progress file, ``comrades.progress.install_id``) and the question id. Re-running a cell
shows the same order; another student, or a fresh install, sees another one. Grading
never looks at positions, only at the option texts (which the bank keeps unique).
"""

from __future__ import annotations

import hashlib
import random
import uuid

from comrades.quiz.bank import Question

_SESSION_SEED = ""


def student_seed() -> str:
    """The install id of this student's progress file; if progress cannot be read, an id
    for this session alone (still stable while the kernel runs)."""
    global _SESSION_SEED
    try:
        from comrades import progress

        seed = progress.install_id()
        if isinstance(seed, str) and seed:
            return seed
    except Exception:  # noqa: BLE001 - a quiz works without saved progress
        pass
    _SESSION_SEED = _SESSION_SEED or uuid.uuid4().hex
    return _SESSION_SEED


def shuffled_options(question: Question, seed: str) -> list[str]:
    """The options of ``question`` in the order this student sees them.

    The seed is hashed with SHA-256 (Python's ``hash`` varies between runs). An order
    question is never shown already in the right order.
    """
    items = list(question.options)
    digest = hashlib.sha256(f"{seed}\x00{question.id}".encode()).digest()
    random.Random(int.from_bytes(digest[:8], "big")).shuffle(items)
    if question.kind == "order" and len(items) > 1 and _in_right_order(question, items):
        items = items[1:] + items[:1]
    return items


def _in_right_order(question: Question, items: list[str]) -> bool:
    from comrades.quiz.keys import key_of

    return all(key_of(question, item, i) == question.answer[i] for i, item in enumerate(items))
