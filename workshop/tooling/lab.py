"""JupyterLab on the learning path: ``workshop lab`` (``make lab`` runs the same server)."""

from __future__ import annotations

import os
import subprocess
import sys

#: Only this machine can reach the server; JupyterLab's own token stays on.
LAB_IP = "127.0.0.1"


def root_flag() -> list[str]:
    """``--allow-root`` when run as root (workshop machines, containers), which Jupyter needs."""
    return ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []


def lab_command(notebooks_dir: str = "notebooks") -> list[str]:
    """The command line of JupyterLab on ``notebooks_dir`` (relative to the folder run in)."""
    return [sys.executable, "-m", "jupyterlab", f"--ip={LAB_IP}", f"--notebook-dir={notebooks_dir}"]


def run_lab(notebooks_dir: str = "notebooks") -> int:
    """Run JupyterLab on ``notebooks_dir`` until it ends; return its exit code."""
    return subprocess.call(lab_command(notebooks_dir) + root_flag())
