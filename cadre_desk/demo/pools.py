"""Young-cadre and reserve pool demo entries: about one young cadre in twelve, in every state (在库,
列为考察对象, 已使用, 退出 for each reason), with channels, 文号, directions, measures (挂职 linked to the
cadre's secondment, 帮带 linked to the pairing) and yearly reviews. Some entries age past their pool's
cap and some cadres carry a weak assessment or a 处分 from the records: the flags have something to show."""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import select
from sqlalchemy.orm import Session

from cadre_desk.db.models import (
    Cadre,
    Mentorship,
    PoolEntry,
    PoolMeasure,
    PoolReview,
    Secondment,
    TalentPool,
    Unit,
)
from cadre_desk.demo.store import Writer
from cadre_desk.domain.pools import Channel, ExitReason, MeasureKind, PoolState
from cadre_desk.domain.yearmonth import YearMonth, age_at

SHARE = 12  # one young cadre in SHARE enters a pool
_DIRECTIONS = (
    "乡镇党政正职", "县直部门领导班子", "经济发展和招商引资", "基层治理和信访维稳", "乡村振兴",
    "党建和组织工作", "综合文字和政策研究", "城市建设和项目管理",
)  # fmt: skip
_REVIEWS = (
    "政治素质好，工作实绩突出，群众认可度高，继续跟踪培养。",
    "能够胜任本职工作，独当一面能力有所提升，建议继续在基层一线历练。",
    "综合素质较好，但缺乏复杂环境历练，建议安排到重点工作中抽调锻炼。",
    "表现优秀，在急难险重任务中经受住了考验，建议列为考察对象。",
    "年度考核称职，工作作风扎实，建议加强经济工作方面的培训。",
)
_ROTATIONS = ("到乡镇党政办轮岗", "到县直部门业务股室轮岗", "到信访局跟班学习")
_KEY_TASKS = (
    "抽调参加县委巡察",
    "抽调参加重点项目攻坚专班",
    "抽调参加乡村振兴驻村工作",
    "抽调参加招商引资专班",
)
_TRAININGS = ("参加县委党校青年干部培训班", "参加市委党校中青年干部培训班", "参加省委组织部专题培训")
_POSTS = ("副镇长", "镇党委委员、组织委员", "副局长", "镇党委副书记", "主任科员")
# The states in the proportions a county sees: most entries in the pool, some under inspection, some
# used, some out for each reason. The first entries take each state once so a small demo has all.
_STATES = (
    [(PoolState.IN_POOL, "")] * 12 + [(PoolState.CANDIDATE, "")] * 3 + [(PoolState.USED, "")] * 3
    + [(PoolState.EXITED, r.value) for r in ExitReason]
)  # fmt: skip
_FIRST = [
    (PoolState.IN_POOL, ""), (PoolState.CANDIDATE, ""), (PoolState.USED, ""),
    *((PoolState.EXITED, r.value) for r in ExitReason),
]  # fmt: skip


