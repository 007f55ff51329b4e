"""``KineticChainExplorer``: the kinetic chain, live in the browser.

Why it feels instant: for the current settings the kernel evaluates the model
once along every slider's whole grid (for the current position), with keypoints
of the picture and the uncertainty band, and sends that as one binary buffer
(``grid.GridLayout``). While the learner drags, the browser looks the answer up
on the grid and repaints the SVG in the same frame; no kernel round trip. When
a drag ends, the new settings reach the kernel, which recomputes the grids for
the other sliders (they depend on the one just moved). The uncertainty band,
the costly part, is computed only along the slider the learner reads: the
browser names it in ``focus`` as the pointer or the keyboard reaches a slider,
before the drag starts.

The front end is ES modules beside this file (``explorer.js`` the entry,
``js/*.js`` its parts), joined into one module by ``common.esm.bundle``. It
invents nothing: controls, picture frame, gauges, colours, read-out sentence,
comparison rows and the grid's byte layout all arrive in ``layout_json``.

Synced traits, each used on both sides:

=============  ==========  ==========================================================
trait          written by  read by
=============  ==========  ==========================================================
layout_json    kernel      browser: builds controls, frame and grid reader (once)
values         both        both: a drag sends it; ``set``/``reset`` move the sliders
grid           kernel      browser: looks the picture up while dragging
pinned         both        kernel: ``compare_table``; browser: unpins, matches pinned_state
pinned_state   kernel      browser: the pinned ('A') setting and its record, painted
focus          both        kernel: which slider's block gets the band; browser: the
                           slider it reads at rest (sent as a slider is reached)
=============  ==========  ==========================================================

What the browser sends is checked in the kernel (``trust.TrustBoundary``):
``values``, ``pinned`` and ``focus`` only, every control in its range, a known
position and a known slider;
anything else is refused, logged, and the kernel's state sent back.
"""

from __future__ import annotations

import json
import pathlib

import anywidget
import numpy as np
import traitlets

from ...model import evaluate
from ..common.esm import bundle
from ..common.trust import TrustBoundary, refusal, trust_tree
from ..common.twin import StaticTwin
from . import picture
from .controls import CONTROLS, POSITIONS, check_values, clamp_values, default_values
from .grid import FIELDS, GRID, BlockCache, snapshot, state_record

__all__ = ["FIELDS", "KineticChainExplorer", "browser_layout", "grid_table", "snapshot"]

HERE = pathlib.Path(__file__).parent
#: Titles of the two pictures and the columns of the comparison while pinned.
PINNED_NAMES = ("A (pinned)", "B (now)")
#: The note under the picture.
NOTE = (
    "Model, not measurement: a static model of one average man, 1.75 m tall (de Leva's "
    "table), at the body mass you set. The pale band is the 5–95 % range over uncertain "
    "constants. It does not diagnose."
)


def grid_table(values: dict) -> np.ndarray:
    """The grid at one setting as a flat float32 array (layout: ``grid.GRID``)."""
    return np.frombuffer(GRID.write(clamp_values({**default_values(), **values})), GRID.dtype)


def browser_layout() -> dict:
    """Everything the browser needs to build the widget (sent once as ``layout_json``)."""
    from .compare import ROWS

    return {
        "controls": [c.to_json() for c in CONTROLS],
        "positions": list(POSITIONS),
        "grid": GRID.to_json(),
        "picture": picture.paint_spec(),
        "diff_rows": [list(r) for r in ROWS],
        "pinned_names": list(PINNED_NAMES),
        "note": NOTE,
    }


def check_focus(name) -> str:
    """A slider name from the browser (the one the learner is about to move)."""
    names = [c.name for c in CONTROLS]
    if not isinstance(name, str) or name not in names:
        raise ValueError(f"focus must be one of {', '.join(names)}; got {name!r}")
    return name


def check_pinned(pinned) -> dict:
    """A pinned setting from the browser: nothing (``{}``) or a full, valid setting."""
    return {} if isinstance(pinned, dict) and not pinned else check_values(pinned)


