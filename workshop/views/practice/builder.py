"""The personal practice plan builder (from ``workshop.practice`` and ``workshop.breath``).

``PracticePlanBuilder()`` lets a learner choose a breathing preset, movements
(each shown with its caution), minutes a day and days a week, add their own
stop rules and notes, and save the plan under a name they type
(``NAME.plan.json`` with a readable ``NAME.plan.md`` beside it, in the chosen
folder only; see ``workshop.practice.save_plan``). The kit's stop rules
are always part of the plan and cannot be unticked.
"""

from __future__ import annotations

import html
import tempfile
from pathlib import Path

import ipywidgets as widgets
from IPython.display import HTML

from ...breath import PRESETS
from ...movement import FLOOR_MOVEMENTS
from ...practice.plan import (
    DAYS_RANGE,
    DEFAULT_NAME,
    MINUTES_RANGE,
    STOP_RULES,
    FileOutcome,
    PlanSaveError,
    PracticePlan,
    SaveResult,
    load_plan,
    plan_paths,
    save_plan,
)
from ..common.exercises import Choice, MultipleChoice, style_widget
from ..common.html import markup, table
from ..common.palette import OKABE_ITO
from ..common.trust import TrustBoundary, trust_tree
from ..common.twin import StaticTwin


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
            (
                markup(f"<b>{html.escape(p.name)}</b> (<code>{html.escape(key)}</code>)"),
                f"{pat.inhale:g}–{pat.hold_in:g}–{pat.exhale:g}–{pat.hold_out:g} s, "
                f"{pat.breaths_per_minute:.1f}/min",
                p.evidence,
                p.caution,
            )
        )
    head = ("preset", "in–hold–out–hold", "evidence", "caution")
    return HTML(table(head, rows, cls="workshop-breathing", numeric=(1,)))


class PracticePlanBuilder(StaticTwin, TrustBoundary, widgets.VBox):
    """Choose a practice and save it as a plan you can keep.

    ``plan()`` returns the :class:`PracticePlan` the controls describe (raising
    with the field's name if a value is not allowed); ``save()`` does what the
    *Save* button does: it saves the plan named in *Save as* in ``directory``
    (default: the folder the notebook runs in) and returns the
    :class:`~workshop.practice.SaveResult`, or None if either file was not
    saved. ``status`` shows each file's full path and what happened to it.
    """

    def __init__(self, filename: str = DEFAULT_NAME, directory=None):
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
        for key, m in FLOOR_MOVEMENTS.items():
            box = widgets.Checkbox(value=key == "pelvic_tilt", description=m.name, indent=False)
            self.movement_boxes[key] = box
            caution = widgets.HTML(
                f'<small style="display:block;margin:0 0 6px 24px"><i>Caution:</i> '
                f"{html.escape(m.caution)}</small>"
            )
            movement_rows += [box, caution]
        self.minutes = widgets.IntSlider(
            value=10,
            min=MINUTES_RANGE.low,
            max=MINUTES_RANGE.high,
            description="Minutes a day",
            style=style,
        )
        self.days = widgets.IntSlider(
            value=5, min=DAYS_RANGE.low, max=DAYS_RANGE.high, description="Days a week", style=style
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
        # The browser may set each control's value (checked: trust.py), nothing else.
        trust_tree(self)

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

    def folder(self) -> Path | str:
        """The folder *Save* writes in: ``directory``, else the current folder."""
        return self.directory if self.directory is not None else "."

    def target(self) -> tuple[Path, Path]:
        """The two files *Save* writes (the name typed, checked against the plan-name rule)."""
        return plan_paths(self.filename.value, self.folder())

    def save(self) -> SaveResult | None:
        """Save the plan under the name typed; show each file's full path and outcome."""
        try:
            plan = self.plan()
            result = save_plan(plan, self.filename.value, self.folder())
        except PlanSaveError as exc:
            # Something was tried: say exactly which file holds what.
            self.status.value = _outcome_html(exc.result)
            return None
        except (OSError, TypeError, ValueError) as exc:
            # Refused before anything was written: no file changed.
            self.status.value = _status_box(
                "vermillion",
                f"<b>Not saved.</b> {html.escape(str(exc).rstrip('.'))}. Nothing was written.",
            )
            return None
        self.status.value = _outcome_html(result)
        self.preview.value = (
            f"<details><summary>Your plan</summary><pre>{html.escape(plan.to_markdown())}"
            "</pre></details>"
        )
        return result

    def static_text(self) -> str:
        return "PracticePlanBuilder: breathing, movements, dose, stop rules, save"

    def static_html(self) -> str:
        return "<p><i>The plan builder appears when this notebook runs.</i></p>" + stop_rules_html()


def _status_box(colour: str, body: str) -> str:
    return f'<div style="border-left:4px solid {OKABE_ITO[colour]};padding-left:6px">{body}</div>'


def _file_html(outcome: FileOutcome, what: str) -> str:
    path = f"<code>{html.escape(str(outcome.path))}</code>"
    if not outcome.saved:
        return (
            f"<li>{what} {path}: <b>not saved</b> ({html.escape(outcome.error)}); "
            "the file is left as it was.</li>"
        )
    if not outcome.changed:
        return f"<li>{what} {path}: saved (it already held this plan).</li>"
    if outcome.backup is not None:
        backup = html.escape(str(outcome.backup))
        return (
            f"<li>{what} {path}: saved; the previous version is kept as <code>{backup}</code>.</li>"
        )
    return f"<li>{what} {path}: saved.</li>"


def _outcome_html(result: SaveResult) -> str:
    """The status after a save was tried: a headline, then each file's full path and outcome."""
    if result.saved:
        colour, headline = "bluish_green", "Saved."
    elif result.json_file.saved:
        colour, headline = "orange", "Partly saved: the plan is saved, its readable copy is not."
    else:
        colour, headline = "vermillion", "Not saved."
    items = _file_html(result.json_file, "Plan") + _file_html(result.markdown_file, "Readable copy")
    if result.removed_temp_files:
        items += (
            f"<li>Removed {len(result.removed_temp_files)} temporary file(s) left by an "
            "interrupted save.</li>"
        )
    return _status_box(colour, f"<b>{headline}</b><ul>{items}</ul>")


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
        json_path, md_path = save_plan(plan, DEFAULT_NAME, folder).paths
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
    return MultipleChoice(
        "During a bridge you feel tingling spreading down one leg. What does every plan say?",
        [
            Choice(
                "Push through it: it will ease as you get stronger.",
                explanation=(
                    "No: pain or tingling spreading down a leg is a reason to stop the movement."
                ),
            ),
            Choice(
                "Stop that movement; see a clinician if it keeps happening.",
                correct=True,
                explanation="Yes: it is one of the stop rules that every plan carries.",
            ),
            Choice(
                "Switch to a faster breathing pattern.",
                explanation=(
                    "No: breathing does not change what the leg is telling you. Stop the movement."
                ),
            ),
        ],
        hint="Read the box <i>When to stop and seek care</i>.",
        solution_text=(
            "Stop the movement, and see a clinician if it keeps happening. If it comes with "
            "new numbness around the bottom or genitals, trouble passing urine or stool, or a "
            "leg getting weaker, get medical help today (NICE NG59; Finucane et al. 2020)."
        ),
    )
