"""Cadres: age by the level of the post, sex, ethnicity, origin, education, party, rank, ID number."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from cadre_desk.demo import names
from cadre_desk.demo.units import NEIGHBOUR_COUNTIES, OTHER_PROVINCES, County, Post, UnitSpec
from cadre_desk.domain.idcard import make_id_number
from cadre_desk.domain.retirement import retirement
from cadre_desk.domain.yearmonth import YearMonth

MIN_BIRTH_YEAR, MAX_BIRTH_YEAR = 1963, 2001
NEAR_RETIREMENT_EVERY = 40  # one cadre in 40 (of a leading post) is at 到龄 age

# (low, high, mode) of the age by level of post, and the share of men.
_AGES = {5: (46, 57, 52), 4: (40, 58, 49), 3: (33, 57, 46), 2: (28, 56, 40), 1: (26, 59, 36), 0: (22, 60, 27)}
_MALE_SHARE = {5: 0.92, 4: 0.85, 3: 0.8, 2: 0.74, 1: 0.66, 0: 0.6}
_MINORITIES = ("土家族", "苗族", "侗族", "瑶族", "回族", "壮族", "满族", "蒙古族", "彝族", "白族")
_SCHOOLS = (
    "湘潭大学", "湖南师范大学", "中南大学", "湖南大学", "南昌大学", "江西财经大学", "江西师范大学",
    "华中师范大学", "华中农业大学", "武汉大学", "中南财经政法大学", "湖南农业大学", "长沙理工大学",
    "安徽大学", "四川大学", "西南政法大学", "郑州大学", "河南大学", "吉首大学", "湖南科技大学",
    "湖南工商大学", "湖南警察学院", "湖南城市学院", "衡阳师范学院", "中国农业大学", "山东大学",
)  # fmt: skip
_COLLEGES = (
    "湖南省供销学校",
    "湖南省财经学校",
    "省农业学校",
    "地区师范学校",
    "省卫生学校",
    "湖南广播电视大学",
)
_MAJORS = (
    ("汉语言文学", "文学"), ("行政管理", "管理学"), ("法学", "法学"), ("会计学", "管理学"),
    ("经济学", "经济学"), ("财政学", "经济学"), ("思想政治教育", "法学"), ("农学", "农学"),
    ("土木工程", "工学"), ("计算机科学与技术", "工学"), ("公共事业管理", "管理学"), ("社会工作", "法学"),
    ("新闻学", "文学"), ("林学", "农学"), ("水利水电工程", "工学"), ("工商管理", "管理学"),
    ("临床医学", "医学"), ("数学与应用数学", "理学"), ("历史学", "历史学"), ("环境工程", "工学"),
)  # fmt: skip
_INSERVICE_MAJORS = ("经济管理", "行政管理", "法律", "公共管理", "党政管理", "农村经济管理")
_SPECIALITIES = (
    "熟悉党务工作", "熟悉农村工作", "熟悉财务管理", "熟悉文字综合", "熟悉项目管理", "熟悉信访工作",
    "熟悉经济工作", "熟悉法律事务", "熟悉组织人事工作", "熟悉宣传思想工作", "",
)  # fmt: skip
_PHONE_PREFIXES = ("138", "139", "135", "137", "158", "159", "180", "181", "186", "189", "177", "199", "150")
_OTHER_REGIONS = ("430102", "430621", "430723", "360124", "421024", "341222", "510722", "410526")


@dataclass
class Person:
    """One generated cadre with what the child records need to stay consistent with the profile."""

    id: int
    unit: UnitSpec
    level: int
    name: str
    male: bool
    birth_date: dt.date
    birth: YearMonth
    ethnicity: str
    native_place: str
    political_status: str
    democratic_party: str
    party_join: YearMonth | None
    study_start: YearMonth
    graduation: YearMonth
    work_start: YearMonth
    fulltime: tuple[str, str, str, str]  # education, degree, school and major, degree school
    inservice: tuple[str, str, str, str]
    inservice_span: tuple[YearMonth, YearMonth] | None
    post: str
    rank: str
    rank_index: int
    post_since: YearMonth
    id_number: str
    phone: str
    speciality: str
    pre_work: str = ""  # 三支一扶 / 西部计划 … before the civil-service post
    veteran: bool = False
    extra: dict[str, object] = field(default_factory=dict)

    def age(self, on: dt.date) -> int:
        return (
            on.year
            - self.birth_date.year
            - ((on.month, on.day) < (self.birth_date.month, self.birth_date.day))
        )


RANKS_BY_INDEX = (
    "试用期", "科员", "四级主任科员", "三级主任科员", "二级主任科员", "一级主任科员", "副科级",
    "四级调研员", "正科级", "三级调研员", "副处级", "二级调研员", "正处级",
)  # fmt: skip


def _rank(rng: random.Random, level: int, age: int, service_years: int) -> str:
    if level >= 2:
        return {5: "正处级", 4: "副处级", 3: "正科级", 2: "副科级"}[level]
    if level == 1:
        if age >= 50 and rng.random() < 0.3:
            return "四级调研员"
        if age < 30:
            return "四级主任科员"
        if age < 36:
            return "三级主任科员"
        return "二级主任科员" if age < 43 else "一级主任科员"
    if service_years < 1:
        return "试用期"
    if age >= 52 and rng.random() < 0.25:
        return rng.choice(("四级调研员", "三级调研员"))
    steps = ((4, "科员"), (8, "四级主任科员"), (13, "三级主任科员"), (19, "二级主任科员"))
    for limit, rank in steps:
        if service_years < limit + rng.randint(-1, 1):
            return rank
    return "一级主任科员"


def _education(rng: random.Random, birth_year: int) -> tuple[str, int]:
    """The full-time education and the age of graduating from it."""
    roll = rng.random()
    if birth_year < 1975:
        choice = "中专" if roll < 0.35 else ("大专" if roll < 0.7 else "大学")
    elif birth_year < 1986:
        choice = "大专" if roll < 0.22 else ("大学" if roll < 0.9 else "研究生")
    else:
        choice = "大专" if roll < 0.05 else ("大学" if roll < 0.84 else "研究生")
    age = {"中专": 18, "大专": 21, "大学": 22, "研究生": 25}[choice] + (1 if rng.random() < 0.3 else 0)
    return choice, age


def _fulltime(rng: random.Random, education: str) -> tuple[str, str, str, str]:
    major, field_ = rng.choice(_MAJORS)
    if education == "中专":
        return education, "", f"{rng.choice(_COLLEGES)}{major}专业", ""
    school = rng.choice(_SCHOOLS)
    if education == "大专":
        return education, "", f"{school}{major}专业", ""
    degree = f"{field_}学士" if education == "大学" else f"{field_}硕士"
    return education, degree, f"{school}{major}专业", school


def _born_to_retire(target: YearMonth, original_age: int) -> YearMonth:
    """The latest birth month whose retirement month (2025 reform) is not after `target`."""
    birth = target.add_months(-12 * original_age)
    while retirement(birth, original_age).month > target:
        birth = birth.add_months(-1)
    return birth


def make_person(
    rng: random.Random,
    county: County,
    unit: UnitSpec,
    post: Post,
    cadre_id: int,
    today: dt.date,
    used_ids: set[str],
) -> Person:
    low, high, mode = _AGES[post.level]
    age = round(rng.triangular(low, high, mode))
    year = min(MAX_BIRTH_YEAR, max(MIN_BIRTH_YEAR, today.year - age))
    latest = dt.date(today.year - 22, today.month, 1)
    birth_date = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
    if birth_date > latest:
        birth_date = latest.replace(day=rng.randint(1, 28))
    birth = YearMonth.from_date(birth_date)
    male = rng.random() < _MALE_SHARE[post.level]
    if cadre_id % NEAR_RETIREMENT_EVERY == 7:
        # A few reach 到龄 this year and next (men at 60, women at 55 plus the 2025 reform's months), so
        # the 到龄 lists of the demo county are never empty.
        target = YearMonth.from_date(today).add_months((cadre_id // NEAR_RETIREMENT_EVERY) * 7 % 19)
        birth = _born_to_retire(target, 60 if male else 55)
        birth_date = dt.date(birth.year, birth.month, birth_date.day)
    education, grad_age = _education(rng, birth.year)
    veteran = male and education in ("中专", "大专") and rng.random() < 0.15
    graduation = YearMonth(birth.year + grad_age, 7)
    if graduation.first_day() > today - dt.timedelta(days=400):
        graduation = YearMonth.from_date(today - dt.timedelta(days=400 + rng.randint(0, 300)))
    study_years = {"中专": 3, "大专": 3, "大学": 4, "研究生": 7}[education]
    study_start = YearMonth(graduation.year - study_years, 9)
    work_start = graduation.add_months(rng.choice((0, 0, 1, 1, 2, 5)))
    pre_work = ""
    if birth.year >= 1982 and rng.random() < 0.3:
        pre_work = rng.choice(("三支一扶", "西部计划志愿者", "大学生村官"))
        work_start = graduation.add_months(1)
    if veteran:
        study_start = YearMonth(birth.year + 18, 12)
        graduation = study_start.add_months(rng.choice((24, 36, 60)))
        work_start = graduation.add_months(1)
    now_ym = YearMonth.from_date(today)
    work_start = min(work_start, now_ym.add_months(-2))
    service_years = work_start.months_until(now_ym) // 12
    fulltime = _fulltime(rng, education)
    inservice: tuple[str, str, str, str] = ("", "", "", "")
    inservice_span = None
    wants_more = education in ("中专", "大专") or (education == "大学" and rng.random() < 0.18)
    if wants_more and service_years > 6:
        level = "大学" if education in ("中专", "大专") else "研究生"
        school = f"{county.province_short}省委党校" if rng.random() < 0.6 else rng.choice(_SCHOOLS)
        major = rng.choice(_INSERVICE_MAJORS)
        label = ("省委党校" + level) if "党校" in school else level
        degree = "公共管理硕士" if level == "研究生" and "党校" not in school else ""
        inservice = (label, degree, f"{school}{major}专业", school if degree else "")
        start = work_start.add_months(rng.randint(24, max(25, min(service_years * 12 - 30, 180))))
        inservice_span = (YearMonth(start.year, 9), YearMonth(start.year + 2 + rng.randint(0, 1), 7))
        if inservice_span[1] > now_ym:
            inservice, inservice_span = ("", "", "", ""), None
    political, democratic, party_join = _politics(rng, post.level, birth, work_start, now_ym)
    rank = _rank(rng, post.level, today.year - birth.year, service_years)
    post_text = post.text
    if post.level == 0:
        prefix = post.text
        post_text = (
            f"{unit.short_name}{rank}" if ("主任科员" in rank or "调研员" in rank) else f"{prefix}科员"
        )
    years_in_post = min(service_years, int(rng.triangular(0, 9, 2)))
    post_since = now_ym.add_months(-(years_in_post * 12 + rng.randint(0, 11)))
    post_since = max(post_since, work_start)
    if rank == "试用期":
        post_since = work_start
    native = f"{county.province}{county.name}"
    region = county.region_code
    if rng.random() < 0.3:
        native = f"{county.province}{rng.choice(NEIGHBOUR_COUNTIES)}县"
        region = region[:4] + f"{rng.randint(21, 29):02d}"
    elif rng.random() < 0.1:
        native = f"{rng.choice(OTHER_PROVINCES)}{rng.choice(NEIGHBOUR_COUNTIES)}县"
        region = rng.choice(_OTHER_REGIONS)
    id_number = make_id_number(region, birth_date, rng.randint(0, 99), male)
    while id_number in used_ids:
        id_number = make_id_number(region, birth_date, rng.randint(0, 99), male)
    used_ids.add(id_number)
    return Person(
        id=cadre_id,
        unit=unit,
        level=post.level,
        name=names.full_name(rng, birth.year, male),
        male=male,
        birth_date=birth_date,
        birth=birth,
        ethnicity="汉族" if rng.random() < 0.93 else rng.choice(_MINORITIES),
        native_place=native,
        political_status=political,
        democratic_party=democratic,
        party_join=party_join,
        study_start=study_start,
        graduation=graduation,
        work_start=work_start,
        fulltime=fulltime,
        inservice=inservice,
        inservice_span=inservice_span,
        post=post_text,
        rank=rank,
        rank_index=RANKS_BY_INDEX.index(rank),
        post_since=post_since,
        id_number=id_number,
        phone=rng.choice(_PHONE_PREFIXES) + f"{rng.randint(0, 99_999_999):08d}",
        speciality=rng.choice(_SPECIALITIES),
        pre_work=pre_work,
        veteran=veteran,
    )


def _politics(
    rng: random.Random, level: int, birth: YearMonth, work_start: YearMonth, now: YearMonth
) -> tuple[str, str, YearMonth | None]:
    """(political status, democratic party, party join month)."""
    roll = rng.random()
    age = birth.months_until(now) // 12
    if level in (3, 4) and roll < 0.04:
        member, party = rng.choice((("民盟盟员", "民盟"), ("民进会员", "民进"), ("九三学社社员", "九三学社")))
        return member, party, None
    if level <= 1:
        if roll < 0.035:
            member, party = rng.choice((("民盟盟员", "民盟"), ("民建会员", "民建"), ("农工党党员", "农工党")))
            return member, party, None
        if roll < 0.07:
            return ("共青团员" if age < 28 else "群众"), "", None
        if roll < 0.1 and age < 32:
            return "中共预备党员", "", now.add_months(-rng.randint(1, 11))
        if roll < 0.12:
            return "无党派人士", "", None
    earliest = birth.add_months(18 * 12 + rng.randint(0, 11))
    if rng.random() < 0.55:
        join = max(earliest, work_start.add_months(-rng.randint(6, 30)))
    else:
        join = work_start.add_months(rng.randint(12, 96))
    join = min(max(join, earliest), now.add_months(-13))
    return "中共党员", "", join
