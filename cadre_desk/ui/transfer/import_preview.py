"""The preview of an import of cadres (new, updated with their changes, rejected with reasons), and the
dialog that maps unrecognised roster columns to fields."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.transfer import importing, roster


class ImportPreviewDialog(QDialog):
    """Shows the plan; `ask` returns the plan to apply (rejected entries left out if the user chose so)."""

    def __init__(self, plan: importing.ImportPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.setWindowTitle(self.tr("Import preview"))
        self.resize(900, 560)
        s = plan.summary()
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr(
                    "New: {create}   Updated: {update}   Unchanged: {unchanged}   Cannot import: {rejected}"
                ).format(**s),
                self,
            )
        )
        rows = [i for i in plan.items if i.action != "unchanged"]
        self.table = QTableWidget(len(rows) + len(plan.rejected), 4, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Action"), self.tr("Name"), self.tr("Source"), self.tr("Details")]
        )
        labels = {"create": self.tr("New"), "update": self.tr("Update")}
        for r, item in enumerate(rows):
            details = "\n".join(
                f"{c.label}: {c.old} → {c.new}" for c in item.changes if item.action == "update"
            )
            details = "\n".join(filter(None, [details, *item.warnings]))
            for c, text in enumerate((labels[item.action], item.name, item.source, details)):
                self.table.setItem(r, c, QTableWidgetItem(text))
        for r, rej in enumerate(plan.rejected, start=len(rows)):
            for c, text in enumerate((self.tr("Cannot import"), "", rej.source, rej.reason)):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(2, 260)
        layout.addWidget(self.table)
        self.skip = QCheckBox(self.tr("Leave out the entries that cannot be imported"), self)
        self.skip.setVisible(bool(plan.rejected))
        layout.addWidget(self.skip)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.apply_button = self.buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.skip.toggled.connect(self._update)
        self._update()

    def _update(self) -> None:
        writable = sum(1 for i in self.plan.items if i.action != "unchanged")
        self.apply_button.setEnabled(writable > 0 and (not self.plan.rejected or self.skip.isChecked()))

    def result_plan(self) -> importing.ImportPlan:
        return self.plan.without_rejected() if self.skip.isChecked() else self.plan

    @classmethod
    def ask(cls, parent: QWidget | None, plan: importing.ImportPlan) -> importing.ImportPlan | None:
        dialog = cls(plan, parent)
        return dialog.result_plan() if dialog.exec() == QDialog.DialogCode.Accepted else None


class ColumnMappingDialog(QDialog):
    """One drop-down per unrecognised column: a field, or “do not import”."""

    def __init__(self, headers: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Unrecognised columns"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Choose the field each column holds:"), self))
        form = QFormLayout()
        self.combos: dict[str, QComboBox] = {}
        for header in headers:
            combo = QComboBox(self)
            combo.addItem(self.tr("(do not import)"), "")
            for name, (label, _aliases) in roster.FIELDS.items():
                combo.addItem(label, name)
            form.addRow(header, combo)
            self.combos[header] = combo
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def mapping(self) -> dict[str, str]:
        return {header: str(combo.currentData()) for header, combo in self.combos.items()}

    @classmethod
    def ask(cls, parent: QWidget | None, headers: Sequence[str]) -> dict[str, str] | None:
        dialog = cls(headers, parent)
        return dialog.mapping() if dialog.exec() == QDialog.DialogCode.Accepted else None
