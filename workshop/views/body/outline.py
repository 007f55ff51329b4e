"""The body's shapes in their own frames: what each rigid part looks like from the side.

Each shape is a list of (x, y) in metres, x forward (the face's side), y up, in
the frame of the part that carries it; ``geometry.pose`` says where each frame
is and how far it is turned (``geometry.ROTATIONS``). Sizes are those of an
average adult (1.75 m): lumbar bodies about 36 mm deep and 27 mm high with 9 mm
discs (Pearcy 1985 segment heights), a pelvis whose ASIS sits 5 cm above and 7 cm
in front of the hip joint. They are drawn outlines for teaching, not a
measured atlas.

Frames:

- ``pelvis``: origin at the hip joint centre, pelvis at tilt 0 (ASIS and PSIS
  level); the sacrum is part of it.
- a lumbar vertebra (``L1`` … ``L5``): origin at the centre of the disc below it,
  y along the segment; its body, posterior arch and spinous process, and that
  disc.
- ``thorax``: origin at L1's upper endplate, y along the trunk; chest, neck,
  head with its face (nose and eye on the forward side). The drawing turns the head
  as its own part about C7 (``geometry.ROTATIONS["head"]``, the thorax's angle unless a
  movement nods it), so its shapes here are moved down the thorax's length there.
- ``foot``: origin at the ankle joint, sole level.
"""

from __future__ import annotations

import numpy as np

from .dimensions import (
    ANKLE_HEIGHT_M,
    FLOOR_Y_M,
    HEAD_RADIUS_M,
    LUMBAR_LENGTH_M,
    LUMBAR_SEGMENTS,
    NECK_HEAD_M,
    S1_FROM_HIP,
    SITTING_HIP_Y_M,
    STANDING_PELVIC_TILT_DEG,
    STANDING_SACRAL_SLOPE_DEG,
    THORAX_LENGTH_M,
)

SEGMENT_M = LUMBAR_LENGTH_M / LUMBAR_SEGMENTS
DISC_M = 0.009  # disc height
BODY_DEPTH_M = 0.036  # antero-posterior depth of a lumbar vertebral body

#: The innominate bone seen from the side (pelvis frame): iliac crest from ASIS back to
#: PSIS, the sciatic notch, ischium, pubis and the anterior border back to the ASIS.
ILIUM = [
    (0.07, 0.05), (0.068, 0.082), (0.045, 0.11), (0.005, 0.127), (-0.04, 0.125),
    (-0.07, 0.105), (-0.082, 0.07), (-0.08, 0.05), (-0.078, 0.032), (-0.056, 0.008),
    (-0.05, -0.014), (-0.064, -0.03), (-0.05, -0.046), (-0.06, -0.072), (-0.046, -0.095),
    (-0.018, -0.102), (0.022, -0.09), (0.056, -0.076), (0.066, -0.058), (0.046, -0.036),
    (0.04, -0.02), (0.052, 0.0), (0.062, 0.02), (0.058, 0.034),
]  # fmt: skip
#: The obturator foramen (a hole in the innominate), centre and radii (m).
OBTURATOR = ((0.012, -0.06), 0.021, 0.014)
#: Acetabular rim and femoral head radii (m), both centred on the hip joint.
ACETABULUM_M, FEMORAL_HEAD_M = 0.029, 0.024
#: Skin of the buttock and lower belly (pelvis frame).
PELVIS_SKIN = [
    (-0.075, 0.17), (-0.125, 0.105), (-0.15, 0.03), (-0.148, -0.05), (-0.12, -0.1),
    (-0.06, -0.112), (0.03, -0.105), (0.1, -0.05), (0.125, 0.04), (0.132, 0.12),
    (0.125, 0.17),
]  # fmt: skip


def _ellipse(centre, rx, ry, n=16):
    cx, cy = centre
    a = np.linspace(0.0, 2 * np.pi, n, endpoint=False)
    return [(cx + rx * np.cos(t), cy + ry * np.sin(t)) for t in a]


def _sacrum():
    """Sacrum and coccyx (pelvis frame): base on the sacral endplate, curving down and
    forward; the endplate slopes by the standing sacral slope less the standing tilt."""
    slope = np.deg2rad(STANDING_SACRAL_SLOPE_DEG - STANDING_PELVIC_TILT_DEG)
    up = np.array([np.sin(slope), np.cos(slope)])
    fwd = np.array([np.cos(slope), -np.sin(slope)])
    s1 = np.array(S1_FROM_HIP)
    down = -up
    half = BODY_DEPTH_M * 0.62
    pts = [
        s1 + half * fwd,  # promontory
        s1 - half * fwd,
        s1 - half * fwd + 0.03 * down - 0.012 * fwd,
        s1 + 0.075 * down - 0.018 * fwd,
        s1 + 0.105 * down + 0.0 * fwd,
        s1 + 0.125 * down + 0.02 * fwd,  # coccyx tip
        s1 + 0.1 * down + 0.022 * fwd,
        s1 + 0.06 * down + 0.02 * fwd,
        s1 + 0.025 * down + 0.025 * fwd,
    ]
    return [tuple(float(v) for v in p) for p in pts]


SACRUM = _sacrum()

