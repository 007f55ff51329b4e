"""The breath-paced movements look like themselves: each figure (``body.movement_pose``
through ``breath.movement_view``) rests on the floor, on hands and knees, on the chair
or stands as its model position says; knees bend where the movement says; the bridge
lifts the hips and the knee comes to the chest with the breath; the roll-down starts
upright; every floor movement has a seated alternative whose load follows the breath.

Contact is measured on the drawn shapes (``body.outline``), placed as the painter
places them: a shape touches the floor when its lowest point is within 1.5 cm of it.
"""

from __future__ import annotations

import numpy as np
import pytest

from workshop.breath import PRESETS, Session, lung_volume
from workshop.model import CONSTANTS, evaluate
from workshop.movement import (
    FLOOR_MOVEMENTS,
    MOVEMENTS,
    SEATED_ALTERNATIVES,
    STOP_RULE,
    load_trace,
)
from workshop.views.body import outline as o
from workshop.views.body.geometry import FLOOR_Y_M, SHANK_M, THIGH_M, THORAX_LENGTH_M
from workshop.views.body.movement_pose import FIGURES, movement_pose
from workshop.views.breath.movement_view import MOVEMENT_FIGURES, movement_records

TOUCH_M = 0.015
VOLUMES = [0.0, 0.25, 0.5, 0.75, 1.0]
SESSION = Session([(PRESETS["resonance"], 60)])


def lowest(rec: dict, part: str, anchor: str, shape) -> float:
    """Lowest y (m) of ``shape`` in the frame of ``part`` placed at ``anchor``."""
    a = -np.deg2rad(rec[f"{part}_rot"])
    sh = np.asarray(shape)
    return float((rec[f"{anchor}_y"] + sh[:, 0] * np.sin(a) + sh[:, 1] * np.cos(a)).min())


def above_floor(rec: dict, what: str) -> float:
    """Height (m) of the lowest point of the buttock, back and head, foot or hand."""
    if what == "buttock":
        return lowest(rec, "pelvis", "hip", o.PELVIS_SKIN) - FLOOR_Y_M
    if what == "back":  # the upper back, or the back of the head (its own part, about C7)
        hair = [(x, y - THORAX_LENGTH_M) for x, y in o.HAIR]
        return (
            min(lowest(rec, "thorax", "l1", o.THORAX_SKIN), lowest(rec, "head", "c7", hair))
            - FLOOR_Y_M
        )
    if what == "foot":
        return lowest(rec, "foot", "ankle", o.FOOT) - FLOOR_Y_M
    if what == "hand":
        return rec["hand_y"] - o.HAND_RADIUS_M - FLOOR_Y_M
    if what == "shin":  # kneeling: the front of the shin just below the knee
        return rec["knee_y"] - o.SHANK_WIDTH_M / 2 - FLOOR_Y_M
    raise ValueError(what)


def knee_angle_deg(rec: dict) -> float:
    """Interior angle hip-knee-ankle (180 straight)."""
    a = np.array([rec["hip_x"] - rec["knee_x"], rec["hip_y"] - rec["knee_y"]])
    b = np.array([rec["ankle_x"] - rec["knee_x"], rec["ankle_y"] - rec["knee_y"]])
    return float(np.degrees(np.arccos(a @ b / np.linalg.norm(a) / np.linalg.norm(b))))


def dist(rec: dict, p: str, q: str) -> float:
    return float(np.hypot(rec[f"{p}_x"] - rec[f"{q}_x"], rec[f"{p}_y"] - rec[f"{q}_y"]))


def records(key: str) -> list[dict]:
    return movement_records(key, VOLUMES)


def touches(rec: dict, what: str) -> bool:
    return abs(above_floor(rec, what)) <= TOUCH_M


# Every movement has a figure, and the figure follows the model's position -----------------


def test_every_movement_has_a_figure_that_exists():
    assert set(MOVEMENT_FIGURES) == set(MOVEMENTS)
    assert set(MOVEMENT_FIGURES.values()) <= set(FIGURES)


