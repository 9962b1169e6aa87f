"""The publishing workflow (.github/workflows/pages.yml) that puts the in-browser edition
and the reading site on GitHub Pages for every push to main.

It cannot run here (it runs on GitHub), so it is held to what can be checked offline:
the workflow schema (check-jsonschema's vendored copy), zizmor's security audit in its
offline mode, and the course's own rules (the builds it runs, the Python it uses, actions
pinned to commits, no expression spliced into a shell script)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
WORKFLOW = REPO / ".github" / "workflows" / "pages.yml"
BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(BIN)) or shutil.which(name)
    if not found:
        pytest.fail(f"{name} is not installed: it is part of the test extra")
    return found


def _workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def _steps() -> list[dict]:
    return [step for job in _workflow()["jobs"].values() for step in job["steps"]]


def test_workflow_matches_the_github_workflow_schema():
    done = subprocess.run([_tool("check-jsonschema"), "--builtin-schema",
                           "vendor.github-workflows", str(WORKFLOW)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def test_workflow_passes_zizmor_offline():
    done = subprocess.run([_tool("zizmor"), "--offline", "--no-progress", str(WORKFLOW)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def test_workflow_builds_both_editions_and_deploys_them():
    runs = "\n".join(step.get("run", "") for step in _steps())
    assert "make lite" in runs and "make site" in runs
    uses = [step.get("uses", "") for step in _steps()]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    on = _workflow()[True]  # YAML 1.1 reads the key `on` as True
    assert on["push"]["branches"] == ["main"]


def test_every_action_is_pinned_to_a_commit():
    for step in _steps():
        if "uses" in step:
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), step["uses"]


def test_no_expression_is_spliced_into_a_shell_script():
    """`${{ … }}` inside `run:` is template injection; values reach scripts as env."""
    for step in _steps():
        assert "${{" not in step.get("run", ""), step


def test_workflow_python_is_the_one_the_lock_was_made_on():
    versions = [step["with"]["python-version"] for step in _steps()
                if step.get("uses", "").startswith("actions/setup-python@")]
    assert versions == ["3.11"]
