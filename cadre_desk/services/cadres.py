"""Cadres: create, update, archive, restore, look up and list (the roster)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from typing import Any

from sqlalchemy import case, func, select, true
from sqlalchemy.orm import Session

from cadre_desk.db.base import utcnow
from cadre_desk.db.models import Cadre, CadrePhoto, Mentorship, Unit
from cadre_desk.domain.pinyin import initials
from cadre_desk.domain.yearmonth import YearMonth, age_at
from cadre_desk.errors import NotFoundError, ValidationError
from cadre_desk.services import (
    access,
    audit,
    cadre_rows,
    retirement,
    roster_order,
    search,
    validation,
    verification,
)
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.roster_order import RosterOrder
from cadre_desk.services.validation import FieldErrors

MAX_PHOTO_BYTES = 5_000_000

# The fields of the appointment form that `CadreInput` carries, in the form's order.
EDITABLE = (
    "name",
    "gender",
    "birth",
    "ethnicity",
    "native_place",
    "birthplace",
    "political_status",
    "party_join",
    "democratic_party",
    "work_start",
    "health",
    "professional_title",
    "speciality",
    "fulltime_education",
    "fulltime_degree",
    "fulltime_school",
    "fulltime_degree_school",
    "inservice_education",
    "inservice_degree",
    "inservice_school",
    "inservice_degree_school",
    "post",
    "rank",
    "post_since",
    "rank_since",
    "id_number",
    "unit_id",
    "phone",
    "notes",
)


@dataclass(frozen=True)
class CadreInput:
    """What the profile form sends. Year-months may be given as typed text (`1985.3`)."""

    name: str
    gender: str
    birth: YearMonth | str
    ethnicity: str = "汉族"
    native_place: str = ""
    birthplace: str = ""
    political_status: str = ""
    party_join: YearMonth | str | None = None
    democratic_party: str = ""
    work_start: YearMonth | str | None = None
    health: str = "健康"
    professional_title: str = ""
    speciality: str = ""
    fulltime_education: str = ""
    fulltime_degree: str = ""
    fulltime_school: str = ""
    fulltime_degree_school: str = ""
    inservice_education: str = ""
    inservice_degree: str = ""
    inservice_school: str = ""
    inservice_degree_school: str = ""
    post: str = ""
    rank: str = ""
    post_since: YearMonth | str | None = None
    rank_since: YearMonth | str | None = None  # 任现职级时间 (任同职级时间): the month the rank was reached
    id_number: str = ""
    unit_id: int | None = None
    phone: str = ""
    notes: str = ""


@dataclass(frozen=True, slots=True)
class CadreSummary:
    """One roster row (slots: the roster holds 10,000 of them)."""

    id: int
    uid: str
    name: str
    gender: str
    birth: YearMonth
    unit_id: int | None
    unit: str
    post: str
    rank: str
    education: str
    political_status: str
    post_since: YearMonth | None
    id_number: str
    name_initials: str
    version: int
    archived: bool
    # 到龄: the retirement month (the formula, or the manual override) and the age then (`63岁`).
    retirement_month: YearMonth | None = None
    retirement_age: str = ""
    retirement_source: str = ""

    def age(self, ref: dt.date | None = None) -> int:
        return age_at(self.birth, ref or dt.date.today())


@dataclass(frozen=True)
class CadreView:
    """Every field of one cadre (children are loaded by `cadre_records.get_profile`)."""

    id: int
    uid: str
    version: int
    archived: bool
    created_at: dt.datetime
    updated_at: dt.datetime
    unit: str
    has_photo: bool
    name: str
    gender: str
    birth: YearMonth
    ethnicity: str
    native_place: str
    birthplace: str
    political_status: str
    party_join: YearMonth | None
    democratic_party: str
    work_start: YearMonth | None
    health: str
    professional_title: str
    speciality: str
    fulltime_education: str
    fulltime_degree: str
    fulltime_school: str
    fulltime_degree_school: str
    inservice_education: str
    inservice_degree: str
    inservice_school: str
    inservice_degree_school: str
    post: str
    rank: str
    post_since: YearMonth | None
    rank_since: YearMonth | None
    id_number: str
    unit_id: int | None
    phone: str
    notes: str
    extra: dict[str, Any] = field(default_factory=dict)

    def age(self, ref: dt.date | None = None) -> int:
        return age_at(self.birth, ref or dt.date.today())

    def to_input(self) -> CadreInput:
        return CadreInput(**{f.name: getattr(self, f.name) for f in fields(CadreInput)})


def to_view(cadre: Cadre, has_photo: bool) -> CadreView:
    values = {name: getattr(cadre, name) for name in EDITABLE}
    values["id_number"] = cadre.id_number or ""
    return CadreView(
        id=cadre.id,
        uid=cadre.uid,
        version=cadre.version,
        archived=cadre.archived_at is not None,
        created_at=cadre.created_at,
        updated_at=cadre.updated_at,
        unit=cadre.unit.name if cadre.unit is not None else "",
        has_photo=has_photo,
        **values,
    )


def _education(fulltime: str, inservice: str) -> str:
    return fulltime or inservice


def validate(
    session: Session, data: CadreInput, cadre_id: int | None = None, today: dt.date | None = None
) -> dict[str, Any]:
    """Every rule, strictly (Chinese messages; see services.validation); returns the column values."""
    return validation.check_cadre(session, data, cadre_id=cadre_id, today=today).values


def field_messages(
    data: CadreInput, changed: Iterable[str] | None = None, today: dt.date | None = None
) -> dict[str, str]:
    """The messages the editor shows as the user types (the same rules as saving; no database)."""
    return validation.field_messages(data, changed, today)


load = cadre_rows.load  # the services call cadres.load / cadres.check_version
check_version = cadre_rows.check_version


def _has_photo(session: Session, cadre_id: int) -> bool:
    return session.scalar(select(CadrePhoto.id).where(CadrePhoto.cadre_id == cadre_id)) is not None


def create_cadre(ctx: ServiceContext, data: CadreInput) -> CadreView:
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        values = validate(session, data)
        cadre = Cadre(**values, name_initials=initials(values["name"]))
        session.add(cadre)
        session.flush()
        audit.record(session, ctx, "create", "cadre", cadre.id, cadre.uid, audit.diff({}, values), cadre.name)
        search.index_cadre(session, cadre)
        return to_view(cadre, False)


def update_cadre(ctx: ServiceContext, cadre_id: int, data: CadreInput, expected_version: int) -> CadreView:
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        cadre = load(session, cadre_id)
        check_version(cadre, expected_version)
        before = audit.snapshot(cadre, EDITABLE)
        checked = validation.check_cadre(session, data, cadre_id=cadre_id, lenient=True)
        values = checked.values
        changed = {k for k, v in values.items() if (before.get(k) or None) != (v or None)}
        edited = changed | _typed_differently(data, before)
        refused = validation.blocking(checked.problems, edited)
        if refused:
            raise ValidationError(refused)
        kept = [p for p in checked.problems if p.field not in refused]
        verification.replace_problems(session, ctx, cadre, kept, scope="cadre", edited=edited)
        changes = audit.diff(before, values)
        if changes:
            for key, value in values.items():
                setattr(cadre, key, value)
            cadre.name_initials = initials(cadre.name)
            session.flush()
            session.refresh(cadre, ["unit"])
            audit.record(session, ctx, "update", "cadre", cadre.id, cadre.uid, changes, cadre.name)
            search.index_cadre(session, cadre)
            if "name" in changes:
                search.reindex_cadre_relations(session, cadre.id)
        return to_view(cadre, _has_photo(session, cadre.id))


def _typed_differently(data: CadreInput, before: dict[str, Any]) -> set[str]:
    """Fields whose text the user changed even where the stored value ends up the same (a date
    retyped, an unreadable imported value replaced): they count as edited for 待核实."""
    out = set()
    for name in EDITABLE:
        typed = getattr(data, name)
        old = before.get(name)
        if isinstance(typed, str) and typed.strip() != ("" if old is None else str(old)):
            out.add(name)
    return out


def archive_cadre(ctx: ServiceContext, cadre_id: int) -> CadreView:
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        cadre = load(session, cadre_id)
        if cadre.archived_at is None:
            cadre.archived_at = utcnow()
            session.flush()
            audit.record(session, ctx, "archive", "cadre", cadre.id, cadre.uid, summary=cadre.name)
            search.index_cadre(session, cadre)
        return to_view(cadre, _has_photo(session, cadre.id))


def restore_cadre(ctx: ServiceContext, cadre_id: int) -> CadreView:
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        cadre = load(session, cadre_id)
        if cadre.archived_at is not None:
            cadre.archived_at = None
            session.flush()
            audit.record(session, ctx, "restore", "cadre", cadre.id, cadre.uid, summary=cadre.name)
            search.index_cadre(session, cadre)
        return to_view(cadre, _has_photo(session, cadre.id))


def get_cadre(ctx: ServiceContext, cadre_id: int) -> CadreView:
    access.require_cadre(ctx, cadre_id)
    with ctx.db.read() as session:
        cadre = load(session, cadre_id)
        return to_view(cadre, _has_photo(session, cadre_id))


def set_photo(ctx: ServiceContext, cadre_id: int, data: bytes | None, mime: str = "image/jpeg") -> CadreView:
    """Replace (or with `None` remove) the photo; the UI crops it to the form's ratio first."""
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        cadre = load(session, cadre_id)
        photo = session.scalars(select(CadrePhoto).where(CadrePhoto.cadre_id == cadre_id)).first()
        if data is not None:
            errs = FieldErrors()
            if len(data) > MAX_PHOTO_BYTES:
                errs.add(
                    "photo", f"照片过大（{len(data) // 1024} KB），请不超过 {MAX_PHOTO_BYTES // 1_000_000} MB"
                )
            if not (data.startswith(b"\xff\xd8") or data.startswith(b"\x89PNG")):
                errs.add("photo", "照片应为 JPG 或 PNG 图片")
            errs.raise_if_any()
            if photo is None:
                session.add(CadrePhoto(cadre_id=cadre_id, data=data, mime=mime))
            else:
                photo.data, photo.mime = data, mime
            action = "update"
        else:
            if photo is None:
                return to_view(cadre, False)  # nothing to remove: no change, no audit record
            session.delete(photo)
            action = "update"
        cadre.updated_at = utcnow()  # a photo change is a change of the profile (bumps its version)
        session.flush()
        audit.record(
            session,
            ctx,
            action,
            "cadre",
            cadre.id,
            cadre.uid,
            {"photo": ["", f"<{len(data)} bytes>" if data else ""]},
            cadre.name,
        )
        return to_view(cadre, data is not None)


