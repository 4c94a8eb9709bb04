"""Screenshots of each kind of page at desktop and phone widths, at scale, for README.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--chromium /usr/bin/chromium]

Generates the archive the browser tests read (300 meetings with decisions, a logo and a brand
colour: tests/browser/archive.py), builds it with its search index, serves it on localhost,
and photographs the top of each page kind in Chromium: <kind>-desktop.png and <kind>-phone.png.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))  # the test suite's small static server

from browser.archive import make_archive, page_kinds  # noqa: E402
from browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from browser.serve import serve  # noqa: E402

from site_gen.pipeline import BuildOptions, build  # noqa: E402

# The page kinds photographed (page_kinds names one page of each in the archive).
KINDS = {
    "home": "home",
    "group": "group",
    "meeting": "meeting",
    "people": "people",
    "person": "person",
    "actions": "actions index",
    "action": "action",
    "decision": "decision",
    "not-found": "not found",
    "search": "search",
}
WIDTHS = {"desktop": (1280, 800), "phone": (390, 844)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--chromium", default=CHROMIUM)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        content = make_archive(Path(tmp))
        result = build(BuildOptions(content=content, out=site, search=True))
        if result.failed:
            print("the generated archive did not build", file=sys.stderr)
            return 1
        found = page_kinds(site)
        pages = {name: found[kind] for name, kind in KINDS.items()}
        with serve(site) as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
            for width_name, (width, height) in WIDTHS.items():
                context = browser.new_context(
                    viewport={"width": width, "height": height}, device_scale_factor=1
                )
                page = context.new_page()
                for kind, path in pages.items():
                    page.goto(url + path, wait_until="networkidle")
                    if kind == "search":
                        page.wait_for_selector("#search-results li")
                    target = args.out / f"{kind}-{width_name}.png"
                    page.screenshot(path=str(target))
                    print(f"{target.relative_to(REPO)}: {target.stat().st_size // 1024} KB")
                context.close()
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
