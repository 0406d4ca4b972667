"""What a 免责 ruling means to the rest of the program (the 组织部 applies what the 纪委 ruled).

A case whose ruling stands (已认定, 纠错整改中, or archived after a ruling) with 免予问责 or 不予问责 is a
*tolerated matter* of its cadre: it is not counted negatively in 考核, 评优, 选任, 职级晋升 or 后备 status.
Its window runs from the matter's start to the end of the year after the ruling (the year-end assessment
of the ruling's year is made early the next year); a negative record of the cadre dated in that window
may concern the matter, so recording one warns (it is not refused: staff know whether it is the same
matter). The barometer, the pools and the profile ask here; these functions take the caller's session
and need no permission of their own (they reveal only that a ruling exists).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from cadre_desk.db.models import ToleranceCase
from cadre_desk.domain import vocab
from cadre_desk.domain.tolerance import EXEMPTING, CaseState
from cadre_desk.domain.yearmonth import DateFormatError, YearMonth, format_date
from cadre_desk.services import access
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext

_RULED = (CaseState.RULED.value, CaseState.CORRECTING.value, CaseState.ARCHIVED.value)
NEGATIVE_GRADES = frozenset(
    {vocab.AssessmentGrade.BASICALLY_COMPETENT.value, vocab.AssessmentGrade.INCOMPETENT.value}
)
When = dt.date | YearMonth | int | tuple[dt.date, dt.date]


@dataclass(frozen=True)
class ToleratedMatter:
    case_id: int
    number: str
    cadre_id: int
    matter: str
    matter_start: dt.date
    ruling: str
    ruling_body: str
    ruling_date: dt.date
    ruling_number: str

    @property
    def window(self) -> tuple[dt.date, dt.date]:
        """The dates a negative record may concern this matter in."""
        return self.matter_start, dt.date(self.ruling_date.year + 1, 12, 31)

    def overlaps(self, start: dt.date, end: dt.date) -> bool:
        first, last = self.window
        return start <= last and end >= first

    def label(self) -> str:
        """`已容错（2026.05.12 县纪委监委 免予问责，X纪容〔2026〕3号）`: what the profile shows."""
        day = format_date(self.ruling_date)
        return f"已容错（{day} {self.ruling_body} {self.ruling}，{self.ruling_number}）"

    def to_json(self) -> dict[str, object]:
        return {
            "case_id": self.case_id,
            "number": self.number,
            "cadre_id": self.cadre_id,
            "matter": self.matter,
            "matter_start": format_date(self.matter_start),
            "ruling": self.ruling,
            "ruling_body": self.ruling_body,
            "ruling_date": format_date(self.ruling_date),
            "ruling_number": self.ruling_number,
        }


def tolerated_matters(
    session: Session,
    cadre_ids: Iterable[int] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> list[ToleratedMatter]:
    """The 免责 rulings in force (of these cadres; whose window overlaps start..end), oldest first."""
    stmt = select(ToleranceCase).where(
        ToleranceCase.archived_at.is_(None),
        ToleranceCase.state.in_(_RULED),
        ToleranceCase.ruling.in_([r.value for r in EXEMPTING]),
        ToleranceCase.cadre_id.is_not(None),
        ToleranceCase.ruling_date.is_not(None),
    )
    ids = None if cadre_ids is None else sorted(set(cadre_ids))
    if ids is not None:
        if not ids:
            return []
        stmt = stmt.where(
            or_(*(ToleranceCase.cadre_id.in_(ids[i : i + 500]) for i in range(0, len(ids), 500)))
        )
    if end is not None:
        stmt = stmt.where(ToleranceCase.matter_start <= end)
    stmt = stmt.order_by(ToleranceCase.ruling_date, ToleranceCase.id)
    found = [
        ToleratedMatter(
            c.id,
            c.number,
            c.cadre_id or 0,
            c.matter,
            c.matter_start,
            c.ruling,
            c.ruling_body,
            c.ruling_date or c.matter_start,
            c.ruling_number,
        )
        for c in session.scalars(stmt)
    ]
    if start is not None:
        found = [m for m in found if m.window[1] >= start]
    return found


def tolerated_cadre_ids(session: Session, on: dt.date) -> frozenset[int]:
    """The cadres with a 免责 ruling whose window covers `on` (e.g. for a pool's exit check)."""
    return frozenset(m.cadre_id for m in tolerated_matters(session, None, on, on))


def cadre_tolerance(ctx: ServiceContext, cadre_id: int) -> list[ToleratedMatter]:
    """The cadre's 免责 rulings: the profile shows 已容错 with the date and the document number."""
    access.require_any(ctx, Permission.RECORDS_READ, Permission.TOLERANCE)
    with ctx.db.read() as session:
        return tolerated_matters(session, [cadre_id])


def _span(on: dt.date | YearMonth | int | tuple[dt.date, dt.date]) -> tuple[dt.date, dt.date]:
    if isinstance(on, tuple):
        return on
    if isinstance(on, int):
        return dt.date(on, 1, 1), dt.date(on, 12, 31)
    if isinstance(on, YearMonth):
        first = dt.date(on.year, on.month, 1)
        following = dt.date(on.year + on.month // 12, on.month % 12 + 1, 1)
        return first, following - dt.timedelta(days=1)
    return on, on


def negative_entries(
    key: str, rows: Iterable[Mapping[str, str]], today: dt.date
) -> list[tuple[dt.date | YearMonth | int, str]]:
    """(when, what) of the negative rows among `rows` of the profile list `key` (`rewards`: a 惩处
    row, dated by its month or today; `assessments`: 基本称职 / 不称职, dated by its year)."""
    found: list[tuple[dt.date | YearMonth | int, str]] = []
    for row in rows:
        if key == "rewards" and row.get("kind", "").strip() == vocab.RewardKind.PUNISHMENT.value:
            try:
                month = YearMonth.parse_optional(row.get("date", ""))
            except DateFormatError:
                month = None
            found.append((month or today, "惩处记录"))
        elif key == "assessments" and row.get("grade", "").strip() in NEGATIVE_GRADES:
            year = row.get("year", "").strip()
            found.append((int(year) if year.isdigit() else today.year, "考核结果"))
    return found


# Who may be told a ruling exists: one that may read neither records nor cases gets no hint of them.
MAY_KNOW = (Permission.RECORDS_READ, Permission.TOLERANCE)


def negative_warnings(ctx: ServiceContext, cadre_id: int, on: When, what: str = "负面记录") -> list[str]:
    """Warnings (Chinese) to show before a negative record of the cadre dated `on` (a date, a month, a
    year or a span such as a 晴雨表 period) is saved: one per 免责 ruling that record may concern.
    Empty: nothing to warn about."""
    access.require_any(ctx, *MAY_KNOW)
    with ctx.db.read() as session:
        return warnings_in(session, cadre_id, on, what)


def warnings_in(session: Session, cadre_id: int, on: When, what: str = "负面记录") -> list[str]:
    """`negative_warnings` in the caller's session (the caller has checked `MAY_KNOW`)."""
    start, end = _span(on)
    matters = [m for m in tolerated_matters(session, [cadre_id]) if m.overlaps(start, end)]
    return [
        f"该干部的“{m.matter}”已于{format_date(m.ruling_date)}经{m.ruling_body}认定{m.ruling}（{m.ruling_number}）。"
        f"如本{what}涉及同一事项，按容错纠错规定不作负面评价，请核实后再保存。"
        for m in matters
    ]


def record_warnings(
    ctx: ServiceContext, cadre_id: int, changed: Mapping[str, Iterable[Mapping[str, str]]], today: dt.date
) -> list[str]:
    """`row_warnings` for the profile's save: empty for an account that may read neither records nor
    cases (no hint that a ruling exists)."""
    access.require(ctx, Permission.SIGNED_IN)
    if not access.can_any(ctx, *MAY_KNOW):
        return []
    with ctx.db.read() as session:
        return row_warnings(session, cadre_id, changed, today)


def row_warnings(
    session: Session, cadre_id: int, changed: Mapping[str, Iterable[Mapping[str, str]]], today: dt.date
) -> list[str]:
    """The warnings about new or changed rows of the cadre's profile lists (each message once):
    the profile's save and every import ask here."""
    messages: list[str] = []
    for key, rows in changed.items():
        for when, what in negative_entries(key, rows, today):
            for message in warnings_in(session, cadre_id, when, what):
                if message not in messages:
                    messages.append(message)
    return messages
