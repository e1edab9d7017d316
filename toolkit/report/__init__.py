"""Reports for people: plain-text build summaries (summary.py) and the self-contained HTML report (html.py).

`toolkit.report(TABLES, "report.html")` writes the HTML report; see `toolkit.report.html.report`."""

from __future__ import annotations

import sys
import types


def report(*args, **kwargs):
    from toolkit.report.html import report as write

    return write(*args, **kwargs)


class _CallableModule(types.ModuleType):
    """Once imported, this package shadows the function in `toolkit`'s namespace (the import system binds the
    submodule there), so calling the package calls the function, as `toolkit.validate` does."""

    def __call__(self, *args, **kwargs):
        return report(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
