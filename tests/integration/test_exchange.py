"""Exchange packages between two machines: export, import, merge one-sided changes, report conflicts."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from cadre_desk import demo
from cadre_desk.db.engine import Database
from cadre_desk.db.opening import open_database
from cadre_desk.errors import ImportRejected, StorageError
from cadre_desk.services import cadre_records, cadres, diary, maintenance, mentorship, search, talks
from cadre_desk.services.context import ServiceContext, open_context
from cadre_desk.transfer import package


@pytest.fixture
def other(tmp_path: Path) -> ServiceContext:
    db = open_database(str(tmp_path / "other.db"), create=True)
    yield open_context(db, "对方")
    db.dispose()


@pytest.fixture
def source(db: Database, ctx: ServiceContext) -> ServiceContext:
    demo.generate(db, cadres=40, seed=5)
    return ctx


def _a_mentee(ctx: ServiceContext) -> int:
    pairs = mentorship.list_mentorships(ctx)
    return pairs[0].mentee_id


def test_package_layout_and_manifest(source: ServiceContext, tmp_path: Path) -> None:
    cid = _a_mentee(source)
    counts = package.export_package(source, [cid], tmp_path / "p.zip")
    with zipfile.ZipFile(tmp_path / "p.zip") as zf:
        manifest = json.loads(zf.read("manifest.json"))
        names = zf.namelist()
    assert manifest["format"] == "cadre-desk-exchange" and manifest["format_version"] == 2
    assert {"app_version", "created_at", "source", "counts"} <= set(manifest)
    assert counts["cadre"] == 1 and counts["cadre_ref"] >= 1  # the mentor travels as a reference
    assert counts["mentorship"] >= 1 and counts["diary_entry"] >= 1
    assert "data/cadre.json" in names and any(n.startswith("photos/") for n in names) == (
        counts["cadre_photo"] > 0
    )


def test_import_into_an_empty_machine_and_reimport_changes_nothing(
    source: ServiceContext, other: ServiceContext, tmp_path: Path
) -> None:
    cid = _a_mentee(source)
    package.export_package(source, [cid], tmp_path / "p.zip")
    plan = package.plan_package(other, tmp_path / "p.zip")
    assert plan.conflicts == [] and plan.count("new") == len(plan.records)
    package.apply_package(other, plan)
    mine = cadre_records.get_profile(source, cid)
    theirs_row = next(c for c in cadres.list_cadres(other) if c.uid == mine.cadre.uid)
    theirs = cadre_records.get_profile(other, theirs_row.id)
    assert [e.text for e in theirs.resume] == [e.text for e in mine.resume]
    assert len(diary.list_entries(other, mentee_id=theirs_row.id)) == len(
        diary.list_entries(source, mentee_id=cid)
    )
    assert search.search(other, theirs_row.name).hits
    assert all(item.ok for item in maintenance.check(other).items)
    other.db.dispose()
    digest = hashlib.sha256(Path(other.db.path).read_bytes()).hexdigest()  # type: ignore[arg-type]
    again = package.plan_package(other, tmp_path / "p.zip")
    assert again.summary()["same"] + again.summary()["link"] == len(again.records)
    package.apply_package(other, again)
    other.db.dispose()
    assert hashlib.sha256(Path(other.db.path).read_bytes()).hexdigest() == digest  # type: ignore[arg-type]


def _edit(ctx: ServiceContext, uid: str, **changes: object) -> None:
    row = next(c for c in cadres.list_cadres(ctx) if c.uid == uid)
    view = cadres.get_cadre(ctx, row.id)
    cadres.update_cadre(
        ctx, row.id, cadres.CadreInput(**{**view.to_input().__dict__, **changes}), view.version
    )


def _field(ctx: ServiceContext, uid: str, name: str) -> object:
    row = next(c for c in cadres.list_cadres(ctx) if c.uid == uid)
    return getattr(cadres.get_cadre(ctx, row.id), name)


def test_one_sided_changes_merge_and_both_sided_changes_conflict(
    source: ServiceContext, other: ServiceContext, tmp_path: Path
) -> None:
    cid = _a_mentee(source)
    uid = cadres.get_cadre(source, cid).uid
    package.export_package(source, [cid], tmp_path / "p1.zip")
    package.apply_package(other, package.plan_package(other, tmp_path / "p1.zip"))
    # only the source changes: the other machine takes it
    _edit(source, uid, phone="13800000001")
    package.export_package(source, [cid], tmp_path / "p2.zip")
    plan = package.plan_package(other, tmp_path / "p2.zip")
    assert plan.actions[uid] == "theirs" and plan.conflicts == []
    package.apply_package(other, plan)
    assert _field(other, uid, "phone") == "13800000001"
    # only the other machine changes: an old package does not overwrite it
    _edit(other, uid, notes="本机备注")
    plan = package.plan_package(other, tmp_path / "p2.zip")
    assert plan.actions[uid] == "mine"
    package.apply_package(other, plan)
    assert _field(other, uid, "notes") == "本机备注"
    # both change: a conflict, nothing written until decided
    _edit(source, uid, notes="对方备注")
    package.export_package(source, [cid], tmp_path / "p3.zip")
    plan = package.plan_package(other, tmp_path / "p3.zip")
    (conflict,) = plan.conflicts
    assert conflict.uid == uid and ("notes", "本机备注", "对方备注") in [
        (d.field, d.mine, d.theirs) for d in conflict.differences
    ]
    with pytest.raises(ImportRejected):
        package.apply_package(other, plan)
    package.apply_package(other, plan, resolutions={uid: "mine"})
    assert _field(other, uid, "notes") == "本机备注"
    assert package.plan_package(other, tmp_path / "p3.zip").actions[uid] == "mine"  # decided stays decided
    # take theirs on a fresh conflict
    _edit(other, uid, notes="再改")
    plan = package.plan_package(other, tmp_path / "p3.zip")
    assert plan.actions[uid] in ("mine", "conflict")


def test_take_theirs(source: ServiceContext, other: ServiceContext, tmp_path: Path) -> None:
    cid = _a_mentee(source)
    uid = cadres.get_cadre(source, cid).uid
    package.export_package(source, [cid], tmp_path / "p1.zip")
    package.apply_package(other, package.plan_package(other, tmp_path / "p1.zip"))
    _edit(other, uid, phone="1")
    _edit(source, uid, phone="2")
    package.export_package(source, [cid], tmp_path / "p2.zip")
    plan = package.plan_package(other, tmp_path / "p2.zip")
    assert [c.uid for c in plan.conflicts] == [uid]
    package.apply_package(other, plan, prefer="theirs")
    assert _field(other, uid, "phone") == "2"
    assert package.plan_package(other, tmp_path / "p2.zip").actions[uid] == "same"


def test_talks_come_with_their_subjects_and_follow_ups(
    source: ServiceContext, other: ServiceContext, tmp_path: Path
) -> None:
    talk = talks.list_talks(source, limit=1)[0]
    package.export_package(source, list(talk.subject_ids), tmp_path / "t.zip")
    package.apply_package(other, package.plan_package(other, tmp_path / "t.zip"))
    mine = [t for t in talks.list_talks(other, limit=1000) if t.uid == talk.uid]
    assert mine and mine[0].subjects == talk.subjects and len(mine[0].follow_ups) == len(talk.follow_ups)


def test_damaged_or_foreign_packages_are_refused(other: ServiceContext, tmp_path: Path) -> None:
    (tmp_path / "x.zip").write_bytes(b"junk")
    with pytest.raises(StorageError, match="不是交换包"):
        package.plan_package(other, tmp_path / "x.zip")
    with zipfile.ZipFile(tmp_path / "y.zip", "w") as zf:
        zf.writestr("manifest.json", json.dumps({"format": "cadre-desk-exchange", "format_version": 99}))
    with pytest.raises(StorageError, match="升级"):
        package.plan_package(other, tmp_path / "y.zip")