def _months_before(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 - months
    return dt.date(index // 12, index % 12 + 1, min(day.day, 28))


def _between(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    if last <= first:
        return first
    return first + dt.timedelta(days=rng.randint(0, (last - first).days))


def write_pools(session: Session, writer: Writer, rng: random.Random, today: dt.date) -> int:
    """Write the entries (and their measures and reviews); returns how many entries."""
    pools = {p.name: p for p in session.scalars(select(TalentPool).where(TalentPool.archived_at.is_(None)))}
    if not pools:
        return 0
    young = session.execute(
        select(Cadre.id, Cadre.birth, Unit.short_name, Unit.name)
        .outerjoin(Unit, Unit.id == Cadre.unit_id)
        .where(
            Cadre.archived_at.is_(None), Cadre.birth >= YearMonth.from_date(_months_before(today, 12 * 41))
        )
        .order_by(Cadre.id)
    ).all()
    pairings = {
        mentee: pid
        for pid, mentee in session.execute(
            select(Mentorship.id, Mentorship.mentee_id).where(Mentorship.archived_at.is_(None))
        )
    }
    secondments: dict[int, tuple[int, dt.date]] = {}
    for sec_id, sec_cadre, sec_start in session.execute(
        select(Secondment.id, Secondment.cadre_id, Secondment.start).where(Secondment.archived_at.is_(None))
    ):
        secondments[sec_cadre] = (sec_id, sec_start.first_day())
    chosen = [r for r in young if rng.randrange(SHARE) == 0 or (r[0] in pairings and rng.random() < 0.3)]
    stamp = writer.stamp
    written = 0
    for n, (cadre_id, birth, short_name, unit_name) in enumerate(chosen):
        entered = _months_before(today, rng.randint(4, 54))
        age = age_at(birth, entered)
        fits = [p for p in pools.values() if age <= p.age_cap]
        if not fits:
            continue
        pool = rng.choice(fits)
        state, reason = _FIRST[n] if n < len(_FIRST) else rng.choice(_STATES)
        channel = rng.choice(list(Channel))
        entry = PoolEntry(
            uid=writer.uid(),
            created_at=stamp,
            updated_at=stamp,
            cadre_id=cadre_id,
            pool_id=pool.id,
            entered_on=entered,
            channel=channel.value,
            recommended_by=(unit_name or "") if channel == Channel.RECOMMENDED else "",
            document_no=f"{(short_name or '县委')[:4]}组通〔{entered.year}〕{rng.randint(1, 40)}号",
            direction=rng.choice(_DIRECTIONS),
            mentorship_id=pairings.get(cadre_id),
            state=state.value,
        )
        if state in (PoolState.CANDIDATE, PoolState.USED):
            entry.candidate_on = _between(rng, entered + dt.timedelta(days=90), today - dt.timedelta(days=60))
        if state == PoolState.USED:
            assert entry.candidate_on is not None
            entry.used_on = _between(
                rng, entry.candidate_on + dt.timedelta(days=20), today - dt.timedelta(days=5)
            )
            entry.used_post = rng.choice(_POSTS)
        if state == PoolState.EXITED:
            entry.exited_on = _between(rng, entered + dt.timedelta(days=60), today - dt.timedelta(days=5))
            entry.exit_reason = reason
            entry.exit_note = {"调出": "调往市直单位工作", "本人": "本人申请退出"}.get(reason, "")
        session.add(entry)
        session.flush()
        written += 1
        last = {
            PoolState.USED: entry.used_on,
            PoolState.EXITED: entry.exited_on,
        }.get(state, today) or today
        measures: list[tuple[str, dt.date, dt.date | None, str, int | None]] = []
        if cadre_id in secondments and secondments[cadre_id][1] >= entered:
            linked, began = secondments[cadre_id]
            measures.append((MeasureKind.SECONDMENT, began, None, "", linked))
        if entry.mentorship_id is not None:
            measures.append((MeasureKind.MENTORING, entered, None, "一对一帮带", None))
        for _ in range(rng.randint(1, 2)):
            what = rng.choice((MeasureKind.ROTATION, MeasureKind.KEY_TASK, MeasureKind.TRAINING))
            text = rng.choice({"轮岗": _ROTATIONS, "重点工作抽调": _KEY_TASKS, "培训": _TRAININGS}[what])
            begins = _between(rng, entered, last)
            ends = begins + dt.timedelta(days=rng.choice((14, 30, 90, 180)))
            measures.append((what, begins, ends if ends <= today else None, text, None))
        for kind, start, end, text, sid in measures:
            session.add(
                PoolMeasure(
                    uid=writer.uid(),
                    created_at=stamp,
                    updated_at=stamp,
                    entry_id=entry.id,
                    kind=kind,
                    start=start,
                    end=end,
                    content=text,
                    secondment_id=sid,
                )
            )
        for year in range(entered.year, min(last.year, today.year - 1) + 1):
            session.add(
                PoolReview(
                    uid=writer.uid(),
                    created_at=stamp,
                    updated_at=stamp,
                    entry_id=entry.id,
                    year=year,
                    opinion=rng.choice(_REVIEWS),
                    reviewed_on=dt.date(year, 12, rng.randint(10, 28)),
                )
            )
    session.flush()
    return written
