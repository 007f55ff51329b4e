"""Where to draw the body: sagittal keypoints and segment rotations from the model's angles.

One source of geometry for every picture: the live explorer receives these
coordinates (precomputed over its slider grids) and only interpolates them; the
static SVG twin draws the same coordinates; both draw the shapes of
``body.outline`` placed by ``pose``. Units are metres for a 1.75 m adult; x
points forward (the face's side), y up.

``pose`` places the body in its surroundings (feet on the floor standing, on a
chair sitting, the back resting on the floor lying) and adds the rotations of the
rigid parts (pelvis, each lumbar vertebra, thorax with head, foot) and the L4/L5
force arrows. ``keypoints`` is its older, unplaced view: origin at the hip joint
centre (lying: turned a quarter and lifted 0.12 m), kept for the matplotlib
benchmark figure. The breath-paced movements are placed by ``movement_pose``.
Every computation is elementwise numpy over broadcastable angle arrays, so a
whole slider grid is one call per position.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .dimensions import (  # noqa: F401 - re-exported: the geometry API names them
    ANKLE_HEIGHT_M,
    ARM_LENGTH_M,
    ARROW_HEAD_M,
    ASIS_FROM_HIP,
    COMPRESSION_ARROW_OFFSET_M,
    COMPRESSION_M_PER_N,
    DEG,
    DISC_LABEL_M,
    EXTENSOR_ORIGIN_FROM_HIP,
    FLOOR_Y_M,
    GLUTE_ORIGIN_FROM_HIP,
    HEAD_RADIUS_M,
    LUMBAR_LENGTH_M,
    LUMBAR_SEGMENTS,
    LYING_ANKLE_Y_M,
    LYING_SHIFT_X_M,
    NECK_HEAD_M,
    PSIS_FROM_HIP,
    PSOAS_BRIM_FROM_HIP,
    PUBIS_FROM_HIP,
    S1_FROM_HIP,
    SHANK_M,
    SHEAR_M_PER_N,
    SITTING_HIP_Y_M,
    STANDING_PELVIC_TILT_DEG,
    STANDING_SACRAL_SLOPE_DEG,
    THIGH_M,
    THORAX_LENGTH_M,
)
from .outline import HAIR, PELVIS_SKIN, THORAX_SKIN  # shapes, in their frames

#: Rectus abdominis drawn this far ahead of the lumbar curve and L1 (m).
ABS_AHEAD_OF_SPINE_M = 0.11
#: Keypoints of ``keypoints`` and ``pose`` (each an (x, y) pair in metres).
POINTS = (
    "ankle knee hip asis psis s1 l4l5 l3l4 l2l3 l1l2 l1 c7 head shoulder elbow hand load "
    "psoas_top psoas_brim psoas_bottom glute_top glute_bottom extensor_bottom extensor_mid "
    "extensor_top abs_bottom abs_mid abs_top tilt_ref compression_tail compression_tip compression_wing_a "
    "compression_wing_b shear_tail shear_tip shear_wing_a shear_wing_b disc_label"
).split()
#: Rigid parts placed by rotation (SVG degrees, clockwise on screen) about a keypoint:
#: part -> the keypoint it turns about. Vertebrae turn about the disc below them.
ROTATIONS = {
    "pelvis": "hip",
    "L5": "s1",
    "L4": "l4l5",
    "L3": "l3l4",
    "L2": "l2l3",
    "L1": "l1l2",
    "thorax": "l1",
    "foot": "ankle",
}
#: A part only the movement figures turn on its own (``movement_pose``): the head about
#: C7, so the neck can bend (in ``pose`` the head is the thorax's).
HEAD_ROTATION = {"head": "c7"}
#: The lumbar vertebrae from the lowest up.
VERTEBRAE = ("L5", "L4", "L3", "L2", "L1")
#: Disc centres from the sacrum up; the top one is L1's upper endplate (T12/L1).
LUMBAR_POINTS = ("s1", "l4l5", "l3l4", "l2l3", "l1l2", "l1")

#: The one skeleton of the body: each bone is a polyline through named keypoints
#: (``POINTS``). Every picture of the body draws these lines (the explorer, the
#: pacer's movement figures and their twins over the outlines of ``body.outline``;
#: the matplotlib benchmark figure as they are); the head is a circle at ``head``.
SKELETON: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("legs", ("ankle", "knee", "hip")),
    ("pelvis", ("psis", "s1", "asis", "hip", "psis")),
    ("lumbar", LUMBAR_POINTS),
    ("thorax", ("l1", "c7")),
    ("arm", ("shoulder", "elbow", "hand")),
)


@dataclass(frozen=True)
class Pose:
    """A placed body: ``points`` {name: (x, y)} in metres, ``rotations`` {part: deg}."""

    points: dict
    rotations: dict


def _rotate(x, y, angle_rad):
    c, s = np.cos(angle_rad), np.sin(angle_rad)
    return x * c - y * s, x * s + y * c


def _up(direction_rad):
    """Unit vector along a segment leaning ``direction`` forward from vertical."""
    return np.sin(direction_rad), np.cos(direction_rad)


def _forward(direction_rad):
    """Unit normal pointing forward (anterior) of that segment."""
    return np.cos(direction_rad), -np.sin(direction_rad)


def _arrow(tail, direction, length, prefix, pts):
    """Arrow keypoints ``prefix_tail/tip/wing_a/wing_b``: from ``tail`` along unit
    ``direction`` (may flip with the sign of ``length``); the head shrinks with short arrows."""
    dx, dy = direction
    tip = (tail[0] + length * dx, tail[1] + length * dy)
    sign = np.where(length < 0, -1.0, 1.0)
    head = np.minimum(ARROW_HEAD_M, 0.6 * np.abs(length))
    bx, by = -sign * dx * head, -sign * dy * head  # back from the tip
    px_, py_ = -dy * head * 0.55, dx * head * 0.55  # across
    pts[f"{prefix}_tail"] = tail
    pts[f"{prefix}_tip"] = tip
    pts[f"{prefix}_wing_a"] = (tip[0] + bx + px_, tip[1] + by + py_)
    pts[f"{prefix}_wing_b"] = (tip[0] + bx - px_, tip[1] + by - py_)


def _femur_muscles(pts) -> None:
    """Psoas and gluteus maximus insertions on the femur (lesser trochanter, gluteal
    tuberosity), from the hip and knee keypoints."""
    hx, hy = pts["hip"]
    kx, ky = pts["knee"]
    length = np.hypot(kx - hx, ky - hy)
    fx, fy = (kx - hx) / length, (ky - hy) / length  # along the femur
    bx, by = fy, -fx  # posterior normal of the thigh (standing: backward)
    pts["psoas_bottom"] = (hx + 0.06 * fx + 0.01 * bx, hy + 0.06 * fy + 0.01 * by)
    pts["glute_bottom"] = (hx + 0.11 * fx + 0.035 * bx, hy + 0.11 * fy + 0.035 * by)


def _lowest(shape, angle_rad, x0, y0, turn_rad):
    """The point of ``shape`` (its frame, turned by ``angle_rad`` about ``(x0, y0)``) that
    is lowest once the body is turned by ``turn_rad``, per element of the arrays."""
    pts = np.asarray(shape, dtype=float)
    pts = pts[pts[:, 0] < 0.0]  # only the back can touch the floor
    angle = np.broadcast_to(angle_rad, np.shape(turn_rad)).ravel()[None, :]
    x, y = _rotate(pts[:, :1], pts[:, 1:], angle)
    x, y = x + np.ravel(x0)[None, :], y + np.ravel(y0)[None, :]
    _, height = _rotate(x, y, np.ravel(turn_rad)[None, :])
    i = np.argmin(height, axis=0)
    cols = np.arange(x.shape[1])
    return x[i, cols].reshape(np.shape(turn_rad)), y[i, cols].reshape(np.shape(turn_rad))


def pose(
    position_code,
    pelvic_tilt_deg,
    lordosis_deg,
    trunk_flexion_deg,
    load_distance_m,
    load_kg,
    compression_N=0.0,
    shear_N=0.0,
    *,
    placed: bool = True,
    legs_follow_deg=0.0,
) -> Pose:
    """Keypoints and rotations of the body for broadcastable arrays of the model's angles.

    ``position_code`` is 0 standing, 1 sitting, 2 lying (one int for all the arrays;
    others draw the standing legs). ``compression_N`` and ``shear_N`` at L4/L5 size
    the force arrows (compression along the spine axis in front of the vertebral
    bodies, pointing down onto the disc; shear across the disc, forward when positive).
    ``placed=False``: origin at the hip as ``keypoints`` has it. ``legs_follow_deg``
    (lying, placed): a curl the legs follow, so the hips keep their angle: the thighs
    turn up with the pelvis by this much and the knees bend to keep the heels on the
    floor (the model's lumbar curl lying on the back).
    """
    pt = np.asarray(pelvic_tilt_deg, dtype=float)
    lord = np.asarray(lordosis_deg, dtype=float)
    theta = np.asarray(trunk_flexion_deg, dtype=float)
    comp = np.asarray(compression_N, dtype=float)
    shear = np.asarray(shear_N, dtype=float)
    # The hands reach out to load_distance_m or hang below the shoulders (as in the
    # model), whatever the load weighs.
    dist = np.asarray(load_distance_m, dtype=float) + 0.0 * np.asarray(load_kg, dtype=float)
    shape = np.broadcast_shapes(
        pt.shape, lord.shape, theta.shape, dist.shape, comp.shape, shear.shape
    )
    zero = np.zeros(shape)
    pts: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    rot: dict[str, np.ndarray] = {}

    # Pelvis: anterior tilt turns the top of the pelvis forward (clockwise, x forward).
    tilt = -pt * DEG
    rot["pelvis"] = pt + zero
    for name, (x0, y0) in (
        ("s1", S1_FROM_HIP),
        ("asis", ASIS_FROM_HIP),
        ("psis", PSIS_FROM_HIP),
        ("psoas_brim", PSOAS_BRIM_FROM_HIP),
        ("glute_top", GLUTE_ORIGIN_FROM_HIP),
        ("extensor_bottom", EXTENSOR_ORIGIN_FROM_HIP),
        ("abs_bottom", PUBIS_FROM_HIP),
    ):
        pts[name] = _rotate(zero + x0, zero + y0, tilt)
    pts["hip"] = (zero, zero)
    # The tilt's reference: a level line from the PSIS (the trunk's horizontal).
    pts["tilt_ref"] = (pts["psis"][0] + 0.17, pts["psis"][1])

    # Lumbar curve: leaves the sacral endplate along its normal, bends back by the
    # lordosis shared equally by the five segments (vertebra + disc each).
    sacral_slope = STANDING_SACRAL_SLOPE_DEG + (pt - STANDING_PELVIC_TILT_DEG)
    seg = LUMBAR_LENGTH_M / LUMBAR_SEGMENTS
    x, y = pts["s1"]
    direction = sacral_slope * DEG  # from vertical, forward positive
    step = -(lord / LUMBAR_SEGMENTS) * DEG
    dirs = []
    for i, (name, vertebra) in enumerate(zip(LUMBAR_POINTS[1:], VERTEBRAE, strict=True)):
        # Mid-segment direction keeps the polyline on the arc.
        d = direction + step * (i + 0.5)
        dirs.append(d)
        rot[vertebra] = d / DEG
        ux, uy = _up(d)
        x, y = x + seg * ux, y + seg * uy
        pts[name] = (x, y)

    # Thorax, head and arms follow the trunk line.
    t = theta * DEG
    rot["thorax"] = theta + zero
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
    pts["load"] = (hand_x, hand_y - 0.08)  # in the hands

    # Legs: femur vertical standing, horizontal sitting.
    if position_code == 1:
        pts["knee"] = (zero + THIGH_M, zero)
        pts["ankle"] = (zero + THIGH_M, zero - SHANK_M)
    else:
        pts["knee"] = (zero, zero - THIGH_M)
        pts["ankle"] = (zero, zero - THIGH_M - SHANK_M)
    rot["foot"] = zero.copy()

    # Lines of action. Psoas: front of L3/L4 over the pelvic brim to the lesser
    # trochanter; gluteus maximus: posterior ilium to the gluteal tuberosity; lumbar
    # extensors: sacrum, behind the lumbar curve, up to the thorax.
    n3 = _forward(dirs[1])
    pts["psoas_top"] = (pts["l3l4"][0] + 0.022 * n3[0], pts["l3l4"][1] + 0.022 * n3[1])
    _femur_muscles(pts)
    n2 = _forward(dirs[2])
    pts["extensor_mid"] = (pts["l3l4"][0] - 0.06 * n2[0], pts["l3l4"][1] - 0.06 * n2[1])
    nt = _forward(t)
    pts["extensor_top"] = (
        pts["l1"][0] - 0.06 * nt[0] + 0.04 * np.sin(t),
        pts["l1"][1] - 0.06 * nt[1] + 0.04 * np.cos(t),
    )
    # Rectus abdominis: pubic crest, up the belly wall (ahead of L3/L4 by about the
    # trunk flexors' lever, 8 cm, and the wall's depth), to the lower ribs.
    pts["abs_mid"] = (
        pts["l3l4"][0] + ABS_AHEAD_OF_SPINE_M * n3[0],
        pts["l3l4"][1] + ABS_AHEAD_OF_SPINE_M * n3[1],
    )
    pts["abs_top"] = (
        pts["l1"][0] + ABS_AHEAD_OF_SPINE_M * nt[0] + 0.06 * np.sin(t),
        pts["l1"][1] + ABS_AHEAD_OF_SPINE_M * nt[1] + 0.06 * np.cos(t),
    )

    # Forces at L4/L5 in the disc's frame (the mean of L5's and L4's directions).
    disc = (dirs[0] + dirs[1]) / 2
    ux, uy = _up(disc)
    nx, ny = _forward(disc)
    dx, dy = pts["l4l5"]
    comp_len = COMPRESSION_M_PER_N * np.maximum(comp, 0.0)
    ox, oy = dx + COMPRESSION_ARROW_OFFSET_M * nx, dy + COMPRESSION_ARROW_OFFSET_M * ny
    _arrow((ox + comp_len * ux, oy + comp_len * uy), (-ux, -uy), comp_len, "compression", pts)
    _arrow((dx, dy), (nx, ny), SHEAR_M_PER_N * shear, "shear", pts)
    # The disc's name sits in front of it, inside the belly, clear of the arrows' tails.
    pts["disc_label"] = (dx + DISC_LABEL_M * nx, dy + DISC_LABEL_M * ny)

    if position_code == 2:
        # Lying supine: the standing picture turned a quarter (head to the left, face up).
        turn = np.pi / 2 + zero
        if placed:
            # The back rests on the floor at two places, buttock and upper back: turn a little
            # further so both touch (the line between them level), then lower onto the floor.
            l1x, l1y = (np.broadcast_to(v, shape) for v in pts["l1"])
            for _ in range(2):  # the touching points settle in two turns
                bx_, by_ = _lowest(PELVIS_SKIN, tilt, 0.0, 0.0, turn)
                tx_, ty_ = _lowest(THORAX_SKIN + HAIR, -t, l1x, l1y, turn)  # back, head
                turn = np.pi / 2 + np.arctan2(tx_ - bx_, ty_ - by_)
            _, low = _rotate(bx_, by_, turn)
            lift, shift = FLOOR_Y_M - low, LYING_SHIFT_X_M
        else:
            lift, shift = 0.12 + zero, 0.0
        for name, (x, y) in pts.items():
            rx, ry = _rotate(np.asarray(x, float), np.asarray(y, float), turn)
            pts[name] = (rx + shift, ry + lift)
        for part in rot:
            rot[part] = rot[part] - turn / DEG
        if placed:
            # Straight legs slope from the hip down to the heel on the floor; a curl
            # turns the thighs up with the pelvis and the knees bend, heels down.
            hx, hy = pts["hip"]
            drop = hy - LYING_ANKLE_Y_M
            run = np.sqrt(np.maximum((THIGH_M + SHANK_M) ** 2 - drop**2, 0.0))
            thigh = np.arctan2(-drop, run) + np.asarray(legs_follow_deg, dtype=float) * DEG
            kx, ky = hx + THIGH_M * np.cos(thigh), hy + THIGH_M * np.sin(thigh)
            fall = np.minimum(ky - LYING_ANKLE_Y_M, SHANK_M)
            ax = kx + np.sqrt(np.maximum(SHANK_M**2 - fall**2, 0.0))
            pts["knee"] = (kx + zero, ky + zero)
            pts["ankle"] = (ax + zero, ky - fall + zero)
            # The foot at a right angle to the shank (pointing up when the leg is straight).
            shank = np.arctan2(-fall, ax - kx)
            rot["foot"] = zero - 90.0 - (shank - np.arctan2(-drop, run)) / DEG
    elif position_code == 1 and placed:
        for name, (x, y) in pts.items():
            pts[name] = (x, y + SITTING_HIP_Y_M)

    return Pose(
        points={
            k: (np.broadcast_to(x, shape), np.broadcast_to(y, shape)) for k, (x, y) in pts.items()
        },
        rotations={k: np.broadcast_to(v, shape) for k, v in rot.items()},
    )


def keypoints(
    position_code, pelvic_tilt_deg, lordosis_deg, trunk_flexion_deg, load_distance_m, load_kg
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Keypoints (x, y) in metres for broadcastable angle arrays, origin at the hip.

    ``position_code`` is 0 standing, 1 sitting, 2 lying (an int for the whole grid).
    The unplaced view of ``pose`` (no floor, no chair, no forces).
    """
    return pose(
        position_code,
        pelvic_tilt_deg,
        lordosis_deg,
        trunk_flexion_deg,
        load_distance_m,
        load_kg,
        placed=False,
    ).points
