"""App mode (``workshop app``) as a real server: token, Host and Origin, offline pages,
kernels of closed pages ended.

Every server here is started with ``workshop.tooling.app.voila_command``, as ``workshop app``
starts it, on 127.0.0.1, and always stopped. Requests are real: urllib and raw HTTP
for the headers, Chromium (Playwright) for pages. A kernel is counted as a kernel
process that is a child of the server, so "no kernel" means no process. Nothing
waits on a sleep: each step waits for its signal (an output on the page, the
server counting the page's connection to its kernel, a process gone), polling
with a deadline.
"""

from __future__ import annotations

import base64
import http.client
import json
import os
import re
import shutil
import sys
import time
import urllib.error
import urllib.request
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import nbformat
import psutil
import pytest
from servers import ROOT, TOKEN, malformed_kernel_frame_close_code, unread_replies
from servers import voila_server as start_app

from workshop.cli import main
from workshop.tooling import app
from workshop.tooling.kernel_socket import (
    CLOSE_POLICY_VIOLATION,
    CLOSE_UNSUPPORTED_DATA,
    V1_PROTOCOL,
)

#: Idle time before a kernel with no open page is culled, in the culling test's server.
CULL_IDLE_S = 8
#: How often that server looks for such kernels.
CULL_INTERVAL_S = 1
#: The extra Host name the main test server is configured to serve.
CONFIGURED_HOST = "workshop.test"
#: What the small-buffer app lets a page leave unread, bytes.
UNREAD_LIMIT = 256 * 1024
MARKER = "tiny-app-ok"
#: A notebook with a Mermaid diagram: nbconvert's page part would load Mermaid from a CDN.
DIAGRAM = "diagram.ipynb"
KIT_NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))


# --------------------------------------------------------------------------- helpers


def wait_until(condition, timeout_s: float, what: str, every_s: float = 0.25):
    """Poll ``condition`` until it returns a truthy value; fail naming ``what``."""
    deadline = time.monotonic() + timeout_s
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout_s:.0f} s waiting for {what}")
        time.sleep(every_s)


def kernels(server) -> list[int]:
    """Process ids of the kernels the app server runs (its ipykernel children)."""
    found = []
    for child in psutil.Process(server.pid).children(recursive=True):
        try:
            if any("ipykernel" in part for part in child.cmdline()):
                found.append(child.pid)
        except psutil.NoSuchProcess:
            pass
    return found


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def fetch(url: str, method: str = "GET", headers: dict | None = None, data: bytes | None = None):
    """(status, headers, body text) of one request; redirects are not followed."""
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with _opener.open(request, timeout=120) as resp:
            return resp.status, resp.headers, resp.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read().decode("utf-8", "replace")


def host_of(server) -> str:
    return urlsplit(server).netloc  # 127.0.0.1:<port>


def start_kernel(server) -> str:
    """Render the tiny notebook with the token (starts one kernel); return its id."""
    status, _, body = fetch(f"{server}/voila/render/tiny.ipynb?token={server.token}")
    assert status == 200 and MARKER in body
    return re.search(r'"kernelId":\s*"([0-9a-f-]{36})"', body).group(1)


def delete_kernel(server, kernel_id: str) -> None:
    auth = {"Authorization": f"token {server.token}"}
    status, _, _ = fetch(f"{server}/api/kernels/{kernel_id}", "DELETE", auth)
    assert status == 204


def websocket_handshake(server, path: str, origin: str, protocol: str | None = V1_PROTOCOL) -> int:
    """Status of a WebSocket upgrade request to ``path`` sent with ``origin``, offering the
    kernel ``protocol`` (as the pages do; ``None``: none, the older protocol)."""
    parts = urlsplit(server)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    headers = {
        "Upgrade": "websocket",
        "Connection": "Upgrade",
        "Sec-WebSocket-Key": base64.b64encode(os.urandom(16)).decode(),
        "Sec-WebSocket-Version": "13",
        "Origin": origin,
    }
    if protocol is not None:
        headers["Sec-WebSocket-Protocol"] = protocol
    try:
        conn.request("GET", path, headers=headers)
        return conn.getresponse().status
    finally:
        conn.close()


def no_kernels_left(server, timeout_s: float = 60) -> None:
    wait_until(lambda: not kernels(server), timeout_s, "the app's kernels to end")


def kernel_connected(server, kernel_id: str) -> bool:
    """True once the kernel has a page connected (its WebSocket open at the server)."""
    status, _, body = fetch(f"{server}/api/kernels/{kernel_id}?token={server.token}")
    return status == 200 and json.loads(body)["connections"] >= 1


