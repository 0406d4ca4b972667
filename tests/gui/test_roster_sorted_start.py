"""A sorted roster's first rows come sorted from the database (issue 11, speed: the first page with a
sort saved from the last session, without reading every row first).

The first rows must be exactly the first rows of the window's in-memory sort of every row (the model's
`sort`), or the rows would jump when the rest arrives: checked here for every column the database can
order, both ways, on a roster made to trip them up (equal values, empty ones, values outside the
official lists, two units of the same name, units of equal sort order under different parents, cadres
without a unit, archived ones, a manual retirement month), in Chinese and in English (codes shown by
their English names). `check_every_order` runs on PostgreSQL too (test_postgres_roster_order).
"""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cadre_desk.db.models import Cadre, Unit
from cadre_desk.services import cadres, retirement, roster_order, units
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.roster import roster_loader as roster_loader_module
from cadre_desk.ui.roster.roster_model import Column, RosterModel, database_order
from cadre_desk.ui.roster.roster_page import RosterPage
from tests.conftest import make_cadre
from tests.gui.conftest import ROSTER_TODAY

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

ASCENDING, DESCENDING = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder
IN_DATABASE = [c for c in Column if database_order(c, ASCENDING) is not None]
FIRST = 6

# Four names of the initials zw whose pinyin order (zhang zhao zhou zhu) is not their code-point order
# (周 张 朱 赵), and 曾 (initials z, read zeng: its full reading is ceng).
NAMES = "张伟 周文 赵武 朱薇 王芳 李娜 刘洋 陈静 曾敏 黄勇 周杰 吴霞 徐刚 孙丽 马超 胡斌 郭涛 何平 林琳 罗军"
POSTS = ["", "", "科员", "科员", "办公室主任", "A组组长", "党委书记", "副镇长", "镇长", "综合科科长"]
EDUCATIONS = [("大学", ""), ("", "研究生"), ("大专", "大学"), ("", ""), ("中专", ""), ("研究生", "")]
STATUSES = ["中共党员", "中共党员", "群众", "共青团员", "中共预备党员", "民盟盟员"]
RANKS = ["科员", "正科级", "副科级", "一级主任科员", "四级调研员", "正科级"]


def build_varied_roster(ctx: ServiceContext) -> None:
    """40 cadres (3 archived) in five units, two of them named 办公室 with the same sort order."""
    party = units.create_unit(ctx, units.UnitInput(name="县委办公室", short_name="县委办", kind="党委"))
    government = units.create_unit(
        ctx, units.UnitInput(name="县政府办公室", short_name="政府办", kind="政府")
    )
    town = units.create_unit(ctx, units.UnitInput(name="青山镇", short_name="青山镇", kind="乡镇"))
    office_a = units.create_unit(ctx, units.UnitInput(name="办公室", kind="部门", parent_id=party.id))
    office_b = units.create_unit(
        ctx, units.UnitInput(name="政府办公室", kind="部门", parent_id=government.id)
    )
    unit_ids = [town.id, office_a.id, government.id, office_b.id, party.id, None]
    rng = random.Random(11)
    names = NAMES.split()
    made: list[cadres.CadreView] = []
    for i in range(40):
        fulltime, inservice = EDUCATIONS[i % len(EDUCATIONS)]
        birth_year = rng.choice([1966, 1970, 1975, 1975, 1980, 1988, 1995])
        made.append(
            make_cadre(
                ctx,
                names[i % len(names)],  # every name twice: equal names
                gender="女" if rng.random() < 0.4 else "男",
                birth=f"{birth_year}.{rng.choice([1, 3, 3, 11]):02d}",
                work_start=f"{birth_year + 22}.07",
                party_join=f"{birth_year + 23}.05",
                unit_id=unit_ids[i % len(unit_ids)],
                post=rng.choice(POSTS),
                rank=rng.choice(RANKS),
                political_status=rng.choice(STATUSES),
                fulltime_education=fulltime,
                inservice_education=inservice,
                post_since=rng.choice([None, "2019.03", "2021.06", "2021.06"]),
            )
        )
    # Values the forms would not take but imports bring: outside the lists, or empty; two live units
    # of the same name (older databases have them).
    with ctx.db.uow() as session:
        session.get(Unit, office_b.id).name = "办公室"  # type: ignore[union-attr]
        for cadre_id, field, value in (
            (made[1].id, "rank", "副调研员"),
            (made[2].id, "rank", ""),
            (made[3].id, "fulltime_education", "在职硕士"),
            (made[4].id, "political_status", ""),
            (made[5].id, "political_status", "无党派人士"),
            (made[6].id, "gender", ""),
        ):
            cadre = session.get(Cadre, cadre_id)
            assert cadre is not None
            setattr(cadre, field, value)
    view = cadres.get_cadre(ctx, made[7].id)
    computed = retirement.get_computed(ctx, made[7].id).month
    early = f"{computed.year - 3}.{computed.month:02d}"
    retirement.set_override(ctx, made[7].id, early, "弹性提前退休（本人申请）", view.version)
    for archived in made[-3:]:
        cadres.archive_cadre(ctx, archived.id)


