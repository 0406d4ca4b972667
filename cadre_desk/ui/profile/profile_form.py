"""基本信息: every field of the appointment form (干部任免审批表), editable, validated as typed.

Each editor has a small error line under it. Live checks are the service's own rules and messages
(`cadres.field_messages`; the form keeps no copy of them); what only the database can know (a
duplicate ID number) comes back from the service on save and is shown by `show_errors` at the same place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.domain import vocab
from cadre_desk.errors import Message
from cadre_desk.services import cadres
from cadre_desk.services.cadres import CadreInput, CadreView
from cadre_desk.services.units import UnitView
from cadre_desk.ui.shell.style import muted_placeholder, secondary
from cadre_desk.ui.widgets.codes import add_codes, current_code
from cadre_desk.ui.widgets.messages import user_text
from cadre_desk.ui.widgets.weak import weak_slot

PHOTO_SIZE = QSize(120, 160)  # the form's 3:4 photo box, in device-independent pixels
# Field labels wrap beyond this many characters (毕业院校系及专业（在职） takes two lines), so that one
# long label does not widen its whole column; the second label column is narrower.
LABEL_CHARS = (8, 6)
FIELD_CHARS = 6  # the narrowest a field gets; a combo box is not widened to its longest choice
ERROR_STYLE = "color: #c0392b;"
INVALID_STYLE = "QLineEdit, QComboBox { border: 1px solid #c0392b; }"

_YEAR_MONTHS = ("birth", "party_join", "work_start", "post_since", "rank_since")
_COMBOS: dict[str, tuple[str, ...]] = {
    "gender": tuple(vocab.Gender),
    "ethnicity": vocab.ETHNICITIES,
    "political_status": ("", *vocab.POLITICAL_STATUSES),
    "democratic_party": ("", *vocab.DEMOCRATIC_PARTIES),
    "health": vocab.HEALTH_STATES,
    "fulltime_education": ("", *vocab.EDUCATIONS),
    "inservice_education": ("", *vocab.EDUCATIONS),
    "fulltime_degree": ("", *vocab.DEGREES),
    "inservice_degree": ("", *vocab.DEGREES),
    "rank": ("", *vocab.RANKS),
}
_FIXED_CHOICE = {"gender", "political_status", "democratic_party"}  # not free text


class CadreForm(QFrame):
    """`load(view)` fills it, `value()` reads a `CadreInput`; `changed` fires on every edit."""

    changed = Signal()
    photo_import_requested = Signal()
    photo_remove_requested = Signal()

    def __init__(self, parent: QWidget | None = None, with_photo: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("profileForm")
        self._editors: dict[str, QWidget] = {}
        self._errors: dict[str, QLabel] = {}
        self._labels: dict[str, str] = {}
        self._loaded: dict[str, str] = {}
        self._server_errors: dict[str, str] = {}
        self._loading = False
        self._today: dt.date | None = None
        self.unit_box = QComboBox(self)
        self.photo = QLabel(self)
        self.photo.setObjectName("profilePhoto")
        self.photo.setFixedSize(PHOTO_SIZE)
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo.setFrameShape(QFrame.Shape.Box)
        self.import_photo_button = QPushButton(self.tr("Import photo…"), self)
        self.remove_photo_button = QPushButton(self.tr("Remove photo"), self)
        self.import_photo_button.clicked.connect(self.photo_import_requested.emit)
        self.remove_photo_button.clicked.connect(self.photo_remove_requested.emit)
        self._with_photo = with_photo
        self._build()
        self.clear()

    # --- building ---------------------------------------------------------------------------------

    def _labels_text(self) -> dict[str, str]:
        return {
            "name": self.tr("Name"),
            "gender": self.tr("Gender"),
            "birth": self.tr("Born"),
            "ethnicity": self.tr("Ethnicity"),
            "native_place": self.tr("Native place"),
            "birthplace": self.tr("Birthplace"),
            "political_status": self.tr("Political status"),
            "party_join": self.tr("Joined the Party"),
            "democratic_party": self.tr("Democratic party"),
            "work_start": self.tr("Started work"),
            "health": self.tr("Health"),
            "professional_title": self.tr("Professional title"),
            "speciality": self.tr("Expertise"),
            "fulltime_education": self.tr("Full-time education"),
            "fulltime_degree": self.tr("Full-time degree"),
            "fulltime_school": self.tr("School and major"),
            "fulltime_degree_school": self.tr("Degree awarded by"),
            "inservice_education": self.tr("In-service education"),
            "inservice_degree": self.tr("In-service degree"),
            "inservice_school": self.tr("School and major (in-service)"),
            "inservice_degree_school": self.tr("Degree awarded by (in-service)"),
            "post": self.tr("Current post"),
            "rank": self.tr("Rank"),
            "post_since": self.tr("In post since"),
            "rank_since": self.tr("At this rank since"),
            "unit_id": self.tr("Unit"),
            "id_number": self.tr("ID number"),
            "phone": self.tr("Phone"),
            "notes": self.tr("Notes"),
        }

    def _editor(self, key: str) -> QWidget:
        widget: QWidget
        if key == "unit_id":
            widget = self.unit_box
            # Typed into: any part of a unit's name finds it (the list is long in a real county).
            self.unit_box.setEditable(True)
            self.unit_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            completer = self.unit_box.completer()
            if completer is not None:
                completer.setFilterMode(Qt.MatchFlag.MatchContains)
                completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
            self.unit_box.editTextChanged.connect(weak_slot(self._edited, key))
        elif key == "notes":
            notes = QPlainTextEdit(self)
            notes.setTabChangesFocus(True)
            notes.setFixedHeight(self.fontMetrics().height() * 3 + 14)
            notes.textChanged.connect(weak_slot(self._edited, key))
            widget = notes
        elif key in _COMBOS:
            combo = QComboBox(self)
            combo.setEditable(key not in _FIXED_CHOICE)
            if key in _FIXED_CHOICE:
                add_codes(combo, _COMBOS[key])  # shown in the window's language, stored as is
            else:
                combo.addItems(list(_COMBOS[key]))
            if combo.isEditable():
                combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
                combo.editTextChanged.connect(weak_slot(self._edited, key))
            else:
                combo.currentIndexChanged.connect(weak_slot(self._edited, key))
            widget = combo
        else:
            line = QLineEdit(self)
            line.textChanged.connect(weak_slot(self._edited, key))
            if key in _YEAR_MONTHS:
                line.setPlaceholderText(self.tr("e.g. {example}").format(example="1985.03"))
                muted_placeholder(line)
            widget = line
        widget.setObjectName(f"edit_{key}")
        widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        if isinstance(widget, QComboBox):
            # Its width follows the form, not its longest choice (中国国民党革命委员会会员); the list
            # that drops down is wide enough to show every choice in full.
            widget.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            widget.setMinimumContentsLength(FIELD_CHARS - 1)
            view = widget.view()
            view.setMinimumWidth(view.sizeHintForColumn(0) + 24)
        char = widget.fontMetrics().horizontalAdvance("汉")
        widget.setMinimumWidth(max(widget.minimumSizeHint().width(), FIELD_CHARS * char + 12))
        self._editors[key] = widget
        return widget

    def _cell(self, key: str) -> QWidget:
        cell = QWidget(self)
        layout = QVBoxLayout(cell)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(self._editor(key))
        error = QLabel(cell)
        error.setObjectName(f"error_{key}")
        error.setWordWrap(True)
        error.setStyleSheet(ERROR_STYLE)
        error.hide()
        self._errors[key] = error
        layout.addWidget(error)
        return cell

    def _label(self, key: str, column: int = 0) -> QLabel:
        label = QLabel(self._labels[key], self)
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        label.setProperty("role", "field-label")
        secondary(label)
        metrics = label.fontMetrics()
        widest = metrics.horizontalAdvance("汉") * LABEL_CHARS[min(column, 1)] + 12  # with the padding
        text = label.text()
        if metrics.horizontalAdvance(text) + 12 > widest:
            # Break before the qualifier (毕业院校系及专业 / （在职）), else wherever it must.
            for bracket in ("（", " ("):
                head, found, tail = text.partition(bracket)
                if found and head and metrics.horizontalAdvance(head) + 12 <= widest:
                    label.setText(f"{head}\n{found.strip()}{tail}")
                    break
            else:
                label.setWordWrap(True)
            label.setMaximumWidth(widest)
        return label

    def _build(self) -> None:
        self._labels = self._labels_text()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        beside_photo = (
            ("name", "gender"),
            ("birth", "ethnicity"),
            ("native_place", "birthplace"),
            ("political_status", "party_join"),
            ("democratic_party", "work_start"),
            ("health", "professional_title"),
        )
        # School names (湖南大学工商管理专业) and the 18-digit ID number get a wide field: a whole row,
        # or the second place of a row, which runs on under the photo.
        below: tuple[tuple[str, str | None], ...] = (
            ("fulltime_education", "fulltime_degree"),
            ("fulltime_school", None),
            ("fulltime_degree_school", None),
            ("inservice_education", "inservice_degree"),
            ("inservice_school", None),
            ("inservice_degree_school", None),
            ("unit_id", None),
            ("post", None),
            ("post_since", None),
            ("rank", "rank_since"),
            ("phone", "id_number"),
            ("notes", None),
        )
        row = 0
        for first, second in beside_photo:
            grid.addWidget(self._label(first), row, 0)
            grid.addWidget(self._cell(first), row, 1)
            grid.addWidget(self._label(second, 1), row, 2)
            grid.addWidget(self._cell(second), row, 3)
            row += 1
        # 熟悉专业有何专长 still beside the photo, so the photo and its two buttons fit in the rows.
        grid.addWidget(self._label("speciality"), row, 0)
        grid.addWidget(self._cell("speciality"), row, 1, 1, 3)
        row += 1
        if self._with_photo:
            photo_box = QWidget(self)
            photo_layout = QVBoxLayout(photo_box)
            photo_layout.setContentsMargins(0, 0, 0, 0)
            photo_layout.setSpacing(4)
            photo_layout.addWidget(self.photo)
            for button in (self.import_photo_button, self.remove_photo_button):
                button.setFixedWidth(PHOTO_SIZE.width())  # under the photo, never wider than it
                photo_layout.addWidget(button)
            photo_layout.addStretch(1)
            grid.addWidget(photo_box, 0, 4, row, 1, Qt.AlignmentFlag.AlignTop)
        else:
            self.photo.hide()
            self.import_photo_button.hide()
            self.remove_photo_button.hide()
        last = 5 if self._with_photo else 4
        for key, pair in below:
            grid.addWidget(self._label(key), row, 0)
            if pair is None:
                grid.addWidget(self._cell(key), row, 1, 1, last - 1)
            else:
                grid.addWidget(self._cell(key), row, 1)
                grid.addWidget(self._label(pair, 1), row, 2)
                grid.addWidget(self._cell(pair), row, 3, 1, last - 3)
            row += 1
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        grid.setRowStretch(row, 1)

    # --- values -----------------------------------------------------------------------------------

    def editor(self, key: str) -> QWidget:
        return self._editors[key]

    def label_of(self, key: str) -> str:
        return self._labels.get(key, key)

    def text_of(self, key: str) -> str:
        widget = self._editors[key]
        if key == "unit_id":
            return self._typed_unit()
        if isinstance(widget, QLineEdit):
            return widget.text()
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        if isinstance(widget, QComboBox):
            return current_code(widget)
        return ""

    def _typed_unit(self) -> str:
        """The chosen unit's id as text; "" for no unit; "?" + the text when it names no unit."""
        text = self.unit_box.currentText().strip()
        if not text or text == self.unit_box.itemText(0):
            return ""
        index = self.unit_box.findText(text, Qt.MatchFlag.MatchFixedString)
        data = self.unit_box.itemData(index) if index >= 0 else None
        return str(data) if isinstance(data, int) else "?" + text

    def value_text(self, key: str) -> str:
        """What the user sees in a field (the unit's name for the unit)."""
        if key in ("unit", "unit_id"):
            return self.unit_box.currentText()
        return self.text_of(key)

    def set_text(self, key: str, text: str) -> None:
        widget = self._editors[key]
        if key == "unit_id":
            index = self.unit_box.findData(int(text)) if text else 0
            self.unit_box.setCurrentIndex(max(index, 0))
        elif isinstance(widget, QLineEdit):
            widget.setText(text)
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(text)
        elif isinstance(widget, QComboBox):
            index = widget.findData(text)
            if index < 0:
                index = widget.findText(text)
            if widget.isEditable():
                widget.setEditText(text)
            elif index < 0 and text:
                widget.addItem(text)  # a value outside the list (imported data) stays visible
                widget.setCurrentIndex(widget.count() - 1)
            else:
                widget.setCurrentIndex(max(index, 0))

    def set_units(self, units: Sequence[UnitView], only: tuple[int | None, str] | None = None) -> None:
        """The units to choose from (`only`: the one unit of a read-only profile, id and name)."""
        keep = self.unit_box.currentData()
        blocked = self.unit_box.blockSignals(True)
        self.unit_box.clear()
        self.unit_box.addItem(self.tr("(no unit)"), None)
        for unit in units:
            if not unit.archived or unit.id == keep:
                self.unit_box.addItem(unit.name, unit.id)
        if only is not None and only[0] is not None:
            self.unit_box.addItem(only[1], only[0])
            keep = only[0]
        index = self.unit_box.findData(keep) if isinstance(keep, int) else 0
        self.unit_box.setCurrentIndex(max(index, 0))
        self.unit_box.blockSignals(blocked)

    def _texts_of(self, view: CadreView | None) -> dict[str, str]:
        if view is None:
            blank = {key: "" for key in self._editors}
            blank.update(gender=str(vocab.Gender.MALE), ethnicity="汉族", health="健康")
            return blank
        texts: dict[str, str] = {}
        for key in self._editors:
            value = getattr(view, key)
            texts[key] = "" if value is None else str(value)
        return texts

    def load(self, view: CadreView | None, today: dt.date | None = None) -> None:
        """Show a cadre (or a blank form for `None`) and make it the unchanged state."""
        self._today = today
        self._loading = True
        if view is not None and view.unit_id is not None and self.unit_box.findData(view.unit_id) < 0:
            self.unit_box.addItem(view.unit, view.unit_id)  # an archived unit still shows its name
        self._loaded = self._texts_of(view)
        self._base = dict(self._loaded)  # as stored, before the widgets normalised it (three-way merge)
        for key, text in self._loaded.items():
            self.set_text(key, text)
        self._loaded = {key: self.text_of(key) for key in self._editors}  # as the widgets normalised them
        self._server_errors = {}
        self._loading = False
        for key in self._editors:
            self._show_error(key, None)

    def clear(self) -> None:
        self.load(None)

    def revert(self) -> None:
        self._loading = True
        for key, text in self._loaded.items():
            self.set_text(key, text)
        self._server_errors = {}
        self._loading = False
        self.validate()
        self.changed.emit()

    def is_dirty(self) -> bool:
        return any(self.text_of(key) != text for key, text in self._loaded.items())

    def merge_stored(self, view: CadreView) -> list[str]:
        """Three-way merge with a newer stored version of the shown cadre.

        Fields changed only in `view` (since this form loaded its base) are taken into the form;
        fields changed only here stay as typed; `view` becomes the new base. Returns the fields
        changed on both sides to different values (left as typed here), for the caller to ask about.
        """
        stored = self._texts_of(view)
        conflicts: list[str] = []
        self._loading = True
        try:
            for key, text in stored.items():
                theirs_changed = text != self._base.get(key, "")
                mine_changed = self.text_of(key) != self._loaded.get(key, "")
                if theirs_changed and not mine_changed:
                    self.set_text(key, text)
                    self._loaded[key] = self.text_of(key)
                elif theirs_changed:
                    if self.text_of(key) != text:
                        conflicts.append(key)
                    self._loaded[key] = text
        finally:
            self._loading = False
        self._base = stored
        return conflicts

    def changed_fields(self) -> list[str]:
        return [key for key, text in self._loaded.items() if self.text_of(key) != text]

    def value(self) -> CadreInput:
        texts = {key: self.text_of(key) for key in self._editors}
        unit = texts.pop("unit_id")
        return CadreInput(**texts, unit_id=int(unit) if unit.isdigit() else None)

    # --- validation -------------------------------------------------------------------------------

    def _edited(self, key: str) -> None:
        if self._loading:
            return
        self._server_errors.pop(key, None)
        self.validate()  # one field's value can settle another's (birth month and ID number)
        self.changed.emit()

    def _live_errors(self) -> dict[str, str]:
        """The service's messages for the fields as typed (services.validation: one copy of the rules).

        Doubts on fields the user has not changed are left out (an imported value may be 待核实).
        """
        if self._loading:
            return {}
        found = cadres.field_messages(self.value(), self.changed_fields(), self._today or dt.date.today())
        typed = self._typed_unit()
        if typed.startswith("?"):  # a typed unit name that names no unit
            found["unit_id"] = Message(
                "unit_unknown", "没有名为“{name}”的单位，请从列表中选择，或先在“单位”页新建", name=typed[1:]
            )
        return found

    def _check(self, key: str, live: dict[str, str] | None = None) -> str | None:
        messages = self._live_errors() if live is None else live
        message = messages.get(key) or self._server_errors.get(key)
        self._show_error(key, message)
        return message

    def _show_error(self, key: str, message: str | None) -> None:
        message = user_text(message) if message else message  # in the window's language
        label = self._errors[key]
        editor = self._editors[key]
        if label.text() == (message or "") and label.isHidden() != bool(message):
            return  # unchanged: style sheets are costly to reapply on every load
        label.setText(message or "")
        label.setVisible(bool(message))
        editor.setToolTip(message or "")
        editor.setStyleSheet(INVALID_STYLE if message else "")

    def validate(self) -> dict[str, str]:
        """Check every field now; returns field -> message for the fields in error."""
        found = {}
        live = self._live_errors()
        for key in self._editors:
            message = self._check(key, live)
            if message:
                found[key] = message
        return found

    def errors(self) -> dict[str, str]:
        return {key: label.text() for key, label in self._errors.items() if label.text()}

    def show_errors(self, errors: dict[str, str]) -> list[str]:
        """Show the service's field errors at their fields; returns messages that belong to no field."""
        rest: list[str] = []
        for key, message in errors.items():
            if key in self._editors:
                self._server_errors[key] = message
                self._show_error(key, message)
            else:
                rest.append(user_text(message))
        first = next((k for k in errors if k in self._editors), None)
        if first is not None:
            self._editors[first].setFocus()
        return rest

    # --- photo ------------------------------------------------------------------------------------

    def set_photo(self, photo: QPixmap | None) -> None:
        self.remove_photo_button.setEnabled(photo is not None and not photo.isNull())
        if photo is None or photo.isNull():
            self.photo.setPixmap(QPixmap())
            self.photo.setText(self.tr("No photo"))
            return
        ratio = self.devicePixelRatioF()
        scaled = photo.scaled(
            PHOTO_SIZE * ratio,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        scaled.setDevicePixelRatio(ratio)
        self.photo.setPixmap(scaled)
