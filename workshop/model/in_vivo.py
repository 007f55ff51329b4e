"""The model against published in vivo disc pressures: the validation table.

Every row of ``workshop/data/published_pressures.csv`` is evaluated with the
default model and compared as a percentage of relaxed standing (model against
the same study's standing). Rows that calibrated the model are marked and left
out of the summary; the summary (mean absolute error in points of standing and
Pearson r) is over the held-out rows only. Run ``workshop validate``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..data import PublishedRow, load_published
from .mechanics import evaluate


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
    lines = [
        f"{'activity':44s} {'role':11s} {'measured':>9s} {'model':>7s} {'error':>7s}",
        f"{'':44s} {'':11s} {'% stand':>9s} {'% stand':>7s} {'points':>7s}",
    ]
    for c in rows:
        role = "calibrated" if c.row.used_for_calibration else "held out"
        lines.append(
            f"{c.row.activity[:44]:44s} {role:11s} {c.row.percent_of_standing:9.0f} "
            f"{c.model_percent:7.0f} {round(c.error_points):+7d}"
        )
    s = summary(rows)
    relaxed = float(evaluate(**model_options).disc_pressure_MPa)
    lines += [
        "",
        f"held-out rows: {s.n}   mean absolute error: {s.mae_points:.1f} points of standing   "
        f"Pearson r: {s.pearson_r:.3f}",
        f"relaxed standing: {relaxed:.2f} MPa (70 kg man, 1.75 m)",
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
