"""Static matplotlib figures for analysis, slides and handouts (never per slider tick)."""

from __future__ import annotations

import html
from dataclasses import dataclass

import matplotlib.pyplot as plt
import numpy as np
from IPython.display import HTML

from ...model import evaluate, uncertainty_band
from ...reference import NIOSH_ACTION_LIMIT_N, niosh_label
from ..common.figures import detached
from ..common.palette import OKABE_ITO


def flexion_sweep_figure(load_kg: float = 0.0, load_distance_m: float = 0.3, **inputs):
    """L4/L5 compression (N) against trunk flexion (deg), with the 5-95 % band and
    NIOSH's 3400 N compression limit (L5/S1); the axis starts at 0 N."""
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
        label=niosh_label(),
    )
    ax.set_xlabel("trunk flexion (deg)")
    ax.set_ylabel("L4/L5 compression (N)")
    # From 0 N, so the height of the curve is the size of the force (a cut axis
    # would make a doubling look several times larger), with room above the limit.
    top = max(NIOSH_ACTION_LIMIT_N, float(np.max(band.high))) * 1.1
    ax.set_ylim(0.0, top)
    ax.set_title(
        f"Bending forward with {load_kg:g} kg held {load_distance_m * 100:.0f} cm in front"
    )
    ax.legend(loc="lower right", fontsize="small")
    return detached(fig)


#: The heat maps' fixed colour scale, N: from no load at all to NIOSH's compression limit.
#: Fixed, not fitted to the data, so a colour means the same force in every panel
#: and a 2 % change looks like 2 % (an auto-scaled map spreads any span over every colour).
HEATMAP_SCALE_N = (0.0, NIOSH_ACTION_LIMIT_N)
#: The comparison panel's axes: trunk flexion, deg, and load in the hands, kg.
BEND_RANGE_DEG = (0.0, 60.0)
LOAD_RANGE_KG = (0.0, 20.0)


@dataclass(frozen=True)
class HeatmapNumbers:
    """The two maps of :func:`chain_heatmap_figure` and their spans (compression, N).

    ``chain``: hip flexor tightness (rows) x glute weakness (columns) at one posture
    and load; ``posture``: trunk flexion (rows) x load (columns) with neither.
    ``chain_span_percent`` is the chain map's span as a percentage of its lowest value.
    """

    tightness: np.ndarray
    weakness: np.ndarray
    chain: np.ndarray
    flexion_deg: np.ndarray
    load_kg: np.ndarray
    posture: np.ndarray
    setting: dict

    @property
    def chain_span_N(self) -> tuple[float, float]:
        return float(self.chain.min()), float(self.chain.max())

    @property
    def chain_span_percent(self) -> float:
        low, high = self.chain_span_N
        return 100.0 * (high - low) / low

    @property
    def posture_span_N(self) -> tuple[float, float]:
        return float(self.posture.min()), float(self.posture.max())

    @property
    def posture_span_percent(self) -> float:
        low, high = self.posture_span_N
        return 100.0 * (high - low) / low


def chain_heatmap_numbers(
    position: str = "standing",
    trunk_flexion_deg: float = 30.0,
    load_kg: float = 10.0,
    load_distance_m: float = 0.35,
) -> HeatmapNumbers:
    """L4/L5 compression over tightness x weakness at one setting, and over trunk
    flexion x load with normal hips and glutes (one vectorised model call each)."""
    tight = np.linspace(0.0, 1.0, 41)
    weak = np.linspace(0.0, 1.0, 41)
    setting = {
        "position": position,
        "trunk_flexion_deg": trunk_flexion_deg,
        "load_kg": load_kg,
        "load_distance_m": load_distance_m,
    }
    chain = evaluate(
        **setting, hip_flexor_tightness=tight[:, None], glute_weakness=weak[None, :]
    ).compression_N
    flexion = np.linspace(*BEND_RANGE_DEG, 61)
    loads = np.linspace(*LOAD_RANGE_KG, 41)
    posture = evaluate(
        position=position,
        trunk_flexion_deg=flexion[:, None],
        load_kg=loads[None, :],
        load_distance_m=load_distance_m,
    ).compression_N
    return HeatmapNumbers(tight, weak, chain, flexion, loads, posture, setting)


