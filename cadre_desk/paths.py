"""Every path the app uses, resolved in one place (qutebrowser's `standarddir`)."""

from __future__ import annotations

import os
import sys
from functools import cache
from importlib import resources
from pathlib import Path

import platformdirs

APP_NAME = "CadreDesk"
PACKAGE_DIR = Path(__file__).resolve().parent
# The source checkout (tools, docs, the .ts translation source); absent from an installed wheel.
ROOT_DIR = PACKAGE_DIR.parent
MIGRATIONS_DIR = PACKAGE_DIR / "db" / "migrations"
# A bundled program with this file beside its executable runs portable: its data folder is `data`
# beside the executable (a USB stick carries program and data together).
PORTABLE_MARKER = "portable.txt"
PORTABLE_DATA = "data"


def program_dir() -> Path | None:
    """The folder of the bundled executable (PyInstaller); None when run by a Python interpreter."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return None


def portable_dir() -> Path | None:
    """The portable data folder when the marker file is beside the bundled executable, else None."""
    program = program_dir()
    if program is not None and (program / PORTABLE_MARKER).is_file():
        return program / PORTABLE_DATA
    return None


def data_dir() -> Path:
    """The data directory: `CADRE_DESK_DATA_DIR` (tests), else the portable folder, else the user's."""
    override = os.environ.get("CADRE_DESK_DATA_DIR")
    if override:
        return Path(override)
    portable = portable_dir()
    if portable is not None:
        return portable
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_database() -> str:
    """`CADRE_DESK_DB` if set, else `cadre-desk.db` in the data directory."""
    return os.environ.get("CADRE_DESK_DB") or str(data_dir() / "cadre-desk.db")


def log_dir() -> Path:
    return data_dir() / "logs"


def backup_dir() -> Path:
    return data_dir() / "backups"


@cache
def package_resources() -> Path:
    """cadre_desk/resources inside the installed package (a wheel, a bundle or the checkout).

    Found through importlib.resources, never through the source tree. Fonts and translations are
    handed to reportlab and Qt by file name, so the package must live on a file system (it always
    does: wheels are unpacked, PyInstaller and the .deb put files on disk).
    """
    traversable = resources.files("cadre_desk") / "resources"
    if not isinstance(traversable, Path):
        raise RuntimeError(f"cadre_desk is not installed on a file system ({traversable!r})")
    return traversable


def font_path(name: str) -> Path:
    return package_resources() / "fonts" / name


ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def icon_path(size: int) -> Path:
    """The application icon as a PNG of `size` pixels (one of ICON_SIZES), rendered from its SVG
    source (resources/icons) by tools/make_icons.py, so that no SVG support is needed at run time."""
    return package_resources() / "icons" / f"cadre-desk-{size}.png"


def translations_dir() -> Path:
    """The compiled .qm catalogues (their .ts sources are in the checkout's resources/translations)."""
    return package_resources() / "translations"
