"""The pure rules of the structure analysis: bands, education levels, political groups, colours."""

from __future__ import annotations

from cadre_desk.domain import structure as s


def test_age_band_edges() -> None:
    assert [s.age_band(a) for a in (20, 35, 36, 40, 41, 45, 46, 50, 51, 55, 56, 70)] == [
        "≤35", "≤35", "36–40", "36–40", "41–45", "41–45", "46–50", "46–50", "51–55", "51–55", "≥56", "≥56",
    ]  # fmt: skip


def test_education_levels_and_the_highest() -> None:
    assert s.education_level("中央党校研究生") == "研究生"
    assert s.education_level("省委党校大专") == "大专"
    assert s.education_level("中专") == s.education_level("") == "其他"
    assert s.highest_education("大专", "省委党校大学") == "大学"
    assert s.highest_education("研究生", "省委党校大学") == "研究生"


def test_political_groups() -> None:
    assert s.political_group("中共预备党员") == "中共党员"
    assert s.political_group("九三学社社员") == s.political_group("民盟") == "民主党派"
    assert s.political_group("无党派人士") == "无党派"
    assert s.political_group("共青团员") == s.political_group("群众") == "群众"
    assert s.political_group(" ") == "未填"
    assert s.is_party_outside("民进会员") and not s.is_party_outside("群众")


def test_required_and_colours() -> None:
    target = s.Target(1, "t", "乡镇", False, "不限", "", 0, "女干部", "", "比例", 33.3, "")
    assert [target.required(n) for n in (0, 1, 3, 4)] == [0, 1, 1, 2]
    assert s.colour(3, 3) == "green" and s.colour(3, 2) == "yellow" and s.colour(3, 1) == "red"
    assert s.colour(0, 0) == "green" and s.COLOUR_WORDS["red"] == "缺配"
