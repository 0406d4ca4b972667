"""Building blocks for ruled forms: paragraph styles, text fitted into a cell, and small flowables.

A form cell has a fixed size; text in it steps down through font sizes until it fits, so nothing runs
over the grid. When even the smallest size does not fit, the caller lets the row grow, up to a limit
beyond which the text is cut (`…（见附页）`) and printed whole elsewhere. `Text` is a paragraph that
can be cut at a line end, for blocks that continue over pages.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Literal

from reportlab.lib import textsplit as _rl_textsplit
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus import paragraph as _rl_paragraph

from cadre_desk.reports import fonts

# 小四, 五号, 小五, and a last resort: the sizes an official form uses, largest first.
FORM_SIZES: tuple[float, ...] = (12, 10.5, 9, 8)
LEADING = 1.3  # line height as a multiple of the font size
PAD_X = 4.0  # horizontal cell padding (points), kept in step with the tables' style
PAD_Y = 2.0
HANG = 0.5  # ems kept free right of left-aligned text, where punctuation may hang (centred text: none)

# reportlab's CJK wrapping keeps a closing punctuation mark off the start of a line by letting it hang
# in the right margin, but its list lacks most full-width Chinese marks (，；：！？” …); add them.
# Both the one-font path (textsplit) and the mixed-font path (paragraph) read a module global.
_NO_LINE_START = "，；：！？”’》〉」』】〕）｝…—·％"
for _module in (_rl_textsplit, _rl_paragraph):
    _known: str = getattr(_module, "ALL_CANNOT_START")  # noqa: B009
    setattr(_module, "ALL_CANNOT_START", _known + "".join(c for c in _NO_LINE_START if c not in _known))  # noqa: B010

# Line breaking of CJK text measures every character on every wrap (`textsplit.getCharWidths`, one
# `stringWidth` call each): remember each character's width per font and size (the same numbers).
_char_widths: dict[tuple[str, float], dict[str, float]] = {}
_string_width = pdfmetrics.stringWidth


def _cached_char_widths(word: str, fontName: str, fontSize: float) -> list[float]:  # noqa: N803
    table = _char_widths.get((fontName, fontSize))
    if table is None:
        table = _char_widths[(fontName, fontSize)] = {}
    try:
        return [table[c] for c in word]
    except KeyError:
        for c in set(word).difference(table):
            table[c] = _string_width(c, fontName, fontSize)
        return [table[c] for c in word]


setattr(_rl_textsplit, "getCharWidths", _cached_char_widths)  # noqa: B010

# reportlab's TA_LEFT, TA_CENTER, TA_RIGHT, TA_JUSTIFY (it draws with the numbers, not the names).
_ALIGNS: dict[str, Literal[0, 1, 2, 4]] = {"left": 0, "centre": 1, "right": 2, "justify": 4}


@lru_cache(maxsize=256)
def style(size: float, align: str = "left", leading: float = LEADING, indent: float = 0.0) -> ParagraphStyle:
    """A paragraph style in the main font; `indent` > 0 makes a hanging indent for a bullet."""
    return ParagraphStyle(
        f"cd-{size}-{align}-{leading}-{indent}",
        fontName=fonts.MAIN_FONT,
        fontSize=size,
        leading=size * leading,
        alignment=_ALIGNS[align],
        wordWrap="CJK",
        leftIndent=indent,
        rightIndent=0 if align == "centre" else size * HANG,
        bulletIndent=0,
        bulletFontName=fonts.MAIN_FONT,
        bulletFontSize=size,
        allowWidows=1,
        allowOrphans=1,
    )


def para(
    text: str, size: float = 12, align: str = "left", bullet: str | None = None, indent: float = 0.0
) -> Paragraph:
    """A paragraph of user text (escaped, with per-glyph font fallback)."""
    return Paragraph(fonts.markup(text), style(size, align, LEADING, indent), bulletText=bullet)


@dataclass
class Text:
    """A paragraph to be, which can measure itself and split at any character to fill a space.

    reportlab's own `Paragraph.split` mislays lines of CJK text with several runs (fonts) when a part
    is split again, so long text is split here, by its characters, and each part is a new Paragraph.
    """

    text: str
    size: float
    align: str = "justify"
    bullet: str | None = None  # the first part keeps it; the rest continue under the hanging indent
    indent: float = 0.0
    _para: Paragraph | None = field(default=None, init=False, repr=False)
    _wrapped: tuple[float, float] = field(default=(-1.0, 0.0), init=False, repr=False)

    def paragraph(self) -> Paragraph:
        if self._para is None:
            self._para = para(self.text, self.size, self.align, self.bullet, self.indent)
        return self._para

    def height(self, width: float) -> float:
        if self._wrapped[0] != width:
            self._wrapped = (width, self.paragraph().wrap(width, 1e6)[1])
        return self._wrapped[1]

    def pieces(self, width: float, first: float, later: float) -> list[Text]:
        """Consecutive parts: the first no taller than `first` (empty text if not one line fits
        there), each other no taller than `later`. Cut at the printed line ends of one wrap."""
        counts = self._line_chars(width)
        leading = self.paragraph().style.leading
        if sum(counts) != len(self.text):  # the lines do not map back to the text: cut by search
            return self._pieces_by_search(width, first, later)
        parts: list[Text] = []
        pos = line = 0
        room = first
        while line < len(counts):
            lines = int((room + 0.01) // leading)
            if not parts and lines == 0:
                parts.append(replace(self, text=""))
                room = later
                continue
            end = pos + sum(counts[line : line + max(lines, 1)])
            parts.append(replace(self, text=self.text[pos:end], bullet=self.bullet if pos == 0 else None))
            pos, line, room = end, line + max(lines, 1), later
        if parts and parts[0].text and parts[0].height(width) > first + 0.01:
            return self._pieces_by_search(width, first, later)  # re-wrapped differently: be exact
        return parts

    def _pieces_by_search(self, width: float, first: float, later: float) -> list[Text]:
        parts: list[Text] = []
        rest: Text = self
        room = first
        while rest.text:
            if rest.height(width) <= room:
                parts.append(rest)
                break
            low, high = 0, len(rest.text) - 1
            while low < high:  # the longest start that fits
                mid = (low + high + 1) // 2
                if replace(rest, text=rest.text[:mid]).height(width) <= room:
                    low = mid
                else:
                    high = mid - 1
            if low == 0 and parts:  # not one line fits even a whole `later`: keep one character
                low = 1
            parts.append(replace(rest, text=rest.text[:low]))
            rest = replace(rest, text=rest.text[low:], bullet=None)
            room = later
        return parts

    def _line_chars(self, width: float) -> list[int]:
        """How many characters each printed line holds."""
        self.height(width)
        counts = []
        for line in getattr(getattr(self.paragraph(), "blPara", None), "lines", []):
            if isinstance(line, tuple):  # one font: (extra space, [text])
                counts.append(sum(len(word) for word in line[1]))
            else:  # several fonts: a FragLine of runs
                counts.append(sum(len(getattr(word, "text", "")) for word in getattr(line, "words", [])))
        return counts


CLIP_MARK = "…（见附页）"


@dataclass
class Fitted:
    paragraph: Paragraph
    size: float
    height: float
    clipped: bool = False  # the text was cut to `max_height`; the caller prints it whole elsewhere


def fit(
    text: str,
    width: float,
    height: float,
    align: str = "centre",
    sizes: Sequence[float] = FORM_SIZES,
    keep_lines: bool = True,
    max_height: float | None = None,
) -> Fitted:
    """The largest size at which `text` fits in `width` x `height` (inner size of the cell).

    With `keep_lines`, a size only counts when every explicit line also fits on one printed line (a
    short field such as `（41岁）` should shrink rather than break). When nothing fits, the smallest
    size is returned with the height it needs, and the caller grows the row; beyond `max_height` the
    text is cut and ends in `…（见附页）`.
    """
    lines = text.split("\n")
    for size in sizes:
        hang = 0 if align == "centre" else size * HANG
        if keep_lines and any(fonts.string_width(line, size) > width - hang for line in lines):
            continue
        if len(lines) * size * LEADING > height + 0.01:
            continue
        p = para(text, size, align)
        _w, h = p.wrap(width, 1e6)
        if h <= height + 0.01:
            return Fitted(p, size, h)
    if keep_lines:
        return fit(text, width, height, align, sizes, keep_lines=False, max_height=max_height)
    size = sizes[-1]
    last = para(text, size, align)
    need = last.wrap(width, 1e6)[1]
    if max_height is None or need <= max_height:
        return Fitted(last, size, need)
    return _clip(text, width, max_height, align, size)


def _clip(text: str, width: float, max_height: float, align: str, size: float) -> Fitted:
    """The longest start of `text` that fits with the clip mark (binary search on its length)."""
    low, high = 0, len(text)
    best = para(CLIP_MARK, size, align)
    while low < high:
        mid = (low + high + 1) // 2
        p = para(text[:mid].rstrip() + CLIP_MARK, size, align)
        if p.wrap(width, 1e6)[1] <= max_height:
            low, best = mid, p
        else:
            high = mid - 1
    return Fitted(best, size, min(best.wrap(width, 1e6)[1], max_height), clipped=True)


def label(text: str, size: float = 12) -> Paragraph:
    """A centred label; `\\n` separates its printed lines."""
    return para(text, size, "centre")


class Title(Flowable):
    """A centred document title in a heavy weight (the font has no bold face: fill and stroke)."""

    def __init__(self, text: str, size: float = 22, space_after: float = 6) -> None:
        super().__init__()
        self.text = text
        self.size = size
        self.space_after = space_after

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        self.height = self.size * 1.25 + self.space_after
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setLineWidth(self.size / 40)
        x = (self.width - fonts.string_width(self.text, self.size)) / 2
        text = c.beginText(x, self.space_after + self.size * 0.3)
        text.setTextRenderMode(2)
        for font, piece in fonts.font_runs(self.text):
            text.setFont(font, self.size)
            text.textOut(piece)
        c.drawText(text)
        c.restoreState()


class Line(Flowable):
    """One line of small text: `left` at the left edge and `right` at the right edge."""

    def __init__(self, left: str = "", right: str = "", size: float = 10.5, height: float = 18) -> None:
        super().__init__()
        self.left, self.right, self.size, self.line_height = left, right, size, height

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        return availWidth, self.line_height

    def draw(self) -> None:
        y = (self.line_height - self.size) / 2 + self.size * 0.15
        half = self.width / 2 - self.size
        if self.left:
            fonts.draw_string(self.canv, 0, y, fonts.clip(self.left, self.size, half), self.size)
        if self.right:
            right = fonts.clip(self.right, self.size, half)
            fonts.draw_string(self.canv, self.width, y, right, self.size, "right")


class Photo(Flowable):
    """A photo scaled into a box, keeping its aspect ratio; a blank box when there is none."""

    def __init__(self, data: bytes | None, width: float, height: float) -> None:
        super().__init__()
        self.width, self.height = width, height
        self.image: ImageReader | None = None
        if data:
            try:
                self.image = ImageReader(io.BytesIO(data))
                self.image.getSize()
            except Exception:  # an unreadable photo prints as an empty photo cell, never fails the form
                self.image = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return self.width, self.height

    def draw(self) -> None:
        if self.image is None:
            return
        iw, ih = self.image.getSize()
        scale = min(self.width / iw, self.height / ih)
        w, h = iw * scale, ih * scale
        self.canv.drawImage(self.image, (self.width - w) / 2, (self.height - h) / 2, w, h)
