"""Legacy `.lrm` files (任免表编辑器 2.x): GBK text, quoted fields separated by `","`, photo in a
sibling `.pic` file. Read by turning them into the `<Person>` the 3.x editor would write, so every
rule of `.lrmx` reading applies and an export gives a complete `.lrmx` (拟任/拟免职务 and the rest).

Positions 12–15 are not documented publicly; they are not imported (see docs/exchange-package.md).
"""

from __future__ import annotations

import base64
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

from cadre_desk.transfer import lrmx
from cadre_desk.transfer.model import CadreData

_SIMPLE = {
    0: "XingMing",
    1: "XingBie",
    2: "ChuShengNianYue",
    3: "MinZu",
    4: "JiGuan",
    5: "RuDangShiJian",
    6: "JianKangZhuangKuang",
    7: "ChuShengDi",
    8: "CanJiaGongZuoShiJian",
    11: "ZhuanYeJiShuZhiWu",
    16: "ShuXiZhuanYeYouHeZhuanChang",
    17: "JianLi",
    18: "JiangChengQingKuang",
    19: "NianDuKaoHeJieGuo",
    25: "XianRenZhiWu",
    26: "NiRenZhiWu",
    27: "NiMianZhiWu",
    28: "RenMianLiYou",
    29: "ChengBaoDanWei",
    30: "JiSuanNianLingShiJian",
    31: "TianBiaoRen",
    32: "TianBiaoShiJian",
}
_EDU = ("QuanRiZhiJiaoYu_XueLi", "QuanRiZhiJiaoYu_XueWei", "ZaiZhiJiaoYu_XueLi", "ZaiZhiJiaoYu_XueWei")
_SCHOOL = (
    "QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi",
    "QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi",
    "ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi",
    "ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi",
)
FIELD_COUNT = 33


def split_fields(text: str) -> list[str]:
    body = text.strip().lstrip("\ufeff")
    if body.startswith('"'):
        body = body[1:]
    if body.endswith('"'):
        body = body[:-1]
    return body.split('","')


def _pair_pattern(text: str) -> list[str]:
    """`全日制学历#学位@在职学历#学位` → four values."""
    fulltime, _, inservice = text.partition("@")
    a, _, b = fulltime.partition("#")
    c, _, d = inservice.partition("#")
    return [a, b, c, d]


def to_person(fields: list[str]) -> ET.Element:
    if len(fields) < 26:
        raise lrmx.LrmxError(f"不是任免表 .lrm 文件（只有 {len(fields)} 个字段，应有 {FIELD_COUNT} 个）")
    fields = fields + [""] * (FIELD_COUNT - len(fields))
    texts: dict[str, str] = {tag: fields[i] for i, tag in _SIMPLE.items()}
    texts.update(zip(_EDU, _pair_pattern(fields[9]), strict=True))
    texts.update(zip(_SCHOOL, _pair_pattern(fields[10]), strict=True))
    root = ET.Element("Person")
    for tag in lrmx.ORDER:
        if tag == "JiaTingChengYuan":
            family = ET.SubElement(root, tag)
            columns = [fields[20 + k].split("@") for k in range(5)]
            rows = max(len(c) for c in columns)
            for r in range(rows):
                item = ET.SubElement(family, "Item")
                for k, sub in enumerate(lrmx.FAMILY_ORDER):
                    ET.SubElement(item, sub).text = columns[k][r] if r < len(columns[k]) else ""
        elif tag in ("ShenFenZheng", "ZhaoPian"):
            ET.SubElement(root, tag).text = ""
        elif tag == "Version":
            ET.SubElement(root, tag).text = "lrm"
        else:
            ET.SubElement(root, tag).text = texts.get(tag, "").replace("\r\n", "\n")
    ET.indent(root, "  ")
    return root


def looks_like_lrm(data: bytes) -> bool:
    """Whether a file's bytes look like a legacy .lrm (quoted fields separated by `","`)."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b'"') and head.count(b'","') >= 5


def read_lrm_bytes(raw: bytes, path: Path, read: Callable[[Path], bytes]) -> CadreData:
    """An .lrm's bytes; its photo is the sibling `.pic`, read with `read` (the caller's safe reader)."""
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        raise lrmx.LrmxError("不是 GBK 编码的 .lrm 文件") from None
    root = to_person(split_fields(text))
    pic = path.with_suffix(".pic")
    if not pic.exists():
        pic = path.with_suffix(".PIC")
    if pic.exists():
        root.find("ZhaoPian").text = base64.b64encode(read(pic)).decode("ascii")  # type: ignore[union-attr]
    xml = ET.tostring(root, encoding="unicode", short_empty_elements=False)
    return lrmx.read_lrmx(xml.encode("utf-8"), path.name)
