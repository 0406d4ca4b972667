"""Output files appear only when complete; long cells wrap and split; a full disk during an import leaves
the database as it was (issue 9, hostile items 4-6)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from cadre_desk import demo, outfile
from cadre_desk.db.models import Cadre
from cadre_desk.db.opening import open_database
from cadre_desk.errors import StorageError
from cadre_desk.reports import dossier
from cadre_desk.services import cadres, printing
from cadre_desk.services.context import ServiceContext, open_context
from cadre_desk.transfer import package, roster
from tests.conftest import make_cadre
from tests.integration.test_import_races import write_roster
from tests.integration.test_reports_dossier import PRINTED, SETTINGS, text_of


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_an_output_file_appears_only_when_complete(tmp_path: Path) -> None:
    dest = tmp_path / "out" / "a.pdf"
    with pytest.raises(ZeroDivisionError), outfile.atomic_path(dest) as tmp:
        tmp.write_bytes(b"half")
        _ = 1 / 0
    assert _listing(dest.parent) == []
    dest.write_bytes(b"old")
    with pytest.raises(KeyboardInterrupt), outfile.atomic_path(dest) as tmp:
        tmp.write_bytes(b"half")
        raise KeyboardInterrupt
    assert _listing(dest.parent) == ["a.pdf"] and dest.read_bytes() == b"old"  # the old file untouched
    with outfile.atomic_path(dest) as tmp:
        tmp.write_bytes(b"whole")
    assert _listing(dest.parent) == ["a.pdf"] and dest.read_bytes() == b"whole"
    umask = os.umask(0o022)
    os.umask(umask)
    assert dest.stat().st_mode & 0o777 == 0o666 & ~umask  # not mkstemp's 0600
    with pytest.raises(StorageError, match="文件夹"), outfile.atomic_path(tmp_path / "out"):
        pass


def test_a_cancelled_package_export_leaves_nothing(ctx: ServiceContext, tmp_path: Path) -> None:
    cadre = make_cadre(ctx, "王一")

    def cancel(label: str, done: int, total: int) -> None:
        if done > 3:
            raise KeyboardInterrupt

    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(KeyboardInterrupt):
        package.export_package(ctx, [cadre.id], out / "p.zip", cancel)
    assert _listing(out) == []


def test_a_600_character_post_wraps_and_splits_in_the_dossier(ctx: ServiceContext, tmp_path: Path) -> None:
    post = ("XX县XX镇党委副书记、镇长，兼任XX工业园区管委会主任" * 30)[:600]
    cadre = make_cadre(ctx, "王长")
    with ctx.db.uow() as session:  # stored before lengths were bounded on the way in (issue 9)
        session.execute(
            Cadre.__table__.update().values(post=post, speciality="熟" * 900, notes="备注很长。" * 400)
        )
    file = printing.gather_cadre(ctx, cadre.id)
    path = tmp_path / "d.pdf"
    pages = dossier.build_cadre_dossier(file, path, dossier.DossierOptions(SETTINGS, printed_at=PRINTED))
    assert pages == len(PdfReader(path).pages) > 3
    text = "".join(text_of(path))
    assert text.count("管委会主任") >= post.count("管委会主任")  # all of it, over the page break
    assert text.count("熟") >= 900


def test_dossier_cli_with_a_long_post_writes_the_file_and_no_part(tmp_path: Path) -> None:
    from tests.e2e.test_cli import run

    db, data = str(tmp_path / "a.db"), tmp_path / "data"
    run("--db", db, "init", data_dir=data)
    run("--db", db, "cadre", "add", "--name", "王长", "--gender", "男", "--birth", "1985.03", data_dir=data)
    database = open_database(db)
    ctx = open_context(database, "测试员")
    with ctx.db.uow() as session:
        session.execute(Cadre.__table__.update().values(post="长" * 600))
    database.dispose()
    out = tmp_path / "out"
    out.mkdir()
    run("--db", db, "dossier", "cadre", "1", "-o", str(out / "d.pdf"), data_dir=data)
    assert _listing(out) == ["d.pdf"] and len(PdfReader(out / "d.pdf").pages) > 2
    proc = run("--db", db, "dossier", "cadre", "999", "-o", str(out / "e.pdf"), data_dir=data, check=False)
    assert proc.returncode == 1 and _listing(out) == ["d.pdf"]


# --- a full disk -------------------------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 32 MB tmpfs (root only): a real ENOSPC / SQLITE_FULL."""
    mount = tmp_path / "small"
    mount.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=32m", "tmpfs", str(mount)], check=False)
    if proc.returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_during_a_roster_import_leaves_the_database_as_it_was(
    small_disk: Path, tmp_path: Path
) -> None:
    database = open_database(str(small_disk / "db.sqlite"), create=True)
    ctx = open_context(database, "测试员")
    try:
        roster.apply_roster(ctx, roster.plan_roster(ctx, write_roster(tmp_path / "a.xlsx", 20))[1])
        _fill(small_disk, 256 * 1024)
        big = write_roster(tmp_path / "b.xlsx", 3_000)
        _sheet, plan = roster.plan_roster(ctx, big)
        with pytest.raises((StorageError, OperationalError)) as err:
            roster.apply_roster(ctx, plan)
        assert "full" in str(err.value) or "已满" in str(err.value) or "空间" in str(err.value)
        with ctx.db.read() as session:
            assert session.scalar(select(func.count(Cadre.id))) == 20
            assert session.execute(select(func.count()).select_from(Cadre)).scalar() == 20
            assert session.connection().exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    finally:
        database.dispose()


def _fill(mount: Path, leave: int) -> None:
    """Take all but `leave` bytes of the small disk."""
    free = os.statvfs(mount).f_bavail * os.statvfs(mount).f_frsize
    (mount / "filler").write_bytes(b"\0" * max(free - leave, 0))


def test_a_full_disk_during_a_package_import_leaves_the_database_as_it_was(
    small_disk: Path, tmp_path: Path
) -> None:
    source_db = open_database(str(tmp_path / "source.db"), create=True)
    demo.generate(source_db, cadres=30, seed=3)
    source = open_context(source_db, "甲")
    package.export_package(source, [c.id for c in cadres.list_cadres(source)], tmp_path / "p.zip")
    source_db.dispose()
    database = open_database(str(small_disk / "db.sqlite"), create=True)
    ctx = open_context(database, "测试员")
    try:
        _fill(small_disk, 64 * 1024)
        plan = package.plan_package(ctx, tmp_path / "p.zip")
        with pytest.raises((StorageError, OperationalError)) as err:
            package.apply_package(ctx, plan)
        assert "full" in str(err.value) or "已满" in str(err.value) or "空间" in str(err.value)
        (small_disk / "filler").unlink()
        with ctx.db.read() as session:
            assert session.scalar(select(func.count(Cadre.id))) == 0
            assert session.connection().exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        package.apply_package(ctx, package.plan_package(ctx, tmp_path / "p.zip"))  # with room, it goes in
        with ctx.db.read() as session:
            assert session.scalar(select(func.count(Cadre.id))) == 30
    finally:
        database.dispose()
