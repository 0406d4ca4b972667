"""Talk records (谈话记录): required fields, time forms, subjects and follow-ups, filters, search."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import func, select

from cadre_desk.db.models import AuditEvent, TalkFollowUp
from cadre_desk.errors import ConflictError, NotFoundError, ValidationError
from cadre_desk.services import cadres, maintenance, search
from cadre_desk.services import talks as tk
from cadre_desk.services.context import ServiceContext
from tests.conftest import make_cadre

F = tk.FollowUpInput


@pytest.fixture
def people(ctx: ServiceContext) -> tuple[cadres.CadreView, cadres.CadreView, cadres.CadreView]:
    return (
        make_cadre(ctx, "张三"),
        make_cadre(ctx, "李四", gender="女"),
        make_cadre(ctx, "王五"),
    )


def talk_input(subject_ids: tuple[int, ...], **changes: object) -> tk.TalkInput:
    values: dict[str, object] = {
        "talk_at": "2024.05.17 14:30",
        "kind": "任职谈话",
        "subject_ids": subject_ids,
        "talkers": "赵部长、钱科长",
        "place": "县委组织部三楼会议室",
        "recorder": "孙干事",
        "outline": "一、任职要求；二、廉洁自律",
        "content": "宣布任职决定，提出工作要求，强调廉洁自律。",
        "statement": "坚决服从组织安排，尽快进入角色。",
        "follow_ups": (),
    }
    values.update(changes)
    return tk.TalkInput(**values)  # type: ignore[arg-type]


def found(ctx: ServiceContext, text: str) -> set[int]:
    return {hit.ref_id for hit in search.search(ctx, text, kinds=["talk"]).hits}


def follow_up_rows(ctx: ServiceContext, talk_id: int) -> list[tuple[int, str, bool]]:
    with ctx.db.read() as session:
        return [
            (f.id, f.action, f.archived_at is not None)
            for f in session.scalars(
                select(TalkFollowUp).where(TalkFollowUp.talk_id == talk_id).order_by(TalkFollowUp.id)
            )
        ]


def audit_count(ctx: ServiceContext) -> int:
    with ctx.db.read() as session:
        return int(session.scalar(select(func.count(AuditEvent.id))) or 0)


# --- recording ------------------------------------------------------------------------------------


def test_record_a_talk_with_two_subjects_and_follow_ups(ctx: ServiceContext, people: tuple) -> None:
    zhang, li, _wang = people
    view = tk.record_talk(
        ctx,
        talk_input(
            (li.id, zhang.id),
            follow_ups=(
                F("一个月内报送履职计划", "李四", "2024.06.17"),
                F("组织部跟踪了解适应情况", "钱科长", dt.date(2024, 8, 31)),
            ),
        ),
    )
    assert view.talk_at == dt.datetime(2024, 5, 17, 14, 30)
    assert view.subject_ids == (li.id, zhang.id)  # the order given
    assert view.subjects == ("李四", "张三")
    assert (view.kind, view.talkers, view.place, view.recorder) == (
        "任职谈话",
        "赵部长、钱科长",
        "县委组织部三楼会议室",
        "孙干事",
    )
    assert view.statement == "坚决服从组织安排，尽快进入角色。"
    assert [(f.action, f.owner, f.due_date, f.done_date) for f in view.follow_ups] == [
        ("一个月内报送履职计划", "李四", dt.date(2024, 6, 17), None),
        ("组织部跟踪了解适应情况", "钱科长", dt.date(2024, 8, 31), None),
    ]
    assert all(f.talk_id == view.id for f in view.follow_ups)
    assert tk.get_talk(ctx, view.id) == view
    with ctx.db.read() as session:
        rows = session.execute(
            select(AuditEvent.action, AuditEvent.entity, AuditEvent.changes, AuditEvent.account_id).order_by(
                AuditEvent.id
            )
        ).all()
    talk_rows = [r for r in rows if r.entity in ("talk", "talk_follow_up")]
    assert [(r.action, r.entity) for r in talk_rows] == [
        ("create", "talk"),
        ("create", "talk_follow_up"),
        ("create", "talk_follow_up"),
    ]
    assert talk_rows[0].changes["subject_ids"] == [None, [li.id, zhang.id]]
    assert talk_rows[0].changes["talk_at"] == [None, "2024-05-17T14:30:00"]
    assert {r.account_id for r in talk_rows} == {ctx.account_id}


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"kind": ""}, "kind", "请选择谈话类型"),
        ({"kind": "闲聊"}, "kind", "谈话类型“闲聊”不在可选范围内"),
        ({"subject_ids": ()}, "subject_ids", "请选择谈话对象"),
        ({"talkers": "  "}, "talkers", "请填写谈话人"),
        ({"content": ""}, "content", "请填写谈话内容"),
        ({"talk_at": ""}, "talk_at", "请填写谈话时间"),
        ({"talk_at": "五月十七日"}, "talk_at", "谈话时间："),
        ({"talk_at": "2024.05.17 25:00"}, "talk_at", "时间不存在"),
        ({"talk_at": "2024.02.30 10:00"}, "talk_at", "不是存在的日期"),
        ({"subject_ids": (4242,)}, "subject_ids", "谈话对象（编号 4242）不存在"),
        ({"follow_ups": (F(""),)}, "follow_ups[0].action", "请填写后续事项"),
        ({"follow_ups": (F("补材料", due_date="2024.13.01"),)}, "follow_ups[0].due_date", "完成时限"),
    ],
)
def test_field_errors(
    ctx: ServiceContext, people: tuple, changes: dict[str, object], field: str, message: str
) -> None:
    before = audit_count(ctx)
    with pytest.raises(ValidationError) as info:
        tk.record_talk(ctx, talk_input(**{"subject_ids": (people[0].id,), **changes}))
    assert field in info.value.fields, info.value.fields
    assert message in info.value.fields[field]
    assert tk.list_talks(ctx) == []
    assert audit_count(ctx) == before


def test_duplicate_subjects(ctx: ServiceContext, people: tuple) -> None:
    with pytest.raises(ValidationError) as info:
        tk.record_talk(ctx, talk_input((people[0].id, people[0].id)))
    assert info.value.fields == {"subject_ids": "谈话对象重复"}


def test_all_required_fields_at_once(ctx: ServiceContext) -> None:
    with pytest.raises(ValidationError) as info:
        tk.record_talk(ctx, tk.TalkInput(talk_at="", kind="", subject_ids=(), talkers="", content=""))
    assert set(info.value.fields) == {"talk_at", "kind", "subject_ids", "talkers", "content"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024.05.17 14:30", dt.datetime(2024, 5, 17, 14, 30)),
        ("2024-05-17 9:05", dt.datetime(2024, 5, 17, 9, 5)),
        ("2024-05-17T09:05", dt.datetime(2024, 5, 17, 9, 5)),
        ("2024年5月17日 14：30", dt.datetime(2024, 5, 17, 14, 30)),
        ("2024.05.17", dt.datetime(2024, 5, 17)),
    ],
)
def test_time_forms(ctx: ServiceContext, people: tuple, text: str, expected: dt.datetime) -> None:
    assert tk.parse_datetime(text) == expected
    assert tk.record_talk(ctx, talk_input((people[0].id,), talk_at=text)).talk_at == expected


@pytest.mark.usefixtures("pinned_day")
def test_future_time_is_rejected(ctx: ServiceContext, people: tuple) -> None:
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as info:
        tk.record_talk(ctx, talk_input((people[0].id,), talk_at=f"{tomorrow:%Y.%m.%d} 09:00"))
    assert "不能晚于现在" in info.value.fields["talk_at"]
    with pytest.raises(ValidationError):
        tk.record_talk(ctx, talk_input((people[0].id,), talk_at=dt.datetime.combine(tomorrow, dt.time(9))))
    assert tk.list_talks(ctx) == []


@pytest.mark.usefixtures("pinned_day")
def test_a_time_later_today_is_rejected_too(ctx: ServiceContext, people: tuple) -> None:
    later = dt.datetime.now() + dt.timedelta(minutes=5)
    with pytest.raises(ValidationError) as info:
        tk.record_talk(ctx, talk_input((people[0].id,), talk_at=later))
    assert "不能晚于现在" in info.value.fields["talk_at"]


# --- updating -------------------------------------------------------------------------------------


def test_update_replaces_subjects_and_follow_ups(ctx: ServiceContext, people: tuple) -> None:
    zhang, li, wang = people
    view = tk.record_talk(
        ctx, talk_input((zhang.id, li.id), follow_ups=(F("报送计划", due_date="2024.06.17"), F("谈心回访")))
    )
    keep, drop = view.follow_ups
    updated = tk.update_talk(
        ctx,
        view.id,
        talk_input(
            (wang.id, zhang.id),
            kind="交流谈话",
            follow_ups=(F("报送计划和总结", "张三", "2024.06.30", id=keep.id), F("新增：一季度后再谈")),
        ),
        view.version,
    )
    assert updated.subject_ids == (wang.id, zhang.id)
    assert updated.subjects == ("王五", "张三")
    assert updated.kind == "交流谈话"
    assert updated.version == view.version + 1
    assert [f.action for f in updated.follow_ups] == ["报送计划和总结", "新增：一季度后再谈"]
    assert updated.follow_ups[0].id == keep.id  # updated in place
    assert updated.follow_ups[0].due_date == dt.date(2024, 6, 30)
    rows = {fid: (action, archived) for fid, action, archived in follow_up_rows(ctx, view.id)}
    assert rows[drop.id] == ("谈心回访", True)  # removed: archived, still in the table
    assert len(rows) == 3
    assert tk.get_talk(ctx, view.id) == updated
    with ctx.db.read() as session:
        changes = [
            (r.action, r.entity, r.changes)
            for r in session.scalars(
                select(AuditEvent)
                .where(AuditEvent.entity.in_(("talk", "talk_follow_up")))
                .order_by(AuditEvent.id)
            )
        ][3:]
    assert ("update", "talk", {"kind": ["任职谈话", "交流谈话"]}) in changes
    assert ("update", "talk", {"subject_ids": [[zhang.id, li.id], [wang.id, zhang.id]]}) in changes
    assert [(a, e) for a, e, _c in changes if e == "talk_follow_up"] == [
        ("update", "talk_follow_up"),
        ("create", "talk_follow_up"),
        ("archive", "talk_follow_up"),
    ]


def test_stale_update_conflicts(ctx: ServiceContext, people: tuple) -> None:
    view = tk.record_talk(ctx, talk_input((people[0].id,)))
    fresh = tk.update_talk(ctx, view.id, talk_input((people[0].id,), place="谈话室"), view.version)
    with pytest.raises(ConflictError):
        tk.update_talk(ctx, view.id, talk_input((people[1].id,), place="会议室"), view.version)
    assert tk.get_talk(ctx, view.id) == fresh
    with pytest.raises(NotFoundError):
        tk.get_talk(ctx, 4242)


def test_failed_update_changes_nothing(ctx: ServiceContext, people: tuple) -> None:
    view = tk.record_talk(ctx, talk_input((people[0].id,), follow_ups=(F("回访"),)))
    before = audit_count(ctx)
    with pytest.raises(ValidationError):
        tk.update_talk(ctx, view.id, talk_input((people[1].id,), content="", follow_ups=()), view.version)
    assert tk.get_talk(ctx, view.id) == view
    assert audit_count(ctx) == before


# --- follow-ups -----------------------------------------------------------------------------------


@pytest.mark.usefixtures("pinned_day")
def test_mark_follow_up_done_and_reopen(ctx: ServiceContext, people: tuple) -> None:
    view = tk.record_talk(
        ctx, talk_input((people[0].id,), follow_ups=(F("报送计划", due_date="2024.06.17"),))
    )
    [f] = view.follow_ups
    done = tk.mark_follow_up_done(ctx, f.id, dt.date(2024, 6, 10))
    assert done.done_date == dt.date(2024, 6, 10) and done.version == f.version + 1
    assert tk.get_talk(ctx, view.id).follow_ups[0].done_date == dt.date(2024, 6, 10)
    assert tk.open_follow_ups(ctx) == []
    again = tk.mark_follow_up_done(ctx, f.id, dt.date(2024, 6, 10))  # no change: no write
    assert again.version == done.version
    reopened = tk.mark_follow_up_done(ctx, f.id, None)
    assert reopened.done_date is None
    assert [o.id for o in tk.open_follow_ups(ctx)] == [f.id]
    with ctx.db.read() as session:
        changes = list(
            session.scalars(
                select(AuditEvent.changes)
                .where(AuditEvent.entity == "talk_follow_up", AuditEvent.action == "update")
                .order_by(AuditEvent.id)
            )
        )
    assert changes == [{"done_date": [None, "2024.06.10"]}, {"done_date": ["2024.06.10", None]}]
    with pytest.raises(ValidationError):
        tk.mark_follow_up_done(ctx, f.id, dt.date.today() + dt.timedelta(days=1))
    with pytest.raises(NotFoundError):
        tk.mark_follow_up_done(ctx, 4242, None)


def test_open_follow_ups_order_and_filters(ctx: ServiceContext, people: tuple) -> None:
    first = tk.record_talk(
        ctx,
        talk_input(
            (people[0].id,),
            follow_ups=(
                F("无期限事项"),
                F("七月底前", due_date="2024.07.31"),
                F("已完成", due_date="2024.05.20", done_date="2024.05.19"),
            ),
        ),
    )
    second = tk.record_talk(
        ctx,
        talk_input(
            (people[1].id,), talk_at="2024.06.01 09:00", follow_ups=(F("六月中", due_date="2024.06.15"),)
        ),
    )
    no_due, july, _done = first.follow_ups
    [june] = second.follow_ups
    assert [f.action for f in tk.open_follow_ups(ctx)] == ["六月中", "七月底前", "无期限事项"]
    assert [f.id for f in tk.open_follow_ups(ctx, due_before=dt.date(2024, 6, 30))] == [june.id]
    tk.mark_follow_up_done(ctx, june.id, dt.date(2024, 6, 14))
    assert [f.id for f in tk.open_follow_ups(ctx)] == [july.id, no_due.id]
    tk.archive_talk(ctx, first.id)  # an archived talk's follow-ups are not owed
    assert tk.open_follow_ups(ctx) == []
    tk.restore_talk(ctx, first.id)
    assert [f.id for f in tk.open_follow_ups(ctx)] == [july.id, no_due.id]


# --- listing --------------------------------------------------------------------------------------


def test_list_talks_filters(ctx: ServiceContext, people: tuple) -> None:
    zhang, li, wang = people
    a = tk.record_talk(
        ctx, talk_input((zhang.id,), talk_at="2024.01.10 09:00", kind="日常谈心", talkers="赵部长")
    )
    b = tk.record_talk(
        ctx, talk_input((zhang.id, li.id), talk_at="2024.03.05 15:00", kind="提醒谈话", talkers="钱科长")
    )
    c = tk.record_talk(
        ctx, talk_input((wang.id,), talk_at="2024.03.31 23:59", kind="提醒谈话", talkers="赵部长、孙干事")
    )
    d = tk.record_talk(
        ctx, talk_input((li.id,), talk_at="2024.04.01 00:00", kind="任职谈话", talkers="孙干事")
    )
    gone = tk.record_talk(ctx, talk_input((zhang.id,), talk_at="2024.02.01 10:00"))
    tk.archive_talk(ctx, gone.id)

    def ids(**filters: object) -> list[int]:
        return [t.id for t in tk.list_talks(ctx, **filters)]  # type: ignore[arg-type]

    assert ids() == [d.id, c.id, b.id, a.id]  # newest first, archived left out
    assert ids(cadre_id=zhang.id) == [b.id, a.id]
    assert ids(cadre_id=li.id) == [d.id, b.id]
    assert ids(kind="提醒谈话") == [c.id, b.id]
    assert ids(date_from=dt.date(2024, 3, 1), date_to=dt.date(2024, 3, 31)) == [
        c.id,
        b.id,
    ]  # the whole last day
    assert ids(date_from=dt.date(2024, 4, 1)) == [d.id]
    assert ids(date_to=dt.date(2024, 1, 10)) == [a.id]
    assert ids(talker="赵部长") == [c.id, a.id]
    assert ids(talker="孙干事", kind="任职谈话") == [d.id]
    assert ids(limit=2, offset=1) == [c.id, b.id]
    tk.restore_talk(ctx, gone.id)
    assert ids(cadre_id=zhang.id) == [b.id, gone.id, a.id]


# --- the search index -----------------------------------------------------------------------------


def test_search_follows_talks(ctx: ServiceContext, people: tuple) -> None:
    zhang, li, wang = people
    view = tk.record_talk(ctx, talk_input((zhang.id, li.id), content="强调要守住廉洁底线"))
    assert found(ctx, "廉洁底线") == {view.id}
    assert found(ctx, "张三") == {view.id}  # a subject's name
    assert found(ctx, "赵部长") == {view.id}  # a talker
    assert found(ctx, "王五") == set()
    [hit] = search.search(ctx, "廉洁底线", kinds=["talk"]).hits
    assert hit.title == "任职谈话：张三、李四"

    updated = tk.update_talk(ctx, view.id, talk_input((wang.id,), content="要求加强学习"), view.version)
    assert found(ctx, "廉洁底线") == set()
    assert found(ctx, "加强学习") == {view.id}
    assert found(ctx, "张三") == set()
    assert found(ctx, "王五") == {view.id}

    # a subject renamed: the talk is found under the new name only
    current = cadres.get_cadre(ctx, wang.id)
    cadres.update_cadre(ctx, wang.id, dataclasses.replace(current.to_input(), name="王小五"), current.version)
    assert found(ctx, "王小五") == {view.id}
    assert found(ctx, "王五") == set()

    tk.archive_talk(ctx, view.id)
    assert found(ctx, "加强学习") == set()
    assert maintenance.check(ctx).ok
    tk.restore_talk(ctx, view.id)
    assert found(ctx, "加强学习") == {view.id}
    assert updated.version < tk.get_talk(ctx, view.id).version
    report = maintenance.check(ctx)
    assert report.ok, report.items
