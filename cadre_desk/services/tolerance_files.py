"""Attachments of a 容错 case (scans, PDFs), kept in the database: added, read back, archived, audited.

The type is recognised from the content (a PDF, JPEG, PNG or TIFF scan), never from the file's name;
anything else, an empty file and a file over `MAX_BYTES` are refused before a byte is stored.
"""

from __future__ import annotations

import hashlib
import stat
from dataclasses import dataclass
from pathlib import Path, PurePath

from sqlalchemy import select

from cadre_desk.db.models import ToleranceAttachment
from cadre_desk.errors import NotFoundError, ValidationError
from cadre_desk.services import access, audit
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.tolerance import AttachmentView, load
from cadre_desk.services.tolerance_rules import require_tolerance

ENTITY = "tolerance_attachment"
MAX_BYTES = 20 * 1024 * 1024  # a 30-page scan at 300 dpi in JPEG is ~10 MB

# (leading bytes, media type, extension)
_SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
    (b"II*\x00", "image/tiff", ".tif"),
    (b"MM\x00*", "image/tiff", ".tif"),
)
EXTENSIONS = {media: ext for _, media, ext in _SIGNATURES}
_SAME = {".jpeg": ".jpg", ".tiff": ".tif"}


def sniff(data: bytes) -> str | None:
    """The media type of `data` from its first bytes (a PDF may start after a little junk: up to 1 KB)."""
    for magic, media, _ in _SIGNATURES:
        if data.startswith(magic):
            return media
    if b"%PDF-" in data[:1024]:
        return "application/pdf"
    return None


def suggested_name(file_name: str, media_type: str) -> str:
    """The name to save a copy under: the stored name with the extension its content calls for."""
    path = PurePath(file_name)
    ext = EXTENSIONS.get(media_type, "")
    if _SAME.get(path.suffix.lower(), path.suffix.lower()) == ext:
        return file_name
    return f"{path.stem or '附件'}{ext}"


@dataclass(frozen=True)
class AttachmentContent:
    view: AttachmentView
    data: bytes


def _too_big(name: str, size: int) -> ValidationError:
    limit = MAX_BYTES // 1048576
    return ValidationError({"attachment": f"“{name}”有 {size / 1048576:.1f} MB，附件不能超过 {limit} MB"})


def add_attachment(ctx: ServiceContext, case_id: int, file_name: str, data: bytes) -> AttachmentView:
    require_tolerance(ctx)
    name = PurePath(file_name.replace("\\", "/")).name.strip()[:200] or "附件"
    if not data:
        raise ValidationError({"attachment": f"“{name}”是空文件"})
    if len(data) > MAX_BYTES:
        raise _too_big(name, len(data))
    media = sniff(data)
    if media is None:
        raise ValidationError({"attachment": f"“{name}”不是 PDF 或扫描图片（JPEG、PNG、TIFF），不能作为附件"})
    with ctx.db.uow() as session:
        case = load(session, case_id)
        row = ToleranceAttachment(
            case_id=case.id,
            file_name=name,
            media_type=media,
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            data=data,
        )
        session.add(row)
        session.flush()
        audit.record(
            session,
            ctx,
            "create",
            ENTITY,
            row.id,
            row.uid,
            {"file_name": [None, name], "media_type": [None, media], "size": [None, len(data)]},
            case.number,
        )
        return AttachmentView(
            row.id, row.case_id, row.file_name, row.media_type, row.size, row.sha256, row.created_at
        )


def add_attachment_file(ctx: ServiceContext, case_id: int, path: Path) -> AttachmentView:
    """Attach a file from disk (a regular file, read no further than the size limit)."""
    access.require(ctx, Permission.TOLERANCE)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise ValidationError({"attachment": f"“{path.name}”不是普通文件"})
        if info.st_size > MAX_BYTES:
            raise _too_big(path.name, info.st_size)
        with path.open("rb") as f:
            data = f.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ValidationError({"attachment": f"无法读取“{path.name}”：{exc.strerror or exc}"}) from None
    return add_attachment(ctx, case_id, path.name, data)


def attachment_content(ctx: ServiceContext, attachment_id: int) -> AttachmentContent:
    """The stored bytes (checked against their SHA-256), for opening or saving a copy."""
    require_tolerance(ctx)
    with ctx.db.read() as session:
        row = session.get(ToleranceAttachment, attachment_id)
        if row is None or row.archived_at is not None:
            raise NotFoundError("附件", attachment_id)
        data = bytes(
            session.scalars(select(ToleranceAttachment.data).where(ToleranceAttachment.id == row.id)).one()
        )
        view = AttachmentView(
            row.id, row.case_id, row.file_name, row.media_type, row.size, row.sha256, row.created_at
        )
    if hashlib.sha256(data).hexdigest() != view.sha256:
        raise ValidationError({"attachment": f"附件“{view.file_name}”已损坏（校验值不符）"})
    return AttachmentContent(view, data)


def _set_archived(ctx: ServiceContext, attachment_id: int, archived: bool) -> None:
    require_tolerance(ctx)
    with ctx.db.uow() as session:
        row = session.get(ToleranceAttachment, attachment_id)
        if row is None:
            raise NotFoundError("附件", attachment_id)
        audit.mark_archived(session, ctx, ENTITY, row, archived, row.file_name)


def archive_attachment(ctx: ServiceContext, attachment_id: int) -> None:
    """Remove an attachment from the case (recoverable with `restore_attachment`: the bytes stay)."""
    _set_archived(ctx, attachment_id, True)


def restore_attachment(ctx: ServiceContext, attachment_id: int) -> None:
    _set_archived(ctx, attachment_id, False)


def save_attachment(ctx: ServiceContext, attachment_id: int, dest: Path) -> AttachmentView:
    """Write a copy of the attachment to `dest` (complete or not at all); recorded as an export."""
    access.require(ctx, Permission.TOLERANCE)
    from cadre_desk import outfile

    content = attachment_content(ctx, attachment_id)
    with outfile.atomic_path(dest) as tmp:
        tmp.write_bytes(content.data)
    with ctx.db.uow() as session:
        row = session.get(ToleranceAttachment, attachment_id)
        if row is not None:
            audit.record(
                session, ctx, "export", ENTITY, row.id, row.uid, summary=f"{row.file_name} → {dest.name}"
            )
    return content.view
