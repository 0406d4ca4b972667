"""The fonts of every printed document: registered once per process, embedded as subsets.

WenQuanYi Micro Hei is the main font. It lacks CJK Extension A (e.g. 㛃, 䶮, which occur in names) and
the newest unified ideographs, so a subset of HanaMinA covering them ships beside it. reportlab does
not fall back per glyph by itself: `markup` splits text into runs by font for Paragraphs, and
`draw_string` does the same for text drawn straight on a canvas.

The appointment form is set in a Song face (AR PL SungtiL GB, `SONG_FONT`), as the official form is in
宋体. It covers GB 2312 only: for other characters the form falls back to WenQuanYi, then to HanaMinA
(pass `main=SONG_FONT` to `font_runs`, `string_width` and `draw_string`).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from cadre_desk import paths

MAIN_FONT = "WenQuanYiMicroHei"
FALLBACK_FONT = "HanaMinExt"
SONG_FONT = "ARPLSungtiLGB"

MAIN_FONT_FILE = paths.font_path("wqy-microhei.ttc")
FALLBACK_FONT_FILE = paths.font_path("hanamina-ext.ttf")
SONG_FONT_FILE = paths.font_path("arphic-sungtil-gb.ttf")


@dataclass(frozen=True)
class _Coverage:
    main: frozenset[int]
    fallback: frozenset[int]
    main_chars: frozenset[str]  # `main` as characters (with the line breaks), for a quick subset test
    song: frozenset[int] = frozenset()
    song_chars: frozenset[str] = frozenset()


class _State:
    lock = threading.Lock()
    coverage: _Coverage | None = None


def register_fonts() -> None:
    """Register both fonts with reportlab and make the main one the canvas default (idempotent)."""
    if _State.coverage is not None:
        return
    with _State.lock:
        if _State.coverage is not None:
            return
        main = TTFont(MAIN_FONT, str(MAIN_FONT_FILE), subfontIndex=0)
        fallback = TTFont(FALLBACK_FONT, str(FALLBACK_FONT_FILE))
        song = TTFont(SONG_FONT, str(SONG_FONT_FILE))
        pdfmetrics.registerFont(main)
        pdfmetrics.registerFont(fallback)
        pdfmetrics.registerFont(song)
        # Without this every canvas starts with an unused, unembedded Helvetica.
        rl_config.canvas_basefontname = MAIN_FONT
        main_codes = frozenset(main.face.charToGlyph)
        _State.coverage = _Coverage(
            main=main_codes,
            fallback=frozenset(fallback.face.charToGlyph),
            main_chars=frozenset(map(chr, main_codes)) | frozenset("\n\r\t"),
            song=frozenset(song.face.charToGlyph),
            song_chars=frozenset(map(chr, song.face.charToGlyph)) | frozenset("\n\r\t"),
        )


def _cov() -> _Coverage:
    register_fonts()
    assert _State.coverage is not None
    return _State.coverage


def escape(text: str) -> str:
    """Escape the characters that Paragraph markup would read as tags or entities."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def font_for(char: str, main: str = MAIN_FONT) -> str:
    """The font that draws `char`: `main` when it has the glyph, else the first fallback that has it
    (for the Song face: WenQuanYi, then HanaMinA)."""
    cov = _cov()
    code = ord(char)
    if main == SONG_FONT:
        if code in cov.song:
            return SONG_FONT
        if code in cov.main or code not in cov.fallback:
            return MAIN_FONT if code in cov.main else SONG_FONT
        return FALLBACK_FONT
    if code in cov.main or code not in cov.fallback:
        return MAIN_FONT
    return FALLBACK_FONT


@lru_cache(maxsize=4096)
def font_runs(text: str, main: str = MAIN_FONT) -> tuple[tuple[str, str], ...]:
    """Split `text` into (font name, piece) runs, a fallback font only where `main` lacks a glyph."""
    cov = _cov()
    if (cov.song_chars if main == SONG_FONT else cov.main_chars).issuperset(text):
        return ((main, text),) if text else ()
    runs: list[tuple[str, str]] = []
    current = main
    piece: list[str] = []
    for char in text:
        font = main if char in "\n\r\t" else font_for(char, main)
        if font != current and piece:
            runs.append((current, "".join(piece)))
            piece = []
        current = font
        piece.append(char)
    if piece:
        runs.append((current, "".join(piece)))
    return tuple(runs)


def markup(text: str) -> str:
    """Paragraph markup for user text: escaped, newlines as line breaks, rare characters in the fallback."""
    parts = []
    for font, piece in font_runs(text):
        body = escape(piece).replace("\r\n", "\n").replace("\n", "<br/>")
        parts.append(body if font == MAIN_FONT else f'<font name="{font}">{body}</font>')
    return "".join(parts)


def missing_glyphs(text: str) -> str:
    """The distinct characters of `text` that no shipped font can draw (they would print as boxes)."""
    cov = _cov()
    seen = dict.fromkeys(
        c
        for c in text
        if c not in "\n\r\t"
        and ord(c) not in cov.main
        and ord(c) not in cov.fallback
        and ord(c) not in cov.song
    )
    return "".join(seen)


def string_width(text: str, size: float, main: str = MAIN_FONT) -> float:
    """The width of `text` in points at `size`, measuring each run in its own font."""
    return sum(pdfmetrics.stringWidth(piece, font, size) for font, piece in font_runs(text, main))


def clip(text: str, size: float, width: float) -> str:
    """`text`, or as much of its start as fits in `width` followed by `…` (one printed line)."""
    if string_width(text, size) <= width:
        return text
    low, high = 0, len(text)
    while low < high:
        mid = (low + high + 1) // 2
        if string_width(text[:mid] + "…", size) <= width:
            low = mid
        else:
            high = mid - 1
    return text[:low] + "…"


def draw_string(
    canvas: Canvas, x: float, y: float, text: str, size: float, align: str = "left", main: str = MAIN_FONT
) -> float:
    """Draw one line of text with per-glyph fallback; `align` is left, centre or right of `x`.

    Returns the width drawn.
    """
    width = string_width(text, size, main)
    if align == "centre":
        x -= width / 2
    elif align == "right":
        x -= width
    for font, piece in font_runs(text, main):
        canvas.setFont(font, size)
        canvas.drawString(x, y, piece)
        x += pdfmetrics.stringWidth(piece, font, size)
    return width
