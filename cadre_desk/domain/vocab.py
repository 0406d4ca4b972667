"""Code lists: the enumerations the users pick from, stored as their Chinese standard names.

The stored value is the exact string the appointment form and the .lrmx files use, so the database,
the printed forms and the files agree; the code refers to members by their English names.
"""

from __future__ import annotations

from enum import StrEnum


class Gender(StrEnum):
    MALE = "男"
    FEMALE = "女"


class AssessmentGrade(StrEnum):
    EXCELLENT = "优秀"
    COMPETENT = "称职"
    BASICALLY_COMPETENT = "基本称职"
    INCOMPETENT = "不称职"
    UNDETERMINED = "不确定等次"


class MentorshipStatus(StrEnum):
    ACTIVE = "进行中"
    COMPLETED = "已结业"
    ABORTED = "中止"


class MentorshipGrade(StrEnum):
    EXCELLENT = "优秀"
    GOOD = "良好"
    PASS = "合格"
    FAIL = "不合格"


class DiaryState(StrEnum):
    DRAFT = "草稿"
    SUBMITTED = "已提交"
    COMMENTED = "已点评"


class TalkKind(StrEnum):
    APPOINTMENT = "任职谈话"
    TRANSFER = "交流谈话"
    YOUTH_CLASS = "青干班谈话"
    REMINDER = "提醒谈话"
    ADMONITION = "诫勉谈话"
    INSPECTION = "考察谈话"
    ROUTINE = "日常谈心"


class RewardKind(StrEnum):
    REWARD = "奖励"
    PUNISHMENT = "惩处"


DIARY_CATEGORIES = ("学习", "工作", "思想", "调研", "其他")
MENTORSHIP_RECORD_FORMS = ("谈心", "带教", "现场指导", "交办任务", "集中学习", "其他")
# 培训类别 (issue 13): 调训, 党校主体班, 青干班, 专题班, 网络学习, 以会代训, 现场观摩, 外出考察 …; the older
# names 网络培训 and 外出考察学习 stay readable (domain.training_compliance counts 网络培训 as online).
TRAINING_KINDS = (
    "调训", "党校主体班", "青干班", "专题班", "网络学习", "以会代训", "现场观摩", "外出考察", "其他",
)  # fmt: skip
SECONDMENT_KINDS = ("上挂", "下派", "外派", "交流任职", "驻村", "其他")


class UnitKind(StrEnum):
    """单位类别: what the structure analysis groups units by (all 乡镇, all 部门 …)."""

    PARTY_COMMITTEE = "党委"
    CONGRESS = "人大"
    GOVERNMENT = "政府"
    CPPCC = "政协"
    TOWNSHIP = "乡镇"
    SUBDISTRICT = "街道"
    DEPARTMENT = "部门"
    INSTITUTION = "事业单位"
    STATE_ENTERPRISE = "国有企业"
    MASS_ORGANISATION = "群团组织"
    OTHER = "其他"


UNIT_KINDS = tuple(UnitKind)


class PostLevel(StrEnum):
    """正职 / 副职 of a post in a leadership team (班子)."""

    CHIEF = "正职"
    DEPUTY = "副职"


