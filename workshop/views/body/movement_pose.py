"""The body in the breath-paced movements: the one skeleton (``geometry.pose``) placed on
the floor, on hands and knees, on a chair or standing, moving with the breath.

Each figure is a function of the lung volume ``volume`` (0 lungs empty … 1 full, as
the movement maps it) and of the model's angles at that volume (pelvic tilt and
lumbar lordosis in degrees, ``workshop.model.evaluate``; ``trunk_flexion_deg`` as the
model reads it in that position), elementwise over numpy arrays (the keyframes of
a session). The trunk (pelvis, lumbar curve, thorax with the head) is
``geometry.pose``'s, unchanged; this module turns and places it and sets the limbs:
legs and arms as two-link chains reaching to where the movement puts the feet,
knees and hands (the floor, the seat, the shin being hugged). Units are metres,
x forward (standing: the face's side), y up, the floor at ``geometry.FLOOR_Y_M``;
rotations are SVG degrees (clockwise on screen), as ``geometry.ROTATIONS``.

Figures (``FIGURES``): ``supine_knees_bent`` (pelvic tilt: lying on the back, feet
flat), ``bridge`` (the same, hips lifted by ``trunk_flexion_deg``, the trunk's angle
from the floor as the model has it; the neck bends so the head stays down), ``knee_to_chest`` (lying, the near knee drawn
towards the chest as the lungs empty), ``hands_knees`` (cat–cow: hands under the
shoulders, knees under the hips; the head nods, chin in for the cat and the gaze
lifted for the cow, as the cues say), ``standing`` (roll-down, knees soft as the trunk
bends), ``seated``, ``seated_cat_cow`` (nodding as on the floor) and ``seated_knee_lift`` (on
the chair, hands on the thighs or hugging the lifted knee).
"""

from __future__ import annotations

import numpy as np

from ...model import CONSTANTS
from . import outline as o
from .geometry import (
    ANKLE_HEIGHT_M,
    ARM_LENGTH_M,
    DEG,
    FLOOR_Y_M,
    SHANK_M,
    THIGH_M,
    THORAX_LENGTH_M,
    Pose,
    _femur_muscles,
    pose,
)

#: Lying with knees bent: the ankle this far towards the feet from the hip (m), so the
#: knee bends to about 90°.
FEET_FROM_HIP_M = 0.46
#: Kneeling: the knee joint centre this high above the floor (m), the shin and the top of
#: the foot on the floor.
KNEE_ABOVE_FLOOR_M = 0.05
KNEELING_ANKLE_ABOVE_FLOOR_M = 0.032
#: Hands and knees: where the hip joint is (x, m), so the whole body fits the panel.
HANDS_KNEES_HIP_X_M = -0.3
#: Knee to chest: hip flexion (deg) with the lungs empty (knee hugged) and full (let
#: away a little); the knee stays bent this much (deg).
KNEE_TO_CHEST_HIP_DEG = (125.0, 95.0)
KNEE_TO_CHEST_KNEE_DEG = 115.0
#: Seated knee lift: the thigh lifted this far from level (deg) with the lungs empty.
SEATED_KNEE_LIFT_DEG = 30.0
#: Roll-down: knee flexion (deg) at a 45° bend ("knees soft"), and how far the hips move
#: back (m) per unit sine of the bend (the body's balance over the feet).
SOFT_KNEE_DEG_AT_45 = 25.0
HIPS_BACK_M = 0.08
#: Cat–cow's head (not in the model, as its cues say): chin in for the 'cat' with the
#: lungs empty, the gaze lifted for the 'cow' with the lungs full (deg, + towards the chest).
CAT_CHIN_IN_DEG, COW_GAZE_UP_DEG = 25.0, 20.0
#: Where the hands rest: on the floor, on the thigh (m along it from the hip).
HAND_ON_THIGH_M = 0.3
#: Points of the legs and arms, which the movement sets; every other point is the trunk's.
LIMB_POINTS = ("knee", "ankle", "elbow", "hand", "load", "psoas_bottom", "glute_bottom")


