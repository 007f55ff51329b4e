"""The breath pacer's front-end modules (workshop/views/breath/js/) in a blank Chromium
page, no Jupyter server (``js_harness``), compared with the Python they must agree with:

* the clock's phase lookup, time left and lung volume against ``workshop.breath``'s
  ``phase_at``, ``time_left_in_phase`` and ``lung_volume`` on random plans and times;
* the audio cues: every phase cued once at its start, every second ticked once, also
  across a restart (a pause, a hidden tab);
* the run log the page builds against the kernel's ``check_log``;
* the moving figure against the body's keypoints (``body.geometry``) and ``SKELETON``;
* the syncer against the widget's synced traits, and the whole bundled widget in the
  page with a stand-in model: a change made by the kernel after display reaches it.
"""

from __future__ import annotations

import re

import js_harness
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from js_harness import ORIGIN, call_js

from workshop.breath import PRESETS, Pattern, Session, lung_volume, phase_at, time_left_in_phase
from workshop.breath.schedule import boundaries, phase_list
from workshop.movement.movements import MOVEMENTS
from workshop.views.body.geometry import SKELETON
from workshop.views.breath.pacer import (
    ESM_ENTRY,
    PAGE_COLOURS,
    PHASE_COLOURS,
    BreathPacer,
    check_log,
    figure_px,
    movement_keypoints,
    movement_payload,
    pacer_css,
)

JS = "workshop/views/breath/js"
CLOCK, AUDIO, FIGURE = f"{JS}/clock.js", f"{JS}/audio.js", f"{JS}/figure.js"
CONTROLS, RUNLOG, SYNCER = f"{JS}/controls.js", f"{JS}/runlog.js", f"{JS}/syncer.js"
js_page = js_harness.js_page  # the fixture: a blank page serving the repository
IN_PAGE = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

breath_s = st.floats(0.5, 12.0, allow_nan=False, allow_infinity=False)
hold_s = st.just(0.0) | st.floats(0.1, 8.0, allow_nan=False, allow_infinity=False)
patterns = st.builds(Pattern, breath_s, hold_s, breath_s, hold_s)
sessions = st.lists(
    st.tuples(patterns | st.sampled_from(list(PRESETS.values())), st.floats(1.0, 240.0)),
    min_size=1,
    max_size=4,
).map(Session)


def each_js(page, module: str, function: str, fixed: list, varying: list) -> list:
    """``function(*fixed, x)`` for every ``x`` in ``varying``, in one round trip."""
    return page.evaluate(
        "async ([url, name, fixed, xs]) => { const m = await import(url);"
        " return xs.map((x) => m[name](...fixed, x)); }",
        [f"{ORIGIN}/{module}", function, fixed, varying],
    )


def times_in(session: Session, fractions: list[float]) -> list[float]:
    """Random times, every boundary, and the very end of the session, s."""
    starts = boundaries(session)["time_s"].tolist()
    return [f * session.total_s for f in fractions] + starts + [session.total_s]


# The clock ------------------------------------------------------------------------------


@IN_PAGE
@given(sessions, st.lists(st.floats(0.0, 1.0), min_size=1, max_size=40))
def test_phase_volume_and_time_left_are_the_schedules(js_page, session, fractions):
    phases = phase_list(session)
    t = times_in(session, fractions)
    index = each_js(js_page, CLOCK, "phaseIndexAt", [phases], t)
    at = phase_at(session, np.array(t))
    np.testing.assert_array_equal(index, at.index)
    assert [phases["phase"][i] for i in index] == at.name.tolist()
    volume = each_js(js_page, CLOCK, "volumeAt", [phases], t)
    np.testing.assert_allclose(volume, lung_volume(session, np.array(t)), rtol=0, atol=1e-12)
    left = each_js(js_page, CLOCK, "timeLeftS", [phases], t)
    np.testing.assert_allclose(left, time_left_in_phase(session, np.array(t)), rtol=0, atol=1e-9)


def test_the_run_clock_leaves_pauses_out(js_page):
    s = js_page.evaluate(
        f"""async () => {{
          const c = await import("{ORIGIN}/{CLOCK}");
          let run = c.runClock(1000);
          const before = c.elapsedS(run, 5000);
          run = c.pausedClock(run, 5000);
          const during = c.elapsedS(run, 7000);
          const resumed = c.resumedClock(run, 8000);
          return {{ before, during, pause_s: resumed.pause_s, after: c.elapsedS(resumed.run, 9500) }};
        }}"""
    )
    # 4 s run, a 3 s pause that does not count, then 1.5 s more.
    assert s == pytest.approx({"before": 4.0, "during": 4.0, "pause_s": 3.0, "after": 5.5})


