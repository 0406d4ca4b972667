#!/usr/bin/env python3
"""`make dist`: every offline package of Cadre Desk, built on this Debian machine into dist/.

    .venv/bin/python tools/dist.py                 # everything below
    .venv/bin/python tools/dist.py --skip-bundle   # only the wheel and the offline wheelhouse

1. the wheel (fonts and translations inside) and an offline wheelhouse of it and every dependency,
   with install scripts: dist/cadre-desk-VERSION-wheelhouse-linux-x86_64.zip
2. a bundled program (PyInstaller, one folder, no Python needed on the target) built from that wheel
   in a clean virtual environment (build/dist-venv), so nothing from the checkout or the test tools
   slips in
3. the .deb (under /opt/cadre-desk, /usr/bin/cadre-desk, menu entry, icon, file types):
   dist/cadre-desk_VERSION_amd64.deb
4. the portable archive (data beside the program, `portable.txt`):
   dist/cadre-desk-VERSION-linux-x86_64.tar.gz

`--version X` builds as version X (the upgrade test builds "the next version" this way) without
touching the checkout: the version is patched in the build venv's installed copy only.
`--extra-migration` (tests only) adds a dummy migration to that copy as well.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import stat
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
BUILD = ROOT / "build"
DIST = ROOT / "dist"
WHEELHOUSE = BUILD / "wheelhouse"
PYINSTALLER = "pyinstaller>=6.10,<7"
PLATFORM_TAG = "linux-x86_64"
DEB_ARCH = "amd64"
PREFIX = "/opt/cadre-desk"
MIME_TYPES = ("application/x-cadre-desk-lrmx", "application/x-cadre-desk-package")


def log(message: str) -> None:
    print(f"[dist {time.strftime('%H:%M:%S')}] {message}", flush=True)


def run(*cmd: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None) -> None:
    subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, check=True)


def source_version() -> str:
    text = (ROOT / "cadre_desk" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE)
    if not match:
        raise SystemExit("no __version__ in cadre_desk/__init__.py")
    return match.group(1)


def debian_version(version: str) -> str:
    """PEP 440 to Debian ordering: 1.2.0rc1 -> 1.2.0~rc1, 1.2.0.dev3 -> 1.2.0~dev3."""
    return re.sub(r"\.?(a|b|rc|dev)(\d+)", r"~\1\2", version)


# --- 1. wheel and wheelhouse --------------------------------------------------------------------


def build_wheel(out: Path) -> Path:
    for old in out.glob("cadre_desk-*.whl"):
        old.unlink()
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", out, ROOT)
    (wheel,) = out.glob("cadre_desk-*.whl")
    return wheel


def fill_wheelhouse(wheel: Path) -> None:
    """The wheel's dependencies (with the PostgreSQL extra) from pip's cache or the index."""
    WHEELHOUSE.mkdir(parents=True, exist_ok=True)
    run(sys.executable, "-m", "pip", "download", "-q", "-d", WHEELHOUSE, f"{wheel}[postgresql]")


def wheelhouse_zip(wheel: Path, version: str) -> Path:
    """Wheels (stored, they are compressed already) and the install scripts, in one .zip."""
    name = f"cadre-desk-{version}-wheelhouse-{PLATFORM_TAG}"
    target = DIST / f"{name}.zip"
    needed = requirement_files(wheel)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as archive:
        for path in sorted(needed):
            archive.write(path, f"{name}/wheels/{path.name}")
        for script in ("install.sh", "install.ps1", "README.txt"):
            info = zipfile.ZipInfo(f"{name}/{script}", date_time=(2026, 1, 1, 0, 0, 0))
            info.external_attr = (0o755 if script.endswith(".sh") else 0o644) << 16
            archive.writestr(info, (PACKAGING / "wheelhouse" / script).read_bytes())
    return target


def requirement_files(wheel: Path) -> list[Path]:
    """The wheel plus the wheelhouse files it needs (pip's own resolver, offline, into a report)."""
    report = BUILD / "wheelhouse-report.json"
    run(
        sys.executable, "-m", "pip", "install", "-q", "--dry-run", "--ignore-installed",
        "--no-index", "--find-links", WHEELHOUSE, "--report", report, f"{wheel}[postgresql]",
    )  # fmt: skip
    import json

    items = json.loads(report.read_text(encoding="utf-8"))["install"]
    names = {Path(item["download_info"]["url"].removeprefix("file://")).name for item in items}
    return [wheel, *(WHEELHOUSE / name for name in names if name != wheel.name)]


# --- 2. the bundle -------------------------------------------------------------------------------


def build_venv(wheel: Path, version: str, extra_migration: bool) -> Path:
    venv = BUILD / "dist-venv"
    if venv.exists():
        shutil.rmtree(venv)
    run(sys.executable, "-m", "venv", venv)
    python = venv / "bin" / "python"
    pip = [python, "-m", "pip", "install", "-q", "--no-compile"]
    run(*pip, "--no-index", "--find-links", WHEELHOUSE, f"{wheel}[postgresql]")
    run(*pip, PYINSTALLER)
    package = Path(
        subprocess.run(
            [python, "-c", "import cadre_desk, os; print(os.path.dirname(cadre_desk.__file__))"],
            check=True, capture_output=True, text=True, cwd=BUILD,
        ).stdout.strip()
    )  # fmt: skip
    if version != source_version():
        init = package / "__init__.py"
        init.write_text(
            re.sub(r'__version__ = "[^"]+"', f'__version__ = "{version}"', init.read_text("utf-8")),
            encoding="utf-8",
        )
    if extra_migration:
        add_dummy_migration(package)
    return python


def add_dummy_migration(package: Path) -> None:
    """A harmless next migration (a table nobody uses), for the upgrade test's "next version"."""
    versions = package / "db" / "migrations" / "versions"
    migrate = package / "db" / "migrate.py"
    text = migrate.read_text(encoding="utf-8")
    match = re.search(r"REVISIONS\s*=\s*\(([^)]*)\)", text, re.DOTALL)
    if not match:
        raise SystemExit("cannot find REVISIONS in db/migrate.py")
    known = re.findall(r'"([^"]+)"', match.group(1))
    head = known[-1]
    number = int(re.match(r"\d+", head).group()) + 1 if re.match(r"\d+", head) else 9999
    new = f"{number:04d}_dist_upgrade_test"
    (versions / f"{new}.py").write_text(
        f'"""Dummy migration of the upgrade test build."""\n\n'
        f"from alembic import op\nimport sqlalchemy as sa\n\n"
        f'revision = "{new}"\ndown_revision = "{head}"\nbranch_labels = None\ndepends_on = None\n\n\n'
        f"def upgrade() -> None:\n"
        f'    op.create_table("dist_upgrade_probe", sa.Column("id", sa.Integer, primary_key=True))\n\n\n'
        f"def downgrade() -> None:\n"
        f'    op.drop_table("dist_upgrade_probe")\n',
        encoding="utf-8",
    )
    revisions = ", ".join(f'"{name}"' for name in [*known, new])
    start, end = match.span(1)
    migrate.write_text(text[:start] + revisions + text[end:], "utf-8")


def inputs_digest(version: str, extra_migration: bool) -> str:
    """What the bundle is made of: the package, its metadata, the spec and this script."""
    digest = hashlib.sha256(f"{version} {extra_migration}".encode())
    files = [
        *sorted((ROOT / "cadre_desk").rglob("*")),
        ROOT / "setup.cfg",
        ROOT / "pyproject.toml",
        *sorted(PACKAGING.rglob("*")),
        Path(__file__).resolve(),
    ]
    for path in files:
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def bundle_stamp() -> Path:
    return BUILD / "pyinstaller" / "inputs.sha256"


def build_bundle(python: Path) -> Path:
    work = BUILD / "pyinstaller"
    run(
        python, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
        "--distpath", work / "dist", "--workpath", work / "work", PACKAGING / "cadre-desk.spec",
        cwd=BUILD,
    )  # fmt: skip
    bundle = work / "dist" / "cadre-desk"
    return bundle


# --- 3. the .deb ---------------------------------------------------------------------------------


def elf_needed(path: Path) -> list[str]:
    out = subprocess.run(["objdump", "-p", str(path)], capture_output=True, text=True, check=False)
    return re.findall(r"^\s+NEEDED\s+(\S+)", out.stdout, re.MULTILINE)


def is_elf(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(4) == b"\x7fELF"


def system_libraries(bundle: Path) -> set[str]:
    """Shared libraries the bundle needs but does not carry (the system must provide them)."""
    carried = {p.name for p in bundle.rglob("*.so*")}
    needed: set[str] = set()
    for path in bundle.rglob("*"):
        if path.is_file() and not path.is_symlink() and is_elf(path):
            needed.update(elf_needed(path))
    return {name for name in needed if name not in carried}


# The libraries taken from the system, never bundled: each is part of every X11 desktop install of
# Debian 12 and its derivatives (UOS, Kylin) and must match the system's graphics drivers, fonts
# and printers. Mapped to the Debian package that provides it (the .deb's Depends). The small
# xcb-util libraries and xkbcommon-x11, which Qt 6 needs but a GTK desktop may lack, stay bundled.
DESKTOP_PACKAGES = {
    "libc.so.6": "libc6",
    "libm.so.6": "libc6",
    "libdl.so.2": "libc6",
    "libpthread.so.0": "libc6",
    "librt.so.1": "libc6",
    "ld-linux-x86-64.so.2": "libc6",
    "libutil.so.1": "libc6",
    "libresolv.so.2": "libc6",
    "libgcc_s.so.1": "libgcc-s1",
    "libstdc++.so.6": "libstdc++6",
    "libz.so.1": "zlib1g",
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libGLX.so.0": "libglx0",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libexpat.so.1": "libexpat1",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgobject-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libgio-2.0.so.0": "libglib2.0-0",
    "libgmodule-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb.so.1": "libxcb1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libcups.so.2": "libcups2",
}


def is_extension(path: Path) -> bool:
    """A Python extension module (imported by the interpreter), not a shared library to link."""
    return ".cpython-" in path.name or path.name.endswith(".abi3.so")


def prune_bundle(bundle: Path) -> int:
    """Drop the system's libraries from the bundle, then every bundled library nothing needs.

    PyInstaller copies each shared library a module links to, the system's too; a bundled libGL,
    fontconfig or libstdc++ would clash with the target's drivers and configuration. Roots are the
    executable, Python extension modules and Qt plugins; a library survives if one of them needs it
    (NEEDED entries, followed transitively). Returns the bytes removed."""
    internal = bundle / "_internal"
    lib_dirs = {internal, internal / "PySide6" / "Qt" / "lib"}
    removed = 0

    def drop(path: Path) -> None:
        nonlocal removed
        if not path.is_symlink():
            removed += path.stat().st_size
        path.unlink()

    for folder in lib_dirs:
        for path in folder.iterdir():
            if path.name in DESKTOP_PACKAGES:
                drop(path)
    # A Python extension module sitting among the libraries (`_cffi_backend.cpython-311-….so`, which
    # argon2-cffi loads) is imported, never linked: a root, never pruned.
    candidates = [
        p for folder in lib_dirs for p in folder.iterdir() if ".so" in p.name and not is_extension(p)
    ]
    libraries = {p.name: p for p in candidates}
    roots = [
        path
        for path in bundle.rglob("*")
        if path.is_file()
        and not path.is_symlink()
        and (path.parent not in lib_dirs or is_extension(path))
        and is_elf(path)
    ]
    reachable: set[str] = set()
    todo = [*roots]
    while todo:
        for name in elf_needed(todo.pop()):
            if name in libraries and name not in reachable:
                reachable.add(name)
                todo.append(libraries[name].resolve())
    for path in candidates:
        keep = path.name in reachable or path.name.startswith("libpython")  # the bootloader's
        if not keep and (path.exists() or path.is_symlink()):
            drop(path)
    return removed


def glibc_needed(bundle: Path) -> str:
    """The newest GLIBC_x.y symbol version any file of the bundle needs (its oldest usable glibc)."""
    versions: set[tuple[int, ...]] = set()
    for path in bundle.rglob("*"):
        if path.is_file() and not path.is_symlink() and is_elf(path):
            out = subprocess.run(["objdump", "-T", str(path)], capture_output=True, text=True, check=False)
            versions.update(tuple(map(int, v.split("."))) for v in re.findall(r"GLIBC_([0-9.]+)", out.stdout))
    return ".".join(map(str, max(versions)))


def deb_depends(bundle: Path) -> list[str]:
    missing = system_libraries(bundle)
    unknown = sorted(name for name in missing if name not in DESKTOP_PACKAGES)
    if unknown:
        raise SystemExit(
            "the bundle needs system libraries that are not on the desktop list: "
            + ", ".join(unknown)
            + " (bundle them, or add them to DESKTOP_PACKAGES if every desktop has them)"
        )
    packages = sorted({DESKTOP_PACKAGES[name] for name in missing})
    glibc = glibc_needed(bundle)
    log(f"the bundle needs glibc {glibc} or newer")
    return [f"libc6 (>= {glibc})" if name == "libc6" else name for name in packages]


def tree_size_kib(folder: Path) -> int:
    total = 0
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            total += path.stat().st_size
    return (total + 1023) // 1024


def write(path: Path, text: str, mode: int = 0o644) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)


def build_deb(bundle: Path, version: str) -> Path:
    deb_version = debian_version(version)
    stage = BUILD / "deb" / f"cadre-desk_{deb_version}_{DEB_ARCH}"
    if stage.exists():
        shutil.rmtree(stage)
    shutil.copytree(bundle, stage / PREFIX.lstrip("/"), symlinks=True)
    usr = stage / "usr"
    (usr / "bin").mkdir(parents=True)
    (usr / "bin" / "cadre-desk").symlink_to(f"{PREFIX}/cadre-desk")
    linux = PACKAGING / "linux"
    write(usr / "share" / "applications" / "cadre-desk.desktop", (linux / "cadre-desk.desktop").read_text())
    write(usr / "share" / "mime" / "packages" / "cadre-desk.xml", (linux / "cadre-desk-mime.xml").read_text())
    icons = usr / "share" / "icons" / "hicolor"
    for png in sorted((ROOT / "cadre_desk" / "resources" / "icons").glob("cadre-desk-*.png")):
        size = png.stem.rsplit("-", 1)[1]
        target = icons / f"{size}x{size}" / "apps" / "cadre-desk.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(png, target)
    svg_target = icons / "scalable" / "apps" / "cadre-desk.svg"
    svg_target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ROOT / "resources" / "icons" / "cadre-desk.svg", svg_target)
    doc = usr / "share" / "doc" / "cadre-desk"
    write(doc / "copyright", (linux / "copyright").read_text())
    for font_licence in (ROOT / "cadre_desk" / "resources" / "fonts").glob("LICENSE-*"):
        shutil.copyfile(font_licence, doc / font_licence.name)
    shutil.copyfile(ROOT / "CHANGELOG.md", doc / "CHANGELOG.md")

    control = stage / "DEBIAN"
    depends = deb_depends(bundle)
    write(
        control / "control",
        (linux / "control.in")
        .read_text()
        .format(
            version=deb_version,
            arch=DEB_ARCH,
            depends=", ".join(depends),
            size=tree_size_kib(stage),
        ),
    )
    for script in ("postinst", "postrm"):
        write(control / script, (linux / script).read_text(), 0o755)
    # dpkg-deb wants sane permissions: directories 755, files 644 unless executable.
    for path in stage.rglob("*"):
        if path.is_symlink():
            continue
        mode = path.stat().st_mode
        if path.is_dir():
            path.chmod(0o755)
        elif path.parent != control:
            path.chmod(0o755 if mode & stat.S_IXUSR else 0o644)
    target = DIST / f"cadre-desk_{deb_version}_{DEB_ARCH}.deb"
    # gzip: 10 s against 4 min for xz on 2 busy cores (71 against 54 MB), and every dpkg reads it
    run("dpkg-deb", "--root-owner-group", "-Zgzip", "-z6", "--build", stage, target)
    return target


