"""Table rows back from their triples: the inverse of :func:`ssbkg.build.table_nquads`.

A row's named graph holds the triples its cells state; :func:`decode_row`
reads them back into the table's columns (a field of a diff is a column
name, its value written as in the table), :func:`decode_provenance` the
row's statements in the provenance graph.
"""

from __future__ import annotations

import re

from .. import vocab
from ..tables import SCHEMAS

__all__ = ["decode_row", "decode_provenance"]

_BASES = ("https://w3id.org/ssbkg/id/", "https://w3id.org/ssbkg/synthetic/")


def _local(term: str) -> str:
    """The id of an ssbkg IRI (its last path segment), else the term itself."""
    if term.startswith("<") and term.endswith(">"):
        iri = term[1:-1]
        for b in _BASES:
            if iri.startswith(b) and "/" in iri[len(b):]:
                return iri[len(b):].split("/", 1)[1]
        return iri
    return term



_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_PROV = "http://www.w3.org/ns/prov#"
_ORG = "http://www.w3.org/ns/org#"
_SCHEMA = "https://schema.org/"
_SSB = vocab.SSB_IRI
_UNIT = "http://qudt.org/vocab/unit/"
_CUR = "http://qudt.org/vocab/currency/"


def _inverse():
    """table -> predicate IRI -> (column, how), from the build's own column map."""
    from ..build import _CLASS, _CLASS_COLUMN, _FIXED_CLASS, _MAP, _TABLE_MAP

    inv: dict = {}
    for table, cols in SCHEMAS.items():
        m: dict = {}
        names = {c.name for c in cols}
        for name in names:
            pred_how = _TABLE_MAP.get(table, {}).get(name) or _MAP.get(name)
            if pred_how is None:
                continue
            pred, how = pred_how
            if how in ("en", "zh"):
                m.setdefault(pred, {})[how] = name
            else:
                m[pred] = (name, how)
        inv[table] = m
    classes = {table: (col, {v: k for k, v in _CLASS[scheme].items()})
               for table, (col, scheme) in _CLASS_COLUMN.items()}
    fixed = {table: _SSB + cls for table, cls in _FIXED_CLASS.items()}
    fixed["people"] = _SCHEMA + "Person"
    return inv, classes, fixed


_INV = None
_MANY = {t: {c.name for c in cols if c.many} for t, cols in SCHEMAS.items()}
_LIT = re.compile(r'"((?:[^"\\]|\\.)*)"(?:@([A-Za-z][A-Za-z0-9-]*)|\^\^<([^>]*)>)?\Z', re.S)
_ESC = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.S)
_SIMPLE = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
_COMPACT = sorted(vocab.PREFIXES.items(), key=lambda kv: -len(kv[1]))


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text

    def one(m):
        e = m.group(1)
        if e[0] in "uU":
            return chr(int(e[1:], 16))
        return _SIMPLE.get(e, e)

    return _ESC.sub(one, text)


def _literal(term: str):
    """(lexical, language, datatype) of a literal term, else None."""
    m = _LIT.match(term)
    if m is None:
        return None
    return _unescape(m.group(1)), m.group(2), m.group(3)


def _compact(term: str) -> str:
    """A term for display: an IRI as a prefixed name where one fits, a literal's text."""
    if term.startswith("<") and term.endswith(">"):
        iri = term[1:-1]
        for prefix, ns in _COMPACT:
            if iri.startswith(ns) and len(iri) > len(ns):
                return f"{prefix}:{iri[len(ns):]}"
        return iri
    lit = _literal(term)
    return lit[0] if lit is not None else term


def _split(line: str):
    s, p, o = line.split(" ", 2)
    return s, p, o


def _decode(o: str, how: str, base: str):
    if o.startswith("<"):
        iri = o[1:-1]
        if how == "ref":
            return _local(o)
        if how.startswith("concept:"):
            pre = _SSB + how[8:]
            return iri[len(pre):] if iri.startswith(pre) else _compact(o)
        if how == "unit":
            for ns in (_UNIT, _CUR):
                if iri.startswith(ns):
                    return iri[len(ns):]
            return _compact(o)
        return iri
    lit = _literal(o)
    if lit is None:
        return o
    if how == "decimal" and lit[0].endswith(".0"):
        return lit[0][:-2]  # the table's way of writing a whole number (25, not 25.0)
    return lit[0]


