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
the services (and `check_import`) run.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cadre_desk.db.models import (
    Assessment,
    Cadre,
    FamilyMember,
    ResumeEntry,
    RewardOrPunishment,
    Secondment,
    Training,
    Unit,
)
from cadre_desk.domain import vocab
from cadre_desk.domain.idcard import IdNumberError, normalise, parse_id_number
from cadre_desk.domain.yearmonth import DateFormatError, YearMonth, age_at, parse_date
from cadre_desk.errors import Message, ValidationError

# Characters no engine stores as text (NUL) or that no one types: C0 controls but tab and line ends,
# DEL, and lone surrogates (not encodable as UTF-8).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
MIN_WORK_AGE = 16
MIN_PARTY_AGE = 18
FIRST_ASSESSMENT_YEAR = 1950


def max_length(column: Any) -> int:
    """The most characters a mapped column takes (0: unbounded).

    `String(n)` → n; a `Text` column → its `info["max_length"]`.
    """
    col = column.property.columns[0] if hasattr(column, "property") else column
    length = getattr(col.type, "length", None)
    if length:
        return int(length)
    return int(col.info.get("max_length", 0))


@dataclass(frozen=True)
class Problem:
    """A correctable problem (待核实): `field` as the error keys name it (`id_number`, `family[2].birth`).

    `involves` are the other fields the problem depends on (birth month vs ID number). `as_read` marks a
    problem about text that could not be kept as written (an unreadable date, a cut value): it stays
    until the staff edit the field, while other problems are re-checked on every save.
    """

    field: str
    message: str
    involves: tuple[str, ...] = ()
    as_read: bool = False

    @property
    def fields(self) -> tuple[str, ...]:
        return (self.field, *self.involves)


