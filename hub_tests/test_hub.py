"""A real JupyterHub hands the course to two students with nbgitpuller (`make test-hub`).

Not part of `make test`: it needs Node.js (for configurable-http-proxy) and takes about
half a minute. Everything runs on 127.0.0.1 and lives in pytest's temporary directory,
except the proxy's npm install, cached in build/hub/node_modules and reused.

The story it checks, over HTTP only, as a browser would do it:
1. a bare "upstream" clone of this repository stands in for GitHub (a file:// URL);
   the student edition is committed to its `student` branch as `make student-branch`
   does (comrades.publish.student), and the link points at that branch;
2. student1 and student2 log in (POST /hub/login with _xsrf), click the link from
   comrades.hub.nbgitpuller_link, press "Launch server", and nbgitpuller clones the
   course into their own home; lesson 00 opens (contents API and lab/tree/… answer);
   no solution, instructor guide or plain quiz key reached them;
3. student1 edits an exercise notebook (contents API PUT); the teacher pushes a new
   commit to the student branch; student1 clicks the link again: the edit is kept and
   the commit arrived (files and `git log`); student2's copy is untouched and private.
Every wait is bounded, and the hub, the proxy and both servers are stopped afterwards,
on failure too. Timings are printed (run with -s to see them).
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlencode, urlsplit

import pytest
import requests

from comrades.hub import clone_folder, nbgitpuller_link
from comrades.publish import student

REPO = Path(__file__).resolve().parents[1]
CHP_VERSION = "5.3.0"  # configurable-http-proxy on the npm registry
NODE_DIR = REPO / "build" / "hub"
VENV_BIN = Path(sys.executable).parent
USERS = ("student1", "student2")
FIRST_LESSON = "notebooks/00_introduction.ipynb"
HUB_START_TIMEOUT = 60
SPAWN_TIMEOUT = 120
PULL_TIMEOUT = 120
HTTP_TIMEOUT = 30
STOP_TIMEOUT = 20
STUDENT_MARK = "My answer (student1): ideology and interests both mattered."
UPSTREAM_LINE = "Term 2 update: a note from the teacher."

TIMINGS: dict[str, float] = {}


@contextmanager
def timed(label):
    start = time.monotonic()
    try:
        yield
    finally:
        TIMINGS[label] = time.monotonic() - start
        print(f"[hub-test] {label}: {TIMINGS[label]:.1f}s", flush=True)


def git(*args, cwd=None) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"git {' '.join(args)} failed:\n{result.stderr}"
    return result.stdout


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def chp_executable() -> Path:
    """configurable-http-proxy, installed once from the npm registry into build/hub."""
    exe = NODE_DIR / "node_modules" / ".bin" / "configurable-http-proxy"
    manifest = NODE_DIR / "node_modules" / "configurable-http-proxy" / "package.json"
    if exe.exists() and manifest.exists() and \
            json.loads(manifest.read_text()).get("version") == CHP_VERSION:
        return exe
    npm = shutil.which("npm")
    if not npm:
        pytest.fail("make test-hub needs Node.js 20+ and npm (for configurable-http-proxy).")
    NODE_DIR.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [npm, "install", "--prefix", str(NODE_DIR), "--no-save", "--no-audit", "--no-fund",
         "--loglevel=error", f"configurable-http-proxy@{CHP_VERSION}"],
        check=True, timeout=300,
    )
    assert exe.exists(), f"npm did not install {exe}"
    return exe


# --- processes: everything the hub starts is found through /proc and stopped by pid --------

def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        tree.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    return tree


def descendants(pid: int) -> set[int]:
    tree, found, todo = _children(), set(), [pid]
    while todo:
        for child in tree.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def stop_all(hub: subprocess.Popen, tracked: set[int]) -> list[int]:
    """SIGTERM the hub (it stops its servers and proxy), then any straggler by pid."""
    tracked |= descendants(hub.pid)
    if hub.poll() is None:
        hub.terminate()
        try:
            hub.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            hub.kill()
            hub.wait(STOP_TIMEOUT)
    for sig in (signal.SIGTERM, signal.SIGKILL):
        left = [pid for pid in tracked if alive(pid)]
        for pid in left:
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + STOP_TIMEOUT / 2
        while left and time.monotonic() < deadline:
            left = [pid for pid in left if alive(pid)]
            time.sleep(0.2)
    return [pid for pid in tracked if alive(pid)]


# --- the hub ------------------------------------------------------------------------------

def hub_config(tmp: Path, ports: dict[str, int], chp: Path) -> str:
    path = os.pathsep.join([str(VENV_BIN), os.environ.get("PATH", "/usr/bin:/bin")])
    settings = {
        "JupyterHub.bind_url": f"http://127.0.0.1:{ports['public']}",
        "JupyterHub.hub_bind_url": f"http://127.0.0.1:{ports['hub']}",
        "JupyterHub.db_url": f"sqlite:///{tmp / 'jupyterhub.sqlite'}",
        "JupyterHub.cookie_secret_file": str(tmp / "jupyterhub_cookie_secret"),
        "JupyterHub.pid_file": str(tmp / "jupyterhub.pid"),
        "JupyterHub.authenticator_class": "dummy",
        "JupyterHub.spawner_class": "simple",
        "JupyterHub.cleanup_servers": True,
        "JupyterHub.cleanup_proxy": True,
        "ConfigurableHTTPProxy.api_url": f"http://127.0.0.1:{ports['proxy_api']}",
        "ConfigurableHTTPProxy.command": [str(chp)],
        "ConfigurableHTTPProxy.pid_file": str(tmp / "proxy.pid"),
        "Authenticator.allowed_users": set(USERS),
        "SimpleLocalProcessSpawner.home_dir_template": str(tmp / "home" / "{username}"),
        "Spawner.cmd": [str(VENV_BIN / "jupyterhub-singleuser")],
        "Spawner.args": ["--ServerApp.allow_root=True"],  # the test runs as root in CI
        "Spawner.default_url": "/lab",
        "Spawner.environment": {"PATH": path, "LANG": "C.UTF-8"},
        "Spawner.start_timeout": SPAWN_TIMEOUT,
        "Spawner.http_timeout": SPAWN_TIMEOUT,
    }
    return "c = get_config()  # noqa\n" + "".join(
        f"c.{key} = {value!r}\n" for key, value in settings.items()
    )


@contextmanager
def running_hub(tmp: Path):
    chp = chp_executable()
    ports = {name: free_port() for name in ("public", "hub", "proxy_api")}
    config = tmp / "jupyterhub_config.py"
    config.write_text(hub_config(tmp, ports, chp))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTERHUB_", "JPY_"))}
    log_path = tmp / "jupyterhub.log"
    base = f"http://127.0.0.1:{ports['public']}"
    tracked: set[int] = set()
    with open(log_path, "w") as log:
        hub = subprocess.Popen(
            [sys.executable, "-m", "jupyterhub", "-f", str(config)],
            cwd=tmp, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
    try:
        with timed("hub and proxy up"):
            deadline = time.monotonic() + HUB_START_TIMEOUT
            while True:
                assert hub.poll() is None, "JupyterHub exited during start-up"
                try:
                    if requests.get(f"{base}/hub/api/", timeout=5).status_code == 200:
                        break
                except requests.ConnectionError:
                    pass
                assert time.monotonic() < deadline, f"hub not up in {HUB_START_TIMEOUT}s"
                time.sleep(0.3)
        yield base, lambda: tracked.update(descendants(hub.pid))
    except BaseException:
        print("[hub-test] last lines of the hub's log:\n" +
              "\n".join(log_path.read_text(errors="replace").splitlines()[-60:]))
        raise
    finally:
        with timed("stop hub, proxy and servers"):
            left = stop_all(hub, tracked)
        assert not left, f"processes still running after the test: {left}"


# --- a student's browser, as plain HTTP -----------------------------------------------------

def cookie(session: requests.Session, name: str, path_prefix: str) -> str | None:
    for item in session.cookies:
        if item.name == name and item.path.startswith(path_prefix):
            return item.value
    return None


def login(base: str, user: str) -> requests.Session:
    session = requests.Session()
    page = session.get(f"{base}/hub/login", timeout=HTTP_TIMEOUT)
    page.raise_for_status()
    xsrf = cookie(session, "_xsrf", "/hub")
    assert xsrf, "the hub's login page set no _xsrf cookie"
    answer = session.post(
        f"{base}/hub/login", data={"username": user, "password": "unused", "_xsrf": xsrf},
        allow_redirects=False, timeout=HTTP_TIMEOUT,
    )
    answer.raise_for_status()
    assert answer.status_code == 302, f"{user} could not log in ({answer.status_code})"
    assert cookie(session, "jupyterhub-session-id", "/") or session.cookies, "no session"
    return session


def _body_data(page: str) -> dict[str, str]:
    return {k: unquote(html.unescape(v)) for k, v in re.findall(r'data-([\w-]+)="([^"]*)"', page)}


def open_link(session: requests.Session, base: str, user: str, link: str, track) -> dict:
    """Click the link; launch the server if it is not running; return nbgitpuller's page data."""
    deadline = time.monotonic() + SPAWN_TIMEOUT
    launched = False
    while True:
        page = session.get(link, timeout=HTTP_TIMEOUT)
        if page.status_code == 200 and f"/user/{user}/git-pull" in page.url:
            data = _body_data(page.text)
            assert "repo" in data and "xsrf" in data, "this is not nbgitpuller's status page"
            return data
        if page.status_code == 424 and not launched:
            # JupyterHub's "server not running" page: press its "Launch server" button.
            assert "/hub/spawn/" in page.text, page.text[:500]
            launch = f"{base}/hub/spawn/{user}?" + urlencode(
                {"next": urlsplit(page.url)._replace(scheme="", netloc="").geturl()})
            session.get(launch, timeout=HTTP_TIMEOUT + 15)  # the hub waits up to 10 s itself
            launched = True
            track()
        else:
            assert page.status_code in (200, 424), f"{page.status_code} at {page.url}"
        assert time.monotonic() < deadline, f"{user}'s server not ready in {SPAWN_TIMEOUT}s"
        time.sleep(1)


