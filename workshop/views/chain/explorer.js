// KineticChainExplorer front end: draws the body from precomputed model grids.
// While a slider moves, the answer is looked up on the grid the kernel sent and the
// SVG is updated in the same event: no kernel round trip. The kernel hears the new
// setting once the learner pauses, and sends fresh grids for the other sliders.
const SVGNS = "http://www.w3.org/2000/svg";
const SYNC_DELAY_MS = 150;
const READOUT_DELAY_MS = 250;

function svgEl(tag, attrs, parent) {
  const e = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (parent) parent.appendChild(e);
  return e;
}

function sameValues(a, b) {
  return Object.keys(a).every((k) =>
    typeof a[k] === "number" ? Math.abs(a[k] - b[k]) < 1e-6 : a[k] === b[k]);
}

function fmt(v, d) { return Number(v).toFixed(d); }

function readoutText(n) {
  return `Pelvic tilt ${fmt(n.pelvic_tilt_deg, 0)} degrees, lumbar lordosis ${fmt(n.lumbar_lordosis_deg, 0)} degrees, ` +
    `L4/L5 compression ${fmt(n.compression_N, 0)} newtons, shear ${fmt(n.shear_N, 0)} newtons, ` +
    `disc pressure ${fmt(n.disc_pressure_MPa, 2)} megapascals.`;
}

class Grid {
  constructor(layout, dataView) {
    this.layout = layout;
    const bytes = dataView.buffer.slice(dataView.byteOffset, dataView.byteOffset + dataView.byteLength);
    this.data = new Float32Array(bytes);
    this.nFields = layout.fields.length;
    this.fieldIndex = Object.fromEntries(layout.fields.map((f, i) => [f, i]));
    this.offsets = [];  // [position][control] -> start offset
    let off = 0;
    for (let p = 0; p < layout.positions.length; p++) {
      const row = [];
      for (const c of layout.controls) {
        const n = Math.round((c.high - c.low) / c.step) + 1;
        row.push({ off, n });
        off += n * this.nFields;
      }
      this.offsets.push(row);
    }
  }
  // Every field at `value` of control `ci` for position `pi` (linear between grid points).
  lookup(pi, ci, value) {
    const c = this.layout.controls[ci];
    const { off, n } = this.offsets[pi][ci];
    const f = Math.min(Math.max((value - c.low) / c.step, 0), n - 1);
    const i0 = Math.floor(f), i1 = Math.min(i0 + 1, n - 1), w = f - i0;
    const out = {};
    const d = this.data;
    this.layout.fields.forEach((name, k) => {
      const base = off + k * n;
      out[name] = d[base + i0] * (1 - w) + d[base + i1] * w;
    });
    return out;
  }
}

function drawBody(svg, layout) {
  const g = svgEl("g", { class: "body" }, svg);
  const parts = {};
  const floorY = layout.origin[1] + 0.86 * layout.scale + 2;
  svgEl("line", { x1: 0, y1: floorY, x2: layout.size[0] * 0.62, y2: floorY, stroke: "#bbbbbb" }, g);
  parts.muscles = layout.muscles.map(([name]) => {
    const l = svgEl("line", { class: "muscle", "data-muscle": name, stroke: "#D55E00", "stroke-width": 9, "stroke-linecap": "round" }, g);
    l.appendChild(svgEl("title"));
    return l;
  });
  const line = (attrs) => svgEl("polyline", { fill: "none", "stroke-linecap": "round", "stroke-linejoin": "round", ...attrs }, g);
  parts.legs = line({ stroke: "#444444", "stroke-width": 7 });
  parts.pelvis = line({ stroke: "#444444", "stroke-width": 4, class: "pelvis" });
  parts.lumbar = line({ stroke: "#0072B2", "stroke-width": 6, class: "lumbar" });
  parts.thorax = line({ stroke: "#444444", "stroke-width": 7 });
  parts.arm = line({ stroke: "#444444", "stroke-width": 5 });
  parts.head = svgEl("circle", { r: 0.1 * layout.scale, fill: "#ffffff", stroke: "#444444", "stroke-width": 4 }, g);
  parts.disc = svgEl("circle", { class: "l4l5", r: 6, fill: "#F0E442", stroke: "#000" }, g);
  parts.load = svgEl("rect", { class: "load", fill: "#56B4E9", stroke: "#000" }, g);
  parts.title = svgEl("text", { x: 10, y: 20, "font-size": 14, "font-weight": "bold" }, g);
  return parts;
}

