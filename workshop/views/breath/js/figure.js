// The movement panel: a body figure that moves with the breath, and the modelled load
// along the session. Everything it draws comes from the kernel (BreathPacer's
// movement_view): the skeleton's bones (workshop.views.body.geometry.SKELETON), the
// keypoints in px with lungs empty and full, the load trace and the panel's layout.
// The page only blends the two poses by the lung volume and sets attributes.
import { svgEl, htmlEl } from "./dom.js";

// Keypoints (px) at lung volume v (0 empty, 1 full): each point moves on the straight
// line from its empty pose to its full pose.
export function posedPoints(keyframes, v) {
  const out = {};
  for (const [name, a] of Object.entries(keyframes.empty)) {
    const b = keyframes.full[name];
    out[name] = [a[0] + v * (b[0] - a[0]), a[1] + v * (b[1] - a[1])];
  }
  return out;
}

// Each bone's polyline `points` attribute: [[bone, "x,y x,y ..."]] in SKELETON order.
export function bonePoints(lines, points) {
  return lines.map(([bone, names]) => [bone, names.map((n) => points[n].map((x) => x.toFixed(1)).join(",")).join(" ")]);
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

// Build the panel in `parent`; returns {draw(v, t, phaseName), remove()}.
export function movementPanel(parent, view, totalS) {
  const L = view.layout;
  const panel = htmlEl("div", { class: "mm-movement" }, parent);
  htmlEl("div", { class: "mm-status" }, panel).textContent = view.name;
  const svg = svgEl("svg", { width: L.width, height: L.height, viewBox: `0 0 ${L.width} ${L.height}`, role: "img", "aria-label": view.name }, panel);
  const bones = {};
  for (const [bone] of view.lines) bones[bone] = svgEl("polyline", { class: `mm-bone ${bone}` }, svg);
  const head = svgEl("circle", { class: "mm-head", r: L.head_r }, svg);
  svgEl("polyline", { class: "mm-trace", points: tracePoints(view.trace, L.trace, totalS) }, svg);
  const cursor = svgEl("line", { class: "mm-cursor", y1: L.cursor.top, y2: L.cursor.bottom }, svg);
  svgEl("text", { class: "mm-trace-label", x: L.label.x, y: L.label.y }, svg).textContent = view.trace_label;
  const cue = htmlEl("div", { class: "mm-status mm-cue" }, panel);
  htmlEl("div", { class: "mm-caution" }, panel).textContent = "Caution: " + view.caution;
  htmlEl("div", { class: "mm-status" }, panel).textContent = "Model note: " + view.model_note;

  function draw(v, t, phaseName) {
    const points = posedPoints(view.keyframes, v);
    for (const [bone, attr] of bonePoints(view.lines, points)) bones[bone].setAttribute("points", attr);
    head.setAttribute("cx", points.head[0]); head.setAttribute("cy", points.head[1]);
    const x = traceX(L.trace, totalS, t);
    cursor.setAttribute("x1", x); cursor.setAttribute("x2", x);
    cue.textContent = cueFor(view, phaseName);
  }
  draw(0, 0, "");
  return { draw, remove: () => panel.remove() };
}
