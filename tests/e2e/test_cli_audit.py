"""`audit verify`, `audit list`, `backup`, a damaged database and `restore`, as real processes, on paths
with `#`, `?`, `%`, spaces and Chinese."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.e2e.test_cli import run


def test_tampering_damage_and_restore_from_the_command_line(tmp_path: Path) -> None:
    folder = tmp_path / "数据 #1?%"
    folder.mkdir()
    db = str(folder / "档案 库.db")
    data = tmp_path / "data"
    run("--db", db, "init", data_dir=data)
    for name in ("县委组织部", "青山镇", "县科技局", "县工信局"):
        run("--db", db, "unit", "add", name, data_dir=data)
    assert "哈希链完整" in run("--db", db, "audit", "verify", data_dir=data).stdout
    listed = json.loads(
        run("--db", db, "audit", "list", "--action", "create", "--json", data_dir=data).stdout
    )
    assert [e["summary"] for e in listed] == ["县工信局", "县科技局", "青山镇", "县委组织部"]

    backup = folder / "备份 #早上?.db"
    run("--db", db, "backup", str(backup), data_dir=data)
    [auto] = json.loads(run("--db", db, "auto-backup", "--force", "--json", data_dir=data).stdout)["made"]

    conn = sqlite3.connect(db)
    conn.execute("DELETE FROM audit_event WHERE seq = 2")
    conn.commit()
    conn.close()
    broken = run("--db", db, "audit", "verify", data_dir=data, check=False)
    assert broken.returncode == 1 and "第 3 条" in broken.stdout and "删除" in broken.stdout

    # the file damaged: every command names the newest good backup and how to restore it
    with open(db, "r+b") as handle:
        handle.seek(0)
        handle.write(b"\x00" * 100)
    refused = run("--db", db, "stats", data_dir=data, check=False)
    assert refused.returncode == 1 and auto in refused.stderr and "restore" in refused.stderr

    restored = run("--db", db, "restore", str(backup), "--json", data_dir=data)
    result = json.loads(restored.stdout)
    assert result["restored_from"] == str(backup) and result["chain_ok"] is True
    assert Path(result["saved_current"]).exists()
    assert run("--db", db, "check", data_dir=data).returncode == 0
    actions = json.loads(run("--db", db, "audit", "list", "--limit", "2", "--json", data_dir=data).stdout)
    # the restore, after the last record the backup held (its own record was written after the copy)
    assert [e["action"] for e in actions] == ["restore", "create"]
