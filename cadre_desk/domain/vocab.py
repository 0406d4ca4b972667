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
GUIDANCE_FORMS = ("谈心", "带教", "现场指导", "交办任务", "集中学习", "其他")
TRAINING_KINDS = ("党校主体班", "专题班", "以会代训", "现场观摩", "网络培训", "外出考察学习", "其他")
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
HEALTH_STATES = ("健康", "良好", "一般", "较差")
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
DEGREES = ("博士", "硕士", "学士", "管理学硕士", "法学学士", "工学学士", "经济学学士", "公共管理硕士")
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
