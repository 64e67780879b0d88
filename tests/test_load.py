"""Loading an exported KG back (ssbkg.build.load_dump, ``ssbkg load``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from ssbkg.build import build_store, load_dump
from ssbkg.cli.main import cli
from ssbkg.errors import InputError
from ssbkg.export import export
from ssbkg.kg import KG

FIXTURE = Path(__file__).parent / "fixtures" / "network"


@pytest.fixture(scope="module")
def dump(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dump")
    built = build_store(with_=[FIXTURE], curated=False)
    path = folder / "kg.nq"
    export(KG(built.store), path, "nquads")
    return built, path


def test_round_trip_is_byte_identical(dump, tmp_path):
    built, path = dump
    loaded = load_dump(path, tmp_path / "store")
    # the same quads: same counts, and exporting again gives the same bytes
    assert (loaded.triples, loaded.graphs) == (built.triples, built.graphs)
    again = tmp_path / "again.nq"
    export(KG(loaded.store), again, "nquads")
    assert again.read_bytes() == path.read_bytes()


def test_in_memory_load_answers_queries(dump):
    _, path = dump
    kg = KG(load_dump(path).store)
    rows = kg.query("PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
                    "SELECT ?l WHERE { <https://w3id.org/ssbkg/id/org/nw-cellco> skos:prefLabel ?l }")
    assert rows == [{"l": "CellCo"}]


def test_broken_dump_leaves_the_store_untouched(dump, tmp_path):
    _, path = dump
    store = tmp_path / "store"
    load_dump(path, store)
    before = sorted(p.name for p in store.iterdir())
    broken = tmp_path / "broken.nq"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    broken.write_text("".join(lines[:10]) + '<http://a> <http://b> "open\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"broken\.nq.*line 11"):
        load_dump(broken, store)
    assert sorted(p.name for p in store.iterdir()) == before
    # no temp folder left (the store's lock file .store.lock stays, by design: ssbkg.store.lock_path)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".store.") and p.name != ".store.lock"]
    assert KG.from_path(store).count("SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }") > 0


def test_checks_run_on_the_loaded_data(tmp_path):
    # an assertion graph that names no source breaks a build check
    bad = tmp_path / "bad.nq"
    bad.write_text(
        "<https://w3id.org/ssbkg/id/org/x> <http://www.w3.org/2004/02/skos/core#prefLabel> "
        '"X"@en <https://w3id.org/ssbkg/id/assertion/organisations/x> .\n', encoding="utf-8")
    with pytest.raises(InputError):
        load_dump(bad)
    # the one quad, and the descriptions of the two (empty) derived graphs: 2 x 7
    assert load_dump(bad, checks=False).triples == 1 + 2 * 7


def test_cli_load(dump, tmp_path):
    _, path = dump
    res = CliRunner().invoke(cli, ["load", str(path), "--store", str(tmp_path / "kg")])
    assert res.exit_code == 0, res.output
    assert "triples: " in res.output
    res = CliRunner().invoke(cli, ["load", str(tmp_path / "nope.txt"), "--store",
                                   str(tmp_path / "kg2")])
    assert res.exit_code == 1 and len(res.output.strip().splitlines()) == 1
