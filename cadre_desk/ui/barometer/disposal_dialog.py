"""处置 of one 晴雨表 entry: 提醒谈话 / 函询 / 诫勉 / 调整岗位 (with its way) / 限制使用 / 无, and its
follow-up. 调整岗位 comes after the warning ladder: the dialog shows the cadre's earlier steps and says
so when there are none."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.domain import barometer as bd
from cadre_desk.services import (
    barometer_changes,
    barometer_history,
    barometer_periods,
    tolerance_effects,
)
from cadre_desk.services.barometer import EntryView
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.tolerance.negative_warning import NegativeRecordWarning
from cadre_desk.ui.widgets.form_errors import (
    FieldMessages,
    dialog_buttons,
    error_label,
    save_or_explain,
    with_error,
)
from cadre_desk.ui.widgets.guarded_dialog import GuardedDialog
from cadre_desk.ui.widgets.read_only import open_read_only


class DisposalDialog(GuardedDialog):
    def __init__(self, ctx: ServiceContext, entry: EntryView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._entry = entry
        self.result_view: EntryView | None = None
        self.setWindowTitle(self.tr("Disposal (处置): %1").replace("%1", entry.name))
        self.setMinimumWidth(500)
        self.disposal = QComboBox(self)
        self.disposal.setObjectName("disposalKind")
        self.disposal.addItem(self.tr("(not decided)"), "")
        for kind in bd.DISPOSALS:
            self.disposal.addItem(kind, kind)
        self.disposal.setCurrentIndex(max(0, self.disposal.findData(entry.disposal)))
        self.way = QComboBox(self)
        self.way.setObjectName("disposalWay")
        self.way.addItem("", "")
        for way in bd.ADJUSTMENT_WAYS:
            self.way.addItem(way, way)
        self.way.setCurrentIndex(max(0, self.way.findData(entry.disposal_way)))
        self.follow_up = QPlainTextEdit(entry.follow_up, self)
        self.follow_up.setObjectName("disposalFollowUp")
        self.follow_up.setTabChangesFocus(True)
        self.follow_up.setFixedHeight(90)
        self.follow_done = QCheckBox(self.tr("Follow-up done"), self)
        self.follow_done.setObjectName("disposalDone")
        self.follow_done.setChecked(entry.follow_up_done)
        steps = barometer_history.ladder_before(ctx, entry.id)
        ladder = "、".join(f"{code} {step}" for code, step in steps) or self.tr("none recorded")
        self.ladder = QLabel(self.tr("Warning ladder so far: %1").replace("%1", ladder), self)
        self.ladder.setObjectName("disposalLadder")
        self.ladder.setWordWrap(True)
        self.ladder_warning = QLabel(
            self.tr("调整岗位 normally follows 提醒谈话, 函询 or 诫勉; none is recorded for this cadre."),
            self,
        )
        self.ladder_warning.setObjectName("disposalLadderWarning")
        self.ladder_warning.setWordWrap(True)
        self.ladder_warning.setStyleSheet("color: #a15c00;")
        self._has_ladder = bool(steps)
        self.general = error_label(self)
        labels = {name: error_label(self) for name in ("disposal", "way", "follow_up")}
        self.messages = FieldMessages(self.general, labels)
        form = QFormLayout()
        form.addRow(self.tr("Colour:"), QLabel(f"{entry.rule_text or '—'}", self))
        form.addRow(self.tr("Disposal:"), with_error(self.disposal, labels["disposal"]))
        form.addRow(self.tr("Way of adjustment:"), with_error(self.way, labels["way"]))
        form.addRow(self.tr("Follow-up:"), with_error(self.follow_up, labels["follow_up"]))
        form.addRow("", self.follow_done)
        layout = QVBoxLayout(self)
        layout.addWidget(self.general)
        layout.addWidget(self.ladder)
        layout.addWidget(self.ladder_warning)
        layout.addLayout(form)
        layout.addWidget(dialog_buttons(self, self.save))
        self.disposal.currentIndexChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        adjusting = self.disposal.currentData() == bd.ADJUSTMENT
        self.way.setEnabled(adjusting)
        if not adjusting:
            self.way.setCurrentIndex(0)
        self.ladder_warning.setVisible(adjusting and not self._has_ladder)

    def save(self) -> None:
        if not self._tolerated_matter_checked():
            return
        self.result_view = save_or_explain(
            self,
            self.messages,
            lambda: barometer_changes.dispose(
                self._ctx, self._entry.id, str(self.disposal.currentData()), str(self.way.currentData()),
                self.follow_up.toPlainText(), self.follow_done.isChecked(), self._entry.version,
            ),
            self.tr("Not saved"),
        )  # fmt: skip

    def _tolerated_matter_checked(self) -> bool:
        """A 处置 is a negative consequence: warn (not refuse) when a 免责 ruling covers the period."""
        kind = str(self.disposal.currentData() or "")
        if kind in ("", bd.DISPOSALS[0]) or kind == self._entry.disposal:
            return True
        period = barometer_periods.get_period(self._ctx, self._entry.period_id)
        span = (period.start, period.end)
        messages = tolerance_effects.negative_warnings(self._ctx, self._entry.cadre_id, span, "处置")
        return not messages or NegativeRecordWarning.ask(self, messages)

    @classmethod
    def ask(cls, parent: QWidget, ctx: ServiceContext, entry: EntryView) -> EntryView | None:
        dialog = cls(ctx, entry, parent)
        dialog.exec()
        return dialog.result_view

    @classmethod
    def view(cls, parent: QWidget, ctx: ServiceContext, entry: EntryView) -> DisposalDialog:
        """The 处置 of one reading, for reading: opened, not waited for."""
        dialog = cls(ctx, entry, parent)
        dialog.ladder_warning.hide()  # a warning for the one deciding, not for the reader
        title = QCoreApplication.translate("DisposalDialog", "View disposal (处置): %1")
        open_read_only(dialog, title.replace("%1", entry.name))
        return dialog
