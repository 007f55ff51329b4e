"""One ES module from several: the widgets' front-end code for anywidget's ``_esm``.

anywidget takes a widget's JavaScript as ONE module text. The kit writes it as
small ES modules (each a valid standalone module, so the JS unit tests import
them one by one in Chromium); ``bundle(entry)`` joins them:

- every relative ``import {a, b as c} from "./part.js"`` (or ``"../x/part.js"``)
  is followed, depth first; each module is included once, after the modules
  it imports, and an import cycle is refused;
- each imported module's code is wrapped in its own function scope (so two parts
  may both have a private ``const SVGNS``), its ``export`` keywords dropped and its
  exports returned as an object; an ``import`` becomes ``const {a, b: c} = ...``;
- the entry module's code is kept at the top level, so its ``export default
  {render}`` (and any named export) is the bundle's.

Supported forms, refused otherwise with ``ValueError`` naming file and line:
``import {names} from "./rel.js";`` and ``import * as ns from "./rel.js";`` (relative
paths only: the kit has no npm runtime dependencies), ``export function|async
function|class|const|let NAME`` and ``export {a, b as c};``. ``export default`` only
in the entry. Statements are found by regular expressions at line starts, so keep
each ``import``/``export`` at the start of its line (as ESLint's style has them).

Usage (a widget class)::

    from ..common.esm import bundle

    class MyWidget(anywidget.AnyWidget):
        _esm = bundle(HERE / "my_widget.js")
"""

from __future__ import annotations

import re
from pathlib import Path

__all__ = ["bundle", "module_order"]

_IMPORT = re.compile(
    r"^import\s*(?:\{(?P<names>[^}]*)\}|\*\s*as\s+(?P<ns>[A-Za-z_$][\w$]*))\s*"
    r"from\s*(?P<q>[\"'])(?P<path>[^\"']+)(?P=q)\s*;?[ \t]*$",
    re.MULTILINE,
)
#: Any other statement starting with ``import`` (bare specifiers, default imports...).
_ANY_IMPORT = re.compile(r"^import\b.*$", re.MULTILINE)
_EXPORT_DECL = re.compile(
    r"^export\s+(?P<kw>async\s+function\*?|function\*?|class|const|let|var)\s+(?P<name>[A-Za-z_$][\w$]*)",
    re.MULTILINE,
)
_EXPORT_LIST = re.compile(r"^export\s*\{(?P<names>[^}]*)\}\s*;?[ \t]*$", re.MULTILINE)
_EXPORT_DEFAULT = re.compile(r"^export\s+default\b", re.MULTILINE)
_ANY_EXPORT = re.compile(r"^export\b.*$", re.MULTILINE)


