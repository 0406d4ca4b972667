"""`talks owed` and `talks lookback` as real processes: the documented JSON fields and filters."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cadre_desk.db.opening import open_database
from cadre_desk.services import cadre_records, cadres, obligation_changes, talks, units
from cadre_desk.services.context import open_context
from tests.conftest import PINNED_DAY, make_cadre
from tests.e2e.test_cli import run, run_json

TODAY = PINNED_DAY
pytestmark = pytest.mark.usefixtures("pinned_day")


def test_talks_owed_lists_obligations_with_the_documented_fields(tmp_path: Path) -> None:
    db = str(tmp_path / "d.db")
    run("--db", db, "init", data_dir=tmp_path)
    database = open_database(db)
    try:
        ctx = open_context(database, "测试员")
        town = units.create_unit(ctx, units.UnitInput(name="某县青山镇人民政府", short_name="青山镇"))
        a = make_cadre(ctx, "钱进", unit_id=town.id)
        b = make_cadre(ctx, "孙现")
        late = obligation_changes.record_warning_sign(
            ctx, a.id, "工作作风漂浮", TODAY - dt.timedelta(days=45)
        )
        fresh = obligation_changes.record_warning_sign(ctx, b.id, "苗头：饮酒", TODAY - dt.timedelta(days=1))
        assert late is not None and fresh is not None
        done = talks.record_talk(
            ctx,
            talks.TalkInput(
                dt.datetime.combine(TODAY, dt.time(9)), "提醒谈话", (b.id,), "赵部长", content="提醒"
            ),
        )
        cadre_records.save_resume(
            ctx,
            a.id,
            [
                cadre_records.ResumeEntryInput("2007.07", "2019.03", "某乡科员"),
                cadre_records.ResumeEntryInput("2019.03", "", "青山镇副镇长"),
            ],
            cadres.get_cadre(ctx, a.id).version,
        )
    finally:
        database.dispose()

    rows = run_json("--db", db, "talks", "owed", "--json", data_dir=tmp_path)
    assert [r["id"] for r in rows] == [late.id, fresh.id]
    assert rows[0] == {
        "id": late.id,
        "cadre_id": a.id,
        "cadre_name": "钱进",
        "rule": "苗头",
        "event": "工作作风漂浮",
        "created": f"{TODAY:%Y.%m.%d}",
        "due": f"{TODAY - dt.timedelta(days=15):%Y.%m.%d}",
        "state": "待谈",
        "overdue": True,
        "talk_id": None,
    }
    assert (rows[1]["state"], rows[1]["overdue"], rows[1]["talk_id"]) == ("已谈", False, done.id)
    overdue = run_json("--db", db, "talks", "owed", "--overdue", "--json", data_dir=tmp_path)
    assert [r["id"] for r in overdue] == [late.id]
    in_town = run_json("--db", db, "talks", "owed", "--unit", "青山镇", "--json", data_dir=tmp_path)
    assert [r["cadre_name"] for r in in_town] == ["钱进"]
    text = run("--db", db, "talks", "owed", data_dir=tmp_path).stdout
    assert "逾期" in text and "共 2 项，其中逾期 1 项" in text
    bad = run("--db", db, "talks", "owed", "--unit", "无此单位", data_dir=tmp_path, check=False)
    assert bad.returncode == 1 and bad.stderr

    past = run_json("--db", db, "talks", "lookback", "2019.01", "2019.12", "--json", data_dir=tmp_path)
    assert [(e["cadre_name"], e["rule"], e["date"]) for e in past["events"]] == [
        ("钱进", "任职", "2019.03.01")
    ]
    assert past["raised"] is None
    raised = run_json(
        "--db", db, "talks", "lookback", "2019.01", "2019.12", "--raise", "--json", data_dir=tmp_path
    )
    assert raised["raised"] == 1
    again = run_json("--db", db, "talks", "lookback", "2019.01", "2019.12", "--json", data_dir=tmp_path)
    assert again["events"] == []
    bad_date = run("--db", db, "talks", "lookback", "2019年", "2019.12", data_dir=tmp_path, check=False)
    assert bad_date.returncode == 1 and "2024.01" in bad_date.stderr
