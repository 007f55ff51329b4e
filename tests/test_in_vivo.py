"""The validation table (``workshop validate``): its data, its summary and its report."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workshop.data import load_published
from workshop.model import evaluate
from workshop.model.constants import CONSTANTS, sample_constants
from workshop.model.in_vivo import Comparison, compare, disagreements, percent_bands, summary

ROWS = load_published()
STANDING_ROW = next(r for r in ROWS if r.activity == "standing relaxed")
#: Wilke et al. 1999's relaxed standing, the reference of every row that gives MPa.
WILKE_STANDING_MPA = 0.50


def _row(activity, percent, *, calibrated=False, position="standing"):
    """A made-up row: relaxed standing's inputs, another name, percentage and role."""
    return replace(
        STANDING_ROW,
        activity=activity,
        position=position,
        percent_of_standing=percent,
        used_for_calibration=calibrated,
    )


def test_every_row_is_a_valid_model_input_with_a_source_and_a_unique_short_name():
    names = [r.activity for r in ROWS]
    assert len(set(names)) == len(names)
    for r in ROWS:
        assert len(r.activity) <= 44, r.activity  # the report's column
        assert r.source.strip() and r.encoding_note.strip(), r.activity
        evaluate(**r.inputs())  # raises on an input outside the model's domain


def test_the_percentages_of_rows_given_in_mpa_are_that_pressure_over_the_same_studys_standing():
    given_mpa = [r for r in ROWS if r.disc_pressure_MPa is not None]
    assert len(given_mpa) >= 10
    for r in given_mpa:
        assert r.source.startswith("Wilke"), r.activity
        expected = 100.0 * r.disc_pressure_MPa / WILKE_STANDING_MPA
        assert r.percent_of_standing == pytest.approx(expected, abs=0.5), r.activity


def test_the_four_calibration_rows_are_wilkes_and_everything_else_is_held_out():
    calibrated = [r for r in ROWS if r.used_for_calibration]
    assert len(calibrated) == 4 and all(r.source.startswith("Wilke") for r in calibrated)
    assert summary(compare()).n == len(ROWS) - 4


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(0, 500), st.floats(0, 500), st.booleans()), min_size=3, max_size=12
    )
)
def test_the_summary_counts_held_out_rows_only(triples):
    comps = [
        Comparison(_row(f"a{i}", measured, calibrated=cal), 0.0, model)
        for i, (measured, model, cal) in enumerate(triples)
    ]
    held = [(m, mod) for m, mod, cal in triples if not cal]
    if len(held) < 2:
        return
    with np.errstate(invalid="ignore", divide="ignore"):  # r of constant values is NaN
        s = summary(comps)
        wrong = [Comparison(_row("c", 0.0, calibrated=True), 0.0, 1e4)]
        with_wrong = summary(comps + wrong)
    assert s.n == len(held)
    assert s.mae_points == pytest.approx(sum(abs(mod - m) for m, mod in held) / len(held))
    # Calibration rows, however wrong, do not move it.
    assert with_wrong.mae_points == pytest.approx(s.mae_points)


def test_a_hand_worked_summary():
    comps = [
        Comparison(_row("x", 100.0), 0.0, 110.0),
        Comparison(_row("y", 200.0), 0.0, 180.0),
        Comparison(_row("z", 300.0), 0.0, 300.0),
    ]
    s = summary(comps)
    assert s.mae_points == pytest.approx(10.0)
    assert s.pearson_r == pytest.approx(np.corrcoef([110, 180, 300], [100, 200, 300])[0, 1])


def test_studies_of_one_activity_are_grouped_and_their_spread_is_the_least_any_model_can_miss():
    comps = [
        Comparison(_row("side, study A", 24.0, position="side_lying"), 0.0, 0.0),
        Comparison(_row("standing", 100.0), 0.0, 0.0),
        Comparison(_row("side, study B", 30.0, position="side_lying"), 0.0, 0.0),
        Comparison(_row("side, study C", 75.0, position="side_lying"), 0.0, 0.0),
    ]
    (group,) = disagreements(comps)
    assert group.activities == ("side, study A", "side, study B", "side, study C")
    assert group.spread_points == 51.0
    # At the median (30): |24-30| + 0 + |75-30| = 51, over 3 rows.
    assert group.least_error_points == pytest.approx(17.0)
    best = min(np.mean(np.abs(np.array([24, 30, 75]) - v)) for v in np.linspace(0, 100, 1001))
    assert group.least_error_points == pytest.approx(best)


