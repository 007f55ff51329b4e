"""App mode: ``workshop app`` serves the notebooks with Voilà, code hidden, as a real server.

``launch`` (what ``workshop app`` calls) runs the server as a child process on
the command line ``voila_command`` builds; that runs this module (``python -m
workshop.tooling.app``), which is Voilà's own server with five things added or set:

Token, as JupyterLab's
    Every page and API call needs the token: taken from ``workshop app --token``
    or the ``WORKSHOP_APP_TOKEN`` environment variable, otherwise generated at each
    start with ``secrets.token_hex(24)``. The URL printed at start carries it
    (``http://127.0.0.1:8866/?token=...``); the first request with it sets a login
    cookie. A request without it is sent to the login page (or refused with 403)
    and starts no kernel. The token never appears on a command line, and is taken
    out of the environment before any kernel starts.

Host and Origin checked
    Before any handler runs, a request is refused (403, plain text) when its
    ``Host`` names anything but ``127.0.0.1``, ``localhost``, the address the
    server listens on (``--ip``) or a name given with ``--allow-host``, which is
    what a DNS-rebinding page (``evil.example`` resolving to 127.0.0.1) sends; or
    when it carries an ``Origin`` other than the server's own
    (``http://<its Host>``), as a foreign page's requests and WebSockets do.

Nothing loaded from outside 127.0.0.1
    Voilà's stock ``lab`` template, and the page its file list and error pages
    extend, link Font Awesome from a CDN. ``ensure_offline_template`` derives the
    ``workshop-offline`` template from the installed ones with those links removed.
    Nothing is lost: Voilà's own script bundle carries Font Awesome's rules and
    fonts (served from 127.0.0.1) for widget icons; the file list, rendered by the
    server (``classic_tree``, as the classroom hub serves it, so it needs no script
    to appear), takes its folder and book icons from Voilà's style script, also
    served from 127.0.0.1; error pages show no Font Awesome icon. The notebook page
    also sets the MathJax script and configuration it hands its scripts to null:
    where Voilà runs inside Jupyter Server (a hub's learner servers) they would
    otherwise name a CDN; and it leaves out nbconvert's Mermaid loader (a CDN
    script, for a notebook with a diagram, which then shows as text). The template is
    written to the user's cache folder (``platformdirs.user_cache_dir("mindful-movement-workshop")``,
    one folder per Voilà version), only the files whose content changed, never
    into the venv; the server finds it through ``JUPYTER_PATH``. Choosing another
    template with ``?template=`` is turned off.

The reader's colour scheme
    Voilà renders the notebook page light unless ``?theme=dark`` is asked for. The
    ``workshop-offline`` notebook page also loads JupyterLab's dark theme (from
    127.0.0.1) under ``prefers-color-scheme: dark`` and then marks its body dark, as
    Voilà's own dark page is, so on a dark system the page, the widgets and the kit's
    views turn dark together; so does the list of notebooks.

Kernels of closed pages ended
    Voilà's page asks for its kernel to be shut down on ``beforeunload`` (a
    beacon to ``/voila/api/shutdown/<id>`` carrying the ``_xsrf`` cookie's value),
    but a notebook page does not set that cookie, so the request failed with 403
    "'_xsrf' argument missing" (voila-dashboards/voila#1458) and every closed page
    left a kernel. Each page now sets the cookie (after the token check), so
    closing a page ends its kernel at once. A
    page that vanishes without ``beforeunload`` (a crashed or killed tab, a laptop
    put to sleep) leaves a kernel with no connection: it is culled once idle for
    ``CULL_IDLE_TIMEOUT`` = 600 s (10 minutes), checked every ``CULL_INTERVAL`` =
    60 s, so it ends 10 to 11 minutes after its last message
    (``MappingKernelManager.cull_idle_timeout=600``, ``cull_interval=60``,
    ``cull_connected=False``, ``cull_busy=False``: a kernel with an open page, or
    one running code, is never culled). ``--cull-idle-timeout 0`` turns culling off.
"""

