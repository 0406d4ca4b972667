"""Every path the app uses, resolved in one place (qutebrowser's `standarddir`)."""

from __future__ import annotations

import os
from functools import cache
from importlib import resources
from pathlib import Path

import platformdirs

APP_NAME = "CadreDesk"
PACKAGE_DIR = Path(__file__).resolve().parent
# The source checkout (tools, docs, the .ts translation source); absent from an installed wheel.
ROOT_DIR = PACKAGE_DIR.parent
MIGRATIONS_DIR = PACKAGE_DIR / "db" / "migrations"


def data_dir() -> Path:
    """The user's data directory; `CADRE_DESK_DATA_DIR` overrides it (tests, portable installs)."""
    override = os.environ.get("CADRE_DESK_DATA_DIR")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    return path


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


def translations_dir() -> Path:
    """The compiled .qm catalogues (their .ts sources are in the checkout's resources/translations)."""
    return package_resources() / "translations"
