// Sentences and tables of numbers. The templates and rows come from Python
// (picture.READOUT, compare.ROWS); this only fills them in.

// `v` with `d` decimals, as Python's f"{v:.{d}f}" writes it.
export function fixed(v, d) {
  return Number(v).toFixed(d);
}

// Python's "{field:.Nf}" placeholders filled from `record`.
export function fillTemplate(template, record) {
  return template.replace(/\{(\w+):\.(\d+)f\}/g, (_, key, d) => {
    if (!(key in record)) throw new Error(`read-out: no ${key} in the record`);
    return fixed(record[key], Number(d));
  });
}

// For each [key, label, unit, decimals] row: label, A, B and B − A as text.
export function diffCells(rows, a, b) {
  return rows.map(([key, label, unit, d]) => {
    const delta = b[key] - a[key];
    const sign = fixed(delta, d).startsWith("-") ? "" : "+";
    return [label, `${fixed(a[key], d)} ${unit}`, `${fixed(b[key], d)} ${unit}`, `${sign}${fixed(delta, d)} ${unit}`];
  });
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
