"""Heartbeats for any breathing session: the loop of ``heart.py`` integrated in time.

``simulate_heart_rate`` steps the same three equations as ``hr_oscillation``
(respiratory low-pass, delayed low-pass baroreflex, negative feedback) on a
fixed grid of ``dt_s`` seconds, so it works for any pattern, holds and ramps
included, where the frequency formula needs a pure sinusoid:

* each first-order low-pass is advanced exactly for an input held over the step
  (``x += (1 − e^(−dt/τ))·(u − x)``, an exponential Euler step);
* the delay is a buffer of ``round(D / dt)`` past steps;
* the drive is lung volume measured from mid-breath (``V − 1/2``), so symmetric
  breathing swings the heart rate about ``resting_hr_bpm``; the run starts in
  the steady state of empty lungs, as every session does.

Beats come from an integrate-and-fire rule: a beat falls each time the integral
of heart rate (beats/s) passes a whole number, the first counted from a beat at
t = 0. The instantaneous heart rate of beat ``k`` is ``60 / (t_k − t_{k−1})``.

Deterministic: with ``noise_bpm = 0`` (the default) there is no randomness; any
noise is drawn from ``numpy.random.default_rng(seed)``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .heart import HEART, HeartParams, _check_params
from .schedule import Session, lung_volume
from .validation import check_int, check_scalar

#: Allowed integration step, s.
DT_RANGE_S = (0.001, 0.1)
#: Allowed noise level, beats/min (standard deviation).
NOISE_RANGE_BPM = (0.0, 10.0)
#: Noise is redrawn every this many seconds and held in between, so its effect
#: does not depend on ``dt_s``.
NOISE_HOLD_S = 1.0
#: Heart rates the beat rule accepts, beats/min; parameters that leave it refuse.
MIN_HR_BPM = 20.0


@dataclass(frozen=True)
class HeartRateTrace:
    """Result of ``simulate_heart_rate``.

    time_s          the integration grid, s (0 .. session.total_s)
    lung_volume     normalised lung volume on the grid (0 empty, 1 full)
    heart_rate_bpm  modelled heart rate on the grid, beats/min
    beat_times_s    time of every beat after the one at t = 0, s
    beat_hr_bpm     instantaneous heart rate of each beat, 60 / RR interval, beats/min
    """

    time_s: np.ndarray
    lung_volume: np.ndarray
    heart_rate_bpm: np.ndarray
    beat_times_s: np.ndarray
    beat_hr_bpm: np.ndarray

    def swing_bpm(self, after_s: float = 0.0) -> float:
        """Peak-to-trough of the beat-by-beat heart rate from ``after_s`` on, beats/min."""
        hr = self.beat_hr_bpm[self.beat_times_s >= after_s]
        if hr.size < 2:
            raise ValueError(f"fewer than two beats after {after_s:g} s")
        return float(hr.max() - hr.min())


def simulate_heart_rate(
    session: Session,
    *,
    dt_s: float = 0.01,
    params: HeartParams = HEART,
    noise_bpm: float = 0.0,
    seed: int = 0,
) -> HeartRateTrace:
    """Integrate the baroreflex loop model through ``session`` (see module docstring).

    ``dt_s`` in ``DT_RANGE_S``; ``noise_bpm``, the standard deviation of a
    disturbance added to the heart rate inside the loop (redrawn every
    ``NOISE_HOLD_S``), in ``NOISE_RANGE_BPM``; ``seed`` a non-negative integer.
    """
    if not isinstance(session, Session):
        raise TypeError(f"session must be a Session; got {type(session).__name__}")
    p = _check_params(params)
    dt = check_scalar("dt_s", dt_s, *DT_RANGE_S, "s")
    noise = check_scalar("noise_bpm", noise_bpm, *NOISE_RANGE_BPM, "beats/min")
    seed = check_int("seed", seed, 0, 2**63 - 1)

    n = math.floor(session.total_s / dt + 1e-9)
    t = np.minimum(np.arange(n + 1) * dt, session.total_s)
    volume = lung_volume(session, t)
    g, k = p.drive_gain_bpm, p.loop_gain
    drive = g * (volume - 0.5)
    if noise > 0.0:
        rng = np.random.default_rng(seed)
        blocks = rng.normal(0.0, noise, math.floor(session.total_s / NOISE_HOLD_S) + 1)
        disturbance = blocks[np.floor(t / NOISE_HOLD_S).astype(np.intp)]
    else:
        disturbance = np.zeros_like(t)

    a_r = 1.0 - math.exp(-dt / p.respiratory_tau_s)
    a_b = 1.0 - math.exp(-dt / p.baroreflex_tau_s)
    lag = max(1, round(p.baroreflex_delay_s / dt))
    # Steady state of empty lungs: x = g·(0 − 1/2), h = x / (1 + K), y = K·h.
    x = -0.5 * g
    h0 = x / (1.0 + k)
    y = k * h0
    # dev[lag + i] is the heart-rate deviation at step i; dev[:lag] the history before t = 0.
    dev = [h0] * (lag + 1) + [0.0] * n
    drive_l = drive.tolist()
    dist_l = disturbance.tolist()
    # A plain loop: each step needs the last, and the delay couples steps lag apart.
    for i in range(n):
        x += a_r * (drive_l[i] - x)
        y += a_b * (k * dev[i] - y)  # dev[i] is h at step i - lag
        dev[lag + i + 1] = x - y + dist_l[i + 1]
    hr = p.resting_hr_bpm + np.array(dev[lag:])
    if hr.min() < MIN_HR_BPM:
        raise ValueError(
            f"the parameters drive the heart rate below {MIN_HR_BPM:g} beats/min; "
            "lower calibration_swing_bpm or noise_bpm"
        )
    beat_times = _beats(t, hr)
    beat_hr = 60.0 / np.diff(np.concatenate([[0.0], beat_times]))
    return HeartRateTrace(t, volume, hr, beat_times, beat_hr)


def _beats(t: np.ndarray, hr_bpm: np.ndarray) -> np.ndarray:
    """Integrate-and-fire beat times: where the beat count crosses 1, 2, 3, ..."""
    count = np.concatenate([[0.0], np.cumsum(hr_bpm[:-1] * np.diff(t)) / 60.0])
    k = np.arange(1, math.floor(count[-1]) + 1)
    i = np.searchsorted(count, k, side="left") - 1  # count[i] < k <= count[i + 1]
    frac = (k - count[i]) / (count[i + 1] - count[i])
    return t[i] + frac * (t[i + 1] - t[i])
