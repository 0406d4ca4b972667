"""最小必要: the people an exchange package only refers to (the other party of a pairing or talk, a
commenting mentor) travel as references — name, gender, birth, 身份证号, unit, post — never as full
dossiers; on import a reference links to the matching local cadre or becomes a cadre to verify."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from cadre_desk import demo
from cadre_desk.db.engine import Database
from cadre_desk.db.models import (
    Assessment,
    Cadre,
    FamilyMember,
    Mentorship,
    ResumeEntry,
    RewardOrPunishment,
    Training,
)
from cadre_desk.db.opening import open_database
from cadre_desk.services import cadre_records, cadres, mentorship, verification
from cadre_desk.services.context import ServiceContext, open_context
from cadre_desk.transfer import package
from cadre_desk.transfer.package_records import REFERENCE_FIELDS, Uids, record_of

DOSSIER = (FamilyMember, RewardOrPunishment, Assessment, ResumeEntry, Training)


@pytest.fixture
def other(tmp_path: Path) -> ServiceContext:
    db = open_database(str(tmp_path / "other.db"), create=True)
    yield open_context(db, "对方")
    db.dispose()


@pytest.fixture
def source(db: Database, ctx: ServiceContext) -> ServiceContext:
    demo.generate(db, cadres=40, seed=5)
    return ctx


def _pair_with_dossier(ctx: ServiceContext) -> tuple[int, int]:
    """(mentee, mentor) of a pairing whose mentor has family members (so a leak would show)."""
    with ctx.db.read() as session:
        for m in session.scalars(select(Mentorship).order_by(Mentorship.id)):
            if session.scalar(select(FamilyMember.id).where(FamilyMember.cadre_id == m.mentor_id).limit(1)):
                return m.mentee_id, m.mentor_id
    raise AssertionError("the demo has no mentor with family members")


def _data(path: Path, table: str) -> list[dict]:
    with zipfile.ZipFile(path) as zf:
        return json.loads(zf.read(f"data/{table}.json")) if f"data/{table}.json" in zf.namelist() else []


def test_related_people_travel_as_references_without_their_dossier(
    source: ServiceContext, tmp_path: Path
) -> None:
    mentee, mentor = _pair_with_dossier(source)
    counts = package.export_package(source, [mentee], tmp_path / "p.zip")
    chosen_uid = cadres.get_cadre(source, mentee).uid
    mentor_view = cadres.get_cadre(source, mentor)
    people = _data(tmp_path / "p.zip", "cadre")
    full = [p for p in people if not p.get("ref_only")]
    refs = [p for p in people if p.get("ref_only")]
    assert [p["uid"] for p in full] == [chosen_uid]
    assert mentor_view.uid in {p["uid"] for p in refs}
    assert counts["cadre"] == 1 and counts["cadre_ref"] == len(refs) >= 1
    ref = next(p for p in refs if p["uid"] == mentor_view.uid)
    assert ref["fields"]["name"] == mentor_view.name and ref["fields"]["post"] == mentor_view.post
    assert ref["refs"]["unit_id"] is not None
    # nothing else of the mentor: blank fields, no family, 奖惩, 考核, 简历, 培训, photo
    assert all(not v for k, v in ref["fields"].items() if k not in REFERENCE_FIELDS)
    related_uids = {p["uid"] for p in refs}
    for model in DOSSIER:
        rows = _data(tmp_path / "p.zip", model.__tablename__)
        assert all(r["refs"]["cadre_id"] not in related_uids for r in rows), model.__tablename__
    assert all(r["refs"]["cadre_id"] not in related_uids for r in _data(tmp_path / "p.zip", "cadre_photo"))


def test_a_reference_matching_nobody_becomes_a_cadre_to_verify(
    source: ServiceContext, other: ServiceContext, tmp_path: Path
) -> None:
    mentee, mentor = _pair_with_dossier(source)
    mentor_uid = cadres.get_cadre(source, mentor).uid
    package.export_package(source, [mentee], tmp_path / "p.zip")
    plan = package.plan_package(other, tmp_path / "p.zip")
    assert plan.actions[mentor_uid] == "new" and plan.references() >= 1
    package.apply_package(other, plan)
    row = next(c for c in cadres.list_cadres(other) if c.uid == mentor_uid)
    profile = cadre_records.get_profile(other, row.id)
    assert profile.cadre.name == cadres.get_cadre(source, mentor).name
    assert profile.family == () and profile.rewards == () and profile.resume == ()
    problems = verification.get_problems(other, row.id)
    assert any("交换包" in p.message and "核实" in p.message for p in problems)
    pairs = [m for m in mentorship.list_mentorships(other) if m.mentor_id == row.id]
    assert pairs  # the pairing is linked to him
    # importing again links, writes nothing
    again = package.plan_package(other, tmp_path / "p.zip")
    assert again.actions[mentor_uid] == "link"
    assert package.apply_package(other, again).linked == again.summary()["link"] >= 1
    # his full record sent later fills him in (only the other side changed the record)
    package.export_package(source, [mentor], tmp_path / "m.zip")
    later = package.plan_package(other, tmp_path / "m.zip")
    assert later.actions[mentor_uid] == "theirs" and later.conflicts == []
    package.apply_package(other, later)
    assert cadre_records.get_profile(other, row.id).family


def test_a_reference_matching_a_local_cadre_links_to_it_and_changes_nothing(
    source: ServiceContext, other: ServiceContext, tmp_path: Path
) -> None:
    mentee, mentor = _pair_with_dossier(source)
    theirs = cadres.get_cadre(source, mentor)
    # the same person, entered on this machine by hand (own uid), with a local post and notes
    mine = cadres.create_cadre(
        other,
        cadres.CadreInput(
            name=theirs.name,
            gender=theirs.gender,
            birth=theirs.birth,
            id_number=theirs.id_number,
            post="本机职务",
            notes="本机备注",
        ),
    )
    package.export_package(source, [mentee], tmp_path / "p.zip")
    plan = package.plan_package(other, tmp_path / "p.zip")
    assert plan.actions[theirs.uid] == "link"
    result = package.apply_package(other, plan)
    assert result.linked >= 1
    after = cadres.get_cadre(other, mine.id)
    assert (after.post, after.notes, after.version) == ("本机职务", "本机备注", mine.version)
    assert verification.get_problems(other, mine.id) == ()
    assert [m.mentor_id for m in mentorship.list_mentorships(other)] == [mine.id]
    with other.db.read() as session:
        assert session.scalar(select(Cadre.id).where(Cadre.uid == theirs.uid)) is None


def test_a_format_1_package_with_full_related_records_still_imports(
    source: ServiceContext, other: ServiceContext, tmp_path: Path
) -> None:
    """What earlier versions wrote: every related person as a full cadre record with his family."""
    mentee, mentor = _pair_with_dossier(source)
    package.export_package(source, [mentee], tmp_path / "p.zip")
    with zipfile.ZipFile(tmp_path / "p.zip") as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    with source.db.read() as session:
        uid_of = Uids(session)
        ref_uids = {p["uid"] for p in json.loads(members["data/cadre.json"]) if p.get("ref_only")}
        people = session.scalars(select(Cadre).where(Cadre.uid.in_(ref_uids))).all()
        cadre_rows = [r for r in json.loads(members["data/cadre.json"]) if not r.get("ref_only")]
        family_rows = json.loads(members["data/family_member.json"])
        for person in people:
            rec = record_of(session, Cadre, person, uid_of)
            cadre_rows.append(
                {"uid": rec.uid, "hash": rec.hash, "base": None, "fields": rec.fields, "refs": rec.refs}
            )
            for fm in session.scalars(select(FamilyMember).where(FamilyMember.cadre_id == person.id)):
                f = record_of(session, FamilyMember, fm, uid_of)
                family_rows.append(
                    {"uid": f.uid, "hash": f.hash, "base": None, "fields": f.fields, "refs": f.refs}
                )
    manifest = json.loads(members["manifest.json"])
    manifest["format_version"] = 1
    members |= {
        "manifest.json": json.dumps(manifest).encode(),
        "data/cadre.json": json.dumps(cadre_rows, ensure_ascii=False).encode(),
        "data/family_member.json": json.dumps(family_rows, ensure_ascii=False).encode(),
    }
    with zipfile.ZipFile(tmp_path / "old.zip", "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    plan = package.plan_package(other, tmp_path / "old.zip")
    assert plan.references() == 0 and plan.summary()["link"] == 0
    package.apply_package(other, plan)
    mentor_uid = cadres.get_cadre(source, mentor).uid
    row = next(c for c in cadres.list_cadres(other) if c.uid == mentor_uid)
    assert cadre_records.get_profile(other, row.id).family  # the old package's full record, as before
    assert verification.get_problems(other, row.id) == ()
