"""Code values in the language of the window.

The database, the files and the printed forms keep the official Chinese values (`domain.vocab`);
an English window shows them in English through this mapping, and only here: combo boxes carry the
stored value as item data and show `code_text(value)`. A value without an English name (an imported
spelling, free text) is shown as stored.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QComboBox

from cadre_desk.ui.shell import i18n

ENGLISH_NAMES: dict[str, str] = {
    # Gender
    "男": "Male",
    "女": "Female",
    # MentorshipStatus
    "进行中": "Active",
    "已结业": "Completed",
    "中止": "Ended early",
    # MentorshipGrade / AssessmentGrade
    "优秀": "Excellent",
    "良好": "Good",
    "合格": "Pass",
    "不合格": "Fail",
    "称职": "Competent",
    "基本称职": "Basically competent",
    "不称职": "Incompetent",
    "不确定等次": "Not graded",
    # DiaryState
    "草稿": "Draft",
    "已提交": "Submitted",
    "已点评": "Commented",
    # TalkKind
    "任职谈话": "Appointment talk",
    "交流谈话": "Transfer talk",
    "青干班谈话": "Youth class talk",
    "提醒谈话": "Reminder talk",
    "诫勉谈话": "Admonition talk",
    "考察谈话": "Inspection talk",
    "日常谈心": "Routine talk",
    # RewardKind
    "奖励": "Reward",
    "惩处": "Punishment",
    # DIARY_CATEGORIES
    "学习": "Study",
    "工作": "Work",
    "思想": "Reflection",
    "调研": "Field research",
    "其他": "Other",
    # MENTORSHIP_RECORD_FORMS
    "谈心": "Heart-to-heart talk",
    "带教": "Coaching",
    "现场指导": "On-site guidance",
    "交办任务": "Assigned task",
    "集中学习": "Group study",
    # POLITICAL_STATUSES
    "中共党员": "CPC member",
    "中共预备党员": "CPC probationary member",
    "共青团员": "CYL member",
    "民革会员": "RCCK member",
    "民盟盟员": "CDL member",
    "民建会员": "CNDCA member",
    "民进会员": "CAPD member",
    "农工党党员": "CPWDP member",
    "致公党党员": "CZGP member",
    "九三学社社员": "Jiusan Society member",
    "台盟盟员": "TDSL member",
    "无党派人士": "Non-partisan",
    "群众": "Masses (no affiliation)",
    # DEMOCRATIC_PARTIES
    "民革": "RCCK",
    "民盟": "CDL",
    "民建": "CNDCA",
    "民进": "CAPD",
    "农工党": "CPWDP",
    "致公党": "CZGP",
    "九三学社": "Jiusan Society",
    "台盟": "TDSL",
    # UnitKind ("其他" above)
    "党委": "Party committee",
    "人大": "People's congress",
    "政府": "Government",
    "政协": "CPPCC",
    "乡镇": "Township",
    "街道": "Subdistrict",
    "部门": "Department",
    "事业单位": "Public institution",
    "国有企业": "State-owned enterprise",
    "群团组织": "Mass organisation",
    # PostLevel
    "正职": "Chief",
    "副职": "Deputy",
    # HEALTH_STATES
    "健康": "Healthy",
    "一般": "Fair",
    "较差": "Poor",
    "有慢性病": "Chronic illness",
    "残疾": "Disability",
    # domain.pools: PoolState, ExitReason, Channel, MeasureKind, Flag
    "在库": "In the pool",
    "列为考察对象": "Under inspection",
    "已使用": "Appointed",
    "退出": "Left the pool",
    "超龄": "Over the age cap",
    "考核": "Assessment",
    "处分": "Disciplinary action",
    "本人": "Own request",
    "调出": "Transferred out",
    "推荐": "Recommended",
    "测试": "Tested",
    "考察": "Inspected",
    "组织掌握": "Known to the department",
    "挂职": "Secondment",
    "轮岗": "Job rotation",
    "重点工作抽调": "Key-task assignment",
    "培训": "Training",
    "帮带": "Mentoring",
    "考核低于称职": "Assessment below competent",
    "晴雨表红色": "Red barometer period",
    # domain.tolerance: CaseState, Ruling, Origin
    "登记": "Registered",
    "受理": "Accepted",
    "不予受理": "Not accepted",
    "核实中": "Being verified",
    "已认定": "Ruled",
    "纠错整改中": "Under correction",
    "已归档": "Filed",
    "免予问责": "Exempted from accountability",
    "不予问责": "Not held accountable",
    "从轻": "Lighter handling",
    "减轻": "Reduced handling",
    "不予容错": "Not tolerated",
    "本人申请": "Own application",
    "单位申请": "Unit's application",
    "问责机关一并核查": "Checked by the accountability body",
}


def code_text(value: str) -> str:
    """How the window shows a stored code value: as stored in Chinese, its English name in English."""
    if i18n.current_language() != i18n.ENGLISH:
        return value
    return ENGLISH_NAMES.get(value, value)


def add_codes(combo: QComboBox, values: Iterable[str]) -> None:
    """Items showing `code_text(value)`, each carrying the stored value as its data."""
    for value in values:
        combo.addItem(code_text(value), value)


def current_code(combo: QComboBox) -> str:
    """The stored value of the chosen item (its data; the text of an item without data)."""
    data = combo.currentData()
    return data if isinstance(data, str) else combo.currentText()


def select_code(combo: QComboBox, value: str) -> None:
    index = combo.findData(value)
    if index < 0:
        index = combo.findText(value)
    combo.setCurrentIndex(max(index, 0))
