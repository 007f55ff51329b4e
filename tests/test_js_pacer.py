"""The breath pacer's front-end modules (workshop/views/breath/js/) in a blank Chromium
page, no Jupyter server (``js_harness``), compared with the Python they must agree with:

* the clock's phase lookup, time left and lung volume against ``workshop.breath``'s
  ``phase_at``, ``time_left_in_phase`` and ``lung_volume`` on random plans and times;
* the audio cues: every phase cued once at its start, every second ticked once, also
  across a restart (a pause, a hidden tab);
* the run log the page builds against the kernel's ``check_log``;
* the moving figure, painted by the body's painter, against its Python twin
  (``movement_view.painted_body``) element by element at several lung volumes;
* the syncer against the widget's synced traits, and the whole bundled widget in the
  page with a stand-in model: a change made by the kernel after display reaches it.
"""

from __future__ import annotations

import re

import numpy as np
import pytest
from breath_strategies import sessions
from hypothesis import given, settings
from hypothesis import strategies as st
from js_harness import js_fixture  # noqa: F401  (provides the `js` fixture)

from workshop.breath import PRESETS, Pattern, Session, lung_volume, phase_at, time_left_in_phase
from workshop.breath.schedule import boundaries, phase_list
from workshop.movement.movements import MOVEMENTS
from workshop.views.breath.movement_view import (
    figure_elements,
    movement_payload,
    painted_body,
    record_at,
)
from workshop.views.breath.pacer import (
    ESM_ENTRY,
    PAGE_COLOURS,
    BreathPacer,
    pacer_css,
    pacer_plan,
    progress_text,
)
from workshop.views.breath.plan_picture import PHASE_COLOURS
from workshop.views.breath.run_log import check_log

pytestmark = pytest.mark.browser

JS = "views/breath/js"  # served by js_harness from workshop/
CLOCK, AUDIO, FIGURE = f"{JS}/clock.js", f"{JS}/audio.js", f"{JS}/figure.js"
CONTROLS, RUNLOG, SYNCER = f"{JS}/controls.js", f"{JS}/runlog.js", f"{JS}/syncer.js"
IN_PAGE = settings(max_examples=25, deadline=None)


def each_js(js, module: str, function: str, fixed: list, varying: list) -> list:
    """``function(*fixed, x)`` for every ``x`` in ``varying``, in one round trip."""
    return js.run(
        module,
        "(m, arg) => arg.xs.map((x) => m[arg.name](...arg.fixed, x))",
        {"name": function, "fixed": fixed, "xs": varying},
    )


def times_in(session: Session, fractions: list[float]) -> list[float]:
    """Random times, every boundary, and the very end of the session, s."""
    starts = boundaries(session)["time_s"].tolist()
    return [f * session.total_s for f in fractions] + starts + [session.total_s]


# The clock ------------------------------------------------------------------------------


@IN_PAGE
@given(sessions, st.lists(st.floats(0.0, 1.0), min_size=1, max_size=40))
def test_phase_volume_and_time_left_are_the_schedules(js, session, fractions):
    phases = phase_list(session)
    t = times_in(session, fractions)
    index = each_js(js, CLOCK, "phaseIndexAt", [phases], t)
    at = phase_at(session, np.array(t))
    np.testing.assert_array_equal(index, at.index)
    assert [phases["phase"][i] for i in index] == at.name.tolist()
    volume = each_js(js, CLOCK, "volumeAt", [phases], t)
    np.testing.assert_allclose(volume, lung_volume(session, np.array(t)), rtol=0, atol=1e-12)
    left = each_js(js, CLOCK, "timeLeftS", [phases], t)
    np.testing.assert_allclose(left, time_left_in_phase(session, np.array(t)), rtol=0, atol=1e-9)


@IN_PAGE
@given(sessions, st.lists(st.floats(0.0, 1.0), min_size=1, max_size=30))
def test_the_progress_line_is_pythons(js, session, fractions):
    """Which breath of how many, its rate and the time to go: the page's words are
    ``progress_text``'s at every moment (the numbers come from ``session_progress``)."""
    plan = pacer_plan(session)
    progress = plan["progress"]
    t = times_in(session, fractions)
    index = phase_at(session, np.array(t)).index.tolist()
    cases = [[i, session.total_s - x] for i, x in zip(index, t, strict=True)]
    got = js.run(
        f"{JS}/progress.js",
        "(m, arg) => arg.cases.map(([i, left]) => m.progressText(arg.progress, i, left))",
        {"progress": progress, "cases": cases},
    )
    assert got == [progress_text(progress, i, left) for i, left in cases]


