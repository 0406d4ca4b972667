"""Mentorships (一对一帮带) with mentorship records, and the mentees' weekly diaries with comments."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass

from cadre_desk.demo import names, textgen
from cadre_desk.demo.generator import Progress, World, local
from cadre_desk.demo.people import Person
from cadre_desk.demo.store import Writer
from cadre_desk.demo.units import VILLAGE_STEMS
from cadre_desk.domain import vocab

MENTEE_MAX_AGE = 35
MENTEE_SHARE = 0.23
MAX_MENTEES = 3
_FORM_WEIGHTS = (30, 20, 15, 15, 12, 8)  # in the order of vocab.MENTORSHIP_RECORD_FORMS
_GRADES = (("优秀", 30), ("良好", 45), ("合格", 22), ("不合格", 3))
_DAY_WEIGHTS = (6, 6, 6, 8, 30, 17, 27)  # Monday … Sunday: most write at the end of the week
AWAITING_DAYS = 21  # mentors comment within days: only entries younger than this still wait


@dataclass
class Pairing:
    id: int
    mentor: Person
    mentee: Person
    start: dt.date
    end: dt.date  # term end
    status: str
    ended_on: dt.date | None

    @property
    def last_day(self) -> dt.date:
        return self.ended_on or self.end


def _months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, min(day.day, 28))


def address(person: Person) -> str:
    """How a mentee addresses the mentor: surname plus the title of the post (王书记, 李局长 …)."""
    post = person.post
    for key in (
        "书记",
        "县长",
        "局长",
        "部长",
        "镇长",
        "乡长",
        "主任",
        "主席",
        "院长",
        "校长",
        "董事长",
        "经理",
    ):
        if key in post:
            title = key
            break
    else:
        title = "老师"
    return names.family_name(person.name) + title


def _mentor_for(
    rng: random.Random,
    mentee: Person,
    by_unit: dict[int, list[Person]],
    senior: list[Person],
    load: dict[int, int],
) -> Person | None:
    def fits(m: Person) -> bool:
        return (
            m.id != mentee.id
            and load[m.id] < MAX_MENTEES
            and m.rank_index > mentee.rank_index
            and m.birth.year <= mentee.birth.year - 6
        )

    local_ = [m for m in by_unit.get(mentee.unit.index, []) if fits(m)]
    if local_ and rng.random() < 0.75:
        return rng.choice(local_)
    for _ in range(30):
        m = rng.choice(senior)
        if fits(m):
            return m
    return local_[0] if local_ else next((m for m in senior if fits(m)), None)


def _plan_terms(
    rng: random.Random, mentee: Person, today: dt.date
) -> list[tuple[str, dt.date, dt.date, dt.date | None]]:
    """(status, start, term end, ended on) of a mentee's pairings, oldest first, never overlapping."""
    earliest = max(mentee.work_start.add_months(1).first_day(), _months(today, -60))
    roll = rng.random()
    length = rng.choice((12, 12, 12, 24, 24))
    out: list[tuple[str, dt.date, dt.date, dt.date | None]] = []
    if roll < 0.75:  # an active pairing, begun some months ago
        start = _months(today, -rng.randint(0, length - 1)) - dt.timedelta(days=rng.randint(0, 20))
        start = max(start, earliest)
        out.append(("进行中", start, _months(start, length), None))
        if roll >= 0.5:  # … after a completed one
            prev_len = rng.choice((12, 24))
            prev_end = start - dt.timedelta(days=rng.randint(1, 60))
            prev_start = _months(prev_end, -prev_len)
            if prev_start >= earliest:
                out.insert(0, ("已结业", prev_start, prev_end, prev_end))
    elif roll < 0.9:  # completed only
        end = _months(today, -rng.randint(1, 18))
        start = _months(end, -length)
        if start >= earliest:
            out.append(("已结业", start, end, end))
    else:  # aborted, and often paired again
        start = _months(today, -rng.randint(length // 2 + 4, length + 12))
        if start >= earliest:
            stop = min(
                _months(start, rng.randint(3, length - 2)), today - dt.timedelta(days=rng.randint(20, 90))
            )
            if stop > start:
                out.append(("中止", start, _months(start, length), stop))
                if rng.random() < 0.6:
                    again = stop + dt.timedelta(days=rng.randint(10, 60))
                    again_end = _months(again, 12)
                    if again_end < today:  # that second term is over too: completed
                        out.append(("已结业", again, again_end, again_end))
                    elif again < today:
                        out.append(("进行中", again, again_end, None))
    return [t for t in out if t[1] < today]


def make_pairings(writer: Writer, rng: random.Random, world: World, today: dt.date) -> list[Pairing]:
    people = world.people
    senior = [p for p in people if p.level >= 2] or [p for p in people if p.level >= 1] or people
    by_unit: dict[int, list[Person]] = defaultdict(list)
    for p in senior:
        by_unit[p.unit.index].append(p)
    load: dict[int, int] = defaultdict(int)
    pairings: list[Pairing] = []
    for mentee in people:
        if mentee.age(today) >= MENTEE_MAX_AGE or mentee.level >= 2 or rng.random() >= MENTEE_SHARE:
            continue
        previous: Person | None = None
        for status, start, end, ended_on in _plan_terms(rng, mentee, today):
            mentor = _mentor_for(rng, mentee, by_unit, senior, load)
            if mentor is None or (previous is not None and mentor.id == previous.id and status == "进行中"):
                continue
            load[mentor.id] += 1
            previous = mentor
            pairings.append(
                _write_pairing(writer, rng, world, mentor, mentee, status, start, end, ended_on, today)
            )
    return pairings


def _slots(world: World, mentor: Person, mentee: Person, rng: random.Random) -> textgen.Slots:
    towns = world.county.towns
    town = mentee.unit.short_name if mentee.unit.profile in ("town", "street") else rng.choice(towns)
    v1, v2 = rng.sample(VILLAGE_STEMS, 2)
    return textgen.Slots(
        mentee=mentee.name,
        mentor=address(mentor),
        unit=mentee.unit.short_name,
        town=town,
        village=v1 + "村",
        village2=v2 + "村",
        colleague=rng.choice(("老陈", "小刘", "张姐", "老王", "李哥", "小周")),
    )


def _write_pairing(
    writer: Writer,
    rng: random.Random,
    world: World,
    mentor: Person,
    mentee: Person,
    status: str,
    start: dt.date,
    end: dt.date,
    ended_on: dt.date | None,
    today: dt.date,
) -> Pairing:
    slots = _slots(world, mentor, mentee, rng)
    months = round((end - start).days / 30.4)
    slots.update(months=months, start=f"{start:%Y.%m.%d}", end=f"{end:%Y.%m.%d}")
    values: dict[str, object] = {
        "mentor_id": mentor.id,
        "mentee_id": mentee.id,
        "term_start": start,
        "term_end": end,
        "goals": textgen.goals(rng, slots),
        "plan": textgen.plan(rng, slots),
        "status": status,
        "end_reason": "",
        "ended_on": ended_on,
        "mentor_evaluation": "",
        "mentee_summary": "",
        "evaluation_result": "",
        "evaluation_grade": "",
        "archived_at": None,
    }
    if status == vocab.MentorshipStatus.COMPLETED:
        grade = rng.choices([g for g, _w in _GRADES], [w for _g, w in _GRADES])[0]
        slots["label"] = rng.choice(("乡村振兴", "信访维稳", "人居环境整治", "基层党建", "项目建设"))
        evaluation, summary, result = textgen.evaluation(rng, slots, grade)
        values.update(
            mentor_evaluation=evaluation,
            mentee_summary=summary,
            evaluation_result=result,
            evaluation_grade=grade,
        )
    elif status == vocab.MentorshipStatus.ABORTED:
        values["end_reason"] = textgen.abort_reason(rng)
    pairing_id = writer.add("mentorship", values, at=local(min(start, today), 10))
    last = min(ended_on or end, today)
    month = start
    forms = vocab.MENTORSHIP_RECORD_FORMS
    while month <= last:
        day = month + dt.timedelta(days=rng.randint(0, 27))
        if start <= day <= last:
            form = rng.choices(forms, _FORM_WEIGHTS)[0]
            content = textgen.record(rng, slots, form)
            writer.add(
                "mentorship_record",
                {
                    "mentorship_id": pairing_id,
                    "date": day,
                    "form": form,
                    "content": content,
                    "archived_at": None,
                },
                at=local(day, 17),
            )
        month = _months(month, 1)
    return Pairing(pairing_id, mentor, mentee, start, end, status, ended_on)


def _target_length(rng: random.Random) -> int:
    if rng.random() < 0.002:
        return rng.randint(3000, 8000)
    return int(min(3000, max(150, rng.lognormvariate(5.97, 0.6))))


def write_diaries(
    writer: Writer,
    rng: random.Random,
    world: World,
    pairings: list[Pairing],
    today: dt.date,
    progress: Progress | None,
) -> None:
    """Weekly entries across each term up to today: commented within days, so only the last weeks'
    entries of active pairings still wait for a comment; a few drafts."""
    for done, pairing in enumerate(pairings, start=1):
        slots = _slots(world, pairing.mentor, pairing.mentee, rng)
        active = pairing.status == vocab.MentorshipStatus.ACTIVE
        week = pairing.start - dt.timedelta(days=pairing.start.weekday())
        last = min(pairing.last_day, today)
        while week <= last:
            day = week + dt.timedelta(days=rng.choices(range(7), _DAY_WEIGHTS)[0])
            week += dt.timedelta(days=7)
            if day < pairing.start or day > last or rng.random() < 0.07:
                continue
            _write_entry(writer, rng, pairing, slots, day, active, today)
        if progress is not None and (done % 20 == 0 or done == len(pairings)):
            progress("生成成长日记", done, len(pairings))


def _write_entry(
    writer: Writer,
    rng: random.Random,
    pairing: Pairing,
    slots: textgen.Slots,
    day: dt.date,
    active: bool,
    today: dt.date,
) -> None:
    entry = textgen.diary(rng, slots, day.month, _target_length(rng))
    delay = rng.randint(1, 6) if rng.random() < 0.9 else rng.randint(7, 16)
    # a few days later, and within the term: a pairing that ended has its last entries commented by then
    comment_day = min(day + dt.timedelta(days=delay), pairing.last_day)
    age = (today - day).days
    roll = rng.random()
    if active and (roll < 0.015 or (age <= 14 and roll < 0.2)):
        state = vocab.DiaryState.DRAFT.value
    elif (
        not active
        and pairing.status == vocab.MentorshipStatus.ABORTED
        and (pairing.last_day - day).days <= 14
        and roll < 0.25
    ):
        state = vocab.DiaryState.DRAFT.value  # written just before the pairing stopped, never handed in
    elif active and (comment_day > today or (age < AWAITING_DAYS and roll > 0.85)):
        state = vocab.DiaryState.SUBMITTED.value
    else:
        state = vocab.DiaryState.COMMENTED.value
    written = local(day, rng.randint(19, 22), rng.randint(0, 59))
    entry_id = writer.add(
        "diary_entry",
        {
            "mentee_id": pairing.mentee.id,
            "mentorship_id": pairing.id,
            "date": day,
            "title": entry.title,
            "category": entry.category,
            "content": entry.content,
            "state": state,
            "submitted_at": None if state == vocab.DiaryState.DRAFT else written,
            "archived_at": None,
        },
        at=written,
    )
    if state == vocab.DiaryState.COMMENTED:
        text = textgen.comment(rng, slots, entry.topic)
        writer.add(
            "mentor_comment",
            {
                "entry_id": entry_id,
                "mentor_id": pairing.mentor.id,
                "date": comment_day,
                "text": text,
                "archived_at": None,
            },
            at=local(comment_day, rng.randint(8, 21), rng.randint(0, 59)),
        )