def open_tiny(context, server, count: int = 1, timeout_ms: int = 120_000) -> list:
    """``count`` new pages showing the tiny notebook, requested together (as learners
    opening it at once), each with its kernel connected."""
    pages = [context.new_page() for _ in range(count)]
    for page in pages:  # each request is sent before any page is waited for
        page.goto(
            f"{server}/voila/render/tiny.ipynb?token={server.token}",
            timeout=timeout_ms,
            wait_until="commit",
        )
    for page in pages:
        page.get_by_text(MARKER).wait_for(timeout=timeout_ms)
        kernel_id = kernel_id_of(page)
        wait_until(lambda k=kernel_id: kernel_connected(server, k), timeout_ms / 1000, "a page")
    return pages


def leaves_this_machine(url: str) -> bool:
    """True for a request that goes anywhere but 127.0.0.1 (``data:`` never leaves the
    browser, nor a ``blob:`` made by a page of 127.0.0.1: the widgets' scripts)."""
    parts = urlsplit(url)
    if parts.scheme == "data":
        return False
    if parts.scheme == "blob":
        return urlsplit(parts.path).hostname != "127.0.0.1"
    return parts.hostname != "127.0.0.1"


def kernel_id_of(page) -> str:
    return page.evaluate(
        "JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId"
    )


def end_leftover_kernels(server) -> list[str]:
    """End every kernel the app still runs; return their ids. A test that failed half
    way leaves its pages' kernels behind, and the next test would fail on them too."""
    # The app serves no list of kernels: their ids are in their processes' connection files.
    left = []
    for pid in kernels(server):
        try:
            found = re.search(
                r"kernel-([0-9a-f-]{36})\.json", " ".join(psutil.Process(pid).cmdline())
            )
        except psutil.NoSuchProcess:
            continue
        if found:
            left.append(found.group(1))
    auth = {"Authorization": f"token {server.token}"}
    for kernel_id in left:
        # 404: culled or shut down since the list was read.
        assert fetch(f"{server}/api/kernels/{kernel_id}", "DELETE", auth)[0] in (204, 404)
    no_kernels_left(server)
    return left


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(autouse=True)
def _no_kernel_outlives_its_test(request):
    """After each test (its own checks done), end what a failure left and say so, with
    the end of the server's log to show why."""
    yield
    for name in ("server", "culling_server", "small_buffer_server"):
        if name in request.fixturenames:
            server = request.getfixturevalue(name)
            left = end_leftover_kernels(server)
            if left:
                tail = server.log.read_text(errors="replace").splitlines()[-40:]
                print(f"ended {len(left)} kernel(s) left by the test; server log ends:")
                print("\n".join(tail))


@pytest.fixture(scope="module")
def app_dir(tmp_path_factory):
    """The kit's notebooks and a one-cell notebook, in a temporary folder."""
    folder = tmp_path_factory.mktemp("app-notebooks")
    for name in KIT_NOTEBOOKS:
        shutil.copy2(ROOT / "notebooks" / name, folder / name)
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("# Tiny"),
            nbformat.v4.new_code_cell(f"print('{MARKER}')"),
        ]
    )
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, folder / "tiny.ipynb")
    diagram = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_markdown_cell("```mermaid\ngraph LR\n  hips --> pelvis\n```")]
    )
    diagram.metadata["kernelspec"] = nb.metadata["kernelspec"]
    nbformat.write(diagram, folder / DIAGRAM)
    return folder


@pytest.fixture(scope="module")
def server(app_dir, tmp_path_factory):
    """The app with the tests' token, one configured Host name and culling off, so that
    only a page's own shutdown request can end its kernel."""
    logs = tmp_path_factory.mktemp("app-log")
    with start_app(
        app_dir, log_dir=logs, allow_hosts=[CONFIGURED_HOST], cull_idle_timeout=0
    ) as url:
        yield url


@pytest.fixture(scope="module")
def culling_server(app_dir, tmp_path_factory):
    """The app with a token of its own (read from the URL it prints) and a short cull."""
    logs = tmp_path_factory.mktemp("app-cull-log")
    with start_app(
        app_dir,
        log_dir=logs,
        token=None,
        cull_idle_timeout=CULL_IDLE_S,
        cull_interval=CULL_INTERVAL_S,
    ) as url:
        yield url


