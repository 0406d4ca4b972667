"""The tree of units: parents and children in their official order, moved by drag and drop.

The tree never rearranges itself: a drop only says where the unit should go (`move_requested`), the
page asks the service, and the tree is rebuilt from the database.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem, QWidget

from cadre_desk.services.units import UnitCounts, UnitView
from cadre_desk.ui.widgets.codes import code_text

UNIT_ROLE = Qt.ItemDataRole.UserRole + 1
ARCHIVED_COLOUR = QColor("#8a8a8a")
LAST = 1_000_000  # a position past the last sibling


class UnitTree(QTreeWidget):
    """`move_requested(unit_id, parent_id or -1 for the top level, position among the siblings)`."""

    move_requested = Signal(int, int, int)

    NAME, KIND, CADRES, TEAM = range(4)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unitTree")
        self.setColumnCount(4)
        self.setHeaderLabels([self.tr("Unit"), self.tr("Kind"), self.tr("Cadres"), self.tr("Team")])
        self.headerItem().setToolTip(self.TEAM, self.tr("Leadership team: holders / approved posts"))
        self.setUniformRowHeights(True)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setColumnWidth(self.NAME, 300)
        self.setColumnWidth(self.KIND, 90)
        self.setColumnWidth(self.CADRES, 50)
        self._items: dict[int, QTreeWidgetItem] = {}

    # --- filling ---------------------------------------------------------------------------------

    def fill(
        self,
        units: Sequence[UnitView],
        counts: Mapping[int, UnitCounts],
        teams: Mapping[int, tuple[int, int]],
        keep: int | None,
    ) -> None:
        """Rebuild (parents first; a unit whose parent is not listed goes to the top), keep `keep` chosen."""
        expanded = {uid for uid, item in self._items.items() if item.isExpanded()}
        first_fill = not self._items
        blocked = self.blockSignals(True)
        self.clear()
        self._items = {}
        known = {u.id for u in units}
        children: dict[int | None, list[UnitView]] = {}
        for unit in sorted(units, key=lambda u: (u.sort_order, u.id)):
            children.setdefault(unit.parent_id if unit.parent_id in known else None, []).append(unit)

        def add(parent_item: QTreeWidgetItem | None, parent_id: int | None) -> None:
            for unit in children.get(parent_id, []):
                item = QTreeWidgetItem(parent_item) if parent_item is not None else QTreeWidgetItem(self)
                self._describe(item, unit, counts.get(unit.id), teams.get(unit.id))
                self._items[unit.id] = item
                add(item, unit.id)

        add(None, None)
        for uid, item in self._items.items():
            item.setExpanded((first_fill and item.parent() is None) or uid in expanded)
        self.blockSignals(blocked)
        target = self._items.get(keep) if keep is not None else None
        if target is None and self.topLevelItemCount():
            target = self.topLevelItem(0)
        if target is not None:
            self.setCurrentItem(target)
            self.scrollToItem(target)
        else:
            self.currentItemChanged.emit(None, None)

    def _describe(
        self,
        item: QTreeWidgetItem,
        unit: UnitView,
        counts: UnitCounts | None,
        team: tuple[int, int] | None,
    ) -> None:
        name = unit.name if not unit.archived else self.tr("{name} (archived)").format(name=unit.name)
        item.setText(self.NAME, name)
        item.setToolTip(self.NAME, unit.name + (f"（{unit.short_name}）" if unit.short_name else ""))
        item.setText(self.KIND, code_text(unit.kind))
        item.setText(self.CADRES, str(counts.cadres) if counts else "0")
        item.setTextAlignment(self.CADRES, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if team:
            slots, held = team
            item.setText(self.TEAM, f"{held}/{slots}")
            if held < slots:
                item.setToolTip(self.TEAM, self.tr("{count} vacant").format(count=slots - held))
        item.setData(self.NAME, UNIT_ROLE, unit.id)
        flags = item.flags()
        if unit.archived:
            for column in range(self.columnCount()):
                item.setForeground(column, QBrush(ARCHIVED_COLOUR))
            flags &= ~Qt.ItemFlag.ItemIsDragEnabled
            flags &= ~Qt.ItemFlag.ItemIsDropEnabled
        item.setFlags(flags)

    # --- reading ---------------------------------------------------------------------------------

    def item_of(self, unit_id: int) -> QTreeWidgetItem | None:
        return self._items.get(unit_id)

    def current_unit(self) -> int | None:
        item = self.currentItem()
        value = item.data(self.NAME, UNIT_ROLE) if item is not None else None
        return int(value) if isinstance(value, int) else None

    def select_unit(self, unit_id: int) -> bool:
        item = self._items.get(unit_id)
        if item is None:
            return False
        self.setCurrentItem(item)
        self.scrollToItem(item)
        return True

    def visible_names(self) -> list[tuple[int, str]]:
        """(depth, name) of every unit in tree order (tests and screenshots read the tree with it)."""
        out: list[tuple[int, str]] = []

        def walk(item: QTreeWidgetItem | None, depth: int) -> None:
            if item is None:
                return
            out.append((depth, item.text(self.NAME)))
            for i in range(item.childCount()):
                walk(item.child(i), depth + 1)

        for i in range(self.topLevelItemCount()):
            walk(self.topLevelItem(i), 0)
        return out

    # --- moving ----------------------------------------------------------------------------------

    def target_of(
        self,
        dragged: QTreeWidgetItem,
        target: QTreeWidgetItem | None,
        where: QAbstractItemView.DropIndicatorPosition,
    ) -> tuple[int | None, int] | None:
        """(new parent id, position among its live siblings) for a drop of `dragged` at `target`."""
        pos = QAbstractItemView.DropIndicatorPosition
        if target is dragged:
            return None
        if target is None or where == pos.OnViewport:
            return None, LAST
        if where == pos.OnItem:
            return self._id(target), LAST
        parent = target.parent()
        siblings = [
            parent.child(i) if parent is not None else self.topLevelItem(i)
            for i in range(parent.childCount() if parent is not None else self.topLevelItemCount())
        ]
        siblings = [s for s in siblings if s is not dragged]
        index = siblings.index(target) + (1 if where == pos.BelowItem else 0)
        return (self._id(parent) if parent is not None else None), index

    def _id(self, item: QTreeWidgetItem) -> int:
        return int(item.data(self.NAME, UNIT_ROLE))

    def dropEvent(self, event: QDropEvent) -> None:
        dragged = self.currentItem()
        target = self.itemAt(event.position().toPoint())
        where = self.dropIndicatorPosition()
        # The tree is rebuilt from the database after the move: never let Qt move the items itself.
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()
        if dragged is None:
            return
        found = self.target_of(dragged, target, where)
        if found is None:
            return
        parent_id, position = found
        self.move_requested.emit(self._id(dragged), -1 if parent_id is None else parent_id, position)
