"""容错纠错 cases on a real database: the procedure and its conditions, the audit trail, attachments by
content, the 情形 rule table, what a 免责 ruling means elsewhere, and the 0010 migration."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from cadre_desk.db.models import AuditEvent
from cadre_desk.domain.yearmonth import YearMonth
from cadre_desk.errors import ValidationError
from cadre_desk.services import (
    tolerance,
    tolerance_editing,
    tolerance_effects,
    tolerance_files,
    tolerance_procedure,
    tolerance_register,
    tolerance_reminders,
    tolerance_rules,
)
from cadre_desk.services.context import ServiceContext
from tests.conftest import make_cadre, ready_account
from tests.integration.old_schema import cadre_row, database_at, insert, upgrade_to_head

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def _rule_ids(ctx: ServiceContext, *keys: str) -> tuple[int, ...]:
    by_key = {r.key: r.id for r in tolerance_rules.list_rules(ctx)}
    return tuple(by_key[k] for k in keys)


def new_case(ctx: ServiceContext, cadre_id: int, **overrides: object) -> tolerance.CaseView:
    values: dict[str, object] = {
        "matter": "招商项目土地预付款损失",
        "matter_start": "2025.03.10",
        "origin": "本人申请",
        "received_on": "2026.01.05",
        "received_by": "县纪委监委",
        "cadre_id": cadre_id,
        "facts": "为加快项目落地，先行支付土地预付款，后因企业违约造成损失。",
    }
    values.update(overrides)
    return tolerance_editing.create_case(ctx, tolerance.CaseInput(**values))  # type: ignore[arg-type]


def rule_case(ctx: ServiceContext, case: tolerance.CaseView, ruling: str = "免予问责") -> tolerance.CaseView:
    """Take a registered case through 受理 and 核实 to a ruling."""
    case = tolerance_procedure.move_case(ctx, case.id, "受理", case.version)
    case = tolerance_procedure.move_case(ctx, case.id, "核实中", case.version)
    data = dataclasses.replace(
        case.as_input(),
        rule_ids=_rule_ids(ctx, "development"),
        motive="出于推动发展的公心，未谋取私利",
        ruling=ruling,
        ruling_body="县纪委监委",
        ruling_date="2026.03.20",
        ruling_number="X纪容〔2026〕1号",
    )
    case = tolerance_editing.update_case(ctx, case.id, data, case.version)
    return tolerance_procedure.move_case(ctx, case.id, "已认定", case.version)


def test_the_procedure_moves_step_by_step_with_its_conditions(ctx: ServiceContext) -> None:
    cadre = make_cadre(ctx, "周敢为")
    case = new_case(ctx, cadre.id)
    assert case.state == "登记" and case.number == "容错〔2026〕1号" and case.cadre_name == "周敢为"
    with pytest.raises(ValidationError, match="不能从“登记”改为“已认定”"):
        tolerance_procedure.move_case(ctx, case.id, "已认定", case.version)
    case = tolerance_procedure.move_case(ctx, case.id, "受理", case.version)
    case = tolerance_procedure.move_case(ctx, case.id, "核实中", case.version)
    with pytest.raises(ValidationError) as refused:
        tolerance_procedure.move_case(ctx, case.id, "已认定", case.version)
    assert set(refused.value.fields) == {"ruling", "ruling_body", "ruling_date", "ruling_number"}
    data = dataclasses.replace(
        case.as_input(),
        ruling="免予问责",
        ruling_body="县纪委监委",
        ruling_date="2026.03.20",
        ruling_number="X纪容〔2026〕1号",
    )
    case = tolerance_editing.update_case(ctx, case.id, data, case.version)
    with pytest.raises(ValidationError, match="容错情形"):
        tolerance_procedure.move_case(ctx, case.id, "已认定", case.version)
    data = dataclasses.replace(case.as_input(), rule_ids=_rule_ids(ctx, "development", "reform"))
    case = tolerance_editing.update_case(ctx, case.id, data, case.version)
    case = tolerance_procedure.move_case(ctx, case.id, "已认定", case.version)
    assert case.state == "已认定" and len(case.rule_texts) == 2
    with pytest.raises(ValidationError, match="整改措施"):
        tolerance_procedure.move_case(ctx, case.id, "纠错整改中", case.version)
    data = dataclasses.replace(
        case.as_input(),
        measures=(tolerance.MeasureInput("完善项目资金拨付审核流程", "县投促局", "2026.06.30"),),
    )
    case = tolerance_editing.update_case(ctx, case.id, data, case.version)
    case = tolerance_procedure.move_case(ctx, case.id, "纠错整改中", case.version)
    with pytest.raises(ValidationError, match="1 项整改措施未完成"):
        tolerance_procedure.move_case(ctx, case.id, "已归档", case.version)
    tolerance_procedure.mark_measure_done(ctx, case.measures[0].id, "2026.05.30")
    case = tolerance_register.get_case(ctx, case.id)
    case = tolerance_procedure.move_case(ctx, case.id, "已归档", case.version)
    assert case.state == "已归档"
    # a ruling that stands cannot be emptied afterwards
    with pytest.raises(ValidationError):
        tolerance_editing.update_case(
            ctx, case.id, dataclasses.replace(case.as_input(), ruling_number=""), case.version
        )
    with ctx.db.read() as session:
        events = session.execute(
            select(AuditEvent.action, AuditEvent.entity, AuditEvent.changes).order_by(AuditEvent.id)
        ).all()
    states = [e.changes["state"] for e in events if e.entity == "tolerance_case" and "state" in e.changes]
    assert states == [
        [None, "登记"],
        ["登记", "受理"],
        ["受理", "核实中"],
        ["核实中", "已认定"],
        ["已认定", "纠错整改中"],
        ["纠错整改中", "已归档"],
    ]
    assert ("create", "tolerance_measure") in {(e.action, e.entity) for e in events}
    assert any(e.entity == "tolerance_measure" and "done_date" in e.changes for e in events)


def test_rejection_needs_reasons_and_a_stale_move_is_refused(ctx: ServiceContext) -> None:
    case = new_case(ctx, make_cadre(ctx).id)
    with pytest.raises(ValidationError, match="不予受理的理由"):
        tolerance_procedure.move_case(ctx, case.id, "不予受理", case.version, "  ")
    moved = tolerance_procedure.move_case(
        ctx, case.id, "不予受理", case.version, "不属于容错范围：事项系明知故犯"
    )
    assert moved.rejection_reason == "不属于容错范围：事项系明知故犯"
    from cadre_desk.errors import ConflictError

    with pytest.raises(ConflictError):
        tolerance_procedure.move_case(ctx, case.id, "已归档", case.version)
    assert tolerance_procedure.move_case(ctx, case.id, "已归档", moved.version).state == "已归档"


def test_register_fields_are_checked_and_numbers_are_unique(ctx: ServiceContext, unit: object) -> None:
    cadre = make_cadre(ctx)
    with pytest.raises(ValidationError) as refused:
        tolerance_editing.create_case(
            ctx, tolerance.CaseInput(matter="", matter_start="", origin="上级交办", received_on="2026.13.01")
        )
    assert {"matter", "matter_start", "origin", "received_on", "cadre_id"} <= set(refused.value.fields)
    first = new_case(ctx, cadre.id)
    second = new_case(ctx, None, unit_id=unit.id, origin="单位申请")  # type: ignore[attr-defined]
    assert (first.number, second.number) == ("容错〔2026〕1号", "容错〔2026〕2号")
    assert second.unit_name == "县委组织部" and second.cadre_name == ""
    with pytest.raises(ValidationError, match="已被使用"):
        new_case(ctx, cadre.id, number="容错〔2026〕1号")
    own = new_case(ctx, cadre.id, number="县容〔2026〕7号", received_on="2025.11.02")
    assert own.number == "县容〔2026〕7号"
    rows = tolerance_register.list_cases(ctx, year=2026)
    assert [r.number for r in rows] == ["容错〔2026〕2号", "容错〔2026〕1号"]
    assert [r.number for r in tolerance_register.list_cases(ctx, year=2025)] == ["县容〔2026〕7号"]
    assert tolerance_register.case_years(ctx) == [2026, 2025]
    assert tolerance_register.list_cases(ctx, state="已认定") == []
    with pytest.raises(ValidationError):
        tolerance_register.list_cases(ctx, state="办结")
    tolerance_editing.archive_case(ctx, own.id)
    assert [r.number for r in tolerance_register.list_cases(ctx, archived=True)] == ["县容〔2026〕7号"]
    assert tolerance_register.counts_by_state(ctx)["登记"] == 2


def test_attachments_are_recognised_by_content_and_kept_in_the_database(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    case = new_case(ctx, make_cadre(ctx).id)
    scan = tolerance_files.add_attachment(ctx, case.id, "C:\\扫描\\认定书.pdf", PNG)
    assert (scan.file_name, scan.media_type, scan.size) == ("认定书.pdf", "image/png", len(PNG))
    assert tolerance_files.suggested_name(scan.file_name, scan.media_type) == "认定书.png"
    pdf = tolerance_files.add_attachment(ctx, case.id, "申请书", PDF)
    assert pdf.media_type == "application/pdf"
    for name, data, message in (
        ("说明.pdf", b"just text, named like a PDF", "不是 PDF 或扫描图片"),
        ("空.pdf", b"", "空文件"),
        ("大.pdf", b"%PDF-" + b"0" * tolerance_files.MAX_BYTES, "不能超过 20 MB"),
    ):
        with pytest.raises(ValidationError, match=message):
            tolerance_files.add_attachment(ctx, case.id, name, data)
    path = tmp_path / "scan.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0" + b"1" * 100)
    assert tolerance_files.add_attachment_file(ctx, case.id, path).media_type == "image/jpeg"
    with pytest.raises(ValidationError, match="不是普通文件"):
        tolerance_files.add_attachment_file(ctx, case.id, tmp_path)
    assert tolerance_files.attachment_content(ctx, pdf.id).data == PDF
    out = tmp_path / "copy" / "申请书.pdf"
    tolerance_files.save_attachment(ctx, pdf.id, out)
    assert out.read_bytes() == PDF
    tolerance_files.archive_attachment(ctx, scan.id)
    assert [a.file_name for a in tolerance_register.get_case(ctx, case.id).attachments] == [
        "申请书",
        "scan.jpg",
    ]
    tolerance_files.restore_attachment(ctx, scan.id)
    assert len(tolerance_register.get_case(ctx, case.id).attachments) == 3
    tolerance_files.archive_attachment(ctx, scan.id)
    with ctx.db.read() as session:
        actions = session.execute(
            select(AuditEvent.action)
            .where(AuditEvent.entity == "tolerance_attachment")
            .order_by(AuditEvent.id)
        ).scalars()
        assert list(actions) == ["create", "create", "create", "export", "archive", "restore", "archive"]


def test_the_rule_table_ships_sourced_defaults_and_is_editable(ctx: ServiceContext) -> None:
    rules = tolerance_rules.list_rules(ctx)
    assert len(rules) == 8 and all(r.source for r in rules)
    assert any("三个区分开来" in r.source for r in rules) and rules[-1].key == "other"
    added = tolerance_rules.add_rule(ctx, "在乡村振兴项目中因市场波动造成损失的", "县委办〔2024〕12号")
    assert added.key.startswith("local-") and tolerance_rules.list_rules(ctx)[-1].id == added.id
    with pytest.raises(ValidationError, match="已在清单中"):
        tolerance_rules.add_rule(ctx, added.text)
    changed = tolerance_rules.update_rule(
        ctx, rules[0].id, rules[0].text + "（经集体决策）", rules[0].version
    )
    assert changed.source.startswith("本部门修改")
    tolerance_rules.archive_rule(ctx, added.id)
    assert added.id not in {r.id for r in tolerance_rules.list_rules(ctx)}
    assert added.id in {r.id for r in tolerance_rules.list_rules(ctx, archived=True)}
    tolerance_rules.restore_rule(ctx, added.id)
    assert added.id in {r.id for r in tolerance_rules.list_rules(ctx)}


def test_an_exempting_ruling_is_respected_and_warns_negative_records(ctx: ServiceContext) -> None:
    cadre = make_cadre(ctx, "吴担当")
    other = make_cadre(ctx, "郑从轻")
    case = rule_case(ctx, new_case(ctx, cadre.id))
    rule_case(ctx, new_case(ctx, other.id, matter="另一事项"), ruling="从轻")
    pending = new_case(ctx, cadre.id, matter="尚未认定的事项")
    matters = tolerance_effects.cadre_tolerance(ctx, cadre.id)
    assert [m.case_id for m in matters] == [case.id]
    assert matters[0].label() == "已容错（2026.03.20 县纪委监委 免予问责，X纪容〔2026〕1号）"
    assert tolerance_effects.cadre_tolerance(ctx, other.id) == []  # 从轻 is not 免责
    assert pending.id not in {m.case_id for m in matters}
    # a negative record from the matter's start to the end of the year after the ruling warns
    warnings = tolerance_effects.negative_warnings(ctx, cadre.id, YearMonth(2026, 4), "处分")
    assert len(warnings) == 1 and "X纪容〔2026〕1号" in warnings[0] and "本处分" in warnings[0]
    assert tolerance_effects.negative_warnings(ctx, cadre.id, 2027)  # the year-end assessment
    assert tolerance_effects.negative_warnings(ctx, cadre.id, dt.date(2025, 3, 10))
    assert tolerance_effects.negative_warnings(ctx, cadre.id, 2028) == []
    assert tolerance_effects.negative_warnings(ctx, cadre.id, dt.date(2025, 3, 9)) == []
    assert tolerance_effects.negative_warnings(ctx, other.id, 2026) == []
    with ctx.db.read() as session:
        in_2026q2 = tolerance_effects.tolerated_matters(
            session, None, dt.date(2026, 4, 1), dt.date(2026, 6, 30)
        )
        assert [m.cadre_id for m in in_2026q2] == [cadre.id]
        assert tolerance_effects.tolerated_cadre_ids(session, dt.date(2026, 5, 1)) == {cadre.id}
        assert tolerance_effects.tolerated_matters(session, [other.id]) == []
        assert tolerance_effects.tolerated_matters(session, []) == []
    tolerance_editing.archive_case(ctx, case.id)  # a case deleted by mistake no longer counts
    assert tolerance_effects.cadre_tolerance(ctx, cadre.id) == []


def test_an_import_takes_a_negative_record_of_a_tolerated_matter_in_with_a_warning(
    ctx: ServiceContext,
) -> None:
    """The profile's warning is a rule of the services: a roster, a form file or a package bringing a
    惩处 row or a 基本称职 grade in the ruling's window is planned with it (待核实), not refused."""
    from cadre_desk.transfer import importing
    from cadre_desk.transfer.model import AssessmentItem, CadreData, RewardItem

    cadre = make_cadre(ctx, "吴担当", id_number="110101198503071235")
    rule_case(ctx, new_case(ctx, cadre.id))
    values = {"name": "吴担当", "birth": YearMonth(1985, 3), "id_number": "110101198503071235"}

    def plan(rewards: tuple[RewardItem, ...], grades: tuple[AssessmentItem, ...]) -> tuple[str, ...]:
        data = CadreData(values=dict(values), rewards=rewards, assessments=grades)
        result = importing.plan_import(ctx, [("第2行", data)], "名册")
        assert result.rejected == () and result.items[0].cadre_id == cadre.id
        return result.items[0].warnings

    punished = RewardItem("惩处", YearMonth(2026, 4), "2026年4月受到诫勉。")
    praised = RewardItem("奖励", YearMonth(2026, 4), "2026年4月被评为优秀共产党员。")
    warnings = plan((praised, punished), (AssessmentItem(2026, "基本称职"), AssessmentItem(2024, "优秀")))
    assert len(warnings) == 2 and all("X纪容〔2026〕1号" in w for w in warnings)
    assert "本惩处记录" in warnings[0] and "本考核结果" in warnings[1]
    assert plan((praised,), (AssessmentItem(2024, "不称职"),)) == ()  # before the matter's start
    assert plan((praised,), ()) == ()
    # a row the cadre already has is not news: it warned when it was first recorded
    importing.apply_plan(
        ctx,
        importing.plan_import(ctx, [("第2行", CadreData(values=dict(values), rewards=(punished,)))], "名册"),
    )
    assert plan((punished,), ()) == ()


