// Sound cues, scheduled ahead on the AudioContext clock so they keep time even when
// frames are late. Which cues fall due is pure (cuesDue, ticksDue, cuedBefore); the
// scheduler only turns them into oscillator notes.
import { phaseIndexAt } from "./clock.js";

// Audio is scheduled this far ahead, s.
export const LOOKAHEAD_S = 1.5;
// A cue per phase start: pitch (Hz), length (s) and loudness (0-1). Holds are short.
export const TONES = {
  inhale: { hz: 523.25, dur_s: 0.6, gain: 0.25 },
  hold_in: { hz: 440.0, dur_s: 0.15, gain: 0.2 },
  exhale: { hz: 329.63, dur_s: 0.6, gain: 0.2 },
  hold_out: { hz: 440.0, dur_s: 0.15, gain: 0.2 },
};
// The optional soft tick each whole second.
export const TICK = { hz: 1200, dur_s: 0.03, gain: 0.04 };
// A cue this late (s) is still played, at once; a later one is skipped.
const LATE_CUE_S = 0.01;

// Phase cues due between nowS and nowS + horizonS, after phase `upTo` (the last one
// already scheduled): {cues: [{index, name, at_s}], upTo}. A cue whose phase began
// just now plays at once (at_s = nowS).
export function cuesDue(phases, upTo, nowS, horizonS) {
  const cues = [];
  let last = upTo;
  const n = phases.start_s.length;
  for (let i = Math.max(upTo + 1, phaseIndexAt(phases, Math.max(nowS, 0))); i < n && phases.start_s[i] <= nowS + horizonS; i++) {
    const start = phases.start_s[i];
    if (start >= nowS - LATE_CUE_S) cues.push({ index: i, name: phases.phase[i], at_s: Math.max(start, nowS) });
    last = i;
  }
  return { cues, upTo: last };
}

// Whole seconds due for a tick between nowS and nowS + horizonS, after second
// `upTo`, before the session ends: {seconds: [...], upTo}.
export function ticksDue(totalS, upTo, nowS, horizonS) {
  const seconds = [];
  let last = upTo;
  for (let s = Math.max(upTo + 1, Math.ceil(nowS)); s <= nowS + horizonS && s < totalS; s++) {
    seconds.push(s);
    last = s;
  }
  return { seconds, upTo: last };
}

// What counts as already cued when scheduling restarts at nowS (after a pause or a
// hidden tab): the current phase if it began before now, and the seconds gone by.
export function cuedBefore(phases, nowS) {
  const i = phaseIndexAt(phases, Math.max(nowS, 0));
  return { phaseUpTo: phases.start_s[i] < nowS ? i : i - 1, tickUpTo: Math.floor(nowS) };
}

// A scheduler on one AudioContext. `open()` must run inside the learner's click (the
// browser allows sound only then); without Web Audio every call does nothing.
export function audioScheduler() {
  let ctx = null, notes = [], phaseUpTo = -1, tickUpTo = -1;

  function note(atCtx, tone) {
    const osc = ctx.createOscillator(), g = ctx.createGain();
    osc.frequency.value = tone.hz;
    g.gain.setValueAtTime(0, atCtx);
    g.gain.linearRampToValueAtTime(tone.gain, atCtx + 0.02);
    g.gain.exponentialRampToValueAtTime(0.0001, atCtx + tone.dur_s);
    osc.connect(g).connect(ctx.destination);
    osc.start(atCtx); osc.stop(atCtx + tone.dur_s + 0.05);
    notes.push(osc);
  }
  return {
    open() {
      const Ctx = window.AudioContext || window.webkitAudioContext;
      if (Ctx && !ctx) { try { ctx = new Ctx(); } catch (e) { ctx = null; } }
      if (ctx && ctx.state === "suspended") ctx.resume();
      phaseUpTo = -1; tickUpTo = -1;
    },
    // Schedule what falls due within LOOKAHEAD_S of session time nowS.
    schedule(phases, nowS, withTicks) {
      if (!ctx) return;
      const offset = ctx.currentTime - nowS;  // session time -> audio time
      const due = cuesDue(phases, phaseUpTo, nowS, LOOKAHEAD_S);
      for (const cue of due.cues) note(cue.at_s + offset, TONES[cue.name]);
      phaseUpTo = due.upTo;
      if (withTicks) {
        const ticks = ticksDue(phases.total_s, tickUpTo, nowS, LOOKAHEAD_S);
        for (const s of ticks.seconds) note(s + offset, TICK);
        tickUpTo = ticks.upTo;
      }
    },
    cancel() {
      for (const osc of notes) { try { osc.stop(); } catch (e) { /* already stopped */ } }
      notes = [];
    },
    // Start again from nowS: drop the notes queued, keep what was already heard.
    restart(phases, nowS) {
      this.cancel();
      ({ phaseUpTo, tickUpTo } = cuedBefore(phases, nowS));
    },
    close() { this.cancel(); if (ctx) ctx.close(); ctx = null; },
  };
}
