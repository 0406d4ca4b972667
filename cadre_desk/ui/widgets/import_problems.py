"""The message that a list was not imported: how many problems stop it, and each of them."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

MAX_SHOWN = 30  # in the details; the message itself shows the first 8


def show_import_problems(parent: QWidget, source: str, problems: Sequence[tuple[str, str]]) -> None:
    """Tell the user that nothing of `source` was imported, listing its `problems` ((where, message),
    e.g. ("第 3 行", "…"))."""
    lines = [f"{where}：{message}" for where, message in problems[:MAX_SHOWN]]
    if len(problems) > MAX_SHOWN:
        lines.append("…")
    title = QCoreApplication.translate("ImportProblems", "Not imported")
    box = QMessageBox(QMessageBox.Icon.Warning, title, "", parent=parent)
    box.setText(
        QCoreApplication.translate("ImportProblems", "%1 has %2 problem(s); nothing was imported.")
        .replace("%1", source)
        .replace("%2", str(len(problems)))
    )
    box.setDetailedText("\n".join(lines))
    box.setInformativeText("\n".join(lines[:8]))
    box.exec()