POLITICAL_STATUSES = (
    "中共党员",
    "中共预备党员",
    "共青团员",
    "民革会员",
    "民盟盟员",
    "民建会员",
    "民进会员",
    "农工党党员",
    "致公党党员",
    "九三学社社员",
    "台盟盟员",
    "无党派人士",
    "群众",
)
DEMOCRATIC_PARTIES = ("民革", "民盟", "民建", "民进", "农工党", "致公党", "九三学社", "台盟")
HEALTH_STATES = ("健康", "良好", "一般", "较差", "有慢性病", "残疾")
RANKS = (
    "试用期",
    "科员",
    "四级主任科员",
    "三级主任科员",
    "二级主任科员",
    "一级主任科员",
    "副科级",
    "四级调研员",
    "正科级",
    "三级调研员",
    "副处级",
    "二级调研员",
    "正处级",
    "一级科员",
    "二级科员",
)
EDUCATIONS = (
    "研究生",
    "大学",
    "大专",
    "中专",
    "高中",
    "中央党校研究生",
    "省委党校研究生",
    "中央党校大学",
    "省委党校大学",
    "省委党校大专",
)
# GB/T 6864 degrees: the academic ones per discipline, and the usual professional master's degrees.
_DISCIPLINES = (
    "哲学",
    "经济学",
    "法学",
    "教育学",
    "文学",
    "历史学",
    "理学",
    "工学",
    "农学",
    "医学",
    "军事学",
    "管理学",
    "艺术学",
)
DEGREES = (
    "博士",
    "硕士",
    "学士",
    *(f"{d}{level}" for level in ("学士", "硕士", "博士") for d in _DISCIPLINES),
    "公共管理硕士",
    "工商管理硕士",
    "法律硕士",
    "教育硕士",
    "工程硕士",
    "农业推广硕士",
    "社会工作硕士",
    "会计硕士",
    "金融硕士",
    "临床医学硕士",
    "公共卫生硕士",
    "翻译硕士",
    "新闻与传播硕士",
    "名誉博士",
)
RELATIONS = (
    "配偶",
    "丈夫",
    "妻子",
    "儿子",
    "女儿",
    "父亲",
    "母亲",
    "岳父",
    "岳母",
    "公公",
    "婆婆",
    "哥哥",
    "姐姐",
    "弟弟",
    "妹妹",
)

ETHNICITIES = (
    "汉族",
    "蒙古族",
    "回族",
    "藏族",
    "维吾尔族",
    "苗族",
    "彝族",
    "壮族",
    "布依族",
    "朝鲜族",
    "满族",
    "侗族",
    "瑶族",
    "白族",
    "土家族",
    "哈尼族",
    "哈萨克族",
    "傣族",
    "黎族",
    "傈僳族",
    "佤族",
    "畲族",
    "高山族",
    "拉祜族",
    "水族",
    "东乡族",
    "纳西族",
    "景颇族",
    "柯尔克孜族",
    "土族",
    "达斡尔族",
    "仫佬族",
    "羌族",
    "布朗族",
    "撒拉族",
    "毛南族",
    "仡佬族",
    "锡伯族",
    "阿昌族",
    "普米族",
    "塔吉克族",
    "怒族",
    "乌孜别克族",
    "俄罗斯族",
    "鄂温克族",
    "德昂族",
    "保安族",
    "裕固族",
    "京族",
    "塔塔尔族",
    "独龙族",
    "鄂伦春族",
    "赫哲族",
    "门巴族",
    "珞巴族",
    "基诺族",
)


# --- every spelling in use → the one stored value -------------------------------------------------

