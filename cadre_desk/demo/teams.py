"""Real 班子 in the demo county (issue 14 §6): every unit with cadres in the record gets its leading posts
filled within 职数, so that the structure analysis has teams to analyse; a few posts stay vacant.

A unit's share of cadres is drawn first (`units.allocate`); a small record used to make only a few of
them leaders (two fifths of a handful), leaving most 班子 posts empty. Here up to half of the unit's
staff places are turned into its still-free leading posts, in the order the 班子 lists them, without
drawing any random number (the rest of the county is generated as before). Every third unit keeps one
post vacant (缺配), the last free post of its list, so the report finds vacancies too.
"""

from __future__ import annotations

from collections import Counter

from cadre_desk.demo.units import County, Post, UnitSpec


def fill_teams(county: County, slots: list[tuple[UnitSpec, Post]]) -> list[tuple[UnitSpec, Post]]:
    """`slots` with staff places turned into free leading posts of their unit (within 职数)."""
    by_unit: dict[int, list[int]] = {}
    for i, (spec, _post) in enumerate(slots):
        by_unit.setdefault(spec.index, []).append(i)
    out = list(slots)
    for spec in county.units:
        places = by_unit.get(spec.index)
        if not places or spec.profile == "top" or not spec.leading:
            continue
        taken = Counter(out[i][1].text for i in places if out[i][1].level >= 2)
        free: list[Post] = []
        for post in spec.leading:
            if taken[post.text]:
                taken[post.text] -= 1
            else:
                free.append(post)
        if spec.index % 3 == 0 and free:
            free.pop()  # 缺配: the last free post of the list stays vacant
        staff = [i for i in places if out[i][1].level == 0]
        # Half the staff stay staff: the young cadres the pairings and diaries of the demo are about.
        for i, post in zip(staff[: len(staff) // 2], free, strict=False):
            out[i] = (spec, post)
    return out
