"""Batch printing: many dossiers or appointment forms on worker processes, one file each, optionally merged.

Each worker process opens the database itself, read-only, registers the fonts once, and writes each
document straight to its file, so memory stays flat whatever the batch size: the parent holds only ids,
and at most a few jobs are in flight. The merged file is put together from the written files, one at a
time and straight into the target (flat memory), with one top-level bookmark per cadre over the
document's own bookmarks.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import re
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Literal

from sqlalchemy.engine import make_url

from cadre_desk import outfile
from cadre_desk.db import cipher
from cadre_desk.db.cipher import CipherKey
from cadre_desk.db.engine import Database
from cadre_desk.db.failures import describe_os_error
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
    # The key of an encrypted database file, taken from this process; a spawned worker starts with
    # none (it travels to the worker through the pool's pipe, never through a file or the command line).
    key: CipherKey | None = None

    def __post_init__(self) -> None:
        if self.key is None and "://" not in self.database:
            object.__setattr__(self, "key", cipher.key_for(Path(self.database)))


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


PARENT_POLL_S = 0.5


def _exit_with_parent() -> None:
    """End this worker once the process that started it is gone (killed, a power cut of the window's
    process): an idle worker would otherwise wait for jobs for ever, holding the output pipes and the
    database open. Forked workers hold each other's end of the job queue and of the parent's sentinel,
    so neither ever closes: the worker watches its parent's pid (re-parented when it dies)."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL_S)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _init(spec: BatchSpec) -> None:
    _exit_with_parent()
    if spec.key is not None:
        cipher.remember(Path(spec.database), spec.key)
    _Worker.db = open_for_reading(spec.database)
    _Worker.spec = spec
    fonts.register_fonts()


def build_one(db: Database, spec: BatchSpec, cadre_id: int, out_dir: Path) -> BatchItem:
    """Gather and write one cadre's document (in whichever process calls it)."""
    from cadre_desk.reports import documents

    options = documents.DocumentOptions(spec.settings, spec.printed_at, spec.sections, spec.date_range)
    document = documents.prepare(db, spec.kind, cadre_id, options)
    path = out_dir / file_name(cadre_id, document.name, spec.kind)
    return BatchItem(cadre_id, document.name, path, document.write(path))


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
        raise StorageError(f"无法创建输出目录 {out_dir}：{describe_os_error(exc)}") from None
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
    """One PDF of all items, with a bookmark per cadre over that document's own bookmarks.

    The parts are copied one at a time straight into the target file (`_PdfAppender`), so memory stays
    flat however many there are: only the page numbers and the bookmarks are kept until the end.
    """
    title = f"{KIND_TITLES[_kind_of(items[0])]}（共 {len(items)} 人）" if items else ""
    with outfile.atomic_path(target, make_parent=False) as tmp, open(tmp, "wb") as out:
        pdf = _PdfAppender(out)
        for n, item in enumerate(items, 1):
            pdf.append(item.path, f"{item.name}（{item.cadre_id}）")
            if progress:
                progress("合并文件", n, len(items))
        pdf.finish(title)
    return target


@dataclass
class _Mark:
    """A bookmark of the merged file: its title, destination (already renumbered) and children."""

    title: str
    dest: Any
    is_open: bool = False
    children: list[_Mark] = field(default_factory=list)

    def visible(self) -> int:
        return sum(1 + (c.visible() if c.is_open else 0) for c in self.children)


