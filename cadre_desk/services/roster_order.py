"""The roster in the order of one of its columns, read that way from the database.

The window sorts the roster in memory once every row is loaded (`ui.roster.roster_model`). To show a
sorted roster's first rows before the rest is read, `cadres.roster_start` reads them in the same order
from the database: the first page must be exactly the first rows of the in-memory sort, or the rows
would jump when the rest arrives. Ties keep the service's order (unit order, then id), as the stable
in-memory sort of rows read in that order does, in both directions.

The in-memory keys of the value columns are defined here (`text_key`, `listed_key`) and each SQL
ordering below reproduces its key exactly:

- Text (post) compares by code point in Python. SQLite's default BINARY collation compares the UTF-8
  bytes, which is the same order; PostgreSQL's default collation follows the locale (pinyin or stroke
  order, or ignoring punctuation), so there the text is compared with COLLATE "C" (bytes).
- Columns with few distinct values (gender, political status, rank, education, unit) are ranked in
  Python by the very key the window uses (the text shown, the official order, the unit order), and
  SQL orders by that rank (a CASE over the values actually present).
- Age: by birth month, the latest first (the age is a non-increasing function of the birth month, and
  the window breaks equal ages by birth month).
- In post since: the month as stored (none first).
- Retirement month: the national formula (`retirement.compute`) has no SQL copy; the service computes
  it for every row from a narrow read of the five columns it needs, then reads the first page in full.
- Name: the window orders by the stored pinyin initials, then the full pinyin reading (pypinyin), then
  the name. No SQL collation gives the pinyin reading (PostgreSQL's ICU `zh` collation is close but
  differs on polyphonic characters and non-Han ones), and storing it would add a column to every
  exchange package. The initials are stored, so SQL orders by them (bytewise) and reads the first
  rows; the rows sharing the last row's initials are all read too (those beyond the limit may come
  first by their full reading) and the few hundred rows are ordered in Python by `name_key`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Integer, case, func, select, type_coerce
from sqlalchemy.orm import InstrumentedAttribute, Session
from sqlalchemy.sql.elements import ColumnElement

from cadre_desk.db.models import Cadre, Unit
from cadre_desk.domain import pinyin, vocab
from cadre_desk.domain.yearmonth import YearMonth
from cadre_desk.services import retirement

if TYPE_CHECKING:
    from cadre_desk.services.cadres import CadreSummary

Expression = ColumnElement[Any] | InstrumentedAttribute[Any]  # a column, or an expression of columns

NAME = "name"
GENDER = "gender"
AGE = "age"
UNIT = "unit"
POST = "post"
RANK = "rank"
EDUCATION = "education"
POLITICAL_STATUS = "political_status"
POST_SINCE = "post_since"
RETIREMENT = "retirement"
FIELDS = (NAME, GENDER, AGE, UNIT, POST, RANK, EDUCATION, POLITICAL_STATUS, POST_SINCE, RETIREMENT)
# The fields `cadres.roster_start` can order by (a column added later might not be: the window then
# reads every row before it sorts).
ORDERED_IN_DATABASE = frozenset(FIELDS)

RANK_ORDER = {rank: i for i, rank in enumerate(vocab.RANKS)}
EDUCATION_ORDER = {education: i for i, education in enumerate(vocab.EDUCATIONS)}


@dataclass(frozen=True)
class RosterOrder:
    """A roster column to order by. `shown_as` gives, for gender and political status, the text a stored
    code is shown as when it differs from the code (an English window): the order is the text's."""

    field: str
    descending: bool = False
    shown_as: tuple[tuple[str, str], ...] = ()


def name_key(name_initials: str, name: str) -> tuple[str, str, str]:
    """Names by their pinyin initials, then their full reading, then the characters."""
    return (name_initials, pinyin.full(name), name)


def text_key(text: str) -> tuple[bool, str]:
    """Text in code-point order, empty text last."""
    return (not text, text)


def listed_key(order: Mapping[str, int], value: str) -> tuple[int, str]:
    """Known values in their official order, unknown ones after them, empty ones last."""
    if not value:
        return (len(order) + 1, "")
    return (order.get(value, len(order)), value)


def rank_key(rank: str) -> tuple[int, str]:
    return listed_key(RANK_ORDER, rank)


def education_key(education: str) -> tuple[int, str]:
    return listed_key(EDUCATION_ORDER, education)


def education_column() -> ColumnElement[str]:
    """The education a roster row shows: the full-time one, else the in-service one."""
    return case((Cadre.fulltime_education != "", Cadre.fulltime_education), else_=Cadre.inservice_education)


def service_order() -> list[Any]:
    """The roster's own order: unit order (cadres without a unit last on every engine), then id."""
    return [Unit.sort_order.is_(None), Unit.sort_order, Cadre.id]


