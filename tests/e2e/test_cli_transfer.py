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


def test_export_package_names_the_related_people_it_carries_as_references(tmp_path: Path) -> None:
    """最小必要: 3 chosen cadres travel in full; the others of their talks and pairings by name and unit."""
    db, data = str(tmp_path / "a.db"), tmp_path / "data"
    run("--db", db, "init", data_dir=data)
    run("--db", db, "demo", "--cadres", "40", "--seed", "7", data_dir=data)
    proc = run("--db", db, "export-package", "1", "2", "3", "-o", str(tmp_path / "p.zip"), data_dir=data)
    out = json.loads(
        run(
            "--db",
            db,
            "export-package",
            "1",
            "2",
            "3",
            "-o",
            str(tmp_path / "q.zip"),
            "--json",
            data_dir=data,
        ).stdout
    )
    assert (
        out["cadres"] == 3
        and out["counts"]["cadre"] == 3
        and out["related"] == out["counts"]["cadre_ref"] > 0
    )
    assert f"干部 3 人（另含 {out['related']} 名相关人员的姓名与单位，用于关联谈话、结对）" in proc.stdout
    db2 = str(tmp_path / "b.db")
    run("--db", db2, "init", data_dir=data)
    preview = json.loads(
        run(
            "--db", db2, "import-package", str(tmp_path / "p.zip"), "--json", "--dry-run", data_dir=data
        ).stdout
    )
    assert {"new", "theirs", "mine", "same", "conflict", "link"} <= set(preview["summary"])
    assert preview["references"] == out["related"] and "manifest" in preview and "conflicts" in preview
    proc = run("--db", db2, "import-package", str(tmp_path / "p.zip"), data_dir=data)
    assert f"交换包另含 {out['related']} 名相关人员的姓名与单位" in proc.stdout
    again = run("--db", db2, "import-package", str(tmp_path / "p.zip"), data_dir=data)
    assert f"关联本机干部 {out['related']}" in again.stdout
    stats = json.loads(run("--db", db2, "stats", "--json", data_dir=data).stdout)
    assert stats["cadre"] == 3 + out["related"]
    checks = json.loads(run("--db", db2, "check", "--json", data_dir=data).stdout)
    assert json.dumps(checks, ensure_ascii=False).count("由交换包中的谈话或结对关联而来") >= out["related"]