class FieldErrors:
    """Collects one message per field; `raise_if_any` raises a single `ValidationError`.

    With `lenient=True`, correctable problems (`doubt`) are collected in `doubts` instead of `errors`.
    """

    def __init__(self, lenient: bool = False, importing: bool = False) -> None:
        self.errors: dict[str, str] = {}
        self.doubts: dict[str, Problem] = {}
        self.lenient = lenient or importing
        # An import keeps what it can: text too long for its column is cut (a doubt, not an error).
        self.importing = importing

    def add(self, field: str, message: str) -> None:
        self.errors.setdefault(field, message)

    def doubt(self, field: str, message: str, involves: Iterable[str] = (), as_read: bool = False) -> None:
        """A problem a person can correct later: an error in the editor, a 待核实 warning in imports."""
        if self.lenient:
            self.doubts.setdefault(field, Problem(field, message, tuple(involves), as_read))
        else:
            self.add(field, message)

    def __contains__(self, field: str) -> bool:
        return field in self.errors or field in self.doubts

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)

    def text(
        self,
        field: str,
        value: str,
        label: str,
        required: bool = False,
        max_len: int = 0,
        column: Any = None,
    ) -> str:
        """Stripped text; `column` (a mapped attribute) gives the maximum length."""
        cleaned = value.strip() if isinstance(value, str) else ("" if value is None else str(value).strip())
        if column is not None:
            max_len = max_length(column)
        if _CONTROL.search(cleaned):
            if self.importing:
                self.doubt(field, f"{label}含有不可见的控制字符，已删除", as_read=True)
                cleaned = _CONTROL.sub("", cleaned).strip()
            else:
                self.add(field, f"{label}含有不可见的控制字符，请删除")
        if required and not cleaned:
            self.add(field, Message("required", "请填写{label}", label=label))
        if max_len and len(cleaned) > max_len:
            message = Message(
                "too_long",
                "{label}不能超过{max_len}个字（现为{length}个）",
                label=label,
                max_len=max_len,
                length=len(cleaned),
            )
            if self.importing:
                self.doubt(field, f"{label}过长（{len(cleaned)}个字），只保留了前{max_len}个字", as_read=True)
                return cleaned[:max_len]
            self.add(field, message)
        return cleaned

    def choice(
        self, field: str, value: str, label: str, choices: tuple[str, ...], required: bool = True
    ) -> str:
        cleaned = value.strip()
        if not cleaned:
            if required:
                self.add(field, Message("choose", "请选择{label}", label=label))
            return cleaned
        if cleaned not in choices:
            self.add(
                field,
                Message(
                    "not_a_choice",
                    "{label}“{value}”不在可选范围内（{choices}）",
                    label=label,
                    value=cleaned,
                    choices="、".join(choices),
                ),
            )
        return cleaned

    def code(
        self, field: str, value: str | None, label: str, list_name: str, column: Any, required: bool = False
    ) -> str:
        """A value of a code list in any spelling → its canonical value; an unknown one is a doubt."""
        cleaned = vocab.normalise_code(list_name, value or "")
        if not cleaned:
            if required:
                self.add(field, Message("choose", "请选择{label}", label=label))
            return cleaned
        choices = vocab.code_list(list_name)
        if cleaned not in choices:
            shown = "、".join(choices) if len(choices) <= 20 else "、".join(choices[:12]) + " 等"
            self.doubt(
                field,
                Message(
                    "not_a_choice",
                    "{label}“{value}”不在可选范围内（{choices}）",
                    label=label,
                    value=cleaned[:30],
                    choices=shown,
                ),
            )
        return self.text(field, cleaned, label, column=column)

    def year_month(
        self,
        field: str,
        value: YearMonth | str | None,
        label: str,
        required: bool = False,
        today: dt.date | None = None,
        involves: Iterable[str] = (),
    ) -> YearMonth | None:
        if isinstance(value, str):
            try:
                value = YearMonth.parse_optional(value)
            except DateFormatError as exc:
                if required:
                    self.add(field, Message("bad_date", "{label}：{problem}", label=label, problem=str(exc)))
                else:
                    self.doubt(
                        field, f"{label}：{exc}" + ("（该项暂空）" if self.importing else ""), as_read=True
                    )
                return None
        if value is None:
            if required:
                self.add(field, Message("required", "请填写{label}", label=label))
            return None
        now = YearMonth.from_date(today or dt.date.today())
        if value > now:
            self.doubt(
                field,
                Message("future_month", "{label}（{value}）不能晚于当前年月", label=label, value=str(value)),
                involves,
            )
        return value

    def date(
        self,
        field: str,
        value: dt.date | str | None,
        label: str,
        required: bool = False,
        allow_future: bool = False,
        today: dt.date | None = None,
    ) -> dt.date | None:
        if isinstance(value, str):
            if not value.strip():
                value = None
            else:
                try:
                    value = parse_date(value)
                except DateFormatError as exc:
                    self.doubt(
                        field,
                        Message("bad_date", "{label}：{problem}", label=label, problem=str(exc)),
                        as_read=True,
                    )
                    return None
        if value is None:
            if required:
                self.add(field, Message("required", "请填写{label}", label=label))
            return None
        if not allow_future and value > (today or dt.date.today()):
            self.doubt(
                field,
                Message(
                    "future_date", "{label}（{value}）不能晚于今天", label=label, value=f"{value:%Y.%m.%d}"
                ),
            )
        return value

    def number(self, field: str, value: float | str | None, label: str) -> float:
        """A non-negative number (学时, 天数) as typed; blank is 0."""
        if value is None or (isinstance(value, str) and not value.strip()):
            return 0.0
        try:
            number = float(value)
        except ValueError:
            self.add(field, f"{label}应为数字")
            return 0.0
        if number < 0 or not math.isfinite(number):
            self.add(field, f"{label}不能为负数" if number < 0 else f"{label}应为数字")
            return 0.0
        return number


# --- the cadre ------------------------------------------------------------------------------------

# Field → (label, column); the labels are the form's own words, used in every message.
LABELS = {
    "name": "姓名",
    "gender": "性别",
    "birth": "出生年月",
    "ethnicity": "民族",
    "native_place": "籍贯",
    "birthplace": "出生地",
    "political_status": "政治面貌",
    "party_join": "入党时间",
    "democratic_party": "民主党派",
    "work_start": "参加工作时间",
    "health": "健康状况",
    "professional_title": "专业技术职务",
    "speciality": "熟悉专业有何专长",
    "fulltime_education": "全日制学历",
    "fulltime_degree": "全日制学位",
    "fulltime_school": "全日制毕业院校系及专业",
    "fulltime_degree_school": "全日制学位院校系及专业",
    "inservice_education": "在职学历",
    "inservice_degree": "在职学位",
    "inservice_school": "在职毕业院校系及专业",
    "inservice_degree_school": "在职学位院校系及专业",
    "post": "现任职务",
    "rank": "职级",
    "post_since": "任现职时间",
    "id_number": "身份证号",
    "unit_id": "单位",
    "phone": "联系电话",
    "notes": "备注",
    "resume": "简历",
    "family": "家庭成员",
    "rewards": "奖惩情况",
    "assessments": "年度考核",
    "trainings": "培训",
    "secondments": "挂职",
    "photo": "照片",
}
_CODES = {
    "gender": "gender",
    "ethnicity": "ethnicity",
    "political_status": "political_status",
    "democratic_party": "democratic_party",
    "health": "health",
    "fulltime_education": "education",
    "inservice_education": "education",
    "fulltime_degree": "degree",
    "inservice_degree": "degree",
    "rank": "rank",
}
_TEXTS = (
    "native_place",
    "birthplace",
    "professional_title",
    "speciality",
    "fulltime_school",
    "fulltime_degree_school",
    "inservice_school",
    "inservice_degree_school",
    "post",
    "notes",
)
# Digits, spaces and the usual separators; an extension after 转 or ext.
_PHONE = re.compile(r"^\+?[\d\s()\-]*\d[\d\s()\-]*((转|ext\.?|x)\s*\d+)?$", re.IGNORECASE)


