"""The roster's rows, loaded lazily: the first rows at once, the rest in the background.

`load()` reads the roster's first rows and its size (`cadres.roster_start`), sorted by the database
if the roster is sorted by a column it can order (`roster_model.database_order`), fills the model with
them and reads every row a little later in a worker (`list_cadres`); the model appends them
(`complete_with`), sorted as the first rows are. A sort asked for before the rest arrives reads the
first rows again in the new order (the model calls `first_rows`). Filtered, or sorted by a column the
database cannot order (none today), every row is read at once.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from functools import partial

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from shiboken6 import isValid

from cadre_desk.domain import pinyin
from cadre_desk.services import cadres
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.jobs.workers import Job, ProgressFn, run_in_background
from cadre_desk.ui.roster.roster_model import Column, RosterModel, database_order
from cadre_desk.ui.widgets.weak import weak_method, weak_slot

log = logging.getLogger("cadre_desk.ui")

# The rows read before the page shows (the rest follow in the background): a few screens' worth, and
# the rows the column widths are measured on.
FIRST_ROWS = 200
# The rest is read this long after the first rows: the worker's Python (10,000 rows) would share the
# interpreter with the first paint and the first profile.
REST_DELAY_MS = 250


class RosterLoader(QObject):
    """Fills a `RosterModel`: the first rows now, the rest from a worker.

    `quietly()` (the page's) is entered around every change of the model's rows, so that the page
    does not react to the row changes one by one (the selection moving, the counts)."""

    rest_loaded = Signal()  # every row is in the model now (after the first ones)

    def __init__(
        self,
        ctx: ServiceContext,
        model: RosterModel,
        quietly: Callable[[], AbstractContextManager[object]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.model = model
        self._quiet = weak_method(quietly)  # the page's method: no cycle through this child
        self._generation = 0  # which load the rows loading in the background belong to
        self.rest_job: Job | None = None

    def _quietly(self) -> AbstractContextManager[object]:
        return self._quiet() or nullcontext()  # (the page is gone only once this loader is too)

    def load(self, include_archived: bool, sorted_by: int, order: Qt.SortOrder, filtered: bool) -> int:
        """Fill the model again (sorted by the column `sorted_by`, -1 for the service's order); returns
        the number of rows read now."""
        started = time.perf_counter()
        ctx = self._ctx
        self._generation += 1
        wanted = database_order(sorted_by, order)
        if filtered or (sorted_by >= 0 and wanted is None):
            rows = cadres.list_cadres(ctx, include_archived=include_archived)
            total, complete, sort_now = len(rows), True, sorted_by >= 0
        else:
            start = cadres.roster_start(ctx, FIRST_ROWS, include_archived, wanted)
            rows, total, complete, sort_now = start.rows, start.total, start.complete, False
        with self._quietly():
            self.model.set_rows(
                rows,
                total,
                lambda: cadres.list_cadres(ctx, include_archived=include_archived),
                (Column(sorted_by), order) if wanted is not None else None,
                partial(first_rows, ctx, include_archived),
            )
            if sort_now:
                self.model.sort(sorted_by, order)
        if not complete:
            generation = self._generation
            QTimer.singleShot(REST_DELAY_MS, self, weak_slot(self._load_rest, include_archived, generation))
        log.debug(
            "roster: %d of %d rows in %.0f ms", len(rows), total, (time.perf_counter() - started) * 1000
        )
        return len(rows)

    def _load_rest(self, include_archived: bool, generation: int) -> None:
        """Every roster row, read in the background; appended to the first ones shown (unless a newer
        load, or something that needed them at once, came first)."""
        if generation != self._generation or self.model.complete:
            return
        ctx = self._ctx
        sorted_by = self.model.sorted_by
        by_name = sorted_by is not None and sorted_by[0] is Column.NAME

        def work(_progress: ProgressFn) -> list[cadres.CadreSummary]:
            rows = cadres.list_cadres(ctx, include_archived=include_archived)
            if by_name:  # the readings the model's sort needs, computed here rather than on the GUI thread
                for row in rows:
                    pinyin.full(row.name)
            return rows

        def done(rows: object) -> None:
            if not isValid(self) or generation != self._generation or not isinstance(rows, list):
                return
            with self._quietly():
                self.model.complete_with(rows)
            self.rest_loaded.emit()

        def failed(exc: Exception) -> None:
            # The rows shown stay; the rest is read when something needs it (ensure_complete).
            log.warning("roster: the rest of the rows could not be read in the background: %s", exc)

        self.rest_job = run_in_background(work, done, failed)


def first_rows(
    ctx: ServiceContext, include_archived: bool, column: Column, order: Qt.SortOrder
) -> list[cadres.CadreSummary] | None:
    """The roster's first rows sorted by `column`, read for a sort asked for before the rest arrived;
    None if the database cannot order by that column. (A function of its own: the model holds it, and
    it must not hold the loader, which holds the model.)"""
    wanted = database_order(column, order)
    if wanted is None:
        return None
    return cadres.roster_start(ctx, FIRST_ROWS, include_archived, wanted).rows