def get_photo(ctx: ServiceContext, cadre_id: int) -> tuple[bytes, str] | None:
    access.require_cadre(ctx, cadre_id)
    with ctx.db.read() as session:
        row = session.execute(
            select(CadrePhoto.data, CadrePhoto.mime).where(CadrePhoto.cadre_id == cadre_id)
        ).first()
        return None if row is None else (row[0], row[1])


_SUMMARY_COLUMNS = (
    Cadre.id,
    Cadre.uid,
    Cadre.name,
    Cadre.gender,
    Cadre.birth,
    Cadre.unit_id,
    Unit.name,
    Cadre.post,
    Cadre.rank,
    Cadre.fulltime_education,
    Cadre.inservice_education,
    Cadre.political_status,
    Cadre.post_since,
    Cadre.id_number,
    Cadre.name_initials,
    Cadre.version,
    Cadre.archived_at,
    Cadre.retirement_override,
    Cadre.retirement_override_reason,
)


def _roster_statement(
    unit_id: int | None = None,
    include_archived: bool = False,
    archived_only: bool = False,
    order_by: Iterable[Any] = (),
) -> Any:
    """The roster's rows in the service's order (unit order, then id), or by `order_by` first."""
    stmt = select(*_SUMMARY_COLUMNS).outerjoin(Unit, Unit.id == Cadre.unit_id)
    if archived_only:
        stmt = stmt.where(Cadre.archived_at.is_not(None))
    elif not include_archived:
        stmt = stmt.where(Cadre.archived_at.is_(None))
    if unit_id is not None:
        stmt = stmt.where(Cadre.unit_id == unit_id)
    return stmt.order_by(*order_by, *roster_order.service_order())


