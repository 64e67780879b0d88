"""Competing claims: the ``conflicts`` query and the rule that picks one, worked by hand.

A copy of the tiny tables (tests/fixtures/tiny: src-a primary, issued 2024-05;
src-b weak, issued 2023; proj-line under_construction on src-a; org-beta located
in North Province on src-b) gains, in this file, two secondary sources, four
claims and two observations:

========================  =========================  ===========  ==========
fact                      claim                      reliability  date
========================  =========================  ===========  ==========
proj-line status          row: under_construction    primary      2024-05 (src-a issued)
                          c-op: operating            secondary    2025-06
                          c-plan: planned            weak         2023
org-beta location         row: tx-prov               weak         2023 (src-b issued)
                          c-city: tx-city            secondary    2025
                          c-land: tx-land            secondary    2025
proj-line capacity 2026   obs-cap: 2 (to 4) GWh      primary      2024-01-15
                          obs-cap-c: 3 GWh           secondary    2025-06
========================  =========================  ===========  ==========

and one more patent count of org-alpha from src-b, the source of the first: one
source giving two figures is not a disagreement, so it is not listed.
"""

from __future__ import annotations

import pandas as pd
import pytest

from ssbkg.build import build_store
from ssbkg.claims import choose, conflicts, preferred
from ssbkg.errors import GraphError, InputError
from ssbkg.kg import KG
from ssbkg.projections import project_table
from ssbkg.tables import read_tables
from ssbkg.validate import violations

CLAIMS = """id,subject,property,value,stated_on,source,locator,inference,note
c-op,proj-line,status,operating,2025-06,src-c,p. 1,,
c-plan,proj-line,status,planned,2023,src-b,,,
c-city,org-beta,region,tx-city,2025,src-c,p. 2,,
c-land,org-beta,region,tx-land,2025,src-d,,,
"""
SOURCES = ("src-c,Report C,Pub C,https://example.org/c,2025-06,news,secondary,\n"
           "src-d,Report D,Pub D,https://example.org/d,2025,news,secondary,\n")
OBS = ("obs-cap-c,proj-line,annual_capacity,3,,GigaW-HR,exact,plan,2025-06,2026,,,,src-c,p. 3,,\n"
       "obs-pat-2,org-alpha,patent_count,130,,NUM,approximately,actual,2024-05,2023,,,China,src-b,,,\n")


def _append(path, text):
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _folder(tiny_copy, claims=CLAIMS):
    _append(tiny_copy / "sources.csv", SOURCES)
    _append(tiny_copy / "observations.csv", OBS)
    (tiny_copy / "claims.csv").write_text(claims, encoding="utf-8")
    return tiny_copy


@pytest.fixture
def claims_kg(tiny_copy):
    return KG(build_store(with_=[_folder(tiny_copy)], curated=False).store)


def test_conflicts_lists_every_competing_claim(claims_kg):
    rows = conflicts(claims_kg)
    got = sorted((r.subject, r.property, r.value, r.sources, r.reliability, r.stated_on, r.issued)
                 for r in rows.itertuples())
    assert got == sorted([
        ("org-beta", "location", "tx-prov", "src-b", "weak", "", "2023"),
        ("org-beta", "location", "tx-city", "src-c", "secondary", "2025", "2025-06"),
        ("org-beta", "location", "tx-land", "src-d", "secondary", "2025", "2025"),
        ("proj-line", "ind_annual_capacity", "2", "src-a", "primary", "2024-01-15", "2024-05"),
        ("proj-line", "ind_annual_capacity", "3", "src-c", "secondary", "2025-06", "2025-06"),
        ("proj-line", "status", "status_under_construction", "src-a", "primary", "", "2024-05"),
        ("proj-line", "status", "status_operating", "src-c", "secondary", "2025-06", "2025-06"),
        ("proj-line", "status", "status_planned", "src-b", "weak", "2023", "2023"),
    ])
    # org-alpha's two patent counts (120, 130) both come from src-b: not a conflict
    assert "org-alpha" not in set(rows["subject"])


