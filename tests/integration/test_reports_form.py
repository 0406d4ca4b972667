"""The appointment form (干部任免审批表) built from profiles saved through the services, read back.

Text comes back through `pdftotext -raw` (content order), fonts through `pdffonts`, metadata,
bookmarks and the ruled lines (from the content stream) through pypdf. The grid is compared with the
official A4 template's, as measured in `shared/formats/appointment-form.md` (figures repeated here,
not imported from the code). The rendered pages are compared with reference images in
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

import pytest
from PIL import Image, ImageDraw
from pypdf import PdfReader
from pypdf.generic import ContentStream

from cadre_desk.domain.yearmonth import YearMonth
from cadre_desk.reports.appointment_form import build_appointment_form
from cadre_desk.reports.appointment_options import FormOffsets, FormOptions, FormTooLong
from cadre_desk.services import cadre_records as records
from cadre_desk.services.cadre_records import CadreProfile
from cadre_desk.services.context import ServiceContext
from tests.conftest import make_cadre

REFERENCE_DIR = Path(__file__).parent / "reference"
RARE = "堃喆昇燊㛃䶮"
OPTIONS = FormOptions(
    age_reference=dt.date(2026, 11, 24),
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


def longest_profile(ctx: ServiceContext) -> CadreProfile:
    """The longest content the editor allows: a 110-character 专长, 40 career lines with 其间 items,
    12 rewards, 7 family members, a 78-character post, names and places over four characters."""
    post = (
        "XX省XX市XX县XX镇党委副书记、镇长（正科级）兼XX经济开发区管理委员会副主任、党工委委员，分管招商引资"
        * 2
    )[:78]
    assert len(post) == 78
    speciality = ("城乡规划、招商引资、党建工作、基层治理、生态环境保护与修复、" * 5)[:110]
    cadre = make_cadre(
        ctx,
        f"欧阳{RARE[4:]}娜娜",
        native_place="内蒙古呼伦贝尔",
        birthplace="新疆维吾尔自治区伊犁",
        democratic_party="民盟",
        birth="1965.03",
        party_join="2002.03",
        professional_title="高级经济师（教授级）",
        speciality=speciality,
        fulltime_education="大学",
        fulltime_degree="法学学士",
        fulltime_school="北京大学政府管理学院行政管理专业",
        inservice_education="研究生",
        inservice_degree="公共管理硕士",
        inservice_school="中共浙江省委党校经济管理专业",
        inservice_degree_school="浙江大学公共管理学院公共管理专业",
        post=post,
    )
    resume = []
    for i in range(40):
        start = f"{1985 + i}.{1 + (i % 2) * 6:02d}"
        end = None if i == 39 else f"{1986 + i}.{1 + (i % 2) * 6:02d}"
        concurrent: tuple[records.ResumeEntryInput, ...] = ()
        if i % 5 == 0:
            concurrent = (
                records.ResumeEntryInput(start, end, f"中共XX省委党校在职研究生班经济管理专业学习{i}"),
            )
        text = f"XX省XX市XX县XX镇党委副书记、镇长（正科级）兼XX经济开发区管理委员会副主任{i:02d}"
        resume.append(records.ResumeEntryInput(start, end, text, concurrent=concurrent))
    relations = ["妻子", "儿子", "女儿", "父亲", "母亲", "岳父", "岳母"]
    names = ["李㛃", "张䶮", "张堃", "张喆", "王昇", "李燊", "欧阳娜娜"]
    family = [
        records.FamilyMemberInput(
            rel,
            name,
            f"{1950 + i * 5}.{1 + i:02d}",
            "中共党员",
            "XX省XX市XX县XX镇人民政府党委委员、副镇长兼XX村党支部第一书记" + str(i),
            deceased=i == 4,
        )
        for i, (rel, name) in enumerate(zip(relations, names, strict=True))
    ]
    rewards = [
        records.RewardInput("奖励", f"被XX省委、省政府授予“XX省优秀共产党员”称号{i:02d}", f"{2000 + i}.12")
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


MM = 72 / 25.4
PAGE_H = 297.0


def rulings(pdf: Path, page: int) -> list[tuple[str, float, float, float, float]]:
    """The stroked straight lines of a page: (h or v, position, start, end, width), in mm from the
    top left corner of the page (a rectangle counts as its four sides)."""
    reader = PdfReader(pdf)
    ops = ContentStream(reader.pages[page - 1].get_contents(), reader).operations
    width, tx, ty = 1.0, 0.0, 0.0
    stack: list[tuple[float, float, float]] = []
    path: list[tuple[float, float, float, float]] = []
    current = (0.0, 0.0)
    out: list[tuple[str, float, float, float, float]] = []
    for operands, op in ops:
        nums = [float(v) for v in operands] if op in (b"w", b"m", b"l", b"re", b"cm") else []
        if op == b"q":
            stack.append((width, tx, ty))
        elif op == b"Q":
            width, tx, ty = stack.pop()
        elif op == b"cm":
            tx, ty = tx + nums[4], ty + nums[5]
        elif op == b"w":
            width = nums[0]
        elif op == b"m":
            current = (nums[0] + tx, nums[1] + ty)
        elif op == b"l":
            end = (nums[0] + tx, nums[1] + ty)
            path.append((*current, *end))
            current = end
        elif op == b"re":
            x, y, w, h = nums[0] + tx, nums[1] + ty, nums[2], nums[3]
            path += [(x, y, x + w, y), (x + w, y, x + w, y + h), (x, y + h, x + w, y + h), (x, y, x, y + h)]
        elif op in (b"S", b"s", b"B", b"b"):
            for x0, y0, x1, y1 in path:
                a, b, c, d = x0 / MM, PAGE_H - y0 / MM, x1 / MM, PAGE_H - y1 / MM
                if abs(b - d) < 0.01:
                    out.append(("h", b, min(a, c), max(a, c), width))
                elif abs(a - c) < 0.01:
                    out.append(("v", a, min(b, d), max(b, d), width))
            path = []
        elif op == b"n":
            path = []
    return out


TOLERANCE = 0.5  # mm


def verticals_across(lines: list[tuple[str, float, float, float, float]], y: float) -> list[float]:
    return sorted({round(p, 2) for kind, p, a, b, _w in lines if kind == "v" and a < y < b})


def horizontals_across(lines: list[tuple[str, float, float, float, float]], x: float) -> list[float]:
    return sorted({round(p, 2) for kind, p, a, b, _w in lines if kind == "h" and a < x < b})


def assert_positions(found: list[float], expected: list[float], what: str) -> None:
    assert len(found) == len(expected), f"{what}: rules at {found}, template {expected}"
    for f, e in zip(found, expected, strict=True):
        assert abs(f - e) <= TOLERANCE, f"{what}: rule at {f:.2f} mm, template {e:.2f} mm"


def assert_grid(
    lines: list[tuple[str, float, float, float, float]],
    left: float,
    top: float,
    rows: list[tuple[float, list[float]]],
    columns: list[tuple[float, float, list[float]]],
) -> None:
    """`rows`: (height, x of every vertical rule across it from the table's left); `columns`:
    (x from, x to, y of every horizontal rule across that stretch from the table's top)."""
    y = top
    for i, (height, xs) in enumerate(rows):
        found = verticals_across(lines, y + height / 2)
        assert_positions(
            found, [left + x for x in xs], f"vertical rules of row {i + 1} (at {y - top:.1f} mm)"
        )
        y += height
    for x0, x1, ys in columns:
        found = horizontals_across(lines, left + (x0 + x1) / 2)
        assert_positions(found, [top + v for v in ys], f"horizontal rules between x {x0} and {x1} mm")


def widths(lines: list[tuple[str, float, float, float, float]], kind: str, position: float) -> set[float]:
    return {w for k, p, _a, _b, w in lines if k == kind and abs(p - position) <= TOLERANCE}


# The official A4 template (appointment-form.md), millimetres.
FRONT_LEFT, FRONT_TOP, BACK_LEFT, BACK_TOP = 22.0, 25.3, 21.0, 28.6
TOP_COLS = [0.0, 18.0, 41.0, 59.8, 82.8, 106.0, 129.5, 165.7]
FRONT_ROW_Y = [0.0, 12.5, 24.7, 36.7, 49.2, 61.4, 73.6, 86.1, 98.6, 111.1, 236.9]
FRONT_ROWS = [
    (12.5, TOP_COLS),
    (12.2, TOP_COLS),
    (12.0, TOP_COLS),
    (12.5, [0.0, 18.0, 59.8, 82.8, 129.5, 165.7]),  # 专业技术职务 41.8, 专长 label 23.0, value 46.7
    (12.2, [0.0, 18.0, 41.0, 82.8, 106.0, 165.7]),  # 学历学位 label 18.0, 全日制 23.0, value 41.8 …
    (12.2, [0.0, 18.0, 41.0, 82.8, 106.0, 165.7]),
    (12.5, [0.0, 41.0, 165.7]),  # 现任职务: label 41.0, value 124.7
    (12.5, [0.0, 41.0, 165.7]),
    (12.5, [0.0, 41.0, 165.7]),
    (125.8, [0.0, 13.8, 165.7]),  # 简历: label column 13.8
]
FRONT_COLUMNS = [
    (0.0, 18.0, [0.0, 12.5, 24.7, 36.7, 49.2, 73.6, 86.1, 98.6, 111.1, 236.9]),  # 学历学位 label spans 2
    (41.0, 59.8, [0.0, 12.5, 24.7, 36.7, 49.2, 61.4, 73.6, 86.1, 98.6, 111.1, 236.9]),  # no sub-row rule
    (129.5, 165.7, [0.0, 49.2, 61.4, 73.6, 86.1, 98.6, 111.1, 236.9]),  # the photo: 49.2 high
]
FAMILY_X = [0.0, 13.1, 32.4, 54.9, 65.0, 82.8, 166.2]
BACK_ROWS = [
    (25.0, [0.0, 13.1, 166.2]),  # 奖惩情况
    (18.0, [0.0, 13.1, 166.2]),  # 年度考核结果
    (24.0, [0.0, 13.1, 166.2]),  # 任免理由
    (11.4, FAMILY_X),
    *[(12.3, FAMILY_X)] * 7,
    (36.5, [0.0, 13.1, 166.2]),  # 呈报单位 (unit and date without a rule between)
    (35.6, [0.0, 13.1, 84.5, 98.3, 166.2]),  # 审批机关意见 / 行政机关任免意见
]
FAMILY_Y = [67.0 + 11.4 + 12.3 * i for i in range(1, 8)]  # between the 7 rows
BACK_COLUMNS = [
    (0.0, 13.1, [0.0, 25.0, 43.0, 67.0, 164.5, 201.0, 236.6]),  # the family label spans 8 rows
    (100.0, 160.0, [0.0, 25.0, 43.0, 67.0, 78.4, *FAMILY_Y, 201.0, 236.6]),
]


def build(profile: CadreProfile, tmp_path: Path, name: str, photo: bytes | None = None, **opts: Any) -> Path:
    path = tmp_path / f"{name}.pdf"
    options = replace(OPTIONS, **opts)
    pages = build_appointment_form(profile, photo, path, options)
    assert pages == len(PdfReader(path).pages) == 2
    return path


# --- the grid of the official template ----------------------------------------------------------


def test_the_grid_is_the_official_templates_within_half_a_millimetre(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    pdf = build(sample_profile(ctx), tmp_path, "grid", photo_bytes())
    front = rulings(pdf, 1)
    assert_grid(front, FRONT_LEFT, FRONT_TOP, FRONT_ROWS, FRONT_COLUMNS)
    back = rulings(pdf, 2)
    assert_grid(back, BACK_LEFT, BACK_TOP, BACK_ROWS, BACK_COLUMNS)
    # Rule weights: the outer frame 1.5 pt, inner rules 1.0 pt, 1.5 pt above the approvals.
    assert widths(front, "v", FRONT_LEFT) == {1.5}
    assert widths(front, "v", FRONT_LEFT + 165.7) == {1.5}
    assert widths(front, "h", FRONT_TOP) == {1.5} == widths(front, "h", FRONT_TOP + 236.9)
    assert widths(front, "v", FRONT_LEFT + 18.0) == {1.0}
    assert widths(front, "h", FRONT_TOP + 111.1) == {1.0}
    assert widths(back, "h", BACK_TOP + 201.0) == {1.5}
    assert widths(back, "h", BACK_TOP + 164.5) == {1.0}
    assert widths(back, "v", BACK_LEFT + 166.2) == {1.5}
    assert {w for *_rest, w in front + back} == {1.0, 1.5}


def test_print_offsets_shift_each_page(ctx: ServiceContext, tmp_path: Path) -> None:
    offsets = FormOffsets(top=3.0, front_left=-2.0, back_left=4.5)
    pdf = build(sample_profile(ctx), tmp_path, "offsets", offsets=offsets)
    assert_grid(rulings(pdf, 1), FRONT_LEFT - 2.0, FRONT_TOP + 3.0, FRONT_ROWS, FRONT_COLUMNS)
    assert_grid(rulings(pdf, 2), BACK_LEFT + 4.5, BACK_TOP + 3.0, BACK_ROWS, BACK_COLUMNS)


# --- the usual form -------------------------------------------------------------------------------


def test_sample_form_has_the_fields_in_order_and_nothing_else(ctx: ServiceContext, tmp_path: Path) -> None:
    pdf = build(sample_profile(ctx), tmp_path, "sample", photo_bytes())
    front = page_text(pdf, 1)
    assert_in_order(
        front,
        [
            "干部任免审批表",
            "姓名",
            "张三",
            "性别",
            "男",
            "出生年月（岁）",
            "1985.03（41岁）",
            "籍贯",
            "浙江温州",
            "熟悉专业有何专长",
            "党建工作、干部管理",
            "全日制教育",
            "大学",
            "法学学士",
            "浙江大学法学院法学专业",
            "在职教育",
            "研究生",
            "公共管理硕士",
            "中共浙江省委党校经济管理专业",
            "浙江大学公共管理学院公共管理专业",
            "现任职务",
            "XX县委组织部干部一科科长",
            "拟任职务",
            "XX县XX镇党委书记",
            "拟免职务",
            "XX县委组织部干部一科科长职务",
            "简",
            "历",
            "2003.09--2007.07浙江大学法学院法学专业学习",
            "2009.08--2012.03XX县XX镇党委组织委员",
            "（其间：2009.09--2012.07中共浙江省委党校经济管理专业在职研究生学习）",
            "2020.08--XX县委组织部干部一科科长",
        ],
    )
    back = page_text(pdf, 2)
    assert_in_order(
        back,
        [
            "奖惩情况",
            "2022.06记三等功一次（XX县人民政府）",
            "2019.12被评为XX县优秀共产党员",
            "年核度结考果",
            "2022、2023年度考核为称职，2024年度考核为优秀",
            "任免理由",
            "工作需要。",
            "家庭主要成员及重要社会关系",
            "称谓姓名年龄政治面貌工作单位及职务",
            "妻子李丽39中共党员XX县第一中学教师",
            "呈报单位",
            "中共XX县委组织部",
            "2026年11月20日",
            "审意批机关见",
            "（盖章）",
            "填表人：刘䶮",
        ],
    )
    # No header, footer or marking: no print time, page numbers, operator, confidentiality, 计算年龄时间.
    for text in (front, back):
        flat = squeezed(text)
        for absent in (
            "打印时间",
            "第1页",
            "共2页",
            "操作员",
            "王㛃",
            "内部资料",
            "注意保密",
            "计算年龄时间",
            "草稿",
        ):
            assert absent not in flat, absent


def test_fonts_are_an_embedded_song_face_with_the_fallbacks(ctx: ServiceContext, tmp_path: Path) -> None:
    pdf = build(sample_profile(ctx), tmp_path, "fonts")
    names = assert_fonts_embedded_subsets(pdf)
    assert any("Bousung" in n for n in names)  # AR PL SungtiL GB
    assert any("HanaMin" in n for n in names)  # 刘䶮 (CJK Extension A)
    assert not any("WenQuanYi" in n for n in names)  # everything else is in the Song face
    reader = PdfReader(pdf)
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "干部任免审批表（张三）"
    assert meta.author == "中共XX县委组织部"
    top, children = reader.outline[0], reader.outline[1]
    assert not isinstance(top, list) and top.title == "干部任免审批表（张三）"
    assert isinstance(children, list) and len(children) == 2


def test_ages_are_counted_at_the_forms_reference_date(ctx: ServiceContext, tmp_path: Path) -> None:
    profile = sample_profile(ctx)
    pdf = build(profile, tmp_path, "ages", age_reference=dt.date(2024, 4, 30))
    assert "1985.03（39岁）" in squeezed(page_text(pdf, 1))
    back = squeezed(page_text(pdf, 2))
    assert "妻子李丽36中共党员" in back  # born 1987.05: not yet 37 in 2024.04
    assert "母亲王秀英群众已去世" in back  # deceased: no age


def test_rules_for_parties_the_deceased_and_long_names(ctx: ServiceContext, tmp_path: Path) -> None:
    profile = sample_profile(ctx)
    cadre = replace(
        profile.cadre,
        name="阿依古丽·买买提",
        native_place="内蒙古呼伦贝尔",
        democratic_party="民盟",
        party_join=YearMonth(2002, 3),
    )
    family = list(profile.family)
    family[2] = replace(family[2], employer_post="XX县XX镇退休干部（已故）", deceased=False)
    pdf = build(replace(profile, cadre=cadre, family=tuple(family)), tmp_path, "rules")
    front = page_text(pdf, 1)
    lines = [squeezed(line) for line in front.splitlines()]
    assert "阿依古丽·" in lines and "买买提" in lines  # 4 characters a line, the dot does not start one
    assert "内蒙古呼" in lines and "伦贝尔" in lines
    assert "民盟（2002.03）" in squeezed(front)
    assert "父亲张大山中共党员XX县XX镇退休干部（已故）" in squeezed(page_text(pdf, 2))  # no age


def test_draft_watermark(ctx: ServiceContext, tmp_path: Path) -> None:
    pdf = build(sample_profile(ctx), tmp_path, "draft", draft=True)
    assert "草稿" in squeezed(page_text(pdf, 1)) and "草稿" in squeezed(page_text(pdf, 2))


def test_an_empty_profile_prints_a_blank_form(ctx: ServiceContext, tmp_path: Path) -> None:
    cadre = make_cadre(ctx, "李四", post="")
    profile = records.get_profile(ctx, cadre.id)
    pdf = build(profile, tmp_path, "empty", proposed_post="", proposed_removal="", reason="")
    assert_fonts_embedded_subsets(pdf)
    assert_in_order(
        page_text(pdf, 1), ["干部任免审批表", "姓名", "李四", "现任职务", "拟任职务", "拟免职务", "简", "历"]
    )
    assert_in_order(page_text(pdf, 2), ["奖惩情况", "无", "年核度结考果", "无", "任免理由", "称谓", "年月日"])


# --- the longest content, and content that is too long --------------------------------------------


def test_the_longest_content_the_editor_allows_fits_two_pages(ctx: ServiceContext, tmp_path: Path) -> None:
    profile = longest_profile(ctx)
    pdf = build(profile, tmp_path, "longest", photo_bytes())
    assert_fonts_embedded_subsets(pdf)
    # Every character is there: the whole text of both pages, in content order.
    front, back = squeezed(page_text(pdf, 1)), squeezed(page_text(pdf, 2))
    c = profile.cadre
    for value in (c.name, c.speciality, c.post, c.professional_title, "民盟（2002.03）"):
        assert squeezed(value) in front, value
    for entry in profile.resume:
        span = f"{entry.start}--{entry.end or ''}"
        assert squeezed(f"{span}{entry.text}") in front, entry.text
        for sub in entry.concurrent:
            assert squeezed(f"（其间：{sub.start}--{sub.end or ''}{sub.text}）") in front, sub.text
    assert front.count("（其间：") == 8
    for reward in profile.rewards:
        assert squeezed(f"{reward.date}{reward.text}") in back
    for member in profile.family:
        assert squeezed(member.name) in back and squeezed(member.employer_post) in back
    assert squeezed(OPTIONS.reason) in back


def test_too_long_content_is_refused_before_printing(ctx: ServiceContext, tmp_path: Path) -> None:
    profile = longest_profile(ctx)
    resume = profile.resume * 3  # 120 career lines
    with pytest.raises(FormTooLong) as raised:
        build(replace(profile, resume=resume), tmp_path, "too-long")
    assert raised.value.labels == ("简历",)
    message = str(raised.value)
    assert profile.cadre.name in message and "“简历”" in message and "5.5" in message
    assert not (tmp_path / "too-long.pdf").exists()  # nothing written
    eight = (*profile.family, profile.family[0])
    with pytest.raises(FormTooLong, match="家庭主要成员"):
        build(replace(profile, family=eight), tmp_path, "eight")


def test_a_huge_post_fails_at_once(ctx: ServiceContext, tmp_path: Path) -> None:
    profile = sample_profile(ctx)
    huge = replace(profile, cadre=replace(profile.cadre, post="很长的职务名称" * 4_500_000))  # 30 MB
    with pytest.raises(FormTooLong) as raised:
        build(huge, tmp_path, "huge", reason="理由" * 2_000_000)
    assert raised.value.labels == ("现任职务", "任免理由")


def test_characters_no_font_has_do_not_fail_the_form(ctx: ServiceContext, tmp_path: Path) -> None:
    profile = sample_profile(ctx)
    profile = replace(profile, cadre=replace(profile.cadre, name="张𠀀"))  # CJK Extension B: not shipped
    build(profile, tmp_path, "ext-b")


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
