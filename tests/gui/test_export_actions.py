"""The export entries a user reaches: the roster's context menu and File → 导出."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from cadre_desk.services import cadres
from cadre_desk.ui.roster.roster_model import Column
from cadre_desk.ui.shell.main_window import ROSTER, MainWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def save_to(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Callable[[str], Path]:
    """Answer the next save dialogs with tmp_path / name; collect the finished messages."""
    target: list[Path] = []

    def choose(name: str) -> Path:
        target[:] = [tmp_path / name]
        return target[0]

    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target[0]), ""))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _p, _t, text, *a, **k: pytest.fail(f"warning shown: {text}")
    )
    return choose


def _action(menu_owner: object, text: str):  # type: ignore[no-untyped-def]
    actions = [a for a in menu_owner.actions() if a.text().replace("&", "").startswith(text)]  # type: ignore[attr-defined]
    assert actions, f"no action {text!r}"
    return actions[0]


def test_roster_export_writes_the_columns_shown(
    qtbot: QtBot,
    open_window: Callable[..., MainWindow],
    sample_cadres: dict[str, cadres.CadreView],
    save_to: Callable[[str], Path],
) -> None:
    window = open_window()
    window.show_page(ROSTER)
    page = window.roster
    page.set_column_visible(Column.RANK, False)
    assert page.select_cadre(sample_cadres["张三"].id)
    dest = save_to("selection.xlsx")
    _action(page.row_menu(), "导出名册").trigger()
    qtbot.waitUntil(dest.exists, timeout=60_000)
    sheet = openpyxl.load_workbook(dest).active
    header = [cell.value for cell in next(r for r in sheet.iter_rows(max_row=5) if r[0].value == "姓名")]
    assert header[:4] == ["姓名", "身份证号", "性别", "出生年月"]  # ID number always; age as birth month
    assert "职级" not in header and "单位" in header
    assert any(row[0].value == "张三" for row in sheet.iter_rows())


def test_file_menu_exports_talks_and_pairing_activity(
    qtbot: QtBot,
    open_window: Callable[..., MainWindow],
    sample_cadres: dict[str, cadres.CadreView],
    save_to: Callable[[str], Path],
) -> None:
    window = open_window()
    titles = [a.text().replace("&", "") for a in window.menus.transfers.actions]
    assert any(t.startswith("谈话记录") for t in titles) and any(t.startswith("帮带") for t in titles)
    for text, name in (("谈话记录", "talks.xlsx"), ("帮带", "pairings.xlsx"), ("名册", "roster.xlsx")):
        dest = save_to(name)
        next(
            a for a in window.menus.transfers.actions if a.text().replace("&", "").startswith(text)
        ).trigger()
        qtbot.waitUntil(dest.exists, timeout=60_000)
        assert openpyxl.load_workbook(dest).active.max_row >= 1