@dataclass(frozen=True)
class CheckedCadre:
    """The column values to store, and the correctable problems found (empty unless lenient)."""

    values: dict[str, Any]
    problems: tuple[Problem, ...] = ()


def _get(data: Any, name: str, default: Any = "") -> Any:
    if isinstance(data, Mapping):
        return data.get(name, default)
    return getattr(data, name, default)


def _str(value: Any) -> str:
    return "" if value is None else str(value)


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
    values = _cadre_rules(errs, session, data, cadre_id, today or dt.date.today())
    errs.raise_if_any()
    return CheckedCadre(values, tuple(errs.doubts.values()))


def _cadre_rules(
    errs: FieldErrors, session: Session | None, data: Any, cadre_id: int | None, today: dt.date
) -> dict[str, Any]:
    name = errs.text("name", _str(_get(data, "name")), "姓名", required=True, column=Cadre.name)
    codes = {
        key: errs.code(key, _str(_get(data, key)), LABELS[key], list_name, getattr(Cadre, key))
        for key, list_name in _CODES.items()
    }
    if not codes["gender"] and "gender" not in errs:
        errs.add("gender", Message("choose", "请选择{label}", label="性别"))
    texts = {
        key: errs.text(key, _str(_get(data, key)), LABELS[key], column=getattr(Cadre, key)) for key in _TEXTS
    }
    id_text = normalise(_str(_get(data, "id_number")))
    parsed = None
    id_number: str | None = None
    if id_text:
        try:
            parsed = parse_id_number(id_text)
        except IdNumberError as exc:
            fits = len(id_text) <= max_length(Cadre.id_number)
            errs.doubt("id_number", str(exc), as_read=not fits)
            id_number = id_text if fits else None
        else:
            id_number = parsed.value
    birth_in = _get(data, "birth", None)
    birth = errs.year_month("birth", birth_in, "出生年月", required=parsed is None, today=today)
    if birth is None and parsed is not None and "birth" not in errs.errors:
        derived = YearMonth.from_date(parsed.birth)
        raw = _str(birth_in).strip()
        if errs.importing:  # the ID number says when the person was born: take it, and say so
            birth = derived
            message = (
                f"出生年月“{raw[:30]}”无法识别，已按身份证号取为 {birth}"
                if raw
                else f"出生年月空缺，已按身份证号取为 {birth}"
            )
            errs.doubts["birth"] = Problem("birth", message, as_read=True)
        elif "birth" in errs.doubts:
            birth = derived  # the unreadable month stays a problem; the other checks use the ID's
        else:
            errs.add("birth", Message("required", "请填写{label}", label="出生年月"))
    dates = {}
    for key, label in (
        ("party_join", "入党时间"),
        ("work_start", "参加工作时间"),
        ("post_since", "任现职时间"),
    ):
        dates[key] = errs.year_month(key, _get(data, key, None), label, today=today)
    if birth is not None:
        work_start, party_join, post_since = dates["work_start"], dates["party_join"], dates["post_since"]
        if work_start is not None and "work_start" not in errs and age_at(birth, work_start) < MIN_WORK_AGE:
            errs.doubt("work_start", f"参加工作时间（{work_start}）时未满{MIN_WORK_AGE}周岁", ("birth",))
        if party_join is not None and "party_join" not in errs and age_at(birth, party_join) < MIN_PARTY_AGE:
            errs.doubt("party_join", f"入党时间（{party_join}）时未满{MIN_PARTY_AGE}周岁", ("birth",))
        if post_since is not None and "post_since" not in errs and post_since < birth:
            errs.doubt("post_since", "任现职时间早于出生年月", ("birth",))
    if parsed is not None:
        gender = codes["gender"]
        if birth is not None and YearMonth.from_date(parsed.birth) != birth:
            errs.doubt(
                "id_number",
                f"身份证号中的出生年月（{parsed.birth:%Y.%m}）与出生年月（{birth}）不一致",
                ("birth",),
            )
        elif gender in tuple(vocab.Gender) and gender != (
            vocab.Gender.MALE if parsed.male else vocab.Gender.FEMALE
        ):
            errs.doubt("id_number", f"身份证号显示的性别与所填性别（{gender}）不一致", ("gender",))
    if id_number and session is not None:
        clash = session.execute(
            select(Cadre.id, Cadre.name).where(Cadre.id_number == id_number, Cadre.id != (cadre_id or -1))
        ).first()
        if clash is not None:
            errs.add("id_number", f"身份证号与已有干部“{clash.name}”（编号 {clash.id}）重复")
    phone = errs.text("phone", _str(_get(data, "phone")), "联系电话", column=Cadre.phone)
    if phone and not _PHONE.match(phone):
        errs.doubt("phone", "联系电话只能包含数字、空格和 - + ( )（分机可写“转123”）")
    unit_id = _get(data, "unit_id", None)
    if unit_id is not None and session is not None and session.get(Unit, unit_id) is None:
        errs.add("unit_id", f"单位（编号 {unit_id}）不存在")
    return {
        "name": name,
        "birth": birth,
        **codes,
        **texts,
        **dates,
        "id_number": id_number,
        "phone": phone,
        "unit_id": unit_id,
    }


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
    _cadre_rules(errs, None, data, None, today or dt.date.today())
    errors = dict(errs.errors)
    problems = errs.doubts.values()
    found = {p.field: p.message for p in problems} if changed is None else blocking(problems, changed)
    for key, message in found.items():
        errors.setdefault(key, message)
    return errors


