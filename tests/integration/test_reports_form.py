"""The appointment form (干部任免审批表) built from profiles saved through the services, read back.

Text comes back through `pdftotext -raw` (content order), fonts through `pdffonts`, metadata and
bookmarks through pypdf. The rendered pages are compared with reference images in
`test_reports_reference.py`, which uses the sample profile built here.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw
from pypdf import PdfReader

from cadre_desk.domain.yearmonth import YearMonth
from cadre_desk.reports.appointment_form import FormOptions, build_appointment_form
from cadre_desk.services import cadre_records as records
from cadre_desk.services.cadre_records import CadreProfile
from cadre_desk.services.context import ServiceContext
from tests.conftest import make_cadre

REFERENCE_DIR = Path(__file__).parent / "reference"
RARE = "堃喆昇燊㛃䶮"
OPTIONS = FormOptions(
    age_reference=dt.date(2026, 11, 24),
    printed_at=dt.datetime(2026, 11, 24, 9, 30),
    operator="王㛃",
    proposed_post="XX县XX镇党委书记",
    proposed_removal="XX县委组织部干部一科科长职务",
    reason="工作需要。该同志政治素质好，经县委常委会研究决定。",
    reporting_unit="中共XX县委组织部",
    filled_by="刘䶮",
    filled_on=dt.date(2026, 11, 20),
)
WHITESPACE = re.compile(r"[\s\u3000]+")


# --- profiles, saved through the services -------------------------------------------------------


def _fill(
    ctx: ServiceContext,
    cadre_id: int,
    resume: list[records.ResumeEntryInput],
    family: list[records.FamilyMemberInput],
    rewards: list[records.RewardInput],
    assessments: list[records.AssessmentInput],
) -> CadreProfile:
    profile = records.get_profile(ctx, cadre_id)
    profile = records.save_resume(ctx, cadre_id, resume, profile.cadre.version).profile
    profile = records.save_family(ctx, cadre_id, family, profile.cadre.version)
    profile = records.save_rewards(ctx, cadre_id, rewards, profile.cadre.version)
    return records.save_assessments(ctx, cadre_id, assessments, profile.cadre.version)


def sample_profile(ctx: ServiceContext) -> CadreProfile:
    """A usual cadre: the fixed sample of the reference renders."""
    cadre = make_cadre(
        ctx,
        "张三",
        birth="1985.03",
        native_place="浙江温州",
        birthplace="浙江瑞安",
        professional_title="经济师",
        speciality="党建工作、干部管理",
        fulltime_education="大学",
        fulltime_degree="法学学士",
        fulltime_school="浙江大学法学院法学专业",
        inservice_education="研究生",
        inservice_degree="公共管理硕士",
        inservice_school="中共浙江省委党校经济管理专业",
        inservice_degree_school="浙江大学公共管理学院公共管理专业",
        post="XX县委组织部干部一科科长",
    )
    line, member = records.ResumeEntryInput, records.FamilyMemberInput
    resume = [
        line("2003.09", "2007.07", "浙江大学法学院法学专业学习"),
        line("2007.07", "2009.08", "XX县XX镇人民政府科员"),
        line(
            "2009.08",
            "2012.03",
            "XX县XX镇党委组织委员",
            concurrent=(line("2009.09", "2012.07", "中共浙江省委党校经济管理专业在职研究生学习"),),
        ),
        line("2012.03", "2016.09", "XX县委组织部干部一科副科长"),
        line("2016.09", "2020.08", "XX县XX乡党委副书记、乡长"),
        line("2020.08", None, "XX县委组织部干部一科科长"),
    ]
    family = [
        member("妻子", "李丽", "1987.05", "中共党员", "XX县第一中学教师"),
        member("儿子", "张小明", "2013.09", "群众", "XX县实验小学学生"),
        member("父亲", "张大山", "1958.01", "中共党员", "XX县XX镇退休干部"),
        member("母亲", "王秀英", "1960.11", "群众", "", deceased=True),
    ]
    rewards = [
        records.RewardInput("奖励", "被评为XX县优秀共产党员", "2019.12"),
        records.RewardInput("奖励", "记三等功一次", "2022.06", issuer="XX县人民政府"),
    ]
    grades = [(2021, "称职"), (2022, "称职"), (2023, "称职"), (2024, "优秀")]
    assessments = [records.AssessmentInput(y, g) for y, g in grades]
    return _fill(ctx, cadre.id, resume, family, rewards, assessments)


def maximal_profile(ctx: ServiceContext) -> CadreProfile:
    """60 career lines, 10 family members, long texts and rare characters everywhere."""
    long_post = (
        "XX省XX市XX县XX镇党委副书记、镇长（正科级）兼XX经济开发区管理委员会副主任、党工委委员"
        + "，分管招商引资"
    )
    cadre = make_cadre(
        ctx,
        f"欧阳{RARE[4:]}",
        native_place="内蒙古自治区呼伦贝尔市鄂温克族自治旗",
        birthplace="新疆维吾尔自治区伊犁哈萨克自治州",
        democratic_party="民盟",
        professional_title="高级经济师、高级工程师（教授级）",
        speciality="城乡规划、招商引资、党建工作、基层治理、生态环境保护与修复" * 2,
        fulltime_education="大学",
        fulltime_degree="法学学士",
        fulltime_school="北京大学政府管理学院行政管理专业" * 2,
        post=long_post * 3 + " R&D <中心> 主任",
    )
    resume = []
    for i in range(60):
        start = f"{1966 + i // 2}.{1 + (i % 2) * 6:02d}"
        end = None if i == 59 else f"{1966 + (i + 1) // 2}.{1 + ((i + 1) % 2) * 6:02d}"
        concurrent: tuple[records.ResumeEntryInput, ...] = ()
        if i % 7 == 0:
            concurrent = (records.ResumeEntryInput(start, end, "中共XX省委党校在职研究生班经济管理专业学习"),)
        text = long_post if i % 3 == 0 else f"XX县第{i}届班子成员、XX乡党委副书记"
        resume.append(records.ResumeEntryInput(start, end, text, concurrent=concurrent))
    relations = ["妻子", "儿子", "女儿", "父亲", "母亲", "岳父", "岳母", "哥哥", "姐姐", "弟弟"]
    names = ["李㛃", "张䶮", "张堃", "张喆", "王昇", "李燊", "欧阳娜娜", "司马相如", "诸葛孔明", "上官婉儿"]
    family = [
        records.FamilyMemberInput(
            rel,
            name,
            f"{1950 + i * 5}.{1 + i:02d}",
            "中共党员",
            "XX省XX市XX县XX镇人民政府党委委员、副镇长兼XX村党支部第一书记" * (1 + i % 2),
            deceased=i == 4,
        )
        for i, (rel, name) in enumerate(zip(relations, names, strict=True))
    ]
    rewards = [
        records.RewardInput("奖励", f"被XX省委、省政府授予“XX省优秀共产党员”称号{i}", f"{2000 + i}.12")
        for i in range(12)
    ]
    assessments = [records.AssessmentInput(2015 + i, ["称职", "优秀"][i % 2]) for i in range(10)]
    return _fill(ctx, cadre.id, resume, family, rewards, assessments)


def photo_bytes() -> bytes:
    image = Image.new("RGB", (350, 490), (200, 220, 240))
    draw = ImageDraw.Draw(image)
    draw.ellipse((100, 80, 250, 260), fill=(230, 200, 170))
    draw.rectangle((60, 300, 290, 490), fill=(40, 50, 90))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


# --- reading PDFs back ----------------------------------------------------------------------------


def page_text(pdf: Path, page: int | None = None) -> str:
    args = ["pdftotext", "-raw", "-enc", "UTF-8"]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    return subprocess.run([*args, str(pdf), "-"], check=True, capture_output=True, text=True).stdout


def body_text(pdf: Path) -> str:
    """All pages' text without the running marks (drawn first on each page: three lines)."""
    pages = page_text(pdf).split("\f")
    return "".join("\n".join(page.splitlines()[3:]) for page in pages)


