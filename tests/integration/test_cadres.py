"""Cadres: validation with field-level Chinese messages, optimistic locking, audit trail, roster, search."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import func, select

from cadre_desk.db.models import Account, AuditEvent, Cadre
from cadre_desk.domain.idcard import make_id_number
from cadre_desk.domain.yearmonth import YearMonth
from cadre_desk.errors import ConflictError, NotFoundError, ValidationError
from cadre_desk.services import cadres, maintenance, search, serialize, units
from cadre_desk.services.context import ServiceContext
from tests.conftest import make_cadre

# 1985.03, male: matches make_cadre's defaults.
ID_ZHANG = make_id_number("110105", dt.date(1985, 3, 12), 1, male=True)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


@dataclass(frozen=True)
class Audit:
    action: str
    entity: str
    entity_id: int | None
    entity_uid: str | None
    account_id: int | None
    changes: dict[str, Any]


def audit_rows(ctx: ServiceContext, entity: str = "cadre", entity_id: int | None = None) -> list[Audit]:
    with ctx.db.read() as session:
        stmt = select(AuditEvent).where(AuditEvent.entity == entity).order_by(AuditEvent.id)
        if entity_id is not None:
            stmt = stmt.where(AuditEvent.entity_id == entity_id)
        return [
            Audit(r.action, r.entity, r.entity_id, r.entity_uid, r.account_id, r.changes)
            for r in session.scalars(stmt)
        ]


def audit_count(ctx: ServiceContext) -> int:
    with ctx.db.read() as session:
        return int(session.scalar(select(func.count(AuditEvent.id))) or 0)


def cadre_count(ctx: ServiceContext) -> int:
    with ctx.db.read() as session:
        return int(session.scalar(select(func.count(Cadre.id))) or 0)


def found(ctx: ServiceContext, text: str, kind: str = "cadre") -> set[int]:
    page = search.search(ctx, text, kinds=[kind], limit=500)
    return {hit.ref_id for hit in page.hits}


def next_month() -> str:
    return str(YearMonth.from_date(dt.date.today()).add_months(1))


def assert_index_in_sync(ctx: ServiceContext) -> None:
    report = maintenance.check(ctx)
    assert report.ok, [item for item in report.items if not item.ok]


# --- creating -------------------------------------------------------------------------------------


def test_create_with_valid_data(ctx: ServiceContext, unit: units.UnitView) -> None:
    view = make_cadre(ctx, "张三", unit_id=unit.id, id_number=ID_ZHANG.lower(), native_place=" 江苏南京 ")
    assert view.id > 0 and len(view.uid) == 36
    assert view.version == 1
    assert not view.archived
    assert view.name == "张三"
    assert view.birth == YearMonth(1985, 3)
    assert view.party_join == YearMonth(2006, 5)
    assert view.work_start == YearMonth(2007, 7)
    assert view.unit == "县委组织部" and view.unit_id == unit.id
    assert view.id_number == ID_ZHANG  # normalised (upper-case X if any)
    assert view.native_place == "江苏南京"  # trimmed
    assert not view.has_photo
    assert view.age(dt.date(2026, 2, 1)) == 40
    again = cadres.get_cadre(ctx, view.id)
    assert again == view
    [row] = cadres.list_cadres(ctx)
    assert row.name_initials == "zs"
    assert row.id_number == ID_ZHANG
    assert row.education == ""


def test_to_input_round_trips_through_update(ctx: ServiceContext) -> None:
    view = make_cadre(ctx, fulltime_education="大学", inservice_education="研究生")
    same = cadres.update_cadre(ctx, view.id, view.to_input(), view.version)
    assert same.version == view.version  # nothing changed: no write
    assert cadres.list_cadres(ctx)[0].education == "大学"  # full-time education first


def test_json_form_of_a_cadre(ctx: ServiceContext) -> None:
    data = serialize.to_jsonable(make_cadre(ctx))
    assert data["birth"] == "1985.03"
    assert data["post_since"] is None
    assert data["name"] == "张三"
    assert isinstance(data["created_at"], str)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"name": ""}, "name", "请填写姓名"),
        ({"name": "   "}, "name", "请填写姓名"),
        ({"name": "张" * 51}, "name", "姓名不能超过50个字"),
        ({"gender": "X"}, "gender", "性别“X”不在可选范围内"),
        ({"gender": ""}, "gender", "请选择性别"),
        ({"birth": "1985.13"}, "birth", "出生年月：月份 13 不存在"),
        ({"birth": "八五年"}, "birth", "不是有效的年月"),
        ({"birth": ""}, "birth", "请填写出生年月"),
        ({"work_start": "2001.02"}, "work_start", "参加工作时间（2001.02）时未满16周岁"),
        ({"party_join": "2003.02"}, "party_join", "入党时间（2003.02）时未满18周岁"),
        ({"post_since": "1984.01"}, "post_since", "任现职时间早于出生年月"),
        ({"ethnicity": "火星族"}, "ethnicity", "民族“火星族”不在可选范围内"),
        ({"political_status": "火星党"}, "political_status", "政治面貌“火星党”不在可选范围内"),
        ({"id_number": ID_ZHANG[:17] + ("0" if ID_ZHANG[17] != "0" else "1")}, "id_number", "校验位错误"),
        ({"id_number": "1101051985031"}, "id_number", "身份证号应为18位，现为13位"),
        (
            {"id_number": make_id_number("110105", dt.date(1985, 4, 12), 1, male=True)},
            "id_number",
            "身份证号中的出生年月（1985.04）与出生年月（1985.03）不一致",
        ),
        (
            {"id_number": make_id_number("110105", dt.date(1985, 3, 12), 1, male=False)},
            "id_number",
            "身份证号显示的性别与所填性别（男）不一致",
        ),
        ({"unit_id": 9999}, "unit_id", "单位（编号 9999）不存在"),
    ],
)
def test_field_errors(ctx: ServiceContext, overrides: dict[str, Any], field: str, message: str) -> None:
    before_audit = audit_count(ctx)
    with pytest.raises(ValidationError) as info:
        make_cadre(ctx, **overrides)
    assert field in info.value.fields, info.value.fields
    assert message in info.value.fields[field]
    assert message in str(info.value)
    assert cadre_count(ctx) == 0
    assert audit_count(ctx) == before_audit  # a failed validation writes no audit row


@pytest.mark.usefixtures("pinned_day")
def test_birth_in_the_future(ctx: ServiceContext) -> None:
    with pytest.raises(ValidationError) as info:
        make_cadre(ctx, birth=next_month(), party_join=None, work_start=None)
    assert info.value.fields == {"birth": f"出生年月（{next_month()}）不能晚于当前年月"}


@pytest.mark.usefixtures("pinned_day")
def test_future_work_start_is_rejected(ctx: ServiceContext) -> None:
    with pytest.raises(ValidationError) as info:
        make_cadre(ctx, work_start=next_month())
    assert "不能晚于当前年月" in info.value.fields["work_start"]


def test_age_limits_are_inclusive_at_the_birthday_month(ctx: ServiceContext) -> None:
    view = make_cadre(ctx, work_start="2001.03", party_join="2003.03")  # exactly 16 and 18
    assert view.work_start == YearMonth(2001, 3)
    assert view.party_join == YearMonth(2003, 3)


def test_several_field_errors_at_once(ctx: ServiceContext) -> None:
    with pytest.raises(ValidationError) as info:
        make_cadre(ctx, name="", gender="X", birth="1985.13")
    assert set(info.value.fields) == {"name", "gender", "birth"}


def test_duplicate_id_number(ctx: ServiceContext) -> None:
    first = make_cadre(ctx, "张三", id_number=ID_ZHANG)
    with pytest.raises(ValidationError) as info:
        make_cadre(ctx, "张山", id_number=ID_ZHANG)
    assert info.value.fields["id_number"] == f"身份证号与已有干部“张三”（编号 {first.id}）重复"
    assert cadre_count(ctx) == 1
    # still a duplicate when the first cadre is archived (archived records can be restored)
    cadres.archive_cadre(ctx, first.id)
    with pytest.raises(ValidationError, match="重复"):
        make_cadre(ctx, "张山", id_number=ID_ZHANG.lower())
    # the cadre's own number is not a clash with itself
    cadres.restore_cadre(ctx, first.id)
    current = cadres.get_cadre(ctx, first.id)
    updated = cadres.update_cadre(
        ctx, first.id, cadres.CadreInput(**{**current.to_input().__dict__, "post": "副部长"}), current.version
    )
    assert updated.post == "副部长" and updated.id_number == ID_ZHANG


def test_accepted_month_forms_are_normalised(ctx: ServiceContext) -> None:
    view = make_cadre(ctx, birth="1985年3月", work_start="2007-7", party_join="200605", post_since="2020/1")
    assert (view.birth, view.work_start, view.party_join, view.post_since) == (
        YearMonth(1985, 3),
        YearMonth(2007, 7),
        YearMonth(2006, 5),
        YearMonth(2020, 1),
    )
    stored = cadres.get_cadre(ctx, view.id)
    assert str(stored.birth) == "1985.03"
    assert str(stored.work_start) == "2007.07"
    [create] = audit_rows(ctx)
    assert create.changes["birth"] == [None, "1985.03"]
    assert create.changes["post_since"] == [None, "2020.01"]


def test_get_unknown_cadre(ctx: ServiceContext) -> None:
    with pytest.raises(NotFoundError, match="找不到干部"):
        cadres.get_cadre(ctx, 4242)
    with pytest.raises(NotFoundError):
        cadres.archive_cadre(ctx, 4242)


# --- updating, locking, audit --------------------------------------------------------------------


def _input(view: cadres.CadreView, **changes: Any) -> cadres.CadreInput:
    return cadres.CadreInput(**{**view.to_input().__dict__, **changes})


def test_update_with_stale_version_changes_nothing(ctx: ServiceContext) -> None:
    view = make_cadre(ctx)
    fresh = cadres.update_cadre(ctx, view.id, _input(view, post="副部长"), view.version)
    assert fresh.version == view.version + 1
    audits = audit_count(ctx)
    with pytest.raises(ConflictError) as info:
        cadres.update_cadre(ctx, view.id, _input(view, post="部长"), view.version)
    assert info.value.expected == view.version and info.value.actual == fresh.version
    assert "已被他人修改" in str(info.value)
    assert cadres.get_cadre(ctx, view.id) == fresh
    assert audit_count(ctx) == audits


def test_update_validation_failure_changes_nothing(ctx: ServiceContext) -> None:
    view = make_cadre(ctx)
    audits = audit_count(ctx)
    with pytest.raises(ValidationError) as info:
        cadres.update_cadre(ctx, view.id, _input(view, name="", post="部长"), view.version)
    assert set(info.value.fields) == {"name"}
    assert cadres.get_cadre(ctx, view.id) == view
    assert audit_count(ctx) == audits


def test_audit_trail_of_create_update_archive_restore(ctx: ServiceContext, unit: units.UnitView) -> None:
    view = make_cadre(ctx, "张三")
    [create] = audit_rows(ctx)
    with ctx.db.read() as session:
        account = session.get(Account, create.account_id)
        assert account is not None and account.name == "测试员"
    assert create.account_id == ctx.account_id
    assert (create.action, create.entity, create.entity_id, create.entity_uid) == (
        "create",
        "cadre",
        view.id,
        view.uid,
    )
    assert create.changes["name"] == [None, "张三"]
    assert create.changes["gender"] == [None, "男"]
    assert create.changes["birth"] == [None, "1985.03"]
    assert create.changes["rank"] == [None, "正科级"]
    assert "unit_id" not in create.changes and "id_number" not in create.changes  # still empty

    updated = cadres.update_cadre(
        ctx, view.id, _input(view, name="张叁", birth="1985.4", unit_id=unit.id), view.version
    )
    rows = audit_rows(ctx)
    assert [r.action for r in rows] == ["create", "update"]
    update = rows[1]
    assert update.account_id == ctx.account_id
    assert update.changes == {
        "name": ["张三", "张叁"],
        "birth": ["1985.03", "1985.04"],
        "unit_id": [None, unit.id],
    }
    assert updated.unit == "县委组织部"

    # an update that changes nothing writes nothing and keeps the version
    same = cadres.update_cadre(ctx, view.id, updated.to_input(), updated.version)
    assert same.version == updated.version
    assert len(audit_rows(ctx)) == 2

    archived = cadres.archive_cadre(ctx, view.id)
    assert archived.archived and archived.version == updated.version + 1
    cadres.archive_cadre(ctx, view.id)  # already archived: no second record
    restored = cadres.restore_cadre(ctx, view.id)
    assert not restored.archived
    cadres.restore_cadre(ctx, view.id)
    rows = audit_rows(ctx)
    assert [(r.action, r.entity_id, r.changes) for r in rows[2:]] == [
        ("archive", view.id, {}),
        ("restore", view.id, {}),
    ]
    assert {r.account_id for r in rows} == {ctx.account_id}


def test_another_operator_is_named_in_the_audit(ctx: ServiceContext) -> None:
    from cadre_desk.services.context import open_context

    other = open_context(ctx.db, "李干事")
    assert other.account_id is None  # opening reads only: the account comes with the first write
    view = make_cadre(other)
    cadres.archive_cadre(ctx, view.id)
    assert None is not other.account_id != ctx.account_id is not None
    rows = audit_rows(ctx)
    assert [(r.action, r.account_id) for r in rows] == [
        ("create", other.account_id),
        ("archive", ctx.account_id),
    ]


# --- the roster -----------------------------------------------------------------------------------


def test_archive_hides_from_roster_and_restore_brings_back(ctx: ServiceContext) -> None:
    a = make_cadre(ctx, "张三")
    b = make_cadre(ctx, "李四")
    cadres.archive_cadre(ctx, a.id)
    assert [c.id for c in cadres.list_cadres(ctx)] == [b.id]
    assert [c.id for c in cadres.list_cadres(ctx, archived_only=True)] == [a.id]
    everyone = cadres.list_cadres(ctx, include_archived=True)
    assert {c.id: c.archived for c in everyone} == {a.id: True, b.id: False}
    assert cadres.count_cadres(ctx) == 1
    assert cadres.count_cadres(ctx, include_archived=True) == 2
    assert cadres.get_cadre(ctx, a.id).archived  # still readable
    cadres.restore_cadre(ctx, a.id)
    assert [c.id for c in cadres.list_cadres(ctx)] == [a.id, b.id]
    assert cadres.list_cadres(ctx, archived_only=True) == []


def test_roster_order_limit_offset_and_unit_filter(ctx: ServiceContext) -> None:
    late = units.create_unit(ctx, units.UnitInput(name="某某乡", kind="乡镇", sort_order=20))
    early = units.create_unit(ctx, units.UnitInput(name="县委办公室", sort_order=10))
    c1 = make_cadre(ctx, "甲一", unit_id=late.id)
    c2 = make_cadre(ctx, "乙二", unit_id=early.id)
    c3 = make_cadre(ctx, "丙三", unit_id=late.id)
    c4 = make_cadre(ctx, "丁四", unit_id=early.id)
    ordered = [c2.id, c4.id, c1.id, c3.id]  # unit order, then id
    assert [c.id for c in cadres.list_cadres(ctx)] == ordered
    assert [c.id for c in cadres.list_cadres(ctx, limit=2)] == ordered[:2]
    assert [c.id for c in cadres.list_cadres(ctx, limit=2, offset=1)] == ordered[1:3]
    assert [c.id for c in cadres.list_cadres(ctx, offset=3)] == ordered[3:]
    assert cadres.list_cadres(ctx, offset=10) == []
    assert [c.id for c in cadres.list_cadres(ctx, unit_id=late.id)] == [c1.id, c3.id]
    assert [c.unit for c in cadres.list_cadres(ctx, unit_id=early.id)] == ["县委办公室", "县委办公室"]
    assert cadres.count_cadres(ctx) == 4
    assert cadres.count_cadres(ctx, unit_id=late.id) == 2
    cadres.archive_cadre(ctx, c1.id)
    assert cadres.count_cadres(ctx, unit_id=late.id) == 1
    assert cadres.count_cadres(ctx, unit_id=late.id, include_archived=True) == 2
    summary = cadres.list_cadres(ctx, unit_id=late.id)[0]
    assert (summary.name, summary.gender, summary.birth, summary.rank) == (
        "丙三",
        "男",
        YearMonth(1985, 3),
        "正科级",
    )
    assert summary.age(dt.date(2026, 3, 1)) == 41


def test_count_cadres_empty(ctx: ServiceContext) -> None:
    assert cadres.count_cadres(ctx) == 0
    assert cadres.list_cadres(ctx) == []


# --- the photo ------------------------------------------------------------------------------------


def test_set_photo_accepts_jpeg_and_png(ctx: ServiceContext) -> None:
    view = make_cadre(ctx)
    with_jpeg = cadres.set_photo(ctx, view.id, JPEG)
    assert with_jpeg.has_photo
    assert with_jpeg.version == view.version + 1
    assert cadres.get_photo(ctx, view.id) == (JPEG, "image/jpeg")
    with_png = cadres.set_photo(ctx, view.id, PNG, "image/png")
    assert cadres.get_photo(ctx, view.id) == (PNG, "image/png")
    assert cadres.get_cadre(ctx, view.id).has_photo
    assert with_png.version == with_jpeg.version + 1
    photo_audits = [r.changes for r in audit_rows(ctx) if r.action == "update"]
    assert photo_audits == [{"photo": ["", f"<{len(JPEG)} bytes>"]}, {"photo": ["", f"<{len(PNG)} bytes>"]}]
    removed = cadres.set_photo(ctx, view.id, None)
    assert not removed.has_photo
    assert cadres.get_photo(ctx, view.id) is None


@pytest.mark.parametrize("data", [b"GIF89a" + b"\x00" * 10, b"", b"%PDF-1.7", b"\xff"])
def test_set_photo_rejects_other_bytes(ctx: ServiceContext, data: bytes) -> None:
    view = make_cadre(ctx)
    audits = audit_count(ctx)
    with pytest.raises(ValidationError) as info:
        cadres.set_photo(ctx, view.id, data)
    assert info.value.fields == {"photo": "照片应为 JPG 或 PNG 图片"}
    assert cadres.get_photo(ctx, view.id) is None
    assert cadres.get_cadre(ctx, view.id).version == view.version
    assert audit_count(ctx) == audits


def test_set_photo_rejects_a_huge_file(ctx: ServiceContext) -> None:
    view = make_cadre(ctx)
    with pytest.raises(ValidationError) as info:
        cadres.set_photo(ctx, view.id, JPEG + b"\x00" * cadres.MAX_PHOTO_BYTES)
    assert "照片过大" in info.value.fields["photo"]
    assert cadres.get_photo(ctx, view.id) is None


# --- the search index -----------------------------------------------------------------------------


def test_search_follows_create_rename_archive_restore(ctx: ServiceContext) -> None:
    view = make_cadre(ctx, "张三丰", post="乡党委书记")
    other = make_cadre(ctx, "李四")
    assert found(ctx, "张三丰") == {view.id}
    assert found(ctx, "三丰") == {view.id}  # two characters
    assert found(ctx, "zsf") == {view.id}  # pinyin initials
    assert found(ctx, "党委书记") == {view.id}
    assert found(ctx, "李四") == {other.id}

    renamed = cadres.update_cadre(ctx, view.id, _input(view, name="王五", post="副县长"), view.version)
    assert found(ctx, "张三丰") == set()
    assert found(ctx, "zsf") == set()
    assert found(ctx, "党委书记") == set()
    assert found(ctx, "王五") == {view.id}
    assert found(ctx, "ww") == {view.id}
    assert found(ctx, "副县长") == {view.id}
    [hit] = search.search(ctx, "王五", kinds=["cadre"]).hits
    assert hit.title == "王五"

    cadres.archive_cadre(ctx, renamed.id)
    assert found(ctx, "王五") == set()
    assert found(ctx, "李四") == {other.id}
    assert_index_in_sync(ctx)
    cadres.restore_cadre(ctx, renamed.id)
    assert found(ctx, "王五") == {view.id}
    assert_index_in_sync(ctx)


def test_search_follows_the_unit(ctx: ServiceContext, unit: units.UnitView) -> None:
    view = make_cadre(ctx, unit_id=unit.id)
    assert found(ctx, "县委组织部") == {view.id}
    units.update_unit(ctx, unit.id, units.UnitInput(name="县委宣传部", kind="党委"), unit.version)
    assert found(ctx, "县委宣传部") == {view.id}
    assert found(ctx, "组织部") == set()
    moved = units.create_unit(ctx, units.UnitInput(name="某某镇人民政府", kind="乡镇"))
    current = cadres.get_cadre(ctx, view.id)
    cadres.update_cadre(ctx, view.id, _input(current, unit_id=moved.id), current.version)
    assert found(ctx, "某某镇") == {view.id}
    assert found(ctx, "宣传部") == set()
    assert_index_in_sync(ctx)


def test_photo_and_failed_saves_keep_the_index_in_sync(ctx: ServiceContext) -> None:
    view = make_cadre(ctx)
    cadres.set_photo(ctx, view.id, PNG)
    with pytest.raises(ValidationError):
        cadres.update_cadre(ctx, view.id, _input(view, name=""), cadres.get_cadre(ctx, view.id).version)
    assert found(ctx, "张三") == {view.id}
    assert_index_in_sync(ctx)
