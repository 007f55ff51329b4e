"""The body's dimensions (metres for a 1.75 m adult, degrees) and the picture's scales.

Shared by ``geometry`` (where the body is) and ``outline`` (its shapes), so neither
imports the other's module for a number.
"""

from __future__ import annotations

import numpy as np

DEG = np.pi / 180.0
LUMBAR_LENGTH_M = 0.18  # L1 to S1 along the curve (Pearcy 1985 segment heights)
LUMBAR_SEGMENTS = 5  # L5 (lowest) to L1
THORAX_LENGTH_M = 0.32  # L1 to C7
NECK_HEAD_M = 0.16  # C7 to the head's centre
ARM_LENGTH_M = 0.62  # shoulder to the grip
THIGH_M = 0.43
SHANK_M = 0.43
ANKLE_HEIGHT_M = 0.07  # ankle joint centre above the sole
STANDING_SACRAL_SLOPE_DEG = 40.0  # Vialle et al. 2005, JBJS 87-A:260
STANDING_PELVIC_TILT_DEG = 12.0
#: Pelvis landmarks (m) relative to the hip joint centre, pelvis at tilt 0 (ASIS and
#: PSIS level). Anterior tilt turns them clockwise (x forward, y up).
S1_FROM_HIP = (-0.04, 0.10)  # centre of the sacral endplate
ASIS_FROM_HIP = (0.07, 0.05)
PSIS_FROM_HIP = (-0.08, 0.05)
PSOAS_BRIM_FROM_HIP = (0.055, 0.015)  # iliopubic eminence: where psoas turns over the brim
GLUTE_ORIGIN_FROM_HIP = (-0.095, 0.035)  # posterior ilium and sacrum
EXTENSOR_ORIGIN_FROM_HIP = (-0.085, 0.075)  # erector spinae aponeurosis on the sacrum
PUBIS_FROM_HIP = (0.075, -0.01)  # pubic crest: where rectus abdominis inserts
#: Radius of the head (m).
HEAD_RADIUS_M = 0.10
#: Height of the floor (m): under the feet standing, with the hip joint at y = 0.
FLOOR_Y_M = -(THIGH_M + SHANK_M + ANKLE_HEIGHT_M)
#: Sitting: hip joint height above the floor (thigh level, shank vertical, feet flat).
SITTING_HIP_Y_M = FLOOR_Y_M + ANKLE_HEIGHT_M + SHANK_M
#: Lying: the hip joint this far right of standing's, so the head stays in the picture.
LYING_SHIFT_X_M = 0.22
#: Lying: the heel rests on the floor with the ankle centre this high (m).
LYING_ANKLE_Y_M = FLOOR_Y_M + 0.065
#: Force arrows at L4/L5 (m per N) and their heads (m).
COMPRESSION_M_PER_N = 0.18 / 6000.0
SHEAR_M_PER_N = 0.12 / 1500.0
ARROW_HEAD_M = 0.014
#: The compression arrow runs this far in front of the vertebral bodies' centre line.
COMPRESSION_ARROW_OFFSET_M = 0.04
#: Where the L4/L5 label goes: this far in front of the disc (m).
DISC_LABEL_M = 0.085