@pytest.mark.parametrize("key", sorted(MOVEMENTS))
def test_limbs_keep_their_length(key):
    for rec in records(key):
        assert dist(rec, "hip", "knee") == pytest.approx(THIGH_M, abs=1e-6)
        assert dist(rec, "knee", "ankle") == pytest.approx(SHANK_M, abs=0.003)


@pytest.mark.parametrize("key", ["pelvic_tilt", "knee_to_chest"])
def test_lying_figures_rest_on_the_back(key):
    for rec in records(key):
        assert touches(rec, "buttock") and touches(rec, "back")
        assert rec["chair_shown"] == 0.0
        assert rec["head_x"] < rec["hip_x"]  # head to the left, lying along the floor
        assert abs(rec["head_y"] - rec["hip_y"]) < 0.15


def test_pelvic_tilt_has_knees_bent_and_feet_flat_on_the_floor():
    for rec in records("pelvic_tilt"):
        assert touches(rec, "foot") and rec["foot_rot"] == pytest.approx(0.0)
        assert knee_angle_deg(rec) < 110.0
        assert rec["knee_y"] > rec["hip_y"] + 0.2  # the knees point up


def test_pelvic_tilt_tilts_the_pelvis_back_as_the_breath_goes_out():
    empty, *_, full = records("pelvic_tilt")
    # Lying head to the left, a posterior tilt turns the pelvis counter-clockwise on the
    # screen (its rotation in SVG degrees falls) and the lumbar curve flattens.
    assert empty["pelvis_rot"] < full["pelvis_rot"] - 2.0
    r0 = evaluate(**MOVEMENTS["pelvic_tilt"].inputs(0.0))
    r1 = evaluate(**MOVEMENTS["pelvic_tilt"].inputs(1.0))
    assert r0.lumbar_lordosis_deg < r1.lumbar_lordosis_deg
    curve = [abs(empty["L1_rot"] - empty["L5_rot"]), abs(full["L1_rot"] - full["L5_rot"])]
    assert curve[0] < curve[1]


def test_cat_cow_is_on_hands_and_knees():
    for rec in records("cat_cow"):
        assert touches(rec, "hand") and touches(rec, "shin") and touches(rec, "foot")
        assert abs(rec["hand_x"] - rec["shoulder_x"]) < 0.02  # hands under the shoulders
        assert abs(rec["knee_x"] - rec["hip_x"]) < 0.02  # knees under the hips
        assert knee_angle_deg(rec) == pytest.approx(90.0, abs=5.0)
        assert above_floor(rec, "buttock") > 0.25 and above_floor(rec, "back") > 0.25
        assert rec["head_x"] > rec["hip_x"]  # facing forward, the trunk above the floor


def test_the_cat_rounds_the_lower_back_up():
    def bulge(rec):  # height of L2/L3 above the hip-C7 line (m)
        hx, hy, cx, cy = rec["hip_x"], rec["hip_y"], rec["c7_x"], rec["c7_y"]
        px, py = rec["l2l3_x"], rec["l2l3_y"]
        return ((cx - hx) * (py - hy) - (cy - hy) * (px - hx)) / np.hypot(cx - hx, cy - hy)

    cat, *_, cow = records("cat_cow")
    assert bulge(cat) > bulge(cow) + 0.015
    # Chin in for the cat, the gaze lifted for the cow (the head turns towards the chest,
    # clockwise on the screen facing right), on the floor and on the chair.
    for key in ("cat_cow", "seated_cat_cow"):
        cat, *_, cow = records(key)
        assert cat["head_rot"] - cat["thorax_rot"] > 15.0
        assert cow["head_rot"] - cow["thorax_rot"] < -15.0


