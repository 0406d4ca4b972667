"""The daily / weekly / monthly generations of automatic backups."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from cadre_desk.domain.backup_generations import to_keep


def test_a_year_of_backups_twice_a_day_keeps_7_4_12() -> None:
    start = dt.datetime(2026, 1, 1, 9, 0)
    stamps = [start + dt.timedelta(days=d, hours=h) for d in range(365) for h in (0, 8)]
    kept = to_keep(stamps, daily=7, weekly=4, monthly=12)
    newest = max(stamps)
    assert newest in kept
    days = {s.date() for s in kept}
    # the last 7 days each keep their newest backup (the evening one)
    for d in range(7):
        day = newest.date() - dt.timedelta(days=d)
        assert dt.datetime.combine(day, dt.time(17, 0)) in kept
    assert len({s.isocalendar()[:2] for s in kept}) >= 4
    assert len({(s.year, s.month) for s in kept}) == 12
    assert len(kept) <= 7 + 4 + 12
    assert len(days) == len(kept)  # never two of one day


def test_nothing_and_zero_counts() -> None:
    assert to_keep([], 7, 4, 12) == set()
    one = dt.datetime(2026, 5, 1, 12, 0)
    assert to_keep([one, one - dt.timedelta(days=40)], 0, 0, 0) == {one}


@given(
    st.lists(st.datetimes(min_value=dt.datetime(2020, 1, 1), max_value=dt.datetime(2030, 1, 1)), max_size=60)
)
def test_kept_is_a_subset_with_the_newest(stamps: list[dt.datetime]) -> None:
    kept = to_keep(stamps, 3, 2, 2)
    assert kept <= set(stamps)
    if stamps:
        assert max(stamps) in kept
        assert len(kept) <= 1 + 3 + 2 + 2
