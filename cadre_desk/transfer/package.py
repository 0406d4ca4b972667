"""Exchange packages: a versioned zip of selected cadres with everything that belongs to them, and a
three-way import (records matched by uid; new added; one-sided changes merged; conflicts reported).
The format is documented in docs/exchange-package.md; the records are in `package_records`, reading and
matching a package in `package_merge`; this module exports and applies.
"""

from __future__ import annotations

import datetime as dt
import json
import platform
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from cadre_desk import __version__, outfile, sealed
from cadre_desk.db.models import (
    AppointmentCase,
    Assessment,
    Cadre,
    CadreFormSource,
    CadrePhoto,
    DiaryEntry,
    FamilyMember,
    MentorComment,
    Mentorship,
    MentorshipRecord,
    ResumeEntry,
    RewardOrPunishment,
    Secondment,
    Talk,
    TalkFollowUp,
    TalkSubject,
    Training,
    Unit,
    VerificationProblem,
)
from cadre_desk.errors import ImportRejected, StorageError
from cadre_desk.services import access, audit, search, verification
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext
from cadre_desk.transfer import importing, package_merge
from cadre_desk.transfer.package_merge import (
    Conflict,
    Difference,
    PackagePassphraseNeeded,
    PackagePlan,
    plan_package,
    read_package,
)
from cadre_desk.transfer.package_records import (
    BY_NAME,
    FORMAT,
    FORMAT_VERSION,
    LABELS,
    MODELS,
    Record,
    Uids,
    bases_of,
    columns,
    content_hash,
    load,
    record_of,
    reference_of,
    set_bases,
)

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "Conflict",
    "Difference",
    "PackagePassphraseNeeded",
    "PackagePlan",
    "PackageResult",
    "Record",
    "apply_package",
    "content_hash",
    "export_package",
    "plan_package",
    "read_package",
]

Progress = Callable[[str, int, int], None]


def _selection(session: Session, cadre_ids: set[int]) -> tuple[dict[str, list[Any]], set[int]]:
    """The cadres and every record belonging to them, and the ids of the related people (the other party
    of a pairing or talk, a commenting mentor), who come along only as references (`reference_of`)."""
    chosen = set(cadre_ids)
    ids = set(cadre_ids)
    pairs = session.scalars(
        select(Mentorship).where(Mentorship.mentor_id.in_(ids) | Mentorship.mentee_id.in_(ids))
    ).all()
    talk_ids = set(session.scalars(select(TalkSubject.talk_id).where(TalkSubject.cadre_id.in_(ids))))
    subjects = session.scalars(select(TalkSubject).where(TalkSubject.talk_id.in_(talk_ids))).all()
    diaries = session.scalars(select(DiaryEntry).where(DiaryEntry.mentee_id.in_(ids))).all()
    comments = session.scalars(
        select(MentorComment).where(MentorComment.entry_id.in_([d.id for d in diaries]))
    ).all()
    ids |= {m.mentor_id for m in pairs} | {m.mentee_id for m in pairs} | {s.cadre_id for s in subjects}
    ids |= {c.mentor_id for c in comments}
    cadres = session.scalars(select(Cadre).where(Cadre.id.in_(ids)).order_by(Cadre.id)).all()
    unit_ids = {c.unit_id for c in cadres if c.unit_id is not None}
    units: dict[int, Unit] = {}
    while unit_ids:
        found = session.scalars(select(Unit).where(Unit.id.in_(unit_ids))).all()
        units.update({u.id: u for u in found})
        unit_ids = {u.parent_id for u in found if u.parent_id is not None and u.parent_id not in units}
    out: dict[str, list[Any]] = {
        "unit": sorted(units.values(), key=lambda u: (u.parent_id is not None, u.id)),
        "cadre": list(cadres),
        "mentorship": list(pairs),
        "mentorship_record": list(
            session.scalars(
                select(MentorshipRecord).where(MentorshipRecord.mentorship_id.in_([m.id for m in pairs]))
            )
        ),
        "diary_entry": list(diaries),
        "mentor_comment": list(comments),
        "talk": list(session.scalars(select(Talk).where(Talk.id.in_(talk_ids)))),
        "talk_subject": list(subjects),
        "talk_follow_up": list(
            session.scalars(select(TalkFollowUp).where(TalkFollowUp.talk_id.in_(talk_ids)))
        ),
    }
    for model in (
        CadrePhoto,
        CadreFormSource,
        AppointmentCase,
        ResumeEntry,
        FamilyMember,
        RewardOrPunishment,
        Assessment,
        Training,
        Secondment,
    ):
        rows: Sequence[Any] = session.scalars(
            select(model).where(model.cadre_id.in_(chosen)).order_by(model.id)
        ).all()
        if model is ResumeEntry:
            rows = sorted(rows, key=lambda r: (r.parent_id is not None, r.id))
        out[model.__tablename__] = list(rows)
    return out, {c.id for c in cadres} - chosen


