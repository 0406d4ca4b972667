"""F20 in the window: the 审计日志 of the 安全审计员 shows which fields of a cadre changed, not their values —
no ID number in the table (变更内容, 摘要, the tooltips) nor in the Excel file he exports from it — while an
account that may read the records sees them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cadre_desk.db.engine import Database
from cadre_desk.db.opening import open_database
from cadre_desk.services import accounts
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.audit import audit_page
from cadre_desk.ui.audit.audit_page import AuditPage
from tests.conftest import make_cadre, ready_account

PW = "Kq7#river-stone"
ID = "110101199001011237"


@pytest.fixture
def contexts(tmp_path: Path) -> Iterator[dict[str, ServiceContext]]:
    db: Database = open_database(str(tmp_path / "审计.db"))
    admin = accounts.set_first_admin(db, "admin", PW)
    ready_account(admin, "shenji", ["auditor"], PW, display_name="审计员")
    ready_account(admin, "li", ["clerk"], PW, display_name="李经办")
    ready_account(admin, "jian", ["clerk", "auditor"], PW)
    li = accounts.authenticate(db, "li", PW)
    make_cadre(li, "王小明", id_number=ID, birth="1990.01", party_join="2012.05", work_start="2012.07")
    yield {name: accounts.authenticate(db, name, PW) for name in ("shenji", "jian")}
    db.dispose()


def _cells(page: AuditPage) -> str:
    model = page.model
    roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.UserRole)
    return "\n".join(
        str(model.data(model.index(r, c), role))
        for r in range(model.rowCount())
        for c in range(model.columnCount())
        for role in roles
    )


def _page(qtbot: QtBot, ctx: ServiceContext) -> AuditPage:
    page = AuditPage(ctx)
    qtbot.addWidget(page)
    page.setMinimumSize(1300, 700)
    page.show()
    page.refresh()
    qtbot.waitUntil(lambda: page.chain_report is not None, timeout=60_000)
    return page


def test_the_auditor_sees_no_id_number_in_the_window_nor_its_export(
    qtbot: QtBot,
    contexts: dict[str, ServiceContext],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    _zh_cn: None,
) -> None:
    page = _page(qtbot, contexts["shenji"])
    shown = _cells(page)
    assert ID not in shown and "王小明" not in shown.split("姓名：", 1)[1].split("；", 1)[0]
    assert "身份证号：（空） → 1101**********1237" in shown
    dest = tmp_path / "审计.xlsx"
    monkeypatch.setattr(audit_page, "ask_export_path", lambda parent: dest)
    page.export_button.click()
    sheet = openpyxl.load_workbook(dest).active
    assert sheet is not None
    cells = [str(c) for row in sheet.iter_rows(values_only=True) for c in row]
    assert not any(ID in c for c in cells)
    assert any("1101**********1237" in c for c in cells)

    full = _cells(_page(qtbot, contexts["jian"]))  # 干部科经办 too: the records are his to read
    assert f"身份证号：（空） → {ID}" in full
