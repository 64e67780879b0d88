"""Counts that describe the KG: per class, per source, per region, and a summary.

Every count is one SPARQL query (never ``len()`` over a store), so the same
functions work on a local store and a remote endpoint.
"""

from __future__ import annotations

import pandas as pd

from .kg import as_kg

__all__ = ["summary", "class_counts", "source_counts", "region_counts", "coverage",
           "coverage_caveat", "COVERAGE_THRESHOLD"]

_ONTOLOGY = "<https://w3id.org/ssbkg/id/graph/ontology>"


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def summary(kg) -> pd.DataFrame:
    """One row per measure: triples, graphs, assertion graphs, inferred, sources.

    Examples
    --------
    >>> import pyoxigraph as ox
    >>> from ssbkg.kg import KG
    >>> store = ox.Store()
    >>> store.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"),
    ...                   ox.Literal("x"), ox.NamedNode("http://e/g")))
    >>> summary(KG(store)).set_index("measure")["value"].to_dict()["triples"]
    1
    """
    q = """
PREFIX ssb: <https://w3id.org/ssbkg/ontology#>
SELECT ?measure ?value WHERE {
  { SELECT ("triples" AS ?measure) (COUNT(*) AS ?value) { GRAPH ?g { ?s ?p ?o } } }
  UNION { SELECT ("graphs" AS ?measure) (COUNT(DISTINCT ?g) AS ?value) { GRAPH ?g { ?s ?p ?o } } }
  UNION { SELECT ("assertions" AS ?measure) (COUNT(DISTINCT ?a) AS ?value)
          { { ?a a ssb:Assertion } UNION { ?a a ssb:InferredAssertion } } }
  UNION { SELECT ("inferred assertions" AS ?measure) (COUNT(DISTINCT ?a) AS ?value)
          { ?a a ssb:InferredAssertion } }
  UNION { SELECT ("sources" AS ?measure) (COUNT(DISTINCT ?src) AS ?value) { ?src a ssb:Source } }
  UNION { SELECT ("ontology triples" AS ?measure) (COUNT(*) AS ?value)
          { GRAPH <https://w3id.org/ssbkg/id/graph/ontology> { ?s ?p ?o } } }
}"""
    frame = as_kg(kg).query_df(q, name="stats summary")
    order = ["triples", "graphs", "assertions", "inferred assertions", "sources",
             "ontology triples"]
    frame["measure"] = pd.Categorical(frame["measure"], categories=order, ordered=True)
    return frame.sort_values("measure").reset_index(drop=True).astype({"measure": str})


def class_counts(kg) -> pd.DataFrame:
    """Instances per class (their stated ``rdf:type``), outside the ontology graph.

    Columns: ``class`` (local name), ``iri``, ``instances``; most first.
    """
    q = f"""
SELECT ?iri (COUNT(DISTINCT ?s) AS ?instances) WHERE {{
  GRAPH ?g {{ ?s a ?iri }} FILTER(?g != {_ONTOLOGY})
}} GROUP BY ?iri"""
    frame = as_kg(kg).query_df(q, name="stats classes")
    frame.insert(0, "class", [_local(i) for i in frame["iri"]])
    return frame.sort_values(["instances", "class"], ascending=[False, True]).reset_index(drop=True)


def source_counts(kg) -> pd.DataFrame:
    """Per source: its kind and reliability, the assertions derived from it and their triples.

    Columns: ``source`` (id), ``title``, ``kind``, ``reliability``,
    ``assertions``, ``triples``; most assertions first.
    """
    q = """
PREFIX ssb: <https://w3id.org/ssbkg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?iri (SAMPLE(?t) AS ?title) (SAMPLE(?k) AS ?kind) (SAMPLE(?r) AS ?reliability)
       (COUNT(DISTINCT ?a) AS ?assertions) (COALESCE(SUM(?n), 0) AS ?triples)
WHERE {
  ?iri a ssb:Source .
  OPTIONAL { ?iri dcterms:title ?t }
  OPTIONAL { ?iri ssb:sourceKind ?k }
  OPTIONAL { ?iri ssb:reliability ?r }
  OPTIONAL {
    { SELECT ?a (COUNT(*) AS ?n) WHERE { GRAPH ?a { ?s ?p ?o } } GROUP BY ?a }
    ?a prov:wasDerivedFrom ?iri .
  }
} GROUP BY ?iri"""
    frame = as_kg(kg).query_df(q, name="stats sources")
    frame.insert(0, "source", [_local(i) for i in frame["iri"]])
    for c in ("kind", "reliability"):
        frame[c] = [None if v is None else _local(v).split("_", 1)[-1] for v in frame[c]]
    frame = frame.drop(columns="iri")
    return frame.sort_values(["assertions", "source"], ascending=[False, True]).reset_index(drop=True)


