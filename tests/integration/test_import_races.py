"""An import is planned without the write lock and applied with it: whatever another import wrote in
between must not be written twice (issue 9, hostile item 2)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from cadre_desk.db.models import Cadre
from cadre_desk.errors import ImportRejected
from cadre_desk.services.context import ServiceContext
from cadre_desk.transfer import forms, importing, roster


def write_roster(path: Path, count: int) -> Path:
    """`count` cadres without ID numbers (matched by name and birth month only)."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["姓名", "性别", "出生年月", "单位", "现任职务"])
    for n in range(count):
        ws.append(
            [f"干部{n:04d}", "男" if n % 2 else "女", f"{1970 + n % 30}.{n % 12 + 1:02d}", "XX镇", "科员"]
        )
    book.save(path)
    return path


def _cadres(ctx: ServiceContext) -> int:
    with ctx.db.read() as session:
        return int(session.scalar(select(func.count(Cadre.id))) or 0)


def test_two_identical_roster_imports_planned_together_add_everyone_once(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    path = write_roster(tmp_path / "r.xlsx", 120)
    _s, first = roster.plan_roster(ctx, path)
    _s, second = roster.plan_roster(ctx, path)  # planned before the first one was written
    assert first.count("create") == second.count("create") == 120
    assert roster.apply_roster(ctx, first).created == 120
    with pytest.raises(ImportRejected, match="预览之后数据已被修改"):
        roster.apply_roster(ctx, second)
    assert _cadres(ctx) == 120
    _s, again = roster.plan_roster(ctx, path)  # a new preview finds nothing new
    assert again.summary() == {"create": 0, "update": 0, "unchanged": 120, "rejected": 0}
    importing.apply_plan(ctx, again)
    assert _cadres(ctx) == 120


def test_an_update_planned_before_another_write_is_refused_whole(ctx: ServiceContext, tmp_path: Path) -> None:
    roster.apply_roster(ctx, roster.plan_roster(ctx, write_roster(tmp_path / "a.xlsx", 3))[1])
    book = openpyxl.load_workbook(tmp_path / "a.xlsx")
    book.active["E2"] = "副镇长"
    book.active.append(["新人", "男", "1990.01", "XX镇", "科员"])
    book.save(tmp_path / "b.xlsx")
    _s, late = roster.plan_roster(ctx, tmp_path / "b.xlsx")
    _s, early = roster.plan_roster(ctx, tmp_path / "b.xlsx")
    assert late.summary()["update"] == 1 and late.summary()["create"] == 1
    roster.apply_roster(ctx, early)
    with pytest.raises(ImportRejected) as err:
        roster.apply_roster(ctx, late)
    assert "新人" in str(err.value) and "干部0000" in str(err.value)
    assert _cadres(ctx) == 4


def test_two_identical_form_imports_planned_together(ctx: ServiceContext, tmp_path: Path) -> None:
    fixtures = Path(__file__).parents[1] / "fixtures" / "lrmx"
    files = [fixtures / "filled_compact.lrmx", fixtures / "dotted_dates.lrmx"]
    first, second = forms.plan_files(ctx, files), forms.plan_files(ctx, files)
    assert importing.apply_plan(ctx, first).created == 2
    with pytest.raises(ImportRejected, match="预览"):
        importing.apply_plan(ctx, second)
    assert _cadres(ctx) == 2


def test_roster_imports_keep_only_the_newest_five_backups(ctx: ServiceContext, tmp_path: Path) -> None:
    made = []
    for n in range(7):
        path = write_roster(tmp_path / f"r{n}.xlsx", n + 1)
        made.append(Path(roster.apply_roster(ctx, roster.plan_roster(ctx, path)[1]).backup))
    folder = made[0].parent
    kept = sorted(folder.glob("*-before-roster-import-*.db"))
    assert kept == made[2:]  # the newest five, each a distinct file
    assert all(p.stat().st_size > 0 for p in kept)
