"""Exchange packages that are forged, careless or imported twice at once (issue 9, hostile items 2-6)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from cadre_desk import demo
from cadre_desk.db.engine import Database
from cadre_desk.db.models import RECORD_MODELS
from cadre_desk.db.opening import open_database
from cadre_desk.errors import ImportRejected
from cadre_desk.services import mentorship
from cadre_desk.services.context import ServiceContext, open_context
from cadre_desk.transfer import package


@pytest.fixture
def other(tmp_path: Path) -> Iterator[ServiceContext]:
    db = open_database(str(tmp_path / "other.db"), create=True)
    yield open_context(db, "对方")
    db.dispose()


@pytest.fixture
def source(db: Database, ctx: ServiceContext) -> ServiceContext:
    demo.generate(db, cadres=30, seed=5)
    return ctx


def counts(ctx: ServiceContext) -> dict[str, int]:
    with ctx.db.read() as session:
        return {m.__tablename__: int(session.scalar(select(func.count(m.id))) or 0) for m in RECORD_MODELS}


def a_mentee(ctx: ServiceContext) -> int:
    return mentorship.list_mentorships(ctx)[0].mentee_id


def test_the_same_package_planned_twice_before_either_is_written_is_added_once(
    source: ServiceContext, other: ServiceContext, tmp_path: Path
) -> None:
    package.export_package(source, [a_mentee(source)], tmp_path / "p.zip")
    first = package.plan_package(other, tmp_path / "p.zip")
    second = package.plan_package(other, tmp_path / "p.zip")
    package.apply_package(other, first)
    after_first = counts(other)
    with pytest.raises(ImportRejected, match="预览之后本机数据已被修改"):
        package.apply_package(other, second)
    assert counts(other) == after_first
    again = package.plan_package(other, tmp_path / "p.zip")
    assert again.count("new") == 0
