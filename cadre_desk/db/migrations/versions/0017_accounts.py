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
    with op.batch_alter_table("account") as batch:
        batch.add_column(sa.Column("password_hash", sa.String(length=200), nullable=True))
        batch.add_column(sa.Column("roles", sa.String(length=200), nullable=False, server_default=""))
        batch.add_column(sa.Column("cadre_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("failed_logins", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("locked_until", sa.DateTime(), nullable=True))
        batch.add_column(
            sa.Column("must_change_password", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(sa.Column("disabled", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.create_foreign_key(op.f("fk_account_cadre_id_cadre"), "cadre", ["cadre_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("account") as batch:
        batch.drop_constraint(op.f("fk_account_cadre_id_cadre"), type_="foreignkey")
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
