#!/usr/bin/env python3
"""Screenshots of every page for the README: `make screenshots` (under Xvfb) or directly.

    .venv/bin/python tools/screenshots.py [--out docs/screenshots] [--db demo.db] [--cadres 300]

Builds (or reuses, with --db) a demo database, opens the main window in the zh_CN translation with
the bundled font, visits 工作台, the roster with a profile open, each work page, the global search
and the settings dialog, and writes one PNG per view with `QWidget.grab()` (identical under Xvfb and
the offscreen platform). Settings go to a temporary ini file, never the user's. Last, the window
again in English (CADRE_DESK_LANG=en) on 结对帮带: `english-pairings.png`; `--only english` writes
just that one. 单位 is shot after the others (`units.png`, a township with its 班子 chosen), so the
numbers of the older pictures stay; `--only units` writes just that one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("CADRE_DESK_CRASH_LOG_ONLY", "1")
if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QSettings, QTimer  # after the platform choice
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

from cadre_desk import demo, paths
from cadre_desk.db.opening import open_database
from cadre_desk.services.context import open_context
from cadre_desk.ui.settings.settings_dialog import SettingsDialog
from cadre_desk.ui.shell import i18n
from cadre_desk.ui.shell.application import application
from cadre_desk.ui.shell.fonts import install_fonts
from cadre_desk.ui.shell.main_window import HOME, ROSTER, UNITS, MainWindow
from cadre_desk.ui.shell.settings import Settings

SIZE = (1440, 900)
TODAY = dt.date(2026, 11, 25)  # fixed, so the pictures do not change from day to day


def settle(ms: int = 150) -> None:
    """Let layouts, timers and queued signals run."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def save(widget: QWidget, out: Path, name: str) -> Path:
    settle()
    path = out / f"{name}.png"
    if not widget.grab().save(str(path)):
        raise SystemExit(f"could not write {path}")
    print(path)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=paths.ROOT_DIR / "docs" / "screenshots")
    parser.add_argument("--db", type=Path, help="demo database to reuse (created if missing)")
    parser.add_argument("--cadres", type=int, default=300)
    parser.add_argument("--only", choices=("english", "units"), help="write only this screenshot")
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="cadre-shots-") as tmp:
        os.environ["CADRE_DESK_DATA_DIR"] = str(Path(tmp) / "data")
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(Path(tmp) / "qsettings"))
        db_path = args.db or Path(tmp) / "demo.db"
        fresh = not db_path.exists()
        db = open_database(str(db_path))
        try:
            ctx = open_context(db, "演示操作员")
            if fresh:
                report = demo.generate(db, args.cadres, seed=1, today=TODAY)
                print(f"demo data: {report.cadres} cadres, {report.talks} talks", file=sys.stderr)
            if args.only == "english":
                return shoot_english(ctx, out, Path(tmp))
            if args.only == "units":
                return shoot(ctx, out, Path(tmp), only_units=True)
            code = shoot(ctx, out, Path(tmp))
            return code or shoot_english(ctx, out, Path(tmp))
        finally:
            db.dispose()


def shoot(ctx: object, out: Path, tmp: Path, only_units: bool = False) -> int:
    from cadre_desk.services.context import ServiceContext

    assert isinstance(ctx, ServiceContext)
    app = application()
    install_fonts(app)
    translators = i18n.install_translators(app, i18n.DEFAULT_LANGUAGE)
    settings = Settings.at(tmp / "ui.ini")
    window = MainWindow(ctx, settings, today=TODAY, background_checks=False)
    window.resize(*SIZE)
    window.show()
    window.status.refresh_record_counts()
    settle(600)
    while window.home.table is None:  # the home lists load in the background
        settle(100)
    table = window.home.table
    samples = []  # one record of each kind to show on the work pages
    if table.ending_pairings:
        samples.append(("mentorship", table.ending_pairings[0].mentorship_id))
    if table.pending_comments:
        samples.append(("diary", table.pending_comments[0].entry_id))
    if table.follow_ups:
        samples.append(("talk", table.follow_ups[0].talk_id))
    if only_units:
        shoot_units(window, out)
        return close(window, app, translators)
    number = 1
    for key in window.page_keys():
        if key == UNITS:
            continue  # shot last, as units.png (a township with its 班子)
        window.show_page(key)
        if key == ROSTER:
            window.roster.select_first()
        show_record = getattr(window.page(key), "show_record", None)
        if callable(show_record):
            for kind, record_id in samples:
                if show_record(kind, record_id):
                    break
        settle(300)
        save(window, out, f"{number:02d}-{key}")
        number += 1

    window.show_page(HOME)
    window.focus_search()
    event = QInputMethodEvent()
    event.setCommitString("基层治理")
    QApplication.sendEvent(window.search, event)
    window.global_search.run()
    save(window, out, f"{number:02d}-search")
    number += 1
    window.global_search.close()

    dialog = SettingsDialog(ctx, settings, window)
    dialog.show()
    save(dialog, out, f"{number:02d}-settings")
    number += 1
    dialog.close()

    window.show_page(ROSTER)  # the profile's 任免 tab: the appointment form's own data
    window.roster.select_first()
    profile = window.roster.profile
    profile.tabs.setCurrentWidget(profile.case_scroll)
    settle(300)
    save(window, out, f"{number:02d}-appointment")
    profile.tabs.setCurrentWidget(profile.portrait_view)  # 成长画像 of the same cadre
    settle(300)
    save(window, out, "profile-portrait")
    shoot_units(window, out)
    return close(window, app, translators)


def shoot_units(window: MainWindow, out: Path) -> None:
    """单位 with a township chosen: the tree, its details and its 班子 with holders and vacancies."""
    from cadre_desk.services import teams

    window.show_page(UNITS)
    towns = [t for t in teams.list_teams(window.ctx) if t.unit_kind == "乡镇" and t.posts]
    if towns:
        best = max(towns, key=lambda t: (bool(t.posts[0].members), t.filled))  # its 书记 in post
        window.units_page.show_record("unit", best.unit_id)
    settle(300)
    save(window, out, "units")


def close(window: MainWindow, app: QApplication, translators: list) -> int:  # type: ignore[type-arg]
    window.close()
    settle()
    i18n.remove_translators(app, translators)
    return 0


def shoot_english(ctx: object, out: Path, tmp: Path) -> int:
    """The window as CADRE_DESK_LANG=en starts it: English UI, code values in English, the stored
    values (names, units, texts) as they are."""
    from cadre_desk.services.context import ServiceContext
    from cadre_desk.ui.shell.work_pages import PAIRINGS

    assert isinstance(ctx, ServiceContext)
    app = application()
    install_fonts(app)
    translators = i18n.install_translators(app, i18n.ENGLISH)
    window = MainWindow(ctx, Settings.at(tmp / "ui-en.ini"), today=TODAY, background_checks=False)
    window.resize(*SIZE)
    window.show()
    window.status.refresh_record_counts()
    window.show_page(PAIRINGS)
    settle(600)
    save(window, out, "english-pairings")
    window.close()
    settle()
    i18n.remove_translators(app, translators)
    return 0


if __name__ == "__main__":
    sys.exit(main())
