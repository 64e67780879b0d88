"""The project vocabulary as plain Python values, derived from ontology/.

One source for every term: the Turtle modules in ``ontology/`` declare the
classes, properties, concept schemes and shapes; :mod:`ssbkg._terms` is
generated from them by ``python -m ssbkg.vocab`` (a test fails when it is not
current), and the tables' allowed values, the value chain, the class of each
table value and the closed namespace :class:`ssbkg.namespace.SSB` all read it.
A new concept is one edit in ontology/ plus a regeneration.

This module imports no RDF library, so the command line starts fast.

Examples
--------
>>> ssb("seg_cathode")
'https://w3id.org/ssbkg/ontology#seg_cathode'
>>> VALUE_CHAIN["midstream"]
('cells', 'packs')
>>> "sulfide" in CONCEPTS["route"]
True
>>> ssb("seg_cathod")
Traceback (most recent call last):
...
AttributeError: 'seg_cathod' is not a term of the ssb: ontology (ontology/*.ttl)
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from . import _terms

__all__ = [
    "SSB_IRI", "PREFIXES", "TERMS", "SCHEMES", "CONCEPTS", "CONCEPT_PREFIX", "VALUE_CHAIN",
    "CLASS_VALUES", "UNITS", "CURRENCIES", "ssb", "generate",
]

SSB_IRI = "https://w3id.org/ssbkg/ontology#"

#: prefix -> namespace IRI, used by the named queries and every export.
PREFIXES: dict[str, str] = {
    "ssb": SSB_IRI,
    "ssbd": "https://w3id.org/ssbkg/id/",
    "ssbsyn": "https://w3id.org/ssbkg/synthetic/",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "schema": "https://schema.org/",
    "dcterms": "http://purl.org/dc/terms/",
    "qudt": "http://qudt.org/schema/qudt/",
    "unit": "http://qudt.org/vocab/unit/",
    "cur": "http://qudt.org/vocab/currency/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "sh": "http://www.w3.org/ns/shacl#",
}

#: Every local name the ontology and its shapes declare in the ``ssb:`` namespace.
TERMS: frozenset = frozenset(_terms.TERMS)

#: Concept scheme local name -> the notations (table values) of its concepts, in
#: the order the Turtle files give them.
SCHEMES: dict[str, tuple] = dict(_terms.SCHEMES)

#: Table column kind -> concept scheme (docs/design.md, "Concept schemes").
_COLUMN_SCHEME = {
    "segment": "ValueChainSegments", "stage": "ValueChainStages", "route": "TechnologyRoutes",
    "status": "ProjectStatuses", "collab": "CollaborationKinds", "qual": "Qualifiers",
    "kind": "ObservationKinds", "level": "PlatformLevels", "reliability": "Reliabilities",
    "sourcekind": "SourceKinds", "policykind": "PolicyKinds", "indicator": "Indicators",
    "sitekind": "SiteKinds",
}

#: Table column kind -> prefix of its concepts' local names (``seg_cathode``).
CONCEPT_PREFIX: dict[str, str] = dict(_terms.CONCEPT_PREFIX)

#: Table column kind -> class local name per table value, for the columns whose
#: values name a class (an organisation's ``type``, a region's ``level``, ...):
#: read from the ``skos:notation`` of the subclasses of each root class.
CLASS_VALUES: dict[str, dict] = {k: dict(v) for k, v in dict(_terms.CLASS_VALUES).items()}

#: Table column kind -> allowed values (concept notations and class values).
CONCEPTS: dict[str, frozenset] = {
    **{kind: frozenset(SCHEMES.get(scheme, ())) for kind, scheme in _COLUMN_SCHEME.items()},
    **{kind: frozenset(values) for kind, values in CLASS_VALUES.items()},
}

#: Value-chain stage -> its segments, in ontology order (``skos:broader``).
VALUE_CHAIN: dict[str, tuple] = dict(_terms.VALUE_CHAIN)

#: QUDT unit local names the data may use (``unit:<name>``). Not ontology terms:
#: the list grows as the data needs.
UNITS: frozenset = frozenset({
    "TONNE", "KiloGM", "GM", "M", "M2", "KiloM", "PERCENT", "NUM", "YR", "MO", "DAY", "W", "KiloW",
    "MegaW", "GigaW", "V", "GigaW-HR", "MegaW-HR", "KiloW-HR", "W-HR", "W-HR-PER-KiloGM",
    "W-HR-PER-L", "A-HR", "MilliA-HR",
})

#: ISO 4217 currencies the data may use (``cur:<code>``).
CURRENCIES: frozenset = frozenset({"CNY", "USD", "EUR", "JPY", "KRW", "GBP", "TWD"})


def ssb(name: str) -> str:
    """The IRI of a declared ``ssb:`` term; a misspelt name fails at once."""
    if name not in TERMS:
        raise AttributeError(f"{name!r} is not a term of the ssb: ontology (ontology/*.ttl)")
    return SSB_IRI + name


# -- generation (development only; needs rdflib) ----------------------------------

_CLASS_ROOTS = {  # column kind -> root class whose subclasses' notations are its values
    "orgtype": "Organisation", "platformtype": "InnovationPlatform",
    "regionlevel": "Region", "projectkind": "Project",
}


def generate(ontology=None) -> str:
    """The text of ``graph/_terms.py`` for the Turtle files under ``ontology``."""
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import RDFS, SKOS

    from .resources import ontology_dir

    folder = Path(ontology) if ontology is not None else ontology_dir()
    files = sorted(folder.rglob("*.ttl"))
    g = Graph()
    order: dict[str, int] = {}
    for i, path in enumerate(files):
        text = path.read_text(encoding="utf-8")
        g.parse(data=text, format="turtle")
        for m in re.finditer(r"^ssb:(\w+)\s", text, re.M):
            order.setdefault(m.group(1), i * 1_000_000 + m.start())
    ns = SSB_IRI

    def local(node) -> str | None:
        s = str(node)
        return s[len(ns):] if isinstance(node, URIRef) and s.startswith(ns) else None

    terms = sorted({n for s in g.subjects() if (n := local(s))})
    schemes: dict[str, list] = {}
    prefixes: dict[str, str] = {}
    for concept, scheme in g.subject_objects(SKOS.inScheme):
        c, sch = local(concept), local(scheme)
        if c is None or sch is None:
            continue
        notation = g.value(concept, SKOS.notation)
        value = str(notation) if isinstance(notation, Literal) else c.split("_", 1)[1]
        schemes.setdefault(sch, []).append((order.get(c, 0), value))
        prefixes.setdefault(sch, c.split("_", 1)[0])
    kinds = {kind: sch for kind, sch in _COLUMN_SCHEME.items()}
    concept_prefix = {kind: prefixes[sch] for kind, sch in kinds.items() if sch in prefixes}
    scheme_values = {sch: tuple(v for _, v in sorted(vals)) for sch, vals in sorted(schemes.items())}
    chain: dict[str, list] = {}
    seg_prefix, stage_prefix = concept_prefix["segment"], concept_prefix["stage"]
    for concept, broader in g.subject_objects(SKOS.broader):
        c, b = local(concept), local(broader)
        if c and b and c.startswith(seg_prefix + "_") and b.startswith(stage_prefix + "_"):
            chain.setdefault(b, []).append((order.get(c, 0), str(g.value(concept, SKOS.notation))))
    stages = sorted(chain, key=lambda s: order.get(s, 0))
    value_chain = {str(g.value(URIRef(ns + s), SKOS.notation)): tuple(v for _, v in sorted(chain[s]))
                   for s in stages}
    class_values = {}
    for kind, root in _CLASS_ROOTS.items():
        found = []
        for cls in g.transitive_subjects(RDFS.subClassOf, URIRef(ns + root)):
            c = local(cls)
            for notation in g.objects(cls, SKOS.notation):
                found.append((str(notation), c))
        class_values[kind] = tuple(sorted(found))
    out = [
        '"""Generated by ``python -m ssbkg.vocab`` from ontology/*.ttl: do not edit."""',
        "",
        f"TERMS = {tuple(terms)!r}",
        "",
        f"SCHEMES = {tuple(scheme_values.items())!r}",
        "",
        f"CONCEPT_PREFIX = {tuple(sorted(concept_prefix.items()))!r}",
        "",
        f"VALUE_CHAIN = {tuple(value_chain.items())!r}",
        "",
        f"CLASS_VALUES = {tuple(class_values.items())!r}",
        "",
    ]
    return _wrap("\n".join(out))


def _wrap(text: str) -> str:
    """Break the long tuple lines of the generated module at commas (stable)."""
    lines = []
    for line in text.splitlines():
        while len(line) > 96:
            cut = line.rfind(", ", 0, 96)
            if cut < 0:
                break
            lines.append(line[:cut + 1])
            line = "    " + line[cut + 2:]
        lines.append(line)
    return "\n".join(lines) + "\n"


def _main(argv=None) -> int:  # pragma: no cover - a development command
    target = Path(__file__).with_name("_terms.py")
    text = generate()
    if target.read_text(encoding="utf-8") == text:
        print(f"{target}: current")
    else:
        target.write_text(text, encoding="utf-8")
        print(f"{target}: regenerated")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(_main())