@pytest.fixture(scope="module")
def small_buffer_server(app_dir, tmp_path_factory):
    """The app with a page allowed to leave only 256 KiB unread (32 MiB by default), so
    that a test fills it with a few megabytes of replies."""
    logs = tmp_path_factory.mktemp("app-buffer-log")
    with start_app(
        app_dir, log_dir=logs, cull_idle_timeout=0, max_unsent_bytes=UNREAD_LIMIT
    ) as url:
        yield url


# --------------------------------------------------------------------------- no server


@pytest.mark.parametrize(
    ("host", "origin", "served"),
    [
        ("127.0.0.1:8866", None, True),
        ("localhost:8866", "http://localhost:8866", True),
        ("workshop.test:8866", "http://workshop.test:8866", True),
        ("127.0.0.1", "http://127.0.0.1", True),
        ("evil.example:8866", None, False),  # DNS rebinding: a foreign name for 127.0.0.1
        ("evil.example:8866", "http://evil.example:8866", False),
        ("127.0.0.1.evil.example:8866", None, False),
        ("localhost.:8866", None, False),
        ("127.0.0.1:8866", "http://evil.example", False),  # a foreign page's request
        ("127.0.0.1:8866", "http://127.0.0.1:9999", False),  # another local server's page
        ("127.0.0.1:8866", "null", False),
        ("127.0.0.1:8866", "file://", False),
        ("127.0.0.1:bad", None, False),
        ("", None, False),
    ],
)
def test_host_and_origin_rules(host, origin, served):
    allowed = app.allowed_hosts("127.0.0.1", [CONFIGURED_HOST])
    assert (app.refusal(host, origin, allowed) is None) is served


def test_the_command_carries_options_but_no_token(tmp_path, monkeypatch):
    """``workshop app`` options reach the server's command; the token only its environment."""
    seen = {}

    class FakePopen:
        def __init__(self, cmd, env):
            seen.update(cmd=cmd, env=env)

        def wait(self):
            return 0

    monkeypatch.setattr("workshop.tooling.child.subprocess.Popen", FakePopen)
    argv = ["app", "--notebooks", str(tmp_path), "--port", "9123", "--token", "s3cret"]
    argv += ["--cull-idle-timeout", "7", "--cull-interval", "2", "--allow-host", "kit.lan"]
    assert main(argv) == 0
    cmd = seen["cmd"]
    assert cmd[1:4] == ["-m", "workshop.tooling.app", str(tmp_path.resolve())]
    for option in (
        "--port=9123",
        "--Voila.ip=127.0.0.1",
        "--MappingKernelManager.cull_idle_timeout=7",
        "--MappingKernelManager.cull_interval=2",
        "--MappingKernelManager.cull_connected=False",
        "--WorkshopApp.allow_hosts=kit.lan",
        f"--template={app.TEMPLATE}",
        "--VoilaConfiguration.allow_template_override=NO",
    ):
        assert option in cmd
    assert not any("s3cret" in part for part in cmd)
    assert seen["env"][app.TOKEN_ENV] == "s3cret"
    # The defaults, as the docstring states them.
    assert f"--MappingKernelManager.cull_idle_timeout={app.CULL_IDLE_TIMEOUT}" in (
        app.voila_command("x")
    )
    assert (app.CULL_IDLE_TIMEOUT, app.CULL_INTERVAL) == (600, 60)


def test_offline_template_is_written_once_outside_the_venv(tmp_path):
    cache = tmp_path / "cache"
    assert app.ensure_offline_template(cache) == cache
    folder = cache / "voila" / "templates" / app.TEMPLATE
    files = sorted(folder.iterdir())
    assert {p.name for p in files} == set(app.offline_template_files())
    stamps = {p: p.stat().st_mtime_ns for p in files}
    inodes = {p: p.stat().st_ino for p in files}
    app.ensure_offline_template(cache)  # a second start: nothing rewritten
    assert {p: p.stat().st_mtime_ns for p in files} == stamps
    assert {p: p.stat().st_ino for p in files} == inodes
    stock = app._voila_template("lab", "index.html.j2").read_text(encoding="utf-8")
    assert "cdn.jsdelivr.net" in stock  # what the derived template removes
    for path in files:
        assert "cdn." not in path.read_text(encoding="utf-8"), path.name
    assert not str(app.default_cache_dir()).startswith(os.path.realpath(sys.prefix))


# --------------------------------------------------------------------------- server


