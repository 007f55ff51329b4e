"""The model against published in vivo disc pressures: the validation table.

Every row of ``workshop/data/published_pressures.csv`` is evaluated with the
default model and compared as a percentage of relaxed standing (model against
the same study's standing). Rows that calibrated the model are marked and left
out of the summary; the summary (mean absolute error in points of standing and
Pearson r) is over the held-out rows only. ``percent_bands`` gives the model's
uncertainty band of each row in the same unit. Run ``workshop validate``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..checks import check_int, check_seed
from ..data import PublishedRow, load_published
from .constants import sample_constants
from .mechanics import evaluate
from .uncertainty import MAX_SAMPLES, MIN_SAMPLES, check_percentiles


@dataclass(frozen=True)
class Comparison:
    """One published row beside the model, both in % of relaxed standing."""

    row: PublishedRow
    model_MPa: float
    model_percent: float

    @property
    def error_points(self) -> float:
        return self.model_percent - self.row.percent_of_standing


@dataclass(frozen=True)
class Summary:
    """Held-out rows only: count, mean absolute error (points of standing), Pearson r."""

    n: int
    mae_points: float
    pearson_r: float


def compare(**model_options) -> list[Comparison]:
    """Every published row with the model's value (``model_options`` go to ``evaluate``)."""
    standing = float(evaluate(**model_options).disc_pressure_MPa)
    out = []
    for row in load_published():
        p = float(evaluate(**row.inputs(), **model_options).disc_pressure_MPa)
        out.append(Comparison(row, p, 100.0 * p / standing))
    return out


@dataclass(frozen=True)
class PercentBands:
    """The model's band for every published row (table order), in % of relaxed
    standing. Each draw of the uncertain constants divides a row's pressure by
    the same draw's standing pressure, as the measured rows divide by their own
    study's standing. A band of the pressure scaled by one standing value would
    be wider: the constants that raise the row and standing together (the disc
    area, Nachemson's correction) mostly cancel in the ratio, as in the
    measurements."""

    low_percent: np.ndarray
    high_percent: np.ndarray
    percentiles: tuple[float, float]

    def text(self, i: int, dash: str = "-") -> str:
        """Row ``i``'s band in whole points, rounded inwards (the low end up, the high
        end down), so a measured value printed beside it reads inside only when it is;
        with one decimal when the band is narrower than a point."""
        low, high = float(self.low_percent[i]), float(self.high_percent[i])
        lo, hi = int(np.ceil(low - 1e-9)), int(np.floor(high + 1e-9))
        return f"{lo}{dash}{hi}" if lo <= hi else f"{low:.1f}{dash}{high:.1f}"

    def contains(self, measured_percent) -> np.ndarray:
        """Which measured values (% of standing, table order) lie inside the band."""
        m = np.asarray(measured_percent, dtype=float)
        return (m >= self.low_percent) & (m <= self.high_percent)

    def held_out_inside(self, comparisons: list[Comparison]) -> int:
        """How many held-out rows (``compare``'s, table order) measured inside the band."""
        inside = self.contains([c.row.percent_of_standing for c in comparisons])
        return int(
            sum(
                ok
                for ok, c in zip(inside, comparisons, strict=True)
                if not c.row.used_for_calibration
            )
        )


def percent_bands(
    *,
    n_samples: int = 200,
    percentiles: tuple[float, float] = (5.0, 95.0),
    seed: int | None = 0,
    **model_options,
) -> PercentBands:
    """Band of every published row in % of standing over ``n_samples`` draws of the
    uncertain constants (``workshop.model.constants.SPREAD``): one vectorised
    ``evaluate`` call for all rows and draws. ``n_samples`` is an integer in
    [10, 10 000], ``percentiles`` a pair ``0 <= low < high <= 100``; the other
    keywords go to ``evaluate`` (e.g. ``iap_relief=False``)."""
    n_samples = check_int("n_samples", n_samples, MIN_SAMPLES, MAX_SAMPLES)
    lo_p, hi_p = check_percentiles(percentiles)
    draws = sample_constants(n_samples, ndim=1, seed=check_seed(seed))
    rows = load_published()
    inputs = {key: np.array([row.inputs()[key] for row in rows]) for key in rows[0].inputs()}
    pressure = evaluate(**inputs, **model_options, constants=draws).disc_pressure_MPa
    standing = evaluate(**model_options, constants=draws).disc_pressure_MPa
    percent = 100.0 * pressure / standing  # (draws, rows) over (draws, 1)
    low, high = np.percentile(percent, [lo_p, hi_p], axis=0)
    return PercentBands(low, high, (lo_p, hi_p))


