"""GEXF, GraphML and Cytoscape JSON exports, read back with networkx."""

from __future__ import annotations

import io
import json

import networkx as nx
import pytest

from ssbkg import maps
from ssbkg.errors import GraphError


def _read(data: bytes, fmt: str):
    if fmt == "gexf":
        return nx.read_gexf(io.BytesIO(data))
    if fmt == "graphml":
        return nx.read_graphml(io.BytesIO(data))
    return nx.cytoscape_graph(json.loads(data))


@pytest.mark.parametrize("fmt", maps.EXPORT_FORMATS)
def test_collaboration_export_reads_back(tiny_kg, fmt):
    G = maps.collaboration_graph(tiny_kg)
    data = maps.export_bytes(G, fmt)
    assert b"None" not in data and b"nan" not in data.lower().replace(b"nanjing", b"")
    H = _read(data, fmt)
    assert set(H.nodes) == set(G.nodes)
    assert {frozenset(e) for e in H.edges()} == {frozenset(e) for e in G.edges()}
    a = H.nodes["org-alpha"]
    assert a["label"] == "Alpha Cells" and a["label_zh"] == "阿尔法电池"
    assert a["segments"] == "cathode; cells"  # lists joined (the projection sorts them)
    assert a["sources"] == "Study A (2024-05, primary)" and a["source_ids"] == "src-a"
    assert "capacity_gwh" not in H.nodes["org-uni"]  # missing values left out, not "None"
    e = H.edges["org-alpha", "org-beta"]
    assert e["kind"] == "supply" and e["sources"] == "News B (2023, weak)"
    assert float(e["weight"]) == 2.0


@pytest.mark.parametrize("fmt", maps.EXPORT_FORMATS)
def test_ego_multigraph_export_keeps_parallel_edges(tiny_kg, fmt):
    G = maps.ego_graph(tiny_kg, "org-alpha")
    H = _read(maps.export_bytes(G, fmt), fmt)
    assert H.number_of_nodes() == G.number_of_nodes()
    assert H.number_of_edges() == G.number_of_edges()


def test_exports_are_deterministic_and_one_type_per_attribute(tiny_kg):
    G = maps.chain_graph(tiny_kg)
    for fmt in maps.EXPORT_FORMATS:
        assert maps.export_bytes(G, fmt) == maps.export_bytes(maps.chain_graph(tiny_kg), fmt)
    H = maps.exportable(G)
    for key in {k for _, d in H.nodes(data=True) for k in d}:
        types = {type(d[key]) for _, d in H.nodes(data=True) if key in d}
        assert len(types) == 1, key
    assert "lastmodifieddate" not in maps.export_bytes(G, "gexf").decode()


def test_mixed_types_become_text():
    G = nx.Graph()
    G.add_node(1, v=3)
    G.add_node(2, v="three")
    H = maps.exportable(G)
    assert H.nodes["1"]["v"] == "3" and H.nodes["2"]["v"] == "three"


def test_unknown_format():
    with pytest.raises(GraphError, match="format"):
        maps.export_bytes(nx.Graph(), "dot")
