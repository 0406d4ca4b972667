"""Reading the level of a post from a resume line, for the steps of the growth portrait."""

from __future__ import annotations

import pytest

from cadre_desk.domain.post_level import (
    COUNTY,
    DEPUTY_COUNTY,
    DEPUTY_SECTION,
    SECTION,
    STAFF,
    is_town_head,
    post_level,
    rank_level,
)


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("云岭县委书记", COUNTY),
        ("云岭县人民政府县长", COUNTY),
        ("云岭县人民政府副县长", DEPUTY_COUNTY),
        ("县委副书记", DEPUTY_COUNTY),
        ("县委常委、组织部部长", DEPUTY_COUNTY),  # the highest of several posts
        ("县人大常委会副主任", DEPUTY_COUNTY),
        ("青山镇党委书记", SECTION),
        ("青山镇党委副书记、镇长", SECTION),
        ("云岭县教育局党组书记、局长", SECTION),
        ("云岭县委办公室主任", SECTION),  # the county office itself
        ("云岭县财政局副局长", DEPUTY_SECTION),
        ("枫林乡党委委员、纪委书记", DEPUTY_SECTION),  # not a 书记 of the township
        ("云岭县委统战部办公室主任", STAFF),  # an office inside a department: 股级
        ("云岭县住建局城建股股长", STAFF),
        ("双溪镇社会事务办公室科员", STAFF),
        ("县委统战部科员（试用期）", STAFF),
        ("县农业农村局四级主任科员", DEPUTY_SECTION),  # an explicit 职级 wins
        ("县发改委正科级干部", SECTION),
        ("四川大学林学专业学习", None),
        ("在部队服役", None),
        ("", None),
    ],
)
def test_post_level(text: str, level: int | None) -> None:
    assert post_level(text) == level


@pytest.mark.parametrize(
    ("rank", "level"),
    [
        ("正科级", SECTION),
        ("正科", SECTION),
        ("副处级", DEPUTY_COUNTY),
        ("二级调研员", DEPUTY_COUNTY),
        ("一级主任科员", SECTION),
        ("四级主任科员", DEPUTY_SECTION),
        ("科员", STAFF),
        ("", None),
        ("其他", None),
    ],
)
def test_rank_level(rank: str, level: int | None) -> None:
    assert rank_level(rank) == level


@pytest.mark.parametrize(
    ("text", "head"),
    [
        ("青山镇党委书记", True),
        ("青山镇党委副书记、镇长", True),
        ("枫林乡乡长", True),
        ("XX街道办事处主任", True),
        ("青山镇副镇长", False),
        ("XX街道党工委副书记", False),
        ("金坑镇人大主席", False),
        ("云岭县委书记", False),
    ],
)
def test_town_head(text: str, head: bool) -> None:
    assert is_town_head(text) is head
