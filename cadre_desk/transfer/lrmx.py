"""`.lrmx` appointment-form files (任免表编辑器 3.x): safe reading and lossless writing.

Reading gives a `CadreData` plus the original `<Person>` (photo Base64 removed) as a `FormSource`.
Writing starts from that source when there is one: every element whose meaning is unchanged keeps its
original text (dotted dates stay dotted, a wrapped resume stays wrapped), changed elements get the
editor's forms (compact dates), and unknown elements, their order and the `Version` stay as read.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from cadre_desk.domain import vocab
from cadre_desk.domain.idcard import normalise
from cadre_desk.domain.yearmonth import YearMonth
from cadre_desk.transfer import formtext
from cadre_desk.transfer.model import (
    AssessmentItem,
    CadreData,
    FamilyItem,
    FormatProblem,
    FormSource,
    ResumeItem,
    RewardItem,
)

# The editor's element order.
ORDER = (
    "XingMing",
    "XingBie",
    "ChuShengNianYue",
    "MinZu",
    "JiGuan",
    "ChuShengDi",
    "RuDangShiJian",
    "CanJiaGongZuoShiJian",
    "JianKangZhuangKuang",
    "ZhuanYeJiShuZhiWu",
    "ShuXiZhuanYeYouHeZhuanChang",
    "QuanRiZhiJiaoYu_XueLi",
    "QuanRiZhiJiaoYu_XueWei",
    "QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi",
    "QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi",
    "ZaiZhiJiaoYu_XueLi",
    "ZaiZhiJiaoYu_XueWei",
    "ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi",
    "ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi",
    "XianRenZhiWu",
    "NiRenZhiWu",
    "NiMianZhiWu",
    "JianLi",
    "JiangChengQingKuang",
    "NianDuKaoHeJieGuo",
    "RenMianLiYou",
    "JiaTingChengYuan",
    "ChengBaoDanWei",
    "JiSuanNianLingShiJian",
    "TianBiaoShiJian",
    "TianBiaoRen",
    "ShenFenZheng",
    "ZhaoPian",
    "Version",
    "DaoLingNianYue",
    "GaiGeQianRenZhiNianLingJieXian",
)
FAMILY_ORDER = ("ChengWei", "XingMing", "ChuShengRiQi", "ZhengZhiMianMao", "GongZuoDanWeiJiZhiWu")
BLANK_FAMILY_ITEMS = 10
WRITER_VERSION = "3.2.1.16"

# Plain text elements: tag → cadre column.
TEXT_FIELDS = {
    "XingMing": "name",
    "JiGuan": "native_place",
    "ChuShengDi": "birthplace",
    "JianKangZhuangKuang": "health",
    "ZhuanYeJiShuZhiWu": "professional_title",
    "ShuXiZhuanYeYouHeZhuanChang": "speciality",
    "QuanRiZhiJiaoYu_XueLi": "fulltime_education",
    "QuanRiZhiJiaoYu_XueWei": "fulltime_degree",
    "QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi": "fulltime_school",
    "QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi": "fulltime_degree_school",
    "ZaiZhiJiaoYu_XueLi": "inservice_education",
    "ZaiZhiJiaoYu_XueWei": "inservice_degree",
    "ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi": "inservice_school",
    "ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi": "inservice_degree_school",
    "XianRenZhiWu": "post",
}
# Text elements holding a code (the code list of each), read in any spelling.
CODE_COLUMNS = {
    "health": "health",
    "fulltime_education": "education",
    "inservice_education": "education",
    "fulltime_degree": "degree",
    "inservice_degree": "degree",
}
YM_FIELDS = {"ChuShengNianYue": ("birth", "出生年月"), "CanJiaGongZuoShiJian": ("work_start", "参加工作时间")}
# Elements of the form's own data (one appointment, not the cadre): tag → appointment_case column.
CASE_FIELDS = {
    "NiRenZhiWu": "proposed_post",
    "NiMianZhiWu": "proposed_removal",
    "RenMianLiYou": "reason",
    "ChengBaoDanWei": "reporting_unit",
    "JiSuanNianLingShiJian": "age_reference",
    "TianBiaoShiJian": "filled_on",
    "TianBiaoRen": "filled_by",
}
FORM_ONLY = tuple(CASE_FIELDS)
# 到龄 (newer files): the month as yyyyMM, and the 改革前任职年龄界限 text. Computed when the cadre has none
# set by hand; a file that lacks them gets them only when it is written anew (a form made in the app).
RETIREMENT_TAGS = ("DaoLingNianYue", "GaiGeQianRenZhiNianLingJieXian")
CASE_DATES = ("JiSuanNianLingShiJian", "TianBiaoShiJian")
_CASE_DATE = re.compile(r"^\s*(\d{4})[.\-/年]?(\d{1,2})(?:[.\-/月]?(\d{1,2})日?)?\s*$")
_DATA_URL = re.compile(r"^\s*data:image/([a-zA-Z0-9.+-]+);base64,", re.IGNORECASE)


class LrmxError(ValueError):
    """A file that cannot be read at all (Chinese message)."""


@dataclass(frozen=True)
class ModelView:
    """What the database holds for one cadre, as the writer needs it."""

    values: dict[str, Any]
    resume: tuple[ResumeItem, ...]
    family: tuple[FamilyItem, ...]
    rewards: tuple[RewardItem, ...]
    assessments: tuple[AssessmentItem, ...]
    photo: bytes | None
    source: FormSource | None
    case: dict[str, Any] | None = None  # appointment_case columns; None: no case saved
    retirement: YearMonth | None = None  # the 到龄 month (the manual one, else computed)
    post_age_limit: str = ""  # 改革前任职年龄界限 as the form writes it


# --- reading -------------------------------------------------------------------------------------


SOURCE_TEXT_MAX = 20_000  # the original file kept with a cadre keeps at most this much of one element
MAX_DEPTH = 32  # the form nests 3 levels (Person / JiaTingChengYuan / Item / field)
MAX_FILE_BYTES = 64 * 1024 * 1024  # a form with a large photo is well under 1 MB
_DECLARATION = re.compile(
    rb"^(\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"'][^>]*\?>"
)


def _as_utf8(data: bytes) -> bytes:
    """Files declaring GBK/GB2312/GB18030 (older editors write them) re-encoded as UTF-8.

    Expat reads only single-byte encodings besides UTF-8/16; the declaration is rewritten to match.
    """
    match = _DECLARATION.match(data)
    if match is None:
        return data
    declared = match.group(2).decode("ascii").lower()
    if declared.replace("-", "").replace("_", "") in (
        "utf8",
        "utf16",
        "usascii",
        "ascii",
        "iso88591",
        "latin1",
    ):
        return data
    codec = (
        "gb18030"
        if declared.replace("-", "").replace("_", "") in ("gbk", "gb2312", "gb18030", "cp936")
        else declared
    )
    try:
        text = data[match.end() :].decode(codec)
    except LookupError:
        raise LrmxError(f"文件声明的编码“{declared}”无法识别") from None
    except UnicodeDecodeError:
        raise LrmxError(f"文件声明为 {declared.upper()} 编码，但内容不是该编码的文本") from None
    return ('<?xml version="1.0" encoding="UTF-8"?>' + text).encode("utf-8")


def _check_depth(root: ET.Element) -> None:
    stack = [(root, 1)]
    while stack:
        el, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise LrmxError(f"文件的 XML 嵌套超过 {MAX_DEPTH} 层，不是任免表文件，已拒绝读取")
        stack.extend((child, depth + 1) for child in el)


def parse_xml(data: bytes) -> ET.Element:
    try:
        root = SafeET.fromstring(_as_utf8(data), forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise LrmxError(
            "文件含有 XML 实体定义或外部实体引用（可用于实体膨胀或读取本机文件），"
            f"可能是恶意构造的文件，已拒绝读取（{type(exc).__name__}）"
        ) from None
    except ET.ParseError as exc:
        raise LrmxError(f"不是有效的 XML 文件（{exc}）") from None
    except ValueError as exc:  # e.g. an encoding expat cannot read
        raise LrmxError(f"无法读取该 XML 文件（{exc}）") from None
    except RecursionError:
        raise LrmxError("文件的 XML 嵌套过深，不是任免表文件，已拒绝读取") from None
    _check_depth(root)
    if root.tag != "Person":
        raise LrmxError(f"根元素是 <{root.tag}>，不是任免表文件的 <Person>")
    if not any(root.find(tag) is not None for tag in ("XingMing", "ChuShengNianYue", "ShenFenZheng")):
        raise LrmxError("文件的根元素是 <Person>，但没有任免表的字段（姓名、出生年月、身份证号）")
    return root  # type: ignore[no-any-return]


def looks_like_form(head: bytes) -> bool:
    """Whether the first bytes of a file look like an .lrmx appointment form (whatever its name)."""
    sample = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return sample.startswith(b"<") and b"<Person" in head


def _text(el: ET.Element | None) -> str:
    return "" if el is None or el.text is None else el.text


def _family_item(item: ET.Element) -> FamilyItem | None:
    texts = {tag: _text(item.find(tag)).strip() for tag in FAMILY_ORDER}
    if not any(texts.values()):
        return None
    try:
        birth: Any = formtext.read_year_month(texts["ChuShengRiQi"], "家庭成员出生日期")
    except FormatProblem:
        birth = texts["ChuShengRiQi"]  # as written: validation takes it in as 待核实
    return FamilyItem(
        relation=texts["ChengWei"],
        name=texts["XingMing"],
        birth=birth,
        political_status=formtext.political_status(texts["ZhengZhiMianMao"]),
        employer_post=texts["GongZuoDanWeiJiZhiWu"],
    )


def read_family(el: ET.Element | None) -> tuple[FamilyItem, ...]:
    if el is None:
        return ()
    items = (_family_item(item) for item in el.findall("Item"))
    return tuple(i for i in items if i is not None)


def decode_photo(text: str) -> tuple[bytes, dict[str, Any]]:
    """The photo bytes and how its Base64 was written (to write it back identically)."""
    prefix_match = _DATA_URL.match(text)
    prefix = prefix_match.group(0) if prefix_match else ""
    lead = text[: len(text) - len(text.lstrip())]
    body = text[len(prefix) :] if prefix else text
    trail = body[len(body.rstrip()) :]
    core = body.strip()
    lines = core.splitlines(keepends=True)
    eol = ""
    wrap = 0
    if len(lines) > 1:
        first = lines[0]
        eol = "\r\n" if first.endswith("\r\n") else "\n"
        wrap = len(first) - len(eol)
    try:
        data = base64.b64decode("".join(core.split()), validate=True)
    except (binascii.Error, ValueError):
        raise FormatProblem("照片数据不是有效的 Base64") from None
    shape = {
        "prefix": prefix if prefix_match else "",
        "lead": lead if not prefix else "",
        "trail": trail,
        "wrap": wrap,
        "eol": eol,
        "sha256": hashlib.sha256(data).hexdigest(),
    }
    return data, shape


def encode_photo(data: bytes, shape: dict[str, Any] | None = None) -> str:
    encoded = base64.b64encode(data).decode("ascii")
    if not shape or shape.get("sha256") != hashlib.sha256(data).hexdigest():
        return encoded
    wrap = int(shape.get("wrap") or 0)
    if wrap:
        encoded = str(shape.get("eol") or "\n").join(
            encoded[i : i + wrap] for i in range(0, len(encoded), wrap)
        )
    return f"{shape.get('lead', '')}{shape.get('prefix', '')}{encoded}{shape.get('trail', '')}"


def _read_value(tag: str, text: str) -> Any:
    """The meaning of one element's text, as the app stores it (used both to import and to compare)."""
    if tag in TEXT_FIELDS:
        column = TEXT_FIELDS[tag]
        if column in CODE_COLUMNS:  # `大学本科` means `大学`: an export keeps the file's own spelling
            return vocab.normalise_code(CODE_COLUMNS[column], text)
        return text.strip()
    if tag in YM_FIELDS:
        return formtext.read_year_month(text, YM_FIELDS[tag][1])
    if tag == "XingBie":
        return formtext.gender(text)
    if tag == "MinZu":
        return formtext.ethnicity(text)
    if tag == "ShenFenZheng":
        return normalise(text)
    if tag == "RuDangShiJian":
        return formtext.read_party_join(text)
    if tag == "JianLi":
        return formtext.read_resume(text)
    if tag == "JiangChengQingKuang":
        return formtext.read_rewards(text)
    if tag == "NianDuKaoHeJieGuo":
        return formtext.last_three(formtext.read_assessments(text))
    raise KeyError(tag)


