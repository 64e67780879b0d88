"""One object for the knowledge graph: a local Oxigraph store or a remote endpoint.

:class:`KG` wraps a pyoxigraph :class:`~pyoxigraph.Store` (in memory or on
disk) or a SPARQL 1.1 endpoint reached with urllib (JSON results). Queries
run over the union of all named graphs (locally
``use_default_graph_as_union=True``; a server must run with
``--union-default-graph``, as ``ssbkg serve`` does).

Values never go into query text by string formatting: locally they are
pyoxigraph ``substitutions``; remotely a ``VALUES`` block of terms
serialised by pyoxigraph (so quotes, ``>`` and ``}`` are escaped) is placed
at the start of the query's outer ``WHERE`` group, where it joins the
pattern the way a substitution does (a trailing ``VALUES`` after the query
would not reach variables used only in a ``FILTER``).

Row values
----------
:meth:`KG.query` returns rows as dicts of plain Python values: IRIs as
``str``; ``xsd:integer`` (and its subtypes) as ``int``; ``xsd:decimal``,
``xsd:double`` and ``xsd:float`` as ``float``; ``xsd:boolean`` as ``bool``;
every other literal (strings in any language, dates) as its lexical ``str``;
blank nodes as ``"_:id"``; unbound variables as ``None``. :meth:`KG.select`
gives the pyoxigraph terms themselves.
"""

from __future__ import annotations

import json
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox

from .errors import NotFoundError, QueryError

__all__ = ["KG", "as_kg", "to_term", "to_python", "values_block", "inject_values"]

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {_XSD + t for t in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "negativeInteger", "nonPositiveInteger", "unsignedLong", "unsignedInt",
    "unsignedShort", "unsignedByte")}
_FLOATS = {_XSD + "decimal", _XSD + "double", _XSD + "float"}



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


STORE_MARKER = "ssbkg-build.json"


def _one_line(message: str) -> str:
    return " ".join(str(message).split())