def test_the_run_clock_leaves_pauses_out(js):
    s = js.run(
        CLOCK,
        """(c) => {
          let run = c.runClock(1000);
          const before = c.elapsedS(run, 5000);
          run = c.pausedClock(run, 5000);
          const during = c.elapsedS(run, 7000);
          const resumed = c.resumedClock(run, 8000);
          return { before, during, pause_s: resumed.pause_s, after: c.elapsedS(resumed.run, 9500) };
        }""",
    )
    # 4 s run, a 3 s pause that does not count, then 1.5 s more.
    assert s == pytest.approx({"before": 4.0, "during": 4.0, "pause_s": 3.0, "after": 5.5})


# The audio cues ---------------------------------------------------------------------------

SIMULATE_CUES = """(a, { phases, stepS, restartAtS }) => {
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
def test_every_phase_is_cued_once_at_its_start_and_every_second_ticked(js, restart):
    session = Session([(PRESETS["cyclic_sigh"], 60), (Pattern(4, 0, 6, 0), 60)])
    phases = phase_list(session)
    got = js.run(AUDIO, SIMULATE_CUES, {"phases": phases, "stepS": 0.25, "restartAtS": restart})
    # Each phase heard once, at its start, also when scheduling restarts mid-phase
    # (the phase under way was heard already; what was queued after it was cancelled).
    assert [c["index"] for c in got["cues"]] == list(range(len(phases["start_s"])))
    assert [c["at_s"] for c in got["cues"]] == pytest.approx(phases["start_s"])
    assert [c["name"] for c in got["cues"]] == phases["phase"]
    assert got["ticks"] == list(range(int(np.ceil(session.total_s))))  # 0 s included


def test_a_restart_cues_the_phase_that_begins_right_then(js):
    phases = phase_list(Session([(Pattern(4, 0, 6, 0), 60)]))
    at_boundary = js.call(AUDIO, "cuedBefore", phases, 4.0)
    within = js.call(AUDIO, "cuedBefore", phases, 5.0)
    # At 4.0 s the exhale begins: not yet cued. At 5.0 s it was cued at 4.0 s.
    assert at_boundary == {"phaseUpTo": 0, "tickUpTo": 4}
    assert within == {"phaseUpTo": 1, "tickUpTo": 5}


# The run log --------------------------------------------------------------------------------

BUILD_LOG = """(r, phases) => {
  const log = r.newRunLog(1.7e12, phases.total_s);
  log.shown.push(r.shownRecord(phases, 0, 0.0123456, true));
  log.shown.push(r.shownRecord(phases, 1, phases.start_s[1] + 0.004, true));
  log.pauses.push(r.pauseRecord(5.5));
  log.shown.push(r.shownRecord(phases, 1, 5.6, false));
  log.pauses[0].duration_s = 2.25;
  log.end = r.endRecord("stopped", 6.0);
  return JSON.parse(JSON.stringify(log));
}"""


def test_the_log_the_page_builds_is_what_the_kernel_takes(js):
    p = BreathPacer("resonance", minutes=1)
    log = js.run(RUNLOG, BUILD_LOG, p.plan["phases"])
    assert check_log(log, p._phases) == log
    p.set_state({"log": log})
    assert p.log == log
    assert p.lags_s() == pytest.approx([0.0123, 0.004], abs=1e-9)
    broken = {**log, "shown": [{**log["shown"][0], "index": 2}]}  # index 2 is not an inhale
    p.set_state({"log": broken})
    assert p.log == log


# The moving figure --------------------------------------------------------------------------


# JS: every element of the body the painter touches, in document order, with the
# attributes a painter sets (the explorer's tests compare their pictures the same way).
EXTRACT = """(root) => {
  const hooked = "[data-keypoints],[data-rotate],[data-at],[data-force],[data-shown-by]";
  const attrs = ["points", "transform", "cx", "cy", "stroke-width", "opacity", "visibility"];
  return [...root.querySelectorAll(hooked)].map((el) => ({
    tag: el.localName,
    hooks: { ...el.dataset },
    attrs: Object.fromEntries(attrs.filter((n) => el.hasAttribute(n)).map((n) => [n, el.getAttribute(n)])),
    text: el.textContent,
  }));
}"""


def as_markup(v) -> str:
    """An attribute's value as ``body.drawing.render`` writes it."""
    return v if isinstance(v, str) else f"{v:g}"


