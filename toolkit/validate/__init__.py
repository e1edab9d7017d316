"""Check built tables against the Great Expectations suites in expectations/: `toolkit.validate(path)` → Report."""

from __future__ import annotations

import sys
import types

from toolkit.validate.report import Report, Result
from toolkit.validate.run import validate

__all__ = ["Report", "Result", "validate"]


class _CallableModule(types.ModuleType):
    """Once imported, this package shadows the function in `toolkit`'s namespace (the import system binds the
    submodule there), so `toolkit.validate(...)` would call a module; calling the package calls the function."""

    def __call__(self, *args, **kwargs) -> Report:
        return validate(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