def squeezed(text: str) -> str:
    return WHITESPACE.sub("", text)


def assert_in_order(text: str, expected: list[str]) -> None:
    flat = squeezed(text)
    pos = 0
    for item in expected:
        found = flat.find(squeezed(item), pos)
        assert found >= 0, f"{item!r} missing after position {pos}: …{flat[pos : pos + 80]}…"
        pos = found + len(squeezed(item))


def font_rows(pdf: Path) -> list[list[str]]:
    out = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
    return [line.split() for line in out.splitlines()[2:] if line.strip()]


def assert_fonts_embedded_subsets(pdf: Path) -> list[str]:
    rows = font_rows(pdf)
    assert rows
    for row in rows:
        # name, type…, encoding, emb, sub, uni, object, generation
        emb, sub = row[-5], row[-4]
        assert (emb, sub) == ("yes", "yes"), row
        assert re.match(r"^[A-Z]{6}\+", row[0]), row
    names = [row[0] for row in rows]
    assert not any(base in n for n in names for base in ("Helvetica", "Times", "Courier", "Symbol"))
    return names


def assert_page_numbers(pdf: Path, pages: int) -> None:
    for page in range(1, pages + 1):
        assert f"第{page}页共{pages}页" in squeezed(page_text(pdf, page)), page


