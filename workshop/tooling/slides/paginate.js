/* Continue a slide that is taller than the deck on the next slide, so nothing is cut.
 *
 * Runs once in the built deck, before Reveal.initialize, with the slides laid out at
 * the deck's own size (width x height in CSS px, before reveal.js scales them to the
 * screen), so the result is the same on every screen. A slide whose content runs
 * below `height - reserve` is cut before the first block that does not fit: a
 * paragraph, a list item, a picture, a table row (the table's header row is repeated)
 * or a line of preformatted text. The rest goes to a new slide placed right after
 * it, headed "<the slide's heading> (continued)" and marked `workshop-continued`;
 * speaker notes stay on the first part. A block taller than a whole slide cannot
 * be continued and stays where it is (tests/test_slides_fit.py then fails on it).
 *
 * Authors split slides where the story breaks (the cells' slideshow metadata); this
 * only catches what is still too long, such as long tables.
 */
(function (global) {
  "use strict";

  var CONTAINERS = { DIV: true, MAIN: true, UL: true, OL: true, DETAILS: true, BLOCKQUOTE: true };
  var HEADINGS = { H1: true, H2: true, H3: true };

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

  /* The blocks of `el`, in reading order, before which a slide may be cut: pairs of
   * the node to cut before and the element whose bottom says whether it fits (a
   * table is cut before itself when its first row does not fit). */
  function blocks(el, out) {
    for (var i = 0; i < el.children.length; i++) {
      var c = el.children[i];
      if (isNotes(c) || isEmpty(c) || getComputedStyle(c).display === "none") continue;
      if (c.tagName === "TABLE") {
        var rows = c.querySelectorAll(":scope > tbody > tr");
        for (var r = 0; r < rows.length; r++) out.push({ node: r === 0 ? c : rows[r], probe: rows[r] });
        if (!rows.length) out.push({ node: c, probe: c });
      } else if (CONTAINERS[c.tagName] && c.children.length && !isPicture(c)) {
        blocks(c, out);
      } else {
        out.push({ node: c, probe: c });
      }
    }
    return out;
  }

  function shallowCopy(el) {
    var copy = el.cloneNode(false);
    copy.removeAttribute("id");
    if (el.tagName === "TABLE") {
      var head = el.querySelector(":scope > thead");
      if (head) copy.appendChild(head.cloneNode(true));
    }
    if (el.tagName === "OL") {
      var start = parseInt(el.getAttribute("start") || "1", 10);
      copy.setAttribute("start", String(start + el.querySelectorAll(":scope > li").length));
    }
    return copy;
  }

  /* The outermost element below `section` that starts with `node`: a cut before a
   * cell's first output moves the whole cell, leaving no empty wrapper behind. */
  function lift(section, node) {
    for (;;) {
      var parent = node.parentNode;
      if (parent === section) return node;
      for (var c = parent.firstElementChild; c !== node && isEmpty(c); ) c = c.nextElementSibling;
      if (c !== node) return node;
      node = parent;
    }
  }

  /* Move `node`, everything after it and the same at every level up to `section`
   * into a new section inserted right after `section`; returns the new section. */
  function splitAt(section, node) {
    var next = section.cloneNode(false);
    next.removeAttribute("id");
    var carry = null;
    var start = node;
    var parent = node.parentNode;
    for (;;) {
      var target = parent === section ? next : shallowCopy(parent);
      if (carry) target.appendChild(carry);
      for (var n = start; n; ) {
        var after = n.nextSibling;
        if (!isNotes(n)) target.appendChild(n);
        n = after;
      }
      if (parent === section) break;
      carry = target;
      start = parent.nextSibling;
      parent = parent.parentNode;
    }
    var stack = section.parentNode;
    var lastInStack = stack.tagName === "SECTION" && !section.nextElementSibling;
    if (lastInStack) {
      // The last slide of a vertical stack (nbconvert puts every slide in one)
      // continues to the right, so the arrow keys and Space both reach it.
      var wrapper = stack.cloneNode(false);
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
    var shown = [];
    for (var s = section; s && s.tagName === "SECTION"; s = s.parentElement) {
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
    var top = section.getBoundingClientRect().top;
    var lines = pre.textContent.split("\n");
    var keep = lines.length;
    while (keep >= 3 && pre.getBoundingClientRect().bottom - top > limit) {
      keep -= 1;
      pre.textContent = lines.slice(0, keep).join("\n");
    }
    if (keep < 3 || keep === lines.length) {
      pre.textContent = lines.join("\n");
      return null;
    }
    var rest = pre.cloneNode(false);
    rest.removeAttribute("id");
    rest.textContent = lines.slice(keep).join("\n");
    pre.parentNode.insertBefore(rest, pre.nextSibling);
    return rest;
  }

  function headingText(section) {
    var h = section.querySelector("h1, h2, h3");
    if (!h) return "";
    var clone = h.cloneNode(true);
    clone.querySelectorAll(".anchor-link").forEach(function (a) { a.remove(); });
    return clone.textContent.replace(/\s*\(continued\)\s*$/, "").trim();
  }

  /* Continue `section` on new slides until each part fits; returns how many were added. */
  function paginateSection(section, limit) {
    var added = 0;
    var heading = headingText(section);
    for (var guard = 0; guard < 50; guard++) {
      var hide = showForMeasuring(section);
      var top = section.getBoundingClientRect().top;
      var list = blocks(section, []);
      var cut = -1;
      for (var i = 0; i < list.length; i++) {
        if (list[i].probe.getBoundingClientRect().bottom - top > limit) { cut = i; break; }
      }
      var before = list.slice(0, Math.max(cut, 0)).filter(function (b) {
        return !HEADINGS[b.node.tagName];
      });
      var node = cut < 0 ? null : list[cut].node;
      var textPre = node !== null && node.tagName === "PRE" && node.children.length === 0;
      if (node === null || (before.length === 0 && !textPre)) {
        hide();
        return added;
      }
      if (textPre) {
        var rest = splitPre(section, node, limit);
        if (rest) node = rest;
        else if (before.length === 0) { hide(); return added; }
      }
      hide();
      var next = splitAt(section, lift(section, node));
      next.classList.add("workshop-continued");
      if (heading) {
        var h = document.createElement("h2");
        h.textContent = heading + " (continued)";
        next.insertBefore(h, next.firstChild);
      }
      added += 1;
      section = next;
    }
    return added;
  }

  /* Continue every too-tall slide in `root` (the deck's `.slides` element), laid out
   * at width x height; keep `reserve` px free at the bottom (the slide number). */
  function paginate(root, width, height, reserve) {
    var saved = root.getAttribute("style");
    root.style.width = width + "px";
    root.style.height = height + "px";
    var leaves = Array.prototype.filter.call(root.querySelectorAll("section"), function (s) {
      return !s.querySelector("section");
    });
    var added = 0;
    leaves.forEach(function (s) { added += paginateSection(s, height - reserve); });
    if (saved === null) root.removeAttribute("style");
    else root.setAttribute("style", saved);
    root.setAttribute("data-workshop-continued", String(added));
    return added;
  }

  global.workshopPaginate = paginate;
})(window);
