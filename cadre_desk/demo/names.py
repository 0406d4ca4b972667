"""Personal names: surnames weighted by frequency, given names by generation and sex, rare characters."""

from __future__ import annotations

import itertools
import random

# (surname, relative frequency): roughly the national shares in per mille; compound surnames are rare.
_SURNAMES: tuple[tuple[str, float], ...] = (
    ("王", 71), ("李", 70), ("张", 67), ("刘", 54), ("陈", 46), ("杨", 31), ("黄", 22), ("赵", 20),
    ("吴", 20), ("周", 19), ("徐", 15), ("孙", 15), ("马", 14), ("朱", 13), ("胡", 13), ("郭", 11),
    ("何", 11), ("高", 10), ("林", 10), ("罗", 9), ("郑", 9), ("梁", 8), ("谢", 8), ("宋", 7),
    ("唐", 7), ("许", 7), ("韩", 7), ("冯", 7), ("邓", 7), ("曹", 6), ("彭", 6), ("曾", 6),
    ("肖", 6), ("田", 6), ("董", 5), ("袁", 5), ("潘", 5), ("于", 5), ("蒋", 5), ("蔡", 5),
    ("余", 5), ("杜", 5), ("叶", 5), ("程", 5), ("苏", 4), ("魏", 4), ("吕", 4), ("丁", 4),
    ("任", 4), ("沈", 4), ("姚", 4), ("卢", 4), ("姜", 4), ("崔", 4), ("钟", 4), ("谭", 4),
    ("陆", 3), ("汪", 3), ("范", 3), ("金", 3), ("石", 3), ("廖", 3), ("贾", 3), ("夏", 3),
    ("韦", 3), ("付", 3), ("方", 3), ("白", 3), ("邹", 3), ("孟", 3), ("熊", 3), ("秦", 3),
    ("邱", 3), ("江", 3), ("尹", 3), ("薛", 2), ("闫", 2), ("段", 2), ("雷", 2), ("侯", 2),
    ("龙", 2), ("史", 2), ("陶", 2), ("黎", 2), ("贺", 2), ("顾", 2), ("毛", 2), ("郝", 2),
    ("龚", 2), ("邵", 2), ("万", 2), ("钱", 2), ("严", 2), ("覃", 2), ("武", 2), ("戴", 2),
    ("莫", 2), ("孔", 2), ("向", 2), ("汤", 2), ("易", 1.5), ("常", 1.5), ("温", 1.5),
    ("康", 1.5), ("施", 1.2), ("文", 1.2), ("牛", 1.2), ("樊", 1.2), ("葛", 1.2), ("邢", 1.1),
    ("安", 1), ("齐", 1), ("伍", 1), ("庞", 1), ("颜", 1), ("倪", 1), ("聂", 1), ("章", 1),
    ("鲁", 0.9), ("岳", 0.9), ("翟", 0.8), ("殷", 0.8), ("詹", 0.8), ("申", 0.8), ("欧", 0.7),
    ("耿", 0.7), ("关", 0.7), ("兰", 0.7), ("焦", 0.7), ("俞", 0.7), ("左", 0.6), ("柳", 0.6),
    ("甘", 0.6), ("祝", 0.6), ("包", 0.6), ("宁", 0.5), ("尚", 0.5), ("符", 0.5), ("舒", 0.5),
    ("阮", 0.5), ("柯", 0.5), ("纪", 0.5), ("梅", 0.5), ("童", 0.5), ("凌", 0.4), ("毕", 0.4),
    ("单", 0.4), ("解", 0.3), ("查", 0.3), ("缪", 0.3), ("仇", 0.2), ("曲", 0.3), ("滕", 0.3),
    ("欧阳", 0.3), ("司马", 0.05), ("上官", 0.05), ("诸葛", 0.04), ("皇甫", 0.03), ("东方", 0.03),
)  # fmt: skip

