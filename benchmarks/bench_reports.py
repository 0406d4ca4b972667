"""Issue-5 speed targets for the appointment form (not part of the test suite).

    .venv/bin/python benchmarks/bench_reports.py [--forms 1000] [--workers 2]
    .venv/bin/python benchmarks/bench_reports.py --db DEMO.db [--dossiers 1000]   # + the dossier figures

- one form in a running process (fonts registered, warm): median of repeated builds, target < 40 ms;
- the same content built with bare reportlab (one fixed size, no fitting, no font fallback), to show
  what our layer costs;
- a batch of forms written to files by worker processes, target 1,000 forms on 2 workers < 25 s.

- with `--db` (a demo database, opened read-only): a dossier of about 50 pages (target < 1.5 s) against
  the same story built with bare reportlab (no table of contents, no fallback, no marks), and a batch of
  dossiers through `reports.batch` on worker processes (target 1,000 on 2 cores < 5 min), with the
  peak RSS of the parent and of the largest worker (flat memory).

Profiles are generated in memory (typical careers of 6–20 lines, 3–8 family members), so the figures
measure the report layer and not the database.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.lib.units import cm  # noqa: E402
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle  # noqa: E402

from cadre_desk.domain.yearmonth import YearMonth  # noqa: E402
from cadre_desk.reports import fonts, form_text  # noqa: E402
from cadre_desk.reports.appointment_form import build_appointment_form  # noqa: E402
from cadre_desk.reports.appointment_options import FormOptions  # noqa: E402
from cadre_desk.services.cadre_records import (  # noqa: E402
    AssessmentView,
    CadreProfile,
    FamilyMemberView,
    ResumeEntryView,
    RewardView,
)
from cadre_desk.services.cadres import CadreView  # noqa: E402

OPTIONS = FormOptions(
    age_reference=dt.date(2026, 11, 24),
    operator="王㛃",
    proposed_post="XX县XX镇党委书记",
    proposed_removal="XX县委组织部干部一科科长职务",
    reason="工作需要。",
    reporting_unit="中共XX县委组织部",
    filled_by="刘䶮",
    filled_on=dt.date(2026, 11, 20),
)
POSTS = (
    "XX县XX镇人民政府科员",
    "XX县XX镇党委组织委员",
    "XX县委组织部干部一科副科长",
    "XX县XX乡党委副书记、乡长",
)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚堃喆昇燊㛃䶮"


def make_profile(rng: random.Random, cadre_id: int) -> CadreProfile:
    birth = YearMonth(rng.randint(1965, 1995), rng.randint(1, 12))
    name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))
    cadre = CadreView(
        id=cadre_id, uid=f"u{cadre_id}", version=1, archived=False,
        created_at=dt.datetime(2024, 1, 1), updated_at=dt.datetime(2024, 1, 1), unit="XX县委组织部",
        has_photo=False, name=name, gender=rng.choice("男女"), birth=birth, ethnicity="汉族",
        native_place="浙江温州", birthplace="浙江瑞安", political_status="中共党员",
        party_join=birth.add_months(12 * 22), democratic_party="", work_start=birth.add_months(12 * 22 + 4),
        health="健康", professional_title="经济师", speciality="党建工作、干部管理",
        fulltime_education="大学", fulltime_degree="法学学士", fulltime_school="浙江大学法学院法学专业",
        fulltime_degree_school="",
        inservice_education="研究生", inservice_degree="公共管理硕士",
        inservice_school="中共浙江省委党校经济管理专业", inservice_degree_school="", post=rng.choice(POSTS),
        rank="正科级", post_since=YearMonth(2020, 8), id_number="", unit_id=None, phone="", notes="",
    )  # fmt: skip
    start = birth.add_months(12 * 18 + 8)
    resume = []
    for i in range(rng.randint(6, 20)):
        end = start.add_months(rng.randint(12, 40))
        text = rng.choice(POSTS) + ("，分管组织、宣传和统战工作" if rng.random() < 0.3 else "")
        resume.append(ResumeEntryView(i, start, end, text))
        start = end
    relatives = [("妻子", 2), ("儿子", 28), ("父亲", -27), ("母亲", -25)][: rng.randint(2, 4)]
    family = tuple(
        FamilyMemberView(i, rel, rng.choice(SURNAMES) + rng.choice(GIVEN), birth.add_months(12 * years),
                         "群众", "XX县XX镇人民政府干部", False)
        for i, (rel, years) in enumerate(relatives)
    )  # fmt: skip
    rewards = tuple(
        RewardView(i, "奖励", YearMonth(2018 + i, 12), "被评为优秀共产党员", "") for i in range(2)
    )
    assessments = tuple(AssessmentView(i, 2021 + i, rng.choice(("称职", "优秀")), "") for i in range(4))
    return CadreProfile(cadre, tuple(resume), family, rewards, assessments, (), (), ())


def bare_reportlab(profile: CadreProfile, out: io.BytesIO) -> None:
    """The same content with bare reportlab: fixed sizes, no fitting, fallback, marks or bookmarks."""
    style = ParagraphStyle("b", fontName=fonts.MAIN_FONT, fontSize=12, leading=15.6, wordWrap="CJK")
    c = profile.cadre

    def p(text: str) -> Paragraph:
        return Paragraph(fonts.escape(text).replace("\n", "<br/>"), style)

    spans = [("SPAN", (3, r), (5, r)) for r in (3, 4, 5)] + [("SPAN", (1, r), (5, r)) for r in (6, 7)]
    grid = TableStyle(
        [("FONT", (0, 0), (-1, -1), fonts.MAIN_FONT, 12), ("GRID", (0, 0), (-1, -1), 0.5, "black")]
    )
    front_grid = TableStyle([*grid.getCommands(), *spans])
    front: list[list[Any]] = [
        [
            "姓名",
            p(c.name),
            "性别",
            c.gender,
            "出生年月",
            p(form_text.birth_cell(c.birth, OPTIONS.age_reference)),
        ],
        ["民族", c.ethnicity, "籍贯", p(c.native_place), "出生地", p(c.birthplace)],
        ["入党时间", str(c.party_join), "参加工作时间", str(c.work_start), "健康状况", c.health],
        ["专业技术职务", p(c.professional_title), "熟悉专业有何专长", p(c.speciality), "", ""],
        ["全日制教育", p(c.fulltime_education), "毕业院校系及专业", p(c.fulltime_school), "", ""],
        ["在职教育", p(c.inservice_education), "毕业院校系及专业", p(c.inservice_school), "", ""],
        ["现任职务", p(c.post), "", "", "", ""],
        ["简历", [p(f"{i.span}  {i.text}") for i in form_text.resume_items(profile.resume)], "", "", "", ""],
    ]
    back: list[list[Any]] = [
        ["奖惩情况", [p(line) for line in form_text.reward_lines(profile.rewards)]],
        ["年度考核结果", p(form_text.assessment_summary(profile.assessments))],
        ["任免理由", p(OPTIONS.reason)],
        *[[m.relation, p(f"{m.name} {form_text.family_age(m, OPTIONS.age_reference)} {m.employer_post}")]
          for m in profile.family],
        ["呈报单位", p(OPTIONS.reporting_unit)],
        ["审批机关意见", ""],
        ["行政机关任免意见", ""],
    ]  # fmt: skip
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=2.5 * cm, rightMargin=2 * cm)
    widths = [2.5 * cm, 3 * cm, 2.5 * cm, 3 * cm, 2.5 * cm, 3 * cm]
    doc.build(
        [Table(front, widths, style=front_grid), PageBreak(), Table(back, [3 * cm, 13.5 * cm], style=grid)]
    )


def _photo() -> bytes:
    """A 2-inch photo as a typical JPEG (350 x 490 pixels)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (350, 490), (200, 220, 240))
    draw = ImageDraw.Draw(image)
    draw.ellipse((100, 80, 250, 260), fill=(230, 200, 170))
    draw.rectangle((60, 300, 290, 490), fill=(40, 50, 90))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


