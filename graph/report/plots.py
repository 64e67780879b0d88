"""The report's plots as inline SVG text (matplotlib, byte-identical across runs).

Text stays text in the SVG (``svg.fonttype = 'none'``, escaped by matplotlib's
writer), so Chinese labels need no font file and nothing is fetched; the
hash salt is fixed and the date left out so that a rerun gives the same bytes.
"""

from __future__ import annotations

import io
import math
import re
import warnings

__all__ = ["figures_svg", "svg_text"]

_RC = {"svg.hashsalt": "ssbkg-report", "svg.fonttype": "none", "font.size": 9,
       "axes.spines.top": False, "axes.spines.right": False}
_STATE_COLOURS = ("#f4f4f4", "#9ecae1", "#2171b5")


def svg_text(fig) -> str:
    """The figure as SVG markup to inline in HTML (no XML prolog, no date, fixed ids)."""
    import matplotlib.pyplot as plt

    buf = io.StringIO()
    with warnings.catch_warnings():
        # text stays text (svg.fonttype none): a glyph missing from the layout font only
        # shifts the measured box; the browser draws the label with its own fonts
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None},
                    bbox_inches="tight")
    plt.close(fig)
    text = buf.getvalue()
    start = text.find("<svg")
    return text[start:].strip()


def _nan(v):
    return v is None or (isinstance(v, float) and math.isnan(v))


def _heatmap(d):
    import matplotlib.pyplot as plt
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    fig, ax = plt.subplots(figsize=(max(5.0, 0.55 * len(d["segments"]) + 2),
                                    0.45 * len(d["regions"]) + 2.2))
    ax.imshow(d["values"], cmap=ListedColormap(_STATE_COLOURS), vmin=0, vmax=2, aspect="auto")
    ax.set_xticks(range(len(d["segments"])), d["segments"], rotation=60, ha="right")
    ax.set_yticks(range(len(d["regions"])), d["regions"])
    ax.legend(handles=[Patch(facecolor=c, edgecolor="#888", label=l)
                       for c, l in zip(_STATE_COLOURS, d["legend"])],
              loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    return fig


def _scatter(d):
    import matplotlib.pyplot as plt

    pts = [p for p in d["points"] if not _nan(p["density"])]
    if not pts:
        return None, "no gap has a defined relatedness density"
    fig, ax = plt.subplots(figsize=(6.0, 4.0))
    has_cog = any(not _nan(p["cog"]) for p in pts)
    for p in pts:
        y = p["cog"] if has_cog and not _nan(p["cog"]) else 0.0
        ax.scatter([p["density"]], [y], s=36,
                   color="#2171b5" if p["state"] == "present" else "#d94801")
        ax.annotate(p["label"], (p["density"], y), textcoords="offset points", xytext=(4, 3),
                    fontsize=7)
    ax.set_xlabel(d["x"])
    ax.set_ylabel(d["y"] if has_cog else f"{d['y']}: n/a")
    return fig, None


def _capacity(d):
    import matplotlib.pyplot as plt

    bars = d["bars"]
    if not bars:
        return None, "no project of the compared regions states a capacity in GWh"
    regions = list(dict.fromkeys(b["region"] for b in bars))
    statuses = sorted({b["status"] for b in bars})
    fig, ax = plt.subplots(figsize=(6.0, 0.5 * len(regions) + 1.8))
    left = [0.0] * len(regions)
    colours = ("#08519c", "#3182bd", "#6baed6", "#bdd7e7", "#fdae6b", "#e6550d", "#a63603")
    for k, st in enumerate(statuses):
        vals = [sum(b["gwh"] for b in bars if b["region"] == r and b["status"] == st)
                for r in regions]
        ax.barh(regions, vals, left=left, label=st, color=colours[k % len(colours)])
        left = [a + b for a, b in zip(left, vals)]
    ax.set_xlabel(d["unit"])
    ax.invert_yaxis()
    ax.legend(frameon=False, fontsize=7, loc="lower right")
    return fig, None


def _diffusion(d):
    import matplotlib.pyplot as plt
    import numpy as np

    from ..diffusion.bass import bass_cdf

    if not d:
        return None, "no Bass fit: the KG has no shipment series long enough"
    fig, ax = plt.subplots(figsize=(6.0, 3.6))
    for c in d.get("curves", [{"label": "fit", "p": d["p"], "q": d["q"]}]):
        t = np.linspace(0, d.get("horizon", 30), 121)
        ax.plot(t, bass_cdf(t, c["p"], c["q"]), label=c["label"])
    ax.set_ylim(0, 1)
    ax.legend(frameon=False)
    return fig, None


def figures_svg(figures: dict) -> dict:
    """SVG markup per figure id (and ``_why_<id>`` when a figure cannot be drawn)."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    out = {}
    with plt.rc_context(_RC):
        out["coverage-heatmap"] = svg_text(_heatmap(figures["coverage-heatmap"]))
        for fid, fn in (("opportunity-scatter", _scatter), ("capacity-by-status", _capacity),
                        ("diffusion-curves", _diffusion)):
            fig, why = fn(figures.get(fid))
            if fig is None:
                out["_why_" + fid] = why
            else:
                out[fid] = svg_text(fig)
    # ids inside an SVG are unique per figure already (hash salt); prefix them per figure so
    # that two inline SVGs never share an id
    for fid in [k for k in out if not k.startswith("_why_")]:
        out[fid] = re.sub(r'id="([^"]+)"', lambda m: f'id="{fid}-{m.group(1)}"', out[fid])
        out[fid] = re.sub(r'url\(#([^)]+)\)', lambda m: f"url(#{fid}-{m.group(1)})", out[fid])
        out[fid] = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{fid}-{m.group(1)}"', out[fid])
    return out
