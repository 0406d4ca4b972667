"""The basic data of one cadre, laid out like the appointment form (干部任免审批表), read-only.

Label and value cells in a grid, the photo at the top right in the form's 3:4 box. Values wrap;
nothing is elided, so long units, posts and schools stay readable in a narrow pane.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QSizePolicy, QWidget

from cadre_desk.domain.yearmonth import YearMonth
from cadre_desk.services.cadres import CadreView
from cadre_desk.ui.style import secondary

PHOTO_SIZE = QSize(120, 160)  # the form's 3:4 photo box, in device-independent pixels


# Digits do not wrap: these keep one line and widen their column (never cut off).
_NO_WRAP = frozenset({"id_number", "phone", "party_join", "work_start", "post_since"})


def _join(*parts: str, sep: str = "\n") -> str:
    seen: list[str] = []
    for part in (p.strip() for p in parts):
        if part and part not in seen:
            seen.append(part)
    return sep.join(seen)


def _education(education: str, degree: str, school: str, degree_school: str) -> str:
    """`大学 法学学士` on the first line, the school(s) and major below."""
    return _join(_join(education, degree, sep=" "), _join(school, degree_school))


def _ym(value: YearMonth | None) -> str:
    return str(value) if value is not None else ""


class ProfileForm(QFrame):
    """Basic data of one cadre: `set_cadre(view, photo)` fills it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("profileForm")
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(8)
        self._grid.setVerticalSpacing(6)
        self._values: dict[str, QLabel] = {}
        self.photo = QLabel(self)
        self.photo.setObjectName("profilePhoto")
        self.photo.setFixedSize(PHOTO_SIZE)
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo.setFrameShape(QFrame.Shape.Box)
        self._build()

    def _label(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        label.setProperty("role", "field-label")
        label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        secondary(label)
        return label

    def _value(self, key: str) -> QLabel:
        value = QLabel(self)
        value.setObjectName(f"value_{key}")
        value.setProperty("role", "field-value")
        value.setWordWrap(key not in _NO_WRAP)
        value.setTextFormat(Qt.TextFormat.PlainText)
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        value.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # Preferred, not Ignored: an unbreakable value (an ID number) widens its column instead of
        # being cut off; the profile's scroll area scrolls sideways if the pane is narrower still.
        # (No explicit minimum width: it would override the label's own minimum size hint.)
        value.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self._values[key] = value
        return value

    def _row(self, row: int, first: tuple[str, str], second: tuple[str, str] | None, last_col: int) -> None:
        key, text = first
        self._grid.addWidget(self._label(text), row, 0)
        if second is None:
            self._grid.addWidget(self._value(key), row, 1, 1, last_col)
            return
        self._grid.addWidget(self._value(key), row, 1)
        key2, text2 = second
        self._grid.addWidget(self._label(text2), row, 2)
        self._grid.addWidget(self._value(key2), row, 3, 1, last_col - 2)

    def _build(self) -> None:
        beside_photo = (
            (("name", self.tr("Name")), ("gender", self.tr("Gender"))),
            (("birth", self.tr("Born (age)")), ("ethnicity", self.tr("Ethnicity"))),
            (("native_place", self.tr("Native place")), ("birthplace", self.tr("Birthplace"))),
            (("political_status", self.tr("Political status")), ("party_join", self.tr("Joined the Party"))),
            (("work_start", self.tr("Started work")), ("health", self.tr("Health"))),
        )
        # Each row holds two (key, label) pairs; a row whose second pair is None spans the full width.
        below_photo: tuple[tuple[tuple[str, str], tuple[str, str] | None], ...] = (
            (("professional_title", self.tr("Professional title")), None),
            (("speciality", self.tr("Expertise")), None),
            # Degree and school in one cell each: the form's two narrow cells would wrap badly here.
            (("fulltime_education", self.tr("Full-time education")), None),
            (("inservice_education", self.tr("In-service education")), None),
            (("post", self.tr("Current post")), None),
            (("rank", self.tr("Rank")), ("post_since", self.tr("In post since"))),
            (("unit", self.tr("Unit")), None),
            (("id_number", self.tr("ID number")), ("phone", self.tr("Phone"))),
            (("notes", self.tr("Notes")), None),
        )
        for row, (first, second) in enumerate(beside_photo):
            self._row(row, first, second, 3)
        self._grid.addWidget(self.photo, 0, 4, len(beside_photo), 1, Qt.AlignmentFlag.AlignTop)
        for row, (left, right) in enumerate(below_photo, start=len(beside_photo)):
            self._row(row, left, right, 4)
        self._grid.setColumnStretch(1, 1)
        self._grid.setColumnStretch(3, 1)
        self._grid.setRowStretch(len(beside_photo) + len(below_photo), 1)

    def value_text(self, key: str) -> str:
        return self._values[key].text()

    def set_cadre(self, cadre: CadreView, photo: QPixmap | None, today: dt.date | None = None) -> None:
        age = cadre.age(today)
        political = cadre.political_status
        if cadre.democratic_party and cadre.democratic_party not in political:
            political = _join(political, cadre.democratic_party, sep="、")
        values = {
            "name": cadre.name,
            "gender": cadre.gender,
            "birth": self.tr("{birth} (age {age})").format(birth=cadre.birth, age=age),
            "ethnicity": cadre.ethnicity,
            "native_place": cadre.native_place,
            "birthplace": cadre.birthplace,
            "political_status": political,
            "party_join": _ym(cadre.party_join),
            "work_start": _ym(cadre.work_start),
            "health": cadre.health,
            "professional_title": cadre.professional_title,
            "speciality": cadre.speciality,
            "fulltime_education": _education(
                cadre.fulltime_education,
                cadre.fulltime_degree,
                cadre.fulltime_school,
                cadre.fulltime_degree_school,
            ),
            "inservice_education": _education(
                cadre.inservice_education,
                cadre.inservice_degree,
                cadre.inservice_school,
                cadre.inservice_degree_school,
            ),
            "post": cadre.post,
            "rank": cadre.rank,
            "post_since": _ym(cadre.post_since),
            "unit": cadre.unit,
            "id_number": cadre.id_number,
            "phone": cadre.phone,
            "notes": cadre.notes,
        }
        for key, label in self._values.items():
            label.setText(values.get(key, ""))
        self._set_photo(photo)

    def _set_photo(self, photo: QPixmap | None) -> None:
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
