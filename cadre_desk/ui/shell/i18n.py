"""Translations the Qt way: English source strings, the zh_CN translation installed by default.

`CADRE_DESK_LANG=en` (or the setting `ui/language = en`) keeps the English source strings.
The .ts source lives in resources/translations, the compiled .qm inside the package
(cadre_desk/resources/translations); `tools/update_translations.py` regenerates both.
"""

from __future__ import annotations

import logging
import os

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from cadre_desk import paths

log = logging.getLogger("cadre_desk.ui")

LANG_ENV = "CADRE_DESK_LANG"
DEFAULT_LANGUAGE = "zh_CN"
ENGLISH = "en"
CATALOG = "cadre_desk"


_installed = {"language": DEFAULT_LANGUAGE}


def current_language() -> str:
    """The language whose translators were installed last (zh_CN until then)."""
    return _installed["language"]


def chosen_language(setting: str | None = None) -> str:
    """The environment variable wins over the setting; anything unknown falls back to zh_CN."""
    value = (os.environ.get(LANG_ENV) or setting or DEFAULT_LANGUAGE).strip()
    if value.lower().startswith("en"):
        return ENGLISH
    return DEFAULT_LANGUAGE


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install ours and Qt's own (standard buttons, context menus); return them to keep them alive."""
    _installed["language"] = language
    installed: list[QTranslator] = []
    if language == ENGLISH:
        QLocale.setDefault(QLocale("en_US"))
        plurals = QTranslator(app)  # the English catalogue holds only the plural forms
        if plurals.load(f"{CATALOG}_{ENGLISH}", str(paths.translations_dir())):
            app.installTranslator(plurals)
            installed.append(plurals)
        return installed
    QLocale.setDefault(QLocale(language))
    ours = QTranslator(app)
    if ours.load(f"{CATALOG}_{language}", str(paths.translations_dir())):
        app.installTranslator(ours)
        installed.append(ours)
    else:
        log.warning("translation %s_%s not found in %s", CATALOG, language, paths.translations_dir())
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qtbase = QTranslator(app)
    if qtbase.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qtbase)
        installed.append(qtbase)
    return installed


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
    _installed["language"] = DEFAULT_LANGUAGE
