"""Exchange packages: a versioned zip of selected cadres with everything that belongs to them, and a
three-way import (records matched by uid; new added; one-sided changes merged; conflicts reported).
The format is documented in docs/exchange-package.md.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import platform
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Date, DateTime, LargeBinary, Table, select
from sqlalchemy.orm import Session

from cadre_desk import __version__, outfile
from cadre_desk.db.base import UTCDateTime, YearMonthType
from cadre_desk.db.models import (
    RECORD_MODELS,
    AppointmentCase,
    Assessment,
    Cadre,
    CadreFormSource,
    CadrePhoto,
    DiaryEntry,
    ExchangeBase,
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
)
from cadre_desk.domain.yearmonth import YearMonth
from cadre_desk.errors import ImportRejected, StorageError
from cadre_desk.services import audit, search, validation, verification
from cadre_desk.services.context import ServiceContext
from cadre_desk.transfer import archive, importing, package_check

FORMAT = "cadre-desk-exchange"
FORMAT_VERSION = 1
Progress = Callable[[str, int, int], None]

# Dependency order: a record's references always point to entities earlier in this list.
MODELS: tuple[Any, ...] = RECORD_MODELS
BY_NAME = {m.__tablename__: m for m in MODELS}
SKIP = {"id", "uid", "created_at", "updated_at", "version"}
LABELS = {
    "unit": "单位",
    "cadre": "干部",
    "cadre_photo": "照片",
    "cadre_form_source": "任免表原件",
    "appointment_case": "任免表信息",
    "resume_entry": "简历",
    "family_member": "家庭成员",
    "reward_or_punishment": "奖惩",
    "assessment": "考核",
    "training": "培训",
    "secondment": "挂职",
    "mentorship": "帮带结对",
    "mentorship_record": "帮带记录",
    "diary_entry": "成长日记",
    "mentor_comment": "导师点评",
    "talk": "谈话记录",
    "talk_subject": "谈话对象",
    "talk_follow_up": "谈话后续措施",
}


# --- records as plain data -----------------------------------------------------------------------


def _columns(model: Any) -> tuple[list[Any], dict[str, str]]:
    table: Table = model.__table__
    plain, refs = [], {}
    for col in table.columns:
        if col.name in SKIP:
            continue
        fks = list(col.foreign_keys)
        if fks:
            refs[col.name] = fks[0].column.table.name
        else:
            plain.append(col)
    return plain, refs


def _dump(col: Any, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(col.type, YearMonthType):
        return value.to_int()
    if isinstance(col.type, UTCDateTime | DateTime):
        return value.isoformat()
    if isinstance(col.type, Date):
        return value.isoformat()
    if isinstance(col.type, LargeBinary):
        return hashlib.sha256(value).hexdigest()  # the bytes travel as a file
    return value


def _load(col: Any, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(col.type, YearMonthType):
        return YearMonth.from_int(int(value))
    if isinstance(col.type, UTCDateTime):
        return dt.datetime.fromisoformat(value)
    if isinstance(col.type, DateTime):
        return dt.datetime.fromisoformat(value)
    if isinstance(col.type, Date):
        return dt.date.fromisoformat(value)
    return value


def content_hash(fields: Mapping[str, Any], refs: Mapping[str, str | None]) -> str:
    text = json.dumps({"f": fields, "r": refs}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Record:
    entity: str
    uid: str
    fields: dict[str, Any]
    refs: dict[str, str | None]
    hash: str = ""
    base: str | None = None
    blob: bytes | None = None

    def label(self) -> str:
        f = self.fields
        kind = LABELS.get(self.entity, self.entity)
        detail = f.get("name") or f.get("title") or f.get("text") or f.get("talk_at") or f.get("date") or ""
        return f"{kind}：{str(detail)[:30]}" if detail else kind


def _record(
    session: Session, model: Any, row: Any, uid_of: Callable[[str, int | None], str | None]
) -> Record:
    plain, refs = _columns(model)
    fields = {c.name: _dump(c, getattr(row, c.key)) for c in plain}
    ref_uids = {name: uid_of(target, getattr(row, name)) for name, target in refs.items()}
    rec = Record(model.__tablename__, row.uid, fields, ref_uids)
    rec.hash = content_hash(fields, ref_uids)
    if model is CadrePhoto:
        rec.blob = row.data
    return rec


class _Uids:
    """id → uid per table, loaded lazily (one query per table)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.maps: dict[str, dict[int, str]] = {}

    def __call__(self, table: str, row_id: int | None) -> str | None:
        if row_id is None:
            return None
        if table not in self.maps:
            model = BY_NAME[table]
            self.maps[table] = {r[0]: r[1] for r in self.session.execute(select(model.id, model.uid))}
        return self.maps[table].get(row_id)


