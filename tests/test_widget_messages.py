"""Random front-end messages at every widget: checked in the kernel, never raising.

Hypothesis state machines play a browser. They send state updates the way the
kernel delivers them (``widget.comm.handle_msg``) or straight to
``widget.set_state``, to every widget of the kit and to every widget inside the
composite ones (sliders, text boxes, buttons, boxes, layouts, styles): valid
values, values just off (out of range, a key missing, one field of a log
broken), junk (wrong types, NaN, infinities, huge integers, text, nested
objects, bytes, unknown and kernel-owned keys) and malformed comm messages.
After every message:

* no exception escaped, and nothing was logged as an error (an error means a
  check let through a value the widget could not take);
* the widget's state is valid and its methods work (each machine's ``check``);
* every key the kernel did not keep as sent was sent back (``send_state``);
  a value that no key accepts was refused with a logged warning, leaving the
  state as it was.

The tests together send at least ``MIN_MESSAGES`` messages (each runs until it
has sent its ``QUOTA``). The first tests replay the faults the issue named, one
by one. The demos' pictures (matplotlib PNGs, 0.1-0.9 s each) are stubbed out:
they have their own tests; the numbers behind them are real.
"""

from __future__ import annotations

import logging
import math
from collections import Counter

import ipywidgets as widgets
import numpy as np
import pytest
import traitlets
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

from workshop.breath import LEHRER_RESONANCE_FINDING, PHASES, PRESETS, Session
from workshop.model import POSITIONS as MODEL_POSITIONS
from workshop.model import RANGES
from workshop.safety import ScreenResult
from workshop.views.breath.pacer import BreathPacer, pacer_plan
from workshop.views.breath.plan_picture import plan_svg
from workshop.views.breath.run_log import END_REASONS, check_log
from workshop.views.chain.controls import CONTROL_BY_NAME, CONTROLS, POSITIONS
from workshop.views.chain.explorer import KineticChainExplorer
from workshop.views.chain.grid import GRID
from workshop.views.common.exercises import Choice, Exercise, MultipleChoice, NumberExercise
from workshop.views.common.trust import LOGGER, MAX_TEXT_CHARS, TrustBoundary, widget_tree
from workshop.views.evidence import reading as evidence_views
from workshop.views.practice.builder import PracticePlanBuilder
from workshop.views.safety.screen import SafetyScreen
from workshop.views.sensory import position_sense as body_map

STEPS = 50  # messages per example, at most
MIN_MESSAGES = 10_000
#: Messages per widget: the explorer and the pacer, with the most keys, get more.
QUOTA = {
    "explorer": 2500,
    "pacer": 2500,
    "position_sense": 1000,
    "study_design": 1000,
    "safety": 1000,
    "exercise": 1000,
    "practice": 1000,
}
SENT: Counter = Counter()

NAN, INF = math.nan, math.inf
#: Values that no key of any widget accepts.
NEVER_VALID = (None, NAN, INF, -INF, {"a": {"b": [1, None]}}, [1, [2, "x"]])

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from([2**53, 2**64, -(2**63), 10**400]),
    st.floats(),
    st.text(max_size=12),
    st.sampled_from(["", "kneeling", "standing ", "NaN", "1e3", "\ud800", "x" * 20_001]),
    st.binary(max_size=8).map(memoryview),
)
junk = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)


def same(a, b) -> bool:
    try:
        return bool(a == b)
    except Exception:  # noqa: BLE001
        return False


