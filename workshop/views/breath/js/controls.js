// What the learner sees and presses: the breathing circle, the phase words, the
// Start/Pause/Stop buttons and the three options. Pure rules first, then the DOM.
import { htmlEl, svgEl } from "./dom.js";

export const PHASE_LABEL = { inhale: "Breathe in", hold_in: "Hold", exhale: "Breathe out", hold_out: "Hold" };
// The options, each a synced trait, with the words beside its box.
export const OPTIONS = [
  ["sound", "sound cues"],
  ["tick", "soft tick each second"],
  ["eyes_closed", "eyes-closed mode (sound only)"],
];
// Radius of the breathing circle, px: empty lungs, and the growth to full.
export const DISC_R = { empty: 30, growth: 54 };

// Options after the rule: eyes closed needs the sound cues on.
export function settleOptions(options) {
  return options.eyes_closed && !options.sound ? { ...options, sound: true } : { ...options };
}

// Which buttons can be pressed, and the pause button's word, in a run state:
// "idle" (before a run or after it), "running" or "paused".
export function buttonStates(state) {
  return {
    start: state === "idle",
    pause: state !== "idle",
    stop: state !== "idle",
    pauseText: state === "paused" ? "Resume" : "Pause",
  };
}

// The breathing circle's radius at lung volume v, px.
export function discRadius(v) {
  return DISC_R.empty + DISC_R.growth * v;
}

// Build the controls in `root`. `on` holds start(), pause(), stop() and
// option(key, checked); returns the parts the entry updates.
export function pacerControls(root, on) {
  const row = htmlEl("div", { class: "mm-pacer-row" }, root);
  const svg = svgEl("svg", { class: "mm-breath", width: 180, height: 180, viewBox: "0 0 180 180", role: "img", "aria-label": "breathing circle" }, row);
  svgEl("circle", { class: "mm-ring", cx: 90, cy: 90, r: 84 }, svg);
  const disc = svgEl("circle", { class: "mm-disc", cx: 90, cy: 90, r: discRadius(0), "data-phase": "inhale" }, svg);
  const info = htmlEl("div", {}, row);
  const phase = htmlEl("div", { class: "mm-phase", "aria-live": "assertive", role: "status" }, info);
  const left = htmlEl("div", { class: "mm-left" }, info);
  const status = htmlEl("div", { class: "mm-status" }, info);

  const buttons = htmlEl("div", { class: "mm-pacer-row" }, root);
  const button = (text, fn) => {
    const b = htmlEl("button", { type: "button" }, buttons);
    b.textContent = text;
    b.addEventListener("click", fn);
    return b;
  };
  const startBtn = button("Start", on.start), pauseBtn = button("Pause", on.pause), stopBtn = button("Stop", on.stop);

  const opts = htmlEl("div", { class: "mm-options" }, root);
  const boxes = {};
  for (const [key, words] of OPTIONS) {
    const label = htmlEl("label", {}, opts);
    const box = htmlEl("input", { type: "checkbox", "data-option": key }, label);
    label.append(" " + words);
    box.addEventListener("change", () => on.option(key, box.checked));
    boxes[key] = box;
  }
  return {
    disc, phase, left, status, boxes,
    setState(state) {
      const s = buttonStates(state);
      startBtn.disabled = !s.start; pauseBtn.disabled = !s.pause; stopBtn.disabled = !s.stop;
      pauseBtn.textContent = s.pauseText;
    },
    showPhase(name) {
      phase.textContent = PHASE_LABEL[name];
      phase.dataset.phase = name;
      disc.setAttribute("data-phase", name);
    },
    showVolume(v) { disc.setAttribute("r", discRadius(v).toFixed(1)); },
  };
}
