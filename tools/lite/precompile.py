"""Run inside the site's Pyodide by tools/lite/build.py (see ``precompile`` there).

Imports what a kernel of the in-browser edition imports (the kernel's IPython, the
course with every module that can load in the browser, and its libraries), then writes,
for every module imported from site-packages, the bytecode Python would otherwise
compile in the student's browser at each kernel start, into /out, at the path
``importlib.util.cache_from_source`` gives (``…/__pycache__/NAME.cpython-312.pyc``).
The files are unchecked hash-based (PEP 552): Python loads them without comparing the
source's date, which unpacking a wheel in the browser does not keep.
"""

import importlib
import importlib.util
import pkgutil
import py_compile
import sys
import sysconfig

SITE = "/" + sysconfig.get_paths()["purelib"].lstrip("/")
# What pyodide-kernel imports at start (its own modules are tiny and, imported here
# outside a kernel, would take over standard output) and what the course imports.
IMPORTED = ("IPython", "IPython.core.interactiveshell", "comm", "ipywidgets", "pandas",
            "altair", "sqlite3", "comrades")

for name in IMPORTED:
    importlib.import_module(name)
import comrades  # noqa: E402

not_here = []
for module in pkgutil.walk_packages(comrades.__path__, "comrades.", onerror=not_here.append):
    try:
        importlib.import_module(module.name)
    except ImportError as err:  # publishing and authoring need packages a browser lacks
        not_here.append(f"{module.name} ({err})")

sources = sorted({m.__file__ for m in list(sys.modules.values())
                  if (getattr(m, "__file__", None) or "").endswith(".py")
                  and m.__file__.startswith(SITE + "/")})
for source in sources:
    relative = source[len(SITE) + 1:]
    py_compile.compile(source, cfile="/out/" + importlib.util.cache_from_source(relative),
                       dfile=source, doraise=True,
                       invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
print(f"precompiled {len(sources)} modules; not importable in the browser: {not_here}")
