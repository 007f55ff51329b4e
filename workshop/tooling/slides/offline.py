"""The offline check: a built deck, guide or index must load nothing from the internet.

``check_offline`` scans every built HTML and CSS file for resources loaded from
``http(s)://`` (or ``//``) anywhere but 127.0.0.1 and fails the build, naming the
file and the URL; a relative file a page loads must exist. Plain links
(``<a href>``) are fine: following one is the reader's choice.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class OfflineError(RuntimeError):
    """A built file would load something from the internet (or a local file is missing)."""


_LOCAL_HOSTS = {"127.0.0.1"}
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""", re.I)
_CSS_IMPORT = re.compile(r"""@import\s+(['"])([^'"]+)\1""", re.I)
_JS_URL = re.compile(r"""(['"`])((?:https?:)?//[^'"`\s]+)\1""", re.I)
# Attributes whose value the browser fetches, on any element.
_FETCHED_ATTRS = {"src", "data", "poster", "background", "manifest", "lowsrc", "dynsrc"}
_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}


def is_remote(url: str) -> bool:
    """True for an http(s):// or protocol-relative //host URL whose host is not 127.0.0.1."""
    url = url.strip()
    low = url.lower()
    if not (low.startswith(("http://", "https://")) or low.startswith("//")):
        return False
    return urlsplit(url).hostname not in _LOCAL_HOSTS


def _css_urls(css: str) -> list[str]:
    css = _CSS_COMMENT.sub("", css)
    return [m.group(2).strip() for m in _CSS_URL.finditer(css)] + [
        m.group(2).strip() for m in _CSS_IMPORT.finditer(css)
    ]


class _ResourceParser(HTMLParser):
    """Collects every URL an HTML page would load (not the ones it merely links to)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.loaded: list[str] = []  # URLs the page fetches
        self.local: list[str] = []  # of those, relative ones (src/href in HTML)
        self._in: str | None = None

    def _take(self, url: str, check_local: bool = True) -> None:
        self.loaded.append(url)
        if check_local:
            self.local.append(url)

    def handle_starttag(self, tag, attrs):
        attrs = [(k.lower(), v or "") for k, v in attrs]
        for name, value in attrs:
            if name in _FETCHED_ATTRS:
                self._take(value)
            elif name in ("srcset", "imagesrcset"):
                for part in value.split(","):
                    if part.strip():
                        self._take(part.split()[0])
            elif name in ("href", "xlink:href") and tag != "a":
                # <link>, <base>, and SVG <image>/<use>/<feImage> fetch their href.
                self._take(value, check_local=(tag == "link"))
            elif name == "style":
                self.loaded.extend(_css_urls(value))
        if tag == "style":
            self._in = "style"
        elif tag == "script":
            kind = dict(attrs).get("type", "").strip().lower()
            self._in = "script" if kind in _SCRIPT_TYPES else None

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self._in = None

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self._in = None

    def handle_data(self, data):
        if self._in == "style":
            self.loaded.extend(_css_urls(data))
        elif self._in == "script":
            self.loaded.extend(m.group(2) for m in _JS_URL.finditer(data))


def remote_resources(text: str, kind: str = "html") -> list[str]:
    """The remote URLs a page (``kind="html"``) or stylesheet (``"css"``) would load."""
    if kind == "css":
        urls = _css_urls(text)
    else:
        parser = _ResourceParser()
        parser.feed(text)
        parser.close()
        urls = parser.loaded
    return sorted({u for u in urls if is_remote(u)})


def _missing_local(page: Path) -> list[str]:
    parser = _ResourceParser()
    parser.feed(page.read_text(encoding="utf-8"))
    parser.close()
    missing = []
    for url in parser.local:
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not parts.path:
            continue  # data:, http(s) (checked separately), #fragment
        if not (page.parent / unquote(parts.path)).exists():
            missing.append(url)
    return sorted(set(missing))


def check_offline(out_dir: Path) -> list[Path]:
    """Fail (``OfflineError``) if any built HTML/CSS file loads a remote resource.

    Scans ``src``/``data``/``poster``/``srcset`` on every element, ``href`` on every
    element but ``<a>`` (stylesheets, icons, SVG images), ``url()`` and ``@import``
    in stylesheets, ``<style>`` blocks and ``style`` attributes, and quoted
    ``http(s)://`` addresses in inline scripts. Relative files an HTML page loads
    must exist. Returns the files checked.
    """
    out_dir = Path(out_dir)
    problems: list[str] = []
    checked = sorted(p for p in out_dir.rglob("*") if p.suffix.lower() in {".html", ".htm", ".css"})
    for path in checked:
        text = path.read_text(encoding="utf-8", errors="replace")
        kind = "css" if path.suffix.lower() == ".css" else "html"
        rel = path.relative_to(out_dir)
        problems += [f"{rel}: loads remote resource {u}" for u in remote_resources(text, kind)]
        if kind == "html":
            problems += [f"{rel}: loads missing local file {u}" for u in _missing_local(path)]
    if problems:
        raise OfflineError("slides are not self-contained:\n  " + "\n  ".join(problems))
    return checked