class Records(logging.Handler):
    """Counts the trust boundary's warnings and errors."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.warnings = 0
        self.errors: list[str] = []

    def emit(self, record):
        if record.levelno >= logging.ERROR:
            self.errors.append(self.format(record))
        else:
            self.warnings += 1


RECORDS = Records()


def run(machine: type[RuleBasedStateMachine], name: str) -> None:
    """Run ``machine`` until it has sent its share of messages (``QUOTA``)."""
    start = SENT[name]
    LOGGER.addHandler(RECORDS)
    LOGGER.propagate = False  # ten thousand refusals are expected: keep them out of the report
    try:
        while (left := QUOTA[name] - (SENT[name] - start)) > 0:
            # Hypothesis's first examples are short: ask for a fifth more than needed.
            examples = math.ceil(1.2 * left / STEPS)
            run_state_machine_as_test(
                machine,
                settings=settings(
                    max_examples=examples,
                    stateful_step_count=STEPS,
                    deadline=None,
                    database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
                ),
            )
    finally:
        LOGGER.removeHandler(RECORDS)
        LOGGER.propagate = True


def test_the_shares_add_up_to_the_minimum():
    assert sum(QUOTA.values()) >= MIN_MESSAGES


# The faults, one by one -------------------------------------------------------------


def capture_sends(w) -> list:
    """Record the keys ``w`` sends to the page (and still send them)."""
    sent, real = [], w.send_state
    w.send_state = lambda key=None: (sent.append(key), real(key))[1]
    return sent


def test_a_position_the_explorer_cannot_draw_is_refused_and_the_setting_kept(caplog):
    w = KineticChainExplorer(load_kg=10)
    before, sent = dict(w.values), capture_sends(w)
    w.set_state({"values": {"position": "kneeling"}})
    assert w.values == before and "values" in sent
    assert "refused values" in caplog.text and "kneeling" in caplog.text
    assert w.result().compression_N > 0 and w.readout() and w.to_svg().startswith("<svg")


def test_python_side_misuse_of_the_explorer_still_raises_naming_the_input():
    w = KineticChainExplorer()
    before = dict(w.values)
    with pytest.raises(ValueError, match=r"position must be one of .*'kneeling'"):
        w.set(position="kneeling")
    with pytest.raises(TypeError, match=r"load_kg must lie in \[0, 50\] kg"):
        w.set(load_kg="heavy")
    # Inside hold_trait_notifications too: the refusal rolls the change back.
    with pytest.raises(ValueError), w.hold_trait_notifications():
        w.values = {"position": "kneeling"}
    assert w.values == before


def test_the_slider_the_page_reaches_gets_its_band_and_a_bad_name_is_refused(caplog):
    w = KineticChainExplorer(load_kg=10)
    position = w.values["position"]
    band_rows = [GRID.fields.index(f) for f in GRID.band_fields]
    assert np.isnan(GRID.block(w.grid, position, "load_kg")[band_rows]).all()
    w.set_state({"focus": "load_kg"})
    assert np.isfinite(GRID.block(w.grid, position, "load_kg")).all()
    before, sent = w.focus, capture_sends(w)
    w.set_state({"focus": "position"})
    assert w.focus == before and "focus" in sent
    assert "refused focus" in caplog.text and "'position'" in caplog.text


def test_a_refused_key_is_echoed_with_the_kernels_value():
    w = KineticChainExplorer()
    messages = []
    w._send = lambda msg, buffers=None: messages.append(msg)
    w.set_state({"values": {"load_kg": 5}})
    echo = next(m for m in messages if m["method"] == "echo_update")
    assert echo["state"]["values"] == w.values


def shown_record(i, name, planned, at, boundary=True) -> dict:
    return {"index": i, "phase": name, "planned_s": planned, "shown_s": at, "boundary": boundary}


def test_malformed_pacer_logs_are_refused_and_lags_still_work():
    p = BreathPacer("box", minutes=1)
    start, name = float(p._phases["time_s"][1]), str(p._phases["phase"][1])
    run = {"started_wall_ms": 1.7e12, "total_s": p.session.total_s, "pauses": [], "end": None}
    p.set_state({"log": {**run, "shown": [shown_record(1, name, start, start + 0.01)]}})
    assert p.lags_s() == pytest.approx([0.01])
    for log in (
        {"shown": [[0]]},
        {**run, "shown": "x"},
        [1, 2],
        {**run, "shown": [shown_record(1, name, start, None)]},
        {**run, "shown": [shown_record(99_999, name, start, start)]},
        {**run, "shown": [shown_record(1, name, start, start)], "total_s": 1.0},
        # Positional rows, the old format: refused, a record names its fields.
        {**run, "shown": [[1, name, start, start, 1]]},
        {**run, "shown": [shown_record(1, name, start, start, 1)]},
        {**run, "shown": [{**shown_record(1, name, start, start), "extra": 0}]},
        {**run, "pauses": [[0.0, None]]},
        {**run, "end": {"reason": "stopped", "at_s": 1.0, "why": "x"}},
    ):
        p.set_state({"log": log})
        assert p.lags_s() == pytest.approx([0.01])
    with pytest.raises(ValueError, match="log must hold exactly"):
        p.log = {"shown": []}


def test_a_pacer_plan_from_the_browser_is_refused_and_the_session_kept():
    p = BreathPacer("resonance", minutes=2)
    plan, svg, sent = pacer_plan(p.session), p.to_svg(), capture_sends(p)
    other = BreathPacer("box", minutes=1).plan
    p.set_state({"plan": other})
    assert p.plan == plan and p.to_svg() == svg and "plan" in sent
    with pytest.raises(ValueError, match="plan is the session's own"):
        p.plan = other


def test_a_pacer_movement_from_the_browser_is_refused_and_the_kernels_kept():
    p = BreathPacer("resonance", minutes=1, movement="cat_cow")
    view, sent = p.movement_view, capture_sends(p)
    p.set_state({"movement_view": BreathPacer("box", minutes=1, movement="bridge").movement_view})
    assert p.movement_view == view and p.movement == "cat_cow" and "movement_view" in sent


def test_python_side_pacer_changes_reach_the_synced_state():
    p = BreathPacer("resonance", minutes=2, movement="pelvic_tilt")
    sent = capture_sends(p)
    start = float(p._phases["time_s"][1])
    p.log = {
        "started_wall_ms": 1.7e12,
        "total_s": p.session.total_s,
        "shown": [shown_record(1, str(p._phases["phase"][1]), start, start)],
        "pauses": [],
        "end": None,
    }
    box = Session([(PRESETS["box"], 60)])
    p.session = box
    # The page runs the new plan, its movement trace spans it, the old run's log is gone.
    assert p.session is box and p.plan == pacer_plan(box)
    assert p.plan["phases"]["total_s"] == box.total_s == p.movement_view["trace"]["t"][-1]
    assert p.log == {} and p.lags_s().size == 0
    p.movement = "bridge"
    assert p.movement_view["key"] == "bridge"
    p.movement = None
    assert p.movement_view == {} and p.movement is None
    with pytest.raises(ValueError, match="unknown movement 'jump'"):
        p.movement = "jump"
    assert p.movement is None
    p.sound, p.eyes_closed, p.tick = False, True, True
    keys = set()
    for key in sent:
        keys |= {key} if isinstance(key, str) else set(key or ())
    assert {"plan", "movement_view", "log", "sound", "eyes_closed", "tick"} <= keys


def test_a_plan_of_a_million_cycles_draws_quickly():
    plan = BreathPacer("resonance", minutes=2).plan
    seg = {**plan["segments"][0], "cycles": 10**6}
    huge = {**plan, "segments": [seg], "total_s": 10**6 * seg["cycle_s"]}
    svg = plan_svg(huge)
    # Bounded work, read from the drawing, not the clock: a repeating pattern is drawn
    # once, so the picture stays small whatever the number of cycles.
    assert len(svg) < 10_000


def test_the_pacers_log_trait_leaves_it_a_logger():
    p = BreathPacer()
    assert isinstance(p.logger, logging.Logger) and isinstance(p.log, dict)
    p.comm.handle_msg({"content": {"data": {"method": "bogus"}}})  # logged, not raised
    p.comm.handle_msg({"content": {}})


@pytest.mark.usefixtures("no_pictures")
def test_a_nan_slider_value_leaves_no_stale_numbers():
    d = body_map.PositionSenseDemo()
    d.speed.set_state({"value": NAN})  # from the page: refused
    assert d.speed.value == d.numbers["speed_deg_per_s"] == 10.0
    with pytest.raises(ValueError, match="speed_deg_per_s"):
        d.speed.value = NAN  # from Python: raises, and the slider goes back
    assert d.speed.value == d.numbers["speed_deg_per_s"] == 10.0
    e = evidence_views.StudyDesignDemo(specific_effect=0.5)
    e.effect.set_state({"value": NAN})
    with pytest.raises(ValueError, match="specific_effect"):
        e.effect.value = NAN
    assert e.effect.value == e.numbers["specific_effect"] == 0.5


# Valid and just-off values of standard ipywidgets controls --------------------------------


def _bounds(w):
    low, high = getattr(w, "min", None), getattr(w, "max", None)
    return (-1e6 if low is None else low), (1e6 if high is None else high)


def control_valid(w, key):
    """What the browser's own control can send: a value of its type within its bounds."""
    if key == "index":
        return st.integers(0, len(w.options) - 1)
    trait = w.traits()["value"]
    if isinstance(trait, traitlets.Bool):
        return st.booleans()
    low, high = _bounds(w)
    if isinstance(trait, traitlets.Float):
        return st.floats(low, high)
    if isinstance(trait, traitlets.Int):
        return st.integers(int(low), int(high))
    return st.text(max_size=40)


