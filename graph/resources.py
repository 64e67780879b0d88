"""Where the embedded ontology, curated data and query catalogue live.

In a source checkout they are the top-level folders ``ontology/``, ``data/``
and ``queries/``; in an installed wheel they travel inside the package as
``ssbkg._ontology``, ``ssbkg._data`` and ``ssbkg._queries``.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["ontology_dir", "data_dir", "queries_dir", "project_root"]

_PKG = Path(__file__).resolve().parent


def project_root() -> Path | None:
    """The source checkout holding this package, or None when installed."""
    root = _PKG.parent
    if (root / "pyproject.toml").is_file() and (root / "ontology").is_dir():
        return root
    return None


def _locate(folder: str, package: str) -> Path:
    root = project_root()
    if root is not None:
        return root / folder
    # installed from the wheel: the folder travels inside this package
    inside = _PKG / package.rsplit(".", 1)[-1]
    if inside.is_dir():
        return inside
    raise FileNotFoundError(f"ssbkg is installed without its {folder}/ folder ({package})")


def ontology_dir() -> Path:
    """Folder of the OWL/SKOS/SHACL Turtle modules."""
    return _locate("ontology", "ssbkg._ontology")


def data_dir() -> Path:
    """Folder of the curated data tables."""
    return _locate("data", "ssbkg._data")


def queries_dir() -> Path:
    """Folder of the named SPARQL queries (``*.rq``)."""
    return _locate("queries", "ssbkg._queries")
