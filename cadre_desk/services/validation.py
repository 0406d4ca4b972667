"""The rules for every way cadre data comes in: the profile editor, .lrmx/.lrm files, Excel rosters and
exchange packages all call the functions here, so a value is accepted or refused (or taken in with a
待核实 warning) the same way whatever brought it.

- Lengths come from the columns of the SQLAlchemy models (`max_length`): a `String(n)` column takes n
  characters; a `Text` column takes what its `info["max_length"]` says.
- Code lists (性别, 民族, 政治面貌, 学历, 学位, 健康状况, 职级 …) accept every spelling in use and store
  the one canonical value (`vocab.normalise_code`).
- Problems come in two kinds. An *error* refuses the value. A *doubt* is a problem a person can correct
  later (an ID number's check digit, a birth month that disagrees with the ID number, a date in an odd
  form, an unknown code, a value too long for its column): the editor refuses it like an error, an
  import takes the cadre in, keeps the value as written (cut to the column's length when it must be)
  and records the problem as 待核实 (`services.verification`).

`check_import` is the one entry point for imports; `check_cadre` and the `*_values` functions are what
the services (and `check_import`) run. The rules are written in `cadre_rules`, the collecting of
errors and doubts in `field_errors`; this module is the one to import.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from cadre_desk.db.models import Cadre
from cadre_desk.domain.idcard import IdNumberError, normalise, parse_id_number
from cadre_desk.domain.yearmonth import YearMonth
from cadre_desk.services.cadre_rules import (
    CHILD_RULES,
    FIRST_ASSESSMENT_YEAR,
    LABELS,
    MIN_PARTY_AGE,
    MIN_WORK_AGE,
    assessment_values,
    cadre_rules,
    family_values,
    get,
    resume_values,
    reward_values,
    secondment_values,
    training_values,
)
from cadre_desk.services.field_errors import FieldErrors, Problem, max_length

__all__ = [
    "CHILD_RULES",
    "FIRST_ASSESSMENT_YEAR",
    "LABELS",
    "MIN_PARTY_AGE",
    "MIN_WORK_AGE",
    "CheckedCadre",
    "CheckedImport",
    "FieldErrors",
    "Problem",
    "assessment_values",
    "blocking",
    "cell_message",
    "check_cadre",
    "check_import",
    "family_values",
    "field_messages",
    "identity",
    "max_length",
    "resume_values",
    "reward_values",
    "secondment_values",
    "training_values",
]


@dataclass(frozen=True)
class CheckedCadre:
    """The column values to store, and the correctable problems found (empty unless lenient)."""

    values: dict[str, Any]
    problems: tuple[Problem, ...] = ()


def check_cadre(
    session: Session | None,
    data: Any,
    *,
    cadre_id: int | None = None,
    lenient: bool = False,
    today: dt.date | None = None,
) -> CheckedCadre:
    """Every rule of a cadre's own fields. `data` is a `CadreInput` or a mapping with its field names.

    Without a session the checks that need the database (duplicate ID number, the unit) are skipped:
    the editor runs this as the user types. Raises `ValidationError` for errors (and, unless
    `lenient`, for doubts); returns the values to store and the doubts.
    """
    errs = FieldErrors(lenient)
    values = cadre_rules(errs, session, data, cadre_id, today or dt.date.today())
    errs.raise_if_any()
    return CheckedCadre(values, tuple(errs.doubts.values()))


def blocking(problems: Iterable[Problem], changed: Iterable[str]) -> dict[str, str]:
    """The doubts that refuse a save: those that touch a field the user changed (field → message).

    A doubt on fields nobody touched (an imported value still 待核实) does not block saving others.
    """
    touched = set(changed)
    return {p.field: p.message for p in problems if touched.intersection(p.fields)}


def field_messages(
    data: Any, changed: Iterable[str] | None = None, today: dt.date | None = None
) -> dict[str, str]:
    """What the editor shows under each field as the user types: the service's own messages.

    `changed`: the fields the user changed; doubts on the others (imported values marked 待核实) are
    left out. `None`: every field counts as changed (a new cadre).
    """
    errs = FieldErrors(lenient=True)
    cadre_rules(errs, None, data, None, today or dt.date.today())
    errors = dict(errs.errors)
    problems = errs.doubts.values()
    found = {p.field: p.message for p in problems} if changed is None else blocking(problems, changed)
    for key, message in found.items():
        errors.setdefault(key, message)
    return errors


def cell_message(list_name: str, field: str, text: str) -> str | None:
    """The service's message for one cell of a profile list as typed (`family`, `birth`, `1960.13`)."""
    errs = FieldErrors()
    CHILD_RULES[list_name](errs, "f", {field: text})
    return errs.errors.get(f"f.{field}")