function drawGauges(svg, layout) {
  const g = svgEl("g", { class: "gauges", "font-size": 12 }, svg);
  const x0 = 470, width = 220;
  return layout.gauges.map(([key, label, unit, full, limit, limitLabel, dec], i) => {
    const y = 40 + i * 62;
    const text = svgEl("text", { x: x0, y: y - 6, "data-gauge": key }, g);
    svgEl("rect", { x: x0, y, width, height: 16, fill: "#eeeeee" }, g);
    const band = svgEl("rect", { class: "band", x: x0, y, width: 0, height: 16, fill: "#56B4E9", opacity: 0.6 }, g);
    const bar = svgEl("rect", { x: x0, y: y + 4, width: 0, height: 8, fill: "#0072B2" }, g);
    if (limit !== null) {
      const lx = x0 + (limit / full) * width;
      svgEl("line", { x1: lx, y1: y - 2, x2: lx, y2: y + 18, stroke: "#000", "stroke-dasharray": "3,2" }, g);
      const t = svgEl("text", { x: lx, y: y + 30, "font-size": 10, "text-anchor": "middle" }, g);
      t.textContent = limitLabel;
    }
    return { key, label, unit, full, limit, dec, text, band, bar, x0, width };
  });
}

function drawBadges(svg, layout) {
  const x0 = 470, y0 = 230;
  const g = svgEl("g", { class: "badges", "font-size": 11 }, svg);
  const h = svgEl("text", { x: x0, y: y0 - 8, "font-weight": "bold" }, g);
  h.textContent = "Evidence for each link";
  layout.badges.forEach(([label, grade, source], i) => {
    const y = y0 + i * 22;
    const r = svgEl("rect", { x: x0, y, width: 66, height: 16, rx: 3, fill: layout.grade_colours[grade] }, g);
    r.appendChild(svgEl("title")).textContent = source;
    const t = svgEl("text", { x: x0 + 33, y: y + 12, fill: "#fff", "text-anchor": "middle" }, g);
    t.textContent = grade;
    svgEl("text", { x: x0 + 72, y: y + 12 }, g).textContent = label;
  });
}

function makeFrame(layout, title) {
  const [w, h] = layout.size;
  const svg = svgEl("svg", { width: w, height: h, viewBox: `0 0 ${w} ${h}`, "font-family": "sans-serif", role: "img" });
  svgEl("rect", { width: w, height: h, fill: "#ffffff" }, svg);
  const body = drawBody(svg, layout);
  body.title.textContent = title || "";
  const gauges = drawGauges(svg, layout);
  drawBadges(svg, layout);
  return { svg, body, gauges };
}

function paint(frame, layout, s, loadKg) {
  const P = (name) => {
    const x = layout.origin[0] + layout.scale * s[`${name}_x`];
    const y = layout.origin[1] - layout.scale * s[`${name}_y`];
    return [x, y];
  };
  const pts = (names) => names.map((n) => P(n).map((v) => v.toFixed(1)).join(",")).join(" ");
  const b = frame.body;
  b.legs.setAttribute("points", pts(["ankle", "knee", "hip"]));
  b.pelvis.setAttribute("points", pts(["psis", "s1", "asis", "hip", "psis"]));
  b.lumbar.setAttribute("points", pts(["s1", "l5", "l4l5", "l3", "l2", "l1"]));
  b.thorax.setAttribute("points", pts(["l1", "c7"]));
  b.arm.setAttribute("points", pts(["shoulder", "elbow", "hand"]));
  const [hx, hy] = P("head");
  b.head.setAttribute("cx", hx); b.head.setAttribute("cy", hy);
  const [dx, dy] = P("l4l5");
  b.disc.setAttribute("cx", dx); b.disc.setAttribute("cy", dy);
  const [lx, ly] = P("load");
  const side = loadKg > 0 ? 10 + 1.2 * loadKg : 0;
  b.load.setAttribute("x", lx - side / 2); b.load.setAttribute("y", ly - side / 2);
  b.load.setAttribute("width", side); b.load.setAttribute("height", side);
  layout.muscles.forEach(([name, key, full, a, c], i) => {
    const [x1, y1] = P(a), [x2, y2] = P(c);
    const line = b.muscles[i];
    line.setAttribute("x1", x1); line.setAttribute("y1", y1);
    line.setAttribute("x2", x2); line.setAttribute("y2", y2);
    const frac = Math.min(Math.max(s[key] / full, 0), 1);
    line.setAttribute("opacity", (0.12 + 0.88 * frac).toFixed(2));
    line.firstChild.textContent = `${name}: ${fmt(s[key], 0)} N`;
  });
  const band = {
    compression_N: [s.compression_low, s.compression_high],
    disc_pressure_MPa: [s.pressure_low, s.pressure_high],
  };
  for (const gg of frame.gauges) {
    const v = s[gg.key];
    const over = gg.limit !== null && v > gg.limit;
    gg.text.textContent = `${gg.label}: ${fmt(v, gg.dec)} ${gg.unit}${over ? " — above limit" : ""}`;
    gg.bar.setAttribute("width", (Math.min(Math.max(v / gg.full, 0), 1) * gg.width).toFixed(1));
    gg.bar.setAttribute("fill", over ? "#D55E00" : "#0072B2");
    if (band[gg.key]) {
      const [lo, hi] = band[gg.key].map((x) => Math.min(Math.max(x / gg.full, 0), 1));
      gg.band.setAttribute("x", (gg.x0 + lo * gg.width).toFixed(1));
      gg.band.setAttribute("width", ((hi - lo) * gg.width).toFixed(1));
    }
  }
  frame.svg.setAttribute("aria-label", readoutText(s));
}

