"""The closed vocabulary namespaces of ssbkg and the prefix map of queries and exports.

:class:`SSB` lists every term of the ssbkg ontology (``ontology/*.ttl`` and the
shapes in ``ontology/shapes/``): classes, properties, concept schemes, the
concepts of every scheme, indicators and SHACL shape names. It is an rdflib
:class:`~rdflib.namespace.DefinedNamespace` with ``_fail = True``, so a
misspelled term raises at once instead of minting a new IRI.
The list is generated from the ontology (:mod:`ssbkg.vocab`); a test checks
that the generated module is current.

:data:`UNIT` and :data:`CUR` are small closed namespaces of the QUDT units and
ISO 4217 currencies the data uses (the lists grow as the data needs).

Examples
--------
>>> SSB.Enterprise
rdflib.term.URIRef('https://w3id.org/ssbkg/ontology#Enterprise')
>>> SSB.seg_cathode in SSB, "segmnet" in SSB
(True, False)
>>> SSB.segmnet
Traceback (most recent call last):
...
AttributeError: term 'segmnet' not in namespace 'https://w3id.org/ssbkg/ontology#'
>>> SSBD["org/catl"]
rdflib.term.URIRef('https://w3id.org/ssbkg/id/org/catl')
>>> UNIT["GigaW-HR"], CUR.CNY
(rdflib.term.URIRef('http://qudt.org/vocab/unit/GigaW-HR'), rdflib.term.URIRef('http://qudt.org/vocab/currency/CNY'))
>>> PREFIXES["ssb"]
'https://w3id.org/ssbkg/ontology#'
"""

from __future__ import annotations

from rdflib import namespace as _rdfns
from rdflib.namespace import Namespace
from rdflib.term import URIRef

from . import vocab

__all__ = [
    "SSB",
    "SSBD",
    "SSBSYN",
    "UNIT",
    "CUR",
    "PREFIXES",
    "sparql_prefixes",
    "bind_prefixes",
]


def _closed(name: str, iri: str, terms, doc: str):
    """A closed rdflib namespace (``_fail = True``) holding ``terms``.

    Names that are Python identifiers become attributes; the others
    (``GigaW-HR``) are reachable by item access, as rdflib's ``_extras``.
    """
    terms = sorted(terms)
    body = {
        "__doc__": doc,
        "__module__": __name__,
        "_fail": True,
        "_NS": Namespace(iri),
        "__annotations__": {t: URIRef for t in terms if t.isidentifier()},
        "_extras": [t for t in terms if not t.isidentifier()],
    }
    return type(name, (_rdfns.DefinedNamespace,), body)


SSB = _closed("SSB", vocab.SSB_IRI, vocab.TERMS, """The ssbkg ontology: ``https://w3id.org/ssbkg/ontology#`` (prefix ``ssb:``).

    Every term that ``ontology/*.ttl`` declares (read through :mod:`ssbkg.vocab`,
    generated from the Turtle files). Concepts are named ``<scheme prefix>_<table
    value>``: ``seg_cathode``, ``route_sulfide``, ``status_operating``.
    """)

SSBD = Namespace(vocab.PREFIXES["ssbd"])
SSBSYN = Namespace(vocab.PREFIXES["ssbsyn"])

UNIT = _closed("UNIT", vocab.PREFIXES["unit"], vocab.UNITS, """The QUDT units the data uses (``http://qudt.org/vocab/unit/``).

    Closed on purpose: the list (:data:`ssbkg.vocab.UNITS`) grows as the data needs.
    """)

CUR = _closed("CUR", vocab.PREFIXES["cur"], vocab.CURRENCIES, """The ISO 4217 currencies the data uses (``http://qudt.org/vocab/currency/``).

    Closed on purpose: the list (:data:`ssbkg.vocab.CURRENCIES`) grows as the data needs.
    """)

#: prefix -> namespace IRI, used by the named queries and every export.
PREFIXES: dict[str, str] = dict(vocab.PREFIXES)


def sparql_prefixes(prefixes=None) -> str:
    """SPARQL ``PREFIX`` lines for a prefix map (default :data:`PREFIXES`).

    Parameters
    ----------
    prefixes : dict of str to str, optional
        prefix -> IRI; defaults to :data:`PREFIXES`.

    Returns
    -------
    str
        One ``PREFIX p: <iri>`` line per entry, in the map's order.

    Examples
    --------
    >>> print(sparql_prefixes({"ssb": PREFIXES["ssb"], "skos": PREFIXES["skos"]}))
    PREFIX ssb: <https://w3id.org/ssbkg/ontology#>
    PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
    """
    prefixes = PREFIXES if prefixes is None else prefixes
    return "\n".join(f"PREFIX {p}: <{iri}>" for p, iri in prefixes.items())


def bind_prefixes(graph, prefixes=None):
    """Bind a prefix map (default :data:`PREFIXES`) on an rdflib graph and return it.

    Parameters
    ----------
    graph : rdflib.Graph or rdflib.Dataset
        The graph to bind on; bindings replace any earlier use of the prefix.
    prefixes : dict of str to str, optional
        prefix -> IRI; defaults to :data:`PREFIXES`.

    Returns
    -------
    The same graph.

    Examples
    --------
    >>> import rdflib
    >>> g = bind_prefixes(rdflib.Graph())
    >>> g.qname(SSB.route_sulfide)
    'ssb:route_sulfide'
    """
    prefixes = PREFIXES if prefixes is None else prefixes
    for p, iri in prefixes.items():
        graph.bind(p, Namespace(iri), override=True, replace=True)
    return graph
