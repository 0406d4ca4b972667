"""Talk records (谈话记录): the talk, its subject cadres and its follow-ups."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, case, delete, func, select
from sqlalchemy.orm import Session

from cadre_desk.db.base import utcnow
from cadre_desk.db.models import Cadre, Talk, TalkFollowUp, TalkSubject
from cadre_desk.domain import vocab
from cadre_desk.errors import ConflictError, NotFoundError
from cadre_desk.services import access, audit, obligation_settling, search
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.validation import FieldErrors, max_length

_DATETIME = re.compile(r"^(.+?)[\sT]+(\d{1,2})[:：](\d{2})$")
_FIELDS = ("talk_at", "place", "kind", "talkers", "recorder", "outline", "content", "statement")


@dataclass(frozen=True)
class FollowUpInput:
    action: str
    owner: str = ""
    due_date: dt.date | str | None = None
    done_date: dt.date | str | None = None
    id: int | None = None


@dataclass(frozen=True)
class FollowUpView:
    id: int
    uid: str
    version: int
    talk_id: int
    action: str
    owner: str
    due_date: dt.date | None
    done_date: dt.date | None


@dataclass(frozen=True)
class TalkInput:
    talk_at: dt.datetime | str
    kind: str
    subject_ids: tuple[int, ...]
    talkers: str
    place: str = ""
    recorder: str = ""
    outline: str = ""
    content: str = ""
    statement: str = ""
    follow_ups: tuple[FollowUpInput, ...] = ()


@dataclass(frozen=True)
class TalkView:
    id: int
    uid: str
    version: int
    archived: bool
    talk_at: dt.datetime
    place: str
    kind: str
    subject_ids: tuple[int, ...]
    subjects: tuple[str, ...]
    talkers: str
    recorder: str
    outline: str
    content: str
    statement: str
    follow_ups: tuple[FollowUpView, ...]


def parse_datetime(text: str) -> dt.datetime:
    """`2024.05.17 14:30` (any date form `parse_date` takes, then HH:MM); a date alone means 00:00."""
    from cadre_desk.domain.yearmonth import parse_date

    match = _DATETIME.match(text.strip())
    if match:
        day = parse_date(match.group(1))
        hour, minute = int(match.group(2)), int(match.group(3))
        if hour > 23 or minute > 59:
            raise ValueError(f"“{text}”中的时间不存在")
        return dt.datetime(day.year, day.month, day.day, hour, minute)
    day = parse_date(text)
    return dt.datetime(day.year, day.month, day.day)


def follow_up_view(f: TalkFollowUp) -> FollowUpView:
    return FollowUpView(f.id, f.uid, f.version, f.talk_id, f.action, f.owner, f.due_date, f.done_date)


def _view(session: Session, t: Talk) -> TalkView:
    return talk_views(session, [t])[0]


def talk_views(session: Session, found: Sequence[Talk]) -> list[TalkView]:
    """Views of the talks, with their subjects and follow-ups in two queries per 500 talks."""
    ids = [t.id for t in found]
    subjects: dict[int, list[tuple[int, str]]] = defaultdict(list)
    follow_ups: dict[int, list[FollowUpView]] = defaultdict(list)
    for start in range(0, len(ids), 500):
        part = ids[start : start + 500]
        for talk_id, cadre_id, name in session.execute(
            select(TalkSubject.talk_id, Cadre.id, Cadre.name)
            .join(Cadre, Cadre.id == TalkSubject.cadre_id)
            .where(TalkSubject.talk_id.in_(part))
            .order_by(TalkSubject.talk_id, TalkSubject.position, TalkSubject.id)
        ):
            subjects[talk_id].append((cadre_id, name))
        for f in session.scalars(
            select(TalkFollowUp)
            .where(TalkFollowUp.talk_id.in_(part), TalkFollowUp.archived_at.is_(None))
            .order_by(TalkFollowUp.talk_id, TalkFollowUp.position, TalkFollowUp.id)
        ):
            follow_ups[f.talk_id].append(follow_up_view(f))
    return [
        TalkView(
            id=t.id,
            uid=t.uid,
            version=t.version,
            archived=t.archived_at is not None,
            talk_at=t.talk_at,
            place=t.place,
            kind=t.kind,
            subject_ids=tuple(s[0] for s in subjects[t.id]),
            subjects=tuple(s[1] for s in subjects[t.id]),
            talkers=t.talkers,
            recorder=t.recorder,
            outline=t.outline,
            content=t.content,
            statement=t.statement,
            follow_ups=tuple(follow_ups[t.id]),
        )
        for t in found
    ]


def load(session: Session, talk_id: int) -> Talk:
    t = session.get(Talk, talk_id)
    if t is None:
        raise NotFoundError("谈话记录", talk_id)
    return t


def _validate(session: Session, data: TalkInput) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    errs = FieldErrors()
    talk_at: dt.datetime | None = None
    if isinstance(data.talk_at, str):
        if not data.talk_at.strip():
            errs.add("talk_at", "请填写谈话时间")
        else:
            try:
                talk_at = parse_datetime(data.talk_at)
            except ValueError as exc:
                errs.add("talk_at", f"谈话时间：{exc}")
    else:
        talk_at = data.talk_at
    if talk_at is not None and talk_at > dt.datetime.now():  # local wall-clock time, as written
        errs.add("talk_at", "谈话时间不能晚于现在（谈话记录记的是已经进行的谈话）")
    kind = errs.choice("kind", data.kind, "谈话类型", tuple(vocab.TalkKind))
    if not data.subject_ids:
        errs.add("subject_ids", "请选择谈话对象")
    elif len(set(data.subject_ids)) != len(data.subject_ids):
        errs.add("subject_ids", "谈话对象重复")
    else:
        found = dict(
            session.execute(select(Cadre.id, Cadre.archived_at).where(Cadre.id.in_(data.subject_ids))).all()
        )
        missing = [str(i) for i in data.subject_ids if i not in found]
        if missing:
            errs.add("subject_ids", f"谈话对象（编号 {'、'.join(missing)}）不存在")
    values = {
        "talk_at": talk_at,
        "kind": kind,
        "talkers": errs.text(
            "talkers", data.talkers, "谈话人", required=True, max_len=max_length(Talk.talkers)
        ),
        "place": errs.text("place", data.place, "谈话地点", max_len=max_length(Talk.place)),
        "recorder": errs.text("recorder", data.recorder, "记录人", max_len=max_length(Talk.recorder)),
        "outline": errs.text("outline", data.outline, "谈话提纲", max_len=max_length(Talk.outline)),
        "content": errs.text(
            "content", data.content, "谈话内容", required=True, max_len=max_length(Talk.content)
        ),
        "statement": errs.text("statement", data.statement, "本人表态", max_len=max_length(Talk.statement)),
    }
    follow_ups = []
    for i, f in enumerate(data.follow_ups):
        prefix = f"follow_ups[{i}]"
        due = errs.date(f"{prefix}.due_date", f.due_date, "完成时限", allow_future=True)
        done = errs.date(f"{prefix}.done_date", f.done_date, "完成日期")
        follow_ups.append(
            {
                "id": f.id,
                "action": errs.text(
                    f"{prefix}.action",
                    f.action,
                    "后续事项",
                    required=True,
                    max_len=max_length(TalkFollowUp.action),
                ),
                "owner": errs.text(
                    f"{prefix}.owner", f.owner, "责任人", max_len=max_length(TalkFollowUp.owner)
                ),
                "due_date": due,
                "done_date": done,
                "position": i,
            }
        )
    errs.raise_if_any()
    return values, follow_ups


def _write_children(
    session: Session,
    ctx: ServiceContext,
    t: Talk,
    subject_ids: Sequence[int],
    follow_ups: list[dict[str, Any]],
) -> None:
    current = list(
        session.scalars(
            select(TalkSubject.cadre_id)
            .where(TalkSubject.talk_id == t.id)
            .order_by(TalkSubject.position, TalkSubject.id)
        )
    )
    if current != list(subject_ids):
        session.execute(delete(TalkSubject).where(TalkSubject.talk_id == t.id))
        for pos, cadre_id in enumerate(subject_ids):
            session.add(TalkSubject(talk_id=t.id, cadre_id=cadre_id, position=pos))
        if current:
            audit.record(
                session, ctx, "update", "talk", t.id, t.uid, {"subject_ids": [current, list(subject_ids)]}
            )
    existing = {
        f.id: f
        for f in session.scalars(
            select(TalkFollowUp).where(TalkFollowUp.talk_id == t.id, TalkFollowUp.archived_at.is_(None))
        )
    }
    kept = set()
    for values in follow_ups:
        fid = values.pop("id")
        if fid is None or fid not in existing:
            row = TalkFollowUp(talk_id=t.id, **values)
            session.add(row)
            session.flush()
            audit.record(session, ctx, "create", "talk_follow_up", row.id, row.uid, audit.diff({}, values))
        else:
            row = existing[fid]
            kept.add(fid)
            changes = audit.diff(audit.snapshot(row, tuple(values)), values)
            if changes:
                for key, value in values.items():
                    setattr(row, key, value)
                audit.record(session, ctx, "update", "talk_follow_up", row.id, row.uid, changes)
    for fid, row in existing.items():
        if fid not in kept:
            row.archived_at = utcnow()
            audit.record(session, ctx, "archive", "talk_follow_up", row.id, row.uid)
    session.flush()


def record_talk(ctx: ServiceContext, data: TalkInput) -> TalkView:
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        values, follow_ups = _validate(session, data)
        t = Talk(**values)
        session.add(t)
        session.flush()
        audit.record(
            session,
            ctx,
            "create",
            "talk",
            t.id,
            t.uid,
            audit.diff({}, values | {"subject_ids": list(data.subject_ids)}),
            t.kind,
        )
        _write_children(session, ctx, t, data.subject_ids, follow_ups)
        search.index_talk(session, t)
        obligation_settling.settle_by_talk(session, ctx, t)
        return _view(session, t)


def update_talk(ctx: ServiceContext, talk_id: int, data: TalkInput, expected_version: int) -> TalkView:
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        t = load(session, talk_id)
        if t.version != expected_version:
            raise ConflictError("谈话记录", t.talk_at.strftime("%Y.%m.%d"), expected_version, t.version)
        values, follow_ups = _validate(session, data)
        changes = audit.diff(audit.snapshot(t, _FIELDS), values)
        for key, value in values.items():
            setattr(t, key, value)
        t.updated_at = utcnow()  # children changes count as a change of the record too
        session.flush()
        if changes:
            audit.record(session, ctx, "update", "talk", t.id, t.uid, changes, t.kind)
        _write_children(session, ctx, t, data.subject_ids, follow_ups)
        search.index_talk(session, t)
        obligation_settling.settle_by_talk(session, ctx, t)
        return _view(session, t)


def _set_talk_archived(ctx: ServiceContext, talk_id: int, archived: bool) -> TalkView:
    with ctx.db.uow() as session:
        t = load(session, talk_id)
        if (t.archived_at is not None) != archived:
            t.archived_at = utcnow() if archived else None
            session.flush()
            audit.record(
                session, ctx, "archive" if archived else "restore", "talk", t.id, t.uid, summary=t.kind
            )
            search.index_talk(session, t)
            if archived:
                obligation_settling.unsettle_talk(session, ctx, t.id)
            else:
                obligation_settling.settle_by_talk(session, ctx, t)
        return _view(session, t)


def archive_talk(ctx: ServiceContext, talk_id: int) -> TalkView:
    """Recoverable with `restore_talk`; an archived one stays as it is."""
    access.require(ctx, Permission.RECORDS_WRITE)
    return _set_talk_archived(ctx, talk_id, True)


def restore_talk(ctx: ServiceContext, talk_id: int) -> TalkView:
    access.require(ctx, Permission.RECORDS_WRITE)
    return _set_talk_archived(ctx, talk_id, False)


def mark_follow_up_done(ctx: ServiceContext, follow_up_id: int, done: dt.date | None) -> FollowUpView:
    """Tick off (or with `None` reopen) one follow-up action."""
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        f = session.get(TalkFollowUp, follow_up_id)
        if f is None:
            raise NotFoundError("谈话后续事项", follow_up_id)
        errs = FieldErrors()
        done_date = errs.date("done_date", done, "完成日期")
        errs.raise_if_any()
        audit.update_row(session, ctx, "talk_follow_up", f, {"done_date": done_date})
        return follow_up_view(f)


def get_talk(ctx: ServiceContext, talk_id: int) -> TalkView:
    access.require(ctx, Permission.RECORDS_READ)
    with ctx.db.read() as session:
        return _view(session, load(session, talk_id))


def list_talks(
    ctx: ServiceContext,
    cadre_id: int | None = None,
    kind: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    talker: str | None = None,
    limit: int = 200,
    offset: int = 0,
) -> list[TalkView]:
    access.require(ctx, Permission.RECORDS_READ)
    stmt = _talk_filter(select(Talk), cadre_id, kind, date_from, date_to, talker)
    stmt = stmt.order_by(Talk.talk_at.desc(), Talk.id.desc()).limit(limit).offset(offset)
    with ctx.db.read() as session:
        return talk_views(session, list(session.scalars(stmt)))


def open_follow_ups(ctx: ServiceContext, due_before: dt.date | None = None) -> list[FollowUpView]:
    """Follow-ups not done yet, the most urgent first (for 工作台)."""
    access.require(ctx, Permission.RECORDS_READ)
    stmt = (
        select(TalkFollowUp)
        .join(Talk, Talk.id == TalkFollowUp.talk_id)
        .where(
            TalkFollowUp.done_date.is_(None), TalkFollowUp.archived_at.is_(None), Talk.archived_at.is_(None)
        )
    )
    if due_before is not None:
        stmt = stmt.where(TalkFollowUp.due_date <= due_before)
    stmt = stmt.order_by(TalkFollowUp.due_date.is_(None), TalkFollowUp.due_date, TalkFollowUp.id)
    with ctx.db.read() as session:
        return [follow_up_view(f) for f in session.scalars(stmt)]


# --- the list of the desk ------------------------------------------------------------------------


@dataclass(frozen=True)
class TalkRow:
    """One line of the talks list: no long texts, the subjects' names and the open follow-ups."""

    id: int
    version: int
    talk_at: dt.datetime
    kind: str
    subjects: tuple[str, ...]
    talkers: str
    place: str
    recorder: str
    follow_ups: int
    open_follow_ups: int
    overdue_follow_ups: int = 0  # open and past their due date (as of the `today` asked for)


