"""Mutation testing of the modules that guard students' data: ``make mutation``.

mutmut (from PyPI) changes one small thing at a time in a module (a comparison turned
round, a constant changed, a branch dropped) and runs the tests that reach it; a change
no test notices "survives" and points at a test to write. It runs in a scratch copy
(``build/mutation/``) with its own virtual environment, in which the course is *not*
installed, so that the tests import the mutated copy and not the checkout. It takes a
long time on two cores, so it is kept out of ``make test`` and CI.

    python tools/mutation.py                 # every module below
    python tools/mutation.py untrusted lens  # only these

It prints, per module, how many changes the tests killed and which survived, and writes
nothing in the checkout.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "build" / "mutation"
VENV = WORK / "venv"
MUTMUT = "mutmut==3.8.1"

# module (under src/comrades) -> the tests that guard it
MODULES = {
    "progress": ["test_progress.py", "test_identity.py", "test_lite_storage.py"],
    "classroom": ["test_classroom.py", "test_class_folder_faults.py", "test_lab.py"],
    "untrusted": ["test_untrusted.py", "test_hostile_names.py"],
    "tables": ["test_tables.py", "test_hostile_names.py", "test_accessibility.py",
               "test_widgets.py"],
    "quiz/grading": ["test_quiz.py", "test_quiz_keys.py"],
    "tasks/kinds": ["test_tasks_kinds.py", "test_tasks_table.py", "test_integrity.py"],
    "lens": ["test_lens.py"],
    "lab": ["test_lab.py"],
    "marking": ["test_marking.py"],
}
# Tests left out of a mutation run: those that start another Python process (it would
# import the mutated copy without mutmut's bookkeeping), and one that reads the packaged
# data through a path the scratch copy does not have.
LEFT_OUT = ("test_a_kernel_killed_mid_write_loses_at_most_that_answer",
            "test_four_kernels_starting_on_a_corrupt_file_keep_one_whole_copy",
            "test_four_kernels_writing_at_once_lose_nothing",
            "test_running_out_of_file_descriptors_moves_nothing", "test_import_is_cheap",
            "test_a_deeply_nested_bank_does_not_break_the_progress_views")
COPIED = ("data", "docs", "notebooks", "exercises", "solutions", "tools")


def _venv() -> Path:
    """A virtual environment with the locked packages and mutmut, but not the course."""
    python = VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "-r",
                        str(ROOT / "requirements.lock"), MUTMUT], check=True)
    return python


def _checkout(dest: Path) -> None:
    """The files git would commit, symbolic links kept (``course_data`` is one)."""
    if dest.exists():
        shutil.rmtree(dest)
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT,
                            capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source, target = ROOT / name, dest / name
        if not source.exists() and not source.is_symlink():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():
            target.symlink_to(os.readlink(source))
        else:
            shutil.copy2(source, target)


def _configure(copy: Path, module: str) -> None:
    """Point mutmut at one module and its tests (every other module is left alone)."""
    target = f"src/comrades/{module}.py"
    others = sorted(str(p.relative_to(copy)) for p in (copy / "src").rglob("*.py")
                    if str(p.relative_to(copy)) != target)
    tests = [f"tests/{name}" for name in MODULES[module]]
    config = "\n".join([
        "", "[tool.mutmut]", 'paths_to_mutate = ["src/"]',
        "do_not_mutate = [" + ", ".join(f'"{p}"' for p in others) + "]",
        "tests_dir = [" + ", ".join(f'"{t}"' for t in tests) + "]",
        'pytest_add_cli_args = ["-k", "' + " and ".join(f"not {t}" for t in LEFT_OUT) + '"]',
        "also_copy = [" + ", ".join(f'"{c}"' for c in COPIED) + "]", ""])
    with (copy / "pyproject.toml").open("a", encoding="utf-8") as handle:
        handle.write(config)


def run(module: str, python: Path) -> Counter:
    copy = WORK / module.replace("/", "-")
    _checkout(copy)
    _configure(copy, module)
    mutants = copy / "mutants" / "src"
    mutants.mkdir(parents=True)  # on the path from the start, so the copy is imported
    environment = {**os.environ, "PYTHONPATH": str(mutants)}
    mutmut = [str(python.parent / "mutmut")]
    subprocess.run([*mutmut, "run"], cwd=copy, env=environment, capture_output=True)
    results = subprocess.run([*mutmut, "results", "--all", "true"], cwd=copy, env=environment,
                             capture_output=True, text=True).stdout
    found = re.findall(r"^\s*(\S+__mutmut_\d+): (.+)$", results, re.M)
    for name, verdict in found:
        if verdict == "survived":
            shown = subprocess.run([*mutmut, "show", name], cwd=copy, env=environment,
                                   capture_output=True, text=True).stdout
            change = [line for line in shown.splitlines() if line.startswith(("-", "+"))
                      and not line.startswith(("---", "+++"))]
            print(f"  survived {name}: {' / '.join(change)}")
    return Counter(verdict for _, verdict in found)


def main(argv: list[str]) -> int:
    chosen = argv or list(MODULES)
    unknown = [m for m in chosen if m not in MODULES]
    if unknown:
        print(f"unknown module(s): {', '.join(unknown)}; choose from {', '.join(MODULES)}")
        return 2
    WORK.mkdir(parents=True, exist_ok=True)
    python = _venv()
    for module in chosen:
        print(f"{module}:")
        counts = run(module, python)
        total, killed = sum(counts.values()), counts.pop("killed", 0)
        score = f"{killed / total:.0%}" if total else "n/a"
        rest = ", ".join(f"{n} {verdict}" for verdict, n in counts.most_common())
        print(f"  {total} changes: {killed} killed ({score}); {rest or 'none other'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
