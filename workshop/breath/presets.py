"""Named breathing practices, each with one line on its evidence and a caution.

The evidence lines are honest and short: which practice is best supported,
which is tradition with little testing. ``cues`` renames a phase for a pacer
where the plain name would mislead (the cyclic sigh's top-up inhale).
"""

from __future__ import annotations

from dataclasses import dataclass

from .patterns import PHASES, Pattern


@dataclass(frozen=True)
class Preset:
    """A named pattern with its evidence (one line) and its caution (one line).

    ``cues`` holds ``(phase, label)`` pairs a pacer shows instead of the plain
    phase name; ``cue(phase)`` looks one up.
    """

    name: str
    pattern: Pattern
    evidence: str
    caution: str
    cues: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.pattern, Pattern):
            raise TypeError(f"pattern must be a Pattern; got {type(self.pattern).__name__}")
        for phase, _ in self.cues:
            if phase not in PHASES:
                raise ValueError(f"cues must name phases among {PHASES}; got {phase!r}")

    def cue(self, phase: str) -> str:
        """What a pacer says for ``phase``: its cue if it has one, else the phase name."""
        return dict(self.cues).get(phase, phase)


PRESETS: dict[str, Preset] = {
    "resonance": Preset(
        name="Resonance (coherent) breathing, 6 per minute",
        pattern=Pattern(4.0, 0.0, 6.0, 0.0),
        evidence=(
            "Best supported of these: slow breathing near 6/min enlarges heart-rate "
            "oscillations and is linked to calmer mood in many small trials "
            "(Lehrer & Gevirtz 2014, Front Psychol 5:756; Zaccaro et al. 2018, "
            "Front Hum Neurosci 12:353)."
        ),
        caution=(
            "Breathe gently, not deeper: if light-headed, take smaller breaths; "
            "the best rate differs between people (Lehrer et al. 2000 look for it "
            "between 4.5 and 6.5 per minute)."
        ),
    ),
    "box": Preset(
        name="Box breathing 4-4-4-4",
        pattern=Pattern(4.0, 4.0, 4.0, 4.0),
        evidence=(
            "One arm of a month-long randomised trial: 5 min a day improved mood, "
            "less than cyclic sighing did (Balban et al. 2023, Cell Rep Med "
            "4:100895); otherwise mostly practice tradition."
        ),
        caution="Shorten the holds if they bring air hunger or strain.",
    ),
    "4-7-8": Preset(
        name="4-7-8 breathing",
        pattern=Pattern(4.0, 7.0, 8.0, 0.0),
        evidence=(
            "Popular (A. Weil) but thinly tested: a few small trials, e.g. Vierra "
            "et al. 2022, Physiol Rep 10:e15389 (heart-rate variability in 43 young "
            "adults)."
        ),
        caution=(
            "Few cycles at first (about four): the long hold can cause "
            "light-headedness; stop and breathe normally if dizzy."
        ),
    ),
    "cyclic_sigh": Preset(
        name="Cyclic physiological sigh",
        pattern=Pattern(3.0, 1.0, 6.0, 0.0),
        evidence=(
            "Best mood gain and largest fall in resting breathing rate of four 5-min "
            "daily practices in a randomised trial of healthy adults (Balban et al. "
            "2023, Cell Rep Med 4:100895); one trial, self-paced."
        ),
        caution=(
            "A double inhale through the nose then a long slow exhale; the short "
            "'hold_in' stands for the second, top-up sip of air, not a hold. "
            "Keep it gentle; 5 minutes is what was tested."
        ),
        cues=(("hold_in", "top-up inhale"),),
    ),
    "extended_exhale": Preset(
        name="Extended exhale 1:2",
        pattern=Pattern(4.0, 0.0, 8.0, 0.0),
        evidence=(
            "Mixed: at 6/min a longer exhale felt more relaxing and raised vagal "
            "heart-rate variability in 30 adults (Van Diest et al. 2014, Appl "
            "Psychophysiol Biofeedback 39:171), while an even 5:5 split beat 4:6 in "
            "47 students (Lin et al. 2014, Int J Psychophysiol 91:206)."
        ),
        caution="Let the exhale be slow, not forced; never squeeze the lungs empty.",
    ),
}
