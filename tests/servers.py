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
def voila_server(notebooks: Path):
    """The app mode as ``make app`` starts it (offline template, code hidden)."""
    from workshop.app import voila_command

    port = free_port()
    cmd = voila_command(str(notebooks), port=port)
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env())
    try:
        wait_for(f"http://127.0.0.1:{port}/", proc)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(proc)
