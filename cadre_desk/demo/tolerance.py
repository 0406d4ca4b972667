"""容错纠错 demo cases: a handful of cases in every state of the procedure, with the county's 情形, the
三个区分开来 analysis, rulings, correction measures (one overdue), a follow-up visit and a scan."""

from __future__ import annotations

import datetime as dt
import hashlib
import random

from sqlalchemy import select
from sqlalchemy.orm import Session

from cadre_desk.db.models import (
    ToleranceAttachment,
    ToleranceCase,
    ToleranceCaseRule,
    ToleranceMeasure,
    ToleranceRule,
    ToleranceVisit,
)
from cadre_desk.demo.generator import World
from cadre_desk.demo.store import Writer
from cadre_desk.domain.tolerance import CaseState, Origin, Ruling

# (matter, facts, 情形 key, motive, consequence, recovery)
_MATTERS = (
    (
        "招商引资项目土地预付款未能收回",
        "为加快重点项目落地，经班子会研究先行支付土地预付款，后因企业资金链断裂违约，预付款未能及时收回。",
        "development",
        "出于推动项目落地的公心，未谋取私利",
        "造成预付款 120 万元暂未收回",
        "已通过诉讼保全企业资产，追回 80 万元",
    ),
    (
        "先行试点农村产权抵押贷款出现坏账",
        "作为全县农村产权抵押贷款试点乡镇，在缺乏配套办法的情况下先行先试，部分贷款到期未还。",
        "reform",
        "落实改革试点任务，主动探索",
        "3 笔贷款逾期，涉及金额 46 万元",
        "已协调担保公司代偿，损失基本挽回",
    ),
    (
        "防汛抢险中临机调用物资未履行采购程序",
        "汛期险情突发，为保障群众安全，临机决定向企业调用砂石、编织袋等物资，事后补办采购手续。",
        "emergency",
        "为保护群众生命财产安全临机决断",
        "未造成损失，程序存在瑕疵",
        "已补办全部手续",
    ),
    (
        "化解征地拆迁信访积案中超标准补偿",
        "为化解持续八年的信访积案，经集体研究对个别困难户给予超出标准的过渡补助。",
        "legacy",
        "着眼化解矛盾、维护稳定",
        "超标准支付 5.6 万元",
        "已通过救助资金渠道规范列支",
    ),
    (
        "容缺受理企业开办审批后企业未按期补齐材料",
        "推行容缺受理改革，对一家企业先行办理开办手续，企业未在承诺期限内补齐材料。",
        "service",
        "优化营商环境、主动服务企业",
        "未造成实际损失",
        "已督促企业补齐材料",
    ),
    (
        "探索村级集体经济入股合作社出现亏损",
        "在上级尚无明确规定的情况下，指导村集体以资金入股农民专业合作社，因市场行情下跌出现亏损。",
        "pilot",
        "为壮大村级集体经济积极探索",
        "村集体经济亏损 12 万元",
        "合作社调整经营方向，亏损逐步收窄",
    ),
    (
        "落实惠农补贴政策时多发补贴",
        "因政策执行口径不清，按旧口径发放耕地地力保护补贴，导致部分农户多领补贴。",
        "policy",
        "按当时理解执行政策，无主观故意",
        "多发补贴 3.2 万元",
        "已全部追回",
    ),
)

