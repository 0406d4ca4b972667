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

from cadre_desk.services import verification
from cadre_desk.transfer import importing, roster
from cadre_desk.ui.widgets.messages import user_text


class ImportPreviewDialog(QDialog):
    """Shows the plan; `ask` returns the plan to apply (rejected entries left out if the user chose so)."""

    def __init__(self, plan: importing.ImportPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.setWindowTitle(self.tr("Import preview"))
        self.resize(900, 560)
        s = plan.summary()
        layout = QVBoxLayout(self)
        summary = self.tr(
            "New: {create}   Updated: {update}   Unchanged: {unchanged}   Cannot import: {rejected}"
        ).format(**s)
        if plan.to_verify():
            summary += "   " + self.tr("Imported with problems to verify (待核实): {count}").format(
                count=plan.to_verify()
            )
        self.summary = QLabel(summary, self)
        layout.addWidget(self.summary)
        # Warnings (待核实) do not stop an import; refusals say why: unreadable, no person, a conflict.
        rows = [i for i in plan.items if i.action != "unchanged" or i.problems]
        self.table = QTableWidget(len(rows) + len(plan.rejected), 4, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Action"), self.tr("Name"), self.tr("Source"), self.tr("Details")]
        )
        labels = {"create": self.tr("New"), "update": self.tr("Update"), "unchanged": self.tr("Unchanged")}
        refusals = {
            importing.UNREADABLE: self.tr("Cannot import: unreadable file"),
            importing.NO_PERSON: self.tr("Cannot import: no person in the file"),
            importing.CONFLICT: self.tr("Cannot import: a conflict to decide"),
        }
        for r, item in enumerate(rows):
            details = "\n".join(
                f"{c.label}: {c.old} → {c.new}" for c in item.changes if item.action == "update"
            )
            to_verify = [
                self.tr("To verify: {field}: {problem}").format(
                    field=verification.label_of(p.field), problem=user_text(p.message)
                )
                for p in item.problems
            ]
            details = "\n".join(filter(None, [details, *item.warnings, *to_verify]))
            action = labels[item.action]
            if item.problems:
                action = self.tr("{action} (warnings)").format(action=action)
            for c, text in enumerate((action, item.name, item.source, details)):
                self.table.setItem(r, c, QTableWidgetItem(text))
        for r, rej in enumerate(plan.rejected, start=len(rows)):
            action = refusals.get(rej.kind, self.tr("Cannot import"))
            for c, text in enumerate((action, "", rej.source, rej.reason)):
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
