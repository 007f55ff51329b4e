"""The posture tour: the model beside published measurements, labelled honestly."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from IPython.display import HTML

from ...model import uncertainty_band
from ...model.in_vivo import compare, percent_bands, summary
from ..common.figures import detached
from ..common.html import table
from ..common.palette import OKABE_ITO


def tour_numbers() -> list[dict]:
    """Each published activity with the model's pressure, bands and relative values.

    ``band_MPa`` is the 5-95 % band of the pressure itself; ``band_pct`` the band of
    the pressure over standing, draw by draw (what the measured column is)."""
    out = []
    pct = percent_bands()
    for i, c in enumerate(compare()):
        low, high = pct.low_percent[i], pct.high_percent[i]
        band = uncertainty_band("disc_pressure_MPa", **c.row.inputs())
        out.append(
            {
                "row": c.row,
                "model_MPa": c.model_MPa,
                "band_MPa": (float(band.low), float(band.high)),
                "model_pct_standing": c.model_percent,
                "band_pct": (float(low), float(high)),
                "band_pct_text": pct.text(i, dash="–"),
                "measured_pct_standing": c.row.percent_of_standing,
            }
        )
    return out


def tour_table() -> HTML:
    """Model against measurement, calibration rows marked, our encodings stated."""
    body = []
    numbers = tour_numbers()
    for t in numbers:
        r = t["row"]
        body.append(
            (
                r.activity,
                "calibration" if r.used_for_calibration else "not fitted",
                f"{t['measured_pct_standing']:.0f} %",
                f"{t['model_pct_standing']:.0f} % ({t['band_pct_text']})",
                f"{t['model_MPa']:.2f} ({t['band_MPa'][0]:.2f}–{t['band_MPa'][1]:.2f})",
                r.encoding_note,
                r.source,
            )
        )
    comparisons = compare()
    s = summary(comparisons)
    inside = percent_bands().held_out_inside(comparisons)
    head = (
        "activity",
        "role",
        "measured, % of standing",
        "model, % of standing (5–95 %)",
        "model MPa (5–95 %)",
        "our encoding",
        "source",
    )
    caption = (
        f"Held-out rows ({s.n}): mean absolute error {s.mae_points:.0f} points of "
        f"standing, Pearson r {s.pearson_r:.2f}; the measured value lies inside the model's "
        f"5–95 % band in {inside} of them. Calibration rows fitted three physical "
        "constants only."
    )
    return HTML(table(head, body, cls="workshop-tour", numeric=(2, 3, 4), caption=caption))


def tour_figure():
    """Bars: measured and modelled pressure per activity; whiskers: the model's band."""
    data = tour_numbers()
    y = np.arange(len(data))
    fig, ax = plt.subplots(figsize=(7.5, 5.2), layout="constrained")
    measured = [t["measured_pct_standing"] for t in data]
    model = [t["model_pct_standing"] for t in data]
    # The band of the ratio itself (each draw over its own standing), the quantity
    # the bars show: a band of the pressure scaled by one standing value would
    # count twice the constants that scale every pressure alike.
    err = np.array(
        [[m - t["band_pct"][0], t["band_pct"][1] - m] for m, t in zip(model, data, strict=True)]
    ).T
    ax.barh(y - 0.2, measured, height=0.4, color=OKABE_ITO["orange"], label="measured")
    ax.barh(
        y + 0.2,
        model,
        height=0.4,
        xerr=err,
        color=OKABE_ITO["blue"],
        label="model (5–95 % band)",
        error_kw={"ecolor": "#333", "capsize": 2},
    )
    labels = [("● " if t["row"].used_for_calibration else "") + t["row"].activity for t in data]
    ax.set_yticks(y, labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("intradiscal pressure, % of relaxed standing")
    ax.set_title("Model against in vivo measurement (● = used for calibration)", fontsize=10)
    ax.legend(loc="lower right", fontsize=8)
    return detached(fig)
