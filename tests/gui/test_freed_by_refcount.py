"""Editors and pages with drafts and background jobs are freed by reference counting alone, on the GUI
thread, as soon as they are closed and dropped: none sits in a reference cycle that would leave it to
Python's cyclic garbage collector. That collector runs on whichever thread allocates past its
threshold, often a worker of the thread pool, and a Qt object it frees there is destroyed on the wrong
thread (it deadlocked a run of the suite; `tests/gc_probe.py` finds such cycles across the suite).

Automatic collection is off during each test, so "freed" means freed by reference counting."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from cadre_desk.db.engine import Database
from cadre_desk.services import accounts, cadres
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.audit.audit_page import AuditPage
from cadre_desk.ui.barometer.barometer_page import BarometerPage
from cadre_desk.ui.development.retirement_page import RetirementPage
from cadre_desk.ui.development.training_page import TrainingPage
from cadre_desk.ui.diary.diary_page import DiaryPage
from cadre_desk.ui.home.home_page import HomePage
from cadre_desk.ui.jobs import workers
from cadre_desk.ui.pairings.pairings_page import PairingsPage
from cadre_desk.ui.pools.pools_page import PoolsPage
from cadre_desk.ui.profile.profile_view import ProfileView
from cadre_desk.ui.roster.new_cadre_dialog import NewCadreDialog
from cadre_desk.ui.roster.roster_page import RosterPage
from cadre_desk.ui.shell.limited_window import LimitedWindow
from cadre_desk.ui.shell.main_window import MainWindow
from cadre_desk.ui.shell.page import Page
from cadre_desk.ui.shell.settings import Settings
from cadre_desk.ui.structure.structure_page import StructurePage
from cadre_desk.ui.talks.talk_editor import TalkEditor
from cadre_desk.ui.talks.talks_page import TalksPage
from cadre_desk.ui.tolerance.tolerance_page import TolerancePage
from cadre_desk.ui.units.units_page import UnitsPage
from cadre_desk.ui.widgets import drafts, guarded_dialog
from tests import gc_probe

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform, top-level views


@pytest.fixture(autouse=True)
def _refcount_only(ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Drafts on (their keeper is what made the cycle), no question on closing; no automatic collection."""
    drafts.configure(drafts.DraftStore.for_context(ctx))
    monkeypatch.setattr(guarded_dialog.DiscardQuestion, "ask", classmethod(lambda cls, *_a: True))
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # earlier tests' widgets
    gc.collect()
    gc.disable()
    yield
    gc.enable()


def _closed_and_dropped(qtbot: QtBot, make: Callable[[], QWidget]) -> weakref.ref[QWidget]:
    widget = make()
    qtbot.addWidget(widget)  # closed and deleted at the end of the test if it is still there
    widget.close()
    return weakref.ref(widget)


def _assert_freed(ref: weakref.ref[QWidget]) -> None:
    assert ref() is None, "kept alive after it was closed and dropped"
    assert gc_probe.qt_cycles() == [], "Qt objects left in reference cycles"


def test_the_profile_with_its_draft_keeper(
    qtbot: QtBot, ctx: ServiceContext, sample_cadres: dict[str, cadres.CadreView], _zh_cn: None
) -> None:
    def make() -> QWidget:
        view = ProfileView(ctx)
        view.show()
        view.show_cadre(sample_cadres["张三"].id)
        view.form.editor("post").setText("副县长（拟）")  # type: ignore[attr-defined]
        keeper = view.drafts.keeper
        assert view.is_dirty() and keeper is not None
        keeper.tick()  # a draft written
        view.show_cadre(sample_cadres["李四"].id)  # a keeper of another cadre
        return view

    _assert_freed(_closed_and_dropped(qtbot, make))


def test_a_dialog_with_a_draft_keeper(qtbot: QtBot, ctx: ServiceContext, _zh_cn: None) -> None:
    def make() -> QWidget:
        dialog = NewCadreDialog(ctx)
        dialog.show()
        dialog.form.editor("name").setText("欧阳雪梅")  # type: ignore[attr-defined]
        assert dialog._drafts is not None
        dialog._drafts.tick()
        dialog.reject()
        return dialog

    _assert_freed(_closed_and_dropped(qtbot, make))


def test_the_talk_editor_with_its_draft_keeper(qtbot: QtBot, ctx: ServiceContext, _zh_cn: None) -> None:
    def make() -> QWidget:
        editor = TalkEditor(ctx)
        editor.show()
        assert editor._drafts is not None
        return editor

    _assert_freed(_closed_and_dropped(qtbot, make))


