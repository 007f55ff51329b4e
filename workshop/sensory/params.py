"""Parameters of the position-sense model, each with its source or marked as an assumption.

Angles in degrees of lumbar (trunk) flexion, speeds in degrees per second.

What studies of lumbar repositioning report (active repositioning: move to a
target, come back, reproduce it without looking):

* Brumagne S, Cordo P, Lysens R, Verschueren S, Swinnen S. The role of
  paraspinal muscle spindles in lumbosacral position sense in individuals with
  and without low back pain. Spine 2000;25(8):989-94. 23 young people with low
  back pain vs 21 controls, sitting: the absolute error was **2.7 deg larger**
  in the low back pain group (P < 0.0001). Note: 2.7 deg is the *difference*
  between the groups, not the patients' error. Neither group's absolute error
  changed between the first and the last trial: repetition without feedback
  did not teach.
* Tong MH, Mousavi SJ, Kiers H, Ferreira P, Refshauge K, van Dieën J. Is there
  a relationship between lumbar proprioception and low back pain? A systematic
  review with meta-analysis. Arch Phys Med Rehabil 2017;98:120-36. Active
  repositioning in sitting was worse in patients (SMD 0.97, 95% CI 0.31 to
  1.64); in standing the difference was uncertain (SMD 0.41, -0.07 to 0.89).
* Lee AS, Cholewicki J, Reeves NP, Zazulak BT, Mysliwiec LW. Comparison of
  trunk proprioception between patients with low back pain and healthy
  controls. Arch Phys Med Rehabil 2010;91:1327-31. Active repositioning error
  1.9 +/- 1.2 deg (passive 2.3 +/- 1.4), with no difference between groups.
* Descarreaux M, Blouin JS, Teasdale N. Repositioning accuracy and movement
  parameters in low back pain subjects and healthy control subjects. Eur Spine
  J 2005;14:185-91. After a learning phase **with visual feedback**, people
  with chronic low back pain reproduced trunk positions as accurately as
  controls.

Why speed matters in the model (an assumption built on motor-control theory,
not a measured lumbar result): the noise in neural signals grows with the
size of the signal (Harris CM, Wolpert DM. Signal-dependent noise determines
motor planning. Nature 1998;394:780-4), and the terminal variability of
movements made without vision can be explained by signal-dependent
proprioceptive noise (Guigon E, Baraduc P, Desmurget M. Computational motor
control: feedback and accuracy. Eur J Neurosci 2008;27:1003-16). Here the SD of
the sensed angle grows linearly with movement speed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..checks import Range, check_fields

#: Allowed ranges of the parameters (both ends closed).
PARAM_RANGES = {
    "initial_bias_deg": Range(-15.0, 15.0, "deg"),
    "initial_bias_sd_deg": Range(0.0, 10.0, "deg"),
    "noise_floor_deg": Range(0.0, 10.0, "deg"),
    "noise_per_speed": Range(0.0, 0.5, "deg per deg/s"),
    "feedback_sd_deg": Range(0.0, 10.0, "deg"),
    "prior_sd_deg": Range(0.01, 15.0, "deg"),
    "drift_sd_deg": Range(0.0, 5.0, "deg"),
}


@dataclass(frozen=True)
class SenseParams:
    """Position-sense model parameters (degrees of lumbar flexion).

    The defaults describe a group with chronic low back pain before practice.
    They are approximate: chosen so that errors start near the upper range
    reported in the studies above (about 3 deg absolute error at slow speed)
    and can fall towards the 1-2 deg of control groups with practice (Lee et al. 2010
    measured 1.9 deg in patients and controls alike; Brumagne et al. 2000 found painful
    backs 2.7 deg less accurate than controls).
    """

    #: mean bias of the internal estimate: how much larger the sensed angle
    #: reads than the true one (positive = the person stops short of the
    #: target, a negative constant error). Approximate: sized so the
    #: slow-movement absolute error falls by about 2-2.5 deg with learning,
    #: near Brumagne et al.'s 2.7 deg group difference.
    initial_bias_deg: float = 3.0
    #: between-person SD of that bias (approximate).
    initial_bias_sd_deg: float = 2.0
    #: SD of the sensed angle in a very slow movement (approximate: near the
    #: 1-2 deg errors of control groups, Lee et al. 2010).
    noise_floor_deg: float = 1.0
    #: growth of that SD per deg/s of movement speed (assumption: signal-
    #: dependent noise; 0.04 gives 1.2 deg at 5 deg/s and 3.4 deg at 60 deg/s).
    noise_per_speed: float = 0.04
    #: SD of the error signal the learner receives after each repetition: a
    #: mirror, a teacher's cue, or attending to another sense (assumption).
    feedback_sd_deg: float = 1.5
    #: the learner's initial uncertainty about its own bias (assumption).
    prior_sd_deg: float = 2.5
    #: how much the bias drifts between repetitions (assumption).
    drift_sd_deg: float = 0.2

    def __post_init__(self):
        check_fields(self, PARAM_RANGES)

    def replace(self, **changes) -> SenseParams:
        """A copy with some parameters changed (validated)."""
        return replace(self, **changes)


SENSE = SenseParams()
