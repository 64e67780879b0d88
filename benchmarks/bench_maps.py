"""Benchmark: a 5,000-node synthetic network drawn in headless Chromium, ssbkg vs pyvis.

The network is ``ssbkg.synthetic.collaboration_network(N, M, seed=0)`` (default
5,000 nodes, 10,000 links). Both pages are opened in the same headless Chromium
(``tests/browser.py``: fresh profile, network blocked, requests counted) in the
same run:

* **ssbkg**: ``ssbkg.maps.draw(G, max_nodes=None)``: positions computed in
  Python with the seed (grouped layout above 1,000 nodes), physics off. Timed:
  the Python side (layout + page), and in the browser from navigation start to
  vis-network's first ``afterDrawing`` event.
* **pyvis**: pyvis's own path, ``Network(cdn_resources="in_line")`` +
  ``from_nx(G)`` + ``generate_html()``, with its default physics layout (Barnes-Hut
  stabilisation in the browser). Timed: the Python side, and in the browser from
  navigation start to ``stabilizationIterationsDone`` (capped at ``--cap``
  seconds; a page that has not settled by then is reported as such) and to its
  first drawing. Its page also asks CDNs for Bootstrap: the blocked requests are
  counted.

Times are wall seconds (the browser is another process); ratios pyvis / ssbkg are
printed. The files are written to a temporary folder, removed unless ``--keep``.

Run: ``python benchmarks/bench_maps.py [--nodes 5000 --edges 10000 --cap 180]``.
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import tempfile
import time
from pathlib import Path

from pyvis.network import Network

from ssbkg import maps
from ssbkg.synthetic import collaboration_network

_HARNESS = Path(__file__).resolve().parent.parent / "tests" / "browser.py"


def _browser_module():
    spec = importlib.util.spec_from_file_location("ssbkg_browser_harness", _HARNESS)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


_PYVIS_PROBE = """<script>
window.__bench = {};
network.once("afterDrawing", function () { window.__bench.drawn = performance.now(); });
network.once("stabilizationIterationsDone", function () { window.__bench.stable = performance.now(); });
</script>
</body>"""


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=5000)
    ap.add_argument("--edges", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--cap", type=float, default=180.0,
                    help="seconds to wait for pyvis's physics to settle")
    ap.add_argument("--keep", action="store_true", help="keep the two pages")
    args = ap.parse_args(argv)
    br = _browser_module()
    G = collaboration_network(args.nodes, args.edges, seed=args.seed)
    for v, d in G.nodes(data=True):
        d["label"] = f"org {v}"
    tmp = Path(tempfile.mkdtemp(prefix="bench-maps-"))
    rows = []
    try:
        t0 = time.perf_counter()
        net = maps.draw(G, seed=args.seed, max_nodes=None, title="synthetic network")
        ours = tmp / "ssbkg.html"
        net.write_html(ours)
        py_ours = time.perf_counter() - t0
        t0 = time.perf_counter()
        base = Network(cdn_resources="in_line")
        base.from_nx(G)
        html = base.generate_html()
        py_base = time.perf_counter() - t0
        theirs = tmp / "pyvis.html"
        theirs.write_text(html.replace("</body>", _PYVIS_PROBE, 1), encoding="utf-8")
        print(f"network: {G.number_of_nodes():,} nodes, {G.number_of_edges():,} links "
              f"(synthetic, seed {args.seed})")
        print(f"page size: ssbkg {ours.stat().st_size / 1e6:.2f} MB, "
              f"pyvis {theirs.stat().st_size / 1e6:.2f} MB")
        with br.Browser(width=1280, height=900) as b:
            t0 = time.perf_counter()
            page = b.open(ours, settle=0.0, timeout=args.cap)
            page.wait_for("window.ssbkgMap && window.ssbkgMap.ready", timeout=args.cap)
            wall_ours = time.perf_counter() - t0
            draw_ours = page.evaluate("ssbkgMap.readyAt") / 1000.0
            counts = page.evaluate("[ssbkgMap.network.body.nodeIndices.length, "
                                   "ssbkgMap.network.body.edgeIndices.length]")
            req_ours = len(page.requests)
            t0 = time.perf_counter()
            page2 = b.open(theirs, settle=0.0, timeout=args.cap)
            try:
                page2.wait_for("window.__bench && window.__bench.stable", timeout=args.cap)
                stable = page2.evaluate("window.__bench.stable") / 1000.0
            except br.BrowserError:
                stable = None
            wall_base = time.perf_counter() - t0
            drawn_base = page2.evaluate("window.__bench && window.__bench.drawn")
            drawn_base = drawn_base / 1000.0 if drawn_base else None
            req_base = len(page2.requests)
        rows = [
            ("python: layout + page", py_ours, py_base),
            ("browser: navigation -> drawn (ssbkg) / settled (pyvis)", draw_ours, stable),
            ("browser: first drawing", draw_ours, drawn_base),
            ("wall: open -> ready", wall_ours, wall_base if stable is not None else None),
            ("total (python + browser ready)", py_ours + draw_ours,
             (py_base + stable) if stable is not None else None),
        ]
        print(f"drawn by ssbkg: {counts[0]:,} nodes, {counts[1]:,} links; requests: ssbkg "
              f"{req_ours}, pyvis {req_base} (blocked CDN requests)")
        print(f"{'step':58s} {'ssbkg s':>9s} {'pyvis s':>9s} {'pyvis/ssbkg':>12s}")
        for name, a, b_ in rows:
            bs = f"{b_:9.2f}" if b_ is not None else f"  >{args.cap:.0f}"
            ratio = f"{b_ / a:12.1f}" if (b_ is not None and a > 0) else \
                (f"{'>' + format(args.cap / a, '.0f'):>12s}" if a > 0 else "undefined")
            print(f"{name:58s} {a:9.2f} {bs:>9s} {ratio}")
        if stable is None:
            print(f"note: pyvis's physics did not settle within {args.cap:.0f} s")
    finally:
        if args.keep:
            print(f"pages kept in {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return rows


if __name__ == "__main__":
    main()
