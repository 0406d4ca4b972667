"""The preview of a class-list import: what will be written, or every problem that stops it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from cadre_desk.transfer.training_import import TrainingImportPlan
from cadre_desk.ui.widgets.import_problems import show_import_problems


class TrainingImportPreview:
    """`ask(parent, plan)`: True to write the plan. A plan with problems is only shown (nothing to ask)."""

    @classmethod
    def ask(cls, parent: QWidget, plan: TrainingImportPlan) -> bool:
        if plan.problems:
            show_import_problems(parent, plan.source, plan.problems)
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
