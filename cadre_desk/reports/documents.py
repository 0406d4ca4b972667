"""Every printed document, made one way whoever prints it: the CLI, the window's preview, batch workers.

`prepare(db, kind, record_id, options)` (a cadre dossier, an appointment form, a pairing dossier, a talk
record, a 考察材料, a 横向比较表 of the cadres in `options.cadre_ids`) reads what the document shows in one
read transaction; the result builds the PDF into a file (`write`: the file appears only when complete)
or into memory (`to_bytes`). An appointment form whose content cannot fit its two pages raises `FormTooLong`
before any page is drawn.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Literal

from cadre_desk import outfile
from cadre_desk.db.engine import Database
from cadre_desk.reports import (
    appointment_form,
    appointment_options,
    barometer_table,
    comparison_report,
    dossier,
    growth_record,
    inspection_report,
    pairing_dossier,
    structure_report,
    talk_form,
    tolerance_summary,
)
from cadre_desk.services import (
    access,
    appointment,
    barometer_entries,
    cadre_records,
    comparison,
    inspection,
    printing,
    structure,
)
from cadre_desk.services import growth_record as growth
from cadre_desk.services import tolerance_summary as summaries
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.printing import SECTIONS, DateRange, PrintSettings

DocumentKind = Literal[
    "dossier",
    "form",
    "pairing",
    "talk",
    "barometer",
    "structure",
    "tolerance",
    "inspection",
    "growth",
    "comparison",
]

TITLES: dict[DocumentKind, str] = {
    "dossier": dossier.TITLE,
    "form": appointment_form.TITLE,
    "pairing": pairing_dossier.TITLE,
    "talk": talk_form.TITLE,
    "barometer": barometer_table.TITLE,
    "structure": structure_report.TITLE,
    "tolerance": tolerance_summary.TITLE,
    "inspection": inspection_report.TITLE,
    "growth": growth_record.TITLE,
    "comparison": comparison_report.TITLE,
}
# The audit trail's entity of each kind's record.
ENTITIES: dict[DocumentKind, str] = {
    "dossier": "cadre",
    "form": "cadre",
    "pairing": "mentorship",
    "talk": "talk",
    "barometer": "barometer_period",
    "structure": "structure",
    "tolerance": tolerance_summary.ENTITY,  # the record id is the year
    "inspection": "cadre",
    "growth": "cadre",
    "comparison": "cadre",  # one record per cadre compared
}


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


@dataclass(frozen=True)
class DocumentOptions:
    settings: PrintSettings
    printed_at: dt.datetime = field(default_factory=_now)
    sections: tuple[str, ...] = SECTIONS  # a cadre dossier's sections
    date_range: DateRange = field(default_factory=DateRange)  # a cadre dossier's dated records
    draft: bool = False  # an appointment form's 草稿 watermark
    reference: dt.date | None = None  # an appointment form's 计算年龄时间 (None: the form's own); a
    # structure report's reference date (None: the print date)
    scope: structure.Scope | None = None  # a structure report's scope (its record id is not used)
    excerpts: tuple[int, ...] = ()  # a 成长档案's diary entries chosen by the user (ids)
    cadre_ids: tuple[int, ...] = ()  # the 2–6 cadres of a 横向比较表 (its record id is not used); its
    # reference date is `reference` (None: the print date)


@dataclass(frozen=True)
class Document:
    """One document's data, read and ready to be built."""

    kind: DocumentKind
    record_id: int
    name: str  # whose it is: the cadre's name, "mentor-mentee", the talk's subjects
    build: Callable[[BinaryIO | Path], int]  # writes the PDF, returns its number of pages
    record_ids: tuple[int, ...] = ()  # the records it shows, when more than `record_id` (a comparison)

    @property
    def title(self) -> str:
        return TITLES[self.kind]

    @property
    def entity(self) -> str:
        return ENTITIES[self.kind]

    @property
    def audited_ids(self) -> tuple[int, ...]:
        """The records a print or an export of this document is recorded against (one event each)."""
        return self.record_ids or (self.record_id,)

    def file_name(self) -> str:
        """A suggested file name: `张三_干部成长档案.pdf`."""
        return f"{self.name}_{self.title}.pdf"

    def to_bytes(self) -> bytes:
        out = io.BytesIO()
        self.build(out)
        return out.getvalue()

    def write(self, path: Path) -> int:
        """Build into a temporary file beside `path`, then move it into place; returns the pages."""
        with outfile.atomic_path(path, make_parent=False) as part:
            return self.build(part)


