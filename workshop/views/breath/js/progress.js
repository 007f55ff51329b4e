// Where the learner is in the session, in words: "Breath 5 of 18 · 6.0 breaths a
// minute · 2:10 left". The numbers per breath and the sentence come from the kernel
// (pacer.session_progress); progress_text there is this function's Python twin.

// Whole seconds, rounded up, as m:ss.
export function clockText(seconds) {
  const whole = Math.max(0, Math.ceil(seconds - 1e-9));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

// The progress line at phase `i` with `leftS` seconds of the session to go.
export function progressText(progress, i, leftS) {
  const breath = progress.breath_of_phase[i];
  const fill = {
    breath: String(breath),
    breaths: String(progress.breaths),
    rate: progress.rate_per_min[breath - 1].toFixed(1),
    left: clockText(leftS),
  };
  return progress.template.replace(/\{(\w+)\}/g, (_, key) => fill[key]);
}
