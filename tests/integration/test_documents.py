"""reports.documents: the one way every printed document is made (CLI, window preview, batch workers)."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from cadre_desk.errors import NotFoundError
from cadre_desk.reports import appointment_options, documents
from cadre_desk.reports.batch import BatchSpec, run_batch
from cadre_desk.services import (
    appointment,
    diary,
    diary_entries,
    mentorship,
    mentorship_changes,
    printing,
    talks,
)
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.printing import DateRange
from tests.conftest import make_cadre

PRINTED = dt.datetime(2024, 12, 1, 9, 30)


def _text(data: bytes) -> str:
    out = subprocess.run(["pdftotext", "-raw", "-", "-"], input=data, capture_output=True, check=True)
    return "".join(out.stdout.decode().split())


def test_each_kind_is_prepared_once_and_written_to_memory_or_a_file(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    mentor, mentee = make_cadre(ctx, "王小明"), make_cadre(ctx, "李四")
    pairing = mentorship_changes.create_mentorship(
        ctx, mentorship.MentorshipInput(mentor.id, mentee.id, "2024.01.01", "2024.12.31", "熟悉基层", "")
    )
    entry = diary_entries.create_entry(
        ctx, diary.DiaryEntryInput(mentee.id, "2024.03.05", "入户走访", "工作", "走访三户。"), submit=True
    )
    diary_entries.create_entry(
        ctx, diary.DiaryEntryInput(mentee.id, "2023.03.05", "旧的日记", "工作", "去年。")
    )
    talk = talks.record_talk(
        ctx,
        talks.TalkInput(
            talk_at="2024.06.18 09:30",
            kind="提醒谈话",
            subject_ids=(mentee.id,),
            talkers="张三",
            content="提醒。",
        ),
    )
    out = tmp_path / "out"
    out.mkdir()
    settings = printing.print_settings(ctx)
    options = documents.DocumentOptions(
        settings, PRINTED, date_range=DateRange(dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    )
    expected = {
        "dossier": (mentee.id, "李四", "李四_干部成长档案.pdf"),
        "form": (mentee.id, "李四", "李四_干部任免审批表.pdf"),
        "pairing": (pairing.id, "王小明-李四", "王小明-李四_帮带档案.pdf"),
        "talk": (talk.id, "李四", "李四_谈话记录表.pdf"),
    }
    for kind, (record_id, name, file_name) in expected.items():
        document = documents.prepare(ctx.db, kind, record_id, options)
        assert (document.name, document.file_name()) == (name, file_name)
        assert document.entity == {"pairing": "mentorship", "talk": "talk"}.get(kind, "cadre")
        data = document.to_bytes()
        assert len(PdfReader(io.BytesIO(data)).pages) >= 1
        assert document.title in _text(data) or kind == "form"  # the form's title is drawn letter-spaced
        path = out / file_name
        assert document.write(path) == len(PdfReader(path).pages)
        assert sorted(p.name for p in out.iterdir()) == sorted(
            expected[k][2] for k in list(expected)[: list(expected).index(kind) + 1]
        )
    dossier = _text(documents.prepare(ctx.db, "dossier", mentee.id, options).to_bytes())
    assert entry.title in dossier and "旧的日记" not in dossier  # the date range applies
    with pytest.raises(NotFoundError):
        documents.prepare(ctx.db, "talk", 99999, options)


def test_a_document_that_fails_leaves_no_file_behind(ctx: ServiceContext, tmp_path: Path) -> None:
    cadre = make_cadre(ctx, "王五")
    appointment.save_case(
        ctx, cadre.id, appointment.CaseInput(reason="理由" * 950, age_reference="2024.01.01"), cadre.version
    )
    document = documents.prepare(
        ctx.db, "form", cadre.id, documents.DocumentOptions(printing.print_settings(ctx))
    )
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(appointment_options.FormTooLong):
        document.write(out / "form.pdf")
    assert list(out.iterdir()) == []  # neither the file nor a .part


def test_a_batch_is_made_by_the_same_function(ctx: ServiceContext, db_path: Path, tmp_path: Path) -> None:
    cadre = make_cadre(ctx, "赵六")
    settings = printing.print_settings(ctx)
    out = tmp_path / "out"
    result = run_batch(BatchSpec(str(db_path), "dossier", settings, PRINTED), [cadre.id], out, 1)
    single = documents.prepare(ctx.db, "dossier", cadre.id, documents.DocumentOptions(settings, PRINTED))
    assert _text(result.items[0].path.read_bytes()) == _text(single.to_bytes())
    assert sorted(p.suffix for p in out.iterdir()) == [".pdf"]  # no .part left beside it
