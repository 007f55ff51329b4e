// Breath pacer front end. Timed by the browser clock: the phase is computed from
// elapsed time in requestAnimationFrame (never by counting ticks), sounds are
// scheduled ahead on the AudioContext clock, and the phase is recomputed when the
// tab becomes visible again. The session log goes back to Python.
const SVGNS = "http://www.w3.org/2000/svg";
const LOOKAHEAD_S = 1.5;          // audio scheduled this far ahead
const PHASE_LABEL = { inhale: "Breathe in", hold_in: "Hold", exhale: "Breathe out", hold_out: "Hold" };
const PHASE_COLOUR = { inhale: "#56B4E9", hold_in: "#009E73", exhale: "#0072B2", hold_out: "#009E73" };
const TONE_HZ = { inhale: 523.25, exhale: 329.63, hold_in: 440.0, hold_out: 440.0 };

function el(tag, attrs, parent, ns) {
  const e = ns ? document.createElementNS(SVGNS, tag) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (parent) parent.appendChild(e);
  return e;
}

// The whole plan flattened to phases: [{start, dur, name, seg}] (seconds).
function flatten(plan) {
  const phases = [];
  plan.segments.forEach((seg, si) => {
    let t = seg.start_s;
    for (let c = 0; c < seg.cycles; c++) {
      for (const [name, dur] of seg.phases) {
        phases.push({ start: t, dur, name, seg: si });
        t += dur;
      }
    }
  });
  return phases;
}

// Index of the phase containing t (binary search over starts).
function locate(phases, t) {
  let lo = 0, hi = phases.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (phases[mid].start <= t) lo = mid; else hi = mid - 1;
  }
  return lo;
}

// Lung volume: raised cosine in inhale and exhale, flat in holds (as workshop.breath).
function volumeAt(p, t) {
  const x = Math.min(Math.max((t - p.start) / p.dur, 0), 1);
  const ease = 0.5 - 0.5 * Math.cos(Math.PI * x);
  if (p.name === "inhale") return ease;
  if (p.name === "exhale") return 1 - ease;
  return p.name === "hold_in" ? 1 : 0;
}

