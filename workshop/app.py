"""App mode: the notebooks served by Voila with the code hidden, fully offline.

Voila's stock 'lab' template links Font Awesome from a CDN. A workshop room may
have no Wi-Fi, so ``ensure_offline_template`` derives a template from the
installed one with every remote link removed (nothing is copied into this
repository; it follows whatever Voila version is installed).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

TEMPLATE = "workshop-offline"
_REMOTE_LINK = re.compile(r"^\s*<(link|script)[^>]+(https?:)?//[^>]+>\s*(</script>)?\s*$", re.M)


def _templates_dir(prefix: str | None = None) -> Path:
    return Path(prefix or sys.prefix) / "share" / "jupyter" / "voila" / "templates"


def ensure_offline_template(prefix: str | None = None) -> str:
    """Write (or refresh) the offline template beside Voila's own; return its name."""
    root = _templates_dir(prefix)
    source = root / "lab" / "index.html.j2"
    text = source.read_text(encoding="utf-8")
    offline = _REMOTE_LINK.sub("", text)
    target = root / TEMPLATE
    target.mkdir(parents=True, exist_ok=True)
    (target / "index.html.j2").write_text(offline, encoding="utf-8")
    (target / "conf.json").write_text(json.dumps({"base_template": "lab"}), encoding="utf-8")
    return TEMPLATE


def voila_command(notebooks: str = "notebooks", port: int | None = None) -> list[str]:
    """The Voila command line of ``make app``: 127.0.0.1, code hidden, offline template."""
    cmd = [
        sys.executable,
        "-m",
        "voila",
        notebooks,
        "--no-browser",
        "--Voila.ip=127.0.0.1",
        "--strip_sources=True",
        f"--template={ensure_offline_template()}",
    ]
    if port is not None:
        cmd.append(f"--port={port}")
    return cmd
