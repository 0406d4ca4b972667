"""已容错 on the profile: each 免责 ruling of the cadre (date, body, document number, matter), so that no
one counts the matter against them in 考核, 评优, 选任, 职级晋升 or 后备 decisions."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from cadre_desk.errors import PermissionDenied
from cadre_desk.services import tolerance_effects
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.shell import refusals


class ToleranceBanner(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("toleranceBanner")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setStyleSheet(
            "QLabel#toleranceBanner { background: #eaf4ea; border: 1px solid #5a9a5a; padding: 6px; }"
        )
        self.hide()

    def show_for(self, ctx: ServiceContext, cadre_id: int) -> None:
        try:
            matters = tolerance_effects.cadre_tolerance(ctx, cadre_id)
        except PermissionDenied as refused:  # e.g. a 导师 on a mentee's profile: the ruling is not his to see
            refusals.expected(ctx, refused)
            matters = []
        if not matters:
            self.clear()
            self.hide()
            return
        lines = [f"{m.label()}：{m.matter}" for m in matters]
        lines.append(
            self.tr("Not to be counted against the cadre in assessments, awards, selection or pools.")
        )
        self.setText("\n".join(lines))
        self.show()
