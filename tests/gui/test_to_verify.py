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