def _arrays(p: Pose) -> tuple[dict, dict]:
    """Writable copies of a pose's points and rotations."""
    pts = {
        k: (np.array(x, dtype=float), np.array(y, dtype=float)) for k, (x, y) in p.points.items()
    }
    rot = {k: np.array(v, dtype=float) for k, v in p.rotations.items()}
    rot.setdefault("head", rot["thorax"].copy())  # the neck straight unless a figure bends it
    return pts, rot


def _rotate_about(pts, rot, names, angle_rad, cx, cy) -> None:
    """Turn the points ``names`` (and every rotated part) by ``angle_rad`` (counter-
    clockwise, y up) about ``(cx, cy)``."""
    c, s = np.cos(angle_rad), np.sin(angle_rad)
    for name in names:
        x, y = pts[name]
        dx, dy = x - cx, y - cy
        pts[name] = (cx + dx * c - dy * s, cy + dx * s + dy * c)
    for part in rot:
        if part != "foot":
            rot[part] = rot[part] - angle_rad / DEG


def _shift(pts, names, dx, dy) -> None:
    for name in names:
        x, y = pts[name]
        pts[name] = (x + dx, y + dy)


def _trunk(pts) -> list[str]:
    return [k for k in pts if k not in LIMB_POINTS]


def two_link(start, end, l1: float, l2: float, bend):
    """The middle joint of a two-segment limb from ``start`` to ``end`` (each (x, y) m):
    segment lengths ``l1``, ``l2``; ``bend`` +1 puts the joint left of the start→end
    line (counter-clockwise), -1 right. An end out of reach is pulled in along the line."""
    sx, sy = start
    ex, ey = end
    d = np.hypot(ex - sx, ey - sy)
    reach = np.clip(d, abs(l1 - l2) + 1e-9, l1 + l2 - 1e-9)
    ux, uy = (ex - sx) / np.maximum(d, 1e-12), (ey - sy) / np.maximum(d, 1e-12)
    a = (l1**2 - l2**2 + reach**2) / (2 * reach)
    h = np.sqrt(np.maximum(l1**2 - a**2, 0.0))
    return (sx + a * ux - bend * h * uy, sy + a * uy + bend * h * ux)


def _set_leg(pts, rot, ankle, bend, foot_rot_deg) -> None:
    """Knee and ankle from the hip to ``ankle`` (knee on side ``bend``), the foot turned."""
    hx, hy = pts["hip"]
    ax = np.broadcast_to(ankle[0], np.shape(hx)).astype(float)
    ay = np.broadcast_to(ankle[1], np.shape(hx)).astype(float)
    pts["knee"] = two_link((hx, hy), (ax, ay), THIGH_M, SHANK_M, bend)
    pts["ankle"] = (ax, ay)
    rot["foot"] = np.broadcast_to(foot_rot_deg, np.shape(hx)).astype(float)
    _femur_muscles(pts)


def _set_arm(pts, hand, bend) -> None:
    """Elbow and hand from the shoulder to ``hand`` (out of reach: the arm points there)."""
    sx, sy = pts["shoulder"]
    hx, hy = np.broadcast_arrays(hand[0], hand[1], sx)[:2]
    d = np.hypot(hx - sx, hy - sy)
    k = np.minimum(1.0, ARM_LENGTH_M * 0.999 / np.maximum(d, 1e-12))
    hx, hy = sx + k * (hx - sx), sy + k * (hy - sy)
    half = ARM_LENGTH_M / 2
    pts["elbow"] = two_link((sx, sy), (hx, hy), half, half, bend)
    pts["hand"] = (hx, hy)
    pts["load"] = (hx, hy - 0.08)


def _lowest_y(pts, rot, part, anchor, shape) -> np.ndarray:
    """Lowest y (m) of ``shape`` (in the frame of ``part``, placed at keypoint ``anchor``)."""
    sh = np.asarray(shape, dtype=float)
    a = -rot[part][..., None] * DEG  # SVG clockwise degrees -> counter-clockwise radians
    x, y = sh[:, 0], sh[:, 1]
    return (pts[anchor][1][..., None] + x * np.sin(a) + y * np.cos(a)).min(axis=-1)


