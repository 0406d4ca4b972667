#!/usr/bin/env python3
"""`make dist-test`: the packages in dist/ as a clerk meets them, in a bare Debian 12 root.

    .venv/bin/python tools/dist_test.py               # after `tools/dist.py` (make dist)
    .venv/bin/python tools/dist_test.py --no-upgrade  # skip the upgrade test (it builds a second .deb)

Needs root (chroot, mounts, network namespaces), debootstrap and network to Debian's archive for
the first run (the bare root is cached in ~/.cache/cadre-desk-dist, apt's downloads too).

1. A bare root: `debootstrap --variant=minbase bookworm` (cached), copied fresh for each run.
2. The .deb: `apt-get install ./cadre-desk_*.deb` pulls exactly its Depends; `ldd` finds every
   library of the bundle. Then, with networking off (`unshare -n`) and as an ordinary user:
   `--version`, `init`, `demo --cadres 50`, `dossier form` (fonts all embedded, read on the host
   with pdffonts), and the window for 10 s under Xvfb (installed after the checks above) with a
   screenshot.
3. The portable archive unpacked in a folder named with Chinese characters and spaces: the same
   commands and the window; the data must appear beside the program, not in the user's home.
4. Upgrade: a "next version" .deb (`tools/dist.py --version X --extra-migration`: the same code
   plus a dummy migration) installed over the first keeps the data, upgrades the schema after a
   verified backup; reinstalling the first version then refuses the newer database with its message.

Results (timings, sizes, screenshots) go to build/dist-test/.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import shutil
import sqlite3
import struct
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist"
OUT = ROOT / "build" / "dist-test"
CACHE = Path(os.environ.get("CADRE_DESK_DIST_CACHE", Path.home() / ".cache" / "cadre-desk-dist"))
BASE = CACHE / "bookworm-minbase"
APT_CACHE = CACHE / "apt-archives"
DEMO_LOGIN = "CADRE_DESK_USER=demo CADRE_DESK_PASSWORD=demo"  # the demo database's account
MIRROR = os.environ.get("DEBIAN_MIRROR", "http://deb.debian.org/debian")
USER = "clerk"
HOME = f"/home/{USER}"
PORTABLE_DIR = f"{HOME}/U盘 备份/干部 档案"

results: dict[str, object] = {}


def log(message: str) -> None:
    print(f"[dist-test {time.strftime('%H:%M:%S')}] {message}", flush=True)


def run(cmd: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, text=True, check=True, **kwargs)  # type: ignore[call-overload]


class Failure(Exception):
    pass


def check(condition: bool, message: str) -> None:
    if not condition:
        raise Failure(message)
    log(f"ok: {message}")


# --- the root ------------------------------------------------------------------------------------


def base_root() -> Path:
    if (BASE / "etc" / "debian_version").is_file():
        return BASE
    tmp = BASE.with_name(BASE.name + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    log("debootstrap --variant=minbase bookworm (once; cached)")
    CACHE.mkdir(parents=True, exist_ok=True)
    run(["debootstrap", "--variant=minbase", "bookworm", str(tmp), MIRROR])
    tmp.rename(BASE)
    return BASE


def fresh_root() -> Path:
    root = OUT / "root"
    if root.exists():
        run(["rm", "-rf", "--one-file-system", str(root)])
    root.parent.mkdir(parents=True, exist_ok=True)
    run(["cp", "-a", str(base_root()), str(root)])
    shutil.copyfile("/etc/resolv.conf", root / "etc" / "resolv.conf")
    return root


def in_root(root: Path, script: str, *, network: bool, user: str | None = None) -> str:
    """Run `script` (sh) in the root with /proc, /dev and apt's cache mounted; without network
    unless `network`; as `user` (a login environment) or root."""
    mounts = [
        f"mount -t proc proc {q(root / 'proc')}",
        f"mount --bind /dev {q(root / 'dev')}",
        f"mount -t tmpfs tmpfs {q(root / 'dev' / 'shm')}",
        f"mount --bind {q(APT_CACHE)} {q(root / 'var' / 'cache' / 'apt' / 'archives')}",
    ]
    if user:
        env = f"env -i HOME={HOME} USER={user} LOGNAME={user} PATH=/usr/bin:/bin LANG=C.UTF-8 {DEMO_LOGIN}"
        inner = f"chroot --userspec={user}:{user} {q(root)} {env} sh -c {q(script)}"
    else:
        env = f"env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 HOME=/root {DEMO_LOGIN}"
        inner = f"chroot {q(root)} {env} sh -c {q(script)}"
    outer = " && ".join([*mounts, inner])
    unshare = ["unshare", "-m", "--propagation", "private"] + ([] if network else ["-n"])
    proc = subprocess.run([*unshare, "sh", "-c", outer], text=True, capture_output=True, check=False)
    if proc.returncode != 0:
        raise Failure(
            f"in the root failed ({proc.returncode}): {script}\n{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}"
        )
    return proc.stdout


def q(value: object) -> str:
    return shlex.quote(str(value))


# --- screenshots ---------------------------------------------------------------------------------


def xwd_to_png(xwd: Path, png: Path) -> tuple[int, int, int]:
    """Xvfb's -fbdir frame buffer (XWD, 24-bit TrueColor in 32-bit pixels) to a PNG; returns
    (width, height, number of distinct colours) so a blank screen can be told apart."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication, QImage

    _app = QGuiApplication.instance() or QGuiApplication([])
    data = xwd.read_bytes()
    header = struct.unpack(">25I", data[:100])
    header_size, width, height = header[0], header[4], header[5]
    byte_order, bits_per_pixel, bytes_per_line, ncolors = header[7], header[11], header[12], header[19]
    if bits_per_pixel != 32:
        raise Failure(f"unexpected XWD depth {bits_per_pixel}")
    offset = header_size + ncolors * 12
    pixels = data[offset : offset + bytes_per_line * height]
    fmt = QImage.Format.Format_RGB32 if byte_order == 0 else QImage.Format.Format_RGBX8888
    image = QImage(pixels, width, height, bytes_per_line, fmt).copy()
    image.save(str(png))
    sample = {image.pixel(x, y) for x in range(0, width, 16) for y in range(0, height, 16)}
    return width, height, len(sample)