def _read_case(tag: str, text: str) -> Any:
    """A case value as stored: text stripped, dates (`20240517`, `2024.05.17`, `202405`) as dates."""
    if tag not in CASE_DATES:
        return text.strip()
    match = _CASE_DATE.match(text)
    if not match:
        return None
    year, month, day = int(match[1]), int(match[2]), int(match[3] or 1)
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def read_lrmx(data: bytes, file_name: str = "") -> CadreData:
    """Read one file; raise `LrmxError` (unreadable) or `FormatProblem` (a value that cannot be read)."""
    root = parse_xml(data)
    values: dict[str, Any] = {}
    out = CadreData(values=values)
    for tag, column in TEXT_FIELDS.items():
        el = root.find(tag)
        if el is not None:
            values[column] = _read_value(tag, _text(el))
    for tag, (column, _label) in YM_FIELDS.items():
        el = root.find(tag)
        if el is not None:
            try:
                values[column] = _read_value(tag, _text(el))
            except FormatProblem:
                values[column] = _text(el).strip()  # as written: validation takes it in as 待核实
    if root.find("XingBie") is not None:
        values["gender"] = _read_value("XingBie", _text(root.find("XingBie")))
    if root.find("MinZu") is not None:
        values["ethnicity"] = _read_value("MinZu", _text(root.find("MinZu")))
    if root.find("ShenFenZheng") is not None:
        values["id_number"] = _read_value("ShenFenZheng", _text(root.find("ShenFenZheng")))
    if root.find("RuDangShiJian") is not None:
        try:
            party_join, party = _read_value("RuDangShiJian", _text(root.find("RuDangShiJian")))
        except FormatProblem:
            party_join, party = _text(root.find("RuDangShiJian")).strip(), ""
        values["party_join"] = party_join
        values["democratic_party"] = party
    if root.find("JianLi") is not None:
        out.resume = _read_value("JianLi", _text(root.find("JianLi")))
    if root.find("JiangChengQingKuang") is not None:
        out.rewards = _read_value("JiangChengQingKuang", _text(root.find("JiangChengQingKuang")))
    if root.find("NianDuKaoHeJieGuo") is not None:
        out.assessments = formtext.read_assessments(_text(root.find("NianDuKaoHeJieGuo")))
    if root.find("JiaTingChengYuan") is not None:
        out.family = read_family(root.find("JiaTingChengYuan"))
    case = {column: _read_case(tag, _text(root.find(tag))) for tag, column in CASE_FIELDS.items()}
    if any(root.find(tag) is not None for tag in CASE_FIELDS):
        out.case = case
        for tag in CASE_DATES:
            text = _text(root.find(tag)).strip()
            if text and case[CASE_FIELDS[tag]] is None:
                label = "计算年龄时间" if tag == "JiSuanNianLingShiJian" else "填表时间"
                out.warnings.append(f"{label}“{text}”无法识别，未导入")
    month_text = _text(root.find("DaoLingNianYue")).strip()
    if month_text:
        try:
            out.retirement_month = formtext.read_year_month(month_text, "到龄年月")
        except FormatProblem:
            out.warnings.append(f"到龄年月“{month_text}”无法识别，按规定计算")
    if root.find("GaiGeQianRenZhiNianLingJieXian") is not None:
        out.post_age_limit = _text(root.find("GaiGeQianRenZhiNianLingJieXian")).strip()[:50]
    shape: dict[str, Any] = {}
    photo_el = root.find("ZhaoPian")
    if photo_el is not None and _text(photo_el).strip():
        try:
            out.photo, shape = decode_photo(_text(photo_el))
        except FormatProblem as exc:
            out.warnings.append(f"{exc}，照片未导入")
        else:
            photo_el.text = ""  # the bytes are kept in cadre_photo; the shape says how to write them
    for el in root.iter():
        if el.text is not None and len(el.text) > SOURCE_TEXT_MAX:
            out.warnings.append(
                f"<{el.tag}> 的内容过长（{len(el.text)} 个字），原文只保留前 {SOURCE_TEXT_MAX} 个字"
            )
            el.text = el.text[:SOURCE_TEXT_MAX]
    version = _text(root.find("Version")).strip()
    out.source = FormSource(
        format="lrmx",
        xml=ET.tostring(root, encoding="unicode", short_empty_elements=False),
        file_version=version,
        file_name=file_name,
        photo_shape=shape,
    )
    return out


