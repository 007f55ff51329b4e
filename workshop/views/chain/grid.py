"""The explorer's precomputed grid: what is in it, how its bytes are laid out.

For the current setting, the kernel evaluates the model along every slider's
whole grid (for every position), with the picture's keypoints and the
uncertainty band, and sends it to the browser as one binary buffer. Its byte
layout is ``GridLayout``: the kernel writes with it (``grid_table``), the
browser reads with its JSON (``GridLayout.to_json`` -> ``js/grid.js``) and
the tests read with it (``GridLayout.lookup``). Nobody else knows the layout.

Every record (``state_record``, one setting) and every grid column holds the
same ``FIELDS``, computed by one function (``fields_table``), so the static
twin and the live picture draw the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ...model import evaluate, uncertainty_bands
from ..body.geometry import POINTS, keypoints
from .controls import CONTROLS, POSITIONS, Control, clamp_values, default_values

#: Model outputs in every record (``ModelResult`` attribute names, their units in the name).
OUTPUTS = (
    "pelvic_tilt_deg",
    "lumbar_lordosis_deg",
    "extensor_force_N",
    "compression_N",
    "shear_N",
    "disc_pressure_MPa",
    "psoas_force_N",
    "glute_force_N",
)
#: Inputs every record carries too (the painter sizes the load from it).
INPUT_FIELDS = ("load_kg",)
#: The 5-95 % band of compression (N) and disc pressure (MPa) over uncertain constants.
BAND_OUTPUTS = ("compression_low", "compression_high", "pressure_low", "pressure_high")
#: Everything a record holds: outputs, inputs, band, then each keypoint's x and y (metres).
FIELDS = OUTPUTS + INPUT_FIELDS + BAND_OUTPUTS + tuple(f"{p}_{xy}" for p in POINTS for xy in "xy")
#: Draws of the uncertain constants per band (seeded: the same band every time).
BAND_SAMPLES = 100


def fields_table(inputs: dict) -> np.ndarray:
    """Every field (rows, ``FIELDS`` order) for columns of model inputs: float64.

    ``inputs`` are ``evaluate`` keywords as equal-length 1-d arrays (``position``
    an array of names from ``POSITIONS``). One vectorised model call, one band call,
    and one keypoint call per position present.
    """
    r = evaluate(**inputs)
    bands = uncertainty_bands(
        ("compression_N", "disc_pressure_MPa"), n_samples=BAND_SAMPLES, **inputs
    )
    band_c, band_p = bands["compression_N"], bands["disc_pressure_MPa"]
    n = np.size(r.compression_N)
    rows = [np.broadcast_to(getattr(r, k), (n,)) for k in OUTPUTS]
    rows += [np.broadcast_to(np.asarray(inputs[k], float), (n,)) for k in INPUT_FIELDS]
    rows += [np.broadcast_to(b, (n,)) for b in (band_c.low, band_c.high, band_p.low, band_p.high)]
    points = {p: (np.empty(n), np.empty(n)) for p in POINTS}
    position = np.asarray(inputs["position"]).astype(str)
    for code, name in enumerate(POSITIONS):
        # Keypoints depend on the position's leg layout: one call per position.
        mask = position == name
        if not mask.any():
            continue
        kp = keypoints(
            code,
            np.broadcast_to(r.pelvic_tilt_deg, (n,))[mask],
            np.broadcast_to(r.lumbar_lordosis_deg, (n,))[mask],
            np.asarray(inputs["trunk_flexion_deg"], float)[mask],
            np.asarray(inputs["load_distance_m"], float)[mask],
            np.asarray(inputs["load_kg"], float)[mask],
        )
        for p in POINTS:
            points[p][0][mask], points[p][1][mask] = kp[p]
    for p in POINTS:
        rows += [points[p][0], points[p][1]]
    return np.stack(rows).astype(float)


def state_record(values: dict) -> dict[str, float]:
    """Every field at one (complete, clamped) setting: ``{field: value}``."""
    inputs = {k: np.asarray([v]) for k, v in values.items()}
    column = fields_table(inputs)[:, 0]
    return {f: float(v) for f, v in zip(FIELDS, column, strict=True)}


def snapshot(values: dict) -> dict:
    """Everything drawn at one setting (clamped, defaults filled in): for the static twin.

    ``values``: the setting; ``numbers``: model outputs and ``load_kg``; ``band``:
    ``{output: (low, high)}``; ``points``: keypoints ``{name: (x, y)}`` in metres;
    ``record``: all of it as one ``{field: value}`` (what a grid column holds).
    """
    values = clamp_values({**default_values(), **values})
    record = state_record(values)
    numbers = {k: record[k] for k in OUTPUTS + INPUT_FIELDS}
    band = {
        "compression_N": (record["compression_low"], record["compression_high"]),
        "disc_pressure_MPa": (record["pressure_low"], record["pressure_high"]),
    }
    pts = {p: (record[f"{p}_x"], record[f"{p}_y"]) for p in POINTS}
    return {"values": values, "numbers": numbers, "band": band, "points": pts, "record": record}


@dataclass(frozen=True)
class GridLayout:
    """The grid's byte layout: one block per (position, control), in that nesting.

    A block holds ``len(fields)`` rows of ``n`` values each: row ``k`` is field
    ``fields[k]`` at the control's ``n`` slider steps (``low + i * step``), the other
    controls at the current setting. Values are ``dtype`` (little-endian float32),
    blocks follow each other with no padding: element offset of (position ``p``,
    control ``c``) is ``sum(len(fields) * n)`` over the blocks before it.
    """

    positions: tuple[str, ...] = POSITIONS
    controls: tuple[Control, ...] = CONTROLS
    fields: tuple[str, ...] = FIELDS
    dtype: str = "<f4"

    def steps(self, control: Control) -> int:
        return len(control.grid)

    def offset(self, position: str, control_name: str) -> int:
        """Element (not byte) offset of one block."""
        off = 0
        for p in self.positions:
            for c in self.controls:
                if p == position and c.name == control_name:
                    return off
                off += len(self.fields) * self.steps(c)
        raise KeyError(f"no block for position {position!r} and control {control_name!r}")

    @property
    def size(self) -> int:
        """Elements in the whole grid."""
        return len(self.positions) * sum(len(self.fields) * self.steps(c) for c in self.controls)

    def to_json(self) -> dict:
        """What the browser's reader (``js/grid.js``) needs: fields and every block."""
        return {
            "dtype": "float32",
            "little_endian": self.dtype.startswith("<"),
            "order": ["position", "control", "field", "step"],
            "fields": list(self.fields),
            "positions": list(self.positions),
            "controls": [
                {"name": c.name, "low": c.low, "step": c.step, "n": self.steps(c)}
                for c in self.controls
            ],
            "blocks": [[self.offset(p, c.name) for c in self.controls] for p in self.positions],
            "size": self.size,
        }

    def write(self, values: dict) -> bytes:
        """The grid at one setting (complete, clamped ``values``) as bytes."""
        columns: dict[str, list] = {name: [] for name in values}
        spans = []
        for position in self.positions:
            for control in self.controls:
                n = self.steps(control)
                for name, v in values.items():
                    kind = object if name == "position" else float
                    columns[name].append(np.full(n, v, dtype=kind))
                columns["position"][-1][:] = position
                columns[control.name][-1] = control.grid
                spans.append(n)
        inputs = {k: np.concatenate(v) for k, v in columns.items()}
        inputs["position"] = inputs["position"].astype(str)
        table = fields_table(inputs)  # (fields, all grid points): one model call
        blocks, start = [], 0
        for n in spans:
            blocks.append(table[:, start : start + n].ravel())
            start += n
        return np.concatenate(blocks).astype(self.dtype).tobytes()

    def block(self, data: bytes, position: str, control_name: str) -> np.ndarray:
        """One block of a written grid as a (fields, steps) array."""
        c = next(c for c in self.controls if c.name == control_name)
        n = self.steps(c)
        flat = np.frombuffer(data, dtype=self.dtype)
        off = self.offset(position, control_name)
        return flat[off : off + len(self.fields) * n].reshape(len(self.fields), n)

    def lookup(self, data: bytes, position: str, control_name: str, value: float) -> dict:
        """Every field at ``value`` of one control: linear between slider steps.

        The browser's ``lookup`` does the same; values off the range are clipped.
        """
        c = next(c for c in self.controls if c.name == control_name)
        block = self.block(data, position, control_name).astype(float)
        n = block.shape[1]
        f = min(max((value - c.low) / c.step, 0.0), n - 1)
        i0 = int(np.floor(f))
        i1, w = min(i0 + 1, n - 1), f - i0
        row = block[:, i0] * (1 - w) + block[:, i1] * w
        return dict(zip(self.fields, row.tolist(), strict=True))


#: The explorer's grid layout (all positions, all controls, all fields).
GRID = GridLayout()
