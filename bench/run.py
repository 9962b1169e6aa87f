"""`make bench`: what the course costs beyond Jupyter itself, measured on this machine.

Prints a table and writes bench/results.json. It never fails on a number: figures are
for reading, not for asserting (timed tests flake; a benchmark informs).

    python bench/run.py                  # everything
    python bench/run.py --skip classroom --skip browser
    python bench/run.py --skip execution --skip classroom --skip browser   # explorers
    python bench/run.py --skip execution --skip imports --skip widgets --skip classroom \\
        --browser-lessons 00 04                                   # browser, two lessons
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
from nbclient import NotebookClient

REPO = Path(__file__).resolve().parents[1]
LESSONS = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
COURSE = LESSONS + sorted((REPO / "exercises").glob("*.ipynb")) + \
    sorted((REPO / "solutions").glob("*.ipynb"))
PEAK_RSS_CELL = ("import resource as _r, json as _j\n"
                 "print('PEAK_RSS_KB', _r.getrusage(_r.RUSAGE_SELF).ru_maxrss)")


# --- executing notebooks ---------------------------------------------------------------

def execute(path: str | None, cwd: str, cells: list[str] | None = None) -> dict:
    """Run one notebook (or an empty one) in a fresh kernel; wall time and peak RSS."""
    nb = (nbformat.read(path, as_version=4) if path
          else nbformat.v4.new_notebook())
    for source in cells or []:
        nb.cells.append(nbformat.v4.new_code_cell(source))
    nb.cells.append(nbformat.v4.new_code_cell(PEAK_RSS_CELL))
    start = time.perf_counter()
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": cwd}}).execute()
    seconds = time.perf_counter() - start
    text = "".join(o.get("text", "") for o in nb.cells[-1].outputs)
    match = re.search(r"PEAK_RSS_KB (\d+)", text)
    return {"seconds": seconds, "peak_rss_mb": int(match.group(1)) / 1024 if match else None}


def sequence(paths: list[str]) -> dict:
    """One student: the whole lesson sequence in one kernel, as a class would run it."""
    nb = nbformat.v4.new_notebook()
    for path in paths:
        nb.cells += [c for c in nbformat.read(path, as_version=4).cells
                     if c.cell_type == "code"]
    nb.cells.append(nbformat.v4.new_code_cell(PEAK_RSS_CELL))
    start = time.perf_counter()
    NotebookClient(nb, timeout=900, kernel_name="python3",
                   resources={"metadata": {"path": str(REPO / "notebooks")}}).execute()
    seconds = time.perf_counter() - start
    text = "".join(o.get("text", "") for o in nb.cells[-1].outputs)
    match = re.search(r"PEAK_RSS_KB (\d+)", text)
    return {"seconds": seconds, "peak_rss_mb": int(match.group(1)) / 1024 if match else None}


def stack_floor_cell() -> str:
    """What a kernel does that only imports the course's stack, at its cheapest.

    The same import-time settings the course applies (``comrades.SKIPPED_AT_IMPORT``),
    so that the ratio measures only what the course adds: without them a bare import of
    Altair compiles a grammar no lesson pays for, and the ratio would flatter the course.
    """
    import comrades

    return ("import sys\n"
            f"for _name in {comrades.SKIPPED_AT_IMPORT!r}:\n"
            "    sys.modules.setdefault(_name, None)\n"
            "import pandas, altair, ipywidgets")


def measure_floor_and_course(repeat: int) -> dict:
    """Each notebook against the floors, run interleaved (stack floor, notebook, stack
    floor, notebook …) so that load from other work on the machine shifts both sides of
    each pair alike; the ratio reported is the median of the paired ratios."""
    kernels = max(repeat, len(LESSONS))
    floor = [execute(None, str(REPO / "notebooks")) for _ in range(kernels)]
    stack, per_notebook, paired = [], {}, []
    for path in COURSE:
        runs = []
        for _ in range(repeat):
            base = execute(None, str(path.parent), [stack_floor_cell()])
            run = execute(str(path), str(path.parent))
            stack.append(base)
            runs.append(run)
            paired.append(run["seconds"] / base["seconds"])
        per_notebook[str(path.relative_to(REPO))] = {
            "seconds": statistics.median(r["seconds"] for r in runs),
            "peak_rss_mb": max(r["peak_rss_mb"] or 0 for r in runs),
        }
    floor_s = statistics.median(r["seconds"] for r in floor)
    stack_s = statistics.median(r["seconds"] for r in stack)
    total = sum(v["seconds"] for v in per_notebook.values())
    floor_total = floor_s * len(per_notebook)
    stack_total = stack_s * len(per_notebook)
    return {
        "floor_seconds_per_notebook": floor_s,
        "floor_peak_rss_mb": statistics.median(r["peak_rss_mb"] for r in floor),
        "stack_floor_seconds_per_notebook": stack_s,
        "stack_floor_peak_rss_mb": statistics.median(r["peak_rss_mb"] for r in stack),
        "notebooks": per_notebook,
        "course_total_seconds": total,
        "floor_total_seconds": floor_total,
        "stack_floor_total_seconds": stack_total,
        "ratio_course_to_floor": total / floor_total if floor_total else None,
        "ratio_course_to_stack_floor": total / stack_total if stack_total else None,
        "ratio_course_to_stack_floor_paired_median": statistics.median(paired),
        "ratio_course_to_stack_floor_goal": STACK_FLOOR_GOAL,
    }


STACK_FLOOR_GOAL = 1.5  # shown beside the figure; the bench never fails on it


# --- import cost -------------------------------------------------------------------------

def measure_imports() -> dict:
    code = ("import comrades.data, comrades.charts, comrades.quiz, comrades.widgets.base, "
            "comrades.check")
    result = subprocess.run([sys.executable, "-X", "importtime", "-c", code],
                            capture_output=True, text=True, cwd=REPO)
    rows = []
    for line in result.stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)", line)
        if match:
            rows.append((int(match.group(2)), len(match.group(3)), match.group(4)))
    top = sorted((r for r in rows if r[1] <= 2), reverse=True)[:8]
    total = sum(r[0] for r in rows if r[1] == 1)
    return {"total_ms": total / 1000,
            "top_level": [{"module": m, "cumulative_ms": us / 1000} for us, _, m in top]}


# --- widget latency ----------------------------------------------------------------------

def measure_widgets(rounds: int) -> dict:
    from comrades import quiz, widgets

    figures = {}
    for name in sorted(n for n in widgets._EXPLORERS if n.endswith("_explorer")):
        try:
            explorer = getattr(widgets, name)()
        except Exception as err:  # an explorer not written yet, or broken: report it
            figures[name] = {"error": f"{type(err).__name__}: {err}"}
            continue
        times = []
        for control in explorer.controls.values():
            for value in _values_to_try(control)[:rounds]:
                start = time.perf_counter()
                control.value = value
                times.append(time.perf_counter() - start)
        figures[name] = _latency(times)
    for lesson in quiz.available_lessons():
        times = []
        for question in quiz.load_bank(lesson):
            widget = quiz.QuestionWidget(question)
            start = time.perf_counter()
            widget.check()
            times.append(time.perf_counter() - start)
        figures[f"quiz {lesson}"] = _latency(times)
    return figures


def _values_to_try(control) -> list:
    options = getattr(control, "options", None)
    if options:
        values = [o[1] if isinstance(o, tuple) else o for o in options]
        if isinstance(control.value, tuple):  # multiple selection
            return [tuple(values[: i + 1]) for i in range(len(values))]
        return values[1:] + values[:1]
    if hasattr(control, "min") and hasattr(control, "max"):
        if isinstance(control.value, tuple):
            lo, hi = control.min, control.max
            return [(lo, hi - k) for k in range(1, 6)] + [(lo, hi)]
        return list(range(control.min, control.max + 1))[:20] or [control.value]
    if isinstance(control.value, bool):
        return [not control.value, control.value]
    return [control.value]


def _latency(times: list[float]) -> dict:
    if not times:
        return {"n": 0}
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return {"n": len(times), "median_ms": statistics.median(ordered) * 1000,
            "p95_ms": p95 * 1000}


# --- a classroom on one machine ------------------------------------------------------

def measure_classroom(sizes: list[int]) -> dict:
    paths = [str(p) for p in LESSONS]
    figures = {}
    for n in sizes:
        start = time.perf_counter()
        with ProcessPoolExecutor(max_workers=n) as pool:
            students = list(pool.map(sequence, [paths] * n))
        wall = time.perf_counter() - start
        rss = [s["peak_rss_mb"] or 0 for s in students]
        figures[str(n)] = {"wall_seconds": wall,
                           "per_student_seconds_median": statistics.median(
                               s["seconds"] for s in students),
                           "kernel_peak_rss_mb_median": statistics.median(rss),
                           "kernels_total_peak_rss_mb": sum(rss)}
    return figures


# --- browser time to interactive -----------------------------------------------------

EXPLORER_DRAWN = ".vega-embed svg.marks, .vega-embed canvas.marks"


def explorer_titles() -> dict[str, str]:
    """Each explorer's function name and the heading it shows (read from the explorer)."""
    from comrades import widgets

    titles = {}
    for name in sorted(n for n in widgets._EXPLORERS if n.endswith("_explorer")):
        heading = getattr(widgets, name)().widget.children[0].value
        titles[name] = re.sub(r"<[^>]+>", "", heading.split("</h4>")[0]).strip()
    return titles


