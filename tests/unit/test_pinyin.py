"""Pinyin initials for searching names (`张三` → `zs`), with the surname readings."""

from __future__ import annotations

import pytest

from cadre_desk.domain.pinyin import initials


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("张三", "zs"),
        ("欧阳修", "oyx"),
        ("李晓明", "lxm"),
        ("司马光", "smg"),
        ("王", "w"),
    ],
)
def test_initials(name: str, expected: str) -> None:
    assert initials(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("曾国藩", "zgf"),  # not c (céng)
        ("单雄信", "sxx"),  # not d (dān)
        ("解缙", "xj"),  # not j (jiě)
        ("曾", "z"),
        ("单", "s"),
        ("解", "x"),
        ("仇英", "qy"),
        ("区志明", "ozm"),
    ],
)
def test_polyphonic_surnames(name: str, expected: str) -> None:
    assert initials(name) == expected


def test_surname_reading_only_for_the_first_character() -> None:
    assert initials("李单") == "ld"  # 单 in a given name reads dān
    assert initials("王曾") == "wc"  # 曾 in a given name reads céng


def test_empty_and_non_han() -> None:
    assert initials("") == ""
    assert initials("张3") == "z3"
    assert initials("张三").islower()
