"""Editors of the 晴雨表 grid: a drop-down for the indicators with fixed values (typing the first
character picks), a line for the free-text ones. Enter commits and moves down, like a spreadsheet."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from cadre_desk.domain import barometer as bd
from cadre_desk.ui.barometer.grid_model import CODE_ROLE

Index = QModelIndex | QPersistentModelIndex


class IndicatorDelegate(QStyledItemDelegate):
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        code = index.data(CODE_ROLE)
        ind = bd.BY_CODE.get(code) if code else None
        if ind is None or ind.kind == "text":
            editor = QLineEdit(parent)
            editor.setMaxLength(ind.max_length if ind else 200)
            return editor
        combo = QComboBox(parent)
        combo.addItem("", "")
        for value in (bd.FLAG_ON,) if ind.kind == "flag" else ind.choices:
            combo.addItem(value, value)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = str(index.data(Qt.ItemDataRole.EditRole) or "")
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(value)))
        elif isinstance(editor, QLineEdit):
            editor.setText(value)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)
