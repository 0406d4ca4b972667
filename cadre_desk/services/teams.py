"""Leadership teams (领导班子): the posts of a unit's 班子 (正职 / 副职, 职数) and the cadres holding them.

A post's holders are counted against its 职数: going over is allowed (a county may be over its
approved numbers for a while) but every action that does so returns a warning saying by how much.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cadre_desk.db.base import utcnow
from cadre_desk.db.models import Cadre, TeamMember, TeamPost, Unit
from cadre_desk.domain import vocab
from cadre_desk.domain.yearmonth import YearMonth
from cadre_desk.errors import ConflictError, Message, NotFoundError, ValidationError
from cadre_desk.services import access, audit
from cadre_desk.services import units as unit_service
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.validation import FieldErrors, max_length

MAX_SLOTS = 99
_POST_FIELDS = ("name", "level", "slots", "sort_order")


@dataclass(frozen=True)
class PostInput:
    name: str
    level: str = vocab.PostLevel.DEPUTY
    slots: int | str = 1  # 职数; the form may send the typed text
    sort_order: int | None = None  # None: after the last post


@dataclass(frozen=True)
class TeamMemberView:
    id: int
    uid: str
    post_id: int
    cadre_id: int
    name: str
    gender: str
    birth: YearMonth
    post: str  # the cadre's own 现任职务 text
    since: YearMonth | None
    until: YearMonth | None
    version: int


@dataclass(frozen=True)
class TeamPostView:
    id: int
    uid: str
    unit_id: int
    name: str
    level: str
    slots: int
    sort_order: int
    version: int
    archived: bool
    members: tuple[TeamMemberView, ...]  # current holders (no `until`), in order of `since`

    @property
    def filled(self) -> int:
        return len(self.members)

    @property
    def vacant(self) -> int:
        return max(0, self.slots - self.filled)

    @property
    def over(self) -> int:
        return max(0, self.filled - self.slots)


@dataclass(frozen=True)
class LeadershipTeamView:
    """The 班子 of one unit: its live posts with their current holders."""

    unit_id: int
    unit_name: str
    unit_kind: str
    posts: tuple[TeamPostView, ...]

    @property
    def slots(self) -> int:
        return sum(p.slots for p in self.posts)

    @property
    def filled(self) -> int:
        return sum(p.filled for p in self.posts)

    @property
    def vacant(self) -> int:
        return sum(p.vacant for p in self.posts)


@dataclass(frozen=True)
class MemberResult:
    member: TeamMemberView
    warning: str  # "" unless the post is now over its 职数


# --- reading -------------------------------------------------------------------------------------


def _current_members(session: Session, post_ids: list[int]) -> dict[int, list[TeamMemberView]]:
    out: dict[int, list[TeamMemberView]] = {pid: [] for pid in post_ids}
    if not post_ids:
        return out
    rows = session.execute(
        select(TeamMember, Cadre.name, Cadre.gender, Cadre.birth, Cadre.post)
        .join(Cadre, Cadre.id == TeamMember.cadre_id)
        .where(
            TeamMember.post_id.in_(post_ids),
            TeamMember.archived_at.is_(None),
            TeamMember.until.is_(None),
            Cadre.archived_at.is_(None),
        )
        .order_by(TeamMember.since.is_(None), TeamMember.since, TeamMember.id)  # unknown last
    ).all()
    for m, name, gender, birth, post in rows:
        out[m.post_id].append(
            TeamMemberView(
                m.id, m.uid, m.post_id, m.cadre_id, name, gender, birth, post, m.since, m.until, m.version
            )
        )
    return out


def _post_view(post: TeamPost, members: list[TeamMemberView]) -> TeamPostView:
    return TeamPostView(
        id=post.id,
        uid=post.uid,
        unit_id=post.unit_id,
        name=post.name,
        level=post.level,
        slots=post.slots,
        sort_order=post.sort_order,
        version=post.version,
        archived=post.archived_at is not None,
        members=tuple(members),
    )


def _team(session: Session, unit: Unit) -> LeadershipTeamView:
    posts = session.scalars(
        select(TeamPost)
        .where(TeamPost.unit_id == unit.id, TeamPost.archived_at.is_(None))
        .order_by(TeamPost.sort_order, TeamPost.id)
    ).all()
    members = _current_members(session, [p.id for p in posts])
    return LeadershipTeamView(
        unit.id, unit.name, unit.kind, tuple(_post_view(p, members[p.id]) for p in posts)
    )


def get_team(ctx: ServiceContext, unit_id: int) -> LeadershipTeamView:
    access.require(ctx, Permission.RECORDS_READ)
    with ctx.db.read() as session:
        return _team(session, unit_service.load(session, unit_id))


def list_teams(ctx: ServiceContext, unit_ids: list[int] | None = None) -> list[LeadershipTeamView]:
    """The 班子 of the given live units (all live units for None), in unit order; units without posts
    are included (an empty 班子 is a gap too)."""
    access.require(ctx, Permission.RECORDS_READ)
    with ctx.db.read() as session:
        stmt = select(Unit).where(Unit.archived_at.is_(None)).order_by(Unit.sort_order, Unit.id)
        if unit_ids is not None:
            stmt = stmt.where(Unit.id.in_(unit_ids))
        unit_rows = session.scalars(stmt).all()
        posts = session.scalars(
            select(TeamPost)
            .where(TeamPost.unit_id.in_([u.id for u in unit_rows]), TeamPost.archived_at.is_(None))
            .order_by(TeamPost.sort_order, TeamPost.id)
        ).all()
        members = _current_members(session, [p.id for p in posts])
        by_unit: dict[int, list[TeamPostView]] = {u.id: [] for u in unit_rows}
        for p in posts:
            by_unit[p.unit_id].append(_post_view(p, members[p.id]))
        return [LeadershipTeamView(u.id, u.name, u.kind, tuple(by_unit[u.id])) for u in unit_rows]


def team_fill(ctx: ServiceContext) -> dict[int, tuple[int, int]]:
    """(职数, current holders) of every unit's 班子, for the unit tree (two grouped queries)."""
    access.require(ctx, Permission.RECORDS_READ)
    with ctx.db.read() as session:
        slots = session.execute(
            select(TeamPost.unit_id, func.sum(TeamPost.slots))
            .where(TeamPost.archived_at.is_(None))
            .group_by(TeamPost.unit_id)
        ).all()
        held = dict(
            session.execute(
                select(TeamPost.unit_id, func.count(TeamMember.id))
                .join(TeamMember, TeamMember.post_id == TeamPost.id)
                .join(Cadre, Cadre.id == TeamMember.cadre_id)
                .where(
                    TeamPost.archived_at.is_(None),
                    TeamMember.archived_at.is_(None),
                    TeamMember.until.is_(None),
                    Cadre.archived_at.is_(None),
                )
                .group_by(TeamPost.unit_id)
            ).all()
        )
        return {int(unit_id): (int(total or 0), int(held.get(unit_id, 0))) for unit_id, total in slots}


