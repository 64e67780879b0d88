"""The gap queries at scale: derived coverage graphs against the walk they replace.

For a synthetic KG (``ssbkg.synthetic.synthetic_tables``, seed 0) this times
``region-segment-gaps`` and ``region-route-gaps`` for two regions, the province
with the most organisations (no gaps) and a city with the fewest (many gaps):

- ``KG.query`` on the catalogue text, which reads the derived graphs
  ``ssb:coversSegment`` / ``ssb:coversRoute`` (graph/derive.py);
- the same question written as the walk the queries used before (MINUS over
  every actor's chain of regions, ``queries/reference/*-walk.rq``), on the same
  store with the same substitution;
- rdflib's memory store (``Dataset(default_union=True)``) on the catalogue
  text with ``initBindings``.

It also times the derivation itself (``ssbkg.derive.derive``). Prints a table
with ratios measured in the same run. Usage::

    python benchmarks/bench_gaps.py                 # 1M triples, ~2 minutes
    python benchmarks/bench_gaps.py --triples 100000 --reps 20
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ssbkg.build import build_store  # noqa: E402
from ssbkg.catalogue import get_query, parse_header  # noqa: E402
from ssbkg.derive import derive  # noqa: E402
from ssbkg.kg import KG  # noqa: E402
from ssbkg.resources import queries_dir  # noqa: E402
from ssbkg.synthetic import synthetic_tables  # noqa: E402

PICK = """PREFIX ssb: <https://w3id.org/ssbkg/ontology#>
PREFIX schema: <https://schema.org/>
SELECT ?r (COUNT(?a) AS ?n) WHERE {
  ?r a ssb:LEVEL . OPTIONAL { ?a schema:location/schema:containedInPlace* ?r }
} GROUP BY ?r ORDER BY ORDER ?r LIMIT 1"""


def _time(fn, reps: int) -> tuple:
    out, times = None, []
    for _ in range(reps):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--reps", type=int, default=10, help="repetitions (median); rdflib 3")
    args = ap.parse_args(argv)
    import rdflib

    print(f"# python {sys.version.split()[0]}; load {os.getloadavg()}; cpus {os.cpu_count()}")
    print(f"# pyoxigraph {ox.__version__}, rdflib {rdflib.__version__}")
    with tempfile.TemporaryDirectory() as tmp:
        synthetic_tables(tmp, triples=args.triples, seed=0)
        result = build_store(with_=[tmp], curated=False)
    store, kg = result.store, KG(result.store)
    print(f"# {result.triples:,} triples")
    t_derive, _ = _time(lambda: derive(store), 3)
    regions = {
        "busiest province": kg.query(PICK.replace("LEVEL", "Province")
                                     .replace("ORDER ?r", "DESC(?n)"))[0]["r"],
        "sparsest city": kg.query(PICK.replace("LEVEL", "City")
                                  .replace("ORDER ?r", "?n"))[0]["r"],
    }
    ds = rdflib.Dataset(default_union=True)
    ds.parse(data=store.dump(format=ox.RdfFormat.N_QUADS), format="nquads")
    print("| query | region | rows | derived (ssbkg) | walk | rdflib | walk / derived "
          "| rdflib / derived |")
    print("|---|---|---|---|---|---|---|---|")
    for name in ("region-segment-gaps", "region-route-gaps"):
        text = get_query(name).text
        path = queries_dir() / "reference" / f"{name}-walk.rq"
        walk = parse_header(path.read_text(encoding="utf-8"), path.stem).text
        for label, iri in regions.items():
            subs = {"region": ox.NamedNode(iri)}
            t_new, rows = _time(lambda: kg.query(text, subs), args.reps)
            t_walk, old = _time(lambda: kg.query(walk, subs), args.reps)
            t_rd, rd = _time(lambda: list(ds.query(text, initBindings={
                "region": rdflib.URIRef(iri)})), 3)
            assert len(rows) == len(old) == len(rd), (name, iri, len(rows), len(old), len(rd))
            print(f"| {name} | {label} ({iri.rsplit('/', 1)[-1]}) | {len(rows)} "
                  f"| {t_new * 1e3:.2f} ms | {t_walk * 1e3:.1f} ms | {t_rd * 1e3:.1f} ms "
                  f"| {t_walk / t_new:.0f}x | {t_rd / t_new:.0f}x |")
    print(f"\nderivation (ssbkg.derive.derive, both graphs): {t_derive:.3f} s")


if __name__ == "__main__":
    main()
