"""Appointment-form files in bulk: find them, read them into an import plan, export cadres to them."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import stat
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from cadre_desk import outfile
from cadre_desk.db.failures import describe_os_error
from cadre_desk.db.models import Cadre
from cadre_desk.errors import CadreDeskError, NotFoundError, StorageError
from cadre_desk.services import access, audit
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext
from cadre_desk.transfer import importing, lrm, lrmx, store
from cadre_desk.transfer.model import CadreData, FormatProblem

Progress = Callable[[str, int, int], None]
SUFFIXES = (".lrmx", ".lrm")


SNIFF_SUFFIXES = (".xml", "")  # other names whose content is checked for an appointment form
SKIP_SUFFIXES = (
    ".pic",
    ".jpg",
    ".jpeg",
    ".png",
    ".bmp",
    ".gif",
    ".doc",
    ".docx",
    ".xls",
    ".xlsx",
    ".pdf",
    ".zip",
)


def _is_form_by_content(path: Path) -> bool:
    """A file in a folder that is an appointment form whatever its name (`张三.xml`, `张三`)."""
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            return False
        with open(path, "rb") as f:
            head = f.read(4096)
    except OSError:
        return False
    return lrmx.looks_like_form(head)


def collect(paths: Iterable[Path]) -> list[Path]:
    """Files as given, and every appointment form under a folder (recursively), sorted, without
    repeats: .lrmx and .lrm by name, other files (`.xml`, no extension …) by their content."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            for p in sorted(path.rglob("*")):
                suffix = p.suffix.lower()
                if p.is_symlink() or not p.is_file() or suffix in SKIP_SUFFIXES:
                    continue
                if suffix in SUFFIXES or _is_form_by_content(p):
                    found.append(p)
        else:
            found.append(path)
    unique: dict[Path, None] = {}
    for p in found:
        unique.setdefault(p, None)
    return list(unique)


def read_bytes(path: Path, limit: int = lrmx.MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file, at most `limit`; a device, a FIFO (it would block), a folder or a
    file too large is refused with a Chinese message before anything is read."""
    st = os.stat(path)  # follows symlinks: a link to /dev/zero is a character device
    if stat.S_ISDIR(st.st_mode):
        raise lrmx.LrmxError("这是一个文件夹，不是任免表文件")
    if not stat.S_ISREG(st.st_mode):
        kind = "管道（FIFO）" if stat.S_ISFIFO(st.st_mode) else "设备或特殊文件"
        raise lrmx.LrmxError(f"不是普通文件（是{kind}），已跳过")
    if st.st_size > limit:
        raise lrmx.LrmxError(
            f"文件过大（{st.st_size // 1_048_576} MB），任免表文件不应超过 {limit // 1_048_576} MB"
        )
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):  # replaced since the check
            raise lrmx.LrmxError("不是普通文件，已跳过")
        data = f.read(limit + 1)
    if len(data) > limit:
        raise lrmx.LrmxError(f"文件过大，任免表文件不应超过 {limit // 1_048_576} MB")
    return data


def read_file(path: Path) -> CadreData:
    """One file; raise `FormatProblem`/`LrmxError` (ValueError) or `OSError` with the reason.

    An .lrm is read as the legacy format; anything else is recognised by its content (an XML
    document whose root is <Person> with the form's fields), whatever its extension.
    """
    data = read_bytes(path)
    suffix = path.suffix.lower()
    if suffix == ".lrm" or (
        suffix != ".lrmx" and not lrmx.looks_like_form(data[:4096]) and lrm.looks_like_lrm(data)
    ):
        return lrm.read_lrm_bytes(data, path, read_bytes)
    if suffix != ".lrmx" and not lrmx.looks_like_form(data[:4096]):
        raise lrmx.LrmxError("不是任免表文件（内容既不是 .lrmx 的 <Person> XML，也不是 .lrm）")
    return lrmx.read_lrmx(data, path.name)


def _read_safely(path: Path) -> CadreData | Exception:
    try:
        return read_file(path)
    except FileNotFoundError:
        return lrmx.LrmxError("文件不存在")
    except PermissionError:
        return lrmx.LrmxError("没有读取该文件的权限")
    except OSError as exc:
        return lrmx.LrmxError(f"无法读取（{exc.strerror}）")
    except (FormatProblem, lrmx.LrmxError) as exc:
        return exc
    except (ValueError, RecursionError) as exc:  # any other value a reader could not take
        return lrmx.LrmxError(f"无法读取该文件（{exc}）")
    except MemoryError:
        return lrmx.LrmxError("文件过大，读取时内存不足")


def plan_files(
    ctx: ServiceContext, paths: Sequence[Path], progress: Progress | None = None
) -> importing.ImportPlan:
    access.require(ctx, Permission.IMPORT)
    files = collect(paths)
    if not files:
        raise StorageError("没有找到任免表文件（.lrmx、.lrm，或内容为任免表的 .xml）")
    entries: list[tuple[str, CadreData | Exception]] = []
    for n, path in enumerate(files):
        if progress is not None:
            progress("读取文件", n + 1, len(files))
        entries.append((str(path), _read_safely(path)))
    plan = importing.plan_import(ctx, entries, "任免表", progress)
    return dataclasses.replace(plan, origin="、".join(str(p) for p in paths))


# --- export --------------------------------------------------------------------------------------

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


@dataclass(frozen=True)
class ExportResult:
    files: tuple[Path, ...]


def _file_name(name: str, used: set[str]) -> str:
    base = _UNSAFE.sub("_", name).strip() or "干部"
    candidate, n = f"{base}.lrmx", 2
    while candidate.lower() in used:
        candidate, n = f"{base}({n}).lrmx", n + 1
    used.add(candidate.lower())
    return candidate


def form_bytes(ctx: ServiceContext, cadre_id: int, today: dt.date | None = None) -> bytes:
    access.require(ctx, Permission.OUTPUT)
    with ctx.db.read() as session:
        cadre = session.get(Cadre, cadre_id)
        if cadre is None:
            raise NotFoundError("干部", cadre_id)
        return lrmx.write_lrmx(store.model_view(session, cadre), today)


def export_files(
    ctx: ServiceContext, cadre_ids: Sequence[int], out_dir: Path, progress: Progress | None = None
) -> ExportResult:
    """One .lrmx per cadre, named after the cadre, in `out_dir` (files of the same name are replaced)."""
    access.require(ctx, Permission.OUTPUT)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(f"无法创建输出目录 {out_dir}：{describe_os_error(exc)}") from None
    used: set[str] = set()
    written: list[Path] = []
    with ctx.db.read() as session:
        rows = {c.id: c for c in session.scalars(select(Cadre).where(Cadre.id.in_(cadre_ids)))}
        missing = [i for i in cadre_ids if i not in rows]
        if missing:
            raise NotFoundError("干部", "、".join(map(str, missing)))
        for n, cid in enumerate(cadre_ids):
            if progress is not None:
                progress("导出任免表", n + 1, len(cadre_ids))
            cadre = rows[cid]
            data = lrmx.write_lrmx(store.model_view(session, cadre))
            path = out_dir / _file_name(cadre.name, used)
            with outfile.atomic_path(path, make_parent=False) as tmp:
                tmp.write_bytes(data)
            written.append(path)
    with ctx.db.uow() as session:
        audit.record(
            session, ctx, "export", "cadre", summary=f"导出任免表 {len(written)} 份到 {out_dir}"[:200]
        )
    return ExportResult(tuple(written))


__all__ = ["CadreDeskError", "collect", "export_files", "form_bytes", "plan_files", "read_file"]
