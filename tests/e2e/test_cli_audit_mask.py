"""F20 and F23 on the command line, as real processes: `audit list --json` and `audit export` show the
安全审计员 the facts of a cadre's record, not its values (an ID number as 1101**********1237), while an
account that may read the records sees them; `--action` / `--entity` take the codes or the words and
refuse anything else with the valid values (exit 2), instead of an empty list."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import openpyxl
import pytest

from cadre_desk.db.opening import open_database
from cadre_desk.services import accounts
from tests.conftest import make_cadre, ready_account
from tests.e2e.cli_process import run_main

ID = "110101199001011237"
MASKED = "1101**********1237"
PW = {"admin": "Kq7#river-stone", "shenji": "Zt4#quiet-lake", "li": "Pq#clerk-2026", "jian": "Jw#both-2026"}


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "审计.db"
    db = open_database(str(path))
    admin = accounts.set_first_admin(db, "admin", PW["admin"])
    ready_account(admin, "shenji", ["auditor"], PW["shenji"], display_name="审计员")
    ready_account(admin, "li", ["clerk"], PW["li"], display_name="李经办")
    ready_account(admin, "jian", ["clerk", "auditor"], PW["jian"])
    li = accounts.authenticate(db, "li", PW["li"])
    make_cadre(li, "审计看", id_number=ID, birth="1990.01", party_join="2012.05", work_start="2012.07")
    db.dispose()
    return path


def as_user(db: Path, user: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"CADRE_DESK_USER": user, "CADRE_DESK_PASSWORD": PW[user]}
    return run_main("--db", str(db), *args, data_dir=db.parent / "data", env=env)


def test_the_auditor_sees_which_fields_not_their_values(db_path: Path) -> None:
    listed = as_user(db_path, "shenji", "audit", "list", "--entity", "cadre", "--json")
    assert listed.returncode == 0, listed.stderr
    (created,) = json.loads(listed.stdout)
    assert (created["user"], created["action"], created["entity"]) == ("li", "create", "cadre")
    assert created["changes"]["id_number"] == [None, MASKED]
    assert created["changes"]["post"] == [None, "〔已隐去〕"]
    assert ID not in listed.stdout and "干部一科科长" not in listed.stdout

    text = as_user(db_path, "shenji", "audit", "list", "--entity", "干部")
    assert text.returncode == 0 and "干部#" in text.stdout and ID not in text.stdout

    out = db_path.parent / "审计.xlsx"
    assert as_user(db_path, "shenji", "audit", "export", "-o", str(out)).returncode == 0
    cells = [str(c) for row in openpyxl.load_workbook(out).active.iter_rows(values_only=True) for c in row]  # type: ignore[union-attr]
    assert not any(ID in c for c in cells) and any(MASKED in c for c in cells)
    assert any("身份证号" in c for c in cells)  # which field changed: kept

    # an account that may read the records (干部科经办 too) sees the values
    full = json.loads(as_user(db_path, "jian", "audit", "list", "--entity", "cadre", "--json").stdout)
    assert full[0]["changes"]["id_number"] == [None, ID]
    assert full[0]["changes"]["post"] == [None, "干部一科科长"]


def test_filters_take_codes_and_words_and_refuse_the_rest(db_path: Path) -> None:
    by_code = json.loads(as_user(db_path, "shenji", "audit", "list", "--action", "login", "--json").stdout)
    by_word = json.loads(as_user(db_path, "shenji", "audit", "list", "--action", "登录", "--json").stdout)
    assert by_code and len(by_word) == len(by_code) + 1  # the second listing's own sign-in
    assert {e["action"] for e in by_word} == {"login"}

    bad = as_user(db_path, "shenji", "audit", "list", "--action", "nonsense")
    assert bad.returncode == 2 and "nonsense" in bad.stderr and "login 登录" in bad.stderr
    bad_entity = as_user(
        db_path, "shenji", "audit", "export", "--entity", "干部们", "-o", str(db_path.parent / "x.xlsx")
    )
    assert bad_entity.returncode == 2 and "cadre 干部" in bad_entity.stderr
    assert not (db_path.parent / "x.xlsx").exists()
