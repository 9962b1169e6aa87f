"""The status of an answer, and the words a person reads for it: one set for quizzes,
checks, progress and the student's and teacher's views.

A saved or shown answer is one of :data:`STATUSES` (plus :data:`UNANSWERED`, which is
shown but never saved). :data:`WORDS` is what a reader sees beside the colour, so the
verdict is never colour-only, and a wrong answer reads "Not yet" everywhere: in a check,
in a quiz and in a progress table. This module imports nothing of the course: it stands
at the vocabulary floor, below everything that judges or records.
"""

from __future__ import annotations

PASSED, FAILED, UNANSWERED = "passed", "failed", "unanswered"
SUBMITTED, REVEALED = "submitted", "revealed"
# What a saved attempt was: graded right or wrong, written work handed in (not graded),
# or an answer the student chose (or was given, after the second wrong try) to see.
STATUSES = (PASSED, FAILED, SUBMITTED, REVEALED)
# Done: right, or written work handed in. A revealed answer is not done.
DONE = (PASSED, SUBMITTED)

WORDS = {PASSED: "Correct", FAILED: "Not yet", UNANSWERED: "Not answered yet",
         SUBMITTED: "Submitted", REVEALED: "Answer shown"}
# Okabe–Ito colour-blind-safe colours of each status (always beside its word).
COLOURS = {PASSED: "#009E73", FAILED: "#D55E00", UNANSWERED: "#0072B2",
           SUBMITTED: "#0072B2", REVEALED: "#CC79A7"}


def word(status: str) -> str:
    """The word a person reads for ``status`` (the status itself if it is not known)."""
    return WORDS.get(status, status)


def of_row(status: object, passed: object) -> str:
    """The status of a saved row: its own, or for a row saved before the status column
    existed, what its ``passed`` flag says."""
    text = "" if status is None else str(status).strip()
    if text and text != "nan":
        return text
    return PASSED if str(passed).strip().lower() in ("1", "true", "1.0") else FAILED


def of_verdict(correct: bool | None) -> str:
    """The status of a quiz verdict: right, wrong, or nothing gradable given."""
    return {True: PASSED, False: FAILED, None: UNANSWERED}[correct]
