"""The appointment form's text rules (pure functions) and the font fallback of the reports package."""

from __future__ import annotations

import datetime as dt

import pytest

from cadre_desk.domain.yearmonth import YearMonth
from cadre_desk.reports import fonts, form_text
from cadre_desk.services.cadre_records import (
    AssessmentView,
    FamilyMemberView,
    ResumeEntryView,
    RewardView,
)

YM = YearMonth.parse


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        ([], "无"),
        ([(2024, "优秀")], "2024年度考核为优秀"),
        ([(2022, "称职"), (2023, "称职"), (2024, "优秀")], "2022、2023年度考核为称职，2024年度考核为优秀"),
        ([(2024, "优秀"), (2022, "称职"), (2023, "称职")], "2022、2023年度考核为称职，2024年度考核为优秀"),
        ([(2022, "优秀"), (2023, "优秀"), (2024, "优秀")], "2022、2023、2024年度考核为优秀"),
        (
            [(2022, "优秀"), (2023, "称职"), (2024, "优秀")],
            "2022年度考核为优秀，2023年度考核为称职，2024年度考核为优秀",
        ),
        (
            [(2019, "不称职"), (2020, "称职"), (2021, "称职"), (2022, "优秀")],
            "2020、2021年度考核为称职，2022年度考核为优秀",
        ),
        ([(2021, "称职"), (2023, "称职")], "2021、2023年度考核为称职"),
    ],
)
def test_assessment_summary(items: list[tuple[int, str]], expected: str) -> None:
    assert form_text.assessment_summary(items) == expected


def test_assessment_summary_takes_views() -> None:
    views = [AssessmentView(1, 2023, "称职", ""), AssessmentView(2, 2024, "基本称职", "")]
    assert form_text.assessment_summary(views) == "2023年度考核为称职，2024年度考核为基本称职"


def test_reward_lines_newest_first() -> None:
    rewards = [
        RewardView(1, "奖励", YM("2019.12"), "被评为优秀共产党员", ""),
        RewardView(2, "奖励", None, "嘉奖一次", ""),
        RewardView(3, "惩处", YM("2021.03"), "受到诫勉", "县纪委"),
        RewardView(4, "奖励", YM("2022.06"), "记三等功一次（县人民政府）", "县人民政府"),
    ]
    assert form_text.reward_lines(rewards) == [
        "2022.06 记三等功一次（县人民政府）",
        "2021.03 受到诫勉（县纪委）",
        "2019.12 被评为优秀共产党员",
        "嘉奖一次",
    ]
    assert form_text.reward_lines([]) == ["无"]


def test_resume_items_with_concurrent_lines() -> None:
    study = ResumeEntryView(2, YM("2009.09"), YM("2011.07"), "XX大学行政管理专业在职研究生学习")
    resume = [
        ResumeEntryView(1, YM("2008.07"), YM("2011.09"), "XX县XX乡科员", (study,)),
        ResumeEntryView(3, YM("2011.09"), None, " XX县XX乡副乡长 "),
    ]
    assert form_text.resume_items(resume) == [
        form_text.ResumeItem("2008.07--2011.09", "XX县XX乡科员"),
        form_text.ResumeItem("", "（其间：2009.09--2011.07 XX大学行政管理专业在职研究生学习）", True),
        form_text.ResumeItem("2011.09--", "XX县XX乡副乡长"),
    ]


def test_birth_and_family_ages() -> None:
    birth = YM("1985.03")
    assert form_text.birth_cell(birth, dt.date(2026, 3, 1)) == "1985.03\n（41岁）"
    assert form_text.age_text(birth, dt.date(2026, 2, 28)) == "（40岁）"
    alive = FamilyMemberView(1, "父亲", "张大山", YM("1958.12"), "中共党员", "", False)
    dead = FamilyMemberView(2, "母亲", "王秀英", YM("1960.11"), "群众", "", True)
    unknown = FamilyMemberView(3, "哥哥", "张一", None, "群众", "个体", False)
    assert form_text.family_age(alive, dt.date(2026, 11, 24)) == "67"
    assert form_text.family_age(dead, dt.date(2026, 11, 24)) == ""
    assert form_text.family_age(unknown, dt.date(2026, 11, 24)) == ""
    assert form_text.family_employer(dead) == "已去世"
    assert form_text.family_employer(unknown) == "个体"


def test_small_fields() -> None:
    assert form_text.party_text(YM("2006.05"), "") == "2006.05"
    assert form_text.party_text(YM("1998.07"), "民盟") == "民盟（1998.07）"
    assert form_text.party_text(None, "民盟") == "民盟"
    assert form_text.party_text(YM("2002.03"), "民盟、民革") == "2002.03（民盟、民革）"
    assert form_text.party_text(None, "") == ""
    assert form_text.education_text("大学", "法学学士") == "大学\n法学学士"
    assert form_text.school_text("A大学法学专业", "A大学法学专业") == "A大学法学专业"
    assert form_text.school_text("党校经管专业", "B大学公管专业") == "党校经管专业\nB大学公管专业"
    assert form_text.school_text("", "B大学") == "B大学"
    assert form_text.reference_text(dt.date(2026, 1, 5)) == "2026年01月"
    assert form_text.form_date(dt.date(2026, 11, 20)) == "2026年11月20日"
    assert form_text.form_date(None) == "年　　月　　日"


def test_font_runs_switch_only_for_missing_glyphs() -> None:
    assert fonts.font_runs("张三 1985.03") == ((fonts.MAIN_FONT, "张三 1985.03"),)
    assert fonts.font_runs("堃喆昇燊") == ((fonts.MAIN_FONT, "堃喆昇燊"),)  # the main font has these
    assert fonts.font_runs("欧阳㛃䶮娜") == (
        (fonts.MAIN_FONT, "欧阳"),
        (fonts.FALLBACK_FONT, "㛃䶮"),
        (fonts.MAIN_FONT, "娜"),
    )
    assert fonts.font_runs("") == ()


def test_markup_escapes_user_text() -> None:
    assert fonts.markup("R&D <b>中心</b>") == "R&amp;D &lt;b&gt;中心&lt;/b&gt;"
    assert fonts.markup("甲\n乙") == "甲<br/>乙"
    assert fonts.markup("李㛃&") == f'李<font name="{fonts.FALLBACK_FONT}">㛃</font>&amp;'


def test_missing_glyphs_names_what_no_font_has() -> None:
    assert fonts.missing_glyphs("张三㛃䶮堃") == ""
    assert fonts.missing_glyphs("𠀀a𠀀") == "𠀀"  # CJK Extension B is not shipped


def test_string_width_measures_each_run_in_its_font() -> None:
    assert fonts.string_width("", 12) == 0
    assert fonts.string_width("㛃", 12) == pytest.approx(12, abs=0.5)
    assert fonts.string_width("张三", 10) == pytest.approx(20, abs=0.5)
