"""Encryption at rest from the command line: `init --encrypt`, `encrypt`, `decrypt`, CADRE_DESK_KEY."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.e2e.cli_process import run_main

PASS = "county secret 2026"
ADD_XUEMEI = ("cadre", "add", "--name", "欧阳雪梅", "--gender", "女", "--birth", "1990.02")


def run(*args: str, data_dir: Path, key: str | None = None) -> subprocess.CompletedProcess[str]:
    """With the passphrase `key` in CADRE_DESK_KEY, or none."""
    return run_main(*args, data_dir=data_dir, env={"CADRE_DESK_KEY": key})


def test_init_encrypt_and_the_key_from_the_environment(tmp_path: Path) -> None:
    db = str(tmp_path / "enc.db")
    assert run("--db", db, "init", "--encrypt", data_dir=tmp_path).returncode == 1  # no passphrase
    assert not Path(db).exists()
    made = run("--db", db, "init", "--encrypt", data_dir=tmp_path, key=PASS)
    assert made.returncode == 0, made.stderr
    assert run("--db", db, *ADD_XUEMEI, data_dir=tmp_path, key=PASS).returncode == 0
    assert b"SQLite format 3" not in Path(db).read_bytes()[:16]
    locked = run("--db", db, "stats", data_dir=tmp_path)
    assert locked.returncode == 1 and "SQLite format 3" in locked.stderr and "CADRE_DESK_KEY" in locked.stderr
    wrong = run("--db", db, "stats", data_dir=tmp_path, key="not the one")
    assert wrong.returncode == 1 and "口令不正确" in wrong.stderr
    ok = run("--db", db, "search", "雪梅", "--json", data_dir=tmp_path, key=PASS)
    assert ok.returncode == 0 and "欧阳雪梅" in ok.stdout


def test_encrypt_and_decrypt_an_existing_database(tmp_path: Path) -> None:
    db = str(tmp_path / "plain.db")
    assert run("--db", db, *ADD_XUEMEI, data_dir=tmp_path).returncode == 1  # no database yet
    assert run("--db", db, "init", data_dir=tmp_path).returncode == 0
    assert run("--db", db, *ADD_XUEMEI, data_dir=tmp_path).returncode == 0
    short = run("--db", db, "encrypt", data_dir=tmp_path, key="short")
    assert short.returncode == 1 and "至少" in short.stderr
    done = run("--db", db, "encrypt", data_dir=tmp_path, key=PASS)
    assert done.returncode == 0 and "已加密并校验" in done.stdout, done.stderr
    data = Path(db).read_bytes()
    assert not data.startswith(b"SQLite format 3") and "欧阳雪梅".encode() not in data
    assert run("--db", db, "stats", data_dir=tmp_path).returncode == 1
    backup = tmp_path / "copy.db"
    assert run("--db", db, "backup", str(backup), data_dir=tmp_path, key=PASS).returncode == 0
    assert "欧阳雪梅".encode() not in backup.read_bytes()
    assert run("--db", str(backup), "stats", data_dir=tmp_path).returncode == 1
    assert run("--db", str(backup), "check", data_dir=tmp_path, key=PASS).returncode == 0
    back = run("--db", db, "decrypt", data_dir=tmp_path, key=PASS)
    assert back.returncode == 0, back.stderr
    assert Path(db).read_bytes().startswith(b"SQLite format 3")
    listed = run("--db", db, "cadre", "list", "--json", data_dir=tmp_path)
    assert "欧阳雪梅" in listed.stdout


def test_sealed_package_and_backup_from_the_command_line(tmp_path: Path) -> None:
    db = str(tmp_path / "plain.db")
    assert run("--db", db, "init", data_dir=tmp_path).returncode == 0
    added = run("--db", db, *ADD_XUEMEI, data_dir=tmp_path)
    assert added.returncode == 0
    pkg = tmp_path / "p.zip"
    env_pass = {"PKG_PASS": PASS}
    exported = run_env(
        "--db",
        db,
        "export-package",
        "--all",
        "-o",
        str(pkg),
        "--passphrase-env",
        "PKG_PASS",
        data_dir=tmp_path,
        extra=env_pass,
    )
    assert exported.returncode == 0, exported.stderr
    assert pkg.read_bytes()[:8] == b"CDSEALED" and "欧阳雪梅".encode() not in pkg.read_bytes()
    needs = run("--db", db, "import-package", str(pkg), "--dry-run", data_dir=tmp_path)
    assert needs.returncode == 1 and "--passphrase-env" in needs.stderr
    wrong = run_env(
        "--db",
        db,
        "import-package",
        str(pkg),
        "--dry-run",
        "--passphrase-env",
        "PKG_PASS",
        data_dir=tmp_path,
        extra={"PKG_PASS": "a wrong passphrase"},
    )
    assert wrong.returncode == 1 and "口令不正确" in wrong.stderr
    ok = run_env(
        "--db",
        db,
        "import-package",
        str(pkg),
        "--dry-run",
        "--passphrase-env",
        "PKG_PASS",
        data_dir=tmp_path,
        extra=env_pass,
    )
    assert ok.returncode == 0 and "相同" in ok.stdout
    backup = tmp_path / "b.sealed"
    made = run_env(
        "--db", db, "backup", str(backup), "--passphrase-env", "PKG_PASS", data_dir=tmp_path, extra=env_pass
    )
    assert made.returncode == 0, made.stderr
    assert "欧阳雪梅".encode() not in backup.read_bytes()
    out = tmp_path / "restored.db"
    opened = run_env(
        "--db",
        db,
        "unseal",
        str(backup),
        "-o",
        str(out),
        "--passphrase-env",
        "PKG_PASS",
        data_dir=tmp_path,
        extra=env_pass,
    )
    assert opened.returncode == 0, opened.stderr
    assert "欧阳雪梅" in run("--db", str(out), "cadre", "list", "--json", data_dir=tmp_path).stdout


def run_env(*args: str, data_dir: Path, extra: dict[str, str]) -> subprocess.CompletedProcess[str]:
    old = {k: os.environ.get(k) for k in extra}
    os.environ.update(extra)
    try:
        return run(*args, data_dir=data_dir)
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
