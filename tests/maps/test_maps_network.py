"""The drawing: a self-contained page, escaped data, seeded layout, physics and aggregation."""

from __future__ import annotations

import re

import networkx as nx
import pytest
from pyvis.network import Network

from maptools import AMP, IMG, SCRIPT, page_data
from ssbkg import maps
from ssbkg.errors import GraphError
from ssbkg.maps.network import json_for_script, vis_js


def _graph():
    G = nx.Graph()
    G.add_node("a", label=IMG, label_zh="甲", type="enterprise", segments=["cells", "cathode"],
               region="r1", capacity_gwh=10.0,
               sources=[{"id": "s1", "title": SCRIPT, "issued": "2024", "reliability": "primary"}])
    G.add_node("b", label=SCRIPT, type="university", region="r2", capacity_gwh=None)
    G.add_node("c", label=AMP, type="platform", region="r2", capacity_gwh=2.5)
    G.add_edge("a", "b", kinds=["joint_development"], weight=1)
    G.add_edge("b", "c", kinds=["supply"], arrow_from="c", weight=3)
    return G


def test_returns_a_pyvis_network_with_every_node_and_edge():
    net = maps.draw(_graph(), title="t", seed=3)
    assert isinstance(net, Network)
    assert net.num_nodes() == 3 and net.num_edges() == 2
    assert sorted(n["id"] for n in net.nodes) == ["a", "b", "c"]


def test_page_is_self_contained():
    html = maps.draw(_graph()).generate_html()
    # no element loads anything: no src/href attributes at all, no @import or url()
    assert not re.search(r"<(script|link|img|iframe)[^>]*\s(src|href)\s*=", html, re.I)
    assert "@import" not in html and "bootstrap" not in html.lower()
    assert "cdnjs" not in html and "jsdelivr" not in html and "fonts.googleapis" not in html
    assert "content=\"default-src &#x27;none&#x27;;" in html
    # vis-network is inlined from the pyvis wheel
    assert "vis-network" in html and "@version 9.1.2" in html


def test_names_from_the_data_never_reach_the_markup():
    html = maps.draw(_graph()).generate_html()
    ours = html.replace(vis_js(), "")  # the page without the inlined library
    for bad in ("<img", "<script>window", "R&D"):
        assert bad not in ours
    data_block = re.search(r'id="ssbkg-data">(.*?)</script>', ours, re.S).group(1)
    outside = ours.replace(data_block, "")
    for bad in ("onerror", "window.pwned", "Lab"):  # names live only in the JSON block, as text
        assert bad not in outside
    # the only script elements are the template's three: data, vis-network, the page script
    assert html.count("</script>") == 3 and ours.count("<script") == 3
    data = page_data(html)
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    assert labels == {"a": IMG, "b": SCRIPT, "c": AMP}
    a = next(n for n in data["nodes"] if n["id"] == "a")
    assert SCRIPT in a["title"] and "2024, primary" in a["title"]


def test_json_for_script_round_trips_and_escapes():
    import json

    value = {"x": SCRIPT + AMP + "\u2029"}
    text = json_for_script(value)
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == value


def test_same_input_same_bytes_and_seed_matters():
    one = maps.draw(_graph(), seed=7).generate_html()
    two = maps.draw(_graph(), seed=7).generate_html()
    assert one == two
    G = nx.barabasi_albert_graph(60, 2, seed=1)
    assert maps.draw(G, seed=1).generate_html() != maps.draw(G, seed=2).generate_html()


def test_layout_is_computed_in_python_and_physics_off():
    net = maps.draw(_graph(), seed=1)
    assert net.options["physics"]["enabled"] is False
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in net.nodes)
    assert net.options["layout"]["improvedLayout"] is False


def test_physics_is_refused_above_the_documented_size():
    small = maps.draw(nx.path_graph(10), physics=True)
    assert small.options["physics"]["enabled"] is True
    G = nx.path_graph(maps.PHYSICS_MAX_NODES + 1)
    big = maps.draw(G, physics=True)
    assert big.options["physics"]["enabled"] is False
    assert any(f"physics is off above {maps.PHYSICS_MAX_NODES}" in n for n in big.ssbkg["notes"])


