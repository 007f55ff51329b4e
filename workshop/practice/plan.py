"""A personal practice plan as data: movements, a breathing preset, a dose, and stop rules.

No widgets here (``workshop.views.practice`` draws the builder). A plan is
validated when it is made and when it is loaded; every error names the field.

Plan files (see ``save_plan`` and ``load_plan``). The learner names a plan and
chooses a folder; the kit writes ``NAME.plan.json`` and a readable
``NAME.plan.md`` in that folder and nowhere else:

* the name is checked against one rule (``check_plan_name``), so it cannot
  leave the folder or be too long for the file system;
* the kit replaces only files it wrote itself (the JSON's ``format`` field,
  the Markdown's first-line marker), never a symbolic link or another file;
* the previous version is kept as ``NAME.plan.json.bak`` / ``NAME.plan.md.bak``;
* each write is atomic (a temporary file in the same folder, fsync,
  ``os.replace``), keeps the permissions of the file it replaces (new plans are
  private, 0600: notes may hold health information), and temporary files left
  by an interrupted save are removed by the next save;
* loading reads at most ``MAX_FILE_BYTES`` from a regular file only (never
  blocks on a named pipe), refuses nesting deeper than ``MAX_DEPTH``, and
  refuses text that could not be saved again as UTF-8.

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
import os
import re
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

try:  # POSIX only: without it (Windows) saves in one folder are not serialised
    import fcntl
except ImportError:  # pragma: no cover - exercised on Windows only
    fcntl = None

from ..breath import PRESETS
from ..checks import Range
from ..files import write_atomically
from ..movement.movements import FLOOR_MOVEMENTS

FORMAT = "workshop-practice-plan/1"
MINUTES_RANGE = Range(1, 60, "minutes")
DAYS_RANGE = Range(1, 7, "days")
MAX_TEXT = 2000  # characters in a note or an own stop rule
MAX_OWN_RULES = 20  # the learner's own stop rules; keeps every plan file far below MAX_FILE_BYTES

#: Plan names: 1 to NAME_MAX characters, letters and digits of any script plus
#: NAME_PUNCTUATION, starting and ending with a letter or digit. 50 characters
#: of up to 4 UTF-8 bytes each plus ``.plan.json.bak`` stay under the usual
#: 255-byte file-name limit.
NAME_MAX = 50
NAME_PUNCTUATION = " -_"
JSON_SUFFIX = ".plan.json"
MD_SUFFIX = ".plan.md"
BACKUP_SUFFIX = ".bak"
DEFAULT_NAME = "my_practice_plan"
DEFAULT_FILENAME = DEFAULT_NAME + JSON_SUFFIX

MAX_FILE_BYTES = 1_000_000  # largest plan file read or written (the largest plan is ~0.25 MB)
MAX_DEPTH = 8  # JSON nesting a plan file may have (a plan needs 2)
MAX_DIGITS = 15  # digits in a number in a plan file
NEW_FILE_MODE = 0o600  # a new plan is private: its notes may hold health information
LOCK_WAIT_S = 10.0  # how long a save waits for another save in the same folder

#: First line of every Markdown twin: the kit replaces a ``.plan.md`` only if it
#: starts with this (an HTML comment, invisible when the Markdown is rendered).
MD_MARKER = (
    f"<!-- {FORMAT}: written by the Mindful Movement Workshop kit; saving the plan again "
    "replaces this file and keeps the previous one as .bak -->"
)
_MD_MARKER_PREFIX = f"<!-- {FORMAT.split('/')[0]}/"

#: Temporary files: short (they never contain the plan's name, so any name that
#: fits fits them too) and recognisable, so a later save can remove exactly these.
TEMP_PREFIX = ".workshop-plan-"
TEMP_SUFFIX = ".tmp"
_TEMP_NAME = re.compile(re.escape(TEMP_PREFIX) + r"[0-9a-f]{8}" + re.escape(TEMP_SUFFIX))
_WINDOWS_DEVICE = re.compile(r"(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])", re.IGNORECASE)


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


def _as_tuple(value):
    """JSON lists become tuples; anything else passes through to be refused by the plan."""
    return tuple(value) if isinstance(value, list) else value


def _check_text(name: str, value) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be text; got {type(value).__name__}")
    if len(value) > MAX_TEXT:
        raise ValueError(f"{name} must be at most {MAX_TEXT} characters; got {len(value)}")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        # A lone surrogate (from a "\ud800" escape in a file) would load but could
        # never be written back: refuse it at the door.
        raise ValueError(
            f"{name} must be text that can be saved as UTF-8; character {exc.start + 1} "
            f"is {value[exc.start]!r}, a lone surrogate"
        ) from None
    return value


@dataclass(frozen=True)
class PracticePlan:
    """A learner's practice plan. Validated on creation; errors name the field.

    breathing        key of ``workshop.breath.PRESETS``
    movements        keys of ``FLOOR_MOVEMENTS`` (none to all four; no repeats)
    minutes_per_day  1 to 60
    days_per_week    1 to 7
    own_stop_rules   the learner's own extra stop rules, at most 20 of at most
                     2000 characters each (the kit's ``STOP_RULES`` are always
                     included on top; see ``stop_rules``)
    notes            free text, at most 2000 characters
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
        unknown = [m for m in self.movements if m not in FLOOR_MOVEMENTS]
        if unknown:
            raise ValueError(
                f"movements has unknown keys {unknown}; known movements are {sorted(FLOOR_MOVEMENTS)}"
            )
        if len(set(self.movements)) != len(self.movements):
            raise ValueError(f"movements must not repeat a movement; got {list(self.movements)}")
        object.__setattr__(self, "movements", tuple(self.movements))
        object.__setattr__(
            self,
            "minutes_per_day",
            MINUTES_RANGE.check_int("minutes_per_day", self.minutes_per_day, whole_floats=True),
        )
        object.__setattr__(
            self,
            "days_per_week",
            DAYS_RANGE.check_int("days_per_week", self.days_per_week, whole_floats=True),
        )
        rules = self.own_stop_rules
        if isinstance(rules, str) or not isinstance(rules, list | tuple):
            raise TypeError(f"own_stop_rules must be a list of text; got {type(rules).__name__}")
        rules = tuple(_check_text(f"own_stop_rules[{i}]", r).strip() for i, r in enumerate(rules))
        rules = tuple(r for r in rules if r)
        if len(rules) > MAX_OWN_RULES:
            raise ValueError(
                f"own_stop_rules must hold at most {MAX_OWN_RULES} rules; got {len(rules)}"
            )
        object.__setattr__(self, "own_stop_rules", rules)
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
            m = FLOOR_MOVEMENTS[key]
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


