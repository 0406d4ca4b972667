"""简历 lines: gaps, overlaps, open lines and reversed spans, checked in start order."""

from __future__ import annotations

from cadre_desk.domain.resume import Span, check_lines, format_line, format_span
from cadre_desk.domain.yearmonth import YearMonth


def span(start: str, end: str | None) -> Span:
    return Span(YearMonth.parse(start), YearMonth.parse(end) if end else None)


def kinds(spans: list[Span]) -> list[tuple[int, str]]:
    return [(w.index, w.kind) for w in check_lines(spans)]


def test_empty_and_single_line() -> None:
    assert check_lines([]) == []
    assert check_lines([span("2008.07", "2011.09")]) == []
    assert check_lines([span("2008.07", None)]) == []


def test_same_month_and_next_month_are_contiguous() -> None:
    lines = [
        span("2004.09", "2008.07"),
        span("2008.07", "2011.09"),  # starts the month the previous one ended
        span("2011.10", "2015.03"),  # starts the month after
        span("2015.03", None),
    ]
    assert check_lines(lines) == []


def test_one_whole_missing_month_is_a_gap() -> None:
    warnings = check_lines([span("2008.07", "2011.09"), span("2011.11", None)])
    assert [(w.index, w.kind) for w in warnings] == [(1, "gap")]
    assert "空缺 1 个月" in warnings[0].message
    assert "2011.09" in warnings[0].message and "2011.11" in warnings[0].message


def test_long_gap_counts_the_missing_months() -> None:
    warnings = check_lines([span("2000.09", "2004.07"), span("2005.09", "2010.01")])
    assert [(w.index, w.kind) for w in warnings] == [(1, "gap")]
    assert "空缺 13 个月" in warnings[0].message
    assert "第1行与第2行" in warnings[0].message


def test_overlap() -> None:
    warnings = check_lines([span("2008.07", "2011.09"), span("2011.06", "2014.01")])
    assert [(w.index, w.kind) for w in warnings] == [(1, "overlap")]
    assert "重叠 3 个月" in warnings[0].message


def test_open_line_that_is_not_last() -> None:
    warnings = check_lines([span("2008.07", None), span("2011.09", "2014.01")])
    assert [(w.index, w.kind) for w in warnings] == [(1, "open_not_last")]
    assert "第1行没有结束年月" in warnings[0].message


def test_end_before_start() -> None:
    warnings = check_lines([span("2011.09", "2008.07")])
    assert [(w.index, w.kind) for w in warnings] == [(0, "end_before_start")]
    assert "第1行的结束年月早于开始年月" in warnings[0].message


def test_unsorted_input_is_checked_in_start_order() -> None:
    sorted_lines = [span("2004.09", "2008.07"), span("2008.07", "2011.09"), span("2011.10", None)]
    shuffled = [sorted_lines[2], sorted_lines[0], sorted_lines[1]]
    assert check_lines(shuffled) == []  # in input order this would be an open line followed by others
    # A gap between what are, in start order, lines 2 and 3; the index is in start order too.
    gap = [span("2011.12", None), span("2004.09", "2008.07"), span("2008.07", "2011.09")]
    warnings = check_lines(gap)
    assert [(w.index, w.kind) for w in warnings] == [(2, "gap")]
    assert "第2行与第3行之间空缺 2 个月" in warnings[0].message


def test_several_problems_are_all_reported() -> None:
    lines = [
        span("2000.09", "2004.07"),
        span("2004.06", "2006.01"),  # overlap with line 1
        span("2007.01", None),  # gap after line 2, open but not last
        span("2009.01", "2008.01"),  # reversed, after an open line
    ]
    assert kinds(lines) == [(1, "overlap"), (2, "gap"), (3, "end_before_start"), (3, "open_not_last")]


def test_format() -> None:
    assert format_span(span("2008.07", "2011.09")) == "2008.07--2011.09"
    assert format_span(span("2011.09", None)) == "2011.09--"
    assert format_line(span("2008.07", "2011.09"), "XX县XX乡科员") == "2008.07--2011.09  XX县XX乡科员"


def test_a_long_line_containing_shorter_ones_is_one_overlap_each_and_no_gap() -> None:
    from cadre_desk.domain.resume import Span, check_lines
    from cadre_desk.domain.yearmonth import YearMonth as YM  # noqa: N817

    spans = [
        Span(YM(2000, 1), YM(2010, 12)),  # A
        Span(YM(2001, 1), YM(2002, 1)),  # B inside A
        Span(YM(2005, 1), YM(2010, 12)),  # C inside A
        Span(YM(2011, 1), None),  # D follows A at once
    ]
    warnings = check_lines(spans)
    assert [w.kind for w in warnings] == ["overlap", "overlap"]
    assert "重叠 12 个月" in warnings[0].message  # B lies wholly inside A: its own 12 months
    assert "重叠 71 个月" in warnings[1].message  # C: 2005.01 to 2010.12
    assert all("第1行" in w.message for w in warnings)
