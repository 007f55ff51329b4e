"""The explorer's JavaScript modules in Chromium, against the Python they mirror.

No Jupyter server: ``js_harness`` serves workshop/ to a blank page. The grid
reader is compared with ``GridLayout.lookup`` and the model; the painted picture
with the static twin (``picture.explorer_svg``) element by element; the read-out
and comparison rows with their Python templates; the whole widget is rendered
with a stand-in widget model fed from a real ``KineticChainExplorer`` to check
both directions of every synced trait. The bundler's tests are plain Python.
"""

from __future__ import annotations

import base64
import logging
import re
from pathlib import Path

import numpy as np
import pytest
from js_harness import js_fixture  # noqa: F401  (provides the `js` fixture)

import workshop
from workshop.reference import NIOSH_MAX_PERMISSIBLE_N
from workshop.views.chain import compare, picture
from workshop.views.chain.controls import CONTROLS, POSITIONS, clamp_values, default_values
from workshop.views.chain.explorer import KineticChainExplorer, browser_layout
from workshop.views.chain.grid import GRID, snapshot, state_record
from workshop.views.common import trust
from workshop.views.common.esm import bundle, module_order

CHAIN = "views/chain/js/"
ENTRY = "views/chain/explorer.js"
SEED = 20261126
WORKSHOP = Path(workshop.__file__).parent


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def random_setting(rng) -> dict:
    values = {c.name: float(rng.choice(c.grid)) for c in CONTROLS}
    values["position"] = str(rng.choice(POSITIONS))
    return clamp_values(values)


# JS: the grid from base64, read with the spec.
GRID_FROM_B64 = """
  const bytes = Uint8Array.from(atob(arg.grid), (ch) => ch.charCodeAt(0));
  const grid = m.gridReader(arg.spec, bytes);
"""


# The grid reader ------------------------------------------------------------------------


@pytest.mark.browser
def test_grid_lookup_matches_the_python_reader_between_and_on_steps(js):
    rng = np.random.default_rng(SEED)
    spec = GRID.to_json()
    for _ in range(2):
        setting = random_setting(rng)
        data = GRID.write(setting)
        queries = []
        for _ in range(150):
            c = CONTROLS[rng.integers(len(CONTROLS))]
            # Between steps and a little off both ends (clipped like the slider).
            value = float(rng.uniform(c.low - c.step, c.high + c.step))
            queries.append([str(rng.choice(POSITIONS)), c.name, value])
        got = js.run(
            CHAIN + "grid.js",
            "(m, arg) => {"
            + GRID_FROM_B64
            + "return arg.q.map(([p, c, v]) => grid.lookup(p, c, v)); }",
            {"grid": b64(data), "spec": spec, "q": queries},
        )
        for (position, name, value), record in zip(queries, got, strict=True):
            expected = GRID.lookup(data, position, name, value)
            assert set(record) == set(expected)
            for field, v in expected.items():
                assert record[field] == pytest.approx(v, rel=1e-9, abs=1e-9, nan_ok=True), (
                    field,
                    name,
                    value,
                )


@pytest.mark.browser
def test_grid_lookup_on_a_step_is_the_model_at_that_setting(js):
    rng = np.random.default_rng(SEED + 1)
    setting = random_setting(rng)
    data = GRID.write(setting)
    queries = []
    for c in CONTROLS:
        for value in rng.choice(c.grid, 2, replace=False):
            queries.append([setting["position"], c.name, float(value)])
    got = js.run(
        CHAIN + "grid.js",
        "(m, arg) => {"
        + GRID_FROM_B64
        + "return arg.q.map(([p, c, v]) => grid.lookup(p, c, v)); }",
        {"grid": b64(data), "spec": GRID.to_json(), "q": queries},
    )
    for (_, name, value), record in zip(queries, got, strict=True):
        expected = state_record({**setting, name: value})
        for field in ("compression_N", "shear_N", "disc_pressure_MPa", "pelvic_tilt_deg", "l1_x"):
            assert record[field] == pytest.approx(expected[field], rel=1e-5, abs=1e-4), field


@pytest.mark.browser
def test_a_grid_of_the_wrong_size_is_refused(js):
    """A buffer of the wrong length, whole floats or not, is refused with the grid's own
    message (not a bare RangeError from the typed array)."""
    messages = js.run(
        CHAIN + "grid.js",
        "(m, arg) => [8, 10].map((n) => { try { m.gridReader(arg, new Uint8Array(n));"
        " return 'read'; } catch (e) { return `${e.name}: ${e.message}`; } })",
        GRID.to_json(),
    )
    for n, message in zip((8, 10), messages, strict=True):
        assert message.startswith("Error: grid:"), message
        assert f"{n} bytes received" in message and str(4 * GRID.size) in message


# The painted picture against the static twin ---------------------------------------------

