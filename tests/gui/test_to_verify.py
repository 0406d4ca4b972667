"""待核实 as a user meets it: the profile shows the problems an import found, saving a corrected field
makes its problem go, and 工作台 lists the cadres that still have any."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from cadre_desk.services.context import ServiceContext
from cadre_desk.transfer import forms, importing
from cadre_desk.ui.home.home_page import HomePage
from cadre_desk.ui.profile.profile_view import ProfileView
from tests.e2e.test_cli_import_checks import BAD_CHECK_DIGIT, GOOD_ID
from tests.integration.test_import_warnings import form, write

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen: top-level widgets


def _import(ctx: ServiceContext, tmp_path: Path) -> int:
    path = write(tmp_path, "w.lrmx", form(ShenFenZheng=BAD_CHECK_DIGIT, MinZu="火星族"))
    (cid,) = importing.apply_plan(ctx, forms.plan_files(ctx, [path])).cadre_ids
    return cid


def test_profile_shows_to_verify_and_a_correction_clears_it(
    qtbot: QtBot, ctx: ServiceContext, tmp_path: Path, _zh_cn: None
) -> None:
    cid = _import(ctx, tmp_path)
    view = ProfileView(ctx)
    qtbot.addWidget(view)
    view.show()
    view.show_cadre(cid)
    banner = view.verify_banner
    assert banner.isVisible()
    assert "待核实" in banner.text() and "身份证号" in banner.text() and "民族" in banner.text()
    form_ = view.form
    assert not form_.errors()  # imported values nobody touched are not shown as typing errors
    id_edit = form_.editor("id_number")
    assert isinstance(id_edit, QLineEdit)
    id_edit.setText(GOOD_ID)
    assert view.save()
    assert "身份证号" not in banner.text() and "民族" in banner.text()
    form_.set_text("ethnicity", "汉")
    assert view.save()
    assert not banner.isVisible()


def test_home_lists_cadres_to_verify(qtbot: QtBot, ctx: ServiceContext, tmp_path: Path, _zh_cn: None) -> None:
    page = HomePage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.reload_now()
    assert not page.verify_list.isVisible()
    cid = _import(ctx, tmp_path)
    page.reload_now()
    assert page.verify_list.isVisible()
    assert page.verify_model.rowCount() == 1
    assert page.verify_model.index(0, 0).data() == "王建国"
    assert "待核实" in page.verify_heading.text()
    with qtbot.waitSignal(page.open_record) as blocker:
        page.verify_list.activated_row.emit(0)
    assert blocker.args == ["cadre", cid]


def test_the_editor_says_what_the_service_says(qtbot: QtBot, ctx: ServiceContext, _zh_cn: None) -> None:
    from cadre_desk.services import cadres
    from tests.conftest import make_cadre

    view = ProfileView(ctx)
    qtbot.addWidget(view)
    view.show_cadre(make_cadre(ctx).id)
    form_ = view.form
    for key, text in (("phone", "call-me-maybe"), ("native_place", "某" * 120), ("rank", "宇宙级")):
        form_.set_text(key, text)
        expected = cadres.field_messages(form_.value(), form_.changed_fields())[key]
        assert form_.errors()[key] == expected
    assert "籍贯不能超过50个字" in form_.errors()["native_place"]
    assert not view.save()


def test_import_preview_tells_warnings_from_refusals(
    qtbot: QtBot, ctx: ServiceContext, tmp_path: Path, _zh_cn: None
) -> None:
    from cadre_desk.ui.transfer.import_preview import ImportPreviewDialog

    files = [
        write(tmp_path, "w.lrmx", form(ShenFenZheng=BAD_CHECK_DIGIT)),
        write(tmp_path, "nobody.lrmx", form(XingMing="")),
        write(tmp_path, "broken.lrmx", b"<Person>"),
    ]
    dialog = ImportPreviewDialog(forms.plan_files(ctx, files))
    qtbot.addWidget(dialog)
    cells = [
        [dialog.table.item(r, c).text() for c in range(dialog.table.columnCount())]
        for r in range(dialog.table.rowCount())
    ]
    assert "待核实" in dialog.summary.text()
    warned = next(row for row in cells if row[1] == "王建国")
    assert "警告" in warned[0] and "身份证号" in warned[3] and "校验位" in warned[3]
    actions = {Path(row[2]).name: row[0] for row in cells if row[2].endswith(("nobody.lrmx", "broken.lrmx"))}
    assert "没有人员" in actions["nobody.lrmx"] and "无法读取" in actions["broken.lrmx"]