def chain_heatmap_figure(
    position: str = "standing",
    trunk_flexion_deg: float = 30.0,
    load_kg: float = 10.0,
    load_distance_m: float = 0.35,
):
    """L4/L5 compression over hip flexor tightness x glute weakness, beside trunk flexion x
    load, on one fixed colour scale from 0 N to NIOSH's compression limit (:data:`HEATMAP_SCALE_N`).

    The shared, anchored scale is the point: the tightness x weakness map barely
    changes colour because its span is a few percent; the posture-and-load map
    runs through most of the scale. Each panel's title gives its span in numbers.
    """
    n = chain_heatmap_numbers(position, trunk_flexion_deg, load_kg, load_distance_m)
    low, high = HEATMAP_SCALE_N
    fig, (ax, bx) = plt.subplots(1, 2, figsize=(9.6, 4.2), layout="constrained")
    style = {"cmap": "cividis", "vmin": low, "vmax": high, "shading": "nearest"}
    ax.pcolormesh(n.weakness, n.tightness, n.chain, **style)
    ax.set_xlabel("glute weakness (0 normal – 1 severe)")
    ax.set_ylabel("hip flexor tightness (0 normal – 1 severe)")
    c_low, c_high = n.chain_span_N
    ax.set_title(
        f"Tightness × weakness: {c_low:.0f}–{c_high:.0f} N "
        f"(+{n.chain_span_percent:.1f} %)\n"
        f"{position}, trunk {trunk_flexion_deg:g}°, {load_kg:g} kg at {load_distance_m:g} m",
        fontsize=9,
        loc="left",
    )
    im = bx.pcolormesh(n.load_kg, n.flexion_deg, n.posture, **style)
    bx.plot(
        [load_kg],
        [trunk_flexion_deg],
        marker="o",
        ms=9,
        mfc="none",
        mec=OKABE_ITO["vermillion"],
        mew=2,
        ls="none",
        label="the left map's setting",
    )
    bx.set_xlabel("load in the hands (kg)")
    bx.set_ylabel("trunk flexion (deg)")
    p_low, p_high = n.posture_span_N
    bx.set_title(
        f"Bending × load: {p_low:.0f}–{p_high:.0f} N (+{n.posture_span_percent:.0f} %)\n"
        f"{position}, normal hips and glutes, load at {load_distance_m:g} m",
        fontsize=9,
        loc="left",
    )
    bx.legend(loc="upper left", fontsize=8, framealpha=0.9)
    bar = fig.colorbar(
        im, ax=[ax, bx], label=f"L4/L5 compression (N), scale fixed at 0–{NIOSH_ACTION_LIMIT_N:.0f}"
    )
    bar.ax.axhline(NIOSH_ACTION_LIMIT_N, color=OKABE_ITO["vermillion"], lw=2)
    bar.set_ticks([0, 1000, 2000, 3000, NIOSH_ACTION_LIMIT_N])
    bar.set_ticklabels(["0", "1000", "2000", "3000", niosh_label()])
    return detached(fig)


def chain_heatmap_summary(**setting) -> HTML:
    """One sentence with the heat maps' spans, computed (notebook 01's caption)."""
    n = chain_heatmap_numbers(**setting)
    c_low, c_high = n.chain_span_N
    p_low, p_high = n.posture_span_N
    s = n.setting
    text = (
        f"At {s['trunk_flexion_deg']:g}° with {s['load_kg']:g} kg, every combination of "
        f"tightness and weakness gives {c_low:.0f}–{c_high:.0f} N: {c_high - c_low:.0f} N, "
        f"{n.chain_span_percent:.1f} % of the lowest. Bending from {BEND_RANGE_DEG[0]:g}° to "
        f"{BEND_RANGE_DEG[1]:g}° and a load from {LOAD_RANGE_KG[0]:g} to {LOAD_RANGE_KG[1]:g} kg "
        f"span {p_low:.0f}–{p_high:.0f} N: {n.posture_span_percent:.0f} % more at the top than "
        "at the bottom. Both maps share one colour scale, fixed from 0 N to NIOSH's "
        f"{NIOSH_ACTION_LIMIT_N:.0f} N."
    )
    return HTML(f'<p class="workshop-heatmap-summary">{html.escape(text)}</p>')