# JS: what a person sees of one <svg>: every element the painter touches (its hooks), in
# document order, with the attributes a painter may set and its text.
EXTRACT = """(svg) => {
  const hooked = "[data-keypoints],[data-rotate],[data-at],[data-force],[data-inset-at],"
    + "[data-shown-by],[data-template],[data-gauge],[data-gauge-bar],"
    + "[data-gauge-band],[data-gauge-off],[data-role=title]";
  const attrs = ["points", "transform", "cx", "cy", "x", "y", "width", "height",
    "stroke-width", "opacity", "viewBox", "visibility", "fill"];
  return {
    label: svg.getAttribute("aria-label"),
    elements: [...svg.querySelectorAll(hooked)].map((el) => ({
      tag: el.localName,
      hooks: { ...el.dataset },
      attrs: Object.fromEntries(attrs.filter((n) => el.hasAttribute(n)).map((n) => [n, el.getAttribute(n)])),
      text: el.textContent,
    })),
  };
}"""


def same_text(a: str, b: str, decimals_tol: float = 1.0) -> bool:
    """Equal texts, numbers allowed to differ by one in their last printed digit
    (float32 grid against float64 twin at a rounding edge)."""
    pattern = r"-?\d+(?:\.(\d+))?"
    if re.sub(pattern, "#", a) != re.sub(pattern, "#", b):
        return False
    for ma, mb in zip(re.finditer(pattern, a), re.finditer(pattern, b), strict=True):
        last = 10.0 ** -len(ma.group(1) or "")
        if abs(float(ma.group(0)) - float(mb.group(0))) > decimals_tol * last + 1e-12:
            return False
    return True


NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def same_numbers(a: str, b: str, tol: float) -> bool:
    """Equal attribute texts but for numbers within ``tol`` (float32 grid vs float64 twin)."""
    if NUMBER.sub("#", a) != NUMBER.sub("#", b):
        return False
    pairs = zip(NUMBER.findall(a), NUMBER.findall(b), strict=True)
    return all(abs(float(x) - float(y)) <= tol for x, y in pairs)


def assert_same_picture(painted: dict, twin: dict) -> None:
    """Element by element: same tags and hooks, painted attributes within 0.5 px (or 0.5°,
    0.011 of opacity), same texts to the last printed digit."""
    assert same_text(painted["label"], twin["label"]), (painted["label"], twin["label"])
    assert len(painted["elements"]) == len(twin["elements"])
    for p, t in zip(painted["elements"], twin["elements"], strict=True):
        where = (t["tag"], t["hooks"])
        assert p["tag"] == t["tag"] and p["hooks"] == t["hooks"], where
        assert p["attrs"].keys() == t["attrs"].keys(), (where, p["attrs"], t["attrs"])
        for name, value in t["attrs"].items():
            tol = 0.011 if name == "opacity" else 0.5
            assert same_numbers(p["attrs"][name], value, tol), (
                where,
                name,
                p["attrs"][name],
                value,
            )
        assert same_text(p["text"], t["text"]), (where, p["text"], t["text"])


def twin_element(picture_result: dict, **hooks) -> dict:
    """The first extracted element whose hooks include ``hooks``."""
    return next(
        e
        for e in picture_result["elements"]
        if all(e["hooks"].get(k) == v for k, v in hooks.items())
    )


@pytest.mark.browser
def test_the_painted_picture_is_the_static_twin_at_random_settings(js):
    rng = np.random.default_rng(SEED + 2)
    pic = picture.paint_spec()
    cases = []
    for i in range(12):
        setting = random_setting(rng)
        setting["position"] = POSITIONS[i % len(POSITIONS)]  # every position, in turn
        if i == 0:
            setting = {**setting, "load_kg": 0.0}  # no load: no square
        if i == 1:
            setting = {**setting, "trunk_flexion_deg": 90.0, "load_kg": 50.0}  # over the limits
        if i == 2:
            setting = {**setting, "position": "sitting", "trunk_flexion_deg": 0.0}  # backward shear
        s = snapshot(setting)
        moved = CONTROLS[rng.integers(len(CONTROLS))].name  # the slider "just moved"
        title = ["", "B (now)", "A (pinned)"][i % 3]
        twin = picture.explorer_svg(s["record"], title=title)
        cases.append(
            {
                "grid": b64(GRID.write(s["values"])),
                "setting": s["values"],
                "moved": moved,
                "title": title,
                "twin": twin,
            }
        )
    results = js.run(
        CHAIN + "painter.js",
        """async (m, arg) => {
          const { gridReader } = await import(arg.gridUrl);
          const extract = """
        + EXTRACT
        + """;
          return arg.cases.map((c) => {
            const bytes = Uint8Array.from(atob(c.grid), (ch) => ch.charCodeAt(0));
            const record = gridReader(arg.spec, bytes).lookup(c.setting.position, c.moved, c.setting[c.moved]);
            const svg = m.makeFrame(document, arg.pic);
            document.body.appendChild(svg);
            m.paint(svg, arg.pic, record, c.title);
            const twin = new DOMParser().parseFromString(c.twin, "image/svg+xml").documentElement;
            const out = { painted: extract(svg), twin: extract(twin) };
            svg.remove();
            return out;
          });
        }""",
        {"cases": cases, "spec": GRID.to_json(), "pic": pic, "gridUrl": js.url(CHAIN + "grid.js")},
    )
    over_limit, backward, chairs = 0, 0, 0
    for case, r in zip(cases, results, strict=True):
        assert_same_picture(r["painted"], r["twin"])
        over_limit += "above limit" in twin_element(r["twin"], gauge="compression_N")["text"]
        backward += twin_element(r["painted"], gauge="shear_N")["text"].endswith("backward")
        chair = twin_element(r["painted"], shownBy="chair_shown")["attrs"]["visibility"]
        assert (chair == "visible") == (case["setting"]["position"] == "sitting")
        chairs += chair == "visible"
        if case["setting"]["load_kg"] == 0:
            assert twin_element(r["painted"], at="load")["attrs"]["width"] == "0.0"
    # The branches were drawn and compared: above the limit, backward shear, the chair.
    assert over_limit >= 1 and backward >= 1 and chairs >= 1


