"""Start and stop JupyterLab and Voila on 127.0.0.1 (for browser tests and benchmarks)."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "workshop-test-token"
CHROMIUM = os.environ.get("WORKSHOP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--autoplay-policy=no-user-gesture-required",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, proc: subprocess.Popen, timeout_s: float = 90.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited early with code {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status < 500:
                    return
        except Exception:
            time.sleep(0.3)
    raise TimeoutError(f"server at {url} did not answer within {timeout_s:.0f} s")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


def _root_flag() -> list[str]:
    return ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []


def _env() -> dict:
    env = dict(os.environ)
    env["JUPYTER_PLATFORM_DIRS"] = "1"
    return env


def quiet_lab_settings(settings_dir: Path) -> None:
    """JupyterLab user settings for tests: no news prompt, no update check (both would
    ask the internet and put a toast over the page)."""
    folder = Path(settings_dir) / "@jupyterlab" / "apputils-extension"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "notification.jupyterlab-settings"
    if not path.exists():
        path.write_text('{"fetchNews": "false", "checkForUpdates": false}\n', encoding="utf-8")


@contextlib.contextmanager
def server_log(settings_dir: Path, name: str):
    """A log file for a server's output, beside its settings (read it when a test fails)."""
    path = Path(settings_dir) / f"{name}.log"
    with open(path, "ab") as fh:
        yield fh


@contextlib.contextmanager
def lab_server(root_dir: Path, settings_dir: Path):
    """JupyterLab serving ``root_dir``; yields its base URL; always stopped.

    Its output goes to ``settings_dir/jupyterlab.log``."""
    quiet_lab_settings(settings_dir)
    port = free_port()
    cmd = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        f"--ServerApp.token={TOKEN}",
        f"--ServerApp.root_dir={root_dir}",
        f"--LabApp.workspaces_dir={settings_dir}",
        f"--LabApp.user_settings_dir={settings_dir}",
        "--LabApp.news_url=",
        *_root_flag(),
    ]
    with server_log(settings_dir, "jupyterlab") as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=_env())
        try:
            wait_for(f"http://127.0.0.1:{port}/api/status?token={TOKEN}", proc)
            yield f"http://127.0.0.1:{port}"
        finally:
            stop(proc)


@contextlib.contextmanager
def learner_server(root_dir: Path, work_dir: Path):
    """A Jupyter server as a hub starts one for a learner (Voilà as its extension, the
    kit's ``workshop-hub`` template written into ``work_dir`` and selected), serving
    ``root_dir``, without the hub; yields its base URL (pages need ``?token=TOKEN``);
    always stopped. Its output goes to ``work_dir/learner.log``."""
    from workshop.tooling import hub
    from workshop.tooling.nbfiles import default_notebooks_dir

    hub.write_voila_template(Path(work_dir) / "data", default_notebooks_dir(root_dir))
    port = free_port()
    cmd = [
        sys.executable,
        "-m",
        "jupyter_server",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        f"--IdentityProvider.token={TOKEN}",
        f"--ServerApp.root_dir={root_dir}",
        hub.VOILA_TEMPLATE_OPTION,
        "--VoilaConfiguration.classic_tree=True",
        *_root_flag(),
    ]
    env = {**_env(), "JUPYTER_PATH": str(Path(work_dir) / "data")}
    with server_log(work_dir, "learner") as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env)
        try:
            wait_for(f"http://127.0.0.1:{port}/api/status?token={TOKEN}", proc)
            yield f"http://127.0.0.1:{port}"
        finally:
            stop(proc)


