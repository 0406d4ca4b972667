"""The transfer commands as real processes: previews, all-or-nothing, Chinese errors, no tracebacks."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import openpyxl

from tests.e2e.test_cli import run

FIXTURES = Path(__file__).parents[1] / "fixtures" / "lrmx"


def _hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_lrmx_import_export_round_trip(tmp_path: Path) -> None:
    db, data = str(tmp_path / "a.db"), tmp_path / "data"
    run("--db", db, "init", data_dir=data)
    preview = json.loads(
        run("--db", db, "import-lrmx", str(FIXTURES), "--dry-run", "--json", data_dir=data).stdout
    )
    assert preview["summary"]["create"] == 4 and preview["summary"]["rejected"] == 4
    before = _hash(Path(db))
    proc = run("--db", db, "import-lrmx", str(FIXTURES), data_dir=data, check=False)
    assert proc.returncode == 1 and "未写入任何数据" in proc.stderr
    assert _hash(Path(db)) == before
    proc = run(
        "--db",
        db,
        "import-lrmx",
        str(FIXTURES / "filled_compact.lrmx"),
        str(FIXTURES / "dotted_dates.lrmx"),
        data_dir=data,
    )
    assert "新增 2" in proc.stdout
    out = tmp_path / "out"
    proc = run("--db", db, "export-lrmx", "1", "2", "-o", str(out), data_dir=data)
    assert sorted(p.name for p in out.iterdir()) == ["刘芳.lrmx", "王建国.lrmx"]
    proc = run("--db", db, "export-lrmx", "99", "-o", str(out), data_dir=data, check=False)
    assert proc.returncode == 1 and "找不到干部" in proc.stderr


def test_roster_and_package_commands(tmp_path: Path) -> None:
    db, data = str(tmp_path / "a.db"), tmp_path / "data"
    run("--db", db, "init", data_dir=data)
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["名册"])
    ws.append(["姓名", "性别", "出生年月", "单位", "现任职务", "身份证号"])
    ws.append(["王一", "男", "1985.3", "XX镇", "镇长", ""])
    ws.append(["李二", "女", "1990年13月", "XX镇", "副镇长", ""])
    book.save(tmp_path / "r.xlsx")
    proc = run("--db", db, "import-roster", str(tmp_path / "r.xlsx"), data_dir=data, check=False)
    assert proc.returncode == 1 and "第4行" in proc.stdout and "--exclude-rows 4" in proc.stderr
    proc = run("--db", db, "import-roster", str(tmp_path / "r.xlsx"), "--exclude-rows", "4", data_dir=data)
    assert "新增 1" in proc.stdout and "备份" in proc.stdout
    run(
        "--db",
        db,
        "export-roster",
        "-o",
        str(tmp_path / "o.xlsx"),
        "--columns",
        "name,birth,unit",
        data_dir=data,
    )
    assert openpyxl.load_workbook(tmp_path / "o.xlsx").active["A3"].value == "王一"
    run("--db", db, "export-package", "--all", "-o", str(tmp_path / "p.zip"), data_dir=data)
    db2 = str(tmp_path / "b.db")
    run("--db", db2, "init", data_dir=data)
    proc = run("--db", db2, "import-package", str(tmp_path / "p.zip"), data_dir=data)
    assert "新增" in proc.stdout
    summary = json.loads(
        run(
            "--db", db2, "import-package", str(tmp_path / "p.zip"), "--json", "--dry-run", data_dir=data
        ).stdout
    )
    assert summary["summary"]["new"] == 0 and summary["summary"]["conflict"] == 0
    proc = run("--db", db2, "import-package", str(tmp_path / "r.xlsx"), data_dir=data, check=False)
    assert proc.returncode == 1 and "不是干部成长档案台的交换包" in proc.stderr
    shutil.copy(tmp_path / "r.xlsx", tmp_path / "bad.lrmx")
    proc = run("--db", db2, "import-lrmx", str(tmp_path / "bad.lrmx"), data_dir=data, check=False)
    assert proc.returncode == 1 and "不是有效的 XML" in proc.stdout
