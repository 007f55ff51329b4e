"""Static matplotlib figures for analysis, slides and handouts (never per slider tick)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from ...model import evaluate, uncertainty_band
from ...reference import NIOSH_ACTION_LIMIT_N
from ..common.figures import detached
from ..common.palette import OKABE_ITO


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
        label=f"NIOSH action limit {NIOSH_ACTION_LIMIT_N:.0f} N",
    )
    ax.set_xlabel("trunk flexion (deg)")
    ax.set_ylabel("L4/L5 compression (N)")
    ax.set_title(f"Bending forward with {load_kg:g} kg in the hands")
    ax.legend(loc="lower right", fontsize="small")
    return detached(fig)


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
    return detached(fig)
