"""accounts: password hash (argon2id), roles, the 导师's cadre, failed logins, lock-out and forced change

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06 15:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMNs (no table rebuild: the audit records refer to the account rows).
    with op.batch_alter_table("account", recreate="never") as batch:
        batch.add_column(sa.Column("password_hash", sa.String(length=200), nullable=True))
        batch.add_column(sa.Column("roles", sa.String(length=200), nullable=False, server_default=""))
        batch.add_column(sa.Column("cadre_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("failed_logins", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("locked_until", sa.DateTime(), nullable=True))
        batch.add_column(
            sa.Column("must_change_password", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(sa.Column("disabled", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("account") as batch:
        for name in (
            "disabled",
            "must_change_password",
            "locked_until",
            "failed_logins",
            "cadre_id",
            "roles",
            "password_hash",
        ):
            batch.drop_column(name)
