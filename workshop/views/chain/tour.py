"""The posture tour: the model beside published measurements, labelled honestly."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from IPython.display import HTML

from ...model import uncertainty_band
from ...model.in_vivo import compare, summary
from ..common.figures import detached
from ..common.html import table
from ..common.palette import OKABE_ITO


def tour_numbers() -> list[dict]:
    """Each published activity with the model's pressure, band and relative values."""
    out = []
    for c in compare():
        band = uncertainty_band("disc_pressure_MPa", **c.row.inputs())
        out.append(
            {
                "row": c.row,
                "model_MPa": c.model_MPa,
                "band_MPa": (float(band.low), float(band.high)),
                "model_pct_standing": c.model_percent,
                "measured_pct_standing": c.row.percent_of_standing,
            }
        )
    return out


def tour_table() -> HTML:
    """Model against measurement, calibration rows marked, our encodings stated."""
    body = []
    for t in tour_numbers():
        r = t["row"]
        body.append(
            (
                r.activity,
                "calibration" if r.used_for_calibration else "not fitted",
                f"{t['measured_pct_standing']:.0f} %",
                f"{t['model_pct_standing']:.0f} %",
                f"{t['model_MPa']:.2f} ({t['band_MPa'][0]:.2f}–{t['band_MPa'][1]:.2f})",
                r.encoding_note,
                r.source,
            )
        )
    s = summary(compare())
    head = (
        "activity",
        "role",
        "measured, % of standing",
        "model, % of standing",
        "model MPa (5–95 %)",
        "our encoding",
        "source",
    )
    caption = (
        f"Held-out rows ({s.n}): mean absolute error {s.mae_points:.0f} points of "
        f"standing, Pearson r {s.pearson_r:.2f}. Calibration rows fitted three physical "
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
    # The band in % of the model's own standing value.
    to_pct = [t["model_pct_standing"] / t["model_MPa"] for t in data]
    err = np.array(
        [
            [m - t["band_MPa"][0] * f, t["band_MPa"][1] * f - m]
            for m, t, f in zip(model, data, to_pct, strict=True)
        ]
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
