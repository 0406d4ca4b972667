"""The roster page driven as a user: quick filter, structured filters, columns, create, archive, restore."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from cadre_desk.services import cadres
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.roster.new_cadre_dialog import NewCadreDialog
from cadre_desk.ui.roster.roster_model import Column
from cadre_desk.ui.roster.roster_page import RosterPage
from cadre_desk.ui.shell import settings as keys
from cadre_desk.ui.shell.settings import Settings
from tests.gui.conftest import ROSTER_TODAY

TODAY = ROSTER_TODAY
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def page(roster_page: RosterPage) -> RosterPage:
    return roster_page


def shown_names(page: RosterPage) -> list[str]:
    return [page.proxy.index(r, Column.NAME).data() for r in range(page.proxy.rowCount())]


def test_models_pass_qt_checks(qtmodeltester: ModelTester, page: RosterPage) -> None:
    qtmodeltester.check(page.model)
    page.set_query("青山")
    qtmodeltester.check(page.proxy)


def test_selecting_a_cadre_by_program_ignores_the_keys_held(qtbot: QtBot, page: RosterPage) -> None:
    """A search result or a link selects its cadre even while Ctrl is held: `selectRow` would toggle
    the row, unselecting a cadre selected already (a context menu then had nothing to act on)."""
    first = page.proxy.cadre_id(page.proxy.index(0, 0))
    assert first is not None and page.select_cadre(first)
    qtbot.keyPress(page.table, Qt.Key.Key_Control, Qt.KeyboardModifier.ControlModifier)
    try:
        assert page.select_cadre(first) and page.selected_ids() == [first]
        other = page.proxy.cadre_id(page.proxy.index(1, 0))
        assert other is not None and page.select_cadre(other) and page.selected_ids() == [other]
    finally:
        qtbot.keyRelease(page.table, Qt.Key.Key_Control)


def test_typing_pinyin_initials_filters(qtbot: QtBot, page: RosterPage) -> None:
    assert page.shown() == 3
    qtbot.keyClicks(page.quick_filter, "zs")
    assert shown_names(page) == ["张三"]
    assert page.profile.cadre_id is not None
    page.quick_filter.clear()
    page.quick_filter.insert("青山镇")
    assert sorted(shown_names(page)) == ["李四", "王小明"]
    page.quick_filter.insert(" 副")
    assert shown_names(page) == ["李四"]


def test_filtering_never_loads_another_profile(page: RosterPage) -> None:
    shown = page.profile.cadre_id
    assert shown is not None and page.selected_ids() == [shown]
    counts: list[tuple[int, int]] = []
    page.counts_changed.connect(lambda a, b: counts.append((a, b)))
    hidden_by = next(r.name for r in page.model.all_rows() if r.id != shown)
    page.set_query(hidden_by)
    assert page.profile.cadre_id == shown  # the profile stays until the user picks a row
    assert page.selected_ids() == []
    assert counts == [(1, 3)]  # once per keystroke, not once per range of rows the proxy drops
    page.set_query("")
    assert page.selected_ids() == [shown] and page.profile.cadre_id == shown


def test_structured_filters(qtbot: QtBot, page: RosterPage) -> None:
    qtbot.mouseClick(page.filters_button, Qt.MouseButton.LeftButton)
    assert page.filter_panel.isVisible()
    panel = page.filter_panel
    panel.gender.setCurrentIndex(panel.gender.findData("女"))
    assert shown_names(page) == ["李四"]
    panel.gender.setCurrentIndex(0)
    rank = next(a for a in panel.ranks.menu().actions() if a.text() == "正科级")
    rank.setChecked(True)
    assert sorted(shown_names(page)) == ["张三", "王小明"]
    panel.age_min.setValue(45)  # 王小明 was born 1978.01
    assert shown_names(page) == ["王小明"]
    panel.clear()
    # The unit tree: 青山镇 holds two cadres.
    top = panel.units.topLevelItem(0)
    assert top is not None
    town = next(top.child(i) for i in range(top.childCount()) if top.child(i).text(0) == "青山镇")
    panel.units.setCurrentItem(town)
    assert sorted(shown_names(page)) == ["李四", "王小明"]


def test_column_chooser_and_remembered_header(
    page: RosterPage, settings: Settings, ctx: ServiceContext
) -> None:
    menu = page.column_menu()
    education = next(a for a in menu.actions() if a.text() == "学历")
    education.setChecked(False)
    assert Column.EDUCATION not in page.visible_columns()
    page.table.sortByColumn(Column.AGE, Qt.SortOrder.DescendingOrder)
    assert shown_names(page)[0] == "王小明"
    page.save_state(settings)
    assert not settings.get(keys.ROSTER_HEADER).isEmpty()
    again = RosterPage(ctx, TODAY)
    again.restore_state(settings)
    again.reload()
    assert Column.EDUCATION not in again.visible_columns()
    assert again.table.horizontalHeader().sortIndicatorSection() == Column.AGE
    assert next(again.proxy.index(r, Column.NAME).data() for r in range(3)) == "王小明"
    again.deleteLater()


def test_create_a_cadre_with_invalid_then_valid_data(
    qtbot: QtBot, page: RosterPage, ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = NewCadreDialog(ctx, page)
    qtbot.addWidget(dialog)
    dialog.show()
    form = dialog.form
    qtbot.keyClicks(form.editor("birth"), "1985.13")
    error = form._errors["birth"]
    assert error.isVisible() and "月份 13" in error.text()  # shown while typing
    qtbot.keyClicks(form.editor("id_number"), "11010519850301001X")
    assert "校验" in form._errors["id_number"].text() or form._errors["id_number"].text()
    assert not dialog.save()
    assert "请填写姓名" in form._errors["name"].text()
    assert cadres.count_cadres(ctx) == 3
    form.editor("birth").clear()
    qtbot.keyClicks(form.editor("birth"), "1988.05")
    form.editor("id_number").clear()
    form.editor("name").insert("赵六")  # type: ignore[attr-defined]  # a QLineEdit
    assert not form._errors["birth"].isVisible()
    assert dialog.save()
    assert dialog.created is not None and dialog.created.name == "赵六"

    monkeypatch.setattr(NewCadreDialog, "ask", classmethod(lambda cls, parent, ctx: dialog.created))
    page.new_cadre()
    assert page.total() == 4
    assert page.profile.cadre_id == dialog.created.id


def test_service_errors_show_at_the_field(qtbot: QtBot, page: RosterPage, ctx: ServiceContext) -> None:
    dialog = NewCadreDialog(ctx, page)
    qtbot.addWidget(dialog)
    zhang_id = "110105198503010016"
    cadres.update_cadre(
        ctx,
        1,
        cadres.get_cadre(ctx, 1)
        .to_input()
        .__class__(**{**cadres.get_cadre(ctx, 1).to_input().__dict__, "id_number": zhang_id}),
        cadres.get_cadre(ctx, 1).version,
    )
    dialog.form.editor("name").insert("重号")  # type: ignore[attr-defined]  # a QLineEdit
    qtbot.keyClicks(dialog.form.editor("birth"), "1985.03")
    qtbot.keyClicks(dialog.form.editor("id_number"), zhang_id)
    assert not dialog.save()
    assert "重复" in dialog.form._errors["id_number"].text()


def test_archive_and_restore(
    qtbot: QtBot, page: RosterPage, monkeypatch: pytest.MonkeyPatch, ctx: ServiceContext
) -> None:
    li = next(r for r in page.model.all_rows() if r.name == "李四")
    page.show_cadre(li.id)
    asked: list[str] = []

    def answer(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    page.archive_selected()
    assert asked and "李四" in asked[0]
    assert "李四" not in shown_names(page)
    assert cadres.get_cadre(ctx, li.id).archived

    page.show_archived.setChecked(True)
    assert "李四" in shown_names(page)
    page.show_cadre(li.id)
    assert page.profile.title.text() == "李四（已归档）"
    menu_texts = [a.text() for a in page.row_menu().actions()]
    assert "恢复" in menu_texts
    page.restore_selected()
    assert not cadres.get_cadre(ctx, li.id).archived
    page.show_archived.setChecked(False)
    assert "李四" in shown_names(page)


def test_show_cadre_clears_filters_and_finds_archived(page: RosterPage, ctx: ServiceContext) -> None:
    wang = next(r for r in page.model.all_rows() if r.name == "王小明")
    cadres.archive_cadre(ctx, wang.id)
    page.reload()
    page.set_query("zs")
    page.show_cadre(wang.id)
    assert page.show_archived.isChecked()
    assert page.profile.cadre_id == wang.id
    assert page.quick_filter.text() == ""
    assert page.selected_ids() == [wang.id]


def test_a_drop_keeps_appointment_forms_and_folders_only(page: RosterPage, tmp_path: object) -> None:
    from pathlib import Path

    from cadre_desk.ui.roster.roster_page import exchange_paths

    folder = Path(str(tmp_path))
    (folder / "a.lrmx").write_text("x", encoding="utf-8")
    (folder / "b.txt").write_text("x", encoding="utf-8")
    assert exchange_paths([folder / "a.lrmx", folder / "b.txt", folder]) == [folder / "a.lrmx", folder]
