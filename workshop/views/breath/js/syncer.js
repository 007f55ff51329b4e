// The two-way contract with the kernel: every synced trait of BreathPacer has a
// handler here, run when the kernel changes it after display.

// The synced traits of BreathPacer (its own, not ipywidgets' or anywidget's).
export const SYNCED_KEYS = ["plan", "movement_view", "sound", "tick", "eyes_closed", "log"];

// Call handlers[key](value) on every change of a synced trait; returns a function
// that stops listening. Refuses handlers that do not cover SYNCED_KEYS exactly.
export function syncModel(model, handlers) {
  const keys = Object.keys(handlers).sort();
  if (keys.join() !== [...SYNCED_KEYS].sort().join()) {
    throw new Error(`pacer handlers must be exactly ${SYNCED_KEYS.join(", ")}; got ${keys.join(", ")}`);
  }
  const bound = SYNCED_KEYS.map((key) => [`change:${key}`, () => handlers[key](model.get(key))]);
  for (const [event, fn] of bound) model.on(event, fn);
  return () => { for (const [event, fn] of bound) model.off(event, fn); };
}
