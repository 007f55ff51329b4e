"""The posture tour: the model beside published measurements, labelled honestly."""

from __future__ import annotations

import html

import matplotlib.pyplot as plt
import numpy as np
from IPython.display import HTML

from ..data import load_published
from ..model import evaluate, uncertainty_band
from .palette import OKABE_ITO
from .plots import _detached


def tour_numbers() -> list[dict]:
    """Each published activity with the model's pressure, band and relative values."""
    rows = load_published()
    standing = float(evaluate().disc_pressure_MPa)
    out = []
    for r in rows:
        inputs = r.inputs()
        model = float(evaluate(**inputs).disc_pressure_MPa)
        band = uncertainty_band("disc_pressure_MPa", **inputs)
        out.append(
            {
                "row": r,
                "model_MPa": model,
                "band_MPa": (float(band.low), float(band.high)),
                "model_pct_standing": 100 * model / standing,
                "measured_pct_standing": 100 * r.disc_pressure_MPa / 0.50,
            }
        )
    return out


def tour_table() -> HTML:
    """Model against measurement, calibration rows marked, our encodings stated."""
    body = []
    for t in tour_numbers():
        r = t["row"]
        body.append(
            f"<tr><td>{html.escape(r.activity)}</td>"
            f"<td>{'calibration' if r.used_for_calibration else 'not fitted'}</td>"
            f"<td>{r.disc_pressure_MPa:.2f}</td><td>{t['model_MPa']:.2f} "
            f"({t['band_MPa'][0]:.2f}–{t['band_MPa'][1]:.2f})</td>"
            f"<td>{t['measured_pct_standing']:.0f} %</td><td>{t['model_pct_standing']:.0f} %</td>"
            f"<td>{html.escape(r.encoding_note)}</td></tr>"
        )
    head = (
        "<tr><th>activity</th><th>role</th><th>measured MPa</th><th>model MPa (5–95 %)</th>"
        "<th>measured, % of standing</th><th>model, % of standing</th><th>inputs</th></tr>"
    )
    return HTML(f'<table class="workshop-tour">{head}{"".join(body)}</table>')


def tour_figure():
    """Bars: measured and modelled pressure per activity; whiskers: the model's band."""
    data = tour_numbers()
    y = np.arange(len(data))
    fig, ax = plt.subplots(figsize=(7.5, 4.2), layout="constrained")
    measured = [t["row"].disc_pressure_MPa for t in data]
    model = [t["model_MPa"] for t in data]
    err = np.array(
        [[m - t["band_MPa"][0], t["band_MPa"][1] - m] for m, t in zip(model, data, strict=True)]
    ).T
    ax.barh(y - 0.2, measured, height=0.4, color=OKABE_ITO["orange"], label="measured (Wilke 1999)")
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
    ax.set_xlabel("L4/L5 intradiscal pressure (MPa)")
    ax.set_title("Model against in vivo measurement (● = used for calibration)", fontsize=10)
    ax.legend(loc="lower right", fontsize=8)
    return _detached(fig)
