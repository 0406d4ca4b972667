"""待核实: the problems an import took in with a cadre (a wrong check digit, a birth month that
disagrees with the ID number, an unreadable date, an unknown code, a value cut to its column's length).

Imports store them (`replace_problems`); the profile shows them; 工作台 and `check --json` list the
cadres that have any (`cadres_to_verify`). Saving the profile re-checks the fields: a problem that no
longer applies disappears, and one about text that could not be kept (`as_read`) goes when the staff
edit that field.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from cadre_desk.db.models import Cadre, Unit, VerificationProblem
from cadre_desk.services import access, audit
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.field_errors import CONTROL_CHARS
from cadre_desk.services.validation import LABELS, Problem, max_length

_ITEM_LABELS = {
    "start": "起始年月",
    "end": "截止年月",
    "text": "内容",
    "relation": "称谓",
    "name": "姓名",
    "birth": "出生年月",
    "political_status": "政治面貌",
    "employer_post": "工作单位及职务",
    "kind": "类别",
    "date": "时间",
    "issuer": "批准机关",
    "year": "年度",
    "grade": "等次",
    "notes": "备注",
}
_PART = re.compile(r"^(\w+?)\[(\d+)\]$")


@dataclass(frozen=True)
class ProblemView:
    id: int
    field: str
    label: str
    message: str
    source: str
    created_at: dt.datetime


@dataclass(frozen=True)
class CadreToVerify:
    """A cadre with 待核实 problems (工作台, `check --json`)."""

    cadre_id: int
    name: str
    unit: str
    problems: int
    first: str  # the first problem's message, for a one-line summary


def label_of(field: str) -> str:
    """`family[2].birth` → `家庭成员第3项出生年月`; `id_number` → `身份证号`."""
    parts = field.split(".")
    out = []
    for n, part in enumerate(parts):
        match = _PART.match(part)
        if match:
            name, index = match.group(1), int(match.group(2))
            head = LABELS.get(name, "其间" if name == "concurrent" else name)
            out.append(f"{head}第{index + 1}项")
        elif n == 0:
            out.append(LABELS.get(part, part))
        else:
            out.append(_ITEM_LABELS.get(part, part))
    return "".join(out)


def _in_scope(field: str, scope: str | Collection[str]) -> bool:
    if not isinstance(scope, str):
        return re.split(r"[\[.]", field, maxsplit=1)[0] in scope
    if scope == "all":
        return True
    if scope == "cadre":
        return "[" not in field
    return field.startswith(f"{scope}[")


def replace_problems(
    session: Session,
    ctx: ServiceContext,
    cadre: Cadre,
    problems: Sequence[Problem],
    *,
    scope: str | Collection[str],
    edited: Iterable[str] | None = (),
    source: str = "",
) -> None:
    """Make `problems` the cadre's problems within `scope` (`cadre`: its own fields; `family`,
    `rewards` …: one list; `all`; or a set of field and list names). Problems about text that could
    not be kept (`as_read`) stay unless their field is among `edited` (None: every field was
    rewritten, as by an import) or comes back in `problems`."""
    edited_set = set(edited or ())
    rows = session.scalars(select(VerificationProblem).where(VerificationProblem.cadre_id == cadre.id)).all()
    new_fields = {p.field for p in problems}
    before = sorted((r.field, r.message) for r in rows if _in_scope(r.field, scope))
    kept: set[str] = set()
    for row in rows:
        if not _in_scope(row.field, scope):
            continue
        if row.as_read and edited is not None and row.field not in edited_set and row.field not in new_fields:
            kept.add(row.field)
            continue
        session.delete(row)
    limit = max_length(VerificationProblem.message)
    for problem in problems:
        if problem.field in kept:
            continue
        session.add(
            VerificationProblem(
                cadre_id=cadre.id,
                field=problem.field[: max_length(VerificationProblem.field)],
                label=label_of(problem.field)[: max_length(VerificationProblem.label)],
                message=CONTROL_CHARS.sub("", problem.message)[:limit],  # what no engine stores
                involves=",".join(problem.involves)[: max_length(VerificationProblem.involves)],
                as_read=problem.as_read,
                source=source[-max_length(VerificationProblem.source) :],
            )
        )
    after = sorted(
        [(r.field, r.message) for r in rows if r.field in kept]
        + [(p.field, p.message) for p in problems if p.field not in kept]
    )
    if before != after:
        session.flush()
        audit.record(
            session,
            ctx,
            "update",
            "verification_problem",
            cadre.id,
            cadre.uid,
            {"待核实": [len(before), len(after)]},
            f"待核实：{cadre.name}（{len(after)} 项）"[:200],
        )


def clear_problems(session: Session, cadre_id: int) -> None:
    session.execute(delete(VerificationProblem).where(VerificationProblem.cadre_id == cadre_id))


def problems_in(session: Session, cadre_id: int) -> tuple[ProblemView, ...]:
    rows = session.scalars(
        select(VerificationProblem)
        .where(VerificationProblem.cadre_id == cadre_id)
        .order_by(VerificationProblem.id)
    ).all()
    return tuple(ProblemView(r.id, r.field, r.label, r.message, r.source, r.created_at) for r in rows)


def problems_by_cadre(ctx: ServiceContext) -> dict[int, tuple[ProblemView, ...]]:
    """Every cadre's problems (for `check --json`), in one query."""
    access.require(ctx, Permission.RECORDS_READ)
    out: dict[int, list[ProblemView]] = {}
    with ctx.db.read() as session:
        for r in session.scalars(
            select(VerificationProblem).order_by(VerificationProblem.cadre_id, VerificationProblem.id)
        ):
            out.setdefault(r.cadre_id, []).append(
                ProblemView(r.id, r.field, r.label, r.message, r.source, r.created_at)
            )
    return {cid: tuple(rows) for cid, rows in out.items()}


def get_problems(ctx: ServiceContext, cadre_id: int) -> tuple[ProblemView, ...]:
    access.require(ctx, Permission.RECORDS_READ)
    with ctx.db.read() as session:
        return problems_in(session, cadre_id)


def cadres_to_verify_in(session: Session, limit: int | None = 50) -> tuple[list[CadreToVerify], int]:
    """Live cadres with 待核实 problems, most problems first; and how many such cadres there are."""
    counts = (
        select(
            VerificationProblem.cadre_id.label("cadre_id"),
            func.count().label("n"),
            func.min(VerificationProblem.id).label("first_id"),
        )
        .group_by(VerificationProblem.cadre_id)
        .subquery()
    )
    base = (
        select(Cadre.id, Cadre.name, Unit.name, counts.c.n, VerificationProblem.message)
        .join(counts, counts.c.cadre_id == Cadre.id)
        .join(VerificationProblem, VerificationProblem.id == counts.c.first_id)
        .outerjoin(Unit, Unit.id == Cadre.unit_id)
        .where(Cadre.archived_at.is_(None))
    )
    total = int(session.scalar(select(func.count()).select_from(base.subquery())) or 0)
    stmt = base.order_by(counts.c.n.desc(), Cadre.id)
    if limit is not None:
        stmt = stmt.limit(limit)
    rows = [CadreToVerify(r[0], r[1], r[2] or "", int(r[3]), r[4]) for r in session.execute(stmt)]
    return rows, total


def cadres_to_verify(ctx: ServiceContext, limit: int | None = 50) -> tuple[list[CadreToVerify], int]:
    access.require(ctx, Permission.RECORDS_READ)
    with ctx.db.read() as session:
        return cadres_to_verify_in(session, limit)
