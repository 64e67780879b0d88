"""Export the KG as Turtle, N-Quads or JSON-LD, byte-identical for the same input.

Turtle holds the union of all graphs (each triple once); N-Quads and JSON-LD
keep the named graphs (assertions, provenance, sources, ontology). Blank
nodes are renamed canonically and statements sorted, so two builds of the
same tables export the same bytes. Files are written atomically.
"""

from __future__ import annotations

import pyoxigraph as ox

from .errors import InputError
from .io import atomic_write
from .namespace import PREFIXES

__all__ = ["export", "export_bytes", "FORMATS"]

#: Export formats and their pyoxigraph serialisation.
FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nquads": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
}

_ALL_QUADS = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


def _quads(kg):
    from .kg import as_kg

    kg = as_kg(kg)
    columns, rows = kg.select(_ALL_QUADS, name="export")
    dataset = ox.Dataset(ox.Quad(s, p, o, g) for s, p, o, g in rows)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return dataset


def export_bytes(kg, fmt: str) -> bytes:
    """The KG serialised in ``fmt`` (``turtle``, ``nquads`` or ``jsonld``).

    Examples
    --------
    >>> from graph.kg import KG
    >>> store = ox.Store()
    >>> for s in ("b", "a"):
    ...     store.add(ox.Quad(ox.NamedNode(f"http://e/{s}"), ox.NamedNode("http://e/p"),
    ...                       ox.Literal("x"), ox.NamedNode("http://e/g")))
    >>> print(export_bytes(KG(store), "nquads").decode(), end="")
    <http://e/a> <http://e/p> "x" <http://e/g> .
    <http://e/b> <http://e/p> "x" <http://e/g> .
    """
    if fmt not in FORMATS:
        raise InputError(f"unknown export format '{fmt}'; choose one of {', '.join(FORMATS)}")
    dataset = _quads(kg)
    if fmt == "turtle":
        triples = sorted({ox.Triple(q.subject, q.predicate, q.object) for q in dataset},
                         key=str)
        text = ox.serialize(triples, format=FORMATS[fmt], prefixes=dict(PREFIXES))
        # the serialiser's prefix order is its own: sort the @prefix lines
        lines = text.split(b"\n")
        head = [ln for ln in lines if ln.startswith(b"@prefix ")]
        body = [ln for ln in lines if not ln.startswith(b"@prefix ")]
        return b"\n".join(sorted(head) + body)
    quads = sorted(dataset, key=lambda q: (str(q.graph_name), str(q.subject),
                                           str(q.predicate), str(q.object)))
    return ox.serialize(quads, format=FORMATS[fmt])


def export(kg, path, fmt: str = "turtle") -> int:
    """Write the KG to ``path`` atomically; return the number of bytes written.

    Raises
    ------
    InputError
        An unknown format. On any error ``path`` is left as it was.
    """
    data = export_bytes(kg, fmt)
    with atomic_write(path, "wb") as fh:
        fh.write(data)
    return len(data)