@pytest.mark.browser
def test_an_empty_frame_has_every_hook_the_painter_uses(js):
    pic = picture.paint_spec()
    hooks = js.run(
        CHAIN + "painter.js",
        """(m, pic) => {
          const svg = m.makeFrame(document, pic);
          const all = (sel, key) => [...svg.querySelectorAll(sel)].map((e) => e.dataset[key]);
          return {
            ns: svg.namespaceURI,
            keypoints: all("[data-keypoints]", "keypoints").flatMap((k) => k.split(" ")),
            at: [...all("[data-at]", "at"), ...all("[data-inset-at]", "insetAt")],
            rotate: all("[data-rotate]", "rotate"),
            fields: [...all("[data-force]", "force"), ...all("[data-shown-by]", "shownBy")],
            templates: all("[data-template]", "template"),
            gauges: all("text[data-gauge]", "gauge"),
            painted: svg.querySelectorAll("[points],[transform],svg[viewBox] svg[viewBox]").length,
          };
        }""",
        pic,
    )
    from workshop.views.body.geometry import ROTATIONS
    from workshop.views.chain.grid import GRID_POINTS

    assert hooks["ns"] == "http://www.w3.org/2000/svg"
    # Everything the frame names is in the grid the browser receives.
    assert set(hooks["keypoints"]) | set(hooks["at"]) <= set(GRID_POINTS)
    assert set(hooks["rotate"]) == set(ROTATIONS)  # every rigid part is drawn
    assert set(hooks["fields"]) <= set(GRID.fields)
    for template in hooks["templates"]:
        assert set(re.findall(r"\{(\w+)", template)) <= set(GRID.fields), template
    assert {"L5", "L4", "L3", "L2", "L1", "pelvis", "thorax"} <= set(hooks["rotate"])
    assert hooks["gauges"] == [g.key for g in picture.GAUGES]
    assert hooks["painted"] == 0  # the browser's frame carries no coordinates of its own


# Numbers in words and tables ------------------------------------------------------------


@pytest.mark.browser
def test_the_readout_says_why_the_picture_stops(js):
    """Past the lean where the chest meets the thighs, and past a full curl on the floor,
    the picture stops moving: the read-out says why, in the browser as in Python, and
    says nothing of it elsewhere."""
    records = [
        state_record({**default_values(), "position": position, "trunk_flexion_deg": lean})
        for position, lean in (
            ("sitting", 60.0),
            ("sitting", 90.0),
            ("standing", 90.0),
            ("lying", 50.0),
            ("lying", 60.0),
        )
    ]
    got = js.run(
        "views/common/js/template.js",
        "(m, arg) => arg.records.map((r) => m.fillTemplate(arg.template, r))",
        {"records": records, "template": picture.READOUT},
    )
    assert got == [picture.readout_text(r) for r in records]
    said = [("chest rests on the thighs" in t, "fully curled" in t) for t in got]
    no = (False, False)
    assert said == [no, (True, False), no, no, (False, True)]


@pytest.mark.browser
def test_the_readout_warns_past_the_maximum_permissible_limit(js):
    """The model's muscles have no strength limit: past the 1981 NIOSH maximum
    permissible compression the read-out says so, in the browser as in Python, and only
    there."""
    heavy = {"position": "standing", "trunk_flexion_deg": 60.0, "load_distance_m": 1.0}
    records = [
        state_record({**default_values(), **heavy, "load_kg": kg}) for kg in (0.0, 20.0, 50.0)
    ]
    got = js.run(
        "views/common/js/template.js",
        "(m, arg) => arg.records.map((r) => m.fillTemplate(arg.template, r))",
        {"records": records, "template": picture.READOUT},
    )
    assert got == [picture.readout_text(r) for r in records]
    over = [r["compression_N"] > NIOSH_MAX_PERMISSIBLE_N for r in records]
    assert over == [False, False, True]
    assert [f"{NIOSH_MAX_PERMISSIBLE_N:.0f} N maximum permissible" in t for t in got] == over