def control_off(w, key):
    """Values just off what the control takes (each one refused)."""
    if key == "index":
        return st.sampled_from([-1, len(w.options), 0.5, True, "0"])
    trait = w.traits()["value"]
    if isinstance(trait, traitlets.Bool):
        return st.sampled_from([0, 1, "true", "false"])
    if isinstance(trait, traitlets.Float | traitlets.Int):
        low, high = getattr(w, "min", None), getattr(w, "max", None)
        off = [True, "1", 10**400] + ([] if low is None else [low - 1, high + 1])
        return st.sampled_from(off + ([1.5] if isinstance(trait, traitlets.Int) else []))
    return st.sampled_from(["x" * (MAX_TEXT_CHARS + 1), "a\ud800b", 5, b"text"])


# The machine: one browser, one widget (and everything inside it) -------------------------------


class Browser(RuleBasedStateMachine):
    """Sends messages to ``self.root`` and the widgets in it; subclasses say what is valid."""

    name = ""

    def make(self, data):
        raise NotImplementedError

    def valid(self, w, key):
        return control_valid(w, key)

    def off(self, w, key):
        return control_off(w, key)

    @initialize(data=st.data())
    def start(self, data):
        self.root = self.make(data)
        self.tree = widget_tree(self.root)
        self.children = tuple(getattr(self.root, "children", ()))
        self.controls = [w for w in self.tree if w._frontend_checks()]
        self.sends: list = []
        for w in self.tree:
            real = w.send_state

            def send_state(key=None, w=w, real=real):
                self.sends.append((w, key))
                return real(key)

            w.send_state = send_state

    # Delivery and the checks every message gets --------------------------------------

    def pick(self, data, controls_only=False):
        pool = self.controls if controls_only else self.controls * 3 + self.tree
        return data.draw(st.sampled_from(pool), label="target")

    def resent(self, w) -> set:
        keys = set()
        for target, key in self.sends:
            if target is w:
                keys |= set(w.keys) if key is None else {key} if isinstance(key, str) else set(key)
        return keys

    def deliver(self, data, w, msg: dict) -> tuple[dict, set]:
        before, errors = w.get_state(), len(RECORDS.errors)
        self.sends.clear()
        if data.draw(st.booleans(), label="through the comm"):
            w.comm.handle_msg(
                {"content": {"data": {"method": "update", "state": msg, "buffer_paths": []}}}
            )
        else:
            w.set_state(msg)
        SENT[self.name] += 1
        assert len(RECORDS.errors) == errors, RECORDS.errors[errors:]
        resent = self.resent(w)
        for key, value in msg.items():
            if key in w.keys and not same(w.get_state(key)[key], value):
                assert key in resent, f"{key} not sent back after {msg!r}"
        return before, resent

    def refused(self, data, w, msg: dict) -> None:
        """Deliver a message whose every value is invalid: refused, logged, state kept."""
        warnings = RECORDS.warnings
        before, resent = self.deliver(data, w, msg)
        assert RECORDS.warnings > warnings
        for key in msg:
            if key in w.keys:
                assert same(w.get_state(key)[key], before[key]), key
                assert key in resent, key

    def draw_key(self, data, w):
        keys = sorted(w._frontend_checks()) * 3 + sorted(w.keys)
        return data.draw(st.sampled_from(keys) | st.text(max_size=6), label="key")

    # Rules: the kinds of messages -------------------------------------------------------

    @rule(data=st.data())
    def valid_message(self, data):
        w = self.pick(data, controls_only=True)
        key = data.draw(st.sampled_from(sorted(w._frontend_checks())), label="key")
        value = data.draw(self.valid(w, key), label="value")
        warnings = RECORDS.warnings
        self.deliver(data, w, {key: value})
        assert RECORDS.warnings == warnings, f"valid {key}={value!r} was refused"

    @rule(data=st.data())
    def value_just_off(self, data):
        w = self.pick(data, controls_only=True)
        key = data.draw(st.sampled_from(sorted(w._frontend_checks())), label="key")
        self.refused(data, w, {key: data.draw(self.off(w, key), label="value")})

    @rule(data=st.data())
    def never_valid_value(self, data):
        w = self.pick(data)
        key = self.draw_key(data, w)
        self.refused(data, w, {key: data.draw(st.sampled_from(NEVER_VALID), label="value")})

    @rule(data=st.data())
    def junk_message(self, data):
        w = self.pick(data)
        msg = {}
        for _ in range(data.draw(st.integers(0, 3), label="keys")):
            key = self.draw_key(data, w)
            choices = [junk]
            if key in w._frontend_checks():
                choices.append(self.valid(w, key))
            msg[key] = data.draw(st.one_of(choices), label=f"value of {key}")
        self.deliver(data, w, msg)

    @rule(data=st.data())
    def malformed_comm_message(self, data):
        w = self.pick(data)
        content = junk.filter(lambda c: not (isinstance(c, dict) and c.get("event") == "click"))
        msg = data.draw(
            st.sampled_from(
                [
                    {},
                    {"content": {}},
                    {"content": {"data": {"method": "update"}}},
                    {"content": {"data": {"method": "bogus", "state": {}}}},
                    {"content": {"data": {"method": "update", "state": {}, "buffer_paths": [[0]]}}},
                ]
            )
            | content.map(lambda c: {"content": {"data": {"method": "custom", "content": c}}})
            | junk.map(lambda s: {"content": {"data": {"method": "update", "state": s}}}).filter(
                lambda m: not isinstance(m["content"]["data"]["state"], dict)
            ),
            label="comm message",
        )
        before, errors = w.get_state(), len(RECORDS.errors)
        w.comm.handle_msg(msg)
        SENT[self.name] += 1
        assert len(RECORDS.errors) == errors, RECORDS.errors[errors:]
        assert same(w.get_state(), before)

    @invariant()
    def still_behind_the_boundary(self):
        if not hasattr(self, "root"):
            return
        assert tuple(getattr(self.root, "children", ())) == self.children
        for w in self.tree:
            assert isinstance(w, TrustBoundary)
            assert w.comm._msg_callback.__func__ is TrustBoundary._handle_msg

    @invariant()
    def widget_state_is_valid(self):
        if hasattr(self, "root"):
            self.check(self.root)