def test_the_rule_picks_most_reliable_then_newest(claims_kg):
    facts = preferred(claims_kg).set_index(["subject", "property"])
    # primary src-a beats the newer secondary and the weak claim
    assert facts.loc[("proj-line", "status"), "chosen"] == "status_under_construction"
    assert facts.loc[("proj-line", "status"), "claims"] == 3
    assert facts.loc[("proj-line", "ind_annual_capacity"), "chosen"] == "2"
    # two secondary claims of 2025 with different places: a tie, nothing chosen
    beta = facts.loc[("org-beta", "location")]
    assert pd.isna(beta["chosen"])
    assert beta["note"] == "tie: 2 secondary claims of 2025 with different values; none chosen"


def test_project_table_uses_the_rule(claims_kg, tiny_copy):
    assert project_table(claims_kg).set_index("id").loc["proj-line", "status"] == "under_construction"


def test_a_newer_primary_claim_wins(tiny_copy):
    # the same, with c-op's source made primary: 2025-06 is newer than src-a's 2024-05
    kg = KG(build_store(with_=[_folder(tiny_copy)], curated=False).store)
    frame = conflicts(kg)
    frame.loc[frame["sources"] == "src-c", "reliability"] = "primary"
    facts = preferred(frame).set_index(["subject", "property"])
    assert facts.loc[("proj-line", "status"), "chosen"] == "status_operating"
    assert facts.loc[("proj-line", "status"), "note"] == "newest of the primary claims (2025-06)"


@pytest.mark.parametrize("dates, expected", [
    (["2025", "2025-03"], None),          # cannot be ordered: equal at the common precision
    (["2024-12-31", "2025"], 1),          # 2025 is later than any day of 2024
    (["2025-02", "2025-01-31"], 0),
])
def test_dates_of_different_precision(dates, expected):
    rows = pd.DataFrame({"value": ["a", "b"], "reliability": ["weak", "weak"],
                         "stated_on": dates, "issued": ["", ""]})
    assert choose(rows)[0] == expected


def test_undated_claims_and_errors():
    rows = pd.DataFrame({"value": ["a", "b"], "reliability": ["weak", "weak"],
                         "stated_on": ["", ""], "issued": ["", ""]})
    assert choose(rows) == (None, "tie: 2 undated weak claims; none chosen")
    with pytest.raises(GraphError, match="no claims"):
        choose(rows.iloc[:0])
    with pytest.raises(GraphError, match="unknown reliability 'strong'"):
        choose(rows.assign(reliability="strong"))


def test_claim_graph_and_shape(claims_kg):
    rows = claims_kg.query("""SELECT ?p ?o WHERE { GRAPH <https://w3id.org/ssbkg/id/assertion/claims/c-op>
        { <https://w3id.org/ssbkg/id/claim/c-op> ?p ?o } }""")
    got = sorted((str(r["p"]).rsplit("#", 1)[-1], str(r["o"]).rsplit("/", 1)[-1]) for r in rows)
    assert got == sorted([
        ("type", "ontology#Claim"), ("subject", "proj-line"), ("predicate", "ontology#status"),
        ("object", "ontology#status_operating"), ("statedOn", "2025-06"),
    ])
    assert [r for r in violations(claims_kg, "sparql") if "/claim/" in r["focus"]] == []


@pytest.mark.parametrize("row, field, words", [
    ("c-x,proj-line,capacity,3,,src-a,,,\n", "property", "unknown claim property 'capacity'"),
    ("c-x,proj-line,status,running,,src-a,,,\n", "value", "unknown status 'running'"),
    ("c-x,org-beta,region,tx-moon,,src-a,,,\n", "value", "unknown region id 'tx-moon'"),
])
def test_bad_claims_are_refused(tiny_copy, row, field, words):
    with pytest.raises(InputError, match=words) as err:
        read_tables(_folder(tiny_copy, CLAIMS.split("\n", 1)[0] + "\n" + row), curated=False)
    assert err.value.field == field