def python_body(view: dict, volume: float) -> list:
    """The Python twin's painted body at ``volume``, as EXTRACT sees an element."""
    out = []
    for root in painted_body(view, volume):
        for el in root.walk():
            a = el.attrs
            if not any(
                h in a
                for h in ("data-keypoints", "data-rotate", "data-at", "data-force", "data-shown-by")
            ):
                continue
            hooks = {
                re.sub(r"-(\w)", lambda m: m.group(1).upper(), k[5:]): as_markup(v)
                for k, v in a.items()
                if k.startswith("data-")
            }
            attrs = {
                n: as_markup(a[n])
                for n in (
                    "points",
                    "transform",
                    "cx",
                    "cy",
                    "stroke-width",
                    "opacity",
                    "visibility",
                )
                if n in a
            }
            text = "".join(
                c if isinstance(c, str) else "".join(x for x in c.children if isinstance(x, str))
                for c in el.children
            )
            out.append({"tag": el.tag, "hooks": hooks, "attrs": attrs, "text": text})
    return out


NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def assert_same_body(painted: list, twin: list) -> None:
    """Element by element: same tags, hooks and texts; painted numbers within 0.05 px
    (one rounding step of the 0.1 px both sides write) or 0.01 of opacity."""
    assert len(painted) == len(twin)
    for p, t in zip(painted, twin, strict=True):
        where = (t["tag"], t["hooks"])
        assert p["tag"] == t["tag"] and p["hooks"] == t["hooks"], where
        assert p["attrs"].keys() == t["attrs"].keys(), where
        for name, value in t["attrs"].items():
            got = p["attrs"][name]
            assert NUMBER.sub("#", got) == NUMBER.sub("#", value), (where, name, got, value)
            tol = 0.0101 if name == "opacity" else 0.1001
            pairs = zip(NUMBER.findall(got), NUMBER.findall(value), strict=True)
            assert all(abs(float(x) - float(y)) <= tol for x, y in pairs), (where, name, got, value)
        assert p["text"] == t["text"], where


VOLUMES = [0.0, 0.1, 0.3, 0.5, 0.62, 0.9, 1.0]


@pytest.mark.parametrize("key", sorted(MOVEMENTS))
def test_the_painted_figure_is_its_python_twin_at_every_lung_volume(js, key):
    view = movement_payload(key, Session([(PRESETS["resonance"], 60)]))
    got = js.run(
        FIGURE,
        """(f, [view, vs]) => {
          const extract = """
        + EXTRACT
        + """;
          const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
          document.body.appendChild(svg);
          const body = f.bodyGroup(svg, view.body_svg);
          const out = vs.map((v) => { f.paintFigure(body, view, v); return extract(body); });
          svg.remove();
          return out;
        }""",
        [view, VOLUMES],
    )
    for v, painted in zip(VOLUMES, got, strict=True):
        assert_same_body(painted, python_body(view, v))
    # The figure moves with the breath: lungs empty and full are painted differently.
    assert got[0] != got[-1]


def test_record_at_blends_the_neighbouring_keyframes(js):
    view = movement_payload("bridge", Session([(PRESETS["resonance"], 60)]))
    kf = view["keyframes"]
    got = each_js(js, FIGURE, "recordAt", [kf], VOLUMES)
    for v, rec in zip(VOLUMES, got, strict=True):
        twin = record_at(kf, v)
        assert rec.keys() == twin.keys()
        np.testing.assert_allclose([rec[k] for k in twin], list(twin.values()), rtol=0, atol=1e-12)
    # At a keyframe's own volume the record is that keyframe.
    at = record_at(kf, 0.25)
    np.testing.assert_allclose(
        [at[k] for k in at], [kf["records"][1][k] for k in at], rtol=0, atol=1e-12
    )


def test_the_load_trace_fills_its_box_along_the_session(js):
    session = Session([(PRESETS["resonance"], 60)])
    view = movement_payload("cat_cow", session)
    box = view["layout"]["trace"]
    points = js.call(FIGURE, "tracePoints", view["trace"], box, session.total_s)
    xy = np.array([p.split(",") for p in points.split()], dtype=float)
    assert xy[0, 0] == box["x0"] and xy[-1, 0] == box["x1"]
    assert xy[:, 1].max() == box["bottom"] and xy[:, 1].min() == box["bottom"] - box["height"]
    # The highest pressure is drawn highest.
    assert xy[np.argmax(view["trace"]["v"]), 1] == xy[:, 1].min()


