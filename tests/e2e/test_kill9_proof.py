"""Proof by fault injection: the program killed with SIGKILL at random moments during a save, an import,
a batch print, a backup and a restore, on a plain and on an encrypted database. Afterwards the database
passes integrity_check and `check` (the search index agrees with the records: nothing half-written),
and every change the program reported as committed (the journal this test keeps from its output) is
there. The moments are random, from a seed printed with each round so that a failure can be replayed.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from cadre_desk.db import cipher, sqlite_tools
from cadre_desk.errors import WrongPassphrase

ROOT = Path(__file__).resolve().parents[2]
KEY = "county secret 2026"
SEED = int(os.environ.get("CADRE_DESK_KILL_SEED", "0")) or random.randrange(1, 10**6)

# The save loop: one cadre per unit of work, its name printed only after the commit returned.
SAVER = """
import sys
from cadre_desk.db.opening import open_database
from cadre_desk.services import accounts, cadres
from cadre_desk.services.context import open_context
db = open_database(sys.argv[1], passphrase=sys.argv[2] or None)
# the demo county has the account demo/demo
ctx = accounts.authenticate(db, "demo", "demo") if accounts.needs_login(db) else open_context(db, "测试员")
for i in range(100000):
    name = "压测" + chr(0x4E00 + i % 20000) + str(i)
    cadres.create_cadre(ctx, cadres.CadreInput(name=name, gender="男", birth="1985.03", post="科员"))
    print(name, flush=True)
