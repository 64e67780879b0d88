"""Texts of the report's "What changed" section (graph/report/changes.py), in English and Chinese."""

from __future__ import annotations

__all__ = ["EN", "ZH"]

EN = {
    "title.changes": "What changed",
    "changes.intro": ("Since {old}: {a} rows added, {r} removed, {c} changed and {p} with other "
                      "sources only, in the whole KG; {n} of these rows concern {region}."),
    "changes.none": "Nothing changed since {old}: every row has the same facts and sources.",
    "changes.warnings": "Early warnings about {region} ({n}):",
    "changes.no_warnings": "No early warning concerns {region}.",
    "changes.rows": "The rows about {region} that changed:",
    "changes.more": "{n} more rows are not shown here; 'ssbkg diff' lists every change.",
    "changes.rule": ("A row is one table row (an organisation, a project, an observation ...); an "
                     "observation or claim counts for the entity it is about, a collaboration "
                     "for each party. The rules and their thresholds are in docs/monitoring.md; "
                     "the derived graphs are recomputed from the data and not listed."),
    "col.warning": "warning", "col.before": "before", "col.after": "after",
    "col.sources": "sources", "col.change": "change", "col.fields": "fields", "col.row": "row",
    "change.added": "added", "change.removed": "removed", "change.changed": "changed",
    "change.provenance": "other sources",
    "warn.status-backwards": "status moved back", "warn.past-due": "past its year",
    "warn.capacity-cut": "capacity cut", "warn.new-gap": "new gap",
    "warn.gap-filled": "gap filled", "warn.platform-orphaned": "platform without enterprise",
    "warn.source-weakened": "source weakened", "warn.collaboration-ended": "collaboration ended",
}

ZH = {
    "title.changes": "变化情况",
    "changes.intro": ("自 {old} 以来：整个知识图谱中新增 {a} 行、删除 {r} 行、修改 {c} 行，另有 {p} 行仅来源变化；"
                      "其中 {n} 行涉及{region}。"),
    "changes.none": "自 {old} 以来没有变化：每一行的事实和来源都相同。",
    "changes.warnings": "涉及{region}的预警（{n} 条）：",
    "changes.no_warnings": "没有涉及{region}的预警。",
    "changes.rows": "涉及{region}且发生变化的行：",
    "changes.more": "另有 {n} 行未在此列出；'ssbkg diff' 列出全部变化。",
    "changes.rule": ("一行即数据表中的一行（机构、项目、观测值……）；观测值或主张计入其所涉实体，"
                     "合作计入每一方。各项规则及其阈值见 docs/monitoring.md；派生图由数据重新计算，不予列出。"),
    "col.warning": "预警", "col.before": "之前", "col.after": "之后",
    "col.sources": "来源", "col.change": "变化", "col.fields": "字段", "col.row": "行",
    "change.added": "新增", "change.removed": "删除", "change.changed": "修改",
    "change.provenance": "来源变化",
    "warn.status-backwards": "状态倒退", "warn.past-due": "逾期未完成",
    "warn.capacity-cut": "产能下调", "warn.new-gap": "新出现空白",
    "warn.gap-filled": "空白被填补", "warn.platform-orphaned": "平台失去企业伙伴",
    "warn.source-weakened": "来源变弱", "warn.collaboration-ended": "合作终止",
}
