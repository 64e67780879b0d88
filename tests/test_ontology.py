"""The ontology modules, the SHACL shapes and the closed namespace agree with docs/design.md.

Expected ids, classes and hierarchy below are copied by hand from docs/design.md
(sections "Classes", "Properties", "Concept schemes"), not read from the ontology.
The SHACL tests validate small hand-written graphs: one that keeps every rule,
and one mutation per mandatory rule whose expected firing shape is worked out
by hand beside it.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pyshacl
import pytest
import rdflib
from rdflib import OWL, RDF, RDFS, SKOS, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, SH

from ssbkg.namespace import SSB

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology"
MODULES = sorted(ONTOLOGY.glob("*.ttl"))
SHAPE_FILES = sorted((ONTOLOGY / "shapes").glob("*.ttl"))
NS = "https://w3id.org/ssbkg/ontology#"
TOP = URIRef("https://w3id.org/ssbkg/ontology")
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
QUDT = Namespace("http://qudt.org/schema/qudt/")
VANN = Namespace("http://purl.org/vocab/vann/")
SHACL_SHACL = Path(pyshacl.__file__).parent / "assets" / "shacl-shacl.ttl"


def _parse(paths):
    g = rdflib.Graph()
    for p in paths:
        g.parse(p, format="turtle")
    return g


@pytest.fixture(scope="module")
def onto():
    return _parse(MODULES)


@pytest.fixture(scope="module")
def shapes():
    return _parse(SHAPE_FILES)


def _ours(term):
    return isinstance(term, URIRef) and str(term).startswith(NS)


def _local(term):
    return str(term)[len(NS):]


# --------------------------------------------------------------------------
# Parsing and imports
# --------------------------------------------------------------------------

def test_the_expected_modules_exist():
    names = {p.name for p in MODULES}
    assert {"ssbkg.ttl", "core.ttl", "segments.ttl", "routes.ttl", "schemes.ttl"} <= names
    assert {p.name for p in SHAPE_FILES} >= {"core-shapes.ttl", "recommended-shapes.ttl"}


@pytest.mark.parametrize("path", MODULES + SHAPE_FILES, ids=lambda p: p.name)
def test_module_parses_with_rdflib_and_pyoxigraph(path):
    g = rdflib.Graph().parse(path, format="turtle")
    store = pyoxigraph.Store()
    store.load(path=str(path), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(g) > 0
    # Both parsers see the same number of triples (no blank-node merging differences).
    assert len(store) == len(g)


@pytest.mark.parametrize("path", MODULES + SHAPE_FILES, ids=lambda p: p.name)
def test_module_has_one_ontology_header(path):
    g = rdflib.Graph().parse(path, format="turtle")
    heads = list(g.subjects(RDF.type, OWL.Ontology))
    assert len(heads) == 1, f"{path.name}: {heads}"
    h = heads[0]
    assert str(h).startswith("https://w3id.org/ssbkg/ontology")
    assert g.value(h, OWL.versionInfo) == Literal("0.1.0")
    assert g.value(h, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert g.value(h, DCTERMS.title) is not None
    assert g.value(h, DCTERMS.description) is not None
    assert g.value(h, DCTERMS.creator) is not None
    assert g.value(h, DCTERMS.created) is not None
    assert g.value(h, DCTERMS.modified) is not None
    assert g.value(h, VANN.preferredNamespacePrefix) == Literal("ssb")
    assert g.value(h, VANN.preferredNamespaceUri) == Literal(NS)


def test_imports_resolve_to_files_in_ontology():
    declared = {}
    imports = []
    for path in MODULES + SHAPE_FILES:
        g = rdflib.Graph().parse(path, format="turtle")
        for h in g.subjects(RDF.type, OWL.Ontology):
            assert h not in declared, f"{h} declared by {declared.get(h)} and {path.name}"
            declared[h] = path.name
            imports += [(path.name, o) for o in g.objects(h, OWL.imports)]
    assert imports, "no module imports another"
    for name, target in imports:
        assert str(target).startswith("https://w3id.org/ssbkg/"), f"{name} imports {target}"
        assert target in declared, f"{name} imports {target}, which no file in ontology/ declares"
    # The top module imports every other ontology module (shapes stay apart).
    top_imports = {o for n, o in imports if n == "ssbkg.ttl"}
    others = {h for h, n in declared.items() if n != "ssbkg.ttl" and "/shapes/" not in str(h)}
    assert len(others) >= 4
    assert others <= top_imports, f"not imported by ssbkg.ttl: {others - top_imports}"
    assert declared[TOP] == "ssbkg.ttl"


def test_no_external_imports(onto):
    # EMMO, ORG, PROV ... are referenced, never imported (docs/ontology.md).
    for o in onto.objects(None, OWL.imports):
        assert str(o).startswith("https://w3id.org/ssbkg/")


# --------------------------------------------------------------------------
# Classes and properties
# --------------------------------------------------------------------------

# docs/design.md, "Classes (ssb:)": class -> superclasses named there.
DESIGN_CLASSES = {
    "Region": {SCHEMA.Place},
    "World": {SSB.Region}, "MacroRegion": {SSB.Region}, "Country": {SSB.Region},
    "Province": {SSB.Region}, "City": {SSB.Region}, "County": {SSB.Region},
    "District": {SSB.Region},
    "IndustrialPark": {SSB.Region, SSB.InnovationPlatform},
    "Organisation": {ORG.FormalOrganization},
    "Enterprise": {SSB.Organisation, SCHEMA.Corporation},
    "ResearchInstitution": {SSB.Organisation},
    "University": {SSB.ResearchInstitution}, "ResearchInstitute": {SSB.ResearchInstitution},
    "GovernmentBody": {SSB.Organisation, SCHEMA.GovernmentOrganization},
    # issue 9: forecasters such as GGII and EVTank are research and consulting firms
    "ResearchConsultancy": {SSB.Organisation, SCHEMA.Organization},
    # issue 9: plants, production bases, R&D centres and pilot lines are W3C ORG sites
    "Site": {ORG.Site},
    # issue 9: a source's claim about a disputed fact, a reified statement
    "Claim": {RDF.Statement},
    "InnovationPlatform": {ORG.Organization},
    "KeyLaboratory": {SSB.InnovationPlatform}, "InnovationCentre": {SSB.InnovationPlatform},
    "CollaborativePlatform": {SSB.InnovationPlatform},
    "PublicServicePlatform": {SSB.InnovationPlatform},
    "Project": {PROV.Activity},
    "CellProductionProject": {SSB.Project}, "MaterialProductionProject": {SSB.Project},
    "DemonstrationProject": {SSB.Project}, "ResearchProject": {SSB.Project},
    "Collaboration": {PROV.Activity},
    "Observation": set(),
    "Policy": {PROV.Entity}, "Challenge": set(), "Recommendation": set(),
    "Source": {PROV.Entity}, "Assertion": {PROV.Entity},
    "InferredAssertion": {SSB.Assertion}, "DerivedGraph": {PROV.Entity},
}

# docs/design.md, "Properties" and "Provenance model": every ssb: property.
DESIGN_PROPERTIES = set(
    "segment route hostedBy platformLevel developer partner status party fromParty "
    "toParty collaborationKind aboutProject subject indicator upperValue qualifier "
    "observationKind statedOn refPeriod rank scope issuedBy jurisdiction policyKind "
    "concernsRegion challengeCategory manifestation consequence theme "
    "locator sourceTable sourceRow inference sourceKind reliability "
    "coversSegment coversRoute siteKind atSite".split()
)

# docs/design.md: sub-property axioms named there.
DESIGN_SUBPROPERTIES = {
    "developer": PROV.wasAssociatedWith, "partner": PROV.wasAssociatedWith,
    "fromParty": SSB.party, "toParty": SSB.party,
}


def test_classes_are_the_designs(onto):
    classes = {_local(s) for s in onto.subjects(RDF.type, OWL.Class) if _ours(s)}
    assert classes == set(DESIGN_CLASSES)


@pytest.mark.parametrize("name", sorted(DESIGN_CLASSES))
def test_class_has_the_designs_superclasses(onto, name):
    supers = set(onto.objects(SSB[name], RDFS.subClassOf))
    assert DESIGN_CLASSES[name] <= supers


def test_properties_are_the_designs(onto):
    props = {_local(s) for t in (OWL.ObjectProperty, OWL.DatatypeProperty)
             for s in onto.subjects(RDF.type, t) if _ours(s)}
    assert props == DESIGN_PROPERTIES


@pytest.mark.parametrize("name,parent", sorted(DESIGN_SUBPROPERTIES.items()))
def test_subproperties(onto, name, parent):
    assert (SSB[name], RDFS.subPropertyOf, parent) in onto


def _has_en(g, s, p):
    return any(isinstance(o, Literal) and o.language == "en" for o in g.objects(s, p))


def test_every_class_and_property_is_documented(onto):
    terms = {s for t in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
             for s in onto.subjects(RDF.type, t) if _ours(s)}
    assert len(terms) == len(DESIGN_CLASSES) + len(DESIGN_PROPERTIES)
    for s in terms:
        assert _has_en(onto, s, RDFS.label), f"{s}: no rdfs:label@en"
        assert _has_en(onto, s, SKOS.definition), f"{s}: no skos:definition@en"
        assert (s, RDFS.isDefinedBy, TOP) in onto, f"{s}: no rdfs:isDefinedBy"


def _members(g, node):
    """The classes a domain/range names: itself, or the members of its owl:unionOf."""
    union = g.value(node, OWL.unionOf)
    if union is None:
        return {node}
    return set(rdflib.collection.Collection(g, union))


# Domains and ranges from docs/design.md's table (hand-copied).
ORG_OR_PLATFORM = {SSB.Organisation, SSB.InnovationPlatform}
DESIGN_DOMAIN_RANGE = {
    "segment": ({SSB.Organisation, SSB.InnovationPlatform, SSB.Project, SSB.Site, SSB.Policy},
                {SKOS.Concept}),
    "route": ({SSB.Organisation, SSB.InnovationPlatform, SSB.Project, SSB.Site, SSB.Policy},
              {SKOS.Concept}),
    "hostedBy": ({SSB.InnovationPlatform}, {SSB.Organisation}),
    "developer": ({SSB.Project}, ORG_OR_PLATFORM),
    "partner": ({SSB.Project}, ORG_OR_PLATFORM),
    "status": ({SSB.Project, SSB.Site, SSB.Observation}, {SKOS.Concept}),
    "siteKind": ({SSB.Site}, {SKOS.Concept}),
    "atSite": ({SSB.Project}, {SSB.Site}),
    "party": ({SSB.Collaboration}, ORG_OR_PLATFORM),
    "fromParty": ({SSB.Collaboration}, ORG_OR_PLATFORM),
    "toParty": ({SSB.Collaboration}, ORG_OR_PLATFORM),
    "aboutProject": ({SSB.Collaboration}, {SSB.Project}),
    "indicator": ({SSB.Observation}, {SKOS.Concept}),
    "upperValue": ({SSB.Observation}, {rdflib.XSD.decimal}),
    "statedOn": ({SSB.Observation, SSB.Claim},
                 {rdflib.XSD.date, rdflib.XSD.gYearMonth, rdflib.XSD.gYear}),
    "rank": ({SSB.Observation}, {rdflib.XSD.integer}),
    "issuedBy": ({SSB.Policy}, {SSB.GovernmentBody, SSB.Region}),
    "jurisdiction": ({SSB.Policy}, {SSB.Region}),
    "concernsRegion": ({SSB.Challenge, SSB.Recommendation}, {SSB.Region}),
}


def test_every_property_has_domain_and_range(onto):
    for name in DESIGN_PROPERTIES:
        assert onto.value(SSB[name], RDFS.domain) is not None, name
        assert onto.value(SSB[name], RDFS.range) is not None, name


@pytest.mark.parametrize("name", sorted(DESIGN_DOMAIN_RANGE))
def test_domain_and_range_follow_the_design(onto, name):
    domain, range_ = DESIGN_DOMAIN_RANGE[name]
    assert _members(onto, onto.value(SSB[name], RDFS.domain)) == domain
    assert _members(onto, onto.value(SSB[name], RDFS.range)) == range_


# --------------------------------------------------------------------------
# Concept schemes
# --------------------------------------------------------------------------

# docs/design.md, "Concept schemes" (and the Properties table for qual_,
# kind_, level_; the Provenance model for reliability_).
DESIGN_CONCEPTS = {
    "ValueChainStages": ("stage", "upstream midstream downstream"),
    "ValueChainSegments": ("seg", "cathode anode solid_electrolyte separator_film "
                                  "lithium_salts_precursors equipment cells packs nev "
                                  "grid_storage consumer_electronics low_altitude_aircraft "
                                  "humanoid_robots datacentre_backup"),
    "TechnologyRoutes": ("route", "sulfide oxide polymer halide oxide_polymer_composite "
                                  "semi_solid in_situ_solidification all_solid_state "
                                  "lithium_metal_anode"),
    "ProjectStatuses": ("status", "planned under_construction operating completed suspended"),
    "CollaborationKinds": ("collab", "joint_development supply equity_investment joint_venture "
                                     "licensing platform_membership technology_transfer "
                                     "government_funding government_backing"),
    "Qualifiers": ("qual", "exact approximately more_than at_least up_to range"),
    "ObservationKinds": ("kind", "actual forecast target claim plan"),
    "PlatformLevels": ("level", "national provincial municipal"),
    "Reliabilities": ("reliability", "primary secondary weak"),
    "SourceKinds": ("sourcekind", "study news company government academic aggregator "
                                  "mirror synthetic"),
    "PolicyKinds": ("policykind", "strategy plan funding target regulation"),
    "SiteKinds": ("sitekind", "plant production_base rd_centre pilot_line"),
}

# docs/design.md: each segment's stage.
SEGMENT_STAGE = {
    **{s: "upstream" for s in "cathode anode solid_electrolyte separator_film "
                              "lithium_salts_precursors equipment".split()},
    "cells": "midstream", "packs": "midstream",
    **{s: "downstream" for s in "nev grid_storage consumer_electronics "
                                "low_altitude_aircraft humanoid_robots datacentre_backup".split()},
}


@pytest.mark.parametrize("scheme", sorted(DESIGN_CONCEPTS))
def test_concept_ids_equal_the_designs_lists(onto, scheme):
    prefix, ids = DESIGN_CONCEPTS[scheme]
    assert (SSB[scheme], RDF.type, SKOS.ConceptScheme) in onto
    found = {_local(c) for c in onto.subjects(SKOS.inScheme, SSB[scheme])}
    assert found == {f"{prefix}_{i}" for i in ids.split()}


def test_no_concept_outside_the_known_schemes(onto):
    known = {SSB[s] for s in DESIGN_CONCEPTS} | {URIRef(NS + "Indicators")}
    for c in onto.subjects(RDF.type, SKOS.Concept):
        schemes = set(onto.objects(c, SKOS.inScheme))
        assert schemes and schemes <= known, f"{c}: {schemes}"


@pytest.mark.parametrize("scheme", sorted(DESIGN_CONCEPTS))
def test_has_top_concept_mirrors_top_concept_of(onto, scheme):
    # Stated both ways, so queries need no inverse-property inference.
    assert set(onto.objects(SSB[scheme], SKOS.hasTopConcept)) == \
        set(onto.subjects(SKOS.topConceptOf, SSB[scheme]))
    assert set(onto.objects(SSB[scheme], SKOS.hasTopConcept))


def test_classes_have_chinese_labels(onto):
    for name in DESIGN_CLASSES:
        zh = [o for o in onto.objects(SSB[name], RDFS.label) if o.language == "zh"]
        assert len(zh) == 1, name


@pytest.mark.parametrize("segment,stage", sorted(SEGMENT_STAGE.items()))
def test_segment_is_narrower_than_its_stage(onto, segment, stage):
    assert set(onto.objects(SSB[f"seg_{segment}"], SKOS.broader)) == {SSB[f"stage_{stage}"]}


def test_every_concept_is_documented(onto):
    concepts = [c for c in onto.subjects(RDF.type, SKOS.Concept) if _ours(c)]
    assert len(concepts) >= sum(len(ids.split()) for _, ids in DESIGN_CONCEPTS.values())
    for c in concepts:
        en = [o for o in onto.objects(c, SKOS.prefLabel) if o.language == "en"]
        assert len(en) == 1, f"{c}: {en}"
        assert list(onto.objects(c, SKOS.definition)), f"{c}: no skos:definition"
        assert list(onto.objects(c, SKOS.inScheme)), f"{c}: no skos:inScheme"
        assert (list(onto.objects(c, SKOS.topConceptOf))
                or list(onto.objects(c, SKOS.broader))), f"{c}: neither top concept nor broader"


@pytest.mark.parametrize("scheme", ["ValueChainStages", "ValueChainSegments", "TechnologyRoutes"])
def test_stage_segment_and_route_concepts_have_chinese_labels(onto, scheme):
    for c in onto.subjects(SKOS.inScheme, SSB[scheme]):
        zh = [o for o in onto.objects(c, SKOS.prefLabel) if o.language == "zh"]
        assert len(zh) == 1, f"{c}: {zh}"


@pytest.mark.parametrize("scheme", sorted(DESIGN_CONCEPTS))
def test_notation_is_the_table_value(onto, scheme):
    # Table values are the part after the scheme prefix (docs/design.md).
    prefix, _ = DESIGN_CONCEPTS[scheme]
    for c in onto.subjects(SKOS.inScheme, SSB[scheme]):
        assert onto.value(c, SKOS.notation) == Literal(_local(c)[len(prefix) + 1:])


def test_every_scheme_is_documented(onto):
    for s in onto.subjects(RDF.type, SKOS.ConceptScheme):
        if _ours(s):
            assert _has_en(onto, s, SKOS.prefLabel) and _has_en(onto, s, SKOS.definition), s


EMMO = Namespace("https://w3id.org/emmo/domain/battery#")
# EMMO battery domain: SolidStateBattery and LithiumMetalBattery (IRIs from the
# emmo-repo/domain-battery class listing); no sulfide/oxide/halide classes exist.
SOLID_STATE_BATTERY = EMMO["battery_ef6a6244_fe3d_406e_8456_f72b45bb1fdf"]
LITHIUM_METAL_BATTERY = EMMO["battery_ada13509_4eed_4e40_a7b1_4cc488144154"]


def test_routes_link_to_emmo_only_by_broad_or_close_match(onto):
    links = [(s, p, o) for s, p, o in onto if str(o).startswith(str(EMMO))]
    assert links
    for s, p, o in links:
        assert p in (SKOS.broadMatch, SKOS.closeMatch), (s, p, o)
        assert o in (SOLID_STATE_BATTERY, LITHIUM_METAL_BATTERY)
    assert (SSB.route_all_solid_state, SKOS.closeMatch, SOLID_STATE_BATTERY) in onto
    assert (SSB.route_sulfide, SKOS.broadMatch, SOLID_STATE_BATTERY) in onto
    # Semi-solid cells are not solid-state batteries: no EMMO link.
    assert not [o for o in onto.objects(SSB.route_semi_solid) if str(o).startswith(str(EMMO))]


# --------------------------------------------------------------------------
# The closed namespace lists exactly the ontology's terms
# --------------------------------------------------------------------------

def test_namespace_lists_every_defined_term(onto, shapes):
    defined = {_local(s) for s in (onto + shapes).subjects(RDF.type, None) if _ours(s)}
    missing = {t for t in defined if t not in SSB}
    assert not missing, f"defined in ontology/ but not in ssbkg.namespace.SSB: {sorted(missing)}"


def test_namespace_lists_nothing_undefined(onto, shapes):
    defined = {_local(s) for s in (onto + shapes).subjects(RDF.type, None) if _ours(s)}
    listed = set(rdflib.namespace.get_annotations(SSB)) - {"_NS", "_fail"}
    extra = listed - defined
    assert not extra, f"in ssbkg.namespace.SSB but defined nowhere in ontology/: {sorted(extra)}"


def test_misspelled_term_fails():
    with pytest.raises(AttributeError):
        SSB.segmnet  # noqa: B018
    assert "Enterprise" in SSB and "Enterprize" not in SSB


# --------------------------------------------------------------------------
# SHACL shapes
# --------------------------------------------------------------------------

def test_shapes_are_valid_shacl(shapes):
    meta = rdflib.Graph().parse(SHACL_SHACL)
    conforms, _, text = pyshacl.validate(shapes, shacl_graph=meta)
    assert conforms, text


@pytest.mark.parametrize("path", SHAPE_FILES, ids=lambda p: p.name)
def test_every_shape_has_message_and_severity(path):
    g = rdflib.Graph().parse(path)
    expected = SH.Violation if path.name == "core-shapes.ttl" else SH.Warning
    named = [s for t in (SH.NodeShape, SH.PropertyShape) for s in g.subjects(RDF.type, t)]
    assert named
    for s in named:
        assert _ours(s), f"shape {s} is not named in ssb:"
        assert _has_en(g, s, SH.message), f"{s}: no sh:message@en"
        assert list(g.objects(s, SH.severity)) == [expected], f"{s}: severity"
    # Mandatory and recommended rules are kept apart: one severity per file.
    assert set(g.objects(None, SH.severity)) == {expected}


@pytest.mark.parametrize("path", SHAPE_FILES, ids=lambda p: p.name)
def test_shapes_use_shacl_core_only(path):
    g = rdflib.Graph().parse(path)
    for p in (SH.sparql, SH.select, SH.ask, SH.declare, SH.prefixes):
        assert not list(g.triples((None, p, None))), f"{path.name} uses {p}"
    assert not list(g.subjects(RDF.type, SH.SPARQLConstraint))


def test_shape_names_are_systematic(shapes):
    for s in shapes.subjects(RDF.type, SH.NodeShape):
        assert _local(s).endswith("Shape"), s
    for s in shapes.subjects(RDF.type, SH.PropertyShape):
        cls, _, prop = _local(s).partition("_")
        assert cls and prop, s


DATA = """
@prefix ssb:    <https://w3id.org/ssbkg/ontology#> .
@prefix skos:   <http://www.w3.org/2004/02/skos/core#> .
@prefix schema: <https://schema.org/> .
@prefix prov:   <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix qudt:   <http://qudt.org/schema/qudt/> .
@prefix unit:   <http://qudt.org/vocab/unit/> .
@prefix cur:    <http://qudt.org/vocab/currency/> .
@prefix xsd:    <http://www.w3.org/2001/XMLSchema#> .
@prefix r:   <https://w3id.org/ssbkg/id/region/> .
@prefix o:   <https://w3id.org/ssbkg/id/org/> .
@prefix pj:  <https://w3id.org/ssbkg/id/project/> .
@prefix c:   <https://w3id.org/ssbkg/id/collab/> .
@prefix ob:  <https://w3id.org/ssbkg/id/obs/> .
@prefix pol: <https://w3id.org/ssbkg/id/policy/> .
@prefix ch:  <https://w3id.org/ssbkg/id/challenge/> .
@prefix rec: <https://w3id.org/ssbkg/id/recommendation/> .
@prefix s:   <https://w3id.org/ssbkg/id/source/> .
@prefix ap:  <https://w3id.org/ssbkg/id/assertion/projects/> .
@prefix ar:  <https://w3id.org/ssbkg/id/assertion/regions/> .

