"""Planning an import of cadres (a preview: new, updated with a field diff, rejected with reasons) and
applying it all-or-nothing in one transaction. Shared by .lrmx/.lrm files and Excel rosters.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cadre_desk.db import search_index
from cadre_desk.db.base import utcnow
from cadre_desk.db.models import Cadre, SearchDoc, Unit, VerificationProblem
from cadre_desk.domain.pinyin import initials
from cadre_desk.domain.yearmonth import YearMonth
from cadre_desk.errors import ConflictError, ImportRejected, ValidationError
from cadre_desk.services import (
    access,
    appointment,
    audit,
    cadres,
    search,
    tolerance_effects,
    validation,
    verification,
)
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext
from cadre_desk.transfer import formtext, store
from cadre_desk.transfer.model import AssessmentItem, CadreData, FamilyItem, ResumeItem, RewardItem

Progress = Callable[[str, int, int], None]

LABELS = validation.LABELS


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class PlannedCadre:
    source: str
    action: str  # create / update / unchanged
    cadre_id: int | None
    expected_version: int | None
    name: str
    changes: tuple[FieldChange, ...]
    warnings: tuple[str, ...]
    values: dict[str, Any] = field(repr=False, compare=False)
    data: CadreData = field(repr=False, compare=False)
    # 待核实: correctable problems taken in with the cadre (stored with it, listed on its profile)
    problems: tuple[validation.Problem, ...] = ()


# Why an entry is refused (nothing else is: correctable problems are taken in as 待核实).
UNREADABLE = "unreadable"  # the file cannot be read
NO_PERSON = "no_person"  # the file holds no person (no name, or no birth month at all)
CONFLICT = "conflict"  # a decision is needed (which cadre it is, an ID number another cadre has)
REFUSAL_LABELS = {UNREADABLE: "文件无法读取", NO_PERSON: "文件中没有人员", CONFLICT: "冲突，需要决定"}


@dataclass(frozen=True)
class Rejected:
    source: str
    problems: tuple[tuple[str, str], ...]  # (field label, message)
    kind: str = UNREADABLE  # UNREADABLE / NO_PERSON / CONFLICT

    @property
    def kind_label(self) -> str:
        return REFUSAL_LABELS.get(self.kind, self.kind)

    @property
    def reason(self) -> str:
        return "；".join(f"{f}：{m}" if f else m for f, m in self.problems)


@dataclass(frozen=True)
class ImportPlan:
    kind: str
    items: tuple[PlannedCadre, ...]
    rejected: tuple[Rejected, ...]
    new_units: tuple[str, ...] = ()
    origin: str = ""  # the file(s) read, named in the import's audit record

    def count(self, action: str) -> int:
        return sum(1 for i in self.items if i.action == action)

    def summary(self) -> dict[str, int]:
        return {
            "create": self.count("create"),
            "update": self.count("update"),
            "unchanged": self.count("unchanged"),
            "rejected": len(self.rejected),
        }

    def to_verify(self) -> int:
        """How many cadres come in with 待核实 problems."""
        return sum(1 for i in self.items if i.problems)

    def without_rejected(self) -> ImportPlan:
        return dataclasses.replace(self, rejected=())


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int
    cadre_ids: tuple[int, ...]
    backup: str = ""


def _show(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, YearMonth):
        return str(value)
    if isinstance(value, tuple):
        return f"{len(value)}条"
    return str(value)


class _Index:
    """Every cadre's id number and name + birth month (one query), for matching."""

    def __init__(self, session: Session) -> None:
        self.by_id_number: dict[str, int] = {}
        self.by_name_birth: dict[tuple[str, int], list[int]] = {}
        self.versions: dict[int, int] = {}
        for cid, name, birth, idn, version in session.execute(
            select(Cadre.id, Cadre.name, Cadre.birth, Cadre.id_number, Cadre.version)
        ):
            self.versions[cid] = version
            if idn:
                self.by_id_number[idn] = cid
            self.by_name_birth.setdefault((name, birth.to_int()), []).append(cid)
        self.units: dict[str, int] = {}
        for uid, name, short in session.execute(select(Unit.id, Unit.name, Unit.short_name)):
            self.units.setdefault(name, uid)
            if short:
                self.units.setdefault(short, uid)

    def match(self, values: dict[str, Any]) -> tuple[int | None, str]:
        """The local cadre these values are: by ID number, else by name and birth month (read as
        validation stores them, so the preview and the write transaction match alike)."""
        name, birth, idn = validation.identity(values)
        if idn and idn in self.by_id_number:
            return self.by_id_number[idn], ""
        if name and isinstance(birth, YearMonth):
            found = self.by_name_birth.get((name, birth.to_int()), [])
            if len(found) == 1:
                return found[0], ""
            if len(found) > 1:
                return None, f"有{len(found)}位同名且出生年月相同的干部，无法确定是哪一位，请填写身份证号"
        return None, ""


