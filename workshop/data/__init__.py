"""Published reference tables shipped with the kit, with their citations.

Every table here is read from inside the installed package (never from a path
outside it), so the kit works offline and from any working directory.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True)
class CalibrationRow:
    """One published measurement, expressed as inputs of ``workshop.model.evaluate``."""

    activity: str
    position: str
    trunk_flexion_deg: float
    load_kg: float
    load_distance_m: float
    disc_pressure_MPa: float
    source: str

    def inputs(self) -> dict:
        """The row as keyword arguments for ``workshop.model.evaluate``."""
        return {
            "position": self.position,
            "trunk_flexion_deg": self.trunk_flexion_deg,
            "load_kg": self.load_kg,
            "load_distance_m": self.load_distance_m,
        }


def load_calibration() -> list[CalibrationRow]:
    """In vivo L4/L5 disc pressures (Wilke et al. 1999) the model is calibrated on."""
    text = resources.files(__name__).joinpath("disc_pressure_calibration.csv").read_text()
    rows = []
    for rec in csv.DictReader(text.splitlines()):
        rows.append(
            CalibrationRow(
                activity=rec["activity"],
                position=rec["position"],
                trunk_flexion_deg=float(rec["trunk_flexion_deg"]),
                load_kg=float(rec["load_kg"]),
                load_distance_m=float(rec["load_distance_m"]),
                disc_pressure_MPa=float(rec["disc_pressure_MPa"]),
                source=rec["source"],
            )
        )
    return rows
