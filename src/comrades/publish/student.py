"""The student edition: ``python -m comrades.publish.student [--branch]``.

``build/student/`` is made from an allow-list, so a file added later to ``docs/`` or the
repository root stays out until someone decides students should have it:

* lessons (``notebooks/``), exercises (``exercises/``), the data tables, the package,
  the files that install it, the licences and a README written for students;
* the quiz banks with their right answers hashed and their explanations sealed
  (``comrades.quiz.keys``), and the exercise tasks' literal keys hashed or sealed the
  same way (``comrades.publish.task_keys``);
* from ``docs/`` only what a student uses (their own progress notebook, the syllabus).

Left out: ``solutions/``, the instructor guide, the hub guide, the class summary and
the synthetic class, checked facts, tests, the benchmark, and the quiz bank example.
``leaks`` lists what must never be in an edition; the tests and the hub test use it.

``--branch`` then commits the edition to the ``student`` branch of this repository
without touching the working tree or the index (a temporary index and
``git commit-tree``), so an nbgitpuller link can point at that branch.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from comrades import hub
from comrades.paths import REPO_ROOT
from comrades.publish.course import lessons
from comrades.publish.task_keys import SEALED, hash_tasks, kinds_grade_hashed_keys, literal_keys
from comrades.quiz import keys
from comrades.quiz.bank import load_file
from comrades.quiz.grading import answer_text

BRANCH = hub.STUDENT_BRANCH
ROOT_FILES = ("pyproject.toml", "requirements.lock", "environment.yml", "postBuild",
              "Makefile", "LICENSE", "LICENSE-CONTENT.md", "CITATION.cff")
STUDENT_DOCS = ("my_progress.ipynb", "syllabus.md")
# Never in an edition: the worked solutions and everything written for teachers.
FORBIDDEN = ("solutions", "docs/instructor-guide.md", "docs/hub-deployment.md",
             "docs/class_summary.ipynb", "docs/marking.ipynb", "docs/class_example",
             "docs/checked-facts.md",
             "tests", "hub_tests", "bench", "data/quizzes/_example.toml",
             "src/comrades/authoring.py", "src/comrades/graded.py")
SOLUTION_MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION")
# The builders, the exercise generator (which reads solutions/) and the maker of graded
# variants (whose keys only the class secret unlocks) are teachers' tools.
_SKIP = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints", "publish",
                               "authoring.py", "graded.py")


def build(dest: Path, root: Path = REPO_ROOT) -> Path:
    """Write the student edition of the checkout at ``root`` into ``dest`` (replaced)."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    _copy_files(root, dest, ROOT_FILES)
    _copy_code(root, dest)
    _copy_files(root / "docs", dest / "docs", STUDENT_DOCS)
    (dest / "README.md").write_text(readme(root), encoding="utf-8")
    problems = leaks(dest)
    if problems:
        raise SystemExit("The student edition leaks:\n" + "\n".join(problems))
    return dest


def _copy_files(source: Path, dest: Path, names: tuple[str, ...]) -> None:
    """Those of the files ``names`` that ``source`` holds, copied into ``dest`` (made
    when there is something to copy)."""
    for name in names:
        if (source / name).is_file():
            dest.mkdir(exist_ok=True)
            shutil.copy2(source / name, dest / name)


def _copy_code(root: Path, dest: Path) -> None:
    """The notebooks, exercises, package (its task keys hashed) and data."""
    # Links are copied as links, never followed (a link to a file outside the course would
    # copy that file in; a link loop would copy forever); leaks() then refuses any link
    # that does not point inside the edition.
    for folder in ("notebooks", "exercises"):
        if (root / folder).is_dir():
            shutil.copytree(root / folder, dest / folder, symlinks=True, ignore=_SKIP)
    # symlinks=True keeps src/comrades/course_data a link to ../../data, as in the repo.
    shutil.copytree(root / "src", dest / "src", symlinks=True, ignore=_SKIP)
    if (dest / "src" / "comrades" / "tasks").is_dir():
        for note in hash_tasks(dest / "src" / "comrades" / "tasks"):
            print(f"note: {note}", file=sys.stderr)
    shutil.copytree(root / "data", dest / "data", symlinks=True,
                    ignore=shutil.ignore_patterns("quizzes", "__pycache__"))
    _hashed_quizzes(root / "data" / "quizzes", dest / "data" / "quizzes")


