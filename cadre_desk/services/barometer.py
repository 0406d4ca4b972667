"""晴雨表 (Barometer): the period and entry views, and the one place that decides which colour an entry
shows (`effective_colour`; in SQL `shown_colour`): a 研判 override wins over the computed colour, and a
yellow or red covered by a 免责 ruling (已容错, `tolerated_in`) counts as green.

Every reading keeps the rule that fired; colours are computed by the local rule table
(services.barometer_rules) and shown with their configured word. The use cases have a module each:

- `barometer_periods`: open a period, its counts, moving it 采集中 → 研判中 → 已发布;
- `barometer_entries`: reading a period's entries, the counts per unit, the 联席研判表's data;
- `barometer_changes`: set a cadre's indicators, recompute a period's colours, the 研判 override, 处置,
  and the 苗头 talks a new yellow or red owes;
- `barometer_history`: one cadre's readings across periods and the warning ladder before an entry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import ColumnElement, Table, func, select
from sqlalchemy.orm import Session

from cadre_desk.db.models import BarometerEntry, BarometerPeriod
from cadre_desk.domain import barometer as bd
from cadre_desk.services import tolerance_effects

ENTRY: Table = BarometerEntry.__table__  # type: ignore[assignment]  # declarative: a Table


@dataclass(frozen=True)
class PeriodView:
    id: int
    code: str
    label: str
    start: dt.date
    end: dt.date
    state: str
    counts: dict[str, int]  # per colour code (effective colours)
    total: int
    published_at: dt.datetime | None
    published_by: str
    version: int

    def to_json(self, words: Mapping[str, str]) -> dict[str, Any]:
        return {
            "id": self.id,
            "period": self.code,
            "label": self.label,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "state": self.state,
            "total": self.total,
            "counts": {words[c]: self.counts.get(c, 0) for c in bd.COLOURS},
            "published_at": self.published_at.isoformat(timespec="seconds") if self.published_at else None,
            "published_by": self.published_by or None,
        }


@dataclass(frozen=True)
class EntryView:
    id: int
    period_id: int
    cadre_id: int
    name: str
    post: str
    unit_id: int | None
    unit: str
    indicators: dict[str, str] = field(hash=False)
    sources: str
    computed_colour: str
    rule_text: str
    override_colour: str
    override_reason: str
    override_by: str
    override_at: dt.datetime | None
    disposal: str
    disposal_way: str
    follow_up: str
    follow_up_done: bool
    disposed_by: str
    version: int
    # 已容错: a 免责 ruling whose window covers the period (services.tolerance_effects), as its label;
    # a yellow or red so covered counts as green (not negative) and shows 已容错.
    tolerated: str = ""

    @property
    def colour(self) -> str:
        """The colour shown: the 研判 override if any, else the computed one."""
        return effective_colour(self)

    @property
    def warning(self) -> bool:
        return self.colour in (bd.RED, bd.YELLOW)

    def to_json(self, words: Mapping[str, str]) -> dict[str, Any]:
        return {
            "id": self.id,
            "cadre_id": self.cadre_id,
            "name": self.name,
            "unit": self.unit,
            "colour": words[self.colour],
            "computed_colour": words[self.computed_colour],
            "rule": self.rule_text or None,
            "override": (
                {"colour": words[self.override_colour], "reason": self.override_reason,
                 "by": self.override_by,
                 "at": self.override_at.isoformat(timespec="seconds") if self.override_at else None}
                if self.override_colour else None
            ),
            "disposal": (
                {"kind": self.disposal, "way": self.disposal_way or None, "follow_up": self.follow_up,
                 "done": self.follow_up_done, "by": self.disposed_by}
                if self.disposal else None
            ),
            "indicators": {bd.BY_CODE[k].label: v for k, v in self.indicators.items() if v},
            "sources": self.sources,
            "tolerated": self.tolerated or None,
        }  # fmt: skip


def effective_colour(entry: EntryView | BarometerEntry) -> str:
    """The colour an entry shows and counts as (the hook for anything that changes what it counts as):
    the 研判 override wins over the computed colour, and a reading covered by a 免责 ruling (已容错)
    counts as green."""
    if isinstance(entry, EntryView) and entry.tolerated:
        return bd.GREEN
    return bd.effective_colour(entry.colour if isinstance(entry, BarometerEntry) else entry.computed_colour,
                               entry.override_colour)  # fmt: skip


def shown_colour() -> ColumnElement[str]:
    """The colour an entry shows, in SQL: the 研判 override if any, else the computed one (已容错 is
    applied after, by `tolerated_in`)."""
    return func.coalesce(func.nullif(BarometerEntry.override_colour, ""), BarometerEntry.colour)


def tolerated_in(
    session: Session, period_ids: Iterable[int]
) -> dict[int, dict[int, tuple[int | None, str, str]]]:
    """Per period, the non-green readings covered by a 免责 ruling: entry id -> (unit id, shown colour,
    the ruling's label)."""
    out: dict[int, dict[int, tuple[int | None, str, str]]] = {}
    shown = shown_colour()
    for p in session.scalars(select(BarometerPeriod).where(BarometerPeriod.id.in_(list(period_ids)))):
        rows = session.execute(
            select(BarometerEntry.id, BarometerEntry.cadre_id, BarometerEntry.unit_id, shown).where(
                BarometerEntry.period_id == p.id, shown != bd.GREEN
            )
        ).all()
        matters = tolerance_effects.tolerated_matters(session, {r[1] for r in rows}, p.start, p.end)
        by_cadre: dict[int, str] = {}
        for m in matters:
            if m.overlaps(p.start, p.end):
                by_cadre.setdefault(m.cadre_id, m.label())
        out[p.id] = {r[0]: (r[2], r[3], by_cadre[r[1]]) for r in rows if r[1] in by_cadre}
    return out


def with_tolerance(session: Session, views: list[EntryView]) -> list[EntryView]:
    found = tolerated_in(session, {v.period_id for v in views if v.colour != bd.GREEN})
    return [
        replace(v, tolerated=found[v.period_id][v.id][2]) if v.id in found.get(v.period_id, {}) else v
        for v in views
    ]


N_INDICATORS = len(bd.CODES)
