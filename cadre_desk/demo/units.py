"""A believable county: its organs, townships, institutions and enterprises, and the posts in each.

A unit has a profile that decides its posts: the leading posts (in order of seniority, with their level)
and the sections whose chiefs and staff fill the rest. Levels: 5 正处, 4 副处, 3 正科, 2 副科, 1 股级,
0 general staff.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

COUNTIES = ("永宁", "安平", "清溪", "云岭", "长乐", "青阳", "明水", "凤台", "桃江", "石泉", "宜川", "新安")
PROVINCES = (
    ("湖南省", "湖南"),
    ("江西省", "江西"),
    ("湖北省", "湖北"),
    ("安徽省", "安徽"),
    ("四川省", "四川"),
    ("河南省", "河南"),
)
OTHER_PROVINCES = ("湖南省", "湖北省", "江西省", "河南省", "四川省", "山东省", "贵州省", "广西壮族自治区")
NEIGHBOUR_COUNTIES = (
    "平江",
    "修水",
    "通城",
    "崇阳",
    "浏阳",
    "铜鼓",
    "宜丰",
    "万载",
    "湘阴",
    "汨罗",
    "岳阳",
    "醴陵",
)
_TOWN_STEMS = (
    "城关", "白沙", "石门", "桃源", "龙潭", "清水", "黄田", "大坪", "青山", "河口", "新市", "高桥",
    "东坪", "西岭", "南岳", "北港", "杨林", "柳溪", "梅田", "花桥", "官渡", "长岭", "金坑", "三江",
    "双溪", "马田", "竹山", "枫林", "沙坪", "古城",
)  # fmt: skip
VILLAGE_STEMS = (
    "新华", "红星", "光明", "团结", "胜利", "和平", "向阳", "东山", "西坡", "南塘", "北湾", "杨柳",
    "桃花", "竹园", "石桥", "枫树", "荷塘", "李家", "王家", "陈家", "大湾", "小溪", "高坪", "上屋",
    "下坊", "长冲", "黄泥", "马鞍", "龙井", "凤凰",
)  # fmt: skip

# (name after the county prefix, short name, profile, sections); the first ones are always present.
_BUREAUS = (
    ("发展和改革局", "县发改局", ("办公室", "投资股", "项目股", "价格股")),
    ("教育局", "县教育局", ("办公室", "基础教育股", "人事股", "计划财务股")),
    ("财政局", "县财政局", ("办公室", "预算股", "国库股", "农业股", "会计股")),
    ("人力资源和社会保障局", "县人社局", ("办公室", "就业股", "社会保险股", "人事股")),
    ("自然资源局", "县自然资源局", ("办公室", "规划股", "耕地保护股", "执法大队")),
    ("住房和城乡建设局", "县住建局", ("办公室", "建筑管理股", "城建股", "房产股")),
    ("农业农村局", "县农业农村局", ("办公室", "产业发展股", "农田建设股", "乡村建设股")),
    ("民政局", "县民政局", ("办公室", "社会救助股", "养老服务股", "基层政权股")),
    ("卫生健康局", "县卫健局", ("办公室", "医政股", "疾控股", "基层卫生股")),
    ("交通运输局", "县交通运输局", ("办公室", "规划建设股", "公路股")),
    ("水利局", "县水利局", ("办公室", "工程建设股", "水旱灾害防御股", "河湖管理股")),
    ("应急管理局", "县应急管理局", ("办公室", "安全生产综合股", "应急救援股")),
    ("市场监督管理局", "县市场监管局", ("办公室", "食品安全股", "登记注册股", "质量股")),
    ("审计局", "县审计局", ("办公室", "财政审计股", "经济责任审计股")),
    ("司法局", "县司法局", ("办公室", "法治督察股", "人民调解股")),
    ("商务局", "县商务局", ("办公室", "招商股", "市场运行股")),
    ("文化旅游广电体育局", "县文旅广体局", ("办公室", "文化艺术股", "旅游股")),
    ("统计局", "县统计局", ("办公室", "综合股", "农村股")),
    ("退役军人事务局", "县退役军人事务局", ("办公室", "优抚股", "就业创业股")),
    ("医疗保障局", "县医保局", ("办公室", "待遇保障股", "基金监管股")),
    ("林业局", "县林业局", ("办公室", "资源管理股", "森林防火股")),
    ("科技和工业信息化局", "县科工信局", ("办公室", "工业股", "科技股")),
    ("信访局", "县信访局", ("办公室", "接访股", "督查股")),
    ("数据局", "县数据局", ("办公室", "数据资源股", "政务服务股")),
    ("公安局", "县公安局", ("政治处", "指挥中心", "治安大队", "刑侦大队")),
    ("生态环境分局", "县生态环境分局", ("办公室", "监测站", "执法大队")),
    ("城市管理局", "县城管局", ("办公室", "市容股", "执法大队")),
    ("粮食和物资储备局", "县粮食局", ("办公室", "储备股")),
)
_INSTITUTIONS = (
    ("融媒体中心", "县融媒体中心", ("办公室", "新闻部", "新媒体部"), "主任"),
    ("人民医院", "县人民医院", ("院办公室", "医务科", "护理部"), "院长"),
    ("中医医院", "县中医院", ("院办公室", "医务科"), "院长"),
    ("第一中学", "县一中", ("校办公室", "教务处", "政教处"), "校长"),
    ("疾病预防控制中心", "县疾控中心", ("办公室", "防疫科"), "主任"),
    ("公共资源交易中心", "县公共资源交易中心", ("办公室", "交易服务科"), "主任"),
    ("不动产登记中心", "县不动产登记中心", ("办公室", "登记科"), "主任"),
    ("政务服务中心", "县政务服务中心", ("办公室", "综合窗口科"), "主任"),
    ("档案馆", "县档案馆", ("办公室", "档案管理科"), "馆长"),
    ("职业中等专业学校", "县职业中专", ("校办公室", "教务处"), "校长"),
    ("农业技术推广中心", "县农技中心", ("办公室", "推广科"), "主任"),
    ("社会保险服务中心", "县社保中心", ("办公室", "待遇科"), "主任"),
    ("住房公积金管理部", "县公积金管理部", ("办公室", "归集科"), "主任"),
    ("实验中学", "县实验中学", ("校办公室", "教务处"), "校长"),
    ("妇幼保健院", "县妇幼保健院", ("院办公室", "保健科"), "院长"),
    ("城乡规划设计院", "县规划设计院", ("办公室", "设计所"), "院长"),
)
_ENTERPRISES = (
    ("城市建设投资集团有限公司", "县城投集团"),
    ("国有资产投资经营有限公司", "县国投公司"),
    ("交通建设投资有限公司", "县交投公司"),
    ("水务集团有限公司", "县水务集团"),
    ("农业发展投资有限公司", "县农投公司"),
    ("文化旅游发展集团有限公司", "县文旅集团"),
)
_MASS = (
    ("总工会", "县总工会", "主席"),
    ("共青团{c}县委员会", "团县委", "书记"),
    ("妇女联合会", "县妇联", "主席"),
    ("工商业联合会", "县工商联", "主席"),
    ("科学技术协会", "县科协", "主席"),
    ("残疾人联合会", "县残联", "理事长"),
)
_PARTY_DEPTS = (
    # (name, short name, head post and level, first deputy, deputy, sections)
    ("中共{c}县委办公室", "县委办", ("县委办公室常务副主任", 3), "县委办公室副主任", "县委办公室副主任",
     ("秘书科", "综合科", "督查室", "信息科")),
    ("中共{c}县委组织部", "县委组织部", ("县委常委、组织部部长", 4), "县委组织部常务副部长",
     "县委组织部副部长",
     ("办公室", "干部一科", "干部二科", "组织科", "干部监督科", "人才工作科", "公务员管理科")),
    ("中共{c}县委宣传部", "县委宣传部", ("县委常委、宣传部部长", 4), "县委宣传部常务副部长",
     "县委宣传部副部长",
     ("办公室", "理论教育科", "新闻科", "文明办")),
    ("中共{c}县委统战部", "县委统战部", ("县委常委、统战部部长", 4), "县委统战部常务副部长",
     "县委统战部副部长",
     ("办公室", "党派科", "民族宗教科")),
    ("中共{c}县委政法委员会", "县委政法委", ("县委常委、政法委书记", 4), "县委政法委常务副书记",
     "县委政法委副书记", ("办公室", "维稳科", "综治科")),
    ("中共{c}县纪律检查委员会", "县纪委监委", ("县委常委、县纪委书记、县监委主任", 4),
     "县纪委副书记、县监委副主任", "县纪委常委、县监委委员",
     ("办公室", "党风政风监督室", "第一纪检监察室", "第二纪检监察室", "案件审理室")),
    ("中共{c}县委机构编制委员会办公室", "县委编办", ("县委编办主任", 3), "县委编办副主任", "县委编办副主任",
     ("综合科", "机构编制科")),
    ("中共{c}县委党校", "县委党校", ("县委党校常务副校长", 3), "县委党校副校长", "县委党校副校长",
     ("办公室", "教务科", "理论研究室")),
    ("中共{c}县委巡察工作领导小组办公室", "县委巡察办", ("县委巡察办主任", 3), "县委巡察办副主任",
     "县委巡察办副主任", ("综合科", "巡察组")),
    ("中共{c}县委社会工作部", "县委社会工作部", ("县委社会工作部部长", 3), "县委社会工作部副部长",
     "县委社会工作部副部长", ("办公室", "基层治理科")),
)  # fmt: skip


@dataclass(frozen=True)
class Post:
    level: int  # 5 正处 … 0 general staff
    text: str  # the post as the form writes it, unit prefix included


@dataclass
class UnitSpec:
    index: int
    name: str
    short_name: str
    kind: str
    profile: str  # top / party / bureau / town / street / institution / enterprise / mass / people
    parent: int | None
    weight: float  # share of the county's cadres
    leading: list[Post] = field(default_factory=list)
    sections: tuple[str, ...] = ()
    chief_title: str = "股长"


@dataclass
class County:
    name: str  # 永宁县
    stem: str  # 永宁
    province: str  # 湖南省
    province_short: str  # 湖南
    region_code: str  # the six digits of ID numbers issued here
    units: list[UnitSpec]
    towns: list[str]  # 白沙镇 …


def _scale(cadres: int) -> float:
    """0 for a small county record (≤ 30 cadres) … 1 for 10,000 cadres and more."""
    return min(1.0, max(0.0, (math.log10(max(cadres, 1)) - 1.5) / 2.5))


def build_county(rng: random.Random, cadres: int) -> County:
    stem = rng.choice(COUNTIES)
    province, province_short = rng.choice(PROVINCES)
    c = stem + "县"
    f = _scale(cadres)
    units: list[UnitSpec] = []

    def add(name: str, short: str, kind: str, profile: str, parent: int | None, weight: float) -> UnitSpec:
        spec = UnitSpec(len(units), name, short, kind, profile, parent, weight)
        units.append(spec)
        return spec

    committee = add(f"中共{c}委员会", "县委", "党委", "top", None, 0)
    committee.leading = [Post(5, "县委书记"), Post(4, "县委副书记"), Post(4, "县委常委、县委办公室主任")]
    government = add(f"{c}人民政府", "县政府", "政府", "top", None, 0)
    government.leading = [Post(5, "县委副书记、县长"), Post(4, "县委常委、常务副县长")] + [
        Post(4, "副县长") for _ in range(4)
    ]
    congress = add(f"{c}人民代表大会常务委员会", "县人大常委会", "人大", "top", None, 0)
    congress.leading = [Post(5, "县人大常委会主任")] + [Post(4, "县人大常委会副主任") for _ in range(3)]
    cppcc = add(f"中国人民政治协商会议{c}委员会", "县政协", "政协", "top", None, 0)
    cppcc.leading = [Post(5, "县政协主席")] + [Post(4, "县政协副主席") for _ in range(3)]

    for name, short, (head, level), first, deputy, sections in _PARTY_DEPTS[: 6 + round(4 * f)]:
        u = add(name.format(c=c), short, "部门", "party", committee.index, 1.6)
        u.leading = [Post(level, head), Post(3 if level == 4 else 2, first)]
        u.leading += [Post(2, deputy) for _ in range(2 + rng.randint(0, 1))]
        u.sections, u.chief_title = sections, "科长"
    office = add(f"{c}人民政府办公室", "县政府办", "部门", "bureau", government.index, 1.4)
    office.leading = [Post(3, "县政府办公室主任")] + [Post(2, "县政府办公室副主任") for _ in range(3)]
    office.sections, office.chief_title = ("秘书股", "综合股", "督查室", "金融工作股"), "股长"
    for name, short, sections in _BUREAUS[: 16 + round(12 * f)]:
        u = add(f"{c}{name}", short, "部门", "bureau", government.index, 1.5)
        u.leading = [Post(3, f"{short}党组书记、局长")] + [
            Post(2, f"{short}党组成员、副局长" if i < 2 else f"{short}副局长")
            for i in range(2 + rng.randint(0, 2))
        ]
        u.sections = sections
    for name, short, head in _MASS[: 4 + round(2 * f)]:
        u = add(name.format(c=stem) if "{c}" in name else f"{c}{name}", short, "群团组织", "mass", None, 0.5)
        deputy = "副书记" if head == "书记" else ("副理事长" if head == "理事长" else "副主席")
        u.leading = [Post(3, f"{short}{head}")] + [Post(2, f"{short}{deputy}") for _ in range(2)]
        u.sections, u.chief_title = ("办公室", "业务部"), "部长"

    stems = rng.sample(_TOWN_STEMS, 15 + round(10 * f) + 2)
    towns: list[str] = []
    for i, town_stem in enumerate(stems[:-2]):
        is_xiang = i >= 4 and rng.random() < 0.35
        town = town_stem + ("乡" if is_xiang else "镇")
        towns.append(town)
        head = "乡长" if is_xiang else "镇长"
        u = add(f"{c}{town}", town, "乡镇", "town", None, 4.5 if not is_xiang else 3.2)
        u.leading = [
            Post(3, f"{town}党委书记"),
            Post(3, f"{town}党委副书记、{head}"),
            Post(3, f"{town}人大主席"),
            Post(2, f"{town}党委副书记"),
            Post(2, f"{town}党委委员、纪委书记"),
            Post(2, f"{town}党委委员、组织委员"),
            Post(2, f"{town}党委委员、宣传委员"),
            Post(2, f"{town}党委委员、武装部部长"),
            Post(2, f"{town}党委委员、副{head}"),
            Post(2, f"{town}副{head}"),
            Post(2, f"{town}副{head}"),
        ]
        u.sections = (
            "党政综合办公室",
            "党建工作办公室",
            "经济发展办公室",
            "社会事务办公室",
            "综治中心",
            "财政所",
        )
        u.chief_title = "主任"
    for street_stem in stems[-2:][: 1 + round(f)]:
        street = street_stem + "街道"
        u = add(f"{c}{street}", street, "街道", "street", None, 3.5)
        u.leading = [
            Post(3, f"{street}党工委书记"),
            Post(3, f"{street}党工委副书记、办事处主任"),
            Post(2, f"{street}党工委副书记"),
            Post(2, f"{street}党工委委员、纪工委书记"),
            Post(2, f"{street}党工委委员、办事处副主任"),
            Post(2, f"{street}办事处副主任"),
        ]
        u.sections, u.chief_title = ("党政综合办公室", "社区治理办公室", "经济发展办公室"), "主任"
        towns.append(street)

    for name, short, sections, head in _INSTITUTIONS[: 5 + round(11 * f)]:
        u = add(f"{c}{name}", short, "事业单位", "institution", None, 0.9)
        deputy = "副" + head
        u.leading = [Post(3, f"{short}党支部书记、{head}" if rng.random() < 0.5 else f"{short}{head}")]
        u.leading += [Post(2, f"{short}{deputy}") for _ in range(1 + rng.randint(0, 2))]
        u.sections, u.chief_title = sections, "主任"
    for name, short in _ENTERPRISES[: 3 + round(3 * f)]:
        u = add(f"{c}{name}", short, "国有企业", "enterprise", None, 0.8)
        u.leading = [Post(3, f"{short}党委书记、董事长"), Post(3, f"{short}总经理")]
        u.leading += [Post(2, f"{short}副总经理") for _ in range(2)]
        u.sections, u.chief_title = ("综合部", "财务部", "投资发展部", "工程管理部"), "经理"
    region = (
        f"{rng.choice(('43', '36', '42', '34', '51', '41'))}{rng.randint(1, 12):02d}{rng.randint(21, 29):02d}"
    )
    return County(c, stem, province, province_short, region, units, towns)


def allocate(rng: random.Random, county: County, cadres: int) -> list[int]:
    """How many cadres each unit gets: county leaders first, then by weight (largest remainders)."""
    counts = [0] * len(county.units)
    remaining = cadres
    if cadres >= 60:
        for spec in county.units:
            if spec.profile == "top":
                counts[spec.index] = len(spec.leading)
                remaining -= len(spec.leading)
    others = [u for u in county.units if u.profile != "top"]
    jittered = [(u, u.weight * rng.uniform(0.75, 1.25)) for u in others]
    total = sum(w for _u, w in jittered)
    shares = [(u, w / total * remaining) for u, w in jittered]
    for u, share in shares:
        counts[u.index] = int(share)
    left = remaining - sum(int(s) for _u, s in shares)
    by_remainder = sorted(shares, key=lambda pair: pair[1] - int(pair[1]), reverse=True)
    for u, _share in by_remainder[:left]:
        counts[u.index] += 1
    if cadres < 60:  # a tiny record: put at least a leader at the top of the county too
        top = county.units[0]
        if counts[top.index] == 0 and cadres >= 10:
            donor = max(range(len(counts)), key=lambda i: counts[i])
            counts[donor] -= 1
            counts[top.index] += 1
    return counts


@dataclass(frozen=True)
class TeamPostSpec:
    """A post of a unit's 班子: its name (without the unit's prefix), 正职 / 副职, 职数, and the texts of
    the cadres' 现任职务 that hold it."""

    name: str
    chief: bool
    slots: int
    text: str