class KG:
    """The knowledge graph behind every query: a local store or an endpoint.

    Parameters
    ----------
    store : pyoxigraph.Store, optional
        A local store (memory or opened from disk).
    endpoint : str, optional
        URL of a SPARQL 1.1 query endpoint (``http://127.0.0.1:7878/query``).
    path : str, optional
        Folder of the on-disk store (kept for messages and worker processes).
    timeout : float
        Seconds to wait for a remote endpoint. For a time limit on local
        queries use :meth:`with_timeout`.

    Examples
    --------
    >>> store = ox.Store()
    >>> store.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"),
    ...                   ox.Literal("7", datatype=ox.NamedNode(_XSD + "integer")),
    ...                   ox.NamedNode("http://e/g")))
    >>> kg = KG(store)
    >>> kg.query("SELECT ?s ?v WHERE { ?s <http://e/p> ?v }")
    [{'s': 'http://e/a', 'v': 7}]
    >>> kg.query("SELECT ?s ?v WHERE { ?s <http://e/p> ?v }", bindings={"v": 8})
    []
    """

    def __init__(self, store: ox.Store | None = None, *, endpoint: str | None = None,
                 path: str | None = None, timeout: float = 120.0):
        if (store is None) == (endpoint is None):
            raise QueryError("give either a store or an endpoint")
        self.store = store
        self.endpoint = endpoint
        self.path = path
        self.timeout = timeout
        #: seconds a local query may run (in a worker process); None = no limit
        self.local_timeout = None

    # -- opening -----------------------------------------------------------
    @classmethod
    def from_path(cls, path) -> "KG":
        """Open an on-disk store made by ``ssbkg build --store DIR`` (read-only)."""
        path = Path(path)
        if not (path / STORE_MARKER).is_file():
            raise NotFoundError(
                f"{path}: not an ssbkg store (run 'ssbkg build --store {path}' first)"
            )
        try:
            store = ox.Store.read_only(str(path))
        except OSError as exc:
            raise NotFoundError(f"{path}: cannot open the store: {_one_line(exc)}") from None
        return cls(store, path=str(path))

    @property
    def is_remote(self) -> bool:
        return self.endpoint is not None

    def __repr__(self):
        where = self.endpoint or self.path or "memory"
        return f"KG({where})"

    # -- querying ----------------------------------------------------------
    def _local(self, text, bindings, name):
        subs = {ox.Variable(k): to_term(v) for k, v in (bindings or {}).items()}
        try:
            return self.store.query(text, use_default_graph_as_union=True,
                                    substitutions=subs or None)
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL: {_one_line(exc)}", query=name) from None
        except (RuntimeError, OSError, ValueError) as exc:
            raise QueryError(_one_line(exc), query=name) from None

    def _remote(self, text, bindings, name):
        # parse locally first: the same error messages as a local store
        try:
            kind = ox.Store().query(text)
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL: {_one_line(exc)}", query=name) from None
        text = inject_values(text, bindings or {})
        data = urllib.parse.urlencode({"query": text}).encode("utf-8")
        request = urllib.request.Request(
            self.endpoint, data=data, method="POST",
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": "application/sparql-results+json, application/n-triples;q=0.9",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                body = response.read()
                ctype = response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace")
            raise QueryError(
                f"endpoint {self.endpoint} answered {exc.code}: {_one_line(detail)[:300]}",
                query=name) from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise QueryError(f"cannot reach endpoint {self.endpoint}: {reason}",
                             query=name) from None
        if isinstance(kind, ox.QueryTriples) or "n-triples" in ctype:
            return list(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
        result = json.loads(body.decode("utf-8"))
        if "boolean" in result:
            return bool(result["boolean"])
        columns = result["head"].get("vars", [])
        rows = [tuple(_json_term(b.get(c)) for c in columns)
                for b in result["results"]["bindings"]]
        return columns, rows

    def _materialised(self, text, bindings, name):
        """Run a query to completion: ``bool``, a list of Triples or ``(columns, rows)``."""
        if self.is_remote:
            return self._remote(text, bindings, name)
        result = self._local(text, bindings, name)
        try:
            if isinstance(result, ox.QueryBoolean):
                return bool(result)
            if isinstance(result, ox.QueryTriples):
                return list(result)
            columns = [v.value for v in result.variables]
            # a solution iterates over its values in projection order; tuple(sol)
            # is much cheaper than fetching each value by name
            return columns, [tuple(sol) for sol in result]
        except (RuntimeError, OSError) as exc:
            raise QueryError(_one_line(exc), query=name) from None

    def _run(self, text, bindings, name):
        if self.is_remote or not self.local_timeout:
            return self._materialised(text, bindings, name)
        return _in_worker(self, text, bindings, name, self.local_timeout)

    def with_timeout(self, seconds: float | None) -> "KG":
        """This KG with a time limit on every query (None: no limit locally).

        Local queries then run in a forked worker process that is killed when
        the limit passes (pyoxigraph queries cannot be interrupted otherwise);
        remote queries wait at most ``seconds`` for the endpoint.
        """
        other = KG(self.store, endpoint=self.endpoint, path=self.path,
                   timeout=seconds if seconds else self.timeout)
        other.local_timeout = seconds
        return other

    def select(self, text: str, bindings: dict | None = None, *, name: str | None = None):
        """Run a SELECT query; return ``(columns, rows)`` of pyoxigraph terms.

        Raises
        ------
        QueryError
            Malformed SPARQL (one line naming the query and the parser's
            message), a query that is not a SELECT, a time limit passed, or an
            unreachable endpoint.
        """
        name = name or "(inline)"
        result = self._run(text, bindings, name)
        if not isinstance(result, tuple):
            raise QueryError("not a SELECT query", query=name)
        return result

    def query(self, text: str, bindings: dict | None = None, *, name: str | None = None):
        """Run a query; SELECT gives a list of row dicts of Python values.

        ASK gives a ``bool``; CONSTRUCT and DESCRIBE a list of pyoxigraph
        :class:`~pyoxigraph.Triple`. ``bindings`` maps variable names (without
        ``?``) to values (see :func:`to_term`); the variables of a SELECT must be
        in its projection. ``name`` names the query in error messages.
        """
        name = name or "(inline)"
        result = self._run(text, bindings, name)
        if isinstance(result, (bool, list)):
            return result
        columns, rows = result
        convert = to_python
        return [dict(zip(columns, map(convert, row))) for row in rows]

    def query_df(self, text: str, bindings: dict | None = None, *, name: str | None = None):
        """Run a SELECT query; a pandas DataFrame (numbers as numbers, IRIs as str).

        Columns whose bound values are all integers get the nullable ``Int64``
        dtype; all numbers, ``float``; everything else stays ``object``.
        """
        import pandas as pd

        columns, rows = self.select(text, bindings, name=name)
        data = {c: [to_python(r[i]) for r in rows] for i, c in enumerate(columns)}
        frame = pd.DataFrame(data, columns=columns)
        for c in columns:
            present = [v for v in data[c] if v is not None]
            if not present or any(isinstance(v, bool) for v in present):
                continue
            if all(isinstance(v, int) for v in present):
                frame[c] = pd.array(data[c], dtype="Int64")
            elif all(isinstance(v, (int, float)) for v in present):
                frame[c] = pd.to_numeric(frame[c], errors="coerce").astype(float)
        return frame

    def count(self, text: str, bindings: dict | None = None, *, name=None) -> int:
        """The single integer a ``SELECT (COUNT(...) AS ?n)`` query returns."""
        rows = self.query(text, bindings, name=name)
        if not rows:
            return 0
        return int(next(iter(rows[0].values())) or 0)


def _worker(kg, text, bindings, name, conn):
    try:
        if kg.path is not None:  # a fresh handle on the on-disk store
            kg = KG.from_path(kg.path)
        conn.send((True, kg._materialised(text, bindings, name)))
    except BaseException as exc:  # report any failure to the parent
        conn.send((False, _one_line(exc)))
    finally:
        conn.close()


def _in_worker(kg, text, bindings, name, seconds):
    """Run a local query in a forked process; kill it after ``seconds``."""
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_worker, args=(kg, text, bindings, name, send), daemon=True)
    proc.start()
    send.close()
    try:
        if not receive.poll(seconds):
            raise QueryError(f"stopped after the time limit of {seconds:g} s", query=name)
        ok, payload = receive.recv()
    except EOFError:
        raise QueryError("the query worker died", query=name) from None
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join()
        receive.close()
    if not ok:
        raise QueryError(payload)
    return payload


def as_kg(obj) -> KG:
    """A :class:`KG` for ``obj``: a KG, a pyoxigraph Store, or a store folder path.

    Examples
    --------
    >>> as_kg(ox.Store())
    KG(memory)
    """
    if isinstance(obj, KG):
        return obj
    if isinstance(obj, ox.Store):
        return KG(obj)
    if isinstance(obj, (str, os.PathLike)):
        return KG.from_path(obj)
    raise QueryError(f"expected a KG, a pyoxigraph Store or a store folder, got {type(obj).__name__}")


def _json_term(binding):
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
