"""容错纠错 page: the case register (filters by state and year), the case shown with its attachments,
the procedure's next steps, and the yearly summary (PDF and Excel)."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, QUrl
from PySide6.QtGui import QBrush, QColor, QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.domain.tolerance import ANALYSIS_POINTS, TRANSITIONS, CaseState
from cadre_desk.domain.yearmonth import format_date
from cadre_desk.errors import CadreDeskError
from cadre_desk.services import (
    tolerance,
    tolerance_editing,
    tolerance_files,
    tolerance_procedure,
    tolerance_register,
)
from cadre_desk.services.changes import Changes
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.shell.page import Page
from cadre_desk.ui.tolerance.case_editor import CaseEditor
from cadre_desk.ui.widgets.choices import refill
from cadre_desk.ui.widgets.codes import code_text
from cadre_desk.ui.widgets.messages import user_text
from cadre_desk.ui.widgets.permits import Act, guard
from cadre_desk.ui.widgets.tables import RowsModel, setup_list_table, show_row, size_columns
from cadre_desk.ui.widgets.weak import weak_slot
from cadre_desk.ui.widgets.working_date import WorkingDate

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1
KIND = "tolerance_case"
OVERDUE = QColor("#b3261e")


class CaseModel(RowsModel):
    """Rows of `tolerance.CaseRow`."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                self.tr("Number"),
                self.tr("Cadre"),
                self.tr("Unit"),
                self.tr("Matter"),
                self.tr("How it came"),
                self.tr("Registered"),
                self.tr("State"),
                self.tr("Ruling"),
                self.tr("Document number"),
                self.tr("Next deadline"),
            ],
            parent,
        )
        self._rows: list[tolerance.CaseRow] = []
        self.today = dt.date.today()

    def set_rows(self, rows: list[tolerance.CaseRow], today: dt.date) -> None:
        self.beginResetModel()
        self._rows = rows
        self.today = today
        self.endResetModel()

    def row_of(self, case_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.id == case_id), None)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        r = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            values = (
                r.number,
                r.cadre_name,
                r.unit_name,
                r.matter,
                code_text(r.origin),
                format_date(r.received_on),
                code_text(r.state),
                code_text(r.ruling),
                r.ruling_number,
                format_date(r.next_due),
            )
            return values[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and r.next_due is not None and r.next_due < self.today:
            return QBrush(OVERDUE)  # a correction measure past its deadline
        if role == ID_ROLE:
            return r.id
        return None


class ReasonDialog:
    @classmethod
    def ask(cls, parent: QWidget) -> str | None:
        """The reasons for 不予受理; None when cancelled."""
        text, ok = QInputDialog.getMultiLineText(
            parent,
            QCoreApplication.translate("ReasonDialog", "Do not accept"),
            QCoreApplication.translate("ReasonDialog", "Reasons for not accepting the case:"),
        )
        return text if ok else None


class TolerancePage(WorkingDate, Page):
    record_kinds: ClassVar[frozenset[str]] = frozenset({KIND})

    def __init__(
        self, ctx: ServiceContext, today: dt.date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("tolerancePage")
        self.ctx = ctx
        self._today = today
        self.current: tolerance.CaseView | None = None

        self.state = QComboBox(self)
        self.state.setObjectName("toleranceState")
        self.state.addItem(self.tr("All states"), None)
        for state in CaseState:
            self.state.addItem(code_text(state.value), state.value)
        self.state.currentIndexChanged.connect(self.refresh)
        self.year = QComboBox(self)
        self.year.setObjectName("toleranceYear")
        self.year.currentIndexChanged.connect(self.refresh)
        self.archived = QCheckBox(self.tr("Deleted"), self)
        self.archived.setObjectName("toleranceArchived")
        self.archived.setToolTip(self.tr("Show the cases deleted from the register, to restore them"))
        self.archived.toggled.connect(weak_slot(self.refresh))
        self.new_button = QPushButton(self.tr("&New case…"), self)
        self.new_button.clicked.connect(self.new_record)
        self.edit_button = QPushButton(self.tr("&Edit…"), self)
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button = QPushButton(self.tr("Delete…"), self)
        self.delete_button.setToolTip(self.tr("Remove a case registered by mistake (recoverable, audited)"))
        self.delete_button.clicked.connect(self.delete_current)
        self.pdf_button = QPushButton(self.tr("Yearly summary (PDF)…"), self)
        self.pdf_button.setObjectName("toleranceSummaryPdf")
        self.pdf_button.clicked.connect(weak_slot(self.export_summary, ".pdf"))
        self.xlsx_button = QPushButton(self.tr("Yearly summary (Excel)…"), self)
        self.xlsx_button.setObjectName("toleranceSummaryXlsx")
        self.xlsx_button.clicked.connect(weak_slot(self.export_summary, ".xlsx"))
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("State"), self))
        bar.addWidget(self.state)
        bar.addSpacing(12)
        bar.addWidget(QLabel(self.tr("Year"), self))
        bar.addWidget(self.year)
        bar.addSpacing(12)
        bar.addWidget(self.archived)
        bar.addStretch(1)
        for button in (
            self.new_button,
            self.edit_button,
            self.delete_button,
            self.pdf_button,
            self.xlsx_button,
        ):
            bar.addWidget(button)

        self.model = CaseModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("toleranceTable")
        self.table.setModel(self.model)
        setup_list_table(self.table)
        size_columns(self.table, self.model._headers, (9, 4, 10, 16, 6, 6, 5, 4, 9, 6))
        self.table.doubleClicked.connect(weak_slot(self.edit_current))
        self.table.selectionModel().currentRowChanged.connect(weak_slot(self._selected))

        self.step_buttons: dict[CaseState, QPushButton] = {}
        steps = QHBoxLayout()
        steps.addWidget(QLabel(self.tr("Next step:"), self))
        step_labels = {
            CaseState.ACCEPTED: self.tr("Accept"),
            CaseState.REJECTED: self.tr("Do not accept…"),
            CaseState.VERIFYING: self.tr("Start verification"),
            CaseState.RULED: self.tr("Confirm the ruling"),
            CaseState.CORRECTING: self.tr("Start correction"),
            CaseState.ARCHIVED: self.tr("File the case"),
        }
        for state, label in step_labels.items():
            button = QPushButton(label, self)
            button.setObjectName(f"step_{state.name.lower()}")
            button.clicked.connect(weak_slot(self.move_current, state))
            self.step_buttons[state] = button
            steps.addWidget(button)
        steps.addStretch(1)

        self.detail = QPlainTextEdit(self)
        self.detail.setObjectName("toleranceDetail")
        self.detail.setReadOnly(True)
        self.attachments = QListWidget(self)
        self.attachments.setObjectName("toleranceAttachments")
        self.attachments.itemDoubleClicked.connect(weak_slot(self.open_attachment))
        self.add_file_button = QPushButton(self.tr("Add files…"), self)
        self.add_file_button.clicked.connect(self.choose_files)
        self.open_file_button = QPushButton(self.tr("Open"), self)
        self.open_file_button.clicked.connect(self.open_attachment)
        self.save_file_button = QPushButton(self.tr("Save as…"), self)
        self.save_file_button.clicked.connect(self.save_attachment_as)
        self.remove_file_button = QPushButton(self.tr("Remove"), self)
        self.remove_file_button.clicked.connect(self.remove_attachment)
        guard(  # the page is shown only to 容错案件 accounts: every button is theirs
            ctx,
            Act.TOLERANCE,
            self.new_button,
            self.edit_button,
            self.delete_button,
            self.pdf_button,
            self.xlsx_button,
            *self.step_buttons.values(),
            self.add_file_button,
            self.open_file_button,
            self.save_file_button,
            self.remove_file_button,
        )
        files = QWidget(self)
        files_layout = QVBoxLayout(files)
        files_layout.setContentsMargins(0, 0, 0, 0)
        files_layout.addWidget(QLabel(self.tr("Attachments (PDF or scans, kept in the database)"), files))
        files_layout.addWidget(self.attachments, 1)
        file_buttons = QHBoxLayout()
        for button in (
            self.add_file_button,
            self.open_file_button,
            self.save_file_button,
            self.remove_file_button,
        ):
            file_buttons.addWidget(button)
        files_layout.addLayout(file_buttons)
        lower = QSplitter(Qt.Orientation.Horizontal, self)
        lower.addWidget(self.detail)
        lower.addWidget(files)
        lower.setStretchFactor(0, 3)
        lower.setStretchFactor(1, 2)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("toleranceSplitter")
        self.splitter.addWidget(self.table)
        lower_box = QWidget(self)
        lower_layout = QVBoxLayout(lower_box)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addLayout(steps)
        lower_layout.addWidget(lower, 1)
        self.splitter.addWidget(lower_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        self.summary = QLabel(self)
        self.summary.setObjectName("toleranceCounts")
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Fault-tolerance cases (容错纠错)"), self)
        title.setStyleSheet("font-size: 15px; font-weight: bold;")
        layout.addWidget(title)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.splitter, 1)
        self._selected()

    # --- the register ----------------------------------------------------------------------------

    def _load_years(self) -> None:
        years = set(tolerance_register.case_years(self.ctx)) | {self.today.year}
        refill(self.year, [(self.tr("All years"), None), *((str(y), y) for y in sorted(years, reverse=True))])

    def refresh(self) -> None:
        self._load_years()
        keep = self.current.id if self.current is not None else None
        try:
            rows = tolerance_register.list_cases(
                self.ctx,
                state=self.state.currentData(),
                year=self.year.currentData(),
                archived=self.archived.isChecked(),
            )
            counts = tolerance_register.counts_by_state(self.ctx)
        except CadreDeskError as exc:
            self.summary.setText(user_text(str(exc)))
            return
        self.model.set_rows(rows, self.today)
        self.summary.setText(
            self.tr("%1 cases shown. In all: %2")
            .replace("%1", str(len(rows)))
            .replace("%2", "，".join(f"{code_text(state)} {n}" for state, n in counts.items() if n))
        )
        row = self.model.row_of(keep) if keep is not None else None
        if not show_row(self.table, row if row is not None else (0 if rows else None)):
            self._show(None)

    def _selected(self) -> None:
        index = self.table.currentIndex()
        case_id = self.model.index(index.row(), 0).data(ID_ROLE) if index.isValid() else None
        try:
            self._show(tolerance_register.get_case(self.ctx, int(case_id)) if case_id is not None else None)
        except CadreDeskError:
            self._show(None)

    def _show(self, case: tolerance.CaseView | None) -> None:
        self.current = case
        deleted = case is not None and case.archived
        allowed = TRANSITIONS[CaseState(case.state)] if case is not None and not deleted else ()
        for state, button in self.step_buttons.items():
            button.setEnabled(state in allowed)
        self.delete_button.setEnabled(case is not None)
        self.delete_button.setText(self.tr("Restore") if deleted else self.tr("Delete…"))
        for button in (self.open_file_button, self.save_file_button):
            button.setEnabled(case is not None)
        for button in (self.edit_button, self.add_file_button, self.remove_file_button):
            button.setEnabled(case is not None and not deleted)
        self.attachments.clear()
        if case is None:
            self.detail.setPlainText("")
            return
        self.detail.setPlainText(self.describe(case))
        for a in case.attachments:
            item = QListWidgetItem(f"{a.file_name}（{a.size / 1024:.0f} KB）", self.attachments)
            item.setData(Qt.ItemDataRole.UserRole, a.id)

    def describe(self, c: tolerance.CaseView) -> str:
        """The case as text (the official terms are Chinese, as printed)."""
        lines = [
            f"{c.number}　{code_text(c.state)}",
            f"{c.cadre_name or c.unit_name}：{c.matter}",
            f"{format_date(c.matter_start)}{'--' + format_date(c.matter_end) if c.matter_end else ''}　"
            f"{code_text(c.origin)}　{c.received_by}　{format_date(c.received_on)}",
        ]
        if c.facts:
            lines += ["", c.facts]
        if c.rejection_reason:
            lines += ["", self.tr("Not accepted: %1").replace("%1", c.rejection_reason)]
        if c.rule_texts:
            lines += ["", *(f"· {t}" for t in c.rule_texts)]
        analysis = [f"{label}：{getattr(c, name)}" for name, label in ANALYSIS_POINTS if getattr(c, name)]
        if analysis:
            lines += ["", *analysis]
        if c.ruling:
            lines += [
                "",
                f"{code_text(c.ruling)}　{c.ruling_body}　{format_date(c.ruling_date)}　{c.ruling_number}",
            ]
            if c.ruling_text:
                lines.append(c.ruling_text)
        for m in c.measures:
            done = self.tr("done %1").replace("%1", format_date(m.done_date)) if m.done_date else ""
            lines.append(f"□ {m.action}（{m.owner}，{format_date(m.due_date)}）{done}")
        for v in c.visits:
            lines.append(f"{format_date(v.visit_date)} {v.visitor}：{v.notes}")
        for text in (c.feedback, c.result_use):
            if text:
                lines += ["", text]
        return "\n".join(lines)

    # --- Page ------------------------------------------------------------------------------------

    def show_record(self, kind: str, record_id: int) -> bool:
        if kind != KIND:
            return False
        try:
            case = tolerance_register.get_case(self.ctx, record_id)
        except CadreDeskError:
            return False
        self.state.setCurrentIndex(0)
        self.year.setCurrentIndex(0)
        self.archived.setChecked(case.archived)
        self.current = case
        self.refresh()
        return True

    def new_record(self) -> bool:
        created = CaseEditor.ask(self, self.ctx)
        if created is not None:
            self._changed(created)
        return True

    def edit_current(self) -> None:
        if self.current is None:
            return
        try:
            fresh = tolerance_register.get_case(self.ctx, self.current.id)
        except CadreDeskError as exc:
            QMessageBox.warning(self, self.tr("Cannot edit"), user_text(str(exc)))
            return
        saved = CaseEditor.ask(self, self.ctx, fresh)
        if saved is not None:
            self._changed(saved)

    def _changed(self, case: tolerance.CaseView) -> None:
        self.current = case
        self.refresh()
        ids = frozenset({case.cadre_id}) if case.cadre_id is not None else None
        self.records_changed.emit(Changes(cadres=True, cadre_ids=ids))

    def move_current(self, target: CaseState) -> bool:
        case = self.current
        if case is None:
            return False
        reason = ""
        if target is CaseState.REJECTED:
            answer = ReasonDialog.ask(self)
            if answer is None:
                return False
            reason = answer
        try:
            moved = tolerance_procedure.move_case(self.ctx, case.id, target.value, case.version, reason)
        except CadreDeskError as exc:
            QMessageBox.warning(self, self.tr("Cannot change the state"), user_text(str(exc)))
            self.refresh()
            return False
        self._changed(moved)
        return True

    def delete_current(self) -> None:
        """Delete the shown case from the register (recoverably), or restore it when it is deleted."""
        case = self.current
        if case is None:
            return
        if not case.archived:
            answer = QMessageBox.question(
                self,
                self.tr("Delete the case?"),
                self.tr(
                    "Remove %1 from the register? Tick Deleted above the list to see it again and restore it."
                ).replace("%1", case.number),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        try:
            if case.archived:
                tolerance_editing.restore_case(self.ctx, case.id)
            else:
                tolerance_editing.archive_case(self.ctx, case.id)
        except CadreDeskError as exc:
            QMessageBox.warning(self, self.tr("Not changed"), user_text(str(exc)))
            self.refresh()
            return
        self.current = None
        self.refresh()
        ids = frozenset({case.cadre_id}) if case.cadre_id is not None else None
        self.records_changed.emit(Changes(cadres=True, cadre_ids=ids))

    # --- attachments -----------------------------------------------------------------------------

    def _attachment_id(self) -> int | None:
        item = self.attachments.currentItem()
        value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return int(value) if value is not None else None

    def choose_files(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(
            self,
            self.tr("Add attachments"),
            "",
            self.tr("PDF and scans (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;All files (*)"),
        )
        self.add_files([Path(n) for n in names])

    def add_files(self, paths: list[Path]) -> int:
        """Attach the files (each checked by its content); returns how many were added."""
        if self.current is None:
            return 0
        added, problems = 0, []
        for path in paths:
            try:
                tolerance_files.add_attachment_file(self.ctx, self.current.id, path)
                added += 1
            except CadreDeskError as exc:
                problems.append(user_text(str(exc)))
        if problems:
            QMessageBox.warning(self, self.tr("Not attached"), "\n".join(problems))
        self._selected()
        return added

    def open_attachment(self) -> bool:
        attachment_id = self._attachment_id()
        if attachment_id is None:
            return False
        try:
            content = tolerance_files.attachment_content(self.ctx, attachment_id)
        except CadreDeskError as exc:
            QMessageBox.warning(self, self.tr("Cannot open"), user_text(str(exc)))
            return False
        folder = Path(tempfile.mkdtemp(prefix="cadre-desk-"))
        path = folder / tolerance_files.suggested_name(content.view.file_name, content.view.media_type)
        path.write_bytes(content.data)
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def save_attachment_as(self) -> None:
        attachment_id = self._attachment_id()
        if attachment_id is None or self.current is None:
            return
        view = next(a for a in self.current.attachments if a.id == attachment_id)
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save attachment"), tolerance_files.suggested_name(view.file_name, view.media_type)
        )
        if name:
            self.save_attachment_to(attachment_id, Path(name))

    def save_attachment_to(self, attachment_id: int, path: Path) -> bool:
        try:
            tolerance_files.save_attachment(self.ctx, attachment_id, path)
        except CadreDeskError as exc:
            QMessageBox.warning(self, self.tr("Not saved"), user_text(str(exc)))
            return False
        return True

    def remove_attachment(self) -> None:
        attachment_id = self._attachment_id()
        if attachment_id is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Remove the attachment?"), self.tr("Remove the selected attachment from the case?")
        )
        if answer == QMessageBox.StandardButton.Yes:
            tolerance_files.archive_attachment(self.ctx, attachment_id)
            self._selected()

    # --- the yearly summary ----------------------------------------------------------------------

    def summary_year(self) -> int:
        year = self.year.currentData()
        return int(year) if year is not None else self.today.year

    def export_summary(self, suffix: str) -> None:
        """The yearly summary of the year filtered on (this year when all are shown): the PDF in the
        print preview (print or save from there), the workbook straight to a file."""
        year = self.summary_year()
        if suffix == ".pdf":
            from cadre_desk.ui.printing.printing import print_tolerance_summary

            print_tolerance_summary(self, self.ctx, year)
            return
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Yearly summary"), f"容错纠错情况{year}.xlsx", self.tr("Excel workbook (*.xlsx)")
        )
        if not name:
            return
        path = Path(name if name.lower().endswith(".xlsx") else name + ".xlsx")
        if self.write_summary(year, path):
            QMessageBox.information(
                self, self.tr("Yearly summary"), self.tr("Written to %1").replace("%1", str(path))
            )

    def write_summary(self, year: int, path: Path) -> bool:
        from cadre_desk.reports import tolerance_summary

        try:
            tolerance_summary.write(self.ctx, year, path)
        except CadreDeskError as exc:
            QMessageBox.warning(self, self.tr("Not written"), user_text(str(exc)))
            return False
        return True
