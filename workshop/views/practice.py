"""The personal practice plan builder (from ``workshop.practice_plan`` and ``workshop.breath``).

``PracticePlanBuilder()`` lets a learner choose a breathing preset, movements
(each shown with its caution), minutes a day and days a week, add their own
stop rules and notes, and save the plan to a file they name (JSON, with a
Markdown twin beside it, each written atomically). The kit's stop rules are
always part of the plan and cannot be unticked.
"""

from __future__ import annotations

import html
import tempfile
from pathlib import Path

import ipywidgets as widgets
from IPython.display import HTML

from ..breath import PRESETS
from ..practice_plan import (
    DAYS_RANGE,
    DEFAULT_FILENAME,
    MINUTES_RANGE,
    MOVEMENTS,
    STOP_RULES,
    PracticePlan,
    load_plan,
    save_plan,
)
from .breath_plots import movements_table as breath_movements_table
from .exercises import MultipleChoice, style_widget
from .palette import OKABE_ITO


def stop_rules_html(extra: tuple[str, ...] = ()) -> str:
    items = "".join(f"<li>{html.escape(r)}</li>" for r in STOP_RULES + tuple(extra))
    return (
        f'<div class="workshop-stop-rules" style="border-left:6px solid {OKABE_ITO["vermillion"]};'
        f'padding:2px 10px"><b>When to stop and seek care (always part of the plan)</b>'
        f"<ul>{items}</ul></div>"
    )


def stop_rules() -> HTML:
    """The stop-and-seek-care rules every plan carries."""
    return HTML(stop_rules_html())


def movements_table() -> HTML:
    """The movements a plan can hold: cues, cautions, and how the model sees them."""
    return breath_movements_table(keys=list(MOVEMENTS))


def _preset_html(key: str) -> str:
    p = PRESETS[key]
    pat = p.pattern
    return (
        f"<p><b>{html.escape(p.name)}</b>: in {pat.inhale:g} s, hold {pat.hold_in:g} s, "
        f"out {pat.exhale:g} s, hold {pat.hold_out:g} s "
        f"({pat.breaths_per_minute:.1f} breaths a minute).<br>"
        f"<i>Evidence:</i> {html.escape(p.evidence)}<br>"
        f"<i>Caution:</i> {html.escape(p.caution)}</p>"
    )


def breathing_table() -> HTML:
    """The breathing presets a plan can use, each with its evidence and caution."""
    rows = []
    for key, p in PRESETS.items():
        pat = p.pattern
        rows.append(
            f"<tr><td><b>{html.escape(p.name)}</b> (<code>{key}</code>)</td>"
            f"<td>{pat.inhale:g}–{pat.hold_in:g}–{pat.exhale:g}–{pat.hold_out:g} s, "
            f"{pat.breaths_per_minute:.1f}/min</td>"
            f"<td>{html.escape(p.evidence)}</td><td>{html.escape(p.caution)}</td></tr>"
        )
    head = "<tr><th>preset</th><th>in–hold–out–hold</th><th>evidence</th><th>caution</th></tr>"
    return HTML(f'<table class="workshop-breathing">{head}{"".join(rows)}</table>')


