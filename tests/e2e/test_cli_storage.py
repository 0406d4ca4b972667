"""The command line against hostile paths, locked, full and read-only databases, as real processes."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cadre_desk.db import sqlite_tools

ROOT = Path(__file__).resolve().parents[2]
HOSTILE_DIR = "-档案 #1?a=b%20&c 中文"
HOSTILE_FILE = "-库 #?%& 中文.db"


def cli(*args: str, data_dir: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CADRE_DESK_DATA_DIR": str(data_dir), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=timeout,
        check=False,
    )


def ok(proc: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 0, proc.stderr
    return proc


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("storage")
    folder = base / HOSTILE_DIR
    folder.mkdir()
    db = folder / HOSTILE_FILE
    ok(cli("--db", str(db), "demo", "--cadres", "12", "--seed", "3", data_dir=base))
    return db, base


def test_backup_check_and_search_in_a_hostile_folder(hostile_db: tuple[Path, Path]) -> None:
    db, base = hostile_db
    dest_dir = base / "备份 #?%& -x"
    dest = dest_dir / "-备份 #1?.db"
    out = ok(cli("--db", str(db), "backup", str(dest), data_dir=base)).stdout
    assert "已备份并校验" in out and str(dest) in out
    assert sorted(p.name for p in dest_dir.iterdir()) == [dest.name]
    stats = json.loads(ok(cli("--db", str(db), "stats", "--json", data_dir=base)).stdout)
    copied = json.loads(ok(cli("--db", str(dest), "stats", "--json", data_dir=base)).stdout)
    assert copied["cadre"] == stats["cadre"] == 12
    audit = ("audit_event", "account")  # the backup's own audit line (and its operator) came after
    assert {k: v for k, v in copied.items() if k not in audit} == {
        k: v for k, v in stats.items() if k not in audit
    }
    assert ok(cli("--db", str(db), "check", data_dir=base)).stdout.count("正常") >= 4
    assert ok(cli("--db", str(dest), "check", data_dir=base)).stdout.count("正常") >= 4
    assert sqlite_tools.quick_check(dest) == []
    names = {p.name for p in base.iterdir()}
    assert not any(n in names for n in ("-档案 ", "备份 ")), names


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "-journal"])
def test_backup_onto_the_live_files_is_refused(hostile_db: tuple[Path, Path], suffix: str) -> None:
    db, base = hostile_db
    open_mode(db)  # a signed-in command writes its login record: the file's bytes would change anyway
    target = Path(str(db) + suffix)
    before = target.read_bytes() if target.exists() else None
    proc = cli("--db", str(db), "backup", str(target), data_dir=base)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "附属文件" in proc.stderr
    assert (target.read_bytes() if target.exists() else None) == before


# --- a locked, busy, full or vanished database ----------------------------------------------------

HOLDER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=10)
conn.execute("BEGIN EXCLUSIVE")
conn.execute("UPDATE unit SET sort_order = sort_order + 1")  # a write in progress, not committed
for i in range(int(sys.argv[2])):
    conn.execute("INSERT INTO app_setting (key, value, uid, created_at, updated_at, version) "
                 "VALUES (?, 'x', ?, '2026-01-01', '2026-01-01', 1)", (f"k{i}", f"u{i}"))
print("locked", flush=True)
sys.stdin.read()  # until the test closes our stdin
conn.execute("ROLLBACK")
"""


class Holder:
    """A second process holding the database's write lock (BEGIN EXCLUSIVE) until `release()`."""

    def __init__(self, db: Path, rows: int = 0) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(db), str(rows)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout is not None
        assert self.proc.stdout.readline().strip() == "locked"

    def release(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=30)
        if self.proc.stdout is not None:
            self.proc.stdout.close()


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("small")
    db = base / "small.db"
    ok(cli("--db", str(db), "demo", "--cadres", "8", "--seed", "5", data_dir=base))
    return db


