"""The CLI on hostile and imperfect appointment forms: messages instead of tracebacks, nothing written
for refused files, 待核实 warnings in the preview and in `check --json`."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from cadre_desk.domain.idcard import make_id_number
from tests.e2e.test_cli import run, run_json
from tests.integration.test_import_warnings import form, write

GOOD_ID = make_id_number("330102", dt.date(1985, 3, 12), 1, male=True)
BAD_CHECK_DIGIT = GOOD_ID[:17] + ("0" if GOOD_ID[17] != "0" else "1")


def test_hostile_files_give_messages_not_tracebacks(tmp_path: Path) -> None:
    data = tmp_path / "data"
    db = str(tmp_path / "a.db")
    run("--db", db, "init", data_dir=data)
    folder = tmp_path / "in"
    folder.mkdir()
    deep = b"<Person><XingMing>x</XingMing>" + b"<a>" * 100_000 + b"</a>" * 100_000 + b"</Person>"
    write(folder, "deep.lrmx", deep)
    write(folder, "born2200.lrmx", form(ChuShengNianYue="220001"))
    (folder / "zero.lrmx").symlink_to("/dev/zero")
    os.mkfifo(folder / "fifo.lrmx")
    files = [str(p) for p in sorted(folder.iterdir())]
    proc = run("--db", db, "import-lrmx", *files, data_dir=data, check=False)  # `run` checks: no traceback
    assert proc.returncode == 1
    assert "无法导入 4" in proc.stdout
    assert "管道" in proc.stdout and "嵌套" in proc.stdout and "不是普通文件" in proc.stdout
    assert "年份 2200" in proc.stdout
    assert run_json("--db", db, "stats", "--json", data_dir=data)["cadre"] == 0


def test_preview_and_check_report_what_is_to_verify(tmp_path: Path) -> None:
    data = tmp_path / "data"
    db = str(tmp_path / "a.db")
    run("--db", db, "init", data_dir=data)
    good = write(tmp_path, "王建国.xml", form(ShenFenZheng=BAD_CHECK_DIGIT, MinZu="火星族"))
    nobody = write(tmp_path, "nobody.lrmx", form(XingMing=""))
    preview = run_json(
        "--db", db, "import-lrmx", str(good), str(nobody), "--dry-run", "--json", data_dir=data
    )
    (item,) = preview["items"]
    assert item["name"] == "王建国" and item["action"] == "create"
    assert {p["field"] for p in item["to_verify"]} == {"id_number", "ethnicity"}
    assert preview["summary"]["rejected"] == 1 and preview["to_verify"] == 1
    (refused,) = preview["rejected"]
    assert refused["kind"] == "no_person" and refused["problems"]
    text = run("--db", db, "import-lrmx", str(good), str(nobody), "--dry-run", data_dir=data).stdout
    assert "待核实（警告，照常导入）" in text and "[无法导入·" in text
    run("--db", db, "import-lrmx", str(good), data_dir=data)
    report = json.loads(run("--db", db, "check", "--json", data_dir=data).stdout)
    assert report["ok"] is True and "items" in report
    (cadre,) = report["to_verify"]["cadres"]
    assert cadre["name"] == "王建国" and report["to_verify"]["total"] == 1
    assert {p["label"] for p in cadre["problems"]} == {"身份证号", "民族"}