# --- export --------------------------------------------------------------------------------------


def _selection(session: Session, cadre_ids: set[int]) -> dict[str, list[Any]]:
    """The cadres and every record belonging to them; the other party of a pairing or talk comes along."""
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
            select(model).where(model.cadre_id.in_(ids)).order_by(model.id)
        ).all()
        if model is ResumeEntry:
            rows = sorted(rows, key=lambda r: (r.parent_id is not None, r.id))
        out[model.__tablename__] = list(rows)
    return out


def _bases(session: Session, uids: Iterable[str]) -> dict[str, str]:
    wanted = list(uids)
    found: dict[str, str] = {}
    for i in range(0, len(wanted), 500):
        chunk = wanted[i : i + 500]
        stmt = select(ExchangeBase.record_uid, ExchangeBase.content_hash).where(
            ExchangeBase.record_uid.in_(chunk)
        )
        found.update({r[0]: r[1] for r in session.execute(stmt)})
    return found


def _set_bases(session: Session, records: Iterable[Record], current: Mapping[str, str]) -> None:
    rows = {
        r.record_uid: r
        for r in session.scalars(
            select(ExchangeBase).where(
                ExchangeBase.record_uid.in_([rec.uid for rec in records if current.get(rec.uid) != rec.hash])
            )
        )
    }
    for rec in records:
        if current.get(rec.uid) == rec.hash:
            continue
        row = rows.get(rec.uid)
        if row is None:
            session.add(ExchangeBase(entity=rec.entity, record_uid=rec.uid, content_hash=rec.hash))
        else:
            row.content_hash = rec.hash


def export_package(
    ctx: ServiceContext, cadre_ids: Sequence[int], dest: Path, progress: Progress | None = None
) -> dict[str, int]:
    """Write the package; returns the record count per entity."""
    if not cadre_ids:
        raise StorageError("没有选择要导出的干部")
    with ctx.db.uow() as session:
        selection = _selection(session, set(cadre_ids))
        uid_of = _Uids(session)
        records: list[Record] = []
        for model in MODELS:
            for row in selection.get(model.__tablename__, []):
                records.append(_record(session, model, row, uid_of))
        bases = _bases(session, (r.uid for r in records))
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
        with outfile.atomic_path(dest) as tmp, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
            for n, model in enumerate(MODELS):
                name = model.__tablename__
                mine = [r for r in records if r.entity == name]
                counts[name] = len(mine)
                if progress is not None:
                    progress("写入交换包", n + 1, len(MODELS))
                payload = [
                    {"uid": r.uid, "hash": r.hash, "base": r.base, "fields": r.fields, "refs": r.refs}
                    for r in mine
                ]
                zf.writestr(f"data/{name}.json", json.dumps(payload, ensure_ascii=False, indent=1))
                for r in mine:
                    if r.blob is not None:
                        zf.writestr(f"photos/{r.uid}.bin", r.blob)
            zf.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
        _set_bases(session, records, bases)
        audit.record(
            session, ctx, "export", "package", summary=f"导出交换包 {len(cadre_ids)} 位干部到 {dest}"[:200]
        )
    return counts


# --- import --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Difference:
    field: str
    mine: str
    theirs: str


@dataclass(frozen=True)
class Conflict:
    entity: str
    uid: str
    label: str
    differences: tuple[Difference, ...]


