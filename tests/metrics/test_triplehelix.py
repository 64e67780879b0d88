"""Tests of ssbkg.metrics.triplehelix: Leydesdorff's T_UIG in bits.

Oracles (project reference oracles, reference/oracles/README.md): G = U xor I with
uniform U, I gives -1 bit; U = I = G with p = 0.5 gives +1; independent sectors
give 0. Plus a table worked by hand.
"""

import itertools
import math

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from ssbkg.errors import GraphError
from ssbkg.metrics.triplehelix import sector_presence, triple_helix

COLS = ["university", "industry", "government"]


def table(rows):
    return pd.DataFrame(rows, columns=COLS)


def test_xor_gives_minus_one_bit():
    # U, I uniform and independent, G = U xor I: each record pattern with prob 1/4
    rows = [(u, i, u ^ i) for u, i in itertools.product([0, 1], repeat=2)]
    assert triple_helix(table(rows)).value == pytest.approx(-1.0, abs=1e-12)


def test_identical_sectors_give_plus_one_bit():
    assert triple_helix(table([(1, 1, 1), (0, 0, 0)])).value == pytest.approx(1.0, abs=1e-12)


def test_independent_sectors_give_zero():
    rows = list(itertools.product([0, 1], repeat=3))  # all 8 patterns once
    assert triple_helix(table(rows)).value == pytest.approx(0.0, abs=1e-12)


def test_independent_with_unequal_marginals_give_zero():
    # P(U)=1/2, P(I)=1/4, P(G)=3/4 independent: counts are products of 2x4x4 = 32 records
    rows = []
    for u, i, g in itertools.product([0, 1], repeat=3):
        count = 1 * (1 if i else 3) * (3 if g else 1)
        rows += [(u, i, g)] * count
    assert triple_helix(table(rows)).value == pytest.approx(0.0, abs=1e-12)


def test_worked_by_hand():
    t = triple_helix(table([(1, 1, 0), (1, 0, 0), (0, 1, 1), (1, 1, 1)]))
    # H_U = H_I = H(3/4) = 0.811278; H_G = H(1/2) = 1
    # H_UI: patterns 11, 10, 01, 11 -> (1/2, 1/4, 1/4) = 1.5; H_UG: 10, 10, 01, 11 -> 1.5;
    # H_IG: 10, 00, 11, 11 -> 1.5; H_UIG: four distinct -> 2
    # T = 2 * 0.811278 + 1 - 4.5 + 2 = 0.122556
    assert t.entropies["U"] == pytest.approx(0.811278, abs=1e-6)
    assert t.entropies["UIG"] == pytest.approx(2.0)
    assert t.value == pytest.approx(0.122556, abs=1e-6)
    assert t.defined and t.n_records == 4


def test_absent_sector_is_undefined_with_a_reason():
    t = triple_helix(table([(1, 1, 0), (0, 1, 0)]))
    assert math.isnan(t.value) and not t.defined
    assert "government" in t.reason


def test_no_records_is_undefined():
    t = triple_helix(table([]))
    assert math.isnan(t.value) and t.reason == "no records"


def test_drop_empty_records():
    # with the (0,0,0) record dropped, U = I = G leaves one pattern: all entropies 0
    t = triple_helix(table([(1, 1, 1), (0, 0, 0)]), drop_empty=True)
    assert t.n_dropped == 1 and t.n_records == 1 and t.value == 0.0


def test_missing_column_raises():
    with pytest.raises(GraphError, match="lacks column"):
        triple_helix(pd.DataFrame({"university": [1]}))


def test_sector_presence_from_graph():
    G = nx.Graph()
    G.add_node("hz-uni", sector="university")
    G.add_node("cat", sector="industry")
    G.add_node("gov", sector="government")
    G.add_node("plat", sector="platform")
    P = sector_presence([["hz-uni", "cat"], ["plat", "gov"], ["plat"]], G)
    assert P.to_numpy().tolist() == [[True, True, False], [False, False, True], [False, False, False]]
    with pytest.raises(GraphError, match="no sector"):
        sector_presence([["ghost"]], G)


def test_value_is_invariant_to_record_order():
    rng = np.random.default_rng(0)
    rows = rng.integers(0, 2, size=(50, 3))
    a = triple_helix(table(rows)).value
    b = triple_helix(table(rows[::-1])).value
    assert a == pytest.approx(b, abs=1e-12)
