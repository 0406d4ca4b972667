"""A filter's combo box filled again keeps what the user chose, silently."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from cadre_desk.ui.widgets.choices import refill


def test_refill_keeps_the_choice_if_it_is_still_there_and_emits_nothing(qtbot: QtBot) -> None:
    combo = QComboBox()
    qtbot.addWidget(combo)
    refill(combo, [("全部单位", None), ("青山镇", 1), ("组织部", 2)])
    combo.setCurrentIndex(2)
    changes: list[int] = []
    combo.currentIndexChanged.connect(changes.append)
    refill(combo, [("全部单位", None), ("新单位", 3), ("组织部", 2)])
    assert (combo.currentText(), combo.currentData(), combo.count()) == ("组织部", 2, 3)
    refill(combo, [("全部单位", None), ("新单位", 3)])  # the chosen unit is gone: back to the first
    assert combo.currentIndex() == 0 and combo.currentData() is None
    assert changes == [] and not combo.signalsBlocked()
