"""A negative record (a 惩处 row, a 基本称职 / 不称职 assessment) typed on the profile of a cadre with a
免责 ruling whose matter it may concern: the save asks first (a warning with 仍然保存, not a refusal)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from cadre_desk.domain import vocab
from cadre_desk.domain.yearmonth import DateFormatError, YearMonth
from cadre_desk.errors import PermissionDenied
from cadre_desk.services import tolerance_effects
from cadre_desk.services.context import ServiceContext

NEGATIVE_GRADES = frozenset(
    {vocab.AssessmentGrade.BASICALLY_COMPETENT.value, vocab.AssessmentGrade.INCOMPETENT.value}
)


def negative_entries(
    key: str, rows: list[dict[str, str]], today: dt.date
) -> list[tuple[dt.date | YearMonth | int, str]]:
    """(when, what) of the negative rows among `rows` of the profile list `key`."""
    found: list[tuple[dt.date | YearMonth | int, str]] = []
    for row in rows:
        if key == "rewards" and row.get("kind", "").strip() == vocab.RewardKind.PUNISHMENT.value:
            try:
                month = YearMonth.parse_optional(row.get("date", ""))
            except DateFormatError:
                month = None
            found.append((month or today, "惩处记录"))
        elif key == "assessments" and row.get("grade", "").strip() in NEGATIVE_GRADES:
            year = row.get("year", "").strip()
            found.append((int(year) if year.isdigit() else today.year, "考核结果"))
    return found


def warnings_for(
    ctx: ServiceContext, cadre_id: int, changed: Mapping[str, list[dict[str, str]]], today: dt.date
) -> list[str]:
    """The warnings about the new or changed rows of each profile list (duplicates once)."""
    messages: list[str] = []
    for key, rows in changed.items():
        for when, what in negative_entries(key, rows, today):
            try:
                found = tolerance_effects.negative_warnings(ctx, cadre_id, when, what)
            except PermissionDenied:  # an account that may not read the rulings gets no hint of them
                return []
            for message in found:
                if message not in messages:
                    messages.append(message)
    return messages


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
