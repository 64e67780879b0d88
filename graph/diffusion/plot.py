"""Adoption curves as PNG or SVG (matplotlib, Agg; no pyplot state), written atomically.

The model curve carries the SVG id ``bass-curve`` and a simulated mean curve
``mean-curve``, so an SVG can be checked for them.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from ..errors import InputError
from ..io import atomic_path
from .bass import bass_cdf

__all__ = ["plot_fit", "plot_simulation", "FORMATS"]

FORMATS = ("png", "svg")


def _format(path):
    ext = Path(path).suffix.lower().lstrip(".")
    if ext not in FORMATS:
        raise InputError("plot file must end in .png or .svg", file=path)
    return ext


def _save(fig, path):
    ext = _format(path)
    FigureCanvasAgg(fig)
    with atomic_path(path, suffix=f".{ext}") as tmp:
        fig.savefig(tmp, format=ext, dpi=100)
    return Path(path)


def plot_fit(fit, path, *, horizon=0, title=None, size=(7.0, 4.5)):
    """Observed adopters per period, the fitted Bass curve and its forecast band.

    Parameters
    ----------
    fit : ssbkg.diffusion.fit.BassFit
    path : str or Path
        ``.png`` or ``.svg``; written atomically.
    horizon : int
        Periods to forecast beyond the data (shaded delta-method band).

    Returns
    -------
    pathlib.Path
    """
    _format(path)
    fc = fit.forecast(horizon)
    fig = Figure(figsize=size)
    ax = fig.add_subplot(1, 1, 1)
    obs = fc.dropna(subset=["observed"])
    if fit.method == "nls-cumulative":
        ax.plot(obs["period"], np.cumsum(obs["observed"]), "o", color="black", label="observed")
        (line,) = ax.plot(fc["period"], fc["cumulative"], "-", color="tab:blue", label="Bass fit")
        ax.set_ylabel("cumulative adopters")
    else:
        ax.plot(obs["period"], obs["observed"], "o", color="black", label="observed")
        ax.fill_between(fc["period"], fc["lower"], fc["upper"], color="tab:blue", alpha=0.2,
                        label=f"{1 - fit.alpha:.0%} interval")
        (line,) = ax.plot(fc["period"], fc["adoption"], "-", color="tab:blue", label="Bass fit")
        ax.set_ylabel("adopters per period")
    line.set_gid("bass-curve")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("period")
    ax.set_title(title or f"Bass fit ({fit.method}): p={fit.p:.4g}, q={fit.q:.4g}, "
                 f"m={fit.market_size:.4g}")
    ax.legend(loc="best")
    return _save(fig, path)


def plot_simulation(result, path, *, percentiles=(5, 95), bass=None, title=None,
                    size=(7.0, 4.5)):
    """Mean adoption curve of a network simulation with its percentile band.

    Parameters
    ----------
    result : ssbkg.diffusion.network.NetworkBassResult
    path : str or Path
    bass : (P, Q), optional
        Overlay the Bass curve ``F(t)`` with these coefficients.

    Returns
    -------
    pathlib.Path
    """
    _format(path)
    frame = result.to_frame(percentiles)
    fig = Figure(figsize=size)
    ax = fig.add_subplot(1, 1, 1)
    ax.fill_between(frame["t"], frame["lower"], frame["upper"], color="tab:orange", alpha=0.25,
                    label=f"runs {percentiles[0]}-{percentiles[1]} %")
    (line,) = ax.plot(frame["t"], frame["mean"], "-", color="tab:orange",
                      label=f"mean of {result.runs} runs")
    line.set_gid("mean-curve")
    if bass is not None:
        (bl,) = ax.plot(frame["t"], bass_cdf(frame["t"].to_numpy(), *bass), "--",
                        color="tab:blue", label=f"Bass P={bass[0]:.3g}, Q={bass[1]:.3g}")
        bl.set_gid("bass-curve")
    ax.set_xlabel("time")
    ax.set_ylabel("fraction adopted")
    ax.set_ylim(0, 1.02)
    ax.set_title(title or f"Bass on a network: {result.n_nodes} nodes, p={result.p:g}, "
                 f"q={result.q:g}")
    ax.legend(loc="lower right")
    return _save(fig, path)
