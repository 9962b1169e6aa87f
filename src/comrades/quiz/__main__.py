"""Check the question banks: ``python -m comrades.quiz [FILE ...]`` (exit status 1 on
any problem).

Without arguments it checks every ``*.toml`` in the quiz folder, and reports as a
problem a lesson notebook (``notebooks/NN_*.ipynb``) whose bank is missing. With
arguments it checks those files, and a file that does not exist is a problem. A quicker
check for teachers than the whole test suite; ``make test`` runs it too, through
``tests/test_quiz.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from comrades.paths import REPO_ROOT, quiz_dir
from comrades.quiz.bank import QuizBankError, bank_path, load_file
from comrades.quiz.grading import count


def lessons_with_notebooks() -> list[str]:
    """The lesson ids of the notebooks, each of which shows its lesson's quiz."""
    return sorted({p.name[:2] for p in (REPO_ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")})


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args:
        paths = [Path(a) for a in args]
    else:
        found = sorted(quiz_dir().glob("*.toml"))
        paths = sorted({*found, *(bank_path(lesson) for lesson in lessons_with_notebooks())})
        if not paths:
            print(f"No question banks (*.toml) in {quiz_dir()}")
            return 1
    failed = 0
    for path in paths:
        try:
            if not path.is_file():
                raise QuizBankError(path, [_missing(path)])
            questions = load_file(path)
        except QuizBankError as exc:
            failed += 1
            print(exc)
        else:
            print(f"{path.name}: OK, {count(len(questions), 'question')}")
    if failed:
        print(f"{count(failed, 'bank')} with problems.")
    return 1 if failed else 0


def _missing(path: Path) -> str:
    if path.stem in lessons_with_notebooks():
        return f"file not found: the notebook of lesson {path.stem} shows a quiz from it"
    return "file not found"


if __name__ == "__main__":
    sys.exit(main())
