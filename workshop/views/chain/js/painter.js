// Paints the explorer's picture: sets attributes on the SVG frame the kernel sent
// (picture.frame_svg) from one record of the grid. Coordinates, rotations, sizes,
// colours and texts all come from the frame's data-* hooks (documented in
// workshop/views/body/drawing.py) and from `pic` (picture.paint_spec); numbers are
// written as the static twin (picture.paint_elements) writes them (0.1 px).
import { fillTemplate, fixed } from "../../common/js/template.js";
import { loadSidePx, muscleStroke, paintBody, pointsAttr, set, toPx } from "../../body/js/paint.js";

// The body's painter lives with the body (workshop/views/body/js/paint.js); its helpers
// stay reachable from here for the explorer's modules and tests.
export { loadSidePx, muscleStroke, paintBody, pointsAttr, toPx };

// What one gauge shows: value text, "above limit", the off-scale mark, bar and band
// geometry (px).
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
    // Past the full scale the bar stops at the gauge's end; a mark there says so.
    off_scale: size > gauge.full_scale ? pic.off_scale : "",
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

// Paint `svg` (a frame) for `record`; `title` goes in the top-left corner.
export function paint(svg, pic, record, title) {
  paintBody(svg, pic, record);
  svg.querySelector("[data-role=title]").textContent = title || "";
  for (const gauge of pic.gauges) {
    const r = gaugeReading(pic, gauge, record);
    const text = svg.querySelector(`text[data-gauge="${gauge.key}"]`);
    text.querySelector("[data-role=value]").textContent = r.value;
    text.querySelector("[data-role=over]").textContent = r.over;
    svg.querySelector(`[data-gauge-off="${gauge.key}"]`).textContent = r.off_scale;
    set(svg.querySelector(`[data-gauge-bar="${gauge.key}"]`), { width: r.bar_width, fill: r.bar_fill });
    set(svg.querySelector(`[data-gauge-band="${gauge.key}"]`), { x: r.band_x, width: r.band_width });
  }
  // A screen reader hears which picture it is (A or B while pinned) and its numbers.
  svg.setAttribute("aria-label", (title ? `${title}: ` : "") + fillTemplate(pic.readout, record));
}
