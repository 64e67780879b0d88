"""What changed between two versions of the KG, row by row and field by field.

:func:`diff` compares two :class:`~ssbkg.monitor.load.Version` objects row
by row: a row is one table row (its named graph ``ssbd:assertion/<table>/<id>``)
or one source. A row only in NEW is *added*, only in OLD *removed*; a row in
both whose triples differ is *changed*, with each field (table column) that
differs, its old and new value and the row's sources in both versions. A row
whose facts are equal but whose provenance (``source``, ``locator``,
``inference``) differs is a *provenance-only* change, listed apart. The file
line a row sits on is not compared (inserting a row above it moves it).
The ontology graph and the derived graphs are not listed (their changed
triples are counted in :attr:`Diff.ignored`).

Rows are decoded back into the columns of docs/design.md from their triples
(the inverse of :func:`ssbkg.build.table_nquads`), so a store, an export and
a folder of tables give the same diff.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..tables import SCHEMAS
from .load import Version

_TABLE_ORDER = {name: i for i, name in enumerate(SCHEMAS)}

__all__ = [
    "FieldChange",
    "RowChange",
    "Diff",
    "diff",
    "entity_of",
    "PROVENANCE_FIELDS",
    "CHANGE_KINDS",
]

#: The columns that say where a fact comes from; a change only there is provenance-only.
PROVENANCE_FIELDS = ("source", "locator", "inference")

#: The kinds of row change, in the order they are listed.
CHANGE_KINDS = ("added", "removed", "changed", "provenance")

@dataclass(frozen=True)
class FieldChange:
    """One field of a row: its value in OLD and in NEW (None where absent)."""

    field: str
    old: object = None
    new: object = None


@dataclass(frozen=True)
class RowChange:
    """A row added, removed, changed or changed in its provenance only.

    ``fields`` lists the fact's fields that differ (for an added or removed
    row: all its fields); ``provenance`` the provenance fields that differ
    (``source``, ``locator``, ``inference``). ``sources_old`` and
    ``sources_new`` are the row's source ids in each version, ``line_old``
    and ``line_new`` its file line (None where unknown). ``entity`` is what
    the row is about (an observation's or a claim's subject, else the row
    itself) and ``label`` its English label.
    """

    table: str
    id: str
    change: str
    entity: str
    label: str | None = None
    fields: tuple = ()
    provenance: tuple = ()
    sources_old: tuple = ()
    sources_new: tuple = ()
    line_old: int | None = None
    line_new: int | None = None

    def as_dict(self) -> dict:
        """Plain values (lists for tuples), for JSON."""
        return {
            "table": self.table, "id": self.id, "change": self.change, "entity": self.entity,
            "label": self.label,
            "fields": [{"field": f.field, "old": _plain(f.old), "new": _plain(f.new)}
                       for f in self.fields],
            "provenance": [{"field": f.field, "old": _plain(f.old), "new": _plain(f.new)}
                           for f in self.provenance],
            "sources_old": list(self.sources_old), "sources_new": list(self.sources_new),
            "line_old": self.line_old, "line_new": self.line_new,
        }


def _plain(value):
    return list(value) if isinstance(value, tuple) else value


@dataclass
class Diff:
    """The changes between two versions, by table row and by entity.

    Attributes
    ----------
    old, new : str
        What each version was read from.
    changes : list of RowChange
        Rows added, removed or changed (a changed row may carry provenance
        changes too), in table order (docs/design.md), then id.
    provenance : list of RowChange
        Rows whose facts are equal and whose provenance differs.
    ignored : dict
        Changed triples of graphs that are never listed: ``ontology``,
        ``derived`` (recomputed from the data at every build).
    old_version, new_version : Version
        The two versions (the warnings read them).
    """

    old: str
    new: str
    changes: list = field(default_factory=list)
    provenance: list = field(default_factory=list)
    ignored: dict = field(default_factory=dict)
    old_version: Version | None = field(default=None, repr=False)
    new_version: Version | None = field(default=None, repr=False)

    @property
    def empty(self) -> bool:
        """True when no row changed, not even in its provenance."""
        return not self.changes and not self.provenance

    def __iter__(self):
        yield from self.changes
        yield from self.provenance

    def summary(self) -> dict:
        """Row changes per kind (added, removed, changed, provenance) and per table."""
        kinds = {k: 0 for k in CHANGE_KINDS}
        tables: dict = {}
        for rc in self:
            kinds[rc.change] += 1
            t = tables.setdefault(rc.table, {k: 0 for k in CHANGE_KINDS})
            t[rc.change] += 1
        return {"rows": kinds, "tables": tables, "ignored": dict(self.ignored)}

    def by_entity(self) -> dict:
        """Entity id -> its row changes (content first, then provenance), entities sorted."""
        out: dict = {}
        for rc in self:
            out.setdefault(rc.entity, []).append(rc)
        return dict(sorted(out.items()))

    def by_table(self) -> dict:
        """Table -> its row changes, tables in design order."""
        out: dict = {}
        for rc in sorted(self, key=_order):
            out.setdefault(rc.table, []).append(rc)
        return out

    def field_rows(self) -> list:
        """One dict per changed field (a row added or removed: one per field it holds).

        Columns: ``change, table, id, entity, label, field, old, new,
        sources_old, sources_new`` (lists joined with ``;``).
        """
        out = []
        for rc in self:
            items = list(rc.fields) + list(rc.provenance)
            if not items:
                items = [FieldChange("", None, None)]
            for f in items:
                out.append({
                    "change": rc.change, "table": rc.table, "id": rc.id, "entity": rc.entity,
                    "label": rc.label, "field": f.field, "old": _cell(f.old), "new": _cell(f.new),
                    "sources_old": ";".join(rc.sources_old), "sources_new": ";".join(rc.sources_new),
                })
        return out

    def to_dict(self) -> dict:
        """The whole diff as plain values (what ``--format json`` writes)."""
        return {"old": self.old, "new": self.new, "summary": self.summary(),
                "changes": [rc.as_dict() for rc in self.changes],
                "provenance": [rc.as_dict() for rc in self.provenance]}


def _cell(value):
    if value is None:
        return None
    if isinstance(value, tuple):
        return ";".join(value)
    return str(value)


def _order(rc):
    return (_TABLE_ORDER.get(rc.table, len(_TABLE_ORDER)), rc.table, rc.id)


def entity_of(version: Version, table: str, values: dict) -> str | None:
    """What a row is about: an observation's or a claim's subject, an attribution's figure's subject."""
    if table in ("observations", "claims"):
        return values.get("subject")
    if table == "attributions":
        fig = values.get("figure")
        obs = version.get("observations", fig) if fig else None
        return (obs or {}).get("subject") or fig
    return None


def _label(old: Version, new: Version, entity: str):
    for v in (new, old):
        for table in _LABELLED:
            got = v.get(table, entity)
            if got is not None:
                return got.get("label_en") or got.get("title")
    return None


_LABELLED = ("organisations", "platforms", "projects", "sites", "regions", "people", "policies",
             "sources", "collaborations")


def _fields(values: dict) -> dict:
    return {k: v for k, v in values.items() if not k.startswith("_") and k not in PROVENANCE_FIELDS}


def _prov(values: dict) -> dict:
    return {k: values.get(k) for k in PROVENANCE_FIELDS if values.get(k) is not None}


def _field_changes(a: dict, b: dict) -> tuple:
    names = sorted(set(a) | set(b), key=lambda n: (_column_rank(n), n))
    return tuple(FieldChange(n, a.get(n), b.get(n)) for n in names if a.get(n) != b.get(n))


_RANK: dict = {}


def _column_rank(name: str) -> int:
    if not _RANK:
        for cols in SCHEMAS.values():
            for i, c in enumerate(cols):
                _RANK.setdefault(c.name, i)
    return _RANK.get(name, 1000)


def diff(old: Version, new: Version) -> Diff:
    """Compare two versions row by row.

    Parameters
    ----------
    old, new : Version
        From :func:`ssbkg.monitor.load_version`.

    Returns
    -------
    Diff
        Empty (``Diff.empty``) when every row has the same triples and
        provenance in both versions.

    Examples
    --------
    >>> from ssbkg.monitor.load import version_from_lines
    >>> row = ('<https://w3id.org/ssbkg/id/org/a> <http://www.w3.org/2004/02/skos/core#prefLabel> '
    ...        '"{}"@en <https://w3id.org/ssbkg/id/assertion/organisations/a> .')
    >>> d = diff(version_from_lines([row.format("Alpha")]), version_from_lines([row.format("Alfa")]))
    >>> [(c.change, c.id, [(f.field, f.old, f.new) for f in c.fields]) for c in d.changes]
    [('changed', 'a', [('label_en', 'Alpha', 'Alfa')])]
    >>> diff(version_from_lines([row.format("A")]), version_from_lines([row.format("A")])).empty
    True
    """
    changes, provenance = [], []
    keys = set(old.rows) | set(new.rows)
    for key in sorted(keys, key=lambda k: (_TABLE_ORDER.get(k[0], len(_TABLE_ORDER)), k)):
        table, ident = key
        in_old, in_new = key in old.rows, key in new.rows
        if in_old and in_new and old.rows[key] == new.rows[key] \
                and old.prov.get(key, frozenset()) == new.prov.get(key, frozenset()):
            continue
        a = old.values(table, ident) if in_old else {}
        b = new.values(table, ident) if in_new else {}
        fa, fb, pa, pb = _fields(a), _fields(b), _prov(a), _prov(b)
        if in_old and in_new:
            fields, provs = _field_changes(fa, fb), _field_changes(pa, pb)
            if not fields and not provs:
                continue  # same facts written differently (escapes, line order)
            change = "changed" if fields else "provenance"
        elif in_new:
            change, fields, provs = "added", _field_changes({}, fb), _field_changes({}, pb)
        else:
            change, fields, provs = "removed", _field_changes(fa, {}), _field_changes(pa, {})
        entity = entity_of(new if in_new else old, table, b or a) or ident
        rc = RowChange(
            table=table, id=ident, change=change, entity=entity,
            label=_label(old, new, entity), fields=fields, provenance=provs,
            sources_old=tuple(a.get("source") or ()), sources_new=tuple(b.get("source") or ()),
            line_old=a.get("_line"), line_new=b.get("_line"),
        )
        (provenance if change == "provenance" else changes).append(rc)
    ignored = {"ontology": len(old.ontology ^ new.ontology),
               "derived": len(old.derived ^ new.derived)}
    return Diff(old=old.label, new=new.label, changes=changes, provenance=provenance,
                ignored=ignored, old_version=old, new_version=new)
