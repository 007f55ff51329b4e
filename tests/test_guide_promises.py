"""The facilitator guide and README promise only what exists: every command they give
is a Makefile target or a `workshop` subcommand, every notebook (deck) they name is a
notebook of the kit, every movement they name is one of the kit's movements."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from workshop.cli import build_parser
from workshop.movement import MOVEMENTS

ROOT = Path(__file__).parents[1]
GUIDE = (ROOT / "slides" / "facilitator_guide.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")
MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")
DOCS = {"guide": GUIDE, "README": README}


def code_spans(text: str) -> list[str]:
    """Text in `backticks` and in ``` blocks: where the documents give commands."""
    blocks = re.findall(r"```[a-z]*\n(.*?)```", text, flags=re.S)
    spans = re.findall(r"`([^`\n]+)`", re.sub(r"```.*?```", "", text, flags=re.S))
    return spans + [line for b in blocks for line in b.splitlines()]


def commands(text: str, program: str) -> set[str]:
    return {
        m.group(1)
        for span in code_spans(text)
        for m in re.finditer(rf"(?:^|[\s(]){program} ([a-z][a-z-]*)", span)
    }


@pytest.mark.parametrize("doc", DOCS)
def test_every_make_command_is_a_target(doc):
    targets = set(re.findall(r"^([a-z][a-z-]*):", MAKEFILE, flags=re.M))
    named = commands(DOCS[doc], "make")
    assert {"lab", "test"} <= named if doc == "README" else named
    assert named <= targets, named - targets


@pytest.mark.parametrize("doc", DOCS)
def test_every_workshop_command_is_a_subcommand(doc):
    parser = build_parser()
    subcommands = set(parser._subparsers._group_actions[0].choices)  # noqa: SLF001
    named = commands(DOCS[doc], "workshop")
    assert named <= subcommands, named - subcommands


def test_every_deck_in_the_guide_is_a_notebook():
    notebooks = {p.name[:2]: p.stem for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")}
    named = set(re.findall(r"\*\*(\d\d) · ", GUIDE)) | set(re.findall(r"### (\d\d) · ", GUIDE))
    assert named, "the guide names no notebook"
    assert named <= set(notebooks), named - set(notebooks)
    assert set(notebooks) <= named  # and its timetable covers every notebook


def test_every_teaching_note_is_shown_on_a_section_of_its_notebook():
    """The guide's teaching notes reach the speaker view by their section's heading: a
    note whose heading is not a `##` section of its notebook would never be shown."""
    import nbformat

    from workshop.tooling.slides.notes import guide_notes, section_heading

    notes = guide_notes(GUIDE)
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        sections = {section_heading(cell) for cell in nb.cells} - {""}
        written = set(notes[path.name[:2]].by_section)
        assert written, f"no teaching notes for {path.stem}"
        assert written <= sections, (path.stem, written - sections)


#: How the documents name movements; each must be a movement of the kit.
MOVEMENT_WORDS = {
    r"pelvic tilts?": "pelvic_tilt",
    r"cat[–-]cow": "cat_cow",
    r"knee[- ]to[- ]chest": "knee_to_chest",
    r"roll[- ]down": "roll_down",
    r"bridges?\b": "bridge",
}


@pytest.mark.parametrize("doc", DOCS)
def test_every_movement_named_exists_with_its_seated_alternative(doc):
    text = DOCS[doc].lower()
    named = {key for pattern, key in MOVEMENT_WORDS.items() if re.search(pattern, text)}
    assert named <= set(MOVEMENTS), named - set(MOVEMENTS)
    if "seated alternative" in text:
        floor = [m for m in MOVEMENTS.values() if m.floor]
        seated_for = {
            m.seated_alternative_of for m in MOVEMENTS.values() if m.seated_alternative_of
        }
        assert {m.key for m in floor} <= seated_for


def _script_part(start: str, end: str) -> str:
    """Part of the guide's safety script, its quote marks and line breaks removed."""
    script = GUIDE.split("## Safety script", 1)[1].split("\n## ", 1)[0]
    text = " ".join(line.lstrip("> ").strip() for line in script.splitlines())
    return " ".join(text.split(start, 1)[1].split(end, 1)[0].split())


def test_the_safety_script_reads_the_screens_flags_with_their_urgencies():
    """The script read aloud names every red flag and precaution of notebook 00's screen,
    each under the urgency the screen gives it: nothing left out, nothing downgraded."""
    from workshop.safety.flags import EMERGENCY, PRECAUTIONS, RED_FLAGS, SOON

    parts = {
        EMERGENCY: _script_part("medical help **today**", "clinician **soon**"),
        SOON: _script_part("clinician **soon**", "only with advice from your own clinician"),
    }
    precautions = _script_part("only with advice from your own clinician", "welcome to watch")
    for flag in RED_FLAGS:
        assert flag.label in parts[flag.urgency], (flag.key, flag.urgency)
        for urgency, part in parts.items():
            if urgency != flag.urgency:
                assert flag.label not in part, (flag.key, urgency)
    for precaution in PRECAUTIONS:
        assert precaution.label in precautions, precaution.key