@dataclass
class PackagePlan:
    manifest: dict[str, Any]
    records: list[Record] = field(repr=False)
    actions: dict[str, str] = field(repr=False)  # uid → new / theirs / mine / same / conflict
    local_ids: dict[str, int] = field(repr=False)  # uid → local id of a matching record
    conflicts: list[Conflict]
    # 待核实: correctable problems of cadres the package writes (uid → problems), stored with them
    to_verify: dict[str, tuple[validation.Problem, ...]] = field(default_factory=dict, repr=False)

    def count(self, action: str) -> int:
        return sum(1 for a in self.actions.values() if a == action)

    def summary(self) -> dict[str, int]:
        return {k: self.count(k) for k in ("new", "theirs", "mine", "same", "conflict")}


def _json(zf: zipfile.ZipFile, member: str, name: str) -> Any:
    data = archive.read_bytes(zf, member, name)
    try:
        return json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
        detail = "嵌套过深" if isinstance(exc, RecursionError) else str(exc)
        raise StorageError(f"交换包已损坏：{member} 不是有效的 JSON（{detail}）") from None


def read_package(path: Path) -> tuple[dict[str, Any], list[Record]]:
    """The manifest and every record, checked for shape, checksums and field types (`StorageError`,
    or `ImportRejected` listing every record whose fields are wrong)."""
    with archive.open_zip(path, archive.PACKAGE) as zf:
        if "manifest.json" not in zf.namelist():
            raise StorageError(f"{path.name} 不是干部成长档案台的交换包（没有 manifest.json）")
        manifest = _json(zf, "manifest.json", path.name)
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise StorageError("不是干部成长档案台的交换包")
        version = manifest.get("format_version", 0)
        if type(version) is not int:
            raise StorageError(f"交换包的格式版本无效：{version!r:.40}")
        if version > FORMAT_VERSION:
            raise StorageError(f"交换包格式版本 {version} 高于本程序支持的 {FORMAT_VERSION}，请先升级")
        names = set(zf.namelist())
        records: list[Record] = []
        seen: set[str] = set()
        problems: list[tuple[str, str]] = []
        for model in MODELS:
            member = f"data/{model.__tablename__}.json"
            if member not in names:
                continue
            items = _json(zf, member, path.name)
            if not isinstance(items, list):
                raise StorageError(f"交换包已损坏：{member} 应为记录列表")
            plain, refs = _columns(model)
            for item in items:
                shape = package_check.shape_problem(item)
                if shape is not None:
                    raise StorageError(f"交换包已损坏：{LABELS[model.__tablename__]}的{shape}")
                rec = Record(
                    model.__tablename__,
                    item["uid"],
                    item["fields"],
                    item["refs"],
                    item["hash"],
                    item.get("base"),
                )
                if rec.uid in seen:
                    raise StorageError(f"交换包已损坏：记录编号 {rec.uid} 出现了不止一次")
                seen.add(rec.uid)
                if content_hash(rec.fields, rec.refs) != rec.hash:
                    raise StorageError(f"交换包已损坏：{LABELS[rec.entity]}记录 {rec.uid} 的校验值不符")
                for col in plain:
                    wrong = package_check.field_problem(col, rec.fields.get(col.name))
                    if wrong:
                        problems.append((rec.label(), f"{_field_label(rec.entity, col.name)}{wrong}"))
                for ref, _target in refs.items():
                    if rec.refs.get(ref) is None and not model.__table__.c[ref].nullable:
                        problems.append((rec.label(), f"缺少关联 {ref}"))
                if model is CadrePhoto and not problems:
                    rec.blob = archive.read_bytes(zf, f"photos/{rec.uid}.bin", path.name)
                    if hashlib.sha256(rec.blob).hexdigest() != rec.fields.get("data"):
                        raise StorageError(f"交换包已损坏：照片 {rec.uid} 的校验值不符")
                records.append(rec)
    if problems:
        raise ImportRejected(problems)
    return manifest, records


def _field_label(entity: str, name: str) -> str:
    label = importing.LABELS.get(name, name) if entity == "cadre" else name
    return f"{label}："


def _local_record(session: Session, model: Any, row: Any, uid_of: _Uids) -> Record:
    return _record(session, model, row, uid_of)


