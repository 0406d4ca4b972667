"""Demo data: a believable county's cadres, pairings, diaries and talks, for trying the app and benchmarks.

    report = demo.generate(db, cadres=300, seed=1, progress=bar.update)

The same seed and `today` give the same rows (uids included). It refuses a database that already has
cadres or units, so demo records never mix with real ones. Everything is written in one transaction,
the search index rebuilt in it, and the WAL checkpointed afterwards.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select

from cadre_desk.db import sqlite_tools
from cadre_desk.db.engine import Database
from cadre_desk.db.models import Account
from cadre_desk.demo import barometer as demo_barometer
from cadre_desk.demo import generator, pairings, talks
from cadre_desk.demo import obligations as demo_obligations
from cadre_desk.demo import pools as demo_pools
from cadre_desk.demo import selections as demo_selections
from cadre_desk.demo import tolerance as demo_tolerance
from cadre_desk.demo.store import NotEmptyError, Writer, refuse_if_not_empty, tune_sqlite
from cadre_desk.errors import ValidationError
from cadre_desk.services import access, search
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.demo_account import add_demo_account

__all__ = ["MAX_CADRES", "MIN_CADRES", "DemoReport", "NotEmptyError", "generate"]

MIN_CADRES, MAX_CADRES = 1, 50_000
# Diary entries plus talks per cadre (about 300,000 for 10,000 cadres): talks make up what diaries don't.
ENTRIES_PER_CADRE = 30.5
MIN_TALKS_PER_CADRE = 5

STAGE_UNITS = "创建单位"
STAGE_CADRES = "生成干部档案"
STAGE_PAIRINGS = "生成结对帮带"
STAGE_DIARIES = "生成成长日记"
STAGE_TALKS = "生成谈话记录"
STAGE_INDEX = "重建搜索索引"
STAGE_CHECKPOINT = "整理数据库文件"


@dataclass(frozen=True)
class DemoReport:
    """What was generated: the rows written per entity."""

    seed: int
    today: dt.date
    units: int
    cadres: int
    resume_entries: int
    family_members: int
    assessments: int
    rewards_and_punishments: int
    trainings: int
    secondments: int
    mentorships: int
    mentorship_records: int
    diary_entries: int
    mentor_comments: int
    talks: int
    talk_subjects: int
    talk_follow_ups: int
    search_documents: int

    @property
    def total_rows(self) -> int:
        return sum(v for k, v in vars(self).items() if isinstance(v, int) and k != "seed")


def _check(cadres: int) -> None:
    if isinstance(cadres, bool) or not isinstance(cadres, int) or not MIN_CADRES <= cadres <= MAX_CADRES:
        raise ValidationError(
            {"cadres": f"演示数据的干部人数应在 {MIN_CADRES}–{MAX_CADRES} 之间（现为 {cadres}）"}
        )


def generate(
    db: Database,
    cadres: int,
    seed: int = 1,
    progress: Callable[[str, int, int], None] | None = None,
    today: dt.date | None = None,
    operator: ServiceContext | None = None,
    demo_account: bool = False,
) -> DemoReport:
    """Fill an empty database with demo records; raise `CadreDeskError` if it already holds cadres or units.

    `progress(stage, done, total)` is called regularly with a Chinese stage label; the audit line
    names `operator` (its account is added if it has not written before).
    """
    _check(cadres)
    today = today or dt.date.today()

    def report(stage: str, done: int, total: int) -> None:
        if progress is not None:
            progress(stage, done, total)

    if operator is not None:
        access.require(operator, access.Permission.RECORDS_WRITE)
    with db.uow() as session:
        refuse_if_not_empty(session)
        tune_sqlite(session)
        writer = Writer(session, seed, generator.local(today, 8))
        report(STAGE_UNITS, 0, 1)
        world = generator.build_world(writer, random.Random(f"{seed}:world"), cadres, today, progress)
        report(STAGE_PAIRINGS, 0, 1)
        pairs = pairings.make_pairings(writer, random.Random(f"{seed}:pairings"), world, today)
        report(STAGE_PAIRINGS, 1, 1)
        report(STAGE_DIARIES, 0, len(pairs))
        pairings.write_diaries(writer, random.Random(f"{seed}:diaries"), world, pairs, today, progress)
        wanted = math.ceil(ENTRIES_PER_CADRE * cadres) - writer.counts["diary_entry"]
        total_talks = max(MIN_TALKS_PER_CADRE * cadres, wanted)
        report(STAGE_TALKS, 0, total_talks)
        talks.write_talks(writer, random.Random(f"{seed}:talks"), world, total_talks, today, progress)
        writer.flush()
        demo_tolerance.write_cases(session, writer, random.Random(f"{seed}:tolerance"), world, today)
        demo_barometer.write_readings(session, writer, random.Random(f"{seed}:barometer"), world, today)
        demo_obligations.write_obligations(session, writer, random.Random(f"{seed}:owed"), world, today)
        demo_pools.write_pools(session, writer, random.Random(f"{seed}:pools"), today)
        demo_selections.write_selections(session, today)
        c = writer.counts
        documents = c["cadre"] + c["diary_entry"] + c["mentor_comment"] + c["talk"] + c["mentorship"]
        report(STAGE_INDEX, 0, documents)
        indexed = search.rebuild(session, lambda n: report(STAGE_INDEX, n, documents))
        result = DemoReport(
            seed=seed,
            today=today,
            units=c["unit"],
            cadres=c["cadre"],
            resume_entries=c["resume_entry"],
            family_members=c["family_member"],
            assessments=c["assessment"],
            rewards_and_punishments=c["reward_or_punishment"],
            trainings=c["training"],
            secondments=c["secondment"],
            mentorships=c["mentorship"],
            mentorship_records=c["mentorship_record"],
            diary_entries=c["diary_entry"],
            mentor_comments=c["mentor_comment"],
            talks=c["talk"],
            talk_subjects=c["talk_subject"],
            talk_follow_ups=c["talk_follow_up"],
            search_documents=indexed,
        )
        account_id = (
            operator.account_for_write(session)
            if operator is not None
            else session.scalar(select(Account.id).order_by(Account.id).limit(1))
        )
        summary = (
            f"生成演示数据（种子 {seed}）：{world.county.name}，单位 {result.units} 个，"
            f"干部 {result.cadres} 人，"
            f"结对 {result.mentorships} 对，成长日记 {result.diary_entries} 篇，谈话记录 {result.talks} 条"
        )
        counts = {k: v for k, v in vars(result).items() if k != "today"} | {"today": today.isoformat()}
        writer.audit(account_id, summary, counts)
        if demo_account:  # demo / demo, shown on the welcome page (the CLI's `demo`, 生成演示数据)
            add_demo_account(session, operator)
    report(STAGE_CHECKPOINT, 0, 1)
    if db.path is not None:
        sqlite_tools.checkpoint(db.path)
    report(STAGE_CHECKPOINT, 1, 1)
    return result
