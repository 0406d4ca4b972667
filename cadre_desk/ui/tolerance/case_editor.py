"""The 容错 case editor: the register entry, the assessment against the county's 情形 with the
三个区分开来 analysis, the ruling, correction measures, follow-up visits, feedback and result use.

A `GuardedDialog`: Esc, Cancel and closing ask before discarding typed text.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.domain.tolerance import ANALYSIS_POINTS, THREE_DISTINCTIONS, Origin, Ruling
from cadre_desk.domain.yearmonth import format_date
from cadre_desk.services import tolerance, tolerance_editing, tolerance_rules, units
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.widgets.cadre_picker import CadrePicker
from cadre_desk.ui.widgets.codes import code_text
from cadre_desk.ui.widgets.form_errors import (
    FieldMessages,
    dialog_buttons,
    error_label,
    save_or_explain,
    with_error,
)
from cadre_desk.ui.widgets.guarded_dialog import GuardedDialog
from cadre_desk.ui.widgets.weak import weak_slot

ROW_ID = Qt.ItemDataRole.UserRole + 1


def _rows_table(parent: QWidget, headers: list[str], widths: tuple[int, ...]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    header = table.horizontalHeader()
    char = table.fontMetrics().horizontalAdvance("汉")
    for column, chars in enumerate(widths):
        if chars:
            header.resizeSection(column, chars * char + 16)
        else:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    table.setMinimumHeight(130)
    return table


class CaseEditor(GuardedDialog):
    def __init__(
        self,
        ctx: ServiceContext,
        current: tolerance.CaseView | None = None,
        cadre: tuple[int, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("toleranceCaseEditor")
        self._ctx = ctx
        self._current = current
        self.result_view: tolerance.CaseView | None = None
        self.setWindowTitle(
            self.tr("Fault-tolerance case %1").replace("%1", current.number)
            if current
            else self.tr("New fault-tolerance case")
        )
        self.resize(900, 660)

        # --- the register entry
        self.number = QLineEdit(self)
        self.number.setPlaceholderText(self.tr("Blank: the next number of the year"))
        self.cadre = CadrePicker(ctx, self)
        self.unit = QComboBox(self)
        self.unit.addItem(self.tr("(none)"), None)
        for u in units.list_units(ctx):
            self.unit.addItem(u.name, u.id)
        self.matter = QLineEdit(self)
        self.facts = QPlainTextEdit(self)
        self.facts.setMinimumHeight(90)
        self.matter_start = QLineEdit(self)
        self.matter_end = QLineEdit(self)
        for date_edit in (self.matter_start, self.matter_end):
            date_edit.setPlaceholderText(self.tr("e.g. 2025.03.10"))
            date_edit.setMaximumWidth(160)
        self.origin = QComboBox(self)
        self.origin.addItem(self.tr("Choose how the case came"), "")
        for origin in Origin:
            self.origin.addItem(code_text(origin.value), origin.value)
        self.received_by = QLineEdit(self)
        self.received_on = QLineEdit(self)
        self.received_on.setMaximumWidth(160)

        # --- assessment
        self.rule_boxes: list[QCheckBox] = []
        self._archived_rules: dict[int, str] = {}
        for rule in tolerance_rules.list_rules(ctx, archived=True):
            if rule.archived and (current is None or rule.id not in current.rule_ids):
                continue
            box = QCheckBox(rule.text, self)
            box.setProperty("rule_id", rule.id)
            box.setToolTip(self.tr("Source: %1").replace("%1", rule.source))
            self.rule_boxes.append(box)
        self.analysis: dict[str, QPlainTextEdit] = {}
        for name, _label in ANALYSIS_POINTS:
            edit = QPlainTextEdit(self)
            edit.setObjectName(f"analysis_{name}")
            edit.setMinimumHeight(56)
            edit.setMaximumHeight(110)  # five of them: the tab stays readable without endless scrolling
            self.analysis[name] = edit

        # --- ruling
        self.ruling = QComboBox(self)
        self.ruling.addItem(self.tr("(not ruled yet)"), "")
        for ruling in Ruling:
            self.ruling.addItem(code_text(ruling.value), ruling.value)
        self.ruling_body = QLineEdit(self)
        self.ruling_date = QLineEdit(self)
        self.ruling_date.setMaximumWidth(160)
        self.ruling_number = QLineEdit(self)
        self.ruling_text = QPlainTextEdit(self)
        self.ruling_text.setMinimumHeight(70)

        # --- after the ruling
        self.measures = _rows_table(
            self,
            [self.tr("Measure"), self.tr("Owner"), self.tr("Deadline"), self.tr("Done on")],
            (0, 7, 7, 7),
        )
        self.visits = _rows_table(
            self, [self.tr("Visit date"), self.tr("Visitor"), self.tr("Notes")], (7, 9, 0)
        )
        self.feedback = QPlainTextEdit(self)
        self.result_use = QPlainTextEdit(self)
        for text_edit in (self.feedback, self.result_use):
            text_edit.setMinimumHeight(56)

        names = (
            "number",
            "cadre_id",
            "unit_id",
            "matter",
            "facts",
            "matter_start",
            "matter_end",
            "origin",
            "received_by",
            "received_on",
            "rule_ids",
            *(n for n, _ in ANALYSIS_POINTS),
            "ruling",
            "ruling_body",
            "ruling_date",
            "ruling_number",
            "ruling_text",
            "measures",
            "visits",
            "feedback",
            "result_use",
        )
        labels = {name: error_label(self) for name in names}
        self.general = error_label(self)
        self.messages = FieldMessages(self.general, labels)

        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._scroll(self._register_tab(labels)), self.tr("Case"))
        self.tabs.addTab(self._scroll(self._assessment_tab(labels)), self.tr("Assessment and ruling"))
        self.tabs.addTab(self._scroll(self._after_tab(labels)), self.tr("Correction and follow-up"))
        buttons = dialog_buttons(self, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.general)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)

        if current is not None:
            self._fill(current)
        else:
            self.received_on.setText(format_date(dt.date.today()))
            if cadre is not None:
                self.cadre.set_cadre(*cadre)

    def _scroll(self, body: QWidget) -> QScrollArea:
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        return scroll

    def _register_tab(self, labels: dict[str, QLabel]) -> QWidget:
        body = QWidget(self)
        form = QFormLayout(body)
        form.addRow(self.tr("Case number:"), with_error(self.number, labels["number"]))
        form.addRow(self.tr("Cadre:"), with_error(self.cadre, labels["cadre_id"]))
        form.addRow(self.tr("Unit:"), with_error(self.unit, labels["unit_id"]))
        form.addRow(self.tr("Matter:"), with_error(self.matter, labels["matter"]))
        dates = QWidget(body)
        row = QHBoxLayout(dates)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.matter_start)
        row.addWidget(QLabel("--", dates))
        row.addWidget(self.matter_end)
        row.addStretch(1)
        form.addRow(self.tr("Matter dates:"), with_error(dates, labels["matter_start"]))
        form.addRow("", labels["matter_end"])
        form.addRow(self.tr("Facts:"), with_error(self.facts, labels["facts"]))
        form.addRow(self.tr("How it came:"), with_error(self.origin, labels["origin"]))
        form.addRow(self.tr("Receiving body:"), with_error(self.received_by, labels["received_by"]))
        form.addRow(self.tr("Registered on:"), with_error(self.received_on, labels["received_on"]))
        return body

    def _assessment_tab(self, labels: dict[str, QLabel]) -> QWidget:
        body = QWidget(self)
        form = QFormLayout(body)
        rules = QWidget(body)
        rules_layout = QVBoxLayout(rules)
        rules_layout.setContentsMargins(0, 0, 0, 0)
        for box in self.rule_boxes:
            rules_layout.addWidget(box)
        form.addRow(self.tr("Cases of the county list:"), with_error(rules, labels["rule_ids"]))
        distinctions = QLabel(
            "\n".join(f"· {good} ≠ {bad}" for good, bad in THREE_DISTINCTIONS), body
        )  # the national text, as printed
        distinctions.setWordWrap(True)
        distinctions.setStyleSheet("color: #555;")
        form.addRow(self.tr("三个区分开来:"), distinctions)
        point_labels = {
            "motive": self.tr("Motive:"),
            "procedure": self.tr("Procedure:"),
            "nature": self.tr("Nature:"),
            "consequence": self.tr("Consequence:"),
            "recovery": self.tr("Recovery of losses:"),
        }
        for name, _label in ANALYSIS_POINTS:
            form.addRow(point_labels[name], with_error(self.analysis[name], labels[name]))
        form.addRow(self.tr("Ruling:"), with_error(self.ruling, labels["ruling"]))
        form.addRow(self.tr("Ruling body:"), with_error(self.ruling_body, labels["ruling_body"]))
        form.addRow(self.tr("Ruling date:"), with_error(self.ruling_date, labels["ruling_date"]))
        form.addRow(self.tr("Document number:"), with_error(self.ruling_number, labels["ruling_number"]))
        form.addRow(self.tr("Ruling opinion:"), with_error(self.ruling_text, labels["ruling_text"]))
        return body

    def _after_tab(self, labels: dict[str, QLabel]) -> QWidget:
        body = QWidget(self)
        form = QFormLayout(body)
        self.add_measure_button = QPushButton(self.tr("Add measure"), body)
        self.remove_measure_button = QPushButton(self.tr("Remove measure"), body)
        self.add_measure_button.clicked.connect(weak_slot(self._new_row, self.measures))
        self.remove_measure_button.clicked.connect(
            partial(self._remove_rows, self.measures)
        )  # static: holds no editor
        form.addRow(
            self.tr("Correction measures:"),
            with_error(
                self._table_box(self.measures, self.add_measure_button, self.remove_measure_button),
                labels["measures"],
            ),
        )
        self.add_visit_button = QPushButton(self.tr("Add visit"), body)
        self.remove_visit_button = QPushButton(self.tr("Remove visit"), body)
        self.add_visit_button.clicked.connect(weak_slot(self._new_row, self.visits))
        self.remove_visit_button.clicked.connect(
            partial(self._remove_rows, self.visits)
        )  # static: holds no editor
        form.addRow(
            self.tr("Follow-up visits:"),
            with_error(
                self._table_box(self.visits, self.add_visit_button, self.remove_visit_button),
                labels["visits"],
            ),
        )
        form.addRow(self.tr("Feedback:"), with_error(self.feedback, labels["feedback"]))
        form.addRow(self.tr("Use of the result:"), with_error(self.result_use, labels["result_use"]))
        return body

    def _table_box(self, table: QTableWidget, add: QPushButton, remove: QPushButton) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(table)
        return box

    # --- rows ------------------------------------------------------------------------------------

    @staticmethod
    def add_row(table: QTableWidget, texts: tuple[str, ...], row_id: int | None = None) -> None:
        row = table.rowCount()
        table.insertRow(row)
        for column in range(table.columnCount()):
            item = QTableWidgetItem(texts[column] if column < len(texts) else "")
            if column == 0:
                item.setData(ROW_ID, row_id)
            table.setItem(row, column, item)

    def _new_row(self, table: QTableWidget) -> None:
        self.add_row(table, ())
        last = table.rowCount() - 1
        table.setCurrentCell(last, 0)
        item = table.item(last, 0)
        if item is not None:
            table.editItem(item)

    @staticmethod
    def _remove_rows(table: QTableWidget) -> None:
        for row in sorted({i.row() for i in table.selectedIndexes()}, reverse=True):
            table.removeRow(row)

    @staticmethod
    def _table_rows(table: QTableWidget) -> list[tuple[list[str], int | None]]:
        rows = []
        for row in range(table.rowCount()):
            items = [table.item(row, c) for c in range(table.columnCount())]
            texts = [item.text() if item is not None else "" for item in items]
            if not any(t.strip() for t in texts):
                continue
            row_id = items[0].data(ROW_ID) if items[0] is not None else None
            rows.append((texts, row_id if isinstance(row_id, int) else None))
        return rows

    # --- filling and saving ----------------------------------------------------------------------

    def _fill(self, c: tolerance.CaseView) -> None:
        self.number.setText(c.number)
        if c.cadre_id is not None:
            self.cadre.set_cadre(c.cadre_id, c.cadre_name)
        self.unit.setCurrentIndex(max(0, self.unit.findData(c.unit_id)))
        self.matter.setText(c.matter)
        self.facts.setPlainText(c.facts)
        self.matter_start.setText(format_date(c.matter_start))
        self.matter_end.setText(format_date(c.matter_end))
        self.origin.setCurrentIndex(max(0, self.origin.findData(c.origin)))
        self.received_by.setText(c.received_by)
        self.received_on.setText(format_date(c.received_on))
        for box in self.rule_boxes:
            box.setChecked(box.property("rule_id") in c.rule_ids)
        for name, edit in self.analysis.items():
            edit.setPlainText(getattr(c, name))
        self.ruling.setCurrentIndex(max(0, self.ruling.findData(c.ruling)))
        self.ruling_body.setText(c.ruling_body)
        self.ruling_date.setText(format_date(c.ruling_date))
        self.ruling_number.setText(c.ruling_number)
        self.ruling_text.setPlainText(c.ruling_text)
        for m in c.measures:
            self.add_row(
                self.measures, (m.action, m.owner, format_date(m.due_date), format_date(m.done_date)), m.id
            )
        for v in c.visits:
            self.add_row(self.visits, (format_date(v.visit_date), v.visitor, v.notes), v.id)
        self.feedback.setPlainText(c.feedback)
        self.result_use.setPlainText(c.result_use)

    def case_input(self) -> tolerance.CaseInput:
        return tolerance.CaseInput(
            number=self.number.text(),
            cadre_id=self.cadre.cadre_id(),
            unit_id=self.unit.currentData(),
            matter=self.matter.text(),
            facts=self.facts.toPlainText(),
            matter_start=self.matter_start.text(),
            matter_end=self.matter_end.text() or None,
            origin=self.origin.currentData() or "",
            received_by=self.received_by.text(),
            received_on=self.received_on.text(),
            rule_ids=tuple(int(b.property("rule_id")) for b in self.rule_boxes if b.isChecked()),
            **{name: edit.toPlainText() for name, edit in self.analysis.items()},
            ruling=self.ruling.currentData() or "",
            ruling_body=self.ruling_body.text(),
            ruling_date=self.ruling_date.text() or None,
            ruling_number=self.ruling_number.text(),
            ruling_text=self.ruling_text.toPlainText(),
            measures=tuple(
                tolerance.MeasureInput(t[0], t[1], t[2] or None, t[3] or None, row_id)
                for t, row_id in self._table_rows(self.measures)
            ),
            visits=tuple(
                tolerance.VisitInput(t[0] or None, t[1], t[2], row_id)
                for t, row_id in self._table_rows(self.visits)
            ),
            feedback=self.feedback.toPlainText(),
            result_use=self.result_use.toPlainText(),
        )

    def save(self) -> None:
        data = self.case_input()
        current = self._current
        self.result_view = save_or_explain(
            self,
            self.messages,
            lambda: (
                tolerance_editing.create_case(self._ctx, data)
                if current is None
                else tolerance_editing.update_case(self._ctx, current.id, data, current.version)
            ),
            self.tr("Not saved"),
            self.tr("{error}\n\nYour text stays in the editor."),
        )
        if self.result_view is None and self.general.isHidden():
            self._show_tab_with_errors()

    def _show_tab_with_errors(self) -> None:
        for index in range(self.tabs.count()):
            page = self.tabs.widget(index)
            if page is not None and any(
                not label.isHidden()
                for label in page.findChildren(QLabel)
                if label in self.messages.labels.values()
            ):
                self.tabs.setCurrentIndex(index)
                return

    @classmethod
    def ask(
        cls,
        parent: QWidget,
        ctx: ServiceContext,
        current: tolerance.CaseView | None = None,
        cadre: tuple[int, str] | None = None,
    ) -> tolerance.CaseView | None:
        dialog = cls(ctx, current, cadre, parent)
        dialog.exec()
        return dialog.result_view
