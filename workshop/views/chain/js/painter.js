// Paints the explorer's picture: sets attributes on the SVG frame the kernel sent
// (picture.frame_svg) from one record of the grid. Coordinates, rotations, sizes,
// colours and texts all come from the frame's data-* hooks (documented in
// workshop/views/body/drawing.py) and from `pic` (picture.paint_spec); numbers are
// written as the static twin (picture.paint_elements) writes them (0.1 px).
import { fillTemplate, fixed } from "./readout.js";

// Picture coordinates (px, y down) of keypoint `name` in `record` (metres, y up).
export function toPx(pic, record, name) {
  return [
    pic.origin[0] + pic.scale * record[`${name}_x`],
    pic.origin[1] - pic.scale * record[`${name}_y`],
  ];
}

// An SVG `points` attribute through the keypoints `names`.
export function pointsAttr(pic, record, names) {
  return names.map((n) => toPx(pic, record, n).map((v) => fixed(v, 1)).join(",")).join(" ");
}

// A muscle's stroke width (px) and opacity for its force (picture.muscle_stroke).
export function muscleStroke(pic, force, fullScale) {
  const f = Math.min(Math.max(force / fullScale, 0), 1);
  const [base, span] = pic.muscle_width;
  const [rest, opacitySpan] = pic.muscle_opacity;
  return [base + span * f, rest + opacitySpan * f];
}

export function loadSidePx(pic, loadKg) {
  const [base, perKg] = pic.load_side_px;
  return loadKg > 0 ? base + perKg * loadKg : 0;
}

// What one gauge shows: value text, "above limit", bar and band geometry (px).
// A gauge with `words` shows the size of a signed output and its direction.
export function gaugeReading(pic, gauge, record) {
  const value = record[gauge.key];
  const size = gauge.words ? Math.abs(value) : value;
  const over = gauge.limit !== null && size > gauge.limit;
  const frac = (v) => Math.min(Math.max(v / gauge.full_scale, 0), 1);
  let text = `${fixed(size, gauge.decimals)} ${gauge.unit}`;
  // No direction for a shown 0.
  if (gauge.words && size >= 0.5 * 10 ** -gauge.decimals) text += " " + (value >= 0 ? gauge.words[0] : gauge.words[1]);
  const reading = {
    value: text,
    over: over ? pic.over_limit : "",
    bar_width: fixed(frac(size) * pic.gauge.width, 1),
    bar_fill: over ? pic.colours.bar_over : pic.colours.bar,
    band_x: fixed(pic.gauge.x, 1),
    band_width: fixed(0, 1),
  };
  // A band not computed yet (NaN) is not drawn.
  if (gauge.band && gauge.band.every((f) => Number.isFinite(record[f]))) {
    const [lo, hi] = gauge.band.map((f) => frac(record[f]));
    reading.band_x = fixed(pic.gauge.x + lo * pic.gauge.width, 1);
    reading.band_width = fixed((hi - lo) * pic.gauge.width, 1);
  }
  return reading;
}

// A fresh copy of the frame as an <svg> element of `doc`.
export function makeFrame(doc, pic) {
  const t = doc.createElement("template");
  t.innerHTML = pic.frame_svg;
  return t.content.firstElementChild;
}

function set(el, attrs) {
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
}

// Set the hooks of one element (see body/drawing.py for the table of hooks).
function paintElement(el, pic, record) {
  const d = el.dataset;
  const at = (name) => toPx(pic, record, name);
  if (d.keypoints) el.setAttribute("points", pointsAttr(pic, record, d.keypoints.split(" ")));
  if (d.rotate) {
    const [x, y] = at(d.at);
    el.setAttribute("transform",
      `translate(${fixed(x, 1)},${fixed(y, 1)}) rotate(${fixed(record[`${d.rotate}_rot`], 1)})`);
  } else if (d.at) {
    const [x, y] = at(d.at);
    const tag = el.localName;
    if (tag === "circle") {
      set(el, { cx: fixed(x, 1), cy: fixed(y, 1) });
    } else if (tag === "text") {
      set(el, { x: fixed(x + Number(d.dx), 1), y: fixed(y + Number(d.dy), 1) });
    } else if (tag === "rect") {
      const side = loadSidePx(pic, record.load_kg);
      set(el, { x: fixed(x - side / 2, 1), y: fixed(y - side / 2, 1), width: fixed(side, 1), height: fixed(side, 1) });
    }
  }
  if (d.force) {
    const force = record[d.force];
    const [width, opacity] = muscleStroke(pic, force, Number(d.fullScale));
    set(el, { "stroke-width": fixed(width, 1), opacity: fixed(opacity, 2) });
    el.querySelector("title").textContent = `${d.muscle}: ${fixed(force, 0)} N`;
  }
  if (d.insetAt) {
    const [x, y] = at(d.insetAt);
    const v = Number(d.view);
    el.setAttribute("viewBox", `${fixed(x - v / 2, 1)} ${fixed(y - v / 2, 1)} ${fixed(v, 1)} ${fixed(v, 1)}`);
  }
  if (d.shownBy) el.setAttribute("visibility", record[d.shownBy] > 0.5 ? "visible" : "hidden");
  if (d.template) el.textContent = fillTemplate(d.template, record);
}

const HOOKS = "[data-keypoints],[data-rotate],[data-at],[data-force],[data-inset-at],"
  + "[data-shown-by],[data-template]";

// Set every body hook in `root` (an <svg> or a group of body.drawing elements) for
// `record`; `pic` needs `origin`, `scale`, `muscle_width`, `muscle_opacity`, `load_side_px`.
// Any picture of the body drawn from body.drawing (the pacer's figure too) paints this way.
export function paintBody(root, pic, record) {
  for (const el of root.querySelectorAll(HOOKS)) paintElement(el, pic, record);
}

// Paint `svg` (a frame) for `record`; `title` goes in the top-left corner.
export function paint(svg, pic, record, title) {
  paintBody(svg, pic, record);
  svg.querySelector("[data-role=title]").textContent = title || "";
  for (const gauge of pic.gauges) {
    const r = gaugeReading(pic, gauge, record);
    const text = svg.querySelector(`text[data-gauge="${gauge.key}"]`);
    text.querySelector("[data-role=value]").textContent = r.value;
    text.querySelector("[data-role=over]").textContent = r.over;
    set(svg.querySelector(`[data-gauge-bar="${gauge.key}"]`), { width: r.bar_width, fill: r.bar_fill });
    set(svg.querySelector(`[data-gauge-band="${gauge.key}"]`), { x: r.band_x, width: r.band_width });
  }
  // A screen reader hears which picture it is (A or B while pinned) and its numbers.
  svg.setAttribute("aria-label", (title ? `${title}: ` : "") + fillTemplate(pic.readout, record));
}