# Controls -----------------------------------------------------------------------------------


def test_eyes_closed_turns_the_sound_on_and_nothing_else(js):
    combos = [
        {"sound": s, "tick": t, "eyes_closed": e}
        for s in (False, True)
        for t in (False, True)
        for e in (False, True)
    ]
    settled = each_js(js, CONTROLS, "settleOptions", [], combos)
    for before, after in zip(combos, settled, strict=True):
        assert after == {**before, "sound": before["sound"] or before["eyes_closed"]}


def test_buttons_follow_the_run_state(js):
    states = each_js(js, CONTROLS, "buttonStates", [], ["idle", "running", "paused"])
    assert [(s["start"], s["pause"], s["stop"]) for s in states] == [
        (True, False, False),
        (False, True, True),
        (False, True, True),
    ]
    assert [s["pauseText"] for s in states] == ["Pause", "Pause", "Resume"]


# The two-way contract -----------------------------------------------------------------------


def test_the_syncer_handles_every_synced_trait_of_the_widget(js):
    keys = js.run(SYNCER, "(s) => s.SYNCED_KEYS")
    assert sorted(keys) == sorted(BreathPacer.class_own_traits(sync=True))


# A stand-in for anywidget's model: get/set/save_changes/on/off, plus what the kernel
# does when Python sets a trait (the new value, then change:<key>).
FAKE_MODEL = """() => {
  window.fakeModel = (state) => {
    const listeners = {};
    const model = {
      sets: [], saves: 0,
      get: (k) => state[k],
      set: (k, v) => { state[k] = v; model.sets.push([k, v]); },
      save_changes: () => { model.saves += 1; },
      on: (e, fn) => { (listeners[e] = listeners[e] || []).push(fn); },
      off: (e, fn) => { listeners[e] = (listeners[e] || []).filter((f) => f !== fn); },
      kernel: (k, v) => { state[k] = v; for (const fn of listeners["change:" + k] || []) fn(); },
      listening: () => Object.values(listeners).reduce((n, fns) => n + fns.length, 0),
    };
    return model;
  };
}"""


def test_the_syncer_calls_each_handler_with_the_new_value_and_stops(js):
    js.page.evaluate(FAKE_MODEL)
    got = js.run(
        SYNCER,
        """(s) => {
          const model = window.fakeModel({});
          const seen = [];
          const handlers = Object.fromEntries(s.SYNCED_KEYS.map((k) => [k, (v) => seen.push([k, v])]));
          const stop = s.syncModel(model, handlers);
          s.SYNCED_KEYS.forEach((k, i) => model.kernel(k, i));
          const before = model.listening();
          stop();
          model.kernel("sound", 99);
          let refused = "";
          try { s.syncModel(model, { sound: () => 0 }); } catch (e) { refused = e.message; }
          return { seen, before, after: model.listening(), refused, keys: s.SYNCED_KEYS };
        }""",
    )
    assert got["seen"] == [[k, i] for i, k in enumerate(got["keys"])]
    assert got["before"] == len(got["keys"]) and got["after"] == 0
    assert "handlers must be exactly" in got["refused"]


# The widget bundled as anywidget loads it, with its CSS, in a host of its own (the
# harness's page is shared by the session's tests).
RENDER = """(bundled, { css, state }) => {
  const t = (window.pacerTest = {});
  t.style = document.createElement("style");
  t.style.textContent = css;
  document.head.appendChild(t.style);
  t.host = document.createElement("div");
  document.body.appendChild(t.host);
  t.model = window.fakeModel(state);
  t.cleanup = bundled.default.render({ model: t.model, el: t.host });
}"""

PAGE_STATE = """() => {
  const t = window.pacerTest, root = t.host.querySelector(".mm-pacer");
  const box = (k) => root.querySelector(`input[data-option="${k}"]`).checked;
  return {
    sound: box("sound"), tick: box("tick"), eyes_closed: box("eyes_closed"),
    eyes_class: root.classList.contains("mm-eyes-closed"),
    status: root.querySelector(".mm-status").textContent,
    movement: root.querySelector(".mm-movement .mm-status")?.textContent ?? null,
    bones: [...root.querySelectorAll(".mm-movement .mm-body [data-keypoints]")]
      .filter((el) => el.getAttribute("points")).length,
    disc_fill: getComputedStyle(root.querySelector(".mm-disc")).fill,
    sets: t.model.sets, saves: t.model.saves,
  };
}"""


