"""横向比较 of the cadres selected in the roster: one column per cadre, the rows that differ shaded (and
marked ◆); 打印预览… (A4 landscape, through the common print path: preview, then print or save, audited
against every cadre compared) and 导出Excel…; double-clicking a name opens the profile."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.errors import CadreDeskError
from cadre_desk.services import comparison
from cadre_desk.services.comparison import Comparison
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.jobs.workers import Job
from cadre_desk.ui.widgets.permits import Act, guard

DIFFERS = QColor("#fff2cc")


class ComparisonDialog(QDialog):
    open_cadre = Signal(int)

    def __init__(self, ctx: ServiceContext, result: Comparison, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("comparisonDialog")
        self.ctx = ctx
        self.comparison = result
        self.setWindowTitle(self.tr("Side-by-side comparison"))
        self.table = QTableWidget(len(result.rows), len(result.names), self)
        self.table.setObjectName("comparisonTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setHorizontalHeaderLabels(list(result.names))
        self.table.setVerticalHeaderLabels([("◆ " if r.differs else "") + r.label for r in result.rows])
        for row, r in enumerate(result.rows):
            for col, value in enumerate(r.values):
                item = QTableWidgetItem(value)
                if r.differs:
                    item.setBackground(DIFFERS)
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)
        header = self.table.horizontalHeader()
        for col in range(len(result.names)):
            header.resizeSection(col, 220)
        self.table.resizeRowsToContents()  # 22 rows: measuring them is cheap
        header.sectionDoubleClicked.connect(self._open)
        note = QLabel(
            self.tr("Reference date %1. ◆ and shading: the items in which the cadres differ.").replace(
                "%1", f"{result.reference_date:%Y.%m.%d}"
            ),
            self,
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.print_button = buttons.addButton(
            self.tr("Print preview…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.print_button.setObjectName("comparisonPrint")
        self.print_button.clicked.connect(self.print_preview)
        self.xlsx_button = buttons.addButton(
            self.tr("Export to Excel…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.xlsx_button.clicked.connect(self.export_excel)
        guard(ctx, Act.OUTPUT, self.print_button, self.xlsx_button)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        # Footnotes, as printed (the table's own Chinese, like its values): how a marked value was found.
        self.notes = QLabel("\n".join(f"注：{n}" for n in result.notes), self)
        self.notes.setObjectName("comparisonNotes")
        self.notes.setWordWrap(True)
        self.notes.setVisible(bool(result.notes))
        layout.addWidget(self.notes)
        layout.addWidget(buttons)
        self.resize(min(1400, 260 + 230 * len(result.names)), 760)

    @classmethod
    def for_cadres(
        cls, ctx: ServiceContext, ids: list[int], today: dt.date | None, parent: QWidget | None
    ) -> ComparisonDialog | None:
        """The dialog for `ids`, or None after telling the user why it cannot be made (1 or 7+ cadres)."""
        try:
            result = comparison.compare(ctx, ids, today or dt.date.today())
        except CadreDeskError as exc:
            title = QCoreApplication.translate("ComparisonDialog", "Side-by-side comparison")
            QMessageBox.warning(parent, title, str(exc))
            return None
        return cls(ctx, result, parent)

    @classmethod
    def show_for(
        cls,
        parent: QWidget,
        ctx: ServiceContext,
        ids: Sequence[int],
        today: dt.date | None,
        open_cadre: Callable[[int], object],
    ) -> ComparisonDialog | None:
        """Open (not modal) the comparison of `ids` from any page (the roster, a pool, a 考察谈话); a
        name double-clicked there goes to `open_cadre`. None when it cannot be made (said why)."""
        dialog = cls.for_cadres(ctx, list(ids), today, parent)
        if dialog is not None:
            dialog.open_cadre.connect(open_cadre)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()
        return dialog

    def _open(self, column: int) -> None:
        self.open_cadre.emit(self.comparison.cadre_ids[column])
        self.accept()

    def _target(self, suffix: str, title: str, pattern: str) -> Path | None:
        default = str(Path.home() / f"干部横向比较（{'、'.join(self.comparison.names)}）{suffix}")
        name, _filter = QFileDialog.getSaveFileName(self, title, default, pattern)
        return Path(name) if name else None

    def print_preview(self) -> Job:
        """The 干部横向比较表 built in the background and previewed (then printed or saved)."""
        from cadre_desk.ui.printing import printing

        c = self.comparison
        return printing.print_comparison(self, self.ctx, c.cadre_ids, c.reference_date)

    def export_excel(self) -> None:
        target = self._target(".xlsx", self.tr("Export to Excel"), "Excel (*.xlsx)")
        if target is None:
            return
        from cadre_desk.transfer.comparison_xlsx import export_comparison

        try:
            export_comparison(self.ctx, target, self.comparison)
        except CadreDeskError as exc:
            QMessageBox.warning(self, self.tr("Export failed"), str(exc))
