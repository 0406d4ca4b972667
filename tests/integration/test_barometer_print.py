"""The 联席研判表 of a period, read back: A4 landscape, running marks on every page, counts per colour
per unit with the total, every yellow and red with its indicators, rule, 研判 and 处置, red first, in
the county's colour words; and the demo county's four quarters."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cadre_desk.reports import documents
from cadre_desk.services import (
    barometer_changes,
    barometer_entries,
    barometer_history,
    barometer_periods,
    rule_tables,
)
from cadre_desk.services.context import ServiceContext
from tests.integration.test_barometer import _county
from tests.integration.test_reports_dossier import PRINTED, SETTINGS, check_common, text_of


def test_the_joint_review_sheet(ctx: ServiceContext, tmp_path: Path) -> None:
    _town, _office, ids = _county(ctx)
    p = barometer_periods.open_period(ctx, "2026Q4")
    entries = {e.cadre_id: e for e in barometer_entries.list_entries(ctx, p.id)}
    yellow = barometer_changes.set_indicators(ctx, entries[ids[0]].id, {"petition": "待核", "duty": "好"}, 1)
    barometer_changes.dispose(ctx, yellow.id, "提醒谈话", "", "已由分管领导提醒谈话", True, yellow.version)
    red = barometer_changes.set_indicators(ctx, entries[ids[2]].id, {"discipline": "政务记过"}, 1)
    barometer_changes.dispose(ctx, red.id, "调整岗位", "调离岗位", "", False, red.version)
    overridden = barometer_changes.override(ctx, entries[ids[1]].id, "黄", "群众反映集中，联席研判列黄", 1)
    assert overridden.colour == "yellow"
    words = rule_tables.list_rows(ctx, "barometer_colour")
    rule_tables.update_row(ctx, "barometer_colour", words[1].id, {"word": "橙"}, words[1].version)

    options = documents.DocumentOptions(SETTINGS, printed_at=PRINTED)
    document = documents.prepare(ctx.db, "barometer", p.id, options)
    assert document.file_name() == "2026Q4_干部监管晴雨表联席研判表.pdf"
    out = tmp_path / "jr.pdf"
    pages = document.write(out)
    reader = check_common(out, "干部监管晴雨表联席研判表（2026Q4）")
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)  # A4 landscape
    assert pages == len(reader.pages)
    text = "".join(text_of(out))
    assert "一、各单位颜色分布（共3人：红1人，橙2人，绿0人）" in text
    assert "某某镇0202100%" in text and "县财政局1001100%" in text and "合计1203100%" in text
    details = text[text.index("二、") : text.index("三、")]
    assert details.index("赵三") < details.index("王一")  # red first
    assert "处分：政务记过" in details and "调整岗位（调离岗位）" in details
    assert "信访举报：待核" in details and "履职尽责" not in details  # 好 is not worth a line
    assert "提醒谈话；已由分管领导提醒谈话（已落实）" in details
    assert "橙（原绿）：群众反映集中，联席研判列黄（测试员）" in details
    assert "三、颜色规则" in text and "信访举报待核、属实" in text


def test_the_demo_county_has_four_quarters(tmp_path: Path) -> None:
    from cadre_desk import demo
    from cadre_desk.db.opening import open_database
    from cadre_desk.services.context import open_context

    db = open_database(str(tmp_path / "demo.db"))
    try:
        demo.generate(db, cadres=400, seed=3, today=dt.date(2026, 12, 6))
        ctx = open_context(db, "测试员")
        periods = barometer_periods.list_periods(ctx)
        assert [(p.code, p.state) for p in periods] == [
            ("2026Q4", "研判中"), ("2026Q3", "已发布"), ("2026Q2", "已发布"), ("2026Q1", "已发布")
        ]  # fmt: skip
        for p in periods:
            assert p.total == 400
            assert p.counts["green"] > 0.85 * p.total  # mostly green
            assert 0 < p.counts.get("yellow", 0) < 0.15 * p.total
            assert p.counts.get("red", 0) < 0.03 * p.total
        reds = [
            e
            for p in periods
            for e in barometer_entries.list_entries(ctx, p.id, warnings_only=True)
            if e.colour == "red"
        ]
        assert reds and all(e.disposal for e in reds if e.period_id != periods[0].id)
        published = [
            e for p in periods[1:] for e in barometer_entries.list_entries(ctx, p.id, warnings_only=True)
        ]
        assert all(e.disposal for e in published)  # a published period has every 处置
        assert any(e.override_colour for p in periods for e in barometer_entries.list_entries(ctx, p.id))
        history = barometer_history.cadre_history(ctx, published[0].cadre_id)
        assert [r.period for r in history] == ["2026Q1", "2026Q2", "2026Q3", "2026Q4"]
        # The program's own recomputation agrees with the colours the demo wrote.
        assert barometer_changes.recompute(ctx, periods[0].id).changed == 0
    finally:
        db.dispose()


def test_the_cadre_dossier_has_a_supervision_section(ctx: ServiceContext, tmp_path: Path) -> None:
    from cadre_desk.reports import dossier
    from cadre_desk.services import printing

    _town, _office, ids = _county(ctx)
    for code, values in (
        ("2026Q1", {}),
        ("2026Q2", {"petition": "属实"}),
        ("2026Q3", {"discipline": "党内警告"}),
    ):
        p = barometer_periods.open_period(ctx, code)
        e = next(x for x in barometer_entries.list_entries(ctx, p.id) if x.cadre_id == ids[0])
        if values:
            e = barometer_changes.set_indicators(ctx, e.id, values, e.version)
            barometer_changes.dispose(
                ctx, e.id, "函询" if code == "2026Q2" else "诫勉", "", "", False, e.version
            )
    q2 = barometer_periods.get_period(ctx, "2026Q2")
    e = next(x for x in barometer_entries.list_entries(ctx, q2.id) if x.cadre_id == ids[0])
    barometer_changes.override(ctx, e.id, "绿", "经核查反映不属实", e.version)
    out = tmp_path / "d.pdf"
    dossier.build_cadre_dossier(printing.gather_cadre(ctx, ids[0]), out, dossier.DossierOptions(SETTINGS))
    text = "".join(text_of(out))
    section = text[text.rindex("监督管理（晴雨表）") :]
    assert "2026年第一季度绿—" in section
    assert "2026年第二季度绿信访举报属实（信访举报待核或属实）绿：经核查反映不属实函询" in section
    assert "2026年第三季度红处分党内警告（受党纪政务处分，处分在影响期内）诫勉" in section
    ranged = printing.gather_cadre(ctx, ids[0], printing.DateRange(dt.date(2026, 7, 1), None))
    assert [s.period for s in ranged.supervision] == ["2026年第三季度"]
