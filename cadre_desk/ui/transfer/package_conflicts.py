"""The records of an exchange package that both machines changed: keep mine or take theirs, per record."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.transfer import package


class PackageConflictDialog(QDialog):
    def __init__(self, plan: package.PackagePlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.setWindowTitle(self.tr("Import exchange package"))
        self.resize(860, 480)
        s = plan.summary()
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr(
                    "New: {new}   Their changes taken: {theirs}   My changes kept: {mine}   "
                    "Same: {same}   Conflicts: {conflict}"
                ).format(**s),
                self,
            )
        )
        # 最小必要: the other people of the package's talks and pairings came by name and unit only
        self.references = QLabel(self)
        self.references.setObjectName("references")
        self.references.setWordWrap(True)
        if plan.references():
            self.references.setText(
                self.tr(
                    "The package names {count} related people by name, unit and post only: {link} match "
                    "cadres of this machine and are linked to them (nothing of theirs changes); the others "
                    "are added with these fields only, marked to verify (待核实)."
                ).format(count=plan.references(), link=s["link"])
            )
        self.references.setVisible(bool(plan.references()))
        layout.addWidget(self.references)
        self.table = QTableWidget(len(plan.conflicts), 3, self)
        self.table.setHorizontalHeaderLabels([self.tr("Record"), self.tr("Differences"), self.tr("Decision")])
        self.combos: dict[str, QComboBox] = {}
        for r, conflict in enumerate(plan.conflicts):
            self.table.setItem(r, 0, QTableWidgetItem(conflict.label))
            diffs = "\n".join(f"{d.field}: {d.mine} / {d.theirs}" for d in conflict.differences)
            self.table.setItem(r, 1, QTableWidgetItem(diffs))
            combo = QComboBox(self.table)
            combo.addItem(self.tr("Keep mine"), "mine")
            combo.addItem(self.tr("Take theirs"), "theirs")
            self.table.setCellWidget(r, 2, combo)
            self.combos[conflict.uid] = combo
        self.table.setColumnWidth(0, 220)
        self.table.setColumnWidth(1, 420)
        self.table.setVisible(bool(plan.conflicts))
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        ok = buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setEnabled(s["new"] + s["theirs"] + s["conflict"] > 0)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def resolutions(self) -> dict[str, str]:
        return {uid: str(combo.currentData()) for uid, combo in self.combos.items()}

    @classmethod
    def ask(cls, parent: QWidget | None, plan: package.PackagePlan) -> dict[str, str] | None:
        dialog = cls(plan, parent)
        return dialog.resolutions() if dialog.exec() == QDialog.DialogCode.Accepted else None