@contextlib.contextmanager
def voila_server(
    notebooks: Path, log_dir: Path | None = None, token: str | None = TOKEN, **options
):
    """The app mode as ``make app`` starts it (offline template, code hidden, token
    required, idle kernels culled); always stopped.

    Yields its base URL, a ``str`` that also carries ``.token``, ``.pid`` (the
    server's process) and ``.log`` (its output file, or None). Pages need
    ``?token=``: ``TOKEN`` (the one JupyterLab's tests use; ``open_voila`` adds it),
    or with ``token=None`` the one the server generates, read from the URL it
    prints (needs ``log_dir``). ``options`` go to ``workshop.tooling.app.voila_command``
    (e.g. ``cull_idle_timeout=8``). The output goes to ``log_dir/voila.log``."""
    import re

    from workshop.tooling.app import TOKEN_ENV, app_env, voila_command

    class AppURL(str):
        token: str
        pid: int
        log: Path | None

    if token is None and log_dir is None:
        raise ValueError("a generated token is read from the server's log: give log_dir")
    port = free_port()
    cmd = voila_command(str(notebooks), port=port, **options)
    env = _env()
    env.pop(TOKEN_ENV, None)
    env = app_env(token, env)
    log = Path(log_dir) / "voila.log" if log_dir is not None else None
    with contextlib.ExitStack() as stack:
        out = (
            subprocess.DEVNULL
            if log_dir is None
            else stack.enter_context(server_log(log_dir, "voila"))
        )
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env)
        try:
            if token is None:  # the server prints its URL once it listens
                printed = re.compile(rf"http://127\.0\.0\.1:{port}/\?token=(\w+)")
                deadline = time.monotonic() + 90
                while not (found := printed.search(log.read_text(errors="replace"))):
                    if proc.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(f"the app printed no URL with a token (see {log})")
                    time.sleep(0.2)
                token = found.group(1)
            # The file list's API: 200 once the server answers, with the token.
            wait_for(f"http://127.0.0.1:{port}/voila/api/contents?token={token}", proc)
            url = AppURL(f"http://127.0.0.1:{port}")
            url.token, url.pid, url.log = token, proc.pid, log
            yield url
        finally:
            stop(proc)


def malformed_kernel_frame_close_code(
    ws_url: str, origin: str, headers=None, legacy: bool = False
) -> int | None:
    """Send one v1 kernel frame claiming 10⁷ offsets in 24 bytes to the kernel WebSocket at
    ``ws_url`` (``legacy``: with no subprotocol, a frame of the older protocol claiming
    2³¹ - 1 parts in 12 bytes); the close code the server answers with (``None``: it did
    not close the socket within 60 s)."""
    import websocket

    from workshop.tooling.kernel_socket import V1_PROTOCOL

    ws = websocket.create_connection(
        ws_url,
        subprotocols=None if legacy else [V1_PROTOCOL],
        origin=origin,
        header=headers,
        timeout=60,
    )
    try:
        if legacy:
            ws.send_binary((2**31 - 1).to_bytes(4, "big") + bytes(8))
        else:
            ws.send_binary((10**7).to_bytes(8, "little") + bytes(16))
        deadline = time.monotonic() + 60
        while ws.connected and time.monotonic() < deadline:
            opcode, frame = ws.recv_data_frame(control_frame=True)
            if opcode == websocket.ABNF.OPCODE_CLOSE:
                return int.from_bytes(frame.data[:2], "big")
        return None
    finally:
        ws.close()


def unread_replies(ws_url: str, origin: str, requests: int, headers=None) -> tuple[int | None, int]:
    """Send ``requests`` kernel_info requests over a v1 kernel WebSocket at ``ws_url``
    without reading (the socket's receive buffer kept small), then read. Returns the close
    code the server sent (``None``: the socket ended, or no message came for 10 s, or only
    pings for 60 s, without one)
    and how many kernel_info replies arrived before."""
    import json
    import socket
    import uuid

    import websocket
    from jupyter_server.services.kernels.connection.base import serialize_msg_to_ws_v1

    from workshop.tooling.kernel_socket import V1_PROTOCOL

    ws = websocket.create_connection(
        ws_url,
        subprotocols=[V1_PROTOCOL],
        origin=origin,
        header=headers,
        timeout=60,
        sockopt=((socket.SOL_SOCKET, socket.SO_RCVBUF, 4096),),
    )
    session = uuid.uuid4().hex
    replies = 0
    try:
        for _ in range(requests):
            header = {
                "msg_id": uuid.uuid4().hex,
                "msg_type": "kernel_info_request",
                "session": session,
                "username": "probe",
                "date": "2026-01-01T00:00:00Z",
                "version": "5.3",
            }
            parts = [json.dumps(p).encode() for p in (header, {}, {}, {})]
            ws.send_binary(serialize_msg_to_ws_v1(parts, "shell"))
            time.sleep(0.002)  # as fast as the kernel answers: ZeroMQ drops what piles up
        ws.settimeout(10)
        quiet_until = time.monotonic() + 60  # the server pings every 30 s: not a reply
        while time.monotonic() < quiet_until:
            opcode, frame = ws.recv_data_frame(control_frame=True)
            if opcode == websocket.ABNF.OPCODE_CLOSE:
                return int.from_bytes(frame.data[:2], "big"), replies
            if opcode == websocket.ABNF.OPCODE_BINARY:
                quiet_until = time.monotonic() + 60
                replies += b"kernel_info_reply" in frame.data
        return None, replies
    except (
        websocket.WebSocketTimeoutException,
        websocket.WebSocketConnectionClosedException,
        ConnectionError,  # the server cut the socket while requests were still going out
    ):
        return None, replies
    finally:
        ws.close()