def export_package(
    ctx: ServiceContext,
    cadre_ids: Sequence[int],
    dest: Path,
    progress: Progress | None = None,
    passphrase: str | None = None,
) -> dict[str, int]:
    """Write the package; returns the record count per entity (`cadre`: the chosen cadres; `cadre_ref`:
    the related people who travel as references, see `related_people`). With `passphrase` the zip is
    sealed (AES-256-GCM, `cadre_desk.sealed`) as it is written: no plain copy touches the disk."""
    access.require(ctx, Permission.OUTPUT)
    if passphrase is not None:
        problem = sealed.passphrase_problem(passphrase)
        if problem:
            raise StorageError(problem)
    if not cadre_ids:
        raise StorageError("没有选择要导出的干部")
    with ctx.db.uow() as session:
        selection, related = _selection(session, set(cadre_ids))
        uid_of = Uids(session)
        records: list[Record] = []
        for model in MODELS:
            for row in selection.get(model.__tablename__, []):
                if model is Cadre and row.id in related:
                    records.append(reference_of(session, model, row, uid_of))
                else:
                    records.append(record_of(session, model, row, uid_of))
        bases = bases_of(session, (r.uid for r in records if not r.ref_only))
        for rec in records:
            rec.base = bases.get(rec.uid)
        counts: dict[str, int] = {}
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "app_version": __version__,
            "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "source": {
                "machine": platform.node(),
                "operator": ctx.operator,
                "database": ctx.db.display_name(),
            },
            "selection": [uid_of("cadre", i) for i in cadre_ids],
            "counts": counts,
        }
        with (
            outfile.atomic_path(dest) as tmp,
            tmp.open("wb") as raw,
            _sink(raw, passphrase) as sink,
            zipfile.ZipFile(sink, "w", zipfile.ZIP_DEFLATED) as zf,
        ):
            for n, model in enumerate(MODELS):
                name = model.__tablename__
                mine = [r for r in records if r.entity == name]
                counts[name] = sum(1 for r in mine if not r.ref_only)
                if model is Cadre:
                    counts["cadre_ref"] = len(mine) - counts[name]
                if progress is not None:
                    progress("写入交换包", n + 1, len(MODELS))
                payload = [
                    {"uid": r.uid, "hash": r.hash, "base": r.base, "fields": r.fields, "refs": r.refs}
                    | ({"ref_only": True} if r.ref_only else {})
                    for r in mine
                ]
                zf.writestr(f"data/{name}.json", json.dumps(payload, ensure_ascii=False, indent=1))
                for r in mine:
                    if r.blob is not None:
                        zf.writestr(f"photos/{r.uid}.bin", r.blob)
            zf.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
        set_bases(session, [r for r in records if not r.ref_only], bases)  # a reference is never merged
        audit.record(
            session,
            ctx,
            "export",
            "package",
            summary=(
                f"导出交换包 {len(cadre_ids)} 位干部（另含 {len(related)} 名相关人员的姓名与单位）到 {dest}"
            )[:200],
        )
    return counts


@contextmanager
def _sink(raw: BinaryIO, passphrase: str | None) -> Iterator[Any]:
    """Where the zip is written: the file itself, or a sealing stream in front of it."""
    if passphrase is None:
        yield raw
        return
    writer = sealed.SealWriter(raw, passphrase)
    yield writer  # a write-only, unseekable stream: all zipfile needs
    writer.close()


# --- import --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PackageResult:
    added: int
    merged: int
    kept_mine: int
    unchanged: int
    linked: int = 0  # related people (references) matched to a local cadre, who was left as he was


