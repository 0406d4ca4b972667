"""`cadre-desk dossier …` as scripts meet it: real processes, real PDFs, audit records, Chinese errors."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.e2e.test_cli import run


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("dossier")
    db = base / "demo.db"
    run("--db", str(db), "demo", "--cadres", "30", "--seed", "3", data_dir=base)
    return db, base


def _first(db: Path, sql: str) -> int:
    with sqlite3.connect(db) as con:
        return int(con.execute(sql).fetchone()[0])


def _exports(db: Path) -> list[tuple[str, str, int]]:
    with sqlite3.connect(db) as con:
        return list(
            con.execute(
                "SELECT action, entity, entity_id FROM audit_event WHERE action IN ('export', 'print')"
            )
        )


def test_single_documents(demo_db: tuple[Path, Path], tmp_path: Path) -> None:
    db, base = demo_db
    mentee = _first(db, "SELECT mentee_id FROM mentorship LIMIT 1")
    pairing = _first(db, "SELECT id FROM mentorship LIMIT 1")
    talk = _first(db, "SELECT id FROM talk LIMIT 1")
    jobs = [
        (
            "cadre",
            mentee,
            "干部成长档案",
            ["--sections", "basic", "diary", "--from", "2020.01.01", "--to", "2030.12.31"],
        ),
        ("form", mentee, "干部任免审批表", ["--reference", "2026.01.01"]),
        ("pairing", pairing, "帮带档案", []),
        ("talk", talk, "谈话记录表", []),
    ]
    for action, ident, title, extra in jobs:
        out = tmp_path / f"{action}.pdf"
        proc = run(
            "--db",
            str(db),
            "--operator",
            "打印员",
            "dossier",
            action,
            str(ident),
            "-o",
            str(out),
            *extra,
            data_dir=base,
        )
        assert title in proc.stdout and out.exists()
        reader = PdfReader(out)
        assert reader.metadata is not None and str(reader.metadata.title).startswith(title)
        assert len(reader.pages) >= 1 and reader.outline
    assert not list(tmp_path.glob("*.part"))
    events = _exports(db)
    assert ("export", "cadre", mentee) in events and ("export", "talk", talk) in events
    assert ("export", "mentorship", pairing) in events


def test_errors_are_chinese_and_exit_1(demo_db: tuple[Path, Path], tmp_path: Path) -> None:
    db, base = demo_db
    cases = [
        (["dossier", "talk", "999999", "-o", str(tmp_path / "x.pdf")], "找不到"),
        (["dossier", "cadre", "1", "-o", str(tmp_path / "no" / "x.pdf")], "目录不存在"),
        (["dossier", "cadre", "1", "-o", str(tmp_path / "x.pdf"), "--from", "2024.13.01"], "无法识别"),
        (["dossier", "batch", "--unit", "没有这个单位", "-o", str(tmp_path / "b")], "找不到单位"),
    ]
    for args, message in cases:
        proc = run("--db", str(db), *args, data_dir=base, check=False)
        assert proc.returncode == 1 and message in proc.stderr, proc.stderr


def test_batch_merge(demo_db: tuple[Path, Path], tmp_path: Path) -> None:
    db, base = demo_db
    out = tmp_path / "batch"
    proc = run(
        "--db",
        str(db),
        "dossier",
        "batch",
        "--all",
        "-o",
        str(out),
        "--merge",
        "--kind",
        "form",
        data_dir=base,
    )
    files = sorted(p for p in out.iterdir() if "合订本" not in p.name)
    assert len(files) == 30 and "已导出 30 份" in proc.stdout
    merged = next(out.glob("*合订本*.pdf"))
    reader = PdfReader(merged)
    tops = [o for o in reader.outline if not isinstance(o, list)]
    assert len(tops) == 30 and len(reader.pages) == sum(len(PdfReader(f).pages) for f in files)
    assert len([e for e in _exports(db) if e[0] == "export"]) >= 30