def window_for_ten_seconds(root: Path, command: str, name: str) -> None:
    """The program's window for 10 s under Xvfb (inside the root, no network); a screenshot."""
    script = (
        "rm -rf /tmp/fb && mkdir -p /tmp/fb && "
        "(Xvfb :77 -screen 0 1366x768x24 -nolisten tcp -fbdir /tmp/fb >/tmp/xvfb.log 2>&1 & "
        "echo $! > /tmp/xvfb.pid) && "
        "for i in $(seq 50); do [ -e /tmp/.X11-unix/X77 ] && break; sleep 0.2; done && "
        f"(DISPLAY=:77 QT_QPA_PLATFORM=xcb {command} >/tmp/app.log 2>&1 & echo $! > /tmp/app.pid) && "
        "sleep 10 && "
        "if kill -0 $(cat /tmp/app.pid) 2>/dev/null; then echo ALIVE; "
        "else echo DIED; cat /tmp/app.log; fi && "
        f"cp /tmp/fb/Xvfb_screen0 {HOME}/{name}.xwd && "
        "kill $(cat /tmp/app.pid) 2>/dev/null; sleep 1; kill $(cat /tmp/xvfb.pid); cat /tmp/app.log; true"
    )
    out = in_root(root, script, network=False, user=USER)
    check(out.startswith("ALIVE"), f"{name}: the window ran 10 s under Xvfb ({out.strip()[:400]})")
    check("Traceback" not in out, f"{name}: no traceback")
    png = OUT / f"{name}.png"
    width, height, colours = xwd_to_png(root / HOME.lstrip("/") / f"{name}.xwd", png)
    check(colours > 20, f"{name}: screenshot {png} ({width}x{height}, {colours} colours: not blank)")


# --- the checks ----------------------------------------------------------------------------------


