"""Files sealed with a passphrase: authenticated encryption for exchange packages and exported backups.

AES-256-GCM (the `cryptography` package), the key derived from the passphrase with scrypt, the data in
chunks so that a backup of several GB never has to fit in memory (the STREAM construction: every chunk
is sealed with its number and a last-chunk flag in its nonce, so a reordered, cut or extended file is
refused like an edited one).

The layout (all integers big-endian)::

    offset  size  field
         0     8  magic  b"CDSEALED"
         8     1  format version (1)
         9     1  scrypt log2(N) (17: N = 131072)
        10     1  scrypt r (8)
        11     1  scrypt p (1)
        12    16  salt (random per file)
        28     7  nonce prefix (random per file)
        35     1  log2 of the chunk size (20: 1 MiB)
        36        chunks: each its ciphertext (chunk size bytes, the last one shorter or empty)
                  followed by its 16-byte GCM tag

The nonce of chunk i is prefix (7) + i (4 bytes) + 1 for the last chunk, else 0 (1 byte). The 36
header bytes are the associated data of every chunk: a changed header fails like a changed chunk.
A wrong passphrase and a tampered file are the same failure for GCM (the first chunk's tag does not
match); the message says both. Reading never returns a byte that has not been authenticated.
"""

from __future__ import annotations

import os
import struct
from collections.abc import Generator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from cadre_desk.errors import StorageError

MAGIC = b"CDSEALED"
VERSION = 1
HEADER = struct.Struct(">8sBBBB16s7sB")  # 36 bytes
TAG = 16
LOG2_N, R, P = 17, 8, 1
CHUNK_LOG2 = 20
MIN_PASSPHRASE = 8


class SealError(StorageError):
    """A sealed file that does not open: wrong passphrase, tampered, cut short, or not ours."""


@dataclass(frozen=True)
class Header:
    log2_n: int
    r: int
    p: int
    salt: bytes
    prefix: bytes
    chunk_log2: int

    def pack(self) -> bytes:
        fields = (self.log2_n, self.r, self.p, self.salt, self.prefix, self.chunk_log2)
        return HEADER.pack(MAGIC, VERSION, *fields)

    @property
    def chunk(self) -> int:
        return 1 << self.chunk_log2


def is_sealed(path: Path) -> bool:
    """Whether `path` is a regular file that starts with the magic of a sealed file (a FIFO or a device
    is never opened: opening a FIFO would wait for a writer forever)."""
    try:
        if not path.is_file():
            return False
        with path.open("rb") as handle:
            return handle.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def passphrase_problem(passphrase: str) -> str | None:
    """Why a passphrase is refused for a new sealed file (the rule of the database passphrase and of
    the window's passphrase dialog: at least 8 characters, no space at either end)."""
    if len(passphrase) < MIN_PASSPHRASE:
        return f"口令至少需要 {MIN_PASSPHRASE} 个字符。"
    if passphrase.strip() != passphrase:
        return "口令的开头和结尾不能是空格。"
    return None


def _key(passphrase: str, header: Header) -> AESGCM:
    kdf = Scrypt(salt=header.salt, length=32, n=1 << header.log2_n, r=header.r, p=header.p)
    return AESGCM(kdf.derive(passphrase.encode("utf-8")))


def _nonce(header: Header, index: int, last: bool) -> bytes:
    if index >= 1 << 32:
        raise SealError("文件过大，无法加密")
    return header.prefix + struct.pack(">IB", index, 1 if last else 0)


class SealWriter:
    """A write-only binary stream that seals what is written into `target` (zipfile can write into
    it: it is not seekable, so zipfile uses data descriptors). `close()` writes the last chunk."""

    def __init__(self, target: IO[bytes], passphrase: str) -> None:
        problem = passphrase_problem(passphrase)
        if problem:
            raise StorageError(problem)
        self.header = Header(LOG2_N, R, P, os.urandom(16), os.urandom(7), CHUNK_LOG2)
        self._aad = self.header.pack()
        self._aes = _key(passphrase, self.header)
        self._target = target
        self._buffer = bytearray()
        self._index = 0
        self._written = 0
        self.closed = False
        target.write(self._aad)

    def write(self, data: bytes | bytearray | memoryview) -> int:
        self._buffer += data
        self._written += len(data)
        chunk = self.header.chunk
        while len(self._buffer) > chunk:  # keep at least one byte back: the last chunk is flagged
            self._emit(bytes(self._buffer[:chunk]), last=False)
            del self._buffer[:chunk]
        return len(data)

    def _emit(self, plain: bytes, last: bool) -> None:
        nonce = _nonce(self.header, self._index, last)
        self._target.write(self._aes.encrypt(nonce, plain, self._aad))
        self._index += 1

    def tell(self) -> int:
        return self._written

    def seekable(self) -> bool:
        return False

    def writable(self) -> bool:
        return True

    def flush(self) -> None:
        self._target.flush()

    def close(self) -> None:
        if self.closed:
            return
        self._emit(bytes(self._buffer), last=True)
        self._buffer.clear()
        self.closed = True
        self._target.flush()

    def __enter__(self) -> SealWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None:
            self.close()


