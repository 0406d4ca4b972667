"""One build of the checkout at a time: `pip wheel` of the checkout writes its build/ and *.egg-info,
and the wheelhouse in build/ is shared, so the bundle test and the wheel test (different files, hence
maybe different pytest-xdist workers at the same moment) take turns while building."""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@contextmanager
def building_the_checkout() -> Iterator[None]:
    lock = ROOT / "build" / "checkout-build.lock"
    lock.parent.mkdir(exist_ok=True)
    with lock.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # released when the file is closed
        yield