# Given-name characters by the era of birth and by sex; the last pools are shared.
_MALE_OLD = "建国军华平明伟强志勇刚文斌林成东海春光荣德福贵兴庆忠卫红兵"
_MALE_MID = "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宁凯俊峰亮健永晓成新龙江兵鸿勋栋良宏雄"
_MALE_NEW = "浩宇轩睿泽晨铭锐森旭阳毅诚彬哲远航然翔博昊俊凯鹏飞文天子一嘉思宇瑞琪煜瀚"
_FEMALE_OLD = "秀英桂芳玉兰凤珍淑华红梅丽霞萍琴翠云美金香春"
_FEMALE_MID = "芳娜敏静丽艳娟霞秀玲婷燕红梅琳颖倩雪慧莉萍蓉洁琴云莹晶丹蕾薇红"
_FEMALE_NEW = "瑶璐欣悦怡佳思雨涵妍彤薇梓萱诗琪雅婧可馨若琳宁心语晨钰菲"
_RARE = "堃喆昇燊翀珺玥祎淼犇垚焱玮琰瑄昶晔旻赟頔彧弢"
_VERY_RARE = "㛃䶮"  # CJK Extension A: needs the fallback font in PDFs

# Whole given names typical of a generation (建国, 卫东 …), used now and then instead of free pairs.
_OLD_MALE_NAMES = ("建国", "卫东", "国庆", "建军", "志强", "永红", "建华", "卫国", "立新", "跃进")
_OLD_FEMALE_NAMES = ("秀英", "桂芳", "红梅", "丽华", "玉兰", "凤英", "淑珍", "美玲", "春燕", "海燕")
_NEW_NAMES = ("子涵", "梓轩", "浩然", "欣怡", "雨轩", "一诺", "思远", "子墨", "若汐", "嘉怡")

_SURNAME_LIST = tuple(s for s, _w in _SURNAMES)
_SURNAME_CUM = tuple(itertools.accumulate(w for _s, w in _SURNAMES))


def surname(rng: random.Random) -> str:
    return rng.choices(_SURNAME_LIST, cum_weights=_SURNAME_CUM)[0]


def _pool(birth_year: int, male: bool) -> str:
    if birth_year < 1972:
        return _MALE_OLD + _MALE_MID[:12] if male else _FEMALE_OLD + _FEMALE_MID[:10]
    if birth_year < 1990:
        return _MALE_MID + _MALE_NEW[:8] if male else _FEMALE_MID + _FEMALE_NEW[:6]
    return _MALE_NEW + _MALE_MID[:10] if male else _FEMALE_NEW + _FEMALE_MID[:10]


def given_name(rng: random.Random, birth_year: int, male: bool) -> str:
    roll = rng.random()
    if roll < 0.004:
        return rng.choice(_VERY_RARE) + rng.choice(_pool(birth_year, male))
    if roll < 0.03:
        rare = rng.choice(_RARE)
        return rare if rng.random() < 0.4 else rng.choice(_pool(birth_year, male)) + rare
    if roll < 0.06:
        if birth_year < 1972:
            return rng.choice(_OLD_MALE_NAMES if male else _OLD_FEMALE_NAMES)
        if birth_year >= 1992:
            return rng.choice(_NEW_NAMES)
    pool = _pool(birth_year, male)
    single = 0.3 if birth_year < 1995 else 0.12
    if rng.random() < single:
        return rng.choice(pool)
    first, second = rng.choice(pool), rng.choice(pool)
    while second == first:
        second = rng.choice(pool)
    return first + second


def full_name(rng: random.Random, birth_year: int, male: bool, family: str | None = None) -> str:
    return (family or surname(rng)) + given_name(rng, birth_year, male)


_COMPOUND = frozenset(s for s, _w in _SURNAMES if len(s) == 2)


def family_name(name: str) -> str:
    """The surname of a full name (compound surnames included)."""
    return name[:2] if name[:2] in _COMPOUND else name[:1]