def _read_header(source: IO[bytes], name: str) -> Header:
    raw = source.read(HEADER.size)
    if len(raw) < HEADER.size or raw[: len(MAGIC)] != MAGIC:
        raise SealError(f"{name} 不是用口令加密的文件")
    _magic, version, log2_n, r, p, salt, prefix, chunk_log2 = HEADER.unpack(raw)
    if version != VERSION:
        raise SealError(f"{name} 的加密格式版本 {version} 不受支持，请升级本程序")
    if not (10 <= log2_n <= 22 and 1 <= r <= 32 and 1 <= p <= 16 and 12 <= chunk_log2 <= 24):
        raise SealError(f"{name} 已损坏（加密参数无效）")
    return Header(log2_n, r, p, salt, prefix, chunk_log2)


def open_chunks(source: IO[bytes], passphrase: str, name: str) -> Generator[bytes, None, None]:
    """The authenticated plaintext of a sealed stream, chunk by chunk. Raises `SealError` before
    yielding anything unauthenticated (a wrong passphrase fails on the first chunk)."""
    header = _read_header(source, name)
    aad = header.pack()
    aes = _key(passphrase, header)
    size = header.chunk + TAG
    index = 0
    current = source.read(size)
    while True:
        following = source.read(size) if len(current) == size else b""
        last = not following
        if len(current) < TAG:
            raise SealError(f"{name} 不完整（文件被截断）")
        try:
            plain = aes.decrypt(_nonce(header, index, last), current, aad)
        except InvalidTag:
            if index == 0:
                raise SealError(
                    f"无法解密 {name}：口令不正确，或文件已被改动、损坏。未做任何更改。"
                ) from None
            raise SealError(f"无法解密 {name}：文件已被改动、损坏或不完整。未做任何更改。") from None
        yield plain
        if last:
            return
        current = following
        index += 1


def check_passphrase(path: Path, passphrase: str) -> None:
    """Raise `SealError` unless `passphrase` opens the first chunk of the sealed file `path` (a wrong
    passphrase is found here; damage further on is found when the whole file is read)."""
    first_chunk(path, passphrase)


def first_chunk(path: Path, passphrase: str) -> bytes:
    """The plaintext of the first chunk of the sealed file `path` (authenticated; `SealError` for a
    wrong passphrase): enough to tell what it holds, e.g. a plain or an encrypted database."""
    with path.open("rb") as handle:
        chunks = open_chunks(handle, passphrase, path.name)
        try:
            return next(chunks, b"")
        finally:
            chunks.close()


def seal_file(source: Path, dest: Path, passphrase: str) -> None:
    """Write `source` sealed into the new file `dest` (through a `.part` file, synced, renamed)."""
    part = dest.with_name(dest.name + ".part")
    try:
        with source.open("rb") as src, part.open("wb") as out:
            writer = SealWriter(out, passphrase)
            while block := src.read(1 << 20):
                writer.write(block)
            writer.close()
            out.flush()
            os.fsync(out.fileno())
        os.replace(part, dest)
    except BaseException:
        part.unlink(missing_ok=True)
        raise


def unseal_file(source: Path, dest: Path, passphrase: str) -> None:
    """Write the plaintext of the sealed `source` into the new file `dest`; nothing is left at `dest`
    unless every chunk was authenticated."""
    part = dest.with_name(dest.name + ".part")
    try:
        with source.open("rb") as src, part.open("wb") as out:
            for plain in open_chunks(src, passphrase, source.name):
                out.write(plain)
            out.flush()
            os.fsync(out.fileno())
        os.replace(part, dest)
    except BaseException:
        part.unlink(missing_ok=True)
        raise


def unseal_bytes(source: Path, passphrase: str, limit: int) -> bytes:
    """The whole plaintext of a sealed file in memory (refused above `limit` bytes of file)."""
    if source.stat().st_size > limit:
        raise SealError(f"{source.name} 过大（超过 {limit // (1 << 20)} MB），无法解密读取")
    with source.open("rb") as src:
        return b"".join(open_chunks(src, passphrase, source.name))
