"""What `restore` says when it refuses (inspection, minor items): the database itself chosen as the
backup is refused in a restore's words, and a sealed backup without its passphrase is said once."""

from __future__ import annotations

from pathlib import Path

import pytest

from cadre_desk.cli import main
from cadre_desk.db import backup_files
from cadre_desk.services import maintenance, sealed_backup
from cadre_desk.services.context import ServiceContext
from tests.conftest import make_cadre


def test_restoring_the_database_itself_is_refused_as_a_restore(
    ctx: ServiceContext, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_cadre(ctx, "林小雨")
    capsys.readouterr()
    for own in (db_path, Path(str(db_path) + "-wal")):
        own.touch()
        assert main(["--db", str(db_path), "restore", str(own)]) == 1
        err = capsys.readouterr().err
        assert "不能从数据库文件本身" in err and "恢复" in err
        assert "备份写到" not in err  # the backup command's words


def test_a_sealed_backup_without_its_passphrase_is_said_once(
    ctx: ServiceContext, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_cadre(ctx, "林小雨")
    sealed = sealed_backup.sealed_backup(ctx, tmp_path / "封存.sealed", "Seal-pass-2026")
    capsys.readouterr()
    assert main(["--db", str(db_path), "restore", str(sealed)]) == 1  # no terminal to ask at
    err = capsys.readouterr().err
    assert err.count("需要它的口令") == 1, err
    assert err.startswith("错误：")


def test_a_backup_says_when_it_was_made_from_inside(ctx: ServiceContext, tmp_path: Path) -> None:
    """Its last audit record's time, not the file's: a copy from a USB stick has the time it was
    copied (inspection F19)."""
    import datetime as dt
    import os

    make_cadre(ctx, "林小雨")
    backup = maintenance.backup(ctx, tmp_path / "早上.db")
    made = backup_files.made_at(backup)
    assert made is not None and made.tzinfo is not None
    os.utime(backup, (2_000_000_000, 2_000_000_000))  # copied in 2033
    assert backup_files.made_at(backup) == made
    assert abs(dt.datetime.now(dt.UTC) - made) < dt.timedelta(hours=1)
    sealed = sealed_backup.sealed_backup(ctx, tmp_path / "封存.sealed", "Seal-pass-2026")
    assert backup_files.made_at(sealed) is None  # sealed: not readable without opening it
