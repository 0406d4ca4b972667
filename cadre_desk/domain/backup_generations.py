"""Which automatic backups to keep: daily, weekly and monthly generations (grandfather-father-son).

Of all backups, keep the newest one of each of the last `daily` days that have a backup, the newest of
each of the last `weekly` ISO weeks and the newest of each of the last `monthly` months; the very newest
backup is always kept. Everything else may be deleted. Pure: times in, times out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable


def _newest_per(
    stamps: list[dt.datetime], key: Callable[[dt.datetime], Hashable], count: int
) -> set[dt.datetime]:
    kept: set[dt.datetime] = set()
    seen: set[Hashable] = set()
    for stamp in stamps:  # newest first
        period = key(stamp)
        if period in seen:
            continue
        if len(seen) >= count:
            break
        seen.add(period)
        kept.add(stamp)
    return kept


def to_keep(stamps: Iterable[dt.datetime], daily: int, weekly: int, monthly: int) -> set[dt.datetime]:
    """The backup times to keep of `stamps` (local times of the backups)."""
    ordered = sorted(set(stamps), reverse=True)
    if not ordered:
        return set()
    kept = {ordered[0]}
    kept |= _newest_per(ordered, lambda s: s.date(), max(daily, 0))
    kept |= _newest_per(ordered, lambda s: s.isocalendar()[:2], max(weekly, 0))
    kept |= _newest_per(ordered, lambda s: (s.year, s.month), max(monthly, 0))
    return kept
