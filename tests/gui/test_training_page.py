"""培训学时 page: the 未达标 list by year and unit, everyone on demand, the export, the rule shown."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
import time_machine
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


def test_a_class_list_imported_from_the_page(
    qtbot: QtBot, ctx: ServiceContext, tmp_path: Path, _zh_cn: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cadre_desk.ui.development import training_import_dialog
    from tests.conftest import make_cadre
    from tests.integration.test_training_import import class_list

    cadre = make_cadre(ctx, "张三", id_number="110105198503150019", birth="1985.03", rank="科员")
    page = TrainingPage(ctx, dt.date(2026, 12, 6))
    qtbot.addWidget(page)
    page.refresh()
    assert page.model.rowCount() == 1  # short
    path = class_list(
        tmp_path / "班.xlsx",
        [
            [
                "青干班",
                "青干班",
                "县委党校",
                "2026.03.02",
                "2026.03.16",
                90,
                15,
                "是",
                "张三",
                "110105198503150019",
                "",
            ]
        ],
    )
    shown: list[tuple[int, int]] = []

    def answer(cls: type, parent: object, plan: object) -> bool:
        shown.append((len(plan.items), len(plan.problems)))  # type: ignore[attr-defined]
        return not plan.problems  # type: ignore[attr-defined]

    monkeypatch.setattr(training_import_dialog.TrainingImportPreview, "ask", classmethod(answer))
    changed: list[object] = []
    page.records_changed.connect(changed.append)
    assert page.import_file(path) == 1
    assert shown == [(1, 0)] and page.model.rowCount() == 0  # now met: off the 未达标 list
    assert changed and changed[0].cadre_ids == frozenset({cadre.id})  # type: ignore[attr-defined]
    bad = class_list(
        tmp_path / "坏.xlsx", [["班", "", "", "2026.01.01", "", 1, 0, "", "赵六", "", "1990.01"]]
    )
    assert page.import_file(bad) == 0 and shown[-1] == (0, 1)


def test_the_promoted_and_youth_class_lists_under_the_page(
    qtbot: QtBot, ctx: ServiceContext, tmp_path: Path, _zh_cn: None
) -> None:
    from tests.integration.test_training_lists import _county as promoted_county

    ids = promoted_county(ctx)
    page = TrainingPage(ctx, dt.date(2026, 12, 6))
    qtbot.addWidget(page)
    page.refresh()
    lists = page.lists
    assert lists.table.model() is lists.promoted
    assert [r.name for r in lists.promoted.rows] == ["丁逾期", "乙后完成", "己处级", "丙未完成"]
    assert lists.promoted.index(0, 8).data() == "逾期未完成"
    assert lists.promoted.index(0, 0).data(9) is not None  # overdue drawn in red (ForegroundRole)
    assert "1" in lists.summary.text()
    lists.which.setCurrentIndex(1)
    assert lists.table.model() is lists.youth and lists.youth.rowCount() == 1  # the page's year: 2026
    page.year.setValue(2025)
    assert [r.name for r in lists.youth.rows] == ["丁逾期"]
    assert lists.export_to(tmp_path / "y.xlsx") == 1
    opened: list[tuple[str, int]] = []
    page.open_record.connect(lambda kind, rid: opened.append((kind, rid)))
    lists._open(lists.youth.index(0, 1))
    assert opened == [("cadre", ids["丁逾期"])]


def test_the_promoted_list_of_a_page_left_open_overnight_is_at_the_new_date(
    qtbot: QtBot, ctx: ServiceContext, _zh_cn: None
) -> None:
    """The page read the date once, when the window opened: the next day it still counted to the day
    before."""
    with time_machine.travel(dt.datetime(2026, 6, 14, 17, 30).astimezone(), tick=True) as clock:
        page = TrainingPage(ctx)
        qtbot.addWidget(page)
        page.refresh()
        assert "2026.06.14" in page.lists.summary.text()
        clock.move_to(dt.datetime(2026, 6, 15, 8, 30).astimezone())
        page.refresh()
        assert "2026.06.15" in page.lists.summary.text()


def test_the_restore_point_is_copied_while_the_preview_is_open(
    qtbot: QtBot, ctx: ServiceContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The verified backup an import needs (20–50 s on a 3 GB county) starts when the preview opens, so
    that it is usually done when the user confirms; the import then uses that copy, not a second one."""
    from cadre_desk import paths
    from cadre_desk.ui.development import training_import_dialog
    from tests.conftest import make_cadre
    from tests.integration.test_training_import import class_list

    make_cadre(ctx, "张三", id_number="110105198503150019", birth="1985.03", rank="科员")
    page = TrainingPage(ctx, dt.date(2026, 12, 6))
    qtbot.addWidget(page)
    row = ["班", "专题班", "", "2026.03.02", "2026.03.06", 40, 5, "", "张三", "110105198503150019", ""]
    path = class_list(tmp_path / "班.xlsx", [row])
    copies = lambda: sorted(paths.backup_dir().glob("*-before-training-import-*.db"))  # noqa: E731
    seen: list[Path] = []

    def answer(cls: type, parent: object, plan: object) -> bool:
        qtbot.waitUntil(lambda: bool(copies()), timeout=30000)  # made while the preview is open
        seen.extend(copies())
        return True

    monkeypatch.setattr(training_import_dialog.TrainingImportPreview, "ask", classmethod(answer))
    assert page.import_file(path) == 1
    assert len(seen) == 1 and copies() == seen
