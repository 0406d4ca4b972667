"""The restore point of an import (services/restore_point.py): a verified backup of the state the import
starts from, reused when the audit trail shows nothing but bookkeeping since it was taken, taken anew
otherwise; the same rule for the class list, the roster and the 年轻干部台账."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from cadre_desk import paths
from cadre_desk.db import backup_files
from cadre_desk.services import backups, compliance, restore_point
from cadre_desk.services.context import ServiceContext
from cadre_desk.transfer import roster
from cadre_desk.transfer.training_import import apply_training_import, plan_training_import
from cadre_desk.transfer.training_xlsx import export_compliance
from tests.conftest import make_cadre
from tests.integration.test_import_races import write_roster
from tests.integration.test_training_import import class_list


def _class_list(tmp_path: Path, name: str = "2026年春季主体班") -> Path:
    people = [("张三", "1985.03"), ("李四", "1990.07")]
    return class_list(
        tmp_path / f"{name}.xlsx",
        [
            [name if n == 0 else None, "党校主体班", "县委党校", "2026.03.02", "2026.03.13", 72, 12, "是",
             who, "", birth]
            for n, (who, birth) in enumerate(people)
        ],
    )  # fmt: skip


def _county(ctx: ServiceContext) -> None:
    make_cadre(ctx, "张三", birth="1985.03")
    make_cadre(ctx, "李四", birth="1990.07", party_join="2012.05", work_start="2013.07")


def _trainings(path: Path) -> int:
    with contextlib.closing(sqlite3.connect(path)) as copy:
        return int(copy.execute("SELECT count(*) FROM training").fetchone()[0])


def test_an_import_reuses_a_backup_of_the_current_state(ctx: ServiceContext, tmp_path: Path) -> None:
    _county(ctx)
    auto = backups.auto_backup(ctx, force=True).made[0]
    # bookkeeping since then: an export is recorded in the audit trail, but changes no record
    export_compliance(ctx, tmp_path / "list.xlsx", compliance.compliance(ctx, 2026))
    result = apply_training_import(ctx, plan_training_import(ctx, _class_list(tmp_path)))
    point = Path(result.backup)
    assert point.name.startswith(f"{ctx.db.path.stem}-before-training-import-")  # type: ignore[union-attr]
    assert os.path.samefile(point, auto)  # the same file under the import's name: nothing copied
    assert _trainings(point) == 0 and _trainings(ctx.db.path) == 2  # type: ignore[arg-type]
    # thinning the automatic backups cannot take the import's restore point away
    auto.unlink()
    assert backup_files.inspect_backup(point).counts["training"] == 0


def test_a_change_since_the_backup_means_a_new_copy(ctx: ServiceContext, tmp_path: Path) -> None:
    _county(ctx)
    auto = backups.auto_backup(ctx, force=True).made[0]
    make_cadre(ctx, "王五", birth="1980.01")  # a record written after the backup
    point = Path(apply_training_import(ctx, plan_training_import(ctx, _class_list(tmp_path))).backup)
    assert not os.path.samefile(point, auto)
    with contextlib.closing(sqlite3.connect(point)) as copy:
        assert copy.execute("SELECT count(*) FROM cadre").fetchone() == (3,)
        assert copy.execute("SELECT count(*) FROM training").fetchone() == (0,)
    # the import itself is a change: the next import takes its own copy, holding the first import
    second = apply_training_import(ctx, plan_training_import(ctx, _class_list(tmp_path, "冬季班")))
    assert not os.path.samefile(second.backup, point) and _trainings(Path(second.backup)) == 2


def test_a_backup_file_changed_or_gone_is_not_reused(ctx: ServiceContext, tmp_path: Path) -> None:
    _county(ctx)
    auto = backups.auto_backup(ctx, force=True).made[0]
    with open(auto, "ab") as f:  # edited since it was written (a byte appended)
        f.write(b"\0")
    assert restore_point.current_backup(ctx) is None
    made = restore_point.ensure(ctx, "training")
    assert not os.path.samefile(made, auto)
    found = restore_point.current_backup(ctx)
    assert found is not None and found.path == made
    made.unlink()
    assert restore_point.current_backup(ctx) is None


def test_the_copy_prepared_with_the_preview_is_the_one_the_import_uses(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    """The window starts `ensure` when the preview opens; the import then takes no second copy. The
    same rule (one place) holds for the class list, the roster and the 年轻干部台账."""
    _county(ctx)
    plan = plan_training_import(ctx, _class_list(tmp_path))
    prepared = restore_point.ensure(ctx, "training")
    assert apply_training_import(ctx, plan).backup == str(prepared)

    path = write_roster(tmp_path / "r.xlsx", 2)
    plan_roster = roster.plan_roster(ctx, path)[1]
    prepared = restore_point.ensure(ctx, "roster")
    assert roster.apply_roster(ctx, plan_roster).backup == str(prepared)
    assert sorted(p.name for p in paths.backup_dir().glob("*-import-*.db")) == sorted(
        [Path(prepared).name, *(p.name for p in paths.backup_dir().glob("*-before-training-import-*.db"))]
    )


def test_a_restore_is_a_change(ctx: ServiceContext, tmp_path: Path) -> None:
    _county(ctx)
    auto = backups.auto_backup(ctx, force=True).made[0]
    found = restore_point.current_backup(ctx)
    assert found is not None and found.path == auto
    ctx.db.dispose()
    backups.restore(str(ctx.db.path), auto, ctx=ctx)
    assert restore_point.current_backup(ctx) is None