# --- the child records ----------------------------------------------------------------------------
# Each takes an item with the attributes of the service's input DTO (or of an import's item: missing
# attributes take their defaults) and returns the column values to store.


def resume_values(errs: FieldErrors, prefix: str, item: Any) -> dict[str, Any]:
    start = errs.year_month(f"{prefix}.start", _get(item, "start", None), "起始年月", required=True)
    end = errs.year_month(f"{prefix}.end", _get(item, "end", None), "截止年月")
    text = errs.text(
        f"{prefix}.text", _str(_get(item, "text")), "简历内容", required=True, column=ResumeEntry.text
    )
    if start is not None and end is not None and end < start:
        errs.doubt(f"{prefix}.end", f"截止年月（{end}）早于起始年月（{start}）", (f"{prefix}.start",))
    return {"start": start, "end": end, "text": text}


def family_values(errs: FieldErrors, prefix: str, item: Any) -> dict[str, Any]:
    return {
        "relation": errs.text(
            f"{prefix}.relation",
            _str(_get(item, "relation")),
            "称谓",
            required=True,
            column=FamilyMember.relation,
        ),
        "name": errs.text(
            f"{prefix}.name", _str(_get(item, "name")), "姓名", required=True, column=FamilyMember.name
        ),
        "birth": errs.year_month(f"{prefix}.birth", _get(item, "birth", None), "出生年月"),
        "political_status": errs.code(
            f"{prefix}.political_status",
            _str(_get(item, "political_status")),
            "政治面貌",
            "political_status",
            FamilyMember.political_status,
        ),
        "employer_post": errs.text(
            f"{prefix}.employer_post",
            _str(_get(item, "employer_post")),
            "工作单位及职务",
            column=FamilyMember.employer_post,
        ),
        "deceased": bool(_get(item, "deceased", False)),
    }


def reward_values(errs: FieldErrors, prefix: str, item: Any) -> dict[str, Any]:
    kinds = tuple(vocab.RewardKind)
    return {
        "kind": errs.choice(f"{prefix}.kind", _str(_get(item, "kind")), "奖惩类别", kinds),
        "date": errs.year_month(f"{prefix}.date", _get(item, "date", None), "奖惩时间"),
        "text": errs.text(
            f"{prefix}.text",
            _str(_get(item, "text")),
            "奖惩内容",
            required=True,
            column=RewardOrPunishment.text,
        ),
        "issuer": errs.text(
            f"{prefix}.issuer", _str(_get(item, "issuer")), "批准机关", column=RewardOrPunishment.issuer
        ),
    }