def model_order(rows: list[cadres.CadreSummary], column: Column, order: Qt.SortOrder) -> list[int]:
    """The window's order: every row in the service's order, sorted in memory."""
    model = RosterModel(ROSTER_TODAY)
    model.set_rows(rows)
    model.sort(column, order)
    return [model.row_at(r).id for r in range(model.rowCount())]


def check_every_order(ctx: ServiceContext) -> None:
    """For every column the database can order, both ways, with and without the archived cadres: the
    first rows read sorted are the first rows of the in-memory sort (and all of them are its order).
    By name at every length: the first rows end inside a group of equal initials, or between two."""
    for include_archived in (False, True):
        everyone = cadres.list_cadres(ctx, include_archived=include_archived)
        for column in IN_DATABASE:
            for order in (ASCENDING, DESCENDING):
                expected = model_order(everyone, column, order)
                wanted = database_order(column, order)
                limits = range(1, len(everyone) + 1) if column is Column.NAME else (FIRST, len(everyone))
                for limit in limits:
                    start = cadres.roster_start(ctx, limit, include_archived, wanted)
                    got = [r.id for r in start.rows]
                    assert got == expected[:limit], (column.name, order, include_archived, limit)
                    assert start.total == len(everyone)


@pytest.fixture
def varied(ctx: ServiceContext, _zh_cn: None) -> ServiceContext:
    build_varied_roster(ctx)
    return ctx


def test_every_column_can_be_ordered_by_the_database() -> None:
    assert list(Column) == IN_DATABASE
    fields = {database_order(c, ASCENDING).field for c in IN_DATABASE}  # type: ignore[union-attr]
    assert fields == roster_order.ORDERED_IN_DATABASE


def test_the_first_rows_of_every_order_are_the_first_rows_of_the_full_sort(varied: ServiceContext) -> None:
    everyone = cadres.list_cadres(varied)
    # The roster trips the orders up: equal values in every column, values outside the lists.
    assert len(everyone) == 37 and len({r.unit for r in everyone}) == 5  # 办公室 twice, and none
    assert {"副调研员", ""} <= {r.rank for r in everyone}
    check_every_order(varied)


def test_in_english_codes_are_ordered_by_their_english_names(varied: ServiceContext, english: None) -> None:
    everyone = cadres.list_cadres(varied)
    # 中共党员 < 共青团员 < 群众 by code point, but "CPC member" < "CYL member" < "Masses" < "" ...
    assert model_order(everyone, Column.POLITICAL_STATUS, ASCENDING) != model_order_in_chinese(everyone)
    check_every_order(varied)


def model_order_in_chinese(rows: list[cadres.CadreSummary]) -> list[int]:
    """The political-status order as the codes themselves sort."""
    ranked = sorted(rows, key=lambda r: roster_order.text_key(r.political_status))
    return [r.id for r in ranked]


def test_a_sort_the_database_cannot_give_reads_every_row_first(varied: ServiceContext) -> None:
    """(No column is such today; one added later might be: `first_rows` then answers None.)"""
    everyone = cadres.list_cadres(varied)
    model = RosterModel(ROSTER_TODAY)
    model.set_rows(everyone[:FIRST], len(everyone), lambda: everyone, None, lambda _column, _order: None)
    model.sort(Column.AGE, DESCENDING)
    assert model.complete
    assert [model.row_at(r).id for r in range(model.rowCount())] == model_order(
        everyone, Column.AGE, DESCENDING
    )


# --- the page ------------------------------------------------------------------------------------


@pytest.fixture
def page(qtbot: QtBot, varied: ServiceContext, monkeypatch: pytest.MonkeyPatch) -> Iterator[RosterPage]:
    monkeypatch.setattr(roster_loader_module, "FIRST_ROWS", FIRST)
    roster = RosterPage(varied, ROSTER_TODAY)
    qtbot.addWidget(roster)
    roster.resize(1400, 800)
    # Shorter than the first rows: a view taller than the rows read would ask for the rest at once.
    roster.table.setFixedHeight(roster.table.verticalHeader().defaultSectionSize() * 3 + 30)
    roster.show()
    yield roster
    roster.model.ensure_complete()  # no worker started after the test
    loader = roster.loader
    if loader.rest_job is not None:  # nor left reading the test's database
        qtbot.waitUntil(lambda: loader.rest_job is None or not loader.rest_job.running, timeout=60_000)