def test_bridge_lifts_the_hips_with_the_breath_knees_bent_feet_down():
    recs = records("bridge")
    lift = [above_floor(r, "buttock") for r in recs]
    # Lungs empty (end of the breath out): hips up; lungs full: back down.
    # hips up: the buttocks clear the floor by more than a hand's width (0.15 m)
    assert lift[0] > 0.15 and abs(lift[-1]) <= TOUCH_M
    assert all(a > b for a, b in zip(lift, lift[1:], strict=False))
    for rec in recs:
        assert touches(rec, "back") and touches(rec, "foot")
        assert knee_angle_deg(rec) < 150.0
        # The neck bends: the head lies as it did on the floor while the trunk lifts.
        assert rec["head_rot"] == pytest.approx(recs[-1]["head_rot"], abs=0.5)
        assert rec["thorax_rot"] <= recs[-1]["thorax_rot"] + 0.5

    # The line from the shoulders to the hips turns with the model's lift, in proportion:
    # at the model's top of a bridge the thighs continue that line (shoulders, hips and
    # knees in a line, hip flexion 0 as the model has it there); below the top the hips
    # are flexed, and the hips never rise above the line to the knees.
    def line_deg(rec, a, b):
        return np.degrees(np.arctan2(rec[f"{b}_y"] - rec[f"{a}_y"], rec[f"{b}_x"] - rec[f"{a}_x"]))

    flat = line_deg(recs[-1], "shoulder", "hip")
    top = line_deg(recs[0], "shoulder", "hip")
    assert MOVEMENTS["bridge"].inputs(VOLUMES[0])["trunk_flexion_deg"] == CONSTANTS.bridge_top_deg
    assert line_deg(recs[0], "hip", "knee") == pytest.approx(top, abs=1.0)
    for v, rec in zip(VOLUMES, recs, strict=True):
        lift = float(MOVEMENTS["bridge"].inputs(v)["trunk_flexion_deg"])
        turned = line_deg(rec, "shoulder", "hip") - flat
        assert turned == pytest.approx((top - flat) * lift / CONSTANTS.bridge_top_deg, abs=0.5)
        hip_bend = line_deg(rec, "hip", "knee") - line_deg(rec, "shoulder", "hip")
        assert hip_bend >= -1.0
        if lift < CONSTANTS.bridge_top_deg - 5.0:
            assert hip_bend > 5.0


def test_knee_to_chest_draws_the_knee_in_as_the_breath_goes_out():
    recs = records("knee_to_chest")
    to_chest = [dist(r, "knee", "shoulder") for r in recs]
    assert all(a < b for a, b in zip(to_chest, to_chest[1:], strict=False))
    for rec in recs:
        assert knee_angle_deg(rec) < 90.0  # knee bent
        assert above_floor(rec, "foot") > 0.2  # the foot off the floor
        assert dist(rec, "hand", "knee") < 0.15  # the hands hold the shin


def test_roll_down_starts_upright_with_the_first_cue_and_keeps_the_knees_soft():
    m = MOVEMENTS["roll_down"]
    recs = records("roll_down")
    # A session starts with empty lungs and a breath in: the first cue the pacer shows.
    assert lung_volume(SESSION, 0.0) == 0.0
    assert "stand" in m.inhale_cue and "roll forward" in m.inhale_cue
    start, *_, end = recs
    assert start["thorax_rot"] == pytest.approx(0.0, abs=1.0)  # upright
    assert end["thorax_rot"] == pytest.approx(45.0, abs=1.0)  # bent 45°
    for rec in recs:
        assert touches(rec, "foot") and rec["chair_shown"] == 0.0
    assert knee_angle_deg(start) > 178.0 and knee_angle_deg(end) < 165.0


