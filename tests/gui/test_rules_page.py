"""设置 → 规则: the generic editor shows every registered table with sources and saves a cell at once."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from cadre_desk.db.engine import Database
from cadre_desk.services import rule_tables as rt
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.settings.rules_page import NewRuleDialog, RulesDialog, RulesPage
from cadre_desk.ui.settings.settings_dialog import SettingsDialog
from cadre_desk.ui.shell.settings import Settings
from tests.conftest import ready_account


def make_page(qtbot: QtBot, ctx: ServiceContext) -> RulesPage:
    page = RulesPage(ctx)
    qtbot.addWidget(page)
    page.show()
    return page


def cell(page: RulesPage, row: int, column: int) -> str:
    item = page.grid.item(row, column)
    assert item is not None
    return item.text()


def test_every_registered_table_is_listed_and_shows_its_sources(
    qtbot: QtBot, ctx: ServiceContext, _zh_cn: None
) -> None:
    page = make_page(qtbot, ctx)
    titles = [page.table_list.item(n).text() for n in range(page.table_list.count())]
    assert titles[:2] == ["到龄与培训", "三必谈（应谈规则）"]
    assert page.grid.rowCount() == 7 and cell(page, 0, 1) == "58"
    assert "地方做法" in cell(page, 0, 2)
    page.select_table("obligation_rule")
    assert page.title.text() == "三必谈（应谈规则）"
    assert [cell(page, r, 0) for r in range(page.grid.rowCount())] == ["任职", "交流", "青干班", "苗头"]
    assert "三必谈" in cell(page, 0, 5)
    header = page.grid.horizontalHeaderItem(5)
    assert header is not None and header.text() == "来源"
    first = page.grid.item(0, 0)
    assert first is not None and not first.flags() & Qt.ItemFlag.ItemIsEditable  # 事由 is fixed


def test_an_edited_cell_is_saved_at_once_and_a_bad_value_is_put_back(
    qtbot: QtBot, ctx: ServiceContext, _zh_cn: None
) -> None:
    page = make_page(qtbot, ctx)
    page.select_table("obligation_rule")
    item = page.grid.item(2, 2)  # 青干班 期限（天）
    assert item is not None
    item.setText("15")
    assert rt.list_rows(ctx, "obligation_rule")[2].values["due_days"] == 15
    assert cell(page, 2, 5).startswith("本部门修改") and "已保存" in page.message.text()
    again = page.grid.item(2, 2)
    assert again is not None
    again.setText("0")
    assert cell(page, 2, 2) == "15" and "1–365" in page.message.text()
    # 谈话类型 is a drop-down of the talk kinds
    editor = page.grid.itemDelegate().createEditor(
        page.grid.viewport(), QStyleOptionViewItem(), page.grid.model().index(3, 1)
    )
    assert isinstance(editor, QComboBox) and editor.count() == 7
    editor.deleteLater()


def test_switch_a_rule_off_and_on(qtbot: QtBot, ctx: ServiceContext, _zh_cn: None) -> None:
    page = make_page(qtbot, ctx)
    page.select_table("local_rule")
    assert not page.archive_button.isVisible()  # LocalRule rows cannot be switched off
    page.select_table("obligation_rule")
    page.grid.selectRow(3)
    assert page.archive_button.isEnabled()
    assert page.source.text().startswith("来源：本县“三必谈”：出现苗头性倾向性问题必谈")
    page.archive_button.click()
    assert rt.list_rows(ctx, "obligation_rule")[3].archived
    assert "已停用" in cell(page, 3, 5)
    page.grid.selectRow(3)
    page.archive_button.click()
    assert not rt.list_rows(ctx, "obligation_rule")[3].archived


def test_the_new_rule_dialog_asks_every_editable_column(qtbot: QtBot, _zh_cn: None) -> None:
    dialog = NewRuleDialog(rt.table("obligation_rule"))
    qtbot.addWidget(dialog)
    assert set(dialog.fields) == {"talk_kind", "due_days", "talker", "training_kinds"}
    assert isinstance(dialog.fields["talk_kind"], QComboBox)


def test_the_settings_dialog_opens_the_rules(
    qtbot: QtBot, ctx: ServiceContext, settings: Settings, _zh_cn: None, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    opened: list[str | None] = []
    monkeypatch.setattr(
        RulesDialog, "show_rules", classmethod(lambda cls, parent, c, key=None: opened.append(key))
    )
    dialog = SettingsDialog(ctx, settings)
    qtbot.addWidget(dialog)
    dialog.rules_button.click()
    assert opened == [None]
    window = RulesDialog(ctx)
    qtbot.addWidget(window)
    assert isinstance(window, QDialog) and window.page.grid.rowCount() == 7


def test_a_clerk_reads_the_rules_and_only_an_administrator_changes_them(
    qtbot: QtBot, db: Database, _zh_cn: None
) -> None:
    from cadre_desk.errors import PermissionDenied
    from cadre_desk.services import accounts

    admin = accounts.set_first_admin(db, "admin", "Sesame#2026x", "王管理")
    ready_account(admin, "clerk", ["clerk"], "Sesame#2026y", "李经办")
    clerk = accounts.authenticate(db, "clerk", "Sesame#2026y")
    row = rt.list_rows(clerk, "obligation_rule")[0]
    with pytest.raises(PermissionDenied):
        rt.update_row(clerk, "obligation_rule", row.id, {"due_days": 10}, row.version)
    page = make_page(qtbot, clerk)
    page.select_table("obligation_rule")
    item = page.grid.item(0, 2)
    assert item is not None and not item.flags() & Qt.ItemFlag.ItemIsEditable
    assert (
        not page.archive_button.isVisible() and "只有系统管理员" in page.findChild(QLabel, "rulesNote").text()
    )
    admin_page = make_page(qtbot, admin)
    admin_page.select_table("obligation_rule")
    editable = admin_page.grid.item(0, 2)
    assert editable is not None and editable.flags() & Qt.ItemFlag.ItemIsEditable
