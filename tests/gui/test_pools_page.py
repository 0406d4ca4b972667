"""后备干部库 page: the register with its flags at the reference date, pool / state / flagged filters, the
entry editor, state changes, measures and reviews through their dialogs; 工作台 lists the flagged entries
and opens one on the page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import time_machine
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from cadre_desk.services import cadre_records as cr
from cadre_desk.services import cadres, pool_entries, pool_lists, pools
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.home.home_page import HomePage
from cadre_desk.ui.pools import pools_page as page_module
from cadre_desk.ui.pools.entry_dialog import EntryDialog
from cadre_desk.ui.pools.measure_dialog import MeasureDialog
from cadre_desk.ui.pools.pools_page import PoolsPage
from cadre_desk.ui.pools.review_dialog import ReviewDialog
from cadre_desk.ui.pools.state_dialog import StateDialog
from cadre_desk.ui.widgets.codes import select_code
from tests.integration.test_pools import _enter, _young

TODAY = dt.date(2026, 12, 6)


@pytest.fixture
def county(ctx: ServiceContext) -> dict[str, int]:
    aged = _young(ctx, "超龄甲", "1990.06")  # 36 in 2026.06: past 35
    graded = _young(ctx, "考核乙", "1993.01")
    calm = _young(ctx, "平稳丙", "1996.03")
    _enter(ctx, aged.id, "优秀年轻干部")
    _enter(ctx, graded.id, "优秀年轻干部")
    _enter(ctx, calm.id, "好苗子")
    cr.save_assessments(ctx, graded.id, [cr.AssessmentInput(2025, "基本称职")], graded.version)
    return {"超龄甲": aged.id, "考核乙": graded.id, "平稳丙": calm.id}


def _names(page: PoolsPage) -> list[str]:
    return [page.model.index(r, 0).data() for r in range(page.model.rowCount())]


def test_the_register_filters_and_flags(
    qtbot: QtBot, ctx: ServiceContext, county: dict[str, int], _zh_cn: None
) -> None:
    page = PoolsPage(ctx, TODAY)
    qtbot.addWidget(page)
    page.refresh()
    assert _names(page) == ["平稳丙", "超龄甲", "考核乙"]  # in pool order, then by entry date
    assert page.summary.text().startswith("共 3 条，2 条需研判")
    assert [page.model.index(r, 1).data() for r in range(3)] == ["", "超龄", "考核低于称职"]
    assert "2025年度考核：基本称职" in page.model.index(2, 1).data(3)  # the tooltip
    page.date.setDate(QDate(2026, 5, 1))  # still 35: only the assessment
    assert page.summary.text().startswith("共 3 条，1 条需研判")
    page.flagged.setChecked(True)
    assert _names(page) == ["考核乙"]
    page.flagged.setChecked(False)
    page.pool.setCurrentIndex(page.pool.findText("好苗子"))
    assert _names(page) == ["平稳丙"]
    page.pool.setCurrentIndex(0)
    page.table.selectRow(2)
    assert page.heading.text().startswith("考核乙　优秀年轻干部　在库 2024.03.01")
    assert page.flags_label.text() == "⚑ 考核低于称职：2025年度考核：基本称职"
    assert page.move_buttons["列为考察对象"].isEnabled() and not page.move_buttons["在库"].isEnabled()


def test_entry_state_measure_and_review_dialogs(
    qtbot: QtBot, ctx: ServiceContext, county: dict[str, int], _zh_cn: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    newcomer = _young(ctx, "新来丁", "1997.07")
    dialog = EntryDialog(ctx, None, TODAY)
    qtbot.addWidget(dialog)
    dialog.cadre.set_cadre(newcomer.id)
    dialog.pool.setCurrentIndex(dialog.pool.findData(pools.find_pool(ctx, "好苗子").id))
    dialog.entered.setText("2025.09.01")
    select_code(dialog.channel, "推荐")
    dialog.save()  # 推荐 needs the unit
    assert dialog.result_entry is None
    assert "推荐单位" in dialog.messages.text_of("recommended_by")
    dialog.recommended_by.setText("县发改委")
    dialog.document_no.setText("组通〔2025〕9号")
    dialog.save()
    entry = dialog.result_entry
    assert entry is not None and (entry.channel, entry.recommended_by) == ("推荐", "县发改委")

    page = PoolsPage(ctx, TODAY)
    qtbot.addWidget(page)
    page.refresh()
    page.table.selectRow(page.model.row_of(entry.id))
    assert page._entry is not None and page._entry.id == entry.id

    state = StateDialog(ctx, page._entry, "已使用", TODAY)
    qtbot.addWidget(state)
    state.on.setText("2026.10.08")
    state.save()
    assert "使用职务" in state.messages.text_of("post")
    state.post.setText("青山镇副镇长")
    state.save()
    assert state.result_entry is not None and state.result_entry.state == "已使用"

    asked: list[str] = []
    monkeypatch.setattr(
        StateDialog, "ask", classmethod(lambda cls, parent, c, e, target, today: asked.append(target) or None)
    )
    page.table.selectRow(0)
    page.move_buttons["退出"].click()
    assert asked == ["退出"]

    e = pool_entries.get_entry(ctx, entry.id)
    measure = MeasureDialog(ctx, e, None)
    qtbot.addWidget(measure)
    select_code(measure.kind, "重点工作抽调")
    assert not measure.secondment.isEnabled()
    measure.start.setText("2026.03.01")
    measure.content.setText("抽调参加项目攻坚专班")
    measure.save()
    assert measure.result_measure is not None
    review = ReviewDialog(ctx, e, None, TODAY)
    qtbot.addWidget(review)
    review.year.setValue(2026)
    review.opinion.setPlainText("表现突出")
    review.save()
    assert review.result_review is not None
    page.state.setCurrentIndex(page.state.findData(None))
    assert page.show_record(page_module.ENTRY_KIND, entry.id)
    assert page.measures.rowCount() == 1 and page.measures.index(0, 3).data() == "抽调参加项目攻坚专班"
    assert page.reviews.index(0, 1).data() == "表现突出"
    assert "已使用" in page.heading.text() and "青山镇副镇长" in page.heading.text()
    assert [r.state for r in pool_lists.list_entries(ctx, TODAY, state="已使用")] == ["已使用"]


def test_a_page_left_open_past_midnight_works_at_the_new_date(
    qtbot: QtBot, ctx: ServiceContext, county: dict[str, int], _zh_cn: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page read the date once, when the window opened: left open over New Year's Eve, the next
    morning it offered 2026.12.31 as the entry date and refused 2027.01.01 as a date in the future."""
    newcomer = _young(ctx, "新来丁", "1997.07")
    offered: list[str] = []

    def ask(cls, parent, c, entry, today, pool_id=None):  # type: ignore[no-untyped-def]
        dialog = cls(c, entry, today, parent, pool_id)
        offered.append(dialog.entered.text())
        dialog.cadre.set_cadre(newcomer.id)
        dialog.pool.setCurrentIndex(dialog.pool.findData(pools.find_pool(c, "好苗子").id))
        dialog.entered.setText("2027.01.01")
        dialog.recommended_by.setText("县发改委")
        dialog.save()
        assert dialog.messages.text_of("entered_on") == ""
        return dialog.result_entry

    monkeypatch.setattr(EntryDialog, "ask", classmethod(ask))
    with time_machine.travel(dt.datetime(2026, 12, 31, 17, 30).astimezone(), tick=True) as clock:
        page = PoolsPage(ctx)
        qtbot.addWidget(page)
        page.refresh()
        clock.move_to(dt.datetime(2027, 1, 1, 8, 30).astimezone())
        page.new_record()
    assert offered == ["2027.01.01"]
    entry = next(e for e in pool_lists.list_entries(ctx, dt.date(2027, 1, 1)) if e.cadre_id == newcomer.id)
    assert entry.entered_on == dt.date(2027, 1, 1)


