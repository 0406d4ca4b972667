"""Where a diary entry's date falls among the mentee's pairings: the pairing in force, or else the
nearest one, and the message an entry dated outside every pairing gets when it is submitted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from cadre_desk.db.models import Cadre, Mentorship
from cadre_desk.errors import Message, ValidationError
from cadre_desk.services import access
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.mentorship import active_mentorship_of
from cadre_desk.services.validation import FieldErrors


class OutsidePairing(ValidationError):
    """An entry to be submitted whose date lies outside every pairing of the mentee.

    `pairing_id` is the mentee's pairing nearest to the date (None: the mentee has no pairing at
    all, so there is no mentor to submit to). The caller may save again with `attach_to` set to it.
    """

    def __init__(self, message: str, pairing_id: int | None) -> None:
        super().__init__({"date": message})
        self.pairing_id = pairing_id


@dataclass(frozen=True)
class PairingFit:
    """Where a date falls for a mentee: `in_term` (the pairing in force) or else `nearest`."""

    in_term: int | None
    nearest: int | None
    mentor: str = ""
    term_start: dt.date | None = None
    term_end: dt.date | None = None


def _pairing_end(m: Mentorship) -> dt.date:
    return m.ended_on or m.term_end


def _fit(session: Session, mentee_id: int, date: dt.date) -> PairingFit:
    live = active_mentorship_of(session, mentee_id, date)
    if live is not None:
        return PairingFit(live.id, live.id, live.mentor.name, live.term_start, _pairing_end(live))
    pairings = list(
        session.scalars(
            select(Mentorship).where(Mentorship.mentee_id == mentee_id, Mentorship.archived_at.is_(None))
        )
    )
    if not pairings:
        return PairingFit(None, None)

    def distance(m: Mentorship) -> int:
        return (m.term_start - date).days if date < m.term_start else (date - _pairing_end(m)).days

    near = min(pairings, key=lambda m: (distance(m), -m.id))
    return PairingFit(None, near.id, near.mentor.name, near.term_start, _pairing_end(near))


def pairing_fit(ctx: ServiceContext, mentee_id: int, date: dt.date | str) -> PairingFit:
    """Whether an entry of `mentee_id` dated `date` falls inside a pairing, or which one is nearest.

    An unreadable date fits nothing (the save that follows reports it)."""
    access.require(ctx, Permission.RECORDS_READ)
    errs = FieldErrors()
    day = errs.date("date", date, "日记日期", required=True, allow_future=True)
    if day is None:
        return PairingFit(None, None)
    with ctx.db.read() as session:
        return _fit(session, mentee_id, day)


def outside_message(session: Session, e_date: dt.date, mentee_id: int) -> OutsidePairing:
    fit = _fit(session, mentee_id, e_date)
    if fit.nearest is None:
        mentee = session.get(Cadre, mentee_id)
        name = mentee.name if mentee else ""
        return OutsidePairing(
            Message(
                "diary_no_pairing", "{name}没有结对帮带，日记无法提交导师点评（可保存为草稿）", name=name
            ),
            None,
        )
    assert fit.term_start is not None and fit.term_end is not None
    before = e_date < fit.term_start
    return OutsidePairing(
        Message(
            "diary_before_pairing" if before else "diary_after_pairing",
            "日记日期（{date}）在与导师{mentor}的结对帮带期（{start}—{end}）"
            + ("开始之前" if before else "结束之后")
            + "，请修改日期，或确认将日记归入该结对",
            date=f"{e_date:%Y.%m.%d}",
            mentor=fit.mentor,
            start=f"{fit.term_start:%Y.%m.%d}",
            end=f"{fit.term_end:%Y.%m.%d}",
        ),
        fit.nearest,
    )
