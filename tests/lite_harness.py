"""Serve the in-browser edition (build/lite/, made by ``make lite``) for a browser test.

The edition is static files: a plain HTTP server on 127.0.0.1 is all it needs, as on a
school's web server or a USB stick served locally. The browser is told to resolve no
other host, and every request it makes is counted: a request to anything but this
server is a failure of the edition's "no network when used" promise.
"""

from __future__ import annotations

import functools
import http.server
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from jupyter_harness import free_port

REPO_ROOT = Path(__file__).resolve().parents[1]
SITE = REPO_ROOT / "build" / "lite"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
# On top of request routing: a host name other than 127.0.0.1 cannot even be resolved.
NO_OTHER_HOSTS = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
TYPES = {".wasm": "application/wasm", ".mjs": "text/javascript", ".js": "text/javascript",
         ".json": "application/json", ".ipynb": "application/json", ".whl": "application/zip",
         ".zip": "application/zip", ".csv": "text/csv"}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES}

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@dataclass
class StaticSite:
    """A running static server for ``root``."""

    server: http.server.ThreadingHTTPServer
    thread: threading.Thread
    root: Path

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def notebook_url(self, path: str) -> str:
        """JupyterLab (lite) opening one notebook of the edition."""
        return f"{self.base_url}/lab/index.html?path={path}"


def start_site(root: Path = SITE) -> StaticSite:
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return StaticSite(server, thread, root)


def stop_site(site: StaticSite) -> None:
    site.server.shutdown()
    site.server.server_close()
    site.thread.join(timeout=10)


@dataclass
class RequestLog:
    """Every request the browser context made; non-local ones are blocked and kept."""

    local: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)

    def route(self, route) -> None:
        url = route.request.url
        if urlsplit(url).hostname in LOCAL_HOSTS or url.startswith(("data:", "blob:")):
            self.local.append(url)
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort("blockedbyclient")

    def seen(self, request) -> None:
        """Also counts requests that routing does not see (service worker, workers)."""
        url = request.url
        if not (urlsplit(url).hostname in LOCAL_HOSTS or url.startswith(("data:", "blob:"))):
            if url not in self.blocked:
                self.blocked.append(url)


def watch(context) -> RequestLog:
    """Block and count every non-local request of a Playwright browser context."""
    log = RequestLog()
    context.route("**/*", log.route)
    context.on("request", log.seen)
    return log


class Stopwatch:
    def __init__(self) -> None:
        self.start = time.monotonic()
        self.laps: dict[str, float] = {}

    def lap(self, name: str) -> float:
        now = time.monotonic()
        self.laps[name] = now - self.start
        self.start = now
        return self.laps[name]
