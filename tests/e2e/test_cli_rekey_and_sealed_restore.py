"""`rekey` (changing the passphrase of an encrypted database) and `restore` of a sealed backup or of
a backup made before the passphrase changed, as real processes; the artefacts are opened and checked."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from cadre_desk import sealed
from tests.cipher_files import names, opens
from tests.e2e.cli_process import ok, run_main

OLD = "county secret 2026"
NEW = "新口令 county 2027"
SEAL = "sealed backup 2026"
NAME = "欧阳雪梅"
ID_NUMBER = "110101199002071223"
ODD = "备份 #1?a=b%20 100%"  # a folder name a file: URI or a shell would trip over


def run(
    *args: str, data_dir: Path, key: str | None = None, stdin: str = "", **extra: str
) -> subprocess.CompletedProcess[str]:
    """With the database passphrase `key` (and the variables in `extra`), no other passphrase or sign-in."""
    env: dict[str, str | None] = dict.fromkeys(
        ("CADRE_DESK_NEW_KEY", "CADRE_DESK_USER", "CADRE_DESK_PASSWORD")
    )
    env.update(CADRE_DESK_KEY=key, **extra)
    return run_main(*args, data_dir=data_dir, stdin=stdin, env=env)


def no_strings(path: Path) -> None:
    data = path.read_bytes()
    for marker in (NAME.encode(), NAME[:2].encode(), ID_NUMBER.encode(), NAME.encode("utf-16-le")):
        assert marker not in data, (path, marker)
    if shutil.which("strings"):  # and what `strings` itself finds (its default and 16-bit encodings)
        for encoding in ("s", "l"):
            found = subprocess.run(
                ["strings", "-a", "-e", encoding, str(path)], capture_output=True, check=True
            ).stdout.decode("utf-8", "replace")
            assert ID_NUMBER not in found and ID_NUMBER[:12] not in found and NAME not in found


def add(db: str, data_dir: Path, key: str | None, name: str, **extra: str) -> None:
    args = ["--db", db, "cadre", "add", "--name", name, "--gender", "女", "--birth", "1990.02"]
    if name == NAME:
        args += ["--id-number", ID_NUMBER]
    ok(run(*args, data_dir=data_dir, key=key, **extra))


def test_rekey_then_backups_under_the_new_key_and_old_ones_with_the_old(tmp_path: Path) -> None:
    db = str(tmp_path / "县 #1?.db")
    ok(run("--db", db, "init", "--encrypt", data_dir=tmp_path, key=OLD))
    add(db, tmp_path, OLD, NAME)
    before = tmp_path / "before.db"
    ok(run("--db", db, "backup", str(before), data_dir=tmp_path, key=OLD))

    needs = run("--db", db, "rekey", data_dir=tmp_path, key=OLD)  # no terminal, no CADRE_DESK_NEW_KEY
    assert needs.returncode == 1 and "CADRE_DESK_NEW_KEY" in needs.stderr
    wrong = run("--db", db, "rekey", data_dir=tmp_path, key="not the passphrase", CADRE_DESK_NEW_KEY=NEW)
    assert wrong.returncode == 1 and "口令不正确" in wrong.stderr
    short = run("--db", db, "rekey", data_dir=tmp_path, key=OLD, CADRE_DESK_NEW_KEY="short")
    assert short.returncode == 1 and "至少" in short.stderr
    assert opens(Path(db), OLD) and not opens(Path(db), NEW)

    done = ok(run("--db", db, "rekey", data_dir=tmp_path, key=OLD, CADRE_DESK_NEW_KEY=NEW))
    assert "口令已修改并校验" in done and "旧口令" in done
    assert opens(Path(db), NEW) and not opens(Path(db), OLD)
    assert names(Path(db), NEW) == {NAME}
    no_strings(Path(db))
    refused = run("--db", db, "stats", data_dir=tmp_path, key=OLD)
    assert refused.returncode == 1 and "口令不正确" in refused.stderr
    audit = json.loads(ok(run("--db", db, "audit", "list", "--json", data_dir=tmp_path, key=NEW)))
    assert any(e["action"] == "rekey" for e in audit)

    add(db, tmp_path, NEW, "林小雨")
    made = json.loads(ok(run("--db", db, "auto-backup", "--force", "--json", data_dir=tmp_path, key=NEW)))
    auto = Path(made["made"][0])
    assert opens(auto, NEW) and not opens(auto, OLD)  # the backup itself, under the new key
    assert names(auto, NEW) == {NAME, "林小雨"}
    no_strings(auto)

    # the backup from before the change: the current passphrase does not open it
    refused = run("--db", db, "restore", str(before), data_dir=tmp_path, key=NEW)
    assert refused.returncode == 1 and "修改口令之前" in refused.stderr, refused.stderr
    assert names(Path(db), NEW) == {NAME, "林小雨"}  # unchanged
    restored = run(
        "--db",
        db,
        "restore",
        str(before),
        "--passphrase-env",
        "OLD_PASS",
        data_dir=tmp_path,
        key=NEW,
        OLD_PASS=OLD,
    )
    assert restored.returncode == 0, restored.stderr
    assert names(Path(db), NEW) == {NAME}  # the database keeps its current passphrase
    assert not opens(Path(db), OLD)


def test_rekey_is_refused_on_a_plain_database_and_for_a_clerk(tmp_path: Path) -> None:
    plain = str(tmp_path / "plain.db")
    ok(run("--db", plain, "init", data_dir=tmp_path))
    refused = run("--db", plain, "rekey", data_dir=tmp_path, CADRE_DESK_NEW_KEY=NEW)
    assert refused.returncode == 1 and "没有加密" in refused.stderr

    db = str(tmp_path / "enc.db")
    ok(run("--db", db, "init", "--encrypt", data_dir=tmp_path, key=OLD))
    ok(run("--db", db, "demo", "--cadres", "3", data_dir=tmp_path, key=OLD))  # the account demo/demo
    demo = {"CADRE_DESK_USER": "demo", "CADRE_DESK_PASSWORD": "demo"}
    ok(
        run(
            "--db",
            db,
            "account",
            "add",
            "lin",
            "--role",
            "clerk",
            "--password-stdin",
            data_dir=tmp_path,
            key=OLD,
            stdin="Sesame#2026y\n",
            **demo,
        )
    )
    first = {"CADRE_DESK_USER": "lin", "CADRE_DESK_PASSWORD": "Sesame#2026y"}
    own = ("account", "passwd", "lin", "--password-stdin")  # a new account chooses its own first
    ok(run("--db", db, *own, data_dir=tmp_path, key=OLD, stdin="Sesame#2026z\n", **first))
    clerk = {"CADRE_DESK_USER": "lin", "CADRE_DESK_PASSWORD": "Sesame#2026z"}
    denied = run("--db", db, "rekey", data_dir=tmp_path, key=OLD, CADRE_DESK_NEW_KEY=NEW, **clerk)
    assert denied.returncode == 1 and "无权" in denied.stderr, denied.stderr
    assert opens(Path(db), OLD) and not opens(Path(db), NEW)
    ok(run("--db", db, "rekey", data_dir=tmp_path, key=OLD, CADRE_DESK_NEW_KEY=NEW, **demo))
    assert opens(Path(db), NEW)


def test_restore_of_a_sealed_backup_asks_for_its_passphrase(tmp_path: Path) -> None:
    db = str(tmp_path / "plain.db")
    ok(run("--db", db, "init", data_dir=tmp_path))
    add(db, tmp_path, None, NAME)
    dest = tmp_path / ODD / "副本 #2?.sealed"
    for weak, why in (("short", "至少"), (" spaced passphrase ", "空格")):  # the window's rule
        refused = run(
            "--db", db, "backup", str(dest), "--passphrase-env", "SEAL", data_dir=tmp_path, SEAL=weak
        )
        assert refused.returncode == 1 and why in refused.stderr and not dest.exists()
    ok(run("--db", db, "backup", str(dest), "--passphrase-env", "SEAL", data_dir=tmp_path, SEAL=SEAL))
    assert sealed.is_sealed(dest)
    no_strings(dest)
    add(db, tmp_path, None, "林小雨")

    needs = run("--db", db, "restore", str(dest), data_dir=tmp_path)
    assert needs.returncode == 1 and "需要它的口令" in needs.stderr
    wrong = run(
        "--db", db, "restore", str(dest), "--passphrase-env", "SEAL", data_dir=tmp_path, SEAL="wrong one!"
    )
    assert wrong.returncode == 1 and "口令不正确" in wrong.stderr and "未做任何更改" in wrong.stderr
    damaged = tmp_path / ODD / "损坏 %.sealed"
    raw = bytearray(dest.read_bytes())
    raw[len(raw) // 2] ^= 0x40
    damaged.write_bytes(bytes(raw))
    broken = run(
        "--db", db, "restore", str(damaged), "--passphrase-env", "SEAL", data_dir=tmp_path, SEAL=SEAL
    )
    assert broken.returncode == 1 and "损坏" in broken.stderr and "未做任何更改" in broken.stderr
    assert names(Path(db), None) == {NAME, "林小雨"}  # the refusals changed nothing

    done = run(
        "--db", db, "restore", str(dest), "--passphrase-env", "SEAL", "--json", data_dir=tmp_path, SEAL=SEAL
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["restored_from"] == str(dest)
    assert names(Path(db), None) == {NAME}
    leftovers = [p.name for p in (tmp_path / "backups").iterdir() if "unsealed" in p.name]
    assert leftovers == []


def test_restore_of_a_sealed_backup_from_before_a_rekey_takes_both_passphrases(tmp_path: Path) -> None:
    db = str(tmp_path / "enc #1.db")
    ok(run("--db", db, "init", "--encrypt", data_dir=tmp_path, key=OLD))
    add(db, tmp_path, OLD, NAME)
    dest = tmp_path / ODD / "封存.sealed"
    ok(
        run(
            "--db", db, "backup", str(dest), "--passphrase-env", "SEAL", data_dir=tmp_path, key=OLD, SEAL=SEAL
        )
    )
    no_strings(dest)
    ok(run("--db", db, "rekey", data_dir=tmp_path, key=OLD, CADRE_DESK_NEW_KEY=NEW))
    add(db, tmp_path, NEW, "林小雨")
    restore = ("--db", db, "restore", str(dest), "--passphrase-env", "SEAL")
    needs = run(*restore, data_dir=tmp_path, key=NEW, SEAL=SEAL)
    assert needs.returncode == 1 and "修改口令之前" in needs.stderr and "--old-passphrase-env" in needs.stderr
    assert names(Path(db), NEW) == {NAME, "林小雨"}
    wrong = run(
        *restore,
        "--old-passphrase-env",
        "OLD_PASS",
        data_dir=tmp_path,
        key=NEW,
        SEAL=SEAL,
        OLD_PASS="wrong one!",
    )
    assert wrong.returncode == 1 and "修改口令之前" in wrong.stderr
    ok(run(*restore, "--old-passphrase-env", "OLD_PASS", data_dir=tmp_path, key=NEW, SEAL=SEAL, OLD_PASS=OLD))
    assert names(Path(db), NEW) == {NAME}
    assert not opens(Path(db), OLD)