# Captions of the official 任免表编辑器, the full GB/T 4762 names and the short forms staff write.
_POLITICAL_ALIASES = {
    "党员": "中共党员",
    "共产党员": "中共党员",
    "中国共产党党员": "中共党员",
    "中共": "中共党员",
    "预备党员": "中共预备党员",
    "中国共产党预备党员": "中共预备党员",
    "中共预备": "中共预备党员",
    "团员": "共青团员",
    "共青团": "共青团员",
    "中国共产主义青年团团员": "共青团员",
    "民革": "民革会员",
    "民革党员": "民革会员",
    "中国国民党革命委员会会员": "民革会员",
    "民盟": "民盟盟员",
    "民盟会员": "民盟盟员",
    "中国民主同盟盟员": "民盟盟员",
    "民建": "民建会员",
    "中国民主建国会会员": "民建会员",
    "民进": "民进会员",
    "中国民主促进会会员": "民进会员",
    "农工": "农工党党员",
    "农工党": "农工党党员",
    "中国农工民主党党员": "农工党党员",
    "致公": "致公党党员",
    "致公党": "致公党党员",
    "中国致公党党员": "致公党党员",
    "九三": "九三学社社员",
    "九三学社": "九三学社社员",
    "台盟": "台盟盟员",
    "台湾民主自治同盟盟员": "台盟盟员",
    "无党派": "无党派人士",
    "无党派民主人士": "无党派人士",
    "普通群众": "群众",
}
_PARTY_ALIASES = {
    "中国国民党革命委员会": "民革",
    "中国民主同盟": "民盟",
    "中国民主建国会": "民建",
    "中国民主促进会": "民进",
    "中国农工民主党": "农工党",
    "农工": "农工党",
    "中国致公党": "致公党",
    "致公": "致公党",
    "九三": "九三学社",
    "台湾民主自治同盟": "台盟",
}
_EDUCATION_ALIASES = {
    "大学本科": "大学",
    "本科": "大学",
    "大本": "大学",
    "硕士研究生": "研究生",
    "博士研究生": "研究生",
    "研究生毕业": "研究生",
    "大学专科": "大专",
    "专科": "大专",
    "中等专科": "中专",
    "中等专业学校": "中专",
    "普通高中": "高中",
    "中央党校本科": "中央党校大学",
    "省委党校本科": "省委党校大学",
    "省委党校专科": "省委党校大专",
    "省级党校研究生": "省委党校研究生",
    "省级党校大学": "省委党校大学",
    "省级党校本科": "省委党校大学",
    "省级党校大专": "省委党校大专",
}
_HEALTH_ALIASES = {
    "身体健康": "健康",
    "健康或良好": "健康",
    "好": "健康",
    "较好": "良好",
    "一般或较弱": "一般",
    "较弱": "较差",
    "差": "较差",
}
_RANK_ALIASES = {
    "副科": "副科级",
    "正科": "正科级",
    "副处": "副处级",
    "正处": "正处级",
    "试用期人员": "试用期",
}
_GENDER_ALIASES = {"男性": "男", "女性": "女", "M": "男", "F": "女", "1": "男", "2": "女"}

# list name → (the code list, its aliases, a suffix some writers add)
_CODE_LISTS: dict[str, tuple[tuple[str, ...], dict[str, str], str]] = {
    "gender": (tuple(Gender), _GENDER_ALIASES, ""),
    "political_status": (POLITICAL_STATUSES, _POLITICAL_ALIASES, ""),
    "democratic_party": (DEMOCRATIC_PARTIES, _PARTY_ALIASES, ""),
    "ethnicity": (ETHNICITIES, {}, ""),
    "education": (EDUCATIONS, _EDUCATION_ALIASES, "学历"),
    "degree": (DEGREES, {}, "学位"),
    "health": (HEALTH_STATES, _HEALTH_ALIASES, ""),
    "rank": (RANKS, _RANK_ALIASES, ""),
    "relation": (RELATIONS, {}, ""),
}
CODE_LIST_NAMES = tuple(_CODE_LISTS)


def code_list(list_name: str) -> tuple[str, ...]:
    """The canonical values of a code list (`political_status`, `ethnicity`, `education`, …)."""
    return _CODE_LISTS[list_name][0]


def normalise_code(list_name: str, text: str) -> str:
    """One canonical stored value for a code written in any spelling in use; unknown text comes back
    stripped but otherwise as written (the caller decides whether that is an error or a 待核实 warning).

    `list_name` is one of `CODE_LIST_NAMES`: gender, political_status (`民盟`, `九三`,
    `中国民主同盟盟员` → `民盟盟员`), democratic_party, ethnicity (`汉` → `汉族`), education
    (`大学本科` → `大学`), degree (`法学学士学位` → `法学学士`), health, rank (`正科` → `正科级`), relation.
    Used by every way data comes in: the profile editor, .lrmx/.lrm, Excel rosters and packages.
    """
    values, aliases, suffix = _CODE_LISTS[list_name]
    cleaned = "".join(text.split())  # 中共 党员, full-width or stray spaces
    cleaned = cleaned.replace("（", "(").replace("）", ")")
    if not cleaned or cleaned in values:
        return cleaned if cleaned else ""
    if cleaned.upper() in aliases:
        return aliases[cleaned.upper()]
    if cleaned in aliases:
        return aliases[cleaned]
    if suffix and cleaned.endswith(suffix) and len(cleaned) > len(suffix):
        return normalise_code(list_name, cleaned[: -len(suffix)])
    if list_name == "ethnicity" and f"{cleaned}族" in values:
        return f"{cleaned}族"
    return text.strip()
