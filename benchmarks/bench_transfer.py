"""Issue-6 speed targets (not part of the test suite): fresh temporary databases each time.

    .venv/bin/python benchmarks/bench_transfer.py [--rows 10000] [--files 1000]

Targets: import a 10,000-row roster < 15 s (preview + backup + apply), 1,000 .lrmx files < 30 s
(read + preview + apply), export 10,000 roster rows < 10 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import tempfile
import time
from pathlib import Path

import openpyxl

from cadre_desk.db.opening import open_database
from cadre_desk.domain.idcard import make_id_number
from cadre_desk.services.context import ServiceContext, open_context
from cadre_desk.transfer import forms, importing, roster

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "lrmx" / "family10_resume40_unknown.lrmx"
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"
UNITS = [f"XX县{n}" for n in ("委组织部", "委宣传部", "发改局", "财政局", "教育局", "XX镇", "YY乡", "ZZ街道")]


def _ctx(folder: Path) -> ServiceContext:
    return open_context(open_database(str(folder / "bench.db"), create=True), "bench")


def _person(rng: random.Random, n: int) -> tuple[str, str, dt.date, str]:
    birth = dt.date(rng.randint(1965, 1998), rng.randint(1, 12), rng.randint(1, 28))
    male = rng.random() < 0.6
    idn = make_id_number(f"3301{n % 90 + 10:02d}", birth, n // 90, male)
    name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
    return name, "男" if male else "女", birth, idn


def make_roster(path: Path, rows: int) -> None:
    rng = random.Random(1)
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["XX县干部花名册"])
    ws.merge_cells("A1:J1")
    ws.append(
        [
            "序号",
            "姓名",
            "性别",
            "出生年月",
            "民族",
            "政治面貌",
            "参加工作时间",
            "单位",
            "现任职务",
            "身份证号",
        ]
    )
    seen: set[str] = set()
    n = 0
    while n < rows:
        name, gender, birth, idn = _person(rng, len(seen))
        if idn in seen:
            continue
        seen.add(idn)
        n += 1
        forms_ = (
            f"{birth:%Y.%m}",
            f"{birth.year}.{birth.month}",
            f"{birth:%Y%m}",
            f"{birth.year}年{birth.month}月",
        )
        work = f"{birth.year + 22}.{rng.randint(7, 9):02d}"
        ws.append(
            [n, name, gender, rng.choice(forms_), "汉族", "中共党员", work, rng.choice(UNITS), "科员", idn]
        )
    book.save(path)


def make_lrmx_files(folder: Path, count: int) -> None:
    text = FIXTURE.read_text(encoding="utf-8")
    template_id = "330104197801203335"
    original = text.split("<ShenFenZheng>")[1].split("<")[0]
    rng = random.Random(2)
    folder.mkdir()
    for n in range(count):
        birth = dt.date(1978, 1, 20)
        idn = make_id_number(f"3301{n % 90 + 10:02d}", birth, n // 90, True)
        name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
        body = text.replace(original, idn).replace("欧阳志远", name)
        (folder / f"{n:04d}.lrmx").write_text(body, encoding="utf-8")
    del template_id


def timed(label: str, fn):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = fn()
    elapsed = time.perf_counter() - start
    print(f"{label:48} {elapsed:7.2f} s")
    return result, elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--files", type=int, default=1_000)
    args = parser.parse_args()
    base = Path(tempfile.mkdtemp(prefix="bench-transfer-"))
    try:
        xlsx = base / "roster.xlsx"
        timed(f"(generate a {args.rows}-row roster)", lambda: make_roster(xlsx, args.rows))
        (one := base / "r").mkdir()
        ctx = _ctx(one)

        def roster_import() -> importing.ImportResult:
            _sheet, plan = roster.plan_roster(ctx, xlsx)
            assert not plan.rejected, plan.rejected[:3]
            return roster.apply_roster(ctx, plan)

        result, _t = timed(f"import roster, {args.rows} rows (preview+backup+apply)", roster_import)
        assert result.created == args.rows
        timed(f"export roster, {args.rows} rows", lambda: roster.export_roster(ctx, base / "out.xlsx"))
        ctx.db.dispose()

        files = base / "lrmx"
        timed(f"(generate {args.files} .lrmx files)", lambda: make_lrmx_files(files, args.files))
        (two := base / "l").mkdir()
        ctx = _ctx(two)

        def lrmx_import() -> importing.ImportResult:
            plan = forms.plan_files(ctx, [files])
            assert not plan.rejected, plan.rejected[:3]
            return importing.apply_plan(ctx, plan)

        result, _t = timed(f"import {args.files} .lrmx (40-line resume, 10 family)", lrmx_import)
        assert result.created == args.files
        timed(
            f"export {args.files} .lrmx", lambda: forms.export_files(ctx, list(result.cadre_ids), base / "x")
        )
        ctx.db.dispose()
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
