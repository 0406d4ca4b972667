"""Imports that are not too strict: correctable problems come in as 待核实 warnings (the cadre is
imported, the value kept as written, the problem listed on the profile, 工作台 and `check`); only an
unreadable file, a file without a person or a conflict is refused, and the preview says which."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cadre_desk.domain.idcard import make_id_number
from cadre_desk.errors import ValidationError
from cadre_desk.services import cadre_records, cadres, verification, worktable
from cadre_desk.services.context import ServiceContext
from cadre_desk.transfer import forms, importing
from tests.integration.old_schema import cadre_row, database_at, insert, upgrade_to_head

GOOD_ID = make_id_number("330102", dt.date(1985, 3, 12), 1, male=True)
BAD_CHECK_DIGIT = GOOD_ID[:17] + ("0" if GOOD_ID[17] != "0" else "1")
ID_OF_APRIL = make_id_number("330102", dt.date(1985, 4, 12), 2, male=True)


def form(**fields: str) -> bytes:
    values = {"XingMing": "王建国", "XingBie": "男", "ChuShengNianYue": "198503", "MinZu": "汉族"} | fields
    body = "".join(f"<{tag}>{text}</{tag}>" for tag, text in values.items())
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<Person>{body}<Version>3.2.1.16</Version></Person>'.encode()
    )


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def test_correctable_problems_are_imported_as_warnings(ctx: ServiceContext, tmp_path: Path) -> None:
    a = write(
        tmp_path,
        "a.lrmx",
        form(
            ShenFenZheng=BAD_CHECK_DIGIT,
            MinZu="火星族",
            CanJiaGongZuoShiJian="2007年夏",
            QuanRiZhiJiaoYu_XueLi="幼儿园",
            JiangChengQingKuang="1800.01 获某奖",
        ),
    )
    b = write(tmp_path, "b.lrmx", form(XingMing="李四", ShenFenZheng=ID_OF_APRIL))
    plan = forms.plan_files(ctx, [a, b])
    assert plan.rejected == ()
    by_name = {i.name: i for i in plan.items}
    assert {p.field for p in by_name["王建国"].problems} >= {
        "id_number",
        "ethnicity",
        "work_start",
        "fulltime_education",
        "rewards[0].date",
    }
    assert "校验位错误" in next(p.message for p in by_name["王建国"].problems if p.field == "id_number")
    assert [p.field for p in by_name["李四"].problems] == ["id_number"]
    assert "不一致" in by_name["李四"].problems[0].message
    result = importing.apply_plan(ctx, plan)
    wang_id = result.cadre_ids[0]
    wang = cadre_records.get_profile(ctx, wang_id)
    # the field keeps the value as written
    assert wang.cadre.id_number == BAD_CHECK_DIGIT
    assert wang.cadre.ethnicity == "火星族"
    assert wang.cadre.fulltime_education == "幼儿园"
    assert wang.cadre.work_start is None
    assert wang.rewards[0].text == "1800.01 获某奖"
    assert {p.label for p in wang.to_verify} >= {"身份证号", "民族", "参加工作时间", "奖惩情况第1项时间"}
    # 工作台 and check list the cadres to verify
    table = worktable.load(ctx)
    assert table.to_verify_total == 2
    assert {c.name for c in table.to_verify} == {"王建国", "李四"}
    listed, total = verification.cadres_to_verify(ctx)
    assert total == 2 and listed[0].problems >= 5

    # Editing other fields does not trip over the imported values still to verify ...
    view = cadres.get_cadre(ctx, wang_id)
    data = view.to_input()
    view = cadres.update_cadre(
        ctx, wang_id, type(data)(**{**data.__dict__, "phone": "13800000000"}), view.version
    )
    assert {p.field for p in verification.get_problems(ctx, wang_id)} >= {
        "id_number",
        "ethnicity",
        "work_start",
    }
    # ... and correcting a field makes its problem disappear (the others stay).
    data = view.to_input()
    fixed = type(data)(**{**data.__dict__, "ethnicity": "汉", "id_number": GOOD_ID, "work_start": "2007.07"})
    cadres.update_cadre(ctx, wang_id, fixed, view.version)
    left = {p.field for p in verification.get_problems(ctx, wang_id)}
    assert not left & {"id_number", "ethnicity", "work_start"}
    assert "fulltime_education" in left
    # A value the user changes must satisfy the rules: a new wrong value is refused, not flagged.
    view = cadres.get_cadre(ctx, wang_id)
    data = view.to_input()
    with pytest.raises(ValidationError) as info:
        cadres.update_cadre(
            ctx, wang_id, type(data)(**{**data.__dict__, "ethnicity": "月球族"}), view.version
        )
    assert "民族“月球族”" in info.value.fields["ethnicity"]


def test_refusals_say_which_kind(ctx: ServiceContext, tmp_path: Path) -> None:
    cadres.create_cadre(ctx, cadres.CadreInput(name="张伟", gender="男", birth="1985.03"))
    cadres.create_cadre(ctx, cadres.CadreInput(name="张伟", gender="男", birth="1985.03"))
    files = [
        write(tmp_path, "truncated.lrmx", b"<?xml version='1.0'?><Person><XingMing>"),
        write(tmp_path, "nobody.lrmx", form(XingMing="", ChuShengNianYue="")),
        write(tmp_path, "twin.lrmx", form(XingMing="张伟")),
    ]
    plan = forms.plan_files(ctx, files)
    kinds = {Path(r.source).name: r.kind for r in plan.rejected}
    assert kinds == {
        "truncated.lrmx": importing.UNREADABLE,
        "nobody.lrmx": importing.NO_PERSON,
        "twin.lrmx": importing.CONFLICT,
    }
    labels = {r.kind_label for r in plan.rejected}
    assert labels == {"文件无法读取", "文件中没有人员", "冲突，需要决定"}


def test_migration_0007_adds_the_verification_table_without_loss(tmp_path: Path) -> None:
    """A database of the schema before 待核实, holding a cadre, upgrades and keeps it."""
    from sqlalchemy import text

    from cadre_desk.db import migrate

    engine = database_at(tmp_path / "old.db", migrate.REVISIONS[migrate.REVISIONS.index("0007") - 1])
    with engine.begin() as conn:
        insert(
            conn,
            "cadre",
            cadre_row(version=2, name="王建国", name_initials="wjg", post="科长", rank="正科级"),
        )
    upgrade_to_head(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT name, version FROM cadre")).one() == ("王建国", 2)
        assert conn.execute(text("SELECT count(*) FROM verification_problem")).scalar() == 0
    engine.dispose()


def test_an_unreadable_birth_month_is_taken_from_the_id_number(ctx: ServiceContext, tmp_path: Path) -> None:
    path = write(tmp_path, "b.lrmx", form(ChuShengNianYue="八五年春", ShenFenZheng=GOOD_ID))
    plan = forms.plan_files(ctx, [path])
    (item,) = plan.items
    assert [(p.field, p.message) for p in item.problems] == [
        ("birth", "出生年月“八五年春”无法识别，已按身份证号取为 1985.03")
    ]
    (cid,) = importing.apply_plan(ctx, plan).cadre_ids
    assert str(cadres.get_cadre(ctx, cid).birth) == "1985.03"
    # Without an ID number there is no birth month at all: the file holds no person to take in.
    nobody = forms.plan_files(
        ctx, [write(tmp_path, "c.lrmx", form(XingMing="赵六", ChuShengNianYue="八五年春"))]
    )
    assert nobody.rejected[0].kind == importing.NO_PERSON


def test_correcting_a_listed_record_clears_its_problem(ctx: ServiceContext, tmp_path: Path) -> None:
    from cadre_desk.services import cadre_records as cr

    lines = "1800.01 获某奖\n2019.12 被评为优秀公务员"
    family = (
        "<Item><ChengWei>父亲</ChengWei><XingMing>王大</XingMing><ChuShengRiQi>"
        "196005</ChuShengRiQi><ZhengZhiMianMao>民主人士</ZhengZhiMianMao><GongZuoDanWeiJiZhiWu>退休"
        "</GongZuoDanWeiJiZhiWu></Item>"
    )
    path = write(tmp_path, "r.lrmx", form(JiangChengQingKuang=lines, JiaTingChengYuan=family))
    (cid,) = importing.apply_plan(ctx, forms.plan_files(ctx, [path])).cadre_ids
    fields = {p.field for p in verification.get_problems(ctx, cid)}
    assert fields == {"rewards[0].date", "family[0].political_status"}
    profile = cr.get_profile(ctx, cid)
    rewards = [cr.RewardInput(r.kind, r.text, r.date, r.issuer, r.id) for r in profile.rewards]
    # Saving the list unchanged keeps the problems (nobody corrected anything) ...
    profile = cr.save_rewards(ctx, cid, rewards, profile.cadre.version)
    assert {p.field for p in profile.to_verify} == fields
    # ... and the family list with its unknown code unchanged saves too (the code stays 待核实).
    members = [
        cr.FamilyMemberInput(m.relation, m.name, m.birth, m.political_status, m.employer_post, id=m.id)
        for m in profile.family
    ]
    members.append(cr.FamilyMemberInput("母亲", "李氏", "1962.01", "群众"))
    profile = cr.save_family(ctx, cid, members, profile.cadre.version)
    assert {p.field for p in profile.to_verify} == fields
    # Correcting the reward's date and the father's status clears both.
    rewards[0] = cr.RewardInput(rewards[0].kind, rewards[0].text, "2001.01", "", rewards[0].id)
    profile = cr.save_rewards(ctx, cid, rewards, profile.cadre.version)
    assert {p.field for p in profile.to_verify} == {"family[0].political_status"}
    members = [
        cr.FamilyMemberInput(m.relation, m.name, m.birth, m.political_status, m.employer_post, id=m.id)
        for m in profile.family
    ]
    members[0] = cr.FamilyMemberInput("父亲", "王大", "1960.05", "群众", "退休", id=members[0].id)
    profile = cr.save_family(ctx, cid, members, profile.cadre.version)
    assert profile.to_verify == ()
    assert worktable.load(ctx).to_verify_total == 0
