"""The desktop integration files the .deb installs agree with each other and with the program."""

from __future__ import annotations

import configparser
import xml.etree.ElementTree as ET
from pathlib import Path

from cadre_desk.cli import OPEN_COMMAND, build_parser
from cadre_desk.services.context import ServiceContext
from cadre_desk.transfer import package
from tests.conftest import make_cadre

LINUX = Path(__file__).resolve().parents[2] / "packaging" / "linux"
NS = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}


def mime_types() -> dict[str, ET.Element]:
    root = ET.parse(LINUX / "cadre-desk-mime.xml").getroot()
    return {node.get("type", ""): node for node in root.findall("m:mime-type", NS)}


def magic_matches(node: ET.Element, data: bytes) -> bool:
    """shared-mime-info's string matches: a <match> holds if it matches here and, when it has
    children, one of them holds too."""
    value = node.get("value", "").encode().decode("unicode_escape").encode("latin-1")
    offset = int(node.get("offset", "0"))
    if data[offset : offset + len(value)] != value:
        return False
    children = node.findall("m:match", NS)
    return not children or any(magic_matches(child, data) for child in children)


def test_an_exported_package_is_recognised_by_its_magic(ctx: ServiceContext, tmp_path: Path) -> None:
    cadre = make_cadre(ctx, "赵六")
    dest = tmp_path / "交换包.zip"
    package.export_package(ctx, [cadre.id], dest)
    node = mime_types()["application/x-cadre-desk-package"]
    (magic,) = node.findall("m:magic", NS)
    assert int(magic.get("priority", "50")) > 50  # above application/zip's own magic
    data = dest.read_bytes()
    assert any(magic_matches(match, data) for match in magic.findall("m:match", NS))
    plain_zip = tmp_path / "other.zip"
    import zipfile

    with zipfile.ZipFile(plain_zip, "w") as archive:
        archive.writestr("readme.txt", "not a package")
    assert not any(magic_matches(m, plain_zip.read_bytes()) for m in magic.findall("m:match", NS))


def test_the_menu_entry_opens_the_declared_types_with_the_open_command() -> None:
    desktop = configparser.ConfigParser(interpolation=None, strict=False)
    desktop.optionxform = str  # type: ignore[assignment,method-assign]
    desktop.read(LINUX / "cadre-desk.desktop", encoding="utf-8")
    entry = desktop["Desktop Entry"]
    declared = {t for t in entry["MimeType"].split(";") if t}
    assert declared == set(mime_types())
    assert entry["Exec"] == f"/usr/bin/cadre-desk {OPEN_COMMAND} %F"
    assert entry["Icon"] == "cadre-desk" and entry["Name[zh_CN]"] == "干部成长档案台"
    args = build_parser()[0].parse_args([OPEN_COMMAND, "a.lrmx"])
    assert args.files == ["a.lrmx"]
