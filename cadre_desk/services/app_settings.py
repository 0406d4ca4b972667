"""Department-wide settings kept in the database: read them all, change some (audited)."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from sqlalchemy import select

from cadre_desk.db.models import AppSetting
from cadre_desk.errors import Message
from cadre_desk.services import access, audit
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.validation import FieldErrors


@dataclass(frozen=True)
class DepartmentSettings:
    department_name: str = ""  # 单位名称, e.g. 中共某某县委组织部: printed on covers and headers
    confidentiality_mark: str = "内部资料 注意保存"  # printed on every page of every PDF
    print_preparer: str = ""  # 制表人 printed on closing pages (blank: the operator)
    print_reviewer: str = ""  # 审核人
    # Print offsets of the 干部任免审批表, millimetres (+ moves down / right), for a printer or duplexing.
    form_offset_top: float = 0.0  # 上边距
    form_offset_front_left: float = 0.0  # 正面页左边距
    form_offset_back_left: float = 0.0  # 背面页左边距
    # The window locks after this many minutes without input (signed-in databases; 0: never).
    idle_lock_minutes: int = 15


OFFSET_LIMIT = 30.0  # mm either way
IDLE_LIMIT = 240  # minutes
_OFFSETS = {
    "form_offset_top": "上边距",
    "form_offset_front_left": "正面页左边距",
    "form_offset_back_left": "背面页左边距",
}
_LIMITS = {"department_name": 60, "confidentiality_mark": 30, "print_preparer": 20, "print_reviewer": 20}
_LABELS = {
    "department_name": "单位名称",
    "confidentiality_mark": "密级标识",
    "print_preparer": "制表人",
    "print_reviewer": "审核人",
}


def get_settings(ctx: ServiceContext) -> DepartmentSettings:
    access.require(ctx, Permission.SIGNED_IN)
    with ctx.db.read() as session:
        stored = {key: value for key, value in session.execute(select(AppSetting.key, AppSetting.value))}
    known = {f.name for f in fields(DepartmentSettings)}
    values: dict[str, Any] = {k: v for k, v in stored.items() if k in known}
    for name in _OFFSETS:
        if name in values:
            try:
                values[name] = float(str(values[name]))
            except ValueError:
                values[name] = 0.0
    if "idle_lock_minutes" in values:
        try:
            values["idle_lock_minutes"] = int(str(values["idle_lock_minutes"]))
        except ValueError:
            del values["idle_lock_minutes"]
    return replace(DepartmentSettings(), **values)


def _offset(errs: FieldErrors, name: str, value: object) -> float:
    try:
        number = round(float(str(value).strip() or 0), 1)
    except ValueError:
        errs.add(name, f"{_OFFSETS[name]}“{value}”不是数字（毫米）")
        return 0.0
    if abs(number) > OFFSET_LIMIT:
        errs.add(name, f"{_OFFSETS[name]}应在 ±{OFFSET_LIMIT:g} 毫米以内（现为 {number:g}）")
    return number


def save_settings(ctx: ServiceContext, new: DepartmentSettings) -> DepartmentSettings:
    access.require(ctx, Permission.SETTINGS)
    errs = FieldErrors()
    values: dict[str, object] = {
        name: errs.text(name, getattr(new, name), _LABELS[name], required=False, max_len=limit)
        for name, limit in _LIMITS.items()
    }
    for name in _OFFSETS:
        values[name] = _offset(errs, name, getattr(new, name))
    try:
        idle = int(str(new.idle_lock_minutes).strip())
    except ValueError:
        idle = -1
    if not 0 <= idle <= IDLE_LIMIT:
        errs.add(
            "idle_lock_minutes",
            Message("idle_minutes", "空闲锁定时间应为 0–{max} 分钟（0 为不锁定）", max=IDLE_LIMIT),
        )
    values["idle_lock_minutes"] = idle
    errs.raise_if_any()
    old = get_settings(ctx)
    with ctx.db.uow() as session:
        rows = {row.key: row for row in session.scalars(select(AppSetting))}
        changes: dict[str, list[object]] = {}
        for name, value in values.items():
            before = getattr(old, name)
            if value == before:
                continue
            changes[name] = [before, value]
            if name in rows:
                rows[name].value = str(value)
            else:
                session.add(AppSetting(key=name, value=str(value)))
        if changes:
            audit.record(session, ctx, "update", "app_setting", changes=changes, summary="修改单位设置")
    return get_settings(ctx)