# --- writing -------------------------------------------------------------------------------------


def _model_value(tag: str, m: ModelView) -> Any:
    v = m.values
    if tag in TEXT_FIELDS:
        return str(v.get(TEXT_FIELDS[tag]) or "").strip()
    if tag in YM_FIELDS:
        return v.get(YM_FIELDS[tag][0])
    if tag == "XingBie":
        return v.get("gender") or ""
    if tag == "MinZu":
        return v.get("ethnicity") or ""
    if tag == "ShenFenZheng":
        return v.get("id_number") or ""
    if tag == "RuDangShiJian":
        return (v.get("party_join"), v.get("democratic_party") or "")
    if tag == "JianLi":
        return m.resume
    if tag == "JiangChengQingKuang":
        return m.rewards
    if tag == "NianDuKaoHeJieGuo":
        return formtext.last_three(m.assessments)
    raise KeyError(tag)


def _write_value(tag: str, value: Any) -> str:
    if tag in YM_FIELDS:
        return formtext.compact(value)
    if tag == "RuDangShiJian":
        return formtext.write_party_join(*value)
    if tag == "JianLi":
        return formtext.write_resume(value)
    if tag == "JiangChengQingKuang":
        return formtext.write_rewards(value)
    if tag == "NianDuKaoHeJieGuo":
        return formtext.write_assessments(value)
    return str(value)


