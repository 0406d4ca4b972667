"""Batch printing: many dossiers or appointment forms on worker processes, one file each, optionally merged.

Each worker process opens the database itself, read-only, registers the fonts once, and writes each
document straight to its file, so memory stays flat whatever the batch size: the parent holds only ids,
and at most a few jobs are in flight. The merged file is put together from the written files with pypdf,
one top-level bookmark per cadre with the document's own bookmarks under it.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import re
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from sqlalchemy.engine import make_url

from cadre_desk.db.engine import Database
from cadre_desk.errors import StorageError
from cadre_desk.reports import fonts
from cadre_desk.services import printing
from cadre_desk.services.printing import DateRange, PrintSettings

Kind = Literal["dossier", "form"]
ProgressFn = Callable[[str, int, int], None]
KIND_TITLES = {"dossier": "干部成长档案", "form": "干部任免审批表"}
_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')


@dataclass(frozen=True)
class BatchSpec:
    """What every document of a batch shares; picklable, sent to each worker once."""

    database: str  # a SQLite path or a SQLAlchemy URL
    kind: Kind
    settings: PrintSettings
    printed_at: dt.datetime = field(default_factory=lambda: dt.datetime.now().replace(microsecond=0))
    sections: tuple[str, ...] = printing.SECTIONS
    date_range: DateRange = field(default_factory=DateRange)


@dataclass(frozen=True)
class BatchItem:
    cadre_id: int
    name: str
    path: Path
    pages: int


@dataclass(frozen=True)
class BatchResult:
    items: tuple[BatchItem, ...]
    merged: Path | None = None

    @property
    def pages(self) -> int:
        return sum(i.pages for i in self.items)


def file_name(cadre_id: int, name: str, kind: Kind) -> str:
    return f"{cadre_id:06d}_{_UNSAFE.sub('_', name) or 'cadre'}_{KIND_TITLES[kind]}.pdf"


def open_for_reading(database: str) -> Database:
    if "://" in database:
        return Database.from_url(make_url(database))
    return printing.open_read_only(Path(database))


class _Worker:
    db: Database | None = None
    spec: BatchSpec | None = None


def _init(spec: BatchSpec) -> None:
    _Worker.db = open_for_reading(spec.database)
    _Worker.spec = spec
    fonts.register_fonts()


def build_one(db: Database, spec: BatchSpec, cadre_id: int, out_dir: Path) -> BatchItem:
    """Gather and write one cadre's document (in whichever process calls it)."""
    from cadre_desk.reports.appointment_form import FormOptions, build_appointment_form
    from cadre_desk.reports.dossier import DossierOptions, build_cadre_dossier
    from cadre_desk.services import cadre_records

    s = spec.settings
    with db.read() as session:
        photo = printing.get_photo_in(session, cadre_id)
        if spec.kind == "form":
            profile = cadre_records.profile_in(session, cadre_id)
            name = profile.cadre.name
        else:
            file = printing.gather_cadre_in(session, cadre_id, spec.date_range)
            name = file.profile.cadre.name
    path = out_dir / file_name(cadre_id, name, spec.kind)
    try:
        with open(path, "wb") as out:
            if spec.kind == "form":
                options = FormOptions(
                    age_reference=spec.printed_at.date(),
                    printed_at=spec.printed_at,
                    operator=s.operator,
                    confidentiality=s.confidentiality,
                    reporting_unit=s.department,
                )
                pages = build_appointment_form(profile, photo, out, options)
            else:
                dossier_options = DossierOptions(s, spec.sections, spec.printed_at)
                pages = build_cadre_dossier(file, out, dossier_options, photo)
    except OSError as exc:
        raise StorageError(f"无法写入文件 {path}：{exc.strerror}") from None
    return BatchItem(cadre_id, name, path, pages)


def _job(cadre_id: int, out_dir: str) -> BatchItem:
    assert _Worker.db is not None and _Worker.spec is not None
    return build_one(_Worker.db, _Worker.spec, cadre_id, Path(out_dir))


def run_batch(
    spec: BatchSpec,
    cadre_ids: Sequence[int],
    out_dir: Path,
    workers: int | None = None,
    progress: ProgressFn | None = None,
    merge_to: Path | None = None,
    mp_context: str | None = None,
) -> BatchResult:
    """Write one file per cadre into `out_dir` (and the merged file to `merge_to`).

    `progress(label, done, total)` is called after each document; if it raises (e.g. a Cancel), the
    pending jobs are dropped, the running ones finish, and the exception propagates. A GUI passes
    `mp_context="spawn"`: forking a process that runs Qt threads is unsafe.
    """
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(f"无法创建输出目录 {out_dir}：{exc.strerror}") from None
    workers = max(1, min(workers or os.cpu_count() or 1, len(cadre_ids) or 1))
    label = f"生成{KIND_TITLES[spec.kind]}"
    total = len(cadre_ids)
    done: dict[int, BatchItem] = {}
    if progress:
        progress(label, 0, total)
    context = multiprocessing.get_context(mp_context) if mp_context else None
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init, initargs=(spec,)) as pool:
        pending = iter(cadre_ids)
        running: set[Future[BatchItem]] = set()
        try:
            while True:
                while len(running) < 4 * workers:  # a short queue: flat memory, quick cancel
                    nxt = next(pending, None)
                    if nxt is None:
                        break
                    running.add(pool.submit(_job, nxt, str(out_dir)))
                if not running:
                    break
                finished, running = wait(running, return_when=FIRST_COMPLETED)
                for fut in finished:
                    item = fut.result()
                    done[item.cadre_id] = item
                    if progress:
                        progress(label, len(done), total)
        except BaseException:
            for fut in running:
                fut.cancel()
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    items = tuple(done[i] for i in cadre_ids if i in done)
    merged = None
    if merge_to is not None:
        merged = merge(items, merge_to, progress)
    return BatchResult(items, merged)


def merge(items: Sequence[BatchItem], target: Path, progress: ProgressFn | None = None) -> Path:
    """One PDF of all items, with a bookmark per cadre over that document's own bookmarks."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for n, item in enumerate(items, 1):
        writer.append(str(item.path), outline_item=f"{item.name}（{item.cadre_id}）", import_outline=True)
        if progress:
            progress("合并文件", n, len(items))
    if items:
        writer.add_metadata({"/Title": f"{KIND_TITLES[_kind_of(items[0])]}（共 {len(items)} 人）"})
    writer.page_mode = "/UseOutlines"
    try:
        with open(target, "wb") as out:
            writer.write(out)
    except OSError as exc:
        raise StorageError(f"无法写入文件 {target}：{exc.strerror}") from None
    finally:
        writer.close()
    return target


def _kind_of(item: BatchItem) -> Kind:
    return "form" if item.path.stem.endswith(KIND_TITLES["form"]) else "dossier"