# Indicators used below (ontology/indicators.ttl may define them too).
ssb:ind_annual_capacity a skos:Concept ; skos:inScheme ssb:Indicators .
ssb:ind_investment a skos:Concept ; skos:inScheme ssb:Indicators .
ssb:ind_growth_test a skos:Concept ; skos:inScheme ssb:Indicators .

r:world a ssb:World ; skos:prefLabel "World"@en , "世界"@zh .
r:cn a ssb:Country ; skos:prefLabel "China"@en , "中国"@zh ; schema:containedInPlace r:world .
r:zj a ssb:Province ; skos:prefLabel "Zhejiang"@en , "浙江"@zh ; schema:containedInPlace r:cn .
r:huzhou a ssb:City ; skos:prefLabel "Huzhou"@en , "湖州"@zh ; schema:containedInPlace r:zj .
r:park a ssb:IndustrialPark ; skos:prefLabel "Huzhou Park"@en , "湖州园区"@zh ;
    schema:containedInPlace r:huzhou ; ssb:hostedBy o:gov ; ssb:platformLevel ssb:level_municipal .

o:weilan a ssb:Enterprise ; skos:prefLabel "WeLion"@en , "卫蓝"@zh ;
    schema:location r:huzhou ; ssb:segment ssb:seg_cells ; ssb:route ssb:route_semi_solid .
