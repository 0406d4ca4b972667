"""The date a page works at, for the pages that date what they show or suggest."""

from __future__ import annotations

import datetime as dt


class WorkingDate:
    """Mixed into a page or panel (before its Qt base) that sets `self._today` to the date it was given
    (tests) or None."""

    _today: dt.date | None = None

    @property
    def today(self) -> dt.date:
        """The date given, else the real date, read each time (the window stays open past midnight)."""
        return self._today or dt.date.today()
