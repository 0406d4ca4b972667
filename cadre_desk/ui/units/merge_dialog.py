"""Merge a unit into another: choose the unit that remains, read what will move, confirm."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from cadre_desk.services.units import UnitCounts, UnitView


class MergeDialog(QDialog):
    def __init__(
        self,
        absorbed: UnitView,
        candidates: Sequence[UnitView],
        counts: UnitCounts,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Merge units"))
        self.setMinimumWidth(520)
        self.survivor = QComboBox(self)
        self.survivor.setEditable(True)
        self.survivor.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for unit in candidates:
            if unit.id != absorbed.id and not unit.archived:
                self.survivor.addItem(unit.name, unit.id)
        self.survivor.setCurrentIndex(-1)
        explain = QLabel(
            self.tr(
                "Merging “{name}” moves its cadres ({cadres}), its leadership-team posts ({posts}) with "
                "their holders, and its sub-units ({children}) to the unit chosen below; “{name}” is then "
                "archived. A post with the same name as one of the remaining unit's is folded into it."
            ).format(name=absorbed.name, cadres=counts.cadres, posts=counts.posts, children=counts.children),
            self,
        )
        explain.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Merge into:"), self.survivor)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Merge"))
        self.ok.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.survivor.currentIndexChanged.connect(self._survivor_chosen)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def _survivor_chosen(self, index: int) -> None:
        self.ok.setEnabled(index >= 0)

    def chosen(self) -> int | None:
        data = self.survivor.currentData()
        return int(data) if isinstance(data, int) else None

    @classmethod
    def ask(
        cls, parent: QWidget, absorbed: UnitView, candidates: Sequence[UnitView], counts: UnitCounts
    ) -> int | None:
        """The id of the unit that remains, or None when the user cancels."""
        dialog = cls(absorbed, candidates, counts, parent)
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