# (state, ruling, origin, months ago registered)
_PLAN = (
    (CaseState.ARCHIVED, Ruling.EXEMPT, Origin.SELF, 20),
    (CaseState.CORRECTING, Ruling.NOT_ACCOUNTABLE, Origin.WITH_ACCOUNTABILITY, 8),
    (CaseState.RULED, Ruling.LIGHTER, Origin.UNIT, 5),
    (CaseState.VERIFYING, None, Origin.SELF, 3),
    (CaseState.ACCEPTED, None, Origin.UNIT, 2),
    (CaseState.REJECTED, None, Origin.SELF, 4),
    (CaseState.REGISTERED, None, Origin.SELF, 0),
)
# A one-page scan (a tiny PDF) for the archived case.
_SCAN = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def _months_ago(today: dt.date, months: int, day: int) -> dt.date:
    index = today.year * 12 + today.month - 1 - months
    return dt.date(index // 12, index % 12 + 1, min(day, 28))


def write_cases(session: Session, writer: Writer, rng: random.Random, world: World, today: dt.date) -> int:
    """Add the demo cases (after the writer's rows are flushed); returns how many."""
    people = [p for p in world.people if p.level >= 1] or world.people
    if not people:
        return 0
    rules: dict[str, int] = {k: i for k, i in session.execute(select(ToleranceRule.key, ToleranceRule.id))}
    chosen = rng.sample(people, min(len(_PLAN), len(people)))
    stamp = writer.stamp
    plan = _PLAN[: len(chosen)]
    # registered on a past day; numbered in the order of registration within each year
    received_on = [min(today, _months_ago(today, ago, rng.randint(1, 25))) for _s, _r, _o, ago in plan]
    numbers: dict[int, int] = {}
    per_year: dict[int, int] = {}
    for i in sorted(range(len(plan)), key=lambda i: (received_on[i], i)):
        year = received_on[i].year
        per_year[year] = per_year.get(year, 0) + 1
        numbers[i] = per_year[year]
    for i, (person, (state, ruling, origin, _ago)) in enumerate(zip(chosen, plan, strict=True)):
        matter, facts, key, motive, consequence, recovery = _MATTERS[i]
        received = received_on[i]
        started = _months_ago(received, rng.randint(2, 6), rng.randint(1, 28))
        ruled = state in (CaseState.RULED, CaseState.CORRECTING, CaseState.ARCHIVED)
        ruling_date = min(today, received + dt.timedelta(days=rng.randint(40, 75))) if ruled else None
        case = ToleranceCase(
            uid=writer.uid(),
            created_at=stamp,
            updated_at=stamp,
            number=f"容错〔{received.year}〕{numbers[i]}号",
            cadre_id=person.id,
            matter=matter,
            facts=facts,
            matter_start=started,
            origin=origin.value,
            received_by="县纪委监委",
            received_on=received,
            state=state.value,
            rejection_reason="经初核，该事项系违反明令禁止规定所致，不属于容错情形"
            if state is CaseState.REJECTED
            else "",
            motive=motive if state is not CaseState.REGISTERED else "",
            procedure="经班子集体研究决定，会议纪要在案" if state is not CaseState.REGISTERED else "",
            nature="工作失误，非违纪违法" if ruled else "",
            consequence=consequence if state is not CaseState.REGISTERED else "",
            recovery=recovery if ruled else "",
            ruling=ruling.value if ruling else "",
            ruling_body="县纪委监委" if ruled else "",
            ruling_date=ruling_date,
            ruling_number=f"县纪容〔{ruling_date.year}〕{i + 1}号" if ruling_date else "",
            ruling_text="符合容错情形，依照《中国共产党问责条例》作出认定" if ruled else "",
            feedback="已向本人及所在单位党组织反馈认定结果" if ruled else "",
            result_use="年度考核、评优评先、选拔任用不受影响"
            if ruling in (Ruling.EXEMPT, Ruling.NOT_ACCOUNTABLE)
            else "",
        )
        session.add(case)
        session.flush()
        if state is not CaseState.REGISTERED and key in rules:
            session.add(ToleranceCaseRule(uid=writer.uid(), case_id=case.id, rule_id=rules[key]))
        if state in (CaseState.CORRECTING, CaseState.ARCHIVED) and ruling_date is not None:
            late = state is CaseState.CORRECTING
            for position, (action, owner, days) in enumerate(
                (("完善相关工作制度和审批流程", "所在单位", 60), ("追缴或挽回剩余损失", "所在单位", 300))
            ):
                due = ruling_date + dt.timedelta(days=days)
                done = (
                    None
                    if late and (position == 1 or due < today)
                    else min(today, due - dt.timedelta(days=5))
                )
                session.add(
                    ToleranceMeasure(
                        uid=writer.uid(),
                        case_id=case.id,
                        action=action,
                        owner=owner,
                        due_date=due,
                        done_date=done,
                        position=position,
                    )
                )
        if state is CaseState.ARCHIVED and ruling_date is not None:
            session.add(
                ToleranceVisit(
                    uid=writer.uid(),
                    case_id=case.id,
                    visit_date=min(today, ruling_date + dt.timedelta(days=180)),
                    visitor="县委组织部干部监督科",
                    notes="本人思想稳定，干事创业劲头足，已在年度考核中评为称职以上等次",
                )
            )
            session.add(
                ToleranceAttachment(
                    uid=writer.uid(),
                    case_id=case.id,
                    file_name="容错认定书（扫描件）.pdf",
                    media_type="application/pdf",
                    size=len(_SCAN),
                    sha256=hashlib.sha256(_SCAN).hexdigest(),
                    data=_SCAN,
                )
            )
    session.flush()
    return len(chosen)