# The audio cues ---------------------------------------------------------------------------

SIMULATE_CUES = """async ([url, phases, stepS, restartAtS]) => {
  const a = await import(url);
  let upTo = -1, tickUpTo = -1;
  const cues = [], ticks = [];
  for (let now = 0; now < phases.total_s; now += stepS) {
    if (restartAtS !== null && now >= restartAtS && now - stepS < restartAtS) {
      // A restart cancels the notes queued for later: they were never heard.
      cues.splice(0, cues.length, ...cues.filter((c) => c.at_s < now));
      ticks.splice(0, ticks.length, ...ticks.filter((s) => s <= Math.floor(now)));
      ({ phaseUpTo: upTo, tickUpTo } = a.cuedBefore(phases, now));
    }
    const due = a.cuesDue(phases, upTo, now, a.LOOKAHEAD_S);
    cues.push(...due.cues); upTo = due.upTo;
    const t = a.ticksDue(phases.total_s, tickUpTo, now, a.LOOKAHEAD_S);
    ticks.push(...t.seconds); tickUpTo = t.upTo;
  }
  return { cues, ticks };
}"""


@pytest.mark.parametrize("restart", [None, 37.3])
def test_every_phase_is_cued_once_at_its_start_and_every_second_ticked(js_page, restart):
    session = Session([(PRESETS["cyclic_sigh"], 60), (Pattern(4, 0, 6, 0), 60)])
    phases = phase_list(session)
    got = js_page.evaluate(SIMULATE_CUES, [f"{ORIGIN}/{AUDIO}", phases, 0.25, restart])
    # Each phase heard once, at its start, also when scheduling restarts mid-phase
    # (the phase under way was heard already; what was queued after it was cancelled).
    assert [c["index"] for c in got["cues"]] == list(range(len(phases["start_s"])))
    assert [c["at_s"] for c in got["cues"]] == pytest.approx(phases["start_s"])
    assert [c["name"] for c in got["cues"]] == phases["phase"]
    assert got["ticks"] == list(range(int(np.ceil(session.total_s))))  # 0 s included


def test_a_restart_cues_the_phase_that_begins_right_then(js_page):
    phases = phase_list(Session([(Pattern(4, 0, 6, 0), 60)]))
    at_boundary = js_page.evaluate(
        f"""async (phases) => (await import("{ORIGIN}/{AUDIO}")).cuedBefore(phases, 4.0)""",
        phases,
    )
    within = call_js(js_page, AUDIO, "cuedBefore", phases, 5.0)
    # At 4.0 s the exhale begins: not yet cued. At 5.0 s it was cued at 4.0 s.
    assert at_boundary == {"phaseUpTo": 0, "tickUpTo": 4}
    assert within == {"phaseUpTo": 1, "tickUpTo": 5}


# The run log --------------------------------------------------------------------------------

BUILD_LOG = """async ([url, phases]) => {
  const r = await import(url);
  const log = r.newRunLog(1.7e12, phases.total_s);
  log.shown.push(r.shownRecord(phases, 0, 0.0123456, true));
  log.shown.push(r.shownRecord(phases, 1, phases.start_s[1] + 0.004, true));
  log.pauses.push(r.pauseRecord(5.5));
  log.shown.push(r.shownRecord(phases, 1, 5.6, false));
  log.pauses[0].duration_s = 2.25;
  log.end = r.endRecord("stopped", 6.0);
  return JSON.parse(JSON.stringify(log));
}"""


def test_the_log_the_page_builds_is_what_the_kernel_takes(js_page):
    p = BreathPacer("resonance", minutes=1)
    log = js_page.evaluate(BUILD_LOG, [f"{ORIGIN}/{RUNLOG}", p.plan["phases"]])
    assert check_log(log, p._phases) == log
    p.set_state({"log": log})
    assert p.log == log
    assert p.lags_s() == pytest.approx([0.0123, 0.004], abs=1e-9)
    broken = {**log, "shown": [{**log["shown"][0], "index": 2}]}  # index 2 is not an inhale
    p.set_state({"log": broken})
    assert p.log == log


# The moving figure --------------------------------------------------------------------------


def python_bones(points: dict) -> list:
    return [
        [bone, " ".join(f"{points[n][0]:.1f},{points[n][1]:.1f}" for n in names)]
        for bone, names in SKELETON
    ]


