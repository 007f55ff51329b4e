"""Throughput of ``workshop.model.evaluate``: one broadcast call vs a loop of scalar calls.

Prints the median time of evaluating 10⁶ inputs in one vectorised call, the
median time of the same inputs through a plain Python loop of scalar calls
(measured on a slice and scaled, as a full loop takes minutes), and the ratio.
Run: ``.venv/bin/python benchmarks/model_throughput.py``
"""

from __future__ import annotations

import statistics
import time

import numpy as np

from workshop.model import evaluate, uncertainty_band

N = 1_000_000
LOOP_N = 5_000
REPEATS = 7


def make_inputs(n: int, seed: int = 0) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    return {
        "trunk_flexion_deg": rng.uniform(0, 110, n),
        "load_kg": rng.uniform(0, 50, n),
        "load_distance_m": rng.uniform(0, 1, n),
        "hip_flexor_tightness": rng.uniform(0, 1, n),
        "glute_weakness": rng.uniform(0, 1, n),
        "body_mass_kg": rng.uniform(50, 110, n),
    }


def median_seconds(func, repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        func()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    inputs = make_inputs(N)
    evaluate(**inputs)  # warm up
    vec_s = median_seconds(lambda: evaluate(**inputs))

    small = {k: v[:LOOP_N] for k, v in inputs.items()}

    def loop():
        for i in range(LOOP_N):
            evaluate(**{k: float(v[i]) for k, v in small.items()})

    loop_s = median_seconds(loop, repeats=3) * (N / LOOP_N)

    sweep = np.linspace(0, 90, 200)
    band_s = median_seconds(lambda: uncertainty_band(trunk_flexion_deg=sweep, load_kg=10.0))

    vec_rate = N / vec_s
    loop_rate = N / loop_s
    print(f"inputs                      : {N:,} broadcast (6 varying inputs)")
    print(f"vectorised evaluate, median : {vec_s * 1e3:8.1f} ms  -> {vec_rate:,.0f} evaluations/s")
    print(f"scalar loop (scaled), median: {loop_s:8.1f} s   -> {loop_rate:,.0f} evaluations/s")
    print(f"ratio vectorised / loop     : {vec_rate / loop_rate:,.0f}x")
    print(f"uncertainty band, 200-point sweep x 200 draws, median: {band_s * 1e3:.1f} ms")


if __name__ == "__main__":
    main()