def _derive_political(values: dict[str, Any], existing: dict[str, Any]) -> None:
    """From an appointment form's 入党时间: a party date means 中共党员, a party name its member status."""
    if "party_join" not in values:
        return
    current = values.get("political_status", existing.get("political_status", ""))
    if values.get("party_join") is not None and current not in ("中共党员", "中共预备党员"):
        values["political_status"] = "中共党员"
    elif values.get("party_join") is None and values.get("democratic_party"):
        status = formtext.party_status_of(values["democratic_party"])
        if status:
            values["political_status"] = status


def plan_import(
    ctx: ServiceContext,
    entries: Sequence[tuple[str, CadreData | Exception]],
    kind: str,
    progress: Progress | None = None,
) -> ImportPlan:
    """Match each entry, validate it as the profile form would, and list what would change."""
    access.require(ctx, Permission.IMPORT)
    items: list[PlannedCadre] = []
    rejected: list[Rejected] = []
    new_units: list[str] = []
    seen: dict[object, str] = {}
    warn_tolerance = access.can_any(ctx, *tolerance_effects.MAY_KNOW)
    with ctx.db.read() as session:
        index = _Index(session)
        total = len(entries)
        for n, (source, data) in enumerate(entries):
            if progress is not None and (n % 50 == 0 or n == total - 1):
                progress("检查", n + 1, total)
            if isinstance(data, Exception):
                cells = getattr(data, "problems", None)
                kind = getattr(data, "refusal", UNREADABLE)
                rejected.append(Rejected(source, tuple(cells) if cells else (("", str(data)),), kind))
                continue
            outcome = _plan_one(session, index, source, data, seen, new_units, warn_tolerance)
            (items if isinstance(outcome, PlannedCadre) else rejected).append(outcome)  # type: ignore[arg-type]
    return ImportPlan(kind, tuple(items), tuple(rejected), tuple(new_units))


def _plan_one(
    session: Session,
    index: _Index,
    source: str,
    data: CadreData,
    seen: dict[object, str],
    new_units: list[str],
    warn_tolerance: bool = False,
) -> PlannedCadre | Rejected:
    values = dict(data.values)
    cadre_id, problem = index.match(values)
    if problem:
        return Rejected(source, (("", problem),), CONFLICT)
    cadre = session.get(Cadre, cadre_id) if cadre_id is not None else None
    existing = audit.snapshot(cadre, cadres.EDITABLE) if cadre is not None else {}
    _derive_political(values, existing)
    unit_warning = ""
    if data.unit_name is not None:
        unit_name = data.unit_name.strip()
        if not unit_name:
            values["unit_id"] = None
        elif unit_name in index.units:
            values["unit_id"] = index.units[unit_name]
        else:
            values["unit_id"] = None
            if unit_name not in new_units:
                new_units.append(unit_name)
            unit_warning = f"单位“{unit_name}”尚不存在，将新建"
    merged = {name: existing.get(name) for name in cadres.EDITABLE} | values
    merged = {k: ("" if v is None and k in _TEXT_DEFAULTS else v) for k, v in merged.items()}
    if cadre is None:
        for column, default in _CREATE_DEFAULTS.items():
            # A form file that carries the element blank keeps it blank: its export must give it back.
            if not merged.get(column) and (data.source is None or column not in values):
                merged[column] = default
    children = {
        "resume": data.resume,
        "family": data.family,
        "rewards": data.rewards,
        "assessments": data.assessments,
    }
    try:
        result = validation.check_import(session, merged, children, cadre_id=cadre_id)
    except ValidationError as exc:
        kind = CONFLICT if "id_number" in exc.fields else NO_PERSON
        return Rejected(source, tuple((LABELS.get(f, f), m) for f, m in exc.fields.items()), kind)
    checked = result.values
    data = _checked_children(data, result.children)
    same: object = checked["id_number"] or (checked["name"], checked["birth"].to_int())
    if cadre_id is not None:
        same = ("id", cadre_id)
    if same in seen:
        return Rejected(source, (("", f"与 {seen[same]} 是同一位干部（重复）"),), CONFLICT)
    seen[same] = source
    written = {k: checked[k] for k in merged if k in values or cadre is None}
    if data.unit_name is not None and values.get("unit_id") is None and data.unit_name.strip():
        written["unit_id"] = ("new", data.unit_name.strip())
    changes = _changes(session, cadre, existing, written, data)
    action = "create" if cadre is None else ("update" if changes else "unchanged")
    warnings = tuple(data.warnings) + ((unit_warning,) if unit_warning else ())
    if cadre is not None and warn_tolerance:
        warnings += _tolerance_warnings(session, cadre.id, data)
    return PlannedCadre(
        source=source,
        action=action,
        cadre_id=cadre_id,
        expected_version=cadre.version if cadre is not None else None,
        name=checked["name"],
        changes=changes,
        warnings=warnings,
        values=written,
        data=data,
        problems=result.problems,
    )