@pytest.mark.parametrize("key", sorted(MOVEMENTS))
def test_the_figure_is_the_bodys_keypoints_blended_by_the_breath(js_page, key):
    view = movement_payload(key, Session([(PRESETS["resonance"], 60)]))
    got = js_page.evaluate(
        f"""async ([view, vs]) => {{
          const f = await import("{ORIGIN}/{FIGURE}");
          return vs.map((v) => f.bonePoints(view.lines, f.posedPoints(view.keyframes, v)));
        }}""",
        [view, [0.0, 0.3, 1.0]],
    )
    empty = figure_px(movement_keypoints(MOVEMENTS[key], 0.0))
    full = figure_px(movement_keypoints(MOVEMENTS[key], 1.0))
    blend = {n: [a + 0.3 * (b - a) for a, b in zip(empty[n], full[n], strict=True)] for n in empty}
    assert got == [python_bones(empty), python_bones(blend), python_bones(full)]


def test_the_load_trace_fills_its_box_along_the_session(js_page):
    session = Session([(PRESETS["resonance"], 60)])
    view = movement_payload("cat_cow", session)
    box = view["layout"]["trace"]
    points = call_js(js_page, FIGURE, "tracePoints", view["trace"], box, session.total_s)
    xy = np.array([p.split(",") for p in points.split()], dtype=float)
    assert xy[0, 0] == box["x0"] and xy[-1, 0] == box["x1"]
    assert xy[:, 1].max() == box["bottom"] and xy[:, 1].min() == box["bottom"] - box["height"]
    # The highest pressure is drawn highest.
    assert xy[np.argmax(view["trace"]["v"]), 1] == xy[:, 1].min()


# Controls -----------------------------------------------------------------------------------


def test_eyes_closed_turns_the_sound_on_and_nothing_else(js_page):
    combos = [
        {"sound": s, "tick": t, "eyes_closed": e}
        for s in (False, True)
        for t in (False, True)
        for e in (False, True)
    ]
    settled = each_js(js_page, CONTROLS, "settleOptions", [], combos)
    for before, after in zip(combos, settled, strict=True):
        assert after == {**before, "sound": before["sound"] or before["eyes_closed"]}


def test_buttons_follow_the_run_state(js_page):
    states = each_js(js_page, CONTROLS, "buttonStates", [], ["idle", "running", "paused"])
    assert [(s["start"], s["pause"], s["stop"]) for s in states] == [
        (True, False, False),
        (False, True, True),
        (False, True, True),
    ]
    assert [s["pauseText"] for s in states] == ["Pause", "Pause", "Resume"]


# The two-way contract -----------------------------------------------------------------------


def test_the_syncer_handles_every_synced_trait_of_the_widget(js_page):
    keys = js_page.evaluate(f'async () => (await import("{ORIGIN}/{SYNCER}")).SYNCED_KEYS')
    assert sorted(keys) == sorted(BreathPacer.class_own_traits(sync=True))


FAKE_MODEL = """
window.fakeModel = (state) => {
  const listeners = {};
  const model = {
    sets: [], saves: 0,
    get: (k) => state[k],
    set: (k, v) => { state[k] = v; model.sets.push([k, v]); },
    save_changes: () => { model.saves += 1; },
    on: (e, fn) => { (listeners[e] = listeners[e] || []).push(fn); },
    off: (e, fn) => { listeners[e] = (listeners[e] || []).filter((f) => f !== fn); },
    // What a kernel-side change does: the new value, then change:<key>.
    kernel: (k, v) => { state[k] = v; for (const fn of listeners["change:" + k] || []) fn(); },
    listening: () => Object.values(listeners).reduce((n, fns) => n + fns.length, 0),
  };
  return model;
};
"""


def test_the_syncer_calls_each_handler_with_the_new_value_and_stops(js_page):
    js_page.add_script_tag(content=FAKE_MODEL)
    got = js_page.evaluate(
        f"""async () => {{
          const s = await import("{ORIGIN}/{SYNCER}");
          const model = window.fakeModel({{}});
          const seen = [];
          const handlers = Object.fromEntries(s.SYNCED_KEYS.map((k) => [k, (v) => seen.push([k, v])]));
          const stop = s.syncModel(model, handlers);
          s.SYNCED_KEYS.forEach((k, i) => model.kernel(k, i));
          const before = model.listening();
          stop();
          model.kernel("sound", 99);
          let refused = "";
          try {{ s.syncModel(model, {{ sound: () => 0 }}); }} catch (e) {{ refused = e.message; }}
          return {{ seen, before, after: model.listening(), refused, keys: s.SYNCED_KEYS }};
        }}"""
    )
    assert got["seen"] == [[k, i] for i, k in enumerate(got["keys"])]
    assert got["before"] == len(got["keys"]) and got["after"] == 0
    assert "handlers must be exactly" in got["refused"]


