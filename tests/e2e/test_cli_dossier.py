"""`cadre-desk dossier …` as scripts meet it: real processes, real PDFs, audit records, Chinese errors."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from pypdf import PdfReader

from cadre_desk.services import diary, diary_entries, mentorship, mentorship_changes
from cadre_desk.services.context import ServiceContext
from tests.conftest import make_cadre
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


def _pdf_text(path: Path) -> str:
    import subprocess

    out = subprocess.run(["pdftotext", "-raw", str(path), "-"], check=True, capture_output=True, text=True)
    return "".join(out.stdout.split())


def test_the_form_prints_its_case_data_and_refuses_what_does_not_fit(
    demo_db: tuple[Path, Path], tmp_path: Path
) -> None:
    db, base = demo_db
    cadre = _first(db, "SELECT id FROM cadre ORDER BY id DESC LIMIT 1")
    name = str(_first_text(db, f"SELECT name FROM cadre WHERE id = {cadre}"))
    with sqlite3.connect(db) as con:
        con.execute(
            "INSERT INTO appointment_case (id, uid, created_at, updated_at, version, cadre_id, "
            "proposed_post, proposed_removal, reason, reporting_unit, filled_by, filled_on, age_reference) "
            "VALUES "
            "(9001, 'case-9001', '2026-01-01', '2026-01-01', 1, ?, '某镇党委书记', '某局副局长职务', "
            "'工作需要', '中共某县委组织部', '赵填表', '2024-04-20', '2024-04-30')",
            (cadre,),
        )
    out = tmp_path / "form.pdf"
    cmd = ("--db", str(db), "dossier", "form", str(cadre), "-o", str(out))
    run(*cmd, "--draft", data_dir=base)
    text = _pdf_text(out)
    for value in (
        "某镇党委书记",
        "某局副局长职务",
        "工作需要",
        "中共某县委组织部",
        "填表人：赵填表",
        "2024年04月20日",
        "草稿",
    ):
        assert value in text, value
    assert len(PdfReader(out).pages) == 2
    out.unlink()
    with sqlite3.connect(db) as con:
        con.execute("UPDATE appointment_case SET reason = ? WHERE id = 9001", ("理由" * 950,))
    proc = run(*cmd, data_dir=base, check=False)
    assert proc.returncode != 0
    assert name in proc.stderr and "任免理由" in proc.stderr and "5.5" in proc.stderr
    assert not out.exists() and not list(tmp_path.glob("*.part"))
    folder = tmp_path / "batch"
    folder.mkdir()
    proc = run(
        "--db",
        str(db),
        "dossier",
        "batch",
        "--all",
        "--kind",
        "form",
        "-o",
        str(folder),
        data_dir=base,
        check=False,
    )
    assert proc.returncode != 0 and name in proc.stderr and "任免理由" in proc.stderr
    assert list(folder.iterdir()) == []  # said before printing: nothing written
    with sqlite3.connect(db) as con:
        con.execute("DELETE FROM appointment_case WHERE id = 9001")


def _first_text(db: Path, sql: str) -> str:
    with sqlite3.connect(db) as con:
        return str(con.execute(sql).fetchone()[0])


def test_a_range_of_year_months_covers_whole_months(
    ctx: ServiceContext, db_path: Path, tmp_path: Path
) -> None:
    """The README's `--from 2024.01 --to 2024.12`: from the first of January to the last of December."""
    mentor, mentee = make_cadre(ctx, "王小明"), make_cadre(ctx, "李四")
    mentorship_changes.create_mentorship(
        ctx, mentorship.MentorshipInput(mentor.id, mentee.id, "2023.01.01", "2025.12.31", "熟悉基层", "")
    )
    days = {
        "2023.12.31": "旧年末日",
        "2024.01.01": "元旦当日",
        "2024.12.31": "年末当日",
        "2025.01.01": "新年首日",
    }
    for day, title in days.items():
        diary_entries.create_entry(
            ctx, diary.DiaryEntryInput(mentee.id, day, title, "工作", "走访。"), submit=True
        )
    out = tmp_path / "档案.pdf"
    args = ["--db", str(db_path), "dossier", "cadre", str(mentee.id), "-o", str(out), "--sections", "diary"]
    run(*args, "--from", "2024.01", "--to", "2024.12", data_dir=tmp_path)
    text = "".join("".join(page.extract_text().split()) for page in PdfReader(out).pages)
    assert [t for t in days.values() if t in text] == ["元旦当日", "年末当日"]
    bad = run(*args, "--from", "2024.13", data_dir=tmp_path, check=False)
    assert bad.returncode == 1 and "起始日期" in bad.stderr


def test_the_inspection_report_as_pdf_and_word(demo_db: tuple[Path, Path], tmp_path: Path) -> None:
    """`dossier inspection ID -o FILE.pdf|FILE.docx`: a fresh draft when nothing was saved; audited."""
    from docx import Document as WordDocument

    db, base = demo_db
    cadre = _first(
        db,
        "SELECT ts.cadre_id FROM talk_subject ts JOIN talk t ON t.id = ts.talk_id "
        "WHERE t.kind = '考察谈话' LIMIT 1",
    )
    name = _first_text(db, f"SELECT name FROM cadre WHERE id = {cadre}")
    pdf, docx = tmp_path / "考察 #1 %20.pdf", tmp_path / "考察 #1.docx"
    for out in (pdf, docx):
        proc = run("--db", str(db), "dossier", "inspection", str(cadre), "-o", str(out), data_dir=base)
        assert "已导出考察材料" in proc.stdout and out.exists()
    assert f"关于{name}同志的考察材料" in _pdf_text(pdf) and "五、廉洁自律（廉）" in _pdf_text(pdf)
    paragraphs = [p.text for p in WordDocument(str(docx)).paragraphs if p.text]
    assert paragraphs[0] == f"关于{name}同志的考察材料" and "六、主要缺点和不足" in paragraphs
    exports = [e for e in _exports(db) if e[2] == cadre]
    assert len([e for e in exports if e[:2] == ("export", "cadre")]) >= 2
    proc = run(
        "--db", str(db), "dossier", "inspection", str(cadre), "-o", str(tmp_path / "x.txt"), data_dir=base,
        check=False,
    )  # fmt: skip
    assert proc.returncode == 1 and ".pdf 或 .docx" in proc.stderr and not (tmp_path / "x.txt").exists()
