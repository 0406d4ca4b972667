"""One window per database file: a lock file beside the database naming who holds it.

`NAME.db.lock` holds one JSON object: the user, the PC (host name), the process id, the process's own
start time (to tell a live holder from a new process that got the same number after a crash) and when
the window started. It is created with O_EXCL, so two windows starting at once cannot both win.

A lock whose holder is gone (its process is not running on this PC any more: killed, crashed, power
lost) is stale and taken over. A lock held by a running process, or by another PC (a database on a
shared folder: its processes cannot be seen from here), is refused with `InstanceLocked`, which names
the holder; the window then offers to open the database read-only.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import json
import logging
import os
import platform
import sys
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from cadre_desk.db.failures import describe_os_error
from cadre_desk.errors import StorageError

log = logging.getLogger("cadre_desk.db")

SUFFIX = ".lock"


@dataclass(frozen=True)
class Holder:
    user: str
    host: str
    pid: int
    process_start: str  # the process's start tick (Linux) or "" where it cannot be read
    started: str  # ISO time the window started
    account: str = ""  # the signed-in account ("name（display name）"), once someone signed in

    def describe(self) -> str:
        when = self.started.replace("T", " ")[:16]
        who = f"账号 {self.account}，系统用户 {self.user}" if self.account else f"用户 {self.user}"
        return f"{who}，计算机 {self.host}，进程 {self.pid}，{when} 起"


class InstanceLocked(StorageError):
    """Another running window holds the database; `holder` says who."""

    def __init__(self, path: Path, holder: Holder) -> None:
        super().__init__(
            f"数据库 {path} 已在另一个干部成长档案台窗口中打开（{holder.describe()}）。"
            "同一个数据库只能在一个窗口中修改；可以以只读方式打开它。"
        )
        self.holder = holder


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + SUFFIX)


def _process_start(pid: int) -> str:
    """The start tick of a process (field 22 of /proc/PID/stat), '' where /proc is missing."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            stat = handle.read().decode("ascii", "replace")
    except OSError:
        return ""
    fields = stat[stat.rfind(")") + 2 :].split()
    return fields[19] if len(fields) > 19 else ""


def _running(pid: int, process_start: str) -> bool:
    """Whether the process `pid` (started at `process_start`) still runs on this PC."""
    if pid <= 0:
        return False
    if sys.platform == "win32":  # pragma: no cover - Windows only
        import ctypes

        kernel = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        kernel.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    if Path("/proc/self/stat").exists():
        now = _process_start(pid)
        return bool(now) and (not process_start or now == process_start)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _me() -> Holder:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "?"
    return Holder(
        user=user,
        host=platform.node() or "?",
        pid=os.getpid(),
        process_start=_process_start(os.getpid()),
        started=dt.datetime.now().isoformat(timespec="seconds"),
    )


def read_holder(path: Path) -> Holder | None:
    """Who the lock file names (None: no lock, or an unreadable one, which counts as stale)."""
    try:
        data = json.loads(lock_path(path).read_text(encoding="utf-8"))
        return Holder(
            str(data["user"]),
            str(data["host"]),
            int(data["pid"]),
            str(data.get("process_start", "")),
            str(data["started"]),
            str(data.get("account", "")),
        )
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        return None


class InstanceLock:
    """`acquire()` takes the database for this window or raises `InstanceLocked`; `release()` removes
    the lock file if it is still ours."""

    def __init__(self, database: Path) -> None:
        self.database = database
        self.path = lock_path(database)
        self.me = _me()
        self.held = False

    def _create(self) -> bool:
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            return False
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(asdict(self.me), handle, ensure_ascii=False)
            handle.flush()
            os.fsync(handle.fileno())
        return True

    def name_account(self, account: str) -> None:
        """Name the signed-in account in the held lock, so that a second window says who works here
        (several clerks may share one system login). Best effort: the lock holds either way."""
        if not self.held:
            return
        self.me = replace(self.me, account=account)
        partial = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        try:
            partial.write_text(json.dumps(asdict(self.me), ensure_ascii=False), encoding="utf-8")
            os.replace(partial, self.path)  # readers see the old holder or the new one, never half
        except OSError as exc:
            log.warning("could not name the account in the lock %s: %s", self.path, exc)
            with contextlib.suppress(OSError):
                partial.unlink()

    def acquire(self) -> None:
        try:
            for _attempt in range(3):
                if self._create():
                    self.held = True
                    return
                holder = read_holder(self.database)
                if holder is not None and (
                    holder.host != self.me.host or _running(holder.pid, holder.process_start)
                ):
                    if holder.pid == self.me.pid and holder.host == self.me.host:
                        self.held = True  # our own lock (a second start in this process)
                        return
                    raise InstanceLocked(self.database, holder)
                # stale (its process is gone) or unreadable: take it over
                log.info("taking over the stale lock %s (%s)", self.path, holder)
                stale = self.path.with_name(f"{self.path.name}.stale-{os.getpid()}")
                with contextlib.suppress(FileNotFoundError):
                    os.replace(self.path, stale)  # one of two racing windows wins the rename
                    stale.unlink()
        except OSError as exc:
            raise StorageError(f"无法创建锁文件 {self.path}：{describe_os_error(exc)}") from None
        raise StorageError(f"无法取得数据库的锁文件：{self.path}")

    def release(self) -> None:
        if not self.held:
            return
        self.held = False
        holder = read_holder(self.database)
        if holder is not None and holder.pid == self.me.pid and holder.host == self.me.host:
            with contextlib.suppress(OSError):
                self.path.unlink()