class _PdfAppender:
    """Writes a PDF object by object: each part's pages (and what they use) are renumbered and written
    as they are read; the page tree, the bookmarks and the cross-reference table come at the end."""

    def __init__(self, out: BinaryIO) -> None:
        self.out = out
        self.offsets: dict[int, int] = {}
        self.count = 0
        self.kids: list[int] = []
        self.marks: list[_Mark] = []
        self.pages_root = self._reserve()
        out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")

    def _reserve(self) -> int:
        self.count += 1
        return self.count

    def _write(self, num: int, obj: Any) -> None:
        from pypdf.generic import NullObject

        self.offsets[num] = self.out.tell()
        self.out.write(f"{num} 0 obj\n".encode())
        (NullObject() if obj is None else obj).write_to_stream(self.out)
        self.out.write(b"\nendobj\n")

    def append(self, path: Path, title: str) -> None:
        from pypdf import PdfReader
        from pypdf.generic import (
            ArrayObject,
            DictionaryObject,
            IndirectObject,
            NameObject,
            NullObject,
            NumberObject,
            StreamObject,
        )

        reader = PdfReader(path)
        numbers: dict[int, int] = {}
        queue: list[int] = []
        parent = IndirectObject(self.pages_root, 0, None)

        def ref(old: IndirectObject) -> IndirectObject:
            num = numbers.get(old.idnum)
            if num is None:
                num = numbers[old.idnum] = self._reserve()
                queue.append(old.idnum)
            return IndirectObject(num, 0, None)

        def convert(obj: Any) -> Any:
            if isinstance(obj, IndirectObject):
                return ref(obj)
            if isinstance(obj, StreamObject):
                # Renumbered in place: the reader is this part's own and each object is converted once,
                # so the data stays encoded as read and write_to_stream copies it unchanged.
                for k, v in list(obj.items()):
                    obj[NameObject(k)] = convert(v)
                return obj
            if isinstance(obj, DictionaryObject):
                copy = DictionaryObject()
                for k, v in obj.items():
                    copy[NameObject(k)] = (
                        parent if k == "/Parent" and obj.get("/Type") == "/Page" else convert(v)
                    )
                return copy
            if isinstance(obj, ArrayObject):
                return ArrayObject(convert(v) for v in obj)
            return obj

        first = len(self.kids)
        for page in reader.pages:  # flattened: inherited resources and boxes are on each page
            assert page.indirect_reference is not None
            num = ref(page.indirect_reference).idnum
            self.kids.append(num)
        while queue:
            old = queue.pop()
            self._write(numbers[old], convert(reader.get_object(old)))

        def marks(outline: Any) -> list[_Mark]:
            out: list[_Mark] = []
            for entry in outline:
                if isinstance(entry, list):
                    if out:
                        out[-1].children = marks(entry)
                    continue
                count = entry.get("/Count", 0) if entry.node is None else entry.node.get("/Count", 0)
                out.append(_Mark(str(entry.title), convert(entry.dest_array), int(count or 0) > 0))
            return out

        children = marks(reader.outline) if self.kids[first:] else []
        if len(self.kids) > first:
            start = IndirectObject(self.kids[first], 0, None)
            dest = ArrayObject([start, NameObject("/XYZ"), NullObject(), NullObject(), NumberObject(0)])
            self.marks.append(_Mark(title, dest, False, children))

    def _outline(self, marks: Sequence[_Mark], parent: int) -> tuple[int, int]:
        """Write `marks` under `parent`; returns the first and last object numbers."""
        from pypdf.generic import DictionaryObject, IndirectObject, NameObject, NumberObject, TextStringObject

        def r(num: int) -> IndirectObject:
            return IndirectObject(num, 0, None)

        nums = [self._reserve() for _ in marks]
        for i, (mark, num) in enumerate(zip(marks, nums, strict=True)):
            node = DictionaryObject(
                {
                    NameObject("/Title"): TextStringObject(mark.title),
                    NameObject("/Parent"): r(parent),
                    NameObject("/Dest"): mark.dest,
                }
            )
            if i > 0:
                node[NameObject("/Prev")] = r(nums[i - 1])
            if i + 1 < len(nums):
                node[NameObject("/Next")] = r(nums[i + 1])
            if mark.children:
                first, last = self._outline(mark.children, num)
                node[NameObject("/First")], node[NameObject("/Last")] = r(first), r(last)
                visible = mark.visible()
                node[NameObject("/Count")] = NumberObject(visible if mark.is_open else -len(mark.children))
            self._write(num, node)
        return nums[0], nums[-1]

    def finish(self, title: str) -> None:
        from pypdf.generic import (
            ArrayObject,
            DictionaryObject,
            IndirectObject,
            NameObject,
            NumberObject,
            TextStringObject,
        )

        def r(num: int) -> IndirectObject:
            return IndirectObject(num, 0, None)

        self._write(
            self.pages_root,
            DictionaryObject(
                {
                    NameObject("/Type"): NameObject("/Pages"),
                    NameObject("/Kids"): ArrayObject(r(k) for k in self.kids),
                    NameObject("/Count"): NumberObject(len(self.kids)),
                }
            ),
        )
        catalog = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Catalog"),
                NameObject("/Pages"): r(self.pages_root),
                NameObject("/PageMode"): NameObject("/UseOutlines"),
            }
        )
        if self.marks:
            outlines = self._reserve()
            first, last = self._outline(self.marks, outlines)
            visible = sum(1 + (m.visible() if m.is_open else 0) for m in self.marks)
            self._write(
                outlines,
                DictionaryObject(
                    {
                        NameObject("/Type"): NameObject("/Outlines"),
                        NameObject("/First"): r(first),
                        NameObject("/Last"): r(last),
                        NameObject("/Count"): NumberObject(visible),
                    }
                ),
            )
            catalog[NameObject("/Outlines")] = r(outlines)
        root = self._reserve()
        self._write(root, catalog)
        info = self._reserve()
        meta = DictionaryObject({NameObject("/Producer"): TextStringObject("干部成长档案台 Cadre Desk")})
        if title:
            meta[NameObject("/Title")] = TextStringObject(title)
        self._write(info, meta)
        xref = self.out.tell()
        lines = [f"xref\n0 {self.count + 1}\n", "0000000000 65535 f \n"]
        lines += [f"{self.offsets[n]:010d} 00000 n \n" for n in range(1, self.count + 1)]
        self.out.write("".join(lines).encode())
        trailer = f"trailer\n<< /Size {self.count + 1} /Root {root} 0 R /Info {info} 0 R >>\n"
        self.out.write(f"{trailer}startxref\n{xref}\n%%EOF\n".encode())


def _kind_of(item: BatchItem) -> Kind:
    return "form" if item.path.stem.endswith(KIND_TITLES["form"]) else "dossier"