def prepare(
    db: Database | ServiceContext, kind: DocumentKind, record_id: int, options: DocumentOptions
) -> Document:
    """Read what the document of `kind` about record `record_id` shows (raises NotFoundError); for the
    yearly 容错纠错 summary (`tolerance`) the record id is the year.

    Given a context (the window and the command line), it must be allowed to print records
    (`PermissionDenied`); the batch workers pass the database their parent checked."""
    if isinstance(db, ServiceContext):
        access.require(db, Permission.TOLERANCE if kind == "tolerance" else Permission.OUTPUT)
        db = db.db
    s = options.settings
    if kind == "structure":
        scope = options.scope or structure.county_scope()
        at = options.reference or options.printed_at.date()
        with db.read() as session:
            report = structure.analyse_in(session, scope, at, per_team=True)
            members = [cadre_id for team in report.teams for cadre_id in team.members]
            people = {c.id: c for c in structure.cadres_behind_in(session, members, at)}
        report_options = structure_report.StructureOptions(s, options.printed_at, people)
        return Document(
            kind,
            0,
            scope.label,
            lambda out: structure_report.build_structure_report(report, out, report_options),
        )
    if kind == "comparison":
        at = options.reference or options.printed_at.date()
        with db.read() as session:
            table = comparison.compare_in(session, options.cadre_ids, at)
        table_options = comparison_report.ComparisonOptions(s, options.printed_at)
        return Document(
            kind,
            0,
            "、".join(table.names),
            lambda out: comparison_report.build_comparison(table, out, table_options),
            table.cadre_ids,
        )
    with db.read() as session:
        if kind == "dossier":
            file = printing.gather_cadre_in(session, record_id, options.date_range)
            photo = printing.get_photo_in(session, record_id)
            dossier_options = dossier.DossierOptions(s, options.sections, options.printed_at)
            return Document(
                kind,
                record_id,
                file.profile.cadre.name,
                lambda out: dossier.build_cadre_dossier(file, out, dossier_options, photo),
            )
        if kind == "form":
            profile = cadre_records.profile_in(session, record_id)
            photo = printing.get_photo_in(session, record_id)
            case = appointment.case_in(session, record_id, options.printed_at.date(), s.department)
            form_options = appointment_options.options_for(case, s, options.draft, options.reference)
            return Document(
                kind,
                record_id,
                profile.cadre.name,
                lambda out: appointment_form.build_appointment_form(profile, photo, out, form_options),
            )
        if kind == "pairing":
            pairing = printing.gather_pairing_in(session, record_id)
            pairing_options = pairing_dossier.PairingOptions(s, options.printed_at)
            return Document(
                kind,
                record_id,
                f"{pairing.mentor.name}-{pairing.mentee.name}",
                lambda out: pairing_dossier.build_pairing_dossier(pairing, out, pairing_options),
            )
        if kind == "barometer":
            review = barometer_entries.gather_joint_review_in(session, record_id)
            review_options = barometer_table.ReviewOptions(s, options.printed_at)
            return Document(
                kind,
                record_id,
                review.period.code,
                lambda out: barometer_table.build_joint_review(review, out, review_options),
            )
        if kind == "growth":
            at = options.reference or options.printed_at.date()
            record = growth.gather_in(session, record_id, options.excerpts, at)
            growth_options = growth_record.GrowthOptions(s, options.printed_at)
            return Document(
                kind,
                record_id,
                record.file.profile.cadre.name,
                lambda out: growth_record.build_growth_record(record, out, growth_options),
            )
        if kind == "tolerance":
            summary = summaries.summary_in(session, record_id)
            summary_options = tolerance_summary.SummaryOptions(s, options.printed_at)
            return Document(
                kind,
                record_id,
                f"{record_id}年度",
                lambda out: tolerance_summary.build_summary_pdf(summary, out, summary_options),
            )
        if kind == "inspection":  # the latest saved revision, or a fresh draft
            draft = inspection.current_or_draft_in(session, record_id, options.printed_at.date())
            return Document(
                kind,
                record_id,
                draft.cadre_name,
                lambda out: inspection_report.build(draft, out, s, options.printed_at),
            )
        talk = printing.gather_talk_in(session, record_id)
        talk_options = talk_form.TalkOptions(s, options.printed_at)
        return Document(
            kind,
            record_id,
            "、".join(talk.talk.subjects) or str(record_id),
            lambda out: talk_form.build_talk_form(talk, out, talk_options),
        )