def _hashed_quizzes(source: Path, dest: Path) -> None:
    """Every lesson bank ``NN.toml``, hashed with a salt of its own. The salt is derived
    from the bank's text, so an unchanged bank gives the same file (and the ``student``
    branch no needless change)."""
    dest.mkdir(parents=True)
    for bank in sorted(source.glob("[0-9][0-9].toml")):
        salt = hashlib.sha256(b"comrades-student\x00" + bank.read_bytes()).hexdigest()[:24]
        (dest / bank.name).write_text(hashed_bank(load_file(bank), salt),
                                      encoding="utf-8")
    if (source / "README.md").is_file():
        shutil.copy2(source / "README.md", dest / "README.md")


def hashed_bank(questions: Any, salt: str) -> str:
    """The TOML text of a student bank: ``questions`` (a plain bank, as loaded) with
    every right answer hashed and the explanation and answer text sealed. Options of an
    order question are written sorted, since their file order is the answer."""
    def value(v: Any) -> str:
        if isinstance(v, list | tuple):
            return "[" + ", ".join(value(x) for x in v) + "]"
        return json.dumps(v, ensure_ascii=False)  # a JSON string is a TOML basic string

    lines = ["# Student edition: right answers are salted hashes (comrades.quiz.keys).",
             f"key_salt = {value(salt)}", ""]
    for q in questions:
        options = sorted(q.options) if q.kind == "order" else list(q.options)
        if q.kind == "single" or q.kind == "number":
            answer: Any = keys.digest(salt, q.id, q.answer)
        elif q.kind == "multiple":
            answer = sorted(keys.digest(salt, q.id, a) for a in q.answer)
        else:
            answer = [keys.digest(salt, q.id, a, i) for i, a in enumerate(q.answer)]
        fields = {"id": q.id, "section": q.section, "kind": q.kind, "prompt": q.prompt}
        if options:
            fields["options"] = options
        fields["answer"] = answer
        if q.unit:
            fields["unit"] = q.unit
        fields |= {"hint": q.hint, "explanation": keys.seal(salt, q.explanation),
                   "shown_answer": keys.seal(salt, answer_text(q)), "source": q.source}
        lines.append("[[question]]")
        lines += [f"{k} = {value(v)}" for k, v in fields.items()]
        lines.append("")
    return "\n".join(lines)


def leaks(edition: Path, root: Path = REPO_ROOT) -> list[str]:
    """What in ``edition`` a student must not have: forbidden paths, solution markers,
    a quiz answer or explanation in plain text. Empty when the edition is clean."""
    problems = [f"{p} is present" for p in FORBIDDEN if (edition / p).exists()]
    problems += _outside_links(edition)
    for path in sorted(edition.rglob("*")):
        if path.is_file() and not path.is_symlink():  # every file, whatever its name
            text = path.read_bytes().decode("utf-8", errors="replace")
            if any(marker in text for marker in SOLUTION_MARKERS):
                problems.append(f"{path.relative_to(edition)} holds a solution marker")
    tasks = edition / "src" / "comrades" / "tasks"
    hashing = kinds_grade_hashed_keys()
    for module in sorted(tasks.glob("lesson*.py")):
        problems += [f"{module.relative_to(edition)}: task {key.task} keeps a plain key"
                     for key in literal_keys(module.read_text(encoding="utf-8"))
                     if not key.must_stay_plain and (hashing or key.kind in SEALED)]
    banks = sorted((edition / "data" / "quizzes").glob("*.toml"))
    if not banks:
        problems.append("no quiz banks in data/quizzes")
    for bank in banks:
        problems += _plain_keys(bank, root / "data" / "quizzes" / bank.name)
    return problems


def _outside_links(edition: Path) -> list[str]:
    """Every link in ``edition`` that points outside it, or at nothing: a student's copy
    must hold what it shows, and nothing of the teacher's checkout."""
    inside = edition.resolve()
    problems = []
    for folder, dirs, files in os.walk(edition):  # does not follow links to folders
        for name in dirs + files:
            path = Path(folder) / name
            if not path.is_symlink():
                continue
            target = (path.parent / os.readlink(path)).resolve()
            if not target.is_relative_to(inside) or not target.exists():
                problems.append(f"{path.relative_to(edition)} is a link to {os.readlink(path)}, "
                                "outside the edition: replace it with the file itself")
    return problems


def _plain_keys(bank: Path, original: Path) -> list[str]:
    """A student bank must be hashed, and no explanation or answer line of the teacher's
    bank may appear in it as text."""
    questions = load_file(bank)
    problems = [f"{bank.name}: question {q.id} is not hashed"
                for q in questions if not keys.is_hashed(q)]
    if original.is_file():
        text = bank.read_text(encoding="utf-8")
        for q in load_file(original):
            if " ".join(q.explanation.split())[:60] in " ".join(text.split()):
                problems.append(f"{bank.name}: the explanation of {q.id} is in plain text")
            if q.kind == "number" and f"answer = {keys.normalise(q.answer)}" in text:
                problems.append(f"{bank.name}: the answer of {q.id} is in plain text")
    return problems