def summary(comparisons: list[Comparison]) -> Summary:
    """Mean absolute error and Pearson r over the rows not used for calibration."""
    held = [c for c in comparisons if not c.row.used_for_calibration]
    model = np.array([c.model_percent for c in held])
    measured = np.array([c.row.percent_of_standing for c in held])
    return Summary(
        n=len(held),
        mae_points=float(np.mean(np.abs(model - measured))),
        pearson_r=float(np.corrcoef(model, measured)[0, 1]),
    )


@dataclass(frozen=True)
class Disagreement:
    """Studies that measured what we encode as the same activity (identical model
    inputs): their values in % of standing, and the spread between them."""

    activities: tuple[str, ...]
    measured_percent: tuple[float, ...]

    @property
    def spread_points(self) -> float:
        return max(self.measured_percent) - min(self.measured_percent)

    @property
    def least_error_points(self) -> float:
        """The smallest mean absolute error any single model value could have over
        these rows (at their median): what the studies' disagreement alone costs."""
        values = np.asarray(self.measured_percent)
        return float(np.mean(np.abs(values - np.median(values))))


def disagreements(comparisons: list[Comparison]) -> list[Disagreement]:
    """Groups of two or more rows with identical model inputs, in table order."""
    groups: dict[tuple, list[Comparison]] = {}
    for c in comparisons:
        groups.setdefault(tuple(sorted(c.row.inputs().items())), []).append(c)
    return [
        Disagreement(
            tuple(c.row.activity for c in rows),
            tuple(c.row.percent_of_standing for c in rows),
        )
        for rows in groups.values()
        if len(rows) > 1
    ]


def report(**model_options) -> str:
    """The validation table and its summary as plain text (``workshop validate``)."""
    rows = compare(**model_options)
    bands = percent_bands(**model_options)
    lo_p, hi_p = bands.percentiles
    band_title = f"{lo_p:.0f}-{hi_p:.0f} %"
    lines = [
        f"{'activity':44s} {'role':11s} {'measured':>9s} {'model':>7s} {'error':>7s} "
        f"{'model band':>11s}",
        f"{'':44s} {'':11s} {'% stand':>9s} {'% stand':>7s} {'points':>7s} {band_title:>11s}",
    ]
    for i, c in enumerate(rows):
        role = "calibrated" if c.row.used_for_calibration else "held out"
        lines.append(
            f"{c.row.activity[:44]:44s} {role:11s} {c.row.percent_of_standing:9.0f} "
            f"{c.model_percent:7.0f} {round(c.error_points):+7d} {bands.text(i):>11s}"
        )
    s = summary(rows)
    relaxed = float(evaluate(**model_options).disc_pressure_MPa)
    lines += [
        "",
        f"held-out rows: {s.n}   mean absolute error: {s.mae_points:.1f} points of standing   "
        f"Pearson r: {s.pearson_r:.3f}",
        f"relaxed standing: {relaxed:.2f} MPa (70 kg man, 1.75 m)",
        f"measured value inside the model's {band_title} band (the spread of its uncertain",
        f"constants, each draw over its own standing): {bands.held_out_inside(rows)} of "
        f"{s.n} held-out rows",
    ]
    split = disagreements(rows)
    if split:
        lines += [
            "",
            "One activity, several studies (the same inputs here). Least error: the smallest",
            "mean absolute error any single value can have over those rows, in points.",
            f"  {'activity':36s} {'measured % stand':>18s} {'spread':>7s} {'least error':>12s}",
        ]
        for d in split:
            values = ", ".join(f"{v:.0f}" for v in d.measured_percent)
            lines.append(
                f"  {d.activities[0][:36]:36s} {values:>18s} {d.spread_points:7.0f} "
                f"{d.least_error_points:12.0f}"
            )
    lines += [
        "",
        "Sources and our encodings of each activity: workshop/data/published_pressures.csv",
    ]
    return "\n".join(lines)
