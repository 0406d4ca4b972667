"""Generated cadres through the database: a .lrmx file is imported, the cadre exported again, and the
file comes back element by element; on SQLite and (when a server is given) on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from contextlib import AbstractContextManager as ContextManager
from pathlib import Path

from hypothesis import given, settings

from cadre_desk.services import cadre_records, cadres, retirement
from cadre_desk.services.context import ServiceContext
from cadre_desk.transfer import forms, formtext, importing, lrmx
from tests.unit.test_parsers_properties import FAST
from tests.unit.test_parsers_properties import cadres as generated_cadres


def test_generated_cadres_round_trip_through_the_database(
    fresh_ctx: Callable[[], ContextManager[ServiceContext]], tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()

    @settings(FAST, max_examples=12)
    @given(view=generated_cadres())
    def check(view: lrmx.ModelView) -> None:
        with fresh_ctx() as ctx:
            round_trip(ctx, view)

    def round_trip(ctx: ServiceContext, view: lrmx.ModelView) -> None:
        original = lrmx.write_lrmx(view, dt.date(2025, 5, 1))
        path = folder / f"{uuid.uuid4().hex}.lrmx"
        path.write_bytes(original)
        plan = forms.plan_files(ctx, [path])
        assert plan.rejected == (), plan.rejected
        result = importing.apply_plan(ctx, plan)
        (cid,) = result.cadre_ids
        exported = forms.form_bytes(ctx, cid)
        # a form that leaves the 到龄 fields blank gets them computed on export (issue 13); all else equal
        computed = {
            "DaoLingNianYue": formtext.compact(retirement.get_retirement(ctx, cid).month),
            "GaiGeQianRenZhiNianLingJieXian": retirement.post_age_limit_text(
                retirement.get_post_age_limit(ctx, cid), retirement.get_retirement(ctx, cid).original_age
            ),
        }
        expected = [
            (tag, computed[tag] if tag in computed and not text else text, rows)
            for tag, text, rows in lrmx.elements(original)
        ]
        assert lrmx.elements(exported) == expected
        profile = cadre_records.get_profile(ctx, cid)
        assert profile.cadre.name == view.values["name"]
        assert profile.cadre.id_number == view.values["id_number"]
        assert len(profile.resume) == len(view.resume)
        assert [e.text for e in profile.resume] == [e.text for e in view.resume]
        assert [len(e.concurrent) for e in profile.resume] == [len(e.concurrent) for e in view.resume]
        assert [f.name for f in profile.family] == [f.name for f in view.family]
        photo = cadres.get_photo(ctx, cid)
        assert (photo[0] if photo else None) == view.photo
        # and the same file again is matched and changes nothing
        again = forms.plan_files(ctx, [path])
        assert [i.action for i in again.items] == ["unchanged"], again.items[0].changes

    check()


def test_blank_health_and_ethnicity_come_back_blank(
    fresh_ctx: Callable[[], ContextManager[ServiceContext]], tmp_path: Path
) -> None:
    """Regression: a form with 民族 / 健康状况 left blank was exported with 汉族 / 健康 filled in."""
    fixture = Path(__file__).parents[1] / "fixtures" / "lrmx" / "filled_compact.lrmx"
    original = (
        fixture.read_text(encoding="utf-8")
        .replace("<MinZu>汉族</MinZu>", "<MinZu></MinZu>")
        .replace(
            "<JianKangZhuangKuang>健康</JianKangZhuangKuang>", "<JianKangZhuangKuang></JianKangZhuangKuang>"
        )
    )
    path = tmp_path / "blank.lrmx"
    path.write_text(original, encoding="utf-8")
    with fresh_ctx() as ctx:
        (cid,) = importing.apply_plan(ctx, forms.plan_files(ctx, [path])).cadre_ids
        view = cadres.get_cadre(ctx, cid)
        assert (view.ethnicity, view.health) == ("", "")
        assert lrmx.elements(forms.form_bytes(ctx, cid)) == lrmx.elements(original.encode("utf-8"))
