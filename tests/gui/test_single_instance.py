"""A second window on the same database: told who holds it, offered read-only; the lock is released
on exit."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from cadre_desk.db.instance_lock import lock_path, read_holder
from cadre_desk.db.opening import open_database
from cadre_desk.ui.shell import application, instance, main_window
from tests.integration.test_instance_lock import hold


@pytest.fixture
def quiet(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    for name in ("critical", "warning", "information"):
        monkeypatch.setattr(QMessageBox, name, lambda _p, _t, text, *a: shown.append(text))
    monkeypatch.setattr(QApplication, "exec", staticmethod(lambda: 0))
    return shown


def test_a_second_window_is_offered_read_only(
    qapp: QApplication, tmp_path: Path, quiet: list[str], monkeypatch: pytest.MonkeyPatch, _zh_cn: None
) -> None:
    path = tmp_path / "db.db"
    open_database(str(path)).dispose()
    proc = hold(path)
    try:
        offers: list[str] = []
        monkeypatch.setattr(
            instance.ReadOnlyOffer, "ask", classmethod(lambda cls, _p, m: offers.append(m) or False)
        )
        assert application.run_gui(str(path), "测试员") == 1  # declined
        assert f"进程 {proc.pid}" in offers[0]

        opened: list[tuple[str, bool]] = []
        monkeypatch.setattr(instance.ReadOnlyOffer, "ask", classmethod(lambda cls, _p, m: True))

        def show(window: main_window.MainWindow) -> None:
            opened.append((window.windowTitle(), window.ctx.db.engine.url.database or ""))

        monkeypatch.setattr(main_window.MainWindow, "show", show)
        assert application.run_gui(str(path), "测试员") == 0
        assert opened and "只读" in opened[0][0]
        assert read_holder(path).pid == proc.pid  # type: ignore[union-attr]  # still the holder's
    finally:
        proc.communicate("\n", timeout=30)
    assert not lock_path(path).exists()


def test_the_window_takes_and_releases_the_lock(
    qapp: QApplication, tmp_path: Path, quiet: list[str], monkeypatch: pytest.MonkeyPatch, _zh_cn: None
) -> None:
    path = tmp_path / "db.db"
    seen: list[int | None] = []
    monkeypatch.setattr(
        main_window.MainWindow, "show", lambda self: seen.append(getattr(read_holder(path), "pid", None))
    )
    assert application.run_gui(str(path), "测试员") == 0
    import os

    assert seen == [os.getpid()]
    assert not lock_path(path).exists()
