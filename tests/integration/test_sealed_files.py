"""Exchange packages and exported backups sealed with a passphrase (AES-256-GCM, scrypt): a wrong
passphrase or a tampered file is refused with a message and changes nothing."""

from __future__ import annotations

import io
import os
import struct
from pathlib import Path

import pytest

from cadre_desk import sealed
from cadre_desk.db.opening import open_database
from cadre_desk.errors import StorageError
from cadre_desk.services import cadres, maintenance, sealed_backup
from cadre_desk.services.context import ServiceContext, open_context
from cadre_desk.transfer import package
from tests.conftest import make_cadre

PASS = "county secret 2026"
NAME = "欧阳雪梅"
ID_NUMBER = "110101198503071227"


def _seal(data: bytes, passphrase: str = PASS) -> bytes:
    out = io.BytesIO()
    writer = sealed.SealWriter(out, passphrase)
    writer.write(data)
    writer.close()
    return out.getvalue()


def _open(raw: bytes, passphrase: str = PASS) -> bytes:
    return b"".join(sealed.open_chunks(io.BytesIO(raw), passphrase, "x"))


@pytest.mark.parametrize("size", [0, 1, (1 << 20) - 1, 1 << 20, (1 << 20) + 1, 3 * (1 << 20) + 7])
def test_seal_and_open_round_trip(size: int) -> None:
    data = os.urandom(size)
    raw = _seal(data)
    assert raw[:8] == b"CDSEALED" and raw[8] == 1
    assert _open(raw) == data


def test_every_kind_of_tampering_is_refused() -> None:
    data = os.urandom(2 * (1 << 20) + 100)
    raw = _seal(data)
    chunk = (1 << 20) + 16
    header = 36
    cases = {
        "wrong passphrase": (raw, "another passphrase"),
        "a flipped byte": (raw[:5000] + bytes([raw[5000] ^ 1]) + raw[5001:], PASS),
        "a flipped header byte (salt)": (raw[:20] + bytes([raw[20] ^ 1]) + raw[21:], PASS),
        "cut short": (raw[:-10], PASS),
        "the last chunk dropped": (raw[: header + 2 * chunk], PASS),
        "chunks swapped": (
            raw[:header]
            + raw[header + chunk : header + 2 * chunk]
            + raw[header : header + chunk]
            + raw[header + 2 * chunk :],
            PASS,
        ),
        "extended": (raw + raw[header : header + chunk], PASS),
    }
    for what, (bad, passphrase) in cases.items():
        with pytest.raises(sealed.SealError, match=r"无法解密|不完整"):
            _open(bad, passphrase)
        assert what


def test_the_header_is_what_the_docstring_says() -> None:
    raw = _seal(b"x")
    magic, version, log2_n, r, p, _salt, _prefix, chunk_log2 = struct.unpack(">8sBBBB16s7sB", raw[:36])
    assert (magic, version, log2_n, r, p, chunk_log2) == (b"CDSEALED", 1, 17, 8, 1, 20)
    assert len(raw) == 36 + 1 + 16


@pytest.fixture
def filled(ctx: ServiceContext) -> ServiceContext:
    make_cadre(ctx, NAME, gender="女", id_number=ID_NUMBER)
    return ctx


def test_a_sealed_package_round_trip_and_refusals(filled: ServiceContext, tmp_path: Path) -> None:
    ctx = filled
    ids = [c.id for c in cadres.list_cadres(ctx)]
    dest = tmp_path / "p.zip"
    package.export_package(ctx, ids, dest, passphrase=PASS)
    data = dest.read_bytes()
    assert sealed.is_sealed(dest)
    assert NAME.encode() not in data and ID_NUMBER.encode() not in data and b"manifest" not in data
    with pytest.raises(package.PackagePassphraseNeeded):
        package.plan_package(ctx, dest)
    with pytest.raises(sealed.SealError, match="口令不正确"):
        package.plan_package(ctx, dest, passphrase="a wrong passphrase")
    tampered = tmp_path / "t.zip"
    tampered.write_bytes(data[:-40] + bytes([data[-40] ^ 0x55]) + data[-39:])
    with pytest.raises(sealed.SealError):
        package.plan_package(ctx, tampered, passphrase=PASS)
    plan = package.plan_package(ctx, dest, passphrase=PASS)
    assert plan.count("same") == len(plan.records) > 0

    other_db = open_database(str(tmp_path / "other.db"))
    try:
        other = open_context(other_db, "测试员")
        before = maintenance.stats(other_db)
        with pytest.raises(sealed.SealError):
            package.plan_package(other, tampered, passphrase=PASS)
        assert maintenance.stats(other_db) == before  # nothing changed
        result = package.apply_package(other, package.plan_package(other, dest, passphrase=PASS))
        assert result.added > 0
        assert maintenance.stats(other_db)["cadre"] == 1
    finally:
        other_db.dispose()


def test_a_short_package_passphrase_is_refused(filled: ServiceContext, tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="至少"):
        package.export_package(filled, [1], tmp_path / "p.zip", passphrase="short")
    assert not (tmp_path / "p.zip").exists()


def test_a_sealed_backup_onto_a_full_medium_says_so_in_chinese_and_leaves_nothing(
    filled: ServiceContext, tmp_path: Path
) -> None:
    stick = tmp_path / "U盘 #1%"
    stick.mkdir()
    dest = stick / "封存 #%.sealed"
    (stick / (dest.name + ".part")).symlink_to("/dev/full")  # every write there: ENOSPC
    with pytest.raises(StorageError) as info:
        sealed_backup.sealed_backup(filled, dest, PASS)
    assert str(info.value).startswith(f"加密备份失败（{stick}）：磁盘已满，未留下文件。")
    assert "MB" in str(info.value) and "space" not in str(info.value)
    assert list(stick.iterdir()) == []
    assert not list((tmp_path / "data" / "backups").glob("*to-seal*"))


def test_a_sealed_backup_is_verified_and_opens_again(filled: ServiceContext, tmp_path: Path) -> None:
    dest = sealed_backup.sealed_backup(filled, tmp_path / "usb" / "backup.sealed", PASS)
    data = dest.read_bytes()
    assert sealed.is_sealed(dest) and NAME.encode() not in data and ID_NUMBER.encode() not in data
    assert not list((tmp_path / "data" / "backups").glob("*to-seal*"))  # the plain copy is gone
    with pytest.raises(sealed.SealError):
        sealed_backup.unseal(dest, tmp_path / "wrong.db", "a wrong passphrase")
    assert not (tmp_path / "wrong.db").exists() and not (tmp_path / "wrong.db.part").exists()
    restored = sealed_backup.unseal(dest, tmp_path / "restored.db", PASS)
    db = open_database(str(restored))
    try:
        assert maintenance.stats(db)["cadre"] == 1
    finally:
        db.dispose()
