#!/usr/bin/env python3
"""Render the application icon from its SVG source, reproducibly (Qt's QSvgRenderer, no other tool).

    .venv/bin/python tools/make_icons.py          # write the PNGs and the ICO
    .venv/bin/python tools/make_icons.py --check  # fail if the committed files differ from a fresh render

Source: resources/icons/cadre-desk.svg. Output: cadre_desk/resources/icons/cadre-desk-{16…256}.png
(the window icon, loaded at run time without QtSvg) and resources/icons/cadre-desk.ico (Windows:
the executable's and the installer's icon; PNG-compressed entries, Vista and later).
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's package

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from cadre_desk import paths

ROOT = paths.ROOT_DIR
SVG = ROOT / "resources" / "icons" / "cadre-desk.svg"
ICO = ROOT / "resources" / "icons" / "cadre-desk.ico"
SIZES = paths.ICON_SIZES
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(renderer: QSvgRenderer, size: int) -> bytes:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.convertToFormat(QImage.Format.Format_ARGB32).save(buffer, "PNG")  # type: ignore[call-overload]
    return bytes(data.data())


def ico(pngs: dict[int, bytes]) -> bytes:
    """An ICO holding PNG images (the format Windows has read since Vista)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, blobs = b"", b""
    for size, png in pngs.items():
        side = 0 if size >= 256 else size  # 0 means 256 in an ICO directory entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset + len(blobs))
        blobs += png
    return header + entries + blobs


def outputs() -> dict[Path, bytes]:
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {SVG}")
    rendered = {size: render(renderer, size) for size in sorted({*SIZES, *ICO_SIZES})}
    files = {paths.icon_path(size): rendered[size] for size in SIZES}
    files[ICO] = ico({size: rendered[size] for size in ICO_SIZES})
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    _app = QGuiApplication.instance() or QGuiApplication([])
    stale = []
    for path, data in outputs().items():
        if args.check:
            if not path.is_file() or path.read_bytes() != data:
                stale.append(path)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            print(f"{path.relative_to(ROOT)}: {len(data)} bytes")
    for path in stale:
        print(f"out of date: {path.relative_to(ROOT)} (run tools/make_icons.py)")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
