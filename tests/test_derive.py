"""Derived graphs (graph/derive.py): what they hold, that build and load recompute them,
and that a query needing one refuses a KG without it."""

from __future__ import annotations

import csv
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from ssbkg.build import build_store, load_dump
from ssbkg.catalogue import parse_header, run
from ssbkg.cli.main import cli
from ssbkg.errors import QueryError
from ssbkg.kg import KG
from ssbkg.resources import data_dir, queries_dir

SSB = "https://w3id.org/ssbkg/ontology#"
SSBD = "https://w3id.org/ssbkg/id/"
FIX = Path(__file__).parent / "fixtures"
COVERS = {"segments": SSB + "coversSegment", "routes": SSB + "coversRoute"}
PREFIX = {"segments": "seg_", "routes": "route_"}


def _coverage_from_tables(folder: Path) -> set:
    """(region, property, concept) worked out from the CSV files, without SPARQL:
    each organisation, platform, project and site row gives its segments and routes to its
    region and every ancestor (the ``parent`` column of regions.csv; rows name their
    region in regions.csv, tables.py checks); an industrial park listed in
    platforms.csv is a region under its ``region`` and covers its own segments too."""
    parent = {}
    with open(folder / "regions.csv", encoding="utf-8", newline="") as fh:
        parent.update({r["id"]: r["parent"] for r in csv.DictReader(fh)})
    rows = []
    for name in ("organisations.csv", "platforms.csv", "projects.csv", "sites.csv"):
        if not (folder / name).exists():  # a user's folder may hold a subset of the tables
            continue
        with open(folder / name, encoding="utf-8", newline="") as fh:
            rows += list(csv.DictReader(fh))
    out = set()
    for row in rows:
        chain, region = [], row["region"]
        while region and SSBD + "region/" + region not in chain:
            chain.append(SSBD + "region/" + region)
            region = parent.get(region, "")
        if row.get("type") == "industrial_park":  # a park listed with the platforms
            chain.insert(0, SSBD + "org/" + row["id"])  # covers what it is active in
        for col, prop in COVERS.items():
            for item in filter(None, row[col].split(";")):
                out.update((r, prop, SSB + PREFIX[col] + item) for r in chain)
    return out


def _coverage_in(store: ox.Store, base: str = SSBD) -> set:
    out = set()
    for name in ("region-segment-coverage", "region-route-coverage"):
        g = ox.NamedNode(f"{base}graph/derived/{name}")
        out |= {(q.subject.value, q.predicate.value, q.object.value)
                for q in store.quads_for_pattern(None, None, None, g)}
    return out


def test_tiny_coverage_is_the_hand_count(tiny_build):
    # tests/fixtures/tiny by hand (test_build.TINY_DERIVED): Bay City covers cells and
    # cathode; North Province, Testland and World add Beta's solid electrolyte.
    got = _coverage_in(tiny_build.store)
    seg = {(r, c) for r, p, c in got if p == COVERS["segments"]}
    city, prov = SSBD + "region/tx-city", SSBD + "region/tx-prov"
    assert {c[len(SSB):] for r, c in seg if r == city} == {"seg_cells", "seg_cathode"}
    assert {c[len(SSB):] for r, c in seg if r == prov} == {
        "seg_cells", "seg_cathode", "seg_solid_electrolyte"}
    assert len(got) == 11 + 7
    assert got == _coverage_from_tables(FIX / "tiny")


def test_curated_coverage_matches_the_tables():
    result = build_store()
    assert _coverage_in(result.store) == _coverage_from_tables(data_dir())


def test_gap_queries_agree_with_the_walk_they_replace():
    # queries/reference/*-walk.rq ask the same question without the derived graphs, as the
    # gap queries did before; compare for every curated region (parks included)
    kg = KG(build_store().store)
    regions = [r["r"] for r in kg.query(
        f"SELECT ?r WHERE {{ ?r a/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* "
        f"<{SSB}Region> }}")]
    assert len(regions) > 60
    checked = 0
    for name, col in (("region-segment-gaps", "segment"), ("region-route-gaps", "route")):
        path = queries_dir() / "reference" / f"{name}-walk.rq"
        walk = parse_header(path.read_text(encoding="utf-8"), path.stem)
        for region in regions:
            old = set(run(kg, walk, region=region)[col])
            assert set(run(kg, name, region=region)[col]) == old, (name, region)
            checked += bool(old)
    assert checked > 120  # most regions have gaps, so the comparison is not vacuous


def test_an_industrial_park_is_a_region_with_its_own_coverage():
    # data/platforms.csv: the Changzhou Solid-State Battery Innovation Valley (Table 1)
    # is active in solid electrolytes with the sulfide route, and lies in Changzhou
    kg = KG(build_store().store)
    park = "Changzhou Solid-State Battery Innovation Valley"
    gaps = set(run(kg, "region-segment-gaps", region=park)["segment"])
    assert SSB + "seg_solid_electrolyte" not in gaps and len(gaps) == 14 - 1
    routes = set(run(kg, "region-route-gaps", region=park)["route"])
    assert SSB + "route_sulfide" not in routes
    assert kg.query(f"ASK {{ <{SSBD}org/changzhou-ssb-innovation-valley> "
                    f"<https://schema.org/containedInPlace> <{SSBD}region/cn-js-changzhou> }}")