def over_slots_warning(session: Session, post: TeamPost, unit_name: str = "") -> str:
    """A Chinese warning when the post's current holders exceed its 职数, else ""."""
    held = int(
        session.scalar(
            select(func.count(TeamMember.id))
            .join(Cadre, Cadre.id == TeamMember.cadre_id)
            .where(
                TeamMember.post_id == post.id,
                TeamMember.archived_at.is_(None),
                TeamMember.until.is_(None),
                Cadre.archived_at.is_(None),
            )
        )
        or 0
    )
    if held <= post.slots:
        return ""
    return Message(
        "team_over_slots",
        "{unit}“{post}”职数 {slots} 名，现配 {held} 名，超职数 {over} 名",
        unit=unit_name,
        post=post.name,
        slots=post.slots,
        held=held,
        over=held - post.slots,
    )


# --- posts ---------------------------------------------------------------------------------------


def _load_post(session: Session, post_id: int) -> TeamPost:
    post = session.get(TeamPost, post_id)
    if post is None:
        raise NotFoundError("班子职位", post_id)
    return post


def _check_post_version(post: TeamPost, expected_version: int | None) -> None:
    if expected_version is not None and post.version != expected_version:
        raise ConflictError("班子职位", post.name, expected_version, post.version)


def _validate_post(session: Session, unit_id: int, data: PostInput, post_id: int | None) -> dict[str, object]:
    errs = FieldErrors()
    name = errs.text("name", data.name, "职位名称", required=True, max_len=max_length(TeamPost.name))
    level = errs.choice("level", str(data.level), "正副职", tuple(vocab.PostLevel))
    slots = 0
    try:
        slots = int(str(data.slots).strip())
    except ValueError:
        errs.add(
            "slots", Message("team_slots_not_int", "职数应为整数（现为“{value}”）", value=str(data.slots))
        )
    else:
        if slots < 1:
            errs.add("slots", Message("team_slots_min", "职数至少为 1"))
        elif slots > MAX_SLOTS:
            errs.add("slots", Message("team_slots_max", "职数不能超过 {max}", max=MAX_SLOTS))
    if name:
        clash = session.scalars(
            select(TeamPost.id).where(
                TeamPost.unit_id == unit_id,
                TeamPost.name == name,
                TeamPost.archived_at.is_(None),
                TeamPost.id != (post_id or -1),
            )
        ).first()
        if clash is not None:
            errs.add("name", Message("team_post_taken", "本单位班子已有职位“{name}”", name=name))
    errs.raise_if_any()
    sort_order = data.sort_order
    if sort_order is None:
        current = session.get(TeamPost, post_id) if post_id is not None else None
        if current is not None:
            sort_order = current.sort_order
        else:
            top = session.scalar(select(func.max(TeamPost.sort_order)).where(TeamPost.unit_id == unit_id))
            sort_order = int(top or 0) + unit_service.SORT_STEP
    return {"name": name, "level": level, "slots": slots, "sort_order": sort_order}


