"""The closed vocabulary namespaces of ssbkg and the prefix map of queries and exports.

:class:`SSB` lists every term of the ssbkg ontology (``ontology/*.ttl`` and the
shapes in ``ontology/shapes/``): classes, properties, concept schemes, the
concepts of every scheme, indicators and SHACL shape names. It is an rdflib
:class:`~rdflib.namespace.DefinedNamespace` with ``_fail = True``, so a
misspelled term raises at once instead of minting a new IRI.
``tests/test_ontology.py`` checks that this list and the ontology agree.

:data:`UNIT` and :data:`CUR` are small closed namespaces of the QUDT units and
ISO 4217 currencies the data uses (the lists grow as the data needs).

Examples
--------
>>> SSB.Enterprise
rdflib.term.URIRef('https://w3id.org/ssbkg/ontology#Enterprise')
>>> SSB.seg_cathode in SSB, "segmnet" in SSB
(True, False)
>>> SSB.segmnet
Traceback (most recent call last):
...
AttributeError: term 'segmnet' not in namespace 'https://w3id.org/ssbkg/ontology#'
>>> SSBD["org/catl"]
rdflib.term.URIRef('https://w3id.org/ssbkg/id/org/catl')
>>> UNIT["GigaW-HR"], CUR.CNY
(rdflib.term.URIRef('http://qudt.org/vocab/unit/GigaW-HR'), rdflib.term.URIRef('http://qudt.org/vocab/currency/CNY'))
>>> PREFIXES["ssb"]
'https://w3id.org/ssbkg/ontology#'
"""

from __future__ import annotations

from rdflib import namespace as _rdfns
from rdflib.namespace import Namespace
from rdflib.term import URIRef

__all__ = [
    "SSB",
    "SSBD",
    "SSBSYN",
    "UNIT",
    "CUR",
    "PREFIXES",
    "sparql_prefixes",
    "bind_prefixes",
]


