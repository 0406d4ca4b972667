"""Without a PostgreSQL server the second-engine tests say so loudly, and with CI set they fail."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_pg_tests(ci: bool) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CADRE_DESK_PG_URL", "CI")}
    if ci:
        env["CI"] = "true"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "tests/integration/test_postgres.py"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.mark.skipif(bool(os.environ.get("CI")), reason="checks the run without CI")
def test_without_a_server_the_skip_is_loud() -> None:
    proc = run_pg_tests(ci=False)
    assert proc.returncode in (0, 5), proc.stdout  # 5: the module skipped whole, nothing collected
    assert "PostgreSQL NOT TESTED" in proc.stdout


def test_with_ci_set_a_missing_server_fails() -> None:
    proc = run_pg_tests(ci=True)
    assert proc.returncode != 0
    assert "CI must run the PostgreSQL tests" in proc.stdout
