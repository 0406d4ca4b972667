"""简历 (career lines): formatting a line and finding gaps and overlaps between main lines.

A resume with gaps or overlaps is legal (people study, wait for postings); the service accepts it and
returns these warnings for the UI to show.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cadre_desk.domain.yearmonth import YearMonth


@dataclass(frozen=True, slots=True)
class Span:
    start: YearMonth
    end: YearMonth | None  # None: the line is still open (current post)


@dataclass(frozen=True, slots=True)
class ResumeWarning:
    index: int  # the later of the two lines concerned, 0-based in start order
    kind: str  # "gap" | "overlap" | "open_not_last" | "end_before_start"
    message: str


def format_span(span: Span) -> str:
    """`2008.07--2011.09`, or `2011.09--` for a line that is still open."""
    return f"{span.start}--{span.end or ''}"


def format_line(span: Span, text: str) -> str:
    return f"{format_span(span)}  {text}"


def check_lines(spans: Sequence[Span]) -> list[ResumeWarning]:
    """Warnings for consecutive main lines (in start order): whole missing months, overlaps."""
    warnings: list[ResumeWarning] = []
    order = sorted(range(len(spans)), key=lambda i: spans[i].start)
    for pos, i in enumerate(order):
        span = spans[i]
        if span.end is not None and span.end < span.start:
            warnings.append(ResumeWarning(pos, "end_before_start", f"第{pos + 1}行的结束年月早于开始年月"))
        if pos == 0:
            continue
        prev = spans[order[pos - 1]]
        if prev.end is None:
            warnings.append(
                ResumeWarning(pos, "open_not_last", f"第{pos}行没有结束年月，但其后还有第{pos + 1}行")
            )
            continue
        # A line usually starts in the month the previous one ended (or the month after): no gap.
        months = prev.end.months_until(span.start)
        if months > 1:
            warnings.append(
                ResumeWarning(
                    pos,
                    "gap",
                    f"第{pos}行与第{pos + 1}行之间空缺 {months - 1} 个月（{prev.end}—{span.start}）",
                )
            )
        elif months < 0:
            warnings.append(ResumeWarning(pos, "overlap", f"第{pos}行与第{pos + 1}行时间重叠 {-months} 个月"))
    return warnings
