"""The welcome page, shown while the database holds no cadres: what the desk is for, and how to begin."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.demo import MAX_CADRES, MIN_CADRES
from cadre_desk.ui.shell.page import Page
from cadre_desk.ui.shell.style import WELCOME_STYLE, emphasize
from cadre_desk.ui.widgets.weak import weak_slot

CARD_WIDTH = 680


class WelcomePage(Page):
    """Emits `demo_requested(count)` or `blank_requested()`; the main window does the work."""

    demo_requested = Signal(int)
    blank_requested = Signal()

    def __init__(self, database: str, demo_cadres: int = 300, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        card = QFrame(self)
        card.setObjectName("welcomeCard")
        card.setMaximumWidth(CARD_WIDTH)

        title = QLabel(self.tr("Welcome to Cadre Desk"), card)
        title.setObjectName("welcomeTitle")
        emphasize(title, 1.8)
        card.setStyleSheet(WELCOME_STYLE)
        intro = QLabel(
            self.tr(
                "Cadre Desk keeps the records of the department's cadre development work: cadre "
                "profiles with everything on the appointment form, one-to-one mentorship pairings, "
                "growth diaries with the mentors' comments, and talk records, with one search over "
                "all of them. It works offline; every record stays in one file on this computer."
            ),
            card,
        )
        where = QLabel(self.tr("This database has no cadres yet:\n{path}").format(path=database), card)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        try_it = QLabel(
            self.tr(
                "To look around first, generate a demo county with realistic but invented cadres, "
                "pairings, diaries and talks. Demo data can only be added to an empty database, so "
                "use a separate file for it and start your real records in a new one."
            ),
            card,
        )
        self.demo_login = QLabel(
            self.tr(
                "A demo database has the account demo with the password demo (system administrator, "
                "records clerk and fault-tolerance cases), also for the command line: "
                "CADRE_DESK_USER=demo CADRE_DESK_PASSWORD=demo."
            ),
            card,
        )
        self.demo_login.setObjectName("demoLogin")
        for label in (intro, where, try_it, self.demo_login):
            label.setWordWrap(True)

        self.count = QSpinBox(card)
        self.count.setObjectName("demoCount")
        self.count.setRange(MIN_CADRES, MAX_CADRES)
        self.count.setSingleStep(100)
        self.count.setValue(min(max(demo_cadres, MIN_CADRES), MAX_CADRES))
        self.count.setSuffix(self.tr(" cadres"))
        self.count.setAccessibleName(self.tr("Number of demo cadres"))
        self.demo_button = QPushButton(self.tr("Generate demo data"), card)
        self.demo_button.setObjectName("demoButton")
        self.blank_button = QPushButton(self.tr("Start with an empty database"), card)
        self.blank_button.setObjectName("blankButton")
        self.demo_button.clicked.connect(weak_slot(self._demo_clicked))
        self.blank_button.clicked.connect(self.blank_requested)

        buttons = QHBoxLayout()
        buttons.addWidget(self.count)
        buttons.addWidget(self.demo_button)
        buttons.addSpacing(24)
        buttons.addWidget(self.blank_button)
        buttons.addStretch(1)

        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(32, 28, 32, 28)
        card_layout.setSpacing(14)
        card_layout.addWidget(title)
        card_layout.addWidget(intro)
        card_layout.addWidget(where)
        card_layout.addWidget(try_it)
        card_layout.addWidget(self.demo_login)
        card_layout.addSpacing(8)
        card_layout.addLayout(buttons)

        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 10)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

    def _demo_clicked(self) -> None:
        self.demo_requested.emit(self.count.value())

    def set_busy(self, busy: bool) -> None:
        """Disable the buttons while demo data is being generated."""
        for widget in (self.count, self.demo_button, self.blank_button):
            widget.setEnabled(not busy)
