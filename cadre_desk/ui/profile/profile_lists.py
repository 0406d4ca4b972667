"""The editable lists of a profile (简历, 家庭成员, 奖惩, 考核, 培训, 挂职): columns, checks, conversion.

Each `ListTab` knows how to show a `CadreProfile`'s records as rows of text, how to turn edited rows
back into the service's input DTOs (with the error-key prefix of each row, `family[2]`), and which
`cadre_records.save_*` function saves them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication

from cadre_desk.domain import vocab
from cadre_desk.domain.yearmonth import YearMonth, format_date
from cadre_desk.services import cadre_records as cr
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.profile.record_editor import FieldSpec

Row = tuple[int | None, list[str]]
Record = tuple[int | None, dict[str, str]]


def _check(list_name: str, field: str) -> Callable[[str], str | None]:
    """The service's rule for one cell (services.validation): the UI keeps no copy of the rules."""

    def check(text: str) -> str | None:
        return cr.cell_message(list_name, field, text)

    return check


def _ym(value: YearMonth | None) -> str:
    return "" if value is None else str(value)


def _number(value: float) -> str:
    return f"{value:g}" if value else ""


@dataclass(frozen=True)
class ListTab:
    key: str  # "family": also the prefix of the service's error keys
    title: str
    specs: tuple[FieldSpec, ...]
    rows_of: Callable[[cr.CadreProfile], list[Row]]
    inputs_of: Callable[[list[Record]], tuple[list[Any], list[str]]]  # inputs, error prefix per row
    save: Callable[[ServiceContext, int, list[Any], int], cr.CadreProfile]
    count_of: Callable[[cr.CadreProfile], int]


def _indexed(
    key: str, records: list[Record], make: Callable[[int | None, dict[str, str]], Any]
) -> tuple[list[Any], list[str]]:
    return [make(i, r) for i, r in records], [f"{key}[{n}]" for n in range(len(records))]


# --- 简历 ------------------------------------------------------------------------------------------


def _resume_rows(profile: cr.CadreProfile) -> list[Row]:
    rows: list[Row] = []
    for entry in profile.resume:
        rows.append((entry.id, ["", str(entry.start), _ym(entry.end), entry.text]))
        rows.extend((sub.id, ["1", str(sub.start), _ym(sub.end), sub.text]) for sub in entry.concurrent)
    return rows


def resume_inputs(records: list[Record]) -> tuple[list[cr.ResumeEntryInput], list[str]]:
    """Main lines with their 其间 items (a 其间 row belongs to the main line above it)."""
    mains: list[tuple[cr.ResumeEntryInput, list[cr.ResumeEntryInput]]] = []
    prefixes: list[str] = []
    for record_id, values in records:
        item = cr.ResumeEntryInput(values["start"], values["end"] or None, values["text"], record_id)
        if values["concurrent"] and mains:
            subs = mains[-1][1]
            prefixes.append(f"resume[{len(mains) - 1}].concurrent[{len(subs)}]")
            subs.append(item)
        else:
            prefixes.append(f"resume[{len(mains)}]")
            mains.append((item, []))
    entries = [cr.ResumeEntryInput(m.start, m.end, m.text, m.id, tuple(subs)) for m, subs in mains]
    return entries, prefixes


def _save_resume(ctx: ServiceContext, cadre_id: int, items: list[Any], version: int) -> cr.CadreProfile:
    return cr.save_resume(ctx, cadre_id, items, version).profile


