"""单位 page: the unit tree (drag and drop or Up / Down to reorder and re-parent), the chosen unit's
details (name, short name, kind, parent), merge, archive and restore, and its leadership team (班子).

A new unit is typed into the same details form ("New unit" empties it); Save creates or saves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.domain.vocab import UNIT_KINDS
from cadre_desk.errors import CadreDeskError, ValidationError
from cadre_desk.services import teams, units
from cadre_desk.services.changes import Changes
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.shell.page import Page
from cadre_desk.ui.units.merge_dialog import MergeDialog
from cadre_desk.ui.units.team_panel import TeamPanel
from cadre_desk.ui.units.unit_tree import UnitTree
from cadre_desk.ui.widgets import confirm
from cadre_desk.ui.widgets.codes import code_text
from cadre_desk.ui.widgets.form_errors import ERROR_STYLE, FieldMessages, error_label, with_error
from cadre_desk.ui.widgets.guarded_dialog import DiscardQuestion
from cadre_desk.ui.widgets.messages import joined, user_text
from cadre_desk.ui.widgets.permits import Act, guard, make_read_only
from cadre_desk.ui.widgets.weak import weak_slot

NOTICE_STYLE = "color: #1b5e20;"


class UnitsPage(Page):
    """Emits `records_changed` after every saved change (the roster's unit tree and unit boxes reload)."""

    record_kinds = frozenset({"unit"})

    def __init__(
        self, ctx: ServiceContext, today: dt.date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("unitsPage")
        self._ctx = ctx
        self._units: dict[int, units.UnitView] = {}
        self._counts: dict[int, units.UnitCounts] = {}
        self._creating = False  # True while the details form holds a new unit
        self._loaded: tuple[str, str, str, int | None] = ("", "", "", None)

        self.tree = UnitTree(self)
        self.tree.currentItemChanged.connect(weak_slot(self._current_changed))
        self.tree.move_requested.connect(self._move_requested)
        self.show_archived = QCheckBox(self.tr("Show archived"), self)
        self.show_archived.setObjectName("showArchivedUnits")
        self.show_archived.toggled.connect(weak_slot(self.refresh))

        def button(text: str, name: str, slot: Callable[..., object], *args: object) -> QPushButton:
            b = QPushButton(text, self)
            b.setObjectName(name)
            b.clicked.connect(weak_slot(slot, *args))  # slot(*args)
            return b

        self.new_button = button(self.tr("New unit"), "newUnit", self.start_new, False)
        self.new_child_button = button(self.tr("New sub-unit"), "newSubUnit", self.start_new, True)
        self.up_button = button(self.tr("Up"), "unitUp", self.shift, -1)
        self.down_button = button(self.tr("Down"), "unitDown", self.shift, 1)
        self.merge_button = button(self.tr("Merge into…"), "mergeUnit", self.merge)
        self.archive_button = button(self.tr("Archive"), "archiveUnit", self.archive)
        self.restore_button = button(self.tr("Restore"), "restoreUnit", self.restore)
        self.up_button.setToolTip(self.tr("Move up among its siblings (or drag it in the tree)"))
        self.down_button.setToolTip(self.tr("Move down among its siblings (or drag it in the tree)"))

        # details
        self.heading = QLabel(self)
        self.heading.setObjectName("unitHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.heading.setFont(font)
        self.name = QLineEdit(self)
        self.name.setObjectName("unitName")
        self.short_name = QLineEdit(self)
        self.short_name.setObjectName("unitShortName")
        self.kind = QComboBox(self)
        self.kind.setObjectName("unitKind")
        self.kind.addItem(self.tr("(not set)"), "")
        for kind in UNIT_KINDS:
            self.kind.addItem(code_text(kind), str(kind))
        self.parent_box = QComboBox(self)
        self.parent_box.setObjectName("unitParent")
        for editor in (self.name, self.short_name):
            editor.textChanged.connect(weak_slot(self._update_buttons))
        for combo in (self.kind, self.parent_box):
            combo.currentIndexChanged.connect(weak_slot(self._update_buttons))
        self.general = error_label(self)
        labels = {key: error_label(self) for key in ("name", "short_name", "kind", "parent_id")}
        self.messages = FieldMessages(self.general, labels)
        self.notice = QLabel(self)
        self.notice.setObjectName("unitNotice")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.save_button = button(self.tr("Save"), "saveUnit", self.save)
        self.revert_button = button(self.tr("Revert"), "revertUnit", self.revert)
        form = QFormLayout()
        form.addRow(self.tr("Name:"), with_error(self.name, labels["name"]))
        form.addRow(self.tr("Short name:"), with_error(self.short_name, labels["short_name"]))
        form.addRow(self.tr("Kind:"), with_error(self.kind, labels["kind"]))
        form.addRow(self.tr("Parent unit:"), with_error(self.parent_box, labels["parent_id"]))
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_button)
        save_row.addWidget(self.revert_button)
        save_row.addStretch(1)
        details = QGroupBox(self.tr("Unit"), self)
        details_layout = QVBoxLayout(details)
        details_layout.addWidget(self.heading)
        details_layout.addWidget(self.general)
        details_layout.addLayout(form)
        details_layout.addLayout(save_row)
        writable = guard(
            ctx,
            Act.WRITE,
            self.new_button,
            self.new_child_button,
            self.up_button,
            self.down_button,
            self.merge_button,
            self.archive_button,
            self.restore_button,
            self.save_button,
            self.revert_button,
        )
        if not writable:  # a 领导查阅 reads the units: the details show, nothing takes input
            make_read_only(self.name, self.short_name, self.kind, self.parent_box)
            self.tree.setDragEnabled(False)
        self.team_panel = TeamPanel(ctx, today, self)
        self.team_panel.changed.connect(self._team_changed)
        team_box = QGroupBox(self.tr("Leadership team (班子)"), self)
        team_layout = QVBoxLayout(team_box)
        team_layout.addWidget(self.team_panel)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        actions = QHBoxLayout()
        for b in (self.new_button, self.new_child_button, self.up_button, self.down_button):
            actions.addWidget(b)
        actions.addStretch(1)
        more = QHBoxLayout()
        for b in (self.merge_button, self.archive_button, self.restore_button):
            more.addWidget(b)
        more.addStretch(1)
        more.addWidget(self.show_archived)
        left_layout.addLayout(actions)
        left_layout.addWidget(self.tree, 1)
        left_layout.addLayout(more)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(details)
        right_layout.addWidget(self.notice)
        right_layout.addWidget(team_box, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

    # --- loading ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Fetch the units again (called each time the page is shown), keeping the chosen one."""
        keep = self.tree.current_unit()
        rows = units.list_units(self._ctx, include_archived=self.show_archived.isChecked())
        self._units = {u.id: u for u in units.list_units(self._ctx, include_archived=True)}
        self._counts = units.unit_counts(self._ctx)
        self.tree.fill(rows, self._counts, teams.team_fill(self._ctx), keep)
        if not rows:
            self._current_changed()

    def show_record(self, kind: str, record_id: int) -> bool:
        if kind != "unit":
            return False
        unit = self._units.get(record_id)
        if unit is not None and unit.archived and not self.show_archived.isChecked():
            self.show_archived.setChecked(True)
        return self.tree.select_unit(record_id)

    def select_unit(self, name: str) -> bool:
        found = next((u for u in self._units.values() if u.name == name), None)
        return found is not None and self.tree.select_unit(found.id)

    def current(self) -> units.UnitView | None:
        unit_id = self.tree.current_unit()
        return self._units.get(unit_id) if unit_id is not None else None

    def _current_changed(self) -> None:
        self._creating = False
        self.messages.clear()
        unit = self.current()
        self._fill_parents(unit)
        if unit is None:
            self.heading.setText(self.tr("No units yet: create the first one with “New unit”."))
            self._set_fields("", "", "", None)
        else:
            self.heading.setText(unit.name + (self.tr(" (archived)") if unit.archived else ""))
            self._set_fields(unit.name, unit.short_name, unit.kind, unit.parent_id)
        self.team_panel.show_unit(unit.id if unit else None, editable=unit is not None and not unit.archived)
        self._update_buttons()

    def _fill_parents(self, unit: units.UnitView | None) -> None:
        """Every live unit but this one and its sub-units (a unit cannot move under itself)."""
        excluded: set[int] = set()
        if unit is not None:
            excluded.add(unit.id)
            grew = True
            while grew:
                more = {u.id for u in self._units.values() if u.parent_id in excluded} - excluded
                excluded |= more
                grew = bool(more)
        blocked = self.parent_box.blockSignals(True)
        self.parent_box.clear()
        self.parent_box.addItem(self.tr("(top level)"), None)
        for u in sorted(self._units.values(), key=lambda u: (u.sort_order, u.id)):
            if u.id not in excluded and (not u.archived or (unit is not None and u.id == unit.parent_id)):
                self.parent_box.addItem(u.name, u.id)
        self.parent_box.blockSignals(blocked)

    def _set_fields(self, name: str, short: str, kind: str, parent_id: int | None) -> None:
        for w in (self.name, self.short_name, self.kind, self.parent_box):
            w.blockSignals(True)
        self.name.setText(name)
        self.short_name.setText(short)
        index = self.kind.findData(kind)
        if index < 0 and kind:
            self.kind.addItem(kind, kind)  # a stored value outside the list stays visible
            index = self.kind.count() - 1
        self.kind.setCurrentIndex(max(0, index))
        self.parent_box.setCurrentIndex(max(0, self.parent_box.findData(parent_id)) if parent_id else 0)
        for w in (self.name, self.short_name, self.kind, self.parent_box):
            w.blockSignals(False)
        self._loaded = self._fields()

    def _fields(self) -> tuple[str, str, str, int | None]:
        data = self.parent_box.currentData()
        return (
            self.name.text(),
            self.short_name.text(),
            str(self.kind.currentData() or ""),
            int(data) if isinstance(data, int) else None,
        )

    def is_dirty(self) -> bool:
        return self._creating or self._fields() != self._loaded

    def _update_buttons(self) -> None:
        unit = self.current()
        live = unit is not None and not unit.archived
        creating = self._creating
        for w in (self.name, self.short_name, self.kind, self.parent_box):
            w.setEnabled(creating or live)
        self.save_button.setEnabled(creating or (live and self._fields() != self._loaded))
        self.revert_button.setEnabled(self.is_dirty())
        self.new_child_button.setEnabled(live and not creating)
        self.up_button.setEnabled(live and not creating)
        self.down_button.setEnabled(live and not creating)
        self.merge_button.setEnabled(live and not creating)
        self.archive_button.setEnabled(live and not creating)
        self.restore_button.setEnabled(unit is not None and unit.archived and not creating)

    def can_leave(self) -> bool:
        """Asked before the page is left: unsaved details may be discarded."""
        if not self.is_dirty():
            return True
        if DiscardQuestion.ask(self, self.tr("The unit's changes are not saved. Discard them?")):
            self.revert()
            return True
        return False

    # --- notices ---------------------------------------------------------------------------------

    def _notify(self, text: str, error: bool = False) -> None:
        self.notice.setStyleSheet(ERROR_STYLE if error else NOTICE_STYLE)
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def _changed(self, select: int | None, text: str = "", cadres: bool = False) -> None:
        """After a saved change: the tree again, and the window told (`cadres`: cadres' units changed)."""
        self.refresh()
        if select is not None:
            self.tree.select_unit(select)
        self._notify(text)
        self.records_changed.emit(Changes(units=True, cadres=cadres))

    def _team_changed(self) -> None:
        """The tree shows the new fill of the team; the chosen unit (and the panel's message) stay."""
        blocked = self.tree.blockSignals(True)
        try:
            self.tree.fill(
                units.list_units(self._ctx, include_archived=self.show_archived.isChecked()),
                self._counts,
                teams.team_fill(self._ctx),
                self.tree.current_unit(),
            )
        finally:
            self.tree.blockSignals(blocked)
        self.records_changed.emit(Changes(units=True))

    def _failed(self, exc: CadreDeskError) -> None:
        if isinstance(exc, ValidationError):
            self._notify(joined(exc.fields), error=True)
        else:
            self._notify(str(exc), error=True)

    # --- actions ---------------------------------------------------------------------------------

    def start_new(self, child: bool) -> None:
        """Empty the details form for a new unit: a sub-unit of the chosen one, or its sibling."""
        unit = self.current()
        parent_id = (unit.id if child else unit.parent_id) if unit is not None and not unit.archived else None
        self._fill_parents(None)
        self._set_fields("", "", "", parent_id)
        self._loaded = ("", "", "", None)
        self._creating = True
        self.heading.setText(self.tr("New unit"))
        self.messages.clear()
        self._notify("")
        self.team_panel.show_unit(None)
        self._update_buttons()
        self.name.setFocus()

    def save(self) -> bool:
        name, short, kind, parent_id = self._fields()
        data = units.UnitInput(name=name, short_name=short, kind=kind, parent_id=parent_id)
        unit = self.current()
        try:
            if self._creating:
                view = units.create_unit(self._ctx, data)
                text = self.tr("Unit “{name}” created.").format(name=view.name)
            elif unit is not None:
                view = units.update_unit(self._ctx, unit.id, data, unit.version)
                text = self.tr("Saved.")
            else:
                return False
        except ValidationError as exc:
            self.messages.show(exc.fields)
            return False
        except CadreDeskError as exc:
            self._failed(exc)
            return False
        self.messages.clear()
        renamed = unit is not None and not self._creating and unit.name != view.name
        self._creating = False
        self._changed(view.id, text, cadres=renamed)
        self._current_changed()
        return True

    def revert(self) -> None:
        self._current_changed()

    def shift(self, offset: int) -> None:
        """Up (−1) or down (+1) among the live siblings."""
        unit = self.current()
        if unit is None or unit.archived:
            return
        siblings = sorted(
            (u for u in self._units.values() if u.parent_id == unit.parent_id and not u.archived),
            key=lambda u: (u.sort_order, u.id),
        )
        index = [u.id for u in siblings].index(unit.id)
        target = index + offset
        if not 0 <= target < len(siblings):
            return
        self.move_unit(unit.id, unit.parent_id, target)

    def _move_requested(self, unit_id: int, parent_id: int, position: int) -> None:
        self.move_unit(unit_id, None if parent_id < 0 else parent_id, position)

    def move_unit(self, unit_id: int, parent_id: int | None, position: int) -> bool:
        unit = self._units.get(unit_id)
        if unit is None:
            return False
        try:
            units.move_unit(self._ctx, unit_id, parent_id, position, unit.version)
        except CadreDeskError as exc:
            self.refresh()
            self._failed(exc)
            return False
        if parent_id is not None:
            item = self.tree.item_of(parent_id)
            if item is not None:
                item.setExpanded(True)
        self._changed(unit_id)
        return True

    def merge(self) -> None:
        unit = self.current()
        if unit is None or unit.archived:
            return
        counts = self._counts.get(unit.id, units.UnitCounts(0, 0, 0))
        survivor = MergeDialog.ask(self, unit, list(self._units.values()), counts)
        if survivor is None:
            return
        target = self._units[survivor]
        try:
            result = units.merge_units(self._ctx, unit.id, survivor, unit.version, target.version)
        except CadreDeskError as exc:
            self._failed(exc)
            return
        text = self.tr(
            "“{absorbed}” merged into “{survivor}” (moved: cadres {cadres}, posts {posts}, "
            "sub-units {children})."
        ).format(
            absorbed=result.absorbed.name,
            survivor=result.survivor.name,
            cadres=result.cadres,
            posts=result.posts,
            children=result.children,
        )
        if result.warnings:
            text += "\n" + "\n".join(user_text(w) for w in result.warnings)
        self._changed(survivor, text, cadres=result.cadres > 0)

    def archive(self) -> None:
        unit = self.current()
        if unit is None or unit.archived:
            return
        if not confirm.confirmed(
            self,
            self.tr("Archive unit"),
            self.tr("Archive “{name}”? It can be restored later (Show archived, then Restore).").format(
                name=unit.name
            ),
        ):
            return
        try:
            units.archive_unit(self._ctx, unit.id, unit.version)
        except CadreDeskError as exc:
            self._failed(exc)
            return
        self._changed(
            unit.parent_id if not self.show_archived.isChecked() else unit.id,
            self.tr("“{name}” archived.").format(name=unit.name),
        )

    def restore(self) -> None:
        unit = self.current()
        if unit is None or not unit.archived:
            return
        try:
            units.restore_unit(self._ctx, unit.id, unit.version)
        except CadreDeskError as exc:
            self._failed(exc)
            return
        self._changed(unit.id, self.tr("“{name}” restored.").format(name=unit.name))

    # --- Ctrl+N / Ctrl+S ---------------------------------------------------------------------------

    def new_record(self) -> bool:
        self.start_new(child=False)
        return True

    def save_record(self) -> bool:
        return self.is_dirty() and self.save()