def _tolerance_warnings(session: Session, cadre_id: int, data: CadreData) -> tuple[str, ...]:
    """The file's new 惩处 rows and 基本称职 / 不称职 grades that may concern a 免责 ruling of the cadre:
    the same warning the profile's save gives, taken in as 待核实 (the import is not refused)."""
    changed: dict[str, list[dict[str, str]]] = {}
    if data.rewards is not None:
        old_rewards = set(store.rewards_of(session, cadre_id))
        changed["rewards"] = [
            {"kind": r.kind, "date": str(r.date) if r.date else "", "text": r.text}
            for r in data.rewards
            if r not in old_rewards
        ]
    if data.assessments is not None:
        old_grades = set(store.assessments_of(session, cadre_id))
        changed["assessments"] = [
            {"year": str(a.year), "grade": a.grade} for a in data.assessments if a not in old_grades
        ]
    return tuple(tolerance_effects.row_warnings(session, cadre_id, changed, dt.date.today()))


def _checked_children(data: CadreData, children: dict[str, list[dict[str, Any]] | None]) -> CadreData:
    """The file's child lists as validation cleaned them (codes canonical, lengths bounded)."""
    out = dataclasses.replace(data)

    def resume_item(v: dict[str, Any]) -> ResumeItem:
        subs = tuple(ResumeItem(c["start"], c["end"], c["text"]) for c in v.get("concurrent", ()))
        return ResumeItem(v["start"], v["end"], v["text"], subs)

    if children.get("resume") is not None:
        out.resume = tuple(resume_item(v) for v in children["resume"] or ())
    if children.get("family") is not None:
        out.family = tuple(
            FamilyItem(v["relation"], v["name"], v["birth"], v["political_status"], v["employer_post"])
            for v in children["family"] or ()
        )
    if children.get("rewards") is not None:
        out.rewards = tuple(RewardItem(v["kind"], v["date"], v["text"]) for v in children["rewards"] or ())
    if children.get("assessments") is not None:
        out.assessments = tuple(AssessmentItem(v["year"], v["grade"]) for v in children["assessments"] or ())
    return out


_TEXT_DEFAULTS = {
    name
    for name in cadres.EDITABLE
    if name not in ("birth", "party_join", "work_start", "post_since", "rank_since", "unit_id")
}
_CREATE_DEFAULTS = {"health": "健康", "ethnicity": "汉族"}


def _changes(
    session: Session, cadre: Cadre | None, existing: dict[str, Any], written: dict[str, Any], data: CadreData
) -> tuple[FieldChange, ...]:
    out = []
    for name, value in written.items():
        old, new = existing.get(name), value
        if name == "unit_id":
            old = cadre.unit.name if cadre is not None and cadre.unit is not None else ""
            unit = session.get(Unit, value) if isinstance(value, int) else None
            new = value[1] if isinstance(value, tuple) else (unit.name if unit is not None else "")
        if (old or None) != (new or None):
            out.append(FieldChange(name, LABELS.get(name, name), _show(old), _show(new)))
    cid = cadre.id if cadre is not None else None
    children = (
        ("resume", data.resume, store.resume_of),
        ("family", data.family, store.family_of),
        ("rewards", data.rewards, store.rewards_of),
        ("assessments", data.assessments, store.assessments_of),
    )
    for name, new_items, reader in children:
        if new_items is None:
            continue
        old_items = reader(session, cid) if cid is not None else ()
        if old_items != new_items:
            out.append(FieldChange(name, LABELS[name], _show(old_items), _show(new_items)))
    if data.photo is not None:
        old_photo = store.photo_of(session, cid) if cid is not None else None
        if old_photo != data.photo:
            out.append(FieldChange("photo", "照片", "有" if old_photo else "无", "新照片"))
    return tuple(out)


def check_plan(plan: ImportPlan) -> None:
    """Nothing is written while any entry is rejected: raise `ImportRejected` listing them."""
    if plan.rejected:
        raise ImportRejected([(r.source, r.reason) for r in plan.rejected])


