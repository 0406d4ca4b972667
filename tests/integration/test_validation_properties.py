"""Anything the services accept is stored and read back equal, on SQLite and on PostgreSQL.

Generated inputs mix valid values, other spellings of codes, unknown codes, over-long and odd text
(control characters, every script): what the service refuses changes nothing, what it accepts comes
back from a fresh read exactly as the service said it stored it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from contextlib import AbstractContextManager as ContextManager
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cadre_desk.domain import vocab
from cadre_desk.errors import ValidationError
from cadre_desk.services import cadre_records as cr
from cadre_desk.services import cadres, verification
from cadre_desk.services.context import ServiceContext
from cadre_desk.transfer import importing
from cadre_desk.transfer.model import CadreData

SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

odd_text = st.text(
    alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs", "Cc")), max_size=70
)


def text_up_to(n: int) -> st.SearchStrategy[str]:
    return st.one_of(st.text(max_size=n), odd_text, st.just("某" * (n + 1)), st.just("某" * n))


def code(list_name: str) -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(vocab.code_list(list_name)),
        st.sampled_from(("民盟", "九三", "中国致公党党员", "本科", "正科", "汉", "身体健康", "男性")),
        st.text(max_size=25),
    )


inputs = st.builds(
    cadres.CadreInput,
    name=st.one_of(
        st.text(min_size=1, max_size=55), st.sampled_from(("张三", "欧阳志远", "阿卜杜拉·买买提"))
    ),
    gender=code("gender"),
    birth=st.sampled_from(("1985.03", "1970.1", "199001", "1985年3月", "1800.01", "2200.01", "abc")),
    ethnicity=code("ethnicity"),
    native_place=text_up_to(50),
    birthplace=text_up_to(50),
    political_status=code("political_status"),
    health=code("health"),
    fulltime_education=code("education"),
    fulltime_degree=code("degree"),
    post=text_up_to(1000),
    rank=code("rank"),
    phone=st.one_of(st.from_regex(r"\A1[3-9]\d{9}\Z"), st.text(max_size=40)),
    notes=st.text(max_size=200),
)
family = st.builds(
    cr.FamilyMemberInput,
    relation=st.one_of(st.sampled_from(vocab.RELATIONS), st.text(max_size=22)),
    name=text_up_to(50),
    birth=st.sampled_from((None, "1960.05", "1960.13")),
    political_status=code("political_status"),
    employer_post=text_up_to(200),
)


def _accepted(call: Callable[[], Any]) -> Any:
    try:
        return call()
    except ValidationError:
        return None


def test_what_the_services_accept_is_stored_and_read_back_equal(
    fresh_ctx: Callable[[], ContextManager[ServiceContext]],
) -> None:
    with fresh_ctx() as ctx:

        @SETTINGS
        @given(data=inputs, members=st.lists(family, max_size=3))
        def check(data: cadres.CadreInput, members: list[cr.FamilyMemberInput]) -> None:
            before = cadres.count_cadres(ctx)
            view = _accepted(lambda: cadres.create_cadre(ctx, data))
            if view is None:
                assert cadres.count_cadres(ctx) == before
                return
            again = cadres.get_cadre(ctx, view.id)
            assert again == view
            for name in ("native_place", "birthplace", "post", "phone", "notes"):
                assert getattr(again, name) == getattr(data, name).strip()
            for name in ("political_status", "ethnicity", "health", "rank", "gender"):
                value = getattr(again, name)
                assert value == "" or value in vocab.code_list("gender" if name == "gender" else name)
            saved = _accepted(lambda: cr.save_family(ctx, view.id, members, again.version))
            profile = cr.get_profile(ctx, view.id)
            if saved is None:
                assert profile.family == ()
            else:
                assert profile.family == saved.family
                assert [m.name for m in profile.family] == [m.name.strip() for m in members]

        check()


def test_what_an_import_accepts_is_stored_and_read_back_equal(
    fresh_ctx: Callable[[], ContextManager[ServiceContext]],
) -> None:
    """The same through the import entry point (what rosters and forms go through): values with
    problems are taken in as written, cut to their columns, and read back as planned."""
    with fresh_ctx() as ctx:

        @SETTINGS
        @given(data=inputs)
        def check(data: cadres.CadreInput) -> None:
            before = cadres.count_cadres(ctx)
            values = {f.name: getattr(data, f.name) for f in dataclasses.fields(data)}
            plan = importing.plan_import(ctx, [("行1", CadreData(values=values))], "测试")
            if plan.rejected:
                assert plan.items == ()
                return
            (item,) = plan.items
            result = importing.apply_plan(ctx, plan)
            assert cadres.count_cadres(ctx) == before + (item.action == "create")
            view = cadres.get_cadre(ctx, result.cadre_ids[0])
            for name, value in item.values.items():
                assert getattr(view, name) == ("" if name == "id_number" and value is None else value), name
            stored = {p.field for p in verification.get_problems(ctx, view.id)}
            assert stored == {p.field for p in item.problems}

        check()
