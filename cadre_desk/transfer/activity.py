"""Talk records and diary activity per pairing, as formatted Excel sheets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment
from sqlalchemy import case, func, select

from cadre_desk.db.models import Cadre, DiaryEntry, MentorComment, Mentorship, Talk, TalkFollowUp, TalkSubject
from cadre_desk.services import access, audit
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext
from cadre_desk.transfer.roster import format_sheet, save_book

TALK_HEADERS = (
    "谈话时间",
    "地点",
    "谈话类型",
    "谈话对象",
    "谈话人",
    "记录人",
    "谈话内容",
    "本人表态",
    "后续措施",
)
TALK_WIDTHS = (17, 14, 12, 16, 16, 10, 50, 30, 30)
PAIRING_HEADERS = (
    "导师",
    "被帮带人",
    "帮带期限",
    "状态",
    "日记篇数",
    "已提交",
    "已点评",
    "点评条数",
    "最近日记",
)
PAIRING_WIDTHS = (10, 10, 24, 8, 10, 10, 10, 10, 12)


def export_talks(ctx: ServiceContext, dest: Path, cadre_ids: Sequence[int] | None = None) -> int:
    access.require(ctx, Permission.OUTPUT)
    stmt = select(Talk).where(Talk.archived_at.is_(None)).order_by(Talk.talk_at, Talk.id)
    if cadre_ids is not None:
        stmt = stmt.where(Talk.id.in_(select(TalkSubject.talk_id).where(TalkSubject.cadre_id.in_(cadre_ids))))
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "谈话记录"
    with ctx.db.read() as session:
        talks = session.scalars(stmt).all()
        ids = [t.id for t in talks]
        subjects: dict[int, list[str]] = {}
        for talk_id, name in session.execute(
            select(TalkSubject.talk_id, Cadre.name)
            .join(Cadre, Cadre.id == TalkSubject.cadre_id)
            .where(TalkSubject.talk_id.in_(ids))
            .order_by(TalkSubject.position, TalkSubject.id)
        ):
            subjects.setdefault(talk_id, []).append(name)
        follow: dict[int, list[str]] = {}
        for f in session.scalars(
            select(TalkFollowUp).where(TalkFollowUp.talk_id.in_(ids), TalkFollowUp.archived_at.is_(None))
        ):
            follow.setdefault(f.talk_id, []).append(f.action + ("（已完成）" if f.done_date else ""))
        ws.append([f"谈话记录（{dt.date.today():%Y.%m.%d}，共 {len(talks)} 次）"])
        ws.append(list(TALK_HEADERS))
        for t in talks:
            ws.append(
                [
                    f"{t.talk_at:%Y.%m.%d %H:%M}",
                    t.place,
                    t.kind,
                    "、".join(subjects.get(t.id, [])),
                    t.talkers,
                    t.recorder,
                    t.content,
                    t.statement,
                    "\n".join(follow.get(t.id, [])),
                ]
            )
    for row in ws.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    format_sheet(ws, "谈话记录", TALK_HEADERS, TALK_WIDTHS)
    save_book(book, dest)
    with ctx.db.uow() as session:
        audit.record(session, ctx, "export", "talk", summary=f"导出谈话记录 {len(talks)} 次到 {dest}"[:200])
    return len(talks)


def export_pairing_activity(ctx: ServiceContext, dest: Path) -> int:
    """One row per pairing: diary entries by state, comments, the latest entry."""
    access.require(ctx, Permission.OUTPUT)
    entries = (
        select(
            DiaryEntry.mentorship_id,
            func.count(DiaryEntry.id),
            func.sum(case((DiaryEntry.state != "草稿", 1), else_=0)),
            func.sum(case((DiaryEntry.state == "已点评", 1), else_=0)),
            func.max(DiaryEntry.date),
        )
        .where(DiaryEntry.archived_at.is_(None), DiaryEntry.mentorship_id.is_not(None))
        .group_by(DiaryEntry.mentorship_id)
    )
    comments = (
        select(DiaryEntry.mentorship_id, func.count(MentorComment.id))
        .join(DiaryEntry, DiaryEntry.id == MentorComment.entry_id)
        .where(MentorComment.archived_at.is_(None), DiaryEntry.archived_at.is_(None))
        .group_by(DiaryEntry.mentorship_id)
    )
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "帮带日记情况"
    with ctx.db.read() as session:
        stats = {r[0]: r[1:] for r in session.execute(entries)}
        counts = {r[0]: r[1] for r in session.execute(comments)}
        pairs = session.scalars(
            select(Mentorship)
            .where(Mentorship.archived_at.is_(None))
            .order_by(Mentorship.term_start, Mentorship.id)
        ).all()
        ws.append([f"一对一帮带成长日记情况（{dt.date.today():%Y.%m.%d}，共 {len(pairs)} 对）"])
        ws.append(list(PAIRING_HEADERS))
        for m in pairs:
            total, submitted, commented, latest = stats.get(m.id, (0, 0, 0, None))
            ws.append(
                [
                    m.mentor.name,
                    m.mentee.name,
                    f"{m.term_start:%Y.%m.%d}--{m.term_end:%Y.%m.%d}",
                    m.status,
                    total,
                    int(submitted or 0),
                    int(commented or 0),
                    counts.get(m.id, 0),
                    "" if latest is None else f"{latest:%Y.%m.%d}",
                ]
            )
    format_sheet(ws, "帮带日记情况", PAIRING_HEADERS, PAIRING_WIDTHS)
    save_book(book, dest)
    with ctx.db.uow() as session:
        audit.record(
            session, ctx, "export", "mentorship", summary=f"导出帮带日记情况 {len(pairs)} 对到 {dest}"[:200]
        )
    return len(pairs)