def _same_meaning(tag: str, text: str, value: Any) -> bool:
    try:
        return bool(_read_value(tag, text) == value)
    except FormatProblem:
        # Text that could not be read was taken in as 待核实 with the field blank: while the field is
        # still blank the file's text is given back as written.
        return value in (None, "", (), (None, ""))


def _family_element(items: tuple[FamilyItem, ...]) -> ET.Element:
    el = ET.Element("JiaTingChengYuan")
    rows = list(items) + [None] * max(0, BLANK_FAMILY_ITEMS - len(items))
    for item in rows:
        node = ET.SubElement(el, "Item")
        texts = (
            ("", "", "", "", "")
            if item is None
            else (
                item.relation,
                item.name,
                formtext.compact(item.birth),
                item.political_status,
                item.employer_post,
            )
        )
        for tag, text in zip(FAMILY_ORDER, texts, strict=True):
            ET.SubElement(node, tag).text = text
    return el


def _case_text(tag: str, m: ModelView, today: dt.date) -> str:
    """The form's data as written: the saved case, or a new form's (today's dates, blanks)."""
    value = None if m.case is None else m.case.get(CASE_FIELDS[tag])
    if tag in CASE_DATES:
        if value is None and (m.case is None or tag == "JiSuanNianLingShiJian"):
            value = today
        return "" if value is None else f"{value:%Y%m%d}"
    return str(value or "")


