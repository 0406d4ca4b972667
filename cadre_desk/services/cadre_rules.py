"""The rules of a cadre's fields and of its child records (简历, 家庭成员, 奖惩, 考核, 培训, 挂职),
shared by the services and every import through `services.validation`."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
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
from cadre_desk.domain.yearmonth import YearMonth, age_at
from cadre_desk.errors import Message
from cadre_desk.services.field_errors import FieldErrors, Problem, max_length

MIN_WORK_AGE = 16
MIN_PARTY_AGE = 18
FIRST_ASSESSMENT_YEAR = 1950

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
    "rank_since": "任现职级时间",
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


def get(data: Any, name: str, default: Any = "") -> Any:
    """A field of a DTO or of a mapping (the rules take either)."""
    if isinstance(data, Mapping):
        return data.get(name, default)
    return getattr(data, name, default)


def _str(value: Any) -> str:
    return "" if value is None else str(value)


def cadre_rules(
    errs: FieldErrors, session: Session | None, data: Any, cadre_id: int | None, today: dt.date
) -> dict[str, Any]:
    """Every rule of a cadre's own fields, collected in `errs`; returns the column values to store."""
    name = errs.text("name", _str(get(data, "name")), "姓名", required=True, column=Cadre.name)
    codes = {
        key: errs.code(key, _str(get(data, key)), LABELS[key], list_name, getattr(Cadre, key))
        for key, list_name in _CODES.items()
    }
    if not codes["gender"] and "gender" not in errs:
        errs.add("gender", Message("choose", "请选择{label}", label="性别"))
    texts = {
        key: errs.text(key, _str(get(data, key)), LABELS[key], column=getattr(Cadre, key)) for key in _TEXTS
    }
    id_text = normalise(_str(get(data, "id_number")))
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
    birth_in = get(data, "birth", None)
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
        ("rank_since", "任现职级时间"),
    ):
        dates[key] = errs.year_month(key, get(data, key, None), label, today=today)
    if birth is not None:
        work_start, party_join, post_since = dates["work_start"], dates["party_join"], dates["post_since"]
        if work_start is not None and "work_start" not in errs and age_at(birth, work_start) < MIN_WORK_AGE:
            errs.doubt("work_start", f"参加工作时间（{work_start}）时未满{MIN_WORK_AGE}周岁", ("birth",))
        if party_join is not None and "party_join" not in errs and age_at(birth, party_join) < MIN_PARTY_AGE:
            errs.doubt("party_join", f"入党时间（{party_join}）时未满{MIN_PARTY_AGE}周岁", ("birth",))
        if post_since is not None and "post_since" not in errs and post_since < birth:
            errs.doubt("post_since", "任现职时间早于出生年月", ("birth",))
        rank_since = dates["rank_since"]
        if rank_since is not None and "rank_since" not in errs and rank_since < birth:
            errs.doubt("rank_since", "任现职级时间早于出生年月", ("birth",))
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
    phone = errs.text("phone", _str(get(data, "phone")), "联系电话", column=Cadre.phone)
    if phone and not _PHONE.match(phone):
        errs.doubt("phone", "联系电话只能包含数字、空格和 - + ( )（分机可写“转123”）")
    unit_id = get(data, "unit_id", None)
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


# --- the child records ----------------------------------------------------------------------------
# Each takes an item with the attributes of the service's input DTO (or of an import's item: missing
# attributes take their defaults) and returns the column values to store.


def resume_values(errs: FieldErrors, prefix: str, item: Any) -> dict[str, Any]:
    start = errs.year_month(f"{prefix}.start", get(item, "start", None), "起始年月", required=True)
    end = errs.year_month(f"{prefix}.end", get(item, "end", None), "截止年月")
    text = errs.text(
        f"{prefix}.text", _str(get(item, "text")), "简历内容", required=True, column=ResumeEntry.text
    )
    if start is not None and end is not None and end < start:
        errs.doubt(f"{prefix}.end", f"截止年月（{end}）早于起始年月（{start}）", (f"{prefix}.start",))
    return {"start": start, "end": end, "text": text}


