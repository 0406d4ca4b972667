"""The appointment form's own data (the cadre's current 任免 case): saved and audited, round-tripped
through .lrmx, printed on the form (ages at its 计算年龄时间), and the print offsets of the settings."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from cadre_desk.db.models import AppointmentCase, AuditEvent
from cadre_desk.errors import ConflictError, ValidationError
from cadre_desk.reports import appointment_form, appointment_options
from cadre_desk.services import app_settings, appointment, cadre_records, printing
from cadre_desk.services.context import ServiceContext
from cadre_desk.transfer import forms, importing, lrmx
from tests.conftest import make_cadre
from tests.integration.old_schema import database_at, upgrade_to_head

FIXTURES = Path(__file__).parents[1] / "fixtures" / "lrmx"
CASE = appointment.CaseInput(
    proposed_post="XX县XX镇党委书记",
    proposed_removal="XX县委组织部干部一科科长职务",
    reason="工作需要",
    reporting_unit="中共XX县委组织部",
    filled_by="刘䶮",
    filled_on="2024.04.20",
    age_reference="2024.04.30",
)


def _text(data: bytes) -> str:
    out = subprocess.run(["pdftotext", "-raw", "-", "-"], input=data, check=True, capture_output=True)
    return "".join(out.stdout.decode("utf-8").split())


def _form(ctx: ServiceContext, cadre_id: int) -> str:
    profile = cadre_records.get_profile(ctx, cadre_id)
    options = appointment_options.options_for(
        appointment.get_case(ctx, cadre_id), printing.print_settings(ctx)
    )
    out = io.BytesIO()
    assert appointment_form.build_appointment_form(profile, None, out, options) == 2
    return _text(out.getvalue())


def test_a_new_form_takes_today_and_the_department(ctx: ServiceContext) -> None:
    app_settings.save_settings(ctx, app_settings.DepartmentSettings(department_name="中共城关县委组织部"))
    cadre = make_cadre(ctx, "张三")
    case = appointment.get_case(ctx, cadre.id, today=dt.date(2026, 12, 6))
    assert not case.saved
    assert (case.age_reference, case.filled_on) == (dt.date(2026, 12, 6), dt.date(2026, 12, 6))
    assert case.reporting_unit == "中共城关县委组织部" and case.proposed_post == ""


def test_saved_case_is_printed_and_ages_count_at_its_reference(ctx: ServiceContext) -> None:
    cadre = make_cadre(ctx, "张三", birth="1985.03")
    cadre_records.save_family(
        ctx,
        cadre.id,
        [cadre_records.FamilyMemberInput("妻子", "李丽", "1987.05", "群众", "教师")],
        cadre.version,
    )
    version = cadre_records.get_profile(ctx, cadre.id).cadre.version
    saved = appointment.save_case(ctx, cadre.id, CASE, version)
    assert saved.saved and saved.age_reference == dt.date(2024, 4, 30) and saved.cadre_version > version
    text = _form(ctx, cadre.id)
    for value in (
        "XX县XX镇党委书记",
        "XX县委组织部干部一科科长职务",
        "工作需要",
        "中共XX县委组织部",
        "填表人：刘䶮",
    ):
        assert value in text, value
    assert "2024年04月20日" in text  # 填表时间
    assert "1985.03（39岁）" in text  # at 2024.04, not today
    assert "妻子李丽36群众教师" in text
    with ctx.db.read() as session:
        events = session.execute(
            select(AuditEvent.action, AuditEvent.changes).where(AuditEvent.entity == "appointment_case")
        ).all()
    assert [action for action, _changes in events] == ["create"]
    assert events[0][1]["proposed_post"][1] == "XX县XX镇党委书记"


def test_validation_and_stale_saves(ctx: ServiceContext) -> None:
    cadre = make_cadre(ctx, "张三")
    with pytest.raises(ValidationError) as raised:
        appointment.save_case(
            ctx,
            cadre.id,
            appointment.CaseInput(filled_by="人" * 51, filled_on="2024.13.01", age_reference=""),
            cadre.version,
        )
    assert set(raised.value.fields) == {"filled_by", "filled_on", "age_reference"}
    appointment.save_case(ctx, cadre.id, CASE, cadre.version)
    with pytest.raises(ConflictError):
        appointment.save_case(ctx, cadre.id, CASE, cadre.version)  # the profile moved on


def test_lrmx_import_keeps_the_files_values_and_export_writes_the_edited_ones(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    plan = forms.plan_files(ctx, [FIXTURES / "dotted_dates.lrmx"])
    cid = importing.apply_plan(ctx, plan).cadre_ids[0]
    case = appointment.get_case(ctx, cid)
    assert case.saved
    assert (case.proposed_post, case.proposed_removal, case.reason) == (
        "XX乡党委书记",
        "XX县委组织部副部长",
        "工作需要",
    )
    assert (case.reporting_unit, case.filled_by) == ("中共XX县委组织部", "李明")
    assert (case.age_reference, case.filled_on) == (dt.date(2025, 6, 1), dt.date(2025, 5, 28))
    # Unchanged: the file comes back as read (dotted dates stay dotted).
    before = {t: x for t, x, _ in lrmx.elements((FIXTURES / "dotted_dates.lrmx").read_bytes())}
    same = {t: x for t, x, _ in lrmx.elements(forms.form_bytes(ctx, cid))}
    assert same == before
    # Edited in the app: exactly the edited elements change, in the editor's compact form.
    edited = appointment.CaseInput(**{**vars(CASE), "reason": "工作需要。", "filled_by": "李明"})
    appointment.save_case(ctx, cid, edited, case.cadre_version)
    after = {t: x for t, x, _ in lrmx.elements(forms.form_bytes(ctx, cid))}
    changed = {t for t in before if before[t] != after[t]}
    assert changed == {
        "NiRenZhiWu",
        "NiMianZhiWu",
        "RenMianLiYou",
        "JiSuanNianLingShiJian",
        "TianBiaoShiJian",
    }
    assert after["RenMianLiYou"] == "工作需要。" and after["TianBiaoShiJian"] == "20240420"
    assert after["JiSuanNianLingShiJian"] == "20240430"
    # And back in: a re-import of the exported file keeps the edited values.
    path = tmp_path / "back.lrmx"
    path.write_bytes(forms.form_bytes(ctx, cid))
    assert lrmx.read_lrmx(path.read_bytes()).case == {
        "proposed_post": "XX县XX镇党委书记",
        "proposed_removal": "XX县委组织部干部一科科长职务",
        "reason": "工作需要。",
        "reporting_unit": "中共XX县委组织部",
        "age_reference": dt.date(2024, 4, 30),
        "filled_on": dt.date(2024, 4, 20),
        "filled_by": "李明",
    }


def test_export_of_a_form_made_in_the_app(ctx: ServiceContext) -> None:
    cadre = make_cadre(ctx, "李四")
    appointment.save_case(ctx, cadre.id, CASE, cadre.version)
    root = lrmx.parse_xml(forms.form_bytes(ctx, cadre.id))
    assert root.findtext("NiRenZhiWu") == "XX县XX镇党委书记"
    assert root.findtext("ChengBaoDanWei") == "中共XX县委组织部"
    assert (root.findtext("JiSuanNianLingShiJian"), root.findtext("TianBiaoShiJian")) == (
        "20240430",
        "20240420",
    )
    assert root.findtext("TianBiaoRen") == "刘䶮"
    with ctx.db.read() as session:
        assert session.scalars(select(AppointmentCase)).one().cadre_id == cadre.id


def test_print_offsets_are_department_settings(ctx: ServiceContext) -> None:
    saved = app_settings.save_settings(
        ctx,
        app_settings.DepartmentSettings(
            form_offset_top=2.5, form_offset_front_left=-1, form_offset_back_left=3
        ),
    )
    assert (saved.form_offset_top, saved.form_offset_front_left, saved.form_offset_back_left) == (
        2.5,
        -1.0,
        3.0,
    )
    settings = printing.print_settings(ctx)
    assert settings.form_offsets == (2.5, -1.0, 3.0)
    options = appointment_options.options_for(appointment.get_case(ctx, make_cadre(ctx).id), settings)
    assert options.offsets == appointment_options.FormOffsets(2.5, -1.0, 3.0)
    with pytest.raises(ValidationError, match="上边距"):
        app_settings.save_settings(ctx, app_settings.DepartmentSettings(form_offset_top=31))


def test_a_form_too_long_prints_nothing(ctx: ServiceContext) -> None:
    cadre = make_cadre(ctx, "王五")
    appointment.save_case(
        ctx, cadre.id, appointment.CaseInput(reason="理由" * 950, age_reference="2024.01.01"), cadre.version
    )
    profile = cadre_records.get_profile(ctx, cadre.id)
    options = appointment_options.options_for(
        appointment.get_case(ctx, cadre.id), printing.print_settings(ctx)
    )
    out = io.BytesIO()
    with pytest.raises(appointment_options.FormTooLong, match=r"王五.*任免理由"):
        appointment_form.build_appointment_form(profile, None, out, options)
    assert out.getvalue() == b""


def test_migration_0005_adds_the_case_table_to_a_database_of_today(tmp_path: Path) -> None:
    """A database of the 0004 schema, with a unit and settings, upgrades without loss."""
    from sqlalchemy import text

    engine = database_at(tmp_path / "old.db", "0004")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO unit (id, uid, created_at, updated_at, version, name, short_name, kind, "
                "sort_order) VALUES (1, 'u1', '2026-01-01', '2026-01-01', 3, '某县委组织部', '', '部门', 1)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO app_setting (id, uid, created_at, updated_at, version, key, value) "
                "VALUES (1, 's1', '2026-01-01', '2026-01-01', 1, 'department_name', '某县委组织部')"
            )
        )
    upgrade_to_head(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT name, kind, version FROM unit")).one() == ("某县委组织部", "部门", 3)
        assert conn.execute(text("SELECT value FROM app_setting")).scalar() == "某县委组织部"
        assert conn.execute(text("SELECT count(*) FROM appointment_case")).scalar() == 0
    engine.dispose()
