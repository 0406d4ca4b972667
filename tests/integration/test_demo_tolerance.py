"""The demo county's 容错 cases: every state of the procedure, rulings that count, an overdue measure."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cadre_desk import demo
from cadre_desk.db.opening import open_database
from cadre_desk.domain.tolerance import CaseState
from cadre_desk.services import (
    tolerance_effects,
    tolerance_files,
    tolerance_register,
    tolerance_reminders,
)
from cadre_desk.services.context import open_context

TODAY = dt.date(2025, 6, 15)


def test_demo_cases_cover_the_procedure(tmp_path: Path) -> None:
    db = open_database(str(tmp_path / "demo.db"))
    try:
        demo.generate(db, 40, seed=2, today=TODAY)
        ctx = open_context(db, "测试员")
        rows = tolerance_register.list_cases(ctx)
        assert {r.state for r in rows} == {s.value for s in CaseState}
        views = [tolerance_register.get_case(ctx, r.id) for r in rows]
        ruled = [v for v in views if v.ruling]
        assert all(v.ruling_number and v.ruling_date and v.rule_texts for v in ruled)
        assert all(v.received_on <= TODAY and v.matter_start < v.received_on for v in views)
        rejected = next(v for v in views if v.state == "不予受理")
        assert rejected.rejection_reason
        overdue = tolerance_reminders.open_measures(ctx, due_before=TODAY)
        assert overdue and all(m.due_date and m.due_date < TODAY for m in overdue)
        with db.read() as session:
            exempt = tolerance_effects.tolerated_matters(session)
        assert {m.ruling for m in exempt} == {"免予问责", "不予问责"}
        archived = next(v for v in views if v.state == "已归档")
        assert archived.visits and archived.attachments
        content = tolerance_files.attachment_content(ctx, archived.attachments[0].id)
        assert tolerance_files.sniff(content.data) == content.view.media_type == "application/pdf"
    finally:
        db.dispose()
