"""Service messages in the language of the window.

Services write their messages for the user in Chinese (the CLI prints them as they are). Those built
as `errors.Message` carry a stable key and their parameters: an English window says them in English
with the templates below (field labels included); a message without a known key stays as written.
"""

from __future__ import annotations

from cadre_desk.errors import Message
from cadre_desk.ui.shell import i18n
from cadre_desk.ui.widgets.codes import code_text

TEMPLATES: dict[str, str] = {
    # units and 班子
    "unit_name_taken": "There is already a unit named “{name}”",
    "unit_parent_missing": "The parent unit (number {id}) does not exist",
    "unit_parent_archived": "The parent unit “{name}” is archived",
    "unit_parent_self": "A unit cannot be its own parent",
    "unit_parent_cycle": "A unit cannot move under its own sub-unit “{name}”",
    "unit_archived": "The unit “{name}” is archived: restore it first",
    "unit_has_children": "“{name}” still has sub-units ({count}): move or archive them first",
    "unit_has_cadres": (
        "“{name}” still has cadres on the roster ({count}): move them to other units, or merge this unit "
        "into another"
    ),
    "unit_merge_self": "A unit cannot be merged into itself",
    "unit_unknown": (
        "There is no unit named “{name}”: choose one from the list, or create it on the Units page"
    ),
    "team_over_slots": "{unit}“{post}”: {slots} approved, {held} held, {over} over the approved number",
    "team_slots_not_int": "The number of posts must be a whole number (it is “{value}”)",
    "team_slots_min": "The number of posts is at least 1",
    "team_slots_max": "The number of posts cannot exceed {max}",
    "team_post_taken": "This unit's team already has a post “{name}”",
    "team_post_held": "“{post}” is held ({names}): record the holders leaving first",
    "team_post_removed": "The post “{post}” has been removed",
    "team_cadre_missing": "The cadre (number {id}) does not exist",
    "team_cadre_archived": "The cadre “{name}” is archived",
    "team_since_before_birth": "The date of appointment is before the month of birth",
    "team_already_holds": "“{name}” already holds “{post}”",
    "team_until_before_since": "The date of leaving ({until}) is before the date of appointment ({since})",
    "required": "Please fill in {label}",
    "choose": "Please choose {label}",
    "too_long": "{label} may have at most {max_len} characters (it has {length})",
    "not_a_choice": "{label} “{value}” is not one of the choices",
    "bad_date": "{label}: {problem}",
    "future_month": "{label} ({value}) cannot be later than this month",
    "future_date": "{label} ({value}) cannot be later than today",
    "diary_before_pairing": (
        "The date ({date}) is before the pairing with mentor {mentor} ({start} – {end}) starts: "
        "change the date, or confirm that the entry belongs to this pairing"
    ),
    "diary_after_pairing": (
        "The date ({date}) is after the pairing with mentor {mentor} ({start} – {end}) ended: "
        "change the date, or confirm that the entry belongs to this pairing"
    ),
    "diary_no_pairing": (
        "{name} has no mentorship pairing, so the entry cannot go to a mentor (keep it as a draft)"
    ),
    "diary_commented_no_withdraw": "An entry the mentor has commented on cannot be withdrawn",
    "comment_only_mentor": "Only the mentor of this entry's pairing ({mentor}) may comment on it",
    "comment_on_draft": "A draft has not been submitted: the mentor cannot comment on it yet",
    "comment_no_pairing": "This entry was written outside any pairing, so no mentor can comment on it",
    "form_too_long": (
        "The appointment form of {cadre} was not printed: {fields} do not fit even at the smallest size "
        "(5.5 pt). The form is one sheet, front and back: please shorten them, then print again."
    ),
    # accounts and permissions (services/accounts.py, services/access.py)
    "login_wrong": "Wrong user name or password",
    "login_locked": "Too many wrong passwords: the account is locked, try again in {minutes} minutes",
    "login_disabled": "The account “{name}” has been disabled by an administrator",
    "login_required": "This database has accounts: please sign in",
    "password_change_required": "An administrator has reset your password: change it first",
    "permission_denied": "The account “{name}” ({roles}) may not do this: {action}",
    "permission_not_own": "{who} may only see his own pairings and mentees: {what}",
    "password_short": "The password needs at least {min} characters",
    "password_has_name": "The password may not be or contain the user name",
    "password_classes": "The password needs three of: upper case, lower case, digits, symbols",
    "password_same": "The new password is the same as the old one",
    "password_old_wrong": "The current password is wrong",
    "roles_separated": "Separation of duties: one account may not be both {roles}",
    "roles_required": "Choose at least one role",
    "mentor_needs_cadre": "A mentor account needs the mentor's own cadre number",
    "last_admin": "At least one enabled system administrator must remain",
    "account_name_taken": "There is already an account “{name}”",
    "account_name_case": (
        "There is already an account “{other}”: account names do not depend on case, "
        "so “{name}” cannot be added"
    ),
    "display_name_taken": (
        "The display name “{display}” is the account “{other}”'s: the audit trail tells people apart by it, "
        "please choose another"
    ),
    "account_lock_self": "You cannot disable your own account",
    "idle_minutes": "The idle lock is 0–{max} minutes (0: never)",
}