def list_tabs() -> tuple[ListTab, ...]:
    """The editable tabs in the order the profile shows them (titles translated now)."""
    relation_choices = vocab.RELATIONS
    return (
        ListTab(
            "resume",
            QCoreApplication.translate("ProfileLists", "Resume"),
            (
                FieldSpec(
                    "concurrent", QCoreApplication.translate("ProfileLists", "Meanwhile"), 4, boolean=True
                ),
                FieldSpec(
                    "start",
                    QCoreApplication.translate("ProfileLists", "From"),
                    5,
                    _check("resume", "start"),
                    placeholder="2008.07",
                ),
                FieldSpec(
                    "end",
                    QCoreApplication.translate("ProfileLists", "To"),
                    5,
                    _check("resume", "end"),
                    placeholder="2011.09",
                ),
                FieldSpec(
                    "text",
                    QCoreApplication.translate("ProfileLists", "Unit and post"),
                    0,
                    _check("resume", "text"),
                ),
            ),
            _resume_rows,
            resume_inputs,
            _save_resume,
            lambda p: len(p.resume),
        ),
        ListTab(
            "family",
            QCoreApplication.translate("ProfileLists", "Family"),
            (
                FieldSpec(
                    "relation",
                    QCoreApplication.translate("ProfileLists", "Relation"),
                    4,
                    _check("family", "relation"),
                    relation_choices,
                ),
                FieldSpec(
                    "name", QCoreApplication.translate("ProfileLists", "Name"), 5, _check("family", "name")
                ),
                FieldSpec(
                    "birth",
                    QCoreApplication.translate("ProfileLists", "Born"),
                    5,
                    _check("family", "birth"),
                    placeholder="1960.05",
                ),
                FieldSpec(
                    "political_status",
                    QCoreApplication.translate("ProfileLists", "Political status"),
                    6,
                    _check("family", "political_status"),
                    choices=vocab.POLITICAL_STATUSES,
                ),
                FieldSpec(
                    "employer_post",
                    QCoreApplication.translate("ProfileLists", "Employer and post"),
                    0,
                    _check("family", "employer_post"),
                ),
                FieldSpec(
                    "deceased", QCoreApplication.translate("ProfileLists", "Deceased"), 3, boolean=True
                ),
            ),
            lambda p: [
                (
                    m.id,
                    [
                        m.relation,
                        m.name,
                        _ym(m.birth),
                        m.political_status,
                        m.employer_post,
                        "1" if m.deceased else "",
                    ],
                )
                for m in p.family
            ],
            lambda records: _indexed(
                "family",
                records,
                lambda i, v: cr.FamilyMemberInput(
                    v["relation"],
                    v["name"],
                    v["birth"] or None,
                    v["political_status"],
                    v["employer_post"],
                    bool(v["deceased"]),
                    i,
                ),
            ),
            cr.save_family,
            lambda p: len(p.family),
        ),
        ListTab(
            "rewards",
            QCoreApplication.translate("ProfileLists", "Rewards and punishments"),
            (
                FieldSpec(
                    "kind",
                    QCoreApplication.translate("ProfileLists", "Kind"),
                    4,
                    _check("rewards", "kind"),
                    tuple(vocab.RewardKind),
                ),
                FieldSpec(
                    "date",
                    QCoreApplication.translate("ProfileLists", "Date"),
                    5,
                    _check("rewards", "date"),
                    placeholder="2015.06",
                ),
                FieldSpec(
                    "text",
                    QCoreApplication.translate("ProfileLists", "Description"),
                    0,
                    _check("rewards", "text"),
                ),
                FieldSpec(
                    "issuer",
                    QCoreApplication.translate("ProfileLists", "Approved by"),
                    8,
                    _check("rewards", "issuer"),
                ),
            ),
            lambda p: [(r.id, [r.kind, _ym(r.date), r.text, r.issuer]) for r in p.rewards],
            lambda records: _indexed(
                "rewards",
                records,
                lambda i, v: cr.RewardInput(v["kind"], v["text"], v["date"] or None, v["issuer"], i),
            ),
            cr.save_rewards,
            lambda p: len(p.rewards),
        ),
        ListTab(
            "assessments",
            QCoreApplication.translate("ProfileLists", "Assessments"),
            (
                FieldSpec(
                    "year",
                    QCoreApplication.translate("ProfileLists", "Year"),
                    4,
                    _check("assessments", "year"),
                    placeholder="2023",
                ),
                FieldSpec(
                    "grade",
                    QCoreApplication.translate("ProfileLists", "Grade"),
                    6,
                    _check("assessments", "grade"),
                    tuple(vocab.AssessmentGrade),
                ),
                FieldSpec(
                    "notes",
                    QCoreApplication.translate("ProfileLists", "Notes"),
                    0,
                    _check("assessments", "notes"),
                ),
            ),
            lambda p: [(a.id, [str(a.year), a.grade, a.notes]) for a in p.assessments],
            lambda records: _indexed(
                "assessments",
                records,
                lambda i, v: cr.AssessmentInput(v["year"], v["grade"], v["notes"], i),
            ),
            cr.save_assessments,
            lambda p: len(p.assessments),
        ),
        ListTab(
            "trainings",
            QCoreApplication.translate("ProfileLists", "Training"),
            (
                FieldSpec(
                    "name",
                    QCoreApplication.translate("ProfileLists", "Course"),
                    0,
                    _check("trainings", "name"),
                ),
                FieldSpec(
                    "kind",
                    QCoreApplication.translate("ProfileLists", "Kind"),
                    6,
                    choices=vocab.TRAINING_KINDS,
                ),
                FieldSpec("organiser", QCoreApplication.translate("ProfileLists", "Organiser"), 8),
                FieldSpec(
                    "start_date",
                    QCoreApplication.translate("ProfileLists", "From"),
                    6,
                    _check("trainings", "start_date"),
                    placeholder="2024.05.17",
                ),
                FieldSpec(
                    "end_date",
                    QCoreApplication.translate("ProfileLists", "To"),
                    6,
                    _check("trainings", "end_date"),
                    placeholder="2024.05.31",
                ),
                FieldSpec(
                    "hours",
                    QCoreApplication.translate("ProfileLists", "Hours"),
                    3,
                    _check("trainings", "hours"),
                ),
                FieldSpec(
                    "days", QCoreApplication.translate("ProfileLists", "Days"), 3, _check("trainings", "days")
                ),
                FieldSpec(
                    "full_time", QCoreApplication.translate("ProfileLists", "Full-time"), 3, boolean=True
                ),
                FieldSpec(
                    "certificate",
                    QCoreApplication.translate("ProfileLists", "Certificate"),
                    8,
                    _check("trainings", "certificate"),
                ),
            ),
            lambda p: [
                (
                    t.id,
                    [
                        t.name,
                        t.kind,
                        t.organiser,
                        format_date(t.start_date),
                        format_date(t.end_date),
                        _number(t.hours),
                        _number(t.days),
                        "1" if t.full_time else "",
                        t.certificate,
                    ],
                )
                for t in p.trainings
            ],
            lambda records: _indexed(
                "trainings",
                records,
                lambda i, v: cr.TrainingInput(
                    v["name"],
                    v["kind"],
                    v["organiser"],
                    v["start_date"] or None,
                    v["end_date"] or None,
                    v["hours"],
                    v["days"],
                    i,
                    bool(v["full_time"]),
                    v["certificate"],
                ),
            ),
            cr.save_trainings,
            lambda p: len(p.trainings),
        ),
        ListTab(
            "secondments",
            QCoreApplication.translate("ProfileLists", "Secondments"),
            (
                FieldSpec(
                    "place",
                    QCoreApplication.translate("ProfileLists", "Host unit"),
                    0,
                    _check("secondments", "place"),
                ),
                FieldSpec("post", QCoreApplication.translate("ProfileLists", "Post"), 0),
                FieldSpec(
                    "start",
                    QCoreApplication.translate("ProfileLists", "From"),
                    5,
                    _check("secondments", "start"),
                    placeholder="2018.01",
                ),
                FieldSpec(
                    "end",
                    QCoreApplication.translate("ProfileLists", "To"),
                    5,
                    _check("secondments", "end"),
                    placeholder="2018.12",
                ),
                FieldSpec(
                    "kind",
                    QCoreApplication.translate("ProfileLists", "Kind"),
                    5,
                    choices=vocab.SECONDMENT_KINDS,
                ),
            ),
            lambda p: [(s.id, [s.place, s.post, str(s.start), _ym(s.end), s.kind]) for s in p.secondments],
            lambda records: _indexed(
                "secondments",
                records,
                lambda i, v: cr.SecondmentInput(
                    v["place"], v["start"], v["end"] or None, v["post"], v["kind"], i
                ),
            ),
            cr.save_secondments,
            lambda p: len(p.secondments),
        ),
    )


def split_errors(fields: dict[str, str], prefixes: list[str]) -> tuple[dict[tuple[int, str], str], list[str]]:
    """The service's `family[2].birth` keys as (row, field) cells; other messages as a list."""
    row_of = {prefix: row for row, prefix in enumerate(prefixes)}
    cells: dict[tuple[int, str], str] = {}
    rest: list[str] = []
    for key, message in fields.items():
        prefix, _, field = key.rpartition(".")
        if prefix in row_of:
            cells[(row_of[prefix], field)] = message
        elif key in row_of:
            rest.append(
                QCoreApplication.translate("ProfileLists", "Row {row}: {message}").format(
                    row=row_of[key] + 1, message=message
                )
            )
        else:
            rest.append(message)
    return cells, rest