#: A lumbar vertebra (its frame): body, posterior arch with the spinous process, disc below.
VERTEBRAL_BODY = [
    (0.018, DISC_M / 2), (0.0165, SEGMENT_M / 2), (0.018, SEGMENT_M - DISC_M / 2),
    (-0.018, SEGMENT_M - DISC_M / 2), (-0.018, DISC_M / 2),
]  # fmt: skip
POSTERIOR_ARCH = [
    (-0.018, 0.027), (-0.03, 0.029), (-0.035, 0.035), (-0.042, 0.029), (-0.068, 0.027),
    (-0.071, 0.013), (-0.05, 0.011), (-0.04, 0.003), (-0.031, 0.009), (-0.018, 0.013),
]  # fmt: skip
DISC = [
    (0.017, -DISC_M / 2), (0.018, DISC_M / 2), (-0.018, DISC_M / 2), (-0.017, -DISC_M / 2),
]  # fmt: skip
#: The trunk's skin around one lumbar segment, back 8 cm behind the bodies, belly 13 cm in
#: front. The slices overlap their neighbours (more at the belly, the side that opens in
#: lordosis) so they join into one outline whatever the curve.
LUMBAR_SKIN = [
    (-0.08, -0.004), (-0.08, SEGMENT_M + 0.004), (0.124, SEGMENT_M + 0.02),
    (0.13, SEGMENT_M / 2), (0.124, -0.02),
]  # fmt: skip

HEAD_Y_M = THORAX_LENGTH_M + NECK_HEAD_M
#: Chest, back and neck (thorax frame).
THORAX_SKIN = [
    (-0.08, -0.015), (-0.1, 0.08), (-0.115, 0.18), (-0.105, 0.27), (-0.072, 0.33),
    (-0.045, 0.37), (-0.04, HEAD_Y_M - 0.06), (0.035, HEAD_Y_M - 0.06), (0.045, 0.36),
    (0.09, 0.325), (0.14, 0.26), (0.155, 0.16), (0.145, 0.06), (0.135, -0.015),
]  # fmt: skip
#: The head: centre and radius; the face looks forward (+x).
HEAD = ((0.0, HEAD_Y_M), HEAD_RADIUS_M)
NOSE = [(0.094, HEAD_Y_M + 0.025), (0.128, HEAD_Y_M - 0.012), (0.097, HEAD_Y_M - 0.022)]
EYE = ((0.055, HEAD_Y_M + 0.028), 0.009)
MOUTH = [(0.07, HEAD_Y_M - 0.048), (0.09, HEAD_Y_M - 0.045)]
EAR = ((-0.012, HEAD_Y_M + 0.0), 0.014, 0.022)
HAIR = [
    (-0.098, HEAD_Y_M - 0.02), (-0.1, HEAD_Y_M + 0.03), (-0.075, HEAD_Y_M + 0.07),
    (-0.03, HEAD_Y_M + 0.096), (0.03, HEAD_Y_M + 0.096), (0.07, HEAD_Y_M + 0.072),
    (0.085, HEAD_Y_M + 0.05), (0.02, HEAD_Y_M + 0.06), (-0.04, HEAD_Y_M + 0.035),
    (-0.07, HEAD_Y_M - 0.02),
]  # fmt: skip
#: Thoracic spine (a kyphotic curve) and the ribcage (thorax frame).
THORACIC_SPINE = [(0.0, 0.0), (-0.022, 0.11), (-0.03, 0.21), (-0.01, THORAX_LENGTH_M)]
RIBCAGE = ((0.045, 0.16), 0.085, 0.14)
#: The foot (its frame, origin at the ankle): heel, sole, toes, instep.
FOOT = [
    (-0.04, 0.025), (-0.058, -0.015), (-0.065, -0.05), (-0.05, -ANKLE_HEIGHT_M),
    (0.17, -ANKLE_HEIGHT_M), (0.19, -0.056), (0.17, -0.042), (0.07, -0.01), (0.035, 0.03),
]  # fmt: skip

#: The chair in sitting (placed metres): seat under the thighs, backrest, legs to the floor.
SEAT_Y_M = SITTING_HIP_Y_M - 0.11
CHAIR = (
    ("seat", [(-0.22, SEAT_Y_M), (0.3, SEAT_Y_M), (0.3, SEAT_Y_M - 0.035), (-0.22, SEAT_Y_M - 0.035)]),
    ("back", [(-0.26, SEAT_Y_M - 0.035), (-0.26, SEAT_Y_M + 0.5), (-0.225, SEAT_Y_M + 0.5), (-0.225, SEAT_Y_M - 0.035)]),
    ("leg", [(-0.255, SEAT_Y_M - 0.035), (-0.255, FLOOR_Y_M), (-0.23, FLOOR_Y_M), (-0.23, SEAT_Y_M - 0.035)]),
    ("leg", [(0.27, SEAT_Y_M - 0.035), (0.27, FLOOR_Y_M), (0.295, FLOOR_Y_M), (0.295, SEAT_Y_M - 0.035)]),
)  # fmt: skip

#: Widths (m) of the limbs drawn as thick rounded strokes.
THIGH_WIDTH_M, SHANK_WIDTH_M, ARM_WIDTH_M, HAND_RADIUS_M = 0.13, 0.095, 0.07, 0.035
#: The knee joint drawn as a bone disc (m).
KNEE_RADIUS_M = 0.022


def path_px(points_m, scale: float, *, closed: bool = True) -> str:
    """SVG path data of a shape in its frame: metres (y up) to px (y down), 0.1 px."""
    cmds = [f"{x * scale:.1f},{-y * scale:.1f}" for x, y in points_m]
    return "M" + " L".join(cmds) + (" Z" if closed else "")


def ellipse_px(centre, rx, ry, scale: float) -> dict:
    """An ellipse's SVG attributes (px) from metres in its frame."""
    return {
        "cx": f"{centre[0] * scale:.1f}",
        "cy": f"{-centre[1] * scale:.1f}",
        "rx": f"{rx * scale:.1f}",
        "ry": f"{ry * scale:.1f}",
    }


def ilium_path_px(scale: float) -> str:
    """The innominate with its obturator hole (fill-rule evenodd)."""
    hole = _ellipse(*OBTURATOR)
    return path_px(ILIUM, scale) + " " + path_px(hole[::-1], scale)