def test_the_printed_url_carries_a_generated_token(culling_server):
    token = culling_server.token  # read from the URL the server printed
    assert re.fullmatch(r"[0-9a-f]{48}", token)
    assert fetch(f"{culling_server}/voila/api/contents?token={token}")[0] == 200
    assert fetch(f"{culling_server}/voila/api/contents?token={TOKEN}")[0] == 403
    assert fetch(f"{culling_server}/voila/api/contents")[0] == 403


def test_no_token_no_kernel(server):
    no_kernels_left(server)
    render = f"{server}/voila/render/tiny.ipynb"
    for url, headers in (
        (render, {}),
        (f"{render}?token=wrong", {}),
        (render, {"Authorization": "token wrong"}),
    ):
        status, head, _ = fetch(url, headers=headers)
        assert status == 302 and head["Location"].startswith("/login"), (url, status)
    assert kernels(server) == []

    kernel_id = start_kernel(server)  # with the token: one kernel, so the count can see one
    assert len(kernels(server)) == 1
    shutdown = f"{server}/voila/api/shutdown/{kernel_id}"
    assert fetch(shutdown, "POST", data=b"")[0] == 403
    channels = f"/api/kernels/{kernel_id}/channels"
    assert websocket_handshake(server, channels, f"http://{host_of(server)}") == 403
    assert len(kernels(server)) == 1  # still running: nothing without the token touched it
    delete_kernel(server, kernel_id)
    no_kernels_left(server)


def test_foreign_host_is_refused(server):
    no_kernels_left(server)
    port = urlsplit(server).port
    render = f"{server}/voila/render/tiny.ipynb?token={server.token}"
    for headers in (
        {"Host": f"evil.example:{port}"},
        {"Host": f"evil.example:{port}", "Origin": f"http://evil.example:{port}"},  # rebinding
    ):
        status, _, body = fetch(render, headers=headers)
        assert status == 403 and "Host" in body, headers
        assert fetch(f"{server}/?token={server.token}", headers=headers)[0] == 403
    assert kernels(server) == []
    contents = f"{server}/voila/api/contents?token={server.token}"
    for name in ("127.0.0.1", "localhost", CONFIGURED_HOST):
        assert fetch(contents, headers={"Host": f"{name}:{port}"})[0] == 200, name


def test_the_login_page_says_how_to_get_in_and_takes_the_token(server):
    """Someone who reaches the app without the token in its address is told where it
    comes from (not Jupyter Server's advice to run `jupyter server list`), and the token
    pasted into the form logs them in."""
    status, headers, body = fetch(f"{server}/login?next=%2Fvoila%2Ftree%2F")
    assert status == 200 and "Mindful Movement Workshop" in body and "make app" in body
    assert "jupyter server list" not in body
    xsrf = next(c for c in headers.get_all("Set-Cookie") if c.startswith("_xsrf=")).split(";")[0]

    def log_in(password: str):
        return fetch(
            f"{server}/login?next=%2Fvoila%2Ftree%2F",
            "POST",
            {"Cookie": xsrf, "Content-Type": "application/x-www-form-urlencoded"},
            f"{xsrf}&password={password}".encode(),
        )

    status, headers, _ = log_in(server.token)
    assert status == 302 and headers["Location"] == "/voila/tree/"
    assert any(c.startswith("username-") for c in headers.get_all("Set-Cookie"))
    status, _, body = log_in("not-the-token")
    assert status == 401 and "Mindful Movement Workshop" in body


def test_logging_out_answers_and_clears_the_login_cookie(server):
    """/logout is Jupyter Server's page: it answered 500 (no static files set up in the
    app) and left the login cookie in place. Its style comes from the app itself, behind
    the same Host check as every other page."""
    status, headers, _ = fetch(f"{server}/?token={server.token}")
    assert status in (200, 302)
    cookie = next(c for c in headers.get_all("Set-Cookie") if c.startswith("username-"))
    name = cookie.split("=", 1)[0]
    status, headers, body = fetch(f"{server}/logout", headers={"Cookie": cookie.split(";")[0]})
    assert status == 200 and "Successfully logged out" in body
    cleared = [c for c in headers.get_all("Set-Cookie") or [] if c.startswith(f"{name}=")]
    assert cleared and cleared[0].startswith(f'{name}="";'), cleared
    expires = re.search(r"expires=([^;]+)", cleared[0], re.IGNORECASE).group(1)
    assert parsedate_to_datetime(expires) < datetime.now(timezone.utc), cleared
    style = re.search(r'href="(/static/style/[^"?]+)', body).group(1)
    assert fetch(f"{server}{style}")[0] == 200
    port = urlsplit(server).port
    assert fetch(f"{server}{style}", headers={"Host": f"evil.example:{port}"})[0] == 403


