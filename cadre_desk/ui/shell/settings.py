"""Typed user-interface settings over QSettings (Frescobaldi's pattern): declared keys, types, defaults.

Only the look of the desk lives here (window geometry, splitters, columns, language). Business
configuration belongs in the database. Tests redirect the file with
`QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp_dir)` or pass an ini path.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

from cadre_desk import paths

log = logging.getLogger("cadre_desk.ui")

ORGANIZATION = paths.APP_NAME
APPLICATION = "cadre-desk"

T = TypeVar("T")


@dataclass(frozen=True, eq=False)
class Key(Generic[T]):
    """One setting: its name in the file, its type and the value when it is unset or unreadable."""

    name: str
    kind: type[T]
    default: T


# Every key the UI uses, in one place.
LANGUAGE: Key[str] = Key("ui/language", str, "zh_CN")  # "zh_CN" or "en"
WINDOW_GEOMETRY: Key[QByteArray] = Key("main_window/geometry", QByteArray, QByteArray())
WINDOW_STATE: Key[QByteArray] = Key("main_window/state", QByteArray, QByteArray())
NAV_SPLITTER: Key[QByteArray] = Key("main_window/nav_splitter", QByteArray, QByteArray())
ROSTER_SPLITTER: Key[QByteArray] = Key("roster/splitter", QByteArray, QByteArray())
ROSTER_HEADER: Key[QByteArray] = Key("roster/header", QByteArray, QByteArray())
ROSTER_FILTERS_SHOWN: Key[bool] = Key("roster/filters_shown", bool, False)
PROFILE_SPLITTER: Key[QByteArray] = Key("profile/splitter", QByteArray, QByteArray())
DEMO_CADRES: Key[int] = Key("welcome/demo_cadres", int, 300)
CURRENT_PAGE: Key[str] = Key("main_window/current_page", str, "")
# Per machine: who works here and where the data file lives (moved from Settings); empty: the defaults.
OPERATOR: Key[str] = Key("session/operator", str, "")
DATABASE_PATH: Key[str] = Key("data/database", str, "")

PAIRINGS_SPLITTER: Key[QByteArray] = Key("pairings/splitter", QByteArray, QByteArray())
PAIRINGS_HEADER: Key[QByteArray] = Key("pairings/header", QByteArray, QByteArray())
TALKS_SPLITTER: Key[QByteArray] = Key("talks/splitter", QByteArray, QByteArray())
TALKS_HEADER: Key[QByteArray] = Key("talks/header", QByteArray, QByteArray())

ALL_KEYS: tuple[Key[Any], ...] = (
    LANGUAGE,
    WINDOW_GEOMETRY,
    WINDOW_STATE,
    NAV_SPLITTER,
    ROSTER_SPLITTER,
    ROSTER_HEADER,
    ROSTER_FILTERS_SHOWN,
    PROFILE_SPLITTER,
    DEMO_CADRES,
    CURRENT_PAGE,
    OPERATOR,
    DATABASE_PATH,
    PAIRINGS_SPLITTER,
    PAIRINGS_HEADER,
    TALKS_SPLITTER,
    TALKS_HEADER,
)


class Settings:
    """Read and write declared keys; a missing or malformed value reads as the key's default."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        if qsettings is None:
            portable = paths.portable_dir()  # a portable program keeps its settings with its data
            if portable is not None:
                qsettings = QSettings(str(portable / "settings.ini"), QSettings.Format.IniFormat)
            else:
                qsettings = QSettings(
                    QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION
                )
        self._q = qsettings

    @classmethod
    def at(cls, path: Path) -> Settings:
        """Settings kept in the given ini file (tests, portable installs)."""
        return cls(QSettings(str(path), QSettings.Format.IniFormat))

    @property
    def file_name(self) -> str:
        return self._q.fileName()

    def get(self, key: Key[T]) -> T:
        if not self._q.contains(key.name):
            return key.default
        value = _convert(self._q.value(key.name), key.kind)
        if value is None:
            log.warning("setting %s has an unreadable value; using the default", key.name)
            return key.default
        return value

    def set(self, key: Key[T], value: T) -> None:
        if not isinstance(value, key.kind):
            raise TypeError(f"setting {key.name} takes {key.kind.__name__}, not {type(value).__name__}")
        self._q.setValue(key.name, value)

    def remove(self, key: Key[Any]) -> None:
        self._q.remove(key.name)

    def sync(self) -> None:
        self._q.sync()


def _convert(raw: object, kind: type[T]) -> T | None:
    """The stored value as `kind` (ini files keep numbers and booleans as text), or None."""
    if isinstance(raw, kind) and not (kind is int and isinstance(raw, bool)):
        return raw
    if isinstance(raw, str):
        text = raw.strip()
        if kind is bool and text.lower() in {"true", "false"}:
            return kind(text.lower() == "true")  # type: ignore[call-arg]  # kind is bool here
        if kind is int:
            try:
                return kind(int(text))  # type: ignore[call-arg]  # kind is int here
            except ValueError:
                return None
    return None
