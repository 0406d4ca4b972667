"""Text set into the fixed cells of the appointment form: line breaking and the official size steps.

The form is drawn straight on the canvas (its grid is fixed to the millimetre), so its text is broken
into lines here rather than by reportlab's Paragraph: widths come from the Song face (with the same
per-glyph fallback as every report), a closing mark or `·` never starts a line (it hangs into the
cell's padding instead), and a run of digits and Latin letters such as `2009.09--2012.07` is not
broken unless it is longer than a whole line.

A text either fits a cell at one of the sizes `STEPS` (小四 12 pt down to 5.5 pt) or it does not fit
at all: `fit` then returns None and the caller reports the field, the form is never spilled over
more pages. Absurdly long text is rejected by a bound on its length before anything is measured.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from cadre_desk.reports import fonts

MM = 72 / 25.4  # points per millimetre
STEPS: tuple[float, ...] = (12, 10.5, 9, 7.5, 6.5, 5.5)  # 小四, 五号, 小五, 六号, 小六, 七号
SMALLEST = STEPS[-1]
LEADING = 1.15  # line pitch as a multiple of the size (Word's single spacing of 宋体)
TIGHT = 1.0  # the last resort of multi-line blocks at 5.5 pt
ASCENT = 0.86  # of the em, from the top of a line box to the baseline (the Song face's ascent)
NARROWEST = 0.2  # no glyph is narrower than this (in ems): bounds how many characters a cell can hold
NO_LINE_START = frozenset("，。、；：！？”’》〉」』】〕）｝…—·％,.;:!?)]}%")
_TOKEN = re.compile(r"[A-Za-z0-9.\-/:+_%@#&]+|.", re.DOTALL)

_widths: dict[float, dict[str, float]] = {}


def char_width(char: str, size: float) -> float:
    table = _widths.get(size)
    if table is None:
        table = _widths[size] = {}
    width = table.get(char)
    if width is None:
        width = table[char] = fonts.string_width(char, size, fonts.SONG_FONT)
    return width


def width_of(text: str, size: float) -> float:
    return sum(char_width(c, size) for c in text)


def could_fit(text: str, width: float, height: float) -> bool:
    """False when `text` cannot possibly fit `width` x `height` (points) at the smallest size.

    Counts characters only, so a 30 MB field is turned down at once.
    """
    lines = int(height // (SMALLEST * TIGHT)) + 1
    per_line = int(width // (SMALLEST * NARROWEST)) + 1
    return len(text) <= lines * per_line


def wrap(text: str, size: float, width: float, max_lines: int | None = None) -> list[str] | None:
    """The printed lines of one paragraph (no `\\n` in it); None when more than `max_lines`."""
    lines: list[str] = []
    line: list[str] = []
    used = 0.0

    def flush() -> bool:
        lines.append("".join(line))
        return max_lines is None or len(lines) <= max_lines

    for token in _TOKEN.findall(text):
        w = width_of(token, size)
        if used + w <= width + 0.01:
            line.append(token)
            used += w
            continue
        if line and token in NO_LINE_START:  # hangs at the end of the line, never starts the next
            line.append(token)
            used += w
            continue
        if w <= width + 0.01 or len(token) == 1:
            if line and not flush():
                return None
            line, used = [token], w
            continue
        for char in token:  # a run longer than a line: break it anywhere
            cw = char_width(char, size)
            if used + cw > width + 0.01 and line and char not in NO_LINE_START:
                if not flush():
                    return None
                line, used = [], 0.0
            line.append(char)
            used += cw
    if line or not lines:
        lines.append("".join(line))
    if max_lines is not None and len(lines) > max_lines:
        return None
    return lines


@dataclass(frozen=True)
class Line:
    text: str
    indent: float = 0.0  # points from the left of the text area
    lead: str = ""  # drawn at the left edge before the indent (the dates of a 简历 line)


@dataclass(frozen=True)
class Fitted:
    size: float
    leading: float  # points
    lines: tuple[Line, ...]

    @property
    def height(self) -> float:
        return self.leading * len(self.lines)


@dataclass(frozen=True)
class Para:
    """One paragraph to set: `lead` (dates) at the left, the text after it with a hanging indent."""

    text: str
    lead: str = ""
    indent_text: str = ""  # the text whose width is the hanging indent (e.g. `0000.00--0000.00  `)


def set_paras(
    paras: Sequence[Para], size: float, width: float, max_lines: int | None = None
) -> list[Line] | None:
    out: list[Line] = []
    for p in paras:
        indent = width_of(p.indent_text, size) if p.indent_text else 0.0
        room = None if max_lines is None else max_lines - len(out)
        lines = wrap(p.text, size, width - indent, room)
        if lines is None:
            return None
        out += [Line(text, indent, p.lead if i == 0 else "") for i, text in enumerate(lines)]
        if max_lines is not None and len(out) > max_lines:
            return None
    return out


def fit(
    paras: Sequence[Para] | str,
    width: float,
    height: float,
    steps: Sequence[float] = STEPS,
    tight: bool = False,
    max_lines: int | None = None,
) -> Fitted | None:
    """The largest step at which the paragraphs fit `width` x `height` (points); None if none does.

    `tight` adds a last try at the smallest size with lines set solid (multi-line blocks);
    `max_lines` caps the number of lines whatever the size.
    """
    if isinstance(paras, str):
        paras = [Para(t) for t in paras.split("\n")]
    if not could_fit("".join(p.lead + p.text for p in paras), width, height):
        return None
    tries = [(s, LEADING) for s in steps]
    if tight:
        tries.append((steps[-1], TIGHT))
    for size, factor in tries:
        leading = size * factor
        room = int((height + 0.01) // leading)
        if max_lines is not None:
            room = min(room, max_lines)
        if room < 1:
            continue
        lines = set_paras(paras, size, width, room)
        if lines is not None:
            return Fitted(size, leading, tuple(lines))
    return None
