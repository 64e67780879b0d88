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
    "fig.where": "(figure in the HTML report)",
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

ZH = {
    "report.title": "产业集群短板报告：{region}",
    "fallback.note": "标有 † 的名称在知识图谱中没有中文标签，显示其英文名称。",
    "none": "无", "anywhere": "不限", "undefined": "无定义", "yes": "是", "no": "否",
    "peers.default": "默认：{within}境内至少有 {k} 家已定位机构的{level}，取机构最多的 {m} 个",
    "peers.given": "由用户指定",
    "level.park": "园区", "level.industrial_park": "产业园区", "level.district": "区",
    "level.county": "县", "level.city": "市", "level.province": "省级地区",
    "level.country": "国家", "level.macro_region": "大区", "level.world": "世界",
    "title.summary": "摘要",
    "title.profile": "与对标地区的概况比较",
    "title.coverage": "产业链覆盖",
    "title.routes": "技术路线",
    "title.gaps": "短板与招引方向",
    "title.collaboration": "创新平台与协同",
    "title.pipeline": "项目储备",
    "title.ip": "知识产权",
    "title.cost": "成本与能量密度",
    "title.diffusion": "扩散前景",
    "title.recommendations": "对策建议",
    "title.data_coverage": "数据覆盖与注意事项",
    "title.sources": "来源",
    "state.absent": "缺失", "state.present": "已有", "state.specialised": "专业化",
    "type.enterprise": "企业", "type.university": "高校", "type.research_institute": "科研院所",
    "type.platform": "平台", "type.government_body": "政府机构",
    "col.item": "项目", "col.region": "地区", "col.stage": "环节", "col.segment": "细分领域",
    "col.segments": "细分领域", "col.state": "状态", "col.lq": "区位商",
    "col.organisations": "机构", "col.projects": "项目", "col.route": "技术路线",
    "col.routes": "路线数", "col.study": "研究报告提及", "col.entropy": "熵（比特）",
    "col.evenness": "均匀度", "col.note": "说明", "col.rank": "排序",
    "col.basis": "持有方式（总部/基地/项目）", "col.sites": "基地",
    "col.peers_holding": "持有该领域的对标地区数",
    "col.density": "关联密度", "col.cog": "复杂度前景增益", "col.close_to": "最相近的已有领域",
    "col.candidates": "外地候选机构", "col.metric": "指标", "col.value": "数值",
    "col.nodes": "节点", "col.edges": "联系", "col.F": "F", "col.unlinked": "无企业伙伴的平台",
    "col.project": "项目", "col.developer": "建设单位", "col.location": "地点", "col.status": "状态",
    "col.year": "年份", "col.gwh": "GWh", "col.tonnes": "吨", "col.patents": "专利",
    "col.rank_among": "在有数据地区中的排名", "col.holder": "持有人", "col.scope": "口径",
    "col.indicator": "指标", "col.qualifier": "限定", "col.ratio": "比值", "col.kind": "类型",
    "col.subject": "对象", "col.wh_kg": "Wh/kg", "col.stated": "发布日期",
    "col.id": "建议", "col.theme": "主题", "col.text": "内容", "col.gap": "支撑它的实测短板",
    "col.organisations_n": "机构数", "col.below": "定位到下级地区的机构",
    "col.projects_n": "项目数", "col.sources_n": "来源数", "col.lacks": "知识图谱缺少的信息",
    "summary.thin": "覆盖提示：知识图谱在{region}只定位到 {n} 家机构，以下数字更多反映数据本身而非该地区。",
    "summary.absent": "{region}缺失 {n} 个产业链细分领域，其中最易补齐的是{segment}（关联密度 {density}）。",
    "summary.absent_zero": "{region}缺失 {n} 个产业链细分领域，均与现有产业无关联（最高关联密度 {density}），补齐任何一个都属于从零起步。",
    "summary.absent_unranked": "{region}缺失 {n} 个产业链细分领域（{segments}等），均无法按关联度排序：对标地区都没有这些领域。",
    "summary.no_absent": "{region}在每个产业链细分领域都有机构。",
    "summary.unspecialised": "有 {n} 个细分领域已有布局但未形成专业化，首先应加强的是{segment}（区位商 {lq}）。",
    "summary.no_unspecialised": "所有已有布局的细分领域都已专业化（区位商不低于 1）。",
    "summary.no_network": "{region}没有机构进入协同网络。",
    "summary.edgeless": "该地区的 {n} 家机构和平台之间没有任何已记录的联系，{u} 个平台没有企业伙伴。",
    "summary.fragmentation": "产学研协同较为分散：Borgatti 碎片度 F = {F}（彼此不可达的机构对所占比例），{u} 个平台没有企业伙伴。",
    "summary.peers": "对标地区：{peers}（{rule}）。",
    "summary.no_peers": "知识图谱中没有可比的地区（{rule}）：本报告只描述该地区本身，以下比较只有一列。",
    "profile.intro": "{region}及其对标地区的机构、项目、产能和专利（机构指位于该地区或其下级地区的机构）。",
    "profile.organisations": "机构", "profile.stage": "{stage}机构",
    "profile.projects": "项目", "profile.sites": "基地（工厂、生产基地、研发中心）",
    "profile.capacity": "产能 {unit}，{status}", "profile.patents": "专利",
    "profile.collab_edges": "协同联系",
    "profile.no_sites": "知识图谱中除总部和项目外没有基地（工厂、生产基地）信息：产能按项目所在地统计。",
    "profile.cells_unknown": "空白单元格表示知识图谱中没有该数字（未知，而非零）。",
    "coverage.intro": "逐个细分领域列出：缺失（该地区没有企业持有）、已有、或专业化（区位商不低于 1，对比范围：{reference}），并列出每格背后的机构、基地和项目。",
    "coverage.basis": "口径：若一家企业在某地区开展某细分领域业务（总部在该地区，或在该地区运营的基地、承建的项目标明了该领域），则该地区持有该领域（上表中“总部/基地/项目”为各方式对应的机构数）。",
    "coverage.project_only": "该地区有项目但没有机构持有的细分领域（项目未写明建设单位，因此不计入）：{segments}。",
    "coverage.matrix_intro": "该地区与各对标地区的同一状态（括号内为机构数）：",
    "fig.coverage": "产业链覆盖：缺失、已有、专业化",
    "fig.where": "（图见 HTML 版报告）",
    "routes.intro": "该地区及对标地区各技术路线上的机构数，以及研究报告是否提及该路线。",
    "routes.no_orgs": "此处没有已定位的机构",
    "routes.missing": "研究报告提及、但{region}没有机构布局的路线：{routes}。",
    "routes.none_missing": "研究报告提及的每条路线{region}都有机构布局。",
    "gaps.intro": "两类短板，各按关联密度排序（该领域与{region}现有产业的接近程度，即可行性），在有定义时给出复杂度前景增益（战略价值），并列出可补齐每个短板的外地机构。",
    "gaps.absent_intro": "缺失的细分领域（{n} 个）：",
    "gaps.unspecialised_intro": "已有但未专业化的细分领域（{n} 个，区位商低于 1）：",
    "gaps.density_nan": "关联密度无定义：没有相关的已有领域",
    "gaps.not_ranked": "未排序：对标地区都没有企业从事该领域",
    "gaps.no_candidates": "知识图谱中没有机构从事该领域",
    "gaps.more": "另有 {n} 家",
    "gaps.cog_undefined": "此处复杂度前景增益无定义：{reason}",
    "gaps.cog_no_row": "该地区不在复杂度矩阵中",
    "gaps.eci": "该地区的经济复杂度指数：{eci}；复杂度前景指数：{coi}（在 {n} 个同级地区中）。",
    "gaps.eci_undefined": "经济复杂度指数无定义：{reason}",
    "gaps.reference": "区位商和关联密度的对比范围：{reference}。",
    "fig.opportunity": "机会图：关联密度与复杂度前景增益",
    "collab.intro": "{region}机构与平台的协同网络（包括它们之间的直接联系，以及由共同项目和平台派生的联系）。",
    "collab.n_nodes": "机构与平台", "collab.n_edges": "联系", "collab.n_components": "连通分量",
    "collab.n_isolates": "孤立点", "collab.F": "碎片度 F（Borgatti）",
    "collab.dF": "距离加权碎片度 dF", "collab.share_enterprises_linked": "与科研机构或平台相连的企业占比",
    "collab.n_platforms_without_enterprise": "没有企业伙伴的平台",
    "collab.triple_helix_bits": "三螺旋协同 T（比特）", "collab.ei_type": "按类型的 E-I 指数",
    "collab.library_note": "无定义的指标：",
    "collab.edgeless": "该网络有 {n} 个节点而没有任何联系：按定义 F = 1，任何关键节点或中介的选择都并列，因此不列名。",
    "collab.empty": "该地区没有机构进入协同网络。",
    "collab.unlinked": "没有企业伙伴的平台（{n} 个）：{platforms}。",
    "collab.key_players": "关键节点（移除后网络最为分散）：{players}。",
    "collab.key_players_tie": "关键节点：不列名，该网络上所有候选组合并列。",
    "collab.brokers": "中介（中间中心度最高）：{brokers}。",
    "collab.broker_ties": "有 {n} 家机构并列最高中间中心度。",
    "collab.no_brokers": "没有中介：所有中间中心度均为 0。",
    "collab.todo_gf": "本报告尚未包含 Gould-Fernandez 中介角色（分析模块尚未提供）。",
    "pipeline.intro": "{region}的项目储备：{n} 个项目。",
    "pipeline.none": "知识图谱中该地区没有项目。",
    "pipeline.would_add": "{project}若建成，将使该地区在{segments}有实际布局，而目前该地区没有机构从事这些领域。",
    "pipeline.already_counted": "覆盖一节已把项目的细分领域计为已有；项目建成会把这种布局变为实际运营。",
    "pipeline.no_change": "尚未建成的项目都不在该地区机构缺失的领域：建成不会改变覆盖状况。",
    "fig.capacity": "按状态的公告产能（GWh）",
    "ip.none": "知识图谱中没有{region}的专利数字。",
    "ip.count": "{region}拥有 {n} 件专利（{basis}）。",
    "ip.basis_direct": "该地区自身的数字", "ip.basis_sum": "区内持有人的合计",
    "ip.published": "{holder}的公开排名：第 {rank} 位，排名范围：{scope}。",
    "ip.rank": "在有专利数据的对标地区（{peers}）中排第 {rank} 位，共 {n} 个。",
    "ip.no_rank": "无法在对标地区中排名：其他地区在知识图谱中都没有专利数字。",
    "ip.unknown": "无数字",
    "ip.holders": "{region}有自身数字的专利持有人：",
    "ip.partial": "列名的持有人共占 {total} 件中的 {named} 件。",
    "ip.missing": "知识图谱中没有专利数字（未知，而非零）的地区：{regions}。",
    "cost.intro": "研究报告中固态电池相对液态锂离子电池的目标（取自知识图谱）：",
    "cost.no_targets": "知识图谱中没有成本或能量密度比值目标。",
    "cost.makers": "对标地区内厂商的能量密度数字：",
    "cost.no_makers": "对标地区内没有厂商的能量密度数字。",
    "cost.no_baseline": "知识图谱中没有液态锂离子电池的基准值（Wh/kg 或每 kWh 成本），因此无法计算任何厂商相对锂离子电池的比值及其与目标的差距。",
    "cost.baseline": "知识图谱中的液态锂离子基准：{value} Wh/kg。",
    "cost.ratio": "{subject}：为锂离子基准的 {ratio} 倍。",
    "cost.no_costs": "{region}厂商没有成本数字（知识图谱中有 {n} 个电池包成本数字，均不在此）：无法确定成本比值。",
    "diffusion.intro": "Bass 扩散：市场规模、对出货序列的拟合、情景。",
    "diffusion.market": "市场规模 m：{m} GWh（研究报告对 {period} 年的预测）。",
    "diffusion.no_market": "知识图谱中没有市场规模：{reason}",
    "diffusion.no_series": "知识图谱中没有足够长的出货序列（至少 4 期实际值）用于 Bass 拟合：",
    "diffusion.fit": "Bass 拟合：p = {p}，q = {q}。",
    "diffusion.todo": "本报告尚未包含网络有效 Q 及以年计的情景（扩散模块尚未提供规划函数）；该地区网络有 {n} 个节点、{e} 条联系。",
    "rec.intro": "研究报告对{region}的建议，以及支撑每条建议的实测短板：",
    "rec.none": "知识图谱中没有针对{region}的建议。",
    "rec.unsupported": "未发现实测短板",
    "rec.gap_F": "碎片度 F = {F}",
    "rec.gap_platforms": "{n} 个平台没有企业伙伴",
    "rec.gap_segments": "{n} 个缺失领域（{segments}等）",
    "rec.gap_ip": "专利公开排名第 {rank} 位",
    "rec.gap_applications": "缺失的应用领域：{segments}",
    "rec.gap_named": "文中提及且为短板：{segment}",
    "rec.uncovered": "没有建议覆盖的实测短板：",
    "rec.all_covered": "每个实测短板都至少有一条建议覆盖。",
    "rec.rule": "建议与短板之间按其文本的关键词规则关联（见 docs/report.md）；这些关联仅供参考，并非研究报告本身的对应关系。",
    "cov.intro": "知识图谱对每个比较地区掌握了什么、缺少什么：",
    "cov.no_orgs": "没有已定位的机构", "cov.no_projects": "没有项目",
    "cov.no_capacity": "没有产能数字", "cov.no_patents": "没有专利数字",
    "cov.no_links": "没有协同联系", "cov.nothing": "-",
    "cov.country_only": "有 {n} 家机构只定位到{country}：它们不计入其下级任何地区。",
    "cov.thin": "数据过少、不宜比较（已定位机构少于 {k} 家）：{regions}。其数字仅作展示，说明力有限。",
    "cov.weak": "可靠性较弱的来源（镜像、聚合网站）在来源一节中标出。",
    "sources.intro": "本报告数字背后的 {n} 个来源（其中 {w} 个可靠性较弱，已标出）。",
    "src.weak": "较弱",
}

from .changes_texts import EN as _CHANGES_EN, ZH as _CHANGES_ZH  # noqa: E402 ("What changed")

EN.update(_CHANGES_EN)
ZH.update(_CHANGES_ZH)

TEXTS = {"en": EN, "zh": ZH}