def sync(session: requests.Session, base: str, data: dict) -> list[str]:
    """What nbgitpuller's page does in the browser: read the git-pull/api event stream."""
    params = {"_xsrf": data["xsrf"], "repo": data["repo"], "targetpath": data["targetpath"]}
    if "branch" in data:
        params["branch"] = data["branch"]
    url = f"{base}{data['base-url']}git-pull/api"
    deadline = time.monotonic() + PULL_TIMEOUT
    output = []
    with session.get(url, params=params, stream=True, timeout=HTTP_TIMEOUT) as stream:
        stream.raise_for_status()
        for line in stream.iter_lines(decode_unicode=True):
            assert time.monotonic() < deadline, f"git pull not done in {PULL_TIMEOUT}s"
            if not line or not line.startswith("data: "):
                continue
            event = json.loads(line[len("data: "):])
            output.append(event.get("output", ""))
            if event.get("phase") == "error":
                pytest.fail(f"nbgitpuller failed: {event.get('message')}\n{''.join(output)}")
            if event.get("phase") == "finished":
                return output
    pytest.fail("nbgitpuller's event stream ended without 'finished'")


def pull_course(session, base, user, link, track) -> dict:
    data = open_link(session, base, user, link, track)
    sync(session, base, data)
    # The page then sends the browser on to urlpath: JupyterLab with lesson 00.
    lab = session.get(f"{base}{data['base-url']}{data['path']}", timeout=HTTP_TIMEOUT)
    assert lab.status_code == 200 and "jupyter-config-data" in lab.text, lab.url
    return data


