"""The audit trail in words: one table of what its codes mean, for every view of it — the window's
审计日志, its Excel export and the text of `audit list` (the JSON keeps the codes, scripts read them).

Each action and kind of record has its Chinese word (the trail's exports and printouts are Chinese,
like every document the program writes) and its English one (the window's English UI); an unknown
code reads as itself. Field names of the changes (`backup_second_folder`, `kind` …) read as the
form's words in Chinese.
"""

from __future__ import annotations

import json
from typing import Any

from cadre_desk.services.cadre_rules import LABELS as CADRE_LABELS

# code → (中文, English)
ACTIONS: dict[str, tuple[str, str]] = {
    "create": ("新建", "Created"),
    "update": ("修改", "Changed"),
    "archive": ("已归档", "Archived"),
    "restore": ("恢复", "Restored"),
    "submit": ("提交", "Submitted"),
    "import": ("导入", "Imported"),
    "print": ("打印", "Printed"),
    "export": ("导出", "Exported"),
    "backup": ("备份", "Backed up"),
    "repair": ("修复", "Repaired"),
    "demo": ("演示数据", "Demo data"),
    "move": ("移动", "Moved"),
    "merge": ("合并", "Merged"),
    "absorb": ("并入", "Merged in"),
    "encrypt": ("加密", "Encrypted"),
    "decrypt": ("取消加密", "Decrypted"),
    "rekey": ("修改口令", "Passphrase changed"),
    "login": ("登录", "Signed in"),
    "login_failed": ("登录失败", "Sign-in failed"),
    "lock": ("锁定账号", "Account locked"),
    "unlock": ("解锁账号", "Account unlocked"),
    "password": ("密码", "Password"),
    "idle_lock": ("空闲锁定", "Locked when idle"),
    "lock_window": ("锁定窗口", "Window locked"),
    "denied": ("越权被拒", "Refused"),
    "chain_head_rebuilt": ("审计链头重建", "Chain head rebuilt"),
}

# table name (or the name a service gives its records) → (中文, English)
ENTITIES: dict[str, tuple[str, str]] = {
    "account": ("账号", "Account"),
    "app_setting": ("设置", "Settings"),
    "appointment_case": ("任免审批", "Appointment case"),
    "assessment": ("年度考核", "Annual assessment"),
    "audit_event": ("审计日志", "Audit trail"),
    "barometer_colour": ("晴雨表颜色名称", "Barometer colour names"),
    "barometer_entry": ("晴雨表记录", "Barometer entry"),
    "barometer_period": ("晴雨表期次", "Barometer period"),
    "barometer_rule": ("晴雨表颜色规则", "Barometer colour rules"),
    "cadre": ("干部", "Cadre"),
    "cadre_photo": ("照片", "Photo"),
    "database": ("数据库", "Database"),
    "diary_entry": ("成长日记", "Growth diary"),
    "family_member": ("家庭成员", "Family member"),
    "four_kind": ("四类干部", "Four kinds of cadres"),
    "inspection_report": ("考察材料", "Inspection report"),
    "local_rule": ("到龄与培训规则", "Age and training rules"),
    "mentor_comment": ("导师点评", "Mentor comment"),
    "mentorship": ("结对帮带", "Pairing"),
    "mentorship_record": ("帮带记录", "Mentoring record"),
    "obligation": ("应谈事项", "Owed talk"),
    "obligation_rule": ("三必谈规则", "Talk rules"),
    "package": ("交换包", "Exchange package"),
    "pool_entry": ("入库记录", "Pool entry"),
    "pool_measure": ("培养措施", "Development measure"),
    "pool_review": ("动态调整", "Pool review"),
    "resume_entry": ("简历", "Resume"),
    "reward_or_punishment": ("奖惩情况", "Rewards and punishments"),
    "search_doc": ("搜索索引", "Search index"),
    "secondment": ("挂职", "Secondment"),
    "structure": ("班子结构", "Team structure"),
    "structure_selection": ("选定范围", "Saved selection of units"),
    "structure_target": ("班子结构要求", "Team structure targets"),
    "talent_pool": ("干部库别", "Cadre pool"),
    "talk": ("谈话记录", "Talk record"),
    "talk_follow_up": ("谈话跟进事项", "Talk follow-up"),
    "team_member": ("班子成员", "Team member"),
    "team_post": ("班子职位", "Team post"),
    "tolerance_attachment": ("容错附件", "Fault-tolerance attachment"),
    "tolerance_case": ("容错案件", "Fault-tolerance case"),
    "tolerance_measure": ("容错后续措施", "Fault-tolerance measure"),
    "tolerance_rule": ("容错情形", "Fault-tolerance circumstance"),
    "tolerance_visit": ("容错回访", "Fault-tolerance follow-up visit"),
    "training": ("培训", "Training"),
    "unit": ("单位", "Unit"),
    "verification_problem": ("待核实问题", "Problem to verify"),
}

