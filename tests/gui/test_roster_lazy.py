"""The roster shows its first rows at once and loads the rest in the background (issue 11, speed).

The page reads `FIRST_ROWS` rows (4 here) and the roster's size; the rest arrive from a worker as a
queued signal, so until the test lets events run the model holds only the first rows. Everything that
needs every row (a sort, a filter, select-all, a cadre further down, an export of the list) must act
on all of them all the same, and the counts must be the roster's.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from cadre_desk.services import cadres, units
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.roster import roster_loader as roster_loader_module
from cadre_desk.ui.roster.roster_model import Column
from cadre_desk.ui.roster.roster_page import RosterPage
from tests.conftest import make_cadre
from tests.gui.conftest import ROSTER_TODAY

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

FIRST = 4
# name, birth: twelve cadres in two units; the youngest (2001) and the oldest (1962) are far down.
MORE = [
    ("赵一", "1983.04"),
    ("钱二", "1975.09"),
    ("孙三", "1992.02"),
    ("周五", "1968.07"),
    ("吴六", "1987.12"),
    ("郑七", "1962.03"),
    ("冯八", "1995.05"),
    ("陈九", "1979.10"),
    ("褚十", "2001.01"),
]


@pytest.fixture
def lazy(
    qtbot: QtBot,
    ctx: ServiceContext,
    sample_cadres: dict[str, cadres.CadreView],
    monkeypatch: pytest.MonkeyPatch,
    _zh_cn: None,
) -> Iterator[RosterPage]:
    town = next(u for u in units.list_units(ctx) if u.short_name == "青山镇")
    for name, birth in MORE:
        year = int(birth[:4])
        make_cadre(
            ctx,
            name,
            birth=birth,
            work_start=f"{year + 22}.07",
            party_join=f"{year + 23}.05",
            unit_id=town.id,
            post="青山镇科员",
            rank="科员",
        )
    monkeypatch.setattr(roster_loader_module, "FIRST_ROWS", FIRST)
    page = RosterPage(ctx, ROSTER_TODAY)
    qtbot.addWidget(page)
    page.resize(1400, 800)
    # A view taller than the rows read asks for more at once (fetchMore): two rows' height here, as
    # the real first rows (FIRST_ROWS) fill a screen.
    page.table.setFixedHeight(page.table.verticalHeader().defaultSectionSize() * 2 + 30)
    page.show()
    page.reload()
    yield page
    page.model.ensure_complete()  # no worker started after the test
    loader = page.loader
    if loader.rest_job is not None:  # nor left reading the test's database
        qtbot.waitUntil(lambda: loader.rest_job is None or not loader.rest_job.running, timeout=60_000)


def first_rows_only(page: RosterPage) -> RosterPage:
    """Read the first rows again (pytest-qt lets events run between the fixture and the test, which
    may have delivered the rest already); until events run again, the rest has not arrived."""
    page.reload()
    assert page.model.rowCount() == FIRST and not page.model.complete
    return page


def names(page: RosterPage) -> list[str]:
    return [page.proxy.index(r, Column.NAME).data() for r in range(page.proxy.rowCount())]


def service_order(ctx: ServiceContext) -> list[cadres.CadreSummary]:
    return cadres.list_cadres(ctx)


def test_first_rows_at_once_then_the_rest_keeping_the_selection(
    qtbot: QtBot, lazy: RosterPage, ctx: ServiceContext
) -> None:
    first_rows_only(lazy)
    everyone = service_order(ctx)
    assert len(everyone) == 12
    assert [lazy.model.row_at(r).id for r in range(FIRST)] == [c.id for c in everyone[:FIRST]]
    # The counts are the roster's, not the rows read so far.
    assert (lazy.shown(), lazy.total()) == (12, 12)
    first = everyone[0].id
    assert lazy.selected_ids() == [first] and lazy.profile.cadre_id == first
    counts: list[tuple[int, int]] = []
    lazy.counts_changed.connect(lambda shown, total: counts.append((shown, total)))

    qtbot.waitUntil(lambda: lazy.model.complete, timeout=60_000)
    assert [lazy.model.row_at(r).id for r in range(12)] == [c.id for c in everyone]
    assert lazy.selected_ids() == [first] and lazy.profile.cadre_id == first
    assert counts[-1] == (12, 12)


def test_sorting_before_the_rest_arrives_sorts_every_cadre(
    qtbot: QtBot, lazy: RosterPage, ctx: ServiceContext
) -> None:
    """The first rows are read again in the new order; the rest, when it comes, in the same order."""
    first_rows_only(lazy)
    lazy.table.horizontalHeader().setSortIndicator(Column.AGE, Qt.SortOrder.AscendingOrder)
    youngest_first = sorted(service_order(ctx), key=lambda c: c.birth.to_int(), reverse=True)
    assert names(lazy) == [c.name for c in youngest_first[:FIRST]] and not lazy.model.complete
    assert names(lazy)[0] == "褚十"  # not among the first rows read
    lazy.table.horizontalHeader().setSortIndicator(Column.AGE, Qt.SortOrder.DescendingOrder)
    assert names(lazy)[0] == "郑七" and not lazy.model.complete
    # The rest, due from the background afterwards, comes in the same order.
    qtbot.waitUntil(lambda: lazy.model.complete, timeout=60_000)
    assert names(lazy) == [c.name for c in reversed(youngest_first)]


def test_filtering_before_the_rest_arrives_finds_cadres_not_read_yet(
    lazy: RosterPage, ctx: ServiceContext
) -> None:
    first_rows_only(lazy)
    counts: list[tuple[int, int]] = []
    lazy.counts_changed.connect(lambda shown, total: counts.append((shown, total)))
    lazy.set_query("褚十")
    assert names(lazy) == ["褚十"]
    assert counts[-1] == (1, 12)
    lazy.set_query("青山镇")  # the town's cadres, ten of the twelve
    assert sorted(names(lazy)) == sorted(["李四", "王小明", *(n for n, _ in MORE)])
    assert counts[-1] == (11, 12)
    lazy.set_query("")
    assert counts[-1] == (12, 12) and len(names(lazy)) == 12


def test_structured_filter_before_the_rest_arrives(lazy: RosterPage) -> None:
    first_rows_only(lazy)
    panel = lazy.filter_panel
    panel.age_max.setValue(31)  # born 1995.05 and 2001.01, both beyond the first rows
    assert sorted(names(lazy)) == sorted(["冯八", "褚十"])


def test_select_all_selects_the_cadres_not_read_yet(lazy: RosterPage, ctx: ServiceContext) -> None:
    first_rows_only(lazy)
    lazy.table.setFocus()
    lazy.table.selectAll()
    assert lazy.selected_ids() == [c.id for c in service_order(ctx)]
    assert len(lazy.selected_ids()) == 12


def test_showing_a_cadre_further_down(lazy: RosterPage, ctx: ServiceContext) -> None:
    first_rows_only(lazy)
    last = service_order(ctx)[-1]
    assert lazy.model.row_of(last.id) is not None  # loads the rest
    lazy.reload()
    assert not lazy.model.complete
    lazy.show_cadre(last.id)
    assert lazy.selected_ids() == [last.id] and lazy.profile.cadre_id == last.id


def test_the_list_for_an_export_has_every_cadre(lazy: RosterPage, ctx: ServiceContext) -> None:
    first_rows_only(lazy)
    assert lazy.shown_cadre_ids() == [c.id for c in service_order(ctx)]


def test_scrolling_to_the_bottom_loads_the_rest(lazy: RosterPage) -> None:
    first_rows_only(lazy)
    assert lazy.proxy.canFetchMore(QModelIndex())
    lazy.proxy.fetchMore(QModelIndex())  # what the view does at the last row loaded
    assert lazy.model.complete and lazy.proxy.rowCount() == 12
    assert not lazy.proxy.canFetchMore(QModelIndex())


def test_a_sorted_roster_reloads_its_first_rows_sorted(lazy: RosterPage, ctx: ServiceContext) -> None:
    first_rows_only(lazy)
    lazy.table.horizontalHeader().setSortIndicator(Column.AGE, Qt.SortOrder.DescendingOrder)
    lazy.profile.show_cadre(None)  # (a cadre shown further down would be looked for in every row)
    lazy.reload()
    assert not lazy.model.complete and names(lazy)[0] == "郑七"


def test_a_filtered_roster_reloads_every_row_at_once(lazy: RosterPage) -> None:
    first_rows_only(lazy)
    lazy.set_query("青山镇")
    lazy.reload()
    assert lazy.model.complete and lazy.shown() == 11


def test_a_change_between_the_first_rows_and_the_rest(
    qtbot: QtBot, lazy: RosterPage, ctx: ServiceContext
) -> None:
    """A cadre added among the first rows in between (another window): every row is replaced."""
    first_rows_only(lazy)
    party = next(u for u in units.list_units(ctx) if u.short_name == "组织部")
    added = make_cadre(ctx, "新来的", unit_id=party.id)
    lazy.model.ensure_complete()  # the rest read now, with the new cadre second
    assert [lazy.model.row_at(r).id for r in range(13)] == [c.id for c in service_order(ctx)]
    assert added.id in lazy.shown_cadre_ids()
    assert (lazy.shown(), lazy.total()) == (13, 13)


def test_the_first_row_is_selected_at_once_and_its_profile_follows(
    qtbot: QtBot, lazy: RosterPage, ctx: ServiceContext
) -> None:
    """A reload that shows no cadre selects the first row; its profile is filled in once the rows
    are painted (the next turn of the event loop), not before they show."""
    lazy.profile.show_cadre(None)
    first_rows_only(lazy)
    first = service_order(ctx)[0].id
    assert lazy.selected_ids() == [first]
    assert lazy.profile.cadre_id is None
    qtbot.waitUntil(lambda: lazy.profile.cadre_id == first)
    assert lazy.selected_ids() == [first]