def _new_text(tag: str, m: ModelView, today: dt.date) -> str | None:
    """Text for a modelled element from the database (None: not modelled)."""
    if tag in FORM_ONLY:
        return _case_text(tag, m, today)
    if tag == "Version":
        return WRITER_VERSION
    if tag in RETIREMENT_TAGS:
        return _retirement_text(tag, m)
    if tag == "ZhaoPian":
        shape = m.source.photo_shape if m.source else None
        return "" if m.photo is None else encode_photo(m.photo, shape)
    return _write_value(tag, _model_value(tag, m))


def _retirement_text(tag: str, m: ModelView) -> str:
    if tag == "DaoLingNianYue":
        return "" if m.retirement is None else formtext.compact(m.retirement)
    return m.post_age_limit


def _indent_like(root: ET.Element) -> tuple[str, str]:
    """The whitespace between and after the children of the source (to place new elements)."""
    children = list(root)
    if len(children) >= 2:
        return children[0].tail or "", children[-1].tail or ""
    return "\n  ", "\n"


def write_lrmx(m: ModelView, today: dt.date | None = None) -> bytes:
    today = today or dt.date.today()
    if m.source is None or m.source.format != "lrmx":
        root = ET.Element("Person")
        for tag in ORDER:
            if tag == "JiaTingChengYuan":
                root.append(_family_element(m.family))
            else:
                ET.SubElement(root, tag).text = _new_text(tag, m, today)
        ET.indent(root, "  ")
    else:
        root = ET.fromstring(m.source.xml)
        _update_from_model(root, m, today)
    body = ET.tostring(root, encoding="unicode", short_empty_elements=False)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n").encode("utf-8")


