"""Answer keys that are not plain text: the student edition's quiz banks.

The teacher's banks in ``data/quizzes/`` hold their right answers in plain text. The
student edition (``make student-edition``) ships the same banks with a ``key_salt`` and
every right answer replaced by :func:`digest` of the normalised answer, so a student
who opens the file sees no key. Grading compares through :func:`key_of`, which is the
identity for a plain bank and :func:`digest` for a hashed one: one grading code path
for both.

Explanations usually state the answer, and "Show answer" must show it, so those two
texts are *sealed* (:func:`seal`): an XOR with a keystream derived from the salt,
base64-encoded. They are decoded only when the widget's rules show them. This keeps the
key from being read by a glance at the file; it is not secrecy against a student who
reads this module (the salt ships with the bank, so anyone can hash each option). A
self-checking quiz that runs on the student's machine cannot do better; a teacher who
needs that grades on the hub instead.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from typing import Any

from comrades.answers import format_number

PREFIX = "sha256:"
SEALED = "sealed:"


def normalise(value: Any) -> str:
    """The form of an answer that is hashed: a number as its shortest exact text
    ("1964" for 1964.0), a text with runs of white space as one space."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return format_number(value, exact=True)
    return " ".join(str(value).split())


def digest(salt: str, question_id: str, value: Any, position: int | None = None) -> str:
    """The salted hash of one normalised answer (of ``value`` at ``position`` for an
    order question, so each place is checked on its own)."""
    place = "" if position is None else str(position)
    text = "\x1f".join((salt, question_id, place, normalise(value)))
    return PREFIX + hashlib.sha256(text.encode("utf-8")).hexdigest()


def is_hashed(question: Any) -> bool:
    return bool(getattr(question, "salt", ""))


def key_of(question: Any, value: Any, position: int | None = None) -> Any:
    """What grading compares with ``question.answer``: ``value`` itself for a plain
    bank, its digest for a hashed one."""
    if not is_hashed(question):
        return value
    return digest(question.salt, question.id, value, position)


def _keystream(salt: str, length: int) -> bytes:
    out, block = bytearray(), 0
    while len(out) < length:
        out += hashlib.sha256(f"{salt}\x1fseal\x1f{block}".encode()).digest()
        block += 1
    return bytes(out[:length])


def seal(salt: str, text: str) -> str:
    """``text`` made unreadable at a glance; :func:`unseal` gives it back."""
    raw = text.encode("utf-8")
    mixed = bytes(a ^ b for a, b in zip(raw, _keystream(salt, len(raw)), strict=True))
    return SEALED + base64.b64encode(mixed).decode("ascii")


def unseal(salt: str, text: str) -> str:
    """The text :func:`seal` sealed; any other text unchanged."""
    if not salt or not text.startswith(SEALED):
        return text
    try:
        mixed = base64.b64decode(text[len(SEALED):], validate=True)
        raw = bytes(a ^ b for a, b in zip(mixed, _keystream(salt, len(mixed)), strict=True))
        return raw.decode("utf-8")
    except ValueError:  # a damaged sealed text: show it as it stands, never raise
        return text


def explanation_of(question: Any) -> str:
    """The explanation as a student reads it (unsealed in a hashed bank)."""
    return unseal(getattr(question, "salt", ""), question.explanation)


# -- exercise tasks -------------------------------------------------------------------------
# The student edition replaces an exercise task's literal, exact key (a year, an order of
# events) by a HashedKey, and a model answer's key points by sealed text
# (``comrades.publish.task_keys``). The task kinds grade through ``matches``.

@dataclass(frozen=True)
class HashedKey:
    """An exact key held as digests: one for a value, one per place for an order.
    ``items`` are the things to order (given to students in the task anyway);
    ``shown`` is the sealed answer text for a deliberate reveal."""

    salt: str
    task: str
    digests: tuple[str, ...]
    items: tuple[str, ...] = ()
    shown: str = ""

    def matches(self, value: Any, position: int | None = None) -> bool:
        index = 0 if position is None else position
        return (0 <= index < len(self.digests)
                and digest(self.salt, self.task, value, position) == self.digests[index])

    def text(self) -> str:
        return unseal(self.salt, self.shown)


def unseal_list(salt: str, sealed: str) -> list[str]:
    """A list of texts sealed as one (lines joined by a unit separator)."""
    return unseal(salt, sealed).split("\x1e")


def seal_list(salt: str, texts: Any) -> str:
    return seal(salt, "\x1e".join(texts))