# --------------------------------------------------------------------------- plan files


def _short(text: str) -> str:
    """``repr(text)``, cut to 60 characters so a pasted essay does not flood an error."""
    return repr(text if len(text) <= 60 else text[:57] + "...")


def check_plan_name(name) -> str:
    """``name`` unchanged if it follows the plan-name rule, else ValueError naming it and the rule.

    The rule: 1 to ``NAME_MAX`` characters; letters and digits (any script),
    spaces, '-' and '_'; starting and ending with a letter or digit; not a
    Windows device name (CON, NUL, COM1, ...). A name therefore never holds a
    path separator, '..', '~' or an extension: the kit adds ``.plan.json`` and
    ``.plan.md`` and saves in the chosen folder only.
    """
    if not isinstance(name, str):
        raise TypeError(f"plan name must be text; got {type(name).__name__}")
    rule = (
        f"a plan name is 1 to {NAME_MAX} letters, digits, spaces, '-' or '_', "
        "starting and ending with a letter or digit"
    )
    if not name:
        raise ValueError(f"plan name is empty; {rule}")
    if len(name) > NAME_MAX:
        raise ValueError(f"plan name {_short(name)} has {len(name)} characters; {rule}")
    bad = "".join(dict.fromkeys(c for c in name if not (c.isalnum() or c in NAME_PUNCTUATION)))
    if bad:
        hint = ""
        if "/" in bad or "\\" in bad:
            hint = " (a plan is saved only in the chosen folder, so a name cannot hold a folder)"
        elif "." in bad:
            hint = " (type the name without an extension: the kit adds .plan.json and .plan.md)"
        shown = ", ".join(repr(c) for c in bad)
        raise ValueError(f"plan name {_short(name)} contains {shown}; {rule}{hint}")
    if not (name[0].isalnum() and name[-1].isalnum()):
        raise ValueError(f"plan name {name!r} starts or ends with a space, '-' or '_'; {rule}")
    if _WINDOWS_DEVICE.fullmatch(name):
        raise ValueError(
            f"plan name {name!r} is a device name on Windows; {rule}, and not a device"
        )
    return name


