/* Continue a slide that is taller than the deck on the next slide, so nothing is cut.
 *
 * Runs once in the built deck, before Reveal.initialize, with the slides laid out at
 * the deck's own size (width x height in CSS px, before reveal.js scales them to the
 * screen), so the result is the same on every screen. A slide whose content runs
 * below `height - reserve` is cut before the first block that does not fit: a
 * paragraph, a list item, a picture, a table row (the table's header row is repeated)
 * or a line of preformatted text. The rest goes to a new slide placed right after
 * it, headed "<the slide's heading> (continued)" and marked `workshop-continued`;
 * speaker notes stay on the first part. Before that, a picture that would be parted
 * from its slide's text, or from the note or caption under it, shrinks to fit when it
 * keeps at least 60 % of its height. A block taller than a whole slide cannot
 * be continued and stays where it is (tests/test_slides_fit.py then fails on it).
 *
 * Authors split slides where the story breaks (the cells' slideshow metadata); this
 * only catches what is still too long, such as long tables.
 */
(function (global) {
  "use strict";

  const CONTAINERS = { DIV: true, MAIN: true, UL: true, OL: true, DETAILS: true, BLOCKQUOTE: true };
  const HEADINGS = { H1: true, H2: true, H3: true };
  // A table of up to this many body rows moves to the next slide whole rather than
  // being cut (unless it starts its slide and still does not fit).
  const SHORT_TABLE_ROWS = 8;
  // A picture may shrink to this share of its height to stay on the slide with the
  // text that introduces it and the note or caption under it; smaller, its labels get
  // hard to read from the back of a room, and it starts a slide of its own instead.
  const MIN_PICTURE_SCALE = 0.6;
  // A slide whose content would end above this share of its height if a short table
  // moved on whole is nearly empty: the table is cut between rows instead.
  const SPARSE_SLIDE = 0.4;

  function isNotes(el) {
    return el.nodeType === 1 && el.matches("aside.notes");
  }

  /* Layout furniture that spans its cell's height but shows nothing (hidden prompts,
   * collapsers) or an element with no content: never a block to cut before. */
  function isEmpty(el) {
    if (el.matches(".jp-Collapser, .jp-InputPrompt, .jp-OutputPrompt")) return true;
    return el.children.length === 0 && !el.textContent.trim() && !/^(IMG|SVG|HR|CANVAS|VIDEO|IFRAME)$/i.test(el.tagName);
  }

  function isPicture(el) {
    return el.matches(".jp-RenderedSVG, .jp-RenderedImage");
  }

  /* A table's header rows: its <thead>, else the leading rows of header cells only. */
  function headerRows(table) {
    const head = table.querySelectorAll(":scope > thead > tr");
    if (head.length) return Array.prototype.slice.call(head);
    const rows = table.querySelectorAll(":scope > tbody > tr");
    const out = [];
    for (let i = 0; i < rows.length && !rows[i].querySelector(":scope > td"); i++) out.push(rows[i]);
    return out;
  }

  function bodyRows(table) {
    const head = headerRows(table);
    return Array.prototype.filter.call(table.querySelectorAll(":scope > tbody > tr"), function (r) {
      return head.indexOf(r) < 0;
    });
  }

  /* The blocks of `el`, in reading order, before which a slide may be cut: pairs of
   * the node to cut before and the element whose bottom says whether it fits. A long
   * table is cut between rows, never leaving fewer than two rows on either side (else
   * it moves whole), and its header rows are repeated on the next slide. */
  function blocks(el, out) {
    for (let i = 0; i < el.children.length; i++) {
      const c = el.children[i];
      if (isNotes(c) || isEmpty(c) || getComputedStyle(c).display === "none") continue;
      if (c.tagName === "TABLE") {
        const rows = bodyRows(c);
        const n = rows.length;
        for (let r = 0; r < n; r++) {
          const node = r < 2 || n <= SHORT_TABLE_ROWS ? c : rows[Math.min(r, n - 2)];
          out.push({ node: node, probe: rows[r], row: r === 0 ? c : rows[r] });
        }
        if (!n) out.push({ node: c, probe: c });
      } else if (CONTAINERS[c.tagName] && c.children.length && !isPicture(c)) {
        blocks(c, out);
      } else {
        out.push({ node: c, probe: c });
      }
    }
    return out;
  }

  /* A block that introduces the next one and should not end a slide: a small
   * heading, or a short paragraph ending in a colon ("How to read it:"). */
  function keepsWithNext(el) {
    if (/^H[3-6]$/.test(el.tagName)) return true;
    const text = el.textContent.trim();
    return el.tagName === "P" && text.length < 200 && /:$/.test(text);
  }

  function shallowCopy(el) {
    const copy = el.cloneNode(false);
    copy.removeAttribute("id");
    if (el.tagName === "TABLE") {
      const cols = el.querySelector(":scope > colgroup");
      if (cols) copy.appendChild(cols.cloneNode(true));
      const head = el.querySelector(":scope > thead");
      if (head) copy.appendChild(head.cloneNode(true));
    }
    if (el.tagName === "TBODY" && !el.parentNode.querySelector(":scope > thead")) {
      headerRows(el.parentNode).forEach(function (row) { copy.appendChild(row.cloneNode(true)); });
    }
    if (el.tagName === "OL") {
      const start = parseInt(el.getAttribute("start") || "1", 10);
      copy.setAttribute("start", String(start + el.querySelectorAll(":scope > li").length));
    }
    return copy;
  }

  /* The outermost element below `section` that starts with `node`: a cut before a
   * cell's first output moves the whole cell, leaving no empty wrapper behind. */
  function lift(section, node) {
    for (;;) {
      const parent = node.parentNode;
      if (parent === section) return node;
      let c = parent.firstElementChild;
      while (c !== node && isEmpty(c)) c = c.nextElementSibling;
      if (c !== node) return node;
      node = parent;
    }
  }

  /* Fix `table`'s column widths as laid out now (a <colgroup> and a fixed layout), so
   * that its rows keep their heights when it is cut in two and both parts line up. */
  function freezeColumns(table) {
    let widest = null;
    Array.prototype.forEach.call(table.rows, function (row) {
      const plain = !row.querySelector("[colspan]");
      if (plain && (!widest || row.cells.length > widest.cells.length)) widest = row;
    });
    if (!widest || table.querySelector(":scope > colgroup")) return;
    const group = document.createElement("colgroup");
    Array.prototype.forEach.call(widest.cells, function (cell) {
      const col = document.createElement("col");
      col.style.width = cell.getBoundingClientRect().width / scaleOf(table) + "px";
      group.appendChild(col);
    });
    table.style.width = table.getBoundingClientRect().width / scaleOf(table) + "px";
    table.insertBefore(group, table.firstChild);
    table.style.tableLayout = "fixed";
  }

  function scaleOf(el) {
    return el.offsetWidth ? el.getBoundingClientRect().width / el.offsetWidth : 1;
  }

  /* Move `node`, everything after it and the same at every level up to `section`
   * into a new section inserted right after `section`; returns the new section. */
  function splitAt(section, node) {
    const next = section.cloneNode(false);
    next.removeAttribute("id");
    let carry = null;
    let start = node;
    let parent = node.parentNode;
    for (;;) {
      const target = parent === section ? next : shallowCopy(parent);
      if (carry) target.appendChild(carry);
      for (let n = start; n; ) {
        const after = n.nextSibling;
        if (!isNotes(n)) target.appendChild(n);
        n = after;
      }
      if (parent === section) break;
      carry = target;
      start = parent.nextSibling;
      parent = parent.parentNode;
    }
    const stack = section.parentNode;
    const lastInStack = stack.tagName === "SECTION" && !section.nextElementSibling;
    if (lastInStack) {
      // The last slide of a vertical stack (nbconvert puts every slide in one)
      // continues to the right, so the arrow keys and Space both reach it.
      const wrapper = stack.cloneNode(false);
      wrapper.removeAttribute("id");
      wrapper.appendChild(next);
      stack.parentNode.insertBefore(wrapper, stack.nextSibling);
    } else {
      stack.insertBefore(next, section.nextSibling);
    }
    return next;
  }

  /* Show `section` and the stack it is in (display: block) while it is measured;
   * returns a function that puts their display back. */
  function showForMeasuring(section) {
    const shown = [];
    for (let s = section; s && s.tagName === "SECTION"; s = s.parentElement) {
      shown.push([s, s.style.display]);
      s.style.display = "block";
    }
    return function () {
      shown.forEach(function (pair) { pair[0].style.display = pair[1]; });
    };
  }

  /* Cut a text-only <pre> after its last line that ends above `limit` (px from the
   * top of `section`; long lines may wrap); the remaining lines become a <pre> of
   * their own, right after. Returns it, or null when fewer than 3 lines would stay. */
  function splitPre(section, pre, limit) {
    const top = section.getBoundingClientRect().top;
    const lines = pre.textContent.split("\n");
    let keep = lines.length;
    while (keep >= 3 && pre.getBoundingClientRect().bottom - top > limit) {
      keep -= 1;
      pre.textContent = lines.slice(0, keep).join("\n");
    }
    if (keep < 3 || keep === lines.length) {
      pre.textContent = lines.join("\n");
      return null;
    }
    const rest = pre.cloneNode(false);
    rest.removeAttribute("id");
    rest.textContent = lines.slice(keep).join("\n");
    pre.parentNode.insertBefore(rest, pre.nextSibling);
    return rest;
  }

  /* The text of the slide's own heading (h1 or h2, not in its notes), or "". */
  function headingText(section) {
    const h = Array.prototype.find.call(section.querySelectorAll("h1, h2"), function (el) {
      return !el.closest("aside.notes");
    });
    if (!h) return "";
    const clone = h.cloneNode(true);
    clone.querySelectorAll(".anchor-link").forEach(function (a) { a.remove(); });
    return clone.textContent.replace(/\s*\(continued\)\s*$/, "").trim();
  }

  /* The row of `unit`'s table to cut before, leaving at least two body rows on either
   * side (one, when a single row is already a third of the slide), or null. */
  function rowToCutBefore(unit, limit) {
    if (unit.probe.tagName !== "TR") return null;
    const rows = bodyRows(unit.probe.closest("table"));
    const r = rows.indexOf(unit.probe);
    const tall = rows[0].getBoundingClientRect().height / scaleOf(rows[0]) > limit / 3;
    const keep = tall ? 1 : 2;
    if (r < keep || rows.length < 2 * keep) return null;
    return rows[Math.min(r, rows.length - keep)];
  }

  /* Where to cut `section`, whose block `list[cut]` is the first that does not fit:
   * a text-only <pre> is cut between its lines; otherwise before the block (before its
   * table when it is a row near the table's start or end) and before any introduction
   * it follows, as long as something other than the heading stays on the slide; a
   * table that (after its introduction) starts the slide is cut at any row. Null when
   * no cut helps. */
  function chooseCut(section, list, cut, limit) {
    function contentBefore(k) {
      for (let j = 0; j < k; j++) if (!HEADINGS[list[j].node.tagName]) return true;
      return false;
    }
    const unit = list[cut];
    if (unit.node.tagName === "PRE" && unit.node.children.length === 0) {
      const rest = splitPre(section, unit.node, limit);
      if (rest) return rest;
    }
    let first = cut;
    while (first > 0 && list[first - 1].node === unit.node) first -= 1;
    let intro = first;
    while (intro > 0 && keepsWithNext(list[intro - 1].node)) intro -= 1;
    // A short table moves whole, unless that would leave its slide nearly empty (the
    // heading and a line of introduction): then it is cut between rows after all.
    if (unit.node.tagName === "TABLE" && intro > 0) {
      const top = section.getBoundingClientRect().top;
      const kept = list[intro - 1].probe.getBoundingClientRect().bottom - top;
      const row = kept < SPARSE_SLIDE * limit ? rowToCutBefore(unit, limit) : null;
      if (row) return row;
    }
    if (contentBefore(intro)) return list[intro].node;
    // Only the heading and an introduction come before: cut inside the table rather
    // than leave the introduction alone on this slide.
    if (unit.row && unit.row.tagName === "TR") return unit.row;
    if (contentBefore(first)) return list[first].node;
    return null;
  }

  /* The picture that should shrink rather than be parted from its slide: the block that
   * does not fit (`list[cut]`) or the one right before it, when that block is a picture
   * and it can keep at least MIN_PICTURE_SCALE of its height with everything after it
   * (a widget's note, a caption, the rest of the slide) fitting too. Its new height is
   * set and true returned; false when no such picture helps. */
  function shrinkPicture(section, list, cut, limit) {
    const at = isPicture(list[cut].node) ? cut : cut - 1;
    if (at < 0 || !isPicture(list[at].node) || list[at].node.hasAttribute("data-workshop-fitted")) {
      return false;
    }
    const img = list[at].node.querySelector("img");
    if (!img) return false;
    list[at].node.setAttribute("data-workshop-fitted", "");  // tried once, whatever comes
    const scale = scaleOf(img);
    const lowest = function () {
      const top = section.getBoundingClientRect().top;
      let bottom = 0;
      for (let j = at; j < list.length; j++) {
        bottom = Math.max(bottom, list[j].probe.getBoundingClientRect().bottom - top);
      }
      return bottom / scale;  // deck px
    };
    const height = img.getBoundingClientRect().height / scale;
    const target = height - (lowest() - limit) - 1;
    if (target < MIN_PICTURE_SCALE * height) return false;
    const before = [img.style.height, img.style.maxHeight, img.style.width];
    img.style.height = target + "px";
    img.style.maxHeight = target + "px";
    img.style.width = "auto";
    if (lowest() > limit) {
      // What follows did not move up with it (beside it, say): the slide is cut as
      // before, and the picture keeps its size.
      [img.style.height, img.style.maxHeight, img.style.width] = before;
      return false;
    }
    list[at].node.setAttribute("data-workshop-fitted", String(Math.round(target)));
    return true;
  }

  /* Continue `section` on new slides until each part fits; returns how many were added. */
  function paginateSection(section, limit) {
    let added = 0;
    const heading = headingText(section);
    for (let guard = 0; guard < 50; guard++) {
      const hide = showForMeasuring(section);
      const top = section.getBoundingClientRect().top;
      const list = blocks(section, []);
      let cut = -1;
      for (let i = 0; i < list.length; i++) {
        if (list[i].probe.getBoundingClientRect().bottom - top > limit) { cut = i; break; }
      }
      if (cut >= 0 && shrinkPicture(section, list, cut, limit)) {
        hide();
        continue;
      }
      const node = cut < 0 ? null : chooseCut(section, list, cut, limit);
      if (node === null) {
        hide();
        return added;
      }
      if (node.tagName === "TR") freezeColumns(node.closest("table"));
      hide();
      const next = splitAt(section, lift(section, node));
      next.classList.add("workshop-continued");
      if (heading) next.insertBefore(continuedHeading(heading), next.firstChild);
      added += 1;
      section = next;
    }
    return added;
  }

  function continuedHeading(text) {
    const h = document.createElement("h2");
    h.className = "workshop-continued-heading";
    h.textContent = text + " (continued)";
    return h;
  }

  /* A slide the author split off without a heading of its own (a cell with
   * slide_type "slide" that is not a heading) is headed "<previous heading> (continued)". */
  function headSlides(leaves) {
    let last = "";
    leaves.forEach(function (s) {
      const own = headingText(s);
      if (own) last = own;
      else if (last) s.insertBefore(continuedHeading(last), s.firstChild);
    });
  }

  /* Continue every too-tall slide in `root` (the deck's `.slides` element), laid out
   * at width x height; keep `reserve` px free at the bottom (the slide number). */
  function paginate(root, width, height, reserve) {
    const saved = root.getAttribute("style");
    root.style.width = width + "px";
    root.style.height = height + "px";
    const leaves = Array.prototype.filter.call(root.querySelectorAll("section"), function (s) {
      return !s.querySelector("section");
    });
    headSlides(leaves);
    let added = 0;
    leaves.forEach(function (s) { added += paginateSection(s, height - reserve); });
    if (saved === null) root.removeAttribute("style");
    else root.setAttribute("style", saved);
    root.setAttribute("data-workshop-continued", String(added));
    return added;
  }

  global.workshopPaginate = paginate;
})(window);
