// Making elements: HTML and SVG, with attributes, appended to a parent.
const SVG_NS = "http://www.w3.org/2000/svg";

function withAttrs(node, attrs, parent) {
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  if (parent) parent.appendChild(node);
  return node;
}

export function htmlEl(tag, attrs, parent) {
  return withAttrs(document.createElement(tag), attrs, parent);
}

export function svgEl(tag, attrs, parent) {
  return withAttrs(document.createElementNS(SVG_NS, tag), attrs, parent);
}
