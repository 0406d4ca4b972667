"""Choose the growth diary entries a 年轻干部成长档案 quotes (with their mentor comments)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.domain.yearmonth import format_date
from cadre_desk.services import growth_record
from cadre_desk.services.context import ServiceContext


class ExcerptDialog(QDialog):
    def __init__(self, ctx: ServiceContext, cadre_id: int, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Growth record: %1").replace("%1", name))
        self.resize(520, 460)
        self.choices = growth_record.diary_choices(ctx, cadre_id)
        self.list = QListWidget(self)
        self.list.setObjectName("excerptList")
        for c in self.choices:
            text = f"{format_date(c.date)}  {c.title}"
            if c.comments:
                text += self.tr(" (%1 comment(s))").replace("%1", str(c.comments))
            item = QListWidgetItem(text, self.list)
            item.setData(Qt.ItemDataRole.UserRole, c.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        hint = QLabel(
            self.tr("Tick the diary entries to quote in the record (none: the record has no excerpts).")
            if self.choices
            else self.tr("This cadre has no growth diary entries."),
            self,
        )
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        buttons.addButton(self.tr("Preview"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)

    def chosen(self) -> tuple[int, ...]:
        return tuple(
            int(self.list.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        )

    @classmethod
    def ask(cls, parent: QWidget, ctx: ServiceContext, cadre_id: int, name: str) -> tuple[int, ...] | None:
        dialog = cls(ctx, cadre_id, name, parent)
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
