"""A personal practice plan as data: movements, a breathing preset, a dose, and stop rules.

No widgets here (``workshop.views.practice`` draws the builder). A plan is
validated when it is made and when it is loaded; every error names the field.
``save_plan`` writes JSON and a readable Markdown twin, each atomically (a
temporary file, then ``os.replace``): a failed save never leaves half a file
and never damages the plan saved before.

The plan is the learner's own record. It is not a prescription: the kit gives
no treatment advice, and the stop rules are always part of every plan.

Sources for the cautions:

* MSD Manual Professional Version, Lumbar spinal stenosis (2024): symptoms on
  walking or standing, relieved by flexing the back or sitting.
* Sinaki M, Mikkelsen BA. Postmenopausal spinal osteoporosis: flexion versus
  extension exercises. Arch Phys Med Rehabil 1984;65(10):593-6.
* NICE guideline NG59, Low back pain and sciatica in over 16s (2016, updated
  2020); Finucane LM et al. J Orthop Sports Phys Ther 2020;50(7):350-72 (red flags).
"""

from __future__ import annotations

import json
import numbers
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .breath import PRESETS
from .movement import MOVEMENTS as ALL_MOVEMENTS
from .movement import Movement

FORMAT = "workshop-practice-plan/1"
MINUTES_RANGE = (1, 60)
DAYS_RANGE = (1, 7)
MAX_TEXT = 2000  # characters in a note or an own stop rule
DEFAULT_FILENAME = "my_practice_plan.json"


#: The movements a plan can hold: the floor movements of ``workshop.movement``, with
#: their cues and cautions (one source for the pacer and the plan).
MOVEMENTS: dict[str, Movement] = {k: m for k, m in ALL_MOVEMENTS.items() if m.floor}

#: Stop-and-seek-care rules: part of every plan, whatever the learner chooses.
STOP_RULES: tuple[str, ...] = (
    "Stop and get medical help today if you notice new numbness around your bottom or "
    "genitals, new trouble passing urine or stool, a leg getting weaker, or back pain with "
    "fever or feeling very unwell (red flags: NICE NG59; Finucane et al. 2020).",
    "Stop a movement that brings sharp or shooting pain, or pain, numbness or tingling "
    "spreading down a leg; see a clinician if it keeps happening.",
    "Stop the breathing practice and breathe normally if you feel dizzy, light-headed or "
    "short of breath.",
    "Stop and seek help at once for chest pain, or if you feel faint.",
    "If your pain is getting worse from week to week, pause the practice and see a clinician.",
)


def _check_int(name: str, value, low: int, high: int) -> int:
    allowed = f"{name} must be a whole number from {low} to {high}"
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        else:
            raise TypeError(f"{allowed}; got {value!r} of type {type(value).__name__}")
    value = int(value)
    if not low <= value <= high:
        raise ValueError(f"{allowed}; got {value}")
    return value


def _as_tuple(value):
    """JSON lists become tuples; anything else passes through to be refused by the plan."""
    return tuple(value) if isinstance(value, list) else value


def _check_text(name: str, value) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be text; got {type(value).__name__}")
    if len(value) > MAX_TEXT:
        raise ValueError(f"{name} must be at most {MAX_TEXT} characters; got {len(value)}")
    return value


