"""Exchange packages that are forged, careless or imported twice at once (issue 9, hostile items 2-6)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import tracemalloc
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from cadre_desk import demo
from cadre_desk.db.engine import Database
from cadre_desk.db.models import RECORD_MODELS
from cadre_desk.db.opening import open_database
from cadre_desk.domain.idcard import make_id_number
from cadre_desk.errors import ImportRejected, StorageError
from cadre_desk.services import cadre_records, cadres, mentorship, units, verification
from cadre_desk.services.context import ServiceContext, open_context
from cadre_desk.transfer import forms, importing, package
from tests.conftest import make_cadre


@pytest.fixture
def other(tmp_path: Path) -> Iterator[ServiceContext]:
    db = open_database(str(tmp_path / "other.db"), create=True)
    yield open_context(db, "对方")
    db.dispose()


@pytest.fixture
def source(db: Database, ctx: ServiceContext) -> ServiceContext:
    demo.generate(db, cadres=30, seed=5)
    return ctx


def counts(ctx: ServiceContext) -> dict[str, int]:
    with ctx.db.read() as session:
        return {m.__tablename__: int(session.scalar(select(func.count(m.id))) or 0) for m in RECORD_MODELS}


def a_mentee(ctx: ServiceContext) -> int:
    return mentorship.list_mentorships(ctx)[0].mentee_id


def test_the_same_package_planned_twice_before_either_is_written_is_added_once(
    source: ServiceContext, other: ServiceContext, tmp_path: Path
) -> None:
    package.export_package(source, [a_mentee(source)], tmp_path / "p.zip")
    first = package.plan_package(other, tmp_path / "p.zip")
    second = package.plan_package(other, tmp_path / "p.zip")
    package.apply_package(other, first)
    after_first = counts(other)
    with pytest.raises(ImportRejected, match="预览之后本机数据已被修改"):
        package.apply_package(other, second)
    assert counts(other) == after_first
    again = package.plan_package(other, tmp_path / "p.zip")
    assert again.count("new") == 0


# --- the same people entered on both machines ---------------------------------------------------------

FORM = Path(__file__).parents[1] / "fixtures" / "lrmx" / "filled_compact.lrmx"


def _import_form(ctx: ServiceContext) -> int:
    result = importing.apply_plan(ctx, forms.plan_files(ctx, [FORM]))
    return result.cadre_ids[0]


def _children(ctx: ServiceContext, cadre_id: int) -> dict[str, int]:
    profile = cadre_records.get_profile(ctx, cadre_id)
    return {
        "resume": len(profile.resume),
        "family": len(profile.family),
        "rewards": len(profile.rewards),
        "assessments": len(profile.assessments),
    }


@pytest.mark.parametrize("prefer", ["theirs", "mine"])
def test_both_machines_imported_the_same_form_children_do_not_come_back_twice(
    ctx: ServiceContext, other: ServiceContext, tmp_path: Path, prefer: str
) -> None:
    mine, theirs = _import_form(ctx), _import_form(other)
    before = _children(other, theirs)
    assert before["rewards"] == 2 and before["assessments"] == 3
    for c, cid, phone in ((ctx, mine, "13800000001"), (other, theirs, "13900000002")):
        view = cadres.get_cadre(c, cid)
        cadres.update_cadre(c, cid, dataclasses.replace(view.to_input(), phone=phone), view.version)
    package.export_package(ctx, [mine], tmp_path / "p.zip")
    plan = package.plan_package(other, tmp_path / "p.zip")
    assert [c.entity for c in plan.conflicts] == ["cadre"]  # the phone; the children are the same
    package.apply_package(other, plan, prefer=prefer)
    assert _children(other, theirs) == before
    assert cadres.get_cadre(other, theirs).phone == ("13800000001" if prefer == "theirs" else "13900000002")
    again = package.plan_package(other, tmp_path / "p.zip")
    assert again.count("new") == 0 and not again.conflicts
    package.apply_package(other, again)
    assert _children(other, theirs) == before


def test_units_of_the_same_name_are_one_unit(
    ctx: ServiceContext, other: ServiceContext, tmp_path: Path
) -> None:
    here = units.create_unit(ctx, units.UnitInput(name="XX镇", kind="乡镇"))
    there = units.create_unit(other, units.UnitInput(name="XX镇", kind="乡镇", short_name="X镇"))
    cid = make_cadre(ctx, "李四", unit_id=here.id).id
    package.export_package(ctx, [cid], tmp_path / "p.zip")
    package.apply_package(other, package.plan_package(other, tmp_path / "p.zip"))
    assert [u.name for u in units.list_units(other)] == ["XX镇"]
    arrived = next(c for c in cadres.list_cadres(other) if c.name == "李四")
    assert arrived.unit_id == there.id
    assert units.list_units(other)[0].short_name == "X镇"  # the local unit is kept as it is


# --- forged packages (hash recomputed) -------------------------------------------------------------


def forge(path: Path, change: Callable[[dict[str, list[dict[str, Any]]]], None]) -> Path:
    """Rewrite a package's records with `change` (table → records) and recompute every hash."""
    out = path.with_name("forged-" + path.name)
    with zipfile.ZipFile(path) as src:
        tables = {
            n.removeprefix("data/").removesuffix(".json"): json.loads(src.read(n))
            for n in src.namelist()
            if n.startswith("data/")
        }
        change(tables)
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                if not info.filename.startswith("data/"):
                    dst.writestr(info, src.read(info))
            for table, records in tables.items():
                for rec in records:
                    if isinstance(rec, dict) and isinstance(rec.get("fields"), dict):
                        rec["hash"] = package.content_hash(rec["fields"], rec["refs"])
                dst.writestr(f"data/{table}.json", json.dumps(records, ensure_ascii=False))
    return out