def _foot_along(shank_dir_rad) -> np.ndarray:
    """The foot's rotation (deg) at a right angle to a shank pointing ``shank_dir``."""
    return -(shank_dir_rad / DEG + 90.0)


def _arms_by_the_sides(pts) -> None:
    """Lying: the hands rest on the floor beside the hips, towards the feet."""
    sx, sy = pts["shoulder"]
    floor = FLOOR_Y_M + o.HAND_RADIUS_M
    run = np.sqrt(np.maximum((0.97 * ARM_LENGTH_M) ** 2 - (sy - floor) ** 2, 0.0))
    _set_arm(pts, (sx + run, floor + 0.0 * sx), 1.0)


def _supine(pelvic_tilt_deg, lordosis_deg, trunk_flexion_deg) -> tuple[dict, dict]:
    """Lying on the back (``geometry.pose``'s placed lying), knees bent, feet flat."""
    pts, rot = _arrays(pose(2, pelvic_tilt_deg, lordosis_deg, trunk_flexion_deg, 0.0, 0.0))
    hx, _ = pts["hip"]
    _set_leg(pts, rot, (hx + FEET_FROM_HIP_M, FLOOR_Y_M + ANKLE_HEIGHT_M), 1.0, 0.0)
    _arms_by_the_sides(pts)
    return pts, rot


def supine_knees_bent(volume, pelvic_tilt_deg, lordosis_deg, trunk_flexion_deg):
    """Pelvic tilt: lying on the back, knees bent, feet flat; the model's curl and tilt."""
    return _supine(pelvic_tilt_deg, lordosis_deg, trunk_flexion_deg + 0.0 * volume)


def _lift_trunk(flat_pts, flat_rot, lift):
    """The trunk of ``flat_pts`` (lying, knees bent) with the hips lifted: turned about
    C7 until the line from the shoulders to the hips makes ``lift`` (deg, elementwise)
    with the floor, the head and upper back resting on it, the neck bent so the head
    stays down. The legs are left for the caller to set."""
    trunk = _trunk(flat_pts)

    def lifted(turn_deg):
        pts = {k: (x.copy(), y.copy()) for k, (x, y) in flat_pts.items()}
        rot = {k: r.copy() for k, r in flat_rot.items()}
        cx, cy = pts["c7"]
        _rotate_about(pts, rot, trunk, turn_deg * DEG, cx.copy(), cy.copy())
        rot["head"] = flat_rot["head"].copy()  # the neck bends: the head stays on the floor
        # The back of the head and the upper back rest on the floor.
        head = [(x, y - THORAX_LENGTH_M) for x, y in o.HAIR]
        low = np.minimum(
            _lowest_y(pts, rot, "thorax", "l1", o.THORAX_SKIN),
            _lowest_y(pts, rot, "head", "c7", head),
        )
        _shift(pts, trunk, 0.0, FLOOR_Y_M - low)
        return pts, rot

    def trunk_angle(pts):  # shoulders to hips, deg from the floor
        (sx, sy), (hx, hy) = pts["shoulder"], pts["hip"]
        return np.arctan2(hy - sy, hx - sx) / DEG

    # The rigid thorax tips the shoulders as the hips rise: turn until the line from the
    # shoulders to the hips makes the model's angle with the floor (two corrections).
    flat = trunk_angle(flat_pts)
    turn = np.array(lift, dtype=float)
    for _ in range(2):
        pts, rot = lifted(turn)
        turn = turn + (lift - (trunk_angle(pts) - flat))
    return lifted(turn)