@pytest.fixture
def small_db(demo_db: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the module's small demo county, for one test to change, in the open mode (no password
    on any account): these tests are about storage, and with accounts every command first signs in,
    which writes its audited login (see test_cli_accounts for that path)."""
    db = tmp_path / "small.db"
    sqlite_tools.online_backup(demo_db, db)
    open_mode(db)
    return db, tmp_path


def open_mode(db: Path) -> None:
    """No password on any account: commands run without signing in (and write no login record)."""
    conn = sqlite_tools.connect(db)
    try:
        conn.execute("UPDATE account SET password_hash = NULL")
        conn.commit()
    finally:
        conn.close()


def _accounts(db: Path) -> list[str]:
    conn = sqlite_tools.connect(db, read_only=True)
    try:
        return [r[0] for r in conn.execute("SELECT name FROM account ORDER BY id")]
    finally:
        conn.close()


def test_reading_while_another_process_writes(
    small_db: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reads go on during another process's long write; a writer waits, then says who holds the file."""
    db, base = small_db
    monkeypatch.setenv("CADRE_DESK_BUSY_TIMEOUT_MS", "700")
    before = json.loads(ok(cli("--db", str(db), "stats", "--json", data_dir=base)).stdout)
    accounts = _accounts(db)
    holder = Holder(db, rows=20_000)
    try:
        during = json.loads(
            ok(cli("--db", str(db), "--operator", "新来的人", "stats", "--json", data_dir=base)).stdout
        )
        assert during == before  # the other process's uncommitted rows are not seen
        ok(cli("--db", str(db), "search", "谈话", "--limit", "3", data_dir=base))
        ok(cli("--db", str(db), "cadre", "list", "--limit", "3", "--json", data_dir=base))
        ok(cli("--db", str(db), "cadre", "show", "1", data_dir=base))
        proc = cli("--db", str(db), "unit", "add", "新设单位", data_dir=base)
        assert proc.returncode == 1 and "Traceback" not in proc.stderr
        assert (
            "正被占用" in proc.stderr and f"进程 {holder.proc.pid}" in proc.stderr and "重试" in proc.stderr
        )
    finally:
        holder.release()
    assert _accounts(db) == accounts  # a read with a new --operator wrote no account row
    ok(cli("--db", str(db), "unit", "add", "新设单位", data_dir=base))
    assert ok(cli("--db", str(db), "check", data_dir=base)).returncode == 0


