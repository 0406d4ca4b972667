"""F20 (三员分立, 最小必要): the 安全审计员 reads the audit trail, not the records through it. Through
`services.audit_trail` (which the window, the Excel export and `audit list` all read) he sees who, when,
what, which record and which fields — an ID number as 1101**********1237, every other value of a record
〔已隐去〕 — while the account records and backups, his own business, stay in full. A records role sees the
values; the stored rows and the hash chain are untouched."""

from __future__ import annotations

import dataclasses

from cadre_desk.db.engine import Database
from cadre_desk.services import accounts, audit_labels, audit_mask, audit_trail, cadre_records, cadres, talks
from cadre_desk.services.audit_trail import AuditFilter
from tests.conftest import make_cadre, ready_account

ID = "110101199001011237"
PW = {"admin": "Kq7#river-stone", "shenji": "Zt4#quiet-lake", "li": "Pq#clerk-2026", "jian": "Jw#both-2026"}


def _trail(db: Database) -> None:
    admin = accounts.set_first_admin(db, "admin", PW["admin"])
    ready_account(admin, "shenji", ["auditor"], PW["shenji"], display_name="审计员")
    ready_account(admin, "li", ["clerk"], PW["li"], display_name="李经办")
    ready_account(admin, "jian", ["clerk", "auditor"], PW["jian"])
    li = accounts.authenticate(db, "li", PW["li"])
    born_1990 = {"birth": "1990.01", "party_join": "2012.05", "work_start": "2012.07"}
    cadre = make_cadre(li, "审计看", id_number=ID, **born_1990)
    profile = cadre_records.save_family(
        li,
        cadre.id,
        [cadre_records.FamilyMemberInput(relation="妻子", name="王秘密", employer_post="县医院护士")],
        cadre.version,
    )
    profile = cadre_records.save_rewards(
        li,
        cadre.id,
        [cadre_records.RewardInput(kind="惩处", text="党内警告处分（秘密缘由）")],
        profile.cadre.version,
    )
    talks.record_talk(
        li, talks.TalkInput("2026.05.06 10:00", "任职谈话", (cadre.id,), "赵部长", content="谈话中的秘密内容")
    )
    data = dataclasses.replace(cadres.get_cadre(li, cadre.id).to_input(), phone="13912345678")
    cadres.update_cadre(li, cadre.id, data, profile.cadre.version)


def _everything(db: Database, user: str) -> str:
    ctx = accounts.authenticate(db, user, PW[user])
    events = audit_trail.list_events(ctx, AuditFilter(), limit=1000)
    events += audit_trail.history(ctx, "cadre", events[-1].entity_id or 0)
    events += list(audit_trail.stream_events(ctx))
    return repr([(e.summary, e.changes) for e in events])


def test_the_auditor_sees_facts_and_field_names_not_values(db: Database) -> None:
    _trail(db)
    shenji = accounts.authenticate(db, "shenji", PW["shenji"])
    seen = _everything(db, "shenji")
    for secret in (ID, "王秘密", "县医院护士", "秘密缘由", "13912345678", "1990", "秘密内容", "赵部长"):
        assert secret not in seen
    created = audit_trail.list_events(shenji, AuditFilter(action="create", entity="cadre"))[0]
    assert created.changes["id_number"] == [None, "1101**********1237"]
    assert created.changes["name"] == [None, audit_mask.HIDDEN]
    assert set(created.changes) >= {"name", "gender", "birth", "id_number"}  # which fields: kept
    assert created.user == "li" and created.entity_id is not None
    update = audit_trail.list_events(shenji, AuditFilter(action="update", entity="cadre"))[0]
    assert update.changes["phone"][1] == audit_mask.HIDDEN
    # the accounts are his business: roles given, in full
    roles = audit_trail.list_events(shenji, AuditFilter(entity="account", action="create"))
    assert any("clerk" in repr(e.changes) or "干部科经办" in e.summary for e in roles)


def test_a_records_role_sees_the_values_and_the_chain_is_untouched(db: Database) -> None:
    _trail(db)
    seen = _everything(db, "jian")  # 干部科经办 and 安全审计员: he may read the records anyway
    for value in (ID, "王秘密", "秘密缘由", "13912345678", "秘密内容"):
        assert value in seen
    _everything(db, "shenji")
    assert audit_trail.verify(accounts.authenticate(db, "shenji", PW["shenji"])).ok


def test_masking_keeps_bookkeeping_and_shape() -> None:
    changes = {
        "version": [3, 4],
        "count": 12,
        "path": "/备份/库-2026.db",
        "kind": [None, "惩处"],
        "deceased": [False, True],
        "note": ["", "x"],
        "id_number": ["11010119900101123X", "123"],
    }
    out = audit_mask.masked_changes("reward_or_punishment", changes)
    assert out == {
        "version": [3, 4],
        "count": 12,
        "path": "/备份/库-2026.db",
        "kind": [None, audit_mask.HIDDEN],
        "deceased": [audit_mask.HIDDEN, audit_mask.HIDDEN],
        "note": ["", audit_mask.HIDDEN],
        "id_number": ["1101**********123X", audit_mask.HIDDEN],
    }
    assert audit_labels.changes_text({"name": [None, audit_mask.HIDDEN]}) == "姓名：（空） → 〔已隐去〕"
    assert (
        audit_labels.changes_text({"name": [None, audit_mask.HIDDEN]}, english=True)
        == "name: (empty) → (hidden)"
    )
    assert audit_mask.masked_changes("app_setting", {"print_preparer": [None, "张制表"]}) == {
        "print_preparer": [None, "张制表"]
    }
    assert (
        audit_mask.mask_id_numbers(f"新建干部 {ID}，电话 13912345678")
        == "新建干部 1101**********1237，电话 13912345678"
    )