def shown_ids(page: RosterPage) -> list[int]:
    ids = [page.proxy.cadre_id(page.proxy.index(r, 0)) for r in range(page.proxy.rowCount())]
    return [i for i in ids if i is not None]


def wait_for_the_rest(qtbot: QtBot, page: RosterPage) -> None:
    qtbot.waitUntil(lambda: page.model.complete, timeout=60_000)


@pytest.mark.parametrize(("column", "order"), [(Column.AGE, ASCENDING), (Column.UNIT, DESCENDING)])
def test_a_saved_sort_shows_the_first_rows_sorted_before_the_rest_arrives(
    qtbot: QtBot, page: RosterPage, varied: ServiceContext, column: Column, order: Qt.SortOrder
) -> None:
    """The header's sort restored from the last session applies to the first reload: the first rows
    are read sorted, not every row; the rest arrives in the same order, nothing moves."""
    page.table.horizontalHeader().setSortIndicator(column, order)  # as restore_state does
    expected = model_order(cadres.list_cadres(varied), column, order)
    page.reload()
    assert not page.model.complete and page.model.rowCount() == FIRST
    assert shown_ids(page) == expected[:FIRST]
    assert (page.shown(), page.total()) == (37, 37)
    first = expected[0]
    assert page.selected_ids() == [first]
    qtbot.waitUntil(lambda: page.profile.cadre_id == first)

    wait_for_the_rest(qtbot, page)
    assert shown_ids(page) == expected
    assert page.selected_ids() == [first] and page.profile.cadre_id == first
    assert page.model.sorted_by == (column, order)


def test_a_saved_sort_by_name(qtbot: QtBot, page: RosterPage, varied: ServiceContext) -> None:
    """By pinyin (the initials from the database, the full reading of the first rows in Python)."""
    page.table.horizontalHeader().setSortIndicator(Column.NAME, ASCENDING)
    page.reload()
    expected = model_order(cadres.list_cadres(varied), Column.NAME, ASCENDING)
    assert not page.model.complete and shown_ids(page) == expected[:FIRST]
    wait_for_the_rest(qtbot, page)
    assert shown_ids(page) == expected


def test_a_sort_before_the_rest_arrives_reads_the_first_rows_in_that_order(
    qtbot: QtBot, page: RosterPage, varied: ServiceContext
) -> None:
    everyone = cadres.list_cadres(varied)
    page.reload()
    shown = page.selected_ids()[0]
    qtbot.waitUntil(lambda: page.profile.cadre_id == shown)
    page.reload()  # the first rows again (events ran: the rest may have come)
    assert not page.model.complete and page.selected_ids() == [shown]
    page.table.horizontalHeader().setSortIndicator(Column.RETIREMENT, ASCENDING)  # a header click
    by_retirement = model_order(everyone, Column.RETIREMENT, ASCENDING)
    assert not page.model.complete  # the first rows again, not every row
    assert shown_ids(page) == by_retirement[:FIRST]
    # The cadre shown stays selected if among the new first rows; else once the rest is there.
    assert page.profile.cadre_id == shown
    assert page.selected_ids() == ([shown] if shown in by_retirement[:FIRST] else [])

    page.table.horizontalHeader().setSortIndicator(Column.POST, DESCENDING)
    by_post = model_order(everyone, Column.POST, DESCENDING)
    assert shown_ids(page) == by_post[:FIRST] and not page.model.complete
    wait_for_the_rest(qtbot, page)  # the rest, read in the service's order, is sorted the same way
    assert shown_ids(page) == by_post
    assert page.selected_ids() == [shown] and page.profile.cadre_id == shown


def test_a_sort_by_name_before_the_rest_arrives(
    qtbot: QtBot, page: RosterPage, varied: ServiceContext
) -> None:
    page.table.horizontalHeader().setSortIndicator(Column.AGE, DESCENDING)
    page.reload()
    assert not page.model.complete
    page.table.horizontalHeader().setSortIndicator(Column.NAME, DESCENDING)
    expected = model_order(cadres.list_cadres(varied), Column.NAME, DESCENDING)
    assert not page.model.complete and shown_ids(page) == expected[:FIRST]
    wait_for_the_rest(qtbot, page)
    assert shown_ids(page) == expected


def test_a_filter_on_a_sorted_start_finds_every_row_in_order(
    page: RosterPage, varied: ServiceContext
) -> None:
    page.table.horizontalHeader().setSortIndicator(Column.AGE, ASCENDING)
    page.reload()
    assert not page.model.complete
    page.set_query("办公室")
    everyone = cadres.list_cadres(varied)
    found = {r.id for r in everyone if "办公室" in r.unit + r.post}
    assert shown_ids(page) == [i for i in model_order(everyone, Column.AGE, ASCENDING) if i in found]
