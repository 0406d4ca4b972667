"""The daily-work pages after the roster in the navigation: 结对帮带, 成长日记, 谈话记录.

`build_work_pages(ctx, settings, today, parent)` returns `(key, title, page)` triples, which the main
window adds in order; each page is a `shell.page.Page` (the contract between the window and its pages).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.diary.diary_page import DiaryPage
from cadre_desk.ui.pairings.pairings_page import PairingsPage
from cadre_desk.ui.shell.page import Page
from cadre_desk.ui.shell.settings import Settings
from cadre_desk.ui.talks.talks_page import TalksPage

PAIRINGS, DIARY, TALKS = "pairings", "diary", "talks"


def build_work_pages(
    ctx: ServiceContext, settings: Settings, today: dt.date | None, parent: QWidget
) -> list[tuple[str, str, Page]]:
    pairings = PairingsPage(ctx, today, parent)
    diary = DiaryPage(ctx, today, parent)
    talks = TalksPage(ctx, today, parent)
    pairings.restore_state(settings)
    talks.restore_state(settings)
    return [
        (PAIRINGS, QCoreApplication.translate("WorkPages", "Mentorship pairings"), pairings),
        (DIARY, QCoreApplication.translate("WorkPages", "Growth diaries"), diary),
        (TALKS, QCoreApplication.translate("WorkPages", "Talk records"), talks),
    ]
