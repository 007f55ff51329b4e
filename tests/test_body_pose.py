"""The placed body (``body.geometry.pose``) and its shapes (``body.outline``): where the
body touches the floor and the chair, how far its parts turn, and what the picture shows
of the forces."""

from __future__ import annotations

import numpy as np
import pytest

from workshop.model import evaluate
from workshop.views.body import outline as o
from workshop.views.body.geometry import (
    COMPRESSION_M_PER_N,
    FLOOR_Y_M,
    ROTATIONS,
    SHEAR_M_PER_N,
    keypoints,
    pose,
)
from workshop.views.chain import picture
from workshop.views.chain.grid import snapshot

STANDING, SITTING, LYING = 0, 1, 2


def world(p, part: str, shape) -> np.ndarray:
    """A part's shape (its frame, metres) placed as the picture places it: (n, 2) metres."""
    x0, y0 = (float(v) for v in p.points[ROTATIONS[part]])
    a = -np.deg2rad(float(p.rotations[part]))  # SVG degrees are clockwise
    pts = np.asarray(shape, float)
    c, s = np.cos(a), np.sin(a)
    return np.column_stack([x0 + pts[:, 0] * c - pts[:, 1] * s, y0 + pts[:, 0] * s + pts[:, 1] * c])


def placed(position: str, **inputs):
    r = evaluate(position=position, **inputs)
    code = ("standing", "sitting", "lying").index(position)
    return pose(
        code,
        r.pelvic_tilt_deg,
        r.lumbar_lordosis_deg,
        inputs.get("trunk_flexion_deg", 0.0),
        inputs.get("load_distance_m", 0.0),
        inputs.get("load_kg", 0.0),
        r.compression_N,
        r.shear_N,
    )


@pytest.mark.parametrize("position", ["standing", "sitting"])
def test_the_feet_stand_on_the_floor(position):
    p = placed(position)
    foot = world(p, "foot", o.FOOT)
    assert foot[:, 1].min() == pytest.approx(FLOOR_Y_M, abs=1e-9)


def test_sitting_rests_on_the_seat_of_the_chair():
    p = placed("sitting")
    buttock = world(p, "pelvis", o.PELVIS_SKIN)
    assert buttock[:, 1].min() == pytest.approx(o.SEAT_Y_M, abs=0.015)


@pytest.mark.parametrize("tightness", [0.0, 1.0])
def test_lying_rests_on_the_floor_not_above_or_through_it(tightness):
    p = placed("lying", hip_flexor_tightness=tightness)
    back = np.vstack(
        [world(p, "pelvis", o.PELVIS_SKIN), world(p, "thorax", o.THORAX_SKIN)]
        + [world(p, v, o.LUMBAR_SKIN) for v in ("L5", "L4", "L3", "L2", "L1")]
    )
    lowest = back[:, 1].min()
    assert FLOOR_Y_M - 0.01 <= lowest <= FLOOR_Y_M + 0.005  # touching, at most 1 cm pressed in
    # Both the buttock and the upper back or head rest on it, whatever the pelvic tilt.
    for part, shape in (("pelvis", o.PELVIS_SKIN), ("thorax", o.THORAX_SKIN + o.HAIR)):
        assert world(p, part, shape)[:, 1].min() == pytest.approx(FLOOR_Y_M, abs=0.002), part
    assert world(p, "thorax", o.THORAX_SKIN)[:, 1].min() >= FLOOR_Y_M - 0.002
    heel = world(p, "foot", o.FOOT)[:, 1].min()
    assert heel == pytest.approx(FLOOR_Y_M, abs=0.006)
    # Face up: the nose is above the head's centre.
    nose = world(p, "thorax", o.NOSE)
    head = world(p, "thorax", [o.HEAD[0]])
    assert nose[:, 1].max() > head[0, 1] + 0.08


def test_the_face_looks_forward_standing():
    p = placed("standing")
    nose = world(p, "thorax", o.NOSE)
    head = world(p, "thorax", [o.HEAD[0]])
    assert nose[:, 0].max() > head[0, 0] + 0.1  # x forward


def test_tightness_turns_the_pelvis_and_lumbar_curve_visibly_in_the_close_up():
    loose, tight = (
        placed("standing", hip_flexor_tightness=0.0),
        placed("standing", hip_flexor_tightness=1.0),
    )
    turn = float(tight.rotations["pelvis"] - loose.rotations["pelvis"])
    assert turn == pytest.approx(10.0, abs=1.5)
    # The ASIS moves relative to L4/L5 by this many screen px in the close-up.
    zoom_px = picture.SCALE * picture.INSET_ZOOM
    shift = [
        np.subtract(world(p, "pelvis", [(0.07, 0.05)])[0], [float(v) for v in p.points["l4l5"]])
        for p in (loose, tight)
    ]
    assert np.hypot(*(shift[1] - shift[0])) * zoom_px >= 10.0
    # Each vertebra turns too: the top of the curve leans back further with more lordosis.
    assert float(tight.rotations["L1"] - tight.rotations["L5"]) < float(
        loose.rotations["L1"] - loose.rotations["L5"]
    )


