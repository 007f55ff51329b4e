"""``KineticChainExplorer``: the kinetic chain, live in the browser.

Why it feels instant: for the current settings the kernel evaluates the model
once along every slider's whole grid (for all three positions), with keypoints
of the picture and the uncertainty band, and sends that as one binary buffer.
While the learner drags, the browser looks the answer up on the grid and
redraws the SVG in the same frame; no kernel round trip. When a drag ends, the
new settings reach the kernel, which recomputes the grids for the other
sliders (they depend on the one just moved).

What the browser sends is checked in the kernel (``trust.TrustBoundary``):
``values`` and ``pinned`` only, every control in its range and a known position;
anything else is refused, logged, and the kernel's state sent back.
"""

from __future__ import annotations

import json
import pathlib
import time

import anywidget
import numpy as np
import traitlets

from ...model import LINKS, evaluate, uncertainty_bands
from ..body.geometry import POINTS, keypoints
from ..common.trust import TrustBoundary, refusal, trust_tree
from . import picture
from .controls import CONTROLS, POSITIONS, check_values, clamp_values, default_values

HERE = pathlib.Path(__file__).parent
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
BAND_OUTPUTS = ("compression_low", "compression_high", "pressure_low", "pressure_high")
FIELDS = OUTPUTS + BAND_OUTPUTS + tuple(f"{p}_{xy}" for p in POINTS for xy in "xy")
BAND_SAMPLES = 100


def model_inputs(values: dict) -> dict:
    """Explorer values as ``evaluate`` keyword arguments."""
    return {k: v for k, v in values.items()}


def snapshot(values: dict) -> dict:
    """Model numbers, keypoints and band at one setting (scalars): for the SVG twin."""
    values = clamp_values({**default_values(), **values})
    r = evaluate(**model_inputs(values))
    numbers = {k: float(getattr(r, k)) for k in OUTPUTS}
    numbers["load_kg"] = values["load_kg"]
    bands = uncertainty_bands(
        ("compression_N", "disc_pressure_MPa"), n_samples=BAND_SAMPLES, **model_inputs(values)
    )
    band_c, band_p = bands["compression_N"], bands["disc_pressure_MPa"]
    band = {
        "compression_N": (float(band_c.low), float(band_c.high)),
        "disc_pressure_MPa": (float(band_p.low), float(band_p.high)),
    }
    code = POSITIONS.index(values["position"])
    kp = keypoints(
        code,
        r.pelvic_tilt_deg,
        r.lumbar_lordosis_deg,
        values["trunk_flexion_deg"],
        values["load_distance_m"],
        values["load_kg"],
    )
    pts = {k: (float(x), float(y)) for k, (x, y) in kp.items()}
    return {"values": values, "numbers": numbers, "band": band, "points": pts}


def grid_table(values: dict) -> np.ndarray:
    """Every field along every slider's grid for every position: float32, flat.

    Layout: for each position, for each control in ``CONTROLS`` order, a block of
    ``len(FIELDS)`` rows of ``len(control.grid)`` values. All blocks are evaluated
    in one vectorised call of the model (and one per band).
    """
    base = model_inputs(values)
    columns: dict[str, list] = {name: [] for name in base}
    spans = []
    for position in POSITIONS:
        for control in CONTROLS:
            n = len(control.grid)
            for name, v in base.items():
                columns[name].append(np.full(n, v, dtype=object if name == "position" else float))
            columns["position"][-1][:] = position
            columns[control.name][-1] = control.grid
            spans.append(n)
    inputs = {k: np.concatenate(v) for k, v in columns.items()}
    inputs["position"] = inputs["position"].astype(str)
    r = evaluate(**inputs)
    bands = uncertainty_bands(
        ("compression_N", "disc_pressure_MPa"), n_samples=BAND_SAMPLES, **inputs
    )
    band_c, band_p = bands["compression_N"], bands["disc_pressure_MPa"]
    rows = [getattr(r, k) for k in OUTPUTS]
    rows += [band_c.low, band_c.high, band_p.low, band_p.high]
    start = 0
    points = {p: (np.empty(len(r.compression_N)), np.empty(len(r.compression_N))) for p in POINTS}
    for code in range(len(POSITIONS)):
        # Keypoints depend on the position's leg layout: one call per position.
        stop = start + sum(spans[code * len(CONTROLS) : (code + 1) * len(CONTROLS)])
        sl = slice(start, stop)
        kp = keypoints(
            code,
            r.pelvic_tilt_deg[sl],
            r.lumbar_lordosis_deg[sl],
            inputs["trunk_flexion_deg"][sl],
            inputs["load_distance_m"][sl],
            inputs["load_kg"][sl],
        )
        for p in POINTS:
            points[p][0][sl], points[p][1][sl] = kp[p]
        start = stop
    for p in POINTS:
        rows += [points[p][0], points[p][1]]
    table = np.stack(rows)  # (fields, all grid points)
    blocks, start = [], 0
    for n in spans:
        blocks.append(table[:, start : start + n].ravel())
        start += n
    return np.concatenate(blocks).astype(np.float32)


