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
    """Warnings for main lines in start order: whole missing months, overlaps, misplaced open lines.

    Each line is compared with the latest end reached by all lines before it, so a long line that
    contains shorter ones is neither a gap nor counted twice.
    """
    warnings: list[ResumeWarning] = []
    order = sorted(range(len(spans)), key=lambda i: spans[i].start)
    reach: YearMonth | None = None  # latest end so far (None with reach_open: an open line came before)
    reach_open = False
    reach_pos = 0
    for pos, i in enumerate(order):
        span = spans[i]
        if span.end is not None and span.end < span.start:
            warnings.append(ResumeWarning(pos, "end_before_start", f"第{pos + 1}行的结束年月早于开始年月"))
        if pos > 0:
            if reach_open:
                warnings.append(
                    ResumeWarning(
                        pos, "open_not_last", f"第{reach_pos + 1}行没有结束年月，但其后还有第{pos + 1}行"
                    )
                )
            elif reach is not None:
                months = reach.months_until(span.start)
                # A line usually starts in the month the previous one ended, or the month after: no gap.
                if months > 1:
                    warnings.append(
                        ResumeWarning(
                            pos,
                            "gap",
                            f"第{reach_pos + 1}行与第{pos + 1}行之间空缺 {months - 1} 个月"
                            f"（{reach}—{span.start}）",
                        )
                    )
                elif months < 0:
                    end = reach if span.end is None or reach < span.end else span.end
                    overlap = max(span.start.months_until(end), 1)
                    warnings.append(
                        ResumeWarning(
                            pos, "overlap", f"第{reach_pos + 1}行与第{pos + 1}行时间重叠 {overlap} 个月"
                        )
                    )
        if span.end is None:
            if not reach_open:
                reach_open, reach_pos = True, pos
        elif not reach_open and (reach is None or span.end > reach):
            reach, reach_pos = span.end, pos
    return warnings
