"""Physical constants of the kinetic chain model, each with its source.

``CONSTANTS`` holds the central values; ``SPREAD`` the relative standard
deviation each uncertain constant is sampled with in ``uncertainty_band``.
Only three constants are *calibrated* (fitted to the four Wilke 1999 rows in
``workshop/data/disc_pressure_calibration.csv``): the disc's unloaded pressure,
Nachemson's pressure correction and the upright muscle tone. Everything else is
taken from the cited literature and left alone. There is no constant per
activity.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

import numpy as np

from .anthropometry import CROSS_SECTION_MASS_EXPONENT, DERIVED, PEOPLE, tissue_size_factor

# Dolan, Mannion & Adams 1994: passive moment at full flexion 120 N·m in men, 77 N·m in
# women. The model scales a tissue's moment with body size, so both are taken back to
# one size, taking Dolan's groups to be the 50th-percentile British man and woman of
# the kit's presets (an estimate: the study's own body sizes are not used here).
_DOLAN_MAN_SIZE, _DOLAN_WOMAN_SIZE = (
    float(tissue_size_factor(p.body_mass_kg, p.height_m))
    for p in (PEOPLE["man_p50"], PEOPLE["woman_p50"])
)

G = 9.81  # m/s², standard gravity
_MALE = DERIVED["male"]


@dataclass(frozen=True)
class Constants:
    """Model constants. Floats by default; arrays when sampled for a band.

    Anthropometric fractions are for a man (de Leva 1996); ``evaluate`` scales
    them by :data:`workshop.model.anthropometry.SEX_RATIOS` for a woman. Fields
    marked *estimate* have no source that gives the number itself: they are
    our reasoned values, sampled widely in the uncertainty band.
    """

    # --- anthropometry: derived from de Leva 1996 (J Biomech 29:1223, Table 4, men;
    # reference stature 1.741 m) by workshop.model.anthropometry ----------------------
    #: head, neck and trunk above L4/L5, fraction of body mass.
    upper_body_mass_fraction: float = _MALE["upper_body_mass_fraction"]
    #: both arms (upper arm, forearm, hand), fraction of body mass.
    arms_mass_fraction: float = _MALE["arms_mass_fraction"]
    #: their centre of mass above L4/L5 along the trunk, fraction of stature.
    upper_body_com_height_fraction: float = _MALE["upper_body_com_height_fraction"]
    #: the trunk above L4/L5 without head and neck: mass and centre of mass.
    trunk_above_mass_fraction: float = _MALE["trunk_above_mass_fraction"]
    trunk_above_com_height_fraction: float = _MALE["trunk_above_com_height_fraction"]
    #: the waist: the trunk between the xiphion and L4/L5, mass and centre of mass.
    waist_mass_fraction: float = _MALE["waist_mass_fraction"]
    waist_com_height_fraction: float = _MALE["waist_com_height_fraction"]
    #: L4/L5 to the xiphion, fraction of stature. Lying on the side, the ribcage
    #: rests on the surface down to about this level (estimate: de Leva's boundary
    #: between upper and middle trunk; the widest part of the ribcage is near it).
    ribcage_support_height_fraction: float = _MALE["ribcage_support_height_fraction"]
    #: L4/L5 to the shoulder joints along the trunk, fraction of stature.
    shoulder_height_fraction: float = _MALE["shoulder_height_fraction"]
    #: shoulder joint to the grip of a straight arm, fraction of stature.
    arm_reach_fraction: float = _MALE["arm_reach_fraction"]
    #: L4/L5 above the hip joint centres, fraction of stature.
    hip_to_l45_fraction: float = _MALE["hip_to_l45_fraction"]
    #: lower trunk below L4/L5 (the pelvis), fraction of body mass.
    pelvis_mass_fraction: float = _MALE["pelvis_mass_fraction"]
    #: centre of mass of a straight arm, fraction of the shoulder-to-hand distance
    #: (de Leva's upper arm, forearm and hand: 298 mm of 637 mm).
    arm_com_fraction: float = 0.47
    #: anterior offset of the upper body's centre of mass from L4/L5 in upright
    #: posture, fraction of stature (about 2 cm; Duval-Beaupere & Legaye 2004,
    #: Eur Spine J 13:98, gravity line of the mass above each vertebra).
    upright_com_offset_fraction: float = 0.011

    # --- muscles and passive tissues ------------------------------------------------
    #: erector spinae moment arm at L4/L5, upright, for stature 1.75 m
    #: (Bogduk, Macintosh & Pearcy 1992, Spine 17:897; McGill & Norman 1987).
    extensor_moment_arm_m: float = 0.060
    #: fractional loss of extensor moment arm at full lumbar flexion
    #: (Macintosh, Bogduk & Pearcy 1993, Spine 18:884; McGill, Hughson & Parks 2000,
    #: Clin Biomech 15:777).
    extensor_arm_loss_full_flexion: float = 0.15
    #: erector spinae line of action relative to the disc normal, upright lordotic
    #: posture, deg: the pars lumborum fibres pull the vertebra posteriorly and so
    #: resist anterior shear (McGill, Hughson & Parks 2000).
    extensor_shear_angle_upright_deg: float = 12.0
    #: abdominal (rectus abdominis) moment arm at L4/L5, stature 1.75 m (8.5 cm in
    #: standing women, Jorgensen MJ et al. 2005, Clin Biomech 20:242; about 8 cm,
    #: McGill SM, Patt N, Norman RW 1988, J Biomech 21:329).
    flexor_moment_arm_m: float = 0.080
    #: lever arm at which the passive moment compresses the disc, as a fraction of the
    #: erector's at the same lumbar flexion: the tissues lie behind the disc with the
    #: erectors and come nearer to it as the spine flexes, so a moment they take over
    #: from the erectors compresses the disc about as much. The stretched erector
    #: muscles, which carry most of the passive moment in full flexion (McGill SM,
    #: Kippers V 1994, Spine 19:2190), pull on the erector's own line (1); the inter-
    #: and supraspinous ligaments act at 5.2 cm (7 N·m from 134 N, Hukins DWL et al.
    #: 1990, Spine 15:787), about the erector's 5.1 cm at full flexion (1.02). Estimate:
    #: 1, sampled with 5 % (the fascia lies further back, a short erector arm nearer).
    passive_lever_arm_fraction: float = 1.0
    #: passive lumbar extensor moment at full flexion of the reference body (a 70 kg man
    #: of 1.75 m), N·m: Dolan, Mannion & Adams 1994, J Biomech 27:1077 measured 120 N·m
    #: in men, here taken back from the 50th-percentile man's size (estimate, above).
    passive_moment_full_flexion_Nm: float = 120.0 / _DOLAN_MAN_SIZE
    #: a woman's value relative to a man's of the same height and mass. Dolan's 77 and
    #: 120 N·m are of real women and men, who differ in size too, and the model already
    #: scales the moment with size: their ratio is divided by the size ratio of the two
    #: groups (estimate: taken as the 50th-percentile British woman and man of the
    #: kit's presets, Dolan's subjects being British adults).
    passive_moment_female_ratio: float = (77.0 / _DOLAN_WOMAN_SIZE) / (120.0 / _DOLAN_MAN_SIZE)
    #: steepness of the passive moment's exponential rise (estimate: 5 gives about
    #: 8 % of the full-flexion moment at half the range, rising steeply beyond it,
    #: the shape Adams & Dolan 1991 and Dolan 1994 describe).
    passive_exponent: float = 5.0
    #: lumbar flexion available from upright standing lordosis to full flexion, deg
    #: (Adams & Dolan 1991; Pearcy 1985 radiographic L1-S1 range about 52 deg).
    full_lumbar_flexion_deg: float = 55.0
    #: share of trunk flexion taken by the lumbar spine, normal strength
    #: (lumbo-pelvic rhythm in early bending; Esola et al. 1996, Spine 21:71).
    lumbar_share_of_bending: float = 0.55
    #: share of lumbar flexion below the mid-plane of the L4/L5 disc (L5/S1 plus
    #: half of L4/L5): it tilts the disc plane (Pearcy 1985 segmental ranges).
    disc_tilt_share_of_lumbar_flexion: float = 0.35
    #: lateral trunk muscles' (quadratus lumborum, lateral erectors) moment arm for
    #: side bending at L4/L5, stature 1.75 m (estimate: quadratus lumborum about
    #: 5 cm, the obliques about 10-13 cm lateral of the disc centre).
    lateral_muscle_moment_arm_m: float = 0.08

    # --- standing alignment (Vialle et al. 2005, JBJS 87-A:260; Lord et al. 1997,
    # Spine 22:2571) -------------------------------------------------------------------
    #: pelvic tilt of relaxed standing, deg anterior (ASIS below PSIS; Herrington 2011).
    standing_pelvic_tilt_deg: float = 12.0
    #: L1-S1 lordosis of relaxed standing, deg (Lord 1997: 49 deg; Vialle 2005: 60 deg).
    standing_lordosis_deg: float = 52.0
    #: L4/L5 disc plane from horizontal in relaxed standing, deg.
    standing_disc_inclination_deg: float = 18.0
    #: posterior pelvic rotation sitting upright without a backrest, deg
    #: (about 20-30 deg; Lord 1997; De Carvalho et al. 2010, Spine 35:E644).
    sitting_pelvic_rotation_deg: float = 25.0
    #: lumbar flexion (loss of lordosis) sitting relaxed without a backrest, deg
    #: (Lord 1997: 49 -> 34 deg; De Carvalho 2010).
    sitting_lumbar_flexion_deg: float = 18.0
    #: lordosis change per degree of pelvic tilt change in standing
    #: (Levine & Whittle 1996, J Orthop Sports Phys Ther 24:130: +11.4 deg tilt gave
    #: +10.8 deg lordosis, -8.7 deg gave -9.0 deg).
    lordosis_per_pelvic_tilt: float = 1.0

    # --- the chain's inputs ----------------------------------------------------------
    #: hip flexion contracture at tightness 1, deg (estimate: the kit's scale, a
    #: strongly positive modified Thomas test, about 20 deg short of neutral).
    hip_flexor_contracture_max_deg: float = 20.0
    #: share of a hip flexion contracture taken up by anterior pelvic tilt when the
    #: hip is extended; the rest stretches the hip flexors (estimate; Heino et al.
    #: 1990, J Orthop Sports Phys Ther 12:243 found no correlation).
    pelvic_share_of_contracture: float = 0.5
    #: psoas pull on L4/L5 per degree of hip flexor stretch, N/deg (estimate: passive
    #: hip flexor moment about 1 N·m/deg near end range, psoas share about 40 %, over
    #: a 4 cm hip moment arm), for a 70 kg body; it grows with the cross-section.
    psoas_stiffness_N_per_deg: float = 10.0
    #: psoas hip flexion moment arm, m, and its share of the hip flexor moment in a
    #: sit-up (estimates; iliacus, rectus femoris and others take the rest).
    psoas_hip_moment_arm_m: float = 0.04
    psoas_share_of_hip_flexion: float = 0.4
    #: extra lumbar share of bending at glute weakness 1 in standing (a stooped
    #: strategy; weak evidence, e.g. McGill 2007 'Low Back Disorders', Sahrmann 2002).
    lumbar_share_gain_weak_glutes: float = 0.25
    #: anterior pelvic tilt at glute weakness 1 in standing, deg (Janda's 'lower
    #: crossed' pattern: clinical opinion, contested).
    pelvic_tilt_weak_glutes_deg: float = 3.0
    #: gluteus maximus hip extension moment arm, m (about 7 cm in upright stance;
    #: Dostal WF, Soderberg GL, Andrews JG 1986, Phys Ther 66:351).
    glute_moment_arm_m: float = 0.07
    #: fraction of their share of the hip extensor moment the glutes lose at weakness 1;
    #: the hamstrings take it over (assumption for teaching; weak evidence).
    glute_share_loss_weak: float = 0.6
    #: in a bridge, the feet on the floor ahead of the hip joints as the hips leave the
    #: floor, fraction of stature (estimate: knees bent about 90°, about 46 cm at 1.75 m);
    #: planted there, so the hips move away from them as they rise.
    bridge_feet_ahead_fraction: float = 0.26

    # --- intra-abdominal pressure (Chaffin, Andersson & Martin, Occupational
    # Biomechanics, 4th ed. 2006): used only when iap_relief=True ---------------------
    #: diaphragm area the pressure acts on, m² (465 cm²).
    diaphragm_area_m2: float = 0.0465
    #: moment arm of the IAP force about L4/L5, m (11 cm).
    iap_moment_arm_m: float = 0.11
    #: ceiling on the pressure, mmHg (about the highest values measured in lifting).
    iap_max_mmHg: float = 150.0

    # --- the disc --------------------------------------------------------------------
    #: L4/L5 disc area of a 70 kg man, mm² (Wilke HJ et al. 2001, Clin Biomech 16
    #: Suppl 1:S111: 1800 mm² in their subject, who weighed 70 kg).
    disc_area_mm2: float = 1800.0
    #: disc area of a woman relative to a man of the same height and mass (Gilsanz V
    #: et al. 1994, Radiology 190:678: lumbar vertebral cross-section 8.22 vs
    #: 10.98 cm², a difference that held in pairs matched for height and weight).
    disc_area_female_ratio: float = 0.75
    #: exponent of body mass in the cross-sections of the disc and of the passive
    #: tissues (assumption: geometric similarity, an area grows as mass^(2/3);
    #: vertebral size tracks body mass more than stature).
    cross_section_mass_exponent: float = CROSS_SECTION_MASS_EXPONENT

    # --- calibrated on the four Wilke 1999 rows (see calibration.py) ----------------
    #: disc pressure with no axial load, MPa (the swelling pressure of the nucleus:
    #: Wilke 1999 lying 0.10 MPa; in vitro 0.1-0.2 MPa, Nachemson 1960).
    unloaded_pressure_MPa: float = 0.1000
    #: Nachemson's correction k in P = k·F/A (about 1.5 in vitro, Nachemson 1960;
    #: Dreischarf et al. 2013, Med Eng Phys 35:1385, show it varies between studies).
    pressure_correction: float = 1.1909
    #: baseline co-contraction in upright postures as a fraction of the weight
    #: above L4/L5 (trunk muscle tone for stability; Cholewicki et al. 1997,
    #: Spine 22:2207: co-contraction adds compression in neutral postures).
    upright_tone_fraction: float = 0.48

    # --- where a posture stops (last, so adding them left the other fields' random
    # draws as they were)
    #: trunk lean from vertical, deg, at which a person sitting on a chair rests the
    #: chest and belly on the thighs: the lean stops there (estimate from an average
    #: man's outline, as the kit draws him: belly about 0.15 m ahead of the spine line,
    #: thighs 0.13 m thick and 0.43 m long; the outline meets the thighs near 78 deg and
    #: the belly is soft).
    seated_chest_on_thighs_deg: float = 75.0
    #: how far a bridge lifts the hips, deg of the trunk from the floor: shoulders, hips
    #: and knees in a line, the exercise's usual top, where the hips reach neutral
    #: (estimate: about 28 deg for de Leva's thigh and shank lengths with the feet 0.26
    #: of stature ahead; higher, the whole body would tip over the shoulders).
    bridge_top_deg: float = 30.0
    #: hip flexion as a bridge starts, deg: lying on the back, knees bent, feet flat
    #: 0.26 of stature ahead of the hips (estimate from the same segment lengths).
    bridge_start_hip_flexion_deg: float = 55.0

    # --- sharing a moment between muscles (last, for the same reason) ------------------
    #: gluteus maximus's share of the hip extensor moment at normal strength; the
    #: hamstrings (with adductor magnus) take the rest (estimate: gluteus maximus has
    #: roughly half the physiological cross-section of itself and the hamstrings
    #: together, Ward SR et al. 2009, Clin Orthop Relat Res 467:1074; moment arms of
    #: similar size assumed).
    glute_share_of_hip_extension: float = 0.5

    # --- guarding (last, for the same reason) -------------------------------------------
    #: rise in the compression the trunk muscles put on the spine for the same moment,
    #: from co-activation, in people with low back pain against people without
    #: (Marras WS et al. 2001, Spine 26:2566: 26 % more compression). At
    #: extensor_overactivity 1 a co-contracting pair raises the compression of the
    #: muscles holding a moment by this fraction (``chain.cocontraction_pair_Nm``).
    guarding_compression_rise: float = 0.26

    def replace(self, **changes) -> Constants:
        return replace(self, **changes)


CONSTANTS = Constants()

#: Relative standard deviation of the uncertain constants (normal, clipped at ±2.5 SD).
SPREAD = {
    "upper_body_mass_fraction": 0.06,
    "arms_mass_fraction": 0.08,
    "upper_body_com_height_fraction": 0.08,
    "shoulder_height_fraction": 0.05,
    "waist_mass_fraction": 0.06,
    "ribcage_support_height_fraction": 0.10,
    "upright_com_offset_fraction": 0.4,
    "extensor_moment_arm_m": 0.10,
    "passive_lever_arm_fraction": 0.05,
    "passive_moment_full_flexion_Nm": 0.30,
    "passive_exponent": 0.20,
    "flexor_moment_arm_m": 0.10,
    "lateral_muscle_moment_arm_m": 0.20,
    "psoas_hip_moment_arm_m": 0.25,
    "psoas_share_of_hip_flexion": 0.30,
    "disc_area_mm2": 0.10,
    "full_lumbar_flexion_deg": 0.10,
    "lumbar_share_of_bending": 0.15,
    "pelvic_share_of_contracture": 0.40,
    "psoas_stiffness_N_per_deg": 0.40,
    "lordosis_per_pelvic_tilt": 0.20,
    "diaphragm_area_m2": 0.15,
    "pressure_correction": 0.10,
    "upright_tone_fraction": 0.25,
    "unloaded_pressure_MPa": 0.20,
    # Estimates and assumptions (see their comments), sampled widely:
    "hip_flexor_contracture_max_deg": 0.30,
    "lumbar_share_gain_weak_glutes": 0.30,
    "pelvic_tilt_weak_glutes_deg": 0.50,
    "glute_share_loss_weak": 0.25,
    "bridge_feet_ahead_fraction": 0.20,
    "seated_chest_on_thighs_deg": 0.10,
    "bridge_top_deg": 0.15,
    "bridge_start_hip_flexion_deg": 0.15,
    "glute_share_of_hip_extension": 0.20,
    "guarding_compression_rise": 0.30,
    "cross_section_mass_exponent": 0.15,
    # Sitting posture: the sources give ranges (20-30 deg; 15-18 deg).
    "sitting_pelvic_rotation_deg": 0.10,
    "sitting_lumbar_flexion_deg": 0.20,
}


def sample_constants(n: int, ndim: int = 0, seed: int | None = 0, base: Constants = CONSTANTS):
    """``n`` draws of the constants, each field shaped ``(n,) + (1,) * ndim``.

    The draws broadcast against inputs with ``ndim`` dimensions, so one call of
    ``evaluate`` evaluates every draw at every input.
    """
    rng = np.random.default_rng(seed)
    shape = (n,) + (1,) * ndim
    changes = {}
    for f in fields(base):
        rel = SPREAD.get(f.name)
        if rel is None:
            continue
        z = np.clip(rng.standard_normal(shape), -2.5, 2.5)
        changes[f.name] = getattr(base, f.name) * (1.0 + rel * z)
    return replace(base, **changes)