def build(profile: CadreProfile, tmp_path: Path, name: str, photo: bytes | None = None, **opts: Any) -> Path:
    path = tmp_path / f"{name}.pdf"
    options = replace(OPTIONS, **opts)
    pages = build_appointment_form(profile, photo, path, options)
    assert pages == len(PdfReader(path).pages)
    return path


# --- the usual form -------------------------------------------------------------------------------


def test_sample_form_has_the_fields_in_order(ctx: ServiceContext, tmp_path: Path) -> None:
    pdf = build(sample_profile(ctx), tmp_path, "sample", photo_bytes())
    assert len(PdfReader(pdf).pages) == 2
    assert_page_numbers(pdf, 2)
    front = page_text(pdf, 1)
    assert_in_order(
        front,
        [
            "干部任免审批表",
            "计算年龄时间：2026年11月",
            "姓名", "张三", "性别", "男", "出生年月（岁）", "1985.03", "（41岁）",
            "民族", "汉族", "籍贯", "浙江温州", "出生地", "浙江瑞安",
            "入党时间", "2006.05", "参加工作时间", "2007.07", "健康状况", "健康",
            "专业技术职务", "经济师", "熟悉专业有何专长", "党建工作、干部管理",
            "学历学位", "全日制教育", "大学", "法学学士", "毕业院校系及专业", "浙江大学法学院法学专业",
            "在职教育", "研究生", "公共管理硕士", "毕业院校系及专业", "中共浙江省委党校经济管理专业",
            "浙江大学公共管理学院公共管理专业",
            "现任职务", "XX县委组织部干部一科科长",
            "拟任职务", "XX县XX镇党委书记",
            "拟免职务", "XX县委组织部干部一科科长职务",
            "简", "历", "2003.09--2007.07", "浙江大学法学院法学专业学习",
            "2009.08--2012.03", "XX县XX镇党委组织委员",
            "（其间：2009.09--2012.07 中共浙江省委党校经济管理专业在职研究生学习）",
            "2020.08--", "XX县委组织部干部一科科长",
        ],
    )  # fmt: skip
    back = page_text(pdf, 2)
    assert_in_order(
        back,
        [
            "奖惩情况",
            "2022.06 记三等功一次（XX县人民政府）",
            "2019.12 被评为XX县优秀共产党员",
            "年度考核结果",
            "2022、2023年度考核为称职，2024年度考核为优秀",
            "任免理由", "工作需要。该同志政治素质好，经县委常委会研究决定。",
            "称谓", "姓名", "年龄", "政治面貌", "工作单位及职务",
            "妻子", "李丽", "39", "中共党员", "XX县第一中学教师",
            "儿子", "张小明", "13", "群众",
            "父亲", "张大山", "68",
            "母亲", "王秀英", "群众", "已去世",
            "呈报单位", "中共XX县委组织部", "（盖章）", "2026年11月20日",
            "审批机关意见", "行政机关任免意见",
            "填表人：刘䶮", "填表时间：2026年11月20日",
        ],
    )  # fmt: skip
    for page in (1, 2):
        text = squeezed(page_text(pdf, page))
        assert "内部资料注意保密" in text
        assert "打印时间：2026.11.2409:30" in text
        assert "操作员：王㛃" in text
        assert "干部任免审批表（张三）" in text