# The explorer ------------------------------------------------------------------------------


def explorer_values():
    return st.fixed_dictionaries(
        {c.name: st.sampled_from(c.grid.tolist()) | st.floats(c.low, c.high) for c in CONTROLS}
        | {"position": st.sampled_from(POSITIONS)}
    )


@st.composite
def explorer_values_off(draw):
    values = draw(explorer_values())
    how = draw(st.sampled_from(["drop", "add", "low", "high", "junk", "position"]))
    name = draw(st.sampled_from(sorted(values)))
    if how == "drop":
        del values[name]
    elif how == "add":
        values["hip_tightness"] = 0.5
    elif how == "position":
        values["position"] = draw(st.sampled_from(["kneeling", "prone", "", 1, None]))
    elif name == "position":
        values[name] = draw(st.sampled_from([0, True, ["standing"]]))
    else:
        c = CONTROL_BY_NAME[name]
        values[name] = {
            "low": c.low - 10 * c.step,
            "high": c.high + 10 * c.step,
            "junk": draw(st.sampled_from([NAN, INF, "10", True, None, [1.0]])),
        }[how]
    return values


def assert_setting(values: dict) -> None:
    assert set(values) == set(CONTROL_BY_NAME) | {"position"}
    for c in CONTROLS:
        x = values[c.name]
        low, high, _ = RANGES[c.name]
        assert isinstance(x, float) and c.low <= x <= c.high and low <= x <= high, (c.name, x)
    assert values["position"] in POSITIONS and values["position"] in MODEL_POSITIONS


