"""Printing from the client: the preview dialog (QtPdf), saving and printing, and a cancelled batch."""

from __future__ import annotations

from pathlib import Path

import pytest
import shiboken6
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from cadre_desk.db.models import AuditEvent
from cadre_desk.services import talks
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.printing import DateRange
from cadre_desk.ui.printing import printing
from cadre_desk.ui.printing.pdf_preview import PdfPreviewDialog
from tests.conftest import make_cadre

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen: dialogs


def _events(ctx: ServiceContext, action: str) -> list[tuple[str, int | None]]:
    with ctx.db.read() as s:
        return [
            (e.entity, e.entity_id) for e in s.scalars(select(AuditEvent).where(AuditEvent.action == action))
        ]


def _previews(parent: QWidget) -> list[PdfPreviewDialog]:
    return [d for d in parent.findChildren(PdfPreviewDialog) if shiboken6.isValid(d) and d.isVisible()]


def _preview(qtbot: QtBot, parent: QWidget) -> PdfPreviewDialog:
    qtbot.waitUntil(lambda: bool(_previews(parent)), timeout=60_000)
    return _previews(parent)[0]


def test_preview_save_and_print(
    qtbot: QtBot, ctx: ServiceContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cadre = make_cadre(ctx, "李㛃")
    talk = talks.record_talk(
        ctx, talks.TalkInput("2024.05.17 14:30", "日常谈心", (cadre.id,), "王五", content="谈话内容")
    )
    parent = QWidget()
    qtbot.addWidget(parent)
    printing.print_talk(parent, ctx, talk.id)
    dialog = _preview(qtbot, parent)
    assert dialog.page_count == 1 and dialog.isVisible()
    target = tmp_path / "talk.pdf"
    assert dialog.save_to(target)
    assert str(PdfReader(target).metadata.title).startswith("谈话记录表")  # type: ignore[union-attr]
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert dialog.print_to(printer) == 1
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == 1
    assert _events(ctx, "export") == [("talk", talk.id)]
    assert _events(ctx, "print") == [("talk", talk.id)]
    dialog.close()


def test_dossier_asks_sections_then_previews(
    qtbot: QtBot, ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    cadre = make_cadre(ctx, "张三")
    monkeypatch.setattr(
        printing.DossierOptionsDialog, "ask", classmethod(lambda cls, p: (("basic",), DateRange()))
    )
    parent = QWidget()
    qtbot.addWidget(parent)
    printing.print_cadre_dossier(parent, ctx, cadre.id)
    dialog = _preview(qtbot, parent)
    assert dialog.page_count >= 3
    first_title = dialog.windowTitle()
    dialog.close()
    qtbot.waitUntil(lambda: not _previews(parent))
    printing.print_appointment_form(parent, ctx, cadre.id)
    form = _preview(qtbot, parent)
    assert form.windowTitle() != first_title and form.page_count == 2
    form.close()


def test_options_dialog_result(qtbot: QtBot) -> None:
    dialog = printing.DossierOptionsDialog(None)
    qtbot.addWidget(dialog)
    dialog.boxes["diary"].setChecked(False)
    dialog.limit.setChecked(True)
    sections, rng = dialog.result_value()
    assert "diary" not in sections and rng.start is not None and rng.end is not None


def test_batch_print_cancel(
    qtbot: QtBot, ctx: ServiceContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = [make_cadre(ctx, f"甲{i}").id for i in range(200)]
    out = tmp_path / "batch"
    monkeypatch.setattr(printing.BatchOptionsDialog, "ask", classmethod(lambda cls, p, n: (out, False)))
    parent = QWidget()
    qtbot.addWidget(parent)
    printing.batch_print(parent, ctx, ids, "组织部")
    progress = parent.findChild(QProgressDialog, "batchProgress")
    assert progress is not None and progress.isVisible()
    job = progress.job  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: progress.value() >= 1, timeout=60_000)  # the workers are running
    progress.findChild(QPushButton).click()  # Cancel
    qtbot.waitUntil(lambda: not job.running, timeout=60_000)
    assert job.cancelled and parent.findChild(QMessageBox, "batchDone") is None
    assert len(list(out.glob("*.pdf"))) < len(ids)
    assert not _events(ctx, "export")  # a cancelled batch records nothing


def test_batch_print_writes_files(
    qtbot: QtBot, ctx: ServiceContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = [make_cadre(ctx, f"乙{i}").id for i in range(3)]
    out = tmp_path / "batch"
    monkeypatch.setattr(printing.BatchOptionsDialog, "ask", classmethod(lambda cls, p, n: (out, True)))
    parent = QWidget()
    qtbot.addWidget(parent)
    printing.batch_print(parent, ctx, ids, "组织部")
    qtbot.waitUntil(lambda: parent.findChild(QMessageBox, "batchDone") is not None, timeout=60_000)
    assert len(list(out.glob("*.pdf"))) == 4  # three dossiers and the merged file
    assert sorted(e[1] for e in _events(ctx, "export")) == ids
    parent.findChild(QMessageBox, "batchDone").close()