def _bridge_knee_in_line(flat_pts, flat_rot, lift):
    """The knee on the line from the shoulders through the hips, a thigh's length past
    the hips, with the trunk lifted by ``lift`` (deg, elementwise)."""
    pts, _ = _lift_trunk(flat_pts, flat_rot, lift)
    (sx, sy), (hx, hy) = pts["shoulder"], pts["hip"]
    run = np.hypot(hx - sx, hy - sy)
    return hx + THIGH_M * (hx - sx) / run, hy + THIGH_M * (hy - sy) / run


def _bridge_drawn_top(flat_pts, flat_rot, feet):
    """The lift (deg) at which the drawn body's shoulders, hips and knees line up with
    the feet at ``feet``: where the knee on that line is a shank's length from the ankle
    (bisection; the distance grows with the lift)."""
    low = np.zeros_like(feet[0])
    high = low + 45.0
    for _ in range(24):
        mid = (low + high) / 2
        kx, ky = _bridge_knee_in_line(flat_pts, flat_rot, mid)
        short = np.hypot(kx - feet[0], ky - feet[1]) < SHANK_M
        low, high = np.where(short, mid, low), np.where(short, high, mid)
    return (low + high) / 2


def bridge(volume, pelvic_tilt_deg, lordosis_deg, trunk_flexion_deg):
    """Bridge: from lying with knees bent, the trunk (spine neutral) turns about the upper
    back; the head and shoulders stay down, the feet where they were.

    The model lifts the hips by ``trunk_flexion_deg`` up to its top of a bridge,
    ``bridge_top_deg``, where shoulders, hips and knees line up. The drawn body reaches
    that line at a smaller angle (``_bridge_drawn_top``: lying flat its hip joints sit
    higher than its shoulder joints, and the shoulder joints lie above the floor, which
    the model's estimate leaves out), so the drawing turns the trunk by the same
    fraction of its own top: hips on the floor at 0, the line at the model's top."""
    lift = np.asarray(trunk_flexion_deg, dtype=float) + 0.0 * np.asarray(volume, float)
    flat_pts, flat_rot = _supine(pelvic_tilt_deg, lordosis_deg, 0.0 * lift)
    feet = flat_pts["ankle"]
    top = _bridge_drawn_top(flat_pts, flat_rot, feet)
    share = np.clip(lift / CONSTANTS.bridge_top_deg, 0.0, 1.0)
    pts, rot = _lift_trunk(flat_pts, flat_rot, share * top)
    _set_leg(pts, rot, feet, 1.0, 0.0)
    _arms_by_the_sides(pts)
    return pts, rot


def knee_to_chest(volume, pelvic_tilt_deg, lordosis_deg, trunk_flexion_deg):
    """Knee to chest: lying, the near knee drawn towards the chest with the lungs empty
    (``KNEE_TO_CHEST_HIP_DEG``), the hands holding the shin below the knee."""
    v = np.asarray(volume, dtype=float)
    pts, rot = _supine(pelvic_tilt_deg, lordosis_deg, trunk_flexion_deg + 0.0 * v)
    empty, full = KNEE_TO_CHEST_HIP_DEG
    thigh = (empty + v * (full - empty)) * DEG  # from the floor towards the feet, up
    shank = thigh - KNEE_TO_CHEST_KNEE_DEG * DEG
    hx, hy = pts["hip"]
    kx, ky = hx + THIGH_M * np.cos(thigh), hy + THIGH_M * np.sin(thigh)
    pts["knee"] = (kx, ky)
    pts["ankle"] = (kx + SHANK_M * np.cos(shank), ky + SHANK_M * np.sin(shank))
    rot["foot"] = _foot_along(shank) + 0.0 * kx
    _femur_muscles(pts)
    grip = (kx + 0.09 * np.cos(shank), ky + 0.09 * np.sin(shank))
    _set_arm(pts, grip, 1.0)
    return pts, rot