class ExplorerBrowser(Browser):
    name = "explorer"

    def make(self, data):
        self.checked = None
        w = KineticChainExplorer()
        self.grid_bytes = len(w.grid)
        return w

    def valid(self, w, key):
        if w is not self.root:
            return super().valid(w, key)
        if key == "focus":
            return st.sampled_from([c.name for c in CONTROLS])
        return explorer_values() | (st.just({}) if key == "pinned" else st.nothing())

    def off(self, w, key):
        if w is not self.root:
            return super().off(w, key)
        if key == "focus":  # the position menu, a near miss, a setting, nothing
            return st.sampled_from(["position", "load", "trunk_flexion", "", None, 3])
        return explorer_values_off()

    def check(self, w):
        assert_setting(w.values)
        if w.pinned:
            assert_setting(w.pinned)
        assert len(w.grid) == self.grid_bytes
        assert w.focus in CONTROL_BY_NAME
        # The slider the page reads has its band at the current setting.
        block = GRID.block(w.grid, w.values["position"], w.focus)
        assert np.isfinite(block).all(), w.focus
        setting = tuple(w.values.items())
        if setting != self.checked:  # the same setting gives the same pictures
            assert np.isfinite(float(w.result().compression_N))
            assert w.readout()
            assert w.to_svg().startswith("<svg")
            self.checked = setting


