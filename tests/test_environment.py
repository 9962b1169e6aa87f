"""The installers agree: pyproject.toml (ranges), requirements.lock (the exact tested set,
which `make` installs from) and environment.yml (conda, Binder), and every package the
code imports is declared."""

import ast
import re
import subprocess
import sys
import tomllib
from importlib.metadata import packages_distributions

from conftest import REPO
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text())
ENV_TEXT = (REPO / "environment.yml").read_text()
LOCK_TEXT = (REPO / "requirements.lock").read_text()
FIX = "run `make lock` after changing a dependency, then match environment.yml to the lock"


def _requirements(group):
    project = PYPROJECT["project"]
    specs = project["dependencies"] if group == "runtime" else \
        project["optional-dependencies"][group]
    return {canonicalize_name(r.name): r for r in map(Requirement, specs)}


RUNTIME = _requirements("runtime")
TEST = _requirements("test")
HUB = _requirements("hub")
LAB = _requirements("lab")
EXTRAS = {}  # every optional group, e.g. one a site builder adds
for _group in PYPROJECT["project"]["optional-dependencies"]:
    EXTRAS.update(_requirements(_group))
DECLARED = {**RUNTIME, **EXTRAS}


def _lock():
    pins = {}
    for line in LOCK_TEXT.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)==([0-9][0-9A-Za-z.+!-]*)", line.strip())
        assert match, f"requirements.lock: {line!r} is not an exact pin (name==version)"
        pins[canonicalize_name(match[1])] = match[2]
    return pins


def _environment():
    """(conda pins, pip pins) of environment.yml."""
    conda, pip, section = {}, {}, None
    for line in ENV_TEXT.splitlines():
        if re.fullmatch(r"\s*-\s*pip:\s*", line):
            section = "pip"
            continue
        if section == "pip":
            match = re.fullmatch(r"\s{4,}-\s*([A-Za-z0-9_.-]+)==(\S+)\s*", line)
            if match:
                pip[canonicalize_name(match[1])] = match[2]
                continue
            section = None
        match = re.fullmatch(r"  -\s*([A-Za-z0-9_.-]+)\s*(?:=\s*([^\s#]+))?\s*(#.*)?", line)
        if match and match[1] != "conda-forge":
            conda[canonicalize_name(match[1])] = match[2]
    return conda, pip


LOCK = _lock()
CONDA, PIP = _environment()


def test_runtime_dependencies_are_compatible_ranges():
    """A school hub's environment must not be forced to one exact version of anything."""
    for name, req in RUNTIME.items():
        assert req.specifier and "==" not in str(req.specifier), \
            f"pyproject.toml: {name} should be a range such as >=X.Y,<N, not {req.specifier}"
        assert any(s.operator == "<" for s in req.specifier) or name == "numpy", \
            f"pyproject.toml: {name} needs an upper bound (the next major version)"


def test_the_lock_holds_every_declared_dependency_inside_its_range():
    for name, req in DECLARED.items():
        if name not in {**RUNTIME, **LAB, **TEST, **HUB} and name not in LOCK:
            continue  # another extra (not installed by make lab/test/test-hub)
        assert name in LOCK, f"requirements.lock lacks {name}; {FIX}"
        assert req.specifier.contains(LOCK[name], prereleases=True), \
            f"requirements.lock pins {name}=={LOCK[name]}, outside {req}; {FIX}"


def test_make_installs_from_the_lock():
    for target in ("lab", "test"):
        # -W: as if pyproject.toml had changed, so the install step shows even when done
        dry = subprocess.run(["make", "-n", "-W", "pyproject.toml", target, "ENV_PREFIX="],
                             cwd=REPO,
                             capture_output=True, text=True, check=True).stdout
        assert "pip install --quiet -c requirements.lock -e" in dry, dry


def test_conda_pins_follow_the_lock():
    for name, version in {**CONDA, **PIP}.items():
        if name in ("python", "pip"):
            continue
        assert version is not None, f"environment.yml: {name} is not pinned"
        assert LOCK.get(name) == version, \
            f"environment.yml pins {name} {version}; requirements.lock has {LOCK.get(name)}"


