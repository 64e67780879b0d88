"""What every section of the report reads once: tables, labels, sources, translations."""

from __future__ import annotations

import math

import pandas as pd

from .. import projections as P
from ..resources import queries_dir
from .model import name, num, template_runs
from .texts import TEXTS

__all__ = ["Context", "report_query"]

DATA = P.DATA
ONTO = P.ONTO


def report_query(name_: str) -> str:
    """Text of ``queries/report/<name>.rq``."""
    return (queries_dir() / "report" / f"{name_}.rq").read_text(encoding="utf-8")


def _kind_of(iri: str):
    """(kind, id) of a data or vocabulary IRI: ('org', 'fengli'), ('seg', 'cathode')."""
    if iri.startswith(DATA):
        kind, _, ident = iri[len(DATA):].partition("/")
        return kind, ident
    if iri.startswith(ONTO):
        local = iri[len(ONTO):]
        head, sep, tail = local.partition("_")
        if sep and head.islower():
            return head, tail
        return "class", local
    return "iri", iri


def _missing(v) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))


class Context:
    """The KG's tables and lookups shared by the sections, in one language."""

    def __init__(self, kg, lang: str):
        if lang not in TEXTS:
            from ..errors import InputError

            raise InputError(f"unknown report language {lang!r}; choose one of "
                             f"{', '.join(sorted(TEXTS))}")
        self.kg = kg
        self.lang = lang
        self.T = TEXTS[lang]
        self.EN = TEXTS["en"]
        from .. import analysis as A

        self.tables = A.cluster_tables(kg)
        self.orgs = self.tables["orgs"]
        self.projects = self.tables["projects"]
        self.patents = self.tables["patents"]
        self.levels = self.tables["levels"]
        self._labels = {}
        for rec in kg.query_df(report_query("labels"), name="report-labels").to_dict("records"):
            key = _kind_of(str(rec["x"]))
            self._labels[key] = (None if _missing(rec["en"]) else str(rec["en"]),
                                 None if _missing(rec["zh"]) else str(rec["zh"]))
        self._src = {}
        for rec in kg.query_df(report_query("entity-sources"),
                               name="report-entity-sources").to_dict("records"):
            self._src.setdefault(str(rec["entity"]), set()).add(P.local_id(rec["source"]))
        self.sources = {}
        for rec in kg.query_df(report_query("sources"), name="report-sources").to_dict("records"):
            sid = P.local_id(rec["source"])
            self.sources[sid] = {
                "id": sid,
                "title": None if _missing(rec["title"]) else str(rec["title"]),
                "publisher": None if _missing(rec["publisher"]) else str(rec["publisher"]),
                "url": None if _missing(rec["url"]) else str(rec["url"]),
                "issued": None if _missing(rec["issued"]) else str(rec["issued"]),
                "kind": None if _missing(rec["kind"]) else P.local_id(rec["kind"]),
                "reliability": None if _missing(rec["reliability"]) else P.local_id(rec["reliability"]),
            }
        obs = kg.query_df(report_query("observations"), name="report-observations")
        for col in ("obs", "subject"):
            obs[col + "_kind"] = [_kind_of(str(v))[0] for v in obs[col]]
            obs[col] = [_kind_of(str(v))[1] for v in obs[col]]
        for col in ("indicator", "unit", "qualifier", "kind"):
            obs[col] = [None if _missing(v) else P.local_id(v) for v in obs[col]]
        self.obs = obs

    # -- text ------------------------------------------------------------------
    def s(self, key: str) -> str:
        """A translated string (English when the language lacks the key)."""
        return self.T.get(key, self.EN[key])

    def t(self, key: str, **values) -> list:
        """A translated template split into runs."""
        return template_runs(self.s(key), values)

    def label(self, kind: str, ident: str):
        """(text, fallback): the label in the report's language, English marked when used for zh."""
        en, zh = self._labels.get((kind, ident), (None, None))
        if self.lang == "zh":
            if zh:
                return zh, False
            return (en or ident), True
        return (en or ident), False

    def nm(self, kind: str, ident: str, *, src=()) -> dict:
        text, fallback = self.label(kind, ident)
        return name(text, ident, fallback=fallback, src=src)

    def region(self, ident):
        return self.nm("region", ident)

    def seg(self, ident):
        return self.nm("seg", ident)

    def route(self, ident):
        return self.nm("route", ident)

    def org(self, ident):
        return self.nm("org", ident)

    # -- sources ---------------------------------------------------------------
    def src(self, kind: str, ident) -> set:
        """Source ids of one entity's own rows."""
        if ident is None:
            return set()
        return set(self._src.get(f"{DATA}{kind}/{ident}", ()))

    def src_many(self, kind: str, idents) -> set:
        out = set()
        for i in idents:
            out |= self.src(kind, i)
        return out

    def n(self, value, src=(), **kw) -> dict:
        return num(value, src, **kw)

    def cite(self, src) -> dict:
        """A bare reference to sources (no number)."""
        return {"cite": sorted(set(src))}