def test_a_page_that_does_not_read_its_replies_loses_its_socket(small_buffer_server):
    """A page that sends and never reads: the server would hold every reply in memory
    (3000 explorer commits held 440 MB in the probe). Past the limit of what it may leave
    unread, its socket is closed ('policy violation', or cut 5 s later); the replies it
    gets end there, and the server goes on answering."""
    server = small_buffer_server
    no_kernels_left(server)
    kernel_id = start_kernel(server)
    requests = 6000  # about 15 MB of replies, status messages included
    code, replies = unread_replies(
        f"ws://{host_of(server)}/api/kernels/{kernel_id}/channels"
        f"?token={server.token}&session_id=reader",
        origin=f"http://{host_of(server)}",
        requests=requests,
    )
    assert code in (CLOSE_POLICY_VIOLATION, None) and replies < requests, (code, replies)
    assert "unread, socket closed" in server.log.read_text(errors="replace")
    assert fetch(f"{server}/voila/api/contents?token={server.token}")[0] == 200
    delete_kernel(server, kernel_id)
    no_kernels_left(server)


def test_foreign_origin_is_refused(server):
    no_kernels_left(server)
    render = f"{server}/voila/render/tiny.ipynb?token={server.token}"
    for origin in ("http://evil.example", f"http://evil.example:{urlsplit(server).port}", "null"):
        status, _, body = fetch(render, headers={"Origin": origin})
        assert status == 403 and "Origin" in body, origin
    assert kernels(server) == []

    kernel_id = start_kernel(server)
    channels = f"/api/kernels/{kernel_id}/channels?token={server.token}"
    assert websocket_handshake(server, channels, "http://evil.example") == 403
    assert websocket_handshake(server, channels, f"http://{host_of(server)}") == 101
    # The older kernel protocol, whose replies Voilà misreads: refused.
    assert websocket_handshake(server, channels, f"http://{host_of(server)}", None) == 400
    shutdown = f"{server}/voila/api/shutdown/{kernel_id}?token={server.token}"
    assert fetch(shutdown, "POST", {"Origin": "http://evil.example"}, b"")[0] == 403
    assert len(kernels(server)) == 1
    delete_kernel(server, kernel_id)
    no_kernels_left(server)


def test_a_notebook_with_a_diagram_loads_no_script_from_outside(server):
    """nbconvert's part of the page would load Mermaid from a CDN for a diagram; the
    app's page shows the diagram's text and names no script on another host."""
    no_kernels_left(server)
    status, _, page = fetch(f"{server}/voila/render/{DIAGRAM}?token={server.token}")
    assert status == 200 and "hips --> pelvis" in page
    assert "mermaid.esm" not in page and "cdnjs" not in page
    assert re.findall(r"""<script[^>]+src=["'](?:https?:)?//""", page) == []
    delete_kernel(server, re.search(r'"kernelId":\s*"([0-9a-f-]{36})"', page).group(1))
    no_kernels_left(server)


def test_a_malformed_kernel_frame_closes_its_socket_not_the_server(server):
    """One frame claiming 10⁷ offsets in 24 bytes: Jupyter Server would read them all
    before any check (a larger count grows the server until memory runs out). The
    server closes that socket with 'unsupported data' and goes on answering."""
    no_kernels_left(server)
    kernel_id = start_kernel(server)
    code = malformed_kernel_frame_close_code(
        f"ws://{host_of(server)}/api/kernels/{kernel_id}/channels"
        f"?token={server.token}&session_id=probe",
        origin=f"http://{host_of(server)}",
    )
    assert code == CLOSE_UNSUPPORTED_DATA
    assert fetch(f"{server}/voila/api/contents?token={server.token}")[0] == 200
    assert "frame refused" in server.log.read_text(errors="replace")
    delete_kernel(server, kernel_id)
    no_kernels_left(server)


