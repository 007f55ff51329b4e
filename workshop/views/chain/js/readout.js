// Tables of numbers: the comparison. The rows come from Python (compare.ROWS); this
// only fills them in.
import { fixed } from "../../common/js/template.js";

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
