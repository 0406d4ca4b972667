"""One set of rules for every way data comes in: lengths from the columns, formats, code lists in
every spelling, and the same rules for the editor (field messages) and for imports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from cadre_desk.db.models import Cadre, FamilyMember, RewardOrPunishment
from cadre_desk.domain import vocab
from cadre_desk.errors import ValidationError
from cadre_desk.services import cadre_records as cr
from cadre_desk.services import cadres, validation
from cadre_desk.services.context import ServiceContext
from cadre_desk.transfer import roster
from tests.conftest import make_cadre


def test_lengths_are_the_columns_lengths() -> None:
    assert validation.max_length(Cadre.native_place) == Cadre.__table__.c.native_place.type.length
    assert validation.max_length(Cadre.phone) == Cadre.__table__.c.phone.type.length
    # Text columns are bounded by their declared info, so every input is bounded.
    for column in (
        Cadre.post,
        Cadre.speciality,
        Cadre.notes,
        FamilyMember.employer_post,
        RewardOrPunishment.text,
    ):
        assert validation.max_length(column) > 0


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"phone": "x" * 300}, "phone", "联系电话不能超过30个字"),
        ({"phone": "abcdefg"}, "phone", "联系电话只能包含数字"),
        ({"native_place": "某" * 120}, "native_place", "籍贯不能超过50个字（现为120个）"),
        ({"birthplace": "某" * 51}, "birthplace", "出生地不能超过50个字"),
        ({"rank": "宇宙级"}, "rank", "职级“宇宙级”不在可选范围内"),
        ({"health": "超级健康"}, "health", "健康状况“超级健康”不在可选范围内"),
        ({"fulltime_education": "幼儿园"}, "fulltime_education", "全日制学历“幼儿园”不在可选范围内"),
        ({"inservice_degree": "火星学博士"}, "inservice_degree", "在职学位“火星学博士”不在可选范围内"),
        ({"post": "局" * 1001}, "post", "现任职务不能超过1000个字"),
        ({"notes": "a\x00b"}, "notes", "控制字符"),
    ],
)
def test_the_service_refuses_what_the_columns_and_code_lists_do_not_take(
    ctx: ServiceContext, overrides: dict[str, Any], field: str, message: str
) -> None:
    with pytest.raises(ValidationError) as info:
        make_cadre(ctx, **overrides)
    assert message in info.value.fields[field]
    assert cadres.count_cadres(ctx) == 0


@pytest.mark.parametrize(
    ("list_name", "spellings", "stored"),
    [
        ("political_status", ("民盟", "中国民主同盟盟员", "民盟盟员", " 民盟 "), "民盟盟员"),
        ("political_status", ("九三", "九三学社", "九三学社社员"), "九三学社社员"),
        ("political_status", ("中国致公党党员", "致公党", "致公"), "致公党党员"),
        ("political_status", ("党员", "中国共产党党员", "中共党员"), "中共党员"),
        ("ethnicity", ("汉", "汉族"), "汉族"),
        ("fulltime_education", ("大学本科", "本科", "大学"), "大学"),
        ("fulltime_degree", ("法学学士学位", "法学学士"), "法学学士"),
        ("health", ("身体健康", "健康"), "健康"),
        ("rank", ("正科", "正科级"), "正科级"),
        ("gender", ("男性", "男"), "男"),
    ],
)
def test_every_spelling_of_a_code_is_stored_as_one_value(
    ctx: ServiceContext, list_name: str, spellings: tuple[str, ...], stored: str
) -> None:
    for n, spelling in enumerate(spellings):
        view = make_cadre(ctx, f"干部{n}", **{list_name: spelling})
        assert getattr(view, list_name) == stored
        assert getattr(cadres.get_cadre(ctx, view.id), list_name) == stored


def test_normalise_code_names_every_list() -> None:
    assert vocab.normalise_code("political_status", "中国民主同盟盟员") == "民盟盟员"
    assert vocab.normalise_code("democratic_party", "中国致公党") == "致公党"
    assert vocab.normalise_code("political_status", "火星党") == "火星党"  # unknown: as written
    for name in vocab.CODE_LIST_NAMES:
        for value in vocab.code_list(name):
            assert vocab.normalise_code(name, value) == value


def test_family_political_status_in_any_spelling(ctx: ServiceContext) -> None:
    cadre = make_cadre(ctx)
    profile = cr.save_family(
        ctx, cadre.id, [cr.FamilyMemberInput("父亲", "张大", political_status="民盟")], cadre.version
    )
    assert profile.family[0].political_status == "民盟盟员"


def test_editor_messages_come_from_the_service() -> None:
    data = cadres.CadreInput(name="张三", gender="男", birth="1985.03", phone="abc", rank="宇宙级")
    messages = cadres.field_messages(data)
    assert messages["phone"].startswith("联系电话只能包含数字")
    assert messages["rank"].startswith("职级“宇宙级”不在可选范围内")
    assert "name" not in messages
    # An imported value nobody touched (待核实) is not shown as an error while editing other fields.
    assert "rank" not in cadres.field_messages(data, changed={"phone"})
    assert cr.cell_message("family", "birth", "1960.13") is not None
    assert cr.cell_message("assessments", "year", "abc") == cr.cell_message("assessments", "year", "1800")
    assert cr.cell_message("assessments", "year", "2020") is None
    assert cr.cell_message("trainings", "hours", "x") == "学时应为数字"


def test_a_roster_with_every_spelling_of_political_status_is_taken_in(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["姓名", "性别", "出生年月", "民族", "政治面貌", "学历", "职级"])
    ws.append(["甲", "男", "1985.03", "汉", "民盟", "大学本科", "正科"])
    ws.append(["乙", "女", "1986.04", "汉族", "九三", "本科", "副科"])
    ws.append(["丙", "男", "1987.05", "回族", "中国民主同盟盟员", "研究生", "正科级"])
    ws.append(["丁", "女", "1988.06", "满", "中国致公党党员", "大学", "科员"])
    book.save(tmp_path / "r.xlsx")
    _sheet, plan = roster.plan_roster(ctx, tmp_path / "r.xlsx")
    assert plan.rejected == ()
    assert all(not i.problems for i in plan.items)
    ids = roster.apply_roster(ctx, plan).cadre_ids
    got = [
        (c.political_status, c.ethnicity, c.fulltime_education, c.rank)
        for c in map(lambda i: cadres.get_cadre(ctx, i), ids)
    ]
    assert got == [
        ("民盟盟员", "汉族", "大学", "正科级"),
        ("九三学社社员", "汉族", "大学", "副科级"),
        ("民盟盟员", "回族", "研究生", "正科级"),
        ("致公党党员", "满族", "大学", "科员"),
    ]


def test_code_spellings_are_stored_canonical_and_a_form_keeps_its_own(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    from cadre_desk.transfer import forms, importing, lrmx
    from tests.integration.test_import_warnings import form, write

    path = write(
        tmp_path, "f.lrmx", form(QuanRiZhiJiaoYu_XueLi="大学本科", JianKangZhuangKuang="身体健康", MinZu="汉")
    )
    (cid,) = importing.apply_plan(ctx, forms.plan_files(ctx, [path])).cadre_ids
    view = cadres.get_cadre(ctx, cid)
    assert (view.fulltime_education, view.health, view.ethnicity) == ("大学", "健康", "汉族")
    assert cadre_problems(ctx, cid) == ()
    assert lrmx.elements(forms.form_bytes(ctx, cid)) == lrmx.elements(path.read_bytes())


def cadre_problems(ctx: ServiceContext, cadre_id: int) -> tuple[object, ...]:
    from cadre_desk.services import verification

    return verification.get_problems(ctx, cadre_id)
