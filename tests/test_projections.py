"""KG -> pandas / networkx projections, checked against tests/fixtures/network by hand.

The fixture (tests/fixtures/network/*.csv) is small enough to work every
expected value out from the tables; the arithmetic is beside each assertion.
The same projections are then taken through a real Oxigraph server on
127.0.0.1 and must come out identical.
"""

from __future__ import annotations

import math
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from ssbkg import projections as P
from ssbkg.build import build_store
from ssbkg.errors import GraphError, NotFoundError
from ssbkg.kg import KG

FIXTURE = Path(__file__).parent / "fixtures" / "network"


@pytest.fixture(scope="module")
def kg():
    return KG(build_store(with_=[FIXTURE], curated=False).store)


def test_local_id():
    assert P.local_id("https://w3id.org/ssbkg/id/region/nw-port") == "nw-port"
    assert P.local_id("https://w3id.org/ssbkg/ontology#route_sulfide") == "sulfide"
    assert P.local_id("https://w3id.org/ssbkg/ontology#Enterprise") == "Enterprise"


def test_organisation_table(kg):
    t = P.organisation_table(kg).set_index("id")
    # 6 organisations + 2 platforms in the fixture
    assert sorted(t.index) == sorted(
        ["nw-carco", "nw-cellco", "nw-gov", "nw-idle", "nw-lab", "nw-loner", "nw-matco", "nw-uni"]
    )
    assert t.loc["nw-uni", "type"] == "university" and t.loc["nw-uni", "sector"] == "university"
    assert t.loc["nw-gov", "sector"] == "government"
    assert t.loc["nw-lab", "type"] == "platform"
    # nw-port < nw-east < nw-land < nw-world
    assert t.loc["nw-cellco", "regions"] == ["nw-port", "nw-east", "nw-land", "nw-world"]
    assert t.loc["nw-cellco", "region_province"] == "nw-east"
    assert pd.isna(t.loc["nw-carco", "region_city"])
    assert t.loc["nw-cellco", "segments"] == ["cells", "packs"]
    assert t.loc["nw-matco", "routes"] == ["oxide", "sulfide"]
    # nw-line's latest statement (2024-06) says 2 GWh by 2025 and 6 GWh by 2027:
    # the full announced build-out is 6 GWh; the 2023-05 statement (4 GWh) is superseded.
    assert t.loc["nw-cellco", "capacity_gwh"] == 6.0
    # MatCo: 10 patents stated in 2023, 12 in 2024 -> the latest, 12.
    assert t.loc["nw-matco", "patents"] == 12.0
    assert math.isnan(t.loc["nw-loner", "patents"])


def test_organisation_table_region_filter(kg):
    east = P.organisation_table(kg, region="nw-east")
    # everyone except CarCo (West Province)
    assert sorted(east["id"]) == ["nw-cellco", "nw-gov", "nw-idle", "nw-lab", "nw-loner",
                                  "nw-matco", "nw-uni"]
    assert sorted(P.organisation_table(kg, region="nw-hill")["id"]) == ["nw-idle", "nw-matco"]


def test_project_table(kg):
    t = P.project_table(kg).set_index("id")
    assert t.loc["nw-line", "developers"] == ["nw-cellco"]
    assert t.loc["nw-line", "partners"] == ["nw-matco"]
    assert t.loc["nw-line", "status"] == "under_construction"
    assert t.loc["nw-line", "capacity_gwh"] == 6.0
    assert t.loc["nw-line", "year"] == "2027"  # ref_period of the 6 GWh statement
    assert t.loc["nw-plant", "capacity_tonnes"] == 500.0
    assert math.isnan(t.loc["nw-plant", "capacity_gwh"])
    assert t.loc["nw-plant", "regions"] == ["nw-hill", "nw-east", "nw-land", "nw-world"]


def test_collaboration_table(kg):
    t = P.collaboration_table(kg).set_index("id")
    assert len(t) == 7
    assert t.loc["nw-c1", "from_party"] == "nw-matco"
    assert t.loc["nw-c1", "to_party"] == "nw-cellco"
    assert t.loc["nw-c1", "parties"] == ["nw-cellco", "nw-matco"]
    assert t.loc["nw-c1", "start"] == "2024-02"
    assert t.loc["nw-c3", "sources"] == ["nw-news"]