def test_the_worktable_lists_flagged_entries(
    qtbot: QtBot, ctx: ServiceContext, county: dict[str, int], _zh_cn: None
) -> None:
    home = HomePage(ctx, TODAY)
    qtbot.addWidget(home)
    home.reload_now()
    assert not home.pool_heading.isHidden()
    assert home.pool_heading.text().endswith("(2)") or "（2）" in home.pool_heading.text()
    rows = [home.pool_model.row_at(r) for r in range(home.pool_model.rowCount())]
    assert [(r.cells[0], r.kind) for r in rows] == [("超龄甲", "pool_entry"), ("考核乙", "pool_entry")]
    opened: list[tuple[str, int]] = []
    home.open_record.connect(lambda kind, rid: opened.append((kind, rid)))
    home._open(home.pool_model, 1)
    assert opened == [("pool_entry", rows[1].record_id)]
    # once the cadre leaves the pool the flag is gone
    entry = pool_entries.get_entry(ctx, rows[1].record_id)
    pool_entries.move_entry(
        ctx, entry.id, pool_entries.StateChange("退出", "2026.11.01", reason="考核"), entry.version, TODAY
    )
    aged = pool_entries.get_entry(ctx, rows[0].record_id)
    pool_entries.move_entry(
        ctx, aged.id, pool_entries.StateChange("退出", "2026.11.01", reason="超龄"), aged.version, TODAY
    )
    home.reload_now()
    assert home.pool_heading.isHidden() and cadres.get_cadre(ctx, county["超龄甲"]).name == "超龄甲"