def lessons_with(name: str) -> list[Path]:
    return [p for p in LESSONS if f"{name}(" in p.read_text(encoding="utf-8")]


def measure_browser(lessons: list[str] | None = None, rounds: int = 20) -> dict:
    """In the real-browser harness: open lesson 00 and time until its explorer is drawn;
    then, for each explorer, time a control change until the new chart is drawn.

    Uses the browser test's own server harness and menu driving (tests/), offline.
    """
    if not Path("/usr/bin/chromium").exists():
        return {"skipped": "Chromium is not installed (/usr/bin/chromium)"}
    sys.path.insert(0, str(REPO / "tests"))
    import shutil

    from jupyter_harness import start_lab, stop_lab
    from playwright.sync_api import sync_playwright
    from test_browser import KERNEL_IDLE, run_all_cells, wait_until_all_cells_ran

    drawn_selector = ", ".join(f".comrades-explorer {s.strip()}"
                               for s in EXPLORER_DRAWN.split(","))
    titles = explorer_titles()
    results: dict = {"redraw": {}}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "course"
        shutil.copytree(REPO / "notebooks", root / "notebooks")
        empty = nbformat.v4.new_notebook(metadata={"kernelspec": {
            "name": "python3", "display_name": "Python 3", "language": "python"}})
        nbformat.write(empty, root / "notebooks" / "empty.ipynb")
        lab = start_lab(root, Path(tmp) / "home")
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(
                    executable_path="/usr/bin/chromium",
                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                          "--disable-component-update", "--disable-sync", "--no-first-run"])
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.route("**/*", lambda route: route.continue_()
                           if route.request.url.startswith(lab.base_url) else route.abort())
                # JupyterLab's own floor first: an empty notebook opened to an idle kernel.
                floor = []
                for _ in range(2):
                    start = time.perf_counter()
                    page.goto(lab.url("lab/tree/notebooks/empty.ipynb", "reset"))
                    page.locator(".jp-StatusBar-Item", has_text=KERNEL_IDLE).wait_for(
                        timeout=120_000)
                    floor.append(time.perf_counter() - start)
                    lab.shut_down_kernels()
                start = time.perf_counter()
                page.goto(lab.url("lab/tree/notebooks/00_introduction.ipynb", "reset"))
                page.locator(".jp-StatusBar-Item", has_text=KERNEL_IDLE).wait_for(
                    timeout=120_000)
                ready = time.perf_counter()
                run_all_cells(page)
                page.wait_for_selector(drawn_selector, timeout=120_000)
                drawn = time.perf_counter()
                results.update({"empty_notebook_to_kernel_idle_seconds": min(floor),
                                "open_to_kernel_idle_seconds": ready - start,
                                "run_all_to_explorer_drawn_seconds": drawn - ready,
                                "open_to_explorer_drawn_seconds": drawn - start})
                lab.shut_down_kernels()
                for name, title in titles.items():
                    where = [p for p in lessons_with(name)
                             if lessons is None or p.name[:2] in lessons]
                    if not where:
                        continue
                    try:
                        results["redraw"][name] = {
                            "lesson": where[0].name,
                            **_redraws(page, lab, where[0], title, rounds, KERNEL_IDLE,
                                       run_all_cells, wait_until_all_cells_ran)}
                    except Exception as err:  # report it; a benchmark does not fail
                        results["redraw"][name] = {"error": f"{type(err).__name__}: {err}"}
                    lab.shut_down_kernels()
                browser.close()
            return results
        finally:
            stop_lab(lab)


