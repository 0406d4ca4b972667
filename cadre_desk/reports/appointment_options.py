"""What a print of the 干部任免审批表 is asked for — the form's own data (stored with the cadre's 任免
case), the print offsets of the settings, a 草稿 watermark — and `FormTooLong`, the one way the form
refuses to print: a field that does not fit its cell even at 5.5 pt.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from cadre_desk.errors import Message, ValidationError
from cadre_desk.services.appointment import CaseView
from cadre_desk.services.printing import PrintSettings


@dataclass(frozen=True)
class FormOffsets:
    """Print offsets in millimetres (print settings): shift the grid for a printer or duplexing."""

    top: float = 0.0  # 上边距, both pages
    front_left: float = 0.0  # 正面页左边距
    back_left: float = 0.0  # 背面页左边距


@dataclass(frozen=True)
class FormOptions:
    """The form's own data (stored with the cadre's 任免 case) and how this print is made."""

    age_reference: dt.date = field(default_factory=dt.date.today)  # 计算年龄时间
    proposed_post: str = ""  # 拟任职务
    proposed_removal: str = ""  # 拟免职务
    reason: str = ""  # 任免理由
    reporting_unit: str = ""  # 呈报单位
    filled_by: str = ""  # 填表人
    filled_on: dt.date | None = None  # 填表时间
    current_post: str | None = None  # 现任职务 when it differs from the profile's post
    operator: str = ""  # the PDF's author when there is no 呈报单位 (never printed)
    draft: bool = False  # a 草稿 watermark
    offsets: FormOffsets = field(default_factory=FormOffsets)


def options_for(
    case: CaseView, settings: PrintSettings, draft: bool = False, age_reference: dt.date | None = None
) -> FormOptions:
    """The options of a print: the form's data of the cadre's case, the print offsets of the settings."""
    top, front_left, back_left = settings.form_offsets
    return FormOptions(
        age_reference=age_reference or case.age_reference,
        proposed_post=case.proposed_post,
        proposed_removal=case.proposed_removal,
        reason=case.reason,
        reporting_unit=case.reporting_unit,
        filled_by=case.filled_by,
        filled_on=case.filled_on,
        operator=settings.operator,
        draft=draft,
        offsets=FormOffsets(top, front_left, back_left),
    )


class FormTooLong(ValidationError):
    """Fields whose text does not fit the two pages even at 5.5 pt; nothing was printed."""

    def __init__(self, cadre: str, labels: Sequence[str]) -> None:
        self.cadre = cadre
        self.labels = tuple(labels)
        names = "、".join(f"“{label}”" for label in labels)
        message = Message(
            "form_too_long",
            "{cadre}的干部任免审批表未打印：{fields}内容过长，缩小到最小字号（5.5 磅）仍超出表格。"
            "任免表只有正反两页，请精简后再打印。",
            cadre=cadre,
            fields=names,
        )
        super().__init__({"form": message})