@pytest.mark.parametrize("key", sorted(SEATED_ALTERNATIVES.values(), key=lambda m: m.key))
def test_seated_alternatives_sit_on_the_chair(key):
    key = key.key
    seat_y = o.SEAT_Y_M
    recs = records(key)
    for rec in recs:
        assert rec["chair_shown"] == 1.0
        buttock = lowest(rec, "pelvis", "hip", o.PELVIS_SKIN)
        assert abs(buttock - seat_y) <= TOUCH_M
        assert rec["head_y"] > rec["hip_y"] + 0.5  # upright on the chair
    if key == "seated_knee_lift":
        assert above_floor(recs[0], "foot") > 0.1 and touches(recs[-1], "foot")
        assert recs[0]["knee_y"] > recs[-1]["knee_y"] + 0.15
        assert dist(recs[0], "hand", "knee") < 0.12
    else:
        for rec in recs:
            assert touches(rec, "foot") and knee_angle_deg(rec) == pytest.approx(90.0, abs=3)


# Seated alternatives --------------------------------------------------------------------------


def test_every_floor_movement_has_a_seated_alternative():
    assert set(SEATED_ALTERNATIVES) == set(FLOOR_MOVEMENTS)
    for floor_key, m in SEATED_ALTERNATIVES.items():
        assert m.seated_alternative_of == floor_key and MOVEMENTS[m.key] is m
        assert m.position == "sitting" and not m.floor
        assert STOP_RULE in m.caution and m.inhale_cue and m.exhale_cue and m.model_note
        assert m.to_dict()["seated_alternative_of"] == floor_key
    # Seated alternatives are not floor movements (a practice plan holds floor movements).
    assert not {m.key for m in SEATED_ALTERNATIVES.values()} & set(FLOOR_MOVEMENTS)


@pytest.mark.parametrize("key", sorted(m.key for m in SEATED_ALTERNATIVES.values()))
def test_seated_load_traces_follow_the_breath(key):
    t, volume, result = load_trace(key, SESSION)
    p = result.disc_pressure_MPa
    assert p.max() - p.min() > 0.1  # MPa: not flat
    # The load rises and falls with the lung volume (one way or the other).
    assert abs(np.corrcoef(volume, p)[0, 1]) > 0.95


def test_movement_pose_refuses_bad_input():
    with pytest.raises(ValueError, match="figure"):
        movement_pose("handstand", 0.0, 12.0, 52.0, 0.0)
    with pytest.raises(ValueError, match=r"volume must lie in \[0, 1\]"):
        movement_pose("seated", 1.5, 12.0, 52.0, 0.0)


def test_movement_pose_is_vectorised_over_keyframes():
    v = np.array(VOLUMES)
    r = evaluate(**MOVEMENTS["bridge"].inputs(v))
    theta = MOVEMENTS["bridge"].inputs(v)["trunk_flexion_deg"]
    many = movement_pose("bridge", v, r.pelvic_tilt_deg, r.lumbar_lordosis_deg, theta)
    for i in range(len(v)):
        one = movement_pose(
            "bridge", v[i], r.pelvic_tilt_deg[i], r.lumbar_lordosis_deg[i], theta[i]
        )
        for name, (x, y) in one.points.items():
            assert many.points[name][0][i] == pytest.approx(float(x), abs=1e-12), name
            assert many.points[name][1][i] == pytest.approx(float(y), abs=1e-12), name


def test_the_movements_table_offers_each_seated_alternative():
    from html import escape

    from workshop.views.breath import movements_table

    html = movements_table().data
    floor_only = movements_table(floor_only=True).data
    for floor_key, alt in SEATED_ALTERNATIVES.items():
        assert escape(alt.name) in html and escape(f"movement={alt.key!r}") in floor_only
        assert escape(f"in place of: {MOVEMENTS[floor_key].name}") in html


def test_the_guide_promises_seated_alternatives_that_exist():
    from pathlib import Path

    guide = (Path(__file__).parents[1] / "slides" / "facilitator_guide.md").read_text("utf-8")
    assert "no seated versions" not in guide and "breathing alone, seated" not in guide
    assert "seated alternative" in guide
    for alt in SEATED_ALTERNATIVES.values():
        # Each named in the guide by the words of its name ("seated cat–cow", ...).
        short = alt.name.split(" (")[0].lower()
        assert short.replace("seated ", "") in guide.lower(), short
