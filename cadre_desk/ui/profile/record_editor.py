"""An editable table of a cadre's child records (家庭成员, 奖惩, 考核 …) with checks as the user types.

The model holds rows of strings (one per `FieldSpec`) and the record ids; a cell that fails its
check is tinted and carries its message as a tooltip, and the list of problems shows under the
table. The service's own field errors (`family[2].birth`) are shown the same way after a save.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from cadre_desk.ui.shell.style import muted_placeholder
from cadre_desk.ui.widgets.messages import user_text
from cadre_desk.ui.widgets.weak import weak_slot

Index = QModelIndex | QPersistentModelIndex
ERROR_BRUSH = QBrush(QColor(255, 214, 208))


@dataclass(frozen=True)
class FieldSpec:
    key: str  # the service's field name (`birth`), as in its error keys
    title: str  # the translated column header
    width: int = 0  # in Chinese characters; 0 stretches
    check: Callable[[str], str | None] | None = None  # a Chinese message, or None when fine
    choices: tuple[str, ...] = ()  # offered in a combo box (free text still allowed)
    boolean: bool = False  # a check box ("1" / "")
    placeholder: str = ""


class RecordRowsModel(QAbstractTableModel):
    """Rows of strings under `FieldSpec`s, each with the id of its record (None for a new one)."""

    edited = Signal()

    def __init__(self, specs: Sequence[FieldSpec], parent: Any = None) -> None:
        super().__init__(parent)
        self.specs = list(specs)
        self._rows: list[list[str]] = []
        self._ids: list[int | None] = []
        self._loaded: list[tuple[int | None, tuple[str, ...]]] = []
        self._loaded_by_id: dict[int, tuple[str, ...]] = {}
        self._server_errors: dict[tuple[int, str], str] = {}

    # --- content ----------------------------------------------------------------------------------

    def load(self, rows: Sequence[tuple[int | None, Sequence[str]]]) -> None:
        self.beginResetModel()
        self._ids = [record_id for record_id, _ in rows]
        self._rows = [list(values) + [""] * (len(self.specs) - len(values)) for _, values in rows]
        self._loaded = self.snapshot()
        self._loaded_by_id = {i: values for i, values in self._loaded if i is not None}
        self._server_errors = {}
        self.endResetModel()

    def snapshot(self) -> list[tuple[int | None, tuple[str, ...]]]:
        return [(i, tuple(r)) for i, r in zip(self._ids, self._rows, strict=True)]

    def records(self) -> list[tuple[int | None, dict[str, str]]]:
        keys = [s.key for s in self.specs]
        return [(i, dict(zip(keys, r, strict=True))) for i, r in zip(self._ids, self._rows, strict=True)]

    def loaded(self) -> list[tuple[int | None, tuple[str, ...]]]:
        """The rows as last loaded (stored): what `is_dirty` compares with."""
        return list(self._loaded)

    def put_back(self, rows: Sequence[tuple[int | None, Sequence[str]]]) -> None:
        """Rows typed earlier (a draft) in place of the current ones; the loaded rows stay the base,
        so the list is unsaved input again."""
        self.beginResetModel()
        self._ids = [record_id for record_id, _ in rows]
        self._rows = [list(values) + [""] * (len(self.specs) - len(values)) for _, values in rows]
        self._server_errors = {}
        self.endResetModel()
        self.edited.emit()

    def is_dirty(self) -> bool:
        return self.snapshot() != self._loaded

    def changed_records(self) -> list[dict[str, str]]:
        """The rows that are new or differ from what was loaded."""
        keys = [s.key for s in self.specs]
        return [
            dict(zip(keys, r, strict=True))
            for i, r in zip(self._ids, self._rows, strict=True)
            if i is None or self._loaded_by_id.get(i) != tuple(r)
        ]

    def revert(self) -> None:
        self.load(self._loaded)

    def column_of(self, key: str) -> int:
        return next(i for i, s in enumerate(self.specs) if s.key == key)

    def add_row(self, values: Sequence[str] = (), at: int | None = None) -> int:
        row = len(self._rows) if at is None else max(0, min(at, len(self._rows)))
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.insert(row, list(values) + [""] * (len(self.specs) - len(values)))
        self._ids.insert(row, None)
        self._shift_errors(row, 1)
        self.endInsertRows()
        self.edited.emit()
        return row

    def remove_row(self, row: int) -> None:
        if not 0 <= row < len(self._rows):
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        del self._ids[row]
        self._server_errors = {k: v for k, v in self._server_errors.items() if k[0] != row}
        self._shift_errors(row, -1)
        self.endRemoveRows()
        self.edited.emit()

    def move_row(self, row: int, delta: int) -> int:
        target = row + delta
        if not (0 <= row < len(self._rows) and 0 <= target < len(self._rows)):
            return row
        destination = target + 1 if delta > 0 else target
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), destination)
        self._rows.insert(target, self._rows.pop(row))
        self._ids.insert(target, self._ids.pop(row))
        self._server_errors = {}
        self.endMoveRows()
        self.edited.emit()
        return target

    def _shift_errors(self, start: int, delta: int) -> None:
        self._server_errors = {
            ((r + delta if r >= start else r), k): v for (r, k), v in self._server_errors.items()
        }

    # --- errors -----------------------------------------------------------------------------------

    def cell_error(self, row: int, column: int) -> str | None:
        spec = self.specs[column]
        text = self._rows[row][column]
        record_id = self._ids[row]
        saved = self._loaded_by_id.get(record_id) if record_id is not None else None
        # A value as saved is not re-judged while typing (an imported value may be 待核实): the
        # service decides on save, and its messages come back as server errors.
        unchanged = saved is not None and column < len(saved) and saved[column] == text
        live = spec.check(text) if spec.check is not None and not unchanged else None
        return live or self._server_errors.get((row, spec.key))

    def errors(self) -> list[tuple[int, str, str]]:
        """(row, field title, message) for every cell in error, in reading order."""
        found = []
        for r in range(len(self._rows)):
            for c, spec in enumerate(self.specs):
                message = self.cell_error(r, c)
                if message:
                    found.append((r, spec.title, message))
        return found

    def set_server_errors(self, errors: dict[tuple[int, str], str]) -> None:
        self._server_errors = dict(errors)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.specs) - 1))

    # --- the model interface ----------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  # Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  # Qt's signature
        return 0 if parent.isValid() else len(self.specs)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.specs[index.column()].boolean:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows) or index.column() >= len(self.specs):
            return None
        spec = self.specs[index.column()]
        text = self._rows[index.row()][index.column()]
        if spec.boolean:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if text else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignCenter)
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.cell_error(index.row(), index.column()) or text or None
        if role == Qt.ItemDataRole.BackgroundRole and self.cell_error(index.row(), index.column()):
            return ERROR_BRUSH
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.row() >= len(self._rows):
            return False
        spec = self.specs[index.column()]
        if spec.boolean and role == Qt.ItemDataRole.CheckStateRole:
            checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2, True)
            text = "1" if checked else ""
        elif not spec.boolean and role == Qt.ItemDataRole.EditRole:
            text = "" if value is None else str(value)
        else:
            return False
        if self._rows[index.row()][index.column()] == text:
            return True
        self._rows[index.row()][index.column()] = text
        self._server_errors.pop((index.row(), spec.key), None)
        self.dataChanged.emit(index, index)
        self.edited.emit()
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.specs[section].title if 0 <= section < len(self.specs) else None
        return str(section + 1)


class ChoiceDelegate(QStyledItemDelegate):
    """An editable combo box for columns that offer choices; a line edit otherwise."""

    def __init__(self, specs: Sequence[FieldSpec], parent: Any = None) -> None:
        super().__init__(parent)
        self._specs = list(specs)
        self._open: tuple[QPersistentModelIndex, QWidget] | None = None

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        spec = self._specs[index.column()]
        if spec.choices:
            combo = QComboBox(parent)
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            combo.addItems(list(spec.choices))
            self._open = (QPersistentModelIndex(index), combo)
            return combo
        editor = super().createEditor(parent, option, index)
        if spec.placeholder and isinstance(editor, QLineEdit):
            # "e.g.": an example never reads as data already entered
            editor.setPlaceholderText(self.tr("e.g. {example}").format(example=spec.placeholder))
            muted_placeholder(editor)
        self._open = (QPersistentModelIndex(index), editor)
        return editor

    def destroyEditor(self, editor: QWidget, index: Index) -> None:
        if self._open is not None and self._open[1] is editor:
            self._open = None
        super().destroyEditor(editor, index)

    def open_editor(self) -> QWidget | None:
        """The editor of the cell being typed in (None when no cell is open)."""
        return self._open[1] if self._open is not None and isValid(self._open[1]) else None

    def open_cell(self) -> tuple[int, int, str] | None:
        """(row, column, text) of the cell being typed in, whose text is not in the model yet."""
        if self._open is None:
            return None
        index, editor = self._open
        if not index.isValid() or not isValid(editor):
            return None
        if isinstance(editor, QComboBox):
            text = editor.currentText().strip()
        elif isinstance(editor, QLineEdit):
            text = editor.text()
        else:
            return None
        return index.row(), index.column(), text

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setEditText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText().strip(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)


class RecordEditor(QWidget):
    """The table with add / remove / move buttons and the list of problems under it."""

    changed = Signal()

    def __init__(self, specs: Sequence[FieldSpec], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.records = RecordRowsModel(specs, self)
        self.table = QTableView(self)
        self.table.setModel(self.records)
        self.delegate = ChoiceDelegate(specs, self.table)
        self.table.setItemDelegate(self.delegate)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        char = self.fontMetrics().horizontalAdvance("汉")
        for column, spec in enumerate(specs):
            if spec.width > 0:
                header.resizeSection(column, spec.width * char + 20)
            else:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

        self.add_button = QPushButton(self.tr("Add"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.up_button = QPushButton(self.tr("Move up"), self)
        self.down_button = QPushButton(self.tr("Move down"), self)
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove_current)
        self.up_button.clicked.connect(weak_slot(self.move_current, -1))
        self.down_button.clicked.connect(weak_slot(self.move_current, 1))
        self.problems = QLabel(self)
        self.problems.setObjectName("recordProblems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #c0392b;")
        self.problems.hide()
        self.notes = QLabel(self)  # warnings that do not block saving (the resume's gaps)
        self.notes.setObjectName("resumeNotes")
        self.notes.setWordWrap(True)
        self.notes.hide()

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.notes)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problems)
        layout.addLayout(buttons)
        self.records.edited.connect(self._edited)
        self.records.modelReset.connect(self._refresh)
        self.table.selectionModel().currentRowChanged.connect(weak_slot(self._update_buttons))
        self._update_buttons()

    def buttons(self) -> tuple[QPushButton, ...]:
        """The buttons that change the list (hidden for an account that may not write)."""
        return (self.add_button, self.remove_button, self.up_button, self.down_button)

    def load(self, rows: Sequence[tuple[int | None, Sequence[str]]]) -> None:
        self.records.load(rows)

    def is_dirty(self) -> bool:
        return self.records.is_dirty()

    def typed_rows(self) -> list[tuple[int | None, tuple[str, ...]]]:
        """The rows as typed, with the text of a cell still being edited (not in the model yet)."""
        rows = self.records.snapshot()
        cell = self.delegate.open_cell()
        if cell is not None and cell[0] < len(rows):
            row, column, text = cell
            record_id, values = rows[row]
            rows[row] = (record_id, (*values[:column], text, *values[column + 1 :]))
        return rows

    def has_typed_input(self) -> bool:
        """Rows that differ from the stored ones, counting a cell still being typed in."""
        return self.typed_rows() != self.records.loaded()

    def add(self) -> None:
        current = self.table.currentIndex()
        row = self.records.add_row(at=current.row() + 1 if current.isValid() else None)
        index = self.records.index(row, next(i for i, s in enumerate(self.records.specs) if not s.boolean))
        self.table.setCurrentIndex(index)
        self.table.edit(index)

    def remove_current(self) -> None:
        current = self.table.currentIndex()
        if current.isValid():
            self.records.remove_row(current.row())

    def move_current(self, delta: int) -> None:
        current = self.table.currentIndex()
        if current.isValid():
            row = self.records.move_row(current.row(), delta)
            self.table.setCurrentIndex(self.records.index(row, current.column()))

    def _edited(self) -> None:
        self._refresh()
        self.changed.emit()

    def _refresh(self) -> None:
        errors = self.records.errors()
        if errors:
            lines = [
                self.tr("Row {row}, {field}: {message}").format(
                    row=r + 1, field=title, message=user_text(message)
                )
                for r, title, message in errors[:6]
            ]
            if len(errors) > 6:
                lines.append(self.tr("… and {count} more").format(count=len(errors) - 6))
            self.problems.setText("\n".join(lines))
        self.problems.setVisible(bool(errors))
        self._update_buttons()

    def show_messages(self, messages: Sequence[str]) -> None:
        """Problems that belong to the whole list (e.g. a year assessed twice)."""
        if messages:
            self.problems.setText("\n".join(user_text(m) for m in messages))
            self.problems.show()

    def _update_buttons(self) -> None:
        current = self.table.currentIndex()
        has = current.isValid()
        self.remove_button.setEnabled(has)
        self.up_button.setEnabled(has and current.row() > 0)
        self.down_button.setEnabled(has and current.row() < self.records.rowCount() - 1)
