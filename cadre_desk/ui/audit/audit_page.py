"""审计日志: the audit trail for the auditor — filters (who, when, action, record), one record's history,
the hash chain's state, and the Excel export (itself audited).

Reads go through `services.audit_trail`; the list is fetched a page at a time (newest first) and the
chain is verified in the background each time the page is shown.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.errors import CadreDeskError
from cadre_desk.services import audit_trail
from cadre_desk.services.audit_trail import AuditFilter, ChainReport
from cadre_desk.services.context import ServiceContext
from cadre_desk.transfer import audit_xlsx
from cadre_desk.ui.audit.audit_model import AuditModel, Column, action_text, entity_text
from cadre_desk.ui.jobs.workers import Job, ProgressFn, run_in_background
from cadre_desk.ui.shell.page import Page
from cadre_desk.ui.widgets.permits import Act, guard
from cadre_desk.ui.widgets.tables import setup_list_table
from cadre_desk.ui.widgets.weak import weak_slot

log = logging.getLogger("cadre_desk.ui")

PAGE_SIZE = 200


def ask_export_path(parent: QWidget) -> Path | None:
    """The workbook to export into, or None (tests patch this)."""
    name, _filter = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("AuditPage", "Export the audit trail"),
        f"审计日志-{dt.date.today():%Y%m%d}.xlsx",
        QCoreApplication.translate("AuditPage", "Excel workbook (*.xlsx)"),
    )
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == ".xlsx" else path.with_name(path.name + ".xlsx")


class AuditPage(Page):
    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("auditPage")
        self.chain_job: Job | None = None
        self.chain_report: ChainReport | None = None
        self._filter = AuditFilter()
        self._total = 0

        self.chain_label = QLabel(self)
        self.chain_label.setObjectName("chainStatus")
        self.chain_label.setWordWrap(True)
        self.verify_button = QPushButton(self.tr("Verify the chain"), self)
        self.verify_button.clicked.connect(self.verify_chain)
        top = QHBoxLayout()
        top.addWidget(self.chain_label, 1)
        top.addWidget(self.verify_button)

        self.user_edit = QLineEdit(self)
        self.user_edit.setObjectName("auditUser")
        self.since_edit = QLineEdit(self)
        self.since_edit.setPlaceholderText("2026.01.01")
        self.until_edit = QLineEdit(self)
        self.until_edit.setPlaceholderText("2026.12.31")
        self.action_box = QComboBox(self)
        self.action_box.setObjectName("auditAction")
        self.entity_box = QComboBox(self)
        self.entity_box.setObjectName("auditEntity")
        self.entity_id_edit = QLineEdit(self)
        self.entity_id_edit.setMaximumWidth(90)
        self.text_edit = QLineEdit(self)
        for edit in (self.user_edit, self.since_edit, self.until_edit, self.entity_id_edit, self.text_edit):
            edit.returnPressed.connect(self.search)
        self.search_button = QPushButton(self.tr("Search"), self)
        self.search_button.setObjectName("auditSearch")
        self.search_button.clicked.connect(self.search)
        self.clear_button = QPushButton(self.tr("Clear"), self)
        self.clear_button.clicked.connect(self.clear_filters)
        filters = QHBoxLayout()
        for label, widget in (
            (self.tr("User"), self.user_edit),
            (self.tr("From"), self.since_edit),
            (self.tr("To"), self.until_edit),
            (self.tr("Action"), self.action_box),
            (self.tr("Record"), self.entity_box),
            (self.tr("Record no."), self.entity_id_edit),
            (self.tr("Summary contains"), self.text_edit),
        ):
            filters.addWidget(QLabel(label, self))
            filters.addWidget(widget)
        filters.addWidget(self.search_button)
        filters.addWidget(self.clear_button)

        self.model = AuditModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("auditTable")
        self.table.setModel(self.model)
        setup_list_table(self.table)
        for column, width in ((Column.SEQ, 70), (Column.TIME, 150), (Column.SUMMARY, 320)):
            self.table.setColumnWidth(column, width)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(weak_slot(self.show_history))

        self.count_label = QLabel(self)
        self.more_button = QPushButton(self.tr("More…"), self)
        self.more_button.clicked.connect(self.load_more)
        self.history_button = QPushButton(self.tr("History of this record"), self)
        self.history_button.setObjectName("auditHistory")
        self.history_button.clicked.connect(self.show_history)
        self.export_button = QPushButton(self.tr("Export to Excel…"), self)
        self.export_button.setObjectName("auditExport")
        self.export_button.clicked.connect(self.export)
        guard(  # the 安全审计员's page: searching, verifying and exporting the trail
            ctx,
            Act.AUDIT,
            self.verify_button,
            self.search_button,
            self.clear_button,
            self.more_button,
            self.history_button,
            self.export_button,
        )
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.more_button)
        bottom.addWidget(self.history_button)
        bottom.addWidget(self.export_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

    # --- Page ------------------------------------------------------------------------------------

    def refresh(self) -> None:
        self._fill_choices()
        self.reload()
        self.verify_chain()

    # --- filters and list ------------------------------------------------------------------------

    def _fill_choices(self) -> None:
        for box, values, label in (
            (self.action_box, audit_trail.actions(self.ctx), action_text),
            (self.entity_box, audit_trail.entities(self.ctx), entity_text),
        ):
            current = box.currentData() or ""
            box.blockSignals(True)
            box.clear()
            box.addItem(self.tr("All"), "")
            for value in values:
                box.addItem(label(value), value)
            box.setCurrentIndex(max(0, box.findData(current)))
            box.blockSignals(False)

    def _day(self, edit: QLineEdit) -> dt.date | None:
        text = edit.text().strip()
        return audit_trail.parse_day(text, "date") if text else None

    def current_filter(self) -> AuditFilter:
        """The filter the fields describe (raises `ValidationError` on a bad date or number)."""
        from cadre_desk.errors import ValidationError

        number = self.entity_id_edit.text().strip()
        if number and not number.isdigit():
            raise ValidationError({"entity_id": f"对象编号应为数字：{number}"})
        return AuditFilter(
            since=self._day(self.since_edit),
            until=self._day(self.until_edit),
            user=self.user_edit.text().strip(),
            action=self.action_box.currentData() or "",
            entity=self.entity_box.currentData() or "",
            entity_id=int(number) if number else None,
            text=self.text_edit.text().strip(),
        )

    def search(self) -> None:
        try:
            self._filter = self.current_filter()
        except CadreDeskError as exc:
            QMessageBox.warning(self, self.tr("Audit trail"), str(exc))
            return
        self.reload()

    def clear_filters(self) -> None:
        for edit in (self.user_edit, self.since_edit, self.until_edit, self.entity_id_edit, self.text_edit):
            edit.clear()
        self.action_box.setCurrentIndex(0)
        self.entity_box.setCurrentIndex(0)
        self.search()

    def reload(self) -> None:
        try:
            rows = audit_trail.list_events(self.ctx, self._filter, limit=PAGE_SIZE)
            self._total = audit_trail.count_events(self.ctx, self._filter)
        except CadreDeskError as exc:
            QMessageBox.warning(self, self.tr("Audit trail"), str(exc))
            return
        self.model.set_rows(rows)
        self._show_count()

    def load_more(self) -> None:
        rows = audit_trail.list_events(self.ctx, self._filter, limit=PAGE_SIZE, offset=self.model.rowCount())
        self.model.add_rows(rows)
        self._show_count()

    def _show_count(self) -> None:
        shown = self.model.rowCount()
        self.count_label.setText(self.tr("{shown} of {total} records").format(shown=shown, total=self._total))
        self.more_button.setEnabled(shown < self._total)

    def show_history(self) -> None:
        """All events of the selected row's record (a cadre, a talk …), oldest first."""
        selected = self.table.selectionModel().selectedRows()
        event = self.model.row(selected[0].row()) if selected else None
        if event is None or event.entity_id is None:
            QMessageBox.information(
                self,
                self.tr("Audit trail"),
                self.tr("Select a record with a record number to see its history."),
            )
            return
        self.clear_fields_for(event.entity, event.entity_id)
        rows = audit_trail.history(self.ctx, event.entity, event.entity_id)
        self._filter = AuditFilter(entity=event.entity, entity_id=event.entity_id)
        self._total = len(rows)
        self.model.set_rows(rows)
        self._show_count()
        self.count_label.setText(
            self.tr("History of {entity} {id}").format(entity=entity_text(event.entity), id=event.entity_id)
            + "  ·  "
            + self.count_label.text()
        )

    def clear_fields_for(self, entity: str, entity_id: int) -> None:
        for edit in (self.user_edit, self.since_edit, self.until_edit, self.text_edit):
            edit.clear()
        self.action_box.setCurrentIndex(0)
        self.entity_box.setCurrentIndex(max(0, self.entity_box.findData(entity)))
        self.entity_id_edit.setText(str(entity_id))

    # --- chain and export ------------------------------------------------------------------------

    def verify_chain(self) -> None:
        if self.chain_job is not None and self.chain_job.running:
            return
        ctx = self.ctx
        self.chain_label.setText("…")

        def work(_progress: ProgressFn) -> ChainReport:
            return audit_trail.verify(ctx)

        self.chain_job = run_in_background(work, self._chain_checked, self._chain_failed)

    def _chain_checked(self, report: object) -> None:
        if not isinstance(report, ChainReport):
            return
        self.chain_report = report
        if report.ok:
            self.chain_label.setStyleSheet("color: #1b6e20;")
            self.chain_label.setText(self.tr("Hash chain intact: {count} records").format(count=report.count))
        else:
            detail = report.first_break.detail if report.first_break else ""
            self.chain_label.setStyleSheet("color: #b3261e; font-weight: bold;")
            self.chain_label.setText(
                self.tr("Hash chain BROKEN ({breaks} places): {detail}").format(
                    breaks=report.breaks, detail=detail
                )
            )

    def _chain_failed(self, exc: Exception) -> None:
        self.chain_label.setText(str(exc))

    def export(self) -> None:
        try:
            flt = self.current_filter()
        except CadreDeskError as exc:
            QMessageBox.warning(self, self.tr("Audit trail"), str(exc))
            return
        dest = ask_export_path(self)
        if dest is None:
            return
        try:
            count = audit_xlsx.export_audit(self.ctx, dest, flt)
        except CadreDeskError as exc:
            QMessageBox.warning(self, self.tr("Export the audit trail"), str(exc))
            return
        self.count_label.setText(
            self.tr("Exported {count} audit records to {path}").format(count=count, path=dest)
        )
        self._fill_choices()
