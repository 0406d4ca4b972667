"""Growth diary (成长日记): the mentee's entries and the mentor's comments (导师点评)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cadre_desk.db.base import utcnow
from cadre_desk.db.models import Cadre, DiaryEntry, MentorComment, Mentorship
from cadre_desk.domain import vocab
from cadre_desk.errors import ConflictError, Message, NotFoundError, ValidationError
from cadre_desk.services import access, audit, search
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.mentorship import active_mentorship_of
from cadre_desk.services.validation import FieldErrors, max_length


@dataclass(frozen=True)
class DiaryEntryInput:
    mentee_id: int
    date: dt.date | str
    title: str
    category: str
    content: str
    # A pairing of the mentee to attach the entry to although its date lies outside the pairing's
    # term (the user confirmed it); None: the pairing in force on the date, if any.
    attach_to: int | None = None


@dataclass(frozen=True)
class CommentInput:
    mentor_id: int
    text: str
    date: dt.date | str | None = None  # today when omitted


@dataclass(frozen=True)
class CommentView:
    id: int
    uid: str
    version: int
    entry_id: int
    mentor_id: int
    mentor: str
    date: dt.date
    text: str


@dataclass(frozen=True)
class DiaryEntryView:
    id: int
    uid: str
    version: int
    archived: bool
    mentee_id: int
    mentee: str
    mentorship_id: int | None
    date: dt.date
    title: str
    category: str
    content: str
    state: str
    submitted_at: dt.datetime | None
    comments: tuple[CommentView, ...]

    @property
    def word_count(self) -> int:
        return sum(1 for ch in self.content if not ch.isspace())


@dataclass(frozen=True)
class DiaryEntrySummary:
    id: int
    mentee_id: int
    mentee: str
    mentorship_id: int | None
    date: dt.date
    title: str
    category: str
    state: str
    length: int
    version: int


def comment_view(c: MentorComment, mentor: str) -> CommentView:
    return CommentView(c.id, c.uid, c.version, c.entry_id, c.mentor_id, mentor, c.date, c.text)


def comments_by_entry(session: Session, entry_ids: Sequence[int]) -> dict[int, list[CommentView]]:
    """The live comments of the entries, oldest first, in one query per 500 entries."""
    out: dict[int, list[CommentView]] = {}
    for start in range(0, len(entry_ids), 500):
        for c, name in session.execute(
            select(MentorComment, Cadre.name)
            .join(Cadre, Cadre.id == MentorComment.mentor_id)
            .where(MentorComment.entry_id.in_(entry_ids[start : start + 500]))
            .where(MentorComment.archived_at.is_(None))
            .order_by(MentorComment.date, MentorComment.id)
        ):
            out.setdefault(c.entry_id, []).append(comment_view(c, name))
    return out


def entry_view(e: DiaryEntry, mentee: str, comments: Iterable[CommentView]) -> DiaryEntryView:
    return DiaryEntryView(
        id=e.id,
        uid=e.uid,
        version=e.version,
        archived=e.archived_at is not None,
        mentee_id=e.mentee_id,
        mentee=mentee,
        mentorship_id=e.mentorship_id,
        date=e.date,
        title=e.title,
        category=e.category,
        content=e.content,
        state=e.state,
        submitted_at=e.submitted_at,
        comments=tuple(comments),
    )


def _entry_view(session: Session, e: DiaryEntry) -> DiaryEntryView:
    mentee = session.get(Cadre, e.mentee_id)
    return entry_view(e, mentee.name if mentee else "", comments_by_entry(session, [e.id]).get(e.id, ()))


class OutsidePairing(ValidationError):
    """An entry to be submitted whose date lies outside every pairing of the mentee.

    `pairing_id` is the mentee's pairing nearest to the date (None: the mentee has no pairing at
    all, so there is no mentor to submit to). The caller may save again with `attach_to` set to it.
    """

    def __init__(self, message: str, pairing_id: int | None) -> None:
        super().__init__({"date": message})
        self.pairing_id = pairing_id


@dataclass(frozen=True)
class PairingFit:
    """Where a date falls for a mentee: `in_term` (the pairing in force) or else `nearest`."""

    in_term: int | None
    nearest: int | None
    mentor: str = ""
    term_start: dt.date | None = None
    term_end: dt.date | None = None


def _pairing_end(m: Mentorship) -> dt.date:
    return m.ended_on or m.term_end


def _fit(session: Session, mentee_id: int, date: dt.date) -> PairingFit:
    live = active_mentorship_of(session, mentee_id, date)
    if live is not None:
        return PairingFit(live.id, live.id, live.mentor.name, live.term_start, _pairing_end(live))
    pairings = list(
        session.scalars(
            select(Mentorship).where(Mentorship.mentee_id == mentee_id, Mentorship.archived_at.is_(None))
        )
    )
    if not pairings:
        return PairingFit(None, None)

    def distance(m: Mentorship) -> int:
        return (m.term_start - date).days if date < m.term_start else (date - _pairing_end(m)).days

    near = min(pairings, key=lambda m: (distance(m), -m.id))
    return PairingFit(None, near.id, near.mentor.name, near.term_start, _pairing_end(near))


def pairing_fit(ctx: ServiceContext, mentee_id: int, date: dt.date | str) -> PairingFit:
    """Whether an entry of `mentee_id` dated `date` falls inside a pairing, or which one is nearest.

    An unreadable date fits nothing (the save that follows reports it)."""
    access.require(ctx, Permission.RECORDS_READ)
    errs = FieldErrors()
    day = errs.date("date", date, "日记日期", required=True, allow_future=True)
    if day is None:
        return PairingFit(None, None)
    with ctx.db.read() as session:
        return _fit(session, mentee_id, day)


def _outside_message(session: Session, e_date: dt.date, mentee_id: int) -> OutsidePairing:
    fit = _fit(session, mentee_id, e_date)
    if fit.nearest is None:
        mentee = session.get(Cadre, mentee_id)
        name = mentee.name if mentee else ""
        return OutsidePairing(
            Message(
                "diary_no_pairing", "{name}没有结对帮带，日记无法提交导师点评（可保存为草稿）", name=name
            ),
            None,
        )
    assert fit.term_start is not None and fit.term_end is not None
    before = e_date < fit.term_start
    return OutsidePairing(
        Message(
            "diary_before_pairing" if before else "diary_after_pairing",
            "日记日期（{date}）在与导师{mentor}的结对帮带期（{start}—{end}）"
            + ("开始之前" if before else "结束之后")
            + "，请修改日期，或确认将日记归入该结对",
            date=f"{e_date:%Y.%m.%d}",
            mentor=fit.mentor,
            start=f"{fit.term_start:%Y.%m.%d}",
            end=f"{fit.term_end:%Y.%m.%d}",
        ),
        fit.nearest,
    )


def load(session: Session, entry_id: int) -> DiaryEntry:
    e = session.get(DiaryEntry, entry_id)
    if e is None:
        raise NotFoundError("成长日记", entry_id)
    return e


def _validate(session: Session, data: DiaryEntryInput) -> dict[str, Any]:
    errs = FieldErrors()
    mentee = session.get(Cadre, data.mentee_id)
    if mentee is None:
        errs.add("mentee_id", f"干部（编号 {data.mentee_id}）不存在")
    date = errs.date("date", data.date, "日记日期", required=True)
    title = errs.text("title", data.title, "标题", required=True, max_len=max_length(DiaryEntry.title))
    category = errs.choice("category", data.category, "类别", vocab.DIARY_CATEGORIES)
    content = errs.text(
        "content", data.content, "正文", required=True, max_len=max_length(DiaryEntry.content)
    )
    attached: Mentorship | None = None
    if data.attach_to is not None:
        attached = session.get(Mentorship, data.attach_to)
        if attached is None or attached.mentee_id != data.mentee_id or attached.archived_at is not None:
            errs.add("date", "要归入的结对不存在、已归档或不属于该干部")
    errs.raise_if_any()
    assert date is not None
    pairing = active_mentorship_of(session, data.mentee_id, date) or attached
    return {
        "mentee_id": data.mentee_id,
        "date": date,
        "title": title,
        "category": category,
        "content": content,
        "mentorship_id": pairing.id if pairing else None,
    }


def create_entry(ctx: ServiceContext, data: DiaryEntryInput, submit: bool = False) -> DiaryEntryView:
    """A new entry, saved as a draft (草稿) or submitted to the mentor at once."""
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        values = _validate(session, data)
        if submit and values["mentorship_id"] is None:
            raise _outside_message(session, values["date"], data.mentee_id)
        e = DiaryEntry(**values, state=vocab.DiaryState.DRAFT.value)
        if submit:
            e.state, e.submitted_at = vocab.DiaryState.SUBMITTED.value, utcnow()
        session.add(e)
        session.flush()
        audit.record(session, ctx, "create", "diary_entry", e.id, e.uid, audit.diff({}, values), e.title)
        search.index_diary(session, e)
        return _entry_view(session, e)


def _check_version(e: DiaryEntry, expected_version: int) -> None:
    if e.version != expected_version:
        raise ConflictError("成长日记", e.title, expected_version, e.version)


def update_entry(
    ctx: ServiceContext, entry_id: int, data: DiaryEntryInput, expected_version: int
) -> DiaryEntryView:
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        e = load(session, entry_id)
        _check_version(e, expected_version)
        if e.state == vocab.DiaryState.COMMENTED:
            raise ValidationError({"state": "导师已点评的日记不能再修改"})
        values = _validate(session, data)
        if values["mentorship_id"] is None and values["date"] == e.date and e.mentorship_id is not None:
            values["mentorship_id"] = e.mentorship_id  # attached once by choice: stays while the date does
        if e.state != vocab.DiaryState.DRAFT and values["mentorship_id"] is None:
            raise _outside_message(session, values["date"], data.mentee_id)
        changes = audit.diff(audit.snapshot(e, tuple(values)), values)
        if changes:
            for key, value in values.items():
                setattr(e, key, value)
            session.flush()
            audit.record(session, ctx, "update", "diary_entry", e.id, e.uid, changes, e.title)
            search.index_diary(session, e)
        return _entry_view(session, e)


def submit_entry(ctx: ServiceContext, entry_id: int, expected_version: int) -> DiaryEntryView:
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        e = load(session, entry_id)
        _check_version(e, expected_version)
        if e.state != vocab.DiaryState.DRAFT:
            raise ValidationError({"state": f"日记已是“{e.state}”状态"})
        if e.archived_at is not None:
            raise ValidationError({"state": "该日记已归档"})
        if e.mentorship_id is None:
            raise _outside_message(session, e.date, e.mentee_id)
        e.state, e.submitted_at = vocab.DiaryState.SUBMITTED.value, utcnow()
        session.flush()
        audit.record(
            session,
            ctx,
            "update",
            "diary_entry",
            e.id,
            e.uid,
            {"state": [vocab.DiaryState.DRAFT.value, e.state]},
            e.title,
        )
        return _entry_view(session, e)


def withdraw_entry(ctx: ServiceContext, entry_id: int, expected_version: int) -> DiaryEntryView:
    """Take a submitted entry back to draft (草稿), as long as the mentor has not commented on it."""
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        e = load(session, entry_id)
        _check_version(e, expected_version)
        if e.state == vocab.DiaryState.COMMENTED:
            raise ValidationError(
                {"state": Message("diary_commented_no_withdraw", "导师已点评的日记不能撤回")}
            )
        if e.state != vocab.DiaryState.SUBMITTED:
            raise ValidationError({"state": f"日记是“{e.state}”，不需要撤回"})
        if e.archived_at is not None:
            raise ValidationError({"state": "该日记已归档"})
        e.state, e.submitted_at = vocab.DiaryState.DRAFT.value, None
        session.flush()
        audit.record(
            session,
            ctx,
            "update",
            "diary_entry",
            e.id,
            e.uid,
            {"state": [vocab.DiaryState.SUBMITTED.value, e.state]},
            e.title,
        )
        search.index_diary(session, e)
        return _entry_view(session, e)


def _set_entry_archived(ctx: ServiceContext, entry_id: int, archived: bool) -> DiaryEntryView:
    with ctx.db.uow() as session:
        e = load(session, entry_id)
        if (e.archived_at is not None) != archived:
            e.archived_at = utcnow() if archived else None
            session.flush()
            audit.record(
                session,
                ctx,
                "archive" if archived else "restore",
                "diary_entry",
                e.id,
                e.uid,
                summary=e.title,
            )
            search.index_diary(session, e)
            search.index_entry_comments(session, e)
        return _entry_view(session, e)


def archive_entry(ctx: ServiceContext, entry_id: int) -> DiaryEntryView:
    """Recoverable with `restore_entry`; an archived one stays as it is."""
    access.require(ctx, Permission.RECORDS_WRITE)
    return _set_entry_archived(ctx, entry_id, True)


def restore_entry(ctx: ServiceContext, entry_id: int) -> DiaryEntryView:
    access.require(ctx, Permission.RECORDS_WRITE)
    return _set_entry_archived(ctx, entry_id, False)


def get_entry(ctx: ServiceContext, entry_id: int) -> DiaryEntryView:
    access.require_entry(ctx, entry_id)
    with ctx.db.read() as session:
        return _entry_view(session, load(session, entry_id))


def _archived(archived: bool) -> Any:
    return DiaryEntry.archived_at.is_not(None) if archived else DiaryEntry.archived_at.is_(None)


def _entry_filter(
    stmt: Any,
    mentee_id: int | None,
    mentorship_id: int | None,
    mentor_id: int | None,
    state: str | None,
    category: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> Any:
    """The filters of the entry lists (a mentor's: the entries of that mentor's pairings)."""
    if mentee_id is not None:
        stmt = stmt.where(DiaryEntry.mentee_id == mentee_id)
    if mentorship_id is not None:
        stmt = stmt.where(DiaryEntry.mentorship_id == mentorship_id)
    if mentor_id is not None:
        stmt = stmt.join(Mentorship, Mentorship.id == DiaryEntry.mentorship_id).where(
            Mentorship.mentor_id == mentor_id
        )
    if state is not None:
        stmt = stmt.where(DiaryEntry.state == state)
    if category is not None:
        stmt = stmt.where(DiaryEntry.category == category)
    if date_from is not None:
        stmt = stmt.where(DiaryEntry.date >= date_from)
    if date_to is not None:
        stmt = stmt.where(DiaryEntry.date <= date_to)
    return stmt


def list_entries(
    ctx: ServiceContext,
    mentee_id: int | None = None,
    mentorship_id: int | None = None,
    state: str | None = None,
    category: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    mentor_id: int | None = None,
    limit: int = 200,
    offset: int = 0,
    archived: bool = False,
) -> list[DiaryEntrySummary]:
    """Entries newest first; `mentor_id` keeps that mentor's pairings (待点评: with `state`)."""
    mentor_id = access.mentor_scope(ctx) or mentor_id  # a 导师: his own pairings only
    stmt = (
        select(
            DiaryEntry.id,
            DiaryEntry.mentee_id,
            Cadre.name,
            DiaryEntry.mentorship_id,
            DiaryEntry.date,
            DiaryEntry.title,
            DiaryEntry.category,
            DiaryEntry.state,
            func.length(DiaryEntry.content),
            DiaryEntry.version,
        )
        .join(Cadre, Cadre.id == DiaryEntry.mentee_id)
        .where(_archived(archived))
    )
    stmt = _entry_filter(stmt, mentee_id, mentorship_id, mentor_id, state, category, date_from, date_to)
    stmt = stmt.order_by(DiaryEntry.date.desc(), DiaryEntry.id.desc()).limit(limit).offset(offset)
    with ctx.db.read() as session:
        return [DiaryEntrySummary(*row) for row in session.execute(stmt)]


