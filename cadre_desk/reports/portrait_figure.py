"""The growth portrait as a figure: one layout, drawn by the window (QPainter) and the dossier (vector).

`layout(portrait, width, height)` turns a `services.portrait.Portrait` into plain shapes (rectangles,
lines, texts) in a top-left coordinate system; `drawing()` turns them into a reportlab Drawing, and the
window's widget paints the same shapes, so that what staff see is what the dossier prints.

Colour never carries meaning alone: every coloured cell also prints its word (优秀, 黄 …), so that a
black-and-white print and a colour-blind reader lose nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.graphics.shapes import Line as RlLine
from reportlab.graphics.shapes import Rect as RlRect
from reportlab.lib.colors import HexColor

from cadre_desk.domain.post_level import LEVEL_NAMES
from cadre_desk.domain.yearmonth import YearMonth
from cadre_desk.services.portrait import Mark, Portrait, Span

TONE_FILLS = {
    "good": "#a5d6a7",
    "normal": "#d6e4f0",
    "warn": "#ffe082",
    "bad": "#ef9a9a",
    "none": "#e0e0e0",
}
INK = "#222222"
GRID = "#d0d0d0"
MUTED = "#707070"
STEP = "#1f5f99"
TRAINING = "#6d8fb3"
DIARY = "#5b9a68"
TALK = "#a0703c"
SPAN_FILLS = {"mentor": "#d7c7e8", "mentee": "#c8e0d0", "": "#dde3ea"}


@dataclass(frozen=True, slots=True)
class Box:
    x: float
    y: float
    w: float
    h: float
    fill: str = ""  # "" = not filled
    stroke: str = ""  # "" = no outline
    tip: str = ""  # shown on hover in the window; "" = none


@dataclass(frozen=True, slots=True)
class Stroke:
    x1: float
    y1: float
    x2: float
    y2: float
    colour: str
    width: float = 1.0


@dataclass(frozen=True, slots=True)
class Label:
    x: float
    y: float  # the baseline
    text: str
    size: float
    colour: str = INK
    anchor: Literal["start", "middle", "end"] = "start"
    bold: bool = False


Shape = Box | Stroke | Label


def text_width(text: str, size: float) -> float:
    """An estimate that holds for the CJK faces we ship: a Han character is one em, Latin about half."""
    return sum(size if ord(ch) > 0x2E80 else size * 0.55 for ch in text)


def fit(text: str, size: float, width: float) -> str:
    """`text`, cut with … to fit `width`; "" when not even one character and … fit."""
    if text_width(text, size) <= width:
        return text
    out = ""
    for ch in text:
        if text_width(out + ch + "…", size) > width:
            break
        out += ch
    return out + "…" if out else ""


# Lane weights (share of the height) and minimum heights in font sizes.
_STEPS, _CELLS, _BARS, _SPANS, _AXIS = 5.0, 1.4, 2.0, 1.6, 1.3


@dataclass(frozen=True)
class _Frame:
    left: float
    right: float
    first: YearMonth
    months: int

    def x(self, day: dt.date) -> float:
        month = (day.year - self.first.year) * 12 + day.month - self.first.month
        frac = (day.day - 1) / 31
        return self.left + (month + frac) / self.months * (self.right - self.left)

    def x_month(self, ym: YearMonth) -> float:
        return self.x(ym.first_day())

    def x_after(self, ym: YearMonth) -> float:
        return self.x_month(ym.add_months(1))

    def clamp(self, x: float) -> float:
        return max(self.left, min(self.right, x))


def layout(p: Portrait, width: float, height: float, size: float = 9.0) -> list[Shape]:
    """The shapes of the portrait in a `width` × `height` box (points or pixels; y grows downwards)."""
    shapes: list[Shape] = []
    label_w = text_width("职务层次", size) + size
    frame = _Frame(label_w, width - size * 0.5, p.first, p.first.months_until(p.last) + 1)
    lanes: list[tuple[str, float]] = [("steps", _STEPS), ("assessments", _CELLS), ("training", _BARS)]
    lanes += [(f"extra{i}", _CELLS if lane.marks else _SPANS) for i, lane in enumerate(p.extra_lanes)]
    lanes += [("diary", _BARS * 0.8), ("talks", _BARS * 0.8), ("pairings", _SPANS)]
    axis_h = size * 2.2
    total = sum(w for _, w in lanes)
    avail = height - axis_h
    y = 0.0
    for key, weight in lanes:
        h = avail * weight / total
        _lane_frame(shapes, frame, y, h, _lane_title(p, key), size, width)
        top, bottom = y + size * 0.25, y + h - size * 0.25
        if key == "steps":
            _draw_steps(shapes, frame, p, top + size * 1.4, bottom, size)
        elif key == "assessments":
            _draw_marks(shapes, frame, p.assessments, top, bottom, size)
        elif key == "training":
            _draw_training(shapes, frame, p.training_hours, top, bottom, size)
        elif key.startswith("extra"):
            lane = p.extra_lanes[int(key[5:])]
            if lane.marks:
                _draw_marks(shapes, frame, lane.marks, top, bottom, size)
            else:
                _draw_spans(shapes, frame, lane.spans, top, bottom, size)
        elif key == "diary":
            _draw_months(shapes, frame, p.diary_months, top, bottom, size, DIARY, "篇日记")
        elif key == "talks":
            _draw_months(shapes, frame, p.talk_months, top, bottom, size, TALK, "次谈话")
        elif key == "pairings":
            _draw_spans(shapes, frame, p.pairings, top, bottom, size)
        y += h
    _draw_axis(shapes, frame, y, size)
    return shapes


def _lane_title(p: Portrait, key: str) -> str:
    titles = {
        "steps": "职务层次",
        "assessments": "年度考核",
        "training": "培训学时",
        "diary": "成长日记",
        "talks": "谈心谈话",
        "pairings": "结对帮带",
    }
    if key.startswith("extra"):
        return p.extra_lanes[int(key[5:])].title
    return titles[key]


def _lane_frame(
    shapes: list[Shape], frame: _Frame, y: float, h: float, title: str, size: float, width: float
) -> None:
    shapes.append(Stroke(0, y + h, width, y + h, GRID, 0.5))
    shapes.append(
        Label(0, y + h / 2 + size * 0.35, fit(title, size, frame.left - size * 0.5), size, bold=True)
    )


def _draw_steps(
    shapes: list[Shape], frame: _Frame, p: Portrait, top: float, bottom: float, size: float
) -> None:
    # Only the levels this cadre's career spans (at least three), so that the steps read large.
    seen = [s.level for s in p.steps if s.level is not None]
    low = min(seen, default=min(LEVEL_NAMES))
    high = max(max(seen, default=low), low + 2)
    low = max(min(LEVEL_NAMES), min(low, high - 2))
    high = min(max(LEVEL_NAMES), high)
    levels = [level for level in sorted(LEVEL_NAMES) if low <= level <= high]
    step = (bottom - top) / max(1, len(levels) - 1)

    def y_of(level: int) -> float:
        return bottom - (level - levels[0]) * step

    small = size * 0.8
    for level in levels:
        y = y_of(level)
        shapes.append(Stroke(frame.left, y, frame.right, y, GRID, 0.4))
        shapes.append(Label(frame.left + 1, y - 1.5, LEVEL_NAMES[level], small * 0.9, MUTED))
    previous: tuple[float, float] | None = None
    for s in p.steps:
        x1 = frame.clamp(frame.x_month(s.start))
        x2 = frame.clamp(frame.x_after(s.end) if s.end is not None else frame.right)
        when = f"{s.start}--{s.end or ''}"
        if s.level is None:
            shapes.append(Box(x1, top, max(x2 - x1, 1), bottom - top, tip=f"{when}  {s.text}"))
            previous = None
            continue
        y = y_of(s.level)
        if previous is not None and abs(previous[0] - x1) < 3:
            shapes.append(Stroke(x1, previous[1], x1, y, STEP, 1.0))
        shapes.append(Stroke(x1, y, x2, y, STEP, 2.6))
        shapes.append(Stroke(x1, y - size * 0.5, x1, y + size * 0.5, STEP, 0.8))  # where the post starts
        shapes.append(Box(x1, y - size, max(x2 - x1, 1), size * 1.6, tip=f"{when}  {s.text}"))
        text = fit_tail(s.text.strip(), small, x2 - x1 - small * 0.6)
        if text:
            shapes.append(Label(x1 + 2, y - size * 0.45, text, small, STEP))
        previous = (x2, y)


def fit_tail(text: str, size: float, width: float) -> str:
    """The end of `text` behind …, to fit `width`: a resume line names the unit first and the post last
    (`XX县XX镇党委副书记、镇长`), and the post is what the step is about."""
    if text_width(text, size) <= width:
        return text
    out = ""
    for ch in reversed(text):
        if text_width("…" + ch + out, size) > width:
            break
        out = ch + out
    return "…" + out if out else ""


def _draw_marks(
    shapes: list[Shape], frame: _Frame, marks: tuple[Mark, ...], top: float, bottom: float, size: float
) -> None:
    small = size * 0.85
    for m in marks:
        x1, x2 = frame.clamp(frame.x(m.start)), frame.clamp(frame.x(m.end + dt.timedelta(days=1)))
        if x2 - x1 < 0.5:
            continue
        fill = TONE_FILLS.get(m.tone, TONE_FILLS["none"])
        shapes.append(Box(x1 + 0.3, top, x2 - x1 - 0.6, bottom - top, fill, "#ffffff", m.tip or m.word))
        word = m.word if text_width(m.word, small) <= x2 - x1 - 1 else m.word[:1]
        if text_width(word, small) <= x2 - x1:
            shapes.append(
                Label((x1 + x2) / 2, (top + bottom) / 2 + small * 0.35, word, small, anchor="middle")
            )


def _draw_training(
    shapes: list[Shape],
    frame: _Frame,
    years: tuple[tuple[int, float], ...],
    top: float,
    bottom: float,
    size: float,
) -> None:
    if not years:
        _none(shapes, frame, top, bottom, size)
        return
    small = size * 0.75
    peak = max(h for _, h in years)
    room = bottom - top - small * 1.2
    for year, hours in years:
        x1 = frame.clamp(frame.x(dt.date(year, 1, 1)))
        x2 = frame.clamp(frame.x(dt.date(year + 1, 1, 1)))
        if x2 - x1 < 0.5:
            continue
        h = max(1.0, room * hours / peak)
        shapes.append(Box(x1 + 1, bottom - h, x2 - x1 - 2, h, TRAINING, "", f"{year}年：{hours:g}学时"))
        text = f"{hours:g}"
        if text_width(text, small) <= x2 - x1:
            shapes.append(Label((x1 + x2) / 2, bottom - h - 1.5, text, small, MUTED, "middle"))


def _draw_months(
    shapes: list[Shape],
    frame: _Frame,
    months: tuple[tuple[YearMonth, int], ...],
    top: float,
    bottom: float,
    size: float,
    colour: str,
    unit: str,
) -> None:
    shown = [(ym, n) for ym, n in months if not ym < frame.first]
    if not shown:
        _none(shapes, frame, top, bottom, size)
        return
    peak = max(n for _, n in shown)
    room = bottom - top
    for ym, n in shown:
        x1, x2 = frame.x_month(ym), frame.x_after(ym)
        h = max(1.0, room * n / peak)
        shapes.append(Box(x1, bottom - h, max(x2 - x1 - 0.3, 0.6), h, colour, "", f"{ym}：{n}{unit}"))
    # The scale, under the lane's title: the tallest bar.
    shapes.append(Label(0, bottom - size * 0.1, f"最多{peak}{unit}/月", size * 0.7, MUTED))


def _draw_spans(
    shapes: list[Shape], frame: _Frame, spans: tuple[Span, ...], top: float, bottom: float, size: float
) -> None:
    if not spans:
        _none(shapes, frame, top, bottom, size)
        return
    rows: list[float] = []  # the right end of the last span in each row
    placed: list[tuple[Span, int, float, float]] = []
    for s in sorted(spans, key=lambda s: s.start):
        x1 = frame.clamp(frame.x(s.start))
        x2 = frame.clamp(frame.x(s.end) if s.end is not None else frame.right)
        row = next((i for i, end in enumerate(rows) if end <= x1), None)
        if row is None:
            rows.append(x2)
            row = len(rows) - 1
        else:
            rows[row] = x2
        placed.append((s, row, x1, x2))
    h = (bottom - top) / max(1, len(rows))
    small = min(size * 0.8, h * 0.7)
    for s, row, x1, x2 in placed:
        y = top + row * h
        end = s.end.strftime("%Y.%m.%d") if s.end else "至今"
        tip = f"{s.start:%Y.%m.%d}--{end}  {s.label}"
        shapes.append(
            Box(x1, y + 0.5, max(x2 - x1, 1.5), h - 1, SPAN_FILLS.get(s.kind, SPAN_FILLS[""]), "#8a8a8a", tip)
        )
        text = fit(s.label, small, x2 - x1 - 2)
        if text:
            shapes.append(Label(x1 + 1.5, y + h / 2 + small * 0.35, text, small))


def _none(shapes: list[Shape], frame: _Frame, top: float, bottom: float, size: float) -> None:
    shapes.append(Label(frame.left + 2, (top + bottom) / 2 + size * 0.3, "无记录", size * 0.8, MUTED))


def _draw_axis(shapes: list[Shape], frame: _Frame, y: float, size: float) -> None:
    small = size * 0.8
    years = range(frame.first.year, frame.first.add_months(frame.months).year + 1)
    per_year = (frame.right - frame.left) / (frame.months / 12)
    every = next((n for n in (1, 2, 5, 10, 20) if per_year * n >= text_width("2024", small) * 1.6), 50)
    for year in years:
        x = frame.x(dt.date(year, 1, 1))
        if x < frame.left - 0.1 or x > frame.right + 0.1:
            continue
        major = year % every == 0
        shapes.append(Stroke(x, y, x, y + (size * 0.5 if major else size * 0.25), MUTED, 0.5))
        if major:
            shapes.append(Label(x, y + size * 1.5, str(year), small, MUTED, "middle"))


def drawing(p: Portrait, width: float, height: float, size: float = 8.0) -> Drawing:
    """The portrait as a reportlab vector Drawing of `width` × `height` points."""
    from cadre_desk.reports.fonts import MAIN_FONT, register_fonts

    register_fonts()
    # initialFontName: else the renderer starts with Helvetica, a font the PDF would not embed
    d = Drawing(width, height, initialFontName=MAIN_FONT)
    group = Group()
    for shape in layout(p, width, height, size):
        if isinstance(shape, Box):
            if not shape.fill and not shape.stroke:
                continue  # a hover target only
            paint: dict[str, Any] = {
                "fillColor": HexColor(shape.fill) if shape.fill else None,
                "strokeColor": HexColor(shape.stroke) if shape.stroke else None,
                "strokeWidth": 0.4,
            }
            group.add(RlRect(shape.x, height - shape.y - shape.h, shape.w, shape.h, **paint))
        elif isinstance(shape, Stroke):
            group.add(
                RlLine(
                    shape.x1,
                    height - shape.y1,
                    shape.x2,
                    height - shape.y2,
                    strokeColor=HexColor(shape.colour),
                    strokeWidth=shape.width,
                )
            )
        else:
            group.add(
                String(
                    shape.x,
                    height - shape.y,
                    shape.text,
                    fontName=MAIN_FONT,
                    fontSize=shape.size,
                    fillColor=HexColor(shape.colour),
                    textAnchor=shape.anchor,
                )
            )
    d.add(group)
    return d


__all__ = ["Box", "Label", "Shape", "Stroke", "drawing", "fit", "fit_tail", "layout", "text_width"]