class SSB(_rdfns.DefinedNamespace):
    """The ssbkg ontology: ``https://w3id.org/ssbkg/ontology#`` (prefix ``ssb:``).

    Concepts are named ``<scheme prefix>_<table value>``: ``seg_cathode``,
    ``route_sulfide``, ``status_operating`` (docs/design.md).
    """

    _fail = True
    _NS = Namespace("https://w3id.org/ssbkg/ontology#")

    # Classes (ontology/core.ttl)
    Assertion: URIRef  # Assertion
    CellProductionProject: URIRef  # Cell production project
    Challenge: URIRef  # Challenge
    City: URIRef  # City
    Collaboration: URIRef  # Collaboration
    CollaborativePlatform: URIRef  # Collaborative platform
    Country: URIRef  # Country
    County: URIRef  # County
    DemonstrationProject: URIRef  # Demonstration project
    DerivedGraph: URIRef  # Derived graph
    District: URIRef  # District
    Enterprise: URIRef  # Enterprise
    GovernmentBody: URIRef  # Government body
    IndustrialPark: URIRef  # Industrial park
    InferredAssertion: URIRef  # Inferred assertion
    InnovationCentre: URIRef  # Innovation centre
    InnovationPlatform: URIRef  # Innovation platform
    KeyLaboratory: URIRef  # Key laboratory
    MacroRegion: URIRef  # Macro-region
    MaterialProductionProject: URIRef  # Material production project
    Observation: URIRef  # Observation
    Organisation: URIRef  # Organisation
    Policy: URIRef  # Policy
    Project: URIRef  # Project
    Province: URIRef  # Province
    PublicServicePlatform: URIRef  # Public service platform
    Recommendation: URIRef  # Recommendation
    Region: URIRef  # Region
    ResearchInstitute: URIRef  # Research institute
    ResearchInstitution: URIRef  # Research institution
    ResearchProject: URIRef  # Research project
    Source: URIRef  # Source
    University: URIRef  # University
    World: URIRef  # World

    # Properties (ontology/core.ttl)
    aboutProject: URIRef  # about project
    challengeCategory: URIRef  # challenge category
    collaborationKind: URIRef  # collaboration kind
    concernsRegion: URIRef  # concerns region
    consequence: URIRef  # consequence
    coversRoute: URIRef  # covers technology route
    coversSegment: URIRef  # covers segment
    developer: URIRef  # developer
    fromParty: URIRef  # from party
    hostedBy: URIRef  # hosted by
    indicator: URIRef  # indicator
    inference: URIRef  # inference
    issuedBy: URIRef  # issued by
    jurisdiction: URIRef  # jurisdiction
    locator: URIRef  # locator
    manifestation: URIRef  # manifestation
    observationKind: URIRef  # observation kind
    partner: URIRef  # partner
    party: URIRef  # party
    platformLevel: URIRef  # platform level
    policyKind: URIRef  # policy kind
    qualifier: URIRef  # qualifier
    rank: URIRef  # rank
    refPeriod: URIRef  # reference period
    reliability: URIRef  # reliability
    route: URIRef  # technology route
    scope: URIRef  # scope
    segment: URIRef  # segment
    sourceKind: URIRef  # source kind
    sourceRow: URIRef  # source row
    sourceTable: URIRef  # source table
    statedOn: URIRef  # stated on
    status: URIRef  # status
    subject: URIRef  # subject
    theme: URIRef  # theme
    toParty: URIRef  # to party
    upperValue: URIRef  # upper value

    # Concept schemes
    CollaborationKinds: URIRef  # collaboration kinds
    Indicators: URIRef  # indicators
    ObservationKinds: URIRef  # observation kinds
    PlatformLevels: URIRef  # platform levels
    PolicyKinds: URIRef  # policy kinds
    ProjectStatuses: URIRef  # project statuses
    Qualifiers: URIRef  # value qualifiers
    Reliabilities: URIRef  # source reliabilities
    SourceKinds: URIRef  # source kinds
    TechnologyRoutes: URIRef  # technology routes
    ValueChainSegments: URIRef  # value-chain segments
    ValueChainStages: URIRef  # value-chain stages

    # Concepts stage_
    stage_downstream: URIRef  # downstream
    stage_midstream: URIRef  # midstream
    stage_upstream: URIRef  # upstream

    # Concepts seg_
    seg_anode: URIRef  # anode materials
    seg_cathode: URIRef  # cathode materials
    seg_cells: URIRef  # battery cells
    seg_consumer_electronics: URIRef  # consumer electronics
    seg_datacentre_backup: URIRef  # data-centre backup power
    seg_equipment: URIRef  # production equipment
    seg_grid_storage: URIRef  # energy storage
    seg_humanoid_robots: URIRef  # humanoid robots
    seg_lithium_salts_precursors: URIRef  # lithium salts and precursors
    seg_low_altitude_aircraft: URIRef  # low-altitude aircraft
    seg_nev: URIRef  # new energy vehicles
    seg_packs: URIRef  # battery packs and systems
    seg_separator_film: URIRef  # separators and films
    seg_solid_electrolyte: URIRef  # solid electrolytes

    # Concepts route_
    route_all_solid_state: URIRef  # all-solid-state
    route_halide: URIRef  # halide
    route_in_situ_solidification: URIRef  # in-situ solidification
    route_lithium_metal_anode: URIRef  # lithium-metal anode
    route_oxide: URIRef  # oxide
    route_oxide_polymer_composite: URIRef  # oxide-polymer composite
    route_polymer: URIRef  # polymer
    route_semi_solid: URIRef  # semi-solid-state
    route_sulfide: URIRef  # sulfide

    # Concepts status_
    status_completed: URIRef  # completed
    status_operating: URIRef  # operating
    status_planned: URIRef  # planned
    status_suspended: URIRef  # suspended
    status_under_construction: URIRef  # under construction

    # Concepts collab_
    collab_equity_investment: URIRef  # equity investment
    collab_government_funding: URIRef  # government funding
    collab_joint_development: URIRef  # joint development
    collab_joint_venture: URIRef  # joint venture
    collab_licensing: URIRef  # licensing
    collab_platform_membership: URIRef  # platform membership
    collab_supply: URIRef  # supply
    collab_technology_transfer: URIRef  # technology transfer

    # Concepts qual_
    qual_approximately: URIRef  # approximately
    qual_at_least: URIRef  # at least
    qual_exact: URIRef  # exact
    qual_more_than: URIRef  # more than
    qual_range: URIRef  # range
    qual_up_to: URIRef  # up to

    # Concepts kind_
    kind_actual: URIRef  # actual
    kind_claim: URIRef  # claim
    kind_forecast: URIRef  # forecast
    kind_plan: URIRef  # plan
    kind_target: URIRef  # target

    # Concepts level_
    level_municipal: URIRef  # municipal
    level_national: URIRef  # national
    level_provincial: URIRef  # provincial

    # Concepts reliability_
    reliability_primary: URIRef  # primary
    reliability_secondary: URIRef  # secondary
    reliability_weak: URIRef  # weak

    # Concepts sourcekind_
    sourcekind_academic: URIRef  # academic publication
    sourcekind_aggregator: URIRef  # aggregator
    sourcekind_company: URIRef  # company release
    sourcekind_government: URIRef  # government document
    sourcekind_mirror: URIRef  # mirror
    sourcekind_news: URIRef  # news
    sourcekind_study: URIRef  # study
    sourcekind_synthetic: URIRef  # synthetic

    # Concepts policykind_
    policykind_funding: URIRef  # funding
    policykind_plan: URIRef  # plan
    policykind_regulation: URIRef  # regulation
    policykind_strategy: URIRef  # strategy
    policykind_target: URIRef  # target

    # Concepts ind_ (ontology/indicators.ttl)
    ind_annual_capacity: URIRef  # annual production capacity
    ind_cell_capacity: URIRef  # cell capacity
    ind_cells_shipped: URIRef  # cells shipped
    ind_contract_duration: URIRef  # contract duration
    ind_cost_ratio: URIRef  # cost ratio to liquid lithium-ion
    ind_customer_count: URIRef  # number of customers
    ind_driving_range: URIRef  # driving range
    ind_energy_density: URIRef  # gravimetric energy density
    ind_energy_density_ratio: URIRef  # energy density ratio to liquid lithium-ion
    ind_enterprise_count: URIRef  # number of enterprises
    ind_equity_share: URIRef  # equity share
    ind_equivalent_battery_capacity: URIRef  # equivalent battery capacity
    ind_floor_area: URIRef  # floor area
    ind_grant: URIRef  # grant
    ind_installed_volume: URIRef  # installed volume
    ind_investment: URIRef  # investment
    ind_market_share: URIRef  # market share
    ind_milestone_year: URIRef  # milestone year
    ind_pack_cost: URIRef  # battery pack cost per kWh
    ind_pack_energy: URIRef  # pack energy
    ind_patent_count: URIRef  # patent count
    ind_production_yield: URIRef  # production yield
    ind_registered_capital: URIRef  # registered capital
    ind_royalty_prepayment: URIRef  # royalty prepayment
    ind_shipment_forecast: URIRef  # shipment volume
    ind_staff_count: URIRef  # staff count
    ind_supply_share: URIRef  # supply share
    ind_supply_volume: URIRef  # contracted supply volume
    ind_technology_maturity: URIRef  # technology maturity level
    ind_time_horizon: URIRef  # time horizon
    ind_usable_energy_increase: URIRef  # usable energy increase
    ind_vehicle_count: URIRef  # number of vehicles
    ind_volumetric_energy_density: URIRef  # volumetric energy density

    # SHACL shapes (ontology/shapes/)
    Assertion_wasDerivedFrom: URIRef
    AssertionShape: URIRef
    Challenge_concernsRegion: URIRef
    ChallengeShape: URIRef
    Collaboration_aboutProject: URIRef
    Collaboration_collaborationKind: URIRef
    Collaboration_party: URIRef
    CollaborationKindsMember_inScheme: URIRef
    CollaborationKindsMemberShape: URIRef
    CollaborationRecommended_startDate: URIRef
    CollaborationRecommendedShape: URIRef
    CollaborationShape: URIRef
    DerivedGraph_identifier: URIRef
    DerivedGraph_wasGeneratedBy: URIRef
    DerivedGraphShape: URIRef
    EnterpriseRecommended_segment: URIRef
    EnterpriseRecommendedShape: URIRef
    IndicatorsMember_inScheme: URIRef
    IndicatorsMemberShape: URIRef
    InferredAssertion_inference: URIRef
    InferredAssertionShape: URIRef
    InnovationPlatform_hostedBy: URIRef
    InnovationPlatform_location: URIRef
    InnovationPlatform_platformLevel: URIRef
    InnovationPlatform_prefLabel: URIRef
    InnovationPlatform_route: URIRef
    InnovationPlatform_segment: URIRef
    InnovationPlatformRecommended_hostedBy: URIRef
    InnovationPlatformRecommended_platformLevel: URIRef
    InnovationPlatformRecommended_prefLabelZh: URIRef
    InnovationPlatformRecommendedShape: URIRef
    InnovationPlatformShape: URIRef
    NonNegativeObservationShape: URIRef
    Observation_indicator: URIRef
    Observation_numericValue: URIRef
    Observation_observationKind: URIRef
    Observation_qualifier: URIRef
    Observation_range: URIRef
    Observation_rank: URIRef
    Observation_refPeriod: URIRef
    Observation_statedOn: URIRef
    Observation_status: URIRef
    Observation_subject: URIRef
    Observation_unit: URIRef
    Observation_upperValue: URIRef
    ObservationKindsMember_inScheme: URIRef
    ObservationKindsMemberShape: URIRef
    ObservationRecommended_observationKind: URIRef
    ObservationRecommended_qualifier: URIRef
    ObservationRecommended_statedOn: URIRef
    ObservationRecommendedShape: URIRef
    ObservationShape: URIRef
    Organisation_location: URIRef
    Organisation_prefLabel: URIRef
    Organisation_route: URIRef
    Organisation_segment: URIRef
    OrganisationRecommended_prefLabelZh: URIRef
    OrganisationRecommendedShape: URIRef
    OrganisationShape: URIRef
    PlatformLevelsMember_inScheme: URIRef
    PlatformLevelsMemberShape: URIRef
    Policy_issuedBy: URIRef
    Policy_jurisdiction: URIRef
    Policy_policyKind: URIRef
    Policy_route: URIRef
    Policy_segment: URIRef
    PolicyKindsMember_inScheme: URIRef
    PolicyKindsMemberShape: URIRef
    PolicyShape: URIRef
    Project_developer: URIRef
    Project_kind: URIRef
    Project_location: URIRef
    Project_partner: URIRef
    Project_route: URIRef
    Project_segment: URIRef
    Project_status: URIRef
    ProjectRecommended_prefLabel: URIRef
    ProjectRecommended_segment: URIRef
    ProjectRecommended_status: URIRef
    ProjectRecommended_developer: URIRef
    ProjectRecommendedShape: URIRef
    ProjectShape: URIRef
    ProjectStatusesMember_inScheme: URIRef
    ProjectStatusesMemberShape: URIRef
    QualifiersMember_inScheme: URIRef
    QualifiersMemberShape: URIRef
    Recommendation_concernsRegion: URIRef
    RecommendationShape: URIRef
    Region_containedInPlace: URIRef
    Region_coversRoute: URIRef
    Region_coversSegment: URIRef
    Region_level: URIRef
    RegionParentShape: URIRef
    RegionRecommended_prefLabel: URIRef
    RegionRecommended_prefLabelZh: URIRef
    RegionRecommendedShape: URIRef
    RegionShape: URIRef
    ReliabilitiesMember_inScheme: URIRef
    ReliabilitiesMemberShape: URIRef
    Source_reliability: URIRef
    Source_sourceKind: URIRef
    Source_title: URIRef
    SourceKindsMember_inScheme: URIRef
    SourceKindsMemberShape: URIRef
    SourceRecommended_issued: URIRef
    SourceRecommended_publisher: URIRef
    SourceRecommended_sourceKind: URIRef
    SourceRecommended_url: URIRef
    SourceRecommendedShape: URIRef
    SourceShape: URIRef
    TechnologyRoutesMember_inScheme: URIRef
    TechnologyRoutesMemberShape: URIRef
    ValueChainSegmentsMember_inScheme: URIRef
    ValueChainSegmentsMemberShape: URIRef