def _summaries(session: Session, stmt: Any) -> list[CadreSummary]:
    # The driver returns a new string for every cell; the few distinct units, ranks, educations
    # and statuses are shared instead of being held 10,000 times each.
    shared: dict[str, str] = {}

    def one(text: str) -> str:
        return shared.setdefault(text, text)

    def summary(r: Any, women_age: int) -> CadreSummary:
        info = retirement.compute(r[4], r[3], r[8], r[17], r[18], women_age)
        return CadreSummary(
            id=r[0],
            uid=r[1],
            name=r[2],
            gender=one(r[3]),
            birth=r[4],
            unit_id=r[5],
            unit=one(r[6] or ""),
            post=r[7],
            rank=one(r[8]),
            education=one(_education(r[9], r[10])),
            political_status=one(r[11]),
            post_since=r[12],
            id_number=r[13] or "",
            name_initials=r[14],
            version=r[15],
            archived=r[16] is not None,
            retirement_month=info.month,
            retirement_age=one(info.age_label),
            retirement_source=one(info.source),
        )

    women_age = retirement.women_county_age(session)
    return [summary(r, women_age) for r in session.execute(stmt)]


def list_cadres(
    ctx: ServiceContext,
    unit_id: int | None = None,
    limit: int | None = None,
    offset: int = 0,
    include_archived: bool = False,
    archived_only: bool = False,
) -> list[CadreSummary]:
    """Roster rows ordered by unit order, then id (a plain column query: no ORM objects)."""
    access.require(ctx, Permission.RECORDS_READ)
    stmt = _roster_statement(unit_id, include_archived, archived_only).offset(offset)
    if limit is not None:
        stmt = stmt.limit(limit)
    with ctx.db.read() as session:
        return _summaries(session, stmt)


