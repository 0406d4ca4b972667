#!/usr/bin/env python3
"""Regenerate the UI translations: pyside6-lupdate (sources -> .ts), then pyside6-lrelease (.ts -> .qm).

    .venv/bin/python tools/update_translations.py          # update the .ts, compile the .qm
    .venv/bin/python tools/update_translations.py --check  # also fail if any entry is untranslated

Workflow: write English UI strings with self.tr() / QCoreApplication.translate() / QT_TRANSLATE_NOOP
in cadre_desk/ui/**/*.py; run this script; open resources/translations/cadre_desk_zh_CN.ts in
`.venv/bin/pyside6-linguist` (or any editor) and fill in the new entries (lupdate marks them
`type="unfinished"`); run this script again so the compiled .qm matches. Commit both files: the .ts
source stays in the checkout's resources/translations, the compiled .qm is written into the package
(cadre_desk/resources/translations), where the installed app finds it through importlib.resources.
Translations of strings that disappeared from the sources are dropped (-no-obsolete).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

# This checkout's package, not the one the venv's editable install points at (a worktree's tool
# must write its own files).
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cadre_desk import paths

# en: the source strings are English already; its catalogue holds only the plural forms
# (`tr("%n pairing(s)", "", n)` -> "1 pairing" / "2 pairings"), so only those must be translated.
LANGUAGES = ("zh_CN", "en")
PLURALS_ONLY = {"en"}
CATALOG = "cadre_desk"
SOURCE_DIR = paths.ROOT_DIR / "resources" / "translations"


def tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease next to the running interpreter (the venv's bin/)."""
    candidate = Path(sys.executable).parent / name
    return str(candidate) if candidate.exists() else name


def sources() -> list[Path]:
    return sorted((paths.PACKAGE_DIR / "ui").rglob("*.py"))


def ts_file(language: str) -> Path:
    return SOURCE_DIR / f"{CATALOG}_{language}.ts"


def qm_file(language: str) -> Path:
    return paths.translations_dir() / f"{CATALOG}_{language}.qm"


def untranslated(ts: Path, plurals_only: bool = False) -> list[str]:
    """Source texts whose translation is missing, unfinished or empty (`plurals_only`: of the
    messages with plural forms)."""
    missing = []
    for message in ET.parse(ts).getroot().iter("message"):
        if plurals_only and message.get("numerus") != "yes":
            continue
        translation = message.find("translation")
        if translation is None or translation.get("type") in {"unfinished", "vanished", "obsolete"}:
            ok = False
        else:
            ok = bool((translation.text or "").strip()) or translation.find("numerusform") is not None
        if not ok:
            missing.append(message.findtext("source") or "")
    return missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="fail if any entry is untranslated")
    args = parser.parse_args(argv)
    SOURCE_DIR.mkdir(parents=True, exist_ok=True)
    paths.translations_dir().mkdir(parents=True, exist_ok=True)
    status = 0
    for language in LANGUAGES:
        ts = ts_file(language)
        lupdate = [tool("pyside6-lupdate"), "-no-obsolete", "-locations", "relative"]
        if not ts.exists():
            lupdate += ["-target-language", language]
        subprocess.run([*lupdate, *map(str, sources()), "-ts", str(ts)], check=True)
        subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(qm_file(language))], check=True)
        missing = untranslated(ts, plurals_only=language in PLURALS_ONLY)
        if missing:
            print(f"{ts.name}: {len(missing)} untranslated:", *missing, sep="\n  ")
            if args.check:
                status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
