"""One search over cadres, diary entries, comments, talks and pairings.

Each record's searchable text is built here (and only here), kept in sync by the services in the same
transaction, and rebuilt by `rebuild` (`check --repair`, demo data). Matching rules: `db/search_index.py`.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from cadre_desk.db import search_index
from cadre_desk.db.models import (
    Cadre,
    DiaryEntry,
    MentorComment,
    Mentorship,
    Talk,
    TalkSubject,
    Unit,
)
from cadre_desk.services import access
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext

KINDS = ("cadre", "diary", "comment", "talk", "mentorship")
KIND_LABELS = {
    "cadre": "干部",
    "diary": "成长日记",
    "comment": "导师点评",
    "talk": "谈话记录",
    "mentorship": "结对帮带",
}
SNIPPET_RADIUS = 30

Doc = tuple[str, int, str, str, str]  # kind, ref_id, sort_key, title, body


@dataclass(frozen=True)
class SearchHit:
    kind: str  # one of KINDS
    ref_id: int  # id of the cadre, diary entry, comment, talk or mentorship
    title: str
    snippet: str
    date: str  # the record's date (YYYY-MM-DD…), by which hits are ordered, newest first
    highlights: tuple[tuple[int, int], ...]  # (start, length) of matched terms in the snippet


@dataclass(frozen=True)
class SearchPage:
    query: str
    terms: tuple[str, ...]
    hits: tuple[SearchHit, ...]
    total: int  # counted up to search_index.COUNT_CAP; -1 when not asked for
    offset: int
    limit: int
    total_is_lower_bound: bool = False  # True: there are at least `total` hits


# --- documents: pure functions of values ---------------------------------------------------------


def day_key(value: dt.date) -> str:
    return value.isoformat()


def time_key(value: dt.datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M")


def _join(*parts: str) -> str:
    return "\n".join(p for p in parts if p)


def cadre_doc(
    cadre_id: int, name: str, initials: str, unit: str, post: str, rank: str, updated: dt.datetime
) -> Doc:
    return (
        "cadre",
        cadre_id,
        updated.strftime("%Y-%m-%d %H:%M:%S"),
        name,
        _join(name, initials, unit, post, rank),
    )


def diary_doc(entry_id: int, date: dt.date, title: str, category: str, content: str, mentee: str) -> Doc:
    """The mentee's name is indexed too: typing her name finds her diary."""
    return ("diary", entry_id, day_key(date), title, _join(title, category, content, mentee))


def comment_doc(comment_id: int, date: dt.date, entry_title: str, text: str) -> Doc:
    return ("comment", comment_id, day_key(date), entry_title, text)


def talk_doc(
    talk_id: int,
    talk_at: dt.datetime,
    kind: str,
    subjects: Sequence[str],
    talkers: str,
    place: str,
    recorder: str,
    outline: str,
    content: str,
    statement: str,
) -> Doc:
    names = "、".join(subjects)
    title = f"{kind}：{names}" if names else kind
    body = _join(kind, names, talkers, place, recorder, outline, content, statement)
    return ("talk", talk_id, time_key(talk_at), title, body)


def mentorship_doc(
    mentorship_id: int, term_start: dt.date, mentor: str, mentee: str, goals: str, plan: str, evaluation: str
) -> Doc:
    return (
        "mentorship",
        mentorship_id,
        day_key(term_start),
        f"{mentor} 帮带 {mentee}",
        _join(mentor, mentee, goals, plan, evaluation),
    )


# --- keeping the index in sync (called by the services inside their transaction) ---------------


def _put(session: Session, doc: Doc) -> None:
    search_index.put(session, *doc)


def index_cadre(session: Session, cadre: Cadre) -> None:
    if cadre.archived_at is not None:
        search_index.remove(session, "cadre", cadre.id)
        return
    unit = cadre.unit.name if cadre.unit is not None else ""
    _put(
        session,
        cadre_doc(cadre.id, cadre.name, cadre.name_initials, unit, cadre.post, cadre.rank, cadre.updated_at),
    )


def index_diary(session: Session, entry: DiaryEntry) -> None:
    if entry.archived_at is not None:
        search_index.remove(session, "diary", entry.id)
        return
    mentee = session.get(Cadre, entry.mentee_id)
    name = mentee.name if mentee is not None else ""
    _put(session, diary_doc(entry.id, entry.date, entry.title, entry.category, entry.content, name))


