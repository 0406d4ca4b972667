"""Imports every service module that registers a rule table (services.rule_tables), in the order the
tables are shown in 设置 → 规则. Add one line for a new table."""

from cadre_desk.services import (
    barometer_rules,  # noqa: F401 (晴雨表 colour rules and colour words)
    obligation_rules,  # noqa: F401 (三必谈 rules)
    pools,  # noqa: F401 (库别 and their age caps)
    rules,  # noqa: F401 (退出领导岗位 ages, retirement, training)
    structure_targets,  # noqa: F401 (班子结构要求)
    tolerance_rules,  # noqa: F401 (容错情形)
)
