"""A small county of known composition for the structure analysis tests (SQLite, PostgreSQL, CLI).

Ages at the reference date 2026.12.06 are 2026 − birth year. What every figure must be is worked out
by hand in the tests that use it.
"""

from __future__ import annotations

from dataclasses import dataclass

from cadre_desk.services import cadres, teams, units
from cadre_desk.services.context import ServiceContext

REFERENCE = "2026.12.06"

UNITS = (  # name, short name, kind, posts (name, level, 职数)
    ("中共某县委员会", "县委", "党委", (("县委书记", "正职", 1), ("县委副书记", "副职", 2))),
    ("某县人民政府", "县政府", "政府", (("县长", "正职", 1), ("副县长", "副职", 2))),
    ("某县青山镇", "青山镇", "乡镇",
     (("党委书记", "正职", 1), ("党委副书记、镇长", "正职", 1), ("副镇长", "副职", 3))),
    ("某县白沙乡", "白沙乡", "乡镇", (("党委书记", "正职", 1), ("副乡长", "副职", 2))),
    ("某县财政局", "财政局", "部门", (("局长", "正职", 1), ("副局长", "副职", 2))),
)  # fmt: skip

# key, name, gender, birth, ethnicity, political status, full-time and in-service education, rank, unit, post
PEOPLE = (
    (
        "A",
        "甲一",
        "男",
        "1970.05",
        "汉族",
        "中共党员",
        "大学",
        "中央党校研究生",
        "正处级",
        "县委",
        "县委书记",
    ),
    ("B", "乙二", "女", "1975.03", "汉族", "中共党员", "大学", "", "副处级", "县委", "县委副书记"),
    ("C", "丙三", "男", "1978.11", "汉族", "中共党员", "研究生", "", "正处级", "县政府", "县长"),
    ("D", "丁四", "男", "1972.02", "回族", "民盟盟员", "大学", "", "副处级", "县政府", "副县长"),
    ("E", "戊五", "男", "1966.10", "汉族", "中共党员", "大专", "", "副处级", "县政府", "副县长"),
    ("F", "己六", "男", "1992.03", "汉族", "中共党员", "研究生", "", "正科级", "青山镇", "党委书记"),
    ("G", "庚七", "女", "1990.07", "汉族", "中共党员", "大学", "", "正科级", "青山镇", "党委副书记、镇长"),
    ("H", "辛八", "男", "1997.01", "苗族", "中共预备党员", "大学", "", "副科级", "青山镇", "副镇长"),
    (
        "I",
        "壬九",
        "女",
        "1985.12",
        "汉族",
        "无党派人士",
        "大专",
        "省委党校大学",
        "副科级",
        "青山镇",
        "副镇长",
    ),
    ("J", "癸十", "男", "1980.04", "汉族", "中共党员", "大学", "", "正科级", "白沙乡", "党委书记"),
    ("K", "子丑", "男", "1988.09", "汉族", "群众", "中专", "", "副科级", "白沙乡", "副乡长"),
    ("L", "寅卯", "男", "1968.01", "汉族", "中共党员", "大学", "", "正科级", "财政局", "局长"),
    ("M", "辰巳", "女", "1991.06", "汉族", "中共党员", "研究生", "", "副科级", "财政局", "副局长"),
    ("N", "午未", "男", "1994.02", "汉族", "共青团员", "大学", "", "副科级", "财政局", "副局长"),
    ("O", "申酉", "女", "1999.05", "汉族", "共青团员", "大学", "", "科员", "青山镇", ""),
    ("P", "戌亥", "女", "1971.08", "壮族", "中共党员", "", "大专", "一级主任科员", "财政局", ""),
    ("Q", "东方", "男", "1986.05", "汉族", "中共党员", "大学", "", "一级主任科员", "", ""),
)


@dataclass(frozen=True)
class County:
    unit_ids: dict[str, int]  # short name -> id
    cadre_ids: dict[str, int]  # key -> id

    def ids(self, keys: str) -> list[int]:
        return sorted(self.cadre_ids[k] for k in keys)


def build(ctx: ServiceContext) -> County:
    unit_ids: dict[str, int] = {}
    post_ids: dict[tuple[str, str], int] = {}
    for name, short, kind, posts in UNITS:
        unit = units.create_unit(ctx, units.UnitInput(name=name, short_name=short, kind=kind))
        unit_ids[short] = unit.id
        for post, level, slots in posts:
            post_ids[(short, post)] = teams.add_post(ctx, unit.id, teams.PostInput(post, level, slots)).id
    cadre_ids: dict[str, int] = {}
    for key, name, gender, birth, ethnicity, political, ft, ins, rank, unit_short, post in PEOPLE:
        cadre = cadres.create_cadre(
            ctx,
            cadres.CadreInput(
                name=name,
                gender=gender,
                birth=birth,
                ethnicity=ethnicity,
                political_status=political,
                fulltime_education=ft,
                inservice_education=ins,
                rank=rank,
                unit_id=unit_ids.get(unit_short),
                post=f"{unit_short}{post}" if post else "",
            ),
        )
        cadre_ids[key] = cadre.id
        if post:
            teams.add_member(ctx, post_ids[(unit_short, post)], cadre.id, "2022.01")
    return County(unit_ids, cadre_ids)
