// The run log the page sends to the kernel (BreathPacer.log): named records, checked
// there by check_log. Times are seconds from the start (pauses left out), rounded to
// 0.1 ms; the kernel allows that much slack.

// Seconds rounded to 0.1 ms, as a number.
export function roundS(s) {
  return +s.toFixed(4);
}

// A new run of a session of totalS seconds, started at wallMs (Date.now()).
export function newRunLog(wallMs, totalS) {
  return { started_wall_ms: wallMs, total_s: totalS, shown: [], pauses: [], end: null };
}

// Phase `index` of `phases` shown at shownS. `boundary` is true when the phase came in
// on the clock, false when it is shown again after a pause or a hidden tab.
export function shownRecord(phases, index, shownS, boundary) {
  return { index, phase: phases.phase[index], planned_s: roundS(phases.start_s[index]), shown_s: roundS(shownS), boundary };
}

// A pause from atS; its duration is filled in when it ends (null while paused).
export function pauseRecord(atS) {
  return { at_s: roundS(atS), duration_s: null };
}

export function endRecord(reason, atS) {
  return { reason, at_s: roundS(atS) };
}
