"""The audit trail as the 安全审计员 sees it in the window, on a database with accounts: the Excel
export in the viewer's words (not the codes) and formatted, who did what named unambiguously, and the
window's refusals in the trail."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from cadre_desk.db.engine import Database
from cadre_desk.db.opening import open_database
from cadre_desk.errors import LoginFailed, PermissionDenied
from cadre_desk.services import accounts, app_settings, audit_trail
from cadre_desk.services.access import Role
from cadre_desk.services.audit_trail import AuditFilter
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.audit import audit_page
from cadre_desk.ui.audit.audit_model import Column
from cadre_desk.ui.audit.audit_page import AuditPage
from cadre_desk.ui.shell.application import window_for
from cadre_desk.ui.shell.refusals import RefusalRecorder
from cadre_desk.ui.shell.settings import Settings
from cadre_desk.ui.tolerance.profile_banner import ToleranceBanner
from tests.conftest import make_cadre, ready_account

PW = "Kq7#river-stone"


@pytest.fixture
def signed(tmp_path: Path) -> Iterator[tuple[Database, dict[str, ServiceContext]]]:
    db = open_database(str(tmp_path / "审计 #库.db"))
    admin = accounts.set_first_admin(db, "admin", PW)
    ready_account(admin, "shenji", ["auditor"], PW, display_name="审计员")
    ready_account(admin, "li", ["clerk"], PW, display_name="李经办")
    ready_account(admin, "lingdao", ["reader"], PW, display_name="李领导")
    with pytest.raises(LoginFailed):
        accounts.authenticate(db, "li", "wrong-Pass-1")
    li = accounts.authenticate(db, "li", PW)
    make_cadre(li, "王小明")
    settings = app_settings.get_settings(admin)
    app_settings.save_settings(admin, settings.__class__(**{**vars(settings), "print_preparer": "张制表"}))
    contexts = {name: accounts.authenticate(db, name, PW) for name in ("shenji", "lingdao")}
    contexts.update(admin=admin, li=li)
    yield db, contexts
    db.dispose()


def _page(qtbot: QtBot, ctx: ServiceContext) -> AuditPage:
    page = AuditPage(ctx)
    qtbot.addWidget(page)
    page.setMinimumSize(1300, 700)
    page.show()
    page.refresh()
    qtbot.waitUntil(lambda: page.chain_report is not None, timeout=60_000)
    return page


def test_the_excel_export_reads_like_the_viewer(
    qtbot: QtBot,
    signed: tuple[Database, dict[str, ServiceContext]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    _zh_cn: None,
) -> None:
    _db, contexts = signed
    dest = tmp_path / "审计 #1%.xlsx"
    monkeypatch.setattr(audit_page, "ask_export_path", lambda parent: dest)
    page = _page(qtbot, contexts["shenji"])
    page.export_button.click()
    book = openpyxl.load_workbook(dest)
    sheet = book.active
    assert sheet is not None and sheet.title == "审计记录"
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    assert header[:9] == ["序号", "时间", "账号", "姓名", "操作", "对象", "对象编号", "摘要", "变更内容"]
    assert header[9:] == ["操作代码", "对象代码"]  # the codes, for whoever filters by them
    body = [dict(zip(header, r, strict=True)) for r in rows[1:]]
    by_code = {(r["操作代码"], r["对象代码"]): r for r in body}
    assert by_code[("login_failed", "account")]["操作"] == "登录失败"
    assert by_code[("login", "account")]["操作"] == "登录"
    assert by_code[("login", "account")]["对象"] == "账号"
    assert by_code[("create", "cadre")]["操作"] == "新建" and by_code[("create", "cadre")]["对象"] == "干部"
    setting = by_code[("update", "app_setting")]
    assert setting["对象"] == "设置" and "制表人：（空） → 张制表" in setting["变更内容"]
    # the auditor reads which fields changed, not the record's values (F20: 三员分立, 最小必要)
    assert "姓名：（空） → 〔已隐去〕" in by_code[("create", "cadre")]["变更内容"]
    # the viewer's words, column by column
    shown = {
        page.model.data(page.model.index(r, Column.ACTION), Qt.ItemDataRole.UserRole): page.model.data(
            page.model.index(r, Column.ACTION)
        )
        for r in range(page.model.rowCount())
    }
    assert all(r["操作"] == shown[r["操作代码"]] for r in body if r["操作代码"] in shown)
    assert not any(str(r["操作"]).isascii() or str(r["对象"]).isascii() for r in body)
    # formatted like the roster: widths, the header frozen, a filter over the header
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:K{len(rows)}"
    assert sheet.column_dimensions["H"].width >= 40 and sheet.column_dimensions["A"].width <= 10
    assert sheet.print_title_rows == "$1:$1"  # repeated on every printed page
    assert sheet["A1"].font.bold


def test_the_viewer_names_the_account_and_filters_by_it(
    qtbot: QtBot, signed: tuple[Database, dict[str, ServiceContext]], _zh_cn: None
) -> None:
    _db, contexts = signed
    page = _page(qtbot, contexts["shenji"])
    users = {page.model.data(page.model.index(r, Column.USER)) for r in range(page.model.rowCount())}
    assert {"李经办（li）", "审计员（shenji）", "admin"} <= users
    for text in ("li", "LI", "李经办", "李经办（li）"):
        page.user_edit.setText(text)
        page.search_button.click()
        shown = {page.model.data(page.model.index(r, Column.USER)) for r in range(page.model.rowCount())}
        assert shown == {"李经办（li）"}, text


def _refusals(contexts: dict[str, ServiceContext]) -> list[audit_trail.AuditEventView]:
    return audit_trail.list_events(contexts["shenji"], AuditFilter(action="denied"))


def _settled(qtbot: QtBot, recorder: RefusalRecorder) -> None:
    qtbot.wait(50)  # the queued hand-over, then the background writes
    qtbot.waitUntil(lambda: not any(job.running for job in recorder.jobs), timeout=60_000)


def _window(qtbot: QtBot, ctx: ServiceContext, settings: Settings) -> tuple[QMainWindow, RefusalRecorder]:
    window = window_for(ctx, settings, background_checks=False)
    qtbot.addWidget(window)
    recorder = ctx.db.on_refusal
    assert isinstance(recorder, RefusalRecorder)
    return window, recorder


def test_a_refusal_in_the_window_is_recorded_once(
    qtbot: QtBot, signed: tuple[Database, dict[str, ServiceContext]], settings: Settings, _zh_cn: None
) -> None:
    _db, contexts = signed
    reader = contexts["lingdao"]
    _window_kept, recorder = _window(qtbot, reader, settings)
    with pytest.raises(PermissionDenied, match="无权修改设置"):  # 设置 → 保存, as a 领导查阅
        app_settings.save_settings(reader, app_settings.get_settings(reader))
    _settled(qtbot, recorder)
    [denied] = _refusals(contexts)
    assert denied.user == "lingdao" and denied.entity == "account"
    assert denied.summary.startswith("拒绝：窗口 app_settings.save_settings：")
    assert "无权修改设置" in denied.summary
    qtbot.wait(100)
    assert len(_refusals(contexts)) == 1  # once per refusal


def test_a_refusal_the_window_expects_is_not_recorded(
    qtbot: QtBot, signed: tuple[Database, dict[str, ServiceContext]], settings: Settings, _zh_cn: None
) -> None:
    _db, contexts = signed
    auditor = contexts["shenji"]
    _window_kept, recorder = _window(qtbot, auditor, settings)
    banner = ToleranceBanner()
    qtbot.addWidget(banner)
    banner.show_for(auditor, 1)  # the 容错 rulings are not the auditor's: the banner stays empty
    assert banner.isHidden()
    _settled(qtbot, recorder)
    assert _refusals(contexts) == []


def test_a_locked_database_does_not_turn_the_record_into_a_traceback(
    qtbot: QtBot,
    signed: tuple[Database, dict[str, ServiceContext]],
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    _zh_cn: None,
) -> None:
    db, contexts = signed
    reader = contexts["lingdao"]
    _window_kept, recorder = _window(qtbot, reader, settings)
    monkeypatch.setenv("CADRE_DESK_BUSY_TIMEOUT_MS", "100")
    db.engine.dispose()  # new connections take the short wait
    assert db.path is not None
    holder = sqlite3.connect(db.path)
    holder.execute("BEGIN EXCLUSIVE")  # another program holds the file
    try:
        with pytest.raises(PermissionDenied, match="无权管理账号"):  # refused before it reads
            accounts.list_accounts(reader)
        _settled(qtbot, recorder)
    finally:
        holder.rollback()
        holder.close()
    assert "could not record a refusal" in caplog.text
    assert _refusals(contexts) == []  # best effort: lost, logged, and the window goes on


def test_the_account_dialog_says_why_a_name_is_refused(
    qtbot: QtBot, signed: tuple[Database, dict[str, ServiceContext]], _zh_cn: None
) -> None:
    from cadre_desk.ui.accounts.account_edit_dialog import AccountEditDialog

    _db, contexts = signed
    dialog = AccountEditDialog(contexts["admin"], None)
    qtbot.addWidget(dialog)
    dialog.name.setText("LI")
    dialog.roles[Role.READER].setChecked(True)
    dialog.password.setText(PW)
    dialog.repeat.setText(PW)
    dialog.buttons.accepted.emit()
    assert "已有账号“li”：账号名不区分大小写" in dialog.error.text() and dialog.saved is None
    dialog.name.setText("zhang")
    dialog.display_name.setText("李经办")
    dialog.buttons.accepted.emit()
    assert "显示名“李经办”已是账号“li”的显示名" in dialog.error.text() and dialog.saved is None
    dialog.display_name.setText("张经办")
    dialog.buttons.accepted.emit()
    assert dialog.saved is not None and dialog.saved.display_name == "张经办"