def test_force_arrows_are_proportional_to_the_modelled_forces():
    p = placed("standing", trunk_flexion_deg=60.0, load_kg=20.0, load_distance_m=0.4)
    r = evaluate(trunk_flexion_deg=60.0, load_kg=20.0, load_distance_m=0.4)

    def length(name):
        (x0, y0), (x1, y1) = p.points[f"{name}_tail"], p.points[f"{name}_tip"]
        return float(np.hypot(x1 - x0, y1 - y0))

    assert length("compression") == pytest.approx(COMPRESSION_M_PER_N * float(r.compression_N))
    assert length("shear") == pytest.approx(SHEAR_M_PER_N * abs(float(r.shear_N)))


def test_backward_shear_points_backward_and_is_named():
    r = evaluate(position="sitting")
    assert float(r.shear_N) < 0  # the case this test is about
    p = placed("sitting")
    (tx, _), (hx, _) = p.points["shear_tail"], p.points["shear_tip"]
    assert float(hx) < float(tx)  # x forward: the tip is behind the tail
    record = snapshot({"position": "sitting"})["record"]
    gauge = next(g for g in picture.GAUGES if g.key == "shear_N")
    reading = picture.gauge_reading(gauge, record)
    assert reading["value"].endswith("backward") and not reading["value"].startswith("-")
    assert float(reading["bar_width"]) > 0  # the size is drawn, not an empty bar
    assert "backward" in picture.explorer_svg(record)


def test_keypoints_keep_the_pacers_unplaced_view():
    kp = keypoints(1, 0.0, 40.0, 0.0, 0.3, 0.0)
    assert float(kp["hip"][0]) == 0.0 and float(kp["hip"][1]) == 0.0  # origin at the hip
    assert {"head", "ankle", "l4l5", "l1", "c7"} <= set(kp)


def test_lying_the_legs_follow_a_curl_and_the_heels_stay_on_the_floor():
    """The explorer's lying figure: a curl turns the thighs up with the pelvis (the
    model keeps the hips' angle) and bends the knees; the heels stay on the floor."""
    from workshop.views.body.geometry import LYING_ANKLE_Y_M, THIGH_M, pose

    curl = np.array([0.0, 15.0, 30.0, 55.0])
    p = pose(2, 12.0 - curl, 52.0 - curl, 0.0 * curl, 0.0, 0.0, legs_follow_deg=curl)
    hx, hy = p.points["hip"]
    kx, ky = p.points["knee"]
    ax, ay = p.points["ankle"]
    np.testing.assert_allclose(ay, LYING_ANKLE_Y_M, atol=1e-9)
    np.testing.assert_allclose(np.hypot(kx - hx, ky - hy), THIGH_M, rtol=1e-9)
    # The thigh turns up by the curl (to within the placing's small change of the
    # hip's height, which tilts the straight leg's slope by under a degree).
    thigh_deg = np.degrees(np.arctan2(ky - hy, kx - hx))
    np.testing.assert_allclose(thigh_deg - thigh_deg[0], curl, atol=1.0)
    assert np.all(np.diff(ky) > 0)
    straight = pose(2, 12.0, 52.0, 0.0, 0.0, 0.0)
    assert float(ky[0]) == pytest.approx(float(straight.points["knee"][1]))


def _chest_above_thighs_m(p) -> float:
    """Lowest point of the drawn chest and belly over the thighs, above the thighs' top
    (m; negative: the trunk is drawn inside the legs). Sitting, the thighs run level
    forward from the hip."""
    hip_x, hip_y = (float(v) for v in p.points["hip"])
    knee_x = float(p.points["knee"][0])
    chest = world(p, "thorax", o.THORAX_SKIN)
    over = chest[(chest[:, 0] > hip_x + 0.05) & (chest[:, 0] < knee_x)]
    return float(over[:, 1].min()) - (hip_y + o.THIGH_WIDTH_M / 2)


def test_sitting_the_chest_comes_to_rest_on_the_thighs_not_through_them():
    """The model stops a seated lean where the chest meets the thighs, and the picture
    agrees: at that lean the drawn chest is just above the thighs; drawn 8° further it
    would be inside them; the explorer draws any larger lean as that one."""
    from workshop.model import CONSTANTS

    contact = CONSTANTS.seated_chest_on_thighs_deg
    at = placed("sitting", trunk_flexion_deg=contact)
    assert 0.0 <= _chest_above_thighs_m(at) < 0.03
    # The posture the model would give 8° further, were the thighs not in the way.
    unstopped = CONSTANTS.replace(seated_chest_on_thighs_deg=110.0)
    r = evaluate(position="sitting", trunk_flexion_deg=contact + 8.0, constants=unstopped)
    beyond = pose(SITTING, r.pelvic_tilt_deg, r.lumbar_lordosis_deg, contact + 8.0, 0.0, 0.0)
    assert _chest_above_thighs_m(beyond) < 0.0
    drawn = {
        lean: snapshot({"position": "sitting", "trunk_flexion_deg": lean})["points"]
        for lean in (contact, 90.0)
    }
    for name, (x, y) in drawn[contact].items():
        assert drawn[90.0][name] == pytest.approx((x, y), abs=1e-9), name
