"""Every path the app uses, resolved in one place (qutebrowser's `standarddir`)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "CadreDesk"
PACKAGE_DIR = Path(__file__).resolve().parent
ROOT_DIR = PACKAGE_DIR.parent
RESOURCES_DIR = ROOT_DIR / "resources"
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


def font_path(name: str) -> Path:
    return RESOURCES_DIR / "fonts" / name


def translations_dir() -> Path:
    return RESOURCES_DIR / "translations"