@pytest.mark.browser
def test_readout_and_comparison_rows_are_the_python_ones(js):
    rng = np.random.default_rng(SEED + 3)
    records = [state_record(random_setting(rng)) for _ in range(6)]
    # Shear backward, forward and reading 0: the direction word and its absence.
    records += [{**records[0], "shear_N": v} for v in (-120.4, 87.0, -0.3)]
    pairs = list(zip(records[:-1], records[1:], strict=True))
    # A difference that rounds to 0 from below reads "0", not "-0" or "+0".
    nudged = {**records[0], "compression_N": records[0]["compression_N"] - 0.3}
    pairs.append((records[0], nudged))
    # Exact ties in binary (x.25, x.5, x.75): Python's format rounds them to even, the
    # browser's toFixed away from zero; both sides must write the browser's digits.
    tie_a = {**records[0], "lumbar_lordosis_deg": 55.0, "compression_N": 2.5}
    tie_b = {**records[0], "lumbar_lordosis_deg": 3.75, "compression_N": -0.5}
    pairs.insert(-1, (tie_a, tie_b))  # the nudged pair stays last
    records[6:6] = [tie_a, tie_b]
    arg = {
        "records": records,
        "pairs": pairs,
        "template": picture.READOUT,
        "rows": [list(r) for r in compare.ROWS],
    }
    got = js.run(
        CHAIN + "readout.js",
        """(m, arg) => ({
          diffs: arg.pairs.map(([a, b]) => m.diffCells(arg.rows, a, b)),
          same: m.diffCells(arg.rows, arg.records[0], arg.records[0]),
        })""",
        arg,
    )
    got["readouts"] = js.run(
        "views/common/js/template.js",
        "(m, arg) => arg.records.map((r) => m.fillTemplate(arg.template, r))",
        arg,
    )
    assert got["readouts"] == [picture.readout_text(r) for r in records]
    assert [r.split("shear ")[1].split(",")[0] for r in got["readouts"][-3:]] == [
        "120 newtons backward",
        "87 newtons forward",
        "0 newtons",
    ]
    assert got["diffs"] == [compare.diff_cells(a, b) for a, b in pairs]
    assert got["same"] == compare.diff_cells(records[0], records[0])
    assert all(not row[3].startswith(("+", "-")) for row in got["same"])
    assert got["diffs"][-1][2][3] == "0 N"  # L4/L5 compression, nudged by -0.3 N
    assert len(got["diffs"][0]) == len(compare.ROWS)


@pytest.mark.browser
def test_slider_snapping_is_control_clamp(js):
    rng = np.random.default_rng(SEED + 4)
    cases = []
    for c in CONTROLS:
        for v in rng.uniform(c.low - 3 * c.step, c.high + 3 * c.step, 40):
            cases.append([c.to_json(), float(v)])
    got = js.run(CHAIN + "controls.js", "(m, cases) => cases.map(([c, v]) => m.snap(c, v))", cases)
    by_name = {c.name: c for c in CONTROLS}
    expected = [by_name[c["name"]].clamp(v) for c, v in cases]
    assert got == pytest.approx(expected, abs=1e-9)


# The whole widget with a stand-in model: both directions of every synced trait ---------

# JS: a widget model as anywidget gives one to render (get, set, on, off, save_changes),
# recording what the view reads, listens to and sends. `kernel(name, value)` plays a
# change made in Python.
#: Render the bundled widget with a stand-in model of ``arg``'s state (JS, after FAKE_MODEL).
MOUNT = """
          const model = fakeModel({ ...arg, grid: toView(arg.grid) });
          const el = document.createElement("div");
          document.body.appendChild(el);
          const cleanup = m.default.render({ model, el });
"""
#: Render the bundled widget from ``arg.start`` (a ``widget_state``); ``band()`` reads the
#: compression gauge's band width, px (JS, after FAKE_MODEL).
MOUNT_START = """
          const model = fakeModel({ ...arg.start, grid: toView(arg.start.grid) });
          const el = document.createElement("div");
          document.body.appendChild(el);
          const cleanup = m.default.render({ model, el });
          const band = () => Number(el.querySelector("[data-gauge-band=compression_N]")
            .getAttribute("width"));
"""
FAKE_MODEL = """
  function fakeModel(state) {
    const handlers = {};
    const model = {
      state, read: new Set(), heard: new Set(), sent: [],
      get(k) { model.read.add(k); return model.state[k]; },
      set(k, v) { model.state[k] = v; (handlers["change:" + k] || []).forEach((h) => h()); },
      on(ev, h) { model.heard.add(ev); (handlers[ev] = handlers[ev] || []).push(h); },
      off(ev, h) { handlers[ev] = (handlers[ev] || []).filter((x) => x !== h); },
      save_changes() { model.sent.push(JSON.parse(JSON.stringify(
        Object.fromEntries(["values", "pinned", "focus"].map((k) => [k, model.state[k]]))))); },
      kernel(k, v) { model.state[k] = v; (handlers["change:" + k] || []).forEach((h) => h()); },
    };
    return model;
  }
  const toView = (b64) => { const u = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0)); return new DataView(u.buffer); };
"""


def widget_state(w: KineticChainExplorer) -> dict:
    return {
        "layout_json": w.layout_json,
        "values": w.values,
        "pinned": w.pinned,
        "pinned_state": w.pinned_state,
        "grid": b64(w.grid),
        "focus": w.focus,
    }


SYNCED = {"values", "pinned", "pinned_state", "grid", "layout_json", "focus"}


@pytest.mark.browser
def test_every_synced_trait_is_used_by_both_sides_and_python_changes_reach_the_page(js):
    w = KineticChainExplorer(load_kg=12)
    own = {k for k in w.keys if not k.startswith("_")} - {"layout", "tabbable", "tooltip"}
    assert own == SYNCED  # a new synced trait needs a row in explorer.py's table and here
    before = widget_state(w)
    w.pin()
    w.set(load_kg=25, trunk_flexion_deg=30)
    after = widget_state(w)
    w_unpinned = KineticChainExplorer(load_kg=25, trunk_flexion_deg=30)
    out = js.run(
        ENTRY,
        """async (m, arg) => {"""
        + FAKE_MODEL
        + """
          const s = { ...arg.before, grid: toView(arg.before.grid) };
          const model = fakeModel(s);
          const el = document.createElement("div");
          document.body.appendChild(el);
          const cleanup = m.default.render({ model, el });
          const seen = () => ({
            frames: [...el.querySelectorAll(".mm-stage > svg")].map((svg) =>
              svg.querySelector("[data-role=title]").textContent),
            compression: el.querySelector(".mm-explorer").dataset.compression,
            slider: el.querySelector("input[name=load_kg]").value,
            pressed: el.querySelector(".mm-buttons button:last-child").getAttribute("aria-pressed"),
            diff: [...el.querySelectorAll("table.mm-diff tr")].map((tr) =>
              [...tr.children].map((c) => c.textContent)),
          });
          const start = seen();
          // Python: w.pin(), then w.set(load_kg=25, trunk_flexion_deg=30).
          model.kernel("pinned", arg.after.pinned);
          const pinnedOnly = seen();
          model.kernel("pinned_state", arg.after.pinned_state);
          model.kernel("values", arg.after.values);
          model.kernel("grid", toView(arg.after.grid));
          const afterPython = seen();
          // Python: w.unpin().
          model.kernel("pinned", {});
          model.kernel("pinned_state", {});
          const unpinned = seen();
          // The learner presses Pin: the page pins at once and tells the kernel.
          el.querySelector(".mm-buttons button:last-child").click();
          const clicked = seen();
          cleanup();
          el.remove();
          return { start, pinnedOnly, afterPython, unpinned, clicked, read: [...model.read],
                   heard: [...model.heard], sent: model.sent };
        }""",
        {"before": before, "after": after},
    )
    # Both directions: the view reads every kernel-written trait and listens for changes of
    # every trait the kernel may change after display; it sends only what the kernel checks.
    assert set(out["read"]) == SYNCED
    assert set(out["heard"]) == {f"change:{k}" for k in SYNCED - {"layout_json"}}
    sent_keys = {k for message in out["sent"] for k in message}
    assert sent_keys <= set(w._frontend_checks())
    assert out["start"]["frames"] == [""] and out["start"]["pressed"] == "false"
    assert out["start"]["slider"] == "12"
    # pin() before its record arrives: nothing drawn yet, nothing wrong drawn.
    assert out["pinnedOnly"]["frames"] == [""]
    names = browser_layout()["pinned_names"]
    a = out["afterPython"]
    assert a["frames"] == names and a["pressed"] == "true" and a["slider"] == "25"
    assert float(a["compression"]) == pytest.approx(
        float(w_unpinned.result().compression_N), abs=1.0
    )
    expected_diff = compare.diff_cells(state_record(after["pinned"]), state_record(after["values"]))
    assert len(a["diff"]) == 1 + len(compare.ROWS)
    for got_row, want_row in zip(a["diff"][1:], expected_diff, strict=True):
        assert all(same_text(g, x) for g, x in zip(got_row, want_row, strict=True)), got_row
    assert out["unpinned"]["frames"] == [""] and out["unpinned"]["diff"] == []
    assert out["clicked"]["frames"] == names and out["clicked"]["pressed"] == "true"
    assert out["sent"][-1]["pinned"] == after["values"]


