"""The profile's inline form keeps a draft like the other editors: the window killed with SIGKILL while
the form holds unsaved input, the next start lists it, and showing the same cadre offers it back (taken:
the form holds it and saves it; declined: the stored values show and the draft is gone)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from cadre_desk.services import cadres
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.profile.profile_view import ProfileView
from cadre_desk.ui.shell import application
from cadre_desk.ui.widgets import drafts
from tests.conftest import make_cadre

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform, a top-level view
TYPED = "副县长（拟）"

# The window as the application composes it (zh_CN, drafts of this database), the first cadre's profile
# shown and a new post typed into it; "ready" once the draft is on disk, then it waits to be killed
# (it exits if none is written within 15 seconds).
TYPIST = """
import sys, time
from PySide6.QtWidgets import QApplication
from cadre_desk.db.opening import open_database
from cadre_desk.services.context import open_context
from cadre_desk.ui.shell import i18n
from cadre_desk.ui.shell.main_window import MainWindow
from cadre_desk.ui.shell.settings import Settings
from cadre_desk.ui.widgets import drafts

app = QApplication([])
i18n.install_translators(app, i18n.DEFAULT_LANGUAGE)
ctx = open_context(open_database(sys.argv[1]), "测试员")
store = drafts.DraftStore.for_context(ctx)
drafts.configure(store)
drafts.DRAFT_INTERVAL_MS = 200
window = MainWindow(ctx, Settings.at(sys.argv[2]), background_checks=False)
window.show()
window.show_page("roster")
window.roster.table.selectRow(0)
profile = window.roster.profile
while profile.cadre_id is None:
    app.processEvents()
profile.form.editor("post").setText(sys.argv[3])
deadline = time.monotonic() + 15
while not store.pending() and time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.05)
if not store.pending():
    sys.exit("no draft")
print("ready", flush=True)
while time.monotonic() < deadline + 120:  # never outlives a test that died before killing it
    app.processEvents()
    time.sleep(0.05)
"""


def _type_and_kill(ctx: ServiceContext, tmp_path: Path) -> None:
    assert ctx.db.path is not None
    proc = subprocess.Popen(
        [sys.executable, "-c", TYPIST, str(ctx.db.path), str(tmp_path / "ui.ini"), TYPED],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.strip() == "ready", "no draft was written"
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL


@pytest.fixture
def store(ctx: ServiceContext) -> drafts.DraftStore:
    found = drafts.DraftStore.for_context(ctx)
    drafts.configure(found)
    yield found
    drafts.configure(None)


def _profile(qtbot: QtBot, ctx: ServiceContext, cadre_id: int) -> ProfileView:
    view = ProfileView(ctx)
    qtbot.addWidget(view)
    view.show()
    view.show_cadre(cadre_id)
    return view


def test_the_profile_draft_survives_a_kill_and_is_taken_back(
    qtbot: QtBot,
    ctx: ServiceContext,
    store: drafts.DraftStore,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    _zh_cn: None,
) -> None:
    cadre = make_cadre(ctx, "欧阳雪梅")
    _type_and_kill(ctx, tmp_path)
    (left,) = store.pending()
    assert "欧阳雪梅" in left.title

    shown: list[str] = []  # the next start says which editor had unsaved input
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: shown.append(text))
    application.recovered_drafts(QWidget())
    assert shown and "欧阳雪梅" in shown[0]

    offered: list[str] = []
    monkeypatch.setattr(
        drafts.DraftOffer, "ask", classmethod(lambda cls, _p, when: offered.append(when) or True)
    )
    view = _profile(qtbot, ctx, cadre.id)
    assert offered == [left.saved_at]
    assert view.form.editor("post").text() == TYPED  # type: ignore[attr-defined]
    assert view.is_dirty() and view.save_button.isEnabled()
    assert view.save()
    assert cadres.get_cadre(ctx, cadre.id).post == TYPED
    assert store.pending() == []  # saved: the draft is gone
    view.show_cadre(cadre.id)
    assert len(offered) == 1 and not view.is_dirty()  # nothing offered again


def test_a_declined_profile_draft_is_deleted_and_the_stored_values_show(
    qtbot: QtBot,
    ctx: ServiceContext,
    store: drafts.DraftStore,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    _zh_cn: None,
) -> None:
    cadre = make_cadre(ctx, "欧阳雪梅")
    _type_and_kill(ctx, tmp_path)
    assert len(store.pending()) == 1
    monkeypatch.setattr(drafts.DraftOffer, "ask", classmethod(lambda cls, *_a: False))
    view = _profile(qtbot, ctx, cadre.id)
    assert view.form.editor("post").text() == "干部一科科长"  # type: ignore[attr-defined]
    assert not view.is_dirty() and store.pending() == []


def test_the_profile_keeps_a_draft_only_while_it_has_unsaved_input(
    qtbot: QtBot,
    ctx: ServiceContext,
    store: drafts.DraftStore,
    monkeypatch: pytest.MonkeyPatch,
    _zh_cn: None,
) -> None:
    monkeypatch.setattr(drafts, "DRAFT_INTERVAL_MS", 100)
    first, second = make_cadre(ctx, "欧阳雪梅"), make_cadre(ctx, "林小雨")
    view = _profile(qtbot, ctx, first.id)
    view.form.editor("post").setText(TYPED)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: len(store.pending()) == 1, timeout=5000)
    view.revert()  # discarded: no draft
    assert store.pending() == []
    view.form.editor("post").setText(TYPED)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: len(store.pending()) == 1, timeout=5000)
    view.revert()
    view.show_cadre(second.id)  # another cadre: its own draft, none left of the first
    view.form.editor("post").setText(TYPED)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: len(store.pending()) == 1, timeout=5000)
    assert "林小雨" in store.pending()[0].title
    view.revert()
    assert store.pending() == []