o:uni a ssb:University ; skos:prefLabel "Zhejiang University"@en , "浙江大学"@zh ;
    schema:location r:zj .
o:gov a ssb:GovernmentBody ; skos:prefLabel "Huzhou Government"@en , "湖州市政府"@zh ;
    schema:location r:huzhou .
o:lab a ssb:KeyLaboratory ; skos:prefLabel "SSB Key Lab"@en , "固态电池重点实验室"@zh ;
    schema:location r:huzhou ; ssb:hostedBy o:uni ; ssb:platformLevel ssb:level_provincial ;
    ssb:segment ssb:seg_solid_electrolyte ; ssb:route ssb:route_sulfide .

pj:p1 a ssb:CellProductionProject ; skos:prefLabel "Huzhou 20 GWh base"@en ;
    ssb:developer o:weilan ; ssb:partner o:lab ; schema:location r:huzhou ;
    ssb:segment ssb:seg_cells ; ssb:route ssb:route_semi_solid ;
    ssb:status ssb:status_under_construction .

c:c1 a ssb:Collaboration ; ssb:fromParty o:uni ; ssb:toParty o:weilan ;
    ssb:collaborationKind ssb:collab_technology_transfer ; ssb:aboutProject pj:p1 ;
    schema:startDate "2023"^^xsd:gYear .

