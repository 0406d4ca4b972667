"""Appointment-form files: import (preview, apply all-or-nothing), export, lossless round trip."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from cadre_desk.db.engine import Database
from cadre_desk.errors import ImportRejected
from cadre_desk.services import cadre_records, cadres
from cadre_desk.services.context import ServiceContext
from cadre_desk.transfer import forms, importing, lrmx

FIXTURES = Path(__file__).parents[1] / "fixtures" / "lrmx"
GOOD = ("filled_compact.lrmx", "dotted_dates.lrmx", "family10_resume40_unknown.lrmx")


def _import(ctx: ServiceContext, *names: str) -> importing.ImportResult:
    plan = forms.plan_files(ctx, [FIXTURES / n for n in names])
    assert plan.rejected == ()
    return importing.apply_plan(ctx, plan)


def _db_hash(db: Database) -> str:
    db.dispose()
    assert db.path is not None
    return hashlib.sha256(db.path.read_bytes()).hexdigest()


def test_preview_lists_new_cadres_and_unreadable_files_with_reasons(ctx: ServiceContext) -> None:
    plan = forms.plan_files(ctx, [FIXTURES])
    assert sorted(i.name for i in plan.items) == ["刘芳", "张秀兰", "欧阳志远", "王建国"]
    assert all(i.action == "create" for i in plan.items)
    reasons = {Path(r.source).name: r.reason for r in plan.rejected}
    assert "实体" in reasons["entity_bomb.lrmx"] and "拒绝读取" in reasons["entity_bomb.lrmx"]
    assert "外部实体" in reasons["external_entity.lrmx"]
    assert "不是有效的 XML" in reasons["truncated.lrmx"]
    assert "请填写姓名" in reasons["blank_template.lrmx"]


def test_import_fills_profile_photo_family_resume_rewards_assessments(ctx: ServiceContext) -> None:
    result = _import(ctx, "filled_compact.lrmx", "family10_resume40_unknown.lrmx")
    wang = cadre_records.get_profile(ctx, result.cadre_ids[0])
    assert wang.cadre.name == "王建国" and str(wang.cadre.birth) == "1985.03"
    assert wang.cadre.political_status == "中共党员" and str(wang.cadre.party_join) == "2006.05"
    assert wang.cadre.inservice_degree == "公共管理硕士"
    assert [str(e.start) for e in wang.resume] == ["2003.09", "2007.07", "2011.09", "2016.03"]
    assert wang.resume[-1].end is None
    assert [c.text for c in wang.resume[2].concurrent] == [
        "浙江工业大学公共管理专业在职研究生学习，获公共管理硕士学位"
    ]
    assert (wang.family[0].relation, wang.family[0].name, str(wang.family[0].birth)) == (
        "妻子",
        "陈丽",
        "1987.06",
    )
    assert wang.family[3].deceased
    assert [(a.year, a.grade) for a in wang.assessments] == [(2022, "称职"), (2023, "称职"), (2024, "优秀")]
    assert [r.kind for r in wang.rewards] == ["奖励", "奖励"] and str(wang.rewards[0].date) == "2019.12"
    photo = cadres.get_photo(ctx, wang.cadre.id)
    assert photo is not None and photo[0] == (FIXTURES / "portrait.jpg").read_bytes()
    big = cadre_records.get_profile(ctx, result.cadre_ids[1])
    assert len(big.resume) == 40 and len(big.family) == 10
    assert sum(len(e.concurrent) for e in big.resume) == 2
    assert big.cadre.democratic_party == "民盟"


@pytest.mark.parametrize("name", GOOD)
def test_round_trip_is_lossless(ctx: ServiceContext, tmp_path: Path, name: str) -> None:
    result = _import(ctx, name)
    out = forms.export_files(ctx, list(result.cadre_ids), tmp_path / "out")
    original = (FIXTURES / name).read_bytes()
    exported = out.files[0].read_bytes()
    assert lrmx.elements(exported) == lrmx.elements(original)  # tags, order, text, family items
    root = lrmx.parse_xml(exported)
    photo_text = root.findtext("ZhaoPian") or ""
    assert photo_text == (lrmx.parse_xml(original).findtext("ZhaoPian") or "")
    assert lrmx.decode_photo(photo_text)[0] == (FIXTURES / "portrait.jpg").read_bytes()
    assert exported.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')


def test_unknown_elements_and_version_survive(ctx: ServiceContext, tmp_path: Path) -> None:
    result = _import(ctx, "family10_resume40_unknown.lrmx")
    root = lrmx.parse_xml(forms.form_bytes(ctx, result.cadre_ids[0]))
    tags = [c.tag for c in root]
    assert tags[-4:] == ["Version", "DaoLingNianYue", "GaiGeQianRenZhiNianLingJieXian", "KuoZhanXinXi"]
    assert root.findtext("Version") == "3.2.1.16"
    ext = root.find("KuoZhanXinXi")
    assert (
        ext is not None
        and ext.get("leiXing") == "beizhu"
        and ext.findtext("BeiZhu") == "本表由XX县委组织部审核"
    )


def test_an_edit_changes_only_its_element_in_the_editors_form(ctx: ServiceContext) -> None:
    result = _import(ctx, "dotted_dates.lrmx")
    cid = result.cadre_ids[0]
    view = cadres.get_cadre(ctx, cid)
    cadres.update_cadre(
        ctx, cid, cadres.CadreInput(**{**view.to_input().__dict__, "work_start": "2013.09"}), view.version
    )
    before = {t: x for t, x, _ in lrmx.elements((FIXTURES / "dotted_dates.lrmx").read_bytes())}
    after = {t: x for t, x, _ in lrmx.elements(forms.form_bytes(ctx, cid))}
    assert after["CanJiaGongZuoShiJian"] == "201309"
    assert {t for t in before if before[t] != after[t]} == {"CanJiaGongZuoShiJian"}
    assert after["ChuShengNianYue"] == "1990.11"  # unchanged dotted form kept


def test_export_of_a_cadre_made_in_the_app(ctx: ServiceContext, cadre_factory) -> None:  # type: ignore[no-untyped-def]
    c = cadre_factory("李四", id_number="")
    cadre_records.save_family(
        ctx, c.id, [cadre_records.FamilyMemberInput("妻子", "王五", "1986.01", "群众", "教师")], c.version
    )
    root = lrmx.parse_xml(forms.form_bytes(ctx, c.id))
    assert [el.tag for el in root] == list(lrmx.ORDER)
    assert root.findtext("ChuShengNianYue") == "198503" and root.findtext("RuDangShiJian") == "200605"
    items = root.findall("JiaTingChengYuan/Item")
    assert (
        len(items) == 10
        and items[0].findtext("XingMing") == "王五"
        and items[0].findtext("ChuShengRiQi") == "198601"
    )
    assert root.findtext("NianDuKaoHeJieGuo") == "无"


def test_reimport_matches_by_id_number_and_shows_a_field_diff(ctx: ServiceContext, tmp_path: Path) -> None:
    _import(ctx, "filled_compact.lrmx")
    text = (FIXTURES / "filled_compact.lrmx").read_text(encoding="utf-8")
    changed = tmp_path / "w.lrmx"
    changed.write_text(
        text.replace("XX县委组织部副部长</XianRenZhiWu>", "XX乡党委书记</XianRenZhiWu>"), encoding="utf-8"
    )
    plan = forms.plan_files(ctx, [changed])
    (item,) = plan.items
    assert item.action == "update"
    assert [(c.label, c.old, c.new) for c in item.changes] == [
        ("现任职务", "XX县委组织部副部长", "XX乡党委书记")
    ]
    importing.apply_plan(ctx, plan)
    assert cadres.get_cadre(ctx, item.cadre_id or 0).post == "XX乡党委书记"


def test_match_by_name_and_birth_month_without_id_number(ctx: ServiceContext, cadre_factory) -> None:  # type: ignore[no-untyped-def]
    existing = cadre_factory(
        "张秀兰", gender="女", birth="1982.07", party_join="2004.06", work_start="2005.07"
    )
    plan = forms.plan_files(ctx, [FIXTURES / "legacy.lrm"])
    assert plan.items[0].cadre_id == existing.id and plan.items[0].action == "update"


def test_legacy_lrm_in_gbk_with_pic(ctx: ServiceContext, tmp_path: Path) -> None:
    result = _import(ctx, "legacy.lrm")
    p = cadre_records.get_profile(ctx, result.cadre_ids[0])
    assert (p.cadre.name, p.cadre.fulltime_degree, p.cadre.inservice_education) == (
        "张秀兰",
        "法学学士",
        "研究生",
    )
    assert [f.name for f in p.family] == ["李强", "李思雨"]
    assert cadres.get_photo(ctx, p.cadre.id)[0] == (FIXTURES / "legacy.pic").read_bytes()  # type: ignore[index]
    root = lrmx.parse_xml(forms.form_bytes(ctx, p.cadre.id))
    assert root.findtext("NiRenZhiWu") == "XX乡党委书记" and root.findtext("TianBiaoRen") == "张明"


def test_rejected_files_block_the_import_and_the_database_is_unchanged(
    ctx: ServiceContext, db: Database
) -> None:
    _import(ctx, "filled_compact.lrmx")
    plan = forms.plan_files(ctx, [FIXTURES])
    before = _db_hash(db)
    with pytest.raises(ImportRejected):
        importing.apply_plan(ctx, plan)
    assert _db_hash(db) == before


def test_a_stale_preview_rolls_back_everything(ctx: ServiceContext, db: Database, tmp_path: Path) -> None:
    _import(ctx, "filled_compact.lrmx")
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(FIXTURES / "dotted_dates.lrmx", folder / "a.lrmx")
    text = (FIXTURES / "filled_compact.lrmx").read_text(encoding="utf-8")
    (folder / "sub").mkdir()
    (folder / "sub" / "b.lrmx").write_text(
        text.replace("<TianBiaoRen>李明", "<TianBiaoRen>赵六").replace("经济师", "高级经济师"),
        encoding="utf-8",
    )
    plan = forms.plan_files(ctx, [folder])  # recursive
    assert sorted(i.action for i in plan.items) == ["create", "update"]
    wang = next(i for i in plan.items if i.action == "update")
    view = cadres.get_cadre(ctx, wang.cadre_id or 0)
    cadres.update_cadre(
        ctx, view.id, cadres.CadreInput(**{**view.to_input().__dict__, "phone": "123"}), view.version
    )
    before = _db_hash(db)
    with pytest.raises(ImportRejected, match="已在预览之后被修改"):
        importing.apply_plan(ctx, plan)
    assert _db_hash(db) == before
