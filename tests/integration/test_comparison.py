"""横向比较 on the county of known composition: the rows, the values, the differences, the limits."""

from __future__ import annotations

import datetime as dt

import pytest

from cadre_desk.errors import NotFoundError, ValidationError
from cadre_desk.services import comparison
from cadre_desk.services.context import ServiceContext
from tests.conftest import ready_account
from tests.integration import structure_county

REF = dt.date(2026, 12, 6)


def test_two_cadres_side_by_side(ctx: ServiceContext) -> None:
    county = structure_county.build(ctx)
    g, j = county.cadre_ids["G"], county.cadre_ids["J"]
    c = comparison.compare(ctx, [g, j, g], REF)  # a repeated id counts once
    assert c.names == ("庚七", "癸十") and c.cadre_ids == (g, j)
    rows = {r.label: r for r in c.rows}
    assert len(c.rows) == 22 and c.rows[0].group == "基本情况"
    assert rows["性别"].values == ("女", "男") and rows["性别"].differs
    assert rows["出生年月（年龄）"].values == ("1990.07（36岁）", "1980.04（46岁）")
    assert rows["民族"].values == ("汉族", "汉族") and not rows["民族"].differs
    assert rows["现任职务"].values == ("青山镇党委副书记、镇长", "白沙乡党委书记")
    assert rows["近五年年度考核"].values == ("无记录", "无记录") and not rows["近五年年度考核"].differs
    assert rows["谈话（近12个月 / 累计）"].values == ("0 次 / 0 次", "0 次 / 0 次")
    data = c.to_json()
    assert data["cadres"] == [{"id": g, "name": "庚七"}, {"id": j, "name": "癸十"}]
    assert {r["label"]: r["differs"] for r in data["rows"]}["性别"] is True  # type: ignore[index]


def test_two_to_six_known_cadres(ctx: ServiceContext) -> None:
    county = structure_county.build(ctx)
    with pytest.raises(ValidationError):
        comparison.compare(ctx, [county.cadre_ids["A"]], REF)
    with pytest.raises(ValidationError):
        comparison.compare(ctx, county.ids("ABCDEFG"), REF)
    with pytest.raises(NotFoundError):
        comparison.compare(ctx, [county.cadre_ids["A"], 999_999], REF)
    six = comparison.compare(ctx, county.ids("ABCDEF"), REF)
    assert len(six.names) == 6 and all(len(r.values) == 6 for r in six.rows)


def test_the_printed_table_goes_through_the_common_print_path(ctx: ServiceContext) -> None:
    """documents.prepare builds the 横向比较表 (A4 landscape) like every printed document: the
    permission to print is checked, and a print or an export is recorded against each cadre compared."""
    import io

    from pypdf import PdfReader

    from cadre_desk.errors import PermissionDenied
    from cadre_desk.reports import documents
    from cadre_desk.services import accounts, audit_trail, printing

    county = structure_county.build(ctx)
    ids = tuple(county.ids("FGJ"))
    admin = accounts.set_first_admin(ctx.db, "admin", "Adm1n-密码-2026", "王管理")
    ready_account(admin, "reader", ["reader"], "R3ader-密码-2026")
    reader = accounts.authenticate(ctx.db, "reader", "R3ader-密码-2026")
    options = documents.DocumentOptions(printing.print_settings(reader), reference=REF, cadre_ids=ids)
    with pytest.raises(PermissionDenied):  # an administrator manages accounts, not cadre records
        documents.prepare(admin, "comparison", 0, options)
    document = documents.prepare(reader, "comparison", 0, options)
    assert document.title == "干部横向比较表" and document.name == "己六、庚七、癸十"
    assert document.audited_ids == ids and document.file_name() == "己六、庚七、癸十_干部横向比较表.pdf"
    pdf = PdfReader(io.BytesIO(document.to_bytes()))
    page = pdf.pages[0]
    assert page.mediabox.width > page.mediabox.height
    text = page.extract_text()
    assert "计算截止时间：2026.12.06" in text and "庚七" in text
    assert "内部资料" in text or "第 1 页" in text  # the common page template
    with pytest.raises(ValidationError):
        documents.prepare(
            reader, "comparison", 0, documents.DocumentOptions(options.settings, cadre_ids=ids[:1])
        )
    auditor_view = ready_account(admin, "auditor", ["auditor"], "Aud1tor-密码-2026")
    assert auditor_view.name == "auditor"
    printing.record_output(reader, "print", document.title, document.entity, list(document.audited_ids))
    auditor = accounts.authenticate(ctx.db, "auditor", "Aud1tor-密码-2026")
    for cadre_id in ids:
        events = audit_trail.history(auditor, "cadre", cadre_id)
        assert [e.changes.get("document") for e in events if e.action == "print"] == ["干部横向比较表"]


