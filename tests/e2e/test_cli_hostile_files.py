"""Hostile files handed to import-roster and import-package as real processes: a message and exit code 1,
never a traceback, and a zip bomb refused from its directory with little memory (issue 9, items 4-6)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl

from tests.e2e.test_cli import ROOT, run


def _bomb(path: Path, member: str, size_mb: int, head: bytes = b"", tail: bytes = b"") -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        if member != "manifest.json":
            zf.writestr("manifest.json", json.dumps({"format": "cadre-desk-exchange", "format_version": 1}))
        with zf.open(member, "w", force_zip64=True) as f:
            f.write(head)
            block = b" " * (8 << 20)
            for _ in range(size_mb // 8):
                f.write(block)
            f.write(tail)
    return path


def test_hostile_rosters_and_packages_get_a_message(tmp_path: Path) -> None:
    db, data = str(tmp_path / "a.db"), tmp_path / "data"
    run("--db", db, "init", data_dir=data)
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    (tmp_path / "old.xls").write_bytes(ole + "Workbook".encode("utf-16-le") + bytes(2000))
    (tmp_path / "locked.xlsx").write_bytes(ole + "EncryptedPackage".encode("utf-16-le") + bytes(2000))
    (tmp_path / "r.csv").write_text("姓名,性别\n王一,男\n", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    book = openpyxl.Workbook()
    book.active.append(["姓名"])
    book.save(tmp_path / "book.xlsx")
    cases = {
        "old.xls": "旧版",
        "locked.xlsx": "密码",
        "r.csv": "CSV",
        "folder": "文件夹",
    }
    for name, word in cases.items():
        proc = run("--db", db, "import-roster", str(tmp_path / name), data_dir=data, check=False)
        assert proc.returncode == 1 and word in proc.stderr, (name, proc.stderr)
    for name, word in {
        "folder": "文件夹",
        "book.xlsx": "不是干部成长档案台的交换包",
        "r.csv": "不是交换包",
    }.items():
        proc = run("--db", db, "import-package", str(tmp_path / name), data_dir=data, check=False)
        assert proc.returncode == 1 and word in proc.stderr, (name, proc.stderr)


def test_a_package_that_inflates_to_half_a_gigabyte_is_refused_with_little_memory(tmp_path: Path) -> None:
    db, data = str(tmp_path / "a.db"), tmp_path / "data"
    run("--db", db, "init", data_dir=data)
    bomb = _bomb(tmp_path / "bomb.zip", "data/cadre.json", 512, b"[", b"]")
    assert bomb.stat().st_size < 1 << 20
    env = {**os.environ, "CADRE_DESK_DATA_DIR": str(data), "PYTHONIOENCODING": "utf-8"}
    # A forked child inherits the peak memory of this (large) test process until it execs, so the
    # command is started by a small fresh interpreter that reports its child's own peak.
    wrapper = (
        "import resource, subprocess, sys\n"
        "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
        "print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    command = [sys.executable, str(ROOT / "main.py"), "--db", db, "import-package", str(bomb)]
    with open(tmp_path / "stderr", "wb") as err:
        proc = subprocess.run(
            [sys.executable, "-c", wrapper, *command], stdout=subprocess.PIPE, stderr=err, env=env, check=True
        )
    returncode, maxrss_kb = (int(v) for v in proc.stdout.split())
    text = (tmp_path / "stderr").read_text(encoding="utf-8")
    assert returncode == 1 and "压缩" in text and "Traceback" not in text, text
    assert maxrss_kb < 300_000  # KB, the whole process; reading the member would take 512 MB more
