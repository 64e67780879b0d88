"""Maps opened in headless Chromium with the network blocked (tests/browser.py)."""

from __future__ import annotations

import networkx as nx
import pytest
from pyvis.network import Network

from browser import png_pixels
from maptools import AMP, IMG, SCRIPT, open_map
from ssbkg import maps

pytestmark = pytest.mark.browser


def _write(net, tmp_path, name="m.html", *, strip_csp=False):
    html = net.generate_html()
    if strip_csp:
        start = html.index('<meta http-equiv="Content-Security-Policy"')
        html = html[:start] + html[html.index(">", start) + 1:]
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return path


def test_the_harness_counts_requests(browser, tmp_path):
    # pyvis's own in_line page still asks CDNs for Bootstrap (pyvis #228): the counter sees it,
    # so the zero counted for ssbkg's pages below is not an artefact of the harness
    net = Network(cdn_resources="in_line")
    net.add_node(1)
    path = tmp_path / "pyvis.html"
    path.write_text(net.generate_html(), encoding="utf-8")
    page = browser.open(path, settle=0.5)
    assert any("bootstrap" in u for u in page.requests)


def test_collaboration_map_draws_every_node_without_a_request(browser, curated, tmp_path):
    G = maps.collaboration_graph(curated)
    net = maps.collaboration_map(curated)
    page = open_map(browser, _write(net, tmp_path))
    assert page.requests == [] and page.errors == [] and page.dialogs == []
    counts = page.evaluate("[ssbkgMap.nodes.length, ssbkgMap.edges.length, "
                           "ssbkgMap.nodeView.length, ssbkgMap.edgeView.length, "
                           "ssbkgMap.network.body.nodeIndices.length, "
                           "ssbkgMap.network.body.edgeIndices.length]")
    n, m = G.number_of_nodes(), G.number_of_edges()
    assert counts == [n, m, n, m, n, m]


def test_filters_hide_what_they_say(browser, curated, tmp_path):
    G = maps.collaboration_graph(curated)
    page = open_map(browser, _write(maps.collaboration_map(curated), tmp_path))
    page.evaluate("""(() => { const cb = [...document.querySelectorAll(
        'fieldset[data-facet="type"] input')].find(c => c.value === 'enterprise');
        cb.checked = false; cb.dispatchEvent(new Event('change')); })()""")
    keep = {v for v, d in G.nodes(data=True) if d["type"] != "enterprise"}
    links = sum(1 for u, v in G.edges() if u in keep and v in keep)
    assert page.evaluate("[ssbkgMap.nodeView.length, ssbkgMap.edgeView.length, "
                         "ssbkgMap.network.body.nodeIndices.length]") == [len(keep), links, len(keep)]
    text = page.evaluate("document.querySelector('#ssbkg-filters .small').textContent")
    assert text == f"Shown: {len(keep)} of {G.number_of_nodes()} nodes, {links} of {G.number_of_edges()} links"


def test_kind_filter_hides_links(browser, curated, tmp_path):
    G = maps.collaboration_graph(curated)
    page = open_map(browser, _write(maps.collaboration_map(curated), tmp_path))
    page.evaluate("""(() => { for (const cb of document.querySelectorAll(
        'fieldset[data-facet="kind"] input')) { if (cb.value !== 'supply') {
        cb.checked = false; cb.dispatchEvent(new Event('change')); } } })()""")
    supply = sum(1 for *_, d in G.edges(data=True) if "supply" in d["kinds"])
    assert page.evaluate("ssbkgMap.edgeView.length") == supply


@pytest.mark.parametrize("query", ["Alpha Cells", "阿尔法电池", "alpha"])
def test_search_finds_by_english_or_chinese_label(browser, tiny_kg, tmp_path, query):
    page = open_map(browser, _write(maps.collaboration_map(tiny_kg), tmp_path))
    page.evaluate(f"document.getElementById('ssbkg-search').value = {query!r}")
    page.evaluate("document.getElementById('ssbkg-go').click()")
    assert page.evaluate("ssbkgMap.found") == "org-alpha"
    assert page.evaluate("ssbkgMap.network.getSelectedNodes()") == ["org-alpha"]
    assert page.evaluate("document.getElementById('ssbkg-status').textContent") == \
        "Found: Alpha Cells (阿尔法电池)"


