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
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox

from .errors import NotFoundError, QueryError
from .sparql import inject_values, json_term, to_python, to_term

__all__ = ["KG", "Rows", "as_kg"]

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
        self._check_bindings(bindings, name)
        if self.is_remote or not self.local_timeout:
            return self._materialised(text, bindings, name)
        return _in_worker(self, text, bindings, name, self.local_timeout)

    @staticmethod
    def _check_bindings(bindings, name):
        for var, value in (bindings or {}).items():
            if isinstance(value, str):
                raise QueryError(
                    f"?{var} is bound to the plain string {value!r}, which is ambiguous: pass "
                    f"pyoxigraph.Literal({value!r}) for a string, pyoxigraph.NamedNode(IRI) for "
                    f"an entity, or run a named query with ssbkg.catalogue.run(kg, NAME, "
                    f"{var}={value!r}), which resolves ids and labels", query=name)

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

    def rows(self, text: str, bindings: dict | None = None, *, name: str | None = None,
             limit: int | None = None, with_languages: bool = False,
             lookahead: int = 1000) -> "Rows":
        """Run a SELECT query; its rows as they come, without holding the result.

        A local query runs in the engine's own lazy iterator (in a worker
        process when :meth:`with_timeout` set a limit, the rows coming back in
        small batches through a pipe); an endpoint's answer is read whole, then
        handed out row by row.

        Parameters
        ----------
        limit : int, optional
            Stop after this many rows; the engine is then told to stop (the
            worker killed). :attr:`Rows.truncated` says whether rows were left.
        with_languages : bool
            Add ``<column>_lang`` after each column whose literals carry a
            language tag. The columns are chosen on the first ``lookahead``
            rows (or the rows of the first quarter second), so that rows can
            be written before the query ends; a tag seen only later is left
            out and said in :attr:`Rows.notes`.

        Returns
        -------
        Rows
            Iterable of tuples of plain Python values (as :meth:`query`),
            with ``columns``.

        Examples
        --------
        >>> store = ox.Store()
        >>> for i in range(5):
        ...     store.add(ox.Quad(ox.NamedNode(f"http://e/{i}"), ox.NamedNode("http://e/p"),
        ...                       ox.Literal(f"n{i}", language="en"), ox.NamedNode("http://e/g")))
        >>> rows = KG(store).rows("SELECT ?s ?l { ?s <http://e/p> ?l } ORDER BY ?s", limit=2,
        ...                       with_languages=True)
        >>> rows.columns, list(rows), rows.truncated
        (['s', 'l', 'l_lang'], [('http://e/0', 'n0', 'en'), ('http://e/1', 'n1', 'en')], True)
        """
        name = name or "(inline)"
        self._check_bindings(bindings, name)
        if limit is not None and limit < 0:
            raise QueryError(f"limit must be 0 or more, got {limit}", query=name)
        if self.is_remote:
            result = self._remote(text, bindings, name)
            if not isinstance(result, tuple):
                raise QueryError("not a SELECT query", query=name)
            columns, terms = result
            source = (_plain_row(r) for r in terms)
            stream = Rows(columns, source, limit=limit, name=name)
        elif self.local_timeout:
            stream = _stream_in_worker(self, text, bindings, name, self.local_timeout, limit)
        else:
            result = self._local(text, bindings, name)
            if not isinstance(result, ox.QuerySolutions):
                raise QueryError("not a SELECT query", query=name)
            columns = [v.value for v in result.variables]
            stream = Rows(columns, _solutions(result, name), limit=limit, name=name)
        if with_languages:
            stream._with_languages(lookahead)
        return stream

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


