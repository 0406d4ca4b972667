"""The preview of a 年轻干部台账 import: the roster import's preview of the cadres (new, updated with their
changes, refused with reasons, row by row; pool problems are refusals too), plus the pool entries."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QTableWidgetItem, QWidget

from cadre_desk.transfer import pool_ledger
from cadre_desk.ui.transfer.import_preview import ImportPreviewDialog
from cadre_desk.ui.widgets.codes import code_text


class LedgerPreviewDialog(ImportPreviewDialog):
    def __init__(self, plan: pool_ledger.LedgerPlan, parent: QWidget | None = None) -> None:
        self.ledger = plan
        super().__init__(plan.cadres, parent)
        self.setWindowTitle(self.tr("Ledger import preview"))
        self.summary.setText(
            self.summary.text()
            + "   "
            + self.tr("Pool entries: %1 new, %2 already there")
            .replace("%1", str(plan.new_entries))
            .replace("%2", str(len(plan.items) - plan.new_entries))
        )
        start = self.table.rowCount()
        self.table.setRowCount(start + len(plan.items))
        for r, item in enumerate(plan.items, start=start):
            e = item.entry
            action = self.tr("Already in the pool") if item.duplicate else self.tr("New pool entry")
            details = f"{item.pool} {e.entered_on:%Y.%m.%d} {code_text(e.state)}"
            for c, text in enumerate((action, item.name, item.source, details)):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self._update()

    def _update(self) -> None:
        super()._update()
        ledger = getattr(self, "ledger", None)
        if ledger is not None and ledger.new_entries and (not self.plan.rejected or self.skip.isChecked()):
            self.apply_button.setEnabled(True)

    def result_ledger(self) -> pool_ledger.LedgerPlan:
        return self.ledger.without_rejected() if self.skip.isChecked() else self.ledger

    @classmethod
    def ask_ledger(
        cls, parent: QWidget | None, plan: pool_ledger.LedgerPlan
    ) -> pool_ledger.LedgerPlan | None:
        dialog = cls(plan, parent)
        return dialog.result_ledger() if dialog.exec() == QDialog.DialogCode.Accepted else None