@pytest.mark.browser
def test_a_widget_displayed_after_pin_shows_the_comparison(js):
    w = KineticChainExplorer(load_kg=8)
    w.pin()
    w.set(load_kg=20)
    frames = js.run(
        ENTRY,
        """(m, arg) => {"""
        + FAKE_MODEL
        + MOUNT
        + """
          const titles = [...el.querySelectorAll(".mm-stage > svg [data-role=title]")].map((t) => t.textContent);
          cleanup();
          el.remove();
          return titles;
        }""",
        widget_state(w),
    )
    assert frames == browser_layout()["pinned_names"]


# The bundler ----------------------------------------------------------------------------


def test_module_order_puts_each_part_once_before_the_entry():
    order = module_order(WORKSHOP / ENTRY)
    names = [p.name for p in order]
    assert names[-1] == "explorer.js"
    assert len(names) == len(set(names))
    assert set(names) >= {
        "grid.js",
        "painter.js",
        "controls.js",
        "readout.js",
        "syncer.js",
        "template.js",
    }
    assert names.index("template.js") < names.index("painter.js")  # painter imports it


def test_the_bundle_has_one_import_free_module_text():
    text = bundle(WORKSHOP / ENTRY)
    assert not re.search(r"^\s*import\b", text, re.MULTILINE)
    # Only the entry's own exports stay exports; every part's became local names.
    entry_exports = re.findall(r"^export\b.*$", (WORKSHOP / ENTRY).read_text("utf-8"), re.M)
    assert re.findall(r"^export\b.*$", text, re.MULTILINE) == entry_exports
    assert KineticChainExplorer()._esm == text


@pytest.mark.browser
def test_the_bundle_is_one_module_exporting_what_the_entry_exports(js):
    js.serve("bundled/explorer.js", bundle(WORKSHOP / ENTRY))
    got = js.run(
        "bundled/explorer.js",
        """async (m, entryUrl) => {
          const entry = await import(entryUrl);
          return {
            bundled: Object.keys(m).sort(), entry: Object.keys(entry).sort(),
            render: typeof m.default.render, same: m.SYNC_DELAY_MS === entry.SYNC_DELAY_MS,
          };
        }""",
        js.url(ENTRY),
    )
    assert got["bundled"] == got["entry"] and "default" in got["bundled"]
    assert got["render"] == "function" and got["same"]


def write(folder, name, text):
    (folder / name).parent.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


@pytest.mark.browser
def test_bundled_parts_keep_their_private_names_apart(tmp_path, js):
    write(tmp_path, "a.js", 'const SECRET = "a";\nexport function a() { return SECRET; }\n')
    write(tmp_path, "sub/b.js", 'const SECRET = "b";\nexport const b = () => SECRET;\n')
    write(
        tmp_path,
        "sub/c.js",
        'import { a as fromA } from "../a.js";\nimport * as B from "./b.js";\n'
        "function c() { return fromA() + B.b(); }\nexport { c as see };\n",
    )
    entry = write(
        tmp_path,
        "main.js",
        'import { a } from "./a.js";\nimport { see } from "./sub/c.js";\n'
        "export const both = () => a() + see();\nexport default { both };\n",
    )
    assert [p.name for p in module_order(entry)] == ["a.js", "b.js", "c.js", "main.js"]
    js.serve("tmp/main-bundled.js", bundle(entry))
    assert js.run("tmp/main-bundled.js", "(m) => [m.both(), m.default.both()]") == ["aab", "aab"]


def test_the_bundler_refuses_what_it_cannot_join(tmp_path):
    write(tmp_path, "x.js", 'import { y } from "./y.js";\nexport const x = 1;\n')
    write(tmp_path, "y.js", 'import { x } from "./x.js";\nexport const y = 2;\n')
    with pytest.raises(ValueError, match="import cycle: x.js -> y.js -> x.js"):
        bundle(tmp_path / "x.js")
    write(tmp_path, "bare.js", 'import { html } from "lit";\nexport default {};\n')
    with pytest.raises(ValueError, match="bare.js:1: only relative imports"):
        bundle(tmp_path / "bare.js")
    write(tmp_path, "d.js", "export default 1;\n")
    write(tmp_path, "uses_d.js", 'import { x } from "./d.js";\n')
    with pytest.raises(ValueError, match="d.js:1: export default is only allowed in the entry"):
        bundle(tmp_path / "uses_d.js")
    write(tmp_path, "default_import.js", 'import d from "./d.js";\n')
    with pytest.raises(ValueError, match="unsupported import form"):
        bundle(tmp_path / "default_import.js")
    with pytest.raises(FileNotFoundError, match="missing.js"):
        write(tmp_path, "m.js", 'import { q } from "./missing.js";\n')
        bundle(tmp_path / "m.js")


def test_default_values_are_what_the_page_starts_from():
    w = KineticChainExplorer()
    assert w.values == clamp_values(default_values())
    assert w.pinned == {} and w.pinned_state == {}


