"""单位 page in the real window, from an empty database: create, rename, reorder, re-parent, merge,
archive and restore units; a 班子 with posts and holders; the roster and the new-cadre dialog offer
the new units, typed or chosen."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QAbstractItemView
from pytestqt.qtbot import QtBot

from cadre_desk.services import cadres, teams, units
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.roster.new_cadre_dialog import NewCadreDialog
from cadre_desk.ui.shell.main_window import ROSTER, UNITS, MainWindow
from cadre_desk.ui.units import team_panel, units_page
from cadre_desk.ui.units.member_dialog import MemberDialog
from cadre_desk.ui.units.merge_dialog import MergeDialog
from cadre_desk.ui.units.post_dialog import PostDialog
from cadre_desk.ui.units.units_page import UnitsPage
from cadre_desk.ui.widgets.guarded_dialog import DiscardQuestion as GuardedDiscard
from tests.conftest import make_cadre

Opener = Callable[[], MainWindow]


@pytest.fixture(autouse=True)
def _never_block(monkeypatch: pytest.MonkeyPatch) -> None:
    """A dialog left open by a failing step closes at teardown without a blocking question."""
    monkeypatch.setattr(GuardedDiscard, "ask", classmethod(lambda cls, parent, text="": True))


def create(page: UnitsPage, name: str, kind: str = "", child: bool = False) -> units.UnitView:
    page.start_new(child=child)
    page.name.setText(name)
    page.kind.setCurrentIndex(page.kind.findData(kind))
    assert page.save(), page.general.text()
    current = page.current()
    assert current is not None and current.name == name
    return current


def drop_cls(f: Callable[..., object]) -> Callable[..., object]:
    """`f` as the body of a patched classmethod (the class argument dropped)."""
    return lambda _cls, *args: f(*args)


def by_name(ctx: ServiceContext, name: str) -> units.UnitView:
    return next(u for u in units.list_units(ctx, include_archived=True) if u.name == name)


def test_units_from_an_empty_database_with_a_team(
    qtbot: QtBot, open_window: Opener, ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window()
    assert window.page_keys()[:3] == [window.page_keys()[0], ROSTER, UNITS]
    window.show_page(UNITS)
    page = window.units_page
    assert page.tree.topLevelItemCount() == 0 and not page.archive_button.isEnabled()

    # create: a county committee, two departments under it, a township
    county = create(page, "中共某县委员会", "党委")
    office = create(page, "县委办公室", "部门", child=True)
    page.tree.select_unit(county.id)
    organisation = create(page, "县委组织部", "部门", child=True)
    page.tree.select_unit(county.id)
    town = create(page, "某某镇", "乡镇")  # a sibling of the committee: top level
    assert page.tree.visible_names() == [
        (0, "中共某县委员会"),
        (1, "县委办公室"),
        (1, "县委组织部"),
        (0, "某某镇"),
    ]
    assert by_name(ctx, "某某镇").kind == "乡镇" and by_name(ctx, "县委组织部").parent_id == county.id

    # a name already taken is shown next to the field, nothing is created
    page.start_new(child=False)
    page.name.setText("某某镇")
    assert not page.save()
    assert page.messages.text_of("name") == "已有同名单位“某某镇”"
    page.revert()

    # rename
    assert page.tree.select_unit(organisation.id)
    page.name.setText("中共某县委组织部")
    assert page.save_button.isEnabled()
    assert page.save()
    assert by_name(ctx, "中共某县委组织部").id == organisation.id
    assert (1, "中共某县委组织部") in page.tree.visible_names()

    # reorder with the buttons, and by a drop above the first sibling
    page.up_button.click()
    assert [n for d, n in page.tree.visible_names() if d == 1] == ["中共某县委组织部", "县委办公室"]
    item_office = page.tree.item_of(office.id)
    item_org = page.tree.item_of(organisation.id)
    assert item_office is not None and item_org is not None
    above = QAbstractItemView.DropIndicatorPosition.AboveItem
    assert page.tree.target_of(item_office, item_org, above) == (county.id, 0)
    page.tree.move_requested.emit(office.id, county.id, 0)
    assert [n for d, n in page.tree.visible_names() if d == 1] == ["县委办公室", "中共某县委组织部"]

    # re-parent: a drop onto the township, and the parent box in the details
    on_item = QAbstractItemView.DropIndicatorPosition.OnItem
    town_item = page.tree.item_of(town.id)
    assert town_item is not None and page.tree.target_of(item_office, town_item, on_item)[0] == town.id
    assert page.tree.select_unit(office.id)
    page.parent_box.setCurrentIndex(page.parent_box.findData(town.id))
    assert page.save()
    assert by_name(ctx, "县委办公室").parent_id == town.id
    assert page.tree.visible_names()[-1] == (1, "县委办公室")
    # the committee cannot go under its own department: the department is not offered as its parent
    assert page.tree.select_unit(county.id)
    assert page.parent_box.findData(organisation.id) < 0

    # a team for the township: posts with 职数, holders, a warning when over
    staff = [make_cadre(ctx, n, unit_id=town.id) for n in ("王书记", "李镇长", "张副一", "赵副二")]

    def fill_post(name: str, level: str, slots: int) -> Callable[..., object]:
        def ask(parent: object, ctx_: ServiceContext, unit_id: int, current: object = None) -> object:
            dialog = PostDialog(ctx_, unit_id, None)
            qtbot.addWidget(dialog)
            dialog.name.setText(name)
            dialog.level.setCurrentIndex(dialog.level.findData(level))
            dialog.slots.setValue(slots)
            dialog.save()
            return (dialog.result_view, dialog.warning) if dialog.result_view is not None else None

        return ask

    page.tree.select_unit(town.id)
    panel = page.team_panel
    for name, level, slots in (("党委书记", "正职", 1), ("副镇长", "副职", 2)):
        monkeypatch.setattr(PostDialog, "ask", classmethod(drop_cls(fill_post(name, level, slots))))
        panel.add_post_button.click()
    assert [p.name for p in teams.get_team(ctx, town.id).posts] == ["党委书记", "副镇长"]

    def appoint(cadre: cadres.CadreView, since: str) -> Callable[..., object]:
        def ask(parent: object, ctx_: ServiceContext, post: teams.TeamPostView) -> object:
            dialog = MemberDialog(ctx_, post)
            qtbot.addWidget(dialog)
            dialog.cadre.set_cadre(cadre.id, cadre.name)
            dialog.since.setText(since)
            dialog.save()
            return dialog.saved

        return ask

    for post, cadre, since in (
        ("党委书记", staff[0], "2021.06"),
        ("副镇长", staff[2], "2022.01"),
        ("副镇长", staff[3], "2023.03"),
    ):
        assert panel.select_post(post)
        monkeypatch.setattr(MemberDialog, "ask", classmethod(drop_cls(appoint(cadre, since))))
        panel.add_member_button.click()
    assert not panel.message.isVisible()
    assert panel.select_post("副镇长")
    monkeypatch.setattr(MemberDialog, "ask", classmethod(drop_cls(appoint(staff[1], "2024.01"))))
    panel.add_member_button.click()
    assert panel.message.text() == "“副镇长”职数 2 名，现配 3 名，超职数 1 名"
    team = teams.get_team(ctx, town.id)
    assert [(p.name, [m.name for m in p.members]) for p in team.posts] == [
        ("党委书记", ["王书记"]),
        ("副镇长", ["张副一", "赵副二", "李镇长"]),
    ]
    town_row = page.tree.item_of(town.id)
    assert town_row is not None and town_row.text(page.tree.TEAM) == "4/3"
    # 李镇长 leaves the post (离任): history kept, no longer counted
    last = panel.tree.topLevelItem(1)
    assert last is not None and last.child(2) is not None
    panel.tree.setCurrentItem(last.child(2))
    monkeypatch.setattr(team_panel.EndTenure, "ask", classmethod(lambda cls, *a: "2024.06"))
    panel.end_member_button.click()
    assert [p.filled for p in teams.get_team(ctx, town.id).posts] == [1, 2]

    # merge: a task force with a cadre and a post into the township (asked first)
    force = create(page, "临时工作专班", "其他")
    mover = make_cadre(ctx, "钱专班", unit_id=force.id)
    teams.add_post(ctx, force.id, teams.PostInput("专班组长", "正职", 1))
    page.refresh()
    assert page.tree.select_unit(force.id)

    def choose_town(
        cls: object, parent: object, absorbed: units.UnitView, candidates: list, counts: object
    ) -> object:
        dialog = MergeDialog(absorbed, candidates, counts)  # type: ignore[arg-type]
        qtbot.addWidget(dialog)
        assert not dialog.ok.isEnabled()  # nothing chosen yet
        dialog.survivor.setCurrentIndex(dialog.survivor.findData(town.id))
        assert dialog.ok.isEnabled()
        return dialog.chosen()

    monkeypatch.setattr(MergeDialog, "ask", classmethod(choose_town))
    page.merge_button.click()
    assert cadres.get_cadre(ctx, mover.id).unit_id == town.id
    assert by_name(ctx, "临时工作专班").archived
    assert "临时工作专班" not in [n for _d, n in page.tree.visible_names()]
    assert page.current() is not None and page.current().id == town.id  # type: ignore[union-attr]
    assert "专班组长" in [p.name for p in teams.get_team(ctx, town.id).posts]

    # archive: refused for a unit with cadres, done for an empty one; restore through Show archived
    questions: list[str] = []
    monkeypatch.setattr(units_page.confirm, "confirmed", lambda parent, title, q: questions.append(q) or True)
    page.archive_button.click()
    assert page.notice.isVisible() and "还有 1 个下级单位" in page.notice.text()
    assert not by_name(ctx, "某某镇").archived
    assert page.tree.select_unit(office.id)
    page.archive_button.click()
    assert by_name(ctx, "县委办公室").archived and len(questions) == 2
    assert page.tree.item_of(office.id) is None
    page.show_archived.setChecked(True)
    assert page.tree.select_unit(office.id)
    assert page.restore_button.isEnabled() and not page.archive_button.isEnabled()
    page.restore_button.click()
    assert not by_name(ctx, "县委办公室").archived

    # the roster and the new-cadre dialog offer the units; the unit box can be typed into
    window.show_page(ROSTER, allow_welcome=False)
    everything = window.roster.filter_panel.units.topLevelItem(0)
    assert everything is not None
    offered = [everything.child(i).text(0) for i in range(everything.childCount())]  # type: ignore[union-attr]
    assert offered == ["中共某县委员会", "某某镇"]
    dialog = NewCadreDialog(ctx, window)
    qtbot.addWidget(dialog)
    box = dialog.form.unit_box
    assert box.isEditable()
    assert {box.itemText(i) for i in range(box.count())} >= {"中共某县委员会", "中共某县委组织部", "某某镇"}
    box.setEditText("某某镇")
    assert dialog.form.text_of("unit_id") == str(town.id)
    box.setEditText("不存在的单位")
    assert dialog.form.validate()["unit_id"].startswith("没有名为“不存在的单位”的单位")
    box.setEditText("中共某县委组织部")
    dialog.form.set_text("name", "林小雨")
    dialog.form.set_text("birth", "1996.04")
    assert dialog.save()
    assert dialog.created is not None and dialog.created.unit == "中共某县委组织部"


def test_unsaved_unit_details_are_asked_about_before_leaving(
    qtbot: QtBot, open_window: Opener, ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    units.create_unit(ctx, units.UnitInput(name="某某镇", kind="乡镇"))
    window = open_window()
    window.show_page(UNITS)
    page = window.units_page
    page.name.setText("某某镇（改）")
    answers: list[bool] = [False, True]
    monkeypatch.setattr(
        units_page.DiscardQuestion, "ask", classmethod(lambda cls, p, text="": answers.pop(0))
    )
    assert not window.can_leave_current()
    assert page.name.text() == "某某镇（改）"
    assert window.can_leave_current()
    assert page.name.text() == "某某镇" and not answers


def test_the_units_page_in_english(
    qtbot: QtBot, ctx: ServiceContext, english: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Kinds and 正职/副职 shown in English (stored in Chinese); the services' messages said in English."""
    town = units.create_unit(ctx, units.UnitInput(name="某某镇", kind="乡镇"))
    post = teams.add_post(ctx, town.id, teams.PostInput("副镇长", "副职", 1))
    for name in ("甲一", "乙二"):
        teams.add_member(ctx, post.id, make_cadre(ctx, name, unit_id=town.id).id, "2022.01")
    page = UnitsPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    item = page.tree.item_of(town.id)
    assert item is not None and item.text(page.tree.KIND) == "Township"
    assert page.kind.currentText() == "Township" and page.kind.currentData() == "乡镇"
    row = page.team_panel.tree.topLevelItem(0)
    assert row is not None and row.text(page.team_panel.LEVEL) == "Deputy"
    assert row.text(page.team_panel.HOLDERS) == "2 of 1, 1 over"
    page.start_new(child=False)
    page.name.setText("某某镇")
    assert not page.save()
    assert page.messages.text_of("name") == "There is already a unit named “某某镇”"
    page.revert()
    assert page.tree.select_unit(town.id)
    monkeypatch.setattr(units_page.confirm, "confirmed", lambda *_a: True)
    page.archive_button.click()
    assert page.notice.text().startswith("“某某镇” still has cadres on the roster (2)")