def cli_checks(root: Path, program: str, label: str, data_dir: str) -> dict[str, object]:
    """--version, init, demo --cadres 50, dossier form: offline, as the user."""
    timings: dict[str, object] = {}
    steps = [
        ("version", f"{program} --version"),
        ("init", f"{program} init"),
        ("demo", f"{program} demo --cadres 50"),
        ("form", f"{program} dossier form 1 -o {HOME}/{label}-form.pdf"),
        ("stats", f"{program} stats --json"),
    ]
    outputs = {}
    for name, command in steps:
        started = time.monotonic()
        outputs[name] = in_root(root, command + " 2>&1", network=False, user=USER)
        timings[name] = round(time.monotonic() - started, 2)
        check("Traceback" not in outputs[name], f"{label}: `{command}` without a traceback")
    check(outputs["version"].strip().startswith("cadre-desk "), f"{label}: {outputs['version'].strip()}")
    stats = json.loads(outputs["stats"])
    check(stats["cadre"] == 50, f"{label}: 50 demo cadres")
    check(
        (root / data_dir.lstrip("/") / "cadre-desk.db").is_file(), f"{label}: the database is in {data_dir}"
    )
    pdf = root / HOME.lstrip("/") / f"{label}-form.pdf"
    fonts = run(["pdffonts", str(pdf)], capture_output=True).stdout.splitlines()[2:]
    check(
        bool(fonts) and all(line.split()[-5] == "yes" for line in fonts),
        f"{label}: every font embedded ({len(fonts)})",
    )
    return timings


def deb_test(root: Path, deb: Path) -> None:
    shutil.copyfile(deb, root / "tmp" / deb.name)
    started = time.monotonic()
    in_root(
        root,
        "apt-get update -q && DEBIAN_FRONTEND=noninteractive "
        f"apt-get install -y -q --no-install-recommends /tmp/{deb.name}",
        network=True,
    )
    results["deb_install_s"] = round(time.monotonic() - started, 1)
    depends = in_root(root, "dpkg-query -W -f '${Depends}' cadre-desk", network=False)
    results["deb_depends"] = depends
    log(f"Depends: {depends}")
    installed = in_root(root, "du -sk /opt/cadre-desk | cut -f1", network=False)
    results["installed_mb"] = round(int(installed) / 1024, 1)
    missing = in_root(
        root,
        "export LD_LIBRARY_PATH=/opt/cadre-desk/_internal:/opt/cadre-desk/_internal/PySide6/Qt/lib; "
        "find /opt/cadre-desk -type f \\( -name '*.so*' -o -name cadre-desk \\) "
        "-exec ldd {} \\; 2>/dev/null | grep 'not found' | sort -u || true",
        network=False,
    )
    check(
        missing.strip() == "",
        f".deb: every library of the bundle is found with its Depends only {missing.strip()[:300]}",
    )
    in_root(root, f"useradd -m -s /bin/sh {USER}", network=False)
    check((root / "usr/share/applications/cadre-desk.desktop").is_file(), ".deb: menu entry installed")
    check((root / "usr/share/icons/hicolor/48x48/apps/cadre-desk.png").is_file(), ".deb: icon installed")
    check((root / "usr/share/mime/packages/cadre-desk.xml").is_file(), ".deb: MIME types installed")
    results["deb_cli_s"] = cli_checks(root, "cadre-desk", "deb", f"{HOME}/.local/share/CadreDesk")
    # the window needs an X server: installed only now, so that the checks above saw the Depends alone
    in_root(
        root,
        "DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends xvfb",
        network=True,
    )
    window_for_ten_seconds(root, "cadre-desk", "deb-window")


def portable_test(root: Path, archive: Path) -> None:
    target = root / PORTABLE_DIR.lstrip("/")
    target.mkdir(parents=True)
    with tarfile.open(archive) as tar:
        tar.extractall(target, filter="tar")
    (folder,) = [p for p in target.iterdir() if p.is_dir()]
    in_root(root, f"chown -R {USER}:{USER} {q(HOME + '/U盘 备份')}", network=False)
    program = f"{PORTABLE_DIR}/{folder.name}/cadre-desk"
    home_db = root / HOME.lstrip("/") / ".local/share/CadreDesk/cadre-desk.db"
    before = home_db.stat().st_mtime_ns if home_db.exists() else None
    results["portable_cli_s"] = cli_checks(root, q(program), "portable", f"{PORTABLE_DIR}/{folder.name}/data")
    after = home_db.stat().st_mtime_ns if home_db.exists() else None
    check(before == after, "portable: the home folder's database untouched")
    window_for_ten_seconds(root, q(program), "portable-window")


def counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
        tables = [
            r[0]
            for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type='table'"
                " AND name NOT LIKE 'search_%' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def revision(db: Path) -> str:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
        return str(con.execute("SELECT version_num FROM alembic_version").fetchone()[0])


def next_version(version: str) -> str:
    parts = re.match(r"(\d+)\.(\d+)\.(\d+)", version)
    if not parts:
        raise Failure(f"cannot bump {version}")
    major, minor, patch = map(int, parts.groups())
    return f"{major}.{minor}.{patch + 1}"


def upgrade_test(root: Path, deb: Path, version: str) -> None:
    newer = next_version(version)
    out = OUT / "next"
    started = time.monotonic()
    run(
        [sys.executable, str(ROOT / "tools" / "dist.py"), "--version", newer, "--extra-migration",
         "--deb-only", "--out", str(out), "--build-dir", str(OUT / "next-build")]
    )  # fmt: skip
    results["next_build_s"] = round(time.monotonic() - started, 1)
    (next_deb,) = out.glob(f"cadre-desk_{newer}_*.deb")
    db = root / HOME.lstrip("/") / ".local/share/CadreDesk/cadre-desk.db"
    old_counts, old_revision = counts(db), revision(db)
    shutil.copyfile(next_deb, root / "tmp" / next_deb.name)
    in_root(root, f"dpkg -i /tmp/{next_deb.name}", network=False)
    version_out = in_root(root, "cadre-desk --version", network=False, user=USER).strip()
    check(version_out == f"cadre-desk {newer}", f"upgrade: {version_out} installed over {version}")
    stats = in_root(root, "cadre-desk stats --json 2>&1", network=False, user=USER)
    check(json.loads(stats)["cadre"] == 50, "upgrade: the 50 cadres are still there")
    new_revision = revision(db)
    check(
        new_revision != old_revision and "dist_upgrade" in new_revision,
        f"upgrade: schema {old_revision} -> {new_revision}",
    )
    new_counts = counts(db)
    check(all(new_counts.get(t) == n for t, n in old_counts.items()), "upgrade: every table keeps its rows")
    backups = sorted((db.parent / "backups").glob("cadre-desk-before-upgrade-*.db"))
    check(len(backups) == 1, f"upgrade: one backup before the upgrade ({[b.name for b in backups]})")
    check(
        revision(backups[0]) == old_revision and counts(backups[0]) == old_counts,
        "upgrade: the backup holds the old schema and every row",
    )
    digest = run(["sha256sum", str(db)], capture_output=True).stdout.split()[0]
    shutil.copyfile(deb, root / "tmp" / deb.name)
    in_root(root, f"dpkg -i /tmp/{deb.name}", network=False)  # back to the older version
    proc = subprocess.run(
        ["unshare", "-n", "chroot", f"--userspec={USER}:{USER}", str(root), "env", "-i", f"HOME={HOME}",
         "PATH=/usr/bin:/bin", "LANG=C.UTF-8", *DEMO_LOGIN.split(), "cadre-desk", "stats"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    message = proc.stderr.strip()
    check(
        proc.returncode == 1 and "更新版本" in message and "Traceback" not in message,
        f"downgrade: refused: {message}",
    )
    after = run(["sha256sum", str(db)], capture_output=True).stdout.split()[0]
    check(after == digest, "downgrade: the newer database is left untouched")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-upgrade", action="store_true", help="skip the upgrade test")
    parser.add_argument("--dist", type=Path, default=DIST, help="where the packages are (default dist/)")
    args = parser.parse_args(argv)
    if os.geteuid() != 0:
        print("dist-test needs root (chroot, mounts, network namespaces)", file=sys.stderr)
        return 2
    (deb,) = sorted(args.dist.glob("cadre-desk_*_amd64.deb"))[-1:]
    (archive,) = sorted(args.dist.glob("cadre-desk-*-linux-x86_64.tar.gz"))[-1:]
    version = deb.name.split("_")[1]
    results.update(
        deb_mb=round(deb.stat().st_size / 1e6, 1), portable_mb=round(archive.stat().st_size / 1e6, 1)
    )
    OUT.mkdir(parents=True, exist_ok=True)
    (APT_CACHE / "partial").mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    try:
        root = fresh_root()
        deb_test(root, deb)
        portable_test(root, archive)
        if not args.no_upgrade:
            upgrade_test(root, deb, version)
    except Failure as exc:
        log(f"FAILED: {exc}")
        return 1
    finally:
        results["total_s"] = round(time.monotonic() - started, 1)
        (OUT / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
        log(json.dumps(results, ensure_ascii=False))
    log("all passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
