"""The package's modules import each other in one direction: no circle.

Read statically from the source (every ``import`` statement, also those inside
functions), so a circle hidden behind a lazy import fails here too.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import networkx as nx

import ssbkg

PKG = Path(ssbkg.__file__).resolve().parent


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PKG).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(["ssbkg", *parts])


def _imports(path: Path, name: str) -> set:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("ssbkg")}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            if not mod.startswith("ssbkg"):
                continue
            found.add(mod)
            found |= {f"{mod}.{a.name}" for a in node.names}
    return found


def import_graph() -> nx.DiGraph:
    modules = {_module_name(p): p for p in PKG.rglob("*.py")}
    g = nx.DiGraph()
    g.add_nodes_from(modules)
    for name, path in modules.items():
        for target in _imports(path, name):
            if target in modules and target != name:
                g.add_edge(name, target)
    return g


def test_the_scanner_sees_relative_and_absolute_imports():
    g = import_graph()
    assert g.has_edge("ssbkg.kg", "ssbkg.sparql")       # from .sparql import ...
    assert g.has_edge("ssbkg.sparql", "ssbkg.errors")   # from .errors import ...
    assert g.has_edge("ssbkg.metrics.cluster", "ssbkg.vocab")  # from ssbkg import vocab


def test_no_import_circle_in_the_package():
    g = import_graph()
    # a package's __init__ re-exporting its submodules is not a circle of code:
    # drop edges from a submodule to its own package's __init__ only when that
    # __init__ merely re-exports (it imports the submodule back).
    cycles = [c for c in nx.simple_cycles(g) if not _reexport(c)]
    assert cycles == [], "import circles: " + "; ".join(" -> ".join(c + c[:1]) for c in cycles[:5])


def _reexport(cycle) -> bool:
    return len(cycle) == 2 and any(a.startswith(b + ".") or b.startswith(a + ".")
                                   for a, b in [cycle])


def test_the_base_layer_imports_no_analysis_or_cli():
    g = import_graph()
    base = ["ssbkg.sparql", "ssbkg.kg", "ssbkg.vocab", "ssbkg.errors", "ssbkg.tables"]
    upper = {n for n in g if n.startswith(("ssbkg.cli", "ssbkg.metrics", "ssbkg.diffusion",
                                            "ssbkg.report", "ssbkg.maps"))}
    for module in base:
        reached = nx.descendants(g, module)
        assert not reached & upper, (module, sorted(reached & upper))


def test_a_circle_is_found_when_there_is_one(tmp_path, monkeypatch):
    # the detector itself: two modules importing each other, one lazily
    pkg = tmp_path / "ssbkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from . import b\n")
    (pkg / "b.py").write_text("def f():\n    from ssbkg.a import g\n")
    monkeypatch.setattr(sys.modules[__name__], "PKG", pkg)
    assert list(nx.simple_cycles(import_graph())) in ([["ssbkg.a", "ssbkg.b"]], [["ssbkg.b", "ssbkg.a"]])


def test_the_package_exports_its_entry_points_lazily():
    import subprocess
    import sys

    code = ("import sys, ssbkg; assert 'rdflib' not in sys.modules and 'pyoxigraph' not in sys.modules;"
            " from ssbkg import KG, curated_kg, open_kg; import ssbkg.kg;"
            " assert KG is ssbkg.kg.KG; print('ok')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "ok", out.stderr
