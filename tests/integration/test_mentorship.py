"""Mentorship (一对一帮带): pairing rules, ending a term, mentorship records, archive, locking, search."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import func, select

from cadre_desk.db.models import AuditEvent, Mentorship
from cadre_desk.errors import ConflictError, NotFoundError, ValidationError
from cadre_desk.services import cadres, maintenance, mentorship_changes, mentorship_records, search
from cadre_desk.services import mentorship as ms
from cadre_desk.services.context import ServiceContext
from tests.conftest import make_cadre

START = dt.date(2024, 1, 1)
END = dt.date(2025, 12, 31)


@pytest.fixture
def people(ctx: ServiceContext) -> dict[str, cadres.CadreView]:
    return {
        "mentor": make_cadre(ctx, "周正德", birth="1972.06", party_join="1995.07", work_start="1994.07"),
        "mentee": make_cadre(
            ctx, "林小雨", gender="女", birth="1996.10", party_join="2018.06", work_start="2019.08"
        ),
        "other": make_cadre(ctx, "陈远航", birth="1995.02", party_join="2017.06", work_start="2018.08"),
    }


def pairing_input(mentor: int, mentee: int, **changes: object) -> ms.MentorshipInput:
    values: dict[str, object] = {
        "mentor_id": mentor,
        "mentee_id": mentee,
        "term_start": START,
        "term_end": END,
        "goals": "熟悉乡镇基层治理，提升群众工作能力",
        "plan": "每月谈心一次，每季度交办一项任务",
    }
    values.update(changes)
    return ms.MentorshipInput(**values)  # type: ignore[arg-type]


def completed(**changes: object) -> ms.MentorshipEnd:
    values: dict[str, object] = {
        "completed": True,
        "ended_on": "2025.12.31",
        "mentor_evaluation": "进步明显，能独立牵头推进工作",
        "mentee_summary": "两年来收获很大",
        "evaluation_result": "考核合格",
        "evaluation_grade": "优秀",
    }
    values.update(changes)
    return ms.MentorshipEnd(**values)  # type: ignore[arg-type]


def found(ctx: ServiceContext, text: str) -> set[int]:
    return {hit.ref_id for hit in search.search(ctx, text, kinds=["mentorship"]).hits}


def audits(ctx: ServiceContext, entity: str) -> list[tuple[str, int | None, dict[str, list[object]]]]:
    with ctx.db.read() as session:
        return [
            (r.action, r.account_id, r.changes)
            for r in session.scalars(
                select(AuditEvent).where(AuditEvent.entity == entity).order_by(AuditEvent.id)
            )
        ]


def mentorship_rows(ctx: ServiceContext) -> int:
    with ctx.db.read() as session:
        return int(session.scalar(select(func.count(Mentorship.id))) or 0)


# --- creating -------------------------------------------------------------------------------------


def test_create(ctx: ServiceContext, people: dict[str, cadres.CadreView]) -> None:
    mentor, mentee = people["mentor"], people["mentee"]
    view = mentorship_changes.create_mentorship(
        ctx, pairing_input(mentor.id, mentee.id, term_start="2024.01.01", term_end="2025-12-31")
    )
    assert (view.mentor_id, view.mentor, view.mentee_id, view.mentee) == (
        mentor.id,
        "周正德",
        mentee.id,
        "林小雨",
    )
    assert (view.term_start, view.term_end) == (START, END)
    assert view.status == "进行中"
    assert view.version == 1 and not view.archived
    assert view.ended_on is None and view.evaluation_grade == ""
    assert ms.get_mentorship(ctx, view.id) == view
    [(action, account, changes)] = audits(ctx, "mentorship")
    assert action == "create" and account == ctx.account_id
    assert changes["mentor_id"] == [None, mentor.id]
    assert changes["term_start"] == [None, "2024.01.01"]


def test_mentor_cannot_mentor_themself(ctx: ServiceContext, people: dict[str, cadres.CadreView]) -> None:
    me = people["mentee"].id
    with pytest.raises(ValidationError) as info:
        mentorship_changes.create_mentorship(ctx, pairing_input(me, me))
    assert info.value.fields == {"mentee_id": "导师和被帮带人不能是同一人"}
    assert mentorship_rows(ctx) == 0
    assert audits(ctx, "mentorship") == []


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"mentor_id": 999}, "mentor_id", "导师（编号 999）不存在"),
        ({"term_start": ""}, "term_start", "请填写帮带期开始日期"),
        ({"term_end": "2023.12.31"}, "term_end", "帮带期结束日期应晚于开始日期"),
        ({"term_end": START}, "term_end", "帮带期结束日期应晚于开始日期"),
        ({"term_start": "2024.02.30"}, "term_start", "不是存在的日期"),
    ],
)
def test_field_errors(
    ctx: ServiceContext,
    people: dict[str, cadres.CadreView],
    changes: dict[str, object],
    field: str,
    message: str,
) -> None:
    with pytest.raises(ValidationError) as info:
        mentorship_changes.create_mentorship(
            ctx, pairing_input(people["mentor"].id, people["mentee"].id, **changes)
        )
    assert message in info.value.fields[field]
    assert mentorship_rows(ctx) == 0


def test_archived_cadre_cannot_be_paired(ctx: ServiceContext, people: dict[str, cadres.CadreView]) -> None:
    cadres.archive_cadre(ctx, people["mentor"].id)
    with pytest.raises(ValidationError) as info:
        mentorship_changes.create_mentorship(ctx, pairing_input(people["mentor"].id, people["mentee"].id))
    assert info.value.fields["mentor_id"] == "导师“周正德”已归档"


def test_one_active_pairing_per_mentee(ctx: ServiceContext, people: dict[str, cadres.CadreView]) -> None:
    mentor, mentee, other = people["mentor"], people["mentee"], people["other"]
    first = mentorship_changes.create_mentorship(ctx, pairing_input(mentor.id, mentee.id))
    with pytest.raises(ValidationError) as info:
        mentorship_changes.create_mentorship(ctx, pairing_input(other.id, mentee.id))
    assert "已有进行中的结对（导师：周正德）" in info.value.fields["mentee_id"]
    assert mentorship_rows(ctx) == 1
    # a mentor may guide several mentees
    second = mentorship_changes.create_mentorship(ctx, pairing_input(mentor.id, other.id))
    assert {m.id for m in ms.list_mentorships(ctx, cadre_id=mentor.id)} == {first.id, second.id}
    # once the first pairing has ended the mentee may be paired again
    mentorship_changes.end_mentorship(ctx, first.id, completed(), first.version)
    third = mentorship_changes.create_mentorship(
        ctx, pairing_input(other.id, mentee.id, term_start="2026.01.01", term_end="2027.12.31")
    )
    assert third.status == "进行中"


def test_update(ctx: ServiceContext, people: dict[str, cadres.CadreView]) -> None:
    view = mentorship_changes.create_mentorship(ctx, pairing_input(people["mentor"].id, people["mentee"].id))
    updated = mentorship_changes.update_mentorship(
        ctx,
        view.id,
        pairing_input(
            people["mentor"].id, people["mentee"].id, goals="提升文字综合能力", term_end="2026.06.30"
        ),
        view.version,
    )
    assert updated.goals == "提升文字综合能力" and updated.term_end == dt.date(2026, 6, 30)
    assert updated.version == view.version + 1
    assert audits(ctx, "mentorship")[-1][2] == {
        "term_end": ["2025.12.31", "2026.06.30"],
        "goals": [view.goals, "提升文字综合能力"],
    }
    # updating a pairing is not a second pairing of the same mentee
    unchanged = mentorship_changes.update_mentorship(
        ctx,
        view.id,
        pairing_input(
            people["mentor"].id, people["mentee"].id, goals="提升文字综合能力", term_end="2026.06.30"
        ),
        updated.version,
    )
    assert unchanged.version == updated.version
    assert len(audits(ctx, "mentorship")) == 2


def test_stale_version_conflicts(ctx: ServiceContext, people: dict[str, cadres.CadreView]) -> None:
    view = mentorship_changes.create_mentorship(ctx, pairing_input(people["mentor"].id, people["mentee"].id))
    fresh = mentorship_changes.update_mentorship(
        ctx, view.id, pairing_input(people["mentor"].id, people["mentee"].id, plan="新计划"), view.version
    )
    with pytest.raises(ConflictError, match="已被他人修改"):
        mentorship_changes.update_mentorship(
            ctx, view.id, pairing_input(people["mentor"].id, people["mentee"].id, plan="旧计划"), view.version
        )
    with pytest.raises(ConflictError):
        mentorship_changes.end_mentorship(ctx, view.id, completed(), view.version)
    assert ms.get_mentorship(ctx, view.id) == fresh


def test_unknown_pairing(ctx: ServiceContext) -> None:
    with pytest.raises(NotFoundError, match="结对帮带"):
        ms.get_mentorship(ctx, 404)


# --- ending ---------------------------------------------------------------------------------------


def test_complete_requires_the_evaluation(ctx: ServiceContext, people: dict[str, cadres.CadreView]) -> None:
    view = mentorship_changes.create_mentorship(ctx, pairing_input(people["mentor"].id, people["mentee"].id))
    with pytest.raises(ValidationError) as info:
        mentorship_changes.end_mentorship(
            ctx, view.id, completed(mentor_evaluation=" ", evaluation_grade=""), view.version
        )
    assert info.value.fields == {"mentor_evaluation": "请填写导师评价", "evaluation_grade": "请选择评价等次"}
    with pytest.raises(ValidationError) as info:
        mentorship_changes.end_mentorship(ctx, view.id, completed(evaluation_grade="称职"), view.version)
    assert set(info.value.fields) == {"evaluation_grade"}
    assert "评价等次“称职”不在可选范围内" in info.value.fields["evaluation_grade"]
    assert ms.get_mentorship(ctx, view.id) == view  # nothing written
    done = mentorship_changes.end_mentorship(ctx, view.id, completed(), view.version)
    assert done.status == "已结业"
    assert done.ended_on == END
    assert (done.mentor_evaluation, done.mentee_summary, done.evaluation_result, done.evaluation_grade) == (
        "进步明显，能独立牵头推进工作",
        "两年来收获很大",
        "考核合格",
        "优秀",
    )
    assert done.version == view.version + 1
    action, _account, changes = audits(ctx, "mentorship")[-1]
    assert action == "update"
    assert changes["status"] == ["进行中", "已结业"]
    assert changes["evaluation_grade"] == ["", "优秀"]
    assert ms.list_mentorships(ctx, status="已结业") == [done]
    assert ms.list_mentorships(ctx, status="进行中") == []


def test_abort_requires_a_reason(ctx: ServiceContext, people: dict[str, cadres.CadreView]) -> None:
    view = mentorship_changes.create_mentorship(ctx, pairing_input(people["mentor"].id, people["mentee"].id))
    with pytest.raises(ValidationError) as info:
        mentorship_changes.end_mentorship(
            ctx, view.id, ms.MentorshipEnd(completed=False, ended_on="2024.06.30"), view.version
        )
    assert info.value.fields == {"end_reason": "请填写中止原因"}
    aborted = mentorship_changes.end_mentorship(
        ctx,
        view.id,
        ms.MentorshipEnd(completed=False, ended_on="2024.06.30", reason="导师调离"),
        view.version,
    )
    assert (aborted.status, aborted.end_reason, aborted.ended_on) == (
        "中止",
        "导师调离",
        dt.date(2024, 6, 30),
    )
    assert aborted.evaluation_grade == ""


def test_ending_twice_is_rejected(ctx: ServiceContext, people: dict[str, cadres.CadreView]) -> None:
    view = mentorship_changes.create_mentorship(ctx, pairing_input(people["mentor"].id, people["mentee"].id))
    done = mentorship_changes.end_mentorship(ctx, view.id, completed(), view.version)
    with pytest.raises(ValidationError) as info:
        mentorship_changes.end_mentorship(
            ctx, view.id, ms.MentorshipEnd(False, "2025.12.31", reason="重复"), done.version
        )
    message = info.value.fields["status"]
    assert "不能再次结束" in message and "已结业" in message
    assert "已已" not in message  # the status word already starts with 已
    assert ms.get_mentorship(ctx, view.id) == done
    aborted = mentorship_changes.create_mentorship(
        ctx, pairing_input(people["other"].id, people["mentee"].id)
    )
    aborted = mentorship_changes.end_mentorship(
        ctx, aborted.id, ms.MentorshipEnd(False, "2024.03.01", reason="调离"), aborted.version
    )
    with pytest.raises(ValidationError) as info:
        mentorship_changes.end_mentorship(ctx, aborted.id, completed(), aborted.version)
    assert "中止" in info.value.fields["status"] and "不能再次结束" in info.value.fields["status"]


@pytest.mark.usefixtures("pinned_day")
def test_end_date_rules(ctx: ServiceContext, people: dict[str, cadres.CadreView]) -> None:
    view = mentorship_changes.create_mentorship(ctx, pairing_input(people["mentor"].id, people["mentee"].id))
    with pytest.raises(ValidationError) as info:
        mentorship_changes.end_mentorship(ctx, view.id, completed(ended_on="2023.12.31"), view.version)
    assert info.value.fields == {"ended_on": "结束日期早于帮带期开始日期"}
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as info:
        mentorship_changes.end_mentorship(ctx, view.id, completed(ended_on=tomorrow), view.version)
    assert "不能晚于今天" in info.value.fields["ended_on"]
    with pytest.raises(ValidationError) as info:
        mentorship_changes.end_mentorship(ctx, view.id, completed(ended_on=""), view.version)
    assert info.value.fields == {"ended_on": "请填写结束日期"}


def test_an_ended_pairing_stays_editable_after_the_mentee_is_paired_again(
    ctx: ServiceContext, people: dict[str, cadres.CadreView]
) -> None:
    mentor, mentee, other = people["mentor"], people["mentee"], people["other"]
    old = mentorship_changes.create_mentorship(ctx, pairing_input(mentor.id, mentee.id))
    old = mentorship_changes.end_mentorship(ctx, old.id, completed(), old.version)
    mentorship_changes.create_mentorship(
        ctx, pairing_input(other.id, mentee.id, term_start="2026.01.01", term_end="2027.12.31")
    )
    # correcting the goals of the finished pairing is not a second active pairing
    fixed = mentorship_changes.update_mentorship(
        ctx, old.id, pairing_input(mentor.id, mentee.id, goals="更正后的目标"), old.version
    )
    assert fixed.goals == "更正后的目标"
    assert fixed.status == "已结业"


# --- archive and restore --------------------------------------------------------------------------


def test_archive_and_restore(ctx: ServiceContext, people: dict[str, cadres.CadreView]) -> None:
    mentor, mentee, other = people["mentor"], people["mentee"], people["other"]
    view = mentorship_changes.create_mentorship(ctx, pairing_input(mentor.id, mentee.id))
    archived = mentorship_changes.archive_mentorship(ctx, view.id)
    assert archived.archived
    mentorship_changes.archive_mentorship(ctx, view.id)  # twice: no second audit row
    assert ms.list_mentorships(ctx) == []
    assert [m.id for m in ms.list_mentorships(ctx, include_archived=True)] == [view.id]
    # the archived pairing no longer blocks a new one
    replacement = mentorship_changes.create_mentorship(ctx, pairing_input(other.id, mentee.id))
    with pytest.raises(ValidationError) as info:
        mentorship_changes.restore_mentorship(ctx, view.id)
    assert "已有另一个进行中的结对" in info.value.fields["mentee_id"]
    assert ms.get_mentorship(ctx, view.id).archived
    mentorship_changes.archive_mentorship(ctx, replacement.id)
    restored = mentorship_changes.restore_mentorship(ctx, view.id)
    assert not restored.archived
    assert [a for a, _acc, _c in audits(ctx, "mentorship")] == [
        "create",
        "archive",
        "create",
        "archive",
        "restore",
    ]


def test_restoring_an_ended_pairing_is_allowed_beside_an_active_one(
    ctx: ServiceContext, people: dict[str, cadres.CadreView]
) -> None:
    mentor, mentee, other = people["mentor"], people["mentee"], people["other"]
    old = mentorship_changes.create_mentorship(ctx, pairing_input(mentor.id, mentee.id))
    old = mentorship_changes.end_mentorship(ctx, old.id, completed(), old.version)
    mentorship_changes.archive_mentorship(ctx, old.id)
    mentorship_changes.create_mentorship(
        ctx, pairing_input(other.id, mentee.id, term_start="2026.01.01", term_end="2027.12.31")
    )
    assert not mentorship_changes.restore_mentorship(ctx, old.id).archived


def test_list_filters(ctx: ServiceContext, people: dict[str, cadres.CadreView]) -> None:
    mentor, mentee, other = people["mentor"], people["mentee"], people["other"]
    a = mentorship_changes.create_mentorship(ctx, pairing_input(mentor.id, mentee.id))
    b = mentorship_changes.create_mentorship(ctx, pairing_input(mentor.id, other.id, term_start="2024.06.01"))
    assert [m.id for m in ms.list_mentorships(ctx)] == [b.id, a.id]  # newest term first
    assert [m.id for m in ms.list_mentorships(ctx, cadre_id=other.id)] == [b.id]
    assert [m.id for m in ms.list_mentorships(ctx, cadre_id=mentee.id)] == [a.id]
    mentorship_changes.end_mentorship(ctx, a.id, completed(), a.version)
    assert [m.id for m in ms.list_mentorships(ctx, status="进行中")] == [b.id]


# --- mentorship records -----------------------------------------------------------------------------


def test_mentorship_records(ctx: ServiceContext, people: dict[str, cadres.CadreView]) -> None:
    view = mentorship_changes.create_mentorship(ctx, pairing_input(people["mentor"].id, people["mentee"].id))
    later = mentorship_records.add_mentorship_record(
        ctx, view.id, mentorship_records.MentorshipRecordInput("2024.03.15", "现场指导", "指导防汛值守")
    )
    earlier = mentorship_records.add_mentorship_record(
        ctx, view.id, mentorship_records.MentorshipRecordInput("2024.02.01", "谈心", "谈工作适应情况")
    )
    assert (later.mentorship_id, later.date, later.form, later.content) == (
        view.id,
        dt.date(2024, 3, 15),
        "现场指导",
        "指导防汛值守",
    )
    assert [r.id for r in mentorship_records.list_mentorship_records(ctx, view.id)] == [
        earlier.id,
        later.id,
    ]  # by date

    updated = mentorship_records.update_mentorship_record(
        ctx,
        later.id,
        mentorship_records.MentorshipRecordInput("2024.03.16", "现场指导", "指导防汛值守和转移群众"),
        later.version,
    )
    assert updated.version == later.version + 1 and updated.date == dt.date(2024, 3, 16)
    with pytest.raises(ConflictError):
        mentorship_records.update_mentorship_record(
            ctx, later.id, mentorship_records.MentorshipRecordInput("2024.03.17", "谈心", "x"), later.version
        )

    mentorship_records.archive_mentorship_record(ctx, earlier.id)
    assert [r.id for r in mentorship_records.list_mentorship_records(ctx, view.id)] == [later.id]
    mentorship_records.restore_mentorship_record(ctx, earlier.id)
    assert [r.id for r in mentorship_records.list_mentorship_records(ctx, view.id)] == [earlier.id, later.id]
    assert [a for a, _acc, _c in audits(ctx, "mentorship_record")] == [
        "create",
        "create",
        "update",
        "archive",
        "restore",
    ]
    with pytest.raises(NotFoundError):
        mentorship_records.archive_mentorship_record(ctx, 9999)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            mentorship_records.MentorshipRecordInput("2023.12.31", "谈心", "早了"),
            "date",
            "指导日期早于帮带期开始日期",
        ),
        (mentorship_records.MentorshipRecordInput("", "谈心", "没日期"), "date", "请填写指导日期"),
        (
            mentorship_records.MentorshipRecordInput("2024.02.01", "吃饭", "形式不对"),
            "form",
            "指导形式“吃饭”不在可选范围内",
        ),
        (mentorship_records.MentorshipRecordInput("2024.02.01", "谈心", " "), "content", "请填写指导内容"),
    ],
)
def test_mentorship_record_errors(
    ctx: ServiceContext,
    people: dict[str, cadres.CadreView],
    data: mentorship_records.MentorshipRecordInput,
    field: str,
    message: str,
) -> None:
    view = mentorship_changes.create_mentorship(ctx, pairing_input(people["mentor"].id, people["mentee"].id))
    with pytest.raises(ValidationError) as info:
        mentorship_records.add_mentorship_record(ctx, view.id, data)
    assert message in info.value.fields[field]
    assert mentorship_records.list_mentorship_records(ctx, view.id) == []


# --- the search index -----------------------------------------------------------------------------


def test_search_follows_the_pairing(ctx: ServiceContext, people: dict[str, cadres.CadreView]) -> None:
    mentor, mentee = people["mentor"], people["mentee"]
    view = mentorship_changes.create_mentorship(
        ctx, pairing_input(mentor.id, mentee.id, goals="熟悉招商引资流程")
    )
    assert found(ctx, "招商引资") == {view.id}
    assert found(ctx, "林小雨") == {view.id}
    assert found(ctx, "周正德") == {view.id}
    [hit] = search.search(ctx, "招商", kinds=["mentorship"]).hits
    assert hit.title == "周正德 帮带 林小雨"

    updated = mentorship_changes.update_mentorship(
        ctx, view.id, pairing_input(mentor.id, mentee.id, goals="熟悉信访接待"), view.version
    )
    assert found(ctx, "招商引资") == set()
    assert found(ctx, "信访接待") == {view.id}

    ended = mentorship_changes.end_mentorship(
        ctx, view.id, completed(mentor_evaluation="敢于担当善于攻坚"), updated.version
    )
    assert found(ctx, "善于攻坚") == {view.id}
    assert ended.status == "已结业"

    # renaming a cadre renames the pairing's document
    current = cadres.get_cadre(ctx, mentee.id)
    cadres.update_cadre(
        ctx, mentee.id, dataclasses.replace(current.to_input(), name="林晓雨"), current.version
    )
    assert found(ctx, "林小雨") == set()
    assert found(ctx, "林晓雨") == {view.id}

    mentorship_changes.archive_mentorship(ctx, view.id)
    assert found(ctx, "信访接待") == set()
    assert maintenance.check(ctx).ok
    mentorship_changes.restore_mentorship(ctx, view.id)
    assert found(ctx, "信访接待") == {view.id}
    report = maintenance.check(ctx)
    assert report.ok, report.items
