"""Run the kit's JavaScript modules in Chromium without a Jupyter server.

A blank page on a made-up origin (``http://kit.test/``) whose requests Playwright
answers from files under ``workshop/``: ``http://kit.test/views/chain/js/grid.js``
is ``workshop/views/chain/js/grid.js``. Nothing listens on a port. Modules are
imported with the browser's own ``import()``, so what is tested is the file the
widget bundles, not a copy.

Use in a test module (the ``browser`` fixture of conftest.py launches Chromium once
per session; without Chromium the tests skip, under CI=true they fail)::

    from js_harness import js_fixture  # noqa: F401  (provides the `js` fixture)

    pytestmark = pytest.mark.browser

    def test_snap(js):
        assert js.call("views/chain/js/controls.js", "snap", control, 0.333) == 0.35

    def test_dom(js):
        out = js.run("views/chain/js/painter.js", "(m, arg) => m.loadSidePx(arg.pic, 5)", {...})

    def test_a_bundle(js):
        js.serve("bundle.js", text)          # an extra file at http://kit.test/bundle.js
        js.run("bundle.js", "(m) => typeof m.default.render")

``call`` and ``run`` take and return JSON-able values; a JavaScript exception
becomes a ``playwright`` ``Error`` with the JS message.
"""

from __future__ import annotations

import pytest
from servers import ROOT

ORIGIN = "http://kit.test"
SERVED = ROOT / "workshop"
#: Files the page may load from workshop/ (anything else is a 404).
SUFFIXES = {".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml"}
BLANK = (
    "<!doctype html><html><head><meta charset='utf-8'><title>kit</title></head><body></body></html>"
)


class JsHarness:
    """One blank page serving ``workshop/`` at ``http://kit.test/`` (see the module doc)."""

    def __init__(self, page):
        self.page = page
        self.extra: dict[str, str] = {}
        page.route(f"{ORIGIN}/**", self._answer)
        page.goto(f"{ORIGIN}/")

    def _answer(self, route) -> None:
        path = route.request.url[len(ORIGIN) :].split("?")[0].lstrip("/")
        if path == "":
            route.fulfill(status=200, content_type="text/html", body=BLANK)
            return
        if path in self.extra:
            route.fulfill(status=200, content_type="text/javascript", body=self.extra[path])
            return
        file = (SERVED / path).resolve()
        kind = SUFFIXES.get(file.suffix)
        if kind is None or not file.is_relative_to(SERVED) or not file.is_file():
            route.fulfill(status=404, content_type="text/plain", body=f"not served: {path}")
            return
        route.fulfill(
            status=200,
            content_type=kind,
            body=file.read_text("utf-8"),
        )

    def url(self, module: str) -> str:
        """The page's URL of ``module`` (a path under workshop/, or a served extra)."""
        return f"{ORIGIN}/{module.lstrip('/')}"

    def serve(self, path: str, text: str) -> str:
        """Serve ``text`` as JavaScript at ``http://kit.test/<path>``; returns the URL."""
        self.extra[path.lstrip("/")] = text
        return self.url(path)

    def call(self, module: str, name: str, *args):
        """``module``'s export ``name`` called with JSON ``args``; its (awaited) JSON result."""
        return self.page.evaluate(
            """async ([url, name, args]) => {
                const m = await import(url);
                if (typeof m[name] !== "function") throw new Error(`${url} exports no function ${name}`);
                return await m[name](...args);
            }""",
            [self.url(module), name, list(args)],
        )

    def run(self, module: str, source: str, arg=None):
        """``source`` (a JS function ``(module, arg) => ...``) called with the imported
        module and ``arg``; returns its (awaited) JSON result. For DOM work: the page's
        ``document`` is there."""
        return self.page.evaluate(
            f"""async ([url, arg]) => {{
                const m = await import(url);
                return await ({source})(m, arg);
            }}""",
            [self.url(module), arg],
        )


@pytest.fixture(scope="session", name="js")
def js_fixture(browser):
    """A ``JsHarness``: one page for the whole session (modules cache per URL)."""
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    harness = JsHarness(page)
    harness.errors = errors
    try:
        yield harness
    finally:
        context.close()
