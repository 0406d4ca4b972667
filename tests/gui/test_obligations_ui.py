"""应谈 in the window: the 谈话记录 page's 应谈 view by unit and by talker, the editor pre-filled from an
obligation (a saved talk settles it), 工作台's 应谈未谈 with 逾期 in words and red, the profile's tab with
the warning ladder, and 回溯."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QInputDialog, QWidget
from pytestqt.qtbot import QtBot

from cadre_desk.services import obligation_changes, obligations, talks, units
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.home.home_page import HomePage
from cadre_desk.ui.profile.obligations_tab import ObligationsTab
from cadre_desk.ui.talks import obligation_actions as act
from cadre_desk.ui.talks.lookback_dialog import LookbackDialog
from cadre_desk.ui.talks.talk_editor import TalkEditor
from cadre_desk.ui.talks.talk_outlines import outline_for
from cadre_desk.ui.talks.talks_page import TalksPage
from tests.conftest import PINNED_DAY, make_cadre

pytestmark = [
    pytest.mark.qt_log_ignore("This plugin does not support"),
    pytest.mark.usefixtures("pinned_day"),
]
TODAY = PINNED_DAY


@pytest.fixture
def owed(ctx: ServiceContext) -> dict[str, obligations.ObligationView]:
    town = units.create_unit(ctx, units.UnitInput(name="某某镇", kind="乡镇"))
    office = units.create_unit(ctx, units.UnitInput(name="县委办公室", kind="部门"))
    a = make_cadre(ctx, "张三", unit_id=town.id)
    b = make_cadre(ctx, "李四", unit_id=office.id)
    late = obligation_changes.record_warning_sign(ctx, a.id, "工作作风漂浮", TODAY - dt.timedelta(days=40))
    fresh = obligation_changes.record_warning_sign(ctx, b.id, "饮酒苗头", TODAY - dt.timedelta(days=2))
    assert late is not None and fresh is not None
    return {"late": late, "fresh": fresh}


def texts(widget: QWidget, column: int) -> list[str]:
    from PySide6.QtWidgets import QTreeWidget

    assert isinstance(widget, QTreeWidget)
    out = []
    for n in range(widget.topLevelItemCount()):
        group = widget.topLevelItem(n)
        assert group is not None
        out.append(group.text(0))
        out.extend(f"  {group.child(m).text(column)}" for m in range(group.childCount()))  # type: ignore[union-attr]
    return out


def test_the_owed_view_groups_by_unit_and_talker_and_marks_overdue_in_words(
    qtbot: QtBot, ctx: ServiceContext, owed: dict[str, obligations.ObligationView], _zh_cn: None
) -> None:
    page = TalksPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.show_owed(owed["late"].id)
    view = page.owed
    assert texts(view.tree, 0) == ["县委办公室（1）", "  李四", "某某镇（1，逾期 1）", "  张三"]
    assert view.selected() == owed["late"].id
    item = view.tree.currentItem()
    assert item is not None and item.text(5) == "待谈 · 逾期"
    assert item.foreground(5).color() == act.OVERDUE
    view.group.setCurrentIndex(view.group.findData("talker"))
    assert texts(view.tree, 0)[0] == "所在单位主要负责人（2，逾期 1）"
    view.state.setCurrentIndex(view.state.findData("overdue"))
    assert texts(view.tree, 0) == ["所在单位主要负责人（1，逾期 1）", "  张三"]
    assert "显示 1 项，逾期 1 项" in view.count.text()


def test_one_click_opens_the_editor_prefilled_and_the_saved_talk_settles_it(
    qtbot: QtBot,
    ctx: ServiceContext,
    owed: dict[str, obligations.ObligationView],
    monkeypatch: pytest.MonkeyPatch,
    _zh_cn: None,
) -> None:
    seen: list[TalkEditor] = []

    def run(self: TalkEditor) -> int:
        seen.append(self)
        assert self.kind.currentData() == "提醒谈话"
        assert self.outline.toPlainText() == outline_for("提醒谈话")
        assert self.subject_ids() == (owed["late"].cadre_id,)
        assert self.talkers.text() == "所在单位主要负责人" and self.recorder.text() == "测试员"
        assert not self.dirty
        self.talkers.setText("王书记")
        self.content.setPlainText("指出作风漂浮问题，提出整改要求。")
        self.save()
        return 1

    monkeypatch.setattr(TalkEditor, "exec", run)
    page = TalksPage(ctx)
    qtbot.addWidget(page)
    page.show_owed(owed["late"].id)
    with qtbot.waitSignal(page.records_changed):
        page.owed.buttons["talk"].click()
    assert seen
    done = obligations.get_obligation(ctx, owed["late"].id)
    assert done.state == "已谈" and done.talk_id is not None
    assert talks.get_talk(ctx, done.talk_id).talkers == "王书记"
    assert owed["late"].id not in [r.id for r in page.owed._fetch()]  # 待谈 view: gone


def test_waive_asks_a_reason(
    qtbot: QtBot,
    ctx: ServiceContext,
    owed: dict[str, obligations.ObligationView],
    monkeypatch: pytest.MonkeyPatch,
    _zh_cn: None,
) -> None:
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("已调离本县", True))
    page = TalksPage(ctx)
    qtbot.addWidget(page)
    page.show_owed(owed["fresh"].id)
    assert page.owed.buttons["waive"].isEnabled() and not page.owed.buttons["close"].isEnabled()
    page.owed.buttons["waive"].click()
    assert obligations.get_obligation(ctx, owed["fresh"].id).state == "免谈"


def test_home_lists_owed_talks_overdue_first_in_red_with_the_word(
    qtbot: QtBot, ctx: ServiceContext, owed: dict[str, obligations.ObligationView], _zh_cn: None
) -> None:
    home = HomePage(ctx)
    qtbot.addWidget(home)
    home.reload_now()
    assert home.owed_heading.text() == "应谈未谈（2） — 其中逾期 1 项"
    first = home.owed_model.row_at(0)
    assert first.urgent and first.kind == "obligation" and first.record_id == owed["late"].id
    assert first.cells[1] == "张三" and first.cells[-1] == "逾期 10 天"
    assert not home.owed_model.row_at(1).urgent
    with qtbot.waitSignal(home.open_record) as opened:
        home.owed_list.activated_row.emit(0)
    assert opened.args == ["obligation", owed["late"].id]


def test_the_profile_tab_lists_the_cadres_obligations_and_the_ladder(
    qtbot: QtBot,
    ctx: ServiceContext,
    owed: dict[str, obligations.ObligationView],
    monkeypatch: pytest.MonkeyPatch,
    _zh_cn: None,
) -> None:
    cadre_id = owed["late"].cadre_id
    talks.record_talk(
        ctx,
        talks.TalkInput(
            dt.datetime.combine(TODAY, dt.time(10)), "诫勉谈话", (cadre_id,), "赵部长", content="诫勉"
        ),
    )
    tab = ObligationsTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    tab.set_cadre(cadre_id)
    assert tab.table.rowCount() == 1 and tab.table.item(0, 4).text() == "待谈 · 逾期"  # type: ignore[union-attr]
    assert (
        tab.ladder_title.text() == "警示阶梯：[提醒] → 函询 → [诫勉] → 调整"
        or "[诫勉]" in tab.ladder_title.text()
    )
    assert [tab.ladder.item(r, 1).text() for r in range(tab.ladder.rowCount())] == ["苗头", "诫勉"]  # type: ignore[union-attr]
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: ("八小时外交往不审慎", True))
    with qtbot.waitSignal(tab.changed):
        tab.note_button.click()
    assert tab.table.rowCount() == 2


def test_lookback_lists_and_registers_past_events(qtbot: QtBot, ctx: ServiceContext, _zh_cn: None) -> None:
    from cadre_desk.services import cadre_records, cadres

    c = make_cadre(ctx, "王五")
    cadre_records.save_resume(
        ctx,
        c.id,
        [
            cadre_records.ResumeEntryInput("2007.07", "2020.05", "某乡科员"),
            cadre_records.ResumeEntryInput("2020.05", "", "某镇副镇长"),
        ],
        cadres.get_cadre(ctx, c.id).version,
    )
    dialog = LookbackDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.dates.date_from.setText("2020.01.01")
    dialog.dates.date_to.setText("2020.12.31")
    dialog.find_button.click()
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 1).text() == "王五"  # type: ignore[union-attr]
    dialog.raise_button.click()
    assert dialog.raised == 1
    (o,) = obligations.list_obligations(ctx, cadre_id=c.id)
    assert o.overdue and o.rule == "任职"
