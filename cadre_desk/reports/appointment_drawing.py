"""Drawing a laid-out page of the 干部任免审批表 on a reportlab canvas: the ruled grid (merged segments,
the heavy rules), the fitted texts, the photo scaled into its cell, and the 草稿 watermark.
"""

from __future__ import annotations

import io

from reportlab.lib.colors import Color, black
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from cadre_desk.reports import fonts
from cadre_desk.reports.appointment_grid import INNER_RULE, OUTER_RULE, PAGE_H, PAGE_W, SONG, Page, Placed
from cadre_desk.reports.form_fit import MM


def px(x_mm: float) -> float:
    return x_mm * MM


def py(y_mm: float) -> float:
    return (PAGE_H - y_mm) * MM


def _segments(page: Page) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
    """The inner rules as merged horizontal (y, x0, x1) and vertical (x, y0, y1) segments, in mm."""
    horizontal: dict[float, list[tuple[float, float]]] = {}
    vertical: dict[float, list[tuple[float, float]]] = {}
    for box in page.cells:
        for yy in (box.y0, box.y1):
            if 0.01 < yy < page.height - 0.01:
                horizontal.setdefault(round(yy, 3), []).append((box.x0, box.x1))
        for xx in (box.x0, box.x1):
            if 0.01 < xx < page.width - 0.01:
                vertical.setdefault(round(xx, 3), []).append((box.y0, box.y1))

    def merge(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
        out: list[tuple[float, float]] = []
        for a, z in sorted(spans):
            if out and a <= out[-1][1] + 0.01:
                out[-1] = (out[-1][0], max(out[-1][1], z))
            else:
                out.append((a, z))
        return out

    h = [(yy, a, z) for yy, spans in horizontal.items() for a, z in merge(spans)]
    v = [(xx, a, z) for xx, spans in vertical.items() for a, z in merge(spans)]
    return h, v


def _draw_grid(c: Canvas, page: Page) -> None:
    left, top = page.left, page.top
    horizontal, vertical = _segments(page)
    c.setStrokeColor(black)
    for yy, a, z in horizontal:
        c.setLineWidth(OUTER_RULE if any(abs(yy - hy) < 0.01 for hy in page.heavy) else INNER_RULE)
        c.line(px(left + a), py(top + yy), px(left + z), py(top + yy))
    c.setLineWidth(INNER_RULE)
    for xx, a, z in vertical:
        c.line(px(left + xx), py(top + a), px(left + xx), py(top + z))
    c.setLineWidth(OUTER_RULE)
    c.rect(px(left), py(top + page.height), page.width * MM, page.height * MM, stroke=1, fill=0)


def _draw_text(c: Canvas, page: Page, placed: Placed) -> None:
    box, f = placed.box, placed.fitted
    pad = placed.pad
    x0 = px(page.left + box.x0 + pad)
    x1 = px(page.left + box.x1 - pad)
    top = py(page.top + box.y0 + pad)
    bottom = py(page.top + box.y1 - pad)
    if placed.valign == "middle":
        top -= ((top - bottom) - f.height) / 2
    for i, line in enumerate(f.lines):
        baseline = top - i * f.leading - (f.leading - f.size) / 2 - f.size * 0.86
        if line.lead:
            fonts.draw_string(c, x0, baseline, line.lead, f.size, "left", SONG)
        if placed.align == "centre":
            fonts.draw_string(c, (x0 + x1) / 2, baseline, line.text, f.size, "centre", SONG)
        elif placed.align == "right":
            fonts.draw_string(c, x1, baseline, line.text, f.size, "right", SONG)
        else:
            fonts.draw_string(c, x0 + line.indent, baseline, line.text, f.size, "left", SONG)


def _draw_photo(c: Canvas, page: Page, photo: bytes | None) -> None:
    if page.photo is None or not photo:
        return
    try:
        image = ImageReader(io.BytesIO(photo))
        iw, ih = image.getSize()
    except Exception:  # an unreadable photo prints as an empty photo cell, never fails the form
        return
    box = page.photo
    w, h = (box.x1 - box.x0) * MM - 2 * INNER_RULE, (box.y1 - box.y0) * MM - 2 * INNER_RULE
    scale = min(w / iw, h / ih)
    dw, dh = iw * scale, ih * scale
    x = px(page.left + box.x0) + INNER_RULE + (w - dw) / 2
    y = py(page.top + box.y1) + INNER_RULE + (h - dh) / 2
    c.drawImage(image, x, y, dw, dh)


def _draw_watermark(c: Canvas) -> None:
    c.saveState()
    c.setFillColor(Color(0.82, 0.82, 0.82))
    c.translate(PAGE_W * MM / 2, PAGE_H * MM / 2)
    c.rotate(35)
    fonts.draw_string(c, 0, -60, "草稿", 200, "centre", SONG)
    c.restoreState()


def draw_page(c: Canvas, page: Page, photo: bytes | None, draft: bool) -> None:
    if draft:
        _draw_watermark(c)
    c.setFillColor(black)
    _draw_photo(c, page, photo)
    for placed in page.texts:
        _draw_text(c, page, placed)
    _draw_grid(c, page)