def plan_package(ctx: ServiceContext, path: Path, progress: Progress | None = None) -> PackagePlan:
    manifest, records = read_package(path)
    with ctx.db.read() as session:
        return _plan(session, manifest, records, progress)


# Children a cadre gets again whenever an appointment form is imported: when both machines imported the
# same form, the rows are equal but their uids are not, so they are matched by content.
CADRE_CHILDREN = (ResumeEntry, FamilyMember, RewardOrPunishment, Assessment, Training, Secondment)


class _Matcher:
    """Finds the local record a package record stands for: by uid, else by what identifies it locally."""

    def __init__(self, session: Session, records: Sequence[Record], uid_of: _Uids) -> None:
        self.session = session
        self.uid_of = uid_of
        self.package_uids = {r.uid for r in records}
        self.alias: dict[str, str] = {}  # local uid → package uid of the same record
        self.local_ids: dict[str, int] = {}
        self.claimed: set[tuple[str, int]] = set()  # local cadre children matched by content
        self.children: dict[tuple[str, int], list[tuple[Any, Record]]] = {}

    def local_record(self, model: Any, row: Any) -> Record:
        mine = _record(self.session, model, row, self.uid_of)
        mine.refs = {k: self.alias.get(v or "", v) for k, v in mine.refs.items()}
        mine.hash = content_hash(mine.fields, mine.refs)
        return mine

    def find(self, model: Any, rec: Record) -> tuple[Any, str]:
        """(local row or None, how it was matched: "uid", "id_number", "name", "content", "cadre")."""
        session = self.session
        row = session.scalars(select(model).where(model.uid == rec.uid)).first()
        if row is not None:
            return row, "uid"
        cadre_id = self.local_ids.get(rec.refs.get("cadre_id") or "")
        if model is Cadre and rec.fields.get("id_number"):
            row = session.scalars(select(Cadre).where(Cadre.id_number == rec.fields["id_number"])).first()
            return row, "id_number"
        if model is Unit and rec.fields.get("name"):
            for unit in session.scalars(
                select(Unit).where(Unit.name == rec.fields["name"]).order_by(Unit.id)
            ):
                if unit.uid not in self.package_uids:
                    return unit, "name"
        if model in (CadrePhoto, CadreFormSource, AppointmentCase) and cadre_id is not None:  # one per cadre
            row = session.scalars(select(model).where(model.cadre_id == cadre_id)).first()
            return row, "cadre"
        if model in CADRE_CHILDREN and cadre_id is not None:
            key = (model.__tablename__, cadre_id)
            if key not in self.children:
                rows = session.scalars(
                    select(model)
                    .where(model.cadre_id == cadre_id, model.archived_at.is_(None))
                    .order_by(model.id)
                ).all()
                self.children[key] = [(r, self.local_record(model, r)) for r in rows]
            for local, mine in self.children[key]:
                if (key[0], local.id) in self.claimed or local.uid in self.package_uids:
                    continue
                mine.refs = {k: self.alias.get(v or "", v) for k, v in mine.refs.items()}
                if content_hash(mine.fields, mine.refs) == rec.hash:
                    self.claimed.add((key[0], local.id))
                    return local, "content"
        return None, ""