@pytest.mark.browser
def test_app_pages_load_nothing_from_outside(server, browser):
    """Every page the app serves: the file list, each notebook of the kit (two at a
    time), a template asked for by query, a missing notebook (error page) and the
    login page. Every request of every page is recorded (none is held up: a route
    handler would stall the pages while the test polls the server)."""
    no_kernels_left(server)
    token = server.token
    pages = [(f"/?token={token}", 200), (f"/voila/tree/?token={token}", 200)]
    pages += [(f"/voila/render/{name}?token={token}", 200) for name in KIT_NOTEBOOKS]
    pages += [
        (f"/voila/render/tiny.ipynb?token={token}&template=lab", 200),
        (f"/voila/render/missing.ipynb?token={token}", 404),
    ]
    seen: list[str] = []

    def watched():
        context = browser.new_context()
        context.on("request", lambda r: seen.append(r.url))
        return context

    context = watched()
    try:
        for first in range(0, len(pages), 2):
            opened = []
            for path, expected in pages[first : first + 2]:
                page = context.new_page()
                response = page.goto(f"{server}{path}", timeout=120_000, wait_until="commit")
                assert response.status == expected, path
                opened.append((page, path, expected))
            for page, path, expected in opened:
                page.wait_for_load_state("load", timeout=120_000)
                if path.startswith("/voila/render/") and expected == 200:
                    kernel_id = kernel_id_of(page)
                    wait_until(lambda k=kernel_id: kernel_connected(server, k), 120, path)
                page.wait_for_load_state("networkidle", timeout=120_000)
            for page, _, _ in opened:
                page.close(run_before_unload=True)
    finally:
        context.close()
    context = watched()  # a visitor who never had the token
    try:
        page = context.new_page()
        response = page.goto(f"{server}/voila/render/tiny.ipynb", timeout=120_000)
        assert response.status == 200 and "/login" in page.url
        page.wait_for_load_state("networkidle", timeout=120_000)
    finally:
        context.close()
    assert len(seen) > 10 * len(KIT_NOTEBOOKS)
    outside = sorted({u for u in seen if leaves_this_machine(u)})
    assert outside == [], f"app pages loaded from outside 127.0.0.1: {outside}"
    no_kernels_left(server)  # each page's unload request ended its kernel
    assert kernels(server) == []


@pytest.mark.browser
def test_closing_a_page_ends_its_kernel(server, browser):
    """Culling is off on this server: only the page's shutdown request (voila#1458) can
    end its kernel."""
    no_kernels_left(server)
    log_start = server.log.stat().st_size
    context = browser.new_context()
    try:
        for _ in range(3):
            (page,) = open_tiny(context, server)
            kernel_id = kernel_id_of(page)
            assert len(kernels(server)) == 1
            page.close(run_before_unload=True)  # as closing the tab
            no_kernels_left(server, timeout_s=30)
            # The list can empty a moment before the kernel's own URL stops answering.
            wait_until(
                lambda kid=kernel_id: (
                    fetch(f"{server}/api/kernels/{kid}?token={server.token}")[0] == 404
                ),
                30,
                "the closed page's kernel to be gone",
            )
    finally:
        context.close()

    def server_log() -> str:
        with open(server.log, encoding="utf-8", errors="replace") as fh:
            fh.seek(log_start)
            return fh.read()

    wait_until(lambda: server_log().count("Kernel shutdown: ") >= 3, 30, "3 shutdowns logged")
    log = server_log()
    assert "'_xsrf' argument missing" not in log
    assert log.count("Kernel shutdown: ") == 3


@pytest.mark.browser
def test_kernels_of_vanished_pages_are_culled(culling_server, browser):
    """20 opens and closes of an app page, each closed with no unload (as a crashed
    tab): once the stated idle time has passed, at most 2 kernels remain."""
    server = culling_server
    no_kernels_left(server)
    opened = []
    context = browser.new_context()
    try:
        for _ in range(10):
            for page in open_tiny(context, server, count=2):
                opened.append(kernel_id_of(page))
                page.close()  # no beforeunload, no shutdown request: only culling ends it
    finally:
        context.close()
    assert len(set(opened)) == 20
    closed_at = time.monotonic()
    wait_until(
        lambda: len(kernels(server)) <= 2,
        CULL_IDLE_S + CULL_INTERVAL_S + 30,
        f"kernels of closed pages to be culled after {CULL_IDLE_S} s idle",
    )
    waited = time.monotonic() - closed_at
    log = server.log.read_text(errors="replace")
    culled = {k for k in opened if re.search(rf"Culling '\w+' kernel '\w+' \({k}\)", log)}
    assert len(culled) >= 18, f"{len(culled)} of 20 kernels were culled ({waited:.0f} s)"
    no_kernels_left(server, timeout_s=CULL_IDLE_S + CULL_INTERVAL_S + 30)
