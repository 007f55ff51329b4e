"""Reference limits and published anchors, one definition each, with their sources.

Every label, gauge, exercise and figure that names one of these numbers builds
its text from the constant here, so a correction is made once.
"""

from __future__ import annotations

#: L5/S1 compression limit (N): the biomechanical criterion of the revised NIOSH
#: lifting equation, Waters TR et al. 1993, Ergonomics 36:749 (the 1981 guide's
#: "action limit"). Set for L5/S1; the model computes L4/L5, one level up.
NIOSH_ACTION_LIMIT_N = 3400.0

#: The revised NIOSH lifting equation's load constant (kg) and the horizontal distance
#: of the hands (cm, from the midpoint between the ankles) at which it applies in full;
#: farther out the recommended load falls as 25 / distance (Waters et al. 1993).
NIOSH_LOAD_CONSTANT_KG = 23.0
NIOSH_HORIZONTAL_FULL_CM = 25.0

#: L5/S1 compression maximum permissible limit (N) of the 1981 NIOSH guide: NIOSH 1981,
#: Work Practices Guide for Manual Lifting, DHHS (NIOSH) Publication No. 81-122; its
#: criteria are summarised in Waters TR et al. 1993, Ergonomics 36:749.
NIOSH_MAX_PERMISSIBLE_N = 6400.0

#: Anterior-posterior shear limit for occasional loading (N): Gallagher S,
#: Marras WS 2012, Clin Biomech 27:973.
SHEAR_LIMIT_N = 1000.0

#: Disc pressure, relaxed standing (MPa): Wilke HJ et al. 1999, Spine 24:755
#: (L4/L5, one 70 kg man). The 100 % of every "percent of standing" in the kit.
WILKE_STANDING_PRESSURE_MPa = 0.50

#: Length of the simulated studies in notebook 06 (weeks), as in Saper RB et al.
#: 2017, Ann Intern Med 167:85 (12-week primary end point).
TRIAL_LENGTH_WEEKS = 12


def niosh_label() -> str:
    """'NIOSH 3400 N': the gauge and figure label of the action limit."""
    return f"NIOSH {NIOSH_ACTION_LIMIT_N:.0f} N"


def shear_label() -> str:
    """'limit 1000 N': the gauge label of the shear limit."""
    return f"limit {SHEAR_LIMIT_N:.0f} N"