# a change's field name → the form's word (the cadre's fields come from the form's own table)
FIELDS: dict[str, str] = {
    **CADRE_LABELS,
    # settings
    "department_name": "单位名称",
    "confidentiality_mark": "密级标识",
    "print_preparer": "制表人",
    "print_reviewer": "审核人",
    "idle_lock_minutes": "空闲锁定（分钟）",
    "backup_daily": "保留每日备份数",
    "backup_weekly": "保留每周备份数",
    "backup_monthly": "保留每月备份数",
    "backup_second_folder": "第二备份位置",
    # accounts
    "roles": "角色",
    "display_name": "显示名",
    "locked_until": "锁定至",
    "disabled": "停用",
    "must_change_password": "须修改密码",
    "cadre_id": "本人干部档案",
    # backups, restores, exports
    "kind": "类型",
    "ok": "成功",
    "path": "文件",
    "target": "目标",
    "count": "条数",
    "rows": "行数",
    "copies": "副本",
    "files": "文件校验",
    "removed": "清理的旧备份",
    "problems": "问题",
    "chain_seq": "审计链位置",
    "revision": "数据库版本",
    "filter": "筛选条件",
    "reason": "原因",
    "seed": "随机种子",
    "today": "日期",
    "state": "状态",
    "date": "日期",
    "text": "内容",
    "entry_id": "日记编号",
    "note": "备注",
    "notes": "备注",
    "unit": "单位",
    "unit_id": "单位",
    "id_number": "身份证号",
    "phone": "联系电话",
}

EMPTY = "（空）"
HIDDEN = "〔已隐去〕"  # a value the reader may not see (`audit_mask`)


def action_label(code: str, english: bool = False) -> str:
    """An action code as the user says it (an unknown code as it is)."""
    words = ACTIONS.get(code)
    return code if words is None else words[1 if english else 0]


def entity_label(code: str, english: bool = False) -> str:
    """A kind of record (table name) as the user says it (an unknown one as it is)."""
    words = ENTITIES.get(code)
    return code if words is None else words[1 if english else 0]


def field_label(key: str) -> str:
    return FIELDS.get(key, key)


def who(user: str, display: str) -> str:
    """The account as every view names it: `显示名（账号）`, the account name alone when there is no other
    display name (display names may repeat, account names do not)."""
    if not user:
        return display or "-"
    if not display or display == user:
        return user
    return f"{display}（{user}）"


def value_text(value: Any, english: bool = False) -> str:
    if value is None or value == "":
        return "(empty)" if english else EMPTY
    if value is True:
        return "yes" if english else "是"
    if value is False:
        return "no" if english else "否"
    if value == HIDDEN:
        return "(hidden)" if english else HIDDEN
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def changes_text(changes: dict[str, Any], english: bool = False) -> str:
    """The changes as `字段：旧 → 新；…` (`field: old → new; …` with the codes in English)."""
    parts = []
    for key, value in changes.items():
        label = key if english else field_label(key)
        colon = ": " if english else "："
        if isinstance(value, list) and len(value) == 2:
            old, new = value_text(value[0], english), value_text(value[1], english)
            parts.append(f"{label}{colon}{old} → {new}")
        else:
            parts.append(f"{label}{colon}{value_text(value, english)}")
    return ("; " if english else "；").join(parts)


def _code(text: str, table: dict[str, tuple[str, str]]) -> str | None:
    value = text.strip()
    for code, words in table.items():
        if value == code or value in words or value.lower() == words[1].lower():
            return code
    return None


def action_code(text: str) -> str | None:
    """The action code for `text` — a code (`login`) or its word (`登录`, `Signed in`) — or None."""
    return _code(text, ACTIONS)


def entity_code(text: str) -> str | None:
    """The kind of record (table name) for `text` — a code (`cadre`) or its word (`干部`) — or None."""
    return _code(text, ENTITIES)


def choices(table: dict[str, tuple[str, str]]) -> str:
    """The valid values of a filter as a refusal lists them: `login 登录、…`."""
    return "、".join(f"{code} {words[0]}" for code, words in table.items())
