"""The explorer's precomputed grid: what is in it, how its bytes are laid out.

For the current setting, the kernel evaluates the model along every slider's
whole grid (for the current position), with the picture's keypoints and the
uncertainty band, and sends it to the browser as one binary buffer. Its byte
layout is ``GridLayout``: the kernel writes with it (``grid_table``), the
browser reads with its JSON (``GridLayout.to_json`` -> ``js/grid.js``) and
the tests read with it (``GridLayout.lookup``). Nobody else knows the layout.

Every record (``state_record``, one setting) and every grid column holds the
same ``FIELDS``, computed by one function (``fields_table``), so the static
twin and the live picture draw the same numbers.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

from ...model import (
    CONSTANTS,
    CURL_POSITIONS,
    HOLDING_POSITIONS,
    chest_turn_deg,
    evaluate,
    hands_ahead_m,
    uncertainty_bands,
)
from ...reference import NIOSH_MAX_PERMISSIBLE_N
from ..body.geometry import POINTS, ROTATIONS, SKELETON, pose
from .controls import CONTROLS, POSITIONS, Control, clamp_values, default_values
from .picture import frame_points

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
    "flexor_force_N",
)
#: Inputs every record carries too (the painter sizes the load from it).
INPUT_FIELDS = ("load_kg",)
#: The 5-95 % band of compression (N) and disc pressure (MPa) over uncertain constants.
BAND_OUTPUTS = ("compression_low", "compression_high", "pressure_low", "pressure_high")
#: Keypoints in every record: those the picture's frame names and those of the skeleton
#: (so any drawing of ``SKELETON`` can be made from a record), in ``POINTS`` order.
_NAMED = set(frame_points()) | {p for _, bone in SKELETON for p in bone}
GRID_POINTS = tuple(p for p in POINTS if p in _NAMED)
#: What the picture needs beside the keypoints: each rigid part's rotation (degrees,
#: ``body.geometry.ROTATIONS``), whether the chair is drawn (1 sitting, else 0), and
#: where the pose has stopped while the slider goes on (1, else 0): the chest resting on
#: the thighs on a chair, the lower back fully curled on the floor; then two numbers the
#: read-out's notes test (negative: no note): the compression past the 1981 NIOSH maximum
#: permissible limit (N) and the load distance past the arms' reach (mm).
POSE_FIELDS = tuple(f"{part}_rot" for part in ROTATIONS) + (
    "chair_shown",
    "chest_on_thighs",
    "curl_full",
    "compression_over_max_N",
    "reach_short_mm",
)
#: Everything a record holds: outputs, inputs, band, each keypoint's x and y (metres),
#: then the pose fields.
FIELDS = (
    OUTPUTS
    + INPUT_FIELDS
    + BAND_OUTPUTS
    + tuple(f"{p}_{xy}" for p in GRID_POINTS for xy in "xy")
    + POSE_FIELDS
)
#: Draws of the uncertain constants per band (seeded: the same band every time).
BAND_SAMPLES = 100


def fields_table(inputs: dict, *, band: bool = True) -> np.ndarray:
    """Every field (rows, ``FIELDS`` order) for columns of model inputs: float64.

    ``inputs`` are ``evaluate`` keywords as equal-length 1-d arrays (``position``
    an array of names from ``POSITIONS``). One vectorised model call, one band call,
    and one keypoint call per position present. ``band=False`` leaves the band
    rows NaN ("not computed"): the band costs ``BAND_SAMPLES`` model calls per
    column, nearly all of the table's cost.
    """
    position = np.asarray(inputs["position"]).astype(str)
    model_inputs = dict(inputs)
    if position.size and (position == position[0]).all():
        # One position: a scalar spares the model its per-position dispatch
        # (about 2.5x faster for the band's sampled constants).
        model_inputs["position"] = str(position[0])
    r = evaluate(**model_inputs)
    n = position.size
    rows = [np.broadcast_to(getattr(r, k), (n,)) for k in OUTPUTS]
    # The load as drawn: none where the model holds none (lying on the floor the slider's
    # load is ignored, so no box and no arms reaching for it).
    holding = np.isin(position, HOLDING_POSITIONS)
    drawn = {
        k: np.where(holding, np.broadcast_to(np.asarray(inputs[k], float), (n,)), 0.0)
        for k in ("load_kg", "load_distance_m")
    }
    rows += [drawn[k] for k in INPUT_FIELDS]
    if band:
        bands = uncertainty_bands(
            ("compression_N", "disc_pressure_MPa"), n_samples=BAND_SAMPLES, **model_inputs
        )
        band_c, band_p = bands["compression_N"], bands["disc_pressure_MPa"]
        rows += [
            np.broadcast_to(b, (n,)) for b in (band_c.low, band_c.high, band_p.low, band_p.high)
        ]
    else:
        rows += [np.full(n, np.nan) for _ in BAND_OUTPUTS]
    points = {p: (np.empty(n), np.empty(n)) for p in GRID_POINTS}
    rotations = {part: np.empty(n) for part in ROTATIONS}
    chair = np.zeros(n)
    for code, name in enumerate(POSITIONS):
        # The pose depends on the position's leg layout and placing: one call per position.
        mask = position == name
        if not mask.any():
            continue
        kp = pose(
            code,
            np.broadcast_to(r.pelvic_tilt_deg, (n,))[mask],
            np.broadcast_to(r.lumbar_lordosis_deg, (n,))[mask],
            # The chest's turn as the model has it: the bend upright (on a chair, until
            # the chest rests on the thighs); lying, the curl leaves the chest on the
            # floor (the model rolls the pelvis back instead).
            chest_turn_deg(name, np.asarray(inputs["trunk_flexion_deg"], float)[mask]),
            drawn["load_distance_m"][mask],
            drawn["load_kg"][mask],
            np.broadcast_to(r.compression_N, (n,))[mask],
            np.broadcast_to(r.shear_N, (n,))[mask],
            # Lying, the legs follow the curl (the model keeps the hips' angle).
            legs_follow_deg=(
                np.broadcast_to(r.lumbar_flexion_deg, (n,))[mask] if name in CURL_POSITIONS else 0.0
            ),
        )
        for p in GRID_POINTS:
            points[p][0][mask], points[p][1][mask] = kp.points[p]
        for part in ROTATIONS:
            rotations[part][mask] = kp.rotations[part]
        chair[mask] = float(name == "sitting")
    for p in GRID_POINTS:
        rows += [points[p][0], points[p][1]]
    theta = np.asarray(inputs["trunk_flexion_deg"], float)
    chest = (position == "sitting") & (theta >= CONSTANTS.seated_chest_on_thighs_deg)
    # Full once the lumbar curve has flexed by the full range from standing's lordosis
    # (a pelvis tipped forward by tight hip flexors leaves further to go).
    flat = CONSTANTS.standing_lordosis_deg - CONSTANTS.full_lumbar_flexion_deg
    lordosis = np.broadcast_to(r.lumbar_lordosis_deg, (n,))
    curl = np.isin(position, CURL_POSITIONS) & (lordosis <= flat + 1e-6)
    rows += [rotations[part] for part in ROTATIONS] + [
        chair,
        chest.astype(float),
        curl.astype(float),
        # How far past the 1981 NIOSH maximum permissible limit (the read-out warns past
        # it: the model's muscles have no strength limit); a number, not a flag, so the
        # browser interpolates it with the compression it shows and warns where that
        # number crosses the limit.
        np.broadcast_to(r.compression_N, (n,)) - NIOSH_MAX_PERMISSIBLE_N,
        # How much further the slider asks than the arms reach (mm, negative within
        # reach, and where nothing is held): the model holds the load at arm's length.
        _reach_short_mm(inputs, position, n),
    ]
    return np.stack(rows).astype(float)


def _reach_short_mm(inputs: dict, position: np.ndarray, n: int) -> np.ndarray:
    """``load_distance_m`` beyond where the model's hands reach, mm (``hands_ahead_m``);
    -1000 where nothing is held."""
    dist = np.broadcast_to(np.asarray(inputs["load_distance_m"], float), (n,))
    body = {k: inputs[k] for k in ("height_m", "sex") if k in inputs}  # else the model's
    hands = hands_ahead_m(position, inputs["trunk_flexion_deg"], dist, **body)
    short = 1000.0 * (dist - hands)
    return np.where(np.isnan(short), -1000.0, short)


def state_record(values: dict) -> dict[str, float]:
    """Every field at one (complete, clamped) setting: ``{field: value}``."""
    inputs = {k: np.asarray([v]) for k, v in values.items()}
    column = fields_table(inputs)[:, 0]
    return {f: float(v) for f, v in zip(FIELDS, column, strict=True)}


def snapshot(values: dict) -> dict:
    """Everything drawn at one setting (clamped, defaults filled in): for the static twin.

    ``values``: the setting; ``numbers``: model outputs and ``load_kg``; ``band``:
    ``{output: (low, high)}``; ``points``: keypoints ``{name: (x, y)}`` in metres;
    ``record``: all of it as one ``{field: value}`` (what a grid column holds, what
    ``picture.explorer_svg`` paints).
    """
    values = clamp_values({**default_values(), **values})
    record = state_record(values)
    numbers = {k: record[k] for k in OUTPUTS + INPUT_FIELDS}
    band = {
        "compression_N": (record["compression_low"], record["compression_high"]),
        "disc_pressure_MPa": (record["pressure_low"], record["pressure_high"]),
    }
    pts = {p: (record[f"{p}_x"], record[f"{p}_y"]) for p in GRID_POINTS}
    return {"values": values, "numbers": numbers, "band": band, "points": pts, "record": record}


def _block_key(position: str, control: Control, values: dict) -> tuple:
    """What one block depends on: its position, its control, and every other control."""
    others = tuple(
        (name, v) for name, v in sorted(values.items()) if name not in (control.name, "position")
    )
    return (position, control.name, others)


class BlockCache:
    """Recently computed grid blocks, least recently used dropped first.

    A block is stored with or without its band rows; a block with its band also
    serves a request without one. ``max_blocks`` bounds the memory (a block is at
    most ``len(FIELDS) x 91`` float32 values, about 21 kB).
    """

    def __init__(self, max_blocks: int = 256):
        self.max_blocks = max_blocks
        self._blocks: OrderedDict[tuple, tuple[np.ndarray, bool]] = OrderedDict()

    def get(self, key: tuple, *, band: bool) -> np.ndarray | None:
        hit = self._blocks.get(key)
        if hit is None or (band and not hit[1]):
            return None
        self._blocks.move_to_end(key)
        return hit[0]

    def put(self, key: tuple, block: np.ndarray, *, band: bool) -> None:
        old = self._blocks.get(key)
        if old is not None and old[1] and not band:
            return  # keep the block that has its band
        self._blocks[key] = (block, band)
        self._blocks.move_to_end(key)
        while len(self._blocks) > self.max_blocks:
            self._blocks.popitem(last=False)


@dataclass(frozen=True)
class GridLayout:
    """The grid's byte layout: a header, then one block per control, for one position.

    A grid holds one position, the current one (the others are computed when picked,
    and travel in their own grid). Its first value is that position's index in
    ``positions``. Then come the blocks, one per control in ``controls`` order: a
    block holds ``len(fields)`` rows of ``n`` values each; row ``k`` is field
    ``fields[k]`` at the control's ``n`` slider steps (``low + i * step``), the other
    controls at the current setting. Values are ``dtype`` (little-endian float32),
    with no padding: the element offset of control ``c``'s block is ``HEADER`` plus
    ``len(fields) * n`` over the blocks before it. Read for another position than the
    one a grid holds, every field is NaN ("not computed").
    """

    positions: tuple[str, ...] = POSITIONS
    controls: tuple[Control, ...] = CONTROLS
    fields: tuple[str, ...] = FIELDS
    band_fields: tuple[str, ...] = BAND_OUTPUTS
    dtype: str = "<f4"
    #: Values before the first block: the index of the position the grid holds.
    HEADER = 1

    def steps(self, control: Control) -> int:
        return len(control.grid)

    def offset(self, control_name: str) -> int:
        """Element (not byte) offset of one control's block."""
        off = self.HEADER
        for c in self.controls:
            if c.name == control_name:
                return off
            off += len(self.fields) * self.steps(c)
        raise KeyError(f"no block for control {control_name!r}")

    @property
    def size(self) -> int:
        """Elements in a whole grid."""
        return self.HEADER + sum(len(self.fields) * self.steps(c) for c in self.controls)

    def to_json(self) -> dict:
        """What the browser's reader (``js/grid.js``) needs: fields and every block."""
        return {
            "dtype": "float32",
            "little_endian": self.dtype.startswith("<"),
            "header": ["position_index"],
            "order": ["control", "field", "step"],
            "fields": list(self.fields),
            "band_fields": [f for f in self.band_fields if f in self.fields],
            "positions": list(self.positions),
            "controls": [
                {"name": c.name, "low": c.low, "step": c.step, "n": self.steps(c)}
                for c in self.controls
            ],
            "blocks": [self.offset(c.name) for c in self.controls],
            "size": self.size,
        }

    def write(
        self,
        values: dict,
        cache: BlockCache | None = None,
        banded: frozenset[str] | None = None,
    ) -> bytes:
        """The grid of the current position at one setting (complete, clamped
        ``values``) as bytes.

        ``banded`` names the controls whose blocks carry the uncertainty band
        (None: all). The band costs ``BAND_SAMPLES`` model calls per column, so
        the explorer asks only for the block the learner reads (the slider last
        moved or about to be moved); the others' band rows stay NaN until asked.

        With a ``cache``, a block already computed for the same position and setting
        of the other controls is reused: after a committed change, only the blocks
        that depend on the control moved are recomputed. A moved control's own block
        (its band included) does not depend on it, so dragging one slider again and
        again recomputes no band at all; going back to a position already seen at
        this setting recomputes nothing.
        """
        cache = cache if cache is not None else BlockCache()
        position = values["position"]
        wanted = []  # (control, key, with band)
        for control in self.controls:
            key = _block_key(position, control, values)
            wanted.append((control, key, banded is None or control.name in banded))
        missing = [w for w in wanted if cache.get(w[1], band=w[2]) is None]
        for with_band in sorted({w[2] for w in missing}):
            # One model call per kind (with or without the band), a scalar position.
            todo = [w for w in missing if w[2] == with_band]
            columns: dict[str, list] = {name: [] for name in values if name != "position"}
            for control, _, _ in todo:
                n = self.steps(control)
                for name in columns:
                    columns[name].append(np.full(n, values[name], dtype=float))
                columns[control.name][-1] = control.grid
            inputs = {k: np.concatenate(v) for k, v in columns.items()}
            inputs["position"] = np.full(sum(self.steps(c) for c, _, _ in todo), position)
            table = fields_table(inputs, band=with_band)
            start = 0
            for control, key, _ in todo:
                n = self.steps(control)
                cache.put(key, table[:, start : start + n].astype(self.dtype), band=with_band)
                start += n
        header = np.array([self.positions.index(position)], self.dtype)
        blocks = [cache.get(key, band=False) for _, key, _ in wanted]
        return b"".join(np.ascontiguousarray(b).tobytes() for b in [header, *blocks])

    def position_of(self, data: bytes) -> str:
        """The position a written grid holds."""
        return self.positions[int(np.frombuffer(data, dtype=self.dtype, count=1)[0])]

    def block(self, data: bytes, position: str, control_name: str) -> np.ndarray:
        """One block of a written grid as a (fields, steps) array; all NaN for another
        position than the one the grid holds."""
        c = next(c for c in self.controls if c.name == control_name)
        n = self.steps(c)
        if position != self.position_of(data):
            return np.full((len(self.fields), n), np.nan, self.dtype)
        flat = np.frombuffer(data, dtype=self.dtype)
        off = self.offset(control_name)
        return flat[off : off + len(self.fields) * n].reshape(len(self.fields), n)

    def lookup(self, data: bytes, position: str, control_name: str, value: float) -> dict:
        """Every field at ``value`` of one control: linear between slider steps (NaN
        for another position than the grid's).

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