class PracticePlanBuilder(widgets.VBox):
    """Choose a practice and save it as a plan you can keep.

    ``plan()`` returns the :class:`PracticePlan` the controls describe (raising
    with the field's name if a value is not allowed); ``save()`` does what the
    *Save* button does and returns the paths written (or None, with the reason
    shown in ``status``).
    """

    def __init__(self, filename: str = DEFAULT_FILENAME, directory=None):
        style = {"description_width": "initial"}
        self.directory = Path(directory) if directory is not None else None
        self.breathing = widgets.Dropdown(
            options=[(p.name, key) for key, p in PRESETS.items()],
            value="resonance",
            description="Breathing",
            style=style,
            layout={"width": "520px"},
        )
        self.breathing_info = widgets.HTML(_preset_html(self.breathing.value))
        self.breathing.observe(
            lambda ch: setattr(self.breathing_info, "value", _preset_html(ch["new"])), names="value"
        )
        self.movement_boxes: dict[str, widgets.Checkbox] = {}
        movement_rows = []
        for key, m in MOVEMENTS.items():
            box = widgets.Checkbox(value=key == "pelvic_tilt", description=m.name, indent=False)
            self.movement_boxes[key] = box
            caution = widgets.HTML(
                f'<small style="display:block;margin:0 0 6px 24px"><i>Caution:</i> '
                f"{html.escape(m.caution)}</small>"
            )
            movement_rows += [box, caution]
        self.minutes = widgets.IntSlider(
            value=10,
            min=MINUTES_RANGE[0],
            max=MINUTES_RANGE[1],
            description="Minutes a day",
            style=style,
        )
        self.days = widgets.IntSlider(
            value=5, min=DAYS_RANGE[0], max=DAYS_RANGE[1], description="Days a week", style=style
        )
        self.own_rule = widgets.Textarea(
            placeholder="Your own stop rule, one per line (optional)",
            description="My stop rules",
            style=style,
            layout={"width": "520px"},
        )
        self.notes = widgets.Textarea(
            placeholder="Notes (optional)",
            description="Notes",
            style=style,
            layout={"width": "520px"},
        )
        self.filename = widgets.Text(value=filename, description="Save as", style=style)
        self.save_button = widgets.Button(
            description="Save my plan", button_style="primary", layout={"width": "auto"}
        )
        self.status = widgets.HTML("")
        self.preview = widgets.HTML("")
        self.save_button.on_click(lambda _: self.save())
        super().__init__(
            [
                style_widget(),
                widgets.HTML("<h4>1 · Breathing</h4>"),
                self.breathing,
                self.breathing_info,
                widgets.HTML("<h4>2 · Movements</h4>"),
                *movement_rows,
                widgets.HTML("<h4>3 · How much</h4>"),
                self.minutes,
                self.days,
                widgets.HTML("<h4>4 · When to stop</h4>"),
                widgets.HTML(stop_rules_html()),
                self.own_rule,
                self.notes,
                widgets.HTML("<h4>5 · Save</h4>"),
                widgets.HBox([self.filename, self.save_button]),
                self.status,
                self.preview,
            ]
        )
        self.add_class("workshop-practice-builder")
        self.add_class("workshop-widget")

    def plan(self) -> PracticePlan:
        """The plan the controls describe (validated)."""
        return PracticePlan(
            breathing=self.breathing.value,
            movements=tuple(k for k, box in self.movement_boxes.items() if box.value),
            minutes_per_day=self.minutes.value,
            days_per_week=self.days.value,
            own_stop_rules=tuple(self.own_rule.value.splitlines()),
            notes=self.notes.value,
        )

    def target(self) -> Path:
        """Where *Save* writes: the file name typed, in ``directory`` if one was given."""
        text = self.filename.value.strip()
        if not text:
            raise ValueError("Save as: type a file name, for example my_practice_plan.json")
        name = Path(text).expanduser()
        if self.directory is not None and not name.is_absolute():
            return self.directory / name
        return name

    def save(self) -> tuple[Path, Path] | None:
        """Save the plan to the named file (and its .md twin); show where, or why not."""
        try:
            paths = save_plan(self.plan(), self.target())
        except (OSError, TypeError, ValueError) as exc:
            self.status.value = (
                f'<p style="border-left:4px solid {OKABE_ITO["vermillion"]};padding-left:6px">'
                f"<b>Not saved.</b> {html.escape(str(exc))}</p>"
            )
            return None
        json_path, md_path = paths
        self.status.value = (
            f'<p style="border-left:4px solid {OKABE_ITO["bluish_green"]};padding-left:6px">'
            f"<b>Saved.</b> {html.escape(str(json_path))} and a readable copy "
            f"{html.escape(md_path.name)}.</p>"
        )
        self.preview.value = f"<details><summary>Your plan</summary><pre>{html.escape(md_path.read_text(encoding='utf-8'))}</pre></details>"
        return paths

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        data["text/plain"] = "PracticePlanBuilder: breathing, movements, dose, stop rules, save"
        data["text/html"] = (
            "<p><i>The plan builder appears when this notebook runs.</i></p>" + stop_rules_html()
        )
        return bundle


def example_plan() -> PracticePlan:
    """A plan to show how a saved plan looks (an example, not a recommendation)."""
    return PracticePlan(
        breathing="resonance",
        movements=("pelvic_tilt", "cat_cow", "bridge"),
        minutes_per_day=10,
        days_per_week=5,
        own_stop_rules=("If my knee aches in the bridge, I leave the bridge out.",),
        notes="Morning, before breakfast.",
    )


def save_and_reload_demo(plan: PracticePlan | None = None) -> HTML:
    """Save a plan in a throwaway folder under the system's temp dir, load it back, show it.

    Nothing is left behind: the folder is removed afterwards. Shows whether the
    reloaded plan equals the saved one, and the Markdown twin.
    """
    plan = example_plan() if plan is None else plan
    with tempfile.TemporaryDirectory(prefix="workshop-plan-") as folder:
        json_path, md_path = save_plan(plan, Path(folder) / DEFAULT_FILENAME)
        same = load_plan(json_path) == plan
        markdown = md_path.read_text(encoding="utf-8")
        files = f"{json_path.name} and {md_path.name}"
    verdict = "identical to the plan saved" if same else "DIFFERENT from the plan saved"
    return HTML(
        f"<p>Saved <code>{html.escape(files)}</code> in a temporary folder, then loaded "
        f"the JSON back: <b>{verdict}</b>. The readable copy:</p>"
        f'<pre class="workshop-plan-md">{html.escape(markdown)}</pre>'
    )


def practice_exercise() -> MultipleChoice:
    """Notebook 07's self-check: what the plan says when a movement brings leg symptoms."""
    right = "Stop that movement; see a clinician if it keeps happening."
    return MultipleChoice(
        "During a bridge you feel tingling spreading down one leg. What does every plan say?",
        [
            "Push through it: it will ease as you get stronger.",
            right,
            "Switch to a faster breathing pattern.",
        ],
        right,
        explanations={
            "Push through it: it will ease as you get stronger.": (
                "No: pain or tingling spreading down a leg is a reason to stop the movement."
            ),
            right: "Yes: it is one of the stop rules that every plan carries.",
            "Switch to a faster breathing pattern.": (
                "No: breathing does not change what the leg is telling you. Stop the movement."
            ),
        },
        hint="Read the box <i>When to stop and seek care</i>.",
        solution_text=(
            "Stop the movement, and see a clinician if it keeps happening. If it comes with "
            "new numbness around the bottom or genitals, trouble passing urine or stool, or a "
            "leg getting weaker, get medical help today (NICE NG59; Finucane et al. 2020)."
        ),
    )