const DIFF_ROWS = [
  ["pelvic_tilt_deg", "pelvic tilt", "°", 1],
  ["lumbar_lordosis_deg", "lumbar lordosis", "°", 1],
  ["compression_N", "L4/L5 compression", "N", 0],
  ["shear_N", "L4/L5 shear", "N", 0],
  ["disc_pressure_MPa", "disc pressure", "MPa", 2],
];

function render({ model, el }) {
  const layout = JSON.parse(model.get("layout_json"));
  const root = document.createElement("div");
  root.className = "mm-explorer";
  // Keys pressed on these controls belong to them, not to JupyterLab's notebook shortcuts.
  root.setAttribute("data-lm-suppress-shortcuts", "true");
  for (const type of ["keydown", "keyup", "keypress"]) {
    root.addEventListener(type, (e) => e.stopPropagation());
  }
  el.appendChild(root);

  let values = { ...model.get("values") };
  let grid = new Grid(layout, model.get("grid"));
  let lastMoved = 0;
  let pinned = null;

  // Controls ---------------------------------------------------------------------
  const row = document.createElement("div");
  row.className = "mm-row";
  root.appendChild(row);
  const controls = document.createElement("div");
  controls.className = "mm-controls";
  controls.setAttribute("role", "group");
  controls.setAttribute("aria-label", "Kinetic chain controls");
  row.appendChild(controls);

  const uid = Math.random().toString(36).slice(2, 8);
  const posLabel = document.createElement("label");
  posLabel.textContent = "Position";
  posLabel.htmlFor = `mm-position-${uid}`;
  const select = document.createElement("select");
  select.id = posLabel.htmlFor;
  select.name = "position";
  for (const p of layout.positions) {
    const o = document.createElement("option");
    o.value = p; o.textContent = p;
    select.appendChild(o);
  }
  controls.append(posLabel, select, document.createElement("span"));

  const inputs = layout.controls.map((c, i) => {
    const label = document.createElement("label");
    label.textContent = c.label + (c.unit ? ` (${c.unit})` : "");
    label.title = c.help;
    const input = document.createElement("input");
    Object.assign(input, { type: "range", min: c.low, max: c.high, step: c.step, name: c.name });
    input.id = `mm-${c.name}-${uid}`;
    label.htmlFor = input.id;
    input.setAttribute("aria-describedby", `${input.id}-help`);
    const out = document.createElement("output");
    out.htmlFor = input.id;
    const help = document.createElement("span");
    help.id = `${input.id}-help`; help.hidden = true; help.textContent = c.help;
    controls.append(label, input, out, help);
    input.addEventListener("input", () => {
      // Clamp and snap like the Python side does.
      const v = Math.min(Math.max(Number(input.value), c.low), c.high);
      values[c.name] = Number((c.low + Math.round((v - c.low) / c.step) * c.step).toFixed(6));
      lastMoved = i;
      update();
      scheduleSync();
    });
    return { c, input, out };
  });

  const buttons = document.createElement("div");
  buttons.className = "mm-buttons";
  const reset = document.createElement("button");
  reset.textContent = "Reset";
  const pin = document.createElement("button");
  pin.textContent = "Pin for comparison";
  pin.setAttribute("aria-pressed", "false");
  buttons.append(reset, pin);
  controls.appendChild(buttons);

  // Picture ----------------------------------------------------------------------
  const stage = document.createElement("div");
  stage.className = "mm-stage";
  row.appendChild(stage);
  const live = makeFrame(layout, "");
  stage.appendChild(live.svg);
  let pinnedFrame = null;

  const readout = document.createElement("div");
  readout.className = "mm-readout";
  readout.setAttribute("aria-live", "polite");
  readout.setAttribute("role", "status");
  root.appendChild(readout);
  const diff = document.createElement("div");
  root.appendChild(diff);
  const note = document.createElement("div");
  note.className = "mm-note";
  note.textContent = "Model, not measurement: a static model of one average man, 1.75 m tall (de Leva's table), at the body mass you set. The pale band is the 5–95 % range over uncertain constants. It does not diagnose.";
  root.appendChild(note);

  function state() {
    const pi = layout.positions.indexOf(values.position);
    const c = layout.controls[lastMoved];
    return grid.lookup(pi, lastMoved, values[c.name]);
  }

  let readoutTimer = null;
  let current = null;
  function update() {
    select.value = values.position;
    for (const { c, input, out } of inputs) {
      input.value = values[c.name];
      const v = Number(values[c.name]);
      out.value = c.step < 1 ? v.toFixed(2) : v.toFixed(0);
      input.setAttribute("aria-valuetext", `${out.value}${c.unit ? " " + c.unit : ""}`);
    }
    current = state();
    paint(live, layout, current, values.load_kg);
    live.body.title.textContent = pinned ? "B (now)" : "";
    root.dataset.compression = current.compression_N.toFixed(0);
    clearTimeout(readoutTimer);
    readoutTimer = setTimeout(() => { readout.textContent = readoutText(current); }, READOUT_DELAY_MS);
    if (pinned) showDiff();
  }

  function showDiff() {
    const rows = DIFF_ROWS.map(([k, label, u, d]) =>
      `<tr><td>${label}</td><td>${fmt(pinned.state[k], d)} ${u}</td><td>${fmt(current[k], d)} ${u}</td><td>${(current[k] - pinned.state[k] >= 0 ? "+" : "")}${fmt(current[k] - pinned.state[k], d)} ${u}</td></tr>`).join("");
    diff.innerHTML = `<table class="mm-diff"><tr><th></th><th>A (pinned)</th><th>B (now)</th><th>B − A</th></tr>${rows}</table>`;
  }

  let syncTimer = null;
  let lastSent = { ...values };
  function scheduleSync() {
    clearTimeout(syncTimer);
    syncTimer = setTimeout(() => {
      lastSent = { ...values };
      model.set("values", { ...values });
      model.save_changes();
    }, SYNC_DELAY_MS);
  }

  select.addEventListener("change", () => {
    values.position = select.value;
    update();
    scheduleSync();
  });
  reset.addEventListener("click", () => {
    for (const { c } of inputs) values[c.name] = c.default;
    values.position = layout.positions[0];
    update();
    scheduleSync();
  });
  pin.addEventListener("click", () => {
    if (pinned) {
      pinned = null;
      stage.removeChild(pinnedFrame.svg);
      pinnedFrame = null;
      diff.innerHTML = "";
      pin.textContent = "Pin for comparison";
      pin.setAttribute("aria-pressed", "false");
      model.set("pinned", {});
    } else {
      pinned = { state: { ...current }, load: values.load_kg };
      pinnedFrame = makeFrame(layout, "A (pinned)");
      paint(pinnedFrame, layout, pinned.state, pinned.load);
      stage.insertBefore(pinnedFrame.svg, live.svg);
      pin.textContent = "Unpin";
      pin.setAttribute("aria-pressed", "true");
      model.set("pinned", { ...values });
    }
    model.save_changes();
    update();
  });

  model.on("change:grid", () => {
    grid = new Grid(layout, model.get("grid"));
    update();
  });
  model.on("change:values", () => {
    // A change made from Python (explorer.set): adopt it.
    // Echoes of what this view sent are ignored, so a drag in progress never jumps back.
    const v = model.get("values");
    if (!sameValues(v, lastSent)) { values = { ...v }; lastSent = { ...v }; update(); }
  });
  update();
  return () => { clearTimeout(syncTimer); clearTimeout(readoutTimer); };
}

export default { render };
