"""The bundled program (PyInstaller, what the .deb and the portable archive carry) runs without
Python and without network: `--version`, `init` and a printed form with every font embedded.

The bundle is built by `tools/dist.py --bundle-only` (about two minutes on 2 cores) or reused when its
inputs (the package, setup.cfg, packaging/, tools/dist.py) are unchanged. `make dist-test` goes further:
the .deb and the portable archive in a bare Debian 12 root, the window under Xvfb, an upgrade."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.build_lock import building_the_checkout

# the first test waits for the build (tools/dist.py allows it 1200 s; minutes when the cores are shared)
pytestmark = pytest.mark.timeout(1500)

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "build" / "pyinstaller" / "dist" / "cadre-desk"


def _offline() -> list[str]:
    """A new network namespace: no network at all (root; otherwise as a mapped root user)."""
    return ["unshare", "-n"] if os.geteuid() == 0 else ["unshare", "-r", "-n"]


@pytest.fixture(scope="module")
def program() -> Path:
    with building_the_checkout():
        build = subprocess.run(
            [sys.executable, str(ROOT / "tools" / "dist.py"), "--bundle-only"],
            capture_output=True,
            text=True,
            timeout=1200,
            check=False,
        )
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    return BUNDLE / "cadre-desk"


def _run(program: Path, *args: str, home: Path) -> str:
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        "CADRE_DESK_USER": "demo",  # the demo database's account
        "CADRE_DESK_PASSWORD": "demo",
    }  # no PYTHONPATH, no venv: the bundle must carry everything
    proc = subprocess.run(
        [*_offline(), str(program), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=home,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.stdout


def test_the_bundle_runs_offline(program: Path, tmp_path: Path) -> None:
    home = tmp_path / "家 目录"
    home.mkdir()
    version = _run(program, "--version", home=home)
    from cadre_desk import __version__

    assert version.strip() == f"cadre-desk {__version__}"
    _run(program, "init", home=home)
    database = home / ".local" / "share" / "CadreDesk" / "cadre-desk.db"
    assert database.is_file()  # the user's data folder, not the bundle's
    _run(program, "demo", "--cadres", "3", "--seed", "2", home=home)
    pdf = home / "表.pdf"
    assert "干部任免审批表" in _run(program, "dossier", "form", "1", "-o", str(pdf), home=home)
    fonts = subprocess.run(
        ["pdffonts", str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts
    assert not (BUNDLE / "data").exists()  # not portable: nothing written beside the program
    # Batch printing with spawned workers (as the window and Windows start them): each worker re-runs
    # the bundled executable, which must hand it to multiprocessing (freeze_support) at once.
    out = home / "批量"
    _run(program, "dossier", "batch", "--all", "--kind", "form", "--workers", "2",
         "--start-method", "spawn", "-o", str(out), home=home)  # fmt: skip
    assert len(list(out.glob("*.pdf"))) == 3


def test_the_bundle_carries_qtcharts_with_its_libraries(program: Path) -> None:
    """The 班子结构 page draws with QtCharts: its binding and every Qt library it links (QtOpenGL …)
    are in the bundle, so an offline PC opens the page (nothing resolves outside the bundle)."""
    internal = program.parent / "_internal"
    binding = internal / "PySide6" / "QtCharts.abi3.so"
    assert binding.is_file()
    env = {**os.environ, "LD_LIBRARY_PATH": f"{internal}:{internal / 'PySide6' / 'Qt' / 'lib'}"}
    linked = subprocess.run(["ldd", str(binding)], capture_output=True, text=True, env=env, check=True).stdout
    qt = [line for line in linked.splitlines() if "libQt6" in line]
    assert any("libQt6Charts" in line for line in qt) and any("libQt6OpenGL" in line for line in qt)
    assert all(str(internal) in line for line in qt), qt  # every Qt library from the bundle itself
    assert "not found" not in linked, linked
