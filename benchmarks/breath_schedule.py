"""Speed of the breath schedule and heart model: vectorised calls vs loops of scalar calls.

Prints the median time of ``lung_volume`` for 10⁶ times in one call against the
same through a Python loop of scalar calls (measured on a slice and scaled),
the same for ``hr_oscillation`` over 10⁶ rates, and the time to simulate an
hour of breathing beat by beat.
Run: ``.venv/bin/python benchmarks/breath_schedule.py``
"""

from __future__ import annotations

import numpy as np
from model_throughput import median_seconds  # same timing rule for every benchmark

from workshop.breath import PRESETS, Session, hr_oscillation, lung_volume, simulate_heart_rate

N = 1_000_000
LOOP_N = 5_000
REPEATS = 5


def side_by_side(name: str, vectorised, scalar, values: np.ndarray) -> None:
    together = median_seconds(lambda: vectorised(values), repeats=REPEATS)
    part = values[:LOOP_N].tolist()
    looped = median_seconds(lambda: [scalar(v) for v in part], repeats=3) * (N / LOOP_N)
    print(
        f"{name:15s} one call {together * 1e3:8.1f} ms | loop {looped:6.1f} s "
        f"(scaled from {LOOP_N}) | x{looped / together:,.0f}"
    )


def main() -> None:
    rng = np.random.default_rng(0)
    session = Session([(PRESETS["box"], 3600), (PRESETS["resonance"], 3600)])
    times = rng.uniform(0.0, session.total_s, N)
    side_by_side(
        "lung_volume", lambda t: lung_volume(session, t), lambda t: lung_volume(session, t), times
    )
    rates = rng.uniform(2.0, 30.0, N)
    side_by_side("hr_oscillation", hr_oscillation, hr_oscillation, rates)
    hour = Session([(PRESETS["resonance"], 3600)])
    sim = median_seconds(lambda: simulate_heart_rate(hour), repeats=3)
    print(f"simulate_heart_rate, 1 h at dt 0.01 s: {sim * 1e3:.0f} ms")


if __name__ == "__main__":
    main()