RENDER = """async ([code, css, state]) => {
  const style = document.createElement("style");
  style.textContent = css;
  document.head.appendChild(style);
  const url = URL.createObjectURL(new Blob([code], { type: "text/javascript" }));
  const widget = (await import(url)).default;
  const host = document.createElement("div");
  document.body.appendChild(host);
  window.model = window.fakeModel(state);
  window.cleanup = widget.render({ model: window.model, el: host });
  return true;
}"""

PAGE_STATE = """() => {
  const root = document.querySelector(".mm-pacer");
  const box = (k) => root.querySelector(`input[data-option="${k}"]`).checked;
  return {
    sound: box("sound"), tick: box("tick"), eyes_closed: box("eyes_closed"),
    eyes_class: root.classList.contains("mm-eyes-closed"),
    status: root.querySelector(".mm-status").textContent,
    phase: root.querySelector(".mm-phase").textContent,
    movement: root.querySelector(".mm-movement .mm-status")?.textContent ?? null,
    cue: root.querySelector(".mm-cue")?.textContent ?? null,
    bones: root.querySelectorAll(".mm-movement polyline.mm-bone").length,
    disc_fill: getComputedStyle(root.querySelector(".mm-disc")).fill,
    sets: window.model.sets, saves: window.model.saves,
  };
}"""


def rgb(hex_colour: str) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


def test_the_bundled_widget_follows_the_kernel_after_display(js_page):
    """The whole widget as anywidget loads it (one bundled module, its CSS), with a
    stand-in model: what the kernel changes after display reaches the page."""
    p = BreathPacer("resonance", minutes=1, movement="pelvic_tilt", sound=False)
    js_page.add_script_tag(content=FAKE_MODEL)
    js_page.evaluate(
        RENDER, [p._esm, p._css, p.get_state(list(BreathPacer.class_own_traits(sync=True)))]
    )
    page = js_page.evaluate(PAGE_STATE)
    n = len(p.plan["phases"]["start_s"])
    assert page["status"] == f"{n} phases, {round(p.session.total_s)} s"
    assert (page["sound"], page["eyes_closed"], page["eyes_class"]) == (False, False, False)
    assert page["movement"] == MOVEMENTS["pelvic_tilt"].name
    assert page["bones"] == len(SKELETON)
    assert page["disc_fill"] == rgb(PHASE_COLOURS["inhale"])
    assert page["sets"] == [] and page["saves"] == 0  # nothing to tell the kernel yet

    # The kernel closes the learner's eyes: the page follows, and the rule turns the
    # sound on and tells the kernel so.
    js_page.evaluate("() => window.model.kernel('eyes_closed', true)")
    page = js_page.evaluate(PAGE_STATE)
    assert (page["eyes_closed"], page["eyes_class"], page["sound"]) == (True, True, True)
    assert page["sets"] == [["sound", True]] and page["saves"] == 1
    js_page.evaluate("() => window.model.kernel('tick', true)")
    assert js_page.evaluate(PAGE_STATE)["tick"] is True

    # A new session and another movement, set in Python, sent as the kernel sends them.
    p.session = "box"
    p.movement = "cat_cow"
    js_page.evaluate(
        "([plan, view]) => { window.model.kernel('plan', plan);"
        " window.model.kernel('movement_view', view); }",
        [p.plan, p.movement_view],
    )
    page = js_page.evaluate(PAGE_STATE)
    n = len(p.plan["phases"]["start_s"])
    assert page["status"] == f"{n} phases, {round(p.session.total_s)} s"
    assert page["movement"] == MOVEMENTS["cat_cow"].name and page["bones"] == len(SKELETON)
    js_page.evaluate("() => window.model.kernel('movement_view', {})")
    assert js_page.evaluate(PAGE_STATE)["movement"] is None
    js_page.evaluate("() => window.cleanup()")
    assert js_page.evaluate("() => window.model.listening()") == 0
    assert js_page.console_errors == []


# One source ----------------------------------------------------------------------------------


def test_colours_come_from_the_palette_only():
    hex_colour = re.compile(r"#[0-9A-Fa-f]{6}\b")
    for path in ESM_ENTRY.parent.glob("*.js"):
        assert not hex_colour.findall(path.read_text(encoding="utf-8")), path.name
    sheet = (ESM_ENTRY.parent.parent / "pacer.css").read_text(encoding="utf-8")
    assert not set(hex_colour.findall(sheet)) & {c.upper() for c in PAGE_COLOURS.values()}
    css = pacer_css()
    for name, colour in PAGE_COLOURS.items():
        assert f"--mm-{name}: {colour}" in css
        assert f"var(--mm-{name})" in sheet, name
