r"""Heart-rate swing with breathing (respiratory sinus arrhythmia) from a baroreflex loop.

Why does breathing at about 6 breaths/min make the heart rate swing most? The
model here is the smallest one that shows it: a closed loop in which breathing
pushes the heart rate and the baroreflex pushes back, late.

Model (all deviations from rest; Laplace variable ``s``; ``V`` lung volume in
tidal volumes, 0 empty .. 1 full; ``h`` heart-rate deviation in beats/min)::

    respiratory drive   r(s) = g / (1 + s·τr) · V(s)                 (low-pass)
    baroreflex          b(s) = K · e^(-s·D) / (1 + s·τb) · h(s)      (delayed low-pass)
    heart rate          h(s) = r(s) − b(s)                           (negative feedback)

Solving for ``h``::

    H(s) = h/V = g·(1 + s·τb) / [ (1 + s·τr) · (1 + s·τb + K·e^(-s·D)) ]

and on the imaginary axis, ``s = jω`` with ``ω = 2π·rate/60``, the magnitude is
analytic::

    |H(jω)| = g · sqrt(1 + ω²τb²)
              / ( sqrt(1 + ω²τr²) · sqrt( (1 + K·cos ωD)² + (ωτb − K·sin ωD)² ) )

The baroreflex, arriving late, works *against* slow swings (at very slow
breathing ``|H| → g/(1+K)``) but near the frequency where its lag makes it push
*with* the swing, ``ωD + atan(ωτb)`` approaching π, the loop resonates. Above
that, the respiratory low-pass takes over and the swing rolls off. With the
constants below the peak sits at 5.9 breaths/min (0.098 Hz).

For sinusoidal breathing of one tidal volume peak to trough the heart-rate swing
peak to trough is ``|H(jω)|`` beats/min: that is ``hr_oscillation``.

Sources: Hirsch JA, Bishop B 1981, Am J Physiol 241:H620 (RSA amplitude against
breathing rate at constant tidal volume: a plateau of 20 ± 5 beats/min below
about 6/min, a corner at 7.2 ± 1.5/min and a roll-off of 21 dB/decade above it;
RSA proportional to tidal volume); Vaschillo E, Lehrer P, Rishe N, Konstantinov M
2002, Appl Psychophysiol Biofeedback 27:1, and Vaschillo EG, Vaschillo B, Lehrer
PM 2006, Appl Psychophysiol Biofeedback 31:129 (resonance of the baroreflex loop
near 0.1 Hz; largest heart-rate oscillations at 0.055-0.11 Hz, smaller below);
DeBoer RW, Karemaker JM, Strackee J 1987, Am J Physiol 253:H680 (beat-to-beat
model: RSA as respiratory pressure swings converted by the baroreflex, and the
10-s rhythm as a resonance from the delay in the baroreflex loop).

Limits. The model is linear: it says nothing about inhale:exhale ratios or
holds beyond their effect on the shape of the lung-volume curve. Tidal volume is
held constant (the swing scales with it). It stands for a healthy young adult at
rest; age, fitness, medication and disease change the gain and the resonance.
Below the peak it falls more than Hirsch & Bishop's plateau (to 73 % of the peak
at 3/min), following Vaschillo's resonance measurements instead. Its phases are
not calibrated. It teaches a mechanism; it measures no one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from ..checks import Range, check_fields

# --- constants, each with its source ---------------------------------------------------
#: First-order low-pass from breathing to heart rate, s: a corner at 6 breaths/min
#: (τ = 60 / (2π·6) = 1.59 s), within one SD of Hirsch & Bishop's 7.2 ± 1.5/min
#: corner and giving their first-order roll-off. The closed loop moves the
#: apparent corner of the whole curve to about 8.5/min, and from there to 30/min
#: the curve falls by 21 dB/decade, as Hirsch & Bishop measured.
RESPIRATORY_TAU_S = 60.0 / (2.0 * np.pi * 6.0)
#: Pure delay in the baroreflex loop, s: the slow (sympathetic) limb of the
#: baroreflex acts after a few seconds (DeBoer et al. 1987).
BAROREFLEX_DELAY_S = 3.0
#: Low-pass ("inertia") of the baroreflex effect, s. With the delay it makes a
#: total lag of about 5 s, half the 10-s period at which Vaschillo et al. (2002,
#: 2006) find the loop resonating. Why 3 s + 2 s and not a pure 4-5 s delay: a
#: pure delay with little low-pass resonates again at every further half-turn
#: of phase, giving false bumps near 16-22 breaths/min; this split keeps one
#: peak and a monotone fall on either side of it over 2-30/min.
BAROREFLEX_TAU_S = 2.0
#: Dimensionless gain around the loop heart rate -> blood pressure -> baroreflex
#: -> heart rate. Fitted, not measured: it sets how sharp the resonance is, and
#: 0.6 puts the peak at 5.9/min and the 6/min swing at 3.4 times the 15/min one.
#: Below 1 the loop is stable whatever its delay.
LOOP_GAIN = 0.6
#: Resting heart rate of the modelled adult, beats/min (the mean of symmetric breathing).
RESTING_HR_BPM = 65.0
#: Calibration: the peak-to-trough swing at 6 breaths/min, beats/min. Healthy
#: young adults breathing slowly swing about 10-20 beats/min: Hirsch & Bishop's
#: plateau below 6/min is 20 ± 5, and resonance-breathing biofeedback (Lehrer et
#: al. 2000, Appl Psychophysiol Biofeedback 25:177) works with swings of that
#: order. 15 stands for a relaxed, not a maximal, breath.
CALIBRATION_SWING_BPM = 15.0
#: Breathing rate at which the calibration swing holds, breaths/min.
CALIBRATION_RATE_BPM = 6.0
#: Breathing rates the model accepts, breaths/min.
HR_RATE_RANGE_BPM = (2.0, 30.0)
#: The same as a checked range (``breaths_per_minute`` of every function here).
HR_RATE_RANGE = Range(*HR_RATE_RANGE_BPM, "breaths/min")
#: Grid step of ``resolution_bpm``, breaths/min: at least 1e-4, so the grid of
#: ``resonance_rate`` holds at most 280 001 rates.
RESOLUTION_RANGE = Range(1e-4, 0.5, "breaths/min")

#: Allowed values of each ``HeartParams`` field.
HEART_PARAM_RANGES = {
    "respiratory_tau_s": Range(0.0, 10.0, "s", low_open=True),
    "baroreflex_delay_s": Range(0.1, 10.0, "s"),
    "baroreflex_tau_s": Range(0.0, 10.0, "s", low_open=True),
    "loop_gain": Range(0.0, 0.95),
    "resting_hr_bpm": Range(40.0, 100.0, "beats/min"),
    "calibration_swing_bpm": Range(0.0, 40.0, "beats/min", low_open=True),
    "calibration_rate_bpm": HR_RATE_RANGE,
}


@dataclass(frozen=True)
class HeartParams:
    """Constants of the loop model (defaults above); swap them to explore.

    ``drive_gain_bpm`` (``g``, beats/min per tidal volume) is not free: it is set
    so the swing at ``calibration_rate_bpm`` equals ``calibration_swing_bpm``.
    """

    respiratory_tau_s: float = RESPIRATORY_TAU_S
    baroreflex_delay_s: float = BAROREFLEX_DELAY_S
    baroreflex_tau_s: float = BAROREFLEX_TAU_S
    loop_gain: float = LOOP_GAIN
    resting_hr_bpm: float = RESTING_HR_BPM
    calibration_swing_bpm: float = CALIBRATION_SWING_BPM
    calibration_rate_bpm: float = CALIBRATION_RATE_BPM

    def __post_init__(self) -> None:
        check_fields(self, HEART_PARAM_RANGES)

    def replace(self, **changes) -> HeartParams:
        return replace(self, **changes)

    @property
    def drive_gain_bpm(self) -> float:
        """``g``: heart-rate drive per tidal volume before the loop, beats/min."""
        return self.calibration_swing_bpm / float(_unit_magnitude(self.calibration_rate_bpm, self))


HEART = HeartParams()


def _omega(rate_bpm):
    return 2.0 * np.pi * rate_bpm / 60.0


def _unit_magnitude(rate_bpm, p: HeartParams):
    """``|H(jω)| / g``: the analytic magnitude for unit drive gain."""
    w = _omega(rate_bpm)
    k, d, tb, tr = p.loop_gain, p.baroreflex_delay_s, p.baroreflex_tau_s, p.respiratory_tau_s
    loop_re = 1.0 + k * np.cos(w * d)
    loop_im = w * tb - k * np.sin(w * d)
    return np.sqrt(1.0 + (w * tb) ** 2) / (
        np.sqrt(1.0 + (w * tr) ** 2) * np.sqrt(loop_re**2 + loop_im**2)
    )


def _check_params(params) -> HeartParams:
    if not isinstance(params, HeartParams):
        raise TypeError(f"params must be a HeartParams; got {type(params).__name__}")
    return params


def hr_oscillation(breaths_per_minute, *, params: HeartParams = HEART):
    """Modelled peak-to-trough heart-rate swing, beats/min, for sinusoidal breathing.

    ``breaths_per_minute``: a number or array in ``HR_RATE_RANGE_BPM`` (2-30);
    returns a float for a number, an array shaped like the input otherwise.
    Tidal volume is held at the calibration breath (see the module docstring).
    Raises ``TypeError`` for non-numbers and booleans, ``ValueError`` for NaN,
    infinity, empty arrays or rates out of range.
    """
    p = _check_params(params)
    rate = HR_RATE_RANGE.check_array("breaths_per_minute", breaths_per_minute)
    swing = p.drive_gain_bpm * _unit_magnitude(rate, p)
    return float(swing) if swing.ndim == 0 else swing


def rsa_transfer(breaths_per_minute, *, params: HeartParams = HEART):
    """Complex response ``H(jω)``, beats/min per tidal volume, same input rules as
    ``hr_oscillation``. ``abs`` gives the swing, ``np.angle`` how far the heart rate
    leads (+) or lags (−) lung volume, rad (not calibrated; for pictures)."""
    p = _check_params(params)
    rate = HR_RATE_RANGE.check_array("breaths_per_minute", breaths_per_minute)
    s = 1j * _omega(rate)
    k, d, tb, tr = p.loop_gain, p.baroreflex_delay_s, p.baroreflex_tau_s, p.respiratory_tau_s
    h = p.drive_gain_bpm * (1 + s * tb) / ((1 + s * tr) * (1 + s * tb + k * np.exp(-s * d)))
    return complex(h) if h.ndim == 0 else h


def resonance_rate(*, params: HeartParams = HEART, resolution_bpm: float = 0.001) -> float:
    """Breathing rate of the largest swing over 2-30 breaths/min, breaths/min
    (a grid search at ``resolution_bpm``)."""
    p = _check_params(params)
    step = RESOLUTION_RANGE.check("resolution_bpm", resolution_bpm)
    rates = np.arange(HR_RATE_RANGE_BPM[0], HR_RATE_RANGE_BPM[1] + step / 2, step)
    rates = rates[rates <= HR_RATE_RANGE_BPM[1]]
    return float(rates[np.argmax(_unit_magnitude(rates, p))])