LABELS: dict[str, str] = {
    "个人总结": "the mentee's summary",
    "拟任职务": "the proposed post",
    "拟免职务": "the post to be removed",
    "任免理由": "the reason",
    "呈报单位": "the reporting unit",
    "填表人": "who filled in the form",
    "填表时间": "the date the form was filled in",
    "计算年龄时间": "the date ages are counted at",
    "中止原因": "the reason for ending early",
    "主办单位": "the organiser",
    "任现职时间": "the date of the current post",
    "任职时间": "the date of appointment",
    "入党时间": "the date of joining the Party",
    "出生年月": "the month of birth",
    "单位名称": "the unit's name",
    "单位简称": "the unit's short name",
    "单位类别": "the unit's kind",
    "参加工作时间": "the date of starting work",
    "后续事项": "the follow-up action",
    "培训名称": "the training's name",
    "培训类别": "the kind of training",
    "备注": "the remarks",
    "奖惩内容": "the reward or punishment",
    "奖惩时间": "the date of the reward or punishment",
    "奖惩类别": "reward or punishment",
    "姓名": "the name",
    "完成日期": "the date done",
    "完成时限": "the due date",
    "导师评价": "the mentor's evaluation",
    "工作单位及职务": "the employer and post",
    "帮带期开始日期": "the start of the term",
    "帮带期结束日期": "the end of the term",
    "帮带目标": "the goals",
    "帮带计划": "the plan",
    "开始日期": "the start date",
    "性别": "the gender",
    "截止年月": "the end month",
    "批准机关": "the approving body",
    "挂职单位": "the unit of the secondment",
    "挂职类别": "the kind of secondment",
    "挂职职务": "the post held on secondment",
    "指导内容": "what was guided",
    "指导形式": "the form of guidance",
    "指导日期": "the date of guidance",
    "政治面貌": "the political status",
    "日记日期": "the entry's date",
    "本人表态": "the cadre's own statement",
    "标题": "a title",
    "正副职": "head or deputy",
    "正文": "the text",
    "民族": "the ethnicity",
    "点评内容": "the comment",
    "点评日期": "the date of the comment",
    "离任时间": "the date of leaving",
    "称谓": "the relation",
    "简历内容": "the career line",
    "类别": "a category",
    "结束日期": "the end date",
    "考核等次": "the assessment grade",
    "考核结果": "the assessment result",
    "职位名称": "the post's name",
    "记录人": "the recorder",
    "评价等次": "the evaluation grade",
    "谈话人": "the talkers",
    "谈话内容": "what was said",
    "谈话地点": "the place",
    "谈话提纲": "the outline",
    "谈话类型": "the kind of talk",
    "责任人": "the owner",
    "起始年月": "the start month",
}


def user_text(message: str) -> str:
    """`message` as the window's user should read it (unchanged in the Chinese window)."""
    if i18n.current_language() != i18n.ENGLISH or not isinstance(message, Message):
        return message
    template = TEMPLATES.get(message.key)
    if template is None:
        return message
    params = {
        name: (LABELS.get(value, value) if name == "label" else code_text(value))
        if isinstance(value, str)
        else value
        for name, value in message.params.items()
    }
    text = template.format(**params)
    return text[:1].upper() + text[1:]


def joined(messages: dict[str, str]) -> str:
    """All the messages of a validation error, in the window's language, one per line."""
    return "\n".join(user_text(m) for m in messages.values())
