// The explorer's side of the widget model: what it sends to the kernel and what
// it does when the kernel changes a synced trait. Every synced trait is here:
//   values        sent (debounced) after a drag; a change from Python moves the sliders
//   pinned        sent on Pin/Unpin; a change from Python shows or hides the pinned picture
//   pinned_state  the kernel's record of the pinned setting: paints the pinned picture
//   grid          the kernel's fresh grids: repaint
//   focus         sent as a slider is reached (its band is computed); a change from
//                 Python: that slider is the one read
//   layout_json   read once by render (the kernel never changes it)

// Two settings equal to 1e-6 (numbers) or exactly (the position).
export function sameValues(a, b) {
  const keys = new Set([...Object.keys(a || {}), ...Object.keys(b || {})]);
  return [...keys].every((k) =>
    typeof a[k] === "number" && typeof b[k] === "number" ? Math.abs(a[k] - b[k]) < 1e-6 : a[k] === b[k]);
}

export function isEmpty(obj) {
  return !obj || Object.keys(obj).length === 0;
}

// The pinned record to paint: the kernel's, if it belongs to the pinned setting.
export function pinnedRecord(pinned, pinnedState) {
  if (isEmpty(pinned) || isEmpty(pinnedState)) return null;
  return sameValues(pinnedState.values, pinned) ? pinnedState.record : null;
}

// Wire `view` to `model`. `view` has:
//   values()              the view's current setting
//   adoptValues(values)   a setting from the kernel (not an echo of ours)
//   adoptGrid(buffer)     new grids
//   adoptPinned(pinned, record)  pinned setting ({} none) and its record (null: not yet)
//   adoptFocus(name)      the slider the kernel bands
// Returns {sendValues(), sendPinned(values), sendFocus(name), dispose()}.
export function connect(model, view, delayMs) {
  let timer = null;
  let lastSent = { ...model.get("values") };
  const onValues = () => {
    // Echoes of what this view sent are ignored, so a drag in progress never jumps back.
    const v = model.get("values");
    if (!sameValues(v, lastSent) && !sameValues(v, view.values())) {
      lastSent = { ...v };
      view.adoptValues({ ...v });
    }
  };
  const onGrid = () => view.adoptGrid(model.get("grid"));
  const onPinned = () => {
    const pinned = model.get("pinned");
    view.adoptPinned(pinned, pinnedRecord(pinned, model.get("pinned_state")));
  };
  const onFocus = () => view.adoptFocus(model.get("focus"));
  // The view's setting into the model (sent with the next save_changes).
  const setValues = () => {
    timer = null;
    lastSent = { ...view.values() };
    model.set("values", lastSent);
  };
  model.on("change:values", onValues);
  model.on("change:focus", onFocus);
  model.on("change:grid", onGrid);
  model.on("change:pinned", onPinned);
  model.on("change:pinned_state", onPinned);
  return {
    sendValues() {
      clearTimeout(timer);
      timer = setTimeout(() => {
        setValues();
        model.save_changes();
      }, delayMs);
    },
    sendFocus(name) {
      if (model.get("focus") === name) return;
      // Values still waiting go with it: the band is computed at the setting on screen.
      if (timer !== null) {
        clearTimeout(timer);
        setValues();
      }
      model.set("focus", name);
      model.save_changes();
    },
    sendPinned(values) {
      model.set("pinned", values ? { ...values } : {});
      model.save_changes();
    },
    dispose() {
      clearTimeout(timer);
      model.off("change:values", onValues);
      model.off("change:focus", onFocus);
      model.off("change:grid", onGrid);
      model.off("change:pinned", onPinned);
      model.off("change:pinned_state", onPinned);
    },
  };
}