def assessment_values(errs: FieldErrors, prefix: str, item: Any) -> dict[str, Any]:
    this_year = dt.date.today().year
    raw = _get(item, "year", None)
    year = 0
    if isinstance(raw, int):
        year = raw
    elif _str(raw).strip().isdigit():
        year = int(_str(raw).strip())
    if not _str(raw).strip():
        errs.add(f"{prefix}.year", "请填写考核年度")
    elif not FIRST_ASSESSMENT_YEAR <= year <= this_year:
        errs.doubt(f"{prefix}.year", f"考核年度应为 {FIRST_ASSESSMENT_YEAR}–{this_year} 之间的年份")
    return {
        "year": year,
        "grade": errs.choice(
            f"{prefix}.grade", _str(_get(item, "grade")), "考核等次", tuple(vocab.AssessmentGrade)
        ),
        "notes": errs.text(f"{prefix}.notes", _str(_get(item, "notes")), "备注", column=Assessment.notes),
    }


def training_values(errs: FieldErrors, prefix: str, item: Any) -> dict[str, Any]:
    start = errs.date(f"{prefix}.start_date", _get(item, "start_date", None), "开始日期")
    end = errs.date(f"{prefix}.end_date", _get(item, "end_date", None), "结束日期")
    if start and end and end < start:
        errs.add(f"{prefix}.end_date", "结束日期早于开始日期")
    return {
        "name": errs.text(
            f"{prefix}.name", _str(_get(item, "name")), "培训名称", required=True, column=Training.name
        ),
        "kind": errs.text(f"{prefix}.kind", _str(_get(item, "kind")), "培训类别", column=Training.kind),
        "organiser": errs.text(
            f"{prefix}.organiser", _str(_get(item, "organiser")), "主办单位", column=Training.organiser
        ),
        "start_date": start,
        "end_date": end,
        "hours": errs.number(f"{prefix}.hours", _get(item, "hours", 0.0), "学时"),
        "days": errs.number(f"{prefix}.days", _get(item, "days", 0.0), "天数"),
    }


def secondment_values(errs: FieldErrors, prefix: str, item: Any) -> dict[str, Any]:
    start = errs.year_month(f"{prefix}.start", _get(item, "start", None), "起始年月", required=True)
    end = errs.year_month(f"{prefix}.end", _get(item, "end", None), "截止年月")
    if start and end and end < start:
        errs.add(f"{prefix}.end", "截止年月早于起始年月")
    return {
        "place": errs.text(
            f"{prefix}.place", _str(_get(item, "place")), "挂职单位", required=True, column=Secondment.place
        ),
        "post": errs.text(f"{prefix}.post", _str(_get(item, "post")), "挂职职务", column=Secondment.post),
        "start": start,
        "end": end,
        "kind": errs.text(f"{prefix}.kind", _str(_get(item, "kind")), "挂职类别", column=Secondment.kind),
    }


CHILD_RULES = {
    "resume": resume_values,
    "family": family_values,
    "rewards": reward_values,
    "assessments": assessment_values,
    "trainings": training_values,
    "secondments": secondment_values,
}


def cell_message(list_name: str, field: str, text: str) -> str | None:
    """The service's message for one cell of a profile list as typed (`family`, `birth`, `1960.13`)."""
    errs = FieldErrors()
    CHILD_RULES[list_name](errs, "f", {field: text})
    return errs.errors.get(f"f.{field}")


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
    values = _cadre_rules(errs, session, data, cadre_id, today)
    checked_children: dict[str, list[dict[str, Any]] | None] = {}
    for list_name, items in (children or {}).items():
        if items is None:
            checked_children[list_name] = None
            continue
        rule = CHILD_RULES[list_name]
        checked_children[list_name] = [rule(errs, f"{list_name}[{i}]", item) for i, item in enumerate(items)]
        if list_name == "resume":
            for i, item in enumerate(items):
                subs = _get(item, "concurrent", ()) or ()
                rows = checked_children[list_name]
                assert rows is not None
                rows[i]["concurrent"] = [
                    resume_values(errs, f"resume[{i}].concurrent[{j}]", sub) for j, sub in enumerate(subs)
                ]
    errs.raise_if_any()
    return CheckedImport(values, checked_children, tuple(errs.doubts.values()))
