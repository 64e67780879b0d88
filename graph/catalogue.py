"""The catalogue of named queries (``queries/*.rq``) and the name resolvers.

A named query is a SPARQL file with a comment header::

    # title: Technology routes by region
    # description: Which regions pursue which technology route, counting organisations.
    #   (a description may continue on lines that start with '#' and spaces)
    # param: region region optional  Limit to this region and its sub-regions (id or label)
    # param: route concept:TechnologyRoutes optional  A technology route (id or label)
    # columns: region, region_label, route, organisations

An optional ``# requires: <name>`` line names a derived graph
(``queries/derived/<name>.rq``, :mod:`ssbkg.derive`) the query reads;
:func:`run` refuses a KG without it (:func:`require_derived`).

A parameter is ``name type required|optional description``; its name is the
SPARQL variable it binds, which must be in the SELECT projection (Oxigraph
substitutes only projected variables). Types: ``region``, ``org``,
``concept:<SchemeName>``, ``iri``, ``string``, ``integer``, ``decimal``,
``date``. An optional parameter that is not given stays unbound.

:func:`resolve` turns what a user types (an id such as ``cn-zj``, an English
or Chinese label or alt label such as ``Zhejiang`` or ``浙江``) into an IRI
with one SPARQL lookup per kind; other commands' ``--region`` and ``--org``
options use the same function.
"""

from __future__ import annotations

import difflib
import re
import weakref
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox

from .errors import AmbiguousNameError, NotFoundError, QueryError
from .vocab import SSB_IRI
from .resources import queries_dir
from .tables import ID_PATTERN, parse_date

__all__ = [
    "Param",
    "NamedQuery",
    "PARAM_TYPES",
    "list_queries",
    "get_query",
    "parse_header",
    "require_derived",
    "stream",
    "resolve",
    "resolve_region",
    "resolve_org",
    "bind_params",
    "run",
]

#: Parameter types a query header may declare (``concept:<Scheme>`` besides).
PARAM_TYPES = ("region", "org", "iri", "string", "integer", "decimal", "date")

_XSD = "http://www.w3.org/2001/XMLSchema#"
_SSB = SSB_IRI
_KIND_PREFIX = {"region": "region/", "org": "org/", "entity": ""}


@dataclass(frozen=True)
class Param:
    """A declared query parameter."""

    name: str
    type: str
    required: bool
    description: str = ""


@dataclass
class NamedQuery:
    """A query of the catalogue: its header and text."""

    name: str
    title: str
    description: str
    params: list
    columns: list
    text: str
    path: str = ""
    extra: dict = field(default_factory=dict)

    def param(self, name: str) -> Param:
        for p in self.params:
            if p.name == name:
                return p
        declared = ", ".join(p.name for p in self.params) or "none"
        raise QueryError(f"unknown parameter '{name}' (declared: {declared})", query=self.name)


def parse_header(text: str, name: str = "(inline)") -> NamedQuery:
    """Read the comment header of a named query.

    Examples
    --------
    >>> q = parse_header('''# title: Routes
    ... # description: Routes by region,
    ... #   counting organisations.
    ... # param: region region optional  Limit to this region
    ... # columns: region, n
    ... SELECT ?region (1 AS ?n) WHERE {}''', "routes")
    >>> q.title, q.description, q.columns
    ('Routes', 'Routes by region, counting organisations.', ['region', 'n'])
    >>> q.params
    [Param(name='region', type='region', required=False, description='Limit to this region')]
    """
    fields: dict = {}
    params = []
    last = None
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        body = stripped[1:]
        m = re.match(r"\s*([a-z_]+):\s?(.*)$", body)
        if m and not body.startswith("   "):
            key, value = m.group(1), m.group(2).strip()
            if key == "param":
                params.append(_parse_param(value, name))
                last = ("param", len(params) - 1)
            else:
                fields[key] = value
                last = ("field", key)
        elif last is not None and body.strip():
            if last[0] == "field":
                fields[last[1]] += " " + body.strip()
            else:
                p = params[last[1]]
                params[last[1]] = Param(p.name, p.type, p.required,
                                        (p.description + " " + body.strip()).strip())
    columns = [c.strip() for c in fields.pop("columns", "").split(",") if c.strip()]
    return NamedQuery(
        name=name, title=fields.pop("title", name), description=fields.pop("description", ""),
        params=params, columns=columns, text=text, extra=fields,
    )


