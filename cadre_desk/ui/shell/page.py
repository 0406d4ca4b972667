"""The contract between the main window and the pages of its stack.

Every page subclasses `Page`, and the main window talks to its pages only through it: mypy checks each
page's overrides against these signatures, and the window never asks a page what it can do. A base class
rather than a `typing.Protocol`, because a page must also be a QWidget for the stack, and a Protocol can
neither say that nor be mixed into a QWidget class (their metaclasses conflict).
"""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from cadre_desk.ui.shell.settings import Settings


class Page(QWidget):
    """A page of the main window. The defaults suit a page that shows no records and keeps no state."""

    # A record to show elsewhere: (kind, id), kind one of services.search.KINDS. The window routes it
    # to the page whose `record_kinds` hold that kind (a cadre to the roster's profile).
    open_record = Signal(str, int)

    # What the page changed (a services.changes.Changes): the window refreshes the other views of it.
    records_changed = Signal(object)

    # The kinds of record `show_record` shows (the window routes these here and nowhere else).
    record_kinds: ClassVar[frozenset[str]] = frozenset()

    def open_cadre(self, cadre_id: int) -> None:
        """Show a cadre's profile (the roster's): a slot for a signal carrying a cadre's id, connected
        as a method so that the connection does not hold the page (a lambda over `self` would)."""
        self.open_record.emit("cadre", cadre_id)

    def refresh(self) -> None:
        """Called each time the page is shown: fetch what may have changed."""

    def can_leave(self) -> bool:
        """False keeps the page (unsaved edits the user chose not to leave); may ask the user."""
        return True

    def show_record(self, kind: str, record_id: int) -> bool:
        """Show one record of `record_kinds`; False when it does not exist (any more)."""
        return False

    # Ctrl+N / Ctrl+S / Ctrl+P on the page shown; False: the page has nothing to do for it.

    def new_record(self) -> bool:
        return False

    def save_record(self) -> bool:
        return False

    def print_record(self) -> bool:
        return False

    def save_state(self, settings: Settings) -> None:
        """Remember the layout (splitters, columns) when the window closes."""

    def restore_state(self, settings: Settings) -> None:
        """Restore what `save_state` remembered."""
