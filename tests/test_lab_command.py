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