#: Lines of the body (limbs, muscles, the lumbar curve) the page paints in the panel.
PAINTED_LINES = sum(
    "data-keypoints" in el.attrs for root in figure_elements(100.0, (0, 0)) for el in root.walk()
)


def rgb(hex_colour: str) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


def test_the_bundled_widget_follows_the_kernel_after_display(js):
    """The whole widget as anywidget loads it (one bundled module, its CSS), with a
    stand-in model: what the kernel changes after display reaches the page."""
    p = BreathPacer("resonance", minutes=1, movement="pelvic_tilt", sound=False)
    errors = len(js.errors)
    js.page.evaluate(FAKE_MODEL)
    js.serve("pacer_bundle.js", p._esm)
    state = p.get_state(list(BreathPacer.class_own_traits(sync=True)))
    js.run("pacer_bundle.js", RENDER, {"css": p._css, "state": state})
    page = js.page.evaluate(PAGE_STATE)
    # The session in words (no "phases"): 6 breaths of 4 s in, 6 s out in one minute.
    assert page["status"] == p.plan["summary"] == "6 breaths, 1 minute"
    assert (page["sound"], page["eyes_closed"], page["eyes_class"]) == (False, False, False)
    assert page["movement"] == MOVEMENTS["pelvic_tilt"].name
    assert page["bones"] == PAINTED_LINES
    assert page["disc_fill"] == rgb(PHASE_COLOURS["inhale"])
    assert page["sets"] == [] and page["saves"] == 0  # nothing to tell the kernel yet

    # The kernel closes the learner's eyes: the page follows, and the rule turns the
    # sound on and tells the kernel so.
    js.page.evaluate("() => window.pacerTest.model.kernel('eyes_closed', true)")
    page = js.page.evaluate(PAGE_STATE)
    assert (page["eyes_closed"], page["eyes_class"], page["sound"]) == (True, True, True)
    assert page["sets"] == [["sound", True]] and page["saves"] == 1
    js.page.evaluate("() => window.pacerTest.model.kernel('tick', true)")
    assert js.page.evaluate(PAGE_STATE)["tick"] is True

    # A new session and another movement, set in Python, sent as the kernel sends them.
    p.session = "box"
    p.movement = "cat_cow"
    js.page.evaluate(
        "([plan, view]) => { window.pacerTest.model.kernel('plan', plan);"
        " window.pacerTest.model.kernel('movement_view', view); }",
        [p.plan, p.movement_view],
    )
    page = js.page.evaluate(PAGE_STATE)
    assert page["status"] == p.plan["summary"] != "6 breaths, 1 minute"  # the new session's
    assert page["movement"] == MOVEMENTS["cat_cow"].name and page["bones"] == PAINTED_LINES
    js.page.evaluate("() => window.pacerTest.model.kernel('movement_view', {})")
    assert js.page.evaluate(PAGE_STATE)["movement"] is None
    listening = js.page.evaluate(
        """() => { const t = window.pacerTest; t.cleanup(); t.host.remove(); t.style.remove();
          return t.model.listening(); }"""
    )
    assert listening == 0  # the view stopped listening when it was taken down
    assert js.errors[errors:] == []


# One source ----------------------------------------------------------------------------------


def test_colours_come_from_the_palette_only():
    hex_colour = re.compile(r"#[0-9A-Fa-f]{6}\b")
    modules = [ESM_ENTRY, *(ESM_ENTRY.parent / "js").glob("*.js")]
    assert len(modules) >= 8
    for path in modules:
        assert not hex_colour.findall(path.read_text(encoding="utf-8")), path.name
    sheet = (ESM_ENTRY.parent / "pacer.css").read_text(encoding="utf-8")
    assert not set(hex_colour.findall(sheet)) & {c.upper() for c in PAGE_COLOURS.values()}
    css = pacer_css()
    for name, colour in PAGE_COLOURS.items():
        assert f"--mm-{name}: {colour}" in css
        assert f"var(--mm-{name})" in sheet, name