def identity(data: Any) -> tuple[str, YearMonth | None, str]:
    """Name, birth month and ID number of a cadre's values as `check_import` stores them, to match
    the values with a local cadre the same way before and after validation (`importing._Index`)."""
    errs = FieldErrors(importing=True)
    name = errs.text("name", str(get(data, "name") or ""), "姓名", column=Cadre.name)
    birth = errs.year_month("birth", get(data, "birth", None), "出生年月")
    id_text = normalise(str(get(data, "id_number") or ""))
    if len(id_text) > max_length(Cadre.id_number):
        id_text = ""
    if birth is None and id_text:
        with contextlib.suppress(IdNumberError):  # no birth month to match by, then
            birth = YearMonth.from_date(parse_id_number(id_text).birth)
    return name, birth, id_text


# --- imports: the one entry point -----------------------------------------------------------------


@dataclass(frozen=True)
class CheckedImport:
    """What an import may write for one cadre: its column values, each child list's rows (column
    values in the file's order; None: the file does not carry that list) and the 待核实 problems."""

    values: dict[str, Any]
    children: dict[str, list[dict[str, Any]] | None] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()


def check_import(
    session: Session | None,
    data: Any,
    children: Mapping[str, Sequence[Any] | None] | None = None,
    *,
    cadre_id: int | None = None,
    today: dt.date | None = None,
) -> CheckedImport:
    """Validate one cadre brought in by any import (.lrmx, .lrm, Excel roster, exchange package).

    `data`: the cadre's fields (a `CadreInput` or a mapping with its field names; dates as
    `YearMonth` or as written, codes in any spelling). `children`: lists by name (`resume`, `family`,
    `rewards`, `assessments`, `trainings`, `secondments`) of items with the attributes of the
    service's input DTOs. `cadre_id`: the local cadre it updates, if any.

    Correctable problems do not refuse the cadre: the values are kept as written (cut to the
    column's length) and each problem comes back in `problems`, to be stored as 待核实
    (`verification.replace_problems`). Raises `ValidationError` (field → message) only for what
    cannot be stored at all: no name, no birth month (nor a readable ID number to take it from),
    an ID number another cadre has, a unit that does not exist, a required child field missing.
    """
    errs = FieldErrors(importing=True)
    today = today or dt.date.today()
    values = cadre_rules(errs, session, data, cadre_id, today)
    checked_children: dict[str, list[dict[str, Any]] | None] = {}
    for list_name, items in (children or {}).items():
        if items is None:
            checked_children[list_name] = None
            continue
        rule = CHILD_RULES[list_name]
        checked_children[list_name] = [rule(errs, f"{list_name}[{i}]", item) for i, item in enumerate(items)]
        if list_name == "resume":
            for i, item in enumerate(items):
                subs = get(item, "concurrent", ()) or ()
                rows = checked_children[list_name]
                assert rows is not None
                rows[i]["concurrent"] = [
                    resume_values(errs, f"resume[{i}].concurrent[{j}]", sub) for j, sub in enumerate(subs)
                ]
    errs.raise_if_any()
    return CheckedImport(values, checked_children, tuple(errs.doubts.values()))