# Installed on an explorer before its controls are changed: the page itself notes when
# a control event reaches the explorer (a key, a pointer, a drop-down's change) and when
# the frame after its new chart (no chart of the old ones left) has been drawn. Timed in
# the page, the figure is what the student waits for, without the time Playwright takes
# to send the key and to poll for the result (40-100 ms at the p95 here, reported beside it).
STOPWATCH = """(el) => {
  const watch = el.__benchWatch = {start: null, drawn: null};
  const stamp = () => { watch.start = performance.now(); watch.drawn = null; };
  for (const type of ['keydown', 'pointerdown', 'change']) {
    el.addEventListener(type, stamp, true);
  }
  new MutationObserver(() => {
    if (watch.start === null || watch.drawn !== null) return;
    const marks = [...el.querySelectorAll('.vega-embed .marks')];
    if (!marks.length || marks.some((m) => m.dataset.benchOld)) return;
    requestAnimationFrame(() => setTimeout(() => {
      if (watch.drawn === null) watch.drawn = performance.now();
    }, 0));
  }).observe(el, {childList: true, subtree: true});
}"""


def _redraws(page, lab, lesson: Path, title: str, rounds: int, kernel_idle, run_all,
             wait_ran) -> dict:
    """Open a lesson, run it, then change one control of the explorer ``title`` again and
    again: the time from the change to the new chart drawn, as the student sees it (timed
    in the page), and as Playwright sees it from outside (``driven``)."""
    page.goto(lab.url(f"lab/tree/notebooks/{lesson.name}", "reset"))
    page.locator(".jp-StatusBar-Item", has_text=kernel_idle).wait_for(timeout=120_000)
    panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
    run_all(page)
    wait_ran(page, panel)
    box = panel.locator(".comrades-explorer", has_text=title).first
    box.scroll_into_view_if_needed()
    box.locator(EXPLORER_DRAWN).first.wait_for(timeout=60_000)
    explorer = box.element_handle()
    explorer.evaluate(STOPWATCH)
    in_page, driven = [], []
    for _ in range(rounds):
        explorer.evaluate("(el) => el.querySelectorAll('.vega-embed .marks')"
                          ".forEach((m) => { m.dataset.benchOld = '1'; })")
        start = time.perf_counter()
        _change_a_control(box, len(driven))
        page.wait_for_function("(el) => el.__benchWatch.drawn !== null", arg=explorer,
                               timeout=30_000)
        driven.append(time.perf_counter() - start)
        watch = explorer.evaluate("(el) => el.__benchWatch")
        in_page.append((watch["drawn"] - watch["start"]) / 1000)
    return {**_latency(in_page), "driven": _latency(driven)}


