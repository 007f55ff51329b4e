"""Two ways to study the same practice: a single-group study and a randomised trial.

Both draw the same kind of cohort (:mod:`workshop.evidence.cohort`): people with
chronic low back pain who enrol on a bad day, recover a little each week, and
report a little less pain for taking part at all.

* :func:`simulate_single_group_study` has no control group. It reports the mean
  drop from baseline, which is what many uncontrolled "before and after"
  studies of yoga, tai chi or mindfulness report. With the default cohort and
  **no specific effect at all** it shows a drop near 40% (38% on average; 32-44% in 95% of
  seeds at n = 60).
* :func:`simulate_randomised_trial` randomises the same population to the
  practice or to an attention control (same time, attention and expectation,
  without the practice itself). Both arms improve; the difference between
  the arms, with its 95% CI, estimates the specific effect and sits near zero
  when there is none.

Every random number comes from ``numpy.random.default_rng(seed)``: the same
seed and inputs give identical numbers. People are simulated as whole arrays
(no Python loop over people).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..checks import Range, check_seed
from ..reference import TRIAL_LENGTH_WEEKS
from .cohort import COHORT, Cohort, enrol, observed_course, true_course
from .stats import mean_ci, welch_ci

MAX_N = 100_000
#: Length of a simulated study, weeks.
WEEKS_RANGE = Range(1, 104)
#: Specific effect of the practice, points on the 0-10 NRS (positive = less pain).
EFFECT_RANGE = Range(-5.0, 5.0, "points (0-10 NRS)")


@dataclass(frozen=True)
class SingleGroupResult:
    """What a single-group (before/after) study reports, and what lies behind it.

    Pain in points on the 0-10 NRS; ``percent_drop`` in % of the baseline mean.

    n                   people enrolled and followed
    n_screened          people screened to find them
    weeks               follow-up time, weeks
    baseline_mean       mean enrolment rating
    followup_mean       mean rating at the last week
    mean_drop           baseline_mean - followup_mean (positive = less pain)
    mean_drop_ci        95% CI of the mean drop (paired t)
    percent_drop        100 * mean_drop / baseline_mean
    weekly_mean         mean rating at weeks 0..weeks, shape (weeks + 1,)

    Where the drop came from (points; they add up to ``mean_drop``), known
    here only because the simulation knows everyone's true pain:

    from_regression_to_mean   enrolment ratings above people's own true mean
    from_natural_course       true pain recovering week by week
    from_placebo              the response to taking part
    from_specific_effect      what the practice itself added (the input)
    from_other                chance in the final ratings and the 0-10 floor
    """

    n: int
    n_screened: int
    weeks: int
    baseline_mean: float
    followup_mean: float
    mean_drop: float
    mean_drop_ci: tuple[float, float]
    percent_drop: float
    weekly_mean: np.ndarray
    from_regression_to_mean: float
    from_natural_course: float
    from_placebo: float
    from_specific_effect: float
    from_other: float


@dataclass(frozen=True)
class TrialResult:
    """What a two-arm randomised trial reports.

    Pain in points on the 0-10 NRS. "Drop" = baseline minus follow-up
    (positive = less pain). ``difference`` = mean drop in the intervention arm
    minus mean drop in the control arm: positive favours the intervention.

    n_intervention, n_control          people per arm
    n_screened                         people screened to enrol them
    weeks                              follow-up time, weeks
    baseline_mean_intervention/control mean enrolment rating per arm
    followup_mean_intervention/control mean rating at the last week per arm
    percent_drop_intervention/control  100 * mean drop / baseline mean, per arm
    difference                         between-arm difference in mean drop
    ci_low, ci_high                    its 95% CI (Welch's t)
    weekly_mean_intervention/control   mean rating at weeks 0..weeks per arm
    """

    n_intervention: int
    n_control: int
    n_screened: int
    weeks: int
    baseline_mean_intervention: float
    baseline_mean_control: float
    followup_mean_intervention: float
    followup_mean_control: float
    percent_drop_intervention: float
    percent_drop_control: float
    difference: float
    ci_low: float
    ci_high: float
    weekly_mean_intervention: np.ndarray
    weekly_mean_control: np.ndarray

    @property
    def n(self) -> int:
        """People randomised."""
        return self.n_intervention + self.n_control

    @property
    def ci_contains_zero(self) -> bool:
        """True if the 95% CI of the difference includes no difference at all."""
        return self.ci_low <= 0.0 <= self.ci_high


def _check_common(n, weeks, seed, specific_effect, cohort, n_min):
    n = Range(n_min, MAX_N).check_int("n", n)
    weeks = WEEKS_RANGE.check_int("weeks", weeks)
    seed = check_seed(seed)
    specific_effect = EFFECT_RANGE.check("specific_effect", specific_effect)
    if not isinstance(cohort, Cohort):
        raise TypeError(f"cohort must be a workshop.evidence.Cohort; got {type(cohort).__name__}")
    return n, weeks, seed, specific_effect


def simulate_single_group_study(
    n: int = 60,
    weeks: int = TRIAL_LENGTH_WEEKS,
    seed: int | None = 0,
    *,
    specific_effect: float = 0.0,
    cohort: Cohort = COHORT,
) -> SingleGroupResult:
    """Simulate an uncontrolled before/after study of ``n`` people.

    n                enrolled people, 5 to 100 000
    weeks            follow-up, 1 to 104 weeks (default ``TRIAL_LENGTH_WEEKS``, 12)
    seed             non-negative integer (identical numbers every time) or None
    specific_effect  pain reduction the practice itself causes, points on the
                     0-10 NRS, -5 to 5 (default 0: the practice does nothing)
    cohort           population and natural-course parameters (:class:`Cohort`)

    With the defaults the mean drop is about 38% although the practice does
    nothing: regression to the mean, natural course and the placebo response
    (see :mod:`workshop.evidence.cohort` for their sources).
    """
    n, weeks, seed, specific_effect = _check_common(n, weeks, seed, specific_effect, cohort, 5)
    rng = np.random.default_rng(seed)
    true_mean, baseline, screened = enrol(cohort, n, rng)
    observed = observed_course(cohort, true_mean, baseline, weeks, specific_effect, rng)
    course = true_course(cohort, true_mean, weeks)

    drop = observed[:, 0] - observed[:, -1]
    mean_drop, lo, hi = mean_ci(drop)
    base = float(observed[:, 0].mean())
    rtm = float((baseline - true_mean).mean())
    natural = float((course[:, 0] - course[:, -1]).mean())
    placebo = cohort.placebo_points
    return SingleGroupResult(
        n=n,
        n_screened=screened,
        weeks=weeks,
        baseline_mean=base,
        followup_mean=float(observed[:, -1].mean()),
        mean_drop=mean_drop,
        mean_drop_ci=(lo, hi),
        percent_drop=100.0 * mean_drop / base if base > 0 else 0.0,
        weekly_mean=observed.mean(axis=0),
        from_regression_to_mean=rtm,
        from_natural_course=natural,
        from_placebo=placebo,
        from_specific_effect=specific_effect,
        from_other=mean_drop - rtm - natural - placebo - specific_effect,
    )


def simulate_randomised_trial(
    n: int = 200,
    weeks: int = TRIAL_LENGTH_WEEKS,
    seed: int | None = 0,
    *,
    specific_effect: float = 0.0,
    cohort: Cohort = COHORT,
) -> TrialResult:
    """Simulate a two-arm randomised trial of ``n`` people from the same population.

    n                people randomised, 10 to 100 000; exactly half (rounded
                     down) go to the intervention, the rest to attention control
    weeks            follow-up, 1 to 104 weeks (default ``TRIAL_LENGTH_WEEKS``, 12)
    seed             non-negative integer (identical numbers every time) or None
    specific_effect  pain reduction the practice itself causes, points on the
                     0-10 NRS, -5 to 5 (default 0)
    cohort           population and natural-course parameters (:class:`Cohort`)

    Both arms get the natural course and the placebo response (the attention
    control is assumed to match the practice for time, attention and
    expectation); only the intervention arm gets ``specific_effect``. With no
    specific effect the between-arm difference is near zero and its 95% CI
    contains zero in about 95% of trials.
    """
    n, weeks, seed, specific_effect = _check_common(n, weeks, seed, specific_effect, cohort, 10)
    rng = np.random.default_rng(seed)
    true_mean, baseline, screened = enrol(cohort, n, rng)
    arm = np.zeros(n, dtype=bool)
    arm[rng.permutation(n)[: n // 2]] = True  # True = intervention
    observed = observed_course(
        cohort, true_mean, baseline, weeks, np.where(arm, specific_effect, 0.0), rng
    )
    drop = observed[:, 0] - observed[:, -1]
    difference, lo, hi = welch_ci(drop[arm], drop[~arm])

    def pct(rows):
        base = observed[rows, 0].mean()
        return float(100.0 * (base - observed[rows, -1].mean()) / base) if base > 0 else 0.0

    return TrialResult(
        n_intervention=int(arm.sum()),
        n_control=int((~arm).sum()),
        n_screened=screened,
        weeks=weeks,
        baseline_mean_intervention=float(observed[arm, 0].mean()),
        baseline_mean_control=float(observed[~arm, 0].mean()),
        followup_mean_intervention=float(observed[arm, -1].mean()),
        followup_mean_control=float(observed[~arm, -1].mean()),
        percent_drop_intervention=pct(arm),
        percent_drop_control=pct(~arm),
        difference=difference,
        ci_low=lo,
        ci_high=hi,
        weekly_mean_intervention=observed[arm].mean(axis=0),
        weekly_mean_control=observed[~arm].mean(axis=0),
    )
