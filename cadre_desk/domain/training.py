"""Training hours (学时) a cadre owes each year, by rank level.

The figures follow the 干部教育培训工作条例 (集中培训: 县处级以上领导干部每年累计不少于 110 学时, 其他干部
不少于 90 学时). They are configurable defaults: a department that sets stricter local rules passes its
own table to `required_hours`.
"""

from __future__ import annotations

from collections.abc import Mapping

COUNTY_LEVEL = "县处级"
TOWNSHIP_LEVEL = "乡科级及以下"

# Configurable defaults (学时 a year), per rank level.
DEFAULT_YEARLY_HOURS: Mapping[str, float] = {COUNTY_LEVEL: 110.0, TOWNSHIP_LEVEL: 90.0}

# Ranks (职务 and the parallel 职级) at 县处级 and above; everything else counts as 乡科级及以下.
COUNTY_RANKS = frozenset(
    {
        "正处级",
        "副处级",
        "一级调研员",
        "二级调研员",
        "三级调研员",
        "四级调研员",
        "正厅级",
        "副厅级",
        "一级巡视员",
        "二级巡视员",
    }
)


def rank_level(rank: str) -> str:
    """`县处级` or `乡科级及以下` for a rank as the profile stores it."""
    return COUNTY_LEVEL if rank.strip() in COUNTY_RANKS else TOWNSHIP_LEVEL


def required_hours(rank: str, table: Mapping[str, float] = DEFAULT_YEARLY_HOURS) -> float:
    """The yearly training hours required of a cadre of `rank`."""
    return table[rank_level(rank)]