def _change_a_control(box, step: int) -> None:
    """Change the explorer's first control as a student can from the keyboard, to and
    fro (``step`` even: one way, odd: back), so every change draws a new chart: a slider
    handle, a number box (sliders become number boxes, see ``widgets.base.accessible``),
    a drop-down, or a tick box."""
    handles = box.locator(".noUi-handle")
    if handles.count():
        handle = handles.first
        now, top = (float(handle.get_attribute(a) or 0)
                    for a in ("aria-valuenow", "aria-valuemax"))
        handle.focus()
        handle.press("ArrowRight" if now < top and step % 2 == 0 else "ArrowLeft")
        return
    numbers = box.locator("input[type=number]")
    if numbers.count():
        field = numbers.first
        now = int(float(field.input_value() or 0))
        high, low = field.get_attribute("max"), field.get_attribute("min")
        up = step % 2 == 0
        if (up and high is not None and now >= int(float(high))) or \
                (not up and low is not None and now <= int(float(low))):
            up = not up
        field.fill(str(now + 1 if up else now - 1))
        field.press("Enter")
        return
    selects = box.locator("select:not([multiple])")
    if selects.count():
        select = selects.first
        count = select.evaluate("(s) => s.options.length")
        index = select.evaluate("(s) => s.selectedIndex")
        select.select_option(index=(index + 1) % count)
        return
    box.locator("input[type=checkbox]").first.click()


# --- the in-browser edition ------------------------------------------------------------

