"""The preview of a member unit's list for a 晴雨表 period: who changes and how, or every problem that
stops it (nothing is written then)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from cadre_desk.domain import barometer as bd
from cadre_desk.transfer.barometer_import import BarometerImportPlan
from cadre_desk.ui.widgets.import_problems import show_import_problems


class BarometerImportPreview:
    """`ask(parent, plan)`: True to write the plan. A plan with problems is only shown (nothing to ask)."""

    @classmethod
    def ask(cls, parent: QWidget, plan: BarometerImportPlan) -> bool:
        if plan.problems:
            show_import_problems(parent, plan.source, plan.problems)
            return False
        changes = [
            f"{i.name}："
            + "，".join(
                f"{bd.BY_CODE[c].label} {old or '—'} → {new or '—'}" for c, (old, new) in i.changes.items()
            )
            for i in plan.items
            if i.changes
        ]
        box = QMessageBox(
            QMessageBox.Icon.Question,
            QCoreApplication.translate("BarometerImportPreview", "Import list"),
            "",
            parent=parent,
        )
        box.setText(
            QCoreApplication.translate(
                "BarometerImportPreview", "%1 (%2): %3 row(s), %4 cadre(s), %5 with changes. Import into %6?"
            )
            .replace("%1", plan.source)
            .replace("%2", "、".join(bd.BY_CODE[c].label for c in plan.columns))
            .replace("%3", str(plan.rows))
            .replace("%4", str(len(plan.items)))
            .replace("%5", str(plan.changed))
            .replace("%6", plan.period)
        )
        if changes:
            box.setInformativeText("\n".join(changes[:8]) + ("\n…" if len(changes) > 8 else ""))
            box.setDetailedText("\n".join(changes))
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes
