"""A barometer list or a class list with problems is not imported: one message, in Chinese, lists them."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from cadre_desk.transfer.barometer_import import BarometerImportPlan
from cadre_desk.transfer.training_import import TrainingImportPlan
from cadre_desk.ui.barometer.import_preview import BarometerImportPreview
from cadre_desk.ui.development.training_import_dialog import TrainingImportPreview

PROBLEMS = [(f"第 {n} 行", "身份证号与姓名不符") for n in range(2, 42)]  # 40 problems


@pytest.mark.parametrize("kind", ["barometer", "training"])
def test_a_list_with_problems_is_only_shown(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, _zh_cn: None, kind: str
) -> None:
    shown: list[tuple[str, str, str, str]] = []

    def exec_(box: QMessageBox) -> int:
        shown.append((box.windowTitle(), box.text(), box.informativeText(), box.detailedText()))
        return int(QMessageBox.StandardButton.Yes)  # even a Yes writes nothing

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    parent = QWidget()
    qtbot.addWidget(parent)
    if kind == "barometer":
        plan = BarometerImportPlan("名单.xlsx", "2026Q4", problems=PROBLEMS)
        asked = BarometerImportPreview.ask(parent, plan)
    else:
        asked = TrainingImportPreview.ask(parent, TrainingImportPlan("名单.xlsx", problems=PROBLEMS))
    assert asked is False
    ((title, text, first, details),) = shown
    assert title == "未导入" and text == "名单.xlsx 有 40 处问题，未导入任何记录。"
    assert first.splitlines() == [f"第 {n} 行：身份证号与姓名不符" for n in range(2, 10)]
    assert details.splitlines()[-2:] == ["第 31 行：身份证号与姓名不符", "…"]  # the first 30, then …
