"""The level of a post, read from a resume line or a 职级, for the steps of the growth portrait.

A county's resume lines rarely name the level; they name the post (`XX镇党委副书记、镇长`). The level is
read in this order: an explicit 职级 in the text (`正科级`, `四级调研员`), then the post words of a county
(县委书记 / 县长 正处; 副县长, 县委常委 副处; 乡镇 书记 / 乡镇长 and 县直 局长 / 主任 / 部长 正科; a 副
post 副科; the head of an office inside a department (股级), 科员, 干事 科员). Study, army and other
lines without a post give None: the portrait leaves a gap there rather than invent a level. The
result is an aid to reading the chart, never a record.
"""

from __future__ import annotations

import re

# Levels, lowest first; the portrait draws them as steps.
STAFF, DEPUTY_SECTION, SECTION, DEPUTY_COUNTY, COUNTY = 1, 2, 3, 4, 5
LEVEL_NAMES: dict[int, str] = {
    STAFF: "科员",
    DEPUTY_SECTION: "副科",
    SECTION: "正科",
    DEPUTY_COUNTY: "副处",
    COUNTY: "正处",
}

# 职级 names (national, 公务员职务与职级并行规定 2019) and their leadership-level equivalents.
_RANK_WORDS: tuple[tuple[str, int], ...] = (
    ("正处级", COUNTY),
    ("一级调研员", COUNTY),
    ("副处级", DEPUTY_COUNTY),
    ("二级调研员", DEPUTY_COUNTY),
    ("正科级", SECTION),
    ("三级调研员", SECTION),
    ("四级调研员", SECTION),
    ("一级主任科员", SECTION),
    ("二级主任科员", SECTION),
    ("副科级", DEPUTY_SECTION),
    ("三级主任科员", DEPUTY_SECTION),
    ("四级主任科员", DEPUTY_SECTION),
    ("一级科员", STAFF),
    ("二级科员", STAFF),
    ("试用期", STAFF),
)

_COUNTY_HEADS = re.compile(r"(县委书记|(?<!副)县长|县人大常委会主任|县政协主席)")
_COUNTY_DEPUTIES = re.compile(
    r"(副县长|县委副书记|县委常委|县人大常委会副主任|县政协副主席|县人民法院院长|县人民检察院检察长)"
)
_HEADS = re.compile(
    r"(?<!副)(党委书记|党工委书记|党组书记|书记|乡长|镇长|主任|局长|部长|主席|院长|所长|站长|校长|"
    r"队长|行长|社长|馆长|经理)"
)
_DEPUTIES = re.compile(
    r"副(?:书记|乡长|镇长|主任|局长|部长|主席|院长|所长|站长|校长|队长|行长|社长|馆长|经理)|"
    r"纪委书记|纪工委书记|组织委员|宣传委员|统战委员|武装部长"
)
_STAFF = re.compile(r"(科员|干事|办事员|职员|工作人员|选调生|大学生村官|专员|股长|科长)")
# The head of an office inside a department or township (`县委统战部办公室主任`, `XX局城建股股长`) is
# 股级, below 副科: read as 科员 level. `县委办公室主任` (a county office itself) is not matched: the
# department word must come before the office with something in between.
_SUB_UNIT_HEAD = re.compile(
    r"(部|局|委员会|法院|检察院|政府|镇|乡|街道|办事处)\S+?(科|股|办公室|中心|站|所|室)副?(主任|科长|股长|站长|所长)"
)
# Lines that are not posts at all: the portrait leaves a gap for them.
_NOT_A_POST = re.compile(r"(学习|就读|毕业|读书|学生|服役|入伍|待业|待分配)")


def rank_level(rank: str) -> int | None:
    """The level of a 职级 (`正科级`, `正科`, `四级调研员`), None when it names none."""
    text = rank.strip()
    if not text:
        return None
    for word, level in _RANK_WORDS:
        if word in text or (word.endswith("级") and word[:-1] == text):
            return level
    if text in ("科员", "办事员"):
        return STAFF
    return None


def post_level(text: str) -> int | None:
    """The level of the post a resume line (or a 现任职务) names, None when it names no post.

    A line with several posts (`党委副书记、镇长`) takes the highest.
    """
    line = text.strip()
    if not line:
        return None
    explicit = [level for word, level in _RANK_WORDS if word in line]
    if explicit:
        return max(explicit)
    levels: list[int] = []
    for part in re.split(r"[、，,；;（）()]", line):
        level = _part_level(part)
        if level is not None:
            levels.append(level)
    if levels:
        return max(levels)
    return None


def _part_level(part: str) -> int | None:
    # Deputies first: `副县长` contains `县长`, `纪委书记` contains `书记`.
    if _COUNTY_DEPUTIES.search(part):
        return DEPUTY_COUNTY
    if _COUNTY_HEADS.search(part):
        return COUNTY
    if _SUB_UNIT_HEAD.search(part):
        return STAFF
    if _DEPUTIES.search(part):
        return DEPUTY_SECTION
    if _NOT_A_POST.search(part):
        return None
    if _HEADS.search(part):
        return SECTION
    if _STAFF.search(part):
        return STAFF
    return None


# 乡镇正职: the Party secretary and the head of a township (乡长, 镇长, 街道 党工委书记 / 办事处主任).
_TOWN_HEAD = re.compile(
    r"[乡镇](?:党委)?(?<!副)书记|(?<!副)[乡镇]长|街道(?:党工委(?<!副)书记|办事处(?<!副)主任)"
)


def is_town_head(text: str) -> bool:
    """Whether a resume line names a 乡镇正职 (the one reading of it for every register and report)."""
    return _TOWN_HEAD.search(text) is not None
