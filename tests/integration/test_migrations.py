"""Migrations: empty → head builds exactly the models' schema; downgrade and upgrade again work."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from cadre_desk.db import migrate
from cadre_desk.db.models import Base


def test_empty_to_head_matches_the_models(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'm.db'}")
    with engine.begin() as conn:
        migrate.upgrade(conn)
    with engine.connect() as conn:
        assert migrate.current_revision(conn) == migrate.head_revision()
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
        tables = set(inspect(conn).get_table_names())
    # FTS5 virtual tables are not in the models; everything else must match exactly.
    assert [d for d in diff if "search_fts" not in str(d)] == []
    assert {"search_fts_tri", "search_fts_bi"} <= tables
    engine.dispose()


def test_downgrade_to_base_and_back(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'm.db'}")
    with engine.begin() as conn:
        migrate.upgrade(conn)
    from alembic import command

    with engine.begin() as conn:
        command.downgrade(migrate.alembic_config(conn), "base")
    with engine.connect() as conn:
        assert set(inspect(conn).get_table_names()) <= {"alembic_version"}
    with engine.begin() as conn:
        migrate.upgrade(conn)
    with engine.connect() as conn:
        assert migrate.current_revision(conn) == migrate.head_revision()
    engine.dispose()


def test_the_revision_list_is_alembics_history() -> None:
    """migrate.REVISIONS spares every start Alembic's import; it must list the migrations folder."""
    walked = [rev.revision for rev in migrate.script_directory().walk_revisions()]
    assert tuple(reversed(walked)) == migrate.REVISIONS
    assert migrate.script_directory().get_current_head() == migrate.head_revision()


def test_opening_an_up_to_date_database_does_not_import_alembic(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    db = tmp_path / "fresh.db"
    code = (
        "import sys\n"
        "from cadre_desk.db.opening import open_database\n"
        f"open_database({str(db)!r}).dispose()\n"  # creates and migrates: Alembic is needed
        "for name in [m for m in sys.modules if m.split('.')[0] == 'alembic']: del sys.modules[name]\n"
        f"open_database({str(db)!r}).dispose()\n"
        "print(any(m.split('.')[0] == 'alembic' for m in sys.modules))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        env={**os.environ, "CADRE_DESK_DATA_DIR": str(tmp_path)},
    )
    assert proc.stdout.strip() == "False"


def test_0006_upgrades_a_0005_database_with_its_search_index(tmp_path: Path) -> None:
    """The kind index is added to a database of the previous schema without touching its documents."""
    from cadre_desk.db import search_index
    from cadre_desk.db.opening import open_database

    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        migrate.upgrade(conn, "0005")
    engine.dispose()
    db = open_database(str(path))  # backs up, then upgrades to head
    try:
        with db.uow() as session:
            search_index.put(session, "diary", 1, "2024-01-02", "", "乡村振兴")
            search_index.put(session, "talk", 2, "2024-01-03", "", "乡村振兴")
        with db.read() as session:
            rows = search_index.query(session, ["乡村振兴"], kinds=["diary"])
        assert [(r.kind, r.ref_id) for r in rows] == [("diary", 1)]
        with db.engine.connect() as conn:
            assert "ix_search_doc_kind_id" in {i["name"] for i in inspect(conn).get_indexes("search_doc")}
    finally:
        db.dispose()