@pytest.mark.browser
def test_a_drag_reaches_the_kernel_through_the_trust_boundary(js, caplog):
    w = KineticChainExplorer()
    sent = js.run(
        ENTRY,
        """async (m, arg) => {"""
        + FAKE_MODEL
        + MOUNT
        + """
          const slider = el.querySelector("input[name=glute_weakness]");
          for (const v of ["0.2", "0.333", "0.45"]) {  // a drag: one message after it
            slider.value = v;
            slider.dispatchEvent(new Event("input"));
          }
          const picture = el.querySelector(".mm-explorer").dataset.compression;
          // The message leaves once the drag pauses (SYNC_DELAY_MS); wait for it.
          for (let i = 0; i < 200 && model.sent.length < 2; i++) {
            await new Promise((r) => setTimeout(r, 25));
          }
          cleanup();
          el.remove();
          return { sent: model.sent, picture };
        }""",
        widget_state(w),
    )
    # Reaching the slider names it at once (its band); the drag: one message after it.
    assert len(sent["sent"]) == 2
    assert sent["sent"][0]["focus"] == "glute_weakness"
    message = sent["sent"][1]
    caplog.set_level(logging.WARNING, logger=trust.LOGGER.name)
    w.set_state(message)  # what the comm would deliver
    assert caplog.records == []  # nothing refused
    assert w.values["glute_weakness"] == 0.45 and w.values == clamp_values(message["values"])
    # The page drew the model at the setting the kernel now holds.
    assert float(sent["picture"]) == pytest.approx(float(w.result().compression_N), abs=1.0)


def run_reaching(js, w: KineticChainExplorer, after: KineticChainExplorer, script: str) -> dict:
    """Render ``w``'s state, run ``script`` (JS that sets ``out``; ``arg.after`` is the
    grid of ``after``), clean up, return ``out``."""
    return js.run(
        ENTRY,
        """async (m, arg) => {"""
        + FAKE_MODEL
        + MOUNT_START
        + script
        + """
          cleanup();
          el.remove();
          return out;
        }""",
        {"start": widget_state(w), "after": b64(after.grid)},
    )


def band_px(setting: dict) -> float:
    """Width of the compression gauge's band at ``setting`` in the static twin, px."""
    gauge = next(g for g in picture.GAUGES if g.key == "compression_N")
    return float(picture.gauge_reading(gauge, snapshot(setting)["record"])["band_width"])


def before_and_after(change: dict):
    """An explorer holding 10 kg; the setting after ``change``; and the kernel's explorer
    there once the page has reached the load slider (``focus``)."""
    w = KineticChainExplorer(load_kg=10)
    moved = {**w.values, **change}
    after = KineticChainExplorer(**moved)
    after.focus = "load_kg"
    return w, moved, after


@pytest.mark.browser
def test_reaching_a_slider_asks_for_its_band_which_is_drawn_only_where_known(js):
    """The kernel bands only the slider the page reads (``focus``, issue 12): reaching
    another slider asks for its band; at rest the band on screen stays (same setting);
    dragging where the band is not known yet draws none; the kernel's grid brings it."""
    w, moved, after = before_and_after({"load_kg": 20.0})
    script = """
          const slider = el.querySelector("input[name=load_kg]");
          const atStart = band();
          // A pointer passing over another slider on its way: that slider is not reached.
          const passed = el.querySelector("input[name=glute_weakness]");
          passed.dispatchEvent(new Event("pointerenter"));
          passed.dispatchEvent(new Event("pointerleave"));
          await new Promise((r) => setTimeout(r, 300));
          slider.dispatchEvent(new Event("pointerenter"));
          slider.dispatchEvent(new Event("focus"));  // the same slider: no second message
          const reached = { band: band(), sent: model.sent.map((s) => s.focus) };
          slider.value = "20";
          slider.dispatchEvent(new Event("input"));
          const dragged = band();
          model.kernel("grid", toView(arg.after));
          const arrived = band();
          const out = { atStart, reached, dragged, arrived };
"""
    out = run_reaching(js, w, after, script)
    assert w.focus == CONTROLS[0].name != "load_kg" and out["atStart"] > 0
    assert out["reached"]["sent"] == ["load_kg"]
    assert out["reached"]["band"] == out["atStart"]  # same setting: the band stays
    assert out["dragged"] == 0  # 20 kg: not computed yet, not drawn
    assert band_px(moved) > 0 and out["arrived"] == pytest.approx(band_px(moved), abs=0.06)


