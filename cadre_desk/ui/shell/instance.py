"""One window per database file (`db.instance_lock`): take the lock at start, or say who holds it and
offer to open the database read-only."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from cadre_desk.db.engine import resolve_url, sqlite_path
from cadre_desk.db.instance_lock import InstanceLock, InstanceLocked
from cadre_desk.errors import StorageError

log = logging.getLogger("cadre_desk.ui")


@dataclass
class Start:
    """How the window opens the database: with the lock held (`lock`), read-only, or not at all."""

    lock: InstanceLock | None
    read_only: bool = False
    cancelled: bool = False

    def release(self) -> None:
        if self.lock is not None:
            self.lock.release()


class ReadOnlyOffer:
    """`ask(parent, message) -> bool`: True to open read-only (tests patch `ask`)."""

    @classmethod
    def ask(cls, parent: QWidget | None, message: str) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            QCoreApplication.translate("instance", "Database already open"),
            message,
            QMessageBox.StandardButton.NoButton,
            parent,
        )
        box.setObjectName("instanceLocked")
        read_only = box.addButton(
            QCoreApplication.translate("instance", "Open read-only"), QMessageBox.ButtonRole.AcceptRole
        )
        box.addButton(QCoreApplication.translate("instance", "Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(read_only)
        box.exec()
        return box.clickedButton() is read_only


def take(db_path_or_url: str) -> Start:
    """The lock of a SQLite file (a server needs none); held elsewhere: the read-only offer."""
    try:
        path = sqlite_path(resolve_url(db_path_or_url))
    except StorageError:
        return Start(None)  # open_database says what is wrong with the address
    if path is None or not path.parent.is_dir():
        return Start(None)
    lock = InstanceLock(path)
    try:
        lock.acquire()
    except InstanceLocked as exc:
        log.info("database %s held by %s", path, exc.holder)
        if ReadOnlyOffer.ask(None, str(exc)):
            return Start(None, read_only=True)
        return Start(None, cancelled=True)
    except StorageError as exc:  # a read-only folder: opening will say so (or open read-only)
        log.warning("no instance lock for %s: %s", path, exc)
        return Start(None)
    return Start(lock)