from __future__ import annotations

import inspect
import json
import os
import re
import secrets
import sys
import tempfile
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

from ..files import write_atomically
from .child import run_until_done
from .nbfiles import served_folder, title_of_file

TEMPLATE = "workshop-offline"
TOKEN_ENV = "WORKSHOP_APP_TOKEN"
DEFAULT_IP = "127.0.0.1"
DEFAULT_PORT = 8866
LOCAL_HOSTS = ("127.0.0.1", "localhost")
CULL_IDLE_TIMEOUT = 600  # seconds without a message, and without an open page, before a kernel ends
CULL_INTERVAL = 60  # seconds between two checks for such kernels
CACHE_APP_NAME = "mindful-movement-workshop"
#: The app's own versions of Jupyter Server's pages (logging in and out).
APP_TEMPLATES = Path(__file__).with_name("app_templates")

_REMOTE_LINK = re.compile(r"^\s*<(link|script)[^>]+(https?:)?//[^>]+>\s*(</script>)?\s*$", re.M)
_REMOTE_RESOURCE = re.compile(r"""\b(?:href|src)\s*=\s*["']?(?:https?:)?//""", re.I)
_BASE_PAGE = "workshop_offline_base_page.html"
#: In Voilà's file list: a notebook's name after its icon, and the list's header line.
_NOTEBOOK_LINK_NAME = re.compile(r"""(<i class="fa fa-book"></i>)\{\{\s*content\.name\s*\}\}""")
_TREE_HEADER = re.compile(r"Select items to open with \{\{[^}]*\}\}\.")
TREE_HEADER_TEXT = "The workshop's notebooks, in order (each opens in a new tab)."
_EXTENDS_BASE_PAGE = re.compile(r"""(\{%-?\s*extends\s+)(['"])voila/templates/base/page\.html\2""")
# The notebook page takes the reader's colour scheme: Voilà renders it light unless
# ``?theme=dark`` is asked for, so on the light page JupyterLab's dark theme is loaded too,
# under ``prefers-color-scheme: dark``; its CSS variables then win, and the page, the
# widgets and our views (which read those variables) turn dark together. Same-origin
# file, no request to another host.
_NOTEBOOK_CSS_END = re.compile(r"\{%-?\s*endblock notebook_css\s*-?%\}")
_DARK_THEME_LINK = (
    '\n  <link rel="stylesheet" type="text/css" media="(prefers-color-scheme: dark)" '
    "href=\"{{{{ {url}('static/theme-dark.css') }}}}\">\n"
)
_DARK_UNDER_DARK_SCHEME = (
    "{% if resources.theme == 'light' or resources.theme == 'JupyterLab Light' %}"
    + _DARK_THEME_LINK.format(url="resources.include_url")
    + "{% endif %}\n"
)
# The page's configuration names a MathJax script on a CDN whenever the server has no
# MathJax settings (a hub's learner servers, where Voilà runs inside Jupyter Server); with
# both set to null the page typesets with the MathJax bundled in Voilà's own scripts.
_PAGE_CONFIG_UPDATE = re.compile(
    r"\{%\s*set _ = page_config_full\.update\(baseUrl=resources\.base_url, "
    r"kernelId=kernel_id\)\s*%\}"
)
_NO_REMOTE_MATHJAX = (
    "\n    {% set _ = page_config_full.update(fullMathjaxUrl=None, mathjaxConfig=None) %}"
)
# The file list (lab/page.html) takes it too.
_LIGHT_THEME_CSS = re.compile(r"""\{\{\s*include_css\(["']static/theme-light\.css["']\)\s*\}\}""")
# ... and the body says so, as Voilà's own dark page does: its scripts read
# data-jp-theme-light (the widgets' toolkit colours, images on a light ground).
_LIGHT_BODY = re.compile(
    r'<body class="jp-Notebook theme-light"[^>]*data-jp-theme-light="true"[^>]*>'
)
_MARK_BODY_DARK = (
    "\n<script>\n"
    'if (matchMedia("(prefers-color-scheme: dark)").matches) {\n'
    '  document.body.classList.replace("theme-light", "theme-dark");\n'
    '  document.body.dataset.jpThemeLight = "false";\n'
    '  document.body.dataset.jpThemeName = "JupyterLab Dark";\n'
    "}\n"
    "</script>"
)


