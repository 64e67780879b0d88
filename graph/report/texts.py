"""The report's own texts, per language, written by the team (never machine-translated at run time).

Templates hold ``{placeholders}`` filled with runs (numbers with their sources,
names from the data); see :func:`ssbkg.report.model.template_runs`. A key
missing from a language falls back to English.
"""

from __future__ import annotations

__all__ = ["TEXTS", "EN", "ZH"]

EN = {
    "report.title": "Cluster-gap report: {region}",
    "fallback.note": "",
    "none": "none", "anywhere": "anywhere", "undefined": "undefined", "yes": "yes", "no": "no",
    "peers.default": ("default: {level}s in {within} with at least {k} located organisations, "
                      "the {m} with most"),
    "peers.given": "chosen by the user",
    "level.park": "park", "level.industrial_park": "industrial park", "level.district": "district", "level.county": "county",
    "level.city": "city", "level.province": "province", "level.country": "country",
    "level.macro_region": "macro-region", "level.world": "world",
    # titles
    "title.summary": "Summary",
    "title.profile": "Profile beside the peers",
    "title.coverage": "Value-chain coverage",
    "title.routes": "Technology routes",
    "title.gaps": "Gaps and what to attract",
    "title.collaboration": "Innovation platforms and collaboration",
    "title.pipeline": "Project pipeline",
    "title.ip": "Intellectual property",
    "title.cost": "Cost and energy density",
    "title.diffusion": "Diffusion outlook",
    "title.recommendations": "Recommendations",
    "title.data_coverage": "Data coverage and caveats",
    "title.sources": "Sources",
    # states, types
    "state.absent": "absent", "state.present": "present", "state.specialised": "specialised",
    "type.enterprise": "enterprises", "type.university": "universities",
    "type.research_institute": "research institutes", "type.platform": "platforms",
    "type.government_body": "government bodies",
    # columns
    "col.item": "item", "col.region": "region", "col.stage": "stage", "col.segment": "segment",
    "col.segments": "segments", "col.state": "state", "col.lq": "LQ",
    "col.organisations": "organisations", "col.projects": "projects", "col.route": "route",
    "col.routes": "routes", "col.study": "in the study", "col.entropy": "entropy (bits)",
    "col.evenness": "evenness", "col.note": "note", "col.rank": "rank",
    "col.basis": "held by (hq / site / project)", "col.sites": "sites",
    "col.peers_holding": "peers holding it",
    "col.density": "relatedness density", "col.cog": "complexity outlook gain",
    "col.close_to": "closest present segments", "col.candidates": "candidates elsewhere",
    "col.metric": "metric", "col.value": "value", "col.nodes": "nodes", "col.edges": "links",
    "col.F": "F", "col.unlinked": "platforms without enterprise",
    "col.project": "project", "col.developer": "developer", "col.location": "location",
    "col.status": "status", "col.year": "year", "col.gwh": "GWh", "col.tonnes": "tonnes",
    "col.patents": "patents", "col.rank_among": "rank among those with data",
    "col.holder": "holder", "col.scope": "scope", "col.indicator": "indicator",
    "col.qualifier": "qualifier", "col.ratio": "ratio", "col.kind": "kind",
    "col.subject": "subject", "col.wh_kg": "Wh/kg", "col.stated": "stated",
    "col.id": "recommendation", "col.theme": "theme", "col.text": "text",
    "col.gap": "measured gap behind it", "col.organisations_n": "organisations",
    "col.below": "located below the region", "col.projects_n": "projects",
    "col.sources_n": "sources", "col.lacks": "what the KG lacks",
    # 1 summary
    "summary.thin": ("Coverage warning: the KG locates only {n} organisations in {region}; the "
                     "figures below describe the data more than the region."),
    "summary.absent": ("{region} lacks {n} value-chain segments; the most feasible to add is "
                       "{segment} (relatedness density {density})."),
    "summary.absent_zero": ("{region} lacks {n} value-chain segments, none related to what it "
                            "already does (highest relatedness density {density}): each would "
                            "be a new start rather than an extension."),
    "summary.no_peers": ("No comparable region in the KG ({rule}): the report describes the "
                         "region alone, and every comparison below has one column."),
    "summary.absent_unranked": ("{region} lacks {n} value-chain segments ({segments}, ...), none "
                                "of which can be ranked by relatedness: no compared region has it."),
    "summary.no_absent": "{region} has organisations in every value-chain segment.",
    "summary.unspecialised": ("{n} segments are present without specialisation; the first to "
                              "strengthen is {segment} (location quotient {lq})."),
    "summary.no_unspecialised": "Every segment present is specialised (location quotient at least 1).",
    "summary.no_network": "{region} has no organisation in the collaboration network.",
    "summary.edgeless": ("Its {n} organisations and platforms have no recorded link among "
                         "themselves, and {u} platforms have no enterprise partner."),
    "summary.fragmentation": ("Collaboration is fragmented: Borgatti's F = {F} (share of pairs "
                              "that cannot reach each other), and {u} platforms have no "
                              "enterprise partner."),
    "summary.peers": "Compared with: {peers} ({rule}).",
    # 2 profile
    "profile.intro": ("Organisations, projects, capacity and patents of {region} and its peers "
                      "(organisations located in the region or any place inside it)."),
    "profile.organisations": "organisations", "profile.stage": "organisations in {stage}",
    "profile.projects": "projects", "profile.sites": "sites (plants, bases, R&D centres)", "profile.capacity": "capacity {unit}, {status}",
    "profile.patents": "patents", "profile.collab_edges": "collaboration links",
    "profile.no_sites": ("The KG holds no sites (plants, bases) apart from headquarters and "
                         "projects: capacity is counted by project location."),
    "profile.cells_unknown": ("An empty cell means the KG states no such figure (unknown, not "
                              "zero)."),
    # 3 coverage
    "coverage.intro": ("Segment by segment: absent (no enterprise holds it in the region), "
                       "present, or specialised (location quotient at least 1 against "
                       "{reference}), with the organisations, sites and projects behind each "
                       "cell."),
    "coverage.project_only": ("Segments with a project in the region but no organisation "
                              "holding them (the project names no developer, so it adds no "
                              "segment): {segments}."),
    "coverage.basis": ("Basis: a region holds a segment when an enterprise works in it there: "
                       "headquarters in the region, or a site it operates or a project it "
                       "develops located in the region that names the segment (hq, site, project "
                       "above: how many organisations each way)."),
    "coverage.matrix_intro": "The same states for the region and each peer (organisations in brackets):",
    "fig.coverage": "Value-chain coverage: absent, present, specialised",
    # 4 routes
    "routes.intro": ("Organisations per technology route in the region and its peers, and "
                     "whether the study names the route."),
    "routes.no_orgs": "no organisation located here",
    "routes.missing": "Routes the study names that {region} has no organisation on: {routes}.",
    "routes.none_missing": "{region} has organisations on every route the study names.",
    # 5 gaps
    "gaps.intro": ("Gaps of two kinds, each ranked by relatedness density (how close the "
                   "segment is to what {region} already does: feasibility), with the "
                   "complexity outlook gain (strategic value) where it is defined, and the "
                   "organisations elsewhere that could fill each gap."),
    "gaps.absent_intro": "Absent segments ({n}):",
    "gaps.unspecialised_intro": "Present but unspecialised segments ({n}, location quotient below 1):",
    "gaps.density_nan": "density undefined: no related segment present",
    "gaps.not_ranked": "not ranked: no compared region has an enterprise in it",
    "gaps.no_candidates": "no organisation in the KG works in it",
    "gaps.more": "and {n} more",
    "gaps.cog_undefined": "Complexity outlook gain is undefined here: {reason}",
    "gaps.eci": ("Economic complexity index of the region: {eci}; complexity outlook index: "
                 "{coi} (among {n} regions of its level)."),
    "gaps.eci_undefined": "Economic complexity index undefined: {reason}",
    "gaps.cog_no_row": "the region is not in the complexity matrix",
    "gaps.reference": "Location quotients and densities computed against: {reference}.",
    "fig.opportunity": "Opportunity: relatedness density against complexity outlook gain",
    # 6 collaboration
    "collab.intro": ("The collaboration network of {region}'s organisations and platforms "
                     "(links among them, derived links from shared projects and platforms "
                     "included)."),
    "collab.n_nodes": "organisations and platforms", "collab.n_edges": "links",
    "collab.n_components": "components", "collab.n_isolates": "isolates",
    "collab.F": "fragmentation F (Borgatti)", "collab.dF": "distance-weighted fragmentation dF",
    "collab.share_enterprises_linked": "share of enterprises linked to research or platforms",
    "collab.n_platforms_without_enterprise": "platforms without an enterprise partner",
    "collab.triple_helix_bits": "triple-helix synergy T (bits)", "collab.ei_type": "E-I index by type",
    "collab.library_note": "Undefined measures: ",
    "collab.edgeless": ("The network has {n} nodes and no link: F = 1 by definition, and every "
                        "choice of key players or brokers ties, so none is named."),
    "collab.empty": "No organisation of the region is in the collaboration network.",
    "collab.unlinked": "Platforms without an enterprise partner ({n}): {platforms}.",
    "collab.key_players": "Key players (removing them fragments the network most): {players}.",
    "collab.key_players_tie": "Key players: not named, every candidate set ties on this network.",
    "collab.brokers": "Brokers (highest betweenness): {brokers}.",
    "collab.broker_ties": "{n} organisations tie for the highest betweenness.",
    "collab.no_brokers": "No broker: every betweenness is 0.",
    "collab.todo_gf": ("Gould-Fernandez brokerage roles are not in this report yet (the analytics "
                       "work has not landed them)."),
    # 7 pipeline
    "pipeline.intro": "{region}'s project pipeline: {n} projects.",
    "pipeline.none": "The KG records no project in this region.",
    "pipeline.would_add": ("If it completes, {project} gives the region a located activity in "
                           "{segments}, where no organisation of the region works today."),
    "pipeline.already_counted": ("The coverage section already counts a project's segments as "
                                 "present; completion would turn that presence into operation."),
    "pipeline.no_change": ("No project still to complete is in a segment the region's "
                           "organisations lack: completion would not change coverage."),
    "fig.capacity": "Announced capacity by status (GWh)",
    # 8 IP
    "ip.none": "The KG holds no patent figure for {region}.",
    "ip.count": "{region} holds {n} patents ({basis}).",
    "ip.basis_direct": "the region's own figure", "ip.basis_sum": "sum over its located holders",
    "ip.published": "Published rank of {holder}: {rank}, ranked against {scope}.",
    "ip.rank": "Among the compared regions with patent data ({peers}) it ranks {rank} of {n}.",
    "ip.no_rank": "No rank among the compared regions: no other has a patent figure in the KG.",
    "ip.unknown": "no figure",
    "ip.holders": "Holders in {region} with their own figure:",
    "ip.partial": "The named holders account for {named} of the {total}.",
    "ip.missing": "No patent figure in the KG (unknown, not zero) for: {regions}.",
    # 9 cost
    "cost.intro": ("The study's targets for solid-state against liquid lithium-ion batteries, "
                   "read from the KG:"),
    "cost.no_targets": "The KG holds no cost or energy-density ratio target.",
    "cost.makers": "Energy-density figures of makers in the compared regions:",
    "cost.no_makers": "No energy-density figure for a maker in the compared regions.",
    "cost.no_baseline": ("The KG holds no liquid lithium-ion baseline (Wh/kg or cost per kWh), so "
                         "no maker's ratio to Li-ion, nor its gap to the targets, can be computed."),
    "cost.baseline": "Liquid lithium-ion baseline in the KG: {value} Wh/kg.",
    "cost.ratio": "{subject}: {ratio} times the lithium-ion baseline.",
    "cost.no_costs": ("No cost figure for {region}'s makers ({n} pack-cost figures in the KG, none "
                      "here): the cost ratio cannot be placed."),
    # 10 diffusion
    "diffusion.intro": "Bass diffusion: market size, fit to a shipment series, scenarios.",
    "diffusion.market": "Market size m: {m} GWh (the study's forecast for {period}).",
    "diffusion.no_market": "No market size in the KG: {reason}",
    "diffusion.no_series": ("No shipment series in the KG long enough for a Bass fit (at least 4 "
                            "periods of actual values):"),
    "diffusion.fit": "Bass fit: p = {p}, q = {q}.",
    "diffusion.todo": ("Network-effective Q and the scenarios in years are not in this report yet "
                       "(the diffusion work has not landed its planner function); the region's "
                       "network has {n} nodes and {e} links."),
    # 11 recommendations
    "rec.intro": "The study's recommendations for {region} and the measured gap that supports each:",
    "rec.none": "The KG holds no recommendation for {region}.",
    "rec.unsupported": "no measured gap found",
    "rec.gap_F": "fragmentation F = {F}",
    "rec.gap_platforms": "{n} platforms without an enterprise partner",
    "rec.gap_segments": "{n} absent segments ({segments}, ...)",
    "rec.gap_ip": "published patent rank {rank}",
    "rec.gap_applications": "absent application segments: {segments}",
    "rec.gap_named": "{segment} named and a gap",
    "rec.uncovered": "Measured gaps no recommendation covers:",
    "rec.all_covered": "Every measured gap is covered by at least one recommendation.",
    "rec.rule": ("A recommendation is linked to a gap by keyword rules over its text "
                 "(docs/report.md); read the links as pointers, not as the study's own mapping."),
    # 12 data coverage
    "cov.intro": "What the KG knows about each compared region, and what it lacks:",
    "cov.no_orgs": "no located organisation", "cov.no_projects": "no project",
    "cov.no_capacity": "no capacity stated", "cov.no_patents": "no patent figure",
    "cov.no_links": "no collaboration link", "cov.nothing": "-",
    "cov.country_only": ("{n} organisations are located only at {country}: they count for no "
                         "region below it."),
    "cov.thin": ("Too thin to compare (fewer than {k} located organisations): {regions}. "
                 "Their figures are shown but say little."),
    "cov.weak": "Sources rated weak (mirrors, aggregators) are marked in the sources section.",
    # 13 sources
    "sources.intro": "{n} sources behind the figures of this report ({w} rated weak, marked).",
    "src.weak": "weak",
}

ZH: dict = {}

TEXTS = {"en": EN, "zh": ZH}
