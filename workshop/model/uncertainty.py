"""Uncertainty bands: the model evaluated over sampled constants.

The uncertain constants (segment fractions, moment arms, the pressure constant,
...) are drawn once with ``sample_constants`` and broadcast against the inputs,
so one vectorised ``evaluate`` call covers every draw at every input.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .constants import CONSTANTS, Constants, sample_constants
from .mechanics import ModelResult, evaluate


@dataclass(frozen=True)
class Band:
    """Percentile band of one output over the sampled constants."""

    output: str
    low: np.ndarray
    median: np.ndarray
    high: np.ndarray
    percentiles: tuple[float, float]


def uncertainty_band(
    output: str = "disc_pressure_MPa",
    *,
    n_samples: int = 200,
    percentiles: tuple[float, float] = (5.0, 95.0),
    seed: int | None = 0,
    constants: Constants = CONSTANTS,
    **inputs,
) -> Band:
    """Band of ``output`` (any ``ModelResult`` attribute) for broadcastable ``inputs``.

    Returns the ``percentiles`` (default 5th and 95th) and the median over
    ``n_samples`` draws of the uncertain constants, each shaped like the inputs.
    """
    return uncertainty_bands(
        (output,),
        n_samples=n_samples,
        percentiles=percentiles,
        seed=seed,
        constants=constants,
        **inputs,
    )[output]


def uncertainty_bands(
    outputs: tuple[str, ...],
    *,
    n_samples: int = 200,
    percentiles: tuple[float, float] = (5.0, 95.0),
    seed: int | None = 0,
    constants: Constants = CONSTANTS,
    **inputs,
) -> dict[str, Band]:
    """Bands of several outputs from one sampled evaluation (see ``uncertainty_band``)."""
    if not isinstance(n_samples, int) or isinstance(n_samples, bool) or n_samples < 10:
        raise ValueError(f"n_samples must be an integer >= 10; got {n_samples!r}")
    lo_p, hi_p = percentiles
    if not (0.0 <= lo_p < hi_p <= 100.0):
        raise ValueError(f"percentiles must satisfy 0 <= low < high <= 100; got {percentiles!r}")
    unknown = [o for o in outputs if o not in ModelResult.__dataclass_fields__]
    if unknown:
        raise ValueError(f"output must be a ModelResult attribute; got {unknown[0]!r}")
    ndim = max((np.ndim(v) for v in inputs.values()), default=0)
    draws = sample_constants(n_samples, ndim=ndim, seed=seed, base=constants)
    result = evaluate(**inputs, constants=draws)
    bands = {}
    for output in outputs:
        low, median, high = np.percentile(getattr(result, output), [lo_p, 50.0, hi_p], axis=0)
        bands[output] = Band(output, low, median, high, (lo_p, hi_p))
    return bands
