"""Calibration of the three fitted constants on the Wilke 1999 rows.

Only physical constants are fitted: the unloaded disc pressure ``P0``, the
pressure per newton of compression ``k/A`` and the upright co-contraction
``tone``. They enter ``P = P0 + k·(F_mech + tone·W)/A`` where ``F_mech`` is
the compression the mechanics give without tone and ``W`` the weight above
L4/L5 in upright postures, so for each ``tone`` the other two follow from a
linear least-squares fit; ``tone`` is found on a fine grid. Relaxed standing
counts twice: it is the reference posture every relative value (activity ÷
standing) is read against, in this kit and in the in vivo literature. Run
``python -m workshop.model.calibration`` to refit and print the constants.
"""

from __future__ import annotations

import numpy as np

from ..data import load_calibration
from .constants import CONSTANTS, Constants
from .mechanics import evaluate


def relative_errors(constants: Constants = CONSTANTS) -> dict[str, float]:
    """Model ÷ measurement − 1 for each calibration row."""
    out = {}
    for row in load_calibration():
        p = float(evaluate(**row.inputs(), constants=constants).disc_pressure_MPa)
        out[row.activity] = p / row.disc_pressure_MPa - 1.0
    return out


REFERENCE_WEIGHT = 2.0  # weight of relaxed standing in the fit


def fit(base: Constants = CONSTANTS, tones=None) -> Constants:
    """Weighted least-squares fit of (P0, k, tone) on the rows' relative errors.

    Compression is linear in the tone: ``F = F0 + tone·dF`` per row, with ``F0``
    and ``dF`` read from the model itself (tone 0 and tone 1), so the fit needs
    no copy of the mechanics.
    """
    tones = np.linspace(0.0, 1.5, 301) if tones is None else np.asarray(tones)
    rows = load_calibration()
    measured = np.array([r.disc_pressure_MPa for r in rows])
    w = np.array([REFERENCE_WEIGHT if r.activity == "standing relaxed" else 1.0 for r in rows])

    def compression(tone):
        c = base.replace(upright_tone_fraction=tone)
        return np.array([float(evaluate(**r.inputs(), constants=c).compression_N) for r in rows])

    f0 = compression(0.0)
    df = compression(1.0) - f0
    per_area = 1.0 / base.disc_area_mm2  # every calibration row is the same 70 kg man
    best = None
    for tone in tones:
        x = (f0 + tone * df) * per_area
        # Minimise relative error: divide each equation by the measurement.
        a = np.column_stack([np.ones_like(x), x]) * (w / measured)[:, None]
        (p0, k), *_ = np.linalg.lstsq(a, w, rcond=None)
        err = np.sum(w**2 * (p0 + k * x - measured) ** 2 / measured**2)
        if best is None or err < best[0]:
            best = (err, p0, k, tone)
    _, p0, k, tone = best
    return base.replace(
        unloaded_pressure_MPa=float(p0),
        pressure_correction=float(k),
        upright_tone_fraction=float(tone),
    )


if __name__ == "__main__":  # pragma: no cover - a maintenance script
    fitted = fit()
    print(f"unloaded_pressure_MPa        = {fitted.unloaded_pressure_MPa:.4f}")
    print(f"pressure_correction          = {fitted.pressure_correction:.4f}")
    print(f"upright_tone_fraction        = {fitted.upright_tone_fraction:.4f}")
    for name, e in relative_errors(fitted).items():
        print(f"  {name:35s} {e:+.1%}")
