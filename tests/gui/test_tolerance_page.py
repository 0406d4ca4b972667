"""容错纠错 in the window: the register and its filters, the editor (asks before discarding), the
procedure's steps, attachments, the yearly summary, 工作台's deadlines, the profile's 已容错 and the
warning before a negative record that may concern a tolerated matter."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import openpyxl
import pytest
import time_machine
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QDesktopServices
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from cadre_desk.db.engine import Database
from cadre_desk.services import (
    access,
    accounts,
    barometer_changes,
    barometer_entries,
    barometer_periods,
    cadres,
    tolerance,
    tolerance_editing,
    tolerance_files,
    tolerance_register,
    units,
    worktable,
)
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.home.home_page import HomePage
from cadre_desk.ui.roster.roster_page import RosterPage
from cadre_desk.ui.tolerance import negative_warning
from cadre_desk.ui.tolerance.case_editor import CaseEditor
from cadre_desk.ui.tolerance.tolerance_page import ID_ROLE, OVERDUE, ReasonDialog, TolerancePage
from cadre_desk.ui.widgets.guarded_dialog import DiscardQuestion
from tests.conftest import make_cadre, ready_account
from tests.integration.test_tolerance import PDF, PNG, new_case, rule_case

TODAY = dt.date(2026, 12, 6)
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def warnings_shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: shown.append(text))
    return shown


def test_register_filters_and_steps(
    qtbot: QtBot,
    ctx: ServiceContext,
    _zh_cn: None,
    monkeypatch: pytest.MonkeyPatch,
    warnings_shown: list[str],
) -> None:
    cadre = make_cadre(ctx, "周敢为")
    old = new_case(ctx, cadre.id, received_on="2025.02.01", matter="去年的事项")
    case = new_case(ctx, cadre.id)
    page = TolerancePage(ctx, TODAY)
    qtbot.addWidget(page)
    page.refresh()
    assert [page.model.index(r, 0).data() for r in range(page.model.rowCount())] == [case.number, old.number]
    assert [page.model.index(0, c).data() for c in (1, 3, 4, 6)] == [
        "周敢为",
        "招商项目土地预付款损失",
        "本人申请",
        "登记",
    ]
    assert page.summary.text() == "显示 2 件。全部：登记 2"
    page.year.setCurrentIndex(page.year.findData(2025))
    assert page.model.rowCount() == 1 and page.current is not None and page.current.id == old.id
    page.year.setCurrentIndex(0)
    assert page.show_record("tolerance_case", case.id) and page.current is not None
    assert page.current.id == case.id and "招商项目土地预付款损失" in page.detail.toPlainText()
    enabled = {s.value for s, b in page.step_buttons.items() if b.isEnabled()}
    assert enabled == {"受理", "不予受理"}
    page.step_buttons[next(s for s in page.step_buttons if s.value == "受理")].click()
    assert page.current.state == "受理"
    # a step whose conditions are not met says why and changes nothing
    assert page.move_current(next(s for s in page.step_buttons if s.value == "核实中"))
    ruled = next(s for s in page.step_buttons if s.value == "已认定")
    assert not page.move_current(ruled)
    assert "认定结果" in warnings_shown[-1] and page.current.state == "核实中"
    # 不予受理 asks for reasons; cancelling changes nothing
    assert page.show_record("tolerance_case", old.id)
    monkeypatch.setattr(ReasonDialog, "ask", classmethod(lambda cls, parent: None))
    rejected = next(s for s in page.step_buttons if s.value == "不予受理")
    assert not page.move_current(rejected)
    monkeypatch.setattr(ReasonDialog, "ask", classmethod(lambda cls, parent: "系明知故犯"))
    assert page.move_current(rejected)
    assert tolerance_register.get_case(ctx, old.id).rejection_reason == "系明知故犯"
    page.state.setCurrentIndex(page.state.findData("不予受理"))
    assert page.model.rowCount() == 1 and page.model.index(0, 0).data(ID_ROLE) == old.id


def test_the_editor_saves_and_asks_before_discarding(
    qtbot: QtBot, ctx: ServiceContext, _zh_cn: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    cadre = make_cadre(ctx, "吴担当")
    editor = CaseEditor(ctx, None, (cadre.id, cadre.name))
    qtbot.addWidget(editor)
    editor.show()
    asked: list[bool] = []
    monkeypatch.setattr(
        DiscardQuestion, "ask", classmethod(lambda cls, parent, text="": asked.append(True) or False)
    )
    editor.matter.setText("防汛物资临机调用")
    editor.reject()
    assert asked == [True] and editor.isVisible()  # kept: the user chose to keep editing
    editor.save()
    assert editor.messages.text_of("matter_start") and editor.messages.text_of("origin")
    assert editor.result_view is None and editor.isVisible()
    editor.matter_start.setText("2026.07.10")
    editor.origin.setCurrentIndex(editor.origin.findData("单位申请"))
    editor.rule_boxes[0].setChecked(True)
    editor.analysis["motive"].setPlainText("保护群众安全")
    CaseEditor.add_row(editor.measures, ("补办采购手续", "应急局", "2027.01.31", ""))
    editor.save()
    saved = editor.result_view
    assert saved is not None and not editor.isVisible()
    assert (saved.matter, saved.origin, saved.cadre_id, saved.motive) == (
        "防汛物资临机调用",
        "单位申请",
        cadre.id,
        "保护群众安全",
    )
    assert len(saved.rule_ids) == 1 and [m.action for m in saved.measures] == ["补办采购手续"]
    # editing it again shows what was saved, and a change saves as an update
    again = CaseEditor(ctx, saved)
    qtbot.addWidget(again)
    assert again.matter.text() == "防汛物资临机调用" and again.measures.rowCount() == 1
    assert again.rule_boxes[0].isChecked()
    again.ruling.setCurrentIndex(again.ruling.findData("免予问责"))
    again.ruling_body.setText("县纪委监委")
    again.save()
    assert again.result_view is not None and again.result_view.version > saved.version
    assert again.result_view.ruling == "免予问责" and again.result_view.measures[0].id == saved.measures[0].id


def test_attachments_and_the_yearly_summary(
    qtbot: QtBot,
    ctx: ServiceContext,
    _zh_cn: None,
    tmp_path: Path,
    warnings_shown: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    case = rule_case(ctx, new_case(ctx, make_cadre(ctx).id))
    page = TolerancePage(ctx, TODAY)
    qtbot.addWidget(page)
    page.refresh()
    (tmp_path / "scan.pdf").write_bytes(PNG)  # a PNG named .pdf: recognised by its content
    (tmp_path / "notes.pdf").write_text("not a scan")
    assert page.add_files([tmp_path / "scan.pdf", tmp_path / "notes.pdf"]) == 1
    assert "不是 PDF 或扫描图片" in warnings_shown[-1]
    assert page.attachments.count() == 1
    attachment = tolerance_register.get_case(ctx, case.id).attachments[0]
    assert attachment.media_type == "image/png"
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    page.attachments.setCurrentRow(0)
    assert page.open_attachment()
    assert opened[0].endswith("scan.png") and Path(opened[0]).read_bytes() == PNG  # named by its content
    assert page.save_attachment_to(attachment.id, tmp_path / "out" / "copy.png")
    assert (tmp_path / "out" / "copy.png").read_bytes() == PNG
    tolerance_files.add_attachment(ctx, case.id, "认定书.pdf", PDF)
    page.refresh()
    assert page.attachments.count() == 2
    assert page.write_summary(2026, tmp_path / "汇总.xlsx")
    book = openpyxl.load_workbook(tmp_path / "汇总.xlsx")
    assert [c.value for c in book["案件清单"][2]][:2] == [case.number, "张三"]
    rulings = {row[0].value: row[1].value for row in book["汇总"].iter_rows() if row[0].value}
    assert rulings["免予问责"] == 1 and rulings["未认定"] == 0


def test_overdue_measures_are_red_on_the_register_and_the_worktable(
    qtbot: QtBot, ctx: ServiceContext, _zh_cn: None
) -> None:
    case = rule_case(ctx, new_case(ctx, make_cadre(ctx, "冯整改").id))
    data = dataclasses.replace(
        case.as_input(),
        measures=(
            tolerance.MeasureInput("修订制度", "县财政局", "2026.11.30"),
            tolerance.MeasureInput("追回预付款", "县投促局", "2026.12.20"),
            tolerance.MeasureInput("明年的措施", "县投促局", "2027.06.30"),
        ),
    )
    tolerance_editing.update_case(ctx, case.id, data, case.version)
    page = TolerancePage(ctx, TODAY)
    qtbot.addWidget(page)
    page.refresh()
    assert page.model.index(0, 9).data() == "2026.11.30"
    assert page.model.index(0, 9).data(Qt.ItemDataRole.ForegroundRole).color() == OVERDUE
    home = HomePage(ctx, TODAY)
    qtbot.addWidget(home)
    home.show_table(worktable.load(ctx, TODAY))
    assert home.measures_heading.text() == "30 天内到期或已逾期的容错纠错整改措施（2）"
    rows = [home.measures_model.row_at(r) for r in range(home.measures_model.rowCount())]
    assert [(r.cells[1], r.urgent, r.kind, r.record_id) for r in rows] == [
        ("修订制度", True, "tolerance_case", case.id),
        ("追回预付款", False, "tolerance_case", case.id),
    ]
    assert rows[0].cells[4] == "逾期 6 天"


def test_a_measure_due_yesterday_turns_red_on_a_page_left_open_past_midnight(
    qtbot: QtBot, ctx: ServiceContext, _zh_cn: None
) -> None:
    """The page read the date once, when the window opened: a measure due on New Year's Eve stayed
    black on 01.01 until the program was restarted."""
    case = rule_case(ctx, new_case(ctx, make_cadre(ctx, "冯整改").id))
    data = dataclasses.replace(
        case.as_input(), measures=(tolerance.MeasureInput("修订制度", "县财政局", "2026.12.31"),)
    )
    tolerance_editing.update_case(ctx, case.id, data, case.version)
    with time_machine.travel(dt.datetime(2026, 12, 31, 17, 30).astimezone(), tick=True) as clock:
        page = TolerancePage(ctx)
        qtbot.addWidget(page)
        page.refresh()
        assert page.model.index(0, 9).data(Qt.ItemDataRole.ForegroundRole) is None
        clock.move_to(dt.datetime(2027, 1, 1, 8, 30).astimezone())
        page.refresh()
        assert page.model.index(0, 9).data(Qt.ItemDataRole.ForegroundRole).color() == OVERDUE
        assert page.summary_year() == 2027


def test_the_profile_shows_tolerated_and_warns_before_a_negative_record(
    roster_page: RosterPage,
    sample_cadres: dict[str, cadres.CadreView],
    ctx: ServiceContext,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cadre = sample_cadres["李四"]
    roster_page.show_cadre(cadre.id)
    view = roster_page.profile
    assert view.tolerance_banner.isHidden()
    case = rule_case(ctx, new_case(ctx, cadre.id))
    roster_page.show_cadre(cadre.id)
    view.show_cadre(cadre.id)
    assert not view.tolerance_banner.isHidden()
    assert "已容错（2026.03.20 县纪委监委 免予问责，X纪容〔2026〕1号）" in view.tolerance_banner.text()
    asked: list[list[str]] = []
    monkeypatch.setattr(
        negative_warning.NegativeRecordWarning,
        "ask",
        classmethod(lambda cls, parent, m: asked.append(m) or False),
    )
    rewards = view.editors["rewards"].records
    row = rewards.add_row(["惩处", "2026.05", "党内警告处分", "县纪委"])
    assert not view.save() and view.is_dirty()  # "back to editing": nothing saved
    assert len(asked) == 1 and case.ruling_number in asked[0][0] and "本惩处记录" in asked[0][0]
    monkeypatch.setattr(
        negative_warning.NegativeRecordWarning,
        "ask",
        classmethod(lambda cls, parent, m: asked.append(m) or True),
    )
    assert view.save() and not view.is_dirty()
    assert len(asked) == 2
    assert [r.text for r in view.profile.rewards if r.kind == "惩处"] == ["党内警告处分"]  # type: ignore[union-attr]
    # a reward, or a punishment long after the matter, does not ask
    rewards.add_row(["奖励", "2026.06", "优秀共产党员", "县委"])
    rewards.setData(rewards.index(row, rewards.column_of("text")), "党内警告处分（已撤销）")
    assert (
        len(negative_warning.warnings_for(ctx, cadre.id, {"rewards": rewards.changed_records()}, TODAY)) == 1
    )
    rewards.setData(rewards.index(row, rewards.column_of("date")), "2029.01")
    assert negative_warning.warnings_for(ctx, cadre.id, {"rewards": rewards.changed_records()}, TODAY) == []
    grades = [
        {"year": "2026", "grade": "基本称职", "notes": ""},
        {"year": "2026", "grade": "称职", "notes": ""},
    ]
    assert len(negative_warning.warnings_for(ctx, cadre.id, {"assessments": grades}, TODAY)) == 1


def test_the_barometer_grid_shows_tolerated_and_a_disposal_warns(
    qtbot: QtBot, ctx: ServiceContext, _zh_cn: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cadre_desk.services import barometer_rules
    from cadre_desk.ui.barometer.disposal_dialog import DisposalDialog
    from cadre_desk.ui.barometer.grid_model import COLOUR, BarometerGridModel

    cadre = make_cadre(ctx, "吴担当")
    rule_case(ctx, new_case(ctx, cadre.id))
    period = barometer_periods.open_period(ctx, "2026Q2")
    entry = barometer_entries.list_entries(ctx, period.id)[0]
    entry = barometer_changes.set_indicators(ctx, entry.id, {"discipline": "党内警告"}, entry.version)
    model = BarometerGridModel()
    model.set_rows([entry], barometer_rules.colour_words(ctx), editable=False)
    assert model.index(0, COLOUR).data() == "已容错"
    assert "X纪容〔2026〕1号" in model.index(0, COLOUR).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(0, COLOUR).data(Qt.ItemDataRole.BackgroundRole).color() != QColor()
    asked: list[list[str]] = []
    monkeypatch.setattr(
        negative_warning.NegativeRecordWarning,
        "ask",
        classmethod(lambda cls, parent, m: asked.append(m) or False),
    )
    dialog = DisposalDialog(ctx, entry)
    qtbot.addWidget(dialog)
    dialog.disposal.setCurrentIndex(dialog.disposal.findData("诫勉"))
    dialog.save()
    assert dialog.result_view is None and len(asked) == 1 and "本处置" in asked[0][0]
    assert barometer_entries.get_entry(ctx, entry.id).disposal == ""
    monkeypatch.setattr(
        negative_warning.NegativeRecordWarning,
        "ask",
        classmethod(lambda cls, parent, m: asked.append(m) or True),
    )
    dialog.save()
    assert dialog.result_view is not None and dialog.result_view.disposal == "诫勉"


def test_a_mentor_reading_a_profile_gets_no_tolerance_banner(qtbot: QtBot, ctx: ServiceContext) -> None:
    from cadre_desk.services import accounts
    from cadre_desk.ui.tolerance.profile_banner import ToleranceBanner
    from tests.integration.test_accounts import ADMIN_PW, CLERK_PW

    mentee, mentor = make_cadre(ctx, "吴担当"), make_cadre(ctx, "周导师")
    rule_case(ctx, new_case(ctx, mentee.id))
    admin = accounts.set_first_admin(ctx.db, "admin", ADMIN_PW)
    ready_account(admin, "zhou", ["导师"], CLERK_PW, cadre_id=mentor.id)
    banner = ToleranceBanner()
    qtbot.addWidget(banner)
    banner.show_for(accounts.authenticate(ctx.db, "zhou", CLERK_PW), mentee.id)
    assert banner.isHidden() and banner.text() == ""
    assert (
        negative_warning.warnings_for(
            accounts.authenticate(ctx.db, "zhou", CLERK_PW),
            mentee.id,
            {"rewards": [{"kind": "惩处", "date": "2026.05", "text": "警告", "issuer": ""}]},
            TODAY,
        )
        == []
    )


def test_a_deleted_case_is_listed_under_deleted_and_restored(
    qtbot: QtBot, ctx: ServiceContext, _zh_cn: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    cadre = make_cadre(ctx, "周敢为")
    case = new_case(ctx, cadre.id)
    page = TolerancePage(ctx, TODAY)
    qtbot.addWidget(page)
    page.refresh()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    page.delete_current()
    assert page.model.rowCount() == 1  # refused at the question: nothing changed
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.delete_current()
    assert page.model.rowCount() == 0 and tolerance_register.get_case(ctx, case.id).archived
    page.archived.setChecked(True)
    assert page.model.rowCount() == 1 and page.current is not None and page.current.id == case.id
    assert page.delete_button.text() == "恢复"
    assert not page.edit_button.isEnabled() and not any(b.isEnabled() for b in page.step_buttons.values())
    page.delete_current()  # restoring asks nothing
    assert not tolerance_register.get_case(ctx, case.id).archived and page.model.rowCount() == 0
    page.archived.setChecked(False)
    assert page.model.rowCount() == 1
    # a link from elsewhere to a deleted case shows it among the deleted ones
    tolerance_editing.archive_case(ctx, case.id)
    assert page.show_record("tolerance_case", case.id) and page.archived.isChecked()
    assert page.current is not None and page.current.id == case.id


def test_a_clerk_with_only_the_tolerance_role_registers_and_edits_a_case(
    qtbot: QtBot, db: Database, ctx: ServiceContext, _zh_cn: None
) -> None:
    """The 容错案件 role alone (no records role): the editor read the units and the cadre picker
    through the records permission and crashed on 登记案件… and 编辑…."""
    town = units.create_unit(ctx, units.UnitInput(name="青山镇人民政府", kind="乡镇"))
    cadre = make_cadre(ctx, "吴担当", unit_id=town.id)
    admin = accounts.set_first_admin(db, "admin", "Guard-2026x")
    ready_account(admin, "rongcuo", ["tolerance"], "Toler#2026x")
    clerk = accounts.authenticate(db, "rongcuo", "Toler#2026x")
    if clerk.must_change_password:  # a new account changes the administrator's password first
        clerk = accounts.change_own_password(clerk, "Toler#2026x", "Toler#2026y")
    assert not access.can(clerk, access.Permission.RECORDS_READ)
    editor = CaseEditor(clerk, None)
    qtbot.addWidget(editor)
    assert editor.unit.findData(town.id) > 0
    editor.cadre.line.setText("吴担")
    editor.cadre._return_pressed()  # the single match is chosen
    assert editor.cadre.cadre_id() == cadre.id
    editor.unit.setCurrentIndex(editor.unit.findData(town.id))
    editor.matter.setText("防汛物资临机调用")
    editor.matter_start.setText("2026.07.10")
    editor.origin.setCurrentIndex(editor.origin.findData("单位申请"))
    editor.save()
    saved = editor.result_view
    assert saved is not None and (saved.cadre_id, saved.unit_id) == (cadre.id, town.id)
    again = CaseEditor(clerk, tolerance_register.get_case(clerk, saved.id))
    qtbot.addWidget(again)
    assert again.cadre.cadre_id() == cadre.id and again.cadre.line.text() == "吴担当"