def test_the_home_page_after_its_background_load(
    qtbot: QtBot, ctx: ServiceContext, sample_cadres: dict[str, cadres.CadreView], _zh_cn: None
) -> None:
    def make() -> QWidget:
        page = HomePage(ctx)
        page.show()
        page.refresh()
        job = page._job
        assert job is not None
        qtbot.waitUntil(lambda: not job.running, timeout=60_000)
        return page

    _assert_freed(_closed_and_dropped(qtbot, make))


def test_the_audit_page_after_checking_its_chain(qtbot: QtBot, ctx: ServiceContext, _zh_cn: None) -> None:
    def make() -> QWidget:
        page = AuditPage(ctx)
        page.show()
        page.verify_chain()
        job = page.chain_job
        assert job is not None
        qtbot.waitUntil(lambda: not job.running, timeout=60_000)
        assert page.chain_report is not None
        return page

    _assert_freed(_closed_and_dropped(qtbot, make))


@pytest.mark.parametrize(
    "page_class",
    [
        RosterPage,
        UnitsPage,
        PairingsPage,
        DiaryPage,
        TalksPage,
        RetirementPage,
        TrainingPage,
        BarometerPage,
        StructurePage,
        PoolsPage,
        TolerancePage,
    ],
)
def test_each_page_made_on_its_own(
    qtbot: QtBot,
    ctx: ServiceContext,
    sample_cadres: dict[str, cadres.CadreView],
    _zh_cn: None,
    page_class: type[Page],
) -> None:
    """A page outside the window (as the tests make them): a lambda over the page connected to a signal
    of its own child (`self.archived.toggled.connect(lambda _on: self.refresh())`) is held by that
    connection, in C++ where the collector cannot see it, and kept the page alive."""

    def make() -> QWidget:
        page = page_class(ctx, None)  # type: ignore[call-arg]
        page.show()
        page.refresh()
        qtbot.waitUntil(lambda: not workers.active_jobs(), timeout=60_000)
        return page

    _assert_freed(_closed_and_dropped(qtbot, make))


def test_the_main_window_once_closed_and_deleted(
    qtbot: QtBot,
    ctx: ServiceContext,
    settings: Settings,
    sample_cadres: dict[str, cadres.CadreView],
    _zh_cn: None,
) -> None:
    """As at the end of a test or of the program: its pages, menus, runners and search go with it
    (each of them held the window or a page in a cycle). Opened as `open_window` does, which keeps
    its windows until the test's end."""

    def make() -> weakref.ref[QWidget]:
        window = MainWindow(ctx, settings)
        qtbot.addWidget(window)
        with qtbot.waitActive(window):
            window.show()
            window.activateWindow()
        window.show_page("home")
        window.roster.select_cadre(sample_cadres["张三"].id)
        qtbot.waitUntil(lambda: not workers.active_jobs(), timeout=60_000)
        window.close()
        window.deleteLater()
        return weakref.ref(window)

    ref = make()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    _assert_freed(ref)


def test_the_main_window_once_closed_and_dropped(
    qtbot: QtBot,
    ctx: ServiceContext,
    settings: Settings,
    sample_cadres: dict[str, cadres.CadreView],
    _zh_cn: None,
) -> None:
    """Closed and dropped without `deleteLater`, as the application drops it after its event loop:
    freed at once. Lambdas over the window connected to its helpers' signals (the automatic backup's
    message, the import menus' `changed`, every menu action) kept it alive, out of the collector's
    sight; and the search's event filter must not fail on the window's last events."""

    def make() -> QWidget:
        window = MainWindow(ctx, settings, background_checks=False)
        window.show()
        window.show_page("roster")
        window.roster.select_cadre(sample_cadres["张三"].id)
        qtbot.waitUntil(lambda: not workers.active_jobs(), timeout=60_000)
        return window

    _assert_freed(_closed_and_dropped(qtbot, make))


def test_the_limited_window_once_closed_and_dropped(
    qtbot: QtBot, db: Database, settings: Settings, _zh_cn: None
) -> None:
    """An administrator's window (no records role), likewise."""
    admin = accounts.set_first_admin(db, "admin", "Guard-2026x")
    _assert_freed(_closed_and_dropped(qtbot, lambda: LimitedWindow(admin, settings)))