def test_the_ledger_out_and_back_in_through_the_preview(
    qtbot: QtBot,
    ctx: ServiceContext,
    county: dict[str, int],
    _zh_cn: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from cadre_desk.db.opening import open_database
    from cadre_desk.services.context import open_context
    from cadre_desk.ui.pools.ledger_preview import LedgerPreviewDialog

    page = PoolsPage(ctx, TODAY)
    qtbot.addWidget(page)
    page.refresh()
    page.flagged.setChecked(True)
    assert page.export_to(tmp_path / "台账.xlsx") == 2  # the entries shown: those to review
    other = open_database(str(tmp_path / "other.db"), create=True)
    try:
        octx = open_context(other, "测试员")
        target = PoolsPage(octx, TODAY)
        qtbot.addWidget(target)
        seen: list[str] = []
        enabled: list[bool] = []

        def preview(cls: type, parent: object, plan: object) -> object:
            dialog = LedgerPreviewDialog(plan, None)  # type: ignore[arg-type]
            qtbot.addWidget(dialog)
            seen.append(dialog.summary.text())
            enabled.append(dialog.apply_button.isEnabled())
            return dialog.result_ledger() if dialog.apply_button.isEnabled() else None

        monkeypatch.setattr(LedgerPreviewDialog, "ask_ledger", classmethod(preview))
        assert target.import_file(tmp_path / "台账.xlsx") == 2
        assert _names(target) == ["超龄甲", "考核乙"]
        assert target.import_file(tmp_path / "台账.xlsx") == 0  # already there: nothing to write
        assert enabled == [True, False]
        assert seen[0].endswith("2 条新增，0 条已有") and seen[1].endswith("0 条新增，2 条已有")
    finally:
        other.dispose()


def test_the_growth_record_asks_for_diary_excerpts(
    qtbot: QtBot, ctx: ServiceContext, _zh_cn: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cadre_desk.ui.pools.excerpt_dialog import ExcerptDialog
    from tests.integration.test_growth_record import _person

    cadre_id, kept, entry_id = _person(ctx)
    dialog = ExcerptDialog(ctx, cadre_id, "林成长")
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 2 and dialog.chosen() == ()
    dialog.list.item(1).setCheckState(Qt.CheckState.Checked)
    assert dialog.chosen() == (kept,)
    page = PoolsPage(ctx, TODAY)
    qtbot.addWidget(page)
    assert not page.print_record()  # nothing chosen on the page
    assert page.show_record(page_module.ENTRY_KIND, entry_id) and page.growth_button.isEnabled()
    asked: list[int] = []
    monkeypatch.setattr(ExcerptDialog, "ask", classmethod(lambda cls, p, c, cid, name: asked.append(cid)))
    assert page.print_record() and asked == [cadre_id] and page._print_job is None  # cancelled: no PDF


def test_compare_the_selected_entries_or_the_inspection_candidates(
    qtbot: QtBot,
    ctx: ServiceContext,
    county: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
    _zh_cn: None,
) -> None:
    from cadre_desk.ui.structure.comparison_dialog import ComparisonDialog

    opened: list[ComparisonDialog] = []
    monkeypatch.setattr(ComparisonDialog, "open", lambda self: opened.append(self))  # noqa: PLW0108 (binds self)
    for name in ("超龄甲", "平稳丙"):  # two of the three listed as 考察对象
        entry = next(e for e in pool_lists.list_entries(ctx, TODAY) if e.cadre_id == county[name])
        pool_entries.move_entry(
            ctx, entry.id, pool_entries.StateChange("列为考察对象", "2026.11.01"), entry.version
        )
    page = PoolsPage(ctx, TODAY)
    qtbot.addWidget(page)
    page.refresh()
    assert page.compare_button.text() == "横向比较…"
    # Nothing selected: the 考察对象 shown.
    assert sorted(page.compare_ids()) == sorted([county["超龄甲"], county["平稳丙"]])
    page.compare()
    assert [sorted(d.comparison.cadre_ids) for d in opened] == [sorted([county["超龄甲"], county["平稳丙"]])]
    # The entries selected, whatever their state.
    page.table.selectAll()
    assert sorted(page.compare_ids()) == sorted(county.values())
    page.compare()
    assert len(opened[-1].comparison.names) == 3 and opened[-1].parent() is page
    with qtbot.waitSignal(page.open_record) as picked:  # a name opens the profile
        opened[-1].table.horizontalHeader().sectionDoubleClicked.emit(0)
    assert picked.args == ["cadre", opened[-1].comparison.cadre_ids[0]]
    # One entry and no 考察对象 shown: the service's reason, not a dialog.
    warned: list[str] = []
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.warning", lambda *a: warned.append(a[2]))
    select_code(page.state, "在库")
    page.table.selectRow(0)
    page.compare()
    assert len(opened) == 2 and warned and "2–6" in warned[0]