def region_counts(kg) -> pd.DataFrame:
    """Per region, what is located in it or in any of its sub-regions.

    Columns: ``region`` (id), ``label``, ``organisations`` (organisations and
    platforms), ``projects``; sub-regions roll up via ``schema:containedInPlace*``.
    """
    q = """
PREFIX ssb: <https://w3id.org/ssbkg/ontology#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?region ?label ?organisations ?projects WHERE {
  { SELECT ?region (SAMPLE(?l) AS ?label) WHERE {
      ?region a/rdfs:subClassOf* ssb:Region .
      OPTIONAL { ?region skos:prefLabel ?l FILTER(LANGMATCHES(LANG(?l), "en")) }
    } GROUP BY ?region }
  OPTIONAL { SELECT ?region (COUNT(DISTINCT ?org) AS ?organisations) WHERE {
      ?org schema:location/schema:containedInPlace* ?region .
      { ?org a/rdfs:subClassOf* ssb:Organisation }
      UNION { ?org a/rdfs:subClassOf* ssb:InnovationPlatform }
    } GROUP BY ?region }
  OPTIONAL { SELECT ?region (COUNT(DISTINCT ?project) AS ?projects) WHERE {
      ?project schema:location/schema:containedInPlace* ?region ;
               a/rdfs:subClassOf* ssb:Project .
    } GROUP BY ?region }
}"""
    frame = as_kg(kg).query_df(q, name="stats regions")
    frame["region"] = [_local(i) for i in frame["region"]]
    for c in ("organisations", "projects"):
        frame[c] = frame[c].fillna(0).astype(int)
    return frame.sort_values(["organisations", "region"], ascending=[False, True]).reset_index(drop=True)


#: Fewer organisations located in a region than this, and comparisons of the
#: region (clusters, fragmentation, specialisation) measure missing data as much
#: as the industry: the commands print a caveat (docs/data.md, "Coverage").
#: Five is the peer criterion of issue 9 (a province needs >= 5 located enterprises).
COVERAGE_THRESHOLD = 5


def coverage(kg) -> pd.DataFrame:
    """Per region, how much the KG knows: the table of ``ssbkg stats --by coverage``.

    Columns: ``region`` (id), ``label``, ``level``, ``organisations``
    (headquartered in it or below), ``below_country`` (of those, located at
    province level or finer), ``share_below_country`` (their share; NaN when
    there are no organisations, with ``note`` saying so), ``sites``,
    ``projects``, ``sources`` (distinct sources behind those rows) and
    ``note``. Regions with nothing located in them are left out. Sorted by
    level (country first), then most organisations.

    Examples
    --------
    >>> from ssbkg.build import curated_kg
    >>> cov = coverage(curated_kg()).set_index("region")
    >>> row = cov.loc["cn"]
    >>> bool(row["below_country"] <= row["organisations"]), bool(0 <= row["share_below_country"] <= 1)
    (True, True)
    """
    from .resources import queries_dir

    text = (queries_dir() / "projections" / "region-coverage.rq").read_text(encoding="utf-8")
    frame = as_kg(kg).query_df(text, name="stats coverage")
    frame["region"] = [_local(i) for i in frame["region"]]
    counts = ["organisations", "below_country", "sites", "projects", "sources"]
    for c in counts:
        frame[c] = frame[c].fillna(0).astype(int)
    frame = frame[(frame[["organisations", "sites", "projects"]].sum(axis=1)) > 0].copy()
    orgs = frame["organisations"].where(frame["organisations"] > 0)
    frame["share_below_country"] = (frame["below_country"] / orgs).round(3)
    frame["note"] = ["no organisations located here" if n == 0 else
                     (f"fewer than {COVERAGE_THRESHOLD} organisations: compare with care"
                      if n < COVERAGE_THRESHOLD else "") for n in frame["organisations"]]
    order = {lv: i for i, lv in enumerate(
        ["world", "macro_region", "country", "province", "city", "county", "district",
         "industrial_park"])}
    frame["_o"] = frame["level"].map(order).fillna(len(order))
    frame = frame.sort_values(["_o", "organisations", "region"], ascending=[True, False, True])
    cols = ["region", "label", "level", "organisations", "below_country", "share_below_country",
            "sites", "projects", "sources", "note"]
    return frame[cols].reset_index(drop=True)


def coverage_caveat(kg, region, *, threshold=COVERAGE_THRESHOLD, table=None) -> str | None:
    """A one-line caveat when ``region``'s coverage is below ``threshold``, else None.

    The analytics commands (cluster, fragmentation) print it before their
    answer. ``table`` may pass a :func:`coverage` frame already computed.

    Examples
    --------
    >>> from ssbkg.build import curated_kg
    >>> coverage_caveat(curated_kg(), "cn-zj") is None  # Zhejiang: many located firms
    True
    """
    table = coverage(kg) if table is None else table
    rows = table[table["region"] == region]
    n = int(rows["organisations"].iloc[0]) if len(rows) else 0
    if n >= threshold:
        return None
    return (f"Caveat: the KG locates only {n} organisation{'s' if n != 1 else ''} in {region} "
            f"(threshold {threshold}); a comparison of this region measures missing data as much "
            "as the industry.")