@dataclass(frozen=True)
class PracticePlan:
    """A learner's practice plan. Validated on creation; errors name the field.

    breathing        key of ``workshop.breath.PRESETS``
    movements        keys of ``MOVEMENTS`` (none to all four; no repeats)
    minutes_per_day  1 to 60
    days_per_week    1 to 7
    own_stop_rules   the learner's own extra stop rules (the kit's ``STOP_RULES``
                     are always included on top; see ``stop_rules``)
    notes            free text
    """

    breathing: str = "resonance"
    movements: tuple[str, ...] = ("pelvic_tilt",)
    minutes_per_day: int = 10
    days_per_week: int = 5
    own_stop_rules: tuple[str, ...] = ()
    notes: str = ""
    stop_rules: tuple[str, ...] = field(default=STOP_RULES, init=False)

    def __post_init__(self):
        if not isinstance(self.breathing, str) or self.breathing not in PRESETS:
            raise ValueError(f"breathing must be one of {sorted(PRESETS)}; got {self.breathing!r}")
        if isinstance(self.movements, str) or not isinstance(self.movements, list | tuple):
            raise TypeError(
                f"movements must be a list of movement keys; got {type(self.movements).__name__}"
            )
        unknown = [m for m in self.movements if m not in MOVEMENTS]
        if unknown:
            raise ValueError(
                f"movements has unknown keys {unknown}; known movements are {sorted(MOVEMENTS)}"
            )
        if len(set(self.movements)) != len(self.movements):
            raise ValueError(f"movements must not repeat a movement; got {list(self.movements)}")
        object.__setattr__(self, "movements", tuple(self.movements))
        object.__setattr__(
            self,
            "minutes_per_day",
            _check_int("minutes_per_day", self.minutes_per_day, *MINUTES_RANGE),
        )
        object.__setattr__(
            self, "days_per_week", _check_int("days_per_week", self.days_per_week, *DAYS_RANGE)
        )
        rules = self.own_stop_rules
        if isinstance(rules, str) or not isinstance(rules, list | tuple):
            raise TypeError(f"own_stop_rules must be a list of text; got {type(rules).__name__}")
        rules = tuple(_check_text("own_stop_rules", r).strip() for r in rules)
        object.__setattr__(self, "own_stop_rules", tuple(r for r in rules if r))
        _check_text("notes", self.notes)
        object.__setattr__(self, "stop_rules", STOP_RULES)

    @property
    def all_stop_rules(self) -> tuple[str, ...]:
        """The kit's stop rules, then the learner's own."""
        return self.stop_rules + self.own_stop_rules

    def to_dict(self) -> dict:
        return {
            "format": FORMAT,
            "breathing": self.breathing,
            "movements": list(self.movements),
            "minutes_per_day": self.minutes_per_day,
            "days_per_week": self.days_per_week,
            "stop_rules": list(self.stop_rules),
            "own_stop_rules": list(self.own_stop_rules),
            "notes": self.notes,
        }

    @classmethod
    def from_dict(cls, data) -> PracticePlan:
        """A plan from ``to_dict()`` output; refuses unknown or missing fields."""
        if not isinstance(data, dict):
            raise TypeError(f"a plan must be a JSON object; got {type(data).__name__}")
        if data.get("format") != FORMAT:
            raise ValueError(f"format must be {FORMAT!r}; got {data.get('format')!r}")
        known = {"format", "breathing", "movements", "minutes_per_day", "days_per_week"}
        known |= {"stop_rules", "own_stop_rules", "notes"}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(f"unknown fields {unknown}; a plan has {sorted(known)}")
        missing = sorted({"breathing", "movements", "minutes_per_day", "days_per_week"} - set(data))
        if missing:
            raise ValueError(f"missing fields {missing}")
        stop = data.get("stop_rules", [])
        if not isinstance(stop, list) or not all(isinstance(r, str) for r in stop):
            raise TypeError("stop_rules must be a list of text")
        # The kit's stop rules are part of every plan: a loaded plan carries the
        # current ones whatever the file held.
        return cls(
            breathing=data["breathing"],
            movements=_as_tuple(data["movements"]),
            minutes_per_day=data["minutes_per_day"],
            days_per_week=data["days_per_week"],
            own_stop_rules=_as_tuple(data.get("own_stop_rules", [])),
            notes=data.get("notes", ""),
        )

    def to_markdown(self) -> str:
        """The plan as a readable page (the Markdown twin of the JSON file)."""
        preset = PRESETS[self.breathing]
        p = preset.pattern
        lines = [
            "# My practice plan",
            "",
            f"**{self.minutes_per_day} minutes a day, {self.days_per_week} days a week.**",
            "",
            "## Breathing",
            "",
            f"**{preset.name}**: in {p.inhale:g} s, hold {p.hold_in:g} s, out {p.exhale:g} s, "
            f"hold {p.hold_out:g} s ({p.breaths_per_minute:.1f} breaths a minute).",
            "",
            f"- Evidence: {preset.evidence}",
            f"- Caution: {preset.caution}",
            "",
            "## Movements",
            "",
        ]
        if not self.movements:
            lines += ["(none chosen)", ""]
        for key in self.movements:
            m = MOVEMENTS[key]
            lines += [f"### {m.name}", "", m.cue, "", f"*Caution:* {m.caution}", ""]
        lines += ["## When to stop and seek care", ""]
        lines += [f"- {rule}" for rule in self.all_stop_rules]
        if self.notes.strip():
            lines += ["", "## Notes", "", self.notes.strip()]
        lines += [
            "",
            "---",
            "",
            "This plan is your own record, made with the Mindful Movement Workshop kit. "
            "The kit teaches; it does not diagnose and gives no treatment advice.",
            "",
        ]
        return "\n".join(lines)


def _write_atomically(path: Path, write) -> None:
    """Call ``write(fh)`` on a temporary file beside ``path``, then rename it over ``path``.

    If ``write`` raises, the temporary file is removed and ``path`` is untouched.
    """
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def plan_paths(path) -> tuple[Path, Path]:
    """The JSON path (``.json`` added if missing) and its Markdown twin (``.md``)."""
    if not isinstance(path, str | os.PathLike):
        raise TypeError(f"path must be a file name; got {type(path).__name__}")
    p = Path(path).expanduser()
    if str(path).strip() == "" or not p.name or p.name in {".", ".."} or p.is_dir():
        raise ValueError(f"path must name a file, not a folder; got {str(path)!r}")
    if p.suffix.lower() != ".json":
        p = p.with_name(p.name + ".json")
    return p, p.with_suffix(".md")


def save_plan(plan: PracticePlan, path=DEFAULT_FILENAME) -> tuple[Path, Path]:
    """Write ``plan`` as JSON to ``path`` and as Markdown beside it; return both paths.

    Each file is written atomically. The folder must exist.
    """
    if not isinstance(plan, PracticePlan):
        raise TypeError(f"plan must be a PracticePlan; got {type(plan).__name__}")
    json_path, md_path = plan_paths(path)
    if not json_path.parent.is_dir():
        raise FileNotFoundError(f"path: the folder {str(json_path.parent)!r} does not exist")
    data = plan.to_dict()

    def write_json(fh):
        json.dump(data, fh, indent=2, ensure_ascii=False)
        fh.write("\n")

    _write_atomically(json_path, write_json)
    _write_atomically(md_path, lambda fh: fh.write(plan.to_markdown()))
    return json_path, md_path


def load_plan(path) -> PracticePlan:
    """Read and validate a plan saved by :func:`save_plan`."""
    json_path = Path(path).expanduser()
    try:
        data = json.loads(json_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{json_path} is not a valid plan file (bad JSON: {exc})") from None
    return PracticePlan.from_dict(data)