def team_posts(spec: UnitSpec) -> list[TeamPostSpec]:
    """The 班子 of a unit from its leading posts: the same post twice is one post of 职数 2; a post at the
    head's level (党委书记, 镇长, 人大主席 …) is a 正职, the rest 副职."""
    if not spec.leading:
        return []
    head = spec.leading[0].level
    texts: dict[str, list[Post]] = {}
    for post in spec.leading:
        texts.setdefault(post.text, []).append(post)
    out = []
    for text, posts in texts.items():
        name = text
        if spec.profile != "top" and text.startswith(spec.short_name) and len(text) > len(spec.short_name):
            name = text[len(spec.short_name) :]
        out.append(TeamPostSpec(name, posts[0].level == head, len(posts), text))
    return out


VACANT_HEAD, VACANT_DEPUTY = 0.04, 0.08  # the chance that a leading post is vacant (缺配)


def unit_posts(rng: random.Random, spec: UnitSpec, count: int) -> list[Post]:
    """The posts of `count` cadres in a unit: leaders (a few posts left vacant), section chiefs, then staff.

    A unit with few cadres in the record fills its 班子 first (two fifths of its cadres are leaders), so
    that even a small demo county has real leadership teams.
    """
    if spec.profile == "top":  # the county's leaders: `count` is the size of their 班子
        return spec.leading[:count]
    leading = [
        post
        for index, post in enumerate(spec.leading)
        if rng.random() >= (VACANT_HEAD if index == 0 else VACANT_DEPUTY)
    ]
    small = count * 2 // 5 if count <= 40 else 0
    n_lead = min(len(leading), max(1 if count >= 2 else 0, round(count * 0.16), small))
    lead = leading[:n_lead]
    n_chief = min(len(spec.sections) * 2, round(count * 0.2))
    chiefs: list[Post] = []
    for i in range(n_chief):
        section = spec.sections[i % len(spec.sections)]
        title = spec.chief_title
        if section.endswith(("室", "中心", "部")) and title in ("股长", "科长"):
            title = "主任"
        elif section.endswith(("所", "站")):
            title = "所长" if section.endswith("所") else "站长"
        elif section.endswith("大队"):
            title = "大队长"
        if i >= len(spec.sections):
            title = "副" + title
        chiefs.append(Post(1, f"{spec.short_name}{section}{title}"))
    staff = [
        Post(0, f"{spec.short_name}{rng.choice(spec.sections) if spec.sections else ''}")
        for _ in range(count - len(lead) - len(chiefs))
    ]
    return lead + chiefs + staff
