"""The county and its cadres, written with every child record of their profiles."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass

from cadre_desk.demo import records, teams, units
from cadre_desk.demo.people import Person, make_person
from cadre_desk.demo.store import Writer
from cadre_desk.demo.units import County, UnitSpec
from cadre_desk.domain.pinyin import initials

Progress = Callable[[str, int, int], None]
CHINA = dt.timezone(dt.timedelta(hours=8))


def local(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """A wall-clock moment in the county (UTC+8) as the aware datetime the UTC columns take."""
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=CHINA)


@dataclass
class World:
    county: County
    unit_ids: dict[int, int]  # UnitSpec.index -> unit.id
    people: list[Person]


def _choose_units(rng: random.Random, county: County, cadres: int) -> list[int]:
    """How many cadres each unit gets; a small record fills a few units rather than one cadre each."""
    counts = units.allocate(rng, county, cadres)
    if cadres >= 400:
        return counts
    active = max(2, cadres // 7)
    pool = [u for u in county.units if u.profile in ("party", "bureau", "town")]
    organisation = next(u for u in pool if u.short_name == "县委组织部")
    chosen = [organisation.index]
    chosen += [u.index for u in rng.sample(pool, min(len(pool), active)) if u is not organisation]
    chosen = sorted(chosen[:active])
    result = [0] * len(county.units)
    remaining = cadres
    if cadres >= 10:  # the county party secretary heads even a small record
        result[county.units[0].index] = 1
        remaining -= 1
    if cadres >= 150:  # … and the county's four leading teams are there from a middling record on
        for spec in county.units[:4]:
            wanted = len(spec.leading) - result[spec.index]
            result[spec.index] += wanted
            remaining -= wanted
    # A township is bigger than an office (and its 班子 has 11 posts): it takes two shares.
    shares = [i for i in chosen for _ in range(2 if county.units[i].profile == "town" else 1)]
    for i in range(remaining):
        result[shares[i % len(shares)]] += 1
    return result


def build_world(
    writer: Writer, rng: random.Random, cadres: int, today: dt.date, progress: Progress | None
) -> World:
    county = units.build_county(rng, cadres)
    unit_ids: dict[int, int] = {}
    for order, spec in enumerate(county.units):
        parent = unit_ids.get(spec.parent) if spec.parent is not None else None
        unit_ids[spec.index] = writer.add(
            "unit",
            {
                "name": spec.name,
                "short_name": spec.short_name,
                "kind": spec.kind,
                "parent_id": parent,
                "sort_order": (order + 1) * 10,
                "archived_at": None,
            },
        )
    counts = _choose_units(rng, county, cadres)
    slots: list[tuple[UnitSpec, units.Post]] = []
    for spec in county.units:
        slots.extend((spec, post) for post in units.unit_posts(rng, spec, counts[spec.index]))
    slots = teams.fill_teams(county, slots)  # real 班子 within 职数, a few vacancies (issue 14 §6)
    people: list[Person] = []
    used_ids: set[str] = set()
    others = [u for u in county.units if u.profile in ("town", "bureau", "party", "street", "mass")]
    for done, (spec, post) in enumerate(slots, start=1):
        person = make_person(rng, county, spec, post, writer.peek_id("cadre"), today, used_ids)
        _write_cadre(writer, rng, county, person, unit_ids[spec.index], others, today)
        people.append(person)
        if progress is not None and (done % 100 == 0 or done == len(slots)):
            progress("生成干部档案", done, len(slots))
    _write_teams(writer, county, unit_ids, people)
    return World(county, unit_ids, people)


def _write_teams(writer: Writer, county: County, unit_ids: dict[int, int], people: list[Person]) -> None:
    """The 班子 of every unit that has cadres in the record: its posts, and the leaders holding them."""
    holders: dict[tuple[int, str], list[Person]] = {}
    for p in people:
        if p.level >= 2:
            holders.setdefault((p.unit.index, p.post), []).append(p)
    staffed = {p.unit.index for p in people}
    for spec in county.units:
        if spec.index not in staffed:  # a small record leaves some units without cadres
            continue
        for order, post in enumerate(units.team_posts(spec), start=1):
            post_id = writer.add(
                "team_post",
                {
                    "unit_id": unit_ids[spec.index],
                    "name": post.name,
                    "level": "正职" if post.chief else "副职",
                    "slots": post.slots,
                    "sort_order": order * 10,
                    "archived_at": None,
                },
            )
            for p in holders.get((spec.index, post.text), [])[: post.slots]:
                writer.add(
                    "team_member",
                    {
                        "post_id": post_id,
                        "cadre_id": p.id,
                        "since": p.post_since,
                        "until": None,
                        "archived_at": None,
                    },
                )


def _child(cadre_id: int, position: int, **values: object) -> dict[str, object]:
    return {"cadre_id": cadre_id, "position": position, "archived_at": None, **values}


def _write_cadre(
    writer: Writer,
    rng: random.Random,
    county: County,
    p: Person,
    unit_id: int,
    others: list[UnitSpec],
    today: dt.date,
) -> None:
    created = local(p.post_since.first_day(), 9) if p.post_since.first_day() < today else local(today, 9)
    created = min(created, local(today, 8))
    cadre_id = writer.add(
        "cadre",
        {
            "name": p.name,
            "name_initials": initials(p.name),
            "gender": "男" if p.male else "女",
            "birth": p.birth,
            "ethnicity": p.ethnicity,
            "native_place": p.native_place,
            "birthplace": p.native_place,
            "political_status": p.political_status,
            "party_join": p.party_join,
            "democratic_party": p.democratic_party,
            "work_start": p.work_start,
            "health": "健康" if rng.random() < 0.9 else "良好",
            "professional_title": "",
            "speciality": p.speciality,
            "fulltime_education": p.fulltime[0],
            "fulltime_degree": p.fulltime[1],
            "fulltime_school": p.fulltime[2],
            "fulltime_degree_school": p.fulltime[3],
            "inservice_education": p.inservice[0],
            "inservice_degree": p.inservice[1],
            "inservice_school": p.inservice[2],
            "inservice_degree_school": p.inservice[3],
            "post": p.post,
            "rank": p.rank,
            "post_since": p.post_since,
            "id_number": p.id_number,
            "unit_id": unit_id,
            "phone": p.phone,
            "notes": "",
            "archived_at": None,
        },
        at=created,
    )
    assert cadre_id == p.id
    lines = records.resume(rng, county, p, others)
    move = records.secondment(rng, county, p, today)
    if move is not None:
        place, post, start, end, kind = move
        writer.add("secondment", _child(cadre_id, 0, place=place, post=post, start=start, end=end, kind=kind))
        for i, line in enumerate(lines):
            if (
                line.parent is None
                and line.start <= start
                and (line.end is None or (end and end <= line.end))
            ):
                span_end = end
                lines.append(records.Line(start, span_end, f"在{place}{post}", i))
                break
    line_ids: list[int] = []
    for position, line in enumerate(lines):
        parent = line_ids[line.parent] if line.parent is not None else None
        line_ids.append(
            writer.add(
                "resume_entry",
                _child(cadre_id, position, start=line.start, end=line.end, text=line.text, parent_id=parent),
            )
        )
    for position, r in enumerate(records.family(rng, county, p, today)):
        writer.add(
            "family_member",
            _child(
                cadre_id,
                position,
                relation=r.relation,
                name=r.name,
                birth=r.birth,
                political_status=r.political_status,
                employer_post=r.employer_post,
                deceased=r.deceased,
            ),
        )
    grades = records.assessments(rng, p, today)
    for position, (year, grade, note) in enumerate(grades):
        writer.add("assessment", _child(cadre_id, position, year=year, grade=grade, notes=note))
    for position, (kind, date, text, issuer) in enumerate(records.rewards(rng, county, p, grades, today)):
        writer.add(
            "reward_or_punishment", _child(cadre_id, position, kind=kind, date=date, text=text, issuer=issuer)
        )
    for position, t in enumerate(records.trainings(rng, county, p, today)):
        name, kind, organiser, start_date, end_date, hours, days, full_time, certificate = t
        writer.add(
            "training",
            _child(
                cadre_id,
                position,
                name=name,
                kind=kind,
                organiser=organiser,
                start_date=start_date,
                end_date=end_date,
                hours=hours,
                days=days,
                full_time=full_time,
                certificate=certificate,
            ),
        )
