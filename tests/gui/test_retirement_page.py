"""到龄 page and the profile's 到龄: lists by bucket and unit at the reference date, exit warnings with the
rule's source, double-click opens the profile; a manual month with its reason from the profile."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from cadre_desk.services import cadres, retirement, teams, units
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.development import retirement_dialog
from cadre_desk.ui.development.retirement_dialog import RetirementDialog
from cadre_desk.ui.development.retirement_page import ID_ROLE, RetirementPage
from cadre_desk.ui.profile.profile_view import ProfileView
from tests.conftest import make_cadre

TODAY = dt.date(2026, 12, 6)


@pytest.fixture
def people(ctx: ServiceContext) -> dict[str, cadres.CadreView]:
    town = units.create_unit(
        ctx, units.UnitInput(name="某县青山镇人民政府", short_name="青山镇", kind="乡镇")
    )
    office = units.create_unit(ctx, units.UnitInput(name="某县委办公室", short_name="县委办", kind="党委"))
    out = {
        "钱进": make_cadre(
            ctx, "钱进", birth="1966.08", unit_id=town.id, party_join="1988.05", work_start="1986.07"
        ),
        "孙现": make_cadre(
            ctx, "孙现", birth="1966.07", unit_id=office.id, party_join="1988.05", work_start="1986.07"
        ),
        "李芳": make_cadre(
            ctx,
            "李芳",
            gender="女",
            birth="1971.09",
            unit_id=town.id,
            party_join="1993.05",
            work_start="1992.07",
        ),
        "郑青": make_cadre(
            ctx, "郑青", birth="1995.05", unit_id=town.id, party_join="2016.05", work_start="2017.07"
        ),
    }
    post = teams.add_post(ctx, town.id, teams.PostInput("党委书记", "正职"))
    teams.add_member(ctx, post.id, out["钱进"].id, "2020.01")  # 1966.08 + 58 = 2024.08: past the exit age
    return out


def names(page: RetirementPage) -> list[str]:
    return [page.model.index(r, 0).data() for r in range(page.model.rowCount())]


def test_the_page_lists_by_bucket_and_unit(
    qtbot: QtBot, ctx: ServiceContext, people: dict[str, cadres.CadreView], _zh_cn: None
) -> None:
    page = RetirementPage(ctx, TODAY)
    qtbot.addWidget(page)
    page.refresh()
    assert page.bucket.currentData() == retirement.THIS_YEAR
    assert names(page) == ["孙现"]
    assert page.bucket.itemText(page.bucket.currentIndex()) == "本年度到龄（1）"
    page.bucket.setCurrentIndex(page.bucket.findData(retirement.HALF_YEAR))
    assert names(page) == ["孙现", "钱进", "李芳"]
    assert [page.model.index(0, c).data() for c in range(page.model.columnCount())] == [
        "孙现",
        "男",
        "1966.07",
        "某县委办公室",
        "干部一科科长",
        "60",
        "2026.12",
        "60岁5个月",
        "计算",
        "0",
    ]
    page.unit.setCurrentIndex(page.unit.findText("某县青山镇人民政府"))
    assert names(page) == ["钱进", "李芳"]
    # The reference date moves the lists: in 2027.02, 孙现 and 钱进 are past.
    page.unit.setCurrentIndex(0)
    page.date.setDate(QDate(2027, 2, 1))
    assert names(page) == ["李芳"]
    # Exit warnings: 钱进 holds a 正职 post past 58; the rule and its source are shown.
    assert page.exits.rowCount() == 1
    assert page.exits.index(0, 0).data() == "钱进" and page.exits.index(0, 4).data() == "58"
    assert "正职退出领导岗位年龄（岁）：58" in page.exit_rule.text() and "地方做法" in page.exit_rule.text()
    opened: list[tuple[str, int]] = []
    page.open_record.connect(lambda kind, rid: opened.append((kind, rid)))
    page._open(page.table, page.model.index(0, 3))
    assert opened == [("cadre", people["李芳"].id)]
    assert page.model.index(0, 0).data(ID_ROLE) == people["李芳"].id


def test_a_manual_month_from_the_profile(
    qtbot: QtBot,
    ctx: ServiceContext,
    people: dict[str, cadres.CadreView],
    _zh_cn: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    view = ProfileView(ctx, today=TODAY)
    qtbot.addWidget(view)
    young = people["郑青"]
    view.show_cadre(young.id)
    assert "到龄：2058.05（63岁）" in view.subtitle.text()

    # The dialog itself: a month without a reason is refused next to the field, then saved.
    dialog = RetirementDialog(ctx, young.id, view.version)
    qtbot.addWidget(dialog)
    assert dialog.computed.text() == "2058.05（63岁）"
    dialog.month.setText("2056.05")
    dialog.save()
    assert dialog.result_info is None and dialog.messages.labels["retirement_override_reason"].text()
    dialog.reason.setText("弹性提前退休协议")
    dialog.save()
    assert dialog.result_info is not None and dialog.result_info.source == "手工"
    dialog.close()

    # From the profile (the dialog answered by `ask`): the subtitle shows the manual month and reason.
    fresh = cadres.get_cadre(ctx, young.id)
    view.show_cadre(young.id)
    saved: list[int] = []
    view.saved.connect(saved.append)

    def answer(cls: type, parent: object, ctx_: ServiceContext, cadre_id: int, version: int) -> object:
        assert version == fresh.version
        return retirement.set_override(ctx_, cadre_id, "2057.05", "延迟退休协议", version)

    monkeypatch.setattr(retirement_dialog.RetirementDialog, "ask", classmethod(answer))
    view.edit_retirement()
    assert saved == [young.id]
    assert "到龄：2057.05（62岁）（手工设定：延迟退休协议）" in view.subtitle.text()
