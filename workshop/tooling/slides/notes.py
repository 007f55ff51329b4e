"""Speaker notes for each deck, taken from the facilitator guide (``slides/facilitator_guide.md``).

The guide is the one script a facilitator teaches from; the speaker view (press
**S** in a deck) shows the parts of it that belong to the deck on screen:

- on the deck's first slide: its rows of the 90-minute and 3-hour timetables
  (time, minutes, what happens), and for some decks a whole section to read or
  follow (``SECTIONS_BY_DECK``: the safety script before the welcome and again
  before the floor sequence, what to do if someone reports pain);
- on the first slide of each section (a ``##`` heading of the notebook): the
  guide's teaching note for that section, if it has one (``### NN · Name`` under
  "Teaching notes by notebook", one bullet per section: ``- **Heading**: note``);
- on the deck's last slide before its references: the guide's discussion prompts
  for that notebook.

A deck is named by the two digits its notebook starts with (``01_kinetic_chain``
→ ``"01"``), as the guide names them (``**01 · Kinetic chain**``, ``### 01 · …``).
The notes are markdown cells with ``slideshow.slide_type = "notes"`` added to the
in-memory copy of the notebook; nbconvert renders them as reveal.js
``<aside class="notes">``.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

import nbformat

#: Guide sections (``##`` headings, matched by how they start) shown whole in the
#: notes of a deck's first slide.
SECTIONS_BY_DECK: dict[str, tuple[str, ...]] = {
    "00": ("Safety script",),
    "04": ("If someone reports pain",),
    "05": ("Safety script", "If someone reports pain"),
}
PROMPTS_SECTION = "Discussion prompts"
TEACHING_SECTION = "Teaching notes"
#: A deck's last slide before these headings gets the discussion prompts.
_CLOSING_HEADINGS = ("references", "sources")

_H2 = re.compile(r"^##[ \t]+(.+?)[ \t#]*$")
_H3 = re.compile(r"^###[ \t]+(.+?)[ \t#]*$")
_DECK_IN_CELL = re.compile(r"\*\*(\d{2})\s*·\s*(.+?)\*\*")
_DECK_IN_HEADING = re.compile(r"^(\d{2})\s*·")
#: A teaching note: ``- **Section heading**: what to do or say`` (continued on
#: indented lines).
_NOTE_BULLET = re.compile(r"^-[ \t]+\*\*(.+?)\*\*:[ \t]*(.*)$")


@dataclass
class DeckNotes:
    """The guide's notes for one deck, as markdown: for its first slide and its last."""

    timetable: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    prompts: str = ""
    #: section heading (the notebook's ``##`` text) → the guide's teaching note for it
    by_section: dict[str, str] = field(default_factory=dict)

    @property
    def opening(self) -> str:
        parts = []
        if self.timetable:
            parts.append("**From the facilitator guide: timing**\n\n" + "\n".join(self.timetable))
        parts += self.sections
        return "\n\n".join(parts)

    def for_section(self, heading: str) -> str:
        """The teaching note for the section headed ``heading``, as notes markdown, or ""."""
        note = self.by_section.get(heading, "")
        return f"**From the facilitator guide: teaching note**\n\n{note}" if note else ""

    @property
    def closing(self) -> str:
        if not self.prompts:
            return ""
        return "**From the facilitator guide: discussion prompts**\n\n" + self.prompts


def _sections(markdown: str) -> list[tuple[str, list[str]]]:
    """The guide split at its ``##`` headings: (heading, lines up to the next one)."""
    out: list[tuple[str, list[str]]] = [("", [])]
    for line in markdown.splitlines():
        match = _H2.match(line)
        if match:
            out.append((match.group(1).strip(), []))
        else:
            out[-1][1].append(line)
    return out


def _table_cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _timetable_row(row: dict[str, str], deck_cell: str) -> str:
    """ "10–25 (15 min): what happens" from a row with Time, Min and What happens
    columns; any other table as "column: value" pairs."""
    if {"time", "min"} <= row.keys():
        others = [v for k, v in row.items() if k not in ("time", "min") and v != deck_cell]
        return f"{row['time']} ({row['min']} min): " + " ".join(others)
    return " · ".join(f"{k}: {v}" for k, v in row.items() if v and v != deck_cell)


