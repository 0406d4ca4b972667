"""The profile keeps a draft like the other editors: the window killed with SIGKILL while the form and
the list tabs hold unsaved input (a 家庭成员 row still being typed in, a new 奖惩 row), the next start lists
it, and showing the same cadre offers it back, each row into its own list (taken: the profile holds it,
asks before leaving it, and saves it; declined: the stored values show and the draft is gone)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLineEdit, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from cadre_desk.services import cadre_records, cadres
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.profile.profile_view import ProfileView
from cadre_desk.ui.shell import application
from cadre_desk.ui.widgets import drafts
from cadre_desk.ui.widgets.conflict_dialog import ConflictDialog, Resolution
from tests.conftest import make_cadre

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform, a top-level view
TYPED = "副县长（拟）"

TYPED_POST = "县第一中学教师"  # typed into the open cell of the new 家庭成员 row, never committed
FAMILY = ("女儿", "欧阳小雪", "2001.03", "共青团员", TYPED_POST, "")
REWARD = ("奖励", "2019.06", "全县防汛抗洪先进个人", "中共某县委员会")

# The window as the application composes it (zh_CN, drafts of this database), the first cadre's profile
# shown and a new post typed into it, a family member being typed on the 家庭成员 tab (its last cell still
# open in its editor) and a reward added on the 奖惩 tab; "ready" once the draft holding all of it is on
# disk, then it waits to be killed (it exits if none is written within 15 seconds).
TYPIST = """
import sys, time
from PySide6.QtWidgets import QApplication, QLineEdit
from cadre_desk.db.opening import open_database
from cadre_desk.services.context import open_context
from cadre_desk.ui.shell import i18n
from cadre_desk.ui.shell.main_window import MainWindow
from cadre_desk.ui.shell.settings import Settings
from cadre_desk.ui.widgets import drafts
from cadre_desk.ui.widgets.conflict_dialog import ConflictDialog, Resolution

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
family = profile.editors["family"]
profile.tabs.setCurrentWidget(family)
family.add()  # a new row, its first cell open for typing
model = family.records
row = model.rowCount() - 1
cell = model.index(row, model.column_of("employer_post"))
family.table.setCurrentIndex(cell)  # the first cell's (empty) editor closes
for field, text in zip(("relation", "name", "birth", "political_status"), sys.argv[4:8]):
    model.setData(model.index(row, model.column_of(field)), text)
family.table.edit(cell)
(typing,) = [w for w in family.table.viewport().findChildren(QLineEdit) if w.isVisible()]
typing.setText(sys.argv[8])  # typed, not committed: the cell's editor is still open
profile.editors["rewards"].records.add_row(sys.argv[9:13])

def kept():  # (all was typed before the first tick of the draft timer)
    found = store.pending()
    return found and sys.argv[3] in str(found[0].values)

deadline = time.monotonic() + 15
while not kept() and time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.05)
if not kept():
    sys.exit("no draft")
print("ready", flush=True)
while time.monotonic() < deadline + 120:  # never outlives a test that died before killing it
    app.processEvents()
    time.sleep(0.05)
