"""The links of the kinetic chain, one small function each, with source and grade.

Each function takes numbers or numpy arrays and returns the same. The
``@link`` decorator records, beside the code, where the relation comes from
and how strong the evidence for it is; ``LINKS`` lists them in chain order and
the learner-facing views read their grades from there.

Evidence grades:

* **strong** — consistent measurements in humans, mechanics textbook material;
* **moderate** — measured, but in few or small studies, or with wide spread;
* **weak** — plausible and widely taught, thinly measured;
* **contested** — studies disagree, or measurements contradict the simple story.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

GRADES = ("strong", "moderate", "weak", "contested")


@dataclass(frozen=True)
class Link:
    """One cause-and-effect link of the model with its evidence."""

    name: str
    cause: str
    effect: str
    grade: str
    source: str
    note: str


LINKS: dict[str, Link] = {}


def link(*, cause: str, effect: str, grade: str, source: str, note: str = ""):
    """Register the decorated function as a link of the chain."""
    if grade not in GRADES:
        raise ValueError(f"grade must be one of {GRADES}; got {grade!r}")

    def register(func):
        LINKS[func.__name__] = Link(func.__name__, cause, effect, grade, source, note)
        func.link = LINKS[func.__name__]
        return func

    return register


@link(
    cause="hip flexor tightness",
    effect="hip flexion contracture",
    grade="moderate",
    source="Harvey D 1998, Br J Sports Med 32:68 (modified Thomas test norms)",
    note="Tightness 1 stands for a strongly positive Thomas test, about 20 deg short of neutral.",
)
def hip_flexion_contracture_deg(tightness, contracture_max_deg):
    """Hip flexion angle (deg) at which the shortened hip flexors become taut."""
    return contracture_max_deg * tightness


@link(
    cause="hip flexion contracture",
    effect="anterior pelvic tilt",
    grade="contested",
    source="Heino JG et al. 1990, J Orthop Sports Phys Ther 12:243",
    note=(
        "The simple story says short hip flexors tip the pelvis forward. Heino found "
        "hip extension range uncorrelated with standing pelvic tilt: people absorb a "
        "contracture in several ways. Only while the hip is extended (standing, lying "
        "with straight legs) does the model let it act; sitting flexes the hip and slackens it."
    ),
)
def pelvic_tilt_from_contracture_deg(contracture_deg, hip_flexion_deg, pelvic_share):
    """Anterior pelvic tilt (deg) and residual hip flexor stretch (deg) from a contracture.

    The stretch demanded is how far the hip sits below the contracture angle. A share
    of it is taken up by tipping the pelvis forward; the rest stretches the muscles.
    """
    demand = np.maximum(contracture_deg - hip_flexion_deg, 0.0)
    tilt = pelvic_share * demand
    return tilt, demand - tilt


@link(
    cause="anterior pelvic tilt",
    effect="lumbar lordosis",
    grade="moderate",
    source="Levine D, Whittle MW 1996, J Orthop Sports Phys Ther 24:130",
    note="Voluntary pelvic tilt changes lordosis by about one degree per degree.",
)
def lordosis_from_pelvic_tilt_deg(pelvic_tilt_change_deg, lordosis_per_pelvic_tilt):
    """Change of L1-S1 lordosis (deg) for a change of pelvic tilt (deg)."""
    return lordosis_per_pelvic_tilt * pelvic_tilt_change_deg


@link(
    cause="hip flexor stretch",
    effect="psoas compression on L4/L5",
    grade="moderate",
    source="Santaguida PL, McGill SM 1995, J Biomech 28:339; Bogduk N et al. 1992, Clin Biomech 7:109",
    note=(
        "The psoas arises from the lumbar vertebrae and discs; when stretched it pulls "
        "them together. With the hip flexed (sitting, bending) it slackens."
    ),
)
def psoas_compression_N(stretch_deg, psoas_stiffness_N_per_deg):
    """Compression (N) the passively stretched psoas adds at L4/L5."""
    return psoas_stiffness_N_per_deg * stretch_deg


@link(
    cause="glute weakness",
    effect="more lumbar flexion in bending (stooped strategy)",
    grade="weak",
    source="McGill SM 2007, Low Back Disorders, 2nd ed.; Sahrmann SA 2002 (clinical models)",
    note=(
        "Less hip extensor strength shifts bending and lifting from the hips to the "
        "lumbar spine. Plausible and widely taught; measured only indirectly."
    ),
)
def lumbar_share_of_bending(weakness, share_normal, share_gain):
    """Share of trunk flexion (0-1) taken by the lumbar spine rather than the hips."""
    return np.minimum(share_normal + share_gain * weakness, 0.95)


@link(
    cause="glute weakness",
    effect="anterior pelvic tilt in standing",
    grade="contested",
    source="Janda V 1987 ('lower crossed syndrome', clinical opinion); cf. Heino 1990",
    note=(
        "Quiet standing needs little hip extensor moment, so weak glutes should change "
        "standing posture little. The model gives it a few degrees at most."
    ),
)
def pelvic_tilt_from_weak_glutes_deg(weakness, tilt_max_deg):
    """Anterior pelvic tilt (deg) attributed to glute weakness in standing."""
    return tilt_max_deg * weakness


@link(
    cause="lumbar flexion",
    effect="passive tissues take the moment (flexion-relaxation)",
    grade="strong",
    source="McGill SM, Kippers V 1994, Spine 19:2190; Adams MA, Dolan P 1991, J Biomech 24:117",
    note="Near full lumbar flexion the erector spinae fall silent; ligaments and fascia carry the load.",
)
def passive_moment_Nm(lumbar_flexion_deg, onset_deg, stiffness_Nm_per_deg2):
    """Passive extensor moment (N·m) of posterior ligaments and fascia."""
    beyond = np.maximum(lumbar_flexion_deg - onset_deg, 0.0)
    return stiffness_Nm_per_deg2 * beyond * beyond


@link(
    cause="lumbar flexion",
    effect="shorter extensor moment arm and lost shear protection",
    grade="moderate",
    source="McGill SM, Hughson RL, Parks K 2000, Clin Biomech 15:777; Macintosh JE, Bogduk N, Pearcy MJ 1993, Spine 18:884",
    note=(
        "In a flexed spine the extensors need more force for the same moment and no "
        "longer pull the vertebra back against anterior shear."
    ),
)
def extensor_geometry(lumbar_flexion_deg, full_flexion_deg, arm_m, arm_loss, shear_angle_deg):
    """Extensor moment arm (m) and the share of extensor force that acts as shear.

    The shear share is the sine of the line of action's angle to the disc normal:
    +sin(angle) upright (the vertebra is pulled back), falling linearly to
    -sin(angle)/2 at full flexion (the straightened fibres now pull it forward).
    """
    frac = np.minimum(np.maximum(lumbar_flexion_deg * (1.0 / full_flexion_deg), 0.0), 1.0)
    shear_upright = np.sin(np.deg2rad(shear_angle_deg))
    return arm_m * (1.0 - arm_loss * frac), shear_upright * (1.0 - 1.5 * frac)


@link(
    cause="trunk moment",
    effect="intra-abdominal pressure unloads the spine",
    grade="contested",
    source=(
        "Chaffin DB, Andersson GBJ, Martin BJ 2006, Occupational Biomechanics, 4th ed.; "
        "against: Daggfeldt K, Thorstensson A 2003, Spine 28:1514"
    ),
    note=(
        "Chaffin's empirical pressure, acting on the diaphragm, gives an extensor moment "
        "and a distracting force. Whether it truly unloads the spine is debated."
    ),
)
def intra_abdominal_pressure_Pa(moment_Nm, hip_knee_flexion_deg, max_mmHg):
    """Intra-abdominal pressure (Pa) in lifting and holding (Chaffin's regression).

    PA [mmHg] = 1e-4 · (43 − 0.36·(θH + θK)) · M^1.8, M the L5/S1 moment in N·m and
    θH + θK the hip and knee flexion in degrees; clipped to [0, max_mmHg].
    """
    m = np.maximum(moment_Nm, 0.0)
    # float32 power: its 1e-7 relative error is far below this regression's own,
    # and it is about twice as fast as float64 on long arrays.
    m_pow = np.power(np.asarray(m, dtype=np.float32), np.float32(1.8)).astype(np.float64)
    mmHg = 1e-4 * np.maximum(43.0 - 0.36 * hip_knee_flexion_deg, 0.0) * m_pow
    return np.minimum(mmHg, max_mmHg) * 133.322


@link(
    cause="compression",
    effect="intradiscal pressure",
    grade="strong",
    source="Nachemson A 1960, Acta Orthop Scand Suppl 43 (P = 1.5 F/A); Wilke HJ et al. 1999, Spine 24:755",
    note="Pressure rises in proportion to compression, above the unloaded disc's swelling pressure.",
)
def disc_pressure_MPa(compression_N, unloaded_MPa, per_force_MPa_per_N):
    """L4/L5 intradiscal pressure (MPa) from axial compression (N)."""
    return unloaded_MPa + per_force_MPa_per_N * compression_N
