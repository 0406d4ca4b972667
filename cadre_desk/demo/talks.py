"""Talk records (谈话记录) of every kind, with their subject cadres and follow-up actions."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from cadre_desk.demo import names, textgen
from cadre_desk.demo.generator import Progress, World, local
from cadre_desk.demo.people import Person
from cadre_desk.demo.store import Writer
from cadre_desk.demo.units import VILLAGE_STEMS
from cadre_desk.domain import vocab

WINDOW_MONTHS = 96  # talks of the last eight years
# Follow-ups due longer ago than this are all done, as in a department that works through its list;
# of those due since, the more recent the more likely still open, so 工作台 shows a handful overdue.
CLOSED_AFTER_DAYS = 60
_KINDS = (
    (vocab.TalkKind.ROUTINE.value, 50),
    (vocab.TalkKind.INSPECTION.value, 12),
    (vocab.TalkKind.APPOINTMENT.value, 9),
    (vocab.TalkKind.TRANSFER.value, 7),
    (vocab.TalkKind.YOUTH_CLASS.value, 6),
    (vocab.TalkKind.REMINDER.value, 8),
    (vocab.TalkKind.ADMONITION.value, 2),
)
_KIND_NAMES = tuple(k for k, _w in _KINDS)
_KIND_WEIGHTS = tuple(w for _k, w in _KINDS)


@dataclass(frozen=True)
class Talker:
    title: str  # the post, as the record names a talker: 县委组织部副部长
    name: str

    @property
    def label(self) -> str:
        return f"{self.title}{self.name}"


class Roles:
    """Who talks and who records: the organisation department, the discipline commission, unit leaders."""

    def __init__(self, world: World, rng: random.Random, today: dt.date) -> None:
        def pick(short: str, senior: bool) -> list[Person]:
            return [p for p in world.people if p.unit.short_name == short and (p.level >= 2) == senior]

        def made(title: str, count: int) -> list[Talker]:
            return [
                Talker(title, names.full_name(rng, today.year - 45, rng.random() < 0.7)) for _ in range(count)
            ]

        self.org = [Talker(p.post, p.name) for p in pick("县委组织部", True)] or made("县委组织部副部长", 2)
        self.org_staff = [p.name for p in pick("县委组织部", False)] or [t.name for t in made("", 3)]
        self.discipline = [Talker(p.post, p.name) for p in pick("县纪委监委", True)] or made(
            "县纪委副书记", 2
        )
        self.school = [Talker(p.post, p.name) for p in pick("县委党校", True)] or self.org
        self.leaders: dict[int, list[Talker]] = {}
        self.staff: dict[int, list[str]] = {}
        for p in world.people:
            if p.level >= 2:
                self.leaders.setdefault(p.unit.index, []).append(Talker(p.post, p.name))
            else:
                self.staff.setdefault(p.unit.index, []).append(p.name)

    def leader_of(self, rng: random.Random, subject: Person) -> Talker:
        own = [t for t in self.leaders.get(subject.unit.index, []) if t.name != subject.name]
        return rng.choice(own) if own else rng.choice(self.org)

    def recorder(self, rng: random.Random, subject: Person, in_unit: bool) -> str:
        staff = [n for n in self.staff.get(subject.unit.index, []) if n != subject.name]
        return rng.choice(staff) if in_unit and staff else rng.choice(self.org_staff)


def _months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, min(day.day, 28))


def allocate(rng: random.Random, people: list[Person], total: int, today: dt.date) -> list[int]:
    """Talks per cadre: by years of service in the window, a little more for leaders (largest remainders)."""
    window = _months(today, -WINDOW_MONTHS)
    weights = []
    for p in people:
        days = (today - max(window, p.work_start.first_day())).days
        weights.append(max(0, days) / 365 * (1 + 0.1 * p.level) * rng.uniform(0.6, 1.4))
    scale = total / (sum(weights) or 1)
    shares = [w * scale for w in weights]
    counts = [int(s) for s in shares]
    order = sorted(range(len(people)), key=lambda i: shares[i] - counts[i], reverse=True)
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _moment(rng: random.Random, lo: dt.date, hi: dt.date) -> dt.datetime:
    day = lo + dt.timedelta(days=rng.randint(0, max(0, (hi - lo).days)))
    if day.weekday() >= 5:
        day -= dt.timedelta(days=day.weekday() - 4)
        day = max(day, lo)
    hour, minute = rng.choice((8, 9, 10, 11, 14, 15, 16, 17)), rng.choice((0, 10, 20, 30, 40, 50))
    if hour in (8, 17):
        minute = 30 if hour == 8 else minute % 30
    return dt.datetime(day.year, day.month, day.day, hour, minute)


def write_talks(
    writer: Writer,
    rng: random.Random,
    world: World,
    total: int,
    today: dt.date,
    progress: Progress | None,
) -> None:
    roles = Roles(world, rng, today)
    people = world.people
    window = _months(today, -WINDOW_MONTHS)
    young = [p for p in people if p.age(today) < 40]
    senior = [p for p in people if p.level >= 1] or people
    done = 0
    for person, count in zip(people, allocate(rng, people, total, today), strict=True):
        lo = max(window, person.work_start.first_day())
        for n in range(count):
            kind = rng.choices(_KIND_NAMES, _KIND_WEIGHTS)[0]
            at = _moment(rng, lo, today)
            if n == 0 and person.post_since.first_day() >= lo and person.level >= 1:
                kind = vocab.TalkKind.APPOINTMENT.value
                at = _moment(
                    rng,
                    person.post_since.first_day(),
                    min(today, person.post_since.first_day() + dt.timedelta(days=20)),
                )
            age = at.year - person.birth.year
            if (kind == vocab.TalkKind.YOUTH_CLASS and age >= 40) or (
                kind == vocab.TalkKind.INSPECTION and person.level == 0 and age >= 40
            ):
                kind = vocab.TalkKind.ROUTINE.value
            subjects = [person]
            if kind in (vocab.TalkKind.APPOINTMENT, vocab.TalkKind.YOUTH_CLASS) and rng.random() < 0.25:
                pool = senior if kind == vocab.TalkKind.APPOINTMENT else young
                for other in rng.sample(pool, min(len(pool), rng.randint(1, 2))):
                    if other is not person:
                        subjects.append(other)
            _write_talk(writer, rng, world, roles, kind, at, subjects, today)
            done += 1
            if progress is not None and done % 500 == 0:
                progress("生成谈话记录", done, total)
    if progress is not None:
        progress("生成谈话记录", done, total)


def _write_talk(
    writer: Writer,
    rng: random.Random,
    world: World,
    roles: Roles,
    kind: str,
    at: dt.datetime,
    subjects: list[Person],
    today: dt.date,
) -> None:
    subject = subjects[0]
    unit = subject.unit.short_name
    org = [t for t in roles.org if t.name != subject.name] or roles.org
    in_unit = False
    if kind in (vocab.TalkKind.APPOINTMENT, vocab.TalkKind.TRANSFER):
        talkers = [rng.choice(org)]
        if kind == vocab.TalkKind.APPOINTMENT and rng.random() < 0.5:
            talkers.append(roles.leader_of(rng, subject))
        place = rng.choice(("县委组织部谈话室", "县委组织部会议室", "县委组织部小会议室"))
    elif kind == vocab.TalkKind.YOUTH_CLASS:
        talkers = [rng.choice(roles.school if rng.random() < 0.5 else org)]
        place = rng.choice(("县委党校会议室", "县委组织部谈话室"))
    elif kind == vocab.TalkKind.ADMONITION:
        talkers = [rng.choice(roles.discipline), rng.choice(org)]
        place = rng.choice(("县纪委监委谈话室", "县委组织部谈话室"))
    elif kind == vocab.TalkKind.INSPECTION:
        talkers = [rng.choice(org)]
        place = f"{unit}{rng.choice(('会议室', '小会议室'))}"
    elif kind == vocab.TalkKind.REMINDER and rng.random() < 0.4:
        talkers = [rng.choice(roles.discipline)]
        place = "县纪委监委谈话室"
    else:  # routine talks and most reminders: the cadre's own unit leader
        talkers = [roles.leader_of(rng, subject)]
        office = "党委书记办公室" if subject.unit.profile == "town" else "党组书记办公室"
        place = f"{unit}{rng.choice(('会议室', office, '小会议室'))}"
        in_unit = True
    talkers = list(dict.fromkeys(talkers))
    v1, v2 = rng.sample(VILLAGE_STEMS, 2)
    slots = textgen.Slots(
        name="、".join(s.name for s in subjects),
        post=subject.post,
        unit=unit,
        year=at.year,
        leader=talkers[0].label,
        mentor=talkers[0].name[0] + "书记",
        town=rng.choice(world.county.towns),
        village=v1 + "村",
        village2=v2 + "村",
        colleague="同事",
    )
    slots["class_name"] = textgen.class_name(rng, slots)
    texts = textgen.talk(rng, slots, kind, int(rng.lognormvariate(6.2, 0.35)))
    talk_id = writer.add(
        "talk",
        {
            "talk_at": at,
            "place": place,
            "kind": kind,
            "talkers": "、".join(t.name for t in talkers),
            "recorder": roles.recorder(rng, subject, in_unit),
            "outline": texts.outline,
            "content": texts.content,
            "statement": texts.statement,
            "archived_at": None,
        },
        at=local(at.date(), at.hour, at.minute),
    )
    for position, s in enumerate(subjects):
        writer.add(
            "talk_subject",
            {"talk_id": talk_id, "cadre_id": s.id, "position": position},
            at=local(at.date(), 18),
        )
    serious = kind in (vocab.TalkKind.REMINDER, vocab.TalkKind.ADMONITION)
    if not serious and rng.random() > (0.3 if kind == vocab.TalkKind.APPOINTMENT else 0.1):
        return
    for position, action in enumerate(texts.follow_ups):
        due = at.date() + dt.timedelta(days=rng.choice((15, 30, 30, 60, 90)))
        done: dt.date | None = None
        if due <= today:
            if rng.random() < 0.5 + 0.5 * (today - due).days / CLOSED_AFTER_DAYS:  # always when old
                # Mostly a few days before the due date, now and then a few days late.
                near = due + dt.timedelta(days=rng.randint(-10, 3))
                done = min(today, max(at.date(), near))
        elif rng.random() < 0.25:
            done = at.date() + dt.timedelta(days=rng.randint(0, max(0, (today - at.date()).days)))
        owner = subject.name if serious and position == 0 else rng.choice(roles.org_staff)
        writer.add(
            "talk_follow_up",
            {
                "talk_id": talk_id,
                "action": action,
                "owner": owner,
                "due_date": due,
                "done_date": done,
                "position": position,
                "archived_at": None,
            },
            at=local(at.date(), 18),
        )
