"""Output files that appear only when complete (PDFs, exports, packages).

The content is written beside the target under a hidden temporary name and moved into place with one
`os.replace` when the writer finished; on any failure (a layout error, a full disk, Ctrl-C) the temporary
file is removed, so neither a half-written target nor a stray `.part` file is left behind.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from cadre_desk.db.failures import describe_os_error
from cadre_desk.errors import StorageError


def _temp_beside(dest: Path) -> Path:
    for _ in range(100):
        tmp = dest.with_name(f".{dest.name}.{secrets.token_hex(4)}.part")
        try:
            # "x": created here, with the permissions the umask gives (unlike mkstemp's 0600)
            with open(tmp, "xb"):
                return tmp
        except FileExistsError:
            continue
    raise StorageError(f"无法在 {dest.parent} 中创建临时文件")


@contextmanager
def atomic_path(dest: Path, make_parent: bool = True) -> Iterator[Path]:
    """Yield a temporary path beside `dest`; it becomes `dest` only if the block succeeds.

    OSError (from the block or the move) becomes a `StorageError` naming `dest`; any other error passes
    through unchanged. The temporary file is removed in every case.
    """
    parent = dest.parent if str(dest.parent) else Path(".")
    try:
        if dest.is_dir():
            raise StorageError(f"{dest} 是一个文件夹，请给出文件名")
        if make_parent:
            parent.mkdir(parents=True, exist_ok=True)
        elif not parent.is_dir():
            raise StorageError(f"目录不存在：{parent}")
        tmp = _temp_beside(dest)
    except OSError as exc:
        raise StorageError(f"无法写入 {dest}：{describe_os_error(exc)}") from None
    try:
        yield tmp
        os.replace(tmp, dest)
    except OSError as exc:
        raise StorageError(f"无法写入 {dest}：{describe_os_error(exc)}") from None
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
