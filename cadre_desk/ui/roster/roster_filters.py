"""The roster's collapsible panel of structured filters: unit tree, rank, gender, age, education, party.

The panel only builds a `RosterCriteria` and announces it; the roster's proxy does the filtering.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSpinBox,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.domain import vocab
from cadre_desk.services.units import UnitView
from cadre_desk.ui.roster.roster_model import RosterCriteria
from cadre_desk.ui.widgets.weak import weak_slot

UNIT_ROLE = Qt.ItemDataRole.UserRole + 1
MAX_AGE = 80


class ChoiceButton(QToolButton):
    """A button with a menu of checkable values; shows how many are chosen."""

    changed = Signal()

    def __init__(self, values: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        menu = QMenu(self)
        for value in values:
            action = menu.addAction(value)
            action.setCheckable(True)
            action.toggled.connect(self._toggled)
        self.setMenu(menu)
        self._refresh()

    def chosen(self) -> frozenset[str]:
        return frozenset(a.text() for a in self.menu().actions() if a.isChecked())

    def set_chosen(self, values: frozenset[str]) -> None:
        for action in self.menu().actions():
            blocked = action.blockSignals(True)
            action.setChecked(action.text() in values)
            action.blockSignals(blocked)
        self._refresh()
        self.changed.emit()

    def _toggled(self, _checked: bool) -> None:
        self._refresh()
        self.changed.emit()

    def _refresh(self) -> None:
        chosen = sorted(self.chosen(), key=[a.text() for a in self.menu().actions()].index)
        if not chosen:
            self.setText(self.tr("Any"))
        elif len(chosen) <= 2:
            self.setText("、".join(chosen))
        else:
            self.setText(self.tr("{count} chosen").format(count=len(chosen)))
        self.setToolTip("、".join(chosen))


class RosterFilterPanel(QWidget):
    """Emits `criteria_changed(RosterCriteria)` whenever a control changes."""

    criteria_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rosterFilterPanel")
        self._updating = False
        self.units = QTreeWidget(self)
        self.units.setObjectName("unitTree")
        self.units.setHeaderHidden(True)
        self.units.setMinimumHeight(120)
        self.units.currentItemChanged.connect(weak_slot(self._changed))

        self.ranks = ChoiceButton(vocab.RANKS, self)
        self.educations = ChoiceButton(vocab.EDUCATIONS, self)
        self.political = ChoiceButton(vocab.POLITICAL_STATUSES, self)
        self.gender = QComboBox(self)
        self.gender.addItem(self.tr("Any"), "")
        for value in vocab.Gender:
            self.gender.addItem(str(value), str(value))
        self.age_min = QSpinBox(self)
        self.age_max = QSpinBox(self)
        for box in (self.age_min, self.age_max):
            box.setRange(0, MAX_AGE)
            box.setSpecialValueText(self.tr("Any"))
            box.valueChanged.connect(weak_slot(self._changed))
        for button in (self.ranks, self.educations, self.political):
            button.changed.connect(self._changed)
            button.setSizePolicy(self.gender.sizePolicy())
        self.gender.currentIndexChanged.connect(weak_slot(self._changed))
        self.clear_button = QPushButton(self.tr("Clear filters"), self)
        self.clear_button.clicked.connect(self.clear)

        ages = QHBoxLayout()
        ages.setContentsMargins(0, 0, 0, 0)
        ages.addWidget(self.age_min, 1)
        ages.addWidget(QLabel("–", self))
        ages.addWidget(self.age_max, 1)
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Rank"), self.ranks)
        form.addRow(self.tr("Gender"), self.gender)
        form.addRow(self.tr("Age"), ages)
        form.addRow(self.tr("Education"), self.educations)
        form.addRow(self.tr("Political status"), self.political)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.addWidget(QLabel(self.tr("Unit"), self))
        layout.addWidget(self.units, 1)
        layout.addLayout(form)
        layout.addWidget(self.clear_button)

    def set_units(self, units: Sequence[UnitView]) -> None:
        """Rebuild the unit tree (keeping the chosen unit if it still exists)."""
        keep = self._current_unit()
        self._updating = True
        self.units.clear()
        everything = QTreeWidgetItem(self.units, [self.tr("All units")])
        everything.setData(0, UNIT_ROLE, None)
        items: dict[int, QTreeWidgetItem] = {}
        known = {u.id for u in units}
        pending = sorted(units, key=lambda u: (u.sort_order, u.id))
        # Parents before children; a unit whose parent never appears (a cycle) goes to the top.
        while pending:
            rest: list[UnitView] = []
            for unit in pending:
                parent_id = unit.parent_id if unit.parent_id in known else None
                if parent_id is not None and parent_id not in items:
                    rest.append(unit)
                    continue
                self._add_unit(items, everything if parent_id is None else items[parent_id], unit)
            if len(rest) == len(pending):
                self._add_unit(items, everything, rest.pop(0))
            pending = rest
        everything.setExpanded(True)
        self.units.setCurrentItem(items.get(keep, everything) if keep is not None else everything)
        self._updating = False

    @staticmethod
    def _add_unit(items: dict[int, QTreeWidgetItem], parent: QTreeWidgetItem, unit: UnitView) -> None:
        item = QTreeWidgetItem(parent, [unit.short_name or unit.name])
        item.setToolTip(0, unit.name)
        item.setData(0, UNIT_ROLE, unit.id)
        items[unit.id] = item

    def _current_unit(self) -> int | None:
        item = self.units.currentItem()
        value = item.data(0, UNIT_ROLE) if item is not None else None
        return value if isinstance(value, int) else None

    def _unit_ids(self) -> frozenset[int] | None:
        item = self.units.currentItem()
        if item is None or not isinstance(item.data(0, UNIT_ROLE), int):
            return None
        ids: set[int] = set()
        stack = [item]
        while stack:
            node = stack.pop()
            ids.add(int(node.data(0, UNIT_ROLE)))
            stack.extend(child for i in range(node.childCount()) if (child := node.child(i)) is not None)
        return frozenset(ids)

    def criteria(self) -> RosterCriteria:
        gender = self.gender.currentData()
        return RosterCriteria(
            unit_ids=self._unit_ids(),
            ranks=self.ranks.chosen(),
            genders=frozenset({gender}) if gender else frozenset(),
            educations=self.educations.chosen(),
            political_statuses=self.political.chosen(),
            age_min=self.age_min.value() or None,
            age_max=self.age_max.value() or None,
        )

    def clear(self) -> None:
        self._updating = True
        top = self.units.topLevelItem(0)
        if top is not None:
            self.units.setCurrentItem(top)
        for button in (self.ranks, self.educations, self.political):
            button.set_chosen(frozenset())
        self.gender.setCurrentIndex(0)
        self.age_min.setValue(0)
        self.age_max.setValue(0)
        self._updating = False
        self._changed()

    def _changed(self) -> None:
        if not self._updating:
            self.criteria_changed.emit(self.criteria())