def contents(session, base, user, path, **kw) -> requests.Response:
    return session.get(f"{base}/user/{user}/api/contents/{path}", timeout=HTTP_TIMEOUT, **kw)


# --- the test ------------------------------------------------------------------------------

def test_two_students_get_the_course_and_keep_their_work(tmp_path):
    total = time.monotonic()
    with timed("upstream bare clone"):
        upstream = tmp_path / "remote" / "comrades-course.git"
        git("clone", "--quiet", "--bare", str(REPO), str(upstream))
    with timed("student edition committed to the student branch"):
        edition = student.build(tmp_path / "student-edition")
        student.commit_branch(edition, repo=upstream)
        branch = student.BRANCH
        repo_url = upstream.as_uri()  # file:///…/comrades-course.git
    folder, _ = clone_folder(repo_url)
    assert folder == "comrades-course"
    link_for = {}
    with running_hub(tmp_path) as (base, track):
        link = nbgitpuller_link(base, repo_url, branch=branch, path=FIRST_LESSON)
        print(f"[hub-test] link: {link}")

        # Someone not on the class list is refused.
        refused = requests.Session()
        refused.get(f"{base}/hub/login", timeout=HTTP_TIMEOUT)
        answer = refused.post(f"{base}/hub/login", allow_redirects=False, timeout=HTTP_TIMEOUT,
                              data={"username": "intruder", "password": "x",
                                    "_xsrf": cookie(refused, "_xsrf", "/hub")})
        assert answer.status_code != 302

        sessions = {}
        for user in USERS:
            with timed(f"{user}: log in, launch server, first pull"):
                sessions[user] = login(base, user)
                link_for[user] = pull_course(sessions[user], base, user, link, track)
            home = tmp_path / "home" / user / folder
            assert (home / FIRST_LESSON).is_file() and (home / "src" / "comrades").is_dir()
            assert not (home / "solutions").exists()
            assert not (home / "docs" / "instructor-guide.md").exists()
            assert student.leaks(home) == [], student.leaks(home)
            lesson = contents(sessions[user], base, user, f"{folder}/{FIRST_LESSON}")
            assert lesson.status_code == 200, lesson.text[:300]
            model = lesson.json()
            assert model["type"] == "notebook" and model["content"]["nbformat"] == 4
            assert model["content"]["cells"], "lesson 00 has no cells"

        s1, s2 = (sessions[u] for u in USERS)
        home1, home2 = (tmp_path / "home" / u / folder for u in USERS)
        exercises = sorted(p.relative_to(home1).as_posix()
                           for p in (home1 / "exercises").glob("*.ipynb"))
        exercise = exercises[0] if exercises else FIRST_LESSON  # HEAD before exercises exist

        with timed("student1 edits an exercise (contents API PUT)"):
            model = contents(s1, base, USERS[0], f"{folder}/{exercise}").json()
            notebook = model["content"]
            notebook["cells"].append({"cell_type": "markdown", "id": "student-answer",
                                      "metadata": {}, "source": STUDENT_MARK})
            xsrf = cookie(s1, "_xsrf", f"/user/{USERS[0]}")
            saved = s1.put(f"{base}/user/{USERS[0]}/api/contents/{folder}/{exercise}",
                           json={"type": "notebook", "format": "json", "content": notebook},
                           headers={"X-XSRFToken": xsrf or ""}, timeout=HTTP_TIMEOUT)
            assert saved.status_code == 200, saved.text[:300]
            assert STUDENT_MARK in (home1 / exercise).read_text()

        with timed("teacher pushes a new commit upstream"):
            work = tmp_path / "teacher"
            git("clone", "--quiet", "--branch", branch, str(upstream), str(work))
            with open(work / "README.md", "a") as readme:
                readme.write(f"\n{UPSTREAM_LINE}\n")
            (work / "docs").mkdir(exist_ok=True)
            (work / "docs" / "term-2-note.md").write_text("# Term 2\n\nNew reading added.\n")
            git("add", "README.md", "docs/term-2-note.md", cwd=work)
            git("-c", "user.name=Teacher", "-c", "user.email=teacher@example.edu",
                "commit", "--quiet", "-m", "Term 2 update", cwd=work)
            git("push", "--quiet", "origin", branch, cwd=work)

        with timed("student1 clicks the link again"):
            pull_course(s1, base, USERS[0], link, track)
        assert STUDENT_MARK in (home1 / exercise).read_text(), "student1's edit was lost"
        kept = contents(s1, base, USERS[0], f"{folder}/{exercise}").json()
        assert any(STUDENT_MARK in "".join(c["source"]) for c in kept["content"]["cells"])
        assert UPSTREAM_LINE in (home1 / "README.md").read_text(), "new commit did not arrive"
        assert (home1 / "docs" / "term-2-note.md").is_file()
        log1 = git("log", "--format=%s", cwd=home1)
        assert "Term 2 update" in log1 and "Automatic commit by nbgitpuller" in log1, log1
        assert not git("status", "--porcelain", "--untracked-files=no", cwd=home1).strip()

        # student2's copy is their own: no edit of student1's, not yet updated, and private.
        assert STUDENT_MARK not in (home2 / exercise).read_text()
        assert UPSTREAM_LINE not in (home2 / "README.md").read_text()
        peek = contents(s2, base, USERS[0], f"{folder}/{exercise}", allow_redirects=True)
        assert not (peek.status_code == 200 and STUDENT_MARK in peek.text), \
            "student2 could read student1's work"
        with timed("student2 clicks the link again"):
            pull_course(s2, base, USERS[1], link, track)
        assert UPSTREAM_LINE in (home2 / "README.md").read_text()
        assert STUDENT_MARK not in (home2 / exercise).read_text()
        assert "Automatic commit by nbgitpuller" not in git("log", "--format=%s", cwd=home2)
    TIMINGS["total"] = time.monotonic() - total
    print("[hub-test] timings: " + ", ".join(f"{k} {v:.1f}s" for k, v in TIMINGS.items()))