def _update_from_model(root: ET.Element, m: ModelView, today: dt.date) -> None:
    sep, last_tail = _indent_like(root)
    for tag in ORDER:
        el = root.find(tag)
        if tag == "Version" or (tag in FORM_ONLY and m.case is None):
            continue  # kept as read
        if tag in RETIREMENT_TAGS:
            if el is not None and _retirement_changed(tag, _text(el), m):
                el.text = _retirement_text(tag, m)
            continue  # a file without them stays without them
        if tag in FORM_ONLY:
            column = CASE_FIELDS[tag]
            if el is None:
                if m.case.get(column) not in ("", None):  # type: ignore[union-attr]
                    _insert(root, ET.Element(tag), tag, sep, last_tail).text = _case_text(tag, m, today)
            elif _read_case(tag, _text(el)) != m.case.get(column):  # type: ignore[union-attr]
                el.text = _case_text(tag, m, today)
            continue
        if tag == "ZhaoPian":
            text = _new_text(tag, m, today) or ""
            if el is None:
                if text:
                    _insert(root, ET.Element(tag), tag, sep, last_tail).text = text
            else:
                el.text = text
            continue
        if tag == "JiaTingChengYuan":
            if el is None:
                if m.family:
                    new = _family_element(m.family)
                    ET.indent(new, "  ", level=1)
                    _insert(root, new, tag, sep, last_tail)
            elif read_family(el) != m.family:
                new = _family_element(m.family)
                ET.indent(new, "  ", level=1)
                new.tail = el.tail
                root[list(root).index(el)] = new
            continue
        value = _model_value(tag, m)
        if el is None:
            if value not in ("", None, (), (None, "")):
                _insert(root, ET.Element(tag), tag, sep, last_tail).text = _write_value(tag, value)
        elif not _same_meaning(tag, _text(el), value):
            el.text = _write_value(tag, value)


def _retirement_changed(tag: str, text: str, m: ModelView) -> bool:
    if tag == "GaiGeQianRenZhiNianLingJieXian":
        return text.strip() != m.post_age_limit
    try:
        return bool(formtext.read_year_month(text, "到龄年月") != m.retirement)
    except FormatProblem:
        return m.retirement is not None


def _insert(root: ET.Element, el: ET.Element, tag: str, sep: str, last_tail: str) -> ET.Element:
    """Insert after the nearest element that precedes `tag` in the editor's order."""
    children = list(root)
    before = ORDER[: ORDER.index(tag)]
    index = 0
    for i, child in enumerate(children):
        if child.tag in before:
            index = i + 1
    el.tail = sep
    if index == len(children) and children:
        children[-1].tail = sep
        el.tail = last_tail
    root.insert(index, el)
    return el


# --- helpers for tests and tools -----------------------------------------------------------------


def elements(data: bytes) -> list[tuple[str, str, list[list[tuple[str, str]]]]]:
    """(tag, text with line endings normalised, family rows) for every child, in order."""
    root = parse_xml(data)
    out = []
    for child in root:
        rows = (
            [[(c.tag, _text(c)) for c in item] for item in child] if child.tag == "JiaTingChengYuan" else []
        )
        text = "" if child.tag == "JiaTingChengYuan" else _text(child).replace("\r\n", "\n")
        out.append((child.tag, text, rows))
    return out


Decoder = Callable[[bytes], str]