class KineticChainExplorer(StaticTwin, TrustBoundary, anywidget.AnyWidget):
    """Sliders for the kinetic chain and a picture that follows them in the browser.

    ``values`` holds the controls (clamped; position one of standing, sitting,
    lying). Set them from Python with ``explorer.set(...)``; the page follows.
    ``pinned`` holds a setting to compare against (before/after): ``pin()`` from
    Python or the Pin button in the page; ``compare_table()`` gives the
    differences in numbers.
    """

    _esm = bundle(HERE / "explorer.js")
    _css = HERE / "explorer.css"

    values = traitlets.Dict().tag(sync=True)
    pinned = traitlets.Dict().tag(sync=True)
    pinned_state = traitlets.Dict().tag(sync=True)
    layout_json = traitlets.Unicode().tag(sync=True)
    grid = traitlets.Bytes().tag(sync=True)
    focus = traitlets.Unicode(CONTROLS[0].name).tag(sync=True)

    def __init__(self, **values):
        super().__init__()
        self._blocks = BlockCache()  # this widget's recently computed grid blocks
        self.layout_json = json.dumps(browser_layout())
        self.values = clamp_values({**default_values(), **values})
        trust_tree(self)  # its layout widget too

    def _frontend_checks(self):
        return {"values": check_values, "pinned": check_pinned, "focus": check_focus}

    @traitlets.validate("values", "pinned")
    def _clamp(self, proposal):
        if proposal["trait"].name == "pinned" and not proposal["value"]:
            return {}
        try:
            return clamp_values({**default_values(), **proposal["value"]})
        except (TypeError, ValueError) as exc:
            # A refusal, so that hold_trait_notifications rolls the change back.
            raise refusal(exc) from None

    @traitlets.validate("focus")
    def _check_focus(self, proposal):
        try:
            return check_focus(proposal["value"])
        except ValueError as exc:
            raise refusal(exc) from None

    @traitlets.observe("values", "focus")
    def _recompute(self, change):
        # After a change of focus only that slider's band is new (a cached block
        # otherwise); after a change of values, the blocks that depend on it.
        self.grid = GRID.write(self.values, self._blocks, frozenset({self.focus}))

    @traitlets.observe("pinned")
    def _paint_pinned(self, change):
        # The setting goes with its record, so the browser can tell a record that
        # belongs to the pinned setting from one still on its way.
        pinned = self.pinned
        self.pinned_state = {"values": pinned, "record": state_record(pinned)} if pinned else {}

    def set(self, **values) -> None:
        """Change controls from Python (clamped like the sliders).

        An unknown control, a non-number or an unknown position raises
        ``ValueError`` / ``TypeError`` naming it; the setting stays as it was.
        """
        self.values = {**self.values, **values}

    def reset(self) -> None:
        """All controls back to their defaults (standing, nothing held)."""
        self.values = default_values()

    def pin(self) -> None:
        """Keep the current setting as the comparison ('before'); the page shows it."""
        self.pinned = dict(self.values)

    def unpin(self) -> None:
        """Drop the comparison; the page shows one picture again."""
        self.pinned = {}

    def result(self):
        """The model at the current setting (a ``ModelResult``)."""
        return evaluate(**self.values)

    def readout(self) -> str:
        """The read-out sentence at the current setting."""
        return picture.readout_text(snapshot(self.values)["record"])

    def compare_table(self):
        """Pinned ('A') against current ('B') with differences, as HTML."""
        from .compare import compare_table

        return compare_table(self.pinned or default_values(), self.values)

    def to_svg(self) -> str:
        """The static twin: the picture at the current setting as SVG text."""
        return picture.explorer_svg(snapshot(self.values)["record"])

    # The static twin (StaticTwin): shown where no live kernel is (exported HTML, slides).
    def static_text(self) -> str:
        return f"KineticChainExplorer: {self.readout()}"

    def static_svg(self) -> str:
        return self.to_svg()