function render({ model, el: host }) {
  const plan = model.get("plan");
  const phases = flatten(plan);
  const total = plan.total_s;
  const movement = model.get("movement");

  const root = el("div", { class: "mm-pacer", "data-lm-suppress-shortcuts": "true" }, host);
  for (const type of ["keydown", "keyup", "keypress"]) root.addEventListener(type, (e) => e.stopPropagation());

  const row = el("div", { class: "mm-pacer-row" }, root);
  const svg = el("svg", { class: "mm-breath", width: 180, height: 180, viewBox: "0 0 180 180", role: "img", "aria-label": "breathing circle" }, row, true);
  el("circle", { cx: 90, cy: 90, r: 84, fill: "none", stroke: "#cccccc", "stroke-width": 2 }, svg, true);
  const disc = el("circle", { cx: 90, cy: 90, r: 30, fill: PHASE_COLOUR.inhale }, svg, true);
  const info = el("div", {}, row);
  const phaseEl = el("div", { class: "mm-phase", "aria-live": "assertive", role: "status" }, info);
  phaseEl.textContent = "Ready";
  const leftEl = el("div", { class: "mm-left" }, info);
  const statusEl = el("div", { class: "mm-status" }, info);
  statusEl.textContent = `${phases.length} phases, ${Math.round(total)} s`;

  const buttons = el("div", { class: "mm-pacer-row" }, root);
  const startBtn = el("button", { type: "button" }, buttons); startBtn.textContent = "Start";
  const pauseBtn = el("button", { type: "button", disabled: "" }, buttons); pauseBtn.textContent = "Pause";
  const stopBtn = el("button", { type: "button", disabled: "" }, buttons); stopBtn.textContent = "Stop";

  const opts = el("div", { class: "mm-options" }, root);
  const option = (label, key) => {
    const l = el("label", {}, opts);
    const box = el("input", { type: "checkbox" }, l);
    box.checked = !!model.get(key);
    l.append(" " + label);
    box.addEventListener("change", () => { model.set(key, box.checked); model.save_changes(); applyOptions(); });
    return box;
  };
  const soundBox = option("sound cues", "sound");
  const tickBox = option("soft tick each second", "tick");
  const eyesBox = option("eyes-closed mode (sound only)", "eyes_closed");
  function applyOptions() {
    root.classList.toggle("mm-eyes-closed", eyesBox.checked);
    if (eyesBox.checked && !soundBox.checked) { soundBox.checked = true; model.set("sound", true); model.save_changes(); }
    if (running) rescheduleAudio();
  }

  // Movement panel: a figure that moves with the breath, its load trace below.
  let figure = null;
  if (movement && movement.name) {
    const m = el("div", {}, root);
    el("div", { class: "mm-status" }, m).textContent = movement.name;
    const fsvg = el("svg", { width: 520, height: 230, viewBox: "0 0 520 230", role: "img", "aria-label": movement.name }, m, true);
    const lines = {};
    for (const [name] of movement.lines) {
      lines[name] = el("polyline", { fill: "none", stroke: name === "lumbar" ? "#0072B2" : "#444", "stroke-width": 5, "stroke-linecap": "round" }, fsvg, true);
    }
    const head = el("circle", { r: 12, fill: "#fff", stroke: "#444", "stroke-width": 3 }, fsvg, true);
    const trace = el("polyline", { fill: "none", stroke: "#D55E00", "stroke-width": 2 }, fsvg, true);
    const cursor = el("line", { y1: 150, y2: 225, stroke: "#000" }, fsvg, true);
    const traceLabel = el("text", { x: 4, y: 148, "font-size": 11 }, fsvg, true);
    traceLabel.textContent = movement.trace_label;
    const tr = movement.trace;
    const span = Math.max(...tr.v) - Math.min(...tr.v) || 1;
    const vmin = Math.min(...tr.v);
    trace.setAttribute("points", tr.t.map((t, i) => `${(10 + 500 * t / total).toFixed(1)},${(222 - 60 * (tr.v[i] - vmin) / span).toFixed(1)}`).join(" "));
    const cue = el("div", { class: "mm-status" }, m);
    el("div", { class: "mm-caution" }, m).textContent = "Caution: " + movement.caution;
    el("div", { class: "mm-status" }, m).textContent = "Model note: " + movement.model_note;
    figure = { lines, head, cursor, cue };
  }
  function drawFigure(v, t, phaseName) {
    if (!figure) return;
    const k = movement.keyframes;
    const P = (name) => {
      const a = k.empty[name], b = k.full[name];
      return [a[0] + v * (b[0] - a[0]), a[1] + v * (b[1] - a[1])];
    };
    for (const [name, pts] of movement.lines) {
      figure.lines[name].setAttribute("points", pts.map((n) => P(n).map((x) => x.toFixed(1)).join(",")).join(" "));
    }
    const [hx, hy] = P("head");
    figure.head.setAttribute("cx", hx); figure.head.setAttribute("cy", hy);
    const x = 10 + 500 * t / total;
    figure.cursor.setAttribute("x1", x); figure.cursor.setAttribute("x2", x);
    figure.cue.textContent = phaseName === "inhale" ? movement.inhale_cue : phaseName === "exhale" ? movement.exhale_cue : "";
  }

  // Clock -------------------------------------------------------------------------
  let running = false, paused = false;
  let t0 = 0, pausedMs = 0, pauseStart = 0;
  let current = -1, frame = 0, lastTs = 0, frameMs = 1000 / 60;
  let audio = null, scheduled = [], scheduledUpTo = -1, scheduledTicks = -1, audioTimer = null;
  let log = null;

  function elapsed(now) { return t0 === null ? 0 : (now - t0 - pausedMs) / 1000; }

  function tone(at, hz, dur, gain) {
    const osc = audio.createOscillator(), g = audio.createGain();
    osc.frequency.value = hz;
    g.gain.setValueAtTime(0, at);
    g.gain.linearRampToValueAtTime(gain, at + 0.02);
    g.gain.exponentialRampToValueAtTime(0.0001, at + dur);
    osc.connect(g).connect(audio.destination);
    osc.start(at); osc.stop(at + dur + 0.05);
    scheduled.push(osc);
  }
  // Schedule the cues that fall within the next LOOKAHEAD_S on the audio clock.
  function scheduleAudio() {
    if (!audio || !running || paused || t0 === null || !soundBox.checked) return;
    const nowT = elapsed(performance.now());
    const offset = audio.currentTime - nowT;  // session time -> audio time
    const horizon = nowT + LOOKAHEAD_S;
    for (let i = Math.max(scheduledUpTo + 1, locate(phases, Math.max(nowT, 0))); i < phases.length && phases[i].start <= horizon; i++) {
      const p = phases[i];
      if (p.start + offset >= audio.currentTime - 0.01) {
        const up = p.name === "inhale";
        tone(Math.max(p.start + offset, audio.currentTime), TONE_HZ[p.name], p.name.startsWith("hold") ? 0.15 : 0.6, up ? 0.25 : 0.2);
      }
      scheduledUpTo = i;
    }
    if (tickBox.checked) {
      for (let s = Math.max(scheduledTicks + 1, Math.ceil(nowT)); s <= horizon && s < total; s++) {
        tone(s + offset, 1200, 0.03, 0.04);
        scheduledTicks = s;
      }
    }
  }
  function cancelAudio() {
    for (const osc of scheduled) { try { osc.stop(); } catch (e) { /* already stopped */ } }
    scheduled = [];
  }
  function rescheduleAudio() {
    cancelAudio();
    const nowT = elapsed(performance.now());
    scheduledUpTo = locate(phases, Math.max(nowT, 0));
    if (phases[scheduledUpTo].start < nowT) { /* current phase already cued */ } else scheduledUpTo -= 1;
    scheduledTicks = Math.floor(nowT);
    scheduleAudio();
  }

  function show(ts) {
    if (!running || paused) return;
    // The session starts on the first frame after Start: anchoring the clock to the
    // display's frame grid puts every later boundary at the same place in its frame.
    // The frame's own timestamp can run at a slightly different rate from the page
    // clock in some browsers; the schedule lives on the page clock, so read it here.
    const now = performance.now();
    if (t0 === null) { t0 = now; scheduleAudio(); }
    // Estimate the display interval from recent frames, and show the state at the
    // middle of the coming frame's display, so a boundary is at most half a frame off.
    if (lastTs) frameMs = 0.9 * frameMs + 0.1 * Math.min(Math.max(ts - lastTs, 4), 50);
    lastTs = ts;
    const t = elapsed(now + frameMs / 2);
    if (t >= total) { finish("completed"); return; }
    const i = locate(phases, Math.max(t, 0));
    const p = phases[i];
    if (i !== current) {
      // A phase change seen on the clock is a boundary; a phase shown again after a
      // pause or a hidden tab is not, and is logged as such (last field 0).
      const boundary = current >= 0 || i === 0 ? 1 : 0;
      current = i;
      phaseEl.textContent = PHASE_LABEL[p.name];
      phaseEl.dataset.phase = p.name;
      phaseEl.dataset.index = String(i);
      disc.setAttribute("fill", PHASE_COLOUR[p.name]);
      log.shown.push([i, p.name, +(p.start).toFixed(4), +elapsed(now).toFixed(4), boundary]);
    }
    const v = volumeAt(p, t);
    disc.setAttribute("r", (30 + 54 * v).toFixed(1));
    leftEl.textContent = `${Math.ceil(p.start + p.dur - t)} s`;
    drawFigure(v, t, p.name);
    frame = requestAnimationFrame(show);
  }

  function start() {
    // Audio may start only from the learner's click: this handler is that click.
    const Ctx = window.AudioContext || window.webkitAudioContext;
    if (Ctx && !audio) { try { audio = new Ctx(); } catch (e) { audio = null; } }
    if (audio && audio.state === "suspended") audio.resume();
    t0 = null; pausedMs = 0; current = -1; lastTs = 0;
    scheduledUpTo = -1; scheduledTicks = -1;
    log = { started_wall_ms: Date.now(), total_s: total, shown: [], pauses: [], end: null };
    root.pacerLog = log;  // readable by tests and benchmarks
    running = true; paused = false;
    startBtn.disabled = true; pauseBtn.disabled = false; stopBtn.disabled = false;
    pauseBtn.textContent = "Pause";
    audioTimer = setInterval(scheduleAudio, 250);
    frame = requestAnimationFrame(show);
  }
  function pause() {
    if (!running) return;
    if (!paused) {
      paused = true; pauseStart = performance.now();
      cancelAnimationFrame(frame); cancelAudio();
      pauseBtn.textContent = "Resume";
      phaseEl.textContent = "Paused";
      log.pauses.push([+elapsed(pauseStart).toFixed(4), null]);
      sendLog();
    } else {
      pausedMs += performance.now() - pauseStart; paused = false;
      log.pauses[log.pauses.length - 1][1] = +((performance.now() - pauseStart) / 1000).toFixed(4);
      current = -1; lastTs = 0;
      pauseBtn.textContent = "Pause";
      rescheduleAudio();
      frame = requestAnimationFrame(show);
    }
  }
  function finish(reason) {
    running = false; paused = false;
    cancelAnimationFrame(frame); clearInterval(audioTimer);
    if (reason !== "completed") cancelAudio();
    log.end = { reason, at_s: +elapsed(performance.now()).toFixed(4) };
    phaseEl.textContent = reason === "completed" ? "Well done" : "Stopped";
    startBtn.disabled = false; pauseBtn.disabled = true; stopBtn.disabled = true;
    sendLog();
  }
  function sendLog() { model.set("log", JSON.parse(JSON.stringify(log))); model.save_changes(); }

  startBtn.addEventListener("click", start);
  pauseBtn.addEventListener("click", pause);
  stopBtn.addEventListener("click", () => finish("stopped"));
  // A hidden tab throttles timers: when it is visible again, recompute the phase from
  // the clock at once and schedule the coming sounds anew.
  const onVisible = () => {
    if (document.visibilityState === "visible" && running && !paused) {
      current = -1; lastTs = 0; rescheduleAudio();
      cancelAnimationFrame(frame); frame = requestAnimationFrame(show);
    }
  };
  document.addEventListener("visibilitychange", onVisible);
  applyOptions();
  if (figure) drawFigure(0, 0, "");
  return () => {
    running = false; cancelAnimationFrame(frame); clearInterval(audioTimer); cancelAudio();
    document.removeEventListener("visibilitychange", onVisible);
    if (audio) audio.close();
  };
}

export default { render };