def test_a_file_may_not_state_coverage(tmp_path):
    # coverage is derived; a user's Turtle claiming it stops the build, naming the file,
    # whether the claim is one the data backs (Bay City has cells) or not (packs)
    from ssbkg.errors import InputError

    for segment in ("seg_cells", "seg_packs"):
        claim = tmp_path / f"claim-{segment}.ttl"
        claim.write_text("@prefix ssb: <https://w3id.org/ssbkg/ontology#> .\n"
                         f"<{SSBD}region/tx-city> ssb:coversSegment ssb:{segment} .\n",
                         encoding="utf-8")
        with pytest.raises(InputError) as err:
            build_store(with_=[FIX / "tiny", claim], curated=False)
        assert str(err.value).startswith(
            f"{claim}: check derived-term-stated-violation failed")
        assert f"coversSegment, o={SSB}{segment}" in str(err.value)


def test_user_tables_change_the_coverage(tiny_copy):
    # a packs maker in Bay City closes the packs gap of Bay City and all its ancestors
    p = tiny_copy / "organisations.csv"
    p.write_text(p.read_text(encoding="utf-8")
                 + "org-packs,enterprise,Pack Co,,,tx-city,,packs,,,src-a,,,\n", encoding="utf-8")
    before = set(run(KG(build_store(with_=[FIX / "tiny"], curated=False).store),
                     "region-segment-gaps", region="tx-land")["segment"])
    after = set(run(KG(build_store(with_=[tiny_copy], curated=False).store),
                    "region-segment-gaps", region="tx-land")["segment"])
    assert before - after == {SSB + "seg_packs"}


def _dump_without_derived(store: ox.Store) -> str:
    """N-Quads of a store without its derived graphs or their descriptions."""
    text = store.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8")
    keep = [line for line in text.splitlines(keepends=True)
            if "/graph/derived/" not in line and "/activity/derive/" not in line]
    assert len(keep) < len(text.splitlines())
    return "".join(keep)


def test_load_recomputes_the_derived_graphs(tiny_build, tmp_path):
    from ssbkg.errors import InputError

    export = tiny_build.store.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8")
    bogus = (f"<{SSBD}region/tx-city> <{SSB}coversRoute> <{SSB}route_halide> "
             f"<{SSBD}graph/derived/region-route-coverage> .\n")
    # a dump that lacks the derived graphs gets them
    path = tmp_path / "bare.nq"
    path.write_text(_dump_without_derived(tiny_build.store), encoding="utf-8")
    loaded = load_dump(path)
    assert _coverage_in(loaded.store) == _coverage_in(tiny_build.store)
    assert (loaded.triples, loaded.graphs) == (tiny_build.triples, tiny_build.graphs)
    # a stale triple in a described derived graph is replaced, not kept
    path = tmp_path / "stale.nq"
    path.write_text(export + bogus, encoding="utf-8")
    loaded = load_dump(path)
    assert _coverage_in(loaded.store) == _coverage_in(tiny_build.store)
    assert (loaded.triples, loaded.graphs) == (tiny_build.triples, tiny_build.graphs)
    # coverage in a graph nobody describes as derived is a stated claim: the checks
    # refuse it; without checks the derivation replaces it
    path = tmp_path / "claim.nq"
    path.write_text(_dump_without_derived(tiny_build.store) + bogus, encoding="utf-8")
    with pytest.raises(InputError, match="check derived-term-stated-violation failed"):
        load_dump(path)
    assert _coverage_in(load_dump(path, checks=False).store) == _coverage_in(tiny_build.store)


def test_a_kg_without_derived_graphs_is_refused(tiny_build):
    bare = ox.Store()
    bare.load(_dump_without_derived(tiny_build.store).encode("utf-8"),
              format=ox.RdfFormat.N_QUADS)
    kg = KG(bare)
    with pytest.raises(QueryError, match="region-segment-gaps: reads the derived graph "
                                         "'region-segment-coverage'"):
        run(kg, "region-segment-gaps", region="tx-city")
    with pytest.raises(QueryError, match="'region-route-coverage'"):
        run(kg, "region-route-gaps", region="tx-city")
    # queries that need no derived graph still answer: Bay City's enterprise is Alpha
    # (one row per segment, so compare the set)
    assert set(run(kg, "region-enterprises", region="tx-city")["enterprise"]) == {
        SSBD + "org/org-alpha"}


def test_a_remote_kg_without_derived_graphs_is_refused(tiny_build, tmp_path, serve_folder):
    # a real Oxigraph server on a store filled without ssbkg (so no derived graphs)
    folder = tmp_path / "bare"
    store = ox.Store(str(folder))
    store.bulk_load(_dump_without_derived(tiny_build.store).encode("utf-8"),
                    format=ox.RdfFormat.N_QUADS)
    store.flush()
    del store
    url = serve_folder(folder)
    res = CliRunner().invoke(cli, ["query", "region-segment-gaps", "-p", "region=tx-city",
                                   "--endpoint", url])
    assert res.exit_code == 1
    assert res.output.strip().splitlines() == [
        "Error: query region-segment-gaps: reads the derived graph "
        "'region-segment-coverage', which this KG lacks; build it with 'ssbkg build' "
        "or restore an export with 'ssbkg load'"]
