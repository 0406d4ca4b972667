"""Every kind of record and every action the trail can hold has its words in `services.audit_labels`
(the one table the 审计日志, its Excel export and `audit list` read), in Chinese and in English."""

from __future__ import annotations

from cadre_desk.db.models import Base
from cadre_desk.services import audit_labels

INTERNAL = {  # link and bookkeeping tables: recorded under the record they belong to
    "audit_chain_head",
    "tolerance_case_rule",
    "exchange_base",
    "cadre_form_source",
    "talk_subject",
    "structure_selection_unit",
}


def test_every_table_reads_as_words() -> None:
    missing = sorted(set(Base.metadata.tables) - INTERNAL - set(audit_labels.ENTITIES))
    assert missing == []
    for code in audit_labels.ENTITIES:
        zh, en = audit_labels.entity_label(code), audit_labels.entity_label(code, english=True)
        assert not zh.isascii() and en.isascii() and en != code


def test_changes_and_accounts_in_words() -> None:
    text = audit_labels.changes_text({"print_preparer": [None, "张制表"], "ok": True, "kind": "auto"})
    assert text == "制表人：（空） → 张制表；成功：是；类型：auto"
    assert audit_labels.changes_text({"ok": False}, english=True) == "ok: no"
    assert audit_labels.who("li", "李经办") == "李经办（li）"
    assert audit_labels.who("demo", "demo") == "demo" and audit_labels.who("", "") == "-"
    assert audit_labels.action_label("no_such_code") == "no_such_code"