def _talk_filter(
    stmt: Any,
    cadre_id: int | None,
    kind: str | None,
    date_from: dt.date | None,
    date_to: dt.date | None,
    talker: str | None,
    archived: bool = False,
) -> Any:
    """`archived`: the archived talks (to restore them) instead of the live ones."""
    stmt = stmt.where(Talk.archived_at.is_not(None) if archived else Talk.archived_at.is_(None))
    if cadre_id is not None:
        stmt = stmt.where(Talk.id.in_(select(TalkSubject.talk_id).where(TalkSubject.cadre_id == cadre_id)))
    if kind:
        stmt = stmt.where(Talk.kind == kind)
    if date_from is not None:
        stmt = stmt.where(Talk.talk_at >= dt.datetime.combine(date_from, dt.time()))
    if date_to is not None:
        stmt = stmt.where(Talk.talk_at < dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time()))
    if talker and talker.strip():
        stmt = stmt.where(Talk.talkers.contains(talker.strip(), autoescape=True))
    return stmt


def list_talk_rows(
    ctx: ServiceContext,
    cadre_id: int | None = None,
    kind: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    talker: str | None = None,
    limit: int = 200,
    offset: int = 0,
    archived: bool = False,
    today: dt.date | None = None,
) -> list[TalkRow]:
    """A page of talks, newest first, in three queries (talks, subjects, follow-up counts)."""
    access.require(ctx, Permission.RECORDS_READ)
    day = today or dt.date.today()
    stmt = _talk_filter(
        select(Talk.id, Talk.version, Talk.talk_at, Talk.kind, Talk.talkers, Talk.place, Talk.recorder),
        cadre_id,
        kind,
        date_from,
        date_to,
        talker,
        archived,
    )
    stmt = stmt.order_by(Talk.talk_at.desc(), Talk.id.desc()).limit(limit).offset(offset)
    with ctx.db.read() as session:
        talks = session.execute(stmt).all()
        ids = [t[0] for t in talks]
        names: dict[int, list[str]] = {}
        for talk_id, name in session.execute(
            select(TalkSubject.talk_id, Cadre.name)
            .join(Cadre, Cadre.id == TalkSubject.cadre_id)
            .where(TalkSubject.talk_id.in_(ids))
            .order_by(TalkSubject.talk_id, TalkSubject.position, TalkSubject.id)
        ):
            names.setdefault(talk_id, []).append(name)
        counts: dict[int, tuple[int, int, int]] = {}
        for talk_id, total, still_open, overdue in session.execute(
            select(
                TalkFollowUp.talk_id,
                func.count(TalkFollowUp.id),
                func.sum(case((TalkFollowUp.done_date.is_(None), 1), else_=0)),
                func.sum(
                    case((and_(TalkFollowUp.done_date.is_(None), TalkFollowUp.due_date < day), 1), else_=0)
                ),
            )
            .where(TalkFollowUp.talk_id.in_(ids), TalkFollowUp.archived_at.is_(None))
            .group_by(TalkFollowUp.talk_id)
        ):
            counts[talk_id] = (int(total), int(still_open or 0), int(overdue or 0))
        return [
            TalkRow(
                id=t[0],
                version=t[1],
                talk_at=t[2],
                kind=t[3],
                subjects=tuple(names.get(t[0], ())),
                talkers=t[4],
                place=t[5],
                recorder=t[6],
                follow_ups=counts.get(t[0], (0, 0, 0))[0],
                open_follow_ups=counts.get(t[0], (0, 0, 0))[1],
                overdue_follow_ups=counts.get(t[0], (0, 0, 0))[2],
            )
            for t in talks
        ]


def count_talks(
    ctx: ServiceContext,
    cadre_id: int | None = None,
    kind: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    talker: str | None = None,
    cap: int = 1000,
    archived: bool = False,
) -> int:
    """How many talks match, counted up to `cap` (a result of `cap` means "at least")."""
    access.require(ctx, Permission.RECORDS_READ)
    matching = _talk_filter(select(Talk.id), cadre_id, kind, date_from, date_to, talker, archived).limit(cap)
    stmt = select(func.count()).select_from(matching.subquery())
    with ctx.db.read() as session:
        return int(session.scalar(stmt) or 0)