def _line(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _names(spec: str, path: Path, text: str, pos: int) -> list[tuple[str, str]]:
    """``a, b as c`` as ``[("a", "a"), ("b", "c")]`` (exported name, local name)."""
    out = []
    for part in spec.split(","):
        part = part.strip()
        if not part:
            continue
        m = re.fullmatch(r"([A-Za-z_$][\w$]*)(?:\s+as\s+([A-Za-z_$][\w$]*))?", part)
        if not m:
            raise ValueError(f"{path}:{_line(text, pos)}: cannot read the name {part!r}")
        out.append((m.group(1), m.group(2) or m.group(1)))
    return out


def _imports(path: Path, text: str) -> list[tuple[re.Match, Path]]:
    """Relative imports of one module as (match, resolved path); other imports refused."""
    found = []
    for m in _IMPORT.finditer(text):
        rel = m.group("path")
        if not rel.startswith(("./", "../")):
            raise ValueError(
                f"{path}:{_line(text, m.start())}: only relative imports can be bundled; "
                f"got {rel!r}"
            )
        found.append((m, (path.parent / rel).resolve()))
    covered = {m.start() for m, _ in found}
    for m in _ANY_IMPORT.finditer(text):
        if m.start() not in covered:
            raise ValueError(
                f"{path}:{_line(text, m.start())}: unsupported import form {m.group(0)!r}; "
                'use import {a, b} from "./part.js"'
            )
    return found


def module_order(entry: str | Path) -> list[Path]:
    """Every module reachable from ``entry`` by relative imports, dependencies first.

    The entry is last; each module appears once. A missing file raises
    ``FileNotFoundError``, an import cycle ``ValueError`` naming the modules.
    """
    order: list[Path] = []
    visiting: list[Path] = []

    def visit(path: Path) -> None:
        if path in order:
            return
        if path in visiting:
            cycle = " -> ".join(p.name for p in visiting[visiting.index(path) :] + [path])
            raise ValueError(f"import cycle: {cycle}")
        if not path.is_file():
            raise FileNotFoundError(f"module not found: {path}")
        visiting.append(path)
        for _, dep in _imports(path, path.read_text(encoding="utf-8")):
            visit(dep)
        visiting.pop()
        order.append(path)

    visit(Path(entry).resolve())
    return order


def _var(path: Path, root: Path) -> str:
    rel = path.relative_to(root) if path.is_relative_to(root) else Path(path.name)
    return "__esm_" + re.sub(r"\W", "_", rel.as_posix())


def _replace_imports(path: Path, text: str, variables: dict[Path, str]) -> str:
    def repl(m: re.Match) -> str:
        dep = variables[(path.parent / m.group("path")).resolve()]
        if m.group("ns"):
            return f"const {m.group('ns')} = {dep};"
        names = _names(m.group("names"), path, text, m.start())
        inner = ", ".join(name if name == local else f"{name}: {local}" for name, local in names)
        return f"const {{ {inner} }} = {dep};"

    return _IMPORT.sub(repl, text)


def _strip_exports(path: Path, text: str) -> tuple[str, list[tuple[str, str]]]:
    """A dependency's code without ``export``, and its exports (exported name, local name)."""
    if m := _EXPORT_DEFAULT.search(text):
        raise ValueError(
            f"{path}:{_line(text, m.start())}: export default is only allowed in the entry module"
        )
    exports = [(m.group("name"), m.group("name")) for m in _EXPORT_DECL.finditer(text)]
    for m in _EXPORT_LIST.finditer(text):
        exports += [
            (local, name) for name, local in _names(m.group("names"), path, text, m.start())
        ]
    handled = {m.start() for m in _EXPORT_DECL.finditer(text)}
    handled |= {m.start() for m in _EXPORT_LIST.finditer(text)}
    for m in _ANY_EXPORT.finditer(text):
        if m.start() not in handled:
            raise ValueError(
                f"{path}:{_line(text, m.start())}: unsupported export form {m.group(0)!r}"
            )
    text = _EXPORT_LIST.sub("", text)
    text = _EXPORT_DECL.sub(lambda m: f"{m.group('kw')} {m.group('name')}", text)
    return text, exports


def bundle(entry: str | Path) -> str:
    """The module ``entry`` with its relative imports inlined: one ES module's text.

    The result's exports are the entry's. See the module docstring for the forms
    understood; anything else raises ``ValueError`` naming the file and line.
    """
    order = module_order(entry)
    root = order[-1].parent
    variables = {p: _var(p, root) for p in order}
    parts = [f"// One module bundled by workshop.views.common.esm from {order[-1].name}."]
    for path in order[:-1]:
        text = _replace_imports(path, path.read_text(encoding="utf-8"), variables)
        text, exports = _strip_exports(path, text)
        returned = ", ".join(
            local if local == name else f"{name}: {local}" for name, local in exports
        )
        parts.append(
            f"// ---- {path.relative_to(root) if path.is_relative_to(root) else path.name}\n"
            f"const {variables[path]} = (() => {{\n{text.rstrip()}\n"
            f"return {{ {returned} }};\n}})();"
        )
    entry_path = order[-1]
    text = _replace_imports(entry_path, entry_path.read_text(encoding="utf-8"), variables)
    parts.append(f"// ---- {entry_path.name} (entry)\n{text.rstrip()}\n")
    return "\n".join(parts)
