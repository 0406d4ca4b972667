"""The wheel as a user with Python meets it: built, installed with its dependencies into a fresh
virtual environment from a local wheelhouse (no index), then it prints a form with embedded fonts and
speaks Chinese, finding its fonts and translations inside the installed package."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.build_lock import building_the_checkout

ROOT = Path(__file__).resolve().parents[2]
# Shared with `make dist`: the dependencies' wheels, downloaded once (pip's cache makes it quick).
WHEELHOUSE = ROOT / "build" / "wheelhouse"


def _run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    proc = subprocess.run(
        cmd, cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", timeout=600, check=False
    )
    assert proc.returncode == 0, f"{cmd}\n{proc.stdout}\n{proc.stderr}"
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv holding the wheel of this checkout; returns its bin/ folder."""
    base = tmp_path_factory.mktemp("wheel")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    with building_the_checkout():
        _run([*pip, "wheel", "--no-deps", "-q", "-w", str(base / "dist"), str(ROOT)], cwd=base)
        (wheel,) = (base / "dist").glob("cadre_desk-*.whl")
        _run([*pip, "download", "-q", "-d", str(WHEELHOUSE), str(wheel)], cwd=base)
    venv = base / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], cwd=base)
    bin_dir = venv / "bin"
    install = [str(bin_dir / "python"), "-m", "pip", "install", "-q", "--no-compile"]
    _run([*install, "--no-index", "--find-links", str(WHEELHOUSE), str(wheel)], cwd=base)
    return bin_dir


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "CADRE_DESK_DB"}}
    env.update(CADRE_DESK_DATA_DIR=str(tmp_path / "data"), QT_QPA_PLATFORM="offscreen")
    return env


def test_installed_wheel_prints_a_form_with_embedded_fonts(installed: Path, tmp_path: Path) -> None:
    env = _env(tmp_path)
    where = _run(
        [str(installed / "python"), "-c", "import cadre_desk.paths as p; print(p.font_path('x'))"],
        cwd=tmp_path,
        env=env,
    )
    assert where.startswith(str(installed.parent)), where  # the venv's copy, not this checkout
    requires = _run(
        [str(installed / "python"), "-c", "import importlib.metadata as m; print(m.requires('cadre-desk'))"],
        cwd=tmp_path,
        env=env,
    )
    assert "pypdf" in requires and 'psycopg[binary]<4,>=3.1; extra == "postgresql"' in requires, requires
    cli = str(installed / "cadre-desk")
    _run([cli, "init"], cwd=tmp_path, env=env)
    _run([cli, "demo", "--cadres", "3", "--seed", "5"], cwd=tmp_path, env=env)
    pdf = tmp_path / "form.pdf"
    out = _run([cli, "dossier", "form", "1", "-o", str(pdf)], cwd=tmp_path, env=env)
    assert "干部任免审批表" in out
    fonts = _run(["pdffonts", str(pdf)], cwd=tmp_path).splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts  # the "emb" column
    assert all(re.match(r"[A-Z]{6}\+", line) for line in fonts), fonts  # embedded as subsets
    assert any("BousungEG" in line for line in fonts)  # AR PL SungtiL GB (the form's Song face) in the wheel
    text = _run(["pdftotext", "-layout", str(pdf), "-"], cwd=tmp_path)
    assert "干部任免审批表" in "".join(text.split())  # the title is letter-spaced


def test_installed_wheel_speaks_chinese(installed: Path, tmp_path: Path) -> None:
    code = (
        "from PySide6.QtCore import QCoreApplication\n"
        "from cadre_desk.ui.shell import i18n\n"
        "app = QCoreApplication([])\n"
        "assert i18n.install_translators(app, 'zh_CN')\n"
        "print(QCoreApplication.translate('BatchOptionsDialog', 'Batch print'))\n"
    )
    out = _run([str(installed / "python"), "-c", code], cwd=tmp_path, env=_env(tmp_path))
    assert out.strip() == "批量打印"
