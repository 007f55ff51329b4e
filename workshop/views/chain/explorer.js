// KineticChainExplorer front end (the entry module; workshop.views.common.esm
// bundles it with ./js/*.js into the widget's one ES module).
// While a slider moves, the answer is looked up on the grid the kernel sent and the
// picture repainted in the same event: no kernel round trip. The kernel hears the new
// setting once the learner pauses, and sends fresh grids for the other sliders.
// Everything drawn arrives in layout_json (explorer.browser_layout): this file only
// composes the parts.
import { carryBand, gridReader, sameSetting } from "./js/grid.js";
import { makeFrame, paint } from "./js/painter.js";
import { buildControls } from "./js/controls.js";
import { diffTable } from "./js/readout.js";
import { fillTemplate } from "../common/js/template.js";
import { connect, isEmpty, pinnedRecord } from "./js/syncer.js";

export const SYNC_DELAY_MS = 150;
export const READOUT_DELAY_MS = 250;

function div(doc, className) {
  const d = doc.createElement("div");
  if (className) d.className = className;
  return d;
}

function render({ model, el }) {
  const doc = el.ownerDocument;
  const layout = JSON.parse(model.get("layout_json"));
  const pic = layout.picture;
  const root = div(doc, "mm-explorer");
  root.style.setProperty("--mm-focus", pic.colours.focus);
  // Keys pressed on these controls belong to them, not to JupyterLab's notebook shortcuts.
  root.setAttribute("data-lm-suppress-shortcuts", "true");
  for (const type of ["keydown", "keyup", "keypress"]) {
    root.addEventListener(type, (e) => e.stopPropagation());
  }
  el.appendChild(root);

  let values = { ...model.get("values") };
  let grid = gridReader(layout.grid, model.get("grid"));
  // The slider whose grid block is read at rest: the last one moved or reached. The
  // kernel computes the band along it only (``focus``).
  let lastMoved = model.get("focus");
  // A slider reached while the grid still holds an older setting (a drag not yet sent,
  // or its grid not back): read once a grid for the setting on screen arrives.
  let reachWaiting = null;
  let current = null; // the record painted now
  let pinned = null; // {record} while a comparison is shown

  const row = div(doc, "mm-row");
  const controls = buildControls(doc, layout.controls, layout.positions, {
    input(name, value) {
      values[name] = value;
      if (name !== "position") {
        lastMoved = name;
        reachWaiting = null;
        sync.sendFocus(name); // no message if reaching the slider sent it already
      }
      update();
      sync.sendValues();
    },
    reach(name) {
      sync.sendFocus(name);
      readAlong(name);
    },
    reset() {
      for (const c of layout.controls) values[c.name] = c.default;
      values.position = layout.positions[0];
      update();
      sync.sendValues();
    },
    pin() {
      if (pinned) {
        showPinned(null);
        sync.sendPinned(null);
      } else {
        showPinned(current);
        sync.sendPinned(values);
      }
    },
  });
  const stage = div(doc, "mm-stage");
  row.append(controls.group, stage);
  root.appendChild(row);
  // Pinned: A (pinned) | the differences | B (now); explorer.css lays them side by side
  // when the widget is wide enough, stacked otherwise.
  const diff = div(doc, "mm-diff-box");
  const live = makeFrame(doc, pic);
  stage.append(diff, live);
  let pinnedFrame = null;

  const readout = div(doc, "mm-readout");
  readout.setAttribute("aria-live", "polite");
  readout.setAttribute("role", "status");
  const note = div(doc, "mm-note");
  note.textContent = layout.note;
  root.append(readout, note);

  // Read the grid along slider `name` from now on: the same setting along another
  // slider (its band follows from the kernel), once the grid holds that setting.
  function readAlong(name) {
    if (name === lastMoved) return;
    const here = grid.lookup(values.position, lastMoved, values[lastMoved]);
    const there = grid.lookup(values.position, name, values[name]);
    if (Number.isFinite(here.compression_N) && sameSetting(layout.grid.band_fields, here, there)) {
      lastMoved = name;
      reachWaiting = null;
      update();
    } else {
      reachWaiting = name;
    }
  }

  const [nameA, nameB] = layout.pinned_names;
  let readoutTimer = null;
  function update() {
    controls.show(values, pinned !== null);
    const next = carryBand(
      layout.grid.band_fields,
      current,
      grid.lookup(values.position, lastMoved, values[lastMoved]),
    );
    // A position the kernel has not computed for this setting yet (NaN): keep the
    // picture until its grid arrives (one round trip; the kernel computes only the
    // current position's grid).
    root.dataset.waiting = Number.isFinite(next.compression_N) ? "" : "grid";
    if (root.dataset.waiting) return;
    current = next;
    paint(live, pic, current, pinned ? nameB : "");
    root.dataset.compression = current.compression_N.toFixed(0);
    clearTimeout(readoutTimer);
    readoutTimer = setTimeout(() => {
      readout.textContent = fillTemplate(pic.readout, current);
    }, READOUT_DELAY_MS);
    diff.replaceChildren(...(pinned ? [diffTable(doc, layout.diff_rows, layout.pinned_names, pinned.record, current)] : []));
  }

  // Show the pinned picture for `record`, or none (null).
  function showPinned(record) {
    if (record && !pinnedFrame) {
      pinnedFrame = makeFrame(doc, pic);
      stage.insertBefore(pinnedFrame, diff);
    } else if (!record && pinnedFrame) {
      stage.removeChild(pinnedFrame);
      pinnedFrame = null;
    }
    stage.classList.toggle("mm-pinned", Boolean(record));
    // Pinned, both pictures show the body and its close-up; the table has the numbers.
    const view = record ? pic.pinned_view : [0, 0, ...pic.size];
    for (const frame of [pinnedFrame, live].filter(Boolean)) {
      frame.setAttribute("viewBox", view.join(" "));
      frame.setAttribute("width", view[2]);
      frame.setAttribute("height", view[3]);
    }
    pinned = record ? { record } : null;
    if (record) paint(pinnedFrame, pic, record, nameA);
    update();
  }

  const sync = connect(
    model,
    {
      values: () => values,
      adoptValues(v) {
        values = v;
        update();
      },
      adoptGrid(buffer) {
        grid = gridReader(layout.grid, buffer);
        if (reachWaiting) readAlong(reachWaiting);
        update();
      },
      adoptFocus(name) {
        readAlong(name);
      },
      adoptPinned(setting, record) {
        // Unpinned: hide. Pinned with the kernel's record: paint it. Pinned but the
        // record not here yet (our own click, or pin() before its record): keep.
        if (isEmpty(setting)) showPinned(null);
        else if (record) showPinned(record);
      },
    },
    SYNC_DELAY_MS,
  );
  update();
  // Displayed after pin() in Python: show the comparison at once.
  const first = pinnedRecord(model.get("pinned"), model.get("pinned_state"));
  if (first) showPinned(first);
  return () => {
    sync.dispose();
    clearTimeout(readoutTimer);
  };
}

export default { render };