# --- mentor comments -----------------------------------------------------------------------------


def _mentor_of_entry(session: Session, e: DiaryEntry) -> Mentorship | None:
    if e.mentorship_id is not None:
        return session.get(Mentorship, e.mentorship_id)
    return active_mentorship_of(session, e.mentee_id, e.date)


def add_comment(ctx: ServiceContext, entry_id: int, data: CommentInput) -> CommentView:
    """Only the mentee's mentor of that time comments, and only on a submitted entry."""
    access.require_entry(ctx, entry_id, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        e = load(session, entry_id)
        errs = FieldErrors()
        pairing = _mentor_of_entry(session, e)
        if pairing is None:
            errs.add(
                "mentor_id", Message("comment_no_pairing", "该日记写于没有结对帮带的时期，没有导师可以点评")
            )
        elif pairing.mentor_id != data.mentor_id:
            errs.add(
                "mentor_id",
                Message(
                    "comment_only_mentor",
                    "只有该日记所属结对的导师（{mentor}）可以点评",
                    mentor=pairing.mentor.name,
                ),
            )
        if e.state == vocab.DiaryState.DRAFT:
            errs.add("entry", Message("comment_on_draft", "草稿尚未提交，导师不能点评"))
        if e.archived_at is not None:
            errs.add("entry", "该日记已归档")
        date = errs.date(
            "date", data.date if data.date is not None else dt.date.today(), "点评日期", required=True
        )
        if date and date < e.date:
            errs.add("date", "点评日期早于日记日期")
        text = errs.text("text", data.text, "点评内容", required=True, max_len=max_length(MentorComment.text))
        errs.raise_if_any()
        assert date is not None and pairing is not None
        c = MentorComment(entry_id=e.id, mentor_id=data.mentor_id, date=date, text=text)
        session.add(c)
        if e.state != vocab.DiaryState.COMMENTED:
            old_state = e.state
            e.state = vocab.DiaryState.COMMENTED.value
            audit.record(session, ctx, "update", "diary_entry", e.id, e.uid, {"state": [old_state, e.state]})
        session.flush()
        audit.record(
            session,
            ctx,
            "create",
            "mentor_comment",
            c.id,
            c.uid,
            audit.diff({}, {"entry_id": e.id, "date": date, "text": text}),
            e.title,
        )
        search.index_comment(session, c, e)
        return comment_view(c, pairing.mentor.name)


def _load_comment(session: Session, comment_id: int) -> MentorComment:
    c = session.get(MentorComment, comment_id)
    if c is None:
        raise NotFoundError("导师点评", comment_id)
    return c


def update_comment(ctx: ServiceContext, comment_id: int, text: str, expected_version: int) -> CommentView:
    access.require_comment(ctx, comment_id, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        c = _load_comment(session, comment_id)
        if c.version != expected_version:
            raise ConflictError("导师点评", comment_id, expected_version, c.version)
        errs = FieldErrors()
        cleaned = errs.text("text", text, "点评内容", required=True, max_len=max_length(MentorComment.text))
        errs.raise_if_any()
        if cleaned != c.text:
            audit.record(
                session,
                ctx,
                "update",
                "mentor_comment",
                c.id,
                c.uid,
                audit.diff({"text": c.text}, {"text": cleaned}),
            )
            c.text = cleaned
            session.flush()
            search.index_comment(session, c, load(session, c.entry_id))
        mentor = session.get(Cadre, c.mentor_id)
        return comment_view(c, mentor.name if mentor else "")


def _set_comment_archived(ctx: ServiceContext, comment_id: int, archived: bool) -> CommentView:
    """Archiving the last comment puts the entry back to 已提交 (waiting for a comment)."""
    access.require_comment(ctx, comment_id, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        c = _load_comment(session, comment_id)
        e = load(session, c.entry_id)
        if (c.archived_at is not None) != archived:
            c.archived_at = utcnow() if archived else None
            session.flush()
            audit.record(session, ctx, "archive" if archived else "restore", "mentor_comment", c.id, c.uid)
            live = session.scalar(
                select(func.count(MentorComment.id)).where(
                    MentorComment.entry_id == e.id, MentorComment.archived_at.is_(None)
                )
            )
            new_state = vocab.DiaryState.COMMENTED.value if live else vocab.DiaryState.SUBMITTED.value
            if e.state != new_state:
                audit.record(
                    session, ctx, "update", "diary_entry", e.id, e.uid, {"state": [e.state, new_state]}
                )
                e.state = new_state
            search.index_comment(session, c, e)
        mentor = session.get(Cadre, c.mentor_id)
        return comment_view(c, mentor.name if mentor else "")


def archive_comment(ctx: ServiceContext, comment_id: int) -> CommentView:
    """Recoverable with `restore_comment`; an archived one stays as it is."""
    return _set_comment_archived(ctx, comment_id, True)


def restore_comment(ctx: ServiceContext, comment_id: int) -> CommentView:
    return _set_comment_archived(ctx, comment_id, False)


# --- the timeline --------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineItem:
    """An entry with its comments and the mentor of its pairing (who may comment on it)."""

    entry: DiaryEntryView
    mentor_id: int | None
    mentor: str


def timeline(
    ctx: ServiceContext,
    mentee_id: int | None = None,
    mentorship_id: int | None = None,
    mentor_id: int | None = None,
    state: str | None = None,
    category: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    limit: int = 20,
    offset: int = 0,
    archived: bool = False,
) -> list[TimelineItem]:
    """A page of full entries, newest first, in three queries whatever the page size.

    `archived`: the archived entries instead of the live ones."""
    mentor_id = access.mentor_scope(ctx) or mentor_id  # a 导师: his own pairings only
    stmt = select(DiaryEntry).where(_archived(archived))
    stmt = _entry_filter(stmt, mentee_id, mentorship_id, mentor_id, state, category, date_from, date_to)
    stmt = stmt.order_by(DiaryEntry.date.desc(), DiaryEntry.id.desc()).limit(limit).offset(offset)
    with ctx.db.read() as session:
        entries = list(session.scalars(stmt))
        ids = [e.id for e in entries]
        comments = comments_by_entry(session, ids)
        mentors: dict[int, tuple[int, str]] = {}
        pairing_ids = {e.mentorship_id for e in entries if e.mentorship_id is not None}
        for mid, cadre_id, name in session.execute(
            select(Mentorship.id, Mentorship.mentor_id, Cadre.name)
            .join(Cadre, Cadre.id == Mentorship.mentor_id)
            .where(Mentorship.id.in_(pairing_ids))
        ):
            mentors[mid] = (cadre_id, name)
        mentee_ids = {e.mentee_id for e in entries}
        people = {
            r[0]: r[1] for r in session.execute(select(Cadre.id, Cadre.name).where(Cadre.id.in_(mentee_ids)))
        }
        items = []
        for e in entries:
            view = entry_view(e, people.get(e.mentee_id, ""), comments.get(e.id, ()))
            mentor = mentors.get(e.mentorship_id) if e.mentorship_id is not None else None
            items.append(TimelineItem(view, mentor[0] if mentor else None, mentor[1] if mentor else ""))
        return items


def count_entries(
    ctx: ServiceContext,
    mentee_id: int | None = None,
    mentorship_id: int | None = None,
    mentor_id: int | None = None,
    state: str | None = None,
    archived: bool = False,
) -> int:
    mentor_id = access.mentor_scope(ctx) or mentor_id  # a 导师: his own pairings only
    stmt = _entry_filter(
        select(func.count(DiaryEntry.id)).where(_archived(archived)),
        mentee_id,
        mentorship_id,
        mentor_id,
        state,
    )
    with ctx.db.read() as session:
        return int(session.scalar(stmt) or 0)


def entry_of_comment(ctx: ServiceContext, comment_id: int) -> int:
    """The diary entry a mentor's comment belongs to (to open a comment found by search)."""
    access.require_comment(ctx, comment_id)
    with ctx.db.read() as session:
        return _load_comment(session, comment_id).entry_id