@pytest.mark.browser
def test_reaching_a_slider_right_after_a_drag_keeps_the_dragged_setting(js):
    """A drag not yet sent, then another slider reached: the values go with the focus in
    one message, and the picture stays at the dragged setting (the reached slider's
    block still holds the old one) until the kernel's grid for it arrives."""
    w, dragged, after = before_and_after({"trunk_flexion_deg": 40.0})
    script = """
          const root = el.querySelector(".mm-explorer");
          const trunk = el.querySelector("input[name=trunk_flexion_deg]");
          trunk.dispatchEvent(new Event("focus"));
          trunk.value = "40";
          trunk.dispatchEvent(new Event("input"));
          const draggedTo = root.dataset.compression;
          el.querySelector("input[name=load_kg]").dispatchEvent(new Event("focus"));
          const reached = { compression: root.dataset.compression, sent: model.sent.length };
          model.kernel("grid", toView(arg.after));
          const arrived = { compression: root.dataset.compression, band: band() };
          const out = { draggedTo, reached, arrived, sent: model.sent };
"""
    out = run_reaching(js, w, after, script)
    # Focus on the trunk (one message), then the drag's values with the load's focus (one).
    assert [m["focus"] for m in out["sent"]] == ["trunk_flexion_deg", "load_kg"]
    assert out["sent"][-1]["values"]["trunk_flexion_deg"] == 40.0
    expected = float(after.result().compression_N)
    assert float(out["draggedTo"]) == pytest.approx(expected, abs=1.0)
    assert out["reached"]["compression"] == out["draggedTo"]  # no jump back
    assert float(out["arrived"]["compression"]) == pytest.approx(expected, abs=1.0)
    assert out["arrived"]["band"] == pytest.approx(band_px(dragged), abs=0.06)


@pytest.mark.browser
def test_the_readout_says_when_the_arms_reach_no_further(js):
    """Past an arm's length the model holds the load at arm's length and the picture
    stops: the read-out says so, in the browser as in Python, and nowhere else."""
    records = [
        state_record({**default_values(), **setting, "load_kg": 10.0})
        for setting in (
            {"position": "standing", "load_distance_m": 0.5},
            {"position": "standing", "load_distance_m": 0.8},
            {"position": "sitting", "load_distance_m": 0.8},
            {"position": "sitting", "load_distance_m": 0.8, "trunk_flexion_deg": 60.0},
            {"position": "lying", "load_distance_m": 0.8},
        )
    ]
    got = js.run(
        "views/common/js/template.js",
        "(m, arg) => arg.records.map((r) => m.fillTemplate(arg.template, r))",
        {"records": records, "template": picture.READOUT},
    )
    assert got == [picture.readout_text(r) for r in records]
    assert ["arm's length" in t for t in got] == [False, True, True, False, False]


@pytest.mark.browser
def test_a_gauge_past_its_full_scale_says_so(js):
    """The bar stops at the gauge's end; past its full scale a mark there says the value
    is off the scale, in the browser as in the twin, and only then."""
    settings = (
        {},
        {"trunk_flexion_deg": 60.0, "load_kg": 50.0, "load_distance_m": 0.8},
    )
    records = [state_record({**default_values(), **s}) for s in settings]
    pic = picture.paint_spec()
    got = js.run(
        CHAIN + "painter.js",
        "(m, arg) => arg.records.map((r) => arg.pic.gauges.map((g) => m.gaugeReading(arg.pic, g, r)))",
        {"records": records, "pic": pic},
    )
    want = [[picture.gauge_reading(g, r) for g in picture.GAUGES] for r in records]
    assert got == want
    marks = [
        {g.key: reading["off_scale"] for g, reading in zip(picture.GAUGES, row, strict=True)}
        for row in got
    ]
    assert set(marks[0].values()) == {""}
    heavy = records[1]
    for g in picture.GAUGES:
        size = abs(heavy[g.key]) if g.words else heavy[g.key]
        assert (marks[1][g.key] == picture.OFF_SCALE_MARK) == (size > g.full_scale), g.key
    assert marks[1]["compression_N"] == marks[1]["disc_pressure_MPa"] == picture.OFF_SCALE_MARK


@pytest.mark.browser
def test_a_load_near_the_floor_rests_on_it(js):
    """Leaning on a chair with a big load in the hanging hands, the box would reach below
    the floor: it rests on the floor instead, in the browser as in the twin."""
    setting = {
        **default_values(),
        "position": "sitting",
        "trunk_flexion_deg": 90.0,
        "load_kg": 50.0,
        "load_distance_m": 0.0,
    }
    record = state_record(setting)
    twin_svg = picture.explorer_svg(record)
    got = js.run(
        CHAIN + "painter.js",
        """(m, arg) => {
          const extract = """
        + EXTRACT
        + """;
          const svg = m.makeFrame(document, arg.pic);
          document.body.appendChild(svg);
          m.paint(svg, arg.pic, arg.record, "");
          const twin = new DOMParser().parseFromString(arg.twin, "image/svg+xml").documentElement;
          const out = { painted: extract(svg), twin: extract(twin) };
          svg.remove();
          return out;
        }""",
        {"pic": picture.paint_spec(), "record": record, "twin": twin_svg},
    )
    floor = picture.floor_y_px()
    hanging = picture.px(record["load_x"], record["load_y"])[1] + 0.5 * picture.load_side_px(50.0)
    assert hanging > floor + 5  # hanging from the hands it would be below the floor
    for side in ("painted", "twin"):
        box = twin_element(got[side], at="load")["attrs"]
        assert float(box["y"]) + float(box["height"]) == pytest.approx(floor, abs=0.11), side
