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
    grade="weak",
    source=(
        "Scale defined by this kit (an estimate): 0 = normal length, 1 = a hip that "
        "stays about 20 deg short of neutral in the modified Thomas test. Harvey D 1998, "
        "Br J Sports Med 32:68 gives Thomas-test norms, not this scale."
    ),
    note="Tightness is the learner's setting; the degrees it stands for are our estimate.",
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
        "with straight legs) does the model let it act; sitting flexes the hip and slackens it. "
        "Tipping the pelvis forward on a fixed femur flexes the hip."
    ),
)
def pelvic_tilt_from_contracture_deg(contracture_deg, hip_flexion_deg, pelvic_share):
    """Anterior pelvic tilt (deg) and residual hip flexor stretch (deg) from a contracture.

    ``hip_flexion_deg`` is the hip angle the posture asks for before the pelvis
    yields. The stretch demanded is how far that sits below the contracture
    angle; a share of it is taken up by tipping the pelvis forward (which flexes
    the hip by as much), the rest stretches the muscles.
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
    grade="weak",
    source=(
        "Estimate: passive hip flexor stiffness near neutral times the psoas share over "
        "its hip moment arm. Geometry (the psoas spans L1-L5 and the hip, with almost no "
        "flexion-extension moment arm at the lumbar levels): Bogduk N, Pearcy M, Hadfield G "
        "1992, Clin Biomech 7:109; Santaguida PL, McGill SM 1995, J Biomech 28:339. "
        "Neither paper gives these compression figures."
    ),
    note=(
        "The psoas arises from the lumbar vertebrae and discs; when stretched it pulls "
        "them together. With the hip flexed (sitting, bending) it slackens. The size is an estimate."
    ),
)
def psoas_compression_N(stretch_deg, psoas_stiffness_N_per_deg):
    """Compression (N) the passively stretched psoas adds at L4/L5."""
    return psoas_stiffness_N_per_deg * stretch_deg


@link(
    cause="glute weakness",
    effect="more lumbar flexion in standing bends and lifts (stooped strategy)",
    grade="weak",
    source="McGill SM 2007, Low Back Disorders, 2nd ed.; Sahrmann SA 2002 (clinical models)",
    note=(
        "Less hip extensor strength shifts bending and lifting from the hips to the "
        "lumbar spine. Plausible and widely taught; measured only indirectly. The glutes "
        "act where they hold the pelvis on the legs: in standing, not on a chair."
    ),
)
def lumbar_share_of_bending(weakness, share_normal, share_gain):
    """Share of trunk flexion (0-1) taken by the lumbar spine rather than the hips."""
    # At most all of it (a draw of the uncertainty band can push the sum past 1).
    return np.minimum(share_normal + share_gain * weakness, 1.0)


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
    source=(
        "Dolan P, Mannion AF, Adams MA 1994, J Biomech 27:1077 (in vivo, n=149: up to "
        "120 N·m in men, 77 N·m in women at full flexion; rising steeply past about half "
        "the range); Adams MA, Dolan P 1991, J Biomech 24:117; McGill SM, Kippers V 1994, "
        "Spine 19:2190"
    ),
    note=(
        "Near full lumbar flexion the erector spinae fall silent; stretched muscle, fascia "
        "and ligaments carry the moment. The tissue is the same sitting or standing: its "
        "moment depends on how far the lumbar spine is flexed, wherever the body is."
    ),
)
def passive_moment_Nm(lumbar_flexion_deg, full_flexion_deg, moment_full_Nm, exponent):
    """Passive extensor moment (N·m) of the stretched posterior tissues.

    Exponential in the fraction of full lumbar flexion (0 at upright lordosis,
    ``moment_full_Nm`` at full flexion); extension (negative flexion) gives 0.
    """
    frac = np.minimum(np.maximum(lumbar_flexion_deg * (1.0 / full_flexion_deg), 0.0), 1.0)
    # float32 exponential: its 1e-7 relative error is far below this curve's own.
    rise = np.expm1(np.asarray(exponent * frac, dtype=np.float32)).astype(np.float64)
    return moment_full_Nm * rise / np.expm1(exponent)


def lumbar_flexion_for_passive_deg(moment_Nm, full_flexion_deg, moment_full_Nm, exponent):
    """The lumbar flexion (deg) at which the tissues give ``moment_Nm``: the inverse
    of ``passive_moment_Nm`` on [0, ``moment_full_Nm``]."""
    share = np.minimum(np.maximum(moment_Nm / moment_full_Nm, 0.0), 1.0)
    return full_flexion_deg * np.log1p(share * np.expm1(exponent)) / exponent


@link(
    cause="lumbar flexion",
    effect="shorter extensor moment arm and lost shear protection",
    grade="moderate",
    source=(
        "McGill SM, Hughson RL, Parks K 2000, Clin Biomech 15:777; Macintosh JE, "
        "Bogduk N, Pearcy MJ 1993, Spine 18:884"
    ),
    note=(
        "In a flexed spine the extensors need more force for the same moment and no "
        "longer pull the vertebra back against anterior shear."
    ),
)
def extensor_geometry(lumbar_flexion_deg, full_flexion_deg, arm_m, arm_loss, shear_angle_deg):
    """Extensor moment arm (m), and the shares of extensor force that act as shear
    (sine of the line of action's angle to the disc normal) and as compression (its
    cosine).

    The line of action leans ``shear_angle_deg`` from the disc normal in upright
    lordosis (pulling the vertebra back) and straightens to the normal at full
    flexion (McGill 2000 found the protection lost); between the two the angle
    is interpolated linearly (an estimate).
    """
    frac = np.minimum(np.maximum(lumbar_flexion_deg * (1.0 / full_flexion_deg), 0.0), 1.0)
    # float32 sine and cosine (1e-7 relative error, SIMD-vectorised), as in mechanics._sin.
    angle = np.asarray(np.deg2rad(shear_angle_deg) * (1.0 - frac), dtype=np.float32)
    return (
        arm_m * (1.0 - arm_loss * frac),
        np.sin(angle).astype(np.float64),
        np.cos(angle).astype(np.float64),
    )


@link(
    cause="extensor overactivity (guarding)",
    effect="co-contraction and no flexion-relaxation",
    grade="moderate",
    source=(
        "Geisser ME et al. 2005, J Pain 6:711 (meta-analysis of 44 studies: flexion-"
        "relaxation reduced in chronic low back pain, d = -1.71); Marras WS et al. 2001, "
        "Spine 26:2566 (patients: 26 % more compression for the same moment, from "
        "co-activation); van Dieen JH, Selen LP, Cholewicki J 2003, J Electromyogr "
        "Kinesiol 13:333"
    ),
    note=(
        "Measured in groups with wide spread; whether guarding causes pain, follows it "
        "or protects is not settled. In the model the erectors stay on where they would "
        "fall silent; the spine is bent as far, so the stretched tissues still pull, and "
        "the abdominals must oppose the erectors' extra pull: a co-contracting pair. "
        "While the muscles hold a moment, extensors and flexors co-contract as well, "
        "raising the muscles' compression by Marras's 26 % at full guarding; the larger "
        "of the two pairs acts."
    ),
)
def guarding(overactivity, external_moment_Nm, passive_Nm, relaxing_Nm):
    """Share the moment at L4/L5 between passive tissues and muscles (N·m).

    Returns ``(tissue, muscle, pair)``: the moment the passive tissues carry (all of
    their stretch: guarding does not change the posture), the net moment the
    muscles must give (positive: extensors; negative: the trunk flexors, when the
    tissues pull harder than the load), and the moment of the co-contracting pair
    added to both sides. ``relaxing_Nm`` is the moment the erectors hand to the
    tissues at this lumbar flexion (flexion-relaxation); ``overactivity`` 0…1 is the
    share of it they keep giving as well (none of it handed over at 1): the trunk
    flexors oppose that extra pull.
    """
    if np.ndim(overactivity) == 0 and overactivity == 0.0:
        # No guarding (the usual case): skip the arithmetic that would add zeros.
        return passive_Nm, external_moment_Nm - passive_Nm, 0.0
    pair = overactivity * np.minimum(relaxing_Nm, np.maximum(external_moment_Nm, 0.0))
    return passive_Nm, external_moment_Nm - passive_Nm, pair


def cocontraction_pair_Nm(
    overactivity, held_Nm, extensor_arm_m, flexor_arm_m, extensor_compression_share, rise
):
    """Moment (N·m) of the pair of back extensors and trunk flexors that co-contract
    while the muscles hold ``held_Nm`` (positive: the extensors hold it; negative: the
    flexors), so that at ``overactivity`` 1 the muscles compress the spine ``rise`` more
    than the agonists alone would (Marras et al. 2001: 26 % more compression for the
    same moment in people with low back pain, from co-activation).

    The extensors at ``extensor_arm_m`` (m) compress the disc by their force times
    ``extensor_compression_share`` (their line of action against the disc normal), the
    flexors at ``flexor_arm_m`` along it; a pair of moment P adds both.
    """
    if np.ndim(overactivity) == 0 and overactivity == 0.0:
        return 0.0
    agonists_N = np.where(
        held_Nm >= 0.0,
        held_Nm * extensor_compression_share / extensor_arm_m,
        -held_Nm / flexor_arm_m,
    )
    per_pair_Nm = extensor_compression_share / extensor_arm_m + 1.0 / flexor_arm_m
    return overactivity * rise * agonists_N / per_pair_Nm


@link(
    cause="trunk moment",
    effect="intra-abdominal pressure unloads the spine",
    grade="contested",
    source=(
        "Chaffin DB, Andersson GBJ, Martin BJ 2006, Occupational Biomechanics, 4th ed. "
        "(regression); against: Nachemson AL, Andersson GBJ, Schultz AB 1986, Spine "
        "11:476 (a Valsalva manoeuvre did not lower disc pressure in vivo); Daggfeldt K, "
        "Thorstensson A 1997, J Biomech 30:1149 (the abdominal activity that raises the "
        "pressure adds a flexor moment and compression of its own)"
    ),
    note=(
        "Chaffin's empirical pressure, acting on the diaphragm, gives an extensor moment "
        "and a distracting force. Whether it truly unloads the spine is debated: the model "
        "has it on by default, because the in vivo pressures under load are matched only "
        "with it, and the learner can switch it off."
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
    source=(
        "Nachemson A 1960, Acta Orthop Scand Suppl 43 (P = k·F/A, k about 1.5); "
        "Wilke HJ et al. 1999, Spine 24:755; disc area by sex: Gilsanz V et al. 1994, "
        "Radiology 190:678 (lumbar vertebral cross-section 25 % smaller in women "
        "matched for height and weight)"
    ),
    note=(
        "Pressure rises in proportion to compression over the disc's area, above the "
        "unloaded disc's swelling pressure. A larger body has a larger disc."
    ),
)
def disc_pressure_MPa(compression_N, unloaded_MPa, correction, area_mm2):
    """L4/L5 intradiscal pressure (MPa) from axial compression (N) over ``area_mm2``."""
    return unloaded_MPa + correction * compression_N / area_mm2
