"""Uncertainty bands: the model evaluated over sampled constants.

The uncertain constants (segment fractions, moment arms, the pressure constant,
...) are drawn once with ``sample_constants`` and broadcast against the inputs,
so one vectorised ``evaluate`` call covers every draw at every input.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..checks import check_int, check_number, check_seed, show
from .constants import CONSTANTS, Constants, sample_constants
from .mechanics import ModelResult, evaluate
from .validation import MAX_ELEMENTS, RANGES, broadcast_shape, position_code, sex_code
from .validation import check_number as check_input

#: Allowed number of draws of the constants (at most ``MAX_SAMPLES``: 10 000
#: draws of every output at one input are about 1 MB).
MIN_SAMPLES, MAX_SAMPLES = 10, 10_000
_INPUTS = ("position", *RANGES, "sex", "iap_relief")


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


def check_percentiles(percentiles) -> tuple[float, float]:
    """``percentiles`` as a checked pair ``(low, high)``, ``0 <= low < high <= 100``."""
    rule = "percentiles must be a pair (low, high) of numbers with 0 <= low < high <= 100"
    is_pair = (isinstance(percentiles, tuple | list) and len(percentiles) == 2) or (
        # A 0-d array has no length: it is one number, not a pair.
        isinstance(percentiles, np.ndarray) and percentiles.shape == (2,)
    )
    if isinstance(percentiles, str | bytes) or not is_pair:
        raise TypeError(f"{rule}; got {show(percentiles)}")
    lo_p = check_number("percentiles[0]", percentiles[0], 0.0, 100.0)
    hi_p = check_number("percentiles[1]", percentiles[1], 0.0, 100.0)
    if not lo_p < hi_p:
        raise ValueError(f"{rule}; got {show(percentiles)}")
    return lo_p, hi_p


def uncertainty_bands(
    outputs: tuple[str, ...],
    *,
    n_samples: int = 200,
    percentiles: tuple[float, float] = (5.0, 95.0),
    seed: int | None = 0,
    constants: Constants = CONSTANTS,
    **inputs,
) -> dict[str, Band]:
    """Bands of several outputs from one sampled evaluation (see ``uncertainty_band``).

    ``n_samples`` is an integer in [10, 10 000], ``percentiles`` a pair of
    numbers ``0 <= low < high <= 100``, ``seed`` a non-negative integer or None;
    the inputs are those of ``evaluate``. The draws times the inputs' broadcast
    size may not exceed ``MAX_ELEMENTS``. Raises ``TypeError``/``ValueError``
    naming the input.
    """
    n_samples = check_int("n_samples", n_samples, MIN_SAMPLES, MAX_SAMPLES)
    lo_p, hi_p = check_percentiles(percentiles)
    seed = check_seed(seed)
    if isinstance(outputs, str) or not isinstance(outputs, tuple | list):
        raise TypeError(f"outputs must be a tuple of ModelResult attributes; got {show(outputs)}")
    fields = ModelResult.__dataclass_fields__
    unknown = [o for o in outputs if not isinstance(o, str) or o not in fields]
    if unknown:
        raise ValueError(
            f"output must be a ModelResult attribute ({', '.join(fields)}); got {show(unknown[0])}"
        )
    extra = sorted(set(inputs) - set(_INPUTS))
    if extra:
        raise TypeError(f"unknown input {extra[0]!r}; the inputs are {', '.join(_INPUTS)}")
    # Check the inputs (and their shapes) before drawing n_samples of every constant.
    code = position_code(inputs.get("position", "standing"))
    checked = [check_input(n, inputs[n]) if n in inputs else 0.0 for n in RANGES]
    checked.append(sex_code(inputs.get("sex", "male")))
    shape = broadcast_shape(code, checked)
    if n_samples * max(1, int(np.prod(shape))) > MAX_ELEMENTS:
        raise ValueError(
            f"n_samples ({n_samples}) times the inputs' size ({int(np.prod(shape)):,}) must be "
            f"at most {MAX_ELEMENTS:,}; lower n_samples or evaluate fewer inputs"
        )
    ndim = len(shape)
    draws = sample_constants(n_samples, ndim=ndim, seed=seed, base=constants)
    result = evaluate(**inputs, constants=draws)
    bands = {}
    for output in outputs:
        low, median, high = np.percentile(getattr(result, output), [lo_p, 50.0, hi_p], axis=0)
        bands[output] = Band(output, low, median, high, (lo_p, hi_p))
    return bands