def decode_row(table: str, ident: str, lines, base: str) -> dict:
    """A row's triples back as table columns (the inverse of the build's mapping).

    Parameters
    ----------
    table, ident : str
        The row's table and id.
    lines : iterable of str
        Its ``subject predicate object`` lines (N-Triples terms).
    base : str
        The data namespace.

    Returns
    -------
    dict
        Column -> value: a ``str`` (dates, numbers as their lexical form),
        a sorted tuple for list columns. Triples no column explains get the
        predicate's prefixed name as column (a tuple of values).

    Examples
    --------
    >>> lines = ['<https://w3id.org/ssbkg/id/project/p> <https://w3id.org/ssbkg/ontology#status> '
    ...          '<https://w3id.org/ssbkg/ontology#status_planned>',
    ...          '<https://w3id.org/ssbkg/id/project/p> <https://w3id.org/ssbkg/ontology#segment> '
    ...          '<https://w3id.org/ssbkg/ontology#seg_cells>']
    >>> decode_row("projects", "p", lines, "https://w3id.org/ssbkg/id/")
    {'segments': ('cells',), 'status': 'planned'}
    """
    global _INV
    if _INV is None:
        _INV = _inverse()
    inv_all, classes, fixed = _INV
    inv = inv_all.get(table)
    out: dict = {}
    if inv is None:  # a user graph, the default graph, an unknown graph: by predicate
        for line in lines:
            s, p, o = _split(line)
            out.setdefault(_compact(p), set()).add(_compact(o))
        return {k: tuple(sorted(v)) for k, v in sorted(out.items())}
    many = _MANY.get(table, set())
    for line in sorted(lines):
        s, p, o = _split(line)
        piri = p[1:-1]
        col = value = None
        if table == "attributions" and piri == _PROV + "wasAttributedTo":
            out["figure"] = _local(s)
            col, value = "by", _local(o)
        elif table == "sites" and piri == _ORG + "hasSite":
            continue  # the operator's side of org:siteOf, stated by the same row
        elif table == "platforms" and piri == _SCHEMA + "containedInPlace":
            continue  # a park's parent region, the same as its region
        elif piri == _RDF + "type" and table in classes:
            col, back = classes[table]
            value = back.get(o[1:-1][len(_SSB):], _compact(o)) if o.startswith(f"<{_SSB}") \
                else _compact(o)
        elif piri == _RDF + "type" and o[1:-1] == fixed.get(table):
            continue
        elif table == "claims" and piri == _RDF + "predicate":
            col = "property"
            value = "status" if o[1:-1] == _SSB + "status" else (
                "region" if o[1:-1] == _SCHEMA + "location" else _compact(o))
        elif table == "claims" and piri == _RDF + "object":
            col = "value"
            value = o[1:-1][len(_SSB + "status_"):] if o.startswith(f"<{_SSB}status_") \
                else _local(o)
        else:
            spec = inv.get(piri)
            if isinstance(spec, dict):  # labels: the language picks the column
                lit = _literal(o)
                col = spec.get(lit[1] if lit else None) or _compact(p)
                value = lit[0] if lit else o
            elif spec is not None:
                col, how = spec
                value = _decode(o, how, base)
            else:
                col, value = _compact(p), _compact(o)
                out.setdefault(col, set()).add(value)
                continue
        if col in many:
            out.setdefault(col, set()).add(value)
        elif col in out and out[col] != value:
            prev = out[col]
            out[col] = (prev if isinstance(prev, set) else {prev}) | {value}
        else:
            out[col] = value
    return {k: tuple(sorted(v)) if isinstance(v, set) else v for k, v in out.items()}


def decode_provenance(lines, base: str) -> dict:
    """A row's provenance lines as ``source`` (sorted ids), ``locator``, ``inference``, ``_line``.

    Examples
    --------
    >>> decode_provenance(['<http://www.w3.org/ns/prov#wasDerivedFrom> <https://w3id.org/ssbkg/id/source/b>',
    ...                    '<https://w3id.org/ssbkg/ontology#sourceRow> "7"^^<http://www.w3.org/2001/XMLSchema#integer>'],
    ...                   "https://w3id.org/ssbkg/id/")
    {'source': ('b',), '_line': 7}
    """
    out: dict = {}
    for line in lines:
        p, o = line.split(" ", 1)
        piri = p[1:-1]
        if piri == _PROV + "wasDerivedFrom":
            out.setdefault("source", set()).add(_local(o))
        elif piri == _SSB + "locator":
            out["locator"] = _decode(o, "text", base)
        elif piri == _SSB + "inference":
            out["inference"] = _decode(o, "text", base)
        elif piri == _SSB + "sourceRow":
            out["_line"] = int(_decode(o, "integer", base))
        elif piri in (_SSB + "sourceTable", _RDF + "type"):
            continue  # the table is in the row's key; the class says whether it is inferred
        else:
            out.setdefault(_compact(p), set()).add(_compact(o))
    return {k: tuple(sorted(v)) if isinstance(v, set) else v for k, v in out.items()}
