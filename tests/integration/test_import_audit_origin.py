"""An import's audit record names the file it came from (等保: what came in, from where), for Excel
rosters, appointment forms and exchange packages. The record used to give only the counts."""

from __future__ import annotations

import shutil
from pathlib import Path

from cadre_desk.db.opening import open_database
from cadre_desk.services import audit_trail
from cadre_desk.services.context import ServiceContext, open_context
from cadre_desk.transfer import forms, importing, package, roster
from tests.conftest import make_cadre
from tests.integration.test_import_races import write_roster

FIXTURES = Path(__file__).parents[1] / "fixtures" / "lrmx"


def _last_import(ctx: ServiceContext) -> audit_trail.AuditEventView:
    return audit_trail.list_events(ctx, audit_trail.AuditFilter(action="import"), limit=1)[0]


def test_each_import_names_its_file(ctx: ServiceContext, tmp_path: Path) -> None:
    folder = tmp_path / "导入 #1"
    folder.mkdir()
    sheet = write_roster(folder / "名册 2026.xlsx", 3)
    _, plan = roster.plan_roster(ctx, sheet)
    roster.apply_roster(ctx, plan)
    event = _last_import(ctx)
    assert event.changes == {"file": str(sheet), "count": 3}

    form = shutil.copy(FIXTURES / "dotted_dates.lrmx", folder / "任免表 #2.lrmx")
    importing.apply_plan(ctx, forms.plan_files(ctx, [Path(form)]))
    assert _last_import(ctx).changes["file"] == str(form)

    own = make_cadre(ctx, "包中人")
    packed = folder / "交换 包.zip"
    package.export_package(ctx, [own.id], packed)
    other = open_context(open_database(str(tmp_path / "另一台.db")), "另一台")  # new to it
    package_plan = package.plan_package(other, packed)
    package.apply_package(other, package_plan)
    event = _last_import(other)
    other.db.dispose()
    assert event.entity == "package" and event.changes["file"] == str(packed)
