"""设置 → 规则: every local rule table registered in `services.rule_tables`, edited in place.

The page knows no table in particular: it lists the registered tables on the left and shows the chosen
one as a grid (the table's columns, then 来源). A cell edit is saved at once through
`rule_tables.update_row` (one audited change); a refused value is put back and the reason shown under
the grid. 新增 (for tables that allow it) asks for every editable column; 停用 / 恢复 switch a row off
and on. Titles, column labels and sources are the department's Chinese texts, shown as stored.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.errors import CadreDeskError, ValidationError
from cadre_desk.services import access
from cadre_desk.services import rule_tables as rt
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.widgets.permits import Act, tag
from cadre_desk.ui.widgets.weak import BackRef

ROW_ID = Qt.ItemDataRole.UserRole + 1
GREY = QColor("#808080")


def _text(column: rt.RuleColumn, value: Any) -> str:
    if column.kind == rt.BOOL:
        return "是" if value else "否"
    if column.kind == rt.FLOAT and isinstance(value, float):
        return f"{value:g}"
    return "" if value is None else str(value)


class ChoiceDelegate(QStyledItemDelegate):
    """A drop-down for the cells of CHOICE and BOOL columns."""

    _page: BackRef[RulesPage] = BackRef()  # held weakly: its Qt parent keeps this object

    def __init__(self, page: RulesPage) -> None:
        super().__init__(page)
        self._page = page

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QWidget:
        column = self._page.column_at(index.column())
        if column is None or column.kind not in (rt.CHOICE, rt.BOOL):
            return super().createEditor(parent, option, index)
        box = QComboBox(parent)
        box.addItems(list(column.choices) if column.kind == rt.CHOICE else ["是", "否"])
        return box

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentText(str(index.data()))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any, index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText())
        else:
            super().setModelData(editor, model, index)


class RulesPage(QWidget):
    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rulesPage")
        self._ctx = ctx
        self._tables = rt.tables()
        self._rows: list[rt.RuleRow] = []
        self._filling = False
        self.editable = access.can(ctx, Permission.SETTINGS)  # only an administrator changes rules

        self.table_list = QListWidget(self)
        self.table_list.setObjectName("ruleTables")
        for t in self._tables:
            self.table_list.addItem(t.title)
        self.table_list.setMaximumWidth(220)
        self.title = QLabel(self)
        self.title.setObjectName("ruleTitle")
        self.title.setStyleSheet("font-weight: bold;")
        self.description = QLabel(self)
        self.description.setWordWrap(True)
        self.grid = QTableWidget(self)
        self.grid.setObjectName("ruleGrid")
        self.grid.setItemDelegate(ChoiceDelegate(self))
        self.grid.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.setWordWrap(False)  # one line a row; the chosen row's source is shown in full below
        self.grid.verticalHeader().setVisible(False)
        self.grid.itemChanged.connect(self._cell_changed)
        self.grid.itemSelectionChanged.connect(self._update_buttons)
        self.source = QLabel(self)
        self.source.setObjectName("ruleSource")
        self.source.setWordWrap(True)
        self.source.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message = QLabel(self)
        self.message.setObjectName("ruleMessage")
        self.message.setWordWrap(True)
        self.add_button = QPushButton(self.tr("&Add…"), self)
        self.add_button.setObjectName("addRule")
        self.add_button.clicked.connect(self.add_row)
        self.archive_button = QPushButton(self.tr("Switch &off"), self)
        self.archive_button.setObjectName("archiveRule")
        self.archive_button.clicked.connect(self.toggle_archived)
        tag(Act.SETTINGS, self.add_button, self.archive_button)  # shown when `editable` (select_table)
        note = QLabel(
            self.tr(
                "Edit a cell to change a rule; each change is saved at once and recorded in the audit "
                "trail. A changed default keeps its source, marked as changed by the department."
            ),
            self,
        )
        if not self.editable:
            note.setText(self.tr("Read only: only an administrator may change the local rules."))
        note.setObjectName("rulesNote")
        note.setWordWrap(True)
        note.setStyleSheet("color: gray;")

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.archive_button)
        buttons.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.title)
        right.addWidget(self.description)
        right.addWidget(self.grid, 1)
        right.addWidget(self.source)
        right.addWidget(self.message)
        right.addLayout(buttons)
        right.addWidget(note)
        layout = QHBoxLayout(self)
        layout.addWidget(self.table_list)
        layout.addLayout(right, 1)
        self.table_list.currentRowChanged.connect(self.show_table)
        if self._tables:
            self.table_list.setCurrentRow(0)
        # An explicit minimum (both ways) stops the layout from pushing size hints to the window system.
        self.setMinimumSize(QSize(760, 360))

    # --- showing ----------------------------------------------------------------------------------

    @property
    def current(self) -> rt.RuleTable | None:
        row = self.table_list.currentRow()
        return self._tables[row] if 0 <= row < len(self._tables) else None

    def column_at(self, index: int) -> rt.RuleColumn | None:
        t = self.current
        return t.columns[index] if t is not None and index < len(t.columns) else None

    def select_table(self, key: str) -> None:
        for n, t in enumerate(self._tables):
            if t.key == key:
                self.table_list.setCurrentRow(n)

    def show_table(self, _row: int = 0) -> None:
        t = self.current
        if t is None:
            return
        self.title.setText(t.title)
        self.description.setText(t.description)
        self.description.setVisible(bool(t.description))
        self.message.clear()
        self.add_button.setVisible(self.editable and t.can_add)
        self.archive_button.setVisible(self.editable and t.archivable)
        self.reload()

    def reload(self) -> None:
        t = self.current
        if t is None:
            return
        self._rows = rt.list_rows(self._ctx, t.key)
        self._filling = True
        try:
            self.grid.clear()
            headers = [c.label for c in t.columns] + [self.tr("Source (来源)")]
            self.grid.setColumnCount(len(headers))
            self.grid.setHorizontalHeaderLabels(headers)
            self.grid.setRowCount(len(self._rows))
            for r, row in enumerate(self._rows):
                for c, column in enumerate(t.columns):
                    item = QTableWidgetItem(_text(column, row.values[column.key]))
                    item.setData(ROW_ID, row.id)
                    flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
                    if self.editable and column.editable and not row.archived:
                        flags |= Qt.ItemFlag.ItemIsEditable
                    item.setFlags(flags)
                    tip = column.help
                    if column.kind == rt.MULTI and column.choices:
                        tip = (tip + "\n" if tip else "") + "可选：" + "、".join(column.choices)
                    if tip:
                        item.setToolTip(tip)
                    if row.archived:
                        item.setForeground(GREY)
                    self.grid.setItem(r, c, item)
                source = QTableWidgetItem(row.source + (self.tr(" (switched off)") if row.archived else ""))
                source.setFlags(Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled)
                source.setToolTip(row.source)
                if row.archived:
                    source.setForeground(GREY)
                self.grid.setItem(r, len(t.columns), source)
            header = self.grid.horizontalHeader()
            for c in range(len(t.columns)):
                header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
            header.setSectionResizeMode(len(t.columns), QHeaderView.ResizeMode.Stretch)
        finally:
            self._filling = False
        self._update_buttons()

    def _selected(self) -> rt.RuleRow | None:
        rows = self.grid.selectionModel().selectedRows() if self.grid.selectionModel() else []
        if not rows:
            return None
        n = rows[0].row()
        return self._rows[n] if n < len(self._rows) else None

    def _update_buttons(self) -> None:
        row = self._selected()
        self.source.setText(self.tr("Source: {source}").format(source=row.source) if row is not None else "")
        self.archive_button.setEnabled(row is not None)
        self.archive_button.setText(
            self.tr("&Restore") if row is not None and row.archived else self.tr("Switch &off")
        )

    def _show_error(self, exc: CadreDeskError) -> None:
        text = "；".join(exc.fields.values()) if isinstance(exc, ValidationError) else str(exc)
        self.message.setStyleSheet("color: #b3261e;")
        self.message.setText(text)

    def _show_done(self, text: str) -> None:
        self.message.setStyleSheet("color: #1b5e20;")
        self.message.setText(text)

    # --- changing ---------------------------------------------------------------------------------

    def _cell_changed(self, item: QTableWidgetItem) -> None:
        t = self.current
        if self._filling or t is None or item.column() >= len(t.columns):
            return
        row = self._rows[item.row()]
        column = t.columns[item.column()]
        if item.text() == _text(column, row.values[column.key]):
            return
        self.save_cell(row, column, item.text())

    def save_cell(self, row: rt.RuleRow, column: rt.RuleColumn, text: str) -> bool:
        t = self.current
        if t is None:
            return False
        try:
            rt.update_row(self._ctx, t.key, row.id, {column.key: text}, row.version)
        except CadreDeskError as exc:
            self.reload()
            self._show_error(exc)
            return False
        self.reload()
        self._show_done(self.tr("Saved: {label}").format(label=column.label))
        return True

    def toggle_archived(self) -> None:
        t, row = self.current, self._selected()
        if t is None or row is None:
            return
        try:
            (rt.restore_row if row.archived else rt.archive_row)(self._ctx, t.key, row.id, row.version)
        except CadreDeskError as exc:
            self._show_error(exc)
            return
        self.reload()

    def add_row(self) -> None:
        t = self.current
        if t is None or not t.can_add:
            return
        values = NewRuleDialog.ask(self, t)
        if values is None:
            return
        try:
            rt.add_row(self._ctx, t.key, values)
        except CadreDeskError as exc:
            self._show_error(exc)
            return
        self.reload()


class NewRuleDialog(QDialog):
    """Every editable column of a table, for 新增."""

    def __init__(self, t: rt.RuleTable, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New rule: {title}").format(title=t.title))
        self.fields: dict[str, QLineEdit | QComboBox] = {}
        form = QFormLayout(self)
        for column in t.columns:
            if not column.editable:
                continue
            widget: QLineEdit | QComboBox
            if column.kind in (rt.CHOICE, rt.BOOL):
                widget = QComboBox(self)
                widget.addItems(list(column.choices) if column.kind == rt.CHOICE else ["是", "否"])
            else:
                widget = QLineEdit(self)
                if column.kind == rt.MULTI and column.choices:
                    widget.setPlaceholderText("、".join(column.choices))
            widget.setObjectName(column.key)
            form.addRow(column.label, widget)
            self.fields[column.key] = widget
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.setMinimumSize(self.sizeHint().expandedTo(QSize(420, 0)))

    def values(self) -> dict[str, str]:
        return {
            key: w.currentText() if isinstance(w, QComboBox) else w.text() for key, w in self.fields.items()
        }

    @classmethod
    def ask(cls, parent: QWidget | None, t: rt.RuleTable) -> dict[str, str] | None:
        dialog = cls(t, parent)
        try:
            return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


class RulesDialog(QDialog):
    """设置 → 规则 as a window of its own."""

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rulesDialog")
        self.setWindowTitle(self.tr("Local rules"))
        self.page = RulesPage(ctx, self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        tag(Act.VIEW, *buttons.buttons())
        layout = QVBoxLayout(self)
        layout.addWidget(self.page, 1)
        layout.addWidget(buttons)
        self.setMinimumSize(QSize(900, 480))

    @classmethod
    def show_rules(cls, parent: QWidget | None, ctx: ServiceContext, key: str | None = None) -> None:
        dialog = cls(ctx, parent)
        if key is not None:
            dialog.page.select_table(key)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()
