"""Run a server as a child process until it ends, the way a person stops it.

``workshop lab`` and ``workshop app`` both start their server (JupyterLab, Voilà)
as a child process and wait for it. Ctrl-C in the terminal reaches the whole
process group, so the server gets it too and shuts down on its own (ending its
kernels); this process waits for that instead of dying with a traceback and
leaving the server half-stopped. A SIGTERM to this process (a service manager,
a test, ``kill``) is passed on to the server, so it never outlives its parent.
"""

from __future__ import annotations

import signal
import subprocess
from collections.abc import Mapping, Sequence


def run_until_done(cmd: Sequence[str], env: Mapping[str, str] | None = None) -> int:
    """Run ``cmd`` (with ``env``, else this environment) until it ends; its exit code."""
    proc = subprocess.Popen(list(cmd), env=None if env is None else dict(env))
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: proc.send_signal(signum))
    try:
        while True:
            try:
                return proc.wait()
            except KeyboardInterrupt:  # the server had the same Ctrl-C: let it end its kernels
                continue
    finally:
        signal.signal(signal.SIGTERM, previous)
