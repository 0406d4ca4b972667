"""年轻干部成长档案 PDF: the pool entry, measures, reviews, the pairing, only the diary entries chosen (with
the mentor's comment), assessments and training with the compliance line; the same document from the
CLI."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from cadre_desk.reports import documents
from cadre_desk.services import cadre_records as cr
from cadre_desk.services import (
    diary,
    diary_comments,
    diary_entries,
    growth_record,
    mentorship,
    mentorship_changes,
    pool_entries,
    pool_measures,
    pools,
)
from cadre_desk.services.context import ServiceContext
from tests.conftest import make_cadre
from tests.integration.test_pools import TODAY, _young
from tests.integration.test_reports_dossier import PRINTED, SETTINGS, check_common, text_of


def _person(ctx: ServiceContext) -> tuple[int, int, int]:
    mentor = make_cadre(ctx, "欧阳导", birth="1975.01")
    c = _young(ctx, "林成长", "1995.04")
    pairing = mentorship_changes.create_mentorship(
        ctx, mentorship.MentorshipInput(mentor.id, c.id, "2024.01.01", "2026.12.31", "熟悉乡村振兴工作")
    )
    kept = diary_entries.create_entry(
        ctx, diary.DiaryEntryInput(c.id, "2025.03.02", "入户走访的收获", "工作", "走访了三户困难群众。"), True
    )
    diary_comments.add_comment(
        ctx, kept.id, diary.CommentInput(mentor.id, "要记下群众的原话。", "2025.03.03")
    )
    diary_entries.create_entry(
        ctx, diary.DiaryEntryInput(c.id, "2025.04.02", "不摘录的一篇", "学习", "读书笔记。"), True
    )
    pool_id = pools.find_pool(ctx, "优秀年轻干部").id
    e = pool_entries.add_entry(
        ctx,
        pool_entries.EntryInput(c.id, pool_id, "2024.03.01", "推荐", "县发改委",
                                "组通〔2024〕3号", "乡镇党政正职", pairing.id),
        TODAY,
    )  # fmt: skip
    pool_measures.add_measure(
        ctx, e.id, pool_measures.MeasureInput("轮岗", "2024.05.06", "2025.05.06", "到党政办轮岗")
    )
    pool_measures.set_review(ctx, e.id, 2025, "政治素质好，建议列为考察对象", today=TODAY)
    fresh = cr.save_assessments(ctx, c.id, [cr.AssessmentInput(2025, "优秀")], c.version)
    cr.save_trainings(
        ctx,
        c.id,
        [
            cr.TrainingInput(
                "2026年中青年干部培训班",
                "青干班",
                "县委党校",
                "2026.03.02",
                "2026.03.16",
                90,
                15,
                full_time=True,
            )
        ],
        fresh.cadre.version,
    )
    return c.id, kept.id, e.id


def test_the_growth_record_prints_what_was_chosen(ctx: ServiceContext, tmp_path: Path) -> None:
    cadre_id, kept, _entry = _person(ctx)
    choices = growth_record.diary_choices(ctx, cadre_id)
    assert [(c.title, c.comments) for c in choices] == [("不摘录的一篇", 0), ("入户走访的收获", 1)]
    options = dataclasses.replace(
        documents.DocumentOptions(SETTINGS, PRINTED), excerpts=(kept,), reference=TODAY
    )
    document = documents.prepare(ctx.db, "growth", cadre_id, options)
    assert document.file_name() == "林成长_年轻干部成长档案.pdf"
    path = tmp_path / "g.pdf"
    pages = document.write(path)
    check_common(path, "年轻干部成长档案（林成长）")
    text = "".join(text_of(path))
    assert pages >= 2
    for expected in (
        "一、基本情况", "二、入库情况", "优秀年轻干部", "推荐（县发改委）", "组通〔2024〕3号", "乡镇党政正职",
        "帮带导师欧阳导", "三、培养措施", "到党政办轮岗", "四、年度研判", "政治素质好，建议列为考察对象",
        "五、结对帮带", "六、成长日记摘录", "入户走访的收获", "要记下群众的原话。", "七、年度考核", "优秀",
        "八、教育培训", "达标情况（干部教育培训工作条例）：乡科级", "2026年中青年干部培训班",
    ):  # fmt: skip
        assert expected in text, expected
    assert "不摘录的一篇" not in text
    assert text.index("二、入库情况") < text.index("三、培养措施") < text.index("六、成长日记摘录")
