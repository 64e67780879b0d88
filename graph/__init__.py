"""ssbkg: a knowledge graph and analysis toolkit for the solid-state battery ecosystem.

The main entry points are importable from the package itself; they load on
first use, so ``import ssbkg`` (and the command line) stays fast.

Examples
--------
>>> from ssbkg import KG, curated_kg
>>> kg = curated_kg()
>>> isinstance(kg, KG)
True
>>> kg.count("SELECT (COUNT(?o) AS ?n) WHERE { ?o a <https://w3id.org/ssbkg/ontology#Enterprise> }") > 50
True
"""

__version__ = "0.1.0"

__all__ = ["KG", "curated_kg", "open_kg", "build_store", "__version__"]

#: public name -> the module that defines it (imported on first access)
_LAZY = {
    "KG": "ssbkg.kg",
    "curated_kg": "ssbkg.build",
    "open_kg": "ssbkg.build",
    "build_store": "ssbkg.build",
}


def __getattr__(name):
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'ssbkg' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_LAZY))
