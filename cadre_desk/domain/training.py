"""The rank level of a cadre for the training rules: 县处级 (and above) or 乡科级及以下.

The requirement itself (550 学时 or 3 months per 5 years; 90 学时 or 12 days a year) is in
`domain.training_compliance`, after the 干部教育培训工作条例 (2023).
"""

from __future__ import annotations

COUNTY_LEVEL = "县处级"
TOWNSHIP_LEVEL = "乡科级及以下"

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