# --------------------------------------------------------------------------- template


def _voila_template(*parts: str) -> Path:
    """A file of Voilà's installed templates, found as Voilà finds them (``jupyter_path``)."""
    from jupyter_core.paths import jupyter_path

    for root in jupyter_path("voila", "templates"):
        path = Path(root, *parts)
        if path.is_file():
            return path
    raise FileNotFoundError(f"Voilà's template file {'/'.join(parts)} was not found")


def offline_template_files() -> dict[str, str]:
    """The ``workshop-offline`` template's files (name → text), derived from Voilà's.

    ``index.html.j2`` (the notebook page) is Voilà's ``lab`` one, and the page that
    its file list and error pages extend is Voilà's ``base/page.html``, each with
    every ``<link>``/``<script>`` line that loads from another host removed.
    """

    def read(*parts: str) -> str:
        return _voila_template(*parts).read_text(encoding="utf-8")

    lab_page, n = _EXTENDS_BASE_PAGE.subn(rf"\1'{_BASE_PAGE}'", read("lab", "page.html"))
    lab_page, m = _LIGHT_THEME_CSS.subn(
        r"\g<0>" + _DARK_THEME_LINK.format(url="include_url"), lab_page
    )
    if n != 1 or m != 1:
        raise RuntimeError("Voilà's lab/page.html no longer has the parts we extend")
    index, n = _NOTEBOOK_CSS_END.subn(
        _DARK_UNDER_DARK_SCHEME + r"\g<0>", read("lab", "index.html.j2")
    )
    index, m = _LIGHT_BODY.subn(r"\g<0>" + _MARK_BODY_DARK, index)
    index, k = _PAGE_CONFIG_UPDATE.subn(lambda found: found.group(0) + _NO_REMOTE_MATHJAX, index)
    if n != 1 or m != 1 or k != 1:
        raise RuntimeError("Voilà's lab/index.html.j2 no longer has the blocks we extend")
    # nbconvert's part of the page loads Mermaid from a CDN for a notebook with a diagram:
    # left out (a diagram then shows as its text).
    index += "\n{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}\n"
    # The file list names each notebook by its title (its first heading) where the server
    # gives the template ``notebook_title`` (the app does), else by its file name.
    tree, n = _NOTEBOOK_LINK_NAME.subn(
        r"\1{{ (notebook_title(content.path) if notebook_title is defined) or content.name }}",
        read("lab", "tree.html"),
    )
    tree, m = _TREE_HEADER.subn(TREE_HEADER_TEXT, tree)
    if n != 1 or m != 1:
        raise RuntimeError("Voilà's lab/tree.html no longer has the parts we change")
    files = {
        "conf.json": json.dumps({"base_template": "lab"}) + "\n",
        "tree.html": tree,
        "index.html.j2": _REMOTE_LINK.sub("", index),
        "page.html": lab_page,
        _BASE_PAGE: _REMOTE_LINK.sub("", read("base", "page.html")),
    }
    for name, text in files.items():
        left = _REMOTE_RESOURCE.search(text)
        if left:  # a remote link the line pattern did not catch: never serve it
            raise RuntimeError(f"{name}: a remote resource is left: {text[left.start() :][:80]!r}")
    return files


def default_cache_dir() -> Path:
    """Where the derived template is kept: the user's cache folder, one per Voilà version."""
    from importlib.metadata import version

    import platformdirs

    return Path(platformdirs.user_cache_dir(CACHE_APP_NAME)) / f"voila-{version('voila')}"