#: Curated data: ``ssbd:<kind>/<id>`` such as ``ssbd:org/catl``, and the named
#: graphs ``ssbd:assertion/<table>/<id>``, ``ssbd:graph/provenance``, ...
SSBD = Namespace("https://w3id.org/ssbkg/id/")

#: Synthetic data only (generator output); never part of the curated graph.
SSBSYN = Namespace("https://w3id.org/ssbkg/synthetic/")


class UNIT(_rdfns.DefinedNamespace):
    """The QUDT units the data uses (``http://qudt.org/vocab/unit/``).

    Closed on purpose: this list grows as the data needs (add the QUDT local
    name here, and tests/test_declared_terms.py accepts it in data/).
    """

    _fail = True
    _NS = Namespace("http://qudt.org/vocab/unit/")

    # Local names that are Python identifiers
    TONNE: URIRef  # metric tonne
    KiloGM: URIRef  # kilogram
    GM: URIRef  # gram
    M: URIRef  # metre
    M2: URIRef  # square metre
    KiloM: URIRef  # kilometre
    PERCENT: URIRef  # percent
    NUM: URIRef  # number (a count)
    YR: URIRef  # year
    MO: URIRef  # month
    DAY: URIRef  # day
    W: URIRef  # watt
    KiloW: URIRef  # kilowatt
    MegaW: URIRef  # megawatt
    GigaW: URIRef  # gigawatt
    V: URIRef  # volt

    # Local names with hyphens (use UNIT["GigaW-HR"])
    _extras = [
        "GigaW-HR",  # gigawatt hour
        "MegaW-HR",  # megawatt hour
        "KiloW-HR",  # kilowatt hour
        "W-HR",  # watt hour
        "W-HR-PER-KiloGM",  # gravimetric energy density
        "W-HR-PER-L",  # volumetric energy density
        "A-HR",  # ampere hour
        "MilliA-HR",  # milliampere hour
    ]


