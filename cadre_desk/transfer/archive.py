"""Opening a zip-based input (an .xlsx roster, an exchange package) safely: say what a file is when it is
not what was asked for (a folder, an old .xls, a password-protected workbook, a CSV), and refuse zip bombs
and XML entity tricks from the zip's directory, before anything is inflated into memory.
"""

from __future__ import annotations

import os
import stat
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from cadre_desk.errors import StorageError

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Compound File: .xls, .doc, and encrypted OOXML
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_DECLARATIONS = tuple(
    text.encode(codec) for text in ("<!DOCTYPE", "<!ENTITY") for codec in ("ascii", "utf-16-le", "utf-16-be")
)
MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What a zip of this kind may inflate to: in total, and relative to its compressed size."""

    kind: str  # what the user was asked for, e.g. "Excel 名册（.xlsx）"
    max_total: int
    max_ratio: int  # checked on members that inflate to more than `ratio_floor`
    ratio_floor: int = MB
    office: bool = False  # an Office document: name the other Office formats a user may have given


XLSX = Limits("Excel 文件（.xlsx）", max_total=64 * MB, max_ratio=200, office=True)
PACKAGE = Limits("交换包", max_total=1024 * MB, max_ratio=200)


def check_regular_file(path: Path, kind: str) -> os.stat_result:
    """The path names an ordinary, readable file (not a folder, FIFO or device), else `StorageError`."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise StorageError(f"文件不存在：{path}") from None
    except OSError as exc:
        raise StorageError(f"无法读取 {path}：{exc.strerror or exc}") from None
    if stat.S_ISDIR(st.st_mode):
        raise StorageError(f"{path} 是一个文件夹，请选择{kind}文件")
    if not stat.S_ISREG(st.st_mode):
        raise StorageError(f"{path} 不是普通文件（可能是设备或管道），请选择{kind}文件")
    return st


def _head(path: Path, size: int = 8) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read(size)
    except OSError as exc:
        raise StorageError(f"无法读取 {path}：{exc.strerror or exc}") from None


def _ole_is_encrypted(path: Path, limit: int = 64 * MB) -> bool:
    """An encrypted .xlsx is a Compound File holding an `EncryptedPackage` stream (MS-OFFCRYPTO)."""
    with open(path, "rb") as f:
        tail = b""
        read = 0
        while read < limit:
            chunk = f.read(MB)
            if not chunk:
                return False
            if _ENCRYPTED_STREAM in tail + chunk:
                return True
            tail = chunk[-len(_ENCRYPTED_STREAM) :]
            read += len(chunk)
    return False


def _looks_like_text(head: bytes) -> bool:
    if not head or b"\x00" in head:
        return False
    for codec in ("utf-8", "gb18030"):
        try:
            head.decode(codec)
            return True
        except UnicodeDecodeError:
            continue
    return False


def open_zip(path: Path, limits: Limits) -> zipfile.ZipFile:
    """Open `path` as a zip after checking what it is and what its members would inflate to."""
    check_regular_file(path, limits.kind)
    head = _head(path, 4096)
    if not head.startswith(ZIP_MAGIC) and not limits.office:
        raise StorageError(f"{path.name} 不是{limits.kind}（应为本程序导出的 .zip 文件）")
    if head.startswith(OLE_MAGIC):
        if _ole_is_encrypted(path):
            raise StorageError(
                f"{path.name} 受密码保护（已加密），无法读取；请在 Excel 中取消密码后另存为 .xlsx"
            )
        raise StorageError(
            f"{path.name} 是旧版 Excel（.xls）或其他 Office 格式，请在 Excel 中“另存为” .xlsx 后再导入"
        )
    if not head.startswith(ZIP_MAGIC):
        if _looks_like_text(head[:1024]):
            raise StorageError(
                f"{path.name} 是文本（如 CSV）文件，不是{limits.kind}；请在 Excel 中打开后另存为 .xlsx"
            )
        raise StorageError(f"{path.name} 不是{limits.kind}（无法识别的文件格式）")
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise StorageError(f"{path.name} 已损坏或不完整，无法读取（{exc}）") from None
    except OSError as exc:
        raise StorageError(f"无法读取 {path}：{exc.strerror or exc}") from None
    try:
        check_sizes(zf, path.name, limits)
    except BaseException:
        zf.close()
        raise
    return zf


def open_zip_buffer(buffer: IO[bytes], name: str, limits: Limits) -> zipfile.ZipFile:
    """`open_zip` for a zip already in memory (a decrypted package), with the same size checks."""
    try:
        zf = zipfile.ZipFile(buffer)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise StorageError(f"{name} 已损坏或不完整，无法读取（{exc}）") from None
    try:
        check_sizes(zf, name, limits)
    except BaseException:
        zf.close()
        raise
    return zf


def check_sizes(zf: zipfile.ZipFile, name: str, limits: Limits) -> None:
    """Refuse from the directory alone (zipfile never inflates a member past its declared size)."""
    total = 0
    for info in zf.infolist():
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limits.ratio_floor and ratio > limits.max_ratio:
            raise StorageError(
                f"{name} 中的 {info.filename} 解压后有 {info.file_size // MB} MB（压缩比 {ratio:.0f}:1），"
                "不像正常文件（可能是“压缩炸弹”），未读取"
            )
    if total > limits.max_total:
        raise StorageError(
            f"{name} 解压后共 {total // MB} MB，超过{limits.kind}允许的 {limits.max_total // MB} MB，未读取"
        )


def refuse_xml_declarations(zf: zipfile.ZipFile, name: str) -> None:
    """OOXML never needs a DTD: an XML part declaring one or an entity is refused (entity expansion)."""
    overlap = max(len(d) for d in _DECLARATIONS)
    for info in zf.infolist():
        if not info.filename.lower().endswith((".xml", ".rels", ".vml")):
            continue
        tail = b""
        with read_member(zf, info, name) as member:
            while chunk := member.read(MB):
                window = tail + chunk
                if any(d in window for d in _DECLARATIONS):
                    raise StorageError(
                        f"{name} 的 {info.filename} 含有 DTD 或实体声明（Excel 不会写这些），"
                        "可能是恶意文件，未读取"
                    )
                tail = window[-overlap:]


DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError)


@contextmanager
def read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo | str, name: str) -> Iterator[IO[bytes]]:
    """A member opened for reading; damage (bad CRC, truncation, an unknown method, a zip password) is a
    `StorageError` naming the file."""
    try:
        with zf.open(info) as member:
            yield member
    except KeyError:
        member_name = info if isinstance(info, str) else info.filename
        raise StorageError(f"{name} 不完整：缺少 {member_name}") from None
    except DAMAGED as exc:
        raise StorageError(f"{name} 已损坏，无法读取（{exc}）") from None


def read_bytes(zf: zipfile.ZipFile, member: str, name: str) -> bytes:
    with read_member(zf, member, name) as f:
        return f.read()