ob:o1 a ssb:Observation ; ssb:subject pj:p1 ; ssb:indicator ssb:ind_annual_capacity ;
    qudt:numericValue "20"^^xsd:decimal ; qudt:unit unit:GigaW-HR ;
    ssb:statedOn "2023-10-05"^^xsd:date ; ssb:refPeriod "2027"^^xsd:gYear ;
    ssb:qualifier ssb:qual_exact ; ssb:observationKind ssb:kind_plan ;
    ssb:status ssb:status_planned .
ob:o2 a ssb:Observation ; ssb:subject pj:p1 ; ssb:indicator ssb:ind_investment ;
    qudt:numericValue "10"^^xsd:decimal ; ssb:upperValue "12.5"^^xsd:decimal ;
    qudt:unit cur:CNY ; ssb:statedOn "2023-10"^^xsd:gYearMonth ;
    ssb:qualifier ssb:qual_range ; ssb:observationKind ssb:kind_plan .
ob:o3 a ssb:Observation ; ssb:subject r:cn ; ssb:indicator ssb:ind_growth_test ;
    qudt:numericValue "-3.5"^^xsd:decimal ; qudt:unit unit:PERCENT ;
    ssb:statedOn "2025"^^xsd:gYear ; ssb:rank 2 ;
    ssb:qualifier ssb:qual_approximately ; ssb:observationKind ssb:kind_actual .

