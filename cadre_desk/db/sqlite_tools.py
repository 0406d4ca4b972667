"""SQLite-only maintenance: file sniffing, the online backup API, integrity and WAL checkpoints."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from cadre_desk.errors import StorageError

SQLITE_HEADER = b"SQLite format 3\x00"


def sniff(path: Path) -> str:
    """'missing', 'empty' (0 bytes: a new file), 'sqlite', or 'other'."""
    if not path.exists():
        return "missing"
    if path.is_dir():
        return "other"
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise StorageError(f"无法读取数据库文件 {path}：{exc.strerror}") from None
    if not head:
        return "empty"
    return "sqlite" if head == SQLITE_HEADER else "other"


def quick_check(path: Path) -> list[str]:
    """Problems reported by `PRAGMA quick_check` (empty list: fine). Opens the file read-only."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    problems = [str(row[0]) for row in rows]
    return [] if problems == ["ok"] else problems


def read_revision(path: Path) -> tuple[bool, str | None]:
    """(has tables of its own, Alembic revision), read without writing a byte (read-only, no WAL switch)."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            revision = None
            if "alembic_version" in names:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if "malformed" in str(exc):
            raise StorageError(f"数据库文件已损坏：{path}（{exc}）。请从备份恢复。") from None
        raise StorageError(f"无法读取数据库文件 {path}：{exc}") from None
    return bool(names - {"alembic_version"}), revision


def online_backup(
    source: Path, dest: Path, progress: Callable[[int, int], None] | None = None, pages: int = 256
) -> None:
    """Copy a live database with SQLite's backup API, then verify the copy with `integrity_check`."""
    if dest.exists():
        raise StorageError(f"目标文件已存在：{dest}")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(f"无法创建备份目录 {dest.parent}：{exc.strerror}") from None
    tmp = dest.with_name(dest.name + ".part")
    tmp.unlink(missing_ok=True)
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            out = sqlite3.connect(tmp)
            try:
                out.execute("PRAGMA synchronous=FULL")

                def on_progress(_status: int, remaining: int, total: int) -> None:
                    if progress is not None:
                        progress(total - remaining, total)

                src.backup(out, pages=pages, progress=on_progress)
                out.execute("PRAGMA journal_mode=DELETE")  # a backup is one self-contained file
                result = out.execute("PRAGMA integrity_check").fetchone()
            finally:
                out.close()
        finally:
            src.close()
    except sqlite3.Error as exc:
        tmp.unlink(missing_ok=True)
        raise StorageError(f"备份失败：{exc}") from None
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StorageError(f"备份失败：{exc.strerror}") from None
    if result is None or result[0] != "ok":
        tmp.unlink(missing_ok=True)
        raise StorageError(f"备份文件校验失败：{result}")
    tmp.replace(dest)


def checkpoint(path: Path) -> None:
    """Fold the WAL back into the main file (after bulk loads, before copying)."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
