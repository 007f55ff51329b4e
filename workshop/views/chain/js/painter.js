// Paints the explorer's picture: sets attributes on the SVG frame the kernel sent
// (picture.frame_svg) from one record of the grid. Coordinates, sizes, colours and
// texts all come from the frame's data-* hooks and from `pic` (picture.paint_spec);
// numbers are written as the static twin writes them (0.1 px).
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

export function muscleOpacity(pic, force, fullScale) {
  const [rest, span] = pic.muscle_opacity;
  return rest + span * Math.min(Math.max(force / fullScale, 0), 1);
}

export function loadSidePx(pic, loadKg) {
  const [base, perKg] = pic.load_side_px;
  return loadKg > 0 ? base + perKg * loadKg : 0;
}

// What one gauge shows: value text, "above limit", bar and band geometry (px).
export function gaugeReading(pic, gauge, record) {
  const value = record[gauge.key];
  const over = gauge.limit !== null && value > gauge.limit;
  const frac = (v) => Math.min(Math.max(v / gauge.full_scale, 0), 1);
  const reading = {
    value: `${fixed(value, gauge.decimals)} ${gauge.unit}`,
    over: over ? pic.over_limit : "",
    bar_width: fixed(frac(value) * pic.gauge.width, 1),
    bar_fill: over ? pic.colours.bar_over : pic.colours.bar,
    band_x: fixed(pic.gauge.x, 1),
    band_width: fixed(0, 1),
  };
  if (gauge.band && gauge.band.every((f) => f in record)) {
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

// Paint `svg` (a frame) for `record`; `title` goes in the top-left corner.
export function paint(svg, pic, record, title) {
  for (const bone of svg.querySelectorAll("[data-bone]")) {
    bone.setAttribute("points", pointsAttr(pic, record, bone.dataset.keypoints.split(" ")));
  }
  for (const line of svg.querySelectorAll("[data-muscle]")) {
    const [x1, y1] = toPx(pic, record, line.dataset.from);
    const [x2, y2] = toPx(pic, record, line.dataset.to);
    const force = record[line.dataset.force];
    set(line, { x1: fixed(x1, 1), y1: fixed(y1, 1), x2: fixed(x2, 1), y2: fixed(y2, 1) });
    line.setAttribute("opacity", fixed(muscleOpacity(pic, force, Number(line.dataset.fullScale)), 2));
    line.querySelector("title").textContent = `${line.dataset.muscle}: ${fixed(force, 0)} N`;
  }
  for (const circle of svg.querySelectorAll("circle[data-at]")) {
    const [cx, cy] = toPx(pic, record, circle.dataset.at);
    set(circle, { cx: fixed(cx, 1), cy: fixed(cy, 1) });
  }
  for (const rect of svg.querySelectorAll("rect[data-at]")) {
    const side = loadSidePx(pic, record.load_kg);
    const [lx, ly] = toPx(pic, record, rect.dataset.at);
    set(rect, { x: fixed(lx - side / 2, 1), y: fixed(ly - side / 2, 1), width: fixed(side, 1), height: fixed(side, 1) });
  }
  svg.querySelector("[data-role=title]").textContent = title || "";
  for (const gauge of pic.gauges) {
    const r = gaugeReading(pic, gauge, record);
    const text = svg.querySelector(`text[data-gauge="${gauge.key}"]`);
    text.querySelector("[data-role=value]").textContent = r.value;
    text.querySelector("[data-role=over]").textContent = r.over;
    set(svg.querySelector(`[data-gauge-bar="${gauge.key}"]`), { width: r.bar_width, fill: r.bar_fill });
    set(svg.querySelector(`[data-gauge-band="${gauge.key}"]`), { x: r.band_x, width: r.band_width });
  }
  svg.setAttribute("aria-label", fillTemplate(pic.readout, record));
}