def sql_order(session: Session, order: RosterOrder, where: ColumnElement[bool]) -> list[Any]:
    """The ORDER BY terms of `order` (before `service_order()`, which breaks ties) for the rows `where`
    selects; `order.field` must be in ORDERED_IN_DATABASE other than RETIREMENT (computed in Python)
    and NAME (its first rows come from `first_by_name`)."""
    field = order.field
    if field == AGE:
        terms: list[Expression] = [-type_coerce(Cadre.birth, Integer)]
    elif field == POST:
        terms = [Cadre.post == "", bytewise(session, Cadre.post)]
    elif field == POST_SINCE:
        terms = [func.coalesce(type_coerce(Cadre.post_since, Integer), 0)]
    elif field == UNIT:
        terms = _unit_rank(session, where)
    elif field in (GENDER, POLITICAL_STATUS):
        shown = dict(order.shown_as)
        column = Cadre.gender if field == GENDER else Cadre.political_status
        terms = _value_rank(session, column, where, lambda v: text_key(shown.get(v, v)))
    elif field == RANK:
        terms = _value_rank(session, Cadre.rank, where, rank_key)
    elif field == EDUCATION:
        terms = _value_rank(session, education_column(), where, education_key)
    else:
        raise ValueError(f"the database cannot order the roster by {field}")
    return [t.desc() for t in terms] if order.descending else terms


def bytewise(session: Session, text: InstrumentedAttribute[str]) -> Expression:
    """Text compared by its bytes (UTF-8: code-point order, as Python compares strings)."""
    if session.get_bind().dialect.name == "postgresql":
        return text.collate("C")
    return text  # SQLite's BINARY collation


def _value_rank(
    session: Session,
    column: Expression,
    where: ColumnElement[bool],
    key: Callable[[str], Any],
) -> list[Expression]:
    """The position of each row's value among the distinct values present, ranked by `key` (values
    with equal keys share a rank); no term when there is nothing to order."""
    present = list(session.scalars(select(column).where(where).distinct()))
    keys = sorted({key(v) for v in present})
    if len(keys) < 2:
        return []
    position = {k: i for i, k in enumerate(keys)}
    return [case({v: position[key(v)] for v in present}, value=column, else_=len(keys))]


def _unit_rank(session: Session, where: ColumnElement[bool]) -> list[Expression]:
    """Each row's unit by the unit's first row in the service's order. The window ranks units by name
    (two units of the same name sort as one), so a name's rank is its first unit's."""
    stmt = (
        select(Cadre.unit_id, Unit.name, Unit.sort_order, func.min(Cadre.id))
        .outerjoin(Unit, Unit.id == Cadre.unit_id)
        .where(where)
        .group_by(Cadre.unit_id, Unit.name, Unit.sort_order)
    )
    first: dict[str, tuple[bool, int, int]] = {}
    unit_names: dict[int | None, str] = {}
    for unit_id, unit_name, sort_order, min_id in session.execute(stmt):
        name = unit_name or ""
        unit_names[unit_id] = name
        seen = (sort_order is None, sort_order or 0, min_id)
        first[name] = min(first.get(name, seen), seen)
    rank = {name: i for i, name in enumerate(sorted(first, key=first.__getitem__))}
    no_unit = rank.get("", len(rank))
    ranks = {unit_id: rank[name] for unit_id, name in unit_names.items() if unit_id is not None}
    if len(rank) < 2:
        return []
    return [case(ranks, value=Cadre.unit_id, else_=no_unit)]


def retirement_first_ids(
    session: Session, where: ColumnElement[bool], limit: int, descending: bool, women_age: int
) -> list[int]:
    """The ids of the first `limit` rows by retirement month (computed by the formula, as the roster
    rows are), ties in the service's order."""
    stmt = (
        select(
            Cadre.id,
            type_coerce(Cadre.birth, Integer),
            Cadre.gender,
            Cadre.rank,
            type_coerce(Cadre.retirement_override, Integer),
            Cadre.retirement_override_reason,
        )
        .outerjoin(Unit, Unit.id == Cadre.unit_id)
        .where(where)
        .order_by(*service_order())
    )
    # Plain tuples from the connection; the formula once per distinct (birth, gender, rank, override).
    computed: dict[tuple[Any, ...], int] = {}
    keyed: list[tuple[int, int]] = []
    for cadre_id, birth, gender, rank, override, reason in session.connection().execute(stmt):
        key = (birth, gender, rank, override, reason)
        found = computed.get(key)
        if found is None:
            override_month = None if override is None else YearMonth.from_int(override)
            info = retirement.compute(
                YearMonth.from_int(birth), gender, rank, override_month, reason, women_age
            )
            found = computed[key] = info.month.to_int()
        keyed.append((found, cadre_id))
    keyed.sort(key=lambda k: k[0], reverse=descending)
    return [cadre_id for _month, cadre_id in keyed[:limit]]


def by_name(rows: Sequence[CadreSummary], descending: bool) -> list[CadreSummary]:
    """`rows` (in the order of their initials, ties in the service's order) by `name_key`."""
    return sorted(rows, key=lambda r: name_key(r.name_initials, r.name), reverse=descending)


def in_order(rows: Sequence[Any], ids: Sequence[int]) -> list[Any]:
    """`rows` (anything with an `id`) in the order of `ids`."""
    position = {cadre_id: i for i, cadre_id in enumerate(ids)}
    return sorted(rows, key=lambda r: position[r.id])
