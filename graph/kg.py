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
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox

from .errors import NotFoundError, QueryError
from .sparql import inject_values, json_term, to_python, to_term

__all__ = ["KG", "as_kg"]

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
    ...                   ox.Literal("7", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
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
        rows = [tuple(json_term(b.get(c)) for c in columns)
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
        for var, value in (bindings or {}).items():
            if isinstance(value, str):
                raise QueryError(
                    f"?{var} is bound to the plain string {value!r}, which is ambiguous: pass "
                    f"pyoxigraph.Literal({value!r}) for a string, pyoxigraph.NamedNode(IRI) for "
                    f"an entity, or run a named query with ssbkg.catalogue.run(kg, NAME, "
                    f"{var}={value!r}), which resolves ids and labels", query=name)
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

    def query_df(self, text: str, bindings: dict | None = None, *, name: str | None = None,
                 with_languages: bool = False):
        """Run a SELECT query; a pandas DataFrame (numbers as numbers, IRIs as str).

        Columns whose bound values are all integers get the nullable ``Int64``
        dtype; all numbers, ``float``; everything else stays ``object``. With
        ``with_languages``, a column holding language-tagged literals is
        followed by ``<column>_lang`` with each value's tag (None where untagged).
        """
        import pandas as pd

        columns, rows = self.select(text, bindings, name=name)
        data = {c: [to_python(r[i]) for r in rows] for i, c in enumerate(columns)}
        order = list(columns)
        if with_languages:
            for i, c in enumerate(columns):
                tags = [r[i].language if isinstance(r[i], ox.Literal) else None for r in rows]
                if any(tags) and f"{c}_lang" not in data:
                    data[f"{c}_lang"] = tags
                    order.insert(order.index(c) + 1, f"{c}_lang")
        frame = pd.DataFrame(data, columns=order)
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
