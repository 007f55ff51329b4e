"""The practice plan: validation naming the field, a JSON round trip, atomic saves.

The plan files' safety (names, ownership, backups, permissions, kills, bounded
loading) is tested in test_plan_files.py.
"""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from workshop.breath import PRESETS
from workshop.movement import FLOOR_MOVEMENTS, Movement
from workshop.practice.plan import (
    FORMAT,
    STOP_RULES,
    PlanSaveError,
    PracticePlan,
    load_plan,
    plan_paths,
    save_plan,
)
from workshop.views.practice.builder import PracticePlanBuilder, save_and_reload_demo


def a_plan(**changes):
    base = dict(
        breathing="box",
        movements=("cat_cow", "knee_to_chest"),
        minutes_per_day=12,
        days_per_week=4,
        own_stop_rules=("My knee aches",),
        notes="évening — after work",
    )
    return PracticePlan(**{**base, **changes})


def test_movements_are_data_with_cues_and_cautions():
    assert set(FLOOR_MOVEMENTS) == {"pelvic_tilt", "cat_cow", "bridge", "knee_to_chest"}
    for m in FLOOR_MOVEMENTS.values():
        assert isinstance(m, Movement) and m.name and m.cue and m.caution


def test_round_trip(tmp_path):
    plan = a_plan()
    json_path, md_path = save_plan(plan, "plan", tmp_path).paths
    assert (json_path, md_path) == (tmp_path / "plan.plan.json", tmp_path / "plan.plan.md")
    assert load_plan(json_path) == plan
    data = json.loads(json_path.read_text(encoding="utf-8"))
    assert data["format"] == FORMAT and data["stop_rules"] == list(STOP_RULES)
    text = md_path.read_text(encoding="utf-8")
    assert PRESETS["box"].name in text and FLOOR_MOVEMENTS["cat_cow"].name in text
    for rule in STOP_RULES + ("My knee aches",):
        assert rule in text
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp files left


def test_stop_rules_are_always_included():
    plan = PracticePlan()
    assert plan.stop_rules == STOP_RULES
    assert plan.all_stop_rules[: len(STOP_RULES)] == STOP_RULES
    with pytest.raises(TypeError):
        PracticePlan(stop_rules=())  # not a constructor argument: cannot be dropped


def test_loading_restores_the_kits_stop_rules(tmp_path):
    json_path, _ = save_plan(a_plan(), "p", tmp_path).paths
    data = json.loads(json_path.read_text())
    data["stop_rules"] = []
    json_path.write_text(json.dumps(data))
    assert load_plan(json_path).stop_rules == STOP_RULES


@pytest.mark.parametrize(
    ("changes", "error", "field"),
    [
        ({"minutes_per_day": 0}, ValueError, "minutes_per_day"),
        ({"minutes_per_day": 61}, ValueError, "minutes_per_day"),
        ({"minutes_per_day": 10.5}, TypeError, "minutes_per_day"),
        ({"minutes_per_day": True}, TypeError, "minutes_per_day"),
        ({"days_per_week": 0}, ValueError, "days_per_week"),
        ({"days_per_week": 8}, ValueError, "days_per_week"),
        ({"days_per_week": "5"}, TypeError, "days_per_week"),
        ({"breathing": "hyperventilation"}, ValueError, "breathing"),
        ({"movements": ("handstand",)}, ValueError, "movements"),
        ({"movements": ("bridge", "bridge")}, ValueError, "movements"),
        ({"movements": "bridge"}, TypeError, "movements"),
        ({"own_stop_rules": "stop"}, TypeError, "own_stop_rules"),
        ({"notes": 3}, TypeError, "notes"),
        ({"notes": "x" * 5000}, ValueError, "notes"),
    ],
)
def test_bad_values_raise_naming_the_field(changes, error, field):
    with pytest.raises(error, match=field):
        a_plan(**changes)


def test_whole_number_floats_are_accepted():
    assert a_plan(minutes_per_day=20.0).minutes_per_day == 20