def test_open_measures_are_the_desks_reminders(ctx: ServiceContext) -> None:
    cadre = make_cadre(ctx, "冯整改")
    case = rule_case(ctx, new_case(ctx, cadre.id))
    data = dataclasses.replace(
        case.as_input(),
        measures=(
            tolerance.MeasureInput("追回预付款", "县投促局", "2026.09.30"),
            tolerance.MeasureInput("修订制度", "县财政局", "2026.06.30"),
            tolerance.MeasureInput("已完成的措施", "", "2026.05.01", "2026.04.30"),
        ),
        visits=(tolerance.VisitInput("2026.04.15", "干部监督科", "思想稳定，工作积极"),),
    )
    case = tolerance_editing.update_case(ctx, case.id, data, case.version)
    assert [v.notes for v in case.visits] == ["思想稳定，工作积极"]
    reminders = tolerance_reminders.open_measures(ctx)
    assert [(r.action, r.cadre_name, r.number) for r in reminders] == [
        ("修订制度", "冯整改", case.number),
        ("追回预付款", "冯整改", case.number),
    ]
    assert [r.action for r in tolerance_reminders.open_measures(ctx, due_before=dt.date(2026, 7, 1))] == [
        "修订制度"
    ]
    row = tolerance_register.list_cases(ctx)[0]
    assert (row.open_measures, row.next_due) == (2, dt.date(2026, 6, 30))
    assert row.to_json()["next_due"] == "2026.06.30" and row.to_json()["ruling"] == "免予问责"
    # removing a measure from the case archives it
    case = tolerance_editing.update_case(
        ctx, case.id, dataclasses.replace(data, measures=data.measures[:1]), case.version
    )
    assert [m.action for m in case.measures] == ["追回预付款"]