def index_comment(session: Session, comment: MentorComment, entry: DiaryEntry) -> None:
    """A comment is searchable while both it and its diary entry are live."""
    if comment.archived_at is not None or entry.archived_at is not None:
        search_index.remove(session, "comment", comment.id)
        return
    _put(session, comment_doc(comment.id, comment.date, entry.title, comment.text))


def index_entry_comments(session: Session, entry: DiaryEntry) -> None:
    """After an entry is archived or restored: its comments leave or rejoin the index with it."""
    for comment in session.scalars(select(MentorComment).where(MentorComment.entry_id == entry.id)):
        index_comment(session, comment, entry)


def _subject_names(session: Session, talk_id: int) -> list[str]:
    return list(
        session.scalars(
            select(Cadre.name)
            .join(TalkSubject, TalkSubject.cadre_id == Cadre.id)
            .where(TalkSubject.talk_id == talk_id)
            .order_by(TalkSubject.position, TalkSubject.id)
        )
    )


def index_talk(session: Session, talk: Talk) -> None:
    if talk.archived_at is not None:
        search_index.remove(session, "talk", talk.id)
        return
    _put(
        session,
        talk_doc(
            talk.id,
            talk.talk_at,
            talk.kind,
            _subject_names(session, talk.id),
            talk.talkers,
            talk.place,
            talk.recorder,
            talk.outline,
            talk.content,
            talk.statement,
        ),
    )


def _evaluation(m: Mentorship) -> str:
    return _join(m.mentor_evaluation, m.mentee_summary, m.evaluation_result)


def index_mentorship(session: Session, m: Mentorship) -> None:
    if m.archived_at is not None:
        search_index.remove(session, "mentorship", m.id)
        return
    _put(
        session,
        mentorship_doc(m.id, m.term_start, m.mentor.name, m.mentee.name, m.goals, m.plan, _evaluation(m)),
    )


def reindex_cadre_relations(session: Session, cadre_id: int) -> None:
    """After a rename: the talks, pairings and diary entries whose documents carry the cadre's name."""
    talk_ids = select(TalkSubject.talk_id).where(TalkSubject.cadre_id == cadre_id)
    for talk in session.scalars(select(Talk).where(Talk.id.in_(talk_ids), Talk.archived_at.is_(None))):
        index_talk(session, talk)
    pairs = select(Mentorship).where(
        (Mentorship.mentor_id == cadre_id) | (Mentorship.mentee_id == cadre_id),
        Mentorship.archived_at.is_(None),
    )
    for m in session.scalars(pairs):
        index_mentorship(session, m)
    entries = select(DiaryEntry).where(DiaryEntry.mentee_id == cadre_id, DiaryEntry.archived_at.is_(None))
    for entry in session.scalars(entries):
        index_diary(session, entry)


# --- rebuilding ----------------------------------------------------------------------------------


def all_docs(session: Session) -> Iterator[Doc]:
    """Every live record's document, straight from the tables (no ORM objects: this is the bulk path)."""
    rows = session.execute(
        select(Cadre.id, Cadre.name, Cadre.name_initials, Unit.name, Cadre.post, Cadre.rank, Cadre.updated_at)
        .outerjoin(Unit, Unit.id == Cadre.unit_id)
        .where(Cadre.archived_at.is_(None))
    )
    for row in rows:
        yield cadre_doc(row[0], row[1], row[2], row[3] or "", row[4], row[5], row[6])
    for d in session.execute(
        select(
            DiaryEntry.id,
            DiaryEntry.date,
            DiaryEntry.title,
            DiaryEntry.category,
            DiaryEntry.content,
            Cadre.name,
        )
        .join(Cadre, Cadre.id == DiaryEntry.mentee_id)
        .where(DiaryEntry.archived_at.is_(None))
        .execution_options(yield_per=2000)
    ):
        yield diary_doc(d[0], d[1], d[2], d[3], d[4], d[5])
    for c in session.execute(
        select(MentorComment.id, MentorComment.date, DiaryEntry.title, MentorComment.text)
        .join(DiaryEntry, DiaryEntry.id == MentorComment.entry_id)
        .where(MentorComment.archived_at.is_(None), DiaryEntry.archived_at.is_(None))
        .execution_options(yield_per=2000)
    ):
        yield comment_doc(c[0], c[1], c[2], c[3])
    names: dict[int, list[str]] = {}
    for talk_id, name in session.execute(
        select(TalkSubject.talk_id, Cadre.name)
        .join(Cadre, Cadre.id == TalkSubject.cadre_id)
        .order_by(TalkSubject.talk_id, TalkSubject.position, TalkSubject.id)
    ):
        names.setdefault(talk_id, []).append(name)
    for t in session.execute(
        select(
            Talk.id,
            Talk.talk_at,
            Talk.kind,
            Talk.talkers,
            Talk.place,
            Talk.recorder,
            Talk.outline,
            Talk.content,
            Talk.statement,
        )
        .where(Talk.archived_at.is_(None))
        .execution_options(yield_per=2000)
    ):
        yield talk_doc(t[0], t[1], t[2], names.get(t[0], []), t[3], t[4], t[5], t[6], t[7], t[8])
    mentor, mentee = aliased(Cadre), aliased(Cadre)
    for m in session.execute(
        select(
            Mentorship.id,
            Mentorship.term_start,
            mentor.name,
            mentee.name,
            Mentorship.goals,
            Mentorship.plan,
            Mentorship.mentor_evaluation,
            Mentorship.mentee_summary,
            Mentorship.evaluation_result,
        )
        .join(mentor, mentor.id == Mentorship.mentor_id)
        .join(mentee, mentee.id == Mentorship.mentee_id)
        .where(Mentorship.archived_at.is_(None))
    ):
        yield mentorship_doc(m[0], m[1], m[2], m[3], m[4], m[5], _join(m[6], m[7], m[8]))


