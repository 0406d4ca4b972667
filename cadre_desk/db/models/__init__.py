"""All models, importable from one place (Alembic's autogenerate and the services use this)."""

from cadre_desk.db.base import Base
from cadre_desk.db.models.appointment import AppointmentCase
from cadre_desk.db.models.audit import AuditChainHead, AuditEvent
from cadre_desk.db.models.barometer import BarometerColour, BarometerEntry, BarometerPeriod, BarometerRule
from cadre_desk.db.models.cadre import (
    Assessment,
    Cadre,
    CadreChild,
    CadrePhoto,
    FamilyMember,
    ResumeEntry,
    RewardOrPunishment,
    Secondment,
    Training,
)
from cadre_desk.db.models.diary import DiaryEntry, MentorComment
from cadre_desk.db.models.inspection import InspectionReport
from cadre_desk.db.models.mentorship import Mentorship, MentorshipRecord
from cadre_desk.db.models.obligation import Obligation, ObligationRule
from cadre_desk.db.models.pool import PoolEntry, PoolMeasure, PoolReview, TalentPool
from cadre_desk.db.models.rule import LocalRule
from cadre_desk.db.models.search import SearchDoc
from cadre_desk.db.models.setting import AppSetting
from cadre_desk.db.models.structure import (
    FourKind,
    StructureSelection,
    StructureSelectionUnit,
    StructureTarget,
)
from cadre_desk.db.models.talk import Talk, TalkFollowUp, TalkSubject
from cadre_desk.db.models.team import TeamMember, TeamPost
from cadre_desk.db.models.tolerance import (
    ToleranceAttachment,
    ToleranceCase,
    ToleranceCaseRule,
    ToleranceMeasure,
    ToleranceRule,
    ToleranceVisit,
)
from cadre_desk.db.models.transfer import CadreFormSource, ExchangeBase
from cadre_desk.db.models.unit import Account, Unit
from cadre_desk.db.models.verification import VerificationProblem

# The records of the cadre files in dependency order: each model refers only to models before it
# (the order rows are written in by the exchange packages and the demo data).
RECORD_MODELS: tuple[type[Base], ...] = (
    Unit,
    Cadre,
    CadrePhoto,
    CadreFormSource,
    AppointmentCase,
    ResumeEntry,
    FamilyMember,
    RewardOrPunishment,
    Assessment,
    Training,
    Secondment,
    Mentorship,
    MentorshipRecord,
    DiaryEntry,
    MentorComment,
    Talk,
    TalkSubject,
    TalkFollowUp,
)

__all__ = [
    "RECORD_MODELS",
    "Account",
    "AppSetting",
    "AppointmentCase",
    "Assessment",
    "AuditChainHead",
    "AuditEvent",
    "BarometerColour",
    "BarometerEntry",
    "BarometerPeriod",
    "BarometerRule",
    "Base",
    "Cadre",
    "CadreChild",
    "CadreFormSource",
    "CadrePhoto",
    "DiaryEntry",
    "ExchangeBase",
    "FamilyMember",
    "FourKind",
    "InspectionReport",
    "LocalRule",
    "MentorComment",
    "Mentorship",
    "MentorshipRecord",
    "Obligation",
    "ObligationRule",
    "PoolEntry",
    "PoolMeasure",
    "PoolReview",
    "ResumeEntry",
    "RewardOrPunishment",
    "SearchDoc",
    "Secondment",
    "StructureSelection",
    "StructureSelectionUnit",
    "StructureTarget",
    "TalentPool",
    "Talk",
    "TalkFollowUp",
    "TalkSubject",
    "TeamMember",
    "TeamPost",
    "ToleranceAttachment",
    "ToleranceCase",
    "ToleranceCaseRule",
    "ToleranceMeasure",
    "ToleranceRule",
    "ToleranceVisit",
    "Training",
    "Unit",
    "VerificationProblem",
]
