"""Appointment-form files in bulk: find them, read them into an import plan, export cadres to them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from cadre_desk.db.models import Cadre
from cadre_desk.errors import CadreDeskError, NotFoundError, StorageError
from cadre_desk.services import audit
from cadre_desk.services.context import ServiceContext
from cadre_desk.transfer import importing, lrm, lrmx, store
from cadre_desk.transfer.model import CadreData, FormatProblem

Progress = Callable[[str, int, int], None]
SUFFIXES = (".lrmx", ".lrm")


def collect(paths: Iterable[Path]) -> list[Path]:
    """Files as given, and every .lrmx/.lrm under a folder (recursively), sorted, without repeats."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES))
        else:
            found.append(path)
    unique: dict[Path, None] = {}
    for p in found:
        unique.setdefault(p, None)
    return list(unique)


def read_file(path: Path) -> CadreData:
    """One file; raise `FormatProblem`/`LrmxError` (ValueError) or `OSError` with the reason."""
    if path.suffix.lower() == ".lrm":
        return lrm.read_lrm(path)
    if path.suffix.lower() != ".lrmx":
        raise lrmx.LrmxError("不是任免表文件（应为 .lrmx 或 .lrm）")
    return lrmx.read_lrmx(path.read_bytes(), path.name)


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


def plan_files(
    ctx: ServiceContext, paths: Sequence[Path], progress: Progress | None = None
) -> importing.ImportPlan:
    files = collect(paths)
    if not files:
        raise StorageError("没有找到 .lrmx 或 .lrm 文件")
    entries: list[tuple[str, CadreData | Exception]] = []
    for n, path in enumerate(files):
        if progress is not None:
            progress("读取文件", n + 1, len(files))
        entries.append((str(path), _read_safely(path)))
    return importing.plan_import(ctx, entries, "任免表", progress)


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
    with ctx.db.read() as session:
        cadre = session.get(Cadre, cadre_id)
        if cadre is None:
            raise NotFoundError("干部", cadre_id)
        return lrmx.write_lrmx(store.model_view(session, cadre), today)


def export_files(
    ctx: ServiceContext, cadre_ids: Sequence[int], out_dir: Path, progress: Progress | None = None
) -> ExportResult:
    """One .lrmx per cadre, named after the cadre, in `out_dir` (files of the same name are replaced)."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(f"无法创建输出目录 {out_dir}：{exc.strerror}") from None
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
            try:
                path.write_bytes(data)
            except OSError as exc:
                raise StorageError(f"无法写入 {path}：{exc.strerror}") from None
            written.append(path)
    with ctx.db.uow() as session:
        audit.record(
            session, ctx, "export", "cadre", summary=f"导出任免表 {len(written)} 份到 {out_dir}"[:200]
        )
    return ExportResult(tuple(written))


__all__ = ["CadreDeskError", "collect", "export_files", "form_bytes", "plan_files", "read_file"]