@pytest.mark.parametrize(
    ("edit", "field"),
    [
        (lambda d: d.update(minutes_per_day=90), "minutes_per_day"),
        (lambda d: d.update(days_per_week=-1), "days_per_week"),
        (lambda d: d.update(breathing="nope"), "breathing"),
        (lambda d: d.update(format="other/9"), "format"),
        (lambda d: d.update(colour="red"), "unknown fields"),
        (lambda d: d.pop("movements"), "missing fields"),
        (lambda d: d.update(stop_rules="none"), "stop_rules"),
    ],
)
def test_load_plan_validates(tmp_path, edit, field):
    json_path, _ = save_plan(a_plan(), "p", tmp_path).paths
    data = json.loads(json_path.read_text())
    edit(data)
    json_path.write_text(json.dumps(data))
    with pytest.raises((ValueError, TypeError), match=field):
        load_plan(json_path)


def test_load_plan_refuses_bad_json(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(ValueError, match="not a valid plan file"):
        load_plan(bad)


def test_a_failed_save_leaves_the_old_file_intact(tmp_path, monkeypatch):
    old = a_plan(minutes_per_day=5)
    target, _ = save_plan(old, "plan", tmp_path).paths
    before = target.read_bytes()

    def disk_full(fd):  # the data is written, the sync fails: half a file on disk
        raise OSError(errno.ENOSPC, "No space left on device (simulated)")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(PlanSaveError, match="No space left") as caught:
        save_plan(a_plan(minutes_per_day=30), "plan", tmp_path)
    monkeypatch.undo()
    assert not caught.value.result.json_file.saved
    assert target.read_bytes() == before
    assert load_plan(target) == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.plan.json", "plan.plan.md"]


def test_paths(tmp_path):
    here = Path.cwd()
    assert plan_paths("mine") == (here / "mine.plan.json", here / "mine.plan.md")
    assert plan_paths("mine", tmp_path)[1] == tmp_path / "mine.plan.md"
    with pytest.raises(ValueError, match="plan name"):
        plan_paths("  ")
    with pytest.raises(ValueError, match="plan name"):
        plan_paths(str(tmp_path))
    with pytest.raises(FileNotFoundError, match="does not exist"):
        save_plan(a_plan(), "plan", tmp_path / "no" / "such")


def test_builder_saves_what_the_controls_say(tmp_path):
    b = PracticePlanBuilder(directory=tmp_path)
    b.breathing.value = "extended_exhale"
    assert PRESETS["extended_exhale"].name in b.breathing_info.value
    b.movement_boxes["bridge"].value = True
    b.minutes.value = 15
    b.days.value = 3
    b.own_rule.value = "rule one\n\nrule two"
    b.filename.value = "mine"
    b.save_button.click()
    assert "Saved." in b.status.value
    plan = load_plan(tmp_path / "mine.plan.json")
    assert plan.breathing == "extended_exhale"
    assert plan.movements == ("pelvic_tilt", "bridge")
    assert (plan.minutes_per_day, plan.days_per_week) == (15, 3)
    assert plan.own_stop_rules == ("rule one", "rule two")
    assert (tmp_path / "mine.plan.md").exists()
    assert "My practice plan" in b.preview.value


def test_builder_reports_why_it_did_not_save(tmp_path):
    b = PracticePlanBuilder(directory=tmp_path)
    b.filename.value = "   "
    assert b.save() is None
    assert "Not saved." in b.status.value and "plan name" in b.status.value
    b.filename.value = "missing/folder/plan.json"
    assert b.save() is None and "cannot hold a folder" in b.status.value
    b = PracticePlanBuilder(directory=tmp_path / "missing")
    assert b.save() is None and "does not exist" in b.status.value
    assert list(tmp_path.iterdir()) == []


def test_demo_leaves_nothing_behind(tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    html = save_and_reload_demo().data
    assert "identical to the plan saved" in html
    assert os.listdir(tmp_path) == []
