// The pacer's clock: which phase, how long left and how full the lungs at t seconds
// into the session, and the run's elapsed time from the page clock. Pure functions.
//
// `phases` is what the kernel sends (workshop.breath.schedule.phase_list):
// {total_s, start_s: [...], phase: [...]}; phase i runs over [start_s[i], start_s[i+1]),
// the last one to total_s. The kernel flattens the plan; the page only looks it up.

// Index of the phase containing t (s): the last start at or before t (binary search),
// 0 before the start, the last phase at or after the end (as workshop.breath.phase_at).
export function phaseIndexAt(phases, t) {
  const starts = phases.start_s;
  let lo = 0, hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= t) lo = mid; else hi = mid - 1;
  }
  return lo;
}

// End of phase i, s: where the next one starts, or the session's end.
export function phaseEndS(phases, i) {
  return i + 1 < phases.start_s.length ? phases.start_s[i + 1] : phases.total_s;
}

// Phase i as a record: {index, name, start_s, end_s}.
export function phaseRecord(phases, i) {
  return { index: i, name: phases.phase[i], start_s: phases.start_s[i], end_s: phaseEndS(phases, i) };
}

// Seconds until the phase containing t ends (workshop.breath.time_left_in_phase).
export function timeLeftS(phases, t) {
  return phaseEndS(phases, phaseIndexAt(phases, t)) - t;
}

// Lung volume in phase i at t: 0 empty, 1 full. A raised cosine in inhale and exhale,
// flat in holds: the same formula as workshop.breath.lung_volume.
export function volumeInPhase(phases, i, t) {
  const start = phases.start_s[i];
  const frac = Math.min(Math.max((t - start) / (phaseEndS(phases, i) - start), 0), 1);
  const ease = 0.5 * (1 - Math.cos(Math.PI * frac));
  const name = phases.phase[i];
  if (name === "inhale") return ease;
  if (name === "exhale") return 1 - ease;
  return name === "hold_in" ? 1 : 0;
}

// Lung volume at t (s): workshop.breath.lung_volume.
export function volumeAt(phases, t) {
  return volumeInPhase(phases, phaseIndexAt(phases, t), t);
}

// A run's clock, in page-clock milliseconds (performance.now()): started at t0_ms,
// paused_ms spent paused so far, pause_start_ms set while paused.
export function runClock(t0Ms) {
  return { t0_ms: t0Ms, paused_ms: 0, pause_start_ms: null };
}

// Seconds of the session elapsed at nowMs (time spent paused left out).
export function elapsedS(run, nowMs) {
  const pausing = run.pause_start_ms === null ? 0 : Math.max(nowMs - run.pause_start_ms, 0);
  return (nowMs - run.t0_ms - run.paused_ms - pausing) / 1000;
}

export function pausedClock(run, nowMs) {
  return { ...run, pause_start_ms: nowMs };
}

// The clock resumed at nowMs, and the pause's length in seconds.
export function resumedClock(run, nowMs) {
  const pauseMs = nowMs - run.pause_start_ms;
  return { run: { ...run, paused_ms: run.paused_ms + pauseMs, pause_start_ms: null }, pause_s: pauseMs / 1000 };
}

// Display interval estimate, ms: a running mean of frame gaps (each clamped to 4-50 ms
// so a hidden tab's long gap does not swamp it).
export function frameIntervalMs(previousMs, gapMs) {
  return 0.9 * previousMs + 0.1 * Math.min(Math.max(gapMs, 4), 50);
}
