// Number templates filled from a record: the browser's half of
// workshop/views/common/template.py (fill_template), one dialect for both.

// `v` with `d` decimals, as Python's f"{v:.{d}f}" writes it.
export function fixed(v, d) {
  return Number(v).toFixed(d);
}

// A template's placeholders (template.fill_template) filled from `record`:
// "{field:.Nf}" the number, "{field|abs:.Nf}" its size, "{field|sign:A|B}" A when the
// field is 0.5 or more, B at -0.5 or less, nothing between.
export function fillTemplate(template, record) {
  return template.replace(/\{(\w+)(?:(\|abs)?:\.(\d+)f|\|sign:([^|}]*)\|([^}]*))\}/g,
    (_, key, abs, d, plus, minus) => {
      if (!(key in record)) throw new Error(`read-out: no ${key} in the record`);
      const v = record[key];
      if (plus !== undefined) return Math.abs(v) < 0.5 ? "" : v > 0 ? plus : minus;
      return fixed(abs ? Math.abs(v) : v, Number(d));
    });
}
