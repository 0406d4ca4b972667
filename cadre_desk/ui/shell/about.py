"""帮助 → 关于: the program's name, version and icon, where its data is, and the details support asks for."""

from __future__ import annotations

import html
import platform
import sys

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cadre_desk import __version__, paths
from cadre_desk.ui.shell.icon import app_icon

ICON_SIZE = 64


def details(database: str) -> str:
    """Plain text for a support request: versions, the kind of install, where things are."""
    portable = paths.portable_dir()
    if portable is not None:
        install = "portable"
    elif paths.program_dir() is not None:
        install = "bundled"
    else:
        install = "Python"
    return "\n".join(
        [
            f"Cadre Desk {__version__}",
            f"Install: {install}",
            f"Python {platform.python_version()}, Qt {qVersion()}, PySide6 {PySide6.__version__}",
            f"System: {platform.platform()}",
            f"Program: {paths.program_dir() or sys.executable}",
            f"Database: {database}",
            f"Data folder: {paths.data_dir()}",
            f"Logs: {paths.log_dir()}",
        ]
    )


class AboutDialog(QDialog):
    def __init__(self, database: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About Cadre Desk"))
        self.details = details(database)

        icon = QLabel(self)
        icon.setPixmap(app_icon().pixmap(ICON_SIZE, ICON_SIZE))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.text = QLabel(self)
        self.text.setObjectName("aboutText")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setText(
            self.tr(
                "<h3>Cadre Desk {version}</h3>"
                "<p>Records of cadre development for a county organization department: profiles, "
                "mentorship pairings, growth diaries and talk records. Works offline.</p>"
                "<p>Database: {database}<br>Data folder: {data}</p>"
                "<p>Printed documents embed WenQuanYi Micro Hei (Apache-2.0) and a subset of "
                "HanaMinA (Hanazono Font License). Built with Qt {qt} (LGPL) and Python {python}.</p>"
            ).format(
                version=__version__,
                database=html.escape(database),
                data=html.escape(str(paths.data_dir())),
                qt=qVersion(),
                python=platform.python_version(),
            )
        )
        if paths.portable_dir() is not None:
            self.text.setText(
                self.text.text() + self.tr("<p>Portable mode: the data is kept beside the program.</p>")
            )

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = QPushButton(self.tr("Copy details"), self)
        self.copy_button.setToolTip(self.tr("Copy the version and locations, for a support request"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)

        row = QHBoxLayout()
        row.addWidget(icon)
        row.addWidget(self.text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copy_button.setText(self.tr("Copied"))
