"""The table of audit records: a thin model over `AuditEventView` rows."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt

from cadre_desk.services import audit_labels
from cadre_desk.services.audit_trail import AuditEventView
from cadre_desk.ui.shell import i18n
from cadre_desk.ui.widgets.tables import Index, ListModel


class Column(IntEnum):
    SEQ = 0
    TIME = 1
    USER = 2
    ACTION = 3
    ENTITY = 4
    ENTITY_ID = 5
    SUMMARY = 6
    CHANGES = 7


def _headers() -> list[str]:
    return [
        QCoreApplication.translate("AuditModel", "No."),
        QCoreApplication.translate("AuditModel", "Time"),
        QCoreApplication.translate("AuditModel", "User"),
        QCoreApplication.translate("AuditModel", "Action"),
        QCoreApplication.translate("AuditModel", "Record"),
        QCoreApplication.translate("AuditModel", "Record no."),
        QCoreApplication.translate("AuditModel", "Summary"),
        QCoreApplication.translate("AuditModel", "Changes"),
    ]


def _english() -> bool:
    return i18n.current_language() == i18n.ENGLISH


def changes_text(changes: dict[str, Any]) -> str:
    return audit_labels.changes_text(changes, _english())


def action_text(action: str) -> str:
    """An action code as the user says it (unknown codes as they are): `services.audit_labels`, the
    table the Excel export and `audit list` use too."""
    return audit_labels.action_label(action, _english())


def entity_text(entity: str) -> str:
    """A table name as the user says it (unknown ones as they are)."""
    return audit_labels.entity_label(entity, _english())


class AuditModel(ListModel[AuditEventView]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(_headers(), parent)

    def add_rows(self, rows: list[AuditEventView]) -> None:
        if not rows:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

    def row(self, index: int) -> AuditEventView | None:
        return self._rows[index] if 0 <= index < len(self._rows) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        event = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            if column is Column.SEQ:
                return str(event.seq)
            if column is Column.TIME:
                return event.at.astimezone().strftime("%Y.%m.%d %H:%M:%S")
            if column is Column.USER:
                return audit_labels.who(event.user, event.user_display)
            if column is Column.ACTION:
                return action_text(event.action)
            if column is Column.ENTITY:
                return entity_text(event.entity)
            if column is Column.ENTITY_ID:
                return "" if event.entity_id is None else str(event.entity_id)
            if column is Column.SUMMARY:
                return event.summary
            return changes_text(event.changes)[:300]
        if role == Qt.ItemDataRole.UserRole:  # the codes, for filters and tests
            return event.action if column is Column.ACTION else event.entity
        if role == Qt.ItemDataRole.ToolTipRole and column in (Column.SUMMARY, Column.CHANGES):
            return event.summary if column is Column.SUMMARY else changes_text(event.changes)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (Column.SEQ, Column.ENTITY_ID):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