def _plan(
    session: Session, manifest: dict[str, Any], records: list[Record], progress: Progress | None = None
) -> PackagePlan:
    """Match every record against the local database and decide new / same / theirs / mine / conflict;
    the records that would be written are checked against the services' rules (`ImportRejected`)."""
    actions: dict[str, str] = {}
    conflicts: list[Conflict] = []
    problems: list[tuple[str, str]] = []
    matcher = _Matcher(session, records, _Uids(session))
    bases = _bases(session, (r.uid for r in records))
    id_numbers: dict[str, str] = {}
    to_verify: dict[str, tuple[validation.Problem, ...]] = {}
    for n, rec in enumerate(records):
        if progress is not None and n % 100 == 0:
            progress("比对", n + 1, len(records))
        model = BY_NAME[rec.entity]
        row, how = matcher.find(model, rec)
        if row is None:
            actions[rec.uid] = "new"
        else:
            matcher.local_ids[rec.uid] = row.id
            if row.uid != rec.uid:
                matcher.alias[row.uid] = rec.uid  # the same record, created on both machines
            mine = matcher.local_record(model, row)
            my_base = bases.get(rec.uid)
            if mine.hash == rec.hash:
                actions[rec.uid] = "same"
            elif how == "name":
                actions[rec.uid] = "mine"  # a unit of the same name: the local one, as it is, takes them in
            elif mine.hash in (my_base, rec.base):
                actions[rec.uid] = "theirs"
            elif rec.hash in (my_base, rec.base):
                actions[rec.uid] = "mine"
            else:
                actions[rec.uid] = "conflict"
                diffs = tuple(
                    Difference(k, _show(mine.fields.get(k)), _show(rec.fields.get(k)))
                    for k in sorted(set(rec.fields) | set(mine.fields))
                    if mine.fields.get(k) != rec.fields.get(k)
                ) + tuple(
                    Difference(k, "（关联不同）", "") for k in rec.refs if mine.refs.get(k) != rec.refs.get(k)
                )
                conflicts.append(Conflict(rec.entity, rec.uid, rec.label(), diffs))
        if actions[rec.uid] in ("new", "theirs", "conflict"):
            checked = package_check.check_record(
                session, rec.entity, rec.fields, rec.refs, rec.uid, matcher.local_ids.get(rec.uid)
            )
            problems.extend((rec.label(), error) for error in checked.errors)
            if checked.doubts:
                to_verify[rec.uid] = checked.doubts
        if rec.entity == "cadre" and rec.fields.get("id_number"):
            first = id_numbers.setdefault(rec.fields["id_number"], rec.uid)
            if first != rec.uid:
                problems.append((rec.label(), f"身份证号与交换包中的另一位干部（{first}）相同"))
    if problems:
        raise ImportRejected(problems)
    return PackagePlan(manifest, records, actions, matcher.local_ids, conflicts, to_verify)


def _show(value: Any) -> str:
    return "" if value is None else str(value)[:60]


@dataclass(frozen=True)
class PackageResult:
    added: int
    merged: int
    kept_mine: int
    unchanged: int


def apply_package(
    ctx: ServiceContext,
    plan: PackagePlan,
    resolutions: Mapping[str, str] | None = None,
    prefer: str | None = None,
    progress: Progress | None = None,
) -> PackageResult:
    """Write the plan in one transaction. Every conflict needs a decision (`resolutions[uid]` or `prefer`)."""
    resolutions = dict(resolutions or {})
    undecided = [c for c in plan.conflicts if resolutions.get(c.uid, prefer) not in ("mine", "theirs")]
    if undecided:
        raise ImportRejected([(c.label, "两边都修改过，请选择保留本机或采用对方") for c in undecided])
    added = merged = kept = same = 0
    touched: dict[str, list[Any]] = {}
    with ctx.db.uow() as session:
        _recheck(session, plan)
        id_of: dict[str, int] = dict(plan.local_ids)

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
            if action in ("same", "mine"):
                same += action == "same"
                kept += action == "mine"
                done_bases.append(rec)
                continue
            model = BY_NAME[rec.entity]
            plain, refs = _columns(model)
            values = {c.key: _load(c, rec.fields.get(c.name)) for c in plain}
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
            if model is Cadre:
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
            touched.setdefault(rec.entity, []).append(row)
            done_bases.append(rec)
        _reindex(session, touched)
        _set_bases(session, done_bases, _bases(session, (r.uid for r in done_bases)))
        if added or merged:
            audit.record(
                session,
                ctx,
                "import",
                "package",
                summary=f"导入交换包：新增 {added}，合并 {merged}，保留本机 {kept}，未变 {same}",
            )
    return PackageResult(added, merged, kept, same)


STALE = "预览之后本机数据已被修改（可能有另一个导入同时进行），本次未写入任何数据；请重新导入"


def _recheck(session: Session, plan: PackagePlan) -> None:
    """Plan again inside the write transaction: the preview was made without the write lock, and a
    second import of the same package started together must not add everything again."""
    now = _plan(session, plan.manifest, plan.records)
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


ACTIONS = {"new": "新增", "theirs": "采用对方", "mine": "保留本机", "same": "相同", "conflict": "冲突"}


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