def add_post(ctx: ServiceContext, unit_id: int, data: PostInput) -> TeamPostView:
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        unit = unit_service.load(session, unit_id)
        if unit.archived_at is not None:
            raise ValidationError({"unit": unit_service._archived(unit)})
        values = _validate_post(session, unit_id, data, None)
        post = TeamPost(unit_id=unit_id, **values)
        session.add(post)
        session.flush()
        audit.record(
            session,
            ctx,
            "create",
            "team_post",
            post.id,
            post.uid,
            audit.diff({}, values),
            f"{unit.name} {post.name}",
        )
        return _post_view(post, [])


def update_post(
    ctx: ServiceContext, post_id: int, data: PostInput, expected_version: int | None
) -> tuple[TeamPostView, str]:
    """Edit a post; returns it and a warning when its holders now exceed the new 职数."""
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        post = _load_post(session, post_id)
        _check_post_version(post, expected_version)
        values = _validate_post(session, post.unit_id, data, post_id)
        changes = audit.diff(audit.snapshot(post, _POST_FIELDS), values)
        if changes:
            for key, value in values.items():
                setattr(post, key, value)
            session.flush()
            audit.record(session, ctx, "update", "team_post", post.id, post.uid, changes, post.name)
        warning = over_slots_warning(session, post)
        return _post_view(post, _current_members(session, [post.id])[post.id]), warning