def test_collaboration_graph_weights_and_derived_links(kg):
    G = P.collaboration_graph(kg)
    assert G.number_of_nodes() == 8
    expected = {
        # c2 + c3 (direct) + both members of nw-lab (derived) = 3
        ("nw-cellco", "nw-uni"): (3, 2, False),
        # c1 (direct) + the shared project nw-line (derived) = 2
        ("nw-cellco", "nw-matco"): (2, 1, False),
        ("nw-carco", "nw-cellco"): (1, 1, False),  # c4
        ("nw-cellco", "nw-lab"): (1, 1, False),  # m1
        ("nw-lab", "nw-uni"): (1, 1, False),  # m2
        ("nw-gov", "nw-lab"): (1, 1, False),  # f1
    }
    got = {tuple(sorted((a, b))): (d["weight"], d["n_direct"], d["derived"])
           for a, b, d in G.edges(data=True)}
    assert got == expected
    e = G.edges["nw-cellco", "nw-uni"]
    assert e["kinds"] == ["joint_development"]
    assert e["starts"] == ["2023", "2025"]
    assert e["sources"] == ["nw-news", "nw-src"]
    assert e["via"] == ["nw-lab"]
    assert G.edges["nw-cellco", "nw-matco"]["via"] == ["nw-line"]
    # Loner and the idle centre have no tie at all
    assert sorted(nx.isolates(G)) == ["nw-idle", "nw-loner"]
    assert G.nodes["nw-uni"]["sector"] == "university"
    # sorted insertion (seeded algorithms depend on it)
    assert list(G.nodes) == sorted(G.nodes)


def test_collaboration_graph_without_derived_links(kg):
    G = P.collaboration_graph(kg, derived=False)
    # the only purely derived tie would be none here: every derived pair also has
    # a direct collaboration, so weights drop by the derived counts instead
    assert G.edges["nw-cellco", "nw-uni"]["weight"] == 2
    assert G.edges["nw-cellco", "nw-matco"]["weight"] == 1


def test_collaboration_graph_region_scopes(kg):
    hill = P.collaboration_graph(kg, region="nw-hill")
    assert sorted(hill.nodes) == ["nw-idle", "nw-matco"] and hill.number_of_edges() == 0
    touching = P.collaboration_graph(kg, region="nw-hill", scope="touching")
    # MatCo's partner CellCo comes in from outside Hill City
    assert sorted(touching.nodes) == ["nw-cellco", "nw-idle", "nw-matco"]
    assert touching.nodes["nw-cellco"]["inside"] is False
    with pytest.raises(NotFoundError):
        P.collaboration_graph(kg, region="nowhere")
    # a region that exists but holds no organisation gives an empty network
    assert P.collaboration_graph(kg, region="nw-glen").number_of_nodes() == 0
    with pytest.raises(GraphError):
        P.collaboration_graph(kg, scope="everywhere")


def test_typed_graph(kg):
    T = P.typed_graph(kg)
    kinds = nx.get_node_attributes(T, "kind")
    assert sum(1 for k in kinds.values() if k == "region") == 7
    assert sum(1 for k in kinds.values() if k == "project") == 2
    assert sum(1 for k in kinds.values() if k == "organisation") == 8
    rel = {(a, b): d["relation"] for a, b, d in T.edges(data=True) if d["relation"] != "collaborates"}
    assert rel[("nw-port", "nw-east")] == "within"
    assert rel[("nw-cellco", "nw-line")] == "develops"
    assert rel[("nw-matco", "nw-line")] == "partner_in"
    assert rel[("nw-line", "nw-port")] == "located_in"
    # directed collaborations keep their direction (supplier -> customer)
    assert T.has_edge("nw-matco", "nw-cellco")
    assert T.nodes["nw-plant"]["project_kind"] == "material_production"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def remote_kg(tmp_path_factory):
    """A real Oxigraph server on 127.0.0.1 serving the fixture KG."""
    folder = tmp_path_factory.mktemp("remote") / "store"
    build_store(path=folder, with_=[FIXTURE], curated=False)
    oxigraph = Path(sys.executable).with_name("oxigraph")
    port = _free_port()
    proc = subprocess.Popen(
        [str(oxigraph), "serve-read-only", "--location", str(folder),
         "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/query"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        yield KG(endpoint=url)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.mark.server
def test_projections_through_a_remote_endpoint(kg, remote_kg):
    local = P.collaboration_graph(kg)
    remote = P.collaboration_graph(remote_kg)
    assert sorted(local.edges(data=True)) == sorted(remote.edges(data=True))

    def plain(G):  # NaN != NaN, so compare missing values as None
        return {n: {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in d.items()}
                for n, d in G.nodes(data=True)}

    assert plain(local) == plain(remote)
    from ssbkg.analysis import region_matrix

    lm = region_matrix(kg, level="province", weight="enterprises")
    rm = region_matrix(remote_kg, level="province", weight="enterprises")
    assert lm.equals(rm)
