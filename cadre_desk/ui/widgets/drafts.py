"""Drafts of open editors, kept through a crash or a power cut.

Every few seconds (DRAFT_INTERVAL_MS) an open editor with unsaved input writes what is typed in it to
a draft file in the data folder (`drafts/<database>/`); a normal save or a discard (the dialog
finishing either way) deletes the draft, and so does the input becoming clean again. After a crash the
drafts stay: the next start says how many editors had unsaved input, and opening the same editor again
(the same record: the window title names it) offers to put the typed input back. The profile's inline
form is kept the same way, named by the cadre (`DraftKeeper(title=…, roots=…)`), with the rows typed
into its list tabs (`capture=…, put_back=…`: ui.profile.profile_drafts).

A draft is the editor's input values in widget order (texts, choices, ticks, numbers, dates); it is
restored only into an editor of the same shape. The file name is a hash (the title names people);
with an encrypted database the draft is encrypted too (AES-256-GCM under a key derived from the
database's key with HKDF), otherwise it is JSON like the plain database beside it. Writes go
through a temporary file, synced and renamed, so a power cut leaves the old draft or the new one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
import os
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from PySide6.QtCore import QCoreApplication, QDateTime, QObject, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDoubleSpinBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QTextEdit,
    QWidget,
)

from cadre_desk import paths
from cadre_desk.db import cipher
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.widgets.read_only import PROPERTY as READ_ONLY

log = logging.getLogger("cadre_desk.ui")

DRAFT_INTERVAL_MS = 3000
PLAIN, SEALED = b"CDDRAFT0", b"CDDRAFT1"


@dataclass(frozen=True)
class Draft:
    kind: str
    title: str
    saved_at: str
    values: list[list[Any]]


class DraftStore:
    """The drafts of one database: where they live and how they are sealed."""

    def __init__(self, folder: Path, key: bytes | None) -> None:
        self.folder = folder
        self._aes = AESGCM(key) if key is not None else None

    @classmethod
    def for_context(cls, ctx: ServiceContext) -> DraftStore:
        name = ctx.db.display_name()
        folder = paths.data_dir() / "drafts" / hashlib.sha256(name.encode("utf-8")).hexdigest()[:16]
        key = None
        path = ctx.db.path
        db_key = cipher.key_for(path) if path is not None else None
        if db_key is not None:
            key = HKDF(hashes.SHA256(), 32, salt=db_key.salt, info=b"cadre-desk drafts").derive(db_key.key)
        return cls(folder, key)

    def path_of(self, kind: str, title: str) -> Path:
        digest = hashlib.sha256(f"{kind}\0{title}".encode()).hexdigest()[:24]
        return self.folder / f"{digest}.draft"

    def write(self, draft: Draft) -> None:
        data = json.dumps(draft.__dict__, ensure_ascii=False).encode("utf-8")
        if self._aes is not None:
            nonce = os.urandom(12)
            blob = SEALED + nonce + self._aes.encrypt(nonce, data, SEALED)
        else:
            blob = PLAIN + data
        target = self.path_of(draft.kind, draft.title)
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".tmp")
        with tmp.open("wb") as handle:
            handle.write(blob)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)

    def read(self, path: Path) -> Draft | None:
        try:
            blob = path.read_bytes()
            if blob.startswith(SEALED):
                if self._aes is None:
                    return None
                data = self._aes.decrypt(blob[8:20], blob[20:], SEALED)
            elif blob.startswith(PLAIN):
                data = blob[8:]
            else:
                return None
            raw = json.loads(data)
            return Draft(str(raw["kind"]), str(raw["title"]), str(raw["saved_at"]), list(raw["values"]))
        except (OSError, ValueError, KeyError, TypeError, InvalidTag):
            return None

    def remove(self, kind: str, title: str) -> None:
        with contextlib.suppress(OSError):
            self.path_of(kind, title).unlink()

    def pending(self) -> list[Draft]:
        """The drafts left behind (by a crash), oldest first."""
        if not self.folder.is_dir():
            return []
        found = [self.read(p) for p in sorted(self.folder.glob("*.draft"))]
        return sorted((d for d in found if d is not None), key=lambda d: d.saved_at)


_store: dict[str, DraftStore] = {}


def configure(store: DraftStore | None) -> None:
    """The drafts of the database the window has open (None: drafts off, e.g. read-only)."""
    _store.clear()
    if store is not None:
        _store["current"] = store


def current() -> DraftStore | None:
    return _store.get("current")


# --- an editor's input values ------------------------------------------------------------------------


_TEXTUAL = (QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QSpinBox, QDoubleSpinBox, QDateTimeEdit)


def _inputs(*roots: QWidget) -> list[QWidget]:
    return [
        w
        for root in roots
        for w in root.findChildren(QWidget)
        if isinstance(w, _TEXTUAL) or (isinstance(w, QAbstractButton) and w.isCheckable())
    ]


def values_of(*roots: QWidget) -> list[list[Any]]:
    values: list[list[Any]] = []
    for w in _inputs(*roots):
        if isinstance(w, QLineEdit):
            values.append(["line", w.text()])
        elif isinstance(w, QPlainTextEdit | QTextEdit):
            values.append(["text", w.toPlainText()])
        elif isinstance(w, QComboBox):
            values.append(["combo", w.currentText()])
        elif isinstance(w, QSpinBox | QDoubleSpinBox):
            values.append(["number", w.value()])
        elif isinstance(w, QDateTimeEdit):
            values.append(["date", w.dateTime().toString("yyyy-MM-ddTHH:mm:ss")])
        elif isinstance(w, QAbstractButton):
            values.append(["tick", w.isChecked()])
    return values


def restore_values(values: list[list[Any]], *roots: QWidget) -> bool:
    """Put `values` back; False (nothing changed) when the editor's shape differs from the draft's."""
    widgets = _inputs(*roots)
    if [v[0] for v in values] != [v[0] for v in values_of(*roots)] or len(widgets) != len(values):
        return False
    for w, (tag, value) in zip(widgets, values, strict=True):
        if tag == "line" and isinstance(w, QLineEdit) and not w.isReadOnly():
            w.setText(str(value))
        elif tag == "text" and isinstance(w, QPlainTextEdit | QTextEdit) and not w.isReadOnly():
            w.setPlainText(str(value))
        elif tag == "combo" and isinstance(w, QComboBox):
            index = w.findText(str(value))
            if index >= 0:
                w.setCurrentIndex(index)
            elif w.isEditable():
                w.setEditText(str(value))
        elif tag == "number" and isinstance(w, QSpinBox):
            w.setValue(int(value))
        elif tag == "number" and isinstance(w, QDoubleSpinBox):
            w.setValue(float(value))
        elif tag == "date" and isinstance(w, QDateTimeEdit):
            w.setDateTime(QDateTime.fromString(str(value), "yyyy-MM-ddTHH:mm:ss"))
        elif tag == "tick" and isinstance(w, QAbstractButton):
            w.setChecked(bool(value))
    return True


class DraftOffer:
    """`ask(parent, saved_at) -> bool`: True to put a found draft back (tests patch `ask`)."""

    @classmethod
    def ask(cls, parent: QWidget, saved_at: str) -> bool:
        when = saved_at.replace("T", " ")[:16]
        answer = QMessageBox.question(
            parent,
            QCoreApplication.translate("drafts", "Unsaved input found"),
            QCoreApplication.translate(
                "drafts",
                "This editor had unsaved input when Cadre Desk ended unexpectedly ({when}). Put it back?",
            ).format(when=when),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        return answer == QMessageBox.StandardButton.Yes


class DraftKeeper(QObject):
    """Keeps the draft of one open editor: offers a found one when started, writes every few seconds
    while `dirty()`, deletes it when the input is clean again or the dialog finishes.

    An editor that is not a dialog of its own (the profile's inline form) names itself with `title`
    and keeps only the inputs under `roots`; it calls `clear()` after a save or a discard and
    `discard()` when it shows another record. An editor whose input is not all in input widgets (the
    profile's list tabs: rows in a table model) gives its own `capture()` (JSON-able values, the
    default `values_of(*roots)`) and `put_back(values) -> bool` (default `restore_values`).

    The keeper is the editor's child and refers to the editor only weakly: `dirty`, `capture` and
    `put_back` must be bound methods (held as `WeakMethod`s) of the editor or of an object the editor
    keeps, the editor is the keeper's Qt parent and the roots are weak references. A strong reference
    back (a lambda over the editor, `self.dialog = dialog`) would make a reference cycle (the editor's
    wrapper holds its children's), leaving a closed editor to Python's cyclic garbage collector, which
    may run on a pool worker and destroy the editor there."""

    def __init__(
        self,
        dialog: QWidget,
        dirty: Callable[[], bool],
        identity: str = "",
        title: str | None = None,
        roots: tuple[QWidget, ...] = (),
        capture: Callable[[], list[list[Any]]] | None = None,
        put_back: Callable[[list[list[Any]]], bool] | None = None,
    ) -> None:
        """`identity` tells the record apart where the window title does not (default: the title)."""
        super().__init__(dialog)
        self._roots = [weakref.ref(root) for root in roots]
        # bound methods (WeakMethod raises TypeError for anything else)
        self._dirty = weakref.WeakMethod(dirty)
        self._capture = weakref.WeakMethod(capture) if capture is not None else None
        self._put_back = weakref.WeakMethod(put_back) if put_back is not None else None
        self.kind = type(dialog).__qualname__
        self.identity = identity
        self.store = current()
        name = dialog.windowTitle() if title is None else title
        self.title = f"{name}\0{identity}" if identity else name
        self._last: list[list[Any]] | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(DRAFT_INTERVAL_MS)
        self.timer.timeout.connect(self.tick)
        if isinstance(dialog, QDialog):
            dialog.finished.connect(self.discard)

    @property
    def dialog(self) -> QWidget:
        """The editor (the keeper's parent)."""
        parent = self.parent()
        assert isinstance(parent, QWidget)
        return parent

    @property
    def roots(self) -> tuple[QWidget, ...]:
        """The widgets whose inputs are kept (default: the whole editor)."""
        if not self._roots:
            return (self.dialog,)
        return tuple(root for ref in self._roots if (root := ref()) is not None)

    def dirty(self) -> bool:
        """The editor's own answer: has it unsaved input? (False once the editor is gone.)"""
        method = self._dirty()
        return method is not None and bool(method())

    def start(self) -> bool:
        """Offer a found draft, then keep one while the editor is open. True if one was put back.
        An editor opened for reading (`read_only.is_read_only`) keeps no draft and offers none."""
        if self.store is None or self.dialog.property(READ_ONLY):
            return False
        restored = False
        found = self.store.read(self.store.path_of(self.kind, self.title))
        if found is not None:
            if DraftOffer.ask(self.dialog, found.saved_at) and self.put_back(found.values):
                log.info("draft restored into %s", self.kind)
                restored = True
            else:
                self.store.remove(self.kind, self.title)
        self.timer.start()
        return restored

    def capture(self) -> list[list[Any]]:
        """What the editor holds now, as a draft keeps it."""
        method = self._capture() if self._capture is not None else None
        return method() if method is not None else values_of(*self.roots)

    def put_back(self, values: list[list[Any]]) -> bool:
        """A draft's values back into the editor; False (nothing changed) when they do not fit it."""
        method = self._put_back() if self._put_back is not None else None
        return method(values) if method is not None else restore_values(values, *self.roots)

    def tick(self) -> None:
        if self.store is None:
            return
        if not self.dirty():
            if self._last is not None:
                self.store.remove(self.kind, self.title)
                self._last = None
            return
        values = self.capture()
        if values == self._last:
            return
        try:
            self.store.write(
                Draft(self.kind, self.title, dt.datetime.now().isoformat(timespec="seconds"), values)
            )
        except OSError as exc:  # a full disk must not disturb typing; the save itself will say so
            log.warning("draft not written: %s", exc)
            return
        self._last = values

    def clear(self) -> None:
        """Saved or discarded: no draft now (the next edit starts a new one)."""
        if self.store is not None:
            self.store.remove(self.kind, self.title)
        self._last = None

    def discard(self, *_result: object) -> None:
        self.timer.stop()
        self.clear()

    def keep(self) -> None:
        """The window closes without saving (the account was changed by an administrator): write the
        draft now and leave it for the next start, whatever happens to the editor."""
        self.tick()
        self.timer.stop()
        self.store = None  # closing the editor no longer removes it


def keep_open_drafts(*windows: QWidget) -> int:
    """`DraftKeeper.keep` for every open editor in `windows` and the top-level windows; how many."""
    roots = list(windows) + [w for w in QApplication.topLevelWidgets() if w not in windows]
    keepers = {id(k): k for root in roots for k in root.findChildren(DraftKeeper)}
    for keeper in keepers.values():
        keeper.keep()
    return sum(1 for k in keepers.values() if k._last is not None)
