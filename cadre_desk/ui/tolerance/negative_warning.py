"""A negative record (a 惩处 row, a 基本称职 / 不称职 assessment) typed on the profile of a cadre with a
免责 ruling whose matter it may concern: the save asks first (a warning with 仍然保存, not a refusal)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from cadre_desk.services import tolerance_effects
from cadre_desk.services.context import ServiceContext


def warnings_for(
    ctx: ServiceContext, cadre_id: int, changed: Mapping[str, list[dict[str, str]]], today: dt.date
) -> list[str]:
    """The warnings about the new or changed rows of each profile list (duplicates once)."""
    return tolerance_effects.record_warnings(ctx, cadre_id, changed, today)


class NegativeRecordWarning:
    @classmethod
    def ask(cls, parent: QWidget, messages: list[str]) -> bool:
        """True: save anyway. Tests monkeypatch this, never the message box."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            QCoreApplication.translate("NegativeRecordWarning", "A tolerated matter?"),
            "\n\n".join(messages),
            QMessageBox.StandardButton.NoButton,
            parent,
        )
        box.setObjectName("negativeRecordWarning")
        save = box.addButton(
            QCoreApplication.translate("NegativeRecordWarning", "Save anyway"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        box.addButton(
            QCoreApplication.translate("NegativeRecordWarning", "Back to editing"),
            QMessageBox.ButtonRole.RejectRole,
        )
        box.setDefaultButton(save)
        box.exec()
        return box.clickedButton() is save