def move_post(ctx: ServiceContext, post_id: int, offset: int) -> TeamPostView:
    """Move a post up (offset −1) or down (+1) in its 班子; the posts are renumbered 10, 20, 30 …"""
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        post = _load_post(session, post_id)
        posts = list(
            session.scalars(
                select(TeamPost)
                .where(TeamPost.unit_id == post.unit_id, TeamPost.archived_at.is_(None))
                .order_by(TeamPost.sort_order, TeamPost.id)
            )
        )
        index = posts.index(post)
        target = max(0, min(len(posts) - 1, index + offset))
        if target != index:
            posts.insert(target, posts.pop(index))
            for number, row in enumerate(posts, start=1):
                if row.sort_order != number * unit_service.SORT_STEP:
                    row.sort_order = number * unit_service.SORT_STEP
            session.flush()
            audit.record(
                session,
                ctx,
                "move",
                "team_post",
                post.id,
                post.uid,
                {"sort_order": [None, post.sort_order]},
                post.name,
            )
        return _post_view(post, _current_members(session, [post.id])[post.id])


def archive_post(ctx: ServiceContext, post_id: int, expected_version: int | None = None) -> TeamPostView:
    """Remove a post from the 班子 (archived, recoverable); refused while someone holds it."""
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        post = _load_post(session, post_id)
        _check_post_version(post, expected_version)
        holders = _current_members(session, [post.id])[post.id]
        if holders:
            names = "、".join(h.name for h in holders)
            raise ValidationError(
                {
                    "post": Message(
                        "team_post_held",
                        "“{post}”现有任职人员（{names}），请先办理离任",
                        post=post.name,
                        names=names,
                    )
                }
            )
        if post.archived_at is None:
            post.archived_at = utcnow()
            session.flush()
            audit.record(session, ctx, "archive", "team_post", post.id, post.uid, summary=post.name)
        return _post_view(post, [])


def restore_post(ctx: ServiceContext, post_id: int) -> TeamPostView:
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        post = _load_post(session, post_id)
        if post.archived_at is not None:
            errs = FieldErrors()
            clash = session.scalars(
                select(TeamPost.id).where(
                    TeamPost.unit_id == post.unit_id,
                    TeamPost.name == post.name,
                    TeamPost.archived_at.is_(None),
                )
            ).first()
            if clash is not None:
                errs.add("name", Message("team_post_taken", "本单位班子已有职位“{name}”", name=post.name))
            errs.raise_if_any()
            post.archived_at = None
            session.flush()
            audit.record(session, ctx, "restore", "team_post", post.id, post.uid, summary=post.name)
        return _post_view(post, _current_members(session, [post.id])[post.id])


def archived_posts(ctx: ServiceContext, unit_id: int) -> list[TeamPostView]:
    access.require(ctx, Permission.RECORDS_READ)
    with ctx.db.read() as session:
        posts = session.scalars(
            select(TeamPost)
            .where(TeamPost.unit_id == unit_id, TeamPost.archived_at.is_not(None))
            .order_by(TeamPost.sort_order, TeamPost.id)
        ).all()
        return [_post_view(p, []) for p in posts]


# --- members -------------------------------------------------------------------------------------


def _member_view(session: Session, member: TeamMember) -> TeamMemberView:
    cadre = session.get(Cadre, member.cadre_id)
    assert cadre is not None  # a foreign key
    return TeamMemberView(
        member.id,
        member.uid,
        member.post_id,
        member.cadre_id,
        cadre.name,
        cadre.gender,
        cadre.birth,
        cadre.post,
        member.since,
        member.until,
        member.version,
    )


