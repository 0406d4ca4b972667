"""GUI fixtures: offscreen Qt, zh_CN translation and bundled font, settings in a temp dir, sample cadres."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt
os.environ.setdefault("CADRE_DESK_CRASH_LOG_ONLY", "1")

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from cadre_desk.services import cadre_records as cr
from cadre_desk.services import cadres, units
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.accounts.sign_in import IdleLock
from cadre_desk.ui.roster.roster_page import RosterPage
from cadre_desk.ui.shell import i18n
from cadre_desk.ui.shell.application import application
from cadre_desk.ui.shell.fonts import install_fonts
from cadre_desk.ui.shell.main_window import MainWindow
from cadre_desk.ui.shell.settings import Settings
from cadre_desk.ui.widgets import drafts
from tests.conftest import make_cadre

# qtbot's waits give up after 5 s unless told otherwise. On the shared 2-core CI machine (two workers,
# PostgreSQL, the e2e processes) a background job the test waits for (a count, a search, a worktable
# load) can take longer than that. A wait ends as soon as its condition holds, so a longer limit costs
# nothing to a passing test; none of the tests waits for something that must not happen.
WAIT_MS = 30_000
for _wait in (QtBot.waitUntil, QtBot.waitSignal, QtBot.waitSignals, QtBot.waitCallback):
    assert _wait.__kwdefaults__ is not None and "timeout" in _wait.__kwdefaults__, _wait
    _wait.__kwdefaults__["timeout"] = WAIT_MS

R = cr.ResumeEntryInput
ROSTER_TODAY = dt.date(2026, 6, 1)


@pytest.fixture(scope="session")
def _zh_cn(qapp: QApplication) -> Iterator[None]:
    """The app as users see it: our names, the bundled CJK font, the Chinese translation."""
    application()  # sets the organisation and application names on the existing instance
    install_fonts(qapp)
    _INSTALLED[:] = i18n.install_translators(qapp, i18n.DEFAULT_LANGUAGE)
    yield
    i18n.remove_translators(qapp, _INSTALLED)


_INSTALLED: list[QTranslator] = []  # the session's zh_CN translators


@pytest.fixture
def switch_to_english(qapp: QApplication, _zh_cn: None) -> Iterator[Callable[[], None]]:
    """Call it to go on in English (as CADRE_DESK_LANG=en would start the window); zh_CN again after
    the test."""
    ours: list[QTranslator] = []
    switched: list[bool] = []

    def switch() -> None:
        i18n.remove_translators(qapp, _INSTALLED)
        ours[:] = i18n.install_translators(qapp, i18n.ENGLISH)
        switched.append(True)

    yield switch
    # Whether or not the English catalogue loaded (`ours` may be empty): the language was switched,
    # and a test after this one must not find "en" with the Chinese translators (a leak seen once).
    if switched:
        i18n.remove_translators(qapp, ours)
        _INSTALLED[:] = i18n.install_translators(qapp, i18n.DEFAULT_LANGUAGE)


@pytest.fixture
def english(switch_to_english: Callable[[], None]) -> None:
    """The window in English (CADRE_DESK_LANG=en) for the whole test."""
    switch_to_english()


@pytest.fixture(autouse=True)
def _idle_locks_end_with_their_test(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A window a test leaves behind keeps its idle lock's timer and event filter (Qt deletes it only
    with the application): 15 idle minutes later, inside another test of a long run, it would open the
    modal sign-in dialog and hang the run. Each idle lock stops when its test ends."""
    made: list[IdleLock] = []
    original = IdleLock.__init__

    def init(self: IdleLock, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        made.append(self)

    monkeypatch.setattr(IdleLock, "__init__", init)
    yield
    for lock in made:
        with contextlib.suppress(RuntimeError):  # deleted with its window already
            lock.stop()


@pytest.fixture(autouse=True)
def _no_drafts() -> Iterator[None]:
    """No test inherits the draft store an earlier one configured (a started window configures one):
    a draft left there would be offered, with a modal question, by the next profile or editor."""
    drafts.configure(None)
    yield
    drafts.configure(None)


@pytest.fixture(autouse=True)
def _settings_dir(tmp_path: Path) -> Path:
    """Any QSettings in user scope goes to this test's temp dir, never the real user's."""
    folder = tmp_path / "qsettings"
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return folder


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings.at(tmp_path / "ui.ini")


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    """A plain widget to open dialogs over."""
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every message box's text; questions are answered Yes."""
    shown: list[str] = []

    def record(_parent: QWidget | None, _title: str, text: str, *_args: object) -> QMessageBox.StandardButton:
        shown.append(text)
        return QMessageBox.StandardButton.Yes

    for name in ("information", "warning", "critical", "question"):
        monkeypatch.setattr(QMessageBox, name, record)
    return shown


@pytest.fixture
def notices(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts of information boxes, and of warnings marked "warning:"."""
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: shown.append(text))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append("warning:" + text))
    return shown


@pytest.fixture
def open_window(
    qtbot: QtBot, ctx: ServiceContext, settings: Settings, _zh_cn: None
) -> Iterator[Callable[[], MainWindow]]:
    """Open a main window on the test database (a new one each call, sharing the settings). Each is
    kept until this fixture's teardown, as the application keeps its window: a window that nothing
    holds is freed at once, with its pages and their models (which `qtmodeltester`'s teardown, and a
    helper returning one of the pages, still use)."""
    opened: list[MainWindow] = []

    def opener() -> MainWindow:
        window = MainWindow(ctx, settings)
        qtbot.addWidget(window)
        with qtbot.waitActive(window):  # focus and shortcuts need the active window
            window.show()
            window.activateWindow()
        opened.append(window)
        return window

    yield opener
    opened.clear()


@pytest.fixture
def sample_cadres(ctx: ServiceContext) -> dict[str, cadres.CadreView]:
    """Three cadres in two units; 张三 has a resume with a 其间 item and a gap, family and records."""
    party = units.create_unit(
        ctx, units.UnitInput(name="中共某某县委组织部", short_name="组织部", kind="党委")
    )
    town = units.create_unit(
        ctx, units.UnitInput(name="某某县青山镇人民政府", short_name="青山镇", kind="乡镇")
    )
    zhang = make_cadre(
        ctx,
        "张三",
        unit_id=party.id,
        post="干部一科科长",
        rank="正科级",
        post_since="2019.06",
        fulltime_education="大学",
        fulltime_degree="法学学士",
        fulltime_school="某某大学法学院法学专业",
        speciality="熟悉组织人事工作，长期从事干部管理、干部监督和年轻干部培养选拔工作",
    )
    li = make_cadre(
        ctx,
        "李四",
        gender="女",
        birth="1990.11",
        party_join="2012.06",
        work_start="2013.07",
        unit_id=town.id,
        post="青山镇党委副书记",
        rank="副科级",
        post_since="2021.03",
    )
    wang = make_cadre(
        ctx,
        "王小明",
        birth="1978.01",
        party_join="2000.05",
        work_start="1999.08",
        unit_id=town.id,
        post="青山镇党委书记",
        rank="正科级",
        post_since="2016.12",
    )
    saved = cr.save_resume(
        ctx,
        zhang.id,
        [
            R("2003.09", "2007.07", "某某大学法学院法学专业学习"),
            R(
                "2007.07",
                "2011.09",
                "某某县青山镇科员",
                concurrent=(R("2008.03", "2010.12", "某某县委党校在职研究生班学习"),),
            ),
            R("2012.03", None, "中共某某县委组织部干部一科科员、副科长、科长"),
        ],
        zhang.version,
    )
    profile = saved.profile
    profile = cr.save_family(
        ctx,
        zhang.id,
        [cr.FamilyMemberInput("妻子", "刘芳", "1986.05", "中共党员", "某某县第一中学教师")],
        profile.cadre.version,
    )
    cr.save_assessments(ctx, zhang.id, [cr.AssessmentInput(2023, "优秀")], profile.cadre.version)
    return {"张三": cadres.get_cadre(ctx, zhang.id), "李四": li, "王小明": wang}


@pytest.fixture
def roster_page(
    qtbot: QtBot, ctx: ServiceContext, sample_cadres: dict[str, cadres.CadreView], _zh_cn: None
) -> RosterPage:
    """The roster page, shown at 1400×800 with the sample cadres loaded, as of `ROSTER_TODAY`."""
    roster = RosterPage(ctx, ROSTER_TODAY)
    qtbot.addWidget(roster)
    roster.resize(1400, 800)
    roster.show()
    roster.reload()
    return roster