def test_ages_are_full_years_at_the_reference_month(ctx: ServiceContext, tmp_path: Path) -> None:
    profile = sample_profile(ctx)
    for ref, age in ((dt.date(2026, 3, 1), 41), (dt.date(2026, 2, 28), 40), (dt.date(2000, 1, 1), 14)):
        pdf = build(profile, tmp_path, f"age-{ref}", age_reference=ref)
        front = squeezed(page_text(pdf, 1))
        assert f"1985.03（{age}岁）" in front
        assert f"计算年龄时间：{ref.year}年{ref.month:02d}月" in front
    back = squeezed(page_text(build(profile, tmp_path, "ref-2000", age_reference=dt.date(2000, 1, 1)), 2))
    assert "妻子李丽12中共党员" in back  # born 1987.05
    assert "母亲王秀英群众已去世" in back  # deceased: no age


def test_fonts_metadata_and_bookmarks(ctx: ServiceContext, tmp_path: Path) -> None:
    pdf = build(sample_profile(ctx), tmp_path, "meta")
    names = assert_fonts_embedded_subsets(pdf)
    assert any("WenQuanYi" in n for n in names)
    assert any("HanaMin" in n for n in names)  # the operator 王㛃 and 刘䶮 need the fallback
    reader = PdfReader(pdf)
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "干部任免审批表（张三）"
    assert meta.author == "中共XX县委组织部"
    assert meta.subject and "张三" in meta.subject
    outline = reader.outline
    top = outline[0]
    assert not isinstance(top, list) and top.title == "干部任免审批表（张三）"
    children = outline[1]
    assert isinstance(children, list)
    titles = {
        item.title: reader.get_destination_page_number(item)
        for item in children
        if not isinstance(item, list)
    }
    assert titles == {
        "基本情况": 0,
        "简历": 0,
        "奖惩情况、年度考核结果、任免理由": 1,
        "家庭主要成员及重要社会关系": 1,
        "审批意见": 1,
    }


def test_an_empty_profile_prints_a_blank_form(ctx: ServiceContext, tmp_path: Path) -> None:
    cadre = make_cadre(ctx, "李四", political_status="", party_join=None, work_start=None, post="", rank="")
    profile = records.get_profile(ctx, cadre.id)
    pdf = build(profile, tmp_path, "empty", proposed_post="", proposed_removal="", reason="", filled_on=None)
    assert len(PdfReader(pdf).pages) == 2
    assert_page_numbers(pdf, 2)
    assert_fonts_embedded_subsets(pdf)
    assert_in_order(
        page_text(pdf, 1), ["姓名", "李四", "（41岁）", "现任职务", "拟任职务", "拟免职务", "简", "历"]
    )
    assert_in_order(page_text(pdf, 2), ["奖惩情况", "无", "年度考核结果", "无", "任免理由", "称谓", "年月日"])


