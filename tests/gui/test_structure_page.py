"""班子结构分析 page on the county of known composition: the figures and targets as tables, a number
opening the cadres behind it and a profile from there, the charts and the heat table, Excel export."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QPushButton
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.structure import structure_page
from cadre_desk.ui.structure.cadre_list_dialog import CadreListDialog
from cadre_desk.ui.structure.models import IDS_ROLE
from cadre_desk.ui.structure.structure_page import KIND, UNIT, StructurePage
from tests.conftest import ready_account
from tests.integration import structure_county

TODAY = dt.date(2026, 12, 6)


@pytest.fixture
def page(qtbot: QtBot, ctx: ServiceContext, _zh_cn: None) -> tuple[StructurePage, structure_county.County]:
    county = structure_county.build(ctx)
    shown = StructurePage(ctx, TODAY)
    qtbot.addWidget(shown)
    shown.team_only.setChecked(False)
    shown.refresh()
    return shown, county


def row_of(model: object, group: str, item: str) -> int:
    for r in range(model.rowCount()):  # type: ignore[attr-defined]
        if (model.index(r, 0).data(), model.index(r, 1).data()) == (group, item):  # type: ignore[attr-defined]
            return r
    raise AssertionError((group, item))


def test_figures_targets_and_the_cadres_behind_a_number(
    page: tuple[StructurePage, structure_county.County], qtbot: QtBot
) -> None:
    shown, county = page
    for model in (shown.figures, shown.targets, shown.gaps):
        ModelTester(None).check(model)  # type: ignore[arg-type]
    assert "全县" in shown.summary.text() and "17" in shown.summary.text()
    young = row_of(shown.figures, "年龄", "≤35")
    assert shown.figures.index(young, 2).data() == "5" and shown.figures.index(young, 3).data() == "29.4%"
    assert sorted(shown.figures.index(young, 0).data(IDS_ROLE)) == county.ids("FHMNO")
    outside = row_of(shown.figures, "政治面貌", "党外（民主党派＋无党派）")
    assert shown.figures.index(outside, 2).data() == "2"
    # The targets: the colour always with its word.
    words = [shown.targets.index(r, 6).data() for r in range(shown.targets.rowCount())]
    assert words[1] == "缺配" and words[0] == "达标" and len(words) == 9
    assert [shown.gaps.index(r, 0).data() for r in range(shown.gaps.rowCount())] == [
        "某县白沙乡",
        "某县白沙乡",
        "某县人民政府",
    ]
    # The list behind a number opens a profile.
    dialog = shown.cadre_dialog("≤35", shown.figures.index(young, 0).data(IDS_ROLE))
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 5
    names = {dialog.model.index(r, 0).data() for r in range(5)}
    assert names == {"己六", "辛八", "辰巳", "午未", "申酉"}
    with qtbot.waitSignal(shown.open_record) as opened:
        dialog.table.doubleClicked.emit(dialog.model.index(0, 0))
    assert opened.args[0] == "cadre" and opened.args[1] in county.ids("FHMNO")
    # A double-click on a table row goes through the same list (the dialog's exec is not run here).
    picked: list[tuple[str, tuple[int, ...]]] = []
    shown._show_cadres = lambda title, ids: picked.append((title, ids))  # type: ignore[method-assign]
    shown._table_picked(shown.target_table, shown.targets.index(8, 0))
    assert picked[-1][1] == tuple(county.ids("D"))


def test_scope_date_charts_and_heat_table(page: tuple[StructurePage, structure_county.County]) -> None:
    shown, county = page
    shown.team_only.setChecked(True)
    shown.select_scope(KIND, "乡镇")
    assert shown.report is not None and shown.report.figures.members.count == 6
    assert [b.count() for b in shown.pyramid.sets] == [6, 6]  # six bands for men and for women
    assert [shown.pyramid.sets[0].at(i) for i in range(6)] == [2, 1, 0, 1, 0, 0]  # F H, K, J
    assert shown.heat.rowCount() == 2 and shown.heat.item(1, 5).text() == "缺配 0/1"  # 白沙乡: no woman
    assert shown.education_chart.chart().series()[0].count() == 2
    shown.select_scope(UNIT, county.unit_ids["财政局"])
    assert shown.report.figures.members.count == 3
    shown.date.setDate(QDate(2030, 12, 6))  # four years on: L (1968.01) is 62 and past 到龄
    assert shown.report.figures.age_bands["≥56"].count == 1
    assert shown.report.figures.retiring_within_3y.count == 0


def test_excel_export(
    page: tuple[StructurePage, structure_county.County], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown, _county = page
    out = tmp_path / "结构.xlsx"
    monkeypatch.setattr(structure_page.QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    shown.export_excel()
    assert openpyxl.load_workbook(out).sheetnames == ["汇总", "结构要求", "班子", "缺口"]


def test_the_list_dialog_alone(qtbot: QtBot, ctx: ServiceContext, _zh_cn: None) -> None:
    dialog = CadreListDialog("空", [])
    qtbot.addWidget(dialog)
    dialog.open_button.click()  # nothing selected: nothing opens
    assert dialog.result() == 0


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_print_report_previews_the_pdf(
    page: tuple[StructurePage, structure_county.County], qtbot: QtBot, tmp_path: Path
) -> None:
    import shiboken6
    from pypdf import PdfReader

    from cadre_desk.ui.printing.pdf_preview import PdfPreviewDialog

    shown, _county = page
    shown.team_only.setChecked(True)
    shown.select_scope(KIND, "乡镇")

    def previews() -> list[PdfPreviewDialog]:
        return [d for d in shown.findChildren(PdfPreviewDialog) if shiboken6.isValid(d) and d.isVisible()]

    assert shown.print_record()
    qtbot.waitUntil(lambda: bool(previews()), timeout=60_000)
    dialog = previews()[0]
    assert dialog.page_count == 6  # cover, figures and charts, targets, two 班子, 缺口
    target = tmp_path / "report.pdf"
    assert dialog.save_to(target)
    assert "全部乡镇" in str(PdfReader(target).metadata.title)  # type: ignore[union-attr]
    dialog.close()


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_compare_from_the_roster_selection(
    roster_page: object, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cadre_desk.ui.roster.roster_page import RosterPage
    from cadre_desk.ui.structure import comparison_dialog
    from cadre_desk.ui.structure.comparison_dialog import ComparisonDialog

    assert isinstance(roster_page, RosterPage)
    roster_page.table.selectAll()
    labels = [a.text() for a in roster_page.row_menu().actions()]
    assert "横向比较…" in labels
    opened: list[ComparisonDialog] = []
    monkeypatch.setattr(ComparisonDialog, "open", lambda self: opened.append(self))  # noqa: PLW0108 (binds self)
    chosen = roster_page.selected_ids()[:3]
    roster_page.compare(chosen)
    dialog = opened[0]  # a child of the roster page, deleted when closed
    assert dialog.table.columnCount() == len(chosen) and dialog.table.rowCount() == 22
    header = dialog.table.verticalHeaderItem(0)
    assert header is not None and header.text().endswith("性别")
    # 打印预览…: the common print path (built in the background, previewed, saved or printed, audited).
    import shiboken6
    from pypdf import PdfReader

    from cadre_desk.services import audit_trail
    from cadre_desk.ui.printing.pdf_preview import PdfPreviewDialog

    assert dialog.print_button.text() == "打印预览…"

    def previews() -> list[PdfPreviewDialog]:
        return [d for d in dialog.findChildren(PdfPreviewDialog) if shiboken6.isValid(d) and d.isVisible()]

    dialog.print_preview()
    qtbot.waitUntil(lambda: bool(previews()), timeout=60_000)
    preview = previews()[0]
    assert preview.file_name.endswith("_干部横向比较表.pdf")
    out = tmp_path / "比较.pdf"
    assert preview.save_to(out)
    page = PdfReader(out).pages[0]
    assert page.mediabox.width > page.mediabox.height  # A4 landscape
    assert "干部横向比较表" in page.extract_text()
    for cadre_id in chosen:  # one export record per cadre compared
        events = audit_trail.history(roster_page._ctx, "cadre", cadre_id)
        assert any(e.action == "export" and e.changes.get("document") == "干部横向比较表" for e in events)
    preview.close()
    with qtbot.waitSignal(dialog.open_cadre) as picked:
        dialog.table.horizontalHeader().sectionDoubleClicked.emit(1)
    assert picked.args == [chosen[1]]
    warned: list[str] = []
    monkeypatch.setattr(comparison_dialog.QMessageBox, "warning", lambda *a: warned.append(a[2]))
    assert ComparisonDialog.for_cadres(roster_page._ctx, chosen[:1], None, roster_page) is None
    assert warned and "2–6" in warned[0]


def test_a_saved_selection_as_the_scope(
    page: tuple[StructurePage, structure_county.County], qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cadre_desk.services import structure_selections as saved
    from cadre_desk.ui.structure.selection_dialog import SelectionDialog
    from cadre_desk.ui.structure.selections_dialog import SelectionsDialog
    from cadre_desk.ui.widgets import confirm

    shown, county = page
    towns = sorted((county.unit_ids["青山镇"], county.unit_ids["白沙乡"]))
    shown.team_only.setChecked(True)
    shown.select_scope(KIND, "乡镇")
    assert shown.save_scope_button.text() == "保存为选定范围…"

    def fill(parent: object, ctx: ServiceContext, current: object = None, checked: object = ()) -> object:
        dialog = SelectionDialog(ctx, current, checked, parent)  # type: ignore[arg-type]
        qtbot.addWidget(dialog)
        assert sorted(dialog.ticked_ids()) == towns  # the units of the scope shown
        dialog.filter.setText("部门")  # the filter narrows the list; 全选 ticks only what it shows
        dialog.findChild(QPushButton, "tickAll").click()  # type: ignore[union-attr]
        assert len(dialog.ticked_ids()) == 3
        dialog.filter.clear()
        dialog.findChild(QPushButton, "tickNone").click()  # type: ignore[union-attr]
        assert dialog.ticked_ids() == []
        dialog.filter.setText("乡镇")
        dialog.findChild(QPushButton, "tickAll").click()  # type: ignore[union-attr]
        assert sorted(dialog.ticked_ids()) == towns
        dialog.save()  # no name: refused, next to the field, in Chinese
        assert dialog.result_view is None and "范围名称" in dialog.messages.text_of("name")
        dialog.name.setText("2027换届乡镇")
        dialog.save()
        return dialog.result_view

    monkeypatch.setattr(SelectionDialog, "ask", fill)
    shown.save_selection()
    assert shown.scope.currentText() == "选定范围：2027换届乡镇"
    assert shown.report is not None and shown.report.scope.label == "2027换届乡镇"
    assert shown.report.figures.members.count == 6 and "2027换届乡镇" in shown.summary.text()

    # 管理选定范围: rename, then delete; the page's scope list follows.
    manager = SelectionsDialog(shown.ctx, shown)
    qtbot.addWidget(manager)
    assert manager.list.count() == 1 and manager.list.item(0).text() == "2027换届乡镇（2 个单位）"
    assert "某县青山镇" in manager.units.text()

    def rename(parent: object, ctx: ServiceContext, current: object = None, checked: object = ()) -> object:
        dialog = SelectionDialog(ctx, current, checked, parent)  # type: ignore[arg-type]
        qtbot.addWidget(dialog)
        dialog.name.setText("2027年换届乡镇")
        dialog.units.item(0).setCheckState(dialog.units.item(0).checkState())  # units as they were
        dialog.save()
        return dialog.result_view

    monkeypatch.setattr(SelectionDialog, "ask", rename)
    manager.edit()
    assert manager.changed and manager.list.item(0).text() == "2027年换届乡镇（2 个单位）"
    monkeypatch.setattr(SelectionsDialog, "ask", lambda parent, ctx: True)
    shown.manage_selections()
    assert shown.scope.currentText() == "选定范围：2027年换届乡镇"
    assert shown.report.scope.label == "2027年换届乡镇"
    monkeypatch.setattr(confirm.QMessageBox, "question", lambda *a: confirm.QMessageBox.StandardButton.Yes)
    manager.delete()
    assert manager.list.count() == 0 and saved.list_selections(shown.ctx) == []
    shown.manage_selections()
    assert shown.scope.findText("选定范围：2027年换届乡镇") == -1
    assert shown.report.scope.label == "全县"  # the deleted selection's scope falls back to the county
    from cadre_desk.ui.audit.audit_model import entity_text

    assert entity_text("structure_selection") == "选定范围"  # as the audit trail names its records


def test_a_reader_chooses_saved_selections_but_does_not_save_them(
    qtbot: QtBot, ctx: ServiceContext, _zh_cn: None
) -> None:
    from cadre_desk.services import accounts
    from cadre_desk.services import structure_selections as saved

    county = structure_county.build(ctx)
    towns = [county.unit_ids["青山镇"], county.unit_ids["白沙乡"]]
    view = saved.save_selection(ctx, saved.SelectionInput("2027换届乡镇", towns))
    admin = accounts.set_first_admin(ctx.db, "admin", "Adm1n-密码-2026")
    for name, role in (("reader", "reader"), ("clerk", "clerk")):
        ready_account(admin, name, [role], "R3ader-密码-2026")
    reader = StructurePage(accounts.authenticate(ctx.db, "reader", "R3ader-密码-2026"), TODAY)
    clerk = StructurePage(accounts.authenticate(ctx.db, "clerk", "R3ader-密码-2026"), TODAY)
    for shown in (reader, clerk):
        qtbot.addWidget(shown)
    assert reader.save_scope_button.isHidden() and reader.selections_button.isHidden()
    assert not clerk.save_scope_button.isHidden() and not clerk.selections_button.isHidden()
    reader.select_scope(structure_page.SELECTION, view.id)
    assert reader.report is not None and reader.report.scope.label == "2027换届乡镇"