def readme(root: Path = REPO_ROOT) -> str:
    """The student's README: how to start, the lessons in order, where the exercises are."""
    rows = "\n".join(
        f"| {p.number} | [{p.title}]({p.path.as_posix()}) | {p.question} |"
        for p in lessons(root))
    return f"""# Close Allies, Distant Comrades — student edition

An open Jupyter course on the **Vietnam–North Korea relationship since 1945**: why two
communist states that fought the same enemy in the 1960s stood on opposite sides by
1979, and why their warm reunion of 2019 stopped short of an alliance. It is built on
Khang X. Vu, "From Close Allies to Distant Comrades" (East-West Center, *Asia Pacific
Bulletin*, March 2023), cited by paragraph: [¶5] is its fifth paragraph.

## Start

On your class hub the course opens in JupyterLab by itself. On your own computer you
need `python3` (3.11 or newer) and `make`:

```sh
make lab     # first run sets up .venv and installs the course, then opens lesson 00
```

Work through the lessons in order. Run each cell with <kbd>Shift</kbd>+<kbd>Enter</kbd>.

## Lessons

| # | lesson | the question |
|---|---|---|
{rows}

Each lesson has an exercise notebook in `exercises/` that checks your answers and says
what is off, without giving the answer away. A quiz or a check may also show you the
answer: that is your choice, and it is recorded as "answer shown".

## Your progress

Quiz and exercise results are saved on the computer you work on. Open
`docs/my_progress.ipynb` to see them and to export the file your teacher asks for.

## What this edition is

The course's student edition: the lessons, exercises, data and helper package, without
the teachers' materials. The quiz answers in `data/quizzes/` are stored as hashes, so
reading the files does not give them away; the quizzes still check your answers. The
course is MIT-licensed code with CC BY 4.0 content (`LICENSE`, `LICENSE-CONTENT.md`).
"""


def commit_branch(edition: Path, repo: Path = REPO_ROOT, branch: str = BRANCH) -> str:
    """Commit ``edition`` as the next commit of ``branch`` (created if missing) without
    touching the working tree, the index or HEAD; returns the commit id. No commit is
    made when the tree is unchanged."""
    def git(*args: str, env: dict | None = None, stdin: str | None = None) -> str:
        return subprocess.run(["git", "-C", str(repo), *args], check=True, text=True,
                              capture_output=True, env=env, input=stdin).stdout.strip()

    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "GIT_INDEX_FILE": str(Path(tmp) / "index"),
               "GIT_WORK_TREE": str(edition)}
        git("add", "-A", "--force", ".", env=env)
        tree = git("write-tree", env=env)
    parent = git("rev-parse", "--verify", "--quiet", f"refs/heads/{branch}") \
        if _has_branch(repo, branch) else ""
    if parent and git("rev-parse", f"{parent}^{{tree}}") == tree:
        return parent
    source = git("rev-parse", "--short", "HEAD")
    args = ["commit-tree", tree, "-m", f"Student edition built from {source}"]
    if parent:
        args += ["-p", parent]
    commit = git(*args, env=_identity(repo))
    git("update-ref", f"refs/heads/{branch}", commit)
    return commit


def _identity(repo: Path) -> dict:
    """The environment for ``commit-tree``: the teacher's git identity, or a neutral one
    where git has none (a fresh CI machine), so the build never stops to ask."""
    env = dict(os.environ)
    for role in ("AUTHOR", "COMMITTER"):
        for field, key, default in (("NAME", "user.name", "Course build"),
                                    ("EMAIL", "user.email", "course-build@localhost")):
            if f"GIT_{role}_{field}" not in env:
                found = subprocess.run(["git", "-C", str(repo), "config", key],
                                       capture_output=True, text=True).stdout.strip()
                env[f"GIT_{role}_{field}"] = found or default
    return env


def _has_branch(repo: Path, branch: str) -> bool:
    return subprocess.run(["git", "-C", str(repo), "rev-parse", "--verify", "--quiet",
                           f"refs/heads/{branch}"], capture_output=True).returncode == 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dest", type=Path, default=REPO_ROOT / "build" / "student")
    parser.add_argument("--branch", action="store_true",
                        help=f"then commit the edition to the {BRANCH!r} branch")
    args = parser.parse_args(argv)
    edition = build(args.dest)
    print(f"wrote {edition}")
    if args.branch:
        print(f"{BRANCH} branch at {commit_branch(edition)[:12]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