def test_aggregation_above_max_nodes_groups_by_region():
    G = nx.Graph()
    for i in range(30):
        G.add_node(i, region=f"r{i % 3}", type="enterprise")
    for i in range(29):
        G.add_edge(i, i + 1)
    net = maps.draw(G, max_nodes=20)
    # 3 regions -> 3 group nodes; consecutive nodes always differ in region (i % 3), so
    # every one of the 29 links crosses groups: r0-r1 (10), r1-r2 (10), r2-r0 (9)
    assert net.num_nodes() == 3
    widths = {frozenset((e["from"], e["to"])) for e in net.edges}
    assert widths == {frozenset(p) for p in (("r0", "r1"), ("r1", "r2"), ("r0", "r2"))}
    Q = maps.aggregate(G, by="region")
    assert Q["r0"]["r1"]["weight"] == 10 and Q["r0"]["r2"]["weight"] == 9
    assert sorted(Q.nodes(data="members")) == [("r0", 10), ("r1", 10), ("r2", 10)]
    assert any("aggregated into 3 region groups" in n for n in net.ssbkg["notes"])


def test_aggregation_without_regions_uses_communities():
    G = nx.union(nx.complete_graph(10), nx.complete_graph(range(10, 20)))
    G.add_edge(0, 10)
    net = maps.draw(G, max_nodes=5)
    assert net.num_nodes() == 2
    assert any("community groups" in n for n in net.ssbkg["notes"])


def test_degenerate_graphs_get_notes():
    empty = maps.draw(nx.Graph())
    assert empty.num_nodes() == 0
    assert any("no nodes" in n for n in empty.ssbkg["notes"])
    edgeless = maps.draw(nx.empty_graph(3), size_by="capacity")
    notes = " ".join(edgeless.ssbkg["notes"])
    assert "no links" in notes and "same size" in notes


def test_size_legend_names_the_largest_and_the_missing():
    net = maps.draw(_graph(), size_by="capacity")
    size = net.ssbkg["legend"]["size"]
    assert size["max_node"] == IMG and size["max"] == "10" and size["missing"] == 1
    sizes = {n["id"]: n["size"] for n in net.nodes}
    # radius lo + (hi - lo) sqrt(v / vmax), lo=6, hi=34: a=34, c=6+28*sqrt(0.25)=20, b (no data)=6
    assert sizes == {"a": 34.0, "c": 20.0, "b": 6.0}


def test_colour_by_segment_uses_the_first_segment_in_value_chain_order():
    net = maps.draw(_graph(), color_by="segment")
    items = dict(net.ssbkg["legend"]["colour"]["items"])
    # a has cells and cathode: cathode (upstream) comes first in the value chain
    assert set(items) == {"cathode", "(none)"}
    a = next(n for n in net.nodes if n["id"] == "a")
    assert a["color"]["background"] == items["cathode"]


def test_directed_edges_point_from_arrow_from():
    net = maps.draw(_graph())
    bc = next(e for e in net.edges if {e["from"], e["to"]} == {"b", "c"})
    assert (bc["from"], bc["to"], bc["arrows"]) == ("c", "b", "to")
    ab = next(e for e in net.edges if {e["from"], e["to"]} == {"a", "b"})
    assert "arrows" not in ab


def test_filters_list_every_value():
    net = maps.draw(_graph())
    f = {x["facet"]: x["values"] for x in net.ssbkg["filters"]}
    assert f["type"] == ["enterprise", "university", "platform"]
    assert f["region"] == ["r1", "r2"]
    assert f["kind"] == ["joint_development", "supply"]
    assert f["segment"] == ["cathode", "cells", "(none)"]


def test_bad_options_raise_library_errors():
    with pytest.raises(GraphError, match="color_by"):
        maps.draw(_graph(), color_by="colour")
    with pytest.raises(GraphError, match="size_by"):
        maps.draw(_graph(), size_by="weight")


def test_write_html_is_atomic_and_repr_html_embeds_escaped(tmp_path):
    net = maps.draw(_graph())
    out = tmp_path / "m.html"
    net.write_html(out)
    assert out.read_text(encoding="utf-8") == net.generate_html()
    assert [p.name for p in tmp_path.iterdir()] == ["m.html"]
    inline = net._repr_html_()
    assert inline.startswith("<iframe") and "srcdoc=\"&lt;!DOCTYPE html&gt;" in inline
    assert "<script" not in inline
