"""An entity's capacity and status over time, across two versions of the KG.

Runs the named query ``entity-history`` (queries/entity-history.rq) on each
version and lines the answers up: every dated observation and claim with its
sources, marked ``both`` when the two versions hold it alike, else ``old``
or ``new`` (a claim removed or added, a figure restated).
"""

from __future__ import annotations

from .load import Version

__all__ = ["history", "version_store"]


def version_store(v: Version):
    """A pyoxigraph store holding a version's rows and provenance (not its ontology).

    Examples
    --------
    >>> from ssbkg.monitor.load import version_from_lines
    >>> line = ('<https://w3id.org/ssbkg/id/org/a> <http://www.w3.org/2004/02/skos/core#prefLabel> '
    ...         '"A"@en <https://w3id.org/ssbkg/id/assertion/organisations/a> .')
    >>> len(version_store(version_from_lines([line])))
    1
    """
    import pyoxigraph as ox

    base = v.base

    def graph(table, ident):
        if table == "sources":
            return f"<{base}graph/sources>"
        return f"<{base}assertion/{table}/{ident}>"

    out = []
    for (table, ident), lines in v.rows.items():
        if table in ("default",) or table.startswith(("user/", "graph")):
            continue
        g = graph(table, ident)
        out += [f"{line} {g} .\n" for line in lines]
        for p in v.prov.get((table, ident), ()):
            out.append(f"{g} {p} <{base}graph/provenance> .\n")
    store = ox.Store()
    store.bulk_load(input="".join(out).encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    return store


def history(old: Version, new: Version, entity: str):
    """The ``entity-history`` rows of both versions, with a ``version`` column.

    Parameters
    ----------
    old, new : Version
    entity : str
        An id (``huzhou-weilan-2gwh``) or a full IRI.

    Returns
    -------
    pandas.DataFrame
        The query's columns and ``version``: ``both``, ``old`` or ``new``;
        sorted by ``stated_on`` (undated last), then fact and record.
    """
    import pandas as pd

    from ..catalogue import run
    from ..errors import NotFoundError
    from ..kg import KG

    iri = entity if "://" in entity else None
    if iri is None:
        for v in (new, old):
            for (table, ident) in v.rows:
                if ident == entity and table not in ("sources",):
                    from ..build import _KIND

                    if table in _KIND:
                        iri = f"{v.base}{_KIND[table]}/{ident}"
                        break
            if iri:
                break
    if iri is None:
        raise NotFoundError(f"no row with id {entity!r} in either version")
    frames = {}
    for name, v in (("old", old), ("new", new)):
        frames[name] = run(KG(version_store(v)), "entity-history", entity=iri)
    cols = list(frames["new"].columns)
    key = [c for c in cols if c != "entity"]

    def keyed(df):
        return {tuple(None if pd.isna(x) else x for x in r): r
                for r in df[key].itertuples(index=False, name=None)}

    a, b = keyed(frames["old"]), keyed(frames["new"])
    rows = []
    for k in sorted(set(a) | set(b), key=lambda k: tuple("" if x is None else str(x) for x in k)):
        rows.append({"version": "both" if k in a and k in b else ("old" if k in a else "new"),
                     **dict(zip(key, k))})
    out = pd.DataFrame(rows, columns=["version", *key])
    out.insert(1, "entity", iri)
    undated = out["stated_on"].isna()
    return pd.concat([out[~undated], out[undated]], ignore_index=True)
