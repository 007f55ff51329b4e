"""Physical constants of the kinetic chain model, each with its source.

``CONSTANTS`` holds the central values; ``SPREAD`` the relative standard
deviation each uncertain constant is sampled with in ``uncertainty_band``.
Only three constants are *calibrated* (fitted to the four Wilke 1999 rows in
``workshop/data/disc_pressure_calibration.csv``): the disc's unloaded pressure,
the pressure-per-force constant and the upright muscle tone. Everything else is
taken from the cited literature and left alone. There is no constant per
activity.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

import numpy as np

G = 9.81  # m/s², standard gravity


@dataclass(frozen=True)
class Constants:
    """Model constants. Floats by default; arrays when sampled for a band."""

    # --- anthropometry (de Leva 1996, J Biomech 29:1223, adjusted Zatsiorsky-Seluyanov,
    # males; reference stature 1.741 m) ----------------------------------------------
    #: mass above L4/L5 without the arms: head+neck 6.94 %, upper trunk 15.96 %,
    #: middle trunk 16.33 %, and the ~15 % of the lower trunk (11.17 %) that lies
    #: above the L4/L5 disc, which sits just below the omphalion.
    upper_body_mass_fraction: float = 0.409
    #: both arms: 2 x (upper arm 2.71 % + forearm 1.62 % + hand 0.61 %).
    arms_mass_fraction: float = 0.0988
    #: distance along the trunk from L4/L5 to the centre of mass of head, neck and
    #: trunk above it, as a fraction of stature (0.295 m for 1.741 m; de Leva's
    #: segment lengths and centre-of-mass positions).
    upper_body_com_height_fraction: float = 0.170
    #: L4/L5 to the shoulder joints along the trunk, fraction of stature (0.42 m).
    shoulder_height_fraction: float = 0.241
    #: centre of mass of an arm as a fraction of shoulder-to-hand distance
    #: (de Leva segment masses and centre-of-mass positions, arm straight).
    arm_com_fraction: float = 0.43
    #: anterior offset of the upper body's centre of mass from L4/L5 in upright
    #: posture, fraction of stature (about 2 cm; Duval-Beaupere & Legaye 2004,
    #: Eur Spine J 13:98, gravity line of the mass above each vertebra).
    upright_com_offset_fraction: float = 0.011

    # --- muscles and passive tissues ------------------------------------------------
    #: erector spinae moment arm at L4/L5, upright, for stature 1.75 m
    #: (Bogduk, Macintosh & Pearcy 1992, Spine 17:897; McGill & Norman 1987).
    extensor_moment_arm_m: float = 0.060
    #: fractional loss of extensor moment arm at full lumbar flexion
    #: (Macintosh, Bogduk & Pearcy 1993, Spine 18:884: at most 18 % of the extensor
    #: moment lost in full flexion; McGill, Hughson & Parks 2000, Clin Biomech 15:777).
    extensor_arm_loss_full_flexion: float = 0.15
    #: erector spinae line of action relative to the disc normal, upright lordotic
    #: posture, deg: the pars lumborum fibres pull the vertebra posteriorly and so
    #: resist anterior shear (McGill, Hughson & Parks 2000).
    extensor_shear_angle_upright_deg: float = 12.0
    #: rectus abdominis moment arm at L4/L5 for extension moments (about 8 cm;
    #: McGill, Patt & Norman 1988, J Biomech 21:329).
    flexor_moment_arm_m: float = 0.080
    #: posterior ligaments and thoracolumbar fascia: effective moment arm (m).
    ligament_moment_arm_m: float = 0.065
    #: share of the passive flexion resistance borne by the disc itself, which bends
    #: rather than compresses (Adams, Hutton & Stott 1980, Spine 5:245: disc 29 %,
    #: capsular ligaments 39 %, supra/interspinous 19 %, ligamentum flavum 13 %).
    disc_share_of_passive_moment: float = 0.29
    #: passive lumbar moment beyond the flexion-relaxation onset, N·m per deg²
    #: (about 55 N·m at full flexion; Adams & Dolan 1991, J Biomech 24:117).
    passive_stiffness_Nm_per_deg2: float = 0.55
    #: lumbar flexion at which passive tissues start to carry the moment, as a
    #: fraction of full lumbar flexion (flexion-relaxation near 80 % of full
    #: flexion; McGill & Kippers 1994, Spine 19:2190; Schinkel-Ivy et al. 2014,
    #: J Manipulative Physiol Ther 37:494).
    flexion_relaxation_onset_fraction: float = 0.80
    #: the same in sitting, where the erectors fall silent much earlier (about 52 % of
    #: full flexion in slumped sitting; Schinkel-Ivy, Nairn & Drake 2014).
    flexion_relaxation_onset_fraction_sitting: float = 0.52
    #: lumbar flexion available from upright standing lordosis to full flexion, deg
    #: (Adams & Dolan 1991; Pearcy 1985 radiographic L1-S1 range about 52 deg).
    full_lumbar_flexion_deg: float = 55.0
    #: share of trunk flexion taken by the lumbar spine, normal strength
    #: (lumbo-pelvic rhythm in early bending; Esola et al. 1996, Spine 21:71).
    lumbar_share_of_bending: float = 0.55
    #: share of lumbar flexion below the mid-plane of the L4/L5 disc (L5/S1 plus
    #: half of L4/L5): it tilts the disc plane (Pearcy 1985 segmental ranges).
    disc_tilt_share_of_lumbar_flexion: float = 0.35

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

    # --- the two mission inputs ------------------------------------------------------
    #: hip flexion contracture at tightness 1, deg (a strongly positive Thomas test;
    #: Harvey 1998, Br J Sports Med 32:68: 'tight' hip flexors ~ 10-20 deg).
    hip_flexor_contracture_max_deg: float = 20.0
    #: share of a hip flexion contracture taken up by anterior pelvic tilt when the
    #: hip is extended; the rest stretches the hip flexors (weak evidence:
    #: Heino et al. 1990, J Orthop Sports Phys Ther 12:243 found no correlation).
    pelvic_share_of_contracture: float = 0.5
    #: psoas pull on L4/L5 per degree of hip flexor stretch, N/deg (passive hip
    #: flexor moment ~1 N·m/deg near end range over a ~4 cm hip moment arm, psoas
    #: share ~40 %; Santaguida & McGill 1995, J Biomech 28:339 for the geometry).
    psoas_stiffness_N_per_deg: float = 10.0
    #: extra lumbar share of bending at glute weakness 1 (a stooped strategy;
    #: weak evidence, e.g. McGill 2007 'Low Back Disorders', Sahrmann 2002).
    lumbar_share_gain_weak_glutes: float = 0.25
    #: anterior pelvic tilt at glute weakness 1 in standing, deg (Janda's 'lower
    #: crossed' pattern: clinical opinion, contested).
    pelvic_tilt_weak_glutes_deg: float = 3.0

    #: L4/L5 above the hip joint centres, fraction of stature (about 16 cm; de Leva's
    #: lower trunk length 14.6 cm from omphalion to the hip joint centres).
    hip_to_l45_fraction: float = 0.091
    #: mass between L4/L5 and the hips (85 % of de Leva's lower trunk, 11.17 %).
    pelvis_mass_fraction: float = 0.095
    #: gluteus maximus hip extension moment arm, m (about 7 cm in upright stance;
    #: Dostal WF, Soderberg GL, Andrews JG 1986, Phys Ther 66:351).
    glute_moment_arm_m: float = 0.07
    #: share of the hip extensor moment the glutes lose at weakness 1; the hamstrings
    #: take it over (assumption for teaching; weak evidence).
    glute_share_loss_weak: float = 0.6

    # --- intra-abdominal pressure (Chaffin, Andersson & Martin, Occupational
    # Biomechanics, 4th ed. 2006; contested: Daggfeldt & Thorstensson 2003) ---------
    #: diaphragm area the pressure acts on, m² (465 cm²).
    diaphragm_area_m2: float = 0.0465
    #: moment arm of the IAP force about L4/L5, m (11 cm).
    iap_moment_arm_m: float = 0.11
    #: ceiling on the pressure, mmHg (about the highest values measured in lifting).
    iap_max_mmHg: float = 150.0

    # --- calibrated on the four Wilke 1999 rows (see calibration.py) ----------------
    #: disc pressure with no axial load, MPa (the swelling pressure of the nucleus:
    #: Wilke 1999 lying 0.10 MPa; in vitro 0.1-0.2 MPa, Nachemson 1960).
    unloaded_pressure_MPa: float = 0.1000
    #: pressure per newton of compression, MPa/N: P = k·F/A with Nachemson's
    #: correction k ~ 1.5 and an L4/L5 disc area A ~ 1800 mm² gives 8.3e-4; the fit
    #: gives 6.4e-4, i.e. k ~ 1.15 for 1800 mm² (Dreischarf et al. 2013, Med Eng Phys
    #: 35:1385, show the factor varies between studies).
    pressure_per_force_MPa_per_N: float = 6.389e-4
    #: baseline co-contraction in upright postures as a fraction of the weight
    #: above L4/L5 (trunk muscle tone for stability; Cholewicki et al. 1997,
    #: Spine 22:2207: co-contraction adds compression in neutral postures).
    upright_tone_fraction: float = 0.54

    def replace(self, **changes) -> Constants:
        return replace(self, **changes)


CONSTANTS = Constants()

#: Relative standard deviation of the uncertain constants (normal, clipped at ±2.5 SD).
SPREAD = {
    "upper_body_mass_fraction": 0.06,
    "arms_mass_fraction": 0.08,
    "upper_body_com_height_fraction": 0.08,
    "shoulder_height_fraction": 0.05,
    "upright_com_offset_fraction": 0.4,
    "extensor_moment_arm_m": 0.10,
    "ligament_moment_arm_m": 0.10,
    "passive_stiffness_Nm_per_deg2": 0.30,
    "full_lumbar_flexion_deg": 0.10,
    "lumbar_share_of_bending": 0.15,
    "pelvic_share_of_contracture": 0.40,
    "psoas_stiffness_N_per_deg": 0.40,
    "lordosis_per_pelvic_tilt": 0.20,
    "diaphragm_area_m2": 0.15,
    "pressure_per_force_MPa_per_N": 0.10,
    "upright_tone_fraction": 0.25,
    "unloaded_pressure_MPa": 0.20,
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