def family_values(errs: FieldErrors, prefix: str, item: Any) -> dict[str, Any]:
    return {
        "relation": errs.text(
            f"{prefix}.relation",
            _str(get(item, "relation")),
            "称谓",
            required=True,
            column=FamilyMember.relation,
        ),
        "name": errs.text(
            f"{prefix}.name", _str(get(item, "name")), "姓名", required=True, column=FamilyMember.name
        ),
        "birth": errs.year_month(f"{prefix}.birth", get(item, "birth", None), "出生年月"),
        "political_status": errs.code(
            f"{prefix}.political_status",
            _str(get(item, "political_status")),
            "政治面貌",
            "political_status",
            FamilyMember.political_status,
        ),
        "employer_post": errs.text(
            f"{prefix}.employer_post",
            _str(get(item, "employer_post")),
            "工作单位及职务",
            column=FamilyMember.employer_post,
        ),
        "deceased": bool(get(item, "deceased", False)),
    }


def reward_values(errs: FieldErrors, prefix: str, item: Any) -> dict[str, Any]:
    kinds = tuple(vocab.RewardKind)
    return {
        "kind": errs.choice(f"{prefix}.kind", _str(get(item, "kind")), "奖惩类别", kinds),
        "date": errs.year_month(f"{prefix}.date", get(item, "date", None), "奖惩时间"),
        "text": errs.text(
            f"{prefix}.text",
            _str(get(item, "text")),
            "奖惩内容",
            required=True,
            column=RewardOrPunishment.text,
        ),
        "issuer": errs.text(
            f"{prefix}.issuer", _str(get(item, "issuer")), "批准机关", column=RewardOrPunishment.issuer
        ),
    }


def assessment_values(errs: FieldErrors, prefix: str, item: Any) -> dict[str, Any]:
    this_year = dt.date.today().year
    raw = get(item, "year", None)
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
            f"{prefix}.grade", _str(get(item, "grade")), "考核等次", tuple(vocab.AssessmentGrade)
        ),
        "notes": errs.text(f"{prefix}.notes", _str(get(item, "notes")), "备注", column=Assessment.notes),
    }


def training_values(errs: FieldErrors, prefix: str, item: Any) -> dict[str, Any]:
    start = errs.date(f"{prefix}.start_date", get(item, "start_date", None), "开始日期")
    end = errs.date(f"{prefix}.end_date", get(item, "end_date", None), "结束日期")
    if start and end and end < start:
        errs.add(f"{prefix}.end_date", "结束日期早于开始日期")
    return {
        "name": errs.text(
            f"{prefix}.name", _str(get(item, "name")), "培训名称", required=True, column=Training.name
        ),
        "kind": errs.text(f"{prefix}.kind", _str(get(item, "kind")), "培训类别", column=Training.kind),
        "organiser": errs.text(
            f"{prefix}.organiser", _str(get(item, "organiser")), "主办单位", column=Training.organiser
        ),
        "start_date": start,
        "end_date": end,
        "hours": errs.number(f"{prefix}.hours", get(item, "hours", 0.0), "学时"),
        "days": errs.number(f"{prefix}.days", get(item, "days", 0.0), "天数"),
        "full_time": get(item, "full_time", False) not in (False, "", "0", None),
        "certificate": errs.text(
            f"{prefix}.certificate",
            _str(get(item, "certificate", "")),
            "结业证书",
            column=Training.certificate,
        ),
    }


def secondment_values(errs: FieldErrors, prefix: str, item: Any) -> dict[str, Any]:
    start = errs.year_month(f"{prefix}.start", get(item, "start", None), "起始年月", required=True)
    end = errs.year_month(f"{prefix}.end", get(item, "end", None), "截止年月")
    if start and end and end < start:
        errs.add(f"{prefix}.end", "截止年月早于起始年月")
    return {
        "place": errs.text(
            f"{prefix}.place", _str(get(item, "place")), "挂职单位", required=True, column=Secondment.place
        ),
        "post": errs.text(f"{prefix}.post", _str(get(item, "post")), "挂职职务", column=Secondment.post),
        "start": start,
        "end": end,
        "kind": errs.text(f"{prefix}.kind", _str(get(item, "kind")), "挂职类别", column=Secondment.kind),
    }


CHILD_RULES = {
    "resume": resume_values,
    "family": family_values,
    "rewards": reward_values,
    "assessments": assessment_values,
    "trainings": training_values,
    "secondments": secondment_values,
}
