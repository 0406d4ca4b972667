"""晴雨表 demo readings: the last four quarters up to today's, mostly green, some yellow, rare red, each
yellow and red with its 处置 and follow-up, a few 研判 overrides; the three older quarters 已发布, the
current one 研判中. Colours are computed by the shipped rule table, as the program would."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from cadre_desk.db.models import BarometerEntry, BarometerPeriod
from cadre_desk.demo.generator import World
from cadre_desk.demo.store import Writer
from cadre_desk.domain import barometer as bd
from cadre_desk.services import barometer_rules

QUARTERS = 4
YELLOW_RATE, RED_RATE = 0.06, 0.008
_YELLOW = (
    ({"petition": "待核"}, "县信访局", "提醒谈话", "", "由分管领导进行提醒谈话，本人作出说明"),
    ({"petition": "属实"}, "县信访局", "函询", "", "函询后本人书面说明，已责令整改"),
    ({"personal_matters": "漏报"}, "县委组织部个人事项核查", "提醒谈话", "", "责令补报，已补报"),
    ({"talk_measure": "提醒谈话"}, "", "无", "", "本期已提醒谈话，继续观察"),
    ({"rank_last": "是"}, "", "提醒谈话", "", "谈心谈话，帮助分析原因"),
    (
        {"audit_finding": "专项资金拨付滞后", "petition": "待核"},
        "县审计局",
        "函询",
        "",
        "已函询，整改报告已报送",
    ),
)
_RED = (
    ({"discipline": "党内警告"}, "县纪委监委处分名单", "诫勉", "", "诫勉谈话，处分影响期内不得提拔"),
    ({"discipline": "政务记过", "org_handling": "调整职务"}, "县纪委监委处分名单", "调整岗位", "调离岗位",
     "已调离原岗位"),
    ({"case_review": "是"}, "县纪委监委", "限制使用", "", "立案审查期间暂停提拔使用"),
)  # fmt: skip
OFFICE = "县委组织部干部监督科"
_DUTY = ("好", "好", "好", "较好", "较好", "一般")


def _periods(today: dt.date) -> list[bd.Period]:
    current = bd.period_containing(today)
    out = [current]
    while len(out) < QUARTERS:
        out.append(out[-1].previous())
    return list(reversed(out))


def write_readings(session: Session, writer: Writer, rng: random.Random, world: World, today: dt.date) -> int:
    """Add the periods and their readings (after the writer's rows are flushed); returns the readings."""
    if not world.people:
        return 0
    rules = barometer_rules.rules_in(session)
    stamp = writer.stamp
    unit_of = {p.id: world.unit_ids[p.unit.index] for p in world.people}
    periods = _periods(today)
    carried: dict[int, int] = {}  # cadre id -> quarters yellow in a row (the ladder climbs)
    written = 0
    for n, period in enumerate(periods):
        current = n == len(periods) - 1
        row = BarometerPeriod(
            uid=writer.uid(), created_at=stamp, updated_at=stamp, version=1, code=period.code,
            start=period.start, end=period.end, state=bd.REVIEWING if current else bd.PUBLISHED,
            published_at=None if current else stamp, published_by="" if current else OFFICE,
        )  # fmt: skip
        session.add(row)
        session.flush()
        rows: list[dict[str, Any]] = []
        for person in world.people:
            values = dict.fromkeys(bd.CODES, "")
            values["duty"] = rng.choice(_DUTY)
            if period.code.endswith("Q4") or period.code.endswith("Q1"):
                values["assessment"] = "优秀" if rng.random() < 0.2 else "称职"
            sources, disposal, way, follow = "", "", "", ""
            roll = rng.random()
            again = carried.get(person.id, 0)
            if roll < RED_RATE:
                extra, sources, disposal, way, follow = rng.choice(_RED)
                values.update(extra)
            elif roll < RED_RATE + YELLOW_RATE or (again and rng.random() < 0.4):
                extra, sources, disposal, way, follow = rng.choice(_YELLOW)
                values.update(extra)
                if again and disposal == "提醒谈话":
                    disposal, follow = "函询", "上期已提醒谈话，本期仍有问题，予以函询"
            reading = bd.evaluate(values, rules)
            override, reason = "", ""
            if reading.colour == bd.YELLOW and rng.random() < 0.08:
                override, reason = bd.GREEN, "经联席研判，反映问题已查清不属实，不予预警"
                disposal, follow = "无", ""
            shown = override or reading.colour
            carried[person.id] = again + 1 if shown == bd.YELLOW else 0
            if shown == bd.GREEN and not override:
                disposal, way, follow = "", "", ""
            elif current and rng.random() < 0.3:
                disposal, way, follow = "", "", ""  # still to be decided in 研判中
            rows.append(
                {"uid": writer.uid(), "created_at": stamp, "updated_at": stamp, "version": 1,
                 "period_id": row.id, "cadre_id": person.id, "unit_id": unit_of[person.id], **values,
                 "sources": sources, "colour": reading.colour,
                 "rule_id": reading.rule.id if reading.rule else None, "rule_text": reading.rule_text[:200],
                 "override_colour": override, "override_reason": reason,
                 "override_by": OFFICE if override else "", "override_at": stamp if override else None,
                 "disposal": disposal, "disposal_way": way, "follow_up": follow,
                 "follow_up_done": bool(disposal and not current), "disposed_by": OFFICE if disposal else ""}
            )  # fmt: skip
        for start in range(0, len(rows), 5000):
            session.execute(insert(BarometerEntry), rows[start : start + 5000])
        written += len(rows)
    return written
