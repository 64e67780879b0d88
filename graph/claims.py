"""Competing claims and the rule that picks one.

Where sources disagree (a project "operating" in one and "under construction" in
another, a capacity stated as 2 GWh and as 3 GWh) the KG keeps every claim with
its sources and date (``data/claims.csv``, the rows themselves, observations);
the named query ``conflicts`` lists them. Analytics that need one value use
:func:`preferred`, which applies the documented rule (docs/data.md,
"Conflicting sources"):

1. the claim of the **most reliable** source first (primary, then secondary,
   then weak; a claim with several sources counts with its best one);
2. among those, the **newest**: its ``stated_on``, else the latest ``issued``
   date of its sources;
3. when two claims tie on both (same reliability, same date, or dates that
   cannot be ordered such as ``2025`` and ``2025-03``), **no claim is chosen**:
   the fact's ``chosen`` is None and ``note`` names the tie.
"""

from __future__ import annotations

import pandas as pd

from .errors import GraphError

__all__ = ["RELIABILITY_ORDER", "FACT_COLUMNS", "conflicts", "choose", "preferred"]

#: Reliability -> rank (lower is preferred).
RELIABILITY_ORDER = {"primary": 0, "secondary": 1, "weak": 2}

#: The columns that name one disputed fact.
FACT_COLUMNS = ["subject", "property", "unit", "ref_period", "kind", "scope"]

_DATA = "https://w3id.org/ssbkg/id/"
_ONTO = "https://w3id.org/ssbkg/ontology#"


def _short(value):
    if isinstance(value, float) and value == value:
        # a number as text, like the other values (2.0 -> "2", 614.1 -> "614.1")
        return str(int(value)) if value.is_integer() else repr(value)
    if not isinstance(value, str):
        return value
    if value.startswith(_ONTO):
        return value[len(_ONTO):]
    if value.startswith((_DATA, "http://qudt.org/vocab/", "https://schema.org/")):
        return value.rsplit("/", 1)[-1]
    return value


def conflicts(kg, subject=None) -> pd.DataFrame:
    """The competing claims of the KG (the named query ``conflicts``), ids shortened.

    Parameters
    ----------
    kg : ssbkg.kg.KG
    subject : str, optional
        Only the conflicts about this entity (its full IRI).

    Returns
    -------
    pandas.DataFrame
        One row per claim: :data:`FACT_COLUMNS`, ``value``, ``claim``,
        ``stated_on``, ``issued``, ``sources``, ``reliability``; IRIs as local
        ids (``huzhou-weilan-2gwh``, ``status_operating``, ``GigaW-HR``),
        numbers as text (``"2"``, ``"614.1"``), missing dates as ``""``.

    Examples
    --------
    >>> from ssbkg.build import curated_kg
    >>> rows = conflicts(curated_kg())
    >>> rows[rows["subject"] == "huzhou-weilan-2gwh"][["value", "stated_on", "sources"]].to_dict("records")
    ... # doctest: +NORMALIZE_WHITESPACE
    [{'value': 'status_operating', 'stated_on': '2023-07', 'sources': 'pf-42'},
     {'value': 'status_under_construction', 'stated_on': '2025', 'sources': 'seed-study'}]
    """
    from .catalogue import run

    params = {} if subject is None else {"subject": subject}
    frame = run(kg, "conflicts", **params)
    frame = frame.map(_short)
    for col in ("stated_on", "issued", "sources", "unit", "ref_period", "kind", "scope"):
        frame[col] = frame[col].map(lambda v: "" if v is None or (isinstance(v, float) and v != v)
                                    else str(v))
    return frame.reset_index(drop=True)


def _date_key(text: str):
    """``"2023-07"`` -> ``(2023, 7)``; empty -> None."""
    if not text:
        return None
    return tuple(int(p) for p in text.split("-"))


def _newer(a, b):
    """1 if date ``a`` is later than ``b``, -1 if earlier, 0 if they cannot be ordered."""
    n = min(len(a), len(b))
    if a[:n] != b[:n]:
        return 1 if a[:n] > b[:n] else -1
    return 0  # equal, or equal at the common precision (2025 against 2025-03)


