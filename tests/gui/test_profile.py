"""The profile tabs driven as a user: resume gaps, list edits, unsaved-changes prompt, conflicts, timeline."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from cadre_desk.services import cadres, talks
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.profile.profile_view import ProfileView
from cadre_desk.ui.roster.roster_page import RosterPage
from cadre_desk.ui.widgets.conflict_dialog import ConflictDialog, Resolution
from cadre_desk.ui.widgets.photo_crop import PhotoCropDialog, crop_to_jpeg, largest_crop
from tests.gui.conftest import ROSTER_TODAY

TODAY = ROSTER_TODAY
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def page(roster_page: RosterPage, sample_cadres: dict[str, cadres.CadreView]) -> RosterPage:
    roster_page.show_cadre(sample_cadres["张三"].id)
    return roster_page


def set_cell(view: ProfileView, key: str, row: int, field: str, text: str) -> None:
    records = view.editors[key].records
    assert records.setData(records.index(row, records.column_of(field)), text)


def test_editor_models_pass_qt_checks(qtmodeltester: ModelTester, page: RosterPage) -> None:
    for editor in page.profile.editors.values():
        qtmodeltester.check(editor.records)
    qtmodeltester.check(page.profile.timeline.records)


def test_resume_edit_shows_gap_warning_and_saves(page: RosterPage, ctx: ServiceContext) -> None:
    view = page.profile
    view.tabs.setCurrentWidget(view.resume)
    assert "空缺" in view.resume.notes.text()  # 2011.09 -> 2012.03
    set_cell(
        view, "resume", 2, "end", "2012.03"
    )  # the 其间 row is row 2? no: rows are main, main, 其间, main
    records = view.resume.records
    assert [records.index(r, 0).data(Qt.ItemDataRole.CheckStateRole) for r in range(4)][
        2
    ] == Qt.CheckState.Checked
    set_cell(view, "resume", 2, "end", "2010.12")
    set_cell(view, "resume", 3, "start", "2011.09")  # closes the gap
    assert not view.resume.notes.isVisible()
    set_cell(view, "resume", 3, "start", "2013.99")
    assert "月份 99" in view.resume.problems.text()
    assert not view.save()
    assert "标红" in view.status.text()
    set_cell(view, "resume", 3, "start", "2011.09")
    assert view.is_dirty()
    assert view.save()
    assert not view.is_dirty()
    profile = view.profile
    assert profile is not None and str(profile.resume[2].start) == "2011.09"
    assert profile.resume_warnings == ()
    assert view.tabs.tabText(view.tabs.indexOf(view.resume)) == "简历（3）"


def test_family_errors_from_typing_and_from_the_service(page: RosterPage) -> None:
    view = page.profile
    family = view.editors["family"]
    row = family.records.add_row(["儿子", "刘小明", "2010.13"])
    assert "月份 13" in family.problems.text()
    set_cell(view, "family", row, "birth", "2010.05")
    set_cell(view, "family", row, "political_status", "火星党")  # not in the code list (the service's rule)
    assert not view.save()
    assert family.records.cell_error(row, family.records.column_of("political_status"))
    set_cell(view, "family", row, "political_status", "民盟")  # the editor's caption: stored canonical
    assert view.save()
    assert [m.name for m in view.profile.family] == ["刘芳", "刘小明"]  # type: ignore[union-attr]
    assert view.profile.family[1].political_status == "民盟盟员"  # type: ignore[union-attr]


def test_basic_info_validation_as_typed(qtbot: QtBot, page: RosterPage) -> None:
    form = page.profile.form
    form.editor("work_start").clear()  # type: ignore[attr-defined]
    qtbot.keyClicks(form.editor("work_start"), "2099.01")
    assert "不能晚于" in form._errors["work_start"].text()
    qtbot.keyClicks(form.editor("id_number"), "110105198503010011")
    assert "校验" in form._errors["id_number"].text()
    assert not page.profile.save()
    form.revert()
    assert not page.profile.is_dirty()


def test_unsaved_changes_prompt(
    qtbot: QtBot,
    page: RosterPage,
    sample_cadres: dict[str, cadres.CadreView],
    monkeypatch: pytest.MonkeyPatch,
    ctx: ServiceContext,
) -> None:
    view = page.profile
    zhang, li = sample_cadres["张三"], sample_cadres["李四"]
    view.form.set_text("post", "干部一科科长（主持工作）")
    assert view.is_dirty()
    answers = [QMessageBox.StandardButton.Cancel]
    asked: list[str] = []

    def question(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    assert page.select_cadre(li.id)  # the user clicks another row, then cancels
    qtbot.waitUntil(lambda: page.selected_ids() == [zhang.id])
    assert view.cadre_id == zhang.id
    assert "张三" in asked[0]
    answers.append(QMessageBox.StandardButton.Discard)
    page.select_cadre(li.id)
    assert view.cadre_id == li.id
    assert cadres.get_cadre(ctx, zhang.id).post == "干部一科科长"
    page.show_cadre(zhang.id)
    view.form.set_text("post", "干部一科科长（主持工作）")
    answers.append(QMessageBox.StandardButton.Save)
    assert page.can_leave()
    assert cadres.get_cadre(ctx, zhang.id).post == "干部一科科长（主持工作）"
    assert len(asked) == 3


def test_conflict_shows_both_versions(
    page: RosterPage, ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = page.profile
    cadre_id = view.cadre_id
    assert cadre_id is not None
    view.form.set_text("post", "我的职务")
    theirs = cadres.get_cadre(ctx, cadre_id)  # someone else saves behind the form's back
    cadres.update_cadre(
        ctx,
        cadre_id,
        theirs.to_input().__class__(**{**theirs.to_input().__dict__, "post": "他人的职务"}),
        theirs.version,
    )
    shown: list[list[tuple[str, str, str]]] = []

    def ask(cls: type, parent: object, name: str, differences: list[tuple[str, str, str]]) -> Resolution:
        shown.append(list(differences))
        dialog = ConflictDialog(name, differences)  # it builds and shows the rows
        assert dialog.table.rowCount() == len(differences)
        dialog.deleteLater()
        return Resolution.KEEP_THEIRS if len(shown) == 1 else Resolution.OVERWRITE

    monkeypatch.setattr(ConflictDialog, "ask", classmethod(ask))
    assert view.save()
    assert shown[0] == [("现任职务", "我的职务", "他人的职务")]
    assert view.form.text_of("post") == "他人的职务" and not view.is_dirty()

    view.form.set_text("post", "我的职务")
    theirs = cadres.get_cadre(ctx, cadre_id)
    cadres.update_cadre(
        ctx,
        cadre_id,
        theirs.to_input().__class__(**{**theirs.to_input().__dict__, "phone": "13800000000"}),
        theirs.version,
    )
    assert view.save()  # different fields: merged without asking
    assert len(shown) == 1
    stored = cadres.get_cadre(ctx, cadre_id)
    assert stored.post == "我的职务" and stored.phone == "13800000000"
    assert view.form.text_of("phone") == "13800000000" and not view.is_dirty()


def test_a_change_made_elsewhere_refreshes_and_merges(
    page: RosterPage, ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = page.profile
    cadre_id = view.cadre_id
    assert cadre_id is not None

    def store(**changes: str) -> None:
        theirs = cadres.get_cadre(ctx, cadre_id)
        data = theirs.to_input().__dict__ | changes
        cadres.update_cadre(ctx, cadre_id, theirs.to_input().__class__(**data), theirs.version)

    store(phone="13900000000")  # e.g. an import of the same cadre
    view.refresh_from_store()  # what the main window does after any change in this window
    assert view.form.text_of("phone") == "13900000000" and not view.is_dirty()

    asked: list[object] = []
    monkeypatch.setattr(ConflictDialog, "ask", classmethod(lambda cls, *a: asked.append(a)))
    view.form.set_text("post", "我的职务")
    store(speciality="新导入的专长")
    view.refresh_from_store()  # unsaved edits stay, the import's field comes in
    assert view.form.text_of("post") == "我的职务" and view.form.text_of("speciality") == "新导入的专长"
    assert view.is_dirty() and "合并" in view.status.text()
    assert view.save() and asked == []
    stored = cadres.get_cadre(ctx, cadre_id)
    assert (stored.post, stored.speciality, stored.phone) == ("我的职务", "新导入的专长", "13900000000")

    view.form.set_text("post", "又改的职务")
    store(post="导入的职务")
    view.refresh_from_store()
    monkeypatch.setattr(
        ConflictDialog, "ask", classmethod(lambda cls, *a: asked.append(a) or Resolution.OVERWRITE)
    )
    assert view.save()
    assert len(asked) == 1 and asked[0][2] == [("现任职务", "又改的职务", "导入的职务")]  # type: ignore[index]
    assert cadres.get_cadre(ctx, cadre_id).post == "又改的职务"


def test_lazy_tabs_timeline_and_open_record(qtbot: QtBot, page: RosterPage, ctx: ServiceContext) -> None:
    view = page.profile
    cadre_id = view.cadre_id
    assert cadre_id is not None
    talk = talks.record_talk(
        ctx,
        talks.TalkInput(
            talk_at="2024.05.17 14:30",
            kind="任职谈话",
            subject_ids=(cadre_id,),
            talkers="赵部长",
            content="谈话。",
        ),
    )
    page.show_cadre(cadre_id)
    assert view.talks.records.rowCount() == 0 or "talks" not in view._loaded_tabs
    view.tabs.setCurrentWidget(view.talks)
    assert view.talks.records.rowCount() == 1
    view.tabs.setCurrentWidget(view.timeline)
    rows = [view.timeline.records.index(r, 1).data() for r in range(view.timeline.records.rowCount())]
    assert rows[0] == "简历" and "谈话" in rows
    talk_row = rows.index("谈话")
    with qtbot.waitSignal(page.open_record) as blocker:
        view.timeline.activated.emit(view.timeline.records.index(talk_row, 0))
    assert blocker.args == ["talk", talk.id]


def test_photo_crop_keeps_the_form_ratio(
    page: RosterPage, tmp_path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pathlib import Path

    image = QImage(800, 400, QImage.Format.Format_RGB32)
    image.fill(QColor("#3366aa"))
    rect = largest_crop(image.size())
    assert (rect.width(), rect.height()) == (300, 400)
    data = crop_to_jpeg(image, rect)
    assert data.startswith(b"\xff\xd8")
    path = Path(str(tmp_path)) / "p.png"
    assert image.save(str(path))
    dialog = PhotoCropDialog(image)
    dialog.size_slider.setValue(150)
    assert dialog.area.crop.width() == 150 and dialog.area.crop.height() == 200
    dialog.deleteLater()
    monkeypatch.setattr(
        PhotoCropDialog,
        "ask",
        classmethod(lambda cls, parent, img: crop_to_jpeg(img, largest_crop(img.size()))),
    )
    assert page.profile.import_photo_file(path)
    assert not page.profile.form.photo.pixmap().isNull()
    bad = Path(str(tmp_path)) / "bad.jpg"
    bad.write_bytes(b"not an image")
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(str(a[2])))
    assert not page.profile.import_photo_file(bad)
    assert "bad.jpg" in warned[0]


def test_nothing_is_clipped_in_a_narrow_profile(qtbot: QtBot, page: RosterPage) -> None:
    """At the width the profile gets in a 1280-pixel window: every tab, field and photo button shows."""
    view = page.profile
    page.resize(1130, 700)  # the roster page in a 1280 x 800 window, with the default split
    qtbot.waitUntil(lambda: view.width() <= 620)
    view.load_all_tabs()
    qtbot.wait(10)
    assert view.basic_scroll.horizontalScrollBar().maximum() == 0
    assert not view.tabs.tabBar().isVisible()  # the wrapping strip stands in for it
    strip = view.tab_strip
    assert [b.text() for b in strip.buttons] == [view.tabs.tabText(i) for i in range(view.tabs.count())]
    for button in strip.buttons:
        assert button.isVisible() and strip.rect().contains(button.geometry())
    form = view.form
    for widget in (form.photo, form.import_photo_button, form.remove_photo_button):
        where = widget.geometry().translated(widget.parentWidget().pos())  # in the form
        assert widget.isVisible() and form.rect().contains(where)
    school = form.editor("fulltime_school")
    assert school.width() >= school.fontMetrics().horizontalAdvance("湖南大学工商管理专业") + 12
    qtbot.mouseClick(strip.buttons[view.tabs.indexOf(view.resume)], Qt.MouseButton.LeftButton)
    assert view.tabs.currentWidget() is view.resume
    view.tabs.setCurrentWidget(view.timeline)
    assert strip.buttons[view.tabs.indexOf(view.timeline)].isChecked()


def test_the_month_of_the_rank_is_typed_saved_and_checked(
    qtbot: QtBot, page: RosterPage, ctx: ServiceContext, sample_cadres: dict[str, cadres.CadreView]
) -> None:
    form = page.profile.form
    label = form._labels["rank_since"]
    assert label == "任现职级时间"
    qtbot.keyClicks(form.editor("rank_since"), "2019.13")
    assert form._errors["rank_since"].text()  # an impossible month, marked as typed
    assert not page.profile.save()
    form.editor("rank_since").clear()  # type: ignore[attr-defined]
    qtbot.keyClicks(form.editor("rank_since"), "2019.12")
    assert page.profile.save()
    saved = cadres.get_cadre(ctx, sample_cadres["张三"].id)
    assert str(saved.rank_since) == "2019.12"
    # Saving another field keeps it (the form sends every field it shows).
    qtbot.keyClicks(form.editor("phone"), "0731")
    assert page.profile.save()
    assert str(cadres.get_cadre(ctx, saved.id).rank_since) == "2019.12"
