// Paints the one body (workshop/views/body/drawing.py: body_elements) on any picture:
// sets attributes on its data-* hooks from one record (geometry.pose fields: {point}_x,
// {point}_y in metres, {part}_rot in degrees, chair_shown). The explorer (chain) and the
// breath pacer's movement figure both paint this way; numbers are written as the Python
// twins write them (0.1 px). `pic` gives `origin` and `scale` (px) and the muscles' and
// load's sizes (`muscle_width`, `muscle_opacity`, `load_side_px`).
import { fillTemplate, fixed } from "../../common/js/template.js";

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

// A muscle's stroke width (px) and opacity for its force (body/paint.py muscle_stroke).
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

export function set(el, attrs) {
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
      // The load rests on the floor rather than pass through it.
      const top = Math.min(y - side / 2, pic.floor_y_px - side);
      set(el, { x: fixed(x - side / 2, 1), y: fixed(top, 1), width: fixed(side, 1), height: fixed(side, 1) });
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
