"""Small statistics for the simulated studies (numpy only, no scipy).

Confidence intervals use Student's t. Its 97.5th percentile comes from the
Cornish-Fisher expansion of t about the normal quantile (Abramowitz & Stegun
1964, Handbook of Mathematical Functions, 26.7.5), accurate to better than
0.002 for 5 or more degrees of freedom and exact in the limit.
"""

from __future__ import annotations

import numpy as np

Z_975 = 1.959963984540054  # 97.5th percentile of the standard normal


def t_975(df) -> np.ndarray | float:
    """97.5th percentile of Student's t with ``df`` degrees of freedom (df >= 1)."""
    v = np.asarray(df, dtype=float)
    z = Z_975
    g1 = (z**3 + z) / 4.0
    g2 = (5 * z**5 + 16 * z**3 + 3 * z) / 96.0
    g3 = (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / 384.0
    g4 = (79 * z**9 + 776 * z**7 + 1482 * z**5 - 1920 * z**3 - 945 * z) / 92160.0
    t = z + g1 / v + g2 / v**2 + g3 / v**3 + g4 / v**4
    return float(t) if t.ndim == 0 else t


def mean_ci(x: np.ndarray) -> tuple[float, float, float]:
    """Mean of ``x`` and its 95% CI (one-sample t)."""
    n = x.size
    m = float(x.mean())
    half = float(t_975(n - 1) * x.std(ddof=1) / np.sqrt(n))
    return m, m - half, m + half


def welch_ci(a: np.ndarray, b: np.ndarray) -> tuple[float, float, float]:
    """Difference of means ``mean(a) - mean(b)`` and its 95% CI (Welch's t)."""
    va, vb = a.var(ddof=1) / a.size, b.var(ddof=1) / b.size
    diff = float(a.mean() - b.mean())
    if va + vb == 0.0:  # no spread at all: the difference is exact
        return diff, diff, diff
    se = np.sqrt(va + vb)
    df = (va + vb) ** 2 / (va**2 / (a.size - 1) + vb**2 / (b.size - 1))
    half = t_975(df) * float(se)
    return diff, diff - half, diff + half
