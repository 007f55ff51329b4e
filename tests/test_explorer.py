"""Headless tests of the explorer: the state sent to the view follows the model."""

from __future__ import annotations

import json

import numpy as np
import pytest

from workshop.model import evaluate
from workshop.views.chain.controls import (
    CONTROL_BY_NAME,
    POSITIONS,
    clamp_values,
    default_values,
)
from workshop.views.chain.explorer import FIELDS, KineticChainExplorer, grid_table, snapshot
from workshop.views.chain.grid import GRID


def lookup(widget, position, control_name, value, field):
    """Read one field from the binary grid the widget sends, with the grid's one layout."""
    return GRID.lookup(widget.grid, position, control_name, value)[field]


def test_the_grid_layout_is_the_one_the_browser_receives():
    w = KineticChainExplorer()
    layout = json.loads(w.layout_json)["grid"]
    assert layout == GRID.to_json()
    assert layout["fields"] == list(FIELDS)
    assert len(w.grid) == 4 * layout["size"]  # float32
    # The header (which position), then blocks tiling the rest: control by control,
    # each fields x steps.
    ends = [
        off + len(FIELDS) * c["n"]
        for off, c in zip(layout["blocks"], layout["controls"], strict=True)
    ]
    starts = layout["blocks"]
    assert starts[0] == len(layout["header"]) == GRID.HEADER
    assert starts[1:] == ends[:-1] and ends[-1] == layout["size"]
    assert GRID.position_of(w.grid) == w.values["position"]
    w.set(position="sitting")
    assert GRID.position_of(w.grid) == "sitting"
    assert np.isnan(GRID.block(w.grid, "standing", "load_kg")).all()  # not in this grid
    block = GRID.block(w.grid, w.values["position"], "load_kg")
    assert block.shape == (len(FIELDS), len(CONTROL_BY_NAME["load_kg"].grid))
    assert np.array_equal(block[FIELDS.index("load_kg")], CONTROL_BY_NAME["load_kg"].grid)


def test_grid_holds_the_model_at_every_slider_step():
    w = KineticChainExplorer(load_kg=10, load_distance_m=0.4)
    for name in ("hip_flexor_tightness", "trunk_flexion_deg", "load_kg"):
        for value in CONTROL_BY_NAME[name].grid[::7]:
            for position in POSITIONS:
                w.set(position=position)  # the kernel computes the current position's grid
                inputs = {**w.values, "position": position, name: value}
                expected = float(evaluate(**inputs).compression_N)
                got = lookup(w, position, name, value, "compression_N")
                assert got == pytest.approx(expected, rel=1e-5, abs=0.05)


def test_setting_a_control_recomputes_what_the_view_receives():
    w = KineticChainExplorer()
    before_grid = w.grid
    before = lookup(w, "standing", "trunk_flexion_deg", 40, "compression_N")
    w.set(load_kg=20, load_distance_m=0.5)
    assert w.grid != before_grid
    after = lookup(w, "standing", "trunk_flexion_deg", 40, "compression_N")
    assert after > before
    expected = float(evaluate(trunk_flexion_deg=40, load_kg=20, load_distance_m=0.5).compression_N)
    assert after == pytest.approx(expected, rel=1e-5)


def test_tightness_moves_the_pelvis_in_the_picture():
    w = KineticChainExplorer()
    asis_normal = lookup(w, "standing", "hip_flexor_tightness", 0.0, "asis_y")
    asis_tight = lookup(w, "standing", "hip_flexor_tightness", 1.0, "asis_y")
    assert asis_tight < asis_normal  # anterior tilt lowers the front of the pelvis
    tilt_tight = lookup(w, "standing", "hip_flexor_tightness", 1.0, "pelvic_tilt_deg")
    assert tilt_tight == pytest.approx(float(evaluate(hip_flexor_tightness=1).pelvic_tilt_deg))


def test_controls_clamp_and_refuse_unknown_names():
    w = KineticChainExplorer()
    w.set(load_kg=99, trunk_flexion_deg=-5, glute_weakness=0.333)
    assert w.values["load_kg"] == CONTROL_BY_NAME["load_kg"].high
    assert w.values["trunk_flexion_deg"] == 0.0
    assert w.values["glute_weakness"] == pytest.approx(0.35)
    with pytest.raises(ValueError, match="unknown control"):
        clamp_values({"hip_tightness": 1})
    with pytest.raises(ValueError, match="position"):
        clamp_values({"position": "kneeling"})
    assert clamp_values({"load_kg": float("nan")})["load_kg"] == CONTROL_BY_NAME["load_kg"].default


