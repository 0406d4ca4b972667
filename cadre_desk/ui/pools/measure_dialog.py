"""A dated development measure of a pool entry: 挂职 (linked to one of the cadre's secondment records),
轮岗, 重点工作抽调, 培训, 帮带."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from cadre_desk.domain import pools as rule
from cadre_desk.domain.yearmonth import format_date
from cadre_desk.services import cadre_records, pool_entries, pool_measures
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.widgets.codes import add_codes, current_code, select_code
from cadre_desk.ui.widgets.form_errors import (
    FieldMessages,
    dialog_buttons,
    error_label,
    save_or_explain,
    with_error,
)
from cadre_desk.ui.widgets.guarded_dialog import GuardedDialog
from cadre_desk.ui.widgets.read_only import open_read_only


class MeasureDialog(GuardedDialog):
    def __init__(
        self,
        ctx: ServiceContext,
        entry: pool_entries.EntryView,
        measure: pool_measures.MeasureView | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._entry = entry
        self._measure = measure
        self.result_measure: pool_measures.MeasureView | None = None
        self.setWindowTitle(self.tr("Development measure: %1").replace("%1", entry.name))
        self.setMinimumWidth(480)
        self.kind = QComboBox(self)
        self.kind.setObjectName("measureKind")
        add_codes(self.kind, [k.value for k in rule.MeasureKind])
        self.start = QLineEdit(self)
        self.start.setObjectName("measureStart")
        self.start.setPlaceholderText(self.tr("e.g. 2024.05.06"))
        self.end = QLineEdit(self)
        self.end.setObjectName("measureEnd")
        self.end.setPlaceholderText(self.tr("blank: still going on"))
        self.content = QLineEdit(self)
        self.content.setObjectName("measureContent")
        self.secondment = QComboBox(self)
        self.secondment.setObjectName("measureSecondment")
        self.secondment.addItem(self.tr("None"), None)
        for s in cadre_records.get_profile(ctx, entry.cadre_id).secondments:
            span = f"{s.start}--{s.end or ''}"
            self.secondment.addItem(" ".join(x for x in (span, s.place, s.post) if x), s.id)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        if measure is not None:
            select_code(self.kind, measure.kind)
            self.start.setText(format_date(measure.start))
            self.end.setText(format_date(measure.end))
            self.content.setText(measure.content)
            self.secondment.setCurrentIndex(max(0, self.secondment.findData(measure.secondment_id)))
        self._kind_changed()
        self.general = error_label(self)
        labels = {name: error_label(self) for name in ("kind", "start", "end", "content", "secondment_id")}
        self.messages = FieldMessages(self.general, labels)
        form = QFormLayout()
        form.addRow(self.tr("Measure:"), with_error(self.kind, labels["kind"]))
        form.addRow(self.tr("From:"), with_error(self.start, labels["start"]))
        form.addRow(self.tr("To:"), with_error(self.end, labels["end"]))
        form.addRow(self.tr("Content:"), with_error(self.content, labels["content"]))
        form.addRow(self.tr("Secondment record:"), with_error(self.secondment, labels["secondment_id"]))
        self.buttons = dialog_buttons(self, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.general)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def _kind_changed(self) -> None:
        secondment = current_code(self.kind) == rule.MeasureKind.SECONDMENT
        self.secondment.setEnabled(secondment)
        if not secondment:
            self.secondment.setCurrentIndex(0)

    def save(self) -> None:
        data = pool_measures.MeasureInput(
            current_code(self.kind), self.start.text(), self.end.text(), self.content.text(),
            self.secondment.currentData(),
        )  # fmt: skip
        measure = self._measure
        if measure is None:
            action = lambda: pool_measures.add_measure(self._ctx, self._entry.id, data)  # noqa: E731
        else:
            action = lambda: pool_measures.update_measure(self._ctx, measure.id, data, measure.version)  # noqa: E731
        self.result_measure = save_or_explain(self, self.messages, action, self.tr("Not saved"))

    @classmethod
    def ask(
        cls,
        parent: QWidget,
        ctx: ServiceContext,
        entry: pool_entries.EntryView,
        measure: pool_measures.MeasureView | None,
    ) -> pool_measures.MeasureView | None:
        dialog = cls(ctx, entry, measure, parent)
        dialog.exec()
        return dialog.result_measure

    @classmethod
    def view(
        cls,
        parent: QWidget,
        ctx: ServiceContext,
        entry: pool_entries.EntryView,
        measure: pool_measures.MeasureView,
    ) -> MeasureDialog:
        """One measure for reading: opened, not waited for."""
        dialog = cls(ctx, entry, measure, parent)
        title = QCoreApplication.translate("MeasureDialog", "View development measure: %1")
        open_read_only(dialog, title.replace("%1", entry.name))
        return dialog
