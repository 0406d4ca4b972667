"""Demo data on real SQLite files: plausible counts, records valid by the services' rules, determinism."""

from __future__ import annotations

import datetime as dt
import itertools
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from cadre_desk import demo
from cadre_desk.db.engine import Database
from cadre_desk.db.models import (
    AuditEvent,
    Cadre,
    DiaryEntry,
    MentorComment,
    Mentorship,
    ResumeEntry,
    Talk,
    TalkFollowUp,
    TalkSubject,
    Unit,
)
from cadre_desk.db.opening import open_database
from cadre_desk.demo import talks as demo_talks
from cadre_desk.domain import vocab
from cadre_desk.domain.idcard import parse_id_number
from cadre_desk.domain.resume import Span, check_lines
from cadre_desk.domain.yearmonth import age_at
from cadre_desk.errors import CadreDeskError, ValidationError
from cadre_desk.services import cadres, maintenance, search, teams, units
from cadre_desk.services.context import open_context

TODAY = dt.date(2025, 6, 15)


def _generate(
    path: Path, count: int, seed: int
) -> tuple[Database, demo.DemoReport, list[tuple[str, int, int]]]:
    db = open_database(str(path))
    calls: list[tuple[str, int, int]] = []
    report = demo.generate(
        db, count, seed=seed, today=TODAY, progress=lambda s, d, t: calls.append((s, d, t))
    )
    return db, report, calls


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, demo.DemoReport, list]]:
    db, report, calls = _generate(tmp_path_factory.mktemp("demo") / "county.db", 200, seed=5)
    yield db, report, calls
    db.dispose()


