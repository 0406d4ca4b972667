"""A cadre's child records (简历, 家庭成员, 奖惩, 考核, 培训, 挂职), saved list by list, and the profile."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from cadre_desk.db.models import AuditEvent, ResumeEntry
from cadre_desk.domain.yearmonth import YearMonth
from cadre_desk.errors import ConflictError, NotFoundError, ValidationError
from cadre_desk.services import cadre_records as cr
from cadre_desk.services import cadres, maintenance
from cadre_desk.services.context import ServiceContext
from tests.conftest import make_cadre

R = cr.ResumeEntryInput

RESUME = (
    R("2003.09", "2007.07", "某某大学公共管理专业学习"),
    R(
        "2007.07",
        "2011.09",
        "某某县某某乡科员",
        concurrent=(R("2008.03", "2010.12", "某某县委党校在职研究生班学习"),),
    ),
    R("2011.09", None, "某某县某某乡副乡长"),
)


def row_counts(ctx: ServiceContext) -> dict[str, int]:
    return maintenance.stats(ctx.db)


def version(ctx: ServiceContext, cadre_id: int) -> int:
    return cadres.get_cadre(ctx, cadre_id).version


def resume_rows(ctx: ServiceContext, cadre_id: int) -> list[tuple[int, str, int | None, bool]]:
    """(id, text, parent_id, archived) of every row, archived ones included."""
    with ctx.db.read() as session:
        return [
            (r.id, r.text, r.parent_id, r.archived_at is not None)
            for r in session.scalars(
                select(ResumeEntry).where(ResumeEntry.cadre_id == cadre_id).order_by(ResumeEntry.id)
            )
        ]


def audit_actions(ctx: ServiceContext, entity: str) -> list[str]:
    with ctx.db.read() as session:
        return list(
            session.scalars(
                select(AuditEvent.action).where(AuditEvent.entity == entity).order_by(AuditEvent.id)
            )
        )


# --- 简历 ----------------------------------------------------------------------------------------


def test_save_resume_with_concurrent_items(ctx: ServiceContext) -> None:
    cadre = make_cadre(ctx)
    saved = cr.save_resume(ctx, cadre.id, RESUME, cadre.version)
    assert saved.warnings == ()
    resume = saved.profile.resume
    assert [(str(e.start), str(e.end) if e.end else None, e.text) for e in resume] == [
        ("2003.09", "2007.07", "某某大学公共管理专业学习"),
        ("2007.07", "2011.09", "某某县某某乡科员"),
        ("2011.09", None, "某某县某某乡副乡长"),
    ]
    assert resume[0].concurrent == () and resume[2].concurrent == ()
    [sub] = resume[1].concurrent
    assert (sub.start, sub.end, sub.text) == (
        YearMonth(2008, 3),
        YearMonth(2010, 12),
        "某某县委党校在职研究生班学习",
    )
    assert sub.concurrent == ()
    # the nesting is stored, and comes back the same from a fresh read
    assert cr.get_profile(ctx, cadre.id).resume == resume
    rows = resume_rows(ctx, cadre.id)
    assert len(rows) == 4
    assert {text: parent for _id, text, parent, _a in rows}["某某县委党校在职研究生班学习"] == resume[1].id
    assert audit_actions(ctx, "resume_entry") == ["create"] * 4


def test_gaps_and_overlaps_are_warnings_and_the_save_succeeds(ctx: ServiceContext) -> None:
    cadre = make_cadre(ctx)
    entries = (
        R("2003.09", "2007.07", "大学学习"),
        R("2007.10", "2011.09", "乡科员"),  # 2007.08 and 2007.09 missing
        R("2011.06", None, "副乡长"),  # overlaps the previous line by 3 months
    )
    saved = cr.save_resume(ctx, cadre.id, entries, cadre.version)
    assert [(w.index, w.kind) for w in saved.warnings] == [(1, "gap"), (2, "overlap")]
    assert "空缺 2 个月" in saved.warnings[0].message
    assert len(saved.profile.resume) == 3
    profile = cr.get_profile(ctx, cadre.id)
    assert [e.text for e in profile.resume] == ["大学学习", "乡科员", "副乡长"]
    assert profile.resume_warnings == saved.warnings
    # concurrent items are not main lines: an item inside a line is not an overlap
    assert cr.resume_warnings(RESUME) == []
    assert [w.kind for w in cr.resume_warnings(entries)] == ["gap", "overlap"]


def test_resaving_with_ids_updates_in_place_and_dropping_archives(ctx: ServiceContext) -> None:
    cadre = make_cadre(ctx)
    first = cr.save_resume(ctx, cadre.id, RESUME, cadre.version).profile
    a, b, c = first.resume
    [sub] = b.concurrent
    second = cr.save_resume(
        ctx,
        cadre.id,
        (
            R(a.start, a.end, a.text, id=a.id),
            R(b.start, b.end, "某某县某某乡科员、团委书记", id=b.id),  # edited; its 其间 item dropped
            # c dropped
            R("2011.09", None, "某某县某某镇副镇长"),  # new
        ),
        first.cadre.version,
    ).profile
    assert [e.id for e in second.resume[:2]] == [a.id, b.id]  # the same rows
    assert second.resume[1].text == "某某县某某乡科员、团委书记"
    assert second.resume[1].concurrent == ()
    new_id = second.resume[2].id
    assert new_id not in {a.id, b.id, c.id, sub.id}
    rows = {row_id: (text, archived) for row_id, text, _p, archived in resume_rows(ctx, cadre.id)}
    assert rows[c.id] == ("某某县某某乡副乡长", True)  # still in the table, archived
    assert rows[sub.id][1] is True
    assert rows[a.id][1] is False and rows[b.id] == ("某某县某某乡科员、团委书记", False)
    assert len(rows) == 5
    assert audit_actions(ctx, "resume_entry") == ["create"] * 4 + ["update", "create", "archive", "archive"]


def test_moving_a_concurrent_item_to_another_line(ctx: ServiceContext) -> None:
    cadre = make_cadre(ctx)
    first = cr.save_resume(ctx, cadre.id, RESUME, cadre.version).profile
    a, b, c = first.resume
    [sub] = b.concurrent
    moved = cr.save_resume(
        ctx,
        cadre.id,
        (
            R(a.start, a.end, a.text, id=a.id),
            R(b.start, b.end, b.text, id=b.id),
            R(c.start, c.end, c.text, id=c.id, concurrent=(R("2012.03", "2014.01", sub.text, id=sub.id),)),
        ),
        first.cadre.version,
    ).profile
    assert moved.resume[1].concurrent == ()
    assert [(s.id, s.start) for s in moved.resume[2].concurrent] == [(sub.id, YearMonth(2012, 3))]


def test_invalid_item_writes_nothing(ctx: ServiceContext) -> None:
    cadre = make_cadre(ctx)
    saved = cr.save_resume(ctx, cadre.id, RESUME[:1], cadre.version).profile
    before = row_counts(ctx)
    bad = (R(saved.resume[0].start, None, "改了的内容", id=saved.resume[0].id), R("2011.13", None, "副乡长"))
    with pytest.raises(ValidationError) as info:
        cr.save_resume(ctx, cadre.id, bad, saved.cadre.version)
    assert set(info.value.fields) == {"resume[1].start"}
    assert "起始年月：月份 13 不存在" in info.value.fields["resume[1].start"]
    assert row_counts(ctx) == before
    assert cr.get_profile(ctx, cadre.id) == saved  # text not changed, version not bumped


@pytest.mark.parametrize(
    ("item", "key", "message"),
    [
        (R("", None, "乡科员"), "resume[0].start", "请填写起始年月"),
        (R("2011.09", "2008.07", "乡科员"), "resume[0].end", "截止年月（2008.07）早于起始年月（2011.09）"),
        (R("2011.09", None, "  "), "resume[0].text", "请填写简历内容"),
        (R("2011.09", "2011.x", "乡科员"), "resume[0].end", "截止年月"),
    ],
)
def test_resume_field_errors(ctx: ServiceContext, item: cr.ResumeEntryInput, key: str, message: str) -> None:
    cadre = make_cadre(ctx)
    before = row_counts(ctx)
    with pytest.raises(ValidationError) as info:
        cr.save_resume(ctx, cadre.id, (item,), cadre.version)
    assert message in info.value.fields[key]
    assert row_counts(ctx) == before
    assert version(ctx, cadre.id) == cadre.version


def test_an_id_that_is_not_this_cadres_row_is_refused(ctx: ServiceContext) -> None:
    one = make_cadre(ctx, "张三")
    other = make_cadre(ctx, "李四")
    theirs = cr.save_resume(ctx, other.id, RESUME[:1], other.version).profile.resume[0]
    before = row_counts(ctx)
    with pytest.raises(ValidationError) as info:
        cr.save_resume(ctx, one.id, (R("2003.09", None, "抢来的", id=theirs.id),), one.version)
    assert "已不存在" in info.value.fields["resume[0]"]
    assert row_counts(ctx) == before
    assert cr.get_profile(ctx, other.id).resume[0].text == theirs.text


def test_each_save_bumps_the_version_and_stale_saves_conflict(ctx: ServiceContext) -> None:
    cadre = make_cadre(ctx)
    v1 = cadre.version
    p1 = cr.save_resume(ctx, cadre.id, RESUME, v1).profile
    assert p1.cadre.version == v1 + 1 == version(ctx, cadre.id)
    p2 = cr.save_family(ctx, cadre.id, [cr.FamilyMemberInput("妻子", "王芳")], p1.cadre.version)
    assert p2.cadre.version == v1 + 2
    p3 = cr.save_resume(ctx, cadre.id, [], p2.cadre.version).profile  # even saving nothing new bumps it
    assert p3.cadre.version == v1 + 3
    assert p3.resume == ()
    before = row_counts(ctx)
    with pytest.raises(ConflictError):
        cr.save_resume(ctx, cadre.id, RESUME, p1.cadre.version)
    with pytest.raises(ConflictError):
        cr.save_rewards(ctx, cadre.id, [cr.RewardInput("奖励", "嘉奖")], v1)
    assert row_counts(ctx) == before
    assert version(ctx, cadre.id) == p3.cadre.version
    # a cadre-form save with the version read before the resume save is stale too
    with pytest.raises(ConflictError):
        cadres.update_cadre(ctx, cadre.id, cadre.to_input(), cadre.version)


def test_unknown_cadre(ctx: ServiceContext) -> None:
    with pytest.raises(NotFoundError):
        cr.save_resume(ctx, 999, RESUME, 1)
    with pytest.raises(NotFoundError):
        cr.get_profile(ctx, 999)


# --- the other lists ------------------------------------------------------------------------------


def test_family(ctx: ServiceContext) -> None:
    cadre = make_cadre(ctx)
    profile = cr.save_family(
        ctx,
        cadre.id,
        [
            cr.FamilyMemberInput("妻子", "王芳", "1987.5", "中共党员", "某某县第一中学教师"),
            cr.FamilyMemberInput("父亲", "张大山", "1958年1月", "群众", "", deceased=True),
        ],
        cadre.version,
    )
    wife, father = profile.family
    assert (wife.relation, wife.name, wife.birth, wife.political_status, wife.employer_post) == (
        "妻子",
        "王芳",
        YearMonth(1987, 5),
        "中共党员",
        "某某县第一中学教师",
    )
    assert father.deceased and father.birth == YearMonth(1958, 1)
    # reorder: position follows the list
    reordered = cr.save_family(
        ctx,
        cadre.id,
        [
            cr.FamilyMemberInput(
                father.relation, father.name, father.birth, father.political_status, id=father.id
            ),
            cr.FamilyMemberInput(wife.relation, wife.name, wife.birth, wife.political_status, id=wife.id),
        ],
        profile.cadre.version,
    )
    assert [m.id for m in reordered.family] == [father.id, wife.id]
    assert not reordered.family[0].deceased  # the saved list is the truth
    with pytest.raises(ValidationError) as info:
        cr.save_family(
            ctx,
            cadre.id,
            [cr.FamilyMemberInput("", "李某", political_status="火星党"), cr.FamilyMemberInput("儿子", "")],
            reordered.cadre.version,
        )
    assert set(info.value.fields) == {"family[0].relation", "family[0].political_status", "family[1].name"}
    assert info.value.fields["family[0].relation"] == "请填写称谓"


def test_rewards(ctx: ServiceContext) -> None:
    cadre = make_cadre(ctx)
    profile = cr.save_rewards(
        ctx,
        cadre.id,
        [cr.RewardInput("奖励", "2019年度嘉奖", "2020.01", "某某县人民政府"), cr.RewardInput("惩处", "诫勉")],
        cadre.version,
    )
    assert [(r.kind, r.text, r.date, r.issuer) for r in profile.rewards] == [
        ("奖励", "2019年度嘉奖", YearMonth(2020, 1), "某某县人民政府"),
        ("惩处", "诫勉", None, ""),
    ]
    with pytest.raises(ValidationError) as info:
        cr.save_rewards(ctx, cadre.id, [cr.RewardInput("表扬", "")], profile.cadre.version)
    assert set(info.value.fields) == {"rewards[0].kind", "rewards[0].text"}
    emptied = cr.save_rewards(ctx, cadre.id, [], profile.cadre.version)
    assert emptied.rewards == ()
    assert audit_actions(ctx, "reward_or_punishment") == ["create", "create", "archive", "archive"]


@pytest.mark.usefixtures("pinned_day")
def test_assessments(ctx: ServiceContext) -> None:
    cadre = make_cadre(ctx)
    profile = cr.save_assessments(
        ctx,
        cadre.id,
        [cr.AssessmentInput(2023, "优秀"), cr.AssessmentInput(2021, "称职", "援疆")],
        cadre.version,
    )
    assert [(a.year, a.grade, a.notes) for a in profile.assessments] == [
        (2021, "称职", "援疆"),
        (2023, "优秀", ""),
    ]
    before = row_counts(ctx)
    with pytest.raises(ValidationError) as info:
        cr.save_assessments(
            ctx,
            cadre.id,
            [
                cr.AssessmentInput(2022, "优秀"),
                cr.AssessmentInput(2022, "称职"),
                cr.AssessmentInput(2023, "优秀"),
            ],
            profile.cadre.version,
        )
    assert info.value.fields == {"assessments": "2022年度的考核结果重复"}
    with pytest.raises(ValidationError) as info:
        cr.save_assessments(ctx, cadre.id, [cr.AssessmentInput(2022, "良好")], profile.cadre.version)
    assert "考核等次“良好”不在可选范围内" in info.value.fields["assessments[0].grade"]
    next_year = dt.date.today().year + 1
    with pytest.raises(ValidationError) as info:
        cr.save_assessments(ctx, cadre.id, [cr.AssessmentInput(next_year, "优秀")], profile.cadre.version)
    assert f"1950–{next_year - 1} 之间" in info.value.fields["assessments[0].year"]
    assert row_counts(ctx) == before
    assert version(ctx, cadre.id) == profile.cadre.version


def test_trainings(ctx: ServiceContext) -> None:
    cadre = make_cadre(ctx)
    profile = cr.save_trainings(
        ctx,
        cadre.id,
        [
            cr.TrainingInput(
                "全县中青年干部培训班", "党校主体班", "县委党校", "2023.03.01", "2023-03-31", 120, 30
            ),
            cr.TrainingInput(
                "乡村振兴专题班", "专题班", start_date=dt.date(2022, 5, 9), end_date="2022年5月13日"
            ),
        ],
        cadre.version,
    )
    assert [(t.name, t.start_date, t.end_date) for t in profile.trainings] == [
        ("乡村振兴专题班", dt.date(2022, 5, 9), dt.date(2022, 5, 13)),
        ("全县中青年干部培训班", dt.date(2023, 3, 1), dt.date(2023, 3, 31)),
    ]
    assert profile.trainings[1].hours == 120.0 and profile.trainings[1].days == 30.0
    before = row_counts(ctx)
    with pytest.raises(ValidationError) as info:
        cr.save_trainings(
            ctx,
            cadre.id,
            [cr.TrainingInput("专题班", start_date="2023.03.31", end_date="2023.03.01")],
            profile.cadre.version,
        )
    assert info.value.fields == {"trainings[0].end_date": "结束日期早于开始日期"}
    with pytest.raises(ValidationError) as info:
        cr.save_trainings(ctx, cadre.id, [cr.TrainingInput("", hours=-1)], profile.cadre.version)
    assert set(info.value.fields) == {"trainings[0].name", "trainings[0].hours"}
    assert row_counts(ctx) == before


def test_secondments(ctx: ServiceContext) -> None:
    cadre = make_cadre(ctx)
    profile = cr.save_secondments(
        ctx,
        cadre.id,
        [
            cr.SecondmentInput("某某村", "2021.03", "2023.03", "驻村第一书记", "驻村"),
            cr.SecondmentInput("市发展改革委", "2019.1", "2019.12", "挂职副科长", "上挂"),
        ],
        cadre.version,
    )
    assert [(s.place, s.start, s.end, s.post, s.kind) for s in profile.secondments] == [
        ("市发展改革委", YearMonth(2019, 1), YearMonth(2019, 12), "挂职副科长", "上挂"),
        ("某某村", YearMonth(2021, 3), YearMonth(2023, 3), "驻村第一书记", "驻村"),
    ]
    with pytest.raises(ValidationError) as info:
        cr.save_secondments(
            ctx, cadre.id, [cr.SecondmentInput("某某村", "2023.03", "2021.03")], profile.cadre.version
        )
    assert info.value.fields == {"secondments[0].end": "截止年月早于起始年月"}
    with pytest.raises(ValidationError) as info:
        cr.save_secondments(ctx, cadre.id, [cr.SecondmentInput("", "")], profile.cadre.version)
    assert set(info.value.fields) == {"secondments[0].place", "secondments[0].start"}


def test_get_profile_returns_everything(ctx: ServiceContext) -> None:
    cadre = make_cadre(ctx, "张三")
    v = cr.save_resume(ctx, cadre.id, RESUME, cadre.version).profile.cadre.version
    v = cr.save_family(ctx, cadre.id, [cr.FamilyMemberInput("妻子", "王芳")], v).cadre.version
    v = cr.save_rewards(ctx, cadre.id, [cr.RewardInput("奖励", "嘉奖")], v).cadre.version
    v = cr.save_assessments(ctx, cadre.id, [cr.AssessmentInput(2022, "优秀")], v).cadre.version
    v = cr.save_trainings(ctx, cadre.id, [cr.TrainingInput("专题班")], v).cadre.version
    v = cr.save_secondments(ctx, cadre.id, [cr.SecondmentInput("某某村", "2021.03")], v).cadre.version
    other = make_cadre(ctx, "李四")  # another cadre's records never leak into this profile
    cr.save_family(ctx, other.id, [cr.FamilyMemberInput("丈夫", "赵六")], other.version)
    profile = cr.get_profile(ctx, cadre.id)
    assert profile.cadre.name == "张三" and profile.cadre.version == v
    assert len(profile.resume) == 3 and len(profile.resume[1].concurrent) == 1
    assert [m.name for m in profile.family] == ["王芳"]
    assert [r.text for r in profile.rewards] == ["嘉奖"]
    assert [a.year for a in profile.assessments] == [2022]
    assert [t.name for t in profile.trainings] == ["专题班"]
    assert [s.place for s in profile.secondments] == ["某某村"]
    assert profile.resume_warnings == ()
    assert maintenance.check(ctx).ok


def test_audit_rows_name_the_operator(ctx: ServiceContext) -> None:
    cadre = make_cadre(ctx)
    cr.save_family(ctx, cadre.id, [cr.FamilyMemberInput("妻子", "王芳", "1987.05")], cadre.version)
    with ctx.db.read() as session:
        [(account_id, changes)] = session.execute(
            select(AuditEvent.account_id, AuditEvent.changes).where(AuditEvent.entity == "family_member")
        ).all()
        assert session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.entity == "cadre")) == 1
    assert account_id == ctx.account_id
    assert changes["name"] == [None, "王芳"]
    assert changes["birth"] == [None, "1987.05"]
