"""Pinyin initials of a name (`张三` → `zs`), for searching names by their initials.

pypinyin is imported on first use: its dictionaries take some 55 MB and 0.15 s to load, which a
session that only reads (initials are stored with each cadre) never needs.
"""

from __future__ import annotations

from functools import cache

# Surnames whose reading differs from the character's most common one.
_SURNAME_READINGS = {
    "单": "s",
    "解": "x",
    "仇": "q",
    "区": "o",
    "朴": "p",
    "查": "z",
    "曾": "z",
    "尉": "y",
    "盖": "g",
    "覃": "q",
    "翟": "z",
    "乐": "y",
    "缪": "m",
    "召": "s",
    "员": "y",
    "长": "c",
    "重": "c",
}


def _keep_as_is(chars: str) -> list[str]:
    return list(chars)


def initials(name: str) -> str:
    """Lower-case initials of every Han character; other characters are kept as they are."""
    if not name:
        return ""
    from pypinyin import Style, lazy_pinyin  # large: see the module notes

    letters = lazy_pinyin(name, style=Style.FIRST_LETTER, errors=_keep_as_is)  # type: ignore[arg-type]  # pypinyin accepts list results
    result = [str(letter)[:1].lower() for letter in letters if letter]
    if name[0] in _SURNAME_READINGS and result:
        result[0] = _SURNAME_READINGS[name[0]]
    return "".join(result)


@cache
def full(name: str) -> str:
    """The full pinyin of a name (`zhang san`), computed once per distinct name (the roster sorts by it)."""
    from pypinyin import lazy_pinyin  # large: see the module notes

    return " ".join(lazy_pinyin(name))