class Rows:
    """The rows of a SELECT query as they come: iterate once, tuples of Python values.

    Made by :meth:`KG.rows`. ``columns`` names the values of each tuple;
    after iterating, ``count`` is the number of rows given, ``truncated``
    whether the limit left rows out, and ``notes`` what the caller should be
    told (a late language tag). :meth:`close` (also called at the end of the
    iteration, or by ``with``) stops the query.

    ``on_wait``, when set, is called before the stream blocks waiting for
    the worker's next batch (a writer flushes its output there, so that rows
    already read reach the reader while the engine works).
    """

    def __init__(self, columns, source, *, limit=None, name=None, close=None):
        self.columns = list(columns)
        self.limit = limit
        self.name = name
        self.count = 0
        self.truncated = False
        self.notes = []
        self.on_wait = None
        self._source = iter(source)
        self._close = close
        self._lang = None  # (column index -> position of its _lang column) once chosen
        self._buffer = []

    def __repr__(self):
        return f"Rows(columns={self.columns!r}, count={self.count}, truncated={self.truncated})"

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        """Stop the query (kill its worker); safe to call more than once."""
        close, self._close = self._close, None
        if close is not None:
            close()

    def _next_raw(self):
        if self._buffer:
            return self._buffer.pop(0)
        return next(self._source)

    def _with_languages(self, lookahead):
        """Read ahead to choose the ``_lang`` columns; the rows read are kept."""
        start = time.monotonic()
        tagged = set()
        buffer = []
        try:
            while len(buffer) < max(lookahead, 1) and (self.limit is None or len(buffer) <= self.limit):
                row = next(self._source)
                buffer.append(row)
                tagged.update(i for i, tag in enumerate(row[1] or ()) if tag)
                if time.monotonic() - start > 0.25:
                    break
        except StopIteration:
            pass
        except BaseException:
            self.close()
            raise
        self._buffer = buffer
        self._looked, self._late = len(buffer), set()
        base = list(self.columns)
        order, positions = list(base), {}
        for i, c in enumerate(base):
            if i in tagged and f"{c}_lang" not in base:
                order.insert(order.index(c) + 1, f"{c}_lang")
        for i, c in enumerate(base):
            if f"{c}_lang" in order and i in tagged:
                positions[i] = order.index(f"{c}_lang")
        self.columns = order
        self._lang = (positions, [order.index(c) for c in base])

    def _shape(self, raw):
        values, tags = raw
        if self._lang is None:
            return values
        positions, where = self._lang
        out = [None] * len(self.columns)
        for i, v in enumerate(values):
            out[where[i]] = v
        for i, tag in enumerate(tags or ()):
            if not tag:
                continue
            if i in positions:
                out[positions[i]] = tag
            elif i not in self._late:
                self._late.add(i)
                self.notes.append(
                    f"column '{self.columns[where[i]]}' has language-tagged values first seen "
                    f"after the {self._looked} rows read ahead to choose the columns; their "
                    "tags are not shown")
        return tuple(out)

    def reorder(self, columns) -> "Rows":
        """Give the values in the order of ``columns`` (a permutation of :attr:`columns`)."""
        columns = list(columns)
        if sorted(columns) != sorted(self.columns):
            raise QueryError(f"columns {columns} are not a permutation of {self.columns}",
                             query=self.name)
        self._order = [self.columns.index(c) for c in columns]
        self.columns = columns
        return self

    def __iter__(self):
        order = getattr(self, "_order", None)
        try:
            while True:
                try:
                    raw = self._next_raw()
                except StopIteration:
                    return
                if self.limit is not None and self.count >= self.limit:
                    self.truncated = True
                    return
                self.count += 1
                row = self._shape(raw)
                yield row if order is None else tuple(row[i] for i in order)
        finally:
            self.close()


def _plain_row(terms):
    """(values, tags): a row of terms as Python values, and each literal's language tag."""
    values = tuple(map(to_python, terms))
    tags = None
    for i, t in enumerate(terms):
        if type(t) is ox.Literal and t.language:
            tags = tags or [None] * len(terms)
            tags[i] = t.language
    return values, tags


def _solutions(result, name):
    """The rows of pyoxigraph QuerySolutions as (values, tags), errors as QueryError."""
    try:
        for sol in result:
            yield _plain_row(tuple(sol))
    except (RuntimeError, OSError) as exc:
        raise QueryError(_one_line(exc), query=name) from None


def _stream_worker(kg, text, bindings, name, conn):
    """Run a SELECT and send its rows in batches: ("columns", ...), ("rows", [...]), ("end",)."""
    try:
        if kg.path is not None:
            kg = KG.from_path(kg.path)
        result = kg._local(text, bindings, name)
        if not isinstance(result, ox.QuerySolutions):
            conn.send(("error", "not a SELECT query"))
            return
        conn.send(("columns", [v.value for v in result.variables]))
        batch, size, since = [], 1, time.monotonic()
        for row in _solutions(result, name):
            batch.append(row)
            if len(batch) >= size or time.monotonic() - since > 0.05:
                conn.send(("rows", batch))
                batch, size, since = [], min(size * 4, 2048), time.monotonic()
        if batch:
            conn.send(("rows", batch))
        conn.send(("end", None))
    except (BrokenPipeError, ConnectionResetError):  # the reader stopped (limit, Ctrl-C)
        pass
    except BaseException as exc:
        try:
            conn.send(("error", _one_line(exc)))
        except OSError:
            pass
    finally:
        conn.close()


def _stream_in_worker(kg, text, bindings, name, seconds, limit):
    """Rows of a local SELECT from a forked worker, killed at the limit or after ``seconds``."""
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_stream_worker, args=(kg, text, bindings, name, send), daemon=True)
    proc.start()
    send.close()
    deadline = time.monotonic() + seconds

    def close():
        if proc.is_alive():
            proc.kill()
        proc.join()
        receive.close()

    def recv():
        if not receive.poll(max(deadline - time.monotonic(), 0)):
            raise QueryError(f"stopped after the time limit of {seconds:g} s", query=name)
        try:
            kind, payload = receive.recv()
        except EOFError:
            raise QueryError("the query worker died", query=name) from None
        if kind == "error":
            raise QueryError(payload) if payload.startswith("query ") else QueryError(payload, query=name)
        return kind, payload

    try:
        kind, columns = recv()
    except BaseException:
        close()
        raise

    def batches():
        while True:
            if stream.on_wait is not None and not receive.poll(0):
                stream.on_wait()
            kind, payload = recv()
            if kind == "end":
                return
            yield from payload

    stream = Rows(columns, batches(), limit=limit, name=name, close=close)
    return stream


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
