"""Position sense as a noisy estimate that practice can recalibrate: ``reposition_trials``.

The body's internal "GPS" for the lumbar spine is modelled as an estimate
that can be **biased** (it reads systematically high or low) and is **noisy**
(it differs from one movement to the next). One repetition of a repositioning
task goes like this, for each simulated person:

1. The person moves towards a remembered target angle and stops when the
   *sensed* angle reaches it. Sensed = true + bias + noise, so the stopping
   error is ``error = -(bias + noise)`` (deg; negative = short of the target).
   The noise SD grows with movement speed (signal-dependent noise):
   ``noise_sd = noise_floor_deg + noise_per_speed * speed``.
2. Afterwards an error signal arrives (a mirror, a teacher's cue, attending to
   another sense), itself noisy with SD ``feedback_sd_deg``.
3. The internal estimate is corrected by a fraction of that signal, a
   Kalman-like delta rule: ``bias <- bias + gain * signal`` with
   ``gain = attention * P / (P + R)``. ``P`` is the learner's uncertainty
   about its own bias, ``R = noise_sd**2 + feedback_sd**2`` the noise in the
   signal. A slow movement gives a clean signal and a large gain; a fast one
   a noisy signal and a small gain; inattention (``attention`` < 1) uses only
   part of what is there, and ``attention = 0`` learns nothing. ``P`` then
   shrinks as ``P <- (1 - gain)**2 P + gain**2 R + drift**2``.

Assumptions, stated plainly: learning needs an error signal (Brumagne et al.
2000 saw no improvement from first to last trial without one; Descarreaux
et al. 2005 saw patients reach control-level accuracy after practice with
visual feedback); the speed dependence of the noise is motor-control theory
(Harris & Wolpert 1998), not a lumbar measurement; the sizes are approximate
(see :mod:`workshop.sensory.params`). The model teaches an idea; it measures
no one and diagnoses nothing.

Vectorised: ``speed_deg_per_s`` and ``attention`` broadcast against each
other, and every simulated person is a column of one array. The only Python
loop runs over repetitions, because each one learns from the last.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..checks import Range, check_seed
from .params import SENSE, SenseParams

SPEED_RANGE = Range(1.0, 120.0, "deg/s")  # from very slow to a brisk bend
MAX_REPETITIONS = 500
MAX_PEOPLE = 100_000
ATTENTION_RANGE = Range(0.0, 1.0)
REPETITIONS_RANGE = Range(1, MAX_REPETITIONS)
PEOPLE_RANGE = Range(2, MAX_PEOPLE)
#: Most random draws or results one call may hold: conditions x people,
#: repetitions x people and conditions x repetitions each at most this
#: (10 million float64 values are 80 MB).
MAX_VALUES = 10_000_000


@dataclass(frozen=True)
class RepositionResult:
    """Repositioning errors per repetition, summarised over the simulated people.

    ``shape`` is the broadcast shape of ``speed_deg_per_s`` and ``attention``;
    per-repetition arrays have shape ``shape + (repetitions,)``. Angles in deg.

    speed_deg_per_s      movement speed, shape ``shape``
    attention            0 (none) ... 1 (full), shape ``shape``
    repetition           1 .. repetitions
    absolute_error_deg   mean |error| over people (accuracy)
    constant_error_deg   mean signed error (direction; negative = short of the target)
    variable_error_deg   SD of the error over people (consistency)
    bias_deg             mean bias of the internal estimate before each repetition
    bias_spread_deg      SD of that bias over people
    uncertainty_deg      the learner's own uncertainty about its bias, sqrt(P)
    learning_gain        fraction of each error signal used
    noise_sd_deg         SD of the sensed angle at this speed, shape ``shape``
    n_people             simulated people
    """

    speed_deg_per_s: np.ndarray
    attention: np.ndarray
    repetition: np.ndarray
    absolute_error_deg: np.ndarray
    constant_error_deg: np.ndarray
    variable_error_deg: np.ndarray
    bias_deg: np.ndarray
    bias_spread_deg: np.ndarray
    uncertainty_deg: np.ndarray
    learning_gain: np.ndarray
    noise_sd_deg: np.ndarray
    n_people: int


def noise_sd_deg(speed_deg_per_s, params: SenseParams = SENSE):
    """SD (deg) of the sensed lumbar angle at a movement speed (deg/s); vectorised."""
    v = SPEED_RANGE.check_array("speed_deg_per_s", speed_deg_per_s)
    out = params.noise_floor_deg + params.noise_per_speed * v
    return float(out) if out.ndim == 0 else out


def reposition_trials(
    speed_deg_per_s,
    repetitions: int = 20,
    attention=1.0,
    seed: int | None = 0,
    *,
    n_people: int = 200,
    params: SenseParams = SENSE,
) -> RepositionResult:
    """Simulate ``repetitions`` lumbar repositioning trials with learning between them.

    speed_deg_per_s  movement speed, 1 to 120 deg/s; a number or an array
    repetitions      1 to 500
    attention        0 (none) to 1 (full); a number or an array broadcasting
                     with ``speed_deg_per_s``
    seed             non-negative integer (identical numbers every time) or None
    n_people         simulated people per condition, 2 to 100 000
    params           model parameters (:class:`SenseParams`)

    Returns per-repetition absolute, constant and variable error (deg) over
    the simulated people, and the state of their internal estimate. Every
    condition (each speed and attention) gets the same simulated people and the
    same random draws, so conditions differ only by speed and attention.
    """
    if not isinstance(params, SenseParams):
        raise TypeError(
            f"params must be a workshop.sensory.SenseParams; got {type(params).__name__}"
        )
    speed = SPEED_RANGE.check_array("speed_deg_per_s", speed_deg_per_s)
    att = ATTENTION_RANGE.check_array("attention", attention)
    reps = REPETITIONS_RANGE.check_int("repetitions", repetitions)
    n = PEOPLE_RANGE.check_int("n_people", n_people)
    rng = np.random.default_rng(check_seed(seed))
    try:
        shape = np.broadcast_shapes(speed.shape, att.shape)
    except ValueError:
        raise ValueError(
            f"speed_deg_per_s (shape {speed.shape}) and attention (shape {att.shape}) "
            "must broadcast against each other"
        ) from None
    conditions = math.prod(shape)
    for what, size in (
        ("conditions x n_people", conditions * n),
        ("repetitions x n_people", reps * n),
        ("conditions x repetitions", conditions * reps),
    ):
        if size > MAX_VALUES:
            raise ValueError(
                f"{what} must be at most {MAX_VALUES:,}; got {size:,} (speed_deg_per_s and "
                f"attention broadcast to {conditions:,} conditions, repetitions={reps}, "
                f"n_people={n}): lower repetitions, n_people or the number of conditions"
            )
    speed, att = np.broadcast_to(speed, shape), np.broadcast_to(att, shape)

    sd = params.noise_floor_deg + params.noise_per_speed * speed  # shape
    r = sd**2 + params.feedback_sd_deg**2  # noise in the error signal, deg²
    # Shared draws: the same people and the same standard-normal noises in every condition.
    bias = params.initial_bias_deg + params.initial_bias_sd_deg * rng.standard_normal(n)
    z_sense = rng.standard_normal((reps, n))
    z_feedback = rng.standard_normal((reps, n))
    z_drift = rng.standard_normal((reps, n))
    bias = np.broadcast_to(bias, shape + (n,)).copy()
    p = np.full(shape, params.prior_sd_deg**2)

    out = {k: np.empty(shape + (reps,)) for k in ("ae", "ce", "ve", "b", "bs", "u", "g")}
    sd_ = sd[..., None]
    for k in range(reps):
        error = -(bias + sd_ * z_sense[k])
        # A learner certain of its bias (P = 0) facing a noiseless signal (R = 0)
        # has nothing to learn: gain 0, not 0/0.
        total = p + r
        gain = np.divide(att * p, total, out=np.zeros(shape), where=total > 0)
        out["ae"][..., k] = np.abs(error).mean(axis=-1)
        out["ce"][..., k] = error.mean(axis=-1)
        out["ve"][..., k] = error.std(axis=-1, ddof=1)
        out["b"][..., k] = bias.mean(axis=-1)
        out["bs"][..., k] = bias.std(axis=-1, ddof=1)
        out["u"][..., k] = np.sqrt(p)
        out["g"][..., k] = gain
        signal = error + params.feedback_sd_deg * z_feedback[k]
        bias += gain[..., None] * signal + params.drift_sd_deg * z_drift[k]
        p = (1.0 - gain) ** 2 * p + gain**2 * r + params.drift_sd_deg**2

    return RepositionResult(
        speed_deg_per_s=speed.copy(),
        attention=att.copy(),
        repetition=np.arange(1, reps + 1),
        absolute_error_deg=out["ae"],
        constant_error_deg=out["ce"],
        variable_error_deg=out["ve"],
        bias_deg=out["b"],
        bias_spread_deg=out["bs"],
        uncertainty_deg=out["u"],
        learning_gain=out["g"],
        noise_sd_deg=sd.copy(),
        n_people=n,
    )
