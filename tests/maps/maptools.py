"""Helpers shared by the map tests: hostile names and reading a page."""

from __future__ import annotations

import json
import re

#: Names that would run script if a page put them into HTML unescaped.
IMG = "<img src=x onerror=\"window.pwned=1;alert(1)\">"
SCRIPT = "</script><script>window.pwned=1</script>"
AMP = "R&D \"Lab\" 'quoted' \u2028 line"


def page_data(html: str) -> dict:
    """The JSON data block of a map page."""
    m = re.search(r'<script type="application/json" id="ssbkg-data">(.*?)</script>', html, re.S)
    assert m, "no data block"
    return json.loads(m.group(1))


def open_map(browser, path, *, timeout=60):
    """Open a map page and wait until vis-network has drawn it once."""
    page = browser.open(path)
    page.wait_for("window.ssbkgMap && window.ssbkgMap.ready", timeout=timeout)
    page.pump(0.2)
    return page