def measure_lite(visits: int = 3, site_dir: Path = REPO / "build" / "lite") -> dict:
    """Lesson 00 in the in-browser edition (build/lite/, from `make lite`), offline.

    ``visits`` times over, each in a fresh browser profile, as on a student's first
    visit: open lesson 00 until the Pyodide kernel is idle (Pyodide and every package
    downloaded from the local server and installed), then Run All until every cell has
    run; then the same page opened again (the browser's cache warm). Medians are
    reported: one visit swings by a second with other work on the machine. Uses the
    browser test's own harness (tests/).
    """
    if not (site_dir / "index.html").is_file():
        return {"skipped": f"{site_dir} is not built: run `make lite` first"}
    if not Path("/usr/bin/chromium").exists():
        return {"skipped": "Chromium is not installed (/usr/bin/chromium)"}
    sys.path.insert(0, str(REPO / "tests"))
    from lite_harness import NO_OTHER_HOSTS, Stopwatch, start_site, stop_site, watch
    from playwright.sync_api import sync_playwright
    from test_browser import CHROMIUM_ARGS
    from test_lite import LESSON, open_notebook, run_everything

    first, run_all, again, blocked = [], [], [], 0
    site = start_site(site_dir)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium",
                                         args=[*CHROMIUM_ARGS, NO_OTHER_HOSTS])
            for _ in range(visits):
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                requests = watch(context)
                clock = Stopwatch()
                page, panel = open_notebook(context, site, LESSON, clock)
                run_everything(page, panel, clock)
                page.close()
                first.append(clock.laps["kernel ready"])
                run_all.append(clock.laps["run all"])
                clock = Stopwatch()
                page, _ = open_notebook(context, site, LESSON, clock)
                page.close()
                again.append(clock.laps["kernel ready"])
                blocked += len(requests.blocked)
                context.close()
            browser.close()
    finally:
        stop_site(site)
    return {"site_mb": _size(site_dir) / 1e6, "site_gzip_mb": _size(site_dir, gzip=True) / 1e6,
            "visits": visits,
            "first_visit_kernel_ready_seconds": statistics.median(first),
            "run_all_seconds": statistics.median(run_all),
            "second_visit_kernel_ready_seconds": statistics.median(again),
            "first_visit_kernel_ready_all": first, "second_visit_kernel_ready_all": again,
            "blocked_requests": blocked}


def _size(folder: Path, gzip: bool = False) -> int:
    """Bytes on disk, or as a web server that compresses every file would send them."""
    import zlib

    files = [p for p in folder.rglob("*") if p.is_file()]
    if not gzip:
        return sum(p.stat().st_size for p in files)
    return sum(min(p.stat().st_size, len(zlib.compress(p.read_bytes(), 6))) for p in files)


# --- report ------------------------------------------------------------------------------

def machine() -> dict:
    mem_kb = 0
    try:
        mem_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())[1])
    except (OSError, TypeError):
        pass
    cpu = platform.processor() or platform.machine()
    try:
        cpu = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())[1]
    except (OSError, TypeError):
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(mem_kb / 1024**2, 1),
            "python": platform.python_version(), "platform": platform.platform()}


def print_report(results: dict) -> None:
    m = results["machine"]
    print(f"\nMachine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB, "
          f"Python {m['python']}")
    sections = (("execution", _print_execution), ("imports", _print_imports),
                ("widgets", _print_widgets), ("classroom", _print_classroom),
                ("browser", _print_browser), ("lite", _print_lite))
    for key, show in sections:
        found = results.get(key)
        if found:
            show(found)


def _print_execution(run: dict) -> None:
    print(f"\nFloor (empty notebook, fresh kernel): {run['floor_seconds_per_notebook']:.2f} s, "
          f"kernel peak RSS {run['floor_peak_rss_mb']:.0f} MB")
    print(f"{'notebook':60} {'seconds':>8} {'peak MB':>8}")
    for name, row in run["notebooks"].items():
        print(f"{name:60} {row['seconds']:8.2f} {row['peak_rss_mb']:8.0f}")
    print(f"Course total {run['course_total_seconds']:.1f} s vs floor "
          f"{run['floor_total_seconds']:.1f} s: ratio {run['ratio_course_to_floor']:.2f}")
    print(f"Stack floor (fresh kernel importing pandas, Altair, ipywidgets): "
          f"{run['stack_floor_seconds_per_notebook']:.2f} s, kernel peak RSS "
          f"{run['stack_floor_peak_rss_mb']:.0f} MB")
    print(f"Course total vs {len(run['notebooks'])} stack-floor kernels "
          f"{run['stack_floor_total_seconds']:.1f} s: ratio_course_to_stack_floor "
          f"{run['ratio_course_to_stack_floor']:.2f} "
          f"(goal ≤ {run['ratio_course_to_stack_floor_goal']}); median of the "
          f"interleaved pairs {run['ratio_course_to_stack_floor_paired_median']:.2f}")


def _print_imports(imp: dict) -> None:
    print(f"\nImport of the package's rooms: {imp['total_ms']:.0f} ms; largest:")
    for row in imp["top_level"]:
        print(f"  {row['module']:40} {row['cumulative_ms']:8.0f} ms")


def _print_widgets(lat: dict) -> None:
    print("\nWidget update latency (Python side):")
    _print_latencies(lat)