def apply_package(
    ctx: ServiceContext,
    plan: PackagePlan,
    resolutions: Mapping[str, str] | None = None,
    prefer: str | None = None,
    progress: Progress | None = None,
) -> PackageResult:
    """Write the plan in one transaction. Every conflict needs a decision (`resolutions[uid]` or `prefer`)."""
    access.require(ctx, Permission.IMPORT)
    resolutions = dict(resolutions or {})
    undecided = [c for c in plan.conflicts if resolutions.get(c.uid, prefer) not in ("mine", "theirs")]
    if undecided:
        raise ImportRejected([(c.label, "两边都修改过，请选择保留本机或采用对方") for c in undecided])
    added = merged = kept = same = linked = 0
    touched: dict[str, list[Any]] = {}
    with ctx.db.uow() as session:
        _recheck(session, plan)
        id_of: dict[str, int] = dict(plan.local_ids)
        doubted = set(session.scalars(select(VerificationProblem.cadre_id).distinct()))
        new_cadres: list[Cadre] = []

        def resolve(target: str, uid: str | None) -> int | None:
            if uid is None:
                return None
            if uid in id_of:
                return id_of[uid]
            model = BY_NAME[target]
            found = session.scalar(select(model.id).where(model.uid == uid))
            if found is None:
                raise StorageError(f"交换包不完整：找不到所引用的{LABELS.get(target, target)}记录 {uid}")
            id_of[uid] = found
            return int(found)

        done_bases: list[Record] = []
        for n, rec in enumerate(plan.records):
            if progress is not None and n % 100 == 0:
                progress("写入", n + 1, len(plan.records))
            action = plan.actions[rec.uid]
            if action == "conflict":
                action = "theirs" if resolutions.get(rec.uid, prefer) == "theirs" else "mine"
            if action == "link":
                linked += 1  # nothing of the local cadre changes, and no base: a reference is never merged
                continue
            if action in ("same", "mine"):
                same += action == "same"
                kept += action == "mine"
                done_bases.append(rec)
                continue
            model = BY_NAME[rec.entity]
            plain, refs = columns(model)
            values = {c.key: load(c, rec.fields.get(c.name)) for c in plain}
            if model is CadrePhoto:
                values["data"] = rec.blob
            for name, target in refs.items():
                values[name] = resolve(target, rec.refs.get(name))
            if action == "new":
                row = model(uid=rec.uid, **values)
                session.add(row)
                session.flush()
                id_of[rec.uid] = row.id
                added += 1
                audit.record(
                    session, ctx, "create", rec.entity, row.id, row.uid, summary=f"交换包：{rec.label()}"
                )
            else:
                row = session.get(model, plan.local_ids[rec.uid])
                if row is None:
                    raise StorageError(f"本机记录在预览之后已被删除：{rec.label()}，请重新导入")
                before = {c.key: getattr(row, c.key) for c in plain} | {n: getattr(row, n) for n in refs}
                for key, value in values.items():
                    setattr(row, key, value)
                session.flush()
                merged += 1
                audit.record(
                    session,
                    ctx,
                    "update",
                    rec.entity,
                    row.id,
                    row.uid,
                    audit.diff(before, values),
                    f"交换包：{rec.label()}",
                )
            if model is Cadre and (rec.uid in plan.to_verify or row.id in doubted):
                # 待核实: what the package brought replaces the problems of the cadre's own fields
                verification.replace_problems(
                    session,
                    ctx,
                    row,
                    plan.to_verify.get(rec.uid, ()),
                    scope="cadre",
                    edited=None,
                    source="交换包",
                )
            if model is Cadre and action == "new":
                new_cadres.append(row)  # indexed for search in one batch below
            else:
                touched.setdefault(rec.entity, []).append(row)
            done_bases.append(rec)
        importing.index_new_cadres(session, new_cadres)
        _reindex(session, touched)
        set_bases(session, done_bases, bases_of(session, (r.uid for r in done_bases)))
        if added or merged:
            audit.record(
                session,
                ctx,
                "import",
                "package",
                changes={"file": plan.origin, "count": added + merged} if plan.origin else {},
                summary=(
                    f"导入交换包：新增 {added}，合并 {merged}，保留本机 {kept}，未变 {same}，"
                    f"关联本机干部 {linked}"
                ),
            )
    return PackageResult(added, merged, kept, same, linked)


STALE = "预览之后本机数据已被修改（可能有另一个导入同时进行），本次未写入任何数据；请重新导入"


def _recheck(session: Session, plan: PackagePlan) -> None:
    """Plan again inside the write transaction: the preview was made without the write lock, and a
    second import of the same package started together must not add everything again."""
    now = package_merge.plan_records(session, plan.manifest, plan.records)
    if now.actions != plan.actions or now.local_ids != plan.local_ids:
        changed = [
            (
                rec.label(),
                f"预览时为“{ACTIONS[plan.actions[rec.uid]]}”，现在为“{ACTIONS[now.actions[rec.uid]]}”",
            )
            for rec in plan.records
            if plan.actions[rec.uid] != now.actions[rec.uid]
        ]
        raise ImportRejected([("预览已过期", STALE), *changed])


ACTIONS = {
    "new": "新增",
    "theirs": "采用对方",
    "mine": "保留本机",
    "same": "相同",
    "conflict": "冲突",
    "link": "关联本机干部",
}


def _reindex(session: Session, touched: Mapping[str, list[Any]]) -> None:
    for cadre in touched.get("cadre", []):
        session.refresh(cadre, ["unit"])
        search.index_cadre(session, cadre)
    for entry in touched.get("diary_entry", []):
        search.index_diary(session, entry)
        search.index_entry_comments(session, entry)
    for comment in touched.get("mentor_comment", []):
        entry = session.get(DiaryEntry, comment.entry_id)
        if entry is not None:
            search.index_comment(session, comment, entry)
    talks = {t.id: t for t in touched.get("talk", [])}
    for sub in touched.get("talk_subject", []):
        talk = session.get(Talk, sub.talk_id)
        if talk is not None:
            talks[talk.id] = talk
    for talk in talks.values():
        search.index_talk(session, talk)
    for m in touched.get("mentorship", []):
        session.refresh(m, ["mentor", "mentee"])
        search.index_mentorship(session, m)
