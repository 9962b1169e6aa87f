"""Binder builds the course with repo2docker: check the Dockerfile it would build.

``jupyter-repo2docker --no-build`` only prints the Dockerfile it generates; it needs
neither Docker nor the network, so this runs offline. The Dockerfile must create the
environment from environment.yml and then run postBuild (which installs the package).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]


def _repo2docker() -> list[str]:
    script = Path(sys.executable).with_name("jupyter-repo2docker")
    if script.exists():
        return [str(script)]
    found = shutil.which("jupyter-repo2docker")
    if found:
        return [found]
    pytest.fail("jupyter-repo2docker is not installed: pip install -e '.[test]'")


@pytest.fixture(scope="module")
def dockerfile() -> str:
    for name in ("environment.yml", "postBuild"):
        assert (REPO_ROOT / name).is_file(), f"{name} is missing: Binder needs it"
    result = subprocess.run(
        [*_repo2docker(), "--no-build", "--user-id", "1000", "--user-name", "jovyan",
         str(REPO_ROOT)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    assert result.returncode == 0, f"repo2docker failed:\n{result.stderr}"
    assert "FROM " in result.stdout, f"no Dockerfile printed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def test_repo2docker_picks_the_conda_buildpack(dockerfile: str):
    assert "CONDA_DIR" in dockerfile, "repo2docker did not choose its conda buildpack"


def test_dockerfile_installs_environment_yml(dockerfile: str):
    assert re.search(r"^COPY .*environment\.yml \$\{REPO_DIR\}/environment\.yml$", dockerfile, re.M)
    update = re.search(
        r"(mamba|conda)\S* env update .*--file \"?environment\.yml", dockerfile, re.I
    )
    assert update, "the Dockerfile never runs `mamba env update --file environment.yml`"


def test_dockerfile_runs_postbuild(dockerfile: str):
    assert os.access(REPO_ROOT / "postBuild", os.X_OK), "postBuild is not executable"
    steps = dockerfile.splitlines()
    assert "RUN ./postBuild" in steps, "the Dockerfile never runs postBuild"
    environment = next(i for i, line in enumerate(steps) if "env update" in line)
    assert environment < steps.index("RUN ./postBuild"), "postBuild runs before the env exists"


def test_notebooks_run_as_the_binder_user_not_root(dockerfile: str):
    users = re.findall(r"^USER (.+)$", dockerfile, re.M)
    assert users and users[-1] == "${NB_USER}", f"the image ends as USER {users[-1:]}"