def _parse_param(spec: str, query: str) -> Param:
    parts = spec.split(None, 3)
    if len(parts) < 3 or parts[2] not in ("required", "optional"):
        raise QueryError(
            f"bad param line {spec!r}: write 'name type required|optional description'",
            query=query)
    name, ptype, need = parts[:3]
    if ptype not in PARAM_TYPES and not re.fullmatch(r"concept:[A-Za-z][A-Za-z0-9]*", ptype):
        raise QueryError(f"unknown parameter type {ptype!r} of '{name}'", query=query)
    return Param(name, ptype, need == "required", parts[3].strip() if len(parts) > 3 else "")


def list_queries(folder=None) -> list:
    """The named queries of the catalogue, sorted by name.

    Examples
    --------
    >>> names = [q.name for q in list_queries()]
    >>> names == sorted(names)
    True
    """
    folder = Path(folder) if folder is not None else queries_dir()
    out = []
    for path in sorted(folder.glob("*.rq"), key=lambda p: p.stem):
        q = parse_header(path.read_text(encoding="utf-8"), path.stem)
        q.path = str(path)
        out.append(q)
    return out


def get_query(name: str, folder=None) -> NamedQuery:
    """The named query ``name``; NotFoundError with close names when unknown."""
    queries = {q.name: q for q in list_queries(folder)}
    if name in queries:
        return queries[name]
    close = difflib.get_close_matches(name, list(queries), n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else "; see 'ssbkg queries'"
    raise NotFoundError(f"no named query '{name}'{hint}")


# -- resolving names ---------------------------------------------------------

_ENTITY_LOOKUP = {
    kind: """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?x ?name WHERE {
  ?x a ?type .
  FILTER(STRSTARTS(STR(?x), "https://w3id.org/ssbkg/id/%s")
         || STRSTARTS(STR(?x), "https://w3id.org/ssbkg/synthetic/%s"))
  OPTIONAL { ?x skos:prefLabel|skos:altLabel ?name }
}
""".replace("%s", prefix)
    for kind, prefix in _KIND_PREFIX.items()
}
# an industrial park listed with the platforms is a region too, under org/
_ENTITY_LOOKUP["region"] = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?x ?name WHERE {
  { ?x a ?type .
    FILTER(STRSTARTS(STR(?x), "https://w3id.org/ssbkg/id/region/")
           || STRSTARTS(STR(?x), "https://w3id.org/ssbkg/synthetic/region/")) }
  UNION { ?x a <https://w3id.org/ssbkg/ontology#IndustrialPark> }
  OPTIONAL { ?x skos:prefLabel|skos:altLabel ?name }
}
"""
# any curated or synthetic entity, but not the assertion and bookkeeping graphs
_ENTITY_LOOKUP["entity"] = _ENTITY_LOOKUP["entity"].replace(
    "  OPTIONAL {",
    '  FILTER(!CONTAINS(STR(?x), "/assertion/") && !CONTAINS(STR(?x), "/graph/"))\n  OPTIONAL {',
)

_CONCEPT_LOOKUP = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?x ?name ?scheme WHERE {
  ?x skos:inScheme ?scheme .
  OPTIONAL { ?x skos:prefLabel|skos:altLabel|skos:notation ?name }
}
"""

_CACHE = weakref.WeakKeyDictionary()


def _candidates(kg, kind: str):
    """``[(iri, id, names)]`` of every region, organisation or concept of a scheme."""
    from .kg import as_kg

    kg = as_kg(kg)
    cached = _CACHE.setdefault(kg, {})
    if kind in cached:
        return cached[kind]
    found: dict = {}
    if kind in _KIND_PREFIX:
        for row in kg.query(_ENTITY_LOOKUP[kind], name=f"resolve {kind}"):
            iri = row["x"]
            ident = iri.rsplit("/", 1)[-1]
            found.setdefault(iri, (ident, set()))
            if row["name"]:
                found[iri][1].add(row["name"])
    else:
        scheme = _SSB + kind.split(":", 1)[1]
        for row in kg.query(_CONCEPT_LOOKUP, name=f"resolve {kind}"):
            if row["scheme"] != scheme:
                continue
            iri = row["x"]
            local = iri[len(_SSB):] if iri.startswith(_SSB) else iri.rsplit("/", 1)[-1]
            ident = local.split("_", 1)[1] if "_" in local else local
            found.setdefault(iri, (ident, set()))
            if row["name"]:
                found[iri][1].add(row["name"])
    result = sorted((iri, ident, sorted(names)) for iri, (ident, names) in found.items())
    cached[kind] = result
    return result


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def resolve(kg, type: str, value):
    """Turn a user's value into the RDF term a parameter of ``type`` binds.

    Parameters
    ----------
    kg : ssbkg.kg.KG
    type : str
        ``region``, ``org``, ``concept:<SchemeName>``, ``iri``, ``string``,
        ``integer``, ``decimal`` or ``date``.
    value : str or pyoxigraph term
        For ``region``, ``org`` and concepts: an id (``cn-zj``, ``sulfide``),
        the full IRI, or an English or Chinese label or alt label, matched
        case-insensitively (``Zhejiang``, ``浙江``).

    Returns
    -------
    pyoxigraph.NamedNode or pyoxigraph.Literal

    Raises
    ------
    NotFoundError
        Nothing has that id or label (the message lists close matches).
    AmbiguousNameError
        The label names several things (the message lists them).
    QueryError
        A malformed integer, decimal, date or IRI.
    """
    if isinstance(value, (ox.NamedNode, ox.Literal)):
        return value
    text = str(value).strip()
    if type == "string":
        return ox.Literal(text)
    if type == "integer":
        if not re.fullmatch(r"[+-]?\d+", text):
            raise QueryError(f"'{text}' is not an integer")
        return ox.Literal(str(int(text)), datatype=ox.NamedNode(_XSD + "integer"))
    if type == "decimal":
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise QueryError(f"'{text}' is not a number") from None
        if not number.is_finite():
            raise QueryError(f"'{text}' is not a finite number")
        return ox.Literal(format(number, "f"), datatype=ox.NamedNode(_XSD + "decimal"))
    if type == "date":
        try:
            lexical, precision = parse_date(text)
        except ValueError as exc:
            raise QueryError(str(exc)) from None
        return ox.Literal(lexical, datatype=ox.NamedNode(_XSD + precision))
    if type == "iri" or type in _KIND_PREFIX:
        if text.startswith("<") and text.endswith(">"):
            text = text[1:-1]  # a full IRI as the CLI prints it
    if type == "iri":
        # a full IRI (bare or in <>, as the CLI prints it), a prefixed name
        # (ssb:route_oxide, ssbd:org/fengli, ssbd:org\/fengli), or else the id or
        # label of any entity of the KG
        if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", text):
            from .vocab import PREFIXES

            prefix, _, rest = text.partition(":")
            rest = re.sub(r"\\(.)", r"\1", rest)  # PN_LOCAL escapes: region\/cn
            if prefix in PREFIXES and not rest.startswith("//"):
                text = PREFIXES[prefix] + rest
            try:
                return ox.NamedNode(text)
            except ValueError as exc:
                raise QueryError(f"'{text}' is not an IRI: {exc}") from None
        type = "entity"
    if type not in _KIND_PREFIX and not type.startswith("concept:"):
        raise QueryError(f"unknown parameter type {type!r}")
    what = type if type in _KIND_PREFIX else type.split(":", 1)[1]
    candidates = _candidates(kg, type)
    by_iri = [c for c in candidates if c[0] == text]
    if by_iri:
        return ox.NamedNode(by_iri[0][0])
    if ID_PATTERN.match(text):
        by_id = [c for c in candidates if c[1] == text]
        if len(by_id) == 1:
            return ox.NamedNode(by_id[0][0])
    folded = _fold(text)
    by_name = [c for c in candidates if any(_fold(n) == folded for n in c[2])]
    if len(by_name) == 1:
        return ox.NamedNode(by_name[0][0])
    if len(by_name) > 1:
        listed = "; ".join(f"{c[1]} ({', '.join(c[2][:2])})" for c in by_name[:10])
        raise AmbiguousNameError(f"'{text}' names several {what}s: {listed}; give the id")
    keys = {}
    for iri, ident, names in candidates:
        keys.setdefault(ident, ident)
        for n in names:
            keys.setdefault(_fold(n), n)
    close = difflib.get_close_matches(folded, list(keys), n=5, cutoff=0.6)
    hint = f"; close matches: {', '.join(keys[c] for c in close)}" if close else ""
    raise NotFoundError(f"no {what} '{text}'{hint}")


def resolve_region(kg, value) -> ox.NamedNode:
    """The region named by an id or English/Chinese label (see :func:`resolve`)."""
    return resolve(kg, "region", value)


def resolve_org(kg, value) -> ox.NamedNode:
    """The organisation or platform named by an id or label (see :func:`resolve`)."""
    return resolve(kg, "org", value)


def bind_params(kg, query: NamedQuery, params: dict) -> dict:
    """Check and resolve ``params`` for ``query``: variable name -> RDF term.

    Unknown names and missing required parameters raise QueryError; optional
    parameters that are not given (or None) stay unbound.
    """
    bindings = {}
    for key, value in params.items():
        param = query.param(key)
        if value is None:
            continue
        try:
            bindings[key] = resolve(kg, param.type, value)
        except (NotFoundError, QueryError) as exc:
            cls = type(exc)
            raise cls(f"query {query.name}: parameter '{key}': {exc}") from None
    for p in query.params:
        if p.required and p.name not in bindings:
            raise QueryError(f"missing required parameter '{p.name}' ({p.description})",
                             query=query.name)
    return bindings


_HAS_DERIVED = """
PREFIX ssb: <https://w3id.org/ssbkg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
ASK { ?graph a ssb:DerivedGraph ; dcterms:identifier ?name }
"""


def require_derived(kg, query: NamedQuery) -> None:
    """Raise QueryError when ``kg`` lacks a derived graph the query's header requires.

    A query that reads a derived graph (``# requires: region-segment-coverage``,
    see :mod:`ssbkg.derive`) would answer wrongly from a KG without it: every
    segment would look like a gap. ``ssbkg build`` and ``ssbkg load`` derive the
    graphs; a store filled some other way (for example ``oxigraph load`` of a
    file that is not an ssbkg export) may lack them.
    """
    for needed in query.extra.get("requires", "").replace(",", " ").split():
        if not kg.query(_HAS_DERIVED, {"name": ox.Literal(needed)}, name=query.name):
            raise QueryError(
                f"reads the derived graph '{needed}', which this KG lacks; "
                "build it with 'ssbkg build' or restore an export with 'ssbkg load'",
                query=query.name)


def run(kg, name, /, *, with_languages: bool = False, **params):
    """Run a named query with parameters; a pandas DataFrame.

    Parameters
    ----------
    kg : ssbkg.kg.KG
    name : str or NamedQuery
        A query of :func:`list_queries` (positional only, so that a query may
        declare parameters called ``name`` or ``kg``).
    with_languages : bool
        Add a ``<column>_lang`` column after each column of language-tagged
        literals (see :meth:`ssbkg.kg.KG.query_df`).
    **params
        Declared parameters by name; values as a user types them.

    Returns
    -------
    pandas.DataFrame
        Columns in the order of the header's ``columns`` line when it lists
        the query's variables, else in projection order.
    """
    from .kg import as_kg

    kg = as_kg(kg)
    query = name if isinstance(name, NamedQuery) else get_query(name)
    require_derived(kg, query)
    bindings = bind_params(kg, query, params)
    frame = kg.query_df(query.text, bindings, name=query.name, with_languages=with_languages)
    return frame[_header_order(query, list(frame.columns))]


def _header_order(query: NamedQuery, columns: list) -> list:
    """``columns`` in the order of the header's ``columns`` line (``_lang`` after its column)."""
    if not (query.columns and set(query.columns) <= set(columns)):
        return columns
    extra = [c for c in columns if c not in query.columns]
    order = []
    for c in query.columns:
        order += [c] + [e for e in extra if e == f"{c}_lang"]
    return order + [e for e in extra if e not in order]


def stream(kg, name, /, *, limit=None, with_languages: bool = False, **params):
    """Run a named query; its rows as they come (:class:`ssbkg.kg.Rows`), not a DataFrame.

    The same parameters, bindings and column order as :func:`run`, without
    holding the result: rows are tuples of Python values, ``limit`` stops the
    query after that many rows (``Rows.truncated`` then says whether rows were
    left). See :meth:`ssbkg.kg.KG.rows`.
    """
    from .kg import as_kg

    kg = as_kg(kg)
    query = name if isinstance(name, NamedQuery) else get_query(name)
    require_derived(kg, query)
    bindings = bind_params(kg, query, params)
    rows = kg.rows(query.text, bindings, name=query.name, limit=limit,
                   with_languages=with_languages)
    order = _header_order(query, list(rows.columns))
    return rows.reorder(order) if order != rows.columns else rows
