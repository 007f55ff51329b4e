// The explorer's grid reader: every record field along one slider, looked up and
// interpolated while the learner drags. The byte layout is not known here: it
// arrives as `spec` (workshop/views/chain/grid.py, GridLayout.to_json), the same
// object the kernel writes with and the Python tests read with.

// The grid's values as a Float32Array, from what the widget model holds
// (a DataView), or an ArrayBuffer / typed array (tests).
export function floatsOf(spec, buffer) {
  if (spec.dtype !== "float32" || !spec.little_endian) {
    throw new Error(`grid: cannot read dtype ${spec.dtype} (little endian: ${spec.little_endian})`);
  }
  const view = ArrayBuffer.isView(buffer) ? buffer : new Uint8Array(buffer);
  if (view.byteLength !== 4 * spec.size) {
    throw new Error(`grid: ${view.byteLength} bytes received, the layout has ${4 * spec.size}`);
  }
  // Copied: a DataView into a larger message buffer may not be 4-byte aligned.
  const bytes = view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength);
  const data = new Float32Array(bytes);
  if (data.length !== spec.size) {
    throw new Error(`grid: ${data.length} values received, the layout has ${spec.size}`);
  }
  return data;
}

// Every field at `value` of control `controlIndex` of a grid: linear between slider
// steps, clipped to the control's range. Returns {field: number}.
export function lookup(spec, data, controlIndex, value) {
  const c = spec.controls[controlIndex];
  const off = spec.blocks[controlIndex];
  const n = c.n;
  const f = Math.min(Math.max((value - c.low) / c.step, 0), n - 1);
  const i0 = Math.floor(f);
  const i1 = Math.min(i0 + 1, n - 1);
  const w = f - i0;
  const out = {};
  spec.fields.forEach((name, k) => {
    const base = off + k * n;
    out[name] = data[base + i0] * (1 - w) + data[base + i1] * w;
  });
  return out;
}

// A reader bound to one grid: lookup by position and control names. A grid holds one
// position (its header says which); for another every field is NaN, "not computed".
export function gridReader(spec, buffer) {
  const data = floatsOf(spec, buffer);
  const held = spec.positions[data[0]];
  const controlIndex = Object.fromEntries(spec.controls.map((c, i) => [c.name, i]));
  const nothing = Object.fromEntries(spec.fields.map((f) => [f, NaN]));
  return {
    position: held,
    lookup(position, controlName, value) {
      const ci = controlIndex[controlName];
      if (!spec.positions.includes(position) || ci === undefined) {
        throw new Error(`grid: no block for ${position} / ${controlName}`);
      }
      return position === held ? lookup(spec, data, ci, value) : { ...nothing };
    },
  };
}

// Two records of the same setting: every field but the band within float32 rounding
// (a grid's blocks each hold the current setting at their own slider's current step).
export function sameSetting(bandFields, a, b) {
  if (!a || !b) return false;
  const band = new Set(bandFields);
  return Object.keys(b).every((f) => band.has(f)
    || Math.abs(b[f] - a[f]) <= 1e-5 * (1 + Math.abs(a[f]))
    || (Number.isNaN(b[f]) && Number.isNaN(a[f])));
}

// `next` with the band of `previous` where `next` has none (NaN: that slider's band not
// computed yet) and both records are the same setting. A band is never carried to a
// different setting.
export function carryBand(bandFields, previous, next) {
  if (!previous || bandFields.every((f) => Number.isFinite(next[f]))) return next;
  if (!sameSetting(bandFields, previous, next)) return next;
  const out = { ...next };
  for (const f of bandFields) out[f] = previous[f];
  return out;
}