@dataclass(frozen=True)
class RosterStart:
    """The roster's first rows (in `list_cadres` order, or the order asked for) and how many rows the
    whole roster has: what the window shows at once, before the rest is loaded (`list_cadres`)."""

    rows: list[CadreSummary]
    total: int

    @property
    def complete(self) -> bool:
        return len(self.rows) >= self.total


def roster_start(
    ctx: ServiceContext, limit: int, include_archived: bool = False, order: RosterOrder | None = None
) -> RosterStart:
    """The first `limit` roster rows and the roster's size, read in one transaction (they agree).

    With an `order` (a field in `roster_order.ORDERED_IN_DATABASE`), the first rows of the roster
    sorted by that column, exactly as the window's in-memory sort of every row orders them (ties in
    the `list_cadres` order)."""
    access.require(ctx, Permission.RECORDS_READ)
    shown = Cadre.archived_at.is_(None) if not include_archived else true()
    with ctx.db.read() as session:
        total = int(session.scalar(select(func.count(Cadre.id)).where(shown)) or 0)
        if order is None:
            stmt = _roster_statement(include_archived=include_archived).limit(limit)
        elif order.field == roster_order.NAME:
            # By the stored initials in SQL; the last row's initials group read whole, then by name_key.
            initials = roster_order.bytewise(session, Cadre.name_initials)
            by_initials = [initials.desc() if order.descending else initials]
            stmt = _roster_statement(include_archived=include_archived, order_by=by_initials)
            rows = _summaries(session, stmt.limit(limit))
            if len(rows) == limit:
                last = rows[-1].name_initials
                group = _roster_statement(include_archived=include_archived).where(
                    Cadre.name_initials == last
                )
                rows = [r for r in rows if r.name_initials != last] + _summaries(session, group)
            return RosterStart(roster_order.by_name(rows, order.descending)[:limit], total)
        elif order.field == roster_order.RETIREMENT:
            women_age = retirement.women_county_age(session)
            ids = roster_order.retirement_first_ids(session, shown, limit, order.descending, women_age)
            stmt = _roster_statement(include_archived=include_archived).where(Cadre.id.in_(ids))
            return RosterStart(roster_order.in_order(_summaries(session, stmt), ids), total)
        else:
            terms = roster_order.sql_order(session, order, shown)
            stmt = _roster_statement(include_archived=include_archived, order_by=terms).limit(limit)
        rows = _summaries(session, stmt)
    return RosterStart(rows, total)