def test_explorer_refuses_what_its_sliders_cannot_send():
    run(ExplorerBrowser, "explorer")


# The pacer ---------------------------------------------------------------------------------


def valid_logs(phases):
    """Logs a page can send: records in order (times from the start, pauses left out,
    never past the plan's end), every pause but the last one ended, the end last."""
    starts, names = phases["time_s"].tolist(), phases["phase"].tolist()
    n, total = len(starts) - 1, starts[-1]

    def row(i, lag, boundary):
        at = min(max(round(starts[i] + lag, 4), 0), total)
        return shown_record(i, names[i], round(starts[i], 4), at, boundary)

    rows = st.builds(row, st.integers(0, n - 1), st.floats(-0.02, 0.05), st.booleans())

    @st.composite
    def log(draw):
        shown = sorted(draw(st.lists(rows, max_size=8)), key=lambda r: (r["index"], r["shown_s"]))
        at = sorted(draw(st.lists(st.floats(0, total), max_size=3)))
        durations = [draw(st.floats(0, 1e4)) for _ in at[:-1]]
        if at:
            durations.append(draw(st.none() | st.floats(0, 1e4)))
        pauses = [{"at_s": a, "duration_s": d} for a, d in zip(at, durations, strict=True)]
        last = max([r["shown_s"] for r in shown] + at, default=0.0)
        end = draw(
            st.none()
            | st.fixed_dictionaries(
                {"reason": st.sampled_from(END_REASONS), "at_s": st.floats(last, total)}
            )
        )
        return {
            "started_wall_ms": draw(st.floats(1.6e12, 1.9e12)),
            "total_s": total,
            "shown": shown,
            "pauses": pauses,
            "end": end,
        }

    return st.just({}) | log()


