"""What a file says about one cadre, in the app's terms, before it is matched and written."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cadre_desk.domain.yearmonth import YearMonth


@dataclass(frozen=True)
class ResumeItem:
    start: YearMonth
    end: YearMonth | None
    text: str
    concurrent: tuple[ResumeItem, ...] = ()


@dataclass(frozen=True)
class FamilyItem:
    relation: str
    name: str
    birth: YearMonth | None = None
    political_status: str = ""
    employer_post: str = ""


@dataclass(frozen=True)
class RewardItem:
    kind: str
    date: YearMonth | None
    text: str


@dataclass(frozen=True)
class AssessmentItem:
    year: int
    grade: str


@dataclass(frozen=True)
class FormSource:
    """The original file, kept with the cadre so that an export can give back what is not modelled."""

    format: str
    xml: str
    file_version: str = ""
    file_name: str = ""
    photo_shape: dict[str, Any] = field(default_factory=dict)


@dataclass
class CadreData:
    """Cadre columns present in the source (`values`), and the child lists it carries (None: absent)."""

    values: dict[str, Any]
    resume: tuple[ResumeItem, ...] | None = None
    family: tuple[FamilyItem, ...] | None = None
    rewards: tuple[RewardItem, ...] | None = None
    assessments: tuple[AssessmentItem, ...] | None = None
    photo: bytes | None = None
    source: FormSource | None = None
    case: dict[str, Any] | None = None  # the form's own data (appointment_case columns), None: absent
    unit_name: str | None = None
    warnings: list[str] = field(default_factory=list)
    # 到龄 as the file states it (.lrmx DaoLingNianYue, GaiGeQianRenZhiNianLingJieXian); None: absent.
    retirement_month: YearMonth | None = None
    post_age_limit: str | None = None


class FormatProblem(ValueError):
    """A value in a file that cannot be read; the message is Chinese and names the field."""
