"""谈话记录 → 应谈: owed talks grouped by unit or by talker, overdue ones in red with the word 逾期,
and the actions on the chosen one (谈话…, 关联谈话…, 免谈…, 合并…, 闭环, 重新打开) and 回溯…."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.domain.obligations import ObligationState
from cadre_desk.services import obligations
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.talks import obligation_actions as act
from cadre_desk.ui.talks.lookback_dialog import LookbackDialog
from cadre_desk.ui.widgets.codes import code_text
from cadre_desk.ui.widgets.permits import Act, guard
from cadre_desk.ui.widgets.weak import weak_slot

LIMIT = 3000  # a county owes a few hundred talks at a time; the cap only guards the tree
OBLIGATION_ID = Qt.ItemDataRole.UserRole + 1
ALL = "all"
OVERDUE_ONLY = "overdue"


class ObligationsView(QWidget):
    changed = Signal()  # an obligation (or a talk recorded from it) changed
    open_record = Signal(str, int)

    def __init__(
        self, ctx: ServiceContext, today: dt.date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("obligationsView")
        self._ctx = ctx
        self._today = today
        self._rows: dict[int, obligations.ObligationView] = {}
        self.group = QComboBox(self)
        self.group.setObjectName("obligationGroup")
        self.group.addItem(self.tr("By unit"), "unit")
        self.group.addItem(self.tr("By talker"), "talker")
        self.state = QComboBox(self)
        self.state.setObjectName("obligationState")
        self.state.addItem(self.tr("Owed (待谈)"), ObligationState.PENDING.value)
        self.state.addItem(self.tr("Overdue only"), OVERDUE_ONLY)
        for s in (
            ObligationState.TALKED,
            ObligationState.CLOSED,
            ObligationState.WAIVED,
            ObligationState.MERGED,
        ):
            self.state.addItem(code_text(s.value), s.value)
        self.state.addItem(self.tr("All states"), ALL)
        self.count = QLabel(self)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("obligationTree")
        self.tree.setHeaderLabels(
            [
                self.tr("Cadre"),
                self.tr("Rule"),
                self.tr("Event"),
                self.tr("Event date"),
                self.tr("Due"),
                self.tr("State"),
                self.tr("Talker"),
            ]
        )
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        char = self.fontMetrics().horizontalAdvance("汉")
        for column, chars in ((0, 10), (1, 4), (2, 22), (3, 6), (4, 6), (5, 7), (6, 9)):
            header.resizeSection(column, chars * char + 16)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.tree.itemDoubleClicked.connect(weak_slot(self._run, act.record_talk))

        self.buttons: dict[str, QPushButton] = {}
        actions: tuple[tuple[str, str, Callable[..., bool]], ...] = (
            ("talk", self.tr("&Talk…"), act.record_talk),
            ("link", self.tr("&Link a talk…"), act.link_talk),
            ("waive", self.tr("No talk &needed…"), act.waive),
            ("merge", self.tr("&Merge…"), act.merge),
            ("close", self.tr("&Close the loop"), act.close),
            ("reopen", self.tr("Re&open"), act.reopen),
        )
        row = QHBoxLayout()
        for key, text, action in actions:
            button = QPushButton(text, self)
            button.setObjectName(f"obligation_{key}")
            button.clicked.connect(weak_slot(self._run, action))
            row.addWidget(button)
            self.buttons[key] = button
        self.buttons["talk"].setToolTip(self.tr("Record the talk: the editor opens filled in for this cadre"))
        self.buttons["close"].setToolTip(self.tr("The talk's follow-ups are all done"))
        row.addStretch(1)
        self.lookback_button = QPushButton(self.tr("Look &back…"), self)
        self.lookback_button.setObjectName("lookback")
        self.lookback_button.setToolTip(self.tr("Events of a past period that no talk answered (回溯)"))
        self.lookback_button.clicked.connect(self.look_back)
        row.addWidget(self.lookback_button)
        self.writable = guard(ctx, Act.WRITE, *self.buttons.values(), self.lookback_button)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Group:"), self))
        top.addWidget(self.group)
        top.addWidget(QLabel(self.tr("State:"), self))
        top.addWidget(self.state)
        top.addStretch(1)
        top.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addLayout(row)
        self.group.currentIndexChanged.connect(weak_slot(self.refresh))
        self.state.currentIndexChanged.connect(weak_slot(self.refresh))
        self._update_buttons()

    def _fetch(self) -> list[obligations.ObligationView]:
        state = self.state.currentData()
        return obligations.list_obligations(
            self._ctx,
            states=None if state in (ALL, OVERDUE_ONLY) else [state],
            overdue_only=state == OVERDUE_ONLY,
            today=self._today,
            limit=LIMIT,
        )

    def refresh(self) -> None:
        keep = self.selected()
        rows = self._fetch()
        self._rows = {r.id: r for r in rows}
        by_talker = self.group.currentData() == "talker"
        groups: dict[str, list[obligations.ObligationView]] = {}
        for r in rows:
            key = (r.talker or self.tr("(no talker)")) if by_talker else (r.unit_name or self.tr("(no unit)"))
            groups.setdefault(key, []).append(r)
        self.tree.setUpdatesEnabled(False)
        self.tree.clear()
        chosen: QTreeWidgetItem | None = None
        for name in sorted(groups):
            members = groups[name]
            late = sum(r.overdue for r in members)
            label = (
                self.tr("{name} ({count}, {late} overdue)").format(name=name, count=len(members), late=late)
                if late
                else self.tr("{name} ({count})").format(name=name, count=len(members))
            )
            parent = QTreeWidgetItem(self.tree, [label])
            parent.setFirstColumnSpanned(True)
            if late:
                parent.setForeground(0, act.OVERDUE)
            for r in members:
                item = QTreeWidgetItem(
                    parent,
                    [
                        r.cadre_name,
                        r.rule,
                        r.event,
                        f"{r.event_date:%Y.%m.%d}",
                        f"{r.due_date:%Y.%m.%d}",
                        act.state_text(r),
                        r.talker,
                    ],
                )
                item.setData(0, OBLIGATION_ID, r.id)
                item.setToolTip(2, r.event + (f"\n{r.reason}" if r.reason else ""))
                if r.overdue:
                    for column in range(7):
                        item.setForeground(column, act.OVERDUE)
                if r.id == keep:
                    chosen = item
            parent.setExpanded(True)
        self.tree.setUpdatesEnabled(True)
        late_total = sum(r.overdue for r in rows)
        self.count.setText(self.tr("{count} shown, {late} overdue").format(count=len(rows), late=late_total))
        if chosen is not None:
            self.tree.setCurrentItem(chosen)
        self._update_buttons()

    def selected(self) -> int | None:
        item = self.tree.currentItem()
        value = item.data(0, OBLIGATION_ID) if item is not None else None
        return int(value) if isinstance(value, int) else None

    def select(self, obligation_id: int) -> bool:
        for n in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(n)
            for m in range(group.childCount() if group is not None else 0):
                item = group.child(m) if group is not None else None
                if item is not None and item.data(0, OBLIGATION_ID) == obligation_id:
                    self.tree.setCurrentItem(item)
                    return True
        return False

    def _current(self) -> obligations.ObligationView | None:
        chosen = self.selected()
        return self._rows.get(chosen) if chosen is not None else None

    def _update_buttons(self) -> None:
        for key, on in act.enabled_actions(self._current()).items():
            self.buttons[key].setEnabled(on)

    def _run(self, action: Callable[..., bool]) -> None:
        view = self._current()
        if (
            view is None
            or not self.writable
            or (action is act.record_talk and view.state != ObligationState.PENDING)
        ):
            return
        if action(self, self._ctx, view):
            self.refresh()
            self.changed.emit()

    def look_back(self) -> None:
        if LookbackDialog.ask(self, self._ctx):
            self.refresh()
            self.changed.emit()
