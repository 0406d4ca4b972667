"""The benchmarks' context on a database with accounts (issue 11): signed in as $CADRE_DESK_USER
(default demo, password $CADRE_DESK_PASSWORD, default demo) without recording the sign-in, so that a
benchmark never writes to the database it measures."""

from __future__ import annotations

import os

from cadre_desk.db.engine import Database
from cadre_desk.services import accounts
from cadre_desk.services.context import ServiceContext, open_context


def signed_in(db: Database) -> ServiceContext:
    ctx = open_context(db, "bench")
    if ctx.permissions is None:  # the open mode: a database without accounts
        return ctx
    user = os.environ.get("CADRE_DESK_USER", "demo")
    return accounts.authenticate(db, user, os.environ.get("CADRE_DESK_PASSWORD", "demo"), record=False)
