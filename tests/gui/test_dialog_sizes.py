"""Every dialog fits a 1280 × 720 screen: a 1280 × 720 laptop at 100 %, and a 1920 × 1080 screen at
150 % (whose logical size is the same). Each dialog is opened as the user meets it and its size, its
size hint and its minimum size are checked against the available room (720 minus a title bar)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfWriter
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from cadre_desk.services import cadres, diary, diary_entries, mentorship, mentorship_changes, talks
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.diary.comment_dialog import CommentDialog
from cadre_desk.ui.diary.diary_editor import DiaryEditor
from cadre_desk.ui.pairings.end_pairing_dialog import EndPairingDialog
from cadre_desk.ui.pairings.mentorship_record_dialog import MentorshipRecordDialog
from cadre_desk.ui.pairings.pairing_dialog import PairingDialog
from cadre_desk.ui.printing.pdf_preview import PdfPreviewDialog
from cadre_desk.ui.printing.printing import BatchOptionsDialog, DossierOptionsDialog
from cadre_desk.ui.roster.new_cadre_dialog import NewCadreDialog
from cadre_desk.ui.settings.settings_dialog import SettingsDialog
from cadre_desk.ui.shell.settings import Settings
from cadre_desk.ui.talks.talk_editor import TalkEditor
from cadre_desk.ui.transfer.import_preview import ColumnMappingDialog, ImportPreviewDialog
from cadre_desk.ui.widgets.conflict_dialog import ConflictDialog
from cadre_desk.ui.widgets.photo_crop import PhotoCropDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")
SCREEN = (1280, 720)  # available geometry: 1280x720 at 100 %, 1920x1080 at 150 %
TITLE_BAR = 40  # the window manager's frame above the dialog
FIXTURES = Path(__file__).parents[1] / "fixtures" / "lrmx"
TODAY = dt.date(2024, 6, 20)


def a4_pdf(pages: int = 3) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture
def dialogs(
    ctx: ServiceContext, sample_cadres: dict[str, cadres.CadreView], settings: Settings, _zh_cn: None
) -> dict[str, Callable[[QWidget], QDialog]]:
    from cadre_desk.transfer import forms

    mentor, mentee = sample_cadres["王小明"], sample_cadres["李四"]
    pairing = mentorship_changes.create_mentorship(
        ctx, mentorship.MentorshipInput(mentor.id, mentee.id, "2024.01.01", "2024.12.31", "目标", "计划")
    )
    entry = diary_entries.create_entry(
        ctx, diary.DiaryEntryInput(mentee.id, "2024.06.01", "标题", "工作", "正文")
    )
    talk = talks.record_talk(
        ctx,
        talks.TalkInput(
            talk_at="2024.05.17 14:30",
            kind="任职谈话",
            subject_ids=(mentee.id,),
            talkers="赵部长",
            content="谈话。",
            follow_ups=(talks.FollowUpInput("整改", "李四", "2024.06.30"),),
        ),
    )
    long_text = "很长的内容。" * 400
    return {
        "new cadre": lambda p: NewCadreDialog(ctx, p),
        "pairing": lambda p: PairingDialog(ctx, None, TODAY, p),
        "mentorship record": lambda p: MentorshipRecordDialog(ctx, pairing.id, None, TODAY, p),
        "complete pairing": lambda p: EndPairingDialog(ctx, pairing, True, TODAY, p),
        "end pairing early": lambda p: EndPairingDialog(ctx, pairing, False, TODAY, p),
        "diary editor": lambda p: DiaryEditor(ctx, mentee.id, mentee.name, entry, TODAY, p),
        "comment": lambda p: CommentDialog(mentor.name, long_text, p),
        "talk editor": lambda p: TalkEditor(ctx, talk, None, p),
        "settings": lambda p: SettingsDialog(ctx, settings, p),
        "print preview": lambda p: PdfPreviewDialog(p, a4_pdf(), "干部成长档案", "档案.pdf"),
        "dossier options": DossierOptionsDialog,
        "batch options": lambda p: BatchOptionsDialog(p, 12),
        "import preview": lambda p: ImportPreviewDialog(forms.plan_files(ctx, [FIXTURES]), p),
        "column mapping": lambda p: ColumnMappingDialog([f"列{i}" for i in range(12)], p),
        "conflict": lambda p: ConflictDialog("张三", [("简历", long_text, long_text)] * 6, p),
        "photo crop": lambda p: PhotoCropDialog(QImage(2400, 3200, QImage.Format.Format_RGB32), p),
    }


def test_every_dialog_fits_a_1280_by_720_screen(
    qtbot: QtBot, dialogs: dict[str, Callable[[QWidget], QDialog]]
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    width, height = SCREEN[0], SCREEN[1] - TITLE_BAR
    too_big = []
    for name, make in dialogs.items():
        dialog = make(parent)
        dialog.show()
        qtbot.waitExposed(dialog)
        for what, size in (
            ("size", dialog.size()),
            ("size hint", dialog.sizeHint()),
            ("minimum size", dialog.minimumSizeHint().expandedTo(dialog.minimumSize())),
        ):
            if size.width() > width or size.height() > height:
                too_big.append(f"{name}: {what} {size.width()}x{size.height()}")
        dialog.hide()
        dialog.deleteLater()
    assert too_big == []
