"""Two processes importing the same roster, folder of forms or package at once: everyone is added once,
the loser says why (or finds nothing new), and nobody prints a traceback (issue 9, hostile item 2)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.test_cli import ROOT, run
from tests.integration.test_import_races import write_roster


def _both(data: Path, *args: str) -> list[subprocess.CompletedProcess[str]]:
    """Start the same command twice at the same moment and wait for both."""
    env = {**os.environ, "CADRE_DESK_DATA_DIR": str(data), "PYTHONIOENCODING": "utf-8"}
    procs = [
        subprocess.Popen(
            [sys.executable, str(ROOT / "main.py"), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env=env,
        )
        for _ in range(2)
    ]
    done = []
    for p in procs:
        out, err = p.communicate(timeout=600)
        done.append(subprocess.CompletedProcess(p.args, p.returncode, out, err))
    for proc in done:
        assert "Traceback" not in proc.stderr, proc.stderr
        assert proc.returncode in (0, 1), proc.stderr
        if proc.returncode == 1:
            assert "错误：" in proc.stderr
    assert any(p.returncode == 0 for p in done), [p.stderr for p in done]
    return done


def _stats(db: str, data: Path) -> dict[str, int]:
    return json.loads(run("--db", db, "stats", "--json", data_dir=data).stdout)  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """A roster of 1,000 cadres without ID numbers, and a database holding them (the writer holds the
    lock for a few seconds at most, well inside the busy timeout of the waiting process)."""
    base = tmp_path_factory.mktemp("races")
    data, db = base / "data", str(base / "source.db")
    path = write_roster(base / "r.xlsx", 1000)
    run("--db", db, "init", data_dir=data)
    run("--db", db, "import-roster", str(path), data_dir=data)
    return base, path, Path(db)


def test_two_roster_imports_at_once(filled: tuple[Path, Path, Path], tmp_path: Path) -> None:
    _base, path, _db = filled
    db, data = str(tmp_path / "a.db"), tmp_path / "data"
    run("--db", db, "init", data_dir=data)
    _both(data, "--db", db, "import-roster", str(path))
    assert _stats(db, data)["cadre"] == 1000


def test_two_form_folder_imports_at_once(filled: tuple[Path, Path, Path], tmp_path: Path) -> None:
    _base, _path, source = filled
    data = tmp_path / "data"
    folder = tmp_path / "forms"
    run("--db", str(source), "export-lrmx", *map(str, range(1, 301)), "-o", str(folder), data_dir=data)
    db = str(tmp_path / "a.db")
    run("--db", db, "init", data_dir=data)
    _both(data, "--db", db, "import-lrmx", str(folder))
    assert _stats(db, data)["cadre"] == 300


def test_two_package_imports_at_once(filled: tuple[Path, Path, Path], tmp_path: Path) -> None:
    _base, _path, source = filled
    data = tmp_path / "data"
    ids = map(str, range(1, 301))
    run("--db", str(source), "export-package", *ids, "-o", str(tmp_path / "p.zip"), data_dir=data)
    db = str(tmp_path / "a.db")
    run("--db", db, "init", data_dir=data)
    _both(data, "--db", db, "import-package", str(tmp_path / "p.zip"))
    stats = _stats(db, data)
    assert stats["cadre"] == 300 and stats["unit"] == 1
