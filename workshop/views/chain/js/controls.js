// The explorer's controls: a position menu, one slider per control, Reset and Pin.
// Ranges, steps, labels, units and help texts come from Python (controls.CONTROLS).

// How long a pointer rests on a slider before it counts as reaching it, ms (a pointer
// passing over the sliders on its way elsewhere reaches none).
export const REACH_REST_MS = 200;

// Clamp to the range and snap to the step, as Control.clamp does in Python.
export function snap(control, value) {
  const v = Math.min(Math.max(Number(value), control.low), control.high);
  return Number((control.low + Math.round((v - control.low) / control.step) * control.step).toFixed(6));
}

// The number shown beside a slider and the text a screen reader says for it.
export function valueText(control, value) {
  const v = Number(value);
  const shown = control.step < 1 ? v.toFixed(2) : v.toFixed(0);
  return { shown, spoken: `${shown}${control.unit ? " " + control.unit : ""}` };
}

// Build the controls in `doc`; `on.input(name, value)`, `on.reset()`, `on.pin()`, and
// `on.reach(name)` when the pointer or the keyboard reaches a slider (before it moves).
// Returns the group element and `show(values, pinned)` to move every control.
export function buildControls(doc, controls, positions, on) {
  const group = doc.createElement("div");
  group.className = "mm-controls";
  group.setAttribute("role", "group");
  group.setAttribute("aria-label", "Kinetic chain controls");
  const uid = Math.random().toString(36).slice(2, 8);

  const posLabel = doc.createElement("label");
  posLabel.textContent = "Position";
  posLabel.htmlFor = `mm-position-${uid}`;
  const select = doc.createElement("select");
  select.id = posLabel.htmlFor;
  select.name = "position";
  for (const p of positions) {
    const o = doc.createElement("option");
    o.value = p;
    o.textContent = p;
    select.appendChild(o);
  }
  select.addEventListener("change", () => on.input("position", select.value));
  group.append(posLabel, select, doc.createElement("span"));

  const sliders = controls.map((c) => {
    const label = doc.createElement("label");
    label.textContent = c.label + (c.unit ? ` (${c.unit})` : "");
    label.title = c.help;
    const input = doc.createElement("input");
    Object.assign(input, { type: "range", min: c.low, max: c.high, step: c.step, name: c.name });
    input.id = `mm-${c.name}-${uid}`;
    label.htmlFor = input.id;
    input.setAttribute("aria-describedby", `${input.id}-help`);
    const out = doc.createElement("output");
    out.htmlFor = input.id;
    const help = doc.createElement("span");
    help.id = `${input.id}-help`;
    help.hidden = true;
    help.textContent = c.help;
    group.append(label, input, out, help);
    input.addEventListener("input", () => on.input(c.name, snap(c, input.value)));
    // A pointer resting on a slider, pressing it, or the keyboard reaching it.
    let resting = null;
    input.addEventListener("pointerenter", () => {
      resting = setTimeout(() => on.reach?.(c.name), REACH_REST_MS);
    });
    input.addEventListener("pointerleave", () => clearTimeout(resting));
    for (const type of ["pointerdown", "focus"]) {
      input.addEventListener(type, () => { clearTimeout(resting); on.reach?.(c.name); });
    }
    return { c, input, out };
  });

  const buttons = doc.createElement("div");
  buttons.className = "mm-buttons";
  const reset = doc.createElement("button");
  reset.textContent = "Reset";
  reset.addEventListener("click", () => on.reset());
  const pin = doc.createElement("button");
  pin.addEventListener("click", () => on.pin());
  buttons.append(reset, pin);
  group.appendChild(buttons);

  function show(values, pinned) {
    select.value = values.position;
    for (const { c, input, out } of sliders) {
      input.value = values[c.name];
      const t = valueText(c, values[c.name]);
      out.value = t.shown;
      input.setAttribute("aria-valuetext", t.spoken);
    }
    pin.textContent = pinned ? "Unpin" : "Pin for comparison";
    pin.setAttribute("aria-pressed", pinned ? "true" : "false");
  }
  return { group, show };
}