def test_reset_returns_to_defaults_and_pin_keeps_a_copy():
    w = KineticChainExplorer(load_kg=12)
    w.pin()
    w.set(load_kg=25)
    assert w.pinned["load_kg"] == 12
    # What the page paints for the pinned picture: the pinned setting and its record.
    assert w.pinned_state["values"] == w.pinned
    assert w.pinned_state["record"]["load_kg"] == 12
    assert w.pinned_state["record"]["compression_N"] == pytest.approx(
        float(evaluate(**w.pinned).compression_N)
    )
    html = w.compare_table().data
    assert "+" in html and "disc pressure" in html
    w.reset()
    assert w.values == clamp_values(default_values())
    w.unpin()
    assert w.pinned == {} and w.pinned_state == {}


def test_static_twin_is_svg_with_the_model_numbers():
    w = KineticChainExplorer(trunk_flexion_deg=36)
    bundle = w._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    svg = data["image/svg+xml"]
    assert svg.startswith("<svg") and "NIOSH" in svg
    pressure = float(
        evaluate(
            trunk_flexion_deg=36, **{k: w.values[k] for k in ("load_distance_m", "load_kg")}
        ).disc_pressure_MPa
    )
    assert f"{pressure:.2f} MPa" in svg
    assert "application/vnd.jupyter.widget-view+json" in data


def test_snapshot_band_brackets_the_value():
    s = snapshot({"trunk_flexion_deg": 45, "load_kg": 10})
    lo, hi = s["band"]["compression_N"]
    assert lo < s["numbers"]["compression_N"] < hi


def test_grid_size_stays_small_enough_to_send_on_every_change():
    # One position's grid (about 130 kB; the three positions' grid was 396 kB): what each
    # commit sends each learner, over a classroom's Wi-Fi.
    assert grid_table(default_values()).nbytes < 150_000


def test_the_comparison_picture_scales_to_the_output_area():
    from workshop.views.chain.compare import compare_svg

    svg = compare_svg(
        {"hip_flexor_tightness": 0}, {"hip_flexor_tightness": 1}, ("loose", "tight")
    ).data
    root = svg[: svg.index(">")]
    assert 'width="100%"' in root and "viewBox=" in root and "max-width:100%" in root
    assert 'height="' not in root  # the height follows the width (viewBox)
    # A | differences | B: both settings drawn, the differences between them named.
    assert "loose" in svg and "tight" in svg and "tight − loose" in svg
    tilt = evaluate(hip_flexor_tightness=1).pelvic_tilt_deg - evaluate().pelvic_tilt_deg
    assert f"pelvic tilt: {float(tilt):+.1f} °" in svg


def test_lying_the_picture_holds_no_load():
    """Lying on the floor the model ignores the load: the picture draws no box and no
    arms reaching for it, the same record as with empty hands; standing it does."""
    from workshop.views.chain.controls import default_values
    from workshop.views.chain.grid import state_record

    for position, same in (("lying", True), ("standing", False)):
        empty = state_record({**default_values(), "position": position})
        held = state_record(
            {**default_values(), "position": position, "load_kg": 50.0, "load_distance_m": 0.8}
        )
        assert (held == empty) is same, position
    assert held["load_kg"] == 50.0


def test_the_abdominals_are_drawn_working_when_they_hold_a_curl():
    """Lying, a curl is held by the abdominals against the stretched back tissues: the
    picture draws them, thicker as their force grows (they were not drawn at all)."""
    import re

    from workshop.model import evaluate
    from workshop.views.chain.controls import default_values
    from workshop.views.chain.grid import state_record
    from workshop.views.chain.picture import explorer_svg

    def abs_width(lean):
        record = state_record({**default_values(), "position": "lying", "trunk_flexion_deg": lean})
        svg = explorer_svg(record)
        tag = re.search(r'<polyline[^>]*data-force="flexor_force_N"[^>]*>', svg).group(0)
        return float(re.search(r'stroke-width="([\d.]+)"', tag).group(1))

    assert float(evaluate(position="lying", trunk_flexion_deg=60).flexor_force_N) > 1000
    assert abs_width(60.0) > abs_width(20.0) > 0