def test_conda_has_every_runtime_dependency_and_the_test_tools():
    for name in RUNTIME:
        assert name in CONDA, f"environment.yml: add {name}={LOCK.get(name)} (runtime)"
    for name in TEST:
        assert name in CONDA or name in PIP, \
            f"environment.yml: add {name}=={LOCK.get(name)} under pip: (test tool)"


def test_the_course_tools_are_all_there():
    for name in ("ipywidgets", "pandas", "altair", "nbformat", "numpy", "jinja2",
                 "markupsafe"):
        assert name in RUNTIME
    # JupyterLab is never imported by the package: a hub keeps its own; `make lab`
    # installs it (the lab extra), and so do environment.yml and Binder.
    assert "jupyterlab" not in RUNTIME and "jupyterlab" in LAB and "jupyterlab" in CONDA
    assert "pytest-randomly" in TEST
    for name in ("pytest", "nbval", "nbclient", "frictionless", "setuptools"):
        assert name in TEST
    assert "requests" in HUB and "nbgitpuller" in HUB


def _third_party_imports(folders, *, top_level_only=False):
    """{top-level module: first file importing it} for absolute imports in the folders.

    ``top_level_only``: only imports run when the module is imported (not those inside a
    function, which a module may make for an optional extra)."""
    local = {p.stem for folder in folders for p in (REPO / folder).rglob("*.py")}
    local |= {"comrades"}
    found = {}
    for folder in folders:
        for path in sorted((REPO / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in _module_level(tree) if top_level_only else ast.walk(tree):
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    top = name.split(".")[0]
                    if top not in sys.stdlib_module_names and top not in local:
                        found.setdefault(top, path.relative_to(REPO))
    return found


def _module_level(tree):
    """The nodes of a module outside function bodies."""
    todo = list(tree.body)
    while todo:
        node = todo.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            continue
        yield node
        todo.extend(ast.iter_child_nodes(node))


def _undeclared(imports, declared):
    dists = packages_distributions()
    missing = []
    for module, path in imports.items():
        owners = {canonicalize_name(d) for d in dists.get(module, [module])}
        if not owners & set(declared):
            missing.append(f"{module} ({path}; package {', '.join(sorted(owners))})")
    return missing


def test_the_package_declares_every_import():
    missing = _undeclared(_third_party_imports(["src"], top_level_only=True), RUNTIME)
    assert not missing, f"pyproject.toml [project] dependencies lack: {missing}"
    lazy = _undeclared(_third_party_imports(["src"]), DECLARED)
    assert not lazy, f"pyproject.toml declares neither as a dependency nor in an extra: {lazy}"


def test_tests_declare_every_import():
    imports = _third_party_imports(["tests", "hub_tests", "bench"])
    missing = _undeclared(imports, DECLARED)
    assert not missing, f"pyproject.toml test/hub extras lack: {missing}"


def test_conda_file_is_binder_ready():
    assert re.search(r"^channels:\n  - conda-forge\n(?!  -)", ENV_TEXT, re.M), \
        "conda-forge must be the only channel"
    assert "defaults" not in ENV_TEXT
    lock_python = re.search(r"\(Python (3\.\d+)", LOCK_TEXT)[1]
    assert re.search(rf"^  - python={re.escape(lock_python)}$", ENV_TEXT, re.M), \
        f"pin python={lock_python} exactly, the Python requirements.lock was made with"
    assert "-e ." not in ENV_TEXT and "-e" not in re.findall(r"- (-e)\b", ENV_TEXT)


def test_postbuild_installs_the_package_without_dependencies():
    postbuild = REPO / "postBuild"
    text = postbuild.read_text()
    assert "set -euo pipefail" in text
    assert "python -m pip install --no-deps -e ." in text
    assert postbuild.stat().st_mode & 0o111, "postBuild must be executable"
