"""Hostile and careless appointment-form files (generated here): each gives a clear Chinese message, no
traceback and no change; forms are recognised by their content whatever their name; 奖惩 lines keep
their text as written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cadre_desk.db.models import Cadre
from cadre_desk.reports import form_text
from cadre_desk.services import cadre_records, cadres, validation
from cadre_desk.services.context import ServiceContext
from cadre_desk.transfer import forms, importing, lrmx
from tests.integration.test_import_warnings import form, write


def _reasons(plan: importing.ImportPlan) -> dict[str, str]:
    return {Path(r.source).name: r.reason for r in plan.rejected}


def test_a_form_declaring_gbk_is_read(ctx: ServiceContext, tmp_path: Path) -> None:
    text = form(XingMing="欧阳志远", JiGuan="湖南长沙").decode().replace('encoding="UTF-8"', 'encoding="GBK"')
    path = write(tmp_path, "gbk.lrmx", text.encode("gbk"))
    plan = forms.plan_files(ctx, [path])
    assert plan.rejected == ()
    (cid,) = importing.apply_plan(ctx, plan).cadre_ids
    view = cadres.get_cadre(ctx, cid)
    assert (view.name, view.native_place) == ("欧阳志远", "湖南长沙")


def test_hostile_files_are_refused_with_a_message_and_change_nothing(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    deep = b"<Person><XingMing>x</XingMing>" + b"<a>" * 100_000 + b"</a>" * 100_000 + b"</Person>"
    files = [
        write(tmp_path, "deep.lrmx", deep),
        write(tmp_path, "born1800.lrmx", form(ChuShengNianYue="180001")),
        write(tmp_path, "born2200.lrmx", form(ChuShengNianYue="220001")),
        write(tmp_path, "bad-codec.lrmx", b'<?xml version="1.0" encoding="GBK"?><Person>\xff\xff</Person>'),
    ]
    zero = tmp_path / "zero.lrmx"
    zero.symlink_to("/dev/zero")
    fifo = tmp_path / "fifo.lrmx"
    os.mkfifo(fifo)
    files += [zero, fifo]
    plan = forms.plan_files(ctx, files)  # a FIFO must not block: its type is checked before opening
    reasons = _reasons(plan)
    assert plan.items == ()
    assert "嵌套" in reasons["deep.lrmx"]
    assert "年份 1800 不在 1900–2100 之间" in reasons["born1800.lrmx"]
    assert "年份 2200 不在 1900–2100 之间" in reasons["born2200.lrmx"]
    assert "GBK" in reasons["bad-codec.lrmx"]
    assert "不是普通文件" in reasons["zero.lrmx"]
    assert "管道" in reasons["fifo.lrmx"]
    with pytest.raises(Exception, match="导入被拒绝"):
        importing.apply_plan(ctx, plan)
    assert cadres.count_cadres(ctx) == 0


def test_a_huge_field_is_cut_to_its_column_with_a_warning(ctx: ServiceContext, tmp_path: Path) -> None:
    post = "局" * 10_000_000  # 30 MB of 现任职务
    path = write(tmp_path, "huge.lrmx", form(XianRenZhiWu=post))
    plan = forms.plan_files(ctx, [path])
    assert plan.rejected == ()
    (item,) = plan.items
    limit = validation.max_length(Cadre.post)
    assert any(p.field == "post" and f"只保留了前{limit}个字" in p.message for p in item.problems)
    (cid,) = importing.apply_plan(ctx, plan).cadre_ids
    assert cadres.get_cadre(ctx, cid).post == "局" * limit
    exported = forms.form_bytes(ctx, cid)
    assert len(exported) < 200_000  # the kept original is bounded too
    assert lrmx.read_lrmx(exported).values["post"] == "局" * limit


def test_forms_are_recognised_by_content_whatever_the_name(ctx: ServiceContext, tmp_path: Path) -> None:
    folder = tmp_path / "forms"
    (folder / "sub").mkdir(parents=True)
    write(folder, "王建国.xml", form(XingMing="王建国"))
    write(folder / "sub", "李四", form(XingMing="李四"))  # no extension at all
    write(folder, "settings.xml", b'<?xml version="1.0"?><Config><Item>1</Item></Config>')
    write(folder, "notes.txt", "随便写的笔记".encode())
    plan = forms.plan_files(ctx, [folder])
    assert sorted(i.name for i in plan.items) == ["李四", "王建国"]
    assert plan.rejected == ()
    # A file given by name is read by its content too; one that is not a form says so.
    single = forms.plan_files(ctx, [write(tmp_path, "赵六.txt", form(XingMing="赵六"))])
    assert [i.name for i in single.items] == ["赵六"]
    other = forms.plan_files(ctx, [folder / "settings.xml"])
    assert "不是任免表文件" in other.rejected[0].reason


def test_rewards_keep_their_text_as_written(ctx: ServiceContext, tmp_path: Path) -> None:
    lines = "2019.12 被评为优秀公务员\n2016年06月 嘉奖"
    path = write(tmp_path, "r.lrmx", form(JiangChengQingKuang=lines))
    plan = forms.plan_files(ctx, [path])
    (cid,) = importing.apply_plan(ctx, plan).cadre_ids
    profile = cadre_records.get_profile(ctx, cid)
    assert form_text.reward_lines(profile.rewards) == ["2019.12 被评为优秀公务员", "2016年06月 嘉奖"]


def _lrm(**positions: str) -> bytes:
    fields = [""] * 33
    fields[0], fields[1], fields[2], fields[3] = "王建国", "男", "198503", "汉族"
    for key, text in positions.items():
        fields[int(key.removeprefix("f"))] = text
    return ('"' + '","'.join(fields) + '"').encode("gb18030")


def test_hostile_legacy_lrm_files(ctx: ServiceContext, tmp_path: Path) -> None:
    born = write(tmp_path, "born1800.lrm", _lrm(f2="180001"))
    huge = write(tmp_path, "huge.lrm", _lrm(f0="李四", f25="局" * 100_000))
    odd = write(tmp_path, "odd.lrm", _lrm(f0="赵六", f8="2007年夏", f18="2200.01 获奖"))
    zero_photo = write(tmp_path, "zero.lrm", _lrm())
    (tmp_path / "zero.pic").symlink_to("/dev/zero")
    plan = forms.plan_files(ctx, [born, huge, odd, zero_photo])
    reasons = _reasons(plan)
    assert set(reasons) == {"born1800.lrm", "zero.lrm"}
    assert "年份 1800" in reasons["born1800.lrm"] and "不是普通文件" in reasons["zero.lrm"]
    problems = {Path(i.source).name: {p.field for p in i.problems} for i in plan.items}
    assert problems == {"huge.lrm": {"post"}, "odd.lrm": {"work_start", "rewards[0].date"}}


def test_a_roster_date_in_an_odd_form_is_a_warning(ctx: ServiceContext, tmp_path: Path) -> None:
    import openpyxl

    from cadre_desk.transfer import roster

    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["姓名", "性别", "出生年月", "参加工作时间"])
    ws.append(["甲", "男", "1985.03", "二〇〇七年"])
    ws.append(["乙", "女", "1985.13", "2007.07"])
    book.save(tmp_path / "r.xlsx")
    _sheet, plan = roster.plan_roster(ctx, tmp_path / "r.xlsx")
    ((item,), (refused,)) = (plan.items, plan.rejected)
    assert item.name == "甲" and [p.field for p in item.problems] == ["work_start"]
    assert refused.kind == importing.NO_PERSON and "月份 13" in refused.reason