def test_migration_0010_upgrades_a_0009_database_without_loss(tmp_path: Path) -> None:
    from sqlalchemy import text

    engine = database_at(tmp_path / "old.db", "0009")
    with engine.begin() as conn:
        insert(
            conn,
            "cadre",
            cadre_row(
                version=3,
                birth=197609,
                post="科长",
                rank="正科级",
                retirement_override_reason="",
                post_age_limit="",
            ),
        )
        before = conn.execute(text("SELECT category, key, value FROM local_rule ORDER BY id")).all()
    upgrade_to_head(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT name, version FROM cadre")).one() == ("张三", 3)
        assert conn.execute(text("SELECT category, key, value FROM local_rule ORDER BY id")).all() == before
        rules = conn.execute(text("SELECT key, text, source FROM tolerance_rule ORDER BY position")).all()
        assert len(rules) == 8 and all(r.source and r.text for r in rules)
        assert conn.execute(text("SELECT count(*) FROM tolerance_case")).scalar() == 0
    engine.dispose()


def test_the_yearly_summary_counts_by_rule_and_ruling_in_pdf_and_excel(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    import openpyxl
    from pypdf import PdfReader

    from cadre_desk.reports import tolerance_summary as report
    from cadre_desk.services import tolerance_summary

    first, second = make_cadre(ctx, "吴担当"), make_cadre(ctx, "郑从轻")
    exempt = rule_case(ctx, new_case(ctx, first.id))
    rule_case(ctx, new_case(ctx, second.id, matter="另一事项"), ruling="从轻")
    new_case(ctx, first.id, matter="尚在登记的事项")
    new_case(ctx, first.id, matter="去年的事项", received_on="2025.06.01")
    summary = tolerance_summary.yearly_summary(ctx, 2026)
    assert summary.total == 3 and summary.exempted == 1
    rulings = dict(summary.by_ruling)
    assert (rulings["免予问责"], rulings["从轻"], rulings["未认定"], rulings["不予问责"]) == (1, 1, 1, 0)
    by_rule = dict(summary.by_rule)
    assert len(by_rule) == 8 and by_rule["在推动发展中出于公心、因无意过失造成一定损失的"] == 2
    assert dict(summary.by_state)["已认定"] == 2 and dict(summary.by_state)["登记"] == 1
    assert [c.number for c in summary.cases] == ["容错〔2026〕1号", "容错〔2026〕2号", "容错〔2026〕3号"]
    pages = report.write(ctx, 2026, tmp_path / "s.pdf")
    reader = PdfReader(tmp_path / "s.pdf")
    text = "".join(page.extract_text() for page in reader.pages)
    assert pages == len(reader.pages) >= 1
    assert "2026年度容错纠错工作情况年度汇总" in text and exempt.number in text and "郑从轻" in text
    assert "去年的事项" not in text
    assert reader.metadata is not None and reader.metadata.title == "2026年度容错纠错工作情况年度汇总"
    assert report.write(ctx, 2026, tmp_path / "s.xlsx") == 3
    book = openpyxl.load_workbook(tmp_path / "s.xlsx")
    assert [row[0].value for row in book["案件清单"].iter_rows(min_row=2)] == [
        c.number for c in summary.cases
    ]
    with pytest.raises(ValidationError, match=r"\.pdf 或 \.xlsx"):
        report.write(ctx, 2026, tmp_path / "s.docx")
    with pytest.raises(ValidationError, match="1950–2100"):
        tolerance_summary.yearly_summary(ctx, 20260)
    with ctx.db.read() as session:
        exports = session.scalars(
            select(AuditEvent.entity_id).where(
                AuditEvent.entity == "tolerance_summary", AuditEvent.action == "export"
            )
        ).all()
    assert exports == [2026, 2026]


def test_the_rule_table_is_edited_in_the_generic_rule_editor(ctx: ServiceContext) -> None:
    from cadre_desk.services import rule_tables as rt

    assert "tolerance_rule" in [t.key for t in rt.tables()]
    rows = rt.list_rows(ctx, "tolerance_rule")
    assert len(rows) == 8 and all(r.source for r in rows) and rows[0].values["key"] == "reform"
    added = rt.add_row(ctx, "tolerance_rule", {"text": "在招商引资中因企业违约造成损失的"})
    assert added.values["key"].startswith("local-") and added.source.startswith("本部门新增")
    assert added.id in {r.id for r in tolerance_rules.list_rules(ctx)}
    with pytest.raises(ValidationError, match="已在清单中"):
        rt.add_row(ctx, "tolerance_rule", {"text": rows[1].values["text"]})
    changed = rt.update_row(
        ctx, "tolerance_rule", rows[0].id, {"text": "改革创新中先行先试出现失误的"}, rows[0].version
    )
    assert changed.source.startswith("本部门修改")
    rt.archive_row(ctx, "tolerance_rule", added.id, added.version)
    assert added.id not in {r.id for r in tolerance_rules.list_rules(ctx)}
    with ctx.db.read() as session:
        entities = session.scalars(
            select(AuditEvent.action).where(AuditEvent.entity == "tolerance_rule").order_by(AuditEvent.id)
        ).all()
    assert list(entities) == ["create", "update", "archive"]


def test_cases_need_the_tolerance_permission(ctx: ServiceContext) -> None:
    from cadre_desk.errors import PermissionDenied
    from cadre_desk.services import access, accounts, worktable
    from cadre_desk.services.access import Permission
    from tests.integration.test_accounts import ADMIN_PW, CLERK_PW

    cadre = make_cadre(ctx, "吴担当")
    case = rule_case(ctx, new_case(ctx, cadre.id))
    data = dataclasses.replace(case.as_input(), measures=(tolerance.MeasureInput("整改", "", "2026.12.31"),))
    tolerance_editing.update_case(ctx, case.id, data, case.version)
    admin = accounts.set_first_admin(ctx.db, "admin", ADMIN_PW)
    ready_account(admin, "clerk", ["clerk"], CLERK_PW)
    ready_account(admin, "judge", ["tolerance"], CLERK_PW)
    clerk = accounts.authenticate(ctx.db, "clerk", CLERK_PW)
    judge = accounts.authenticate(ctx.db, "judge", CLERK_PW)
    assert access.can(judge, Permission.TOLERANCE) and not access.can(clerk, Permission.TOLERANCE)
    for call in (
        tolerance_register.list_cases,
        lambda c: tolerance_register.get_case(c, case.id),
        lambda c: tolerance_files.add_attachment(c, case.id, "a.pdf", PDF),
        tolerance_rules.list_rules,
    ):
        with pytest.raises(PermissionDenied):
            call(clerk)
        call(judge)
    # the clerk still sees that a ruling exists (已容错 on the profile), never the case itself
    assert [m.case_id for m in tolerance_effects.cadre_tolerance(clerk, cadre.id)] == [case.id]
    assert worktable.load(clerk, dt.date(2026, 12, 6)).measures_total == 0
    ready_account(admin, "both", ["clerk", "tolerance"], CLERK_PW)
    both = accounts.authenticate(ctx.db, "both", CLERK_PW)
    assert worktable.load(both, dt.date(2026, 12, 6)).measures_total == 1
