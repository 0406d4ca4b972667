"""The structure targets (班子结构要求) as an editable rule table in 设置 → 规则: every column typed and
checked, a target made inconsistent (an age that is not a number, a share over 100 %) refused."""

from __future__ import annotations

from sqlalchemy.orm import Session

from cadre_desk.db.models import FourKind, StructureTarget
from cadre_desk.domain import structure as rules_of
from cadre_desk.domain.yearmonth import DateFormatError
from cadre_desk.services import rule_tables as rt
from cadre_desk.services.structure import valid_from

KEY = "structure_target"
FOUR_KINDS_KEY = "four_kind"


def _check(session: Session, row: StructureTarget | None, values: dict[str, object]) -> dict[str, str]:
    def value(name: str) -> object:
        return values[name] if name in values else getattr(row, name, "")

    errors: dict[str, str] = {}
    measure, measure_value = str(value("measure")), str(value("measure_value")).strip()
    if measure == rules_of.MEASURE_AGE and not (measure_value.isdigit() and 18 <= int(measure_value) <= 70):
        errors["measure_value"] = "“年龄不超过”须填写 18–70 之间的整岁数"
    if measure == rules_of.MEASURE_POST and not measure_value:
        errors["measure_value"] = "“职务含”须填写职务文字（多个用 | 分隔）"
    kind, required = str(value("required_kind")), float(value("required_value") or 0)  # type: ignore[arg-type]
    if kind == rules_of.RATIO and not 0 < required <= 100:
        errors["required_value"] = "比例应在 0–100（%）之间"
    if kind == rules_of.COUNT and (required != int(required) or required < 1):
        errors["required_value"] = "人数应为不小于 1 的整数"
    try:
        valid_from(str(value("valid_from")))
    except DateFormatError as exc:
        errors["valid_from"] = str(exc)
    return errors


rt.register(
    rt.RuleTable(
        key=KEY,
        title="班子结构要求",
        model=StructureTarget,
        columns=(
            rt.RuleColumn("name", "结构要求", max_length=100),
            rt.RuleColumn("scope", "适用范围", rt.CHOICE, choices=rules_of.TARGET_SCOPES),
            rt.RuleColumn(
                "per_team", "逐个班子", rt.BOOL, help="是：每个班子分别计算；否：范围内各班子合并计算"
            ),
            rt.RuleColumn("base_level", "计算对象职务层次", rt.CHOICE, choices=rules_of.BASE_LEVELS),
            rt.RuleColumn(
                "base_post",
                "计算对象职务含",
                max_length=100,
                required=False,
                help="如 党委书记|镇长|乡长；空：不限",
            ),
            rt.RuleColumn(
                "base_max_age", "计算对象年龄不超过", rt.INT, minimum=0, maximum=70, help="0：不限"
            ),
            rt.RuleColumn("measure", "统计", rt.CHOICE, choices=rules_of.MEASURES),
            rt.RuleColumn("measure_value", "统计条件", max_length=100, required=False, help="年龄或职务文字"),
            rt.RuleColumn("required_kind", "要求方式", rt.CHOICE, choices=rules_of.REQUIRED_KINDS),
            rt.RuleColumn("required_value", "要求（%或人）", rt.FLOAT, minimum=0, maximum=100),
            rt.RuleColumn(
                "valid_from", "施行日期", max_length=10, required=False, help="YYYY.MM.DD；空：一直"
            ),
        ),
        description="换届结构要求（地方做法）：应配按比例向上取整或按人数，班子结构分析据此显示应配、实配、缺配",
        can_add=True,
        check=_check,
        order=50,
    )
)


def _check_four(session: Session, row: FourKind | None, values: dict[str, object]) -> dict[str, str]:
    kind = str(values.get("kind", getattr(row, "kind", "")))
    max_age = int(values.get("max_age", getattr(row, "max_age", 0)) or 0)  # type: ignore[call-overload]
    if kind == rules_of.YOUNG and not 25 <= max_age <= 50:
        return {"max_age": "年轻干部的年龄上限应在 25–50 岁之间"}
    return {}


rt.register(
    rt.RuleTable(
        key=FOUR_KINDS_KEY,
        title="四类干部",
        model=FourKind,
        columns=(
            rt.RuleColumn("kind", "类别", editable=False),
            rt.RuleColumn("counted", "计入", rt.BOOL),
            rt.RuleColumn(
                "max_age", "年龄上限（岁）", rt.INT, minimum=0, maximum=70, help="年轻干部：不超过此年龄"
            ),
        ),
        description="班子结构分析计入的四类干部与年轻干部的年龄上限（地方做法）",
        check=_check_four,
        order=45,
    )
)