def choose(claims: pd.DataFrame) -> tuple:
    """Pick the claim of one fact by the rule of this module.

    Parameters
    ----------
    claims : pandas.DataFrame
        The claims of one fact: columns ``value``, ``reliability`` and
        ``stated_on`` and/or ``issued`` (as :func:`conflicts` gives them).

    Returns
    -------
    (index or None, str)
        The index label of the chosen row, or None on a tie, and a note
        saying why.

    Raises
    ------
    GraphError
        When ``claims`` is empty or a reliability is not primary, secondary or weak.

    Examples
    --------
    >>> rows = pd.DataFrame({"value": ["operating", "under_construction"],
    ...                      "reliability": ["secondary", "secondary"],
    ...                      "stated_on": ["2023-07", "2025"], "issued": ["2023-07", "2025"]})
    >>> choose(rows)
    (1, 'newest of the secondary claims (2025)')
    >>> rows.loc[0, "reliability"] = "primary"
    >>> choose(rows)
    (0, 'only primary claim')
    >>> rows.loc[1, ["reliability", "stated_on"]] = ["primary", "2023-07"]
    >>> choose(rows)
    (None, 'tie: 2 primary claims of 2023-07 with different values; none chosen')
    """
    if claims.empty:
        raise GraphError("no claims to choose from")
    bad = set(claims["reliability"]) - set(RELIABILITY_ORDER)
    if bad:
        raise GraphError(f"unknown reliability {sorted(bad)[0]!r}; expected primary, secondary or weak")
    rank = claims["reliability"].map(RELIABILITY_ORDER)
    best = claims[rank == rank.min()]
    level = best["reliability"].iloc[0]
    if len(best) == 1:
        return best.index[0], f"only {level} claim"
    dated = []
    for idx, row in best.iterrows():
        text = row.get("stated_on") or row.get("issued") or ""
        key = _date_key(str(text)) if isinstance(text, str) else None
        if key is not None:
            dated.append((idx, key, str(text)))
    if not dated:
        return None, f"tie: {len(best)} undated {level} claims; none chosen"
    top = [dated[0]]
    for item in dated[1:]:
        order = _newer(item[1], top[0][1])
        if order > 0:
            top = [item]
        elif order == 0:
            top.append(item)
    if len({claims.loc[i, "value"] for i, _, _ in top}) == 1:
        undated = len(best) - len(dated)
        extra = f"; {undated} undated claim(s) not ranked" if undated else ""
        return top[0][0], f"newest of the {level} claims ({top[0][2]}){extra}"
    dates = sorted({d for _, _, d in top})
    return None, (f"tie: {len(top)} {level} claims of {' / '.join(dates)} with different "
                  "values; none chosen")


def preferred(kg_or_claims) -> pd.DataFrame:
    """Per disputed fact, the claim the rule picks.

    Parameters
    ----------
    kg_or_claims : ssbkg.kg.KG or pandas.DataFrame
        A KG (its :func:`conflicts` are read) or a frame shaped like them.

    Returns
    -------
    pandas.DataFrame
        One row per fact: :data:`FACT_COLUMNS`, ``chosen`` (the value, or None
        on a tie), ``claim`` (the chosen claim's id or graph), ``claims`` (how
        many competed) and ``note``.

    Examples
    --------
    >>> from ssbkg.build import curated_kg
    >>> facts = preferred(curated_kg()).set_index("subject")
    >>> facts.loc["huzhou-weilan-2gwh", ["chosen", "note"]].tolist()
    ['status_under_construction', 'newest of the secondary claims (2025)']
    """
    claims = kg_or_claims if isinstance(kg_or_claims, pd.DataFrame) else conflicts(kg_or_claims)
    out = []
    for key, group in claims.groupby(FACT_COLUMNS, sort=True, dropna=False):
        idx, note = choose(group)
        out.append({**dict(zip(FACT_COLUMNS, key)),
                    "chosen": None if idx is None else group.loc[idx, "value"],
                    "claim": None if idx is None else group.loc[idx, "claim"],
                    "claims": len(group), "note": note})
    return pd.DataFrame(out, columns=[*FACT_COLUMNS, "chosen", "claim", "claims", "note"])
