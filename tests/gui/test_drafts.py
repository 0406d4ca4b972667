"""Drafts: an editor with unsaved input writes a draft every few seconds; after a crash the next start
lists it and the same editor offers it back; a save or a discard deletes it; with an encrypted
database the draft is encrypted."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from cadre_desk.db import cipher
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.roster.new_cadre_dialog import NewCadreDialog
from cadre_desk.ui.shell import application
from cadre_desk.ui.widgets import drafts, guarded_dialog

NAME = "欧阳雪梅"
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform, for dialogs


@pytest.fixture(autouse=True)
def _discard_on_close(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(guarded_dialog.DiscardQuestion, "ask", classmethod(lambda cls, *_a: True))


@pytest.fixture
def store(ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch) -> drafts.DraftStore:
    monkeypatch.setattr(drafts, "DRAFT_INTERVAL_MS", 100)
    found = drafts.DraftStore.for_context(ctx)
    drafts.configure(found)
    yield found
    drafts.configure(None)


def _type(dialog: NewCadreDialog) -> None:
    dialog.form.editor("name").setText(NAME)  # type: ignore[attr-defined]
    dialog.form.editor("birth").setText("1990.02")  # type: ignore[attr-defined]


def _crash(dialog: NewCadreDialog) -> None:
    """What a killed process leaves: the dialog never finishes, so its draft stays."""
    keeper = dialog._drafts
    keeper.timer.stop()
    dialog.finished.disconnect(keeper.discard)


def test_a_draft_survives_a_crash_and_is_offered_back(
    qtbot: QtBot, ctx: ServiceContext, store: drafts.DraftStore, monkeypatch: pytest.MonkeyPatch, _zh_cn: None
) -> None:
    dialog = NewCadreDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert store.pending() == []
    _type(dialog)
    qtbot.waitUntil(lambda: len(store.pending()) == 1)
    draft = store.pending()[0]
    assert draft.title == dialog.windowTitle()
    assert not cipher.key_for(ctx.db.path)  # a plain database: a plain draft (JSON)
    _crash(dialog)
    monkeypatch.setattr(guarded_dialog.DiscardQuestion, "ask", classmethod(lambda cls, *_a: True))
    dialog.reject()

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: shown.append(text))
    application.recovered_drafts(QWidget())
    assert shown and dialog.windowTitle() in shown[0]

    offered: list[str] = []
    monkeypatch.setattr(
        drafts.DraftOffer, "ask", classmethod(lambda cls, _p, when: offered.append(when) or True)
    )
    again = NewCadreDialog(ctx)
    qtbot.addWidget(again)
    again.show()
    assert offered == [draft.saved_at]
    assert again.form.editor("name").text() == NAME  # type: ignore[attr-defined]
    assert again.has_unsaved_input()
    assert again.save()  # a normal save deletes the draft
    assert store.pending() == []


def test_a_discard_or_clean_input_deletes_the_draft(
    qtbot: QtBot, ctx: ServiceContext, store: drafts.DraftStore, monkeypatch: pytest.MonkeyPatch, _zh_cn: None
) -> None:
    dialog = NewCadreDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    _type(dialog)
    qtbot.waitUntil(lambda: len(store.pending()) == 1)
    dialog.form.editor("name").setText("")  # type: ignore[attr-defined]
    dialog.form.editor("birth").setText("")  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: store.pending() == [])  # clean again: no draft
    _type(dialog)
    qtbot.waitUntil(lambda: len(store.pending()) == 1)
    monkeypatch.setattr(guarded_dialog.DiscardQuestion, "ask", classmethod(lambda cls, *_a: True))
    dialog.reject()
    assert store.pending() == []
    # declining the offer deletes a left-over draft too
    monkeypatch.setattr(drafts.DraftOffer, "ask", classmethod(lambda cls, *_a: False))
    store.write(drafts.Draft("NewCadreDialog", dialog.windowTitle(), "2026-12-06T10:00:00", []))
    later = NewCadreDialog(ctx)
    qtbot.addWidget(later)
    later.show()
    assert store.pending() == [] and later.form.editor("name").text() == ""  # type: ignore[attr-defined]


def test_drafts_of_an_encrypted_database_are_encrypted(
    qtbot: QtBot, ctx: ServiceContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, _zh_cn: None
) -> None:
    from cadre_desk.services import encryption

    encryption.encrypt_database(ctx, "county secret 2026")
    monkeypatch.setattr(drafts, "DRAFT_INTERVAL_MS", 100)
    store = drafts.DraftStore.for_context(ctx)
    drafts.configure(store)
    try:
        dialog = NewCadreDialog(ctx)
        qtbot.addWidget(dialog)
        dialog.show()
        _type(dialog)
        qtbot.waitUntil(lambda: len(store.pending()) == 1)
        (file,) = store.folder.glob("*.draft")
        data = file.read_bytes()
        assert data.startswith(drafts.SEALED) and NAME.encode() not in data and b"1990.02" not in data
        assert drafts.DraftStore(store.folder, None).pending() == []  # unreadable without the key
        _crash(dialog)
    finally:
        drafts.configure(None)