def _expanded(label: str, value) -> Path:
    """``value`` as an absolute path with ``~`` expanded; errors name ``label`` and the input."""
    if not isinstance(value, str | os.PathLike):
        raise TypeError(f"{label} must be a path; got {type(value).__name__}")
    text = os.fspath(value)
    if not isinstance(text, str):
        raise TypeError(f"{label} must be a text path; got {type(text).__name__}")
    if not text.strip():
        raise ValueError(f"{label} is empty; give a path")
    if "\0" in text:
        raise ValueError(f"{label} {_short(text)} contains a NUL character, which no path may hold")
    try:
        return Path(text).expanduser().absolute()
    except RuntimeError:  # '~someone' for a user this computer does not know
        raise ValueError(
            f"{label} {_short(text)} starts with '~' but names no user known on this computer"
        ) from None


def plan_paths(name, folder=".") -> tuple[Path, Path]:
    """The plan file ``NAME.plan.json`` and its twin ``NAME.plan.md`` in ``folder`` (absolute)."""
    check_plan_name(name)
    base = _expanded("folder", folder)
    return base / f"{name}{JSON_SUFFIX}", base / f"{name}{MD_SUFFIX}"


def backup_path(path) -> Path:
    """Where the version of ``path`` that a save replaces is kept (``path`` + ``.bak``)."""
    path = Path(path)
    return path.with_name(path.name + BACKUP_SUFFIX)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _read_regular_file(path: Path, *, follow_symlinks: bool = True) -> tuple[bytes, os.stat_result]:
    """The bytes of the regular file at ``path`` (at most ``MAX_FILE_BYTES``) and its stat.

    ValueError, naming the file, for a named pipe, folder, device or socket, or
    for a file over the limit.
    """
    # O_NONBLOCK: opening a named pipe would otherwise wait for a writer forever.
    # It changes nothing for a regular file, the only kind read further.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    flags |= getattr(os, "O_BINARY", 0)
    if not follow_symlinks:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise ValueError(
                f"{path} is {_kind(st.st_mode)}; a plan is read only from a regular file"
            )
        if st.st_size > MAX_FILE_BYTES:
            raise ValueError(
                f"{path} is {st.st_size} bytes; a plan file is at most {MAX_FILE_BYTES} bytes"
            )
        chunks, size = [], 0
        # Read one byte past the limit: a file that grows while being read is refused too.
        while size <= MAX_FILE_BYTES:
            chunk = os.read(fd, MAX_FILE_BYTES + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > MAX_FILE_BYTES:
            raise ValueError(f"{path} grew past {MAX_FILE_BYTES} bytes while being read")
        return b"".join(chunks), st
    finally:
        os.close(fd)


# A JSON string (or an unterminated one, to the end) or a bracket. A string token
# always matches once begun, so one pass over the text is linear.
_JSON_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?|[\[\]{}]', re.DOTALL)


def _too_deep(text: str) -> bool:
    """Whether arrays and objects in ``text`` nest more than ``MAX_DEPTH`` levels deep."""
    depth = 0
    for match in _JSON_TOKEN.finditer(text):
        token = match.group()
        if token in ("[", "{"):
            depth += 1
            if depth > MAX_DEPTH:
                return True
        elif token in ("]", "}"):
            depth -= 1
    return False


def _unique_fields(pairs: list) -> dict:
    seen = set()
    for key, _ in pairs:
        if key in seen:
            raise ValueError(f"field {key!r} appears twice")
        seen.add(key)
    return dict(pairs)


def _small_int(digits: str) -> int:
    # Converting a huge digit string is slow (and refused past 4300 digits anyway).
    if len(digits.lstrip("-")) > MAX_DIGITS:
        raise ValueError(
            f"a number has {len(digits.lstrip('-'))} digits; a plan file's numbers have at most "
            f"{MAX_DIGITS}"
        )
    return int(digits)


def _no_constant(name: str):
    raise ValueError(f"{name} is not a number a plan file may hold")


def _parse_plan_json(raw: bytes, source) -> object:
    """The JSON value in ``raw`` within the plan-file bounds; errors name ``source``."""
    try:
        text = raw.decode("utf-8-sig")  # a BOM from an editor is harmless
    except UnicodeDecodeError as exc:
        raise ValueError(f"{source} is not UTF-8 text (bad byte at offset {exc.start})") from None
    if _too_deep(text):
        raise ValueError(
            f"{source} nests arrays or objects more than {MAX_DEPTH} levels deep; "
            f"a plan file nests at most {MAX_DEPTH}"
        )
    try:
        return json.loads(
            text,
            object_pairs_hook=_unique_fields,
            parse_int=_small_int,
            parse_constant=_no_constant,
        )
    except json.JSONDecodeError as exc:
        raise ValueError(f"{source} is not a valid plan file (bad JSON: {exc})") from None
    except (ValueError, RecursionError) as exc:
        raise ValueError(f"{source} is not a valid plan file ({exc})") from None


def _check_encodable(value, where: str = "") -> None:
    """ValueError naming the field if any text in ``value`` cannot be written as UTF-8."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise ValueError(
                f"{where or 'the plan'} holds text that cannot be saved as UTF-8 (a lone "
                f"surrogate {value[exc.start]!r} at character {exc.start + 1})"
            ) from None
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_encodable(key, f"a field name in {where or 'the plan'}")
            _check_encodable(item, f"{where}.{key}" if where else key)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _check_encodable(item, f"{where}[{i}]")


def load_plan(path) -> PracticePlan:
    """Read and validate a plan file saved by :func:`save_plan` (give its path).

    ValueError naming the file (and the field, where there is one) for: anything
    but a regular file (a named pipe is refused without waiting), more than
    ``MAX_FILE_BYTES``, nesting deeper than ``MAX_DEPTH``, text that is not
    UTF-8 or could not be saved as UTF-8 again, and values a plan does not allow.
    """
    json_path = _expanded("path", path)
    raw, _ = _read_regular_file(json_path)
    data = _parse_plan_json(raw, json_path)
    try:
        _check_encodable(data)
        return PracticePlan.from_dict(data)
    except (TypeError, ValueError) as exc:
        raise type(exc)(f"{json_path}: {exc}") from None


@dataclass(frozen=True)
class FileOutcome:
    """What a save did to one file.

    saved    the file now holds the plan
    changed  it was written (False when it already held exactly this plan)
    backup   where the version it replaced was kept, if it replaced one
    error    why it was not saved; the file is then left as it was
    """

    path: Path
    saved: bool
    changed: bool = False
    backup: Path | None = None
    error: str = ""

    def describe(self) -> str:
        """One line: the full path and what happened to it."""
        if not self.saved:
            return f"{self.path}: NOT saved ({self.error}); the file is left as it was"
        if not self.changed:
            return f"{self.path}: saved (it already held this plan, so it was not rewritten)"
        if self.backup is not None:
            return f"{self.path}: saved (the previous version is kept as {self.backup})"
        return f"{self.path}: saved (new file)"


@dataclass(frozen=True)
class SaveResult:
    """What :func:`save_plan` did: one :class:`FileOutcome` per file."""

    json_file: FileOutcome
    markdown_file: FileOutcome
    removed_temp_files: tuple[Path, ...] = ()

    @property
    def saved(self) -> bool:
        """Both files hold the plan."""
        return self.json_file.saved and self.markdown_file.saved

    @property
    def paths(self) -> tuple[Path, Path]:
        """The plan file and its Markdown twin."""
        return self.json_file.path, self.markdown_file.path

    def describe(self) -> str:
        """One line per file, then any temporary files removed."""
        lines = [self.json_file.describe(), self.markdown_file.describe()]
        if self.removed_temp_files:
            lines.append(
                f"removed {len(self.removed_temp_files)} temporary file(s) left by an "
                "interrupted save"
            )
        return "\n".join(lines)


class PlanSaveError(OSError):
    """A save that failed once it had begun writing; ``result`` tells each file's outcome."""

    def __init__(self, result: SaveResult):
        super().__init__(result.describe())
        self.result = result


@contextmanager
def _locked_folder(folder: Path) -> Iterator[int | None]:
    """Hold an exclusive lock on ``folder`` for one save; yield its descriptor (None if none).

    The lock lets a save treat every temporary file it finds as left by an
    interrupted save (a killed process's lock is released by the system).
    """
    fd = None
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        pass  # Windows cannot open a folder: saves there are not serialised
    try:
        if fd is not None and fcntl is not None:
            deadline = time.monotonic() + LOCK_WAIT_S
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise TimeoutError(
                            f"folder {folder}: another save there has not finished after "
                            f"{LOCK_WAIT_S:g} s; nothing was written, try again"
                        ) from None
                    time.sleep(0.02)
                except OSError:
                    break  # a file system without locks (some network shares): go on unlocked
        yield fd
    finally:
        if fd is not None:
            os.close(fd)  # also releases the lock


def _remove_stale_temp_files(folder: Path) -> tuple[Path, ...]:
    """Remove the kit's temporary files in ``folder`` (left by interrupted saves); return them."""
    removed = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if _TEMP_NAME.fullmatch(entry.name) and not entry.is_dir(follow_symlinks=False):
                try:
                    os.unlink(entry.path)
                except FileNotFoundError:
                    continue
                removed.append(Path(entry.path))
    return tuple(removed)


def _owned_file(path: Path, kind: str) -> tuple[bytes, int] | None:
    """The bytes and permission bits of the kit's own file at ``path``; None if nothing is there.

    FileExistsError, naming the file, if something the kit did not write is
    there (another file, a symbolic link, a folder): the kit replaces nothing else.
    """
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None
    advice = (
        "the kit replaces only plan files it wrote itself; choose another plan name, "
        "or move that file away"
    )
    if not stat.S_ISREG(st.st_mode):
        raise FileExistsError(f"{path} is {_kind(st.st_mode)}; {advice}")
    try:
        raw, st = _read_regular_file(path, follow_symlinks=False)
    except ValueError as exc:
        raise FileExistsError(f"{path} is not a plan file of this kit ({exc}); {advice}") from None
    if kind == "json":
        try:
            data = _parse_plan_json(raw, path)
            owned = isinstance(data, dict) and data.get("format") == FORMAT
        except ValueError:
            owned = False
        why = f"it is not JSON with format {FORMAT!r}"
    else:
        owned = raw.removeprefix(b"\xef\xbb\xbf").startswith(_MD_MARKER_PREFIX.encode())
        why = f"its first line is not the kit's marker {_MD_MARKER_PREFIX}...-->"
    if not owned:
        raise FileExistsError(f"{path} was not written by this kit ({why}); {advice}")
    return raw, stat.S_IMODE(st.st_mode)


def _write_atomically(path: Path, data: bytes, mode: int) -> None:
    """Replace ``path`` by ``data`` in one step, with permission bits ``mode``.

    ``workshop.files.write_atomically`` with the plan's temporary-file names, which
    the next save recognises (``_TEMP_NAME``) and removes if a kill left one behind.
    """
    write_atomically(path, data, mode, temp_prefix=TEMP_PREFIX, temp_suffix=TEMP_SUFFIX)


def _save_one(path: Path, data: bytes, old: tuple[bytes, int] | None) -> FileOutcome:
    """Write ``data`` to ``path``, first keeping the version there (``old``) as a backup."""
    if old is None:
        try:
            _write_atomically(path, data, NEW_FILE_MODE)
        except Exception as exc:
            return FileOutcome(path, saved=False, error=_reason(exc))
        return FileOutcome(path, saved=True, changed=True)
    old_bytes, mode = old
    if old_bytes == data:
        # Rewriting would only replace the backup of the genuinely previous plan.
        return FileOutcome(path, saved=True, changed=False)
    backup = backup_path(path)
    try:
        _write_atomically(backup, old_bytes, mode)
    except Exception as exc:
        return FileOutcome(path, saved=False, error=f"could not keep a backup: {_reason(exc)}")
    try:
        _write_atomically(path, data, mode)
    except Exception as exc:
        return FileOutcome(path, saved=False, backup=backup, error=_reason(exc))
    return FileOutcome(path, saved=True, changed=True, backup=backup)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


def save_plan(plan: PracticePlan, name: str = DEFAULT_NAME, folder=".") -> SaveResult:
    """Save ``plan`` as ``NAME.plan.json`` and ``NAME.plan.md`` in ``folder``; say what happened.

    ``name`` follows :func:`check_plan_name`; ``folder`` must exist (``~`` is
    expanded). Before anything is written, ValueError/TypeError for a bad name or
    plan, FileNotFoundError for a missing folder, and FileExistsError if either
    file (or its ``.bak``) exists but was not written by the kit. Each existing
    file is first copied to ``FILE.bak`` and keeps its permissions; new files
    are 0600. Temporary files left by interrupted saves are removed.

    Returns a :class:`SaveResult` when both files hold the plan. If a write
    fails, raises :class:`PlanSaveError` whose ``result`` tells each file's
    outcome (the plan file is written first; the Markdown is not tried if it fails).
    """
    if not isinstance(plan, PracticePlan):
        raise TypeError(f"plan must be a PracticePlan; got {type(plan).__name__}")
    json_path, md_path = plan_paths(name, folder)
    where = json_path.parent
    if not where.exists():
        raise FileNotFoundError(f"folder {str(where)!r} does not exist; choose an existing folder")
    if not where.is_dir():
        raise NotADirectoryError(f"folder {str(where)!r} is a file, not a folder")

    json_bytes = (json.dumps(plan.to_dict(), indent=2, ensure_ascii=False) + "\n").encode()
    md_bytes = f"{MD_MARKER}\n{plan.to_markdown()}".encode()
    if len(json_bytes) > MAX_FILE_BYTES:  # cannot happen within the plan's limits
        raise ValueError(f"plan: {len(json_bytes)} bytes of JSON; at most {MAX_FILE_BYTES}")
    # Never write a file that load_plan would refuse.
    if PracticePlan.from_dict(_parse_plan_json(json_bytes, json_path)) != plan:
        raise ValueError("plan: it does not read back as the same plan; nothing was saved")

    with _locked_folder(where) as folder_fd:
        removed = _remove_stale_temp_files(where)
        old = {
            path: _owned_file(path, kind) for path, kind in ((json_path, "json"), (md_path, "md"))
        }
        for path, kind in ((json_path, "json"), (md_path, "md")):
            _owned_file(backup_path(path), kind)  # refuse now rather than after one file
        json_outcome = _save_one(json_path, json_bytes, old[json_path])
        if json_outcome.saved:
            md_outcome = _save_one(md_path, md_bytes, old[md_path])
        else:
            md_outcome = FileOutcome(md_path, saved=False, error="not tried: the plan file failed")
        if folder_fd is not None:
            try:
                os.fsync(folder_fd)  # make the renames themselves durable
            except OSError:
                pass  # some file systems cannot sync a folder; the files are synced
    result = SaveResult(json_outcome, md_outcome, removed)
    if not result.saved:
        raise PlanSaveError(result)
    return result
