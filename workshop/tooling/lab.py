"""JupyterLab on the learning path: ``workshop lab`` (``make lab`` runs the same server)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from ..files import write_atomically
from .child import run_until_done
from .nbfiles import served_folder

#: Only this machine can reach the server; JupyterLab's own token stays on.
LAB_IP = "127.0.0.1"


def root_flag() -> list[str]:
    """``--allow-root`` when run as root (workshop machines, containers), which Jupyter needs."""
    return ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []


#: JupyterLab's defaults for this environment: no "news" prompt over the first
#: notebook and no update check (both would ask the internet, which a workshop room
#: may not have, and put a pop-up over the page).
QUIET_DEFAULTS = {
    "@jupyterlab/apputils-extension:notification": {
        "fetchNews": "false",
        "checkForUpdates": False,
    }
}


def overrides_path(prefix: str | os.PathLike = sys.prefix) -> Path:
    """Where JupyterLab reads an environment's default settings (``overrides.json``)."""
    return Path(prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"


def quiet_defaults(prefix: str | os.PathLike = sys.prefix) -> bool:
    """Write ``QUIET_DEFAULTS`` as this environment's ``overrides.json`` if it has none.

    An existing file is someone's own settings: it is left as it is (``False``).
    """
    path = overrides_path(prefix)
    if path.exists():
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, json.dumps(QUIET_DEFAULTS, indent=2) + "\n")
    return True


def lab_command(notebooks_dir: str = "notebooks") -> list[str]:
    """The command line of JupyterLab on ``notebooks_dir`` (relative to the folder run in):
    no news feed and no update check, whatever the settings say."""
    return [
        sys.executable,
        "-m",
        "jupyterlab",
        f"--ip={LAB_IP}",
        f"--notebook-dir={notebooks_dir}",
        "--LabApp.news_url=",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]


def run_lab(notebooks_dir: str | os.PathLike | None = None) -> int:
    """Run JupyterLab on ``notebooks_dir`` until it ends; return its exit code.

    ``notebooks_dir`` defaults to ``notebooks/`` in the folder run in (or that folder,
    as ``workshop app`` does); a missing folder raises FileNotFoundError before
    anything starts. Ctrl-C and SIGTERM stop it cleanly (``child.run_until_done``).
    """
    folder = served_folder(notebooks_dir)
    quiet_defaults()
    return run_until_done(lab_command(str(folder)) + root_flag())