"""


def _env(data_dir: Path, encrypted: bool) -> dict[str, str]:
    env = {**os.environ, "CADRE_DESK_DATA_DIR": str(data_dir), "PYTHONIOENCODING": "utf-8"}
    env.update({"CADRE_DESK_USER": "demo", "CADRE_DESK_PASSWORD": "demo"})  # the demo county's account
    env.pop(cipher.KEY_ENV, None)
    if encrypted:
        env[cipher.KEY_ENV] = KEY
    return env


def _cli(db: Path, data_dir: Path, encrypted: bool, *args: str, check: bool = True, stdin: str = "") -> str:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", str(db), *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=_env(data_dir, encrypted),
        timeout=600,
        check=False,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc.stdout


def _kill_during(
    args: list[str], env: dict[str, str], delay: float, ready: bool = False
) -> subprocess.CompletedProcess[str]:
    """Start, wait `delay` seconds (counted from the child's first line of output, with `ready`),
    then SIGKILL."""
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    first = ""
    if ready:
        assert proc.stdout is not None
        first = proc.stdout.readline()
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    out, err = proc.communicate(timeout=60)
    return subprocess.CompletedProcess(args, proc.returncode, first + out, err)


def _unlock(db: Path, encrypted: bool) -> None:
    cipher.forget(db)
    if encrypted:
        sqlite_tools.unlock(db, KEY)


def _names(db: Path, encrypted: bool) -> set[str]:
    _unlock(db, encrypted)
    conn = sqlite_tools.connect(db, read_only=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        return {str(r[0]) for r in conn.execute("SELECT name FROM cadre")}
    finally:
        conn.close()


def _sound(db: Path, data_dir: Path, encrypted: bool) -> None:
    """integrity_check ok, and `check` (foreign keys, schema, the search index against every record)."""
    _names(db, encrypted)
    report = json.loads(_cli(db, data_dir, encrypted, "check", "--json"))
    assert report["ok"], report["items"]


@pytest.fixture(scope="module", params=[False, True], ids=["plain", "encrypted"])
def county(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Path, bool]]:
    """A demo county (plain, or encrypted with KEY), copied by each test."""
    encrypted: bool = request.param
    base = tmp_path_factory.mktemp("county")
    db = base / "county.db"
    _cli(db, base, encrypted, "init", *(["--encrypt"] if encrypted else []))
    _cli(db, base, encrypted, "demo", "--cadres", "60", "--seed", "3")
    sqlite_tools.checkpoint(db) if not encrypted else None
    yield db, encrypted


def _copy(county: tuple[Path, bool], tmp_path: Path) -> tuple[Path, bool, Path]:
    src, encrypted = county
    db = tmp_path / "work.db"
    shutil.copy(src, db)
    for suffix in ("-wal", "-shm"):
        if Path(str(src) + suffix).exists():
            shutil.copy(str(src) + suffix, str(db) + suffix)
    data = tmp_path / "data"
    data.mkdir()
    return db, encrypted, data


def test_kill_during_saves_keeps_every_committed_change(county: tuple[Path, bool], tmp_path: Path) -> None:
    db, encrypted, data = _copy(county, tmp_path)
    rng = random.Random(SEED)
    before = _names(db, encrypted)
    journal: list[str] = []
    for round_no in range(3):
        delay = rng.uniform(0.05, 1.5)
        done = _kill_during(
            [sys.executable, "-c", SAVER, str(db), KEY if encrypted else ""],
            {**_env(data, encrypted), "PYTHONPATH": str(ROOT)},
            delay,
            ready=True,
        )
        assert done.returncode == -signal.SIGKILL, done.stderr
        journal += done.stdout.splitlines()  # the random moment is counted from the first commit
        now = _names(db, encrypted)
        missing = set(journal) - now
        assert not missing, f"seed {SEED} round {round_no}: committed but gone: {sorted(missing)[:5]}"
        extra = now - before - set(journal)
        assert len(extra) <= round_no + 1, f"seed {SEED}: more unreported rows than kills: {extra}"
        journal += sorted(extra)  # committed but killed before it could say so
    assert len(journal) > 0, f"seed {SEED}: nothing was saved before the kills"
    _sound(db, data, encrypted)


def test_kill_during_an_import_is_all_or_nothing(county: tuple[Path, bool], tmp_path: Path) -> None:
    db, encrypted, data = _copy(county, tmp_path)
    # a package of cadres this database does not have: made from a fresh demo county of another seed
    other = tmp_path / "other.db"
    _cli(other, data, False, "demo", "--cadres", "40", "--seed", "77")
    package = tmp_path / "p.zip"
    _cli(other, data, False, "export-package", "--all", "-o", str(package))
    theirs = _names(other, False)
    before = _names(db, encrypted)
    rng = random.Random(SEED + 1)
    args = [
        sys.executable,
        str(ROOT / "main.py"),
        "--db",
        str(db),
        "import-package",
        str(package),
        "--prefer",
        "theirs",
    ]
    for round_no in range(4):
        done = _kill_during(args, _env(data, encrypted), rng.uniform(1.0, 6.0))
        now = _names(db, encrypted)
        added = now - before
        assert added in (set(), theirs - before), (
            f"seed {SEED} round {round_no}: half an import ({len(added)})"
        )
        if added:
            break
        assert done.returncode == -signal.SIGKILL
    _sound(db, data, encrypted)


def test_kill_during_a_batch_print_leaves_only_whole_pdfs(county: tuple[Path, bool], tmp_path: Path) -> None:
    db, encrypted, data = _copy(county, tmp_path)
    out = tmp_path / "pdf"
    rng = random.Random(SEED + 2)
    args = [
        sys.executable,
        str(ROOT / "main.py"),
        "--db",
        str(db),
        "dossier",
        "batch",
        "--all",
        "-o",
        str(out),
        "--kind",
        "form",
        "--workers",
        "2",
        "--merge",
    ]
    for _round in range(2):
        _kill_during(args, _env(data, encrypted), rng.uniform(1.5, 6.0))
        for pdf in out.glob("*.pdf"):
            assert len(PdfReader(pdf).pages) >= 1, f"seed {SEED}: {pdf.name} is half-written"
    _sound(db, data, encrypted)


def test_kill_during_a_backup_leaves_no_half_backup(county: tuple[Path, bool], tmp_path: Path) -> None:
    db, encrypted, data = _copy(county, tmp_path)
    rng = random.Random(SEED + 3)
    names = _names(db, encrypted)
    for round_no in range(3):
        dest = tmp_path / f"backup-{round_no}.db"
        args = [sys.executable, str(ROOT / "main.py"), "--db", str(db), "backup", str(dest)]
        _kill_during(args, _env(data, encrypted), rng.uniform(1.0, 3.0))
        if dest.exists():  # only ever a whole, verified copy under the name
            assert _names(dest, encrypted) == names, f"seed {SEED}"
        _sound(db, data, encrypted)


def test_kill_during_a_restore_leaves_a_sound_database(county: tuple[Path, bool], tmp_path: Path) -> None:
    db, encrypted, data = _copy(county, tmp_path)
    backup = tmp_path / "good.db"
    _cli(db, data, encrypted, "backup", str(backup))
    original = _names(db, encrypted)
    _cli(
        db, data, encrypted, "cadre", "add", "--name", "恢复后应消失", "--gender", "女", "--birth", "1990.01"
    )
    changed = _names(db, encrypted)
    rng = random.Random(SEED + 4)
    for round_no in range(2):
        args = [sys.executable, str(ROOT / "main.py"), "--db", str(db), "restore", str(backup)]
        _kill_during(args, _env(data, encrypted), rng.uniform(1.0, 4.0))
        now = _names(db, encrypted)  # integrity_check ok
        assert now in (original, changed), f"seed {SEED} round {round_no}: neither before nor after"
    _cli(db, data, encrypted, "restore", str(backup))
    assert _names(db, encrypted) == original
    _sound(db, data, encrypted)


def _accounts(db: Path, encrypted: bool) -> dict[str, tuple[object, ...]]:
    _unlock(db, encrypted)
    conn = sqlite_tools.connect(db, read_only=True)
    try:
        rows = conn.execute("SELECT name, id, password_hash, roles, disabled FROM account").fetchall()
        return {str(r[0]): tuple(r[1:]) for r in rows}
    finally:
        conn.close()


def _restores(db: Path, encrypted: bool) -> int:
    _unlock(db, encrypted)
    conn = sqlite_tools.connect(db, read_only=True)
    try:
        return int(conn.execute("SELECT count(*) FROM audit_event WHERE action = 'restore'").fetchone()[0])
    finally:
        conn.close()


def test_kill_during_a_restore_never_brings_the_backups_accounts_back(
    county: tuple[Path, bool], tmp_path: Path
) -> None:
    """The accounts are written into the restored copy before it replaces the database (inspection
    F21): killed at any moment, the database is the old one, or the restored one with the accounts as
    they were, its restore recorded; never the backup's accounts (a disabled clerk enabled again)."""
    db, encrypted, data = _copy(county, tmp_path)
    _cli(
        db,
        data,
        encrypted,
        "account",
        "add",
        "jingban",
        "--role",
        "clerk",
        "--password-stdin",
        stdin="Cl3#quiet-field\n",
    )
    backup = tmp_path / "good.db"
    _cli(db, data, encrypted, "backup", str(backup))
    original = _names(db, encrypted)
    _cli(db, data, encrypted, "account", "lock", "jingban")
    _cli(
        db, data, encrypted, "cadre", "add", "--name", "恢复后应消失", "--gender", "女", "--birth", "1990.01"
    )
    assert _names(db, encrypted) != original  # the cadre a restore takes away
    accounts_now = _accounts(db, encrypted)
    assert accounts_now["jingban"][3] == 1  # disabled
    rng = random.Random(SEED + 8)
    for round_no in range(3):
        args = [sys.executable, str(ROOT / "main.py"), "--db", str(db), "restore", str(backup)]
        before, restores = _names(db, encrypted), _restores(db, encrypted)
        _kill_during(args, _env(data, encrypted), rng.uniform(0.5, 4.0))
        now = _names(db, encrypted)  # integrity_check ok
        assert _accounts(db, encrypted) == accounts_now, f"seed {SEED} round {round_no}: accounts rolled back"
        # the database as it was before this round, or restored with its restore recorded (a round
        # after a finished one starts from the restored state: same names, so the count tells)
        if _restores(db, encrypted) == restores:
            assert now == before, f"seed {SEED} round {round_no}: changed without a restore recorded"
        else:
            assert now == original, f"seed {SEED} round {round_no}: recorded, but not the backup's state"
    _cli(db, data, encrypted, "restore", str(backup))
    assert _names(db, encrypted) == original and _accounts(db, encrypted) == accounts_now
    _sound(db, data, encrypted)


@pytest.mark.parametrize("county", [True], ids=["encrypted"], indirect=True)  # only it has a key to keep
def test_kill_during_a_restore_of_a_plain_backup_never_leaves_the_database_plain(
    county: tuple[Path, bool], tmp_path: Path
) -> None:
    """A plain backup (from before the database was encrypted) restored into the encrypted database is
    copied, encrypted with the database's key, verified and renamed over it: killed at random moments,
    the database is the old or the new one, and encrypted with the same passphrase either way."""
    db, encrypted, data = _copy(county, tmp_path)
    assert encrypted
    backup = tmp_path / "plain.db"  # the same database, plain: a backup from before `encrypt`
    _cli(db, data, encrypted, "backup", str(backup))
    _cli(backup, data, encrypted, "decrypt")
    assert sqlite_tools.sniff(backup) == "sqlite"
    original = _names(db, encrypted)
    _cli(
        db, data, encrypted, "cadre", "add", "--name", "恢复后应消失", "--gender", "女", "--birth", "1990.01"
    )
    changed = _names(db, encrypted)
    rng = random.Random(SEED + 6)
    for round_no in range(3):
        args = [sys.executable, str(ROOT / "main.py"), "--db", str(db), "restore", str(backup)]
        _kill_during(args, _env(data, encrypted), rng.uniform(1.0, 5.0))
        assert sqlite_tools.sniff(db) == "encrypted", f"seed {SEED} round {round_no}: the database is plain"
        now = _names(db, encrypted)  # opens with KEY; integrity_check ok
        assert now in (original, changed), f"seed {SEED} round {round_no}: neither before nor after"
    out = _cli(db, data, encrypted, "restore", str(backup))
    assert "明文备份已用当前口令加密" in out
    assert sqlite_tools.sniff(db) == "encrypted" and _names(db, encrypted) == original
    assert not [p.name for p in db.parent.iterdir() if ".restoring" in p.name or ".converting" in p.name]
    raw = db.read_bytes()
    assert not [name for name in original if name.encode() in raw]  # `strings` finds no name
    _sound(db, data, encrypted)


def _opens_with(db: Path, passphrase: str) -> bool:
    cipher.forget(db)
    try:
        sqlite_tools.unlock(db, passphrase)
    except WrongPassphrase:
        return False
    finally:
        cipher.forget(db)
    return True


@pytest.mark.parametrize("county", [True], ids=["encrypted"], indirect=True)  # only it has a passphrase
def test_kill_during_a_change_of_passphrase_leaves_one_whole_file(
    county: tuple[Path, bool], tmp_path: Path
) -> None:
    """`rekey` killed at random moments: the file opens with exactly one of the two passphrases, is
    sound and holds every record; the next `rekey` finishes (a stale `.converting` copy is replaced)."""
    db, encrypted, data = _copy(county, tmp_path)
    assert encrypted
    other = "另一个口令 county 2027"
    names = _names(db, encrypted)
    current = KEY
    rng = random.Random(SEED + 5)
    for round_no in range(4):
        following = other if current == KEY else KEY
        args = [sys.executable, str(ROOT / "main.py"), "--db", str(db), "rekey"]
        env = {**_env(data, encrypted), cipher.KEY_ENV: current, "CADRE_DESK_NEW_KEY": following}
        _kill_during(args, env, rng.uniform(1.0, 7.0))  # start-up ~2 s, the rekey ~5 s
        old_opens, new_opens = _opens_with(db, current), _opens_with(db, following)
        assert old_opens != new_opens, f"seed {SEED} round {round_no}: opens with {old_opens=} {new_opens=}"
        current = following if new_opens else current
        cipher.forget(db)
        sqlite_tools.unlock(db, current)
        conn = sqlite_tools.connect(db, read_only=True)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)], f"seed {SEED}"
            assert {str(r[0]) for r in conn.execute("SELECT name FROM cadre")} == names, f"seed {SEED}"
        finally:
            conn.close()
            cipher.forget(db)
    following = other if current == KEY else KEY
    env = {**_env(data, encrypted), cipher.KEY_ENV: current, "CADRE_DESK_NEW_KEY": following}
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", str(db), "rekey"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert _opens_with(db, following) and not _opens_with(db, current)
    assert not list(db.parent.glob("*.converting*"))
    if following != KEY:  # `_sound` opens the database with KEY
        env = {**_env(data, encrypted), cipher.KEY_ENV: following, "CADRE_DESK_NEW_KEY": KEY}
        back = subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "--db", str(db), "rekey"],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env,
            timeout=600,
            check=False,
        )
        assert back.returncode == 0, back.stderr
    _sound(db, data, encrypted)


pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