def test_a_rollback_journal_database_locked_by_another_program(
    tmp_path: Path, small_db: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file in rollback-journal mode (like a backup copy) locked exclusively: even reading must wait;
    every command then fails with the message, never a traceback."""
    db, base = small_db
    copy = tmp_path / "copy.db"
    ok(cli("--db", str(db), "backup", str(copy), data_dir=base))
    monkeypatch.setenv("CADRE_DESK_BUSY_TIMEOUT_MS", "500")
    holder = Holder(copy)
    try:
        for args in (("stats",), ("search", "谈话"), ("cadre", "list"), ("unit", "add", "某单位")):
            proc = cli("--db", str(copy), *args, data_dir=base)
            assert proc.returncode == 1, (args, proc.stdout)
            assert "Traceback" not in proc.stderr and "正被占用" in proc.stderr, (args, proc.stderr)
    finally:
        holder.release()
    ok(cli("--db", str(copy), "stats", data_dir=base))


def test_stats_on_an_empty_file_leaves_it_empty(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    empty.touch()
    for args in (("stats",), ("search", "x"), ("cadre", "list")):
        proc = cli("--db", str(empty), *args, data_dir=tmp_path)
        assert proc.returncode == 1 and "Traceback" not in proc.stderr
        assert "空的" in proc.stderr and "init" in proc.stderr
    assert empty.stat().st_size == 0
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("empty")) == ["empty.db"]


@pytest.mark.parametrize(
    "args",
    [
        ("search", "谈话", "--limit", "99999999999999999999"),
        ("search", "谈话", "--offset", "99999999999999999999"),
        ("search", "谈话", "--limit", "-1"),
        ("cadre", "list", "--limit", "99999999999999999999"),
        ("cadre", "list", "--offset", "99999999999999999999"),
        ("cadre", "show", "99999999999999999999"),
        ("cadre", "show", "0"),
        ("dossier", "cadre", "99999999999999999999", "-o", "x.pdf"),
        ("dossier", "form", "99999999999999999999", "-o", "x.pdf"),
        ("dossier", "pairing", "99999999999999999999", "-o", "x.pdf"),
        ("dossier", "talk", "99999999999999999999", "-o", "x.pdf"),
        ("export-lrmx", "99999999999999999999", "-o", "out"),
        ("export-package", "99999999999999999999", "-o", "x.zip"),
        ("export-talks", "99999999999999999999", "-o", "x.xlsx"),
        ("export-roster", "-o", "x.csv"),
    ],
)
def test_numbers_out_of_range_are_usage_errors(demo_db: Path, tmp_path: Path, args: tuple[str, ...]) -> None:
    db, base = demo_db, tmp_path
    proc = cli("--db", str(db), *args, data_dir=base)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr and ("范围" in proc.stderr or ".xlsx" in proc.stderr)
    assert not (Path.cwd() / "x.csv").exists()


def test_the_largest_id_is_not_found(demo_db: Path, tmp_path: Path) -> None:
    db, base = demo_db, tmp_path
    proc = cli("--db", str(db), "cadre", "show", str(2**63 - 1), data_dir=base)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr and "找不到" in proc.stderr


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://user:secret@localhost/cadres", "不支持的数据库类型"),
        ("mysql+pymysql://user@localhost/cadres", "不支持的数据库类型"),
        ("sqlite://", "缺少数据库文件的路径"),
        ("sqlite:///:memory:", "缺少数据库文件的路径"),
    ],
)
def test_unusable_database_urls(tmp_path: Path, url: str, message: str) -> None:
    proc = cli("--db", url, "stats", data_dir=tmp_path)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert message in proc.stderr and "secret" not in proc.stderr


def test_help_names_the_default_database(tmp_path: Path) -> None:
    out = ok(cli("--help", data_dir=tmp_path)).stdout
    assert "default: None" not in out and "CADRE_DESK_DB" in out


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a 5 MB tmpfs needs root")
def test_disk_full(small_db: tuple[Path, Path], tmp_path: Path) -> None:
    """A write and a backup on a full disk: a message, exit 1, nothing half-written, the file sound."""
    db, base = small_db
    mount = tmp_path / "tiny"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=5m", "tmpfs", str(mount)], check=False)
    if done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (no privileges in this container)")
    try:
        target = mount / "data.db"
        ok(cli("--db", str(db), "backup", str(target), data_dir=base))
        stats = json.loads(ok(cli("--db", str(target), "stats", "--json", data_dir=base)).stdout)
        filler = mount / "filler"
        with filler.open("wb") as handle:
            try:
                while True:
                    handle.write(b"\0" * 65536)
                    handle.flush()
            except OSError:
                pass
        proc = cli("--db", str(target), "unit", "add", "满盘单位" * 3, data_dir=base)
        assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
        assert "磁盘已满" in proc.stderr
        proc = cli("--db", str(db), "backup", str(mount / "copy.db"), data_dir=base)
        assert proc.returncode == 1 and "Traceback" not in proc.stderr and "磁盘已满" in proc.stderr
        assert sorted(p.name for p in mount.iterdir() if p.name.startswith("copy")) == []
        filler.unlink()
        assert json.loads(ok(cli("--db", str(target), "stats", "--json", data_dir=base)).stdout) == stats
        assert sqlite_tools.quick_check(target) == []
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_bug_is_a_short_message_with_the_log_path(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Anything that is not a known error is a bug: one short message and where the log is, exit 1."""
    from cadre_desk import cli, log

    monkeypatch.setenv("CADRE_DESK_DATA_DIR", str(tmp_path))
    log_file = log.setup()
    assert log_file is not None
    parser, _handlers = cli.build_parser()
    args = parser.parse_args(["--db", str(demo_db), "stats"])

    def broken(_ctx: object, _args: object) -> int:
        return {}["no such key"]  # type: ignore[no-any-return]  # a bug, on purpose

    assert cli.run(args, {"stats": broken}) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "KeyError" in err and str(log_file) in err
    assert len(err.splitlines()) <= 3
    assert "Traceback" in log_file.read_text(encoding="utf-8")
    for handler in logging.getLogger("cadre_desk").handlers:
        handler.close()
    logging.getLogger("cadre_desk").handlers.clear()


def test_demo_names_its_operator(tmp_path: Path) -> None:
    """Opening no longer adds the operator's account; the demo's audit line still names who made it."""
    db = tmp_path / "d.db"
    ok(
        cli(
            "--db", str(db), "--operator", "演示员", "demo", "--cadres", "3", "--seed", "2", data_dir=tmp_path
        )
    )
    conn = sqlite_tools.connect(db, read_only=True)
    try:
        rows = conn.execute(
            "SELECT a.name FROM audit_event e JOIN account a ON a.id = e.account_id WHERE e.action = 'demo'"
        ).fetchall()
    finally:
        conn.close()
    assert rows == [("演示员",)]