def ensure_offline_template(cache_dir: Path | None = None) -> Path:
    """Write the ``workshop-offline`` template under ``cache_dir`` (files whose content
    changed only) and return ``cache_dir``: a Jupyter data folder for ``JUPYTER_PATH``.

    The template goes to ``<cache_dir>/voila/templates/workshop-offline/``; nothing is
    written into the venv, and a start with an unchanged Voilà writes nothing at all.
    """
    root = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    target = root / "voila" / "templates" / TEMPLATE
    target.mkdir(parents=True, exist_ok=True)
    for name, text in offline_template_files().items():
        path = target / name
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        write_atomically(path, text)
    return root


# --------------------------------------------------------------------------- Host and Origin


def allowed_hosts(ip: str = DEFAULT_IP, extra: Iterable[str] = ()) -> frozenset[str]:
    """Host names served: 127.0.0.1, localhost, the listening address and ``extra``."""
    names = set(LOCAL_HOSTS)
    if ip and ip not in ("0.0.0.0", "::"):
        names.add(ip.strip("[]").lower())
    names.update(h.strip().lower() for h in extra if h.strip())
    return frozenset(names)


def refusal(host: str | None, origin: str | None, allowed: Iterable[str]) -> str | None:
    """Why a request with these ``Host`` and ``Origin`` headers is refused, or None.

    ``Host`` must name one of ``allowed`` (any port); an ``Origin``, when present, must
    be this very server as the request reached it: ``http(s)://`` + the ``Host``.
    """
    if not host:
        return "the request has no Host header"
    try:
        parts = urlsplit("//" + host)
        name = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        return f"malformed Host {host!r}"
    if not name or name not in set(allowed):
        return f"Host {host!r} is not served here"
    if origin is None:
        return None
    theirs = urlsplit(origin.strip())
    if theirs.scheme not in ("http", "https") or theirs.netloc.lower() != host.lower():
        return f"Origin {origin!r} is not this server"
    return None


# --------------------------------------------------------------------------- command


def voila_command(
    notebooks: str | os.PathLike = ".",
    port: int | None = None,
    *,
    ip: str = DEFAULT_IP,
    allow_hosts: Iterable[str] = (),
    cull_idle_timeout: int = CULL_IDLE_TIMEOUT,
    cull_interval: int = CULL_INTERVAL,
    max_unsent_bytes: int | None = None,
) -> list[str]:
    """The server's command line: Voilà on ``ip`` (127.0.0.1), code hidden, offline
    template, token required, Host/Origin checked, idle kernels culled. ``max_unsent_bytes``:
    what a page may leave unread before its kernel socket is closed (default
    ``kernel_socket.MAX_UNSENT_BYTES``).

    The token is not on it: set ``WORKSHOP_APP_TOKEN`` in the server's environment
    (see ``app_env``), or let it generate one and print it in its URL.
    """
    cmd = [
        sys.executable,
        "-m",
        "workshop.tooling.app",
        str(notebooks),
        "--no-browser",
        f"--Voila.ip={ip}",
        "--strip_sources=True",
        f"--template={TEMPLATE}",
        "--VoilaConfiguration.allow_template_override=NO",
        # The server-rendered list of notebooks, as the classroom hub serves it: it
        # needs no script, so it is there at once on a slow machine (the script-built
        # list sometimes took minutes beside busy processes, or never came).
        "--VoilaConfiguration.classic_tree=True",
        f"--MappingKernelManager.cull_idle_timeout={int(cull_idle_timeout)}",
        f"--MappingKernelManager.cull_interval={int(cull_interval)}",
        "--MappingKernelManager.cull_connected=False",
        "--MappingKernelManager.cull_busy=False",
    ]
    if port is not None:
        cmd.append(f"--port={int(port)}")
    if max_unsent_bytes is not None:
        cmd.append(f"--GuardedChannelsConnection.max_unsent_bytes={int(max_unsent_bytes)}")
    hosts = [h.strip() for h in allow_hosts if h.strip()]
    if hosts:
        cmd.append(f"--WorkshopApp.allow_hosts={','.join(hosts)}")
    return cmd


