"""The shipped zh_CN translation: complete, placeholders intact, compiled, and installed by default."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication

from cadre_desk import paths
from cadre_desk.ui.shell import i18n

TS = paths.ROOT_DIR / "resources" / "translations" / "cadre_desk_zh_CN.ts"
QM = paths.translations_dir() / "cadre_desk_zh_CN.qm"
PLACEHOLDER = re.compile(r"\{[a-z_]*\}|%\d")


def messages() -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(TS).getroot()
    return [
        (context.findtext("name") or "", message.findtext("source") or "", message)
        for context in root.iter("context")
        for message in context.iter("message")
    ]


def text_of(message: ET.Element) -> str:
    """The translation; of a message with plural forms (`tr("%n …", "", n)`), the first form."""
    translation = message.find("translation")
    assert translation is not None
    forms = translation.findall("numerusform")
    return (forms[0].text or "") if forms else (translation.text or "")


def test_every_string_is_translated() -> None:
    assert TS.is_file() and QM.is_file()
    found = messages()
    assert len(found) > 50
    problems = []
    for context, source, message in found:
        translation = message.find("translation")
        assert translation is not None
        if translation.get("type") in {"unfinished", "vanished", "obsolete"}:
            problems.append(f"{context}: {source!r} is {translation.get('type')}")
        elif not text_of(message).strip():
            problems.append(f"{context}: {source!r} has an empty translation")
    assert problems == []


def test_placeholders_and_accelerators_survive_translation() -> None:
    for context, source, message in messages():
        text = text_of(message)
        assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(text)), (context, source)
        if "&" in source.replace("&amp;", "") and not source.startswith("<"):
            assert "&" in text, (context, source)


def test_the_compiled_catalogue_matches_the_source() -> None:
    translator = QTranslator()
    assert translator.load(str(QM))
    for context, source, message in messages():
        if message.get("numerus") == "yes":
            got = translator.translate(context, source, None, 1)
            assert got == text_of(message), (context, source)
        else:
            assert translator.translate(context, source) == text_of(message), (context, source)


def test_zh_cn_is_the_default_and_en_switches_it_off(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(i18n.LANG_ENV, raising=False)
    assert i18n.chosen_language() == "zh_CN"
    assert i18n.chosen_language("en") == "en"
    monkeypatch.setenv(i18n.LANG_ENV, "en")
    assert i18n.chosen_language("zh_CN") == "en"
    english = i18n.install_translators(qapp, "en")
    try:  # English keeps the source strings; its catalogue only holds the plural forms
        assert QCoreApplication.translate("PairingsPage", "%n pairing(s)", "", 1) == "1 pairing"
        assert QCoreApplication.translate("PairingsPage", "%n pairing(s)", "", 2) == "2 pairings"
    finally:
        i18n.remove_translators(qapp, english)

    translators = i18n.install_translators(qapp, "zh_CN")
    try:
        assert QCoreApplication.translate("MainWindow", "Cadre roster") == "干部名册"
    finally:
        i18n.remove_translators(qapp, translators)
