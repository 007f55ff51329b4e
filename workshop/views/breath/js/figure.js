// The movement panel: the one body (workshop/views/body/drawing.py) moving with the
// breath, and the modelled load along the session. Everything it draws comes from the
// kernel (BreathPacer's movement_view): the body's drawing with its data-* hooks, the
// painter's spec, keyframe records (the body's pose at a few lung volumes), the load
// trace and the panel's layout. The page only blends the two keyframes either side of
// the lung volume and paints the body with the body's painter.
import { svgEl, htmlEl } from "./dom.js";
import { paintBody } from "../../body/js/paint.js";

// The record at lung volume v (0 empty, 1 full): every field on the straight line
// between the keyframes either side (movement_view.record_at is its Python twin).
export function recordAt(keyframes, v) {
  const vols = keyframes.volumes, recs = keyframes.records;
  const x = Math.min(Math.max(v, vols[0]), vols[vols.length - 1]);
  let i = 0;
  while (i < vols.length - 2 && x > vols[i + 1]) i += 1;
  const f = (x - vols[i]) / (vols[i + 1] - vols[i]);
  const a = recs[i], b = recs[i + 1], out = {};
  for (const k of Object.keys(a)) out[k] = a[k] + f * (b[k] - a[k]);
  return out;
}

// The body's drawing (unpainted markup) as a <g> in `svg`.
export function bodyGroup(svg, markup) {
  const g = svgEl("g", { class: "mm-body" }, svg);
  // The markup is the kernel's own drawing (body_elements), parsed as SVG.
  const doc = new DOMParser().parseFromString(
    `<svg xmlns="http://www.w3.org/2000/svg">${markup}</svg>`, "image/svg+xml");
  for (const el of Array.from(doc.documentElement.childNodes)) g.appendChild(svg.ownerDocument.importNode(el, true));
  return g;
}

// Paint the body group `body` (bodyGroup) at lung volume v.
export function paintFigure(body, view, v) {
  paintBody(body, view.pic, recordAt(view.keyframes, v));
}

// x (px) of session time t on the trace's time axis.
export function traceX(box, totalS, t) {
  return box.x0 + (box.x1 - box.x0) * t / totalS;
}

// The load trace's polyline `points`: time along x, the value scaled to the box's
// height above its bottom (a flat trace lies on the bottom).
export function tracePoints(trace, box, totalS) {
  const low = Math.min(...trace.v), span = Math.max(...trace.v) - low || 1;
  return trace.t.map((t, i) => `${traceX(box, totalS, t).toFixed(1)},${(box.bottom - box.height * (trace.v[i] - low) / span).toFixed(1)}`).join(" ");
}

// The words shown under the figure in a phase: the movement's cue for in and out.
export function cueFor(view, phaseName) {
  if (phaseName === "inhale") return view.inhale_cue;
  if (phaseName === "exhale") return view.exhale_cue;
  return "";
}

// Build the panel in `parent`; returns {draw(v, t, phaseName), remove()}: draw paints the
// body at lung volume v and moves the trace's cursor to session time t.
export function movementPanel(parent, view, totalS) {
  const L = view.layout;
  const panel = htmlEl("div", { class: "mm-movement" }, parent);
  htmlEl("div", { class: "mm-status" }, panel).textContent = view.name;
  const svg = svgEl("svg", { width: L.width, height: L.height, viewBox: `0 0 ${L.width} ${L.height}`, role: "img", "aria-label": view.name }, panel);
  const body = bodyGroup(svg, view.body_svg);
  svgEl("polyline", { class: "mm-trace", points: tracePoints(view.trace, L.trace, totalS) }, svg);
  const cursor = svgEl("line", { class: "mm-cursor", y1: L.cursor.top, y2: L.cursor.bottom }, svg);
  svgEl("text", { class: "mm-trace-label", x: L.label.x, y: L.label.y }, svg).textContent = view.trace_label;
  const cue = htmlEl("div", { class: "mm-status mm-cue" }, panel);
  htmlEl("div", { class: "mm-caution" }, panel).textContent = "Caution: " + view.caution;
  htmlEl("div", { class: "mm-status" }, panel).textContent = "Model note: " + view.model_note;
  // A floor movement offers its seated alternative (and a seated one names its floor movement).
  if (view.alternative) htmlEl("div", { class: "mm-status mm-alternative" }, panel).textContent = view.alternative;

  function draw(v, t, phaseName) {
    paintFigure(body, view, v);
    const x = traceX(L.trace, totalS, t);
    cursor.setAttribute("x1", x); cursor.setAttribute("x2", x);
    cue.textContent = cueFor(view, phaseName);
  }
  draw(0, 0, "");
  return { draw, remove: () => panel.remove() };
}
