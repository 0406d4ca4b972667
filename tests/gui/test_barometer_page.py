"""晴雨表 page: a period opened from the page, the grid per unit edited from the keyboard, the colour with
its word, 研判 and 处置 through their dialogs, a member list imported, the export, publishing; the model
through Qt's model tester."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
import time_machine
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from cadre_desk.services import (
    barometer,
    barometer_changes,
    barometer_entries,
    barometer_periods,
    obligations,
)
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.barometer import disposal_dialog, import_preview, override_dialog
from cadre_desk.ui.barometer.barometer_page import BarometerPage
from cadre_desk.ui.barometer.disposal_dialog import DisposalDialog
from cadre_desk.ui.barometer.grid_model import COLOUR, DISPOSAL, FIRST_INDICATOR, OVERRIDE, RULE
from cadre_desk.ui.barometer.override_dialog import OverrideDialog
from tests.integration.test_barometer import _county
from tests.integration.test_barometer_import import ID_A, _setup, member_list

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

PETITION = FIRST_INDICATOR + 6  # 信访举报
TODAY = dt.date(2026, 11, 20)


def _page(qtbot: QtBot, ctx: ServiceContext) -> BarometerPage:
    page = BarometerPage(ctx, TODAY)
    qtbot.addWidget(page)
    page.resize(1400, 700)
    page.show()
    page.refresh()
    return page


def test_a_page_left_open_into_the_new_year_suggests_its_first_quarter(
    qtbot: QtBot, ctx: ServiceContext, _zh_cn: None
) -> None:
    """The page read the date once, when the window opened: on 01.01 it still offered 2026Q4."""
    with time_machine.travel(dt.datetime(2026, 12, 31, 17, 30).astimezone(), tick=True) as clock:
        page = BarometerPage(ctx)
        qtbot.addWidget(page)
        page.refresh()
        assert page.suggested_period() == "2026Q4"
        clock.move_to(dt.datetime(2027, 1, 1, 8, 30).astimezone())
        assert page.suggested_period() == "2027Q1"


def test_a_period_is_opened_and_typed_into_from_the_keyboard(
    qtbot: QtBot, ctx: ServiceContext, _zh_cn: None
) -> None:
    _town, _office, ids = _county(ctx)
    page = _page(qtbot, ctx)
    assert page.model.rowCount() == 0 and not page.import_button.isEnabled()
    assert page.suggested_period() == "2026Q4"
    assert page.open_period("2026Q4") is not None
    assert page.period.currentText() == "2026Q4  2026年第四季度"
    assert page.unit.currentText() == "某某镇（2）"
    assert [page.model.index(r, 0).data() for r in range(page.model.rowCount())] == ["李二", "王一"]
    ModelTester(None).check(page.model)  # type: ignore[arg-type]
    assert page.model.headerData(PETITION, Qt.Orientation.Horizontal) == "信访举报"
    assert page.model.index(0, COLOUR).data() == "绿"
    # Keyboard: go to 李二's 信访举报, type 待 to open the drop-down editor, choose 待核, Enter.
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, PETITION))
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    editor = page.table.indexWidget(page.model.index(0, PETITION)) or page.table.focusWidget()
    assert isinstance(editor, QComboBox)
    editor.setCurrentIndex(editor.findData("待核"))
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits through a queued call
    qtbot.waitUntil(lambda: page.model.index(0, PETITION).data() == "待核")
    assert page.model.index(0, COLOUR).data() == "黄"
    assert page.model.index(0, RULE).data() == "信访举报 待核（信访举报待核或属实）"
    assert "黄 1" in page.summary.text()
    assert [o.rule for o in obligations.list_obligations(ctx, cadre_id=ids[1])] == ["苗头"]
    # A free-text indicator takes what is typed; Delete clears a cell.
    audit_col = FIRST_INDICATOR + 8  # 审计发现
    page.table.setCurrentIndex(page.model.index(1, audit_col))
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    line = page.table.focusWidget()
    assert isinstance(line, QLineEdit)
    line.setText("超标准接待")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.model.index(1, audit_col).data() == "超标准接待")
    page.table.setCurrentIndex(page.model.index(0, PETITION))
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert page.model.index(0, COLOUR).data() == "绿"
    page.unit.setCurrentIndex(page.unit.findData(-1))
    assert page.model.rowCount() == 3


def test_review_disposal_and_publishing(
    qtbot: QtBot, ctx: ServiceContext, _zh_cn: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    _town, _office, ids = _county(ctx)
    p = barometer_periods.open_period(ctx, "2026Q3")
    e = next(x for x in barometer_entries.list_entries(ctx, p.id) if x.cadre_id == ids[0])
    barometer_changes.set_indicators(ctx, e.id, {"rank_last": "是"}, e.version)
    page = _page(qtbot, ctx)
    page.only_warnings.setChecked(True)
    page.unit.setCurrentIndex(page.unit.findData(-1))
    assert [page.model.index(r, 0).data() for r in range(page.model.rowCount())] == ["王一"]
    page.table.setCurrentIndex(page.model.index(0, COLOUR))

    def decide(parent: object, ctx_: ServiceContext, entry: barometer.EntryView, words: object) -> object:
        dialog = OverrideDialog(ctx_, entry, words, page)  # type: ignore[arg-type]
        qtbot.addWidget(dialog)
        dialog.colour.setCurrentIndex(dialog.colour.findData("green"))
        dialog.reason.setPlainText("新调入人员，末位不予预警")
        dialog.save()
        return dialog.result_view

    monkeypatch.setattr(override_dialog.OverrideDialog, "ask", classmethod(lambda cls, *a: decide(*a)))
    page.override_current()
    assert page.model.index(0, COLOUR).data() == "绿"
    assert page.model.index(0, OVERRIDE).data() == "绿：新调入人员，末位不予预警"

    def dispose(parent: object, ctx_: ServiceContext, entry: barometer.EntryView) -> object:
        dialog = DisposalDialog(ctx_, entry, page)
        qtbot.addWidget(dialog)
        dialog.disposal.setCurrentIndex(dialog.disposal.findData("调整岗位"))
        assert dialog.way.isEnabled() and not dialog.ladder_warning.isHidden()
        dialog.save()  # no way chosen: refused, the dialog stays
        assert dialog.result_view is None
        dialog.disposal.setCurrentIndex(dialog.disposal.findData("提醒谈话"))
        assert not dialog.way.isEnabled()
        dialog.follow_up.setPlainText("已由分管领导提醒谈话")
        dialog.follow_done.setChecked(True)
        dialog.save()
        return dialog.result_view

    monkeypatch.setattr(disposal_dialog.DisposalDialog, "ask", classmethod(lambda cls, *a: dispose(*a)))
    page.dispose_current()
    assert page.model.index(0, DISPOSAL).data() == "提醒谈话 ✓"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.advance()
    assert page.current_period().state == "研判中"  # type: ignore[union-attr]
    page.advance()
    assert page.current_period().state == "已发布"  # type: ignore[union-attr]
    assert not page.import_button.isEnabled() and not page.model.flags(page.model.index(0, PETITION)) & (
        Qt.ItemFlag.ItemIsEditable
    )


def test_a_member_list_imported_and_the_grid_exported(
    qtbot: QtBot, ctx: ServiceContext, tmp_path: Path, _zh_cn: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    _setup(ctx)
    page = _page(qtbot, ctx)
    path = member_list(
        tmp_path / "纪委处分名单.xlsx", ["姓名", "身份证号", "处分"], [["王一", ID_A, "政务记过"]]
    )
    asked: list[object] = []
    monkeypatch.setattr(
        import_preview.BarometerImportPreview,
        "ask",
        classmethod(lambda cls, parent, plan: asked.append(plan) or True),
    )
    assert page.import_file(path) == 1 and len(asked) == 1
    names = {page.model.index(r, 0).data(): r for r in range(page.model.rowCount())}
    assert page.model.index(names["王一"], COLOUR).data() == "红"
    assert page.export_to(tmp_path / "g.xlsx") == 3
    sheet = openpyxl.load_workbook(tmp_path / "g.xlsx").active
    assert sheet is not None
    rows = {r[0]: r for r in sheet.iter_rows(min_row=3, values_only=True)}
    assert "红" in rows["王一"]


def test_the_profile_shows_a_strip_of_quarters(qtbot: QtBot, ctx: ServiceContext, _zh_cn: None) -> None:
    from cadre_desk.ui.profile.profile_view import ProfileView

    _town, _office, ids = _county(ctx)
    for code, values in (
        ("2026Q2", {"petition": "属实"}),
        ("2026Q3", {}),
        ("2026Q4", {"discipline": "党内警告"}),
    ):
        p = barometer_periods.open_period(ctx, code)
        e = next(x for x in barometer_entries.list_entries(ctx, p.id) if x.cadre_id == ids[0])
        if values:
            e = barometer_changes.set_indicators(ctx, e.id, values, e.version)
            barometer_changes.dispose(ctx, e.id, "诫勉", "", "", False, e.version)
    view = ProfileView(ctx, today=TODAY)
    qtbot.addWidget(view)
    view.show_cadre(ids[0])
    assert view.barometer_strip.texts() == ["2026Q2 黄", "2026Q3 绿", "2026Q4 红"]
    assert "处分 党内警告" in view.barometer_strip.boxes[2].toolTip()
    assert "处置：诫勉" in view.barometer_strip.boxes[2].toolTip()
    view.show_cadre(ids[2])
    assert view.barometer_strip.texts() == ["2026Q2 绿", "2026Q3 绿", "2026Q4 绿"]


def test_every_unit_is_read_a_page_at_a_time(
    qtbot: QtBot, ctx: ServiceContext, _zh_cn: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cadre_desk.ui.barometer import barometer_page

    monkeypatch.setattr(barometer_page, "PAGE_ROWS", 2)
    _county(ctx)
    barometer_periods.open_period(ctx, "2026Q4")
    page = _page(qtbot, ctx)
    page.unit.setCurrentIndex(page.unit.findData(-1))
    assert page.model.rowCount() == 2 and page.model.canFetchMore()
    page.model.fetchMore()
    assert [page.model.index(r, 0).data() for r in range(page.model.rowCount())] == ["李二", "王一", "赵三"]
    page.model.fetchMore()  # nothing more: the model stops asking
    assert page.model.rowCount() == 3 and not page.model.canFetchMore()
    ModelTester(None).check(page.model)  # type: ignore[arg-type]
