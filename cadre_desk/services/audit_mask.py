"""The audit trail as an account without the records sees it (三员分立, 最小必要): the 安全审计员 reads the
trail, not the records through it.

The facts stay — who, when, what action, which record (kind and number), which fields changed — and so
do the numbers of the program's own bookkeeping (versions, counts, file paths of exports and backups,
the chain position). The values of a record's fields do not: a 身份证号 keeps its first 4 and last 4
characters (like the log masker, `cadre_desk.log`), every other value reads 〔已隐去〕 (an empty value
stays empty: that a field was filled in is a fact, its content is not). An ID number inside a summary is
masked the same way.

The records the auditor watches over in full are not records of people's files: accounts (roles given,
locks), settings, the database itself (backups, restores, encryption), the trail's own exports, the search
index, the rule tables and the units (the organisation, no person).

Only the views are masked (`audit_trail` applies this to the records it reads for such an account); the
stored rows, and so the hash chain, never change.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING, Any

from cadre_desk.services import audit_labels

if TYPE_CHECKING:
    from cadre_desk.services.audit_trail import AuditEventView

HIDDEN = audit_labels.HIDDEN

# kinds of record whose changes the auditor reads in full (his business, no one's personal file)
FULL_ENTITIES = frozenset(
    {
        "account",
        "app_setting",
        "database",
        "audit_event",
        "search_doc",
        "unit",
        "barometer_colour",
        "barometer_rule",
        "local_rule",
        "obligation_rule",
        "structure_target",
        "tolerance_rule",
    }
)

# keys of the changes that are the program's bookkeeping, kept on any record (never a field of a person's
# record: `kind` is not here, a 奖惩's kind is 奖励 or 惩处)
KEPT_FIELDS = frozenset(
    {
        "version",
        "revision",
        "count",
        "rows",
        "tables",
        "copies",
        "chain_seq",
        "path",
        "file",
        "files",
        "target",
        "removed",
        "document",
        "seed",
        "today",
        "ok",
    }
)

# an ID number: 18 characters (the last may be X) or the old 15 digits, not part of a longer number
_ID_NUMBER = re.compile(
    r"(?<![0-9A-Za-z])([1-9][0-9]{3})([0-9]{10}|[0-9]{7})([0-9]{3}[0-9Xx]|[0-9]{4})(?![0-9Xx])"
)


def _mask_id(match: re.Match[str]) -> str:
    return match.group(1) + "*" * len(match.group(2)) + match.group(3)


def mask_id_numbers(text: str) -> str:
    """`text` with every ID number in it as 1101**********1237."""
    return _ID_NUMBER.sub(_mask_id, text)


def _value(key: str, value: Any) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        return value
    if key == "id_number" and isinstance(value, str):
        masked = mask_id_numbers(value.strip())
        return masked if masked != value.strip() else HIDDEN  # not an ID number after all: hidden whole
    return HIDDEN


def masked_changes(entity: str, changes: dict[str, Any]) -> dict[str, Any]:
    """The changes of a record of kind `entity` with the values hidden (the same keys, the same shape:
    `{field: [old, new]}` stays a pair)."""
    if entity in FULL_ENTITIES:
        return dict(changes)
    out: dict[str, Any] = {}
    for key, value in changes.items():
        if key in KEPT_FIELDS:
            out[key] = value
        elif isinstance(value, list) and len(value) == 2:
            out[key] = [_value(key, value[0]), _value(key, value[1])]
        else:
            out[key] = _value(key, value)
    return out


def masked(view: AuditEventView) -> AuditEventView:
    """One record of the trail as an account without the records sees it."""
    return dataclasses.replace(
        view,
        summary=mask_id_numbers(view.summary),
        changes=masked_changes(view.entity, view.changes),
    )