CHUNK = 500
STALE = "预览之后数据已被修改（可能有另一个导入同时进行），本次未写入任何数据；请重新预览后再导入"


def recheck(session: Session, plan: ImportPlan) -> None:
    """Match the plan again inside the write transaction (the preview was made without the write lock).

    Two identical imports started together both planned "create" for everyone; the second to get the
    lock must not add everyone again. A cadre to create must still match nobody, a cadre to update must
    still have the version the preview saw; otherwise nothing is written (`ImportRejected`).
    """
    index = _Index(session)
    stale: list[tuple[str, str]] = []
    for item in plan.items:
        if item.action == "create":
            found, problem = index.match(item.values)
            if found is not None or problem:
                stale.append((item.source, f"{item.name} 已在预览之后被导入或录入"))
        elif item.cadre_id is not None and index.versions.get(item.cadre_id) != item.expected_version:
            stale.append((item.source, f"{item.name} 已在预览之后被修改或删除"))
    if stale:
        raise ImportRejected([("预览已过期", STALE), *stale])


def apply_plan(
    ctx: ServiceContext,
    plan: ImportPlan,
    progress: Progress | None = None,
    also: Callable[[Session, dict[str, int]], None] | None = None,
) -> ImportResult:
    """Write every planned cadre in one transaction (all or nothing), with audit records.

    New cadres are inserted in chunks (one INSERT per chunk) and indexed for search in bulk at the end.
    `also(session, cadre id by source)` writes what else the file holds (a pool ledger's entries) in the
    same transaction: if it raises, nothing is written.
    """
    access.require(ctx, Permission.IMPORT)
    check_plan(plan)
    created = updated = unchanged = 0
    ids: list[int] = []
    with ctx.db.uow() as session:
        recheck(session, plan)
        unit_ids = _create_units(session, ctx, plan.new_units)
        total = len(plan.items)
        new_cadres: list[Cadre] = []
        created_items: list[PlannedCadre] = []
        pending: list[tuple[PlannedCadre, Cadre]] = []

        def flush_new() -> None:
            session.flush()
            for item, cadre in pending:
                _write_children(session, ctx, item, cadre, fresh=True)
            pending.clear()

        for n, item in enumerate(plan.items):
            if progress is not None and (n % 50 == 0 or n == total - 1):
                progress("写入", n + 1, total)
            if item.action == "unchanged":
                unchanged += 1
                if item.cadre_id is not None:
                    ids.append(item.cadre_id)
                    if item.data.source is not None:
                        store.set_source(session, item.cadre_id, item.data.source)
                    if item.data.case is not None:
                        appointment.store_case(session, ctx, item.cadre_id, _case_values(item.data.case))
                    kept = cadres.load(session, item.cadre_id)
                    data = item.data
                    changed = store.set_retirement(session, kept, data.retirement_month, data.post_age_limit)
                    if changed:
                        summary = f"导入：{kept.name}（{item.source}）"[:200]
                        audit.record(session, ctx, "update", "cadre", kept.id, kept.uid, changed, summary)
                    _store_problems(session, ctx, item, kept)
                continue
            values = dict(item.values)
            if isinstance(values.get("unit_id"), tuple):
                values["unit_id"] = unit_ids[values["unit_id"][1]]
            if item.action == "create":
                cadre = Cadre(**values, name_initials=initials(values["name"]))
                session.add(cadre)
                created_items.append(item)
                pending.append((item, cadre))
                new_cadres.append(cadre)
                created += 1
                if len(pending) >= CHUNK:
                    flush_new()
                continue
            cadre = _update_cadre(session, item, values)
            _write_children(session, ctx, item, cadre, fresh=False)
            search.index_cadre(session, cadre)
            if "name" in {c.field for c in item.changes}:
                search.reindex_cadre_relations(session, cadre.id)
            ids.append(cadre.id)
            updated += 1
        flush_new()
        ids.extend(c.id for c in new_cadres)
        index_new_cadres(session, new_cadres)
        if also is not None:
            by_source = {i.source: i.cadre_id for i in plan.items if i.cadre_id is not None}
            by_source |= {i.source: c.id for i, c in zip(created_items, new_cadres, strict=True)}
            also(session, by_source)
        audit.record(
            session,
            ctx,
            "import",
            "cadre",
            changes={"file": plan.origin, "count": created + updated} if plan.origin else {},
            summary=f"导入（{plan.kind}）：新增 {created}，更新 {updated}，未变 {unchanged}",
        )
    return ImportResult(created, updated, unchanged, tuple(ids))