class CUR(_rdfns.DefinedNamespace):
    """The ISO 4217 currencies the data uses (``http://qudt.org/vocab/currency/``).

    Closed on purpose: this list grows as the data needs.
    """

    _fail = True
    _NS = Namespace("http://qudt.org/vocab/currency/")

    CNY: URIRef  # Chinese yuan renminbi
    USD: URIRef  # US dollar
    EUR: URIRef  # euro
    JPY: URIRef  # Japanese yen
    KRW: URIRef  # South Korean won
    GBP: URIRef  # pound sterling
    TWD: URIRef  # New Taiwan dollar


#: prefix -> namespace IRI, used by the named queries and every export.
PREFIXES: dict[str, str] = {
    "ssb": "https://w3id.org/ssbkg/ontology#",
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


def sparql_prefixes(prefixes=None) -> str:
    """SPARQL ``PREFIX`` lines for a prefix map (default :data:`PREFIXES`).

    Parameters
    ----------
    prefixes : dict of str to str, optional
        prefix -> IRI; defaults to :data:`PREFIXES`.

    Returns
    -------
    str
        One ``PREFIX p: <iri>`` line per entry, in the map's order.

    Examples
    --------
    >>> print(sparql_prefixes({"ssb": PREFIXES["ssb"], "skos": PREFIXES["skos"]}))
    PREFIX ssb: <https://w3id.org/ssbkg/ontology#>
    PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
    """
    prefixes = PREFIXES if prefixes is None else prefixes
    return "\n".join(f"PREFIX {p}: <{iri}>" for p, iri in prefixes.items())


def bind_prefixes(graph, prefixes=None):
    """Bind a prefix map (default :data:`PREFIXES`) on an rdflib graph and return it.

    Parameters
    ----------
    graph : rdflib.Graph or rdflib.Dataset
        The graph to bind on; bindings replace any earlier use of the prefix.
    prefixes : dict of str to str, optional
        prefix -> IRI; defaults to :data:`PREFIXES`.

    Returns
    -------
    The same graph.

    Examples
    --------
    >>> import rdflib
    >>> g = bind_prefixes(rdflib.Graph())
    >>> g.qname(SSB.route_sulfide)
    'ssb:route_sulfide'
    """
    prefixes = PREFIXES if prefixes is None else prefixes
    for p, iri in prefixes.items():
        graph.bind(p, Namespace(iri), override=True, replace=True)
    return graph
