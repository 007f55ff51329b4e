"""Static matplotlib figures for analysis, slides and handouts (never per slider tick)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from ..model import evaluate, uncertainty_band
from .palette import OKABE_ITO

NIOSH_ACTION_LIMIT_N = 3400.0  # Waters et al. 1993, Ergonomics 36:749 (L5/S1 compression)


def flexion_sweep_figure(load_kg: float = 0.0, load_distance_m: float = 0.3, **inputs):
    """Disc pressure and compression against trunk flexion, with the 5-95 % band."""
    flexion = np.linspace(0.0, 90.0, 91)
    kw = {"load_kg": load_kg, "load_distance_m": load_distance_m, **inputs}
    central = evaluate(trunk_flexion_deg=flexion, **kw)
    band = uncertainty_band("compression_N", trunk_flexion_deg=flexion, **kw)
    fig, ax = plt.subplots(figsize=(6.4, 3.6), layout="constrained")
    ax.fill_between(
        flexion,
        band.low,
        band.high,
        color=OKABE_ITO["sky_blue"],
        alpha=0.35,
        label="5–95 % band (uncertain constants)",
    )
    ax.plot(flexion, central.compression_N, color=OKABE_ITO["blue"], lw=2, label="model")
    ax.axhline(
        NIOSH_ACTION_LIMIT_N,
        color=OKABE_ITO["vermillion"],
        ls="--",
        label="NIOSH action limit 3400 N",
    )
    ax.set_xlabel("trunk flexion (deg)")
    ax.set_ylabel("L4/L5 compression (N)")
    ax.set_title(f"Bending forward with {load_kg:g} kg in the hands")
    ax.legend(loc="lower right", fontsize="small")
    return _detached(fig)


def _detached(fig):
    """Close ``fig`` in pyplot so it shows once, as the value a notebook cell returns."""
    plt.close(fig)
    return fig


def chain_heatmap_figure(
    position: str = "standing",
    trunk_flexion_deg: float = 30.0,
    load_kg: float = 10.0,
    load_distance_m: float = 0.35,
):
    """L4/L5 compression over hip flexor tightness x glute weakness (one call of the model)."""
    tight = np.linspace(0.0, 1.0, 41)
    weak = np.linspace(0.0, 1.0, 41)
    r = evaluate(
        position=position,
        trunk_flexion_deg=trunk_flexion_deg,
        load_kg=load_kg,
        load_distance_m=load_distance_m,
        hip_flexor_tightness=tight[:, None],
        glute_weakness=weak[None, :],
    )
    fig, ax = plt.subplots(figsize=(5.2, 4.0), layout="constrained")
    im = ax.pcolormesh(weak, tight, r.compression_N, cmap="cividis", shading="nearest")
    fig.colorbar(im, ax=ax, label="L4/L5 compression (N)")
    ax.set_xlabel("glute weakness (0 normal – 1 severe)")
    ax.set_ylabel("hip flexor tightness (0 normal – 1 severe)")
    ax.set_title(
        f"{position}, trunk {trunk_flexion_deg:g}°, {load_kg:g} kg at {load_distance_m:g} m",
        fontsize=10,
    )
    return _detached(fig)


def draw_body(ax, snap: dict, artists: dict | None = None) -> dict:
    """The explorer's body and compression gauge drawn with matplotlib on ``ax``.

    ``snap`` is ``workshop.views.explorer.snapshot(values)``. Pass the returned
    ``artists`` back in to update them in place (``set_data``), as ipympl does.
    """
    pts = snap["points"]
    lines = {
        "legs": ["ankle", "knee", "hip"],
        "pelvis": ["psis", "s1", "asis", "hip", "psis"],
        "lumbar": ["s1", "l5", "l4l5", "l3", "l2", "l1"],
        "thorax": ["l1", "c7", "head"],
        "arm": ["shoulder", "elbow", "hand"],
    }
    compression = snap["numbers"]["compression_N"]
    if artists is None:
        artists = {}
        for name in lines:
            colour = OKABE_ITO["blue"] if name == "lumbar" else "#444444"
            (artists[name],) = ax.plot([], [], color=colour, lw=4, solid_capstyle="round")
        (artists["disc"],) = ax.plot([], [], "o", color=OKABE_ITO["yellow"], mec="k")
        artists["gauge"] = ax.barh([-1.05], [0.0], height=0.06, left=-0.9, color=OKABE_ITO["blue"])[
            0
        ]
        ax.axvline(
            -0.9 + 1.8 * NIOSH_ACTION_LIMIT_N / 6000, ymin=0.0, ymax=0.08, color="k", ls="--"
        )
        artists["label"] = ax.text(-0.9, -0.98, "", fontsize=9)
        ax.set_xlim(-1.0, 1.0)
        ax.set_ylim(-1.1, 1.0)
        ax.set_aspect("equal")
        ax.axis("off")
    for name, names in lines.items():
        artists[name].set_data([pts[n][0] for n in names], [pts[n][1] for n in names])
    artists["disc"].set_data([pts["l4l5"][0]], [pts["l4l5"][1]])
    artists["gauge"].set_width(1.8 * min(compression / 6000.0, 1.0))
    artists["label"].set_text(f"L4/L5 compression {compression:.0f} N")
    return artists