def _rows(path: Path, table: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
    finally:
        conn.close()


def test_counts_are_plausible(county: tuple[Database, demo.DemoReport, list]) -> None:
    db, report, _calls = county
    assert report.cadres == 200
    assert 60 <= report.units <= 120
    assert report.diary_entries + report.talks >= 30 * 200
    assert report.diary_entries > 0 and report.mentor_comments > 0 and report.mentorships > 0
    counts = maintenance.stats(db)
    assert counts["cadre"] == 200 and counts["unit"] == report.units
    assert counts["diary_entry"] == report.diary_entries and counts["talk"] == report.talks
    assert counts["search_doc"] == report.search_documents
    for table in (
        "resume_entry",
        "family_member",
        "assessment",
        "training",
        "talk_subject",
        "talk_follow_up",
    ):
        assert counts[table] > 0, table
    with db.read() as session:
        kinds = set(session.scalars(select(Talk.kind)))
        states = set(session.scalars(select(DiaryEntry.state)))
        unit_kinds = set(session.scalars(select(Unit.kind)))
        genders = Counter(session.scalars(select(Cadre.gender)))
        categories = set(session.scalars(select(DiaryEntry.category)))
    assert kinds == set(vocab.TalkKind)
    assert states == set(vocab.DiaryState)
    assert (
        unit_kinds <= set(vocab.UNIT_KINDS)
        and {"党委", "政府", "人大", "政协", "乡镇", "部门", "事业单位", "国有企业"} <= unit_kinds
    )
    assert categories <= set(vocab.DIARY_CATEGORIES)
    assert 0.15 < genders["女"] / 200 < 0.45


def test_every_cadre_passes_the_service_validation(county: tuple[Database, demo.DemoReport, list]) -> None:
    db, _report, _calls = county
    with db.read() as session:
        for cadre in session.scalars(select(Cadre)):
            data = cadres.to_view(cadre, False).to_input()
            cadres.validate(session, data, cadre_id=cadre.id, today=TODAY)  # raises ValidationError if not
            parsed = parse_id_number(cadre.id_number or "")
            assert (parsed.birth.year, parsed.birth.month) == (cadre.birth.year, cadre.birth.month)
            assert parsed.male == (cadre.gender == "男")
            assert 1963 <= cadre.birth.year <= 2001
            assert cadre.work_start is not None and age_at(cadre.birth, cadre.work_start) >= 16
            assert cadre.rank in vocab.RANKS and cadre.post


def test_resumes_are_consecutive_with_the_current_post_last(
    county: tuple[Database, demo.DemoReport, list],
) -> None:
    db, _report, _calls = county
    lines: dict[int, list[ResumeEntry]] = defaultdict(list)
    with db.read() as session:
        posts = {row[0]: row[1] for row in session.execute(select(Cadre.id, Cadre.post_since))}
        for entry in session.scalars(select(ResumeEntry).order_by(ResumeEntry.position)):
            lines[entry.cadre_id].append(entry)
        session.expunge_all()  # keep the loaded values after the read-only transaction ends
    assert set(lines) == set(posts)
    concurrent = 0
    for cadre_id, entries in lines.items():
        main = [e for e in entries if e.parent_id is None]
        assert 3 <= len(main) <= 12
        assert check_lines([Span(e.start, e.end) for e in main]) == []
        assert main[-1].end is None and main[-1].start == posts[cadre_id]
        ids = {e.id for e in main}
        for sub in (e for e in entries if e.parent_id is not None):
            concurrent += 1
            assert sub.parent_id in ids
    assert concurrent > 0


def test_pairings_diaries_and_comments_keep_the_rules(county: tuple[Database, demo.DemoReport, list]) -> None:
    db, _report, _calls = county
    with db.read() as session:
        pairs = {m.id: m for m in session.scalars(select(Mentorship))}
        entries = list(session.scalars(select(DiaryEntry)))
        comments = list(session.scalars(select(MentorComment)))
        session.expunge_all()
    active = Counter(m.mentee_id for m in pairs.values() if m.status == vocab.MentorshipStatus.ACTIVE)
    assert active and max(active.values()) == 1
    assert Counter(m.mentor_id for m in pairs.values()).most_common(1)[0][1] <= 3
    by_mentee: dict[int, list[Mentorship]] = defaultdict(list)
    for m in pairs.values():
        assert m.mentor_id != m.mentee_id
        assert m.mentor.birth < m.mentee.birth
        assert vocab.RANKS.index(m.mentor.rank) > vocab.RANKS.index(m.mentee.rank)
        assert m.term_start < m.term_end and m.term_start <= TODAY and m.goals and m.plan
        if m.status == vocab.MentorshipStatus.COMPLETED:
            assert m.evaluation_grade in set(vocab.MentorshipGrade) and m.mentor_evaluation
        if m.status == vocab.MentorshipStatus.ABORTED:
            assert m.end_reason and m.ended_on is not None
        by_mentee[m.mentee_id].append(m)
    for terms in by_mentee.values():
        terms.sort(key=lambda m: m.term_start)
        for earlier, later in itertools.pairwise(terms):
            assert (earlier.ended_on or earlier.term_end) < later.term_start
    commented = {c.entry_id for c in comments}
    assert all(50 <= len(c.text) <= 300 for c in comments)
    by_id = {e.id: e for e in entries}
    for c in comments:
        e = by_id[c.entry_id]
        assert e.mentorship_id is not None and pairs[e.mentorship_id].mentor_id == c.mentor_id
        assert e.date <= c.date <= TODAY
    for e in entries:
        m = pairs[e.mentorship_id or 0]
        assert e.mentee_id == m.mentee_id and m.term_start <= e.date <= min(m.ended_on or m.term_end, TODAY)
        assert (e.state == vocab.DiaryState.COMMENTED) == (e.id in commented)
        assert (e.state == vocab.DiaryState.DRAFT) == (e.submitted_at is None)
    lengths = [len(e.content) for e in entries]
    assert min(lengths) >= 150 and 400 <= sum(lengths) / len(lengths) <= 650
    assert len({e.content for e in entries}) == len(entries)


def test_mentors_comment_within_days_and_statuses_fit_today(
    county: tuple[Database, demo.DemoReport, list],
) -> None:
    """工作台 lists only the last weeks' entries as awaiting comment; ended terms are ended."""
    db, _report, _calls = county
    with db.read() as session:
        pairs = {m.id: m for m in session.scalars(select(Mentorship))}
        entries = {e.id: e for e in session.scalars(select(DiaryEntry))}
        comments = list(session.scalars(select(MentorComment)))
        session.expunge_all()
    for m in pairs.values():
        if m.status == vocab.MentorshipStatus.ACTIVE:
            assert m.ended_on is None and m.term_end >= TODAY
        else:
            assert m.ended_on is not None and m.ended_on <= TODAY
            assert m.status in (vocab.MentorshipStatus.COMPLETED, vocab.MentorshipStatus.ABORTED)
    waiting = [e for e in entries.values() if e.state == vocab.DiaryState.SUBMITTED]
    assert waiting, "a few recent entries still wait for their mentor"
    assert len(waiting) < 0.1 * len(entries)
    for e in waiting:
        assert pairs[e.mentorship_id or 0].status == vocab.MentorshipStatus.ACTIVE
        assert (TODAY - e.date).days < 21
    for c in comments:
        e = entries[c.entry_id]
        m = pairs[e.mentorship_id or 0]
        assert e.date <= c.date <= min(m.ended_on or m.term_end, TODAY)
        assert (c.date - e.date).days <= 16


def test_talks_have_subjects_and_sane_dates(county: tuple[Database, demo.DemoReport, list]) -> None:
    db, _report, _calls = county
    with db.read() as session:
        talk_ids = set(session.scalars(select(Talk.id)))
        with_subjects = set(session.scalars(select(TalkSubject.talk_id)))
        latest = session.scalar(select(Talk.talk_at).order_by(Talk.talk_at.desc()).limit(1))
        follow_ups = list(session.scalars(select(TalkFollowUp)))
        contents = list(session.scalars(select(Talk.content)))
        session.expunge_all()
    assert talk_ids == with_subjects
    assert latest is not None and latest.date() <= TODAY
    assert any(f.done_date is None and f.due_date and f.due_date < TODAY for f in follow_ups)  # overdue
    # Only recent ones are overdue: the older follow-ups were done, near their due dates.
    long_ago = TODAY - dt.timedelta(days=demo_talks.CLOSED_AFTER_DAYS)
    old = [f for f in follow_ups if f.due_date is not None and f.due_date < long_ago]
    assert old and all(f.done_date is not None for f in old)
    assert all(f.done_date is None or abs((f.done_date - f.due_date).days) <= 90 for f in old)
    assert all(f.due_date is not None and (f.done_date is None or f.done_date <= TODAY) for f in follow_ups)
    assert 400 <= sum(map(len, contents)) / len(contents) <= 650


def test_search_finds_a_generated_cadre_and_the_index_checks_out(
    county: tuple[Database, demo.DemoReport, list],
) -> None:
    db, _report, _calls = county
    ctx = open_context(db, "测试员")
    with db.read() as session:
        cadre_id, name = session.execute(
            select(Cadre.id, Cadre.name).order_by(Cadre.id.desc()).limit(1)
        ).one()
    page = search.search(ctx, name, kinds=["cadre"], limit=100)
    assert any(hit.ref_id == cadre_id for hit in page.hits)
    assert search.search(ctx, "谈话", kinds=["talk"]).total > 0
    report = maintenance.check(ctx)
    assert report.ok, report.items


def test_progress_audit_and_refusal(county: tuple[Database, demo.DemoReport, list]) -> None:
    db, report, calls = county
    stages = list(dict.fromkeys(stage for stage, _d, _t in calls))
    assert stages[0] == demo.STAGE_UNITS and stages[-1] == demo.STAGE_CHECKPOINT
    assert demo.STAGE_INDEX in stages and demo.STAGE_DIARIES in stages and demo.STAGE_TALKS in stages
    assert all(0 <= done <= total for _s, done, total in calls)
    with db.read() as session:
        events = list(session.scalars(select(AuditEvent).where(AuditEvent.action == "demo")))
        session.expunge_all()
    assert len(events) == 1 and events[0].entity == "database" and "干部 200 人" in events[0].summary
    with pytest.raises(CadreDeskError, match="已有"):
        demo.generate(db, 5, today=TODAY)
    assert maintenance.stats(db)["cadre"] == report.cadres


@pytest.mark.parametrize("count", [0, 50_001, -3])
def test_rejects_counts_out_of_range(tmp_path: Path, count: int) -> None:
    db = open_database(str(tmp_path / "x.db"))
    try:
        with pytest.raises(ValidationError):
            demo.generate(db, count)
        assert maintenance.stats(db)["cadre"] == 0
    finally:
        db.dispose()


def test_same_seed_and_day_give_the_same_rows(tmp_path: Path) -> None:
    tables = (
        "unit",
        "cadre",
        "resume_entry",
        "family_member",
        "mentorship",
        "diary_entry",
        "talk",
        "search_doc",
    )
    results = []
    for name, seed in (("a.db", 3), ("b.db", 3), ("c.db", 4)):
        db, _report, _calls = _generate(tmp_path / name, 30, seed)
        db.dispose()
        results.append({table: _rows(tmp_path / name, table) for table in tables})
    first, again, other = results
    for table in tables:
        assert first[table] == again[table], table
    assert first["cadre"] != other["cadre"] and first["diary_entry"] != other["diary_entry"]


def test_every_staffed_unit_has_a_real_leadership_team(
    county: tuple[Database, demo.DemoReport, list],
) -> None:
    db, _report, _calls = county
    ctx = open_context(db, "测试员")
    staffed = {u for u, n in units.unit_counts(ctx).items() if n.cadres}
    team_list = teams.list_teams(ctx)
    with db.read() as session:
        cadre_units = dict(session.execute(select(Cadre.id, Cadre.unit_id)).all())
    vacancies = 0
    for team in team_list:
        assert bool(team.posts) == (team.unit_id in staffed), team.unit_name
        if not team.posts:
            continue
        assert team.posts[0].level == vocab.PostLevel.CHIEF, team.unit_name  # 书记 / 正职 first
        assert any(p.level == vocab.PostLevel.DEPUTY for p in team.posts), team.unit_name
        for post in team.posts:
            assert post.slots >= 1 and post.filled <= post.slots and post.name
            assert all(cadre_units[m.cadre_id] == team.unit_id for m in post.members)
            assert all(m.since is not None and m.post.endswith(post.name) for m in post.members)
        vacancies += team.vacant
    committee = next(t for t in team_list if t.unit_kind == "党委")  # the county committee: its 书记 at least
    assert committee.posts[0].members
    filled = sum(t.filled for t in team_list)
    assert filled > 20 and vacancies > 0  # real teams, with gaps for the structure analysis to find


def test_some_cadres_reach_retirement_this_year_and_next(
    county: tuple[Database, demo.DemoReport, list],
) -> None:
    from cadre_desk.services import retirement

    db = county[0]
    ctx = open_context(db, "测试员")
    ref = retirement.YearMonth.from_date(TODAY)
    soon = retirement.list_retirements(ctx, ref, within=18)
    assert len(soon) >= 3, [(r.name, str(r.info.month)) for r in soon]
    assert {r.info.month.year for r in soon} >= {TODAY.year, TODAY.year + 1}
    assert all(r.info.source == "计算" for r in soon)


def test_the_county_has_a_saved_selection_of_townships(
    county: tuple[Database, demo.DemoReport, list],
) -> None:
    from cadre_desk.services import structure, structure_selections, units

    db, report, _calls = county
    ctx = open_context(db, "测试员")
    (selection,) = structure_selections.list_selections(ctx)
    assert selection.name == f"{report.today.year + 1}换届乡镇（示例）"
    kinds = {u.id: u.kind for u in units.list_units(ctx)}
    towns = [i for i, kind in kinds.items() if kind == "乡镇"]
    assert len(selection.unit_ids) >= 2 and all(kinds[i] == "乡镇" for i in selection.unit_ids)
    assert len(selection.unit_ids) == max(2, len(towns) // 2)
    scope = structure_selections.selection_scope(ctx, selection.id, team_only=True)
    assert structure.analyse(ctx, scope, report.today).figures.members.count > 0
