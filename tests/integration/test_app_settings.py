"""Department-wide settings: defaults, saving, validation, audit."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from cadre_desk.db.models import AuditEvent
from cadre_desk.errors import ValidationError
from cadre_desk.services import app_settings
from cadre_desk.services.context import ServiceContext


def test_defaults_then_saved_values_are_read_back(ctx: ServiceContext) -> None:
    assert app_settings.get_settings(ctx).confidentiality_mark == "内部资料 注意保存"
    saved = app_settings.save_settings(
        ctx,
        app_settings.DepartmentSettings(department_name="中共城关县委组织部", confidentiality_mark="秘密"),
    )
    assert saved.department_name == "中共城关县委组织部"
    assert app_settings.get_settings(ctx).confidentiality_mark == "秘密"
    with ctx.db.read() as session:
        changes = session.scalars(select(AuditEvent.changes).where(AuditEvent.entity == "app_setting")).all()
    assert len(changes) == 1
    assert changes[0]["confidentiality_mark"] == ["内部资料 注意保存", "秘密"]


def test_unchanged_save_records_nothing_and_too_long_is_refused(ctx: ServiceContext) -> None:
    app_settings.save_settings(ctx, app_settings.get_settings(ctx))
    with ctx.db.read() as session:
        assert not session.scalars(select(AuditEvent).where(AuditEvent.entity == "app_setting")).all()
    with pytest.raises(ValidationError) as info:
        app_settings.save_settings(ctx, app_settings.DepartmentSettings(department_name="部" * 61))
    assert "department_name" in info.value.fields