def test_workshop_validate_prints_the_summary_it_computes():
    out = subprocess.run(
        [sys.executable, "-m", "workshop.cli", "validate"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    s = summary(compare())
    match = re.search(r"held-out rows: (\d+)\s+mean absolute error: ([\d.]+) points", out)
    assert match, out
    assert int(match.group(1)) == s.n
    assert float(match.group(2)) == pytest.approx(s.mae_points, abs=0.05)
    for r in ROWS:
        assert r.activity in out
    bands = percent_bands()
    held = np.array([not r.used_for_calibration for r in ROWS])
    inside = bands.contains([r.percent_of_standing for r in ROWS])
    match = re.search(r"(\d+) of (\d+) held-out rows", out)
    assert match, out
    assert (int(match.group(1)), int(match.group(2))) == (int(inside[held].sum()), s.n)


def test_the_percent_band_is_each_draw_over_its_own_standing():
    """The vectorised band equals a plain loop: one draw at a time, row over standing."""
    n = 12
    bands = percent_bands(n_samples=n, seed=3, percentiles=(10.0, 90.0))
    draws = sample_constants(n, ndim=0, seed=3)  # same random stream, scalar-shaped draws
    per_draw = []
    for i in range(n):
        c = CONSTANTS.replace(
            **{
                f: float(np.broadcast_to(getattr(draws, f), (n,))[i])
                for f in CONSTANTS.__dataclass_fields__
            }
        )
        standing = float(evaluate(constants=c).disc_pressure_MPa)
        per_draw.append(
            [
                100 * float(evaluate(**r.inputs(), constants=c).disc_pressure_MPa) / standing
                for r in ROWS
            ]
        )
    low, high = np.percentile(np.array(per_draw), [10.0, 90.0], axis=0)
    np.testing.assert_allclose(bands.low_percent, low, rtol=1e-9)
    np.testing.assert_allclose(bands.high_percent, high, rtol=1e-9)
    # Standing over standing is 100 in every draw.
    i = ROWS.index(STANDING_ROW)
    assert bands.low_percent[i] == pytest.approx(100.0) == bands.high_percent[i]


def test_the_percent_band_holds_the_central_model_and_is_narrower_than_a_scaled_pressure_band():
    from workshop.model import uncertainty_band

    bands = percent_bands()
    for c, low, high in zip(compare(), bands.low_percent, bands.high_percent, strict=True):
        assert low <= c.model_percent + 1e-9 and c.model_percent <= high + 1e-9, c.row.activity
        if c.row.position in ("standing", "sitting") and c.row.trunk_flexion_deg > 0:
            # The old whiskers: the pressure's own band over the central standing value.
            b = uncertainty_band("disc_pressure_MPa", **c.row.inputs())
            scaled = (float(b.high) - float(b.low)) * c.model_percent / c.model_MPa
            assert high - low < scaled, c.row.activity


@pytest.mark.parametrize(
    ("kwargs", "error", "name"),
    [
        ({"n_samples": 5}, ValueError, "n_samples"),
        ({"n_samples": 2.5}, TypeError, "n_samples"),
        ({"percentiles": (90, 10)}, ValueError, "percentiles"),
        ({"seed": -1}, ValueError, "seed"),
        ({"iap_relief": "yes"}, TypeError, "iap_relief"),
    ],
)
def test_percent_bands_refuse_bad_input_by_name(kwargs, error, name):
    with pytest.raises(error, match=name):
        percent_bands(**kwargs)


def test_the_printed_band_reads_inside_only_when_the_value_is_inside():
    """Whole-point bands are rounded inwards: a measured value printed beside the band
    reads inside exactly when it is (220 beside a band from 220.49 reads outside)."""
    from workshop.model.in_vivo import PercentBands

    bands = PercentBands(np.array([220.49, 99.6, 102.3]), np.array([283.2, 100.4, 102.7]), (5, 95))
    assert bands.text(0) == "221-283"
    assert bands.text(1) == "100-100"
    assert bands.text(2) == "102.3-102.7"  # narrower than a point: one decimal
    real = percent_bands()
    for i, r in enumerate(ROWS):
        low, high = (float(x) for x in real.text(i).split("-"))
        printed_inside = low <= r.percent_of_standing <= high
        assert printed_inside == bool(real.contains([r.percent_of_standing] * len(ROWS))[i])