def check_pinned(pinned) -> dict:
    """A pinned setting from the browser: nothing (``{}``) or a full, valid setting."""
    return {} if isinstance(pinned, dict) and not pinned else check_values(pinned)


class KineticChainExplorer(TrustBoundary, anywidget.AnyWidget):
    """Sliders for the kinetic chain and a picture that follows them in the browser.

    ``values`` holds the controls (clamped; position one of standing, sitting,
    lying). Set them from Python with ``explorer.set(...)``. ``pinned`` holds a
    setting to compare against (before/after); ``compare_table()`` gives the
    differences in numbers.
    """

    _esm = HERE / "explorer.js"
    _css = HERE / "explorer.css"

    values = traitlets.Dict().tag(sync=True)
    pinned = traitlets.Dict().tag(sync=True)
    layout_json = traitlets.Unicode().tag(sync=True)
    grid = traitlets.Bytes().tag(sync=True)
    grid_version = traitlets.Int(0).tag(sync=True)

    def __init__(self, **values):
        super().__init__()
        self.kernel_cpu_s = 0.0  # kernel CPU spent recomputing grids (for benchmarks)
        self.recomputes = 0
        self.layout_json = json.dumps(
            {
                "controls": [c.to_json() for c in CONTROLS],
                "positions": list(POSITIONS),
                "fields": list(FIELDS),
                "points": list(POINTS),
                "muscles": [list(m) for m in picture.MUSCLES],
                "gauges": [list(g) for g in picture.GAUGES],
                "badges": [
                    [label, LINKS[name].grade, LINKS[name].source] for label, name in picture.BADGES
                ],
                "grade_colours": picture.GRADE_COLOURS,
                "scale": picture.SCALE,
                "origin": picture.ORIGIN,
                "size": [picture.WIDTH, picture.HEIGHT],
            }
        )
        self.values = clamp_values({**default_values(), **values})
        trust_tree(self)  # its layout widget too

    def _frontend_checks(self):
        return {"values": check_values, "pinned": check_pinned}

    @traitlets.validate("values", "pinned")
    def _clamp(self, proposal):
        if proposal["trait"].name == "pinned" and not proposal["value"]:
            return {}
        try:
            return clamp_values({**default_values(), **proposal["value"]})
        except (TypeError, ValueError) as exc:
            # A refusal, so that hold_trait_notifications rolls the change back.
            raise refusal(exc) from None

    @traitlets.observe("values")
    def _recompute(self, change):
        t0 = time.process_time()
        self.grid = grid_table(self.values).tobytes()
        self.grid_version += 1
        self.kernel_cpu_s += time.process_time() - t0
        self.recomputes += 1

    def set(self, **values) -> None:
        """Change controls from Python (clamped like the sliders).

        An unknown control, a non-number or an unknown position raises
        ``ValueError`` / ``TypeError`` naming it; the setting stays as it was.
        """
        self.values = {**self.values, **values}

    def reset(self) -> None:
        self.values = default_values()

    def pin(self) -> None:
        """Keep the current setting as the comparison ('before')."""
        self.pinned = dict(self.values)

    def result(self):
        """The model at the current setting (a ``ModelResult``)."""
        return evaluate(**model_inputs(self.values))

    def readout(self) -> str:
        return picture.readout_text(snapshot(self.values)["numbers"])

    def compare_table(self):
        """Pinned ('A') against current ('B') with differences, as HTML."""
        from .compare import compare_table

        return compare_table(self.pinned or default_values(), self.values)

    def to_svg(self) -> str:
        s = snapshot(self.values)
        return picture.explorer_svg(s["numbers"], s["points"], s["band"])

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        # The static twin: shown where no live kernel is (exported HTML, slides).
        data["image/svg+xml"] = self.to_svg()
        data["text/plain"] = f"KineticChainExplorer: {self.readout()}"
        return bundle