def guide_notes(markdown: str) -> dict[str, DeckNotes]:
    """Speaker notes per deck ("00", "01", …) from the facilitator guide's markdown.

    Timetable rows are the rows of any table under a ``##`` heading with a cell
    ``**NN · Name**``; the header row names the columns. Discussion prompts are the
    ``### NN · Name`` subsections of the section whose heading starts with
    "Discussion prompts"; teaching notes are the ``- **Heading**: note`` bullets of the
    ``### NN · Name`` subsections of the section whose heading starts with "Teaching
    notes" (``by_section``). Sections named in ``SECTIONS_BY_DECK`` are added whole. A
    deck none of these mention gets no entry.
    """
    notes: dict[str, DeckNotes] = {}
    sections = _sections(markdown)
    for heading, lines in sections:
        header: list[str] | None = None
        for line in lines:
            if not line.lstrip().startswith("|"):
                header = None
                continue
            cells = _table_cells(line)
            if header is None:
                header = cells
                continue
            if all(set(c) <= set("-: ") for c in cells):
                continue  # the |---|---| line
            deck_cell = next((c for c in cells if _DECK_IN_CELL.search(c)), None)
            if deck_cell is None:
                continue
            deck = _DECK_IN_CELL.search(deck_cell).group(1)
            row = {name.lower(): value for name, value in zip(header, cells, strict=False)}
            notes.setdefault(deck, DeckNotes()).timetable.append(
                f"- *{heading}*: {_timetable_row(row, deck_cell)}"
            )
        if heading.lower().startswith(PROMPTS_SECTION.lower()):
            for deck, body in _deck_subsections(lines):
                notes.setdefault(deck, DeckNotes()).prompts = "\n".join(body).strip()
        if heading.lower().startswith(TEACHING_SECTION.lower()):
            for deck, body in _deck_subsections(lines):
                notes.setdefault(deck, DeckNotes()).by_section.update(_section_notes(body))
    for deck, wanted in SECTIONS_BY_DECK.items():
        for start in wanted:
            for heading, lines in sections:
                if heading.lower().startswith(start.lower()):
                    text = "\n".join(lines).strip()
                    notes.setdefault(deck, DeckNotes()).sections.append(
                        f"**From the facilitator guide: {heading}**\n\n{text}"
                    )
    return notes


def _deck_subsections(lines: list[str]):
    """(deck, lines) for each ``### NN · Name`` subsection of a guide section."""
    deck, buffer = None, []
    for line in [*lines, "### end"]:
        match = _H3.match(line)
        if match:
            if deck is not None:
                yield deck, buffer
            found = _DECK_IN_HEADING.match(match.group(1))
            deck, buffer = (found.group(1) if found else None), []
        else:
            buffer.append(line)


def _section_notes(lines: list[str]) -> dict[str, str]:
    """``- **Heading**: note`` bullets (a note may go on over indented lines)."""
    out: dict[str, list[str]] = {}
    current = None
    for line in lines:
        match = _NOTE_BULLET.match(line)
        if match:
            current = match.group(1).strip()
            out[current] = [match.group(2).strip()]
        elif current is not None and line.startswith((" ", "\t")) and line.strip():
            out[current].append(line.strip())
        else:
            current = None
    return {heading: " ".join(parts).strip() for heading, parts in out.items()}


def deck_key(notebook_stem: str) -> str:
    """The two digits a notebook's name starts with ("01_kinetic_chain" → "01"), or ""."""
    match = re.match(r"\d{2}", notebook_stem)
    return match.group(0) if match else ""


def _notes_cell(markdown: str):
    return nbformat.v4.new_markdown_cell(markdown, metadata={"slideshow": {"slide_type": "notes"}})


def _slide_start(cell) -> bool:
    return cell.metadata.get("slideshow", {}).get("slide_type") in ("slide", "subslide")


def add_speaker_notes(nb, notes: DeckNotes | None):
    """A copy of a prepared notebook ``nb`` with ``notes`` as notes cells: the opening
    notes on the first slide, each section's teaching note on the slide its ``##``
    heading starts, the discussion prompts on the last slide before the references
    (the last slide when there are none). Each goes right after the cell that starts
    its slide (the heading cell), so that it is never inside a fragment (reveal.js
    would show it only while that fragment is on screen)."""
    nb = copy.deepcopy(nb)
    if notes is None or not nb.cells:
        return nb
    cells = list(nb.cells)
    starts = [i for i, cell in enumerate(cells) if i == 0 or _slide_start(cell)]
    closing = next(
        (i for i in starts[1:] if _first_words(cells[i]).startswith(_CLOSING_HEADINGS)), None
    )
    last_start = max(i for i in starts if closing is None or i < closing)
    # Each note goes right after the cell it belongs to; inserted from the last such
    # cell back, so the indices of the earlier ones still hold.
    after: dict[int, list[str]] = {}
    if notes.opening:
        after.setdefault(0, []).append(notes.opening)
    for i, cell in enumerate(cells):
        note = notes.for_section(section_heading(cell))
        if note:
            after.setdefault(i, []).append(note)
    if notes.closing:
        after.setdefault(last_start, []).append(notes.closing)
    for i in sorted(after, reverse=True):
        cells[i + 1 : i + 1] = [_notes_cell(text) for text in after[i]]
    nb.cells = cells
    return nb


def section_heading(cell) -> str:
    """The text of a markdown cell's opening ``##`` heading, or ""."""
    if cell.cell_type != "markdown":
        return ""
    match = _H2.match(cell.source.lstrip().split("\n", 1)[0])
    return match.group(1).strip() if match else ""


def _first_words(cell) -> str:
    return cell.source.lstrip().split("\n", 1)[0].lstrip("#").strip().lower()
