/* Table columns aligned for reading from a distance: text to the left, numbers to the
 * right. JupyterLab's stylesheet right-aligns every cell, which leaves long questions
 * and cautions ragged on the left. A column whose body cells all read as numbers
 * ("+10.0 °", "589 N", "0.49 MPa", "-0.74 (-1.04 to -0.44)") gets the class
 * `workshop-num` (right-aligned by the deck's CSS); every other cell is left-aligned.
 * Runs once in the built deck before the slides are measured.
 */
(function (global) {
  "use strict";

  const NUMBER = /^[+\-−±~≈]?\s?\d[\d.,]*(\s?[%°]|\s?[A-Za-z]{1,4})?(\s?\(.*\))?$/;

  function isNumber(text) {
    text = text.trim();
    return text === "" || text === "—" || (text.length <= 40 && NUMBER.test(text));
  }

  function alignTable(table) {
    const body = Array.prototype.filter.call(table.rows, function (row) {
      return row.parentNode.tagName !== "THEAD" && row.querySelector("td");
    });
    let width = 0;
    body.forEach(function (row) { width = Math.max(width, row.cells.length); });
    for (let col = 0; col < width; col++) {
      const cells = body.map(function (row) { return row.cells[col]; }).filter(Boolean);
      const numeric = cells.some(function (c) { return c.textContent.trim() !== ""; }) &&
        cells.every(function (c) { return c.tagName === "TD" && isNumber(c.textContent); });
      if (!numeric) continue;
      Array.prototype.forEach.call(table.rows, function (row) {
        if (row.cells.length === width && row.cells[col]) row.cells[col].classList.add("workshop-num");
      });
    }
  }

  global.workshopAlignTables = function (root) {
    Array.prototype.forEach.call(root.querySelectorAll("table"), alignTable);
  };
})(window);
