// Breath pacer front end (the entry: BreathPacer's _esm bundles it with its modules).
// Timed by the browser clock: the phase is computed from elapsed time in
// requestAnimationFrame (never by counting ticks), sounds are scheduled ahead on the
// AudioContext clock, and the phase is recomputed when the tab becomes visible again.
// The run log goes back to the kernel; every change the kernel makes comes in through
// the syncer.
import { elapsedS, frameIntervalMs, pausedClock, phaseEndS, phaseIndexAt, resumedClock, runClock, volumeInPhase } from "./js/clock.js";
import { audioScheduler } from "./js/audio.js";
import { movementPanel } from "./js/figure.js";
import { pacerControls, settleOptions } from "./js/controls.js";
import { endRecord, newRunLog, pauseRecord, roundS, shownRecord } from "./js/runlog.js";
import { syncModel } from "./js/syncer.js";
import { htmlEl } from "./js/dom.js";
import { progressText } from "./js/progress.js";

// How often the audio lookahead is topped up, ms.
const AUDIO_REFILL_MS = 250;

function render({ model, el: host }) {
  const root = htmlEl("div", { class: "mm-pacer", "data-lm-suppress-shortcuts": "true" }, host);
  // Keys pressed in the pacer are the pacer's, not JupyterLab's shortcuts.
  for (const type of ["keydown", "keyup", "keypress"]) root.addEventListener(type, (e) => e.stopPropagation());

  let phases = model.get("plan").phases;
  let progress = model.get("plan").progress;
  let figure = null;
  let state = "idle";  // idle, running, paused
  let clock = null, current = -1, frame = 0, lastTs = 0, frameMs = 1000 / 60;
  let log = null, audioTimer = null;
  const audio = audioScheduler();
  const ui = pacerControls(root, { start, pause: togglePause, stop: () => finish("stopped"), option: setOption });
  const movementHost = htmlEl("div", {}, root);

  function options() {
    return { sound: ui.boxes.sound.checked, tick: ui.boxes.tick.checked, eyes_closed: ui.boxes.eyes_closed.checked };
  }
  // Show the options settled by the rule; send the kernel what differs from its own
  // (the learner's click, or what the rule changed).
  function applyOptions(opts) {
    const settled = settleOptions(opts);
    for (const [key, box] of Object.entries(ui.boxes)) box.checked = settled[key];
    root.classList.toggle("mm-eyes-closed", settled.eyes_closed);
    const changed = Object.keys(settled).filter((k) => settled[k] !== model.get(k));
    for (const key of changed) model.set(key, settled[key]);
    if (changed.length) model.save_changes();
    if (state === "running") restartAudio();
  }
  function setOption(key, checked) { applyOptions({ ...options(), [key]: checked }); }

  function showIdle(text) {
    ui.phase.textContent = text;
    ui.status.textContent = model.get("plan").summary;
    ui.setState("idle");
  }
  function showMovement(view) {
    if (figure) figure.remove();
    figure = view && view.name ? movementPanel(movementHost, view, phases.total_s) : null;
  }

  // Clock -------------------------------------------------------------------------
  function now() { return performance.now(); }
  function sessionS(atMs) { return clock === null ? 0 : elapsedS(clock, atMs); }
  function scheduleAudio() {
    if (state === "running" && clock !== null && ui.boxes.sound.checked) {
      audio.schedule(phases, sessionS(now()), ui.boxes.tick.checked);
    }
  }
  function restartAudio() {
    audio.restart(phases, sessionS(now()));
    scheduleAudio();
  }

  function show(ts) {
    if (state !== "running") return;
    // The session starts on the first frame after Start: anchoring the clock to the
    // display's frame grid puts every later boundary at the same place in its frame.
    // The frame's own timestamp can run at a slightly different rate from the page
    // clock in some browsers; the schedule lives on the page clock, so read it here.
    const nowMs = now();
    if (clock === null) { clock = runClock(nowMs); scheduleAudio(); }
    // Estimate the display interval from recent frames, and show the state at the
    // middle of the coming frame's display, so a boundary is at most half a frame off.
    if (lastTs) frameMs = frameIntervalMs(frameMs, ts - lastTs);
    lastTs = ts;
    const t = elapsedS(clock, nowMs + frameMs / 2);
    if (t >= phases.total_s) { finish("completed"); return; }
    const i = phaseIndexAt(phases, Math.max(t, 0));
    if (i !== current) {
      // A phase change seen on the clock is a boundary; a phase shown again after a
      // pause or a hidden tab is not, and is logged as such.
      const boundary = current >= 0 || i === 0;
      current = i;
      ui.showPhase(phases.phase[i]);
      ui.phase.dataset.index = String(i);
      log.shown.push(shownRecord(phases, i, elapsedS(clock, nowMs), boundary));
    }
    const v = volumeInPhase(phases, i, t);
    ui.showVolume(v);
    ui.left.textContent = `${Math.ceil(phaseEndS(phases, i) - t)} s`;
    // Which breath of how many, its rate, and the session's time to go.
    const where = progressText(progress, i, phases.total_s - Math.max(t, 0));
    if (ui.status.textContent !== where) ui.status.textContent = where;
    if (figure) figure.draw(v, t, phases.phase[i]);
    frame = requestAnimationFrame(show);
  }

  function start() {
    // Audio may start only from the learner's click: this handler is that click.
    audio.open();
    clock = null; current = -1; lastTs = 0;
    log = newRunLog(Date.now(), phases.total_s);
    root.pacerLog = log;  // readable by tests and benchmarks
    state = "running";
    ui.setState(state);
    audioTimer = setInterval(scheduleAudio, AUDIO_REFILL_MS);
    frame = requestAnimationFrame(show);
  }
  function togglePause() {
    if (state === "running" && clock !== null) {
      const nowMs = now();
      state = "paused";
      cancelAnimationFrame(frame); audio.cancel();
      ui.setState(state);
      ui.phase.textContent = "Paused";
      log.pauses.push(pauseRecord(elapsedS(clock, nowMs)));
      clock = pausedClock(clock, nowMs);
      sendLog();
    } else if (state === "paused") {
      const resumed = resumedClock(clock, now());
      clock = resumed.run;
      log.pauses[log.pauses.length - 1].duration_s = roundS(resumed.pause_s);
      state = "running"; current = -1; lastTs = 0;
      ui.setState(state);
      restartAudio();
      frame = requestAnimationFrame(show);
    }
  }
  function halt() {
    cancelAnimationFrame(frame); clearInterval(audioTimer);
  }
  function finish(reason) {
    if (state === "idle") return;
    halt();
    if (reason !== "completed") audio.cancel();
    log.end = endRecord(reason, sessionS(now()));
    state = "idle";
    showIdle(reason === "completed" ? "Well done" : "Stopped");
    sendLog();
  }
  function sendLog() { model.set("log", JSON.parse(JSON.stringify(log))); model.save_changes(); }

  // A hidden tab throttles timers: when it is visible again, recompute the phase from
  // the clock at once and schedule the coming sounds anew.
  const onVisible = () => {
    if (document.visibilityState === "visible" && state === "running" && clock !== null) {
      current = -1; lastTs = 0; restartAudio();
      cancelAnimationFrame(frame); frame = requestAnimationFrame(show);
    }
  };
  document.addEventListener("visibilitychange", onVisible);

  // The kernel's changes after display.
  const unsync = syncModel(model, {
    // A new plan: a run of the old one ends unlogged (its log would not fit the plan).
    plan(plan) {
      halt(); audio.cancel(); state = "idle"; log = null;
      phases = plan.phases;
      progress = plan.progress;
      ui.left.textContent = "";
      ui.showVolume(0);
      showIdle("Ready");
      showMovement(model.get("movement_view"));
    },
    movement_view(view) { showMovement(view); },
    sound(value) { applyOptions({ ...options(), sound: value }); },
    tick(value) { applyOptions({ ...options(), tick: value }); },
    eyes_closed(value) { applyOptions({ ...options(), eyes_closed: value }); },
    // The kernel's copy of the run log: it keeps the last valid one the page sent and
    // clears it for a new plan. The page's own run goes on; nothing to redraw.
    log() {},
  });

  showIdle("Ready");
  showMovement(model.get("movement_view"));
  applyOptions({ sound: !!model.get("sound"), tick: !!model.get("tick"), eyes_closed: !!model.get("eyes_closed") });
  return () => {
    state = "idle"; halt(); audio.close(); unsync();
    document.removeEventListener("visibilitychange", onVisible);
  };
}

export default { render };
