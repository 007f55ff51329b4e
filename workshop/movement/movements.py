"""Slow movements synchronised with the breath: numbers only (breath + model).

Each movement maps the breath to a movement: lungs empty (end of exhale) is one
end of the movement, lungs full (end of inhale) the other, and positions in
between follow the lung volume. ``load_trace`` evaluates the kinetic chain model
along a breathing session, so the lumbar load can be drawn under the moving
figure.

Floor movements use the model's floor positions: lying on the back with the
spine curled (``trunk_flexion_deg``: the abdominals hold the curl against the
stretched tissues) and hands and knees (the trunk a beam between the arms and
the thighs, sagging towards the floor; the 'cat' curls it). Read their traces
for shape and size, not for exact numbers.

Each floor movement has a seated alternative (``SEATED_ALTERNATIVES``, marked
``seated_alternative_of``): the same breath on a chair, model position
"sitting", with its own cues, cautions and load trace.
Every movement carries its cautions. This kit teaches; it does not prescribe.

Sources for the cautions: Sinaki M, Mikkelsen BA 1984, Arch Phys Med Rehabil
65:593 (flexion exercises and vertebral fractures in osteoporosis); MSD Manual
Professional Version, Lumbar spinal stenosis (2024); NICE NG59 (2016, updated
2020) and Finucane LM et al. 2020, J Orthop Sports Phys Ther 50:350 (red flags).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..breath import Session, lung_volume
from ..model import CONSTANTS, evaluate

FLOOR_POSITIONS = ("lying", "prone", "side_lying", "hands_knees", "bridge")

STOP_RULE = (
    "Stop if you feel sharp, shooting or worsening pain, pins and needles, numbness "
    "or dizziness; rest in a comfortable position and seek advice before trying again."
)


@dataclass(frozen=True)
class Movement:
    """A movement whose two ends follow the breath.

    ``empty`` and ``full`` are ``workshop.model.evaluate`` inputs at the end of
    the exhale and at the end of the inhale; numbers in between are interpolated
    with the lung volume (0 empty … 1 full).
    """

    key: str
    name: str
    inhale_cue: str
    exhale_cue: str
    caution: str
    model_note: str
    empty: dict = field(default_factory=dict)
    full: dict = field(default_factory=dict)
    #: For a seated alternative: the key of the floor movement it stands in for.
    seated_alternative_of: str | None = None

    @property
    def position(self) -> str:
        """The model position the movement is done in (``empty``'s)."""
        return self.empty["position"]

    @property
    def cue(self) -> str:
        """Both halves of the movement in one instruction."""
        return f"{self.exhale_cue} {self.inhale_cue}"

    @property
    def floor(self) -> bool:
        """True for movements done lying or kneeling on the floor."""
        return self.empty.get("position") in FLOOR_POSITIONS

    def inputs(self, volume) -> dict:
        """Model inputs at lung volume ``volume`` (0…1, number or array)."""
        v = np.clip(np.asarray(volume, dtype=float), 0.0, 1.0)
        out = {}
        for k in set(self.empty) | set(self.full):
            a, b = self.empty.get(k, self.full.get(k)), self.full.get(k, self.empty.get(k))
            out[k] = a if isinstance(a, str) else a + v * (b - a)
        return out

    def to_dict(self) -> dict:
        return {
            "key": self.key,
            "name": self.name,
            "inhale_cue": self.inhale_cue,
            "exhale_cue": self.exhale_cue,
            "caution": self.caution,
            "model_note": self.model_note,
            "position": self.position,
            "seated_alternative_of": self.seated_alternative_of,
        }


MOVEMENTS: dict[str, Movement] = {
    m.key: m
    for m in (
        Movement(
            "pelvic_tilt",
            "Pelvic tilts (lying, knees bent)",
            "Breathe in: let the low back rest in its natural small arch.",
            "Breathe out: gently flatten the low back towards the floor, tilting the pelvis back.",
            "Small and pain-free only. Skip or ask a clinician first after recent spinal "
            "surgery or fracture. " + STOP_RULE,
            "Lying on the back; the tilt is a small curl of the lumbar spine (10°) that "
            "the abdominals hold against the stretched back tissues.",
            empty={"position": "lying", "trunk_flexion_deg": 10.0},
            full={"position": "lying", "trunk_flexion_deg": 0.0},
        ),
        Movement(
            "cat_cow",
            "Cat–cow (hands and knees)",
            "Breathe in: let the belly soften down and lift the gaze (cow).",
            "Breathe out: round the back up towards the ceiling, chin in (cat).",
            "Move within an easy range; kneeling may need a cushion. The 'cow' bends the "
            "lower back backwards: with leg symptoms on walking that ease on sitting (a "
            "pattern typical of spinal stenosis, MSD Manual 2024) keep it very small or "
            "leave it out until a clinician has advised you. " + STOP_RULE,
            "Hands and knees: the trunk spans between the arms and the thighs and sags "
            "towards the floor; the abdominals hold it, and in 'cat' (a 25° lumbar curl) "
            "also the stretched back tissues. The model has no backward bending, so "
            "'cow' is drawn as the neutral spine.",
            empty={"position": "hands_knees", "trunk_flexion_deg": 25.0},
            full={"position": "hands_knees", "trunk_flexion_deg": 0.0},
        ),
        Movement(
            "bridge",
            "Bridge (lying, knees bent)",
            "Breathe in at the top, or while lowering slowly.",
            "Breathe out: press through the feet and lift the hips until knees, hips "
            "and shoulders line up.",
            "Lift only as high as stays comfortable; do not arch the lower back at the top. "
            "After recent back, abdominal or hip surgery, follow your surgical team's advice "
            "first; in late pregnancy skip it if lying on the back is uncomfortable. " + STOP_RULE,
            "Bridge: the trunk rests on the shoulders and, through the hips and legs, on "
            "the feet; the hip extensors (the glutes about half, the hamstrings the rest) hold "
            "the pelvis up and the back "
            "extensors hold the trunk straight. The trace is highest as the hips leave the "
            f"floor (hips lifted 0–{CONSTANTS.bridge_top_deg:.0f}° in the model, to its top of "
            "a bridge; drawn in proportion): at the bottom the hips are just leaving it, already "
            "carried by the feet and shoulders; resting on the floor they would load the "
            "spine as lying does. The glutes do not cross the lower back, so their work is "
            "not in the trace.",
            empty={"position": "bridge", "trunk_flexion_deg": CONSTANTS.bridge_top_deg},
            full={"position": "bridge", "trunk_flexion_deg": 0.0},
        ),
        Movement(
            "knee_to_chest",
            "Knee to chest (lying)",
            "Breathe in: let the knee move away a little.",
            "Breathe out: draw one knee gently towards the chest with your hands.",
            "Gentle pull only. Skip after recent hip replacement (ask your surgeon). It "
            "rounds the lower back: with osteoporosis ask a clinician first (in one small "
            "study flexion exercises were followed by more vertebral fractures than "
            "extension exercises; Sinaki & Mikkelsen 1984). " + STOP_RULE,
            "Lying on the back; drawing the knee in flexes the hip and curls the low back "
            "(15°). The model lets the abdominals hold the curl; with the hands pulling, "
            "they do less.",
            empty={"position": "lying", "trunk_flexion_deg": 15.0},
            full={"position": "lying", "trunk_flexion_deg": 0.0},
        ),
        Movement(
            "roll_down",
            "Standing roll-down (for contrast)",
            "Breathe in: from standing tall, let the head and trunk roll forward, knees "
            "soft, to about 45°.",
            "Breathe out: roll back up to standing, vertebra by vertebra.",
            "Not for people with osteoporosis, a recent disc problem or who feel dizzy "
            "bending down; keep the knees soft. " + STOP_RULE,
            "Standing; the trunk bends 0–45°. It shows how much more load bending "
            "upright puts on the spine than the floor movements. A session starts with "
            "empty lungs, so the roll-down starts upright and rolls down on the first "
            "breath in.",
            empty={"position": "standing", "trunk_flexion_deg": 0.0},
            full={"position": "standing", "trunk_flexion_deg": 45.0},
        ),
    )
}

SEATED_NOTE = (
    "Sit towards the front of a stable chair without wheels, feet flat and hip-width apart. "
)

#: Seated versions of the floor movements, for anyone who cannot get down to (or up
#: from) the floor: same breath, on a chair (model position "sitting").
SEATED: tuple[Movement, ...] = (
    Movement(
        "seated_pelvic_tilt",
        "Seated pelvic tilts (on a chair)",
        "Breathe in: roll the pelvis forward a little and sit tall, the low back in its "
        "natural small arch.",
        "Breathe out: roll the pelvis back so the low back rounds a little, as if sinking "
        "into the chair.",
        SEATED_NOTE + "Small and pain-free only. Skip or ask a clinician first after recent "
        "spinal surgery or fracture. " + STOP_RULE,
        "Sitting without a backrest. The model has no seated slump (the pelvis rolling "
        "back): rounding is computed and drawn as a 10° forward lean of the trunk, which "
        "flattens the lumbar curve but tips the pelvis forward, and raises the modelled "
        "disc pressure over sitting tall (the trace shows by how much).",
        empty={"position": "sitting", "trunk_flexion_deg": 10.0},
        full={"position": "sitting", "trunk_flexion_deg": 0.0},
        seated_alternative_of="pelvic_tilt",
    ),
    Movement(
        "seated_cat_cow",
        "Seated cat–cow (on a chair)",
        "Breathe in: lift the chest and the gaze, hands resting on the thighs (cow).",
        "Breathe out: round the back, chin in, belly drawn gently in (cat).",
        SEATED_NOTE + "Move within an easy range. The 'cow' bends the lower back "
        "backwards: with leg symptoms on walking that ease on sitting (a pattern typical "
        "of spinal stenosis, MSD Manual 2024) keep it very small. With osteoporosis keep "
        "the 'cat' small and ask a clinician first (Sinaki & Mikkelsen 1984). " + STOP_RULE,
        "Sitting; the 'cat' is computed and drawn as a 20° forward lean of the trunk (the "
        "model has no seated slump). The model has no backward bending, so 'cow' is "
        "drawn as sitting tall.",
        empty={"position": "sitting", "trunk_flexion_deg": 20.0},
        full={"position": "sitting", "trunk_flexion_deg": 0.0},
        seated_alternative_of="cat_cow",
    ),
    Movement(
        "seated_sit_tall",
        "Seated sit-tall with a glute squeeze (bridge alternative, on a chair)",
        "Breathe in: let the squeeze go and rest, still upright, shoulders soft.",
        "Breathe out: press the feet into the floor, squeeze the buttocks and grow tall "
        "through the crown of the head.",
        SEATED_NOTE + "Press and squeeze only as much as stays comfortable; do not hold "
        "the breath. After recent back, abdominal or hip surgery follow your surgical "
        "team's advice first. " + STOP_RULE,
        "Sitting; resting is computed and drawn as an 8° forward lean of the trunk (the "
        "model has no seated slump) and the squeeze as sitting tall. The glutes' own work "
        "is not in the trace.",
        empty={"position": "sitting", "trunk_flexion_deg": 0.0},
        full={"position": "sitting", "trunk_flexion_deg": 8.0},
        seated_alternative_of="bridge",
    ),
    Movement(
        "seated_knee_lift",
        "Seated knee hug (knee to chest alternative, on a chair)",
        "Breathe in: lower the foot back to the floor and sit tall.",
        "Breathe out: lift one knee and draw it gently towards the chest with your hands.",
        SEATED_NOTE + "Gentle pull only; hold the chair with one hand if balance is "
        "uncertain. Skip after recent hip replacement (ask your surgeon). It rounds the "
        "lower back: with osteoporosis ask a clinician first (Sinaki & Mikkelsen 1984). "
        + STOP_RULE,
        "Sitting; hugging the knee rounds the low back, computed and drawn as a 12° "
        "forward lean of the trunk (the model has no seated slump). The lifted leg's "
        "weight is not in the model.",
        empty={"position": "sitting", "trunk_flexion_deg": 12.0},
        full={"position": "sitting", "trunk_flexion_deg": 0.0},
        seated_alternative_of="knee_to_chest",
    ),
)
MOVEMENTS.update({m.key: m for m in SEATED})


def load_trace(movement: Movement | str, session: Session, points_per_s: float = 10.0):
    """Time (s), lung volume and the model's L4/L5 response along ``session``.

    Returns ``(t_s, volume, result)`` with ``result`` a ``ModelResult`` over
    ``t_s`` (one vectorised model call). Lying flat the floor carries the trunk
    and the pressure rests near the unloaded disc's; a curl or the sagging
    trunk on hands and knees loads it through the tissues and abdominals.
    """
    m = MOVEMENTS[movement] if isinstance(movement, str) else movement
    if not (0.5 <= points_per_s <= 100):
        raise ValueError(f"points_per_s must lie in [0.5, 100]; got {points_per_s!r}")
    t = np.linspace(0.0, session.total_s, int(session.total_s * points_per_s) + 1)
    volume = lung_volume(session, t)
    result = evaluate(**m.inputs(volume))
    return t, volume, result


#: The floor movements (the ones a practice plan can hold).
FLOOR_MOVEMENTS: dict[str, Movement] = {k: m for k, m in MOVEMENTS.items() if m.floor}
#: The seated alternatives by the key of the floor movement each stands in for.
SEATED_ALTERNATIVES: dict[str, Movement] = {m.seated_alternative_of: m for m in SEATED}
