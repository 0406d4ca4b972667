"""One cadre's row inside a unit of work, for the services that read or change it (below `cadres` and
`retirement`, which `cadres` imports)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from cadre_desk.db.models import Cadre
from cadre_desk.errors import ConflictError, NotFoundError


def load(session: Session, cadre_id: int) -> Cadre:
    """The cadre's row, or NotFoundError."""
    cadre = session.get(Cadre, cadre_id)
    if cadre is None:
        raise NotFoundError("干部", cadre_id)
    return cadre


def check_version(cadre: Cadre, expected_version: int) -> None:
    """ConflictError if the row changed since the caller read it (`expected_version`)."""
    if cadre.version != expected_version:
        raise ConflictError("干部", cadre.name, expected_version, cadre.version)
