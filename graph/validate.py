"""SHACL validation of the KG: SHACL Core compiled to SPARQL, or pySHACL.

The default engine, ``"sparql"``, compiles the SHACL Core constraints of the
shapes (``ontology/shapes/*.ttl``) into SPARQL queries, one per constraint,
and runs them on the KG (Oxigraph locally or an endpoint). Each query
returns the focus nodes (and value nodes) that break its constraint. Nested
shapes (``sh:node``, ``sh:not``, ``sh:or``, ``sh:and``, qualified value
shapes) become sub-queries that list the nodes violating the nested shape;
"does not have" is written with ``MINUS``, never ``FILTER NOT EXISTS``
(pathological in Oxigraph). Class targets and ``sh:class`` follow
``rdfs:subClassOf*`` in the ontology graph.

The ``"pyshacl"`` engine copies the KG into an rdflib graph and runs pySHACL
(slow on large graphs, but the reference implementation). Both return the
same report vocabulary, so :func:`violations` reads either.

``conforms`` is False when there is at least one result of severity
``sh:Violation``; warnings and infos are reported but do not break
conformance (pySHACL's ``allow_warnings=True``).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH

from .errors import InputError, QueryError
from .resources import ontology_dir

__all__ = [
    "validate",
    "violations",
    "load_shapes",
    "compile_shapes",
    "CompiledConstraint",
    "SUPPORTED",
]

_SUBCLASS = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>/<http://www.w3.org/2000/01/rdf-schema#subClassOf>*"
_SKOS_PREF = "http://www.w3.org/2004/02/skos/core#prefLabel"

#: SHACL Core parameters the SPARQL compiler understands. Shapes using other
#: ``sh:`` parameters are refused (InputError) rather than silently ignored.
SUPPORTED = {
    "targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf", "property", "path",
    "minCount", "maxCount", "datatype", "class", "in", "nodeKind", "minInclusive",
    "maxInclusive", "minExclusive", "maxExclusive", "minLength", "maxLength", "pattern",
    "flags", "node", "not", "or", "and", "hasValue", "languageIn", "uniqueLang",
    "qualifiedValueShape", "qualifiedMinCount", "qualifiedMaxCount", "lessThan",
    "lessThanOrEquals", "equals", "disjoint", "message", "severity", "name", "description",
    "deactivated", "order", "group", "defaultValue", "qualifiedValueShapesDisjoint",
}


def load_shapes(paths=None) -> Graph:
    """The shapes graph: ``ontology/shapes/*.ttl`` or the given files."""
    if paths is None:
        folder = ontology_dir() / "shapes"
        paths = sorted(folder.glob("*.ttl")) if folder.is_dir() else []
    g = Graph()
    for path in paths:
        try:
            g.parse(str(path), format="turtle")
        except Exception as exc:  # rdflib raises several parser exception types
            raise InputError(f"broken shapes Turtle: {' '.join(str(exc).split())}",
                             file=path) from None
    return g


@dataclass
class CompiledConstraint:
    """One SHACL constraint compiled to a SPARQL SELECT of ``?focus`` (and ``?value``)."""

    shape: object
    component: URIRef
    severity: URIRef
    message: str | None
    path: object
    query: str
    has_value: bool


def _term(node) -> str:
    """SPARQL text of an rdflib term, serialised (escaped) by pyoxigraph."""
    if isinstance(node, URIRef):
        return str(ox.NamedNode(str(node)))
    if isinstance(node, Literal):
        if node.language:
            return str(ox.Literal(str(node), language=node.language))
        if node.datatype:
            return str(ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype))))
        return str(ox.Literal(str(node)))
    raise InputError(f"blank node {node} cannot be a constant in a shape")


class _Compiler:
    def __init__(self, shapes: Graph):
        self.g = shapes
        self.counter = itertools.count(1)
        self.stack: list = []

    def var(self, stem="v") -> str:
        return f"?{stem}{next(self.counter)}"

    def one(self, node, pred):
        return self.g.value(node, SH[pred])

    def list(self, node) -> list:
        return list(Collection(self.g, node))

    # -- paths -------------------------------------------------------------
    def path(self, node) -> str:
        if isinstance(node, URIRef):
            return _term(node)
        g = self.g
        if (node, RDF.first, None) in g:
            return "(" + "/".join(self.path(p) for p in self.list(node)) + ")"
        alt = g.value(node, SH.alternativePath)
        if alt is not None:
            return "(" + "|".join(self.path(p) for p in self.list(alt)) + ")"
        for pred, op in ((SH.inversePath, "^"), ):
            inner = g.value(node, pred)
            if inner is not None:
                return op + self.path(inner)
        for pred, op in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"),
                         (SH.zeroOrOnePath, "?")):
            inner = g.value(node, pred)
            if inner is not None:
                return "(" + self.path(inner) + ")" + op
        raise InputError(f"unsupported SHACL path {node}")

    # -- constraints ---------------------------------------------------------
    def check_supported(self, shape) -> None:
        for p in set(self.g.predicates(shape, None)):
            if str(p).startswith(str(SH)) and str(p)[len(str(SH)):] not in SUPPORTED:
                raise InputError(f"shape {shape} uses {p}, which the SPARQL engine does not "
                                 "support; use --engine pyshacl")

    def constraints(self, shape, f: str, domain: str):
        """``[(shape, component, pattern, value_var)]`` of the constraints of ``shape``
        applied to the nodes ``f`` of ``domain``; each pattern lists violators."""
        self.check_supported(shape)
        if self.one(shape, "deactivated") == Literal(True):
            return []
        out = []
        path = self.one(shape, "path")
        if path is not None:
            out += self._property(shape, self.path(path), f, domain)
        else:
            out += [(shape, comp, pat, f) for comp, pat in self._node_level(shape, f, domain)]
        for ps in self.g.objects(shape, SH.property):
            out += self.constraints(ps, f, domain)
        return out

    def violators(self, shape, x: str, domain: str) -> str:
        """A sub-query listing the nodes ``x`` of ``domain`` that violate ``shape``."""
        if shape in self.stack:
            raise InputError(f"shape {shape} refers to itself (recursive shapes are not "
                             "part of SHACL Core); use --engine pyshacl")
        self.stack.append(shape)
        try:
            parts = [pat for _s, _c, pat, _v in self.constraints(shape, x, domain)]
        finally:
            self.stack.pop()
        if not parts:
            return f"{{ SELECT DISTINCT {x} WHERE {{ {domain} }} LIMIT 0 }}"
        union = " UNION ".join(f"{{ {p} }}" for p in parts)
        return f"{{ SELECT DISTINCT {x} WHERE {{ {union} }} }}"

    def _node_level(self, shape, x: str, domain: str):
        """Value-node constraints of ``shape`` on the nodes ``x`` of ``domain``."""
        g, out = self.g, []
        for cls in g.objects(shape, SH["class"]):
            out.append((SH.ClassConstraintComponent,
                        f"{domain} MINUS {{ {x} {_SUBCLASS} {_term(cls)} }}"))
        for dt in g.objects(shape, SH.datatype):
            out.append((SH.DatatypeConstraintComponent,
                        f"{domain} FILTER(!isLiteral({x}) || DATATYPE({x}) != {_term(dt)})"))
        for kind in g.objects(shape, SH.nodeKind):
            test = {
                SH.IRI: f"!isIRI({x})", SH.Literal: f"!isLiteral({x})",
                SH.BlankNode: f"!isBlank({x})", SH.BlankNodeOrIRI: f"isLiteral({x})",
                SH.IRIOrLiteral: f"isBlank({x})", SH.BlankNodeOrLiteral: f"isIRI({x})",
            }[kind]
            out.append((SH.NodeKindConstraintComponent, f"{domain} FILTER({test})"))
        for lst in g.objects(shape, SH["in"]):
            members = self.list(lst)
            test = " || ".join(f"sameTerm({x}, {_term(m)})" for m in members) or "false"
            out.append((SH.InConstraintComponent, f"{domain} FILTER(!({test}))"))
        for pattern in g.objects(shape, SH.pattern):
            flags = self.one(shape, "flags")
            args = _term(Literal(str(pattern))) + (f", {_term(Literal(str(flags)))}" if flags else "")
            out.append((SH.PatternConstraintComponent,
                        f"{domain} FILTER(isBlank({x}) || !REGEX(STR({x}), {args}))"))
        for lst in g.objects(shape, SH.languageIn):
            langs = " || ".join(f'LANGMATCHES(LANG({x}), {_term(Literal(str(t)))})'
                                for t in self.list(lst)) or "false"
            out.append((SH.LanguageInConstraintComponent,
                        f"{domain} FILTER(!isLiteral({x}) || !({langs}))"))
        for name, op in (("minInclusive", ">="), ("maxInclusive", "<="),
                         ("minExclusive", ">"), ("maxExclusive", "<")):
            for bound in g.objects(shape, SH[name]):
                comp = SH[name[0].upper() + name[1:] + "ConstraintComponent"]
                out.append((comp, f"{domain} FILTER(!COALESCE({x} {op} {_term(bound)}, false))"))
        for name, op in (("minLength", "<"), ("maxLength", ">")):
            for bound in g.objects(shape, SH[name]):
                comp = SH[name[0].upper() + name[1:] + "ConstraintComponent"]
                out.append((comp, f"{domain} FILTER(isBlank({x}) || "
                                  f"STRLEN(STR({x})) {op} {int(bound)})"))
        for value in g.objects(shape, SH.hasValue):
            if self.one(shape, "path") is None:
                out.append((SH.HasValueConstraintComponent,
                            f"{domain} FILTER(!sameTerm({x}, {_term(value)}))"))
        for inner in g.objects(shape, SH.node):
            out.append((SH.NodeConstraintComponent,
                        f"{domain} {self.violators(inner, x, domain)}"))
        for inner in g.objects(shape, SH["not"]):
            out.append((SH.NotConstraintComponent,
                        f"{domain} MINUS {self.violators(inner, x, domain)}"))
        for lst in g.objects(shape, SH["or"]):
            subs = " ".join(self.violators(m, x, domain) for m in self.list(lst))
            out.append((SH.OrConstraintComponent, f"{domain} {subs}"))
        for lst in g.objects(shape, SH["and"]):
            subs = " UNION ".join(self.violators(m, x, domain) for m in self.list(lst))
            out.append((SH.AndConstraintComponent, f"{domain} {{ {subs} }}"))
        return out

    def _property(self, shape, p: str, f: str, domain: str):
        g, out = self.g, []
        v = self.var("value")
        values = f"{domain} {f} {p} {v} ."
        for n in g.objects(shape, SH.minCount):
            n = int(n)
            if n == 1:
                pat = f"{domain} MINUS {{ {f} {p} {self.var('any')} }}"
            elif n > 1:
                pat = (f"{{ SELECT {f} WHERE {{ {domain} OPTIONAL {{ {f} {p} {v} }} }} "
                       f"GROUP BY {f} HAVING (COUNT(DISTINCT {v}) < {n}) }}")
            else:
                continue
            out.append((shape, SH.MinCountConstraintComponent, pat, None))
        for n in g.objects(shape, SH.maxCount):
            pat = (f"{{ SELECT {f} WHERE {{ {values} }} "
                   f"GROUP BY {f} HAVING (COUNT(DISTINCT {v}) > {int(n)}) }}")
            out.append((shape, SH.MaxCountConstraintComponent, pat, None))
        for value in g.objects(shape, SH.hasValue):
            pat = f"{domain} MINUS {{ {f} {p} {_term(value)} }}"
            out.append((shape, SH.HasValueConstraintComponent, pat, None))
        if self.one(shape, "uniqueLang") == Literal(True):
            pat = (f"{{ SELECT {f} WHERE {{ {values} FILTER(LANG({v}) != \"\") }} "
                   f"GROUP BY {f} (LANG({v}) AS {self.var('lang')}) "
                   f"HAVING (COUNT(DISTINCT {v}) > 1) }}")
            out.append((shape, SH.UniqueLangConstraintComponent, pat, None))
        qvs = self.one(shape, "qualifiedValueShape")
        if qvs is not None:
            a = self.var("any")
            inner = self.violators(qvs, v, f"{a} {p} {v} .")
            conforming = f"{f} {p} {v} MINUS {inner}"
            lo, hi = self.one(shape, "qualifiedMinCount"), self.one(shape, "qualifiedMaxCount")
            if lo is not None:
                pat = (f"{{ SELECT {f} WHERE {{ {domain} OPTIONAL {{ {conforming} }} }} "
                       f"GROUP BY {f} HAVING (COUNT(DISTINCT {v}) < {int(lo)}) }}")
                out.append((shape, SH.QualifiedMinCountConstraintComponent, pat, None))
            if hi is not None:
                pat = (f"{{ SELECT {f} WHERE {{ {domain} {conforming} }} "
                       f"GROUP BY {f} HAVING (COUNT(DISTINCT {v}) > {int(hi)}) }}")
                out.append((shape, SH.QualifiedMaxCountConstraintComponent, pat, None))
        for name, test in (("lessThan", "{v} < {w}"), ("lessThanOrEquals", "{v} <= {w}")):
            for other in g.objects(shape, SH[name]):
                w = self.var("other")
                cond = test.format(v=v, w=w)
                pat = f"{values} {f} {_term(other)} {w} . FILTER(!COALESCE({cond}, false))"
                comp = SH[name[0].upper() + name[1:] + "ConstraintComponent"]
                out.append((shape, comp, pat, v))
        for other in g.objects(shape, SH.equals):
            w = self.var("other")
            pat = (f"{{ {values} MINUS {{ {f} {_term(other)} {v} }} }} UNION "
                   f"{{ {domain} {f} {_term(other)} {v} . MINUS {{ {f} {p} {v} }} }}")
            out.append((shape, SH.EqualsConstraintComponent, pat, v))
        for other in g.objects(shape, SH.disjoint):
            pat = f"{values} {f} {_term(other)} {v} ."
            out.append((shape, SH.DisjointConstraintComponent, pat, v))
        # value-node constraints apply to every value of the path
        out += [(shape, comp, pat, v) for comp, pat in self._node_level(shape, v, values)]
        return out


def _targets(g: Graph, shape, f: str) -> str | None:
    parts = []
    for cls in g.objects(shape, SH.targetClass):
        parts.append(f"{f} {_SUBCLASS} {_term(cls)} .")
    nodes = list(g.objects(shape, SH.targetNode))
    if nodes:
        parts.append(f"VALUES {f} {{ {' '.join(_term(n) for n in nodes)} }}")
    for p in g.objects(shape, SH.targetSubjectsOf):
        parts.append(f"{f} {_term(p)} [] .")
    for p in g.objects(shape, SH.targetObjectsOf):
        parts.append(f"[] {_term(p)} {f} .")
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    return " UNION ".join(f"{{ {p} }}" for p in parts)


def compile_shapes(shapes: Graph) -> list:
    """Compile every targeted shape to :class:`CompiledConstraint` queries.

    Examples
    --------
    >>> g = Graph().parse(format="turtle", data='''
    ... @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://e/> .
    ... ex:S a sh:NodeShape ; sh:targetClass ex:C ;
    ...   sh:property [ sh:path ex:p ; sh:minCount 1 ] .''')
    >>> [c.component.split("#")[1] for c in compile_shapes(g)]
    ['MinCountConstraintComponent']
    """
    compiler = _Compiler(shapes)
    shapes_with_targets = sorted(
        {s for p in (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
         for s in shapes.subjects(p, None)}, key=str)
    out = []
    for shape in shapes_with_targets:
        domain = _targets(shapes, shape, "?focus")
        if compiler.one(shape, "path") is not None:  # a property shape with its own target
            domain = "{ " + domain + " }"
        for src, comp, pattern, value in compiler.constraints(shape, "?focus", "{ " + domain + " }"):
            select = "?focus" + (f" ({value} AS ?value)" if value and value != "?focus" else
                                 " (?focus AS ?value)" if value == "?focus" else "")
            query = f"SELECT DISTINCT {select} WHERE {{ {pattern} }}"
            out.append(CompiledConstraint(
                shape=src, component=comp,
                severity=shapes.value(src, SH.severity) or SH.Violation,
                message=_message(shapes, src),
                path=shapes.value(src, SH.path), query=query, has_value=value is not None,
            ))
    return out


def _message(g: Graph, shape) -> str | None:
    messages = list(g.objects(shape, SH.message))
    for m in messages:
        if getattr(m, "language", None) in ("en", None):
            return str(m)
    return str(messages[0]) if messages else None


def _to_rdflib(term):
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def _sparql_report(kg, shapes: Graph) -> Graph:
    report = Graph()
    node = BNode()
    report.add((node, RDF.type, SH.ValidationReport))
    violation = False
    for c in compile_shapes(shapes):
        columns, rows = kg.select(c.query, name=f"shape {c.shape}")
        for row in rows:
            focus = _to_rdflib(row[0])
            value = _to_rdflib(row[1]) if len(row) > 1 else None
            r = BNode()
            report.add((node, SH.result, r))
            report.add((r, RDF.type, SH.ValidationResult))
            report.add((r, SH.focusNode, focus))
            if c.path is not None:
                report.add((r, SH.resultPath, _copy_path(shapes, c.path, report)))
            if value is not None:
                report.add((r, SH.value, value))
            report.add((r, SH.resultSeverity, c.severity))
            report.add((r, SH.sourceShape, c.shape))
            report.add((r, SH.sourceConstraintComponent, c.component))
            if c.message:
                report.add((r, SH.resultMessage, Literal(c.message)))
            violation = violation or c.severity == SH.Violation
    report.add((node, SH.conforms, Literal(not violation)))
    return report


def _copy_path(shapes: Graph, path, report: Graph):
    if isinstance(path, URIRef):
        return path
    for t in shapes.triples((path, None, None)):
        report.add(t)
        if isinstance(t[2], BNode):
            _copy_path(shapes, t[2], report)
    return path


def _rdflib_copy(kg) -> Graph:
    triples = kg.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", name="copy for pySHACL")
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    g = Graph()
    g.parse(data=data.decode("utf-8"), format="nt")
    return g


def _pyshacl_report(kg, shapes: Graph) -> Graph:
    import pyshacl

    conforms, report, _text = pyshacl.validate(
        _rdflib_copy(kg), shacl_graph=shapes, inference="none", allow_warnings=True,
        advanced=False, meta_shacl=False)
    return report


def _report_text(rows, conforms) -> str:
    lines = [f"Validation Report\nConforms: {conforms}\nResults ({len(rows)}):"]
    for r in rows:
        lines.append(
            f"{r['severity']}: {r['message'] or r['component']}\n"
            f"  focus: {r['focus']}" + (f" ({r['label']})" if r["label"] else "") +
            (f"\n  path: {r['path']}" if r["path"] else "") +
            (f"\n  value: {r['value']}" if r["value"] is not None else "") +
            f"\n  shape: {r['shape']}"
        )
    return "\n".join(lines) + "\n"


_SEVERITY = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}


def _rows(report: Graph) -> list:
    rows = []
    for r in report.objects(None, SH.result):
        path = report.value(r, SH.resultPath)
        if isinstance(path, BNode):
            alt = report.value(path, SH.alternativePath)
            path = "|".join(str(p) for p in Collection(report, alt)) if alt is not None else str(path)
        value = report.value(r, SH.value)
        rows.append({
            "severity": _SEVERITY.get(report.value(r, SH.resultSeverity), "Violation"),
            "focus": str(report.value(r, SH.focusNode)),
            "label": None,
            "path": None if path is None else str(path),
            "value": None if value is None else str(value),
            "message": (str(report.value(r, SH.resultMessage))
                        if report.value(r, SH.resultMessage) is not None else None),
            "shape": str(report.value(r, SH.sourceShape)),
            "component": str(report.value(r, SH.sourceConstraintComponent)).rsplit("#", 1)[-1],
        })
    order = {"Violation": 0, "Warning": 1, "Info": 2}
    rows.sort(key=lambda r: (order[r["severity"]], r["shape"], r["focus"], r["path"] or "",
                             r["value"] or "", r["component"]))
    return rows


def _add_labels(kg, rows) -> None:
    if not rows:
        return
    labels = {}
    query = f"""SELECT ?x ?label WHERE {{ ?x <{_SKOS_PREF}> ?label
                FILTER(LANGMATCHES(LANG(?label), "en")) }}"""
    for row in kg.query(query, name="labels"):
        labels.setdefault(row["x"], row["label"])
    for r in rows:
        r["label"] = labels.get(r["focus"])


def _run(kg, engine, shapes):
    from .kg import as_kg

    kg = as_kg(kg)
    shapes_graph = shapes if isinstance(shapes, Graph) else load_shapes(shapes)
    if engine == "sparql":
        report = _sparql_report(kg, shapes_graph)
    elif engine == "pyshacl":
        report = _pyshacl_report(kg, shapes_graph)
    else:
        raise QueryError(f"unknown validation engine {engine!r}; use 'sparql' or 'pyshacl'")
    rows = _rows(report)
    _add_labels(kg, rows)
    conforms = not any(r["severity"] == "Violation" for r in rows)
    return conforms, report, rows


def validate(kg, engine: str = "sparql", *, shapes=None):
    """Validate the KG against the SHACL shapes.

    Parameters
    ----------
    kg : ssbkg.kg.KG
    engine : {"sparql", "pyshacl"}
        ``sparql`` (default) compiles the shapes to SPARQL and runs them on
        the KG; ``pyshacl`` runs pySHACL on an rdflib copy.
    shapes : rdflib.Graph or list of paths, optional
        Default: ``ontology/shapes/*.ttl``.

    Returns
    -------
    conforms : bool
        No result of severity ``sh:Violation``.
    report_graph : rdflib.Graph
        A SHACL validation report.
    report_text : str

    Examples
    --------
    >>> from ssbkg.kg import KG
    >>> store = ox.Store()
    >>> store.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode(str(RDF.type)),
    ...                   ox.NamedNode("http://e/C"), ox.NamedNode("http://e/g")))
    >>> shapes = Graph().parse(format="turtle", data='''
    ... @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://e/> .
    ... ex:S a sh:NodeShape ; sh:targetClass ex:C ;
    ...   sh:property [ sh:path ex:name ; sh:minCount 1 ; sh:message "needs a name" ] .''')
    >>> conforms, report, text = validate(KG(store), shapes=shapes)
    >>> conforms, [r["message"] for r in violations(KG(store), shapes=shapes)]
    (False, ['needs a name'])
    """
    conforms, report, rows = _run(kg, engine, shapes)
    return conforms, report, _report_text(rows, conforms)


def violations(kg, engine: str = "sparql", *, shapes=None, report=None) -> list:
    """Validation results as rows, violations first.

    Each row has ``severity`` (Violation, Warning or Info), ``focus`` (IRI),
    ``label`` (its English prefLabel or None), ``path``, ``value``,
    ``message``, ``shape`` and ``component`` (the SHACL constraint
    component's local name). Pass ``report`` (a report graph from
    :func:`validate`) to read it instead of validating again.
    """
    if report is not None:
        from .kg import as_kg

        kg = as_kg(kg)
        rows = _rows(report)
        _add_labels(kg, rows)
        return rows
    return _run(kg, engine, shapes)[2]
