"""Regenerate docs/report.png: the seed dataset's HTML report in headless Chromium, its first high finding open.

    python docs/screenshot.py            # needs Debian's chromium (/usr/bin/chromium) and playwright (.[test])
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import toolkit  # noqa: E402

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        page_file = toolkit.report(ROOT / "datasets" / "kim-putin-vostochny-2023", Path(tmp) / "report.html")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1050})
            page.goto(page_file.as_uri())
            page.click("tbody.finding[data-severity='high'] >> nth=0 >> tr.row")
            page.screenshot(path=str(ROOT / "docs" / "report.png"))
            browser.close()
    print(ROOT / "docs" / "report.png")


if __name__ == "__main__":
    main()