def test_a_maximal_profile_paginates_cleanly(ctx: ServiceContext, tmp_path: Path) -> None:
    profile = maximal_profile(ctx)
    reason = "根据工作需要，经县委常委会研究，" * 60
    pdf = build(profile, tmp_path, "max", photo_bytes(), reason=reason)
    pages = len(PdfReader(pdf).pages)
    assert pages >= 3
    assert_page_numbers(pdf, pages)
    assert_fonts_embedded_subsets(pdf)
    text = page_text(pdf)
    flat = squeezed(text)
    for char in RARE:
        assert char in text, char
    assert f"欧阳{RARE[4:]}" in flat
    assert "R&D<中心>主任" in flat  # escaped as markup, printed as typed
    assert_in_order(text, [form_span(e.start, e.end) for e in profile.resume])
    assert flat.count("（其间：") == 9
    for member in profile.family:
        assert member.name in flat
    assert "2022年度考核为优秀，2023年度考核为称职，2024年度考核为优秀" in flat
    assert squeezed(reason) in flat
    first_line = squeezed(page_text(pdf, 1))
    assert "1966.01--1966.07" in first_line  # the 简历 starts on page one


def form_span(start: object, end: object) -> str:
    return f"{start}--{end or ''}"


def test_extreme_lengths_never_raise_and_nothing_is_lost(ctx: ServiceContext, tmp_path: Path) -> None:
    profile = sample_profile(ctx)
    huge = "中华人民共和国（XX）省，XX市&XX县<XX>镇" * 100  # 2,900 characters
    cadre = replace(profile.cadre, post=huge, native_place=huge, name="司马㛃䶮" * 12)
    long_line = replace(profile.resume[1], text="超长的简历内容" * 1500)  # 10,500 characters
    profile = replace(profile, cadre=cadre, resume=(profile.resume[0], long_line, *profile.resume[2:]))
    reason = "根据工作需要。" * 4300  # 30,100 characters
    pdf = build(profile, tmp_path, "extreme", reason=reason, operator="王㛃" * 40)
    pages = len(PdfReader(pdf).pages)
    assert_page_numbers(pdf, pages)
    assert_fonts_embedded_subsets(pdf)
    flat = squeezed(body_text(pdf))
    assert "（见附页）" in squeezed(page_text(pdf, 1))  # cut in the grid …
    assert "附页：表内未能完整显示的内容" in flat  # … and printed whole at the end
    assert squeezed(huge) in flat
    assert flat.replace("简历（续）", "").count("超长的简历内容") == 1500  # continued after page one
    assert flat.count("根据工作需要。") == 4300
    assert "（其间：2009.09--2012.07中共浙江省委党校经济管理专业在职研究生学习）" in flat


def test_family_beyond_page_two_continues_after_the_approvals(ctx: ServiceContext, tmp_path: Path) -> None:
    profile = sample_profile(ctx)
    family = tuple(
        records.FamilyMemberView(i, "儿子", f"张{i:02d}", YearMonth(2000, 1), "群众", "学生", False)
        for i in range(16)
    )
    pdf = build(replace(profile, family=family), tmp_path, "family")
    assert len(PdfReader(pdf).pages) == 3
    assert_page_numbers(pdf, 3)
    page2, page3 = squeezed(page_text(pdf, 2)), squeezed(page_text(pdf, 3))
    assert_in_order(page2, ["张00", "张07", "呈报单位", "审批机关意见", "填表人"])
    assert "张15" in page3 and "（续）" in page3
    assert all(f"张{i:02d}" in page2 + page3 for i in range(16))


def test_characters_no_font_has_do_not_fail_the_form(ctx: ServiceContext, tmp_path: Path) -> None:
    profile = sample_profile(ctx)
    profile = replace(profile, cadre=replace(profile.cadre, name="张𠀀"))  # CJK Extension B: not shipped
    assert len(PdfReader(build(profile, tmp_path, "ext-b")).pages) == 2


def test_output_to_a_stream_and_a_broken_photo(ctx: ServiceContext) -> None:
    out = io.BytesIO()
    pages = build_appointment_form(sample_profile(ctx), b"not an image", out, OPTIONS)
    assert pages == 2
    assert out.getvalue().startswith(b"%PDF-")
    assert len(PdfReader(io.BytesIO(out.getvalue())).pages) == 2


def test_the_reports_package_is_headless() -> None:
    code = (
        "import sys, cadre_desk.reports.appointment_form; "
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'cadre_desk.ui'))]; "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
