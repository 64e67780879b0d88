"""Fixtures of the report tests: the curated KG, a KG with a hostile organisation name."""

from __future__ import annotations

import pytest

HOSTILE = "<img src=x onerror=alert(1)>"
HOSTILE_ID = "hostile-org"


@pytest.fixture(scope="session")
def kg():
    from ssbkg.build import curated_kg

    return curated_kg()


@pytest.fixture(scope="session")
def hostile_kg(tmp_path_factory):
    """The curated KG plus one Zhejiang enterprise whose name is an HTML payload."""
    from ssbkg.build import build_store
    from ssbkg.kg import KG

    d = tmp_path_factory.mktemp("hostile")
    (d / "organisations.csv").write_text(
        "id,type,label_en,label_zh,alt_labels,region,parent_org,segments,routes,founded,"
        "source,locator,inference,note\n"
        f'{HOSTILE_ID},enterprise,"{HOSTILE}","{HOSTILE}",,cn-zj-huzhou,,packs;cells,sulfide,,'
        "seed-study,test row,,\n", encoding="utf-8")
    return KG(build_store(with_=[d]).store)


@pytest.fixture(scope="session")
def zj_report(kg):
    from ssbkg.report import cluster_gap_report

    return cluster_gap_report(kg, "Zhejiang")
