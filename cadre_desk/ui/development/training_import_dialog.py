"""The preview of a class-list import: what will be written, or every problem that stops it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from cadre_desk.transfer.training_import import TrainingImportPlan

MAX_SHOWN = 30


class TrainingImportPreview:
    """`ask(parent, plan)`: True to write the plan. A plan with problems is only shown (nothing to ask)."""

    @classmethod
    def ask(cls, parent: QWidget, plan: TrainingImportPlan) -> bool:
        if plan.problems:
            lines = [f"{where}：{message}" for where, message in plan.problems[:MAX_SHOWN]]
            if len(plan.problems) > MAX_SHOWN:
                lines.append("…")
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                QCoreApplication.translate("TrainingImportPreview", "Not imported"),
                "",
                parent=parent,
            )
            box.setText(
                QCoreApplication.translate(
                    "TrainingImportPreview", "%1 has %2 problem(s); nothing was imported."
                )
                .replace("%1", plan.source)
                .replace("%2", str(len(plan.problems)))
            )
            box.setDetailedText("\n".join(lines))
            box.setInformativeText("\n".join(lines[:8]))
            box.exec()
            return False
        answer = QMessageBox.question(
            parent,
            QCoreApplication.translate("TrainingImportPreview", "Import class list"),
            QCoreApplication.translate(
                "TrainingImportPreview", "%1: %2 trainee(s), %3 new record(s), %4 already recorded. Import?"
            )
            .replace("%1", plan.source)
            .replace("%2", str(len(plan.items)))
            .replace("%3", str(plan.new))
            .replace("%4", str(plan.duplicates)),
        )
        return answer == QMessageBox.StandardButton.Yes