@pytest.fixture
def exported(source: ServiceContext, tmp_path: Path) -> Path:
    package.export_package(source, [a_mentee(source)], tmp_path / "p.zip")
    return tmp_path / "p.zip"


def _refused(other: ServiceContext, path: Path, *words: str) -> str:
    before = counts(other)
    with pytest.raises((ImportRejected, StorageError)) as err:
        package.apply_package(other, package.plan_package(other, path))
    for word in words:
        assert word in str(err.value), str(err.value)
    assert counts(other) == before
    return str(err.value)


def test_a_forged_cadre_is_validated_like_typed_input(exported: Path, other: ServiceContext) -> None:
    def martian(t: dict[str, list[dict[str, Any]]]) -> None:
        t["cadre"][0]["fields"].update(name="", gender="未知", ethnicity="火星族")

    _refused(other, forge(exported, martian), "姓名")

    def odd_codes(t: dict[str, list[dict[str, Any]]]) -> None:
        t["cadre"][0]["fields"].update(gender="未知", ethnicity="火星族")

    plan = package.plan_package(other, forge(exported, odd_codes))  # correctable: taken in as 待核实
    package.apply_package(other, plan)
    uid = next(iter(plan.to_verify))
    cadre = next(c for c in cadres.list_cadres(other) if c.uid == uid)
    messages = " ".join(p.message for p in verification.get_problems(other, cadre.id))
    assert "火星族" in messages and "未知" in messages


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda t: t["cadre"][0]["fields"].update(birth="not-a-month"), ("出生年月", "not-a-month")),
        (lambda t: t["cadre"][0]["fields"].update(birth=299913), ("出生年月", "299913")),
        (lambda t: t["cadre"][0]["fields"].update(archived_at="yesterday"), ("archived_at", "yesterday")),
        (lambda t: t["cadre"][0]["fields"].update(post=["a"]), ("现任职务", "文字")),
        (lambda t: t["cadre"][0]["fields"].update(native_place="长" * 500), ("籍贯",)),
        (lambda t: t["cadre"][0].update(fields=["name", "王"]), ("fields",)),
        (lambda t: t["cadre"][0].update(refs=[]), ("refs",)),
        (lambda t: t["cadre"][0].update(uid=None), ("uid",)),
        (lambda t: t["cadre"][1].update(uid=t["cadre"][0]["uid"]), ("不止一次",)),
        (lambda t: t["cadre"].append(5), ("不是对象",)),
        (
            lambda t: t["mentorship"][0]["refs"].update(mentor_id=t["mentorship"][0]["refs"]["mentee_id"]),
            ("同一人",),
        ),
        (lambda t: t["mentorship"][0]["refs"].update(mentor_id=None), ("mentor_id",)),
        (lambda t: t["diary_entry"][0]["fields"].update(state="已删除"), ("已删除",)),
    ],
)
def test_forged_fields_of_the_wrong_type_are_refused_with_a_message(
    exported: Path, other: ServiceContext, change: Callable[[dict[str, Any]], None], words: tuple[str, ...]
) -> None:
    _refused(other, forge(exported, change), *words)


def test_a_theirs_merge_onto_an_id_number_another_local_cadre_has_is_refused(
    source: ServiceContext, other: ServiceContext, tmp_path: Path
) -> None:
    cid = a_mentee(source)
    package.export_package(source, [cid], tmp_path / "p1.zip")
    package.apply_package(other, package.plan_package(other, tmp_path / "p1.zip"))
    view = cadres.get_cadre(source, cid)
    birth = dt.date(view.birth.year, view.birth.month, 9)
    number = make_id_number("330102", birth, 77, view.gender == "男")
    cadres.update_cadre(source, cid, dataclasses.replace(view.to_input(), id_number=number), view.version)
    make_cadre(
        other,
        "另一人",
        birth=str(view.birth),
        gender=view.gender,
        id_number=number,
        party_join="",
        work_start="",
    )
    package.export_package(source, [cid], tmp_path / "p2.zip")
    _refused(other, tmp_path / "p2.zip", "身份证号", "另一人")


# --- files that are not packages -------------------------------------------------------------------


def test_a_folder_a_fifo_and_a_zip_bomb_are_refused_quickly(other: ServiceContext, tmp_path: Path) -> None:
    (tmp_path / "dir.zip").mkdir()
    _refused(other, tmp_path / "dir.zip", "文件夹")
    os.mkfifo(tmp_path / "fifo.zip")
    _refused(other, tmp_path / "fifo.zip", "不是普通文件")
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", json.dumps({"format": "cadre-desk-exchange", "format_version": 1}))
        with zf.open("data/cadre.json", "w", force_zip64=True) as f:
            f.write(b"[")
            block = b" " * (8 << 20)
            for _ in range(50):
                f.write(block)
            f.write(b"]")
    assert bomb.stat().st_size < 1 << 20
    tracemalloc.start()
    try:
        _refused(other, bomb, "压缩")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20 << 20
    nested = tmp_path / "nested.zip"
    with zipfile.ZipFile(nested, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", "[" * 100_000 + "]" * 100_000)
    _refused(other, nested, "嵌套")
