"""培训学时 page: the 未达标 list by year and unit, everyone on demand, the export, the rule shown."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from pytestqt.qtbot import QtBot

from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.development.training_page import ID_ROLE, TrainingPage
from tests.integration.test_compliance import _county


def test_the_page_lists_the_short_and_exports(
    qtbot: QtBot, ctx: ServiceContext, tmp_path: Path, _zh_cn: None
) -> None:
    ids = _county(ctx)
    page = TrainingPage(ctx, dt.date(2026, 12, 6))
    qtbot.addWidget(page)
    page.refresh()
    names = [page.model.index(r, 0).data() for r in range(page.model.rowCount())]
    assert names == ["乙差时", "丙处级", "丁无记录"]
    assert page.summary.text() == "共 4 人，其中 3 人未达标。"
    assert [page.model.index(0, c).data() for c in range(page.model.columnCount())] == [
        "乙差时",
        "某县青山镇人民政府",
        "乡科级",
        "2026",
        "90",
        "8",
        "82",
        "11",
        "60",
        "否",
    ]
    assert page.model.index(0, 0).data(ID_ROLE) == ids["乙差时"]
    assert "每天折算 6 学时" in page.rule.text()
    page.only_short.setChecked(False)
    assert page.model.rowCount() == 4
    page.unit.setCurrentIndex(page.unit.findText("某县委办公室"))
    assert page.model.rowCount() == 2
    page.year.setValue(2025)
    assert page.summary.text() == "共 2 人，其中 2 人未达标。"
    assert page.export_to(tmp_path / "t.xlsx") == 2
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx").active
    assert [row[0].value for row in sheet.iter_rows(min_row=3)] == ["丙处级", "丁无记录"]
    opened: list[tuple[str, int]] = []
    page.open_record.connect(lambda kind, rid: opened.append((kind, rid)))
    page._open(page.model.index(1, 2))
    assert opened == [("cadre", ids["丁无记录"])]
