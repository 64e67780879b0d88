"""Counts that describe the KG: per class, per source, per region, and a summary.

Every count is one SPARQL query (never ``len()`` over a store), so the same
functions work on a local store and a remote endpoint.
"""

from __future__ import annotations

import pandas as pd

from .kg import as_kg

__all__ = ["summary", "class_counts", "source_counts", "region_counts"]

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
