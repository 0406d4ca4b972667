"""Suggested outlines (谈话提纲) for each kind of talk, pre-filled in the editor and freely editable.

Official record text, so Chinese in every UI language (as on the printed 谈话记录表).
"""

from __future__ import annotations

from cadre_desk.domain.vocab import TalkKind

OUTLINES: dict[str, str] = {
    TalkKind.APPOINTMENT: (
        "一、宣布组织任职决定，说明任用考虑和新岗位的职责要求；\n"
        "二、肯定以往工作成绩，指出存在的不足和需要改进的方面；\n"
        "三、提出任职要求：加强政治理论学习，尽快熟悉情况、进入角色，团结班子成员；\n"
        "四、强调廉洁自律，严守政治纪律和政治规矩，落实党风廉政建设“一岗双责”；\n"
        "五、听取本人对组织安排的态度和履职打算。"
    ),
    TalkKind.TRANSFER: (
        "一、说明交流任职的组织意图和新岗位的基本情况；\n"
        "二、了解本人思想动态、家庭实际困难和需要组织帮助解决的问题；\n"
        "三、提出要求：做好工作交接，尽快融入新单位、适应新环境；\n"
        "四、强调遵守交流纪律，不得借交流之机突击提拔、突击花钱；\n"
        "五、听取本人表态。"
    ),
    TalkKind.YOUTH_CLASS: (
        "一、介绍青年干部培训班的培训目的、课程安排和纪律要求；\n"
        "二、了解本人成长经历、岗位表现和培训期望；\n"
        "三、帮助分析自身长处和短板，明确培训期间的学习重点；\n"
        "四、提出要求：珍惜学习机会，学用结合，撰写学习心得和调研报告；\n"
        "五、听取本人的学习打算和对培训工作的意见建议。"
    ),
    TalkKind.REMINDER: (
        "一、指出反映或发现的苗头性、倾向性问题及有关情况；\n"
        "二、听取本人对有关问题的说明和认识；\n"
        "三、分析问题产生的原因和可能带来的危害；\n"
        "四、提出整改要求和完成时限，防止小问题演变成大问题；\n"
        "五、本人表态，明确整改措施。"
    ),
    TalkKind.ADMONITION: (
        "一、说明诫勉的事实依据和诫勉决定；\n"
        "二、指出问题的性质和危害，严肃批评教育；\n"
        "三、听取本人对问题的认识和说明；\n"
        "四、提出限期整改要求，告知诫勉对本人考核、选拔任用等方面的影响；\n"
        "五、本人表态并作出书面整改承诺。"
    ),
    TalkKind.INSPECTION: (
        "一、说明考察对象、考察目的和谈话要求，告知对谈话内容保密；\n"
        "二、了解考察对象德、能、勤、绩、廉等方面的现实表现；\n"
        "三、了解考察对象的主要优点、缺点和不足；\n"
        "四、了解考察对象是否存在需要说明的问题或群众反映；\n"
        "五、听取对考察对象使用方向的意见。"
    ),
    TalkKind.ROUTINE: (
        "一、了解近期思想、工作、学习和生活情况；\n"
        "二、听取对单位工作和班子建设的意见建议；\n"
        "三、了解工作和家庭中的实际困难，需要组织帮助解决的问题；\n"
        "四、肯定成绩，指出不足，提出希望和要求；\n"
        "五、交流下一步工作打算。"
    ),
}


def outline_for(kind: str) -> str:
    return OUTLINES.get(kind, "")


def is_suggested(text: str) -> bool:
    """True for an empty outline or one of the suggestions left as it was (safe to replace)."""
    cleaned = text.strip()
    return not cleaned or cleaned in (o.strip() for o in OUTLINES.values())
