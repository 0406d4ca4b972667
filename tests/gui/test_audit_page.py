"""审计日志 page: filters, a record's history, the chain status (intact, then broken by sqlite3), and the
Excel export, which is itself in the trail."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cadre_desk.services import audit_trail, units
from cadre_desk.services.context import ServiceContext, open_context
from cadre_desk.ui.audit import audit_page
from cadre_desk.ui.audit.audit_page import AuditPage
from cadre_desk.ui.shell.main_window import AUDIT, MainWindow
from tests.conftest import make_cadre


@pytest.fixture
def trail(ctx: ServiceContext) -> None:
    other = open_context(ctx.db, "李审计")
    unit = units.create_unit(ctx, units.UnitInput(name="县委组织部", kind="党委"))
    units.rename_unit(ctx, unit.id, "中共某县委组织部", unit.version)
    make_cadre(other, "王小明")
    make_cadre(ctx, "张三")


def _page(qtbot: QtBot, ctx: ServiceContext) -> AuditPage:
    page = AuditPage(ctx)
    qtbot.addWidget(page)
    page.setMinimumSize(1300, 700)  # an explicit minimum: no size-hint warning offscreen
    page.show()
    page.refresh()
    qtbot.waitUntil(lambda: page.chain_report is not None, timeout=60_000)
    return page


def _column(page: AuditPage, column: int, role: int = Qt.ItemDataRole.DisplayRole) -> list[str]:
    model = page.model
    return [model.data(model.index(r, column), role) for r in range(model.rowCount())]


def _codes(page: AuditPage, column: int) -> list[str]:
    return _column(page, column, Qt.ItemDataRole.UserRole)


def test_filters_history_and_chain(qtbot: QtBot, ctx: ServiceContext, trail: None, _zh_cn: None) -> None:
    page = _page(qtbot, ctx)
    assert page.model.rowCount() == 4
    assert _column(page, 0) == ["4", "3", "2", "1"]  # newest first
    assert "哈希链完整" in page.chain_label.text() and "4" in page.chain_label.text()

    page.user_edit.setText("李审计")
    page.search_button.click()
    assert _codes(page, 4) == ["cadre"] and _column(page, 4) == ["干部"]

    page.clear_filters()
    page.action_box.setCurrentIndex(page.action_box.findData("update"))
    page.search_button.click()
    assert _codes(page, 3) == ["update"]

    # the unit's history: its creation and its renaming, oldest first
    page.table.selectRow(0)
    page.history_button.click()
    assert _codes(page, 3) == ["create", "update"]
    assert page.entity_id_edit.text() and page.entity_box.currentData() == "unit"

    page.clear_filters()
    page.since_edit.setText("2099.01.01")
    page.search_button.click()
    assert page.model.rowCount() == 0


def test_a_tampered_trail_shows_red(
    qtbot: QtBot, ctx: ServiceContext, db_path: Path, trail: None, _zh_cn: None
) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE audit_event SET summary = '篡改' WHERE seq = 2")
    conn.commit()
    conn.close()
    page = _page(qtbot, ctx)
    assert "断裂" in page.chain_label.text() and "第 2 条" in page.chain_label.text()


def test_excel_export_is_audited(
    qtbot: QtBot,
    ctx: ServiceContext,
    tmp_path: Path,
    trail: None,
    monkeypatch: pytest.MonkeyPatch,
    _zh_cn: None,
) -> None:
    dest = tmp_path / "审计 #1.xlsx"
    monkeypatch.setattr(audit_page, "ask_export_path", lambda parent: dest)
    page = _page(qtbot, ctx)
    page.user_edit.setText("测试员")
    page.export_button.click()
    sheet = openpyxl.load_workbook(dest).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "序号" and len(rows) == 1 + 3  # the operator's three records
    [export] = audit_trail.list_events(ctx, audit_trail.AuditFilter(action="export"))
    assert export.changes["count"] == 3 and export.changes["path"] == str(dest)
    assert export.changes["filter"] == {"user": "测试员"}


def test_the_window_has_the_page(
    qtbot: QtBot, ctx: ServiceContext, trail: None, open_window: Callable[[], MainWindow]
) -> None:
    window = open_window()
    window.show_page(AUDIT)
    page = window.page(AUDIT)
    assert isinstance(page, AuditPage)
    qtbot.waitUntil(lambda: page.chain_report is not None, timeout=60_000)
    assert page.model.rowCount() == 4


def _recorded_actions() -> set[str]:
    """Every action code the program writes: the constant third argument of each `audit.record(...)`
    call in the code, and the codes that are computed there (idle lock, window lock)."""
    import ast

    import cadre_desk

    codes = {"idle_lock", "lock_window"}
    for path in Path(cadre_desk.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "record"
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "audit"
                and len(node.args) >= 3
            ):
                for value in ast.walk(node.args[2]):
                    if isinstance(value, ast.Constant) and isinstance(value.value, str):
                        codes.add(value.value)
    return codes


def test_every_recorded_action_reads_as_words(_zh_cn: None) -> None:
    """The viewer's 操作 column and filter show each action in words; sign-in failures, lock-outs,
    password changes and window locks used to show their codes (login_failed …)."""
    from cadre_desk.ui.audit.audit_model import action_text

    codes = _recorded_actions()
    assert {"login_failed", "lock", "unlock", "password", "create"} <= codes
    untranslated = {code for code in codes if action_text(code) == code or action_text(code).isascii()}
    assert untranslated == set()
