"""The person: segment parameters by sex, disc area by body size, named presets.

Segment masses, lengths and centre-of-mass positions are de Leva's adjustments
of Zatsiorsky–Seluyanov's tables (de Leva P 1996, J Biomech 29:1223–1230,
Table 4), one table per sex. The model uses them through a few derived
fractions of body mass and stature (mass above L4/L5, its centre of mass, the
shoulders); :data:`SEGMENTS` keeps the table so the derivation can be read and
re-run, and :data:`SEX_RATIOS` carries the female/male ratio of each derived
fraction into ``evaluate``.

Where L4/L5 sits: just below the omphalion (navel), the upper end of de Leva's
lower trunk. We place the disc 15 % of the lower trunk's length below the
omphalion (an estimate from the usual navel level at L3/L4–L4/L5).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SEXES = ("male", "female")

#: L4/L5 below the omphalion, fraction of de Leva's lower trunk length (estimate).
L45_BELOW_OMPHALION_FRACTION = 0.15

#: The reference body: a constant given for "a 70 kg man of 1.75 m" is this body's.
REFERENCE_HEIGHT_M = 1.75
REFERENCE_MASS_KG = 70.0
#: Exponent of body mass in the cross-sections of the disc and of the tissues
#: (assumption: geometric similarity, an area grows as mass^(2/3); vertebral size
#: tracks body mass more than stature).
CROSS_SECTION_MASS_EXPONENT = 2.0 / 3.0


def cross_section_factor(mass_kg, exponent=CROSS_SECTION_MASS_EXPONENT):
    """A cross-section (disc, muscle, ligament) of a body of ``mass_kg`` relative to the
    reference body's: (mass / 70 kg) ** exponent, in float32 (scalars and arrays alike,
    so that one evaluation and many agree)."""
    mass = np.asarray(mass_kg, dtype=np.float32) * np.float32(1.0 / REFERENCE_MASS_KG)
    return np.power(mass, np.asarray(exponent, dtype=np.float32)).astype(np.float64)


def tissue_size_factor(mass_kg, height_m, exponent=CROSS_SECTION_MASS_EXPONENT):
    """A tissue's moment (force at a lever) relative to the reference body's: its
    cross-section times its lever, which grows with stature."""
    return cross_section_factor(mass_kg, exponent) * (height_m / REFERENCE_HEIGHT_M)


@dataclass(frozen=True)
class Segment:
    """One de Leva segment: mass (% of body mass), length (mm at the reference
    stature), centre of mass (% of the length from the cranial/proximal end)."""

    mass_pct: float
    length_mm: float
    com_pct: float


@dataclass(frozen=True)
class SegmentTable:
    """de Leva 1996 Table 4 for one sex (lengths at the table's reference stature)."""

    reference_stature_mm: float
    reference_mass_kg: float
    head: Segment  # vertex to cervicale (C7), head and neck
    upper_trunk: Segment  # suprasternale to xiphion
    middle_trunk: Segment  # xiphion to omphalion
    lower_trunk: Segment  # omphalion to the hip joint centres
    upper_arm: Segment
    forearm: Segment
    hand: Segment

    def derived(self) -> dict[str, float]:
        """The fractions the model uses, derived from the table (see module docstring).

        ``upper_body_mass_fraction``   head, neck and trunk above L4/L5, of body mass
        ``arms_mass_fraction``         both arms, of body mass
        ``upper_body_com_height_fraction``  their centre of mass above L4/L5, of stature
        ``trunk_above_mass_fraction``, ``trunk_above_com_height_fraction``  the same
            without head and neck (a bridge: the head rests on the floor)
        ``waist_mass_fraction``, ``waist_com_height_fraction``  the trunk between
            the xiphion and L4/L5 (de Leva's middle trunk and the lower trunk above
            the disc): the part that spans when lying on the side
        ``ribcage_support_height_fraction``  L4/L5 to the xiphion, of stature: lying
            on the side, the ribcage rests on the surface down to about this level
        ``shoulder_height_fraction``   L4/L5 to the shoulder joints, of stature
        ``arm_reach_fraction``         shoulder joint to the grip (hand's centre of mass)
        ``hip_to_l45_fraction``        hip joint centres to L4/L5, of stature
        ``pelvis_mass_fraction``       lower trunk below L4/L5 (pelvis), of body mass
        """
        h, u, m, low = self.head, self.upper_trunk, self.middle_trunk, self.lower_trunk
        below = L45_BELOW_OMPHALION_FRACTION * low.length_mm  # omphalion above L4/L5
        parts = [  # (mass %, centre of mass above L4/L5 in mm)
            (h.mass_pct, below + m.length_mm + u.length_mm + (1 - h.com_pct / 100) * h.length_mm),
            (u.mass_pct, below + m.length_mm + (1 - u.com_pct / 100) * u.length_mm),
            (m.mass_pct, below + (1 - m.com_pct / 100) * m.length_mm),
            (L45_BELOW_OMPHALION_FRACTION * low.mass_pct, 0.5 * below),
        ]
        mass = sum(p for p, _ in parts)
        com = sum(p * z for p, z in parts) / mass
        stature = self.reference_stature_mm
        trunk_mass = sum(p for p, _ in parts[1:])
        trunk_com = sum(p * z for p, z in parts[1:]) / trunk_mass
        waist_mass = sum(p for p, _ in parts[2:])
        waist_com = sum(p * z for p, z in parts[2:]) / waist_mass
        return {
            "upper_body_mass_fraction": mass / 100,
            "trunk_above_mass_fraction": trunk_mass / 100,
            "trunk_above_com_height_fraction": trunk_com / stature,
            "waist_mass_fraction": waist_mass / 100,
            "waist_com_height_fraction": waist_com / stature,
            "ribcage_support_height_fraction": (below + m.length_mm) / stature,
            "arms_mass_fraction": 2
            * (self.upper_arm.mass_pct + self.forearm.mass_pct + self.hand.mass_pct)
            / 100,
            "upper_body_com_height_fraction": com / stature,
            "shoulder_height_fraction": (below + m.length_mm + u.length_mm) / stature,
            "arm_reach_fraction": (
                self.upper_arm.length_mm
                + self.forearm.length_mm
                + self.hand.com_pct / 100 * self.hand.length_mm
            )
            / stature,
            "hip_to_l45_fraction": (low.length_mm - below) / stature,
            "pelvis_mass_fraction": (1 - L45_BELOW_OMPHALION_FRACTION) * low.mass_pct / 100,
        }


#: de Leva 1996, Table 4 (adjusted Zatsiorsky–Seluyanov parameters).
SEGMENTS: dict[str, SegmentTable] = {
    "male": SegmentTable(
        reference_stature_mm=1741.0,
        reference_mass_kg=73.0,
        head=Segment(6.94, 242.9, 50.02),
        upper_trunk=Segment(15.96, 170.7, 29.99),
        middle_trunk=Segment(16.33, 215.5, 45.02),
        lower_trunk=Segment(11.17, 145.7, 61.15),
        upper_arm=Segment(2.71, 281.7, 57.72),
        forearm=Segment(1.62, 268.9, 45.74),
        hand=Segment(0.61, 86.2, 79.00),
    ),
    "female": SegmentTable(
        reference_stature_mm=1735.0,
        reference_mass_kg=61.9,
        head=Segment(6.68, 243.7, 48.41),
        upper_trunk=Segment(15.45, 142.5, 20.77),
        middle_trunk=Segment(14.65, 205.3, 45.12),
        lower_trunk=Segment(12.47, 181.5, 49.20),
        upper_arm=Segment(2.55, 275.1, 57.54),
        forearm=Segment(1.38, 264.3, 45.59),
        hand=Segment(0.56, 78.0, 74.74),
    ),
}

DERIVED = {sex: table.derived() for sex, table in SEGMENTS.items()}
#: female ÷ male for each derived fraction: ``evaluate`` multiplies the male
#: constant by it, so an uncertainty draw of a constant moves both sexes alike.
SEX_RATIOS: dict[str, dict[str, float]] = {
    sex: {k: DERIVED[sex][k] / DERIVED["male"][k] for k in DERIVED["male"]} for sex in SEXES
}


@dataclass(frozen=True)
class Person:
    """A named body for the explorer and the notebooks: inputs of ``evaluate``."""

    key: str
    label: str
    sex: str
    height_m: float
    body_mass_kg: float
    source: str

    def inputs(self) -> dict:
        return {"sex": self.sex, "height_m": self.height_m, "body_mass_kg": self.body_mass_kg}


_BODYSPACE = (
    "stature: Pheasant S, Haslegrave CM 2006, Bodyspace, 3rd ed., Table 10.1 "
    "(British adults aged 19-65); body mass: an estimate of the same percentile "
    "(rounded; not read from that table)"
)

#: Named bodies a lecturer expects. Stature is the named percentile (cited);
#: body mass is our estimate of the same percentile, labelled as such. A real
#: person is rarely at the same percentile for both.
PEOPLE: dict[str, Person] = {
    p.key: p
    for p in (
        Person("woman_p5", "5th-percentile woman", "female", 1.505, 44.0, _BODYSPACE),
        Person("woman_p50", "50th-percentile woman", "female", 1.610, 63.0, _BODYSPACE),
        Person("man_p50", "50th-percentile man", "male", 1.740, 75.0, _BODYSPACE),
        Person("man_p95", "95th-percentile man", "male", 1.855, 98.0, _BODYSPACE),
    )
}