def _create_units(session: Session, ctx: ServiceContext, names: Sequence[str]) -> dict[str, int]:
    unit_ids: dict[str, int] = {}
    for name in names:
        unit = session.scalars(select(Unit).where((Unit.name == name) | (Unit.short_name == name))).first()
        if unit is None:
            unit = Unit(name=name, kind="其他")
            session.add(unit)
            session.flush()
            audit.record(session, ctx, "create", "unit", unit.id, unit.uid, {"name": [None, name]}, name)
        unit_ids[name] = unit.id
    return unit_ids


def _update_cadre(session: Session, item: PlannedCadre, values: dict[str, Any]) -> Cadre:
    cadre = cadres.load(session, item.cadre_id)  # type: ignore[arg-type]
    if cadre.version != item.expected_version:
        raise ConflictError("干部", cadre.name, item.expected_version or 0, cadre.version)
    for key, value in values.items():
        setattr(cadre, key, value)
    cadre.name_initials = initials(cadre.name)
    cadre.updated_at = utcnow()  # children and photo count as a change of the profile
    return cadre


def _write_children(
    session: Session, ctx: ServiceContext, item: PlannedCadre, cadre: Cadre, fresh: bool
) -> None:
    data = item.data
    changed = {c.field for c in item.changes}
    if data.resume is not None and "resume" in changed:
        store.replace_resume(session, cadre.id, data.resume, fresh)
    if data.family is not None and "family" in changed:
        store.replace_family(session, cadre.id, data.family, fresh)
    if data.rewards is not None and "rewards" in changed:
        store.replace_rewards(session, cadre.id, data.rewards, fresh)
    if data.assessments is not None and "assessments" in changed:
        store.replace_assessments(session, cadre.id, data.assessments, fresh)
    if data.photo is not None and "photo" in changed:
        store.set_photo(session, cadre.id, data.photo)
    if data.source is not None:
        store.set_source(session, cadre.id, data.source)
    if data.case is not None:
        appointment.store_case(session, ctx, cadre.id, _case_values(data.case))
    retirement_changes = store.set_retirement(session, cadre, data.retirement_month, data.post_age_limit)
    if not fresh:
        session.flush()
    _store_problems(session, ctx, item, cadre)
    audit.record(
        session,
        ctx,
        "create" if fresh else "update",
        "cadre",
        cadre.id,
        cadre.uid,
        {**{c.field: [c.old, c.new] for c in item.changes}, **retirement_changes},
        f"导入：{cadre.name}（{item.source}）"[:200],
    )


def _case_values(case: dict[str, Any]) -> dict[str, object]:
    """The form's data of a file as `appointment_case` holds it (texts cut to the columns' limits)."""
    values: dict[str, object] = {name: case.get(name) for name in appointment.FIELDS}
    for name, (_label, limit) in appointment.TEXT_LIMITS.items():
        values[name] = str(values[name] or "")[:limit]
    return values


def _store_problems(session: Session, ctx: ServiceContext, item: PlannedCadre, cadre: Cadre) -> None:
    """The 待核实 problems of what this import brought: they replace those of the same fields."""
    data = item.data
    scope = set(item.values) | {
        name
        for name, items in (
            ("resume", data.resume),
            ("family", data.family),
            ("rewards", data.rewards),
            ("assessments", data.assessments),
        )
        if items is not None
    }
    if not item.problems and not session.scalar(
        select(func.count()).select_from(VerificationProblem).where(VerificationProblem.cadre_id == cadre.id)
    ):
        return
    verification.replace_problems(
        session, ctx, cadre, item.problems, scope=scope, edited=None, source=item.source
    )


def index_new_cadres(session: Session, new_cadres: Sequence[Cadre]) -> None:
    """Search documents of the new cadres in one batch (their ids continue after existing documents)."""
    if not new_cadres:
        return
    session.flush()
    unit_names = {r[0]: r[1] for r in session.execute(select(Unit.id, Unit.name))}
    docs = [
        search.cadre_doc(
            c.id, c.name, c.name_initials, unit_names.get(c.unit_id or 0, ""), c.post, c.rank, c.updated_at
        )
        for c in new_cadres
    ]
    next_slot: dict[int, int] = {}
    for base in {search_index.base_id(d[2]) for d in docs}:
        top = session.scalar(
            select(func.max(SearchDoc.id)).where(SearchDoc.id >= base, SearchDoc.id < base + (1 << 20))
        )
        next_slot[base] = 0 if top is None else int(top) + 1 - base
    search_index.bulk_put(session, docs, next_slot)
