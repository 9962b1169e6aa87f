"""`make bench` reports; these check that what it reports means what it says."""

from __future__ import annotations

import importlib.util
import os

from conftest import REPO


def _bench():
    spec = importlib.util.spec_from_file_location("bench_run", REPO / "bench" / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_p95_of_twenty_changes_is_not_their_maximum():
    bench = _bench()
    times = [i / 1000 for i in range(1, 21)]  # 1 … 20 ms
    figures = bench._latency(times)
    assert figures["n"] == 20
    assert round(figures["p95_ms"], 6) == 19.0 and round(figures["median_ms"], 6) == 10.5


def test_site_size_on_disk_and_as_a_compressing_server_sends_it(tmp_path):
    bench = _bench()
    (tmp_path / "text.js").write_text("var x = 1;\n" * 2000)
    (tmp_path / "random.wasm").write_bytes(os.urandom(5000))
    on_disk = bench._size(tmp_path)
    sent = bench._size(tmp_path, gzip=True)
    assert on_disk == 22000 + 5000
    # text shrinks; an incompressible file counts at its own size, never more
    assert 5000 < sent < 6000


def test_the_browser_report_names_the_floor_and_the_in_page_timing(capsys):
    bench = _bench()
    bench._print_browser({
        "empty_notebook_to_kernel_idle_seconds": 3.3, "open_to_kernel_idle_seconds": 3.5,
        "run_all_to_explorer_drawn_seconds": 1.7, "open_to_explorer_drawn_seconds": 5.2,
        "redraw": {"lens_explorer": {"n": 20, "median_ms": 63.0, "p95_ms": 85.0,
                                     "lesson": "00_introduction.ipynb",
                                     "driven": {"n": 20, "median_ms": 90, "p95_ms": 125}},
                   "visits_explorer": {"error": "TimeoutError: no chart"}}})
    out = capsys.readouterr().out
    assert "5.2 s" in out and "empty notebook opened to an idle kernel: 3.3 s" in out
    assert "p95    85.0 ms [p95 125 ms]" in out
    assert "visits_explorer" in out and "TimeoutError" in out


def test_the_stopwatch_waits_for_every_old_chart_to_be_gone():
    """The page's stopwatch stops only when no chart of before the change is left, then
    after a frame: a partly redrawn explorer is not counted as drawn."""
    stopwatch = _bench().STOPWATCH
    assert "marks.some((m) => m.dataset.benchOld)" in stopwatch
    assert "requestAnimationFrame" in stopwatch
    for event in ("keydown", "pointerdown", "change"):
        assert f"'{event}'" in stopwatch
