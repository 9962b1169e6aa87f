"""Start and stop a private, offline JupyterLab server for the browser test.

Everything the server writes (runtime files, settings, workspaces, kernels' user data)
goes to a temporary folder, and the user settings in ``tests/lab-settings`` silence every
feature of JupyterLab that would reach the internet (news, update checks, the extension
manager's PyPI look-ups).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

SETTINGS_FIXTURE = Path(__file__).with_name("lab-settings")
STARTUP_TIMEOUT = 90.0


@dataclass
class JupyterLab:
    """A running JupyterLab server: where it listens and how to talk to it."""

    process: subprocess.Popen
    port: int
    token: str
    root_dir: Path
    log_path: Path

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str, *flags: str) -> str:
        query = "&".join([*flags, f"token={self.token}"])
        return f"{self.base_url}/{path.lstrip('/')}?{query}"

    def api(self, path: str, method: str = "GET") -> object:
        """Call a server REST endpoint (``/api/...``) and decode its JSON answer."""
        request = urllib.request.Request(
            f"{self.base_url}/{path.lstrip('/')}",
            method=method,
            headers={"Authorization": f"token {self.token}"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read()
        return json.loads(body) if body else None

    def shut_down_kernels(self) -> None:
        """End every notebook session, so kernels do not pile up between tests."""
        for session in self.api("api/sessions"):
            self.api(f"api/sessions/{session['id']}", method="DELETE")

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _environment(home: Path) -> dict[str, str]:
    """A copy of os.environ pointing every Jupyter folder into ``home``."""
    env = dict(os.environ)
    settings = home / "lab-settings"
    shutil.copytree(SETTINGS_FIXTURE, settings)
    env.update(
        HOME=str(home),
        JUPYTER_RUNTIME_DIR=str(home / "runtime"),
        JUPYTER_CONFIG_DIR=str(home / "config"),
        JUPYTER_DATA_DIR=str(home / "data"),
        JUPYTERLAB_SETTINGS_DIR=str(settings),
        JUPYTERLAB_WORKSPACES_DIR=str(home / "workspaces"),
        JUPYTER_PLATFORM_DIRS="1",
        IPYTHONDIR=str(home / "ipython"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_CONFIG_HOME=str(home / "xdg-config"),
        XDG_DATA_HOME=str(home / "xdg-data"),
        COMRADES_PROGRESS_DIR=str(home / "progress"),  # the quizzes' saved results
        PYTHONUNBUFFERED="1",
    )
    return env


def start_lab(root_dir: Path, home: Path) -> JupyterLab:
    """Start ``jupyter lab`` serving ``root_dir``; return once /api/status answers."""
    port = free_port()
    token = secrets.token_hex(24)
    home.mkdir(parents=True, exist_ok=True)
    log_path = home / "jupyterlab.log"
    command = [
        sys.executable, "-m", "jupyter", "lab",
        "--no-browser",
        "--allow-root",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root_dir}",
        # No server-side calls home either: no news feed, no update check, no PyPI.
        "--LabApp.news_url=",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",
        "--ServerApp.terminals_enabled=False",
    ]  # fmt: skip
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command,
            cwd=root_dir,
            env=_environment(home),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its kernels share our own process group
        )
    lab = JupyterLab(process, port, token, root_dir, log_path)
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"JupyterLab exited with {process.returncode}:\n{lab.log()}")
        try:
            lab.api("api/status")
            return lab
        except (OSError, urllib.error.URLError):
            time.sleep(0.25)
    stop_lab(lab)
    raise RuntimeError(f"JupyterLab did not answer within {STARTUP_TIMEOUT:.0f} s:\n{lab.log()}")


def stop_lab(lab: JupyterLab) -> None:
    """Stop the server and its kernels; SIGKILL its process group if it lingers."""
    process = lab.process
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            pass
    try:  # kernels the server failed to shut down
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.wait(timeout=10)