def hands_knees(volume, pelvic_tilt_deg, lordosis_deg, trunk_flexion_deg):
    """Cat–cow: on hands and knees, knees under the hips, hands under the shoulders.

    The standing trunk (with the model's tilt, lordosis and the 'cat' curl as
    ``trunk_flexion_deg``) turned face down about the hip, a little further so the
    shoulders sit an arm's length above the floor."""
    v = np.asarray(volume, dtype=float)
    base = pose(
        0, pelvic_tilt_deg, lordosis_deg, trunk_flexion_deg + 0.0 * v, 0.0, 0.0, placed=False
    )
    pts, rot = _arrays(base)
    hip_y = FLOOR_Y_M + KNEE_ABOVE_FLOOR_M + THIGH_M
    shoulder_y = FLOOR_Y_M + o.HAND_RADIUS_M + 0.98 * ARM_LENGTH_M
    sx, sy = pts["shoulder"]
    # Turn a quarter clockwise (face down), then by `extra` so the shoulder is at height.
    qx, qy = sy, -sx  # the shoulder after the quarter turn
    r, phi = np.hypot(qx, qy), np.arctan2(qy, qx)
    extra = np.arcsin(np.clip((shoulder_y - hip_y) / r, -1.0, 1.0)) - phi
    trunk = _trunk(pts)
    zero = np.zeros_like(sx)
    _rotate_about(pts, rot, trunk, -np.pi / 2 + extra, zero, zero)
    _shift(pts, trunk, HANDS_KNEES_HIP_X_M, hip_y)
    hx, _ = pts["hip"]
    knee_y = FLOOR_Y_M + KNEE_ABOVE_FLOOR_M
    pts["knee"] = (hx + 0.0, knee_y + zero)
    pts["ankle"] = (hx - SHANK_M * 0.995, FLOOR_Y_M + KNEELING_ANKLE_ABOVE_FLOOR_M + zero)
    rot["foot"] = 180.0 + zero  # the top of the foot on the floor, toes pointing back
    _femur_muscles(pts)
    sx, _ = pts["shoulder"]
    _set_arm(pts, (sx, FLOOR_Y_M + o.HAND_RADIUS_M + zero), 1.0)
    _nod(rot, v)
    return pts, rot


def _nod(rot, volume) -> None:
    """Cat–cow's head: chin in with the lungs empty, gaze up with them full."""
    nod = CAT_CHIN_IN_DEG - volume * (CAT_CHIN_IN_DEG + COW_GAZE_UP_DEG)
    rot["head"] = rot["thorax"] + nod


def standing(volume, pelvic_tilt_deg, lordosis_deg, trunk_flexion_deg):
    """Roll-down: standing, the trunk bent forward ``trunk_flexion_deg``, knees soft."""
    theta = np.asarray(trunk_flexion_deg, dtype=float) + 0.0 * np.asarray(volume, float)
    pts, rot = _arrays(pose(0, pelvic_tilt_deg, lordosis_deg, theta, 0.0, 0.0))
    ankle = pts["ankle"]
    knee = SOFT_KNEE_DEG_AT_45 * np.clip(theta / 45.0, 0.0, 1.0) * DEG
    drop = 2 * THIGH_M * (1 - np.cos(knee / 2))  # thigh and shank alike
    trunk = _trunk(pts)
    _shift(pts, trunk, -HIPS_BACK_M * np.sin(theta * DEG), -drop)
    _set_leg(pts, rot, ankle, 1.0, 0.0)  # knee forward
    return pts, rot


def _seated_base(pelvic_tilt_deg, lordosis_deg, trunk_flexion_deg):
    return _arrays(pose(1, pelvic_tilt_deg, lordosis_deg, trunk_flexion_deg, 0.0, 0.0))


def seated(volume, pelvic_tilt_deg, lordosis_deg, trunk_flexion_deg):
    """On the chair, feet flat, the hands resting on the thighs; the model's forward curl."""
    theta = np.asarray(trunk_flexion_deg, dtype=float) + 0.0 * np.asarray(volume, float)
    pts, rot = _seated_base(pelvic_tilt_deg, lordosis_deg, theta)
    hx, hy = pts["hip"]
    top = o.THIGH_WIDTH_M / 2 + o.HAND_RADIUS_M
    _set_arm(pts, (hx + HAND_ON_THIGH_M, hy + top), -1.0)
    return pts, rot


