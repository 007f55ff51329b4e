"""Where to draw the body: sagittal keypoints from the model's angles.

One source of geometry for every picture: the live explorer receives these
coordinates (precomputed over its slider grids) and only interpolates them; the
static SVG twin draws the same coordinates; both draw the bones of ``SKELETON``. Units are metres for a 1.75 m adult;
x points forward (the face's side), y up, the origin at the hip joint centre
(lying: at the floor under the hip).
"""

from __future__ import annotations

import numpy as np

DEG = np.pi / 180.0
LUMBAR_LENGTH_M = 0.18  # L1 to S1 along the curve (Pearcy 1985 segment heights)
THORAX_LENGTH_M = 0.32  # L1 to C7
NECK_HEAD_M = 0.16  # C7 to the head's centre
ARM_LENGTH_M = 0.62  # shoulder to the grip
THIGH_M = 0.43
SHANK_M = 0.43
STANDING_SACRAL_SLOPE_DEG = 40.0  # Vialle et al. 2005, JBJS 87-A:260
STANDING_PELVIC_TILT_DEG = 12.0
S1_FROM_HIP = (-0.04, 0.10)  # sacral base relative to the hip joints, pelvis at tilt 0
ASIS_FROM_HIP = (0.07, 0.05)
PSIS_FROM_HIP = (-0.08, 0.05)
#: Radius of the head drawn at ``head`` (m).
HEAD_RADIUS_M = 0.10
#: Height of the floor under the feet standing (m, below the hip joint).
FLOOR_Y_M = -(THIGH_M + SHANK_M)

POINTS = (
    "ankle knee hip asis psis s1 l5 l4l5 l3 l2 l1 c7 head shoulder elbow hand load "
    "psoas_top psoas_bottom glute_top glute_bottom extensor_bottom extensor_top"
).split()

#: The one skeleton of the body: each bone is a polyline through named keypoints
#: (``POINTS``). Every picture of the body (the explorer in the browser, its static
#: SVG twin, the pacer's moving figure, the matplotlib benchmark figure) draws
#: these bones; the head is drawn as a circle at ``head``.
SKELETON: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("legs", ("ankle", "knee", "hip")),
    ("pelvis", ("psis", "s1", "asis", "hip", "psis")),
    ("lumbar", ("s1", "l5", "l4l5", "l3", "l2", "l1")),
    ("thorax", ("l1", "c7")),
    ("arm", ("shoulder", "elbow", "hand")),
)


def _rotate(x, y, angle_rad):
    c, s = np.cos(angle_rad), np.sin(angle_rad)
    return x * c - y * s, x * s + y * c