def test_years_at_the_rank_from_the_profile_first_then_from_the_resume(ctx: ServiceContext) -> None:
    """任现职级时间: the profile's field when it is filled; else the start of the last run of one level in
    the 简历, marked 据简历推算 in the cell with a footnote under the table."""
    from dataclasses import replace

    from cadre_desk.services import cadre_records, cadres

    county = structure_county.build(ctx)
    f, j = county.cadre_ids["F"], county.cadre_ids["J"]  # 青山镇 / 白沙乡 党委书记 (正科级)
    for cadre_id, lines in (
        (f, (("2016.07", "2019.12", "某县青山镇科员"), ("2020.01", "2022.05", "某县青山镇副镇长"),
             ("2022.06", None, "某县青山镇党委书记"))),
        (j, (("2010.07", "2017.02", "某县白沙乡副乡长"), ("2017.03", None, "某县白沙乡党委书记"))),
    ):  # fmt: skip
        version = cadres.get_cadre(ctx, cadre_id).version
        cadre_records.save_resume(
            ctx, cadre_id, [cadre_records.ResumeEntryInput(s, e, t) for s, e, t in lines], version
        )
    both = comparison.compare(ctx, [f, j], REF)
    row = {r.label: r for r in both.rows}["任现职级时间（年限）"]
    assert row.values == ("2022.06（4年6个月，据简历推算）", "2017.03（9年9个月，据简历推算）")
    assert both.notes == (comparison.RANK_NOTE,) and "据简历推算" in both.notes[0]
    assert both.to_json()["notes"] == [comparison.RANK_NOTE]
    import io

    from pypdf import PdfReader

    from cadre_desk.reports import documents
    from cadre_desk.services import printing

    options = documents.DocumentOptions(printing.print_settings(ctx), reference=REF, cadre_ids=(f, j))
    pdf = PdfReader(io.BytesIO(documents.prepare(ctx, "comparison", 0, options).to_bytes()))
    text = "".join(p.extract_text() for p in pdf.pages).replace("\n", "")
    assert "据简历推算）" in text and "注：据简历推算：档案未填任现职级时间" in text  # the footnote, printed
    # The profile's 任现职级时间 wins over the resume (and has no note).
    view = cadres.get_cadre(ctx, j)
    saved = cadres.update_cadre(ctx, j, replace(view.to_input(), rank_since="2018.01"), view.version)
    assert saved.rank_since is not None and str(saved.rank_since) == "2018.01"
    mixed = comparison.compare(ctx, [f, j], REF)
    assert {r.label: r for r in mixed.rows}["任现职级时间（年限）"].values == (
        "2022.06（4年6个月，据简历推算）",
        "2018.01（8年11个月）",
    )
    view = cadres.get_cadre(ctx, f)
    cadres.update_cadre(ctx, f, replace(view.to_input(), rank_since="2022.06"), view.version)
    filled = comparison.compare(ctx, [f, j], REF)
    assert {r.label: r for r in filled.rows}["任现职级时间（年限）"].values[0] == "2022.06（4年6个月）"
    assert filled.notes == ()
    with pytest.raises(ValidationError) as err:  # checked like the other months of the profile
        cadres.update_cadre(ctx, f, replace(view.to_input(), rank_since="2022.13"), view.version + 1)
    assert "rank_since" in err.value.fields


def test_spans_under_a_year_read_in_months() -> None:
    """A post taken this month is 不足1个月, not 0年; under a year in months."""
    assert [comparison._years(m) for m in (0, -2, 5, 12, 20)] == [
        "不足1个月",
        "不足1个月",
        "5个月",
        "1年",
        "1年8个月",
    ]