@st.composite
def logs_off(draw, phases):
    log = draw(valid_logs(phases).filter(bool))
    starts, names = phases["time_s"].tolist(), phases["phase"].tolist()
    n, total = len(starts) - 1, starts[-1]
    other = next(p for p in PHASES if p != names[0])
    good = shown_record(0, names[0], starts[0], 0.0)
    bad_rows = [
        {**good, "index": n},
        {**good, "phase": other},
        {**good, "planned_s": starts[0] + 1.0},
        {**good, "shown_s": NAN},
        {**good, "shown_s": total + 5.0},
        {**good, "boundary": 1},
        {key: value for key, value in good.items() if key != "boundary"},
        {**good, "note": "x"},
        [0, names[0], starts[0], 0.0, 1],
        "row",
    ]
    how = draw(
        st.sampled_from(
            ["row", "extra", "missing", "total", "end", "pause", "started", "order", "late"]
        )
    )
    if how == "row":
        log["shown"] = log["shown"] + [draw(st.sampled_from(bad_rows))]
    elif how == "extra":
        log["note"] = "hello"
    elif how == "missing":
        del log[draw(st.sampled_from(sorted(log)))]
    elif how == "total":
        log["total_s"] = total + 1.0
    elif how == "end":
        log["end"] = draw(st.sampled_from([{"reason": "done", "at_s": 0.0}, {"reason": "stopped"}]))
    elif how == "pause":
        log["pauses"] = draw(
            st.sampled_from(
                [
                    [{"at_s": NAN, "duration_s": None}],
                    # an open pause before another, a pause before an earlier one
                    [{"at_s": 0.0, "duration_s": None}, {"at_s": 0.0, "duration_s": None}],
                    [{"at_s": 1.0, "duration_s": 2.0}, {"at_s": 0.5, "duration_s": 2.0}],
                    # a pause past the plan's end
                    [{"at_s": total + 1e6, "duration_s": 1e9}],
                ]
            )
        )
    elif how == "order":
        # a later phase, then an earlier one
        last = shown_record(n - 1, names[n - 1], starts[n - 1], starts[n - 1])
        log["shown"] = [last, good]
    elif how == "late":
        # an end past the plan's, or before a phase it showed
        log["shown"] = [{**good, "shown_s": 0.5}]
        log["end"] = draw(
            st.sampled_from(
                [{"reason": "stopped", "at_s": 1e9}, {"reason": "stopped", "at_s": 0.0}]
            )
        )
    else:
        log["started_wall_ms"] = -1.0
    return log


class PacerBrowser(Browser):
    name = "pacer"

    def make(self, data):
        session = data.draw(
            st.sampled_from(["resonance", "box", "ramp", "movement"]), label="session"
        )
        if session == "ramp":
            w = BreathPacer(Session([LEHRER_RESONANCE_FINDING]))
        elif session == "movement":
            w = BreathPacer("resonance", minutes=2, movement="pelvic_tilt")
        else:
            w = BreathPacer(session, minutes=2)
        self.plan = pacer_plan(w.session)
        return w

    def valid(self, w, key):
        if w is not self.root:
            return super().valid(w, key)
        return valid_logs(w._phases) if key == "log" else st.booleans()

    def off(self, w, key):
        if w is not self.root:
            return super().off(w, key)
        if key == "log":
            return logs_off(w._phases)
        return st.sampled_from([0, 1, "true", "false"])

    def check(self, w):
        assert w.plan == self.plan
        assert check_log(w.log, w._phases) == w.log
        lags = w.lags_s()
        assert lags.dtype == float and np.isfinite(lags).all()
        assert w.to_svg().startswith("<svg")
        assert all(isinstance(getattr(w, k), bool) for k in ("sound", "tick", "eyes_closed"))


def test_pacer_refuses_plans_and_broken_logs_from_the_browser():
    run(PacerBrowser, "pacer")


# The demos, the screen, the exercises and the plan builder ---------------------------------------


@pytest.fixture
def no_pictures(monkeypatch):
    """The demos' PNGs stubbed out (0.1-0.9 s each); their numbers stay real."""
    monkeypatch.setattr(body_map, "_draw", lambda numbers: None)
    monkeypatch.setattr(body_map, "png", lambda fig, dpi: b"png")
    monkeypatch.setattr(evidence_views, "_draw_single", lambda result: None)
    monkeypatch.setattr(evidence_views, "_draw_trial", lambda result: None)
    monkeypatch.setattr(evidence_views, "png", lambda fig, dpi: b"png")