def app_env(token: str | None = None, base: dict | None = None) -> dict:
    """The server's environment: ``base`` (``os.environ``) with ``WORKSHOP_APP_TOKEN``
    set to ``token`` when one is given."""
    env = dict(os.environ if base is None else base)
    if token is not None:
        if not token.strip():
            raise ValueError("the app's token must not be empty")
        env[TOKEN_ENV] = token
    return env


def launch(
    notebooks: str | os.PathLike | None = None,
    port: int | None = DEFAULT_PORT,
    *,
    ip: str = DEFAULT_IP,
    allow_hosts: Iterable[str] = (),
    token: str | None = None,
    cull_idle_timeout: int = CULL_IDLE_TIMEOUT,
    cull_interval: int = CULL_INTERVAL,
) -> int:
    """Run the server on ``notebooks`` until it ends (``workshop app``); return its exit code.

    ``notebooks`` defaults to ``notebooks/`` in the folder run in (or that folder,
    see ``nbfiles.default_notebooks_dir``); a missing folder raises
    FileNotFoundError before anything starts. The server runs as a child process
    (``voila_command``, environment ``app_env(token)``). A SIGTERM to this process
    (a service manager, a test) is passed on, and Ctrl-C, which the server gets
    too, is waited out: either way the server ends its kernels before it exits.
    """
    folder = served_folder(notebooks)
    env = app_env(token)
    cmd = voila_command(
        folder.resolve(),
        port,
        ip=ip,
        allow_hosts=allow_hosts,
        cull_idle_timeout=cull_idle_timeout,
        cull_interval=cull_interval,
    )
    return run_until_done(cmd, env)


# --------------------------------------------------------------------------- server


def _offered_protocols(request) -> list[str]:
    """The WebSocket subprotocols a request offers (``Sec-WebSocket-Protocol``)."""
    offered = request.headers.get("Sec-WebSocket-Protocol", "")
    return [p.strip() for p in offered.split(",") if p.strip()]


def _gated(handler_class, allowed: frozenset[str], set_xsrf_cookie: bool, v1_only: bool = False):
    """``handler_class`` with the Host/Origin check before anything else it does (and,
    for a kernel WebSocket, ``v1_only``: the v1 kernel protocol required)."""
    from tornado.log import app_log

    from .kernel_socket import V1_PROTOCOL

    async def prepare(self):
        problem = refusal(
            self.request.headers.get("Host"), self.request.headers.get("Origin"), allowed
        )
        if problem:
            app_log.warning("Refused %s %s: %s", self.request.method, self.request.path, problem)
            self.set_status(403)
            self.set_header("Content-Type", "text/plain; charset=UTF-8")
            self.finish(f"403 Forbidden: {problem}\n")
            return
        if v1_only and V1_PROTOCOL not in _offered_protocols(self.request):
            # Voilà reads the older protocol's replies wrongly, looping on their bytes
            # (found in the kit's probe): the app speaks only v1, as its pages do.
            app_log.warning("Refused %s: no %s WebSocket protocol", self.request.path, V1_PROTOCOL)
            self.set_status(400)
            self.set_header("Content-Type", "text/plain; charset=UTF-8")
            self.finish(f"400 Bad Request: this server speaks the {V1_PROTOCOL} protocol only\n")
            return
        result = handler_class.prepare(self)  # authentication among the rest
        if inspect.isawaitable(result):
            await result
        if set_xsrf_cookie and self.request.method == "GET" and not self._finished:
            # Sets the _xsrf cookie that the page's unload beacon sends back, so
            # that closing the page shuts its kernel down (voila#1458).
            self.xsrf_token  # noqa: B018

    return type(handler_class.__name__, (handler_class,), {"prepare": prepare})


