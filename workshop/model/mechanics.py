"""Static sagittal-plane model of the L4/L5 joint: ``evaluate``.

What the model does, in order (every step vectorised, numpy only):

1. **Posture.** Position sets how the pelvis and lumbar spine start (standing
   lordosis; sitting rotates the pelvis back and flattens the lumbar curve;
   lying supports the trunk). Trunk flexion is shared between the lumbar spine
   and the hips by the lumbo-pelvic rhythm; glute weakness shifts that share to
   the spine. A hip flexor contracture tips the pelvis forward only while the
   hip is extended, and the rest of it stretches the psoas.
2. **Gravity.** Segment masses and centres of mass (de Leva 1996) of the head,
   trunk and arms above L4/L5, and the load at its horizontal distance, give
   the flexion moment about L4/L5 and the force along and across the disc.
3. **Tissues.** Passive tissues take part of the moment near full lumbar
   flexion (flexion-relaxation); intra-abdominal pressure takes a contested
   part; the erector spinae carry the rest at a moment arm that shrinks as the
   lumbar spine flexes. Upright postures add baseline co-contraction; a
   stretched psoas adds its pull. Extension moments are carried by the
   abdominals.
4. **Disc.** Compression and shear at L4/L5 follow; pressure comes from
   compression through P = P₀ + k·F/A (Nachemson 1960).

In lying the trunk rests on the floor: gravity adds no moment or compression at
L4/L5, and a load in the hands is carried by the arms into the floor.

What the model is not: it is static (no inertia; a real lift peaks higher), it
is one average adult man scaled by height and mass, it has no knees (a squat
lift is expressed through trunk flexion and load distance), and it knows
nothing about pain. It does not diagnose and gives no treatment advice.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

from . import chain
from .constants import CONSTANTS, Constants, G
from .validation import check_number, position_code

DEG = np.pi / 180.0
REFERENCE_HEIGHT_M = 1.75

# Per-position switches, indexed by position code (0 standing, 1 sitting, 2 lying).
_UPRIGHT = np.array([1.0, 1.0, 0.0])
_SITTING = np.array([0.0, 1.0, 0.0])


@dataclass(frozen=True)
class ModelResult:
    """L4/L5 response of the model. Every attribute is a float array of the
    broadcast shape of the inputs (0-d for scalar inputs).

    pelvic_tilt_deg      anterior tilt of the pelvis from vertical (ASIS-PSIS), deg
    lumbar_lordosis_deg  L1-S1 lordosis, deg (negative = kyphotic)
    extensor_force_N     erector spinae force, N
    compression_N        force along the disc normal at L4/L5, N
    shear_N              force across the disc, N (positive = upper vertebra forward)
    disc_pressure_MPa    intradiscal pressure at L4/L5, MPa
    flexion_moment_Nm    moment of gravity and load about L4/L5, N·m
    psoas_force_N        pull of the stretched psoas on L4/L5, N
    passive_moment_Nm    moment carried by ligaments and fascia, N·m
    lumbar_flexion_deg   lumbar flexion from relaxed standing lordosis, deg
    hip_flexion_deg      hip flexion, deg
    hip_extensor_moment_Nm  moment the hip extensors must hold in standing, N·m
        (a seat carries it in sitting, the floor in lying)
    glute_force_N        gluteus maximus share of it, N (the hamstrings take the rest)
    """

    pelvic_tilt_deg: np.ndarray
    lumbar_lordosis_deg: np.ndarray
    extensor_force_N: np.ndarray
    compression_N: np.ndarray
    shear_N: np.ndarray
    disc_pressure_MPa: np.ndarray
    flexion_moment_Nm: np.ndarray
    psoas_force_N: np.ndarray
    passive_moment_Nm: np.ndarray
    lumbar_flexion_deg: np.ndarray
    hip_flexion_deg: np.ndarray
    hip_extensor_moment_Nm: np.ndarray
    glute_force_N: np.ndarray


def evaluate(
    position="standing",
    trunk_flexion_deg=0.0,
    load_kg=0.0,
    load_distance_m=0.0,
    hip_flexor_tightness=0.0,
    glute_weakness=0.0,
    body_mass_kg=70.0,
    height_m=1.75,
    *,
    constants: Constants = CONSTANTS,
) -> ModelResult:
    """Evaluate the kinetic chain at L4/L5 for broadcastable inputs.

    Parameters (all numpy-broadcastable; ranges are inclusive)
    ----------
    position : {"standing", "sitting", "lying"} or array of them
    trunk_flexion_deg : forward bend of the trunk from upright, 0…110 deg.
        Backward bending is outside the model (facet joints then share the load).
        In lying it is a curl of the spine.
    load_kg : mass held in the hands, 0…50 kg
    load_distance_m : horizontal distance, L4/L5 disc centre to the load's
        centre of mass, 0…1 m. When a load is held the hands are there too: the
        arms reach forward to it when it lies ahead of the shoulders. Empty hands
        hang below the shoulders.
    hip_flexor_tightness : 0 (normal length) … 1 (severely shortened)
    glute_weakness : 0 (normal strength) … 1 (severely weak)
    body_mass_kg : 35…150 kg;  height_m : 1.40…2.10 m
    constants : the model's physical constants (``workshop.model.constants``);
        fields may be arrays, as ``uncertainty_band`` uses them.

    Raises
    ------
    TypeError  input of the wrong type (a string for a number, a boolean, ...)
    ValueError NaN, infinite or out-of-range input, or an unknown position;
               the message names the input and its allowed range.
    """
    code = position_code(position)
    args = (
        code,
        check_number("trunk_flexion_deg", trunk_flexion_deg),
        check_number("load_kg", load_kg),
        check_number("load_distance_m", load_distance_m),
        check_number("hip_flexor_tightness", hip_flexor_tightness),
        check_number("glute_weakness", glute_weakness),
        check_number("body_mass_kg", body_mass_kg),
        check_number("height_m", height_m),
    )
    const_shapes = [np.shape(getattr(constants, f)) for f in _FIELDS]
    shape = np.broadcast_shapes(*(np.shape(a) for a in args), *const_shapes)
    size = int(np.prod(shape))
    if size <= _BLOCK or any(const_shapes):
        outs = _compute(*args, constants)
        return ModelResult(*(_full(o, shape) for o in outs))
    # Large inputs are evaluated in cache-sized blocks: each temporary then stays in
    # the CPU cache instead of streaming megabytes through memory once per operation.
    flat = [_flat(a, shape) for a in args]
    outs = [np.empty(size) for _ in fields(ModelResult)]
    for start in range(0, size, _BLOCK):
        stop = min(start + _BLOCK, size)
        part = [a if np.ndim(a) == 0 else a[start:stop] for a in flat]
        for out, value in zip(outs, _compute(*part, constants), strict=True):
            out[start:stop] = value
    return ModelResult(*(o.reshape(shape) for o in outs))


_BLOCK = 8192  # 64 KiB temporaries stay in the CPU cache
_FIELDS = [f.name for f in fields(Constants)]


def _sin(x_rad):
    # float32 trigonometry: its 1e-7 relative error is far below the model's uncertainty,
    # and numpy vectorises float32 sin/cos with SIMD (about 10x faster than float64).
    return np.sin(np.asarray(x_rad, dtype=np.float32)).astype(np.float64)


def _cos(x_rad):
    return np.cos(np.asarray(x_rad, dtype=np.float32)).astype(np.float64)


def _flat(a, shape):
    """A scalar as it is; an array broadcast to ``shape`` and flattened."""
    if np.ndim(a) == 0:
        return a
    return np.ascontiguousarray(np.broadcast_to(a, shape)).reshape(-1)


def _compute(code, theta, load, dist, tight, weak, mass, height, c: Constants):
    """The model's arithmetic on validated numbers (see the module docstring)."""
    upright = _UPRIGHT[code]
    sitting = _SITTING[code]
    standing = upright - sitting

    # 1. Posture -------------------------------------------------------------------
    share = chain.lumbar_share_of_bending(
        weak, c.lumbar_share_of_bending, c.lumbar_share_gain_weak_glutes
    )
    lumbar_posture = sitting * c.sitting_lumbar_flexion_deg
    # The lumbar spine takes its share of the bend until it reaches full flexion;
    # the hips take the rest.
    lumbar_bend = np.minimum(share * theta, c.full_lumbar_flexion_deg - lumbar_posture)
    lumbar_flexion = lumbar_posture + lumbar_bend
    hip_from_bend = theta - lumbar_bend
    hip_base = sitting * (90.0 - c.sitting_pelvic_rotation_deg)
    contracture = chain.hip_flexion_contracture_deg(tight, c.hip_flexor_contracture_max_deg)
    apt_tight, psoas_stretch = chain.pelvic_tilt_from_contracture_deg(
        contracture, hip_base + hip_from_bend, c.pelvic_share_of_contracture
    )
    apt = apt_tight + standing * chain.pelvic_tilt_from_weak_glutes_deg(
        weak, c.pelvic_tilt_weak_glutes_deg
    )
    hip_flexion = hip_base + hip_from_bend - apt
    pelvic_tilt = (
        c.standing_pelvic_tilt_deg - sitting * c.sitting_pelvic_rotation_deg + apt + hip_from_bend
    )
    lordosis = (
        c.standing_lordosis_deg
        + chain.lordosis_from_pelvic_tilt_deg(apt, c.lordosis_per_pelvic_tilt)
        - lumbar_flexion
    )

    # 2. Gravity (upright only: in lying the floor carries the trunk) ----------------
    scale = height / REFERENCE_HEIGHT_M
    g_mass = (upright * G) * mass  # zero in lying
    sin_t = _sin(theta * DEG)
    x_shoulder = (c.shoulder_height_fraction * height) * sin_t
    x_body = (c.upper_body_com_height_fraction * height) * sin_t + (
        c.upright_com_offset_fraction * height
    )
    # Holding something, the arms reach forward to it; empty-handed they hang.
    reach = np.maximum(dist - x_shoulder, 0.0) * (load > 0.0)
    x_arms = x_shoulder + c.arm_com_fraction * reach
    w_load = (upright * G) * load
    moment = g_mass * (c.upper_body_mass_fraction * x_body + c.arms_mass_fraction * x_arms)
    moment = moment + w_load * dist

    # The disc plane tilts with the pelvis and with the lowest lumbar levels.
    disc_tilt = (
        (c.standing_disc_inclination_deg - c.standing_pelvic_tilt_deg) * DEG
        + DEG * pelvic_tilt
        + (c.disc_tilt_share_of_lumbar_flexion * DEG) * lumbar_flexion
    )
    weight_above = g_mass * (c.upper_body_mass_fraction + c.arms_mass_fraction) + w_load

    # 3. Tissues ---------------------------------------------------------------------
    onset_fraction = c.flexion_relaxation_onset_fraction + sitting * (
        c.flexion_relaxation_onset_fraction_sitting - c.flexion_relaxation_onset_fraction
    )
    onset = onset_fraction * c.full_lumbar_flexion_deg
    passive_capacity = chain.passive_moment_Nm(
        lumbar_flexion, onset, c.passive_stiffness_Nm_per_deg2
    )
    iap_force = (
        standing
        * c.diaphragm_area_m2
        * chain.intra_abdominal_pressure_Pa(moment, hip_flexion, c.iap_max_mmHg)
    )
    # IAP unloads at most the moment there is to unload.
    net = moment - np.minimum(iap_force * c.iap_moment_arm_m, np.maximum(moment, 0.0))
    passive = np.minimum(passive_capacity, np.maximum(net, 0.0))
    arm, shear_share = chain.extensor_geometry(
        lumbar_flexion,
        c.full_lumbar_flexion_deg,
        c.extensor_moment_arm_m * scale,
        c.extensor_arm_loss_full_flexion,
        c.extensor_shear_angle_upright_deg,
    )
    extensor = np.maximum(net - passive, 0.0) / arm
    flexor = np.maximum(-net, 0.0) / (c.flexor_moment_arm_m * scale)
    ligament = ((1.0 - c.disc_share_of_passive_moment) / c.ligament_moment_arm_m) * passive / scale
    psoas = chain.psoas_compression_N(psoas_stretch, c.psoas_stiffness_N_per_deg)
    tone = g_mass * (c.upright_tone_fraction * (c.upper_body_mass_fraction + c.arms_mass_fraction))

    compression = weight_above * _cos(disc_tilt)
    compression = compression + extensor * np.sqrt(1.0 - shear_share * shear_share)
    compression = compression + flexor + ligament + tone + psoas - iap_force
    # Erectors pull the upper vertebra back while the spine is lordotic; ligaments in a
    # flexed spine and the psoas pull it forward.
    shear = weight_above * _sin(disc_tilt) - extensor * shear_share
    shear = shear + 0.2 * ligament + 0.15 * psoas
    pressure = chain.disc_pressure_MPa(
        compression, c.unloaded_pressure_MPa, c.pressure_per_force_MPa_per_N
    )

    # 4. Hips (standing only) ---------------------------------------------------------
    x_l45 = (c.hip_to_l45_fraction * height) * _sin((hip_from_bend + apt) * DEG)
    hip_moment = standing * np.maximum(
        moment + (weight_above + (0.5 * c.pelvis_mass_fraction) * g_mass) * x_l45, 0.0
    )
    glute_share = 1.0 - c.glute_share_loss_weak * weak
    glute = hip_moment * glute_share / (c.glute_moment_arm_m * scale)
    return (
        pelvic_tilt,
        lordosis,
        extensor,
        compression,
        shear,
        pressure,
        moment,
        psoas,
        passive,
        lumbar_flexion,
        hip_flexion,
        hip_moment,
        glute,
    )


def _full(x, shape) -> np.ndarray:
    """``x`` as a float array of ``shape`` (broadcast without copying when it can)."""
    arr = np.asarray(x, dtype=np.float64)
    if arr.shape == shape:
        return arr
    return np.broadcast_to(arr, shape)
