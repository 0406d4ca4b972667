"""Data in and out on a real PostgreSQL server: the transfer tables of migration 0003 (original form
files, exchange bases) and the .lrmx, roster and exchange-package flows.

`make test` starts the local server and sets CADRE_DESK_PG_URL; every test gets a database of its own,
created from nothing by the migrations and dropped afterwards.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect, select, text

from cadre_desk import demo
from cadre_desk.db.base import Base
from cadre_desk.db.engine import Database
from cadre_desk.db.models import CadreFormSource, ExchangeBase
from cadre_desk.db.opening import open_database
from cadre_desk.services import cadre_records, cadres, diary, maintenance, mentorship, search
from cadre_desk.services.context import ServiceContext, open_context
from cadre_desk.transfer import forms, importing, lrmx, package, roster
from tests.integration.pg_helpers import require_server
from tests.integration.test_roster_xlsx import messy_roster

require_server()  # skipped without a server, failed under CI

pytestmark = pytest.mark.postgres

FIXTURES = Path(__file__).parents[1] / "fixtures" / "lrmx"
GOOD = ("filled_compact.lrmx", "dotted_dates.lrmx", "family10_resume40_unknown.lrmx")


def _dump(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, ordered by primary key: 'nothing changed' means this is equal."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with db.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            order = list(table.primary_key.columns) or list(table.columns)
            out[table.name] = [tuple(r) for r in conn.execute(select(table).order_by(*order))]
    return out


def test_migration_0003_tables_exist_on_postgres(pg_ctx: ServiceContext) -> None:
    tables = set(inspect(pg_ctx.db.engine).get_table_names())
    assert {"cadre_form_source", "exchange_base", "cadre", "cadre_photo"} <= tables
    with pg_ctx.db.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() >= "0003"
    assert not pg_ctx.db.is_sqlite


def test_lrmx_import_and_export_round_trip_on_postgres(pg_ctx: ServiceContext, tmp_path: Path) -> None:
    ctx = pg_ctx
    plan = forms.plan_files(ctx, [FIXTURES / n for n in (*GOOD, "legacy.lrm")])
    assert plan.rejected == () and [i.action for i in plan.items] == ["create"] * 4
    result = importing.apply_plan(ctx, plan)
    assert result.created == 4
    with ctx.db.read() as session:
        sources = session.scalars(select(CadreFormSource).order_by(CadreFormSource.cadre_id)).all()
        assert [s.file_name for s in sources] == [*GOOD, "legacy.lrm"]
        assert {s.format for s in sources} == {"lrmx"}  # a .lrm is kept converted to the .lrmx form
        assert all(isinstance(s.photo_shape, dict) for s in sources)
    out = forms.export_files(ctx, list(result.cadre_ids[:3]), tmp_path / "out")
    portrait = (FIXTURES / "portrait.jpg").read_bytes()
    for name, exported_path in zip(GOOD, out.files, strict=True):
        original = (FIXTURES / name).read_bytes()
        exported = exported_path.read_bytes()
        assert lrmx.elements(exported) == lrmx.elements(original), name  # tags, order, text, family
        photo = lrmx.parse_xml(exported).findtext("ZhaoPian") or ""
        assert photo == (lrmx.parse_xml(original).findtext("ZhaoPian") or "")
        assert lrmx.decode_photo(photo)[0] == portrait
    big = cadre_records.get_profile(ctx, result.cadre_ids[2])
    assert len(big.resume) == 40 and len(big.family) == 10 and big.cadre.democratic_party == "民盟"
    legacy = cadre_records.get_profile(ctx, result.cadre_ids[3])
    assert cadres.get_photo(ctx, legacy.cadre.id)[0] == (FIXTURES / "legacy.pic").read_bytes()  # type: ignore[index]
    # importing the same files again: matched, nothing to change, and nothing changes
    before = _dump(ctx.db)
    again = forms.plan_files(ctx, [FIXTURES / n for n in GOOD])
    assert again.summary() == {"create": 0, "update": 0, "unchanged": 3, "rejected": 0}
    importing.apply_plan(ctx, again)
    after = _dump(ctx.db)
    for audit_table in ("audit_event", "audit_chain_head"):  # the trail notes the import; nothing else moves
        after.pop(audit_table), before.pop(audit_table)
    assert after == before
    assert search.search(ctx, "欧阳志远").hits
    assert maintenance.check(ctx).ok


def test_an_edit_on_postgres_changes_only_its_element(pg_ctx: ServiceContext) -> None:
    ctx = pg_ctx
    result = importing.apply_plan(ctx, forms.plan_files(ctx, [FIXTURES / "dotted_dates.lrmx"]))
    cid = result.cadre_ids[0]
    view = cadres.get_cadre(ctx, cid)
    cadres.update_cadre(
        ctx, cid, cadres.CadreInput(**{**view.to_input().__dict__, "work_start": "2013.09"}), view.version
    )
    before = {t: x for t, x, _ in lrmx.elements((FIXTURES / "dotted_dates.lrmx").read_bytes())}
    after = {t: x for t, x, _ in lrmx.elements(forms.form_bytes(ctx, cid))}
    assert {t for t in before if before[t] != after[t]} == {"CanJiaGongZuoShiJian"}
    assert after["CanJiaGongZuoShiJian"] == "201309" and after["ChuShengNianYue"] == "1990.11"


def test_roster_import_on_postgres(pg_ctx: ServiceContext, tmp_path: Path) -> None:
    ctx = pg_ctx
    path = messy_roster(tmp_path / "r.xlsx")
    _sheet, plan = roster.plan_roster(ctx, path)
    assert {r.source for r in plan.rejected} == {"第9行", "第10行"}
    before = _dump(ctx.db)
    with pytest.raises(importing.ImportRejected):
        roster.apply_roster(ctx, plan)
    assert _dump(ctx.db) == before  # nothing written while a row is rejected
    _sheet, plan = roster.plan_roster(ctx, path, mapping={"爱好": "notes"}, exclude_rows=[9, 10])
    result = roster.apply_roster(ctx, plan)
    assert (result.created, result.backup) == (4, "")  # no file backup on a server database
    rows = {c.name: c for c in cadres.list_cadres(ctx)}
    assert str(rows["刘芳"].birth) == "1990.10" and str(rows["赵敏"].birth) == "1988.06"
    assert rows["王建国"].unit == "县委组织部" and cadres.get_cadre(ctx, rows["王建国"].id).notes == "书法"
    assert maintenance.check(ctx).ok and search.search(ctx, "王建国").hits
    _sheet, again = roster.plan_roster(ctx, path, mapping={"爱好": "notes"}, exclude_rows=[9, 10])
    assert again.summary() == {"create": 0, "update": 0, "unchanged": 4, "rejected": 0}
    dest = tmp_path / "out.xlsx"
    assert roster.export_roster(ctx, dest) == 4


def test_exchange_package_from_sqlite_into_postgres(
    db: Database, ctx: ServiceContext, pg_ctx: ServiceContext, tmp_path: Path
) -> None:
    demo.generate(db, cadres=40, seed=5)
    cid = mentorship.list_mentorships(ctx)[0].mentee_id
    # give the exported cadre an original form file too, so cadre_form_source travels
    importing.apply_plan(ctx, forms.plan_files(ctx, [FIXTURES / "filled_compact.lrmx"]))
    wang = next(c.id for c in cadres.list_cadres(ctx) if c.name == "王建国" and str(c.birth) == "1985.03")
    counts = package.export_package(ctx, [cid, wang], tmp_path / "p.zip")
    assert counts["cadre_form_source"] == 1 and counts["diary_entry"] >= 1

    plan = package.plan_package(pg_ctx, tmp_path / "p.zip")
    assert plan.conflicts == [] and plan.count("new") == len(plan.records)
    package.apply_package(pg_ctx, plan)
    mine = cadre_records.get_profile(ctx, cid)
    theirs_id = next(c.id for c in cadres.list_cadres(pg_ctx) if c.uid == mine.cadre.uid)
    theirs = cadre_records.get_profile(pg_ctx, theirs_id)
    assert [(str(e.start), e.text) for e in theirs.resume] == [(str(e.start), e.text) for e in mine.resume]
    assert [f.name for f in theirs.family] == [f.name for f in mine.family]
    assert len(diary.list_entries(pg_ctx, mentee_id=theirs_id)) == len(diary.list_entries(ctx, mentee_id=cid))
    assert cadres.get_photo(pg_ctx, theirs_id) == cadres.get_photo(ctx, cid)
    assert search.search(pg_ctx, theirs.cadre.name).hits
    assert all(item.ok for item in maintenance.check(pg_ctx).items)
    # the original form came along: exporting it from PostgreSQL gives the same file as from SQLite
    pg_wang = next(c.id for c in cadres.list_cadres(pg_ctx) if c.name == "王建国")
    assert lrmx.elements(forms.form_bytes(pg_ctx, pg_wang)) == lrmx.elements(forms.form_bytes(ctx, wang))
    with pg_ctx.db.read() as session:
        assert session.scalar(select(ExchangeBase.id).limit(1)) is not None

    # re-importing the same package changes nothing at all
    before = _dump(pg_ctx.db)
    again = package.plan_package(pg_ctx, tmp_path / "p.zip")
    assert again.summary()["same"] + again.summary()["link"] == len(again.records)
    package.apply_package(pg_ctx, again)
    assert _dump(pg_ctx.db) == before

    # and back: a package made on PostgreSQL imports into a new SQLite machine as the same records
    package.export_package(pg_ctx, [theirs_id], tmp_path / "back.zip")
    third = open_context(open_database(str(tmp_path / "third.db")), "第三方")
    try:
        back = package.plan_package(third, tmp_path / "back.zip")
        package.apply_package(third, back)
        row = next(c for c in cadres.list_cadres(third) if c.uid == mine.cadre.uid)
        assert [e.text for e in cadre_records.get_profile(third, row.id).resume] == [
            e.text for e in mine.resume
        ]
        # the SQLite source sees the round-tripped package as its own records: nothing new, no conflict
        home = package.plan_package(ctx, tmp_path / "back.zip")
        assert home.conflicts == [] and home.count("new") == 0
    finally:
        third.db.dispose()