def _server_class():
    """Voilà's server class with the kit's token, Host/Origin gate and URL (imported late:
    Voilà is slow to import and only the server process needs it)."""
    import jinja2
    from jupyter_server import DEFAULT_STATIC_FILES_PATH
    from jupyter_server.services.kernels.connection.base import BaseKernelWebsocketConnection
    from jupyter_server.services.kernels.websocket import KernelWebsocketHandler
    from jupyter_server.utils import url_path_join
    from tornado.web import StaticFileHandler, URLSpec
    from traitlets import List, Type, Unicode
    from voila.app import Voila
    from voila.handler import BaseVoilaHandler

    from .kernel_socket import GuardedChannelsConnection

    class WorkshopApp(Voila):
        """Voilà with the kit's token, Host/Origin gate, offline template and URL, and
        kernel WebSockets that refuse malformed frames."""

        allow_hosts = List(
            Unicode(),
            config=True,
            help="Host names served besides 127.0.0.1, localhost and the listening address.",
        )
        kernel_websocket_connection_class = Type(
            default_value=GuardedChannelsConnection,
            klass=BaseKernelWebsocketConnection,
            config=True,
            help="The kernel WebSocket connection (the kit's: malformed frames refused).",
        )

        def initialize(self, argv=None):
            token = os.environ.pop(TOKEN_ENV, "").strip()
            try:
                data = ensure_offline_template()
            except OSError as exc:  # no writable cache folder: a folder for this run
                data = ensure_offline_template(Path(tempfile.mkdtemp(prefix="workshop-app-")))
                self.log.warning("Cache folder not writable (%s); template in %s", exc, data)
            paths = [str(data), os.environ.get("JUPYTER_PATH", "")]
            os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in paths if p)
            super().initialize(argv)
            self.token = self.token or token or secrets.token_hex(24)
            # Jupyter Server's own pages (logging in and out, its error page) link its
            # static files; Voila sets no static_path, so /logout answered 500. With the
            # path set (and served: init_handlers) they render with their style.
            self.tornado_settings = {
                **self.tornado_settings,
                "static_path": DEFAULT_STATIC_FILES_PATH,
            }

        def init_settings(self):
            settings = super().init_settings()
            # The login page says how a learner gets in, not how an operator would; it
            # and the logout page turn dark on a dark system.
            env = settings["jinja2_env"]
            env.loader = jinja2.ChoiceLoader(
                [jinja2.FileSystemLoader(str(APP_TEMPLATES)), env.loader]
            )
            # The file list's titles (tree.html of the offline template).
            root = self.contents_manager.root_dir
            settings["voila_jinja2_env"].globals["notebook_title"] = partial(title_of_file, root)
            return settings

        @property
        def display_url(self):
            return f"{super().display_url.split('?', 1)[0]}?token={self.token}"

        def init_handlers(self):
            hosts = [h for item in self.allow_hosts for h in item.split(",")]
            allowed = allowed_hosts(self.ip, hosts)
            self.log.info("Serving Host names: %s", ", ".join(sorted(allowed)))
            # Jupyter Server's pages (logging out) take their style and logo from here.
            static = (
                url_path_join(self.base_url, r"/static/(.*)"),
                StaticFileHandler,
                {"path": DEFAULT_STATIC_FILES_PATH},
            )
            gated = []
            for spec in [*super().init_handlers(), static]:
                cls = spec.handler_class if isinstance(spec, URLSpec) else spec[1]
                new = _gated(
                    cls,
                    allowed,
                    issubclass(cls, BaseVoilaHandler),
                    v1_only=issubclass(cls, KernelWebsocketHandler),
                )
                if isinstance(spec, URLSpec):
                    gated.append(URLSpec(spec.regex.pattern, new, spec.kwargs, spec.name))
                else:
                    gated.append((spec[0], new, *spec[2:]))
            return gated

    return WorkshopApp


def main(argv: list[str] | None = None) -> None:
    """Run the server (``python -m workshop.tooling.app NOTEBOOKS [Voilà options]``)."""
    _server_class().launch_instance(argv)


if __name__ == "__main__":
    main()
