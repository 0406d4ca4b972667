"""班子结构: the pure rules of the leadership-team structure analysis (no I/O).

Ages are completed years at the reference date (month granularity, `yearmonth.age_at`); "X岁以下" means
age ≤ X and "X岁左右" ≤ X + 1. The groupings below (age bands, education levels, political groups) are
the ones the 换届 tables use; the targets and the 四类干部 set are local and come from the database.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from cadre_desk.domain import vocab

AGE_BANDS = ("≤35", "36–40", "41–45", "46–50", "51–55", "≥56")
_BAND_UPPER = (35, 40, 45, 50, 55)


@lru_cache(maxsize=4096)
def age_band(age: int) -> str:
    for upper, label in zip(_BAND_UPPER, AGE_BANDS, strict=False):
        if age <= upper:
            return label
    return AGE_BANDS[-1]


# 学历 levels of the structure tables: 研究生 / 大学 / 大专 / 其他 (中专, 高中, not recorded).
EDU_POSTGRADUATE, EDU_UNIVERSITY, EDU_COLLEGE, EDU_OTHER = "研究生", "大学", "大专", "其他"
EDUCATION_LEVELS = (EDU_POSTGRADUATE, EDU_UNIVERSITY, EDU_COLLEGE, EDU_OTHER)
_EDU_RANK = {level: rank for rank, level in enumerate(reversed(EDUCATION_LEVELS))}


@lru_cache(maxsize=4096)
def education_level(education: str) -> str:
    """The level of a stored 学历 (党校 educations count at their level: 中央党校研究生 → 研究生)."""
    value = education.strip()
    if value.endswith("研究生"):
        return EDU_POSTGRADUATE
    if value.endswith("大学"):
        return EDU_UNIVERSITY
    if value.endswith("大专"):
        return EDU_COLLEGE
    return EDU_OTHER


@lru_cache(maxsize=4096)
def highest_education(full_time: str, in_service: str) -> str:
    """最高学历: the higher level of the full-time and the in-service education."""
    a, b = education_level(full_time), education_level(in_service)
    return a if _EDU_RANK[a] >= _EDU_RANK[b] else b


# 政治面貌 groups: 党外 = 民主党派 + 无党派; 群众 counted separately (共青团员 with them); 未填 apart.
PARTY_MEMBER, DEMOCRATIC, NON_PARTY, MASSES, UNRECORDED = "中共党员", "民主党派", "无党派", "群众", "未填"
POLITICAL_GROUPS = (PARTY_MEMBER, DEMOCRATIC, NON_PARTY, MASSES, UNRECORDED)
_DEMOCRATIC_STATUSES = frozenset(
    s for s in vocab.POLITICAL_STATUSES if any(s.startswith(p) for p in vocab.DEMOCRATIC_PARTIES)
)


@lru_cache(maxsize=4096)
def political_group(status: str) -> str:
    value = status.strip()
    if not value:
        return UNRECORDED
    if value.startswith("中共"):  # 中共党员, 中共预备党员
        return PARTY_MEMBER
    if value in _DEMOCRATIC_STATUSES or any(value.startswith(p) for p in vocab.DEMOCRATIC_PARTIES):
        return DEMOCRATIC
    if value.startswith("无党派"):
        return NON_PARTY
    return MASSES  # 群众, 共青团员


@lru_cache(maxsize=4096)
def is_party_outside(status: str) -> bool:
    return political_group(status) in (DEMOCRATIC, NON_PARTY)


HAN = "汉族"


@lru_cache(maxsize=4096)
def is_minority(ethnicity: str) -> bool:
    value = ethnicity.strip()
    return bool(value) and value != HAN


# 四类干部: the kinds a team should contain; which of them count is a local setting.
YOUNG, WOMEN, MINORITY, OUTSIDE = "年轻干部", "女干部", "少数民族干部", "党外干部"
FOUR_KINDS = (YOUNG, WOMEN, MINORITY, OUTSIDE)


@dataclass(frozen=True, slots=True)
class Person:
    """What the analysis needs of one cadre (at the reference date)."""

    id: int
    age: int
    gender: str
    ethnicity: str
    political_status: str
    full_time_education: str
    in_service_education: str
    post_level: str  # 正职 / 副职 of the 班子 post held in scope, "" if none
    post_name: str  # the 班子 post held in scope ("" if none)
    retiring_within_3y: bool

    def of_kind(self, kind: str, young_age: int) -> bool:  # the four kinds (cached helpers below)
        if kind == YOUNG:
            return self.age <= young_age
        if kind == WOMEN:
            return self.gender == vocab.Gender.FEMALE
        if kind == MINORITY:
            return is_minority(self.ethnicity)
        if kind == OUTSIDE:
            return is_party_outside(self.political_status)
        raise ValueError(kind)


# --- targets -------------------------------------------------------------------------------------

# What a target counts among its base (stored as these Chinese codes in the rule table).
MEASURE_AGE, MEASURE_FEMALE, MEASURE_MINORITY, MEASURE_OUTSIDE, MEASURE_POST = (
    "年龄不超过",
    "女干部",
    "少数民族干部",
    "党外干部",
    "职务含",
)
MEASURES = (MEASURE_AGE, MEASURE_FEMALE, MEASURE_MINORITY, MEASURE_OUTSIDE, MEASURE_POST)
RATIO, COUNT = "比例", "人数"  # required as a percentage of the base, or a number of members
REQUIRED_KINDS = (RATIO, COUNT)
ANY_LEVEL = "不限"
BASE_LEVELS = (ANY_LEVEL, vocab.PostLevel.CHIEF.value, vocab.PostLevel.DEPUTY.value)
# Scopes a target applies to: a unit kind, or 县直单位 (the county's 部门, 事业单位 and 群团组织), or 全县.
SCOPE_COUNTY_UNITS, SCOPE_ALL = "县直单位", "全县"
COUNTY_UNIT_KINDS = (vocab.UnitKind.DEPARTMENT, vocab.UnitKind.INSTITUTION, vocab.UnitKind.MASS_ORGANISATION)
TARGET_SCOPES = (*vocab.UNIT_KINDS, SCOPE_COUNTY_UNITS, SCOPE_ALL)
ALTERNATIVES = "|"  # post texts: 党委书记|镇长|乡长 (any of them)


def scope_covers(scope: str, unit_kind: str) -> bool:
    if scope == SCOPE_ALL:
        return True
    if scope == SCOPE_COUNTY_UNITS:
        return unit_kind in COUNTY_UNIT_KINDS
    return unit_kind == scope


def _post_matches(pattern: str, post_name: str) -> bool:
    parts = [p.strip() for p in pattern.split(ALTERNATIVES) if p.strip()]
    return not parts or any(p in post_name for p in parts)


@dataclass(frozen=True, slots=True)
class Target:
    """A structure target (结构要求) as the rule table holds it.

    Among the base (the 班子 members of the units in `scope`, narrowed to a post level, post texts and
    an age), count those meeting `measure`; require `value` per cent of the base (rounded up) or `value`
    members, per team (`per_team`) or over all teams of the scope together."""

    id: int
    name: str
    scope: str
    per_team: bool
    base_level: str  # 不限 / 正职 / 副职
    base_post: str  # "" or texts separated by |
    base_max_age: int  # 0: any age
    measure: str
    measure_value: str  # the age for 年龄不超过, the post texts for 职务含
    required_kind: str  # 比例 / 人数
    value: float
    source: str

    def in_base(self, p: Person) -> bool:
        if self.base_level not in ("", ANY_LEVEL) and p.post_level != self.base_level:
            return False
        if self.base_post and not _post_matches(self.base_post, p.post_name):
            return False
        return not self.base_max_age or p.age <= self.base_max_age

    def meets(self, p: Person) -> bool:
        if self.measure == MEASURE_AGE:
            return p.age <= int(self.measure_value)
        if self.measure == MEASURE_FEMALE:
            return p.gender == vocab.Gender.FEMALE
        if self.measure == MEASURE_MINORITY:
            return is_minority(p.ethnicity)
        if self.measure == MEASURE_OUTSIDE:
            return is_party_outside(p.political_status)
        if self.measure == MEASURE_POST:
            return _post_matches(self.measure_value, p.post_name)
        raise ValueError(self.measure)

    def required(self, base_size: int) -> int:
        """应配 for a base of `base_size` members."""
        if self.required_kind == RATIO:
            return math.ceil(round(self.value * base_size / 100, 9))
        return int(self.value)

    def requirement_text(self) -> str:
        if self.required_kind == RATIO:
            return f"≥{self.value:g}%"
        return f"≥{self.value:g}名"


GREEN, YELLOW, RED = "green", "yellow", "red"
COLOUR_WORDS = {GREEN: "达标", YELLOW: "接近", RED: "缺配"}


def colour(required: int, actual: int) -> str:
    """绿 达标 (no gap), 黄 接近 (short by at most a third of what is required), 红 缺配."""
    gap = required - actual
    if gap <= 0:
        return GREEN
    return YELLOW if gap * 3 <= required else RED


@dataclass(frozen=True, slots=True)
class Count:
    """应配 / 实配 / 缺配 of a target over some members, with the ids: the base and those counted."""

    required: int
    actual: int
    base_ids: tuple[int, ...]
    ids: tuple[int, ...]

    @property
    def gap(self) -> int:
        return max(0, self.required - self.actual)

    @property
    def colour(self) -> str:
        return colour(self.required, self.actual)


def evaluate(target: Target, members: list[Person]) -> Count:
    base = [p for p in members if target.in_base(p)]
    hits = tuple(p.id for p in base if target.meets(p))
    return Count(target.required(len(base)), len(hits), tuple(p.id for p in base), hits)