pol:pl a ssb:Policy ; skos:prefLabel "Zhejiang SSB plan"@en ; ssb:issuedBy o:gov ;
    ssb:jurisdiction r:zj ; ssb:policyKind ssb:policykind_plan ;
    ssb:segment ssb:seg_solid_electrolyte ; ssb:route ssb:route_sulfide .
ch:ch1 a ssb:Challenge ; ssb:concernsRegion r:zj ; ssb:challengeCategory "cost" .
rec:rc1 a ssb:Recommendation ; ssb:concernsRegion r:zj ; ssb:theme "talent" .

s:s1 a ssb:Source ; dcterms:title "Study"@en ; dcterms:publisher "Publisher" ;
    schema:url "https://example.org/study" ; dcterms:issued "2025"^^xsd:gYear ;
    ssb:sourceKind ssb:sourcekind_study ; ssb:reliability ssb:reliability_secondary .
ap:p1 a ssb:Assertion ; prov:wasDerivedFrom s:s1 ; ssb:locator "Table 1" ;
    ssb:sourceTable "projects.csv" ; ssb:sourceRow 7 .
ar:zj a ssb:InferredAssertion ; prov:wasDerivedFrom s:s1 ;
    ssb:inference "The study's cities are in Zhejiang" .
"""

PREFIX_BLOCK = DATA[:DATA.index("# Indicators")]


def _validate(data_graph, shapes, onto):
    # Validate data + ontology together, as in the KG (pyshacl's ont_graph only
    # brings in class axioms, not the concepts of the schemes).
    conforms, report, _ = pyshacl.validate(
        data_graph + onto, shacl_graph=shapes, inference="none")
    # Top-level results only (sh:detail holds the nested sh:node results).
    results = {(report.value(r, SH.sourceShape), report.value(r, SH.resultSeverity))
               for r in report.objects(None, SH.result)}
    return conforms, results


def _graph(remove="", add=""):
    g = rdflib.Graph().parse(data=DATA, format="turtle")
    if remove:
        for t in rdflib.Graph().parse(data=PREFIX_BLOCK + remove, format="turtle"):
            assert t in g, f"test bug: {t} is not in the base graph"
            g.remove(t)
    if add:
        g.parse(data=PREFIX_BLOCK + add, format="turtle")
    return g


def test_conforming_graph_has_no_violation_and_no_warning(shapes, onto):
    conforms, results = _validate(_graph(), shapes, onto)
    assert results == set()
    assert conforms


# (rule, triples removed, triples added, the shapes expected to fire, by hand)
MUTATIONS = [
    ("region without level class", "r:cn a ssb:Country .", "r:cn a ssb:Region .", "Region_level"),
    ("region with two levels", "", "r:cn a ssb:Province .", "Region_level"),
    ("region without parent", "r:zj schema:containedInPlace r:cn .", "", "RegionParentShape"),
    # A park is a region and a platform: both its parent and its location are gone.
    ("park without parent or location", "r:park schema:containedInPlace r:huzhou .", "",
     "RegionParentShape InnovationPlatform_location"),
    ("city with a location but no parent", "r:huzhou schema:containedInPlace r:zj .",
     "r:huzhou schema:location r:zj .", "RegionParentShape"),
    ("parent is not a region", "r:huzhou schema:containedInPlace r:zj .",
     "r:huzhou schema:containedInPlace o:uni .", "Region_containedInPlace"),
    ("organisation without English label", 'o:weilan skos:prefLabel "WeLion"@en .',
     "", "Organisation_prefLabel"),
    ("organisation with two English labels", "", 'o:weilan skos:prefLabel "WeLion Co"@en .',
     "Organisation_prefLabel"),
    ("organisation without location", "o:uni schema:location r:zj .", "", "Organisation_location"),
    ("organisation located in an organisation", "o:uni schema:location r:zj .",
     "o:uni schema:location o:gov .", "Organisation_location"),
    ("organisation segment is a route", "", "o:weilan ssb:segment ssb:route_oxide .",
     "Organisation_segment"),
    ("organisation route is a segment", "", "o:weilan ssb:route ssb:seg_anode .",
     "Organisation_route"),
    ("platform without English label", 'o:lab skos:prefLabel "SSB Key Lab"@en .', "",
     "InnovationPlatform_prefLabel"),
    ("platform without location", "o:lab schema:location r:huzhou .", "",
     "InnovationPlatform_location"),
    ("platform level not a level", "o:lab ssb:platformLevel ssb:level_provincial .",
     "o:lab ssb:platformLevel ssb:status_operating .", "InnovationPlatform_platformLevel"),
    ("project developed by a region", "pj:p1 ssb:developer o:weilan .",
     "pj:p1 ssb:developer r:zj .", "Project_developer"),
    ("project without location", "pj:p1 schema:location r:huzhou .", "", "Project_location"),
    ("project without kind class", "pj:p1 a ssb:CellProductionProject .",
     "pj:p1 a ssb:Project .", "Project_kind"),
    ("project route is a segment", "", "pj:p1 ssb:route ssb:seg_packs .", "Project_route"),
    ("project status not a status", "pj:p1 ssb:status ssb:status_under_construction .",
     "pj:p1 ssb:status ssb:kind_plan .", "Project_status"),
    ("observation without subject", "ob:o1 ssb:subject pj:p1 .", "", "Observation_subject"),
    ("observation without indicator", "ob:o3 ssb:indicator ssb:ind_growth_test .", "",
     "Observation_indicator"),
    ("observation indicator not an indicator", "ob:o3 ssb:indicator ssb:ind_growth_test .",
     "ob:o3 ssb:indicator ssb:seg_cells .", "Observation_indicator"),
    ("observation without value", 'ob:o3 qudt:numericValue "-3.5"^^xsd:decimal .', "",
     "Observation_numericValue"),
    ("value is a double, not a decimal", 'ob:o3 qudt:numericValue "-3.5"^^xsd:decimal .',
     'ob:o3 qudt:numericValue "-3.5"^^xsd:double .', "Observation_numericValue"),
    ("value is a string", 'ob:o3 qudt:numericValue "-3.5"^^xsd:decimal .',
     'ob:o3 qudt:numericValue "-3.5" .', "Observation_numericValue"),
    ("observation without unit", "ob:o1 qudt:unit unit:GigaW-HR .", "", "Observation_unit"),
    ("unit is a literal", "ob:o1 qudt:unit unit:GigaW-HR .", 'ob:o1 qudt:unit "GWh" .',
     "Observation_unit"),
    ("unit outside QUDT", "ob:o1 qudt:unit unit:GigaW-HR .",
     "ob:o1 qudt:unit <https://example.org/GWh> .", "Observation_unit"),
    ("statedOn is a plain string", 'ob:o1 ssb:statedOn "2023-10-05"^^xsd:date .',
     'ob:o1 ssb:statedOn "2023-10-05" .', "Observation_statedOn"),
    ("negative capacity", 'ob:o1 qudt:numericValue "20"^^xsd:decimal .',
     'ob:o1 qudt:numericValue "-20"^^xsd:decimal .', "NonNegativeObservationShape"),
    ("negative investment", 'ob:o2 qudt:numericValue "10"^^xsd:decimal .',
     'ob:o2 qudt:numericValue "-1"^^xsd:decimal .', "NonNegativeObservationShape"),
    ("value above upper value", 'ob:o2 ssb:upperValue "12.5"^^xsd:decimal .',
     'ob:o2 ssb:upperValue "9.5"^^xsd:decimal .', "Observation_range"),
    ("collaboration with one party", "c:c1 ssb:toParty o:weilan .", "", "Collaboration_party"),
    ("collaboration with one party twice", "c:c1 ssb:toParty o:weilan .",
     "c:c1 ssb:party o:uni .", "Collaboration_party"),
    ("collaboration without kind", "c:c1 ssb:collaborationKind ssb:collab_technology_transfer .",
     "", "Collaboration_collaborationKind"),
    ("collaboration kind not a kind",
     "c:c1 ssb:collaborationKind ssb:collab_technology_transfer .",
     "c:c1 ssb:collaborationKind ssb:status_operating .", "Collaboration_collaborationKind"),
    ("policy kind not a policy kind", "pol:pl ssb:policyKind ssb:policykind_plan .",
     "pol:pl ssb:policyKind ssb:kind_plan .", "Policy_policyKind"),
    ("policy segment is a stage", "", "pol:pl ssb:segment ssb:stage_upstream .",
     "Policy_segment"),
    ("source without title", 's:s1 dcterms:title "Study"@en .', "", "Source_title"),
    ("source without reliability", "s:s1 ssb:reliability ssb:reliability_secondary .", "",
     "Source_reliability"),
    ("reliability not a reliability", "s:s1 ssb:reliability ssb:reliability_secondary .",
     "s:s1 ssb:reliability ssb:sourcekind_news .", "Source_reliability"),
    ("assertion without source", "ap:p1 prov:wasDerivedFrom s:s1 .", "",
     "Assertion_wasDerivedFrom"),
    ("assertion derived from a non-source", "ap:p1 prov:wasDerivedFrom s:s1 .",
     "ap:p1 prov:wasDerivedFrom o:weilan .", "Assertion_wasDerivedFrom"),
    ("inferred assertion without inference",
     'ar:zj ssb:inference "The study\'s cities are in Zhejiang" .', "",
     "InferredAssertion_inference"),
]


@pytest.mark.parametrize("rule,remove,add,shape", MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_each_mandatory_rule_fires(shapes, onto, rule, remove, add, shape):
    conforms, results = _validate(_graph(remove, add), shapes, onto)
    assert not conforms
    violations = {s for s, sev in results if sev == SH.Violation}
    assert violations == {SSB[s] for s in shape.split()}, rule


def test_park_may_give_its_region_as_location(shapes, onto):
    # platforms.csv gives a park's region as schema:location (design.md): that
    # serves as its parent, and as the platform's location.
    g = _graph("r:park schema:containedInPlace r:huzhou .", "r:park schema:location r:huzhou .")
    conforms, results = _validate(g, shapes, onto)
    assert conforms and not results


def test_negative_value_of_another_indicator_is_allowed(shapes, onto):
    # ob:o3 (ind_growth_test) is -3.5 in the conforming graph: a fall, not an error.
    conforms, results = _validate(_graph(), shapes, onto)
    assert conforms and not results


# (rule, removed, added, the warning expected, by hand)
WARNINGS = [
    ("organisation without Chinese label", 'o:uni skos:prefLabel "浙江大学"@zh .',
     "OrganisationRecommended_prefLabelZh"),
    ("enterprise without segment", "o:weilan ssb:segment ssb:seg_cells .",
     "EnterpriseRecommended_segment"),
    ("project without status", "pj:p1 ssb:status ssb:status_under_construction .",
     "ProjectRecommended_status"),
    ("observation without qualifier", "ob:o1 ssb:qualifier ssb:qual_exact .",
     "ObservationRecommended_qualifier"),
    # undated public facts (#16, #19, #25 ...) and projects whose developer the
    # study does not name are kept and flagged, not refused
    ("observation without statedOn", 'ob:o1 ssb:statedOn "2023-10-05"^^xsd:date .',
     "ObservationRecommended_statedOn"),
    ("project without developer", "pj:p1 ssb:developer o:weilan .",
     "ProjectRecommended_developer"),
    ("source without url", 's:s1 schema:url "https://example.org/study" .',
     "SourceRecommended_url"),
]


@pytest.mark.parametrize("rule,remove,shape", WARNINGS, ids=[w[0] for w in WARNINGS])
def test_recommended_rules_warn_only(shapes, onto, rule, remove, shape):
    conforms, results = _validate(_graph(remove), shapes, onto)
    assert results == {(SSB[shape], SH.Warning)}, rule
    # pyshacl counts warnings against conformance unless allow_warnings is set.
    conforms, _, _ = pyshacl.validate(_graph(remove) + onto, shacl_graph=shapes,
                                      allow_warnings=True)
    assert conforms


def test_shapes_compile_to_sparql(shapes):
    # SHACL Core only, so the project's SPARQL compiler takes every shape:
    # each property shape of a targeted node shape yields at least one query.
    validate = pytest.importorskip("ssbkg.validate")
    compiled = validate.compile_shapes(shapes)
    sources = {c.shape for c in compiled}
    targeted = {s for s in shapes.subjects(SH.targetClass, None)}
    expected = {p for s in targeted for p in shapes.objects(s, SH.property)}
    expected |= {s for s in targeted if not list(shapes.objects(s, SH.property))}
    assert expected <= sources, sorted(expected - sources)


@pytest.mark.parametrize("rule,remove,add,shape", MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_sparql_engine_fires_the_same_shapes(shapes, onto, rule, remove, add, shape):
    # The same mutations through the project's SHACL-to-SPARQL engine on Oxigraph.
    validate = pytest.importorskip("ssbkg.validate")
    KG = pytest.importorskip("ssbkg.kg").KG
    store = pyoxigraph.Store()
    store.load(input=(_graph(remove, add) + onto).serialize(format="nt"),
               format=pyoxigraph.RdfFormat.N_TRIPLES, to_graph=pyoxigraph.NamedNode("urn:g"))
    rows = validate.violations(KG(store), shapes=shapes)
    fired = {r["shape"] for r in rows if r["severity"] == "Violation"}
    assert fired == {str(SSB[s]) for s in shape.split()}, rule


def test_generated_vocabulary_is_current():
    # graph/_terms.py is generated from ontology/*.ttl by `python -m ssbkg.vocab`;
    # an ontology edit without regeneration fails here.
    from ssbkg import vocab

    current = (Path(vocab.__file__).with_name("_terms.py")).read_text(encoding="utf-8")
    assert vocab.generate() == current, "graph/_terms.py is stale: run `python -m ssbkg.vocab`"


def test_table_values_are_the_notations_written_in_the_ontology():
    # Independent of ssbkg.vocab: read the notations with a SPARQL query of our own.
    import rdflib

    from ssbkg import tables
    from ssbkg.resources import ontology_dir

    g = rdflib.Graph()
    for f in sorted(ontology_dir().rglob("*.ttl")):
        g.parse(f, format="turtle")
    rows = g.query("""
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        PREFIX ssb: <https://w3id.org/ssbkg/ontology#>
        SELECT ?n WHERE { ?c skos:inScheme ssb:ValueChainSegments ; skos:notation ?n }""")
    assert {str(r.n) for r in rows} == set(tables.CONCEPTS["segment"])
    assert "industrial_park" in tables.CONCEPTS["regionlevel"]
    assert "park" not in tables.CONCEPTS["regionlevel"]
