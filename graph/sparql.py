"""SPARQL terms and bindings: Python values to pyoxigraph terms and back, VALUES blocks.

Values never go into query text by string formatting. Locally they are
pyoxigraph ``substitutions`` (terms from :func:`to_term`); for a remote
endpoint a ``VALUES`` block of terms serialised by pyoxigraph (so quotes, ``>``
and ``}`` are escaped) is placed at the start of the query's outer ``WHERE``
group by :func:`inject_values`. A plain ``str`` is a string literal; an IRI is
passed as :class:`pyoxigraph.NamedNode` (a ``str`` that looks like an IRI is
refused, since it would silently match nothing).

This module is the bottom of the package: it imports only pyoxigraph and
:mod:`ssbkg.errors`.

Examples
--------
>>> to_term("https://w3id.org/ssbkg/id/region/cn")
Traceback (most recent call last):
...
ssbkg.errors.QueryError: the value 'https://w3id.org/ssbkg/id/region/cn' looks like an IRI but is a plain string; pass pyoxigraph.NamedNode('https://w3id.org/ssbkg/id/region/cn') to bind an IRI (or a Literal for a string)
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

import pyoxigraph as ox

from .errors import QueryError

__all__ = ["to_term", "to_python", "values_block", "inject_values", "json_term"]

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {_XSD + t for t in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "negativeInteger", "nonPositiveInteger", "unsignedLong", "unsignedInt",
    "unsignedShort", "unsignedByte")}
_FLOATS = {_XSD + "decimal", _XSD + "double", _XSD + "float"}


#: An absolute IRI (``scheme://...`` or ``urn:``): bound as a plain string it
#: would silently match nothing, so :func:`to_term` refuses it.
_ABSOLUTE_IRI = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.-]*://|urn:)\S+\Z")


def to_term(value):
    """Turn a binding value into a pyoxigraph term.

    pyoxigraph terms pass through; rdflib terms are converted; ``str`` becomes
    a plain string literal (wrap IRIs in :class:`pyoxigraph.NamedNode`);
    ``bool``, ``int``, ``float``, ``Decimal``, ``date`` and ``datetime`` become
    typed literals.

    Examples
    --------
    >>> to_term(3)
    <Literal value=3 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>
    >>> str(to_term('say "hi" }'))
    '"say \\\\"hi\\\\" }"'
    """
    if isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode, ox.Triple)):
        return value
    module = type(value).__module__ or ""
    if module.startswith("rdflib"):
        from rdflib import BNode, Literal, URIRef

        if isinstance(value, URIRef):
            return ox.NamedNode(str(value))
        if isinstance(value, BNode):
            return ox.BlankNode(str(value))
        if isinstance(value, Literal):
            if value.language:
                return ox.Literal(str(value), language=value.language)
            if value.datatype:
                return ox.Literal(str(value), datatype=ox.NamedNode(str(value.datatype)))
            return ox.Literal(str(value))
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(_XSD + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(_XSD + "integer"))
    if isinstance(value, float):
        return ox.Literal(repr(value), datatype=ox.NamedNode(_XSD + "double"))
    if isinstance(value, Decimal):
        return ox.Literal(format(value, "f"), datatype=ox.NamedNode(_XSD + "decimal"))
    if isinstance(value, datetime):
        return ox.Literal(value.isoformat(), datatype=ox.NamedNode(_XSD + "dateTime"))
    if isinstance(value, date):
        return ox.Literal(value.isoformat(), datatype=ox.NamedNode(_XSD + "date"))
    if isinstance(value, str):
        if _ABSOLUTE_IRI.match(value):
            raise QueryError(
                f"the value {value!r} looks like an IRI but is a plain string; pass "
                f"pyoxigraph.NamedNode({value!r}) to bind an IRI (or a Literal for a string)")
        return ox.Literal(value)
    raise QueryError(f"cannot bind a value of type {type(value).__name__}: {value!r}")


def to_python(term):
    """A pyoxigraph term as a plain Python value (see the module docstring).

    Examples
    --------
    >>> to_python(ox.Literal("2.50", datatype=ox.NamedNode(_XSD + "decimal")))
    2.5
    >>> to_python(ox.NamedNode("https://w3id.org/ssbkg/id/region/cn"))
    'https://w3id.org/ssbkg/id/region/cn'
    >>> to_python(None) is None
    True
    """
    kind = type(term)
    if kind is ox.NamedNode:
        return term.value
    if kind is ox.Literal:
        value = term.value
        dt = term.datatype.value
        if dt == _STRING or dt == _LANG_STRING:
            return value
        try:
            if dt in _INTEGERS:
                return int(value)
            if dt in _FLOATS:
                return float(value)
        except ValueError:
            return value
        if dt == _BOOLEAN:
            return value in ("true", "1")
        return value
    if term is None:
        return None
    if kind is ox.BlankNode:
        return "_:" + term.value
    return str(term)


_STRING = _XSD + "string"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_BOOLEAN = _XSD + "boolean"


def values_block(bindings: dict) -> str:
    """A SPARQL ``VALUES`` block for ``bindings`` (name -> value), terms escaped.

    Examples
    --------
    >>> values_block({"region": ox.NamedNode("https://w3id.org/ssbkg/id/region/cn"),
    ...               "name": 'x" } ; DROP ALL ; SELECT * { ?s ?p "'})
    'VALUES (?region ?name) { (<https://w3id.org/ssbkg/id/region/cn> "x\\\\" } ; DROP ALL ; SELECT * { ?s ?p \\\\"") }'
    """
    names, terms = [], []
    for name, value in bindings.items():
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise QueryError(f"bad variable name {name!r} in bindings")
        term = to_term(value)
        if isinstance(term, ox.BlankNode):
            raise QueryError(f"cannot send a blank node as the value of ?{name}")
        names.append("?" + name)
        terms.append(str(term))
    return f"VALUES ({' '.join(names)}) {{ ({' '.join(terms)}) }}"


_IRI_AT = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')


def _scan(text: str):
    """Yield ``(index, char)`` of the characters of ``text`` outside comments,
    strings and IRIs."""
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "#":
            j = text.find("\n", i)
            i = n if j < 0 else j
            continue
        if ch in "\"'":
            quote = ch * 3 if text.startswith(ch * 3, i) else ch
            j = i + len(quote)
            while j < n and not text.startswith(quote, j):
                j += 2 if text[j] == "\\" else 1
            i = j + len(quote)
            continue
        if ch == "<":
            m = _IRI_AT.match(text, i)
            if m:
                i = m.end()
                continue
        yield i, ch
        i += 1


def inject_values(text: str, bindings: dict) -> str:
    """Put a ``VALUES`` block for ``bindings`` at the start of the outer WHERE group.

    Examples
    --------
    >>> inject_values("SELECT ?x WHERE { ?x <http://e/p> ?y }", {"y": 1})
    'SELECT ?x WHERE { VALUES (?y) { ("1"^^<http://www.w3.org/2001/XMLSchema#integer>) } ?x <http://e/p> ?y }'
    """
    if not bindings:
        return text
    block = values_block(bindings)
    depth, groups, prefix_end = 0, [], None
    for i, ch in _scan(text):
        if ch == "{":
            if depth == 0:
                groups.append(i)
                if prefix_end is None:
                    prefix_end = i
            depth += 1
        elif ch == "}":
            depth -= 1
    if not groups:
        raise QueryError("cannot find the WHERE group of the query to bind values")
    at = groups[0]
    before = re.sub(r"#[^\n]*", "", text[:prefix_end]).upper().split()
    if before and before[-1] == "CONSTRUCT" and len(groups) > 1:
        at = groups[1]  # skip the CONSTRUCT template
    return text[: at + 1] + " " + block + text[at + 1:]


def json_term(binding):
    """A term of the SPARQL 1.1 JSON results format as a pyoxigraph term."""
    if binding is None:
        return None
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return ox.BlankNode(value)
    if "xml:lang" in binding:
        return ox.Literal(value, language=binding["xml:lang"])
    if binding.get("datatype"):
        return ox.Literal(value, datatype=ox.NamedNode(binding["datatype"]))
    return ox.Literal(value)
