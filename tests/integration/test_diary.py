"""Growth diary (成长日记): states, linking to the pairing in force, mentor comments, filters, search."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import select

from cadre_desk.db.models import AuditEvent, DiaryEntry
from cadre_desk.errors import ConflictError, NotFoundError, ValidationError
from cadre_desk.services import cadres, diary_comments, diary_entries, maintenance, mentorship_changes, search
from cadre_desk.services import diary as dy
from cadre_desk.services import mentorship as ms
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.validation import max_length
from tests.conftest import make_cadre


@dataclasses.dataclass(frozen=True)
class World:
    mentor: cadres.CadreView
    mentee: cadres.CadreView
    outsider: cadres.CadreView
    pairing: ms.MentorshipView


@pytest.fixture
def world(ctx: ServiceContext) -> World:
    mentor = make_cadre(ctx, "周正德", birth="1972.06", party_join="1995.07", work_start="1994.07")
    mentee = make_cadre(
        ctx, "林小雨", gender="女", birth="1996.10", party_join="2018.06", work_start="2019.08"
    )
    outsider = make_cadre(ctx, "陈远航", birth="1975.02", party_join="1997.06", work_start="1996.08")
    pairing = mentorship_changes.create_mentorship(
        ctx, ms.MentorshipInput(mentor.id, mentee.id, dt.date(2024, 1, 1), dt.date(2025, 12, 31), "基层治理")
    )
    return World(mentor, mentee, outsider, pairing)


def entry_input(mentee_id: int, date: str = "2024.03.15", **changes: str) -> dy.DiaryEntryInput:
    values = {
        "mentee_id": mentee_id,
        "date": date,
        "title": "第一次参加村民议事会",
        "category": "工作",
        "content": "今天跟随导师参加村民议事会，学习如何听取群众意见。",
    }
    values.update(changes)
    return dy.DiaryEntryInput(**values)  # type: ignore[arg-type]


def comment(
    mentor_id: int, text: str = "记录详实，下次注意归纳群众诉求。", date: str | None = None
) -> dy.CommentInput:
    return dy.CommentInput(mentor_id=mentor_id, text=text, date=date)


def found(ctx: ServiceContext, text: str, kind: str) -> set[int]:
    return {hit.ref_id for hit in search.search(ctx, text, kinds=[kind]).hits}


def audits(ctx: ServiceContext, entity: str) -> list[tuple[str, int | None, dict[str, list[object]]]]:
    with ctx.db.read() as session:
        return [
            (r.action, r.entity_id, r.changes)
            for r in session.scalars(
                select(AuditEvent).where(AuditEvent.entity == entity).order_by(AuditEvent.id)
            )
        ]


# --- entries and their states ---------------------------------------------------------------------


def test_draft_submit_comment_states(ctx: ServiceContext, world: World) -> None:
    draft = diary_entries.create_entry(ctx, entry_input(world.mentee.id))
    assert draft.state == "草稿" and draft.submitted_at is None
    assert draft.mentorship_id == world.pairing.id
    assert (draft.mentee_id, draft.mentee, draft.date) == (world.mentee.id, "林小雨", dt.date(2024, 3, 15))
    assert draft.comments == ()

    submitted = diary_entries.submit_entry(ctx, draft.id, draft.version)
    assert submitted.state == "已提交"
    assert submitted.submitted_at is not None and submitted.submitted_at.tzinfo is not None
    assert submitted.version == draft.version + 1
    with pytest.raises(ValidationError) as info:
        diary_entries.submit_entry(ctx, draft.id, submitted.version)
    assert info.value.fields == {"state": "日记已是“已提交”状态"}

    c = diary_comments.add_comment(ctx, draft.id, comment(world.mentor.id, date="2024.03.16"))
    assert (c.entry_id, c.mentor_id, c.mentor, c.date) == (
        draft.id,
        world.mentor.id,
        "周正德",
        dt.date(2024, 3, 16),
    )
    commented = dy.get_entry(ctx, draft.id)
    assert commented.state == "已点评"
    assert commented.comments == (c,)

    entry_audits = audits(ctx, "diary_entry")
    assert [(a, entry_id) for a, entry_id, _c in entry_audits] == [
        ("create", draft.id),
        ("update", draft.id),
        ("update", draft.id),
    ]
    created = entry_audits[0][2]
    assert created["title"] == [None, "第一次参加村民议事会"]
    assert created["date"] == [None, "2024.03.15"]
    assert created["mentorship_id"] == [None, world.pairing.id]
    assert [changes for _a, _id, changes in entry_audits[1:]] == [
        {"state": ["草稿", "已提交"]},
        {"state": ["已提交", "已点评"]},
    ]
    [(action, comment_id, changes)] = audits(ctx, "mentor_comment")
    assert (action, comment_id) == ("create", c.id)
    assert changes == {"entry_id": [None, draft.id], "date": [None, "2024.03.16"], "text": [None, c.text]}


def test_create_submitted_at_once(ctx: ServiceContext, world: World) -> None:
    entry = diary_entries.create_entry(ctx, entry_input(world.mentee.id), submit=True)
    assert entry.state == "已提交" and entry.submitted_at is not None


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": " "}, "title", "请填写标题"),
        ({"category": "闲聊"}, "category", "类别“闲聊”不在可选范围内"),
        ({"content": ""}, "content", "请填写正文"),
        ({"date": ""}, "date", "请填写日记日期"),
        ({"date": "2024.02.30"}, "date", "不是存在的日期"),
    ],
)
def test_entry_field_errors(
    ctx: ServiceContext, world: World, changes: dict[str, str], field: str, message: str
) -> None:
    with pytest.raises(ValidationError) as info:
        diary_entries.create_entry(ctx, entry_input(world.mentee.id, **changes))
    assert message in info.value.fields[field]
    assert dy.list_entries(ctx) == []


@pytest.mark.usefixtures("pinned_day")
def test_future_entry_and_unknown_mentee(ctx: ServiceContext, world: World) -> None:
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    with pytest.raises(ValidationError) as info:
        diary_entries.create_entry(ctx, entry_input(world.mentee.id, date=tomorrow))
    assert "不能晚于今天" in info.value.fields["date"]
    with pytest.raises(ValidationError) as info:
        diary_entries.create_entry(ctx, entry_input(4242))
    assert info.value.fields == {"mentee_id": "干部（编号 4242）不存在"}
    with pytest.raises(NotFoundError):
        dy.get_entry(ctx, 4242)


def test_entry_is_linked_to_the_pairing_in_force_on_its_date(ctx: ServiceContext, world: World) -> None:
    # the first pairing is aborted early; a second one with another mentor starts later
    first = mentorship_changes.end_mentorship(
        ctx, world.pairing.id, ms.MentorshipEnd(False, "2024.03.31", reason="导师调离"), world.pairing.version
    )
    second = mentorship_changes.create_mentorship(
        ctx, ms.MentorshipInput(world.outsider.id, world.mentee.id, dt.date(2024, 5, 1), dt.date(2026, 4, 30))
    )
    before = diary_entries.create_entry(ctx, entry_input(world.mentee.id, "2023.12.31"))
    during_first = diary_entries.create_entry(ctx, entry_input(world.mentee.id, "2024.03.31"))
    between = diary_entries.create_entry(
        ctx, entry_input(world.mentee.id, "2024.04.15")
    )  # after 中止, before the second
    during_second = diary_entries.create_entry(ctx, entry_input(world.mentee.id, "2024.05.01"))
    assert before.mentorship_id is None
    assert during_first.mentorship_id == first.id
    assert between.mentorship_id is None
    assert during_second.mentorship_id == second.id
    assert ms.diary_count(ctx, first.id) == 1
    assert ms.diary_count(ctx, second.id) == 1
    # changing the date re-links the entry
    moved = diary_entries.update_entry(
        ctx, before.id, entry_input(world.mentee.id, "2024.06.01"), before.version
    )
    assert moved.mentorship_id == second.id
    # another cadre's diary is never linked to this mentee's pairing
    own = diary_entries.create_entry(ctx, entry_input(world.outsider.id, "2024.06.01"))
    assert own.mentorship_id is None


def test_update_entry(ctx: ServiceContext, world: World) -> None:
    entry = diary_entries.create_entry(ctx, entry_input(world.mentee.id), submit=True)
    updated = diary_entries.update_entry(
        ctx, entry.id, entry_input(world.mentee.id, title="参加村民议事会有感"), entry.version
    )
    assert updated.title == "参加村民议事会有感"
    assert updated.state == "已提交"  # a submitted entry may still be corrected before the comment
    assert updated.version == entry.version + 1
    assert audits(ctx, "diary_entry")[-1][2] == {"title": ["第一次参加村民议事会", "参加村民议事会有感"]}
    with pytest.raises(ConflictError):
        diary_entries.update_entry(ctx, entry.id, entry_input(world.mentee.id, title="又改"), entry.version)
    with pytest.raises(ConflictError):
        diary_entries.submit_entry(ctx, entry.id, entry.version)
    assert dy.get_entry(ctx, entry.id).title == "参加村民议事会有感"


# --- comments -------------------------------------------------------------------------------------


def test_only_the_pairings_mentor_may_comment(ctx: ServiceContext, world: World) -> None:
    entry = diary_entries.create_entry(ctx, entry_input(world.mentee.id), submit=True)
    with pytest.raises(ValidationError) as info:
        diary_comments.add_comment(ctx, entry.id, comment(world.outsider.id))
    assert info.value.fields == {"mentor_id": "只有该日记所属结对的导师（周正德）可以点评"}
    with pytest.raises(ValidationError):
        diary_comments.add_comment(ctx, entry.id, comment(world.mentee.id))  # nor the mentee
    after = dy.get_entry(ctx, entry.id)
    assert after.state == "已提交" and after.comments == ()
    assert audits(ctx, "mentor_comment") == []


def test_no_comment_on_a_draft(ctx: ServiceContext, world: World) -> None:
    draft = diary_entries.create_entry(ctx, entry_input(world.mentee.id))
    with pytest.raises(ValidationError) as info:
        diary_comments.add_comment(ctx, draft.id, comment(world.mentor.id))
    assert info.value.fields == {"entry": "草稿尚未提交，导师不能点评"}
    assert dy.get_entry(ctx, draft.id) == draft


def test_no_comment_without_a_pairing(ctx: ServiceContext, world: World) -> None:
    entry = diary_entries.create_entry(ctx, entry_input(world.mentee.id, "2023.06.01"))
    assert entry.mentorship_id is None
    with pytest.raises(ValidationError) as info:
        diary_comments.add_comment(ctx, entry.id, comment(world.mentor.id))
    assert info.value.fields["mentor_id"] == "该日记写于没有结对帮带的时期，没有导师可以点评"


@pytest.mark.usefixtures("pinned_day")
def test_comment_rules(ctx: ServiceContext, world: World) -> None:
    entry = diary_entries.create_entry(ctx, entry_input(world.mentee.id), submit=True)
    with pytest.raises(ValidationError) as info:
        diary_comments.add_comment(ctx, entry.id, comment(world.mentor.id, date="2024.03.14"))
    assert info.value.fields == {"date": "点评日期早于日记日期"}
    with pytest.raises(ValidationError) as info:
        diary_comments.add_comment(ctx, entry.id, comment(world.mentor.id, text="  "))
    assert info.value.fields == {"text": "请填写点评内容"}
    c = diary_comments.add_comment(ctx, entry.id, comment(world.mentor.id))  # dated today by default
    assert c.date == dt.date.today()
    edited = diary_comments.update_comment(ctx, c.id, "修改后的点评", c.version)
    assert edited.text == "修改后的点评" and edited.version == c.version + 1
    with pytest.raises(ConflictError):
        diary_comments.update_comment(ctx, c.id, "过期的修改", c.version)
    diary_entries.archive_entry(ctx, entry.id)
    with pytest.raises(ValidationError) as info:
        diary_comments.add_comment(ctx, entry.id, comment(world.mentor.id))
    assert info.value.fields == {"entry": "该日记已归档"}


def test_the_mentor_of_that_time_comments_after_the_pairing_ended(ctx: ServiceContext, world: World) -> None:
    entry = diary_entries.create_entry(ctx, entry_input(world.mentee.id), submit=True)
    mentorship_changes.end_mentorship(
        ctx, world.pairing.id, ms.MentorshipEnd(False, "2024.04.30", reason="调整"), world.pairing.version
    )
    mentorship_changes.create_mentorship(
        ctx, ms.MentorshipInput(world.outsider.id, world.mentee.id, dt.date(2024, 5, 1), dt.date(2026, 4, 30))
    )
    with pytest.raises(ValidationError):
        diary_comments.add_comment(ctx, entry.id, comment(world.outsider.id))
    assert diary_comments.add_comment(ctx, entry.id, comment(world.mentor.id)).mentor == "周正德"


def test_archiving_the_last_comment_puts_the_entry_back(ctx: ServiceContext, world: World) -> None:
    entry = diary_entries.create_entry(ctx, entry_input(world.mentee.id), submit=True)
    first = diary_comments.add_comment(ctx, entry.id, comment(world.mentor.id, "第一条点评", "2024.03.16"))
    second = diary_comments.add_comment(ctx, entry.id, comment(world.mentor.id, "第二条点评", "2024.03.20"))
    assert [c.text for c in dy.get_entry(ctx, entry.id).comments] == ["第一条点评", "第二条点评"]
    diary_comments.archive_comment(ctx, second.id)
    still = dy.get_entry(ctx, entry.id)
    assert still.state == "已点评" and [c.id for c in still.comments] == [first.id]
    diary_comments.archive_comment(ctx, first.id)
    back = dy.get_entry(ctx, entry.id)
    assert back.state == "已提交" and back.comments == ()
    assert audits(ctx, "diary_entry")[-1][2] == {"state": ["已点评", "已提交"]}
    diary_comments.restore_comment(ctx, first.id)
    assert dy.get_entry(ctx, entry.id).state == "已点评"
    assert [a for a, _id, _c in audits(ctx, "mentor_comment")] == [
        "create",
        "create",
        "archive",
        "archive",
        "restore",
    ]


def test_a_commented_entry_cannot_be_edited(ctx: ServiceContext, world: World) -> None:
    entry = diary_entries.create_entry(ctx, entry_input(world.mentee.id), submit=True)
    c = diary_comments.add_comment(ctx, entry.id, comment(world.mentor.id))
    current = dy.get_entry(ctx, entry.id)
    with pytest.raises(ValidationError) as info:
        diary_entries.update_entry(
            ctx, entry.id, entry_input(world.mentee.id, content="改写"), current.version
        )
    assert info.value.fields == {"state": "导师已点评的日记不能再修改"}
    assert dy.get_entry(ctx, entry.id).content == entry.content
    # once the comment is withdrawn the mentee may correct it again
    diary_comments.archive_comment(ctx, c.id)
    current = dy.get_entry(ctx, entry.id)
    assert (
        diary_entries.update_entry(
            ctx, entry.id, entry_input(world.mentee.id, content="改写"), current.version
        ).content
        == "改写"
    )


# --- listing --------------------------------------------------------------------------------------


def test_list_entries_filters(ctx: ServiceContext, world: World) -> None:
    other_pairing = mentorship_changes.create_mentorship(
        ctx,
        ms.MentorshipInput(world.outsider.id, world.mentor.id, dt.date(2024, 1, 1), dt.date(2025, 12, 31)),
    )
    a = diary_entries.create_entry(ctx, entry_input(world.mentee.id, "2024.03.01", category="学习"))
    b = diary_entries.create_entry(
        ctx, entry_input(world.mentee.id, "2024.04.01", category="工作"), submit=True
    )
    c = diary_entries.create_entry(
        ctx, entry_input(world.mentee.id, "2024.05.01", category="工作"), submit=True
    )
    d = diary_entries.create_entry(
        ctx, entry_input(world.mentor.id, "2024.04.15", category="思想"), submit=True
    )
    diary_comments.add_comment(ctx, c.id, comment(world.mentor.id))
    archived = diary_entries.create_entry(ctx, entry_input(world.mentee.id, "2024.04.02"))
    diary_entries.archive_entry(ctx, archived.id)

    def ids(**filters: object) -> list[int]:
        return [e.id for e in dy.list_entries(ctx, **filters)]  # type: ignore[arg-type]

    assert ids() == [c.id, d.id, b.id, a.id]  # newest first, archived left out
    assert ids(mentee_id=world.mentee.id) == [c.id, b.id, a.id]
    assert ids(state="草稿") == [a.id]
    assert ids(state="已提交") == [d.id, b.id]
    assert ids(state="已点评") == [c.id]
    assert ids(category="工作") == [c.id, b.id]
    assert ids(date_from=dt.date(2024, 4, 1), date_to=dt.date(2024, 4, 15)) == [d.id, b.id]
    assert ids(date_from=dt.date(2024, 4, 2)) == [c.id, d.id]
    assert ids(date_to=dt.date(2024, 3, 31)) == [a.id]
    assert ids(mentor_id=world.mentor.id) == [c.id, b.id, a.id]
    assert ids(mentor_id=world.mentor.id, state="已提交") == [b.id]  # 待点评 for this mentor
    assert ids(mentor_id=world.outsider.id) == [d.id]
    assert ids(mentorship_id=other_pairing.id) == [d.id]
    assert ids(limit=2) == [c.id, d.id]
    assert ids(limit=2, offset=2) == [b.id, a.id]
    [summary] = dy.list_entries(ctx, state="草稿")
    assert (summary.mentee, summary.title, summary.category, summary.length) == (
        "林小雨",
        "第一次参加村民议事会",
        "学习",
        len(a.content),
    )
    diary_entries.restore_entry(ctx, archived.id)
    assert ids(mentee_id=world.mentee.id, state="草稿") == [archived.id, a.id]


def test_a_long_entry_is_stored_intact(ctx: ServiceContext, world: World) -> None:
    paragraph = (
        "今天到某某村走访脱贫户，了解产业发展和务工情况。\n群众反映道路需要硬化、灌溉渠需要维修。𠀋㛃\t"
    )
    text = (paragraph * (30_000 // len(paragraph) + 1))[:29_999] + "完"
    assert len(text) == 30_000
    entry = diary_entries.create_entry(ctx, entry_input(world.mentee.id, content=text))
    loaded = dy.get_entry(ctx, entry.id)
    assert loaded.content == text
    assert dy.list_entries(ctx)[0].length == 30_000
    assert loaded.word_count == sum(1 for ch in text if not ch.isspace())
    with pytest.raises(ValidationError) as info:
        diary_entries.create_entry(
            ctx, entry_input(world.mentee.id, content="长" * (max_length(DiaryEntry.content) + 1))
        )
    assert "正文不能超过100000个字" in info.value.fields["content"]


# --- the search index -----------------------------------------------------------------------------


def test_search_follows_entries(ctx: ServiceContext, world: World) -> None:
    entry = diary_entries.create_entry(
        ctx, entry_input(world.mentee.id, content="学习防汛应急预案，参加演练。")
    )
    assert found(ctx, "防汛应急", "diary") == {entry.id}
    assert found(ctx, "演练", "diary") == {entry.id}
    assert found(ctx, "议事会", "diary") == {entry.id}  # the title
    updated = diary_entries.update_entry(
        ctx, entry.id, entry_input(world.mentee.id, content="整理信访台账，学习接访流程。"), entry.version
    )
    assert found(ctx, "防汛应急", "diary") == set()
    assert found(ctx, "信访台账", "diary") == {entry.id}
    diary_entries.submit_entry(ctx, entry.id, updated.version)
    assert found(ctx, "信访台账", "diary") == {entry.id}
    diary_entries.archive_entry(ctx, entry.id)
    assert found(ctx, "信访台账", "diary") == set()
    assert maintenance.check(ctx).ok
    diary_entries.restore_entry(ctx, entry.id)
    assert found(ctx, "信访台账", "diary") == {entry.id}
    assert maintenance.check(ctx).ok


def test_search_follows_comments(ctx: ServiceContext, world: World) -> None:
    entry = diary_entries.create_entry(ctx, entry_input(world.mentee.id), submit=True)
    c = diary_comments.add_comment(ctx, entry.id, comment(world.mentor.id, "要多到田间地头听民声"))
    assert found(ctx, "田间地头", "comment") == {c.id}
    [hit] = search.search(ctx, "田间地头", kinds=["comment"]).hits
    assert hit.title == "第一次参加村民议事会"  # a comment hit is titled with its entry
    edited = diary_comments.update_comment(ctx, c.id, "要多到企业车间听诉求", c.version)
    assert found(ctx, "田间地头", "comment") == set()
    assert found(ctx, "企业车间", "comment") == {c.id}
    diary_comments.archive_comment(ctx, c.id)
    assert found(ctx, "企业车间", "comment") == set()
    assert maintenance.check(ctx).ok
    diary_comments.restore_comment(ctx, c.id)
    assert found(ctx, "企业车间", "comment") == {c.id}
    assert edited.version == c.version + 1
    assert maintenance.check(ctx).ok


def test_archiving_an_entry_hides_its_comments_from_search(ctx: ServiceContext, world: World) -> None:
    entry = diary_entries.create_entry(ctx, entry_input(world.mentee.id), submit=True)
    c = diary_comments.add_comment(ctx, entry.id, comment(world.mentor.id, "要多到田间地头听民声"))
    diary_entries.archive_entry(ctx, entry.id)
    assert found(ctx, "田间地头", "comment") == set()
    assert maintenance.check(ctx).ok
    # a comment edited or restored while its entry is archived stays out of the index
    c = diary_comments.update_comment(ctx, c.id, "要多到企业车间听诉求", c.version)
    diary_comments.archive_comment(ctx, c.id)
    diary_comments.restore_comment(ctx, c.id)
    assert found(ctx, "企业车间", "comment") == set()
    assert maintenance.check(ctx).ok
    diary_entries.restore_entry(ctx, entry.id)
    assert found(ctx, "企业车间", "comment") == {c.id}
    assert maintenance.check(ctx).ok