def count_cadres(ctx: ServiceContext, unit_id: int | None = None, include_archived: bool = False) -> int:
    access.require(ctx, Permission.RECORDS_READ)
    stmt = select(func.count(Cadre.id))
    if not include_archived:
        stmt = stmt.where(Cadre.archived_at.is_(None))
    if unit_id is not None:
        stmt = stmt.where(Cadre.unit_id == unit_id)
    with ctx.db.read() as session:
        return int(session.scalar(stmt) or 0)


# --- pickers --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CadreChoice:
    """A cadre as offered by a picker: enough to tell two 王伟 apart."""

    id: int
    name: str
    unit: str
    post: str
    archived: bool


def find_cadres(ctx: ServiceContext, text: str, limit: int = 20) -> list[CadreChoice]:
    """Live cadres whose name, pinyin initials or unit contain every word of `text` (for pickers).

    Names that start with the text come first, then the rest by name; at most `limit` rows. A 导师
    finds only himself and his mentees (the pickers of his pairings and diaries); the 容错案件 clerk
    finds every cadre (a case may concern anyone), and sees no more than the picker shows.
    """
    own = None if access.can(ctx, Permission.TOLERANCE) else access.mentor_scope(ctx)
    words = text.split()
    if not words:
        return []
    stmt = select(Cadre.id, Cadre.name, Unit.name, Unit.short_name, Cadre.post, Cadre.archived_at).outerjoin(
        Unit, Unit.id == Cadre.unit_id
    )
    stmt = stmt.where(Cadre.archived_at.is_(None))
    if own is not None:
        mentees = select(Mentorship.mentee_id).where(
            Mentorship.mentor_id == own, Mentorship.archived_at.is_(None)
        )
        stmt = stmt.where((Cadre.id == own) | Cadre.id.in_(mentees))
    for word in (w.lower() for w in words):
        stmt = stmt.where(
            Cadre.name.contains(word, autoescape=True)
            | func.lower(Cadre.name_initials).contains(word, autoescape=True)
            | Unit.name.contains(word, autoescape=True)
            | Unit.short_name.contains(word, autoescape=True)
        )
    first = words[0].lower()
    starts = case(
        (Cadre.name.startswith(first, autoescape=True), 0),
        (func.lower(Cadre.name_initials).startswith(first, autoescape=True), 0),
        else_=1,
    )
    stmt = stmt.order_by(starts, func.length(Cadre.name), Cadre.name, Cadre.id).limit(limit)
    with ctx.db.read() as session:
        return [
            CadreChoice(r[0], r[1], r[3] or r[2] or "", r[4], r[5] is not None) for r in session.execute(stmt)
        ]


def cadre_choice(ctx: ServiceContext, cadre_id: int) -> CadreChoice:
    """A cadre as a picker shows him (name, unit, post), for whoever may pick him (see find_cadres)."""
    # A 导师's own name in his pickers is not his dossier (require_cadre refuses him that).
    if not access.can(ctx, Permission.TOLERANCE) and access.mentor_scope(ctx) != cadre_id:
        access.require_cadre(ctx, cadre_id)
    with ctx.db.read() as session:
        row = session.execute(
            select(Cadre.id, Cadre.name, Unit.name, Unit.short_name, Cadre.post, Cadre.archived_at)
            .outerjoin(Unit, Unit.id == Cadre.unit_id)
            .where(Cadre.id == cadre_id)
        ).first()
        if row is None:
            raise NotFoundError("干部", cadre_id)
        return CadreChoice(row[0], row[1], row[3] or row[2] or "", row[4], row[5] is not None)
