"""Pick a cadre by typing: name, pinyin initials (``zs`` for 张三) or unit, with a popup of matches."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QHBoxLayout, QLineEdit, QWidget

from cadre_desk.services import cadres
from cadre_desk.services.context import ServiceContext

ID_ROLE = Qt.ItemDataRole.UserRole + 1
NAME_ROLE = Qt.ItemDataRole.UserRole + 2
TYPE_DELAY_MS = 150
MAX_CHOICES = 30


class CadrePicker(QWidget):
    """A line edit with type-ahead; `cadre_id()` is the chosen cadre or None while nothing is chosen."""

    changed = Signal()

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._id: int | None = None
        self._name = ""
        self.line = QLineEdit(self)
        self.line.setClearButtonEnabled(True)
        self.line.setPlaceholderText(self.tr("Name, pinyin initials or unit"))
        self.choices = QStandardItemModel(self)
        self.completer = QCompleter(self.choices, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCompletionRole(NAME_ROLE)
        self.completer.setMaxVisibleItems(12)
        self.completer.setWidget(self.line)
        self.completer.activated[QModelIndex].connect(self._activated)  # type: ignore[index]  # overloaded signal
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPE_DELAY_MS)
        self._timer.timeout.connect(self._lookup)
        self.line.textEdited.connect(self._edited)
        self.line.textChanged.connect(self._text_changed)
        self.line.installEventFilter(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line)
        self.setFocusProxy(self.line)

    def cadre_id(self) -> int | None:
        return self._id

    def cadre_name(self) -> str:
        return self._name if self._id is not None else ""

    def set_cadre(self, cadre_id: int | None, name: str = "") -> None:
        """Show a chosen cadre (the name is looked up when not given)."""
        if cadre_id is not None and not name:
            name = cadres.cadre_choice(self._ctx, cadre_id).name
        changed = cadre_id != self._id
        self._id, self._name = cadre_id, name if cadre_id is not None else ""
        blocked = self.line.blockSignals(True)
        self.line.setText(self._name)
        self.line.blockSignals(blocked)
        self.line.setToolTip(self._name)
        if changed:
            self.changed.emit()

    def clear(self) -> None:
        self.set_cadre(None)

    # --- typing ----------------------------------------------------------------------------------

    def _edited(self, _text: str) -> None:
        self._timer.start()

    def _text_changed(self, text: str) -> None:
        if self._id is not None and text != self._name:  # typing over a choice un-chooses it
            self._id, self._name = None, ""
            self.changed.emit()

    def _lookup(self) -> None:
        text = self.line.text().strip()
        self.choices.clear()
        if not text or self._id is not None:
            self._hide_popup()
            return
        for choice in cadres.find_cadres(self._ctx, text, MAX_CHOICES):
            detail = " · ".join(p for p in (choice.unit, choice.post) if p)
            item = QStandardItem(f"{choice.name}　{detail}" if detail else choice.name)
            item.setData(choice.id, ID_ROLE)
            item.setData(choice.name, NAME_ROLE)
            item.setToolTip(detail)
            self.choices.appendRow(item)
        if self.choices.rowCount():
            self.completer.complete()
        else:
            self._hide_popup()

    def _activated(self, index: QModelIndex) -> None:
        cadre_id = index.data(ID_ROLE)
        if isinstance(cadre_id, int):
            self.set_cadre(cadre_id, str(index.data(NAME_ROLE)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter while choosing picks the single match and goes no further (not to a dialog's OK)."""
        if (
            watched is self.line
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self._id is None
            and self.line.text().strip()
        ):
            self._return_pressed()
            return True
        return super().eventFilter(watched, event)

    def _return_pressed(self) -> None:
        if self._id is None:
            self._timer.stop()
            self._lookup()
            if self.choices.rowCount() == 1:
                self._activated(self.choices.index(0, 0))
                self._hide_popup()

    def _hide_popup(self) -> None:
        popup = self.completer.popup()
        if popup is not None:
            popup.hide()