def rebuild(session: Session, progress: Callable[[int], None] | None = None) -> int:
    """Drop and rebuild the whole index from the records; returns the number of documents."""
    search_index.clear(session)
    docs = all_docs(session)  # streamed: 300,000 long texts would otherwise sit in memory at once
    written = 0
    slots: dict[int, int] = {}  # shared by the parts: ids of one minute continue across them
    while chunk := list(itertools.islice(docs, 5000)):
        # The FTS tables are filled afterwards, in document id order (see `search_index.fill_fts`).
        written += search_index.bulk_put(session, chunk, slots, fts=False)
        if progress is not None:
            progress(0)  # still storing the documents; the count below is of indexed ones
    search_index.fill_fts(session, progress)
    return written


# --- querying ------------------------------------------------------------------------------------


def _shown_body(kind: str, body: str) -> str:
    """The body as the user may read it: a cadre's pinyin initials (``lxm``, indexed so that typing
    them finds the cadre) are left out of the snippet."""
    if kind != "cadre":
        return body
    lines = body.split("\n")
    if len(lines) > 1 and lines[1].isascii() and lines[1].isalpha():
        del lines[1]
    return "\n".join(lines)


def make_snippet(body: str, terms: Sequence[str]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A one-line excerpt around the first matched term, with the terms' positions in it."""
    flat = " ".join(body.split())
    lowered = search_index.normalise(flat)
    first = min((p for p in (lowered.find(t) for t in terms) if p >= 0), default=0)
    start = max(0, first - SNIPPET_RADIUS)
    end = min(len(flat), first + SNIPPET_RADIUS * 2)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(flat) else ""
    excerpt = prefix + flat[start:end] + suffix
    low_excerpt = search_index.normalise(excerpt)
    spans: list[tuple[int, int]] = []
    for term in terms:
        pos = low_excerpt.find(term)
        while pos >= 0:
            spans.append((pos, len(term)))
            pos = low_excerpt.find(term, pos + len(term))
    return excerpt, tuple(sorted(spans))


def search(
    ctx: ServiceContext,
    query: str,
    kinds: Sequence[str] | None = None,
    limit: int = 50,
    offset: int = 0,
    with_total: bool = True,
) -> SearchPage:
    access.require(ctx, Permission.RECORDS_READ)
    terms = search_index.terms_of(query)
    with ctx.db.read() as session:
        rows = search_index.query(session, terms, kinds, limit=limit, offset=offset)
        total = search_index.count(session, terms, kinds) if with_total else -1
    hits = []
    for row in rows:
        body = _shown_body(row.kind, row.body)
        snippet, spans = make_snippet(body, terms)
        hits.append(SearchHit(row.kind, row.ref_id, row.title, snippet, row.sort_key, spans))
    capped = total >= search_index.COUNT_CAP
    return SearchPage(query, tuple(terms), tuple(hits), total, offset, limit, capped)
