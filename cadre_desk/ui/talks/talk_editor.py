"""The talk record (谈话记录表) editor: time, place, kind, subjects, talkers, recorder, outline,
content, the cadre's own statement (本人表态) and follow-ups with owners and due dates."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.domain import vocab
from cadre_desk.domain.yearmonth import format_date
from cadre_desk.services import obligations, talks
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.talks.talk_outlines import is_suggested, outline_for
from cadre_desk.ui.widgets.cadre_picker import CadrePicker
from cadre_desk.ui.widgets.codes import code_text
from cadre_desk.ui.widgets.drafts import DraftKeeper
from cadre_desk.ui.widgets.form_errors import (
    FieldMessages,
    dialog_buttons,
    error_label,
    save_or_explain,
    with_error,
)
from cadre_desk.ui.widgets.read_only import open_read_only

FOLLOW_UP_ID = Qt.ItemDataRole.UserRole + 1


class TalkEditor(QDialog):
    def __init__(
        self,
        ctx: ServiceContext,
        current: talks.TalkView | None = None,
        subject: tuple[int, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._current = current
        self._dirty = False
        self._drafts: DraftKeeper | None = None
        self.result_view: talks.TalkView | None = None
        self.setWindowTitle(self.tr("Edit talk record") if current else self.tr("New talk record"))
        self.resize(860, 640)  # fits a 1280 x 720 screen (the body scrolls)
        self.talk_at = QLineEdit(self)
        self.talk_at.setPlaceholderText(self.tr("e.g. 2024.05.17 14:30"))
        self.talk_at.setMaximumWidth(200)
        self.place = QLineEdit(self)
        self.kind = QComboBox(self)
        self.kind.addItem(self.tr("Choose the kind of talk"), "")
        for kind in vocab.TalkKind:
            self.kind.addItem(code_text(kind.value), kind.value)
        self.subject_picker = CadrePicker(ctx, self)
        self.subjects = QListWidget(self)
        self.subjects.setFlow(QListWidget.Flow.LeftToRight)
        self.subjects.setWrapping(True)
        self.subjects.setFixedHeight(self.fontMetrics().height() * 2 + 16)
        self.remove_subject_button = QPushButton(self.tr("Remove"), self)
        self.talkers = QLineEdit(self)
        self.talkers.setPlaceholderText(self.tr("Names separated by 、"))
        self.recorder = QLineEdit(self)
        self.outline = QPlainTextEdit(self)
        self.content = QPlainTextEdit(self)
        self.statement = QPlainTextEdit(self)
        self.outline.setMinimumHeight(120)
        self.content.setMinimumHeight(160)
        self.statement.setMinimumHeight(80)
        self.follow_ups = QTableWidget(0, 4, self)
        self.follow_ups.setHorizontalHeaderLabels(
            [self.tr("Action"), self.tr("Owner"), self.tr("Due date"), self.tr("Done on")]
        )
        self.follow_ups.verticalHeader().setVisible(False)
        self.follow_ups.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.follow_ups.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        char = self.fontMetrics().horizontalAdvance("汉")
        for column, chars in ((1, 6), (2, 7), (3, 7)):
            header.resizeSection(column, chars * char + 16)
        self.follow_ups.setMinimumHeight(120)
        self.add_follow_up_button = QPushButton(self.tr("Add follow-up"), self)
        self.remove_follow_up_button = QPushButton(self.tr("Remove follow-up"), self)

        fields = ("talk_at", "place", "kind", "subject_ids", "talkers", "recorder", "outline", "content")
        labels = {name: error_label(self) for name in (*fields, "statement", "follow_ups")}
        self.general = error_label(self)
        self.messages = FieldMessages(self.general, labels)

        body = QWidget(self)
        form = QFormLayout(body)
        top = QWidget(body)
        top_row = QHBoxLayout(top)
        top_row.setContentsMargins(0, 0, 0, 0)
        top_row.addWidget(self.talk_at)
        top_row.addWidget(self.kind)
        top_row.addStretch(1)
        form.addRow(self.tr("Time and kind:"), with_error(top, labels["talk_at"]))
        form.addRow("", labels["kind"])
        form.addRow(self.tr("Place:"), with_error(self.place, labels["place"]))
        subjects = QWidget(body)
        subjects_layout = QVBoxLayout(subjects)
        subjects_layout.setContentsMargins(0, 0, 0, 0)
        pick_row = QHBoxLayout()
        pick_row.addWidget(self.subject_picker, 1)
        pick_row.addWidget(self.remove_subject_button)
        subjects_layout.addLayout(pick_row)
        subjects_layout.addWidget(self.subjects)
        form.addRow(self.tr("Talked with:"), with_error(subjects, labels["subject_ids"]))
        form.addRow(self.tr("Talkers:"), with_error(self.talkers, labels["talkers"]))
        form.addRow(self.tr("Recorder:"), with_error(self.recorder, labels["recorder"]))
        form.addRow(self.tr("Outline:"), with_error(self.outline, labels["outline"]))
        form.addRow(self.tr("Content:"), with_error(self.content, labels["content"]))
        form.addRow(self.tr("Own statement:"), with_error(self.statement, labels["statement"]))
        follow = QWidget(body)
        follow_layout = QVBoxLayout(follow)
        follow_layout.setContentsMargins(0, 0, 0, 0)
        follow_buttons = QHBoxLayout()
        follow_buttons.addWidget(self.add_follow_up_button)
        follow_buttons.addWidget(self.remove_follow_up_button)
        follow_buttons.addStretch(1)
        follow_layout.addLayout(follow_buttons)  # above the table: never below the fold
        follow_layout.addWidget(self.follow_ups)
        form.addRow(self.tr("Follow-ups:"), with_error(follow, labels["follow_ups"]))
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        buttons = dialog_buttons(self, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.general)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)

        if current is not None:
            self._fill(current)
        else:
            self.talk_at.setText(f"{dt.datetime.now():%Y.%m.%d %H:%M}")
            self.recorder.setText(ctx.operator)  # usually the clerk at the keyboard
            if subject is not None:
                self._add_subject(*subject)
        self.subject_picker.changed.connect(self._add_picked)
        self.remove_subject_button.clicked.connect(self._remove_subject)
        self.add_follow_up_button.clicked.connect(self._new_follow_up)
        self.remove_follow_up_button.clicked.connect(self._remove_follow_up)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        for edit in (self.talk_at, self.place, self.talkers, self.recorder):
            edit.textEdited.connect(self._edited)
        for text in (self.outline, self.content, self.statement):
            text.textChanged.connect(self._edited)
        self.follow_ups.itemChanged.connect(self._edited)
        self._dirty = False

    # --- filling ---------------------------------------------------------------------------------

    def _fill(self, t: talks.TalkView) -> None:
        self.talk_at.setText(f"{t.talk_at:%Y.%m.%d %H:%M}")
        self.place.setText(t.place)
        self.kind.setCurrentIndex(max(0, self.kind.findData(t.kind)))
        for cadre_id, name in zip(t.subject_ids, t.subjects, strict=True):
            self._add_subject(cadre_id, name)
        self.talkers.setText(t.talkers)
        self.recorder.setText(t.recorder)
        self.outline.setPlainText(t.outline)
        self.content.setPlainText(t.content)
        self.statement.setPlainText(t.statement)
        for f in t.follow_ups:
            self.add_follow_up(f.action, f.owner, format_date(f.due_date), format_date(f.done_date), f.id)

    def _edited(self, *_args: object) -> None:
        self._dirty = True

    @property
    def dirty(self) -> bool:
        return self._dirty

    def has_unsaved_input(self) -> bool:
        """The draft keeper's question (a bound method: it holds it weakly)."""
        return self._dirty

    def _kind_changed(self, _index: int) -> None:
        suggestion = outline_for(self.kind.currentData() or "")
        if not suggestion or self.outline.toPlainText().strip() == suggestion.strip():
            return
        if not is_suggested(self.outline.toPlainText()):
            answer = QMessageBox.question(
                self,
                self.tr("Replace the outline?"),
                self.tr(
                    "The outline has text of your own. Replace it with the suggested outline for {kind}?"
                ).format(kind=self.kind.currentText()),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.outline.setPlainText(suggestion)
        self._dirty = True

    # --- subjects --------------------------------------------------------------------------------

    def subject_ids(self) -> tuple[int, ...]:
        return tuple(
            int(self.subjects.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.subjects.count())
        )

    def _add_subject(self, cadre_id: int, name: str) -> None:
        if cadre_id in self.subject_ids():
            return
        item = QListWidgetItem(name, self.subjects)
        item.setData(Qt.ItemDataRole.UserRole, cadre_id)
        self._dirty = True

    def _add_picked(self) -> None:
        """Choosing a cadre in the picker adds them to the subjects at once."""
        cadre_id = self.subject_picker.cadre_id()
        if cadre_id is not None:
            self._add_subject(cadre_id, self.subject_picker.cadre_name())
            self.subject_picker.clear()

    def _remove_subject(self) -> None:
        for item in self.subjects.selectedItems():
            self.subjects.takeItem(self.subjects.row(item))
            self._dirty = True

    # --- follow-ups ------------------------------------------------------------------------------

    def add_follow_up(
        self,
        action: str = "",
        owner: str = "",
        due: str = "",
        done: str = "",
        follow_up_id: int | None = None,
    ) -> None:
        row = self.follow_ups.rowCount()
        self.follow_ups.insertRow(row)
        for column, text in enumerate((action, owner, due, done)):
            item = QTableWidgetItem(text)
            if column == 0:
                item.setData(FOLLOW_UP_ID, follow_up_id)
            self.follow_ups.setItem(row, column, item)
        self._dirty = True

    def _new_follow_up(self) -> None:
        self.add_follow_up()
        last = self.follow_ups.rowCount() - 1
        self.follow_ups.setCurrentCell(last, 0)
        item = self.follow_ups.item(last, 0)
        if item is not None:
            self.follow_ups.editItem(item)

    def _cell(self, row: int, column: int) -> str:
        item = self.follow_ups.item(row, column)
        return item.text() if item is not None else ""

    def _remove_follow_up(self) -> None:
        rows = sorted({i.row() for i in self.follow_ups.selectedIndexes()}, reverse=True)
        for row in rows:
            self.follow_ups.removeRow(row)
            self._dirty = True

    def _follow_up_inputs(self) -> tuple[talks.FollowUpInput, ...]:
        result = []
        for row in range(self.follow_ups.rowCount()):
            texts = [self._cell(row, c) for c in range(4)]
            if not any(t.strip() for t in texts):
                continue
            first = self.follow_ups.item(row, 0)
            follow_up_id = first.data(FOLLOW_UP_ID) if first is not None else None
            result.append(
                talks.FollowUpInput(
                    action=texts[0],
                    owner=texts[1],
                    due_date=texts[2] or None,
                    done_date=texts[3] or None,
                    id=follow_up_id if isinstance(follow_up_id, int) else None,
                )
            )
        return tuple(result)

    # --- saving ----------------------------------------------------------------------------------

    def save(self) -> None:
        data = talks.TalkInput(
            talk_at=self.talk_at.text(),
            kind=self.kind.currentData() or "",
            subject_ids=self.subject_ids(),
            talkers=self.talkers.text(),
            place=self.place.text(),
            recorder=self.recorder.text(),
            outline=self.outline.toPlainText(),
            content=self.content.toPlainText(),
            statement=self.statement.toPlainText(),
            follow_ups=self._follow_up_inputs(),
        )
        current = self._current
        self.result_view = save_or_explain(
            self,
            self.messages,
            lambda: (
                talks.record_talk(self._ctx, data)
                if current is None
                else talks.update_talk(self._ctx, current.id, data, current.version)
            ),
            self.tr("Not saved"),
            self.tr("{error}\n\nYour text stays in the editor."),
        )
        if self.result_view is not None:
            self._dirty = False

    def _may_leave(self) -> bool:
        if not self._dirty:
            return True
        answer = QMessageBox.question(
            self,
            self.tr("Unsaved changes"),
            self.tr("Discard the changes to this talk record?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    def showEvent(self, event: QShowEvent) -> None:
        if self._drafts is None:  # unsaved input survives a crash (ui.widgets.drafts)
            identity = f"talk {self._current.id}" if self._current is not None else "new"
            self._drafts = DraftKeeper(self, self.has_unsaved_input, identity)
            self._drafts.start()
        super().showEvent(event)

    def reject(self) -> None:
        if self._may_leave():
            self._dirty = False
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._may_leave():
            self._dirty = False
            event.accept()
        else:
            event.ignore()

    def prefill(self, draft: obligations.TalkDraft) -> None:
        """An owed talk: its kind with the kind's outline, the cadre, the talker by rule and the operator
        as recorder (all editable); the event is in the window title."""
        self.kind.blockSignals(True)
        self.kind.setCurrentIndex(max(0, self.kind.findData(draft.kind)))
        self.kind.blockSignals(False)
        self.outline.setPlainText(outline_for(draft.kind) or "")
        self._add_subject(draft.subject_id, draft.subject_name)
        self.talkers.setText(draft.talkers)
        self.recorder.setText(draft.recorder)
        self.setWindowTitle(self.tr("New talk record (owed: {event})").format(event=draft.event[:40]))
        self._dirty = False

    @classmethod
    def for_obligation(
        cls, parent: QWidget, ctx: ServiceContext, draft: obligations.TalkDraft
    ) -> talks.TalkView | None:
        dialog = cls(ctx, None, None, parent)
        dialog.prefill(draft)
        dialog.exec()
        return dialog.result_view

    @classmethod
    def ask(
        cls,
        parent: QWidget,
        ctx: ServiceContext,
        current: talks.TalkView | None = None,
        subject: tuple[int, str] | None = None,
    ) -> talks.TalkView | None:
        dialog = cls(ctx, current, subject, parent)
        dialog.exec()
        return dialog.result_view

    @classmethod
    def view(cls, parent: QWidget, ctx: ServiceContext, current: talks.TalkView) -> TalkEditor:
        """The record for reading (a role that may read but not write talks): opened, not waited for."""
        dialog = cls(ctx, current, None, parent)
        dialog.subject_picker.hide()
        open_read_only(dialog, QCoreApplication.translate("TalkEditor", "View talk record"))
        return dialog