def add_member(
    ctx: ServiceContext, post_id: int, cadre_id: int, since: YearMonth | str | None = None
) -> MemberResult:
    """A cadre takes a post (任职) from `since`; warns when the post is now over its 职数."""
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        post = _load_post(session, post_id)
        errs = FieldErrors()
        if post.archived_at is not None:
            errs.add("post", Message("team_post_removed", "职位“{post}”已撤销", post=post.name))
        cadre = session.get(Cadre, cadre_id)
        when = errs.year_month("since", since, "任职时间")
        if cadre is None:
            errs.add("cadre_id", Message("team_cadre_missing", "干部（编号 {id}）不存在", id=cadre_id))
        elif cadre.archived_at is not None:
            errs.add("cadre_id", Message("team_cadre_archived", "干部“{name}”已归档", name=cadre.name))
        else:
            if when is not None and when < cadre.birth:
                errs.add("since", Message("team_since_before_birth", "任职时间早于出生年月"))
            held = session.scalars(
                select(TeamMember.id).where(
                    TeamMember.post_id == post_id,
                    TeamMember.cadre_id == cadre_id,
                    TeamMember.archived_at.is_(None),
                    TeamMember.until.is_(None),
                )
            ).first()
            if held is not None:
                errs.add(
                    "cadre_id",
                    Message("team_already_holds", "“{name}”已任“{post}”", name=cadre.name, post=post.name),
                )
        errs.raise_if_any()
        assert cadre is not None
        member = TeamMember(post_id=post_id, cadre_id=cadre_id, since=when)
        session.add(member)
        session.flush()
        audit.record(
            session,
            ctx,
            "create",
            "team_member",
            member.id,
            member.uid,
            audit.diff({}, {"post": post.name, "cadre": cadre.name, "since": when}),
            f"{cadre.name} 任 {post.name}",
        )
        return MemberResult(_member_view(session, member), over_slots_warning(session, post))


def _load_member(session: Session, member_id: int, expected_version: int | None) -> TeamMember:
    member = session.get(TeamMember, member_id)
    if member is None:
        raise NotFoundError("班子成员", member_id)
    if expected_version is not None and member.version != expected_version:
        raise ConflictError("班子成员", member_id, expected_version, member.version)
    return member


def end_member(
    ctx: ServiceContext, member_id: int, until: YearMonth | str, expected_version: int | None = None
) -> TeamMemberView:
    """The holder leaves the post (离任) in month `until`; the tenure stays as history."""
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        member = _load_member(session, member_id, expected_version)
        errs = FieldErrors()
        when = errs.year_month("until", until, "离任时间", required=True)
        if when is not None and member.since is not None and when < member.since:
            errs.add(
                "until",
                Message(
                    "team_until_before_since",
                    "离任时间（{until}）早于任职时间（{since}）",
                    until=str(when),
                    since=str(member.since),
                ),
            )
        errs.raise_if_any()
        member.until = when
        session.flush()
        audit.record(
            session, ctx, "update", "team_member", member.id, member.uid, {"until": [None, str(when)]}, "离任"
        )
        return _member_view(session, member)


def remove_member(ctx: ServiceContext, member_id: int, expected_version: int | None = None) -> TeamMemberView:
    """Take out a holder entered by mistake (archived, recoverable in the audit trail)."""
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        member = _load_member(session, member_id, expected_version)
        if member.archived_at is None:
            member.archived_at = utcnow()
            session.flush()
            audit.record(session, ctx, "archive", "team_member", member.id, member.uid, summary="移出班子")
        return _member_view(session, member)


def teams_of_cadre(ctx: ServiceContext, cadre_id: int) -> list[tuple[str, str]]:
    """(unit name, post name) of every 班子 post the cadre currently holds."""
    access.require(ctx, Permission.RECORDS_READ)
    with ctx.db.read() as session:
        rows = session.execute(
            select(Unit.name, TeamPost.name)
            .join(TeamPost, TeamPost.unit_id == Unit.id)
            .join(TeamMember, TeamMember.post_id == TeamPost.id)
            .where(
                TeamMember.cadre_id == cadre_id,
                TeamMember.archived_at.is_(None),
                TeamMember.until.is_(None),
                TeamPost.archived_at.is_(None),
            )
            .order_by(Unit.sort_order, TeamPost.sort_order)
        ).all()
        return [(r[0], r[1]) for r in rows]
