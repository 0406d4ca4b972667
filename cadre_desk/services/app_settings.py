"""Department-wide settings kept in the database: read them all, change some (audited)."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from sqlalchemy import select

from cadre_desk.db.models import AppSetting
from cadre_desk.services import audit
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.validation import FieldErrors


@dataclass(frozen=True)
class DepartmentSettings:
    department_name: str = ""  # 单位名称, e.g. 中共某某县委组织部: printed on covers and headers
    confidentiality_mark: str = "内部资料 注意保存"  # printed on every page of every PDF
    print_preparer: str = ""  # 制表人 printed on closing pages (blank: the operator)
    print_reviewer: str = ""  # 审核人


_LIMITS = {"department_name": 60, "confidentiality_mark": 30, "print_preparer": 20, "print_reviewer": 20}
_LABELS = {
    "department_name": "单位名称",
    "confidentiality_mark": "密级标识",
    "print_preparer": "制表人",
    "print_reviewer": "审核人",
}


def get_settings(ctx: ServiceContext) -> DepartmentSettings:
    with ctx.db.read() as session:
        stored = {key: value for key, value in session.execute(select(AppSetting.key, AppSetting.value))}
    known = {f.name for f in fields(DepartmentSettings)}
    return replace(DepartmentSettings(), **{k: v for k, v in stored.items() if k in known})


def save_settings(ctx: ServiceContext, new: DepartmentSettings) -> DepartmentSettings:
    errs = FieldErrors()
    values = {
        name: errs.text(name, getattr(new, name), _LABELS[name], required=False, max_len=limit)
        for name, limit in _LIMITS.items()
    }
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
