"""应谈 demo data: owed talks from the four 三必谈 rules in every state (待谈 with a few 逾期, 已谈 and 已闭环
with the talk that settled them, 免谈 and 合并 with their reasons), about one for every 25 cadres."""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import select
from sqlalchemy.orm import Session

from cadre_desk.db.models import Obligation, ObligationRule
from cadre_desk.demo.generator import World, local
from cadre_desk.demo.people import Person
from cadre_desk.demo.store import Writer
from cadre_desk.domain.obligations import ObligationRuleCode as Code
from cadre_desk.domain.obligations import ObligationState as State

PER_CADRE = 1 / 25
_SIGNS = (
    "群众反映工作作风简单粗暴",
    "上班时间多次离岗，工作纪律松弛",
    "八小时以外交往不够审慎，参加老板宴请",
    "信访反映在项目验收中把关不严",
    "个人有关事项报告漏报一套房产",
    "年度考核末位，履职积极性不高",
)
_WAIVE = ("已调离本县，由新单位谈话", "任职前已由县委主要领导集体谈话", "反映问题经核查不属实")
_CLASSES = ("第十二期青干班", "第十三期青干班", "优秀年轻干部培训班")
_CONTENT = {
    "任职谈话": "宣布任职决定，肯定以往工作，提出任职要求，强调廉洁自律。",
    "交流谈话": "说明交流意图，了解思想动态和家庭困难，提出尽快融入新岗位的要求。",
    "青干班谈话": "介绍培训安排和纪律要求，了解成长经历和学习打算。",
    "提醒谈话": "指出反映的问题，听取本人说明，提出整改要求和时限。",
}


def _event(rng: random.Random, rule: str, person: Person, other_unit: str) -> str:
    if rule == Code.APPOINTMENT:
        return f"现任职务变动：{person.unit.name}科员 → {person.post}"
    if rule == Code.TRANSFER:
        return f"单位变动：{other_unit} → {person.unit.name}"
    if rule == Code.YOUTH_CLASS:
        return f"参加青干班：{rng.choice(_CLASSES)}"
    return rng.choice(_SIGNS)


def write_obligations(
    session: Session, writer: Writer, rng: random.Random, world: World, today: dt.date
) -> int:
    """Add the demo obligations (after the writer's rows are flushed); returns how many."""
    people = world.people
    if not people:
        return 0
    rules = {r.code: r for r in session.scalars(select(ObligationRule))}
    if not rules:
        return 0
    count = max(12, round(len(people) * PER_CADRE))
    chosen = [rng.choice(people) for _ in range(count)]
    codes = [Code.APPOINTMENT, Code.TRANSFER, Code.YOUTH_CLASS, Code.WARNING_SIGN]
    # States in a fixed share so that every one is there even in a small county.
    plan = [State.PENDING] * 4 + [State.TALKED] * 3 + [State.CLOSED] * 2 + [State.WAIVED] + [State.MERGED]
    made: list[Obligation] = []
    units = sorted({p.unit.name for p in people})
    for n, person in enumerate(chosen):
        code = codes[n % len(codes)]
        rule = rules[code]
        state = plan[n % len(plan)]
        late = state is State.PENDING and n % 3 == 0  # about a third of the 待谈 are 逾期
        ago = rng.randint(rule.due_days + 3, rule.due_days + 60) if late else rng.randint(1, 150)
        if state is State.PENDING and not late:
            ago = rng.randint(1, rule.due_days - 1)
        event_date = today - dt.timedelta(days=ago)
        created = local(event_date + dt.timedelta(days=rng.randint(0, 2)), 9)
        row = Obligation(
            uid=writer.uid(),
            created_at=created,
            updated_at=created,
            cadre_id=person.id,
            rule=code.value,
            event=_event(rng, code, person, rng.choice(units)),
            event_date=event_date,
            due_date=event_date + dt.timedelta(days=rule.due_days),
            origin={"任职": "post", "交流": "unit", "青干班": "training", "苗头": "note"}[code.value],
            talk_kind=rule.talk_kind,
            talker=rule.talker,
            state=State.PENDING.value,
            reason="",
        )
        if state in (State.TALKED, State.CLOSED):
            day = min(today, event_date + dt.timedelta(days=rng.randint(2, rule.due_days)))
            talk_id = writer.add(  # through the writer: its ids run ahead of the database's sequences
                "talk",
                {
                    "talk_at": dt.datetime.combine(day, dt.time(rng.choice((9, 10, 15, 16)), 0)),
                    "place": "县委组织部谈话室",
                    "kind": rule.talk_kind,
                    "talkers": rule.talker,
                    "recorder": "组织部干部",
                    "outline": "一、说明谈话事由；二、听取本人情况；三、提出要求；四、本人表态。",
                    "content": _CONTENT[rule.talk_kind],
                    "statement": "接受组织谈话，按要求抓好落实。",
                    "archived_at": None,
                },
                at=created,
            )
            writer.add("talk_subject", {"talk_id": talk_id, "cadre_id": person.id, "position": 0}, at=created)
            row.state, row.talk_id, row.settled_on = state.value, talk_id, day
            if state is State.CLOSED:
                row.closed_on = min(today, day + dt.timedelta(days=rng.randint(1, 20)))
        elif state is State.WAIVED:
            row.state, row.reason, row.settled_on = state.value, rng.choice(_WAIVE), event_date
        session.add(row)
        made.append(row)
    writer.flush()
    session.flush()
    merging = [row for n, row in enumerate(made) if plan[n % len(plan)] is State.MERGED]
    for row in merging:
        into = next((o for o in made if o.cadre_id == row.cadre_id and o not in merging), None)
        if into is None:  # a second 苗头 of the same cadre, left 待谈, to merge into
            into = Obligation(
                uid=writer.uid(),
                created_at=row.created_at,
                updated_at=row.created_at,
                cadre_id=row.cadre_id,
                rule=Code.WARNING_SIGN.value,
                event=rng.choice(_SIGNS),
                event_date=row.event_date,
                due_date=row.due_date,
                origin="note",
                talk_kind=rules[Code.WARNING_SIGN].talk_kind,
                talker=rules[Code.WARNING_SIGN].talker,
                state=State.PENDING.value,
                reason="",
            )
            session.add(into)
            session.flush()
            made.append(into)
        row.state, row.merged_into_id = State.MERGED.value, into.id
        row.reason, row.settled_on = "同一时期的同类问题，一并谈话", row.event_date
    session.flush()
    return len(made)
