"""The profile's strip of 晴雨表 periods: one small box per period, oldest first, each with the period and
its colour word on the colour (a black-and-white screenshot and a colour-blind reader both read the
word); the tooltip gives the rule that fired, the 研判 and the 处置."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from cadre_desk.domain import barometer as bd
from cadre_desk.services import barometer_history, barometer_rules
from cadre_desk.services.context import ServiceContext

FILLS = {bd.RED: "#f4b6b6", bd.YELLOW: "#fbe7a1", bd.GREEN: "#c8e6c9"}
SHOWN = 8  # the latest two years of quarters


class QuarterStrip(QWidget):
    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("barometerStrip")
        self._ctx = ctx
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 2, 0, 2)
        self._layout.setSpacing(3)
        self.caption = QLabel(self.tr("Barometer by quarter"), self)
        self._layout.addWidget(self.caption)
        self.boxes: list[QLabel] = []
        self._layout.addStretch(1)

    def show_cadre(self, cadre_id: int) -> None:
        for box in self.boxes:
            self._layout.removeWidget(box)
            box.deleteLater()
        self.boxes = []
        readings = barometer_history.cadre_history(self._ctx, cadre_id, SHOWN)
        self.setVisible(bool(readings))
        if not readings:
            return
        words = barometer_rules.colour_words(self._ctx)
        for n, r in enumerate(readings):
            word = self.tr("Tolerated") if r.tolerated else words[r.colour]
            box = QLabel(f"{r.period} {word}", self)
            box.setObjectName("barometerStripBox")
            fill = FILLS[bd.GREEN] if r.tolerated else FILLS[r.colour]
            box.setStyleSheet(
                f"QLabel {{ background: {fill}; color: black; border: 1px solid #888; padding: 1px 4px; }}"
            )
            tip = [r.label, r.rule_text or self.tr("no rule fired")]
            if r.tolerated:
                tip.append(f"{words[r.colour]}，{r.tolerated}")
            if r.override_reason:
                tip.append(self.tr("研判: %1").replace("%1", r.override_reason))
            if r.disposal:
                tip.append(self.tr("处置: %1").replace("%1", f"{r.disposal} {r.disposal_way}".strip()))
            box.setToolTip("\n".join(tip))
            self._layout.insertWidget(1 + n, box)
            self.boxes.append(box)

    def texts(self) -> list[str]:
        return [b.text() for b in self.boxes]
