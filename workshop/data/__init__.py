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


@dataclass(frozen=True)
class PublishedRow(CalibrationRow):
    """A published measurement with our encoding of it as model inputs."""

    used_for_calibration: bool = False
    encoding_note: str = ""


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
    """Published L4/L5 pressures for the posture tour: the calibration rows and others.

    Rows not used for calibration carry our encoding of the activity as model
    inputs (``encoding_note``); the measurements are Wilke et al. 1999.
    """
    return [
        PublishedRow(
            **_measurement(r),
            used_for_calibration=r["used_for_calibration"] == "yes",
            encoding_note=r["encoding_note"],
        )
        for r in _read("published_pressures.csv")
    ]


def load_calibration() -> list[CalibrationRow]:
    """In vivo L4/L5 disc pressures (Wilke et al. 1999) the model is calibrated on."""
    return [CalibrationRow(**_measurement(r)) for r in _read("disc_pressure_calibration.csv")]