def keypoints(
    position_code, pelvic_tilt_deg, lordosis_deg, trunk_flexion_deg, load_distance_m, load_kg
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Keypoints (x, y) in metres for broadcastable angle arrays.

    ``position_code`` is 0 standing, 1 sitting, 2 lying (an int for the whole grid).
    """
    pt = np.asarray(pelvic_tilt_deg, dtype=float)
    lord = np.asarray(lordosis_deg, dtype=float)
    theta = np.asarray(trunk_flexion_deg, dtype=float)
    # The hands reach out to load_distance_m or hang below the shoulders (as in the
    # model), whatever the load weighs.
    dist = np.asarray(load_distance_m, dtype=float) + 0.0 * np.asarray(load_kg, dtype=float)
    shape = np.broadcast_shapes(pt.shape, lord.shape, theta.shape, dist.shape)
    zero = np.zeros(shape)
    pts: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    # Pelvis: anterior tilt turns the top of the pelvis forward (clockwise, x forward).
    tilt = -pt * DEG
    for name, (x0, y0) in (("s1", S1_FROM_HIP), ("asis", ASIS_FROM_HIP), ("psis", PSIS_FROM_HIP)):
        pts[name] = _rotate(zero + x0, zero + y0, tilt)
    pts["hip"] = (zero, zero)

    # Lumbar curve: leaves the sacral endplate along its normal, bends back by the lordosis.
    sacral_slope = STANDING_SACRAL_SLOPE_DEG + (pt - STANDING_PELVIC_TILT_DEG)
    seg = LUMBAR_LENGTH_M / 5.0
    x, y = pts["s1"]
    direction = sacral_slope * DEG  # from vertical, forward positive
    step = -(lord / 5.0) * DEG
    names = ["l5", "l4l5", "l3", "l2", "l1"]
    for i, name in enumerate(names):
        # Mid-segment direction keeps the polyline on the arc.
        d = direction + step * (i + 0.5)
        x, y = x + seg * np.sin(d), y + seg * np.cos(d)
        pts[name] = (x, y)

    # Thorax, head and arms follow the trunk line.
    t = theta * DEG
    l1x, l1y = pts["l1"]
    c7 = (l1x + THORAX_LENGTH_M * np.sin(t), l1y + THORAX_LENGTH_M * np.cos(t))
    pts["c7"] = c7
    pts["head"] = (c7[0] + NECK_HEAD_M * np.sin(t), c7[1] + NECK_HEAD_M * np.cos(t))
    shoulder = (c7[0] - 0.03 * np.cos(t) + 0.0, c7[1] - 0.04 + 0.03 * np.sin(t))
    pts["shoulder"] = shoulder
    l45x, _ = pts["l4l5"]
    hand_x = np.maximum(l45x + dist, shoulder[0])
    reach = np.minimum(hand_x - shoulder[0], ARM_LENGTH_M)
    hand_x = shoulder[0] + reach
    hand_y = shoulder[1] - np.sqrt(np.maximum(ARM_LENGTH_M**2 - reach**2, 0.0))
    pts["hand"] = (hand_x, hand_y)
    pts["elbow"] = ((shoulder[0] + hand_x) / 2 - 0.02, (shoulder[1] + hand_y) / 2 - 0.02)
    pts["load"] = (l45x + dist, hand_y - 0.08)

    # Legs: femur vertical standing, horizontal sitting.
    if position_code == 1:
        pts["knee"] = (zero + THIGH_M, zero)
        pts["ankle"] = (zero + THIGH_M, zero - SHANK_M)
    else:
        pts["knee"] = (zero, zero - THIGH_M)
        pts["ankle"] = (zero, zero - THIGH_M - SHANK_M)

    # Muscles: psoas from the front of L4/L5 to the lesser trochanter; gluteus maximus
    # from sacrum to the back of the femur; erector spinae behind the lumbar curve.
    kx, ky = pts["knee"]
    fx, fy = kx - pts["hip"][0], ky - pts["hip"][1]
    pts["psoas_top"] = (pts["l4l5"][0] + 0.03, pts["l4l5"][1])
    pts["psoas_bottom"] = (0.12 * fx + 0.02, 0.12 * fy + 0.02 * (position_code == 1))
    pts["glute_top"] = (pts["psis"][0] - 0.01, pts["psis"][1] - 0.02)
    pts["glute_bottom"] = (
        0.22 * fx - 0.04 * (position_code != 1),
        0.22 * fy - 0.04 * (position_code == 1),
    )
    pts["extensor_bottom"] = (pts["s1"][0] - 0.06, pts["s1"][1])
    pts["extensor_top"] = (pts["l1"][0] - 0.06 * np.cos(t), pts["l1"][1] + 0.06 * np.sin(t))

    if position_code == 2:
        # Lying supine: turn the standing picture a quarter turn (head to the left,
        # face up) and rest the back on the floor.
        for name, (x, y) in pts.items():
            rx, ry = _rotate(np.asarray(x, float), np.asarray(y, float), np.pi / 2)
            pts[name] = (rx, ry + 0.12)
    return {k: (np.broadcast_to(x, shape), np.broadcast_to(y, shape)) for k, (x, y) in pts.items()}
