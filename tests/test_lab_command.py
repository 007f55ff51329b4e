"""`make lab` / `workshop lab`: no news prompt, no update check, nobody's settings replaced."""

from __future__ import annotations

import json

from workshop.tooling import lab


def test_lab_asks_the_internet_for_nothing():
    cmd = lab.lab_command("notebooks")
    assert "--ip=127.0.0.1" in cmd and "--notebook-dir=notebooks" in cmd
    assert "--LabApp.news_url=" in cmd
    assert "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate" in cmd


def test_quiet_defaults_are_written_once_and_never_over_someones_settings(tmp_path):
    path = lab.overrides_path(tmp_path)
    assert lab.quiet_defaults(tmp_path) is True
    settings = json.loads(path.read_text())
    notification = settings["@jupyterlab/apputils-extension:notification"]
    assert notification == {"fetchNews": "false", "checkForUpdates": False}
    own = '{"@jupyterlab/apputils-extension:themes": {"theme": "JupyterLab Dark"}}\n'
    path.write_text(own)
    assert lab.quiet_defaults(tmp_path) is False
    assert path.read_text() == own


def test_make_lab_runs_the_kit_command():
    from pathlib import Path

    makefile = (Path(__file__).parents[1] / "Makefile").read_text()
    recipe = makefile.split("\nlab:", 1)[1].split("\n\n", 1)[0]
    assert "workshop lab" in recipe


def test_jupyterlabs_yarn_runs_inside_the_kit():
    """The kit's package.json makes its browser code ES modules; the venv inside the kit
    must not make JupyterLab's bundled yarn.js one too, or `make lab` prints a page of
    its source and 'Fail to get yarn configuration' before starting."""
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    import pytest

    node = shutil.which("node")
    yarn = Path(sys.prefix) / "lib" / f"python{sys.version_info[0]}.{sys.version_info[1]}"
    yarn = yarn / "site-packages" / "jupyter_builder" / "yarn.js"
    if node is None or not yarn.exists():
        pytest.skip("needs node and JupyterLab's yarn.js")
    kit = Path(__file__).parents[1]
    done = subprocess.run(
        [node, str(yarn), "--version"], cwd=kit, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.strip()[:1].isdigit()