# --- 4. the portable archive ---------------------------------------------------------------------


def build_portable(bundle: Path, version: str) -> Path:
    name = f"cadre-desk-{version}-{PLATFORM_TAG}"
    target = DIST / f"{name}.tar.gz"
    marker = (PACKAGING / "portable.txt").read_bytes()

    def reset(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        return info

    with tarfile.open(target, "w:gz", compresslevel=6) as archive:
        archive.add(bundle, arcname=name, filter=reset)
        info = reset(tarfile.TarInfo(f"{name}/portable.txt"))
        info.size = len(marker)
        info.mode = 0o644
        info.mtime = int(time.time())
        import io

        archive.addfile(info, io.BytesIO(marker))
    return target


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def main(argv: list[str] | None = None) -> int:
    global DIST, BUILD, WHEELHOUSE  # noqa: PLW0603 (a script's folders, set once from its arguments)
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--version", help="build as this version (default: cadre_desk.__version__)")
    parser.add_argument("--extra-migration", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--skip-bundle", action="store_true", help="only the wheel and the wheelhouse")
    parser.add_argument(
        "--bundle-only",
        action="store_true",
        help="only the bundle (build/pyinstaller/dist/cadre-desk), reused if its inputs are unchanged",
    )
    parser.add_argument("--deb-only", action="store_true", help="only the .deb (the upgrade test)")
    parser.add_argument("--out", type=Path, default=DIST, help="where the packages go (default dist/)")
    parser.add_argument("--build-dir", type=Path, default=BUILD, help="work folder (default build/)")
    args = parser.parse_args(argv)
    DIST = args.out.resolve()
    BUILD = args.build_dir.resolve()
    BUILD.mkdir(parents=True, exist_ok=True)
    WHEELHOUSE = ROOT / "build" / "wheelhouse"  # shared: the same dependencies for every build
    DIST.mkdir(parents=True, exist_ok=True)
    version = args.version or source_version()
    started = time.monotonic()
    timings: dict[str, float] = {}

    def step(name: str, since: float) -> float:
        now = time.monotonic()
        timings[name] = now - since
        log(f"{name}: {now - since:.0f} s")
        return now

    t = time.monotonic()
    digest = inputs_digest(version, args.extra_migration)
    bundle = BUILD / "pyinstaller" / "dist" / "cadre-desk"
    reuse = bundle.is_dir() and bundle_stamp().is_file() and bundle_stamp().read_text() == digest
    if args.bundle_only and reuse:
        log(f"bundle up to date: {bundle}")
        return 0
    log(f"Cadre Desk {version}: wheel and wheelhouse")
    wheel = build_wheel(BUILD / "wheel")
    fill_wheelhouse(wheel)
    outputs: list[Path] = []
    if not (args.bundle_only or args.deb_only):
        shutil.copyfile(wheel, DIST / wheel.name)
        outputs += [DIST / wheel.name, wheelhouse_zip(wheel, version)]
    t = step("wheel + wheelhouse", t)
    if not args.skip_bundle:
        if reuse:
            log(f"bundle up to date (inputs unchanged): {bundle}")
        else:
            python = build_venv(wheel, version, args.extra_migration)
            t = step("build venv", t)
            bundle_stamp().unlink(missing_ok=True)
            bundle = build_bundle(python)
            log(f"pruned {prune_bundle(bundle) / 1e6:.0f} MB of system and unused libraries")
            bundle_stamp().write_text(digest)
            t = step("PyInstaller bundle", t)
        log(f"bundle: {tree_size_kib(bundle) / 1024:.0f} MB in {bundle}")
        if not args.bundle_only:
            outputs.append(build_deb(bundle, version))
            t = step(".deb", t)
        if not (args.bundle_only or args.deb_only):
            outputs.append(build_portable(bundle, version))
            t = step("portable .tar.gz", t)
    sums = DIST / "SHA256SUMS"
    lines = [f"{sha256(path)}  {path.name}\n" for path in outputs]
    if outputs:
        sums.write_text("".join(lines), encoding="utf-8")
    for path in outputs:
        log(f"{path.relative_to(DIST.parent) if DIST.is_relative_to(ROOT) else path}: "
            f"{path.stat().st_size / 1e6:.1f} MB")  # fmt: skip
    log(f"total {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PIP_DISABLE_PIP_VERSION_CHECK", "1")
    sys.exit(main())