@pytest.mark.parametrize("strip_csp", [False, True], ids=["as-shipped", "escaping-alone"])
def test_hostile_names_stay_text(browser, hostile_kg, tmp_path, strip_csp):
    # without the Content-Security-Policy the escaping alone must keep the scripts inert
    net = maps.collaboration_map(hostile_kg, color_by="region")
    page = open_map(browser, _write(net, tmp_path, strip_csp=strip_csp))
    page.pump(0.5)
    assert page.evaluate("window.pwned === undefined") is True
    assert page.dialogs == [] and page.errors == [] and page.requests == []
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert page.evaluate("document.querySelectorAll('script').length") == 3
    labels = page.evaluate("ssbkgMap.nodes.get(['org-img', 'org-script', 'org-amp']).map(n => n.label)")
    assert labels == [IMG, SCRIPT, AMP]
    # the search list carries them as option values, text only
    options = page.evaluate("[...document.querySelectorAll('#ssbkg-labels option')].map(o => o.value)")
    assert IMG in options and SCRIPT in options and "图" + IMG in options
    # a tooltip is shown as text: hover the node and read the popup
    page.evaluate("ssbkgMap.network.selectNodes(['org-img'])")
    title = page.evaluate("ssbkgMap.nodes.get('org-img').title")
    assert title.startswith(IMG + " (图" + IMG + ")") and "Study A (2024-05, primary)" in title
    # the search status echoes the name as text
    page.evaluate(f"document.getElementById('ssbkg-search').value = {SCRIPT!r}")
    page.evaluate("document.getElementById('ssbkg-go').click()")
    assert page.evaluate("document.getElementById('ssbkg-status').textContent") == \
        f"Found: {SCRIPT} ({SCRIPT})"
    assert page.evaluate("window.pwned === undefined") is True


def test_hostile_tooltip_renders_as_text(browser, hostile_kg, tmp_path):
    net = maps.collaboration_map(hostile_kg)
    page = open_map(browser, _write(net, tmp_path, strip_csp=True))
    # move the pointer onto the node so vis-network opens its popup
    xy = page.evaluate("(() => { const p = ssbkgMap.network.canvasToDOM("
                       "ssbkgMap.network.getPositions(['org-img'])['org-img']);"
                       "const r = document.querySelector('#ssbkg-map canvas').getBoundingClientRect();"
                       "return [p.x + r.left, p.y + r.top]; })()")
    for _ in range(3):
        page.send("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": xy[0], "y": xy[1]})
        page.pump(0.3)
    page.wait_for("document.querySelector('div.vis-tooltip') && "
                  "document.querySelector('div.vis-tooltip').style.visibility === 'visible'",
                  timeout=10)
    tip = page.evaluate("document.querySelector('div.vis-tooltip').textContent")
    # the popup holds the hovered node's title as text (innerText: line breaks become <br>)
    titles = page.evaluate("ssbkgMap.nodes.get().map(n => n.title.split('\\n').join(''))")
    assert tip in titles and (tip.startswith(IMG) or tip.startswith(SCRIPT))
    assert page.evaluate("[...document.querySelector('div.vis-tooltip').children]"
                         ".every(c => c.tagName === 'BR')") is True
    assert page.evaluate("window.pwned === undefined") is True


def test_screenshot_is_not_blank(browser, curated, tmp_path):
    page = open_map(browser, _write(maps.collaboration_map(curated), tmp_path))
    rect = page.evaluate("(() => { const r = document.querySelector('#ssbkg-map canvas')"
                         ".getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; })()")
    png = page.screenshot(tmp_path / "shot.png",
                          clip={"x": rect[0], "y": rect[1], "width": rect[2], "height": rect[3]})
    px = png_pixels(png)
    assert px.shape[0] == int(rect[3]) and px.shape[1] == int(rect[2])
    inked = (px.min(axis=2) < 200).mean()  # share of pixels darker than near-white
    assert inked > 0.005
    # the node colours of the legend are on the canvas: the enterprise blue #0072B2
    blue = ((abs(px[..., 0].astype(int) - 0x00) < 12) & (abs(px[..., 1].astype(int) - 0x72) < 12)
            & (abs(px[..., 2].astype(int) - 0xB2) < 12)).sum()
    assert blue > 50


def test_blank_canvas_is_detected(browser, tmp_path):
    # the same measure on an empty map reads (almost) nothing: the check above can fail
    page = open_map(browser, _write(maps.draw(nx.Graph()), tmp_path))
    rect = page.evaluate("(() => { const r = document.querySelector('#ssbkg-map canvas')"
                         ".getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; })()")
    px = png_pixels(page.screenshot(clip={"x": rect[0], "y": rect[1], "width": rect[2],
                                          "height": rect[3]}))
    assert (px.min(axis=2) < 200).mean() < 0.005


@pytest.mark.parametrize("kind, opts", [("chain", {"region": "cn"}), ("region", {}),
                                        ("ego", {"entity": "idemitsu", "radius": 2})])
def test_other_kinds_draw_what_the_graph_holds(browser, curated, tmp_path, kind, opts):
    G = maps.map_graph(curated, kind, **dict(opts))
    page = open_map(browser, _write(maps.make_map(curated, kind, **dict(opts)), tmp_path))
    assert page.requests == [] and page.errors == []
    assert page.evaluate("[ssbkgMap.network.body.nodeIndices.length, "
                         "ssbkgMap.network.body.edgeIndices.length]") == \
        [G.number_of_nodes(), G.number_of_edges()]
