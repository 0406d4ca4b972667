"""成长画像 on the profile: drawn on demand, hovering a step names the resume line."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage

from cadre_desk.domain.post_level import SECTION
from cadre_desk.reports.portrait_figure import Box, Label
from cadre_desk.services import cadres
from cadre_desk.ui.roster.roster_page import RosterPage

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def test_the_portrait_tab_draws_the_career(
    roster_page: RosterPage, sample_cadres: dict[str, cadres.CadreView]
) -> None:
    roster_page.show_cadre(sample_cadres["张三"].id)
    view = roster_page.profile
    assert view.portrait_view.portrait is None  # nothing is read until the tab is opened
    view.tabs.setCurrentWidget(view.portrait_view)
    view.portrait_view.resize(900, 460)
    p = view.portrait_view.portrait
    assert p is not None and p.name == "张三"
    # The open line reads 科长 (股级), the profile's 职级 正科级 raises it.
    assert [s.level for s in p.steps][-1] == SECTION
    shapes = view.portrait_view.shapes()
    assert any(isinstance(s, Label) and s.text == "优秀" for s in shapes)
    step = next(s for s in shapes if isinstance(s, Box) and s.tip.startswith("2012.03--"))
    tip = view.portrait_view.tip_at(step.x + step.w / 2, step.y + step.h / 2)
    assert tip == "2012.03--  中共某某县委组织部干部一科科员、副科长、科长"
    assert view.portrait_view.tip_at(1, 1) == ""
    image = QImage(view.portrait_view.size(), QImage.Format.Format_ARGB32)
    image.fill(0xFFFFFFFF)
    view.portrait_view.render(image)
    painted = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(painted) > 5  # lanes, bars and text were painted, not a blank widget

    # Another cadre: the portrait follows the profile.
    roster_page.show_cadre(sample_cadres["李四"].id)
    assert view.portrait_view.portrait is not None and view.portrait_view.portrait.name == "李四"
