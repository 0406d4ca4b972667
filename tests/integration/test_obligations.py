"""Owed talks (应谈): events raise obligations, matching talks settle them, staff waive, merge, link,
close and reopen; the barometer's `raise_event` API."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from cadre_desk.db.models import AuditEvent, Obligation
from cadre_desk.errors import ConflictError, ValidationError
from cadre_desk.services import (
    audit_trail,
    cadre_records,
    cadres,
    obligation_changes,
    obligation_lookback,
    obligation_raising,
    obligations,
    rule_tables,
    talks,
    units,
)
from cadre_desk.services.context import ServiceContext
from cadre_desk.transfer import forms, importing
from tests.conftest import PINNED_DAY, make_cadre

TODAY = PINNED_DAY
pytestmark = pytest.mark.usefixtures("pinned_day")


def talk(
    ctx: ServiceContext, cadre_id: int, kind: str, when: dt.date = TODAY, **more: object
) -> talks.TalkView:
    values: dict[str, object] = {
        "talk_at": dt.datetime.combine(when, dt.time(9, 30)),
        "kind": kind,
        "subject_ids": (cadre_id,),
        "talkers": "赵部长",
        "content": "谈话内容",
    }
    values.update(more)
    return talks.record_talk(ctx, talks.TalkInput(**values))  # type: ignore[arg-type]


def owed(ctx: ServiceContext, cadre_id: int) -> list[obligations.ObligationView]:
    return obligations.list_obligations(ctx, cadre_id=cadre_id)


def test_raise_event_creates_a_pending_obligation_with_the_rules_due_date_and_talker(
    ctx: ServiceContext,
) -> None:
    c = make_cadre(ctx)
    with ctx.db.uow() as session:
        new_id = obligation_raising.raise_event(
            session, ctx, c.id, "苗头", "晴雨表 2026Q3 黄：信访待核", dt.date(2026, 10, 9), origin_id=77
        )
        again = obligation_raising.raise_event(
            session, ctx, c.id, "苗头", "晴雨表 2026Q3 黄：信访待核", dt.date(2026, 10, 9), origin_id=77
        )
    assert new_id is not None and again is None  # the same event raises once
    (o,) = owed(ctx, c.id)
    assert (o.rule, o.state, o.talk_kind, o.talker) == ("苗头", "待谈", "提醒谈话", "所在单位主要负责人")
    assert o.due_date == dt.date(2026, 11, 8) and o.event == "晴雨表 2026Q3 黄：信访待核"
    assert o.overdue == (dt.date(2026, 11, 8) < TODAY)
    assert o.as_json()["due"] == "2026.11.08" and o.as_json()["talk_id"] is None
    with ctx.db.read() as session:
        assert session.scalar(select(func.count()).where(AuditEvent.entity == "obligation")) == 1


def test_raise_events_in_bulk_is_raise_event_one_by_one(ctx: ServiceContext) -> None:
    """A barometer import raises hundreds at once: the same rules as one by one (each event once,
    a switched-off rule nothing, a talk already held settles), with one audit record each."""
    a, b, c = make_cadre(ctx, "甲"), make_cadre(ctx, "乙"), make_cadre(ctx, "丙")
    held = talk(ctx, b.id, "提醒谈话", TODAY)
    talk(ctx, c.id, "提醒谈话", TODAY - dt.timedelta(days=30))  # before the event: settles nothing
    day = TODAY - dt.timedelta(days=2)
    with ctx.db.uow() as session:
        first = obligation_raising.raise_event(
            session, ctx, a.id, "苗头", "晴雨表 预警：甲", day, origin_id=1
        )
    events = [
        obligation_raising.Event(
            a.id, "苗头", "晴雨表 预警：甲", day, "barometer", 1
        ),  # raised before: skipped
        obligation_raising.Event(b.id, "苗头", "晴雨表 预警：乙", day, "barometer", 2),
        obligation_raising.Event(c.id, "苗头", "晴雨表   预警：丙", day, "barometer", 3),
        obligation_raising.Event(
            c.id, "苗头", "晴雨表 预警：丙", day, "barometer", 3
        ),  # twice in the batch: once
        obligation_raising.Event(
            c.id, "苗头", "晴雨表 预警：丙", day, "note"
        ),  # the same words without a source: once
        obligation_raising.Event(a.id, "任职", "任县委组织部副部长", day, "post"),
    ]
    with ctx.db.uow() as session:
        raised = obligation_raising.raise_events(session, ctx, events, TODAY)
    assert first is not None and len(raised) == 3
    rows = {o.cadre_id: o for o in obligations.list_obligations(ctx, states=["待谈"]) if o.rule == "苗头"}
    assert set(rows) == {a.id, c.id} and rows[c.id].event == "晴雨表 预警：丙"
    (settled,) = [o for o in owed(ctx, b.id)]
    assert (settled.state, settled.talk_id) == ("已谈", held.id)
    assert [o.rule for o in owed(ctx, a.id)] == ["苗头", "任职"] or {o.rule for o in owed(ctx, a.id)} == {
        "苗头",
        "任职",
    }
    with ctx.db.read() as session:
        assert (
            session.scalar(
                select(func.count()).where(AuditEvent.entity == "obligation", AuditEvent.action == "create")
            )
            == 4
        )
    assert audit_trail.verify(ctx).ok
    for row in rule_tables.list_rows(ctx, "obligation_rule"):
        rule_tables.archive_row(ctx, "obligation_rule", row.id, row.version)
    with ctx.db.uow() as session:
        assert (
            obligation_raising.raise_events(
                session, ctx, [obligation_raising.Event(b.id, "苗头", "新的", TODAY)]
            )
            == []
        )


def test_a_rolled_back_caller_leaves_no_obligation(ctx: ServiceContext) -> None:
    c = make_cadre(ctx)
    with pytest.raises(RuntimeError), ctx.db.uow() as session:
        obligation_raising.raise_event(session, ctx, c.id, "苗头", "红：处分", TODAY)
        raise RuntimeError("the barometer's transaction fails")
    assert owed(ctx, c.id) == []


def test_a_switched_off_rule_raises_nothing(ctx: ServiceContext) -> None:
    c = make_cadre(ctx)
    rule = next(r for r in rule_tables.list_rows(ctx, "obligation_rule") if r.values["code"] == "苗头")
    rule_tables.archive_row(ctx, "obligation_rule", rule.id, rule.version)
    with ctx.db.uow() as session:
        assert obligation_raising.raise_event(session, ctx, c.id, "苗头", "黄", TODAY) is None
    assert obligation_changes.record_warning_sign(ctx, c.id, "工作作风漂浮") is None


def test_a_changed_post_owes_an_appointment_talk_and_a_new_unit_a_transfer_talk(ctx: ServiceContext) -> None:
    a = units.create_unit(ctx, units.UnitInput(name="某某镇", kind="乡镇"))
    b = units.create_unit(ctx, units.UnitInput(name="另一镇", kind="乡镇"))
    c = make_cadre(ctx, unit_id=a.id)
    d = make_cadre(ctx, "李四", unit_id=a.id)
    assert owed(ctx, c.id) == []  # a new cadre owes nothing
    view = cadres.get_cadre(ctx, c.id)
    new_post = dataclasses.replace(view.to_input(), post="某某镇党委副书记")
    cadres.update_cadre(ctx, c.id, new_post, view.version)
    view = cadres.get_cadre(ctx, d.id)
    cadres.update_cadre(ctx, d.id, dataclasses.replace(view.to_input(), unit_id=b.id), view.version)
    (o,) = owed(ctx, c.id)
    assert (o.rule, o.talk_kind, o.event_date) == ("任职", "任职谈话", TODAY)
    assert o.event == "现任职务变动：干部一科科长 → 某某镇党委副书记"
    (t,) = owed(ctx, d.id)
    assert (t.rule, t.talk_kind, t.event) == ("交流", "交流谈话", "单位变动：某某镇 → 另一镇")
    # a phone number changed: nothing owed
    view = cadres.get_cadre(ctx, c.id)
    cadres.update_cadre(ctx, c.id, dataclasses.replace(view.to_input(), phone="13800000000"), view.version)
    assert len(owed(ctx, c.id)) == 1


def test_a_new_open_career_line_owes_one_appointment_talk_and_an_old_one_none(ctx: ServiceContext) -> None:
    c = make_cadre(ctx)
    this_month = f"{TODAY.year}.{TODAY.month:02d}"
    line = cadre_records.ResumeEntryInput
    cadre_records.save_resume(
        ctx,
        c.id,
        [line("2007.07", "2015.06", "某某县某某乡科员"), line("2015.06", "", "县委组织部干部一科科长")],
        cadres.get_cadre(ctx, c.id).version,
    )
    assert owed(ctx, c.id) == []  # a line from 2015 is history (回溯), not a new appointment
    items = [line(r.start, r.end or "", r.text, id=r.id) for r in cadre_records.get_profile(ctx, c.id).resume]
    items[-1] = dataclasses.replace(items[-1], end=this_month)
    cadre_records.save_resume(
        ctx, c.id, [*items, line(this_month, "", "某某镇党委副书记")], cadres.get_cadre(ctx, c.id).version
    )
    (o,) = owed(ctx, c.id)
    assert o.rule == "任职" and o.event.endswith("某某镇党委副书记") and o.origin == "resume"


def test_a_youth_class_training_owes_a_youth_class_talk(ctx: ServiceContext) -> None:
    c = make_cadre(ctx)
    t = cadre_records.TrainingInput
    cadre_records.save_trainings(
        ctx,
        c.id,
        [
            t("2026年秋季专题班", "专题班", "县委党校", TODAY, TODAY, 20, 3),
            t("第十期青干班", "青干班", "县委党校", TODAY - dt.timedelta(days=5), TODAY, 80, 10),
        ],
        cadres.get_cadre(ctx, c.id).version,
    )
    (o,) = owed(ctx, c.id)
    assert (o.rule, o.talk_kind, o.talker) == ("青干班", "青干班谈话", "青干班班主任")
    assert o.event == "参加青干班：第十期青干班" and o.event_date == TODAY - dt.timedelta(days=5)


def test_a_talk_of_the_matching_kind_after_the_event_settles_it_by_itself(ctx: ServiceContext) -> None:
    c = make_cadre(ctx)
    o = obligation_changes.record_warning_sign(
        ctx, c.id, "八小时以外交往不够审慎", TODAY - dt.timedelta(days=3)
    )
    assert o is not None and o.state == "待谈"
    talk(ctx, c.id, "日常谈心")  # another kind: still owed
    talk(ctx, c.id, "提醒谈话", TODAY - dt.timedelta(days=10))  # before the event: still owed
    assert obligations.get_obligation(ctx, o.id).state == "待谈"
    done = talk(ctx, c.id, "提醒谈话")
    settled = obligations.get_obligation(ctx, o.id)
    assert (settled.state, settled.talk_id, settled.overdue) == ("已谈", done.id, False)
    talks.archive_talk(ctx, done.id)  # the talk is deleted: owed again
    assert obligations.get_obligation(ctx, o.id).state == "待谈"
    talks.restore_talk(ctx, done.id)
    assert obligations.get_obligation(ctx, o.id).talk_id == done.id


def test_an_event_after_an_existing_talk_is_settled_at_once(ctx: ServiceContext) -> None:
    c = make_cadre(ctx)
    earlier = talk(ctx, c.id, "提醒谈话", TODAY)
    o = obligation_changes.record_warning_sign(ctx, c.id, "苗头", TODAY - dt.timedelta(days=1))
    assert o is not None
    assert obligations.get_obligation(ctx, o.id).talk_id == earlier.id


def test_waive_merge_link_close_and_reopen(ctx: ServiceContext) -> None:
    c = make_cadre(ctx)
    other = make_cadre(ctx, "李四")
    first = obligation_changes.record_warning_sign(ctx, c.id, "苗头一", TODAY - dt.timedelta(days=40))
    second = obligation_changes.record_warning_sign(ctx, c.id, "苗头二", TODAY - dt.timedelta(days=2))
    assert first is not None and second is not None
    assert first.overdue and not second.overdue
    with pytest.raises(ValidationError) as err:
        obligation_changes.waive(ctx, first.id, "  ", first.version)
    assert "reason" in err.value.fields
    with pytest.raises(ValidationError):
        obligation_changes.merge(ctx, first.id, first.id, "同一问题", first.version)
    merged = obligation_changes.merge(ctx, first.id, second.id, "同一问题，一并谈", first.version)
    assert (merged.state, merged.merged_into_id, merged.overdue) == ("合并", second.id, False)
    with pytest.raises(ConflictError):
        obligation_changes.waive(ctx, first.id, "理由", first.version)
    reopened = obligation_changes.reopen(ctx, first.id, merged.version)
    assert reopened.state == "待谈" and reopened.merged_into_id is None
    waived = obligation_changes.waive(ctx, first.id, "已调离本县", reopened.version)
    assert (waived.state, waived.reason) == ("免谈", "已调离本县")

    routine = talk(ctx, c.id, "日常谈心", follow_ups=(talks.FollowUpInput("整改说明", "本人", None),))
    with pytest.raises(ValidationError):  # not a subject of that talk
        obligation_changes.link_talk(ctx, second.id, talk(ctx, other.id, "日常谈心").id, second.version)
    linked = obligation_changes.link_talk(ctx, second.id, routine.id, second.version)
    assert (linked.state, linked.talk_id) == ("已谈", routine.id)
    with pytest.raises(ValidationError) as err:  # a follow-up is still open
        obligation_changes.close(ctx, second.id, linked.version)
    assert "未完成" in err.value.fields["state"]
    (follow_up,) = talks.get_talk(ctx, routine.id).follow_ups
    talks.mark_follow_up_done(ctx, follow_up.id, TODAY)
    closed = obligation_changes.close(ctx, second.id, linked.version)
    assert closed.state == "已闭环"
    with ctx.db.read() as session:
        actions = session.scalars(
            select(AuditEvent.summary).where(AuditEvent.entity == "obligation").order_by(AuditEvent.id)
        ).all()
    assert any("免谈" in a for a in actions) and any("闭环" in a for a in actions)


def test_lists_filter_by_unit_talker_and_overdue(ctx: ServiceContext) -> None:
    a = units.create_unit(ctx, units.UnitInput(name="某某镇", kind="乡镇"))
    c = make_cadre(ctx, unit_id=a.id)
    d = make_cadre(ctx, "李四")
    late = obligation_changes.record_warning_sign(ctx, c.id, "迟到早退", TODAY - dt.timedelta(days=31))
    obligation_changes.record_warning_sign(ctx, d.id, "酒驾苗头", TODAY)
    assert late is not None
    assert [o.cadre_name for o in obligations.list_obligations(ctx, unit_id=a.id)] == ["张三"]
    assert [o.id for o in obligations.list_obligations(ctx, overdue_only=True)] == [late.id]
    assert len(obligations.list_obligations(ctx, talker="所在单位主要负责人")) == 2
    assert obligations.open_counts(ctx) == (2, 1)
    draft = obligations.talk_draft(ctx, late.id)
    assert (draft.kind, draft.subject_id, draft.talkers, draft.recorder) == (
        "提醒谈话",
        c.id,
        "所在单位主要负责人",
        "测试员",
    )


def test_a_warning_sign_note_needs_text_and_no_future_date(ctx: ServiceContext) -> None:
    c = make_cadre(ctx)
    with pytest.raises(ValidationError):
        obligation_changes.record_warning_sign(ctx, c.id, "")
    with pytest.raises(ValidationError):
        obligation_changes.record_warning_sign(ctx, c.id, "某事", TODAY + dt.timedelta(days=1))
    with ctx.db.read() as session:
        assert session.scalar(select(func.count(Obligation.id))) == 0


def test_an_imported_form_that_changes_the_post_owes_an_appointment_talk(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    original = Path(__file__).parents[1] / "fixtures" / "lrmx" / "filled_compact.lrmx"
    (cadre_id,) = importing.apply_plan(ctx, forms.plan_files(ctx, [original])).cadre_ids
    assert owed(ctx, cadre_id) == []  # a new cadre from a form owes nothing
    changed = tmp_path / "changed.lrmx"
    changed.write_bytes(
        original.read_bytes().replace("XX县委组织部副部长".encode(), "XX县委组织部常务副部长".encode())
    )
    importing.apply_plan(ctx, forms.plan_files(ctx, [changed]))
    (o,) = owed(ctx, cadre_id)
    assert o.rule == "任职" and o.event == "现任职务变动：XX县委组织部副部长 → XX县委组织部常务副部长"


def test_the_demo_county_has_obligations_in_every_state_and_a_few_overdue(ctx: ServiceContext) -> None:
    from cadre_desk import demo

    demo.generate(ctx.db, 120, seed=3)
    rows = obligations.list_obligations(ctx)
    states = {o.state for o in rows}
    assert states == {"待谈", "已谈", "已闭环", "免谈", "合并"}
    assert {o.rule for o in rows} == {"任职", "交流", "青干班", "苗头"}
    late = [o for o in rows if o.overdue]
    assert 0 < len(late) < len([o for o in rows if o.state == "待谈"])
    for o in rows:
        if o.state in ("已谈", "已闭环"):
            assert o.talk_id is not None
            t = talks.get_talk(ctx, o.talk_id)
            assert t.kind == o.talk_kind and o.cadre_id in t.subject_ids
        if o.state in ("免谈", "合并"):
            assert o.reason
        if o.state == "合并":
            assert obligations.get_obligation(ctx, o.merged_into_id or 0).cadre_id == o.cadre_id


def test_an_exchange_package_that_changes_the_post_owes_an_appointment_talk(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    from cadre_desk.db.opening import open_database
    from cadre_desk.services.context import open_context
    from cadre_desk.transfer import package

    c = make_cadre(ctx, "赵六")
    package.export_package(ctx, [c.id], tmp_path / "p1.zip")
    other_db = open_database(str(tmp_path / "other.db"), create=True)
    try:
        other = open_context(other_db, "对方")
        package.apply_package(other, package.plan_package(other, tmp_path / "p1.zip"))
        (theirs,) = [x for x in cadres.list_cadres(other) if x.uid == c.uid]
        assert obligations.list_obligations(other, cadre_id=theirs.id) == []  # a new cadre owes nothing
        view = cadres.get_cadre(ctx, c.id)
        moved = dataclasses.replace(view.to_input(), post="某某镇党委书记")
        cadres.update_cadre(ctx, c.id, moved, view.version)
        package.export_package(ctx, [c.id], tmp_path / "p2.zip")
        package.apply_package(other, package.plan_package(other, tmp_path / "p2.zip"))
        (o,) = obligations.list_obligations(other, cadre_id=theirs.id)
        assert o.rule == "任职" and o.event == "现任职务变动：干部一科科长 → 某某镇党委书记"
    finally:
        other_db.dispose()


def test_lookback_leaves_out_the_first_job_and_events_a_talk_answered(ctx: ServiceContext) -> None:
    c = make_cadre(ctx, "王五", work_start="2018.07")
    line = cadre_records.ResumeEntryInput
    cadre_records.save_resume(
        ctx,
        c.id,
        [
            line("2014.09", "2018.07", "某大学学习"),
            line("2018.07", "2021.03", "某乡科员（试用期）"),
            line("2021.03", "2023.06", "某乡副乡长"),
            line("2023.06", "", "某镇党委副书记"),
        ],
        cadres.get_cadre(ctx, c.id).version,
    )
    found = obligation_lookback.lookback(ctx, dt.date(2018, 1, 1), dt.date(2023, 12, 31))
    assert [e.event for e in found] == ["任职：2021.03-- 某乡副乡长", "任职：2023.06-- 某镇党委副书记"]
    talk(ctx, c.id, "任职谈话", dt.date(2023, 7, 3))  # answers 2023.06 (and, being later, 2021.03 too)
    assert obligation_lookback.lookback(ctx, dt.date(2018, 1, 1), dt.date(2023, 12, 31)) == []
    with pytest.raises(ValidationError):
        obligation_lookback.lookback(ctx, dt.date(2024, 1, 1), dt.date(2023, 1, 1))
