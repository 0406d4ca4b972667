"""Editors opened for reading: a 领导查阅, or a 导师 looking at a record he may read but not change,
sees the same dialog as the clerk, with the same fields and the whole text, but nothing to change.

`open_read_only(dialog, title)` turns a record editor into its viewer and shows it (window-modal,
deleted when closed): every input keeps its value but takes no edit (texts stay selectable and
scrollable), every button that would act is hidden, the Save / Cancel box gives way to one Close
(关闭) button, and the title says 查看. The record was read through the services before the dialog
was built, so a role that may not read it never gets this far; the viewer writes nothing, keeps no
draft and saves nothing on closing. Buttons tagged `Act.VIEW` (show all, page through) stay.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTextEdit,
    QWidget,
)

from cadre_desk.ui.widgets.permits import Act, make_read_only, needs_of, tag

PROPERTY = "cadreDeskReadOnly"  # set on a dialog opened for reading (drafts and tests read it)
CLOSE_NAME = "readOnlyClose"
SELECTABLE = Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard


def is_read_only(widget: QWidget) -> bool:
    """True for a dialog opened by `open_read_only` (or `set_read_only`)."""
    return bool(widget.property(PROPERTY))


def close_text() -> str:
    return QCoreApplication.translate("ReadOnly", "Close")


def set_read_only(dialog: QDialog, title: str, close: QPushButton | None = None) -> QPushButton:
    """Make `dialog` a viewer titled `title`; returns its Close button (`close` when the dialog has
    one of its own, otherwise a new one in place of its button box)."""
    dialog.setProperty(PROPERTY, True)
    dialog.setWindowTitle(title)
    make_read_only(dialog)
    for line in dialog.findChildren(QLineEdit):
        line.setClearButtonEnabled(False)
    for choice in dialog.findChildren(QComboBox) + dialog.findChildren(QCheckBox):
        _legible(choice)  # disabled, but its value is what the reader came for: not greyed out
    for text in dialog.findChildren(QPlainTextEdit) + dialog.findChildren(QTextEdit):
        text.setTextInteractionFlags(SELECTABLE)
    fixed = ~(Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable)
    for table in dialog.findChildren(QTableWidget):
        for row in range(table.rowCount()):
            for column in range(table.columnCount()):
                item = table.item(row, column)
                if item is not None:
                    item.setFlags(item.flags() & fixed)
    boxes = dialog.findChildren(QDialogButtonBox)
    for button in dialog.findChildren(QPushButton):
        if button is close or button.isCheckable() or needs_of(button) == Act.VIEW.permissions:
            continue
        button.hide()
        button.setEnabled(False)
    if close is None:
        box = QDialogButtonBox(dialog)
        close = box.addButton(close_text(), QDialogButtonBox.ButtonRole.RejectRole)
        box.rejected.connect(dialog.reject)
        layout = dialog.layout()
        replaced = layout is not None and boxes and layout.replaceWidget(boxes[0], box) is not None
        if not replaced and layout is not None:
            layout.addWidget(box)
    for old in boxes:  # its Save / OK is gone: no path in the viewer leads to a save
        old.hide()
        old.setEnabled(False)
    close.setObjectName(CLOSE_NAME)
    close.setText(close_text())
    close.setEnabled(True)
    close.show()
    close.setDefault(True)
    close.setFocus()  # not the first field, whose text would show all selected
    tag(Act.VIEW, close)
    return close


def _legible(widget: QWidget) -> None:
    palette = widget.palette()
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, palette.color(QPalette.ColorGroup.Active, role))
    widget.setPalette(palette)


def open_read_only(dialog: QDialog, title: str, close: QPushButton | None = None) -> QDialog:
    """`set_read_only`, then show the viewer window-modal (it deletes itself when closed)."""
    set_read_only(dialog, title, close)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
