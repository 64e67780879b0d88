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

__all__ = ["export", "export_bytes", "sorted_nquads", "FORMATS"]

#: Export formats and their pyoxigraph serialisation.
FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nquads": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
}

_ALL_QUADS = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


def _canonical_lines(lines: list) -> list:
    """N-Quads lines with blank nodes renamed canonically (RDFC, pyoxigraph)."""
    dataset = ox.Dataset(ox.parse(b"\n".join(lines), format=ox.RdfFormat.N_QUADS))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return [ln for ln in ox.serialize(dataset, format=ox.RdfFormat.N_QUADS).split(b"\n") if ln]


def sorted_nquads(kg) -> bytes:
    """All quads as N-Quads, blank nodes canonical, lines sorted (deterministic).

    A local store is dumped directly; an endpoint is read with one SELECT.
    Only the lines that hold blank nodes go through canonicalisation.
    """
    from .kg import as_kg

    kg = as_kg(kg)
    if kg.is_remote:
        columns, rows = kg.select(_ALL_QUADS, name="export")
        data = ox.serialize([ox.Quad(s, p, o, g) for s, p, o, g in rows],
                            format=ox.RdfFormat.N_QUADS)
    else:
        data = kg.store.dump(format=ox.RdfFormat.N_QUADS)
    lines = [ln for ln in data.split(b"\n") if ln]
    del data
    blank = [ln for ln in lines if b"_:" in ln]
    if blank:
        plain = [ln for ln in lines if b"_:" not in ln]
        lines = plain + _canonical_lines(blank)
    lines = sorted(set(lines))
    return b"\n".join(lines) + (b"\n" if lines else b"")


def export_bytes(kg, fmt: str) -> bytes:
    """The KG serialised in ``fmt`` (``turtle``, ``nquads`` or ``jsonld``).

    Examples
    --------
    >>> from ssbkg.kg import KG
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
    data = sorted_nquads(kg)
    if fmt == "nquads":
        return data
    quads = ox.parse(data, format=ox.RdfFormat.N_QUADS)
    if fmt == "jsonld":
        return ox.serialize(quads, format=FORMATS[fmt])
    text = ox.serialize(_distinct_triples(quads), format=FORMATS[fmt],
                        prefixes=dict(PREFIXES))
    # the serialiser's prefix order is its own: sort the @prefix lines
    lines = text.split(b"\n")
    head = [ln for ln in lines if ln.startswith(b"@prefix ")]
    body = [ln for ln in lines if not ln.startswith(b"@prefix ")]
    return b"\n".join(sorted(head) + body)


def _distinct_triples(quads):
    """Triples of sorted quads, each once (a triple in two graphs is adjacent)."""
    last = None
    for q in quads:
        t = ox.Triple(q.subject, q.predicate, q.object)
        if t != last:
            yield t
        last = t


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
