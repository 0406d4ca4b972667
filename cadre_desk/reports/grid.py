"""Ruled tables shared by the printed forms: the grid style, and labelled blocks of any length.

A form is a stack of small tables (reportlab lays many small tables out much faster than one big
one); `grid_style` draws them so that only the outer edge of the stack is heavy. A labelled block of
text longer than a page is cut at line ends into rows that split over pages with a closed outline.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.colors import black
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Table, TableStyle

from cadre_desk.reports import fonts
from cadre_desk.reports.cells import PAD_X, PAD_Y, Text

INNER_LINE = 0.5
OUTER_LINE = 1.0
MAX_ROW = 12 * cm  # a block taller than this is cut into several rows, which may split over pages


def base_style(*extra: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    """Cell font (even empty cells set one: no Helvetica), middle alignment and paddings."""
    return [
        ("FONT", (0, 0), (-1, -1), fonts.MAIN_FONT, 12),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD_X),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD_X),
        ("TOPPADDING", (0, 0), (-1, -1), PAD_Y),
        ("BOTTOMPADDING", (0, 0), (-1, -1), PAD_Y),
        *extra,
    ]


def grid_style(
    spans: Sequence[tuple[int, int, int, int]] = (),
    top_aligned: Sequence[tuple[int, int]] = (),
    first: bool = True,
    last: bool = True,
) -> TableStyle:
    """Thin black grid with a heavier outline; `spans` as (col0, row0, col1, row1).

    Tables stacked into one form pass `first`/`last`, so only the form's outer edge is heavy.
    """
    commands = base_style(
        ("INNERGRID", (0, 0), (-1, -1), INNER_LINE, black),
        ("LINEBEFORE", (0, 0), (0, -1), OUTER_LINE, black),
        ("LINEAFTER", (-1, 0), (-1, -1), OUTER_LINE, black),
        ("LINEABOVE", (0, 0), (-1, 0), OUTER_LINE if first else INNER_LINE, black),
        ("LINEBELOW", (0, -1), (-1, -1), OUTER_LINE if last else INNER_LINE, black),
    )
    commands += [("SPAN", (c0, r0), (c1, r1)) for c0, r0, c1, r1 in spans]
    commands += [("VALIGN", cell, cell, "TOP") for cell in top_aligned]
    return TableStyle(commands)


def fill(texts: Sequence[Text], width: float, room: float) -> tuple[list[Text], list[Text]]:
    """The texts that fit in `room` (the last one cut at a line end if need be), and the rest."""
    taken: list[Text] = []
    for i, text in enumerate(texts):
        h = text.height(width)
        if h <= room:
            taken.append(text)
            room -= h
            continue
        head, *tail = text.pieces(width, room, 1e9)
        if head.text:
            taken.append(head)
        return taken, [*tail, *texts[i + 1 :]]
    return taken, []


def chunks(texts: Sequence[Text], width: float, limit: float) -> list[list[Text]]:
    """Group texts into runs no taller than `limit`, cutting texts at line ends to fill each run."""
    runs: list[list[Text]] = [[]]
    room = limit
    for text in texts:
        h = text.height(width)
        if h <= room:
            runs[-1].append(text)
            room -= h
            continue
        head, *tail = text.pieces(width, room, limit)
        if head.text:
            runs[-1].append(head)
        for piece in tail:
            runs.append([piece])
        room = limit - tail[-1].height(width) if tail else 0.0
    return [run for run in runs if run]


class BoxedTable(Table):
    """A table whose parts each get a closed outline when it splits over pages."""

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        parts: list[Flowable] = super().split(availWidth, availHeight)
        for part in parts:
            if isinstance(part, Table):
                part.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), OUTER_LINE, black)]))
        return parts
