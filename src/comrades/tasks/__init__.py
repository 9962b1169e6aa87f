"""The self-checks of the exercise notebooks, one module per lesson (``lessonNN.py``).

Importing this package imports every such module, which registers its tasks with
``comrades.check``.
"""

import pkgutil
from importlib import import_module

for _module in pkgutil.iter_modules(__path__):
    if _module.name.startswith("lesson"):
        import_module(f"{__name__}.{_module.name}")