def seated_cat_cow(volume, pelvic_tilt_deg, lordosis_deg, trunk_flexion_deg):
    """On the chair as ``seated``, the head nodding with the cat (chin in) and cow (gaze up)."""
    pts, rot = seated(volume, pelvic_tilt_deg, lordosis_deg, trunk_flexion_deg)
    _nod(rot, np.asarray(volume, dtype=float))
    return pts, rot


def seated_knee_lift(volume, pelvic_tilt_deg, lordosis_deg, trunk_flexion_deg):
    """On the chair, one knee lifted ``SEATED_KNEE_LIFT_DEG`` with the lungs empty (the
    shank hanging, the foot off the floor), the hands hugging the shin below the knee."""
    v = np.asarray(volume, dtype=float)
    pts, rot = _seated_base(pelvic_tilt_deg, lordosis_deg, trunk_flexion_deg + 0.0 * v)
    lift = SEATED_KNEE_LIFT_DEG * (1.0 - v) * DEG
    hx, hy = pts["hip"]
    kx, ky = hx + THIGH_M * np.cos(lift), hy + THIGH_M * np.sin(lift)
    pts["knee"] = (kx, ky)
    pts["ankle"] = (kx + 0.0, ky - SHANK_M)
    rot["foot"] = np.zeros_like(kx)
    _femur_muscles(pts)
    _set_arm(pts, (kx + 0.03, ky - 0.07), -1.0)
    return pts, rot


#: Every movement figure: name -> function(volume, pelvic tilt, lordosis, trunk flexion).
FIGURES = {
    "supine_knees_bent": supine_knees_bent,
    "bridge": bridge,
    "knee_to_chest": knee_to_chest,
    "hands_knees": hands_knees,
    "standing": standing,
    "seated": seated,
    "seated_cat_cow": seated_cat_cow,
    "seated_knee_lift": seated_knee_lift,
}
#: Figures drawn on the chair (the record's ``chair_shown``).
ON_THE_CHAIR = ("seated", "seated_cat_cow", "seated_knee_lift")


def movement_pose(figure: str, volume, pelvic_tilt_deg, lordosis_deg, trunk_flexion_deg) -> Pose:
    """The placed body of ``figure`` (a key of ``FIGURES``) at lung volume ``volume``
    (0…1) with the model's angles there (deg); broadcastable arrays."""
    if figure not in FIGURES:
        raise ValueError(f"figure must be one of {sorted(FIGURES)}; got {figure!r}")
    v = np.asarray(volume, dtype=float)
    if not np.all((v >= 0.0) & (v <= 1.0)):
        raise ValueError(f"volume must lie in [0, 1] (lungs empty to full); got {volume!r}")
    args = np.broadcast_arrays(
        v, *(np.asarray(a, dtype=float) for a in (pelvic_tilt_deg, lordosis_deg, trunk_flexion_deg))
    )
    pts, rot = FIGURES[figure](*(np.array(a) for a in args))
    shape = args[0].shape
    return Pose(
        points={
            k: (np.broadcast_to(x, shape), np.broadcast_to(y, shape)) for k, (x, y) in pts.items()
        },
        rotations={k: np.broadcast_to(r, shape) for k, r in rot.items()},
    )


def pose_records(figure: str, p: Pose) -> list[dict]:
    """One painter record per element of ``p`` (1-d): ``{point}_x``/``_y`` (m),
    ``{part}_rot`` (deg) and ``chair_shown`` (1 on the chair, else 0)."""
    n = int(np.size(next(iter(p.rotations.values()))))
    cols = {
        f"{k}_{a}": np.ravel(v) for k, xy in p.points.items() for a, v in zip("xy", xy, strict=True)
    }
    cols |= {f"{k}_rot": np.ravel(v) for k, v in p.rotations.items()}
    chair = 1.0 if figure in ON_THE_CHAIR else 0.0
    return [{**{k: float(c[i]) for k, c in cols.items()}, "chair_shown": chair} for i in range(n)]
