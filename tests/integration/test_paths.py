"""Where things are: resources inside the package, the portable data folder beside a bundled program."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cadre_desk import paths

ROOT = Path(__file__).resolve().parents[2]


def test_resources_are_inside_the_package() -> None:
    package = Path(paths.__file__).resolve().parent
    for path in [
        paths.font_path("wqy-microhei.ttc"),
        paths.font_path("hanamina-ext.ttf"),
        paths.translations_dir() / "cadre_desk_zh_CN.qm",
        *(paths.icon_path(size) for size in paths.ICON_SIZES),
    ]:
        assert path.is_file(), path
        assert path.is_relative_to(package), path


def test_the_icons_are_rendered_from_their_svg_source() -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "make_icons.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.fixture
def bundled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The interpreter as PyInstaller leaves it: sys.frozen set, sys.executable the program."""
    folder = tmp_path / "U盘 程序" / "cadre-desk"
    folder.mkdir(parents=True)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(folder / "cadre-desk"))
    monkeypatch.delenv("CADRE_DESK_DATA_DIR", raising=False)
    monkeypatch.delenv("CADRE_DESK_DB", raising=False)
    return folder


def test_portable_mode_keeps_the_data_beside_the_program(bundled: Path) -> None:
    assert paths.program_dir() == bundled
    assert paths.portable_dir() is None
    assert not paths.data_dir().is_relative_to(bundled)
    (bundled / paths.PORTABLE_MARKER).write_text("portable\n", encoding="utf-8")
    assert paths.portable_dir() == bundled / "data"
    assert paths.data_dir() == bundled / "data"
    assert paths.default_database() == str(bundled / "data" / "cadre-desk.db")
    assert paths.backup_dir() == bundled / "data" / "backups"


def test_the_environment_still_wins_over_portable_mode(
    bundled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (bundled / paths.PORTABLE_MARKER).write_text("", encoding="utf-8")
    monkeypatch.setenv("CADRE_DESK_DATA_DIR", str(tmp_path / "elsewhere"))
    assert paths.data_dir() == tmp_path / "elsewhere"


def test_run_by_python_is_never_portable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    (tmp_path / paths.PORTABLE_MARKER).write_text("", encoding="utf-8")
    assert paths.program_dir() is None
    assert paths.portable_dir() is None