def check_sliders(*sliders) -> None:
    for s in sliders:
        assert math.isfinite(s.value) and s.min <= s.value <= s.max, (s.description, s.value)


class PositionSenseBrowser(Browser):
    name = "position_sense"

    def make(self, data):
        return body_map.PositionSenseDemo()

    def check(self, d):
        check_sliders(d.speed, d.repetitions, d.attention)
        n = d.numbers  # the numbers shown are those of the sliders: never stale
        assert (n["speed_deg_per_s"], n["repetitions"], n["attention"]) == (
            d.speed.value,
            d.repetitions.value,
            d.attention.value,
        )
        assert d.summary.value == body_map.summary_html(n)


def test_position_sense_demo_refuses_bad_slider_values(no_pictures):
    run(PositionSenseBrowser, "position_sense")


class StudyDesignBrowser(Browser):
    name = "study_design"

    def make(self, data):
        return evidence_views.StudyDesignDemo()

    def check(self, d):
        check_sliders(d.effect)
        assert d.numbers["specific_effect"] == d.effect.value
        assert d.summary.value == evidence_views.study_summary_html(d.numbers)


def test_study_design_demo_refuses_bad_slider_values(no_pictures):
    run(StudyDesignBrowser, "study_design")


class SafetyBrowser(Browser):
    name = "safety"

    def make(self, data):
        return SafetyScreen()

    def check(self, s):
        assert all(isinstance(v, bool) for v in s.answers().values())
        assert isinstance(s.run(), ScreenResult)


def test_safety_screen_takes_only_ticks():
    run(SafetyBrowser, "safety")


def make_exercise(kind: str) -> Exercise:
    def anything(value):
        return True, f"got {value!r}"

    if kind == "choice":
        return MultipleChoice("Pick", [Choice("a"), Choice("b", correct=True), Choice("c")])
    if kind == "number":
        return NumberExercise("How many?", 2.5, 0.1, "°")
    if kind == "int":
        return Exercise("An int", anything, answer=widgets.IntText(value=3))
    if kind == "bounded":
        return Exercise("0-10", anything, answer=widgets.BoundedFloatText(min=0, max=10))
    return Exercise("Text", anything, hint="h", solution_text="s")


ANSWER_TYPES = {
    widgets.RadioButtons: (str, type(None)),
    widgets.FloatText: float,
    widgets.BoundedFloatText: float,
    widgets.IntText: int,
    widgets.Text: str,
}


class ExerciseBrowser(Browser):
    name = "exercise"

    def make(self, data):
        kind = data.draw(st.sampled_from(["choice", "number", "int", "bounded", "text"]))
        return make_exercise(kind)

    def check(self, ex):
        a = ex.answer
        expected = next(t for cls, t in ANSWER_TYPES.items() if isinstance(a, cls))
        assert isinstance(a.value, expected)
        if isinstance(a.value, float):
            assert math.isfinite(a.value)
        ok, text = ex.submit()
        assert isinstance(ok, bool) and isinstance(text, str)


def test_exercises_take_only_answers_of_their_type():
    run(ExerciseBrowser, "exercise")


class PracticeBrowser(Browser):
    name = "practice"

    def make(self, data):
        return PracticePlanBuilder()

    def check(self, b):
        assert b.breathing.value in PRESETS
        check_sliders(b.minutes, b.days)
        assert all(isinstance(box.value, bool) for box in b.movement_boxes.values())
        for text in (b.own_rule, b.notes, b.filename):
            assert isinstance(text.value, str) and len(text.value) <= MAX_TEXT_CHARS
        try:
            b.plan()
        except (TypeError, ValueError):
            pass  # the plan's own limits (e.g. note length): shown when saving


def test_practice_plan_builder_takes_only_control_values():
    run(PracticeBrowser, "practice")