def _median_ms(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _batch(args: tuple[int, int, str]) -> int:
    first, count, out_dir = args
    rng = random.Random(first)
    for i in range(first, first + count):
        build_appointment_form(make_profile(rng, i), None, Path(out_dir) / f"{i}.pdf", OPTIONS)
    return count


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--forms", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--db", type=Path, help="a demo database for the dossier figures (read-only)")
    parser.add_argument("--dossiers", type=int, default=1000)
    parser.add_argument("--skip-forms", action="store_true")
    parser.add_argument("--merge", action="store_true", help="also merge the dossier batch into one file")
    args = parser.parse_args()
    print("load average (1, 5, 15 min): {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    if args.db:
        fonts.register_fonts()
        dossier_figures(args.db, args.dossiers, args.workers, 5, args.merge)
        if args.skip_forms:
            return

    start = time.perf_counter()
    fonts.register_fonts()
    print(f"font registration (once per process): {(time.perf_counter() - start) * 1000:.0f} ms")

    rng = random.Random(1)
    profiles = [make_profile(rng, i) for i in range(args.repeat)]
    build_appointment_form(profiles[0], None, io.BytesIO(), OPTIONS)  # warm up
    bare_reportlab(profiles[0], io.BytesIO())
    it = iter(profiles * 2)
    ours = _median_ms(lambda: build_appointment_form(next(it), None, io.BytesIO(), OPTIONS), args.repeat)
    it2 = iter(profiles * 2)
    bare = _median_ms(lambda: bare_reportlab(next(it2), io.BytesIO()), args.repeat)
    photo = _photo()
    it3 = iter(profiles * 2)
    with_photo = _median_ms(
        lambda: build_appointment_form(next(it3), photo, io.BytesIO(), OPTIONS), args.repeat
    )
    print(f"one form, in process (median of {args.repeat}): {ours:.1f} ms   [target < 40 ms]")
    print(f"one form with a {len(photo) // 1024} KB JPEG photo:       {with_photo:.1f} ms")
    print(f"same content, bare reportlab:               {bare:.1f} ms   (ours / bare = {ours / bare:.2f})")

    with tempfile.TemporaryDirectory() as out_dir:
        per = -(-args.forms // args.workers)
        jobs = [(w * per, min(per, args.forms - w * per), out_dir) for w in range(args.workers)]
        start = time.perf_counter()
        with ProcessPoolExecutor(args.workers) as pool:
            done = sum(pool.map(_batch, jobs))
        elapsed = time.perf_counter() - start
        size = sum(p.stat().st_size for p in Path(out_dir).iterdir()) / done / 1024
    print(
        f"{done} forms on {args.workers} worker processes: {elapsed:.1f} s "
        f"({elapsed / done * 1000:.1f} ms a form, {size:.0f} KB a file)   [target < 25 s]"
    )


def _bare_dossier(file: Any, out: io.BytesIO) -> int:
    """The dossier's text with bare reportlab: one paragraph style, plain tables, SimpleDocTemplate."""
    from reportlab.platypus import Spacer

    from cadre_desk.reports import form_text as ft

    style = ParagraphStyle("b", fontName=fonts.MAIN_FONT, fontSize=11, leading=16.5, wordWrap="CJK")
    grid = TableStyle(
        [("FONT", (0, 0), (-1, -1), fonts.MAIN_FONT, 10), ("GRID", (0, 0), (-1, -1), 0.5, "black")]
    )

    def p(text: str) -> Paragraph:
        return Paragraph(fonts.escape(text), style)

    c = file.profile.cadre
    story: list[Any] = [p(f"干部成长档案 {c.name} {c.unit} {c.post}"), PageBreak()]
    story.append(Table([[p(c.name), p(c.gender), p(str(c.birth)), p(c.post)]], style=grid))
    rows = [[p(i.span), p(i.text)] for i in ft.resume_items(file.profile.resume)]
    if rows:
        story.append(Table(rows, colWidths=[3.8 * cm, 12.7 * cm], style=grid, repeatRows=0))
    for e in file.diary:
        story.append(p(f"{e.date} {e.title}"))
        story += [p(line) for line in e.content.split("\n") if line.strip()]
        story += [p(f"导师点评 {m.mentor}：{m.text}") for m in e.comments]
    for t in file.talks:
        story.append(Table([[p(str(t.talk_at)), p(t.place), p(t.kind), p(t.talkers)]], style=grid))
        story += [p(x) for x in (t.outline, t.content, t.statement) if x]
        story.append(Spacer(1, 6))
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=2.5 * cm, rightMargin=2 * cm)
    doc.build(story)
    return int(doc.page)


def _peak_rss_mb() -> tuple[float, float]:
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def dossier_figures(db_path: Path, count: int, workers: int, repeat: int, merge: bool = False) -> None:
    from sqlalchemy import func, select

    from cadre_desk.db.models import DiaryEntry
    from cadre_desk.reports import batch
    from cadre_desk.reports.dossier import DossierOptions, build_cadre_dossier
    from cadre_desk.services import printing
    from cadre_desk.services.context import ServiceContext

    db = printing.open_read_only(db_path)
    ctx = ServiceContext(db, 0, "基准测试")
    settings = printing.PrintSettings("中共XX县委组织部", "内部资料 注意保密", "王㛃", "刘䶮", "基准测试")
    options = DossierOptions(settings, printed_at=dt.datetime(2026, 11, 24, 9, 30))
    # The mentee whose dossier is closest to 50 pages: try those with most diary text.
    with db.read() as session:
        candidates = [
            r[0]
            for r in session.execute(
                select(DiaryEntry.mentee_id)
                .group_by(DiaryEntry.mentee_id)
                .order_by(func.sum(func.length(DiaryEntry.content)).desc())
                .limit(40)
            )
        ]
    best = None
    for cadre_id in candidates:
        file = printing.gather_cadre(ctx, cadre_id)
        pages = build_cadre_dossier(file, io.BytesIO(), options)
        if best is None or abs(pages - 50) < abs(best[1] - 50):
            best = (file, pages)
    assert best is not None
    file, pages = best
    start = time.perf_counter()
    for _ in range(2):
        printing.gather_cadre(ctx, file.profile.cadre.id)
    gather_ms = (time.perf_counter() - start) / 2 * 1000
    ours = _median_ms(lambda: build_cadre_dossier(file, io.BytesIO(), options), repeat)
    bare_pages = _bare_dossier(file, io.BytesIO())
    bare = _median_ms(lambda: _bare_dossier(file, io.BytesIO()), repeat)
    head = f"dossier of {pages} pages: gather {gather_ms:.0f} ms,"
    print(f"{head} build {ours:.0f} ms (median of {repeat})   [target < 1.5 s]")
    print(
        f"same text, bare reportlab ({bare_pages} pages): {bare:.0f} ms   (ours / bare = {ours / bare:.2f})"
    )

    ids = printing.cadre_ids(ctx)[:count]
    spec = batch.BatchSpec(str(db_path), "dossier", settings, options.printed_at)
    with tempfile.TemporaryDirectory() as out_dir:
        start = time.perf_counter()
        merged = Path(out_dir) / "merged.pdf" if merge else None
        result = batch.run_batch(spec, ids, Path(out_dir), workers, merge_to=merged)
        elapsed = time.perf_counter() - start
        size = sum(i.path.stat().st_size for i in result.items) / 1024 / 1024
        if merged is not None:
            print(f"  (including the merged file, {merged.stat().st_size / 1024 / 1024:.0f} MB)")
    own, children = _peak_rss_mb()
    print(
        f"{len(result.items)} dossiers ({result.pages} pages, {size:.0f} MB) "
        f"on {workers} workers: {elapsed:.1f} s "
        f"({elapsed / len(result.items) * 1000:.0f} ms a dossier)   [target 1,000 < 300 s]"
    )
    print(f"peak RSS: parent {own:.0f} MB, largest worker {children:.0f} MB")


if __name__ == "__main__":
    main()
