// Sentences and tables of numbers. The templates and rows come from Python
// (picture.READOUT, compare.ROWS); this only fills them in.

// `v` with `d` decimals, as Python's f"{v:.{d}f}" writes it.
export function fixed(v, d) {
  return Number(v).toFixed(d);
}

// A template's placeholders (picture.fill_template) filled from `record`:
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

// A difference with its sign (+3, -2), and no sign when it reads 0 (compare.signed).
export function signed(delta, d) {
  const text = fixed(delta, d);
  if (Number(text) === 0) return fixed(0, d);
  return text.startsWith("-") ? text : `+${text}`;
}

export function diffCells(rows, a, b) {
  return rows.map(([key, label, unit, d]) => [
    label, `${fixed(a[key], d)} ${unit}`, `${fixed(b[key], d)} ${unit}`, `${signed(b[key] - a[key], d)} ${unit}`,
  ]);
}

// The comparison as a <table> (text nodes only: nothing is parsed as HTML).
export function diffTable(doc, rows, names, a, b) {
  const table = doc.createElement("table");
  table.className = "mm-diff";
  const line = (cells, tag) => {
    const tr = doc.createElement("tr");
    for (const text of cells) {
      const cell = doc.createElement(tag);
      cell.textContent = text;
      tr.appendChild(cell);
    }
    table.appendChild(tr);
  };
  line(["", names[0], names[1], `${names[1]} − ${names[0]}`], "th");
  for (const cells of diffCells(rows, a, b)) line(cells, "td");
  return table;
}