"""


def _type_and_kill(ctx: ServiceContext, tmp_path: Path) -> None:
    assert ctx.db.path is not None
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            TYPIST,
            str(ctx.db.path),
            str(tmp_path / "ui.ini"),
            TYPED,
            *FAMILY[:5],
            *REWARD,
        ],
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
    other = make_cadre(ctx, "林小雨")
    view = _profile(qtbot, ctx, other.id)  # another cadre: nothing offered, nothing put back
    assert offered == [] and not view.is_dirty()
    assert view.editors["family"].records.rowCount() == 0

    view.show_cadre(cadre.id)
    assert offered == [left.saved_at]
    assert view.form.editor("post").text() == TYPED  # type: ignore[attr-defined]
    # each typed row in its own list, the cell that was still being typed in included
    assert [values for _i, values in view.editors["family"].records.snapshot()] == [FAMILY]
    assert [values for _i, values in view.editors["rewards"].records.snapshot()] == [REWARD]
    assert all(not view.editors[key].is_dirty() for key in ("resume", "assessments", "trainings"))
    assert view.is_dirty() and view.save_button.isEnabled()

    asked: list[str] = []  # leaving still asks before the typed rows are thrown away
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda _p, _t, text, *a: asked.append(text) or QMessageBox.StandardButton.Cancel,
    )
    assert not view.maybe_leave() and len(asked) == 1 and view.is_dirty()

    assert view.save()
    assert cadres.get_cadre(ctx, cadre.id).post == TYPED
    stored = cadre_records.get_profile(ctx, cadre.id)
    assert [(m.relation, m.name, m.employer_post) for m in stored.family] == [
        ("女儿", "欧阳小雪", TYPED_POST)
    ]
    assert [(r.kind, r.text) for r in stored.rewards] == [("奖励", "全县防汛抗洪先进个人")]
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
    assert view.editors["family"].records.rowCount() == 0 == view.editors["rewards"].records.rowCount()
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
    qtbot.waitUntil(lambda: len(store.pending()) == 1)
    view.revert()  # discarded: no draft
    assert store.pending() == []
    view.form.editor("post").setText(TYPED)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: len(store.pending()) == 1)
    view.revert()
    view.show_cadre(second.id)  # another cadre: its own draft, none left of the first
    view.form.editor("post").setText(TYPED)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: len(store.pending()) == 1)
    assert "林小雨" in store.pending()[0].title
    view.revert()
    assert store.pending() == []


def _kept_rows(store: drafts.DraftStore, key: str) -> list[list[str]]:
    """The rows typed into list tab `key`, as the one draft on disk keeps them."""
    (draft,) = store.pending()
    entries = [v for v in draft.values if v[0] == "rows" and v[1] == key]
    return [values for _id, values in entries[0][3]] if entries else []


def _crash(view: ProfileView) -> None:
    """What a crash leaves: the draft on disk, no editor to keep or delete it any more."""
    assert view.drafts.keeper is not None
    view.drafts.keeper.timer.stop()
    view.hide()


def test_the_list_tabs_keep_a_draft_only_while_they_hold_typed_rows(
    qtbot: QtBot,
    ctx: ServiceContext,
    store: drafts.DraftStore,
    monkeypatch: pytest.MonkeyPatch,
    _zh_cn: None,
) -> None:
    monkeypatch.setattr(drafts, "DRAFT_INTERVAL_MS", 100)
    cadre = make_cadre(ctx, "欧阳雪梅")
    view = _profile(qtbot, ctx, cadre.id)
    family = view.editors["family"]
    family.records.add_row(FAMILY)
    qtbot.waitUntil(lambda: len(store.pending()) == 1)
    assert _kept_rows(store, "family") == [list(FAMILY)]
    view.revert()  # discarded: no draft
    assert store.pending() == []

    family.records.add_row(FAMILY)
    qtbot.waitUntil(lambda: len(store.pending()) == 1)
    assert view.save()  # saved: no draft
    assert store.pending() == []
    qtbot.wait(300)
    assert store.pending() == [] and not view.is_dirty()

    # a cell being typed in of a stored row: kept although the model does not hold it yet
    cell = family.records.index(0, family.records.column_of("employer_post"))
    view.tabs.setCurrentWidget(family)
    family.table.setCurrentIndex(cell)
    family.table.edit(cell)
    typing = family.delegate.open_editor()
    assert isinstance(typing, QLineEdit)
    typing.setText("县第二中学教师")
    qtbot.waitUntil(lambda: len(store.pending()) == 1)
    assert _kept_rows(store, "family")[0][4] == "县第二中学教师"
    typing.setText(TYPED_POST)  # typed back to what is stored: nothing to keep
    qtbot.waitUntil(lambda: store.pending() == [])


def test_a_list_draft_goes_back_into_its_own_cadre_and_list(
    qtbot: QtBot,
    ctx: ServiceContext,
    store: drafts.DraftStore,
    monkeypatch: pytest.MonkeyPatch,
    _zh_cn: None,
) -> None:
    monkeypatch.setattr(drafts, "DRAFT_INTERVAL_MS", 100)
    first, second = make_cadre(ctx, "欧阳雪梅"), make_cadre(ctx, "林小雨")
    typist = _profile(qtbot, ctx, first.id)
    typist.editors["rewards"].records.add_row(REWARD)
    typist.editors["secondments"].records.add_row(("某乡人民政府", "副乡长", "2018.01", "2018.12", ""))
    qtbot.waitUntil(lambda: len(store.pending()) == 1)
    _crash(typist)

    offered: list[str] = []
    monkeypatch.setattr(
        drafts.DraftOffer, "ask", classmethod(lambda cls, _p, when: offered.append(when) or True)
    )
    view = _profile(qtbot, ctx, second.id)
    assert offered == [] and not view.is_dirty()
    view.show_cadre(first.id)
    assert len(offered) == 1
    rows = {key: [values for _i, values in e.records.snapshot()] for key, e in view.editors.items()}
    assert rows["rewards"] == [REWARD]
    assert rows["secondments"] == [("某乡人民政府", "副乡长", "2018.01", "2018.12", "")]
    assert all(rows[key] == [] for key in ("resume", "family", "assessments", "trainings"))
    assert not view.form.is_dirty() and view.tabs.currentWidget() is view.editors["rewards"]
    assert view.status.text() == QCoreApplication.translate(
        "ProfileView", "Unsaved input of an earlier session was put back: save or discard it."
    )

    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Discard)
    assert view.maybe_leave()  # asked, and discarded: the stored lists show, the draft is gone
    assert not view.is_dirty() and store.pending() == []
    assert cadre_records.get_profile(ctx, first.id).rewards == ()


def test_a_list_changed_since_its_draft_asks_on_save(
    qtbot: QtBot,
    ctx: ServiceContext,
    store: drafts.DraftStore,
    monkeypatch: pytest.MonkeyPatch,
    _zh_cn: None,
) -> None:
    monkeypatch.setattr(drafts, "DRAFT_INTERVAL_MS", 100)
    cadre = make_cadre(ctx, "欧阳雪梅")
    member = cadre_records.FamilyMemberInput("女儿", "欧阳小雪", "2001.03", "共青团员", "学生")
    version = cadre_records.save_family(ctx, cadre.id, [member], cadre.version).cadre.version
    typist = _profile(qtbot, ctx, cadre.id)
    records = typist.editors["family"].records
    records.setData(records.index(0, records.column_of("employer_post")), TYPED_POST)
    qtbot.waitUntil(lambda: len(store.pending()) == 1)
    _crash(typist)
    stored_id = cadre_records.get_profile(ctx, cadre.id).family[0].id
    changed = cadre_records.FamilyMemberInput("女儿", "欧阳小雪", "2001.03", "中共党员", "学生", id=stored_id)
    cadre_records.save_family(ctx, cadre.id, [changed], version)  # meanwhile, elsewhere

    monkeypatch.setattr(drafts.DraftOffer, "ask", classmethod(lambda cls, *_a: True))
    view = _profile(qtbot, ctx, cadre.id)
    assert [values[4] for _i, values in view.editors["family"].records.snapshot()] == [TYPED_POST]
    assert "保存时" in view.status.text()  # the stored list changed meanwhile: Save asks which to keep
    asked: list[list[tuple[str, str, str]]] = []

    def ask(cls: object, _parent: object, _name: str, conflicts: list[tuple[str, str, str]]) -> Resolution:
        asked.append(list(conflicts))
        return Resolution.OVERWRITE

    monkeypatch.setattr(ConflictDialog, "ask", classmethod(ask))
    assert view.save()
    (conflicts,) = asked
    assert [title for title, _mine, _theirs in conflicts] == [view.list_tabs["family"].title]
    assert "中共党员" in conflicts[0][2] and TYPED_POST in conflicts[0][1]
    (saved,) = cadre_records.get_profile(ctx, cadre.id).family
    assert (saved.political_status, saved.employer_post) == ("共青团员", TYPED_POST)  # overwritten: mine
    assert store.pending() == []
