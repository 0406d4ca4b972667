"""Printing from the client: build a case file in the background, preview it, save or print it.

Other pages call these functions (import lazily: QtPdf loads only when printing):
`print_cadre_dossier`, `print_appointment_form`, `print_pairing`, `print_talk`, `batch_print`.
Saving and printing are recorded in the audit trail (`services.printing.record_output`).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QMessageBox,
    QProgressDialog,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.errors import CadreDeskError, ValidationError
from cadre_desk.reports.documents import DocumentKind, DocumentOptions
from cadre_desk.services import printing
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.printing import SECTIONS, DateRange, PrintSettings
from cadre_desk.services.structure import Scope
from cadre_desk.ui.jobs.workers import Cancelled, Job, ProgressFn, run_in_background
from cadre_desk.ui.printing.pdf_preview import PdfPreviewDialog
from cadre_desk.ui.widgets.messages import joined

log = logging.getLogger("cadre_desk.ui")

_SECTION_LABELS = {
    "portrait": "Growth portrait",
    "basic": "Basic data",
    "resume": "Career (resume)",
    "family": "Family",
    "assessments": "Annual assessments",
    "rewards": "Rewards and punishments",
    "training": "Training",
    "secondments": "Secondments",
    "pairings": "Mentorship pairings",
    "diary": "Growth diary",
    "talks": "Talk records",
    "supervision": "Supervision (barometer)",
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("Printing", text)


# The section labels, for lupdate (translated with _tr at run time).
_NOOP = [
    QCoreApplication.translate("Printing", "Growth portrait"),
    QCoreApplication.translate("Printing", "Basic data"),
    QCoreApplication.translate("Printing", "Career (resume)"),
    QCoreApplication.translate("Printing", "Family"),
    QCoreApplication.translate("Printing", "Annual assessments"),
    QCoreApplication.translate("Printing", "Rewards and punishments"),
    QCoreApplication.translate("Printing", "Training"),
    QCoreApplication.translate("Printing", "Secondments"),
    QCoreApplication.translate("Printing", "Mentorship pairings"),
    QCoreApplication.translate("Printing", "Growth diary"),
    QCoreApplication.translate("Printing", "Talk records"),
    QCoreApplication.translate("Printing", "Supervision (barometer)"),
]


class DossierOptionsDialog(QDialog):
    """Which sections, and which dates, a cadre dossier prints."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Print cadre dossier"))
        self.boxes: dict[str, QCheckBox] = {}
        group = QGroupBox(self.tr("Sections"), self)
        grid = QVBoxLayout(group)
        for key in SECTIONS:
            box = QCheckBox(_tr(_SECTION_LABELS[key]), group)
            box.setChecked(True)
            self.boxes[key] = box
            grid.addWidget(box)
        self.limit = QCheckBox(self.tr("Only records dated between"), self)
        today = QDate.currentDate()
        self.start = QDateEdit(today.addYears(-3), self)
        self.end = QDateEdit(today, self)
        for edit in (self.start, self.end):
            edit.setDisplayFormat("yyyy.MM.dd")
            edit.setCalendarPopup(True)
            edit.setEnabled(False)
            self.limit.toggled.connect(edit.setEnabled)
        dates = QHBoxLayout()
        dates.addWidget(self.start)
        dates.addWidget(self.end)
        form = QFormLayout()
        form.addRow(self.limit, dates)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(group)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def result_value(self) -> tuple[tuple[str, ...], DateRange]:
        sections = tuple(k for k, box in self.boxes.items() if box.isChecked())
        if not self.limit.isChecked():
            return sections, DateRange()
        start: dt.date = self.start.date().toPython()  # type: ignore[assignment]  # QDate -> date
        end: dt.date = self.end.date().toPython()  # type: ignore[assignment]
        if end < start:
            start, end = end, start
        return sections, DateRange(start, end)

    @classmethod
    def ask(cls, parent: QWidget | None) -> tuple[tuple[str, ...], DateRange] | None:
        dialog = cls(parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        sections, rng = dialog.result_value()
        return (sections or SECTIONS), rng


class BatchOptionsDialog(QDialog):
    """Where a batch goes: a folder, one file per cadre or one merged file."""

    def __init__(self, parent: QWidget | None, count: int) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Batch print"))
        self.separate = QRadioButton(self.tr("One PDF file per cadre ({count})").format(count=count), self)
        self.merged = QRadioButton(self.tr("One merged PDF file with a bookmark per cadre"), self)
        self.separate.setChecked(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.separate)
        layout.addWidget(self.merged)
        layout.addWidget(buttons)

    @classmethod
    def ask(cls, parent: QWidget | None, count: int) -> tuple[Path, bool] | None:
        """(folder, merged) or None when cancelled."""
        dialog = cls(parent, count)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        folder = QFileDialog.getExistingDirectory(
            parent, QCoreApplication.translate("BatchOptionsDialog", "Choose the folder for the PDF files")
        )
        return (Path(folder), dialog.merged.isChecked()) if folder else None


# --- single documents ----------------------------------------------------------------------------


def _show_error(parent: QWidget, title: str, exc: Exception) -> None:
    if isinstance(exc, ValidationError):  # e.g. a form too long for its two pages: in the window's language
        QMessageBox.warning(parent, title, joined(exc.fields))
    elif isinstance(exc, CadreDeskError):
        QMessageBox.warning(parent, title, str(exc))


def _preview_in_background(
    parent: QWidget,
    ctx: ServiceContext,
    title: str,
    kind: DocumentKind,
    record_id: int,
    options: Callable[[PrintSettings], DocumentOptions] = DocumentOptions,
) -> Job:
    """Build the PDF off the GUI thread, then show the preview; saving/printing goes to the audit trail."""
    from cadre_desk.reports import documents

    chosen = options(printing.print_settings(ctx))

    def work(progress: ProgressFn) -> tuple[documents.Document, bytes]:
        progress(title, 0, 1)
        document = documents.prepare(ctx, kind, record_id, chosen)
        return document, document.to_bytes()

    def on_done(result: object) -> None:
        assert isinstance(result, tuple)
        document: documents.Document = result[0]
        data: bytes = result[1]

        def record(action: str, target: str) -> None:
            printing.record_output(
                ctx,
                action,  # type: ignore[arg-type]
                document.title,
                document.entity,
                list(document.audited_ids),
                target,
            )

        dialog = PdfPreviewDialog(parent, data, title, document.file_name(), record)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    return run_in_background(work, on_done, lambda exc: _show_error(parent, title, exc))


def print_cadre_dossier(parent: QWidget, ctx: ServiceContext, cadre_id: int) -> None:
    """Ask sections and dates, build the 干部成长档案, preview it."""
    choice = DossierOptionsDialog.ask(parent)
    if choice is None:
        return
    sections, rng = choice
    title = QCoreApplication.translate("Printing", "Cadre dossier")
    _preview_in_background(
        parent,
        ctx,
        title,
        "dossier",
        cadre_id,
        lambda settings: DocumentOptions(settings, sections=sections, date_range=rng),
    )


def print_appointment_form(parent: QWidget, ctx: ServiceContext, cadre_id: int, draft: bool = False) -> None:
    """Build the 干部任免审批表 with the form's data of the cadre's case; content too long for its two
    pages is reported (cadre and fields) instead of a preview."""
    title = QCoreApplication.translate("Printing", "Appointment form")
    _preview_in_background(
        parent, ctx, title, "form", cadre_id, lambda settings: DocumentOptions(settings, draft=draft)
    )


def print_growth_record(
    parent: QWidget, ctx: ServiceContext, cadre_id: int, excerpts: tuple[int, ...], at: dt.date | None = None
) -> Job:
    """Build the 年轻干部成长档案 (the chosen diary excerpts, ages and flags at `at`) and preview it."""
    title = QCoreApplication.translate("Printing", "Growth record")
    return _preview_in_background(
        parent,
        ctx,
        title,
        "growth",
        cadre_id,
        lambda settings: DocumentOptions(settings, excerpts=excerpts, reference=at),
    )


def print_pairing(parent: QWidget, ctx: ServiceContext, mentorship_id: int) -> None:
    title = QCoreApplication.translate("Printing", "Pairing dossier")
    _preview_in_background(parent, ctx, title, "pairing", mentorship_id)


def print_inspection(parent: QWidget, ctx: ServiceContext, cadre_id: int) -> None:
    """The 考察材料's latest saved revision (or a fresh draft), previewed."""
    title = QCoreApplication.translate("Printing", "Inspection report")
    _preview_in_background(parent, ctx, title, "inspection", cadre_id)


def print_talk(parent: QWidget, ctx: ServiceContext, talk_id: int) -> None:
    title = QCoreApplication.translate("Printing", "Talk record")
    _preview_in_background(parent, ctx, title, "talk", talk_id)


def print_joint_review(parent: QWidget, ctx: ServiceContext, period_id: int) -> Job:
    """The 联席研判表 of a 晴雨表 period (A4 landscape), previewed."""
    title = QCoreApplication.translate("Printing", "Joint review table")
    return _preview_in_background(parent, ctx, title, "barometer", period_id)


def print_structure(parent: QWidget, ctx: ServiceContext, scope: Scope, reference: dt.date) -> None:
    """The 结构分析报告 of a scope at a date: cover, figures and charts, one page per 班子, the 缺口."""
    title = QCoreApplication.translate("Printing", "Structure analysis report")
    _preview_in_background(
        parent,
        ctx,
        title,
        "structure",
        0,
        lambda settings: DocumentOptions(settings, reference=reference, scope=scope),
    )


def print_comparison(
    parent: QWidget, ctx: ServiceContext, cadre_ids: Sequence[int], reference: dt.date
) -> Job:
    """The 干部横向比较表 of 2–6 cadres at a date (A4 landscape), previewed; a print or a save is recorded
    against each cadre compared."""
    title = QCoreApplication.translate("Printing", "Side-by-side comparison")
    ids = tuple(cadre_ids)
    return _preview_in_background(
        parent,
        ctx,
        title,
        "comparison",
        0,
        lambda settings: DocumentOptions(settings, reference=reference, cadre_ids=ids),
    )


def print_tolerance_summary(parent: QWidget, ctx: ServiceContext, year: int) -> None:
    """The yearly 容错纠错 summary (by 情形, by ruling, every case) in the preview."""
    title = QCoreApplication.translate("Printing", "Fault-tolerance summary")
    _preview_in_background(parent, ctx, title, "tolerance", year)


# --- batches -------------------------------------------------------------------------------------


def batch_print(parent: QWidget, ctx: ServiceContext, cadre_ids: Sequence[int], title: str) -> None:
    """Dossiers of `cadre_ids` into a chosen folder (one file each, or merged), in the background.

    Worker processes build the files; the dialog shows progress and Cancel stops the batch (files
    already written stay). The progress dialog (object name `batchProgress`) holds the job as `.job`.
    """
    from cadre_desk.reports import batch

    ids = list(cadre_ids)
    if not ids:
        return
    choice = BatchOptionsDialog.ask(parent, len(ids))
    if choice is None:
        return
    folder, merge = choice
    path = ctx.db.path
    database = str(path) if path is not None else ctx.db.url.render_as_string(hide_password=False)
    spec = batch.BatchSpec(database, "dossier", printing.print_settings(ctx))
    merged = folder / f"{title}_{batch.KIND_TITLES['dossier']}（合订本）.pdf" if merge else None

    dialog = QProgressDialog(parent)
    dialog.setObjectName("batchProgress")
    dialog.setWindowTitle(title)
    dialog.setLabelText(
        QCoreApplication.translate("Printing", "Printing {count} dossiers…").format(count=len(ids))
    )
    dialog.setCancelButtonText(QCoreApplication.translate("Printing", "Cancel"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumDuration(0)
    dialog.setRange(0, len(ids))

    def work(progress: ProgressFn) -> batch.BatchResult:
        return batch.run_batch(spec, ids, folder, None, progress, merged, mp_context="spawn")

    def on_progress(_label: str, done: int, total: int) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(done)

    def close() -> None:
        dialog.reset()
        dialog.close()
        dialog.deleteLater()

    def on_done(result: object) -> None:
        close()
        assert isinstance(result, batch.BatchResult)
        printing.record_output(
            ctx,
            "export",
            batch.KIND_TITLES["dossier"],
            "cadre",
            [i.cadre_id for i in result.items],
            str(folder),
        )
        where = str(result.merged or folder)
        text = QCoreApplication.translate(
            "Printing", "{count} dossiers ({pages} pages) were written to\n{path}"
        ).format(count=len(result.items), pages=result.pages, path=where)
        box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent)
        box.setObjectName("batchDone")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # not exec(): the caller's event loop goes on

    def on_error(exc: Exception) -> None:
        close()
        if isinstance(exc, Cancelled):
            log.info("batch print cancelled")
        else:
            _show_error(parent, title, exc)

    job = run_in_background(work, on_done, on_error, on_progress)
    dialog.canceled.connect(job.cancel)
    dialog.job = job  # type: ignore[attr-defined]
    dialog.show()
