"""Published reference tables shipped with the kit, with their citations.

Every table here is read from inside the installed package (never from a path
outside it), so the kit works offline and from any working directory.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources


class _ActivityInputs:
    """A measured activity expressed as model inputs (shared by both tables)."""

    position: str
    trunk_flexion_deg: float
    load_kg: float
    load_distance_m: float

    def inputs(self) -> dict:
        """The row as keyword arguments for ``workshop.model.evaluate``."""
        return {
            "position": self.position,
            "trunk_flexion_deg": self.trunk_flexion_deg,
            "load_kg": self.load_kg,
            "load_distance_m": self.load_distance_m,
        }


@dataclass(frozen=True)
class CalibrationRow(_ActivityInputs):
    """One published measurement, expressed as inputs of ``workshop.model.evaluate``."""

    activity: str
    position: str
    trunk_flexion_deg: float
    load_kg: float
    load_distance_m: float
    disc_pressure_MPa: float
    source: str


@dataclass(frozen=True)
class PublishedRow(_ActivityInputs):
    """A published in vivo measurement with our encoding of it as model inputs.

    ``percent_of_standing`` is the measurement relative to relaxed standing in
    the same study (the way the in vivo literature compares activities);
    ``disc_pressure_MPa`` is the absolute value where the study gives it.
    """

    activity: str
    position: str
    trunk_flexion_deg: float
    load_kg: float
    load_distance_m: float
    disc_pressure_MPa: float | None
    percent_of_standing: float
    used_for_calibration: bool
    encoding_note: str
    source: str


def _read(name: str) -> list[dict]:
    text = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def _measurement(rec: dict) -> dict:
    """The fields every table shares, typed."""
    numbers = ("trunk_flexion_deg", "load_kg", "load_distance_m", "disc_pressure_MPa")
    return {
        "activity": rec["activity"],
        "position": rec["position"],
        "source": rec["source"],
        **{k: float(rec[k]) for k in numbers},
    }


def load_published() -> list[PublishedRow]:
    """Published in vivo disc pressures: the calibration rows and held-out rows.

    Rows marked ``used_for_calibration`` fitted the model's three calibrated
    constants; the others played no part in fitting and check it.
    """
    out = []
    for r in _read("published_pressures.csv"):
        numbers = ("trunk_flexion_deg", "load_kg", "load_distance_m", "percent_of_standing")
        out.append(
            PublishedRow(
                activity=r["activity"],
                position=r["position"],
                disc_pressure_MPa=float(r["disc_pressure_MPa"]) if r["disc_pressure_MPa"] else None,
                used_for_calibration=r["used_for_calibration"] == "yes",
                encoding_note=r["encoding_note"],
                source=r["source"],
                **{k: float(r[k]) for k in numbers},
            )
        )
    return out


def load_calibration() -> list[CalibrationRow]:
    """In vivo L4/L5 disc pressures (Wilke et al. 1999) the model is calibrated on."""
    return [CalibrationRow(**_measurement(r)) for r in _read("disc_pressure_calibration.csv")]
