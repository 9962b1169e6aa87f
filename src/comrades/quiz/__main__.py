"""Check every question bank: ``python -m comrades.quiz`` (exit status 1 on problems).

A quicker check for teachers than the whole test suite; ``make test`` runs it too,
through ``tests/test_quiz.py``.
"""

from __future__ import annotations

import sys

from comrades.paths import quiz_dir
from comrades.quiz.bank import QuizBankError, load_file


def main() -> int:
    paths = sorted(quiz_dir().glob("*.toml"))
    if not paths:
        print(f"No question banks (*.toml) in {quiz_dir()}")
        return 1
    failed = 0
    for path in paths:
        try:
            questions = load_file(path)
        except QuizBankError as exc:
            failed += 1
            print(exc)
        else:
            n = len(questions)
            print(f"{path.name}: OK, {n} question{'' if n == 1 else 's'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
