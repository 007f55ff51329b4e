"""The explorer recomputes only what a committed change touches (issue 12: cheaper learners).

A grid block (position, control) depends on its position, its control's steps and
the other controls' values. A grid holds the current position only; another
position's grid is computed (or taken from the cache) when the learner picks it.
After a change, blocks that do not depend on the control moved are reused. The uncertainty band, most of
the cost, is computed only for the blocks asked for (the explorer asks for the
slider the learner reads), so dragging one slider again and again computes no band.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from workshop.views.chain import grid as grid_module
from workshop.views.chain.controls import CONTROL_BY_NAME, CONTROLS, POSITIONS, default_values
from workshop.views.chain.grid import BAND_OUTPUTS, GRID, BlockCache
from workshop.views.chain.picture import GAUGES, gauge_reading

BAND_ROWS = [GRID.fields.index(f) for f in BAND_OUTPUTS]
OTHER_ROWS = [i for i in range(len(GRID.fields)) if i not in BAND_ROWS]


def count_tables(monkeypatch) -> list:
    """From now on, every ``fields_table`` call as (with band, columns), in a list."""
    computed = []
    real = grid_module.fields_table

    def counting(inputs, *, band=True):
        computed.append((band, len(inputs["position"])))
        return real(inputs, band=band)

    monkeypatch.setattr(grid_module, "fields_table", counting)
    return computed


def blocks(data: bytes, position: str):
    return {c.name: GRID.block(data, position, c.name) for c in CONTROLS}


def test_a_grid_holds_the_current_position_only():
    setting = {**default_values(), "position": "sitting", "load_kg": 12.0}
    data = GRID.write(setting, BlockCache())
    assert len(data) == GRID.size * 4 and GRID.position_of(data) == "sitting"
    for position in POSITIONS:
        for name, block in blocks(data, position).items():
            if position == "sitting":
                assert np.isfinite(block).all(), name
            else:  # read for another position: "not computed"
                assert np.isnan(block).all(), (position, name)


def test_a_cached_grid_equals_a_fresh_one():
    rng = np.random.default_rng(7)
    cache = BlockCache()
    setting = default_values()
    for _ in range(12):
        c = CONTROLS[rng.integers(len(CONTROLS))]
        setting = {**setting, c.name: float(rng.choice(c.grid))}
        if rng.random() < 0.3:
            setting["position"] = str(rng.choice(POSITIONS))
        cached = GRID.write(setting, cache)
        fresh = GRID.write(setting, BlockCache())
        assert cached == fresh
        for block in blocks(cached, setting["position"]).values():
            assert np.isfinite(block).all()


def test_a_committed_change_recomputes_only_the_blocks_that_depend_on_it(monkeypatch):
    cache = BlockCache()
    setting = default_values()
    GRID.write(setting, cache)
    computed = count_tables(monkeypatch)
    moved = CONTROL_BY_NAME["trunk_flexion_deg"]
    GRID.write({**setting, "trunk_flexion_deg": 45.0}, cache)
    steps = sum(len(c.grid) for c in CONTROLS)
    # The current position only, every block but the moved control's own, with its band.
    assert computed == [(True, steps - len(moved.grid))]
    computed.clear()
    GRID.write({**setting, "trunk_flexion_deg": 45.0, "position": "lying"}, cache)
    assert computed == [(True, steps)]  # a newly chosen position: all its blocks
    computed.clear()
    data = GRID.write({**setting, "trunk_flexion_deg": 45.0}, cache)
    assert computed == []  # back to a setting seen: nothing recomputed
    assert GRID.position_of(data) == "standing"
    GRID.write({**setting, "trunk_flexion_deg": 45.0, "position": "lying"}, cache)
    assert computed == []  # nor for the position seen at this setting


def test_the_band_is_computed_only_for_the_sliders_asked_for(monkeypatch):
    cache = BlockCache()
    setting = default_values()
    trunk = CONTROL_BY_NAME["trunk_flexion_deg"]
    data = GRID.write(setting, cache, frozenset({trunk.name}))
    for name, block in blocks(data, setting["position"]).items():
        assert np.isfinite(block[OTHER_ROWS]).all(), name
        band_known = np.isfinite(block[BAND_ROWS]).all()
        assert band_known == (name == trunk.name), name
    computed = count_tables(monkeypatch)
    steps = sum(len(c.grid) for c in CONTROLS)
    # Dragging the trunk: the other blocks' numbers are new, no band is computed.
    for degrees in (10.0, 20.0, 30.0):
        GRID.write({**setting, trunk.name: degrees}, cache, frozenset({trunk.name}))
        assert computed == [(False, steps - len(trunk.grid))]
        computed.clear()
    # The learner reaches the load slider: its block again, now with the band.
    load = CONTROL_BY_NAME["load_kg"]
    at = {**setting, trunk.name: 30.0}
    data = GRID.write(at, cache, frozenset({load.name}))
    assert computed == [(True, len(load.grid))]
    block = GRID.block(data, at["position"], load.name)
    fresh = GRID.block(GRID.write(at, BlockCache()), at["position"], load.name)
    assert np.array_equal(block, fresh)  # the band asked for is the full computation's


def test_the_cache_is_bounded():
    cache = BlockCache(max_blocks=10)
    setting = default_values()
    for kg in range(5):
        GRID.write({**setting, "load_kg": float(kg)}, cache)
    assert len(cache._blocks) == 10


@pytest.mark.parametrize("gauge", [g for g in GAUGES if g.band], ids=lambda g: g.key)
def test_a_band_not_yet_computed_is_not_drawn(gauge):
    record = {gauge.key: 1.0, gauge.band[0]: math.nan, gauge.band[1]: math.nan}
    assert float(gauge_reading(gauge, record)["band_width"]) == 0.0
