"""Dialogs that ask before throwing away what the user typed (Esc, Cancel, the window's close button).

`GuardedDialog` remembers the state of its input widgets when it is first shown; `reject()` (which
Esc, Cancel and closing the window all go through) asks `DiscardQuestion.ask` when that state has
changed. A successful save closes through `accept()` and never asks. Tests monkeypatch
`DiscardQuestion.ask`, never a blocking message box.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QTableWidget,
    QTextEdit,
    QWidget,
)

from cadre_desk.ui.widgets.drafts import DraftKeeper


def form_state(root: QWidget) -> tuple[object, ...]:
    """What the user can type or choose in `root`: texts, choices, ticks, table cells, list items
    (not those of a dialog opened from it: a passphrase or file dialog is no input of `root`'s)."""
    state: list[object] = []
    for w in root.findChildren(QWidget):
        if w.window() is not root.window():
            continue
        if isinstance(w, QLineEdit):
            if not w.isReadOnly():
                state.append(w.text())
        elif isinstance(w, QPlainTextEdit | QTextEdit):
            if not w.isReadOnly():
                state.append(w.toPlainText())
        elif isinstance(w, QComboBox):
            state.append(w.currentText())
        elif isinstance(w, QAbstractButton):
            if w.isCheckable() and w.objectName() != "qt_scrollarea_viewport":
                state.append(w.isChecked())
        elif isinstance(w, QAbstractSpinBox):
            state.append(w.text())
        elif isinstance(w, QTableWidget):
            for row in range(w.rowCount()):
                for column in range(w.columnCount()):
                    item = w.item(row, column)
                    state.append((item.text(), item.checkState()) if item is not None else None)
        elif isinstance(w, QListWidget):
            state.append(tuple(w.item(i).text() for i in range(w.count())))
    return tuple(state)


class DiscardQuestion:
    @classmethod
    def ask(cls, parent: QWidget, text: str = "") -> bool:
        """True when the user chooses to discard what they typed."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            QCoreApplication.translate("DiscardQuestion", "Discard your input?"),
            text
            or QCoreApplication.translate(
                "DiscardQuestion", "What you typed here is not saved yet. Discard it?"
            ),
            QMessageBox.StandardButton.NoButton,
            parent,
        )
        box.setObjectName("discardQuestion")
        discard = box.addButton(
            QCoreApplication.translate("DiscardQuestion", "Discard"), QMessageBox.ButtonRole.DestructiveRole
        )
        keep = box.addButton(
            QCoreApplication.translate("DiscardQuestion", "Keep editing"), QMessageBox.ButtonRole.RejectRole
        )
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        return box.clickedButton() is discard


class GuardedDialog(QDialog):
    """A QDialog whose `reject()` asks before discarding changed input."""

    _clean: tuple[object, ...] | None = None

    def mark_clean(self) -> None:
        """The current input is what there is to lose nothing of (e.g. after loading or saving)."""
        self._clean = form_state(self)

    def has_unsaved_input(self) -> bool:
        return self._clean is not None and form_state(self) != self._clean

    def showEvent(self, event: QShowEvent) -> None:
        if self._clean is None:
            self.mark_clean()
            # unsaved input survives a crash: a draft every few seconds, offered back here next time
            self._drafts = DraftKeeper(self, self.has_unsaved_input)
            self._drafts.start()
        super().showEvent(event)

    def reject(self) -> None:
        if self.has_unsaved_input() and not DiscardQuestion.ask(self):
            return
        super().reject()
