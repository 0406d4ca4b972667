"""New or changed pool entry (入库): cadre, pool, date, channel (推荐 by which unit), 文号, 培养方向 and the
mentor pairing, if any."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from cadre_desk.domain import pools as rule
from cadre_desk.domain.yearmonth import format_date
from cadre_desk.services import mentorship, pool_entries, pools
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.widgets.cadre_picker import CadrePicker
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


class EntryDialog(GuardedDialog):
    def __init__(
        self,
        ctx: ServiceContext,
        entry: pool_entries.EntryView | None,
        today: dt.date,
        parent: QWidget | None = None,
        pool_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._entry = entry
        self._today = today
        self.result_entry: pool_entries.EntryView | None = None
        self.setWindowTitle(
            self.tr("Pool entry") if entry is None else self.tr("Pool entry: %1").replace("%1", entry.name)
        )
        self.setMinimumWidth(520)
        self.cadre = CadrePicker(ctx, self)
        self.cadre.setObjectName("entryCadre")
        self.pool = QComboBox(self)
        self.pool.setObjectName("entryPool")
        for p in pools.list_pools(ctx):
            self.pool.addItem(
                self.tr("%1 (age %2 or under)").replace("%1", p.name).replace("%2", str(p.age_cap)), p.id
            )
        self.entered = QLineEdit(self)
        self.entered.setObjectName("entryDate")
        self.entered.setPlaceholderText(self.tr("e.g. 2024.03.01"))
        self.channel = QComboBox(self)
        self.channel.setObjectName("entryChannel")
        add_codes(self.channel, [c.value for c in rule.Channel])
        self.recommended_by = QLineEdit(self)
        self.recommended_by.setObjectName("entryRecommendedBy")
        self.recommended_by.setPlaceholderText(self.tr("the recommending unit (for 推荐)"))
        self.document_no = QLineEdit(self)
        self.document_no.setObjectName("entryDocumentNo")
        self.direction = QPlainTextEdit(self)
        self.direction.setObjectName("entryDirection")
        self.direction.setFixedHeight(self.fontMetrics().height() * 4)
        self.pairing = QComboBox(self)
        self.pairing.setObjectName("entryPairing")
        self.cadre.changed.connect(self._load_pairings)
        self.channel.currentIndexChanged.connect(self._channel_changed)
        if entry is not None:
            self.cadre.set_cadre(entry.cadre_id, entry.name)
            self.cadre.setEnabled(False)
            self.pool.setCurrentIndex(max(0, self.pool.findData(entry.pool_id)))
            self.entered.setText(format_date(entry.entered_on))
            select_code(self.channel, entry.channel)
            self.recommended_by.setText(entry.recommended_by)
            self.document_no.setText(entry.document_no)
            self.direction.setPlainText(entry.direction)
        else:
            if pool_id is not None:
                self.pool.setCurrentIndex(max(0, self.pool.findData(pool_id)))
            self.entered.setText(format_date(today))
        self._load_pairings()
        if entry is not None and entry.mentorship_id is not None:
            self.pairing.setCurrentIndex(max(0, self.pairing.findData(entry.mentorship_id)))
        self._channel_changed()
        self.general = error_label(self)
        names = ("cadre_id", "pool_id", "entered_on", "channel", "recommended_by", "document_no", "direction",
                 "mentorship_id")  # fmt: skip
        labels = {name: error_label(self) for name in names}
        self.messages = FieldMessages(self.general, labels)
        form = QFormLayout()
        form.addRow(self.tr("Cadre:"), with_error(self.cadre, labels["cadre_id"]))
        form.addRow(self.tr("Pool:"), with_error(self.pool, labels["pool_id"]))
        form.addRow(self.tr("Entered on:"), with_error(self.entered, labels["entered_on"]))
        form.addRow(self.tr("Channel:"), with_error(self.channel, labels["channel"]))
        form.addRow(self.tr("Recommended by:"), with_error(self.recommended_by, labels["recommended_by"]))
        form.addRow(self.tr("Document number:"), with_error(self.document_no, labels["document_no"]))
        form.addRow(self.tr("Direction of development:"), with_error(self.direction, labels["direction"]))
        form.addRow(self.tr("Mentor pairing:"), with_error(self.pairing, labels["mentorship_id"]))
        self.buttons = dialog_buttons(self, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.general)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def _channel_changed(self) -> None:
        self.recommended_by.setEnabled(current_code(self.channel) == rule.Channel.RECOMMENDED)

    def _load_pairings(self) -> None:
        current = self.pairing.currentData()
        self.pairing.clear()
        self.pairing.addItem(self.tr("None"), None)
        cadre_id = self.cadre.cadre_id()
        if cadre_id is None:
            return
        for m in mentorship.list_mentorships(self._ctx, cadre_id):
            if m.mentee_id == cadre_id:
                span = f"{format_date(m.term_start)}—{format_date(m.term_end)}"
                self.pairing.addItem(
                    self.tr("Mentor %1, %2").replace("%1", m.mentor).replace("%2", span), m.id
                )
        self.pairing.setCurrentIndex(max(0, self.pairing.findData(current)))

    def input(self) -> pool_entries.EntryInput:
        cadre_id = self.cadre.cadre_id()
        return pool_entries.EntryInput(
            cadre_id=cadre_id if cadre_id is not None else 0,
            pool_id=int(self.pool.currentData() or 0),
            entered_on=self.entered.text(),
            channel=current_code(self.channel),
            recommended_by=self.recommended_by.text() if self.recommended_by.isEnabled() else "",
            document_no=self.document_no.text(),
            direction=self.direction.toPlainText(),
            mentorship_id=self.pairing.currentData(),
        )

    def save(self) -> None:
        if self.cadre.cadre_id() is None:
            self.messages.show({"cadre_id": self.tr("Choose a cadre")})
            return
        data = self.input()
        entry = self._entry
        if entry is None:
            action = lambda: pool_entries.add_entry(self._ctx, data, self._today)  # noqa: E731
        else:
            action = lambda: pool_entries.update_entry(self._ctx, entry.id, data, entry.version, self._today)  # noqa: E731
        self.result_entry = save_or_explain(self, self.messages, action, self.tr("Not saved"))

    @classmethod
    def ask(
        cls,
        parent: QWidget,
        ctx: ServiceContext,
        entry: pool_entries.EntryView | None,
        today: dt.date,
        pool_id: int | None = None,
    ) -> pool_entries.EntryView | None:
        dialog = cls(ctx, entry, today, parent, pool_id)
        dialog.exec()
        return dialog.result_entry

    @classmethod
    def view(
        cls, parent: QWidget, ctx: ServiceContext, entry: pool_entries.EntryView, today: dt.date
    ) -> EntryDialog:
        """The entry for reading (a role that may not change the pools): opened, not waited for."""
        dialog = cls(ctx, entry, today, parent)
        title = QCoreApplication.translate("EntryDialog", "View pool entry: %1").replace("%1", entry.name)
        open_read_only(dialog, title)
        return dialog
