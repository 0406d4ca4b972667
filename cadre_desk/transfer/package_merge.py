"""Reading an exchange package (shape, checksums, field types, sizes) and matching its records against
the local database: new, same, theirs, mine or conflict (docs/exchange-package.md).
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cadre_desk import sealed
from cadre_desk.db.models import (
    AppointmentCase,
    Assessment,
    Cadre,
    CadreFormSource,
    CadrePhoto,
    FamilyMember,
    ResumeEntry,
    RewardOrPunishment,
    Secondment,
    Training,
    Unit,
)
from cadre_desk.domain.yearmonth import YearMonth
from cadre_desk.errors import ImportRejected, StorageError
from cadre_desk.services import access, validation
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext
from cadre_desk.transfer import archive, importing, package_check
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
    record_of,
)

Progress = Callable[[str, int, int], None]


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
    actions: dict[str, str] = field(repr=False)  # uid → new / theirs / mine / same / conflict / link
    local_ids: dict[str, int] = field(repr=False)  # uid → local id of a matching record
    conflicts: list[Conflict]
    # 待核实: correctable problems of cadres the package writes (uid → problems), stored with them
    to_verify: dict[str, tuple[validation.Problem, ...]] = field(default_factory=dict, repr=False)
    origin: str = ""  # the package file, named in the import's audit record

    def count(self, action: str) -> int:
        return sum(1 for a in self.actions.values() if a == action)

    def summary(self) -> dict[str, int]:
        return {k: self.count(k) for k in ("new", "theirs", "mine", "same", "conflict", "link")}

    def references(self) -> int:
        """How many related people the package carries as references (name, unit and post only)."""
        return sum(1 for r in self.records if r.ref_only)


def _json(zf: zipfile.ZipFile, member: str, name: str) -> Any:
    data = archive.read_bytes(zf, member, name)
    try:
        return json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
        detail = "嵌套过深" if isinstance(exc, RecursionError) else str(exc)
        raise StorageError(f"交换包已损坏：{member} 不是有效的 JSON（{detail}）") from None


class PackagePassphraseNeeded(sealed.SealError):
    """The package is sealed with a passphrase and none was given."""


def _open_package(path: Path, passphrase: str | None) -> zipfile.ZipFile:
    if not sealed.is_sealed(path):
        return archive.open_zip(path, archive.PACKAGE)
    if not passphrase:
        raise PackagePassphraseNeeded(
            f"交换包 {path.name} 已用口令加密，请提供口令（命令行：--passphrase-env 变量名）。"
        )
    archive.check_regular_file(path, archive.PACKAGE.kind)
    data = sealed.unseal_bytes(path, passphrase, archive.PACKAGE.max_total)  # authenticated, in memory
    return archive.open_zip_buffer(io.BytesIO(data), path.name, archive.PACKAGE)


def read_package(path: Path, passphrase: str | None = None) -> tuple[dict[str, Any], list[Record]]:
    """The manifest and every record, checked for shape, checksums and field types (`StorageError`,
    or `ImportRejected` listing every record whose fields are wrong). A sealed package is opened
    with `passphrase` (`PackagePassphraseNeeded` without one, `sealed.SealError` when it does not
    open: a wrong passphrase or a tampered file); it is decrypted in memory, never onto the disk."""
    with _open_package(path, passphrase) as zf:
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
            plain, refs = columns(model)
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
                    ref_only=item.get("ref_only") is True,
                )
                if "ref_only" in item and (model is not Cadre or type(item["ref_only"]) is not bool):
                    raise StorageError(
                        f"交换包已损坏：{LABELS[model.__tablename__]}记录 {rec.uid} 的 ref_only 无效"
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


def plan_package(
    ctx: ServiceContext, path: Path, progress: Progress | None = None, passphrase: str | None = None
) -> PackagePlan:
    access.require(ctx, Permission.IMPORT)
    manifest, records = read_package(path, passphrase)
    with ctx.db.read() as session:
        plan = plan_records(session, manifest, records, progress)
    plan.origin = str(path)
    return plan


# Children a cadre gets again whenever an appointment form is imported: when both machines imported the
# same form, the rows are equal but their uids are not, so they are matched by content.
CADRE_CHILDREN = (ResumeEntry, FamilyMember, RewardOrPunishment, Assessment, Training, Secondment)


class _Matcher:
    """Finds the local record a package record stands for: by uid, else by what identifies it locally."""

    def __init__(self, session: Session, records: Sequence[Record], uid_of: Uids) -> None:
        self.session = session
        self.uid_of = uid_of
        self.package_uids = {r.uid for r in records}
        self.alias: dict[str, str] = {}  # local uid → package uid of the same record
        self.local_ids: dict[str, int] = {}
        self.claimed: set[tuple[str, int]] = set()  # local cadre children matched by content
        self.children: dict[tuple[str, int], list[tuple[Any, Record]]] = {}

    def local_record(self, model: Any, row: Any) -> Record:
        mine = record_of(self.session, model, row, self.uid_of)
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
            if row is not None or not rec.ref_only:
                return row, "id_number"
        if model is Cadre and rec.ref_only and rec.fields.get("name") and rec.fields.get("birth"):
            # a reference without a known 身份证号: the one live local cadre of that name and birth month
            same = session.scalars(
                select(Cadre)
                .where(
                    Cadre.name == rec.fields["name"],
                    Cadre.birth == YearMonth.from_int(int(rec.fields["birth"])),
                    Cadre.archived_at.is_(None),
                )
                .limit(2)
            ).all()
            return (same[0], "name_birth") if len(same) == 1 else (None, "")
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


def plan_records(
    session: Session, manifest: dict[str, Any], records: list[Record], progress: Progress | None = None
) -> PackagePlan:
    """Match every record against the local database and decide new / same / theirs / mine / conflict;
    the records that would be written are checked against the services' rules (`ImportRejected`)."""
    actions: dict[str, str] = {}
    conflicts: list[Conflict] = []
    problems: list[tuple[str, str]] = []
    matcher = _Matcher(session, records, Uids(session))
    bases = bases_of(session, (r.uid for r in records))
    id_numbers: dict[str, str] = {}
    to_verify: dict[str, tuple[validation.Problem, ...]] = {}
    for n, rec in enumerate(records):
        if progress is not None and n % 100 == 0:
            progress("比对", n + 1, len(records))
        model = BY_NAME[rec.entity]
        row, how = matcher.find(model, rec)
        if row is None:
            actions[rec.uid] = "new"
        elif rec.ref_only:
            # a related person the package only refers to: linked to the local cadre, who stays as he is
            actions[rec.uid] = "link"
            matcher.local_ids[rec.uid] = row.id
            if row.uid != rec.uid:
                matcher.alias[row.uid] = rec.uid
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
            doubts = checked.doubts + ((REFERENCE_DOUBT,) if rec.ref_only else ())
            if doubts:
                to_verify[rec.uid] = doubts
        if rec.entity == "cadre" and rec.fields.get("id_number"):
            first = id_numbers.setdefault(rec.fields["id_number"], rec.uid)
            if first != rec.uid:
                problems.append((rec.label(), f"身份证号与交换包中的另一位干部（{first}）相同"))
    if problems:
        raise ImportRejected(problems)
    return PackagePlan(manifest, records, actions, matcher.local_ids, conflicts, to_verify)


# 待核实 on a cadre created from a reference: the package named him only for its talks and pairings.
REFERENCE_DOUBT = validation.Problem(
    "name",
    "由交换包中的谈话或结对关联而来，只有姓名、性别、出生年月、身份证号、单位与职务；"
    "请核实是否为本机已有干部，并补全其余信息",
)


def _show(value: Any) -> str:
    return "" if value is None else str(value)[:60]
