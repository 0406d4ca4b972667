"""A cadre's child records, consistent with the profile: 简历, family, assessments, rewards, trainings."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from cadre_desk.demo import names
from cadre_desk.demo.people import Person
from cadre_desk.demo.units import VILLAGE_STEMS, County, UnitSpec
from cadre_desk.domain.training_compliance import COUNTY, level
from cadre_desk.domain.yearmonth import YearMonth


@dataclass(frozen=True)
class Line:
    start: YearMonth
    end: YearMonth | None
    text: str
    parent: int | None = None  # index of the main line of a 其间 item


def expand(county: County, text: str) -> str:
    """A post as the county writes it in a 简历: `县财政局副局长` → `永宁县财政局副局长`."""
    if text.startswith("团县委"):
        return f"共青团{county.name[:-1]}县委" + text[3:]
    if text.startswith("县"):
        return county.name + text[1:]
    return county.name + text


def _post_at(rng: random.Random, unit: UnitSpec, level: int) -> str:
    if level >= 2:
        posts = [p.text for p in unit.leading if p.level == level] or [p.text for p in unit.leading]
        return rng.choice(posts)
    section = rng.choice(unit.sections) if unit.sections else ""
    if level == 1:
        title = "主任" if section.endswith(("室", "中心", "部")) else unit.chief_title
        return f"{unit.short_name}{section}{'副' if rng.random() < 0.4 else ''}{title}"
    return f"{unit.short_name}{section}科员"


def resume(rng: random.Random, county: County, p: Person, others: list[UnitSpec]) -> list[Line]:
    lines: list[Line] = []
    school = p.fulltime[2]
    if p.veteran:
        lines.append(Line(p.study_start, p.work_start, f"中国人民解放军{rng.randint(31000, 96999)}部队战士"))
    elif p.fulltime[0] == "研究生":
        mid = YearMonth(p.study_start.year + 4, 7)
        lines.append(Line(p.study_start, mid, f"{rng.choice(('湘潭大学', '南昌大学', '郑州大学'))}本科学习"))
        lines.append(Line(mid, p.work_start, f"{school}硕士研究生学习"))
    else:
        lines.append(Line(p.study_start, p.work_start, f"{school}学习"))
    start = p.work_start
    if p.pre_work:
        end = start.add_months(24)
        if end < p.post_since:
            village = rng.choice(VILLAGE_STEMS) + "村"
            town = rng.choice(county.towns)
            lines.append(Line(start, end, f"{county.name}{town}{village}{p.pre_work}"))
            start = end
    span = start.months_until(p.post_since)
    if span >= 12 and p.work_start.year >= 2006 and not p.veteran:
        first = p.unit if rng.random() < 0.5 or not others else rng.choice(others)
        probation = start.add_months(12)
        lines.append(Line(start, probation, expand(county, _post_at(rng, first, 0)) + "（试用期）"))
        start, span = probation, span - 12
    if span > 0:
        room = 11 - len(lines)
        segments = max(1, min(room, round(span / (12 * rng.uniform(2.5, 5.0)))))
        cuts = sorted(rng.sample(range(1, span), segments - 1)) if span > segments else []
        bounds = [0, *cuts, span]
        for i in range(segments):
            level = min(3, (p.level * (i + 1)) // (segments + 1)) if p.level else 0
            unit = (
                p.unit
                if (rng.random() < 0.45 and p.unit.profile != "top") or not others
                else rng.choice(others)
            )
            text = expand(county, _post_at(rng, unit, level))
            lines.append(Line(start.add_months(bounds[i]), start.add_months(bounds[i + 1]), text))
    lines.append(Line(p.post_since, None, expand(county, p.post)))
    if len(lines) < 3:  # a newcomer: the resume starts at senior school
        lines.insert(
            0, Line(YearMonth(p.study_start.year - 3, 9), p.study_start, f"{county.name}第一中学学习")
        )
    if p.inservice_span is not None:
        s, e = p.inservice_span
        for i, line in enumerate(lines):
            if line.start <= s and (line.end is None or e <= line.end) and i > 0:
                degree = f"，获{p.inservice[1]}学位" if p.inservice[1] else ""
                lines.append(
                    Line(s, e, f"在{p.inservice[2]}在职{p.inservice[0][-3:].lstrip('校')}学习{degree}", i)
                )
                break
    return lines


_SPOUSE_JOBS = (
    "{c}人民医院护士", "{c}第一中学教师", "{c}实验小学教师", "{c}农村商业银行职员", "{c}财政局科员",
    "{c}税务局干部", "{c}人民法院书记员", "个体经营", "{c}供电公司职工", "{c}中医院医生", "{c}幼儿园教师",
    "{c}城投集团职员", "{c}市场监督管理局科员", "{c}邮政分公司职员", "无业", "务农",
)  # fmt: skip
_PARENT_JOBS = (
    "务农",
    "务农",
    "务农",
    "{c}供销社退休职工",
    "退休教师",
    "个体经营",
    "{c}粮食局退休干部",
    "退休",
)


@dataclass(frozen=True)
class Relative:
    relation: str
    name: str
    birth: YearMonth | None
    political_status: str
    employer_post: str
    deceased: bool


def _child_job(rng: random.Random, county: County, age: int) -> tuple[str, str]:
    """(political status, employer and post) of a child by age."""
    c = county.name
    if age < 6:
        return "群众", "学龄前"
    if age < 12:
        return "群众", f"{c}实验小学学生"
    if age < 15:
        return "群众", f"{c}第二中学学生"
    if age < 18:
        return "共青团员", f"{c}第一中学学生"
    if age < 23:
        return (
            "共青团员",
            f"{rng.choice(('湖南大学', '南昌大学', '武汉理工大学', '长沙学院', '湖南师范大学'))}学生",
        )
    return rng.choice(("群众", "中共党员", "共青团员")), rng.choice(_SPOUSE_JOBS[:14]).format(c=c)


def family(rng: random.Random, county: County, p: Person, today: dt.date) -> list[Relative]:
    out: list[Relative] = []
    c = county.name
    age = p.age(today)
    married = (age >= 26 and rng.random() < 0.75) or (age >= 32 and rng.random() < 0.9)
    family_name = names.family_name(p.name)
    children_surname = family_name
    if married:
        sy = min(p.birth.year + rng.randint(-4, 3), today.year - 22)
        spouse_surname = names.surname(rng)
        spouse = names.full_name(rng, sy, not p.male, spouse_surname)
        if not p.male:
            children_surname = spouse_surname
        status = "中共党员" if rng.random() < 0.4 else "群众"
        job = rng.choice(_SPOUSE_JOBS).format(c=c)
        out.append(
            Relative(
                "妻子" if p.male else "丈夫", spouse, YearMonth(sy, rng.randint(1, 12)), status, job, False
            )
        )
        kids = 1 if rng.random() < 0.6 else (2 if rng.random() < 0.85 else 0)
        year = p.birth.year + rng.randint(24, 31)
        for _ in range(kids):
            if year > today.year - 1:
                break
            son = rng.random() < 0.52
            birth = YearMonth(year, rng.randint(1, 12))
            if birth.first_day() > today:
                break
            status, job = _child_job(rng, county, today.year - year)
            out.append(
                Relative(
                    "儿子" if son else "女儿",
                    names.full_name(rng, year, son, children_surname),
                    birth,
                    status,
                    job,
                    False,
                )
            )
            year += rng.randint(2, 8)
    for relation, male, family_ in (("父亲", True, family_name), ("母亲", False, None)):
        year = p.birth.year - rng.randint(22, 32)
        parent_age = today.year - year
        deceased = rng.random() < (0.6 if parent_age > 80 else 0.25 if parent_age > 68 else 0.05)
        status = "中共党员" if rng.random() < (0.35 if male else 0.12) else "群众"
        job = "已去世" if deceased else rng.choice(_PARENT_JOBS).format(c=c)
        out.append(
            Relative(
                relation,
                names.full_name(rng, year, male, family_),
                YearMonth(year, rng.randint(1, 12)),
                status,
                job,
                deceased,
            )
        )
    return out


def assessments(rng: random.Random, p: Person, today: dt.date) -> list[tuple[int, str, str]]:
    """(year, grade, notes) for the last 3–5 years the cadre worked in full."""
    out: list[tuple[int, str, str]] = []
    excellent_run = 0
    first = today.year - rng.randint(3, 5)
    for year in range(first, today.year):
        if year <= p.work_start.year:
            continue
        roll = rng.random()
        grade = "优秀" if roll < (0.22 if p.level >= 2 else 0.15) else "称职"
        if roll > 0.985:
            grade = "基本称职"
        elif 0.975 < roll <= 0.985 and year == p.work_start.year + 1:
            grade = "不确定等次"
        excellent_run = excellent_run + 1 if grade == "优秀" else 0
        note = "记三等功" if excellent_run == 3 else ""
        out.append((year, grade, note))
    return out


def rewards(
    rng: random.Random, county: County, p: Person, grades: list[tuple[int, str, str]], today: dt.date
) -> list[tuple[str, YearMonth, str, str]]:
    """(kind, date, text, issuer): 嘉奖 for excellent years, now and then an honour, rarely a sanction."""
    c = county.name
    out: list[tuple[str, YearMonth, str, str]] = []
    for year, grade, note in grades:
        if grade == "优秀" and rng.random() < 0.6:
            text = f"{year}年度公务员年度考核优秀，{'记三等功' if note else '嘉奖'}"
            out.append(("奖励", YearMonth(year + 1, rng.randint(2, 4)), text, f"{c}人民政府"))
    if rng.random() < 0.18 and today.year - 1 > p.work_start.year + 1:
        year = rng.randint(p.work_start.year + 1, today.year - 1)
        honour = rng.choice((
            "全县优秀共产党员", "全县脱贫攻坚先进个人", "全县防汛抗灾先进个人", "全县乡村振兴工作先进个人",
            "全县信访工作先进个人", "全县优秀党务工作者", "全市优秀公务员", "全县疫情防控先进个人",
        ))  # fmt: skip
        out.append(
            ("奖励", YearMonth(year, rng.randint(6, 12)), f"{year}年被评为{honour}", f"中共{c[:-1]}县委")
        )
    if rng.random() < 0.008 and today.year - 1 > p.work_start.year + 2:
        year = rng.randint(p.work_start.year + 2, today.year - 1)
        text = rng.choice(("受到党内警告处分", "受到政务警告处分", "受到党内严重警告处分"))
        out.append(
            ("惩处", YearMonth(year, rng.randint(1, 12)), f"{year}年{text}", f"中共{c[:-1]}县纪律检查委员会")
        )
    return sorted(out, key=lambda r: r[1])


_TRAININGS = (
    ("{y}年全县科级干部进修班", "党校主体班", "中共{c}委党校", 20, 0),
    ("{y}年全县中青年干部培训班", "党校主体班", "中共{c}委组织部", 30, 1),
    ("{y}年全县乡镇党委书记培训班", "专题班", "中共{c}委组织部", 5, 2),
    ("学习贯彻党的二十届三中全会精神专题轮训班", "专题班", "中共{c}委组织部", 3, 0),
    ("{y}年度干部网络学院在线学习", "网络学习", "{p}干部网络学院", 0, 0),
    ("全县乡村振兴工作现场推进会", "现场观摩", "中共{c}委农村工作领导小组", 1, 0),
    ("赴浙江大学乡村振兴专题培训班", "外出考察", "中共{c}委组织部", 7, 2),
    ("全县基层党建工作以会代训", "以会代训", "中共{c}委组织部", 1, 0),
    ("{y}年新录用公务员初任培训班", "专题班", "{c}人力资源和社会保障局", 10, -1),
)


def trainings(
    rng: random.Random, county: County, p: Person, today: dt.date
) -> list[tuple[str, str, str, dt.date, dt.date, float, float, bool, str]]:
    """(name, kind, organiser, start, end, hours, days, 脱产, certificate): a few courses over the career,
    and the recent ones that decide compliance (most cadres meet the requirement, about a third not)."""
    out = []
    first_year = p.work_start.year + 1
    if first_year > today.year - 1:
        return []
    for name, kind, organiser, days, min_level in rng.sample(_TRAININGS, rng.randint(1, 4)):
        if (min_level >= 0 and p.level < min_level) or (min_level < 0 and p.level > 1):
            continue
        year = rng.randint(first_year, today.year - 1)
        start = dt.date(year, rng.randint(3, 11), rng.randint(1, 28))
        length = days if days else 0
        end = start + dt.timedelta(days=max(0, length - 1))
        hours = float(rng.choice((50, 60, 80, 100))) if kind == "网络学习" else float(days * 6)
        out.append((
            name.format(y=year), kind, organiser.format(c=county.name, p=county.province),
            start, end, hours, float(days), kind == "党校主体班", "",
        ))  # fmt: skip
    out.extend(_recent_trainings(rng, county, p, today))
    return sorted(out, key=lambda t: t[3])


def _recent_trainings(
    rng: random.Random, county: County, p: Person, today: dt.date
) -> list[tuple[str, str, str, dt.date, dt.date, float, float, bool, str]]:
    """This year's (乡科级) or this plan period's (县处级) courses: enough for about two in three."""
    out: list[tuple[str, str, str, dt.date, dt.date, float, float, bool, str]] = []
    year = today.year
    latest = today - dt.timedelta(days=20)
    if latest.year != year:
        return out
    org = f"中共{county.name}委组织部"
    if level(p.rank) == COUNTY:
        if rng.random() < 0.8:
            start = dt.date(max(2023, year - 2), rng.randint(3, 6), rng.randint(1, 28))
            days = rng.choice((60, 90, 95))
            school = f"中共{county.name}委党校"
            certificate = f"党校结字〔{start.year}〕{rng.randint(1, 300)}号"
            out.append((f"{start.year}年县处级领导干部进修班", "党校主体班", school, start,
                        start + dt.timedelta(days=days - 1), float(days * 6), float(days), True,
                        certificate))  # fmt: skip
    else:
        kind, name, days = rng.choice(
            (("专题班", "{y}年全县乡科级干部能力提升专题班", 12), ("调训", "{y}年市委组织部调训班", 14),
             ("青干班", "{y}年全县青年干部培训班", 15), ("专题班", "{y}年乡村振兴专题培训班", 7))
        )  # fmt: skip
        if rng.random() < 0.85:
            start = dt.date(year, rng.randint(1, max(1, latest.month)), 1)
            if start + dt.timedelta(days=days) > latest:
                start = latest - dt.timedelta(days=days)
            out.append((name.format(y=year), kind, org, start, start + dt.timedelta(days=days - 1),
                        float(days * 6), float(days), True, ""))  # fmt: skip
    if rng.random() < 0.6:
        start = dt.date(year, rng.randint(1, max(1, latest.month)), 1)
        hours = float(rng.choice((50, 52, 56, 60, 36)))
        out.append((f"{year}年度干部网络学院在线学习", "网络学习", f"{county.province}干部网络学院", start,
                    start, hours, 0.0, False, ""))  # fmt: skip
    return out


def secondment(
    rng: random.Random, county: County, p: Person, today: dt.date
) -> tuple[str, str, YearMonth, YearMonth | None, str] | None:
    """(place, post, start, end, kind) for a few cadres in their late twenties to forties."""
    age = p.age(today)
    if not 27 <= age <= 48 or rng.random() > 0.07:
        return None
    now = YearMonth.from_date(today)
    start = now.add_months(-rng.randint(3, 72))
    if start < p.work_start.add_months(24):
        return None
    end: YearMonth | None = start.add_months(rng.choice((6, 12, 12, 24)))
    if end is not None and end > now:
        end = None
    kind, place, post = rng.choice((
        ("上挂", "市发展和改革委员会", "挂职锻炼（任主任助理）"),
        ("上挂", "市委组织部干部一科", "跟班学习"),
        ("外派", "浙江省湖州市吴兴区", "东西部协作挂职（任区农业农村局局长助理）"),
        ("驻村", f"{county.name}{rng.choice(county.towns)}{rng.choice(VILLAGE_STEMS)}村", "驻村第一书记"),
        ("下派", f"{county.name}工业园区", "招商引资专班成员"),
    ))  # fmt: skip
    return place, post, start, end, kind