def _print_classroom(room: dict) -> None:
    print("\nA classroom on one machine (each student: all lessons in one kernel):")
    for n, row in room.items():
        print(f"  {n:>3} students: wall {row['wall_seconds']:.1f} s, per student "
              f"{row['per_student_seconds_median']:.1f} s, kernel peak "
              f"{row['kernel_peak_rss_mb_median']:.0f} MB, all kernels "
              f"{row['kernels_total_peak_rss_mb'] / 1024:.1f} GB")


def _print_browser(web) -> None:
    redraw = web.pop("redraw", {}) if isinstance(web, dict) else {}
    if "open_to_explorer_drawn_seconds" in web:
        print(f"\nBrowser (JupyterLab): lesson 00 opened to its explorer drawn in "
              f"{web['open_to_explorer_drawn_seconds']:.1f} s (kernel idle "
              f"{web['open_to_kernel_idle_seconds']:.1f} s, then Run All to the explorer "
              f"{web['run_all_to_explorer_drawn_seconds']:.1f} s); an empty notebook "
              f"opened to an idle kernel: {web['empty_notebook_to_kernel_idle_seconds']:.1f} s")
    else:
        print(f"\nBrowser: {web}")
    if redraw:
        print("Browser: control change → new chart drawn (timed in the page; in brackets "
              "as driven by Playwright, with its own delays):")
        _print_latencies(redraw)
    web["redraw"] = redraw


def _print_lite(lite: dict) -> None:
    if "skipped" in lite:
        print(f"\nIn-browser edition: skipped ({lite['skipped']})")
        return
    print(f"\nIn-browser edition (lesson 00; site {lite['site_mb']:.1f} MB on disk, "
          f"{lite['site_gzip_mb']:.1f} MB if the server compresses): kernel ready "
          f"{lite['first_visit_kernel_ready_seconds']:.1f} s on a first visit, "
          f"{lite['second_visit_kernel_ready_seconds']:.1f} s on the next; Run All "
          f"{lite['run_all_seconds']:.1f} s (medians of {lite['visits']} fresh profiles); "
          f"blocked requests {lite['blocked_requests']}")


def _print_latencies(rows: dict) -> None:
    for name, row in rows.items():
        where = f" ({row['lesson']})" if "lesson" in row else ""
        if "error" in row:
            print(f"  {name:28} {row['error']}")
        elif row.get("n"):
            driven = row.get("driven", {})
            outside = (f" [p95 {driven['p95_ms']:.0f} ms]" if driven.get("n") else "")
            print(f"  {name:28} n={row['n']:3d} median {row['median_ms']:7.1f} ms "
                  f"p95 {row['p95_ms']:7.1f} ms{outside}{where}")



def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the course")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--classroom", type=int, nargs="*", default=[10, 30])
    parser.add_argument("--skip", action="append", default=[],
                        choices=["execution", "imports", "widgets", "classroom", "browser",
                                 "lite"])
    parser.add_argument("--browser-lessons", nargs="*", default=None,
                        help="lessons (00 … 06) whose explorers the browser times; all "
                             "by default")
    parser.add_argument("--lite-site", type=Path, default=REPO / "build" / "lite",
                        help="the in-browser edition to measure (another build, to "
                             "compare side by side)")
    parser.add_argument("--output", default=str(REPO / "bench" / "results.json"))
    args = parser.parse_args(argv)
    os.environ.setdefault("COMRADES_PROGRESS_DIR", tempfile.mkdtemp(prefix="bench-progress-"))
    results: dict = {"machine": machine(), "when": time.strftime("%Y-%m-%d %H:%M:%S %Z")}
    steps = {"execution": lambda: measure_floor_and_course(args.repeat),
             "imports": measure_imports, "widgets": lambda: measure_widgets(10),
             "classroom": lambda: measure_classroom(args.classroom),
             "browser": lambda: measure_browser(args.browser_lessons),
             "lite": lambda: measure_lite(site_dir=args.lite_site)}
    for name, step in steps.items():
        if name in args.skip:
            continue
        print(f"measuring {name} …", flush=True)
        try:
            results[name] = step()
        except Exception as err:  # a benchmark reports; it does not fail
            results[name + "_error"] = f"{type(err).__name__}: {err}"
            print(f"  {name} could not be measured: {err}", flush=True)
    Path(args.output).write_text(json.dumps(results, indent=2, default=str) + "\n")
    print_report(results)
    print(f"\nwrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
