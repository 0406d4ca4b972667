"""A reader opens every record to read it: signed in as 领导查阅 (and as a 导师 on his own pairing),
each list's record opens in its editor's form, read-only: the whole text shown, every input read-only
or disabled, no button but 关闭, no Save anywhere, the title saying 查看. The clerk still gets the
editor. The records are read through the services, as the account (a role that may not read them
never sees the list)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
)
from pytestqt.qtbot import QtBot

from cadre_desk import demo
from cadre_desk.db.engine import Database
from cadre_desk.domain import barometer as bd
from cadre_desk.domain import vocab
from cadre_desk.services import (
    accounts,
    barometer_changes,
    barometer_entries,
    barometer_periods,
    cadres,
    diary,
    mentorship,
    mentorship_changes,
    mentorship_records,
    pool_entries,
    pool_measures,
    retirement,
    talks,
)
from cadre_desk.services.access import Role
from cadre_desk.services.barometer import EntryView
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.barometer.barometer_page import ALL_UNITS, BarometerPage
from cadre_desk.ui.barometer.grid_model import DISPOSAL, OVERRIDE
from cadre_desk.ui.diary.diary_page import DiaryPage
from cadre_desk.ui.inspection.inspection_dialog import InspectionDialog
from cadre_desk.ui.pairings.pairings_page import PairingsPage
from cadre_desk.ui.pools.pools_page import PoolsPage
from cadre_desk.ui.profile.profile_view import ProfileView
from cadre_desk.ui.shell.application import window_for
from cadre_desk.ui.shell.limited_window import LimitedWindow
from cadre_desk.ui.shell.main_window import MainWindow
from cadre_desk.ui.shell.settings import Settings
from cadre_desk.ui.talks.talks_page import TalksPage
from cadre_desk.ui.widgets.permits import Act, needs_of
from cadre_desk.ui.widgets.read_only import CLOSE_NAME, is_read_only
from tests.conftest import ready_account
from tests.integration.test_pools import _enter, _young

TODAY = dt.date(2026, 6, 1)
PW = "Guard-2026x"
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform, for dialogs
ACCEPTING = (
    QDialogButtonBox.ButtonRole.AcceptRole,
    QDialogButtonBox.ButtonRole.YesRole,
    QDialogButtonBox.ButtonRole.ApplyRole,
)


@pytest.fixture
def accounts_db(db: Database, ctx: ServiceContext) -> dict[Role, ServiceContext]:
    """A small demo county with a clerk, a reader and a 导师 (a mentor of a demo pairing)."""
    demo.generate(db, 30, seed=5, today=TODAY)
    mentor_id = mentorship.list_mentorships(ctx)[0].mentor_id
    admin = accounts.set_first_admin(db, "admin", PW)
    for role in (Role.CLERK, Role.READER, Role.MENTOR):
        cadre = mentor_id if role is Role.MENTOR else None
        ready_account(admin, role.value, [role.value], PW, cadre_id=cadre)
    return {
        role: accounts.authenticate(db, role.value, PW) for role in (Role.CLERK, Role.READER, Role.MENTOR)
    }


def _open(qtbot: QtBot, ctx: ServiceContext, settings: Settings) -> MainWindow | LimitedWindow:
    window = window_for(ctx, settings, background_checks=False)
    qtbot.addWidget(window)
    window.show()
    assert isinstance(window, MainWindow | LimitedWindow)
    return window


def _dialogs() -> list[QDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]


def opened(qtbot: QtBot, action: Callable[[], object]) -> QDialog:
    """The dialog `action` opens (a viewer opens window-modal and is not waited for)."""
    before = set(_dialogs())
    action()
    qtbot.waitUntil(lambda: bool(set(_dialogs()) - before))
    (dialog,) = set(_dialogs()) - before
    return dialog


def double_click(qtbot: QtBot, view: QAbstractItemView, index: QModelIndex) -> None:
    view.scrollTo(index)
    view.setCurrentIndex(index)
    QApplication.processEvents()
    pos = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def shown_text(dialog: QDialog) -> str:
    parts: list[str] = []
    for w in dialog.findChildren(QLineEdit):
        parts.append(w.text())
    for t in dialog.findChildren(QPlainTextEdit) + dialog.findChildren(QTextEdit):
        parts.append(t.toPlainText())
    for c in dialog.findChildren(QComboBox):
        parts.append(c.currentText())
    return "\n".join(parts)


def check_viewer(qtbot: QtBot, dialog: QDialog, *texts: str) -> None:
    """`dialog` is a viewer: titled 查看, read-only, only 关闭 to press, showing every one of `texts`."""
    assert is_read_only(dialog), dialog.windowTitle()
    assert "查看" in dialog.windowTitle(), dialog.windowTitle()
    buttons = [
        b
        for b in dialog.findChildren(QAbstractButton)
        if b.isVisibleTo(dialog) and b.metaObject().className() == "QPushButton"
    ]
    acting = [b.text() for b in buttons if needs_of(b) != Act.VIEW.permissions]
    assert not acting, f"buttons that act in a viewer: {acting}"
    (close,) = [b for b in buttons if b.objectName() == CLOSE_NAME]
    assert close.text() == "关闭" and close.isEnabled()
    for box in dialog.findChildren(QDialogButtonBox):
        for b in box.buttons():
            if box.buttonRole(b) in ACCEPTING:
                assert not (b.isVisibleTo(dialog) and b.isEnabled()), f"a save path: {b.text()}"
    for edit in dialog.findChildren(QLineEdit):
        assert edit.isReadOnly() or not edit.isVisibleTo(dialog), edit.objectName()
    for text in dialog.findChildren(QPlainTextEdit) + dialog.findChildren(QTextEdit):
        assert text.isReadOnly(), text.objectName()
        flags = text.textInteractionFlags()
        assert flags & Qt.TextInteractionFlag.TextSelectableByMouse, text.objectName()
    for combo in dialog.findChildren(QComboBox):
        assert not combo.isEnabled() or not combo.isVisibleTo(dialog), combo.currentText()
        palette = combo.palette()  # disabled, yet its value is not greyed out
        disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText)
        assert disabled == palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.ButtonText)
    shown = shown_text(dialog)
    for text in texts:
        assert text and text in shown, f"{text[:40]!r} is not shown in {dialog.windowTitle()}"
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def _talks(window: MainWindow) -> TalksPage:
    window.show_page("talks")
    page = window.page("talks")
    assert isinstance(page, TalksPage)
    return page


def _pairings(window: MainWindow | LimitedWindow) -> PairingsPage:
    if isinstance(window, LimitedWindow):
        window.tabs.setCurrentWidget(window.pairings)
        return window.pairings
    window.show_page("pairings")
    page = window.page("pairings")
    assert isinstance(page, PairingsPage)
    return page


def test_a_reader_opens_a_talk_read_only(
    qtbot: QtBot, accounts_db: dict[Role, ServiceContext], settings: Settings, _zh_cn: None
) -> None:
    ctx = accounts_db[Role.READER]
    window = _open(qtbot, ctx, settings)
    assert isinstance(window, MainWindow)
    page = _talks(window)
    page.refresh()
    assert page.model.rowCount() > 0
    dialog = opened(qtbot, lambda: double_click(qtbot, page.table, page.model.index(0, 2)))
    assert page.panel.view is not None
    talk = talks.get_talk(ctx, page.panel.view.id)
    check_viewer(qtbot, dialog, talk.content, talk.outline, talk.place, talk.talkers)
    assert page.panel.view_button.isVisible() and not page.panel.edit_button.isVisible()
    check_viewer(qtbot, opened(qtbot, page.panel.view_button.click), talk.content)


def test_the_clerk_double_clicks_a_talk_into_its_editor(
    qtbot: QtBot,
    accounts_db: dict[Role, ServiceContext],
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    _zh_cn: None,
) -> None:
    from cadre_desk.ui.talks.talk_editor import TalkEditor

    asked: list[int] = []
    monkeypatch.setattr(
        TalkEditor, "ask", classmethod(lambda _cls, _p, _c, view=None, _s=None: asked.append(view.id))
    )
    window = _open(qtbot, accounts_db[Role.CLERK], settings)
    assert isinstance(window, MainWindow)
    page = _talks(window)
    page.refresh()
    double_click(qtbot, page.table, page.model.index(0, 2))
    assert page.panel.view is not None and asked == [page.panel.view.id]
    assert not page.panel.view_button.isVisible() and page.panel.edit_button.isVisible()


def _pick_pairing(page: PairingsPage, wanted: Callable[[mentorship.MentorshipView], bool]) -> None:
    for row in range(page.model.rowCount()):
        page.table.selectRow(row)
        QApplication.processEvents()
        view = page.panel.view
        if view is not None and wanted(view):
            return
    raise AssertionError("no such pairing in the list")


@pytest.mark.parametrize("role", [Role.READER, Role.MENTOR], ids=["reader", "mentor"])
def test_a_reader_opens_a_pairing_its_records_and_its_evaluation_read_only(
    qtbot: QtBot, accounts_db: dict[Role, ServiceContext], settings: Settings, role: Role, _zh_cn: None
) -> None:
    ctx = accounts_db[role]
    window = _open(qtbot, ctx, settings)
    page = _pairings(window)
    page.refresh()
    panel = page.panel
    _pick_pairing(page, lambda v: bool(mentorship_records.list_mentorship_records(ctx, v.id)))
    pairing = panel.view
    assert pairing is not None
    assert panel.view_button.isVisible() and not panel.edit_button.isVisible()
    check_viewer(qtbot, opened(qtbot, panel.view_button.click), pairing.goals, pairing.plan, pairing.mentee)

    panel.tabs.setCurrentIndex(1)
    record = mentorship_records.list_mentorship_records(ctx, pairing.id)[0]
    dialog = opened(qtbot, lambda: double_click(qtbot, panel.records, panel.records.model().index(0, 2)))
    check_viewer(qtbot, dialog, record.content, f"{record.date:%Y.%m.%d}")
    panel.records.selectRow(0)
    assert panel.view_record_button.isVisible() and not panel.edit_record_button.isVisible()
    check_viewer(qtbot, opened(qtbot, panel.view_record_button.click), record.content)

    assert not panel.ending_button.isVisible()  # a pairing still running has no evaluation yet
    clerk = accounts_db[Role.CLERK]
    for finished in mentorship.list_mentorships(clerk):  # the clerk completes them (services, audited)
        evaluation = mentorship.MentorshipEnd(
            True, finished.term_end, "", "学习主动，进步明显。", "一年来收获很大。", "合格", "优秀"
        )
        mentorship_changes.end_mentorship(clerk, finished.id, evaluation, finished.version)
    page.status.setCurrentIndex(page.status.findData(vocab.MentorshipStatus.COMPLETED.value))
    _pick_pairing(page, lambda v: v.status == vocab.MentorshipStatus.COMPLETED)
    ended = panel.view
    assert ended is not None and panel.ending_button.isVisible()
    texts = ("学习主动，进步明显。", "一年来收获很大。", f"{ended.ended_on:%Y.%m.%d}", "优秀")
    check_viewer(qtbot, opened(qtbot, panel.ending_button.click), *texts)


@pytest.mark.parametrize("role", [Role.READER, Role.MENTOR], ids=["reader", "mentor"])
def test_a_reader_opens_a_diary_entry_and_its_comment_read_only(
    qtbot: QtBot, accounts_db: dict[Role, ServiceContext], settings: Settings, role: Role, _zh_cn: None
) -> None:
    ctx = accounts_db[role]  # the 导师 sees his own mentees' entries only (the services filter them)
    commented = next(
        item
        for m in mentorship.list_mentorships(ctx)
        for item in diary.timeline(ctx, mentee_id=m.mentee_id, limit=50)
        if item.entry.comments
    )
    window = _open(qtbot, ctx, settings)
    if isinstance(window, LimitedWindow):
        window.tabs.setCurrentWidget(window.diary)
        page = window.diary
    else:
        window.show_page("diary")
        page = window.page("diary")
    assert isinstance(page, DiaryPage)
    assert page.show_record("diary", commented.entry.id)
    card = page.timeline.card_of(commented.entry.id)
    assert card is not None
    qtbot.waitUntil(card.view_button.isVisible)  # a card added to a shown page shows a moment later
    entry = diary.get_entry(ctx, commented.entry.id)
    check_viewer(qtbot, opened(qtbot, card.view_button.click), entry.title, entry.content)
    if role is Role.MENTOR:  # he comments: his comments open in their editor
        assert not card.comment_view_buttons and card.comment_rows
        return
    (view_comment, *_rest) = card.comment_view_buttons
    assert view_comment.isVisible()
    check_viewer(qtbot, opened(qtbot, view_comment.click), entry.comments[0].text)
    assert not [
        b.text()
        for b in card.findChildren(QPushButton)
        if b.isVisible() and needs_of(b) != Act.VIEW.permissions
    ]


def test_a_reader_opens_a_pool_entry_its_measure_and_its_review_read_only(
    qtbot: QtBot, accounts_db: dict[Role, ServiceContext], settings: Settings, _zh_cn: None
) -> None:
    clerk = accounts_db[Role.CLERK]
    young = _young(clerk, "库中戊", "1995.04")
    entry = _enter(clerk, young.id, "优秀年轻干部")
    pool_entries.update_entry(
        clerk,
        entry.id,
        pool_entries.EntryInput(
            young.id,
            entry.pool_id,
            "2024.03.01",
            "考察",
            document_no="组通〔2024〕3号",
            direction="乡镇党政正职方向",
        ),
        entry.version,
        today=TODAY,
    )
    measure = pool_measures.add_measure(
        clerk,
        entry.id,
        pool_measures.MeasureInput("重点工作抽调", "2025.03.01", None, "抽调参加县委巡察第三组"),
    )
    pool_measures.set_review(
        clerk, entry.id, 2025, "政治素质好，工作实绩突出，继续跟踪培养。", "2025.12.20", TODAY
    )
    window = _open(qtbot, accounts_db[Role.READER], settings)
    assert isinstance(window, MainWindow)
    window.show_page("pools")
    page = window.page("pools")
    assert isinstance(page, PoolsPage)
    page.refresh()
    row = page.model.row_of(entry.id)
    assert row is not None
    dialog = opened(qtbot, lambda: double_click(qtbot, page.table, page.model.index(row, 0)))
    check_viewer(qtbot, dialog, "库中戊", "乡镇党政正职方向", "组通〔2024〕3号", "2024.03.01")
    assert page.view_button.isVisible() and not page.edit_button.isVisible()
    check_viewer(qtbot, opened(qtbot, page.view_button.click), "乡镇党政正职方向")
    index = page.measures.index(0, 0)
    dialog = opened(qtbot, lambda: double_click(qtbot, page.measure_table, index))
    check_viewer(qtbot, dialog, measure.content, "2025.03.01")
    index = page.reviews.index(0, 0)
    dialog = opened(qtbot, lambda: double_click(qtbot, page.review_table, index))
    check_viewer(qtbot, dialog, "政治素质好，工作实绩突出，继续跟踪培养。", "2025.12.20")


def test_a_reader_opens_a_barometer_disposal_and_review_read_only(
    qtbot: QtBot, accounts_db: dict[Role, ServiceContext], settings: Settings, _zh_cn: None
) -> None:
    clerk = accounts_db[Role.CLERK]  # the demo's 研判 overrides are rare: the clerk decides one
    open_period = next(p for p in barometer_periods.list_periods(clerk) if p.state != bd.PUBLISHED)
    first = barometer_entries.list_entries(clerk, open_period.id, None, False, limit=1)[0]
    barometer_changes.override(
        clerk, first.id, bd.YELLOW, "经联席研判，群众反映问题属实，予以提醒。", first.version
    )
    window = _open(qtbot, accounts_db[Role.READER], settings)
    assert isinstance(window, MainWindow)
    window.show_page("barometer")
    page = window.page("barometer")
    assert isinstance(page, BarometerPage)
    page.refresh()
    page.only_warnings.setChecked(True)  # the yellow and red readings, which carry the 处置

    def find(wanted: Callable[[EntryView], bool]) -> int:
        for index in range(page.period.count()):
            page.period.setCurrentIndex(index)
            page.unit.setCurrentIndex(page.unit.findData(ALL_UNITS))
            QApplication.processEvents()
            for row in range(page.model.rowCount()):
                if wanted(page.model.entry(row)):
                    return row
        raise AssertionError("no such reading in the demo")

    row = find(lambda e: bool(e.follow_up))
    reading = page.model.entry(row)
    dialog = opened(qtbot, lambda: double_click(qtbot, page.table, page.model.index(row, DISPOSAL)))
    check_viewer(qtbot, dialog, reading.follow_up, reading.disposal)
    row = find(lambda e: bool(e.override_reason))
    reading = page.model.entry(row)
    dialog = opened(qtbot, lambda: double_click(qtbot, page.table, page.model.index(row, OVERRIDE)))
    check_viewer(qtbot, dialog, reading.override_reason, "经联席研判，群众反映问题属实，予以提醒。")


def reader_profile(
    qtbot: QtBot, accounts_db: dict[Role, ServiceContext], settings: Settings
) -> tuple[MainWindow, ProfileView]:
    """The 领导查阅's window on the roster, its first cadre's profile shown (the caller keeps the
    window: one that nothing holds is freed at once, its profile with it)."""
    window = _open(qtbot, accounts_db[Role.READER], settings)
    assert isinstance(window, MainWindow)
    window.show_page("roster")
    window.roster.table.selectRow(0)
    profile = window.roster.profile
    qtbot.waitUntil(lambda: profile.cadre_id is not None)
    return window, profile


def test_a_reader_opens_the_inspection_report_to_read_it(
    qtbot: QtBot, accounts_db: dict[Role, ServiceContext], settings: Settings, _zh_cn: None
) -> None:
    _window, profile = reader_profile(qtbot, accounts_db, settings)
    dialog = opened(qtbot, profile.inspection_action.trigger)
    assert isinstance(dialog, InspectionDialog)
    assert is_read_only(dialog) and "查看" in dialog.windowTitle()
    assert not dialog.save_button.isVisible() and not dialog.redraft_button.isVisible()
    assert all(e.isReadOnly() for e in dialog.editors.values()) and dialog.title.isReadOnly()
    assert dialog.title.text() and any(e.toPlainText() for e in dialog.editors.values())
    dialog.close()


def test_a_reader_reads_the_retirement_month_set_by_hand(
    qtbot: QtBot, accounts_db: dict[Role, ServiceContext], settings: Settings, _zh_cn: None
) -> None:
    _window, profile = reader_profile(qtbot, accounts_db, settings)
    cadre_id = profile.cadre_id
    assert cadre_id is not None
    clerk = accounts_db[Role.CLERK]
    version = cadres.get_cadre(clerk, cadre_id).version
    retirement.set_override(clerk, cadre_id, "2031.06", "经批准弹性延迟退休", version)
    assert profile.retirement_view_button.isVisible() and not profile.retirement_button.isVisible()
    dialog = opened(qtbot, profile.retirement_view_button.click)
    check_viewer(qtbot, dialog, "2031.06", "经批准弹性延迟退休")
